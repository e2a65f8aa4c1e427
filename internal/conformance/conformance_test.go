package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/hookgen/hookgen/internal/jsonnum"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator"
	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/model"
	"github.com/hookgen/hookgen/generator/output"
)

var update = flag.Bool("update", false, "rewrite testdata/conformance.md with the results of this run")

// formatFiles are the suite's optional/format files: one per format
// hookgen asserts, and unknown.json, a format no draft defines, which
// must stay an annotation.
var formatFiles = []string{
	"date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
	"uri", "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer", "relative-json-pointer",
	"regex", "ecmascript-regex", "uuid", "unknown",
}

// draft is one draft of the suite: its folder of tests, the $schema its
// groups are generated with, and the provider folder (one Go package) its
// groups go into, so that the drafts compile in parallel.
type draft struct {
	Dir, Label, Schema, Provider, Prefix string
}

var drafts = []draft{
	{"draft2020-12", "2020-12", "https://json-schema.org/draft/2020-12/schema", "s2020", "a"},
	{"draft2019-09", "2019-09", "https://json-schema.org/draft/2019-09/schema", "s2019", "b"},
	{"draft7", "draft-07", "http://json-schema.org/draft-07/schema#", "s07", "c"},
}

// annotate is the provider of the required format.json groups, which test
// formats as annotations: its manifest says "formats": "annotate".
const annotate = "annotate"

type group struct {
	Name        string // a001... (2020-12), b001... (2019-09), c001... (draft-07)
	Draft       draft
	Provider    string          // the provider folder it is generated in
	File        string          // "type.json", "optional/format/email.json"
	Required    bool            // from a required file
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Description string          `json:"description"`
		Data        json.RawMessage `json:"data"`
		Valid       bool            `json:"valid"`
	} `json:"tests"`
	Refused string // why hookgen does not take this group; "" when it does
	Failed  []string
	Passed  int
}

// suiteDir is the copy of the suite this repository carries (the files
// hookgen is measured on, see testdata/jsonschema-test-suite), so a fresh
// machine runs the test without fetching anything. HOOKGEN_TEST_SUITE
// points it at another checkout, e.g. a newer suite.
func suiteDir(t *testing.T) string {
	dir := os.Getenv("HOOKGEN_TEST_SUITE")
	if dir == "" {
		dir = filepath.Join("..", "..", "testdata", "jsonschema-test-suite")
	}
	for _, d := range drafts {
		if _, err := os.Stat(filepath.Join(dir, "tests", d.Dir)); err != nil {
			t.Fatalf("the JSON Schema Test Suite is not at %s (set HOOKGEN_TEST_SUITE): %v", dir, err)
		}
	}
	return dir
}

func readGroups(t *testing.T, suite string, d draft) []*group {
	dir := filepath.Join(suite, "tests", d.Dir)
	var files []string
	required, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	slices.Sort(required)
	files = append(files, required...)
	for _, f := range formatFiles {
		file := filepath.Join(dir, "optional", "format", f+".json")
		if _, err := os.Stat(file); err == nil { // not every draft has every format
			files = append(files, file)
		}
	}
	var groups []*group
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var gs []*group
		if err := json.Unmarshal(data, &gs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		rel, _ := filepath.Rel(dir, f)
		for _, g := range gs {
			g.File = filepath.ToSlash(rel)
			g.Required = !strings.HasPrefix(g.File, "optional/")
			g.Name = fmt.Sprintf("%s%03d", d.Prefix, len(groups)+1)
			g.Draft = d
			g.Provider = d.Provider
			if g.File == "format.json" {
				g.Provider = annotate
			}
			groups = append(groups, g)
		}
	}
	return groups
}

// prepare rewrites a group's schema for its place among the others: every
// $defs entry gets an x-go-name prefixed with the group's name, so that
// groups defining the same names do not clash in the one package. x-
// keywords do not change what a schema accepts.
func prepare(g *group) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(g.Schema))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	n := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, kw := range []string{"$defs", "definitions"} {
				if defs, ok := v[kw].(map[string]any); ok {
					for _, name := range sortedKeys(defs) {
						if m, ok := defs[name].(map[string]any); ok {
							n++
							m["x-go-name"] = fmt.Sprintf("%s%sDef%d%s", strings.ToUpper(g.Name[:1]), g.Name[1:], n, goSafe(name))
						}
					}
				}
			}
			for _, k := range sortedKeys(v) {
				walk(v[k])
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(v)
	if m, ok := v.(map[string]any); ok && m["$schema"] == nil && g.Draft.Label != "2020-12" {
		m["$schema"] = g.Draft.Schema // the draft decides what the keywords mean
	}
	return json.MarshalIndent(v, "", "  ")
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

var ident = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)

