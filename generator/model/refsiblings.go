package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/load"
)

// A $ref with keywords beside it applies both, in 2019-09 and 2020-12 (a
// draft-07 file's are dropped when it is loaded): {"$ref": X, "required":
// ["id"]} means allOf: [{"$ref": X}, {"required": ["id"]}], and is typed
// as that allOf is (allof.go): the $ref'd object and the keywords beside
// it merge into one struct, declared at the schema itself. Beside a $ref'd
// scalar or array, checks of the value's own kind (a maxLength, bounds)
// are added to the target's: the value has the target's Go type, unnamed,
// with both sets of checks, as a property an allOf refines with more
// checks would. Keywords that only annotate leave the $ref a plain
// reference to the shared type; so does a "type" the target has already.

// refRefinements are the keywords beside a $ref'd scalar or array that
// add checks of the value's own kind to the target's.
var refRefinements = set("type", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
	"exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems")

// refContent lists the keywords beside the $ref of s that constrain the
// value (not annotations), in source order.
func refContent(k *load.Keywords) []string {
	var out []string
	for _, name := range k.Names() {
		if name != "$ref" && !refSiblings[name] && !strings.HasPrefix(name, "x-") {
			out = append(out, name)
		}
	}
	return out
}

// plainRef reports whether the schema at s, which has a $ref, is only a
// reference: nothing beside the $ref but annotations, or a "type" its
// target has as written.
func (b *builder) plainRef(s load.Schema) bool {
	k := s.Keywords()
	content := refContent(k)
	if len(content) == 0 {
		return true
	}
	if !slices.Equal(content, []string{"type"}) {
		return false
	}
	target, err := b.prov.Resolve(s, *k.Ref)
	if err != nil {
		return true // reported where the $ref is built
	}
	tk := target.Keywords()
	return tk.Bool == nil && tk.Type != nil && slices.Equal(tk.Type, k.Type)
}

// refReason says why the schema at s, which has a $ref, stays raw JSON,
// or "" when it is typed: a plain reference, an object refinement
// (refParts) or a scalar one (refRefines).
func (b *builder) refReason(s load.Schema) string {
	if b.plainRef(s) || b.refParts(s) != nil || b.refRefines(s) {
		return ""
	}
	content := refContent(s.Keywords())
	object, checks := true, true
	for _, name := range content {
		if !partKeywords[name] && !refRefinements[name] {
			return fmt.Sprintf("it has %q beside $ref", name)
		}
		object = object && partKeywords[name]
		checks = checks && refRefinements[name]
	}
	switch {
	case object:
		return fmt.Sprintf("it has %s beside $ref, and the $ref'd schema is no plain object they merge with into one struct (as allOf would)", quoteAll(content))
	case checks:
		return fmt.Sprintf("it has %s beside $ref, and the $ref'd schema is no plain scalar or array they add checks to (an enum, a union, a tuple, a date-time, or the same check set differently)", quoteAll(content))
	}
	return fmt.Sprintf("it has %s beside $ref: both an object's members and checks of another kind", quoteAll(content))
}

// quoteAll quotes keyword names for a message: "type", "maxLength".
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// refParts returns the parts an object refinement beside a $ref merges,
// as mergeParts does for allOf: the $ref's target, followed through its
// own $refs, and s itself, its $ref left aside. nil when s is no such
// refinement: keywords beside the $ref other than an object's members, a
// target that is no plain object, a closed part the other's properties
// would break, or no "type": "object" on either.
func (b *builder) refParts(s load.Schema) []load.Schema {
	k := s.Keywords()
	if k.Ref == nil || b.plainRef(s) {
		return nil
	}
	for _, name := range refContent(k) {
		if !partKeywords[name] {
			return nil
		}
	}
	target, err := b.prov.Resolve(s, *k.Ref)
	if err != nil {
		return nil
	}
	parts := []load.Schema{b.follow(target), s}
	if !b.mergeable(parts, s.Key()) {
		return nil
	}
	if !parts[0].Keywords().Has("type") && !k.Has("type") {
		return nil
	}
	return parts
}

// refRefinedTarget returns the schema a scalar or array refinement beside
// the $ref of s refines (see refRefines), followed through its $refs.
func (b *builder) refRefinedTarget(s load.Schema) (load.Schema, bool) {
	k := s.Keywords()
	if k.Ref == nil || b.plainRef(s) {
		return load.Schema{}, false
	}
	content := refContent(k)
	for _, name := range content {
		if !refRefinements[name] {
			return load.Schema{}, false
		}
	}
	target, err := b.prov.Resolve(s, *k.Ref)
	if err != nil {
		return load.Schema{}, false
	}
	t := b.follow(target)
	tk := t.Keywords()
	if tk.Bool != nil || tk.Has("$ref") || b.rawReason(t) != "" || isTuple(t) {
		return load.Schema{}, false
	}
	for _, kw := range []string{"enum", "oneOf", "anyOf", "allOf"} {
		if tk.Has(kw) {
			return load.Schema{}, false
		}
	}
	types, _ := jsonTypes(t)
	if len(types) != 1 || types[0] == "object" {
		return load.Schema{}, false
	}
	if f := tk.Format; f != nil && *f == "date-time" {
		// A time.Time carries no string checks of its own.
		return load.Schema{}, false
	}
	for _, name := range content {
		if name == "type" {
			if !slices.Equal(k.Type, tk.Type) {
				return load.Schema{}, false
			}
			continue
		}
		if tk.Has(name) && !sameCheck(k, tk, name) {
			return load.Schema{}, false // one type holds one bound of each kind
		}
	}
	return t, true
}

