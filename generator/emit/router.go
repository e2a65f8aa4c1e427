package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

const pkgContext = "context"

// genRouter prints the event API of a package:
//
//	const EventMessageReceived = "message.received"
//	type Event interface { EventType() string; isEvent() }
//	type UnknownEvent struct { Type string; Raw json.RawMessage }
//	func Parse(data []byte) (Event, error)
//	type Handlers struct { MessageReceived func(context.Context, *MessageReceived) error; ... }
//	func (h *Handlers) Dispatch(ctx context.Context, data []byte) error
func genRouter(pkg *model.Package) *jen.File {
	r := pkg.Router
	f := newFile(pkg, "")
	disc := strings.Join(r.Discriminator, " + ")

	f.Comment(fmt.Sprintf("// Event types: the values of %s, joined with \".\" where there are several.", disc))
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, ev := range r.Events {
			g.Id(ev.Const).Op("=").Lit(ev.Type)
		}
	})

	var variants []string
	for _, ev := range r.Events {
		variants = append(variants, "*"+ev.Root.Name)
	}
	f.Comment(comment(fmt.Sprintf("Event is one webhook event of %s: %s, or *%s for an event type the schemas do not know. Get one from Parse and tell them apart with a type switch.", pkg.Title, strings.Join(variants, ", "), r.Unknown)))
	f.Type().Id("Event").Interface(
		jen.Comment("EventType is the event's type: one of the Event constants, or the type an UnknownEvent carries."),
		jen.Id("EventType").Params().String(),
		jen.Id("isEvent").Params(),
	)
	for _, ev := range r.Events {
		f.Comment(fmt.Sprintf("// EventType returns %s.", ev.Const))
		f.Func().Params(jen.Op("*").Id(ev.Root.Name)).Id("EventType").Params().String().Block(jen.Return(jen.Id(ev.Const)))
		f.Func().Params(jen.Op("*").Id(ev.Root.Name)).Id("isEvent").Params().Block()
	}

	f.Comment(comment(fmt.Sprintf("%s is an event whose type the schemas do not know, such as one the provider added after they were written. Parse returns it without error, so a new event type never breaks a receiver; Raw keeps the payload as received.", r.Unknown)))
	f.Type().Id(r.Unknown).Struct(
		jen.Comment(fmt.Sprintf("Type is the event type: the values of %s, joined with \".\".", disc)),
		jen.Id("Type").String(),
		jen.Comment("Raw is the payload as received."),
		jen.Id("Raw").Qual(pkgJSON, "RawMessage"),
	)
	f.Comment("// EventType returns the type the payload carries.")
	f.Func().Params(jen.Id("u").Op("*").Id(r.Unknown)).Id("EventType").Params().String().Block(jen.Return(jen.Id("u").Dot("Type")))
	f.Func().Params(jen.Op("*").Id(r.Unknown)).Id("isEvent").Params().Block()
	f.Comment("// MarshalJSON returns the payload as received.")
	f.Func().Params(jen.Id("u").Op("*").Id(r.Unknown)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.If(jen.Len(jen.Id("u").Dot("Raw")).Op("==").Lit(0)).Block(jen.Return(jen.Index().Byte().Parens(jen.Lit("null")), jen.Nil())),
		jen.Return(jen.Id("u").Dot("Raw"), jen.Nil()),
	)

	genParse(f, pkg)
	genHandlers(f, pkg)
	return f
}

