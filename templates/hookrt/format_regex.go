package hookrt

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// hkIsRegex checks an ECMA-262 regular expression (the Pattern grammar,
// ES2025) in Unicode mode, as JSON Schema 2020-12 section 6.4 asks
// patterns to be read: no Annex B leniency, so "\a", a lone "{" or a
// quantified lookahead are errors, while lookbehind, named groups and
// "[^]" are fine. It only checks the syntax and the early errors (a
// backreference beyond the groups, a \k to no group, a range out of
// order, an unknown \p property); Go's regexp, which jsonschema/v5 uses,
// is another dialect and cannot say.
func hkIsRegex(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	p := hkRegexParser{s: s}
	if !p.disjunction() || p.i != len(s) || p.maxBackref > p.groups {
		return false
	}
	return !p.namedRefs || p.namedRefsResolve()
}

type hkRegexParser struct {
	s          string
	i          int
	groups     int  // capturing groups
	maxBackref int  // the highest \N
	namedRefs  bool // a \k<name> was seen
}

func (p *hkRegexParser) peek(prefix string) bool { return strings.HasPrefix(p.s[p.i:], prefix) }

func (p *hkRegexParser) disjunction() bool {
	for {
		for p.i < len(p.s) && p.s[p.i] != '|' && p.s[p.i] != ')' {
			if !p.term() {
				return false
			}
		}
		if p.i < len(p.s) && p.s[p.i] == '|' {
			p.i++
			continue
		}
		return true
	}
}

// term reads an assertion, or an atom and its quantifier.
func (p *hkRegexParser) term() bool {
	switch c := p.s[p.i]; c {
	case '^', '$':
		p.i++
		return true
	case '\\':
		if p.peek(`\b`) || p.peek(`\B`) {
			p.i += 2
			return true
		}
		p.i++
		if !p.atomEscape() {
			return false
		}
	case '(':
		for _, look := range [...]string{"(?=", "(?!", "(?<=", "(?<!"} {
			if p.peek(look) {
				// Assertions: in Unicode mode no quantifier may follow.
				p.i += len(look)
				return p.disjunction() && p.close()
			}
		}
		switch {
		case p.peek("(?<"):
			p.i += 3
			if !p.groupName() {
				return false
			}
			p.groups++
		case p.peek("(?"):
			p.i += 2
			if !p.modifiers() {
				return false
			}
		default:
			p.i++
			p.groups++
		}
		if !p.disjunction() || !p.close() {
			return false
		}
	case '[':
		if !p.class() {
			return false
		}
	case '*', '+', '?', '{', '}', ']', ')':
		return false
	default:
		_, n := utf8.DecodeRuneInString(p.s[p.i:])
		p.i += n
	}
	return p.quantifier()
}

func (p *hkRegexParser) close() bool {
	if p.i < len(p.s) && p.s[p.i] == ')' {
		p.i++
		return true
	}
	return false
}

// modifiers reads what follows "(?" in a non-capturing group: ":" alone,
// or ES2025's flag modifiers "ims-ims:" (no flag twice, some flag).
func (p *hkRegexParser) modifiers() bool {
	seen, n, dash := 0, 0, false
	for ; p.i < len(p.s); p.i++ {
		c := p.s[p.i]
		switch {
		case c == ':':
			p.i++
			return !dash || n > 0
		case c == '-' && !dash:
			dash = true
		case c == 'i' || c == 'm' || c == 's':
			bit := 1 << strings.IndexByte("ims", c)
			if seen&bit != 0 {
				return false
			}
			seen |= bit
			n++
		default:
			return false
		}
	}
	return false
}

// quantifier reads an optional quantifier: *, +, ?, {n}, {n,}, {n,m}
// with n <= m, each optionally lazy.
func (p *hkRegexParser) quantifier() bool {
	if p.i == len(p.s) {
		return true
	}
	switch p.s[p.i] {
	case '*', '+', '?':
		p.i++
	case '{':
		p.i++
		lo := p.digits()
		if lo == "" {
			return false
		}
		hi := lo
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			hi = p.digits()
		}
		if p.i == len(p.s) || p.s[p.i] != '}' {
			return false
		}
		p.i++
		if hi != "" && hkCompareDecimal(lo, hi) > 0 {
			return false
		}
	default:
		return true
	}
	if p.i < len(p.s) && p.s[p.i] == '?' {
		p.i++
	}
	return true
}

