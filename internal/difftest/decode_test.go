package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hookgen/hookgen/gen/agenticflow"
	"github.com/hookgen/hookgen/gen/aiinbox"
	"github.com/hookgen/hookgen/gen/peach"
	"github.com/hookgen/hookgen/gen/waagent"
	"github.com/hookgen/hookgen/internal/difftest/shapes/shapes"
)

// decoders decode with each package's generated DecodeJSON and re-encode
// with the generated encoder: the error holds the decode violations.
var decoders = map[string]func(schema string, data []byte) ([]byte, error){
	"peach":       func(s string, d []byte) ([]byte, error) { return roundTrip(peach.DecodeJSON(s, d)) },
	"aiinbox":     func(s string, d []byte) ([]byte, error) { return roundTrip(aiinbox.DecodeJSON(s, d)) },
	"agenticflow": func(s string, d []byte) ([]byte, error) { return roundTrip(agenticflow.DecodeJSON(s, d)) },
	"waagent":     func(s string, d []byte) ([]byte, error) { return roundTrip(waagent.DecodeJSON(s, d)) },
	"shapes":      func(s string, d []byte) ([]byte, error) { return roundTrip(shapes.DecodeJSON(s, d)) },
}

func roundTrip(v any, err error) ([]byte, error) {
	if _, ok := violationPointers(err); err != nil && !ok {
		return nil, err // malformed, or no such schema
	}
	out, merr := v.(json.Marshaler).MarshalJSON()
	if merr != nil {
		return nil, merr
	}
	return out, err
}

func generic(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// agree checks that every member the generated value kept equals the
// input's, as encoding/json read it; skip holds the pointers where the
// decoder reported a violation (nothing to compare there).
func agree(gen, ref any, path string, skip []string) string {
	for _, s := range skip {
		if path == s || strings.HasPrefix(path, s+"/") {
			return ""
		}
	}
	switch g := gen.(type) {
	case map[string]any:
		r, ok := ref.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: object, input has %T", path, ref)
		}
		for k, gv := range g {
			rv, ok := r[k]
			if !ok {
				return fmt.Sprintf("%s/%s: in the output, not in the input", path, k)
			}
			if msg := agree(gv, rv, path+"/"+k, skip); msg != "" {
				return msg
			}
		}
		return ""
	case []any:
		r, ok := ref.([]any)
		if !ok || len(r) != len(g) {
			return fmt.Sprintf("%s: array of %d, input has %v", path, len(g), ref)
		}
		for i := range g {
			if msg := agree(g[i], r[i], fmt.Sprintf("%s/%d", path, i), skip); msg != "" {
				return msg
			}
		}
		return ""
	case json.Number:
		r, ok := ref.(json.Number)
		if !ok {
			return fmt.Sprintf("%s: number, input has %v", path, ref)
		}
		gr, _ := new(big.Rat).SetString(string(g))
		rr, _ := new(big.Rat).SetString(string(r))
		if gr.Cmp(rr) == 0 {
			return ""
		}
		// A number read as float64 keeps float64's precision.
		rf, _ := strconv.ParseFloat(string(r), 64)
		gf, _ := strconv.ParseFloat(string(g), 64)
		if rf == gf {
			return ""
		}
		return fmt.Sprintf("%s: %s, input has %s", path, g, r)
	case string:
		r, ok := ref.(string)
		if !ok {
			return fmt.Sprintf("%s: string, input has %v", path, ref)
		}
		if g == r {
			return ""
		}
		gt, err1 := time.Parse(time.RFC3339Nano, g)
		rt, err2 := time.Parse(time.RFC3339Nano, r)
		if err1 == nil && err2 == nil && gt.Equal(rt) {
			return "" // the same instant, written the canonical way
		}
		return fmt.Sprintf("%s: %q, input has %q", path, g, r)
	default:
		if fmt.Sprint(gen) != fmt.Sprint(ref) {
			return fmt.Sprintf("%s: %v, input has %v", path, gen, ref)
		}
	}
	return ""
}

