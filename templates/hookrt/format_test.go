package hookrt

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// v5Unknown are the formats hookgen asserts and jsonschema/v5 does not
// know at all, so it lets every string through.
var v5Unknown = map[string]string{
	"idn-email":    "RFC 6531 addresses: v5 asserts nothing, so \"2962\" passes",
	"idn-hostname": "RFC 5890 names: v5 asserts nothing, so \"-> $1.00 <--\" passes",
	"host-name":    "draft 3's name for hostname: v5 asserts nothing",
}

// formatAliases are the older names of a format, which share its seeds
// and its differences from jsonschema/v5.
var formatAliases = map[string]string{"ip-address": "ipv4", "uriref": "uri-reference", "host-name": "hostname"}

// v5Difference is an input on which hookgen's checker and jsonschema/v5's
// disagree because v5 is wrong; hookgen is what the format's
// specification and the JSON Schema Test Suite say.
type v5Difference struct {
	why     string
	format  string
	hookgen map[string]bool // input -> hookgen's verdict (v5 says the opposite)
}

// v5Differences are every disagreement on the seeds and the suite's
// strings, by cause.
var v5Differences = []v5Difference{
	{
		why:    "v5 reads a template as a URL and wants balanced braces in each \"/\"-separated part of its path, so it refuses every expression holding \"/\", or with the \"/\", \"?\" or \"#\" operator, or a prefix in the first segment (RFC 6570 sections 2.4.1, 3.2.6 to 3.2.8)",
		format: "uri-template",
		hookgen: map[string]bool{
			"https://api.github.com/orgs/o/members{/member}": true, "https://api.github.com/repos/o/r/git/commits{/sha}": true,
			"https://api.github.com/repos/o/r/issues{/number}": true, "https://api.github.com/users/u/starred{/owner}{/repo}": true,
			"https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}": true, "http://example.com/search{?q,lang}": true,
			"{/var}": true, "{/list*}": true, "{?var}": true, "{#var}": true, "{v:1000}": true, "X{.var:3}": true,
		},
	},
	{
		why:    "v5 checks only that braces pair up: it accepts empty expressions and variable lists, malformed variable names and modifiers, the operators RFC 6570 reserves, and characters section 2.1 keeps out of literals",
		format: "uri-template",
		hookgen: map[string]bool{
			"{}": false, "{a,,b}": false, "{a,}": false, "{a..b}": false, "{.x.}": false, "{x**}": false, "{var=def}": false,
			"{,+var}": false, "{=x}": false, "{!x}": false, "{@x}": false, "{|x}": false, "a b": false, "a\ufffeb": false,
		},
	},
	{
		why:    "v5 parses with Go's net/url, which takes characters RFC 3986 section 2 does not allow unescaped (space, \"<>\\^`{|}, a second \"#\", non-ASCII)",
		format: "uri",
		hookgen: map[string]bool{
			"https://example.org/foo bar.txt": false, "https://example.org/foobar\".txt": false, "https://example.org/foobar<>.txt": false,
			"https://example.org/foobar\\.txt": false, "https://example.org/foobar^.txt": false, "https://example.org/foobar`.txt": false,
			"https://example.org/foobar{}.txt": false, "https://example.org/foobar|.txt": false, "https://example.org/foobar\u00ae.txt": false,
			"http://h/a#b#c": false,
		},
	},
	{
		why:     "v5 (net/url) takes square brackets in a path, which RFC 3986 keeps for IP literals in the authority",
		format:  "uri",
		hookgen: map[string]bool{"http:/[::1]": false},
	},
	{
		why:     "v5 (net/url) refuses an IPvFuture host, RFC 3986 section 3.2.2",
		format:  "uri",
		hookgen: map[string]bool{"http://[v7.x:y]/": true},
	},
	{
		why:    "v5 (net/url) takes a second \"@\" in the authority, square brackets in a path, a double quote and unescaped non-ASCII",
		format: "uri-reference",
		hookgen: map[string]bool{
			"//a@b@example.com/": false, "//u@h@x": false, "/[::1]": false, "/a\"b": false, "/foobar\u00ae.txt": false,
		},
	},
	{
		why:     "as for uri-reference: v5 (net/url) takes a second \"@\" in the authority, square brackets in a path and a double quote",
		format:  "iri-reference",
		hookgen: map[string]bool{"//a@b@\u00e9.example/": false, "/\u00e9[x]": false, "/\u00e9\"": false},
	},
	{
		why:     "v5 reads an IRI as a URI with net/url: it refuses an IPvFuture host and takes code points RFC 3987 section 2.2 excludes (a private-use character outside the query, a noncharacter)",
		format:  "iri",
		hookgen: map[string]bool{"http://[V1.fe]": true, "http://h/#\ue000": false, "http://h/\ufffe": false},
	},
	{
		why:    "v5 takes a trailing dot, checks the no-leading-hyphen rule on the first label only, and does not decode A-labels, so it accepts invalid Punycode and labels whose Unicode form IDNA2008 (RFC 5891, 5892) forbids",
		format: "hostname",
		hookgen: map[string]bool{
			"example.": false, "a.-b.com": false, "xn--X": false, "XN--aa---o47jg78q": false, "xn--ls8h.la": false,
			"xn--07jt112bpxg.xn--9t4b11yi5a": false, "xn--02b508i": false, "xn--07jceefgh4c": false, "xn--11b2er09f": false,
			"xn--5db1e": false, "xn--5db3e": false, "xn--A-2hc5h": false, "xn--A-2hc8h": false, "xn--S-jib3p": false,
			"xn--al-0ea": false, "xn--chb89f": false, "xn--defabc-k64e": false, "xn--hello-6bf": false, "xn--hello-txk": false,
			"xn--hello-zed": false, "xn--l-fda": false, "xn--l-gda": false, "xn--la-0ea": false, "xn--ngb6iyr": false,
			"xn--vek": false, "xn--wva3j": false,
		},
	},
	{
		why:    "v5 reads the address with net/mail, an RFC 5322 (message header) parser: it takes folding white space before the address and non-ASCII (RFC 6532), which RFC 5321's Mailbox, the grammar JSON Schema names, does not, and refuses the empty quoted string it allows",
		format: "email",
		hookgen: map[string]bool{
			" a@example.com": false, "\t a@example.com": false, "\u00e9@example.com": false, "\"\u00e9\"@example.com": false,
			"\"a\\\u00e9\"@example.com": false, "\"\"@example.com": true,
		},
	},
	{
		why:     "v5 checks the domain as its hostname reading, above",
		format:  "email",
		hookgen: map[string]bool{"a@a.-b.com": false, "a@xn--X.com": false},
	},
	{
		why:     "v5 reads each group with strconv.Atoi, which takes a sign, and lets \"00\" through its leading-zero check (RFC 2673 section 3.2: decimal digits only)",
		format:  "ipv4",
		hookgen: map[string]bool{"+1.2.3.4": false, "-0.1.1.1": false, "00.0.0.0": false},
	},
	{
		why:     "v5 lacks the index manipulation (\"+\" or \"-\" and a number after the prefix) of draft-bhutton-relative-json-pointer-00, the version JSON Schema 2020-12 names",
		format:  "relative-json-pointer",
		hookgen: map[string]bool{"0+1/foo": true, "1-1#": true},
	},
	{
		why:    "v5 compiles the pattern with Go's regexp (RE2), a different dialect: it takes RE2 and Annex B syntax ECMA-262's Unicode mode forbids, and refuses ECMA-262 syntax RE2 lacks (lookbehind, backreferences, [^], \\cA, \\p{Script=...})",
		format: "regex",
		hookgen: map[string]bool{
			"(?P<name>x)": false, "(?i)abc": false, "(?ii:a)": false, "(?ims)abc": false,
			"\\a": false, "\\-": false, "\\00": false, "$*": false, "\\b+": false, "]": false, "}": false, "x{": false, "a{,2}": false,
			"(?<=a+)b": true, "(?<n>a)\\k<n>": true, "(?<n>a)(?<m>b)\\k<m>": true, "(a)\\1": true, "[]": true, "[^]": true, "[\\b]": true, "\\cA": true,
			"\\p{Script=Latin}": true, "\\p{sc=Latn}": true, "\\uD83D\\uDE00": true, "\\u{10FFFF}": true,
		},
	},
}

