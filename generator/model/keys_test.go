package model

import (
	"strings"
	"testing"
)

// TestKeysAndContains: which maps with key constraints and which arrays
// with contains get a Go type, and why the others stay raw JSON.
func TestKeysAndContains(t *testing.T) {
	const person = `{"type": "object", "properties": {"name": {"type": "string"}}}`
	cases := []struct {
		name, prop string
		kind       RefKind
		why        string // for Raw: a part of the reason
	}{
		{"propertyNames only", `{"type": "object", "propertyNames": {"pattern": "^a"}, "additionalProperties": {"type": "string"}}`, Map, ""},
		{"propertyNames enum", `{"type": "object", "propertyNames": {"enum": ["a", "b"]}}`, Map, ""},
		{"propertyNames false", `{"type": "object", "propertyNames": false}`, Raw, "propertyNames\": false"},
		{"propertyNames integer", `{"type": "object", "propertyNames": {"type": "integer"}}`, Raw, "allow no string"},
		{"propertyNames not", `{"type": "object", "propertyNames": {"not": {"const": "a"}}}`, Raw, "\"not\""},
		{"propertyNames closed", `{"type": "object", "propertyNames": {"maxLength": 2}, "additionalProperties": false}`, Raw, "allows no member"},
		{"patterns of one builtin", `{"type": "object", "patternProperties": {"^a": {"type": "string", "minLength": 1}}, "additionalProperties": {"type": "string"}}`, Map, ""},
		{"pattern, closed", `{"type": "object", "patternProperties": {"^a": {"type": "integer"}}, "additionalProperties": false}`, Map, ""},
		{"patterns of one $ref", `{"type": "object", "patternProperties": {"^a": {"$ref": "#/$defs/Person"}}, "additionalProperties": {"$ref": "#/$defs/Person"}}`, Map, ""},
		{"pattern, open", `{"type": "object", "patternProperties": {"^a": {"type": "integer"}}}`, Raw, "may be any JSON"},
		{"patterns of two types", `{"type": "object", "patternProperties": {"^a": {"type": "integer"}}, "additionalProperties": {"type": "string"}}`, Raw, "different Go types"},
		{"pattern of an inline object", `{"type": "object", "patternProperties": {"^a": ` + person + `}, "additionalProperties": false}`, Raw, "different Go types"},
		{"pattern beside properties", `{"type": "object", "properties": {"a": {"type": "string"}}, "patternProperties": {"^b": {"type": "string"}}}`, Raw, "beside properties"},
		{"patterns of a $ref'd sum", `{"type": "object", "patternProperties": {"^a": {"$ref": "#/$defs/Either"}}, "additionalProperties": false}`, Raw, "different Go types"},
		{"contains a builtin", `{"type": "array", "items": {"type": "string"}, "contains": {"const": "a"}, "maxContains": 2}`, Slice, ""},
		{"contains the items' $ref", `{"type": "array", "items": {"$ref": "#/$defs/Person"}, "contains": {"$ref": "#/$defs/Person"}}`, Slice, ""},
		{"contains on raw items", `{"type": "array", "contains": {"type": "object"}}`, Slice, ""},
		{"contains another type", `{"type": "array", "items": {"type": "string"}, "contains": {"type": "integer"}}`, Raw, "different Go type"},
		{"contains untyped", `{"type": "array", "items": {"type": "string"}, "contains": {"minLength": 1}}`, Raw, "different Go type"},
		{"contains on a tuple", `{"type": "array", "prefixItems": [{"type": "string"}], "contains": {"type": "string"}}`, Raw, "tuple"},
		{"contains on nullable items", `{"type": "array", "items": {"type": ["string", "null"]}, "contains": {"type": "string"}}`, Raw, "cannot be checked"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			schema := `{"type": "object", "properties": {"v": ` + c.prop + `}, "$defs": {"Person": ` + person + `, "Either": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}}`
			pkg, err := buildProvider(t, map[string]string{"event.json": schema}, Options{NoRouter: true})
			if err != nil {
				t.Fatal(err)
			}
			var f *Field
			for _, ty := range pkg.Types {
				if ty.Name == "Event" {
					f = fieldNamed(ty, "V")
				}
			}
			if f == nil {
				t.Fatal("no field V")
			}
			if f.Type.Kind != c.kind {
				t.Fatalf("kind %v, want %v (raw because %q)", f.Type.Kind, c.kind, f.Type.RawReason)
			}
			if c.kind == Raw && !strings.Contains(f.Type.RawReason, c.why) {
				t.Errorf("raw because %q, want it to say %q", f.Type.RawReason, c.why)
			}
		})
	}
}
