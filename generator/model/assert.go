package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/load"
)

// Assertions beside properties. An object schema may add keywords that
// only assert things about the object's own members:
//
//	{"type": "object", "properties": {"email": ..., "phone": ...},
//	 "anyOf": [{"required": ["email"]}, {"required": ["phone"]}]}
//
// The object stays a struct with all its fields, and each such keyword
// (anyOf, oneOf, allOf, not, if/then/else, dependentSchemas) becomes a
// Cond that Validate evaluates on the fields. A subschema compiles when all
// it reads can be read on the typed value: the presence of a declared
// property (required, dependentRequired), the value of a declared scalar
// property (const, enum, type, and the bounds, pattern and format of its
// JSON type), and further such subschemas nested in anyOf/oneOf/allOf/not/
// if. Anything else (a count of members, a nested object's members, a
// property the struct does not declare) keeps the whole object
// raw JSON, checked by its schema table, with a RawReason saying which
// subschema could not be compiled.

// assertKeywords are the keywords beside properties that become checks.
var assertKeywords = set("anyOf", "oneOf", "allOf", "not", "if", "then", "else", "dependentSchemas")

// condKeywords may appear in a subschema that compiles to a Cond.
var condKeywords = set("type", "required", "properties", "dependentRequired", "anyOf", "oneOf", "allOf",
	"not", "if", "then", "else", "dependentSchemas")

// CondOp is what a Cond tests.
type CondOp uint8

const (
	// CondAll holds when every one of Subs holds (allOf, or the keywords
	// of one subschema together); with no Subs it always holds.
	CondAll CondOp = iota
	// CondAny holds when at least one of Subs holds (anyOf).
	CondAny
	// CondOne holds when exactly one of Subs holds (oneOf).
	CondOne
	// CondNot holds when Subs[0] does not (not).
	CondNot
	// CondIf is if/then/else: when Subs[0] holds, Subs[1] must, else
	// Subs[2]; a nil then or else always holds.
	CondIf
	// CondPresent holds when the property Field is present (required).
	CondPresent
	// CondValue holds when the property Field is absent, or null and Null
	// is set, or a value among Values (nil: any value of its Go type).
	CondValue
)

// Cond is a condition on a struct's own fields, compiled from a subschema
// that only asserts. Validate reports a failing Cond the way jsonschema/v5
// does, at its leaves: a missing property at the object, a value that
// breaks const, enum or type at the property, a not or a oneOf that more
// than one branch matches at the object; a failing anyOf or oneOf reports
// every branch's leaves.
type Cond struct {
	Op   CondOp
	Subs []*Cond
	// Field is the property CondPresent and CondValue read; Name its JSON
	// name.
	Field *Field
	Name  string
	// Values are what a CondValue allows: Go literals of the field's type
	// (string, int64, float64 or bool), nil for any value.
	Values []any
	Null   bool
	// Keyword is what a failing CondValue reports: "const", "enum" or
	// "type"; Allowed lists the allowed values for the message.
	Keyword string
	Allowed string
	// Rules are the bounds, pattern and format a CondValue's non-null
	// value must also meet (nil: none); each reports its own keyword.
	Rules *Rules
}

// Assertion is one keyword beside a struct's properties, compiled.
type Assertion struct {
	Keyword string // "anyOf", "oneOf", "allOf", "not", "if" or "dependentSchemas"
	Pointer string // the keyword's JSON pointer in its file, for the comment
	Cond    *Cond
	// Reads are the fields the Cond reads, in field order: Validate skips
	// the assertion when decoding refused one of them (it holds a zero
	// value, not what was sent).
	Reads []*Field
}

// fieldInfo is what compiling needs to know of a property: whether it is
// declared, its JSON type when it has one ("" otherwise), and the Go
// builtin its values compare as ("" when they cannot be compared).
type fieldInfo struct {
	field   *Field
	json    string
	builtin string
}

// condScope looks up the struct's properties while compiling.
type condScope func(name string) (fieldInfo, bool)

