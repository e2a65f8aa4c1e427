package hookrt

import (
	"encoding/json"
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
