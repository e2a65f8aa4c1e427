// Package model is hookgen's intermediate representation. Build turns a
// loaded provider into a Package in which every decision about the Go code
// is already made: names, field states, enums, sum types and the file each
// type goes in. Emitters only print what is here; this package never
// imports jennifer and emitters never read a schema.
package model

import (
	"github.com/hookgen/hookgen/generator/diag"
)

// Package is one generated Go package: one provider folder.
type Package struct {
	Provider string // the schemas folder name
	Name     string // the Go package name
	// ImportPath is the package's import path, "" when unknown.
	ImportPath string
	Title      string   // the provider's name for people
	Doc        string   // the package doc comment, without the "Package x" lead
	Docs       []string // the documents the schemas come from
	// Signing, SignatureHeader, SignaturePrefix, SignatureEncoding and
	// DeliveryIDHeader: how deliveries are signed, from the manifest.
	Signing, SignatureHeader, SignaturePrefix, SignatureEncoding, DeliveryIDHeader string
	// DeliveryID is the path of member names to a per-delivery id in the
	// payload, nil when there is none.
	DeliveryID []string
	Types      []*Type // every named type, sorted by name
	Files      []*File // one per schema file that declares a type, sorted by name
	// Roots are the schema files' root types, sorted by schema name.
	Roots []Root
	// Router tells the events apart; nil when no schema is an event.
	Router *Router
	// Examples are the provider's test payloads, which become generated
	// golden tests; Testdata is their folder relative to the package.
	Examples []Example
	Testdata string
	// Typical is the example benchmarks and the go doc example use: the
	// largest valid event example, the first by name among equals; nil
	// when there is none.
	Typical *Example
	// Patterns are the regular expressions the validators use, compiled
	// once at package init, sorted by variable name.
	Patterns []*Pattern
	// Tables are the schema tables of values kept as raw JSON, sorted by
	// variable name.
	Tables []*RawSchema
}

// Router is how ParseRequest (and Parse) find the event a request is,
// without decoding its body. It routes one of three ways:
//
//   - by the body alone (Header == ""): Discriminator names root
//     properties, Routes map their values to events, and Parse(data)
//     exists;
//   - by a header (Header != ""): each header value is a Group, naming one
//     event or, with a Discriminator, the body routes within it;
//   - by endpoint (Endpoints): nothing in the request names the event; the
//     caller does, with ParseAs (each schema is received at its own URL).
type Router struct {
	// Discriminator lists the root properties whose values name an event.
	Discriminator []string
	// Header is the HTTP header naming the event, as the manifest writes
	// it; "" when the body or the endpoint names it.
	Header string
	// Endpoints: the caller names the event.
	Endpoints bool
	Events    []*Event // sorted by Type
	Routes    []*Route // body routing: sorted by Values
	Groups    []*Group // header routing: sorted by Value
	// Unknown is the name of the struct holding events no schema knows.
	Unknown string
	// TypeName is the named string type of event types ("EventType"):
	// the Event constants, EventType(), UnknownEvent.Type and, with a
	// single body discriminator, each event's discriminator field.
	TypeName string
}

// Group is one value of the event header and what it means: one event,
// or the body routes that tell its events apart.
type Group struct {
	Value string
	// Func names the unexported function routing the group's events by
	// the body: "hkRoutePullRequest"; "" when Event names one.
	Func   string
	Event  *Event
	Routes []*Route // sorted by Values
}

// Event is one schema that is an event.
type Event struct {
	Type   string // the discriminator values joined with ".": "messages.insert"
	Const  string // the Go constant holding Type: "EventMessagesInsert"
	Root   *Type
	Schema string // the schema file name without ".json"
	// Values are the discriminator values the schema accepts, per
	// discriminator property; the first of each is its own. Nil for an
	// event its header value (or endpoint) alone names.
	Values [][]string
	// Header is the value of the event header that names it (or its
	// group), "" when the router reads no header.
	Header string
	// ParseFunc is the unexported function that decodes and validates
	// the event: "parse<Root>" (names.go).
	ParseFunc string
}

