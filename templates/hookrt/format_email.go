package hookrt

import (
	"strings"
	"unicode/utf8"
)

// hkIsEmail checks an RFC 5321 Mailbox (section 4.1.2), which JSON Schema
// names: a dot-string of atext or a quoted string, "@", and a host name
// or an IPv4 or IPv6 address literal, 254 octets at most (a path is 256
// with its angle brackets) and 64 in the local part. Unlike net/mail
// (jsonschema/v5's reading), it takes no display name, comment, folding
// white space or non-ASCII: those belong to a message header (RFC 5322)
// or to idn-email.
func hkIsEmail(s string) bool { return hkMailbox(s, false) }

// hkIsIDNEmail checks an RFC 6531 Mailbox: as hkIsEmail, with UTF-8
// beyond ASCII allowed in the local part (atext and qtext, section 3.3)
// and an internationalized host name as the domain.
func hkIsIDNEmail(s string) bool { return hkMailbox(s, true) }

func hkMailbox(s string, idn bool) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || len(s) > 254 || at > 64 {
		return false
	}
	if idn && !utf8.ValidString(s) {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if len(domain) >= 2 && domain[0] == '[' && domain[len(domain)-1] == ']' {
		lit := domain[1 : len(domain)-1]
		if strings.HasPrefix(lit, "IPv6:") {
			if !hkIsIPv6(lit[5:]) {
				return false
			}
		} else if !hkIsIPv4(lit) {
			return false
		}
	} else if idn && !hkIsIDNHostname(domain) || !idn && !hkIsHostname(domain) {
		return false
	}
	if local[0] == '"' {
		return len(local) >= 2 && local[len(local)-1] == '"' && hkQuotedLocal(local[1:len(local)-1], idn)
	}
	// Dot-string: atoms of atext joined by single dots.
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if c >= utf8.RuneSelf {
			if !idn {
				return false
			}
			continue // UTF8-non-ascii, valid UTF-8 checked above
		}
		if !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0) {
			return false
		}
	}
	return true
}

// hkQuotedLocal checks what a Quoted-string holds between its quotes:
// printable ASCII but '"' and '\', or '\' and a printable ASCII character
// (RFC 5321 qtextSMTP, quoted-pairSMTP); with idn, UTF-8 beyond ASCII.
func hkQuotedLocal(s string, idn bool) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
			if i == len(s) || s[i] < 0x20 || s[i] > 0x7e {
				return false
			}
		case c >= utf8.RuneSelf:
			if !idn {
				return false
			}
		case c == '"' || c < 0x20 || c == 0x7f:
			return false
		}
	}
	return true
}
