package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genAssertions prints the checks of a struct's assertions (the keywords
// beside its properties, model.Assertion), each skipped when decoding
// refused a field it reads or never saw it (the decoder's verdict is in
// the error collector: Validate on its own skips nothing):
//
//	// anyOf (#/anyOf)
//	if !e.refusedMember(p, "email") && !e.refusedMember(p, "phone") {
//		if !(x.Email.Set || x.Phone.Set) {
//			e.add(p, "required", "missing properties: \"email\"")
//			e.add(p, "required", "missing properties: \"phone\"")
//		}
//	}
func genAssertions(g *jen.Group, t *model.Type) {
	a := &asserter{}
	for _, as := range t.Assertions {
		g.Comment(fmt.Sprintf("%s (#%s)", as.Keyword, as.Pointer))
		if len(as.Reads) == 0 {
			g.BlockFunc(func(b *jen.Group) { a.report(b, as.Cond) })
			continue
		}
		var guard *jen.Statement
		for _, f := range as.Reads {
			c := jen.Op("!").Id("e").Dot(errsRefusedMember).Call(jen.Id("p"), jen.Lit(f.JSONName))
			if guard == nil {
				guard = c
			} else {
				guard = guard.Op("&&").Add(c)
			}
		}
		g.If(guard).BlockFunc(func(b *jen.Group) { a.report(b, as.Cond) })
	}
}

// asserter numbers the counters of oneOf, so nested ones do not clash.
type asserter struct{ n int }

func (a *asserter) name(prefix string) string {
	a.n++
	return fmt.Sprintf("%s%d", prefix, a.n)
}

// cond is a boolean expression, or a constant one (code nil). An atomic
// one (a field, a call, parentheses) can be negated without parentheses;
// neg is its negation when that reads better than "!(...)" (x != "a").
type cond struct {
	code   *jen.Statement
	value  bool
	atomic bool
	neg    *cond
	// and, or: the operands of a && or ||, negated by De Morgan's laws.
	and, or []cond
}

func constCond(v bool) cond { return cond{value: v} }

func (c cond) not() cond { return notCond(c) }

func (c cond) expr() *jen.Statement {
	if c.code == nil {
		return jen.Lit(c.value)
	}
	return c.code.Clone()
}

func andCond(x, y cond) cond {
	switch {
	case x.code == nil:
		if !x.value {
			return x
		}
		return y
	case y.code == nil:
		if !y.value {
			return y
		}
		return x
	}
	return cond{code: jen.Parens(x.expr().Op("&&").Add(y.expr())), atomic: true, and: []cond{x, y}}
}

func orCond(x, y cond) cond {
	switch {
	case x.code == nil:
		if x.value {
			return x
		}
		return y
	case y.code == nil:
		if y.value {
			return y
		}
		return x
	}
	return cond{code: jen.Parens(x.expr().Op("||").Add(y.expr())), atomic: true, or: []cond{x, y}}
}

func notCond(x cond) cond {
	switch {
	case x.code == nil:
		return constCond(!x.value)
	case x.neg != nil:
		return *x.neg
	case x.and != nil:
		return orCond(notCond(x.and[0]), notCond(x.and[1]))
	case x.or != nil:
		return andCond(notCond(x.or[0]), notCond(x.or[1]))
	case x.atomic:
		return cond{code: jen.Op("!").Add(x.expr()), atomic: true, neg: &x}
	}
	return cond{code: jen.Op("!").Parens(x.expr()), atomic: true, neg: &x}
}

// compare is the comparison v == lit, whose negation is v != lit.
func compare(v *jen.Statement, lit jen.Code) cond {
	ne := cond{code: v.Clone().Op("!=").Add(lit)}
	eq := cond{code: v.Clone().Op("==").Add(lit), neg: &ne}
	ne.neg = &eq
	return eq
}

