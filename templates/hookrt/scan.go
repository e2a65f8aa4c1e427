package hookrt

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// The scanner: white space, kinds, literals, numbers, strings (with their
// escapes), objects and arrays, each checked against the JSON grammar.

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
