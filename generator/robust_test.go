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
	"github.com/hookgen/hookgen/generator/model"
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
	// One provider holds every string, one schema file each, so the
	// output is one package to build.
	files := map[string]string{
		"p/other.json": `{"type": "object", "required": ["type"], "properties": {"type": {"const": "other"}}}`,
	}
	var manifest []string
	for i, h := range hostile {
		manifest = append(manifest, h)
		files[fmt.Sprintf("p/a%d.json", i)] = fmt.Sprintf(`{
  "title": "title %[1]s", "description": "description %[1]s",
  "type": "object", "required": ["type", "x%[1]s"],
  "properties": {
    "type": {"enum": ["a%[2]d", "ev %[1]s"], "description": "the %[1]s type"},
    "x%[1]s": {"type": "string", "title": "%[1]s", "const": "c %[1]s"},
    "e": {"enum": ["a %[1]s", "b"], "description": "%[1]s"},
    "d": {"$ref": "#/$defs/D%[2]d"}
  },
  "$defs": {"D%[2]d": {"type": "object", "description": "*/ %[1]s", "properties": {"k %[1]s": {"type": "integer"}}}}
}`, h, i)
	}
	all := strings.Join(manifest, " ")
	files["p/hookgen.json"] = fmt.Sprintf(`{"title": "T %[1]s", "description": "D %[1]s", "docs": ["d %[1]s"], "discriminator": ["type"]}`, all)
	out, err := runCase(t, files)
	if err != nil {
		t.Fatal(err)
	}
	for path, src := range out {
		if strings.Contains(path, "hookgen_runtime_") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == "Injected" {
				t.Errorf("%s declares or uses the identifier Injected", path)
			}
			return true
		})
	}
	// Each file's own type is its name (an event's file is named after
	// its type); the hostile strings are the aliases it also accepts,
	// which the router matches as literals.
	if !strings.Contains(out["p/hookgen_events_gen.go"], `"ev x\n*/ Injected int /*"`) {
		t.Errorf("the event type alias is not a quoted literal:\n%s", out["p/hookgen_events_gen.go"])
	}
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	m := newModule(t)
	m.add(t, "h", out)
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

// nest wraps leaf n times in format (which holds one %s).
func nest(format, leaf string, n int) string {
	s := leaf
	for range n {
		s = fmt.Sprintf(format, s)
	}
	return s
}

// wide is an object schema with n string properties.
func wide(n int) string {
	props := make([]string, n)
	for i := range props {
		props[i] = fmt.Sprintf(`"p%d": {"type": "string"}`, i)
	}
	return `{"type": "object", "properties": {` + strings.Join(props, ",") + `}}`
}

