package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// ExamplesFile holds the golden tests and benchmarks of the examples.
const ExamplesFile = "hookgen_examples_gen_test.go"

// DocExampleFile holds the runnable examples shown by go doc.
const DocExampleFile = "hookgen_example_gen_test.go"

// genExamplesTest prints, for every example of the provider, a golden test:
// a valid one is parsed (routed to the event its file names), validated,
// re-encoded and compared with testdata/<name>.golden.json (-update
// rewrites those); an invalid one must fail at exactly its pointers.
func genExamplesTest(pkg *model.Package) *jen.File {
	f := newFile(pkg, "")
	f.Comment("// hkUpdate rewrites the golden files: go test -run TestExamples -update")
	f.Var().Id("hkUpdate").Op("=").Qual("flag", "Bool").Call(jen.Lit("update"), jen.False(), jen.Lit("rewrite the golden files in testdata/"))
	f.Comment(comment(fmt.Sprintf("hkTestdata is the test data of %s, relative to this package.", pkg.Provider)))
	f.Const().Id("hkTestdata").Op("=").Lit(pkg.Testdata)

	decoder := func(ex model.Example) jen.Code {
		if ex.Event != nil {
			return jen.Func().Params(jen.Id("data").Index().Byte()).Params(jen.Any(), jen.Error()).Block(
				jen.List(jen.Id("ev"), jen.Err()).Op(":=").Add(parseExpr(pkg, ex.Event, jen.Id("data"))),
				jen.Return(jen.Id("ev"), jen.Err()),
			)
		}
		return jen.Func().Params(jen.Id("data").Index().Byte()).Params(jen.Any(), jen.Error()).Block(
			jen.Id("v").Op(":=").New(jen.Id(ex.Schema.Type.Name)),
			jen.Return(jen.Id("v"), jen.Id(hkCheck).Call(jen.Id("v"), jen.Id("data"))),
		)
	}
	f.Comment("// hkValidExamples must parse, route to their event, validate and re-encode as their golden file.")
	eventType := jen.String()
	if pkg.Router != nil {
		eventType = jen.Id(pkg.Router.TypeName)
	}
	f.Var().Id("hkValidExamples").Op("=").Index().Struct(
		jen.Id("file").String(),
		jen.Id("event").Add(eventType),
		jen.Id("decode").Func().Params(jen.Index().Byte()).Params(jen.Any(), jen.Error()),
	).ValuesFunc(func(g *jen.Group) {
		for _, ex := range pkg.Examples {
			if !ex.Valid {
				continue
			}
			var event jen.Code = jen.Lit("")
			if ex.Event != nil {
				event = jen.Id(ex.Event.Const)
			}
			g.Values(jen.Lit(ex.File), event, decoder(ex))
		}
	})
	f.Comment("// hkInvalidExamples must fail validation against their schema at exactly these pointers.")
	f.Var().Id("hkInvalidExamples").Op("=").Index().Struct(
		jen.Id("file").String(),
		jen.Id("schema").String(),
		jen.Id("want").Index().String(),
	).ValuesFunc(func(g *jen.Group) {
		for _, ex := range pkg.Examples {
			if ex.Valid {
				continue
			}
			g.Values(jen.Lit(ex.File), jen.Lit(ex.Schema.Schema), jen.Index().String().ValuesFunc(func(w *jen.Group) {
				for _, p := range ex.Want {
					w.Lit(p)
				}
			}))
		}
	})

	f.Func().Id("hkReadExample").Params(jen.Id("t").Qual("testing", "TB"), jen.Id("file").String()).Index().Byte().Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("os", "ReadFile").Call(jen.Qual("path/filepath", "Join").Call(jen.Id("hkTestdata"), jen.Id("file"))),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
		jen.Return(jen.Id("data")),
	)

	genDiff(f)

	f.Comment(comment(fmt.Sprintf("TestExamples checks every example payload of %s.", pkg.Provider)))
	f.Func().Id("TestExamples").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("ex")).Op(":=").Range().Id("hkValidExamples")).Block(
			jen.Id("t").Dot("Run").Call(jen.Id("ex").Dot("file"), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
				jen.Id("data").Op(":=").Id("hkReadExample").Call(jen.Id("t"), jen.Id("ex").Dot("file")),
				jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("ex").Dot("decode").Call(jen.Id("data")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("parsing: %v"), jen.Err())),
				routeCheck(pkg),
				jen.If(jen.Err().Op(":=").Id("v").Assert(jen.Interface(jen.Id("Validate").Params().Error())).Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
					jen.Id("t").Dot("Fatalf").Call(jen.Lit("validating: %v"), jen.Err()),
				),
				jen.List(jen.Id("got"), jen.Err()).Op(":=").Qual(pkgJSON, "MarshalIndent").Call(jen.Id("v"), jen.Lit(""), jen.Lit("  ")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("re-encoding: %v"), jen.Err())),
				jen.Id("got").Op("=").Append(jen.Id("got"), jen.LitByte('\n')),
				jen.Id("golden").Op(":=").Qual("path/filepath", "Join").Call(jen.Lit("testdata"), jen.Qual("strings", "TrimSuffix").Call(jen.Qual("strings", "TrimPrefix").Call(jen.Id("ex").Dot("file"), jen.Lit("valid/")), jen.Lit(".json")).Op("+").Lit(".golden.json")),
				jen.If(jen.Op("*").Id("hkUpdate")).Block(
					jen.If(jen.Err().Op(":=").Qual("os", "MkdirAll").Call(jen.Qual("path/filepath", "Dir").Call(jen.Id("golden")), jen.Lit(0o755)), jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
					jen.If(jen.Err().Op(":=").Qual("os", "WriteFile").Call(jen.Id("golden"), jen.Id("got"), jen.Lit(0o644)), jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
					jen.Return(),
				),
				jen.List(jen.Id("want"), jen.Err()).Op(":=").Qual("os", "ReadFile").Call(jen.Id("golden")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("%v (go test -run TestExamples -update writes it)"), jen.Err())),
				jen.If(jen.String().Parens(jen.Id("got")).Op("!=").String().Parens(jen.Id("want"))).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("re-encoded payload differs from %s (go test -run TestExamples -update rewrites it):\n%s"), jen.Id("golden"), jen.Id("hkDiff").Call(jen.String().Parens(jen.Id("want")), jen.String().Parens(jen.Id("got")))),
				),
			)),
		),
		jen.For(jen.List(jen.Id("_"), jen.Id("ex")).Op(":=").Range().Id("hkInvalidExamples")).Block(
			jen.Id("t").Dot("Run").Call(jen.Id("ex").Dot("file"), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
				jen.Err().Op(":=").Id("ValidateJSON").Call(jen.Id("ex").Dot("schema"), jen.Id("hkReadExample").Call(jen.Id("t"), jen.Id("ex").Dot("file"))),
				jen.Var().Id("ve").Op("*").Id(rtValidationError),
				jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("ve"))).Block(
					jen.Id("t").Dot("Fatalf").Call(jen.Lit("got %v, want violations at %q"), jen.Err(), jen.Id("ex").Dot("want")),
				),
				jen.Var().Id("got").Index().String(),
				jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Id("ve").Dot(veViolations)).Block(
					jen.If(jen.Op("!").Qual("slices", "Contains").Call(jen.Id("got"), jen.Id("v").Dot(violPointer))).Block(
						jen.Id("got").Op("=").Append(jen.Id("got"), jen.Id("v").Dot(violPointer)),
					),
				),
				jen.Qual("slices", "Sort").Call(jen.Id("got")),
				jen.If(jen.Op("!").Qual("slices", "Equal").Call(jen.Id("got"), jen.Id("ex").Dot("want"))).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("violations at %q, want %q:\n%v"), jen.Id("got"), jen.Id("ex").Dot("want"), jen.Err()),
				),
			)),
		),
	)
	genBenchmarks(f, pkg)
	return f
}

