package difftest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/oracle"
	"github.com/hookgen/hookgen/internal/difftest/shapes/shapes"
	"github.com/hookgen/hookgen/internal/jsonnum"
)

// The shapes package (shapes/shapes, generated from shapes/schemas) holds
// one schema per JSON Schema shape hookgen types beyond the seed
// providers: unions by JSON type, allOf refinements merged into a struct,
// sums pinned by one-value enums, null-only values, draft-07 and 2019-09
// keywords. Its payloads and their mutants, and fuzz input, must get the
// verdict jsonschema/v5 gives.
//
// Pointers: under a oneOf/anyOf, hookgen reports the violations of the
// branch the value's JSON type or discriminator selects (or the
// oneOf/anyOf itself when none is); jsonschema/v5 also reports every other
// branch's failure, and the oracle (`hookgen validate`) keeps only what
// hookgen reports. So the pointers must be the same.

const shapesDir = "shapes"

func shapesProvider(t testing.TB) *provider {
	t.Helper()
	loaded, err := load.Load(filepath.Join(shapesDir, "schemas"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o, err := oracle.New(loaded[0])
	if err != nil {
		t.Fatal(err)
	}
	return &provider{name: "shapes", validate: shapes.ValidateJSON, schemas: shapes.Schemas, oracle: o}
}

// TestShapesUpToDate: the checked-in package is what hookgen generates
// from the schemas now (CI's hookgen check covers only schemas/ and gen/).
func TestShapesUpToDate(t *testing.T) {
	res, err := generator.Generate(generator.Options{Schemas: filepath.Join(shapesDir, "schemas"), Out: shapesDir, Testdata: ""})
	if err != nil {
		t.Fatal(err)
	}
	const fix = `go run ./cmd/hookgen generate --schemas internal/difftest/shapes/schemas --out internal/difftest/shapes --testdata ""`
	made := map[string]bool{}
	for _, f := range res.Files {
		made[filepath.FromSlash(f.Path)] = true
		disk, err := os.ReadFile(filepath.Join(shapesDir, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(disk, f.Content) {
			t.Errorf("%s is stale (%v): run %s", f.Path, err, fix)
		}
	}
	// A file generate no longer makes would still be compiled in.
	onDisk, _ := filepath.Glob(filepath.Join(shapesDir, "shapes", "*_gen.go"))
	for _, f := range onDisk {
		rel, _ := filepath.Rel(shapesDir, f)
		if !made[rel] {
			t.Errorf("%s is no longer generated: run %s", f, fix)
		}
	}
}

func compareShape(t *testing.T, p *provider, schema, what string, data []byte) bool {
	t.Helper()
	if jsonnum.OutsideGo(data) || hasDuplicateMember(data) {
		return true
	}
	got, want := generatedVerdict(p, schema, data), referenceVerdict(p, schema, data)
	ok := got.valid() == want.valid() && got.malformed == want.malformed && slices.Equal(got.pointers, want.pointers)
	if !ok {
		t.Errorf("shapes/%s %s: generated code says %s, jsonschema/v5 says %s\n%s", schema, what, got, want, data)
	}
	return ok
}

func shapePayloads(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(shapesDir, "payloads", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no shape payloads: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = data
	}
	return out
}

func TestShapesMutants(t *testing.T) {
	p := shapesProvider(t)
	n, invalid := 0, 0
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range shapePayloads(t) {
			if !yield(k) {
				return
			}
		}
	})
	pls := shapePayloads(t)
	for _, name := range names {
		schema := strings.SplitN(name, ".", 2)[0]
		if !compareShape(t, p, schema, name, pls[name]) {
			continue
		}
		if !referenceVerdict(p, schema, pls[name]).valid() {
			t.Errorf("%s: the seed payload is invalid", name)
		}
		var doc any
		dec := json.NewDecoder(bytes.NewReader(pls[name]))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range mutants(doc) {
			data, err := json.Marshal(m.doc)
			if err != nil {
				t.Fatal(err)
			}
			compareShape(t, p, schema, name+" "+m.what, data)
			n++
			if !referenceVerdict(p, schema, data).valid() {
				invalid++
			}
		}
	}
	if n < 500 || invalid == 0 {
		t.Fatalf("only %d mutants (%d invalid)", n, invalid)
	}
	t.Logf("%d mutants agree (%d invalid)", n, invalid)
}

func FuzzShapes(f *testing.F) {
	p := shapesProvider(f)
	for _, data := range shapePayloads(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, schema := range p.schemas {
			compareShape(t, p, schema, "fuzz input", data)
		}
	})
}
