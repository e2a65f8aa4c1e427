package generator_test

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator"
	"github.com/hookgen/hookgen/generator/diag"
)

// The tests in this file feed the generator hostile and odd schemas (issue
// 16): every run must either refuse with positioned errors or emit code
// that builds and vets. Outputs are collected into one module and built
// and vetted together, which is far cheaper than one go command per case.

// positioned matches a diagnostic that names the schema's file, line and
// column: "schemas/p/x.json:3:7: #/pointer: message".
var positioned = regexp.MustCompile(`^schemas/[^:]+:\d+:\d+: #\S*: `)

// runCase writes files (paths relative to the schemas folder, such as
// "p/event.json") into a fresh folder and generates them. It returns the
// generated files (path → content) or the error text.
func runCase(t testing.TB, files map[string]string) (map[string]string, error) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, "schemas", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := generator.Generate(generator.Options{Schemas: filepath.Join(dir, "schemas"), Out: filepath.Join(dir, "gen"), ImportPath: "example.com/robust"})
	if err != nil {
		return nil, relErr{err: err, dir: dir}
	}
	out := map[string]string{}
	for _, f := range res.Files {
		out[f.Path] = string(f.Content)
	}
	return out, nil
}

// relErr is an error whose text names files relative to the case folder,
// as a user running hookgen there would see them.
type relErr struct {
	err error
	dir string
}

func (e relErr) Error() string {
	return strings.ReplaceAll(e.err.Error(), e.dir+string(filepath.Separator), "")
}
func (e relErr) Unwrap() error { return e.err }

// refused checks that err is a *diag.Error whose every line is positioned
// (file:line:col: pointer) and whose text contains each of want.
func refused(t testing.TB, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("generated; want a refusal mentioning %q", want)
	}
	var de *diag.Error
	if !errors.As(err, &de) {
		t.Fatalf("error is %T, not positioned diagnostics: %v", err, err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !positioned.MatchString(line) {
			t.Errorf("error line without file:line:col: %q", line)
		}
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not mention %q:\n%s", w, err)
		}
	}
}

// module collects generated packages, to build and vet them at once.
type module struct {
	dir  string
	pkgs []string
}

func newModule(t testing.TB) *module {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/robust\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return &module{dir: dir}
}

// add puts a case's generated files under name/ in the module, and
// checks each file parses and that no comment is a block comment (a
// schema string could end one).
func (m *module) add(t testing.TB, name string, files map[string]string) {
	t.Helper()
	for path, content := range files {
		p := filepath.Join(m.dir, name, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		checkComments(t, name+"/"+path, content)
	}
	m.pkgs = append(m.pkgs, name)
}

// checkComments parses a generated file and fails on any /* */ comment:
// every comment hookgen writes is a // line, which no text can end early.
func checkComments(t testing.TB, name, src string) {
	t.Helper()
	if strings.Contains(name, "hookgen_runtime_") {
		return
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments)
	if err != nil {
		t.Errorf("%s does not parse: %v", name, err)
		return
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "/*") {
				t.Errorf("%s: block comment %q", name, c.Text)
			}
		}
	}
}

// buildAndVet builds and vets every package added, and runs the tests of
// those given in test (their own generated tests and any added to them).
func (m *module) buildAndVet(t testing.TB, test ...string) {
	t.Helper()
	if len(m.pkgs) == 0 {
		return
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to compile generated code: %v", err)
	}
	runs := [][]string{{"build", "./..."}, {"vet", "./..."}}
	if len(test) > 0 {
		args := []string{"test", "-count=1"}
		for _, p := range test {
			args = append(args, "./"+p+"/...")
		}
		runs = append(runs, args)
	}
	for _, args := range runs {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = m.dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("go %s of the generated code: %v\n%s", strings.Join(args, " "), err, out.String())
		}
	}
}

// hostile are strings that broke, or could break, generated code when they
// reached it unescaped: NUL, a BOM, a lone surrogate, a carriage return,
// a bidi override, a line separator, the end of a block comment, a
// backquote, newlines, and a newline that ends a comment and declares a
// field. Written as JSON string contents.
var hostile = []string{
	`nul\u0000end`, `bom\ufeffend`, `lone\ud800surrogate`, `cr\rend`, `bidi\u202eend`, `ls\u2028end`,
	`close*/end`, "back`quote", `new\nline`, `x\n*/ Injected int /*`, `\"quoted\" \\back`,
}

// TestHostileStrings puts each hostile string everywhere a schema string
// reaches generated code: event type (a const discriminator), title,
// description, property name, enum value, const, manifest title,
// description and docs, and a $defs description; the code must build and
// vet, and no identifier may come from a comment or literal.
func TestHostileStrings(t *testing.T) {
	m := newModule(t)
	for i, h := range hostile {
		files := map[string]string{
			"p/hookgen.json": fmt.Sprintf(`{"title": "T %[1]s", "description": "D %[1]s", "docs": ["d %[1]s"], "discriminator": ["type"]}`, h),
			"p/a.json": fmt.Sprintf(`{
  "title": "title %[1]s", "description": "description %[1]s",
  "type": "object", "required": ["type", "x%[1]s"],
  "properties": {
    "type": {"const": "ev %[1]s", "description": "the %[1]s type"},
    "x%[1]s": {"type": "string", "title": "%[1]s", "const": "c %[1]s"},
    "e": {"enum": ["a %[1]s", "b"], "description": "%[1]s"},
    "d": {"$ref": "#/$defs/D"}
  },
  "$defs": {"D": {"type": "object", "description": "*/ %[1]s", "properties": {"k %[1]s": {"type": "integer"}}}}
}`, h),
			"p/b.json": `{"type": "object", "required": ["type"], "properties": {"type": {"const": "other"}}}`,
		}
		out, err := runCase(t, files)
		if err != nil {
			t.Errorf("%q: %v", h, err)
			continue
		}
		for path, src := range out {
			if strings.Contains(path, "hookgen_runtime_") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
			if err != nil {
				t.Errorf("%q: %s: %v", h, path, err)
				continue
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && id.Name == "Injected" {
					t.Errorf("%q: %s declares or uses the identifier Injected", h, path)
				}
				return true
			})
		}
		m.add(t, fmt.Sprintf("h%d", i), out)
	}
	m.buildAndVet(t)
}

// sortedKeys is for messages that list a map.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
