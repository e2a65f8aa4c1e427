package emit

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// This file is the one way text from a schema (titles, descriptions,
// property names, event types, file names, manifest text, consts) reaches
// generated code. Schema strings may hold anything JSON can: NUL, a BOM,
// lone surrogates (decoded as U+FFFD), bytes that are not UTF-8 (from file
// names), newlines, "*/", backquotes. Go rejects some of those anywhere in a
// source file (NUL, a BOM after the start, invalid UTF-8), and a newline in
// a comment ends it. So:
//
//   - comments are always line comments ("// "), one per line of text, and
//     each line is escaped by escapeLine: nothing a line holds can end the
//     comment or start code;
//   - string literals are quoted by strconv.Quote (jen.Lit does this), or
//     backquoted by stringLit only when the text is plain;
//   - struct tags carry a member name only when encoding/json and vet read
//     it back as that name (tagName);
//   - no identifier is ever made from a schema string here: names come from
//     the model, which builds them with package naming (letters and digits
//     only).

// escapeLine makes one line of text safe inside a // comment: every rune
// strconv.Quote would escape (control characters, newlines, carriage
// returns, a BOM and other format characters such as bidi overrides, line
// and paragraph separators, bytes that are not UTF-8) is written as its Go
// escape, so the comment shows it and cannot be broken by it. Quotes and
// backslashes stay as written: they mean nothing in a comment.
func escapeLine(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case r == ' ' || strconv.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// plain reports whether s holds only printable runes (spaces, letters,
// marks, numbers, punctuation and symbols): text that escapeLine leaves
// as it is and a raw string literal can hold.
func plain(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || (r != ' ' && !strconv.IsPrint(r)) {
			return false
		}
		i += size
	}
	return true
}

// comment turns text into a // comment block, one comment line per line of
// text, each escaped (see escapeLine), written out so jennifer prints it as
// it is and never switches to /* */ (which "*/" in the text could end).
func comment(text string) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		l = strings.TrimRight(escapeLine(l), " \t")
		if l == "" {
			lines = append(lines, "//")
		} else {
			lines = append(lines, "// "+l)
		}
	}
	return strings.Join(lines, "\n")
}

// lineComment is text as one // comment line: newlines in it are escaped
// too, for comments that must stay on one line (beside a declaration).
func lineComment(text string) string {
	return "// " + escapeLine(strings.TrimSpace(text))
}

// stringLit is a Go string literal of s: backquoted when s is plain and
// has no backquote (JSON payloads read better that way), else quoted.
func stringLit(s string) jen.Code {
	if plain(s) && !strings.Contains(s, "`") {
		return jen.Op("`" + s + "`")
	}
	return jen.Op(strconv.Quote(s))
}

// tagName reports whether a JSON member name can stand in a struct tag's
// json key: encoding/json reads it back as that name (its isValidTag),
// and go vet's structtag check accepts it. A name that cannot ("a,b", "-",
// "", one with quotes or backslashes) gets no json key: the generated
// MarshalJSON and decoders use the member name itself, so the tag only
// documents it.
func tagName(name string) bool {
	if name == "" || name == "-" || !utf8.ValidString(name) {
		return false
	}
	for _, c := range name {
		if !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c) && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return false
		}
	}
	return true
}