// routeCheck prints the check that an event example routed to its
// event; nothing for a package without events (it has no Event type).
func routeCheck(pkg *model.Package) jen.Code {
	if pkg.Router == nil {
		return jen.Null()
	}
	return jen.If(jen.Id("ex").Dot("event").Op("!=").Lit("")).Block(
		jen.If(jen.Id("got").Op(":=").Id("v").Assert(jen.Id("Event")).Dot("EventType").Call(), jen.Id("got").Op("!=").Id("ex").Dot("event")).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("routed to %s, but the file is an example of %s"), jen.Id("got"), jen.Id("ex").Dot("event")),
		),
	)
}

// parseExpr is how a receiver parses a payload of ev: Parse for a
// body-routed provider, ParseRequest with the event's header for a
// header-routed one, ParseAs for one routed by endpoint.
func parseExpr(pkg *model.Package, ev *model.Event, data jen.Code) jen.Code {
	r := pkg.Router
	switch {
	case r.Header != "":
		return jen.Id("ParseRequest").Call(headerLit(r.Header, ev.Header), data)
	case r.Endpoints:
		return jen.Id("ParseAs").Call(jen.Id(ev.Const), data)
	}
	return jen.Id("Parse").Call(data)
}

// headerLit prints http.Header{"X-Github-Event": {"push"}}.
func headerLit(name, value string) jen.Code {
	return jen.Qual(pkgHTTP, "Header").Values(jen.Dict{jen.Lit(http.CanonicalHeaderKey(name)): jen.Values(jen.Lit(value))})
}

