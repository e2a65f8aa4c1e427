package bench

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hookgen/hookgen/gen/agenticflow"
	"github.com/hookgen/hookgen/gen/aiinbox"
	"github.com/hookgen/hookgen/gen/peach"
	"github.com/hookgen/hookgen/gen/waagent"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/oracle"
	"github.com/hookgen/hookgen/internal/bench/shapes"
)

// event is one payload and the three ways to read it.
type event struct {
	name     string
	provider string
	schema   string
	file     string
	parse    func([]byte) (any, error)
	plain    func() any
	// unmarshal decodes into a value of the event's type on the stack,
	// through its UnmarshalJSON.
	unmarshal func([]byte) error
}

var events = []event{
	{"peach/message_delivery.sent", "peach", "message_delivery.sent", "peach/valid/message_delivery.sent.template.json",
		func(b []byte) (any, error) { return peach.Parse(b) }, func() any { return new(plainPeachSent) },
		func(b []byte) error { var v peach.MessageDeliverySent; return v.UnmarshalJSON(b) }},
	{"aiinbox/message.received", "aiinbox", "message.received", "aiinbox/valid/message.received.json",
		func(b []byte) (any, error) { return aiinbox.Parse(b) }, func() any { return new(plainInboxReceived) },
		func(b []byte) error { var v aiinbox.MessageReceived; return v.UnmarshalJSON(b) }},
	{"waagent/messages.insert", "waagent", "messages.insert", "waagent/valid/messages.insert.incoming.json",
		func(b []byte) (any, error) { return waagent.Parse(b) }, func() any { return new(plainWAInsert) },
		func(b []byte) error { var v waagent.MessagesInsert; return v.UnmarshalJSON(b) }},
	{"agenticflow/agent.conversation.completed", "agenticflow", "agent.conversation.completed", "agenticflow/valid/agent.conversation.completed.json",
		func(b []byte) (any, error) { return agenticflow.Parse(b) }, func() any { return new(plainAFCompleted) },
		func(b []byte) error { var v agenticflow.AgentConversationCompleted; return v.UnmarshalJSON(b) }},
	// Every shape of JSON Schema hookgen types (schemas/shapes): the
	// schemas other teams write, against the seed providers' plain ones.
	{"shapes/everything", "shapes", "everything", "bench:everything.json",
		func(b []byte) (any, error) { return shapes.Parse(b) }, func() any { return new(plainEverything) },
		func(b []byte) error { var v shapes.Everything; return v.UnmarshalJSON(b) }},
}

// payload is the example, compact (as a provider sends it).
func payload(tb testing.TB, file string) []byte {
	tb.Helper()
	path := filepath.Join("..", "..", "testdata", file)
	if name, ok := strings.CutPrefix(file, "bench:"); ok {
		path = filepath.Join("testdata", name) // this package's own payloads
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, data); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func schemas(tb testing.TB) map[string]*oracle.Oracle {
	tb.Helper()
	providers, err := load.Load(filepath.Join("..", "..", "schemas"), load.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	local, err := load.Load("schemas", load.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	providers = append(providers, local...)
	out := map[string]*oracle.Oracle{}
	for _, p := range providers {
		o, err := oracle.New(p)
		if err != nil {
			tb.Fatal(err)
		}
		out[p.Name] = o
	}
	return out
}

// TestTheWaysAgree: the three readings accept every benchmark payload, and
// Parse and the plain struct each hold all of it (re-encoded, both equal
// the payload), so the benchmarks compare equal work.
func TestTheWaysAgree(t *testing.T) {
	os := schemas(t)
	for _, ev := range events {
		data := payload(t, ev.file)
		parsed, err := ev.parse(data)
		if err != nil {
			t.Errorf("%s: Parse: %v", ev.name, err)
		}
		if vs, err := os[ev.provider].Lookup(ev.schema).Validate(data); err != nil || len(vs) > 0 {
			t.Errorf("%s: jsonschema/v5: %v %v", ev.name, vs, err)
		}
		plain := ev.plain()
		if err := json.Unmarshal(data, plain); err != nil {
			t.Errorf("%s: encoding/json: %v", ev.name, err)
		}
		want := generic(t, data)
		for way, v := range map[string]any{"Parse": parsed, "encoding/json": plain} {
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%s: %s: re-encoding: %v", ev.name, way, err)
			}
			if got := generic(t, b); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s does not hold the whole payload:\n got %s\nwant %s", ev.name, way, b, data)
			}
		}
	}
}

// TestParseAllocatesOnlyWhatItKeeps: Parse allocates what it hands out
// (one block that all its strings share, raw JSON values, slices) plus
// the event, and nothing else (no paths, masks, iterators or errors for a
// valid payload). The counts are those of BENCHMARKS.md; a change that
// lets a path escape to the heap (an iterator storing the caller's path
// did: 16 allocations for Peach) or a string be allocated alone fails
// here.
func TestParseAllocatesOnlyWhatItKeeps(t *testing.T) {
	keeps := map[string]float64{
		// The strings' block, the raw "event" value, the event.
		"peach/message_delivery.sent": 3,
		// The strings' block, the event.
		"aiinbox/message.received": 2,
		"waagent/messages.insert":  2,
		// The strings' block, the tags slice as append grows it (twice),
		// the event.
		"agenticflow/agent.conversation.completed": 4,
		// The strings' block, the event, the slices it keeps (tags,
		// reviewers, labels, the thread's replies, each as append grows
		// it), the four sum variants boxed in their interfaces, the
		// recursive thread's replies, the headers map (3) and the steps
		// slice as append grows it (3); and 21 that validation makes and
		// drops (see below).
		"shapes/everything": 46,
	}
	// validation is what Parse's validation allocates beyond the decoding
	// UnmarshalJSON does: nothing, but for the event of every shape, where
	// Go's escape analysis moves paths to the heap that are passed through
	// a sum's interface method or into the recursive Comment's validate,
	// and a same-type oneOf formats the violation of the branch that fails
	// before dropping it (location: "" is no uri), as the contains count
	// does for each step that is not "deploy". A known cost, in
	// BENCHMARKS.md; the count keeps it from growing unseen.
	validation := map[string]float64{"shapes/everything": 21}
	for _, ev := range events {
		data := payload(t, ev.file)
		got := testing.AllocsPerRun(50, func() {
			if _, err := ev.parse(data); err != nil {
				t.Fatal(err)
			}
		})
		if want, ok := keeps[ev.name]; !ok || got != want {
			t.Errorf("%s: Parse allocates %v times, want %v", ev.name, got, want)
		}
		// UnmarshalJSON into a value the caller holds: the same, less the
		// event (the decoder stays on the stack).
		got = testing.AllocsPerRun(50, func() {
			if err := ev.unmarshal(data); err != nil {
				t.Fatal(err)
			}
		})
		if want := keeps[ev.name] - 1 - validation[ev.name]; got != want {
			t.Errorf("%s: UnmarshalJSON allocates %v times, want %v", ev.name, got, want)
		}
	}
}

// generic decodes data for comparison, up to representation: a member
// that is null counts as absent (the plain structs have no omitempty), and
// a date-time is its instant (time.Time writes "Z" for "+00:00").
func generic(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return normalize(v)
}

func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, m := range v {
			if m == nil {
				delete(v, k)
			} else {
				v[k] = normalize(m)
			}
		}
	case []any:
		for i := range v {
			v[i] = normalize(v[i])
		}
	case string:
		if ts, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return ts.UTC().Format(time.RFC3339Nano)
		}
	}
	return v
}

