package hookrt

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Violation is one way a payload breaks its schema.
type Violation struct {
	// Pointer is the JSON pointer of the offending value ("" is the root).
	Pointer string
	// Keyword is the schema keyword that failed, such as "required".
	Keyword string
	// Message says what is wrong, for people.
	Message string
}

func (v Violation) String() string {
	return "#" + v.Pointer + ": " + v.Keyword + ": " + v.Message
}

// ValidationError lists every violation found in a payload, in the order
// they were found. Use errors.As to get at it.
type ValidationError struct {
	Violations []Violation
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.String()
	}
	if len(parts) == 1 {
		return "invalid payload: " + parts[0]
	}
	return fmt.Sprintf("invalid payload: %d violations: %s", len(parts), strings.Join(parts, "; "))
}

// hkPath is the JSON pointer to the value being decoded or validated, as a
// chain of stack frames: building one costs nothing, and it is turned into
// a string only when a violation is reported.
type hkPath struct {
	parent *hkPath
	key    string
	index  int // when key is "" and isIndex
	isIdx  bool
}

func (p *hkPath) field(key string) hkPath { return hkPath{parent: p, key: key} }
func (p *hkPath) item(i int) hkPath       { return hkPath{parent: p, index: i, isIdx: true} }

// String is the JSON pointer. It copies what it reads and keeps no
// reference to the frames, so they can stay on the stack of the code that
// made them: a valid payload allocates no path at all.
func (p *hkPath) String() string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	p.write(&b)
	return b.String()
}

func (p *hkPath) write(b *strings.Builder) {
	if p.parent != nil {
		p.parent.write(b)
	}
	b.WriteByte('/')
	if p.isIdx {
		b.WriteString(strconv.Itoa(p.index))
		return
	}
	for i := 0; i < len(p.key); i++ {
		switch c := p.key[i]; c {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(c)
		}
	}
}

// hkErrors collects violations. Its zero value is ready; it allocates only
// when something is wrong.
type hkErrors struct {
	list []Violation
	// refused holds the pointers of the values decoding refused for their
	// type (or range) or never saw (a missing required member): that is
	// their one violation (or their parent's "required"), and validation,
	// which sees only the zero value left in their place, adds nothing at
	// or below them. The decoder's verdict lives here, in the collector,
	// not in the value: Validate on its own starts from an empty one.
	refused map[string]struct{}
	// membersCounted: the decoder has checked min/maxProperties, counting
	// the members the struct does not keep; validation does not count
	// again from the fields.
	membersCounted bool
}

func (e *hkErrors) add(p *hkPath, keyword, msg string) {
	ptr := p.String()
	if e.isRefused(ptr) {
		return
	}
	e.list = append(e.list, Violation{Pointer: ptr, Keyword: keyword, Message: msg})
}

// isRefused reports whether ptr is a refused pointer or lies below one.
func (e *hkErrors) isRefused(ptr string) bool {
	if e.refused == nil {
		return false
	}
	for i := len(ptr); ; {
		if _, ok := e.refused[ptr[:i]]; ok {
			return true
		}
		if i = strings.LastIndexByte(ptr[:i], '/'); i < 0 {
			return false
		}
	}
}

// refuseOnly marks a pointer refused without a violation of its own.
func (e *hkErrors) refuseOnly(p *hkPath) {
	if e.refused == nil {
		e.refused = map[string]struct{}{}
	}
	e.refused[p.String()] = struct{}{}
}

// refuse reports a value decoding cannot take, the only violation at or
// below its pointer.
func (e *hkErrors) refuse(p *hkPath, keyword, msg string) {
	ptr := p.String()
	if e.refused == nil {
		e.refused = map[string]struct{}{}
	}
	e.refused[ptr] = struct{}{}
	e.list = append(e.list, Violation{Pointer: ptr, Keyword: keyword, Message: msg})
}

// forget drops what was reported, or refused, at or below p.
func (e *hkErrors) forget(p *hkPath) {
	if len(e.list) == 0 && len(e.refused) == 0 {
		return
	}
	ptr := p.String()
	under := func(q string) bool { return q == ptr || strings.HasPrefix(q, ptr+"/") }
	kept := e.list[:0]
	for _, v := range e.list {
		if !under(v.Pointer) {
			kept = append(kept, v)
		}
	}
	e.list = kept
	for r := range e.refused {
		if under(r) {
			delete(e.refused, r)
		}
	}
}

func (e *hkErrors) addf(p *hkPath, keyword, format string, args ...any) {
	e.add(p, keyword, fmt.Sprintf(format, args...))
}

func (e *hkErrors) err() error {
	if len(e.list) == 0 {
		return nil
	}
	return &ValidationError{Violations: e.list}
}

// sortFrom orders the violations from index i on by pointer: a map is
// visited in random order, its violations must not be.
func (e *hkErrors) sortFrom(i int) {
	if len(e.list)-i < 2 {
		return
	}
	tail := e.list[i:]
	sort.SliceStable(tail, func(a, b int) bool { return tail[a].Pointer < tail[b].Pointer })
}

// Each calls f with every violation, for code that handles the errors of
// several generated packages (each has its own ValidationError type)
// through one interface.
func (e *ValidationError) Each(f func(pointer, keyword, message string)) {
	for _, v := range e.Violations {
		f(v.Pointer, v.Keyword, v.Message)
	}
}
