package hookserve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/hookgen/hookgen/cmd/receiver/signing"
)

// Config is a server's settings; DefaultConfig fills the limits.
type Config struct {
	Providers []*Provider
	Store     *Store
	Inbox     *Inbox // woken when a delivery is stored; optional
	Log       *slog.Logger
	Insecure  bool // accept unsigned deliveries (local development only)

	BodyLimit         int64         // largest body accepted
	UnverifiedBytes   int64         // body bytes held, over all requests, before their signatures are checked
	MaxConns          int           // open connections; idle ones are closed to make room
	MaxHeaderBytes    int           // request line and headers
	ReadHeaderTimeout time.Duration // to read the headers
	ReadTimeout       time.Duration // to read a whole request, body included
	WriteTimeout      time.Duration // from the end of the headers to the end of the answer
	IdleTimeout       time.Duration // a keep-alive connection waiting for its next request
	ShutdownTimeout   time.Duration // requests in flight and running handlers, on stop
}

// DefaultConfig holds the limits the reference receiver runs with.
var DefaultConfig = Config{
	BodyLimit: 1 << 20, UnverifiedBytes: 64 << 20, MaxConns: 512, MaxHeaderBytes: 64 << 10,
	ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 40 * time.Second,
	IdleTimeout: 60 * time.Second, ShutdownTimeout: 30 * time.Second,
}

// Validate refuses limits that would not work (a zero body limit refuses
// everything; a zero timeout means none).
func (c Config) Validate() error {
	var errs []string
	if c.BodyLimit <= 0 {
		errs = append(errs, fmt.Sprintf("body limit %d: it must be positive", c.BodyLimit))
	}
	if c.UnverifiedBytes < c.BodyLimit {
		errs = append(errs, fmt.Sprintf("unverified bytes %d: at least the body limit (%d), or no body could be read", c.UnverifiedBytes, c.BodyLimit))
	}
	if c.MaxConns < 1 {
		errs = append(errs, fmt.Sprintf("max connections %d: at least 1", c.MaxConns))
	}
	if c.MaxHeaderBytes < 1024 {
		errs = append(errs, fmt.Sprintf("max header bytes %d: at least 1024", c.MaxHeaderBytes))
	}
	for name, d := range map[string]time.Duration{"read header timeout": c.ReadHeaderTimeout, "read timeout": c.ReadTimeout,
		"write timeout": c.WriteTimeout, "idle timeout": c.IdleTimeout, "shutdown timeout": c.ShutdownTimeout} {
		if d <= 0 {
			errs = append(errs, fmt.Sprintf("%s %s: it must be positive", name, d))
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}

// Server answers deliveries: verify, parse, store, acknowledge.
type Server struct {
	cfg       Config
	providers map[string]*Provider
	held      atomic.Int64 // unverified body bytes held now
	maxHeld   atomic.Int64 // the most ever held at once (tests, metrics)
	now       func() time.Time
}

// New checks cfg and makes a server.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Store == nil {
		return nil, errors.New("no store")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	s := &Server{cfg: cfg, providers: map[string]*Provider{}, now: time.Now}
	for _, p := range cfg.Providers {
		if p.Name == "" || (p.Parse == nil && p.ParseRequest == nil) {
			return nil, fmt.Errorf("provider %q: Name and Parse (or ParseRequest) are required", p.Name)
		}
		if p.Parse == nil && p.ParseAs == nil {
			return nil, fmt.Errorf("provider %q: ParseRequest needs ParseAs (or Parse), so the inbox can parse the stored body again", p.Name)
		}
		if p.Verify == nil && !cfg.Insecure {
			return nil, fmt.Errorf("provider %q has no Verify; set one, or run insecure for local development", p.Name)
		}
		if s.providers[p.Name] != nil {
			return nil, fmt.Errorf("provider %q is given twice", p.Name)
		}
		s.providers[p.Name] = p
	}
	if cfg.Insecure {
		cfg.Log.Error("SIGNATURE VERIFICATION IS OFF: anyone can send deliveries; for local development only")
	}
	return s, nil
}

// MaxHeld is the most unverified body bytes ever held at once.
func (s *Server) MaxHeld() int64 { return s.maxHeld.Load() }

// Answer is the JSON body of every response: Status says what happened.
type Answer struct {
	Status     string      `json:"status"`
	Provider   string      `json:"provider,omitempty"`
	Event      string      `json:"event,omitempty"`
	Delivery   string      `json:"delivery,omitempty"`
	Error      string      `json:"error,omitempty"`
	Violations []Violation `json:"violations,omitempty"`
}

// Violation is one schema violation of a refused payload.
type Violation struct {
	Pointer string `json:"pointer"`
	Keyword string `json:"keyword"`
	Message string `json:"message"`
}

// Limits on what a request can make the server repeat.
const (
	maxEcho       = 200                      // bytes of a request string in a log line or an answer
	MaxIDLength   = signing.MaxDeliveryIDLen // bytes of a delivery id or an event type
	maxViolations = 50                       // violations listed in one answer
)

// Truncate shortens a string that came from a request before it is
// logged or echoed, and makes it valid UTF-8.
func Truncate(s string) string {
	if len(s) > maxEcho {
		cut := maxEcho
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = fmt.Sprintf("%s…(%d bytes)", s[:cut], len(s))
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// Handler serves POST /webhooks/<provider> for every provider.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for name, p := range s.providers {
		mux.Handle("/webhooks/"+name, s.webhook(p))
	}
	return mux
}

func reply(w http.ResponseWriter, code int, a Answer) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(a)
}

