package load

import (
	"math/big"

	"github.com/hookgen/hookgen/generator/diag"
)

// Keywords is one schema decoded: every keyword of JSON Schema 2020-12 as
// a typed field, with the position of each. Load decodes each schema once,
// after rewriting its draft into 2020-12 terms (normalize) and its dynamic
// references into $refs (resolveDynamic), so the model reads fields and
// never JSON, and two versions of a schema compare field by field.
//
// An absent keyword is the field's zero value: nil for sub-schemas, lists
// and literals (so "enum": [] and "required": [], which mean something,
// are told from absence), "" for strings and -1 for counts. A keyword
// whose value has the wrong JSON kind is left absent: meta-validation has
// already reported it.
type Keywords struct {
	// Bool is the value of the schemas true and false; nil for an object.
	Bool *bool

	// Identifiers and references.
	Dialect          string  // $schema
	ID               string  // $id
	Anchor           string  // $anchor
	DynamicAnchor    string  // $dynamicAnchor
	RecursiveAnchor  bool    // $recursiveAnchor (2019-09)
	Ref              *string // $ref
	DynamicRef       *string // $dynamicRef or $recursiveRef that load could not make a $ref
	Defs             []Named // $defs, then definitions, in source order
	Vocabulary       *Node   // $vocabulary of a custom meta-schema
	Comment          string  // $comment
	Title            string
	Description      string
	Default          *Node
	Examples         []*Node
	Deprecated       bool
	ReadOnly         bool
	WriteOnly        bool
	ContentEncoding  string
	ContentMediaType string
	ContentSchema    *Schema

	// Any instance.
	Type  []string // JSON Schema type names ("type": "string" is one)
	Enum  []*Node
	Const *Node

	// Strings.
	MinLength, MaxLength int
	Pattern              *string
	Format               *string

	// Numbers, as the schema writes them ("1e3", "0.1").
	Minimum, Maximum, ExclusiveMinimum, ExclusiveMaximum, MultipleOf *string

	// Arrays.
	PrefixItems              []Schema
	Items                    *Schema
	Contains                 *Schema
	MinItems, MaxItems       int
	MinContains, MaxContains int
	UniqueItems              bool
	UnevaluatedItems         *Schema

	// Objects.
	Properties            []Named
	PatternProperties     []Named
	AdditionalProperties  *Schema
	PropertyNames         *Schema
	Required              []string
	DependentRequired     []Dependency
	DependentSchemas      []Named
	MinProperties         int
	MaxProperties         int
	UnevaluatedProperties *Schema

	// Combinators and conditionals.
	AllOf, AnyOf, OneOf []Schema
	Not, If, Then, Else *Schema

	// Extensions: the "x-" keywords, in source order. Their values are
	// the tools' own JSON; GoName is the one hookgen itself reads.
	Extensions []Extension
	GoName     *string // x-go-name
	// Unknown: keywords of no draft hookgen reads and not "x-": a typo,
	// or a construct the model must refuse.
	Unknown []string

	names []string          // every keyword present, in source order
	at    map[string]Schema // every keyword's located value
}

// Named is a sub-schema under a name: a property, a definition, a pattern
// of patternProperties.
type Named struct {
	Name   string
	Schema Schema
}

// Dependency is one entry of dependentRequired (or of draft-07
// dependencies with an array).
type Dependency struct {
	If   string
	Then []string
}

// Extension is one "x-" keyword.
type Extension struct {
	Name  string
	Value *Node
}

// Names lists the keywords the schema has, in source order.
func (k *Keywords) Names() []string { return k.names }

// Has reports whether the schema has keyword name.
func (k *Keywords) Has(name string) bool {
	_, ok := k.at[name]
	return ok
}

// Pos is the position of keyword name's value, or of the schema itself
// when the keyword is absent.
func (k *Keywords) Pos(name string) diag.Pos {
	if at, ok := k.at[name]; ok {
		return at.Pos()
	}
	return k.at[""].Pos()
}

// ItemPos is the position of element i of array keyword name, such as an
// enum's value.
func (k *Keywords) ItemPos(name string, i int) diag.Pos {
	return k.at[name].Item(i).Pos()
}

// Literal is the number keyword name as the schema writes it, for
// messages about a count too large to hold ("maxLength": 1e30), which the
// typed field cannot show; "" when the value is not a number.
func (k *Keywords) Literal(name string) string {
	if n := k.at[name].Node; n != nil && n.Kind == Number {
		return n.Str
	}
	return ""
}

