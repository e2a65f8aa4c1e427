package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseJSONKeepsOrderAndOffsets(t *testing.T) {
	src := "{\n  \"b\": 1,\n  \"a\": [true, null, \"x\\u00e9\"]\n}"
	n, err := ParseJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n.Members[0].Name != "b" || n.Members[1].Name != "a" {
		t.Errorf("member order lost: %+v", n.Members)
	}
	arr := n.Get("a")
	if arr.Items[2].Str != "xé" {
		t.Errorf("escape decoded as %q", arr.Items[2].Str)
	}
	lines := NewLines([]byte(src))
	if line, col := lines.Position(arr.Offset); line != 3 || col != 8 {
		t.Errorf("array at %d:%d, want 3:8", line, col)
	}
	if line, col := lines.Position(n.Get("b").Offset); line != 2 || col != 8 {
		t.Errorf("number at %d:%d, want 2:8", line, col)
	}
}

func TestParseJSONErrors(t *testing.T) {
	cases := []struct {
		src, msg, pointer string
	}{
		{`{"a": 1,}`, "expecting a member name", ""},
		{`{"a": {"b": [1, ]}}`, "expecting a value", "/a/b/1"},
		{`{"a": 1 "b": 2}`, "expecting ',' or '}'", ""},
		{`{"a": 1, "a": 2}`, `duplicate member name "a"`, ""},
		{`[01]`, "expecting ',' or ']'", ""},
		{`"abc`, "end of input in a string", ""},
		{`{"x": tru}`, "expecting a value", "/x"},
		{`[1] [2]`, "after the top-level value", ""},
		{`{"a": "\q"}`, "invalid escape", "/a"},
		{`-`, "in a number", ""},
		{`1.`, "expecting a digit", ""},
		{"\"a\x01\"", "control character", ""},
		{``, "end of input", ""},
	}
	for _, c := range cases {
		_, err := ParseJSON([]byte(c.src))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: got %v, want a SyntaxError", c.src, err)
			continue
		}
		if !strings.Contains(se.Msg, c.msg) || se.Pointer != c.pointer {
			t.Errorf("%s: got %q at %q, want %q at %q", c.src, se.Msg, se.Pointer, c.msg, c.pointer)
		}
	}
}

func TestParseJSONDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+2) + strings.Repeat("]", maxDepth+2)
	if _, err := ParseJSON([]byte(deep)); err == nil || !strings.Contains(err.Error(), "nesting") {
		t.Errorf("deep nesting: %v", err)
	}
}

// FuzzParseJSON checks the parser against encoding/json: both accept or
// both reject (duplicate names aside, which only this parser rejects), and
// when both accept they read the same value.
func FuzzParseJSON(f *testing.F) {
	for _, seed := range []string{
		`{}`, `[]`, `null`, `true`, `-0.5e+10`, `"\ud83d\ude00"`, `"\ud800"`, `{"a":[1,{"b":null}]}`,
		`{"a":1,"a":2}`, `[1,]`, "\"\xff\"", `{"":""}`, ` 1 `, `1e999`, `"\u0000"`, `[[[[]]]]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := ParseJSON(data)
		var want any
		var stdErr error
		if !json.Valid(data) {
			stdErr = errors.New("invalid JSON")
		} else {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			stdErr = dec.Decode(&want)
		}
		if err != nil {
			if strings.Contains(err.Error(), "duplicate member name") || strings.Contains(err.Error(), "nesting deeper") {
				return
			}
			if stdErr == nil {
				t.Fatalf("ParseJSON rejects what encoding/json accepts: %q: %v", data, err)
			}
			return
		}
		if stdErr != nil {
			if strings.Contains(stdErr.Error(), "exceeded max depth") {
				return
			}
			t.Fatalf("ParseJSON accepts what encoding/json rejects: %q: %v", data, stdErr)
		}
		if got := n.Interface(); !reflect.DeepEqual(got, want) {
			t.Fatalf("values differ for %q:\n got %#v\nwant %#v", data, got, want)
		}
	})
}
