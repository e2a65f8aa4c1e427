package hookrt

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

const hkHex = "0123456789abcdef"

// hkAppendString writes s as a JSON string exactly as encoding/json does:
// <, > and & escaped for HTML, U+2028 and U+2029 escaped, invalid UTF-8
// replaced by U+FFFD.
func hkAppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hkHex[c>>4], hkHex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hkHex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// hkAppendFloat writes f as encoding/json does (shortest form, exponent
// for very large or small values); NaN and infinities, which JSON cannot
// hold, become null.
func hkAppendFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	fmt := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmt = 'e'
	}
	b = strconv.AppendFloat(b, f, fmt, -1, 64)
	if fmt == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

func hkAppendInt(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

func hkAppendBool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

// hkAppendNull writes a value that may only be null.
func hkAppendNull(b []byte, _ struct{}) []byte { return append(b, "null"...) }

// hkAppendTime writes t as time.Time's MarshalJSON does.
func hkAppendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// hkAppendRaw writes raw JSON, or null for none.
func hkAppendRaw(b []byte, raw json.RawMessage) []byte {
	if len(raw) == 0 {
		return append(b, "null"...)
	}
	return append(b, raw...)
}

// hkComma starts the next member or element unless b ends an opening.
func hkComma(b []byte) []byte {
	if c := b[len(b)-1]; c != '{' && c != '[' {
		return append(b, ',')
	}
	return b
}

// hkSortedKeys returns a map's keys in the order encoding/json writes them.
func hkSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// hkAppendArray writes a slice as a JSON array (null when nil), each
// element by elem: the generated code names elem instead of spelling out
// the loop.
func hkAppendArray[T any](b []byte, v []T, elem func([]byte, T) []byte) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = elem(b, v[i])
	}
	return append(b, ']')
}

// hkAppendObject writes a map as a JSON object (null when nil), its keys
// sorted as encoding/json sorts them, each value by elem.
func hkAppendObject[T any](b []byte, v map[string]T, elem func([]byte, T) []byte) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	for i, k := range hkSortedKeys(v) {
		if i > 0 {
			b = append(b, ',')
		}
		b = hkAppendString(b, k)
		b = append(b, ':')
		b = elem(b, v[k])
	}
	return append(b, '}')
}

// hkKey starts an object member: a comma unless it is the first, then the
// member's name and colon, already escaped.
func hkKey(b []byte, nameColon string) []byte {
	return append(hkComma(b), nameColon...)
}
