package model

import (
	"math"
	"math/big"

	"github.com/hookgen/hookgen/generator/load"
)

// checkNumbers refuses, at the keyword, numbers in a schema that the Go
// types hookgen generates cannot hold exactly: a bound or const beyond
// float64's range ("minimum": 1e400 would print +Inf; 1e-400 would
// compare against 0), a non-integer const on an integer, and counts
// (minLength, maxItems...) beyond int64. hookgen compares numbers as
// float64 and integers as int64 (uint64 or exactly where the schema lets
// them go beyond, see integerBuiltin); refusing is better than a validator that
// is silently wrong.
func (b *builder) checkNumbers() {
	for _, d := range b.prov.SchemaDocs() {
		load.WalkSchemas(d.RootSchema(), func(s load.Schema) {
			for _, kw := range []string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "const"} {
				k, ok := s.Keyword(kw)
				if !ok || k.Node.Kind != load.Number {
					continue
				}
				rat, ok := new(big.Rat).SetString(k.Node.Str)
				if !ok {
					continue
				}
				if f, _ := rat.Float64(); math.IsInf(f, 0) || (f == 0 && rat.Sign() != 0) {
					b.diags.Unsupported(k.Pos(), "%s %s is beyond the range of float64, in which hookgen compares numbers", kw, k.Node.Str)
					continue
				}
				if kw != "const" {
					continue
				}
				types, _ := jsonTypes(s)
				if len(types) != 1 {
					continue
				}
				switch {
				case types[0] == "integer" && !rat.IsInt():
					b.diags.Unsupported(k.Pos(), "const %s is not an integer, so no value of type integer matches it", k.Node.Str)
				case types[0] == "number" && rat.IsInt() && rat.Num().BitLen() > 53:
					if f, exact := rat.Float64(); !exact {
						b.diags.Unsupported(k.Pos(), "const %s is not exact in a float64 (it would be %g), the Go type of a number", k.Node.Str, f)
					}
				}
			}
			for _, kw := range []string{"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains"} {
				k, ok := s.Keyword(kw)
				if !ok || k.Node.Kind != load.Number {
					continue
				}
				if rat, ok := new(big.Rat).SetString(k.Node.Str); ok && rat.IsInt() && !rat.Num().IsInt64() {
					b.diags.Unsupported(k.Pos(), "%s %s does not fit in an int64", kw, k.Node.Str)
				}
			}
		})
	}
}
