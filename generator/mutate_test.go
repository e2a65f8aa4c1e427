package generator_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hookgen/hookgen/generator/diag"
)

// The schema-mutation fuzzer (issue 16). It takes seed schema sets (the
// provider folders in schemas/, the schemas of every golden case in
// testdata/, and the cases of robust_test.go), applies a few random
// mutations chosen for what broke the generator before (hostile strings,
// reserved names, recursion through $ref, deep nesting, numbers beyond the
// Go types, reserved file and package names), and checks that generate
// either refuses with diagnostics that all name file:line:col, or emits
// code that type-checks (go/types, in process). TestMutantsVet builds and
// vets a sample with the go command.
//
//	go test ./generator -run '^$' -fuzz FuzzMutate -fuzztime 10m
//
// Its seed corpus (every seed set with a few mutation seeds each) runs in
// every go test.

// seedSet is one schemas folder: path ("provider/file.json") → content.
type seedSet struct {
	name  string
	files map[string]string
}

var (
	seedsOnce sync.Once
	seedSets  []seedSet
)

// seeds collects the seed sets once: each provider of schemas/, each
// golden case's schemas/ section, each case of robust_test.go small
// enough to mutate quickly.
func seeds(t testing.TB) []seedSet {
	seedsOnce.Do(func() {
		provs, _ := filepath.Glob("../schemas/*")
		slices.Sort(provs)
		for _, dir := range provs {
			names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
			if len(names) == 0 {
				continue
			}
			files := map[string]string{}
			for _, n := range names {
				data, err := os.ReadFile(n)
				if err == nil {
					files[filepath.Base(dir)+"/"+filepath.Base(n)] = string(data)
				}
			}
			seedSets = append(seedSets, seedSet{name: "schemas/" + filepath.Base(dir), files: files})
		}
		cases, _ := filepath.Glob("testdata/*.txtar")
		slices.Sort(cases)
		for _, c := range cases {
			raw, err := os.ReadFile(c)
			if err != nil {
				continue
			}
			files := map[string]string{}
			for _, f := range parseArchive(string(raw)).section("schemas/") {
				files[strings.TrimPrefix(f.name, "schemas/")] = f.data
			}
			seedSets = append(seedSets, seedSet{name: filepath.Base(c), files: files})
		}
		small := func(files map[string]string) bool {
			n := 0
			for _, d := range files {
				n += len(d)
			}
			return n < 20000
		}
		for _, c := range refusals {
			if small(c.files) {
				seedSets = append(seedSets, seedSet{name: "refusal " + c.name, files: c.files})
			}
		}
		for _, c := range builds {
			if small(c.files) {
				seedSets = append(seedSets, seedSet{name: "build " + c.name, files: c.files})
			}
		}
	})
	if len(seedSets) == 0 {
		t.Fatal("no seed schemas found")
	}
	return seedSets
}

// Pools the mutations draw from: what broke generated code before.
var (
	mutStrings = []string{"", "-", "_", "validate", "event_type", "marshal_json", "unmarshal_json", "type", "raw", "日本",
		"a,b", "x\n*/ Injected int /*", "nul\x00", "bom\ufeff", "back`quote", "*/", "main", "doc", "hookgen_events",
		"Optional", "Event", "Parse", "hk_skip", "$ref", "#", "date-time", "email"}
	mutNumbers = []string{"1e400", "-1e400", "1e-400", "123456789012345678901234567890", "1.5", "0", "-1", "9223372036854775808"}
	mutFiles   = []string{"doc.json", "unknown.json", "hookgen_x.json", "hookgen_runtime_x.json", "_.json", "a.b.json", "a_b.json", "日本.json", "main.json", "x\ny.json"}
	mutFolders = []string{"main", "type", "_", "日本", "a-b"}
)

// mutate applies one or two random mutations to a copy of files (more
// and nearly every mutant is refused, so the code paths past the model
// would hardly be exercised).
func mutate(files map[string]string, rng *rand.Rand) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[k] = v
	}
	for range 1 + rng.Intn(2) {
		names := sortedKeys(out)
		name := names[rng.Intn(len(names))]
		switch op := rng.Intn(10); {
		case op == 0: // rename a file
			dir := path.Dir(name)
			nn := dir + "/" + mutFiles[rng.Intn(len(mutFiles))]
			if _, taken := out[nn]; !taken && !strings.HasSuffix(name, "/hookgen.json") {
				out[nn] = out[name]
				delete(out, name)
			}
		case op == 1: // rename the provider folder
			folder := mutFolders[rng.Intn(len(mutFolders))]
			renamed := map[string]string{}
			for k, v := range out {
				renamed[folder+"/"+path.Base(k)] = v
			}
			out = renamed
		default:
			var doc any
			dec := json.NewDecoder(strings.NewReader(out[name]))
			dec.UseNumber()
			if dec.Decode(&doc) != nil {
				continue
			}
			doc = mutateValue(doc, rng)
			data, err := json.Marshal(doc)
			if err == nil {
				out[name] = string(data)
			}
		}
	}
	return out
}

