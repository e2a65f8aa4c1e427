package hookrt

// hkIsJSONPointer checks an RFC 6901 JSON Pointer: empty, or "/" and a
// reference token, repeated, where "~" only starts "~0" or "~1". The
// pointer is the string itself, not its URI fragment form ("#/a").
func hkIsJSONPointer(s string) bool {
	if s != "" && s[0] != '/' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '~' && (i+1 == len(s) || s[i+1] != '0' && s[i+1] != '1') {
			return false
		}
	}
	return true
}

// hkIsRelativeJSONPointer checks a Relative JSON Pointer
// (draft-bhutton-relative-json-pointer-00, which JSON Schema 2020-12
// names): a non-negative integer without leading zeros, an optional index
// manipulation ("+" or "-" and a positive integer), then "#" or a JSON
// Pointer.
func hkIsRelativeJSONPointer(s string) bool {
	n := hkDecimalPrefix(s)
	if n == 0 || s[0] == '0' && n > 1 {
		return false
	}
	s = s[n:]
	if s != "" && (s[0] == '+' || s[0] == '-') {
		m := hkDecimalPrefix(s[1:])
		if m == 0 || s[1] == '0' {
			return false
		}
		s = s[1+m:]
	}
	return s == "#" || hkIsJSONPointer(s)
}

// hkDecimalPrefix is the number of ASCII digits s starts with.
func hkDecimalPrefix(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
