package realworld

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hookgen/hookgen/generator"
	"github.com/hookgen/hookgen/generator/emit"
	"github.com/hookgen/hookgen/templates"
)

var buildTime = flag.Int("buildtime", 0, "TestBuildTime: measure this many rounds of building GitHub's 66 packages, runtime copied vs shared (BENCHMARKS.md)")

// TestBuildTime measures what the runtime copied into every generated
// package costs to build, against one shared runtime package that every
// generated package imports (a prototype: the runtime's unexported names
// are exported and the generated references qualified, enough to build).
// It generates GitHub's 66 event packages both ways and times, per round
// and way, alternating the ways:
//
//   - cold: go build ./... with an empty build cache primed only with the
//     standard library packages the generated code imports (untimed);
//   - warm: the same build again, everything cached;
//   - one edit: one package's types file changed, then built again.
//
// Run it with: go test ./internal/realworld -run TestBuildTime -buildtime 3 -v
// (numbers in BENCHMARKS.md). It is a measurement, not a check: without
// -buildtime it is skipped.
func TestBuildTime(t *testing.T) {
	if *buildTime <= 0 {
		t.Skip("a measurement: run with -buildtime N (rounds)")
	}
	root := t.TempDir()
	schemas := filepath.Join(root, "schemas")
	events := stage(t, schemas, nil)
	res, err := generator.Generate(generator.Options{Schemas: schemas, Out: filepath.Join(root, "gen"), Testdata: "", ImportPath: "example.com/gh/gen"})
	if err != nil {
		t.Fatalf("generate:\n%v", err)
	}
	copied, shared := filepath.Join(root, "copied"), filepath.Join(root, "shared")
	gomod := "module example.com/gh\n\ngo 1.24\n"
	rt, err := sharedRuntime()
	if err != nil {
		t.Fatal(err)
	}
	write := func(dir, name string, data []byte) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(copied, "go.mod", []byte(gomod))
	write(shared, "go.mod", []byte(gomod))
	for name, src := range rt.files {
		write(shared, "hookrt/"+name, src)
	}
	var copiedLines, sharedLines int
	for _, f := range res.Files {
		write(copied, "gen/"+f.Path, f.Content)
		copiedLines += bytes.Count(f.Content, []byte("\n"))
		if strings.HasPrefix(filepath.Base(f.Path), emit.RuntimePrefix) {
			continue
		}
		src, err := rt.rewrite(f.Path, f.Content)
		if err != nil {
			t.Fatal(err)
		}
		write(shared, "gen/"+f.Path, src)
		sharedLines += bytes.Count(src, []byte("\n"))
	}
	for _, src := range rt.files {
		sharedLines += bytes.Count(src, []byte("\n"))
	}
	t.Logf("%d packages; lines of Go: copied %d, shared %d (runtime package %d files)", len(events), copiedLines, sharedLines, len(rt.files))

	// The standard library packages the generated code imports, built
	// once into a base cache that each cold build starts from (a copy):
	// cold then means every generated package, not the standard library.
	stdDeps := strings.Fields(string(goOut(t, copied, "", nil, "list", "-deps", "-f", "{{if .Standard}}{{.ImportPath}}{{end}}", "./...")))
	base := filepath.Join(root, "cache-std")
	goOut(t, copied, base, nil, append([]string{"build"}, stdDeps...)...)

	// The file "one edit" changes: the doc file of GitHub's largest event
	// package.
	edited := "gen/pull_request/doc_gen.go"
	results := map[string][]sample{}
	for round := 0; round < *buildTime; round++ {
		ways := []string{"shared", "copied"} // alternating which goes first
		if round%2 == 1 {
			ways[0], ways[1] = ways[1], ways[0]
		}
		for _, way := range ways {
			dir := filepath.Join(root, way)
			cache := filepath.Join(root, fmt.Sprintf("cache-%s-%d", way, round))
			if out, err := exec.Command("cp", "-a", base, cache).CombinedOutput(); err != nil {
				t.Fatalf("copying the build cache: %v\n%s", err, out)
			}
			var s sample
			s.cold = timed(t, dir, cache, "build", "./...")
			t.Logf("round %d %-6s cold %s", round, way, s.cold)
			s.warm = timed(t, dir, cache, "build", "./...")
			path := filepath.Join(dir, filepath.FromSlash(edited))
			orig, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(path, append(slices.Clip(orig), fmt.Sprintf("\nvar _ = %d\n", round)...), 0o644)
			s.edit = timed(t, dir, cache, "build", "./...")
			os.WriteFile(path, orig, 0o644)
			os.RemoveAll(cache)
			results[way] = append(results[way], s)
			t.Logf("round %d %-6s cold %s; warm %s; one edit %s", round, way, s.cold, s.warm, s.edit)
		}
	}
	for _, way := range []string{"copied", "shared"} {
		ss := results[way]
		t.Logf("median of %d: %-6s cold %s; warm %s; one edit %s", len(ss), way,
			median(ss, func(s sample) cost { return s.cold }),
			median(ss, func(s sample) cost { return s.warm }),
			median(ss, func(s sample) cost { return s.edit }))
	}
}

