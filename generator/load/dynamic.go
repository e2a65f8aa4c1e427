package load

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
)

// resolveDynamic turns every $dynamicRef (2020-12) and $recursiveRef
// (2019-09) into a plain $ref to the schema it reaches, when that schema
// is the same however the reference is reached.
//
// The target of a dynamic reference depends on the dynamic scope: the
// schema resources evaluation passed through to get there. It starts
// where a $ref would go; when that schema declares the dynamic anchor the
// fragment names ($dynamicAnchor, or "$recursiveAnchor": true at a
// resource root), the target is that anchor in the outermost resource of
// the scope declaring it. Generated code has no dynamic scope at run
// time, so the scopes are walked here: from every file's root and every
// $defs entry at a file's root (their Go types validate as parts of the
// file, so the file's resource is in scope), through sub-schemas and
// $refs, recording for each dynamic reference the targets the scopes give
// it. One target: the reference becomes a $ref to it (renamed members
// keep "$dynamicRef" for pointers). Several: hookgen cannot give the
// schema one Go type, and says so.
func (p *Provider) resolveDynamic(diags *diag.List) {
	docs := p.SchemaDocs()
	uses := false
	dyn := map[string]map[string]Schema{} // resource → $dynamicAnchor name → schema
	rec := map[string]Schema{}            // resource → its root, "$recursiveAnchor": true
	for _, d := range docs {
		walkSchemas(d.RootSchema(), func(s Schema) {
			if s.Node.Get("$dynamicRef") != nil || s.Node.Get("$recursiveRef") != nil {
				uses = true
			}
			if a := s.Node.Get("$dynamicAnchor"); a != nil && a.Kind == String && d.Draft == Draft2020 {
				base := s.Base()
				if dyn[base] == nil {
					dyn[base] = map[string]Schema{}
				}
				if _, dup := dyn[base][a.Str]; !dup {
					dyn[base][a.Str] = s
				}
			}
			if a := s.Node.Get("$recursiveAnchor"); a != nil && a.Kind == Bool && a.Bool && d.Draft == Draft2019 {
				if _, root := s.Doc.bases[s.Pointer]; root {
					rec[s.Base()] = s
				}
			}
		})
	}
	if !uses {
		return
	}
	type use struct {
		ref     Schema            // the schema holding the dynamic reference
		targets map[string]Schema // by key
		from    map[string]Schema // target key → the entry point that gave it first
	}
	refs := map[string]*use{}
	var order []string
	record := func(s, target, entry Schema) {
		u := refs[s.Key()]
		if u == nil {
			u = &use{ref: s, targets: map[string]Schema{}, from: map[string]Schema{}}
			refs[s.Key()] = u
			order = append(order, s.Key())
		}
		if _, ok := u.targets[target.Key()]; !ok {
			u.targets[target.Key()] = target
			u.from[target.Key()] = entry
		}
	}
	// The scope keeps only the resources that declare dynamic anchors, in
	// the order evaluation first entered them: the outermost declaration
	// wins, so entering one again changes nothing.
	enter := func(scope []string, s Schema) []string {
		base := s.Base()
		if (dyn[base] != nil || rec[base].Node != nil) && !slices.Contains(scope, base) {
			return append(slices.Clip(scope), base)
		}
		return scope
	}
	seen := map[string]bool{}
	var entry Schema
	var visit func(s Schema, scope []string)
	visit = func(s Schema, scope []string) {
		if s.Node == nil || s.Node.Kind != Object {
			return
		}
		scope = enter(scope, s)
		key := s.Key() + "\x00" + strings.Join(scope, "\x00")
		if seen[key] {
			return
		}
		seen[key] = true
		if ref := s.Node.Get("$ref"); ref != nil && ref.Kind == String {
			if t, err := p.Resolve(s, ref.Str); err == nil {
				visit(t, scope)
			}
		}
		if ref := s.Node.Get("$dynamicRef"); ref != nil && ref.Kind == String && s.Doc.Draft == Draft2020 {
			if t, err := p.Resolve(s, ref.Str); err == nil {
				if frag := fragment(ref.Str); frag != "" && !strings.HasPrefix(frag, "/") {
					if a := t.Node.Get("$dynamicAnchor"); a != nil && a.Kind == String && a.Str == frag {
						for _, r := range scope {
							if outer, ok := dyn[r][frag]; ok {
								t = outer
								break
							}
						}
					}
				}
				record(s, t, entry)
				visit(t, scope)
			}
		}
		if ref := s.Node.Get("$recursiveRef"); ref != nil && ref.Kind == String && s.Doc.Draft == Draft2019 {
			if t, err := p.Resolve(s, ref.Str); err == nil {
				if anchored, ok := rec[t.Base()]; ok && anchored.Key() == t.Key() {
					for _, r := range scope {
						if outer, ok := rec[r]; ok {
							t = outer
							break
						}
					}
				}
				record(s, t, entry)
				visit(t, scope)
			}
		}
		walkChildren(s, func(c Schema) {
			rest := strings.TrimPrefix(c.Pointer, s.Pointer)
			if strings.HasPrefix(rest, "/$defs/") || strings.HasPrefix(rest, "/definitions/") {
				return // evaluated only where a $ref leads
			}
			visit(c, scope)
		})
	}
	for _, d := range p.Docs {
		root := d.RootSchema()
		entry = root
		visit(root, nil)
		for _, kw := range []string{"$defs", "definitions"} {
			if defs, ok := root.Keyword(kw); ok && defs.Node.Kind == Object {
				for _, m := range defs.Node.Members {
					entry = defs.Member(m.Name)
					visit(entry, enter(nil, root))
				}
			}
		}
	}
	for _, k := range order {
		u := refs[k]
		name := "$dynamicRef"
		if u.ref.Node.Get(name) == nil {
			name = "$recursiveRef"
		}
		kw, _ := u.ref.Keyword(name)
		if len(u.targets) > 1 {
			var ways []string
			for tk, t := range u.targets {
				ways = append(ways, fmt.Sprintf("%s when reached from %s", describe(t), describe(u.from[tk])))
			}
			slices.Sort(ways)
			diags.Unsupported(kw.Pos(), "%s %q has no single target: it is %s; hookgen resolves dynamic references when it generates, so the schema holding one must mean the same wherever it is used", name, kw.Node.Str, strings.Join(ways, ", "))
			u.ref.Node.drop(func(m Member) bool { return m.Name == name }) // reported; not again as an unsupported keyword
			continue
		}
		if u.ref.Node.Get("$ref") != nil {
			diags.Unsupported(kw.Pos(), "%s beside $ref", name)
			continue
		}
		var target Schema
		for _, t := range u.targets {
			target = t
		}
		abs, err := url.Parse(target.Doc.URI)
		if err != nil {
			continue
		}
		abs.Fragment = target.Pointer
		for i := range u.ref.Node.Members {
			if m := &u.ref.Node.Members[i]; m.Name == name {
				m.rename("$ref")
				m.Value = &Node{Kind: String, Str: abs.String(), Offset: m.Value.Offset}
			}
		}
	}
}

// fragment is the fragment of a URI reference, unescaped.
func fragment(ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	return u.Fragment
}

// describe names a schema for messages: its file and pointer.
func describe(s Schema) string {
	if s.Pointer == "" {
		return s.Doc.Name
	}
	return s.Doc.Name + "#" + s.Pointer
}
