package main

import (
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/hookgen/hookgen/generator"
	"github.com/hookgen/hookgen/generator/output"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // bad input, drift, invalid payload
	exitUsage = 2 // the command line is wrong
)

type verb struct {
	name    string
	summary string
	usage   string
	run     func(args []string, stdout, stderr io.Writer) int
}

func verbs() []verb {
	return []verb{
		{"generate", "write Go packages for the schemas to the output folder", "hookgen generate [--schemas DIR] [--out DIR] [--testdata DIR] [--types-only] [--package NAME] [--import-path PATH] [--provider NAME]...", runGenerate},
		{"check", "exit 1 if the output folder differs from what generate would write", "hookgen check [--schemas DIR] [--out DIR] [--testdata DIR] [--types-only] [--package NAME] [--import-path PATH] [--provider NAME]...", runCheck},
		{"validate", "check captured payloads against the schemas, naming every violation", "hookgen validate [--schemas DIR] [--provider NAME] [--schema STEM] FILE...", runValidate},
		{"version", "print hookgen's module version", "hookgen version", runVersion},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "hookgen turns JSON Schemas of webhook payloads into Go packages.")
	fmt.Fprintln(w, "\nUsage:\n  hookgen VERB [flags]\n\nVerbs:")
	for _, v := range verbs() {
		fmt.Fprintf(w, "  %-9s %s\n", v.name, v.summary)
	}
	fmt.Fprintln(w, "\nRun 'hookgen VERB --help' for a verb's flags.")
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "--help":
		usage(stdout)
		return exitOK
	}
	for _, v := range verbs() {
		if v.name == args[0] {
			return v.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "hookgen: unknown verb %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// genFlags are the flags generate and check share.
type genFlags struct {
	schemas   string
	out       string
	testdata  string
	typesOnly bool
	pkgName   string
	importAs  string
	providers []string
	// testdataGiven: --testdata was on the command line, not the default.
	testdataGiven bool
}

func newFlagSet(name, usageLine, summary string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s.\n\nFlags:\n%s", usageLine, summary, fs.FlagUsages())
	}
	// Declared, not left to pflag: pflag's built-in -h prints the usage to
	// the flag set's output (stderr) itself, and the help asked for belongs
	// on stdout, once (see helped).
	fs.BoolP("help", "h", false, "print this help")
	return fs
}

// helped prints the usage to stdout when --help was given; the verb then
// exits 0 without doing anything else.
func helped(fs *pflag.FlagSet, stdout io.Writer) bool {
	if h, _ := fs.GetBool("help"); h {
		fs.SetOutput(stdout)
		fs.Usage()
		return true
	}
	return false
}

func (g *genFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&g.schemas, "schemas", "schemas", "folder with one folder of JSON Schemas per provider")
	fs.StringVar(&g.out, "out", "gen", "folder to write one Go package per provider to")
	fs.StringVar(&g.testdata, "testdata", "testdata", "folder of example payloads, one folder per provider, that become golden tests (\"\" for none); a provider without one gets no tests, and a warning names the folder looked for")
	fs.BoolVar(&g.typesOnly, "types-only", false, "emit types and validators only: no event router (Parse, Handlers) and no tests")
	fs.StringVar(&g.pkgName, "package", "", "Go package name for the one --provider given, or for the only provider of --schemas (default: the manifest's, else the folder name)")
	fs.StringVar(&g.importAs, "import-path", "", "import path of --out, for the package docs (default: derived from the nearest go.mod)")
	fs.StringSliceVar(&g.providers, "provider", nil, "only this provider folder (repeatable, or comma-separated); default all")
}

// usageError answers a command line that parses but asks for something
// that cannot be: exit 2, saying what is wrong (not the whole usage).
func usageError(fs *pflag.FlagSet, err error) int {
	fmt.Fprintf(fs.Output(), "hookgen %s: %v\n", fs.Name(), err)
	fmt.Fprintf(fs.Output(), "Run 'hookgen %s --help' for its flags.\n", fs.Name())
	return exitUsage
}