var errBusy = errors.New("too many unverified bytes held")

// readBody reads the body, counting its bytes against the budget for
// unverified bodies as they arrive; release gives them back.
func (s *Server) readBody(r io.Reader) (body []byte, release func(), err error) {
	var held int64
	release = func() { s.held.Add(-held); held = 0 }
	buf := make([]byte, 32<<10)
	for {
		n, rerr := r.Read(buf)
		if n > 0 {
			if now := s.held.Add(int64(n)); now > s.cfg.UnverifiedBytes {
				s.held.Add(-int64(n))
				release()
				return nil, func() {}, errBusy
			} else {
				for m := s.maxHeld.Load(); now > m && !s.maxHeld.CompareAndSwap(m, now); m = s.maxHeld.Load() {
				}
			}
			held += int64(n)
			body = append(body, buf[:n]...)
		}
		if rerr == io.EOF {
			return body, release, nil
		}
		if rerr != nil {
			release()
			return nil, func() {}, rerr
		}
	}
}

// webhook is one provider's endpoint. Each step answers with its own
// status when it fails, and nothing is acknowledged before it is durably
// stored; handling happens later, from the inbox.
func (s *Server) webhook(p *Provider) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		log := s.cfg.Log.With("provider", p.Name)
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			reply(w, http.StatusMethodNotAllowed, Answer{Status: "method_not_allowed", Error: "use POST"})
			return
		}
		if !s.cfg.Insecure && p.Precheck != nil {
			if err := p.Precheck(r.Header, s.now()); err != nil {
				s.unauthorized(w, log, p, err, true)
				return
			}
		}
		body, release, err := s.readBody(http.MaxBytesReader(w, r.Body, s.cfg.BodyLimit))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			log.Warn("delivery too large", "limit", s.cfg.BodyLimit)
			reply(w, http.StatusRequestEntityTooLarge, Answer{Status: "too_large", Error: fmt.Sprintf("the body limit is %d bytes", s.cfg.BodyLimit)})
			return
		case errors.Is(err, errBusy):
			log.Warn("too many unverified bodies in flight; refused", "budget", s.cfg.UnverifiedBytes)
			w.Header().Set("Retry-After", "1")
			// Close, so the server does not wait to read the rest of an
			// unread body (up to 256 KiB) before answering.
			w.Header().Set("Connection", "close")
			reply(w, http.StatusServiceUnavailable, Answer{Status: "busy", Error: "too many deliveries in flight; retry later"})
			return
		case err != nil:
			reply(w, http.StatusBadRequest, Answer{Status: "unreadable", Error: "could not read the body"})
			return
		}
		if !s.cfg.Insecure {
			err := p.Verify(r.Header, body)
			release()
			if err != nil {
				s.unauthorized(w, log, p, err, false)
				return
			}
		} else {
			release()
		}
		var parsed Parsed
		if p.ParseRequest != nil {
			parsed, err = p.ParseRequest(r.Header, body)
		} else {
			parsed, err = p.Parse(body)
		}
		event := Truncate(parsed.Type)
		if err != nil {
			a := Answer{Status: "malformed", Provider: p.Name, Event: event, Error: Truncate(err.Error())}
			var invalid interface {
				Each(func(pointer, keyword, message string))
			}
			if errors.As(err, &invalid) {
				a.Status, a.Error = "invalid", "the payload breaks its schema"
				n := 0
				invalid.Each(func(ptr, kw, msg string) {
					if n++; n <= maxViolations {
						a.Violations = append(a.Violations, Violation{Pointer: "#" + Truncate(ptr), Keyword: kw, Message: Truncate(msg)})
					}
				})
				if n > maxViolations {
					a.Error = fmt.Sprintf("the payload breaks its schema (%d violations, the first %d listed)", n, maxViolations)
				}
			}
			log.Warn("delivery refused", "status", a.Status, "event", event, "error", a.Error)
			reply(w, http.StatusBadRequest, a)
			return
		}
		id, err := deliveryID(p, r.Header, body)
		if err == nil {
			err = signing.CheckDeliveryID(id)
		}
		if err != nil {
			log.Warn("delivery refused", "status", "bad_id", "delivery", Truncate(id), "error", err)
			reply(w, http.StatusBadRequest, Answer{Status: "bad_id", Provider: p.Name, Event: event, Error: err.Error()})
			return
		}
		if len(parsed.Type) > MaxIDLength || !utf8.ValidString(parsed.Type) {
			log.Warn("delivery refused", "status", "bad_event", "event", event)
			reply(w, http.StatusBadRequest, Answer{Status: "bad_event", Provider: p.Name, Event: event, Error: fmt.Sprintf("the event type must be valid UTF-8 of at most %d bytes", MaxIDLength)})
			return
		}
		d := &Delivery{Provider: p.Name, ID: id, EventType: parsed.Type, ReceivedAt: s.now(), Body: body, Status: StatusPending}
		if parsed.Unknown {
			d.Status = StatusUnknown
		}
		log = log.With("event", event, "delivery", id)
		a := Answer{Provider: p.Name, Event: event, Delivery: id}
		// Insert takes no context: once started, the write finishes even
		// if the provider hangs up, and its retry is then a duplicate.
		var inserted bool
		if s.cfg.Inbox != nil {
			inserted, err = s.cfg.Inbox.Insert(d)
		} else {
			inserted, err = s.cfg.Store.Insert(d)
		}
		if err != nil {
			log.Error("store unavailable", "error", err)
			a.Status, a.Error = "unavailable", "the delivery could not be stored; retry later"
			reply(w, http.StatusServiceUnavailable, a)
			return
		}
		if !inserted {
			log.Info("duplicate delivery")
			a.Status = "duplicate"
			reply(w, http.StatusOK, a)
			return
		}
		if parsed.Unknown {
			log.Warn("event type the schemas do not know; stored, not handled")
			a.Status = "unknown"
			reply(w, http.StatusAccepted, a)
			return
		}
		log.Info("delivery stored")
		a.Status = "accepted"
		reply(w, http.StatusAccepted, a)
	}
}

