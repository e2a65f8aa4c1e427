package model

import (
	"cmp"
	"fmt"
	"go/ast"
	"net/url"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/naming"
)

// declare creates the named type for the schema at s.
func (b *builder) declare(s load.Schema, kind TypeKind) *Type {
	t := &Type{
		Kind:   kind,
		Name:   b.nameFor(s),
		Doc:    docOf(s),
		Source: source(b.prov.Name, s.Doc) + "#" + s.Pointer,
		Key:    s.Key(),
		Pos:    s.Pos(),
		offset: s.Offset(),
	}
	t.Title, t.Description = schemaWords(s)
	if t.Name == "" {
		b.diags.Add(s.Pos(), "%s has no letters or digits to make a Go name of; set x-go-name", whatIsNamed(s))
	} else {
		b.claim(t.Name, "type "+t.Name, s.Pos())
	}
	b.pkg.Types = append(b.pkg.Types, t)
	fileFor(b.pkg, s.Doc).Types = append(fileFor(b.pkg, s.Doc).Types, t)
	return t
}

// claim takes a package-level Go identifier, reporting a clash with
// whoever took it first; hookgen never renames silently.
//
// The clash is reported at the later of the two places in file order,
// whichever was visited first, so the message does not depend on the order
// files are read in.
func (b *builder) claim(name, what string, pos diag.Pos) {
	prev, ok := b.names[name]
	if !ok {
		b.names[name] = claim{what: what, pos: pos}
		return
	}
	first, second := prev, claim{what: what, pos: pos}
	if first.pos.File != "" && comparePos(second.pos, first.pos) < 0 {
		first, second = second, first
		b.names[name] = first
	}
	where := ""
	if first.pos.File != "" {
		where = " at " + first.pos.String()
	}
	b.diags.Add(second.pos, "Go name %s for %s clashes with %s%s; %s", name, second.what, first.what, where, clashHint(first.what, second.what))
}

func comparePos(a, b diag.Pos) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Pointer, b.Pointer))
}

// source names a schema file in comments: provider/file, or the URI a
// remote document was read from.
func source(provider string, d *load.Document) string {
	if d.Remote != "" {
		return d.Remote
	}
	return provider + "/" + d.Name
}

// goFileName is the Go file holding the types of schema file d.
func goFileName(d *load.Document) string {
	return naming.FileStem(strings.TrimSuffix(strings.TrimSuffix(d.Name, ".json"), ".schema")) + "_gen.go"
}

func fileFor(pkg *Package, d *load.Document) *File {
	name := goFileName(d)
	for _, f := range pkg.Files {
		if f.Name == name {
			return f
		}
	}
	f := &File{Name: name, Source: source(pkg.Provider, d)}
	pkg.Files = append(pkg.Files, f)
	return f
}

// nameFor derives the Go name of the schema at s from where it is: a file's
// root is named after the file, a $defs entry after its key (in a remote
// document prefixed with the document's name), and anything
// nested after its parent plus the property name ("Item" for array items,
// "Value" for map values). x-go-name anywhere on the way replaces the name
// so far. The name depends only on the location, never on which $ref
// reached it first.
func (b *builder) nameFor(s load.Schema) string {
	cur := s.Doc.RootSchema()
	name := goName(cur, naming.Exported(strings.TrimSuffix(strings.TrimSuffix(s.Doc.Name, ".json"), ".schema")))
	// A remote document's $defs are named after the document too: remote
	// documents come from elsewhere and often share $defs keys ("bar").
	defsPrefix := ""
	if s.Doc.Remote != "" {
		defsPrefix = name
	}
	toks := []string{}
	if s.Pointer != "" {
		toks = strings.Split(strings.TrimPrefix(s.Pointer, "/"), "/")
	}
	for i := 0; i < len(toks); i++ {
		k := cur.Keywords()
		kw := writtenAs(k, unescape(toks[i]))
		switch kw {
		case "$defs", "definitions", "properties":
			i++
			key := unescape(toks[i])
			if kw == "properties" {
				name += naming.Exported(key)
			} else {
				name = defsPrefix + naming.Exported(key)
			}
		case "oneOf", "anyOf", "allOf", "prefixItems":
			i++
			var idx int
			fmt.Sscan(toks[i], &idx)
			name += branchName(kw, combinator(k, kw), idx)
		case "items":
			name += "Item"
		case "additionalProperties":
			name += "Value"
		default:
			name += naming.Exported(kw)
		}
		cur = b.schemaAt(s.Doc, toks[:i+1])
		name = goName(cur, name)
	}
	return name
}