func (p *hkRegexParser) digits() string {
	n := hkDecimalPrefix(p.s[p.i:])
	p.i += n
	return p.s[p.i-n : p.i]
}

// hkCompareDecimal compares two unsigned decimal numbers of any length.
func hkCompareDecimal(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// atomEscape reads what follows a backslash outside a class.
func (p *hkRegexParser) atomEscape() bool {
	if p.i == len(p.s) {
		return false
	}
	switch c := p.s[p.i]; {
	case c >= '1' && c <= '9':
		d := p.digits()
		n := len(d) * 1000000 // more digits than any pattern has groups
		if len(d) <= 6 {
			n = 0
			for _, c := range []byte(d) {
				n = n*10 + int(c-'0')
			}
		}
		p.maxBackref = max(p.maxBackref, n)
		return true
	case c == 'k':
		p.i++
		if !p.peek("<") {
			return false
		}
		p.i++
		p.namedRefs = true
		return p.groupName()
	}
	_, _, ok := p.classEscape(false)
	return ok
}

// classEscape reads what follows a backslash: a character class escape
// (\d, \p{…}; set is true) or a character escape, with its code point.
func (p *hkRegexParser) classEscape(inClass bool) (r rune, set, ok bool) {
	c := p.s[p.i]
	p.i++
	switch c {
	case 'd', 'D', 's', 'S', 'w', 'W':
		return 0, true, true
	case 'p', 'P':
		return 0, true, p.property()
	case 'f':
		return '\f', false, true
	case 'n':
		return '\n', false, true
	case 'r':
		return '\r', false, true
	case 't':
		return '\t', false, true
	case 'v':
		return '\v', false, true
	case 'b':
		return '\b', false, inClass
	case '-':
		return '-', false, inClass
	case 'c':
		if p.i < len(p.s) && (p.s[p.i]|0x20 >= 'a' && p.s[p.i]|0x20 <= 'z') {
			p.i++
			return rune(p.s[p.i-1] % 32), false, true
		}
		return 0, false, false
	case '0':
		return 0, false, p.i == len(p.s) || p.s[p.i] < '0' || p.s[p.i] > '9'
	case 'x':
		v, ok := p.hex(2)
		return v, false, ok
	case 'u':
		return p.unicodeEscape()
	}
	if strings.IndexByte(`^$\.*+?()[]{}|/`, c) >= 0 {
		return rune(c), false, true
	}
	return 0, false, false
}

func (p *hkRegexParser) hex(n int) (rune, bool) {
	if len(p.s)-p.i < n {
		return 0, false
	}
	var v rune
	for _, c := range []byte(p.s[p.i : p.i+n]) {
		if hkHexDigit[c] != 1 {
			return 0, false
		}
		v = v<<4 | rune(hkHexValue(c))
	}
	p.i += n
	return v, true
}

func hkHexValue(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// unicodeEscape reads \uHHHH (a surrogate pair as one code point) or
// \u{H…} up to U+10FFFF.
func (p *hkRegexParser) unicodeEscape() (rune, bool, bool) {
	if p.peek("{") {
		p.i++
		start := p.i
		var v rune
		for p.i < len(p.s) && hkHexDigit[p.s[p.i]] == 1 {
			v = v<<4 | rune(hkHexValue(p.s[p.i]))
			if v > unicode.MaxRune {
				return 0, false, false
			}
			p.i++
		}
		if p.i == start || !p.peek("}") {
			return 0, false, false
		}
		p.i++
		return v, false, true
	}
	v, ok := p.hex(4)
	if ok && v >= 0xD800 && v <= 0xDBFF && p.peek(`\u`) {
		save := p.i
		p.i += 2
		if lo, ok := p.hex(4); ok && lo >= 0xDC00 && lo <= 0xDFFF {
			return 0x10000 + (v-0xD800)<<10 + (lo - 0xDC00), false, true
		}
		p.i = save
	}
	return v, false, ok
}

// groupName reads a group name and its closing ">": an identifier.
func (p *hkRegexParser) groupName() bool {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] != '>' {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		first := p.i == start
		if !(r == '$' || r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) ||
			!first && (r == 0x200C || r == 0x200D || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc))) {
			return false
		}
		p.i += n
	}
	if p.i == start || p.i == len(p.s) {
		return false
	}
	p.i++
	return true
}

