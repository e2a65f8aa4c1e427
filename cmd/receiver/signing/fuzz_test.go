package signing

import (
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// FuzzParseStandardSignatures: any header either parses into at most
// MaxSignatures signatures of the right sizes (32-byte v1, 64-byte v1a),
// or is refused; it never panics.
func FuzzParseStandardSignatures(f *testing.F) {
	for _, s := range []string{
		"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
		"v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==",
		"v2,abc v1,", "", "  ", ",", "v1,,", "v1a,====",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, val string) {
		v1, v1a, err := parseStandardSignatures(val)
		if err != nil {
			if v1 != nil || v1a != nil {
				t.Errorf("%q: signatures and an error", val)
			}
			return
		}
		if n := len(v1) + len(v1a); n == 0 || n > MaxSignatures {
			t.Errorf("%q: %d signatures", val, n)
		}
		for _, s := range v1 {
			if len(s) != sha256.Size {
				t.Errorf("%q: a v1 of %d bytes", val, len(s))
			}
		}
		for _, s := range v1a {
			if len(s) != ed25519.SignatureSize {
				t.Errorf("%q: a v1a of %d bytes", val, len(s))
			}
		}
	})
}

// FuzzParseStripeHeader: any header either parses into exactly one
// timestamp and 32-byte v1 signatures, or is refused; it never panics.
func FuzzParseStripeHeader(f *testing.F) {
	for _, s := range []string{
		"t=1700000000,v1=3c6432d5193fdcbf093846d757c0430ecae4d635e9bed96165a96319b47b5661",
		"t=1,v1=00,v0=ff", "t=,v1=", "=", ",,", "t=1,t=2", "v1=ab,t=3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, val string) {
		ts, v1, err := parseStripeHeader(val)
		if err != nil {
			return
		}
		if strings.Count(","+val, ",t=") != 1 || !strings.Contains(","+val, ",t="+ts) {
			t.Errorf("%q: accepted without exactly one t, or another t (%q)", val, ts)
		}
		if len(v1) == 0 || len(v1) > MaxSignatures {
			t.Errorf("%q: %d v1 signatures", val, len(v1))
		}
		for _, s := range v1 {
			if len(s) != sha256.Size {
				t.Errorf("%q: a v1 of %d bytes", val, len(s))
			}
		}
	})
}

// FuzzVerify: whatever the headers say, a verifier never panics, answers
// with a *Error of a known kind, and never accepts a forgery (the fuzzer
// does not know the keys, so an acceptance is a bug).
func FuzzVerify(f *testing.F) {
	f.Add("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "msg_1", "1700000000", []byte(body))
	f.Add("t=1700000000,v1=3c6432d5193fdcbf093846d757c0430ecae4d635e9bed96165a96319b47b5661", "", "", []byte("{}"))
	f.Add("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "x", "1", []byte("Hello, World!"))
	f.Add("0NiShyCzSPO0sKHk7r2kmP4x8xxUBkJ2sI5kZRC2J6s=", "", "", []byte(nil))
	var verifiers []*Verifier
	for _, sc := range schemes {
		v, err := New(sc.cfg, []string{sc.verify}, Options{})
		if err != nil {
			f.Fatal(err)
		}
		verifiers = append(verifiers, v)
	}
	f.Fuzz(func(t *testing.T, sig, id, ts string, b []byte) {
		for _, v := range verifiers {
			h := http.Header{}
			h.Set(v.spec.header, sig)
			h.Set("webhook-id", id)
			h.Set("webhook-timestamp", ts)
			err := v.VerifyAt(h, b, now)
			if err == nil {
				t.Fatalf("%s accepted a forgery: %v %q", v.Scheme(), h, b)
			}
			var e *Error
			if !errors.As(err, &e) || !(errors.Is(err, ErrMissing) || errors.Is(err, ErrMalformed) || errors.Is(err, ErrTimestamp) || errors.Is(err, ErrMismatch)) {
				t.Fatalf("%s: %v is not a *Error of a known kind", v.Scheme(), err)
			}
			// Precheck refuses exactly what VerifyAt refuses before the
			// body, with the same error, and passes the rest on.
			pre := v.Precheck(h, now)
			if errors.Is(err, ErrMismatch) != (pre == nil) || pre != nil && pre.Error() != err.Error() {
				t.Fatalf("%s: Precheck %v, VerifyAt %v", v.Scheme(), pre, err)
			}
		}
	})
}

// FuzzParseSecrets: secrets without line breaks or edge white space come
// back whole from their newline-joined list; nothing returned ever holds a
// line break or edge white space.
func FuzzParseSecrets(f *testing.F) {
	f.Add("agenticflow secret", "whsec_abc", "\n")
	f.Add("a b c", " d", "\r\n")
	f.Fuzz(func(t *testing.T, a, b, sep string) {
		if sep != "\n" && sep != "\r\n" {
			sep = "\n"
		}
		got, err := ParseSecrets(a + sep + b)
		for _, s := range got {
			if checkWhole(s) != nil {
				t.Fatalf("ParseSecrets(%q) returned %q", a+sep+b, s)
			}
		}
		if checkWhole(a) == nil && checkWhole(b) == nil {
			if err != nil || len(got) != 2 || got[0] != a || got[1] != b {
				t.Fatalf("ParseSecrets(%q) = %q, %v; want [%q %q]", a+sep+b, got, err, a, b)
			}
		}
	})
}
