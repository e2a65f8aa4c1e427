package model

import (
	"fmt"
	"strings"
	"testing"
)

const refSiblingDefs = `"$defs": {
	"Base": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
	"Closed": {"type": "object", "additionalProperties": false, "properties": {"a": {"type": "string"}}},
	"Loose": {"properties": {"a": {"type": "string"}}},
	"Name": {"type": "string", "minLength": 1},
	"Status": {"type": "string", "enum": ["open", "closed"]},
	"When": {"type": "string", "format": "date-time"},
	"Tags": {"type": "array", "items": {"type": "string"}},
	"Either": {"type": ["string", "integer"]}
}`

// describeRef says what a field's type is, for comparing two builds.
func describeRef(r Ref) string {
	switch r.Kind {
	case Named:
		if r.Type.Kind == Struct {
			var fs []string
			for _, f := range r.Type.Fields {
				fs = append(fs, fmt.Sprintf("%s:%d:%s", f.JSONName, f.State, describeRef(f.Type)))
			}
			closed := r.Type.Object != nil && r.Type.Object.NoAdditional
			return fmt.Sprintf("struct %s{%s}closed=%v", r.Type.Name, strings.Join(fs, ","), closed)
		}
		return "named " + r.Type.Name
	case Raw:
		return "raw"
	case Builtin:
		if !r.Rules.Empty() {
			return fmt.Sprintf("%s%+v", r.Builtin, r.Rules.Checks)
		}
		return r.Builtin
	case Slice:
		if !r.Rules.Empty() {
			return fmt.Sprintf("[]%s minItems=%d maxItems=%d", describeRef(*r.Elem), r.Rules.MinItems, r.Rules.MaxItems)
		}
		return "[]" + describeRef(*r.Elem)
	}
	return fmt.Sprint(r.Kind)
}

// TestRefSiblings: a $ref with keywords beside it is typed as the allOf of
// the $ref and those keywords (same Go type shape and fields, or raw JSON
// when allOf would be), a scalar or array gets the target's Go type with
// both sets of checks, and annotations or a repeated type leave the shared
// named type.
func TestRefSiblings(t *testing.T) {
	cases := []struct {
		why, ref, siblings string
		want               string // "allOf": as the allOf equivalent; else the type, or "raw: reason"
	}{
		{"required beside an object", `"#/$defs/Base"`, `"required": ["id"]`, "allOf"},
		{"properties beside an object", `"#/$defs/Base"`, `"type": "object", "properties": {"extra": {"type": "integer"}, "name": {"type": "string", "maxLength": 3}}`, "allOf"},
		{"closed by the refinement, properties all declared", `"#/$defs/Base"`, `"properties": {"id": {}, "name": {}}, "additionalProperties": false`, "allOf"},
		{"no type on either part", `"#/$defs/Loose"`, `"required": ["a"]`, "raw: it has \"required\" beside $ref, and the $ref'd schema is no plain object"},
		{"type on the refinement only", `"#/$defs/Loose"`, `"type": "object", "required": ["a"]`, "allOf"},
		{"a closed target and new properties", `"#/$defs/Closed"`, `"properties": {"b": {"type": "string"}}`, "raw: it has \"properties\" beside $ref"},
		{"a count beside an object", `"#/$defs/Base"`, `"minProperties": 1`, "raw: it has \"minProperties\" beside $ref"},
		{"only annotations", `"#/$defs/Base"`, `"description": "d", "x-note": 1`, "struct Base{"},
		{"the target's own type again", `"#/$defs/Base"`, `"type": "object"`, "struct Base{"},
		{"maxLength beside a string", `"#/$defs/Name"`, `"maxLength": 10`, "string{MinLength:1 MaxLength:10 "},
		{"the same minLength again", `"#/$defs/Name"`, `"minLength": 1, "maxLength": 3`, "string{MinLength:1 MaxLength:3 "},
		{"a different minLength", `"#/$defs/Name"`, `"minLength": 2`, "raw: it has \"minLength\" beside $ref, and the $ref'd schema is no plain scalar"},
		{"maxItems beside an array", `"#/$defs/Tags"`, `"maxItems": 2`, "[]string minItems=-1 maxItems=2"},
		{"maxLength beside an enum", `"#/$defs/Status"`, `"maxLength": 4`, "raw: it has \"maxLength\" beside $ref"},
		{"maxLength beside a date-time", `"#/$defs/When"`, `"maxLength": 40`, "raw: it has \"maxLength\" beside $ref"},
		{"maxLength beside a union", `"#/$defs/Either"`, `"maxLength": 4`, "raw: it has \"maxLength\" beside $ref"},
		{"not beside a $ref", `"#/$defs/Base"`, `"not": {"required": ["id"]}`, "raw: it uses \"not\""},
	}
	for _, c := range cases {
		pkg := buildOne(t, `{"type": "object", "properties": {"p": {"$ref": `+c.ref+`, `+c.siblings+`}}, `+refSiblingDefs+`}`)
		f := typeNamed(pkg, "Event").Fields[0]
		got := describeRef(f.Type)
		if reason, ok := strings.CutPrefix(c.want, "raw: "); ok {
			if f.Type.Kind != Raw || !strings.Contains(f.Type.RawReason, reason) {
				t.Errorf("%s: %s is %s (%s), want raw JSON because %s", c.why, c.siblings, got, f.Type.RawReason, reason)
			}
			continue
		}
		want := c.want
		if want == "allOf" {
			all := buildOne(t, `{"type": "object", "properties": {"p": {"allOf": [{"$ref": `+c.ref+`}, {`+c.siblings+`}]}}, `+refSiblingDefs+`}`)
			want = describeRef(typeNamed(all, "Event").Fields[0].Type)
			if !strings.HasPrefix(want, "struct") {
				t.Fatalf("%s: the allOf equivalent is %s", c.why, want)
			}
		}
		if !strings.HasPrefix(got, want) {
			t.Errorf("%s: %s is %s, want %s", c.why, c.siblings, got, want)
		}
	}
}

