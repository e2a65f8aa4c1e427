package hookrt

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readVerdicts reads a testdata file of verdicts: lines of tab-separated
// fields, the last a JSON string, "#" lines being comments.
func readVerdicts(t *testing.T, name string, fields int) [][]string {
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		row := strings.SplitN(line, "\t", fields)
		var s string
		if len(row) != fields || json.Unmarshal([]byte(row[fields-1]), &s) != nil {
			t.Fatalf("testdata/%s: bad line %q", name, line)
		}
		row[fields-1] = s
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestRegexAgreesWithV8 compares hkIsRegex with V8, an ECMA-262
// implementation, on 3000 patterns (testdata/regex-v8.txt).
func TestRegexAgreesWithV8(t *testing.T) {
	rows := readVerdicts(t, "regex-v8.txt", 2)
	for _, row := range rows {
		if got, want := hkIsRegex(row[1]), row[0] == "true"; got != want {
			t.Errorf("regex(%q) = %v, V8 says %v", row[1], got, want)
		}
	}
	if len(rows) < 3000 {
		t.Fatalf("only %d patterns", len(rows))
	}
}

// TestIDNAAgreesWithPython compares hkIsIDNHostname and hkIsHostname with
// the Python idna package, a strict IDNA2008 implementation, on 3000
// labels (testdata/idna-python.txt).
func TestIDNAAgreesWithPython(t *testing.T) {
	rows := readVerdicts(t, "idna-python.txt", 3)
	for _, row := range rows {
		check := hkFormats[row[0]]
		if check == nil {
			t.Fatalf("testdata/idna-python.txt: no format %q", row[0])
		}
		if got, want := check(row[2]), row[1] == "true"; got != want {
			t.Errorf("%s(%q) = %v, Python's idna says %v", row[0], row[2], got, want)
		}
	}
	if len(rows) < 3000 {
		t.Fatalf("only %d labels", len(rows))
	}
}

// TestURIAgreesWithABNF compares the URI family's checkers with the
// grammars of RFC 3986, 3987 and 6570 as regular expressions written from
// the ABNF alone (testdata/uri-abnf.py), on 3794 strings
// (testdata/uri-abnf.txt).
func TestURIAgreesWithABNF(t *testing.T) {
	rows := readVerdicts(t, "uri-abnf.txt", 2)
	names := []string{"uri", "uri-reference", "iri", "iri-reference", "uri-template"}
	for _, row := range rows {
		if len(row[0]) != len(names) {
			t.Fatalf("testdata/uri-abnf.txt: %d verdicts for %q", len(row[0]), row[1])
		}
		for i, name := range names {
			if got, want := hkFormats[name](row[1]), row[0][i] == '1'; got != want {
				t.Errorf("%s(%q) = %v, the ABNF says %v", name, row[1], got, want)
			}
		}
	}
	if len(rows) < 3000 {
		t.Fatalf("only %d strings", len(rows))
	}
}