// cost is what one go command took: wall time, and CPU time (user and
// system, the go command and every compiler it waited for). On a shared
// machine the wall time moves with the neighbours' load; the CPU time
// much less.
type cost struct{ wall, cpu time.Duration }

func (c cost) String() string {
	return fmt.Sprintf("cpu %6.1fs wall %6.1fs", c.cpu.Seconds(), c.wall.Seconds())
}

type sample struct{ cold, warm, edit cost }

// median is the median by CPU time.
func median(ss []sample, f func(sample) cost) cost {
	var cs []cost
	for _, s := range ss {
		cs = append(cs, f(s))
	}
	slices.SortFunc(cs, func(a, b cost) int { return int(a.cpu - b.cpu) })
	return cs[len(cs)/2]
}

// goOut runs the go command in dir with its own build cache (when cache
// is not ""), offline and outside any workspace, and returns its output;
// c, when not nil, receives what it cost.
func goOut(t *testing.T, dir, cache string, c *cost, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	if cache != "" {
		cmd.Env = append(cmd.Env, "GOCACHE="+cache)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, errb.String())
	}
	if c != nil {
		c.wall = time.Since(start)
		c.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	return out.Bytes()
}

func timed(t *testing.T, dir, cache string, args ...string) cost {
	t.Helper()
	var c cost
	goOut(t, dir, cache, &c, args...)
	return c
}

// runtimeRewrite turns the runtime into one package, hookrt, that the
// generated packages import: every unexported name the runtime declares
// (package-level, fields, methods, interface methods) is exported by an X
// prefix, in the runtime and in the generated code alike, and generated
// references to the runtime's package-level names are qualified.
type runtimeRewrite struct {
	files    map[string][]byte // hookrt's files
	rename   map[string]string // unexported runtime name -> exported
	toplevel map[string]bool   // the runtime's package-level names
}

const sharedImport = "example.com/gh/hookrt"

func sharedRuntime() (*runtimeRewrite, error) {
	r := &runtimeRewrite{files: map[string][]byte{}, rename: map[string]string{}, toplevel: map[string]bool{}}
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	imports := map[string]bool{}
	for _, rf := range templates.Runtime() {
		f, err := parser.ParseFile(fset, rf.Name, rf.Source, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		parsed[rf.Name] = f
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			imports[p[strings.LastIndex(p, "/")+1:]] = true
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					r.toplevel[d.Name.Name] = true
				}
				r.add(d.Name.Name)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						r.toplevel[s.Name.Name] = true
						r.add(s.Name.Name)
						ast.Inspect(s.Type, func(n ast.Node) bool {
							if fl, ok := n.(*ast.FieldList); ok {
								for _, fd := range fl.List {
									for _, nm := range fd.Names {
										r.add(nm.Name)
									}
								}
							}
							return true
						})
					case *ast.ValueSpec:
						for _, nm := range s.Names {
							r.toplevel[nm.Name] = true
							r.add(nm.Name)
						}
					}
				}
			}
		}
	}
	for name := range imports {
		delete(r.rename, name)
	}
	for name, f := range parsed {
		f.Name.Name = "hookrt"
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if to, ok := r.rename[id.Name]; ok {
					id.Name = to
				}
			}
			return true
		})
		var buf bytes.Buffer
		if err := format.Node(&buf, fset, f); err != nil {
			return nil, err
		}
		r.files[name] = buf.Bytes()
	}
	return r, nil
}

// add marks an unexported runtime name for exporting (not the blank
// identifier, not a predeclared one such as len or string).
func (r *runtimeRewrite) add(name string) {
	if name == "_" || ast.IsExported(name) || types.Universe.Lookup(name) != nil {
		return
	}
	r.rename[name] = "X" + name
}

// rewrite makes a generated file use the shared runtime: the runtime's
// unexported names it uses are renamed as in the runtime, and the file
// dot-imports hookrt when it names a package-level runtime declaration
// (enough to build; a real switch would qualify them).
func (r *runtimeRewrite) rewrite(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	sel := map[*ast.Ident]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			sel[s.Sel] = true
		}
		return true
	})
	used := false
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id != f.Name {
			if !sel[id] && r.toplevel[id.Name] {
				used = true
			}
			if to, ok := r.rename[id.Name]; ok {
				id.Name = to
			}
		}
		return true
	})
	if used {
		imp := &ast.ImportSpec{Name: ast.NewIdent("."), Path: &ast.BasicLit{Kind: token.STRING, Value: `"` + sharedImport + `"`}}
		f.Imports = append(f.Imports, imp)
		f.Decls = append([]ast.Decl{&ast.GenDecl{Tok: token.IMPORT, Specs: []ast.Spec{imp}}}, f.Decls...)
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return format.Source(buf.Bytes())
}