// suiteStrings are the string test data of the JSON Schema Test Suite's
// optional/format files (the three drafts), by format.
func suiteStrings(t testing.TB) map[string][]string {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "jsonschema-test-suite", "tests", "*", "optional", "format", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("the suite's optional/format files are missing: %v", err)
	}
	out := map[string][]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var groups []struct {
			Schema struct {
				Format string `json:"format"`
			} `json:"schema"`
			Tests []struct {
				Data any `json:"data"`
			} `json:"tests"`
		}
		if err := json.Unmarshal(data, &groups); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, g := range groups {
			for _, test := range g.Tests {
				if s, ok := test.Data.(string); ok {
					out[g.Schema.Format] = append(out[g.Schema.Format], s)
				}
			}
		}
	}
	return out
}

// seedsFor are the inputs the differential test runs one format on.
func seedsFor(name string, suite map[string][]string) []string {
	canon := name
	if a, ok := formatAliases[name]; ok {
		canon = a
	}
	var seeds []string
	switch canon {
	case "date-time", "date", "time", "email", "hostname", "ipv4", "ipv6", "uri", "uuid":
		seeds = append(seeds, formatSeeds...)
	}
	seeds = append(seeds, suite[canon]...)
	seeds = append(seeds, formatExtraSeeds[canon]...)
	for _, d := range v5Differences {
		if d.format == canon {
			for s := range d.hookgen {
				seeds = append(seeds, s)
			}
		}
	}
	slices.Sort(seeds)
	return slices.Compact(seeds)
}