// refRefines reports whether the keywords beside the $ref of s are checks
// added to a $ref'd scalar or array: the target is typed, one JSON type
// (not an object, a tuple, an enum or a union), and where both set the
// same check they set it alike.
func (b *builder) refRefines(s load.Schema) bool {
	_, ok := b.refRefinedTarget(s)
	return ok
}

// sameCheck reports whether keyword name has the same value in a and b.
func sameCheck(a, b *load.Keywords, name string) bool {
	str := func(x, y *string) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	switch name {
	case "minLength":
		return a.MinLength == b.MinLength
	case "maxLength":
		return a.MaxLength == b.MaxLength
	case "minItems":
		return a.MinItems == b.MinItems
	case "maxItems":
		return a.MaxItems == b.MaxItems
	case "pattern":
		return str(a.Pattern, b.Pattern)
	case "format":
		return str(a.Format, b.Format)
	case "minimum":
		return str(a.Minimum, b.Minimum)
	case "maximum":
		return str(a.Maximum, b.Maximum)
	case "exclusiveMinimum":
		return str(a.ExclusiveMinimum, b.ExclusiveMinimum)
	case "exclusiveMaximum":
		return str(a.ExclusiveMaximum, b.ExclusiveMaximum)
	case "multipleOf":
		return str(a.MultipleOf, b.MultipleOf)
	}
	return false
}

// refType builds the Go type of a $ref with keywords beside it that
// rawReason found typed.
func (b *builder) refType(s load.Schema, named bool) Ref {
	if parts := b.refParts(s); parts != nil {
		return b.merged(s, parts)
	}
	b.predeclare(s, named) // a target that refers back (A: B refined, B: []A)
	target, _ := b.refRefinedTarget(s)
	base := b.typeAt(target, isDeclaration(target))
	rules := &Rules{Checks: NoChecks}
	if base.Kind == Named && base.Type.Kind == Defined {
		if base.Type.Rules != nil {
			rules = base.Type.Rules
		}
		nullable := base.Nullable
		base = base.Type.Base
		base.Nullable = nullable
	} else if base.Rules != nil {
		rules = base.Rules
	}
	var kind string
	switch base.Kind {
	case Builtin:
		kind = base.Builtin
	case Slice:
		kind = "array"
	default:
		return b.rawRef(s, named, "it has keywords beside $ref whose target has no Go type they refine")
	}
	if rules.Union != nil || rules.Branches != nil || rules.Enum != nil {
		return b.rawRef(s, named, "it has keywords beside $ref whose target is a union")
	}
	r := *rules
	add := b.checksOf(s.Keywords()).Of(kind)
	c := &r.Checks
	if add.MinLength >= 0 {
		c.MinLength = add.MinLength
	}
	if add.MaxLength >= 0 {
		c.MaxLength = add.MaxLength
	}
	if add.MinItems >= 0 {
		c.MinItems = add.MinItems
	}
	if add.MaxItems >= 0 {
		c.MaxItems = add.MaxItems
	}
	if add.Pattern != nil {
		c.Pattern = add.Pattern
	}
	if add.Format != "" {
		c.Format, c.FormatName = add.Format, add.FormatName
	}
	for _, n := range []struct{ from, to **Number }{{&add.Minimum, &c.Minimum}, {&add.Maximum, &c.Maximum},
		{&add.ExclusiveMinimum, &c.ExclusiveMinimum}, {&add.ExclusiveMaximum, &c.ExclusiveMaximum},
		{&add.MultipleOf, &c.MultipleOf}} {
		if *n.from != nil {
			*n.to = *n.from
		}
	}
	dropTypeBounds(kind, &r)
	base.Rules = nil
	if named && base.Nullable && s.Pointer == "" {
		// As Build keeps a root that may be null, before declaring it.
		return b.rawRef(s, true, "it is the root of its file and may be null")
	}
	if named {
		nullable := base.Nullable
		base.Nullable = false
		out := b.define(s, true, base, &r)
		out.Nullable = nullable
		return out
	}
	if !r.Empty() {
		base.Rules = &r
	}
	return base
}
