package model

import (
	"fmt"
	"path"
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
	k := target.Keywords()
	for _, branches := range [][]load.Schema{k.OneOf, k.AnyOf} {
		if len(branches) == 0 {
			continue
		}
		var common map[string][]string
		var commonConst []string
		for _, br := range branches {
			bp, bc, bd := b.propertyPins(b.follow(br))
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
	for _, p := range target.Keywords().Properties {
		declared[p.Name] = p.Schema
		pk := b.follow(p.Schema).Keywords()
		if c := pk.Const; c != nil && c.Kind == load.String {
			pins[p.Name] = []string{c.Str}
			constPinned = append(constPinned, p.Name)
		} else {
			var vals []string
			for _, it := range pk.Enum {
				if it.Kind == load.String {
					vals = append(vals, it.Str)
				}
			}
			if len(vals) > 0 {
				pins[p.Name] = vals
			}
		}
	}
	return pins, constPinned, declared
}

// candidate is a root schema that may be an event.
type candidate struct {
	doc      *load.Document
	root     Root
	pins     map[string][]string
	const_   []string // the properties pinned by a single const
	declared map[string]load.Schema
}

// route builds the Router: which schemas are events, their types, and how
// ParseRequest tells them apart. Every problem names the files involved,
// and every manifest entry that matches nothing is an error.
func (b *builder) route() {
	m := b.prov.Manifest
	manifestPos := m.Pos
	if manifestPos.File == "" {
		manifestPos = diag.Pos{File: b.prov.Dir}
	}
	before := b.diags.Len()
	var cands []candidate
	for _, r := range b.pkg.Roots {
		doc := b.docOf(r.Schema)
		if b.shared(doc) {
			continue // shared definitions are never events
		}
		pins, constPinned, declared := b.rootPins(doc.RootSchema())
		cands = append(cands, candidate{doc, r, pins, constPinned, declared})
	}
	for i, d := range m.Discriminator {
		found := false
		for _, c := range cands {
			if _, ok := c.declared[d]; ok {
				found = true
			}
		}
		if !found {
			b.diags.Add(m.At(fmt.Sprintf("/discriminator/%d", i)), "\"discriminator\": no schema of %s has a root property %q", b.prov.Name, d)
			return // the router would be empty or wrong: this is the one error
		}
	}
	disc := m.Discriminator
	if m.EventHeader == "" && len(disc) == 0 && !m.Endpoints {
		var ok bool
		if disc, ok = b.inferDiscriminator(cands); !ok || len(disc) == 0 {
			return // no schema pins anything: no events
		}
	}
	router := &Router{Discriminator: disc, Header: m.EventHeader, Unknown: "UnknownEvent"}
	switch {
	case m.EventHeader != "":
		b.headerEvents(router, cands)
	case m.Endpoints:
		router.Endpoints = true
		for _, c := range cands {
			if c.root.Type.Kind == Sum {
				b.diags.Add(c.doc.RootSchema().Pos(), "%s cannot be an endpoint event: its root is a oneOf of variants (a sum type); wrap it in an object or add a discriminator to the manifest", c.doc.Name)
				continue
			}
			b.addEvent(router, c, load.SchemaStem(c.doc.Name), nil, "")
		}
	default:
		for _, c := range cands {
			values, ok := b.pinnedValues(c, disc)
			if !ok {
				continue // not an event: a shared definition or a request or response body
			}
			b.addEvent(router, c, "", values, "")
		}
	}
	b.checkDeliveryID(router, cands)
	if len(router.Events) == 0 {
		if (m.EventHeader != "" || len(m.Discriminator) > 0 || m.Endpoints) && b.diags.Len() == before {
			b.diags.Add(manifestPos, "the manifest routes events (%s), but no schema of %s is an event", routingWords(router), b.prov.Name)
		}
		return
	}
	slices.SortFunc(router.Events, func(x, y *Event) int { return strings.Compare(x.Type, y.Type) })
	for _, name := range []string{"Event", "Parse", "ParseRequest", "ParseAs", "Handlers", "ErrNoHandler", router.Unknown} {
		b.claim(name, "the generated router ("+name+")", diag.Pos{})
	}
	if router.Endpoints && len(router.Events) > 1 {
		b.claim("ErrEndpoint", "the generated router (ErrEndpoint)", diag.Pos{})
	}
	switch {
	case router.Endpoints:
	case router.Header == "":
		router.Routes = b.bodyRoutes(router.Events, disc)
	default:
		byValue := map[string][]*Event{}
		for _, ev := range router.Events {
			byValue[ev.Header] = append(byValue[ev.Header], ev)
		}
		for _, v := range sortedKeys(byValue) {
			evs := byValue[v]
			g := &Group{Value: v}
			if len(evs) == 1 && evs[0].Values == nil {
				g.Event = evs[0]
			} else {
				g.Routes = b.bodyRoutes(evs, disc)
				// Unexported, so it cannot clash with a schema's name;
				// values that differ only in punctuation get their index.
				g.Func = "hkRoute" + naming.Exported(v)
				for _, other := range router.Groups {
					if other.Func == g.Func {
						g.Func += fmt.Sprint(len(router.Groups))
					}
				}
			}
			router.Groups = append(router.Groups, g)
		}
	}
	for _, ev := range router.Events {
		ev.Root.Event = ev
	}
	b.pkg.Router = router
}

func routingWords(r *Router) string {
	var w []string
	if r.Header != "" {
		w = append(w, "event_header "+r.Header)
	}
	if r.Endpoints {
		w = append(w, "endpoints")
	}
	if len(r.Discriminator) > 0 {
		w = append(w, "discriminator "+strings.Join(r.Discriminator, " + "))
	}
	return strings.Join(w, ", ")
}

// docOf returns the document of a root, by its schema name.
func (b *builder) docOf(schema string) *load.Document {
	for _, d := range b.prov.Docs {
		if strings.TrimSuffix(d.Name, ".json") == schema {
			return d
		}
	}
	return nil
}

// shared reports whether a document is in one of the manifest's shared
// folders.
func (b *builder) shared(d *load.Document) bool {
	for _, s := range b.prov.Manifest.Shared {
		if strings.HasPrefix(d.Name, s+"/") {
			return true
		}
	}
	return false
}

// inferDiscriminator finds the set of root properties pinned by const in
// the most schemas. A property that every schema pinning it pins to the
// same value (Stripe's "object": "event") tells no event apart and is
// left out. ok is false when there is nothing to route or it cannot tell.
func (b *builder) inferDiscriminator(cands []candidate) ([]string, bool) {
	values := map[string]map[string]bool{}
	pinners := map[string]int{}
	for _, c := range cands {
		for _, name := range c.const_ {
			if values[name] == nil {
				values[name] = map[string]bool{}
			}
			values[name][c.pins[name][0]] = true
			pinners[name]++
		}
	}
	count := map[string]int{}
	for _, c := range cands {
		pinned := slices.DeleteFunc(slices.Clone(c.const_), func(n string) bool { return pinners[n] > 1 && len(values[n]) == 1 })
		if len(pinned) > 0 {
			slices.Sort(pinned)
			count[strings.Join(pinned, "+")]++
		}
	}
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
		return nil, true
	}
	if tie {
		b.diags.Add(b.inferPos(best), "cannot infer the discriminator: as many schemas pin %s as other properties; set \"discriminator\" in %s", strings.ReplaceAll(best, "+", " + "), load.ManifestName)
		return nil, false
	}
	disc := strings.Split(best, "+")
	// In the order the first event declares them.
	for _, c := range cands {
		if c.pins[disc[0]] == nil {
			continue
		}
		var order []string
		for _, p := range b.follow(c.doc.RootSchema()).Keywords().Properties {
			order = append(order, p.Name)
		}
		slices.SortStableFunc(disc, func(x, y string) int { return slices.Index(order, x) - slices.Index(order, y) })
		break
	}
	return disc, true
}

// pinnedValues returns what a candidate pins each discriminator property
// to; ok is false when it pins none of them (no event). A partial pin, or
// a declared but unpinned discriminator, is reported.
func (b *builder) pinnedValues(c candidate, disc []string) (values [][]string, ok bool) {
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
		return nil, false
	}
	return values, true
}

