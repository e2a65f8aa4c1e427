package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genStruct prints
//
//	type T struct {
//		// doc
//		Field Optional[string] `json:"field,omitzero"`
//	}
//
// with its decoder and validator.
func genStruct(f *jen.File, t *model.Type) {
	f.Comment(typeDoc(t))
	f.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
		for _, fl := range t.Fields {
			if fl.Doc != "" {
				g.Comment(comment(fl.Doc))
			}
			g.Id(fl.Name).Add(fieldExpr(fl)).Tag(jsonTag(fl))
		}
	})
	genMarshal(f, t)
	genAppendMethod(f, t)
	genUnmarshal(f, t)
	genStructDecode(f, t)
	genValidateMethod(f, t)
	genStructValidate(f, t)
}

// genEnum prints
//
//	type T string
//	const (
//		TDraft T = "draft"
//	)
func genEnum(f *jen.File, t *model.Type) {
	f.Comment(typeDoc(t))
	f.Type().Id(t.Name).Add(typeExpr(t.Base))
	f.Comment(enumValuesDoc(t))
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, v := range t.Values {
			g.Id(v.Name).Id(t.Name).Op("=").Add(literal(v.Value))
		}
	})
	genMarshal(f, t)
	genAppendMethod(f, t)
	genUnmarshal(f, t)
	genScalarDecode(f, t)
	genValidateMethod(f, t)
	genDefinedValidate(f, t)
}

// genDefined prints `type T []U` and the like, with decoder and validator.
// A raw JSON type also gets the JSON methods json.RawMessage would have.
func genDefined(f *jen.File, t *model.Type) {
	if t.Base.IsSum() {
		genSumBox(f, t) // sums.go
		return
	}
	f.Comment(typeDoc(t))
	f.Type().Id(t.Name).Add(typeExpr(t.Base))
	genMarshal(f, t)
	genAppendMethod(f, t)
	genUnmarshal(f, t)
	switch t.Base.Kind {
	case model.Slice, model.Map:
		// The iterators take the underlying *[]U or *map[string]U.
		base := pointer(func() *jen.Statement {
			return jen.Parens(jen.Op("*").Add(typeExpr(t.Base))).Parens(jen.Id("x"))
		})
		f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("decodeJSON").Params(decoderParams()...).Params(jen.Err().Error()).BlockFunc(func(g *jen.Group) {
			genDecodeValue(g, withKeys(t), base, paramPath, 0)
			g.Return(jen.Err())
		})
	default:
		genScalarDecode(f, t)
	}
	genValidateMethod(f, t)
	genDefinedValidate(f, t)
}

// genSum prints the sealed interface, the marker methods of its variants,
// the unknown variant and the decoders:
//
//	type T interface{ isT(); validate(*hkErrors, *hkPath) }
//	func (*A) isT() {}
//	type TUnknown struct { Kind string; Raw json.RawMessage }
//	func UnmarshalT(data []byte) (T, error)
//
// genSumInterface prints a sum's sealed interface and the marker method
// of each variant and of the unknown variant: the same for every sum,
// however its variant is decided.
func genSumInterface(f *jen.File, t *model.Type) {
	f.Comment(typeDoc(t))
	f.Type().Id(t.Name).Interface(
		jen.Id(t.Marker).Params(),
		jen.Comment("Validate reports every way the value breaks its schema."),
		jen.Id("Validate").Params().Error(),
		jen.Id("validate").Params(validatorParams()...),
		jen.Id("appendJSON").Params(jen.Index().Byte()).Index().Byte(),
	)
	for _, v := range t.Variants {
		f.Func().Params(jen.Op("*").Id(v.Type.Name)).Id(t.Marker).Params().Block()
	}
	f.Func().Params(jen.Op("*").Id(t.Unknown)).Id(t.Marker).Params().Block()
}

