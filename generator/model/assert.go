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
	if s.Node.Kind != load.Object {
		return false, ""
	}
	has := false
	for _, m := range s.Node.Members {
		has = has || assertKeywords[m.Name]
	}
	props := s.Node.Get("properties")
	t := s.Node.Get("type")
	if !has || props == nil || props.Kind != load.Object || len(props.Members) == 0 ||
		t == nil || t.Kind != load.String || t.Str != "object" || s.Node.Get("$ref") != nil {
		return false, ""
	}
	if !b.guard.enter("assertive", s.Key()) {
		return false, "it refers to itself through its assertions"
	}
	defer b.guard.leave("assertive", s.Key())
	scope := func(name string) (fieldInfo, bool) {
		if props.Get(name) == nil {
			return fieldInfo{}, false
		}
		return b.syntaxInfo(s.Member("properties").Member(name)), true
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
	if target.Node.Kind != load.Object || b.rawReason(target) != "" {
		return fieldInfo{}
	}
	for _, kw := range []string{"oneOf", "anyOf", "allOf"} {
		if target.Node.Get(kw) != nil {
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
		if f := target.Node.Get("format"); f == nil || f.Str != "date-time" {
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
	for _, m := range s.Node.Members {
		if !assertKeywords[m.Name] || m.Name == "then" || m.Name == "else" {
			continue
		}
		c, err := b.compileKeywords(s, scope, set(m.Name))
		if err != "" {
			// assertive compiled the same keywords from the schema alone.
			b.diags.Add(s.Pos(), "bug: the assertions of %s compile from the schema but not on its fields: %s", t.Name, err)
			return
		}
		k, _ := s.Keyword(m.Name)
		a := &Assertion{Keyword: m.Name, Pointer: k.Pointer, Cond: c}
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
	at := func(k load.Schema) string { return "#" + k.Pointer }
	for _, m := range s.Node.Members {
		if only != nil && !only[m.Name] {
			continue
		}
		k, _ := s.Keyword(m.Name)
		switch m.Name {
		case "type":
			if !slices.Contains(typeNames(k.Node), "object") {
				return nil, fmt.Sprintf("subschema at %s allows no object", at(s))
			}
		case "required":
			for _, it := range m.Value.Items {
				c, err := presence(scope, it.Str, at(k))
				if err != "" {
					return nil, err
				}
				add(c)
			}
		case "dependentRequired":
			for _, dm := range m.Value.Members {
				ifc, err := presence(scope, dm.Name, at(k))
				if err != "" {
					return nil, err
				}
				then := &Cond{Op: CondAll}
				for _, it := range dm.Value.Items {
					c, err := presence(scope, it.Str, at(k))
					if err != "" {
						return nil, err
					}
					then.Subs = append(then.Subs, c)
				}
				add(&Cond{Op: CondIf, Subs: []*Cond{ifc, then, nil}})
			}
		case "properties":
			for _, pm := range m.Value.Members {
				c, err := b.valueCond(scope, pm.Name, k.Member(pm.Name))
				if err != "" {
					return nil, err
				}
				add(c)
			}
		case "anyOf", "oneOf", "allOf":
			op := map[string]CondOp{"anyOf": CondAny, "oneOf": CondOne, "allOf": CondAll}[m.Name]
			c := &Cond{Op: op}
			for i := range m.Value.Items {
				sub, err := b.compileSub(k.Item(i), scope)
				if err != "" {
					return nil, err
				}
				c.Subs = append(c.Subs, sub)
			}
			add(c)
		case "not":
			sub, err := b.compileSub(k, scope)
			if err != "" {
				return nil, err
			}
			add(&Cond{Op: CondNot, Subs: []*Cond{sub}})
		case "if":
			c := &Cond{Op: CondIf, Subs: make([]*Cond, 3)}
			for i, kw := range []string{"if", "then", "else"} {
				sub, ok := s.Keyword(kw)
				if !ok {
					continue
				}
				compiled, err := b.compileSub(sub, scope)
				if err != "" {
					return nil, err
				}
				c.Subs[i] = compiled
			}
			add(c)
		case "then", "else":
			// read with "if"; without it they assert nothing
		case "dependentSchemas":
			for _, dm := range m.Value.Members {
				ifc, err := presence(scope, dm.Name, at(k))
				if err != "" {
					return nil, err
				}
				then, err := b.compileSub(k.Member(dm.Name), scope)
				if err != "" {
					return nil, err
				}
				add(&Cond{Op: CondIf, Subs: []*Cond{ifc, then, nil}})
			}
		default:
			if !annotationKeywords[m.Name] && !strings.HasPrefix(m.Name, "x-") {
				return nil, fmt.Sprintf("subschema at %s has %q", at(s), m.Name)
			}
		}
	}
	return all, ""
}

// compileSub compiles a subschema of an assertion.
func (b *builder) compileSub(s load.Schema, scope condScope) (*Cond, string) {
	switch {
	case s.Node.Kind == load.Bool && s.Node.Bool:
		return &Cond{Op: CondAll}, ""
	case s.Node.Kind != load.Object:
		return nil, fmt.Sprintf("subschema at #%s allows nothing", s.Pointer)
	case s.Node.Get("$ref") != nil:
		return nil, fmt.Sprintf("subschema at #%s has a $ref", s.Pointer)
	}
	b.checkKeywords(s)
	for _, m := range s.Node.Members {
		if !condKeywords[m.Name] && !annotationKeywords[m.Name] && !strings.HasPrefix(m.Name, "x-") {
			return nil, fmt.Sprintf("subschema at #%s has %q", s.Pointer, m.Name)
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
	if ps.Node.Kind == load.Bool {
		if ps.Node.Bool {
			return nil, ""
		}
		return nil, fmt.Sprintf("subschema at #%s allows nothing", ps.Pointer)
	}
	b.checkKeywords(ps)
	c := &Cond{Op: CondValue, Field: info.field, Name: name, Null: true}
	asserts, bounded := false, false
	for _, m := range ps.Node.Members {
		switch {
		case m.Name == "type" || m.Name == "const" || m.Name == "enum":
			asserts = true
		case valueRuleKeywords[m.Name]:
			asserts, bounded = true, true
		case annotationKeywords[m.Name] || strings.HasPrefix(m.Name, "x-"):
		default:
			return nil, fmt.Sprintf("subschema at #%s has %q", ps.Pointer, m.Name)
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
	if t := ps.Node.Get("type"); t != nil {
		c.Keyword = "type"
		types := typeNames(t)
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
		n := ps.Node.Get(kw)
		if n == nil {
			continue
		}
		if info.builtin == "" {
			return nil, fmt.Sprintf("subschema at #%s compares %q, whose Go type is not compared", ps.Pointer, name)
		}
		items := n.Items
		if kw == "const" {
			items = []*load.Node{n}
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

// typeNames lists the names in a "type" keyword.
func typeNames(n *load.Node) []string {
	if n.Kind == load.String {
		return []string{n.Str}
	}
	var out []string
	for _, it := range n.Items {
		out = append(out, it.Str)
	}
	return out
}