// writtenAs is the name of the keyword of k that a pointer token names
// as the schema file wrote it, or tok when k has none: load renames
// draft-07 and 2019-09 keywords (array "items" is "prefixItems",
// "additionalItems" is "items") but pointers keep the written names.
func writtenAs(k *load.Keywords, tok string) string {
	for _, name := range k.Names() {
		ptr := k.Pointer(name)
		if unescape(ptr[strings.LastIndex(ptr, "/")+1:]) == tok {
			return name
		}
	}
	return tok
}

// schemaAt is the value at the pointer tokens toks of document d: a
// schema, or on the way to one a value that holds schemas (the object
// under "properties", or a container no keyword names, as in a $ref to
// "#/components/schemas/Pet"). The zero Schema when there is none.
func (b *builder) schemaAt(d *load.Document, toks []string) load.Schema {
	frag := (&url.URL{Fragment: "/" + strings.Join(toks, "/")}).EscapedFragment()
	s, err := b.prov.Resolve(d.RootSchema(), "#"+frag)
	if err != nil {
		return load.Schema{}
	}
	return s
}

func unescape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// goName returns the schema's x-go-name, or def.
func goName(s load.Schema, def string) string {
	if n := s.Keywords().GoName; n != nil && naming.IsExportedIdent(*n) {
		return *n
	}
	return def
}

// docOf joins title and description into a doc comment body. A title
// gets a full stop if it has none, or gofmt would take it for a heading.
func docOf(s load.Schema) string {
	k := s.Keywords()
	var parts []string
	if title := strings.TrimSpace(k.Title); title != "" {
		if !strings.ContainsAny(title[len(title)-1:], ".!?:") {
			title += "."
		}
		parts = append(parts, title)
	}
	if desc := strings.TrimSpace(k.Description); desc != "" {
		parts = append(parts, desc)
	}
	return strings.Join(parts, "\n\n")
}

// branchName is what a branch of a combinator adds to its parent's name:
// nothing for an allOf part (the parts merge into the parent) or the one
// non-null branch of a nullable value; else the branch's title, the JSON
// type only it has, or the const it pins its first required property to;
// its position only when nothing else tells it apart. A tuple item is
// Item<i>.
func branchName(kw string, branches []load.Schema, idx int) string {
	if kw == "prefixItems" {
		return fmt.Sprintf("Item%d", idx)
	}
	if kw == "allOf" {
		return ""
	}
	br := branches[idx]
	if alts, _ := unionAlternatives(branches); len(alts) == 1 {
		return ""
	}
	k := br.Keywords()
	if n := naming.Exported(k.Title); n != "" {
		return n
	}
	types, _ := jsonTypes(br)
	if len(types) == 1 {
		unique := true
		for i, other := range branches {
			if ot, _ := jsonTypes(other); i != idx && slices.Contains(ot, types[0]) {
				unique = false
			}
		}
		if unique {
			return naming.Exported(types[0])
		}
	}
	if n := memberBranchName(branches, idx); n != "" {
		return n
	}
	for _, r := range k.Required {
		p, ok := k.Property(r)
		if !ok {
			continue
		}
		pk := p.Keywords()
		if c := pk.Const; c != nil && c.Kind == load.String && naming.Exported(c.Str) != "" {
			return naming.Exported(c.Str)
		}
		if len(pk.Enum) == 1 && pk.Enum[0].Kind == load.String && naming.Exported(pk.Enum[0].Str) != "" {
			return naming.Exported(pk.Enum[0].Str)
		}
	}
	return fmt.Sprintf("Option%d", idx)
}