// providerFolders lists the provider folders of a schemas folder, the way
// load reads them; an error says the folder itself is not there.
func providerFolders(schemas string) ([]string, error) {
	entries, err := os.ReadDir(schemas)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("--schemas %s: no such folder (%s)", schemas, absolute(schemas))
		}
		return nil, fmt.Errorf("--schemas %s: %w", schemas, err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// checkProviders says which --provider names no folder of schemas.
func checkProviders(schemas string, have, want []string) error {
	for _, p := range want {
		if !slices.Contains(have, p) {
			return fmt.Errorf("--provider %s: no provider folder %q in %s (have: %s)", p, p, schemas, strings.Join(have, ", "))
		}
	}
	return nil
}

// resolve checks the command line against the schemas folder before
// anything is generated: a --schemas that is not there, a --provider that
// names no folder, or a --package that cannot tell which provider it names
// are command-line errors (exit 2). --package without --provider names the
// only provider when there is just one.
func (g *genFlags) resolve() error {
	have, err := providerFolders(g.schemas)
	if err != nil {
		return err
	}
	if err := checkProviders(g.schemas, have, g.providers); err != nil {
		return err
	}
	if g.testdataGiven && g.testdata != "" {
		if _, err := os.Stat(g.testdata); err != nil {
			return fmt.Errorf("--testdata %s: no such folder (%s); --testdata \"\" generates no tests", g.testdata, absolute(g.testdata))
		}
	}
	switch {
	case g.pkgName == "" || len(g.providers) == 1:
	case len(g.providers) > 1:
		return fmt.Errorf("--package %s names one package, but %d providers were given (%s): generate them one --provider at a time", g.pkgName, len(g.providers), strings.Join(g.providers, ", "))
	case len(have) == 1:
		g.providers = have
	default:
		return fmt.Errorf("--package %s names one package: say which provider with --provider (%s holds %s)", g.pkgName, g.schemas, strings.Join(have, ", "))
	}
	if g.pkgName != "" && (!token.IsIdentifier(g.pkgName) || g.pkgName == "_") {
		return fmt.Errorf("--package %s: not a Go package name", g.pkgName)
	}
	return nil
}

// parseError answers a flag parsing error: a usage error.
func parseError(fs *pflag.FlagSet, err error) int {
	fmt.Fprintf(fs.Output(), "hookgen %s: %v\n", fs.Name(), err)
	return exitUsage
}

// parse parses flags of a verb that takes no arguments; done is true when
// the caller should return code.
func parse(fs *pflag.FlagSet, args []string, stdout io.Writer) (code int, done bool) {
	if err := fs.Parse(args); err != nil {
		return parseError(fs, err), true
	}
	if helped(fs, stdout) {
		return exitOK, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "hookgen %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage, true
	}
	return 0, false
}

func runGenerate(args []string, stdout, stderr io.Writer) int {
	var g genFlags
	v := verbs()[0]
	fs := newFlagSet("generate", v.usage, "Write one Go package per provider folder of --schemas to --out/<provider>. Files are written whole and atomically; generated files that are no longer produced are removed (under go generate, emptied first: the next generate removes them), and so are golden files whose example is gone; other files are never touched", stderr)
	g.register(fs)
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	g.testdataGiven = fs.Changed("testdata")
	if err := g.resolve(); err != nil {
		return usageError(fs, err)
	}
	res, err := generator.Generate(g.options())
	if err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintf(stderr, "hookgen generate: failed; %s was not changed\n", g.out)
		return exitFail
	}
	wr, err := output.WriteWith(g.out, res.Files, res.Scope, output.WriteOptions{UnderGoGenerate: underGoGenerate()})
	if err != nil {
		fmt.Fprintf(stderr, "hookgen generate: %v\n", err)
		return exitFail
	}
	for _, p := range wr.Written {
		fmt.Fprintf(stdout, "wrote   %s/%s\n", g.out, p)
	}
	for _, p := range wr.Removed {
		fmt.Fprintf(stdout, "removed %s/%s\n", g.out, p)
	}
	for _, p := range wr.Emptied {
		fmt.Fprintf(stdout, "emptied %s/%s\n", g.out, p)
	}
	if len(wr.Emptied) > 0 {
		fmt.Fprintln(stdout, "hookgen: go generate lists files before it runs hookgen and fails on one that has gone, so the emptied files stay (//go:build ignore, nothing in them); the next generate deletes them")
	}
	fmt.Fprintf(stdout, "hookgen: %d packages, %d files (%d written, %d removed, %d unchanged)\n",
		len(res.Packages), len(res.Files), len(wr.Written), len(wr.Removed), wr.Unchanged)
	g.warnNoTestdata(res.Scope.Dirs, "generate", stderr)
	missingGoldens(g.out, res.Scope.Goldens, stdout)
	return exitOK
}