func genSum(f *jen.File, t *model.Type) {
	if t.SumBy != model.SumByDiscriminator {
		genObjectSum(f, t) // sums.go
		return
	}
	genSumInterface(f, t)

	f.Comment(comment(t.UnknownComment))
	f.Type().Id(t.Unknown).Struct(
		jen.Comment(fmt.Sprintf("%s is the value of %q (\"\" when absent).", t.DiscriminatorName, t.Discriminator)),
		jen.Id(t.DiscriminatorName).String(),
		jen.Comment("Raw is the whole object as received."),
		jen.Id("Raw").Qual(pkgJSON, "RawMessage"),
	)
	f.Comment("// MarshalJSON returns the object as received.")
	f.Func().Params(jen.Id("u").Id(t.Unknown)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id(hkAppendRaw).Call(jen.Nil(), jen.Id("u").Dot("Raw")), jen.Nil()),
	)
	f.Func().Params(jen.Id("u").Op("*").Id(t.Unknown)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
		jen.Return(jen.Id(hkAppendRaw).Call(jen.Id("b"), jen.Id("u").Dot("Raw"))),
	)
	f.Comment("// Validate reports that the variant is not one the schema allows.")
	f.Func().Params(jen.Id("u").Op("*").Id(t.Unknown)).Id("Validate").Params().Error().Block(
		jen.Var().Id("e").Id(hkErrors),
		jen.Id("u").Dot(valueValidate).Call(jen.Op("&").Id("e"), jen.Nil()),
		jen.Return(jen.Id("e").Dot(errsErr).Call()),
	)
	f.Func().Params(jen.Id("u").Op("*").Id(t.Unknown)).Id("validate").Params(validatorParams()...).Block(
		jen.If(jen.Id("u").Dot(t.DiscriminatorName).Op("==").Lit("")).Block(
			jen.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("required"), jen.Lit(fmt.Sprintf("missing properties: %q", t.Discriminator))),
			jen.Return(),
		),
		jen.Id("e").Dot(errsAddf).Call(jen.Id("p"), jen.Lit(t.SumKeyword), jen.Lit(fmt.Sprintf("%%q is not a known %s", t.Discriminator)), jen.Id("u").Dot(t.DiscriminatorName)),
	)

	f.Comment(comment(t.DecoderComment))
	f.Func().Id(t.Decoder).Params(jen.Id("data").Index().Byte()).Params(jen.Id(t.Name), jen.Error()).Block(
		jen.Id("d").Op(":=").Id(hkDecoder).Values(jen.Dict{jen.Id(decData): jen.Id("data")}),
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(t.DecodeFunc).Call(jen.Op("&").Id("d"), jen.Nil()),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("v"), jen.Id("d").Dot(decFinish).Call()),
	)
	f.Func().Id(t.DecodeFunc).Params(decoderParams()...).Params(jen.Id(t.Name), jen.Error()).Block(
		jen.If(jen.Id("d").Dot(decPeek).Call().Op("!=").Id(hkObject)).Block(
			jen.Return(jen.Nil(), jen.Id("d").Dot(decMismatch).Call(jen.Id("p"), jen.Lit("object"))),
		),
		jen.List(jen.Id("kind"), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot(decDiscriminator).Call(jen.Lit(t.Discriminator)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.If(jen.Id("ok")).Block(
			jen.Switch(jen.String().Parens(jen.Id("kind"))).BlockFunc(func(g *jen.Group) {
				for _, v := range t.Variants {
					g.Case(jen.Lit(v.Value)).Block(
						jen.Id("v").Op(":=").New(jen.Id(v.Type.Name)),
						jen.Return(jen.Id("v"), jen.Id("v").Dot(valueDecodeJSON).Call(jen.Id("d"), jen.Id("p"))),
					)
				}
			}),
		),
		jen.Id("u").Op(":=").Op("&").Id(t.Unknown).Values(jen.Dict{jen.Id(t.DiscriminatorName): jen.String().Parens(jen.Id("kind"))}),
		jen.Return(jen.Id("u"), jen.Id("d").Dot(decReadRaw).Call(jen.Id("p"), jen.Op("&").Id("u").Dot("Raw"))),
	)
}

func decoderParams() []jen.Code {
	return []jen.Code{jen.Id("d").Op("*").Id(hkDecoder), jen.Id("p").Op("*").Id(hkPath)}
}

func validatorParams() []jen.Code {
	return []jen.Code{jen.Id("e").Op("*").Id(hkErrors), jen.Id("p").Op("*").Id(hkPath)}
}

// receiver is how a type's methods take it: structs by pointer, the rest
// by value (pointer for decoding, which writes).
func receiver(t *model.Type, writes bool) *jen.Statement {
	if writes || t.Kind == model.Struct || t.Kind == model.Tuple {
		return jen.Id("x").Op("*").Id(t.Name)
	}
	return jen.Id("x").Id(t.Name)
}

// genUnmarshal prints UnmarshalJSON, which decodes without reflection and
// returns the violations found while decoding (wrong types, missing
// required properties) as a *ValidationError.
func genUnmarshal(f *jen.File, t *model.Type) {
	f.Comment(fmt.Sprintf("// UnmarshalJSON decodes %s; the error lists every violation found (see Parse).", t.AName))
	// Not through a generic helper either: the decoder would escape to
	// the heap, one allocation more than Parse.
	f.Func().Params(receiver(t, true)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Id("d").Op(":=").Id(hkDecoder).Values(jen.Id("data").Op(":").Id("data")),
		jen.Return(jen.Id("d").Dot(decDone).Call(jen.Id("x").Dot(valueDecodeJSON).Call(jen.Op("&").Id("d"), jen.Nil()))),
	)
}

// genValidateMethod prints the exported Validate.
func genValidateMethod(f *jen.File, t *model.Type) {
	f.Comment(fmt.Sprintf("// Validate reports every way the %s breaks its schema, as a *ValidationError.", t.Name))
	// Not through a generic helper: a call through a type parameter makes
	// the collector escape, and a valid value must validate without
	// allocating.
	f.Func().Params(receiver(t, false)).Id("Validate").Params().Error().Block(
		jen.Var().Id("e").Id(hkErrors),
		jen.Id("x").Dot(valueValidate).Call(jen.Op("&").Id("e"), jen.Nil()),
		jen.Return(jen.Id("e").Dot(errsErr).Call()),
	)
}
