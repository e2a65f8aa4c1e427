// Package schemas_test checks the hand-written schemas against the payload
// examples in testdata/ with jsonschema/v5 as the oracle.
package schemas_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/oracle"
)

// The layout of testdata/<provider>/:
//
//	valid/<schema stem>.<variant>.json    documented, constructed and "future" payloads: must be valid
//	invalid/<schema stem>.<what>.json     must be invalid ...
//	invalid/<schema stem>.<what>.want     ... at exactly these pointers, one per line
func oracles(t *testing.T) []*oracle.Oracle {
	t.Helper()
	providers, err := load.Load(".", load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []*oracle.Oracle
	for _, p := range providers {
		o, err := oracle.New(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	if len(out) != 4 {
		t.Fatalf("want the 4 documented providers, got %d", len(out))
	}
	return out
}

// schemaFor finds the schema a test file is for: the longest schema stem
// that prefixes the file name.
func schemaFor(o *oracle.Oracle, file string) *oracle.Schema {
	var best *oracle.Schema
	for _, s := range o.Schemas {
		if strings.HasPrefix(file, s.Stem+".") && (best == nil || len(s.Stem) > len(best.Stem)) {
			best = s
		}
	}
	return best
}

func payloads(t *testing.T, provider, kind string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", provider, kind, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no %s payloads for %s", kind, provider)
	}
	return files
}

func TestValidExamples(t *testing.T) {
	for _, o := range oracles(t) {
		examples := map[string]int{}
		futures := map[string]int{}
		for _, f := range payloads(t, o.Provider.Name, "valid") {
			name := filepath.Base(f)
			s := schemaFor(o, name)
			if s == nil {
				t.Errorf("%s: no schema for it", f)
				continue
			}
			if strings.HasSuffix(name, ".future.json") {
				futures[s.Stem]++
			} else {
				examples[s.Stem]++
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			vs, err := s.Validate(data)
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			for _, v := range vs {
				t.Errorf("%s: against %s: %s", f, s.Stem, v)
			}
			if s.IsEvent() {
				// The payload must also be identified as its own event.
				r, err := o.Identify(data)
				if err != nil {
					t.Errorf("%s: %v", f, err)
				} else if r.Schema != s {
					t.Errorf("%s: identified as %s, want %s", f, r.Event, o.EventType(s))
				}
			}
		}
		for _, s := range o.Schemas {
			if definitionsOnly(s) {
				continue
			}
			if examples[s.Stem] == 0 {
				t.Errorf("%s/%s.json has no example in testdata", o.Provider.Name, s.Stem)
			}
			if futures[s.Stem] == 0 {
				t.Errorf("%s/%s.json has no future payload (with an unknown field) in testdata", o.Provider.Name, s.Stem)
			}
		}
	}
}

func definitionsOnly(s *oracle.Schema) bool {
	return s.Doc.Root.Get("type") == nil && s.Doc.Root.Get("properties") == nil
}

func TestInvalidPayloads(t *testing.T) {
	for _, o := range oracles(t) {
		perSchema := map[string]int{}
		for _, f := range payloads(t, o.Provider.Name, "invalid") {
			name := filepath.Base(f)
			s := schemaFor(o, name)
			if s == nil {
				t.Errorf("%s: no schema for it", f)
				continue
			}
			perSchema[s.Stem]++
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			wantRaw, err := os.ReadFile(strings.TrimSuffix(f, ".json") + ".want")
			if err != nil {
				t.Errorf("%s: no .want file beside it: %v", f, err)
				continue
			}
			var want []string
			for _, l := range strings.Split(strings.TrimSpace(string(wantRaw)), "\n") {
				want = append(want, strings.TrimPrefix(strings.TrimSpace(l), "#"))
			}
			slices.Sort(want)
			vs, err := s.Validate(data)
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			var got []string
			for _, v := range vs {
				got = append(got, v.Pointer)
			}
			slices.Sort(got)
			got = slices.Compact(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: rejected at %q, want %q\n%v", f, got, want, vs)
			}
		}
		for _, s := range o.Schemas {
			if !definitionsOnly(s) && perSchema[s.Stem] < 2 {
				t.Errorf("%s/%s.json has %d invalid payloads, want at least 2", o.Provider.Name, s.Stem, perSchema[s.Stem])
			}
		}
	}
}

// TestPeachDeliveryQuirk: the docs send "type": "message_delivery.sent" for
// every delivery status; data.message.status must decide the event.
func TestPeachDeliveryQuirk(t *testing.T) {
	for _, o := range oracles(t) {
		if o.Provider.Name != "peach" {
			continue
		}
		for _, status := range []string{"sent", "delivered", "failed", "read"} {
			for _, variant := range []string{"template", "interactive"} {
				f := filepath.Join("..", "testdata", "peach", "valid", "message_delivery."+status+"."+variant+".json")
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(data), `"type": "message_delivery.sent"`) {
					t.Fatalf("%s no longer shows the quirk", f)
				}
				r, err := o.Identify(data)
				if err != nil {
					t.Fatal(err)
				}
				if r.Event != "message_delivery."+status || len(r.Violations) > 0 {
					t.Errorf("%s: identified as %s %v", f, r.Event, r.Violations)
				}
			}
		}
	}
}
