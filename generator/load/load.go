// Package load reads a schemas folder into positioned documents: every
// provider folder, its optional manifest and its schema files, each parsed
// with the position of every value, meta-validated with jsonschema/v5 and
// with every $ref resolved. It reports problems as positioned diagnostics and
// makes no decisions about Go code: that is the model's job.
package load

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/naming"
)

// ManifestName is the file name of a provider's optional manifest.
const ManifestName = "hookgen.json"

// Options select what to load.
type Options struct {
	// Providers limits loading to these provider folders; empty means all.
	Providers []string
	// Shuffle, when set, hands each provider's documents to the model in a
	// random order: tests use it to prove the output does not depend on
	// the order files are read in.
	Shuffle *rand.Rand
	// Remotes register documents outside the provider folders that $refs
	// may name by absolute URI (see Remote).
	Remotes []Remote
}

// Provider is one folder of schemas: one generated Go package.
type Provider struct {
	Name     string // the folder name
	Dir      string // the folder as given, for messages
	Manifest Manifest
	Docs     []*Document // sorted by file name
	// Remotes are the registered remote documents the schemas reach
	// (Options.Remotes), sorted by name: $ref targets, never roots.
	Remotes []*Document
	// Broken: a file is malformed or not a valid schema. The other
	// providers, and this one's diagnostics, are still reported.
	Broken bool

	byURI map[string]*Document
	// resources are the schemas with an $id inside a document (embedded
	// resources), by absolute URI.
	resources map[string]Schema
}

// Document is one schema file.
type Document struct {
	Path string // the file as given (Dir joined with Name), for messages
	Name string // the file name, such as "message.received.json"
	URI  string // the base URI $refs in this file resolve against
	Root *Node
	Raw  []byte
	// Draft is the draft the file is written in; Root has been rewritten
	// into 2020-12 terms (see normalize).
	Draft Draft
	// Remote is the URI a registered remote document was read from
	// (Options.Remotes, the manifest's "remotes"); "" for the provider's
	// own files.
	Remote string
	// inherit is the draft of a document without $schema: 2020-12, or for
	// a remote document that of the document whose $ref reached it.
	inherit Draft
	lines   *Lines
	// bases maps the pointer of every schema with an $id (the root
	// included) to the base URI it sets for $refs inside it.
	bases map[string]string
	// later maps the pointer of a schema to the keywords it uses that
	// only a later draft than the file's defines (normalize): taken out
	// of the tree, kept to report (reportLater).
	later map[string][]Member
	// builtin: an embedded meta-schema (refs.go), which jsonschema/v5
	// knows already.
	builtin bool
	// overLimit: the document breaks a limit of limits.go, reported
	// already; it is not meta-validated.
	overLimit bool
}

// Schema is a located schema: a node of a document and its JSON pointer.
type Schema struct {
	Doc     *Document
	Node    *Node
	Pointer string
}

// Pos is the position of the schema.
func (s Schema) Pos() diag.Pos { return s.Doc.pos(s.Node, s.Pointer) }

// Keyword returns the sub-schema or value under keyword, with its pointer;
// ok is false when the keyword is absent.
func (s Schema) Keyword(name string) (Schema, bool) {
	if s.Node == nil || s.Node.Kind != Object {
		return Schema{}, false
	}
	for _, m := range s.Node.Members {
		if m.Name == name {
			if m.Written != "" {
				name = m.Written
			}
			return Schema{Doc: s.Doc, Node: m.Value, Pointer: s.Pointer + "/" + escapePointer(name)}, true
		}
	}
	return Schema{}, false
}

// Member returns member name of an object value (a property under
// "properties", a definition under "$defs").
func (s Schema) Member(name string) Schema {
	return Schema{Doc: s.Doc, Node: s.Node.Get(name), Pointer: s.Pointer + "/" + escapePointer(name)}
}

// Item returns element i of an array value (a branch of "oneOf").
func (s Schema) Item(i int) Schema {
	return Schema{Doc: s.Doc, Node: s.Node.Items[i], Pointer: fmt.Sprintf("%s/%d", s.Pointer, i)}
}

// Offset is the byte offset the schema starts at in its file, for
// ordering what is generated from it as the file orders it.
func (s Schema) Offset() int {
	if s.Node == nil {
		return 0
	}
	return s.Node.Offset
}

