// Command receiver is hookgen's reference webhook receiver: one endpoint per
// provider, signatures verified on the raw body, payloads parsed and
// validated by the generated packages, every accepted delivery stored
// durably (SQLite) before it is acknowledged, repeats answered once.
//
//	receiver [--addr 127.0.0.1:8080] [--store receiver.db] [flags]
//	receiver send [--url URL] --provider NAME FILE...
//
// Secrets come from HOOKGEN_<PROVIDER>_SECRET (HOOKGEN_AGENTICFLOW_SECRET,
// ...), several separated by spaces while rotating.
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
	if len(args) > 0 && args[0] == "send" {
		return runSend(ctx, args[1:], getenv, stdout, stderr)
	}
	fs := pflag.NewFlagSet("receiver", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	storePath := fs.String("store", "receiver.db", "SQLite file to store deliveries in")
	bodyLimit := fs.Int64("body-limit", 1<<20, "largest body accepted, in bytes")
	tolerance := fs.Duration("tolerance", 5*time.Minute, "how far a Standard Webhooks timestamp may be from now, either way")
	insecure := fs.Bool("insecure-skip-verify", false, "accept deliveries without checking signatures (local development only)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: receiver [flags]\n       receiver send [--url URL] --provider NAME FILE...\n\nServes POST /webhooks/<provider> for %s.\nSecrets come from %s and the like.\n\nFlags:\n%s",
			strings.Join(providerNames(), ", "), secretEnv("<provider>"), fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		// pflag prints nothing itself for a bad flag (ContinueOnError).
		fmt.Fprintf(stderr, "receiver: %v (see receiver --help)\n", err)
		return 2
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	srv, err := newServer(getenv, *insecure, log)
	if err != nil {
		fmt.Fprintf(stderr, "receiver: %v\n", err)
		return 1
	}
	store, err := openSQLite(*storePath)
	if err != nil {
		fmt.Fprintf(stderr, "receiver: %v\n", err)
		return 1
	}
	defer store.Close()
	srv.store, srv.bodyLimit, srv.tolerance = store, *bodyLimit, *tolerance
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "receiver: %v\n", err)
		return 1
	}
	return serve(ctx, srv, ln, log)
}

// serve runs until ctx ends, then stops taking connections and lets the
// requests in flight finish (up to 30 s).
func serve(ctx context.Context, srv *server, ln net.Listener, log *slog.Logger) int {
	hs := &http.Server{Handler: srv.routes(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("receiver listening", "addr", ln.Addr().String(), "providers", providerNames())
	select {
	case err := <-errc:
		log.Error("server stopped", "error", err)
		return 1
	case <-ctx.Done():
	}
	log.Info("shutting down; finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		log.Error("shutdown", "error", err)
		return 1
	}
	log.Info("stopped")
	return 0
}

func providerNames() []string {
	var names []string
	for _, p := range providers() {
		names = append(names, p.name)
	}
	return names
}

// newServer reads every provider's secrets; a provider without one is a
// refusal to start, unless verification is switched off, which is logged
// as loudly as slog allows.
func newServer(getenv func(string) string, insecure bool, log *slog.Logger) (*server, error) {
	s := &server{providers: map[string]*provider{}, secrets: map[string][][]byte{}, insecure: insecure,
		log: log, bodyLimit: 1 << 20, tolerance: 5 * time.Minute, now: time.Now, handle: logHandler(log)}
	var missing []string
	for _, p := range providers() {
		s.providers[p.name] = p
		keys, err := parseSecrets(p.signing, getenv(secretEnv(p.name)))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", secretEnv(p.name), err)
		}
		if len(keys) == 0 {
			missing = append(missing, secretEnv(p.name))
		}
		s.secrets[p.name] = keys
	}
	if insecure {
		log.Error("SIGNATURE VERIFICATION IS OFF: anyone can send deliveries; use --insecure-skip-verify for local development only")
		return s, nil
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no secret in %s; set it (several separated by spaces while rotating), or pass --insecure-skip-verify for local development", strings.Join(missing, ", "))
	}
	return s, nil
}
