package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var testSecrets = map[string]string{
	"peach":       "whsec_" + base64.StdEncoding.EncodeToString([]byte("peach test key")),
	"aiinbox":     "whsec_" + base64.StdEncoding.EncodeToString([]byte("aiinbox test key")),
	"waagent":     "whsec_" + base64.StdEncoding.EncodeToString([]byte("waagent test key")),
	"agenticflow": "agenticflow test key",
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
	store *sqliteStore
	srv   *server
	calls atomic.Int64
	logs  *bytes.Buffer
	close func()
}

// start runs a receiver on loopback with a fresh or given store file.
func start(t testing.TB, storePath string, handle handlerFunc) *testServer {
	t.Helper()
	if storePath == "" {
		storePath = filepath.Join(t.TempDir(), "receiver.db")
	}
	ts := &testServer{logs: &bytes.Buffer{}}
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: ts.logs}, nil))
	srv, err := newServer(testEnv, false, log)
	if err != nil {
		t.Fatal(err)
	}
	store, err := openSQLite(storePath)
	if err != nil {
		t.Fatal(err)
	}
	srv.store = store
	srv.handle = func(ctx context.Context, d *Delivery, ev any) error {
		ts.calls.Add(1)
		if handle != nil {
			return handle(ctx, d, ev)
		}
		return nil
	}
	hs := httptest.NewServer(srv.routes())
	ts.url, ts.store, ts.srv = hs.URL, store, srv
	ts.close = func() { hs.Close(); store.Close() }
	t.Cleanup(ts.close)
	return ts
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
func (ts *testServer) post(t *testing.T, name string, body []byte, id string, headers http.Header) (int, answer) {
	t.Helper()
	p := providerByName(name)
	if headers == nil {
		keys, err := parseSecrets(p.signing, testSecrets[name])
		if err != nil {
			t.Fatal(err)
		}
		headers = sign(p, keys[0], id, time.Now(), body)
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
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("answer is not JSON: %v", err)
	}
	return resp.StatusCode, a
}

var repoTestdata = filepath.Join("..", "..", "testdata")

// TestEveryExampleIsAccepted sends every event example of every provider,
// signed, and checks it is stored and handled as the event its file names.
func TestEveryExampleIsAccepted(t *testing.T) {
	ts := start(t, "", nil)
	sent := 0
	for _, p := range providers() {
		files, _ := filepath.Glob(filepath.Join(repoTestdata, p.name, "valid", "*.json"))
		seen := map[string]bool{}
		for i, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, _, err := p.parse(body); err != nil && strings.Contains(err.Error(), "names the event") {
				continue // a request or response body, not a delivery
			}
			code, a := ts.post(t, p.name, body, fmt.Sprintf("msg_%s_%d", p.name, i), nil)
			want := "processed"
			if seen[a.Delivery] {
				want = "duplicate" // the future payloads reuse their original's delivery_id
			}
			seen[a.Delivery] = true
			name := filepath.Base(f)
			if code != http.StatusOK || a.Status != want || !strings.HasPrefix(name, a.Event+".") {
				t.Errorf("%s: %d %+v, want 200 %s of the event the file names", f, code, a, want)
				continue
			}
			d, err := ts.store.Get(context.Background(), p.name, a.Delivery)
			if err != nil || d == nil || d.EventType != a.Event || d.Status != statusProcessed {
				t.Errorf("%s: stored as %v %v (%v)", f, d.EventType, d.Status, err)
			} else if want == "processed" && !bytes.Equal(d.Body, body) {
				t.Errorf("%s: the stored body is not the one sent", f)
			}
			sent++
		}
	}
	if sent < 40 {
		t.Fatalf("only %d examples sent", sent)
	}
}

