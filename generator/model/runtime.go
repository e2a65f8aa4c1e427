package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"sync"

	"github.com/hookgen/hookgen/templates"
)

// RuntimeNames are the package-level names the copied runtime
// (templates/hookrt) declares, read from its source once: no schema type,
// helper or generated declaration may take one. Exported ones first, each
// group sorted.
func RuntimeNames() []string { return slices.Clone(runtimeNames()) }

var runtimeNames = sync.OnceValue(func() []string {
	var exported, private []string
	fset := token.NewFileSet()
	for _, rf := range templates.Runtime() {
		f, err := parser.ParseFile(fset, rf.Name, rf.Source, parser.SkipObjectResolution)
		if err != nil {
			panic("templates/hookrt/" + rf.Name + ": " + err.Error()) // compiled and tested as a package: cannot fail
		}
		add := func(id *ast.Ident) {
			switch {
			case id.Name == "_":
			case id.IsExported():
				exported = append(exported, id.Name)
			default:
				private = append(private, id.Name)
			}
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					add(d.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						add(s.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							add(n)
						}
					}
				}
			}
		}
	}
	slices.Sort(exported)
	slices.Sort(private)
	return append(exported, private...)
})

// PackageNames are the exported package-level names the generated
// package-wide files declare for every provider (hookgen_schemas_gen.go
// and doc_gen.go); the router's are claimed with the router.
var PackageNames = []string{"Provider", "DeliveryIDOf", "Schemas", "ValidateJSON", "DecodeJSON", "ParseSchema"}