// goSafe spells a $defs key as part of a Go name, one to one: plain names
// as they are, anything else in hex.
func goSafe(s string) string {
	if ident.MatchString(s) {
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return fmt.Sprintf("Hex_%x", s) // "_" never occurs in the plain names
}

var groupFile = regexp.MustCompile(`schemas/[a-z0-9]+/([a-c]\d+)\.json`)

// generate writes the accepted groups' schemas and generates them as one
// package, refusing every group the generator reports a problem in (with
// its first message as the reason) and trying again without them.
func generate(t *testing.T, work string, groups []*group, remotes []load.Remote) []*model.Package {
	byName := map[string]*group{}
	for _, g := range groups {
		byName[g.Name] = g
	}
	reaches := remotesReached(t, groups, remotes)
	schemas := filepath.Join(work, "schemas")
	for attempt := 0; attempt < 10; attempt++ {
		os.RemoveAll(schemas)
		os.MkdirAll(filepath.Join(schemas, annotate), 0o755)
		os.WriteFile(filepath.Join(schemas, annotate, load.ManifestName), []byte(`{"formats": "annotate"}`), 0o644)
		for _, g := range groups {
			if g.Refused != "" {
				continue
			}
			data, err := prepare(g)
			if err != nil {
				g.Refused = "schema is not JSON: " + err.Error()
				continue
			}
			os.MkdirAll(filepath.Join(schemas, g.Provider), 0o755)
			os.WriteFile(filepath.Join(schemas, g.Provider, g.Name+".json"), data, 0o644)
		}
		res, err := generator.Generate(generator.Options{Schemas: "schemas", TypesOnly: true, Remotes: remotes})
		var de *diag.Error
		if errors.As(err, &de) {
			refused := 0
			for _, d := range de.Diagnostics {
				var culprits []*group
				if m := groupFile.FindStringSubmatch(filepath.ToSlash(d.Pos.File)); m != nil && byName[m[1]] != nil {
					culprits = append(culprits, byName[m[1]])
				}
				for _, g := range groups { // a problem in a remote document: refuse the groups that reach it
					if slices.Contains(reaches[g.Name], d.Pos.File) {
						culprits = append(culprits, g)
					}
				}
				if len(culprits) == 0 {
					t.Fatalf("a problem outside any group: %s", d)
				}
				for _, g := range culprits {
					if g.Refused == "" {
						g.Refused = reason(d)
						refused++
					}
				}
			}
			if refused == 0 {
				t.Fatalf("generation fails without naming a group: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := output.Write("gen", res.Files, res.Scope); err != nil {
			t.Fatal(err)
		}
		return res.Packages
	}
	t.Fatal("generation did not settle after 10 rounds of refusals")
	return nil
}

// reason turns a diagnostic into a refusal reason without file positions.
func reason(d diag.Diagnostic) string {
	msg := d.Msg
	if d.Kind == diag.Unsupported {
		msg = "unsupported: " + msg
	}
	msg = regexp.MustCompile(`\(hookgen asserts [^)]*\)`).ReplaceAllString(msg, "")
	if i := strings.Index(filepath.ToSlash(d.Pos.File), "/remotes/"); i >= 0 {
		msg = "in " + filepath.ToSlash(d.Pos.File)[i+1:] + ": " + msg
	}
	msg = regexp.MustCompile(`schemas/[a-z0-9]+/[a-c]\d+\.json(:\d+:\d+)?`).ReplaceAllString(msg, "the schema")
	msg = regexp.MustCompile(`file:///[a-z0-9]+/[a-c]\d+\.json`).ReplaceAllString(msg, "the schema")
	msg = regexp.MustCompile(`\S*/remotes/`).ReplaceAllString(msg, "remotes/")
	return strings.TrimSpace(msg)
}

// remotesReached loads each group that names the suite's remote server on
// its own and records the remote documents it reaches (their paths), so
// that a problem in one refuses exactly the groups that use it.
func remotesReached(t *testing.T, groups []*group, remotes []load.Remote) map[string][]string {
	out := map[string][]string{}
	for _, g := range groups {
		if g.Refused != "" || !strings.Contains(string(g.Schema), "localhost:1234") {
			continue
		}
		data, err := prepare(g)
		if err != nil {
			continue
		}
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, g.Provider), 0o755)
		os.WriteFile(filepath.Join(dir, g.Provider, g.Name+".json"), data, 0o644)
		ps, _ := load.Load(dir, load.Options{Remotes: remotes})
		for _, p := range ps {
			for _, d := range p.Remotes {
				out[g.Name] = append(out[g.Name], d.Path)
			}
		}
	}
	return out
}

// runner validates each case with the generated package of its provider.
func runner(providers []string) string {
	var imports, cases strings.Builder
	for _, p := range providers {
		fmt.Fprintf(&imports, "\t%q\n", "conformance.local/gen/"+p)
		fmt.Fprintf(&cases, "\tcase %q:\n\t\terr = %s.ValidateJSON(c.Group, c.Data)\n", p, p)
	}
	return `package main

import (
	"encoding/json"
	"fmt"
	"os"

` + imports.String() + `)

type testCase struct {
	Provider string          ` + "`json:\"provider\"`" + `
	Group    string          ` + "`json:\"group\"`" + `
	Data     json.RawMessage ` + "`json:\"data\"`" + `
}

func main() {
	raw, err := os.ReadFile("cases.json")
	if err != nil {
		panic(err)
	}
	var cases []testCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		panic(err)
	}
	for _, c := range cases {
		fmt.Println(verdict(c))
	}
}

// verdict is "valid", "invalid: ..." or "panic: ...".
func verdict(c testCase) (v string) {
	defer func() {
		if r := recover(); r != nil {
			v = fmt.Sprintf("panic: %v", r)
		}
	}()
	var err error
	switch c.Provider {
` + cases.String() + `	default:
		panic("no provider " + c.Provider)
	}
	if err != nil {
		b, _ := json.Marshal(err.Error())
		return "invalid: " + string(b)
	}
	return "valid"
}
`
}

// floors are the least share of each draft's required groups that must be
// accepted (percent): what this version reaches, so a regression fails.
var floors = map[string]int{"2020-12": 97, "2019-09": 98, "draft-07": 99}

func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a generated package of every suite group")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed: %v", err)
	}
	reportPath, err := filepath.Abs(filepath.Join("..", "..", "testdata", "conformance.md"))
	if err != nil {
		t.Fatal(err)
	}
	suite, err := filepath.Abs(suiteDir(t))
	if err != nil {
		t.Fatal(err)
	}
	// The suite's remote documents, which its tests name by the URLs of
	// a server they expect at localhost:1234.
	remotes := []load.Remote{{Prefix: "http://localhost:1234/", Dir: filepath.Join(suite, "remotes")}}
	var groups []*group
	for _, d := range drafts {
		groups = append(groups, readGroups(t, suite, d)...)
	}
	work := t.TempDir()
	t.Chdir(work) // so messages name files as schemas/s2020/a001.json
	pkgs := generate(t, work, groups, remotes)
	roots := map[string]*model.Type{}
	var providers []string
	for _, pkg := range pkgs {
		providers = append(providers, pkg.Provider)
		for _, r := range pkg.Roots {
			roots[pkg.Provider+"/"+r.Schema] = r.Type
		}
	}
	type tc struct {
		Provider string          `json:"provider"`
		Group    string          `json:"group"`
		Data     json.RawMessage `json:"data"`
	}
	var cases []tc
	var index []struct {
		g *group
		i int
	}
	for _, g := range groups {
		if g.Refused != "" {
			continue
		}
		root := roots[g.Provider+"/"+g.Name]
		typed := root == nil || !(root.Kind == model.Defined && root.Base.Kind == model.Raw)
		for _, test := range g.Tests {
			if typed && jsonnum.OutsideGo(test.Data) {
				g.Refused = "test data holds numbers beyond int64/float64, which typed Go fields refuse by design"
			}
		}
		if g.Refused != "" {
			continue
		}
		for i, test := range g.Tests {
			cases = append(cases, tc{Provider: g.Provider, Group: g.Name, Data: test.Data})
			index = append(index, struct {
				g *group
				i int
			}{g, i})
		}
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module conformance.local\n\ngo 1.24\n")
	write("main.go", runner(providers))
	casesJSON, _ := json.Marshal(cases)
	write("cases.json", string(casesJSON))
	cmd := exec.Command(goTool, "run", ".")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("running the generated suite: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("%d verdicts for %d tests", len(lines), len(cases))
	}
	for k, line := range lines {
		g, i := index[k].g, index[k].i
		test := g.Tests[i]
		gotValid := line == "valid"
		if gotValid == test.Valid && !strings.HasPrefix(line, "panic") {
			g.Passed++
		} else {
			g.Failed = append(g.Failed, fmt.Sprintf("%q: suite says valid=%v, hookgen says %s", test.Description, test.Valid, line))
		}
	}

	report := buildReport(groups)
	path := reportPath
	if *update {
		if err := os.WriteFile(path, []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != report {
		t.Errorf("conformance results differ from testdata/conformance.md; if the change is intended, run\n  go test ./internal/conformance -run TestConformance -update\nnew report:\n%s", report)
	}
	failed := 0
	for _, g := range groups {
		failed += len(g.Failed)
	}
	if failed > 0 {
		t.Errorf("%d tests of accepted groups disagree with the suite", failed)
	}
	for _, d := range drafts {
		accepted, total := 0, 0
		for _, g := range groups {
			if g.Draft == d && g.Required {
				total++
				if g.Refused == "" {
					accepted++
				}
			}
		}
		if accepted*100 < total*floors[d.Label] {
			t.Errorf("%s: only %d of %d required groups accepted (%d%%); at least %d%% must be", d.Label, accepted, total, accepted*100/total, floors[d.Label])
		}
	}
}

type stats struct{ groups, accepted, refused, tests, passed, failed int }

func (s *stats) add(g *group) {
	s.groups++
	if g.Refused != "" {
		s.refused++
		return
	}
	s.accepted++
	s.tests += len(g.Tests)
	s.passed += g.Passed
	s.failed += len(g.Failed)
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", float64(a)*100/float64(b))
}

func buildReport(groups []*group) string {
	var b strings.Builder
	b.WriteString("# JSON Schema Test Suite conformance\n\n")
	b.WriteString("Generated by `go test ./internal/conformance -run TestConformance -update` from the\n")
	b.WriteString("official JSON Schema Test Suite (`testdata/jsonschema-test-suite`), drafts 2020-12,\n")
	b.WriteString("2019-09 and 07: every required file, and `optional/format/` for the formats hookgen\n")
	b.WriteString("asserts. Each group's schema is generated into Go by hookgen, with the draft's\n")
	b.WriteString("`$schema`, one package per draft; the required `format.json` groups, which test\n")
	b.WriteString("formats as annotations, go into a provider whose manifest says `\"formats\": \"annotate\"`.\n")
	b.WriteString("The suite's `remotes/` are registered under `http://localhost:1234/`. The generated\n")
	b.WriteString("code decodes and validates each test's data (`ValidateJSON`), and its verdict is\n")
	b.WriteString("compared with the suite's. A refused group is one hookgen will not generate (the\n")
	b.WriteString("reason is its error) or whose test data typed Go fields cannot hold. `go test ./...`\n")
	b.WriteString("fails when a run differs from this file.\n\n")
	b.WriteString("| draft | required groups accepted | tests in them pass | optional/format groups accepted | tests in them pass |\n| --- | ---: | ---: | ---: | ---: |\n")
	for _, d := range drafts {
		var req, opt stats
		for _, g := range groups {
			if g.Draft != d {
				continue
			}
			if g.Required {
				req.add(g)
			} else {
				opt.add(g)
			}
		}
		fmt.Fprintf(&b, "| %s | **%d of %d (%s)** | %d of %d | %d of %d | %d of %d |\n", d.Label,
			req.accepted, req.groups, pct(req.accepted, req.groups), req.passed, req.tests,
			opt.accepted, opt.groups, opt.passed, opt.tests)
	}
	for _, d := range drafts {
		fmt.Fprintf(&b, "\n## Draft %s\n\n", d.Label)
		perFile := map[string]*stats{}
		var files []string
		for _, g := range groups {
			if g.Draft != d {
				continue
			}
			s := perFile[g.File]
			if s == nil {
				s = &stats{}
				perFile[g.File] = s
				files = append(files, g.File)
			}
			s.add(g)
		}
		b.WriteString("| file | groups | accepted | refused | tests passed | tests failed |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
		for _, f := range files {
			s := perFile[f]
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", f, s.groups, s.accepted, s.refused, s.passed, s.failed)
		}
		fmt.Fprintf(&b, "\n### Refused groups (%s)\n\n", d.Label)
		reasons := map[string][]string{}
		var keys []string
		for _, g := range groups {
			if g.Draft != d || g.Refused == "" {
				continue
			}
			if _, ok := reasons[g.Refused]; !ok {
				keys = append(keys, g.Refused)
			}
			reasons[g.Refused] = append(reasons[g.Refused], fmt.Sprintf("%s: %s", g.File, g.Description))
		}
		slices.SortFunc(keys, func(a, b string) int {
			if d := len(reasons[b]) - len(reasons[a]); d != 0 {
				return d
			}
			return strings.Compare(a, b)
		})
		if len(keys) == 0 {
			b.WriteString("None.\n")
		}
		for _, k := range keys {
			fmt.Fprintf(&b, "- **%s** (%d)\n", k, len(reasons[k]))
			for _, g := range reasons[k] {
				fmt.Fprintf(&b, "  - %s\n", g)
			}
		}
	}
	var failures []string
	for _, g := range groups {
		for _, f := range g.Failed {
			failures = append(failures, fmt.Sprintf("- %s %s: %s: %s", g.Draft.Label, g.File, g.Description, f))
		}
	}
	b.WriteString("\n## Failed tests\n\n")
	if len(failures) == 0 {
		b.WriteString("None: every test of every accepted group agrees with the suite.\n")
	} else {
		b.WriteString(strings.Join(failures, "\n") + "\n")
	}
	return b.String()
}
