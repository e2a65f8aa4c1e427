// Package oracle validates payloads against a provider's schemas with
// jsonschema/v5, the reference implementation hookgen's own output is
// measured against. The `hookgen validate` verb and the test-data tests use
// it; it also tells which event a payload is.
package oracle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hookgen/hookgen/generator/load"
)

// Violation is one reason a payload is invalid.
type Violation struct {
	Pointer string // JSON pointer into the payload, "" for the root
	Keyword string // the failing keyword, such as "required"
	Message string
}

func (v Violation) String() string {
	return fmt.Sprintf("#%s: %s: %s", v.Pointer, v.Keyword, v.Message)
}

// Schema is one schema file of a provider, compiled.
type Schema struct {
	Stem   string // the file name without .json: "message.received"
	Doc    *load.Document
	schema *jsonschema.Schema
	// pins are the values the discriminator properties accept, by property.
	pins map[string][]string
}

// Oracle holds the compiled schemas of one provider.
type Oracle struct {
	Provider *load.Provider
	// Discriminator is the list of root properties that name an event.
	Discriminator []string
	Schemas       []*Schema // sorted by Stem
}

// New compiles every schema of p with format assertions on.
func New(p *load.Provider) (*Oracle, error) {
	c := p.Compiler()
	o := &Oracle{Provider: p, Discriminator: p.Manifest.Discriminator}
	for _, d := range p.Docs {
		s, err := c.Compile(d.URI)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Path, err)
		}
		o.Schemas = append(o.Schemas, &Schema{Stem: strings.TrimSuffix(d.Name, ".json"), Doc: d, schema: s})
	}
	slices.SortFunc(o.Schemas, func(a, b *Schema) int { return strings.Compare(a.Stem, b.Stem) })
	if len(o.Discriminator) == 0 {
		o.Discriminator = inferDiscriminator(o.Schemas)
	}
	for _, s := range o.Schemas {
		s.pins = pins(s.Doc.Root, o.Discriminator)
	}
	return o, nil
}

// inferDiscriminator: the root properties pinned by const in every schema
// that pins any.
func inferDiscriminator(schemas []*Schema) []string {
	var common []string
	first := true
	for _, s := range schemas {
		props := s.Doc.Root.Get("properties")
		if props == nil {
			continue
		}
		var pinned []string
		for _, m := range props.Members {
			if m.Value.Get("const") != nil {
				pinned = append(pinned, m.Name)
			}
		}
		if len(pinned) == 0 {
			continue
		}
		if first {
			common, first = pinned, false
			continue
		}
		common = slices.DeleteFunc(common, func(p string) bool { return !slices.Contains(pinned, p) })
	}
	return common
}

// pins reads what each discriminator property of a root schema accepts:
// its const, or its enum of strings. A schema without them is no event.
func pins(root *load.Node, disc []string) map[string][]string {
	if len(disc) == 0 {
		return nil
	}
	out := map[string][]string{}
	for _, d := range disc {
		p := root.Get("properties").Get(d)
		switch {
		case p.Get("const") != nil && p.Get("const").Kind == load.String:
			out[d] = []string{p.Get("const").Str}
		case p.Get("enum") != nil:
			for _, v := range p.Get("enum").Items {
				if v.Kind == load.String {
					out[d] = append(out[d], v.Str)
				}
			}
		}
		if len(out[d]) == 0 {
			return nil
		}
	}
	return out
}

// IsEvent reports whether the schema pins the discriminator.
func (s *Schema) IsEvent() bool { return s.pins != nil }

// EventType is the schema's own event type: its discriminator values (the
// first where several are accepted) joined with ".".
func (o *Oracle) EventType(s *Schema) string {
	var parts []string
	for _, d := range o.Discriminator {
		parts = append(parts, s.pins[d][0])
	}
	return strings.Join(parts, ".")
}

// Lookup returns the schema of a file stem, or nil.
func (o *Oracle) Lookup(stem string) *Schema {
	for _, s := range o.Schemas {
		if s.Stem == stem {
			return s
		}
	}
	return nil
}

// Validate checks payload against one schema and returns every violation.
func (s *Schema) Validate(payload []byte) ([]Violation, error) {
	v, err := decode(payload)
	if err != nil {
		return nil, err
	}
	return violations(s.schema.Validate(v)), nil
}

func decode(payload []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("malformed JSON: data after the top-level value")
	}
	return v, nil
}

// violations flattens a jsonschema/v5 error into its leaves: the real
// reasons, each with the payload pointer and keyword.
func violations(err error) []Violation {
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Violation{{Keyword: "error", Message: err.Error()}}
	}
	var out []Violation
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			kw := e.KeywordLocation[strings.LastIndex(e.KeywordLocation, "/")+1:]
			out = append(out, Violation{Pointer: e.InstanceLocation, Keyword: kw, Message: e.Message})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	slices.SortStableFunc(out, func(a, b Violation) int { return strings.Compare(a.Pointer, b.Pointer) })
	return slices.Compact(out)
}

// Result is what Identify found.
type Result struct {
	Schema     *Schema // nil when no schema claims the payload
	Event      string  // the event type, or the schema stem for non-events
	Violations []Violation
}

// Identify finds the event a payload is by its discriminator and validates
// it. Where several schemas accept the discriminator values (a provider
// that sends one type for several events, like Peach), the first that the
// payload is valid against wins, schemas pinning the values exactly before
// those merely accepting them; with none valid, the first candidate's
// violations are returned.
func (o *Oracle) Identify(payload []byte) (*Result, error) {
	v, err := decode(payload)
	if err != nil {
		return nil, err
	}
	obj, _ := v.(map[string]any)
	values := map[string]string{}
	for _, d := range o.Discriminator {
		s, ok := obj[d].(string)
		if !ok {
			return nil, fmt.Errorf("no discriminator: the payload has no string %q (this provider names events by %s)", d, strings.Join(o.Discriminator, " + "))
		}
		values[d] = s
	}
	var exact, loose []*Schema
	for _, s := range o.Schemas {
		if !s.IsEvent() {
			continue
		}
		isExact, ok := true, true
		for d, val := range values {
			if !slices.Contains(s.pins[d], val) {
				ok = false
			}
			if s.pins[d][0] != val {
				isExact = false
			}
		}
		switch {
		case ok && isExact:
			exact = append(exact, s)
		case ok:
			loose = append(loose, s)
		}
	}
	candidates := append(exact, loose...)
	if len(candidates) == 0 {
		var parts []string
		for _, d := range o.Discriminator {
			parts = append(parts, values[d])
		}
		return &Result{Event: strings.Join(parts, ".")}, nil
	}
	var first *Result
	for _, s := range candidates {
		r := &Result{Schema: s, Event: o.EventType(s), Violations: violations(s.schema.Validate(v))}
		if len(r.Violations) == 0 {
			return r, nil
		}
		if first == nil {
			first = r
		}
	}
	return first, nil
}
