package emit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genStructValidate prints validate for a struct: each field by its state,
// then the object's own rules.
func genStructValidate(f *jen.File, t *model.Type) {
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("validate").Params(validatorParams()...).BlockFunc(func(g *jen.Group) {
		for _, fl := range t.Fields {
			if !fl.Type.NeedsCheck() {
				continue
			}
			g.BlockFunc(func(b *jen.Group) {
				b.Id("fp").Op(":=").Id("p").Dot(pathField).Call(jen.Lit(fl.JSONName))
				field := jen.Id("x").Dot(fl.Name)
				path := path{name: "fp", value: true}
				if fl.Type.Kind == model.Raw {
					genCheck(b, fl.Type, field, path, 0)
					return
				}
				value := jen.Id("x").Dot(fl.Name).Dot(wrapValue)
				switch fl.State {
				case model.Required:
					genCheck(b, fl.Type, field, path, 0)
				case model.Optional:
					b.If(field.Clone().Dot(wrapSet)).BlockFunc(func(c *jen.Group) { genCheck(c, fl.Type, value, path, 0) })
				case model.Nullable:
					b.If(jen.Op("!").Add(field.Clone()).Dot(wrapNull)).BlockFunc(func(c *jen.Group) { genCheck(c, fl.Type, value, path, 0) })
				case model.OptionalNullable:
					b.If(field.Clone().Dot(wrapSet).Op("&&").Op("!").Add(field.Clone()).Dot(wrapNull)).BlockFunc(func(c *jen.Group) { genCheck(c, fl.Type, value, path, 0) })
				}
			})
		}
		if t.Object != nil {
			genObjectRules(g, t)
		}
		genAssertions(g, t)
	})
}

// present is the expression telling whether the property named json is
// present in a struct value.
func present(t *model.Type, json string) jen.Code {
	for _, fl := range t.Fields {
		if fl.JSONName != json {
			continue
		}
		switch {
		case fl.Type.Kind == model.Raw:
			return jen.Len(jen.Id("x").Dot(fl.Name)).Op(">").Lit(0)
		case fl.State == model.Optional || fl.State == model.OptionalNullable:
			return jen.Id("x").Dot(fl.Name).Dot(wrapSet)
		}
		return jen.True()
	}
	return jen.False()
}

func genObjectRules(g *jen.Group, t *model.Type) {
	o := t.Object
	if o.NoMembers {
		genNoMembers(g, t) // sums.go
	}
	for _, dep := range o.DependentRequired {
		for _, then := range dep.Then {
			g.If(jen.Add(present(t, dep.If)).Op("&&").Op("!").Parens(present(t, then))).Block(
				jen.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("dependentRequired"), jen.Lit(fmt.Sprintf("property %q is required when %q is present", then, dep.If))),
			)
		}
	}
	if o.CountsExtra {
		// The decoder counts the members the struct does not keep, and
		// checks the bounds itself (genMemberCount); Validate counts the
		// fields, all a value built by hand has.
		g.If(jen.Op("!").Id("e").Dot(errsMembersCounted)).BlockFunc(func(b *jen.Group) {
			b.Id("n").Op(":=").Lit(0)
			genMemberCount(b, t)
		})
	}
}

// genMemberCount adds the present fields to n, the members counted so
// far, and checks min/maxProperties against the total, reporting to e at p.
func genMemberCount(g *jen.Group, t *model.Type) {
	o := t.Object
	for _, fl := range t.Fields {
		g.If(present(t, fl.JSONName)).Block(jen.Id("n").Op("++"))
	}
	if o.MinProperties >= 0 {
		g.If(jen.Id("n").Op("<").Lit(o.MinProperties)).Block(
			jen.Id("e").Dot(errsAddf).Call(jen.Id("p"), jen.Lit("minProperties"), jen.Lit("minimum %d properties required, but found %d"), jen.Lit(o.MinProperties), jen.Id("n")),
		)
	}
	if o.MaxProperties >= 0 {
		g.If(jen.Id("n").Op(">").Lit(o.MaxProperties)).Block(
			jen.Id("e").Dot(errsAddf).Call(jen.Id("p"), jen.Lit("maxProperties"), jen.Lit("maximum %d properties allowed, but found %d"), jen.Lit(o.MaxProperties), jen.Id("n")),
		)
	}
}

// genDefinedValidate prints validate for an enum or defined type.
func genDefinedValidate(f *jen.File, t *model.Type) {
	f.Func().Params(receiver(t, false)).Id("validate").Params(validatorParams()...).BlockFunc(func(g *jen.Group) {
		if t.Kind == model.Enum && t.OpenEnum != "" {
			genOpenEnumCheck(g, t)
		} else if t.Kind == model.Enum {
			g.Switch(jen.Id("x")).BlockFunc(func(sw *jen.Group) {
				var cases []jen.Code
				for _, v := range t.Values {
					cases = append(cases, jen.Id(v.Name))
				}
				if len(cases) > 0 {
					sw.Case(cases...)
				}
				// The value quoted (an empty string shows as ""), and what
				// is allowed, as jsonschema/v5 lists it.
				var allowed []string
				for _, v := range t.Values {
					allowed = append(allowed, constText(v.Value))
				}
				verb := "%v"
				if t.Base.Builtin == "string" {
					verb = "%q"
				}
				sw.Default().Block(
					jen.Id("e").Dot(errsAddf).Call(jen.Id("p"), jen.Lit("enum"), jen.Lit("value "+verb+" is not one of "+strings.Join(allowed, ", ")), jen.Id("x")),
				)
			})
		}
		base := t.Base
		base.Rules = t.Rules
		base.Nullable = false
		under := jen.Add(typeExpr(t.Base)).Parens(jen.Id("x"))
		genCheck(g, base, under, paramPath, 0)
	})
}

