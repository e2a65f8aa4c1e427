package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/naming"
)

// Enum constants and open enums.
//
// An enum's constants are named <Type><Value> (naming.EnumConstant), or,
// where the schema holding the enum has "x-enum-varnames" (as
// openapi-generator reads it), taken from that list as written: one
// exported Go identifier per enum value, in the enum's order, each claimed
// like any package-level name, so a clash is an error naming both places.
//
// An open enum is
//
//	{"anyOf": [{"enum": ["a", "b"]}, {"type": "string"}]}
//
// (either order, the enum of strings, the other branch a plain string,
// with or without a null branch): the enum's named type with its
// constants, whose other strings are kept and valid. Under oneOf the same
// shape means something else: a listed value matches both branches, so
// only strings the enum does not list are valid, as jsonschema/v5 says; the
// type is the same and Validate reports a listed value at "oneOf".

// enumVarNamesKeyword names an enum's constants.
const enumVarNamesKeyword = "x-enum-varnames"

// checkEnumVarNames reports an x-enum-varnames of s that cannot name the
// constants of the enum beside it. The second argument, the keyword's
// located value, is not read: Keywords has it.
func (b *builder) checkEnumVarNames(s load.Schema) {
	k := s.Keywords()
	names, pos := k.Extension(enumVarNamesKeyword), k.Pos(enumVarNamesKeyword)
	if k.Enum == nil {
		b.diags.Add(pos, "%s without an enum beside it", enumVarNamesKeyword)
		return
	}
	if names == nil || names.Kind != load.Array {
		b.diags.Add(pos, "%s must be an array of Go identifiers, one per enum value", enumVarNamesKeyword)
		return
	}
	if len(names.Items) != len(k.Enum) {
		b.diags.Add(pos, "%s must name each of the %d enum values, in order; it lists %d", enumVarNamesKeyword, len(k.Enum), len(names.Items))
	}
	for i, it := range names.Items {
		if it.Kind != load.String || !naming.IsExportedIdent(it.Str) {
			b.diags.Add(k.ItemPos(enumVarNamesKeyword, i), "%s: %s is not an exported Go identifier", enumVarNamesKeyword, it.JSON())
		}
	}
}

// enumVarNames returns the constant names x-enum-varnames gives the enum
// values of holder, nil when it has none or they are unusable
// (checkEnumVarNames reported why).
func enumVarNames(holder load.Schema) []string {
	k := holder.Keywords()
	v := k.Extension(enumVarNamesKeyword)
	if v == nil || k.Enum == nil || v.Kind != load.Array || len(v.Items) != len(k.Enum) {
		return nil
	}
	var names []string
	for _, it := range v.Items {
		if it.Kind != load.String || !naming.IsExportedIdent(it.Str) {
			return nil
		}
		names = append(names, it.Str)
	}
	return names
}

// enumConstant names the constant of value text, the i-th of holder's
// enum.
func enumConstant(t *Type, s, holder load.Schema, text string, i int) (name, what string) {
	if names := enumVarNames(holder); names != nil && ownEnum(s, holder) {
		return names[i], fmt.Sprintf("enum value %q (named by %s)", text, enumVarNamesKeyword)
	}
	return naming.EnumConstant(t.Name, text, i), fmt.Sprintf("enum value %q", text)
}

// clashHint says how to settle a clash of two Go names.
func clashHint(whats ...string) string {
	for _, w := range whats {
		if strings.HasSuffix(w, "(named by "+enumVarNamesKeyword+")") {
			return "change one of the names in " + enumVarNamesKeyword
		}
	}
	for _, w := range whats {
		if strings.HasPrefix(w, "enum value") {
			return "name the enum's constants with " + enumVarNamesKeyword + " (or set x-go-name on the other)"
		}
	}
	return "set x-go-name on one of them"
}

// ownEnum reports whether the enum of holder is written in s: s itself
// or a branch of it, not a $ref'd schema. A $ref'd enum is a type of its
// own, whose x-enum-varnames name its own constants; an open enum over it
// names its constants after itself, or they would clash.
func ownEnum(s, holder load.Schema) bool {
	if holder.Key() == s.Key() {
		return true
	}
	k := s.Keywords()
	for _, br := range append(slices.Clip(k.AnyOf), k.OneOf...) {
		if br.Key() == holder.Key() {
			return true
		}
	}
	return false
}

// openEnumOf returns the schema holding the enum when s is an open enum
// (see above), following a branch's $ref, and the keyword; ok is false
// otherwise.
func (b *builder) openEnumOf(s load.Schema) (holder load.Schema, kw string, ok bool) {
	k := s.Keywords()
	kw = "anyOf"
	if !k.Has(kw) {
		kw = "oneOf"
	}
	branches := combinator(k, kw)
	if k.Bool != nil || branches == nil || k.Has("anyOf") && k.Has("oneOf") {
		return load.Schema{}, "", false
	}
	for _, name := range k.Names() {
		switch {
		case name == kw || annotationKeywords[name] || strings.HasPrefix(name, "x-"):
		case name == "type" && typeIs(k, "string"):
		default:
			return load.Schema{}, "", false
		}
	}
	alts, _ := unionAlternatives(branches)
	if len(alts) != 2 {
		return load.Schema{}, "", false
	}
	for i, br := range alts {
		if enum := b.follow(br); isStringEnum(enum) && isPlainString(b.follow(alts[1-i])) {
			return enum, kw, true
		}
	}
	return load.Schema{}, "", false
}

// isStringEnum: {"enum": [strings...]}, "type": "string" allowed beside.
func isStringEnum(s load.Schema) bool {
	k := s.Keywords()
	if k.Bool != nil || len(k.Enum) == 0 {
		return false
	}
	for _, it := range k.Enum {
		if it.Kind != load.String {
			return false
		}
	}
	for _, name := range k.Names() {
		switch {
		case name == "enum" || annotationKeywords[name] || strings.HasPrefix(name, "x-"):
		case name == "type" && typeIs(k, "string"):
		default:
			return false
		}
	}
	return true
}

// isPlainString: {"type": "string"} and annotations, nothing else.
func isPlainString(s load.Schema) bool {
	k := s.Keywords()
	if k.Bool != nil || !typeIs(k, "string") {
		return false
	}
	for _, name := range k.Names() {
		if name != "type" && !annotationKeywords[name] && !strings.HasPrefix(name, "x-") {
			return false
		}
	}
	return true
}

// openEnum builds the type of an open enum: the enum's named type, open.
func (b *builder) openEnum(s, holder load.Schema, kw string) Ref {
	_, nullable := unionAlternatives(combinator(s.Keywords(), kw))
	b.checkKeywords(holder)
	t := b.enum(s, holder, Ref{Kind: Builtin, Builtin: "string"})
	t.OpenEnum = kw
	r := Ref{Kind: Named, Type: t, Nullable: nullable}
	b.refs[s.Key()] = r
	return r
}
