package signing

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// now is the clock every test verifies at, so no test depends on the
// machine's time.
var now = time.Unix(1_700_000_000, 0)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// A v1a key pair made with crypto/ed25519 from a fixed seed.
var (
	edSeed = []byte("hookgen ed25519 test seed 32 b!!")
	edPriv = ed25519.NewKeyFromSeed(edSeed)
	edPub  = edPriv.Public().(ed25519.PublicKey)
	whsk   = PrefixSecretKey + base64.StdEncoding.EncodeToString(edSeed)
	whpk   = PrefixPublicKey + base64.StdEncoding.EncodeToString(edPub)
)

// scheme is one signing style under test: how to configure it, a secret
// to sign with, the matching one to verify with, and a wrong one.
type scheme struct {
	name          string
	cfg           Config
	sign, verify  string
	wrongVerify   string
	sigHeader     string   // the header holding the signature
	timeHeader    string   // "" when the scheme signs no timestamp
	stripeStyle   bool     // the timestamp is inside the signature header
	idHeader      string   // the delivery id header, if any
	signedHeaders []string // headers whose change must be refused
}

var (
	whsecA    = PrefixSecret + b64("standard webhooks secret A 0123")
	whsecB    = PrefixSecret + b64("standard webhooks secret B 0123")
	otherPriv = ed25519.NewKeyFromSeed([]byte("another ed25519 seed, 32 bytes!!"))
	otherWhpk = PrefixPublicKey + base64.StdEncoding.EncodeToString(otherPriv.Public().(ed25519.PublicKey))
)

var schemes = []scheme{
	{name: "standard-webhooks v1", cfg: Config{Scheme: "standard-webhooks"}, sign: whsecA, verify: whsecA, wrongVerify: whsecB,
		sigHeader: "Webhook-Signature", timeHeader: "Webhook-Timestamp", idHeader: "Webhook-Id",
		signedHeaders: []string{"Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"}},
	{name: "standard-webhooks v1a", cfg: Config{Scheme: "standard-webhooks"}, sign: whsk, verify: whpk, wrongVerify: otherWhpk,
		sigHeader: "Webhook-Signature", timeHeader: "Webhook-Timestamp", idHeader: "Webhook-Id",
		signedHeaders: []string{"Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"}},
	{name: "github", cfg: Config{Scheme: "github"}, sign: "github webhook secret", verify: "github webhook secret", wrongVerify: "github webhook secreT",
		sigHeader: "X-Hub-Signature-256", idHeader: "X-Github-Delivery", signedHeaders: []string{"X-Hub-Signature-256"}},
	{name: "shopify", cfg: Config{Scheme: "shopify"}, sign: "shpss_0123456789abcdef0123456789ab", verify: "shpss_0123456789abcdef0123456789ab", wrongVerify: "shpss_0123456789abcdef0123456789ac",
		sigHeader: "X-Shopify-Hmac-Sha256", idHeader: "X-Shopify-Webhook-Id", signedHeaders: []string{"X-Shopify-Hmac-Sha256"}},
	{name: "stripe", cfg: Config{Scheme: "stripe"}, sign: "whsec_stripe_test_secret_0123456789", verify: "whsec_stripe_test_secret_0123456789", wrongVerify: "whsec_stripe_test_secret_012345678",
		sigHeader: "Stripe-Signature", stripeStyle: true, signedHeaders: []string{"Stripe-Signature"}},
	{name: "stripe style, own header", cfg: Config{Scheme: "stripe", Header: "X-Acme-Signature", IDHeader: "X-Acme-Delivery"}, sign: "acme signing secret!", verify: "acme signing secret!", wrongVerify: "acme signing secret?",
		sigHeader: "X-Acme-Signature", stripeStyle: true, idHeader: "X-Acme-Delivery", signedHeaders: []string{"X-Acme-Signature"}},
	{name: "hmac-sha256 hex (AgenticFlow)", cfg: Config{Scheme: "hmac-sha256", Header: "X-AgenticFlow-Signature", Prefix: "sha256=", Encoding: "hex"},
		sign: "agenticflow secret", verify: "agenticflow secret", wrongVerify: "agenticflow secreT",
		sigHeader: "X-Agenticflow-Signature", signedHeaders: []string{"X-Agenticflow-Signature"}},
	{name: "hmac-sha256 base64, no prefix", cfg: Config{Scheme: "hmac-sha256", Header: "X-Signature", Encoding: "base64"},
		sign: "a base64 hmac secret", verify: "a base64 hmac secret", wrongVerify: "another hmac secret!",
		sigHeader: "X-Signature", signedHeaders: []string{"X-Signature"}},
}

const body = `{"type":"contact.created","data":{"id":"c_1"}}`

func mustVerifier(t *testing.T, cfg Config, opts Options, secrets ...string) *Verifier {
	t.Helper()
	v, err := New(cfg, secrets, opts)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	return v
}

