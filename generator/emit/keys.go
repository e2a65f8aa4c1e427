package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genKeys prints the checks of a map with key constraints (model/keys.go):
// each key against propertyNames, each value against the patterns its key
// matches, or else additionalProperties, and the element type's own
// checks, members visited in any order and their violations sorted:
//
//	// keys (#/properties/labels)
//	start0 := len(e.list)
//	for k0, mv0 := range v {
//		kp0 := p.field(k0)
//		if !hkPattern1.MatchString(k0) {
//			e.addf(&kp0, "pattern", ...)
//		}
//		matched0 := false
//		if hkPattern0.MatchString(k0) {
//			matched0 = true
//			if utf8.RuneCountInString(mv0) > 10 { ... }
//		}
//		if !matched0 {
//			e.addf(p, "additionalProperties", "property %q is not allowed", k0)
//		}
//	}
//	e.sortFrom(start0)
func genKeys(g *jen.Group, r model.Ref, v *jen.Statement, pp path, depth int) {
	keys := r.Rules.Keys
	k, kp, mv, start, matched := fmt.Sprintf("k%d", depth), fmt.Sprintf("kp%d", depth), fmt.Sprintf("mv%d", depth), fmt.Sprintf("start%d", depth), fmt.Sprintf("matched%d", depth)
	needMatched := keys.Closed || keys.Rest != nil
	g.Comment(fmt.Sprintf("keys (#%s)", keys.Pointer))
	g.Id(start).Op(":=").Len(jen.Id("e").Dot(errsList))
	var value *jen.Statement
	if keys.Rest != nil || r.Elem.NeedsCheck() || hasPatternValues(keys) {
		value = jen.Id(mv)
	}
	vars := jen.Id(k)
	if value != nil {
		vars = jen.List(jen.Id(k), value)
	}
	g.For(vars.Op(":=").Range().Add(v.Clone())).BlockFunc(func(loop *jen.Group) {
		if keys.Names != nil || value != nil {
			loop.Id(kp).Op(":=").Add(pp.child("field", jen.Id(k)))
		}
		member := path{name: kp, value: true}
		if keys.Names != nil {
			genScalarRules(loop, model.Ref{Kind: model.Builtin, Builtin: "string", Rules: keys.Names}, jen.Id(k), member.ptr())
		}
		if keys.Closed && !hasPatternValues(keys) {
			// Only whether a pattern matches matters (decoding reported
			// and left out a member none matches: genSkipUnmatched).
			none := jen.Null()
			for i, pat := range keys.Patterns {
				if i > 0 {
					none.Op("&&")
				}
				none.Op("!").Id(pat.Pattern.Var).Dot(matcherMatchString).Call(jen.Id(k))
			}
			notAllowed := loop.If(none).Block(
				jen.Id("e").Dot(errsAddf).Call(pp.ptr(), jen.Lit("additionalProperties"), jen.Lit("property %q is not allowed"), jen.Id(k)),
			)
			if r.Elem.NeedsCheck() {
				notAllowed.Else().BlockFunc(func(b *jen.Group) { genElemCheck(b, *r.Elem, jen.Id(mv), member, depth+1) })
			}
			return
		}
		if needMatched {
			loop.Id(matched).Op(":=").False()
		}
		for _, pat := range keys.Patterns {
			if !needMatched && pat.Value == nil {
				continue
			}
			loop.If(jen.Id(pat.Pattern.Var).Dot(matcherMatchString).Call(jen.Id(k))).BlockFunc(func(b *jen.Group) {
				if needMatched {
					b.Id(matched).Op("=").True()
				}
				if pat.Value != nil {
					genElemCheck(b, *pat.Value, jen.Id(mv), member, depth+1)
				}
			})
		}
		switch {
		case keys.Closed:
			// A member no pattern matches is only reported (decoding
			// reported it and left it out: genSkipUnmatched).
			notAllowed := loop.If(jen.Op("!").Id(matched)).Block(
				jen.Id("e").Dot(errsAddf).Call(pp.ptr(), jen.Lit("additionalProperties"), jen.Lit("property %q is not allowed"), jen.Id(k)),
			)
			if r.Elem.NeedsCheck() {
				notAllowed.Else().BlockFunc(func(b *jen.Group) { genElemCheck(b, *r.Elem, jen.Id(mv), member, depth+1) })
			}
			return
		case keys.Rest != nil:
			loop.If(jen.Op("!").Id(matched)).BlockFunc(func(b *jen.Group) {
				genElemCheck(b, *keys.Rest, jen.Id(mv), member, depth+1)
			})
		}
		if r.Elem.NeedsCheck() {
			genElemCheck(loop, *r.Elem, jen.Id(mv), member, depth+1)
		}
	})
	g.Id("e").Dot(errsSortFrom).Call(jen.Id(start))
}

func hasPatternValues(keys *model.MapKeys) bool {
	for _, p := range keys.Patterns {
		if p.Value != nil {
			return true
		}
	}
	return false
}

// genSkipUnmatched prints, in the decoding loop of a map whose
// additionalProperties is false, what becomes of a member no pattern
// matches: it is reported at the map with its name's checks, as Validate
// would, its value is not read (a value of another type would be refused
// where jsonschema/v5 reports only the member) and it is not kept.
//
//	if !hkPattern0.MatchString(kp0.key) {
//		e := &d.errs
//		if !hkPattern1.MatchString(kp0.key) {
//			e.addf(&kp0, "pattern", ...)
//		}
//		e.addf(&fp, "additionalProperties", "property %q is not allowed", kp0.key)
//		o0.drop()
//		err = d.skip()
//		continue
//	}
func genSkipUnmatched(g *jen.Group, r model.Ref, it string, kp path, pp path) {
	keys := r.Rules
	if keys == nil || keys.Keys == nil || !keys.Keys.Closed {
		return
	}
	key := func() *jen.Statement { return jen.Id(kp.name).Dot(pathKey) }
	none := jen.Null()
	for i, pat := range keys.Keys.Patterns {
		if i > 0 {
			none.Op("&&")
		}
		none.Op("!").Id(pat.Pattern.Var).Dot(matcherMatchString).Call(key())
	}
	g.If(none).BlockFunc(func(b *jen.Group) {
		b.Id("e").Op(":=").Op("&").Id("d").Dot(decErrs)
		if names := keys.Keys.Names; names != nil {
			genScalarRules(b, model.Ref{Kind: model.Builtin, Builtin: "string", Rules: names}, key(), kp.ptr())
		}
		b.Id("e").Dot(errsAddf).Call(pp.ptr(), jen.Lit("additionalProperties"), jen.Lit("property %q is not allowed"), key())
		b.Id(it).Dot(entriesDrop).Call()
		b.Err().Op("=").Id("d").Dot(decSkip).Call()
		b.Continue()
	})
}

// withKeys is a named map's definition with the key checks of its rules,
// which its decoder reads (genSkipUnmatched).
func withKeys(t *model.Type) model.Ref {
	base := t.Base
	if base.Kind == model.Map && t.Rules != nil && t.Rules.Keys != nil {
		rules := *t.Rules
		base.Rules = &rules
	}
	return base
}
