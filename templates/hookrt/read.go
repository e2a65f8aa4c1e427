package hookrt

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"time"
)

// Typed readers: each checks the JSON kind, records a violation and skips
// the value when it is wrong, and returns an error only for bad syntax.

func (d *hkDecoder) readString(p *hkPath, v *string) error {
	if d.peek() != hkString {
		return d.mismatch(p, "string")
	}
	s, err := d.rawString()
	if err != nil {
		return err
	}
	*v = d.str(s)
	return nil
}

// readKnownString reads a string whose likely values the schema lists (an
// enum, a const): one of them is returned as that very string, without
// allocating; anything else is copied as usual.
func (d *hkDecoder) readKnownString(p *hkPath, v *string, known []string) error {
	if d.peek() != hkString {
		return d.mismatch(p, "string")
	}
	s, err := d.rawString()
	if err != nil {
		return err
	}
	for _, k := range known {
		if string(s) == k {
			*v = k
			return nil
		}
	}
	*v = d.str(s)
	return nil
}

// readNull reads a value that may only be null (type: "null"), into a
// struct{} that records nothing but its presence.
func (d *hkDecoder) readNull(p *hkPath, _ *struct{}) error {
	if d.peek() != hkNull {
		return d.mismatch(p, "null")
	}
	if !d.literal("null") {
		return d.syntax("invalid literal")
	}
	return nil
}

func (d *hkDecoder) readBool(p *hkPath, v *bool) error {
	if d.peek() != hkBool {
		return d.mismatch(p, "boolean")
	}
	switch {
	case d.literal("true"):
		*v = true
	case d.literal("false"):
		*v = false
	default:
		return d.syntax("invalid literal")
	}
	return nil
}

func (d *hkDecoder) readFloat64(p *hkPath, v *float64) error {
	if d.peek() != hkNumber {
		return d.mismatch(p, "number")
	}
	lit, err := d.numberLiteral()
	if err != nil {
		return err
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		d.refuse(p, "type", fmt.Sprintf("number %s does not fit in a float64", lit))
		return nil
	}
	*v = f
	return nil
}

// readInt64 accepts any number with an integer value (1.0 and 1e2 are
// integers to JSON Schema); one that does not fit in an int64 is reported.
func (d *hkDecoder) readInt64(p *hkPath, v *int64) error {
	if d.peek() != hkNumber {
		return d.mismatch(p, "integer")
	}
	lit, err := d.numberLiteral()
	if err != nil {
		return err
	}
	if n, err := strconv.ParseInt(string(lit), 10, 64); err == nil {
		*v = n
		return nil
	}
	r, ok := new(big.Rat).SetString(string(lit))
	switch {
	case !ok:
		d.errs.addf(p, "type", "invalid number %s", lit)
	case !r.IsInt():
		d.refuse(p, "type", "expected integer, but got number")
	case !r.Num().IsInt64():
		d.refuse(p, "type", fmt.Sprintf("integer %s does not fit in an int64", lit))
	default:
		*v = r.Num().Int64()
	}
	return nil
}

// readTime reads an RFC 3339 date-time; a string that is not one is a
// "format" violation.
func (d *hkDecoder) readTime(p *hkPath, v *time.Time) error {
	if d.peek() != hkString {
		return d.mismatch(p, "string")
	}
	s, err := d.rawString()
	if err != nil {
		return err
	}
	t, ok := hkParseDateTime(s)
	if !ok {
		d.refuse(p, "format", fmt.Sprintf("%q is not valid date-time", s))
		return nil
	}
	*v = t
	return nil
}

func (d *hkDecoder) readRaw(p *hkPath, v *json.RawMessage) error {
	raw, err := d.rawValue()
	if err != nil {
		return err
	}
	*v = append((*v)[:0], raw...)
	return nil
}
