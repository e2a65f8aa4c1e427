package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for hookgen in a //go:generate
// directive (HOOKGEN_AS_MAIN=1), so the tests below run go generate the
// way a downstream repository does without building hookgen separately.
func TestMain(m *testing.M) {
	if os.Getenv("HOOKGEN_AS_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// goCmd runs the go command in dir, offline and outside this repository's
// workspace, with this test binary as hookgen.
func goCmd(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed: %v", err)
	}
	cmd := exec.Command(goTool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "HOOKGEN_AS_MAIN=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.String(), err
}

// downstreamLayout is the README's layout: the directive sits in the
// output folder hooks/ (--out .), the package goes to hooks/shop/.
func downstreamLayout(t *testing.T, extra map[string]string) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod":                 "module example.com/downstream\n\ngo 1.24\n",
		"schemas/shop/ping.json": eventSchema,
		"schemas/shop/pong.json": strings.ReplaceAll(eventSchema, "ping", "pong"),
		"hooks/generate.go":      "package hooks\n\n//go:generate " + strings.Join([]string{`"` + exe + `"`, "generate", "--schemas", "../schemas", "--out", ".", "--provider", "shop"}, " ") + "\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	return workspace(t, files)
}

// TestGoGenerateSurvivesRemovedFiles: go generate lists every package's
// files before it runs the directive, so a generate that deleted an
// orphaned file made `go generate ./...` fail with "no such file or
// directory" once it reached the output package. Under go generate the
// orphan is emptied instead (it builds to nothing), check accepts it, and
// the next generate deletes it.
func TestGoGenerateSurvivesRemovedFiles(t *testing.T) {
	dir := downstreamLayout(t, nil)
	if out, err := goCmd(t, dir, "generate", "./..."); err != nil {
		t.Fatalf("first go generate: %v\n%s", err, out)
	}
	pong := filepath.Join(dir, "hooks/shop/pong_gen.go")
	if _, err := os.Stat(pong); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "schemas/shop/pong.json"))
	out, err := goCmd(t, dir, "generate", "./...")
	if err != nil {
		t.Fatalf("go generate after removing a schema: %v\n%s", err, out)
	}
	if !strings.Contains(out, "emptied ./shop/pong_gen.go") {
		t.Errorf("generate does not say it emptied pong_gen.go:\n%s", out)
	}
	if out, err := goCmd(t, dir, "build", "./..."); err != nil {
		t.Fatalf("the emptied file does not build to nothing: %v\n%s", err, out)
	}
	check := []string{"check", "--schemas", "schemas", "--out", "hooks", "--provider", "shop"}
	code, stdout, stderr := runCLI(check...)
	if code != exitOK || !strings.Contains(stderr, "emptied  hooks/shop/pong_gen.go") {
		t.Errorf("check with an emptied file: exit %d, want 0 and a note\n%s%s", code, stdout, stderr)
	}
	if out, err := goCmd(t, dir, "generate", "./..."); err != nil || !strings.Contains(out, "removed ./shop/pong_gen.go") {
		t.Fatalf("the next go generate should delete the emptied file: %v\n%s", err, out)
	}
	if _, err := os.Stat(pong); err == nil {
		t.Error("pong_gen.go is still there")
	}
	if code, stdout, stderr := runCLI(check...); code != exitOK || strings.Contains(stderr, "emptied") {
		t.Errorf("check after the second generate: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestStaleGoldensRemoved: a golden file whose example is gone is an
// orphan; golden files of current examples and other files stay.
func TestStaleGoldensRemoved(t *testing.T) {
	dir := workspace(t, map[string]string{
		"schemas/hooks/ping.json":                 eventSchema,
		"testdata/hooks/valid/ping.one.json":      `{"event":"ping"}`,
		"gen/hooks/testdata/ping.one.golden.json": "{\"event\": \"ping\"}\n",
		"gen/hooks/testdata/ping.two.golden.json": "{\"event\": \"ping\"}\n",
		"gen/hooks/testdata/notes.json":           "{}\n",
	})
	if code, out, errOut := runCLI("generate"); code != exitOK || !strings.Contains(out, "removed gen/hooks/testdata/ping.two.golden.json") {
		t.Fatalf("generate: exit %d\n%s%s", code, out, errOut)
	}
	for f, want := range map[string]bool{"ping.one.golden.json": true, "ping.two.golden.json": false, "notes.json": true} {
		if _, err := os.Stat(filepath.Join(dir, "gen/hooks/testdata", f)); (err == nil) != want {
			t.Errorf("%s: present %v, want %v", f, err == nil, want)
		}
	}
	if code, out, errOut := runCLI("check"); code != exitOK {
		t.Errorf("check after generate: exit %d\n%s%s", code, out, errOut)
	}
	// A stale golden is drift too, named by check.
	os.WriteFile(filepath.Join(dir, "gen/hooks/testdata/ping.three.golden.json"), []byte("{}\n"), 0o644)
	if code, _, errOut := runCLI("check"); code != exitFail || !strings.Contains(errOut, "orphaned gen/hooks/testdata/ping.three.golden.json") {
		t.Errorf("check with a stale golden: exit %d\n%s", code, errOut)
	}
}

// TestCheckMissingOrWrongOut: check with an --out that does not exist, or
// that holds none of the packages, says so in a line or two (and how to
// fix it) instead of printing every generated file as a diff.
func TestCheckMissingOrWrongOut(t *testing.T) {
	dir := workspace(t, map[string]string{
		"schemas/hooks/ping.json": eventSchema,
		"elsewhere/readme.txt":    "not the output\n",
	})
	code, out, errOut := runCLI("check", "--out", "nowhere")
	if code != exitFail || !strings.Contains(errOut, "the output folder nowhere does not exist") || !strings.Contains(errOut, "generate --out nowhere") {
		t.Errorf("missing --out: exit %d\n%s", code, errOut)
	}
	if out != "" || strings.Count(errOut, "\n") > 3 {
		t.Errorf("missing --out printed more than the folder:\nstdout:\n%s\nstderr:\n%s", out, errOut)
	}
	code, out, errOut = runCLI("check", "--out", "elsewhere")
	if code != exitFail || !strings.Contains(errOut, "missing  elsewhere/hooks/ (the folder does not exist)") || !strings.Contains(errOut, "--out is wrong") {
		t.Errorf("wrong --out: exit %d\n%s", code, errOut)
	}
	if out != "" || strings.Contains(errOut, "ping_gen.go") {
		t.Errorf("wrong --out listed or diffed every file:\nstdout:\n%s\nstderr:\n%s", out, errOut)
	}
	// A package folder emptied of its files is one line too; a single
	// missing file in a package that is there is still named and diffed.
	if code, _, errOut := runCLI("generate"); code != exitOK {
		t.Fatal(errOut)
	}
	os.Remove(filepath.Join(dir, "gen/hooks/doc_gen.go"))
	code, out, errOut = runCLI("check")
	if code != exitFail || !strings.Contains(errOut, "missing  gen/hooks/doc_gen.go") || !strings.Contains(out, "+++ b/hooks/doc_gen.go") {
		t.Errorf("one missing file: exit %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(errOut, "--out is wrong") {
		t.Errorf("one missing file blamed on --out:\n%s", errOut)
	}
}

// TestPackageWithTheOnlyProvider: --package needs no --provider when the
// schemas folder holds one provider; it names that one.
func TestPackageWithTheOnlyProvider(t *testing.T) {
	dir := workspace(t, map[string]string{"schemas/shop/ping.json": eventSchema})
	if code, out, errOut := runCLI("generate", "--package", "shophooks"); code != exitOK {
		t.Fatalf("generate --package with one provider: exit %d\n%s%s", code, out, errOut)
	}
	b, err := os.ReadFile(filepath.Join(dir, "gen/shop/doc_gen.go"))
	if err != nil || !strings.Contains(string(b), "\npackage shophooks\n") {
		t.Errorf("gen/shop/doc_gen.go does not declare package shophooks (%v):\n%s", err, b)
	}
	if code, out, errOut := runCLI("check", "--package", "shophooks"); code != exitOK {
		t.Errorf("check --package with one provider: exit %d\n%s%s", code, out, errOut)
	}
}

// TestCommandLineErrorsExit2: every verb answers a command line that asks
// for what cannot be with exit 2 and a line saying what is wrong, before
// touching anything.
func TestCommandLineErrorsExit2(t *testing.T) {
	dir := workspace(t, map[string]string{
		"schemas/a/ping.json": eventSchema,
		"schemas/b/ping.json": eventSchema,
		"payload.json":        `{"event": "ping"}`,
	})
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"generate", "--package", "p"}, "say which provider with --provider (schemas holds a, b)"},
		{[]string{"check", "--package", "p"}, "say which provider with --provider"},
		{[]string{"generate", "--package", "p", "--provider", "a,b"}, "2 providers were given"},
		{[]string{"generate", "--package", "9lives", "--provider", "a"}, "--package 9lives: not a Go package name"},
		{[]string{"generate", "--schemas", "nowhere"}, "--schemas nowhere: no such folder"},
		{[]string{"check", "--schemas", "nowhere"}, "--schemas nowhere: no such folder"},
		{[]string{"validate", "--schemas", "nowhere", "payload.json"}, "--schemas nowhere: no such folder"},
		{[]string{"check", "--provider", "c"}, `--provider c: no provider folder "c" in schemas (have: a, b)`},
		{[]string{"validate", "--provider", "c", "payload.json"}, `no provider folder "c"`},
		{[]string{"validate", "--provider", "a", "--schema", "pong", "payload.json"}, "--schema pong: provider a has no schema pong.json"},
		{[]string{"validate", "payload.json", "missing.json"}, "missing.json: no such file"},
		{[]string{"version", "extra"}, `unexpected argument "extra"`},
	}
	for _, c := range cases {
		code, out, errOut := runCLI(c.args...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q\nstdout:\n%s\nstderr:\n%s", c.args, code, c.want, out, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "gen")); err == nil {
		t.Error("a command-line error wrote gen/")
	}
}

// TestMissingTestdataIsSaid: in the README's layout (run from hooks/ with
// --out .) the default --testdata is hooks/testdata, which does not exist:
// generate says which folder it looked for instead of silently generating
// no tests. With the right folder it generates the tests and says how to
// write their golden files; a --testdata that names nothing is a
// command-line error.
func TestMissingTestdataIsSaid(t *testing.T) {
	dir := workspace(t, map[string]string{
		"schemas/shop/ping.json":            eventSchema,
		"testdata/shop/valid/ping.one.json": `{"event":"ping"}`,
		"hooks/generate.go":                 "package hooks\n",
	})
	t.Chdir(filepath.Join(dir, "hooks"))
	code, out, errOut := runCLI("generate", "--schemas", "../schemas", "--out", ".", "--provider", "shop")
	want := "shop has no test data: testdata/shop does not exist (" + filepath.Join(dir, "hooks", "testdata", "shop") + ")"
	if code != exitOK || !strings.Contains(errOut, want) || !strings.Contains(errOut, "--testdata DIR") {
		t.Errorf("default --testdata missing: exit %d, stderr lacks %q\n%s%s", code, want, out, errOut)
	}
	if code, _, errOut := runCLI("check", "--schemas", "../schemas", "--out", ".", "--provider", "shop"); code != exitOK || !strings.Contains(errOut, want) {
		t.Errorf("check with the default --testdata missing: exit %d\n%s", code, errOut)
	}

	code, out, errOut = runCLI("generate", "--schemas", "../schemas", "--out", ".", "--provider", "shop", "--testdata", "../testdata")
	if code != exitOK || strings.Contains(errOut, "warning") {
		t.Fatalf("generate with --testdata ../testdata: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "hooks/shop/hookgen_examples_gen_test.go")); err != nil {
		t.Errorf("no golden tests with the test data found: %v", err)
	}
	if cmd := "shop has 1 example(s) without a golden file; write them with: go test ./shop -run TestExamples -update"; !strings.Contains(out, cmd) {
		t.Errorf("generate does not say how to write the missing golden file (%q):\n%s", cmd, out)
	}
	os.MkdirAll(filepath.Join(dir, "hooks/shop/testdata"), 0o755)
	os.WriteFile(filepath.Join(dir, "hooks/shop/testdata/ping.one.golden.json"), []byte("{}\n"), 0o644)
	if _, out, _ := runCLI("generate", "--schemas", "../schemas", "--out", ".", "--provider", "shop", "--testdata", "../testdata"); strings.Contains(out, "golden") {
		t.Errorf("a golden file that is there is reported missing:\n%s", out)
	}

	if code, _, errOut := runCLI("generate", "--schemas", "../schemas", "--out", ".", "--testdata", "nowhere"); code != exitUsage || !strings.Contains(errOut, "--testdata nowhere: no such folder") {
		t.Errorf("--testdata naming nothing: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI("generate", "--schemas", "../schemas", "--out", ".", "--testdata", ""); code != exitOK || strings.Contains(errOut, "warning") {
		t.Errorf(`--testdata "": exit %d\n%s`, code, errOut)
	}
}
