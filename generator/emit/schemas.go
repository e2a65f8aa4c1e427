package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genSchemas prints the package's index of schema files:
//
//	var Schemas = []string{"message.received", ...}
//	func ValidateJSON(schema string, data []byte) error
func genSchemas(pkg *model.Package) *jen.File {
	f := newFile(pkg, "")
	f.Comment("// Schemas names the schema files this package was generated from, without \".json\", sorted.")
	f.Var().Id("Schemas").Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
		for _, r := range pkg.Roots {
			g.Lit(r.Schema)
		}
	})
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
					jen.Return(jen.Id("hkCheck").Call(jen.New(jen.Id(r.Type.Name)), jen.Id("data"))),
				)
			}
		}),
		jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(fmt.Sprintf("package %s has no schema %%q", pkg.Name)), jen.Id("schema"))),
	)
	return f
}
