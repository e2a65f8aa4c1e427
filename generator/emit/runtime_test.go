package emit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator/model"
)

// hookrtDecls is what templates/hookrt declares: its package-level names,
// and for each type the names of its fields and methods (interface
// methods included).
type hookrtDecls struct {
	top     map[string]bool
	members map[string]map[string]bool // type -> field or method names
}

func parseHookrt(t *testing.T) hookrtDecls {
	t.Helper()
	dir := filepath.Join("..", "..", "templates", "hookrt")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := hookrtDecls{top: map[string]bool{}, members: map[string]map[string]bool{}}
	member := func(typ, name string) {
		if d.members[typ] == nil {
			d.members[typ] = map[string]bool{}
		}
		d.members[typ][name] = true
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil {
					d.top[decl.Name.Name] = true
					continue
				}
				recv := decl.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				switch r := recv.(type) {
				case *ast.IndexExpr:
					recv = r.X
				case *ast.IndexListExpr:
					recv = r.X
				}
				member(recv.(*ast.Ident).Name, decl.Name.Name)
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						d.top[spec.Name.Name] = true
						var fields *ast.FieldList
						switch typ := spec.Type.(type) {
						case *ast.StructType:
							fields = typ.Fields
						case *ast.InterfaceType:
							fields = typ.Methods
						}
						if fields != nil {
							for _, fl := range fields.List {
								for _, n := range fl.Names {
									member(spec.Name.Name, n.Name)
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range spec.Names {
							d.top[n.Name] = true
						}
					}
				}
			}
		}
	}
	return d
}

// TestRuntimeContract: every runtime identifier the emitters name
// (runtime.go) exists in templates/hookrt, each field or method on each
// type it is listed for. Renaming a runtime identifier without the list
// fails here, not in the generated code of some provider.
func TestRuntimeContract(t *testing.T) {
	rt := parseHookrt(t)
	if len(rt.top) < 50 {
		t.Fatalf("parsed only %d package-level names of templates/hookrt", len(rt.top))
	}
	for _, n := range runtimeNames {
		if !rt.top[n] {
			t.Errorf("the emitters name %s, which templates/hookrt does not declare", n)
		}
	}
	for _, m := range runtimeMembers {
		for _, owner := range m.owners {
			if !rt.top[owner] {
				t.Errorf("%s: the owner %s is not a type of templates/hookrt", m.name, owner)
			} else if !rt.members[owner][m.name] {
				t.Errorf("the emitters use %s.%s, which templates/hookrt does not declare", owner, m.name)
			}
		}
	}
}

// TestRuntimeNamesAreListed: no emitter spells a runtime identifier as a
// bare string: a string literal naming a package-level runtime
// declaration, or an argument of Dot naming a listed runtime member, must
// be the constant of runtime.go instead.
func TestRuntimeNamesAreListed(t *testing.T) {
	rt := parseHookrt(t)
	listed := map[string]bool{}
	for _, m := range runtimeMembers {
		// Exported members (Value, Set, ...) share names with the
		// generated API and the standard library: only private ones are
		// the runtime's own.
		if !ast.IsExported(m.name) {
			listed[m.name] = true
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "runtime.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(n.Value); err == nil && n.Kind == token.STRING && strings.HasPrefix(s, "hk") && rt.top[s] {
					t.Errorf("%s: the runtime's %s spelt as a string; use the constant of runtime.go", fset.Position(n.Pos()), s)
				}
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Dot" || len(n.Args) != 1 {
					return true
				}
				if lit, ok := n.Args[0].(*ast.BasicLit); ok {
					if s, _ := strconv.Unquote(lit.Value); listed[s] {
						t.Errorf("%s: Dot(%q) names a runtime member; use the constant of runtime.go", fset.Position(lit.Pos()), s)
					}
				}
			}
			return true
		})
	}
	if checked < 8 {
		t.Fatalf("checked only %d emitter files", checked)
	}
}

// TestModelRuntimeNames: the names a schema type may not take are every
// exported package-level name of the runtime (read from it, not copied).
func TestModelRuntimeNames(t *testing.T) {
	rt := parseHookrt(t)
	var exported []string
	for n := range rt.top {
		if ast.IsExported(n) {
			exported = append(exported, n)
		}
	}
	slices.Sort(exported)
	for _, n := range exported {
		if !slices.Contains(model.RuntimeNames(), n) {
			t.Errorf("model.RuntimeNames lacks the runtime's %s: a schema type of that name would not compile", n)
		}
	}
	for _, n := range model.RuntimeNames() {
		if !rt.top[n] {
			t.Errorf("model.RuntimeNames has %s, which the runtime does not declare", n)
		}
	}
}
