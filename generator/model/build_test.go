package model

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator/load"
)

// buildProvider writes one provider's files (schema name -> JSON) to a
// temporary folder, loads it and builds its model: a schema in, the
// model's decisions out, with nothing generated or compiled.
func buildProvider(t *testing.T, files map[string]string, opts Options) (*Package, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, "p", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	provs, err := load.Load(dir, load.Options{})
	if err != nil {
		return nil, err
	}
	return Build(provs[0], opts)
}

func fieldNamed(t *Type, name string) *Field {
	for _, f := range t.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// TestBuildFields: the field state and Go type of a property, decided
// from its schema alone.
func TestBuildFields(t *testing.T) {
	cases := []struct {
		name     string
		prop     string // the property's schema
		required bool
		state    FieldState
		kind     RefKind
		builtin  string
	}{
		{"required string", `{"type": "string"}`, true, Required, Builtin, "string"},
		{"optional integer", `{"type": "integer"}`, false, Optional, Builtin, "int64"},
		{"required nullable", `{"type": ["number", "null"]}`, true, Nullable, Builtin, "float64"},
		{"optional nullable", `{"type": ["boolean", "null"]}`, false, OptionalNullable, Builtin, "bool"},
		{"anyOf X or null", `{"anyOf": [{"type": "string"}, {"type": "null"}]}`, true, Nullable, Builtin, "string"},
		{"date-time", `{"type": "string", "format": "date-time"}`, true, Required, Time, ""},
		{"date-time with text checks", `{"type": "string", "format": "date-time", "pattern": "Z$"}`, true, Required, Builtin, "string"},
		{"date-time enum", `{"type": "string", "format": "date-time", "enum": ["1970-01-01T00:00:00Z"]}`, true, Required, Named, ""},
		{"array", `{"type": "array", "items": {"type": "string"}}`, true, Required, Slice, ""},
		{"map", `{"type": "object", "additionalProperties": {"type": "integer"}}`, true, Required, Map, ""},
		{"no type", `{}`, true, Required, Raw, ""},
		{"not", `{"not": {"type": "string"}}`, false, Optional, Raw, ""},
		// "type": ["object"] means "type": "object": Keywords reads both
		// as one list (the model once took only the string for a type).
		{"open enum, type as a list", `{"anyOf": [{"enum": ["a", "b"]}, {"type": ["string"]}]}`, true, Required, Named, ""},
		{"sum, type as a list", `{"oneOf": [
			{"type": ["object"], "required": ["k"], "properties": {"k": {"const": "a"}}},
			{"type": ["object"], "required": ["k"], "properties": {"k": {"const": "b"}}}]}`, true, Required, Named, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := `[]`
			if c.required {
				req = `["v"]`
			}
			pkg, err := buildProvider(t, map[string]string{"thing.json": `{"type": "object", "required": ` + req + `, "properties": {"v": ` + c.prop + `}}`}, Options{NoRouter: true})
			if err != nil {
				t.Fatal(err)
			}
			f := fieldNamed(typeNamed(pkg, "Thing"), "V")
			if f == nil {
				t.Fatal("no field V in type Thing")
			}
			if f.State != c.state || f.Type.Kind != c.kind || f.Type.Builtin != c.builtin {
				t.Errorf("field V: %s, kind %d %q; want %s, kind %d %q", f.State, f.Type.Kind, f.Type.Builtin, c.state, c.kind, c.builtin)
			}
		})
	}
}

