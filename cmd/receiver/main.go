// Command receiver is hookgen's reference webhook receiver for the seed
// providers, a small main over the hookserve library: one endpoint per
// provider, signatures verified on the raw body, payloads parsed and
// validated by the generated packages, every accepted delivery stored
// durably (SQLite, or PostgreSQL shared by replicas) before it is
// acknowledged, repeats answered once, and handlers run from that inbox
// exactly once, with retries and a dead-letter state.
//
//	receiver [--addr 127.0.0.1:8080] [--store receiver.db] [flags]
//	receiver send [--url URL] --provider NAME FILE...
//	receiver deliveries --store DSN [--status S] [--json]
//	receiver replay --store DSN [--status dead] [--provider P --id ID...]
//
// Secrets come from HOOKGEN_<PROVIDER>_SECRET (HOOKGEN_AGENTICFLOW_SECRET,
// ...), one per line while rotating, or from the file named by
// HOOKGEN_<PROVIDER>_SECRET_FILE; each line is one secret, spaces and all.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/cmd/receiver/signing"
	"github.com/spf13/pflag"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// secretEnv is the variable holding a provider's secrets.
func secretEnv(provider string) string {
	return "HOOKGEN_" + strings.ToUpper(provider) + "_SECRET"
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "send":
			return runSend(ctx, args[1:], getenv, stdout, stderr)
		case "deliveries":
			return runDeliveries(ctx, args[1:], stdout, stderr)
		case "replay":
			return runReplay(ctx, args[1:], stdout, stderr)
		}
	}
	return runServer(ctx, args, getenv, stderr, nil, logHandler)
}

// options are the server's flags.
type options struct {
	addr, store string
	tolerance   time.Duration
	insecure    bool
	window      time.Duration
	srv         hookserve.Config
	inbox       hookserve.InboxConfig
}

func serverFlags(stderr io.Writer) (*pflag.FlagSet, *options) {
	o := &options{srv: hookserve.DefaultConfig, inbox: hookserve.DefaultInboxConfig}
	fs := pflag.NewFlagSet("receiver", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&o.store, "store", "receiver.db", "where deliveries are stored: a SQLite file path, or a postgres:// URL")
	fs.DurationVar(&o.tolerance, "tolerance", 5*time.Minute, "how far a signed timestamp (Standard Webhooks, Stripe style) may be from now, either way")
	fs.BoolVar(&o.insecure, "insecure-skip-verify", false, "accept deliveries without checking signatures (local development only)")
	fs.DurationVar(&o.window, "commit-window", 0, "how long a commit may wait for more deliveries to share it (0: only those already waiting)")
	fs.Int64Var(&o.srv.BodyLimit, "body-limit", o.srv.BodyLimit, "largest body accepted, in bytes")
	fs.Int64Var(&o.srv.UnverifiedBytes, "unverified-bytes", o.srv.UnverifiedBytes, "body bytes held, over all requests, before their signatures are checked; past it deliveries get 503")
	fs.IntVar(&o.srv.MaxConns, "max-conns", o.srv.MaxConns, "open connections at most; idle ones are closed to make room")
	fs.DurationVar(&o.srv.ReadTimeout, "read-timeout", o.srv.ReadTimeout, "time to read a whole request, body included")
	fs.DurationVar(&o.srv.WriteTimeout, "write-timeout", o.srv.WriteTimeout, "time from the end of the headers to the end of the answer")
	fs.DurationVar(&o.srv.IdleTimeout, "idle-timeout", o.srv.IdleTimeout, "how long a keep-alive connection may wait for its next request")
	fs.IntVar(&o.inbox.Workers, "workers", o.inbox.Workers, "handlers running at once")
	fs.DurationVar(&o.inbox.Lease, "lease", o.inbox.Lease, "how long a worker's claim lasts unrenewed; a crashed receiver's deliveries are taken back after it")
	fs.IntVar(&o.inbox.MaxAttempts, "max-attempts", o.inbox.MaxAttempts, "attempts before a delivery is dead")
	fs.DurationVar(&o.inbox.RetryBase, "retry-base", o.inbox.RetryBase, "backoff after the first failed attempt; it doubles per attempt")
	fs.DurationVar(&o.inbox.RetryMax, "retry-max", o.inbox.RetryMax, "the longest backoff")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: receiver [flags]\n       receiver send [--url URL] --provider NAME FILE...\n       receiver deliveries --store DSN [--status S] [--json]\n       receiver replay --store DSN [--status dead] [--provider P --id ID...]\n\nServes POST /webhooks/<provider> for %s.\nSecrets come from %s and the like, one per line, each taken whole (or from the file %s_FILE names).\n\nFlags:\n%s",
			strings.Join(providerNames(), ", "), secretEnv("<provider>"), secretEnv("<provider>"), fs.FlagUsages())
	}
	return fs, o
}

