package emit

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

const pkgContext = "context"

// genRouter prints the event API of a package:
//
//	type EventType string
//	const EventMessageReceived EventType = "message.received"
//	type Event interface { EventType() EventType; isEvent() }
//	type UnknownEvent struct { Type EventType; Raw json.RawMessage }
//	func Parse(data []byte) (Event, error)                      // body-routed providers
//	func ParseRequest(h http.Header, body []byte) (Event, error) // every provider
//	func ParseAs(eventType EventType, data []byte) (Event, error) // every provider
//	type Handlers struct { MessageReceived func(context.Context, *MessageReceived) error; ... }
//	func (h *Handlers) Dispatch(ctx context.Context, data []byte) error
func genRouter(pkg *model.Package) *jen.File {
	r := pkg.Router
	f := newFile(pkg, "")
	typeWords := typeWords(r)

	f.Comment(comment(fmt.Sprintf("%s is the type of an event: %s. The constants below are the types the schemas know; an UnknownEvent carries any other.", r.TypeName, typeWords)))
	f.Type().Id(r.TypeName).String()
	f.Comment(fmt.Sprintf("// Event types: %s.", typeWords))
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, ev := range r.Events {
			g.Id(ev.Const).Id(r.TypeName).Op("=").Lit(ev.Type)
		}
	})

	var variants []string
	for _, ev := range r.Events {
		variants = append(variants, "*"+ev.Root.Name)
	}
	f.Comment(comment(fmt.Sprintf("Event is one webhook event of %s: %s, or *%s for an event type the schemas do not know. Get one from ParseRequest and tell them apart with a type switch.", pkg.Title, strings.Join(variants, ", "), r.Unknown)))
	f.Type().Id("Event").Interface(
		jen.Comment("EventType is the event's type: one of the Event constants, or the type an UnknownEvent carries."),
		jen.Id("EventType").Params().Id(r.TypeName),
		jen.Id("isEvent").Params(),
	)

	f.Comment(comment(fmt.Sprintf("%s is an event whose type the schemas do not know, such as one the provider added after they were written. ParseRequest returns it without error, so a new event type never breaks a receiver; Raw keeps the payload as received.", r.Unknown)))
	f.Type().Id(r.Unknown).Struct(
		jen.Comment(fmt.Sprintf("Type is the event type: %s.", typeWords)),
		jen.Id("Type").Id(r.TypeName),
		jen.Comment("Raw is the payload as received."),
		jen.Id("Raw").Qual(pkgJSON, "RawMessage"),
	)
	f.Comment("// EventType returns the type the payload carries.")
	f.Func().Params(jen.Id("u").Op("*").Id(r.Unknown)).Id("EventType").Params().Id(r.TypeName).Block(jen.Return(jen.Id("u").Dot("Type")))
	f.Func().Params(jen.Op("*").Id(r.Unknown)).Id("isEvent").Params().Block()
	f.Comment("// MarshalJSON returns the payload as received.")
	f.Func().Params(jen.Id("u").Op("*").Id(r.Unknown)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.If(jen.Len(jen.Id("u").Dot("Raw")).Op("==").Lit(0)).Block(jen.Return(jen.Index().Byte().Parens(jen.Lit("null")), jen.Nil())),
		jen.Return(jen.Id("u").Dot("Raw"), jen.Nil()),
	)

	switch {
	case r.Header != "":
		genParseHeader(f, pkg)
	case r.Endpoints:
		genParseEndpoint(f, pkg)
	default:
		genParse(f, pkg)
		f.Comment(comment(fmt.Sprintf("ParseRequest reads a webhook request of %s: the event is named by the body, so it is Parse(body); the headers are not read. It exists for every provider, so a receiver serving several needs no case for each.", pkg.Title)))
		f.Func().Id("ParseRequest").Params(jen.Id("h").Qual(pkgHTTP, "Header"), jen.Id("body").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
			jen.Return(jen.Id("Parse").Call(jen.Id("body"))),
		)
	}
	genParseAs(f, pkg)
	genHandlers(f, pkg)
	return f
}

