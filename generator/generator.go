// Package generator turns a folder of JSON Schemas into Go packages:
//
//	load  → positioned, meta-validated schemas with $refs resolved
//	model → every decision: names, field states, enums, sum types
//	emit  → Go source printed with jennifer
//	[]File in memory, which `generate` writes and `check` compares.
package generator

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/emit"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/model"
	"github.com/hookgen/hookgen/generator/output"
)

// Options say what to generate.
type Options struct {
	// Schemas is the folder holding one folder of schemas per provider.
	Schemas string
	// Providers limits the run to these provider folders; empty means all.
	Providers []string
	// Shuffle: see load.Options.Shuffle.
	Shuffle *rand.Rand
	// Remotes: see load.Options.Remotes.
	Remotes []load.Remote
	// Out is the output folder; Testdata the folder of example payloads,
	// one folder per provider (optional). Each package gets golden tests
	// of its provider's examples, which find them relative to Out.
	Out      string
	Testdata string
	// TypesOnly emits types and validators only: no event router (Parse,
	// Handlers) and no generated tests.
	TypesOnly bool
	// Package overrides the Go package name; it needs exactly one provider.
	Package string
	// ImportPath is the import path of Out; empty means derive it from the
	// nearest go.mod above Out (and leave it out if there is none).
	ImportPath string
}

// importPath finds the import path of dir from the nearest go.mod above it.
func importPath(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		if data, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				if f := strings.Fields(line); len(f) >= 2 && f[0] == "module" {
					rel, err := filepath.Rel(d, abs)
					if err != nil {
						return ""
					}
					return path.Join(strings.Trim(f[1], `"`), filepath.ToSlash(rel))
				}
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Result is the generated files, sorted by path, and the output folders
// the run is responsible for (to find orphaned files).
type Result struct {
	Files    []output.File
	Scope    output.Scope
	Packages []*model.Package
}

// Generate runs load, model and emit for every provider. It returns every
// problem in every provider as one *diag.Error, not only the first.
func Generate(opts Options) (*Result, error) {
	if opts.Package != "" && len(opts.Providers) != 1 {
		return nil, fmt.Errorf("a package name (%s) needs exactly one provider to name", opts.Package)
	}
	if opts.ImportPath == "" {
		out := opts.Out
		if out == "" {
			out = "gen"
		}
		opts.ImportPath = importPath(out)
	}
	providers, err := load.Load(opts.Schemas, load.Options{Providers: opts.Providers, Shuffle: opts.Shuffle, Remotes: opts.Remotes})
	var diags diag.List
	var de *diag.Error
	if errors.As(err, &de) {
		diags.Append(de.Diagnostics...)
	} else if err != nil {
		return nil, err
	}
	res := &Result{Scope: output.Scope{All: len(opts.Providers) == 0}}
	for _, p := range providers {
		if p.Broken {
			continue
		}
		var examples []load.Example
		rel := ""
		if opts.Testdata != "" && !opts.TypesOnly {
			examples, err = load.LoadExamples(opts.Testdata, p.Name)
			if errors.As(err, &de) {
				// Go on with the good examples, to report the model's
				// problems too.
				diags.Append(de.Diagnostics...)
			} else if err != nil {
				return nil, err
			}
			out := opts.Out
			if out == "" {
				out = "gen"
			}
			// The generated tests find their payloads relative to their
			// package: the same relative path whether the folders were
			// named absolute or relative, so the output does not depend on
			// how, or on which machine, the generator was run.
			r, err := relPath(filepath.Join(out, p.Name), filepath.Join(opts.Testdata, p.Name))
			if err != nil {
				return nil, fmt.Errorf("test data of %s: %w", p.Name, err)
			}
			rel = filepath.ToSlash(r)
		}
		importPath := ""
		if opts.ImportPath != "" {
			importPath = path.Join(opts.ImportPath, p.Name)
		}
		pkg, err := model.Build(p, model.Options{Examples: examples, Testdata: rel, NoRouter: opts.TypesOnly,
			Package: opts.Package, ImportPath: importPath})
		var de *diag.Error
		if errors.As(err, &de) {
			diags.Append(de.Diagnostics...)
			continue
		} else if err != nil {
			return nil, err
		}
		res.Packages = append(res.Packages, pkg)
		files, err := emit.Package(pkg)
		if err != nil {
			return nil, bugsIn(err, p.Dir)
		}
		for _, f := range files {
			res.Files = append(res.Files, output.File{Path: p.Name + "/" + f.Name, Content: f.Content})
		}
		res.Scope.Dirs = append(res.Scope.Dirs, p.Name)
		// The golden files the generated tests compare with: any other in
		// the package's testdata is stale, and generate removes it.
		for _, ex := range examples {
			if ex.Valid {
				res.Scope.Goldens = append(res.Scope.Goldens, output.GoldenPath(p.Name, ex.Name))
			}
		}
	}
	if err := diags.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// relPath is target relative to base, either of which may be absolute or
// relative to the working directory.
func relPath(base, target string) (string, error) {
	absBase, err := filepath.Abs(base)
	if err != nil {
		return "", err
	}
	absTarget, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	return filepath.Rel(absBase, absTarget)
}

// bugsIn names, in the emitter's internal errors, the schema files as
// they are on disk (dir is the provider folder): the user reads one line
// per file, which schema to report, and never the generated source.
func bugsIn(err error, dir string) error {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var be *emit.BugError
		if errors.As(e, &be) {
			be.Schema = filepath.Join(filepath.Dir(dir), filepath.FromSlash(be.Schema))
		}
	}
	return errors.Join(errs...)
}