// TestRefSiblingsRoot: a file's root that refines a $ref'd value is a type
// of its own, named after the file; one that may be null stays raw JSON,
// as any root that may be null does.
func TestRefSiblingsRoot(t *testing.T) {
	const defs = `"$defs": {"N": {"type": ["string", "null"]}, "S": {"type": "string"}, "Base": {"type": "object", "properties": {"id": {"type": "string"}}}}`
	for _, c := range []struct{ root, want string }{
		{`"$ref": "#/$defs/Base", "required": ["id"]`, "struct Event{id:0:string}closed=false"},
		{`"$ref": "#/$defs/S", "maxLength": 3`, "defined string"},
		{`"$ref": "#/$defs/N", "maxLength": 3`, "defined raw"},
	} {
		pkg := buildOne(t, `{`+c.root+`, `+defs+`}`)
		ev := typeNamed(pkg, "Event")
		got := describeRef(Ref{Kind: Named, Type: ev})
		if ev.Kind == Defined {
			got = "defined " + describeRef(ev.Base)
		}
		if got != c.want {
			t.Errorf("%s: Event is %s, want %s", c.root, got, c.want)
		}
	}
}

// TestRefSiblingsEvents: events whose roots refine a shared object are
// routed, and the shared object's members count as theirs (delivery_id).
func TestRefSiblingsEvents(t *testing.T) {
	files := map[string]string{
		"hookgen.json":   `{"discriminator": ["event"], "delivery_id": "/hook_id"}`,
		"common.json":    `{"$defs": {"Base": {"type": "object", "properties": {"hook_id": {"type": "string"}}}}}`,
		"a.created.json": `{"$ref": "common.json#/$defs/Base", "type": "object", "required": ["event"], "properties": {"event": {"const": "a.created"}}}`,
		"a.deleted.json": `{"$ref": "common.json#/$defs/Base", "type": "object", "required": ["event"], "properties": {"event": {"const": "a.deleted"}}}`,
	}
	pkg, err := buildProvider(t, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, f := range typeNamed(pkg, "ACreated").Fields {
		fields = append(fields, f.JSONName)
	}
	if got := strings.Join(fields, " "); got != "hook_id event" {
		t.Errorf("ACreated has fields %s, want hook_id event", got)
	}
}