// refusals are the failures of issue 16 that hookgen must refuse, each
// with what the message must say. Every message line must name
// file:line:col (refused checks it).
var refusals = []struct {
	name  string
	files map[string]string
	want  []string
}{
	{"2000 nested properties", map[string]string{"p/x.json": nest(`{"type": "object", "properties": {"a": %s}}`, `{"type": "string"}`, 2000)},
		[]string{"x.json:1:", "nested deeper than 128 levels"}},
	{"3000 nested allOf", map[string]string{"p/x.json": nest(`{"allOf": [%s]}`, `{"type": "string"}`, 3000)},
		[]string{"nested deeper than 128 levels"}},
	{"arrays nested 50 deep", map[string]string{"p/x.json": nest(`{"type": "array", "items": %s}`, `{"type": "string"}`, 50)},
		[]string{"x.json:1:1: #: unsupported: its Go type nests 50 arrays"}},
	{"maps of nullable maps nested 40 deep", map[string]string{"p/x.json": `{"type": "object", "properties": {"m": ` +
		nest(`{"type": "object", "additionalProperties": {"type": ["object", "null"], "additionalProperties": %s}}`, `{"type": "string"}`, 20) + `}}`},
		[]string{"#/properties/m: unsupported: its Go type nests 61 arrays, maps and Optional/Nullable wrappers"}},
	{"an object of 10,001 members", map[string]string{"p/x.json": wide(10001)},
		[]string{"x.json:1:34: #/properties: 10001 members in one object"}},
	{"a schema file over 8 MiB", map[string]string{"p/x.json": `{"description": "` + strings.Repeat("x", 8<<20) + `"}`},
		[]string{"x.json:1:1: #: 8388627 bytes"}},
	{"properties named like generated methods", map[string]string{"p/x.json": `{"type": "object", "properties": {
  "validate": {"type": "string"}, "marshal_json": {"type": "string"}, "unmarshal_json": {"type": "string"},
  "event_type": {"type": "string"}}}`},
		[]string{"x.json:2:15: #/properties/validate: property \"validate\" would be field Validate",
			"#/properties/marshal_json: property \"marshal_json\" would be field MarshalJSON",
			"#/properties/unmarshal_json: property \"unmarshal_json\" would be field UnmarshalJSON",
			"#/properties/event_type: property \"event_type\" would be field EventType"}},
	{"schema files named like generated files", map[string]string{
		"p/hookgen_schemas.json": `{"type": "string"}`, "p/hookgen_events.json": `{"type": "string"}`,
		"p/hookgen_tables.json": `{"type": "string"}`, "p/hookgen_runtime_x.json": `{"type": "string"}`,
		"p/doc.json": `{"type": "string"}`, "p/unknown.json": `{"type": "string"}`},
		[]string{"hookgen_schemas.json:1:1: #: file name \"hookgen_schemas.json\" would generate hookgen_schemas_gen.go",
			"hookgen_events.json:1:1", "hookgen_tables.json:1:1", "hookgen_runtime_x.json:1:1",
			"doc.json:1:1: #: file name \"doc.json\" would generate doc_gen.go", "unknown.json:1:1"}},
	{"_.json with x-go-name lands in _gen.go", map[string]string{"p/_.json": `{"x-go-name": "Under", "type": "string"}`},
		[]string{"_.json:1:1: #: file name \"_.json\" has no letters or digits to name its Go file"}},
	{"names with no letters or digits", map[string]string{"p/_.json": `{"type": "string"}`,
		"p/d.json": `{"$defs": {"-": {"type": "string"}}}`},
		[]string{"_.json:1:1: #: file name \"_.json\" has no letters or digits to make a Go name of",
			"d.json:1:17: #/$defs/-: \"-\" has no letters or digits to make a Go name of"}},
	{"two schema files, one Go file", map[string]string{"p/a.b.json": `{"type": "string"}`, "p/a_b.json": `{"$defs": {"C": {"type": "string"}}}`},
		[]string{"a_b.json:1:1: #: schema files a.b.json and a_b.json would both generate a_b_gen.go"}},
	{"numbers beyond the Go types", map[string]string{"p/x.json": `{"type": "object", "properties": {
  "a": {"type": "number", "minimum": 1e400},
  "b": {"type": "integer", "const": 1.5e400},
  "c": {"type": "number", "const": 1e400},
  "d": {"type": "number", "exclusiveMaximum": 1e-400},
  "e": {"type": "string", "maxLength": 100000000000000000000},
  "f": {"type": "integer", "const": 1.5},
  "g": {"type": "number", "const": 123456789012345678901234567890}}}`},
		[]string{"x.json:2:38: #/properties/a/minimum: unsupported: minimum 1e400 is beyond the range of float64",
			"#/properties/b/const: unsupported: const 1.5e400 is beyond",
			"#/properties/c/const: unsupported: const 1e400 is beyond",
			"#/properties/d/exclusiveMaximum: unsupported: exclusiveMaximum 1e-400 is beyond",
			"#/properties/e/maxLength: unsupported: maxLength 100000000000000000000 does not fit in an int64",
			"#/properties/f/const: unsupported: const 1.5 is not an integer",
			"#/properties/g/const: unsupported: const 123456789012345678901234567890 is not exact in a float64"}},
	{"recursive anyOf", map[string]string{"p/x.json": `{"$defs": {"X": {"anyOf": [{"$ref": "#/$defs/X"}, {"type": "string"}]}}}`},
		[]string{"x.json:1:37: #/$defs/X/anyOf/0/$ref: $ref \"#/$defs/X\" leads back here without descending into the value"}},
	{"recursive oneOf", map[string]string{"p/x.json": `{"$defs": {"X": {"oneOf": [{"$ref": "#/$defs/X"}, {"type": "string"}]}}}`},
		[]string{"x.json:1:37: #/$defs/X/oneOf/0/$ref: $ref \"#/$defs/X\" leads back"}},
	{"mutually recursive unions", map[string]string{"p/x.json": `{"$defs": {
  "Y": {"oneOf": [{"$ref": "#/$defs/Z"}, {"type": "string"}]},
  "Z": {"anyOf": [{"$ref": "#/$defs/Y"}, {"type": "integer"}]}}}`},
		[]string{"x.json:2:28: #/$defs/Y/oneOf/0/$ref: $ref \"#/$defs/Z\" leads back", "x.json:3:28: #/$defs/Z/anyOf/0/$ref: $ref \"#/$defs/Y\" leads back"}},
	{"allOf of the root", map[string]string{"p/x.json": `{"type": "object", "allOf": [{"$ref": "#"}]}`},
		[]string{"x.json:1:39: #/allOf/0/$ref: $ref \"#\" leads back"}},
	{"event roots named like Handlers' members", map[string]string{"p/hookgen.json": `{"discriminator": ["type"]}`,
		"p/dispatch.json": `{"type": "object", "required": ["type"], "properties": {"type": {"const": "d"}}}`,
		"p/handle.json":   `{"type": "object", "required": ["type"], "properties": {"type": {"const": "h"}}}`,
		"p/u.json":        `{"x-go-name": "Unknown", "type": "object", "required": ["type"], "properties": {"type": {"const": "u"}}}`},
		[]string{"dispatch.json:1:1: #: event \"d\" has the type Dispatch, which would also be a method or field of the generated Handlers",
			"handle.json:1:1: #: event \"h\" has the type Handle", "u.json:1:1: #: event \"u\" has the type Unknown"}},
	{"package main", map[string]string{"p/hookgen.json": `{"package": "main"}`, "p/x.json": `{"type": "string"}`},
		[]string{"hookgen.json:1:1: #: \"main\" is not a Go package name that can be imported"}},
	{"a folder named main", map[string]string{"main/x.json": `{"type": "string"}`},
		[]string{"main/x.json:1:1: #: \"main\" is not a Go package name that can be imported"}},
}

