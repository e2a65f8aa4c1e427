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

// What went wrong with a delivery's signature; a *Error wraps one of them,
// so errors.Is tells them apart.
var (
	// ErrMissing: a header the scheme needs is absent or empty.
	ErrMissing = errors.New("signature missing")
	// ErrMalformed: a header is there but cannot be read (not hex, no
	// prefix, sent twice, too long, a timestamp that is not a number).
	ErrMalformed = errors.New("signature malformed")
	// ErrTimestamp: the signed timestamp is further from now than the
	// tolerance, in either direction.
	ErrTimestamp = errors.New("timestamp outside tolerance")
	// ErrMismatch: no signature matches any key.
	ErrMismatch = errors.New("signature does not match")
)

// Error says which header was wrong and how. It never holds a secret or a
// value copied from the request (only lengths, counts, positions and how
// far a timestamp is from now), so it can be logged and answered as it is.
type Error struct {
	Kind   error  // ErrMissing, ErrMalformed, ErrTimestamp or ErrMismatch
	Header string // the header at fault, canonical form
	Detail string
}

func (e *Error) Error() string { return e.Header + ": " + e.Detail }

// Unwrap returns Kind, for errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

// Limits on what a request may make the verifier do.
const (
	// MaxHeaderLen bounds a signature header; longer is malformed.
	MaxHeaderLen = 8 << 10
	// MaxSignatures bounds the signatures one header may list (Standard
	// Webhooks, Stripe). A sender rotating both an HMAC secret and an
	// ed25519 key sends four. Each v1a entry costs one ed25519
	// verification per public key, and each hashes the whole body, so an
	// unauthenticated request can make the receiver hash its body
	// MaxSignatures × keys times: the bound keeps that small
	// (BenchmarkVerify's "worst" cases measure it).
	MaxSignatures = 8
	// DefaultTolerance is how far a signed timestamp may be from now when
	// Options.Tolerance is zero.
	DefaultTolerance = 5 * time.Minute
)

// Options tune a Verifier.
type Options struct {
	// Tolerance is how far a signed timestamp (Standard Webhooks, Stripe)
	// may be from now, in the past or the future; zero means
	// DefaultTolerance, negative is an error. Schemes that sign no
	// timestamp (github, shopify, hmac-sha256) cannot refuse a replay;
	// dedupe on the delivery id instead.
	Tolerance time.Duration
}

// Verifier checks deliveries for one provider. It is safe for concurrent
// use.
type Verifier struct {
	spec      spec
	keys      []key
	tolerance time.Duration
}

// New builds a Verifier for cfg from the provider's secrets, each taken
// whole (see ParseSecrets to read them from one string). Several secrets
// rotate: a delivery signed with any of them is accepted. Standard Webhooks
// takes whsec_ secrets (v1) and whpk_ public keys (v1a), mixed as needed.
func New(cfg Config, secrets []string, opts Options) (*Verifier, error) {
	s, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	if opts.Tolerance < 0 {
		return nil, fmt.Errorf("signing: tolerance %s is negative", opts.Tolerance)
	}
	if opts.Tolerance == 0 {
		opts.Tolerance = DefaultTolerance
	}
	keys, err := parseKeys(s, secrets, false)
	if err != nil {
		return nil, err
	}
	return &Verifier{spec: s, keys: keys, tolerance: opts.Tolerance}, nil
}

// Scheme returns the Config's scheme name.
func (v *Verifier) Scheme() string { return v.spec.scheme }

// IDHeader returns the header that carries the provider's delivery id
// (canonical form), or "" when the scheme names none; see DeliveryID.
func (v *Verifier) IDHeader() string { return v.spec.idHeader }

// String describes v without its keys, so printing a Verifier by mistake
// shows no secret.
func (v *Verifier) String() string {
	return fmt.Sprintf("signing.Verifier{scheme: %s, header: %s, keys: %d}", v.spec.scheme, v.spec.header, len(v.keys))
}

// GoString is String, for %#v.
func (v *Verifier) GoString() string { return v.String() }

// Verify checks the signature of a delivery on its raw body, as of now.
func (v *Verifier) Verify(h http.Header, body []byte) error {
	return v.VerifyAt(h, body, time.Now())
}

// VerifyAt checks the signature as of the time now; a nil error means the
// delivery is authentic. Otherwise the error is an *Error.
func (v *Verifier) VerifyAt(h http.Header, body []byte, now time.Time) error {
	c, err := v.readClaim(h, now)
	if err != nil {
		return err
	}
	return v.match(c, body)
}

// Precheck reports, without the body, every refusal VerifyAt can decide
// from the headers alone: a header missing, malformed or repeated, and a
// timestamp outside the tolerance. A server calls it before reading the
// body, so such a request costs no body bytes; a nil answer proves nothing
// until VerifyAt has checked the body.
func (v *Verifier) Precheck(h http.Header, now time.Time) error {
	_, err := v.readClaim(h, now)
	return err
}

