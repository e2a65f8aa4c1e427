package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the JSON kind of a Node.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

func (k Kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// Node is one JSON value with the byte offset it starts at. Object members
// keep their source order, which is the order generated struct fields follow.
type Node struct {
	Kind    Kind
	Offset  int
	Bool    bool
	Str     string // String: the decoded text; Number: the literal as written
	Items   []*Node
	Members []Member
	// keywords: the node is a schema, decoded (keywords.go).
	keywords *Keywords
}

// Member is one name/value pair of an object.
type Member struct {
	Name       string
	NameOffset int
	Value      *Node
	// Written is the name as the file spells it, when normalizing to draft
	// 2020-12 renamed the member ("items" read as "prefixItems"); pointers
	// into the file use it.
	Written string
}

// Get returns the value of member name, or nil.
func (n *Node) Get(name string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, m := range n.Members {
		if m.Name == name {
			return m.Value
		}
	}
	return nil
}

// Interface converts the node to the value encoding/json would produce
// (numbers as json.Number), for handing to other libraries.
func (n *Node) Interface() any {
	switch n.Kind {
	case Null:
		return nil
	case Bool:
		return n.Bool
	case Number:
		return json.Number(n.Str)
	case String:
		return n.Str
	case Array:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			out[i] = it.Interface()
		}
		return out
	default:
		out := make(map[string]any, len(n.Members))
		for _, m := range n.Members {
			out[m.Name] = m.Value.Interface()
		}
		return out
	}
}

// SyntaxError is a JSON syntax error at a byte offset, inside the value
// at Pointer.
type SyntaxError struct {
	Offset  int
	Pointer string
	Msg     string
}

func (e *SyntaxError) Error() string { return e.Msg }

// ParseJSON parses one JSON document. Unlike encoding/json it keeps the
// offset of every value and the order of object members, and it rejects
// duplicate member names, which JSON Schema leaves undefined and a
// hand-written schema only has by mistake.
func ParseJSON(data []byte) (*Node, error) {
	p := &parser{data: data}
	p.skipSpace()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, p.errorf("unexpected %s after the top-level value", p.describe())
	}
	return n, nil
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 10000

type parser struct {
	data []byte
	pos  int
	path []string // pointer tokens of the value being parsed, for errors
}

func (p *parser) errorf(format string, args ...any) error {
	ptr := ""
	for _, t := range p.path {
		ptr += "/" + escapePointer(t)
	}
	return &SyntaxError{Offset: p.pos, Pointer: ptr, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) describe() string {
	if p.pos >= len(p.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, p.errorf("nesting deeper than %d levels", maxDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input, expecting a value")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: String, Offset: start, Str: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case p.literal("true"):
		return &Node{Kind: Bool, Offset: start, Bool: true}, nil
	case p.literal("false"):
		return &Node{Kind: Bool, Offset: start}, nil
	case p.literal("null"):
		return &Node{Kind: Null, Offset: start}, nil
	default:
		return nil, p.errorf("unexpected %s, expecting a value", p.describe())
	}
}

func (p *parser) literal(word string) bool {
	if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(word))]), word) {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *parser) object(depth int) (*Node, error) {
	n := &Node{Kind: Object, Offset: p.pos, Members: []Member{}}
	p.pos++ // '{'
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	seen := map[string]bool{}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("unexpected %s, expecting a member name", p.describe())
		}
		nameOffset := p.pos
		name, err := p.str()
		if err != nil {
			return nil, err
		}
		if seen[name] {
			p.pos = nameOffset
			return nil, p.errorf("duplicate member name %q", name)
		}
		seen[name] = true
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("unexpected %s, expecting ':'", p.describe())
		}
		p.pos++
		p.skipSpace()
		p.path = append(p.path, name)
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.path = p.path[:len(p.path)-1]
		n.Members = append(n.Members, Member{Name: name, NameOffset: nameOffset, Value: v})
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			p.pos++
			return n, nil
		}
		return nil, p.errorf("unexpected %s, expecting ',' or '}'", p.describe())
	}
}

func (p *parser) array(depth int) (*Node, error) {
	n := &Node{Kind: Array, Offset: p.pos, Items: []*Node{}}
	p.pos++ // '['
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return n, nil
	}
	for {
		p.skipSpace()
		p.path = append(p.path, strconv.Itoa(len(n.Items)))
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.path = p.path[:len(p.path)-1]
		n.Items = append(n.Items, v)
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return n, nil
		}
		return nil, p.errorf("unexpected %s, expecting ',' or ']'", p.describe())
	}
}

// str scans a string token and decodes it with encoding/json, which knows
// every escape (surrogate pairs included); the scan only finds its end and
// reports where a bad character is.
func (p *parser) str() (string, error) {
	start := p.pos
	p.pos++ // opening quote
	simple := true
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			raw := p.data[start:p.pos]
			if simple && utf8.Valid(raw) {
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				p.pos = start
				return "", p.errorf("invalid string: %v", strings.TrimPrefix(err.Error(), "json: "))
			}
			return s, nil
		case c == '\\':
			simple = false
			p.pos++
			if p.pos >= len(p.data) {
				return "", p.errorf("unexpected end of input in a string")
			}
			switch p.data[p.pos] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.pos++
			case 'u':
				for i := 1; i <= 4; i++ {
					if p.pos+i >= len(p.data) || !isHex(p.data[p.pos+i]) {
						p.pos += i
						return "", p.errorf("invalid \\u escape in a string")
					}
				}
				p.pos += 5
			default:
				return "", p.errorf("invalid escape %s in a string", p.describe())
			}
		case c < 0x20:
			return "", p.errorf("control character %s in a string", p.describe())
		default:
			p.pos++
		}
	}
	return "", p.errorf("unexpected end of input in a string")
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func (p *parser) number() (*Node, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.data[p.pos] == '-' {
		p.pos++
	}
	if p.pos < len(p.data) && p.data[p.pos] == '0' {
		p.pos++
	} else if digits() == 0 {
		return nil, p.errorf("unexpected %s in a number", p.describe())
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("unexpected %s in a number, expecting a digit", p.describe())
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("unexpected %s in a number, expecting a digit", p.describe())
		}
	}
	return &Node{Kind: Number, Offset: start, Str: string(p.data[start:p.pos])}, nil
}

// Lines maps byte offsets to 1-based line and column numbers (columns count
// bytes, as go/token does, so editors and compilers agree).
type Lines struct {
	starts []int
}

// NewLines indexes the line starts of data.
func NewLines(data []byte) *Lines {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{starts: starts}
}

// Position returns the line and column of offset.
func (l *Lines) Position(offset int) (line, col int) {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return i + 1, offset - l.starts[i] + 1
}

// JSON returns the node as compact JSON text, members in source order and
// numbers as written.
func (n *Node) JSON() string {
	var b strings.Builder
	n.writeJSON(&b)
	return b.String()
}

func (n *Node) writeJSON(b *strings.Builder) {
	switch n.Kind {
	case Null:
		b.WriteString("null")
	case Bool:
		b.WriteString(strconv.FormatBool(n.Bool))
	case Number:
		b.WriteString(n.Str)
	case String:
		writeJSONString(b, n.Str)
	case Array:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			it.writeJSON(b)
		}
		b.WriteByte(']')
	case Object:
		b.WriteByte('{')
		for i, m := range n.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, m.Name)
			b.WriteByte(':')
			m.Value.writeJSON(b)
		}
		b.WriteByte('}')
	}
}

func writeJSONString(b *strings.Builder, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	b.WriteString(strings.TrimSuffix(buf.String(), "\n"))
}