// deliveryID identifies a delivery: the id the payload carries, else the
// provider's id header, else a hash of the body. An id header that is
// there but unusable (sent twice, too long) is an error, not a fallback:
// hashing instead would turn a provider's retry into a new delivery.
func deliveryID(p *Provider, h http.Header, body []byte) (string, error) {
	if p.DeliveryIDOf != nil {
		if id, ok := p.DeliveryIDOf(body); ok && id != "" {
			return id, nil
		}
	}
	if p.IDHeader != "" {
		id, err := signing.DeliveryID(h, p.IDHeader)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, signing.ErrNoDeliveryID) {
			return "", err
		}
	}
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// unauthorized answers a refused signature. Refused by Precheck, the body
// is unread: the connection is closed so the server does not read up to
// 256 KiB of it before answering.
func (s *Server) unauthorized(w http.ResponseWriter, log *slog.Logger, p *Provider, err error, unread bool) {
	log.Warn("signature refused", "reason", Truncate(err.Error()))
	if unread {
		w.Header().Set("Connection", "close")
	}
	reply(w, http.StatusUnauthorized, Answer{Status: "unauthorized", Provider: p.Name, Error: Truncate(err.Error())})
}

// Serve answers on ln until ctx ends, with every timeout and the
// connection cap set; then it stops taking connections, finishes the
// requests in flight and stops the inbox (ShutdownTimeout bounds both).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	capped := newConnCap(ln, s.cfg.MaxConns)
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    s.cfg.MaxHeaderBytes,
		ConnState:         capped.track,
		ErrorLog:          slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(capped) }()
	names := make([]string, 0, len(s.providers))
	for n := range s.providers {
		names = append(names, n)
	}
	sort.Strings(names)
	s.cfg.Log.Info("receiver listening", "addr", ln.Addr().String(), "providers", names, "store", s.cfg.Store.Desc())
	var err error
	select {
	case err = <-errc:
		s.cfg.Log.Error("server stopped", "error", err)
	case <-ctx.Done():
		s.cfg.Log.Info("shutting down; finishing requests in flight")
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if serr := hs.Shutdown(sctx); serr != nil && err == nil {
		err = serr
	}
	if s.cfg.Inbox != nil {
		s.cfg.Inbox.Stop(sctx)
	}
	if err == nil {
		s.cfg.Log.Info("stopped")
	}
	return err
}