// Route is one combination of discriminator values and the event it
// means. Where several events accept the same values (Peach labels every
// delivery status message_delivery.sent), Path names a string deeper in
// the payload that each of them pins to a different const, and Choices map
// its value to the event; Fallback is taken for any other value.
type Route struct {
	Values   []string
	Event    *Event
	Path     []string
	Choices  []Choice // sorted by Value
	Fallback *Event
}

// Choice is one value of a Route's Path.
type Choice struct {
	Value string
	Event *Event
}

// Example is one test payload and what it must do.
type Example struct {
	File   string // name in the test data folder: "valid/x.json"
	Schema Root   // the schema it is for
	Event  *Event // its event, nil for a schema that is no event
	Valid  bool
	Want   []string // invalid: the JSON pointers it must fail at
	Size   int
	Data   []byte
}

// Root is the type of one schema file's root.
type Root struct {
	Schema string // the file name without ".json"
	Type   *Type
}

// Pattern is one regular expression, compiled into a package variable.
type Pattern struct {
	Var    string // such as "hkPattern0"
	Source string
}

// File is one generated Go file holding the types of one schema file.
type File struct {
	Name   string  // such as "message_received_gen.go"
	Source string  // "<provider>/<schema file>", for the file comment
	Types  []*Type // in the order they appear in the schema
}

// TypeKind says what kind of Go declaration a Type is.
type TypeKind uint8

const (
	// Struct is an object with properties: `type T struct{...}`.
	Struct TypeKind = iota
	// Enum is a string or integer with a fixed set of values:
	// `type T string` plus one constant per value.
	Enum
	// Sum is a oneOf/anyOf of objects: a sealed interface, implemented by
	// each variant's struct and by an unknown variant that keeps the raw
	// JSON. SumBy says how a payload's variant is found.
	Sum
	// Defined is any other named schema: `type T []U`, `type T map[string]U`,
	// `type T string`.
	Defined
	// Union is a value of one of several JSON types (string or integer,
	// an object or null, ...): a struct saying which type it has, with one
	// typed field per type.
	Union
	// Tuple is an array whose items are told apart by position
	// (prefixItems): a struct with one field per position (Fields, their
	// JSONName the position) and Rest for the items after them (see
	// tuples.go).
	Tuple
)

