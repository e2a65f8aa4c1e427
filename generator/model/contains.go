package model

import (
	"github.com/hookgen/hookgen/generator/load"
)

// contains on a typed array. An array whose items have one Go type T
// ([]T, not a tuple) may ask that some of them match another schema:
//
//	{"type": "array", "items": {"type": "string"},
//	 "contains": {"const": "admin"}, "maxContains": 1}
//
// Validate counts the elements that pass the contains schema's checks
// without a violation, and reports a count below minContains (default 1,
// keyword "contains") or above maxContains at the array, as jsonschema/v5
// does. The contains schema must be checkable on a T: the same $ref'd
// declaration or an inline scalar of the same builtin (valueSig), or any
// schema when T is raw JSON (checked by its table). Otherwise the array
// stays raw JSON.

// containsKeywords are the raw-only keywords a typed array honours.
var containsKeywords = set("contains", "minContains", "maxContains")

// Contains is the contains count of a slice.
type Contains struct {
	// Pointer is the contains keyword's JSON pointer, for the comment.
	Pointer string
	// Match is the check an element must pass without a violation to
	// count, on the slice's element type.
	Match Ref
	// Min and Max bound the count; -1: unbounded.
	Min, Max int
	// ItemsReport: Match is the items' own named type, whose checks on
	// every element report the causes of too few matches already, so
	// the count reports only when every element matched.
	ItemsReport bool
}

// containsReason says why an array with contains must stay raw JSON, ""
// when it can be typed.
func (b *builder) containsReason(s load.Schema) string {
	k := s.Keywords()
	types, _ := jsonTypes(s)
	if len(types) != 1 || types[0] != "array" {
		return "it uses contains on a value that is not only an array"
	}
	if isTuple(s) {
		return "it is a tuple with contains"
	}
	for _, kw := range []string{"minContains", "maxContains"} {
		if k.Has(kw) && (kw == "minContains" && k.MinContains < 0 || kw == "maxContains" && k.MaxContains < 0) {
			return "its " + kw + " is beyond what hookgen counts"
		}
	}
	if k.Contains == nil {
		return "" // minContains and maxContains alone assert nothing
	}
	if k.Items == nil || allowsAnything(*k.Items) {
		return "" // raw items: the contains table checks them
	}
	items := *k.Items
	if it := items.Keywords(); it.Bool == nil && it.Ref == nil && b.rawReason(items) != "" {
		return "" // raw items, as above
	}
	is, ok := b.valueSig(items)
	if !ok {
		return "its items have a type contains cannot be checked on"
	}
	if cs, ok := b.valueSig(*k.Contains); !ok || cs != is {
		return "its contains schema needs a different Go type than its items"
	}
	return ""
}

// containsRule builds the contains count of an array containsReason found
// typed; nil when it asserts nothing. elem is the slice's element type.
func (b *builder) containsRule(s load.Schema, elem Ref) *Contains {
	k := s.Keywords()
	if k.Contains == nil {
		return nil
	}
	c := &Contains{Pointer: k.Pointer("contains"), Min: 1, Max: k.MaxContains}
	if k.Has("minContains") {
		c.Min = k.MinContains
	}
	if c.Min <= 0 && c.Max < 0 {
		return nil
	}
	if elem.Kind == Raw {
		c.Match = Ref{Kind: Raw}
		if !allowsAnything(*k.Contains) {
			c.Match.Table = b.table(*k.Contains)
		}
		return c
	}
	c.Match = b.typeAt(*k.Contains, false)
	c.ItemsReport = c.Match.Kind == Named && elem.Kind == Named && c.Match.Type == elem.Type
	return c
}

// addContains puts the contains count of s on the slice r built for it
// (on its named type's rules when it has one).
func (b *builder) addContains(s load.Schema, r *Ref) {
	slice := r
	if r.Kind == Named {
		slice = &r.Type.Base
	}
	c := b.containsRule(s, *slice.Elem)
	if c == nil {
		return
	}
	rules := &r.Rules
	if r.Kind == Named {
		rules = &r.Type.Rules
	}
	if *rules == nil {
		*rules = &Rules{Checks: NoChecks}
	}
	(*rules).Contains = c
}
