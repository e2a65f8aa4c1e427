package main

import (
	"github.com/hookgen/hookgen/gen/agenticflow"
	"github.com/hookgen/hookgen/gen/aiinbox"
	"github.com/hookgen/hookgen/gen/peach"
	"github.com/hookgen/hookgen/gen/waagent"
)

// provider is what the receiver needs of one generated package. Each
// package has its own types, so these small adapters are the whole table;
// everything else (signing, delivery ids, parsing) comes from the package.
type provider struct {
	name, title    string
	signing        string // "standard-webhooks" or "hmac-sha256"
	header, prefix string // hmac-sha256
	deliveryIDOf   func([]byte) (string, bool)
	parse          func([]byte) (eventType string, unknown bool, ev any, err error)
	hasBodyID      bool // the payload carries a delivery id
}

func providers() []*provider {
	return []*provider{
		{
			name: agenticflow.Provider.Name, title: agenticflow.Provider.Title, signing: agenticflow.Provider.Signing,
			header: agenticflow.Provider.SignatureHeader, prefix: agenticflow.Provider.SignaturePrefix,
			deliveryIDOf: agenticflow.DeliveryIDOf, hasBodyID: agenticflow.Provider.DeliveryID != "",
			parse: func(b []byte) (string, bool, any, error) {
				ev, err := agenticflow.Parse(b)
				if ev == nil {
					return "", false, nil, err
				}
				_, unknown := ev.(*agenticflow.UnknownEvent)
				return ev.EventType(), unknown, ev, err
			},
		},
		{
			name: aiinbox.Provider.Name, title: aiinbox.Provider.Title, signing: aiinbox.Provider.Signing,
			header: aiinbox.Provider.SignatureHeader, prefix: aiinbox.Provider.SignaturePrefix,
			deliveryIDOf: aiinbox.DeliveryIDOf, hasBodyID: aiinbox.Provider.DeliveryID != "",
			parse: func(b []byte) (string, bool, any, error) {
				ev, err := aiinbox.Parse(b)
				if ev == nil {
					return "", false, nil, err
				}
				_, unknown := ev.(*aiinbox.UnknownEvent)
				return ev.EventType(), unknown, ev, err
			},
		},
		{
			name: peach.Provider.Name, title: peach.Provider.Title, signing: peach.Provider.Signing,
			header: peach.Provider.SignatureHeader, prefix: peach.Provider.SignaturePrefix,
			deliveryIDOf: peach.DeliveryIDOf, hasBodyID: peach.Provider.DeliveryID != "",
			parse: func(b []byte) (string, bool, any, error) {
				ev, err := peach.Parse(b)
				if ev == nil {
					return "", false, nil, err
				}
				_, unknown := ev.(*peach.UnknownEvent)
				return ev.EventType(), unknown, ev, err
			},
		},
		{
			name: waagent.Provider.Name, title: waagent.Provider.Title, signing: waagent.Provider.Signing,
			header: waagent.Provider.SignatureHeader, prefix: waagent.Provider.SignaturePrefix,
			deliveryIDOf: waagent.DeliveryIDOf, hasBodyID: waagent.Provider.DeliveryID != "",
			parse: func(b []byte) (string, bool, any, error) {
				ev, err := waagent.Parse(b)
				if ev == nil {
					return "", false, nil, err
				}
				_, unknown := ev.(*waagent.UnknownEvent)
				return ev.EventType(), unknown, ev, err
			},
		},
	}
}