// genParse prints Parse: it peeks at the discriminator without decoding
// (or allocating), picks the event's type, then decodes and validates.
func genParse(f *jen.File, pkg *model.Package) {
	r := pkg.Router
	disc := strings.Join(r.Discriminator, " + ")
	f.Comment(comment(fmt.Sprintf(`Parse reads a webhook payload of %s. It finds the event type from %s without decoding the whole payload, decodes it into that event's type and validates it.

  - A payload that breaks its schema comes back as the event together with a *ValidationError listing every violation; do not act on it.
  - An event type the schemas do not know comes back as *%s with a nil error.
  - Malformed JSON, or a payload without %s, is an error and no event.`, pkg.Title, disc, r.Unknown, disc)))
	f.Func().Id("Parse").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Id("d").Op(":=").Id("hkDecoder").Values(jen.Dict{jen.Id("data"): jen.Id("data")})
		g.If(jen.Id("d").Dot("peek").Call().Op("!=").Id("hkObject")).Block(
			jen.If(jen.Err().Op(":=").Id("hkWellFormed").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(pkg.Name+": the payload is not a JSON object"))),
		)
		for i, key := range r.Discriminator {
			v := fmt.Sprintf("v%d", i)
			g.List(jen.Id(v), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("peekPath").Call(jen.Lit(key))
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
			g.If(jen.Op("!").Id("ok")).Block(
				jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(fmt.Sprintf("%s: the payload has no string %q, which names the event", pkg.Name, key)))),
			)
			if len(r.Discriminator) > 1 {
				g.Id(v).Op("=").Id("d").Dot("detach").Call(jen.Id(v))
			}
		}
		g.Var().Id("ev").Id("hkEvent")
		g.Switch().BlockFunc(func(sw *jen.Group) {
			for _, rt := range r.Routes {
				var conds []jen.Code
				for i, v := range rt.Values {
					conds = append(conds, jen.String().Parens(jen.Id(fmt.Sprintf("v%d", i))).Op("==").Lit(v))
				}
				cond := jen.Add(conds[0])
				for _, c := range conds[1:] {
					cond = cond.Op("&&").Add(c)
				}
				sw.Case(cond).BlockFunc(func(c *jen.Group) {
					if rt.Event != nil {
						c.Id("ev").Op("=").New(jen.Id(rt.Event.Root.Name))
						return
					}
					var path []jen.Code
					for _, p := range rt.Path {
						path = append(path, jen.Lit(p))
					}
					c.Comment(fmt.Sprintf("Several events carry these values; %s tells them apart.", "/"+strings.Join(rt.Path, "/")))
					c.List(jen.Id("w"), jen.Id("_"), jen.Err()).Op(":=").Id("d").Dot("peekPath").Call(path...)
					c.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
					c.Switch(jen.String().Parens(jen.Id("w"))).BlockFunc(func(in *jen.Group) {
						for _, ch := range rt.Choices {
							in.Case(jen.Lit(ch.Value)).Block(jen.Id("ev").Op("=").New(jen.Id(ch.Event.Root.Name)))
						}
						in.Default().Block(jen.Id("ev").Op("=").New(jen.Id(rt.Fallback.Root.Name)))
					})
				})
			}
			var typeExpr jen.Code = jen.String().Parens(jen.Id("v0"))
			if len(r.Discriminator) > 1 {
				parts := []jen.Code{}
				for i := range r.Discriminator {
					if i > 0 {
						parts = append(parts, jen.Lit("."))
					}
					parts = append(parts, jen.String().Parens(jen.Id(fmt.Sprintf("v%d", i))))
				}
				expr := jen.Add(parts[0])
				for _, p := range parts[1:] {
					expr = expr.Op("+").Add(p)
				}
				typeExpr = expr
			}
			sw.Default().Block(
				jen.If(jen.Err().Op(":=").Id("hkWellFormed").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Return(jen.Op("&").Id(r.Unknown).Values(jen.Dict{
					jen.Id("Type"): typeExpr,
					jen.Id("Raw"):  jen.Append(jen.Qual(pkgJSON, "RawMessage").Parens(jen.Nil()), jen.Id("data").Op("...")),
				}), jen.Nil()),
			)
		})
		g.List(jen.Id("parsed"), jen.Err()).Op(":=").Id("hkParseEvent").Call(jen.Id("ev"), jen.Id("data"))
		g.If(jen.Id("parsed").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
		g.Return(jen.Id("parsed").Assert(jen.Id("Event")), jen.Err())
	})
}

// genHandlers prints the typed handlers and Dispatch.
func genHandlers(f *jen.File, pkg *model.Package) {
	r := pkg.Router
	ctx := jen.Qual(pkgContext, "Context")
	f.Comment(comment("Handlers routes events to typed functions, without reflection. Set the fields for the events you handle; Dispatch returns ErrNoHandler for the others."))
	f.Type().Id("Handlers").StructFunc(func(g *jen.Group) {
		for _, ev := range r.Events {
			g.Comment(fmt.Sprintf("%s handles %s events.", ev.Root.Name, ev.Type))
			g.Id(ev.Root.Name).Func().Params(ctx.Clone(), jen.Op("*").Id(ev.Root.Name)).Error()
		}
		g.Comment("Unknown handles events of types the schemas do not know.")
		g.Id("Unknown").Func().Params(ctx.Clone(), jen.Op("*").Id(r.Unknown)).Error()
	})
	f.Comment("// ErrNoHandler is returned (wrapped) by Dispatch and Handle for an event whose handler is not set.")
	f.Var().Id("ErrNoHandler").Op("=").Qual("errors", "New").Call(jen.Lit("no handler set"))
	f.Comment(comment("Dispatch parses data (see Parse) and calls the handler of its event with it. It returns Parse's error for a payload that is malformed or breaks its schema, without calling any handler; ErrNoHandler (wrapped) when the event's handler is not set; otherwise what the handler returns."))
	f.Func().Params(jen.Id("h").Op("*").Id("Handlers")).Id("Dispatch").Params(jen.Id("ctx").Add(ctx.Clone()), jen.Id("data").Index().Byte()).Error().Block(
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("Parse").Call(jen.Id("data")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Return(jen.Id("h").Dot("Handle").Call(jen.Id("ctx"), jen.Id("ev"))),
	)
	f.Comment(comment("Handle calls the handler of an event that is already parsed (and, say, stored)."))
	f.Func().Params(jen.Id("h").Op("*").Id("Handlers")).Id("Handle").Params(jen.Id("ctx").Add(ctx.Clone()), jen.Id("ev").Id("Event")).Error().Block(
		jen.Switch(jen.Id("ev").Op(":=").Id("ev").Assert(jen.Type())).BlockFunc(func(g *jen.Group) {
			for _, ev := range r.Events {
				g.Case(jen.Op("*").Id(ev.Root.Name)).Block(
					jen.If(jen.Id("h").Dot(ev.Root.Name).Op("==").Nil()).Block(
						jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(pkg.Name+": %w for "+ev.Type), jen.Id("ErrNoHandler"))),
					),
					jen.Return(jen.Id("h").Dot(ev.Root.Name).Call(jen.Id("ctx"), jen.Id("ev"))),
				)
			}
			g.Case(jen.Op("*").Id(r.Unknown)).Block(
				jen.If(jen.Id("h").Dot("Unknown").Op("==").Nil()).Block(
					jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(pkg.Name+": %w for unknown event type %q"), jen.Id("ErrNoHandler"), jen.Id("ev").Dot("Type"))),
				),
				jen.Return(jen.Id("h").Dot("Unknown").Call(jen.Id("ctx"), jen.Id("ev"))),
			)
		}),
		jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(pkg.Name+": %w for %T"), jen.Id("ErrNoHandler"), jen.Id("ev"))),
	)
}
