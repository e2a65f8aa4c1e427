package hookrt

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// Peeks read ahead without consuming anything, for routing: a path of
// member names (peekPath, discriminator), several members in one forward
// scan (peekMembers), and the root object's last members read backward
// (peekTail). skipFast passes the members they do not need; the decode that
// follows every peek checks the syntax of everything.

// discriminator finds the string value of member key in the object that
// starts at the decoder's position, without consuming anything or
// allocating. ok is false when the member is absent or not a string. The
// value is valid until the decoder's next call.
func (d *hkDecoder) discriminator(key string) (value []byte, ok bool, err error) {
	return d.peekPath(key)
}

// peekPath finds the string at a path of member names below the value at
// the decoder's position (data/message/status), without consuming
// anything or allocating; it reads only as far as it must. ok is false when
// a member on the way is absent or not an object, or the last one is not
// a string.
func (d *hkDecoder) peekPath(path ...string) (value []byte, ok bool, err error) {
	save, saveDepth := d.pos, d.depth
	defer func() { d.pos, d.depth = save, saveDepth }()
	for i, key := range path {
		if d.peek() != hkObject {
			return nil, false, nil
		}
		found := false
		for first := true; ; first = false {
			k, more, err := d.objectNext(first)
			if err != nil {
				return nil, false, err
			}
			if !more {
				return nil, false, nil
			}
			if string(k) == key {
				found = true
				break
			}
			if err := d.skipFast(); err != nil {
				return nil, false, err
			}
		}
		if found && i == len(path)-1 {
			if d.peek() != hkString {
				return nil, false, nil
			}
			v, err := d.rawString()
			if err != nil {
				return nil, false, err
			}
			return v, true, nil
		}
	}
	return nil, false, nil
}

// peekMembers finds the string values of several members of the object at
// the decoder's position in one scan, without consuming anything: vals[i]
// is the value of keys[i] (nil when absent or not a string). Values read
// through escapes are copied, the rest alias the input.
func (d *hkDecoder) peekMembers(keys []string, vals [][]byte) error {
	save, saveDepth := d.pos, d.depth
	defer func() { d.pos, d.depth = save, saveDepth }()
	if d.peek() != hkObject {
		return nil
	}
	left := len(keys)
	for first := true; left > 0; first = false {
		k, more, err := d.objectNext(first)
		if err != nil || !more {
			return err
		}
		i := -1
		for j, key := range keys {
			if vals[j] == nil && string(k) == key {
				i = j
				break
			}
		}
		if i < 0 || d.peek() != hkString {
			if err := d.skipFast(); err != nil {
				return err
			}
			continue
		}
		v, err := d.rawString()
		if err != nil {
			return err
		}
		vals[i] = d.detach(v)
		if vals[i] == nil {
			vals[i] = []byte{} // present and empty
		}
		left--
	}
	return nil
}

// detach copies v if it lives in the decoder's scratch buffer, so that a
// later peek cannot overwrite it; a value read straight from the input
// (no escapes) is returned as it is, without allocating.
func (d *hkDecoder) detach(v []byte) []byte {
	if len(v) > 0 && cap(d.scratch) > 0 && &v[0] == &d.scratch[:1][0] {
		return append([]byte(nil), v...)
	}
	return v
}

// skipFast steps over one value by its structure alone: strings (with
// their escapes) and nesting, no checking of what is inside. Peeks use it
// to pass members they do not need; the decode that follows every peek
// checks the syntax of everything.
func (d *hkDecoder) skipFast() error {
	d.ws()
	depth := 0
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; c {
		case '"':
			d.pos++
			for {
				if d.pos+8 <= len(d.data) {
					m := hkQuoteOrBackslash(binary.LittleEndian.Uint64(d.data[d.pos:]))
					if m == 0 {
						d.pos += 8
						continue
					}
					d.pos += bits.TrailingZeros64(m) >> 3
				}
				if d.pos >= len(d.data) {
					return d.syntax("unexpected end of input in a string")
				}
				c := d.data[d.pos]
				d.pos++
				if c == '\\' {
					d.pos++
				} else if c == '"' {
					break
				}
			}
			if depth == 0 {
				return nil
			}
		case '{', '[':
			depth++
			d.pos++
		case '}', ']':
			if depth == 0 {
				return nil // the end of the enclosing value: an empty member
			}
			depth--
			d.pos++
			if depth == 0 {
				return nil
			}
		case ',', ':':
			if depth == 0 {
				return nil
			}
			d.pos++
		default:
			d.pos++
			if depth == 0 {
				// A scalar: it ends at the next delimiter.
				for d.pos < len(d.data) {
					switch d.data[d.pos] {
					case ',', '}', ']', ' ', '\t', '\n', '\r':
						return nil
					}
					d.pos++
				}
				return nil
			}
		}
	}
	return d.syntax("unexpected end of input")
}

// hkQuoteOrBackslash is non-zero when a word holds a quote or a backslash.
func hkQuoteOrBackslash(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, bs := x^(ones*'"'), x^(ones*'\\')
	return ((q-ones) & ^q | (bs-ones) & ^bs) & highs
}

