package hookrt

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

type states struct {
	Opt    Optional[string]         `json:"opt,omitzero"`
	Null   Nullable[int64]          `json:"null"`
	OptNul OptionalNullable[string] `json:"optnul,omitzero"`
}

func TestStatesDecode(t *testing.T) {
	cases := []struct {
		in   string
		want states
	}{
		{`{"null":null}`, states{Null: Nullable[int64]{Null: true}}},
		{`{"null":3}`, states{Null: Nullable[int64]{Value: 3}}},
		{`{"opt":"a","null":1,"optnul":null}`, states{
			Opt: Optional[string]{Value: "a", Set: true}, Null: Nullable[int64]{Value: 1},
			OptNul: OptionalNullable[string]{Set: true, Null: true}}},
		{`{"null":1,"optnul":"x"}`, states{Null: Nullable[int64]{Value: 1}, OptNul: OptionalNullable[string]{Value: "x", Set: true}}},
		{`{"opt":null,"null":1}`, states{Opt: Optional[string]{Set: true}, Null: Nullable[int64]{Value: 1}}},
	}
	for _, c := range cases {
		var got states
		if err := json.Unmarshal([]byte(c.in), &got); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestStatesRoundTrip(t *testing.T) {
	for _, in := range []string{
		`{"null":null}`,
		`{"null":3}`,
		`{"opt":"a","null":1,"optnul":null}`,
		`{"null":1,"optnul":"x"}`,
	} {
		var v states
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != in {
			t.Errorf("round trip of %s gave %s", in, out)
		}
	}
}

func TestGet(t *testing.T) {
	if v, ok := (Optional[int]{Value: 2, Set: true}).Get(); !ok || v != 2 {
		t.Error("Optional.Get on a set value")
	}
	if _, ok := (Optional[int]{}).Get(); ok {
		t.Error("Optional.Get on an absent value")
	}
	if _, ok := (Nullable[int]{Null: true}).Get(); ok {
		t.Error("Nullable.Get on null")
	}
	if _, ok := (OptionalNullable[int]{Set: true, Null: true}).Get(); ok {
		t.Error("OptionalNullable.Get on null")
	}
	if v, ok := (OptionalNullable[int]{Set: true, Value: 4}).Get(); !ok || v != 4 {
		t.Error("OptionalNullable.Get on a value")
	}
}

func TestWrongTypeIsAnError(t *testing.T) {
	var v states
	if err := json.Unmarshal([]byte(`{"null":"x"}`), &v); err == nil {
		t.Error("a string in a Nullable[int64] decoded without error")
	}
}

// TestNullableZeroValueIsDocumented: Nullable's zero value is a value, not
// null; its doc comment must say so, and the zero value must encode as
// the comment says.
func TestNullableZeroValueIsDocumented(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "runtime.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	doc := ""
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && len(g.Specs) == 1 {
			if ts, ok := g.Specs[0].(*ast.TypeSpec); ok && ts.Name.Name == "Nullable" {
				doc = g.Doc.Text()
			}
		}
	}
	for _, want := range []string{"zero value is present and not null", "Nullable[string]{Null: true}"} {
		if !strings.Contains(strings.Join(strings.Fields(doc), " "), want) {
			t.Errorf("Nullable's doc does not say %q:\n%s", want, doc)
		}
	}
	out, err := json.Marshal(Nullable[string]{})
	if err != nil || string(out) != `""` {
		t.Errorf("zero Nullable[string] encodes as %s %v", out, err)
	}
}