// assertive reports whether s is an object with properties whose
// assertion keywords all compile; why says why they do not ("" when s has
// none, or is no such object).
func (b *builder) assertive(s load.Schema) (ok bool, why string) {
	k := s.Keywords()
	if k.Bool != nil {
		return false, ""
	}
	has := false
	for _, name := range k.Names() {
		has = has || assertKeywords[name]
	}
	if !has || len(k.Properties) == 0 || !typeIs(k, "object") || k.Has("$ref") {
		return false, ""
	}
	if !b.guard.enter("assertive", s.Key()) {
		return false, "it refers to itself through its assertions"
	}
	defer b.guard.leave("assertive", s.Key())
	scope := func(name string) (fieldInfo, bool) {
		ps, ok := k.Property(name)
		if !ok {
			return fieldInfo{}, false
		}
		return b.syntaxInfo(ps), true
	}
	if _, err := b.compileKeywords(s, scope, assertKeywords); err != "" {
		return false, "it has assertions beside its properties that a struct cannot check (the " + err + ")"
	}
	return true, ""
}

// isAssertive is assertive's verdict alone.
func (b *builder) isAssertive(s load.Schema) bool {
	ok, _ := b.assertive(s)
	return ok
}

// syntaxInfo is what a property's schema says of its values, read before
// its field is built (rawReason runs first).
func (b *builder) syntaxInfo(ps load.Schema) fieldInfo {
	target := b.follow(ps)
	k := target.Keywords()
	if k.Bool != nil || k.Has("$ref") || b.rawReason(target) != "" {
		return fieldInfo{}
	}
	for _, kw := range []string{"oneOf", "anyOf", "allOf"} {
		if k.Has(kw) {
			return fieldInfo{}
		}
	}
	types, _ := jsonTypes(target)
	if len(types) != 1 {
		return fieldInfo{}
	}
	info := fieldInfo{json: types[0]}
	switch types[0] {
	case "string":
		if k.Format == nil || *k.Format != "date-time" {
			info.builtin = "string"
		}
	case "integer":
		info.builtin = "int64"
	case "number":
		info.builtin = "float64"
	case "boolean":
		info.builtin = "bool"
	}
	return info
}

// typedInfo is what a built field's Go type says of its values.
func typedInfo(f *Field) fieldInfo {
	info := fieldInfo{field: f}
	r := f.Type
	if r.Kind == Named {
		switch r.Type.Kind {
		case Enum:
			r = r.Type.Base
		case Defined:
			if r.Type.Base.Kind == Builtin {
				r = r.Type.Base
			}
		}
	}
	if r.Kind == Named && r.Type.Kind == Defined {
		r = r.Type.Base
	}
	switch r.Kind {
	case Builtin:
		info.builtin = r.Builtin
		info.json = map[string]string{"string": "string", "int64": "integer", "float64": "number", "bool": "boolean"}[r.Builtin]
	case Time:
		info.json = "string"
	case Slice:
		info.json = "array"
	case Map:
		info.json = "object"
	case Named:
		if r.Type.Kind == Struct || r.Type.Kind == Sum {
			info.json = "object"
		}
	}
	return info
}

// assertions compiles the assertion keywords of the struct t built from
// s, which assertive accepted.
func (b *builder) assertions(s load.Schema, t *Type) {
	scope := func(name string) (fieldInfo, bool) {
		for _, f := range t.Fields {
			if f.JSONName == name {
				return typedInfo(f), true
			}
		}
		return fieldInfo{}, false
	}
	k := s.Keywords()
	for _, name := range k.Names() {
		if !assertKeywords[name] || name == "then" || name == "else" {
			continue
		}
		c, err := b.compileKeywords(s, scope, set(name))
		if err != "" {
			// assertive compiled the same keywords from the schema alone.
			b.diags.Add(s.Pos(), "bug: the assertions of %s compile from the schema but not on its fields: %s", t.Name, err)
			return
		}
		a := &Assertion{Keyword: name, Pointer: k.Pointer(name), Cond: c}
		reads(c, func(f *Field) {
			if !slices.Contains(a.Reads, f) {
				a.Reads = append(a.Reads, f)
			}
		})
		slices.SortFunc(a.Reads, func(x, y *Field) int {
			return slices.Index(t.Fields, x) - slices.Index(t.Fields, y)
		})
		t.Assertions = append(t.Assertions, a)
	}
}

func reads(c *Cond, f func(*Field)) {
	if c == nil {
		return
	}
	if c.Field != nil {
		f(c.Field)
	}
	for _, sub := range c.Subs {
		reads(sub, f)
	}
}

