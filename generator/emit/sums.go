package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genObjectSum prints a sum that no discriminator tells apart (the model's
// SumByMembers and SumByValidation): the sealed interface, its variants'
// markers, the unknown variant, which validates its JSON against the
// schema, and the decoders:
//
//	func decodeT(d *hkDecoder, p *hkPath) (T, error) {
//		has, err := d.peekNames([]string{"login", "slug"})
//		switch has {
//		case 1 << 0:
//			v := new(User)
//			return v, v.decodeJSON(d, p)
//		...
//		}
//		// none or several: try each variant
//	}
func genObjectSum(f *jen.File, t *model.Type) {
	genSumInterface(f, t)

	f.Comment(comment(t.UnknownComment))
	f.Type().Id(t.Unknown).Struct(
		jen.Comment("Raw is the whole value as received."),
		jen.Id("Raw").Qual(pkgJSON, "RawMessage"),
	)
	f.Comment("// MarshalJSON returns the value as received.")
	f.Func().Params(jen.Id("u").Id(t.Unknown)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id(hkAppendRaw).Call(jen.Nil(), jen.Id("u").Dot("Raw")), jen.Nil()),
	)
	f.Func().Params(jen.Id("u").Op("*").Id(t.Unknown)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
		jen.Return(jen.Id(hkAppendRaw).Call(jen.Id("b"), jen.Id("u").Dot("Raw"))),
	)
	f.Comment(fmt.Sprintf("// Validate reports every way the value breaks the %s, as a *ValidationError.", t.SumKeyword))
	f.Func().Params(jen.Id("u").Op("*").Id(t.Unknown)).Id("Validate").Params().Error().Block(
		jen.Var().Id("e").Id(hkErrors),
		jen.Id("u").Dot(valueValidate).Call(jen.Op("&").Id("e"), jen.Nil()),
		jen.Return(jen.Id("e").Dot(errsErr).Call()),
	)
	f.Func().Params(jen.Id("u").Op("*").Id(t.Unknown)).Id("validate").Params(validatorParams()...).Block(
		jen.If(jen.Len(jen.Id("u").Dot("Raw")).Op("==").Lit(0)).Block(
			jen.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("type"), jen.Lit("expected object, but got nothing")),
			jen.Return(),
		),
		jen.Id(hkValidateVariants).CallFunc(func(c *jen.Group) {
			c.Id("u").Dot("Raw")
			c.Id("p")
			c.Id("e")
			c.Lit(t.SumKeyword)
			for _, v := range t.Variants {
				c.New(jen.Id(v.Type.Name))
			}
		}),
	)

	f.Comment(comment(t.DecoderComment))
	f.Func().Id(t.Decoder).Params(jen.Id("data").Index().Byte()).Params(jen.Id(t.Name), jen.Error()).Block(
		jen.Id("d").Op(":=").Id(hkDecoder).Values(jen.Dict{jen.Id("data"): jen.Id("data")}),
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(t.DecodeFunc).Call(jen.Op("&").Id("d"), jen.Nil()),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("v"), jen.Id("d").Dot(decFinish).Call()),
	)
	unknown := []jen.Code{
		jen.Id("u").Op(":=").New(jen.Id(t.Unknown)),
		jen.Return(jen.Id("u"), jen.Id("d").Dot(decReadRaw).Call(jen.Id("p"), jen.Op("&").Id("u").Dot("Raw"))),
	}
	f.Func().Id(t.DecodeFunc).Params(decoderParams()...).Params(jen.Id(t.Name), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.If(jen.Id("d").Dot(decPeek).Call().Op("!=").Id(hkObject)).Block(
			jen.Return(jen.Nil(), jen.Id("d").Dot(decMismatch).Call(jen.Id("p"), jen.Lit("object"))),
		)
		if t.SumBy == model.SumByMembers {
			g.List(jen.Id("has"), jen.Err()).Op(":=").Id("d").Dot("peekNames").Call(jen.Index().String().ValuesFunc(func(l *jen.Group) {
				for _, v := range t.Variants {
					l.Lit(v.Member)
				}
			}))
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
			g.Switch(jen.Id("has")).BlockFunc(func(sw *jen.Group) {
				for i, v := range t.Variants {
					sw.Case(jen.Lit(1).Op("<<").Lit(i)).Block(
						jen.Id("v").Op(":=").New(jen.Id(v.Type.Name)),
						jen.Return(jen.Id("v"), jen.Id("v").Dot(valueDecodeJSON).Call(jen.Id("d"), jen.Id("p"))),
					)
				}
				sw.Case(jen.Lit(0)).Block(append([]jen.Code{jen.Comment("// Every variant misses its own required member.")}, unknown...)...)
			})
			g.Comment("// Several variants' members: the one that validates decides.")
		}
		oneOf := t.SumKeyword == "oneOf"
		if oneOf {
			g.Var().Id("found").Id(t.Name)
			g.Var().List(jen.Id("n"), jen.Id("end")).Int()
		}
		for i, v := range t.Variants {
			try := []jen.Code{
				jen.Id("v").Op(":=").New(jen.Id(v.Type.Name)),
				jen.List(jen.Id("ok"), jen.Id("e"), jen.Err()).Op(":=").Id("d").Dot("try").Call(jen.Id("v")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			}
			if oneOf {
				try = append(try, jen.If(jen.Id("ok")).Block(
					jen.Id("n").Op("++"),
					jen.List(jen.Id("found"), jen.Id("end")).Op("=").List(jen.Id("v"), jen.Id("e")),
				))
			} else {
				try = append(try, jen.If(jen.Id("ok")).Block(
					jen.Id("d").Dot("pos").Op("=").Id("e"),
					jen.Return(jen.Id("v"), jen.Nil()),
				))
			}
			if t.SumBy == model.SumByMembers {
				g.If(jen.Id("has").Op("&").Parens(jen.Lit(1).Op("<<").Lit(i)).Op("!=").Lit(0)).Block(try...)
			} else {
				g.Block(try...)
			}
		}
		if oneOf {
			g.If(jen.Id("n").Op("==").Lit(1)).Block(
				jen.Id("d").Dot("pos").Op("=").Id("end"),
				jen.Return(jen.Id("found"), jen.Nil()),
			)
		}
		for _, c := range unknown {
			g.Add(c)
		}
	})
}