func TestFailureAnswers(t *testing.T) {
	fail := errors.New("downstream is down")
	var failNext atomic.Bool
	ts := start(t, "", func(context.Context, *Delivery, any) error {
		if failNext.Load() {
			return fail
		}
		return nil
	})
	ts.srv.bodyLimit = 4096
	valid, _ := os.ReadFile(filepath.Join(repoTestdata, "aiinbox", "valid", "message.received.json"))
	p := providerByName("aiinbox")
	keys, _ := parseSecrets(p.signing, testSecrets["aiinbox"])
	signed := func(body []byte, at time.Time) http.Header { return sign(p, keys[0], "msg_1", at, body) }

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
		bad := signed(valid, time.Now())
		bad.Set(headerSignature, "v1,"+base64.StdEncoding.EncodeToString([]byte("not the signature")))
		stale := signed(valid, time.Now().Add(-10*time.Minute))
		future := signed(valid, time.Now().Add(10*time.Minute))
		tampered := signed(valid, time.Now())
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
		h.Set(af.header, "sha256=00ff")
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
	t.Run("202 unknown, stored", func(t *testing.T) {
		body := []byte(`{"event":"message.exploded","delivery_id":"u1","data":{}}`)
		code, a := ts.post(t, "aiinbox", body, "msg_u", nil)
		if code != 202 || a.Status != "unknown" || a.Event != "message.exploded" {
			t.Fatalf("got %d %+v", code, a)
		}
		if d, _ := ts.store.Get(context.Background(), "aiinbox", "u1"); d == nil || d.Status != statusUnknown {
			t.Errorf("stored as %+v", d)
		}
	})
	t.Run("500 then retry", func(t *testing.T) {
		body := bytes.Replace(valid, []byte(`"12345"`), []byte(`"retry-1"`), 1)
		failNext.Store(true)
		if code, a := ts.post(t, "aiinbox", body, "msg_r", nil); code != 500 || a.Status != "failed" || strings.Contains(a.Error, "downstream") {
			t.Errorf("failing handler: %d %+v", code, a)
		}
		if d, _ := ts.store.Get(context.Background(), "aiinbox", "retry-1"); d == nil || d.Status != statusFailed {
			t.Errorf("stored as %+v", d)
		}
		failNext.Store(false)
		if code, a := ts.post(t, "aiinbox", body, "msg_r", nil); code != 200 || a.Status != "processed" {
			t.Errorf("retry: %d %+v", code, a)
		}
		if code, a := ts.post(t, "aiinbox", body, "msg_r", nil); code != 200 || a.Status != "duplicate" {
			t.Errorf("after success: %d %+v", code, a)
		}
		if d, _ := ts.store.Get(context.Background(), "aiinbox", "retry-1"); d == nil || d.Attempts != 2 {
			t.Errorf("attempts: %+v", d)
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
// handled exactly once.
func TestConcurrentDuplicates(t *testing.T) {
	ts := start(t, "", func(context.Context, *Delivery, any) error {
		time.Sleep(20 * time.Millisecond) // widen the window for a race
		return nil
	})
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.read.interactive.json"))
	var wg sync.WaitGroup
	var processed, duplicate, other atomic.Int64
	for i := 0; i < 24; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, a := ts.post(t, "peach", body, "msg_same", nil)
			switch {
			case code == 200 && a.Status == "processed":
				processed.Add(1)
			case code == 200 && a.Status == "duplicate":
				duplicate.Add(1)
			default:
				other.Add(1)
			}
		}()
	}
	wg.Wait()
	if processed.Load() != 1 || duplicate.Load() != 23 || other.Load() != 0 || ts.calls.Load() != 1 {
		t.Errorf("processed %d, duplicate %d, other %d, handler calls %d", processed.Load(), duplicate.Load(), other.Load(), ts.calls.Load())
	}
}

// TestRestartKeepsDeliveries: a new server on the same file still knows
// every delivery.
func TestRestartKeepsDeliveries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "receiver.db")
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "waagent", "valid", "conversations.insert.json"))
	first := start(t, path, nil)
	if code, a := first.post(t, "waagent", body, "msg_restart", nil); code != 200 || a.Status != "processed" {
		t.Fatalf("got %d %+v", code, a)
	}
	first.close()
	second := start(t, path, nil)
	if code, a := second.post(t, "waagent", body, "msg_restart", nil); code != 200 || a.Status != "duplicate" {
		t.Errorf("after restart: %d %+v", code, a)
	}
	d, err := second.store.Get(context.Background(), "waagent", "msg_restart")
	if err != nil || d == nil || !bytes.Equal(d.Body, body) || d.Status != statusProcessed || d.EventType != "conversations.insert" {
		t.Errorf("stored delivery after restart: %+v %v", d, err)
	}
	if second.calls.Load() != 0 {
		t.Error("the handler ran again after a restart")
	}
}

