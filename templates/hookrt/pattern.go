package hookrt

import (
	"regexp"
	"regexp/syntax"
	"unicode/utf8"
)

// hkMatcher is a compiled pattern.
type hkMatcher interface {
	MatchString(s string) bool
	String() string
}

// hkCompilePattern compiles a schema pattern once, at package init. Most
// webhook patterns are an anchored run of literals and character classes
// with counts (^cmsg_[A-Za-z0-9]+$, ^\+[1-9][0-9]{6,14}$); those get a
// linear matcher that gives exactly regexp's answer, several times
// faster. Anything else is Go's regexp.
func hkCompilePattern(src string) hkMatcher {
	re := regexp.MustCompile(src)
	if s, ok := hkSimplePattern(src); ok {
		return s
	}
	return re
}

// hkSimple matches a sequence of elements greedily. That is exact only
// because hkSimplePattern accepts a pattern only when no repeated element
// can take a character the next element needs.
type hkSimple struct {
	src       string
	elems     []hkElem
	anchorEnd bool
}

// hkElem is one character class repeated min to max times (max -1: no
// limit).
type hkElem struct {
	ascii    [2]uint64 // the class's ASCII members
	ranges   []rune    // its other members, as inclusive pairs
	min, max int
	// lit, when set, replaces a run of single ASCII characters (the
	// "agent_" of ^agent_[a-z]+$): one comparison instead of one element
	// per character.
	lit string
}

func (e *hkElem) has(r rune) bool {
	if r < 128 {
		return e.ascii[r>>6]&(1<<(r&63)) != 0
	}
	for i := 0; i+1 < len(e.ranges); i += 2 {
		if r >= e.ranges[i] && r <= e.ranges[i+1] {
			return true
		}
	}
	return false
}

func (p *hkSimple) String() string { return p.src }

func (p *hkSimple) MatchString(s string) bool {
	pos := 0
	for i := range p.elems {
		e := &p.elems[i]
		if e.lit != "" {
			if len(s)-pos < len(e.lit) || s[pos:pos+len(e.lit)] != e.lit {
				return false
			}
			pos += len(e.lit)
			continue
		}
		n := 0
		for (e.max < 0 || n < e.max) && pos < len(s) {
			if c := s[pos]; c < utf8.RuneSelf {
				if e.ascii[c>>6]&(1<<(c&63)) == 0 {
					break
				}
				pos++
				n++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[pos:])
			if !e.has(r) {
				break
			}
			pos += size
			n++
		}
		if n < e.min {
			return false
		}
	}
	return !p.anchorEnd || pos == len(s)
}

// joinLiterals merges runs of elements that each match one given ASCII
// character exactly once into literal elements.
func (p *hkSimple) joinLiterals() {
	var out []hkElem
	for _, e := range p.elems {
		c, ok := e.single()
		if !ok {
			out = append(out, e)
			continue
		}
		if n := len(out); n > 0 && out[n-1].lit != "" {
			out[n-1].lit += string(rune(c))
		} else {
			out = append(out, hkElem{min: 1, max: 1, lit: string(rune(c))})
		}
	}
	p.elems = out
}

// single reports the character of an element that matches exactly one
// ASCII character, exactly once.
func (e *hkElem) single() (byte, bool) {
	if e.min != 1 || e.max != 1 || len(e.ranges) > 0 || e.lit != "" {
		return 0, false
	}
	var c byte
	n := 0
	for r := 0; r < 128; r++ {
		if e.ascii[r>>6]&(1<<(r&63)) != 0 {
			c = byte(r)
			n++
		}
	}
	return c, n == 1
}

// hkSimplePattern builds the linear matcher, or says the pattern needs
// regexp.
func hkSimplePattern(src string) (*hkSimple, bool) {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil, false
	}
	var parts []*syntax.Regexp
	if re.Op == syntax.OpConcat {
		parts = re.Sub
	} else {
		parts = []*syntax.Regexp{re}
	}
	if len(parts) == 0 || parts[0].Op != syntax.OpBeginText {
		return nil, false // unanchored: a match may start anywhere
	}
	p := &hkSimple{src: src}
	parts = parts[1:]
	if n := len(parts); n > 0 && parts[n-1].Op == syntax.OpEndText {
		p.anchorEnd = true
		parts = parts[:n-1]
	}
	for _, part := range parts {
		switch part.Op {
		case syntax.OpLiteral:
			if part.Flags&syntax.FoldCase != 0 {
				return nil, false
			}
			for _, r := range part.Rune {
				p.elems = append(p.elems, hkClass([]rune{r, r}, 1, 1))
			}
		case syntax.OpCharClass, syntax.OpAnyCharNotNL, syntax.OpAnyChar:
			p.elems = append(p.elems, hkClass(hkRanges(part), 1, 1))
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
			sub := part.Sub[0]
			if sub.Op == syntax.OpLiteral && len(sub.Rune) == 1 && sub.Flags&syntax.FoldCase == 0 {
				sub = &syntax.Regexp{Op: syntax.OpCharClass, Rune: []rune{sub.Rune[0], sub.Rune[0]}}
			}
			if sub.Op != syntax.OpCharClass && sub.Op != syntax.OpAnyCharNotNL && sub.Op != syntax.OpAnyChar {
				return nil, false
			}
			min, max := map[syntax.Op][2]int{syntax.OpStar: {0, -1}, syntax.OpPlus: {1, -1}, syntax.OpQuest: {0, 1}}[part.Op][0],
				map[syntax.Op][2]int{syntax.OpStar: {0, -1}, syntax.OpPlus: {1, -1}, syntax.OpQuest: {0, 1}}[part.Op][1]
			if part.Op == syntax.OpRepeat {
				min, max = part.Min, part.Max
			}
			p.elems = append(p.elems, hkClass(hkRanges(sub), min, max))
		default:
			return nil, false
		}
	}
	// Greedy is exact when an element that may take a varying number of
	// characters never takes one the following elements could need: its
	// class must be disjoint from every element up to and including the
	// next one that must match at least once. With an open end, a trailing
	// optional element cannot change the answer, so it is fine.
	for i := range p.elems {
		e := &p.elems[i]
		if e.min == e.max {
			continue
		}
		for j := i + 1; j < len(p.elems); j++ {
			if hkOverlap(e, &p.elems[j]) {
				return nil, false
			}
			if p.elems[j].min > 0 {
				break
			}
		}
	}
	p.joinLiterals()
	return p, true
}

func hkRanges(re *syntax.Regexp) []rune {
	switch re.Op {
	case syntax.OpAnyCharNotNL:
		return []rune{0, '\n' - 1, '\n' + 1, utf8.MaxRune}
	case syntax.OpAnyChar:
		return []rune{0, utf8.MaxRune}
	}
	return re.Rune
}

func hkClass(ranges []rune, min, max int) hkElem {
	e := hkElem{min: min, max: max}
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		for r := lo; r <= hi && r < 128; r++ {
			e.ascii[r>>6] |= 1 << (r & 63)
		}
		if hi >= 128 {
			if lo < 128 {
				lo = 128
			}
			e.ranges = append(e.ranges, lo, hi)
		}
	}
	return e
}

func hkOverlap(a, b *hkElem) bool {
	if a.ascii[0]&b.ascii[0] != 0 || a.ascii[1]&b.ascii[1] != 0 {
		return true
	}
	for i := 0; i+1 < len(a.ranges); i += 2 {
		for j := 0; j+1 < len(b.ranges); j += 2 {
			if a.ranges[i] <= b.ranges[j+1] && b.ranges[j] <= a.ranges[i+1] {
				return true
			}
		}
	}
	return false
}