// claim is what a delivery's headers say, read and checked before the body
// is looked at.
type claim struct {
	header string   // the signature header, for messages
	prefix []byte   // what is signed before the body: "<id>.<ts>.", "<t>." or nothing
	v1     [][]byte // HMAC-SHA256 digests
	v1a    [][]byte // ed25519 signatures (Standard Webhooks)
}

func (v *Verifier) readClaim(h http.Header, now time.Time) (claim, error) {
	switch v.spec.kind {
	case kindStandard:
		return v.readStandard(h, now)
	case kindStripe:
		return v.readStripe(h, now)
	}
	return v.readBody(h)
}

// header returns the one value of a header, refusing it absent, empty,
// repeated or too long: two signature headers would leave it to chance
// which one is checked.
func header(h http.Header, name string) (string, error) {
	name = http.CanonicalHeaderKey(name)
	vals := h.Values(name)
	switch {
	case len(vals) == 0 || len(vals) == 1 && vals[0] == "":
		return "", &Error{ErrMissing, name, "missing"}
	case len(vals) > 1:
		return "", &Error{ErrMalformed, name, fmt.Sprintf("sent %d times; one is expected", len(vals))}
	case len(vals[0]) > MaxHeaderLen:
		return "", &Error{ErrMalformed, name, fmt.Sprintf("is %d bytes, at most %d", len(vals[0]), MaxHeaderLen)}
	}
	return vals[0], nil
}

func (v *Verifier) readBody(h http.Header) (claim, error) {
	name := v.spec.header
	val, err := header(h, name)
	if err != nil {
		return claim{}, err
	}
	digest, ok := strings.CutPrefix(val, v.spec.prefix)
	if !ok {
		return claim{}, &Error{ErrMalformed, name, fmt.Sprintf("does not start with %q", v.spec.prefix)}
	}
	var got []byte
	if v.spec.encoding == EncodingBase64 {
		got, err = base64.StdEncoding.DecodeString(digest)
	} else {
		got, err = hex.DecodeString(digest)
	}
	if err != nil {
		return claim{}, &Error{ErrMalformed, name, "the digest is not " + v.spec.encoding}
	}
	if len(got) != sha256.Size {
		return claim{}, &Error{ErrMalformed, name, fmt.Sprintf("the digest is %d bytes; an HMAC-SHA256 is %d", len(got), sha256.Size)}
	}
	return claim{header: name, v1: [][]byte{got}}, nil
}

func (v *Verifier) readStandard(h http.Header, now time.Time) (claim, error) {
	id, err := header(h, headerWebhookID)
	if err != nil {
		return claim{}, err
	}
	ts, err := header(h, headerWebhookTimestamp)
	if err != nil {
		return claim{}, err
	}
	sigs, err := header(h, headerWebhookSignature)
	if err != nil {
		return claim{}, err
	}
	if err := v.checkTime(http.CanonicalHeaderKey(headerWebhookTimestamp), ts, now); err != nil {
		return claim{}, err
	}
	name := http.CanonicalHeaderKey(headerWebhookSignature)
	v1, v1a, err := parseStandardSignatures(sigs)
	if err != nil {
		return claim{}, &Error{ErrMalformed, name, err.Error()}
	}
	return claim{header: name, prefix: []byte(id + "." + ts + "."), v1: v1, v1a: v1a}, nil
}

func (v *Verifier) readStripe(h http.Header, now time.Time) (claim, error) {
	name := v.spec.header
	val, err := header(h, name)
	if err != nil {
		return claim{}, err
	}
	ts, v1, err := parseStripeHeader(val)
	if err != nil {
		return claim{}, &Error{ErrMalformed, name, err.Error()}
	}
	if err := v.checkTime(name, ts, now); err != nil {
		return claim{}, err
	}
	return claim{header: name, prefix: []byte(ts + "."), v1: v1}, nil
}

// match checks the claimed signatures against the keys: one HMAC per key
// over prefix and body, compared in constant time with each v1 digest;
// each ed25519 signature verified against each public key.
func (v *Verifier) match(c claim, body []byte) error {
	var hmacKeys, pubKeys int
	for _, k := range v.keys {
		if k.hmac == nil {
			pubKeys++
			continue
		}
		hmacKeys++
		if len(c.v1) == 0 {
			continue
		}
		m := hmac.New(sha256.New, k.hmac)
		m.Write(c.prefix)
		m.Write(body)
		sum := m.Sum(nil)
		for _, got := range c.v1 {
			if hmac.Equal(got, sum) {
				return nil
			}
		}
	}
	if len(c.v1a) > 0 && pubKeys > 0 {
		// crypto/ed25519 takes the message whole.
		msg := append(append(make([]byte, 0, len(c.prefix)+len(body)), c.prefix...), body...)
		for _, sig := range c.v1a {
			for _, k := range v.keys {
				if k.pub != nil && ed25519.Verify(k.pub, msg, sig) {
					return nil
				}
			}
		}
	}
	var detail string
	switch {
	case len(c.v1a) == 0 && hmacKeys == 0:
		detail = fmt.Sprintf("has only v1 (HMAC) signatures, and the %d key(s) given are whpk_ (v1a); give the whsec_ secret", len(v.keys))
	case len(c.v1) == 0 && pubKeys == 0:
		detail = fmt.Sprintf("has only v1a (ed25519) signatures, and the %d key(s) given are whsec_ (v1); give the whpk_ public key", len(v.keys))
	default:
		detail = fmt.Sprintf("none of %d signature(s) matches any of %d key(s)", len(c.v1)+len(c.v1a), len(v.keys))
	}
	return &Error{ErrMismatch, c.header, detail}
}

