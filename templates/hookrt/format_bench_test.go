package hookrt

import (
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// BenchmarkFormats checks a typical valid value of each format, with
// hookgen's checker and, where it has one, jsonschema/v5's.
func BenchmarkFormats(b *testing.B) {
	names := make([]string, 0, len(hkFormats))
	for name := range hkFormats {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		s := typicalFormatValues[name]
		check := hkFormats[name]
		b.Run(name+"/hookgen", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				check(s)
			}
		})
		if ref := jsonschema.Formats[name]; ref != nil {
			b.Run(name+"/v5", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					ref(s)
				}
			})
		}
	}
}
