package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const eventSchema = `{
  "title": "Ping",
  "type": "object",
  "required": ["event"],
  "properties": {"event": {"const": "ping"}, "note": {"type": "string"}}
}
`

// workspace makes a folder with schemas/<provider>/ files and changes into it.
func workspace(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// snapshot reads every file below dir, to prove a failed run changed nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files[p] = string(b)
		}
		return nil
	})
	return files
}

func TestUsage(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, exitUsage, "Verbs:"},
		{[]string{"frobnicate"}, exitUsage, `unknown verb "frobnicate"`},
		{[]string{"help"}, exitOK, "generate"},
		{[]string{"generate", "--help"}, exitOK, "--schemas"},
		{[]string{"check", "-h"}, exitOK, "--out"},
		{[]string{"validate", "--help"}, exitOK, "--schema"},
		{[]string{"version", "--help"}, exitOK, "Usage: hookgen version"},
		{[]string{"generate", "--bogus"}, exitUsage, "unknown flag: --bogus"},
		{[]string{"check", "extra"}, exitUsage, `unexpected argument "extra"`},
	}
	for _, c := range cases {
		code, out, errOut := runCLI(c.args...)
		if code != c.code {
			t.Errorf("%v: exit %d, want %d", c.args, code, c.code)
		}
		if !strings.Contains(out+errOut, c.want) {
			t.Errorf("%v: output lacks %q:\n%s%s", c.args, c.want, out, errOut)
		}
		// Help that was asked for is the answer: on stdout, once.
		if c.code == exitOK && (slices.Contains(c.args, "--help") || slices.Contains(c.args, "-h")) {
			if errOut != "" || strings.Count(out, "Usage:") != 1 {
				t.Errorf("%v: help should be printed once, to stdout; stdout:\n%s\nstderr:\n%s", c.args, out, errOut)
			}
		}
	}
}

