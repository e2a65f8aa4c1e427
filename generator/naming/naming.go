// Package naming turns schema keys, file names and titles into Go
// identifiers. It is the only place that knows Go's naming conventions, so
// every generated name is spelled the same way wherever it comes from.
package naming

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are the words Go spells in upper case (ID, not Id). The list
// follows golint's, plus a few that webhook payloads use often.
var initialisms = map[string]bool{
	"ACL": true, "AI": true, "API": true, "ASCII": true, "CPU": true, "CSS": true,
	"CSV": true, "DB": true, "DNS": true, "EOF": true, "GUID": true, "HTML": true,
	"HTTP": true, "HTTPS": true, "ID": true, "IP": true, "JSON": true, "JWT": true,
	"LHS": true, "OS": true, "PDF": true, "QPS": true, "RAM": true, "RHS": true,
	"RPC": true, "SDK": true, "SHA": true, "SLA": true, "SMS": true, "SMTP": true, "SQL": true,
	"SSH": true, "TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true,
	"UID": true, "URI": true, "URL": true, "UTC": true, "UTF8": true, "UUID": true,
	"VM": true, "XML": true, "XMPP": true, "XSRF": true, "XSS": true,
}

// Words splits s into words at separators (anything that is not a letter or
// digit) and at lower-to-upper case changes, so "delivery_id", "deliveryId",
// "DeliveryID" and "delivery-id" all give ["delivery", "id"].
func Words(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	runes := []rune(s)
	for i, r := range runes {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			// "fooBar" splits before B; "HTTPServer" splits before the S of Server.
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// Exported returns the exported Go identifier for s: words joined in
// PascalCase with initialisms in upper case. A name that would start with a
// digit gets an "N" in front ("2fa" becomes "N2fa"); one with no letters or
// digits at all gives "". One whose first letter has no upper case (such
// as "日本") gets an "X" in front ("X日本"), so it is exported. The result
// is never a Go keyword, as it always starts with an upper-case letter.
func Exported(s string) string {
	if sign := signed(s); sign != "" {
		return sign
	}
	var b strings.Builder
	words := Words(s)
	// An author who writes a word in capitals means an initialism ("GID",
	// "SKU", "userGID"), unless the whole name is capitals ("ID_TOKEN").
	keepCaps := len(words) == 1 || strings.ToUpper(s) != s
	for _, w := range words {
		up := strings.ToUpper(w)
		if initialisms[up] || (keepCaps && len(w) >= 2 && len(w) <= 5 && w == up && strings.ToLower(w) != w) {
			b.WriteString(up)
			continue
		}
		// Plurals of initialisms: "ids" is IDs, "urls" is URLs.
		if len(up) > 2 && up[len(up)-1] == 'S' && initialisms[up[:len(up)-1]] {
			b.WriteString(up[:len(up)-1] + "s")
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(strings.ToLower(w[size:]))
	}
	name := b.String()
	if name == "" {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(name); unicode.IsDigit(r) {
		name = "N" + name
	} else if !unicode.IsUpper(r) {
		// A letter with no upper case (日本, ℓ): Go would not export it,
		// so it gets an X in front, as a digit gets an N.
		name = "X" + name
	}
	return name
}

var digitWords = [...]string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"}

// signed spells a signed number ("+1", "-1", the reactions GitHub counts)
// as words: "PlusOne", "MinusOne", "Plus10"; "" for anything else. Dropping
// the sign would give "+1" and "-1" the same name.
func signed(s string) string {
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return ""
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return ""
		}
	}
	word := "Plus"
	if s[0] == '-' {
		word = "Minus"
	}
	if len(s) == 2 {
		return word + digitWords[s[1]-'0']
	}
	return word + s[1:]
}

// IsExportedIdent reports whether s can be used as given as an exported Go
// identifier (for x-go-name, which is taken literally, not re-cased).
func IsExportedIdent(s string) bool {
	if !token.IsIdentifier(s) || token.IsKeyword(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// PackageName turns a provider folder name into a Go package name: lower
// case letters and digits only ("wa-agent" becomes "waagent").
func PackageName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if name != "" && name[0] >= '0' && name[0] <= '9' {
		name = "p" + name
	}
	return name
}

// IsPackageName reports whether s is a valid, conventional Go package name
// that can be imported: not a keyword and not "main" (a command, which no
// other package can import).
func IsPackageName(s string) bool {
	return s != "" && s != "main" && token.IsIdentifier(s) && !token.IsKeyword(s) && PackageName(s) == s
}

// EnumConstant is the name of one enum constant: the type name followed by
// the value in PascalCase. Values with no letters or digits (such as "" or
// "+") are spelled by position, which the model checks for clashes like any
// other name.
func EnumConstant(typeName string, value string, index int) string {
	if sign := signed(value); sign != "" {
		return typeName + sign
	}
	// The value follows the type name, so it may start with a digit.
	v := strings.TrimPrefix(Exported(value), "N")
	if v != "" && !unicode.IsDigit(rune(v[0])) {
		v = Exported(value)
	}
	if strings.HasPrefix(value, "-") && v != "" {
		v = "Minus" + v
	}
	if v == "" {
		v = "Value" + itoa(index)
	}
	return typeName + v
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}

// FileStem turns a schema file name (without .json) into the stem of a Go
// file name: lower case, words joined by '_'. "message_delivery.sent" gives
// "message_delivery_sent".
func FileStem(s string) string {
	words := Words(s)
	for i, w := range words {
		words[i] = strings.ToLower(w)
	}
	return strings.Join(words, "_")
}
