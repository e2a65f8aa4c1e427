package emit

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// builtinExpr prints a builtin type: json.Number through its import.
func builtinExpr(name string) *jen.Statement {
	if name == model.NumberBuiltin {
		return jen.Qual(pkgJSON, "Number")
	}
	return jen.Id(name)
}

// genWideRules prints the checks of an integer beyond int64:
//
//	if x > 18446744073709551614 { ... }             // uint64
//	if hkNumberCmp(x, "1e30") > 0 { ... }          // json.Number, exactly
//
// The model leaves out the uint64 bounds the type already enforces.
func genWideRules(g *jen.Group, r model.Ref, v *jen.Statement, p *jen.Statement) {
	rules := r.Rules
	wide := r.Builtin == model.NumberBuiltin
	if rules.Integer {
		g.If(jen.Op("!").Id(hkIsInteger).Call(jen.String().Parens(v.Clone()))).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("type"), jen.Lit("expected integer, but got %q"), v.Clone()))
	}
	bound := func(kw, op string, n *model.Number, desc string, sign int) {
		if n == nil {
			return
		}
		var bad *jen.Statement
		switch {
		case wide:
			bad = jen.Id(hkNumberCmp).Call(v.Clone(), jen.Lit(n.Literal)).Op(op).Lit(0)
		case n.IsUint:
			bad = v.Clone().Op(op).Op(strconv.FormatUint(n.Uint, 10))
		case n.Float < 0:
			// Every uint64 is above a negative bound.
			if sign < 0 {
				return
			}
			bad = jen.True()
		default:
			bad = jen.Id(hkNumberCmp).Call(jen.Qual(pkgJSON, "Number").Parens(jen.Qual("strconv", "FormatUint").Call(v.Clone(), jen.Lit(10))), jen.Lit(n.Literal)).Op(op).Lit(0)
		}
		g.If(bad).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit(kw), jen.Lit(fmt.Sprintf("must be %s %s but found %%v", desc, n.Literal)), v.Clone()))
	}
	bound("minimum", "<", rules.Minimum, ">=", -1)
	bound("maximum", ">", rules.Maximum, "<=", 1)
	bound("exclusiveMinimum", "<=", rules.ExclusiveMinimum, ">", -1)
	bound("exclusiveMaximum", ">=", rules.ExclusiveMaximum, "<", 1)
	if m := rules.MultipleOf; m != nil {
		var bad *jen.Statement
		switch {
		case wide:
			bad = jen.Op("!").Id(hkNumberMultipleOf).Call(v.Clone(), jen.Lit(m.Literal))
		case m.IsUint:
			bad = v.Clone().Op("%").Op(strconv.FormatUint(m.Uint, 10)).Op("!=").Lit(0)
		default:
			bad = jen.Op("!").Id(hkNumberMultipleOf).Call(jen.Qual(pkgJSON, "Number").Parens(jen.Qual("strconv", "FormatUint").Call(v.Clone(), jen.Lit(10))), jen.Lit(m.Literal))
		}
		g.If(bad).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("multipleOf"), jen.Lit(fmt.Sprintf("%%v is not a multiple of %s", m.Literal)), v.Clone()))
	}
	if c, ok := rules.Const.(model.NumberText); ok {
		g.If(jen.Id(hkNumberCmp).Call(v.Clone(), jen.Lit(string(c))).Op("!=").Lit(0)).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("const"), jen.Lit(fmt.Sprintf("value must be %s, but got %%v", c)), v.Clone()))
	}
}

// genNumberUnion prints the checks of an integer-or-number union
// (model/numunion.go): each branch's rules into its own collector, then
// the verdict of oneOf or anyOf.
//
//	{
//		var ei, en hkErrors
//		if x != math.Trunc(x) {
//			ei.add(p, "type", "expected integer, but got number")
//		} else {
//			func(e *hkErrors) { /* integer branch */ }(&ei)
//		}
//		func(e *hkErrors) { /* number branch */ }(&en)
//		if len(ei.list) == 0 && len(en.list) == 0 { e.addf(p, "oneOf", ...) }
//		...
//	}
func genNumberUnion(g *jen.Group, u *model.NumberUnion, v *jen.Statement, p *jen.Statement) {
	branch := func(rules *model.Rules, into string) jen.Code {
		return jen.Func().Params(jen.Id("e").Op("*").Id(hkErrors)).BlockFunc(func(b *jen.Group) {
			genScalarRules(b, model.Ref{Kind: model.Builtin, Builtin: "float64", Rules: rules}, v, p)
		}).Call(jen.Op("&").Id(into))
	}
	g.BlockFunc(func(b *jen.Group) {
		intOK, numOK := jen.Len(jen.Id("ei").Dot(errsList)).Op("==").Lit(0), jen.Len(jen.Id("en").Dot(errsList)).Op("==").Lit(0)
		intBad, numBad := jen.Len(jen.Id("ei").Dot(errsList)).Op(">").Lit(0), jen.Len(jen.Id("en").Dot(errsList)).Op(">").Lit(0)
		b.Var().List(jen.Id("ei"), jen.Id("en")).Id(hkErrors)
		notInt := v.Clone().Op("!=").Qual("math", "Trunc").Call(v.Clone())
		if u.Integer.Empty() {
			b.If(notInt).Block(jen.Id("ei").Dot(errsAdd).Call(p, jen.Lit("type"), jen.Lit("expected integer, but got number")))
		} else {
			b.If(notInt).Block(
				jen.Id("ei").Dot(errsAdd).Call(p, jen.Lit("type"), jen.Lit("expected integer, but got number")),
			).Else().Block(branch(u.Integer, "ei"))
		}
		if !u.Number.Empty() {
			b.Add(branch(u.Number, "en"))
		}
		if u.Keyword == "anyOf" {
			b.If(intBad.Clone().Op("&&").Add(numBad.Clone())).Block(
				jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("anyOf"), jen.Lit("%v is neither a valid integer nor a valid number of the anyOf"), v.Clone()))
			return
		}
		b.If(intOK.Clone().Op("&&").Add(numOK.Clone())).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("oneOf"), jen.Lit("%v matches both the integer and the number branch of the oneOf"), v.Clone()),
		).Else().If(intBad.Clone().Op("&&").Add(numBad.Clone())).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("oneOf"), jen.Lit("%v matches neither branch of the oneOf"), v.Clone()))
	})
}
