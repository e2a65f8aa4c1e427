package hookrt

import (
	"fmt"
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

func (p *hkPath) String() string {
	if p == nil {
		return ""
	}
	var segs []string
	for q := p; q != nil; q = q.parent {
		if q.isIdx {
			segs = append(segs, strconv.Itoa(q.index))
		} else {
			segs = append(segs, strings.ReplaceAll(strings.ReplaceAll(q.key, "~", "~0"), "/", "~1"))
		}
	}
	var b strings.Builder
	for i := len(segs) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(segs[i])
	}
	return b.String()
}

// hkErrors collects violations. Its zero value is ready; it allocates only
// when something is wrong.
type hkErrors struct {
	list []Violation
}

func (e *hkErrors) add(p *hkPath, keyword, msg string) {
	e.list = append(e.list, Violation{Pointer: p.String(), Keyword: keyword, Message: msg})
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
