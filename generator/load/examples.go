package load

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
)

// Example is one payload of a provider's test data:
// <testdata>/<provider>/valid/<schema>.<variant>.json, or invalid/ with a
// .want file beside it listing the JSON pointers it must fail at.
type Example struct {
	Path  string // as given, for messages
	Name  string // the file name
	Valid bool
	Data  []byte
	Want  []string // invalid examples: the pointers, without "#"
}

// LoadExamples reads a provider's test data. A provider without a test
// data folder has no examples (and gets no generated tests).
func LoadExamples(dir, provider string) ([]Example, error) {
	var out []Example
	var diags diag.List
	for _, kind := range []string{"valid", "invalid"} {
		folder := filepath.Join(dir, provider, kind)
		entries, err := os.ReadDir(folder)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
				continue
			}
			path := filepath.Join(folder, e.Name())
			data, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			ex := Example{Path: path, Name: e.Name(), Valid: kind == "valid", Data: data}
			if !ex.Valid {
				wantPath := strings.TrimSuffix(path, ".json") + ".want"
				want, err := os.ReadFile(wantPath)
				if err != nil {
					diags.Add(diag.Pos{File: path}, "invalid example without %s listing the JSON pointers it must fail at", filepath.Base(wantPath))
					continue
				}
				for _, l := range strings.Split(strings.TrimSpace(string(want)), "\n") {
					ex.Want = append(ex.Want, strings.TrimPrefix(strings.TrimSpace(l), "#"))
				}
				slices.Sort(ex.Want)
			}
			out = append(out, ex)
		}
	}
	slices.SortFunc(out, func(a, b Example) int { return strings.Compare(a.Path, b.Path) })
	return out, diags.Err()
}