// peekTail looks for the members keys among the last members of the root
// object, reading backward from its closing brace: providers often put the
// event's name after the payload ({"data": {...}, "entity": ..., "action":
// ...}), where a forward peek would pass over the whole payload first. It
// reads only "name": "plain string" pairs; at anything else (a nested
// value, a number, an escape) it stops, and ok is false unless every key
// was found by then. The decode that follows checks the whole payload.
func (d *hkDecoder) peekTail(keys []string, vals [][]byte) (ok bool) {
	b := d.data
	i := hkBackSpace(b, len(b)-1)
	if i < 0 || b[i] != '}' {
		return false
	}
	i--
	found := 0
	for found < len(keys) {
		var v, k []byte
		if v, i = hkBackString(b, hkBackSpace(b, i)); v == nil {
			return false
		}
		if i = hkBackSpace(b, i); i < 0 || b[i] != ':' {
			return false
		}
		if k, i = hkBackString(b, hkBackSpace(b, i-1)); k == nil {
			return false
		}
		for j, key := range keys {
			if vals[j] == nil && string(k) == key {
				vals[j] = v
				found++
			}
		}
		if i = hkBackSpace(b, i); i < 0 || b[i] != ',' {
			break // the first member, or not a plain pair
		}
		i--
	}
	return found == len(keys)
}

// hkBackSpace steps back from b[i] over white space.
func hkBackSpace(b []byte, i int) int {
	for i >= 0 && i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i--
	}
	return i
}

// hkBackString reads backward a plain string whose closing quote is b[i]:
// its contents (nil if it is not a plain string) and the index before its
// opening quote.
func hkBackString(b []byte, i int) ([]byte, int) {
	if i < 0 || i >= len(b) || b[i] != '"' {
		return nil, i
	}
	end := i
	ascii := true
	for i--; i >= 0 && b[i] != '"'; i-- {
		if b[i] == '\\' || b[i] < 0x20 {
			return nil, i
		}
		if b[i] >= utf8.RuneSelf {
			ascii = false
		}
	}
	if i < 0 {
		return nil, i
	}
	s := b[i+1 : end]
	if !ascii && !utf8.Valid(s) {
		return nil, i // the decode would read U+FFFD: leave it to it
	}
	return s, i - 1
}

// peekNames reports which of names the object at the decoder's position
// has as members, bit i for names[i] (at most 64 names), for sums whose
// variants each require a member of their own. It reads member names only,
// passing values by their structure, and consumes nothing.
func (d *hkDecoder) peekNames(names []string) (has uint64, err error) {
	save, saveDepth := d.pos, d.depth
	defer func() { d.pos, d.depth = save, saveDepth }()
	if d.peek() != hkObject {
		return 0, nil
	}
	for first := true; ; first = false {
		k, more, err := d.objectNext(first)
		if err != nil || !more {
			return has, err
		}
		for i, name := range names {
			if string(k) == name {
				has |= 1 << i
			}
		}
		if err := d.skipFast(); err != nil {
			return has, err
		}
	}
}

// try decodes the value at the decoder's position into v on a copy of the
// decoder, and validates it: ok when neither found a violation; end is
// where the value ends. d itself moves nowhere and records nothing, so a
// sum can try its variants in turn. A syntax error is returned. Only the
// verdict counts, so the violations are found without their pointers
// (the caller's path would escape through v's methods, and cost every
// value of the sum an allocation).
func (d *hkDecoder) try(v hkValue) (ok bool, end int, err error) {
	t := hkDecoder{data: d.data, pos: d.pos, depth: d.depth}
	if err := v.decodeJSON(&t, nil); err != nil {
		return false, 0, err
	}
	if len(t.errs.list) > 0 {
		return false, t.pos, nil
	}
	v.validate(&t.errs, nil)
	return len(t.errs.list) == 0, t.pos, nil
}

// hkValidateVariants validates the JSON of a sum's unknown variant against
// the oneOf or anyOf (keyword) of the variants, fresh values each: raw
// decoded and validated as every one of them; when none takes it, what
// each found wrong (as jsonschema/v5 reports a failed oneOf: every
// branch's reasons), and with oneOf, when several take it, that.
func hkValidateVariants(raw []byte, p *hkPath, e *hkErrors, keyword string, variants ...hkValue) {
	var all []Violation
	n := 0
	for _, v := range variants {
		d := hkDecoder{data: raw}
		if err := v.decodeJSON(&d, p); err != nil {
			e.addf(p, "type", "not JSON: %v", err)
			return
		}
		v.validate(&d.errs, p)
		if len(d.errs.list) == 0 {
			n++
			continue
		}
		all = append(all, d.errs.list...)
	}
	switch {
	case n == 0:
		for _, v := range all {
			if !e.isRefused(v.Pointer) {
				e.list = append(e.list, v)
			}
		}
	case n > 1 && keyword == "oneOf":
		e.addf(p, "oneOf", "the value is valid as %d of the variants, not exactly one", n)
	}
}
