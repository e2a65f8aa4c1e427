package hookrt

import (
	"regexp"
	"testing"
)

// The patterns of this repository's schemas, and some that must fall back.
var patternSeeds = []string{
	`^aiflw_[A-Za-z0-9]+$`, `^cmsg_[A-Za-z0-9]+$`, `^\+[1-9][0-9]{6,14}$`, `^[0-9]{1,4}$`, `^[a-z0-9_]+:.+$`,
	`^[a-z0-9_]+$`, `^wh_[A-Za-z0-9]+$`, `^[A-Z][A-Z0-9_]*$`, `^[1-9][0-9]{6,14}$`, `^wamid\.`, `^ord_[0-9a-z]+$`,
	`^a*b?c{2,3}$`, `^é+ü?$`, `^.{2,4}$`, `^x?$`, `^[^a-z]+$`, `^agent_[A-Za-z0-9_]+$`, `^ab[c]d*ef$`, `^abc$`, `^é_x$`,
	// not simple: fall back to regexp
	`^[a-z]+[a-z0-9]$`, `abc`, `^(a|b)+$`, `^(?i)abc$`, `^a.*b$`, `\d+$`,
}

func TestSimplePatternsAreUsedWhereExact(t *testing.T) {
	for _, src := range []string{`^cmsg_[A-Za-z0-9]+$`, `^\+[1-9][0-9]{6,14}$`, `^[a-z0-9_]+:.+$`, `^wamid\.`} {
		if _, ok := hkCompilePattern(src).(*hkSimple); !ok {
			t.Errorf("%s should get the linear matcher", src)
		}
	}
	for _, src := range []string{`^[a-z]+[a-z0-9]$`, `abc`, `^(a|b)+$`, `^(?i)abc$`, `^a.*b$`} {
		if _, ok := hkCompilePattern(src).(*regexp.Regexp); !ok {
			t.Errorf("%s must fall back to regexp", src)
		}
	}
}

var patternInputs = []string{"", "a", "cmsg_1234abcd", "cmsg_", "+919988776655", "+0123", "+91998877665512345",
	"telegram:123", "telegram:", ":x", "wamid.HBgN", "wamid", "ABC_1", "aBC", "é", "ééü", "abcc", "bccc", "x\n", "\xff\xfe", "12345",
	"agent_", "agent_x1", "agen", "agentx_1", "abcef", "abcdddef", "abdef", "abc", "abcd", "é_x", "é_"}

// TestLiteralRunsAreJoined: the characters before a class are compared as
// one string.
func TestLiteralRunsAreJoined(t *testing.T) {
	p, ok := hkSimplePattern(`^agent_[A-Za-z0-9_]+$`)
	if !ok || len(p.elems) != 2 || p.elems[0].lit != "agent_" || p.elems[1].lit != "" {
		t.Fatalf("elements: %+v", p)
	}
}

func TestSimpleMatchesLikeRegexp(t *testing.T) {
	for _, src := range patternSeeds {
		m, re := hkCompilePattern(src), regexp.MustCompile(src)
		for _, in := range patternInputs {
			if got, want := m.MatchString(in), re.MatchString(in); got != want {
				t.Errorf("%s on %q: %v, regexp %v", src, in, got, want)
			}
		}
	}
}

func FuzzSimplePattern(f *testing.F) {
	for i, src := range patternSeeds {
		f.Add(src, patternInputs[i%len(patternInputs)])
	}
	f.Fuzz(func(t *testing.T, src, in string) {
		re, err := regexp.Compile(src)
		if err != nil {
			return
		}
		s, ok := hkSimplePattern(src)
		if !ok {
			return
		}
		if got, want := s.MatchString(in), re.MatchString(in); got != want {
			t.Fatalf("%q on %q: %v, regexp %v", src, in, got, want)
		}
	})
}
