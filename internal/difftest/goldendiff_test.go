package difftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenMismatchShowsADiff runs a generated package's own tests with
// one golden file changed: the failure shows the lines that differ, not
// the whole payload.
func TestGoldenMismatchShowsADiff(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a copy of gen/peach")
	}
	tmp := t.TempDir()
	for _, dir := range []string{"gen/peach", "testdata/peach"} {
		if err := os.CopyFS(filepath.Join(tmp, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte("module example.com/copy\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join(tmp, "gen/peach/testdata/message_delivery.sent.template.golden.json")
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	const from, to = `"status": "sent"`, `"status": "SENT"`
	if !strings.Contains(string(data), from) {
		t.Fatalf("%s has no %s", golden, from)
	}
	if err := os.WriteFile(golden, []byte(strings.Replace(string(data), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "test", "-count=1", "-run", "TestExamples/valid/message_delivery.sent.template", "./gen/peach")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, _ := cmd.CombinedOutput()
	text := string(out)
	for _, want := range []string{"- ", "+ ", to, from} {
		if !strings.Contains(text, want) {
			t.Errorf("the failure does not show %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, `"created_at"`) && strings.Contains(text, `"phone_number"`) {
		t.Errorf("the failure prints the whole payload:\n%s", text)
	}
}
