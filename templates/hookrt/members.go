package hookrt

import (
	"encoding/binary"
	"strconv"
	"unicode/utf8"
)

// The iterators below carry the loops of the generated decoders: a struct
// walks its members with hkMembers, an array its elements with hkItems, a
// map its entries with hkEntries. The generated code is left with a line
// or two per field, which keeps it small enough to generate (gofmt is most
// of generation's cost) and to read.
//
// Each loop stops at the first syntax error, kept in the decoder's error
// result, which the generated code also writes (a field's decoder stores
// its error there). The path of the value being decoded lives in the
// generated code (fp, ip0, kp0...): next only sets its key or index.
// Keeping pointers to the caller's frames (and the error) out of the
// iterators is what lets escape analysis leave every path, mask and
// iterator on the stack: a valid payload allocates nothing for them
// (internal/bench's TestParseAllocatesOnlyWhatItKeeps holds that).

// hkObjectSpec lists the members a generated struct decodes, in the order
// of its fields; the generated code switches on a member's index.
type hkObjectSpec struct {
	names []string
	// quoted is the name as it appears in JSON when nothing in it is
	// escaped ("" when the name itself needs escapes), to compare in
	// place without scanning the member name first.
	quoted []string
	// required lists the indices of the required members; missing has
	// the violation for each when it never comes.
	required []int
	missing  []string
	// requiredMask has the bits of the required members, to check them
	// all at once.
	requiredMask []uint64
	// closed: a member the schema does not name is a violation
	// (additionalProperties: false), reported at the object; with
	// unevaluated, at the member itself (unevaluatedProperties: false).
	closed, unevaluated bool
}

// hkStructSpec builds the spec of a struct; the generated code declares one
// per struct at package level.
func hkStructSpec(names []string, required []int, closed bool) *hkObjectSpec {
	s := &hkObjectSpec{names: names, quoted: make([]string, len(names)), required: required, closed: closed}
	for i, n := range names {
		if hkPlainName(n) {
			s.quoted[i] = `"` + n + `"`
		}
	}
	if len(required) > 0 { // the struct has a seen mask
		s.requiredMask = make([]uint64, (len(names)+63)/64)
	}
	for _, i := range required {
		s.missing = append(s.missing, "missing properties: "+strconv.Quote(names[i]))
		s.requiredMask[i>>6] |= 1 << (i & 63)
	}
	return s
}

// hkUnevaluatedSpec builds the spec of a struct that
// unevaluatedProperties: false closes: each member the schema does not
// name is a violation at its own pointer, as jsonschema/v5 reports it.
func hkUnevaluatedSpec(names []string, required []int) *hkObjectSpec {
	s := hkStructSpec(names, required, true)
	s.unevaluated = true
	return s
}