// namedRefsResolve checks that every \k<name> names a group "(?<name>".
func (p *hkRegexParser) namedRefsResolve() bool {
	for i := 0; i < len(p.s); i++ {
		if p.s[i] == '\\' {
			if strings.HasPrefix(p.s[i:], `\k<`) {
				name := p.s[i+3:]
				name = name[:strings.IndexByte(name, '>')+1] // "name>"
				if !hkHasGroup(p.s, name) {
					return false
				}
			}
			i++
		}
	}
	return true
}

// hkHasGroup reports whether s holds "(?<" and then nameGT ("name>").
func hkHasGroup(s, nameGT string) bool {
	for {
		i := strings.Index(s, "(?<")
		if i < 0 {
			return false
		}
		if strings.HasPrefix(s[i+3:], nameGT) && (i == 0 || s[i-1] != '\\') {
			return true
		}
		s = s[i+3:]
	}
}

// class reads a character class, "[" "^"? ranges "]"; a range's ends
// must be single characters, in order.
func (p *hkRegexParser) class() bool {
	p.i++
	if p.peek("^") {
		p.i++
	}
	for {
		if p.i == len(p.s) {
			return false
		}
		if p.s[p.i] == ']' {
			p.i++
			return true
		}
		lo, set, ok := p.classAtom()
		if !ok {
			return false
		}
		if p.peek("-") && p.i+1 < len(p.s) && p.s[p.i+1] != ']' {
			p.i++
			hi, set2, ok := p.classAtom()
			if !ok || set || set2 || lo > hi {
				return false
			}
		}
	}
}

func (p *hkRegexParser) classAtom() (rune, bool, bool) {
	if p.s[p.i] == '\\' {
		p.i++
		if p.i == len(p.s) {
			return 0, false, false
		}
		return p.classEscape(true)
	}
	r, n := utf8.DecodeRuneInString(p.s[p.i:])
	p.i += n
	return r, false, true
}

// property reads "{" name "}" or "{" name "=" value "}" after \p or \P,
// with the names ECMA-262 allows: General_Category and Script (values as
// Go's unicode tables and ISO 15924 name them) and the binary properties
// of its table 67.
func (p *hkRegexParser) property() bool {
	if !p.peek("{") {
		return false
	}
	end := strings.IndexByte(p.s[p.i:], '}')
	if end < 0 {
		return false
	}
	body := p.s[p.i+1 : p.i+end]
	p.i += end + 1
	name, value, eq := strings.Cut(body, "=")
	if !eq {
		return hkWordIn(hkGeneralCategories, body) || hkWordIn(hkBinaryProperties, body)
	}
	switch name {
	case "General_Category", "gc":
		return hkWordIn(hkGeneralCategories, value)
	case "Script", "sc", "Script_Extensions", "scx":
		// A long name as Go's tables have it ("Latin"), or an ISO 15924
		// code ("Latn").
		return unicode.Scripts[value] != nil || hkWordIn(hkScriptCodes, value)
	}
	return false
}

// hkWordIn reports whether w is one of the space-separated words of list.
func hkWordIn(list, w string) bool {
	for w != "" && list != "" {
		word := list
		if i := strings.IndexByte(list, ' '); i >= 0 {
			word, list = list[:i], list[i+1:]
		} else {
			list = ""
		}
		if word == w {
			return true
		}
	}
	return false
}

