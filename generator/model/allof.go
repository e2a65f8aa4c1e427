package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/naming"
)

// partKeywords are what an allOf branch may hold for the branches to merge
// into one struct: the object's members and annotations. Anything else
// (counts, dependencies, combinators) keeps the value raw.
var partKeywords = set("type", "properties", "required", "additionalProperties")

// mergeParts returns the object schemas an allOf combines, each followed
// through its $refs, when they merge into one struct: GitHub's
// `allOf: [{"$ref": "pull-request"}, {"properties": {"state": {"enum":
// ["open"]}}, ...}]` refines a shared object for one event. nil when they
// do not: a branch that is no plain object, keywords beside allOf, or a
// closed branch (additionalProperties: false) that another branch's
// properties would break.
func (b *builder) mergeParts(s load.Schema) []load.Schema {
	k := s.Keywords()
	if len(k.AllOf) < 2 {
		return nil
	}
	for _, name := range k.Names() {
		if name != "allOf" && !annotationKeywords[name] && !strings.HasPrefix(name, "x-") &&
			!(name == "type" && typeIs(k, "object")) {
			return nil
		}
	}
	parts := b.objectParts(k.AllOf)
	if parts == nil {
		return nil
	}
	// A part without "type": "object" also accepts other values; one that
	// has it makes the whole allOf an object.
	object := false
	for _, p := range parts {
		object = object || p.Keywords().Has("type")
	}
	if !object && !k.Has("type") {
		return nil
	}
	return parts
}

// objectParts follows each schema through its $refs and returns them when
// they are plain objects that merge into one struct (see mergeParts), nil
// when they do not.
func (b *builder) objectParts(items []load.Schema) []load.Schema {
	parts := make([]load.Schema, len(items))
	for i, item := range items {
		parts[i] = b.follow(item)
	}
	if !b.mergeable(parts, "") {
		return nil
	}
	return parts
}

// mergeable reports whether parts are plain objects that merge into one
// struct (see mergeParts). The part whose key is own is a schema with
// keywords beside its $ref, read without it (refsiblings.go).
func (b *builder) mergeable(parts []load.Schema, own string) bool {
	for _, p := range parts {
		k := p.Keywords()
		if k.Bool != nil || (k.Has("$ref") && p.Key() != own) {
			return false
		}
		for _, name := range k.Names() {
			if !partKeywords[name] && !annotationKeywords[name] && !strings.HasPrefix(name, "x-") &&
				!(name == "$ref" && p.Key() == own) {
				return false
			}
		}
		if k.Has("type") && !typeIs(k, "object") {
			return false
		}
		if ap := k.AdditionalProperties; ap != nil && ap.Keywords().Bool == nil {
			return false
		}
	}
	for _, p := range parts {
		k := p.Keywords()
		if !(k.AdditionalProperties != nil && isFalse(*k.AdditionalProperties)) {
			continue
		}
		for _, q := range parts {
			for _, prop := range q.Keywords().Properties {
				if _, ok := k.Property(prop.Name); !ok {
					return false
				}
			}
		}
	}
	return true
}

