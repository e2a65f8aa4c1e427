package model

import (
	"cmp"
	"fmt"
	"math/big"
	"regexp"
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
	// annotationKeywords carry no constraint.
	annotationKeywords = set("$schema", "$id", "$comment", "$defs", "definitions", "$anchor",
		"$dynamicAnchor", "$recursiveAnchor", // load turned the references to them into $refs
		"title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
		"contentEncoding", "contentMediaType", "contentSchema")
	// typedKeywords can be honoured by a Go type plus generated checks.
	typedKeywords = set("type", "properties", "required", "items", "additionalProperties",
		"enum", "const", "$ref", "oneOf", "anyOf", "allOf", "format",
		"minLength", "maxLength", "pattern", "minimum", "maximum",
		"exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
		"uniqueItems", "minProperties", "maxProperties", "dependentRequired", "prefixItems",
		"unevaluatedProperties", "unevaluatedItems") // where what they see is known (unevaluated.go)
	// rawOnlyKeywords have no Go type of their own: a value under one is
	// kept as raw JSON and validated by the schema-table interpreter.
	rawOnlyKeywords = set("not", "if", "then", "else", "patternProperties", "propertyNames",
		"dependentSchemas", "contains", "minContains", "maxContains")
	// unsupportedKeywords are valid JSON Schema that hookgen cannot honour
	// at all yet.
	unsupportedKeywords = set("$dynamicRef", "$recursiveRef", "$vocabulary")
	// refSiblings may stand beside $ref and leave it a plain reference.
	refSiblings = set("$comment", "title", "description", "default", "examples", "deprecated",
		"readOnly", "writeOnly", "x-go-name", "$schema", "$id", "$defs", "definitions", "$anchor",
		"$dynamicAnchor", "$recursiveAnchor")
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
	tables   map[string]*RawSchema
	patterns map[string]*Pattern
	// early: named containers declared before their elements are built
	// (predeclare), which define and rawRef then complete.
	early map[string]*Type
	guard guard // recursion guards of the paths that follow $refs (recursion.go)
}

// claim records who took a Go identifier, to name both sides of a clash.
type claim struct {
	what string
	pos  diag.Pos
}

// Options say what to build besides types and validators.
type Options struct {
	// Examples are the provider's test payloads (may be empty); Testdata
	// is their folder relative to the generated package.
	Examples []load.Example
	Testdata string
	// NoRouter leaves out the event router.
	NoRouter bool
	// Package overrides the package name from the manifest or folder.
	Package string
	// ImportPath is the generated package's import path, for its doc.
	ImportPath string
}

// Build makes the Package for one provider, or returns every problem found
// as a *diag.Error.
func Build(p *load.Provider, opts Options) (*Package, error) {
	b := &builder{
		prov:     p,
		refs:     map[string]Ref{},
		visiting: map[string]bool{},
		names:    map[string]claim{},
		checked:  map[string]bool{},
		tables:   map[string]*RawSchema{},
		patterns: map[string]*Pattern{},
		early:    map[string]*Type{},
	}
	b.pkg = &Package{Provider: p.Name, Name: naming.PackageName(p.Name), Title: p.Manifest.Title,
		Doc: p.Manifest.Description, Docs: p.Manifest.Docs}
	if p.Manifest.Package != "" {
		b.pkg.Name = p.Manifest.Package
	}
	if opts.Package != "" {
		b.pkg.Name = opts.Package
	}
	b.pkg.ImportPath = opts.ImportPath
	if !naming.IsPackageName(b.pkg.Name) {
		pos := p.Manifest.Pos
		if pos.File == "" {
			pos = b.folderPos()
		}
		b.diags.Add(pos, "%q is not a Go package name that can be imported (lower-case letters and digits, not a keyword or \"main\"); set \"package\" in %s", b.pkg.Name, load.ManifestName)
	}
	if b.pkg.Title == "" {
		b.pkg.Title = p.Name
	}
	if sg := p.Manifest.Signing; sg != nil {
		b.pkg.Signing, b.pkg.SignatureHeader, b.pkg.SignaturePrefix = sg.Scheme, sg.Header, sg.Prefix
		b.pkg.SignatureEncoding, b.pkg.DeliveryIDHeader = sg.Encoding, sg.IDHeader
	}
	if id := p.Manifest.DeliveryID; id != "" {
		for _, tok := range strings.Split(strings.TrimPrefix(id, "/"), "/") {
			b.pkg.DeliveryID = append(b.pkg.DeliveryID, unescape(tok))
		}
	}
	b.reserveRuntime()
	for _, d := range p.Docs {
		root := d.RootSchema()
		if !definitionsOnly(root) {
			// A file's root must be a named type (for ValidateJSON) that
			// can hold every value the schema allows: a root that may be
			// null is kept as raw JSON, decided before anything is
			// declared for it.
			var r Ref
			if rootMayBeNull(root) {
				b.checkKeywords(root)
				r = b.rawRef(root, true, "it is the root of its file and may be null")
			} else {
				r = b.typeAt(root, true)
			}
			if r.Kind != Named || (r.Nullable && !(r.Type.Kind == Defined && r.Type.Base.Kind == Raw)) {
				// Only a reference or a single-branch allOf gets here: no
				// type was declared at the root itself.
				r = b.rawRef(root, true, "it is the root of its file and refers to a value that is not a named type, or may be null")
			}
			b.pkg.Roots = append(b.pkg.Roots, Root{Schema: strings.TrimSuffix(d.Name, ".json"), Type: r.Type})
		} else {
			b.checkKeywords(root)
		}
		for _, def := range root.Keywords().Defs {
			b.typeAt(def.Schema, true)
		}
	}
	slices.SortFunc(b.pkg.Roots, func(a, b Root) int { return strings.Compare(a.Schema, b.Schema) })
	if !opts.NoRouter {
		b.route()
		b.typeEventFields()
	}
	b.examples(opts.Examples, opts.Testdata)
	b.robust()
	b.finish()
	b.nameUnionKinds()
	b.describeTypes()
	if err := b.diags.Err(); err != nil {
		return nil, err
	}
	return b.pkg, nil
}

