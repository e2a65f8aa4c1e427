package hookserve_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookgen/hookgen/generator"
)

// GitHub's corpus as one provider served by hookserve: the octokit
// schemas (testdata/octokit-webhooks, unchanged) plus a manifest are
// generated into a package in a temporary module, and a test there wires
// it into a server on loopback and delivers every example payload as
// GitHub sends it. The generated package cannot live in this module (it
// is made by the test), hence the module of its own, whose go.mod points
// at this checkout.

// githubManifest is the only file added to the corpus (as in
// internal/githubroute): the event header, the action, common/ as shared
// definitions, and GitHub's signing scheme.
const githubManifest = `{
  "package": "github",
  "title": "GitHub",
  "extensions": ["tsAdditionalProperties"],
  "event_header": "X-GitHub-Event",
  "discriminator": ["action"],
  "shared": ["common"],
  "signing": {"scheme": "github"}
}
`

// githubServeTest runs inside the generated package. Signatures are made
// with crypto/hmac here, not with signing.Signer, so the server is checked
// against GitHub's scheme as GitHub documents it.
const githubServeTest = `package github

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/cmd/receiver/signing"
)

const secret = "It's a Secret to Everybody" // GitHub's documented example secret

func parsed(ev Event, err error) (hookserve.Parsed, error) {
	if ev == nil {
		return hookserve.Parsed{}, err
	}
	_, unknown := ev.(*UnknownEvent)
	return hookserve.Parsed{Type: string(ev.EventType()), Unknown: unknown, Event: ev}, err
}

type delivery struct {
	file, event, want, id string
	body                  []byte
}

func sign(body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func post(t *testing.T, url string, h http.Header, body []byte) (int, hookserve.Answer) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a hookserve.Answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("answer is not JSON: %v", err)
	}
	return resp.StatusCode, a
}

func headers(d delivery, sig string) http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "GitHub-Hookshot/test")
	h.Set("X-GitHub-Event", d.event)
	h.Set("X-GitHub-Delivery", d.id)
	h.Set("X-Hub-Signature-256", sig)
	return h
}

func TestServeEveryGitHubExample(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(os.Getenv("HOOKGEN_GITHUB_EXAMPLES"), "*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var ds []delivery
	for i, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var probe struct{ Action string }
		if err := json.Unmarshal(body, &probe); err != nil {
			t.Fatal(err)
		}
		event := filepath.Base(filepath.Dir(f))
		want := event
		if probe.Action != "" {
			// The event has actions where its folder holds a schema
			// per action (push has none, though its body has no action
			// either).
			if _, err := os.Stat(filepath.Join(os.Getenv("HOOKGEN_GITHUB_SCHEMAS"), event, probe.Action+".schema.json")); err == nil {
				want = event + "." + probe.Action
			}
		}
		ds = append(ds, delivery{file: f, event: event, want: want, id: fmt.Sprintf("72d3162e-cc78-11e3-81ab-%012d", i), body: body})
	}

	v, err := signing.New(signing.Config{Scheme: Provider.Signing, Header: Provider.SignatureHeader, Prefix: Provider.SignaturePrefix,
		Encoding: Provider.SignatureEncoding, IDHeader: Provider.DeliveryIDHeader}, []string{secret}, signing.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &hookserve.Provider{
		Name:   Provider.Name,
		Verify: v.Verify, Precheck: v.Precheck, IDHeader: v.IDHeader(),
		ParseRequest: func(h http.Header, b []byte) (hookserve.Parsed, error) { return parsed(ParseRequest(h, b)) },
		ParseAs:      func(typ string, b []byte) (hookserve.Parsed, error) { return parsed(ParseAs(EventType(typ), b)) },
		DeliveryIDOf: DeliveryIDOf,
	}
	store, err := hookserve.Open(filepath.Join(t.TempDir(), "inbox.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var mu sync.Mutex
	handled := map[string]string{} // delivery id -> the type of the event the handler got
	icfg := hookserve.DefaultInboxConfig
	icfg.Poll = 20 * time.Millisecond
	inbox, err := hookserve.NewInbox(store, []*hookserve.Provider{p}, func(_ context.Context, job *hookserve.Job) error {
		ev, _ := job.Event.(Event)
		mu.Lock()
		defer mu.Unlock()
		if ev == nil {
			handled[job.Delivery.ID] = fmt.Sprintf("%T", job.Event)
		} else {
			handled[job.Delivery.ID] = string(ev.EventType())
		}
		return nil
	}, icfg, log)
	if err != nil {
		t.Fatal(err)
	}
	cfg := hookserve.DefaultConfig
	cfg.Providers, cfg.Store, cfg.Inbox, cfg.Log = []*hookserve.Provider{p}, store, inbox, log
	cfg.ShutdownTimeout = 5 * time.Second
	srv, err := hookserve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	inbox.Start()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan struct{})
	go func() { srv.Serve(ctx, ln); close(served) }()
	defer func() { cancel(); <-served; store.Close() }()
	url := "http://" + ln.Addr().String() + "/webhooks/" + Provider.Name

	// Every example, signed: accepted as its own event, or, where GitHub's
	// example breaks GitHub's schema, refused as invalid, still named as
	// its event.
	accepted := map[string]delivery{}
	invalid := 0
	for _, d := range ds {
		code, a := post(t, url, headers(d, sign(d.body)), d.body)
		switch {
		case a.Event != d.want || a.Delivery != "" && a.Delivery != d.id:
			t.Errorf("%s: answered %d %+v, want event %s, delivery %s", d.file, code, a, d.want, d.id)
		case code == http.StatusAccepted && a.Status == "accepted" && a.Delivery == d.id:
			accepted[d.id] = d
		case code == http.StatusBadRequest && a.Status == "invalid":
			invalid++
			t.Logf("%s: invalid: %v", d.file, a.Violations)
		default:
			t.Errorf("%s: answered %d %+v", d.file, code, a)
		}
	}
	// The same deliveries again (GitHub's redelivery keeps the id): each
	// a duplicate, stored once.
	for _, d := range ds {
		if _, ok := accepted[d.id]; !ok {
			continue
		}
		if code, a := post(t, url, headers(d, sign(d.body)), d.body); code != http.StatusOK || a.Status != "duplicate" || a.Event != d.want || a.Delivery != d.id {
			t.Errorf("%s again: answered %d %+v, want 200 duplicate", d.file, code, a)
		}
	}
	// Every accepted delivery is handled once, as its own typed event:
	// the inbox parses the stored body again with ParseAs.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(handled)
		mu.Unlock()
		if n >= len(accepted) || time.Now().After(deadline) {
			break
		}
	}
	mu.Lock()
	for id, d := range accepted {
		if got := handled[id]; got != d.want {
			t.Errorf("%s: the handler got %q, want %s", d.file, got, d.want)
		}
	}
	if len(handled) != len(accepted) {
		t.Errorf("the handler ran for %d deliveries, want %d", len(handled), len(accepted))
	}
	mu.Unlock()

	// Tampering, each with a fresh delivery id so no answer is a duplicate.
	var d delivery
	for _, c := range ds {
		if _, ok := accepted[c.id]; ok && c.event == "push" {
			d = c
			break
		}
	}
	if d.body == nil {
		t.Fatal("no push example was accepted")
	}
	n := 0
	fresh := func(sig string, edit func(h http.Header)) http.Header {
		n++
		c := d
		c.id = fmt.Sprintf("tampered-%d", n)
		h := headers(c, sig)
		if edit != nil {
			edit(h)
		}
		return h
	}
	sig := sign(d.body)
	body := bytes.Replace(d.body, []byte("\"ref\""), []byte("\"reF\""), 1)
	if bytes.Equal(body, d.body) {
		t.Fatal("the push example has no ref to tamper with")
	}
	flipped := []byte(sig)
	if flipped[len(flipped)-3] == '0' {
		flipped[len(flipped)-3] = '1'
	} else {
		flipped[len(flipped)-3] = '0'
	}
	refused := map[string]struct {
		h    http.Header
		body []byte
	}{
		"tampered body":              {fresh(sig, nil), body},
		"tampered signature":         {fresh(string(flipped), nil), d.body},
		"signature of another body":  {fresh(sign(ds[0].body), nil), d.body},
		"sha1 signature only":        {fresh(sig, func(h http.Header) { h.Del("X-Hub-Signature-256"); h.Set("X-Hub-Signature", "sha1=0123") }), d.body},
		"no signature":               {fresh(sig, func(h http.Header) { h.Del("X-Hub-Signature-256") }), d.body},
		"signature with a wrong key": {fresh("sha256="+hex.EncodeToString(make([]byte, 32)), nil), d.body},
	}
	for name, c := range refused {
		if code, a := post(t, url, c.h, c.body); code != http.StatusUnauthorized || a.Status != "unauthorized" {
			t.Errorf("%s: answered %d %+v, want 401 unauthorized", name, code, a)
		}
	}
	// The signature covers the body only, so an event header changed to
	// another event is caught by that event's schema: refused, not stored.
	for _, other := range []string{"issues", "pull_request", "release"} {
		h := fresh(sig, func(h http.Header) { h.Set("X-GitHub-Event", other) })
		if code, a := post(t, url, h, d.body); code != http.StatusBadRequest || a.Status == "accepted" {
			t.Errorf("push body sent as %s: answered %d %+v, want 400", other, code, a)
		} else {
			t.Logf("push body sent as %s: %d %s (%s)", other, code, a.Status, a.Error)
		}
	}
	// A body with an action, sent as another event having that action:
	// routed to that event's schema, which it breaks.
	swapped := false
	for _, c := range ds {
		if _, ok := accepted[c.id]; !ok || c.want != "issues.opened" {
			continue
		}
		h := fresh(sign(c.body), func(h http.Header) { h.Set("X-GitHub-Event", "pull_request") })
		if code, a := post(t, url, h, c.body); code != http.StatusBadRequest || a.Status != "invalid" || a.Event != "pull_request.opened" {
			t.Errorf("issues.opened body sent as pull_request: answered %d %+v, want 400 invalid as pull_request.opened", code, a)
		} else {
			t.Logf("issues.opened body sent as pull_request: %d %s as %s (%s)", code, a.Status, a.Event, a.Error)
		}
		swapped = true
		break
	}
	if !swapped {
		t.Error("no issues.opened example was accepted to send as pull_request")
	}
	counts, err := store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, c := range counts {
		stored += c
	}
	if stored != len(accepted) {
		t.Errorf("%d deliveries stored, want the %d accepted: %v", stored, len(accepted), counts)
	}
	fmt.Printf("served %d examples: %d accepted as their event, %d refused as invalid by their schema; %d duplicates; %d tampered refused\n",
		len(ds), len(accepted), invalid, len(accepted), n)
}
`

func TestServeGitHubCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("generates GitHub's 300 schema files into a module and builds it with the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to compile generated code: %v", err)
	}
	receiver, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(receiver, "..", "..")
	src := os.Getenv("HOOKGEN_GITHUB_CORPUS")
	if src == "" {
		src = filepath.Join(root, "testdata", "octokit-webhooks")
	}
	if _, err := os.Stat(filepath.Join(src, "payload-schemas", "api.github.com")); err != nil {
		t.Fatalf("GitHub's corpus is not at %s (set HOOKGEN_GITHUB_CORPUS to an octokit/webhooks checkout): %v", src, err)
	}
	work := t.TempDir()
	schemas := filepath.Join(work, "schemas", "github")
	if err := os.CopyFS(schemas, os.DirFS(filepath.Join(src, "payload-schemas", "api.github.com"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(schemas, "hookgen.json"), []byte(githubManifest), 0o644); err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(work, "mod")
	res, err := generator.Generate(generator.Options{Schemas: filepath.Dir(schemas), Out: mod, ImportPath: "example.com/gh"})
	if err != nil {
		t.Fatalf("generating GitHub's corpus as one provider:\n%v", err)
	}
	// The module's go.sum is the receiver's and the root's: GOPROXY=off,
	// so everything comes from the module cache the receiver already uses.
	var sum []byte
	for _, dir := range []string{root, receiver} {
		b, err := os.ReadFile(filepath.Join(dir, "go.sum"))
		if err != nil {
			t.Fatal(err)
		}
		sum = append(sum, b...)
	}
	files := map[string][]byte{
		"go.mod": []byte("module example.com/gh\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/hookgen/hookgen v0.0.0\n\tgithub.com/hookgen/hookgen/cmd/receiver v0.0.0\n)\n\n" +
			"replace github.com/hookgen/hookgen => " + root + "\n\nreplace github.com/hookgen/hookgen/cmd/receiver => " + receiver + "\n"),
		"go.sum":               sum,
		"github/serve_test.go": []byte(githubServeTest),
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
	cmd := exec.Command(goTool, "test", "-count=1", "-v", "-run", "^TestServeEveryGitHubExample$", "./github/")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off",
		"HOOKGEN_GITHUB_EXAMPLES="+filepath.Join(src, "payload-examples", "api.github.com"), "HOOKGEN_GITHUB_SCHEMAS="+schemas)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("go test in the generated module: %v\n%s", err, out.String())
	}
	ran := false
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "served ") {
			ran = true
		}
		// The summary, the examples that break their schema, and what
		// the swapped event headers were answered.
		if strings.HasPrefix(line, "served ") || strings.Contains(line, ": invalid: ") || strings.Contains(line, " sent as ") {
			t.Log(strings.TrimSpace(line))
		}
	}
	if !ran {
		t.Errorf("the test in the generated module did not run:\n%s", out.String())
	}
}
