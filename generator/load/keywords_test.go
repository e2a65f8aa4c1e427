package load

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/hookgen/hookgen/generator/diag"
)

// decodeDoc parses, normalizes and decodes one document as Load does.
func decodeDoc(t testing.TB, src string) *Document {
	t.Helper()
	var diags diag.List
	d := parseDocument("test.json", "test.json", "file:///p/test.json", []byte(src), &diags)
	if d == nil {
		t.Fatalf("parse: %v", diags.Err())
	}
	d.normalize(nil, nil, false)
	d.decodeAll()
	return d
}

func TestKeywordsDraft07(t *testing.T) {
	d := decodeDoc(t, `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "definitions": {"pos": {"type": "integer", "minimum": 0, "multipleOf": 1.5}},
  "type": ["object", "null"],
  "properties": {
    "pair": {"items": [{"type": "string", "minLength": 2.0}, {"$ref": "#/definitions/pos"}], "additionalItems": false},
    "tag": {"enum": [], "pattern": "^a", "format": "uri"}
  },
  "required": [],
  "dependencies": {"a": ["b"], "c": {"required": ["d"]}},
  "x-go-name": "Thing"
}`)
	k := d.RootSchema().Keywords()
	if !reflect.DeepEqual(k.Type, []string{"object", "null"}) {
		t.Errorf("type = %q", k.Type)
	}
	if k.Required == nil || len(k.Required) != 0 {
		t.Errorf("required: [] must be present and empty, got %#v", k.Required)
	}
	if len(k.Defs) != 1 || k.Defs[0].Name != "pos" {
		t.Fatalf("definitions = %+v", k.Defs)
	}
	pos := k.Defs[0].Schema.Keywords()
	if *pos.Minimum != "0" || *pos.MultipleOf != "1.5" || pos.Maximum != nil {
		t.Errorf("numbers: minimum %v, multipleOf %v, maximum %v", pos.Minimum, pos.MultipleOf, pos.Maximum)
	}
	if !reflect.DeepEqual(k.DependentRequired, []Dependency{{If: "a", Then: []string{"b"}}}) {
		t.Errorf("dependentRequired = %+v", k.DependentRequired)
	}
	if len(k.DependentSchemas) != 1 || k.DependentSchemas[0].Name != "c" || k.Pointer("dependentSchemas") != "/dependencies" {
		t.Errorf("dependentSchemas = %+v at %q", k.DependentSchemas, k.Pointer("dependentSchemas"))
	}
	if k.GoName == nil || *k.GoName != "Thing" || len(k.Extensions) != 1 {
		t.Errorf("x-go-name = %v, extensions %+v", k.GoName, k.Extensions)
	}

	pair := k.Properties[0].Schema.Keywords()
	if len(pair.PrefixItems) != 2 || pair.Items == nil || pair.Items.Keywords().Bool == nil || *pair.Items.Keywords().Bool {
		t.Fatalf("draft-07 items array not read as prefixItems + items: %+v", pair)
	}
	if got := pair.PrefixItems[1].Pointer; got != "/properties/pair/items/1" {
		t.Errorf("tuple position pointer %q, want the file's spelling", got)
	}
	if got := pair.PrefixItems[0].Keywords().MinLength; got != 2 {
		t.Errorf("minLength 2.0 = %d", got)
	}
	if ref := pair.PrefixItems[1].Keywords().Ref; ref == nil || *ref != "#/definitions/pos" {
		t.Errorf("$ref = %v", ref)
	}

	tag := k.Properties[1].Schema.Keywords()
	if tag.Enum == nil || len(tag.Enum) != 0 {
		t.Errorf("enum: [] must be present and empty, got %#v", tag.Enum)
	}
	if *tag.Pattern != "^a" || *tag.Format != "uri" || tag.MinLength != -1 || tag.Const != nil {
		t.Errorf("tag = %+v", tag)
	}
	if p := tag.Pos("format"); p.Line != 7 || p.Pointer != "/properties/tag/format" {
		t.Errorf("format at %+v", p)
	}
}

// TestKeywordsKnowEveryKeyword decodes a schema using every keyword the
// three drafts' meta-schemas define: none may fall into Unknown, or the
// model would refuse valid JSON Schema as a typo.
func TestKeywordsKnowEveryKeyword(t *testing.T) {
	files, _ := filepath.Glob("meta/*/*.json")
	files = append(files, "meta/draft-07.json")
	seen := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		meta := decodeDoc(t, string(data))
		props := meta.RootSchema().Keywords().Properties
		// Each keyword in its own draft, where normalize may rename it
		// (draft-07 "dependencies") or drop it ("additionalItems" without
		// an "items" array): what is left must be known.
		dialect := ""
		switch {
		case filepath.Base(file) == "draft-07.json":
			dialect = `"$schema": "http://json-schema.org/draft-07/schema#", `
		case filepath.Base(filepath.Dir(file)) == "2019-09":
			dialect = `"$schema": "https://json-schema.org/draft/2019-09/schema", `
		}
		for _, p := range props {
			seen++
			if p.Name == "$schema" && dialect != "" {
				continue
			}
			src := `{` + dialect + `"` + p.Name + `": {"a": ["b"]}}`
			k := decodeDoc(t, src).RootSchema().Keywords()
			if len(k.Unknown) > 0 {
				t.Errorf("%s: keyword %q is not decoded: unknown %q", file, p.Name, k.Unknown)
			}
			if dialect == "" && (!k.Has(p.Name) || !slices.Equal(k.Names(), []string{p.Name})) {
				t.Errorf("%s: keyword %q: names %q", file, p.Name, k.Names())
			}
		}
	}
	if seen < 60 {
		t.Fatalf("only %d keywords in the meta-schemas; is meta/ missing?", seen)
	}
	if k := decodeDoc(t, `{"requried": ["a"], "x-y": 1}`).RootSchema().Keywords(); !slices.Equal(k.Unknown, []string{"requried"}) || k.Extension("x-y") == nil {
		t.Errorf("unknown %q, extensions %+v", k.Unknown, k.Extensions)
	}
}

func FuzzKeywords(f *testing.F) {
	f.Add(`{"properties": {"a": {"type": ["string", 1]}}, "items": [true, {}], "minLength": -1.5}`)
	f.Add(`{"$schema": "http://json-schema.org/draft-07/schema#", "dependencies": {"a": 1, "b": ["c", 2]}}`)
	f.Add(`{"enum": null, "required": "a", "allOf": {}, "not": 3, "x-go-name": 1}`)
	f.Fuzz(func(t *testing.T, src string) {
		n, err := ParseJSON([]byte(src))
		if err != nil || (n.Kind != Object && n.Kind != Bool) {
			return
		}
		d := decodeDoc(t, src)
		walkAll(d.RootSchema(), func(s Schema) {
			k := s.Keywords()
			if k != s.Node.keywords {
				t.Fatalf("schema at %q not decoded once at load", s.Pointer)
			}
			for _, name := range k.Names() {
				if !k.Has(name) || k.Pointer(name) == "" {
					t.Fatalf("keyword %q at %q has no location", name, s.Pointer)
				}
			}
			for _, c := range []int{k.MinLength, k.MaxLength, k.MinItems, k.MaxItems, k.MinProperties, k.MaxProperties, k.MinContains, k.MaxContains} {
				if c < -1 {
					t.Fatalf("count %d below -1 at %q", c, s.Pointer)
				}
			}
		})
	})
}
