package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/naming"
)

// Tuples: an array whose items are told apart by position ("prefixItems";
// draft-07 and 2019-09 array "items", which load reads as prefixItems) is
// a struct with one field per position, and Rest for the items after them
// when the schema allows more ("items" absent, true or a schema; not when
// it is false):
//
//	// ["lat", 52.1, 4.3, ...extra]
//	type Place struct {
//		Name      string            // position 0
//		Latitude  Optional[float64] // position 1
//		Longitude Optional[float64] // position 2
//		Rest      []json.RawMessage // positions 3...
//	}
//
// Naming: a position is named by its x-go-name, else its title, else the
// name of the definition its $ref points at; a position with none of
// them, or whose name another position (or Rest, or a generated method)
// also takes, is V<i>, i its position from 0.
//
// A JSON array may be shorter than the positions: a position below
// minItems is always there (a plain value, or Nullable[T] where null is
// allowed); the others are Optional[T] (or OptionalNullable[T]). Decoding
// reads a JSON array, encoding writes one: the positions up to the first
// absent one, then Rest. Validate reports a value that sets a position
// after an absent one (or Rest with a position absent), which no JSON
// array can be, at "prefixItems". minItems and maxItems count the items
// present. Extra items where "items" or "unevaluatedItems" is false are
// each reported at its pointer, where draft-07 and 2019-09
// "additionalItems": false reports the array once, as jsonschema/v5 does. uniqueItems and contains on a tuple
// keep it raw JSON.

// RestField is the Go field of a tuple holding the items after its
// positions.
const RestField = "Rest"

// tupleReason says why an array schema with prefixItems stays raw JSON,
// "" when it becomes a tuple.
func tupleReason(s load.Schema) string {
	k := s.Keywords()
	if !k.Has("prefixItems") {
		return ""
	}
	if k.UniqueItems {
		return "it has uniqueItems on a tuple (prefixItems)"
	}
	for _, kw := range []string{"contains", "minContains", "maxContains"} {
		if k.Has(kw) {
			return fmt.Sprintf("it uses %q on a tuple (prefixItems)", kw)
		}
	}
	return ""
}

// isTuple reports whether the array schema at s is a tuple.
func isTuple(s load.Schema) bool {
	return len(s.Keywords().PrefixItems) > 0
}

// tuple builds the Tuple type of the array schema at s.
func (b *builder) tuple(s load.Schema, named bool) Ref {
	t := b.declare(s, Tuple)
	r := Ref{Kind: Named, Type: t}
	b.refs[s.Key()] = r // before the positions, so a recursive $ref finds it
	k := s.Keywords()
	rules := b.rules(s, "array")
	t.Rules = rules
	minItems := max(rules.MinItems, 0)
	var names []string
	for _, ps := range k.PrefixItems {
		names = append(names, b.positionName(ps))
	}
	asked := slices.Clone(names)
	for i, n := range asked {
		if n == "" || n == RestField || slices.Contains(MemberNames, n) || slices.Index(asked, n) != i || slices.Contains(asked[i+1:], n) {
			names[i] = fmt.Sprintf("V%d", i)
		}
	}
	// A V<i> may now equal a name a position took (a title "V1").
	for i, n := range names {
		if slices.Index(names, n) != i {
			b.diags.Add(k.PrefixItems[i].Pos(), "tuple position %d would be field %s of %s, as position %d is; set x-go-name on one", i, n, t.Name, slices.Index(names, n))
		}
	}
	for i, ps := range k.PrefixItems {
		ref := b.typeAt(ps, false)
		f := &Field{Name: names[i], JSONName: fmt.Sprint(i), Doc: docOf(ps), Type: ref, Pos: ps.Pos()}
		if ref.Kind == Raw && ref.RawReason != "" {
			f.Doc = strings.TrimSpace(f.Doc + "\n\nKept as raw JSON because " + ref.RawReason + "; Validate checks it against the schema.")
		}
		f.State = fieldState(i < minItems, ref)
		t.Fields = append(t.Fields, f)
	}
	rest := k.Items
	if rest != nil && s.Doc.Draft == load.Draft2020 {
		t.RestRefusedEach = "items" // not additionalItems, read as items
	}
	if rest == nil && constrains(k.UnevaluatedItems) {
		// Nothing else evaluates the items after the positions
		// (unevaluated.go).
		rest, t.RestRefusedEach = k.UnevaluatedItems, "unevaluatedItems"
	}
	switch {
	case rest != nil && isFalse(*rest):
		// no more items
	case rest != nil:
		elem := b.typeAt(*rest, false)
		t.Rest = &elem
	default:
		t.Rest = &Ref{Kind: Raw}
	}
	return r
}

// positionName is the Go name a tuple position asks for: its x-go-name,
// title, or the name of the definition its $ref points at; "" for none.
func (b *builder) positionName(s load.Schema) string {
	k := s.Keywords()
	if k.Bool != nil {
		return ""
	}
	if n := goName(s, ""); n != "" {
		return n
	}
	if n := naming.Exported(k.Title); n != "" {
		return n
	}
	if k.Ref != nil {
		if target, err := b.prov.Resolve(s, *k.Ref); err == nil && isDeclaration(target) {
			return b.nameFor(target)
		}
	}
	return ""
}