// TestBuildNames: Go names from file names, $defs keys, nesting,
// initialisms and x-go-name; enums get one constant per value.
func TestBuildNames(t *testing.T) {
	pkg, err := buildProvider(t, map[string]string{
		"order.created.json": `{
			"type": "object",
			"properties": {
				"user_id": {"type": "string"},
				"api_url": {"type": "string", "x-go-name": "Endpoint"},
				"data": {"type": "object", "properties": {"status": {"enum": ["in-progress", "done"]}}},
				"items": {"type": "array", "items": {"$ref": "#/$defs/line_item"}}
			},
			"$defs": {"line_item": {"type": "object", "properties": {"sku": {"type": "string"}}}}
		}`,
	}, Options{NoRouter: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ty := range pkg.Types {
		names = append(names, ty.Name)
	}
	want := []string{"LineItem", "OrderCreated", "OrderCreatedData", "OrderCreatedDataStatus"}
	if !slices.Equal(names, want) {
		t.Errorf("types %v, want %v", names, want)
	}
	root := typeNamed(pkg, "OrderCreated")
	var fields []string
	for _, f := range root.Fields {
		fields = append(fields, f.Name)
	}
	if want := []string{"UserID", "Endpoint", "Data", "Items"}; !slices.Equal(fields, want) {
		t.Errorf("fields %v, want %v (schema order, initialisms, x-go-name)", fields, want)
	}
	status := typeNamed(pkg, "OrderCreatedDataStatus")
	if status == nil || status.Kind != Enum || len(status.Values) != 2 || status.Values[0].Name != "OrderCreatedDataStatusInProgress" {
		t.Errorf("enum: %+v", status)
	}
	if len(pkg.Files) != 1 || pkg.Files[0].Name != "order_created_gen.go" {
		t.Errorf("files: %+v", pkg.Files)
	}
	// Every struct, sum and event gets its helpers named in the model.
	if root.Spec != "hkSpecOrderCreated" {
		t.Errorf("member spec %q", root.Spec)
	}
}

// TestBuildRefuses: what the model refuses, each an error naming the
// file and the JSON pointer; never a silent rename or a dropped router.
func TestBuildRefuses(t *testing.T) {
	event := func(name string) string {
		return `{"type": "object", "required": ["event"], "properties": {"event": {"const": "` + name + `"}}}`
	}
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"two properties, one Go name", map[string]string{
			"a.json": `{"type": "object", "properties": {"user_id": {"type": "string"}, "userId": {"type": "string"}}}`,
		}, []string{"a.json", "#/properties/userId", "UserID", "user_id"}},
		{"a $defs key taking a runtime type's name", map[string]string{
			"a.json": `{"$defs": {"Optional": {"type": "object", "properties": {"x": {"type": "string"}}}}}`,
		}, []string{"a.json", "#/$defs/Optional", "a type of the hookgen runtime"}},
		{"a $defs key taking a generated declaration's name", map[string]string{
			"a.json": `{"$defs": {"Schemas": {"type": "object", "properties": {"x": {"type": "string"}}}}}`,
		}, []string{"a.json", "#/$defs/Schemas", "a declaration of every generated package"}},
		{"a discriminator naming no property", map[string]string{
			"hookgen.json": `{"discriminator": ["evnet"]}`,
			"ping.json":    event("ping"),
		}, []string{"hookgen.json", "#/discriminator/0", `"evnet"`}},
		{"a delivery_id naming nothing", map[string]string{
			"hookgen.json": `{"discriminator": ["event"], "delivery_id": "/nothing"}`,
			"ping.json":    event("ping"),
		}, []string{"hookgen.json", "#/delivery_id", "/nothing"}},
		{"an event pinning another file's name", map[string]string{
			"ping.json": event("ping"),
			"pong.json": event("pang"),
		}, []string{"pong.json", `"pang"`, "its file is named"}},
		{"a property taking a generated method's name", map[string]string{
			"a.json": `{"type": "object", "properties": {"validate": {"type": "string"}, "Validate": {"type": "string"}}}`,
		}, []string{"a.json", "Validate", "hookgen generates on it"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := buildProvider(t, c.files, Options{})
			if err == nil {
				t.Fatal("built without an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestBuildRouter: the router the model infers or is told, and the
// helper names it hands out.
func TestBuildRouter(t *testing.T) {
	stripe := func(typ string) string {
		return `{"type": "object", "required": ["id", "object", "type", "data"], "properties": {"id": {"type": "string"}, "object": {"const": "event"}, "type": {"const": "` + typ + `"}, "data": {"type": "object"}}}`
	}
	cases := []struct {
		name          string
		files         map[string]string
		discriminator []string
		consts        []string
		parse         []string
	}{
		{"inferred: the property every event pins apart", map[string]string{
			"charge.refunded.json":  stripe("charge.refunded"),
			"charge.succeeded.json": stripe("charge.succeeded"),
		}, []string{"type"}, []string{"EventChargeRefunded", "EventChargeSucceeded"}, []string{"parseChargeRefunded", "parseChargeSucceeded"}},
		{"from the manifest, two properties", map[string]string{
			"hookgen.json":     `{"discriminator": ["entity", "action"]}`,
			"rows.insert.json": `{"type": "object", "required": ["entity", "action"], "properties": {"entity": {"const": "rows"}, "action": {"const": "insert"}}}`,
			"rows.delete.json": `{"type": "object", "required": ["entity", "action"], "properties": {"entity": {"const": "rows"}, "action": {"const": "delete"}}}`,
			"common.json":      `{"$defs": {"Row": {"type": "object"}}}`,
		}, []string{"entity", "action"}, []string{"EventRowsDelete", "EventRowsInsert"}, []string{"parseRowsDelete", "parseRowsInsert"}},
		{"an event named like a runtime function", map[string]string{
			"date_time.json": `{"type": "object", "required": ["event"], "properties": {"event": {"const": "date_time"}}}`,
			"ping.json":      `{"type": "object", "required": ["event"], "properties": {"event": {"const": "ping"}}}`,
		}, []string{"event"}, []string{"EventDateTime", "EventPing"}, []string{"parseDateTime", "parsePing"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pkg, err := buildProvider(t, c.files, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if pkg.Router == nil {
				t.Fatal("no router")
			}
			if !slices.Equal(pkg.Router.Discriminator, c.discriminator) {
				t.Errorf("discriminator %v, want %v", pkg.Router.Discriminator, c.discriminator)
			}
			var consts, parse []string
			for _, ev := range pkg.Router.Events {
				consts = append(consts, ev.Const)
				parse = append(parse, ev.ParseFunc)
			}
			if !slices.Equal(consts, c.consts) || !slices.Equal(parse, c.parse) {
				t.Errorf("events %v %v, want %v %v", consts, parse, c.consts, c.parse)
			}
			for _, p := range parse {
				if slices.Contains(RuntimeNames(), p) {
					t.Errorf("parse function %s is a name of the runtime", p)
				}
			}
		})
	}
}

// TestBuildSum: a oneOf of objects pinning one property to distinct
// consts is a sum with a variant per const, its helpers named.
func TestBuildSum(t *testing.T) {
	pkg, err := buildProvider(t, map[string]string{
		"a.json": `{"type": "object", "required": ["who"], "properties": {"who": {"oneOf": [
			{"type": "object", "required": ["kind", "login"], "properties": {"kind": {"const": "user"}, "login": {"type": "string"}}},
			{"type": "object", "required": ["kind", "slug"], "properties": {"kind": {"const": "team"}, "slug": {"type": "string"}}}
		]}}}`,
	}, Options{NoRouter: true})
	if err != nil {
		t.Fatal(err)
	}
	sum := typeNamed(pkg, "AWho")
	if sum == nil || sum.Kind != Sum {
		t.Fatalf("AWho: %+v", sum)
	}
	var values []string
	for _, v := range sum.Variants {
		values = append(values, v.Value)
	}
	if sum.Discriminator != "kind" || !slices.Equal(values, []string{"team", "user"}) {
		t.Errorf("discriminator %q, variants %v", sum.Discriminator, values)
	}
	if sum.DecodeFunc != "decodeAWho" || sum.Decoder == "" || sum.Unknown == "" {
		t.Errorf("helpers: decode %q, decoder %q, unknown %q", sum.DecodeFunc, sum.Decoder, sum.Unknown)
	}
}

// TestBuildMergedRecursivePart: an allOf (or a $ref with keywords beside
// it) merging a part whose property leads back to that part reaches the
// part's struct, not a "$ref cycle that never reaches a type".
func TestBuildMergedRecursivePart(t *testing.T) {
	defs := `"$defs": {
		"extended": {"type": "object", "properties": {"bar": {"$ref": "#/$defs/bar"}}},
		"bar": {"type": "object", "properties": {"baz": {"$ref": "#/$defs/extended"}}}}`
	for name, root := range map[string]string{
		"allOf":        `{"allOf": [{"$ref": "#/$defs/extended"}, {"type": "object", "properties": {"foo": {"type": "string"}}}], ` + defs + `}`,
		"ref siblings": `{"type": "object", "properties": {"foo": {"type": "string"}}, "$ref": "#/$defs/extended", ` + defs + `}`,
	} {
		t.Run(name, func(t *testing.T) {
			pkg, err := buildProvider(t, map[string]string{"thing.json": root}, Options{NoRouter: true})
			if err != nil {
				t.Fatal(err)
			}
			bar := fieldNamed(typeNamed(pkg, "Thing"), "Bar")
			if bar == nil || bar.Type.Kind != Named || bar.Type.Type.Name != "Bar" {
				t.Fatalf("Thing.Bar = %+v, want the struct Bar", bar)
			}
			if baz := fieldNamed(typeNamed(pkg, "Bar"), "Baz"); baz == nil || baz.Type.Type == nil || baz.Type.Type.Name != "Extended" {
				t.Errorf("Bar.Baz = %+v, want the struct Extended", baz)
			}
		})
	}
}
