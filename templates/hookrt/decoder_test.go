package hookrt

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

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

// TestDecoderUsedTwiceKeepsItsStrings: the arena's invariant (bytes handed
// out are never rewritten) holds across payloads. A decoder pointed at a
// second payload, whose strings need a block of their own, leaves the
// first payload's strings as they were; an arena that recycled its block
// (d.strs = d.strs[:0] when it fills) would overwrite them here.
func TestDecoderUsedTwiceKeepsItsStrings(t *testing.T) {
	d := &hkDecoder{}
	read := func(payload string) []string {
		d.data, d.pos = []byte(payload), 0
		var out []string
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
			out = append(out, s)
		}
		if err := d.finish(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := read(`["alpha","beta","gamma"]`)
	second := read(`["ZZZZZZZZZZZZ","YYYYYYYYYYYYYYYYYYYY","X\u00e9"]`)
	if want := []string{"alpha", "beta", "gamma"}; !slices.Equal(first, want) {
		t.Errorf("the first payload's strings became %q, want %q", first, want)
	}
	if want := []string{"ZZZZZZZZZZZZ", "YYYYYYYYYYYYYYYYYYYY", "Xé"}; !slices.Equal(second, want) {
		t.Errorf("the second payload's strings are %q, want %q", second, want)
	}
}
