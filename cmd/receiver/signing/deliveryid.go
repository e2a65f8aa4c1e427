package signing

import (
	"errors"
	"fmt"
	"net/http"
	"unicode"
	"unicode/utf8"
)

// MaxDeliveryIDLen bounds a delivery id, in bytes: ids are stored, logged
// and echoed, and real ones (a GitHub GUID, a Standard Webhooks msg_ id)
// are well under it.
const MaxDeliveryIDLen = 256

// ErrNoDeliveryID is DeliveryID's answer when the header is absent or
// empty, so that a caller can fall back to an id in the body.
var ErrNoDeliveryID = errors.New("no delivery id")

// DeliveryID returns the delivery id a provider sends in the header name
// (X-GitHub-Delivery, webhook-id, Verifier.IDHeader), checked with
// CheckDeliveryID. A header sent twice is an error: which one is the id?
func DeliveryID(h http.Header, name string) (string, error) {
	vals := h.Values(name)
	switch {
	case len(vals) == 0 || len(vals) == 1 && vals[0] == "":
		return "", ErrNoDeliveryID
	case len(vals) > 1:
		return "", fmt.Errorf("%s: sent %d times; one is expected", http.CanonicalHeaderKey(name), len(vals))
	}
	if err := CheckDeliveryID(vals[0]); err != nil {
		return "", fmt.Errorf("%s: %v", http.CanonicalHeaderKey(name), err)
	}
	return vals[0], nil
}

// CheckDeliveryID refuses an id that is empty, longer than
// MaxDeliveryIDLen, not UTF-8, or holding a control character (which would
// forge lines in logs). Its message gives the length, never the id.
func CheckDeliveryID(id string) error {
	switch {
	case id == "":
		return errors.New("the delivery id is empty")
	case len(id) > MaxDeliveryIDLen:
		return fmt.Errorf("the delivery id is %d bytes, at most %d", len(id), MaxDeliveryIDLen)
	case !utf8.ValidString(id):
		return errors.New("the delivery id is not UTF-8")
	}
	for _, r := range id {
		if unicode.IsControl(r) {
			return fmt.Errorf("the delivery id contains the control character %U", r)
		}
	}
	return nil
}