// Key identifies a schema uniquely across a provider: the document's URI
// and the pointer. Two $refs to the same place have the same key.
func (s Schema) Key() string { return s.Doc.URI + "#" + s.Pointer }

func (d *Document) pos(n *Node, pointer string) diag.Pos {
	p := diag.Pos{File: d.Path, Pointer: pointer}
	if n != nil && d.lines != nil {
		p.Line, p.Col = d.lines.Position(n.Offset)
	}
	return p
}

// RootSchema is the document's root schema.
func (d *Document) RootSchema() Schema { return Schema{Doc: d, Node: d.Root} }

// Load reads every provider folder under dir. It returns all problems found
// in all files, not only the first, as a *diag.Error; the providers are
// returned with it, those with malformed or invalid files marked Broken, so
// the caller can go on to find more problems in the rest.
func Load(dir string, opts Options) ([]*Provider, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading schemas: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	if len(opts.Providers) > 0 {
		for _, want := range opts.Providers {
			if !slices.Contains(names, want) {
				return nil, fmt.Errorf("no provider folder %q in %s (have: %s)", want, dir, strings.Join(names, ", "))
			}
		}
		names = slices.DeleteFunc(names, func(n string) bool { return !slices.Contains(opts.Providers, n) })
	}
	slices.Sort(names)
	var diags diag.List
	var providers []*Provider
	for _, name := range names {
		p := loadProvider(filepath.Join(dir, name), name, opts.Remotes, &diags)
		if p != nil && opts.Shuffle != nil {
			opts.Shuffle.Shuffle(len(p.Docs), func(i, j int) { p.Docs[i], p.Docs[j] = p.Docs[j], p.Docs[i] })
		}
		if p != nil {
			providers = append(providers, p)
		}
	}
	if len(providers) == 0 && diags.Len() == 0 {
		return nil, fmt.Errorf("no provider folders with schemas in %s", dir)
	}
	return providers, diags.Err()
}

