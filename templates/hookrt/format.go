package hookrt

import (
	"strconv"
	"strings"
	"time"
)

// The format checkers follow each format's specification (RFC 3339, 5322,
// 4122, 2673, 4291 here; the others in format_*.go). jsonschema/v5, the
// reference hookgen is tested against, reads date-time, date, time, email
// and uuid the same way; where it reads another format differently the
// specification and the JSON Schema Test Suite decide, and format_test.go
// lists each difference.

func hkIsDateTime(s string) bool {
	if len(s) < 20 || (s[10] != 'T' && s[10] != 't') {
		return false
	}
	return hkIsDate(s[:10]) && hkIsTime(s[11:])
}

func hkIsDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func hkTwoDigits(s string, min, max int) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, false
	}
	return n, true
}

// hkIsTime checks an RFC 3339 full-time, leap seconds included (which
// Go's time package cannot parse).
func hkIsTime(str string) bool {
	if len(str) < 9 || str[2] != ':' || str[5] != ':' {
		return false
	}
	h, ok1 := hkTwoDigits(str[0:2], 0, 23)
	m, ok2 := hkTwoDigits(str[3:5], 0, 59)
	sec, ok3 := hkTwoDigits(str[6:8], 0, 60)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	str = str[8:]
	if str[0] == '.' {
		str = str[1:]
		n := 0
		for str != "" && str[0] >= '0' && str[0] <= '9' {
			str = str[1:]
			n++
		}
		if n == 0 {
			return false
		}
	}
	if str == "" {
		return false
	}
	if str[0] == 'z' || str[0] == 'Z' {
		if len(str) != 1 {
			return false
		}
	} else {
		if len(str) != 6 || str[3] != ':' {
			return false
		}
		var sign int
		switch str[0] {
		case '+':
			sign = -1
		case '-':
			sign = 1
		default:
			return false
		}
		zh, ok1 := hkTwoDigits(str[1:3], 0, 23)
		zm, ok2 := hkTwoDigits(str[4:6], 0, 59)
		if !ok1 || !ok2 {
			return false
		}
		hm := (h*60 + m) + sign*(zh*60+zm)
		if hm < 0 {
			hm += 24 * 60
		}
		h, m = hm/60, hm%60
	}
	// A leap second is only ever 23:59:60 UTC.
	return sec != 60 || (h == 23 && m == 59)
}

// hkIsIPv4 checks an RFC 2673 dotted-quad: four decimal numbers of at
// most 255, each ASCII digits only (no sign) and without leading zeros,
// which some parsers read as octal.
func hkIsIPv4(s string) bool {
	groups := 0
	for rest := s; ; {
		group := rest
		dot := strings.IndexByte(rest, '.')
		if dot >= 0 {
			group, rest = rest[:dot], rest[dot+1:]
		}
		groups++
		n := hkDecimalPrefix(group)
		if n == 0 || n != len(group) || n > 3 || n > 1 && group[0] == '0' {
			return false
		}
		if v, _ := strconv.Atoi(group); v > 255 {
			return false
		}
		if dot < 0 {
			return groups == 4
		}
	}
}

// hkIsIPv6 checks an RFC 4291 text address (RFC 3986's IPv6address).
func hkIsIPv6(s string) bool { return hkIsIPv6Addr(s) }

// hkIsURI checks an RFC 3986 URI (see format_uri.go).
func hkIsURI(s string) bool { return hkURIRef(s, false, true) }

func hkIsUUID(s string) bool {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return false
	}
	// The hex digits, ANDed without branching: 1 only if every one is.
	ok := uint8(1)
	for i := 0; i < 8; i++ {
		ok &= hkHexDigit[s[i]]
	}
	for i := 9; i < 13; i++ {
		ok &= hkHexDigit[s[i]] & hkHexDigit[s[i+5]] & hkHexDigit[s[i+10]]
	}
	for i := 24; i < 36; i++ {
		ok &= hkHexDigit[s[i]]
	}
	return ok == 1
}

// hkHexDigit is 1 for the bytes that are hexadecimal digits.
var hkHexDigit = func() (t [256]uint8) {
	for _, c := range "0123456789abcdefABCDEF" {
		t[c] = 1
	}
	return t
}()

// hkFormats are the formats hookgen asserts, by name: every format of
// JSON Schema drafts 7 to 2020-12 and the older names jsonschema/v5 also
// knows (ip-address, uriref; host-name from draft 3 likewise).
var hkFormats = map[string]func(string) bool{
	"date-time":             hkIsDateTime,
	"date":                  hkIsDate,
	"time":                  hkIsTime,
	"duration":              hkIsDuration,
	"period":                hkIsPeriod,
	"email":                 hkIsEmail,
	"idn-email":             hkIsIDNEmail,
	"hostname":              hkIsHostname,
	"host-name":             hkIsHostname,
	"idn-hostname":          hkIsIDNHostname,
	"ipv4":                  hkIsIPv4,
	"ip-address":            hkIsIPv4,
	"ipv6":                  hkIsIPv6,
	"uri":                   hkIsURI,
	"uri-reference":         hkIsURIReference,
	"uriref":                hkIsURIReference,
	"iri":                   hkIsIRI,
	"iri-reference":         hkIsIRIReference,
	"uri-template":          hkIsURITemplate,
	"json-pointer":          hkIsJSONPointer,
	"relative-json-pointer": hkIsRelativeJSONPointer,
	"regex":                 hkIsRegex,
	"uuid":                  hkIsUUID,
}
