package modules

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed: %v", err)
	}
	cmd := exec.Command(goTool, args...)
	cmd.Dir = dir
	// GOWORK=off: each module must stand on its own go.mod and go.sum, as it
	// does for anyone who depends on it.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out.String())
	}
	return out.String()
}

var root = filepath.Join("..", "..")

// TestRootModuleGraphHasNoDatabase: depending on hookgen (as a tool, or
// for gen/) never brings the receiver's SQLite or PostgreSQL driver.
func TestRootModuleGraphHasNoDatabase(t *testing.T) {
	graph := goCmd(t, root, "list", "-m", "all")
	if !strings.Contains(graph, "github.com/dave/jennifer") {
		t.Fatalf("go list -m all does not look like hookgen's graph:\n%s", graph)
	}
	for _, mod := range []string{"modernc.org/sqlite", "modernc.org/libc", "github.com/jackc/pgx"} {
		if strings.Contains(graph, mod) {
			t.Errorf("the root module's graph holds %s, the receiver's database driver", mod)
		}
	}
}

// TestReceiverModule vets and tests the receiver, a module of its own, so
// that `go test ./...` at the root covers it too.
func TestReceiverModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the receiver module with its SQLite driver")
	}
	dir := filepath.Join(root, "cmd", "receiver")
	goCmd(t, dir, "vet", "./...")
	out := goCmd(t, dir, "test", "-count=1", "./...")
	if !strings.Contains(out, "ok") {
		t.Errorf("no test ran in the receiver module:\n%s", out)
	}
	graph := goCmd(t, dir, "list", "-m", "all")
	for _, mod := range []string{"modernc.org/sqlite", "github.com/jackc/pgx/v5"} {
		if !strings.Contains(graph, mod) {
			t.Errorf("the receiver module does not have its database driver %s", mod)
		}
	}
}
