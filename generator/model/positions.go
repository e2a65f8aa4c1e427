package model

import (
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/load"
)

// routeKey joins one combination of discriminator values into a map key
// that no two combinations share, whatever the values hold (a NUL in an
// event type must not split it in two), and that sorts as the values do.
func routeKey(combo []string) string {
	esc := make([]string, len(combo))
	for i, v := range combo {
		esc[i] = strings.ReplaceAll(strings.ReplaceAll(v, "\x01", "\x01\x02"), "\x00", "\x01\x01")
	}
	return strings.Join(esc, "\x00")
}

// eventPos is where an event's discriminator is pinned (its first
// discriminator property, else its root), for router errors about it.
func (b *builder) eventPos(ev *Event, disc []string) diag.Pos {
	for _, d := range b.prov.Docs {
		if strings.TrimSuffix(d.Name, ".json") != ev.Schema {
			continue
		}
		root := d.RootSchema()
		k := b.follow(root).Keywords()
		for _, name := range disc {
			if p, ok := k.Property(name); ok {
				return p.Pos()
			}
		}
		return root.Pos()
	}
	return diag.Pos{File: b.prov.Dir}
}

// folderPos is where to report a problem of the provider folder as a
// whole when it has no manifest: the first schema file by name.
func (b *builder) folderPos() diag.Pos {
	var first *load.Document
	for _, d := range b.prov.Docs { // shuffled in tests
		if first == nil || d.Name < first.Name {
			first = d
		}
	}
	if first == nil {
		return diag.Pos{File: b.prov.Dir}
	}
	return first.RootSchema().Pos()
}

// inferPos is where to report that the discriminator cannot be inferred:
// the manifest, which is where it would be set, or else the first schema
// (in file order) that pins the properties in set ("a+b").
func (b *builder) inferPos(set string) diag.Pos {
	if b.prov.Manifest.Pos.File != "" {
		return b.prov.Manifest.Pos
	}
	var found *diag.Pos
	first := strings.Split(set, "+")[0]
	for _, d := range b.prov.Docs { // shuffled in tests: take the first by name
		if prop, ok := b.follow(d.RootSchema()).Keywords().Property(first); ok {
			if p := prop.Pos(); found == nil || p.File < found.File {
				found = &p
			}
		}
	}
	if found == nil {
		return diag.Pos{File: b.prov.Dir}
	}
	return *found
}
