package hookrt

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestIDNAClassMatchesRFC5892 holds hkIDNAClass, derived from Go's
// unicode tables and a few of its own, to the full IDNA2008 derived
// property table (testdata/idna2008.txt), code point by code point. Two
// kinds of code point are exempt, and counted: ASCII capitals, which
// hookgen takes as the small letters they map to (host names are
// case-insensitive), and code points assigned after the Unicode version
// of Go's tables, which Go cannot tell from unassigned ones.
func TestIDNAClassMatchesRFC5892(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "idna2008.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := make([]int8, unicode.MaxRune+1) // hkIDNADisallowed unless listed
	classes := map[string]int8{"PVALID": hkIDNAPValid, "CONTEXTJ": hkIDNAContextJ, "CONTEXTO": hkIDNAContextO}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		lo, err1 := strconv.ParseUint(fields[0], 16, 32)
		hi, err2 := strconv.ParseUint(fields[1], 16, 32)
		class, ok := classes[fields[2]]
		if err1 != nil || err2 != nil || !ok || len(fields) != 3 {
			t.Fatalf("testdata/idna2008.txt: bad line %q", line)
		}
		for r := lo; r <= hi; r++ {
			want[r] = class
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	capitals, newer := 0, 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		got := int8(hkIDNAClass(r))
		if got == want[r] {
			continue
		}
		switch {
		case r >= 'A' && r <= 'Z' && got == hkIDNAPValid:
			capitals++
		case got == hkIDNADisallowed && !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs):
			newer++
		default:
			t.Errorf("U+%04X: hkIDNAClass says %d, RFC 5892's table %d", r, got, want[r])
		}
	}
	t.Logf("exempt: %d ASCII capitals; %d code points newer than Go's Unicode %s", capitals, newer, unicode.Version)
}

// TestBidiClassMatchesUCD holds hkBidiClass to the bidi classes of every
// code point a label may hold (testdata/bidi-label.txt), so the bidi rule
// of RFC 5893 reads each one as Unicode classes it.
func TestBidiClassMatchesUCD(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "bidi-label.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := map[string]int{"L": hkBidiL, "R": hkBidiR, "AL": hkBidiAL, "EN": hkBidiEN, "AN": hkBidiAN,
		"ES": hkBidiES, "NSM": hkBidiNSM, "ON": hkBidiON, "BN": hkBidiBN}
	sc := bufio.NewScanner(f)
	checked := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		lo, err1 := strconv.ParseUint(fields[0], 16, 32)
		hi, err2 := strconv.ParseUint(fields[1], 16, 32)
		want, ok := names[fields[2]]
		if err1 != nil || err2 != nil || len(fields) != 3 {
			t.Fatalf("testdata/bidi-label.txt: bad line %q", line)
		}
		if !ok {
			t.Errorf("U+%04X..U+%04X: bidi class %s, which no label character has in hkBidiClass", lo, hi, fields[2])
			continue
		}
		for r := rune(lo); r <= rune(hi); r++ {
			checked++
			if got := hkBidiClass(r); got != want {
				t.Errorf("U+%04X: hkBidiClass says %d, Unicode %s", r, got, fields[2])
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if checked < 100000 {
		t.Fatalf("only %d code points checked", checked)
	}
}

// TestJoiningTypeMatchesUCD holds hkJoiningType, which the ZERO WIDTH
// NON-JOINER rule of RFC 5892 appendix A.1 reads, to the Joining_Type of
// every code point a label may hold (testdata/joining-label.txt) that Go's
// Unicode tables know.
func TestJoiningTypeMatchesUCD(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "joining-label.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	checked := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		lo, err1 := strconv.ParseUint(fields[0], 16, 32)
		hi, err2 := strconv.ParseUint(fields[1], 16, 32)
		if err1 != nil || err2 != nil || len(fields) != 3 || len(fields[2]) != 1 {
			t.Fatalf("testdata/joining-label.txt: bad line %q", line)
		}
		for r := rune(lo); r <= rune(hi); r++ {
			if hkIDNAClass(r) == hkIDNADisallowed {
				continue // newer than Go's Unicode: no label may hold it here
			}
			checked++
			if got := hkJoiningType(r); got != fields[2][0] {
				t.Errorf("U+%04X: hkJoiningType says %c, Unicode %s", r, got, fields[2])
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if checked < 100000 {
		t.Fatalf("only %d code points checked", checked)
	}
}