const pkgHTTP = "net/http"

// typeWords says what an event type is made of, for comments.
func typeWords(r *model.Router) string {
	disc := strings.Join(r.Discriminator, " + ")
	switch {
	case r.Header != "" && disc != "":
		return fmt.Sprintf("the %s header, then, where that event has one, \".\" and the values of %s, joined with \".\"", r.Header, disc)
	case r.Header != "":
		return fmt.Sprintf("the value of the %s header", r.Header)
	case r.Endpoints:
		return "the names of the schema files, one per endpoint"
	case len(r.Discriminator) > 1:
		return fmt.Sprintf("the values of %s, joined with \".\"", disc)
	default:
		return fmt.Sprintf("the value of %s", disc)
	}
}

// genBodyRouting prints the peek at the discriminator and the switch on
// its values, returning the event (or an UnknownEvent whose type is
// prefix followed by the values). prefix is nil for body-routed providers,
// the header's value within a header group.
func genBodyRouting(g *jen.Group, pkg *model.Package, routes []*model.Route, prefix jen.Code) {
	r := pkg.Router
	g.Id("d").Op(":=").Id(hkDecoder).Values(jen.Dict{jen.Id(decData): jen.Id("data")})
	g.If(jen.Id("d").Dot(decPeek).Call().Op("!=").Id(hkObject)).Block(
		jen.If(jen.Err().Op(":=").Id(hkWellFormed).Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(pkg.Name+": the payload is not a JSON object"))),
	)
	if len(r.Discriminator) == 1 {
		key := r.Discriminator[0]
		g.List(jen.Id("v0"), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot(decPeekPath).Call(jen.Lit(key))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
		g.If(jen.Op("!").Id("ok")).Block(
			jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(fmt.Sprintf("%s: the payload has no string %q, which names the event", pkg.Name, key)))),
		)
	} else {
		// Several members name the event: find them all in one scan.
		var keys []jen.Code
		for _, key := range r.Discriminator {
			keys = append(keys, jen.Lit(key))
		}
		// They often follow the payload: try reading them backward from
		// the end first.
		g.Var().Id("vals").Index(jen.Lit(len(r.Discriminator))).Index().Byte()
		g.If(jen.Op("!").Id("d").Dot(decPeekTail).Call(jen.Index().String().Values(keys...), jen.Id("vals").Index(jen.Empty(), jen.Empty()))).Block(
			jen.Id("vals").Op("=").Index(jen.Lit(len(r.Discriminator))).Index().Byte().Values(),
			jen.If(jen.Err().Op(":=").Id("d").Dot(decPeekMembers).Call(jen.Index().String().Values(keys...), jen.Id("vals").Index(jen.Empty(), jen.Empty())), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		)
		for i, key := range r.Discriminator {
			g.If(jen.Id("vals").Index(jen.Lit(i)).Op("==").Nil()).Block(
				jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(fmt.Sprintf("%s: the payload has no string %q, which names the event", pkg.Name, key)))),
			)
			g.Id(fmt.Sprintf("v%d", i)).Op(":=").Id("vals").Index(jen.Lit(i))
		}
	}
	g.Switch().BlockFunc(func(sw *jen.Group) {
		for _, rt := range routes {
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
					c.Return(jen.Id(rt.Event.ParseFunc).Call(jen.Id("data")))
					return
				}
				var path []jen.Code
				for _, p := range rt.Path {
					path = append(path, jen.Lit(p))
				}
				c.Comment(fmt.Sprintf("Several events carry these values; %s tells them apart.", "/"+strings.Join(rt.Path, "/")))
				c.List(jen.Id("w"), jen.Id("_"), jen.Err()).Op(":=").Id("d").Dot(decPeekPath).Call(path...)
				c.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
				c.Switch(jen.String().Parens(jen.Id("w"))).BlockFunc(func(in *jen.Group) {
					for _, ch := range rt.Choices {
						in.Case(jen.Lit(ch.Value)).Block(jen.Return(jen.Id(ch.Event.ParseFunc).Call(jen.Id("data"))))
					}
					in.Default().Block(jen.Return(jen.Id(rt.Fallback.ParseFunc).Call(jen.Id("data"))))
				})
			})
		}
		var parts []jen.Code
		if prefix != nil {
			parts = append(parts, prefix, jen.Lit("."))
		}
		for i := range r.Discriminator {
			if i > 0 {
				parts = append(parts, jen.Lit("."))
			}
			parts = append(parts, jen.String().Parens(jen.Id(fmt.Sprintf("v%d", i))))
		}
		typeExpr := jen.Add(parts[0])
		for _, p := range parts[1:] {
			typeExpr = typeExpr.Op("+").Add(p)
		}
		sw.Default().Block(unknown(r, typeExpr)...)
	})
}

