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
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/model"
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
	// event is the model's event of this schema, nil for a schema that is
	// no event.
	event *model.Event
	// branches is how the generated code reads the provider's
	// oneOf/anyOf, to report the pointers it reports.
	branches *branches
}

// Oracle holds the compiled schemas of one provider. Which event a
// payload is comes from the model's router, the one the generated
// ParseRequest is printed from, so `hookgen validate` and the generated
// code never disagree on it.
type Oracle struct {
	Provider *load.Provider
	// Discriminator is the list of root properties that name an event;
	// Header the HTTP header that does ("" when the body does).
	Discriminator []string
	Header        string
	Schemas       []*Schema // sorted by Stem
	router        *model.Router
}

// New compiles every schema of p with format assertions on, and builds the
// model's router. A provider hookgen cannot build is an error.
func New(p *load.Provider) (*Oracle, error) {
	pkg, err := model.Build(p, model.Options{})
	if err != nil {
		return nil, fmt.Errorf("provider %s: %w", p.Name, err)
	}
	c := p.Compiler()
	o := &Oracle{Provider: p, router: pkg.Router}
	br := newBranches(pkg)
	if r := pkg.Router; r != nil {
		o.Discriminator, o.Header = r.Discriminator, r.Header
	}
	for _, d := range p.Docs {
		s, err := c.Compile(d.URI)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Path, err)
		}
		sc := &Schema{Stem: strings.TrimSuffix(d.Name, ".json"), Doc: d, schema: s, branches: br}
		if o.router != nil {
			for _, ev := range o.router.Events {
				if ev.Schema == sc.Stem {
					sc.event = ev
				}
			}
		}
		o.Schemas = append(o.Schemas, sc)
	}
	slices.SortFunc(o.Schemas, func(a, b *Schema) int { return strings.Compare(a.Stem, b.Stem) })
	return o, nil
}

// IsEvent reports whether the schema is an event of the router.
func (s *Schema) IsEvent() bool { return s.event != nil }

