package model

// MaxTypeDepth is how deeply one Go type expression may nest arrays, maps
// and the Optional/Nullable wrappers around them ([]map[string]Nullable[T]
// is 3). Go's type checker gives up inferring the generic runtime helpers'
// type arguments for expressions nested about 50 deep ("unification
// reached recursion depth limit": go vet fails and the compiler panics),
// so hookgen refuses schemas that would need one deeper than this, well
// short of that.
const MaxTypeDepth = 32

// checkTypeDepth reports every field and defined type whose Go type nests
// deeper than MaxTypeDepth, at the schema that asks for it.
func (b *builder) checkTypeDepth() {
	for _, t := range b.pkg.Types {
		switch t.Kind {
		case Struct:
			for _, f := range t.Fields {
				d := refDepth(f.Type)
				if f.Type.Kind != Raw && f.State != Required {
					d++
				}
				if d > MaxTypeDepth {
					b.diags.Unsupported(f.Pos, "its Go type nests %d arrays, maps and Optional/Nullable wrappers; hookgen generates types nested up to %d deep (name an inner schema in $defs to break it up)", d, MaxTypeDepth)
				}
			}
		case Defined, Enum:
			if d := refDepth(t.Base); d > MaxTypeDepth {
				b.diags.Unsupported(t.Pos, "its Go type nests %d arrays, maps and Nullable wrappers; hookgen generates types nested up to %d deep (name an inner schema in $defs to break it up)", d, MaxTypeDepth)
			}
		}
	}
}

// refDepth is how deeply r nests slices, maps and Nullable elements; a
// named type is a new type and counts 0 however it is defined.
func refDepth(r Ref) int {
	switch r.Kind {
	case Slice, Map:
		d := 1 + refDepth(*r.Elem)
		if r.Elem.Nullable && r.Elem.Kind != Raw {
			d++
		}
		return d
	}
	return 0
}
