package model

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/naming"
)

// Keyword classes. Every keyword a schema uses must be in one of them, so a
// typo ("requried") or a construct hookgen cannot honour is an error instead
// of being silently ignored.
var (
	// annotationKeywords carry no constraint that changes the Go type.
	annotationKeywords = set("$schema", "$id", "$comment", "$defs", "definitions", "$anchor",
		"title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
		"contentEncoding", "contentMediaType")
	// shapeKeywords decide the Go type.
	shapeKeywords = set("type", "properties", "required", "items", "additionalProperties",
		"enum", "const", "$ref", "oneOf", "anyOf", "allOf", "format")
	// constraintKeywords restrict values without changing the Go type. The
	// jsonschema/v5 oracle enforces them today; generated validators will.
	constraintKeywords = set("minLength", "maxLength", "pattern", "minimum", "maximum",
		"exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
		"uniqueItems", "minProperties", "maxProperties", "dependentRequired", "contains",
		"minContains", "maxContains")
	// unsupportedKeywords are valid JSON Schema that hookgen cannot turn into
	// Go types yet.
	unsupportedKeywords = set("not", "if", "then", "else", "patternProperties", "propertyNames",
		"dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "prefixItems",
		"$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "$vocabulary",
		"contentSchema", "additionalItems", "dependencies")
	// refSiblings may stand beside $ref without changing what it means here.
	refSiblings = set("$comment", "title", "description", "default", "examples", "deprecated",
		"readOnly", "writeOnly", "x-go-name", "$schema", "$id", "$defs", "definitions", "$anchor")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

type builder struct {
	prov     *load.Provider
	pkg      *Package
	diags    diag.List
	refs     map[string]Ref  // schema location → its Go type, so each is built once
	visiting map[string]bool // locations being built, to catch $ref cycles
	names    map[string]claim
	checked  map[string]bool // locations whose keywords were checked
}

// claim records who took a Go identifier, to name both sides of a clash.
type claim struct {
	what string
	pos  diag.Pos
}

// Build makes the Package for one provider, or returns every problem found
// as a *diag.Error.
func Build(p *load.Provider) (*Package, error) {
	b := &builder{
		prov:     p,
		refs:     map[string]Ref{},
		visiting: map[string]bool{},
		names:    map[string]claim{},
		checked:  map[string]bool{},
	}
	b.pkg = &Package{Provider: p.Name, Name: naming.PackageName(p.Name), Title: p.Manifest.Title,
		Doc: p.Manifest.Description, Docs: p.Manifest.Docs}
	if p.Manifest.Package != "" {
		b.pkg.Name = p.Manifest.Package
	}
	if !naming.IsPackageName(b.pkg.Name) {
		pos := p.Manifest.Pos
		if pos.File == "" {
			pos = diag.Pos{File: p.Dir}
		}
		b.diags.Add(pos, "cannot derive a Go package name from folder %q; set \"package\" in %s", p.Name, load.ManifestName)
	}
	if b.pkg.Title == "" {
		b.pkg.Title = p.Name
	}
	for _, n := range RuntimeNames {
		b.names[n] = claim{what: "a type of the hookgen runtime (" + strings.Join(RuntimeNames, ", ") + ")"}
	}
	for _, d := range p.Docs {
		root := d.RootSchema()
		if !definitionsOnly(root) {
			b.typeAt(root, true)
		} else {
			b.checkKeywords(root)
		}
		for _, kw := range []string{"$defs", "definitions"} {
			defs, ok := root.Keyword(kw)
			if !ok {
				continue
			}
			for _, m := range defs.Node.Members {
				b.typeAt(defs.Member(m.Name), true)
			}
		}
	}
	b.finish()
	if err := b.diags.Err(); err != nil {
		return nil, err
	}
	return b.pkg, nil
}

// definitionsOnly reports whether a file only holds shared $defs, with no
// schema of its own at the root (no type of its own is generated for it).
func definitionsOnly(s load.Schema) bool {
	if s.Node.Kind != load.Object {
		return false
	}
	for _, m := range s.Node.Members {
		if shapeKeywords[m.Name] || constraintKeywords[m.Name] || unsupportedKeywords[m.Name] {
			return false
		}
	}
	return true
}

// typeAt returns the Go type for the schema at s. named says s is a file's
// root or a $defs entry: those get a declared Go type even when they are a
// plain string or slice, so the name in the schema is the name in Go.
func (b *builder) typeAt(s load.Schema, named bool) Ref {
	if s.Node.Kind == load.Bool {
		return Ref{Kind: Raw}
	}
	key := s.Key()
	if r, ok := b.refs[key]; ok {
		return r
	}
	if b.visiting[key] {
		b.diags.Add(s.Pos(), "$ref cycle that never reaches a type")
		return Ref{Kind: Raw}
	}
	b.visiting[key] = true
	defer delete(b.visiting, key)
	b.checkKeywords(s)

	if ref, ok := s.Keyword("$ref"); ok {
		target, err := b.prov.Resolve(s, ref.Node.Str)
		if err != nil {
			b.diags.Add(ref.Pos(), "%v", err)
			return Ref{Kind: Raw}
		}
		r := b.typeAt(target, isDeclaration(target))
		b.refs[key] = r
		return r
	}
	if one, ok := singleAllOf(s); ok {
		r := b.typeAt(one, false)
		b.refs[key] = r
		return r
	}

	r := b.shape(s, named)
	b.refs[key] = r
	return r
}

// isDeclaration reports whether s is a root or a $defs entry.
func isDeclaration(s load.Schema) bool {
	if s.Pointer == "" {
		return true
	}
	toks := strings.Split(s.Pointer, "/")
	return len(toks) >= 3 && (toks[len(toks)-2] == "$defs" || toks[len(toks)-2] == "definitions")
}

// singleAllOf handles the idiom {"allOf": [{"$ref": ...}]} that older
// schemas use to put annotations beside a reference.
func singleAllOf(s load.Schema) (load.Schema, bool) {
	all, ok := s.Keyword("allOf")
	if !ok || all.Node.Kind != load.Array || len(all.Node.Items) != 1 {
		return load.Schema{}, false
	}
	return all.Item(0), true
}

// checkKeywords reports unknown and unsupported keywords, and keywords
// beside $ref that would change its meaning.
func (b *builder) checkKeywords(s load.Schema) {
	if s.Node.Kind != load.Object || b.checked[s.Key()] {
		return
	}
	b.checked[s.Key()] = true
	_, hasRef := s.Keyword("$ref")
	for _, m := range s.Node.Members {
		k, _ := s.Keyword(m.Name)
		switch {
		case m.Name == "x-go-name":
			if m.Value.Kind != load.String || !naming.IsExportedIdent(m.Value.Str) {
				b.diags.Add(k.Pos(), "x-go-name must be an exported Go identifier")
			}
		case strings.HasPrefix(m.Name, "x-"):
			// extensions are for tools; ignored here by design
		case unsupportedKeywords[m.Name]:
			b.diags.Unsupported(k.Pos(), "keyword %q", m.Name)
			continue
		case m.Name == "allOf":
			if _, ok := singleAllOf(s); !ok {
				b.diags.Unsupported(k.Pos(), "keyword \"allOf\" with more than one branch (write the merged object, or $ref shared parts property by property)")
				continue
			}
		case annotationKeywords[m.Name] || shapeKeywords[m.Name] || constraintKeywords[m.Name]:
		default:
			b.diags.Add(k.Pos(), "unknown keyword %q (extensions must start with \"x-\")", m.Name)
			continue
		}
		if hasRef && !refSiblings[m.Name] && m.Name != "$ref" && !strings.HasPrefix(m.Name, "x-") {
			b.diags.Unsupported(k.Pos(), "keyword %q beside $ref (move it into the referenced schema)", m.Name)
		}
	}
}

// jsonTypes returns the non-null JSON types s allows and whether it also
// allows null. With no "type" keyword the types are inferred from the
// keywords that imply one; none at all means any value.
func jsonTypes(s load.Schema) (types []string, nullable bool) {
	if t, ok := s.Keyword("type"); ok {
		var all []string
		if t.Node.Kind == load.String {
			all = []string{t.Node.Str}
		} else {
			for _, it := range t.Node.Items {
				all = append(all, it.Str)
			}
		}
		for _, ty := range all {
			if ty == "null" {
				nullable = true
			} else {
				types = append(types, ty)
			}
		}
		// Every integer is a number: ["integer", "number"] is a number.
		if slices.Contains(types, "number") {
			types = slices.DeleteFunc(types, func(t string) bool { return t == "integer" })
		}
		return types, nullable
	}
	var values []*load.Node
	if e, ok := s.Keyword("enum"); ok {
		values = e.Node.Items
	} else if c, ok := s.Keyword("const"); ok {
		values = []*load.Node{c.Node}
	}
	if values != nil {
		seen := map[string]bool{}
		for _, v := range values {
			ty := kindType(v)
			if ty == "null" {
				nullable = true
			} else if !seen[ty] {
				seen[ty] = true
				types = append(types, ty)
			}
		}
		if slices.Contains(types, "number") {
			types = slices.DeleteFunc(types, func(t string) bool { return t == "integer" })
		}
		return types, nullable
	}
	switch {
	case s.Node.Get("properties") != nil || s.Node.Get("additionalProperties") != nil || s.Node.Get("required") != nil:
		return []string{"object"}, false
	case s.Node.Get("items") != nil:
		return []string{"array"}, false
	}
	return nil, false
}

func kindType(n *load.Node) string {
	switch n.Kind {
	case load.Null:
		return "null"
	case load.Bool:
		return "boolean"
	case load.Number:
		if isInteger(n.Str) {
			return "integer"
		}
		return "number"
	case load.String:
		return "string"
	case load.Array:
		return "array"
	}
	return "object"
}

// isInteger reports whether a JSON number literal has an integer value
// (1.0 and 1e2 do, as JSON Schema counts them).
func isInteger(lit string) bool {
	var f json.Number = json.Number(lit)
	if _, err := f.Int64(); err == nil {
		return true
	}
	v, err := f.Float64()
	return err == nil && v == float64(int64(v))
}

// shape builds the Go type of a schema that is not a $ref.
func (b *builder) shape(s load.Schema, named bool) Ref {
	_, hasOneOf := s.Keyword("oneOf")
	_, hasAnyOf := s.Keyword("anyOf")
	if hasOneOf && hasAnyOf {
		b.diags.Unsupported(s.Pos(), "oneOf and anyOf in the same schema")
		return Ref{Kind: Raw}
	}
	if hasOneOf || hasAnyOf {
		return b.union(s, named)
	}
	types, nullable := jsonTypes(s)
	if len(types) != 1 {
		// Any value, only null, or several kinds (string or integer, say):
		// keep the JSON as written; the doc comment and validation say more.
		return Ref{Kind: Raw}
	}
	var r Ref
	switch types[0] {
	case "object":
		r = b.object(s, named)
	case "array":
		r = b.array(s, named)
	case "string":
		r = b.scalar(s, named, "string")
	case "integer":
		r = b.scalar(s, named, "int64")
	case "number":
		r = b.scalar(s, named, "float64")
	case "boolean":
		r = b.scalar(s, named, "bool")
	default:
		return Ref{Kind: Raw}
	}
	r.Nullable = nullable
	return r
}

func (b *builder) object(s load.Schema, named bool) Ref {
	props, hasProps := s.Keyword("properties")
	ap, hasAP := s.Keyword("additionalProperties")
	apSchema := hasAP && !(ap.Node.Kind == load.Bool)
	if !hasProps || len(props.Node.Members) == 0 {
		_, hasRequired := s.Keyword("required")
		if !hasRequired {
			// A map: the value type comes from additionalProperties.
			elem := Ref{Kind: Raw}
			if apSchema {
				elem = b.typeAt(ap, false)
			}
			return b.define(s, named, Ref{Kind: Map, Elem: &elem})
		}
	}
	if apSchema {
		b.diags.Unsupported(ap.Pos(), "additionalProperties with a schema beside properties (known and extra properties in one struct)")
	}
	t := b.declare(s, Struct)
	r := Ref{Kind: Named, Type: t}
	b.refs[s.Key()] = r // before the fields, so a recursive $ref finds it

	required := map[string]bool{}
	var requiredOrder []string
	if req, ok := s.Keyword("required"); ok {
		for _, it := range req.Node.Items {
			required[it.Str] = true
			requiredOrder = append(requiredOrder, it.Str)
		}
	}
	fieldNames := map[string]claim{}
	addField := func(f *Field, what string) {
		if f.Name == "" {
			b.diags.Add(f.Pos, "property %q has no letters or digits to make a Go name of; set x-go-name", f.JSONName)
			return
		}
		if prev, ok := fieldNames[f.Name]; ok {
			b.diags.Add(f.Pos, "field name %s of %s is also the name of %s (%s); set x-go-name on one", f.Name, t.Name, prev.what, prev.pos)
			return
		}
		fieldNames[f.Name] = claim{what: what, pos: f.Pos}
		t.Fields = append(t.Fields, f)
	}
	if hasProps {
		for _, m := range props.Node.Members {
			ps := props.Member(m.Name)
			ref := b.typeAt(ps, false)
			f := &Field{
				Name:     goName(ps, naming.Exported(m.Name)),
				JSONName: m.Name,
				Doc:      docOf(ps),
				Type:     ref,
				Pos:      ps.Pos(),
			}
			f.State = fieldState(required[m.Name], ref)
			addField(f, fmt.Sprintf("property %q", m.Name))
		}
	}
	// A property that is required but has no schema may hold any value.
	for _, name := range requiredOrder {
		if hasProps && props.Node.Get(name) != nil {
			continue
		}
		req, _ := s.Keyword("required")
		addField(&Field{Name: naming.Exported(name), JSONName: name, Type: Ref{Kind: Raw}, State: Required, Pos: req.Pos()},
			fmt.Sprintf("required property %q", name))
	}
	return r
}

func fieldState(required bool, r Ref) FieldState {
	if r.Kind == Raw {
		// json.RawMessage holds null itself and is nil when absent.
		if required {
			return Required
		}
		return Optional
	}
	switch {
	case required && r.Nullable:
		return Nullable
	case required:
		return Required
	case r.Nullable:
		return OptionalNullable
	default:
		return Optional
	}
}

func (b *builder) array(s load.Schema, named bool) Ref {
	elem := Ref{Kind: Raw}
	if items, ok := s.Keyword("items"); ok {
		elem = b.typeAt(items, false)
	}
	return b.define(s, named, Ref{Kind: Slice, Elem: &elem})
}

func (b *builder) scalar(s load.Schema, named bool, builtin string) Ref {
	base := Ref{Kind: Builtin, Builtin: builtin}
	if builtin == "string" {
		if f, ok := s.Keyword("format"); ok && f.Node.Str == "date-time" {
			// time.Time keeps its JSON methods only as itself, never as a
			// defined type, so a named date-time schema stays time.Time.
			return Ref{Kind: Time}
		}
	}
	if e, ok := s.Keyword("enum"); ok && (builtin == "string" || builtin == "int64") {
		return b.enum(s, e, base)
	}
	return b.define(s, named, base)
}

func (b *builder) enum(s, e load.Schema, base Ref) Ref {
	t := b.declare(s, Enum)
	t.Base = base
	for i, v := range e.Node.Items {
		var val any
		var text string
		switch {
		case v.Kind == load.Null:
			continue // null is the Nullable state, not a constant
		case base.Builtin == "string" && v.Kind == load.String:
			val, text = v.Str, v.Str
		case base.Builtin == "int64" && v.Kind == load.Number && isInteger(v.Str):
			n, err := json.Number(v.Str).Int64()
			if err != nil {
				f, _ := json.Number(v.Str).Float64()
				n = int64(f)
			}
			val, text = n, fmt.Sprint(n)
		default:
			b.diags.Add(e.Item(i).Pos(), "enum value %s is not a %s like the schema's type", v.Str, base.Builtin)
			continue
		}
		name := naming.EnumConstant(t.Name, text, i)
		b.claim(name, fmt.Sprintf("enum value %q", text), e.Item(i).Pos())
		t.Values = append(t.Values, EnumValue{Name: name, Value: val})
	}
	return Ref{Kind: Named, Type: t}
}

// define declares `type Name <r>` for a root or $defs entry, and returns r
// unchanged elsewhere.
func (b *builder) define(s load.Schema, named bool, r Ref) Ref {
	if !named {
		return r
	}
	t := b.declare(s, Defined)
	t.Base = r
	return Ref{Kind: Named, Type: t}
}

// union builds a oneOf/anyOf: either the nullable idiom [X, {"type": "null"}]
// or a sum of objects told apart by a discriminator property.
func (b *builder) union(s load.Schema, named bool) Ref {
	kw := "oneOf"
	branches, ok := s.Keyword("oneOf")
	if !ok {
		kw = "anyOf"
		branches, _ = s.Keyword("anyOf")
	}
	for _, m := range s.Node.Members {
		if m.Name != kw && m.Name != "type" && !annotationKeywords[m.Name] && m.Name != "x-go-name" && !constraintKeywords[m.Name] {
			k, _ := s.Keyword(m.Name)
			b.diags.Unsupported(k.Pos(), "keyword %q beside %s (put it in every branch)", m.Name, kw)
			return Ref{Kind: Raw}
		}
	}
	var alts []load.Schema
	nullable := false
	for i := range branches.Node.Items {
		br := branches.Item(i)
		if types, null := jsonTypes(br); null && len(types) == 0 && br.Node.Get("$ref") == nil {
			nullable = true
			continue
		}
		alts = append(alts, br)
	}
	if len(alts) == 1 {
		r := b.typeAt(alts[0], false)
		r.Nullable = r.Nullable || nullable
		return r
	}
	// A sum: every branch an object that pins the same required property
	// with a distinct string const.
	type pins map[string]string
	var targets []load.Schema
	var all []pins
	for _, br := range alts {
		target := b.follow(br)
		p := pins{}
		props := target.Node.Get("properties")
		req := target.Node.Get("required")
		if props != nil && req != nil {
			for _, r := range req.Items {
				if c := props.Get(r.Str).Get("const"); c != nil && c.Kind == load.String {
					p[r.Str] = c.Str
				}
			}
		}
		targets = append(targets, target)
		all = append(all, p)
	}
	disc := ""
	if first := targets[0].Node.Get("properties"); first != nil && first.Kind == load.Object {
		// Candidates in the first branch's property order, for determinism.
		for _, m := range first.Members {
			if _, ok := all[0][m.Name]; !ok {
				continue
			}
			seen := map[string]bool{}
			good := true
			for _, p := range all {
				v, ok := p[m.Name]
				if !ok || seen[v] {
					good = false
					break
				}
				seen[v] = true
			}
			if good {
				disc = m.Name
				break
			}
		}
	}
	if disc == "" {
		b.diags.Unsupported(branches.Pos(), "%s without a discriminator: each branch must be an object whose required property (the same in all) is pinned by a distinct string const", kw)
		return Ref{Kind: Raw}
	}
	t := b.declare(s, Sum)
	t.Discriminator = disc
	t.Unknown = t.Name + "Unknown"
	t.Decoder = "Unmarshal" + t.Name
	t.Marker = "is" + t.Name
	b.claim(t.Unknown, "the unknown variant of "+t.Name, s.Pos())
	b.claim(t.Decoder, "the decoder of "+t.Name, s.Pos())
	r := Ref{Kind: Named, Type: t, Nullable: nullable}
	b.refs[s.Key()] = r
	for i, br := range alts {
		vr := b.typeAt(br, false)
		if vr.Kind != Named || vr.Type.Kind != Struct {
			b.diags.Add(br.Pos(), "%s branch is not an object type", kw)
			continue
		}
		t.Variants = append(t.Variants, Variant{Value: all[i][disc], Type: vr.Type})
		if t.DiscriminatorName == "" {
			for _, f := range vr.Type.Fields {
				if f.JSONName == disc {
					t.DiscriminatorName = f.Name
				}
			}
		}
		if !slices.Contains(vr.Type.Implements, t) {
			vr.Type.Implements = append(vr.Type.Implements, t)
		}
	}
	slices.SortFunc(t.Variants, func(a, b Variant) int { return strings.Compare(a.Value, b.Value) })
	return r
}

// follow resolves a chain of $refs to the schema that has the content.
func (b *builder) follow(s load.Schema) load.Schema {
	for i := 0; i < 100; i++ {
		ref := s.Node.Get("$ref")
		if ref == nil || ref.Kind != load.String {
			return s
		}
		next, err := b.prov.Resolve(s, ref.Str)
		if err != nil {
			return s
		}
		s = next
	}
	return s
}

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
		case "oneOf", "anyOf", "allOf":
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
	if n := s.Node.Get("x-go-name"); n != nil && n.Kind == load.String && naming.IsExportedIdent(n.Str) {
		return n.Str
	}
	return def
}