// BenchmarkRead runs, for each event, side by side:
//
//	jsonschema+json  jsonschema/v5 validation of the decoded value plus
//	                 encoding/json into a plain struct (what users do today)
//	hookgen          the generated Parse: peek, decode, validate
//	json-plain       encoding/json into a plain struct, no validation (what
//	                 the generated code replaces)
func BenchmarkRead(b *testing.B) {
	os := schemas(b)
	for _, ev := range events {
		data := payload(b, ev.file)
		readings := readers(b, os, ev, data)
		for _, way := range []string{"jsonschema+json", "hookgen", "json-plain"} {
			read := readings[way]
			b.Run(ev.name+"/"+way, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					read(b)
				}
			})
		}
	}
}

// readers returns the three ways of reading data as ev, by name.
func readers(b *testing.B, os map[string]*oracle.Oracle, ev event, data []byte) map[string]func(testing.TB) {
	schema := os[ev.provider].Lookup(ev.schema)
	compiled, err := os[ev.provider].Provider.Compiler().Compile(schema.Doc.URI)
	if err != nil {
		b.Fatal(err)
	}
	return map[string]func(testing.TB){
		"jsonschema+json": func(tb testing.TB) {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				tb.Fatal(err)
			}
			if err := compiled.Validate(v); err != nil {
				tb.Fatal(err)
			}
			if err := json.Unmarshal(data, ev.plain()); err != nil {
				tb.Fatal(err)
			}
		},
		"hookgen": func(tb testing.TB) {
			if _, err := ev.parse(data); err != nil {
				tb.Fatal(err)
			}
		},
		"json-plain": func(tb testing.TB) {
			if err := json.Unmarshal(data, ev.plain()); err != nil {
				tb.Fatal(err)
			}
		},
	}
}

// BenchmarkReadRatio measures the same three ways interleaved, for the
// ratios: each iteration times one read by (a) jsonschema+json, then 16 by
// (b) Parse and 4 by (c) json-plain, back to back (each batch about as
// long as the first), so the load of a shared machine, which moves every
// few hundred milliseconds, weighs on all three alike. BenchmarkRead runs
// each way for its own half second, and its ratios swing by a quarter from
// run to run on a busy host; these are the paired numbers.
//
//	go test -run XXX -bench ReadRatio -benchtime 2s -count 10 ./internal/bench
func BenchmarkReadRatio(b *testing.B) {
	const parses, plains = 16, 4
	os := schemas(b)
	for _, ev := range events {
		data := payload(b, ev.file)
		readings := readers(b, os, ev, data)
		a, h, c := readings["jsonschema+json"], readings["hookgen"], readings["json-plain"]
		b.Run(ev.name, func(b *testing.B) {
			var ta, th, tc time.Duration
			for b.Loop() {
				t0 := time.Now()
				a(b)
				t1 := time.Now()
				for range parses {
					h(b)
				}
				t2 := time.Now()
				for range plains {
					c(b)
				}
				t3 := time.Now()
				ta, th, tc = ta+t1.Sub(t0), th+t2.Sub(t1), tc+t3.Sub(t2)
			}
			n := float64(b.N)
			perA, perH, perC := float64(ta)/n, float64(th)/n/parses, float64(tc)/n/plains
			b.ReportMetric(perA/perH, "a/b")
			b.ReportMetric(perC/perH, "c/b")
			b.ReportMetric(perH, "ns/parse")
		})
	}
}

var _ = jsonschema.Draft2020