// decodeAgrees runs one payload through both decoders.
func decodeAgrees(t *testing.T, provider, schema, what string, data []byte) bool {
	t.Helper()
	out, err := decoders[provider](schema, data)
	ref, refErr := generic(data)
	if refErr != nil || !json.Valid(data) {
		if err == nil || func() bool { _, ok := violationPointers(err); return ok }() {
			t.Errorf("%s/%s %s: encoding/json rejects it (%v), the generated decoder does not", provider, schema, what, refErr)
			return false
		}
		return true
	}
	skip, isViolations := violationPointers(err)
	if err != nil && !isViolations {
		if strings.Contains(err.Error(), "nesting too deep") {
			return true // hookgen refuses nesting past 1000 levels on purpose
		}
		t.Errorf("%s/%s %s: the generated decoder rejects what encoding/json reads: %v", provider, schema, what, err)
		return false
	}
	gen, gerr := generic(out)
	if gerr != nil {
		t.Errorf("%s/%s %s: the generated encoder wrote invalid JSON %q: %v", provider, schema, what, out, gerr)
		return false
	}
	if msg := agree(gen, ref, "", skip); msg != "" {
		t.Errorf("%s/%s %s: %s\ninput: %s\noutput: %s", provider, schema, what, msg, data, out)
		return false
	}
	return true
}

func TestDecodersAgreeWithEncodingJSON(t *testing.T) {
	ps := providers(t)
	n := 0
	for _, pl := range payloads(t, ps, "valid", "invalid") {
		if decodeAgrees(t, pl.provider.name, pl.schema, pl.file, pl.data) {
			n++
		}
		var doc any
		dec := json.NewDecoder(bytes.NewReader(pl.data))
		dec.UseNumber()
		dec.Decode(&doc)
		for _, m := range mutants(doc) {
			data, _ := json.Marshal(m.doc)
			if !decodeAgrees(t, pl.provider.name, pl.schema, m.what, data) {
				return
			}
			n++
		}
	}
	// Inputs that stress the scanner, in every position of a real payload.
	tricky := []string{`"\u00e9\ud83d\ude00"`, `"\ud800"`, `"\udc00\ud800x"`, `"tab\tesc\\\"q"`, `"\u0000"`, "\"\xff\xfe\"",
		`1e2`, `-0`, `1.0`, `12345678901234567890`, `1e400`, `-1e-400`, `0.1e1`, `[[[[[]]]]]`, `{"a":{"a":{"a":1}}}`}
	for _, pl := range payloads(t, ps, "valid") {
		for _, tr := range tricky {
			data := bytes.Replace(pl.data, []byte(`"`), []byte(tr+`,"x`), 0)
			// Put the tricky value in place of the first string value.
			if i := bytes.Index(pl.data, []byte(`": "`)); i > 0 {
				j := bytes.IndexByte(pl.data[i+4:], '"')
				data = append(append(append([]byte{}, pl.data[:i+3]...), tr...), pl.data[i+4+j+1:]...)
			}
			if !decodeAgrees(t, pl.provider.name, pl.schema, "tricky "+tr, data) {
				return
			}
			n++
		}
		dup := bytes.Replace(pl.data, []byte("{"), []byte(`{"dup":1,"dup":"two",`), 1)
		if !decodeAgrees(t, pl.provider.name, pl.schema, "duplicate keys", dup) {
			return
		}
		deep := append(bytes.Repeat([]byte(`{"d":`), 1200), bytes.Repeat([]byte("}"), 1200)...)
		decodeAgrees(t, pl.provider.name, pl.schema, "deep nesting", deep)
		n += 2
	}
	t.Logf("%d payloads decode alike", n)
}

func fuzzDecode(f *testing.F, name string) {
	var p *provider
	for _, q := range providers(f) {
		if q.name == name {
			p = q
		}
	}
	for _, pl := range payloads(f, []*provider{p}, "valid", "invalid") {
		f.Add(pl.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, schema := range p.schemas {
			decodeAgrees(t, p.name, schema, "fuzz input", data)
		}
	})
}

func FuzzDecodePeach(f *testing.F)       { fuzzDecode(f, "peach") }
func FuzzDecodeAIInbox(f *testing.F)     { fuzzDecode(f, "aiinbox") }
func FuzzDecodeAgenticFlow(f *testing.F) { fuzzDecode(f, "agenticflow") }
func FuzzDecodeWAAgent(f *testing.F)     { fuzzDecode(f, "waagent") }