// headerEvents makes every candidate an event of the header-routed
// router. A schema's header value is its path without ".json" (and
// ".schema"): "orders/create.json" is X-Shopify-Topic orders/create. With
// a discriminator, the header value is the schema's folder instead
// ("pull_request/opened.schema.json" is X-GitHub-Event pull_request), and
// the body's discriminator tells the folder's events apart; a folder
// holding one schema that pins no discriminator (push/event.schema.json)
// is that event whatever the body says. A schema at the top of the
// provider folder is its own header value.
func (b *builder) headerEvents(router *Router, cands []candidate) {
	disc := router.Discriminator
	groups := map[string][]candidate{}
	for _, c := range cands {
		stem := load.SchemaStem(c.doc.Name)
		value := stem
		if len(disc) > 0 && strings.Contains(stem, "/") {
			value = path.Dir(stem)
		}
		groups[value] = append(groups[value], c)
	}
	for _, value := range sortedKeys(groups) {
		cs := groups[value]
		var plain []string
		for _, c := range cs {
			if len(disc) == 0 || !b.pinsAny(c, disc) {
				plain = append(plain, c.doc.Name)
			}
		}
		if len(plain) > 0 && len(cs) > 1 {
			var all []string
			for _, c := range cs {
				all = append(all, c.doc.Name)
			}
			for _, c := range cs {
				if slices.Contains(plain, c.doc.Name) {
					b.diags.Add(c.doc.RootSchema().Pos(), "cannot be routed: %s %s names %s, and %s pins no %s to tell it from the others; pin %s in every schema of %s, or move it to a folder of its own", router.Header, value, strings.Join(all, ", "), c.doc.Name, strings.Join(disc, " + "), strings.Join(disc, " + "), value)
				}
			}
			continue
		}
		for _, c := range cs {
			if len(plain) > 0 {
				b.addEvent(router, c, value, nil, value)
				continue
			}
			values, ok := b.pinnedValues(c, disc)
			if !ok {
				continue // reported by pinnedValues or pinsAny
			}
			b.addEvent(router, c, "", values, value)
		}
	}
}