// warnNoTestdata warns, for each provider that gets no golden tests because
// its folder of examples is missing, which folder was looked for: the
// default --testdata is relative to where hookgen runs (under go generate,
// the directive's folder), which is easy to get wrong.
func (g genFlags) warnNoTestdata(providers []string, verb string, stderr io.Writer) {
	if g.testdata == "" || g.typesOnly {
		return
	}
	for _, p := range providers {
		dir := filepath.Join(g.testdata, p)
		if _, err := os.Stat(dir); err == nil {
			continue
		}
		fmt.Fprintf(stderr, "hookgen %s: warning: %s has no test data: %s does not exist (%s), so its package gets no golden tests; pass --testdata DIR (the folder holding %s/valid/), or --testdata \"\" for no tests\n",
			verb, p, dir, absolute(dir), p)
	}
}

// missingGoldens says, per package, how to write the golden files its
// generated tests compare with and that are not there yet: until then
// those tests fail.
func missingGoldens(out string, goldens []string, stdout io.Writer) {
	missing := map[string]int{}
	var pkgs []string
	for _, gp := range goldens {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(gp))); err == nil {
			continue
		}
		pkg := strings.SplitN(gp, "/", 2)[0]
		if missing[pkg] == 0 {
			pkgs = append(pkgs, pkg)
		}
		missing[pkg]++
	}
	for _, pkg := range pkgs {
		fmt.Fprintf(stdout, "hookgen: %s has %d example(s) without a golden file; write them with: go test %s -run TestExamples -update\n",
			path.Join(filepath.ToSlash(out), pkg), missing[pkg], goPackageArg(filepath.Join(out, pkg)))
	}
}

