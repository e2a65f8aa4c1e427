package hookrt

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestReadUint64(t *testing.T) {
	cases := []struct {
		in      string
		want    uint64
		problem string
	}{
		{"0", 0, ""}, {"1.0", 1, ""}, {"1e2", 100, ""},
		{"18446744073709551615", 18446744073709551615, ""},
		{"1.8446744073709551615e19", 18446744073709551615, ""},
		{"18446744073709551616", 0, "must be <= 18446744073709551615"},
		{"-1", 0, "must be >= 0"},
		{"-0", 0, ""},
		{"1.5", 0, "expected integer, but got number"},
		{`"1"`, 0, "expected integer, but got string"},
	}
	for _, c := range cases {
		d := &hkDecoder{data: []byte(c.in)}
		var v uint64
		if err := d.readUint64(nil, &v); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		switch {
		case c.problem == "" && len(d.errs.list) > 0:
			t.Errorf("%s: unexpected %v", c.in, d.errs.list)
		case c.problem != "" && (len(d.errs.list) != 1 || !strings.Contains(d.errs.list[0].Message, c.problem)):
			t.Errorf("%s: got %v, want %q", c.in, d.errs.list, c.problem)
		case c.problem == "" && v != c.want:
			t.Errorf("%s: got %d, want %d", c.in, v, c.want)
		}
	}
}

func TestReadIntegerNumber(t *testing.T) {
	for in, ok := range map[string]bool{"123456789012345678901234567890": true, "-1e40": true, "1.0": true, "1.5": false, "1e-1": false} {
		d := &hkDecoder{data: []byte(in)}
		var v json.Number
		if err := d.readIntegerNumber(nil, &v); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got := len(d.errs.list) == 0; got != ok {
			t.Errorf("%s: accepted %v, want %v (%v)", in, got, ok, d.errs.list)
		}
		if ok && string(v) != in {
			t.Errorf("%s: kept %q", in, v)
		}
	}
}

func TestNumberCompare(t *testing.T) {
	if hkNumberCmp("100000000000000000000000000001", "1e29") <= 0 || hkNumberCmp("-1e29", "-100000000000000000000000000000") != 0 {
		t.Error("hkNumberCmp is not exact")
	}
	if !hkNumberMultipleOf("123456789012345678901234567890", "10") || hkNumberMultipleOf("123456789012345678901234567891", "10") {
		t.Error("hkNumberMultipleOf is not exact")
	}
	for n, want := range map[json.Number]string{"": "0", "-1.5e300": "-1.5e300", "abc": "null", "1 ": "null"} {
		if got := string(hkAppendNumber(nil, n)); got != want {
			t.Errorf("hkAppendNumber(%q) = %s, want %s", n, got, want)
		}
	}
	if hkIsInteger("1.5") || hkIsInteger("x") || !hkIsInteger("1e3") {
		t.Error("hkIsInteger")
	}
}
