package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// jsonKind names the JSON type a Go type expects, for "expected X" messages.
func jsonKind(r model.Ref) string {
	switch r.Kind {
	case model.Builtin:
		return map[string]string{"string": "string", "int64": "integer", "float64": "number", "bool": "boolean"}[r.Builtin]
	case model.Time:
		return "string"
	case model.Slice:
		return "array"
	case model.Map:
		return "object"
	case model.Named:
		switch r.Type.Kind {
		case model.Struct, model.Sum:
			return "object"
		case model.Union:
			return unionTypes(r.Type)
		default:
			return jsonKind(r.Type.Base)
		}
	}
	return "value"
}

// genScalarDecode prints decodeJSON for a named type over a builtin or raw
// JSON: it reads into the underlying type.
func genScalarDecode(f *jen.File, t *model.Type) {
	target := jen.Parens(jen.Op("*").Add(typeExpr(t.Base))).Parens(jen.Id("x"))
	f.Func().Params(receiver(t, true)).Id("decodeJSON").Params(decoderParams()...).Error().BlockFunc(func(g *jen.Group) {
		if known := knownStrings(t.Base, t); known != nil {
			g.Return(jen.Id("d").Dot("readKnownString").Call(jen.Id("p"), target, known))
			return
		}
		g.Return(jen.Id("d").Dot(readerName(t.Base)).Call(jen.Id("p"), target))
	})
}

// knownStrings lists the values a string is expected to take (an enum's
// constants or a const), for readKnownString; nil when there are none.
func knownStrings(r model.Ref, t *model.Type) jen.Code {
	if r.Kind != model.Builtin || r.Builtin != "string" {
		return nil
	}
	var values []jen.Code
	if t != nil && t.Kind == model.Enum {
		for _, v := range t.Values {
			values = append(values, jen.Lit(v.Value))
		}
	} else if r.Rules != nil {
		if c, ok := r.Rules.Const.(string); ok {
			values = append(values, jen.Lit(c))
		}
	}
	if len(values) == 0 {
		return nil
	}
	return jen.Index().String().Values(values...)
}

