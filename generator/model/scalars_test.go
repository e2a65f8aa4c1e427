package model

import (
	"strings"
	"testing"
)

// TestIntegerType: which Go type an integer gets, and why.
func TestIntegerType(t *testing.T) {
	cases := []struct {
		why, schema, want string
	}{
		{"no bounds: int64, as before", `{"type": "integer"}`, "int64"},
		{"minimum 0 alone says nothing about the top", `{"type": "integer", "minimum": 0}`, "int64"},
		{"bounds inside int64", `{"type": "integer", "minimum": -5, "maximum": 9223372036854775807}`, "int64"},
		{"a hash: 0..MaxUint64", `{"type": "integer", "minimum": 0, "maximum": 18446744073709551615}`, Uint64Builtin},
		{"exclusiveMinimum -1 is minimum 0 for integers", `{"type": "integer", "exclusiveMinimum": -1, "maximum": 1e19}`, Uint64Builtin},
		{"an enum value beyond int64", `{"type": "integer", "enum": [1, 9223372036854775808]}`, Uint64Builtin},
		{"a const beyond int64, no type", `{"const": 9223372036854775808}`, Uint64Builtin},
		{"above MaxInt64 and below 0", `{"type": "integer", "minimum": -1, "maximum": 9223372036854775808}`, NumberBuiltin},
		{"beyond uint64", `{"type": "integer", "minimum": 0, "maximum": 1e20}`, NumberBuiltin},
		{"below MinInt64", `{"type": "integer", "minimum": -1e19}`, NumberBuiltin},
		{"a maximum beyond int64 but no minimum", `{"type": "integer", "maximum": 1e19}`, NumberBuiltin},
	}
	for _, c := range cases {
		pkg := buildOne(t, `{"type": "object", "properties": {"n": `+c.schema+`}}`)
		f := typeNamed(pkg, "Event").Fields[0]
		got := f.Type.Builtin
		if f.Type.Kind == Named {
			got = f.Type.Type.Base.Builtin
		}
		if got != c.want {
			t.Errorf("%s: %s is %s, want %s", c.why, c.schema, got, c.want)
		}
	}
}

// TestTupleNames: a tuple's fields are named by x-go-name, title or the
// $ref'd definition, else V<i>; a name two positions (or Rest, or a
// method) would take is V<i>.
func TestTupleNames(t *testing.T) {
	cases := []struct {
		why, items, want string
	}{
		{"nothing to name them by", `[{"type": "string"}, {"type": "integer"}]`, "V0 V1 Rest"},
		{"titles and a definition", `[{"title": "first name", "type": "string"}, {"$ref": "#/$defs/Point"}]`, "FirstName Point Rest"},
		{"the same definition twice", `[{"$ref": "#/$defs/Point"}, {"$ref": "#/$defs/Point"}]`, "V0 V1 Rest"},
		{"x-go-name wins over the title", `[{"title": "a", "x-go-name": "Start"}, {"title": "Validate"}]`, "Start V1 Rest"},
		{"Rest is taken", `[{"title": "rest"}]`, "V0 Rest"},
	}
	for _, c := range cases {
		pkg := buildOne(t, `{"type": "object", "properties": {"t": {"type": "array", "prefixItems": `+c.items+`}},
			"$defs": {"Point": {"type": "object", "properties": {"x": {"type": "integer"}}}}}`)
		tt := typeNamed(pkg, "EventT")
		if tt == nil || tt.Kind != Tuple {
			t.Fatalf("%s: no tuple EventT", c.why)
		}
		var names []string
		for _, f := range tt.Fields {
			names = append(names, f.Name)
		}
		if tt.Rest != nil {
			names = append(names, RestField)
		}
		if got := strings.Join(names, " "); got != c.want {
			t.Errorf("%s: fields %s, want %s", c.why, got, c.want)
		}
	}
}