func loadProvider(dir, name string, remotes []Remote, diags *diag.List) *Provider {
	entries, err := os.ReadDir(dir)
	if err != nil {
		diags.Add(diag.Pos{File: dir}, "%v", err)
		return nil
	}
	p := &Provider{Name: name, Dir: dir, byURI: map[string]*Document{}, resources: map[string]Schema{}}
	before := diags.Len()
	if data, err := os.ReadFile(filepath.Join(dir, ManifestName)); err == nil {
		p.Manifest = loadManifest(filepath.Join(dir, ManifestName), data, diags)
	} else if !errors.Is(err, fs.ErrNotExist) {
		diags.Add(diag.Pos{File: filepath.Join(dir, ManifestName)}, "%v", err)
	}
	p.walk(dir, "", entries, diags)
	p.checkShared(diags)
	if len(p.Docs) == 0 {
		return nil
	}
	slices.SortFunc(p.Docs, func(a, b *Document) int { return strings.Compare(a.Name, b.Name) })
	p.checkStems(diags)
	// A relative $id at a file's root is resolved against the provider
	// folder, not against the file's own folder: GitHub's layout
	// (pull_request/opened.schema.json with "$id": "pull_request$opened"
	// and common/user.schema.json with "$id": "common/user.schema.json")
	// means its ids relative to the folder it ships from. For a file at the
	// top of the folder both readings are the same.
	root, _ := url.Parse("file:///" + name + "/")
	for _, d := range p.Docs {
		p.byURI[d.URI] = d
	}
	for _, d := range p.Docs {
		if id := d.Root.Get("$id"); id != nil && id.Kind == String {
			if abs, err := root.Parse(id.Str); err == nil {
				abs.Fragment = ""
				if other, dup := p.byURI[abs.String()]; dup && other != d {
					diags.Add(d.RootSchema().Pos(), "$id %q is also the $id of %s", id.Str, other.Path)
				}
				p.byURI[abs.String()] = d
				d.URI = abs.String()
			}
		}
	}
	for _, d := range p.Docs {
		p.indexResources(d)
	}
	p.loadRemotes(append(p.manifestRemotes(), remotes...), diags)
	p.checkRemotes(diags)
	docs := p.SchemaDocs()
	// Meta-validation is the slow part of loading: one worker per core.
	// Long-lived workers, not a goroutine per document: the meta-schema
	// walk is deeply recursive, and each fresh goroutine would grow its
	// stack from scratch (stack copying was ~5% of generation's CPU).
	perDoc := make([]diag.List, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(docs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if docs[i].overLimit || docs[i].builtin {
					continue // reported; too costly to meta-validate; or a meta-schema itself
				}
				metaValidate(docs[i], &perDoc[i])
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range perDoc {
		if err := perDoc[i].Err(); err != nil {
			diags.Append(err.(*diag.Error).Diagnostics...)
		}
	}
	p.Broken = diags.Len() > before
	extensions, used := map[string]bool{}, map[string]int{}
	for _, e := range p.Manifest.Extensions {
		extensions[e] = true
	}
	for _, d := range docs {
		d.normalize(extensions, used, p.Manifest.AnnotateFormats())
	}
	p.checkExtensions(used, diags)
	for _, d := range docs {
		d.reportLater(diags)
	}
	p.resolveDynamic(diags)
	for _, d := range docs {
		p.checkRefs(d.RootSchema(), diags)
		d.decodeAll()
	}
	return p
}

// walk reads the schema files of a provider folder and its subfolders.
// A file's Name is its path relative to the provider folder, with
// slashes ("pull_request/opened.schema.json"), and its URI follows the
// path. Folders whose names start with "." are skipped.
func (p *Provider) walk(dir, rel string, entries []os.DirEntry, diags *diag.List) {
	for _, e := range entries {
		name := path.Join(rel, e.Name())
		file := filepath.Join(dir, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.IsDir() {
			sub, err := os.ReadDir(file)
			if err != nil {
				diags.Add(diag.Pos{File: file}, "%v", err)
				continue
			}
			p.walk(file, name, sub, diags)
			continue
		}
		if !strings.HasSuffix(e.Name(), ".json") || name == ManifestName {
			continue
		}
		if e.Name() == ManifestName {
			diags.Add(diag.Pos{File: file, Line: 1, Col: 1}, "a manifest belongs at the top of the provider folder (%s), not in a subfolder", filepath.Join(p.Dir, ManifestName))
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			diags.Add(diag.Pos{File: file}, "%v", err)
			continue
		}
		if tooLarge(file, len(data), diags) {
			continue
		}
		// The URI escapes the names: a file named "a#b.json" or "a b.json"
		// must resolve as itself, not as a fragment or a bad URI.
		uri := (&url.URL{Scheme: "file", Path: "/" + p.Name + "/" + name}).String()
		doc := parseDocument(file, name, uri, data, diags)
		if doc == nil {
			continue
		}
		doc.overLimit = !checkLimits(doc, diags)
		p.Docs = append(p.Docs, doc)
	}
}

// checkShared reports a "shared" folder of the manifest that is not a
// folder of the provider: a typo there would make its schemas events.
func (p *Provider) checkShared(diags *diag.List) {
	for i, s := range p.Manifest.Shared {
		found := false
		for _, d := range p.Docs {
			if strings.HasPrefix(d.Name, s+"/") {
				found = true
			}
		}
		if !found {
			diags.Add(p.Manifest.At(fmt.Sprintf("/shared/%d", i)), "\"shared\": %q names no folder of schemas in %s", s, p.Dir)
		}
	}
}

// checkStems reports two schema files whose generated Go file names would
// be the same ("a/b_c.json" and "a_b/c.json" both give a_b_c_gen.go): the
// generator never merges or renames files silently.
func (p *Provider) checkStems(diags *diag.List) {
	seen := map[string]*Document{}
	for _, d := range p.Docs {
		stem := naming.FileStem(SchemaStem(d.Name))
		if other, dup := seen[stem]; dup {
			diags.Add(d.RootSchema().Pos(), "schema files %s and %s would both generate %s_gen.go; rename one", other.Name, d.Name, stem)
			continue
		}
		seen[stem] = d
	}
}

// SchemaStem is a schema file's name without ".json" and ".schema":
// "pull_request/opened.schema.json" gives "pull_request/opened".
func SchemaStem(name string) string {
	return strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".schema")
}

func parseDocument(file, name, uri string, data []byte, diags *diag.List) *Document {
	doc := &Document{Path: file, Name: name, URI: uri, Raw: data, lines: NewLines(data)}
	root, err := ParseJSON(data)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			line, col := doc.lines.Position(se.Offset)
			diags.Add(diag.Pos{File: file, Line: line, Col: col, Pointer: se.Pointer}, "malformed JSON: %s", se.Msg)
		} else {
			diags.Add(diag.Pos{File: file}, "malformed JSON: %v", err)
		}
		return nil
	}
	doc.Root = root
	return doc
}

