package difftest

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// BenchmarkShapesRatio reads each shapes payload the two ways, interleaved
// in every iteration so the machine's noise hits both alike, and reports
// their ratio: jsonschema/v5 validating the value encoding/json decoded
// (into any, which v5 needs; cheaper than the seed benchmark's extra
// decode into a plain struct, so the ratio is on the low side) against the
// generated ValidateJSON (decode into the typed value and validate).
//
//	go test -run XXX -bench ShapesRatio -benchtime 2s ./internal/difftest
func BenchmarkShapesRatio(b *testing.B) {
	p := shapesProvider(b)
	for name, data := range shapePayloads(b) {
		schema := strings.SplitN(name, ".", 2)[0]
		var compact bytes.Buffer
		if err := json.Compact(&compact, data); err != nil {
			b.Fatal(err)
		}
		data := compact.Bytes()
		ref := p.oracle.Lookup(schema)
		b.Run(name, func(b *testing.B) {
			var tRef, tGen time.Duration
			for b.Loop() {
				start := time.Now()
				if vs, err := ref.Validate(data); err != nil || len(vs) > 0 {
					b.Fatal(vs, err)
				}
				mid := time.Now()
				if err := p.validate(schema, data); err != nil {
					b.Fatal(err)
				}
				tRef, tGen = tRef+mid.Sub(start), tGen+time.Since(mid)
			}
			b.ReportMetric(float64(tRef)/float64(tGen), "v5/hookgen")
			b.ReportMetric(float64(tGen.Nanoseconds())/float64(b.N), "hookgen-ns/op")
		})
	}
}