// genNoMembers prints the check of a variant whose sum stands beside
// additionalProperties: false and no properties: its required members,
// always present, are not allowed there.
func genNoMembers(g *jen.Group, t *model.Type) {
	for _, fl := range t.Fields {
		if fl.State.MustBePresent() {
			g.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("additionalProperties"),
				jen.Lit(fmt.Sprintf("property %q is not allowed: beside its oneOf, the schema says additionalProperties: false and declares no properties", fl.JSONName)))
			return
		}
	}
}

// genSumBox prints the struct a file's root sum is boxed in, so that it
// can be an event (whose methods need a named non-interface type):
//
//	type T struct{ Value TVariant }
//
// with JSON methods and validation that hand over to the variant.
func genSumBox(f *jen.File, t *model.Type) {
	sum := t.Base.Type
	f.Comment(typeDoc(t))
	f.Type().Id(t.Name).Struct(
		jen.Comment(fmt.Sprintf("Value is the variant the payload is; see %s.", sum.Name)),
		jen.Id("Value").Id(sum.Name),
	)
	genMarshal(f, t)
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
		jen.If(jen.Id("x").Dot("Value").Op("==").Nil()).Block(jen.Return(jen.Append(jen.Id("b"), jen.Lit("null").Op("...")))),
		jen.Return(jen.Id("x").Dot("Value").Dot("appendJSON").Call(jen.Id("b"))),
	)
	genUnmarshal(f, t)
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("decodeJSON").Params(decoderParams()...).Params(jen.Err().Error()).Block(
		jen.List(jen.Id("x").Dot("Value"), jen.Err()).Op("=").Id(sum.DecodeFunc).Call(jen.Id("d"), jen.Id("p")),
		jen.Return(jen.Err()),
	)
	genValidateMethod(f, t)
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("validate").Params(validatorParams()...).Block(
		jen.If(jen.Id("x").Dot("Value").Op("==").Nil()).Block(
			jen.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("type"), jen.Lit("expected object, but got nothing")),
			jen.Return(),
		),
		jen.Id("x").Dot("Value").Dot(valueValidate).Call(jen.Id("e"), jen.Id("p")),
	)
}