// peekCalls prints the discriminator peek of Parse, for the benchmark.
func peekCalls(pkg *model.Package) []jen.Code {
	if len(pkg.Router.Discriminator) == 1 {
		key := pkg.Router.Discriminator[0]
		return []jen.Code{jen.If(jen.List(jen.Id("_"), jen.Id("ok"), jen.Id("_")).Op(":=").Id("d").Dot(decPeekPath).Call(jen.Lit(key)), jen.Op("!").Id("ok")).Block(
			jen.Id("tb").Dot("Fatal").Call(jen.Lit("no " + key)),
		)}
	}
	var keys []jen.Code
	for _, key := range pkg.Router.Discriminator {
		keys = append(keys, jen.Lit(key))
	}
	return []jen.Code{
		jen.Var().Id("vals").Index(jen.Lit(len(keys))).Index().Byte(),
		jen.If(jen.Op("!").Id("d").Dot(decPeekTail).Call(jen.Index().String().Values(keys...), jen.Id("vals").Index(jen.Empty(), jen.Empty()))).Block(
			jen.If(jen.Err().Op(":=").Id("d").Dot(decPeekMembers).Call(jen.Index().String().Values(keys...), jen.Id("vals").Index(jen.Empty(), jen.Empty())), jen.Err().Op("!=").Nil().Op("||").Id("vals").Index(jen.Lit(len(keys)-1)).Op("==").Nil()).Block(
				jen.Id("tb").Dot("Fatal").Call(jen.Lit("no discriminator")),
			),
		),
	}
}

// genBenchmarks prints the discriminator peek, Parse and encoding/json
// into map[string]any on the same payload, to be run side by side.
func genBenchmarks(f *jen.File, pkg *model.Package) {
	ex := pkg.Typical
	if ex == nil {
		return
	}
	f.Comment(comment(fmt.Sprintf("hkTypical is the payload of the benchmarks: the largest event example of %s.", pkg.Provider)))
	f.Const().Id("hkTypical").Op("=").Lit(ex.File)
	bench := func(name, doc string, body ...jen.Code) {
		f.Comment("// " + name + " " + doc)
		f.Func().Id(name).Params(jen.Id("b").Op("*").Qual("testing", "B")).Block(append([]jen.Code{
			jen.Id("data").Op(":=").Id("hkReadExample").Call(jen.Id("b"), jen.Id("hkTypical")),
			jen.Id("b").Dot("SetBytes").Call(jen.Int64().Parens(jen.Len(jen.Id("data")))),
			jen.Id("b").Dot("ReportAllocs").Call(),
		}, jen.For(jen.Id("b").Dot("Loop").Call()).Block(body...))...)
	}
	defer func() {
		bench("BenchmarkParse", "finds the event type, decodes into the event's type and validates.",
			jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(parseExpr(pkg, ex.Event, jen.Id("data"))), jen.Err().Op("!=").Nil()).Block(jen.Id("b").Dot("Fatal").Call(jen.Err())))
		bench("BenchmarkEncodingJSONMap", "decodes the same payload with encoding/json into map[string]any, for comparison.",
			jen.Var().Id("m").Map(jen.String()).Any(),
			jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("m")), jen.Err().Op("!=").Nil()).Block(jen.Id("b").Dot("Fatal").Call(jen.Err())))
	}()
	if len(pkg.Router.Discriminator) == 0 || pkg.Router.Header != "" {
		return // the body alone does not name the event: nothing to peek at
	}
	f.Comment("// hkPeek finds the event type the way Parse does.")
	f.Func().Id("hkPeek").Params(jen.Id("tb").Qual("testing", "TB"), jen.Id("data").Index().Byte()).BlockFunc(func(g *jen.Group) {
		g.Id("d").Op(":=").Id(hkDecoder).Values(jen.Dict{jen.Id(decData): jen.Id("data")})
		for _, c := range peekCalls(pkg) {
			g.Add(c)
		}
	})
	f.Comment("// TestPeekDoesNotAllocate: finding the event type costs no allocation (a count, not a timing).")
	f.Func().Id("TestPeekDoesNotAllocate").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
		jen.Id("data").Op(":=").Id("hkReadExample").Call(jen.Id("t"), jen.Id("hkTypical")),
		jen.If(jen.Id("n").Op(":=").Qual("testing", "AllocsPerRun").Call(jen.Lit(100), jen.Func().Params().Block(jen.Id("hkPeek").Call(jen.Id("t"), jen.Id("data")))), jen.Id("n").Op("!=").Lit(0)).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("the discriminator peek allocates %v times"), jen.Id("n")),
		),
	)
	bench("BenchmarkPeek", "finds the event type without decoding.", jen.Id("hkPeek").Call(jen.Id("b"), jen.Id("data")))
}

