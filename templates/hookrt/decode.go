package hookrt

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/big"
	"math/bits"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// hkSyntaxError is malformed JSON: decoding stops at the first one.
type hkSyntaxError struct {
	Offset int
	msg    string
}

func (e *hkSyntaxError) Error() string {
	return fmt.Sprintf("malformed JSON at byte %d: %s", e.Offset, e.msg)
}

// hkMaxDepth bounds nesting, so hostile input cannot exhaust the stack.
const hkMaxDepth = 1000

// hkDecoder reads JSON for the generated decoders without reflection. A
// value of the wrong type is not an error that stops decoding: it is a
// violation (with its JSON pointer) and the value is skipped, so one pass
// reports every problem. Only malformed JSON stops it.
type hkDecoder struct {
	data    []byte
	pos     int
	depth   int
	errs    hkErrors
	scratch []byte
	// rejects counts values refused for their type; rejectDepth is the
	// nesting depth of the last one. Struct decoders use them to tell a
	// field whose own value was refused (nothing to validate there) from
	// one with a problem deeper inside.
	rejects     int
	rejectDepth int
	// strs is where the strings handed out are copied (see str).
	strs []byte
}

// hkStringChunk bounds a string arena's block, and so what one string
// kept from a large payload can hold on to.
const hkStringChunk = 2048

// str returns s as a string, copied into the decoder's string arena: the
// strings of a payload share one allocation instead of one each. A block
// is never written again once a string points into it, so the strings
// stay immutable; the first block is sized by what remains of the input
// (strings cannot be longer than their JSON), up to hkStringChunk.
func (d *hkDecoder) str(s []byte) string {
	if len(s) == 0 {
		return ""
	}
	if cap(d.strs)-len(d.strs) < len(s) {
		size := min(len(s)+len(d.data)-d.pos, hkStringChunk)
		d.strs = make([]byte, 0, max(size, len(s)))
	}
	start := len(d.strs)
	d.strs = append(d.strs, s...)
	return unsafe.String(&d.strs[start], len(s))
}

func (d *hkDecoder) syntax(msg string) error {
	return &hkSyntaxError{Offset: d.pos, msg: msg}
}

func (d *hkDecoder) ws() {
	// Most values follow their delimiter directly: check before looping.
	if d.pos < len(d.data) && d.data[d.pos] > ' ' {
		return
	}
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// hkSpecial is non-zero when a word of eight bytes holds a byte a string
// cannot hold as it is: a quote, a backslash, a control character or a
// non-ASCII byte (the classic bit tricks for "has a byte less than n" and
// "has a zero byte").
func hkSpecial(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	less := (x - ones*0x20) & ^x & highs
	quote := ((x ^ ones*'"') - ones) & ^(x ^ ones*'"') & highs
	backslash := ((x ^ ones*'\\') - ones) & ^(x ^ ones*'\\') & highs
	return less | quote | backslash | (x & highs)
}

// hkPlain marks the bytes a string can hold as they are: not a quote, a
// backslash, a control character or the start of a multi-byte character.
var hkPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// hkKind is the JSON kind of the next value, by its first byte.
type hkKind uint8

const (
	hkEnd hkKind = iota
	hkNull
	hkBool
	hkNumber
	hkString
	hkArray
	hkObject
	hkInvalid
)

var hkKindNames = [...]string{"end of input", "null", "boolean", "number", "string", "array", "object", "invalid"}

func (k hkKind) String() string { return hkKindNames[k] }

func (d *hkDecoder) peek() hkKind {
	d.ws()
	if d.pos >= len(d.data) {
		return hkEnd
	}
	return hkKindOf[d.data[d.pos]]
}

// hkKindOf is the kind of value a byte starts: one load where a switch
// took a chain of comparisons on every value read.
var hkKindOf = func() (t [256]hkKind) {
	for i := range t {
		t[i] = hkInvalid
	}
	t['{'], t['['], t['"'], t['t'], t['f'], t['n'], t['-'] = hkObject, hkArray, hkString, hkBool, hkBool, hkNull, hkNumber
	for c := '0'; c <= '9'; c++ {
		t[c] = hkNumber
	}
	return t
}()

// finish checks that only white space follows the top-level value, and
// returns the violations found, or nil.
func (d *hkDecoder) finish() error {
	if err := d.end(); err != nil {
		return err
	}
	return d.errs.err()
}

// end checks that only white space follows the top-level value.
func (d *hkDecoder) end() error {
	d.ws()
	if d.pos != len(d.data) {
		return d.syntax("data after the top-level value")
	}
	return nil
}

// mismatch records a value of the wrong type and skips it.
func (d *hkDecoder) mismatch(p *hkPath, want string) error {
	got := d.peek()
	if got == hkNumber && want == "integer" {
		d.refuse(p, "type", "expected integer, but got number")
	} else {
		d.refuse(p, "type", fmt.Sprintf("expected %s, but got %s", want, got))
	}
	return d.skip()
}

// refuse records a value decoding cannot take (its type, its range): a
// violation, and a mark that the struct decoders (through rejects) and
// the error list (through its pointer) read so that validation does not
// also judge the zero value left in its place.
func (d *hkDecoder) refuse(p *hkPath, keyword, msg string) {
	d.rejects++
	d.rejectDepth = d.depth
	d.errs.refuse(p, keyword, msg)
}

func (d *hkDecoder) literal(word string) bool {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return true
	}
	return false
}