func TestGenerateThenCheck(t *testing.T) {
	dir := workspace(t, map[string]string{"schemas/hooks/ping.json": eventSchema})
	if code, out, errOut := runCLI("generate"); code != exitOK {
		t.Fatalf("generate: exit %d\n%s%s", code, out, errOut)
	}
	for _, f := range []string{"doc_gen.go", "ping_gen.go", "hookgen_runtime_runtime_gen.go", "hookgen_runtime_decoder_gen.go", "hookgen_runtime_scan_gen.go"} {
		if _, err := os.Stat(filepath.Join(dir, "gen", "hooks", f)); err != nil {
			t.Errorf("gen/hooks/%s: %v", f, err)
		}
	}
	if code, out, errOut := runCLI("check"); code != exitOK || !strings.Contains(out, "up to date") {
		t.Fatalf("check after generate: exit %d\n%s%s", code, out, errOut)
	}
	// A second generate rewrites nothing.
	if _, out, _ := runCLI("generate"); !strings.Contains(out, "(0 written, 0 removed, ") {
		t.Errorf("second generate was not a no-op:\n%s", out)
	}

	// Editing one schema is drift, named with a diff and the fix.
	edited := strings.Replace(eventSchema, `"note": {"type": "string"}`, `"note": {"type": "integer"}`, 1)
	if err := os.WriteFile(filepath.Join(dir, "schemas/hooks/ping.json"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("check")
	if code != exitFail {
		t.Fatalf("check after edit: exit %d, want 1", code)
	}
	for _, want := range []string{"changed  gen/hooks/ping_gen.go", "To fix it, run: go run github.com/hookgen/hookgen/cmd/hookgen generate"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("check stderr lacks %q:\n%s", want, errOut)
		}
	}
	for _, want := range []string{"--- a/hooks/ping_gen.go", "+++ b/hooks/ping_gen.go", "-\tNote  Optional[string]", "+\tNote  Optional[int64]"} {
		if !strings.Contains(out, want) {
			t.Errorf("check diff lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCLI("generate"); code != exitOK {
		t.Fatal("regenerate failed")
	}
	if code, _, _ := runCLI("check"); code != exitOK {
		t.Error("check still fails after regenerating")
	}
}

func TestCheckMissingAndOrphaned(t *testing.T) {
	dir := workspace(t, map[string]string{
		"schemas/hooks/ping.json": eventSchema,
		"schemas/hooks/pong.json": strings.ReplaceAll(eventSchema, "ping", "pong"),
	})
	if code, _, errOut := runCLI("generate"); code != exitOK {
		t.Fatal(errOut)
	}
	// A hand-written file beside the generated ones is not hookgen's.
	mine := filepath.Join(dir, "gen/hooks/mine_gen.go")
	if err := os.WriteFile(mine, []byte("package hooks\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "schemas/hooks/pong.json"))
	os.Remove(filepath.Join(dir, "gen/hooks/doc_gen.go"))
	code, _, errOut := runCLI("check")
	if code != exitFail {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{"missing  gen/hooks/doc_gen.go", "orphaned gen/hooks/pong_gen.go"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("check lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "mine_gen.go") {
		t.Errorf("check reports a file hookgen does not own:\n%s", errOut)
	}
	if code, out, errOut := runCLI("generate"); code != exitOK || !strings.Contains(out, "removed gen/hooks/pong_gen.go") {
		t.Fatalf("generate: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("generate removed a file it does not own: %v", err)
	}
	if code, _, errOut := runCLI("check"); code != exitOK {
		t.Errorf("check after generate: %s", errOut)
	}
}

func TestBadInputLeavesGenUntouched(t *testing.T) {
	dir := workspace(t, map[string]string{"schemas/hooks/ping.json": eventSchema})
	if code, _, errOut := runCLI("generate"); code != exitOK {
		t.Fatal(errOut)
	}
	before := snapshot(t, filepath.Join(dir, "gen"))
	bad := map[string]string{
		"malformed":   `{"type": "object",}`,
		"meta":        `{"type": "strin"}`,
		"ref":         `{"$ref": "nowhere.json"}`,
		"unsupported": `{"$vocabulary": {"https://example.com/vocab": true}}`,
	}
	for name, content := range bad {
		if err := os.WriteFile(filepath.Join(dir, "schemas/hooks/ping.json"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := runCLI("generate")
		if code != exitFail {
			t.Errorf("%s: exit %d, want 1", name, code)
		}
		if !strings.Contains(errOut, "schemas/hooks/ping.json:1:") || !strings.Contains(errOut, "was not changed") {
			t.Errorf("%s: stderr does not name the file and line:\n%s", name, errOut)
		}
		after := snapshot(t, filepath.Join(dir, "gen"))
		if len(after) != len(before) {
			t.Fatalf("%s: gen/ changed", name)
		}
		for p, c := range before {
			if after[p] != c {
				t.Errorf("%s: %s changed", name, p)
			}
		}
		if code, _, _ := runCLI("check"); code != exitFail {
			t.Errorf("%s: check on bad schemas exited %d, want 1", name, code)
		}
	}
}

func TestGenerateRefusesToOverwriteForeignFile(t *testing.T) {
	dir := workspace(t, map[string]string{
		"schemas/hooks/ping.json": eventSchema,
		"gen/hooks/ping_gen.go":   "package hooks\n\n// written by a person\n",
	})
	code, _, errOut := runCLI("generate")
	if code != exitFail || !strings.Contains(errOut, "not generated by hookgen") {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "gen/hooks/ping_gen.go"))
	if !strings.Contains(string(b), "written by a person") {
		t.Error("a foreign file was overwritten")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "gen/hooks"))
	if len(entries) != 1 {
		t.Errorf("a failed generate left files behind: %v", entries)
	}
}

func TestProviderFlag(t *testing.T) {
	dir := workspace(t, map[string]string{
		"schemas/a/ping.json": eventSchema,
		"schemas/b/ping.json": eventSchema,
	})
	if code, _, errOut := runCLI("generate", "--provider", "a"); code != exitOK {
		t.Fatal(errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "gen/b")); err == nil {
		t.Error("--provider a generated b")
	}
	if code, _, _ := runCLI("check", "--provider", "a"); code != exitOK {
		t.Error("check --provider a is not clean")
	}
	if code, _, errOut := runCLI("generate", "--provider", "c"); code != exitUsage || !strings.Contains(errOut, `no provider folder "c"`) {
		t.Errorf("unknown provider: exit %d: %s", code, errOut)
	}
}

// copyTree copies src to dst, for tests that edit a copy of the repo.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRepoCheck runs check on a copy of this repository's schemas/ and
// gen/: clean as committed; one edited schema is drift naming its file.
func TestRepoCheck(t *testing.T) {
	schemas, _ := filepath.Abs(repoSchemas)
	gen, _ := filepath.Abs(filepath.Join("..", "..", "gen"))
	dir := t.TempDir()
	copyTree(t, schemas, filepath.Join(dir, "schemas"))
	copyTree(t, gen, filepath.Join(dir, "gen"))
	testdata, _ := filepath.Abs(repoTestdata)
	copyTree(t, testdata, filepath.Join(dir, "testdata"))
	// The module file: generated docs carry the import path derived from it.
	gomod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), gomod, 0o644)
	t.Chdir(dir)
	if code, out, errOut := runCLI("check"); code != exitOK {
		t.Fatalf("check on the committed gen/: exit %d\n%s%s", code, out, errOut)
	}
	p := filepath.Join("schemas", "waagent", "common.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), `"enum": ["open", "closed"]`, `"enum": ["open", "closed", "snoozed"]`, 1)
	if edited == string(b) {
		t.Fatal("the edit did not apply; update this test")
	}
	os.WriteFile(p, []byte(edited), 0o644)
	code, out, errOut := runCLI("check")
	if code != exitFail || !strings.Contains(errOut, "changed  gen/waagent/common_gen.go") || !strings.Contains(out, `+	ConversationStatusSnoozed ConversationStatus = "snoozed"`) {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(errOut, "gen/peach") {
		t.Errorf("drift reported in an unedited provider:\n%s", errOut)
	}
}

func TestTypesOnly(t *testing.T) {
	dir := workspace(t, map[string]string{
		"schemas/hooks/ping.json":            eventSchema,
		"testdata/hooks/valid/ping.one.json": `{"event":"ping"}`,
	})
	if code, _, errOut := runCLI("generate"); code != exitOK {
		t.Fatal(errOut)
	}
	for _, f := range []string{"hookgen_events_gen.go", "hookgen_examples_gen_test.go", "hookgen_example_gen_test.go"} {
		if _, err := os.Stat(filepath.Join(dir, "gen/hooks", f)); err != nil {
			t.Errorf("generate: %v", err)
		}
	}
	if code, out, errOut := runCLI("generate", "--types-only"); code != exitOK || !strings.Contains(out, "removed gen/hooks/hookgen_events_gen.go") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "gen/hooks/hookgen_examples_gen_test.go")); err == nil {
		t.Error("--types-only kept the generated tests")
	}
	if code, _, errOut := runCLI("check", "--types-only"); code != exitOK {
		t.Error(errOut)
	}
	if code, _, errOut := runCLI("check"); code != exitFail || !strings.Contains(errOut, "missing  gen/hooks/hookgen_events_gen.go") {
		t.Errorf("check without --types-only: exit %d\n%s", code, errOut)
	}
}

// Folders may be named absolute or relative (go generate directives and
// CI scripts do both): the output is the same either way.
func TestAbsoluteAndRelativeFoldersGenerateTheSame(t *testing.T) {
	dir := workspace(t, map[string]string{
		"schemas/hooks/ping.json":            eventSchema,
		"testdata/hooks/valid/ping.one.json": `{"event":"ping"}`,
	})
	abs := func(p string) string { return filepath.Join(dir, p) }
	if code, out, errOut := runCLI("generate", "--out", abs("gen"), "--schemas", abs("schemas")); code != exitOK {
		t.Fatalf("generate with absolute --out: exit %d\n%s%s", code, out, errOut)
	}
	for _, args := range [][]string{
		{"check"},
		{"check", "--out", abs("gen")},
		{"check", "--testdata", abs("testdata")},
		{"check", "--out", abs("gen"), "--testdata", abs("testdata")},
	} {
		if code, out, errOut := runCLI(args...); code != exitOK {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
}

func TestExampleWithoutSchemaOrSchemaWithoutExample(t *testing.T) {
	workspace(t, map[string]string{
		"schemas/hooks/ping.json":            eventSchema,
		"schemas/hooks/pong.json":            strings.ReplaceAll(eventSchema, "ping", "pong"),
		"testdata/hooks/valid/ping.one.json": `{"event":"ping"}`,
		"testdata/hooks/valid/pang.one.json": `{"event":"pang"}`,
		"testdata/hooks/invalid/ping.x.json": `{}`,
	})
	code, _, errOut := runCLI("generate")
	for _, want := range []string{
		"testdata/hooks/invalid/ping.x.json: invalid example without ping.x.want",
		"testdata/hooks/valid/pang.one.json: no schema of hooks for this example",
		"schemas/hooks/pong.json:1:1: #: schema pong.json has no valid example",
	} {
		if code != exitFail || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
}
