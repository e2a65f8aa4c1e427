// Package templates holds the Go source that hookgen copies into generated
// packages. Each template is an ordinary, tested package in a folder below;
// this package embeds their sources for the generator.
package templates

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

//go:embed hookrt/*.go
var hookrt embed.FS

// RuntimeFile is one source file of the runtime.
type RuntimeFile struct {
	Name   string // such as "decode.go"
	Source []byte
}

// Runtime returns the non-test sources of hookrt, sorted by name: the
// field-state wrappers, the JSON scanner the generated decoders use, the
// validation error type, the format checkers and the interpreter for
// values kept as raw JSON.
func Runtime() []RuntimeFile {
	entries, err := fs.ReadDir(hookrt, "hookrt")
	if err != nil {
		panic(err) // embedded at build time; cannot fail
	}
	var out []RuntimeFile
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		src, err := hookrt.ReadFile("hookrt/" + e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, RuntimeFile{Name: e.Name(), Source: src})
	}
	slices.SortFunc(out, func(a, b RuntimeFile) int { return strings.Compare(a.Name, b.Name) })
	return out
}
