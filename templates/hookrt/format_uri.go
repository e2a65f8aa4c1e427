package hookrt

import (
	"net/netip"
	"strings"
	"unicode/utf8"
)

// The URI family is read by its grammar, RFC 3986 for uri and
// uri-reference, RFC 3987 for iri and iri-reference, RFC 6570 for
// uri-template, in one pass over the string that allocates nothing.
// Go's net/url (which jsonschema/v5 uses) is a lenient parser for
// fetching, not a validator: it takes spaces, backslashes, "{}" and
// unescaped non-ASCII, and so cannot say what the RFCs allow.

// hkIsURIReference checks an RFC 3986 URI-reference: a URI or a
// relative reference.
func hkIsURIReference(s string) bool { return hkURIRef(s, false, false) }

// hkIsIRI checks an RFC 3987 IRI.
func hkIsIRI(s string) bool { return hkURIRef(s, true, true) }

// hkIsIRIReference checks an RFC 3987 IRI-reference.
func hkIsIRIReference(s string) bool { return hkURIRef(s, true, false) }

// Character classes of RFC 3986, one bit per ASCII byte.
const (
	hkUnreserved  = 1 << iota // ALPHA DIGIT - . _ ~
	hkSubDelim                // ! $ & ' ( ) * + , ; =
	hkSchemeChar              // ALPHA DIGIT + - .
	hkVarChar                 // ALPHA DIGIT _ (RFC 6570 varchar, pct-encoded aside)
	hkTemplateLit             // RFC 6570 literals that are ASCII
)

var hkURIClass = func() (t [256]uint8) {
	for c := 0; c < 128; c++ {
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if alnum || strings.IndexByte("-._~", byte(c)) >= 0 {
			t[c] |= hkUnreserved
		}
		if strings.IndexByte("!$&'()*+,;=", byte(c)) >= 0 {
			t[c] |= hkSubDelim
		}
		if alnum || c == '+' || c == '-' || c == '.' {
			t[c] |= hkSchemeChar
		}
		if alnum || c == '_' {
			t[c] |= hkVarChar
		}
		// RFC 6570 section 2.1: any character but CTL, SP, DQUOTE, "%"
		// (pct-encoded aside), "<", ">", "\", "^", "`", "{", "|", "}".
		// The apostrophe, which the RFC's ABNF leaves out but its errata
		// and the JSON Schema Test Suite allow, is a literal.
		if c > 0x20 && c < 0x7f && strings.IndexByte("\"%<>\\^`{|}", byte(c)) < 0 {
			t[c] |= hkTemplateLit
		}
	}
	return t
}()

// hkPctEncoded reports whether s starts with "%" and two hex digits.
func hkPctEncoded(s string) bool {
	return len(s) >= 3 && s[0] == '%' && hkHexDigit[s[1]] == 1 && hkHexDigit[s[2]] == 1
}

// hkUCSChar reports whether r is an RFC 3987 ucschar; private also
// allows iprivate, which only a query may hold.
func hkUCSChar(r rune, private bool) bool {
	switch {
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFEF:
		return true
	case r >= 0x10000 && r <= 0xEFFFD:
		// Each plane but its last two code points (noncharacters);
		// planes 0xE holds ucschars from 0xE1000 only.
		return r&0xFFFF <= 0xFFFD && (r < 0xE0000 || r >= 0xE1000)
	case private:
		return r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000 && r <= 0x10FFFD && r&0xFFFF <= 0xFFFD
	}
	return false
}

// hkURIPart checks that s is a run of unreserved, pct-encoded and
// sub-delims characters and those of extra; with iri, ucschars too
// (and iprivate where private).
func hkURIPart(s string, extra string, iri, private bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf && hkURIClass[c]&(hkUnreserved|hkSubDelim) != 0:
			i++
		case c == '%':
			if !hkPctEncoded(s[i:]) {
				return false
			}
			i += 3
		case c < utf8.RuneSelf && strings.IndexByte(extra, c) >= 0:
			i++
		case c >= utf8.RuneSelf && iri:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || !hkUCSChar(r, private) {
				return false
			}
			i += n
		default:
			return false
		}
	}
	return true
}

// hkURIRef checks an RFC 3986 URI-reference (RFC 3987 IRI-reference with
// iri); absolute demands the scheme of a URI.
func hkURIRef(s string, iri, absolute bool) bool {
	rest := s
	scheme := false
	if s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		i := 1
		for i < len(s) && s[i] < utf8.RuneSelf && hkURIClass[s[i]]&hkSchemeChar != 0 {
			i++
		}
		if i < len(s) && s[i] == ':' {
			scheme, rest = true, s[i+1:]
		}
	}
	if absolute && !scheme {
		return false
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		if !hkURIPart(rest[i+1:], ":@/?", iri, false) {
			return false
		}
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		if !hkURIPart(rest[i+1:], ":@/?", iri, true) {
			return false
		}
		rest = rest[:i]
	}
	if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		end := strings.IndexByte(rest, '/')
		if end < 0 {
			end = len(rest)
		}
		if !hkAuthority(rest[:end], iri) {
			return false
		}
		rest = rest[end:]
	} else if !scheme {
		// path-noscheme: a colon in the first segment would read as a
		// scheme, so RFC 3986 section 4.2 forbids it.
		first := rest
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			first = rest[:i]
		}
		if strings.IndexByte(first, ':') >= 0 {
			return false
		}
	}
	return hkURIPart(rest, ":@/", iri, false)
}

