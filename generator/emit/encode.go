package emit

import (
	"encoding/json"
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genMarshal prints MarshalJSON, with a value receiver so encoding/json
// uses it for values and pointers alike, writing through appendJSON.
func genMarshal(f *jen.File, t *model.Type) {
	f.Comment(fmt.Sprintf("// MarshalJSON encodes %s as encoding/json would, without reflection.", t.AName))
	f.Func().Params(jen.Id("x").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("x").Dot("appendJSON").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(128))), jen.Nil()),
	)
}

// genAppendMethod prints appendJSON for any named type.
func genAppendMethod(f *jen.File, t *model.Type) {
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(g *jen.Group) {
		switch t.Kind {
		case model.Struct:
			g.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{'))
			for _, fl := range t.Fields {
				genAppendField(g, fl)
			}
			g.Return(jen.Append(jen.Id("b"), jen.LitRune('}')))
		case model.Tuple:
			genAppendTuple(g, t)
		case model.Union:
			g.Switch(jen.Id("x").Dot("Type")).BlockFunc(func(sw *jen.Group) {
				for _, m := range t.Members {
					sw.Case(jen.Id(m.KindConst)).BlockFunc(func(c *jen.Group) {
						if scalarRef(m.Base) {
							c.Return(appendScalar(m.Base, jen.Id("x").Dot(m.Field)))
							return
						}
						genAppendValue(c, m.Base, jen.Id("x").Dot(m.Field), 0)
						c.Return(jen.Id("b"))
					})
				}
			})
			g.Return(jen.Append(jen.Id("b"), jen.Lit("null").Op("...")))
		default: // Enum, Defined
			base := t.Base
			base.Nullable = false
			if base.Kind == model.Builtin || base.Kind == model.Raw {
				g.Return(appendScalar(base, jen.Add(typeExpr(t.Base)).Parens(jen.Op("*").Id("x"))))
				return
			}
			genAppendValue(g, base, jen.Parens(jen.Op("*").Id("x")), 0)
			g.Return(jen.Id("b"))
		}
	})
}

// appendScalar is the call writing a builtin, time or raw value, or with
// no value the function itself.
func appendScalar(r model.Ref, v *jen.Statement) *jen.Statement {
	fn := map[string]string{"string": hkAppendString, "int64": hkAppendInt, model.Uint64Builtin: hkAppendUint, model.NumberBuiltin: hkAppendNumber, "float64": hkAppendFloat, "bool": hkAppendBool}[r.Builtin]
	switch r.Kind {
	case model.Time:
		fn = hkAppendTime
	case model.Null:
		fn = hkAppendNull
	case model.Raw:
		fn = hkAppendRaw
	}
	if v == nil {
		return jen.Id(fn)
	}
	return jen.Id(fn).Call(jen.Id("b"), v)
}

// memberName is the JSON text of a member name and colon, escaped as
// encoding/json escapes it.
func memberName(name string) string {
	q, _ := json.Marshal(name)
	return string(q) + ":"
}

func genAppendField(g *jen.Group, fl *model.Field) {
	field := jen.Id("x").Dot(fl.Name)
	write := func(g *jen.Group, v *jen.Statement) {
		g.Id("b").Op("=").Id(hkKey).Call(jen.Id("b"), jen.Lit(memberName(fl.JSONName)))
		genAppendValue(g, fl.Type, v, 0)
	}
	writeNullable := func(g *jen.Group) {
		g.Id("b").Op("=").Id(hkKey).Call(jen.Id("b"), jen.Lit(memberName(fl.JSONName)))
		g.If(field.Clone().Dot(wrapNull)).Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
		).Else().BlockFunc(func(e *jen.Group) { genAppendValue(e, fl.Type, field.Clone().Dot(wrapValue), 0) })
	}
	if fl.Type.Kind == model.Raw {
		if fl.State == model.Required {
			write(g, field)
			return
		}
		g.If(jen.Len(field.Clone()).Op(">").Lit(0)).BlockFunc(func(c *jen.Group) { write(c, field.Clone()) })
		return
	}
	switch fl.State {
	case model.Required:
		write(g, field)
	case model.Optional:
		g.If(field.Clone().Dot(wrapSet)).BlockFunc(func(c *jen.Group) { write(c, field.Clone().Dot(wrapValue)) })
	case model.Nullable:
		writeNullable(g)
	case model.OptionalNullable:
		g.If(field.Clone().Dot(wrapSet)).BlockFunc(func(c *jen.Group) { writeNullable(c) })
	}
}

// genAppendValue writes value v of type r (not nullable) to b. Named types
// write themselves; v must be addressable for them.
func genAppendValue(g *jen.Group, r model.Ref, v *jen.Statement, depth int) {
	switch r.Kind {
	case model.Builtin, model.Time, model.Raw, model.Null:
		g.Id("b").Op("=").Add(appendScalar(r, asBuiltin(r, v)))
	case model.Named:
		if r.Type.Kind == model.Sum || r.Pointer {
			g.If(v.Clone().Op("==").Nil()).Block(
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
			).Else().Block(jen.Id("b").Op("=").Add(v.Clone()).Dot("appendJSON").Call(jen.Id("b")))
			return
		}
		g.Id("b").Op("=").Add(v.Clone()).Dot("appendJSON").Call(jen.Id("b"))
	case model.Slice:
		g.Id("b").Op("=").Id(hkAppendArray).Call(jen.Id("b"), v, appendElemFunc(*r.Elem, depth))
	case model.Map:
		g.Id("b").Op("=").Id(hkAppendObject).Call(jen.Id("b"), v, appendElemFunc(*r.Elem, depth))
	}
}

// appendElemFunc is the func(b []byte, v T) []byte that writes an element
// (or map value) of type r: the runtime's writer for a scalar, else a
// function literal.
func appendElemFunc(r model.Ref, depth int) jen.Code {
	if (!r.Nullable || r.Kind == model.Raw) && scalarRef(r) {
		return appendScalar(r, nil)
	}
	v := fmt.Sprintf("v%d", depth)
	return jen.Func().Params(jen.Id("b").Index().Byte(), jen.Id(v).Add(elemExpr(r))).Index().Byte().BlockFunc(func(g *jen.Group) {
		genAppendElem(g, r, jen.Id(v), depth+1)
		g.Return(jen.Id("b"))
	})
}

func genAppendElem(g *jen.Group, r model.Ref, v *jen.Statement, depth int) {
	if r.Nullable && r.Kind != model.Raw {
		g.If(v.Clone().Dot(wrapNull)).Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
		).Else().BlockFunc(func(e *jen.Group) { genAppendValue(e, r, v.Clone().Dot(wrapValue), depth) })
		return
	}
	genAppendValue(g, r, v, depth)
}
