package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genContains prints the contains count of a slice (model/contains.go):
// each element is checked against the contains schema into e, counted
// when that added nothing, and its reports dropped (they are not the
// array's); the count is then checked at the array, as jsonschema/v5 and
// the schema tables report it. An element decoding refused (or missed a
// required member of) breaks the element type's schema, which the
// contains schema asks too, so it is not counted:
//
//	// contains (#/properties/roles/contains)
//	n0 := 0
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
//		e.list = e.list[:mark0]
//	}
//	if n0 < 1 {
//		e.addf(p, "contains", "%d items match contains, at least 1 needed", n0)
//	}
func genContains(g *jen.Group, c *model.Contains, elem model.Ref, v *jen.Statement, pp path, depth int) {
	n, i, ip, mark := fmt.Sprintf("n%d", depth), fmt.Sprintf("i%d", depth), fmt.Sprintf("ip%d", depth), fmt.Sprintf("mark%d", depth)
	p := pp.ptr()
	g.Comment(fmt.Sprintf("contains (#%s)", c.Pointer))
	g.Id(n).Op(":=").Lit(0)
	g.For(jen.Id(i).Op(":=").Range().Add(v.Clone())).BlockFunc(func(loop *jen.Group) {
		loop.Id(ip).Op(":=").Add(pp.child("item", jen.Id(i)))
		if !c.Match.NeedsCheck() {
			loop.If(jen.Op("!").Id("e").Dot(errsRefusedWithin).Call(jen.Op("&").Id(ip))).Block(jen.Id(n).Op("++"))
			return
		}
		loop.If(jen.Id("e").Dot(errsRefusedWithin).Call(jen.Op("&").Id(ip))).Block(jen.Continue())
		loop.Id(mark).Op(":=").Len(jen.Id("e").Dot(errsList))
		genElemCheck(loop, c.Match, v.Clone().Index(jen.Id(i)), path{name: ip, value: true}, depth+1)
		loop.If(jen.Len(jen.Id("e").Dot(errsList)).Op("==").Id(mark)).Block(jen.Id(n).Op("++"))
		loop.Id("e").Dot(errsList).Op("=").Id("e").Dot(errsList).Index(jen.Op(":").Id(mark))
	})
	if c.Min > 0 {
		g.If(jen.Id(n).Op("<").Lit(c.Min)).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("contains"), jen.Lit(fmt.Sprintf("%%d items match contains, at least %d needed", c.Min)), jen.Id(n)),
		)
	}
	if c.Max >= 0 {
		g.If(jen.Id(n).Op(">").Lit(c.Max)).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("maxContains"), jen.Lit(fmt.Sprintf("%%d items match contains, at most %d allowed", c.Max)), jen.Id(n)),
		)
	}
}
