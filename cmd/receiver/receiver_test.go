package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/cmd/receiver/signing"
)

// testSecrets meet signing's minimums: a whsec_ secret decodes to at
// least 24 bytes, any other secret is at least 16.
var testSecrets = map[string]string{
	"peach":       "whsec_" + base64.StdEncoding.EncodeToString([]byte("peach test key, 24 bytes at least")),
	"aiinbox":     "whsec_" + base64.StdEncoding.EncodeToString([]byte("aiinbox test key, 24 bytes at least")),
	"waagent":     "whsec_" + base64.StdEncoding.EncodeToString([]byte("waagent test key, 24 bytes at least")),
	"agenticflow": "agenticflow test key",
}

// testSigner signs as the seed provider name does, with its test secret.
func testSigner(t testing.TB, name string) *signing.Signer {
	t.Helper()
	s, err := signing.NewSigner(providerByName(name).signing, []string{testSecrets[name]})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// signed is s.Sign for tests, callable from any goroutine: the seed
// schemes sign every id the tests use, so an error is a broken test.
func signed(s *signing.Signer, id string, at time.Time, body []byte) http.Header {
	h, err := s.Sign(id, at, body)
	if err != nil {
		panic(err)
	}
	return h
}

func testEnv(name string) string {
	for p, s := range testSecrets {
		if name == secretEnv(p) {
			return s
		}
	}
	return ""
}

type testServer struct {
	url   string
	path  string // the store file
	store *hookserve.Store
	srv   *hookserve.Server
	inbox *hookserve.Inbox
	calls atomic.Int64
	logs  *bytes.Buffer
	close func()
}

// fastInbox retries and polls quickly, so tests take milliseconds.
var fastInbox = hookserve.InboxConfig{Workers: 4, Lease: 2 * time.Second, MaxAttempts: 5,
	RetryBase: 5 * time.Millisecond, RetryMax: 50 * time.Millisecond, Poll: 20 * time.Millisecond}

// start runs a receiver on loopback with a fresh or given store file.
func start(t testing.TB, storePath string, handle hookserve.Handler) *testServer {
	return startWith(t, storePath, handle, nil)
}

// startWith is start with the limits changed by tune.
func startWith(t testing.TB, storePath string, handle hookserve.Handler, tune func(*hookserve.Config, *hookserve.InboxConfig)) *testServer {
	t.Helper()
	if storePath == "" {
		storePath = filepath.Join(t.TempDir(), "receiver.db")
	}
	ts := &testServer{logs: &bytes.Buffer{}}
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: ts.logs}, nil))
	hooks, err := seedProviders(testEnv, false, 5*time.Minute, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	store, err := hookserve.Open(storePath, 0)
	if err != nil {
		t.Fatal(err)
	}
	cfg, icfg := hookserve.DefaultConfig, fastInbox
	cfg.ShutdownTimeout = 5 * time.Second
	if tune != nil {
		tune(&cfg, &icfg)
	}
	inbox, err := hookserve.NewInbox(store, hooks, func(ctx context.Context, job *hookserve.Job) error {
		ts.calls.Add(1)
		if handle != nil {
			return handle(ctx, job)
		}
		return nil
	}, icfg, log)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Providers, cfg.Store, cfg.Inbox, cfg.Log = hooks, store, inbox, log
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
	ts.url, ts.path, ts.store, ts.srv, ts.inbox = "http://"+ln.Addr().String(), storePath, store, srv, inbox
	var once sync.Once
	ts.close = func() { once.Do(func() { cancel(); <-served; store.Close() }) }
	t.Cleanup(ts.close)
	return ts
}

