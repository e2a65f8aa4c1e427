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
	Name  string // the path below valid/ or invalid/, with slashes
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
		if _, err := os.Stat(folder); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		// Examples of schemas in subfolders are in the same subfolders:
		// valid/pull_request/opened.payload.json.
		err := filepath.WalkDir(folder, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
				return nil
			}
			rel, err := filepath.Rel(folder, path)
			if err != nil {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			ex := Example{Path: path, Name: filepath.ToSlash(rel), Valid: kind == "valid", Data: data}
			if !ex.Valid {
				wantPath := strings.TrimSuffix(path, ".json") + ".want"
				want, err := os.ReadFile(wantPath)
				if err != nil {
					diags.Add(diag.Pos{File: path}, "invalid example without %s listing the JSON pointers it must fail at", filepath.Base(wantPath))
					return nil
				}
				for _, l := range strings.Split(strings.TrimSpace(string(want)), "\n") {
					ex.Want = append(ex.Want, strings.TrimPrefix(strings.TrimSpace(l), "#"))
				}
				slices.Sort(ex.Want)
			}
			out = append(out, ex)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b Example) int { return strings.Compare(a.Path, b.Path) })
	return out, diags.Err()
}
