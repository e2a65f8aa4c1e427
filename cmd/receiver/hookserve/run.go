package hookserve

import (
	"context"
	"log/slog"
	"net"
)

// Run is the whole receiver with the default limits: it opens the store
// at dsn (a SQLite path or a postgres:// URL), runs handle for every
// delivery from the inbox, and serves providers on addr until ctx ends.
// Use New, NewInbox and Open directly to change a limit.
func Run(ctx context.Context, addr, dsn string, providers []*Provider, handle Handler, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	store, err := Open(dsn, 0)
	if err != nil {
		return err
	}
	defer store.Close()
	inbox, err := NewInbox(store, providers, handle, DefaultInboxConfig, log)
	if err != nil {
		return err
	}
	cfg := DefaultConfig
	cfg.Providers, cfg.Store, cfg.Inbox, cfg.Log = providers, store, inbox, log
	srv, err := New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	inbox.Start()
	return srv.Serve(ctx, ln)
}
