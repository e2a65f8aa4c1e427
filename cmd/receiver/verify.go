package main

import (
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

// Standard Webhooks headers (https://www.standardwebhooks.com).
const (
	headerID        = "webhook-id"
	headerTimestamp = "webhook-timestamp"
	headerSignature = "webhook-signature"
)

var errSignature = errors.New("signature does not match")

// parseSecrets reads a provider's secrets: one or more, separated by
// spaces, so a secret can be rotated without downtime. Standard Webhooks
// secrets are "whsec_<base64>"; hmac-sha256 secrets are used as written.
func parseSecrets(signing, value string) ([][]byte, error) {
	var keys [][]byte
	for _, s := range strings.Fields(value) {
		if signing != "standard-webhooks" {
			keys = append(keys, []byte(s))
			continue
		}
		key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, "whsec_"))
		if err != nil || len(key) == 0 {
			return nil, fmt.Errorf("a Standard Webhooks secret is whsec_ followed by base64: %v", err)
		}
		keys = append(keys, key)
	}
	return keys, nil
}

// verify checks the signature of a delivery on its raw body, comparing in
// constant time. It returns what was wrong, never a secret.
func verify(p *provider, keys [][]byte, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	switch p.signing {
	case "hmac-sha256":
		return verifyHMAC(keys, h.Get(p.header), p.prefix, body)
	default:
		return verifyStandard(keys, h, body, now, tolerance)
	}
}

func verifyHMAC(keys [][]byte, header, prefix string, body []byte) error {
	if header == "" {
		return errors.New("missing signature header")
	}
	got, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(header), prefix))
	if err != nil {
		return errors.New("signature is not hex")
	}
	for _, key := range keys {
		mac := hmac.New(sha256.New, key)
		mac.Write(body)
		if hmac.Equal(got, mac.Sum(nil)) {
			return nil
		}
	}
	return errSignature
}

func verifyStandard(keys [][]byte, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	id, ts, sigs := h.Get(headerID), h.Get(headerTimestamp), h.Get(headerSignature)
	if id == "" || ts == "" || sigs == "" {
		return errors.New("missing webhook-id, webhook-timestamp or webhook-signature")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("webhook-timestamp is not a number")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("webhook-timestamp is outside the %s tolerance", tolerance)
	}
	signed := make([]byte, 0, len(id)+len(ts)+len(body)+2)
	signed = append(append(append(append(append(signed, id...), '.'), ts...), '.'), body...)
	for _, key := range keys {
		mac := hmac.New(sha256.New, key)
		mac.Write(signed)
		want := mac.Sum(nil)
		for _, s := range strings.Fields(sigs) {
			version, b64, ok := strings.Cut(s, ",")
			if !ok || version != "v1" {
				continue
			}
			got, err := base64.StdEncoding.DecodeString(b64)
			if err == nil && hmac.Equal(got, want) {
				return nil
			}
		}
	}
	return errSignature
}

// sign returns the headers that sign body for p with key, as the provider
// would send them (used by `receiver send` and the tests).
func sign(p *provider, key []byte, id string, now time.Time, body []byte) http.Header {
	h := http.Header{}
	if p.signing == "hmac-sha256" {
		mac := hmac.New(sha256.New, key)
		mac.Write(body)
		h.Set(p.header, p.prefix+hex.EncodeToString(mac.Sum(nil)))
		return h
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "."))
	mac.Write(body)
	h.Set(headerID, id)
	h.Set(headerTimestamp, ts)
	h.Set(headerSignature, "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	return h
}

// verifier is the one seam between the server and signature checking: it
// turns a provider and its secrets into the check hookserve runs on the
// raw body before anything else. A signing package can take its place
// without the server changing.
func verifier(p *provider, keys [][]byte, tolerance time.Duration, now func() time.Time) func(http.Header, []byte) error {
	return func(h http.Header, body []byte) error { return verify(p, keys, h, body, now(), tolerance) }
}
