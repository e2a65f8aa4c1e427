package model

import (
	"slices"

	"github.com/hookgen/hookgen/generator/diag"
)

// Typed tags: the values that say which kind of thing a value is get a
// named type with constants, never a bare string.

// nameUnionKinds names the kind of each union's members: MessageID.Type
// is a JSONType (declared by the runtime, so shared by every union of the
// package and reserved with RuntimeNames), JSONInteger or JSONString.
func (b *builder) nameUnionKinds() {
	for _, t := range b.pkg.Types {
		if t.Kind != Union {
			continue
		}
		t.KindType = "JSONType"
		for i := range t.Members {
			m := &t.Members[i]
			m.KindConst = "JSON" + m.Field
		}
	}
}

// typeEventFields names the router's event type (EventType) and, when one
// root property names the event, gives that property the same Go type in
// every event: EventType, checked against the values the event's schema
// accepts. The enum type the property had of its own (such as
// MessageDeliveryDeliveredType) is no longer generated.
func (b *builder) typeEventFields() {
	r := b.pkg.Router
	if r == nil || len(r.Events) == 0 {
		return
	}
	r.TypeName = "EventType"
	b.claim(r.TypeName, "the generated router (EventType)", diag.Pos{})
	if r.Header != "" || r.Endpoints || len(r.Discriminator) != 1 {
		return
	}
	var dropped []*Type
	for _, ev := range r.Events {
		if ev.Root == nil || ev.Root.Kind != Struct || len(ev.Values) != 1 {
			continue
		}
		for _, f := range ev.Root.Fields {
			if f.JSONName != r.Discriminator[0] || f.State != Required {
				continue
			}
			ref := f.Type
			switch {
			case ref.Kind == Builtin && ref.Builtin == "string":
				if ref.Rules == nil {
					continue
				}
				if _, ok := ref.Rules.Const.(string); !ok {
					continue
				}
				rules := *ref.Rules
				ref.Rules = &rules
			case ref.Kind == Named && ref.Type.Kind == Enum && ref.Type.Base.Kind == Builtin && ref.Type.Base.Builtin == "string" && ref.Type.Rules.Empty():
				dropped = append(dropped, ref.Type)
				values := slices.Clone(ev.Values[0])
				slices.Sort(values)
				ref = Ref{Kind: Builtin, Builtin: "string", Rules: &Rules{Checks: NoChecks, Enum: &values}}
			default:
				continue
			}
			ref.StringType = r.TypeName
			f.Type = ref
		}
	}
	if len(dropped) == 0 {
		return
	}
	// Drop each enum type no other value refers to.
	used := map[*Type]bool{}
	var mark func(r Ref)
	mark = func(r Ref) {
		if r.Elem != nil {
			mark(*r.Elem)
		}
		if r.Kind == Named {
			used[r.Type] = true
		}
	}
	for _, t := range b.pkg.Types {
		mark(t.Base)
		for _, f := range t.Fields {
			mark(f.Type)
		}
		for _, m := range t.Members {
			mark(m.Base)
		}
		for _, v := range t.Variants {
			used[v.Type] = true
		}
	}
	for _, rt := range b.pkg.Roots {
		used[rt.Type] = true
	}
	gone := func(t *Type) bool { return slices.Contains(dropped, t) && !used[t] }
	b.pkg.Types = slices.DeleteFunc(b.pkg.Types, gone)
	for _, f := range b.pkg.Files {
		f.Types = slices.DeleteFunc(f.Types, gone)
	}
}
