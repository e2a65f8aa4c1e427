package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/load"
)

// unevaluatedProperties and unevaluatedItems (2019-09, 2020-12) look at the
// members or items no other keyword of the schema, or of a subschema
// applied in place that holds, evaluated. They are typed where that set is
// known when hookgen generates:
//
//   - unevaluatedProperties: false beside properties, and allOf parts that
//     are plain objects (allof.go): the evaluated members are the names
//     those declare, so the merged struct is closed to every other member,
//     each reported at its own pointer as jsonschema/v5 does;
//   - unevaluatedProperties: {schema} with no properties: a map, as
//     additionalProperties: {schema} is;
//   - unevaluatedItems beside items: nothing is left to it; beside
//     prefixItems without items it is the tuple's rest (false: none, each
//     extra item reported at its pointer); on an array with neither, the
//     element type.
//
// true is no constraint. Anything that evaluates members only when a
// subschema holds or by pattern (patternProperties, additionalProperties,
// anyOf, oneOf, not, if/then/else, dependentSchemas, a $ref beside them)
// keeps the value raw JSON, validated by the schema table.
//
// One difference in pointers remains, never in the verdict: when an allOf
// part fails, v5 drops what it evaluated and also reports each member it
// declared as unevaluated; the generated code reports the part's failure
// alone (README, "Still raw JSON").

// conditionalEvaluators evaluate members or items by pattern or only when
// a subschema holds: beside them, what is unevaluated is known only at run
// time.
var conditionalEvaluators = []string{"patternProperties", "additionalProperties", "anyOf", "oneOf", "not",
	"if", "then", "else", "dependentSchemas", "$ref", "contains"}

// unevaluatedOwnKeywords may stand beside allOf and unevaluatedProperties:
// false for the parts and the schema's own properties to merge.
var unevaluatedOwnKeywords = set("allOf", "type", "properties", "required", "unevaluatedProperties")

// unevaluatedReason decides a schema whose unevaluated* keywords constrain
// something: decided is false when they do not (absent or true) or when the
// rest of rawReason decides; otherwise why is the reason it stays raw JSON,
// "" when it is typed (an allOf merged with its own properties).
func (b *builder) unevaluatedReason(s load.Schema) (why string, decided bool) {
	k := s.Keywords()
	if k.Bool != nil {
		return "", false
	}
	props, items := constrains(k.UnevaluatedProperties), constrains(k.UnevaluatedItems)
	if !props && !items {
		return "", false
	}
	for _, kw := range conditionalEvaluators {
		if k.Has(kw) {
			return fmt.Sprintf("it has %q beside unevaluated%s, so what is left unevaluated is known only at run time", kw, which(props)), true
		}
	}
	if props && k.Has("propertyNames") {
		// A map with key checks (keys.go) reads its values from
		// additionalProperties and patternProperties only.
		return "it has \"propertyNames\" beside unevaluatedProperties", true
	}
	types, _ := jsonTypes(s)
	if items {
		if !k.Has("allOf") && slices.Equal(types, []string{"array"}) {
			return "", false // tuples.go and container read it
		}
		return "it uses \"unevaluatedItems\" beside allOf or on a value that may be other than an array", true
	}
	if len(k.AllOf) > 0 {
		if !closedByUnevaluated(k) {
			return "it has allOf and unevaluatedProperties with a schema", true
		}
		_, why := b.unevaluatedMerge(s)
		return why, true
	}
	if !slices.Equal(types, []string{"object"}) {
		return "it uses \"unevaluatedProperties\" on a value that may be other than an object", true
	}
	if !isFalse(*k.UnevaluatedProperties) {
		if len(k.Properties) > 0 || k.Has("required") {
			return "it has properties and unevaluatedProperties with a schema", true
		}
		return "", false // a map (object)
	}
	if name, ok := undeclaredRequired([]load.Schema{s}); ok {
		return fmt.Sprintf("it requires %q, which no properties declare, beside unevaluatedProperties: false", name), true
	}
	return "", false // a closed struct (object)
}

// constrains reports whether an unevaluated* keyword's value can refuse
// anything: present and not true.
func constrains(s *load.Schema) bool {
	if s == nil {
		return false
	}
	k := s.Keywords()
	return k.Bool == nil || !*k.Bool
}

func which(props bool) string {
	if props {
		return "Properties"
	}
	return "Items"
}

// closedByUnevaluated reports whether s says unevaluatedProperties: false.
func closedByUnevaluated(k *load.Keywords) bool {
	return k.UnevaluatedProperties != nil && isFalse(*k.UnevaluatedProperties)
}

// unevaluatedParts returns the parts of the struct of a schema with allOf
// and unevaluatedProperties: false (unevaluatedMerge), nil when it is no
// such thing.
func (b *builder) unevaluatedParts(s load.Schema) []load.Schema {
	k := s.Keywords()
	if k.Bool != nil || len(k.AllOf) == 0 || !closedByUnevaluated(k) {
		return nil
	}
	parts, _ := b.unevaluatedMerge(s)
	return parts
}

// unevaluatedMerge returns the parts of the struct of a schema with allOf
// and unevaluatedProperties: false: each allOf branch followed through its
// $refs, a plain object part (objectParts) that does not close itself, and
// last the schema's own properties and required. When they do not merge,
// nil and the reason.
func (b *builder) unevaluatedMerge(s load.Schema) ([]load.Schema, string) {
	k := s.Keywords()
	for _, name := range k.Names() {
		if !unevaluatedOwnKeywords[name] && !annotationKeywords[name] && !strings.HasPrefix(name, "x-") {
			return nil, fmt.Sprintf("it has %q beside allOf and unevaluatedProperties", name)
		}
	}
	if k.Has("type") && !typeIs(k, "object") {
		return nil, "it uses \"unevaluatedProperties\" on a value that may be other than an object"
	}
	parts := b.objectParts(k.AllOf)
	if parts == nil {
		return nil, "it uses \"unevaluatedProperties\" beside allOf parts that are not plain objects (only properties, required and type)"
	}
	object := k.Has("type")
	for _, p := range parts {
		// A part closed by additionalProperties: false fails on the other
		// parts' members, and with it v5 drops what it evaluated.
		if p.Keywords().AdditionalProperties != nil {
			return nil, "it uses \"unevaluatedProperties\" beside an allOf part with additionalProperties"
		}
		object = object || p.Keywords().Has("type")
	}
	if !object {
		return nil, "it uses \"unevaluatedProperties\" beside allOf, and neither it nor a part says \"type\": \"object\""
	}
	parts = append(parts, s)
	if name, ok := undeclaredRequired(parts); ok {
		return nil, fmt.Sprintf("it requires %q, which no properties declare, beside unevaluatedProperties: false", name)
	}
	return parts, ""
}

// undeclaredRequired returns a name the parts require that none of them
// declares in properties: required evaluates nothing, so under
// unevaluatedProperties: false such a member is always refused.
func undeclaredRequired(parts []load.Schema) (string, bool) {
	for _, p := range parts {
		for _, name := range p.Keywords().Required {
			if !slices.ContainsFunc(parts, func(q load.Schema) bool {
				_, ok := q.Keywords().Property(name)
				return ok
			}) {
				return name, true
			}
		}
	}
	return "", false
}
