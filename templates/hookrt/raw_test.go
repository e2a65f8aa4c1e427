package hookrt

import (
	"strings"
	"testing"
)

// TestRawEnumConstMessages: a raw value's enum and const violations quote
// the value (an empty string shows as "") and say what is allowed.
func TestRawEnumConstMessages(t *testing.T) {
	enum := &hkSchema{enum: []any{hkLiteral(`"open"`), hkLiteral(`1`), hkLiteral(`null`)}, minLength: -1, maxLength: -1, minItems: -1, maxItems: -1, minContains: -1, maxContains: -1, minProperties: -1, maxProperties: -1}
	constant := &hkSchema{constant: []any{hkLiteral(`{"a":[true]}`)}, minLength: -1, maxLength: -1, minItems: -1, maxItems: -1, minContains: -1, maxContains: -1, minProperties: -1, maxProperties: -1}
	for _, c := range []struct {
		s    *hkSchema
		in   string
		want string
	}{
		{enum, `""`, `enum: value "" is not one of "open", 1, null`},
		{constant, `"x"`, `const: value must be {"a":[true]}, but got "x"`},
	} {
		var e hkErrors
		hkValidateRaw(c.s, []byte(c.in), nil, &e)
		if err := e.err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s", c.in, err, c.want)
		}
	}
}
