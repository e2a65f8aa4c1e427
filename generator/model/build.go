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
		"uniqueItems", "minProperties", "maxProperties", "dependentRequired", "prefixItems")
	// rawOnlyKeywords have no Go type of their own: a value under one is
	// kept as raw JSON and validated by the schema-table interpreter.
	rawOnlyKeywords = set("not", "if", "then", "else", "patternProperties", "propertyNames",
		"dependentSchemas", "contains", "minContains", "maxContains",
		"unevaluatedProperties", "unevaluatedItems")
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
	guard    guard // recursion guards of the paths that follow $refs (recursion.go)
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
	if s.Node.Kind != load.Object || s.Node.Get("$ref") != nil || s.Node.Get("allOf") != nil {
		return false
	}
	for _, kw := range []string{"oneOf", "anyOf"} {
		if br, ok := s.Keyword(kw); ok && br.Node.Kind == load.Array {
			if _, nullable := unionAlternatives(br); nullable {
				return true
			}
		}
	}
	types, nullable := jsonTypes(s)
	return nullable && len(types) > 0
}

// definitionsOnly reports whether a file only holds shared $defs, with no
// schema of its own at the root (no type of its own is generated for it).
func definitionsOnly(s load.Schema) bool {
	if s.Node.Kind != load.Object || (s.Node.Get("$defs") == nil && s.Node.Get("definitions") == nil) {
		return false
	}
	for _, m := range s.Node.Members {
		if !annotationKeywords[m.Name] && !strings.HasPrefix(m.Name, "x-") {
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
		// true or false: no Go type is worth a name (and a boolean cannot
		// carry x-go-name to settle a clash).
		return b.rawRef(s, false, "it is a boolean schema")
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

	if reason := b.rawReason(s); reason != "" {
		r := b.rawRef(s, named, reason)
		b.refs[key] = r
		return r
	}
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
	all, ok := s.Keyword("allOf")
	if !ok || all.Node.Kind != load.Array || len(all.Node.Items) != 1 {
		return load.Schema{}, false
	}
	for _, m := range s.Node.Members {
		if m.Name != "allOf" && !refSiblings[m.Name] && !strings.HasPrefix(m.Name, "x-") {
			return load.Schema{}, false
		}
	}
	return all.Item(0), true
}

// checkKeywords reports unknown and unsupported keywords, bad x-go-names,
// patterns Go cannot compile and formats hookgen cannot assert.
func (b *builder) checkKeywords(s load.Schema) {
	if s.Node.Kind != load.Object || b.checked[s.Key()] {
		return
	}
	b.checked[s.Key()] = true
	for _, m := range s.Node.Members {
		k, _ := s.Keyword(m.Name)
		switch {
		case m.Name == "x-go-name":
			if m.Value.Kind != load.String || !naming.IsExportedIdent(m.Value.Str) {
				b.diags.Add(k.Pos(), "x-go-name must be an exported Go identifier")
			}
		case m.Name == enumVarNamesKeyword:
			b.checkEnumVarNames(s, k)
		case strings.HasPrefix(m.Name, "x-"):
			// extensions are for tools; ignored here by design
		case unsupportedKeywords[m.Name]:
			b.diags.Unsupported(k.Pos(), "keyword %q", m.Name)
		case m.Name == "pattern":
			if _, err := regexp.Compile(m.Value.Str); err != nil {
				b.diags.Unsupported(k.Pos(), "pattern %q is not in the syntax of Go's regexp (RE2): %v", m.Value.Str, err)
			}
		case m.Name == "patternProperties" && m.Value.Kind == load.Object:
			for _, pm := range m.Value.Members {
				if _, err := regexp.Compile(pm.Name); err != nil {
					b.diags.Unsupported(k.Member(pm.Name).Pos(), "pattern %q is not in the syntax of Go's regexp (RE2): %v", pm.Name, err)
				}
			}
		case m.Name == "format":
			if _, ok := formatCheckers[m.Value.Str]; !ok && referenceFormats[m.Value.Str] {
				b.diags.Unsupported(k.Pos(), "format %q (hookgen asserts %s)", m.Value.Str, strings.Join(sortedKeys(formatCheckers), ", "))
			}
		case annotationKeywords[m.Name] || typedKeywords[m.Name] || rawOnlyKeywords[m.Name]:
		default:
			b.diags.Add(k.Pos(), "unknown keyword %q (extensions must start with \"x-\", or be declared in %s: \"extensions\": [%q])", m.Name, load.ManifestName, m.Name)
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
	assert, why := b.assertive(s) // assertions beside properties (assert.go)
	if why != "" {
		return why
	}
	for _, m := range s.Node.Members {
		if rawOnlyKeywords[m.Name] && !(assert && assertKeywords[m.Name]) {
			return fmt.Sprintf("it uses %q", m.Name)
		}
	}
	if all, ok := s.Keyword("allOf"); ok && !assert {
		if _, single := singleAllOf(s); single && len(all.Node.Items) == 1 {
			return ""
		}
		if b.mergeParts(s) != nil {
			return ""
		}
		return "it uses \"allOf\""
	}
	if _, ok := s.Keyword("$ref"); ok {
		for _, m := range s.Node.Members {
			if m.Name != "$ref" && !refSiblings[m.Name] && !strings.HasPrefix(m.Name, "x-") {
				return fmt.Sprintf("it has %q beside $ref", m.Name)
			}
		}
		return ""
	}
	_, hasOneOf := s.Keyword("oneOf")
	_, hasAnyOf := s.Keyword("anyOf")
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
		_, hasEnum := s.Keyword("enum")
		_, hasConst := s.Keyword("const")
		for _, t := range types {
			if t == "object" || t == "array" || hasEnum || hasConst {
				return "it allows " + strings.Join(types, " or ")
			}
		}
		return "" // a scalar union
	}
	_, hasEnum := s.Keyword("enum")
	_, hasConst := s.Keyword("const")
	switch types[0] {
	case "object":
		if hasEnum || hasConst {
			return "it has an enum or const of objects"
		}
		props, hasProps := s.Keyword("properties")
		ap, hasAP := s.Keyword("additionalProperties")
		if hasProps && len(props.Node.Members) > 0 && hasAP && ap.Node.Kind != load.Bool {
			return "it has properties and additionalProperties with a schema"
		}
	case "array":
		if hasEnum || hasConst {
			return "it has an enum or const of arrays"
		}
		if why := tupleReason(s); why != "" {
			return why
		}
		if u := s.Node.Get("uniqueItems"); u != nil && u.Kind == load.Bool && u.Bool {
			items, ok := s.Keyword("items")
			if !ok || !b.scalarItems(items) {
				return "it has uniqueItems on items that are not scalars"
			}
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
	if target.Node.Kind != load.Object || b.rawReason(target) != "" {
		return false
	}
	types, nullable := jsonTypes(target)
	if nullable || len(types) != 1 {
		return false
	}
	switch types[0] {
	case "string":
		f := target.Node.Get("format")
		return f == nil || f.Str != "date-time"
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
	if _, _, open := openEnumOf(s); open {
		return ""
	}
	kw := "oneOf"
	branches, ok := s.Keyword("oneOf")
	if !ok {
		kw = "anyOf"
		branches, _ = s.Keyword("anyOf")
	}
	for _, m := range s.Node.Members {
		if m.Name == "additionalProperties" && b.closedBeside(s, branches) {
			continue // sums.go: the variants carry it
		}
		if m.Name != kw && m.Name != "type" && !annotationKeywords[m.Name] && m.Name != "x-go-name" {
			return fmt.Sprintf("it has %q beside %s", m.Name, kw)
		}
	}
	if t := s.Node.Get("type"); t != nil && !(t.Kind == load.String && t.Str == "object") {
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
		if target.Node.Kind != load.Object || b.rawReason(target) != "" {
			return nil
		}
		if target.Node.Get("oneOf") != nil || target.Node.Get("anyOf") != nil {
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

// unionAlternatives splits off {"type": "null"} branches.
func unionAlternatives(branches load.Schema) (alts []load.Schema, nullable bool) {
	for i := range branches.Node.Items {
		br := branches.Item(i)
		if br.Node.Kind == load.Object && br.Node.Get("$ref") == nil {
			if types, null := jsonTypes(br); null && len(types) == 0 && len(br.Node.Members) == 1 {
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
		if target.Node.Kind != load.Object || b.rawReason(target) != "" {
			return "", "has a branch that is not a typed object"
		}
		if t := target.Node.Get("type"); t == nil || t.Kind != load.String || t.Str != "object" {
			return "", "has a branch without \"type\": \"object\""
		}
		p := map[string]string{}
		props := target.Node.Get("properties")
		if req := target.Node.Get("required"); props != nil && req != nil {
			for _, r := range req.Items {
				if v, ok := pinnedString(props.Get(r.Str)); ok {
					p[r.Str] = v
				}
			}
		}
		targets = append(targets, target)
		all = append(all, p)
	}
	first := targets[0].Node.Get("properties")
	if first == nil || first.Kind != load.Object {
		return "", "without a discriminator"
	}
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
			return m.Name, ""
		}
	}
	return "", "without a discriminator (a required property pinned by a distinct string const, or enum of one string, in every branch)"
}

// pinnedString returns the one string a property schema allows: its const,
// or the value of an enum of one string ("enum": ["queued"], as GitHub
// writes its discriminators).
func pinnedString(prop *load.Node) (string, bool) {
	if c := prop.Get("const"); c != nil && c.Kind == load.String {
		return c.Str, true
	}
	if e := prop.Get("enum"); e != nil && len(e.Items) == 1 && e.Items[0].Kind == load.String {
		return e.Items[0].Str, true
	}
	return "", false
}

// jsonTypes returns the non-null JSON types s allows and whether it also
// allows null: from "type", or else from the values of "enum" or "const",
// which list every value there can be. Anything else allows any type.
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
	if e, ok := s.Keyword("enum"); ok {
		values = e.Node.Items
	} else if c, ok := s.Keyword("const"); ok {
		values = []*load.Node{c.Node}
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
	_, oneOf := s.Keyword("oneOf")
	_, anyOf := s.Keyword("anyOf")
	if (oneOf || anyOf) && !b.isAssertive(s) {
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
		t := b.declare(s, Defined)
		t.Base = r
		return Ref{Kind: Named, Type: t}
	}
	return r
}

func (b *builder) object(s load.Schema, named bool) Ref {
	props, hasProps := s.Keyword("properties")
	ap, hasAP := s.Keyword("additionalProperties")
	_, hasRequired := s.Keyword("required")
	closed := hasAP && ap.Node.Kind == load.Bool && !ap.Node.Bool
	if (!hasProps || len(props.Node.Members) == 0) && !hasRequired && !closed {
		// A map: the value type comes from additionalProperties. An
		// object closed to every member is an empty struct instead.
		return b.container(s, named, Map, "additionalProperties", "object")
	}
	t := b.declare(s, Struct)
	r := Ref{Kind: Named, Type: t}
	b.refs[s.Key()] = r // before the fields, so a recursive $ref finds it

	required := map[string]bool{}
	var requiredOrder []string
	if req, ok := s.Keyword("required"); ok {
		for _, it := range req.Node.Items {
			if !required[it.Str] {
				requiredOrder = append(requiredOrder, it.Str)
			}
			required[it.Str] = true
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
			if ref.Kind == Raw && ref.RawReason != "" {
				f.Doc = strings.TrimSpace(f.Doc + "\n\nKept as raw JSON because " + ref.RawReason + "; Validate checks it against the schema.")
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
	obj := &ObjectRules{MinProperties: intKeyword(s, "minProperties"), MaxProperties: intKeyword(s, "maxProperties")}
	obj.CountsExtra = obj.MinProperties >= 0 || obj.MaxProperties >= 0
	if hasAP && ap.Node.Kind == load.Bool && !ap.Node.Bool {
		obj.NoAdditional = true
	}
	if dr, ok := s.Keyword("dependentRequired"); ok {
		for _, m := range dr.Node.Members {
			dep := Dependency{If: m.Name}
			for _, it := range m.Value.Items {
				dep.Then = append(dep.Then, it.Str)
			}
			obj.DependentRequired = append(obj.DependentRequired, dep)
		}
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

func intKeyword(s load.Schema, kw string) int {
	n := s.Node.Get(kw)
	if n == nil || n.Kind != load.Number {
		return -1
	}
	r, ok := new(big.Rat).SetString(n.Str)
	if !ok || !r.IsInt() || !r.Num().IsInt64() {
		return -1
	}
	return int(r.Num().Int64())
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
	return b.container(s, named, Slice, "items", "array")
}

// container builds a slice or a map whose elements have the type of the
// sub-schema under elemKeyword (any JSON when there is none), with the
// rules of its JSON kind on the container itself.
func (b *builder) container(s load.Schema, named bool, kind RefKind, elemKeyword, rulesKind string) Ref {
	elem := Ref{Kind: Raw}
	if sub, ok := s.Keyword(elemKeyword); ok {
		elem = b.typeAt(sub, false)
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
	if builtin == "string" {
		if f, ok := s.Keyword("format"); ok && f.Node.Str == "date-time" {
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
	if _, ok := s.Keyword("enum"); ok && builtin == NumberBuiltin {
		return b.rawRef(s, named, "it has an enum of integers beyond uint64")
	}
	if _, ok := s.Keyword("enum"); ok && (builtin == "string" || builtin == "int64" || builtin == Uint64Builtin) {
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

// rules reads the constraints of a typed value of the given JSON kind
// ("string", "int64", "float64", "bool", "array" or "object"); keywords for
// other kinds do not apply to it and are left out, as JSON Schema ignores
// them.
func (b *builder) rules(s load.Schema, kind string) *Rules {
	r := &Rules{MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1, MinProperties: -1, MaxProperties: -1}
	switch kind {
	case "string":
		r.MinLength, r.MaxLength = intKeyword(s, "minLength"), intKeyword(s, "maxLength")
		if p := s.Node.Get("pattern"); p != nil && p.Kind == load.String {
			r.Pattern = b.pattern(p.Str)
		}
		if f := s.Node.Get("format"); f != nil && f.Kind == load.String {
			if fn, ok := formatCheckers[f.Str]; ok {
				r.Format, r.FormatName = fn, f.Str
			}
		}
		if c := s.Node.Get("const"); c != nil && c.Kind == load.String {
			r.Const = c.Str
		}
	case "int64", "float64", Uint64Builtin, NumberBuiltin:
		r.Integer = kind == NumberBuiltin
		for kw, dst := range map[string]**Number{"minimum": &r.Minimum, "maximum": &r.Maximum,
			"exclusiveMinimum": &r.ExclusiveMinimum, "exclusiveMaximum": &r.ExclusiveMaximum, "multipleOf": &r.MultipleOf} {
			if n := s.Node.Get(kw); n != nil && n.Kind == load.Number {
				*dst = number(n.Str)
			}
		}
		if c := s.Node.Get("const"); c != nil && c.Kind == load.Number {
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
		if c := s.Node.Get("const"); c != nil && c.Kind == load.Bool {
			r.Const = c.Bool
		}
		// An enum of one boolean is that const (GitHub pins "locked":
		// [false] for one event); of both, no constraint.
		if e := s.Node.Get("enum"); e != nil && r.Const == nil {
			var vals []bool
			for _, it := range e.Items {
				if it.Kind == load.Bool && !slices.Contains(vals, it.Bool) {
					vals = append(vals, it.Bool)
				}
			}
			if len(vals) == 1 {
				r.Const = vals[0]
			}
		}
	case "array":
		r.MinItems, r.MaxItems = intKeyword(s, "minItems"), intKeyword(s, "maxItems")
		if u := s.Node.Get("uniqueItems"); u != nil && u.Kind == load.Bool {
			r.UniqueItems = u.Bool
		}
	case "object":
		r.MinProperties, r.MaxProperties = intKeyword(s, "minProperties"), intKeyword(s, "maxProperties")
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
	e, _ := holder.Keyword("enum")
	t := b.declare(s, Enum)
	t.Base = base
	seen := map[string]bool{}
	for i, v := range e.Node.Items {
		var val any
		var text string
		switch {
		case base.Builtin == "string" && v.Kind == load.String:
			val, text = v.Str, v.Str
		case base.Builtin == "int64" && v.Kind == load.Number && isInteger(v.Str):
			n := number(v.Str)
			if !n.IsInt {
				b.diags.Unsupported(e.Item(i).Pos(), "enum value %s does not fit in an int64", v.Str)
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
		name, what := enumConstant(t, holder, text, i)
		b.claim(name, what, e.Item(i).Pos())
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
	t := b.declare(s, Defined)
	t.Base = r
	if !rules.Empty() {
		t.Rules = rules
	}
	return Ref{Kind: Named, Type: t}
}

// union builds a oneOf/anyOf that rawReason found typed: the nullable idiom
// [X, {"type": "null"}] or a sum of objects told apart by a discriminator.
func (b *builder) union(s load.Schema, named bool) Ref {
	if holder, kw, open := openEnumOf(s); open {
		return b.openEnum(s, holder, kw)
	}
	kw := "oneOf"
	branches, ok := s.Keyword("oneOf")
	if !ok {
		kw = "anyOf"
		branches, _ = s.Keyword("anyOf")
	}
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
		value, _ := pinnedString(b.follow(br).Node.Get("properties").Get(disc))
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
	b.closeVariants(s, branches, t)
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
		if s.Node.Kind != load.Object {
			return s
		}
		ref := s.Node.Get("$ref")
		if ref == nil || ref.Kind != load.String || b.rawReason(s) != "" {
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

// allowsAnything reports whether s is true or {} (annotations aside).
func allowsAnything(s load.Schema) bool {
	if s.Node.Kind == load.Bool {
		return s.Node.Bool
	}
	for _, m := range s.Node.Members {
		if !annotationKeywords[m.Name] && !strings.HasPrefix(m.Name, "x-") {
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
	t := &RawSchema{Key: key, MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1,
		MinContains: 1, MaxContains: -1, MinProperties: -1, MaxProperties: -1}
	b.tables[key] = t
	if s.Node.Kind == load.Bool {
		v := s.Node.Bool
		t.Always = &v
		return t
	}
	b.checkKeywords(s)
	sub := func(kw string) *RawSchema {
		if k, ok := s.Keyword(kw); ok {
			return b.table(k)
		}
		return nil
	}
	list := func(kw string) []*RawSchema {
		k, ok := s.Keyword(kw)
		if !ok {
			return nil
		}
		var out []*RawSchema
		for i := range k.Node.Items {
			out = append(out, b.table(k.Item(i)))
		}
		return out
	}
	members := func(kw string) []RawMember {
		k, ok := s.Keyword(kw)
		if !ok {
			return nil
		}
		var out []RawMember
		for _, m := range k.Node.Members {
			out = append(out, RawMember{Name: m.Name, Schema: b.table(k.Member(m.Name))})
		}
		return out
	}
	lit := func(kw string) string {
		if n := s.Node.Get(kw); n != nil && n.Kind == load.Number {
			return n.Str
		}
		return ""
	}
	if ref, ok := s.Keyword("$ref"); ok {
		if target, err := b.prov.Resolve(s, ref.Node.Str); err == nil {
			t.Ref = b.table(target)
		} else {
			b.diags.Add(ref.Pos(), "%v", err)
		}
	}
	if ty := s.Node.Get("type"); ty != nil {
		if ty.Kind == load.String {
			t.Types = []string{ty.Str}
		} else {
			for _, it := range ty.Items {
				t.Types = append(t.Types, it.Str)
			}
		}
	}
	if e := s.Node.Get("enum"); e != nil {
		t.Enum = []string{}
		for _, it := range e.Items {
			t.Enum = append(t.Enum, it.JSON())
		}
	}
	if c := s.Node.Get("const"); c != nil {
		text := c.JSON()
		t.Const = &text
	}
	if f := s.Node.Get("format"); f != nil && f.Kind == load.String {
		if fn, ok := formatCheckers[f.Str]; ok {
			t.Format, t.FormatName = fn, f.Str
		}
	}
	t.Minimum, t.Maximum, t.ExclusiveMinimum, t.ExclusiveMaximum, t.MultipleOf =
		lit("minimum"), lit("maximum"), lit("exclusiveMinimum"), lit("exclusiveMaximum"), lit("multipleOf")
	t.MinLength, t.MaxLength = intKeyword(s, "minLength"), intKeyword(s, "maxLength")
	if p := s.Node.Get("pattern"); p != nil && p.Kind == load.String {
		if _, err := regexp.Compile(p.Str); err == nil {
			t.Pattern = b.pattern(p.Str)
		}
	}
	t.MinItems, t.MaxItems = intKeyword(s, "minItems"), intKeyword(s, "maxItems")
	if u := s.Node.Get("uniqueItems"); u != nil && u.Kind == load.Bool {
		t.UniqueItems = u.Bool
	}
	t.PrefixItems = list("prefixItems")
	if items, ok := s.Keyword("items"); ok && items.Node.Kind != load.Array {
		t.Items = b.table(items)
	}
	t.Contains = sub("contains")
	if n := intKeyword(s, "minContains"); n >= 0 {
		t.MinContains = n
	}
	t.MaxContains = intKeyword(s, "maxContains")
	t.MinProperties, t.MaxProperties = intKeyword(s, "minProperties"), intKeyword(s, "maxProperties")
	if req := s.Node.Get("required"); req != nil {
		for _, it := range req.Items {
			t.Required = append(t.Required, it.Str)
		}
	}
	t.Properties = members("properties")
	if pp, ok := s.Keyword("patternProperties"); ok {
		for _, m := range pp.Node.Members {
			if _, err := regexp.Compile(m.Name); err == nil {
				t.PatternProperties = append(t.PatternProperties, RawPattern{Pattern: b.pattern(m.Name), Schema: b.table(pp.Member(m.Name))})
			}
		}
	}
	t.AdditionalProperties = sub("additionalProperties")
	t.PropertyNames = sub("propertyNames")
	if dr, ok := s.Keyword("dependentRequired"); ok {
		for _, m := range dr.Node.Members {
			dep := Dependency{If: m.Name}
			for _, it := range m.Value.Items {
				dep.Then = append(dep.Then, it.Str)
			}
			t.DependentRequired = append(t.DependentRequired, dep)
		}
	}
	t.DependentSchemas = members("dependentSchemas")
	t.AllOf, t.AnyOf, t.OneOf = list("allOf"), list("anyOf"), list("oneOf")
	t.Not, t.If, t.Then, t.Else = sub("not"), sub("if"), sub("then"), sub("else")
	t.UnevaluatedProperties, t.UnevaluatedItems = sub("unevaluatedProperties"), sub("unevaluatedItems")
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
