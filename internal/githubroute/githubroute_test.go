// Package githubroute generates GitHub's webhook schemas (the octokit
// corpus in testdata/octokit-webhooks, unchanged) as ONE provider routed by
// the X-GitHub-Event header and the body's action, and checks that the
// generated ParseRequest routes every example payload to its own event.
package githubroute

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator"
)

// manifest is the only file added to the corpus: GitHub's extension
// keyword, the header and the action, and common/ as shared definitions.
const manifest = `{
  "package": "github",
  "title": "GitHub",
  "extensions": ["tsAdditionalProperties"],
  "event_header": "X-GitHub-Event",
  "discriminator": ["action"],
  "shared": ["common"],
  "signing": {"scheme": "github"}
}
`

// corpus is the octokit-webhooks checkout: HOOKGEN_GITHUB_CORPUS, or the
// copy in this repository's testdata.
func corpus(t *testing.T) string {
	dir := os.Getenv("HOOKGEN_GITHUB_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "testdata", "octokit-webhooks")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(abs, "payload-schemas", "api.github.com")); err != nil {
		t.Fatalf("GitHub's corpus is not at %s (set HOOKGEN_GITHUB_CORPUS to an octokit/webhooks checkout): %v", abs, err)
	}
	return abs
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// routeTest runs inside the generated package: every example, delivered
// with the header GitHub sends (its folder's name), must come back as its
// own event: the folder's, with the body's action where the event has
// actions. Violations are counted, not failed: they are the schemas'
// verdict, which the differential tests compare with jsonschema/v5.
const routeTest = `package github

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

func TestParseRequestRoutesEveryExample(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(os.Getenv("HOOKGEN_GITHUB_EXAMPLES"), "*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	invalid := 0
	for _, f := range files {
		event := filepath.Base(filepath.Dir(f))
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var probe struct{ Action string }
		if err := json.Unmarshal(data, &probe); err != nil {
			t.Fatal(err)
		}
		h := http.Header{}
		h.Set("X-GitHub-Event", event)
		ev, err := ParseRequest(h, data)
		var ve *ValidationError
		if err != nil && !errors.As(err, &ve) {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if u, ok := ev.(*UnknownEvent); ok {
			t.Errorf("%s: an unknown event %s", f, u.Type)
			continue
		}
		want := event
		if probe.Action != "" && string(ev.EventType()) != event {
			want = event + "." + probe.Action
		}
		if string(ev.EventType()) != want {
			t.Errorf("%s: routed to %s, want %s", f, ev.EventType(), want)
		}
		if ve != nil {
			invalid++
			t.Logf("%s: %v", f, ve)
		}
	}
	t.Logf("%d examples routed; %d of them break their schema", len(files), invalid)
}
`

func TestGitHubCorpusAsOneProvider(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module of GitHub's 300 schema files with the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to compile generated code: %v", err)
	}
	src := corpus(t)
	work := t.TempDir()
	schemas := filepath.Join(work, "schemas")
	copyTree(t, filepath.Join(src, "payload-schemas", "api.github.com"), filepath.Join(schemas, "github"))
	if err := os.WriteFile(filepath.Join(schemas, "github", "hookgen.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(work, "mod")
	res, err := generator.Generate(generator.Options{Schemas: schemas, Out: mod, ImportPath: "example.com/gh"})
	if err != nil {
		t.Fatalf("generating GitHub's corpus as one provider:\n%v", err)
	}
	events := 0
	for _, p := range res.Packages {
		if p.Router != nil {
			events = len(p.Router.Events)
		}
	}
	files := map[string][]byte{
		"go.mod":               []byte("module example.com/gh\n\ngo 1.24\n"),
		"github/route_test.go": []byte(routeTest),
	}
	for _, f := range res.Files {
		files[f.Path] = f.Content
	}
	for name, data := range files {
		p := filepath.Join(mod, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "-v", "-run", "TestParseRequestRoutesEveryExample", "./..."}} {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off",
			"HOOKGEN_GITHUB_EXAMPLES="+filepath.Join(src, "payload-examples", "api.github.com"))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("go %s in the generated module: %v\n%s", strings.Join(args, " "), err, out.String())
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if strings.Contains(line, "examples routed") {
				t.Logf("%d events in one package; %s", events, strings.TrimSpace(line))
			}
		}
	}
}