// metaSchemas are the drafts a document may name in $schema; a document
// that names none is draft 2020-12.
var metaSchemas = map[string]*jsonschema.Draft{
	"https://json-schema.org/draft/2020-12/schema": jsonschema.Draft2020,
	"https://json-schema.org/draft/2019-09/schema": jsonschema.Draft2019,
	"http://json-schema.org/draft-07/schema":       jsonschema.Draft7,
}

var (
	metaMu    sync.Mutex
	metaCache = map[string]*jsonschema.Schema{}
)

func metaSchema(uri string) (*jsonschema.Schema, error) {
	metaMu.Lock()
	defer metaMu.Unlock()
	if s, ok := metaCache[uri]; ok {
		return s, nil
	}
	s, err := jsonschema.Compile(uri)
	if err != nil {
		return nil, err
	}
	metaCache[uri] = s
	return s, nil
}

// metaValidate checks the document against its draft's meta-schema and
// reports every failing leaf at the position of the offending value.
func metaValidate(d *Document, diags *diag.List) {
	metaURI := "https://json-schema.org/draft/2020-12/schema"
	switch d.inherit { // a remote document without $schema
	case Draft2019:
		metaURI = "https://json-schema.org/draft/2019-09/schema"
	case Draft7:
		metaURI = "http://json-schema.org/draft-07/schema"
	}
	if s := d.Root.Get("$schema"); s != nil && s.Kind == String {
		u := strings.TrimSuffix(s.Str, "#")
		if _, ok := metaSchemas[u]; !ok {
			diags.Unsupported(d.RootSchema().Pos(), "$schema %q: hookgen reads drafts 2020-12, 2019-09 and 07", s.Str)
			return
		}
		metaURI = u
	}
	meta, err := metaSchema(metaURI)
	if err != nil {
		diags.Add(d.RootSchema().Pos(), "loading meta-schema: %v", err)
		return
	}
	err = meta.Validate(d.Root.Interface())
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		for _, leaf := range usefulLeaves(leaves(ve)) {
			n, ptr := d.lookup(leaf.InstanceLocation)
			diags.Add(d.pos(n, ptr), "not a valid schema: %s", leaf.Message)
		}
	} else if err != nil {
		diags.Add(d.RootSchema().Pos(), "not a valid schema: %v", err)
	}
}

// leaves returns the innermost causes, where the real reasons are.
func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// usefulLeaves drops, where several leaves fail at one place, the
// "expected X, but got Y" ones: they come from the other branches of an
// anyOf in the meta-schema ("type" is a string or an array) and only
// confuse the real reason beside them.
func usefulLeaves(ls []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	count := map[string]int{}
	for _, l := range ls {
		count[l.InstanceLocation]++
	}
	var out []*jsonschema.ValidationError
	for _, l := range ls {
		if count[l.InstanceLocation] > 1 && strings.HasPrefix(l.Message, "expected ") && strings.Contains(l.Message, ", but got ") {
			continue
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return ls
	}
	return out
}

// lookup finds the node at a JSON pointer, or the deepest existing one.
func (d *Document) lookup(pointer string) (*Node, string) {
	n := d.Root
	if pointer == "" || pointer == "/" {
		return n, ""
	}
	done := ""
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		next := child(n, unescapePointer(tok))
		if next == nil {
			return n, done
		}
		n = next
		done += "/" + tok
	}
	return n, done
}