// null consumes a null if one is next.
func (d *hkDecoder) null() bool {
	if d.peek() == hkNull {
		return d.literal("null")
	}
	return false
}

// skip consumes one value of any kind, checking its syntax.
func (d *hkDecoder) skip() error {
	switch d.peek() {
	case hkNull:
		if !d.literal("null") {
			return d.syntax("invalid literal")
		}
	case hkBool:
		if !d.literal("true") && !d.literal("false") {
			return d.syntax("invalid literal")
		}
	case hkNumber:
		_, err := d.numberLiteral()
		return err
	case hkString:
		_, err := d.rawString()
		return err
	case hkArray:
		for i := 0; ; i++ {
			more, err := d.arrayNext(i)
			if err != nil || !more {
				return err
			}
			if err := d.skip(); err != nil {
				return err
			}
		}
	case hkObject:
		for first := true; ; first = false {
			_, more, err := d.objectNext(first)
			if err != nil || !more {
				return err
			}
			if err := d.skip(); err != nil {
				return err
			}
		}
	case hkEnd:
		return d.syntax("unexpected end of input, expecting a value")
	default:
		return d.syntax("unexpected character, expecting a value")
	}
	return nil
}

// rawValue consumes one value and returns its bytes.
func (d *hkDecoder) rawValue() ([]byte, error) {
	d.ws()
	start := d.pos
	if err := d.skip(); err != nil {
		return nil, err
	}
	return d.data[start:d.pos], nil
}

// numberLiteral consumes a number and returns its literal.
func (d *hkDecoder) numberLiteral() ([]byte, error) {
	d.ws()
	start := d.pos
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	if d.pos < len(d.data) && d.data[d.pos] == '-' {
		d.pos++
	}
	if d.pos < len(d.data) && d.data[d.pos] == '0' {
		d.pos++
	} else if digits() == 0 {
		return nil, d.syntax("invalid number")
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if digits() == 0 {
			return nil, d.syntax("invalid number")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return nil, d.syntax("invalid number")
		}
	}
	return d.data[start:d.pos], nil
}

// rawString consumes a string and returns its contents, unescaped. The
// result aliases the input when there is nothing to unescape and the
// decoder's scratch buffer otherwise: copy it before the next call.
func (d *hkDecoder) rawString() ([]byte, error) {
	d.ws()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return nil, d.syntax("expecting a string")
	}
	d.pos++
	start := d.pos
	ascii := true
	for d.pos < len(d.data) {
		// Eight bytes at a time: jump straight to the first byte that is
		// not plain (the lowest flagged byte of hkSpecial is exact).
		if d.pos+8 <= len(d.data) {
			m := hkSpecial(binary.LittleEndian.Uint64(d.data[d.pos:]))
			if m == 0 {
				d.pos += 8
				continue
			}
			d.pos += bits.TrailingZeros64(m) >> 3
		} else {
			for d.pos < len(d.data) && hkPlain[d.data[d.pos]] {
				d.pos++
			}
			if d.pos >= len(d.data) {
				break
			}
		}
		switch c := d.data[d.pos]; {
		case c == '"':
			s := d.data[start:d.pos]
			d.pos++
			if !ascii && !utf8.Valid(s) {
				return d.unescape(start)
			}
			return s, nil
		case c == '\\':
			return d.unescape(start)
		case c < 0x20:
			return nil, d.syntax("control character in a string")
		default: // the first byte of a multi-byte character: checked at the end
			ascii = false
			d.pos++
		}
	}
	return nil, d.syntax("unexpected end of input in a string")
}