// TestRefusals: each failure of issue 16 that has no Go shape is refused
// with positioned errors, quickly (the nesting cases took a minute and
// gigabytes before the limits).
func TestRefusals(t *testing.T) {
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			_, err := runCase(t, c.files)
			refused(t, err, c.want...)
		})
	}
}

// builds are the failures of issue 16 that have a Go shape: each must
// generate code that builds and vets, and its output must contain want.
var builds = []struct {
	name  string
	files map[string]string
	want  []string
}{
	{"a struct containing itself", map[string]string{"p/x.json": `{"$defs": {"Node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/Node"}}}}}`},
		[]string{"Next Optional[*Node]"}},
	{"through Nullable, required", map[string]string{"p/x.json": `{"$defs": {"Node": {"type": "object", "required": ["next"],
  "properties": {"next": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]}}}}}`},
		[]string{"Next Nullable[*Node]"}},
	{"required by value", map[string]string{"p/x.json": `{"$defs": {"Node": {"type": "object", "required": ["next"], "properties": {"next": {"$ref": "#/$defs/Node"}}}}}`},
		[]string{"Next *Node"}},
	{"the root through $ref #", map[string]string{"p/tree.json": `{"type": "object", "properties": {
  "kids": {"type": "array", "items": {"$ref": "#"}}, "parent": {"$ref": "#"}, "up": {"type": ["object", "null"], "$ref": "#"}}}`},
		[]string{"Parent Optional[*Tree]", "Kids   Optional[[]Tree]"}},
	{"mutual recursion of structs", map[string]string{"p/x.json": `{"$defs": {
  "A": {"type": "object", "properties": {"b": {"$ref": "#/$defs/B"}, "s": {"$ref": "#/$defs/S"}}},
  "B": {"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}},
  "S": {"type": "object", "properties": {"v": {"type": "string"}}}}}`},
		[]string{"B Optional[*B]", "A Optional[*A]", "S Optional[S]"}},
	{"names with no upper case", map[string]string{"p/x.json": `{"type": "object", "properties": {"日本": {"type": "string"}, "ℓ": {"$ref": "#/$defs/名前"}},
  "$defs": {"名前": {"type": "string"}}}`},
		[]string{"X日本 Optional[string]", "type X名前 string", "Xℓ  Optional[X名前]"}},
	{"arrays nested 32 deep", map[string]string{"p/x.json": nest(`{"type": "array", "items": %s}`, `{"type": "string"}`, 32)},
		[]string{"type X " + strings.Repeat("[]", 32) + "string"}},
	{"properties nested 60 deep", map[string]string{"p/x.json": nest(`{"type": "object", "properties": {"a": %s}}`, `{"type": "string"}`, 60)},
		[]string{"type X" + strings.Repeat("A", 59) + " struct"}},
	{"file names a URI must escape", map[string]string{"p/a.json": `{"type": "object", "properties": {"a": {"$ref": "b%20c%23d.json#/$defs/X"}}}`,
		"p/b c#d.json": `{"$defs": {"X": {"type": "string"}}}`},
		[]string{"A Optional[X]"}},
	{"member names tags cannot hold", map[string]string{"p/x.json": `{"type": "object", "required": ["a, b"], "properties": {
  "a, b": {"type": "string"}, "a": {"type": "string"}, "b-": {"type": "string"}, "q\"q": {"type": "string"}, "c\\d": {"type": "string"}, "e` + "`" + `f": {"type": "string"}}}`},
		[]string{"AB string\n", "A  Optional[string] `json:\"a,omitzero\"`", "QQ Optional[string]\n"}},
}

