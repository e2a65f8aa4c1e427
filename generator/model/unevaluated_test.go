package model

import (
	"strings"
	"testing"
)

// TestUnevaluated: which schemas with unevaluatedProperties or
// unevaluatedItems become types, and the reason the others stay raw.
func TestUnevaluated(t *testing.T) {
	cases := []struct {
		why, schema string
		raw         string // a part of the raw reason; "" when typed
	}{
		{"closed struct", `{"type": "object", "properties": {"a": {"type": "string"}}, "unevaluatedProperties": false}`, ""},
		{"true is no constraint", `{"type": "object", "properties": {"a": {}}, "patternProperties": {"^x": {}}, "unevaluatedProperties": true}`, "patternProperties"},
		{"allOf of a $ref and own properties", `{"allOf": [{"$ref": "#/$defs/Base"}], "properties": {"b": {"type": "string"}}, "unevaluatedProperties": false}`, ""},
		{"allOf parts that only require", `{"type": "object", "allOf": [{"required": ["b"]}], "properties": {"b": {}}, "unevaluatedProperties": false}`, ""},
		{"no part says object", `{"allOf": [{"properties": {"a": {}}}], "properties": {"b": {}}, "unevaluatedProperties": false}`, `neither it nor a part says "type"`},
		{"a part closed itself", `{"allOf": [{"type": "object", "properties": {"a": {}}, "additionalProperties": false}], "properties": {"b": {}}, "unevaluatedProperties": false}`, "part with additionalProperties"},
		{"counts beside allOf", `{"allOf": [{"$ref": "#/$defs/Base"}], "maxProperties": 3, "unevaluatedProperties": false}`, `"maxProperties" beside allOf`},
		{"a part requires what no one declares", `{"allOf": [{"$ref": "#/$defs/Base"}, {"required": ["q"]}], "unevaluatedProperties": false}`, `requires "q"`},
		{"a part with anyOf", `{"allOf": [{"$ref": "#/$defs/Base"}, {"anyOf": [{"properties": {"c": {}}}]}], "unevaluatedProperties": false}`, "not plain objects"},
		{"patternProperties", `{"type": "object", "properties": {"a": {}}, "patternProperties": {"^x": {}}, "unevaluatedProperties": false}`, `"patternProperties" beside unevaluatedProperties`},
		{"if/then", `{"type": "object", "properties": {"a": {}}, "if": {"required": ["a"]}, "then": {"properties": {"b": {}}}, "unevaluatedProperties": false}`, `"if" beside`},
		{"$ref with siblings", `{"$ref": "#/$defs/Base", "properties": {"b": {}}, "unevaluatedProperties": false}`, `"$ref" beside`},
		{"a required member no properties declare", `{"type": "object", "required": ["z"], "properties": {"a": {}}, "unevaluatedProperties": false}`, `requires "z"`},
		{"a schema beside properties", `{"type": "object", "properties": {"a": {}}, "unevaluatedProperties": {"type": "string"}}`, "with a schema"},
		{"a schema beside allOf", `{"allOf": [{"$ref": "#/$defs/Base"}], "unevaluatedProperties": {"type": "string"}}`, "allOf and unevaluatedProperties with a schema"},
		{"a schema alone: a map", `{"type": "object", "unevaluatedProperties": {"type": "string"}}`, ""},
		{"propertyNames beside", `{"type": "object", "propertyNames": {"pattern": "^a"}, "unevaluatedProperties": {"type": "string"}}`, `"propertyNames" beside unevaluatedProperties`},
		{"not only objects", `{"type": ["object", "string"], "properties": {"a": {}}, "unevaluatedProperties": false}`, "other than an object"},
		{"tuple rest", `{"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": false}`, ""},
		{"beside items", `{"type": "array", "items": {"type": "string"}, "unevaluatedItems": false}`, ""},
		{"beside contains", `{"type": "array", "contains": {"type": "string"}, "unevaluatedItems": false}`, `"contains" beside unevaluatedItems`},
	}
	for _, c := range cases {
		pkg := buildOne(t, `{"type": "object", "properties": {"v": `+c.schema+`},
			"$defs": {"Base": {"type": "object", "properties": {"a": {"type": "integer"}}}}}`)
		f := typeNamed(pkg, "Event").Fields[0]
		switch {
		case c.raw == "" && f.Type.Kind == Raw:
			t.Errorf("%s: raw JSON because %s", c.why, f.Type.RawReason)
		case c.raw != "" && (f.Type.Kind != Raw || !strings.Contains(f.Type.RawReason, c.raw)):
			t.Errorf("%s: got %v %q, want raw JSON because …%s…", c.why, f.Type.Kind, f.Type.RawReason, c.raw)
		}
	}
}

// TestUnevaluatedClosesMerged: the struct merged from the allOf parts and
// the schema's own properties holds every declared member and is closed
// with unevaluatedProperties' pointers.
func TestUnevaluatedClosesMerged(t *testing.T) {
	pkg := buildOne(t, `{"allOf": [{"$ref": "#/$defs/Base"}, {"required": ["b"]}], "properties": {"b": {"type": "string"}},
		"unevaluatedProperties": false, "$defs": {"Base": {"type": "object", "properties": {"a": {"type": "integer"}}}}}`)
	ev := typeNamed(pkg, "Event")
	var names []string
	for _, f := range ev.Fields {
		names = append(names, f.JSONName+":"+f.State.String())
	}
	if got := strings.Join(names, " "); got != "a:optional b:required" {
		t.Errorf("fields %s", got)
	}
	if o := ev.Object; o == nil || !o.NoAdditional || !o.Unevaluated {
		t.Errorf("object rules %+v, want closed by unevaluatedProperties", o)
	}
	if base := typeNamed(pkg, "Base"); base.Object != nil {
		t.Errorf("Base is closed too: %+v", base.Object)
	}
}
