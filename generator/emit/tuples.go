package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genTuple prints a tuple (model/tuples.go): a struct with one field per
// position and Rest, read from and written as a JSON array:
//
//	type T struct {
//		Name     string
//		Latitude Optional[float64]
//		Rest     []json.RawMessage
//	}
func genTuple(f *jen.File, t *model.Type) {
	f.Comment(typeDoc(t))
	f.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
		for _, fl := range t.Fields {
			text := fmt.Sprintf("%s is the item at position %s.", fl.Name, fl.JSONName)
			if fl.Doc != "" {
				text += "\n\n" + fl.Doc
			}
			g.Comment(comment(text))
			g.Id(fl.Name).Add(fieldExpr(fl))
		}
		if t.Rest != nil {
			g.Comment(comment(fmt.Sprintf("%s holds the items after position %d.", model.RestField, len(t.Fields)-1)))
			g.Id(model.RestField).Index().Add(elemExpr(*t.Rest))
		}
	})
	genMarshal(f, t)
	genAppendMethod(f, t)
	genUnmarshal(f, t)
	genTupleDecode(f, t)
	genValidateMethod(f, t)
	genTupleValidate(f, t)
}

// required is how many leading positions are always present.
func required(t *model.Type) int {
	n := 0
	for _, fl := range t.Fields {
		if fl.Type.Kind == model.Raw && fl.State != model.Required || fl.Type.Kind != model.Raw && !fl.State.MustBePresent() {
			break
		}
		n++
	}
	return n
}

// isSet is the expression telling whether an optional position holds a
// value.
func isSet(fl *model.Field) *jen.Statement {
	if fl.Type.Kind == model.Raw {
		return jen.Len(jen.Id("x").Dot(fl.Name)).Op(">").Lit(0)
	}
	return jen.Id("x").Dot(fl.Name).Dot("Set")
}

// isAbsent is the negation of isSet.
func isAbsent(fl *model.Field) *jen.Statement {
	if fl.Type.Kind == model.Raw {
		return jen.Len(jen.Id("x").Dot(fl.Name)).Op("==").Lit(0)
	}
	return jen.Op("!").Id("x").Dot(fl.Name).Dot("Set")
}

// genAppendTuple prints the body of a tuple's appendJSON.
func genAppendTuple(g *jen.Group, t *model.Type) {
	g.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('['))
	k := required(t)
	for i, fl := range t.Fields {
		if i >= k {
			g.If(isAbsent(fl)).Block(jen.Return(jen.Append(jen.Id("b"), jen.LitRune(']'))))
		}
		if i > 0 {
			g.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(','))
		}
		field := jen.Id("x").Dot(fl.Name)
		switch {
		case fl.Type.Kind == model.Raw || fl.State == model.Required:
			genAppendValue(g, fl.Type, field, 0)
		case fl.State == model.Optional:
			genAppendValue(g, fl.Type, field.Dot("Value"), 0)
		default: // Nullable, OptionalNullable
			g.If(field.Clone().Dot("Null")).Block(
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
			).Else().BlockFunc(func(e *jen.Group) { genAppendValue(e, fl.Type, field.Clone().Dot("Value"), 0) })
		}
	}
	if t.Rest != nil {
		g.For(jen.Id("i").Op(":=").Range().Id("x").Dot(model.RestField)).BlockFunc(func(loop *jen.Group) {
			loop.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(','))
			genAppendElem(loop, *t.Rest, jen.Id("x").Dot(model.RestField).Index(jen.Id("i")), 1)
		})
	}
	g.Return(jen.Append(jen.Id("b"), jen.LitRune(']')))
}

// genTupleDecode prints the tuple's decoder:
//
//	func (x *T) decodeJSON(d *hkDecoder, p *hkPath) (err error) {
//		*x = T{}
//		t, fp := hkTupleItems(), p.item(0)
//		for t.next(d, &fp, &err) {
//			switch t.i {
//			case 0:
//				err = d.readString(&fp, &x.Name)
//			default:
//				err = d.readRaw(&fp, hkGrow(&x.Rest))
//			}
//		}
//		return err
//	}
func genTupleDecode(f *jen.File, t *model.Type) {
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("decodeJSON").Params(decoderParams()...).Params(jen.Err().Error()).BlockFunc(func(g *jen.Group) {
		g.Op("*").Id("x").Op("=").Id(t.Name).Values()
		g.List(jen.Id("t"), jen.Id("fp")).Op(":=").List(jen.Id(hkTupleItems).Call(), jen.Id("p").Dot(pathItem).Call(jen.Lit(0)))
		g.For(jen.Id("t").Dot(iterNext).Call(jen.Id("d"), jen.Op("&").Id("fp"), jen.Op("&").Err())).Block(
			jen.Switch(jen.Id("t").Dot(membersI)).BlockFunc(func(sw *jen.Group) {
				for i, fl := range t.Fields {
					sw.Case(jen.Lit(i)).BlockFunc(func(c *jen.Group) { genDecodeField(c, fl) })
				}
				sw.Default().BlockFunc(func(c *jen.Group) {
					if t.Rest == nil && t.RestRefusedEach != "" {
						c.Err().Op("=").Id("t").Dot(tupleBeyondEach).Call(jen.Id("d"), jen.Op("&").Id("fp"), jen.Lit(t.RestRefusedEach))
						return
					}
					if t.Rest == nil {
						c.Err().Op("=").Id("t").Dot("beyond").Call(jen.Id("d"), jen.Op("&").Id("fp"), jen.Lit(len(t.Fields)))
						return
					}
					grow := func() *jen.Statement { return jen.Id(hkGrow).Call(jen.Op("&").Id("x").Dot(model.RestField)) }
					fp := path{name: "fp", value: true}
					if t.Rest.Nullable && t.Rest.Kind != model.Raw {
						c.If(jen.Id("e").Op(":=").Add(grow()), jen.Op("!").Id("d").Dot(decNullInto).Call(jen.Op("&").Id("e").Dot("Null"))).BlockFunc(func(b *jen.Group) {
							genDecodeValue(b, *t.Rest, addressable(func() *jen.Statement { return jen.Id("e").Dot("Value") }), fp, 1)
						})
						return
					}
					genDecodeValue(c, *t.Rest, pointer(grow), fp, 1)
				})
			}),
		)
		// Too few items for the positions always present: Validate cannot
		// see it in the value (they hold zero values), so decoding says so
		// and marks the missing positions refused: validation adds nothing
		// at or below them.
		if k := required(t); k > 0 {
			g.If(jen.Err().Op("==").Nil().Op("&&").Id("t").Dot("count").Call().Op("<").Lit(k)).BlockFunc(func(b *jen.Group) {
				b.Id("t").Dot(tupleMissing).Call(jen.Id("d"), jen.Id("p"), jen.Lit(k))
				if min := t.Rules.MinItems; min <= len(t.Fields) {
					b.Id("d").Dot(decErrs).Dot(errsAddf).Call(jen.Id("p"), jen.Lit("minItems"), jen.Lit(fmt.Sprintf("minimum %d items required, but found %%d items", min)), jen.Id("t").Dot("count").Call())
				}
			})
		}
		g.Return(jen.Err())
	})
}