// Type is a named Go type.
type Type struct {
	Kind TypeKind
	Name string
	Doc  string // from the schema's title and description
	// Title and Description are the schema's, trimmed.
	Title, Description string
	// Comment is the type's whole doc comment: the schema's words first,
	// then the shape, the source last (see doc.go).
	Comment string
	// AName is the name with its article, for the comments of methods:
	// "an AIFlow", "a MessageID".
	AName  string
	Source string   // "<provider>/<file>#<pointer>", for the doc comment
	Key    string   // the schema's location: document URI, "#", JSON pointer
	Pos    diag.Pos // where it is declared, for messages
	offset int      // where it is declared, to keep file order

	// Struct
	Fields []*Field
	// Spec is the package variable describing the struct's members to the
	// runtime's member iterator: "hkSpec<Name>" (names.go).
	Spec string
	// Implements lists the sum types this struct is a variant of, by name.
	Implements []*Type
	// Event is the event whose payload this type is the root of (nil: none,
	// or no router); its methods (EventType, ...) are printed with it.
	Event *Event

	// Enum: Base is the underlying builtin; Defined: the definition.
	Base   Ref
	Values []EnumValue
	// OpenEnum is "anyOf" or "oneOf" for an open enum (enums.go): under
	// anyOf any other string is valid too; under oneOf only other strings
	// are. "" for a closed enum.
	OpenEnum string

	// Rules are the constraints on a Defined or Enum type's value, and
	// on a Tuple's length (MinItems, MaxItems).
	Rules *Rules
	// Rest is the type of a Tuple's items after its positions; nil when
	// the schema allows none ("items": false).
	Rest *Ref
	// RestRefusedEach is, when Rest is nil, the keyword that refuses each
	// item after the positions at its own pointer, as jsonschema/v5
	// reports it: "items" (2020-12) or "unevaluatedItems". "" when the
	// array is reported once (draft-07 and 2019-09 additionalItems).
	RestRefusedEach string
	// Object are the constraints on a Struct as a whole.
	Object *ObjectRules
	// Assertions are the keywords beside a Struct's properties that
	// Validate checks on its fields (assert.go), in schema order.
	Assertions []*Assertion

	// Union: the member types, in the order boolean, integer, number,
	// string, array, object. KindType names the type of the Type field
	// saying which member is set (the runtime's JSONType), each member's
	// KindConst its constant.
	Members  []UnionMember
	KindType string

	// Sum
	SumKeyword        string    // "oneOf" or "anyOf"
	SumBy             SumRule   // how a payload's variant is found
	Discriminator     string    // SumByDiscriminator: JSON name of the discriminator property
	DiscriminatorName string    // Go name of that property's field
	Variants          []Variant // by discriminator: sorted by Value; else in schema order
	Unknown           string    // name of the unknown-variant struct
	Decoder           string    // name of the function decoding the sum: "Unmarshal<Name>"
	DecodeFunc        string    // its unexported form, for the generated decoders: "decode<Name>" (names.go)
	Marker            string    // name of the unexported method sealing the interface
	UnknownComment    string    // the doc comment of the Unknown struct (doc.go)
	DecoderComment    string    // the doc comment of the Decoder (doc.go)
}

// UnionMember is one JSON type a Union may hold.
type UnionMember struct {
	JSONType string // "boolean", "integer", "number", "string", "array" or "object"
	Field    string // the Go field holding it: "Boolean", "Integer", ..., "Object"
	// KindConst is the constant of the union's KindType naming this
	// member: "JSONInteger".
	KindConst string
	Base      Ref // its Go type, with the rules that apply to that type
}

// EnumValue is one constant of an Enum.
type EnumValue struct {
	Name  string
	Value any // string, int64 or uint64
}

// Variant is one branch of a Sum: the discriminator value and its struct.
type Variant struct {
	Value string
	Type  *Type
	// Member is, in a SumByMembers, the member only this variant requires
	// and no other variant declares.
	Member string
}

// SumRule is how a Sum finds the variant of a payload.
type SumRule uint8

const (
	// SumByDiscriminator: the string value of a property every variant
	// pins to its own constant names the variant.
	SumByDiscriminator SumRule = iota
	// SumByMembers: each variant requires a member no other variant
	// declares (Variant.Member); the member names present in the payload,
	// peeked without decoding, name the variant. With none or several of
	// them present the payload is tried as SumByValidation would.
	SumByMembers
	// SumByValidation: the payload is decoded as each variant in schema
	// order and validated; oneOf takes the one variant that is valid (none
	// or several: the unknown variant), anyOf the first.
	SumByValidation
)

// FieldState is how a property may appear: the states are distinct in the
// generated type, so code can tell "absent" from "null" from a value.
type FieldState uint8

const (
	// Required: always present, never null: a plain value.
	Required FieldState = iota
	// Optional: may be absent, never null: Optional[T].
	Optional
	// Nullable: always present, may be null: Nullable[T].
	Nullable
	// OptionalNullable: may be absent or null: OptionalNullable[T].
	OptionalNullable
)

func (s FieldState) String() string {
	return [...]string{"required", "optional", "nullable", "optional, nullable"}[s]
}

// MustBePresent reports whether the property is in the schema's required
// list: a payload without it breaks "required".
func (s FieldState) MustBePresent() bool { return s == Required || s == Nullable }

