package signing_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/signing"
)

// A provider declares its signing style as JSON (as a manifest would),
// the receiver reads its secrets from one variable, one per line, and
// verifies each delivery on the raw body.
func Example() {
	cfg, err := signing.ParseConfig([]byte(`{"scheme":"hmac-sha256","header":"X-AgenticFlow-Signature","prefix":"sha256=","encoding":"hex"}`))
	if err != nil {
		panic(err)
	}
	// Rotating: the new secret and the old one, one per line. The space
	// inside each is part of the secret.
	secrets, err := signing.ParseSecrets("agenticflow secret 2026\nagenticflow secret 2025")
	if err != nil {
		panic(err)
	}
	v, err := signing.New(cfg, secrets, signing.Options{Tolerance: 5 * time.Minute})
	if err != nil {
		panic(err)
	}

	// The sender's side, as `receiver send` and tests do it.
	s, err := signing.NewSigner(cfg, []string{"agenticflow secret 2025"})
	if err != nil {
		panic(err)
	}
	body := []byte(`{"event":"agent.run.completed"}`)
	h, err := s.Sign("", time.Now(), body)
	if err != nil {
		panic(err)
	}

	fmt.Println(v.Verify(h, body))
	err = v.Verify(h, []byte(`{"event":"agent.run.failed"}`))
	fmt.Println(errors.Is(err, signing.ErrMismatch), err)
	fmt.Println(v)
	// Output:
	// <nil>
	// true X-Agenticflow-Signature: none of 1 signature(s) matches any of 2 key(s)
	// signing.Verifier{scheme: hmac-sha256, header: X-Agenticflow-Signature, keys: 2}
}

// Standard Webhooks v1a: the sender keeps the whsk_ secret key, the
// receiver is given only the whpk_ public key.
func ExamplePublicKey() {
	secretKey := "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk="
	publicKey, err := signing.PublicKey(secretKey)
	if err != nil {
		panic(err)
	}
	fmt.Println(publicKey)

	cfg := signing.Config{Scheme: signing.SchemeStandardWebhooks}
	s, _ := signing.NewSigner(cfg, []string{secretKey})
	v, _ := signing.New(cfg, []string{publicKey}, signing.Options{})
	body := []byte(`{"type":"user.created"}`)
	h, _ := s.Sign("msg_1", time.Now(), body)
	fmt.Println(v.Verify(h, body))
	id, err := signing.DeliveryID(h, v.IDHeader())
	fmt.Println(id, err)
	// Output:
	// whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=
	// <nil>
	// msg_1 <nil>
}