// genDocExample prints ExampleParse and ExampleHandlers_Dispatch, with
// the typical example's payload inlined and their output checked.
func genDocExample(pkg *model.Package) (*jen.File, error) {
	ex := pkg.Typical
	if ex == nil {
		return nil, nil
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, ex.Data); err != nil {
		return nil, fmt.Errorf("%s: %w", ex.File, err)
	}
	if !plain(ex.Event.Type) || strings.TrimSpace(ex.Event.Type) != ex.Event.Type || ex.Event.Type == "" {
		// The examples' Output comments compare printed lines: an event
		// type a comment cannot show as printed gets no example.
		return nil, nil
	}
	name := ex.Event.Root.Name
	payload := stringLit(compact.String())
	r := pkg.Router
	f := newFile(pkg, "")
	parse, doc := "ExampleParse", "// Parse a payload and tell the events apart with a type switch."
	switch {
	case r.Header != "":
		parse, doc = "ExampleParseRequest", "// Parse a request (its headers and body) and tell the events apart with a type switch."
	case r.Endpoints:
		parse, doc = "ExampleParseAs", "// Parse the payload an endpoint received and tell the events apart with a type switch."
	}
	f.Comment(doc)
	f.Func().Id(parse).Params().Block(
		jen.Id("payload").Op(":=").Index().Byte().Parens(payload),
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Add(parseExpr(pkg, ex.Event, jen.Id("payload"))),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Qual("fmt", "Println").Call(jen.Lit("rejected:"), jen.Err()),
			jen.Return(),
		),
		jen.Switch(jen.Id("ev").Op(":=").Id("ev").Assert(jen.Type())).Block(
			jen.Case(jen.Op("*").Id(name)).Block(jen.Qual("fmt", "Println").Call(jen.Lit(name+":"), jen.Id("ev").Dot("EventType").Call())),
			jen.Case(jen.Op("*").Id(r.Unknown)).Block(jen.Qual("fmt", "Println").Call(jen.Lit("an event type this package does not know:"), jen.Id("ev").Dot("Type"))),
			jen.Default().Block(jen.Qual("fmt", "Println").Call(jen.Lit("another event:"), jen.Id("ev").Dot("EventType").Call())),
		),
		jen.Comment(fmt.Sprintf("Output: %s: %s", name, ex.Event.Type)),
	)
	// A request of an event type this package does not know.
	var dispatchName string
	var known, unknownCall jen.Code
	switch {
	case r.Header != "":
		dispatchName = "ExampleHandlers_DispatchRequest"
		known = jen.Id("h").Dot("DispatchRequest").Call(jen.Id("ctx"), headerLit(r.Header, ex.Event.Header), jen.Index().Byte().Parens(payload))
		unknownCall = jen.Id("h").Dot("DispatchRequest").Call(jen.Id("ctx"), headerLit(r.Header, "not.a.known.event"), jen.Index().Byte().Parens(jen.Lit("{}")))
	case r.Endpoints:
		dispatchName = "ExampleHandlers_DispatchAs"
		known = jen.Id("h").Dot("DispatchAs").Call(jen.Id("ctx"), jen.Id(ex.Event.Const), jen.Index().Byte().Parens(payload))
	default:
		dispatchName = "ExampleHandlers_Dispatch"
		body := "{"
		for i, key := range r.Discriminator {
			if i > 0 {
				body += ","
			}
			body += fmt.Sprintf("%q:%q", key, "not.a.known.event")
		}
		body += "}"
		known = jen.Id("h").Dot("Dispatch").Call(jen.Id("ctx"), jen.Index().Byte().Parens(payload))
		unknownCall = jen.Id("h").Dot("Dispatch").Call(jen.Id("ctx"), jen.Index().Byte().Parens(jen.Op("`"+body+"`")))
	}
	f.Comment("// Dispatch payloads to typed handlers; an event without one is ErrNoHandler.")
	f.Func().Id(dispatchName).Params().BlockFunc(func(g *jen.Group) {
		g.Id("h").Op(":=").Op("&").Id("Handlers").Values(jen.Dict{
			jen.Id(name): jen.Func().Params(jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("ev").Op("*").Id(name)).Error().Block(
				jen.Qual("fmt", "Println").Call(jen.Lit("handled"), jen.Id("ev").Dot("EventType").Call()),
				jen.Return(jen.Nil()),
			),
		})
		g.Id("ctx").Op(":=").Qual(pkgContext, "Background").Call()
		g.If(jen.Err().Op(":=").Add(known), jen.Err().Op("!=").Nil()).Block(
			jen.Qual("fmt", "Println").Call(jen.Err()),
		)
		if unknownCall == nil {
			g.Comment(fmt.Sprintf("Output: handled %s", ex.Event.Type))
			return
		}
		g.Err().Op(":=").Add(unknownCall)
		g.Qual("fmt", "Println").Call(jen.Qual("errors", "Is").Call(jen.Err(), jen.Id("ErrNoHandler")))
		g.Comment(fmt.Sprintf("// Output:\n\t// handled %s\n\t// true", ex.Event.Type))
	})
	return f, nil
}

