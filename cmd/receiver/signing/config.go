package signing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// The scheme names a Config accepts.
const (
	// SchemeStandardWebhooks is Standard Webhooks (www.standardwebhooks.com):
	// webhook-id, webhook-timestamp and webhook-signature headers, "v1"
	// (HMAC-SHA256, whsec_ secrets) and "v1a" (ed25519, whpk_ public keys)
	// signatures over "<id>.<timestamp>.<body>".
	SchemeStandardWebhooks = "standard-webhooks"
	// SchemeGitHub is GitHub's "X-Hub-Signature-256: sha256=<hex>", an
	// HMAC-SHA256 of the body; the delivery id is X-GitHub-Delivery.
	SchemeGitHub = "github"
	// SchemeShopify is Shopify's "X-Shopify-Hmac-Sha256: <base64>", an
	// HMAC-SHA256 of the body; the delivery id is X-Shopify-Webhook-Id.
	SchemeShopify = "shopify"
	// SchemeStripe is Stripe's "Stripe-Signature: t=<unix>,v1=<hex>", an
	// HMAC-SHA256 of "<t>.<body>"; other providers use the same format under
	// another header, which Config.Header names.
	SchemeStripe = "stripe"
	// SchemeHMACSHA256 is an HMAC-SHA256 of the body in a header the Config
	// names, after an optional prefix, in hex or base64.
	SchemeHMACSHA256 = "hmac-sha256"
)

// The encodings of an hmac-sha256 digest.
const (
	EncodingHex    = "hex"
	EncodingBase64 = "base64"
)

// Config declares how a provider signs its deliveries. Its JSON form is the
// one a provider manifest uses; only the fields a scheme reads may be set,
// so that a field that would be ignored is an error instead.
type Config struct {
	// Scheme is one of the Scheme constants.
	Scheme string `json:"scheme"`
	// Header carries the signature: required for hmac-sha256, optional for
	// stripe (default Stripe-Signature), fixed for the others.
	Header string `json:"header,omitempty"`
	// Prefix comes before the digest in the header, such as "sha256=";
	// hmac-sha256 only.
	Prefix string `json:"prefix,omitempty"`
	// Encoding of the digest, "hex" (the default) or "base64"; hmac-sha256
	// only.
	Encoding string `json:"encoding,omitempty"`
	// IDHeader carries the provider's delivery id, overriding the scheme's
	// default (X-GitHub-Delivery, X-Shopify-Webhook-Id); Standard Webhooks
	// always uses webhook-id, which its signature covers.
	IDHeader string `json:"id_header,omitempty"`
}

// Schemes lists the scheme names, for messages and documentation.
func Schemes() []string {
	return []string{SchemeStandardWebhooks, SchemeGitHub, SchemeShopify, SchemeStripe, SchemeHMACSHA256}
}

