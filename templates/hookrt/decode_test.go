package hookrt

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestRawStringMatchesEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`""`, `"plain"`, `"esc\"aped\\"`, `"\u00e9\n\t\/"`, `"\ud83d\ude00"`, `"\ud800"`, `"\udc00x"`,
		"\"bad utf8 \xff\xfe\"", `"\u0000"`, `"mixed \ud83d and"`,
	} {
		var want string
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		d := &hkDecoder{data: []byte(in)}
		got, err := d.rawString()
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}

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

func TestSyntaxErrorsStop(t *testing.T) {
	for _, in := range []string{`{"a":}`, `{"a":"b"{}}`, `{"a":{"b":1{}}}`, `[1,]`, `{"a" 1}`, `"abc`, `tru`, `[1] x`, `{"a":1,}`, `01`} {
		d := &hkDecoder{data: []byte(in)}
		err := d.skip()
		if err == nil {
			err = d.finish()
		}
		if _, ok := err.(*hkSyntaxError); !ok {
			t.Errorf("%s: got %v, want a syntax error", in, err)
		}
	}
}

func TestDiscriminatorPeekDoesNotMove(t *testing.T) {
	d := &hkDecoder{data: []byte(` {"data": {"type": "inner"}, "type": "outer"}`)}
	v, ok, err := d.discriminator("type")
	if err != nil || !ok || string(v) != "outer" {
		t.Fatalf("got %q %v %v", v, ok, err)
	}
	if d.pos != 0 || d.depth != 0 {
		t.Errorf("peek moved the decoder to %d", d.pos)
	}
	if allocs := testing.AllocsPerRun(100, func() { d.discriminator("type") }); allocs != 0 {
		t.Errorf("discriminator allocates %v times", allocs)
	}
}

// FuzzSkip: the decoder accepts exactly what encoding/json accepts (nesting
// depth aside), and reads strings the same way.
func FuzzSkip(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,2,{"b":null}]}`, `"\ud83d\ude00"`, `-0.5e10`, `[1,]`, "\"\xff\"", `{"a":1,"a":2}`, ` true `, `1 2`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := &hkDecoder{data: data}
		err := d.skip()
		if err == nil {
			err = d.finish()
		}
		valid := json.Valid(data)
		if (err == nil) != valid {
			if err != nil && strings.Contains(err.Error(), "nesting too deep") {
				return
			}
			t.Fatalf("%q: decoder error %v, json.Valid %v", data, err, valid)
		}
		if valid && d.peekAt(data) == hkString {
			var want string
			json.Unmarshal(data, &want)
			d2 := &hkDecoder{data: data}
			got, err := d2.rawString()
			if err != nil || string(got) != want {
				t.Fatalf("%q: read %q (%v), encoding/json %q", data, got, err, want)
			}
		}
	})
}

func (d *hkDecoder) peekAt(data []byte) hkKind {
	d2 := &hkDecoder{data: data}
	return d2.peek()
}

func TestPeekPath(t *testing.T) {
	d := &hkDecoder{data: []byte(`{"type":"a","data":{"x":[1,{"y":2}],"message":{"status":"read","id":1}}}`)}
	cases := []struct {
		path []string
		want string
		ok   bool
	}{
		{[]string{"type"}, "a", true},
		{[]string{"data", "message", "status"}, "read", true},
		{[]string{"data", "message", "id"}, "", false},
		{[]string{"data", "nope", "status"}, "", false},
		{[]string{"type", "deeper"}, "", false},
	}
	for _, c := range cases {
		v, ok, err := d.peekPath(c.path...)
		if err != nil || ok != c.ok || string(v) != c.want {
			t.Errorf("%v: got %q %v %v", c.path, v, ok, err)
		}
		if d.pos != 0 {
			t.Fatalf("%v: peek moved the decoder", c.path)
		}
	}
	path := []string{"data", "message", "status"}
	if n := testing.AllocsPerRun(100, func() { d.peekPath(path...) }); n != 0 {
		t.Errorf("peekPath allocates %v times", n)
	}
}

func TestSpecialWord(t *testing.T) {
	for b := 0; b < 256; b++ {
		for pos := 0; pos < 8; pos++ {
			word := []byte("abcdefgh")
			word[pos] = byte(b)
			x := uint64(0)
			for i := 7; i >= 0; i-- {
				x = x<<8 | uint64(word[i])
			}
			want := !hkPlain[b]
			if got := hkSpecial(x) != 0; got != want {
				t.Fatalf("byte %#x at %d: special %v, want %v", b, pos, got, want)
			}
		}
	}
}

// FuzzSkipFast: on valid JSON the structural skip ends where the full skip
// does, inside objects and arrays too.
func FuzzSkipFast(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"x\"}"}],"c":2}`, `["\\",{"}":"]"}]`, `123`, `"a\\\\"`, `{}`, `[[],{}]`, `true`, `-1.5e3`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		wrapped := append(append([]byte(`[`), data...), []byte(`,"after"]`)...)
		full, fast := &hkDecoder{data: wrapped, pos: 1}, &hkDecoder{data: wrapped, pos: 1}
		if err := full.skip(); err != nil {
			t.Fatalf("skip: %v", err)
		}
		if err := fast.skipFast(); err != nil || fast.pos != full.pos {
			t.Fatalf("%q: skipFast ended at %d (%v), skip at %d", data, fast.pos, err, full.pos)
		}
	})
}

