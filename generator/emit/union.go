package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

func unionTypes(t *model.Type) string {
	var names []string
	for _, m := range t.Members {
		names = append(names, m.JSONType)
	}
	return strings.Join(names, " or ")
}

// genUnion prints a union of JSON types:
//
//	type T struct {
//		Type    JSONType // JSONInteger or JSONString (the runtime's)
//		Integer int64
//		String  string
//	}
//
// with JSON methods that read and write the bare value, and a validator
// applying the rules of the member that arrived.
func genUnion(f *jen.File, t *model.Type) {
	f.Comment(typeDoc(t))
	var consts []string
	for _, m := range t.Members {
		consts = append(consts, m.KindConst)
	}
	f.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
		g.Comment(fmt.Sprintf("Type says which field holds the value: %s; \"\" when unset.", strings.Join(consts, " or ")))
		g.Id("Type").Id(t.KindType)
		for _, m := range t.Members {
			g.Comment(fmt.Sprintf("%s is the value when Type is %s.", m.Field, m.KindConst))
			g.Id(m.Field).Add(typeExpr(m.Base))
		}
	})

	genMarshal(f, t)
	genAppendMethod(f, t)
	genUnmarshal(f, t)
	kinds := map[string]string{"boolean": hkBool, "integer": hkNumber, "number": hkNumber, "string": hkString, "array": hkArray, "object": hkObject}
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("decodeJSON").Params(decoderParams()...).Error().Block(
		jen.Op("*").Id("x").Op("=").Id(t.Name).Values(),
		jen.Switch(jen.Id("d").Dot(decPeek).Call()).BlockFunc(func(g *jen.Group) {
			for _, m := range t.Members {
				g.Case(jen.Id(kinds[m.JSONType])).BlockFunc(func(c *jen.Group) {
					c.Id("x").Dot("Type").Op("=").Id(m.KindConst)
					if scalarRef(m.Base) {
						c.Return(jen.Id("d").Dot(readerName(m.Base)).Call(jen.Id("p"), jen.Op("&").Id("x").Dot(m.Field)))
						return
					}
					c.Var().Err().Error()
					genDecodeValue(c, m.Base, addressable(func() *jen.Statement { return jen.Id("x").Dot(m.Field) }), paramPath, 0)
					c.Return(jen.Err())
				})
			}
		}),
		jen.Return(jen.Id("d").Dot(decMismatch).Call(jen.Id("p"), jen.Lit(unionTypes(t)))),
	)
	genValidateMethod(f, t)
	f.Func().Params(jen.Id("x").Id(t.Name)).Id("validate").Params(validatorParams()...).Block(
		jen.Switch(jen.Id("x").Dot("Type")).BlockFunc(func(g *jen.Group) {
			for _, m := range t.Members {
				g.Case(jen.Id(m.KindConst)).BlockFunc(func(c *jen.Group) {
					if m.Base.Kind == model.Builtin {
						genScalarRules(c, m.Base, jen.Id("x").Dot(m.Field), jen.Id("p"))
						return
					}
					genCheck(c, m.Base, jen.Id("x").Dot(m.Field), paramPath, 0)
				})
			}
			g.Default().Block(
				jen.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("type"), jen.Lit("expected "+unionTypes(t)+", but got nothing")),
			)
		}),
	)
}

// scalarRef reports whether values of r are read and written by one
// runtime call (a builtin, a time or raw JSON).
func scalarRef(r model.Ref) bool {
	return r.Kind == model.Builtin || r.Kind == model.Time || r.Kind == model.Raw || r.Kind == model.Null
}