// ParseConfig reads a Config from JSON; an unknown field is an error.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("signing: config: %v", err)
	}
	if dec.More() {
		return Config{}, errors.New("signing: config: more than one JSON value")
	}
	if _, err := c.resolve(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// Validate reports what is wrong with c, or nil.
func (c Config) Validate() error {
	_, err := c.resolve()
	return err
}

// DeliveryIDHeader returns the header that carries the provider's
// delivery id (canonical form), or "" when the scheme names none or c is
// not valid; it is Verifier.IDHeader without needing the secrets, for a
// receiver running with verification off.
func (c Config) DeliveryIDHeader() string {
	s, err := c.resolve()
	if err != nil {
		return ""
	}
	return s.idHeader
}

// kind is how a scheme signs; several scheme names share one.
type kind int

const (
	kindStandard kind = iota + 1 // Standard Webhooks
	kindStripe                   // t=…,v1=… over "t.body"
	kindBody                     // a digest of the body alone
)

// spec is a validated Config with every default filled in.
type spec struct {
	scheme   string
	kind     kind
	header   string // the signature header (Standard Webhooks: webhook-signature)
	prefix   string
	encoding string
	idHeader string // "" when the scheme names none
}

// Standard Webhooks headers.
const (
	headerWebhookID        = "webhook-id"
	headerWebhookTimestamp = "webhook-timestamp"
	headerWebhookSignature = "webhook-signature"
)

func (c Config) resolve() (spec, error) {
	// fixed reports an error for each field set that the scheme fixes.
	fixed := func(fields ...string) error {
		var set []string
		for _, f := range fields {
			switch f {
			case "header":
				if c.Header != "" {
					set = append(set, f)
				}
			case "prefix":
				if c.Prefix != "" {
					set = append(set, f)
				}
			case "encoding":
				if c.Encoding != "" {
					set = append(set, f)
				}
			case "id_header":
				if c.IDHeader != "" {
					set = append(set, f)
				}
			}
		}
		if len(set) == 0 {
			return nil
		}
		return fmt.Errorf("signing: scheme %q fixes %s; to choose them, use %q", c.Scheme, strings.Join(set, " and "), SchemeHMACSHA256)
	}
	var s spec
	switch c.Scheme {
	case SchemeStandardWebhooks:
		if err := fixed("header", "prefix", "encoding", "id_header"); err != nil {
			return spec{}, err
		}
		s = spec{kind: kindStandard, header: headerWebhookSignature, idHeader: headerWebhookID}
	case SchemeGitHub:
		if err := fixed("header", "prefix", "encoding"); err != nil {
			return spec{}, err
		}
		s = spec{kind: kindBody, header: "X-Hub-Signature-256", prefix: "sha256=", encoding: EncodingHex, idHeader: "X-GitHub-Delivery"}
	case SchemeShopify:
		if err := fixed("header", "prefix", "encoding"); err != nil {
			return spec{}, err
		}
		s = spec{kind: kindBody, header: "X-Shopify-Hmac-Sha256", encoding: EncodingBase64, idHeader: "X-Shopify-Webhook-Id"}
	case SchemeStripe:
		if err := fixed("prefix", "encoding"); err != nil {
			return spec{}, err
		}
		s = spec{kind: kindStripe, header: "Stripe-Signature"}
		if c.Header != "" {
			s.header = c.Header
		}
	case SchemeHMACSHA256:
		if c.Header == "" {
			return spec{}, errors.New(`signing: scheme "hmac-sha256" needs "header", the header that carries the signature`)
		}
		s = spec{kind: kindBody, header: c.Header, prefix: c.Prefix, encoding: EncodingHex}
		switch c.Encoding {
		case "", EncodingHex:
		case EncodingBase64:
			s.encoding = EncodingBase64
		default:
			return spec{}, fmt.Errorf("signing: encoding %q is not %q or %q", c.Encoding, EncodingHex, EncodingBase64)
		}
		if err := checkPrefix(c.Prefix); err != nil {
			return spec{}, err
		}
	case "":
		return spec{}, fmt.Errorf("signing: no scheme; one of %s", strings.Join(Schemes(), ", "))
	default:
		return spec{}, fmt.Errorf("signing: unknown scheme %q; one of %s", c.Scheme, strings.Join(Schemes(), ", "))
	}
	s.scheme = c.Scheme
	if c.IDHeader != "" {
		s.idHeader = c.IDHeader
	}
	for _, h := range []struct{ field, name string }{{"header", s.header}, {"id_header", s.idHeader}} {
		if err := checkHeaderName(h.name); err != nil {
			return spec{}, fmt.Errorf("signing: %s: %v", h.field, err)
		}
	}
	s.header = http.CanonicalHeaderKey(s.header)
	s.idHeader = http.CanonicalHeaderKey(s.idHeader)
	return s, nil
}

// checkHeaderName accepts an HTTP field name (RFC 9110 token) or "".
func checkHeaderName(name string) error {
	if len(name) > 128 {
		return fmt.Errorf("header name is %d bytes, at most 128", len(name))
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0 {
			continue
		}
		return fmt.Errorf("%q is not an HTTP header name", name)
	}
	return nil
}

// checkPrefix accepts printable ASCII without spaces: a prefix is a marker
// such as "sha256=", and anything else is more likely a mistake.
func checkPrefix(p string) error {
	if len(p) > 64 {
		return fmt.Errorf("signing: prefix is %d bytes, at most 64", len(p))
	}
	for i := 0; i < len(p); i++ {
		if p[i] <= ' ' || p[i] > '~' {
			return fmt.Errorf("signing: prefix %q has a character that is not printable ASCII", p)
		}
	}
	return nil
}
