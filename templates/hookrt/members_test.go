package hookrt

import (
	"bytes"
	"slices"
	"testing"
)

// TestHasPrefixAt compares the word-at-a-time comparison with
// bytes.HasPrefix for every name length up to 24, a difference at each
// byte, and every offset.
func TestHasPrefixAt(t *testing.T) {
	for n := 0; n <= 24; n++ {
		q := make([]byte, n)
		for i := range q {
			q[i] = byte('a' + i)
		}
		for diff := -1; diff < n; diff++ {
			b := append([]byte("xy"), q...)
			b = append(b, "tail"...)
			if diff >= 0 {
				b[2+diff] ^= 0x20
			}
			for pos := 0; pos+n <= len(b); pos++ {
				if got, want := hkHasPrefixAt(b, pos, string(q)), bytes.HasPrefix(b[pos:], q); got != want {
					t.Fatalf("hkHasPrefixAt(%q, %d, %q) = %v, want %v", b, pos, q, got, want)
				}
			}
		}
	}
}

func FuzzHasPrefixAt(f *testing.F) {
	f.Add([]byte(`{"conversation_id":1}`), 1, `"conversation_id"`)
	f.Add([]byte(`{"id":1}`), 1, `"id"`)
	f.Fuzz(func(t *testing.T, b []byte, pos int, q string) {
		if pos < 0 || pos+len(q) > len(b) {
			return
		}
		if got, want := hkHasPrefixAt(b, pos, q), bytes.HasPrefix(b[pos:], []byte(q)); got != want {
			t.Fatalf("hkHasPrefixAt(%q, %d, %q) = %v, want %v", b, pos, q, got, want)
		}
	})
}

// TestUnevaluatedMembers: a struct closed by unevaluatedProperties: false
// reports each member it does not name at the member's own pointer (its
// name unescaped, then escaped as JSON Pointer says); one closed by
// additionalProperties: false reports them at the object.
func TestUnevaluatedMembers(t *testing.T) {
	in := []byte(`{"a": 1, "x": 2, "a\/b": 3, "y": {}}`)
	for _, c := range []struct {
		spec *hkObjectSpec
		want []string
	}{
		{hkUnevaluatedSpec([]string{"a"}, nil), []string{"unevaluatedProperties /obj/x", "unevaluatedProperties /obj/a~1b", "unevaluatedProperties /obj/y"}},
		{hkStructSpec([]string{"a"}, nil, true), []string{"additionalProperties /obj", "additionalProperties /obj", "additionalProperties /obj"}},
		{hkStructSpec([]string{"a"}, nil, false), nil},
	} {
		d := hkDecoder{data: in}
		root := (*hkPath)(nil)
		obj := root.field("obj")
		m, fp := d.members(c.spec, nil), obj.field("")
		var err error
		for m.next(&d, &fp, &err) {
			err = d.skip()
		}
		if err = m.end(&d, &fp, err); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range d.errs.list {
			got = append(got, v.Keyword+" "+v.Pointer)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// TestTupleBeyondEach: items after the allowed ones are each reported at
// their own pointer (2020-12 items: false, unevaluatedItems: false).
func TestTupleBeyondEach(t *testing.T) {
	d := hkDecoder{data: []byte(`["a", 1, [2], "b"]`)}
	root := (*hkPath)(nil)
	tp := root.field("pair")
	tu, fp := hkTupleItems(), tp.item(0)
	var err error
	for tu.next(&d, &fp, &err) {
		if tu.i == 0 {
			var s string
			err = d.readString(&fp, &s)
			continue
		}
		err = tu.beyondEach(&d, &fp, "unevaluatedItems")
	}
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range d.errs.list {
		got = append(got, v.Keyword+" "+v.Pointer)
	}
	if want := []string{"unevaluatedItems /pair/1", "unevaluatedItems /pair/2", "unevaluatedItems /pair/3"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
