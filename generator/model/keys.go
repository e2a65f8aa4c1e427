package model

import (
	"regexp"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/load"
)

// Maps with key constraints. An object schema with no properties is a
// map[string]T (container); beside additionalProperties it may constrain
// its keys and the values of some of them:
//
//	{"type": "object",
//	 "propertyNames": {"pattern": "^[a-z_]+$"},
//	 "patternProperties": {"^x-": {"type": "string"}},
//	 "additionalProperties": {"type": "string", "maxLength": 10}}
//
// The map stays map[string]T when T is the one Go type every value may
// have: every value schema (each pattern's, and additionalProperties unless
// it is false) is a $ref to the same declaration, or an inline scalar of
// the same builtin (each with its own rules). Validate checks each key
// against propertyNames (reported at the member, as jsonschema/v5 does),
// each value against every pattern its key matches, and a value whose key
// none matches against additionalProperties (false: a violation at the
// map). A map whose values need different Go types, or may be any JSON
// (patternProperties without additionalProperties), stays raw JSON.

// keyKeywords are the raw-only keywords a map with key constraints honours.
var keyKeywords = set("patternProperties", "propertyNames")

// MapKeys are the checks of a map's keys, and of its values by key.
type MapKeys struct {
	// Pointer is the schema's JSON pointer, for the comment.
	Pointer string
	// Names are the rules each key must meet (propertyNames), nil for
	// none.
	Names *Rules
	// Patterns are the patternProperties, in schema order.
	Patterns []KeyPattern
	// Closed: additionalProperties is false; a key no pattern matches is a
	// violation at the map.
	Closed bool
	// Rest is the check of a value whose key no pattern matches (the rules
	// of additionalProperties); nil for none.
	Rest *Ref
}

// KeyPattern is one entry of patternProperties.
type KeyPattern struct {
	Pattern *Pattern
	// Value is the check of a value whose key matches; nil when the map's
	// element type checks it already (a named type) or it has no rules.
	Value *Ref
}

// isKeyMap reports whether s is a map (an object without properties or
// required members) that uses propertyNames or patternProperties.
func isKeyMap(s load.Schema) bool {
	k := s.Keywords()
	if k.Bool != nil || !(k.Has("patternProperties") || k.Has("propertyNames")) {
		return false
	}
	types, _ := jsonTypes(s)
	return len(types) == 1 && types[0] == "object" && len(k.Properties) == 0 && !k.Has("required")
}

// ownKeywords returns the raw-only keywords of s that its map (keys.go)
// or slice (contains.go) honours, or why those it uses cannot be.
func (b *builder) ownKeywords(s load.Schema) (map[string]bool, string) {
	k := s.Keywords()
	switch {
	case k.Bool != nil:
		return nil, ""
	case k.Has("patternProperties") || k.Has("propertyNames"):
		if why := b.keysReason(s); why != "" {
			return nil, why
		}
		return keyKeywords, ""
	case k.Has("contains") || k.Has("minContains") || k.Has("maxContains"):
		if why := b.containsReason(s); why != "" {
			return nil, why
		}
		return containsKeywords, ""
	}
	return nil, ""
}

// keysReason says why a map with key constraints must stay raw JSON; ""
// when it can be typed (or s is no such map: the caller's other reasons
// apply).
func (b *builder) keysReason(s load.Schema) string {
	if !isKeyMap(s) {
		if types, _ := jsonTypes(s); len(types) == 1 && types[0] == "object" {
			return "it uses patternProperties or propertyNames beside properties or required"
		}
		return "it uses patternProperties or propertyNames on a value that is not only an object"
	}
	k := s.Keywords()
	if pn := k.PropertyNames; pn != nil {
		if why := namesReason(*pn); why != "" {
			return why
		}
	}
	if len(k.PatternProperties) == 0 {
		if ap := k.AdditionalProperties; ap != nil && isFalse(*ap) {
			return "it has propertyNames on an object that allows no member"
		}
		return "" // only propertyNames: the map's values are as before
	}
	for _, pp := range k.PatternProperties {
		if _, err := regexp.Compile(pp.Name); err != nil {
			return "it has a patternProperties pattern Go cannot compile"
		}
	}
	if ap := k.AdditionalProperties; ap == nil || allowsAnything(*ap) {
		return "it has patternProperties without additionalProperties, so its other members may be any JSON"
	}
	if _, ok := b.keyValueType(s); !ok {
		return "its patternProperties and additionalProperties need different Go types"
	}
	return ""
}

// namesReason says why a propertyNames schema cannot be checked on a Go
// string key: only a string's own assertions and string enum/const can.
func namesReason(pn load.Schema) string {
	k := pn.Keywords()
	if k.Bool != nil {
		if *k.Bool {
			return ""
		}
		return "it has \"propertyNames\": false"
	}
	for _, name := range k.Names() {
		switch name {
		case "type":
			if !slices.Contains(k.Type, "string") {
				return "its propertyNames allow no string"
			}
		case "minLength", "maxLength", "pattern", "format":
		case "enum":
			if len(stringEnum(k)) == 0 {
				return "its propertyNames enum has no string"
			}
		case "const":
			if k.Const.Kind != load.String {
				return "its propertyNames const is no string"
			}
		default:
			if !annotationKeywords[name] && !strings.HasPrefix(name, "x-") {
				return "its propertyNames use \"" + name + "\", which hookgen checks on strings only as raw JSON"
			}
		}
	}
	return ""
}

