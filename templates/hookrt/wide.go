package hookrt

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
)

// Integers beyond int64. A schema whose integer may exceed MaxInt64 but
// never goes below 0 gets a uint64; one that may go beyond uint64, or below
// MinInt64, gets a json.Number, which keeps the digits as written.

// readUint64 accepts any number with an integer value from 0 to
// MaxUint64 (1.0 and 1e2 are integers to JSON Schema). The schema allows
// no other (that is why the field is a uint64), so a number outside is
// refused with the bound it breaks.
func (d *hkDecoder) readUint64(p *hkPath, v *uint64) error {
	if d.peek() != hkNumber {
		return d.mismatch(p, "integer")
	}
	lit, err := d.numberLiteral()
	if err != nil {
		return err
	}
	if n, err := strconv.ParseUint(string(lit), 10, 64); err == nil {
		*v = n
		return nil
	}
	r, ok := new(big.Rat).SetString(string(lit))
	switch {
	case !ok:
		d.errs.addf(p, "type", "invalid number %s", lit)
	case !r.IsInt():
		d.refuse(p, "type", "expected integer, but got number")
	case r.Sign() < 0:
		d.refuse(p, "minimum", fmt.Sprintf("must be >= 0 but found %s", lit))
	case !r.Num().IsUint64():
		d.refuse(p, "maximum", fmt.Sprintf("must be <= 18446744073709551615 but found %s", lit))
	default:
		*v = r.Num().Uint64()
	}
	return nil
}

// readIntegerNumber reads an integer of any size into a json.Number,
// keeping its digits as written (as encoding/json does); a number that is
// not an integer is refused.
func (d *hkDecoder) readIntegerNumber(p *hkPath, v *json.Number) error {
	if d.peek() != hkNumber {
		return d.mismatch(p, "integer")
	}
	lit, err := d.numberLiteral()
	if err != nil {
		return err
	}
	if !hkIsInteger(string(lit)) {
		d.refuse(p, "type", "expected integer, but got number")
		return nil
	}
	*v = json.Number(lit)
	return nil
}

// hkIsInteger reports whether s is a JSON number with an integer value.
func hkIsInteger(s string) bool {
	r, ok := hkParseNumber(s)
	return ok && r.IsInt()
}

// hkParseNumber reads a JSON number exactly; ok is false for any other
// text (a json.Number set by hand may hold anything).
func hkParseNumber(s string) (*big.Rat, bool) {
	if !json.Valid([]byte(s)) || s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
		return nil, false
	}
	return new(big.Rat).SetString(s)
}

// hkNumberCmp compares the number n with the decimal bound m, exactly: -1,
// 0 or +1. A value that is no number compares as 0, so only hkIsInteger
// reports it.
func hkNumberCmp(n json.Number, m string) int {
	r, ok := hkParseNumber(string(n))
	if !ok {
		return 0
	}
	return r.Cmp(hkRat(m))
}

// hkNumberMultipleOf reports whether the number n is a multiple of the
// decimal m, exactly.
func hkNumberMultipleOf(n json.Number, m string) bool {
	r, ok := hkParseNumber(string(n))
	if !ok {
		return true
	}
	return new(big.Rat).Quo(r, hkRat(m)).IsInt()
}

// hkAppendUint writes an unsigned integer.
func hkAppendUint(b []byte, n uint64) []byte { return strconv.AppendUint(b, n, 10) }

// hkAppendNumber writes a json.Number as encoding/json does: its text as
// it is, 0 when empty. Text that is no JSON number (set by hand; Validate
// reports it) is written as null, where encoding/json fails.
func hkAppendNumber(b []byte, n json.Number) []byte {
	if n == "" {
		return append(b, '0')
	}
	if _, ok := hkParseNumber(string(n)); !ok {
		return append(b, "null"...)
	}
	return append(b, n...)
}