// holds is the expression telling whether c holds. It prints no
// statements, so it can be folded away: a oneOf counts its branches in a
// function literal the compiler inlines.
func (a *asserter) holds(c *model.Cond) cond {
	switch c.Op {
	case model.CondAll:
		out := constCond(true)
		for _, sub := range c.Subs {
			out = andCond(out, a.holds(sub))
		}
		return out
	case model.CondAny:
		out := constCond(false)
		for _, sub := range c.Subs {
			out = orCond(out, a.holds(sub))
		}
		return out
	case model.CondOne:
		count := jen.Func().Params().Int().BlockFunc(func(b *jen.Group) {
			a.count(b, "n", c)
			b.Return(jen.Id("n"))
		}).Call()
		return compare(count, jen.Lit(1))
	case model.CondNot:
		return notCond(a.holds(c.Subs[0]))
	case model.CondIf:
		cv := a.holds(c.Subs[0])
		then, els := constCond(true), constCond(true)
		if c.Subs[1] != nil {
			then = a.holds(c.Subs[1])
		}
		if c.Subs[2] != nil {
			els = a.holds(c.Subs[2])
		}
		return andCond(orCond(notCond(cv), then), orCond(cv, els))
	case model.CondPresent:
		return presentCond(c.Field)
	case model.CondValue:
		return valueCond(c, true)
	}
	panic(fmt.Sprintf("unknown cond op %d", c.Op))
}

// count prints n, the number of branches of a oneOf that hold.
func (a *asserter) count(g *jen.Group, n string, c *model.Cond) {
	g.Id(n).Op(":=").Lit(0)
	for _, sub := range c.Subs {
		h := a.holds(sub)
		if h.code == nil {
			if h.value {
				g.Id(n).Op("++")
			}
			continue
		}
		g.If(h.expr()).Block(jen.Id(n).Op("++"))
	}
}

// report prints the checks reporting how c fails, at its leaves as
// jsonschema/v5 reports them.
func (a *asserter) report(g *jen.Group, c *model.Cond) {
	switch c.Op {
	case model.CondAll:
		for _, sub := range c.Subs {
			a.report(g, sub)
		}
	case model.CondAny:
		h := a.holds(c)
		if h.code == nil && h.value {
			return
		}
		ifFails(g, h, func(b *jen.Group) {
			for _, sub := range c.Subs {
				a.report(b, sub)
			}
		})
	case model.CondOne:
		n := a.name("n")
		a.count(g, n, c)
		g.If(jen.Id(n).Op("==").Lit(0)).BlockFunc(func(b *jen.Group) {
			for _, sub := range c.Subs {
				a.report(b, sub)
			}
		}).Else().If(jen.Id(n).Op(">").Lit(1)).Block(
			jen.Id("e").Dot(errsAddf).Call(jen.Id("p"), jen.Lit("oneOf"), jen.Lit("value matches %d of the schemas, not exactly one"), jen.Id(n)),
		)
	case model.CondNot:
		h := a.holds(c.Subs[0])
		if h.code == nil && !h.value {
			return
		}
		ifFails(g, notCond(h), func(b *jen.Group) {
			b.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("not"), jen.Lit("value matches a schema it must not"))
		})
	case model.CondIf:
		cv := a.holds(c.Subs[0])
		if cv.code == nil {
			if sub := c.Subs[map[bool]int{true: 1, false: 2}[cv.value]]; sub != nil {
				a.report(g, sub)
			}
			return
		}
		stmt := g.If(cv.expr()).BlockFunc(func(b *jen.Group) {
			if c.Subs[1] != nil {
				a.report(b, c.Subs[1])
			}
		})
		if c.Subs[2] != nil {
			stmt.Else().BlockFunc(func(b *jen.Group) { a.report(b, c.Subs[2]) })
		}
	case model.CondPresent:
		ifFails(g, presentCond(c.Field), func(b *jen.Group) {
			b.Id("e").Dot(errsAdd).Call(jen.Id("p"), jen.Lit("required"), jen.Lit(fmt.Sprintf("missing properties: %q", c.Name)))
		})
	case model.CondValue:
		if c.Keyword != "" {
			msg := map[string]string{"const": "value must be ", "enum": "value must be one of ", "type": "expected "}[c.Keyword] + c.Allowed
			ifFails(g, valueCond(c, false), func(b *jen.Group) {
				b.Id("fp").Op(":=").Id("p").Dot(pathField).Call(jen.Lit(c.Name))
				b.Id("e").Dot(errsAdd).Call(jen.Op("&").Id("fp"), jen.Lit(c.Keyword), jen.Lit(msg))
			})
		}
		if c.Rules != nil {
			// The bounds apply to a value that is there and not null.
			f := c.Field
			there := presentCond(f)
			if f.State == model.Nullable || f.State == model.OptionalNullable {
				there = andCond(there, notCond(cond{code: jen.Id("x").Dot(f.Name).Dot("Null"), atomic: true}))
			}
			body := func(b *jen.Group) {
				b.Id("fp").Op(":=").Id("p").Dot(pathField).Call(jen.Lit(c.Name))
				genScalarRules(b, model.Ref{Kind: model.Builtin, Builtin: builtinOf(f), Rules: c.Rules}, plainValue(f), jen.Op("&").Id("fp"))
			}
			if there.code == nil {
				g.BlockFunc(body)
			} else {
				g.If(there.expr()).BlockFunc(body)
			}
		}
	}
}

