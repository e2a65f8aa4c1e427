package signing

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Signer signs deliveries the way a provider does, for tests and for
// `receiver send`. It is safe for concurrent use.
type Signer struct {
	spec spec
	keys []key
}

// NewSigner builds a Signer for cfg. Standard Webhooks and Stripe put one
// signature per secret in their header, the way a sender rotating its
// secrets does; the schemes with a single digest (github, shopify,
// hmac-sha256) sign with the first secret only, so list the newest first.
// Standard Webhooks takes whsec_ secrets (v1) and whsk_ secret keys (v1a).
func NewSigner(cfg Config, secrets []string) (*Signer, error) {
	s, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	keys, err := parseKeys(s, secrets, true)
	if err != nil {
		return nil, err
	}
	return &Signer{spec: s, keys: keys}, nil
}

// String describes s without its keys.
func (s *Signer) String() string {
	return fmt.Sprintf("signing.Signer{scheme: %s, header: %s, keys: %d}", s.spec.scheme, s.spec.header, len(s.keys))
}

// GoString is String, for %#v.
func (s *Signer) GoString() string { return s.String() }

// Sign returns the headers that sign body as sent at the time at: the
// signature header(s), and the delivery id header when the scheme has one
// and id is not empty (Standard Webhooks signs the id, so there it is
// required).
func (s *Signer) Sign(id string, at time.Time, body []byte) (http.Header, error) {
	if strings.ContainsAny(id, "\r\n") {
		return nil, errors.New("signing: the delivery id contains a line break")
	}
	h := http.Header{}
	ts := strconv.FormatInt(at.Unix(), 10)
	switch s.spec.kind {
	case kindStandard:
		if id == "" {
			return nil, errors.New("signing: Standard Webhooks signs the webhook-id; give one")
		}
		signed := signedContent(id, ts, body)
		sigs := make([]string, len(s.keys))
		for i, k := range s.keys {
			if k.priv != nil {
				sigs[i] = "v1a," + base64.StdEncoding.EncodeToString(ed25519.Sign(k.priv, signed))
			} else {
				sigs[i] = "v1," + base64.StdEncoding.EncodeToString(hmacSHA256(k.hmac, signed))
			}
		}
		h.Set(headerWebhookID, id)
		h.Set(headerWebhookTimestamp, ts)
		h.Set(headerWebhookSignature, strings.Join(sigs, " "))
		return h, nil
	case kindStripe:
		signed := stripeSignedContent(ts, body)
		items := []string{"t=" + ts}
		for _, k := range s.keys {
			items = append(items, "v1="+hex.EncodeToString(hmacSHA256(k.hmac, signed)))
		}
		h.Set(s.spec.header, strings.Join(items, ","))
	default:
		mac := hmacSHA256(s.keys[0].hmac, body)
		if s.spec.encoding == EncodingBase64 {
			h.Set(s.spec.header, s.spec.prefix+base64.StdEncoding.EncodeToString(mac))
		} else {
			h.Set(s.spec.header, s.spec.prefix+hex.EncodeToString(mac))
		}
	}
	if id != "" && s.spec.idHeader != "" {
		h.Set(s.spec.idHeader, id)
	}
	return h, nil
}

func hmacSHA256(key, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return m.Sum(nil)
}

// signedContent is what Standard Webhooks signs: "<id>.<timestamp>.<body>".
func signedContent(id, ts string, body []byte) []byte {
	return append([]byte(id+"."+ts+"."), body...)
}

// stripeSignedContent is what Stripe signs: "<t>.<body>".
func stripeSignedContent(ts string, body []byte) []byte {
	return append([]byte(ts+"."), body...)
}
