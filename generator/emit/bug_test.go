package emit

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator/model"
)

// TestRenderBugNamesTheSchema: code gofmt rejects is reported as hookgen's
// bug, naming the schema file it came from, on one line, never as the
// generated source dumped in the user's face. The model never hands the
// emitter such a name; this builds one by hand.
func TestRenderBugNamesTheSchema(t *testing.T) {
	bad := &model.Type{Kind: model.Defined, Name: "Bad Name", Source: "p/x.json#", Base: model.Ref{Kind: model.Builtin, Builtin: "string"}}
	pkg := &model.Package{Provider: "p", Name: "p", Title: "p", Types: []*model.Type{bad},
		Files: []*model.File{{Name: "x_gen.go", Source: "p/x.json", Types: []*model.Type{bad}}}}
	_, err := Package(pkg)
	var be *BugError
	if !errors.As(err, &be) {
		t.Fatalf("got %T %v, want a *BugError", err, err)
	}
	if be.Schema != "p/x.json" || be.File != "p/x_gen.go" {
		t.Errorf("names schema %q, file %q; want p/x.json, p/x_gen.go", be.Schema, be.File)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "package p") || !strings.Contains(msg, "internal error") {
		t.Errorf("message is not one line naming an internal error:\n%s", msg)
	}
}

// TestReservedFilesCoverEmitters: every file the emitters write besides
// the per-schema ones is reserved in the model, so a schema file can never
// be named onto it (the model checks its files against the list).
func TestReservedFilesCoverEmitters(t *testing.T) {
	for _, name := range []string{"doc_gen.go", RouterFile, SchemasFile, TablesFile, ExamplesFile, DocExampleFile, RuntimePrefix + "x_gen.go"} {
		if !slices.Contains(model.ReservedFiles, name) && !strings.HasPrefix(name, model.ReservedFilePrefix) {
			t.Errorf("%s is written by the emitters but not reserved in model.ReservedFiles or by model.ReservedFilePrefix", name)
		}
	}
}
