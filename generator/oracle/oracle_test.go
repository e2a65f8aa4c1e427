package oracle

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/hookgen/hookgen/generator/load"
)

// provider writes files (path → content) as a provider folder "p" and
// loads it.
func provider(t *testing.T, files map[string]string) *load.Provider {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, "p", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := load.Load(dir, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ps[0]
}

// The oracle asks the model's router: with the discriminator left to
// inference, a schema pinning another property by const (a request body)
// must not hide the events that Parse routes.
func TestIdentifyUsesTheModelsInference(t *testing.T) {
	o, err := New(provider(t, map[string]string{
		"order.created.json": `{"type":"object","required":["type"],"properties":{"type":{"const":"order.created"}}}`,
		"order.paid.json":    `{"type":"object","required":["type"],"properties":{"type":{"const":"order.paid"}}}`,
		"ack.json":           `{"type":"object","required":["kind"],"properties":{"kind":{"const":"ack"}}}`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	r, err := o.Identify([]byte(`{"type":"order.paid"}`))
	if err != nil || r.Schema == nil || r.Event != "order.paid" || len(r.Violations) != 0 {
		t.Fatalf("Identify = %+v, %v; want order.paid, valid", r, err)
	}
	if s := o.Lookup("ack"); s.IsEvent() {
		t.Error("ack.json is no event")
	}
}

// A provider that sends every delivery status with one type tells them
// apart by a deeper pin, as Parse does: the oracle follows the same route
// even for an invalid payload, instead of reporting the violations of the
// first schema accepting its type.
func TestIdentifyFollowsTheDeeperPin(t *testing.T) {
	o, err := New(provider(t, map[string]string{
		"msg.sent.json": `{"type":"object","required":["type","data"],"properties":{"type":{"const":"msg.sent"},
			"data":{"type":"object","required":["status"],"properties":{"status":{"const":"sent"}}}}}`,
		"msg.read.json": `{"type":"object","required":["type","data"],"properties":{"type":{"enum":["msg.read","msg.sent"]},
			"data":{"type":"object","required":["status","at"],"properties":{"status":{"const":"read"},"at":{"type":"string"}}}}}`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	r, err := o.Identify([]byte(`{"type":"msg.sent","data":{"status":"read"}}`))
	if err != nil || r.Event != "msg.read" || len(r.Violations) != 1 || r.Violations[0].Pointer != "/data" {
		t.Fatalf("Identify = %+v, %v; want msg.read, missing /data/at", r, err)
	}
}

func TestIdentifyRequestByHeader(t *testing.T) {
	o, err := New(provider(t, map[string]string{
		"hookgen.json":       `{"event_header":"X-GitHub-Event","discriminator":["action"],"shared":["common"]}`,
		"common/user.json":   `{"$id":"common/user.json","type":"object","required":["login"],"properties":{"login":{"type":"string"}}}`,
		"issues/opened.json": `{"type":"object","required":["action","user"],"properties":{"action":{"enum":["opened"]},"user":{"$ref":"../common/user.json"}}}`,
		"push/event.json":    `{"type":"object","required":["ref"],"properties":{"ref":{"type":"string"}}}`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set("X-GitHub-Event", "issues")
	r, err := o.IdentifyRequest(h, []byte(`{"action":"opened","user":{}}`))
	if err != nil || r.Event != "issues.opened" || len(r.Violations) != 1 || r.Violations[0].Pointer != "/user" {
		t.Fatalf("IdentifyRequest = %+v, %v; want issues.opened with a violation at /user", r, err)
	}
	h.Set("X-GitHub-Event", "push")
	if r, err := o.IdentifyRequest(h, []byte(`{"ref":"x"}`)); err != nil || r.Event != "push" || len(r.Violations) != 0 {
		t.Fatalf("push: %+v, %v", r, err)
	}
	h.Set("X-GitHub-Event", "star")
	if r, err := o.IdentifyRequest(h, []byte(`{}`)); err != nil || r.Schema != nil || r.Event != "star" {
		t.Fatalf("an unknown event: %+v, %v", r, err)
	}
	if _, err := o.IdentifyRequest(http.Header{}, []byte(`{}`)); err == nil {
		t.Fatal("a request without the header was identified")
	}
}
