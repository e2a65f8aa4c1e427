package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestModelReadsOnlyTypedKeywords keeps the model off untyped JSON: it
// reads a schema's keywords from load.Keywords, decoded once by load,
// never from the schema's JSON node. A keyword read from the node would
// be a second definition of what the keyword means, which is how the
// typed path and the table path used to drift apart. Enum, const and
// default values are JSON by nature and stay *load.Node values.
func TestModelReadsOnlyTypedKeywords(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	found := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		calls := map[*ast.SelectorExpr]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					calls[sel] = true
				}
			}
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "load" {
				return true // a type or function of package load
			}
			// load.Schema's node, and its methods that step into it.
			switch name := sel.Sel.Name; {
			case name == "Node", calls[sel] && (name == "Keyword" || name == "Member" || name == "Item"):
				t.Errorf("%s: .%s reads a schema's JSON; use its load.Keywords", fset.Position(sel.Pos()), name)
				found++
			}
			return true
		})
	}
	if found > 0 {
		t.Logf("%d reads of untyped keywords", found)
	}
}