// pinsAny reports whether a candidate pins any of the discriminator
// properties. One that only declares them (GitHub's repository_dispatch,
// whose action is free text) pins none: alone in its header value, it is
// that value's event.
func (b *builder) pinsAny(c candidate, disc []string) bool {
	for _, d := range disc {
		if _, ok := c.pins[d]; ok {
			return true
		}
	}
	return false
}

// addEvent records one event. typ is its type when the header value or
// endpoint names it; otherwise the type is the discriminator values
// (prefixed with the header value). Its file must be named after it.
func (b *builder) addEvent(router *Router, c candidate, typ string, values [][]string, header string) {
	pos := c.doc.RootSchema().Pos()
	if typ == "" {
		var own []string
		for _, v := range values {
			own = append(own, v[0])
		}
		typ = strings.Join(own, ".")
		base := path.Base(load.SchemaStem(c.doc.Name))
		if naming.FileStem(base) != naming.FileStem(typ) && naming.FileStem(load.SchemaStem(c.doc.Name)) != naming.FileStem(typ) {
			b.diags.Add(pos, "the event pins %s to %q, but its file is named %q: an event's file is named after its type (rename the file, or fix the pinned value)", strings.Join(router.Discriminator, " + "), typ, path.Base(c.doc.Name))
		}
		if header != "" {
			typ = header + "." + typ
		}
	}
	ev := &Event{Type: typ, Root: c.root.Type, Schema: c.root.Schema, Values: values, Header: header}
	ev.Const = "Event" + naming.Exported(ev.Type)
	for _, prev := range router.Events {
		if prev.Type == ev.Type {
			b.diags.Add(pos, "event type %q is also the type of %s.json (%s); each event needs its own discriminator values", ev.Type, prev.Schema, prev.Root.Pos)
			return
		}
	}
	b.claim(ev.Const, "the constant of event "+ev.Type, pos)
	router.Events = append(router.Events, ev)
}

