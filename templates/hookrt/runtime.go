// Package hookrt is the runtime that hookgen copies into every generated
// package, so generated code needs nothing but the standard library. It is
// an ordinary package here so that it is compiled, vetted and tested like any
// other; the generator copies this file with the package clause replaced.
package hookrt

import "encoding/json"

// Optional is a property that may be absent. Set says whether it was
// present; with the `omitzero` tag an unset Optional is left out when
// encoding.
type Optional[T any] struct {
	Value T
	Set   bool
}

// Get returns the value and whether it was present.
func (o Optional[T]) Get() (T, bool) { return o.Value, o.Set }

// IsZero reports whether the property is absent (for `omitzero`).
func (o Optional[T]) IsZero() bool { return !o.Set }

// MarshalJSON encodes the value.
func (o Optional[T]) MarshalJSON() ([]byte, error) { return json.Marshal(o.Value) }

// UnmarshalJSON decodes a present property.
func (o *Optional[T]) UnmarshalJSON(data []byte) error {
	o.Set = true
	return json.Unmarshal(data, &o.Value)
}

// Nullable is a property that is always present but may be null.
//
// Its zero value is present and not null: it holds Value's zero value and
// encodes as that ("", 0, false), not as null. To send null, set Null:
// Nullable[string]{Null: true}. The zero value stays a value on purpose:
// Nullable[T]{Value: v} then means v, as a required field's v does beside
// it; with a Valid flag instead, {Value: v} would encode as null and lose v
// without a word. Validate judges a zero Nullable as the value it holds.
type Nullable[T any] struct {
	Value T
	Null  bool
}

// Get returns the value and whether it was not null.
func (n Nullable[T]) Get() (T, bool) { return n.Value, !n.Null }

// MarshalJSON encodes null or the value.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON decodes null or a value.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	var zero T
	n.Value = zero
	n.Null = string(data) == "null"
	if n.Null {
		return nil
	}
	return json.Unmarshal(data, &n.Value)
}

// OptionalNullable is a property that may be absent, null, or a value:
// three states that a webhook handler often must tell apart ("not sent" is
// not "cleared").
type OptionalNullable[T any] struct {
	Value T
	Set   bool
	Null  bool
}

// Get returns the value and whether it was present and not null.
func (o OptionalNullable[T]) Get() (T, bool) { return o.Value, o.Set && !o.Null }

// IsZero reports whether the property is absent (for `omitzero`).
func (o OptionalNullable[T]) IsZero() bool { return !o.Set }

// MarshalJSON encodes null or the value.
func (o OptionalNullable[T]) MarshalJSON() ([]byte, error) {
	if o.Null {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// UnmarshalJSON decodes a present property: null or a value.
func (o *OptionalNullable[T]) UnmarshalJSON(data []byte) error {
	var zero T
	o.Value = zero
	o.Set = true
	o.Null = string(data) == "null"
	if o.Null {
		return nil
	}
	return json.Unmarshal(data, &o.Value)
}

// JSONType names a JSON type: the Type field of a union (a value that may
// be of several JSON types) says which of its fields holds the value.
type JSONType string

// The JSON types a union may hold; a union whose Type is "" holds nothing.
const (
	JSONBoolean JSONType = "boolean"
	JSONInteger JSONType = "integer"
	JSONNumber  JSONType = "number"
	JSONString  JSONType = "string"
	JSONArray   JSONType = "array"
	JSONObject  JSONType = "object"
)

// ProviderInfo describes how a provider delivers webhooks, from its
// manifest (hookgen.json): what a receiver needs before it parses. The
// signing fields are the manifest's "signing" as written, the JSON form of
// cmd/receiver/signing's Config (Scheme, Header, Prefix, Encoding,
// IDHeader), so a receiver builds its verifier from them unchanged.
type ProviderInfo struct {
	// Name is the provider's folder name, Title its name for people.
	Name, Title string
	// Signing is the signature scheme: "standard-webhooks", "github",
	// "shopify", "stripe", "hmac-sha256", or "" when the manifest names
	// none.
	Signing string
	// SignatureHeader and SignaturePrefix locate the signature where the
	// scheme lets the manifest choose: "X-AgenticFlow-Signature:
	// sha256=<hex>"; "" for the scheme's default.
	SignatureHeader, SignaturePrefix string
	// SignatureEncoding is "hex" or "base64" for hmac-sha256, "" for the
	// default (hex).
	SignatureEncoding string
	// DeliveryIDHeader is the header carrying the delivery id, where the
	// manifest overrides the scheme's (X-GitHub-Delivery, webhook-id, ...).
	DeliveryIDHeader string
	// DeliveryID is the JSON pointer of a per-delivery id in the payload,
	// "" when the payload carries none.
	DeliveryID string
	// EventHeader is the header naming the event (X-GitHub-Event), ""
	// when the body or the endpoint names it; Discriminator the body's
	// properties that do.
	EventHeader   string
	Discriminator []string
}
