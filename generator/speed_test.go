package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/hookgen/hookgen/generator"
)

// synthetic writes a provider of n event schemas, each with a nested
// object, an enum, a pattern, a format, an array, a map and $refs to
// shared definitions, like a real provider's.
func synthetic(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "schemas", "big")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	common := `{"$defs": {
	  "Contact": {"type": "object", "required": ["id", "email"], "properties": {
	    "id": {"type": "integer", "minimum": 1}, "email": {"type": "string", "format": "email"},
	    "phone": {"type": ["string", "null"], "pattern": "^\\+[1-9][0-9]{6,14}$"}}},
	  "Timestamp": {"type": "string", "format": "date-time"}}}`
	if err := os.WriteFile(filepath.Join(dir, "common.json"), []byte(common), 0o644); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < n; i++ {
		schema := fmt.Sprintf(`{"title": "Event %[1]d", "type": "object", "required": ["type", "data"], "properties": {
		  "type": {"const": "thing%[1]d.happened"},
		  "data": {"type": "object", "required": ["id", "status", "at"], "properties": {
		    "id": {"type": "string", "pattern": "^evt%[1]d_[a-z0-9]+$"},
		    "status": {"enum": ["new", "done", "failed"]},
		    "at": {"$ref": "common.json#/$defs/Timestamp"},
		    "contact": {"$ref": "common.json#/$defs/Contact"},
		    "amount": {"type": "number", "minimum": 0},
		    "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
		    "meta": {"type": "object", "additionalProperties": {"type": "string"}},
		    "lines": {"type": "array", "items": {"type": "object", "properties": {
		      "sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}}}}}}`, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("thing%d.happened.json", i)), []byte(schema), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return filepath.Dir(dir)
}

// BenchmarkGenerate generates providers of growing size: the time per
// event should stay flat (linear growth).
//
//	go test -run XXX -bench Generate -benchtime 3x ./generator
func BenchmarkGenerate(b *testing.B) {
	// As the hookgen command does (cmd/hookgen/main.go).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	for _, n := range []int{100, 300, 1000} {
		schemas := synthetic(b, n)
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			files := 0
			for b.Loop() {
				res, err := generator.Generate(generator.Options{Schemas: schemas, Testdata: ""})
				if err != nil {
					b.Fatal(err)
				}
				files = len(res.Files)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e3, "µs/event")
			if files < n {
				b.Fatalf("%d files for %d events", files, n)
			}
		})
	}
}

// TestSyntheticProviderGenerates keeps the benchmark's input honest: it
// generates, with a router over every event.
func TestSyntheticProviderGenerates(t *testing.T) {
	res, err := generator.Generate(generator.Options{Schemas: synthetic(t, 20)})
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Packages[0].Router; r == nil || len(r.Events) != 20 {
		t.Fatalf("router: %+v", r)
	}
}