// genCheck prints the checks of a value v of type r at path p. v must be
// addressable when r is a struct.
func genCheck(g *jen.Group, r model.Ref, v *jen.Statement, pp path, depth int) {
	p := pp.ptr()
	if r.Rules != nil && r.Rules.Branches != nil {
		genBranches(g, r.Rules.Branches, v, pp, depth)
	}
	switch r.Kind {
	case model.Named:
		if r.Type.Kind == model.Sum || r.Pointer {
			g.If(v.Clone().Op("==").Nil()).Block(
				jen.Id("e").Dot(errsAdd).Call(p, jen.Lit("type"), jen.Lit("expected object, but got nothing")),
			).Else().Block(v.Clone().Dot(valueValidate).Call(jen.Id("e"), p))
			return
		}
		g.Add(v.Clone()).Dot(valueValidate).Call(jen.Id("e"), p)
	case model.Builtin:
		genScalarRules(g, r, v, p)
	case model.Raw:
		if r.Table != nil {
			g.Id(hkValidateRaw).Call(jen.Op("&").Id(r.Table.Var), v.Clone(), p, jen.Id("e"))
		}
	case model.Slice:
		genCountRules(g, r.Rules, v, p, "minItems", "maxItems", "items")
		if r.Rules != nil && r.Rules.UniqueItems {
			// An item decoding refused holds its zero value, which may
			// equal another item that the payload's does not.
			g.If(jen.List(jen.Id("i"), jen.Id("j"), jen.Id("dup")).Op(":=").Id(hkDuplicate).Call(v.Clone()), jen.Id("dup").Op("&&").Op("!").Id("e").Dot(errsRefusedWithin).Call(p)).Block(
				jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("uniqueItems"), jen.Lit("items at index %d and %d are equal"), jen.Id("i"), jen.Id("j")),
			)
		}
		if r.Rules != nil && r.Rules.Contains != nil {
			genContains(g, r.Rules.Contains, v, pp, depth) // contains.go
		}
		if r.Elem.NeedsCheck() {
			i, ip := fmt.Sprintf("i%d", depth), fmt.Sprintf("ip%d", depth)
			g.For(jen.Id(i).Op(":=").Range().Add(v.Clone())).BlockFunc(func(loop *jen.Group) {
				loop.Id(ip).Op(":=").Add(pp.child("item", jen.Id(i)))
				genElemCheck(loop, *r.Elem, v.Clone().Index(jen.Id(i)), path{name: ip, value: true}, depth+1)
			})
		}
	case model.Map:
		genCountRules(g, r.Rules, v, p, "minProperties", "maxProperties", "properties")
		if r.Rules != nil && r.Rules.Keys != nil {
			genKeys(g, r, v, pp, depth) // keys.go
		} else if r.Elem.NeedsCheck() {
			k, kp, mv, start := fmt.Sprintf("k%d", depth), fmt.Sprintf("kp%d", depth), fmt.Sprintf("mv%d", depth), fmt.Sprintf("start%d", depth)
			g.Id(start).Op(":=").Len(jen.Id("e").Dot(errsList))
			g.For(jen.List(jen.Id(k), jen.Id(mv)).Op(":=").Range().Add(v.Clone())).BlockFunc(func(loop *jen.Group) {
				loop.Id(kp).Op(":=").Add(pp.child("field", jen.Id(k)))
				genElemCheck(loop, *r.Elem, jen.Id(mv), path{name: kp, value: true}, depth+1)
			})
			g.Id("e").Dot(errsSortFrom).Call(jen.Id(start))
		}
	}
}

func genElemCheck(g *jen.Group, r model.Ref, v *jen.Statement, p path, depth int) {
	if r.Nullable && r.Kind != model.Raw {
		g.If(jen.Op("!").Add(v.Clone()).Dot(wrapNull)).BlockFunc(func(b *jen.Group) {
			genCheck(b, r, v.Clone().Dot(wrapValue), p, depth)
		})
		return
	}
	genCheck(g, r, v, p, depth)
}

func genCountRules(g *jen.Group, r *model.Rules, v *jen.Statement, p *jen.Statement, minKw, maxKw, noun string) {
	if r == nil {
		return
	}
	min, max := r.MinItems, r.MaxItems
	if minKw == "minProperties" {
		min, max = r.MinProperties, r.MaxProperties
	}
	if min >= 0 {
		g.If(jen.Len(v.Clone()).Op("<").Lit(min)).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit(minKw), jen.Lit(fmt.Sprintf("minimum %d %s required, but found %%d", min, noun)), jen.Len(v.Clone())),
		)
	}
	if max >= 0 {
		g.If(jen.Len(v.Clone()).Op(">").Lit(max)).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit(maxKw), jen.Lit(fmt.Sprintf("maximum %d %s allowed, but found %%d", max, noun)), jen.Len(v.Clone())),
		)
	}
}