// knownDifference is hookgen's verdict on s where v5 is listed as wrong.
func knownDifference(name, s string) (hookgen, ok bool) {
	if a, alias := formatAliases[name]; alias {
		name = a
	}
	for _, d := range v5Differences {
		if v, found := d.hookgen[s]; found && d.format == name {
			return v, true
		}
	}
	return false, false
}

// TestFormatsAgreeWithReference runs every checker next to jsonschema/v5's
// on the seeds and the suite's strings: they must agree but on the
// differences listed, where hookgen must say what the list says and v5
// the opposite (so a fixed v5 shows up as a stale entry).
func TestFormatsAgreeWithReference(t *testing.T) {
	suite := suiteStrings(t)
	names := make([]string, 0, len(hkFormats))
	for name := range hkFormats {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		check, ref := hkFormats[name], jsonschema.Formats[name]
		if ref == nil {
			if v5Unknown[name] == "" {
				t.Errorf("jsonschema/v5 has no format %q, and v5Unknown does not say so", name)
			}
			continue
		}
		if v5Unknown[name] != "" {
			t.Errorf("v5Unknown lists %q, which jsonschema/v5 asserts", name)
		}
		for _, s := range seedsFor(name, suite) {
			got, want := check(s), ref(s)
			if listed, ok := knownDifference(name, s); ok {
				if got != listed {
					t.Errorf("%s(%q) = %v, v5Differences says hookgen answers %v", name, s, got, listed)
				}
				if want == got {
					t.Errorf("%s(%q): jsonschema/v5 now agrees (%v); drop it from v5Differences", name, s, want)
				}
				continue
			}
			if got != want {
				t.Errorf("%s(%q) = %v, jsonschema/v5 says %v", name, s, got, want)
			}
		}
	}
}

// v5Agrees reports whether jsonschema/v5 reads format name right on s,
// so the fuzz target can compare the two: everywhere for the formats v5
// reads as their specifications do, and outside the listed kinds of
// difference for the others.
func v5Agrees(name, s string) bool {
	switch name {
	case "date-time", "date", "time", "uuid", "ipv6", "duration", "period", "json-pointer":
		return true
	case "email":
		// v5's net/mail takes white space and non-ASCII and refuses "";
		// its domain is read as its hostname.
		at := strings.LastIndexByte(s, '@')
		return at >= 0 && !hkContainsAny(s, " \t\r\n()") && hkASCII(s) && !strings.HasPrefix(s, "\"\"@") && !hkV5HostnameGap(s[at+1:])
	case "ipv4", "ip-address":
		// v5's strconv.Atoi takes a sign and "00".
		return !hkContainsAny(s, "+-") && !hkHasZeroZero(s)
	case "relative-json-pointer":
		// v5 lacks the index manipulation ("0+1").
		n := hkDecimalPrefix(s)
		return n == len(s) || s[n] != '+' && s[n] != '-'
	case "hostname":
		// v5 takes a trailing dot and a hyphen starting a later label,
		// and does not decode A-labels.
		return !hkV5HostnameGap(s)
	}
	return false
}

