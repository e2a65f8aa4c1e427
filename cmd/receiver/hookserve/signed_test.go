package hookserve_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/cmd/receiver/signing"
)

// These tests wire providers of other signing styles through the server
// by hand, the way a team with its own generated package would: a tiny
// Parse, and Verify, Precheck and IDHeader from a *signing.Verifier. The
// signatures they send are computed here with crypto/hmac and
// crypto/ed25519, not with signing.Signer, so the server is checked
// against the schemes as providers document them.

// harness is one server on loopback and what its handler saw.
type harness struct {
	url     string
	srv     *hookserve.Server
	store   *hookserve.Store
	handled atomic.Int64
}

// serveProviders runs a server for providers on a fresh SQLite store.
func serveProviders(t *testing.T, providers ...*hookserve.Provider) *harness {
	t.Helper()
	h := &harness{}
	store, err := hookserve.Open(filepath.Join(t.TempDir(), "inbox.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	icfg := hookserve.DefaultInboxConfig
	icfg.Poll, icfg.RetryBase = 20*time.Millisecond, 5*time.Millisecond
	inbox, err := hookserve.NewInbox(store, providers, func(context.Context, *hookserve.Job) error {
		h.handled.Add(1)
		return nil
	}, icfg, log)
	if err != nil {
		t.Fatal(err)
	}
	cfg := hookserve.DefaultConfig
	cfg.Providers, cfg.Store, cfg.Inbox, cfg.Log = providers, store, inbox, log
	cfg.ShutdownTimeout = 5 * time.Second
	h.srv, err = hookserve.New(cfg)
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
	go func() { h.srv.Serve(ctx, ln); close(served) }()
	t.Cleanup(func() { cancel(); <-served; store.Close() })
	h.url, h.store = "http://"+ln.Addr().String(), store
	return h
}

func (h *harness) post(t *testing.T, provider string, header http.Header, body []byte) (int, hookserve.Answer) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.url+"/webhooks/"+provider, bytes.NewReader(body))
	for k, v := range header {
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

// waitHandled waits until the handler has run n times in all.
func (h *harness) waitHandled(t *testing.T, n int64) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); h.handled.Load() < n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the handler ran %d times, want %d", h.handled.Load(), n)
		}
	}
}

// parseField is a provider's Parse reduced to its core: the event type is
// the body's string field name.
func parseField(name string) func([]byte) (hookserve.Parsed, error) {
	return func(b []byte) (hookserve.Parsed, error) {
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return hookserve.Parsed{}, err
		}
		typ, ok := m[name].(string)
		if !ok {
			return hookserve.Parsed{}, fmt.Errorf("no %q names the event", name)
		}
		return hookserve.Parsed{Type: typ, Event: m}, nil
	}
}

