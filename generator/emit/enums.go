package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// enumValuesDoc is the comment above an enum's constants.
func enumValuesDoc(t *model.Type) string {
	switch t.OpenEnum {
	case "anyOf":
		return fmt.Sprintf("// Values of %s the schema lists; any other string is valid too, and kept as received.", t.Name)
	case "oneOf":
		return comment(fmt.Sprintf("Values of %s the schema lists. Its oneOf pairs the list with any string, so a listed value matches both branches and is invalid; only other strings are valid.", t.Name))
	}
	return fmt.Sprintf("// Values of %s.", t.Name)
}

// genOpenEnumCheck prints the check of an open enum: none under anyOf;
// under oneOf, a listed value is a violation (it matches both branches).
func genOpenEnumCheck(g *jen.Group, t *model.Type) {
	if t.OpenEnum != "oneOf" || len(t.Values) == 0 {
		return
	}
	var cases []jen.Code
	for _, v := range t.Values {
		cases = append(cases, jen.Id(v.Name))
	}
	g.Switch(jen.Id("x")).Block(
		jen.Case(cases...).Block(
			jen.Id("e").Dot(errsAddf).Call(jen.Id("p"), jen.Lit("oneOf"), jen.Lit("value %q matches both the enum and the string branch"), jen.Id("x")),
		),
	)
}