func hkContainsAny(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return true
			}
		}
	}
	return false
}

// hkHasZeroZero: a dotted group of two or more digits starting with 0.
func hkHasZeroZero(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if (i == 0 || s[i-1] == '.') && s[i] == '0' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

// hkHasReservedLDH: a label, not an A-label, with "--" third and fourth.
func hkHasReservedLDH(s string) bool {
	for rest := s; ; {
		label, next, more := hkNextIDNLabel(rest)
		if hkReservedLDH(label) && !hkIsALabelPrefix(label) {
			return true
		}
		if !more {
			return false
		}
		rest = next
	}
}

func hkV5HostnameGap(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (i == 0 || s[i-1] == '.') && (s[i] == 'x' || s[i] == 'X') && (s[i+1] == 'n' || s[i+1] == 'N') && s[i+2] == '-' && s[i+3] == '-' {
			return true
		}
	}
	for i := 1; i < len(s); i++ {
		if s[i-1] == '.' && s[i] == '-' {
			return true
		}
	}
	return len(s) > 0 && s[len(s)-1] == '.'
}

func FuzzFormats(f *testing.F) {
	for _, s := range formatSeeds {
		f.Add(s)
	}
	for _, seeds := range formatExtraSeeds {
		for _, s := range seeds {
			f.Add(s)
		}
	}
	for _, d := range v5Differences {
		for s := range d.hookgen {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		verdict := map[string]bool{}
		for name, check := range hkFormats {
			verdict[name] = check(s)
			if ref := jsonschema.Formats[name]; ref != nil && v5Agrees(name, s) {
				if got, want := verdict[name], ref(s); got != want {
					t.Fatalf("%s(%q) = %v, jsonschema/v5 says %v", name, s, got, want)
				}
			}
		}
		// Each grammar contains the next: a URI is an IRI and a
		// URI-reference, each of those an IRI-reference, which is a
		// URI Template without expressions.
		for _, sub := range [][2]string{
			{"uri", "iri"}, {"uri", "uri-reference"}, {"iri", "iri-reference"}, {"uri-reference", "iri-reference"},
			{"iri-reference", "uri-template"}, {"hostname", "idn-hostname"}, {"date-time", "period"},
		} {
			if sub[1] == "period" {
				// A date-time and a duration either side of "/" is a period.
				if verdict["date-time"] && !hkIsPeriod(s+"/P1D") {
					t.Fatalf("period(%q) is false, but %q is a date-time", s+"/P1D", s)
				}
				continue
			}
			if sub[0] == "hostname" && hkHasReservedLDH(s) {
				continue // RFC 1123 allows "ab--c", an IDN does not
			}
			if verdict[sub[0]] && !verdict[sub[1]] {
				t.Fatalf("%q is a valid %s but not a valid %s", s, sub[0], sub[1])
			}
		}
		// A JSON Pointer after a prefix is a relative one.
		if (s == "" || s[0] == '/') && verdict["json-pointer"] != hkIsRelativeJSONPointer("0"+s) {
			t.Fatalf("json-pointer(%q) = %v, but relative-json-pointer(%q) = %v", s, verdict["json-pointer"], "0"+s, !verdict["json-pointer"])
		}
		// Punycode round trip: what encodes decodes back to itself.
		var l hkLabel
		if hkUTF8Label(s, &l) {
			var buf [hkMaxLabel]byte
			if n, ok := hkPunycodeEncode(l.runes(), buf[:]); ok {
				var back hkLabel
				if !hkPunycodeDecode(string(buf[:n]), &back) || !slices.Equal(back.runes(), l.runes()) {
					t.Fatalf("Punycode of %q is %q, which decodes to %q", s, buf[:n], string(back.runes()))
				}
			}
		}
	})
}
