package main

import (
	"net/http"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/gen/agenticflow"
	"github.com/hookgen/hookgen/gen/aiinbox"
	"github.com/hookgen/hookgen/gen/peach"
	"github.com/hookgen/hookgen/gen/waagent"
)

// provider is one seed package: its signing metadata (for verify.go and
// `receiver send`) and the parse adapter hookserve needs. Each package has
// its own types, so these small adapters are the whole table; everything
// else (delivery ids, parsing, validation) comes from the package.
type provider struct {
	name, title    string
	signing        string // "standard-webhooks" or "hmac-sha256"
	header, prefix string // hmac-sha256
	deliveryIDOf   func([]byte) (string, bool)
	parse          func([]byte) (hookserve.Parsed, error)
	hasBodyID      bool // the payload carries a delivery id
}

// hook is the provider as hookserve serves it, checking signatures with
// verify (nil when verification is off).
func (p *provider) hook(verify func(http.Header, []byte) error) *hookserve.Provider {
	h := &hookserve.Provider{Name: p.name, Verify: verify, Parse: p.parse, DeliveryIDOf: p.deliveryIDOf}
	if p.signing == "standard-webhooks" {
		h.IDHeader = headerID
	}
	return h
}

func providers() []*provider {
	return []*provider{
		{
			name: agenticflow.Provider.Name, title: agenticflow.Provider.Title, signing: agenticflow.Provider.Signing,
			header: agenticflow.Provider.SignatureHeader, prefix: agenticflow.Provider.SignaturePrefix,
			deliveryIDOf: agenticflow.DeliveryIDOf, hasBodyID: agenticflow.Provider.DeliveryID != "",
			parse: func(b []byte) (hookserve.Parsed, error) {
				ev, err := agenticflow.Parse(b)
				if ev == nil {
					return hookserve.Parsed{}, err
				}
				_, unknown := ev.(*agenticflow.UnknownEvent)
				return hookserve.Parsed{Type: ev.EventType(), Unknown: unknown, Event: ev}, err
			},
		},
		{
			name: aiinbox.Provider.Name, title: aiinbox.Provider.Title, signing: aiinbox.Provider.Signing,
			header: aiinbox.Provider.SignatureHeader, prefix: aiinbox.Provider.SignaturePrefix,
			deliveryIDOf: aiinbox.DeliveryIDOf, hasBodyID: aiinbox.Provider.DeliveryID != "",
			parse: func(b []byte) (hookserve.Parsed, error) {
				ev, err := aiinbox.Parse(b)
				if ev == nil {
					return hookserve.Parsed{}, err
				}
				_, unknown := ev.(*aiinbox.UnknownEvent)
				return hookserve.Parsed{Type: ev.EventType(), Unknown: unknown, Event: ev}, err
			},
		},
		{
			name: peach.Provider.Name, title: peach.Provider.Title, signing: peach.Provider.Signing,
			header: peach.Provider.SignatureHeader, prefix: peach.Provider.SignaturePrefix,
			deliveryIDOf: peach.DeliveryIDOf, hasBodyID: peach.Provider.DeliveryID != "",
			parse: func(b []byte) (hookserve.Parsed, error) {
				ev, err := peach.Parse(b)
				if ev == nil {
					return hookserve.Parsed{}, err
				}
				_, unknown := ev.(*peach.UnknownEvent)
				return hookserve.Parsed{Type: ev.EventType(), Unknown: unknown, Event: ev}, err
			},
		},
		{
			name: waagent.Provider.Name, title: waagent.Provider.Title, signing: waagent.Provider.Signing,
			header: waagent.Provider.SignatureHeader, prefix: waagent.Provider.SignaturePrefix,
			deliveryIDOf: waagent.DeliveryIDOf, hasBodyID: waagent.Provider.DeliveryID != "",
			parse: func(b []byte) (hookserve.Parsed, error) {
				ev, err := waagent.Parse(b)
				if ev == nil {
					return hookserve.Parsed{}, err
				}
				_, unknown := ev.(*waagent.UnknownEvent)
				return hookserve.Parsed{Type: ev.EventType(), Unknown: unknown, Event: ev}, err
			},
		},
	}
}