// docOf joins title and description into a doc comment body. A title
// gets a full stop if it has none, or gofmt would take it for a heading.
func docOf(s load.Schema) string {
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

// finish sorts the package and checks what can only be seen whole.
func (b *builder) finish() {
	for _, t := range b.pkg.Types {
		switch t.Kind {
		case Struct:
			for _, f := range t.Fields {
				switch {
				case f.Type.IsSum():
					t.DecodesSums = true
				case f.Type.Kind == Slice && f.Type.Elem.IsSum() && !f.Type.Elem.Nullable:
					t.DecodesSums = true
				case containsSum(f.Type):
					b.diags.Unsupported(f.Pos, "a sum type nested in %s; hookgen decodes sums held directly or in an array", describe(f.Type))
				}
			}
			slices.SortFunc(t.Implements, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
		case Defined:
			if containsSum(t.Base) {
				b.diags.Unsupported(t.Pos, "a sum type nested in %s; hookgen decodes sums held directly or in an array of a property", describe(t.Base))
			}
		}
	}
	slices.SortFunc(b.pkg.Types, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(b.pkg.Files, func(a, b *File) int { return strings.Compare(a.Name, b.Name) })
	for _, f := range b.pkg.Files {
		slices.SortStableFunc(f.Types, func(a, b *Type) int { return cmp.Compare(a.offset, b.offset) })
	}
}

func containsSum(r Ref) bool {
	switch r.Kind {
	case Named:
		return r.Type.Kind == Sum
	case Slice, Map:
		return containsSum(*r.Elem)
	}
	return false
}

func describe(r Ref) string {
	switch r.Kind {
	case Slice:
		return "an array"
	case Map:
		return "a map"
	}
	return "a value"
}
