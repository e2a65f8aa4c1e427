package hookrt

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Host names, ASCII (RFC 1123) and internationalized (IDNA2008: RFC 5890
// to 5893). An A-label ("xn--" and Punycode) in either is decoded and
// held to the rules of the U-label it stands for, as the JSON Schema Test
// Suite expects. The code point classes of RFC 5892 are derived from
// Go's unicode tables, with small tables of their own for what Go's lack
// (NFKC case folding, joining types, bidi classes); format_idn_test.go
// checks every code point against the IDNA2008 derived property table and
// the Unicode data, which they match for every code point Go's Unicode
// version knows. Newer code points are unassigned to Go and so refused.
// Nothing here allocates: labels are decoded into fixed arrays on the
// stack, as no label exceeds 63 octets.

// hkMaxLabel is the longest label, in octets of its ASCII form.
const hkMaxLabel = 63

// hkLabel is a label decoded to code points.
type hkLabel struct {
	r [hkMaxLabel + 1]rune
	n int
}

func (l *hkLabel) runes() []rune { return l.r[:l.n] }

// hkIsHostname checks an RFC 1123 host name: dot-separated labels of 1 to
// 63 letters, digits and hyphens, no hyphen first or last, 253 octets in
// all (no trailing dot: the suite reads the format as a name, not a DNS
// presentation form), and every "xn--" label a valid A-label.
func hkIsHostname(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	bidi := false
	for rest := s; ; {
		label := rest
		dot := strings.IndexByte(rest, '.')
		if dot >= 0 {
			label, rest = rest[:dot], rest[dot+1:]
		}
		if n := len(label); n < 1 || n > hkMaxLabel || label[0] == '-' || label[n-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
				return false
			}
		}
		if hkIsALabelPrefix(label) {
			var l hkLabel
			if !hkDecodeALabel(label, &l) || !hkULabel(l.runes()) {
				return false
			}
			bidi = bidi || hkHasRTL(l.runes())
		}
		if dot < 0 {
			break
		}
	}
	return !bidi || hkBidiName(s, false)
}

// hkIsIDNHostname checks an internationalized host name (RFC 5890): labels
// separated by a dot or its ideographic, fullwidth or halfwidth forms
// (RFC 3490 section 3.1, which UTS #46 keeps), each an NR-LDH label, an
// A-label or a U-label; at most 63 octets per label and 253 in all,
// counted in ASCII (A-label) form.
func hkIsIDNHostname(s string) bool {
	if s == "" {
		return false
	}
	total, bidi := -1, false
	for rest := s; ; {
		label, next, more := hkNextIDNLabel(rest)
		rest = next
		if label == "" {
			return false
		}
		if hkASCII(label) {
			// An NR-LDH label or an A-label: RFC 5890 section 2.3.2.3
			// allows no other reserved LDH label ("ab--c") in an IDN.
			if !hkIsHostname(label) || hkReservedLDH(label) && !hkIsALabelPrefix(label) {
				return false
			}
			total += 1 + len(label)
			if hkIsALabelPrefix(label) {
				var l hkLabel
				hkDecodeALabel(label, &l)
				bidi = bidi || hkHasRTL(l.runes())
			}
		} else {
			var l hkLabel
			if !hkUTF8Label(label, &l) || !hkULabel(l.runes()) {
				return false
			}
			n, ok := hkPunycodeLen(l.runes())
			if !ok || 4+n > hkMaxLabel {
				return false
			}
			total += 1 + 4 + n
			bidi = bidi || hkHasRTL(l.runes())
		}
		if total > 253 {
			return false
		}
		if !more {
			break
		}
	}
	return !bidi || hkBidiName(s, true)
}

// hkReservedLDH reports an R-LDH label: "--" in its third and fourth
// characters (RFC 5890 section 2.3.1).
func hkReservedLDH(label string) bool {
	return len(label) >= 4 && label[2] == '-' && label[3] == '-'
}

// hkNextIDNLabel splits the first label off s at a label separator.
func hkNextIDNLabel(s string) (label, rest string, more bool) {
	for i, r := range s {
		if r == '.' || r == '\u3002' || r == '\uFF0E' || r == '\uFF61' {
			return s[:i], s[i+utf8.RuneLen(r):], true
		}
	}
	return s, "", false
}

func hkASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func hkIsALabelPrefix(label string) bool {
	return len(label) >= 4 && strings.EqualFold(label[:4], "xn--")
}