// whatIsNamed describes the schema a name is derived from, for messages.
func whatIsNamed(s load.Schema) string {
	if s.Pointer == "" {
		return fmt.Sprintf("file name %q", s.Doc.Name)
	}
	toks := strings.Split(s.Pointer, "/")
	return fmt.Sprintf("%q", unescape(toks[len(toks)-1]))
}

// MemberNames are the methods and fields the emitters generate on a
// struct (and on every struct, whether or not it is an event root or a
// variant, so that adding a router never breaks a type). A property whose
// Go name is one of them would not compile: the model refuses it, as
// protogen reserves its generated names before handing out user ones.
var MemberNames = []string{
	"Validate", "MarshalJSON", "UnmarshalJSON", "EventType", // exported methods
	"validate", "decodeJSON", "appendJSON", "isEvent", // unexported methods
}

// HandlersMembers are the methods and the fallback field of the generated
// Handlers struct, whose other fields are named after the event roots: an
// event whose root type has one of these names would not compile.
var HandlersMembers = []string{"Dispatch", "DispatchRequest", "DispatchAs", "Handle", "Unknown"}

// TestNames are the functions of the generated tests and examples, in
// the package itself when the provider has example payloads: a type of
// one of these names would not compile in the test build.
var TestNames = []string{"TestExamples", "TestPeekDoesNotAllocate", "BenchmarkPeek", "BenchmarkParse",
	"BenchmarkEncodingJSONMap", "ExampleParse", "ExampleHandlers_Dispatch"}

// ReservedFiles are the files hookgen writes into a package besides one
// per schema file; every other file it writes starts with
// ReservedFilePrefix. A schema file whose Go file would be one of them is
// refused.
var ReservedFiles = []string{"doc_gen.go", "unknown_gen.go"}

// ReservedFilePrefix starts the names of the package-wide and runtime
// files hookgen writes (hookgen_events_gen.go, hookgen_runtime_*_gen.go).
const ReservedFilePrefix = "hookgen_"

// checkMembers refuses properties whose Go names the generated methods
// and fields take, and a sum discriminator whose field would be the Raw of
// its unknown variant.
func (b *builder) checkMembers() {
	for _, t := range b.pkg.Types {
		if b.names[t.Name].pos != t.Pos {
			continue // its name clashed, already reported: its helpers would repeat it
		}
		switch t.Kind {
		case Struct:
			for _, f := range t.Fields {
				if slices.Contains(MemberNames, f.Name) {
					b.diags.Add(f.Pos, "property %q would be field %s of %s, which is the name of a method or field hookgen generates on it (%s); set x-go-name", f.JSONName, f.Name, t.Name, strings.Join(MemberNames, ", "))
				}
			}
		case Sum:
			if t.DiscriminatorName == "Raw" {
				b.diags.Add(t.Pos, "discriminator %q would be field Raw of %s, which holds the raw JSON; set x-go-name on it", t.Discriminator, t.Unknown)
			}
		}
	}
}

// checkHandlers refuses event root types whose names are members of the
// generated Handlers struct.
func (b *builder) checkHandlers() {
	if b.pkg.Router == nil {
		return
	}
	for _, ev := range b.pkg.Router.Events {
		if slices.Contains(HandlersMembers, ev.Root.Name) {
			b.diags.Add(ev.Root.Pos, "event %q has the type %s, which would also be a method or field of the generated Handlers (%s); set x-go-name on its root", ev.Type, ev.Root.Name, strings.Join(HandlersMembers, ", "))
		}
	}
}