func child(n *Node, tok string) *Node {
	switch n.Kind {
	case Object:
		for _, m := range n.Members { // as the file spells it
			if m.Written == tok || (m.Written == "" && m.Name == tok) {
				return m.Value
			}
		}
		return nil
	case Array:
		var i int
		if _, err := fmt.Sscanf(tok, "%d", &i); err == nil && i >= 0 && i < len(n.Items) && fmt.Sprint(i) == tok {
			return n.Items[i]
		}
	}
	return nil
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func unescapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// indexResources records every schema in d with an $id: the base URI it
// sets, and the schema under that URI for $refs from anywhere.
func (p *Provider) indexResources(d *Document) {
	d.bases = map[string]string{"": d.URI}
	draft := draftOf(d.Root, d.inherit)
	var walk func(s Schema, base string)
	walk = func(s Schema, base string) {
		walkChildren(s, func(c Schema) {
			cb := base
			if id := c.Node.Get("$id"); id != nil && id.Kind == String && !(draft == Draft7 && c.Node.Get("$ref") != nil) {
				if b, err := url.Parse(base); err == nil {
					if u, err := b.Parse(id.Str); err == nil {
						u.Fragment, u.RawFragment = "", ""
						cb = u.String()
						d.bases[c.Pointer] = cb
						if _, taken := p.resources[cb]; !taken && p.byURI[cb] == nil {
							p.resources[cb] = c
						}
					}
				}
			}
			walk(c, cb)
		})
	}
	walk(d.RootSchema(), d.URI)
}

// walkChildren calls f on each direct sub-schema of s.
func walkChildren(s Schema, f func(Schema)) {
	if s.Node == nil || s.Node.Kind != Object {
		return
	}
	for _, m := range s.Node.Members {
		k, _ := s.Keyword(m.Name)
		switch {
		case slices.Contains(schemaValued, m.Name):
			if m.Value.Kind == Object || m.Value.Kind == Bool {
				f(k)
			}
		case slices.Contains(schemaArrays, m.Name) && m.Value.Kind == Array:
			for i := range m.Value.Items {
				f(k.Item(i))
			}
		case slices.Contains(schemaObjects, m.Name) && m.Value.Kind == Object:
			for _, sub := range m.Value.Members {
				f(k.Member(sub.Name))
			}
		}
	}
}

// Base is the base URI $refs in s resolve against: that of the nearest
// enclosing schema with an $id, or the file's.
func (s Schema) Base() string {
	ptr := s.Pointer
	for {
		if b, ok := s.Doc.bases[ptr]; ok {
			return b
		}
		i := strings.LastIndex(ptr, "/")
		if i < 0 {
			return s.Doc.URI
		}
		ptr = ptr[:i]
	}
}

// Resolve follows a $ref written in from. The reference may name another
// file of the same provider (relative to this one), a schema with an $id,
// a JSON pointer fragment or an $anchor.
func (p *Provider) Resolve(from Schema, ref string) (Schema, error) {
	base, err := url.Parse(from.Base())
	if err != nil {
		return Schema{}, err
	}
	u, err := base.Parse(ref)
	if err != nil {
		return Schema{}, fmt.Errorf("$ref %q is not a valid URI reference: %v", ref, err)
	}
	frag := u.Fragment
	u.Fragment = ""
	u.RawFragment = ""
	var res Schema
	if doc := p.byURI[u.String()]; doc != nil {
		res = doc.RootSchema()
	} else if r, ok := p.resources[u.String()]; ok {
		res = r
	} else if u.Scheme != "file" {
		return Schema{}, fmt.Errorf("$ref %q: %s is outside provider folder %s (no file there has it as $id, and no \"remotes\" entry of %s covers it)", ref, u, p.Dir, ManifestName)
	} else {
		return Schema{}, fmt.Errorf("$ref %q: no schema file %s in %s", ref, path.Base(u.Path), p.Dir)
	}
	if frag == "" {
		return res, nil
	}
	if strings.HasPrefix(frag, "/") {
		n, done := res.Doc.lookup(res.Pointer + frag)
		if done != res.Pointer+frag {
			return Schema{}, fmt.Errorf("$ref %q: %s has nothing at #%s", ref, res.Doc.Path, res.Pointer+frag)
		}
		return Schema{Doc: res.Doc, Node: n, Pointer: res.Pointer + frag}, nil
	}
	if s, ok := findAnchor(res, frag); ok {
		return s, nil
	}
	return Schema{}, fmt.Errorf("$ref %q: %s has no $anchor %q", ref, res.Doc.Path, frag)
}

// findAnchor finds the $anchor in the schema resource s: sub-schemas with
// an $id of their own are other resources, whose anchors are theirs. In
// draft-07 a plain-name fragment $id ("#foo") is the anchor; in 2020-12 a
// $dynamicAnchor is also a plain anchor.
func findAnchor(s Schema, anchor string) (Schema, bool) {
	var found Schema
	ok := false
	var walk func(c Schema)
	walk = func(c Schema) {
		if ok || c.Node == nil || c.Node.Kind != Object {
			return
		}
		if id := c.Node.Get("$id"); id != nil && id.Kind == String && c.Pointer != s.Pointer && !strings.HasPrefix(id.Str, "#") {
			return // another resource
		}
		if a := c.Node.Get("$anchor"); a != nil && a.Kind == String && a.Str == anchor {
			found, ok = c, true
			return
		}
		if a := c.Node.Get("$dynamicAnchor"); a != nil && a.Kind == String && a.Str == anchor && c.Doc.Draft == Draft2020 {
			found, ok = c, true
			return
		}
		walkChildren(c, walk)
	}
	walk(s)
	return found, ok
}

// subschemaKeywords are the keywords whose value is a schema, an array of
// schemas, or an object of schemas.
var (
	schemaValued  = []string{"additionalProperties", "items", "contains", "not", "if", "then", "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems"}
	schemaArrays  = []string{"allOf", "anyOf", "oneOf", "prefixItems"}
	schemaObjects = []string{"$defs", "definitions", "properties", "patternProperties", "dependentSchemas"}
)

// walkSchemas calls f on s and every sub-schema below it, in document order.
func walkSchemas(s Schema, f func(Schema)) {
	if s.Node == nil || s.Node.Kind != Object {
		return
	}
	f(s)
	for _, m := range s.Node.Members {
		k, _ := s.Keyword(m.Name)
		switch {
		case slices.Contains(schemaValued, m.Name):
			walkSchemas(k, f)
		case slices.Contains(schemaArrays, m.Name) && m.Value.Kind == Array:
			for i := range m.Value.Items {
				walkSchemas(k.Item(i), f)
			}
		case slices.Contains(schemaObjects, m.Name) && m.Value.Kind == Object:
			for _, sub := range m.Value.Members {
				walkSchemas(k.Member(sub.Name), f)
			}
		}
	}
}

// checkRefs reports every $ref in the document that does not resolve.
func (p *Provider) checkRefs(root Schema, diags *diag.List) {
	walkSchemas(root, func(s Schema) {
		ref, ok := s.Keyword("$ref")
		if !ok || ref.Node.Kind != String {
			return
		}
		if _, err := p.Resolve(s, ref.Node.Str); err != nil {
			diags.Add(ref.Pos(), "%v", err)
		}
	})
}

// Compiler returns a jsonschema/v5 compiler that knows every document of the
// provider by its URI, asserts formats (unless the manifest makes them
// annotations), and loads nothing from outside.
func (p *Provider) Compiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = !p.Manifest.AnnotateFormats()
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("%s is not a schema file of provider %s", s, p.Name)
	}
	p.compilerResources(func(uri string, data []byte) {
		if err := c.AddResource(uri, bytes.NewReader(data)); err != nil {
			panic(err) // documents were parsed already; this cannot fail
		}
	})
	return c
}

// compilerBytes is the document as the compiler is given it. jsonschema/v5
// resolves a relative root $id against the URL a document is added at;
// hookgen resolves it against the provider folder (GitHub's
// common/user.schema.json says "$id": "common/user.schema.json"). So a
// relative root $id is replaced by the absolute URI hookgen gave the file,
// and both read its $refs against the same base.
func compilerBytes(d *Document) []byte {
	id := d.Root.Get("$id")
	if id == nil || id.Kind != String {
		return d.Raw
	}
	if u, err := url.Parse(id.Str); err != nil || u.IsAbs() {
		return d.Raw
	}
	dec := json.NewDecoder(bytes.NewReader(d.Raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return d.Raw
	}
	doc["$id"] = d.URI
	out, err := json.Marshal(doc)
	if err != nil {
		return d.Raw
	}
	return out
}
