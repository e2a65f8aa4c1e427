package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

func deliveryPointer(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return "/" + strings.Join(path, "/")
}

// providerRouting is the part of Provider that says how a request names
// its event, and the signing fields beyond the first three.
func providerRouting(pkg *model.Package) jen.Dict {
	d := jen.Dict{
		jen.Id(piSignatureEncoding): jen.Lit(pkg.SignatureEncoding),
		jen.Id(piDeliveryIDHeader):  jen.Lit(pkg.DeliveryIDHeader),
	}
	if r := pkg.Router; r != nil {
		d[jen.Id("EventHeader")] = jen.Lit(r.Header)
		if len(r.Discriminator) > 0 {
			d[jen.Id("Discriminator")] = jen.Index().String().ValuesFunc(func(g *jen.Group) {
				for _, k := range r.Discriminator {
					g.Lit(k)
				}
			})
		}
	}
	return d
}

// genSchemas prints the package's index of schema files:
//
//	var Schemas = []string{"message.received", ...}
//	func ValidateJSON(schema string, data []byte) error
func genSchemas(pkg *model.Package) *jen.File {
	f := newFile(pkg, "")
	f.Comment(comment(fmt.Sprintf("Provider describes how %s delivers webhooks, from its manifest.", pkg.Title)))
	info := providerRouting(pkg)
	for k, v := range (jen.Dict{
		jen.Id(piName):            jen.Lit(pkg.Provider),
		jen.Id(piTitle):           jen.Lit(pkg.Title),
		jen.Id(piSigning):         jen.Lit(pkg.Signing),
		jen.Id(piSignatureHeader): jen.Lit(pkg.SignatureHeader),
		jen.Id(piSignaturePrefix): jen.Lit(pkg.SignaturePrefix),
		jen.Id(piDeliveryID):      jen.Lit(deliveryPointer(pkg.DeliveryID)),
	}) {
		info[k] = v
	}
	// jennifer sorts a Dict's keys as rendered, so the output is stable.
	f.Var().Id("Provider").Op("=").Id(rtProviderInfo).Values(info)
	f.Comment(comment("DeliveryIDOf returns the per-delivery id a payload carries (see Provider.DeliveryID), without decoding it; ok is false when it has none."))
	f.Func().Id("DeliveryIDOf").Params(jen.Id("data").Index().Byte()).Params(jen.Id("id").String(), jen.Id("ok").Bool()).BlockFunc(func(g *jen.Group) {
		if len(pkg.DeliveryID) == 0 {
			g.Return(jen.Lit(""), jen.False())
			return
		}
		var path []jen.Code
		for _, p := range pkg.DeliveryID {
			path = append(path, jen.Lit(p))
		}
		g.Id("d").Op(":=").Id(hkDecoder).Values(jen.Dict{jen.Id(decData): jen.Id("data")})
		g.List(jen.Id("v"), jen.Id("ok"), jen.Id("_")).Op(":=").Id("d").Dot(decPeekPath).Call(path...)
		g.Return(jen.String().Parens(jen.Id("v")), jen.Id("ok"))
	})
	f.Comment("// Schemas names the schema files this package was generated from, without \".json\", sorted.")
	f.Var().Id("Schemas").Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
		for _, r := range pkg.Roots {
			g.Lit(r.Schema)
		}
	})
	f.Comment(comment("DecodeJSON decodes data as the root type of the named schema file, without validating: the result is a pointer to that type (or a sum's variant). The error lists the violations found while decoding as a *ValidationError, or is a plain error for malformed JSON or a schema name not in Schemas."))
	f.Func().Id("DecodeJSON").Params(jen.Id("schema").String(), jen.Id("data").Index().Byte()).Params(jen.Any(), jen.Error()).Block(
		jen.Switch(jen.Id("schema")).BlockFunc(func(g *jen.Group) {
			for _, r := range pkg.Roots {
				if r.Type.Kind == model.Sum {
					g.Case(jen.Lit(r.Schema)).Block(jen.Return(jen.Id(r.Type.Decoder).Call(jen.Id("data"))))
					continue
				}
				g.Case(jen.Lit(r.Schema)).Block(
					jen.Id("v").Op(":=").New(jen.Id(r.Type.Name)),
					jen.Return(jen.Id("v"), jen.Id("v").Dot("UnmarshalJSON").Call(jen.Id("data"))),
				)
			}
		}),
		jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(fmt.Sprintf("package %s has no schema %%q", pkg.Name)), jen.Id("schema"))),
	)
	f.Comment(comment("ParseSchema decodes data as the root type of the named schema file (one of Schemas) and validates it: the value, a pointer to that type (or a sum's variant), comes back with every violation, of decoding and of validation, in one *ValidationError. Malformed JSON or a schema name not in Schemas is a plain error and no value."))
	f.Func().Id("ParseSchema").Params(jen.Id("schema").String(), jen.Id("data").Index().Byte()).Params(jen.Any(), jen.Error()).Block(
		jen.Switch(jen.Id("schema")).BlockFunc(func(g *jen.Group) {
			for _, r := range pkg.Roots {
				if r.Type.Kind == model.Sum {
					g.Case(jen.Lit(r.Schema)).Block(
						jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(r.Type.Decoder).Call(jen.Id("data")),
						jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("v"), jen.Err())),
						jen.Return(jen.Id("v"), jen.Id("v").Dot("Validate").Call()),
					)
					continue
				}
				g.Case(jen.Lit(r.Schema)).Block(
					jen.Id("v").Op(":=").New(jen.Id(r.Type.Name)),
					jen.If(jen.Err().Op(":=").Id(hkCheck).Call(jen.Id("v"), jen.Id("data")), jen.Err().Op("!=").Nil()).Block(
						jen.Var().Id("ve").Op("*").Id(rtValidationError),
						jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("ve"))).Block(jen.Return(jen.Nil(), jen.Err())),
						jen.Return(jen.Id("v"), jen.Err()),
					),
					jen.Return(jen.Id("v"), jen.Nil()),
				)
			}
		}),
		jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(fmt.Sprintf("package %s has no schema %%q", pkg.Name)), jen.Id("schema"))),
	)
	f.Comment(comment("ValidateJSON decodes data as the root type of the named schema file and validates it. The error is a *ValidationError listing every violation found, with its JSON pointer, or a plain error for malformed JSON or a schema name not in Schemas."))
	f.Func().Id("ValidateJSON").Params(jen.Id("schema").String(), jen.Id("data").Index().Byte()).Error().Block(
		jen.Switch(jen.Id("schema")).BlockFunc(func(g *jen.Group) {
			for _, r := range pkg.Roots {
				if r.Type.Kind == model.Sum {
					g.Case(jen.Lit(r.Schema)).Block(
						jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(r.Type.Decoder).Call(jen.Id("data")),
						jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
						jen.Return(jen.Id("v").Dot("Validate").Call()),
					)
					continue
				}
				g.Case(jen.Lit(r.Schema)).Block(
					jen.Return(jen.Id(hkCheck).Call(jen.New(jen.Id(r.Type.Name)), jen.Id("data"))),
				)
			}
		}),
		jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(fmt.Sprintf("package %s has no schema %%q", pkg.Name)), jen.Id("schema"))),
	)
	return f
}
