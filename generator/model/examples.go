package model

import (
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/load"
)

// examples matches test payloads to their schemas (the longest schema name
// that prefixes the file name) and events. When a provider has examples,
// every schema must have a valid one.
func (b *builder) examples(examples []load.Example, testdata string) {
	if len(examples) == 0 {
		return
	}
	b.pkg.Testdata = testdata
	events := map[string]*Event{}
	if b.pkg.Router != nil {
		for _, ev := range b.pkg.Router.Events {
			events[ev.Schema] = ev
		}
	}
	covered := map[string]bool{}
	for _, ex := range examples {
		var root Root
		// The longest schema name that prefixes the example's, with or
		// without ".schema" (GitHub's opened.schema.json has examples
		// named opened.payload.json).
		best := 0
		for _, r := range b.pkg.Roots {
			for _, prefix := range []string{r.Schema, load.SchemaStem(r.Schema + ".json")} {
				if strings.HasPrefix(ex.Name, prefix+".") && len(prefix) > best {
					root, best = r, len(prefix)
				}
			}
		}
		if root.Type == nil {
			b.diags.Add(diag.Pos{File: ex.Path}, "no schema of %s for this example: its name must start with a schema file's name", b.prov.Name)
			continue
		}
		kind := "invalid/"
		if ex.Valid {
			kind = "valid/"
			covered[root.Schema] = true
		}
		b.pkg.Examples = append(b.pkg.Examples, Example{
			File: kind + ex.Name, Schema: root, Event: events[root.Schema],
			Valid: ex.Valid, Want: ex.Want, Size: len(ex.Data), Data: ex.Data,
		})
	}
	for i := range b.pkg.Examples {
		ex := &b.pkg.Examples[i]
		if !ex.Valid || ex.Event == nil || strings.Contains(ex.File, ".future.") {
			continue
		}
		if b.pkg.Typical == nil || ex.Size > b.pkg.Typical.Size {
			b.pkg.Typical = ex
		}
	}
	for _, r := range b.pkg.Roots {
		if !covered[r.Schema] {
			b.diags.Add(r.Type.Pos, "schema %s has no valid example in the test data of %s", r.Schema+".json", b.prov.Name)
		}
	}
}
