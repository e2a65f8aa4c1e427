package signing

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Published vectors: the values a provider's documentation or a reference
// library states, so that the package agrees with the world and not only
// with itself.
func TestPublishedVectors(t *testing.T) {
	// The Standard Webhooks reference libraries' signing tests
	// (github.com/standard-webhooks/standard-webhooks,
	// libraries/go/webhook_symmetric_test.go and webhook_asymmetric_test.go).
	const (
		swID      = "msg_p5jXN8AQM9LWM0D4loKWxJek"
		swPayload = `{"test": 2432232314}`
	)
	swAt := time.Unix(1614265330, 0)
	for _, tc := range []struct {
		name, signWith, verifyWith, want string
	}{
		{"v1", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
			"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
		// The secret key is the base64 of a 32-byte ed25519 seed.
		{"v1a", "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=", "",
			"v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag=="},
	} {
		cfg := Config{Scheme: "standard-webhooks"}
		h := mustSign(t, cfg, swID, swAt, swPayload, tc.signWith)
		if got := h.Get("webhook-signature"); got != tc.want {
			t.Errorf("Standard Webhooks %s: signature %s, want %s", tc.name, got, tc.want)
		}
		if h.Get("webhook-id") != swID || h.Get("webhook-timestamp") != "1614265330" {
			t.Errorf("Standard Webhooks %s: headers %v", tc.name, h)
		}
		verifyWith := tc.verifyWith
		if verifyWith == "" {
			// The public key of that seed, derived with OpenSSL:
			//   (printf '\x30\x2e\x02\x01\x00\x30\x05\x06\x03\x2b\x65\x70\x04\x22\x04\x20';
			//    echo VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk= | base64 -d) |
			//   openssl pkey -inform DER -pubout -outform DER | tail -c 32 | base64
			verifyWith = "whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g="
			if got, err := PublicKey(tc.signWith); err != nil || got != verifyWith {
				t.Errorf("PublicKey(%s) = %s, %v; want %s", tc.signWith, got, err, verifyWith)
			}
		}
		given := http.Header{}
		given.Set("webhook-id", swID)
		given.Set("webhook-timestamp", "1614265330")
		given.Set("webhook-signature", tc.want)
		v := mustVerifier(t, cfg, Options{}, verifyWith)
		if err := v.VerifyAt(given, []byte(swPayload), swAt.Add(time.Minute)); err != nil {
			t.Errorf("Standard Webhooks %s: the published signature: %v", tc.name, err)
		}
		wantKind(t, tc.name+" other payload", v.VerifyAt(given, []byte(`{"test": 2432232315}`), swAt), ErrMismatch)
	}

	// GitHub's documented test values ("Validating webhook deliveries").
	gh := mustVerifier(t, Config{Scheme: "github"}, Options{}, "It's a Secret to Everybody")
	ghHeader := http.Header{"X-Hub-Signature-256": {"sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"}}
	if err := gh.VerifyAt(ghHeader, []byte("Hello, World!"), time.Time{}); err != nil {
		t.Errorf("GitHub's documented example: %v", err)
	}
	if got := mustSign(t, Config{Scheme: "github"}, "", now, "Hello, World!", "It's a Secret to Everybody"); got.Get("X-Hub-Signature-256") != ghHeader.Get("X-Hub-Signature-256") {
		t.Errorf("GitHub: signed %v", got)
	}

	// Computed independently with OpenSSL:
	//   printf '1700000000.{"id":"evt_1","type":"charge.succeeded"}' |
	//     openssl dgst -sha256 -hmac 'whsec_stripe_test_secret_0123456789'
	// (Stripe's key is the whsec_ string as written, not decoded.)
	stripeBody := `{"id":"evt_1","type":"charge.succeeded"}`
	stripeSig := "t=1700000000,v1=3c6432d5193fdcbf093846d757c0430ecae4d635e9bed96165a96319b47b5661"
	st := mustVerifier(t, Config{Scheme: "stripe"}, Options{}, "whsec_stripe_test_secret_0123456789")
	if err := st.VerifyAt(http.Header{"Stripe-Signature": {stripeSig}}, []byte(stripeBody), now); err != nil {
		t.Errorf("Stripe, OpenSSL's digest: %v", err)
	}
	if got := mustSign(t, Config{Scheme: "stripe"}, "", now, stripeBody, "whsec_stripe_test_secret_0123456789").Get("Stripe-Signature"); got != stripeSig {
		t.Errorf("Stripe: signed %s, want %s", got, stripeSig)
	}

	//   printf '{"id":1,"topic":"orders/create"}' |
	//     openssl dgst -sha256 -hmac 'shpss_0123456789abcdef0123456789ab' -binary | base64
	shopBody := `{"id":1,"topic":"orders/create"}`
	shopSig := "0NiShyCzSPO0sKHk7r2kmP4x8xxUBkJ2sI5kZRC2J6s="
	sh := mustVerifier(t, Config{Scheme: "shopify"}, Options{}, "shpss_0123456789abcdef0123456789ab")
	if err := sh.VerifyAt(http.Header{"X-Shopify-Hmac-Sha256": {shopSig}}, []byte(shopBody), now); err != nil {
		t.Errorf("Shopify, OpenSSL's digest: %v", err)
	}
}

// TestV1aCryptoEd25519 verifies v1a signatures made directly with
// crypto/ed25519 in the format the Standard Webhooks specification gives:
// base64 of the 64-byte signature of "<id>.<timestamp>.<body>", after
// "v1a,", in a space-separated webhook-signature list.
func TestV1aCryptoEd25519(t *testing.T) {
	cfg := Config{Scheme: "standard-webhooks"}
	v := mustVerifier(t, cfg, Options{}, whpk)
	ts := strconv.FormatInt(now.Unix(), 10)
	for i, b := range []string{body, "", "plain text, not JSON", strings.Repeat("x", 100_000)} {
		id := "msg_" + strconv.Itoa(i)
		sig := ed25519.Sign(edPriv, []byte(id+"."+ts+"."+b))
		h := http.Header{}
		h.Set("webhook-id", id)
		h.Set("webhook-timestamp", ts)
		h.Set("webhook-signature", "v1a,"+base64.StdEncoding.EncodeToString(sig))
		if err := v.VerifyAt(h, []byte(b), now); err != nil {
			t.Errorf("body %d: %v", i, err)
		}
		// The same signature checked by crypto/ed25519 against what the
		// Signer writes: both sides agree on the signed content.
		signed := mustSign(t, cfg, id, now, b, whsk)
		if got := signed.Get("webhook-signature"); got != "v1a,"+base64.StdEncoding.EncodeToString(sig) {
			t.Errorf("body %d: the Signer wrote %.20s…, crypto/ed25519 %.20s…", i, got, base64.StdEncoding.EncodeToString(sig))
		}
		// ed25519 signatures are deterministic, so a changed body or id is
		// a different message and fails.
		wantKind(t, "v1a body changed", v.VerifyAt(h, []byte(b+"!"), now), ErrMismatch)
		h2 := h.Clone()
		h2.Set("webhook-id", id+"x")
		wantKind(t, "v1a id changed", v.VerifyAt(h2, []byte(b), now), ErrMismatch)
		// The signature bytes labelled v1 (HMAC) are not a usable v1.
		h3 := h.Clone()
		h3.Set("webhook-signature", "v1,"+base64.StdEncoding.EncodeToString(sig))
		wantKind(t, "v1a signature labelled v1", v.VerifyAt(h3, []byte(b), now), ErrMalformed)
	}

	// The spec's example header: a v1 and a v1a side by side. With our own
	// keys, the verifier accepts the list through either key.
	h := mustSign(t, cfg, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", now, body, whsecA, whsk)
	sigs := strings.Fields(h.Get("webhook-signature"))
	if len(sigs) != 2 || !strings.HasPrefix(sigs[0], "v1,") || !strings.HasPrefix(sigs[1], "v1a,") {
		t.Fatalf("webhook-signature %q, want a v1 and a v1a entry", h.Get("webhook-signature"))
	}
	if raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(sigs[1], "v1a,")); err != nil || len(raw) != ed25519.SignatureSize {
		t.Errorf("the v1a entry decodes to %d bytes (%v), want %d", len(raw), err, ed25519.SignatureSize)
	}
	if err := v.VerifyAt(h, []byte(body), now); err != nil {
		t.Errorf("v1 and v1a, verified with the public key: %v", err)
	}
	wantKind(t, "another public key", mustVerifier(t, cfg, Options{}, otherWhpk).VerifyAt(h, []byte(body), now), ErrMismatch)
	// A truncated v1a signature is refused as malformed, not passed to
	// ed25519 short.
	short := h.Clone()
	short.Set("webhook-signature", sigs[1][:len(sigs[1])-8])
	wantKind(t, "truncated v1a", v.VerifyAt(short, []byte(body), now), ErrMalformed)
}