// genScalarRules prints the checks of a string, number or boolean.
func genScalarRules(g *jen.Group, r model.Ref, v *jen.Statement, p *jen.Statement) {
	rules := r.Rules
	if rules.Empty() {
		return
	}
	if rules.Union != nil {
		genNumberUnion(g, rules.Union, v, p)
		return
	}
	if rules.Enum != nil {
		var cases []jen.Code
		var allowed []string
		for _, s := range *rules.Enum {
			cases = append(cases, jen.Lit(s))
			allowed = append(allowed, strconv.Quote(s))
		}
		g.Switch(v.Clone()).Block(
			jen.Case(cases...),
			jen.Default().Block(jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("enum"), jen.Lit("value %q is not one of "+strings.Join(allowed, ", ")), v.Clone())),
		)
	}
	v = asBuiltin(r, v)
	switch r.Builtin {
	case "string":
		if rules.MinLength >= 0 || rules.MaxLength >= 0 {
			g.BlockFunc(func(b *jen.Group) {
				b.Id("n").Op(":=").Qual(pkgUTF8, "RuneCountInString").Call(v.Clone())
				if rules.MinLength >= 0 {
					b.If(jen.Id("n").Op("<").Lit(rules.MinLength)).Block(
						jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("minLength"), jen.Lit(fmt.Sprintf("length must be >= %d, but got %%d", rules.MinLength)), jen.Id("n")))
				}
				if rules.MaxLength >= 0 {
					b.If(jen.Id("n").Op(">").Lit(rules.MaxLength)).Block(
						jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("maxLength"), jen.Lit(fmt.Sprintf("length must be <= %d, but got %%d", rules.MaxLength)), jen.Id("n")))
				}
			})
		}
		if rules.Pattern != nil {
			g.If(jen.Op("!").Id(rules.Pattern.Var).Dot(matcherMatchString).Call(v.Clone())).Block(
				jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("pattern"), jen.Lit("%q does not match pattern "+strconv.Quote(rules.Pattern.Source)), v.Clone()))
		}
		if rules.Format != "" {
			g.If(jen.Op("!").Id(rules.Format).Call(v.Clone())).Block(
				jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("format"), jen.Lit("%q is not valid "+rules.FormatName), v.Clone()))
		}
	case model.Uint64Builtin, model.NumberBuiltin:
		genWideRules(g, r, v, p)
	case "int64", "float64":
		bound := func(kw, op string, n *model.Number, desc string) {
			if n == nil {
				return
			}
			lhs, rhs := v.Clone(), numberLit(n)
			if r.Builtin == "int64" && !n.IsInt {
				lhs = jen.Float64().Parens(v.Clone())
			}
			g.If(lhs.Op(op).Add(rhs)).Block(
				jen.Id("e").Dot(errsAddf).Call(p, jen.Lit(kw), jen.Lit(fmt.Sprintf("must be %s %s but found %%v", desc, n.Literal)), v.Clone()))
		}
		bound("minimum", "<", rules.Minimum, ">=")
		bound("maximum", ">", rules.Maximum, "<=")
		bound("exclusiveMinimum", "<=", rules.ExclusiveMinimum, ">")
		bound("exclusiveMaximum", ">=", rules.ExclusiveMaximum, "<")
		if m := rules.MultipleOf; m != nil {
			var bad *jen.Statement
			if r.Builtin == "int64" && m.IsInt {
				bad = v.Clone().Op("%").Add(numberLit(m)).Op("!=").Lit(0)
			} else {
				arg := v.Clone()
				if r.Builtin == "int64" {
					arg = jen.Float64().Parens(v.Clone())
				}
				bad = jen.Op("!").Id(hkMultipleOf).Call(arg, jen.Lit(m.Literal))
			}
			g.If(bad).Block(
				jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("multipleOf"), jen.Lit(fmt.Sprintf("%%v is not a multiple of %s", m.Literal)), v.Clone()))
		}
	}
	if rules.Const != nil && r.Builtin != model.NumberBuiltin {
		g.If(v.Clone().Op("!=").Add(literal(rules.Const))).Block(
			jen.Id("e").Dot(errsAddf).Call(p, jen.Lit("const"), jen.Lit(fmt.Sprintf("value must be %v, but got %s", constText(rules.Const), constVerb(rules.Const))), v.Clone()))
	}
}

func numberLit(n *model.Number) *jen.Statement {
	if n.IsInt {
		return jen.Op(strconv.FormatInt(n.Int, 10))
	}
	return jen.Op(strconv.FormatFloat(n.Float, 'g', -1, 64))
}

// constVerb prints a value of the const's type: strings quoted.
func constVerb(v any) string {
	if _, ok := v.(string); ok {
		return "%q"
	}
	return "%v"
}

func constText(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
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