// goPackageArg is dir as the go command takes a package folder: absolute,
// or relative with a leading ./ (a bare "gen/peach" is an import path).
func goPackageArg(dir string) string {
	if filepath.IsAbs(dir) {
		return dir
	}
	return "./" + filepath.ToSlash(filepath.Clean(dir))
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	var g genFlags
	v := verbs()[1]
	fs := newFlagSet("check", v.usage, "Generate in memory and compare with --out: print a unified diff naming every changed, missing and orphaned file and exit 1 on drift, exit 0 when the output is up to date", stderr)
	g.register(fs)
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	g.testdataGiven = fs.Changed("testdata")
	if err := g.resolve(); err != nil {
		return usageError(fs, err)
	}
	res, err := generator.Generate(g.options())
	if err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, "hookgen check: the schemas do not generate")
		return exitFail
	}
	if _, err := os.Stat(g.out); errors.Is(err, os.ErrNotExist) {
		// Not a diff of every file: the folder is not there at all.
		fmt.Fprintf(stderr, "hookgen check: the output folder %s does not exist (%s): --out must name the folder generate writes to\n", g.out, absolute(g.out))
		fmt.Fprintf(stderr, "To generate it, run: %s\n", regenerateCommand(g))
		return exitFail
	}
	g.warnNoTestdata(res.Scope.Dirs, "check", stderr)
	drift, err := output.Check(g.out, res.Files, res.Scope)
	if err != nil {
		fmt.Fprintf(stderr, "hookgen check: %v\n", err)
		return exitFail
	}
	if len(drift.Emptied) > 0 {
		fmt.Fprintf(stderr, "hookgen check: note: %d file(s) were emptied, not deleted, by a generate under go generate; they build to nothing, and the next generate deletes them:\n", len(drift.Emptied))
		for _, p := range drift.Emptied {
			fmt.Fprintf(stderr, "  emptied  %s/%s\n", g.out, p)
		}
	}
	if drift.Clean() {
		fmt.Fprintf(stdout, "hookgen check: %s is up to date with %s (%d files)\n", g.out, g.schemas, len(res.Files))
		return exitOK
	}
	fmt.Fprint(stdout, drift.Diff)
	fmt.Fprintf(stderr, "hookgen check: %s is out of date with %s:\n", g.out, g.schemas)
	for _, p := range drift.Changed {
		fmt.Fprintf(stderr, "  changed  %s/%s\n", g.out, p)
	}
	for _, dir := range drift.MissingDirs {
		how := "holds none of its generated files"
		if _, err := os.Stat(filepath.Join(g.out, dir)); errors.Is(err, os.ErrNotExist) {
			how = "does not exist"
		}
		fmt.Fprintf(stderr, "  missing  %s/ (the folder %s)\n", path.Join(filepath.ToSlash(g.out), dir), how)
	}
	for _, p := range drift.Missing {
		fmt.Fprintf(stderr, "  missing  %s/%s\n", g.out, p)
	}
	for _, p := range drift.Orphaned {
		fmt.Fprintf(stderr, "  orphaned %s/%s\n", g.out, p)
	}
	if len(drift.MissingDirs) > 0 && len(drift.MissingDirs) == len(res.Scope.Dirs) && len(drift.Changed) == 0 {
		fmt.Fprintf(stderr, "None of the packages is in %s (%s): if they were generated elsewhere, --out is wrong.\n", g.out, absolute(g.out))
	}
	fmt.Fprintf(stderr, "To fix it, run: %s\n", regenerateCommand(g))
	return exitFail
}

// absolute is dir as an absolute path, for messages about folders that
// are not where they were expected (relative to where hookgen ran).
func absolute(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// underGoGenerate reports whether go generate runs hookgen: it sets
// GOFILE and GOPACKAGE for every directive it runs.
func underGoGenerate() bool {
	return os.Getenv("GOFILE") != "" && os.Getenv("GOPACKAGE") != ""
}

func (g genFlags) options() generator.Options {
	return generator.Options{Schemas: g.schemas, Out: g.out, Testdata: g.testdata, TypesOnly: g.typesOnly,
		Package: g.pkgName, ImportPath: g.importAs, Providers: g.providers}
}

func regenerateCommand(g genFlags) string {
	parts := []string{"go run github.com/hookgen/hookgen/cmd/hookgen generate"}
	if g.schemas != "schemas" {
		parts = append(parts, "--schemas "+g.schemas)
	}
	if g.out != "gen" {
		parts = append(parts, "--out "+g.out)
	}
	if g.testdata != "testdata" {
		parts = append(parts, fmt.Sprintf("--testdata %q", g.testdata))
	}
	if g.typesOnly {
		parts = append(parts, "--types-only")
	}
	if g.pkgName != "" {
		parts = append(parts, "--package "+g.pkgName)
	}
	if g.importAs != "" {
		parts = append(parts, "--import-path "+g.importAs)
	}
	for _, p := range g.providers {
		parts = append(parts, "--provider "+p)
	}
	return strings.Join(parts, " ")
}

// runVersion prints the module version from the build information: a
// release tag when hookgen was installed or run as a tool, "(devel)" when
// built inside its own checkout. Generated files never carry it, so an
// upgrade does not churn them.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "hookgen version", "Print hookgen's module version and the Go version it was built with", stderr)
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	version, goVersion := "unknown", runtime.Version()
	if info, ok := debug.ReadBuildInfo(); ok {
		version = info.Main.Version
		if version == "" {
			version = "(devel)"
		}
		goVersion = info.GoVersion
	}
	fmt.Fprintf(stdout, "hookgen %s (%s)\n", version, goVersion)
	return exitOK
}
