package model

import (
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/naming"
)

// rootPins reads what a root schema pins its properties to: a string
// const, or an enum of strings (the first value its own, the rest aliases).
// declared lists the root properties it names at all.
//
// A root that is a oneOf/anyOf (GitHub's pull_request review_requested:
// one branch for a user reviewer, one for a team) pins what every branch
// pins alike; a property its branches pin to different values names no
// one event and counts as declared, not pinned.
func (b *builder) rootPins(s load.Schema) (pins map[string][]string, constPinned []string, declared map[string]load.Schema) {
	target := b.follow(s)
	pins, constPinned, declared = b.propertyPins(target)
	for _, kw := range []string{"oneOf", "anyOf"} {
		branches, ok := target.Keyword(kw)
		if !ok || branches.Node.Kind != load.Array || len(branches.Node.Items) == 0 {
			continue
		}
		var common map[string][]string
		var commonConst []string
		for i := range branches.Node.Items {
			bp, bc, bd := b.propertyPins(b.follow(branches.Item(i)))
			for name, d := range bd {
				if _, ok := declared[name]; !ok {
					declared[name] = d
				}
			}
			if common == nil {
				common, commonConst = bp, bc
				continue
			}
			for name, vals := range common {
				other, ok := bp[name]
				if !ok {
					delete(common, name)
					continue
				}
				if !slices.Equal(other, vals) {
					// A sum told apart by this property, not one event:
					// if it is the discriminator, route reports it as
					// declared but not pinned.
					delete(common, name)
				}
			}
			commonConst = slices.DeleteFunc(commonConst, func(n string) bool { return !slices.Contains(bc, n) })
		}
		for name, vals := range common {
			if _, own := pins[name]; !own {
				pins[name] = vals
			}
		}
		for _, n := range commonConst {
			if _, ok := common[n]; ok && !slices.Contains(constPinned, n) {
				constPinned = append(constPinned, n)
			}
		}
	}
	return pins, constPinned, declared
}

// propertyPins reads the pins of one object schema's properties.
func (b *builder) propertyPins(target load.Schema) (pins map[string][]string, constPinned []string, declared map[string]load.Schema) {
	pins, declared = map[string][]string{}, map[string]load.Schema{}
	props, ok := target.Keyword("properties")
	if !ok || props.Node.Kind != load.Object {
		return pins, nil, declared
	}
	for _, m := range props.Node.Members {
		ps := b.follow(props.Member(m.Name))
		declared[m.Name] = props.Member(m.Name)
		if ps.Node.Kind != load.Object {
			continue
		}
		if c := ps.Node.Get("const"); c != nil && c.Kind == load.String {
			pins[m.Name] = []string{c.Str}
			constPinned = append(constPinned, m.Name)
		} else if e := ps.Node.Get("enum"); e != nil {
			var vals []string
			for _, it := range e.Items {
				if it.Kind == load.String {
					vals = append(vals, it.Str)
				}
			}
			if len(vals) > 0 {
				pins[m.Name] = vals
			}
		}
	}
	return pins, constPinned, declared
}