// compileKeywords compiles the keywords of s among only (nil: every one)
// into one CondAll; err names the subschema that cannot be compiled.
func (b *builder) compileKeywords(s load.Schema, scope condScope, only map[string]bool) (*Cond, string) {
	all := &Cond{Op: CondAll}
	add := func(c *Cond) {
		if c != nil {
			all.Subs = append(all.Subs, c)
		}
	}
	k := s.Keywords()
	for _, name := range k.Names() {
		if only != nil && !only[name] {
			continue
		}
		at := "#" + k.Pointer(name)
		switch name {
		case "type":
			if !slices.Contains(k.Type, "object") {
				return nil, fmt.Sprintf("subschema at #%s allows no object", s.Pointer)
			}
		case "required":
			for _, req := range k.Required {
				c, err := presence(scope, req, at)
				if err != "" {
					return nil, err
				}
				add(c)
			}
		case "dependentRequired":
			for _, dep := range k.DependentRequired {
				ifc, err := presence(scope, dep.If, at)
				if err != "" {
					return nil, err
				}
				then := &Cond{Op: CondAll}
				for _, req := range dep.Then {
					c, err := presence(scope, req, at)
					if err != "" {
						return nil, err
					}
					then.Subs = append(then.Subs, c)
				}
				add(&Cond{Op: CondIf, Subs: []*Cond{ifc, then, nil}})
			}
		case "properties":
			for _, prop := range k.Properties {
				c, err := b.valueCond(scope, prop.Name, prop.Schema)
				if err != "" {
					return nil, err
				}
				add(c)
			}
		case "anyOf", "oneOf", "allOf":
			op := map[string]CondOp{"anyOf": CondAny, "oneOf": CondOne, "allOf": CondAll}[name]
			branches := map[string][]load.Schema{"anyOf": k.AnyOf, "oneOf": k.OneOf, "allOf": k.AllOf}[name]
			c := &Cond{Op: op}
			for _, br := range branches {
				sub, err := b.compileSub(br, scope)
				if err != "" {
					return nil, err
				}
				c.Subs = append(c.Subs, sub)
			}
			add(c)
		case "not":
			sub, err := b.compileSub(*k.Not, scope)
			if err != "" {
				return nil, err
			}
			add(&Cond{Op: CondNot, Subs: []*Cond{sub}})
		case "if":
			c := &Cond{Op: CondIf, Subs: make([]*Cond, 3)}
			for i, sub := range []*load.Schema{k.If, k.Then, k.Else} {
				if sub == nil {
					continue
				}
				compiled, err := b.compileSub(*sub, scope)
				if err != "" {
					return nil, err
				}
				c.Subs[i] = compiled
			}
			add(c)
		case "then", "else":
			// read with "if"; without it they assert nothing
		case "dependentSchemas":
			for _, dep := range k.DependentSchemas {
				ifc, err := presence(scope, dep.Name, at)
				if err != "" {
					return nil, err
				}
				then, err := b.compileSub(dep.Schema, scope)
				if err != "" {
					return nil, err
				}
				add(&Cond{Op: CondIf, Subs: []*Cond{ifc, then, nil}})
			}
		default:
			if !annotationKeywords[name] && !strings.HasPrefix(name, "x-") {
				return nil, fmt.Sprintf("subschema at #%s has %q", s.Pointer, name)
			}
		}
	}
	return all, ""
}

// compileSub compiles a subschema of an assertion.
func (b *builder) compileSub(s load.Schema, scope condScope) (*Cond, string) {
	k := s.Keywords()
	switch {
	case k.Bool != nil && *k.Bool:
		return &Cond{Op: CondAll}, ""
	case k.Bool != nil:
		return nil, fmt.Sprintf("subschema at #%s allows nothing", s.Pointer)
	case k.Has("$ref"):
		return nil, fmt.Sprintf("subschema at #%s has a $ref", s.Pointer)
	}
	b.checkKeywords(s)
	for _, name := range k.Names() {
		if !condKeywords[name] && !annotationKeywords[name] && !strings.HasPrefix(name, "x-") {
			return nil, fmt.Sprintf("subschema at #%s has %q", s.Pointer, name)
		}
	}
	return b.compileKeywords(s, scope, nil)
}

func presence(scope condScope, name, at string) (*Cond, string) {
	info, ok := scope(name)
	if !ok {
		return nil, fmt.Sprintf("subschema at %s requires %q, which is not one of its properties", at, name)
	}
	return &Cond{Op: CondPresent, Field: info.field, Name: name}, ""
}