// stringEnum lists the strings of an enum, in order.
func stringEnum(k *load.Keywords) []string {
	var out []string
	for _, v := range k.Enum {
		if v.Kind == load.String && !slices.Contains(out, v.Str) {
			out = append(out, v.Str)
		}
	}
	return out
}

// valueSig names the Go type a value schema gives: "ref <key>" for a $ref
// to a declaration, "builtin <name>" for an inline scalar whose rules
// generated code checks; ok is false for anything else.
func (b *builder) valueSig(s load.Schema) (sig string, ok bool) {
	k := s.Keywords()
	if k.Bool != nil {
		return "", false
	}
	if k.Ref != nil {
		for _, name := range k.Names() {
			if name != "$ref" && !refSiblings[name] && !strings.HasPrefix(name, "x-") {
				return "", false
			}
		}
		target := b.follow(s)
		if target.Key() == s.Key() || !isDeclaration(target) || target.Keywords().Bool != nil {
			return "", false
		}
		if _, nullable := jsonTypes(target); nullable || rootMayBeNull(target) {
			return "", false
		}
		// A date-time is time.Time, not a named type; a sum is decoded
		// only held directly or in an array (finish).
		if tk := target.Keywords(); tk.Has("oneOf") || tk.Has("anyOf") || (tk.Format != nil && *tk.Format == "date-time") {
			return "", false
		}
		return "ref " + target.Key(), true
	}
	if b.rawReason(s) != "" {
		return "", false
	}
	for _, kw := range []string{"enum", "oneOf", "anyOf", "allOf"} {
		if k.Has(kw) {
			return "", false
		}
	}
	types, nullable := jsonTypes(s)
	if nullable || len(types) != 1 {
		return "", false
	}
	switch types[0] {
	case "string":
		if k.Format != nil && *k.Format == "date-time" {
			return "", false
		}
		return "builtin string", true
	case "integer":
		if integerBuiltin(s) != Int64Builtin {
			return "", false
		}
		return "builtin int64", true
	case "number":
		return "builtin float64", true
	case "boolean":
		return "builtin bool", true
	}
	return "", false
}

// keyValueType returns the schema whose Go type every value of a map
// with patternProperties has, when there is one.
func (b *builder) keyValueType(s load.Schema) (load.Schema, bool) {
	k := s.Keywords()
	ap := k.AdditionalProperties
	if ap == nil || allowsAnything(*ap) {
		return load.Schema{}, false // other members may be any JSON
	}
	values := make([]load.Schema, 0, len(k.PatternProperties)+1)
	for _, pp := range k.PatternProperties {
		values = append(values, pp.Schema)
	}
	if !isFalse(*ap) {
		values = append(values, *ap)
	}
	first := ""
	for i, v := range values {
		sig, ok := b.valueSig(v)
		if !ok || (i > 0 && sig != first) {
			return load.Schema{}, false
		}
		first = sig
	}
	return values[0], true
}

// keyMap builds a map with key constraints that keysReason found typed.
func (b *builder) keyMap(s load.Schema, named bool) Ref {
	b.predeclare(s, named)
	k := s.Keywords()
	keys := &MapKeys{Pointer: s.Pointer}
	if pn := k.PropertyNames; pn != nil && !allowsAnything(*pn) {
		names := b.rules(*pn, "string")
		if pk := pn.Keywords(); pk.Has("enum") {
			enum := stringEnum(pk)
			names.Enum = &enum
		}
		if !names.Empty() {
			keys.Names = names
		}
	}
	var elem Ref
	if len(k.PatternProperties) == 0 {
		elem = Ref{Kind: Raw}
		if ap := k.AdditionalProperties; ap != nil {
			elem = b.typeAt(*ap, false)
		}
	} else {
		first, _ := b.keyValueType(s)
		elem = b.typeAt(first, false)
		elem.Rules = nil
		// check is a value schema's own check on T, nil when the element
		// type (a named type) checks it already or it asks nothing.
		check := func(v load.Schema) *Ref {
			r := b.typeAt(v, false)
			if r.Kind == Named || r.Rules.Empty() {
				return nil
			}
			return &r
		}
		for _, pp := range k.PatternProperties {
			keys.Patterns = append(keys.Patterns, KeyPattern{Pattern: b.pattern(pp.Name), Value: check(pp.Schema)})
		}
		if ap := *k.AdditionalProperties; isFalse(ap) {
			keys.Closed = true
		} else {
			keys.Rest = check(ap)
		}
	}
	rules := b.rules(s, "object")
	if keys.Names != nil || keys.Closed || keys.Rest != nil || slices.ContainsFunc(keys.Patterns, func(p KeyPattern) bool { return p.Value != nil }) {
		rules.Keys = keys
	}
	r := Ref{Kind: Map, Elem: &elem}
	if !named {
		r.Rules = rules
	}
	return b.define(s, named, r, rules)
}

// keysShape is Shape for a named map with key constraints, "" for any
// other type.
func keysShape(t *Type) string {
	if t.Base.Kind != Map || t.Rules == nil || t.Rules.Keys == nil {
		return ""
	}
	keys := t.Rules.Keys
	var parts []string
	if keys.Names != nil {
		parts = append(parts, "whose member names are constrained (propertyNames)")
	}
	if len(keys.Patterns) > 0 {
		parts = append(parts, "whose members are checked by name (patternProperties)")
	}
	return "an object " + strings.Join(parts, " and ")
}
