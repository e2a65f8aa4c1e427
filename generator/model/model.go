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
	Provider string   // the schemas folder name
	Name     string   // the Go package name
	Title    string   // the provider's name for people
	Doc      string   // the package doc comment, without the "Package x" lead
	Docs     []string // the documents the schemas come from
	Types    []*Type  // every named type, sorted by name
	Files    []*File  // one per schema file that declares a type, sorted by name
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
	// Sum is a oneOf/anyOf of objects told apart by a discriminator property:
	// a sealed interface, implemented by each variant's struct and by an
	// unknown variant that keeps the raw JSON.
	Sum
	// Defined is any other named schema: `type T []U`, `type T map[string]U`,
	// `type T string`.
	Defined
)

// Type is a named Go type.
type Type struct {
	Kind   TypeKind
	Name   string
	Doc    string   // from the schema's title and description
	Source string   // "<provider>/<file>#<pointer>", for the doc comment
	Pos    diag.Pos // where it is declared, for messages
	offset int      // where it is declared, to keep file order

	// Struct
	Fields []*Field
	// Implements lists the sum types this struct is a variant of, by name.
	Implements []*Type
	// DecodesSums: some field holds a sum type, so the struct needs an
	// UnmarshalJSON that decodes those fields by their discriminator.
	DecodesSums bool

	// Enum: Base is the underlying builtin; Defined: the definition.
	Base   Ref
	Values []EnumValue

	// Sum
	Discriminator     string    // JSON name of the discriminator property
	DiscriminatorName string    // Go name of that property's field
	Variants          []Variant // sorted by Value
	Unknown           string    // name of the unknown-variant struct
	Decoder           string    // name of the function decoding the sum: "Unmarshal<Name>"
	Marker            string    // name of the unexported method sealing the interface
}

// EnumValue is one constant of an Enum.
type EnumValue struct {
	Name  string
	Value any // string or int64
}

// Variant is one branch of a Sum: the discriminator value and its struct.
type Variant struct {
	Value string
	Type  *Type
}

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
)

// Ref is a Go type expression.
type Ref struct {
	Kind    RefKind
	Builtin string // Builtin: "string", "int64", "float64" or "bool"
	Elem    *Ref   // Slice, Map
	Type    *Type  // Named
	// Nullable: the JSON value may also be null. For a struct field this is
	// folded into Field.State; elsewhere (slice elements, map values) the
	// emitter wraps the type in Nullable[T]. Raw holds null itself.
	Nullable bool
}

// IsSum reports whether r names a Sum type.
func (r Ref) IsSum() bool { return r.Kind == Named && r.Type.Kind == Sum }

// RuntimeNames are the identifiers the copied runtime file declares; a
// schema type may not take them.
var RuntimeNames = []string{"Optional", "Nullable", "OptionalNullable", "Violation", "ValidationError"}