// hkAuthority checks [ userinfo "@" ] host [ ":" port ].
func hkAuthority(s string, iri bool) bool {
	if i := strings.IndexByte(s, '@'); i >= 0 {
		if !hkURIPart(s[:i], ":", iri, false) {
			return false
		}
		s = s[i+1:]
	}
	host, port := s, ""
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 || !hkIPLiteral(s[1:end]) {
			return false
		}
		host, port = "", s[end+1:]
		if port != "" {
			if port[0] != ':' {
				return false
			}
			port = port[1:]
		}
	} else if i := strings.IndexByte(s, ':'); i >= 0 {
		host, port = s[:i], s[i+1:]
	}
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return false
		}
	}
	// A reg-name: an IPv4 address is one too, so "999.1.1.1" is a valid
	// host by the grammar, as RFC 3986 section 3.2.2 says.
	return hkURIPart(host, "", iri, false)
}

// hkIPLiteral checks what an IP-literal holds between its brackets: an
// IPv6 address (no zone: RFC 3986 has none) or an IPvFuture.
func hkIPLiteral(s string) bool {
	if len(s) > 0 && (s[0] == 'v' || s[0] == 'V') {
		dot := strings.IndexByte(s, '.')
		if dot < 2 || dot == len(s)-1 {
			return false
		}
		for i := 1; i < dot; i++ {
			if hkHexDigit[s[i]] != 1 {
				return false
			}
		}
		for i := dot + 1; i < len(s); i++ {
			if c := s[i]; c >= utf8.RuneSelf || hkURIClass[c]&(hkUnreserved|hkSubDelim) == 0 && c != ':' {
				return false
			}
		}
		return true
	}
	return hkIsIPv6Addr(s)
}

// hkIsIPv6Addr checks an RFC 4291 text address without a zone, and so
// without allocating (net.ParseIP allocates its result).
func hkIsIPv6Addr(s string) bool {
	if strings.IndexByte(s, ':') < 0 || strings.IndexByte(s, '%') >= 0 {
		return false
	}
	_, err := netip.ParseAddr(s)
	return err == nil
}

// hkIsURITemplate checks an RFC 6570 URI Template (any level): literals,
// which are IRI characters but for a few delimiters, and expressions
// "{" [operator] varspec *("," varspec) "}".
func hkIsURITemplate(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 || !hkTemplateExpr(s[i+1:i+end]) {
				return false
			}
			i += end + 1
		case c == '%':
			if !hkPctEncoded(s[i:]) {
				return false
			}
			i += 3
		case c < utf8.RuneSelf:
			if hkURIClass[c]&hkTemplateLit == 0 {
				return false
			}
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || !hkUCSChar(r, true) {
				return false
			}
			i += n
		}
	}
	return true
}

// hkTemplateExpr checks an expression between its braces.
func hkTemplateExpr(s string) bool {
	// The level 2 and 3 operators. "=", ",", "!", "@" and "|" are reserved
	// for future extensions: RFC 6570 section 3 has a processor reject an
	// expression using one, so no template may.
	if s != "" && strings.IndexByte("+#./;?&", s[0]) >= 0 {
		s = s[1:]
	}
	for {
		end := strings.IndexByte(s, ',')
		spec := s
		if end >= 0 {
			spec = s[:end]
		}
		if !hkVarSpec(spec) {
			return false
		}
		if end < 0 {
			return true
		}
		s = s[end+1:]
	}
}

// hkVarSpec checks varname [ ":" max-length / "*" ], where varname is
// varchars joined by single dots and max-length is 1 to 9999.
func hkVarSpec(s string) bool {
	if strings.HasSuffix(s, "*") {
		s = s[:len(s)-1]
	} else if i := strings.IndexByte(s, ':'); i >= 0 {
		n := s[i+1:]
		if n == "" || len(n) > 4 || n[0] == '0' {
			return false
		}
		for j := 0; j < len(n); j++ {
			if n[j] < '0' || n[j] > '9' {
				return false
			}
		}
		s = s[:i]
	}
	if s == "" {
		return false
	}
	dot := true // a name starts as if after a dot: no dot may come first
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '.':
			if dot {
				return false
			}
			dot = true
			i++
		case c == '%':
			if !hkPctEncoded(s[i:]) {
				return false
			}
			dot = false
			i += 3
		case c < utf8.RuneSelf && hkURIClass[c]&hkVarChar != 0:
			dot = false
			i++
		default:
			return false
		}
	}
	return !dot
}
