package modules

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// downstream runs a go command in the copy of testdata/downstream with
// nothing beyond the module cache this repository's go.mod already needs.
func downstream(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed: %v", err)
	}
	cmd := exec.Command(goTool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.String(), err
}

func mustDownstream(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := downstream(t, dir, args...)
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDownstream uses hookgen the way another repository does: as a tool
// in go.mod run by //go:generate (and pinned with go run in a second
// directive), its output imported next to this repository's gen/, its
// module graph free of the receiver's database, and hookgen check as the
// CI drift gate.
func TestDownstream(t *testing.T) {
	if testing.Short() {
		t.Skip("builds hookgen in a downstream module")
	}
	repo, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	fixture := filepath.Join(repo, "testdata", "downstream")
	dir := t.TempDir()
	copyDir(t, fixture, dir)
	gomod := filepath.Join(dir, "go.mod")
	mod, _ := os.ReadFile(gomod)
	os.WriteFile(gomod, bytes.Replace(mod, []byte("=> ../.."), []byte("=> "+repo), 1), 0o644)

	mustDownstream(t, dir, "generate", "./...")
	// The committed output is what generation gives: the fixture is a
	// real repository's state, not a stale copy.
	for _, out := range []string{"hooks/shop", "typesonly/shop"} {
		entries, _ := os.ReadDir(filepath.Join(dir, out))
		for _, e := range entries {
			fresh, _ := os.ReadFile(filepath.Join(dir, out, e.Name()))
			committed, err := os.ReadFile(filepath.Join(fixture, out, e.Name()))
			if err != nil || !bytes.Equal(fresh, committed) {
				t.Errorf("testdata/downstream/%s/%s is not what hookgen generates now; refresh it with\n  cd testdata/downstream && GOWORK=off go generate ./...", out, e.Name())
			}
		}
	}
	mustDownstream(t, dir, "vet", "./...")
	if out := mustDownstream(t, dir, "test", "-count=1", "./..."); !strings.Contains(out, "ok  \texample.com/downstream\t") {
		t.Errorf("the downstream's tests did not run:\n%s", out)
	}
	graph := mustDownstream(t, dir, "list", "-m", "all")
	if !strings.Contains(graph, "github.com/hookgen/hookgen") || strings.Contains(graph, "modernc.org") {
		t.Errorf("the downstream module graph should hold hookgen and no database driver:\n%s", graph)
	}
	if out := mustDownstream(t, dir, "tool", "hookgen", "version"); !strings.HasPrefix(out, "hookgen ") {
		t.Errorf("hookgen version: %q", out)
	}

	check := []string{"tool", "hookgen", "check", "--schemas", "schemas", "--out", "hooks", "--provider", "shop", "--package", "shophooks"}
	if out, err := downstream(t, dir, check...); err != nil {
		t.Fatalf("check on a fresh generation: %v\n%s", err, out)
	}
	schema := filepath.Join(dir, "schemas", "shop", "order.created.json")
	b, _ := os.ReadFile(schema)
	edited := bytes.Replace(b, []byte(`"minimum": 0`), []byte(`"minimum": 1`), 1)
	if bytes.Equal(edited, b) {
		t.Fatal("the schema edit did not apply; update this test")
	}
	os.WriteFile(schema, edited, 0o644)
	out, err := downstream(t, dir, check...)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("check after a schema edit: %v\n%s", err, out)
	}
	for _, want := range []string{"changed  hooks/shop/order_created_gen.go", "-\t\tif x.Total < 0 {", "+\t\tif x.Total < 1 {", "To fix it, run:"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	mustDownstream(t, dir, "generate", "./...")
	if out, err := downstream(t, dir, check...); err != nil {
		t.Errorf("check after regenerating: %v\n%s", err, out)
	}
}
