package main

import (
	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/cmd/receiver/signing"
	"github.com/hookgen/hookgen/gen/agenticflow"
	"github.com/hookgen/hookgen/gen/aiinbox"
	"github.com/hookgen/hookgen/gen/peach"
	"github.com/hookgen/hookgen/gen/waagent"
)

// provider is one seed package: how it signs (for verification and
// `receiver send`) and the parse adapter hookserve needs. Each package has
// its own types, so these small adapters are the whole table; everything
// else (delivery ids, parsing, validation) comes from the package.
type provider struct {
	name, title  string
	signing      signing.Config
	deliveryIDOf func([]byte) (string, bool)
	parse        func([]byte) (hookserve.Parsed, error)
}

// signingConfig maps a generated package's ProviderInfo signing fields
// (the manifest's "signing") onto a signing.Config; "" means Standard
// Webhooks, the manifest's default.
func signingConfig(scheme, header, prefix, encoding, idHeader string) signing.Config {
	if scheme == "" {
		scheme = signing.SchemeStandardWebhooks
	}
	return signing.Config{Scheme: scheme, Header: header, Prefix: prefix, Encoding: encoding, IDHeader: idHeader}
}

func providers() []*provider {
	return []*provider{
		{
			name: agenticflow.Provider.Name, title: agenticflow.Provider.Title, deliveryIDOf: agenticflow.DeliveryIDOf,
			signing: signingConfig(agenticflow.Provider.Signing, agenticflow.Provider.SignatureHeader, agenticflow.Provider.SignaturePrefix, agenticflow.Provider.SignatureEncoding, agenticflow.Provider.DeliveryIDHeader),
			parse: func(b []byte) (hookserve.Parsed, error) {
				ev, err := agenticflow.Parse(b)
				if ev == nil {
					return hookserve.Parsed{}, err
				}
				_, unknown := ev.(*agenticflow.UnknownEvent)
				return hookserve.Parsed{Type: string(ev.EventType()), Unknown: unknown, Event: ev}, err
			},
		},
		{
			name: aiinbox.Provider.Name, title: aiinbox.Provider.Title, deliveryIDOf: aiinbox.DeliveryIDOf,
			signing: signingConfig(aiinbox.Provider.Signing, aiinbox.Provider.SignatureHeader, aiinbox.Provider.SignaturePrefix, aiinbox.Provider.SignatureEncoding, aiinbox.Provider.DeliveryIDHeader),
			parse: func(b []byte) (hookserve.Parsed, error) {
				ev, err := aiinbox.Parse(b)
				if ev == nil {
					return hookserve.Parsed{}, err
				}
				_, unknown := ev.(*aiinbox.UnknownEvent)
				return hookserve.Parsed{Type: string(ev.EventType()), Unknown: unknown, Event: ev}, err
			},
		},
		{
			name: peach.Provider.Name, title: peach.Provider.Title, deliveryIDOf: peach.DeliveryIDOf,
			signing: signingConfig(peach.Provider.Signing, peach.Provider.SignatureHeader, peach.Provider.SignaturePrefix, peach.Provider.SignatureEncoding, peach.Provider.DeliveryIDHeader),
			parse: func(b []byte) (hookserve.Parsed, error) {
				ev, err := peach.Parse(b)
				if ev == nil {
					return hookserve.Parsed{}, err
				}
				_, unknown := ev.(*peach.UnknownEvent)
				return hookserve.Parsed{Type: string(ev.EventType()), Unknown: unknown, Event: ev}, err
			},
		},
		{
			name: waagent.Provider.Name, title: waagent.Provider.Title, deliveryIDOf: waagent.DeliveryIDOf,
			signing: signingConfig(waagent.Provider.Signing, waagent.Provider.SignatureHeader, waagent.Provider.SignaturePrefix, waagent.Provider.SignatureEncoding, waagent.Provider.DeliveryIDHeader),
			parse: func(b []byte) (hookserve.Parsed, error) {
				ev, err := waagent.Parse(b)
				if ev == nil {
					return hookserve.Parsed{}, err
				}
				_, unknown := ev.(*waagent.UnknownEvent)
				return hookserve.Parsed{Type: string(ev.EventType()), Unknown: unknown, Event: ev}, err
			},
		},
	}
}