// FuzzPeekTail: whenever the backward peek answers, it answers what the
// forward peek does.
func FuzzPeekTail(f *testing.F) {
	for _, s := range []string{
		`{"data":{"x":"}"},"entity":"messages","action":"insert"}`,
		`{"entity":"a","data":1,"action":"b"}`,
		`{ "data" : [1,"\""] , "entity" : "m" , "action" : "u" }`,
		`{"action":"x","entity":"y","action":"z"}`,
		`{"entity":"e\"","action":"a"}`,
		`{"entity":"","action":""}`,
		"{\"entity\"\t:\r\"m\",\n\"action\":\"i\"\n}\n",
		`{"entity":"m","action":"i"`,
		`{"entity":"mé","action":"ü"}`,
		"{\"entity\":\"m\xff\",\"action\":\"i\"}",
	} {
		f.Add([]byte(s))
	}
	keys := []string{"entity", "action"}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		tail := make([][]byte, 2)
		d := &hkDecoder{data: data}
		if !d.peekTail(keys, tail) {
			return
		}
		fwd := make([][]byte, 2)
		if err := (&hkDecoder{data: data}).peekMembers(keys, fwd); err != nil {
			t.Fatal(err)
		}
		// The forward peek keeps the first of repeated members, decoding
		// (like encoding/json) the last; the backward one sees the last.
		var last map[string]any
		if err := json.Unmarshal(data, &last); err != nil {
			return
		}
		for i, k := range keys {
			want, _ := last[k].(string)
			if string(tail[i]) != want {
				t.Fatalf("%s: %q from the tail, the value decoded is %q (forward peek %q)", k, tail[i], want, fwd[i])
			}
		}
	})
}

// TestKindOf: the table says what the JSON grammar says each byte starts.
func TestKindOf(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := hkInvalid
		switch {
		case c == '{':
			want = hkObject
		case c == '[':
			want = hkArray
		case c == '"':
			want = hkString
		case c == 't' || c == 'f':
			want = hkBool
		case c == 'n':
			want = hkNull
		case c == '-' || (c >= '0' && c <= '9'):
			want = hkNumber
		}
		if got := hkKindOf[c]; got != want {
			t.Errorf("%q: %v, want %v", rune(c), got, want)
		}
	}
}

// TestStringsShareBlocksAndStayIntact: strings from one decoder share
// blocks, and neither later strings, a new block nor escapes (decoded in
// the scratch buffer) change the ones handed out before.
func TestStringsShareBlocksAndStayIntact(t *testing.T) {
	var in strings.Builder
	var want []string
	in.WriteByte('[')
	for i := 0; i < 500; i++ {
		if i > 0 {
			in.WriteByte(',')
		}
		s := fmt.Sprintf("s%d-%s", i, strings.Repeat("x", i%40))
		if i%7 == 0 {
			s += `\n\u00e9`
		}
		if i == 250 {
			s = strings.Repeat("long", 1000) // longer than a block
		}
		in.WriteString(`"` + s + `"`)
		var w string
		if err := json.Unmarshal([]byte(`"`+s+`"`), &w); err != nil {
			t.Fatal(err)
		}
		want = append(want, w)
	}
	in.WriteByte(']')
	d := &hkDecoder{data: []byte(in.String())}
	var got []string
	for i := 0; ; i++ {
		more, err := d.arrayNext(i)
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		var s string
		if err := d.readString(nil, &s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("strings changed after decoding:\n got %q\nwant %q", got, want)
	}
	n := testing.AllocsPerRun(20, func() {
		d := &hkDecoder{data: []byte(`["a","b","c","d"]`)}
		var s [4]string
		for i := 0; ; i++ {
			if more, _ := d.arrayNext(i); !more {
				break
			}
			_ = d.readString(nil, &s[i])
		}
	})
	if n > 2 { // the decoder's data and the one block
		t.Errorf("four strings took %v allocations", n)
	}
}