// rootMayBeNull reports whether a schema that declares its own type (no
// $ref, no allOf) also allows null.
func rootMayBeNull(s load.Schema) bool {
	k := s.Keywords()
	if k.Bool != nil || k.Ref != nil || k.AllOf != nil {
		return false
	}
	for _, branches := range [][]load.Schema{k.OneOf, k.AnyOf} {
		if _, nullable := unionAlternatives(branches); nullable {
			return true
		}
	}
	types, nullable := jsonTypes(s)
	return nullable && len(types) > 0
}

// definitionsOnly reports whether a file only holds shared $defs, with no
// schema of its own at the root (no type of its own is generated for it).
func definitionsOnly(s load.Schema) bool {
	k := s.Keywords()
	if k.Bool != nil || !(k.Has("$defs") || k.Has("definitions")) {
		return false
	}
	for _, name := range k.Names() {
		if !annotationKeywords[name] && !strings.HasPrefix(name, "x-") {
			return false
		}
	}
	return true
}

// typeAt returns the Go type for the schema at s. named says s is a file's
// root or a $defs entry: those get a declared Go type even when they are a
// plain string or slice, so the name in the schema is the name in Go.
func (b *builder) typeAt(s load.Schema, named bool) Ref {
	k := s.Keywords()
	if k.Bool != nil {
		// true or false: no Go type is worth a name (and a boolean cannot
		// carry x-go-name to settle a clash).
		return b.rawRef(s, false, "it is a boolean schema")
	}
	key := s.Key()
	if r, ok := b.refs[key]; ok {
		return r
	}
	if b.visiting[key] {
		// Re-entered through a $ref whose target is being built: a merged
		// allOf part's property can be reached again from inside the
		// recursion before its own typeAt returns. The target's struct is
		// declared before its fields, so the cycle does reach a type.
		if target := b.follow(s); target.Key() != key {
			if r, ok := b.refs[target.Key()]; ok {
				return r
			}
		}
		b.diags.Add(s.Pos(), "$ref cycle that never reaches a type")
		return Ref{Kind: Raw}
	}
	b.visiting[key] = true
	defer delete(b.visiting, key)
	b.checkKeywords(s)

	if reason := b.rawReason(s); reason != "" {
		r := b.rawRef(s, named, reason)
		b.refs[key] = r
		return r
	}
	if k.Ref != nil && !b.plainRef(s) {
		r := b.refType(s, named) // refsiblings.go
		b.refs[key] = r
		return r
	}
	if parts := b.unevaluatedParts(s); parts != nil {
		return b.merged(s, parts)
	}
	if k.Ref != nil {
		target, err := b.prov.Resolve(s, *k.Ref)
		if err != nil {
			b.diags.Add(k.Pos("$ref"), "%v", err)
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
	if parts := b.mergeParts(s); parts != nil {
		return b.merged(s, parts)
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
	k := s.Keywords()
	if len(k.AllOf) != 1 {
		return load.Schema{}, false
	}
	for _, name := range k.Names() {
		if name != "allOf" && !refSiblings[name] && !strings.HasPrefix(name, "x-") {
			return load.Schema{}, false
		}
	}
	return k.AllOf[0], true
}

// checkKeywords reports unknown and unsupported keywords, bad x-go-names,
// patterns Go cannot compile and formats hookgen cannot assert.
func (b *builder) checkKeywords(s load.Schema) {
	k := s.Keywords()
	if k.Bool != nil || b.checked[s.Key()] {
		return
	}
	b.checked[s.Key()] = true
	for _, name := range k.Names() {
		switch {
		case name == "x-go-name":
			if k.GoName == nil || !naming.IsExportedIdent(*k.GoName) {
				b.diags.Add(k.Pos(name), "x-go-name must be an exported Go identifier")
			}
		case name == enumVarNamesKeyword:
			b.checkEnumVarNames(s)
		case strings.HasPrefix(name, "x-"):
			// extensions are for tools; ignored here by design
		case unsupportedKeywords[name]:
			b.diags.Unsupported(k.Pos(name), "keyword %q", name)
		case name == "pattern" && k.Pattern != nil:
			if _, err := regexp.Compile(*k.Pattern); err != nil {
				b.diags.Unsupported(k.Pos(name), "pattern %q is not in the syntax of Go's regexp (RE2): %v", *k.Pattern, err)
			}
		case name == "patternProperties":
			for _, pp := range k.PatternProperties {
				if _, err := regexp.Compile(pp.Name); err != nil {
					b.diags.Unsupported(pp.Schema.Pos(), "pattern %q is not in the syntax of Go's regexp (RE2): %v", pp.Name, err)
				}
			}
		case name == "format" && k.Format != nil:
			if _, ok := formatCheckers[*k.Format]; !ok && referenceFormats[*k.Format] {
				b.diags.Unsupported(k.Pos(name), "format %q (hookgen asserts %s)", *k.Format, strings.Join(sortedKeys(formatCheckers), ", "))
			}
		case annotationKeywords[name] || typedKeywords[name] || rawOnlyKeywords[name]:
		default:
			b.diags.Add(k.Pos(name), "unknown keyword %q (extensions must start with \"x-\", or be declared in %s: \"extensions\": [%q])", name, load.ManifestName, name)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// rawReason says why the schema at s cannot be a Go type of its own and
// must be kept as raw JSON, or "" when it can be typed. A Go type is
// chosen only when it, with the generated checks, honours every keyword.
func (b *builder) rawReason(s load.Schema) string {
	if !b.guard.enter("rawReason", s.Key()) {
		return "it refers to itself through oneOf or anyOf"
	}
	defer b.guard.leave("rawReason", s.Key())
	if why, decided := b.unevaluatedReason(s); decided {
		return why
	}
	assert, why := b.assertive(s) // assertions beside properties (assert.go)
	if why != "" {
		return why
	}
	k := s.Keywords()
	own, ownWhy := b.ownKeywords(s) // maps with key constraints, contains (keys.go)
	for _, name := range k.Names() {
		if rawOnlyKeywords[name] && !(assert && assertKeywords[name]) && !own[name] {
			if ownWhy != "" && (keyKeywords[name] || containsKeywords[name]) {
				return ownWhy
			}
			return fmt.Sprintf("it uses %q", name)
		}
	}
	if k.Has("allOf") && !assert {
		if _, single := singleAllOf(s); single {
			return ""
		}
		if b.mergeParts(s) != nil {
			return ""
		}
		return "it uses \"allOf\""
	}
	if k.Has("$ref") {
		return b.refReason(s) // refsiblings.go
	}
	hasOneOf, hasAnyOf := k.Has("oneOf"), k.Has("anyOf")
	if (hasOneOf || hasAnyOf) && !assert {
		if hasOneOf && hasAnyOf {
			return "it uses both oneOf and anyOf"
		}
		if why := b.unionReason(s); why != "" {
			return why
		}
		return ""
	}
	types, _ := jsonTypes(s)
	switch {
	case len(types) == 0:
		if _, null := jsonTypes(s); null {
			return "" // struct{}: only null
		}
		return "it allows any JSON value"
	case len(types) > 1:
		hasEnum, hasConst := k.Has("enum"), k.Has("const")
		for _, t := range types {
			if t == "object" || t == "array" || hasEnum || hasConst {
				return "it allows " + strings.Join(types, " or ")
			}
		}
		return "" // a scalar union
	}
	hasEnum, hasConst := k.Has("enum"), k.Has("const")
	switch types[0] {
	case "object":
		if hasEnum || hasConst {
			return "it has an enum or const of objects"
		}
		if len(k.Properties) > 0 && k.AdditionalProperties != nil && k.AdditionalProperties.Keywords().Bool == nil {
			return "it has properties and additionalProperties with a schema"
		}
	case "array":
		if hasEnum || hasConst {
			return "it has an enum or const of arrays"
		}
		if why := tupleReason(s); why != "" {
			return why
		}
		if k.UniqueItems && (k.Items == nil || !b.scalarItems(*k.Items)) {
			return "it has uniqueItems on items that are not scalars"
		}
	case "number":
		if hasEnum {
			return "it has an enum of numbers"
		}
	}
	return ""
}

// scalarItems reports whether array items are typed strings, numbers or
// booleans, which generated code can compare for uniqueItems.
func (b *builder) scalarItems(items load.Schema) bool {
	target := b.follow(items)
	if target.Keywords().Bool != nil || target.Keywords().Has("$ref") || b.rawReason(target) != "" {
		return false
	}
	types, nullable := jsonTypes(target)
	if nullable || len(types) != 1 {
		return false
	}
	switch types[0] {
	case "string":
		f := target.Keywords().Format
		return f == nil || *f != "date-time"
	case "integer":
		// A json.Number compares as text: 1 and 1.0 would differ.
		return integerBuiltin(target) != NumberBuiltin
	case "number", "boolean":
		return true
	}
	return false
}

// unionReason says why a oneOf/anyOf cannot be typed: it must be the
// nullable idiom [X, {"type": "null"}] or a sum of typed objects that pin
// one required property with distinct string consts.
func (b *builder) unionReason(s load.Schema) string {
	if _, _, open := b.openEnumOf(s); open {
		return ""
	}
	k := s.Keywords()
	kw, branches := unionOf(k)
	for _, name := range k.Names() {
		if name == "additionalProperties" && b.closedBeside(s) {
			continue // sums.go: the variants carry it
		}
		if name != kw && name != "type" && !annotationKeywords[name] && name != "x-go-name" {
			return fmt.Sprintf("it has %q beside %s", name, kw)
		}
	}
	if k.Type != nil && !slices.Equal(k.Type, []string{"object"}) {
		return fmt.Sprintf("it has a type other than object beside %s", kw)
	}
	alts, _ := unionAlternatives(branches)
	switch len(alts) {
	case 0:
		return kw + " of only null"
	case 1:
		return ""
	}
	if _, _, ok := b.numberUnionBranches(alts); ok {
		return "" // an integer and a number (numunion.go)
	}
	if b.sameKind(kw, alts) != nil {
		return "" // one JSON type, branches with different rules (samekind.go)
	}
	_, err := b.discriminate(alts)
	if err == "" {
		return ""
	}
	if b.kindUnion(alts) != nil {
		return ""
	}
	if b.objectSum(alts) {
		return "" // sums.go
	}
	return kw + " " + err
}

// unionKinds is the order of a union's members, by JSON type.
var unionKinds = []string{"boolean", "integer", "number", "string", "array", "object"}

// kindUnion returns each branch's JSON type when the branches of a
// oneOf/anyOf are told apart by it: every branch a typed schema of one JSON
// type, no two of the same type ("integer" and "number" overlap). Then
// oneOf and anyOf mean the same: a value is valid when the branch of its
// JSON type accepts it. nil otherwise.
func (b *builder) kindUnion(alts []load.Schema) []string {
	var kinds []string
	for _, br := range alts {
		target := b.follow(br)
		if target.Keywords().Bool != nil || b.rawReason(target) != "" {
			return nil
		}
		if tk := target.Keywords(); tk.Has("oneOf") || tk.Has("anyOf") {
			return nil // a sum or union inside a union
		}
		types, _ := jsonTypes(target)
		if len(types) != 1 || slices.Contains(kinds, types[0]) {
			return nil
		}
		kinds = append(kinds, types[0])
	}
	if slices.Contains(kinds, "integer") && slices.Contains(kinds, "number") {
		return nil
	}
	return kinds
}

// unionOf returns the keyword of a oneOf/anyOf, oneOf when the schema has
// both, and its branches.
func unionOf(k *load.Keywords) (kw string, branches []load.Schema) {
	if k.Has("oneOf") {
		return "oneOf", k.OneOf
	}
	return "anyOf", k.AnyOf
}

// unionBranches are the branches of the oneOf/anyOf s is (unionOf).
func unionBranches(k *load.Keywords) []load.Schema {
	_, branches := unionOf(k)
	return branches
}

// unionAlternatives splits off {"type": "null"} branches.
func unionAlternatives(branches []load.Schema) (alts []load.Schema, nullable bool) {
	for _, br := range branches {
		if k := br.Keywords(); k.Bool == nil && k.Ref == nil {
			if types, null := jsonTypes(br); null && len(types) == 0 && len(k.Names()) == 1 {
				nullable = true
				continue
			}
		}
		alts = append(alts, br)
	}
	return alts, nullable
}

// discriminate finds the property that tells the branches apart: required
// in each, pinned by a string const, distinct across branches, each branch
// a typed object. It returns the property and each branch's value.
func (b *builder) discriminate(alts []load.Schema) (disc string, why string) {
	var targets []load.Schema
	var all []map[string]string
	for _, br := range alts {
		target := b.follow(br)
		tk := target.Keywords()
		if tk.Bool != nil || tk.Has("$ref") || b.rawReason(target) != "" {
			return "", "has a branch that is not a typed object"
		}
		if !slices.Equal(tk.Type, []string{"object"}) {
			return "", "has a branch without \"type\": \"object\""
		}
		p := map[string]string{}
		for _, r := range tk.Required {
			if prop, ok := tk.Property(r); ok {
				if v, ok := pinned(prop.Keywords()); ok {
					p[r] = v
				}
			}
		}
		targets = append(targets, target)
		all = append(all, p)
	}
	first := targets[0].Keywords().Properties
	if first == nil {
		return "", "without a discriminator"
	}
	// Candidates in the first branch's property order, for determinism.
	for _, m := range first {
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
			return m.Name, ""
		}
	}
	return "", "without a discriminator (a required property pinned by a distinct string const, or enum of one string, in every branch)"
}

// jsonTypes returns the non-null JSON types s allows and whether it also
// allows null: from "type", or else from the values of "enum" or "const",
// which list every value there can be. Anything else allows any type.
func jsonTypes(s load.Schema) (types []string, nullable bool) {
	k := s.Keywords()
	if k.Has("type") {
		for _, ty := range k.Type {
			if ty == "null" {
				nullable = true
			} else if !slices.Contains(types, ty) {
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
	if k.Has("enum") {
		values = k.Enum
	} else if k.Const != nil {
		values = []*load.Node{k.Const}
	}
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
	r, ok := new(big.Rat).SetString(lit)
	return ok && r.IsInt()
}

// shape builds the Go type of a schema that can be typed.
func (b *builder) shape(s load.Schema, named bool) Ref {
	if k := s.Keywords(); (k.Has("oneOf") || k.Has("anyOf")) && !b.isAssertive(s) {
		return b.union(s, named)
	}
	types, nullable := jsonTypes(s)
	if len(types) == 0 && nullable {
		return b.define(s, named, Ref{Kind: Null}, nil)
	}
	if len(types) > 1 {
		t := b.declare(s, Union)
		for _, jt := range []string{"boolean", "integer", "number", "string"} {
			if !slices.Contains(types, jt) {
				continue
			}
			builtin := map[string]string{"boolean": "bool", "integer": "int64", "number": "float64", "string": "string"}[jt]
			base := Ref{Kind: Builtin, Builtin: builtin}
			if rules := b.rules(s, builtin); !rules.Empty() {
				base.Rules = rules
			}
			t.Members = append(t.Members, UnionMember{JSONType: jt, Field: naming.Exported(jt), Base: base})
		}
		return Ref{Kind: Named, Type: t, Nullable: nullable}
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
		r = b.scalar(s, named, integerBuiltin(s))
	case "number":
		r = b.scalar(s, named, "float64")
	case "boolean":
		r = b.scalar(s, named, "bool")
	}
	r.Nullable = nullable
	return r
}

// rawRef keeps the value at s as raw JSON, validated by its schema table
// (none when the schema allows any value).
func (b *builder) rawRef(s load.Schema, named bool, reason string) Ref {
	r := Ref{Kind: Raw, RawReason: reason}
	if !allowsAnything(s) {
		r.Table = b.table(s)
	}
	if named {
		t := b.declareDefined(s)
		t.Base = r
		return Ref{Kind: Named, Type: t}
	}
	return r
}

func (b *builder) object(s load.Schema, named bool) Ref {
	k := s.Keywords()
	closed := k.AdditionalProperties != nil && isFalse(*k.AdditionalProperties)
	if isKeyMap(s) {
		return b.keyMap(s, named) // keys.go
	}
	unevaluated := closedByUnevaluated(k) // unevaluated.go
	if len(k.Properties) == 0 && !k.Has("required") && !closed && !unevaluated {
		// A map: the value type comes from additionalProperties (or
		// unevaluatedProperties, which then sees every member). An
		// object closed to every member is an empty struct instead.
		values := k.AdditionalProperties
		if values == nil && constrains(k.UnevaluatedProperties) {
			values = k.UnevaluatedProperties
		}
		return b.container(s, named, Map, values, "object")
	}
	t := b.declare(s, Struct)
	r := Ref{Kind: Named, Type: t}
	b.refs[s.Key()] = r // before the fields, so a recursive $ref finds it

	required := map[string]bool{}
	var requiredOrder []string
	for _, name := range k.Required {
		if !required[name] {
			requiredOrder = append(requiredOrder, name)
		}
		required[name] = true
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
	for _, p := range k.Properties {
		ref := b.typeAt(p.Schema, false)
		f := &Field{
			Name:     goName(p.Schema, naming.Exported(p.Name)),
			JSONName: p.Name,
			Doc:      docOf(p.Schema),
			Type:     ref,
			Pos:      p.Schema.Pos(),
		}
		if ref.Kind == Raw && ref.RawReason != "" {
			f.Doc = strings.TrimSpace(f.Doc + "\n\nKept as raw JSON because " + ref.RawReason + "; Validate checks it against the schema.")
		}
		f.State = fieldState(required[p.Name], ref)
		addField(f, fmt.Sprintf("property %q", p.Name))
	}
	// A property that is required but has no schema may hold any value.
	for _, name := range requiredOrder {
		if _, ok := k.Property(name); ok {
			continue
		}
		addField(&Field{Name: naming.Exported(name), JSONName: name, Type: Ref{Kind: Raw}, State: Required, Pos: k.Pos("required")},
			fmt.Sprintf("required property %q", name))
	}
	obj := &ObjectRules{MinProperties: k.MinProperties, MaxProperties: k.MaxProperties}
	obj.CountsExtra = obj.MinProperties >= 0 || obj.MaxProperties >= 0
	obj.NoAdditional = closed || unevaluated
	obj.Unevaluated = unevaluated && !closed
	if len(k.DependentRequired) > 0 {
		obj.DependentRequired = dependencies(k.DependentRequired)
		slices.SortFunc(obj.DependentRequired, func(a, b Dependency) int { return strings.Compare(a.If, b.If) })
	}
	if obj.NoAdditional || obj.CountsExtra || len(obj.DependentRequired) > 0 {
		t.Object = obj
	}
	if b.isAssertive(s) {
		b.assertions(s, t)
	}
	return r
}

// isFalse reports whether s is the schema false.
func isFalse(s load.Schema) bool {
	k := s.Keywords()
	return k.Bool != nil && !*k.Bool
}

// dependencies are dependentRequired's entries in the model.
func dependencies(deps []load.Dependency) []Dependency {
	var out []Dependency
	for _, d := range deps {
		out = append(out, Dependency{If: d.If, Then: d.Then})
	}
	return out
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
	if isTuple(s) {
		return b.tuple(s, named)
	}
	k := s.Keywords()
	items := k.Items
	if items == nil && constrains(k.UnevaluatedItems) {
		items = k.UnevaluatedItems // it sees every item (unevaluated.go)
	}
	r := b.container(s, named, Slice, items, "array")
	b.addContains(s, &r) // contains.go
	return r
}

// container builds a slice or a map whose elements have the type of the
// sub-schema elems (any JSON when nil), with the rules of its JSON kind on
// the container itself.
func (b *builder) container(s load.Schema, named bool, kind RefKind, elems *load.Schema, rulesKind string) Ref {
	b.predeclare(s, named)
	elem := Ref{Kind: Raw}
	if elems != nil {
		elem = b.typeAt(*elems, false)
	}
	rules := b.rules(s, rulesKind)
	r := Ref{Kind: kind, Elem: &elem}
	if !named {
		r.Rules = rules
	}
	return b.define(s, named, r, rules)
}

func (b *builder) scalar(s load.Schema, named bool, builtin string) Ref {
	base := Ref{Kind: Builtin, Builtin: builtin}
	k := s.Keywords()
	if builtin == "string" {
		if f := k.Format; f != nil && *f == "date-time" && !textRules(b.rules(s, builtin), k) {
			// time.Time keeps its JSON methods only as itself, never as a
			// defined type, so a named date-time schema stays time.Time.
			// Decoding checks the format.
			r := Ref{Kind: Time}
			if rules := b.rules(s, builtin); !rules.Empty() {
				r.Rules = rules
			}
			return r
		}
	}
	rules := b.rules(s, builtin)
	if k.Has("enum") && builtin == NumberBuiltin {
		return b.rawRef(s, named, "it has an enum of integers beyond uint64")
	}
	if k.Has("enum") && (builtin == "string" || builtin == "int64" || builtin == Uint64Builtin) {
		t := b.enum(s, s, base)
		t.Rules = rules
		return Ref{Kind: Named, Type: t}
	}
	if !named {
		if !rules.Empty() {
			base.Rules = rules
		}
		return base
	}
	return b.define(s, named, base, rules)
}

// checksOf reads the assertions of s on a value by itself: the one place
// each of those keywords becomes a check, for typed values (rules) and
// raw ones (table) alike. A pattern Go cannot compile is left out;
// checkKeywords reports it.
func (b *builder) checksOf(k *load.Keywords) Checks {
	c := NoChecks
	c.MinLength, c.MaxLength = k.MinLength, k.MaxLength
	if k.Pattern != nil {
		if _, err := regexp.Compile(*k.Pattern); err == nil {
			c.Pattern = b.pattern(*k.Pattern)
		}
	}
	if k.Format != nil {
		if fn, ok := formatCheckers[*k.Format]; ok {
			c.Format, c.FormatName = fn, *k.Format
		}
	}
	for _, n := range []struct {
		lit *string
		dst **Number
	}{{k.Minimum, &c.Minimum}, {k.Maximum, &c.Maximum}, {k.ExclusiveMinimum, &c.ExclusiveMinimum},
		{k.ExclusiveMaximum, &c.ExclusiveMaximum}, {k.MultipleOf, &c.MultipleOf}} {
		if n.lit != nil {
			*n.dst = number(*n.lit)
		}
	}
	c.MinItems, c.MaxItems, c.UniqueItems = k.MinItems, k.MaxItems, k.UniqueItems
	c.MinProperties, c.MaxProperties = k.MinProperties, k.MaxProperties
	return c
}

// textRules reports whether a date-time schema checks its text beyond the
// format (lengths, pattern, const, enum): time.Time does not keep the text
// as written ("+00:00" or "Z"), so such a value stays a string, whose
// checks include the format.
func textRules(r *Rules, k *load.Keywords) bool {
	r.Format, r.FormatName = "", ""
	return !r.Empty() || k.Has("enum") || k.Has("const")
}

// rules reads the constraints of a typed value of the given JSON kind
// ("string", "int64", "float64", "bool", "array" or "object"); keywords for
// other kinds do not apply to it and are left out, as JSON Schema ignores
// them.
func (b *builder) rules(s load.Schema, kind string) *Rules {
	k := s.Keywords()
	r := &Rules{Checks: b.checksOf(k).Of(kind)}
	c := k.Const
	switch kind {
	case "string":
		if c != nil && c.Kind == load.String {
			r.Const = c.Str
		}
	case "int64", "float64", Uint64Builtin, NumberBuiltin:
		r.Integer = kind == NumberBuiltin
		if c != nil && c.Kind == load.Number {
			n := number(c.Str)
			switch kind {
			case "int64":
				r.Const = n.Int
			case Uint64Builtin:
				r.Const = n.Uint
			case NumberBuiltin:
				r.Const = NumberText(c.Str)
			default:
				r.Const = n.Float
			}
		}
		dropTypeBounds(kind, r)
	case "bool":
		if c != nil && c.Kind == load.Bool {
			r.Const = c.Bool
		}
		// An enum of one boolean is that const (GitHub pins "locked":
		// [false] for one event); of both, no constraint.
		if k.Enum != nil && r.Const == nil {
			var vals []bool
			for _, it := range k.Enum {
				if it.Kind == load.Bool && !slices.Contains(vals, it.Bool) {
					vals = append(vals, it.Bool)
				}
			}
			if len(vals) == 1 {
				r.Const = vals[0]
			}
		}
	}
	return r
}

func number(lit string) *Number {
	n := &Number{Literal: lit}
	rat, _ := new(big.Rat).SetString(lit)
	n.Float, _ = rat.Float64()
	if rat.IsInt() && rat.Num().IsInt64() {
		n.IsInt, n.Int = true, rat.Num().Int64()
	}
	if rat.IsInt() && rat.Sign() >= 0 && rat.Num().IsUint64() {
		n.IsUint, n.Uint = true, rat.Num().Uint64()
	}
	return n
}

// pattern returns the package variable for a regular expression, one per
// distinct source.
func (b *builder) pattern(src string) *Pattern {
	if p, ok := b.patterns[src]; ok {
		return p
	}
	p := &Pattern{Source: src}
	b.patterns[src] = p
	return p
}

// enum declares the enum type of s, its values from the enum of holder
// (s itself, or an open enum's branch).
func (b *builder) enum(s, holder load.Schema, base Ref) *Type {
	hk := holder.Keywords()
	at := func(i int) diag.Pos { return hk.ItemPos("enum", i) }
	t := b.declare(s, Enum)
	t.Base = base
	seen := map[string]bool{}
	for i, v := range hk.Enum {
		var val any
		var text string
		switch {
		case base.Builtin == "string" && v.Kind == load.String:
			val, text = v.Str, v.Str
		case base.Builtin == "int64" && v.Kind == load.Number && isInteger(v.Str):
			n := number(v.Str)
			if !n.IsInt {
				b.diags.Unsupported(at(i), "enum value %s does not fit in an int64", v.Str)
				continue
			}
			val, text = n.Int, fmt.Sprint(n.Int)
		case base.Builtin == Uint64Builtin && v.Kind == load.Number && isInteger(v.Str):
			n := number(v.Str)
			if !n.IsUint {
				continue // below 0: the schema's type (uint64) never holds it
			}
			val, text = n.Uint, fmt.Sprint(n.Uint)
		default:
			// null is the Nullable state; values of another type can never
			// match the schema's type, so they need no constant.
			continue
		}
		if seen[text] {
			continue
		}
		seen[text] = true
		name, what := enumConstant(t, s, holder, text, i)
		b.claim(name, what, at(i))
		t.Values = append(t.Values, EnumValue{Name: name, Value: val})
	}
	return t
}

// define declares `type Name <r>` for a root or $defs entry, and returns r
// unchanged elsewhere.
func (b *builder) define(s load.Schema, named bool, r Ref, rules *Rules) Ref {
	if !named {
		return r
	}
	t := b.declareDefined(s)
	t.Base = r
	if !rules.Empty() {
		t.Rules = rules
	}
	return Ref{Kind: Named, Type: t}
}

// predeclare declares the defined type of a named map, slice or refined
// $ref before its elements are built, so that a $ref back to it finds it
// (type Tree map[string]Tree, type List []List): a struct is declared
// before its fields for the same reason. define or rawRef completes it.
func (b *builder) predeclare(s load.Schema, named bool) {
	if !named || b.early[s.Key()] != nil {
		return
	}
	t := b.declare(s, Defined)
	b.early[s.Key()] = t
	b.refs[s.Key()] = Ref{Kind: Named, Type: t}
}

// declareDefined declares the defined type of s, or returns the one
// predeclare declared.
func (b *builder) declareDefined(s load.Schema) *Type {
	if t := b.early[s.Key()]; t != nil {
		delete(b.early, s.Key())
		return t
	}
	return b.declare(s, Defined)
}

// union builds a oneOf/anyOf that rawReason found typed: the nullable idiom
// [X, {"type": "null"}] or a sum of objects told apart by a discriminator.
func (b *builder) union(s load.Schema, named bool) Ref {
	if holder, kw, open := b.openEnumOf(s); open {
		return b.openEnum(s, holder, kw)
	}
	kw, branches := unionOf(s.Keywords())
	alts, nullable := unionAlternatives(branches)
	if len(alts) == 1 {
		r := b.typeAt(alts[0], false)
		r.Nullable = r.Nullable || nullable
		return r
	}
	if integer, number, ok := b.numberUnionBranches(alts); ok {
		return b.numberUnion(s, named, kw, integer, number, nullable)
	}
	if branches := b.sameKind(kw, alts); branches != nil {
		return b.sameKindType(s, named, kw, branches, nullable)
	}
	disc, why := b.discriminate(alts)
	if why != "" {
		if b.kindUnion(alts) == nil {
			return b.objectSumType(s, kw, alts, nullable)
		}
		return b.kindUnionType(s, alts, nullable)
	}
	t := b.declare(s, Sum)
	b.nameSum(s, t, kw)
	t.Discriminator = disc
	r := Ref{Kind: Named, Type: t, Nullable: nullable}
	b.refs[s.Key()] = r
	for _, br := range alts {
		vr := b.typeAt(br, false)
		if vr.Kind != Named || vr.Type.Kind != Struct {
			b.diags.Add(br.Pos(), "branch is not an object type")
			continue
		}
		prop, _ := b.follow(br).Keywords().Property(disc)
		value, _ := pinned(prop.Keywords())
		t.Variants = append(t.Variants, Variant{Value: value, Type: vr.Type})
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
	b.closeVariants(s, t)
	return r
}

// kindUnionType builds the Union of a oneOf/anyOf whose branches differ
// in JSON type (kindUnion): one member per branch, holding that branch's
// Go type.
func (b *builder) kindUnionType(s load.Schema, alts []load.Schema, nullable bool) Ref {
	kinds := b.kindUnion(alts)
	t := b.declare(s, Union)
	r := Ref{Kind: Named, Type: t, Nullable: nullable}
	b.refs[s.Key()] = r
	for _, kind := range unionKinds {
		i := slices.Index(kinds, kind)
		if i < 0 {
			continue
		}
		base := b.typeAt(alts[i], false)
		if base.Nullable {
			r.Nullable, base.Nullable = true, false
		}
		t.Members = append(t.Members, UnionMember{JSONType: kind, Field: naming.Exported(kind), Base: base})
	}
	b.refs[s.Key()] = r
	return r
}

// follow resolves a chain of $refs to the schema that has the content.
func (b *builder) follow(s load.Schema) load.Schema {
	for i := 0; i < 100; i++ {
		ref := s.Keywords().Ref
		if ref == nil || b.rawReason(s) != "" || !b.plainRef(s) {
			return s // a $ref with keywords beside it has content of its own
		}
		next, err := b.prov.Resolve(s, *ref)
		if err != nil {
			return s
		}
		s = next
	}
	return s
}

// allowsAnything reports whether s is true or {} (annotations aside).
func allowsAnything(s load.Schema) bool {
	k := s.Keywords()
	if k.Bool != nil {
		return *k.Bool
	}
	for _, name := range k.Names() {
		if !annotationKeywords[name] && !strings.HasPrefix(name, "x-") {
			return false
		}
	}
	return true
}

// table builds the schema table that validates raw JSON against the
// schema at s; every keyword is carried over, sub-schemas recursively.
func (b *builder) table(s load.Schema) *RawSchema {
	key := s.Key()
	if t, ok := b.tables[key]; ok {
		return t
	}
	t := &RawSchema{Key: key, Checks: NoChecks, MinContains: 1, MaxContains: -1}
	b.tables[key] = t
	k := s.Keywords()
	if k.Bool != nil {
		v := *k.Bool
		t.Always = &v
		return t
	}
	b.checkKeywords(s)
	sub := func(s *load.Schema) *RawSchema {
		if s == nil {
			return nil
		}
		return b.table(*s)
	}
	// Empty lists stay nil, as absent keywords: they constrain nothing.
	list := func(schemas []load.Schema) []*RawSchema {
		if len(schemas) == 0 {
			return nil
		}
		out := make([]*RawSchema, len(schemas))
		for i, s := range schemas {
			out[i] = b.table(s)
		}
		return out
	}
	members := func(named []load.Named) []RawMember {
		if len(named) == 0 {
			return nil
		}
		out := make([]RawMember, len(named))
		for i, m := range named {
			out[i] = RawMember{Name: m.Name, Schema: b.table(m.Schema)}
		}
		return out
	}
	if k.Ref != nil {
		if target, err := b.prov.Resolve(s, *k.Ref); err == nil {
			t.Ref = b.table(target)
		} else {
			b.diags.Add(k.Pos("$ref"), "%v", err)
		}
	}
	t.Types = k.Type
	if k.Enum != nil {
		t.Enum = []string{}
		for _, it := range k.Enum {
			t.Enum = append(t.Enum, it.JSON())
		}
	}
	if k.Const != nil {
		text := k.Const.JSON()
		t.Const = &text
	}
	t.Checks = b.checksOf(k)
	t.PrefixItems = list(k.PrefixItems)
	t.Items = sub(k.Items)
	t.Contains = sub(k.Contains)
	if k.MinContains >= 0 {
		t.MinContains = k.MinContains
	}
	t.MaxContains = k.MaxContains
	if len(k.Required) > 0 {
		t.Required = k.Required
	}
	t.Properties = members(k.Properties)
	for _, pp := range k.PatternProperties {
		if _, err := regexp.Compile(pp.Name); err == nil {
			t.PatternProperties = append(t.PatternProperties, RawPattern{Pattern: b.pattern(pp.Name), Schema: b.table(pp.Schema)})
		}
	}
	t.AdditionalProperties = sub(k.AdditionalProperties)
	t.PropertyNames = sub(k.PropertyNames)
	t.DependentRequired = dependencies(k.DependentRequired)
	t.DependentSchemas = members(k.DependentSchemas)
	t.AllOf, t.AnyOf, t.OneOf = list(k.AllOf), list(k.AnyOf), list(k.OneOf)
	t.Not, t.If, t.Then, t.Else = sub(k.Not), sub(k.If), sub(k.Then), sub(k.Else)
	t.UnevaluatedProperties, t.UnevaluatedItems = sub(k.UnevaluatedProperties), sub(k.UnevaluatedItems)
	return t
}

// finish sorts the package, names the tables and patterns, and checks what
// can only be seen whole.
func (b *builder) finish() {
	for _, t := range b.pkg.Types {
		switch t.Kind {
		case Struct:
			for _, f := range t.Fields {
				if !directOrSlice(f.Type) && containsSum(f.Type) {
					b.diags.Unsupported(f.Pos, "a sum type nested in %s; hookgen decodes sums held directly or in an array", describe(f.Type))
				}
			}
			slices.SortFunc(t.Implements, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
		case Defined:
			if containsSum(t.Base) && !t.Base.IsSum() { // a root's boxed sum (sums.go)
				b.diags.Unsupported(t.Pos, "a sum type nested in %s; hookgen decodes sums held directly or in an array of a property", describe(t.Base))
			}
		}
	}
	slices.SortFunc(b.pkg.Types, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(b.pkg.Roots, func(a, b Root) int { return strings.Compare(a.Schema, b.Schema) })
	slices.SortFunc(b.pkg.Files, func(a, b *File) int { return strings.Compare(a.Name, b.Name) })
	for _, f := range b.pkg.Files {
		slices.SortStableFunc(f.Types, func(a, b *Type) int { return cmp.Compare(a.offset, b.offset) })
	}
	for i, key := range sortedKeys(b.tables) {
		t := b.tables[key]
		t.Var = fmt.Sprintf("hkTable%d", i)
		b.pkg.Tables = append(b.pkg.Tables, t)
	}
	for i, src := range sortedKeys(b.patterns) {
		p := b.patterns[src]
		p.Var = fmt.Sprintf("hkPattern%d", i)
		b.pkg.Patterns = append(b.pkg.Patterns, p)
	}
}

// needsCheck reports whether a value of type r needs any validation code:
// named types always validate themselves; builtins, slices and maps only
// with rules; raw JSON only with a table.
func needsCheck(r Ref) bool {
	switch r.Kind {
	case Named:
		return true
	case Builtin:
		return !r.Rules.Empty()
	case Raw:
		return r.Table != nil
	case Slice, Map:
		return !r.Rules.Empty() || needsCheck(*r.Elem)
	}
	return false
}

// NeedsCheck is needsCheck for the emitter.
func (r Ref) NeedsCheck() bool { return needsCheck(r) }

func directOrSlice(r Ref) bool {
	return r.IsSum() || (r.Kind == Slice && r.Elem.IsSum() && !r.Elem.Nullable)
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

// nameSum decides the names every sum declares beside its interface (the
// unknown variant, the decoder, the sealing method) and claims them, so a
// schema type of the same name is a clash the model reports.
func (b *builder) nameSum(s load.Schema, t *Type, kw string) {
	t.SumKeyword = kw
	t.Unknown = t.Name + "Unknown"
	t.Decoder = "Unmarshal" + t.Name
	t.Marker = "is" + t.Name
	b.claim(t.Unknown, "the unknown variant of "+t.Name, s.Pos())
	b.claim(t.Decoder, "the decoder of "+t.Name, s.Pos())
}
