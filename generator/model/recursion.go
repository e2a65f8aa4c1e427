package model

import (
	"slices"
	"strings"
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
	var structs []*Type
	for _, t := range b.pkg.Types {
		if t.Kind == Struct {
			structs = append(structs, t)
		}
	}
	slices.SortFunc(structs, func(x, y *Type) int { return strings.Compare(x.Name, y.Name) })
	byValue := func(f *Field) *Type {
		if f.Type.Kind == Named && f.Type.Type.Kind == Struct {
			return f.Type.Type
		}
		return nil
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
		for _, f := range t.Fields {
			u := byValue(f)
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
		for _, f := range t.Fields {
			if u := byValue(f); u != nil && comp[u] == comp[t] {
				f.Type.Pointer = true
			}
		}
	}
}
