// Package diag holds the positioned diagnostics every stage of the
// generator reports: file, line, column and JSON pointer, so a person can go
// straight to the mistake.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a place in an input file. Line and Col are 1-based; Col counts
// bytes. Pointer is the JSON pointer of the value inside the document.
type Pos struct {
	File    string
	Line    int
	Col     int
	Pointer string
}

func (p Pos) String() string {
	ptr := "#" + p.Pointer
	if p.Line == 0 && p.Pointer == "" {
		return p.File // a folder, or a file as a whole
	}
	if p.Line == 0 {
		return fmt.Sprintf("%s: %s", p.File, ptr)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, ptr)
}

// Kind tells bad input apart from input that is valid but asks for
// something the generator cannot do yet.
type Kind uint8

const (
	Invalid     Kind = iota // the input is wrong
	Unsupported             // the input is fine; hookgen cannot honour it yet
)

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	Pos  Pos
	Kind Kind
	Msg  string
}

func (d Diagnostic) String() string {
	if d.Kind == Unsupported {
		return fmt.Sprintf("%s: unsupported: %s", d.Pos, d.Msg)
	}
	return fmt.Sprintf("%s: %s", d.Pos, d.Msg)
}

// List collects diagnostics. Its Err is nil when nothing was reported, and
// otherwise an error listing every diagnostic in file, line, column order.
type List struct {
	items []Diagnostic
}

// Add records a problem of bad input.
func (l *List) Add(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Kind: Invalid, Msg: fmt.Sprintf(format, args...)})
}

// Unsupported records a construct that hookgen cannot honour yet.
func (l *List) Unsupported(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Kind: Unsupported, Msg: fmt.Sprintf(format, args...)})
}

// Append adds diagnostics collected elsewhere.
func (l *List) Append(ds ...Diagnostic) { l.items = append(l.items, ds...) }

// Len is the number of diagnostics.
func (l *List) Len() int { return len(l.items) }

// Err returns nil, or an *Error holding every diagnostic sorted.
func (l *List) Err() error {
	if len(l.items) == 0 {
		return nil
	}
	items := slices.Clone(l.items)
	slices.SortStableFunc(items, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Pos.Pointer, b.Pos.Pointer),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	items = slices.Compact(items)
	return &Error{Diagnostics: items}
}

// Error is every problem found in one run, one per line.
type Error struct {
	Diagnostics []Diagnostic
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