// Pointer is the JSON pointer of keyword name's value, spelt as the file
// writes the keyword (a draft-07 "items" array read as prefixItems keeps
// its own name).
func (k *Keywords) Pointer(name string) string {
	return k.at[name].Pointer
}

// Property returns the schema of property name, if "properties" has it.
func (k *Keywords) Property(name string) (Schema, bool) {
	for _, p := range k.Properties {
		if p.Name == name {
			return p.Schema, true
		}
	}
	return Schema{}, false
}

// Extension returns the value of the "x-" keyword name, or nil.
func (k *Keywords) Extension(name string) *Node {
	for _, e := range k.Extensions {
		if e.Name == name {
			return e.Value
		}
	}
	return nil
}

// Keywords is the schema decoded. Load decodes every schema of every
// document it returns; a $ref into a place no keyword makes a schema (a
// pointer into "examples", say) is decoded here, on each call.
func (s Schema) Keywords() *Keywords {
	if s.Node != nil && s.Node.keywords != nil {
		return s.Node.keywords
	}
	return decodeKeywords(s)
}

// decodeAll decodes every schema of the document, once.
func (d *Document) decodeAll() {
	walkAll(d.RootSchema(), func(s Schema) {
		if s.Node.keywords == nil {
			s.Node.keywords = decodeKeywords(s)
		}
	})
}

// walkAll is walkSchemas with the boolean schemas too.
func walkAll(s Schema, f func(Schema)) {
	if s.Node == nil {
		return
	}
	switch s.Node.Kind {
	case Bool:
		f(s)
	case Object:
		f(s)
		walkChildren(s, func(c Schema) { walkAll(c, f) })
	}
}

