package load

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
)

// Draft is the JSON Schema draft a document is written in, from its
// $schema; a document that names none is 2020-12.
type Draft int

const (
	Draft2020 Draft = iota
	Draft2019
	Draft7
)

func (d Draft) String() string {
	return [...]string{"2020-12", "2019-09", "draft-07"}[d]
}

// draftOf reads the document's $schema; without one, the draft is
// inherit.
func draftOf(root *Node, inherit Draft) Draft {
	s := root.Get("$schema")
	if s == nil || s.Kind != String {
		return inherit
	}
	switch strings.TrimSuffix(s.Str, "#") {
	case "https://json-schema.org/draft/2019-09/schema":
		return Draft2019
	case "http://json-schema.org/draft-07/schema":
		return Draft7
	}
	return Draft2020
}

// refAnnotations are the keywords that survive beside a draft-07 $ref:
// the draft ignores every other sibling, but these still name the schema,
// place it ($id, $schema) or hold definitions other $refs reach.
var refAnnotations = map[string]bool{"$id": true, "$schema": true, "$comment": true, "title": true,
	"description": true, "definitions": true, "$defs": true, "default": true, "examples": true,
	"readOnly": true, "writeOnly": true, "deprecated": true}

// normalize rewrites the document's schemas into draft 2020-12 terms, so
// the model reads one set of keywords with one meaning:
//   - draft-07 and 2019-09 array "items" (a tuple) becomes "prefixItems",
//     and "additionalItems" becomes "items" (ignored, as those drafts say,
//     when "items" is a single schema);
//   - draft-07 "dependencies" splits into "dependentRequired" (arrays) and
//     "dependentSchemas" (schemas);
//   - in draft-07, keywords beside "$ref" are dropped: that draft ignores
//     them (annotations and definitions are kept, $id is dropped too: it
//     does not change the base URI of the $ref beside it), and a
//     plain-name "$id": "#foo" becomes "$anchor": "foo".
//
// It also drops the provider's declared extension keywords
// (hookgen.json "extensions"), counting each use in used, and, when the
// manifest says "formats": "annotate", every "format": an annotation
// constrains nothing, and nothing downstream may read it as a check. Renamed members
// keep the name they were written with for positions and pointers.
func (d *Document) normalize(extensions map[string]bool, used map[string]int, annotateFormats bool) {
	d.Draft = draftOf(d.Root, d.inherit)
	var walk func(s Schema)
	walk = func(s Schema) {
		n := s.Node
		if n == nil || n.Kind != Object {
			return
		}
		if len(extensions) > 0 {
			kept := n.Members[:0]
			for _, m := range n.Members {
				if extensions[m.Name] {
					used[m.Name]++
					continue
				}
				kept = append(kept, m)
			}
			n.Members = kept
		}
		if d.builtin && s.Pointer == "" {
			// A built-in meta-schema's $vocabulary names the draft's own
			// vocabularies, which hookgen reads.
			n.drop(func(m Member) bool { return m.Name == "$vocabulary" })
		}
		if annotateFormats {
			n.drop(func(m Member) bool { return m.Name == "format" && m.Value.Kind == String })
		}
		if later := laterKeywords[d.Draft]; later != nil {
			// Taken out before the renames below, which give later
			// names ("prefixItems") to this draft's own keywords.
			n.drop(func(m Member) bool {
				if later[m.Name] {
					if d.later == nil {
						d.later = map[string][]Member{}
					}
					d.later[s.Pointer] = append(d.later[s.Pointer], m)
					return true
				}
				return false
			})
		}
		if d.Draft != Draft2020 {
			if items := n.Get("items"); items != nil && items.Kind == Array {
				for i := range n.Members {
					switch n.Members[i].Name {
					case "items":
						n.Members[i].rename("prefixItems")
					case "additionalItems":
						n.Members[i].rename("items")
					}
				}
			} else if n.Get("additionalItems") != nil {
				n.drop(func(m Member) bool { return m.Name == "additionalItems" })
			}
		}
		if d.Draft == Draft7 {
			if deps := n.Get("dependencies"); deps != nil && deps.Kind == Object {
				req := &Node{Kind: Object, Offset: deps.Offset}
				schemas := &Node{Kind: Object, Offset: deps.Offset}
				for _, m := range deps.Members {
					if m.Value.Kind == Array {
						req.Members = append(req.Members, m)
					} else {
						schemas.Members = append(schemas.Members, m)
					}
				}
				var out []Member
				for _, m := range n.Members {
					if m.Name != "dependencies" {
						out = append(out, m)
						continue
					}
					if len(req.Members) > 0 {
						out = append(out, Member{Name: "dependentRequired", Written: "dependencies", NameOffset: m.NameOffset, Value: req})
					}
					if len(schemas.Members) > 0 {
						out = append(out, Member{Name: "dependentSchemas", Written: "dependencies", NameOffset: m.NameOffset, Value: schemas})
					}
				}
				n.Members = out
			}
			if n.Get("$ref") != nil {
				n.drop(func(m Member) bool {
					return m.Name != "$ref" && (!refAnnotations[m.Name] || m.Name == "$id") && !strings.HasPrefix(m.Name, "x-")
				})
			}
			for i, m := range n.Members { // "$id": "#foo" names an anchor
				if m.Name == "$id" && m.Value.Kind == String && strings.HasPrefix(m.Value.Str, "#") {
					n.Members[i].rename("$anchor")
					n.Members[i].Value = &Node{Kind: String, Str: m.Value.Str[1:], Offset: m.Value.Offset}
				}
			}
		}
		walkChildren(s, walk)
	}
	walk(d.RootSchema())
}