func TestSecrets(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := newServer(func(string) string { return "" }, false, log); err == nil || !strings.Contains(err.Error(), "HOOKGEN_PEACH_SECRET") {
		t.Errorf("no secrets: %v", err)
	}
	var logs bytes.Buffer
	if _, err := newServer(func(string) string { return "" }, true, slog.New(slog.NewTextHandler(&logs, nil))); err != nil || !strings.Contains(logs.String(), "SIGNATURE VERIFICATION IS OFF") {
		t.Errorf("insecure: %v %q", err, logs.String())
	}
	if _, err := newServer(func(name string) string {
		if name == "HOOKGEN_PEACH_SECRET" {
			return "whsec_!!!"
		}
		return testEnv(name)
	}, false, log); err == nil || !strings.Contains(err.Error(), "HOOKGEN_PEACH_SECRET") {
		t.Errorf("bad secret: %v", err)
	}
}

func TestSecretRotationAndSeveralSignatures(t *testing.T) {
	p := providerByName("peach")
	oldKey, newKey := []byte("old key"), []byte("new key")
	body := []byte(`{"type":"x"}`)
	now := time.Now()
	h := sign(p, newKey, "msg_1", now, body)
	if err := verify(p, [][]byte{oldKey, newKey}, h, body, now, time.Minute); err != nil {
		t.Errorf("the second of two secrets: %v", err)
	}
	other := sign(p, []byte("someone else"), "msg_1", now, body)
	h.Set(headerSignature, other.Get(headerSignature)+" "+h.Get(headerSignature)+" v2,ignored")
	if err := verify(p, [][]byte{newKey}, h, body, now, time.Minute); err != nil {
		t.Errorf("one good signature among several: %v", err)
	}
	if err := verify(p, [][]byte{oldKey}, h, body, now, time.Minute); err == nil {
		t.Error("no matching secret verified")
	}
}

// TestGracefulShutdown: a request in flight when the signal comes is
// finished and answered before the server stops.
func TestGracefulShutdown(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := newServer(testEnv, false, log)
	if err != nil {
		t.Fatal(err)
	}
	store, err := openSQLite(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	srv.store = store
	srv.handle = func(context.Context, *Delivery, any) error {
		close(started)
		<-release
		return nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- serve(ctx, srv, ln, log) }()
	ts := &testServer{url: "http://" + ln.Addr().String()}
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "aiinbox", "valid", "draft.created.json"))
	answered := make(chan int)
	go func() {
		code, _ := ts.post(t, "aiinbox", body, "msg_g", nil)
		answered <- code
	}()
	<-started
	cancel()
	time.Sleep(50 * time.Millisecond)
	select {
	case <-done:
		t.Fatal("the server stopped with a request in flight")
	default:
	}
	close(release)
	if code := <-answered; code != 200 {
		t.Errorf("the request in flight got %d", code)
	}
	if code := <-done; code != 0 {
		t.Errorf("serve returned %d", code)
	}
}

func TestSendCommand(t *testing.T) {
	ts := start(t, "", nil)
	file := filepath.Join(repoTestdata, "agenticflow", "valid", "agent.conversation.completed.json")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"send", "--url", ts.url, "--provider", "agenticflow", file}, testEnv, &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), `"status":"processed"`) {
		t.Errorf("send: %d %s %s", code, out.String(), errOut.String())
	}
	code = run(context.Background(), []string{"send", "--url", ts.url, "--provider", "agenticflow", file}, testEnv, &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), `"status":"duplicate"`) {
		t.Errorf("resend: %d %s", code, out.String())
	}
	if code := run(context.Background(), []string{"send", "--provider", "nobody", file}, testEnv, &out, &errOut); code != 2 {
		t.Errorf("unknown provider: exit %d", code)
	}
}

// A mistyped flag is a usage error that says which flag, never a silent exit.
func TestBadFlagIsNamed(t *testing.T) {
	for _, args := range [][]string{{"--bogus"}, {"send", "--bogus"}} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), args, testEnv, &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if !strings.Contains(errOut.String(), "unknown flag: --bogus") {
			t.Errorf("%v: stderr does not name the flag: %q", args, errOut.String())
		}
	}
}
