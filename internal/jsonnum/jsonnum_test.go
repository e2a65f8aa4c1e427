package jsonnum

import "testing"

func TestOutsideGo(t *testing.T) {
	cases := map[string]bool{
		`{"a": 1, "b": [2.5, -3]}`:    false,
		`{"a": 9223372036854775807}`:  true,
		`{"a": 9007199254740992}`:     false,
		`{"a": 9223372036854775808}`:  true,
		`[0.1]`:                       false,
		`[1e400]`:                     true,
		`[0.10000000000000000000001]`: true,
		`"12345678901234567890"`:      false,
	}
	for in, want := range cases {
		if got := OutsideGo([]byte(in)); got != want {
			t.Errorf("%s: %v, want %v", in, got, want)
		}
	}
}
