package hookrt

import (
	"bytes"
	"encoding/json"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// hkSchema is a schema compiled by hookgen into a table, for values kept as
// json.RawMessage: those whose schema allows more than one JSON type, or
// uses keywords with no Go type of their own (not, if/then/else, oneOf
// without a discriminator...). hkValidateRaw interprets it with JSON
// Schema 2020-12 semantics. Unset numbers are -1, unset pointers nil.
type hkSchema struct {
	always    *bool // a boolean schema
	ref       *hkSchema
	types     hkTypeSet // 0: any type
	enum      []any
	constant  []any // one element when "const" is set (it may be null)
	format    func(string) bool
	formatKey string

	minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf *big.Rat

	minLength, maxLength int
	pattern              hkMatcher

	minItems, maxItems       int
	uniqueItems              bool
	prefixItems              []*hkSchema
	items                    *hkSchema
	contains                 *hkSchema
	minContains, maxContains int

	minProperties, maxProperties int
	required                     []string
	properties                   map[string]*hkSchema
	patternProperties            []hkPatternSchema
	additionalProperties         *hkSchema
	propertyNames                *hkSchema
	dependentRequired            map[string][]string
	dependentSchemas             map[string]*hkSchema

	allOf, anyOf, oneOf []*hkSchema
	not                 *hkSchema
	ifS, thenS, elseS   *hkSchema

	unevaluatedProperties *hkSchema
	unevaluatedItems      *hkSchema
}

// hkEval is what a schema evaluated of an object or array: the annotations
// unevaluatedProperties and unevaluatedItems look at.
type hkEval struct {
	props    map[string]bool // member names evaluated
	allProps bool            // every member evaluated
	items    int             // items evaluated from the start
	allItems bool            // every item evaluated
	matched  map[int]bool    // items evaluated by contains
}

func (a *hkEval) merge(b hkEval) {
	for k := range b.props {
		if a.props == nil {
			a.props = map[string]bool{}
		}
		a.props[k] = true
	}
	a.allProps = a.allProps || b.allProps
	a.items = max(a.items, b.items)
	a.allItems = a.allItems || b.allItems
	for i := range b.matched {
		if a.matched == nil {
			a.matched = map[int]bool{}
		}
		a.matched[i] = true
	}
}

func (a *hkEval) prop(name string) {
	if a.props == nil {
		a.props = map[string]bool{}
	}
	a.props[name] = true
}

type hkPatternSchema struct {
	re     hkMatcher
	schema *hkSchema
}

// hkTypeSet is a set of JSON Schema type names.
type hkTypeSet uint8

const (
	hkTNull hkTypeSet = 1 << iota
	hkTBoolean
	hkTObject
	hkTArray
	hkTNumber
	hkTString
	hkTInteger
)

var hkTypeNames = []struct {
	t    hkTypeSet
	name string
}{{hkTNull, "null"}, {hkTBoolean, "boolean"}, {hkTObject, "object"}, {hkTArray, "array"}, {hkTNumber, "number"}, {hkTString, "string"}, {hkTInteger, "integer"}}

func (t hkTypeSet) String() string {
	var names []string
	for _, n := range hkTypeNames {
		if t&n.t != 0 {
			names = append(names, n.name)
		}
	}
	s := ""
	for i, n := range names {
		if i > 0 {
			s += " or "
		}
		s += n
	}
	return s
}

// hkNewSchema returns a table entry with every bound unset; generated code
// fills in the rest in an init function, so that $ref cycles are fine.
func hkNewSchema() hkSchema {
	return hkSchema{minLength: -1, maxLength: -1, minItems: -1, maxItems: -1, minContains: 1, maxContains: -1, minProperties: -1, maxProperties: -1}
}

func hkRat(lit string) *big.Rat {
	r, ok := new(big.Rat).SetString(lit)
	if !ok {
		panic("hookgen: bad number literal " + lit)
	}
	return r
}

func hkBoolPtr(b bool) *bool { return &b }

// hkLiteral parses a JSON literal the generator wrote (an enum or const
// value).
func hkLiteral(text string) any {
	v, err := hkParse([]byte(text))
	if err != nil {
		panic("hookgen: bad literal " + text)
	}
	return v
}

// hkParse decodes JSON into nil, bool, json.Number, string, []any and
// map[string]any, as jsonschema/v5 sees a payload.
func hkParse(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// hkJSONText writes a value as JSON, for messages: strings quoted, so an
// empty one shows as "".
func hkJSONText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "?"
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// hkValidateRaw validates raw JSON against a table schema.
func hkValidateRaw(s *hkSchema, raw []byte, p *hkPath, e *hkErrors) {
	if len(raw) == 0 {
		return // absent: presence is checked by the enclosing object
	}
	v, err := hkParse(raw)
	if err != nil {
		e.addf(p, "type", "not JSON: %v", err)
		return
	}
	s.validate(v, p, e)
}

func hkTypeOf(v any) hkTypeSet {
	switch v := v.(type) {
	case nil:
		return hkTNull
	case bool:
		return hkTBoolean
	case map[string]any:
		return hkTObject
	case []any:
		return hkTArray
	case string:
		return hkTString
	case json.Number:
		if r, ok := new(big.Rat).SetString(string(v)); ok && r.IsInt() {
			return hkTNumber | hkTInteger
		}
		return hkTNumber
	}
	return 0
}

// valid reports whether v is valid, without collecting the reasons, and
// what it evaluated.
func (s *hkSchema) valid(v any, p *hkPath) (bool, hkEval) {
	var scratch hkErrors
	ev := s.eval(v, p, &scratch)
	return len(scratch.list) == 0, ev
}

func (s *hkSchema) validate(v any, p *hkPath, e *hkErrors) { s.eval(v, p, e) }

// eval validates v, reporting violations to e, and returns what it
// evaluated. Annotations of subschemas that fail are dropped where that
// matters (anyOf, oneOf, if); elsewhere a failing subschema fails the
// whole schema anyway.
func (s *hkSchema) eval(v any, p *hkPath, e *hkErrors) hkEval {
	var ev hkEval
	if s.always != nil {
		if !*s.always {
			e.add(p, "false", "no value is allowed here")
		}
		return ev
	}
	if s.ref != nil {
		ev.merge(s.ref.eval(v, p, e))
	}
	t := hkTypeOf(v)
	if s.types != 0 && s.types&t == 0 {
		e.addf(p, "type", "expected %s, but got %s", s.types, (t &^ hkTInteger))
	}
	if s.enum != nil {
		ok := false
		for _, c := range s.enum {
			if hkEqual(v, c) {
				ok = true
				break
			}
		}
		if !ok {
			allowed := make([]string, len(s.enum))
			for i, c := range s.enum {
				allowed[i] = hkJSONText(c)
			}
			e.addf(p, "enum", "value %s is not one of %s", hkJSONText(v), strings.Join(allowed, ", "))
		}
	}
	if s.constant != nil && !hkEqual(v, s.constant[0]) {
		e.addf(p, "const", "value must be %s, but got %s", hkJSONText(s.constant[0]), hkJSONText(v))
	}
	switch v := v.(type) {
	case string:
		s.validateString(v, p, e)
	case json.Number:
		s.validateNumber(v, p, e)
	case []any:
		s.validateArray(v, p, e, &ev)
	case map[string]any:
		s.validateObject(v, p, e, &ev)
	}
	for _, sub := range s.allOf {
		ev.merge(sub.eval(v, p, e))
	}
	if s.anyOf != nil {
		ok := false
		for _, sub := range s.anyOf {
			if valid, sev := sub.valid(v, p); valid {
				ok = true
				ev.merge(sev)
			}
		}
		if !ok {
			e.add(p, "anyOf", "value matches none of the schemas")
		}
	}
	if s.oneOf != nil {
		n := 0
		for _, sub := range s.oneOf {
			if valid, sev := sub.valid(v, p); valid {
				n++
				ev.merge(sev)
			}
		}
		if n != 1 {
			e.addf(p, "oneOf", "value matches %d of the schemas, not exactly one", n)
		}
	}
	if s.not != nil {
		if valid, _ := s.not.valid(v, p); valid {
			e.add(p, "not", "value matches a schema it must not")
		}
	}
	if s.ifS != nil {
		if valid, sev := s.ifS.valid(v, p); valid {
			ev.merge(sev)
			if s.thenS != nil {
				ev.merge(s.thenS.eval(v, p, e))
			}
		} else if s.elseS != nil {
			ev.merge(s.elseS.eval(v, p, e))
		}
	}
	// unevaluated* come last: they see what every other keyword evaluated.
	switch v := v.(type) {
	case map[string]any:
		if s.unevaluatedProperties != nil && !ev.allProps {
			names := make([]string, 0, len(v))
			for name := range v {
				if !ev.props[name] {
					names = append(names, name)
				}
			}
			sort.Strings(names)
			for _, name := range names {
				mp := p.field(name)
				if s.unevaluatedProperties.always != nil && !*s.unevaluatedProperties.always {
					e.addf(&mp, "unevaluatedProperties", "property %q is not allowed", name)
				} else {
					s.unevaluatedProperties.validate(v[name], &mp, e)
				}
			}
			ev.allProps = true
		}
	case []any:
		if s.unevaluatedItems != nil && !ev.allItems {
			for i := ev.items; i < len(v); i++ {
				if ev.matched[i] {
					continue
				}
				ip := p.item(i)
				s.unevaluatedItems.validate(v[i], &ip, e)
			}
			ev.allItems = true
		}
	}
	return ev
}

func (s *hkSchema) validateString(v string, p *hkPath, e *hkErrors) {
	if s.minLength >= 0 || s.maxLength >= 0 {
		n := utf8.RuneCountInString(v)
		if s.minLength >= 0 && n < s.minLength {
			e.addf(p, "minLength", "length must be >= %d, but got %d", s.minLength, n)
		}
		if s.maxLength >= 0 && n > s.maxLength {
			e.addf(p, "maxLength", "length must be <= %d, but got %d", s.maxLength, n)
		}
	}
	if s.pattern != nil && !s.pattern.MatchString(v) {
		e.addf(p, "pattern", "does not match pattern %q", s.pattern.String())
	}
	if s.format != nil && !s.format(v) {
		e.addf(p, "format", "%q is not valid %s", v, s.formatKey)
	}
}

func (s *hkSchema) validateNumber(v json.Number, p *hkPath, e *hkErrors) {
	if s.minimum == nil && s.maximum == nil && s.exclusiveMinimum == nil && s.exclusiveMaximum == nil && s.multipleOf == nil {
		return
	}
	r, ok := new(big.Rat).SetString(string(v))
	if !ok {
		return
	}
	if s.minimum != nil && r.Cmp(s.minimum) < 0 {
		e.addf(p, "minimum", "must be >= %s but found %s", s.minimum.RatString(), v)
	}
	if s.maximum != nil && r.Cmp(s.maximum) > 0 {
		e.addf(p, "maximum", "must be <= %s but found %s", s.maximum.RatString(), v)
	}
	if s.exclusiveMinimum != nil && r.Cmp(s.exclusiveMinimum) <= 0 {
		e.addf(p, "exclusiveMinimum", "must be > %s but found %s", s.exclusiveMinimum.RatString(), v)
	}
	if s.exclusiveMaximum != nil && r.Cmp(s.exclusiveMaximum) >= 0 {
		e.addf(p, "exclusiveMaximum", "must be < %s but found %s", s.exclusiveMaximum.RatString(), v)
	}
	if s.multipleOf != nil && !new(big.Rat).Quo(r, s.multipleOf).IsInt() {
		e.addf(p, "multipleOf", "%s is not a multiple of %s", v, s.multipleOf.RatString())
	}
}

func (s *hkSchema) validateArray(v []any, p *hkPath, e *hkErrors, ev *hkEval) {
	if s.minItems >= 0 && len(v) < s.minItems {
		e.addf(p, "minItems", "minimum %d items required, but found %d items", s.minItems, len(v))
	}
	if s.maxItems >= 0 && len(v) > s.maxItems {
		e.addf(p, "maxItems", "maximum %d items allowed, but found %d items", s.maxItems, len(v))
	}
	if s.uniqueItems {
	unique:
		for i := 1; i < len(v); i++ {
			for j := 0; j < i; j++ {
				if hkEqual(v[i], v[j]) {
					e.addf(p, "uniqueItems", "items at index %d and %d are equal", j, i)
					break unique
				}
			}
		}
	}
	for i, item := range v {
		ip := p.item(i)
		switch {
		case i < len(s.prefixItems):
			s.prefixItems[i].validate(item, &ip, e)
		case s.items != nil && s.items.always != nil && !*s.items.always:
			// Reported at the array, as jsonschema/v5 (and "hookgen
			// validate") do, like additionalProperties: false.
			e.addf(p, "items", "only %d items are allowed, but found %d items", len(s.prefixItems), len(v))
		case s.items != nil:
			s.items.validate(item, &ip, e)
		}
		if i >= len(s.prefixItems) && s.items != nil && s.items.always != nil && !*s.items.always {
			break
		}
	}
	ev.items = max(ev.items, min(len(s.prefixItems), len(v)))
	if s.items != nil {
		ev.allItems = true
	}
	if s.contains != nil {
		// Too few matches are reported as jsonschema/v5 does: by the
		// failing items' violations (its causes), or at the array when
		// every item matched.
		n, start := 0, len(e.list)
		for i, item := range v {
			ip := p.item(i)
			if ok, _ := s.contains.valid(item, &ip); ok {
				n++
				if ev.matched == nil {
					ev.matched = map[int]bool{}
				}
				ev.matched[i] = true
			} else if s.minContains > 0 {
				s.contains.validate(item, &ip, e)
			}
		}
		if n >= s.minContains {
			e.list = e.list[:start]
		} else if n == len(v) {
			e.addf(p, "contains", "%d items match contains, at least %d needed", n, s.minContains)
		}
		if s.maxContains >= 0 && n > s.maxContains {
			e.addf(p, "maxContains", "%d items match contains, at most %d allowed", n, s.maxContains)
		}
	}
}

func (s *hkSchema) validateObject(v map[string]any, p *hkPath, e *hkErrors, ev *hkEval) {
	if s.minProperties >= 0 && len(v) < s.minProperties {
		e.addf(p, "minProperties", "minimum %d properties required, but found %d", s.minProperties, len(v))
	}
	if s.maxProperties >= 0 && len(v) > s.maxProperties {
		e.addf(p, "maxProperties", "maximum %d properties allowed, but found %d", s.maxProperties, len(v))
	}
	for _, r := range s.required {
		if _, ok := v[r]; !ok {
			e.addf(p, "required", "missing properties: %s", strconv.Quote(r))
		}
	}
	for name, deps := range s.dependentRequired {
		if _, ok := v[name]; !ok {
			continue
		}
		for _, d := range deps {
			if _, ok := v[d]; !ok {
				e.addf(p, "dependentRequired", "property %q is required when %q is present", d, name)
			}
		}
	}
	// Visit members in sorted order, so violations come out the same way
	// every time.
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		mv := v[name]
		mp := p.field(name)
		if s.propertyNames != nil {
			s.propertyNames.validate(name, &mp, e)
		}
		matched := false
		if sub, ok := s.properties[name]; ok {
			matched = true
			ev.prop(name)
			sub.validate(mv, &mp, e)
		}
		for _, pp := range s.patternProperties {
			if pp.re.MatchString(name) {
				matched = true
				ev.prop(name)
				pp.schema.validate(mv, &mp, e)
			}
		}
		if !matched && s.additionalProperties != nil {
			ev.prop(name)
			if s.additionalProperties.always != nil && !*s.additionalProperties.always {
				e.addf(p, "additionalProperties", "property %q is not allowed", name)
			} else {
				s.additionalProperties.validate(mv, &mp, e)
			}
		}
		if sub, ok := s.dependentSchemas[name]; ok {
			ev.merge(sub.eval(v, p, e))
		}
	}
}

// hkEqual is JSON equality: numbers by value (1 equals 1.0), objects
// regardless of member order.
func hkEqual(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case bool:
		bb, ok := b.(bool)
		return ok && a == bb
	case string:
		bs, ok := b.(string)
		return ok && a == bs
	case json.Number:
		bn, ok := b.(json.Number)
		if !ok {
			return false
		}
		if a == bn {
			return true
		}
		ra, ok1 := new(big.Rat).SetString(string(a))
		rb, ok2 := new(big.Rat).SetString(string(bn))
		return ok1 && ok2 && ra.Cmp(rb) == 0
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !hkEqual(a[i], bs[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, av := range a {
			bv, ok := bm[k]
			if !ok || !hkEqual(av, bv) {
				return false
			}
		}
		return true
	}
	return false
}