// checkTime reads a Unix time in seconds and refuses it outside the
// tolerance either way: too old is a replay, too new a clock to fix.
func (v *Verifier) checkTime(name, ts string, now time.Time) error {
	sec, err := parseUnix(ts)
	if err != nil {
		return &Error{ErrMalformed, name, err.Error()}
	}
	d := now.Sub(time.Unix(sec, 0))
	switch {
	case d > v.tolerance:
		return &Error{ErrTimestamp, name, fmt.Sprintf("the timestamp is %s old; the tolerance is %s", d.Truncate(time.Second), v.tolerance)}
	case d < -v.tolerance:
		return &Error{ErrTimestamp, name, fmt.Sprintf("the timestamp is %s in the future; the tolerance is %s", (-d).Truncate(time.Second), v.tolerance)}
	}
	return nil
}

// parseUnix reads decimal seconds: digits only (no sign, no space), and at
// most 12 of them, so that no value overflows time arithmetic.
func parseUnix(ts string) (int64, error) {
	if ts == "" || len(ts) > 12 {
		return 0, fmt.Errorf("the timestamp is not Unix seconds (%d characters)", len(ts))
	}
	for i := 0; i < len(ts); i++ {
		if ts[i] < '0' || ts[i] > '9' {
			return 0, errors.New("the timestamp is not Unix seconds (a character is not a digit)")
		}
	}
	return strconv.ParseInt(ts, 10, 64)
}

// parseStandardSignatures reads a webhook-signature header: space-separated
// "<version>,<base64>" entries, returning the v1 digests and the v1a
// signatures. Versions other than v1 and v1a are skipped (the spec lets
// senders add schemes), as is an entry that cannot match: base64 that does
// not decode, or a length that is not an HMAC-SHA256's or an ed25519
// signature's; a good signature beside it still counts. An entry without a
// comma, more than MaxSignatures entries, or none usable makes the header
// malformed.
func parseStandardSignatures(val string) (v1, v1a [][]byte, err error) {
	fields := strings.Fields(val)
	if len(fields) > MaxSignatures {
		return nil, nil, fmt.Errorf("lists %d signatures, at most %d", len(fields), MaxSignatures)
	}
	for i, f := range fields {
		version, b64, ok := strings.Cut(f, ",")
		if !ok || version == "" {
			return nil, nil, fmt.Errorf("signature %d is not <version>,<base64>", i+1)
		}
		sig, err := base64.StdEncoding.DecodeString(b64)
		switch {
		case err != nil:
		case version == "v1" && len(sig) == sha256.Size:
			v1 = append(v1, sig)
		case version == "v1a" && len(sig) == ed25519.SignatureSize:
			v1a = append(v1a, sig)
		}
	}
	if len(v1)+len(v1a) == 0 {
		return nil, nil, errors.New("no usable v1 or v1a signature")
	}
	return v1, v1a, nil
}

// parseStripeHeader reads "t=<unix>,v1=<hex>[,v1=<hex>…][,<other>=…]":
// exactly one t, returned as sent (it is signed as sent); v1 signatures
// that are not 32 bytes of hex are skipped (they cannot match); other
// schemes (v0, future ones) are ignored, as Stripe's own libraries do.
func parseStripeHeader(val string) (ts string, v1 [][]byte, err error) {
	items := strings.Split(val, ",")
	if len(items) > MaxSignatures+1 {
		return "", nil, fmt.Errorf("lists %d items, at most %d", len(items), MaxSignatures+1)
	}
	seenT := false
	for i, item := range items {
		k, v, ok := strings.Cut(item, "=")
		if !ok || k == "" {
			return "", nil, fmt.Errorf("item %d is not <key>=<value>", i+1)
		}
		switch k {
		case "t":
			if seenT {
				return "", nil, errors.New("has more than one t")
			}
			seenT = true
			ts = v
		case "v1":
			sig, err := hex.DecodeString(v)
			if err == nil && len(sig) == sha256.Size {
				v1 = append(v1, sig)
			}
		}
	}
	if !seenT {
		return "", nil, errors.New("has no t=<timestamp>")
	}
	if len(v1) == 0 {
		return "", nil, errors.New("has no v1 signature")
	}
	return ts, v1, nil
}
