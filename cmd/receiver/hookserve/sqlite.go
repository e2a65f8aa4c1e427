package hookserve

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteDSN makes a SQLite URI of a file path: the path is made absolute
// and the characters a URI gives meaning to are escaped, so "x?y.db" is
// the file x?y.db and the pragmas after it still apply (pasted as is, the
// "?" started the query and WAL was silently lost).
func sqliteDSN(path string) (string, error) {
	if path == "" {
		return "", errors.New("the store path is empty")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	esc := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(filepath.ToSlash(abs))
	return "file:" + esc + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_txlock=immediate", nil
}

func openSQLite(path string, window time.Duration) (*Store, error) {
	dsn, err := sqliteDSN(path)
	if err != nil {
		return nil, fmt.Errorf("opening store %q: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening store %q: %w", path, err)
	}
	s, err := newStore(db, dialect{
		name: "sqlite",
		blob: "BLOB",
		// By rowid: SQLite matches "(provider, id) IN (subquery)" by
		// scanning the whole table, once per claim.
		claimTarget: "rowid",
		claimSelects: [2]string{
			`SELECT rowid FROM hookgen_inbox WHERE status = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?`,
			`SELECT rowid FROM hookgen_inbox WHERE status = 'running' AND lease_until <= ? ORDER BY lease_until LIMIT ?`,
		},
		rebind:    func(q string) string { return q },
		maintain:  checkpointer,
		hasSchema: `SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'hookgen_inbox'`,
		retryable: sqliteBusy,
		tune: func(db *sql.DB) error {
			// SQLite has one writer, and the committer is it; a few more
			// connections serve reads (WAL lets them run beside it).
			db.SetMaxOpenConns(4)
			var mode string
			if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
				return err
			}
			if mode != "wal" {
				return fmt.Errorf("journal_mode is %q, not wal", mode)
			}
			return nil
		},
	}, fmt.Sprintf("%q", path), window)
	if err != nil {
		return nil, err
	}
	if err := migrateV1(s.db); err != nil {
		s.Close()
		return nil, fmt.Errorf("opening store %q: moving the deliveries of an older receiver: %w", path, err)
	}
	return s, nil
}

// migrateV1 moves the table of the receiver before the inbox
// ("deliveries": handled inside the request, at most once) into the
// inbox, so its ids still dedupe, and renames it deliveries_v1 (kept, not
// dropped). A delivery left "received" may or may not have been handled
// (the bug the inbox fixes): it becomes dead with a note, for an
// operator to check and replay; "failed" ones, which the provider's
// retry would have run again, are pending.
func migrateV1(db *sql.DB) error {
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'`).Scan(&n); err != nil || n == 0 {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.Query(`SELECT provider, id, event_type, received_at, body, status, error, attempts FROM deliveries`)
	if err != nil {
		return err
	}
	type v1 struct {
		provider, id, event, at, status, errText string
		body                                     []byte
		attempts                                 int
	}
	var old []v1
	for rows.Next() {
		var r v1
		if err := rows.Scan(&r.provider, &r.id, &r.event, &r.at, &r.body, &r.status, &r.errText, &r.attempts); err != nil {
			rows.Close()
			return err
		}
		old = append(old, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range old {
		at, err := time.Parse(time.RFC3339Nano, r.at)
		if err != nil {
			return fmt.Errorf("delivery %s/%s: received_at %q: %w", r.provider, r.id, r.at, err)
		}
		status, errText := r.status, r.errText
		switch r.status {
		case "received":
			status, errText = StatusDead, "stored as received by a receiver before the inbox: its handler may or may not have run; check, then replay it"
		case "failed":
			status = StatusPending
		case StatusProcessed, StatusUnknown:
		default:
			return fmt.Errorf("delivery %s/%s: status %q is not one an older receiver wrote", r.provider, r.id, r.status)
		}
		if _, err := tx.Exec(`INSERT INTO hookgen_inbox (provider, id, event_type, received_at, body, status, attempts, error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider, id) DO NOTHING`,
			r.provider, r.id, r.event, at.UnixNano(), r.body, status, r.attempts, errText); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(`ALTER TABLE deliveries RENAME TO deliveries_v1`); err != nil {
		return err
	}
	return tx.Commit()
}

func sqliteBusy(err error) bool {
	var e *sqlite.Error
	if errors.As(err, &e) {
		switch e.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

// checkpointer copies the WAL back into the database file from a reader
// connection every 200 ms (PASSIVE never blocks the writer), so when a
// commit crosses SQLite's auto-checkpoint threshold there is little left
// to copy and that commit, with every delivery waiting on it, does not
// stall. The auto-checkpoint stays on: only the writer, between its
// transactions, can restart the WAL, so without it the WAL grows for as
// long as deliveries keep coming.
func checkpointer(db *sql.DB, stop <-chan struct{}) {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
			return
		case <-t.C:
			db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}
