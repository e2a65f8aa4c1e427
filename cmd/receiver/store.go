package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // pure Go: no cgo
)

// Delivery is one accepted webhook delivery.
type Delivery struct {
	Provider   string
	ID         string // the provider's delivery id, or a hash of the body
	EventType  string
	ReceivedAt time.Time
	Body       []byte
	Status     string // received, processed, failed or unknown
	Error      string // why handling failed
	Attempts   int
}

// Delivery states.
const (
	statusReceived  = "received"  // stored; the handler is running
	statusProcessed = "processed" // the handler succeeded
	statusFailed    = "failed"    // the handler failed; a retry runs it again
	statusUnknown   = "unknown"   // an event type the schemas do not know
)

// Store keeps deliveries durably and makes delivery ids idempotent. A
// server database can take SQLite's place behind it.
type Store interface {
	// Claim stores a new delivery, or takes back one whose handler failed
	// (a retry). claimed is false for a delivery already stored and not
	// failed: a duplicate. It returns only after the delivery is durable.
	Claim(ctx context.Context, d *Delivery) (claimed bool, err error)
	// Finish records how handling ended.
	Finish(ctx context.Context, provider, id, status, errText string) error
	// Get returns a stored delivery, or nil.
	Get(ctx context.Context, provider, id string) (*Delivery, error)
	Close() error
}

// sqliteStore is the embedded default: one file, WAL, full sync.
type sqliteStore struct {
	db *sql.DB
}

func openSQLite(path string) (*sqliteStore, error) {
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(5000)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	// One connection: SQLite has one writer anyway, and this keeps claims
	// strictly serialised.
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS deliveries (
		provider    TEXT NOT NULL,
		id          TEXT NOT NULL,
		event_type  TEXT NOT NULL,
		received_at TEXT NOT NULL,
		body        BLOB NOT NULL,
		status      TEXT NOT NULL,
		error       TEXT NOT NULL DEFAULT '',
		attempts    INTEGER NOT NULL DEFAULT 1,
		PRIMARY KEY (provider, id)
	)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening store %s: %w", path, err)
	}
	return &sqliteStore{db: db}, nil
}

func (s *sqliteStore) Claim(ctx context.Context, d *Delivery) (bool, error) {
	at := d.ReceivedAt.UTC().Format(time.RFC3339Nano)
	res, err := s.db.ExecContext(ctx, `INSERT INTO deliveries (provider, id, event_type, received_at, body, status)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (provider, id) DO NOTHING`,
		d.Provider, d.ID, d.EventType, at, d.Body, d.Status)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return n == 1, err
	}
	// Already there: a retry of a failed delivery runs again, anything else
	// is a duplicate.
	res, err = s.db.ExecContext(ctx, `UPDATE deliveries SET status = ?, attempts = attempts + 1, received_at = ?, error = ''
		WHERE provider = ? AND id = ? AND status = ?`, d.Status, at, d.Provider, d.ID, statusFailed)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s *sqliteStore) Finish(ctx context.Context, provider, id, status, errText string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE deliveries SET status = ?, error = ? WHERE provider = ? AND id = ?`, status, errText, provider, id)
	return err
}

func (s *sqliteStore) Get(ctx context.Context, provider, id string) (*Delivery, error) {
	d := &Delivery{}
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT provider, id, event_type, received_at, body, status, error, attempts
		FROM deliveries WHERE provider = ? AND id = ?`, provider, id).
		Scan(&d.Provider, &d.ID, &d.EventType, &at, &d.Body, &d.Status, &d.Error, &d.Attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	d.ReceivedAt, err = time.Parse(time.RFC3339Nano, at)
	return d, err
}

func (s *sqliteStore) Close() error { return s.db.Close() }
