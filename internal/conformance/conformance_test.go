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

type group struct {
	Name        string          // g001...
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

// suiteDir is the copy of the suite this repository carries (the draft
// 2020-12 files hookgen is measured on, see testdata/jsonschema-test-suite),
// so a fresh machine runs the test without fetching anything.
// HOOKGEN_TEST_SUITE points it at another checkout, e.g. a newer suite.
func suiteDir(t *testing.T) string {
	dir := os.Getenv("HOOKGEN_TEST_SUITE")
	if dir == "" {
		dir = filepath.Join("..", "..", "testdata", "jsonschema-test-suite")
	}
	if _, err := os.Stat(filepath.Join(dir, "tests", "draft2020-12")); err != nil {
		t.Fatalf("the JSON Schema Test Suite is not at %s (set HOOKGEN_TEST_SUITE): %v", dir, err)
	}
	return filepath.Join(dir, "tests", "draft2020-12")
}

func readGroups(t *testing.T, dir string) []*group {
	var files []string
	required, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	slices.Sort(required)
	files = append(files, required...)
	for _, f := range formatFiles {
		files = append(files, filepath.Join(dir, "optional", "format", f+".json"))
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
			g.Name = fmt.Sprintf("g%03d", len(groups)+1)
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

var groupFile = regexp.MustCompile(`schemas/suite/(g\d+)\.json`)

// generate writes the accepted groups' schemas and generates them as one
// package, refusing every group the generator reports a problem in (with
// its first message as the reason) and trying again without them.
func generate(t *testing.T, work string, groups []*group) *model.Package {
	byName := map[string]*group{}
	for _, g := range groups {
		byName[g.Name] = g
	}
	schemas := filepath.Join(work, "schemas", "suite")
	for attempt := 0; attempt < 10; attempt++ {
		os.RemoveAll(schemas)
		os.MkdirAll(schemas, 0o755)
		for _, g := range groups {
			if g.Refused != "" {
				continue
			}
			data, err := prepare(g)
			if err != nil {
				g.Refused = "schema is not JSON: " + err.Error()
				continue
			}
			os.WriteFile(filepath.Join(schemas, g.Name+".json"), data, 0o644)
		}
		res, err := generator.Generate(generator.Options{Schemas: "schemas", TypesOnly: true})
		var de *diag.Error
		if errors.As(err, &de) {
			refused := 0
			for _, d := range de.Diagnostics {
				m := groupFile.FindStringSubmatch(filepath.ToSlash(d.Pos.File))
				if m == nil || byName[m[1]] == nil {
					t.Fatalf("a problem outside any group: %s", d)
				}
				if g := byName[m[1]]; g.Refused == "" {
					g.Refused = reason(d)
					refused++
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
		return res.Packages[0]
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
	msg = regexp.MustCompile(`schemas/suite/g\d+\.json(:\d+:\d+)?`).ReplaceAllString(msg, "the schema")
	msg = regexp.MustCompile(`file:///suite/g\d+\.json`).ReplaceAllString(msg, "the schema")
	return strings.TrimSpace(msg)
}

const runner = `package main

import (
	"encoding/json"
	"fmt"
	"os"

	suite "conformance.local/gen/suite"
)

type testCase struct {
	Group string          ` + "`json:\"group\"`" + `
	Data  json.RawMessage ` + "`json:\"data\"`" + `
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
	if err := suite.ValidateJSON(c.Group, c.Data); err != nil {
		b, _ := json.Marshal(err.Error())
		return "invalid: " + string(b)
	}
	return "valid"
}
`

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
	groups := readGroups(t, suite)
	for _, g := range groups {
		switch {
		case strings.Contains(string(g.Schema), "localhost:1234"):
			g.Refused = "refers to the suite's remote schemas (hookgen resolves $refs within a provider folder only)"
		case g.File == "format.json" && !strings.Contains(g.Description, "unknown"):
			g.Refused = "format as annotation only; hookgen asserts formats (like jsonschema/v5 with format assertion, its oracle), see optional/format"
		}
	}
	work := t.TempDir()
	t.Chdir(work) // so messages name files as schemas/suite/g001.json
	pkg := generate(t, work, groups)
	roots := map[string]*model.Type{}
	for _, r := range pkg.Roots {
		roots[r.Schema] = r.Type
	}
	type tc struct {
		Group string          `json:"group"`
		Data  json.RawMessage `json:"data"`
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
		root := roots[g.Name]
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
			cases = append(cases, tc{Group: g.Name, Data: test.Data})
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
	write("main.go", runner)
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
	accepted, total, failed := 0, 0, 0
	for _, g := range groups {
		if g.Required {
			total++
			if g.Refused == "" {
				accepted++
			}
		}
		failed += len(g.Failed)
	}
	if failed > 0 {
		t.Errorf("%d tests of accepted groups disagree with the suite", failed)
	}
	if accepted*100 < total*80 {
		t.Errorf("only %d of %d required groups accepted (%d%%); at least 80%% must be", accepted, total, accepted*100/total)
	}
}

func buildReport(groups []*group) string {
	var b strings.Builder
	type stats struct{ groups, accepted, refused, tests, passed, failed int }
	perFile := map[string]*stats{}
	var files []string
	var sum, sumOpt stats
	for _, g := range groups {
		s := perFile[g.File]
		if s == nil {
			s = &stats{}
			perFile[g.File] = s
			files = append(files, g.File)
		}
		s.groups++
		tot := &sum
		if !g.Required {
			tot = &sumOpt
		}
		tot.groups++
		if g.Refused != "" {
			s.refused++
			tot.refused++
			continue
		}
		s.accepted++
		tot.accepted++
		s.tests += len(g.Tests)
		s.passed += g.Passed
		s.failed += len(g.Failed)
		tot.tests += len(g.Tests)
		tot.passed += g.Passed
		tot.failed += len(g.Failed)
	}
	b.WriteString("# JSON Schema Test Suite conformance\n\n")
	b.WriteString("Generated by `go test ./internal/conformance -run TestConformance -update` from the\n")
	b.WriteString("official JSON Schema Test Suite, draft 2020-12 (`testdata/jsonschema-test-suite`):\n")
	b.WriteString("every required file, and `optional/format/` for the formats hookgen asserts.\n")
	b.WriteString("Each group's schema is generated into Go by hookgen; the generated code decodes\n")
	b.WriteString("and validates each test's data (`ValidateJSON`), and its verdict is compared\n")
	b.WriteString("with the suite's. A refused group is one hookgen will not generate (the reason\n")
	b.WriteString("is its error) or whose test data typed Go fields cannot hold. `go test ./...`\n")
	b.WriteString("fails when a run differs from this file.\n\n")
	pct := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f%%", float64(a)*100/float64(b))
	}
	fmt.Fprintf(&b, "**Required files: %d of %d groups accepted (%s); %d of %d tests in them pass, %d fail.**\n\n",
		sum.accepted, sum.groups, pct(sum.accepted, sum.groups), sum.passed, sum.tests, sum.failed)
	fmt.Fprintf(&b, "**optional/format: %d of %d groups accepted; %d of %d tests in them pass, %d fail.**\n\n",
		sumOpt.accepted, sumOpt.groups, sumOpt.passed, sumOpt.tests, sumOpt.failed)
	b.WriteString("| file | groups | accepted | refused | tests passed | tests failed |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	for _, f := range files {
		s := perFile[f]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", f, s.groups, s.accepted, s.refused, s.passed, s.failed)
	}
	b.WriteString("\n## Refused groups\n\n")
	reasons := map[string][]string{}
	var keys []string
	for _, g := range groups {
		if g.Refused == "" {
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
	for _, k := range keys {
		fmt.Fprintf(&b, "- **%s** (%d)\n", k, len(reasons[k]))
		for _, g := range reasons[k] {
			fmt.Fprintf(&b, "  - %s\n", g)
		}
	}
	var failures []string
	for _, g := range groups {
		for _, f := range g.Failed {
			failures = append(failures, fmt.Sprintf("- %s: %s: %s", g.File, g.Description, f))
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