// Field is one property of a Struct.
type Field struct {
	Name     string // Go name
	JSONName string // property name
	Doc      string
	Type     Ref
	State    FieldState
	Pos      diag.Pos
}

// RefKind is the shape of a Go type expression.
type RefKind uint8

const (
	Builtin RefKind = iota // string, int64, float64, bool
	Time                   // time.Time (format: date-time)
	Raw                    // json.RawMessage: any JSON value, kept as written
	Slice                  // []Elem
	Map                    // map[string]Elem
	Named                  // a Type of this package
	Null                   // struct{}: a value that may only be null (type: "null")
)

// Ref is a Go type expression.
type Ref struct {
	Kind RefKind
	// Builtin: "string", "int64", "uint64", "json.Number" (an integer
	// beyond uint64, see integerBuiltin), "float64" or "bool".
	Builtin string
	Elem    *Ref  // Slice, Map
	Type    *Type // Named
	// Nullable: the JSON value may also be null. For a struct field this is
	// folded into Field.State; elsewhere (slice elements, map values) the
	// emitter wraps the type in Nullable[T]. Raw holds null itself.
	Nullable bool
	// Pointer: a struct field holds this named struct by pointer (*T), to
	// break a cycle of structs containing each other by value (see
	// breakCycles). nil stands for absent.
	Pointer bool
	// Rules constrain an unnamed value (a named type carries its own).
	Rules *Rules
	// StringType: a Builtin string held in this package's named string
	// type of that name (the router's EventType) rather than in string.
	StringType string
	// Table validates a Raw value; nil accepts any JSON.
	Table *RawSchema
	// RawReason says why the value is kept as raw JSON, for the doc
	// comment.
	RawReason string
}

// Checks are the assertions a schema makes on one value by itself. They
// are read from the schema's keywords in one place (checksOf) for both
// ways a value is validated: a typed value's Rules keep those of its JSON
// kind (Checks.Of), a raw value's table keeps them all. Bounds that are
// not set are -1 (counts) or nil.
type Checks struct {
	// strings (lengths in Unicode code points)
	MinLength, MaxLength int
	Pattern              *Pattern
	Format               string // checker function, such as "hkIsEmail"
	FormatName           string // the format's name, such as "email"
	// numbers, as written in the schema
	Minimum, Maximum, ExclusiveMinimum, ExclusiveMaximum, MultipleOf *Number
	// arrays
	MinItems, MaxItems int
	UniqueItems        bool
	// objects and maps: members present, unknown ones included
	MinProperties, MaxProperties int
}

// NoChecks checks nothing.
var NoChecks = Checks{MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1, MinProperties: -1, MaxProperties: -1}

// Of keeps the checks that apply to a value of a JSON kind ("string",
// "int64", "float64", "bool", "array", "object", and the wide integers
// uint64 and json.Number); JSON Schema ignores the others.
func (c Checks) Of(kind string) Checks {
	out := NoChecks
	switch kind {
	case "string":
		out.MinLength, out.MaxLength, out.Pattern, out.Format, out.FormatName = c.MinLength, c.MaxLength, c.Pattern, c.Format, c.FormatName
	case "int64", "float64", Uint64Builtin, NumberBuiltin:
		out.Minimum, out.Maximum, out.ExclusiveMinimum, out.ExclusiveMaximum, out.MultipleOf = c.Minimum, c.Maximum, c.ExclusiveMinimum, c.ExclusiveMaximum, c.MultipleOf
	case "array":
		out.MinItems, out.MaxItems, out.UniqueItems = c.MinItems, c.MaxItems, c.UniqueItems
	case "object":
		out.MinProperties, out.MaxProperties = c.MinProperties, c.MaxProperties
	}
	return out
}