// unknown returns the statements answering an event type the schemas do
// not know: the raw payload, if it is JSON.
func unknown(r *model.Router, typeExpr jen.Code) []jen.Code {
	return []jen.Code{
		jen.If(jen.Err().Op(":=").Id(hkWellFormed).Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id(r.Unknown).Values(jen.Dict{
			jen.Id("Type"): jen.Id(r.TypeName).Parens(typeExpr),
			jen.Id("Raw"):  jen.Append(jen.Qual(pkgJSON, "RawMessage").Parens(jen.Nil()), jen.Id("data").Op("...")),
		}), jen.Nil()),
	}
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
		genBodyRouting(g, pkg, r.Routes, nil)
	})
}

// genParseHeader prints ParseRequest for a provider that names the event
// in a header: a switch on the header's value, then, within a value whose
// events the body tells apart, the body routing of Parse.
func genParseHeader(f *jen.File, pkg *model.Package) {
	r := pkg.Router
	body := ""
	if len(r.Discriminator) > 0 {
		body = fmt.Sprintf(", and where several events share a value, %s in the body", strings.Join(r.Discriminator, " + "))
	}
	f.Comment(comment(fmt.Sprintf(`ParseRequest reads a webhook request of %s. It finds the event type from the %s header%s, decodes the body into that event's type and validates it.

  - A body that breaks its schema comes back as the event together with a *ValidationError listing every violation; do not act on it.
  - An event type the schemas do not know comes back as *%s with a nil error.
  - A request without the header, malformed JSON, or a body without what names the event, is an error and no event.`, pkg.Title, r.Header, body, r.Unknown)))
	f.Func().Id("ParseRequest").Params(jen.Id("h").Qual(pkgHTTP, "Header"), jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).BlockFunc(func(g *jen.Group) {
		// The canonical spelling: Get then finds it without allocating.
		g.Id("name").Op(":=").Id("h").Dot("Get").Call(jen.Lit(http.CanonicalHeaderKey(r.Header)))
		g.If(jen.Id("name").Op("==").Lit("")).Block(
			jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(fmt.Sprintf("%s: the request has no %s header, which names the event", pkg.Name, r.Header)))),
		)
		g.Switch(jen.Id("name")).BlockFunc(func(sw *jen.Group) {
			for _, grp := range r.Groups {
				if grp.Event != nil {
					sw.Case(jen.Lit(grp.Value)).Block(jen.Return(jen.Id(grp.Event.ParseFunc).Call(jen.Id("data"))))
					continue
				}
				sw.Case(jen.Lit(grp.Value)).Block(jen.Return(jen.Id(grp.Func).Call(jen.Id("data"))))
			}
		})
		for _, c := range unknown(r, jen.Id("name")) {
			g.Add(c)
		}
	})
	for _, grp := range r.Groups {
		if grp.Event != nil {
			continue
		}
		f.Comment(fmt.Sprintf("// %s tells apart the events of %s %s by the body.", grp.Func, r.Header, grp.Value))
		f.Func().Id(grp.Func).Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).BlockFunc(func(g *jen.Group) {
			genBodyRouting(g, pkg, grp.Routes, jen.Lit(grp.Value))
		})
	}
}