// merged builds the struct of an allOf whose parts merge (mergeParts).
// Properties come in the order of the parts; a property several parts
// declare takes the Go type of the last (the refinement) when that type
// honours every other part's schema too, and is otherwise kept as raw JSON
// checked against all of them.
func (b *builder) merged(s load.Schema, parts []load.Schema) Ref {
	t := b.declare(s, Struct)
	r := Ref{Kind: Named, Type: t}
	b.refs[s.Key()] = r
	var names []string
	decls := map[string][]load.Schema{}
	required := map[string]bool{}
	closed := false
	for _, p := range parts {
		k := p.Keywords()
		for _, prop := range k.Properties {
			if _, ok := decls[prop.Name]; !ok && !slices.Contains(names, prop.Name) {
				// (an earlier part may have required it)
				names = append(names, prop.Name)
			}
			decls[prop.Name] = append(decls[prop.Name], prop.Schema)
		}
		for _, name := range k.Required {
			if _, ok := decls[name]; !ok && !slices.Contains(names, name) {
				names = append(names, name)
			}
			required[name] = true
		}
		if k.AdditionalProperties != nil && isFalse(*k.AdditionalProperties) {
			closed = true
		}
	}
	fieldNames := map[string]bool{}
	for _, name := range names {
		ds := decls[name]
		f := &Field{JSONName: name, Pos: s.Pos()}
		switch len(ds) {
		case 0: // required only: any value
			f.Name, f.Type = naming.Exported(name), Ref{Kind: Raw}
		case 1:
			f.Name, f.Type, f.Doc, f.Pos = goName(ds[0], naming.Exported(name)), b.typeAt(ds[0], false), docOf(ds[0]), ds[0].Pos()
		default:
			last := ds[len(ds)-1]
			f.Name, f.Doc, f.Pos = goName(last, naming.Exported(name)), docOf(last), last.Pos()
			if f.Doc == "" {
				f.Doc = docOf(ds[0])
			}
			f.Type = b.refine(s, name, ds)
		}
		if f.Type.Kind == Raw && f.Type.RawReason != "" {
			f.Doc = strings.TrimSpace(f.Doc + "\n\nKept as raw JSON because " + f.Type.RawReason + "; Validate checks it against the schema.")
		}
		f.State = fieldState(required[name], f.Type)
		if f.Name == "" {
			b.diags.Add(f.Pos, "property %q has no letters or digits to make a Go name of; set x-go-name", name)
			continue
		}
		if fieldNames[f.Name] {
			b.diags.Add(f.Pos, "field name %s of %s is used by two properties; set x-go-name on one", f.Name, t.Name)
			continue
		}
		fieldNames[f.Name] = true
		t.Fields = append(t.Fields, f)
	}
	switch {
	case closed:
		t.Object = &ObjectRules{NoAdditional: true, MinProperties: -1, MaxProperties: -1}
	case closedByUnevaluated(s.Keywords()): // unevaluated.go
		t.Object = &ObjectRules{NoAdditional: true, Unevaluated: true, MinProperties: -1, MaxProperties: -1}
	}
	return r
}

// refine types a property several allOf parts declare: the type of the
// declaration every other one accepts (the same type, a narrower enum, a
// date-time beside a plain string, a non-null view of a nullable value,
// null only), else raw JSON checked against every part.
func (b *builder) refine(s load.Schema, name string, ds []load.Schema) Ref {
	if parts := b.nestedParts(ds); parts != nil {
		// Objects in every part (GitHub's discussion category: the shared
		// object, and is_answerable pinned in the refinement): one struct
		// merged from all of them, declared at the refinement.
		return b.merged(ds[len(ds)-1], parts)
	}
	refs := make([]Ref, len(ds))
	for i, d := range ds {
		refs[i] = b.typeAt(d, false)
	}
	// The narrowest declaration, later parts first: the one whose values
	// every other declaration accepts.
	for i := len(refs) - 1; i >= 0; i-- {
		ok, nullable := true, refs[i].Nullable
		for j, o := range refs {
			if j != i && !covers(refs[i], o) {
				ok = false
				break
			}
			nullable = nullable && o.Nullable
		}
		if ok {
			r := refs[i]
			r.Nullable = nullable
			return r
		}
	}
	key := s.Key() + "/allOf(" + name + ")"
	tbl, seen := b.tables[key]
	if !seen {
		tbl = &RawSchema{Key: key, Checks: NoChecks, MinContains: 1, MaxContains: -1}
		b.tables[key] = tbl
		for _, d := range ds {
			tbl.AllOf = append(tbl.AllOf, b.table(d))
		}
	}
	return Ref{Kind: Raw, Table: tbl, RawReason: fmt.Sprintf("allOf branches declare %q with types hookgen cannot merge", name)}
}