// route builds the Router: which schemas are events, their types, and how
// Parse tells them apart. Every problem names the files involved.
func (b *builder) route() {
	type candidate struct {
		doc      *load.Document
		root     Root
		pins     map[string][]string
		declared map[string]load.Schema
	}
	var cands []candidate
	count := map[string]int{}
	for _, r := range b.pkg.Roots {
		var doc *load.Document
		for _, d := range b.prov.Docs {
			if strings.TrimSuffix(d.Name, ".json") == r.Schema {
				doc = d
			}
		}
		pins, constPinned, declared := b.rootPins(doc.RootSchema())
		cands = append(cands, candidate{doc, r, pins, declared})
		if len(constPinned) > 0 {
			slices.Sort(constPinned)
			count[strings.Join(constPinned, "+")]++
		}
	}
	disc := b.prov.Manifest.Discriminator
	if len(disc) == 0 {
		best, tie := "", false
		for _, set := range sortedKeys(count) {
			switch {
			case best == "" || count[set] > count[best]:
				best, tie = set, false
			case count[set] == count[best]:
				tie = true
			}
		}
		if best == "" {
			return // no schema pins anything: no events
		}
		if tie {
			b.diags.Add(b.inferPos(best), "cannot infer the discriminator: as many schemas pin %s as other properties; set \"discriminator\" in %s", strings.ReplaceAll(best, "+", " + "), load.ManifestName)
			return
		}
		disc = strings.Split(best, "+")
		// In the order the first event declares them.
		for _, c := range cands {
			if c.pins[disc[0]] == nil {
				continue
			}
			var order []string
			if props := b.follow(c.doc.RootSchema()).Node.Get("properties"); props != nil {
				for _, m := range props.Members {
					order = append(order, m.Name)
				}
			}
			slices.SortStableFunc(disc, func(x, y string) int { return slices.Index(order, x) - slices.Index(order, y) })
			break
		}
	}
	router := &Router{Discriminator: disc, Unknown: "UnknownEvent"}
	own := map[string]*Event{}
	ownPos := map[string]diag.Pos{}
	for _, c := range cands {
		var values [][]string
		pinnedAll, pinnedAny := true, false
		for _, d := range disc {
			if v, ok := c.pins[d]; ok {
				values = append(values, v)
				pinnedAny = true
				continue
			}
			pinnedAll = false
			if ps, declared := c.declared[d]; declared {
				b.diags.Add(ps.Pos(), "event discriminator %q is declared but not pinned with const (or an enum of strings); every event of %s pins %s", d, b.prov.Name, strings.Join(disc, " + "))
			}
		}
		if !pinnedAll {
			if pinnedAny {
				b.diags.Add(c.doc.RootSchema().Pos(), "pins only part of the discriminator %s", strings.Join(disc, " + "))
			}
			continue // not an event: a shared definition or a request or response body
		}
		var ownValues []string
		for _, v := range values {
			ownValues = append(ownValues, v[0])
		}
		ev := &Event{
			Type:   strings.Join(ownValues, "."),
			Root:   c.root.Type,
			Schema: c.root.Schema,
			Values: values,
		}
		ev.Const = "Event" + naming.Exported(ev.Type)
		pos := c.doc.RootSchema().Pos()
		if prev, dup := own[ev.Type]; dup {
			b.diags.Add(pos, "event type %q is also the type of %s.json (%s); each event needs its own discriminator values", ev.Type, prev.Schema, ownPos[ev.Type])
			continue
		}
		own[ev.Type], ownPos[ev.Type] = ev, pos
		b.claim(ev.Const, "the constant of event "+ev.Type, pos)
		router.Events = append(router.Events, ev)
	}
	if len(router.Events) == 0 {
		return
	}
	slices.SortFunc(router.Events, func(x, y *Event) int { return strings.Compare(x.Type, y.Type) })
	for _, name := range []string{"Event", "Parse", "Handlers", "ErrNoHandler", router.Unknown} {
		b.claim(name, "the generated router ("+name+")", diag.Pos{})
	}

	// Every combination of accepted values is a route; where several
	// events accept one, a deeper pinned string must tell them apart.
	byValues := map[string][]*Event{}
	comboOf := map[string][]string{}
	for _, ev := range router.Events {
		for _, combo := range combinations(ev.Values) {
			key := routeKey(combo)
			byValues[key] = append(byValues[key], ev)
			comboOf[key] = combo
		}
	}
	for _, key := range sortedKeys(byValues) {
		evs := byValues[key]
		rt := &Route{Values: comboOf[key]}
		if len(evs) == 1 {
			rt.Event = evs[0]
			router.Routes = append(router.Routes, rt)
			continue
		}
		path, choices := b.disambiguate(evs)
		if path == nil {
			var files []string
			for _, ev := range evs {
				files = append(files, ev.Schema+".json")
			}
			b.diags.Add(b.eventPos(evs[len(evs)-1], disc), "events %s all accept %s = %s, and no string they pin below the root tells them apart", strings.Join(files, ", "), strings.Join(disc, " + "), strings.Join(rt.Values, " + "))
			continue
		}
		rt.Path, rt.Choices = path, choices
		rt.Fallback = evs[0]
		for _, ev := range evs {
			if ev.Type == strings.Join(rt.Values, ".") {
				rt.Fallback = ev // the event whose own type it is
			}
		}
		router.Routes = append(router.Routes, rt)
	}
	for _, ev := range router.Events {
		ev.Root.Event = ev
	}
	b.pkg.Router = router
}

// combinations lists every tuple with one value from each list.
func combinations(lists [][]string) [][]string {
	out := [][]string{nil}
	for _, l := range lists {
		var next [][]string
		for _, prefix := range out {
			for _, v := range l {
				next = append(next, append(slices.Clone(prefix), v))
			}
		}
		out = next
	}
	return out
}

// disambiguate finds a path below the root that every event pins to a
// distinct string const through required properties (so it is always
// there), the shortest first.
func (b *builder) disambiguate(evs []*Event) ([]string, []Choice) {
	var common map[string]string
	per := make([]map[string]string, len(evs))
	for i, ev := range evs {
		for _, d := range b.prov.Docs {
			if strings.TrimSuffix(d.Name, ".json") == ev.Schema {
				per[i] = map[string]string{}
				b.nestedPins(d.RootSchema(), "", per[i], 0)
			}
		}
		if i == 0 {
			common = per[0]
		}
	}
	var paths []string
	for p := range common {
		paths = append(paths, p)
	}
	slices.SortFunc(paths, func(x, y string) int {
		if d := strings.Count(x, "/") - strings.Count(y, "/"); d != 0 {
			return d
		}
		return strings.Compare(x, y)
	})
	for _, p := range paths {
		seen := map[string]bool{}
		var choices []Choice
		ok := true
		for i, ev := range evs {
			v, has := per[i][p]
			if !has || seen[v] {
				ok = false
				break
			}
			seen[v] = true
			choices = append(choices, Choice{Value: v, Event: ev})
		}
		if ok {
			slices.SortFunc(choices, func(x, y Choice) int { return strings.Compare(x.Value, y.Value) })
			return strings.Split(strings.TrimPrefix(p, "/"), "/"), choices
		}
	}
	return nil, nil
}

// nestedPins collects, below the root, the string consts reachable
// through required properties: path → value.
func (b *builder) nestedPins(s load.Schema, path string, out map[string]string, depth int) {
	s = b.follow(s)
	if depth > 8 || s.Node.Kind != load.Object {
		return
	}
	props, ok := s.Keyword("properties")
	req := s.Node.Get("required")
	if !ok || req == nil {
		return
	}
	for _, r := range req.Items {
		p := props.Node.Get(r.Str)
		if p == nil {
			continue
		}
		child := b.follow(props.Member(r.Str))
		sub := path + "/" + r.Str
		if c := child.Node.Get("const"); c != nil && c.Kind == load.String && path != "" {
			out[sub] = c.Str
		}
		b.nestedPins(child, sub, out, depth+1)
	}
}
