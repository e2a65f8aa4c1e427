package hookserve

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx" with database/sql
)

// openPostgres opens a PostgreSQL inbox, shared by any number of
// receivers: inserts dedupe on the primary key across all of them,
// workers claim with FOR UPDATE SKIP LOCKED so two never take one row,
// and a lease left by a dead replica is taken back once it expires.
func openPostgres(dsn string, window time.Duration) (*Store, error) {
	desc := "postgres"
	if u, err := url.Parse(dsn); err == nil {
		u.User = nil
		desc = u.Redacted()
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening store %s: %w", desc, err)
	}
	return newStore(db, dialect{
		name:        "postgres",
		blob:        "BYTEA",
		claimTarget: "(provider, id)",
		claimSelects: [2]string{
			`SELECT provider, id FROM hookgen_inbox WHERE status = 'pending' AND next_at <= ?
				ORDER BY next_at LIMIT ? FOR UPDATE SKIP LOCKED`,
			`SELECT provider, id FROM hookgen_inbox WHERE status = 'running' AND lease_until <= ?
				ORDER BY lease_until LIMIT ? FOR UPDATE SKIP LOCKED`,
		},
		rebind:     rebindDollar,
		schemaLock: `SELECT pg_advisory_xact_lock(7361029)`,
		hasSchema:  `SELECT to_regclass('hookgen_inbox') IS NOT NULL`,
		retryable:  pgRetryable,
		tune: func(db *sql.DB) error {
			db.SetMaxOpenConns(8)
			db.SetMaxIdleConns(8)
			return db.Ping()
		},
	}, desc, window)
}

// rebindDollar numbers the ? placeholders as $1, $2, ... (the queries
// hold no ? inside string literals).
func rebindDollar(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pgRetryable: a deadlock or serialization failure aborts the batch, and
// the batch can simply run again.
func pgRetryable(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && (e.Code == "40P01" || e.Code == "40001")
}
