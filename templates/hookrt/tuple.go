package hookrt

import "fmt"

// hkTuple walks the items of a JSON array decoded into a tuple's fields:
//
//	for t, fp := hkTupleItems(), p.item(0); t.next(d, &fp, &err); {
//		switch t.i {
//		case 0:
//			err = d.readString(&fp, &x.Name)
//		default:
//			err = d.readRaw(&fp, hkGrow(&x.Rest))
//		}
//	}
//
// fp is the path of the item being decoded (fp.parent the array's). A
// value that is not an array is a violation (and skipped).
type hkTuple struct {
	i     int
	extra bool // an item beyond those allowed was reported
}

func hkTupleItems() hkTuple { return hkTuple{i: -1} }

// next moves to the next item, setting ip.index: false at the end of the
// array, on a syntax error (stored in err), or when the value is not an
// array.
func (t *hkTuple) next(d *hkDecoder, ip *hkPath, err *error) bool {
	if *err != nil {
		return false
	}
	if t.i < 0 && d.peek() != hkArray {
		*err = d.mismatch(ip.parent, "array")
		return false
	}
	more, e := d.arrayNext(t.i + 1)
	if e != nil {
		*err = e
		return false
	}
	if !more {
		return false
	}
	t.i++
	ip.index = t.i
	return true
}

// count is the number of items read.
func (t *hkTuple) count() int { return t.i + 1 }

// missing marks the positions from the array's length up to k, those
// always present, refused without a violation of their own: decoding
// reported the short array, and the validation that follows in Parse, which
// sees zero values there, adds nothing at or below them.
func (t *hkTuple) missing(d *hkDecoder, p *hkPath, k int) {
	for i := t.count(); i < k; i++ {
		ip := p.item(i)
		d.errs.refuseOnly(&ip)
	}
}

// beyond skips an item after the allowed ones (draft-07 and 2019-09
// "additionalItems": false), reporting the first at the array, as
// jsonschema/v5 does.
func (t *hkTuple) beyond(d *hkDecoder, ip *hkPath, allowed int) error {
	if !t.extra {
		t.extra = true
		d.errs.add(ip.parent, "items", fmt.Sprintf("only %d items are allowed, but found more", allowed))
	}
	return d.skip()
}

// beyondEach skips an item after the allowed ones, reporting it at its
// own pointer (2020-12 "items": false, "unevaluatedItems": false), as
// jsonschema/v5 does.
func (t *hkTuple) beyondEach(d *hkDecoder, ip *hkPath, keyword string) error {
	d.errs.add(ip, keyword, "not allowed")
	return d.skip()
}

// hkGrow appends a zero element to *v and returns it, to decode into.
func hkGrow[T any](v *[]T) *T {
	var zero T
	*v = append(*v, zero)
	return &(*v)[len(*v)-1]
}

// hkTupleLen counts the items of a tuple value: its required positions,
// the optional ones set, and rest. gap reports a value no JSON array can
// be: an optional position set after an absent one, or rest items with a
// position absent.
func hkTupleLen(required, rest int, set ...bool) (n int, gap bool) {
	n = required
	absent := false
	for _, s := range set {
		switch {
		case s && absent:
			gap = true
		case s:
			n++
		default:
			absent = true
		}
	}
	if rest > 0 && absent {
		gap = true
	}
	return n + rest, gap
}
