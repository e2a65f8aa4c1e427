package hookrt

import (
	"strings"
	"testing"
)

func TestReadInt64(t *testing.T) {
	cases := []struct {
		in      string
		want    int64
		problem string
	}{
		{"0", 0, ""}, {"-12", -12, ""}, {"1.0", 1, ""}, {"1e2", 100, ""}, {"-2.50e1", -25, ""},
		{"1.5", 0, "expected integer, but got number"},
		{"9223372036854775807", 9223372036854775807, ""},
		{"9223372036854775808", 0, "does not fit in an int64"},
		{`"1"`, 0, "expected integer, but got string"},
		{"null", 0, "expected integer, but got null"},
	}
	for _, c := range cases {
		d := &hkDecoder{data: []byte(c.in)}
		var v int64
		if err := d.readInt64(nil, &v); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if _, syntax := d.finish().(*hkSyntaxError); syntax {
			t.Fatalf("%s: not consumed whole", c.in)
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

func TestMismatchKeepsDecodingWithPointers(t *testing.T) {
	d := &hkDecoder{data: []byte(`{"a": "x", "b": [1, "two", 3], "c": true}`)}
	root := hkPath{}
	_ = root
	var a int64
	var b []int64
	var c string
	for first := true; ; first = false {
		key, more, err := d.objectNext(first)
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		p := (*hkPath)(nil).field(string(key))
		switch string(key) {
		case "a":
			err = d.readInt64(&p, &a)
		case "b":
			for i := 0; ; i++ {
				more, err := d.arrayNext(i)
				if err != nil {
					t.Fatal(err)
				}
				if !more {
					break
				}
				ip := p.item(i)
				var n int64
				if err := d.readInt64(&ip, &n); err != nil {
					t.Fatal(err)
				}
				b = append(b, n)
			}
		case "c":
			err = d.readString(&p, &c)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	err := d.finish()
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("got %v", err)
	}
	var ptrs []string
	for _, v := range ve.Violations {
		ptrs = append(ptrs, v.Pointer)
	}
	if strings.Join(ptrs, " ") != "/a /b/1 /c" {
		t.Errorf("violations at %v: %v", ptrs, ve)
	}
}
