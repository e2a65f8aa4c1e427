package hookrt

import "strings"

// refusedWithin reports whether decoding refused the value at p or a value
// inside it. Its violation there is the only one it gets: checks that
// compare what several schemas say of the whole value (a same-type oneOf
// or anyOf) would only see the zero value left in its place, so they are
// skipped.
func (e *hkErrors) refusedWithin(p *hkPath) bool {
	if len(e.refused) == 0 {
		return false
	}
	ptr := p.String()
	for r := range e.refused {
		if r == ptr || strings.HasPrefix(r, ptr+"/") {
			return true
		}
	}
	return false
}

// refusedMember reports whether decoding refused the member name of the
// object at p, or the object itself, or never saw a required one: an
// assertion reading that field would judge the zero value left in its
// place, so it is skipped. Validate on its own (an empty collector) skips
// nothing.
func (e *hkErrors) refusedMember(p *hkPath, name string) bool {
	if len(e.refused) == 0 {
		return false
	}
	fp := p.field(name)
	return e.isRefused(fp.String())
}