// genDiff prints hkDiff, which shows where a re-encoded payload differs
// from its golden file instead of printing the whole payload:
//
//	func hkDiff(want, got string) string
//
// The lines between the common start and the common end are printed, "-"
// from the golden file and "+" from the output, with a line of context
// each side.
func genDiff(f *jen.File) {
	line := func(prefix string, l jen.Code) jen.Code {
		return jen.Id("b").Dot("WriteString").Call(jen.Lit(prefix).Op("+").Add(l).Op("+").Lit("\n"))
	}
	n := func(s string) *jen.Statement { return jen.Len(jen.Id(s)) }
	f.Comment("// hkDiff shows where got differs from want, line by line: the lines between their common start and end, \"-\" from want and \"+\" from got.")
	f.Func().Id("hkDiff").Params(jen.List(jen.Id("want"), jen.Id("got")).String()).String().Block(
		jen.List(jen.Id("w"), jen.Id("g")).Op(":=").List(
			jen.Qual("strings", "Split").Call(jen.Id("want"), jen.Lit("\n")),
			jen.Qual("strings", "Split").Call(jen.Id("got"), jen.Lit("\n")),
		),
		jen.Id("i").Op(":=").Lit(0),
		jen.For(jen.Id("i").Op("<").Add(n("w")).Op("&&").Id("i").Op("<").Add(n("g")).Op("&&").Id("w").Index(jen.Id("i")).Op("==").Id("g").Index(jen.Id("i"))).Block(jen.Id("i").Op("++")),
		jen.Id("j").Op(":=").Lit(0),
		jen.For(jen.Id("j").Op("<").Add(n("w")).Op("-").Id("i").Op("&&").Id("j").Op("<").Add(n("g")).Op("-").Id("i").Op("&&").
			Id("w").Index(n("w").Op("-").Lit(1).Op("-").Id("j")).Op("==").Id("g").Index(n("g").Op("-").Lit(1).Op("-").Id("j"))).Block(jen.Id("j").Op("++")),
		jen.Var().Id("b").Qual("strings", "Builder"),
		jen.Qual("fmt", "Fprintf").Call(jen.Op("&").Id("b"), jen.Lit("@@ line %d @@\n"), jen.Id("i").Op("+").Lit(1)),
		jen.If(jen.Id("i").Op(">").Lit(0)).Block(line("  ", jen.Id("w").Index(jen.Id("i").Op("-").Lit(1)))),
		jen.For(jen.List(jen.Id("_"), jen.Id("l")).Op(":=").Range().Id("w").Index(jen.Id("i").Op(":").Add(n("w")).Op("-").Id("j"))).Block(line("- ", jen.Id("l"))),
		jen.For(jen.List(jen.Id("_"), jen.Id("l")).Op(":=").Range().Id("g").Index(jen.Id("i").Op(":").Add(n("g")).Op("-").Id("j"))).Block(line("+ ", jen.Id("l"))),
		jen.If(jen.Id("j").Op(">").Lit(0)).Block(line("  ", jen.Id("w").Index(n("w").Op("-").Id("j")))),
		jen.Return(jen.Id("b").Dot("String").Call()),
	)
}