// Rules are the constraints on a typed value that its Go type does not
// already enforce: the Checks of its JSON kind and those only a Go type
// needs.
type Rules struct {
	Checks
	// Integer: a json.Number, which may hold any number, must hold an
	// integer.
	Integer bool
	// Union: a float64 that is an integer or a number of a oneOf/anyOf
	// (numunion.go), with each branch's rules; the fields above are unset.
	Union *NumberUnion
	// Const is a Go literal the value must equal (string, int64, uint64,
	// float64 or bool; NumberText for a json.Number).
	Const any
	// Enum lists the strings the value must be one of (an event's
	// discriminator values); nil for any. A pointer keeps Rules comparable.
	Enum *[]string
	// Branches: the value is a same-type oneOf/anyOf (samekind.go).
	Branches *Branches
	// Keys: a map's propertyNames and patternProperties (keys.go).
	Keys *MapKeys
	// Contains: a slice's contains count (contains.go).
	Contains *Contains
}

// Empty reports whether the rules constrain nothing.
func (r *Rules) Empty() bool {
	return r == nil || *r == Rules{Checks: NoChecks}
}

// Number is a bound from the schema.
type Number struct {
	Literal string  // as written
	Float   float64 // its value
	Int     int64   // its value, when IsInt
	IsInt   bool
	Uint    uint64 // its value, when IsUint (an integer from 0 to MaxUint64)
	IsUint  bool
}

// NumberText is the Const of a json.Number value: a JSON number literal,
// compared exactly.
type NumberText string

// ObjectRules are the constraints on a struct as a whole.
type ObjectRules struct {
	// NoAdditional: additionalProperties is false; an unknown member is a
	// violation when decoding.
	NoAdditional bool
	// Unevaluated: NoAdditional comes from unevaluatedProperties: false
	// (unevaluated.go), which reports each unknown member at its own
	// pointer, not at the object.
	Unevaluated bool
	// MinProperties, MaxProperties count present members, unknown ones
	// included (-1: unset); CountsExtra says decoding must count those.
	MinProperties, MaxProperties int
	CountsExtra                  bool
	// DependentRequired: when If is present, Then must be too (JSON names).
	DependentRequired []Dependency
	// NoMembers: the struct is a branch of a oneOf/anyOf whose own schema
	// says additionalProperties: false and declares no properties, so
	// every member is a violation there, and the struct's required
	// members make every value of it one.
	NoMembers bool
}

// Dependency is one entry of dependentRequired.
type Dependency struct {
	If   string
	Then []string
}

// RawSchema is a schema as a table, for values kept as raw JSON: the
// emitter prints it as a composite literal, the runtime interprets it.
type RawSchema struct {
	Var    string // the package variable, such as "hkTable3"
	Key    string // the schema's location, for ordering and comments
	Always *bool  // a boolean schema

	Ref   *RawSchema
	Types []string // JSON Schema type names
	Enum  []string // JSON literals
	Const *string  // JSON literal

	Checks // of every JSON kind

	PrefixItems              []*RawSchema
	Items                    *RawSchema
	Contains                 *RawSchema
	MinContains, MaxContains int

	Required             []string
	Properties           []RawMember // in schema order
	PatternProperties    []RawPattern
	AdditionalProperties *RawSchema
	PropertyNames        *RawSchema
	DependentRequired    []Dependency
	DependentSchemas     []RawMember

	AllOf, AnyOf, OneOf []*RawSchema
	Not, If, Then, Else *RawSchema

	UnevaluatedProperties, UnevaluatedItems *RawSchema
}

// RawMember is a named sub-schema (properties, dependentSchemas).
type RawMember struct {
	Name   string
	Schema *RawSchema
}

// RawPattern is one entry of patternProperties.
type RawPattern struct {
	Pattern *Pattern
	Schema  *RawSchema
}

// IsSum reports whether r names a Sum type.
func (r Ref) IsSum() bool { return r.Kind == Named && r.Type.Kind == Sum }
