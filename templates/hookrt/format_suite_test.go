package hookrt

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestFormatsSuite runs every checker on the JSON Schema Test Suite's
// optional/format tests, drafts 7, 2019-09 and 2020-12, which the
// repository carries in testdata/jsonschema-test-suite. Every format file
// there but unknown.json (a format nobody defines, so no assertion) must
// name a format hookgen asserts, and every string test must agree.
func TestFormatsSuite(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "jsonschema-test-suite", "tests")
	tested := map[string]int{}
	for _, draft := range []string{"draft7", "draft2019-09", "draft2020-12"} {
		files, err := filepath.Glob(filepath.Join(root, draft, "optional", "format", "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no optional/format files for %s in %s: %v", draft, root, err)
		}
		for _, file := range files {
			if filepath.Base(file) == "unknown.json" {
				continue
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var groups []struct {
				Description string `json:"description"`
				Schema      struct {
					Format string `json:"format"`
				} `json:"schema"`
				Tests []struct {
					Description string `json:"description"`
					Data        any    `json:"data"`
					Valid       bool   `json:"valid"`
				} `json:"tests"`
			}
			if err := json.Unmarshal(data, &groups); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			for _, g := range groups {
				check := hkFormats[g.Schema.Format]
				if check == nil {
					t.Errorf("%s: %q: hookgen asserts no format %q", file, g.Description, g.Schema.Format)
					continue
				}
				for _, test := range g.Tests {
					s, ok := test.Data.(string)
					if !ok {
						continue // formats only constrain strings
					}
					tested[g.Schema.Format]++
					if got := check(s); got != test.Valid {
						t.Errorf("%s/%s: %s(%q) = %v, the suite says %v (%s)", draft, filepath.Base(file), g.Schema.Format, s, got, test.Valid, test.Description)
					}
				}
			}
		}
	}
	for name := range hkFormats {
		switch name {
		case "period", "host-name", "ip-address", "uriref":
			// Not JSON Schema formats of these drafts: the suite has no file.
		default:
			if tested[name] == 0 {
				t.Errorf("format %q has no suite test", name)
			}
		}
	}
}

// TestFormatsDoNotAllocate: checking a valid value allocates nothing, for
// a typical value of every format (an email with a quoted local part
// still goes through net/mail, which allocates; it is not typical).
func TestFormatsDoNotAllocate(t *testing.T) {
	for name, check := range hkFormats {
		s, ok := typicalFormatValues[name]
		if !ok {
			t.Errorf("no typical value for format %q", name)
			continue
		}
		if !check(s) {
			t.Errorf("%s(%q) = false, want true", name, s)
		}
		if n := testing.AllocsPerRun(100, func() { check(s) }); n != 0 {
			t.Errorf("%s(%q) allocates %v times", name, s, n)
		}
	}
}

// typicalFormatValues are a valid value of every format, as payloads
// hold them.
var typicalFormatValues = map[string]string{
	"date-time": "2024-01-15T10:30:00.123+05:30", "date": "2024-01-15", "time": "10:30:00Z",
	"duration": "P1Y2M3DT4H5M6S", "period": "2024-01-01T00:00:00Z/P1D",
	"email": "john.doe@example.com", "idn-email": "\uc2e4\ub840@\uc2e4\ub840.\ud14c\uc2a4\ud2b8",
	"hostname": "xn--bcher-kva.example.com", "host-name": "api.github.com",
	"idn-hostname": "b\u00fccher.\u05d0\u05d1.example", "ipv4": "192.168.0.1", "ip-address": "10.0.0.1",
	"ipv6": "2001:db8::ffff:1.2.3.4", "uri": "https://user@[2001:db8::7]:8080/a/b?c=d#e",
	"uri-reference": "../a/b?c#d", "uriref": "//example.com/x", "iri": "http://\u0192\u00f8\u00f8.\u00df\u00e5r/?\u2202=\u03c0#x",
	"iri-reference": "/\u00e2\u03c0\u03c0", "uri-template": "https://api.github.com/orgs/o/members{/member}{?page,per_page}",
	"json-pointer": "/a~1b/c~0d/0", "relative-json-pointer": "1+2/foo/0",
	"regex": "^(?<year>\\d{4})-(?:[a-z]+|\\p{L}+)[^\\]\\-]*(?<=x)\\k<year>$",
	"uuid":  "550e8400-e29b-41d4-a716-446655440000",
}

// TestFormatCases are cases beyond the suite's, each with the rule that
// decides it, for the formats jsonschema/v5 cannot be compared with.
func TestFormatCases(t *testing.T) {
	cases := []struct {
		format, s string
		want      bool
		why       string
	}{
		{"idn-hostname", "ab--cd.example", false, "an R-LDH label that is no A-label (RFC 5890 2.3.2.3)"},
		{"idn-hostname", "a--b.example", true, "hyphens in the 2nd and 3rd positions are an NR-LDH label"},
		{"idn-hostname", "xn--bcher-kva.example", true, "an A-label for b\u00fccher"},
		{"idn-hostname", "b\u00fccher.example", true, "a U-label"},
		{"idn-hostname", "B\u00fccher.example", true, "ASCII capitals map to small letters"},
		{"idn-hostname", "\u00c9cole.example", false, "a non-ASCII capital is DISALLOWED (Unstable)"},
		{"idn-hostname", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629.example", true, "an Arabic label in an LTR name: each label keeps its rule"},
		{"idn-hostname", "1.\u05d0", false, "a bidi domain name's digit-first label (RFC 5893 rule 1)"},
		{"idn-hostname", "\ufb01.example", false, "the fi ligature is a compatibility character (Unstable)"},
		{"idn-hostname", "\u0131.example", true, "dotless i is PVALID"},
		{"idn-hostname", "\u2764.example", false, "a symbol is DISALLOWED"},
		{"idn-email", "a@ab--cd.example", false, "the domain is an idn-hostname"},
		{"idn-email", "\"a\\\"b\"@example.com", true, "a quoted-pair in a quoted local part"},
		{"idn-email", "\"a\nb\"@example.com", false, "a control character in a quoted local part"},
		{"idn-email", "a..b@example.com", false, "an empty atom in a dot-atom"},
		{"idn-email", "\u00fcser@[IPv6:::1]", true, "an address literal"},
		{"host-name", "example.com", true, "draft 3's hostname"},
		{"host-name", "example.", false, "as hostname"},
		{"uri-template", "{+path}/here", true, "RFC 6570 3.2.3"},
		{"uri-template", "{var:30}", true, "RFC 6570 2.4.1"},
		{"uri-template", "{;keys*}", true, "RFC 6570 3.2.7"},
		{"uri-template", "{x{y}", false, "a brace inside an expression"},
		{"relative-json-pointer", "0-1#", true, "index manipulation then #"},
		{"relative-json-pointer", "0+0/a", false, "the manipulation is a positive integer"},
		{"regex", "(?<a>x)(?<b>y)\\k<c>", false, "\\k names no group"},
		{"regex", "[\\d-z]", false, "a class escape ends a range"},
		{"regex", "(?<=x)*", false, "a lookbehind is not quantifiable"},
		{"period", "2024-01-01T00:00:00Z/2024-01-02", false, "a date is no date-time"},
	}
	for _, c := range cases {
		if got := hkFormats[c.format](c.s); got != c.want {
			t.Errorf("%s(%q) = %v, want %v: %s", c.format, c.s, got, c.want, c.why)
		}
	}
}