// waitIdle waits until no delivery is pending or running.
func (ts *testServer) waitIdle(t testing.TB) map[string]int {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		counts, err := ts.store.Counts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if counts[hookserve.StatusPending]+counts[hookserve.StatusRunning] == 0 {
			return counts
		}
		if time.Now().After(deadline) {
			t.Fatalf("the inbox did not drain: %v", counts)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func providerByName(name string) *provider {
	for _, p := range providers() {
		if p.name == name {
			return p
		}
	}
	return nil
}

// post sends body to a provider's endpoint, signed unless headers are given.
func (ts *testServer) post(t *testing.T, name string, body []byte, id string, headers http.Header) (int, hookserve.Answer) {
	t.Helper()
	if headers == nil {
		headers = signed(testSigner(t, name), id, time.Now(), body)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.url+"/webhooks/"+name, bytes.NewReader(body))
	for k, v := range headers {
		req.Header[k] = v
	}
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

var repoTestdata = filepath.Join("..", "..", "testdata")

// TestEveryExampleIsAccepted sends every event example of every provider,
// signed, and checks it is stored, acknowledged and then handled as the
// event its file names.
func TestEveryExampleIsAccepted(t *testing.T) {
	ts := start(t, "", nil)
	type sentOne struct{ file, provider, id string }
	var sent []sentOne
	for _, p := range providers() {
		files, _ := filepath.Glob(filepath.Join(repoTestdata, p.name, "valid", "*.json"))
		seen := map[string]bool{}
		for i, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.parse(body); err != nil && strings.Contains(err.Error(), "names the event") {
				continue // a request or response body, not a delivery
			}
			code, a := ts.post(t, p.name, body, fmt.Sprintf("msg_%s_%d", p.name, i), nil)
			want, wantCode := "accepted", http.StatusAccepted
			if seen[a.Delivery] {
				want, wantCode = "duplicate", http.StatusOK // the future payloads reuse their original's delivery_id
			}
			seen[a.Delivery] = true
			name := filepath.Base(f)
			if code != wantCode || a.Status != want || !strings.HasPrefix(name, a.Event+".") {
				t.Errorf("%s: %d %+v, want %d %s of the event the file names", f, code, a, wantCode, want)
				continue
			}
			if want == "accepted" {
				sent = append(sent, sentOne{f, p.name, a.Delivery})
			}
		}
	}
	if len(sent) < 40 {
		t.Fatalf("only %d examples sent", len(sent))
	}
	ts.waitIdle(t)
	for _, s := range sent {
		d, err := ts.store.Get(context.Background(), s.provider, s.id)
		body, _ := os.ReadFile(s.file)
		if err != nil || d == nil || d.Status != hookserve.StatusProcessed || d.Attempts != 1 || !bytes.Equal(d.Body, body) {
			t.Errorf("%s: stored as %+v (%v)", s.file, d, err)
		}
	}
	if got := ts.calls.Load(); got != int64(len(sent)) {
		t.Errorf("the handler ran %d times for %d deliveries", got, len(sent))
	}
}

func TestFailureAnswers(t *testing.T) {
	var failures atomic.Int64 // the handler fails while this is positive
	ts := startWith(t, "", func(context.Context, *hookserve.Job) error {
		if failures.Add(-1) >= 0 {
			return errors.New("downstream is down")
		}
		return nil
	}, func(c *hookserve.Config, ic *hookserve.InboxConfig) {
		c.BodyLimit = 4096
		ic.MaxAttempts = 3
	})
	valid, _ := os.ReadFile(filepath.Join(repoTestdata, "aiinbox", "valid", "message.received.json"))
	signer := testSigner(t, "aiinbox")
	signedAt := func(body []byte, at time.Time) http.Header { return signed(signer, "msg_1", at, body) }

	t.Run("405 not POST", func(t *testing.T) {
		resp, err := http.Get(ts.url + "/webhooks/aiinbox")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
	t.Run("413 over the limit", func(t *testing.T) {
		big := []byte(`{"event":"message.received","pad":"` + strings.Repeat("x", 5000) + `"}`)
		if code, a := ts.post(t, "aiinbox", big, "msg_big", nil); code != 413 || a.Status != "too_large" {
			t.Errorf("got %d %+v", code, a)
		}
	})
	t.Run("401 signatures", func(t *testing.T) {
		bad := signedAt(valid, time.Now())
		bad.Set("webhook-signature", "v1,"+base64.StdEncoding.EncodeToString([]byte("not the signature")))
		stale := signedAt(valid, time.Now().Add(-10*time.Minute))
		future := signedAt(valid, time.Now().Add(10*time.Minute))
		tampered := signedAt(valid, time.Now())
		for name, h := range map[string]http.Header{"missing": {}, "bad": bad, "stale": stale, "future": future} {
			if code, a := ts.post(t, "aiinbox", valid, "", h); code != 401 || a.Status != "unauthorized" || strings.Contains(a.Error, "test key") {
				t.Errorf("%s: got %d %+v", name, code, a)
			}
		}
		if code, _ := ts.post(t, "aiinbox", append([]byte(" "), valid...), "", tampered); code != 401 {
			t.Errorf("a body changed after signing: got %d", code)
		}
		af := providerByName("agenticflow")
		h := http.Header{}
		h.Set(af.signing.Header, "sha256=00ff")
		if code, _ := ts.post(t, "agenticflow", valid, "", h); code != 401 {
			t.Errorf("agenticflow wrong hmac: got %d", code)
		}
	})
	t.Run("400 malformed and invalid", func(t *testing.T) {
		if code, a := ts.post(t, "aiinbox", []byte(`{"event":`), "msg_m", nil); code != 400 || a.Status != "malformed" {
			t.Errorf("malformed: %d %+v", code, a)
		}
		if code, a := ts.post(t, "aiinbox", []byte(`{"delivery_id":"1"}`), "msg_n", nil); code != 400 || a.Status != "malformed" {
			t.Errorf("no discriminator: %d %+v", code, a)
		}
		bad, _ := os.ReadFile(filepath.Join(repoTestdata, "aiinbox", "invalid", "message.received.bad_timestamp.json"))
		code, a := ts.post(t, "aiinbox", bad, "msg_i", nil)
		if code != 400 || a.Status != "invalid" || len(a.Violations) != 1 || a.Violations[0].Pointer != "#/data/timestamp" {
			t.Errorf("invalid: %d %+v", code, a)
		}
	})
	t.Run("202 unknown, stored, not handled", func(t *testing.T) {
		before := ts.calls.Load()
		body := []byte(`{"event":"message.exploded","delivery_id":"u1","data":{}}`)
		code, a := ts.post(t, "aiinbox", body, "msg_u", nil)
		if code != 202 || a.Status != "unknown" || a.Event != "message.exploded" {
			t.Fatalf("got %d %+v", code, a)
		}
		ts.waitIdle(t)
		if d, _ := ts.store.Get(context.Background(), "aiinbox", "u1"); d == nil || d.Status != hookserve.StatusUnknown || ts.calls.Load() != before {
			t.Errorf("stored as %+v, %d handler calls", d, ts.calls.Load()-before)
		}
	})
	t.Run("a failing handler is retried from the inbox", func(t *testing.T) {
		before := ts.calls.Load()
		body := bytes.Replace(valid, []byte(`"12345"`), []byte(`"retry-1"`), 1)
		failures.Store(2)
		if code, a := ts.post(t, "aiinbox", body, "msg_r", nil); code != 202 || a.Status != "accepted" {
			t.Errorf("accepted: %d %+v", code, a)
		}
		ts.waitIdle(t)
		if d, _ := ts.store.Get(context.Background(), "aiinbox", "retry-1"); d == nil || d.Status != hookserve.StatusProcessed || d.Attempts != 3 || d.Error != "" {
			t.Errorf("stored as %+v", d)
		}
		if n := ts.calls.Load() - before; n != 3 {
			t.Errorf("the handler ran %d times; want 2 failures and 1 success", n)
		}
		if code, a := ts.post(t, "aiinbox", body, "msg_r", nil); code != 200 || a.Status != "duplicate" {
			t.Errorf("after success: %d %+v", code, a)
		}
	})
	t.Run("dead after the last attempt, then replayed", func(t *testing.T) {
		body := bytes.Replace(valid, []byte(`"12345"`), []byte(`"dead-1"`), 1)
		failures.Store(3)
		if code, a := ts.post(t, "aiinbox", body, "msg_x", nil); code != 202 {
			t.Errorf("accepted: %d %+v", code, a)
		}
		ts.waitIdle(t)
		d, _ := ts.store.Get(context.Background(), "aiinbox", "dead-1")
		if d == nil || d.Status != hookserve.StatusDead || d.Attempts != 3 || d.Error != "downstream is down" {
			t.Fatalf("stored as %+v", d)
		}
		if n, err := ts.store.Replay("", nil, hookserve.StatusDead); n != 1 || err != nil {
			t.Fatalf("replay: %d %v", n, err)
		}
		ts.inbox.Notify()
		ts.waitIdle(t)
		if d, _ := ts.store.Get(context.Background(), "aiinbox", "dead-1"); d == nil || d.Status != hookserve.StatusProcessed || d.Attempts != 1 {
			t.Errorf("after replay: %+v", d)
		}
	})
	t.Run("503 store unavailable", func(t *testing.T) {
		ts.store.Close()
		body := bytes.Replace(valid, []byte(`"12345"`), []byte(`"down-1"`), 1)
		if code, a := ts.post(t, "aiinbox", body, "msg_d", nil); code != 503 || a.Status != "unavailable" {
			t.Errorf("got %d %+v", code, a)
		}
	})
}

// TestConcurrentDuplicates: the same delivery many times at once is
// stored once and handled once.
func TestConcurrentDuplicates(t *testing.T) {
	ts := start(t, "", func(context.Context, *hookserve.Job) error {
		time.Sleep(20 * time.Millisecond) // widen the window for a race
		return nil
	})
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.read.interactive.json"))
	var wg sync.WaitGroup
	var accepted, duplicate, other atomic.Int64
	for i := 0; i < 24; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, a := ts.post(t, "peach", body, "msg_same", nil)
			switch {
			case code == 202 && a.Status == "accepted":
				accepted.Add(1)
			case code == 200 && a.Status == "duplicate":
				duplicate.Add(1)
			default:
				other.Add(1)
			}
		}()
	}
	wg.Wait()
	ts.waitIdle(t)
	if accepted.Load() != 1 || duplicate.Load() != 23 || other.Load() != 0 || ts.calls.Load() != 1 {
		t.Errorf("accepted %d, duplicate %d, other %d, handler calls %d", accepted.Load(), duplicate.Load(), other.Load(), ts.calls.Load())
	}
}

// TestRestartKeepsDeliveries: a new server on the same file still knows
// every delivery, and does not handle it again.
func TestRestartKeepsDeliveries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "receiver.db")
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "waagent", "valid", "conversations.insert.json"))
	first := start(t, path, nil)
	if code, a := first.post(t, "waagent", body, "msg_restart", nil); code != 202 || a.Status != "accepted" {
		t.Fatalf("got %d %+v", code, a)
	}
	first.waitIdle(t)
	first.close()
	second := start(t, path, nil)
	if code, a := second.post(t, "waagent", body, "msg_restart", nil); code != 200 || a.Status != "duplicate" {
		t.Errorf("after restart: %d %+v", code, a)
	}
	d, err := second.store.Get(context.Background(), "waagent", "msg_restart")
	if err != nil || d == nil || !bytes.Equal(d.Body, body) || d.Status != hookserve.StatusProcessed || d.EventType != "conversations.insert" {
		t.Errorf("stored delivery after restart: %+v %v", d, err)
	}
	second.waitIdle(t)
	if first.calls.Load() != 1 || second.calls.Load() != 0 {
		t.Errorf("handler calls: %d before the restart, %d after", first.calls.Load(), second.calls.Load())
	}
}