// mutateValue changes one randomly chosen place in a JSON value.
func mutateValue(doc any, rng *rand.Rand) any {
	// Every place in the document, as a path of member keys and indexes.
	type step struct {
		key   string
		index int
	}
	var paths [][]step
	var collect func(v any, p []step)
	collect = func(v any, p []step) {
		paths = append(paths, slices.Clone(p))
		switch x := v.(type) {
		case map[string]any:
			for _, k := range sortedAnyKeys(x) {
				collect(x[k], append(p, step{key: k, index: -1}))
			}
		case []any:
			for i, it := range x {
				collect(it, append(p, step{index: i}))
			}
		}
	}
	collect(doc, nil)
	target := paths[rng.Intn(len(paths))]
	get := func(root any, p []step) any {
		v := root
		for _, s := range p {
			if s.index < 0 {
				v = v.(map[string]any)[s.key]
			} else {
				v = v.([]any)[s.index]
			}
		}
		return v
	}
	set := func(root any, p []step, nv any) any {
		if len(p) == 0 {
			return nv
		}
		parent := get(root, p[:len(p)-1])
		last := p[len(p)-1]
		if last.index < 0 {
			parent.(map[string]any)[last.key] = nv
		} else {
			parent.([]any)[last.index] = nv
		}
		return root
	}
	cur := get(doc, target)
	switch rng.Intn(9) {
	case 0: // a hostile or reserved string, where a string was (most keep the schema valid)
		if _, ok := cur.(string); ok || rng.Intn(4) == 0 {
			return set(doc, target, mutStrings[rng.Intn(len(mutStrings))])
		}
		return doc
	case 1: // a number beyond the Go types, where a number was
		if _, ok := cur.(json.Number); ok || rng.Intn(4) == 0 {
			return set(doc, target, json.Number(mutNumbers[rng.Intn(len(mutNumbers))]))
		}
		return doc
	case 2: // rename a member
		if m, ok := cur.(map[string]any); ok && len(m) > 0 {
			keys := sortedAnyKeys(m)
			k := keys[rng.Intn(len(keys))]
			nk := mutStrings[rng.Intn(len(mutStrings))]
			if _, taken := m[nk]; !taken {
				m[nk] = m[k]
				delete(m, k)
			}
		}
		return doc
	case 3: // delete a member
		if m, ok := cur.(map[string]any); ok && len(m) > 0 {
			keys := sortedAnyKeys(m)
			delete(m, keys[rng.Intn(len(keys))])
		}
		return doc
	case 4: // refer back: to the root or to a $defs entry
		ref := "#"
		if root, ok := doc.(map[string]any); ok {
			if defs, ok := root["$defs"].(map[string]any); ok && len(defs) > 0 {
				keys := sortedAnyKeys(defs)
				if rng.Intn(2) == 0 {
					ref = "#/$defs/" + strings.ReplaceAll(strings.ReplaceAll(keys[rng.Intn(len(keys))], "~", "~0"), "/", "~1")
				}
			}
		}
		return set(doc, target, map[string]any{"$ref": ref})
	case 5: // wrap in a union, with itself or with null
		kw := []string{"anyOf", "oneOf", "allOf"}[rng.Intn(3)]
		other := any(map[string]any{"type": "null"})
		if rng.Intn(2) == 0 {
			other = map[string]any{"$ref": "#"}
		}
		return set(doc, target, map[string]any{kw: []any{cur, other}})
	case 6: // nest in arrays, maps or objects, up to 40 deep
		v := cur
		for range 1 + rng.Intn(40) {
			switch rng.Intn(3) {
			case 0:
				v = map[string]any{"type": "array", "items": v}
			case 1:
				v = map[string]any{"type": []any{"object", "null"}, "additionalProperties": v}
			default:
				v = map[string]any{"type": "object", "properties": map[string]any{"a": v}}
			}
		}
		return set(doc, target, v)
	case 7: // make a value a property of itself (a struct containing itself)
		if m, ok := cur.(map[string]any); ok {
			props, _ := m["properties"].(map[string]any)
			if props == nil {
				props = map[string]any{}
				m["properties"] = props
			}
			props["self"] = map[string]any{"$ref": "#"}
			if rng.Intn(2) == 0 {
				m["required"] = []any{"self"}
			}
		}
		return doc
	default: // copy another place here
		other := get(doc, paths[rng.Intn(len(paths))])
		data, _ := json.Marshal(other)
		var cp any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if dec.Decode(&cp) != nil {
			return doc
		}
		return set(doc, target, cp)
	}
}

func sortedAnyKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// checkMutant generates files and checks the property: refused with every
// diagnostic positioned, or output that type-checks. It returns the
// output when there is some.
func checkMutant(t testing.TB, files map[string]string) map[string]string {
	t.Helper()
	out, err := runCase(t, files)
	if err != nil {
		var de *diag.Error
		if !errors.As(err, &de) {
			t.Fatalf("not positioned diagnostics but %T: %v\ninput:\n%s", err, err, dump(files))
		}
		for _, d := range de.Diagnostics {
			if d.Pos.File == "" || d.Pos.Line == 0 {
				t.Fatalf("diagnostic without file:line:col: %s\ninput:\n%s", d, dump(files))
			}
		}
		return nil
	}
	if msg := typeCheck(out); msg != "" {
		t.Fatalf("generated code does not type-check: %s\ninput:\n%s", msg, dump(files))
	}
	return out
}

func dump(files map[string]string) string {
	var b strings.Builder
	for _, k := range sortedKeys(files) {
		v := files[k]
		if len(v) > 4000 {
			v = v[:4000] + "…"
		}
		fmt.Fprintf(&b, "-- %q --\n%s\n", k, v)
	}
	return b.String()
}

var (
	checkMu   sync.Mutex
	checkFset = token.NewFileSet()
	checkImp  types.Importer
)

// typeCheck type-checks each generated package (tests left out) with
// go/types, importing the standard library from source; "" when it is
// fine. Much cheaper than the go command, so every mutant gets it.
func typeCheck(out map[string]string) string {
	checkMu.Lock()
	defer checkMu.Unlock()
	if checkImp == nil {
		checkImp = importer.ForCompiler(checkFset, "source", nil)
	}
	pkgs := map[string][]*ast.File{}
	for _, name := range sortedKeys(out) {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(checkFset, name, out[name], 0)
		if err != nil {
			return err.Error()
		}
		pkgs[path.Dir(name)] = append(pkgs[path.Dir(name)], f)
	}
	for dir, files := range pkgs {
		var first error
		conf := types.Config{Importer: checkImp, Error: func(err error) {
			if first == nil {
				first = err
			}
		}}
		conf.Check(dir, checkFset, files, nil)
		if first != nil {
			return first.Error()
		}
	}
	return ""
}

// warmTypeCheck imports, once, the standard packages generated code and
// its runtime use, so that no single fuzz input pays for type-checking
// them from source (the fuzzing engine takes a slow input for a hang).
func warmTypeCheck() {
	checkMu.Lock()
	defer checkMu.Unlock()
	if checkImp == nil {
		checkImp = importer.ForCompiler(checkFset, "source", nil)
	}
	for _, p := range []string{"bytes", "context", "encoding/binary", "encoding/json", "errors", "fmt", "math", "math/big",
		"math/bits", "net", "net/mail", "net/url", "regexp", "regexp/syntax", "slices", "sort", "strconv", "strings",
		"sync", "time", "unicode", "unicode/utf16", "unicode/utf8"} {
		checkImp.Import(p)
	}
}

// fuzzSeeds is how many mutation seeds each seed set gets in the corpus
// that runs in every go test.
const fuzzSeeds = 3

// FuzzMutate: input (which seed set, which mutation seed). The seed corpus
// is every seed set unmutated (mutation seed 0) and mutated with a few
// fixed seeds.
func FuzzMutate(f *testing.F) {
	sets := seeds(f)
	for i := range sets {
		for s := range fuzzSeeds + 1 {
			f.Add(uint16(i), uint64(s))
		}
	}
	warmTypeCheck()
	f.Fuzz(func(t *testing.T, set uint16, seed uint64) {
		ss := sets[int(set)%len(sets)]
		files := ss.files
		if seed != 0 {
			files = mutate(files, rand.New(rand.NewSource(int64(seed))))
		}
		checkMutant(t, files)
	})
}

// TestMutantsVet builds and vets, with the go command, the first mutants
// (by seed) of each seed set that generate: a sample, as vetting every
// mutant would take minutes.
func TestMutantsVet(t *testing.T) {
	sets := seeds(t)
	m := newModule(t)
	n := 0
	for i, ss := range sets {
		if i%8 != 0 {
			continue // an eighth of the seed sets: each package costs seconds to compile
		}
		for seed := int64(1); seed <= 20; seed++ {
			files := mutate(ss.files, rand.New(rand.NewSource(seed)))
			if out := checkMutant(t, files); out != nil {
				m.add(t, fmt.Sprintf("m%d", i), out)
				n++
				break
			}
		}
	}
	if n == 0 {
		t.Fatal("no mutant generated; the sample would vet nothing")
	}
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	m.buildAndVet(t)
}