// hkPlainName reports whether a member name appears in JSON exactly as it
// is, unless the sender chose to escape some of it (which the slow path
// reads).
func hkPlainName(n string) bool {
	for i := 0; i < len(n); i++ {
		if c := n[i]; c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.ValidString(n)
}

// The states of an hkMembers: before the '{', between the braces, after
// the '}', or the value was not an object at all.
const (
	hkBeforeObject = iota
	hkInObject
	hkAfterObject
	hkNotObject
)

// hkMembers walks the members of an object for a generated struct
// decoder:
//
//	m, fp := d.members(hkSpecT, seen[:]), p.field("")
//	for m.next(d, &fp, &err) {
//		switch m.i {
//		case 0:
//			err = d.readString(&fp, &x.ID)
//		}
//	}
//	return m.end(d, &fp, err)
//
// fp is the path of the member being decoded (fp.parent the object's). It
// skips the members the spec does not name (reporting them when the
// object is closed), and end reports the required members that never
// came. What decoding found is only in the decoder's errors, never in the
// struct: a value validates by its exported fields alone.
type hkMembers struct {
	spec *hkObjectSpec
	seen []uint64
	// i is the index of the member to decode.
	i int
	// extra counts the members the spec does not name.
	extra int
	// guess is the member expected next: the one after the last found.
	guess int
	state uint8
}

// members starts walking the object at the decoder's position. seen is a
// zeroed mask with a bit per member (nil when the struct has no required
// member).
func (d *hkDecoder) members(spec *hkObjectSpec, seen []uint64) hkMembers {
	return hkMembers{spec: spec, seen: seen, i: -1}
}

// next moves to the next member the spec names, setting fp.key; false at
// the end of the object, on a syntax error (stored in err, which is also
// where the field decoders put theirs), or when the value is not an
// object (a violation, and the value is skipped).
//
// The common case, the member the schema lists next, is read here in
// place; anything else goes to member.
func (m *hkMembers) next(d *hkDecoder, fp *hkPath, err *error) bool {
	if *err != nil {
		return false
	}
	if m.state != hkInObject {
		return m.open(d, fp, err)
	}
	// The ',' of the common case here; the '}', the end of input and
	// errors in separator (a call per member costs 2-3% of a Parse).
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == ',' {
		d.pos++
	} else if !m.separator(d, err) {
		return false
	}
	if m.expected(d, fp) {
		return true
	}
	return m.member(d, fp, err)
}

// expected reads the name of the member after the last one found, if that
// is the name next in the input (followed by its ':'). Names of up to 16
// bytes in quotes, nearly all of them, are compared here with two loads
// each side; longer ones word by word.
func (m *hkMembers) expected(d *hkDecoder, fp *hkPath) bool {
	d.ws()
	g := m.guess
	if g >= len(m.spec.quoted) {
		return false
	}
	q := m.spec.quoted[g]
	n, pos := len(q), d.pos
	if n == 0 || pos+n >= len(d.data) || d.data[pos+n] != ':' {
		return false // a space before the ':' takes the long way
	}
	b := d.data[pos : pos+n]
	switch {
	case n > 16:
		if !hkHasPrefixAt(b, 0, q) {
			return false
		}
	case n >= 8:
		if binary.LittleEndian.Uint64(b) != hkWord64(q) || binary.LittleEndian.Uint64(b[n-8:]) != hkWord64(q[n-8:]) {
			return false
		}
	case n >= 4:
		if binary.LittleEndian.Uint32(b) != hkWord32(q) || binary.LittleEndian.Uint32(b[n-4:]) != hkWord32(q[n-4:]) {
			return false
		}
	default:
		if string(b) != q {
			return false
		}
	}
	d.pos = pos + n + 1
	m.found(g, d, fp)
	return true
}

// hkHasPrefixAt reports whether b[pos:] starts with q (which fits), a
// word at a time with the last word overlapping: member names are short,
// and a call to the runtime's comparison costs more than the comparison.
func hkHasPrefixAt(b []byte, pos int, q string) bool {
	n := len(q)
	b = b[pos : pos+n]
	switch {
	case n >= 8:
		for i := 0; i+8 < n; i += 8 {
			if binary.LittleEndian.Uint64(b[i:]) != hkWord64(q[i:]) {
				return false
			}
		}
		return binary.LittleEndian.Uint64(b[n-8:]) == hkWord64(q[n-8:])
	case n >= 4:
		return binary.LittleEndian.Uint32(b) == hkWord32(q) && binary.LittleEndian.Uint32(b[n-4:]) == hkWord32(q[n-4:])
	}
	return string(b) == q
}

// hkWord64 and hkWord32 are the first bytes of s as a little-endian word.
func hkWord64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func hkWord32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// found makes member i the current one.
func (m *hkMembers) found(i int, d *hkDecoder, fp *hkPath) {
	again := false
	if m.seen != nil {
		again = m.seen[i>>6]&(1<<(i&63)) != 0
		m.seen[i>>6] |= 1 << (i & 63)
	}
	m.i, m.guess = i, i+1
	fp.key = m.spec.names[i]
	if again {
		// A member given twice: the last value is the member's, as
		// encoding/json and jsonschema/v5 read it, so what the earlier
		// one broke is not the payload's.
		d.errs.forget(fp)
	}
}

// whole reports whether the object was read to its '}', so that its
// members were all counted (extra holds the ones the spec does not name).
func (m *hkMembers) whole() bool { return m.state == hkAfterObject }

// open consumes the '{' and reads the first member, or reports a value
// that is not an object.
func (m *hkMembers) open(d *hkDecoder, fp *hkPath, err *error) bool {
	if m.state != hkBeforeObject {
		return false
	}
	if d.peek() != hkObject {
		m.state = hkNotObject
		*err = d.mismatch(fp.parent, "object")
		return false
	}
	m.state = hkInObject
	d.pos++ // the '{' peek found
	d.depth++
	if d.depth > hkMaxDepth {
		*err = d.syntax("nesting too deep")
		return false
	}
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.depth--
		m.state = hkAfterObject
		return false
	}
	if m.expected(d, fp) {
		return true
	}
	return m.member(d, fp, err)
}

// member reads members from a name on until one the spec lists: each
// other one is skipped (and reported when the object is closed).
func (m *hkMembers) member(d *hkDecoder, fp *hkPath, err *error) bool {
	for {
		key, e := d.rawString()
		if e != nil {
			*err = e
			return false
		}
		i := -1
		for j, n := range m.spec.names {
			if string(key) == n {
				i = j
				break
			}
		}
		if i < 0 && m.spec.closed {
			if m.spec.unevaluated {
				mp := fp.parent.field(string(key))
				d.errs.addf(&mp, "unevaluatedProperties", "property %q is not allowed", string(key))
			} else {
				d.errs.addf(fp.parent, "additionalProperties", "property %q is not allowed", string(key))
			}
		}
		d.ws()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			*err = d.syntax("expecting ':'")
			return false
		}
		d.pos++
		if i >= 0 {
			m.found(i, d, fp)
			return true
		}
		m.i = -1
		m.extra++
		if e := d.skip(); e != nil {
			*err = e
			return false
		}
		if !m.separator(d, err) {
			return false
		}
	}
}

