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
	return "file:" + esc + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_pragma=wal_autocheckpoint(0)&_txlock=immediate", nil
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
		claimSelect: `SELECT provider, id FROM hookgen_inbox WHERE status = 'pending' AND next_at <= ?
			UNION ALL SELECT provider, id FROM hookgen_inbox WHERE status = 'running' AND lease_until <= ?
			LIMIT ?`,
		rebind:    func(q string) string { return q },
		maintain:  checkpointer,
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
	return s, err
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
// connection, so the commit that crosses SQLite's auto-checkpoint
// threshold does not stall every delivery waiting on it (auto-checkpoint
// is off in the DSN). PASSIVE never blocks the writer.
func checkpointer(db *sql.DB, stop <-chan struct{}) {
	t := time.NewTicker(500 * time.Millisecond)
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