// genTupleValidate prints validate: each position, the length rules, Rest.
func genTupleValidate(f *jen.File, t *model.Type) {
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("validate").Params(validatorParams()...).BlockFunc(func(g *jen.Group) {
		k := required(t)
		for i, fl := range t.Fields {
			if !fl.Type.NeedsCheck() {
				continue
			}
			g.BlockFunc(func(b *jen.Group) {
				b.Id("fp").Op(":=").Id("p").Dot(pathItem).Call(jen.Lit(i))
				field := jen.Id("x").Dot(fl.Name)
				fp := path{name: "fp", value: true}
				value := jen.Id("x").Dot(fl.Name).Dot("Value")
				switch {
				case fl.Type.Kind == model.Raw || fl.State == model.Required:
					genCheck(b, fl.Type, field, fp, 0)
				case fl.State == model.Optional:
					b.If(field.Clone().Dot("Set")).BlockFunc(func(c *jen.Group) { genCheck(c, fl.Type, value, fp, 0) })
				case fl.State == model.Nullable:
					b.If(jen.Op("!").Add(field.Clone()).Dot("Null")).BlockFunc(func(c *jen.Group) { genCheck(c, fl.Type, value, fp, 0) })
				default:
					b.If(field.Clone().Dot("Set").Op("&&").Op("!").Add(field.Clone()).Dot("Null")).BlockFunc(func(c *jen.Group) { genCheck(c, fl.Type, value, fp, 0) })
				}
			})
		}
		var set []jen.Code
		set = append(set, jen.Lit(k))
		if t.Rest != nil {
			set = append(set, jen.Len(jen.Id("x").Dot(model.RestField)))
		} else {
			set = append(set, jen.Lit(0))
		}
		for _, fl := range t.Fields[k:] {
			set = append(set, isSet(fl))
		}
		rules := t.Rules
		// A value always holds its k required positions: minItems up to k
		// is decided by decoding (too short an array), not here.
		counts := rules.MinItems > k || rules.MaxItems >= 0
		if len(t.Fields) == k && t.Rest == nil {
			// Always k items: the length rules are decided here.
			if rules.MinItems > k || (rules.MaxItems >= 0 && rules.MaxItems < k) {
				g.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("minItems"), jen.Lit(fmt.Sprintf("the schema allows no array: %d items always, minItems %d, maxItems %d", k, rules.MinItems, rules.MaxItems)))
			}
		} else if len(t.Fields) > k || counts {
			n := jen.Id("_")
			if counts {
				n = jen.Id("n")
			}
			g.List(n, jen.Id("gap")).Op(":=").Id(hkTupleLen).Call(set...)
			g.If(jen.Id("gap")).Block(
				jen.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("prefixItems"), jen.Lit("a position is set after an absent one, which no JSON array can hold")),
			)
			if rules.MinItems > k {
				g.If(jen.Id("n").Op("<").Lit(rules.MinItems)).Block(
					jen.Id("e").Dot(errsAddf).Call(jen.Id("p"), jen.Lit("minItems"), jen.Lit(fmt.Sprintf("minimum %d items required, but found %%d items", rules.MinItems)), jen.Id("n")))
			}
			if rules.MaxItems >= 0 {
				g.If(jen.Id("n").Op(">").Lit(rules.MaxItems)).Block(
					jen.Id("e").Dot(errsAddf).Call(jen.Id("p"), jen.Lit("maxItems"), jen.Lit(fmt.Sprintf("maximum %d items allowed, but found %%d items", rules.MaxItems)), jen.Id("n")))
			}
		}
		if t.Rest != nil && t.Rest.NeedsCheck() {
			g.For(jen.Id("i").Op(":=").Range().Id("x").Dot(model.RestField)).BlockFunc(func(loop *jen.Group) {
				loop.Id("ip").Op(":=").Id("p").Dot(pathItem).Call(jen.Lit(len(t.Fields)).Op("+").Id("i"))
				genElemCheck(loop, *t.Rest, jen.Id("x").Dot(model.RestField).Index(jen.Id("i")), path{name: "ip", value: true}, 1)
			})
		}
	})
}
