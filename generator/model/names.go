package model

import (
	"cmp"
	"fmt"
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
		Source: b.prov.Name + "/" + s.Doc.Name + "#" + s.Pointer,
		Pos:    s.Pos(),
		offset: s.Node.Offset,
	}
	b.claim(t.Name, "type "+t.Name, s.Pos())
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
	b.diags.Add(second.pos, "Go name %s for %s clashes with %s%s; set x-go-name on one of them", name, second.what, first.what, where)
}

func comparePos(a, b diag.Pos) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Pointer, b.Pointer))
}

func fileFor(pkg *Package, d *load.Document) *File {
	name := naming.FileStem(strings.TrimSuffix(strings.TrimSuffix(d.Name, ".json"), ".schema")) + "_gen.go"
	for _, f := range pkg.Files {
		if f.Name == name {
			return f
		}
	}
	f := &File{Name: name, Source: pkg.Provider + "/" + d.Name}
	pkg.Files = append(pkg.Files, f)
	return f
}

// nameFor derives the Go name of the schema at s from where it is: a file's
// root is named after the file, a $defs entry after its key, and anything
// nested after its parent plus the property name ("Item" for array items,
// "Value" for map values). x-go-name anywhere on the way replaces the name
// so far. The name depends only on the location, never on which $ref
// reached it first.
func (b *builder) nameFor(s load.Schema) string {
	cur := s.Doc.RootSchema()
	name := goName(cur, naming.Exported(strings.TrimSuffix(strings.TrimSuffix(s.Doc.Name, ".json"), ".schema")))
	toks := []string{}
	if s.Pointer != "" {
		toks = strings.Split(strings.TrimPrefix(s.Pointer, "/"), "/")
	}
	for i := 0; i < len(toks); i++ {
		kw := unescape(toks[i])
		next, _ := cur.Keyword(kw)
		switch kw {
		case "$defs", "definitions", "properties":
			i++
			key := unescape(toks[i])
			next = next.Member(key)
			if kw == "properties" {
				name += naming.Exported(key)
			} else {
				name = naming.Exported(key)
			}
		case "oneOf", "anyOf", "allOf", "prefixItems":
			i++
			var idx int
			fmt.Sscan(toks[i], &idx)
			next = next.Item(idx)
			name += "Option" + toks[i]
		case "items":
			name += "Item"
		case "additionalProperties":
			name += "Value"
		default:
			name += naming.Exported(kw)
		}
		cur = next
		name = goName(cur, name)
	}
	return name
}

func unescape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// goName returns the schema's x-go-name, or def.
func goName(s load.Schema, def string) string {
	if s.Node.Kind != load.Object {
		return def
	}
	if n := s.Node.Get("x-go-name"); n != nil && n.Kind == load.String && naming.IsExportedIdent(n.Str) {
		return n.Str
	}
	return def
}

// docOf joins title and description into a doc comment body. A title
// gets a full stop if it has none, or gofmt would take it for a heading.
func docOf(s load.Schema) string {
	if s.Node.Kind != load.Object {
		return ""
	}
	var parts []string
	for _, kw := range []string{"title", "description"} {
		n := s.Node.Get(kw)
		if n == nil || n.Kind != load.String || strings.TrimSpace(n.Str) == "" {
			continue
		}
		text := strings.TrimSpace(n.Str)
		if kw == "title" && !strings.ContainsAny(text[len(text)-1:], ".!?:") {
			text += "."
		}
		parts = append(parts, text)
	}
	return strings.Join(parts, "\n\n")
}