// valueCond compiles what a subschema's properties/<name> asserts on the
// value of a declared scalar property: type, const and enum.
func (b *builder) valueCond(scope condScope, name string, ps load.Schema) (*Cond, string) {
	info, ok := scope(name)
	if !ok {
		return nil, fmt.Sprintf("subschema at #%s is about %q, which is not one of its properties", ps.Pointer, name)
	}
	k := ps.Keywords()
	if k.Bool != nil {
		if *k.Bool {
			return nil, ""
		}
		return nil, fmt.Sprintf("subschema at #%s allows nothing", ps.Pointer)
	}
	b.checkKeywords(ps)
	c := &Cond{Op: CondValue, Field: info.field, Name: name, Null: true}
	asserts, bounded := false, false
	for _, kw := range k.Names() {
		switch {
		case kw == "type" || kw == "const" || kw == "enum":
			asserts = true
		case valueRuleKeywords[kw]:
			asserts, bounded = true, true
		case annotationKeywords[kw] || strings.HasPrefix(kw, "x-"):
		default:
			return nil, fmt.Sprintf("subschema at #%s has %q", ps.Pointer, kw)
		}
	}
	if !asserts {
		return nil, ""
	}
	if info.json == "" {
		return nil, fmt.Sprintf("subschema at #%s checks %q, whose Go type is not a scalar", ps.Pointer, name)
	}
	if bounded {
		if info.builtin == "" {
			return nil, fmt.Sprintf("subschema at #%s bounds %q, whose Go type hookgen does not bound here", ps.Pointer, name)
		}
		rules := b.rules(ps, info.builtin)
		rules.Const = nil // compared as a value below
		if !rules.Empty() {
			c.Rules = rules
		}
	}
	if k.Has("type") {
		c.Keyword = "type"
		types := k.Type
		c.Null = slices.Contains(types, "null")
		switch {
		case slices.Contains(types, info.json), info.json == "integer" && slices.Contains(types, "number"):
		case info.json == "number" && slices.Contains(types, "integer"):
			return nil, fmt.Sprintf("subschema at #%s asks that %q be an integer, a number in Go", ps.Pointer, name)
		default:
			c.Values = []any{} // no value of the field's type
		}
		c.Allowed = strings.Join(types, " or ")
	}
	for _, kw := range []string{"enum", "const"} {
		if !k.Has(kw) {
			continue
		}
		if info.builtin == "" {
			return nil, fmt.Sprintf("subschema at #%s compares %q, whose Go type is not compared", ps.Pointer, name)
		}
		items := k.Enum
		if kw == "const" {
			items = []*load.Node{k.Const}
		}
		var vals, texts []string
		null := false
		allowed := []any{}
		for _, it := range items {
			texts = append(texts, it.JSON())
			if it.Kind == load.Null {
				null = true
				continue
			}
			if v, ok := goValue(it, info.builtin); ok && !slices.Contains(vals, fmt.Sprint(v)) {
				vals = append(vals, fmt.Sprint(v))
				allowed = append(allowed, v)
			}
		}
		c.Keyword, c.Allowed, c.Null = kw, strings.Join(texts, ", "), c.Null && null
		if c.Values == nil {
			c.Values = allowed
		} else {
			c.Values = slices.DeleteFunc(c.Values, func(v any) bool { return !slices.Contains(allowed, v) })
		}
	}
	return c, ""
}

// valueRuleKeywords are the bounds, pattern and format a subschema of an
// assertion may put on a scalar property; those of another JSON type than
// the property's do not apply to it, as JSON Schema says.
var valueRuleKeywords = set("minLength", "maxLength", "pattern", "format", "minimum", "maximum",
	"exclusiveMinimum", "exclusiveMaximum", "multipleOf")

// goValue is a JSON literal as a value of the Go builtin a field compares
// as, when it can be one.
func goValue(n *load.Node, builtin string) (any, bool) {
	switch {
	case n.Kind == load.String && builtin == "string":
		return n.Str, true
	case n.Kind == load.Bool && builtin == "bool":
		return n.Bool, true
	case n.Kind == load.Number && builtin == "int64":
		if num := number(n.Str); num.IsInt {
			return num.Int, true
		}
	case n.Kind == load.Number && builtin == "float64":
		return number(n.Str).Float, true
	}
	return nil, false
}
