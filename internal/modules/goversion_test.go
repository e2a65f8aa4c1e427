package modules

import (
	"go/version"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// goLine is the go directive of a go.mod or go.work file, as "go1.N.P".
func goLine(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "go "); ok {
			return "go" + strings.TrimSpace(v)
		}
	}
	t.Fatalf("%s has no go directive", file)
	return ""
}

// readmeVersion is the Go version the README states in the sentence that
// matches re (its one group), as "go1.N[.P]".
func readmeVersion(t *testing.T, readme string, re string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(strings.Join(strings.Fields(readme), " "))
	if m == nil {
		t.Fatalf("README.md no longer says %s", re)
	}
	return "go" + m[1]
}

// TestReadmeGoVersions: the Go versions README.md asks for are the ones
// the go.work and go.mod files ask for, so a new user with the version the
// README names can build what it says. A README that said Go 1.24 while
// go.work needed 1.26.8 was the first trap a new user fell into.
func TestReadmeGoVersions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	work, hookgen, receiver := goLine(t, "go.work"), goLine(t, "go.mod"), goLine(t, "cmd/receiver/go.mod")
	for _, m := range []struct{ file, v string }{{"go.mod", hookgen}, {"cmd/receiver/go.mod", receiver}} {
		if version.Compare(work, m.v) < 0 {
			t.Errorf("go.work asks for %s, less than %s's %s", work, m.file, m.v)
		}
	}
	claims := []struct {
		what, re, want string
	}{
		{"this checkout (go.work)", `On a fresh machine with Go ([0-9.]+) or newer \(the ` + "`go.work`", work},
		{"hookgen as a tool (go.mod)", `as a Go tool \(Go ([0-9.]+)\+\)`, hookgen},
		{"hookgen from another module (go.mod)", `using hookgen from another module needs only Go ([0-9.]+)`, hookgen},
		{"the receiver module (cmd/receiver/go.mod)", "The receiver is a module of its own \\(`cmd/receiver/go.mod`, Go ([0-9.]+) or newer", receiver},
	}
	for _, c := range claims {
		got := readmeVersion(t, readme, c.re)
		// The README may leave out a .0 patch: Go 1.24 means go 1.24.0.
		if version.Compare(got, c.want) != 0 && version.Compare(got+".0", c.want) != 0 {
			t.Errorf("README.md says Go %s for %s, but it needs %s", strings.TrimPrefix(got, "go"), c.what, strings.TrimPrefix(c.want, "go"))
		}
	}
}
