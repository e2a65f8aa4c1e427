package hookrt

import (
	"encoding/json"
	"testing"
)

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

func TestPeekNames(t *testing.T) {
	names := []string{"login", "slug", "name"}
	cases := []struct {
		in   string
		want uint64
	}{
		{`{"login":"a","id":1}`, 1},
		{`{"id":1,"slug":"s","name":"n"}`, 1<<1 | 1<<2},
		{`{"\u006cogin":1,"x":{"slug":1},"y":[{"name":1}]}`, 1}, // escaped names count; nested ones do not
		{`{}`, 0},
		{`[{"login":1}]`, 0},
	}
	for _, c := range cases {
		d := &hkDecoder{data: []byte(c.in)}
		got, err := d.peekNames(names)
		if err != nil || got != c.want {
			t.Errorf("%s: got %b, %v; want %b", c.in, got, err, c.want)
		}
		if d.pos != 0 || d.depth != 0 {
			t.Errorf("%s: peek moved the decoder to %d", c.in, d.pos)
		}
	}
	d := &hkDecoder{data: []byte(`{"id":1,"avatar":{"a":[1,2,"x"]},"slug":"s","login":"l"}`)}
	if n := testing.AllocsPerRun(100, func() { d.peekNames(names) }); n != 0 {
		t.Errorf("peekNames allocates %v times", n)
	}
}
