package difftest

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/oracle"
	"github.com/hookgen/hookgen/internal/difftest/shapes/shapes"
	"github.com/hookgen/hookgen/internal/jsonnum"
)

// The shapes package (shapes/shapes, generated from shapes/schemas) holds
// one schema per JSON Schema shape hookgen types beyond the seed
// providers: unions by JSON type, allOf refinements merged into a struct,
// sums pinned by one-value enums, null-only values, draft-07 and 2019-09
// keywords. Its payloads and their mutants, and fuzz input, must get the
// verdict jsonschema/v5 gives.
//
// Pointers: under a oneOf/anyOf, hookgen reports the violations of the
// branch the value's JSON type or discriminator selects (or the
// oneOf/anyOf itself when none is); jsonschema/v5 also reports every other
// branch's failure, and the oracle (`hookgen validate`) keeps only what
// hookgen reports. So the pointers must be the same.

const shapesDir = "shapes"

func shapesProvider(t testing.TB) *provider {
	t.Helper()
	loaded, err := load.Load(filepath.Join(shapesDir, "schemas"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o, err := oracle.New(loaded[0])
	if err != nil {
		t.Fatal(err)
	}
	return &provider{name: "shapes", validate: shapes.ValidateJSON, schemas: shapes.Schemas, oracle: o}
}

// TestShapesUpToDate: the checked-in package is what hookgen generates
// from the schemas now (CI's hookgen check covers only schemas/ and gen/).
func TestShapesUpToDate(t *testing.T) {
	res, err := generator.Generate(generator.Options{Schemas: filepath.Join(shapesDir, "schemas"), Out: shapesDir, Testdata: ""})
	if err != nil {
		t.Fatal(err)
	}
	const fix = `go run ./cmd/hookgen generate --schemas internal/difftest/shapes/schemas --out internal/difftest/shapes --testdata ""`
	made := map[string]bool{}
	for _, f := range res.Files {
		made[filepath.FromSlash(f.Path)] = true
		disk, err := os.ReadFile(filepath.Join(shapesDir, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(disk, f.Content) {
			t.Errorf("%s is stale (%v): run %s", f.Path, err, fix)
		}
	}
	// A file generate no longer makes would still be compiled in.
	onDisk, _ := filepath.Glob(filepath.Join(shapesDir, "shapes", "*_gen.go"))
	for _, f := range onDisk {
		rel, _ := filepath.Rel(shapesDir, f)
		if !made[rel] {
			t.Errorf("%s is no longer generated: run %s", f, fix)
		}
	}
}

// wideNumbers are the shapes schemas whose every number is an integer the
// schema lets go beyond int64: the generated fields are uint64 or
// json.Number, which hold every value the schema allows exactly, so
// payloads with such numbers are compared too (elsewhere they are left
// aside, see jsonnum.OutsideGo).
var wideNumbers = map[string]bool{"bignums": true}

func compareShape(t *testing.T, p *provider, schema, what string, data []byte) bool {
	t.Helper()
	if (jsonnum.OutsideGo(data) && !wideNumbers[schema]) || hasDuplicateMember(data) {
		return true
	}
	got, want := generatedVerdict(p, schema, data), referenceVerdict(p, schema, data)
	ok := got.valid() == want.valid() && got.malformed == want.malformed
	if refusedType(p, schema, data) || unevaluatedCascade[schema] {
		// A value decoding refused for its type is its one violation:
		// the checks reading it (assertions, same-type branches) are
		// skipped, where v5 reports them too.
		for _, ptr := range got.pointers {
			ok = ok && slices.Contains(want.pointers, ptr)
		}
	} else {
		ok = ok && slices.Equal(got.pointers, want.pointers)
	}
	if !ok {
		t.Errorf("shapes/%s %s: generated code says %s, jsonschema/v5 says %s\n%s", schema, what, got, want, data)
	}
	return ok
}

// unevaluatedCascade are the shapes where v5, when a $ref'd or dynamic
// subschema fails, drops its annotations and so also reports the members
// it declared as "unevaluatedProperties" violations at the parent; the
// generated code reports only the failure itself (README: "Still raw
// JSON"), so there the verdicts must agree and the generated pointers be
// among v5's.
var unevaluatedCascade = map[string]bool{"dynamic": true, "recursive": true, "unevaluated": true, "unevaluated2019": true}

// TestShapesUnevaluated: members and items no keyword evaluated, which the
// mutants (that change and drop, never add) do not make: each is reported
// at its own pointer, as v5 does.
func TestShapesUnevaluated(t *testing.T) {
	p := shapesProvider(t)
	const base = `"id": 1, "kind": "a"`
	for _, c := range []struct {
		schema, in string
		valid      bool
	}{
		{"unevaluated", `{` + base + `, "score": 2, "name": "n", "meta": {"q": 1}}`, true},
		{"unevaluated", `{` + base + `, "other": 1}`, false},
		{"unevaluated", `{` + base + `, "other": 1, "more": {}, "a~b/c": null}`, false},
		{"unevaluated", `{` + base + `, "note": {"text": "t", "extra": 1}}`, false},
		{"unevaluated", `{` + base + `, "labels": {"a": "", "b": 2, "c": "ok"}}`, false},
		{"unevaluated", `{` + base + `, "pair": ["a", 1, 2, "x"]}`, false},
		{"unevaluated", `{` + base + `, "rest": ["a", 1, "x", 3.5]}`, false},
		{"unevaluated", `{` + base + `, "tags": ["a", "b", "c"]}`, true},
		{"unevaluated", `{` + base + `, "flags": [true, 1]}`, false},
		{"unevaluated", `{` + base + `, "raw": {"a": "s", "x-y": 1, "z": 2}}`, false},
		{"unevaluated", `{"kind": "a", "other": 1}`, false},
		{"unevaluated", `{` + base + `, "shape": {"r": 1}}`, true},
		{"unevaluated", `{` + base + `, "shape": {"r": 1, "x": 2}}`, false},
		{"unevaluated", `{` + base + `, "shape": {"w": 1, "h": 2, "r": 3}}`, false},
		{"unevaluated", `{` + base + `, "shape": {"h": 2}}`, false},
		{"unevaluated2019", `{"at": "x", "by": "me", "zz": 1}`, false},
		{"unevaluated2019", `{"at": "x", "pair": ["a", true, false]}`, false},
		{"unevaluated2019", `{"at": "x", "open": ["a", 1, 2, 3]}`, true},
		{"unevaluated2019", `{"at": "x", "closed": {"x": 1, "y": 2}}`, false},
		{"unevaluated2019", `{"by": "me"}`, false},
	} {
		if got := generatedVerdict(p, c.schema, []byte(c.in)); got.valid() != c.valid {
			t.Errorf("%s %s: generated code says %s", c.schema, c.in, got)
		}
		// Where no allOf part fails, v5 reports nothing more: the
		// pointers are the same.
		got, want := generatedVerdict(p, c.schema, []byte(c.in)), referenceVerdict(p, c.schema, []byte(c.in))
		if !slices.Equal(got.pointers, want.pointers) {
			t.Errorf("%s %s: generated code says %s, jsonschema/v5 says %s", c.schema, c.in, got, want)
		}
	}
}

// refusedType reports whether the generated code refused a value of data
// for its type (a "type" violation).
func refusedType(p *provider, schema string, data []byte) bool {
	var ve *shapes.ValidationError
	if err := p.validate(schema, data); errors.As(err, &ve) {
		for _, v := range ve.Violations {
			if v.Keyword == "type" {
				return true
			}
		}
	}
	return false
}

// TestShapesWideIntegers: a valid payload holding a uint64 hash above
// MaxInt64 (and signed integers wider than 64 bits) is valid, decodes to
// the digits it holds, and encodes back to them.
func TestShapesWideIntegers(t *testing.T) {
	p := shapesProvider(t)
	data := []byte(`{"hash": 18446744073709551615, "sequence": 9223372036854775810, "balance": -99999999999999999999999999999}`)
	if got := generatedVerdict(p, "bignums", data); !got.valid() {
		t.Fatalf("generated code rejects a valid payload: %s", got)
	}
	var v shapes.Bignums
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"hash":18446744073709551615,"sequence":9223372036854775810,"balance":-99999999999999999999999999999}`; string(out) != want {
		t.Errorf("encoded %s, want %s", out, want)
	}
	for _, bad := range []string{`{"hash": 18446744073709551616}`, `{"hash": -1}`, `{"hash": 1.5}`, `{"hash": 1, "sequence": 3}`,
		`{"hash": 1, "balance": 100000000000000000000000000001}`, `{"hash": 1, "balance": 0.5}`,
		// The refused 1e26 is held as 0, which must not make it equal to the
		// other item for uniqueItems (the fuzzer's find).
		`{"hash": 1, "hashes": [1e26, 0]}`} {
		if got := generatedVerdict(p, "bignums", []byte(bad)); got.valid() {
			t.Errorf("%s: generated code accepts it", bad)
		}
		compareShape(t, p, "bignums", bad, []byte(bad))
	}
}

// TestShapesOpenEnums: unknown values of an open enum are valid under
// anyOf; under oneOf a listed value matches both branches, and both sides
// reject it.
func TestShapesOpenEnums(t *testing.T) {
	p := shapesProvider(t)
	for in, valid := range map[string]bool{
		`{"status": "anything"}`:                 true,
		`{"status": "done", "legacy": "b"}`:      false,
		`{"status": "done", "legacy": "z"}`:      true,
		`{"status": "done", "mode": "other"}`:    false,
		`{"status": 3}`:                          false,
		`{"status": "x", "tags": ["bug", null]}`: false,
		`{"status": "x", "color": "blue"}`:       true,
		`{"status": "x", "color": ["red"]}`:      false,
	} {
		if got := generatedVerdict(p, "enums", []byte(in)); got.valid() != valid {
			t.Errorf("%s: generated code says %s", in, got)
		}
		compareShape(t, p, "enums", in, []byte(in))
	}
}

// TestShapesIntegerOrNumber: oneOf of an integer and a number branch
// fails where both match (1, 1.0, 4), anyOf where neither does, as in v5.
func TestShapesIntegerOrNumber(t *testing.T) {
	p := shapesProvider(t)
	for in, valid := range map[string]bool{
		`{"exactly": 4}`:    false,
		`{"exactly": 4.0}`:  false,
		`{"exactly": -3}`:   false,
		`{"exactly": 3}`:    true,
		`{"exactly": -2}`:   true,
		`{"exactly": 0.5}`:  true,
		`{"fraction": 1}`:   false,
		`{"fraction": 1.5}`: true,
		`{"either": 7}`:     false,
		`{"either": 7.5}`:   false,
		`{"either": 1e3}`:   true,
		`{"score": 11}`:     false,
		`{"score": 1}`:      true,
		`{"score": 0.999}`:  true,
		`{"score": "1"}`:    false,
		`{"both": 100.5}`:   false,
	} {
		if got := generatedVerdict(p, "numbers", []byte(in)); got.valid() != valid {
			t.Errorf("%s: generated code says %s", in, got)
		}
		compareShape(t, p, "numbers", in, []byte(in))
	}
}

func shapePayloads(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(shapesDir, "payloads", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no shape payloads: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = data
	}
	return out
}

func TestShapesMutants(t *testing.T) {
	p := shapesProvider(t)
	n, invalid := 0, 0
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range shapePayloads(t) {
			if !yield(k) {
				return
			}
		}
	})
	pls := shapePayloads(t)
	for _, name := range names {
		schema := strings.SplitN(name, ".", 2)[0]
		if !compareShape(t, p, schema, name, pls[name]) {
			continue
		}
		if !referenceVerdict(p, schema, pls[name]).valid() {
			t.Errorf("%s: the seed payload is invalid", name)
		}
		var doc any
		dec := json.NewDecoder(bytes.NewReader(pls[name]))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range mutants(doc) {
			data, err := json.Marshal(m.doc)
			if err != nil {
				t.Fatal(err)
			}
			compareShape(t, p, schema, name+" "+m.what, data)
			n++
			if !referenceVerdict(p, schema, data).valid() {
				invalid++
			}
		}
	}
	if n < 500 || invalid == 0 {
		t.Fatalf("only %d mutants (%d invalid)", n, invalid)
	}
	t.Logf("%d mutants agree (%d invalid)", n, invalid)
}

func FuzzShapes(f *testing.F) {
	p := shapesProvider(f)
	for _, data := range shapePayloads(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, schema := range p.schemas {
			compareShape(t, p, schema, "fuzz input", data)
		}
	})
}

// TestShapesDecodeAgree: the shapes package's decoders and encoders read
// and write what encoding/json does, for the seed payloads and their
// mutants.
func TestShapesDecodeAgree(t *testing.T) {
	n := 0
	for name, data := range shapePayloads(t) {
		schema := strings.SplitN(name, ".", 2)[0]
		if decodeAgrees(t, "shapes", schema, name, data) {
			n++
		}
		var doc any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range mutants(doc) {
			mut, _ := json.Marshal(m.doc)
			if decodeAgrees(t, "shapes", schema, name+" "+m.what, mut) {
				n++
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d payloads decode alike", n)
	}
	t.Logf("%d payloads decode alike", n)
}

// TestAssertionPointersExact: for the shapes whose checks report at the
// leaves as jsonschema/v5 does (assertions beside properties, same-type
// oneOf/anyOf, merged allOf), the pointers are v5's exactly, not only
// among them, except where decoding refused a value for its type (a
// "type" violation): that is the value's one violation, and the checks
// reading it are skipped.
func TestAssertionPointersExact(t *testing.T) {
	p := shapesProvider(t)
	exact := map[string]bool{"contact": true, "dependencies": true, "status": true, "events": true, "nested": true}
	n, skipped := 0, 0
	for name, data := range shapePayloads(t) {
		schema := strings.SplitN(name, ".", 2)[0]
		if !exact[schema] {
			continue
		}
		var doc any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range mutants(doc) {
			mut, _ := json.Marshal(m.doc)
			if jsonnum.OutsideGo(mut) {
				continue
			}
			var refused bool
			err := p.validate(schema, mut)
			var ve *shapes.ValidationError
			if errors.As(err, &ve) {
				for _, v := range ve.Violations {
					refused = refused || v.Keyword == "type"
				}
			}
			if refused {
				skipped++
				continue
			}
			got, want := generatedVerdict(p, schema, mut), referenceVerdict(p, schema, mut)
			if !slices.Equal(got.pointers, want.pointers) {
				t.Errorf("shapes/%s %s %s: generated code says %s, jsonschema/v5 says %s\n%s", schema, name, m.what, got, want, mut)
			}
			n++
		}
	}
	if n < 200 {
		t.Fatalf("only %d mutants compared", n)
	}
	t.Logf("%d mutants get v5's pointers exactly (%d with a refused value left out)", n, skipped)
}

// TestShapesDateTimeText: a date-time whose pattern, length or enum reads
// its text is checked on the text as received; time.Time, which would
// write "+00:00" as "Z", dropped those checks once.
func TestShapesDateTimeText(t *testing.T) {
	p := shapesProvider(t)
	for in, valid := range map[string]bool{
		`{"at": "2024-05-01T10:00:00Z", "utc": "2024-05-01T08:00:00Z"}`:          true,
		`{"at": "2024-05-01T10:00:00Z", "utc": "2024-05-01T08:00:00+00:00"}`:     false,
		`{"at": "2024-05-01T10:00:00Z", "utc": "2024-05-01T08:00:00.000000Z"}`:   false,
		`{"at": "2024-05-01T10:00:00Z", "utc": "2024-05-01TZ"}`:                  false,
		`{"at": "2024-05-01T10:00:00Z", "epoch": "1970-01-01T00:00:00+00:00"}`:   true,
		`{"at": "2024-05-01T10:00:00Z", "epoch": "1970-01-01T01:00:00+01:00"}`:   false,
		`{"at": "2024-05-01T10:00:00+02:00", "epoch": "1970-01-01T00:00:00.0Z"}`: false,
		`{"at": "not a date", "utc": "2024-05-01T08:00:00Z"}`:                    false,
	} {
		if got := generatedVerdict(p, "datetimes", []byte(in)); got.valid() != valid {
			t.Errorf("%s: generated code says %s", in, got)
		}
		compareShape(t, p, "datetimes", in, []byte(in))
	}
}

// TestShapesRepeatedMembers: a member given twice is its last value, as
// encoding/json reads it and jsonschema/v5 judges it: what the earlier
// value broke is not reported (it was, once, in structs and maps).
func TestShapesRepeatedMembers(t *testing.T) {
	p := shapesProvider(t)
	for _, c := range []struct {
		schema, in string
		valid      bool
	}{
		{"datetimes", `{"at": "not a date", "at": "2024-05-01T10:00:00Z"}`, true},
		{"datetimes", `{"at": "2024-05-01T10:00:00Z", "at": 7}`, false},
		{"maps_keys", `{"labels": {"a": "", "a": "x"}}`, true},
		{"maps_keys", `{"labels": {"a": "x", "a": ""}}`, false},
		{"maps_keys", `{"labels": {"a": 1, "a": "x"}}`, true},
	} {
		if got := generatedVerdict(p, c.schema, []byte(c.in)); got.valid() != c.valid {
			t.Errorf("%s %s: generated code says %s", c.schema, c.in, got)
		}
		compareShape(t, p, c.schema, c.in, []byte(c.in))
	}
}
