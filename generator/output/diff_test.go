package output

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

func TestUnifiedDiffGolden(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	new := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n"
	want := `--- old
+++ new
@@ -1,10 +1,11 @@
 a
 b
 c
-d
+D
 e
 f
 g
 h
 i
 j
+k
`
	if got := UnifiedDiff("old", "new", old, new); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnifiedDiffSeparateHunks(t *testing.T) {
	var a, b []string
	for i := 0; i < 30; i++ {
		a = append(a, fmt.Sprintf("line %d\n", i))
		b = append(b, fmt.Sprintf("line %d\n", i))
	}
	b[2] = "two\n"
	b[25] = "twenty-five\n"
	got := UnifiedDiff("x", "y", strings.Join(a, ""), strings.Join(b, ""))
	if n := strings.Count(got, "@@ -"); n != 2 {
		t.Errorf("want 2 hunks, got %d:\n%s", n, got)
	}
	if !strings.Contains(got, "@@ -1,6 +1,6 @@") || !strings.Contains(got, "@@ -23,7 +23,7 @@") {
		t.Errorf("unexpected hunk headers:\n%s", got)
	}
}

func TestUnifiedDiffEqual(t *testing.T) {
	if d := UnifiedDiff("a", "b", "same\n", "same\n"); d != "" {
		t.Errorf("diff of equal texts: %q", d)
	}
}

func TestUnifiedDiffNoTrailingNewline(t *testing.T) {
	got := UnifiedDiff("a", "b", "x\n", "x\ny")
	if !strings.Contains(got, "+y\n\\ No newline at end of file\n") {
		t.Errorf("missing no-newline marker:\n%s", got)
	}
}

// applyOps rebuilds both sides from an edit script: every diff must be a
// faithful description of the change.
func TestDiffLinesRebuildsBothSides(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"a\n", "b\n", "c\n", "d\n"}
	gen := func() []string {
		out := make([]string, rng.Intn(30))
		for i := range out {
			out[i] = words[rng.Intn(len(words))]
		}
		return out
	}
	for i := 0; i < 500; i++ {
		a, b := gen(), gen()
		var ra, rb []string
		edits := 0
		for _, o := range diffLines(a, b) {
			if o.kind != '+' {
				ra = append(ra, o.text)
			}
			if o.kind != '-' {
				rb = append(rb, o.text)
			}
			if o.kind != ' ' {
				edits++
			}
		}
		if strings.Join(ra, "") != strings.Join(a, "") || strings.Join(rb, "") != strings.Join(b, "") {
			t.Fatalf("edit script does not rebuild its inputs: %q %q", a, b)
		}
		if edits > len(a)+len(b) {
			t.Fatalf("more edits than lines")
		}
	}
}
