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
			k := s.Keywords()
			for _, kw := range []string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "const"} {
				lit := numberKeyword(k, kw)
				if lit == nil {
					continue
				}
				rat, ok := new(big.Rat).SetString(*lit)
				if !ok {
					continue
				}
				if f, _ := rat.Float64(); math.IsInf(f, 0) || (f == 0 && rat.Sign() != 0) {
					b.diags.Unsupported(k.Pos(kw), "%s %s is beyond the range of float64, in which hookgen compares numbers", kw, *lit)
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
					b.diags.Unsupported(k.Pos(kw), "const %s is not an integer, so no value of type integer matches it", *lit)
				case types[0] == "number" && rat.IsInt() && rat.Num().BitLen() > 53:
					if f, exact := rat.Float64(); !exact {
						b.diags.Unsupported(k.Pos(kw), "const %s is not exact in a float64 (it would be %g), the Go type of a number", *lit, f)
					}
				}
			}
			counts := []struct {
				kw string
				n  int
			}{{"minLength", k.MinLength}, {"maxLength", k.MaxLength}, {"minItems", k.MinItems}, {"maxItems", k.MaxItems},
				{"minProperties", k.MinProperties}, {"maxProperties", k.MaxProperties}, {"minContains", k.MinContains}, {"maxContains", k.MaxContains}}
			for _, c := range counts {
				if c.n >= 0 || !k.Has(c.kw) {
					continue // absent, or a count that fits in an int
				}
				// Keywords keeps a count as an int, -1 when it is not one;
				// the message quotes the literal as written.
				lit := k.Literal(c.kw)
				if rat, ok := new(big.Rat).SetString(lit); ok && rat.IsInt() && !rat.Num().IsInt64() {
					b.diags.Unsupported(k.Pos(c.kw), "%s %s does not fit in an int64", c.kw, lit)
				}
			}
		})
	}
}

// numberKeyword returns the literal of the numeric keyword kw of k, as
// the schema writes it ("1e3"): a bound, multipleOf, or a const that is a
// number; nil when it is absent or not a number.
func numberKeyword(k *load.Keywords, kw string) *string {
	switch kw {
	case "minimum":
		return k.Minimum
	case "maximum":
		return k.Maximum
	case "exclusiveMinimum":
		return k.ExclusiveMinimum
	case "exclusiveMaximum":
		return k.ExclusiveMaximum
	case "multipleOf":
		return k.MultipleOf
	case "const":
		if k.Const != nil && k.Const.Kind == load.Number {
			return &k.Const.Str
		}
	}
	return nil
}
