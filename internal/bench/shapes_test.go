package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/hookgen/hookgen/generator"
)

// The shapes package (shapes/, generated from schemas/shapes) is the
// benchmark's event of every shape: the test below keeps it what hookgen
// generates today (CI's hookgen check covers only schemas/ and gen/), and
// keeps it typed, so the benchmark measures typed decoding and not the
// schema-table interpreter.
func TestShapesUpToDate(t *testing.T) {
	res, err := generator.Generate(generator.Options{Schemas: "schemas", Out: ".", Testdata: ""})
	if err != nil {
		t.Fatal(err)
	}
	const fix = `go run ./cmd/hookgen generate --schemas internal/bench/schemas --out internal/bench --testdata ""`
	made := map[string]bool{}
	for _, f := range res.Files {
		made[filepath.FromSlash(f.Path)] = true
		disk, err := os.ReadFile(filepath.FromSlash(f.Path))
		if err != nil || !bytes.Equal(disk, f.Content) {
			t.Errorf("%s is stale (%v): run %s", f.Path, err, fix)
		}
	}
	onDisk, _ := filepath.Glob(filepath.Join("shapes", "*_gen.go"))
	for _, f := range onDisk {
		if !made[f] {
			t.Errorf("%s is no longer generated: run %s", f, fix)
		}
	}
	for _, p := range res.Packages {
		for _, w := range p.ShapedRaw() {
			t.Errorf("raw JSON where the schema gives a shape: %s", w)
		}
	}
}
