package difftest

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/internal/difftest/shapes/shapes"
)

func init() {
	decoders["shapes"] = func(s string, d []byte) ([]byte, error) { return roundTrip(shapes.DecodeJSON(s, d)) }
}

// TestShapesDecodersAgreeWithEncodingJSON: what the shapes package decodes
// (sums told apart by members or by validation among them) is what
// encoding/json reads, for every payload and its mutants.
func TestShapesDecodersAgreeWithEncodingJSON(t *testing.T) {
	pls := shapePayloads(t)
	n := 0
	for _, name := range slices.Sorted(mapKeys(pls)) {
		schema := strings.SplitN(name, ".", 2)[0]
		if !decodeAgrees(t, "shapes", schema, name, pls[name]) {
			continue
		}
		n++
		var doc any
		dec := json.NewDecoder(bytes.NewReader(pls[name]))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range mutants(doc) {
			data, _ := json.Marshal(m.doc)
			if !decodeAgrees(t, "shapes", schema, name+" "+m.what, data) {
				break
			}
			n++
		}
	}
	t.Logf("%d payloads decode alike", n)
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestMemberSumsAllocateOnlyWhatTheyKeep: a sum whose variant the members
// name is decoded after a peek that allocates nothing: the payload costs
// the strings' block, the reviewers slice as append grows it (twice), one
// value per variant held (author, two reviewers, owner, location) and
// nothing else.
func TestMemberSumsAllocateOnlyWhatTheyKeep(t *testing.T) {
	data := []byte(`{"author":{"login":"a","id":1},"reviewers":[{"login":"u","id":2},{"slug":"s","id":3,"name":"S"}],"owner":{"slug":"o","id":5,"name":"O"},"location":{"path":"p"}}`)
	var m shapes.Members
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	got := testing.AllocsPerRun(50, func() {
		var m shapes.Members
		if err := m.UnmarshalJSON(data); err != nil {
			t.Fatal(err)
		}
	})
	if want := 1.0 + 2 + 2 + 1 + 1; got != want {
		t.Errorf("decoding allocates %v times, want %v", got, want)
	}
}
