// Package jsonnum answers, for the differential tests, whether a JSON
// document holds numbers Go's typed fields cannot hold exactly.
package jsonnum

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strconv"
)

// OutsideGo reports whether data holds a number that a float64 cannot
// hold exactly, or an integer beyond int64: conservative on purpose, as
// the same number may land in either kind of field. Generated typed fields read integers as int64 and
// numbers as float64 (and say so when one does not fit), where
// jsonschema/v5 uses exact rationals: a documented difference that the
// differential tests leave aside. Integers whose schema lets them go
// beyond int64 are uint64 or encoding/json's Number (exact, standard
// library: generated code needs no copy of a number type), and the tests
// compare those schemas' payloads whatever their numbers.
func OutsideGo(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		n, ok := tok.(json.Number)
		if !ok {
			continue
		}
		r, ok := new(big.Rat).SetString(string(n))
		if !ok || (r.IsInt() && !r.Num().IsInt64()) {
			return true
		}
		f, _ := r.Float64()
		back, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
		if !ok || back.Cmp(r) != 0 {
			return true
		}
	}
}
