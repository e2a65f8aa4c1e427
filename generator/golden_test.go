package generator_test

import (
	"bytes"
	"errors"
	"flag"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator"
	"github.com/hookgen/hookgen/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the gen/ and errors sections of testdata/*.txtar")

// A case is a txtar archive in testdata/:
//
//	-- schemas/<provider>/<file>.json --   input
//	-- gen/<provider>/<file>_gen.go --     expected output, or
//	-- errors --                           the expected error text
//	-- use/<provider>/<file>_test.go --    a test run inside the generated package
//	-- testdata/<provider>/valid/<x>.json -- example payloads: the case is
//	                                        generated with their golden tests
type archive struct {
	comment string
	files   []archiveFile
}

type archiveFile struct {
	name string
	data string
}

func parseArchive(text string) archive {
	var a archive
	var cur *archiveFile
	for _, line := range strings.SplitAfter(text, "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimRight(line, "\n"), " --") {
			name := strings.TrimSuffix(strings.TrimPrefix(strings.TrimRight(line, "\n"), "-- "), " --")
			a.files = append(a.files, archiveFile{name: name})
			cur = &a.files[len(a.files)-1]
			continue
		}
		if cur == nil {
			a.comment += line
		} else {
			cur.data += line
		}
	}
	return a
}

func (a archive) format() string {
	var b strings.Builder
	b.WriteString(a.comment)
	for _, f := range a.files {
		b.WriteString("-- " + f.name + " --\n")
		b.WriteString(f.data)
		if f.data != "" && !strings.HasSuffix(f.data, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func (a archive) section(prefix string) []archiveFile {
	var out []archiveFile
	for _, f := range a.files {
		if strings.HasPrefix(f.name, prefix) {
			out = append(out, f)
		}
	}
	return out
}

func extract(t *testing.T, dir string, files []archiveFile) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// generateCase runs the generator on a case's schemas/ from inside dir, so
// that messages name files as a user would see them ("schemas/p/x.json").
func generateCase(t *testing.T, dir string, shuffle *rand.Rand) (map[string]string, string) {
	t.Helper()
	t.Chdir(dir)
	opts := generator.Options{Schemas: "schemas", Shuffle: shuffle}
	if _, err := os.Stat("testdata"); err == nil {
		opts.Testdata = "testdata"
	}
	res, err := generator.Generate(opts)
	if err != nil {
		var de *diag.Error
		if !errors.As(err, &de) {
			t.Fatalf("error is %T, not *diag.Error: %v", err, err)
		}
		return nil, err.Error() + "\n"
	}
	out := map[string]string{}
	for _, f := range res.Files {
		out["gen/"+f.Path] = string(f.Content)
	}
	return out, ""
}

func cases(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(names) == 0 {
		t.Fatalf("no golden cases in testdata: %v", err)
	}
	for i, n := range names {
		abs, err := filepath.Abs(n)
		if err != nil {
			t.Fatal(err)
		}
		names[i] = abs
	}
	return names
}

func TestGolden(t *testing.T) {
	for _, path := range cases(t) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(string(raw))
			if len(a.section("schemas/")) == 0 {
				t.Fatal("case has no schemas/ section")
			}
			dir := t.TempDir()
			extract(t, dir, a.section("schemas/"))
			extract(t, dir, a.section("testdata/"))
			got, gotErr := generateCase(t, dir, nil)

			if *update {
				var keep []archiveFile
				for _, f := range a.files {
					if !strings.HasPrefix(f.name, "gen/") && f.name != "errors" {
						keep = append(keep, f)
					}
				}
				var names []string
				for n := range got {
					names = append(names, n)
				}
				slices.Sort(names)
				for _, n := range names {
					if !strings.Contains(n, "/hookgen_runtime_") {
						keep = append(keep, archiveFile{name: n, data: got[n]})
					}
				}
				if gotErr != "" {
					keep = append(keep, archiveFile{name: "errors", data: gotErr})
				}
				a.files = keep
				if err := os.WriteFile(path, []byte(a.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}

			var wantErr string
			for _, f := range a.section("errors") {
				wantErr = f.data
			}
			if gotErr != wantErr {
				t.Fatalf("errors differ (run with -update to accept)\ngot:\n%s\nwant:\n%s", gotErr, wantErr)
			}
			want := map[string]string{}
			for _, f := range a.section("gen/") {
				want[f.name] = f.data
			}
			for n, w := range want {
				if got[n] != w {
					t.Errorf("%s differs from the golden (run with -update to accept); got:\n%s", n, got[n])
				}
			}
			for n := range got {
				if _, ok := want[n]; !ok && !strings.Contains(n, "/hookgen_runtime_") {
					t.Errorf("%s is generated but not in the golden (run with -update to accept)", n)
				}
			}
		})
	}
}

// TestDeterminism generates every case twice, once with the files handed
// to the model in a shuffled order: the bytes (and errors) must be equal.
func TestDeterminism(t *testing.T) {
	for _, path := range cases(t) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(string(raw))
			dir := t.TempDir()
			extract(t, dir, a.section("schemas/"))
			extract(t, dir, a.section("testdata/"))
			first, firstErr := generateCase(t, dir, nil)
			for seed := int64(1); seed <= 5; seed++ {
				again, againErr := generateCase(t, dir, rand.New(rand.NewSource(seed)))
				if againErr != firstErr {
					t.Fatalf("seed %d: errors differ:\n%s\nvs\n%s", seed, againErr, firstErr)
				}
				if len(again) != len(first) {
					t.Fatalf("seed %d: %d files, first run %d", seed, len(again), len(first))
				}
				for n, c := range first {
					if again[n] != c {
						t.Fatalf("seed %d: %s differs between runs", seed, n)
					}
				}
			}
		})
	}
}

// TestGeneratedCodeRuns puts the output of every successful case in one
// temporary module with the case's use/ tests, then vets and tests it: the
// generated code must compile, pass vet and decode real payloads.
func TestGeneratedCodeRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to compile generated code: %v", err)
	}
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/golden\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	uses := 0
	for _, path := range cases(t) {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a := parseArchive(string(raw))
		if len(a.section("errors")) > 0 {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		dir := t.TempDir()
		extract(t, dir, a.section("schemas/"))
		extract(t, dir, a.section("testdata/"))
		got, gotErr := generateCase(t, dir, nil)
		if gotErr != "" {
			t.Fatalf("%s: %s", name, gotErr)
		}
		var files []archiveFile
		for n, c := range got {
			files = append(files, archiveFile{name: name + "/" + strings.TrimPrefix(n, "gen/"), data: c})
		}
		// The generated golden tests find their payloads at
		// ../../testdata/<provider> from their package.
		extract(t, mod, a.section("testdata/"))
		for _, u := range a.section("use/") {
			files = append(files, archiveFile{name: name + "/" + strings.TrimPrefix(u.name, "use/"), data: u.data})
			uses++
		}
		extract(t, mod, files)
	}
	if uses == 0 {
		t.Fatal("no case has a use/ test; the generated code would only be compiled, not run")
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("go %s in the generated module: %v\n%s", strings.Join(args, " "), err, out.String())
		}
	}
}