// genStructDecode prints
//
//	func (x *T) decodeJSON(d *hkDecoder, p *hkPath) error {
//		for each member: switch on its name, decode the field
//		report required members that never came
//	}
func genStructDecode(f *jen.File, t *model.Type) {
	var required []*model.Field
	bit := map[*model.Field]int{}
	for _, fl := range t.Fields {
		if fl.State == model.Required || fl.State == model.Nullable {
			bit[fl] = len(required)
			required = append(required, fl)
		}
	}
	words := (len(required) + 63) / 64
	skip := t.SkipWords
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("decodeJSON").Params(decoderParams()...).Error().BlockFunc(func(g *jen.Group) {
		g.Op("*").Id("x").Op("=").Id(t.Name).Values()
		g.If(jen.Id("d").Dot("peek").Call().Op("!=").Id("hkObject")).BlockFunc(func(b *jen.Group) {
			if skip > 0 {
				b.For(jen.Id("i").Op(":=").Range().Id("x").Dot("hkSkip")).Block(
					jen.Id("x").Dot("hkSkip").Index(jen.Id("i")).Op("=").Op("^").Uint64().Parens(jen.Lit(0)),
				)
			}
			b.Return(jen.Id("d").Dot("mismatch").Call(jen.Id("p"), jen.Lit("object")))
		})
		if words > 0 {
			g.Var().Id("seen").Index(jen.Lit(words)).Uint64()
		}
		g.For(jen.Id("first").Op(":=").True(), jen.Empty(), jen.Id("first").Op("=").False()).BlockFunc(func(loop *jen.Group) {
			loop.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("objectNext").Call(jen.Id("first"))
			loop.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
			loop.If(jen.Op("!").Id("more")).Block(jen.Break())
			loop.Switch(jen.String().Parens(jen.Id("key"))).BlockFunc(func(sw *jen.Group) {
				for _, fl := range t.Fields {
					sw.Case(jen.Lit(fl.JSONName)).BlockFunc(func(c *jen.Group) {
						if i, ok := bit[fl]; ok {
							c.Id("seen").Index(jen.Lit(i / 64)).Op("|=").Lit(uint64(1) << (i % 64))
						}
						c.Id("fp").Op(":=").Id("p").Dot("field").Call(jen.Lit(fl.JSONName))
						if fi := fl.SkipBit; fi >= 0 {
							c.Id("rejects").Op(":=").Id("d").Dot("rejects")
							genDecodeField(c, fl)
							c.If(jen.Id("d").Dot("refused").Call(jen.Id("rejects"))).Block(
								jen.Id("x").Dot("hkSkip").Index(jen.Lit(fi / 64)).Op("|=").Lit(uint64(1) << (fi % 64)),
							)
						} else {
							genDecodeField(c, fl)
						}
					})
				}
				sw.Default().BlockFunc(func(c *jen.Group) {
					if t.Object != nil && t.Object.NoAdditional {
						c.Id("d").Dot("errs").Dot("addf").Call(jen.Id("p"), jen.Lit("additionalProperties"), jen.Lit("property %q is not allowed"), jen.String().Parens(jen.Id("key")))
					}
					if t.Object != nil && t.Object.CountsExtra {
						c.Id("x").Dot("hkExtra").Op("++")
					}
					c.If(jen.Err().Op(":=").Id("d").Dot("skip").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
				})
			})
		})
		for i, fl := range required {
			g.If(jen.Id("seen").Index(jen.Lit(i / 64)).Op("&").Lit(uint64(1) << (i % 64)).Op("==").Lit(0)).BlockFunc(func(b *jen.Group) {
				b.Id("d").Dot("errs").Dot("add").Call(jen.Id("p"), jen.Lit("required"), jen.Lit(fmt.Sprintf("missing properties: %q", fl.JSONName)))
				if fi := fl.SkipBit; fi >= 0 {
					b.Id("x").Dot("hkSkip").Index(jen.Lit(fi / 64)).Op("|=").Lit(uint64(1) << (fi % 64))
				}
			})
		}
		g.Return(jen.Nil())
	})
}

// genDecodeField decodes a member into its field, by the field's state.
func genDecodeField(g *jen.Group, fl *model.Field) {
	field := func() *jen.Statement { return jen.Id("x").Dot(fl.Name) }
	value := func() *jen.Statement { return jen.Id("x").Dot(fl.Name).Dot("Value") }
	path := path{name: "fp", value: true}
	if fl.Type.Kind == model.Raw {
		genDecodeValue(g, fl.Type, field, path, 0)
		return
	}
	switch fl.State {
	case model.Required:
		genDecodeValue(g, fl.Type, field, path, 0)
	case model.Optional:
		g.Id("x").Dot(fl.Name).Dot("Set").Op("=").True()
		genDecodeValue(g, fl.Type, value, path, 0)
	case model.Nullable, model.OptionalNullable:
		if fl.State == model.OptionalNullable {
			g.Id("x").Dot(fl.Name).Dot("Set").Op("=").True()
		}
		g.If(jen.Id("d").Dot("null").Call()).Block(
			jen.Id("x").Dot(fl.Name).Dot("Null").Op("=").True(),
		).Else().BlockFunc(func(b *jen.Group) {
			genDecodeValue(b, fl.Type, value, path, 0)
		})
	}
}

// path is the JSON pointer of the value being handled: the pointer
// parameter p, or a path value held in a local variable (fp, ip0, kp0...).
type path struct {
	name  string
	value bool // a local hkPath value rather than a *hkPath
}

var paramPath = path{name: "p"}

// ptr is the path as a *hkPath argument.
func (p path) ptr() *jen.Statement {
	if p.value {
		return jen.Op("&").Id(p.name)
	}
	return jen.Id(p.name)
}

// child is a call making the path of a member or element.
func (p path) child(method string, arg jen.Code) *jen.Statement {
	return jen.Id(p.name).Dot(method).Call(arg)
}

// genDecodeValue decodes the next JSON value into target, an addressable
// expression of type r (not nullable: callers handle null), at path p.
// depth keeps the variables of nested loops apart.
func genDecodeValue(g *jen.Group, r model.Ref, target func() *jen.Statement, pp path, depth int) {
	p := pp.ptr()
	ret := func(call *jen.Statement) {
		g.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
	}
	// Inside the helpers, "p" is the current path; rebind it when needed.
	switch r.Kind {
	case model.Builtin, model.Time, model.Raw:
		if known := knownStrings(r, nil); known != nil {
			ret(jen.Id("d").Dot("readKnownString").Call(p, jen.Op("&").Add(target()), known))
			return
		}
		ret(jen.Id("d").Dot(readerName(r)).Call(p, jen.Op("&").Add(target())))
	case model.Named:
		if r.Type.Kind == model.Sum {
			g.BlockFunc(func(b *jen.Group) {
				b.List(jen.Id("v"), jen.Err()).Op(":=").Id(sumDecoder(r.Type)).Call(jen.Id("d"), p)
				b.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
				b.Add(target()).Op("=").Id("v")
			})
			return
		}
		ret(target().Dot("decodeJSON").Call(jen.Id("d"), p))
	case model.Slice:
		i, ip, elem := fmt.Sprintf("i%d", depth), fmt.Sprintf("ip%d", depth), fmt.Sprintf("elem%d", depth)
		g.If(jen.Id("d").Dot("peek").Call().Op("!=").Id("hkArray")).Block(
			jen.If(jen.Err().Op(":=").Id("d").Dot("mismatch").Call(p, jen.Lit("array")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		).Else().BlockFunc(func(b *jen.Group) {
			b.Add(target()).Op("=").Make(typeExpr(r), jen.Lit(0))
			b.For(jen.Id(i).Op(":=").Lit(0), jen.Empty(), jen.Id(i).Op("++")).BlockFunc(func(loop *jen.Group) {
				loop.List(jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("arrayNext").Call(jen.Id(i))
				loop.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
				loop.If(jen.Op("!").Id("more")).Block(jen.Break())
				loop.Id(ip).Op(":=").Add(pp.child("item", jen.Id(i)))
				loop.Var().Id(elem).Add(elemExpr(*r.Elem))
				genDecodeElem(loop, *r.Elem, elem, path{name: ip, value: true}, depth+1)
				loop.Add(target()).Op("=").Append(target(), jen.Id(elem))
			})
		})
	case model.Map:
		kp, elem := fmt.Sprintf("kp%d", depth), fmt.Sprintf("elem%d", depth)
		g.If(jen.Id("d").Dot("peek").Call().Op("!=").Id("hkObject")).Block(
			jen.If(jen.Err().Op(":=").Id("d").Dot("mismatch").Call(p, jen.Lit("object")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		).Else().BlockFunc(func(b *jen.Group) {
			b.Add(target()).Op("=").Make(typeExpr(r))
			first := fmt.Sprintf("first%d", depth)
			b.For(jen.Id(first).Op(":=").True(), jen.Empty(), jen.Id(first).Op("=").False()).BlockFunc(func(loop *jen.Group) {
				loop.List(jen.Id("k"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("objectNext").Call(jen.Id(first))
				loop.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
				loop.If(jen.Op("!").Id("more")).Block(jen.Break())
				loop.Id("key").Op(":=").String().Parens(jen.Id("k"))
				loop.Id(kp).Op(":=").Add(pp.child("field", jen.Id("key")))
				loop.Var().Id(elem).Add(elemExpr(*r.Elem))
				genDecodeElem(loop, *r.Elem, elem, path{name: kp, value: true}, depth+1)
				loop.Add(target()).Index(jen.Id("key")).Op("=").Id(elem)
			})
		})
	}
}

// genDecodeElem decodes an array element or map value, which may be
// Nullable[T].
func genDecodeElem(g *jen.Group, r model.Ref, elem string, p path, depth int) {
	if r.Nullable && r.Kind != model.Raw {
		g.If(jen.Id("d").Dot("null").Call()).Block(
			jen.Id(elem).Dot("Null").Op("=").True(),
		).Else().BlockFunc(func(b *jen.Group) {
			genDecodeValue(b, r, func() *jen.Statement { return jen.Id(elem).Dot("Value") }, p, depth)
		})
		return
	}
	genDecodeValue(g, r, func() *jen.Statement { return jen.Id(elem) }, p, depth)
}

func readerName(r model.Ref) string {
	switch r.Kind {
	case model.Builtin:
		return map[string]string{"string": "readString", "int64": "readInt64", "float64": "readFloat64", "bool": "readBool"}[r.Builtin]
	case model.Time:
		return "readTime"
	}
	return "readRaw"
}
