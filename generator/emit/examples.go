package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
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
				jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("Parse").Call(jen.Id("data")),
				jen.Return(jen.Id("ev"), jen.Err()),
			)
		}
		return jen.Func().Params(jen.Id("data").Index().Byte()).Params(jen.Any(), jen.Error()).Block(
			jen.Id("v").Op(":=").New(jen.Id(ex.Schema.Type.Name)),
			jen.Return(jen.Id("v"), jen.Id("hkCheck").Call(jen.Id("v"), jen.Id("data"))),
		)
	}
	f.Comment("// hkValidExamples must parse, route to their event, validate and re-encode as their golden file.")
	f.Var().Id("hkValidExamples").Op("=").Index().Struct(
		jen.Id("file").String(),
		jen.Id("event").String(),
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

	f.Comment(comment(fmt.Sprintf("TestExamples checks every example payload of %s.", pkg.Provider)))
	f.Func().Id("TestExamples").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("ex")).Op(":=").Range().Id("hkValidExamples")).Block(
			jen.Id("t").Dot("Run").Call(jen.Id("ex").Dot("file"), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
				jen.Id("data").Op(":=").Id("hkReadExample").Call(jen.Id("t"), jen.Id("ex").Dot("file")),
				jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("ex").Dot("decode").Call(jen.Id("data")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("parsing: %v"), jen.Err())),
				jen.If(jen.Id("ex").Dot("event").Op("!=").Lit("")).Block(
					jen.If(jen.Id("got").Op(":=").Id("v").Assert(jen.Id("Event")).Dot("EventType").Call(), jen.Id("got").Op("!=").Id("ex").Dot("event")).Block(
						jen.Id("t").Dot("Fatalf").Call(jen.Lit("routed to %s, but the file is an example of %s"), jen.Id("got"), jen.Id("ex").Dot("event")),
					),
				),
				jen.If(jen.Err().Op(":=").Id("v").Assert(jen.Interface(jen.Id("Validate").Params().Error())).Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
					jen.Id("t").Dot("Fatalf").Call(jen.Lit("validating: %v"), jen.Err()),
				),
				jen.List(jen.Id("got"), jen.Err()).Op(":=").Qual(pkgJSON, "MarshalIndent").Call(jen.Id("v"), jen.Lit(""), jen.Lit("  ")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("re-encoding: %v"), jen.Err())),
				jen.Id("got").Op("=").Append(jen.Id("got"), jen.LitByte('\n')),
				jen.Id("golden").Op(":=").Qual("path/filepath", "Join").Call(jen.Lit("testdata"), jen.Qual("strings", "TrimSuffix").Call(jen.Qual("path/filepath", "Base").Call(jen.Id("ex").Dot("file")), jen.Lit(".json")).Op("+").Lit(".golden.json")),
				jen.If(jen.Op("*").Id("hkUpdate")).Block(
					jen.If(jen.Err().Op(":=").Qual("os", "MkdirAll").Call(jen.Lit("testdata"), jen.Lit(0o755)), jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
					jen.If(jen.Err().Op(":=").Qual("os", "WriteFile").Call(jen.Id("golden"), jen.Id("got"), jen.Lit(0o644)), jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
					jen.Return(),
				),
				jen.List(jen.Id("want"), jen.Err()).Op(":=").Qual("os", "ReadFile").Call(jen.Id("golden")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("%v (go test -run TestExamples -update writes it)"), jen.Err())),
				jen.If(jen.String().Parens(jen.Id("got")).Op("!=").String().Parens(jen.Id("want"))).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("re-encoded payload differs from %s (go test -run TestExamples -update rewrites it):\n%s"), jen.Id("golden"), jen.Id("got")),
				),
			)),
		),
		jen.For(jen.List(jen.Id("_"), jen.Id("ex")).Op(":=").Range().Id("hkInvalidExamples")).Block(
			jen.Id("t").Dot("Run").Call(jen.Id("ex").Dot("file"), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
				jen.Err().Op(":=").Id("ValidateJSON").Call(jen.Id("ex").Dot("schema"), jen.Id("hkReadExample").Call(jen.Id("t"), jen.Id("ex").Dot("file"))),
				jen.Var().Id("ve").Op("*").Id("ValidationError"),
				jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("ve"))).Block(
					jen.Id("t").Dot("Fatalf").Call(jen.Lit("got %v, want violations at %q"), jen.Err(), jen.Id("ex").Dot("want")),
				),
				jen.Var().Id("got").Index().String(),
				jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Id("ve").Dot("Violations")).Block(
					jen.If(jen.Op("!").Qual("slices", "Contains").Call(jen.Id("got"), jen.Id("v").Dot("Pointer"))).Block(
						jen.Id("got").Op("=").Append(jen.Id("got"), jen.Id("v").Dot("Pointer")),
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

// peekCalls prints the discriminator peek of Parse, for the benchmark.
func peekCalls(pkg *model.Package) []jen.Code {
	if len(pkg.Router.Discriminator) == 1 {
		key := pkg.Router.Discriminator[0]
		return []jen.Code{jen.If(jen.List(jen.Id("_"), jen.Id("ok"), jen.Id("_")).Op(":=").Id("d").Dot("peekPath").Call(jen.Lit(key)), jen.Op("!").Id("ok")).Block(
			jen.Id("tb").Dot("Fatal").Call(jen.Lit("no " + key)),
		)}
	}
	var keys []jen.Code
	for _, key := range pkg.Router.Discriminator {
		keys = append(keys, jen.Lit(key))
	}
	return []jen.Code{
		jen.Var().Id("vals").Index(jen.Lit(len(keys))).Index().Byte(),
		jen.If(jen.Op("!").Id("d").Dot("peekTail").Call(jen.Index().String().Values(keys...), jen.Id("vals").Index(jen.Empty(), jen.Empty()))).Block(
			jen.If(jen.Err().Op(":=").Id("d").Dot("peekMembers").Call(jen.Index().String().Values(keys...), jen.Id("vals").Index(jen.Empty(), jen.Empty())), jen.Err().Op("!=").Nil().Op("||").Id("vals").Index(jen.Lit(len(keys)-1)).Op("==").Nil()).Block(
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
	f.Comment("// hkPeek finds the event type the way Parse does.")
	f.Func().Id("hkPeek").Params(jen.Id("tb").Qual("testing", "TB"), jen.Id("data").Index().Byte()).BlockFunc(func(g *jen.Group) {
		g.Id("d").Op(":=").Id("hkDecoder").Values(jen.Dict{jen.Id("data"): jen.Id("data")})
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
	bench := func(name, doc string, body ...jen.Code) {
		f.Comment("// " + name + " " + doc)
		f.Func().Id(name).Params(jen.Id("b").Op("*").Qual("testing", "B")).Block(append([]jen.Code{
			jen.Id("data").Op(":=").Id("hkReadExample").Call(jen.Id("b"), jen.Id("hkTypical")),
			jen.Id("b").Dot("SetBytes").Call(jen.Int64().Parens(jen.Len(jen.Id("data")))),
			jen.Id("b").Dot("ReportAllocs").Call(),
		}, jen.For(jen.Id("b").Dot("Loop").Call()).Block(body...))...)
	}
	bench("BenchmarkPeek", "finds the event type without decoding.", jen.Id("hkPeek").Call(jen.Id("b"), jen.Id("data")))
	bench("BenchmarkParse", "peeks, decodes into the event's type and validates.",
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("Parse").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Id("b").Dot("Fatal").Call(jen.Err())))
	bench("BenchmarkEncodingJSONMap", "decodes the same payload with encoding/json into map[string]any, for comparison.",
		jen.Var().Id("m").Map(jen.String()).Any(),
		jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("m")), jen.Err().Op("!=").Nil()).Block(jen.Id("b").Dot("Fatal").Call(jen.Err())))
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
	f := newFile(pkg, "")
	f.Comment("// Parse a payload and tell the events apart with a type switch.")
	f.Func().Id("ExampleParse").Params().Block(
		jen.Id("payload").Op(":=").Index().Byte().Parens(payload),
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("Parse").Call(jen.Id("payload")),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Qual("fmt", "Println").Call(jen.Lit("rejected:"), jen.Err()),
			jen.Return(),
		),
		jen.Switch(jen.Id("ev").Op(":=").Id("ev").Assert(jen.Type())).Block(
			jen.Case(jen.Op("*").Id(name)).Block(jen.Qual("fmt", "Println").Call(jen.Lit(name+":"), jen.Id("ev").Dot("EventType").Call())),
			jen.Case(jen.Op("*").Id(pkg.Router.Unknown)).Block(jen.Qual("fmt", "Println").Call(jen.Lit("an event type this package does not know:"), jen.Id("ev").Dot("Type"))),
			jen.Default().Block(jen.Qual("fmt", "Println").Call(jen.Lit("another event:"), jen.Id("ev").Dot("EventType").Call())),
		),
		jen.Comment(fmt.Sprintf("Output: %s: %s", name, ex.Event.Type)),
	)
	f.Comment("// Dispatch payloads to typed handlers; an event without one is ErrNoHandler.")
	unknown := "{"
	for i, key := range pkg.Router.Discriminator {
		if i > 0 {
			unknown += ","
		}
		k, _ := json.Marshal(key)
		unknown += string(k) + `:"not.a.known.event"`
	}
	unknown += "}"
	f.Func().Id("ExampleHandlers_Dispatch").Params().Block(
		jen.Id("h").Op(":=").Op("&").Id("Handlers").Values(jen.Dict{
			jen.Id(name): jen.Func().Params(jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("ev").Op("*").Id(name)).Error().Block(
				jen.Qual("fmt", "Println").Call(jen.Lit("handled"), jen.Id("ev").Dot("EventType").Call()),
				jen.Return(jen.Nil()),
			),
		}),
		jen.Id("ctx").Op(":=").Qual(pkgContext, "Background").Call(),
		jen.If(jen.Err().Op(":=").Id("h").Dot("Dispatch").Call(jen.Id("ctx"), jen.Index().Byte().Parens(payload)), jen.Err().Op("!=").Nil()).Block(
			jen.Qual("fmt", "Println").Call(jen.Err()),
		),
		jen.Err().Op(":=").Id("h").Dot("Dispatch").Call(jen.Id("ctx"), jen.Index().Byte().Parens(stringLit(unknown))),
		jen.Qual("fmt", "Println").Call(jen.Qual("errors", "Is").Call(jen.Err(), jen.Id("ErrNoHandler"))),
		jen.Comment(fmt.Sprintf("// Output:\n\t// handled %s\n\t// true", ex.Event.Type)),
	)
	return f, nil
}
