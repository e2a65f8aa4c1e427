package model

import (
	"math"
	"math/big"

	"github.com/hookgen/hookgen/generator/load"
)

// Go types of integers. An integer is an int64 unless the schema itself
// says it may go beyond: a bound (minimum, maximum and their exclusive
// forms) or an enum/const value outside int64. Then it is a uint64 when
// every value it allows lies in 0..MaxUint64 (a hash, a counter), and
// otherwise a json.Number, which keeps the digits. An integer without
// bounds stays an int64, as before: a value beyond it is refused when
// decoding ("does not fit in an int64").
const (
	Int64Builtin   = "int64"
	Uint64Builtin  = "uint64"
	NumberBuiltin  = "json.Number" // encoding/json's Number: the digits as written
	maxUint64Digit = "18446744073709551615"
)

var (
	minInt64  = big.NewInt(math.MinInt64)
	maxInt64  = big.NewInt(math.MaxInt64)
	maxUint64 = new(big.Int).SetUint64(math.MaxUint64)
)

// integerBuiltin chooses the Go type of an integer schema.
func integerBuiltin(s load.Schema) string {
	lo, hi := integerRange(s)
	if (hi == nil || hi.Cmp(maxInt64) <= 0) && (lo == nil || lo.Cmp(minInt64) >= 0) {
		return Int64Builtin
	}
	if lo != nil && lo.Sign() >= 0 && hi != nil && hi.Cmp(maxUint64) <= 0 {
		return Uint64Builtin
	}
	return NumberBuiltin
}

// integerRange is the least and greatest integer the schema at s allows,
// from its bounds and its enum or const values; nil where unbounded.
func integerRange(s load.Schema) (lo, hi *big.Int) {
	raise := func(v *big.Int) {
		if lo == nil || v.Cmp(lo) > 0 {
			lo = v
		}
	}
	lower := func(v *big.Int) {
		if hi == nil || v.Cmp(hi) < 0 {
			hi = v
		}
	}
	rat := func(lit *string) *big.Rat {
		if lit == nil {
			return nil
		}
		r, ok := new(big.Rat).SetString(*lit)
		if !ok {
			return nil
		}
		return r
	}
	k := s.Keywords()
	if r := rat(k.Minimum); r != nil {
		raise(ceil(r))
	}
	if r := rat(k.ExclusiveMinimum); r != nil {
		raise(new(big.Int).Add(floor(r), big.NewInt(1)))
	}
	if r := rat(k.Maximum); r != nil {
		lower(floor(r))
	}
	if r := rat(k.ExclusiveMaximum); r != nil {
		lower(new(big.Int).Sub(ceil(r), big.NewInt(1)))
	}
	var values []*load.Node
	if k.Enum != nil {
		values = k.Enum
	} else if k.Const != nil {
		values = []*load.Node{k.Const}
	}
	var vlo, vhi *big.Int
	for _, v := range values {
		if v.Kind != load.Number {
			continue
		}
		r, ok := new(big.Rat).SetString(v.Str)
		if !ok || !r.IsInt() {
			continue
		}
		n := r.Num()
		if vlo == nil || n.Cmp(vlo) < 0 {
			vlo = n
		}
		if vhi == nil || n.Cmp(vhi) > 0 {
			vhi = n
		}
	}
	if vlo != nil {
		raise(vlo)
		lower(vhi)
	}
	return lo, hi
}

func floor(r *big.Rat) *big.Int {
	// Euclidean division by a positive denominator floors.
	q, _ := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
	return q
}

func ceil(r *big.Rat) *big.Int {
	q := floor(r)
	if !r.IsInt() {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// isWideInteger reports whether builtin is an integer type beyond int64.
func isWideInteger(builtin string) bool {
	return builtin == Uint64Builtin || builtin == NumberBuiltin
}

// dropTypeBounds removes from a uint64's rules the bounds its type
// already enforces (a minimum of 0 or below, a maximum of MaxUint64 or
// above): decoding refuses a number outside 0..MaxUint64 at the bound it
// breaks, and a uint64 holds nothing else.
func dropTypeBounds(kind string, r *Rules) {
	if kind != Uint64Builtin {
		return
	}
	cmp := func(n *Number, with *big.Int) int {
		rat, _ := new(big.Rat).SetString(n.Literal)
		return rat.Cmp(new(big.Rat).SetInt(with))
	}
	zero := new(big.Int)
	if r.Minimum != nil && cmp(r.Minimum, zero) <= 0 {
		r.Minimum = nil
	}
	if r.ExclusiveMinimum != nil && cmp(r.ExclusiveMinimum, zero) < 0 {
		r.ExclusiveMinimum = nil
	}
	if r.Maximum != nil && cmp(r.Maximum, maxUint64) >= 0 {
		r.Maximum = nil
	}
	if r.ExclusiveMaximum != nil && cmp(r.ExclusiveMaximum, maxUint64) > 0 {
		r.ExclusiveMaximum = nil
	}
}