// checkFiles refuses schema files whose Go file Go would ignore (a name
// with no letters or digits gives "_gen.go"), that would overwrite a file
// hookgen writes itself, or that share their Go file with another schema
// file.
func (b *builder) checkFiles() {
	docs := slices.Clone(b.prov.Docs)
	slices.SortFunc(docs, func(x, y *load.Document) int { return strings.Compare(x.Name, y.Name) })
	byFile := map[string]*load.Document{}
	for _, d := range docs {
		name := goFileName(d)
		declares := false
		for _, t := range b.pkg.Types {
			if strings.HasPrefix(t.Source, b.pkg.Provider+"/"+d.Name+"#") {
				declares = true
			}
		}
		if !declares {
			continue // no types, no file
		}
		pos := d.RootSchema().Pos()
		if prev, ok := byFile[name]; ok {
			b.diags.Add(pos, "schema files %s and %s would both generate %s; rename one", prev.Name, d.Name, name)
			continue
		}
		byFile[name] = d
		switch {
		case name == "_gen.go":
			b.diags.Add(pos, "file name %q has no letters or digits to name its Go file (Go ignores _gen.go); rename it", d.Name)
		case slices.Contains(ReservedFiles, name) || strings.HasPrefix(name, ReservedFilePrefix):
			b.diags.Add(pos, "file name %q would generate %s, a name hookgen keeps for its own files (%s, %s*); rename it", d.Name, name, strings.Join(ReservedFiles, ", "), ReservedFilePrefix)
		}
	}
}

// robust runs the checks and the cycle breaking that need the whole
// package built, before finish lays it out (issue 16).
func (b *builder) robust() {
	if len(b.pkg.Examples) > 0 {
		for _, n := range TestNames {
			b.claim(n, "a function of the generated tests ("+strings.Join(TestNames, ", ")+")", diag.Pos{})
		}
	}
	b.nameHelpers()
	b.checkLoops()
	b.breakCycles()
	b.checkMembers()
	b.checkHandlers()
	b.checkFiles()
	b.checkTypeDepth()
	b.checkNumbers()
}

// reserveRuntime takes, before any schema is named, every package-level
// name of the copied runtime and of the generated package-wide files.
func (b *builder) reserveRuntime() {
	var exported []string
	for _, n := range RuntimeNames() {
		if ast.IsExported(n) {
			exported = append(exported, n)
		}
	}
	for _, n := range RuntimeNames() {
		what := "a name of the hookgen runtime (templates/hookrt)"
		if ast.IsExported(n) {
			what = "a type of the hookgen runtime (" + strings.Join(exported, ", ") + ")"
		}
		b.names[n] = claim{what: what}
	}
	for _, n := range PackageNames {
		b.names[n] = claim{what: "a declaration of every generated package (" + strings.Join(PackageNames, ", ") + ")"}
	}
}

// nameHelpers names the unexported package-level helpers the generated
// code declares per type and per event, and claims each, so that a helper
// can clash with nothing unseen (the runtime's names are claimed first):
// a struct's member spec, a sum's decoder, an event's parse function.
func (b *builder) nameHelpers() {
	for _, t := range b.pkg.Types {
		if b.names[t.Name].pos != t.Pos {
			continue // its name clashed, already reported: its helpers would repeat it
		}
		switch t.Kind {
		case Struct:
			t.Spec = "hkSpec" + t.Name
			b.claim(t.Spec, "the member spec of "+t.Name, t.Pos)
		case Sum:
			t.DecodeFunc = "decode" + t.Name
			b.claim(t.DecodeFunc, "the decoder of "+t.Name, t.Pos)
		}
	}
	if b.pkg.Router == nil {
		return
	}
	for _, ev := range b.pkg.Router.Events {
		ev.ParseFunc = "parse" + ev.Root.Name
		b.claim(ev.ParseFunc, "the parse function of event "+ev.Type, ev.Root.Pos)
	}
	for _, g := range b.pkg.Router.Groups {
		if g.Func != "" {
			b.claim(g.Func, "the router of header value "+g.Value, diag.Pos{})
		}
	}
}
