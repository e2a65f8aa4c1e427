package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genContains prints the contains count of a slice (model/contains.go).
// Each element is checked against the contains schema into e and counted
// when that added nothing. Reported as jsonschema/v5 does: too few
// matches keep the failing elements' violations (the causes v5 lists), or
// are reported at the array when every element matched; too many are
// reported at the array, and otherwise the elements' reports are dropped.
// An element decoding refused (or missed a required member of) breaks the
// element type's schema, which the contains schema asks too: it does not
// count, and its violation is already there.
//
//	// contains (#/properties/roles/contains)
//	start0, n0 := len(e.list), 0
//	for i0 := range v {
//		ip0 := p.item(i0)
//		if e.refusedWithin(&ip0) {
//			continue
//		}
//		mark0 := len(e.list)
//		if v[i0] != "admin" {
//			e.addf(&ip0, "const", ...)
//		}
//		if len(e.list) == mark0 {
//			n0++
//		}
//	}
//	if n0 >= 1 {
//		e.list = e.list[:start0]
//	} else if n0 == len(v) {
//		e.addf(p, "contains", "%d items match contains, at least 1 needed", n0)
//	}
func genContains(g *jen.Group, c *model.Contains, v *jen.Statement, pp path, depth int) {
	start, n, i, ip, mark := fmt.Sprintf("start%d", depth), fmt.Sprintf("n%d", depth), fmt.Sprintf("i%d", depth), fmt.Sprintf("ip%d", depth), fmt.Sprintf("mark%d", depth)
	p := pp.ptr()
	checks := c.Match.NeedsCheck()
	g.Comment(fmt.Sprintf("contains (#%s)", c.Pointer))
	if checks {
		g.List(jen.Id(start), jen.Id(n)).Op(":=").List(jen.Len(jen.Id("e").Dot(errsList)), jen.Lit(0))
	} else {
		g.Id(n).Op(":=").Lit(0)
	}
	g.For(jen.Id(i).Op(":=").Range().Add(v.Clone())).BlockFunc(func(loop *jen.Group) {
		loop.Id(ip).Op(":=").Add(pp.child("item", jen.Id(i)))
		if !checks {
			loop.If(jen.Op("!").Id("e").Dot(errsRefusedWithin).Call(jen.Op("&").Id(ip))).Block(jen.Id(n).Op("++"))
			return
		}
		loop.If(jen.Id("e").Dot(errsRefusedWithin).Call(jen.Op("&").Id(ip))).Block(jen.Continue())
		loop.Id(mark).Op(":=").Len(jen.Id("e").Dot(errsList))
		genElemCheck(loop, c.Match, v.Clone().Index(jen.Id(i)), path{name: ip, value: true}, depth+1)
		loop.If(jen.Len(jen.Id("e").Dot(errsList)).Op("==").Id(mark)).Block(jen.Id(n).Op("++"))
	})
	tooFew := jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("contains"), jen.Lit(fmt.Sprintf("%%d items match contains, at least %d needed", c.Min)), jen.Id(n))
	drop := jen.Id("e").Dot(errsList).Op("=").Id("e").Dot(errsList).Index(jen.Op(":").Id(start))
	switch {
	case c.Min > 0 && checks && c.ItemsReport:
		g.Add(drop.Clone())
		g.If(jen.Id(n).Op("<").Lit(c.Min).Op("&&").Id(n).Op("==").Len(v.Clone())).Block(tooFew)
	case c.Min > 0 && checks:
		g.If(jen.Id(n).Op(">=").Lit(c.Min)).Block(drop).Else().If(jen.Id(n).Op("==").Len(v.Clone())).Block(tooFew)
	case c.Min > 0:
		g.If(jen.Id(n).Op("<").Lit(c.Min).Op("&&").Id(n).Op("==").Len(v.Clone())).Block(tooFew)
	case checks:
		g.Add(drop)
	}
	if c.Max >= 0 {
		g.If(jen.Id(n).Op(">").Lit(c.Max)).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("maxContains"), jen.Lit(fmt.Sprintf("%%d items match contains, at most %d allowed", c.Max)), jen.Id(n)),
		)
	}
}