// provider builds a hookserve.Provider around a verifier, as the README
// shows; at pins the verifier's clock (nil: now).
func provider(t *testing.T, name, idField string, cfg signing.Config, secret string, at *time.Time) *hookserve.Provider {
	t.Helper()
	v, err := signing.New(cfg, []string{secret}, signing.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &hookserve.Provider{Name: name, Parse: parseField(idField), Verify: v.Verify, Precheck: v.Precheck, IDHeader: v.IDHeader()}
	if at != nil {
		p.Verify = func(h http.Header, b []byte) error { return v.VerifyAt(h, b, *at) }
		p.Precheck = func(h http.Header, _ time.Time) error { return v.Precheck(h, *at) }
	}
	return p
}

func hmacSHA256(key string, data []byte) []byte {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(data)
	return m.Sum(nil)
}

// tamper returns a copy of h with name set to value (deleted when value
// is ""), or added a second time when add is true.
func tamper(h http.Header, name, value string, add bool) http.Header {
	c := h.Clone()
	switch {
	case add:
		c.Add(name, value)
	case value == "":
		c.Del(name)
	default:
		c.Set(name, value)
	}
	return c
}

// flip changes one digit of a signature near its end: well inside the
// digest for hex and padded base64 alike (a base64 string's last digit
// before "=" may carry only padding bits, which a decoder ignores).
func flip(s string) string {
	i := len(s) - 5
	r := byte('0')
	if s[i] == '0' {
		r = '1'
	}
	return s[:i] + string(r) + s[i+1:]
}

// refusals sends each tampered request and wants 401 unauthorized, and
// then checks nothing was stored for them.
func refusals(t *testing.T, h *harness, provider string, cases map[string]struct {
	header http.Header
	body   []byte
}) {
	t.Helper()
	counts, _ := h.store.Counts(context.Background())
	before := counts[hookserve.StatusPending] + counts[hookserve.StatusProcessed] + counts[hookserve.StatusRunning]
	for name, c := range cases {
		if code, a := h.post(t, provider, c.header, c.body); code != http.StatusUnauthorized || a.Status != "unauthorized" {
			t.Errorf("%s: %d %+v, want 401 unauthorized", name, code, a)
		}
	}
	counts, _ = h.store.Counts(context.Background())
	if after := counts[hookserve.StatusPending] + counts[hookserve.StatusProcessed] + counts[hookserve.StatusRunning]; after != before {
		t.Errorf("refused deliveries were stored: %d rows before, %d after", before, after)
	}
}

type req = struct {
	header http.Header
	body   []byte
}

// A Shopify-style provider: base64 HMAC of the body in
// X-Shopify-Hmac-Sha256, the delivery id in X-Shopify-Webhook-Id.
func TestShopifyStyleProvider(t *testing.T) {
	const secret = "shpss_a shop's test secret"
	h := serveProviders(t, provider(t, "shop", "topic", signing.Config{Scheme: signing.SchemeShopify}, secret, nil))
	body := []byte(`{"topic":"orders/create","id":820982911946154508,"total_price":"403.00"}`)
	good := http.Header{
		"X-Shopify-Hmac-Sha256": {base64.StdEncoding.EncodeToString(hmacSHA256(secret, body))},
		"X-Shopify-Webhook-Id":  {"b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"},
	}
	if code, a := h.post(t, "shop", good, body); code != 202 || a.Status != "accepted" || a.Event != "orders/create" || a.Delivery != "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" {
		t.Fatalf("signed: %d %+v", code, a)
	}
	if code, a := h.post(t, "shop", good, body); code != 200 || a.Status != "duplicate" {
		t.Errorf("the same X-Shopify-Webhook-Id again: %d %+v", code, a)
	}
	sig := good.Get("X-Shopify-Hmac-Sha256")
	refusals(t, h, "shop", map[string]req{
		"body changed":           {good, bytes.Replace(body, []byte("403.00"), []byte("4.00"), 1)},
		"signature changed":      {tamper(good, "X-Shopify-Hmac-Sha256", flip(sig), false), body},
		"signature missing":      {tamper(good, "X-Shopify-Hmac-Sha256", "", false), body},
		"signature sent twice":   {tamper(good, "X-Shopify-Hmac-Sha256", sig, true), body},
		"hex instead of base64":  {tamper(good, "X-Shopify-Hmac-Sha256", hex.EncodeToString(hmacSHA256(secret, body)), false), body},
		"another shop's secret":  {tamper(good, "X-Shopify-Hmac-Sha256", base64.StdEncoding.EncodeToString(hmacSHA256("shpss_another shop's secret", body)), false), body},
		"signed as another body": {tamper(good, "X-Shopify-Hmac-Sha256", base64.StdEncoding.EncodeToString(hmacSHA256(secret, []byte(`{"topic":"orders/create"}`))), false), body},
	})
	h.waitHandled(t, 1)
}

// A Stripe-style provider under its own header: "t=<unix>,v1=<hex>" over
// "<t>.<body>", the timestamp within the tolerance.
func TestStripeStyleProvider(t *testing.T) {
	const secret = "whsec_acme_test_secret_0123456789"
	h := serveProviders(t, provider(t, "acme", "type", signing.Config{Scheme: signing.SchemeStripe, Header: "Acme-Signature"}, secret, nil))
	body := []byte(`{"id":"evt_1","type":"invoice.paid","amount":1200}`)
	sign := func(at time.Time, b []byte) string {
		ts := strconv.FormatInt(at.Unix(), 10)
		return "t=" + ts + ",v1=" + hex.EncodeToString(hmacSHA256(secret, append([]byte(ts+"."), b...)))
	}
	now := time.Now()
	good := http.Header{"Acme-Signature": {sign(now, body)}}
	if code, a := h.post(t, "acme", good, body); code != 202 || a.Status != "accepted" || a.Event != "invoice.paid" {
		t.Fatalf("signed: %d %+v", code, a)
	}
	sig := good.Get("Acme-Signature")
	ts := strconv.FormatInt(now.Unix(), 10)
	refusals(t, h, "acme", map[string]req{
		"body changed":         {good, bytes.Replace(body, []byte("1200"), []byte("12"), 1)},
		"signature changed":    {tamper(good, "Acme-Signature", flip(sig), false), body},
		"timestamp changed":    {tamper(good, "Acme-Signature", strings.Replace(sig, "t="+ts, "t="+strconv.FormatInt(now.Unix()+1, 10), 1), false), body},
		"signature missing":    {tamper(good, "Acme-Signature", "", false), body},
		"in Stripe's header":   {http.Header{"Stripe-Signature": {sig}}, body},
		"stale, signed right":  {http.Header{"Acme-Signature": {sign(now.Add(-10*time.Minute), body)}}, body},
		"future, signed right": {http.Header{"Acme-Signature": {sign(now.Add(10*time.Minute), body)}}, body},
		"no v1":                {tamper(good, "Acme-Signature", "t="+ts, false), body},
	})
	h.waitHandled(t, 1)
}

// GitHub style: X-Hub-Signature-256 over the body, X-GitHub-Delivery the
// delivery id, so a redelivery is a duplicate even though GitHub's
// payloads carry no delivery id.
func TestGitHubStyleProvider(t *testing.T) {
	const secret = "It's a Secret to Everybody"
	h := serveProviders(t, provider(t, "github", "action", signing.Config{Scheme: signing.SchemeGitHub}, secret, nil))
	body := []byte(`{"action":"opened","number":1,"pull_request":{"title":"x"}}`)
	good := http.Header{
		"X-Hub-Signature-256": {"sha256=" + hex.EncodeToString(hmacSHA256(secret, body))},
		"X-Github-Delivery":   {"72d3162e-cc78-11e3-81ab-4c9367dc0958"},
		"X-Github-Event":      {"pull_request"},
	}
	if code, a := h.post(t, "github", good, body); code != 202 || a.Status != "accepted" || a.Delivery != "72d3162e-cc78-11e3-81ab-4c9367dc0958" {
		t.Fatalf("signed: %d %+v", code, a)
	}
	for i := range 3 {
		if code, a := h.post(t, "github", good, body); code != 200 || a.Status != "duplicate" || a.Delivery != "72d3162e-cc78-11e3-81ab-4c9367dc0958" {
			t.Errorf("redelivery %d: %d %+v", i, code, a)
		}
	}
	// The same body under a new delivery id is a new delivery.
	if code, a := h.post(t, "github", tamper(good, "X-Github-Delivery", "0b989ba4-242f-11e5-81e1-c7b6c5c02ed8", false), body); code != 202 || a.Status != "accepted" {
		t.Errorf("a new X-GitHub-Delivery: %d %+v", code, a)
	}
	if d, err := h.store.Get(context.Background(), "github", "72d3162e-cc78-11e3-81ab-4c9367dc0958"); err != nil || d == nil || !bytes.Equal(d.Body, body) {
		t.Errorf("stored under X-GitHub-Delivery: %+v %v", d, err)
	}
	// Two ids: which one? Refused, not hashed into a new delivery.
	if code, a := h.post(t, "github", tamper(good, "X-Github-Delivery", "0b989ba4-242f-11e5-81e1-c7b6c5c02ed9", true), body); code != 400 || a.Status != "bad_id" || !strings.Contains(a.Error, "X-Github-Delivery") {
		t.Errorf("X-GitHub-Delivery twice: %d %+v", code, a)
	}
	sig := good.Get("X-Hub-Signature-256")
	refusals(t, h, "github", map[string]req{
		"body changed":      {good, bytes.Replace(body, []byte("opened"), []byte("closed"), 1)},
		"signature changed": {tamper(good, "X-Hub-Signature-256", flip(sig), false), body},
		"no sha256= prefix": {tamper(good, "X-Hub-Signature-256", strings.TrimPrefix(sig, "sha256="), false), body},
		"sha1 header only":  {tamper(tamper(good, "X-Hub-Signature-256", "", false), "X-Hub-Signature", "sha1="+strings.Repeat("0", 40), false), body},
	})
	h.waitHandled(t, 2)
}

// Standard Webhooks v1a: ed25519 over "<webhook-id>.<webhook-timestamp>.<body>",
// the receiver holding only the whpk_ public key. First the Standard
// Webhooks reference libraries' published vector (the server's verifier
// pinned to its time), then a key made here with crypto/ed25519.
func TestStandardWebhooksV1a(t *testing.T) {
	t.Run("published vector", func(t *testing.T) {
		at := time.Unix(1614265330, 0).Add(time.Minute)
		p := provider(t, "sw", "", signing.Config{Scheme: signing.SchemeStandardWebhooks},
			"whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=", &at)
		// The vector's payload names no event: every payload is "test".
		p.Parse = func([]byte) (hookserve.Parsed, error) { return hookserve.Parsed{Type: "test"}, nil }
		h := serveProviders(t, p)
		good := http.Header{
			"Webhook-Id":        {"msg_p5jXN8AQM9LWM0D4loKWxJek"},
			"Webhook-Timestamp": {"1614265330"},
			"Webhook-Signature": {"v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag=="},
		}
		body := []byte(`{"test": 2432232314}`)
		if code, a := h.post(t, "sw", good, body); code != 202 || a.Status != "accepted" || a.Delivery != "msg_p5jXN8AQM9LWM0D4loKWxJek" {
			t.Fatalf("the published v1a vector: %d %+v", code, a)
		}
		refusals(t, h, "sw", map[string]req{
			"other payload": {good, []byte(`{"test": 2432232315}`)},
			"id changed":    {tamper(good, "Webhook-Id", "msg_p5jXN8AQM9LWM0D4loKWxJeK", false), body},
		})
		h.waitHandled(t, 1)
	})
	t.Run("made with crypto/ed25519", func(t *testing.T) {
		seed := sha256.Sum256([]byte("hookserve v1a test seed"))
		priv := ed25519.NewKeyFromSeed(seed[:])
		pub := "whpk_" + base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey))
		h := serveProviders(t, provider(t, "sw", "type", signing.Config{Scheme: signing.SchemeStandardWebhooks}, pub, nil))
		body := []byte(`{"type":"user.created","data":{"id":"u_1"}}`)
		signWith := func(k ed25519.PrivateKey, id string, at time.Time, b []byte) http.Header {
			ts := strconv.FormatInt(at.Unix(), 10)
			sig := ed25519.Sign(k, []byte(id+"."+ts+"."+string(b)))
			return http.Header{"Webhook-Id": {id}, "Webhook-Timestamp": {ts}, "Webhook-Signature": {"v1a," + base64.StdEncoding.EncodeToString(sig)}}
		}
		sign := func(id string, at time.Time, b []byte) http.Header { return signWith(priv, id, at, b) }
		now := time.Now()
		good := sign("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", now, body)
		if code, a := h.post(t, "sw", good, body); code != 202 || a.Status != "accepted" || a.Delivery != "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W" {
			t.Fatalf("signed: %d %+v", code, a)
		}
		if code, a := h.post(t, "sw", good, body); code != 200 || a.Status != "duplicate" {
			t.Errorf("the same webhook-id again: %d %+v", code, a)
		}
		sig := good.Get("Webhook-Signature")
		// The v1 HMAC computed with the public key's bytes as a secret must
		// not pass for a v1a signature.
		asHMAC := "v1," + base64.StdEncoding.EncodeToString(hmacSHA256(string(priv.Public().(ed25519.PublicKey)), []byte("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W."+strconv.FormatInt(now.Unix(), 10)+"."+string(body))))
		refusals(t, h, "sw", map[string]req{
			"body changed":         {good, bytes.Replace(body, []byte("u_1"), []byte("u_2"), 1)},
			"id changed":           {tamper(good, "Webhook-Id", "msg_other", false), body},
			"timestamp changed":    {tamper(good, "Webhook-Timestamp", strconv.FormatInt(now.Unix()+1, 10), false), body},
			"signature changed":    {tamper(good, "Webhook-Signature", flip(sig), false), body},
			"v1a labelled v1":      {tamper(good, "Webhook-Signature", "v1,"+strings.TrimPrefix(sig, "v1a,"), false), body},
			"HMAC with the pubkey": {tamper(good, "Webhook-Signature", asHMAC, false), body},
			"stale, signed right":  {sign("msg_stale", now.Add(-10*time.Minute), body), body},
			"another key":          {signWith(ed25519.NewKeyFromSeed(make([]byte, 32)), "msg_x", now, body), body},
		})
		h.waitHandled(t, 1)
	})
}

// A request whose signature headers are already wrong is refused before
// its body is read: a client that announces a large body and sends none
// gets its 401 at once, not after the read timeout, and holds no bytes
// of the unverified-body budget.
func TestPrecheckRefusesBeforeTheBody(t *testing.T) {
	h := serveProviders(t, provider(t, "github", "action", signing.Config{Scheme: signing.SchemeGitHub}, "a github test secret", nil))
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// No X-Hub-Signature-256, 900 KB announced, 10 bytes sent.
	fmt.Fprintf(conn, "POST /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Length: 900000\r\n\r\n{\"action\":")
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer before the body came: %v", err)
	}
	var a hookserve.Answer
	json.NewDecoder(resp.Body).Decode(&a)
	resp.Body.Close()
	if resp.StatusCode != 401 || a.Status != "unauthorized" || !strings.Contains(a.Error, "X-Hub-Signature-256") {
		t.Errorf("got %d %+v", resp.StatusCode, a)
	}
	if held := h.srv.MaxHeld(); held != 0 {
		t.Errorf("%d unverified body bytes were read", held)
	}
}
