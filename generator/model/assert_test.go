package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/model"
)

// build generates the model of one schema file, x.json.
func build(t *testing.T, schema string) *model.Package {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "p", "x.json"), []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	provs, err := load.Load(dir, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := model.Build(provs[0], model.Options{NoRouter: true})
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

func root(pkg *model.Package) *model.Type { return pkg.Roots[0].Type }

// TestAssertionsCompile: which assertions beside properties become checks
// on a struct, and which keep the object raw, saying why.
func TestAssertionsCompile(t *testing.T) {
	const props = `"type": "object", "properties": {"a": {"type": "string"}, "n": {"type": ["integer", "null"]}, "t": {"type": "string", "format": "date-time"}, "o": {"type": "object", "properties": {"x": {"type": "string"}}}}`
	for _, c := range []struct {
		extra string
		ops   []model.CondOp // each assertion's top op, in schema order
		raw   string         // else: the RawReason must contain this
	}{
		{extra: `"anyOf": [{"required": ["a"]}, {"required": ["n"]}]`, ops: []model.CondOp{model.CondAll}},
		{extra: `"oneOf": [{"properties": {"a": {"const": "x"}}}, {"properties": {"n": {"enum": [1, null]}}}], "not": {"required": ["t", "o"]}`,
			ops: []model.CondOp{model.CondAll, model.CondAll}},
		{extra: `"if": {"properties": {"a": {"const": "x"}}}, "then": {"required": ["n"]}, "dependentSchemas": {"o": {"anyOf": [{"not": {"required": ["a"]}}, {"properties": {"n": {"type": "integer"}}}]}}`,
			ops: []model.CondOp{model.CondAll, model.CondAll}},
		// then without if asserts nothing, as JSON Schema says.
		{extra: `"then": {"required": ["n"]}`},
		{extra: `"anyOf": [{"required": ["zz"]}]`, raw: `#/anyOf/0/required requires "zz", which is not one of its properties`},
		{extra: `"anyOf": [{"properties": {"a": {"minLength": 2, "pattern": "^x"}, "n": {"minimum": 3}}}]`, ops: []model.CondOp{model.CondAll}},
		{extra: `"anyOf": [{"properties": {"a": {"minItems": 2}}}]`, raw: `#/anyOf/0/properties/a has "minItems"`},
		{extra: `"anyOf": [{"properties": {"t": {"maxLength": 2}}}]`, raw: `bounds "t"`},
		{extra: `"not": {"properties": {"t": {"const": "2024-01-01T00:00:00Z"}}}`, raw: `compares "t", whose Go type is not compared`},
		{extra: `"not": {"properties": {"o": {"const": {}}}}`, raw: `compares "o"`},
		{extra: `"allOf": [{"minProperties": 2}]`, raw: `#/allOf/0 has "minProperties"`},
		{extra: `"anyOf": [{"$ref": "#/properties/a"}]`, raw: `has a $ref`},
	} {
		pkg := build(t, `{`+props+`, `+c.extra+`}`)
		r := root(pkg)
		if c.raw != "" {
			if r.Kind != model.Defined || r.Base.Kind != model.Raw || !strings.Contains(r.Base.RawReason, c.raw) {
				t.Errorf("%s: got a %v with reason %q, want raw JSON because %q", c.extra, r.Kind, r.Base.RawReason, c.raw)
			}
			continue
		}
		if r.Kind != model.Struct || len(r.Fields) != 4 {
			t.Errorf("%s: got kind %v with %d fields, want a struct of 4 (%s)", c.extra, r.Kind, len(r.Fields), r.Base.RawReason)
			continue
		}
		var ops []model.CondOp
		for _, a := range r.Assertions {
			ops = append(ops, a.Cond.Op)
			if len(a.Reads) == 0 {
				t.Errorf("%s: assertion %s reads no field", c.extra, a.Keyword)
			}
		}
		if len(ops) != len(c.ops) {
			t.Errorf("%s: %d assertions, want %d", c.extra, len(ops), len(c.ops))
		}
	}
}

// TestSameKind: same-type branches become the plain type with branch
// rules; an open enum (anyOf of an enum and the plain type) and mixed
// types do not.
func TestSameKind(t *testing.T) {
	for _, c := range []struct {
		schema string
		typed  bool
	}{
		{`{"oneOf": [{"type": "string", "format": "uri"}, {"type": "string", "enum": [""]}]}`, true},
		{`{"anyOf": [{"type": "array", "items": {"type": "string", "enum": ["a"]}}, {"type": "array", "items": {"type": "string", "const": "*"}, "maxItems": 1}]}`, true},
		{`{"anyOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "string"}]}`, false},
		{`{"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "array", "items": {"type": "integer"}}]}`, false},
		{`{"oneOf": [{"type": "string", "minLength": 2}, {"type": "string", "x-go-name": "Y", "maxLength": 1, "uniqueItems": true}]}`, false},
	} {
		r := root(build(t, c.schema))
		rules := r.Rules
		got := r.Kind == model.Defined && rules != nil && rules.Branches != nil && len(rules.Branches.Branches) == 2
		if got != c.typed {
			t.Errorf("%s: typed with branches %v, want %v (kind %v, %s)", c.schema, got, c.typed, r.Kind, r.Base.RawReason)
		}
	}
}