// genParseEndpoint prints ParseRequest for a provider whose requests do
// not say which event they are: each schema is received at its own
// endpoint, which the caller names with ParseAs.
func genParseEndpoint(f *jen.File, pkg *model.Package) {
	r := pkg.Router
	if len(r.Events) == 1 {
		ev := r.Events[0]
		f.Comment(comment(fmt.Sprintf("ParseRequest reads a webhook request of %s: its only endpoint receives %s, so the body is decoded into *%s and validated; the headers are not read. A body that breaks its schema comes back with a *ValidationError listing every violation.", pkg.Title, ev.Type, ev.Root.Name)))
		f.Func().Id("ParseRequest").Params(jen.Id("h").Qual(pkgHTTP, "Header"), jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
			jen.Return(jen.Id(ev.ParseFunc).Call(jen.Id("data"))),
		)
		return
	}
	var names []string
	for _, ev := range r.Events {
		names = append(names, ev.Const)
	}
	f.Comment(comment(fmt.Sprintf("ParseRequest cannot tell which event a request of %s is: nothing in its requests names the event, each is received at an endpoint of its own. It returns ErrEndpoint; call ParseAs with the endpoint's event type (%s) instead.", pkg.Title, strings.Join(names, ", "))))
	f.Func().Id("ParseRequest").Params(jen.Id("h").Qual(pkgHTTP, "Header"), jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Return(jen.Nil(), jen.Id("ErrEndpoint")),
	)
	f.Comment(comment(fmt.Sprintf("ErrEndpoint is ParseRequest's answer: the requests of %s do not name their event; the endpoint does, and ParseAs takes it.", pkg.Title)))
	f.Var().Id("ErrEndpoint").Op("=").Qual("errors", "New").Call(jen.Lit(pkg.Name + ": the request does not name its event; call ParseAs with the endpoint's event type"))
}

// genParseAs prints ParseAs: decode and validate as a named event, for an
// endpoint that receives one event, or an event stored with its type.
func genParseAs(f *jen.File, pkg *model.Package) {
	r := pkg.Router
	f.Comment(comment(fmt.Sprintf("ParseAs decodes data as the event of the given type (one of the Event constants) and validates it, without looking for what names the event: for an endpoint that receives one event, or an event stored with its type. A payload that breaks its schema comes back as the event together with a *ValidationError; a type this package does not know is an error.")))
	f.Func().Id("ParseAs").Params(jen.Id("eventType").Id(r.TypeName), jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Switch(jen.Id("eventType")).BlockFunc(func(sw *jen.Group) {
			for _, ev := range r.Events {
				sw.Case(jen.Id(ev.Const)).Block(jen.Return(jen.Id(ev.ParseFunc).Call(jen.Id("data"))))
			}
		}),
		jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(pkg.Name+": no event type %q"), jen.Id("eventType"))),
	)
}

// genEventMethods prints what makes a root type an event, in the file of
// its schema: EventType, the seal, and its typed decoder.
func genEventMethods(f *jen.File, r *model.Router, ev *model.Event) {
	f.Comment(fmt.Sprintf("// EventType returns %s.", ev.Const))
	f.Func().Params(jen.Op("*").Id(ev.Root.Name)).Id("EventType").Params().Id(r.TypeName).Block(jen.Return(jen.Id(ev.Const)))
	f.Func().Params(jen.Op("*").Id(ev.Root.Name)).Id("isEvent").Params().Block()
	genParseEvent(f, ev)
}