// validate refuses flag values that cannot work, naming each flag.
func (o *options) validate() error {
	var errs []string
	if o.tolerance <= 0 {
		errs = append(errs, fmt.Sprintf("--tolerance %s: it must be positive", o.tolerance))
	}
	if o.window < 0 || o.window > time.Second {
		errs = append(errs, fmt.Sprintf("--commit-window %s: between 0 and 1s", o.window))
	}
	if o.store == "" {
		errs = append(errs, "--store is empty")
	}
	if err := o.srv.Validate(); err != nil {
		errs = append(errs, err.Error())
	}
	if err := o.inbox.Validate(); err != nil {
		errs = append(errs, err.Error())
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}

// runServer serves until ctx ends; handle is the work done for each
// delivery; ready (tests) learns the address.
func runServer(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer, ready func(*hookserve.Store, string), handle func(*slog.Logger) hookserve.Handler) int {
	fs, o := serverFlags(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		// pflag prints nothing itself for a bad flag (ContinueOnError).
		fmt.Fprintf(stderr, "receiver: %v (see receiver --help)\n", err)
		return 2
	}
	if err := o.validate(); err != nil {
		fmt.Fprintf(stderr, "receiver: %v (see receiver --help)\n", err)
		return 2
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	hooks, err := seedProviders(getenv, o.insecure, o.tolerance, time.Now)
	if err != nil {
		fmt.Fprintf(stderr, "receiver: %v\n", err)
		return 1
	}
	store, err := hookserve.Open(o.store, o.window)
	if err != nil {
		fmt.Fprintf(stderr, "receiver: %v\n", err)
		return 1
	}
	defer store.Close()
	inbox, err := hookserve.NewInbox(store, hooks, handle(log), o.inbox, log)
	if err != nil {
		fmt.Fprintf(stderr, "receiver: %v\n", err)
		return 1
	}
	cfg := o.srv
	cfg.Providers, cfg.Store, cfg.Inbox, cfg.Log, cfg.Insecure = hooks, store, inbox, log, o.insecure
	srv, err := hookserve.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "receiver: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		fmt.Fprintf(stderr, "receiver: %v\n", err)
		return 1
	}
	inbox.Start()
	if ready != nil {
		ready(store, ln.Addr().String())
	}
	if err := srv.Serve(ctx, ln); err != nil {
		return 1
	}
	return 0
}

func providerNames() []string {
	var names []string
	for _, p := range providers() {
		names = append(names, p.name)
	}
	return names
}

// seedProviders reads every provider's secrets (signing.SecretsFromEnv:
// one per line, each taken whole, or from the file HOOKGEN_<P>_SECRET_FILE
// names) and builds its verifier; a provider without one is a refusal to
// start, unless verification is switched off.
func seedProviders(getenv func(string) string, insecure bool, tolerance time.Duration, now func() time.Time) ([]*hookserve.Provider, error) {
	var hooks []*hookserve.Provider
	var missing []string
	for _, p := range providers() {
		h := &hookserve.Provider{Name: p.name, Parse: p.parse, DeliveryIDOf: p.deliveryIDOf, IDHeader: p.signing.DeliveryIDHeader()}
		hooks = append(hooks, h)
		secrets, err := signing.SecretsFromEnv(getenv, secretEnv(p.name))
		if errors.Is(err, signing.ErrNoSecret) && getenv(secretEnv(p.name)+"_FILE") == "" {
			missing = append(missing, secretEnv(p.name))
			continue
		}
		if err != nil {
			return nil, err
		}
		v, err := signing.New(p.signing, secrets, signing.Options{Tolerance: tolerance})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", secretEnv(p.name), err)
		}
		if !insecure {
			h.Verify = func(hd http.Header, body []byte) error { return v.VerifyAt(hd, body, now()) }
			h.Precheck = v.Precheck
		}
	}
	if len(missing) > 0 && !insecure {
		return nil, fmt.Errorf("no secret in %s; set it (one per line while rotating, or name a file in %s), or pass --insecure-skip-verify for local development",
			strings.Join(missing, ", "), secretEnv("<PROVIDER>")+"_FILE")
	}
	return hooks, nil
}

// logHandler is the reference receiver's handler: it logs the event. A
// real service puts its own work here.
func logHandler(log *slog.Logger) hookserve.Handler {
	return func(ctx context.Context, job *hookserve.Job) error {
		d := job.Delivery
		log.InfoContext(ctx, "handling event", "provider", d.Provider, "event", hookserve.Truncate(d.EventType), "delivery", hookserve.Truncate(d.ID))
		return nil
	}
}
