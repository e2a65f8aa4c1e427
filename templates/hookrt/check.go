package hookrt

import (
	"math/big"
	"strconv"
)

// hkDuplicate returns the indexes of the first two equal items, for
// uniqueItems on arrays of scalars; ok is false when all differ.
func hkDuplicate[T comparable](v []T) (i, j int, ok bool) {
	for j := 1; j < len(v); j++ {
		for i := 0; i < j; i++ {
			if v[i] == v[j] {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// hkMultipleOf reports whether v is a multiple of the decimal m, exactly:
// v is read back from its shortest decimal form, as it was written in JSON,
// so 0.075 is a multiple of 0.0001 although float64 division says not.
func hkMultipleOf(v float64, m string) bool {
	rv, ok := new(big.Rat).SetString(strconv.FormatFloat(v, 'g', -1, 64))
	if !ok {
		return false
	}
	return new(big.Rat).Quo(rv, hkRat(m)).IsInt()
}