// hkUTF8Label decodes a label's UTF-8 into l; false if it is not UTF-8 or
// has too many code points to be a label in any form.
func hkUTF8Label(s string, l *hkLabel) bool {
	l.n = 0
	for _, r := range s {
		if r == utf8.RuneError || l.n == len(l.r) {
			return false
		}
		l.r[l.n] = r
		l.n++
	}
	return true
}

// hkDecodeALabel decodes an A-label into l and checks that it is one:
// valid Punycode (RFC 3492) holding a non-ASCII code point, which encodes
// back to the same label (so there is one A-label per U-label).
func hkDecodeALabel(label string, l *hkLabel) bool {
	if !hkPunycodeDecode(label[4:], l) || hkRunesASCII(l.runes()) {
		return false
	}
	var buf [hkMaxLabel]byte
	n, ok := hkPunycodeEncode(l.runes(), buf[:])
	return ok && strings.EqualFold(string(buf[:n]), label[4:])
}

func hkRunesASCII(rs []rune) bool {
	for _, r := range rs {
		if r >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Punycode's parameters, RFC 3492 section 5.
const (
	hkPunyBase        = 36
	hkPunyTMin        = 1
	hkPunyTMax        = 26
	hkPunySkew        = 38
	hkPunyDamp        = 700
	hkPunyInitialBias = 72
	hkPunyInitialN    = 128
)

func hkPunyAdapt(delta, points int, first bool) int {
	if first {
		delta /= hkPunyDamp
	} else {
		delta /= 2
	}
	delta += delta / points
	k := 0
	for delta > ((hkPunyBase-hkPunyTMin)*hkPunyTMax)/2 {
		delta /= hkPunyBase - hkPunyTMin
		k += hkPunyBase
	}
	return k + (hkPunyBase-hkPunyTMin+1)*delta/(delta+hkPunySkew)
}

func hkPunyT(k, bias int) int {
	switch {
	case k <= bias:
		return hkPunyTMin
	case k >= bias+hkPunyTMax:
		return hkPunyTMax
	}
	return k - bias
}

// hkPunycodeDecode is RFC 3492 section 6.2, into l.
func hkPunycodeDecode(s string, l *hkLabel) bool {
	l.n = 0
	if b := strings.LastIndexByte(s, '-'); b >= 0 {
		for i := 0; i < b; i++ {
			if s[i] >= utf8.RuneSelf || l.n == len(l.r) {
				return false
			}
			l.r[l.n] = rune(s[i])
			l.n++
		}
		s = s[b+1:]
	}
	n, i, bias := hkPunyInitialN, 0, hkPunyInitialBias
	for s != "" {
		oldi, w := i, 1
		for k := hkPunyBase; ; k += hkPunyBase {
			if s == "" {
				return false
			}
			var digit int
			switch c := s[0]; {
			case c >= 'a' && c <= 'z':
				digit = int(c - 'a')
			case c >= 'A' && c <= 'Z':
				digit = int(c - 'A')
			case c >= '0' && c <= '9':
				digit = int(c-'0') + 26
			default:
				return false
			}
			s = s[1:]
			if digit > (1<<31-1-i)/w {
				return false
			}
			i += digit * w
			t := hkPunyT(k, bias)
			if digit < t {
				break
			}
			if w > (1<<31-1)/(hkPunyBase-t) {
				return false
			}
			w *= hkPunyBase - t
		}
		if l.n == len(l.r) {
			return false
		}
		bias = hkPunyAdapt(i-oldi, l.n+1, oldi == 0)
		if i/(l.n+1) > unicode.MaxRune-n {
			return false
		}
		n += i / (l.n + 1)
		i %= l.n + 1
		if n > unicode.MaxRune || n >= 0xD800 && n <= 0xDFFF {
			return false
		}
		copy(l.r[i+1:l.n+1], l.r[i:l.n])
		l.r[i] = rune(n)
		l.n++
		i++
	}
	return true
}

// hkPunycodeEncode is RFC 3492 section 6.3, into out; false if out is too
// short.
func hkPunycodeEncode(rs []rune, out []byte) (int, bool) {
	o := 0
	put := func(c byte) bool {
		if o == len(out) {
			return false
		}
		out[o] = c
		o++
		return true
	}
	digit := func(d int) byte {
		if d < 26 {
			return byte('a' + d)
		}
		return byte('0' + d - 26)
	}
	b := 0
	for _, r := range rs {
		if r < utf8.RuneSelf {
			if !put(byte(r)) {
				return o, false
			}
			b++
		}
	}
	if b > 0 && !put('-') {
		return o, false
	}
	n, delta, bias := hkPunyInitialN, 0, hkPunyInitialBias
	for h := b; h < len(rs); {
		m := int(unicode.MaxRune) + 1
		for _, r := range rs {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range rs {
			if int(r) < n {
				delta++
			}
			if int(r) == n {
				q := delta
				for k := hkPunyBase; ; k += hkPunyBase {
					t := hkPunyT(k, bias)
					if q < t {
						break
					}
					if !put(digit(t + (q-t)%(hkPunyBase-t))) {
						return o, false
					}
					q = (q - t) / (hkPunyBase - t)
				}
				if !put(digit(q)) {
					return o, false
				}
				bias = hkPunyAdapt(delta, h+1, h == b)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return o, true
}

// hkPunycodeLen is the length of rs in Punycode, if it fits a label.
func hkPunycodeLen(rs []rune) (int, bool) {
	var buf [hkMaxLabel]byte
	return hkPunycodeEncode(rs, buf[:])
}

// hkULabel checks a label's code points by RFC 5891 section 5.4 (without
// the bidi rule, which depends on the whole name): hyphens, no leading
// combining mark, and every code point PVALID or allowed in its context
// (RFC 5892). ASCII capitals are taken as the small letters they map to
// (UTS #46), as host names are case-insensitive.
func hkULabel(rs []rune) bool {
	n := len(rs)
	if n == 0 || rs[0] == '-' || rs[n-1] == '-' || n >= 4 && rs[2] == '-' && rs[3] == '-' {
		return false
	}
	if unicode.Is(unicode.M, rs[0]) {
		return false
	}
	arabicDigits, extendedDigits := false, false
	for _, r := range rs {
		arabicDigits = arabicDigits || r >= 0x0660 && r <= 0x0669
		extendedDigits = extendedDigits || r >= 0x06F0 && r <= 0x06F9
	}
	for i, r := range rs {
		switch hkIDNAClass(r) {
		case hkIDNAPValid:
		case hkIDNAContextJ:
			if !hkContextJ(rs, i) {
				return false
			}
		case hkIDNAContextO:
			if !hkContextO(rs, i, arabicDigits && extendedDigits) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// IDNA2008 derived property values, RFC 5892 section 2.
const (
	hkIDNADisallowed = iota
	hkIDNAPValid
	hkIDNAContextJ
	hkIDNAContextO
)

// hkIDNAClass derives a code point's IDNA2008 property (RFC 5892 section
// 3) in the RFC's order: exceptions, join controls, old Hangul jamo,
// unassigned, LDH, ignorable properties and blocks, unstable under NFKC
// case folding, then letters, marks and digits PVALID.
func hkIDNAClass(r rune) int {
	switch r {
	case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007:
		return hkIDNAPValid
	case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB:
		return hkIDNAContextO
	case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B:
		return hkIDNADisallowed
	case 0x200C, 0x200D:
		return hkIDNAContextJ
	}
	switch {
	case r >= 0x0660 && r <= 0x0669, r >= 0x06F0 && r <= 0x06F9:
		return hkIDNAContextO
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return hkIDNAPValid
		}
		return hkIDNADisallowed
	case r >= 0x1100 && r <= 0x11FF, r >= 0xA960 && r <= 0xA97F, r >= 0xD7B0 && r <= 0xD7FF:
		return hkIDNADisallowed // OldHangulJamo
	case r >= 0x20D0 && r <= 0x20FF, r >= 0x1D100 && r <= 0x1D24F:
		return hkIDNADisallowed // IgnorableBlocks
	case unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector, unicode.Noncharacter_Code_Point, unicode.White_Space):
		return hkIDNADisallowed // IgnorableProperties
	case hkIDNAUnstable(r):
		return hkIDNADisallowed
	case unicode.In(r, unicode.Ll, unicode.Lu, unicode.Lo, unicode.Lm, unicode.Mn, unicode.Mc, unicode.Nd):
		return hkIDNAPValid
	}
	return hkIDNADisallowed // Unassigned, or no letter, mark or digit
}

// hkIDNAUnstable reports the letters, marks and digits that NFKC case
// folding changes (RFC 5892 section 2.2), which are DISALLOWED: capitals
// and the small letters whose case folds elsewhere, and the compatibility
// and singleton decompositions and composition exclusions below.
func hkIDNAUnstable(r rune) bool {
	switch {
	case r == 0x0131 || r >= 0x13A0 && r <= 0x13F5:
		// DOTLESS I has no case folding; Cherokee capitals are what the
		// small letters fold to.
		return false
	case (unicode.IsUpper(r) || unicode.IsTitle(r)) && unicode.ToLower(r) != r:
		return true
	case unicode.IsLower(r) && unicode.ToLower(unicode.ToUpper(r)) != r:
		return true // e.g. U+017F LONG S folds to "s", U+00B5 MICRO SIGN to mu
	}
	i, j := 0, len(hkIDNAUnstableRanges)
	for i < j {
		h := (i + j) / 2
		switch rg := hkIDNAUnstableRanges[h]; {
		case r < rg[0]:
			j = h
		case r > rg[1]:
			i = h + 1
		default:
			return true
		}
	}
	return false
}

// hkIDNAUnstableRanges are sorted, inclusive ranges holding letters, marks
// and digits with a compatibility or singleton decomposition or a
// composition exclusion (UnicodeData.txt, CompositionExclusions.txt),
// and the Cherokee small letters, which fold to capitals.
var hkIDNAUnstableRanges = [...][2]rune{
	{0x00AA, 0x00AA}, {0x00BA, 0x00BA}, {0x0132, 0x0133}, {0x013F, 0x0140}, {0x0149, 0x0149},
	{0x01C4, 0x01CC}, {0x01F1, 0x01F3}, {0x02B0, 0x02B8}, {0x02E0, 0x02E4}, {0x0340, 0x0341},
	{0x0343, 0x0345}, {0x0374, 0x0374}, {0x037A, 0x037A}, {0x03D0, 0x03D6}, {0x03F0, 0x03F2},
	{0x03F4, 0x03F5}, {0x03F9, 0x03F9}, {0x0587, 0x0587}, {0x0675, 0x0678}, {0x0958, 0x095F},
	{0x09DC, 0x09DD}, {0x09DF, 0x09DF}, {0x0A33, 0x0A33}, {0x0A36, 0x0A36}, {0x0A59, 0x0A5B},
	{0x0A5E, 0x0A5E}, {0x0B5C, 0x0B5D}, {0x0E33, 0x0E33}, {0x0EB3, 0x0EB3}, {0x0EDC, 0x0EDD},
	{0x0F43, 0x0F43}, {0x0F4D, 0x0F4D}, {0x0F52, 0x0F52}, {0x0F57, 0x0F57}, {0x0F5C, 0x0F5C},
	{0x0F69, 0x0F69}, {0x0F73, 0x0F73}, {0x0F75, 0x0F79}, {0x0F81, 0x0F81}, {0x0F93, 0x0F93},
	{0x0F9D, 0x0F9D}, {0x0FA2, 0x0FA2}, {0x0FA7, 0x0FA7}, {0x0FAC, 0x0FAC}, {0x0FB9, 0x0FB9},
	{0x10FC, 0x10FC}, {0x13F8, 0x13FD}, {0x1D2C, 0x1D2E}, {0x1D30, 0x1D3A}, {0x1D3C, 0x1D4D},
	{0x1D4F, 0x1D6A}, {0x1D78, 0x1D78}, {0x1D9B, 0x1DBF}, {0x1E9A, 0x1E9B}, {0x1F71, 0x1F71},
	{0x1F73, 0x1F73}, {0x1F75, 0x1F75}, {0x1F77, 0x1F77}, {0x1F79, 0x1F79}, {0x1F7B, 0x1F7B},
	{0x1F7D, 0x1F7D}, {0x1F80, 0x1FAF}, {0x1FB2, 0x1FB4}, {0x1FB7, 0x1FB7}, {0x1FBB, 0x1FBE},
	{0x1FC2, 0x1FC4}, {0x1FC7, 0x1FC7}, {0x1FC9, 0x1FC9}, {0x1FCB, 0x1FCB}, {0x1FD3, 0x1FD3},
	{0x1FDB, 0x1FDB}, {0x1FE3, 0x1FE3}, {0x1FEB, 0x1FEB}, {0x1FF2, 0x1FF4}, {0x1FF7, 0x1FF7},
	{0x1FF9, 0x1FF9}, {0x1FFB, 0x1FFB}, {0x2071, 0x2071}, {0x207F, 0x207F}, {0x2090, 0x209C},
	{0x2102, 0x2149},
	{0x2C7C, 0x2C7D}, {0x2D6F, 0x2D6F}, {0x309F, 0x309F}, {0x30FF, 0x30FF}, {0x3131, 0x318E}, {0xA69C, 0xA69D}, {0xA770, 0xA770},
	{0xA7F2, 0xA7F4}, {0xA7F8, 0xA7F9}, {0xAB5C, 0xAB5F}, {0xAB69, 0xAB69}, {0xAB70, 0xABBF},
	// The CJK compatibility ideographs but the twelve unified ones among them.
	{0xF900, 0xFA0D}, {0xFA10, 0xFA10}, {0xFA12, 0xFA12}, {0xFA15, 0xFA1E}, {0xFA20, 0xFA20}, {0xFA22, 0xFA22},
	{0xFA25, 0xFA26}, {0xFA2A, 0xFAFF}, {0xFB00, 0xFB06}, {0xFB13, 0xFB17}, {0xFB1D, 0xFB1D}, {0xFB1F, 0xFDFF},
	{0xFE70, 0xFE72}, {0xFE74, 0xFEFF}, {0xFF00, 0xFFEF}, {0x10781, 0x107BA}, {0x1D400, 0x1D7FF}, {0x1E030, 0x1E06D}, {0x1EE00, 0x1EEFF},
	{0x1FBF0, 0x1FBF9}, {0x2F800, 0x2FA1F},
}

// hkContextJ is RFC 5892 appendix A.1 and A.2: a ZERO WIDTH JOINER only
// after a virama; a ZERO WIDTH NON-JOINER after a virama, or between a
// left- or dual-joining and a right- or dual-joining letter with only
// transparent marks in between.
func hkContextJ(rs []rune, i int) bool {
	if i > 0 && hkVirama(rs[i-1]) {
		return true
	}
	if rs[i] == 0x200D {
		return false
	}
	left := i - 1
	for left >= 0 && hkJoiningType(rs[left]) == 'T' {
		left--
	}
	right := i + 1
	for right < len(rs) && hkJoiningType(rs[right]) == 'T' {
		right++
	}
	if left < 0 || right >= len(rs) {
		return false
	}
	l, r := hkJoiningType(rs[left]), hkJoiningType(rs[right])
	return (l == 'L' || l == 'D') && (r == 'R' || r == 'D')
}

// hkVirama reports the code points of Canonical_Combining_Class Virama (9).
func hkVirama(r rune) bool {
	switch r {
	case 0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0B4D, 0x0BCD, 0x0C4D, 0x0CCD, 0x0D3B, 0x0D3C, 0x0D4D,
		0x0DCA, 0x0E3A, 0x0EBA, 0x0F84, 0x1039, 0x103A, 0x1714, 0x1715, 0x1734, 0x17D2, 0x1A60,
		0x1B44, 0x1BAA, 0x1BAB, 0x1BF2, 0x1BF3, 0x2D7F, 0xA806, 0xA82C, 0xA8C4, 0xA953, 0xA9C0,
		0xAAF6, 0xABED, 0x10A3F, 0x11046, 0x11070, 0x1107F, 0x110B9, 0x11133, 0x11134, 0x111C0,
		0x11235, 0x112EA, 0x1134D, 0x11442, 0x114C2, 0x115BF, 0x1163F, 0x116B6, 0x1172B, 0x11839,
		0x1193D, 0x1193E, 0x119E0, 0x11A34, 0x11A47, 0x11A99, 0x11C3F, 0x11D44, 0x11D45, 0x11D97,
		0x11F41, 0x11F42:
		return true
	}
	return false
}

// hkJoiningType is ArabicShaping.txt's Joining_Type: the listed ranges,
// else transparent ('T') for marks and format characters, else
// non-joining ('U').
func hkJoiningType(r rune) byte {
	i, j := 0, len(hkJoiningTypes)
	for i < j {
		h := (i + j) / 2
		switch e := hkJoiningTypes[h]; {
		case r < e.lo:
			j = h
		case r > e.hi:
			i = h + 1
		default:
			return e.jt
		}
	}
	if r != 0x200C && unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 'T'
	}
	return 'U'
}

// hkJoiningTypes are the sorted code point ranges that join (D, R, L, C),
// and the few marks and format characters whose Joining_Type is not T
// (or letters whose is), from the Unicode data the Python idna package
// carries; format_idn_test.go checks every label code point against
// testdata/joining-label.txt.
var hkJoiningTypes = [...]struct {
	lo, hi rune
	jt     byte
}{
	{0x0620, 0x0620, 'D'}, {0x0622, 0x0625, 'R'}, {0x0626, 0x0626, 'D'}, {0x0627, 0x0627, 'R'}, {0x0628, 0x0628, 'D'},
	{0x0629, 0x0629, 'R'}, {0x062A, 0x062E, 'D'}, {0x062F, 0x0632, 'R'}, {0x0633, 0x063F, 'D'}, {0x0640, 0x0640, 'C'},
	{0x0641, 0x0647, 'D'}, {0x0648, 0x0648, 'R'}, {0x0649, 0x064A, 'D'}, {0x066E, 0x066F, 'D'}, {0x0671, 0x0673, 'R'},
	{0x0675, 0x0677, 'R'}, {0x0678, 0x0687, 'D'}, {0x0688, 0x0699, 'R'}, {0x069A, 0x06BF, 'D'}, {0x06C0, 0x06C0, 'R'},
	{0x06C1, 0x06C2, 'D'}, {0x06C3, 0x06CB, 'R'}, {0x06CC, 0x06CC, 'D'}, {0x06CD, 0x06CD, 'R'}, {0x06CE, 0x06CE, 'D'},
	{0x06CF, 0x06CF, 'R'}, {0x06D0, 0x06D1, 'D'}, {0x06D2, 0x06D3, 'R'}, {0x06D5, 0x06D5, 'R'}, {0x06EE, 0x06EF, 'R'},
	{0x06FA, 0x06FC, 'D'}, {0x06FF, 0x06FF, 'D'}, {0x0710, 0x0710, 'R'}, {0x0712, 0x0714, 'D'}, {0x0715, 0x0719, 'R'},
	{0x071A, 0x071D, 'D'}, {0x071E, 0x071E, 'R'}, {0x071F, 0x0727, 'D'}, {0x0728, 0x0728, 'R'}, {0x0729, 0x0729, 'D'},
	{0x072A, 0x072A, 'R'}, {0x072B, 0x072B, 'D'}, {0x072C, 0x072C, 'R'}, {0x072D, 0x072E, 'D'}, {0x072F, 0x072F, 'R'},
	{0x074D, 0x074D, 'R'}, {0x074E, 0x0758, 'D'}, {0x0759, 0x075B, 'R'}, {0x075C, 0x076A, 'D'}, {0x076B, 0x076C, 'R'},
	{0x076D, 0x0770, 'D'}, {0x0771, 0x0771, 'R'}, {0x0772, 0x0772, 'D'}, {0x0773, 0x0774, 'R'}, {0x0775, 0x0777, 'D'},
	{0x0778, 0x0779, 'R'}, {0x077A, 0x077F, 'D'}, {0x07CA, 0x07EA, 'D'}, {0x07FA, 0x07FA, 'C'}, {0x0840, 0x0840, 'R'},
	{0x0841, 0x0845, 'D'}, {0x0846, 0x0847, 'R'}, {0x0848, 0x0848, 'D'}, {0x0849, 0x0849, 'R'}, {0x084A, 0x0853, 'D'},
	{0x0854, 0x0854, 'R'}, {0x0855, 0x0855, 'D'}, {0x0856, 0x0858, 'R'}, {0x0860, 0x0860, 'D'}, {0x0862, 0x0865, 'D'},
	{0x0867, 0x0867, 'R'}, {0x0868, 0x0868, 'D'}, {0x0869, 0x086A, 'R'}, {0x0870, 0x0882, 'R'}, {0x0883, 0x0885, 'C'},
	{0x0886, 0x0886, 'D'}, {0x0889, 0x088D, 'D'}, {0x088E, 0x088E, 'R'}, {0x088F, 0x088F, 'D'}, {0x08A0, 0x08A9, 'D'},
	{0x08AA, 0x08AC, 'R'}, {0x08AE, 0x08AE, 'R'}, {0x08AF, 0x08B0, 'D'}, {0x08B1, 0x08B2, 'R'}, {0x08B3, 0x08B8, 'D'},
	{0x08B9, 0x08B9, 'R'}, {0x08BA, 0x08C8, 'D'}, {0x1807, 0x1807, 'D'}, {0x180A, 0x180A, 'C'}, {0x1820, 0x1878, 'D'},
	{0x1887, 0x18A8, 'D'}, {0x18AA, 0x18AA, 'D'}, {0x200D, 0x200D, 'C'}, {0xA840, 0xA871, 'D'}, {0xA872, 0xA872, 'L'},
	{0x10AC0, 0x10AC4, 'D'}, {0x10AC5, 0x10AC5, 'R'}, {0x10AC7, 0x10AC7, 'R'}, {0x10AC9, 0x10ACA, 'R'},
	{0x10ACD, 0x10ACD, 'L'}, {0x10ACE, 0x10AD2, 'R'}, {0x10AD3, 0x10AD6, 'D'}, {0x10AD7, 0x10AD7, 'L'},
	{0x10AD8, 0x10ADC, 'D'}, {0x10ADD, 0x10ADD, 'R'}, {0x10ADE, 0x10AE0, 'D'}, {0x10AE1, 0x10AE1, 'R'},
	{0x10AE4, 0x10AE4, 'R'}, {0x10AEB, 0x10AEE, 'D'}, {0x10AEF, 0x10AEF, 'R'}, {0x10B80, 0x10B80, 'D'},
	{0x10B81, 0x10B81, 'R'}, {0x10B82, 0x10B82, 'D'}, {0x10B83, 0x10B85, 'R'}, {0x10B86, 0x10B88, 'D'},
	{0x10B89, 0x10B89, 'R'}, {0x10B8A, 0x10B8B, 'D'}, {0x10B8C, 0x10B8C, 'R'}, {0x10B8D, 0x10B8D, 'D'},
	{0x10B8E, 0x10B8F, 'R'}, {0x10B90, 0x10B90, 'D'}, {0x10B91, 0x10B91, 'R'}, {0x10BA9, 0x10BAC, 'R'},
	{0x10BAD, 0x10BAE, 'D'}, {0x10D00, 0x10D00, 'L'}, {0x10D01, 0x10D21, 'D'}, {0x10D22, 0x10D22, 'R'},
	{0x10D23, 0x10D23, 'D'}, {0x10EC2, 0x10EC2, 'R'}, {0x10EC3, 0x10EC4, 'D'}, {0x10EC6, 0x10EC7, 'D'},
	{0x10F30, 0x10F32, 'D'}, {0x10F33, 0x10F33, 'R'}, {0x10F34, 0x10F44, 'D'}, {0x10F51, 0x10F53, 'D'},
	{0x10F54, 0x10F54, 'R'}, {0x10F70, 0x10F73, 'D'}, {0x10F74, 0x10F75, 'R'}, {0x10F76, 0x10F81, 'D'},
	{0x10FB0, 0x10FB0, 'D'}, {0x10FB2, 0x10FB3, 'D'}, {0x10FB4, 0x10FB6, 'R'}, {0x10FB8, 0x10FB8, 'D'},
	{0x10FB9, 0x10FBA, 'R'}, {0x10FBB, 0x10FBC, 'D'}, {0x10FBD, 0x10FBD, 'R'}, {0x10FBE, 0x10FBF, 'D'},
	{0x10FC1, 0x10FC1, 'D'}, {0x10FC2, 0x10FC3, 'R'}, {0x10FC4, 0x10FC4, 'D'}, {0x10FC9, 0x10FC9, 'R'},
	{0x10FCA, 0x10FCA, 'D'}, {0x10FCB, 0x10FCB, 'L'}, {0x1171E, 0x1171E, 'U'}, {0x1E900, 0x1E943, 'D'},
	{0x1E94B, 0x1E94B, 'T'},
}

// hkContextO is RFC 5892 appendix A.3 to A.9.
func hkContextO(rs []rune, i int, mixedDigits bool) bool {
	switch r := rs[i]; {
	case r == 0x00B7: // MIDDLE DOT: only in "l·l" (Catalan)
		return i > 0 && i+1 < len(rs) && rs[i-1] == 'l' && rs[i+1] == 'l'
	case r == 0x0375: // GREEK KERAIA: before a Greek letter
		return i+1 < len(rs) && unicode.Is(unicode.Greek, rs[i+1])
	case r == 0x05F3 || r == 0x05F4: // HEBREW GERESH, GERSHAYIM: after a Hebrew letter
		return i > 0 && unicode.Is(unicode.Hebrew, rs[i-1])
	case r == 0x30FB: // KATAKANA MIDDLE DOT: in a label with Japanese
		for _, c := range rs {
			if c != 0x30FB && unicode.In(c, unicode.Hiragana, unicode.Katakana, unicode.Han) {
				return true
			}
		}
		return false
	default: // ARABIC-INDIC and EXTENDED ARABIC-INDIC DIGITS: never both
		return !mixedDigits
	}
}

// hkHasRTL reports whether a label holds a right-to-left character, which
// makes its name a bidi domain name (RFC 5893 section 1.4).
func hkHasRTL(rs []rune) bool {
	for _, r := range rs {
		if c := hkBidiClass(r); c == hkBidiR || c == hkBidiAL || c == hkBidiAN {
			return true
		}
	}
	return false
}

// Bidi classes (UAX #9) that the bidi rule tells apart.
const (
	hkBidiL = iota
	hkBidiR
	hkBidiAL
	hkBidiEN
	hkBidiAN
	hkBidiES
	hkBidiNSM
	hkBidiON
	hkBidiBN
)

// hkBidiClass is DerivedBidiClass.txt for the code points a label may
// hold (format_idn_test.go compares them all with Python's unicodedata):
// marks are NSM; ASCII and Extended Arabic-Indic digits EN; Arabic digits
// AN; the Hebrew and the Arabic blocks (and their relatives) R and AL; the
// three CONTEXTO punctuation marks and a few modifier letters ON; the
// joiners BN; every other letter L.
func hkBidiClass(r rune) int {
	if r < utf8.RuneSelf { // a label's ASCII: letters, digits, hyphen
		switch {
		case r >= '0' && r <= '9':
			return hkBidiEN
		case r == '-':
			return hkBidiES
		}
		return hkBidiL
	}
	switch {
	case r >= 0x06F0 && r <= 0x06F9:
		return hkBidiEN
	case r >= 0x0660 && r <= 0x0669, r == 0x066B, r == 0x066C, r >= 0x0600 && r <= 0x0605, r == 0x06DD,
		r == 0x0890, r == 0x0891, r == 0x08E2, r >= 0x10D30 && r <= 0x10D39, r >= 0x10E60 && r <= 0x10E7E:
		return hkBidiAN
	case r == '-':
		return hkBidiES
	case r == 0x00B7, r == 0x0375, r == 0x30FB, r >= 0x02B9 && r <= 0x02BA, r >= 0x02C6 && r <= 0x02CF, r == 0x02EC,
		r == 0x2E2F, r == 0xA67F, r >= 0xA717 && r <= 0xA71F, r == 0xA788:
		return hkBidiON // and the modifier letters of class ON
	case r == 0x0CBF, r == 0x0CC6, r == 0x11A07, r == 0x11A08, r == 0x11C3F:
		return hkBidiL // the nonspacing marks of class L
	case r == 0x200C, r == 0x200D:
		return hkBidiBN
	case unicode.In(r, unicode.Mn, unicode.Me):
		return hkBidiNSM
	case r >= 0x0600 && r <= 0x07BF, r >= 0x0860 && r <= 0x08FF, r >= 0xFB50 && r <= 0xFDCF,
		r >= 0xFDF0 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF, r >= 0x10D00 && r <= 0x10D3F,
		r >= 0x10F30 && r <= 0x10F6F, r >= 0x1EC70 && r <= 0x1ECBF, r >= 0x1ED00 && r <= 0x1ED4F,
		r >= 0x1EE00 && r <= 0x1EEFF:
		return hkBidiAL
	case r >= 0x0590 && r <= 0x05FF, r >= 0x07C0 && r <= 0x085F, r >= 0xFB1D && r <= 0xFB4F,
		r >= 0x10800 && r <= 0x10FFF, r >= 0x1E800 && r <= 0x1EFFF:
		return hkBidiR
	}
	return hkBidiL
}

// hkBidiName applies the bidi rule (RFC 5893 section 2) to every label of
// a bidi domain name; idn splits at every IDNA label separator.
func hkBidiName(s string, idn bool) bool {
	for rest := s; ; {
		var label string
		more := false
		if idn {
			label, rest, more = hkNextIDNLabel(rest)
		} else if dot := strings.IndexByte(rest, '.'); dot >= 0 {
			label, rest, more = rest[:dot], rest[dot+1:], true
		} else {
			label = rest
		}
		var l hkLabel
		if hkIsALabelPrefix(label) && hkASCII(label) {
			hkDecodeALabel(label, &l)
		} else {
			hkUTF8Label(label, &l)
		}
		if !hkBidiRule(l.runes()) {
			return false
		}
		if !more {
			return true
		}
	}
}

// hkBidiRule is RFC 5893 section 2's six conditions on one label.
func hkBidiRule(rs []rune) bool {
	if len(rs) == 0 {
		return false
	}
	first := hkBidiClass(rs[0])
	if first != hkBidiL && first != hkBidiR && first != hkBidiAL {
		return false // 1
	}
	last := len(rs) - 1
	for last > 0 && hkBidiClass(rs[last]) == hkBidiNSM {
		last--
	}
	end := hkBidiClass(rs[last])
	if first == hkBidiL {
		for _, r := range rs {
			if c := hkBidiClass(r); c != hkBidiL && c != hkBidiEN && c != hkBidiES && c != hkBidiON && c != hkBidiBN && c != hkBidiNSM {
				return false // 5
			}
		}
		return end == hkBidiL || end == hkBidiEN // 6
	}
	en, an := false, false
	for _, r := range rs {
		switch hkBidiClass(r) {
		case hkBidiL:
			return false // 2
		case hkBidiEN:
			en = true
		case hkBidiAN:
			an = true
		}
	}
	// 3 and 4
	return !(en && an) && (end == hkBidiR || end == hkBidiAL || end == hkBidiEN || end == hkBidiAN)
}