// nestedParts returns the declarations of a property several allOf parts
// declare when each is an object with properties and they merge into one
// struct (objectParts); nil otherwise. The last declaration, where the
// merged struct is declared, must be written in place: a $ref'd or named
// schema keeps its own type.
func (b *builder) nestedParts(ds []load.Schema) []load.Schema {
	last := ds[len(ds)-1]
	if k := last.Keywords(); k.Bool != nil || k.Has("$ref") || isDeclaration(last) {
		return nil
	}
	parts := b.objectParts(ds)
	for _, p := range parts {
		if k := p.Keywords(); !typeIs(k, "object") || len(k.Properties) == 0 {
			return nil
		}
	}
	return parts
}

// covers reports whether every value of the refined type r (nullability
// aside, which the caller intersects) is valid for the other part's type o.
func covers(r, o Ref) bool {
	if o.Kind == Raw && o.Table == nil {
		return true // the other part allows anything
	}
	if r.Kind == Null {
		return o.Kind == Null || o.Nullable
	}
	switch {
	case r.Kind == Named && o.Kind == Named && r.Type == o.Type:
		return true
	case (r.Kind == Builtin || r.Kind == Time) && r.Kind == o.Kind && r.Builtin == o.Builtin:
		return o.Rules.Empty() || rulesEqual(r.Rules, o.Rules)
	case r.Kind == Time && o.Kind == Builtin && o.Builtin == "string":
		return o.Rules.Empty() // a date-time is a string
	case r.Kind == Named && r.Type.Kind == Enum && o.Kind == Builtin:
		return r.Type.Base.Builtin == o.Builtin && o.Rules.Empty()
	case r.Kind == Named && r.Type.Kind == Enum && o.Kind == Named && o.Type.Kind == Enum:
		if r.Type.Base.Builtin != o.Type.Base.Builtin || !o.Type.Rules.Empty() {
			return false
		}
		for _, v := range r.Type.Values {
			if !slices.ContainsFunc(o.Type.Values, func(w EnumValue) bool { return w.Value == v.Value }) {
				return false
			}
		}
		return true
	case o.Kind == Named && o.Type.Kind == Union && !(r.Kind == Named && r.Type.Kind == Union):
		// A refinement to one of the union's types (GitHub's after_id:
		// string, number or null, refined to a number or null).
		for _, m := range o.Type.Members {
			if covers(r, m.Base) {
				return true
			}
		}
		return false
	case r.Kind == Named && r.Type.Kind == Union && o.Kind == Named && o.Type.Kind == Union:
		// A union refined to a subset of its types.
		for _, m := range r.Type.Members {
			if !covers(m.Base, o) {
				return false
			}
		}
		return true
	case r.Kind == Slice && o.Kind == Slice, r.Kind == Map && o.Kind == Map:
		return (o.Rules.Empty() || rulesEqual(r.Rules, o.Rules)) && covers(*r.Elem, *o.Elem) && (!r.Elem.Nullable || o.Elem.Nullable)
	}
	return false
}

// rulesEqual reports whether two rule sets constrain the same way: bounds
// compared by value as written, patterns by source.
func rulesEqual(a, b *Rules) bool {
	if a.Empty() || b.Empty() {
		return a.Empty() == b.Empty()
	}
	num := func(x, y *Number) bool { return (x == nil) == (y == nil) && (x == nil || x.Literal == y.Literal) }
	pat := func(x, y *Pattern) bool { return (x == nil) == (y == nil) && (x == nil || x.Source == y.Source) }
	return a.MinLength == b.MinLength && a.MaxLength == b.MaxLength && pat(a.Pattern, b.Pattern) &&
		a.Format == b.Format && num(a.Minimum, b.Minimum) && num(a.Maximum, b.Maximum) &&
		num(a.ExclusiveMinimum, b.ExclusiveMinimum) && num(a.ExclusiveMaximum, b.ExclusiveMaximum) &&
		num(a.MultipleOf, b.MultipleOf) && a.MinItems == b.MinItems && a.MaxItems == b.MaxItems &&
		a.UniqueItems == b.UniqueItems && a.MinProperties == b.MinProperties &&
		a.MaxProperties == b.MaxProperties && a.Const == b.Const && a.Branches == b.Branches &&
		(a.Enum == nil) == (b.Enum == nil) && (a.Enum == nil || slices.Equal(*a.Enum, *b.Enum))
}
