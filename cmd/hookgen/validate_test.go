package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The real schemas and test data of this repository.
var (
	repoSchemas  = filepath.Join("..", "..", "schemas")
	repoTestdata = filepath.Join("..", "..", "testdata")
)

func TestValidateDocumentedExamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoTestdata, "*", "valid", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var events []string
	for _, f := range files {
		// Request and response bodies are checked with --schema below.
		if strings.Contains(f, "webhook.") || strings.Contains(f, "_webhook.request") {
			continue
		}
		events = append(events, f)
	}
	code, out, errOut := runCLI(append([]string{"validate", "--schemas", repoSchemas}, events...)...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if n := strings.Count(out, ": ok\n"); n != len(events) {
		t.Errorf("%d ok lines for %d files:\n%s", n, len(events), out)
	}
	// The Peach quirk: a delivered message labelled message_delivery.sent.
	if !strings.Contains(out, "message_delivery.delivered.template.json: peach message_delivery.delivered: ok") {
		t.Errorf("the delivered example is not identified as delivered:\n%s", out)
	}
}

func TestValidateReportsEveryViolation(t *testing.T) {
	bad := filepath.Join(repoTestdata, "peach", "invalid", "message_delivery.sent.missing_contact_and_bad_date.json")
	good := filepath.Join(repoTestdata, "aiinbox", "valid", "message.received.json")
	code, out, _ := runCLI("validate", "--schemas", repoSchemas, good, bad)
	if code != exitFail {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"message.received.json: aiinbox message.received: ok",
		"peach message_delivery.sent: invalid (2 violations)",
		"  #/data: required: missing properties: 'contact'",
		"  #/data/message/created_at: format: '22/05/2025' is not valid 'date-time'",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestValidateStdinAndSchemaFlag(t *testing.T) {
	stdin = strings.NewReader(`{"message": ""}`)
	defer func() { stdin = os.Stdin }()
	code, out, _ := runCLI("validate", "--schemas", repoSchemas, "--provider", "agenticflow", "--schema", "agent_webhook.request", "-")
	if code != exitFail || !strings.Contains(out, "<stdin>: agenticflow agent_webhook.request: invalid") || !strings.Contains(out, "#/message: minLength") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	ok := filepath.Join(repoTestdata, "agenticflow", "valid", "webhook.error_response.json")
	if code, out, _ := runCLI("validate", "--schemas", repoSchemas, "--provider", "agenticflow", "--schema", "webhook.error_response", ok); code != exitOK {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestValidateUnknownAndMalformed(t *testing.T) {
	dir := t.TempDir()
	unknown := filepath.Join(dir, "unknown.json")
	malformed := filepath.Join(dir, "malformed.json")
	os.WriteFile(unknown, []byte(`{"event": "message.exploded", "delivery_id": "1", "data": {}}`), 0o644)
	os.WriteFile(malformed, []byte(`{"event": `), 0o644)
	code, out, _ := runCLI("validate", "--schemas", repoSchemas, unknown, malformed)
	if code != exitFail {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{`unknown.json: no schema claims this payload (agenticflow: unknown event "message.exploded"`, "malformed.json: malformed JSON"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCLI("validate", "--schemas", repoSchemas); code != exitUsage {
		t.Errorf("no files: exit %d, want 2", code)
	}
	if code, _, _ := runCLI("validate", "--schemas", repoSchemas, "--schema", "x", unknown); code != exitUsage {
		t.Errorf("--schema without --provider: exit %d, want 2", code)
	}
}

// TestValidateHeaderRouted: a provider that names the event in a header
// is identified from --header, as the generated ParseRequest does it.
func TestValidateHeaderRouted(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"topics/hookgen.json":       `{"event_header": "X-Shopify-Topic"}`,
		"topics/orders/create.json": `{"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}`,
		"topics/orders/paid.json":   `{"type": "object", "required": ["paid_at"], "properties": {"paid_at": {"type": "string", "format": "date-time"}}}`,
	} {
		path := filepath.Join(dir, "schemas", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	payload := filepath.Join(dir, "p.json")
	if err := os.WriteFile(payload, []byte(`{"id": "one"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	schemas := filepath.Join(dir, "schemas")
	code, out, errOut := runCLI("validate", "--schemas", schemas, "--header", "X-Shopify-Topic: orders/create", payload)
	if code != exitFail || !strings.Contains(out, "topics orders/create: invalid") || !strings.Contains(out, "#/id") {
		t.Errorf("exit %d, want 1 naming orders/create and #/id:\n%s%s", code, out, errOut)
	}
	code, out, _ = runCLI("validate", "--schemas", schemas, payload)
	if code != exitFail || strings.Contains(out, "orders/create") {
		t.Errorf("without the header: exit %d, want 1 and no event:\n%s", code, out)
	}
	if code, _, errOut := runCLI("validate", "--schemas", schemas, "--header", "no colon", payload); code != exitUsage || !strings.Contains(errOut, "Name: value") {
		t.Errorf("a malformed --header: exit %d, want 2\n%s", code, errOut)
	}
}
