package model

import (
	"strings"

	"github.com/hookgen/hookgen/generator/load"
)

// A oneOf/anyOf whose branches all have the same JSON type but different
// rules (GitHub's environment_url: a URI or the empty string; its webhook
// events: a list of event names, or ["*"]) is that JSON type's plain Go
// type (string, []string), with Rules.Branches: Validate checks that
// exactly one (oneOf) or at least one (anyOf) branch's rules hold.

// Branches are the rules of the branches of a same-type oneOf/anyOf.
type Branches struct {
	Keyword  string // "oneOf" or "anyOf"
	Pointer  string // the keyword's JSON pointer in its file, for the comment
	Branches []*BranchRules
}

// BranchRules are what one branch asks of a value of the common type.
type BranchRules struct {
	// Builtin is the value's Go type: "string", "int64", "float64",
	// "bool", or "array" (then Items says what each item must be).
	Builtin string
	Rules   *Rules
	// Enum lists the values the branch allows (nil: no enum); EnumText
	// them as the schema writes them, for the message.
	Enum     []any
	EnumText string
	Items    *BranchRules
}

// branchKeywords are what a branch may hold besides annotations and type,
// by JSON type.
var branchKeywords = map[string]map[string]bool{
	"string":  set("minLength", "maxLength", "pattern", "format", "const", "enum"),
	"integer": set("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "const", "enum"),
	"number":  set("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "const"),
	"boolean": set("const", "enum"),
	"array":   set("items", "minItems", "maxItems", "uniqueItems"),
}

var builtinOf = map[string]string{"string": "string", "integer": "int64", "number": "float64", "boolean": "bool", "array": "array"}

// sameKind returns the branches' rules when every branch of a oneOf/anyOf
// is a plain schema of one JSON type (an array's items of one scalar
// type), nil otherwise. An anyOf with a branch that allows every value of
// the type beside an enum is an open enum, not this.
func (b *builder) sameKind(kw string, alts []load.Schema) []*BranchRules {
	if len(alts) < 2 {
		return nil
	}
	var out []*BranchRules
	open, enum := false, false
	for _, br := range alts {
		rules := b.branchRules(b.follow(br), "")
		if rules == nil || (len(out) > 0 && !sameShape(rules, out[0])) {
			return nil
		}
		open = open || (rules.Rules.Empty() && rules.Enum == nil && rules.Items == nil)
		enum = enum || rules.Enum != nil
		out = append(out, rules)
	}
	if kw == "anyOf" && open && enum {
		return nil
	}
	return out
}

func sameShape(a, b *BranchRules) bool {
	if a.Builtin != b.Builtin || (a.Items == nil) != (b.Items == nil) {
		return false
	}
	return a.Items == nil || sameShape(a.Items, b.Items)
}

// branchRules reads one branch; want is the JSON type an array's items
// must have ("" for a branch itself). nil when it is not a plain schema.
func (b *builder) branchRules(s load.Schema, want string) *BranchRules {
	k := s.Keywords()
	if k.Bool != nil || k.Has("$ref") || b.rawReason(s) != "" {
		return nil
	}
	types, nullable := jsonTypes(s)
	if nullable || len(types) != 1 || !k.Has("type") || (want != "" && types[0] != want) {
		return nil
	}
	kind := types[0]
	allowed, ok := branchKeywords[kind]
	if !ok || (want != "" && kind == "array") {
		return nil
	}
	for _, name := range k.Names() {
		if name != "type" && !allowed[name] && !annotationKeywords[name] && !strings.HasPrefix(name, "x-") {
			return nil
		}
	}
	r := &BranchRules{Builtin: builtinOf[kind], Rules: b.rules(s, builtinOf[kind])}
	if k.Has("enum") && kind != "boolean" { // rules reads a boolean's
		r.Enum = []any{}
		var texts []string
		for _, it := range k.Enum {
			texts = append(texts, it.JSON())
			if v, ok := goValue(it, r.Builtin); ok {
				r.Enum = append(r.Enum, v)
			}
		}
		r.EnumText = strings.Join(texts, ", ")
	}
	if kind == "array" {
		if k.Items == nil {
			return nil
		}
		target := b.follow(*k.Items)
		t, _ := jsonTypes(target)
		if len(t) != 1 {
			return nil
		}
		if r.Items = b.branchRules(target, t[0]); r.Items == nil {
			return nil
		}
	}
	return r
}

// sameKindType builds the plain Go type of a same-type oneOf/anyOf.
func (b *builder) sameKindType(s load.Schema, named bool, kw string, branches []*BranchRules, nullable bool) Ref {
	rules := &Rules{Checks: NoChecks,
		Branches: &Branches{Keyword: kw, Pointer: s.Keywords().Pointer(kw), Branches: branches}}
	r := Ref{Kind: Builtin, Builtin: branches[0].Builtin}
	if r.Builtin == "array" {
		elem := Ref{Kind: Builtin, Builtin: branches[0].Items.Builtin}
		r = Ref{Kind: Slice, Elem: &elem}
	}
	if !named {
		r.Rules = rules
	}
	r = b.define(s, named, r, rules)
	r.Nullable = nullable
	return r
}