// genParseEvent prints the decoder of one event: typed calls all the way,
// so the decoder stays on the stack.
func genParseEvent(f *jen.File, ev *model.Event) {
	f.Func().Id(ev.ParseFunc).Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Id("v").Op(":=").New(jen.Id(ev.Root.Name)),
		jen.Id("d").Op(":=").Id(hkDecoder).Values(jen.Dict{jen.Id(decData): jen.Id("data")}),
		jen.If(jen.Err().Op(":=").Id("v").Dot(valueDecodeJSON).Call(jen.Op("&").Id("d"), jen.Nil()), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.If(jen.Err().Op(":=").Id("d").Dot(membersEnd).Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("v").Dot(valueValidate).Call(jen.Op("&").Id("d").Dot(decErrs), jen.Nil()),
		jen.If(jen.Err().Op(":=").Id("d").Dot(decErrs).Dot(errsErr).Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("v"), jen.Err())),
		jen.Return(jen.Id("v"), jen.Nil()),
	)
}

// genHandlers prints the typed handlers and Dispatch.
func genHandlers(f *jen.File, pkg *model.Package) {
	r := pkg.Router
	ctx := jen.Qual(pkgContext, "Context")
	f.Comment(comment("Handlers routes events to typed functions, without reflection. Set the fields for the events you handle; Dispatch returns ErrNoHandler for the others."))
	f.Type().Id("Handlers").StructFunc(func(g *jen.Group) {
		for _, ev := range r.Events {
			g.Comment(lineComment(fmt.Sprintf("%s handles %s events.", ev.Root.Name, ev.Type)))
			g.Id(ev.Root.Name).Func().Params(ctx.Clone(), jen.Op("*").Id(ev.Root.Name)).Error()
		}
		g.Comment("Unknown handles events of types the schemas do not know.")
		g.Id("Unknown").Func().Params(ctx.Clone(), jen.Op("*").Id(r.Unknown)).Error()
	})
	f.Comment("// ErrNoHandler is returned (wrapped) by Dispatch and Handle for an event whose handler is not set.")
	f.Var().Id("ErrNoHandler").Op("=").Qual("errors", "New").Call(jen.Lit("no handler set"))
	dispatch := func(name, doc string, params []jen.Code, call jen.Code) {
		f.Comment(comment(doc))
		f.Func().Params(jen.Id("h").Op("*").Id("Handlers")).Id(name).Params(append([]jen.Code{jen.Id("ctx").Add(ctx.Clone())}, params...)...).Error().Block(
			jen.List(jen.Id("ev"), jen.Err()).Op(":=").Add(call),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(jen.Id("h").Dot("Handle").Call(jen.Id("ctx"), jen.Id("ev"))),
		)
	}
	if r.Header == "" && !r.Endpoints {
		dispatch("Dispatch", "Dispatch parses data (see Parse) and calls the handler of its event with it. It returns Parse's error for a payload that is malformed or breaks its schema, without calling any handler; ErrNoHandler (wrapped) when the event's handler is not set; otherwise what the handler returns.",
			[]jen.Code{jen.Id("data").Index().Byte()}, jen.Id("Parse").Call(jen.Id("data")))
	}
	dispatch("DispatchRequest", "DispatchRequest parses a request (see ParseRequest) and calls the handler of its event with it. It returns ParseRequest's error for a request that is malformed or breaks its schema, without calling any handler; ErrNoHandler (wrapped) when the event's handler is not set; otherwise what the handler returns.",
		[]jen.Code{jen.Id("header").Qual(pkgHTTP, "Header"), jen.Id("body").Index().Byte()}, jen.Id("ParseRequest").Call(jen.Id("header"), jen.Id("body")))
	dispatch("DispatchAs", "DispatchAs parses data as the event of the given type (see ParseAs) and calls its handler, as DispatchRequest does.",
		[]jen.Code{jen.Id("eventType").Id(r.TypeName), jen.Id("data").Index().Byte()}, jen.Id("ParseAs").Call(jen.Id("eventType"), jen.Id("data")))
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