// separator consumes the ',' before another member (true) or the closing
// '}' (false, the object is done).
func (m *hkMembers) separator(d *hkDecoder, err *error) bool {
	d.ws()
	if d.pos >= len(d.data) {
		*err = d.syntax("unexpected end of input in an object")
		return false
	}
	switch d.data[d.pos] {
	case ',':
		d.pos++
		return true
	case '}':
		d.pos++
		d.depth--
		m.state = hkAfterObject
		return false
	}
	*err = d.syntax("expecting ',' or '}'")
	return false
}

// end returns err, the syntax error that stopped decoding, if any;
// otherwise it reports each required member that never came, and marks its
// pointer refused: validation, which sees the zero value in its place,
// adds nothing at or below it.
func (m *hkMembers) end(d *hkDecoder, fp *hkPath, err error) error {
	if err != nil || m.state != hkAfterObject {
		return err
	}
	missing := false
	for w, mask := range m.spec.requiredMask {
		if m.seen[w]&mask != mask {
			missing = true
		}
	}
	if !missing {
		return nil
	}
	for k, i := range m.spec.required {
		if m.seen[i>>6]&(1<<(i&63)) == 0 {
			d.errs.add(fp.parent, "required", m.spec.missing[k])
			missed := fp.parent.field(m.spec.names[i])
			d.errs.refuseOnly(&missed)
		}
	}
	return nil
}

// hkItems walks the elements of an array into a slice:
//
//	for a, ip := hkArrayItems(&x.Tags), fp.item(0); a.next(d, &ip, &err); {
//		err = d.readString(&ip, a.elem())
//	}
//
// ip is the path of the element being decoded (ip.parent the array's). A
// value that is not an array is a violation (and skipped); an array, even
// an empty one, leaves a non-nil slice.
type hkItems[T any] struct {
	v *[]T
	i int
}

func hkArrayItems[T any](v *[]T) hkItems[T] {
	return hkItems[T]{v: v, i: -1}
}

// next moves to the next element, setting ip.index: false at the end of
// the array, on a syntax error (stored in err), or when the value is not
// an array.
func (a *hkItems[T]) next(d *hkDecoder, ip *hkPath, err *error) bool {
	if *err != nil {
		return false
	}
	if a.i < 0 {
		if d.peek() != hkArray {
			*err = d.mismatch(ip.parent, "array")
			return false
		}
		*a.v = make([]T, 0)
	}
	more, e := d.arrayNext(a.i + 1)
	if e != nil {
		*err = e
		return false
	}
	if !more {
		return false
	}
	a.i++
	ip.index = a.i
	return true
}

// elem appends a zero element and returns it, to decode into; call it
// once per element.
func (a *hkItems[T]) elem() *T {
	var zero T
	*a.v = append(*a.v, zero)
	return &(*a.v)[len(*a.v)-1]
}

// hkEntries walks the members of an object into a map:
//
//	for o, kp := hkMapEntries(&x.Meta), fp.field(""); o.next(d, &kp, &err); {
//		err = d.readString(&kp, o.elem())
//	}
//
// kp is the path of the value being decoded (kp.parent the object's). Each
// value is stored when the next member (or the end) is reached; a
// repeated name keeps its last value, as encoding/json does.
type hkEntries[T any] struct {
	v       *map[string]T
	key     string
	val     T
	started bool
	pending bool
}

func hkMapEntries[T any](v *map[string]T) hkEntries[T] {
	return hkEntries[T]{v: v}
}

// next moves to the next member, setting kp.key: false at the end of the
// object, on a syntax error (stored in err), or when the value is not an
// object.
func (o *hkEntries[T]) next(d *hkDecoder, kp *hkPath, err *error) bool {
	if *err != nil {
		return false
	}
	if o.pending {
		(*o.v)[o.key] = o.val
		o.pending = false
	}
	first := !o.started
	if first {
		if d.peek() != hkObject {
			*err = d.mismatch(kp.parent, "object")
			return false
		}
		*o.v = make(map[string]T)
		o.started = true
	}
	k, more, e := d.objectNext(first)
	if e != nil {
		*err = e
		return false
	}
	if !more {
		return false
	}
	var zero T
	o.key, o.val, o.pending = d.str(k), zero, true
	kp.key = o.key
	if _, again := (*o.v)[o.key]; again {
		d.errs.forget(kp) // the last value is the member's (see found)
	}
	return true
}

// elem is the value to decode the current member into.
func (o *hkEntries[T]) elem() *T { return &o.val }

// nullInto consumes a null if one is next, and records whether it did.
func (d *hkDecoder) nullInto(null *bool) bool {
	*null = d.null()
	return *null
}