// unescape decodes a string with escapes (or invalid UTF-8, which becomes
// U+FFFD as encoding/json does) from start into the scratch buffer.
func (d *hkDecoder) unescape(start int) ([]byte, error) {
	buf := d.scratch[:0]
	d.pos = start
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			d.scratch = buf
			return buf, nil
		case c < 0x20:
			return nil, d.syntax("control character in a string")
		case c == '\\':
			if d.pos+1 >= len(d.data) {
				return nil, d.syntax("unexpected end of input in a string")
			}
			e := d.data[d.pos+1]
			d.pos += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := d.hex4()
				if !ok {
					return nil, d.syntax("invalid \\u escape")
				}
				if utf16.IsSurrogate(r) {
					// A high surrogate followed by \u low surrogate is one
					// character; a lone surrogate becomes U+FFFD.
					if d.pos+6 <= len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
						save := d.pos
						d.pos += 2
						if r2, ok := d.hex4(); ok {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								buf = utf8.AppendRune(buf, dec)
								continue
							}
						}
						d.pos = save
					}
					r = utf8.RuneError
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return nil, d.syntax("invalid escape in a string")
			}
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			d.pos++
		default:
			r, size := utf8.DecodeRune(d.data[d.pos:])
			if r == utf8.RuneError && size == 1 {
				buf = utf8.AppendRune(buf, utf8.RuneError)
			} else {
				buf = append(buf, d.data[d.pos:d.pos+size]...)
			}
			d.pos += size
		}
	}
	return nil, d.syntax("unexpected end of input in a string")
}

func (d *hkDecoder) hex4() (rune, bool) {
	if d.pos+4 > len(d.data) {
		return 0, false
	}
	var r rune
	for _, c := range d.data[d.pos : d.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	d.pos += 4
	return r, true
}

// objectNext advances through an object: call it with first true once
// (which consumes '{'), then false. It returns the next member's name
// (valid until the next call) with more true, or more false after the
// closing '}'.
func (d *hkDecoder) objectNext(first bool) (key []byte, more bool, err error) {
	d.ws()
	if d.pos >= len(d.data) {
		return nil, false, d.syntax("unexpected end of input in an object")
	}
	c := d.data[d.pos]
	if first {
		if c != '{' {
			return nil, false, d.syntax("expecting '{'")
		}
		d.depth++
		if d.depth > hkMaxDepth {
			return nil, false, d.syntax("nesting too deep")
		}
		d.pos++
		d.ws()
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
			d.depth--
			return nil, false, nil
		}
	} else {
		switch c {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return nil, false, nil
		default:
			return nil, false, d.syntax("expecting ',' or '}'")
		}
	}
	key, err = d.rawString()
	if err != nil {
		return nil, false, err
	}
	d.ws()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return nil, false, d.syntax("expecting ':'")
	}
	d.pos++
	return key, true, nil
}

// arrayNext advances through an array: call it with i = 0 first (which
// consumes '['); more is true when element i follows.
func (d *hkDecoder) arrayNext(i int) (more bool, err error) {
	d.ws()
	if d.pos >= len(d.data) {
		return false, d.syntax("unexpected end of input in an array")
	}
	c := d.data[d.pos]
	if i == 0 {
		if c != '[' {
			return false, d.syntax("expecting '['")
		}
		d.depth++
		if d.depth > hkMaxDepth {
			return false, d.syntax("nesting too deep")
		}
		d.pos++
		d.ws()
		if d.pos < len(d.data) && d.data[d.pos] == ']' {
			d.pos++
			d.depth--
			return false, nil
		}
		return true, nil
	}
	switch c {
	case ',':
		d.pos++
		return true, nil
	case ']':
		d.pos++
		d.depth--
		return false, nil
	}
	return false, d.syntax("expecting ',' or ']'")
}

// Typed readers: each checks the JSON kind, records a violation and skips
// the value when it is wrong, and returns an error only for bad syntax.

func (d *hkDecoder) readString(p *hkPath, v *string) error {
	if d.peek() != hkString {
		return d.mismatch(p, "string")
	}
	s, err := d.rawString()
	if err != nil {
		return err
	}
	*v = d.str(s)
	return nil
}