func mustSign(t *testing.T, cfg Config, id string, at time.Time, body string, secrets ...string) http.Header {
	t.Helper()
	s, err := NewSigner(cfg, secrets)
	if err != nil {
		t.Fatalf("NewSigner(%+v): %v", cfg, err)
	}
	h, err := s.Sign(id, at, []byte(body))
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	return h
}

// flip changes one character of a header value in the middle, where the
// digest is, keeping it the same length and alphabet where it can.
func flip(s string) string {
	i := len(s) - 5
	c := s[i]
	r := byte('a')
	if c == 'a' {
		r = 'b'
	}
	return s[:i] + string(r) + s[i+1:]
}

func wantKind(t *testing.T, what string, err, kind error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: accepted, want %v", what, kind)
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: %v is not a *signing.Error", what, err)
	}
	if !errors.Is(err, kind) {
		t.Errorf("%s: %v, want %v", what, err, kind)
	}
}

// TestSchemes signs with each scheme and checks the delivery is accepted,
// then refused for each way it can be tampered with.
func TestSchemes(t *testing.T) {
	for _, sc := range schemes {
		t.Run(sc.name, func(t *testing.T) {
			v := mustVerifier(t, sc.cfg, Options{}, sc.verify)
			h := mustSign(t, sc.cfg, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", now, body, sc.sign)
			if err := v.VerifyAt(h, []byte(body), now); err != nil {
				t.Fatalf("correctly signed: %v", err)
			}
			if sc.idHeader != "" {
				if got := h.Get(sc.idHeader); got != "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W" {
					t.Errorf("the signer put %q in %s", got, sc.idHeader)
				}
				if v.IDHeader() != sc.idHeader {
					t.Errorf("IDHeader() = %q, want %q", v.IDHeader(), sc.idHeader)
				}
			}

			wantKind(t, "body changed", v.VerifyAt(h, []byte(body+" "), now), ErrMismatch)
			wantKind(t, "body cut", v.VerifyAt(h, []byte(body[:len(body)-1]), now), ErrMismatch)
			wantKind(t, "empty body", v.VerifyAt(h, nil, now), ErrMismatch)

			wrong := mustVerifier(t, sc.cfg, Options{}, sc.wrongVerify)
			wantKind(t, "wrong key", wrong.VerifyAt(h, []byte(body), now), ErrMismatch)

			for _, name := range sc.signedHeaders {
				tampered := h.Clone()
				tampered.Set(name, flip(h.Get(name)))
				if err := v.VerifyAt(tampered, []byte(body), now); err == nil {
					t.Errorf("%s tampered: accepted", name)
				}
				missing := h.Clone()
				missing.Del(name)
				wantKind(t, name+" missing", v.VerifyAt(missing, []byte(body), now), ErrMissing)
				empty := h.Clone()
				empty.Set(name, "")
				wantKind(t, name+" empty", v.VerifyAt(empty, []byte(body), now), ErrMissing)
				twice := h.Clone()
				twice.Add(name, h.Get(name))
				wantKind(t, name+" sent twice", v.VerifyAt(twice, []byte(body), now), ErrMalformed)
			}
			wantKind(t, "no headers", v.VerifyAt(http.Header{}, []byte(body), now), ErrMissing)

			if sc.timeHeader == "" && !sc.stripeStyle {
				// No timestamp is signed: a replay years later still
				// verifies, which is why the delivery id is deduplicated.
				if err := v.VerifyAt(h, []byte(body), now.Add(24*365*time.Hour)); err != nil {
					t.Errorf("a scheme without a timestamp refused an old delivery: %v", err)
				}
				return
			}
			tol := DefaultTolerance
			if err := v.VerifyAt(h, []byte(body), now.Add(tol)); err != nil {
				t.Errorf("exactly the tolerance old: %v", err)
			}
			if err := v.VerifyAt(h, []byte(body), now.Add(-tol)); err != nil {
				t.Errorf("exactly the tolerance ahead: %v", err)
			}
			wantKind(t, "expired", v.VerifyAt(h, []byte(body), now.Add(tol+time.Second)), ErrTimestamp)
			wantKind(t, "from the future", v.VerifyAt(h, []byte(body), now.Add(-tol-time.Second)), ErrTimestamp)

			// A timestamp moved within the tolerance is still refused: the
			// signature covers it.
			moved := h.Clone()
			later := strconv.FormatInt(now.Unix()+1, 10)
			if sc.stripeStyle {
				moved.Set(sc.sigHeader, strings.Replace(h.Get(sc.sigHeader), "t="+strconv.FormatInt(now.Unix(), 10), "t="+later, 1))
			} else {
				moved.Set(sc.timeHeader, later)
			}
			wantKind(t, "timestamp moved by 1s", v.VerifyAt(moved, []byte(body), now), ErrMismatch)

			notNumber := h.Clone()
			if sc.stripeStyle {
				notNumber.Set(sc.sigHeader, strings.Replace(h.Get(sc.sigHeader), "t=", "t=-", 1))
			} else {
				notNumber.Set(sc.timeHeader, "+"+h.Get(sc.timeHeader))
			}
			wantKind(t, "timestamp with a sign", v.VerifyAt(notNumber, []byte(body), now), ErrMalformed)
		})
	}
}

// TestTolerance: a configured tolerance is honoured both ways, zero means
// the default, and a negative one is refused.
func TestTolerance(t *testing.T) {
	cfg := Config{Scheme: "standard-webhooks"}
	h := mustSign(t, cfg, "msg_1", now, body, whsecA)
	v := mustVerifier(t, cfg, Options{Tolerance: 30 * time.Second}, whsecA)
	if err := v.VerifyAt(h, []byte(body), now.Add(30*time.Second)); err != nil {
		t.Errorf("30s old with a 30s tolerance: %v", err)
	}
	wantKind(t, "31s old", v.VerifyAt(h, []byte(body), now.Add(31*time.Second)), ErrTimestamp)
	wantKind(t, "31s ahead", v.VerifyAt(h, []byte(body), now.Add(-31*time.Second)), ErrTimestamp)
	err := v.VerifyAt(h, []byte(body), now.Add(90*time.Second))
	if err == nil || !strings.Contains(err.Error(), "1m30s old; the tolerance is 30s") {
		t.Errorf("the error should say how old and the tolerance: %v", err)
	}

	sh := mustSign(t, Config{Scheme: "stripe"}, "", now, body, "stripe secret, long enough")
	sv := mustVerifier(t, Config{Scheme: "stripe"}, Options{Tolerance: time.Hour}, "stripe secret, long enough")
	if err := sv.VerifyAt(sh, []byte(body), now.Add(59*time.Minute)); err != nil {
		t.Errorf("stripe, 59m old with an hour's tolerance: %v", err)
	}
	wantKind(t, "stripe 61m ahead", sv.VerifyAt(sh, []byte(body), now.Add(-61*time.Minute)), ErrTimestamp)

	if _, err := New(cfg, []string{whsecA}, Options{Tolerance: -time.Second}); err == nil || !strings.Contains(err.Error(), "negative") {
		t.Errorf("a negative tolerance: %v", err)
	}
	if v := mustVerifier(t, cfg, Options{}, whsecA); v.tolerance != DefaultTolerance {
		t.Errorf("zero tolerance means %s, want %s", v.tolerance, DefaultTolerance)
	}
}

// TestRotation: every secret of a provider verifies, a secret not listed
// does not, and a header with several signatures passes when any matches.
func TestRotation(t *testing.T) {
	for _, sc := range schemes {
		t.Run(sc.name, func(t *testing.T) {
			v := mustVerifier(t, sc.cfg, Options{}, sc.wrongVerify, sc.verify)
			h := mustSign(t, sc.cfg, "msg_1", now, body, sc.sign)
			if err := v.VerifyAt(h, []byte(body), now); err != nil {
				t.Errorf("signed with the second of two secrets: %v", err)
			}
			only := mustVerifier(t, sc.cfg, Options{}, sc.wrongVerify)
			wantKind(t, "the other secret alone", only.VerifyAt(h, []byte(body), now), ErrMismatch)
		})
	}

	// Standard Webhooks: a sender mid-rotation signs with old and new; a
	// receiver that knows only one of them accepts.
	cfg := Config{Scheme: "standard-webhooks"}
	h := mustSign(t, cfg, "msg_1", now, body, whsecB, whsk)
	if got := len(strings.Fields(h.Get("webhook-signature"))); got != 2 {
		t.Fatalf("a Signer with 2 keys wrote %d signatures", got)
	}
	for _, k := range []string{whsecB, whpk} {
		if err := mustVerifier(t, cfg, Options{}, k).VerifyAt(h, []byte(body), now); err != nil {
			t.Errorf("verifying with %s... of two signatures: %v", k[:5], err)
		}
	}
	wantKind(t, "neither key", mustVerifier(t, cfg, Options{}, whsecA, otherWhpk).VerifyAt(h, []byte(body), now), ErrMismatch)

	// Stripe: one v1 per secret.
	sh := mustSign(t, Config{Scheme: "stripe"}, "", now, body, "stripe old secret 0000", "stripe new secret 0000")
	if got := strings.Count(sh.Get("Stripe-Signature"), "v1="); got != 2 {
		t.Errorf("Stripe-Signature has %d v1 signatures, want 2: %s", got, sh.Get("Stripe-Signature"))
	}
	if err := mustVerifier(t, Config{Scheme: "stripe"}, Options{}, "stripe new secret 0000").VerifyAt(sh, []byte(body), now); err != nil {
		t.Errorf("the second v1: %v", err)
	}
}

// TestSplitSecretRegression: "agenticflow secret" is one secret. The
// receiver used to split secrets on white space, so a delivery signed with
// the key "secret" (or "agenticflow") was accepted.
func TestSplitSecretRegression(t *testing.T) {
	secrets, err := ParseSecrets("agenticflow secret")
	if err != nil {
		t.Fatal(err)
	}
	if len(secrets) != 1 || secrets[0] != "agenticflow secret" {
		t.Fatalf("ParseSecrets split a secret: %q", secrets)
	}
	cfg := Config{Scheme: "hmac-sha256", Header: "X-AgenticFlow-Signature", Prefix: "sha256="}
	v := mustVerifier(t, cfg, Options{}, secrets...)
	for _, piece := range []string{"secret", "agenticflow"} {
		mac := hmac.New(sha256.New, []byte(piece))
		mac.Write([]byte(body))
		h := http.Header{"X-Agenticflow-Signature": {"sha256=" + hex.EncodeToString(mac.Sum(nil))}}
		wantKind(t, "signed with the piece "+piece, v.VerifyAt(h, []byte(body), now), ErrMismatch)
	}
	h := mustSign(t, cfg, "", now, body, "agenticflow secret")
	if err := v.VerifyAt(h, []byte(body), now); err != nil {
		t.Errorf("signed with the whole secret: %v", err)
	}

	// A secret handed to New with a line break in it came from a list that
	// was never split: refuse it instead of using it as one key.
	if _, err := New(cfg, []string{"first secret 0123\nsecond secret 0123"}, Options{}); err == nil || !strings.Contains(err.Error(), "line break") {
		t.Errorf("a secret with a line break: %v", err)
	}
}

func TestParseSecrets(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  string
	}{
		{in: "one secret with spaces", want: []string{"one secret with spaces"}},
		{in: "old secret\nnew secret\n", want: []string{"old secret", "new secret"}},
		{in: "old secret\r\nnew secret\r\n", want: []string{"old secret", "new secret"}},
		{in: "\n\nold secret\n\n\nnew secret", want: []string{"old secret", "new secret"}},
		{in: "", err: "no secret"},
		{in: "\n\r\n", err: "no secret"},
		{in: "old secret\n new secret", err: "line 2: the secret begins or ends with white space"},
		{in: "old secret \nnew secret", err: "line 1: the secret begins or ends with white space"},
		{in: "\t", err: "line 1"},
	} {
		got, err := ParseSecrets(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseSecrets(%q) = %q, %v; want an error with %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("ParseSecrets(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// TestKeys: prefixes where the scheme requires them, minimum lengths, and
// a clear error naming the secret by position, never by value.
func TestKeys(t *testing.T) {
	sw := Config{Scheme: "standard-webhooks"}
	gh := Config{Scheme: "github"}
	for _, tc := range []struct {
		cfg     Config
		secrets []string
		signing bool
		err     string
	}{
		{cfg: sw, secrets: []string{b64("standard webhooks secret A 0123")}, err: "starts with whsec_ (v1, HMAC) or whpk_"},
		{cfg: sw, secrets: []string{"whsec_!!!not base64!!!"}, err: "whsec_ must be followed by standard base64; byte 0"},
		{cfg: sw, secrets: []string{PrefixSecret + b64("23 bytes, one too short")}, err: "decodes to 23 bytes; Standard Webhooks needs at least 24"},
		{cfg: sw, secrets: []string{PrefixSecret + b64("24 bytes, just long enuf")}},
		{cfg: sw, secrets: []string{PrefixPublicKey + base64.StdEncoding.EncodeToString(append(append([]byte{}, edPub...), 1, 2, 3))}, err: "decodes to 35 bytes; an ed25519 public key is 32"},
		{cfg: sw, secrets: []string{whsk}, err: "give the receiver the whpk_ public key"},
		{cfg: sw, secrets: []string{whpk}, signing: true, err: "cannot sign"},
		{cfg: sw, secrets: []string{PrefixSecretKey + b64("short")}, signing: true, err: "decodes to 5 bytes; an ed25519 seed is 32"},
		{cfg: sw, secrets: []string{PrefixSecretKey + base64.StdEncoding.EncodeToString(append(append([]byte{}, edSeed...), otherPriv.Public().(ed25519.PublicKey)...))}, signing: true, err: "second half is not the public key"},
		{cfg: sw, secrets: []string{PrefixSecretKey + base64.StdEncoding.EncodeToString(edPriv)}, signing: true},
		{cfg: sw, secrets: []string{whsecA, "whsec_nope"}, err: "secret 2 of 2"},
		{cfg: sw, secrets: nil, err: "no secret"},
		{cfg: gh, secrets: []string{"15 bytes secret"}, err: "the secret is 15 bytes; at least 16 are needed"},
		{cfg: gh, secrets: []string{"16 bytes secret!"}},
		{cfg: gh, secrets: []string{"secret with a trailing space "}, err: "white space"},
		{cfg: gh, secrets: []string{""}, err: "empty"},
		{cfg: Config{Scheme: "stripe"}, secrets: []string{"whsec_short"}, err: "11 bytes"},
	} {
		var err error
		if tc.signing {
			_, err = NewSigner(tc.cfg, tc.secrets)
		} else {
			_, err = New(tc.cfg, tc.secrets, Options{})
		}
		what := fmt.Sprintf("%s %q (signing %v)", tc.cfg.Scheme, tc.secrets, tc.signing)
		if tc.err == "" {
			if err != nil {
				t.Errorf("%s: %v", what, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: %v; want an error with %q", what, err, tc.err)
			continue
		}
		for _, s := range tc.secrets {
			if len(s) > 8 && strings.Contains(err.Error(), s) {
				t.Errorf("%s: the error shows the secret: %v", what, err)
			}
		}
	}

	pub, err := PublicKey(whsk)
	if err != nil || pub != whpk {
		t.Errorf("PublicKey(whsk) = %q, %v; want %q", pub, err, whpk)
	}
	if _, err := PublicKey(whpk); err == nil {
		t.Error("PublicKey of a public key: no error")
	}
	sk, pk, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	h := mustSign(t, sw, "msg_gen", now, body, sk)
	if err := mustVerifier(t, sw, Options{}, pk).VerifyAt(h, []byte(body), now); err != nil {
		t.Errorf("a generated key pair: %v", err)
	}
	sec, err := GenerateSecret()
	if err != nil {
		t.Fatal(err)
	}
	h = mustSign(t, sw, "msg_gen", now, body, sec)
	if err := mustVerifier(t, sw, Options{}, sec).VerifyAt(h, []byte(body), now); err != nil {
		t.Errorf("a generated secret: %v", err)
	}
}

// TestNoSecretInOutput: neither errors nor a printed Verifier or Signer
// show key material or a request's header values.
func TestNoSecretInOutput(t *testing.T) {
	for _, sc := range schemes {
		v := mustVerifier(t, sc.cfg, Options{}, sc.verify)
		s, err := NewSigner(sc.cfg, []string{sc.sign})
		if err != nil {
			t.Fatal(err)
		}
		h, _ := s.Sign("msg_1", now, []byte(body))
		secretish := []string{sc.sign, sc.verify, strings.TrimPrefix(strings.TrimPrefix(sc.verify, PrefixSecret), PrefixPublicKey)}
		var out []string
		for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
			out = append(out, fmt.Sprintf(f, v), fmt.Sprintf(f, s))
		}
		bad := h.Clone()
		bad.Set(sc.sigHeader, flip(h.Get(sc.sigHeader)))
		for _, err := range []error{
			v.VerifyAt(bad, []byte(body), now),
			v.VerifyAt(h, []byte("x"), now),
			v.VerifyAt(h, []byte(body), now.Add(time.Hour)),
		} {
			if err != nil {
				out = append(out, err.Error())
			}
		}
		for _, o := range out {
			for _, sec := range secretish {
				if strings.Contains(o, sec) {
					t.Errorf("%s: output shows a secret: %s", sc.name, o)
				}
			}
			for _, val := range h {
				if len(val[0]) > 20 && strings.Contains(o, val[0]) {
					t.Errorf("%s: output echoes a header value: %s", sc.name, o)
				}
			}
		}
	}
}

func TestConfig(t *testing.T) {
	for _, tc := range []struct {
		json string
		err  string
		// for valid configs: the headers it resolves to
		header, idHeader string
	}{
		{json: `{"scheme":"github"}`, header: "X-Hub-Signature-256", idHeader: "X-Github-Delivery"},
		{json: `{"scheme":"shopify"}`, header: "X-Shopify-Hmac-Sha256", idHeader: "X-Shopify-Webhook-Id"},
		{json: `{"scheme":"stripe"}`, header: "Stripe-Signature"},
		{json: `{"scheme":"standard-webhooks"}`, header: "Webhook-Signature", idHeader: "Webhook-Id"},
		{json: `{"scheme":"hmac-sha256","header":"X-AgenticFlow-Signature","prefix":"sha256=","encoding":"hex"}`, header: "X-Agenticflow-Signature"},
		{json: `{"scheme":"hmac-sha256","header":"X-Sig","encoding":"base64","id_header":"X-Delivery"}`, header: "X-Sig", idHeader: "X-Delivery"},
		{json: `{"scheme":"github","id_header":"X-Request-Id"}`, header: "X-Hub-Signature-256", idHeader: "X-Request-Id"},
		{json: `{"scheme":"stripe","header":"X-Acme-Signature"}`, header: "X-Acme-Signature"},
		{json: `{"scheme":"github","header":"X-Hub-Signature"}`, err: `scheme "github" fixes header; to choose them, use "hmac-sha256"`},
		{json: `{"scheme":"shopify","encoding":"hex","prefix":"x"}`, err: `fixes prefix and encoding`},
		{json: `{"scheme":"standard-webhooks","id_header":"X-Id"}`, err: `fixes id_header`},
		{json: `{"scheme":"stripe","prefix":"v1="}`, err: `fixes prefix`},
		{json: `{"scheme":"hmac-sha256"}`, err: `needs "header"`},
		{json: `{"scheme":"hmac-sha256","header":"X-Sig","encoding":"base32"}`, err: `encoding "base32" is not "hex" or "base64"`},
		{json: `{"scheme":"hmac-sha256","header":"X Sig"}`, err: `header: "X Sig" is not an HTTP header name`},
		{json: `{"scheme":"hmac-sha256","header":"X-Sig","prefix":"sha256= "}`, err: `not printable ASCII`},
		{json: `{"scheme":"hmac-sha1","header":"X-Sig"}`, err: `unknown scheme "hmac-sha1"; one of standard-webhooks, github, shopify, stripe, hmac-sha256`},
		{json: `{}`, err: `no scheme`},
		{json: `{"scheme":"github","secret":"x"}`, err: `unknown field "secret"`},
		{json: `{"scheme":"github"} {}`, err: `more than one JSON value`},
	} {
		c, err := ParseConfig([]byte(tc.json))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: %v; want an error with %q", tc.json, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.json, err)
			continue
		}
		s, _ := c.resolve()
		if s.header != tc.header || s.idHeader != tc.idHeader {
			t.Errorf("%s: header %q, id header %q; want %q, %q", tc.json, s.header, s.idHeader, tc.header, tc.idHeader)
		}
	}
}

// TestMalformed: headers that cannot be read are refused as malformed,
// with a message naming the header.
func TestMalformed(t *testing.T) {
	sw := mustVerifier(t, Config{Scheme: "standard-webhooks"}, Options{}, whsecA, whpk)
	good := mustSign(t, Config{Scheme: "standard-webhooks"}, "msg_1", now, body, whsecA)
	many := strings.TrimSpace(strings.Repeat(good.Get("webhook-signature")+" ", MaxSignatures+1))
	for _, tc := range []struct{ sig, err string }{
		{"v1=abc", "signature 1 is not <version>,<base64>"},
		{good.Get("webhook-signature") + " nocomma", "signature 2 is not"},
		{"v2,abcd v1b,abcd", "no usable v1 or v1a signature"},
		{"v1,!!!", "no usable v1 or v1a signature"},
		{many, fmt.Sprintf("lists %d signatures, at most %d", MaxSignatures+1, MaxSignatures)},
		{strings.Repeat("v", MaxHeaderLen+1), fmt.Sprintf("is %d bytes, at most %d", MaxHeaderLen+1, MaxHeaderLen)},
	} {
		h := good.Clone()
		h.Set("webhook-signature", tc.sig)
		err := sw.VerifyAt(h, []byte(body), now)
		wantKind(t, tc.err, err, ErrMalformed)
		if err != nil && !strings.Contains(err.Error(), "Webhook-Signature: "+tc.err) {
			t.Errorf("%v; want %q", err, tc.err)
		}
	}
	// A bad entry among good ones does not hide the good one.
	h := good.Clone()
	h.Set("webhook-signature", "v2,xyz v1,!!! v1a,AAAA "+good.Get("webhook-signature"))
	if err := sw.VerifyAt(h, []byte(body), now); err != nil {
		t.Errorf("a good signature after unusable ones: %v", err)
	}
	for _, ts := range []string{"abc", "1700000000.5", "-1700000000", "1234567890123", " 1700000000"} {
		h := good.Clone()
		h.Set("webhook-timestamp", ts)
		wantKind(t, "timestamp "+ts, sw.VerifyAt(h, []byte(body), now), ErrMalformed)
	}

	st := mustVerifier(t, Config{Scheme: "stripe"}, Options{}, "stripe secret, long enough")
	sg := mustSign(t, Config{Scheme: "stripe"}, "", now, body, "stripe secret, long enough").Get("Stripe-Signature")
	for _, tc := range []struct{ sig, err string }{
		{"v1=" + strings.Repeat("00", 32), "has no t=<timestamp>"},
		{"t=1700000000", "has no v1 signature"},
		{"t=1700000000,v1=zz", "has no v1 signature"},
		{sg + ",t=1700000000", "has more than one t"},
		{sg + ",junk", "item 3 is not <key>=<value>"},
		{strings.Repeat(sg+",", MaxSignatures), "items, at most"},
	} {
		h := http.Header{"Stripe-Signature": {tc.sig}}
		err := st.VerifyAt(h, []byte(body), now)
		wantKind(t, tc.err, err, ErrMalformed)
		if err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%v; want %q", err, tc.err)
		}
	}
	if err := st.VerifyAt(http.Header{"Stripe-Signature": {sg + ",v0=" + strings.Repeat("ab", 32) + ",v1=zz"}}, []byte(body), now); err != nil {
		t.Errorf("unknown schemes and a bad v1 beside a good one: %v", err)
	}

	gh := mustVerifier(t, Config{Scheme: "github"}, Options{}, "github webhook secret")
	ghSig := mustSign(t, Config{Scheme: "github"}, "", now, body, "github webhook secret").Get("X-Hub-Signature-256")
	for _, tc := range []struct{ sig, err string }{
		{strings.TrimPrefix(ghSig, "sha256="), `does not start with "sha256="`},
		{"sha1=" + strings.TrimPrefix(ghSig, "sha256="), `does not start with "sha256="`},
		{"sha256=xyz", "the digest is not hex"},
		{ghSig[:len(ghSig)-2], "the digest is 31 bytes; an HMAC-SHA256 is 32"},
	} {
		err := gh.VerifyAt(http.Header{"X-Hub-Signature-256": {tc.sig}}, []byte(body), now)
		wantKind(t, tc.err, err, ErrMalformed)
		if err != nil && !strings.Contains(err.Error(), "X-Hub-Signature-256: "+tc.err) {
			t.Errorf("%v; want %q", err, tc.err)
		}
	}
	// GitHub's digest is lower case; upper case hex is the same digest.
	if err := gh.VerifyAt(http.Header{"X-Hub-Signature-256": {"sha256=" + strings.ToUpper(strings.TrimPrefix(ghSig, "sha256="))}}, []byte(body), now); err != nil {
		t.Errorf("upper-case hex: %v", err)
	}
}

func TestDeliveryID(t *testing.T) {
	id, err := DeliveryID(http.Header{"X-Github-Delivery": {"72d3162e-cc78-11e3-81ab-4c9367dc0958"}}, "x-github-delivery")
	if err != nil || id != "72d3162e-cc78-11e3-81ab-4c9367dc0958" {
		t.Errorf("DeliveryID = %q, %v", id, err)
	}
	if _, err := DeliveryID(http.Header{}, "X-GitHub-Delivery"); !errors.Is(err, ErrNoDeliveryID) {
		t.Errorf("missing: %v, want ErrNoDeliveryID", err)
	}
	if _, err := DeliveryID(http.Header{"Webhook-Id": {""}}, "webhook-id"); !errors.Is(err, ErrNoDeliveryID) {
		t.Errorf("empty: %v, want ErrNoDeliveryID", err)
	}
	if id, err := DeliveryID(http.Header{"Webhook-Id": {"msg_ünïcode"}}, "webhook-id"); err != nil || id != "msg_ünïcode" {
		t.Errorf("UTF-8 id: %q, %v", id, err)
	}
	long := strings.Repeat("x", MaxDeliveryIDLen)
	if _, err := DeliveryID(http.Header{"Webhook-Id": {long}}, "webhook-id"); err != nil {
		t.Errorf("%d bytes: %v", MaxDeliveryIDLen, err)
	}
	for _, tc := range []struct {
		h   http.Header
		err string
	}{
		{http.Header{"Webhook-Id": {long + "x"}}, "Webhook-Id: the delivery id is 257 bytes, at most 256"},
		{http.Header{"Webhook-Id": {"msg_\xff\xfe"}}, "Webhook-Id: the delivery id is not UTF-8"},
		{http.Header{"Webhook-Id": {"msg_1\x1b[31m"}}, "control character U+001B"},
		{http.Header{"Webhook-Id": {"msg_1\u0085"}}, "control character U+0085"},
		{http.Header{"Webhook-Id": {"a", "b"}}, "Webhook-Id: sent 2 times"},
	} {
		id, err := DeliveryID(tc.h, "webhook-id")
		if err == nil || !strings.Contains(err.Error(), tc.err) || errors.Is(err, ErrNoDeliveryID) {
			t.Errorf("%q: %q, %v; want an error with %q", tc.h, id, err, tc.err)
		}
		if err != nil && len(err.Error()) > 100 {
			t.Errorf("the error is %d bytes: it should not echo the id", len(err.Error()))
		}
	}
	if err := CheckDeliveryID(""); err == nil {
		t.Error("CheckDeliveryID(\"\"): no error")
	}
}

// TestSigner covers what Sign refuses, and that the single-digest schemes
// sign with the first secret.
func TestSigner(t *testing.T) {
	s, err := NewSigner(Config{Scheme: "standard-webhooks"}, []string{whsecA})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Sign("", now, []byte(body)); err == nil {
		t.Error("Standard Webhooks without an id: no error")
	}
	if _, err := s.Sign("msg\r\nX-Evil: 1", now, []byte(body)); err == nil {
		t.Error("an id with a line break: no error")
	}
	h := mustSign(t, Config{Scheme: "github"}, "", now, body, "first github secret", "second github secret")
	if err := mustVerifier(t, Config{Scheme: "github"}, Options{}, "first github secret").VerifyAt(h, []byte(body), now); err != nil {
		t.Errorf("github signs with the first secret: %v", err)
	}
	if h.Get("X-Github-Delivery") != "" {
		t.Error("no id given, yet the signer set X-GitHub-Delivery")
	}
}

func TestSecretsFromEnv(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/secrets"
	if err := os.WriteFile(file, []byte("new github secret\nold github secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	for _, tc := range []struct {
		vars map[string]string
		want []string
		err  string
	}{
		{vars: map[string]string{"S": "new github secret\nold github secret"}, want: []string{"new github secret", "old github secret"}},
		{vars: map[string]string{"S_FILE": file}, want: []string{"new github secret", "old github secret"}},
		{vars: map[string]string{"S": "x", "S_FILE": file}, err: "S and S_FILE are both set"},
		{vars: map[string]string{"S_FILE": dir + "/absent"}, err: "S_FILE: open " + dir + "/absent"},
		{vars: map[string]string{"S": "ok secret\n bad secret"}, err: "S: signing: line 2: the secret begins or ends"},
		{vars: map[string]string{}, err: "S: signing: no secret"},
	} {
		got, err := SecretsFromEnv(env(tc.vars), "S")
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%v: %q, %v; want an error with %q", tc.vars, got, err, tc.err)
			}
			if err != nil && strings.Contains(err.Error(), "bad secret") {
				t.Errorf("the error shows a secret: %v", err)
			}
			continue
		}
		if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%v: %q, %v; want %q", tc.vars, got, err, tc.want)
		}
	}
	if _, err := SecretsFromEnv(env(nil), "S"); !errors.Is(err, ErrNoSecret) {
		t.Errorf("nothing set: %v, want ErrNoSecret", err)
	}
	empty := dir + "/empty"
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := SecretsFromEnv(env(map[string]string{"S_FILE": empty}), "S"); !errors.Is(err, ErrNoSecret) {
		t.Errorf("an empty file: %v, want ErrNoSecret", err)
	}
}

// TestStandardKeyKinds: a v1-only header checked with whpk_ keys (or the
// reverse) is refused with a message naming the missing kind of key.
func TestStandardKeyKinds(t *testing.T) {
	cfg := Config{Scheme: "standard-webhooks"}
	v1 := mustSign(t, cfg, "msg_1", now, body, whsecA)
	v1a := mustSign(t, cfg, "msg_1", now, body, whsk)
	for _, tc := range []struct {
		h    http.Header
		keys []string
		want string
	}{
		{v1, []string{whpk}, "has only v1 (HMAC) signatures, and the 1 key(s) given are whpk_ (v1a); give the whsec_ secret"},
		{v1a, []string{whsecA, whsecB}, "has only v1a (ed25519) signatures, and the 2 key(s) given are whsec_ (v1); give the whpk_ public key"},
		{v1, []string{whsecB, otherWhpk}, "none of 1 signature(s) matches any of 2 key(s)"},
	} {
		err := mustVerifier(t, cfg, Options{}, tc.keys...).VerifyAt(tc.h, []byte(body), now)
		wantKind(t, tc.want, err, ErrMismatch)
		if err != nil && err.Error() != "Webhook-Signature: "+tc.want {
			t.Errorf("%v; want %q", err, tc.want)
		}
	}
}

// TestPrecheck: the header checks run without the body, and a passing
// Precheck still leaves the body to VerifyAt.
func TestPrecheck(t *testing.T) {
	for _, sc := range schemes {
		v := mustVerifier(t, sc.cfg, Options{}, sc.verify)
		h := mustSign(t, sc.cfg, "msg_1", now, body, sc.sign)
		if err := v.Precheck(h, now); err != nil {
			t.Errorf("%s: Precheck of good headers: %v", sc.name, err)
		}
		wantKind(t, sc.name+": the body still counts", v.VerifyAt(h, []byte("other"), now), ErrMismatch)
		wantKind(t, sc.name+": no headers", v.Precheck(http.Header{}, now), ErrMissing)
		bad := h.Clone()
		bad.Set(sc.sigHeader, "?")
		wantKind(t, sc.name+": unreadable signature", v.Precheck(bad, now), ErrMalformed)
		if sc.timeHeader != "" || sc.stripeStyle {
			wantKind(t, sc.name+": expired", v.Precheck(h, now.Add(time.Hour)), ErrTimestamp)
		}
	}
}

// TestConfigJSONRoundTrip: a Config written as JSON reads back the same,
// so a tool can generate manifests from Configs.
func TestConfigJSONRoundTrip(t *testing.T) {
	for _, sc := range schemes {
		data, err := json.Marshal(sc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseConfig(data)
		if err != nil || got != sc.cfg {
			t.Errorf("%s: %s read back as %+v, %v", sc.name, data, got, err)
		}
	}
}

// DeliveryIDHeader gives a Config's id header without secrets (a receiver
// running with verification off still dedupes on it).
func TestConfigDeliveryIDHeader(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Scheme: SchemeStandardWebhooks}, "Webhook-Id"},
		{Config{Scheme: SchemeGitHub}, "X-Github-Delivery"},
		{Config{Scheme: SchemeShopify}, "X-Shopify-Webhook-Id"},
		{Config{Scheme: SchemeStripe}, ""},
		{Config{Scheme: SchemeHMACSHA256, Header: "X-Sig", IDHeader: "x-delivery"}, "X-Delivery"},
		{Config{Scheme: "nonesuch"}, ""},
	} {
		if got := tc.cfg.DeliveryIDHeader(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.cfg, got, tc.want)
		}
	}
}