// EventType is the schema's own event type, as the generated constant
// holds it.
func (o *Oracle) EventType(s *Schema) string {
	if s.event == nil {
		return ""
	}
	return s.event.Type
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
	return s.branches.violations(s.schema.Validate(v)), nil
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

// branches records how the generated code reads each oneOf/anyOf of a
// provider, by the location of the schema holding it (its Key: document
// URI, "#", JSON pointer).
type branches struct {
	// raw: the schema is checked by a table (the runtime's interpreter),
	// which reports a failed oneOf/anyOf once, at the value.
	raw map[string]bool
	// disc: the schema is a sum type, its branches told apart by this
	// property.
	disc map[string]string
	// members: the schema is a sum without discriminator whose variants
	// each require a member of their own (model.SumByMembers): present,
	// it names the variant.
	members map[string][]string
}

func newBranches(pkg *model.Package) *branches {
	b := &branches{raw: map[string]bool{}, disc: map[string]string{}, members: map[string][]string{}}
	var walk func(t *model.RawSchema)
	walk = func(t *model.RawSchema) {
		if t == nil || b.raw[t.Key] {
			return
		}
		b.raw[t.Key] = true
		for _, sub := range [][]*model.RawSchema{{t.Ref, t.Items, t.Contains, t.AdditionalProperties, t.PropertyNames,
			t.Not, t.If, t.Then, t.Else, t.UnevaluatedProperties, t.UnevaluatedItems}, t.PrefixItems, t.AllOf, t.AnyOf, t.OneOf} {
			for _, s := range sub {
				walk(s)
			}
		}
		for _, m := range t.Properties {
			walk(m.Schema)
		}
		for _, m := range t.DependentSchemas {
			walk(m.Schema)
		}
		for _, pp := range t.PatternProperties {
			walk(pp.Schema)
		}
	}
	for _, t := range pkg.Tables {
		walk(t)
	}
	for _, t := range pkg.Types {
		switch {
		case t.Kind == model.Sum && t.SumBy == model.SumByDiscriminator:
			b.disc[t.Key] = t.Discriminator
		case t.Kind == model.Sum && t.SumBy == model.SumByMembers:
			for _, v := range t.Variants {
				b.members[t.Key] = append(b.members[t.Key], v.Member)
			}
		}
	}
	return b
}

// violations flattens a jsonschema/v5 error into its leaves: the real
// reasons, each with the payload pointer and keyword.
//
// Under a failed oneOf/anyOf, v5 keeps the failure of every branch; the
// generated code reports what it reports, and so does this:
//   - a schema checked as raw JSON (a table): the oneOf/anyOf itself, at
//     the value's pointer;
//   - a typed union or sum: the violations of the one branch the value's
//     JSON type or discriminator selects (the other branches fail "type"
//     at the value, or "const"/"enum" at its discriminator); when no
//     branch, or more than one, is selected (a JSON type no branch has, an
//     unknown or missing discriminator), the oneOf/anyOf at the value.
func (b *branches) violations(err error) []Violation {
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
		kw := e.KeywordLocation[strings.LastIndex(e.KeywordLocation, "/")+1:]
		if len(e.Causes) == 0 {
			out = append(out, Violation{Pointer: e.InstanceLocation, Keyword: kw, Message: e.Message})
			return
		}
		if kw == "oneOf" || kw == "anyOf" {
			if c, all := b.selected(e, kw); c != nil {
				walk(c)
			} else if all {
				for _, c := range e.Causes {
					walk(c)
				}
			} else {
				out = append(out, Violation{Pointer: e.InstanceLocation, Keyword: kw, Message: e.Message})
			}
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

// selected is the failed branch of a oneOf/anyOf error the generated code
// reports the violations of; nil with all false when it reports the
// oneOf/anyOf itself, nil with all true when it reports every branch's
// violations, as v5 does: a check of branches of one JSON type (same-type
// unions, assertions beside properties, a sum without discriminator that
// no variant, or several, take), where no branch is told apart by its
// type, and a sum by members that no member, or several, name.
func (b *branches) selected(e *jsonschema.ValidationError, kw string) (chosen *jsonschema.ValidationError, all bool) {
	at := strings.TrimSuffix(e.AbsoluteKeywordLocation, "/"+kw)
	if b.raw[at] {
		return nil, false
	}
	disc, isSum := b.disc[at]
	members := b.members[at]
	n, rejected := 0, 0
	for _, c := range e.Causes {
		if rejects(c, e.InstanceLocation, disc, isSum, members) {
			rejected++
			continue
		}
		n++
		chosen = c
	}
	switch {
	case n == 1:
		return chosen, false
	case rejected == 0 && !isSum, len(members) > 0:
		// A sum by members that no variant, or several, take is its
		// unknown variant, whose Validate reports every variant's
		// violations.
		return nil, true
	}
	return nil, false
}

// rejects reports whether a branch's failure says the branch is not the
// value's: a "type" at the value itself, for a sum a "const"/"enum" at
// its discriminator, for a sum by members a "required" at the value
// naming a member only a variant requires.
func rejects(e *jsonschema.ValidationError, at, disc string, isSum bool, members []string) bool {
	if len(e.Causes) == 0 {
		kw := e.KeywordLocation[strings.LastIndex(e.KeywordLocation, "/")+1:]
		switch {
		case kw == "type" && e.InstanceLocation == at:
			return true
		case isSum && (kw == "const" || kw == "enum") && e.InstanceLocation == at+"/"+escapePointer(disc):
			return true
		case kw == "required" && e.InstanceLocation == at:
			for _, m := range members {
				// v5 quotes a name as Go does, in single quotes.
				q := strings.ReplaceAll(strconv.Quote(m), `\"`, `"`)
				q = "'" + strings.ReplaceAll(q[1:len(q)-1], "'", `\'`) + "'"
				if strings.Contains(e.Message, q) {
					return true
				}
			}
		}
		return false
	}
	for _, c := range e.Causes {
		if rejects(c, at, disc, isSum, members) {
			return true
		}
	}
	return false
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Result is what Identify found.
type Result struct {
	Schema     *Schema // nil when no schema claims the payload
	Event      string  // the event type, or the schema stem for non-events
	Violations []Violation
}

// Identify finds the event a body-routed payload is, as the generated
// Parse does, and validates it against that event's schema.
func (o *Oracle) Identify(payload []byte) (*Result, error) {
	return o.IdentifyRequest(nil, payload)
}

// IdentifyRequest finds the event a request is, as the generated
// ParseRequest does (the event header, then the body's discriminator,
// then the deeper string that tells apart events sharing its values), and
// validates the body against that event's schema. An event type the
// schemas do not know is a Result without Schema.
func (o *Oracle) IdentifyRequest(h http.Header, payload []byte) (*Result, error) {
	v, err := decode(payload)
	if err != nil {
		return nil, err
	}
	r := o.router
	if r == nil {
		return nil, fmt.Errorf("provider %s has no events; name the schema of a body", o.Provider.Name)
	}
	if r.Endpoints {
		return nil, fmt.Errorf("provider %s names no event in its requests (each is received at an endpoint of its own); name the schema", o.Provider.Name)
	}
	routes, prefix := r.Routes, ""
	if r.Header != "" {
		name := h.Get(r.Header)
		if name == "" {
			return nil, fmt.Errorf("no %s header, which names the event of %s", r.Header, o.Provider.Name)
		}
		var group *model.Group
		for _, g := range r.Groups {
			if g.Value == name {
				group = g
			}
		}
		switch {
		case group == nil:
			return &Result{Event: name}, nil
		case group.Event != nil:
			return o.result(group.Event, v), nil
		}
		routes, prefix = group.Routes, name+"."
	}
	obj, _ := v.(map[string]any)
	var values []string
	for _, d := range r.Discriminator {
		s, ok := obj[d].(string)
		if !ok {
			return nil, fmt.Errorf("no discriminator: the payload has no string %q (this provider names events by %s)", d, strings.Join(r.Discriminator, " + "))
		}
		values = append(values, s)
	}
	for _, rt := range routes {
		if !slices.Equal(rt.Values, values) {
			continue
		}
		if rt.Event != nil {
			return o.result(rt.Event, v), nil
		}
		var at any = obj
		for _, p := range rt.Path {
			m, _ := at.(map[string]any)
			at = m[p]
		}
		w, _ := at.(string)
		for _, ch := range rt.Choices {
			if ch.Value == w {
				return o.result(ch.Event, v), nil
			}
		}
		return o.result(rt.Fallback, v), nil
	}
	return &Result{Event: prefix + strings.Join(values, ".")}, nil
}

func (o *Oracle) result(ev *model.Event, v any) *Result {
	for _, s := range o.Schemas {
		if s.event == ev {
			return &Result{Schema: s, Event: ev.Type, Violations: s.branches.violations(s.schema.Validate(v))}
		}
	}
	panic("oracle: the router names an event of no schema: " + ev.Schema)
}
