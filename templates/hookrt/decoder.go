package hookrt

import (
	"fmt"
	"unsafe"
)

// The decoder's state and its entry points: what a generated
// UnmarshalJSON, Parse and ValidateJSON call, and the bookkeeping of values
// refused for their type.

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
	data  []byte
	pos   int
	depth int
	errs  hkErrors
	// scratch holds a string read through escapes (unescape): unlike the
	// arena it is rewritten by the next such read, so what rawString
	// returns is valid until then, and peeks copy out of it (detach).
	scratch []byte
	// strs is the string arena: str copies a string's bytes here and hands
	// out a string that points at them (unsafe.String, no second copy).
	// Invariant: a byte below len(strs) is never written again, whatever
	// the decoder reads next, in this payload or another. str only appends
	// within the spare capacity or starts a new block; nothing may truncate
	// strs, reuse a block, or reslice it to [:0] to recycle a decoder. A
	// fresh decoder is a new hkDecoder value, which drops the arena to the
	// strings still using it.
	strs []byte
}

// hkStringChunk bounds a string arena's block, and so what one string
// kept from a large payload can hold on to.
const hkStringChunk = 2048

// str returns s as a string, copied into the decoder's string arena: the
// strings of a payload share one allocation instead of one each (see the
// strs field for why they stay immutable). A new block is sized by what
// remains of the input (strings cannot be longer than their JSON), up to
// hkStringChunk.
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

// done ends a top-level decode that returned err (the body of every
// generated UnmarshalJSON): that syntax error if there was one, else data
// after the value, else the violations found.
func (d *hkDecoder) done(err error) error {
	if err != nil {
		return err
	}
	return d.finish()
}

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
// violation, and a mark in the error list (its pointer) so that the
// validation that follows in Parse does not also judge the zero value left
// in its place.
func (d *hkDecoder) refuse(p *hkPath, keyword, msg string) {
	d.errs.refuse(p, keyword, msg)
}
