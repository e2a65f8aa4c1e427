package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genBranches prints the check of a same-type oneOf/anyOf: each branch's
// rules report into e, counting the branches that added nothing; when the
// count is right their reports are dropped, otherwise they stay (the
// leaves jsonschema/v5 reports), and a oneOf that more than one branch
// matches says so at the value:
//
//	// oneOf (#/properties/url/oneOf)
//	if !e.refusedWithin(p) {
//		start, n := len(e.list), 0
//		if !hkIsURI(v) {
//			e.addf(p, "format", ...)
//		}
//		if len(e.list) == start {
//			n++
//		}
//		...
//		if n == 1 {
//			e.list = e.list[:start]
//		}
//	}
func genBranches(g *jen.Group, br *model.Branches, v *jen.Statement, pp path, depth int) {
	start, n := fmt.Sprintf("start%d", depth), fmt.Sprintf("n%d", depth)
	g.Comment(fmt.Sprintf("%s (#%s)", br.Keyword, br.Pointer))
	g.If(jen.Op("!").Id("e").Dot(errsRefusedWithin).Call(pp.ptr())).BlockFunc(func(b *jen.Group) {
		b.List(jen.Id(start), jen.Id(n)).Op(":=").List(jen.Len(jen.Id("e").Dot(errsList)), jen.Lit(0))
		for i, rules := range br.Branches {
			mark := start
			if i > 0 {
				mark = fmt.Sprintf("mark%d", depth)
				op := ":="
				if i > 1 {
					op = "="
				}
				b.Id(mark).Op(op).Len(jen.Id("e").Dot(errsList))
			}
			genBranch(b, rules, v, pp, depth)
			b.If(jen.Len(jen.Id("e").Dot(errsList)).Op("==").Id(mark)).Block(jen.Id(n).Op("++"))
		}
		drop := jen.Id("e").Dot(errsList).Op("=").Id("e").Dot(errsList).Index(jen.Op(":").Id(start))
		if br.Keyword == "anyOf" {
			b.If(jen.Id(n).Op(">").Lit(0)).Block(drop)
			return
		}
		b.If(jen.Id(n).Op("==").Lit(1)).Block(drop).Else().If(jen.Id(n).Op(">").Lit(1)).Block(
			drop.Clone(),
			jen.Id("e").Dot(errsAddf).Call(pp.ptr(), jen.Lit("oneOf"), jen.Lit("value matches %d of the schemas, not exactly one"), jen.Id(n)),
		)
	})
}

// genBranch prints one branch's rules on v.
func genBranch(g *jen.Group, br *model.BranchRules, v *jen.Statement, pp path, depth int) {
	p := pp.ptr()
	if br.Builtin == "array" {
		genCountRules(g, br.Rules, v, p, "minItems", "maxItems", "items")
		if br.Rules != nil && br.Rules.UniqueItems {
			g.If(jen.List(jen.Id("i"), jen.Id("j"), jen.Id("dup")).Op(":=").Id(hkDuplicate).Call(v.Clone()), jen.Id("dup")).Block(
				jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("uniqueItems"), jen.Lit("items at index %d and %d are equal"), jen.Id("i"), jen.Id("j")),
			)
		}
		if it := br.Items; !it.Rules.Empty() || it.Enum != nil {
			i, ip := fmt.Sprintf("i%d", depth), fmt.Sprintf("ip%d", depth)
			g.For(jen.Id(i).Op(":=").Range().Add(v.Clone())).BlockFunc(func(loop *jen.Group) {
				loop.Id(ip).Op(":=").Add(pp.child("item", jen.Id(i)))
				genBranch(loop, it, v.Clone().Index(jen.Id(i)), path{name: ip, value: true}, depth+1)
			})
		}
		return
	}
	genScalarRules(g, model.Ref{Kind: model.Builtin, Builtin: br.Builtin, Rules: br.Rules}, v, p)
	if br.Enum == nil {
		return
	}
	msg := jen.Lit("value is not one of " + br.EnumText)
	if len(br.Enum) == 0 {
		g.Id("e").Dot(errsAdd).Call(p, jen.Lit("enum"), msg)
		return
	}
	var vals []jen.Code
	for _, val := range br.Enum {
		vals = append(vals, literal(val))
	}
	verb := "%v"
	if br.Builtin == "string" {
		verb = "%q"
	}
	g.Switch(v.Clone()).Block(
		jen.Case(vals...),
		jen.Default().Block(jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("enum"), jen.Lit("value "+verb+" is not one of "+strings.ReplaceAll(br.EnumText, "%", "%%")), v.Clone())),
	)
}