func decodeKeywords(s Schema) *Keywords {
	k := &Keywords{MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1, MinContains: -1, MaxContains: -1,
		MinProperties: -1, MaxProperties: -1, at: map[string]Schema{"": s}}
	n := s.Node
	if n == nil {
		return k
	}
	if n.Kind == Bool {
		v := n.Bool
		k.Bool = &v
		return k
	}
	if n.Kind != Object {
		return k
	}
	var definitions []Named // after $defs, whichever comes first
	defer func() { k.Defs = append(k.Defs, definitions...) }()
	for _, m := range n.Members {
		v, _ := s.Keyword(m.Name)
		k.names = append(k.names, m.Name)
		k.at[m.Name] = v
		val := m.Value
		str := func(dst *string) {
			if val.Kind == String {
				*dst = val.Str
			}
		}
		strPtr := func(dst **string) {
			if val.Kind == String {
				t := val.Str
				*dst = &t
			}
		}
		boolean := func(dst *bool) {
			if val.Kind == Bool {
				*dst = val.Bool
			}
		}
		count := func(dst *int) { *dst = countOf(val) }
		number := func(dst **string) {
			if val.Kind == Number {
				t := val.Str
				*dst = &t
			}
		}
		sub := func(dst **Schema) {
			if val.Kind == Object || val.Kind == Bool {
				c := v
				*dst = &c
			}
		}
		list := func(dst *[]Schema) {
			if val.Kind == Array {
				*dst = make([]Schema, len(val.Items))
				for i := range val.Items {
					(*dst)[i] = v.Item(i)
				}
			}
		}
		named := func(dst *[]Named) {
			if val.Kind == Object {
				if *dst == nil {
					*dst = make([]Named, 0, len(val.Members))
				}
				for _, e := range val.Members {
					*dst = append(*dst, Named{Name: e.Name, Schema: v.Member(e.Name)})
				}
			}
		}
		switch m.Name {
		case "$schema":
			str(&k.Dialect)
		case "$id":
			str(&k.ID)
		case "$anchor":
			str(&k.Anchor)
		case "$dynamicAnchor":
			str(&k.DynamicAnchor)
		case "$recursiveAnchor":
			boolean(&k.RecursiveAnchor)
		case "$ref":
			strPtr(&k.Ref)
		case "$dynamicRef", "$recursiveRef":
			strPtr(&k.DynamicRef)
		case "$defs":
			named(&k.Defs)
		case "definitions":
			named(&definitions)
		case "$vocabulary":
			k.Vocabulary = val
		case "$comment":
			str(&k.Comment)
		case "title":
			str(&k.Title)
		case "description":
			str(&k.Description)
		case "default":
			k.Default = val
		case "examples":
			if val.Kind == Array {
				k.Examples = val.Items
			}
		case "deprecated":
			boolean(&k.Deprecated)
		case "readOnly":
			boolean(&k.ReadOnly)
		case "writeOnly":
			boolean(&k.WriteOnly)
		case "contentEncoding":
			str(&k.ContentEncoding)
		case "contentMediaType":
			str(&k.ContentMediaType)
		case "contentSchema":
			sub(&k.ContentSchema)
		case "type":
			switch val.Kind {
			case String:
				k.Type = []string{val.Str}
			case Array:
				k.Type = []string{}
				for _, it := range val.Items {
					if it.Kind == String {
						k.Type = append(k.Type, it.Str)
					}
				}
			}
		case "enum":
			if val.Kind == Array {
				k.Enum = val.Items
				if k.Enum == nil {
					k.Enum = []*Node{}
				}
			}
		case "const":
			k.Const = val
		case "minLength":
			count(&k.MinLength)
		case "maxLength":
			count(&k.MaxLength)
		case "pattern":
			strPtr(&k.Pattern)
		case "format":
			strPtr(&k.Format)
		case "minimum":
			number(&k.Minimum)
		case "maximum":
			number(&k.Maximum)
		case "exclusiveMinimum":
			number(&k.ExclusiveMinimum)
		case "exclusiveMaximum":
			number(&k.ExclusiveMaximum)
		case "multipleOf":
			number(&k.MultipleOf)
		case "prefixItems":
			list(&k.PrefixItems)
		case "items":
			sub(&k.Items)
		case "contains":
			sub(&k.Contains)
		case "minItems":
			count(&k.MinItems)
		case "maxItems":
			count(&k.MaxItems)
		case "minContains":
			count(&k.MinContains)
		case "maxContains":
			count(&k.MaxContains)
		case "uniqueItems":
			boolean(&k.UniqueItems)
		case "unevaluatedItems":
			sub(&k.UnevaluatedItems)
		case "properties":
			named(&k.Properties)
		case "patternProperties":
			named(&k.PatternProperties)
		case "additionalProperties":
			sub(&k.AdditionalProperties)
		case "propertyNames":
			sub(&k.PropertyNames)
		case "required":
			if val.Kind == Array {
				k.Required = stringsOf(val.Items)
			}
		case "dependentRequired":
			if val.Kind == Object {
				k.DependentRequired = []Dependency{}
				for _, e := range val.Members {
					if e.Value.Kind == Array {
						k.DependentRequired = append(k.DependentRequired, Dependency{If: e.Name, Then: stringsOf(e.Value.Items)})
					}
				}
			}
		case "dependentSchemas":
			named(&k.DependentSchemas)
		case "minProperties":
			count(&k.MinProperties)
		case "maxProperties":
			count(&k.MaxProperties)
		case "unevaluatedProperties":
			sub(&k.UnevaluatedProperties)
		case "allOf":
			list(&k.AllOf)
		case "anyOf":
			list(&k.AnyOf)
		case "oneOf":
			list(&k.OneOf)
		case "not":
			sub(&k.Not)
		case "if":
			sub(&k.If)
		case "then":
			sub(&k.Then)
		case "else":
			sub(&k.Else)
		default:
			if len(m.Name) > 1 && m.Name[:2] == "x-" {
				k.Extensions = append(k.Extensions, Extension{Name: m.Name, Value: val})
				if m.Name == "x-go-name" {
					strPtr(&k.GoName)
				}
				continue
			}
			k.Unknown = append(k.Unknown, m.Name)
		}
	}
	return k
}

// countOf reads a non-negative integer keyword; 2020-12 allows it written
// as a number with a zero fraction ("2.0"). -1: not such a number.
func countOf(n *Node) int {
	if n.Kind != Number {
		return -1
	}
	r, ok := new(big.Rat).SetString(n.Str)
	if !ok || !r.IsInt() || r.Sign() < 0 || !r.Num().IsInt64() {
		return -1
	}
	return int(r.Num().Int64())
}

func stringsOf(items []*Node) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if it.Kind == String {
			out = append(out, it.Str)
		}
	}
	return out
}