func TestSecrets(t *testing.T) {
	if _, err := seedProviders(func(string) string { return "" }, false, time.Minute, time.Now); err == nil || !strings.Contains(err.Error(), "HOOKGEN_PEACH_SECRET") {
		t.Errorf("no secrets: %v", err)
	}
	if _, err := seedProviders(func(string) string { return "" }, true, time.Minute, time.Now); err != nil {
		t.Errorf("insecure: %v", err)
	}
	var logs bytes.Buffer
	store, err := hookserve.Open(filepath.Join(t.TempDir(), "r.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	hooks, _ := seedProviders(func(string) string { return "" }, true, time.Minute, time.Now)
	for _, h := range hooks {
		// Without secrets the id header is still known: retries dedupe.
		want := "Webhook-Id" // Standard Webhooks
		if h.Name == "agenticflow" {
			want = "" // hmac-sha256 names no id header
		}
		if h.IDHeader != want {
			t.Errorf("insecure %s: IDHeader %q", h.Name, h.IDHeader)
		}
	}
	cfg := hookserve.DefaultConfig
	cfg.Providers, cfg.Store, cfg.Log = hooks, store, slog.New(slog.NewTextHandler(&logs, nil))
	if _, err := hookserve.New(cfg); err == nil || !strings.Contains(err.Error(), "has no Verify") {
		t.Errorf("providers without Verify, not insecure: %v", err)
	}
	cfg.Insecure = true
	if _, err := hookserve.New(cfg); err != nil || !strings.Contains(logs.String(), "SIGNATURE VERIFICATION IS OFF") {
		t.Errorf("insecure: %v %q", err, logs.String())
	}
	for name, bad := range map[string]string{
		"not base64":         "whsec_!!!",
		"short whsec_":       "whsec_" + base64.StdEncoding.EncodeToString([]byte("sixteen byte key")),
		"no whsec_":          "a plain secret of enough bytes",
		"a whsk_ secret key": "whsk_" + base64.StdEncoding.EncodeToString(make([]byte, 32)),
	} {
		if _, err := seedProviders(withEnv("HOOKGEN_PEACH_SECRET", bad), false, time.Minute, time.Now); err == nil || !strings.Contains(err.Error(), "HOOKGEN_PEACH_SECRET") || strings.Contains(err.Error(), bad) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := seedProviders(withEnv("HOOKGEN_AGENTICFLOW_SECRET", "fifteen bytes.."), false, time.Minute, time.Now); err == nil || !strings.Contains(err.Error(), "HOOKGEN_AGENTICFLOW_SECRET") {
		t.Errorf("a 15-byte hmac secret: %v", err)
	}
}

// withEnv is testEnv with name set to value.
func withEnv(name, value string) func(string) string {
	return func(n string) string {
		if n == name {
			return value
		}
		return testEnv(n)
	}
}

// seedHook returns the seed provider name as seedProviders builds it from
// getenv.
func seedHook(t *testing.T, getenv func(string) string, name string) *hookserve.Provider {
	t.Helper()
	hooks, err := seedProviders(getenv, false, time.Minute, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hooks {
		if h.Name == name {
			return h
		}
	}
	t.Fatalf("no provider %s", name)
	return nil
}

// hexHMAC signs body as AgenticFlow does, with any key (even one too short
// for a Signer).
func hexHMAC(key string, body []byte) http.Header {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	return http.Header{"X-Agenticflow-Signature": {"sha256=" + hex.EncodeToString(m.Sum(nil))}}
}

// Issue 13: the README's own HOOKGEN_AGENTICFLOW_SECRET="agenticflow
// secret" was split on the space, and a delivery signed with the key
// "secret" was accepted. A secret is now read whole: only the whole
// secret verifies.
func TestSecretWithASpaceIsOneSecret(t *testing.T) {
	h := seedHook(t, withEnv("HOOKGEN_AGENTICFLOW_SECRET", "agenticflow secret"), "agenticflow")
	body := []byte(`{"event":"workflow.completed"}`)
	for _, part := range []string{"secret", "agenticflow"} {
		if err := h.Verify(hexHMAC(part, body), body); !errors.Is(err, signing.ErrMismatch) {
			t.Errorf("signed with %q, a piece of the secret: %v", part, err)
		}
	}
	if err := h.Verify(hexHMAC("agenticflow secret", body), body); err != nil {
		t.Errorf("signed with the whole secret: %v", err)
	}
}

// Rotation: HOOKGEN_<P>_SECRET lists one secret per line (or the file in
// HOOKGEN_<P>_SECRET_FILE does); a delivery signed with any of them is
// accepted, and with none of them refused.
func TestSecretRotation(t *testing.T) {
	oldKey := "whsec_" + base64.StdEncoding.EncodeToString([]byte("the old peach key, 24 bytes+"))
	newKey := "whsec_" + base64.StdEncoding.EncodeToString([]byte("the new peach key, 24 bytes+"))
	other := "whsec_" + base64.StdEncoding.EncodeToString([]byte("someone else's key, 24 bytes"))
	file := filepath.Join(t.TempDir(), "peach.secret")
	if err := os.WriteFile(file, []byte(newKey+"\n"+oldKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"type":"x"}`)
	at := time.Now() // one timestamp, so signatures can be combined
	sign := func(key string) http.Header {
		s, err := signing.NewSigner(providerByName("peach").signing, []string{key})
		if err != nil {
			t.Fatal(err)
		}
		return signed(s, "msg_1", at, body)
	}
	for env, getenv := range map[string]func(string) string{
		"variable": withEnv("HOOKGEN_PEACH_SECRET", newKey+"\n"+oldKey),
		"file":     withEnv("HOOKGEN_PEACH_SECRET_FILE", file),
	} {
		h := seedHook(t, func(n string) string {
			if n == "HOOKGEN_PEACH_SECRET" && env == "file" {
				return ""
			}
			return getenv(n)
		}, "peach")
		for _, key := range []string{oldKey, newKey} {
			if err := h.Verify(sign(key), body); err != nil {
				t.Errorf("%s: a listed secret: %v", env, err)
			}
		}
		if err := h.Verify(sign(other), body); !errors.Is(err, signing.ErrMismatch) {
			t.Errorf("%s: an unlisted secret: %v", env, err)
		}
		// One good signature among several (a sender rotating too).
		both := sign(other)
		both.Set("webhook-signature", both.Get("webhook-signature")+" "+sign(oldKey).Get("webhook-signature")+" v2,ignored")
		if err := h.Verify(both, body); err != nil {
			t.Errorf("%s: one good signature among several: %v", env, err)
		}
	}
}

// TestGracefulShutdown: a handler running when the signal comes finishes
// and is recorded before the receiver stops; one that outlives the
// shutdown timeout is interrupted and its delivery given back, not lost
// and not counted as a failed attempt.
func TestGracefulShutdown(t *testing.T) {
	for _, tc := range []struct {
		name     string
		timeout  time.Duration
		status   string
		attempts int
	}{
		{"finishes", 5 * time.Second, hookserve.StatusProcessed, 1},
		{"given back", 100 * time.Millisecond, hookserve.StatusPending, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			release, started := make(chan struct{}), make(chan struct{})
			ts := startWith(t, "", func(ctx context.Context, _ *hookserve.Job) error {
				close(started)
				select {
				case <-release:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}, func(c *hookserve.Config, _ *hookserve.InboxConfig) { c.ShutdownTimeout = tc.timeout })
			body, _ := os.ReadFile(filepath.Join(repoTestdata, "aiinbox", "valid", "draft.created.json"))
			if code, a := ts.post(t, "aiinbox", body, "msg_g", nil); code != 202 {
				t.Fatalf("got %d %+v", code, a)
			}
			<-started
			stopped := make(chan struct{})
			go func() {
				// ts.close would also close the store; stop the server alone.
				ts.close()
				close(stopped)
			}()
			if tc.status == hookserve.StatusProcessed {
				time.Sleep(50 * time.Millisecond)
				select {
				case <-stopped:
					t.Fatal("the receiver stopped with a handler running")
				default:
				}
				close(release)
			}
			<-stopped
			store, err := hookserve.Open(ts.path, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			d, err := store.Get(context.Background(), "aiinbox", "12352")
			if err != nil || d == nil || d.Status != tc.status || d.Attempts != tc.attempts {
				t.Errorf("after shutdown: %+v %v", d, err)
			}
		})
	}
}

func TestSendCommand(t *testing.T) {
	ts := start(t, "", nil)
	file := filepath.Join(repoTestdata, "agenticflow", "valid", "agent.conversation.completed.json")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"send", "--url", ts.url, "--provider", "agenticflow", file}, testEnv, &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), `"status":"accepted"`) {
		t.Errorf("send: %d %s %s", code, out.String(), errOut.String())
	}
	code = run(context.Background(), []string{"send", "--url", ts.url, "--provider", "agenticflow", file}, testEnv, &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), `"status":"duplicate"`) {
		t.Errorf("resend: %d %s", code, out.String())
	}
	if code := run(context.Background(), []string{"send", "--provider", "nobody", file}, testEnv, &out, &errOut); code != 2 {
		t.Errorf("unknown provider: exit %d", code)
	}
	// Standard Webhooks, with the id given: stored under that webhook-id,
	// signed with the first of two rotating secrets.
	peachFile := filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json")
	other := "whsec_" + base64.StdEncoding.EncodeToString([]byte("another peach key, 24 bytes+"))
	out.Reset()
	code = run(context.Background(), []string{"send", "--url", ts.url, "--provider", "peach", "--id", "msg_sent_by_hand", peachFile},
		withEnv("HOOKGEN_PEACH_SECRET", testSecrets["peach"]+"\n"+other), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), `"status":"accepted"`) || !strings.Contains(out.String(), `"delivery":"msg_sent_by_hand"`) {
		t.Errorf("send peach --id: %d %s %s", code, out.String(), errOut.String())
	}
	// Signed with a secret the receiver does not hold: refused, exit 1.
	out.Reset()
	code = run(context.Background(), []string{"send", "--url", ts.url, "--provider", "peach", "--id", "msg_wrong_key", peachFile},
		withEnv("HOOKGEN_PEACH_SECRET", other), &out, &errOut)
	if code != 1 || !strings.Contains(out.String(), `"status":"unauthorized"`) {
		t.Errorf("send with another secret: %d %s", code, out.String())
	}
	// A secret under the minimum is refused before anything is sent.
	errOut.Reset()
	if code := run(context.Background(), []string{"send", "--url", ts.url, "--provider", "agenticflow", file},
		withEnv("HOOKGEN_AGENTICFLOW_SECRET", "secret"), &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "at least 16") {
		t.Errorf("send with a 6-byte secret: %d %s", code, errOut.String())
	}
}

// A mistyped flag is a usage error that says which flag, never a silent exit.
func TestBadFlagIsNamed(t *testing.T) {
	for _, args := range [][]string{{"--bogus"}, {"send", "--bogus"}, {"deliveries", "--bogus"}, {"replay", "--bogus"}} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), args, testEnv, &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if !strings.Contains(errOut.String(), "unknown flag: --bogus") {
			t.Errorf("%v: stderr does not name the flag: %q", args, errOut.String())
		}
	}
}

// A handler that runs longer than the lease keeps it by renewal: the
// delivery is not taken back and run a second time meanwhile.
func TestLongHandlerKeepsItsLease(t *testing.T) {
	ts := startWith(t, "", func(ctx context.Context, _ *hookserve.Job) error {
		select {
		case <-time.After(1200 * time.Millisecond):
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}, func(_ *hookserve.Config, ic *hookserve.InboxConfig) { ic.Lease = 300 * time.Millisecond })
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json"))
	if code, a := ts.post(t, "peach", body, "msg_long", nil); code != http.StatusAccepted {
		t.Fatalf("got %d %+v", code, a)
	}
	ts.waitIdle(t)
	d, _ := ts.store.Get(context.Background(), "peach", "msg_long")
	if ts.calls.Load() != 1 || d == nil || d.Status != hookserve.StatusProcessed || d.Attempts != 1 {
		t.Errorf("handler calls %d, stored as %+v", ts.calls.Load(), d)
	}
}

// Stopping with a backlog stops claiming: the handlers running finish,
// the rest stay pending for the next receiver.
func TestStopWithABacklog(t *testing.T) {
	ts := startWith(t, "", func(context.Context, *hookserve.Job) error {
		time.Sleep(50 * time.Millisecond)
		return nil
	}, func(_ *hookserve.Config, ic *hookserve.InboxConfig) { ic.Workers = 1 })
	valid, _ := os.ReadFile(filepath.Join(repoTestdata, "aiinbox", "valid", "message.received.json"))
	for i := range 30 {
		body := bytes.Replace(valid, []byte(`"12345"`), []byte(fmt.Sprintf(`"backlog-%d"`, i)), 1)
		if code, a := ts.post(t, "aiinbox", body, fmt.Sprintf("msg_b%d", i), nil); code != http.StatusAccepted {
			t.Fatalf("got %d %+v", code, a)
		}
	}
	ts.close()
	store, err := hookserve.Open(ts.path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	counts, _ := store.Counts(context.Background())
	if counts[hookserve.StatusPending] == 0 || counts[hookserve.StatusRunning] != 0 || int64(counts[hookserve.StatusProcessed]) != ts.calls.Load() {
		t.Errorf("after stopping: %v, %d handler calls; want some left pending, none running", counts, ts.calls.Load())
	}
}

// TestSendUsageSaysWhatIsWrong: each usage error of send names what is
// wrong (not pflag's bare "Usage of send:" nor only the usage line), and
// exits 2 before reading a secret; the missing-secret message names the
// variable, never a "(<nil>)".
func TestSendUsageSaysWhatIsWrong(t *testing.T) {
	file := filepath.Join(repoTestdata, "agenticflow", "valid", "agent.conversation.completed.json")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"send", file}, "receiver send: --provider is required: one of agenticflow, "},
		{[]string{"send", "--provider", "nobody", file}, "receiver send: --provider nobody: no such provider (have: agenticflow, "},
		{[]string{"send", "--provider", "agenticflow"}, "receiver send: no payload FILE given"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		code := run(context.Background(), c.args, func(string) string { return "" }, &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), c.want) || !strings.Contains(errOut.String(), "Usage: receiver send ") {
			t.Errorf("%v: exit %d, want 2 and %q\n%s", c.args, code, c.want, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"send", "--help"}, testEnv, &out, &errOut); code != 0 || strings.Contains(errOut.String(), "Usage of send") || !strings.Contains(errOut.String(), "Usage: receiver send ") {
		t.Errorf("send --help: exit %d\n%s", code, errOut.String())
	}
	errOut.Reset()
	code := run(context.Background(), []string{"send", "--provider", "agenticflow", file}, func(string) string { return "" }, &out, &errOut)
	if code != 1 || strings.Contains(errOut.String(), "<nil>") || !strings.Contains(errOut.String(), "HOOKGEN_AGENTICFLOW_SECRET") {
		t.Errorf("send without a secret: exit %d\n%s", code, errOut.String())
	}
}