// checkDeliveryID reports a manifest delivery_id that no event (or, with
// no events, no schema) declares: a typo there would leave every
// delivery without an id, silently.
func (b *builder) checkDeliveryID(router *Router, cands []candidate) {
	ptr := b.prov.Manifest.DeliveryID
	if ptr == "" {
		return
	}
	var where []load.Document
	for _, c := range cands {
		isEvent := len(router.Events) == 0
		for _, ev := range router.Events {
			if ev.Schema == c.root.Schema {
				isEvent = true
			}
		}
		if isEvent {
			where = append(where, *c.doc)
		}
	}
	var missing []string
	for _, d := range where {
		if !b.declaresPath(d.RootSchema(), b.pkg.DeliveryID, 0) {
			missing = append(missing, d.Name)
		}
	}
	pos := b.prov.Manifest.At("/delivery_id")
	if len(missing) > 0 && len(missing) == len(where) {
		b.diags.Add(pos, "\"delivery_id\": %s names a property no event schema of %s declares", ptr, b.prov.Name)
	} else if len(missing) > 0 {
		b.diags.Add(pos, "\"delivery_id\": %s is not declared by %s", ptr, strings.Join(missing, ", "))
	}
}

// declaresPath reports whether the schema (or every branch of its root
// oneOf/anyOf, or one of its allOf, or the target of a $ref with keywords
// beside it) declares the property path.
func (b *builder) declaresPath(s load.Schema, toks []string, depth int) bool {
	if len(toks) == 0 {
		return true
	}
	s = b.follow(s)
	k := s.Keywords()
	if depth > 16 || k.Bool != nil {
		return false
	}
	if p, ok := k.Property(toks[0]); ok && b.declaresPath(p, toks[1:], depth+1) {
		return true
	}
	for _, part := range k.AllOf {
		if b.declaresPath(part, toks, depth+1) {
			return true
		}
	}
	if k.Ref != nil { // keywords beside a $ref (follow stopped here): its target is a part too
		if target, err := b.prov.Resolve(s, *k.Ref); err == nil && b.declaresPath(target, toks, depth+1) {
			return true
		}
	}
	for _, branches := range [][]load.Schema{k.OneOf, k.AnyOf} {
		if len(branches) == 0 {
			continue
		}
		every := true
		for _, br := range branches {
			every = every && b.declaresPath(br, toks, depth+1)
		}
		if every {
			return true
		}
	}
	return false
}

// bodyRoutes maps every combination of accepted discriminator values to
// its event; where several events accept one, a deeper pinned string must
// tell them apart.
func (b *builder) bodyRoutes(events []*Event, disc []string) []*Route {
	var routes []*Route
	byValues := map[string][]*Event{}
	comboOf := map[string][]string{}
	for _, ev := range events {
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
			routes = append(routes, rt)
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
			if ev.Type == strings.Join(rt.Values, ".") || ev.Type == ev.Header+"."+strings.Join(rt.Values, ".") {
				rt.Fallback = ev // the event whose own type it is
			}
		}
		routes = append(routes, rt)
	}
	return routes
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
	k := s.Keywords()
	if depth > 8 || k.Bool != nil {
		return
	}
	for _, r := range k.Required {
		p, ok := k.Property(r)
		if !ok {
			continue
		}
		child := b.follow(p)
		sub := path + "/" + r
		if c := child.Keywords().Const; c != nil && c.Kind == load.String && path != "" {
			out[sub] = c.Str
		}
		b.nestedPins(child, sub, out, depth+1)
	}
}