// hkScriptCodes are the ISO 15924 codes of the Script values of Unicode 16
// (PropertyValueAliases.txt), as V8 accepts them.
const hkScriptCodes = "Adlm Aghb Ahom Arab Armi Armn Avst Bali Bamu Bass Batk Beng Berf Bhks Bopo Brah Brai Bugi Buhd Cakm " +
	"Cans Cari Cham Cher Chrs Copt Cpmn Cprt Cyrl Deva Diak Dogr Dsrt Dupl Egyp Elba Elym Ethi Gara Geor " +
	"Glag Gong Gonm Goth Gran Grek Gujr Gukh Guru Hang Hani Hano Hatr Hebr Hira Hluw Hmng Hmnp Hung Ital " +
	"Java Kali Kana Kawi Khar Khmr Khoj Kits Knda Krai Kthi Lana Laoo Latn Lepc Limb Lina Linb Lisu Lyci " +
	"Lydi Mahj Maka Mand Mani Marc Medf Mend Merc Mero Miao Mlym Modi Mong Mroo Mtei Mult Mymr Nagm Nand " +
	"Narb Nbat Newa Nkoo Nshu Ogam Olck Onao Orkh Orya Osge Osma Ougr Palm Pauc Perm Phag Phli Phlp Phnx " +
	"Plrd Prti Qaac Qaai Rjng Rohg Runr Samr Sarb Saur Sgnw Shaw Shrd Sidd Sidt Sind Sinh Sogd Sogo Sora " +
	"Soyo Sund Sunu Sylo Syrc Tagb Takr Tale Talu Taml Tang Tavt Tayo Telu Tfng Tglg Thaa Thai Tibt Tirh " +
	"Tnsa Todr Tols Toto Tutg Ugar Vaii Vith Wara Wcho Xpeo Xsux Yezi Yiii Zanb Zinh Zyyy Zzzz "

// The General_Category values and binary properties of ECMA-262's tables
// 66 and 67 (PropertyValueAliases.txt), long names and aliases.
const (
	hkGeneralCategories = "Cased_Letter LC Close_Punctuation Pe Connector_Punctuation Pc Control Cc cntrl " +
		"Currency_Symbol Sc Dash_Punctuation Pd Decimal_Number Nd digit Enclosing_Mark Me Final_Punctuation Pf " +
		"Format Cf Initial_Punctuation Pi Letter L Letter_Number Nl Line_Separator Zl Lowercase_Letter Ll " +
		"Mark M Combining_Mark Math_Symbol Sm Modifier_Letter Lm Modifier_Symbol Sk Nonspacing_Mark Mn " +
		"Number N Open_Punctuation Ps Other C Other_Letter Lo Other_Number No Other_Punctuation Po " +
		"Other_Symbol So Paragraph_Separator Zp Private_Use Co Punctuation P punct Separator Z " +
		"Space_Separator Zs Spacing_Mark Mc Surrogate Cs Symbol S Titlecase_Letter Lt Unassigned Cn " +
		"Uppercase_Letter Lu"
	hkBinaryProperties = "ASCII ASCII_Hex_Digit AHex Alphabetic Alpha Any Assigned Bidi_Control Bidi_C " +
		"Bidi_Mirrored Bidi_M Case_Ignorable CI Cased Changes_When_Casefolded CWCF Changes_When_Casemapped CWCM " +
		"Changes_When_Lowercased CWL Changes_When_NFKC_Casefolded CWKCF Changes_When_Titlecased CWT " +
		"Changes_When_Uppercased CWU Dash Default_Ignorable_Code_Point DI Deprecated Dep Diacritic Dia " +
		"Emoji Emoji_Component EComp Emoji_Modifier EMod Emoji_Modifier_Base EBase Emoji_Presentation EPres " +
		"Extended_Pictographic ExtPict Extender Ext Grapheme_Base Gr_Base Grapheme_Extend Gr_Ext Hex_Digit Hex " +
		"IDS_Binary_Operator IDSB IDS_Trinary_Operator IDST ID_Continue IDC ID_Start IDS Ideographic Ideo " +
		"Join_Control Join_C Logical_Order_Exception LOE Lowercase Lower Math Noncharacter_Code_Point NChar " +
		"Pattern_Syntax Pat_Syn Pattern_White_Space Pat_WS Quotation_Mark QMark Radical Regional_Indicator RI " +
		"Sentence_Terminal STerm Soft_Dotted SD Terminal_Punctuation Term Unified_Ideograph UIdeo Uppercase Upper " +
		"Variation_Selector VS White_Space space XID_Continue XIDC XID_Start XIDS"
)