func (d *hkDecoder) readBool(p *hkPath, v *bool) error {
	if d.peek() != hkBool {
		return d.mismatch(p, "boolean")
	}
	switch {
	case d.literal("true"):
		*v = true
	case d.literal("false"):
		*v = false
	default:
		return d.syntax("invalid literal")
	}
	return nil
}

func (d *hkDecoder) readFloat64(p *hkPath, v *float64) error {
	if d.peek() != hkNumber {
		return d.mismatch(p, "number")
	}
	lit, err := d.numberLiteral()
	if err != nil {
		return err
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		d.refuse(p, "type", fmt.Sprintf("number %s does not fit in a float64", lit))
		return nil
	}
	*v = f
	return nil
}

// readInt64 accepts any number with an integer value (1.0 and 1e2 are
// integers to JSON Schema); one that does not fit in an int64 is reported.
func (d *hkDecoder) readInt64(p *hkPath, v *int64) error {
	if d.peek() != hkNumber {
		return d.mismatch(p, "integer")
	}
	lit, err := d.numberLiteral()
	if err != nil {
		return err
	}
	if n, err := strconv.ParseInt(string(lit), 10, 64); err == nil {
		*v = n
		return nil
	}
	r, ok := new(big.Rat).SetString(string(lit))
	switch {
	case !ok:
		d.errs.addf(p, "type", "invalid number %s", lit)
	case !r.IsInt():
		d.refuse(p, "type", "expected integer, but got number")
	case !r.Num().IsInt64():
		d.refuse(p, "type", fmt.Sprintf("integer %s does not fit in an int64", lit))
	default:
		*v = r.Num().Int64()
	}
	return nil
}

// readTime reads an RFC 3339 date-time; a string that is not one is a
// "format" violation.
func (d *hkDecoder) readTime(p *hkPath, v *time.Time) error {
	if d.peek() != hkString {
		return d.mismatch(p, "string")
	}
	s, err := d.rawString()
	if err != nil {
		return err
	}
	t, ok := hkParseDateTime(s)
	if !ok {
		d.refuse(p, "format", fmt.Sprintf("%q is not valid date-time", s))
		return nil
	}
	*v = t
	return nil
}

func (d *hkDecoder) readRaw(p *hkPath, v *json.RawMessage) error {
	raw, err := d.rawValue()
	if err != nil {
		return err
	}
	*v = append((*v)[:0], raw...)
	return nil
}

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

// hkValue is what every generated type can do.
type hkValue interface {
	decodeJSON(d *hkDecoder, p *hkPath) error
	validate(e *hkErrors, p *hkPath)
}

// hkCheck decodes data into v and validates it: every violation found by
// both, as one *ValidationError, or a plain error for malformed JSON.
func hkCheck(v hkValue, data []byte) error {
	d := hkDecoder{data: data}
	if err := v.decodeJSON(&d, nil); err != nil {
		return err
	}
	if err := d.end(); err != nil {
		return err
	}
	v.validate(&d.errs, nil)
	return d.errs.err()
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

// hkWellFormed checks that data is one JSON value, for events Parse does
// not decode.
func hkWellFormed(data []byte) error {
	d := hkDecoder{data: data}
	if err := d.skip(); err != nil {
		return err
	}
	d.ws()
	if d.pos != len(d.data) {
		return d.syntax("data after the top-level value")
	}
	return nil
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

// refused reports whether the value just decoded at the current depth was
// refused for its type since rejects was read: a field with nothing in it
// to validate.
func (d *hkDecoder) refused(rejects int) bool {
	return d.rejects != rejects && d.rejectDepth == d.depth
}

// done ends a top-level decode that returned err (the body of every
// generated UnmarshalJSON): that syntax error if there was one, else data
// after the value, else the violations found.
func (d *hkDecoder) done(err error) error {
	if err != nil {
		return err
	}
	return d.finish()
}

// readKnownString reads a string whose likely values the schema lists (an
// enum, a const): one of them is returned as that very string, without
// allocating; anything else is copied as usual.
func (d *hkDecoder) readKnownString(p *hkPath, v *string, known []string) error {
	if d.peek() != hkString {
		return d.mismatch(p, "string")
	}
	s, err := d.rawString()
	if err != nil {
		return err
	}
	for _, k := range known {
		if string(s) == k {
			*v = k
			return nil
		}
	}
	*v = d.str(s)
	return nil
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
