package emit

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestCommentsCannotBeEscaped: whatever the text, comment and lineComment
// give // lines only, which parse as comments of a file and leave nothing
// behind as code.
func TestCommentsCannotBeEscaped(t *testing.T) {
	texts := []string{
		"plain", "nul\x00end", "bom\ufeffend", "bad\xffutf8", "surrogate\xed\xa0\x80", "cr\rend", "bidi\u202eend",
		"ls\u2028end", "nel\u0085end", "close*/end", "back`quote", "new\nline", "x\n*/ Injected int /*", "/* open",
		"\\u0000 as written", "tab\there",
	}
	for _, text := range texts {
		for _, c := range []string{comment(text), lineComment(text)} {
			for _, line := range strings.Split(c, "\n") {
				if !strings.HasPrefix(line, "//") {
					t.Errorf("%q: line %q is not a // comment", text, line)
				}
			}
			src := "package p\n\n" + c + "\nvar _ = 0\n"
			f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments)
			if err != nil {
				t.Errorf("%q: %v\n%s", text, err, src)
				continue
			}
			if len(f.Decls) != 1 {
				t.Errorf("%q: the comment left %d declarations behind", text, len(f.Decls))
			}
		}
	}
	if got := lineComment("a\nb"); got != `// a\nb` {
		t.Errorf("lineComment kept a newline: %q", got)
	}
	if got := escapeLine("naïve — “quoted” \\ `x`"); got != "naïve — “quoted” \\ `x`" {
		t.Errorf("printable text was changed: %q", got)
	}
}

func TestTagName(t *testing.T) {
	for name, want := range map[string]bool{
		"id": true, "user-id": true, "a b": true, "日本": true, "$ref": true,
		"": false, "-": false, "a,b": false, `a"b`: false, `a\b`: false, "a`b": false, "nul\x00": false, "bad\xff": false,
	} {
		if got := tagName(name); got != want {
			t.Errorf("tagName(%q) = %v, want %v", name, got, want)
		}
	}
}
