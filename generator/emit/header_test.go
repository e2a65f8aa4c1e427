package emit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/model"
	"github.com/hookgen/hookgen/generator/output"
)

// TestEveryFileIsOwned: every file the emitters print, runtime copies
// included, starts with the header output recognises as hookgen's, so
// generate may replace and remove it: the header is spelt in output only.
func TestEveryFileIsOwned(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "p"), 0o755)
	for name, data := range map[string]string{
		"ping.json":   `{"type": "object", "required": ["event"], "properties": {"event": {"const": "ping"}, "n": {"not": {"type": "string"}}, "s": {"type": "string", "pattern": "^a+$"}}}`,
		"common.json": `{"$defs": {"Thing": {"type": "object", "properties": {"id": {"type": "integer"}}}}}`,
	} {
		os.WriteFile(filepath.Join(dir, "p", name), []byte(data), 0o644)
	}
	provs, err := load.Load(dir, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := model.Build(provs[0], model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Package(pkg)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		if !output.Owned(f.Name, f.Content) {
			t.Errorf("%s: not recognised as hookgen's by output.Owned", f.Name)
		}
	}
}
