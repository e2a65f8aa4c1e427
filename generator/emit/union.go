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
//		Type    string // "string" or "integer"
//		String  string
//		Integer int64
//	}
//
// with JSON methods that read and write the bare value, and a validator
// applying the rules of the member that arrived.
func genUnion(f *jen.File, t *model.Type) {
	f.Comment(typeDoc(t))
	var quoted []string
	for _, m := range t.Members {
		quoted = append(quoted, fmt.Sprintf("%q", m.JSONType))
	}
	f.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
		g.Comment(fmt.Sprintf("Type is the JSON type of the value: %s; \"\" when unset.", strings.Join(quoted, " or ")))
		g.Id("Type").String()
		for _, m := range t.Members {
			g.Comment(fmt.Sprintf("%s is the value when Type is %q.", m.Field, m.JSONType))
			g.Id(m.Field).Add(typeExpr(m.Base))
		}
	})
	genMarshal(f, t)
	genAppendMethod(f, t)
	genUnmarshal(f, t)
	kinds := map[string]string{"boolean": "hkBool", "integer": "hkNumber", "number": "hkNumber", "string": "hkString", "array": "hkArray", "object": "hkObject"}
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("decodeJSON").Params(decoderParams()...).Error().Block(
		jen.Op("*").Id("x").Op("=").Id(t.Name).Values(),
		jen.Switch(jen.Id("d").Dot("peek").Call()).BlockFunc(func(g *jen.Group) {
			for _, m := range t.Members {
				g.Case(jen.Id(kinds[m.JSONType])).BlockFunc(func(c *jen.Group) {
					c.Id("x").Dot("Type").Op("=").Lit(m.JSONType)
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
		jen.Return(jen.Id("d").Dot("mismatch").Call(jen.Id("p"), jen.Lit(unionTypes(t)))),
	)
	genValidateMethod(f, t)
	f.Func().Params(jen.Id("x").Id(t.Name)).Id("validate").Params(validatorParams()...).Block(
		jen.Switch(jen.Id("x").Dot("Type")).BlockFunc(func(g *jen.Group) {
			for _, m := range t.Members {
				g.Case(jen.Lit(m.JSONType)).BlockFunc(func(c *jen.Group) {
					if m.Base.Kind == model.Builtin {
						genScalarRules(c, m.Base, jen.Id("x").Dot(m.Field), jen.Id("p"))
						return
					}
					genCheck(c, m.Base, jen.Id("x").Dot(m.Field), paramPath, 0)
				})
			}
			g.Default().Block(
				jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit("type"), jen.Lit("expected "+unionTypes(t)+", but got nothing")),
			)
		}),
	)
}

// scalarRef reports whether values of r are read and written by one
// runtime call (a builtin, a time or raw JSON).
func scalarRef(r model.Ref) bool {
	return r.Kind == model.Builtin || r.Kind == model.Time || r.Kind == model.Raw || r.Kind == model.Null
}
