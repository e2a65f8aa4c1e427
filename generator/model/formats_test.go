package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// TestFormatCheckersMatchRuntime holds the format table to the runtime it
// names: each checker is a function of templates/hookrt, and the table is
// the runtime's own hkFormats, name for name, so a format is never
// asserted by the typed path and not by the table path or the reverse.
func TestFormatCheckersMatchRuntime(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join("..", "..", "templates", "hookrt", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no runtime sources: %v", err)
	}
	funcs := map[string]bool{}
	runtime := map[string]string{}
	for _, f := range files {
		if filepath.Ext(f) != ".go" || len(f) > 8 && f[len(f)-8:] == "_test.go" {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				funcs[d.Name.Name] = true
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					vs, ok := spec.(*ast.ValueSpec)
					if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "hkFormats" {
						continue
					}
					for _, elt := range vs.Values[0].(*ast.CompositeLit).Elts {
						kv := elt.(*ast.KeyValueExpr)
						name, _ := strconv.Unquote(kv.Key.(*ast.BasicLit).Value)
						runtime[name] = kv.Value.(*ast.Ident).Name
					}
				}
			}
		}
	}
	if len(runtime) == 0 {
		t.Fatal("templates/hookrt declares no hkFormats table")
	}
	for name, fn := range formatCheckers {
		if !funcs[fn] {
			t.Errorf("format %q: templates/hookrt has no function %s", name, fn)
		}
		if runtime[name] != fn {
			t.Errorf("format %q: the model checks it with %s, the runtime's hkFormats with %q", name, fn, runtime[name])
		}
	}
	for name := range runtime {
		if _, ok := formatCheckers[name]; !ok {
			t.Errorf("format %q: in the runtime's hkFormats but not in formatCheckers", name)
		}
	}
}

// TestReferenceFormatsAsserted: every format jsonschema/v5 asserts is
// one hookgen asserts too, so no schema's formats are checked by the
// reference and ignored by hookgen.
func TestReferenceFormatsAsserted(t *testing.T) {
	for name := range jsonschema.Formats {
		if !referenceFormats[name] {
			t.Errorf("jsonschema/v5 asserts format %q, which referenceFormats does not list", name)
		}
	}
	for name := range referenceFormats {
		if jsonschema.Formats[name] == nil {
			t.Errorf("referenceFormats lists %q, which jsonschema/v5 does not assert", name)
		}
		if _, ok := formatCheckers[name]; !ok {
			t.Errorf("jsonschema/v5 asserts format %q, hookgen does not", name)
		}
	}
}
