// Package hookserve serves webhook deliveries for any set of hookgen
// generated packages: the signature verified on the raw body before
// anything else, the payload parsed and validated by the generated code,
// every accepted delivery stored durably (SQLite, or PostgreSQL shared by
// several replicas) before the 2xx, repeats answered as duplicates, and
// handlers run from that inbox by a worker pool with leases, retries and
// a dead-letter state, so each delivery is handled exactly once.
//
// A team wires its generated package in with one Provider, verifying with
// the signing package (see Example):
//
//	v, err := signing.New(signing.Config{Scheme: "github"}, secrets, signing.Options{})
//	...
//	p := &hookserve.Provider{
//		Name:   shop.Provider.Name,
//		Verify: v.Verify, Precheck: v.Precheck, IDHeader: v.IDHeader(),
//		Parse: func(b []byte) (hookserve.Parsed, error) {
//			ev, err := shop.Parse(b)
//			if ev == nil {
//				return hookserve.Parsed{}, err
//			}
//			_, unknown := ev.(*shop.UnknownEvent)
//			return hookserve.Parsed{Type: string(ev.EventType()), Unknown: unknown, Event: ev}, err
//		},
//		DeliveryIDOf: shop.DeliveryIDOf,
//	}
//
// A provider that names the event in a header (GitHub's X-GitHub-Event)
// sets ParseRequest and ParseAs, from the generated ParseRequest and
// ParseAs, in place of Parse (see github_test.go).
package hookserve

import (
	"net/http"
	"time"
)

// Provider is what the server needs of one generated package. Each
// package has its own types, so this small adapter is all a team writes.
type Provider struct {
	Name string // the path is /webhooks/<Name>

	// Verify checks a delivery's signature against its raw body; the
	// error says what was wrong and never holds a secret. nil Verify is
	// refused by New unless the server is insecure. A
	// *signing.Verifier's Verify method is one.
	Verify func(h http.Header, body []byte) error

	// Precheck refuses, before the body is read, a request whose
	// signature headers are already wrong (missing, malformed, or a
	// timestamp outside the tolerance), so it costs no body bytes; now is
	// the server's clock. Optional; a *signing.Verifier's Precheck method
	// is one. Verify still decides.
	Precheck func(h http.Header, now time.Time) error

	// Parse decodes and validates a body (the generated Parse). Unknown
	// events are kept, not refused. A provider that names the event in a
	// header (GitHub's X-GitHub-Event) sets ParseRequest and ParseAs
	// instead: one of Parse and ParseRequest is required.
	Parse func(body []byte) (Parsed, error)

	// ParseRequest decodes and validates a request from its headers and
	// body (the generated ParseRequest); when set, the server uses it in
	// place of Parse.
	ParseRequest func(h http.Header, body []byte) (Parsed, error)

	// ParseAs decodes a stored body as the event type found when it was
	// received (the generated ParseAs). The inbox stores the body, not
	// the headers, so it is required with ParseRequest unless Parse is
	// set; when set, the inbox uses it in place of Parse.
	ParseAs func(eventType string, body []byte) (Parsed, error)

	// DeliveryIDOf returns the delivery id a payload carries, if any (the
	// generated DeliveryIDOf). Optional.
	DeliveryIDOf func(body []byte) (string, bool)

	// IDHeader names a header holding the delivery id when the body has
	// none (Standard Webhooks: webhook-id, GitHub: X-GitHub-Delivery; a
	// *signing.Verifier's IDHeader method gives it). Optional; without an
	// id, the delivery is identified by a hash of its body. The header is
	// read with signing.DeliveryID: sent twice, too long, not UTF-8 or
	// holding a control character, the delivery is refused as bad_id.
	IDHeader string
}

// Parsed is what Parse found.
type Parsed struct {
	Type    string // the event type, when known even if the payload is invalid
	Unknown bool   // an event type the schemas do not know
	Event   any    // the generated event value
}
