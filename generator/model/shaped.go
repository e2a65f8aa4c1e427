package model

// ShapedRaw lists the values of the package kept as raw JSON although
// their schema gives them a shape (a schema table validates them), each as
// "<type source> .<property>" with the reason: every one is a type
// hookgen failed to give its users. A value whose schema allows any JSON
// is raw by design and not listed.
func (p *Package) ShapedRaw() []string {
	var where []string
	seen := map[*Ref]bool{}
	var visit func(r *Ref, at string)
	visit = func(r *Ref, at string) {
		if r == nil || seen[r] {
			return
		}
		seen[r] = true
		switch r.Kind {
		case Raw:
			if r.Table != nil {
				where = append(where, at+" ("+r.RawReason+")")
			}
		case Slice, Map:
			visit(r.Elem, at+"[]")
		}
	}
	for _, t := range p.Types {
		for _, f := range t.Fields {
			visit(&f.Type, t.Source+" ."+f.JSONName)
		}
		if t.Kind == Defined {
			visit(&t.Base, t.Source)
		}
		for i := range t.Members {
			visit(&t.Members[i].Base, t.Source)
		}
	}
	return where
}
