package output

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUnderGoGenerateEmptiesThenDeletes: under go generate an orphaned Go
// file becomes a tombstone (go generate would fail on a listed file that
// has gone), which check does not count as drift and the next Write
// deletes; an orphaned golden file, which go generate never opens, is
// deleted at once.
func TestUnderGoGenerateEmptiesThenDeletes(t *testing.T) {
	out := t.TempDir()
	keep := File{Path: "p/keep_gen.go", Content: []byte(OwnedHeader + "\n\npackage p\n")}
	writeFiles(t, out, map[string]string{
		"p/gone_gen.go":               OwnedHeader + "\n\npackage p\n\nvar Gone = 1\n",
		"p/hookgen_gone_gen_test.go":  OwnedHeader + "\n\npackage p_test\n",
		"p/testdata/old.golden.json":  "{}\n",
		"p/testdata/kept.golden.json": "{}\n",
		"p/mine.go":                   "package p\n",
		"p/testdata/mine.json":        "{}\n",
	})
	scope := Scope{Dirs: []string{"p"}, Goldens: []string{"p/testdata/kept.golden.json"}}
	res, err := WriteWith(out, []File{keep}, scope, WriteOptions{UnderGoGenerate: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p/gone_gen.go", "p/hookgen_gone_gen_test.go"}; !slices.Equal(res.Emptied, want) {
		t.Errorf("emptied %q, want %q", res.Emptied, want)
	}
	if want := []string{"p/testdata/old.golden.json"}; !slices.Equal(res.Removed, want) {
		t.Errorf("removed %q, want %q", res.Removed, want)
	}
	b, err := os.ReadFile(filepath.Join(out, "p/hookgen_gone_gen_test.go"))
	if err != nil || string(b) != string(tombstone("p_test")) {
		t.Errorf("the emptied test file is %q (%v), want a tombstone of package p_test", b, err)
	}
	drift, err := Check(out, []File{keep}, scope)
	if err != nil {
		t.Fatal(err)
	}
	if !drift.Clean() || len(drift.Emptied) != 2 {
		t.Errorf("check after go generate: %+v", drift)
	}
	// A second run under go generate deletes the tombstones: go generate
	// skips build-ignored files, so it never lists them.
	res, err = WriteWith(out, []File{keep}, scope, WriteOptions{UnderGoGenerate: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p/gone_gen.go", "p/hookgen_gone_gen_test.go"}; !slices.Equal(res.Removed, want) || len(res.Emptied) != 0 {
		t.Errorf("second run removed %q and emptied %q, want the tombstones removed", res.Removed, res.Emptied)
	}
	for _, f := range []string{"p/mine.go", "p/testdata/mine.json", "p/testdata/kept.golden.json", "p/keep_gen.go"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestOutsideGoGenerateDeletes: run directly, generate deletes orphans at
// once, as before.
func TestOutsideGoGenerateDeletes(t *testing.T) {
	out := t.TempDir()
	writeFiles(t, out, map[string]string{"p/gone_gen.go": OwnedHeader + "\n\npackage p\n"})
	res, err := Write(out, nil, Scope{Dirs: []string{"p"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Removed, []string{"p/gone_gen.go"}) || len(res.Emptied) != 0 {
		t.Errorf("removed %q, emptied %q", res.Removed, res.Emptied)
	}
}

// TestGoldensOnlyInGeneratedFolders: a run over the whole output folder
// removes stale golden files only in the package folders hookgen
// generates or generated; another folder's golden files are its own.
func TestGoldensOnlyInGeneratedFolders(t *testing.T) {
	out := t.TempDir()
	writeFiles(t, out, map[string]string{
		"p/testdata/stale.golden.json":    "{}\n",
		"gone/old_gen.go":                 OwnedHeader + "\n\npackage gone\n",
		"gone/testdata/x.golden.json":     "{}\n",
		"theirs/theirs.go":                "package theirs\n",
		"theirs/testdata/own.golden.json": "{}\n",
	})
	res, err := Write(out, nil, Scope{All: true, Dirs: []string{"p"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"gone/old_gen.go", "gone/testdata/x.golden.json", "p/testdata/stale.golden.json"}
	if !slices.Equal(res.Removed, want) {
		t.Errorf("removed %q, want %q", res.Removed, want)
	}
	if _, err := os.Stat(filepath.Join(out, "theirs/testdata/own.golden.json")); err != nil {
		t.Errorf("a golden file of a folder hookgen never generated was removed: %v", err)
	}
}
