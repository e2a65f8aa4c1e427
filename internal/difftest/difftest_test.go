package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/hookgen/hookgen/internal/jsonnum"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/gen/agenticflow"
	"github.com/hookgen/hookgen/gen/aiinbox"
	"github.com/hookgen/hookgen/gen/peach"
	"github.com/hookgen/hookgen/gen/waagent"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/oracle"
	"github.com/hookgen/hookgen/internal/difftest/shapes/shapes"
)

// provider pairs a generated package with its reference oracle.
type provider struct {
	name     string
	validate func(schema string, data []byte) error
	schemas  []string
	oracle   *oracle.Oracle
}

var generated = map[string]struct {
	validate func(string, []byte) error
	schemas  []string
}{
	"agenticflow": {agenticflow.ValidateJSON, agenticflow.Schemas},
	"aiinbox":     {aiinbox.ValidateJSON, aiinbox.Schemas},
	"peach":       {peach.ValidateJSON, peach.Schemas},
	"waagent":     {waagent.ValidateJSON, waagent.Schemas},
}

func providers(t testing.TB) []*provider {
	t.Helper()
	loaded, err := load.Load(filepath.Join("..", "..", "schemas"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []*provider
	for _, p := range loaded {
		o, err := oracle.New(p)
		if err != nil {
			t.Fatal(err)
		}
		g, ok := generated[p.Name]
		if !ok {
			t.Fatalf("provider %s has no generated package in this test; add it", p.Name)
		}
		out = append(out, &provider{name: p.Name, validate: g.validate, schemas: g.schemas, oracle: o})
	}
	if len(out) != len(generated) {
		t.Fatalf("%d providers in schemas/, %d in this test", len(out), len(generated))
	}
	return out
}

// verdict is what one implementation says of a payload: valid, or the
// sorted set of pointers it reports violations at; malformed JSON is "!".
type verdict struct {
	malformed bool
	pointers  []string
}

func (v verdict) String() string {
	if v.malformed {
		return "malformed"
	}
	if len(v.pointers) == 0 {
		return "valid"
	}
	return "invalid at " + strings.Join(v.pointers, " ")
}

func (v verdict) valid() bool { return !v.malformed && len(v.pointers) == 0 }

func generatedVerdict(p *provider, schema string, data []byte) verdict {
	err := p.validate(schema, data)
	if err == nil {
		return verdict{}
	}
	ptrs, ok := violationPointers(err)
	if !ok {
		return verdict{malformed: true}
	}
	for i, p := range ptrs {
		ptrs[i] = v5Pointer(p)
	}
	slices.Sort(ptrs)
	return verdict{pointers: slices.Compact(ptrs)}
}

// v5Pointer is a pointer as jsonschema/v5 writes it: each member name
// escaped for a URL path (a space is "%20"), and appended only when it is
// not empty, so the member "" of the root is at "" and not at "/". The
// generated code writes pointers as JSON Pointer says; the comparison
// writes them as v5 does.
func v5Pointer(p string) string {
	var b strings.Builder
	for _, tok := range strings.Split(p, "/")[1:] {
		if tok != "" {
			b.WriteString("/" + url.PathEscape(tok))
		}
	}
	return b.String()
}

// violationPointers reads the pointers of any generated package's
// *ValidationError (each package has its own copy of the type).
func violationPointers(err error) ([]string, bool) {
	var set []string
	switch e := err.(type) {
	case *peach.ValidationError:
		for _, v := range e.Violations {
			set = append(set, v.Pointer)
		}
	case *aiinbox.ValidationError:
		for _, v := range e.Violations {
			set = append(set, v.Pointer)
		}
	case *agenticflow.ValidationError:
		for _, v := range e.Violations {
			set = append(set, v.Pointer)
		}
	case *waagent.ValidationError:
		for _, v := range e.Violations {
			set = append(set, v.Pointer)
		}
	case *shapes.ValidationError:
		for _, v := range e.Violations {
			set = append(set, v.Pointer)
		}
	default:
		return nil, false
	}
	slices.Sort(set)
	return slices.Compact(set), true
}

func referenceVerdict(p *provider, schema string, data []byte) verdict {
	s := p.oracle.Lookup(schema)
	vs, err := s.Validate(data)
	if err != nil {
		return verdict{malformed: true}
	}
	var set []string
	for _, v := range vs {
		set = append(set, v.Pointer)
	}
	slices.Sort(set)
	return verdict{pointers: slices.Compact(set)}
}

// hasDuplicateMember reports whether an object in data repeats a member
// name. encoding/json (and so jsonschema/v5) keeps the last one; hookgen
// keeps the last value too but also reports violations in the earlier
// ones, which is stricter on purpose.
func hasDuplicateMember(data []byte) bool {
	_, err := load.ParseJSON(data)
	return err != nil && strings.Contains(err.Error(), "duplicate member name")
}

func compare(t *testing.T, p *provider, schema, what string, data []byte) bool {
	t.Helper()
	if jsonnum.OutsideGo(data) || hasDuplicateMember(data) {
		return true
	}
	got, want := generatedVerdict(p, schema, data), referenceVerdict(p, schema, data)
	if got.valid() != want.valid() || got.malformed != want.malformed || !slices.Equal(got.pointers, want.pointers) {
		t.Errorf("%s/%s %s: generated code says %s, jsonschema/v5 says %s\n%s", p.name, schema, what, got, want, data)
		return false
	}
	return true
}

// schemaFor finds the schema a test data file is for: the longest schema
// name that prefixes the file name.
func schemaFor(schemas []string, file string) string {
	best := ""
	for _, s := range schemas {
		if strings.HasPrefix(file, s+".") && len(s) > len(best) {
			best = s
		}
	}
	return best
}

type payload struct {
	provider *provider
	schema   string
	file     string
	data     []byte
}

func payloads(t testing.TB, ps []*provider, kinds ...string) []payload {
	t.Helper()
	var out []payload
	for _, p := range ps {
		for _, kind := range kinds {
			files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", p.name, kind, "*.json"))
			for _, f := range files {
				schema := schemaFor(p.schemas, filepath.Base(f))
				if schema == "" {
					t.Fatalf("%s: no schema", f)
				}
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, payload{p, schema, f, data})
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no test payloads")
	}
	return out
}

// TestTestData: every valid and invalid payload in testdata/ gets the same
// verdict, at the same pointers, from the generated code and from v5.
func TestTestData(t *testing.T) {
	ps := providers(t)
	n := 0
	for _, pl := range payloads(t, ps, "valid", "invalid") {
		compare(t, pl.provider, pl.schema, filepath.Base(pl.file), pl.data)
		n++
	}
	t.Logf("%d payloads agree", n)
}

// TestMutants: every valid payload, with each member dropped, each value
// swapped for one of every other JSON type, and values pushed past common
// bounds; every mutant gets the same verdict from both.
func TestMutants(t *testing.T) {
	ps := providers(t)
	n, invalid := 0, 0
	for _, pl := range payloads(t, ps, "valid") {
		var doc any
		dec := json.NewDecoder(bytes.NewReader(pl.data))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range mutants(doc) {
			data, err := json.Marshal(m.doc)
			if err != nil {
				t.Fatal(err)
			}
			if !compare(t, pl.provider, pl.schema, filepath.Base(pl.file)+" "+m.what, data) {
				return
			}
			n++
			if !referenceVerdict(pl.provider, pl.schema, data).valid() {
				invalid++
			}
		}
	}
	if n < 1000 || invalid == 0 {
		t.Fatalf("only %d mutants (%d invalid): the mutation is not doing its job", n, invalid)
	}
	t.Logf("%d mutants agree (%d invalid)", n, invalid)
}

type mutant struct {
	what string
	doc  any
}

var replacements = []any{
	nil, true, false, json.Number("0"), json.Number("-1"), json.Number("1.5"), json.Number("1e15"),
	"", "x", strings.Repeat("é", 300), "2024-13-45T99:00:00Z", "not an email", []any{}, []any{"a", "a"},
	map[string]any{}, map[string]any{"unknown": 1},
}

// mutants returns copies of doc with one change each.
func mutants(doc any) []mutant {
	var out []mutant
	var walk func(path string, set func(any) any, v any)
	walk = func(path string, set func(any) any, v any) {
		for _, r := range replacements {
			out = append(out, mutant{fmt.Sprintf("%s := %v", path, r), set(r)})
		}
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				k, child := k, child
				without := func() any {
					m := clone(v)
					delete(m, k)
					return set(m)
				}()
				out = append(out, mutant{"drop " + path + "/" + k, without})
				walk(path+"/"+k, func(nv any) any {
					m := clone(v)
					m[k] = nv
					return set(m)
				}, child)
			}
		case []any:
			for i, child := range v {
				i, child := i, child
				walk(fmt.Sprintf("%s/%d", path, i), func(nv any) any {
					s := slices.Clone(v)
					s[i] = nv
					return set(s)
				}, child)
			}
		}
	}
	walk("", func(v any) any { return v }, doc)
	return out
}

func clone(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// fuzzOne runs one fuzz input through every schema of a provider.
func fuzzOne(t *testing.T, p *provider, data []byte) {
	if jsonnum.OutsideGo(data) || hasDuplicateMember(data) {
		return
	}
	for _, schema := range p.schemas {
		compare(t, p, schema, "fuzz input", data)
	}
}

func fuzzProvider(f *testing.F, name string) {
	var p *provider
	for _, q := range providers(f) {
		if q.name == name {
			p = q
		}
	}
	for _, pl := range payloads(f, []*provider{p}, "valid", "invalid") {
		f.Add(pl.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOne(t, p, data) })
}

func FuzzPeach(f *testing.F)       { fuzzProvider(f, "peach") }
func FuzzAIInbox(f *testing.F)     { fuzzProvider(f, "aiinbox") }
func FuzzAgenticFlow(f *testing.F) { fuzzProvider(f, "agenticflow") }
func FuzzWAAgent(f *testing.F)     { fuzzProvider(f, "waagent") }
