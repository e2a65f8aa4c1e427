package model

import (
	"strings"

	"github.com/hookgen/hookgen/generator/load"
)

// An integer beside a number in a union:
//
//	{"anyOf": [{"type": "integer", ...}, {"type": "number", ...}]}
//
// Every integer is a number, so the value is a float64 either way; what
// the union adds is checks. Under anyOf it is valid when it is an integer
// that meets the integer branch's rules, or meets the number branch's;
// under oneOf when exactly one of those holds, so with no rules at all an
// integer (1, 1.0) matches both branches and is invalid, as jsonschema/v5
// says. type: ["integer", "number"] is a number already (jsonTypes).

// NumberUnion are the branches of such a union, each as the rules of a
// float64 (the integer branch's rules also apply only to integers).
type NumberUnion struct {
	Keyword         string // "oneOf" or "anyOf"
	Integer, Number *Rules
}

// numberUnionBranches returns the integer and number branches when alts
// are exactly one of each, plain numeric schemas; ok is false otherwise.
func (b *builder) numberUnionBranches(alts []load.Schema) (integer, number load.Schema, ok bool) {
	if len(alts) != 2 {
		return load.Schema{}, load.Schema{}, false
	}
	found := map[string]load.Schema{}
	for _, br := range alts {
		target := b.follow(br)
		k := target.Keywords()
		if k.Bool != nil || !typeIs(k, "integer") && !typeIs(k, "number") {
			return load.Schema{}, load.Schema{}, false
		}
		for _, name := range k.Names() {
			switch {
			case name == "type" || annotationKeywords[name] || strings.HasPrefix(name, "x-"):
			case numericKeywords[name] && numberKeyword(k, name) != nil:
			default:
				return load.Schema{}, load.Schema{}, false
			}
		}
		t := k.Type[0]
		if _, dup := found[t]; dup {
			return load.Schema{}, load.Schema{}, false
		}
		found[t] = target
	}
	return found["integer"], found["number"], true
}

var numericKeywords = set("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "const")

// numberUnion builds the float64 of an integer-or-number union.
func (b *builder) numberUnion(s load.Schema, named bool, kw string, integer, number load.Schema, nullable bool) Ref {
	b.checkKeywords(integer)
	b.checkKeywords(number)
	rules := &Rules{Checks: NoChecks,
		Union: &NumberUnion{Keyword: kw, Integer: b.rules(integer, "float64"), Number: b.rules(number, "float64")}}
	base := Ref{Kind: Builtin, Builtin: "float64"}
	var r Ref
	if named {
		r = b.define(s, named, base, rules)
	} else {
		base.Rules = rules
		r = base
	}
	r.Nullable = nullable
	b.refs[s.Key()] = r
	return r
}
