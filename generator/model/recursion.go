package model

import (
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/load"
)

// guard keeps the paths that follow $refs from looping: a schema may
// reach itself through $ref (directly, through another definition, or
// through "#"), and a question about it (can it be typed, does it
// discriminate) must not ask itself again while it is being answered.
// Building types has its own guard (builder.visiting); this one is for
// the questions asked on the way (rawReason and what it calls).
type guard struct {
	active map[string]bool
}

// enter marks question q about the schema at key as being answered; it
// reports false when it already is (the schema reached itself).
func (g *guard) enter(q, key string) bool {
	if g.active == nil {
		g.active = map[string]bool{}
	}
	k := q + "\x00" + key
	if g.active[k] {
		return false
	}
	g.active[k] = true
	return true
}

func (g *guard) leave(q, key string) { delete(g.active, q+"\x00"+key) }

// breakCycles makes every struct that contains itself by value, directly
// or through other structs (Node.next is a Node; A.b is a B whose a is an
// A; also through Optional and Nullable, which hold their value inline),
// hold the struct that closes the cycle by pointer, so the Go type has a
// finite size. As ogen's gen/ir/recursion.go, the cycle is broken with
// indirection rather than refused: recursive payloads (trees, threads,
// linked lists) are common and valid.
//
// Fields whose type is in the same strongly connected component of the
// "contains by value" graph as their struct become pointers
// (Ref.Pointer); every other field stays a value. Slices, maps and sums
// (interfaces) are indirect already and never need it.
func (b *builder) breakCycles() {
	// Unions hold their members by value too (an object or a string whose
	// object is the enclosing struct: {"anyOf": [{"$ref": "#"}, ...]}).
	var structs []*Type
	for _, t := range b.pkg.Types {
		if t.Kind == Struct || t.Kind == Union || t.Kind == Tuple {
			structs = append(structs, t)
		}
	}
	slices.SortFunc(structs, func(x, y *Type) int { return strings.Compare(x.Name, y.Name) })
	byValueRef := func(r Ref) *Type {
		if r.Kind == Named && (r.Type.Kind == Struct || r.Type.Kind == Union || r.Type.Kind == Tuple) {
			return r.Type
		}
		return nil
	}
	// edges are the Refs a type holds by value: struct fields, union
	// members.
	edges := func(t *Type) []*Ref {
		var out []*Ref
		for _, f := range t.Fields {
			out = append(out, &f.Type)
		}
		for i := range t.Members {
			out = append(out, &t.Members[i].Base)
		}
		return out
	}
	// Tarjan's strongly connected components.
	index := map[*Type]int{}
	low := map[*Type]int{}
	onStack := map[*Type]bool{}
	comp := map[*Type]int{}
	var stack []*Type
	next, ncomp := 0, 0
	var visit func(t *Type)
	visit = func(t *Type) {
		index[t], low[t] = next, next
		next++
		stack = append(stack, t)
		onStack[t] = true
		for _, r := range edges(t) {
			u := byValueRef(*r)
			if u == nil {
				continue
			}
			if _, seen := index[u]; !seen {
				visit(u)
				low[t] = min(low[t], low[u])
			} else if onStack[u] {
				low[t] = min(low[t], index[u])
			}
		}
		if low[t] == index[t] {
			for {
				u := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[u] = false
				comp[u] = ncomp
				if u == t {
					break
				}
			}
			ncomp++
		}
	}
	for _, t := range structs {
		if _, seen := index[t]; !seen {
			visit(t)
		}
	}
	for _, t := range structs {
		for _, r := range edges(t) {
			if u := byValueRef(*r); u != nil && comp[u] == comp[t] {
				r.Pointer = true
			}
		}
	}
}

// checkLoops refuses $refs that lead back to themselves without
// descending into the value: {"X": {"anyOf": [{"$ref": "#/$defs/X"}, ...]}}
// applies X to the same value X is checking, so validating it (by
// hookgen's schema tables as by any validator) would never end, and no Go
// type can be built for it. Recursion that descends (through properties,
// items, additionalProperties...) is fine: each step consumes a level of
// the payload.
//
// The in-place applicators are $ref, allOf, anyOf, oneOf, not, if, then,
// else and dependentSchemas; a cycle of them is a strongly connected
// component of that graph with an edge inside, and every $ref on it is
// reported at its position.
func (b *builder) checkLoops() {
	// ref is the $ref keyword an edge follows, for the message (value nil
	// when the edge is no $ref).
	type ref struct {
		value *string
		pos   diag.Pos
	}
	type node struct {
		s     load.Schema
		edges []string
		refs  []ref // per edge
	}
	nodes := map[string]*node{}
	var keys []string
	var add func(s load.Schema) *node
	add = func(s load.Schema) *node {
		key := s.Key()
		if n, ok := nodes[key]; ok {
			return n
		}
		n := &node{s: s}
		nodes[key] = n
		keys = append(keys, key)
		edge := func(c load.Schema, r ref) {
			add(c)
			n.edges = append(n.edges, c.Key())
			n.refs = append(n.refs, r)
		}
		// A boolean schema has none of these keywords.
		k := s.Keywords()
		for _, branches := range [][]load.Schema{k.AllOf, k.AnyOf, k.OneOf} {
			for _, br := range branches {
				edge(br, ref{})
			}
		}
		for _, sub := range []*load.Schema{k.Not, k.If, k.Then, k.Else} {
			if sub != nil {
				edge(*sub, ref{})
			}
		}
		for _, dep := range k.DependentSchemas {
			edge(dep.Schema, ref{})
		}
		if k.Ref != nil {
			if target, err := b.prov.Resolve(s, *k.Ref); err == nil {
				edge(target, ref{value: k.Ref, pos: k.Pos("$ref")})
			}
		}
		return n
	}
	docs := b.prov.SchemaDocs()
	slices.SortFunc(docs, func(x, y *load.Document) int { return strings.Compare(x.Name, y.Name) })
	for _, d := range docs {
		load.WalkSchemas(d.RootSchema(), func(s load.Schema) { add(s) })
	}
	// Tarjan's strongly connected components, iterating keys in the order
	// they were added (document order), for deterministic messages.
	index, low, comp := map[string]int{}, map[string]int{}, map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	next, ncomp := 0, 0
	var visit func(k string)
	visit = func(k string) {
		index[k], low[k] = next, next
		next++
		stack = append(stack, k)
		onStack[k] = true
		for _, e := range nodes[k].edges {
			if _, seen := index[e]; !seen {
				visit(e)
				low[k] = min(low[k], low[e])
			} else if onStack[e] {
				low[k] = min(low[k], index[e])
			}
		}
		if low[k] == index[k] {
			for {
				u := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[u] = false
				comp[u] = ncomp
				if u == k {
					break
				}
			}
			ncomp++
		}
	}
	for _, k := range keys {
		if _, seen := index[k]; !seen {
			visit(k)
		}
	}
	for _, k := range keys {
		n := nodes[k]
		for i, e := range n.edges {
			if r := n.refs[i]; r.value != nil && comp[e] == comp[k] {
				b.diags.Add(r.pos, "$ref %q leads back here without descending into the value (through $ref, allOf, anyOf, oneOf, not, if/then/else or dependentSchemas only): validating it would never end", *r.value)
			}
		}
	}
}