// TestBuilds generates each case and builds and vets all of them in one
// module.
func TestBuilds(t *testing.T) {
	m := newModule(t)
	for i, c := range builds {
		out, err := runCase(t, c.files)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		all := ""
		for _, name := range sortedKeys(out) {
			if !strings.Contains(name, "hookgen_runtime_") {
				all += out[name]
			}
		}
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: output lacks %q:\n%s", c.name, w, all)
			}
		}
		m.add(t, fmt.Sprintf("b%d", i), out)
	}
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	m.buildAndVet(t)
}

// TestMemberNamesCoverEmitters: every method the emitters declare on a
// generated struct, and every field they add to it that is not a
// property, is in model.MemberNames, which the model reserves before
// handing Go names to properties. Checked on the output of every golden
// case that generates, so a new generated method cannot slip past the
// reservation.
func TestMemberNamesCoverEmitters(t *testing.T) {
	seen := 0
	for _, path := range cases(t) {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a := parseArchive(string(raw))
		if len(a.section("errors")) > 0 {
			continue
		}
		files := map[string]string{}
		for _, f := range a.section("schemas/") {
			files[strings.TrimPrefix(f.name, "schemas/")] = f.data
		}
		out, err := runCase(t, files)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, name := range sortedKeys(out) {
			if strings.Contains(name, "hookgen_runtime_") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, out[name], 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil {
						break
					}
					recv := d.Recv.List[0].Type
					if st, ok := recv.(*ast.StarExpr); ok {
						recv = st.X
					}
					if id, ok := recv.(*ast.Ident); ok && id.Name == "Handlers" {
						if !slices.Contains(model.HandlersMembers, d.Name.Name) {
							t.Errorf("%s: method Handlers.%s is not reserved in model.HandlersMembers", name, d.Name.Name)
						}
					} else if !slices.Contains(model.MemberNames, d.Name.Name) && !strings.HasPrefix(d.Name.Name, "is") {
						t.Errorf("%s: method %s is not reserved in model.MemberNames", name, d.Name.Name)
					}
					seen++
				case *ast.GenDecl:
					ast.Inspect(d, func(n ast.Node) bool {
						if st, ok := n.(*ast.StructType); ok {
							for _, fl := range st.Fields.List {
								for _, id := range fl.Names {
									if !id.IsExported() && !slices.Contains(model.MemberNames, id.Name) {
										t.Errorf("%s: field %s is not reserved in model.MemberNames", name, id.Name)
									}
								}
							}
						}
						return true
					})
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no generated function seen")
	}
}

// TestTestNamesReserved: with example payloads, the package gets test
// functions (TestExamples, BenchmarkParse, ExampleParse...); a schema type
// of one of those names made the test build fail. It is refused at the
// schema.
func TestTestNamesReserved(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"schemas/p/hookgen.json":                  `{"discriminator": ["type"]}`,
		"schemas/p/e.json":                        `{"type": "object", "required": ["type"], "properties": {"type": {"const": "e"}}, "$defs": {"BenchmarkParse": {"type": "string"}}}`,
		"schemas/p/test_examples.json":            `{"type": "string"}`,
		"testdata/p/valid/e.json":                 `{"type": "e"}`,
		"testdata/p/valid/test_examples.one.json": `"x"`,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	_, err := generator.Generate(generator.Options{Schemas: "schemas", Testdata: "testdata", Out: "gen"})
	refused(t, err, "schemas/p/e.json:1:110: #/$defs/BenchmarkParse: Go name BenchmarkParse for type BenchmarkParse clashes with a function of the generated tests",
		"schemas/p/test_examples.json:1:1: #: Go name TestExamples for type TestExamples clashes with a function of the generated tests")
}
