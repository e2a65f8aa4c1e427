package schemas_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator"
)

// TestReadmeListsEveryEvent keeps README.md true: the block between the
// events markers must list every schema file of every provider with its
// event type and Go type, as the model names them.
func TestReadmeListsEveryEvent(t *testing.T) {
	res, err := generator.Generate(generator.Options{Schemas: "."})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("| provider | schema | event type | Go type |\n| --- | --- | --- | --- |\n")
	for _, o := range oracles(t) {
		var pkgTypes = map[string]string{}
		for _, pkg := range res.Packages {
			if pkg.Provider != o.Provider.Name {
				continue
			}
			for _, ty := range pkg.Types {
				pkgTypes[ty.Source] = pkg.Name + "." + ty.Name
			}
		}
		for _, s := range o.Schemas {
			goType, ok := pkgTypes[o.Provider.Name+"/"+s.Doc.Name+"#"]
			if !ok {
				continue // shared definitions only
			}
			event := "(not an event)"
			if s.IsEvent() {
				event = "`" + o.EventType(s) + "`"
			}
			fmt.Fprintf(&b, "| %s | `%s` | %s | `%s` |\n", o.Provider.Name, filepath.ToSlash(filepath.Join("schemas", o.Provider.Name, s.Doc.Name)), event, goType)
		}
	}
	want := b.String()
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- events:begin -->\n", "<!-- events:end -->"
	text := string(readme)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q ... %q block; it should hold:\n%s", begin, end, want)
	}
	if got := text[i+len(begin) : j]; got != want {
		t.Errorf("README.md's event table is out of date; it should be:\n%s", want)
	}
}