// laterKeywords are the keywords a later draft defines, by the draft that
// lacks them. jsonschema/v5, like the drafts, ignores them there as
// unknown keywords; hookgen takes them out of the tree and reports each
// (reportLater) (a schema asking for them means a later draft), unless
// the manifest declares them as extensions to ignore. $defs stays: in
// any draft it is a place for $refs to point into.
var laterKeywords = map[Draft]map[string]bool{
	Draft7: {"dependentRequired": true, "dependentSchemas": true, "minContains": true, "maxContains": true,
		"unevaluatedProperties": true, "unevaluatedItems": true, "prefixItems": true, "$anchor": true,
		"$dynamicRef": true, "$dynamicAnchor": true, "$recursiveRef": true, "$recursiveAnchor": true},
	Draft2019: {"prefixItems": true, "$dynamicRef": true, "$dynamicAnchor": true},
}

// reportLater reports each keyword normalize took out of the document as
// a later draft's, wherever it stands: in a schema the model types, keys
// or branches it never visits, a keyword dropped unreported would be a
// constraint silently lost.
func (d *Document) reportLater(diags *diag.List) {
	for _, ptr := range slices.Sorted(maps.Keys(d.later)) {
		for _, m := range d.later[ptr] {
			at := Schema{Doc: d, Node: m.Value, Pointer: ptr + "/" + escapePointer(m.Name)}
			diags.Add(at.Pos(), "keyword %q belongs to a later draft than %s, the one this file's $schema names (jsonschema/v5 ignores it there); name a later draft in $schema, or declare it in %s: \"extensions\": [%q] to ignore it", m.Name, d.Draft, ManifestName, m.Name)
		}
	}
}

func (m *Member) rename(name string) {
	if m.Written == "" {
		m.Written = m.Name
	}
	m.Name = name
}

func (n *Node) drop(f func(Member) bool) {
	kept := n.Members[:0]
	for _, m := range n.Members {
		if !f(m) {
			kept = append(kept, m)
		}
	}
	n.Members = kept
}

// checkExtensions reports declared extensions no schema of the provider
// uses: a manifest entry that matches nothing is a mistake.
func (p *Provider) checkExtensions(used map[string]int, diags *diag.List) {
	for i, e := range p.Manifest.Extensions {
		if used[e] == 0 {
			diags.Add(p.Manifest.At(fmt.Sprintf("/extensions/%d", i)), "extension keyword %q is declared in %s but no schema of %s uses it", e, ManifestName, p.Name)
		}
	}
}
