package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// handlerFunc handles a stored delivery; an error makes the provider retry.
type handlerFunc func(ctx context.Context, d *Delivery, ev any) error

type server struct {
	providers map[string]*provider
	secrets   map[string][][]byte // by provider; none when insecure
	insecure  bool
	store     Store
	log       *slog.Logger
	bodyLimit int64
	tolerance time.Duration
	now       func() time.Time
	handle    handlerFunc
}

// answer is the JSON body of every response: status says what happened.
type answer struct {
	Status     string      `json:"status"`
	Provider   string      `json:"provider,omitempty"`
	Event      string      `json:"event,omitempty"`
	Delivery   string      `json:"delivery,omitempty"`
	Error      string      `json:"error,omitempty"`
	Violations []violation `json:"violations,omitempty"`
}

type violation struct {
	Pointer string `json:"pointer"`
	Keyword string `json:"keyword"`
	Message string `json:"message"`
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	for name, p := range s.providers {
		mux.Handle("/webhooks/"+name, s.webhook(p))
	}
	return mux
}

func reply(w http.ResponseWriter, code int, a answer) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(a)
}

// webhook is one provider's endpoint: verify, parse, store, handle; each
// step answers with its own status when it fails, and nothing is
// acknowledged before it is durably stored.
func (s *server) webhook(p *provider) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		log := s.log.With("provider", p.name)
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			reply(w, http.StatusMethodNotAllowed, answer{Status: "method_not_allowed", Error: "use POST"})
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.bodyLimit))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			log.Warn("delivery too large", "limit", s.bodyLimit)
			reply(w, http.StatusRequestEntityTooLarge, answer{Status: "too_large", Error: fmt.Sprintf("the body limit is %d bytes", s.bodyLimit)})
			return
		case err != nil:
			reply(w, http.StatusBadRequest, answer{Status: "unreadable", Error: "could not read the body"})
			return
		}
		if !s.insecure {
			if err := verify(p, s.secrets[p.name], r.Header, body, s.now(), s.tolerance); err != nil {
				log.Warn("signature refused", "reason", err)
				reply(w, http.StatusUnauthorized, answer{Status: "unauthorized", Provider: p.name, Error: err.Error()})
				return
			}
		}
		eventType, unknown, ev, err := p.parse(body)
		if err != nil {
			a := answer{Status: "malformed", Provider: p.name, Event: eventType, Error: err.Error()}
			var invalid interface {
				Each(func(pointer, keyword, message string))
			}
			if errors.As(err, &invalid) {
				a.Status, a.Error = "invalid", "the payload breaks its schema"
				invalid.Each(func(ptr, kw, msg string) {
					a.Violations = append(a.Violations, violation{Pointer: "#" + ptr, Keyword: kw, Message: msg})
				})
			}
			log.Warn("delivery refused", "status", a.Status, "event", eventType, "error", err)
			reply(w, http.StatusBadRequest, a)
			return
		}
		d := &Delivery{Provider: p.name, ID: deliveryID(p, r.Header, body), EventType: eventType,
			ReceivedAt: s.now(), Body: body, Status: statusReceived}
		if unknown {
			d.Status = statusUnknown
		}
		log = log.With("event", eventType, "delivery", d.ID)
		a := answer{Provider: p.name, Event: eventType, Delivery: d.ID}
		claimed, err := s.store.Claim(r.Context(), d)
		if err != nil {
			log.Error("store unavailable", "error", err)
			a.Status, a.Error = "unavailable", "the delivery could not be stored; retry later"
			reply(w, http.StatusServiceUnavailable, a)
			return
		}
		if !claimed {
			log.Info("duplicate delivery")
			a.Status = "duplicate"
			reply(w, http.StatusOK, a)
			return
		}
		if unknown {
			log.Warn("event type the schemas do not know; stored, not handled")
			a.Status = "unknown"
			reply(w, http.StatusAccepted, a)
			return
		}
		if err := s.handle(r.Context(), d, ev); err != nil {
			log.Error("handler failed", "error", err)
			if ferr := s.store.Finish(r.Context(), p.name, d.ID, statusFailed, err.Error()); ferr != nil {
				log.Error("store unavailable", "error", ferr)
			}
			a.Status, a.Error = "failed", "the handler failed; retry"
			reply(w, http.StatusInternalServerError, a)
			return
		}
		if err := s.store.Finish(r.Context(), p.name, d.ID, statusProcessed, ""); err != nil {
			// Handled, stored as received, but not marked processed: the
			// provider's retry will be answered as a duplicate, so the
			// handler does not run twice.
			log.Error("store unavailable", "error", err)
			a.Status, a.Error = "unavailable", "handled, but the outcome could not be stored; retry later"
			reply(w, http.StatusServiceUnavailable, a)
			return
		}
		log.Info("delivery processed")
		a.Status = "processed"
		reply(w, http.StatusOK, a)
	}
}

// deliveryID identifies a delivery: the id the payload carries (aiinbox's
// delivery_id), else the Standard Webhooks webhook-id header, else a hash
// of the body (AgenticFlow's webhook_id names the subscription, not the
// delivery, so it cannot serve).
func deliveryID(p *provider, h http.Header, body []byte) string {
	if id, ok := p.deliveryIDOf(body); ok && id != "" {
		return id
	}
	if p.signing == "standard-webhooks" {
		if id := strings.TrimSpace(h.Get(headerID)); id != "" {
			return id
		}
	}
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// logHandler is the reference receiver's handler: it logs the event. A
// real service puts its own work here (see the README for Handlers).
func logHandler(log *slog.Logger) handlerFunc {
	return func(ctx context.Context, d *Delivery, ev any) error {
		log.InfoContext(ctx, "handling event", "provider", d.Provider, "event", d.EventType, "delivery", d.ID)
		return nil
	}
}