// ifFails prints body under "if !h", or alone when h is constant false,
// or nothing when it is constant true.
func ifFails(g *jen.Group, h cond, body func(*jen.Group)) {
	if h.code == nil {
		if !h.value {
			g.BlockFunc(body)
		}
		return
	}
	g.If(notCond(h).expr()).BlockFunc(body)
}

// presentCond tells whether a field's property is present.
func presentCond(f *model.Field) cond {
	switch {
	case f.Type.Kind == model.Raw:
		return compare(jen.Len(jen.Id("x").Dot(f.Name)), jen.Lit(0)).not()
	case f.State == model.Optional || f.State == model.OptionalNullable:
		return cond{code: jen.Id("x").Dot(f.Name).Dot("Set"), atomic: true}
	}
	// Always present: decoding reports a required property that is
	// missing, once, as jsonschema/v5 does besides the assertion.
	return constCond(true)
}

// fieldValue is the non-null value of a field.
func fieldValue(f *model.Field) *jen.Statement {
	v := jen.Id("x").Dot(f.Name)
	if f.State != model.Required {
		v = v.Dot("Value")
	}
	return v
}

// plainValue is the non-null value of a field as its builtin type, for
// the checks of rules (utf8.RuneCountInString, formats) to take.
func plainValue(f *model.Field) *jen.Statement {
	if f.Type.Kind == model.Named {
		return jen.Id(builtinOf(f)).Parens(fieldValue(f))
	}
	return fieldValue(f)
}

// builtinOf is the builtin a scalar field's value is, or is defined over.
func builtinOf(f *model.Field) string {
	r := f.Type
	if r.Kind == model.Named {
		r = r.Type.Base
	}
	return r.Builtin
}

// valueCond tells whether a field is absent, or holds what c allows; with
// rules, whether its value meets them too (checked into errors of its
// own, in a function literal).
func valueCond(c *model.Cond, rules bool) cond {
	f := c.Field
	v := fieldValue(f)
	ok := constCond(c.Values == nil)
	for _, val := range c.Values {
		ok = orCond(ok, compare(v, literal(val)))
	}
	if rules && c.Rules != nil {
		meets := jen.Func().Params().Bool().BlockFunc(func(b *jen.Group) {
			b.Var().Id("e").Id(hkErrors)
			genScalarRules(b, model.Ref{Kind: model.Builtin, Builtin: builtinOf(f), Rules: c.Rules}, plainValue(f), jen.Nil())
			b.Return(jen.Len(jen.Id("e").Dot(errsList)).Op("==").Lit(0))
		}).Call()
		ok = andCond(ok, cond{code: meets, atomic: true})
	}
	if f.State == model.Nullable || f.State == model.OptionalNullable {
		null := cond{code: jen.Id("x").Dot(f.Name).Dot("Null"), atomic: true}
		ok = orCond(andCond(null, constCond(c.Null)), andCond(notCond(null), ok))
	}
	return orCond(notCond(presentCond(f)), ok)
}
