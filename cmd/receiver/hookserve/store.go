package hookserve

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Delivery is one accepted webhook delivery as the inbox keeps it.
type Delivery struct {
	Provider   string
	ID         string // the provider's delivery id, or a hash of the body
	EventType  string
	ReceivedAt time.Time
	Body       []byte
	Status     string // one of the Status constants
	Attempts   int    // how many times a worker has taken it
	Error      string // why the last attempt failed
	NextAt     time.Time
	FinishedAt time.Time
}

// Delivery states. A delivery is pending until a worker leases it
// (running); the lease ends in processed, back in pending with a backoff
// (a failed attempt), or dead after the last allowed attempt. A lease
// that expires (its worker crashed) makes the delivery claimable again.
const (
	StatusPending   = "pending"
	StatusRunning   = "running"
	StatusProcessed = "processed"
	StatusDead      = "dead"
	StatusUnknown   = "unknown" // an event type the schemas do not know: kept, not handled
)

// Statuses lists every state, for flag validation.
var Statuses = []string{StatusPending, StatusRunning, StatusProcessed, StatusDead, StatusUnknown}

// errLeaseLost: the lease a worker held was taken by someone else (it
// expired) or the delivery was replayed; the worker's outcome is dropped.
var errLeaseLost = errors.New("the lease on this delivery was lost")

// dialect is what differs between SQLite and PostgreSQL; the queries are
// written once with ? placeholders.
type dialect struct {
	name         string
	blob         string                                 // column type of the body
	claimTarget  string                                 // what the claim's selections return and its UPDATE matches on
	claimSelects [2]string                              // due pending rows, then rows whose lease expired; each takes (now, limit)
	rebind       func(q string) string                  // ? to the driver's placeholders
	retryable    func(err error) bool                   // a whole-batch failure worth retrying (deadlock, busy)
	tune         func(db *sql.DB) error                 // pool settings
	maintain     func(db *sql.DB, stop <-chan struct{}) // background upkeep while open; optional
	schemaLock   string                                 // serialises schema creation between replicas; optional
	hasSchema    string                                 // a query: is the inbox table there (then opening writes nothing)
}

// Store is the durable inbox: deliveries deduplicated by (provider, id),
// claimed by workers under leases, finished once. Every write goes
// through one group committer, so concurrent deliveries share a
// transaction and its fsync. Its methods never take a request's context:
// a write that was started is finished whatever happens to the request.
type Store struct {
	db        *sql.DB
	d         dialect
	gc        *committer
	desc      string // what was opened, for messages (never a password)
	stop      chan struct{}
	closeOnce sync.Once
	stmts     sync.Map // query -> *sql.Stmt
	bg        sync.WaitGroup
}

// Open opens a store: a postgres:// or postgresql:// URL is PostgreSQL;
// anything else is the path of a SQLite file, taken as a path (never
// pasted into a URI). window bounds how long a commit waits for more
// deliveries to share it (0: only those already queued).
func Open(dsn string, window time.Duration) (*Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(dsn, window)
	}
	return openSQLite(dsn, window)
}

func newStore(db *sql.DB, d dialect, desc string, window time.Duration) (*Store, error) {
	if err := d.tune(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening store %s: %w", desc, err)
	}
	s := &Store{db: db, d: d, desc: desc}
	schema := []string{
		`CREATE TABLE IF NOT EXISTS hookgen_inbox (
			provider    TEXT NOT NULL,
			id          TEXT NOT NULL,
			event_type  TEXT NOT NULL,
			received_at BIGINT NOT NULL,
			body        ` + d.blob + ` NOT NULL,
			status      TEXT NOT NULL,
			attempts    INTEGER NOT NULL DEFAULT 0,
			error       TEXT NOT NULL DEFAULT '',
			next_at     BIGINT NOT NULL DEFAULT 0,
			lease_owner TEXT NOT NULL DEFAULT '',
			lease_until BIGINT NOT NULL DEFAULT 0,
			finished_at BIGINT NOT NULL DEFAULT 0,
			PRIMARY KEY (provider, id)
		)`,
		`CREATE INDEX IF NOT EXISTS hookgen_inbox_due ON hookgen_inbox (status, next_at)`,
		`CREATE INDEX IF NOT EXISTS hookgen_inbox_lease ON hookgen_inbox (status, lease_until)`,
	}
	// Opening a store that exists writes nothing, so `receiver
	// deliveries` (or a second process) opens it while a busy receiver
	// holds SQLite's write lock back to back.
	var exists bool
	if err := db.QueryRow(d.hasSchema).Scan(&exists); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening store %s: %w", desc, err)
	}
	if exists {
		schema = nil
	}
	if err := createSchema(db, d.schemaLock, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening store %s: %w", desc, err)
	}
	s.gc = newCommitter(db, d, window)
	s.stop = make(chan struct{})
	if d.maintain != nil {
		s.bg.Add(1)
		go func() { defer s.bg.Done(); d.maintain(db, s.stop) }()
	}
	return s, nil
}

// createSchema runs the schema statements in one transaction, after
// taking the dialect's lock: replicas starting together on one
// PostgreSQL would otherwise race on CREATE TABLE IF NOT EXISTS.
func createSchema(db *sql.DB, lock string, schema []string) error {
	if len(schema) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if lock != "" {
		if _, err := tx.ExecContext(ctx, lock); err != nil {
			return err
		}
	}
	for _, q := range schema {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Desc says which store this is, without credentials.
func (s *Store) Desc() string { return s.desc }

// DB is the underlying database, for a handler's own tables (create them
// before serving) and for tests.
func (s *Store) DB() *sql.DB { return s.db }

// Commits returns how many transactions the store committed and how many
// writes they held: the ratio is what group commit saves.
func (s *Store) Commits() (transactions, writes int64) {
	return s.gc.commits.Load(), s.gc.written.Load()
}

// Close stops the committer (queued writes finish first) and closes the
// database.
func (s *Store) Close() error {
	s.gc.close()
	s.closeOnce.Do(func() { close(s.stop) })
	s.bg.Wait()
	s.stmts.Range(func(_, st any) bool { st.(*sql.Stmt).Close(); return true })
	return s.db.Close()
}

func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// Insert stores a new delivery durably; inserted is false when one with
// the same provider and id is already stored (a duplicate). It returns
// once the transaction holding it has committed.
func (s *Store) Insert(d *Delivery) (inserted bool, err error) {
	return s.insert(d, nil, time.Time{})
}

// insert stores d, already claimed under l until the given time when l is
// set (the receiver hands it straight to a free worker, saving a claim).
func (s *Store) insert(d *Delivery, l *lease, until time.Time) (inserted bool, err error) {
	status, attempts, owner := d.Status, 0, ""
	if l != nil {
		status, attempts, owner = StatusRunning, l.attempt, l.owner
	}
	var n int64
	err = s.gc.do(op{key: d.Provider + "\x00" + d.ID, fn: func(ctx context.Context, tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `INSERT INTO hookgen_inbox (provider, id, event_type, received_at, body, status, attempts, lease_owner, lease_until, next_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (provider, id) DO NOTHING`,
			d.Provider, d.ID, d.EventType, nanos(d.ReceivedAt), d.Body, status, attempts, owner, nanos(until))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	}})
	return n == 1, err
}

// lease identifies one claim of a delivery: the owner and the attempt
// number, which together change on every claim (fencing a stale worker).
type lease struct {
	owner   string
	attempt int
}

// claim leases up to limit deliveries that are due: pending ones whose
// backoff has passed, and running ones whose lease expired.
func (s *Store) claim(owner string, now time.Time, leaseFor time.Duration, limit int) ([]*Delivery, error) {
	var out []*Delivery
	err := s.gc.do(op{key: "\xff", fn: func(ctx context.Context, tx *sql.Tx) error {
		out = out[:0]
		n := nanos(now)
		// Two statements, each an index range in its own order: one
		// selection with OR (or UNION) made PostgreSQL sort every due
		// row on each claim.
		for _, sel := range s.d.claimSelects {
			if len(out) == limit {
				break
			}
			rows, err := s.query(ctx, tx, `UPDATE hookgen_inbox
				SET status = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ?
				WHERE `+s.d.claimTarget+` IN (`+sel+`)
				RETURNING provider, id, event_type, received_at, body, attempts`,
				owner, n+int64(leaseFor), n, limit-len(out))
			if err != nil {
				return err
			}
			for rows.Next() {
				d := &Delivery{Status: StatusRunning}
				var at int64
				if err := rows.Scan(&d.Provider, &d.ID, &d.EventType, &at, &d.Body, &d.Attempts); err != nil {
					rows.Close()
					return err
				}
				d.ReceivedAt = fromNanos(at)
				out = append(out, d)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	}})
	return out, err
}

// extend renews a lease; errLeaseLost when it is no longer ours.
func (s *Store) extend(d *Delivery, l lease, until time.Time) error {
	return s.gc.do(op{key: d.Provider + "\x00" + d.ID, fn: func(ctx context.Context, tx *sql.Tx) error {
		return fenced(s.exec(ctx, tx, `UPDATE hookgen_inbox SET lease_until = ?
			WHERE provider = ? AND id = ? AND status = 'running' AND lease_owner = ? AND attempts = ?`,
			nanos(until), d.Provider, d.ID, l.owner, l.attempt))
	}})
}

// finish records the outcome of one attempt under its lease. effects run
// in the same transaction, after the fenced status change: they commit
// exactly when the delivery becomes processed, and are rolled back with
// it (a savepoint) when they fail or the lease was lost.
func (s *Store) finish(d *Delivery, l lease, status, errText string, nextAt, now time.Time, effects []func(context.Context, *sql.Tx) error) error {
	// A savepoint only when there are effects to undo: the fenced update
	// alone either writes or matches nothing.
	return s.gc.do(op{key: d.Provider + "\x00" + d.ID, savepoint: len(effects) > 0, fn: func(ctx context.Context, tx *sql.Tx) error {
		err := fenced(s.exec(ctx, tx, `UPDATE hookgen_inbox
			SET status = ?, error = ?, next_at = ?, finished_at = ?, lease_owner = '', lease_until = 0
			WHERE provider = ? AND id = ? AND status = 'running' AND lease_owner = ? AND attempts = ?`,
			status, errText, nanos(nextAt), nanos(now), d.Provider, d.ID, l.owner, l.attempt))
		if err != nil {
			return err
		}
		for _, f := range effects {
			if err := f(ctx, tx); err != nil {
				return fmt.Errorf("handler's transactional effect: %w", err)
			}
		}
		return nil
	}})
}

// release gives a lease back without counting the attempt (shutdown).
func (s *Store) release(d *Delivery, l lease) error {
	return s.gc.do(op{key: d.Provider + "\x00" + d.ID, fn: func(ctx context.Context, tx *sql.Tx) error {
		return fenced(s.exec(ctx, tx, `UPDATE hookgen_inbox
			SET status = 'pending', attempts = attempts - 1, next_at = 0, lease_owner = '', lease_until = 0
			WHERE provider = ? AND id = ? AND status = 'running' AND lease_owner = ? AND attempts = ?`,
			d.Provider, d.ID, l.owner, l.attempt))
	}})
}

// exec runs one of the store's fixed statements in tx, prepared once per
// connection (the committer's connection runs the same few statements
// all day; parsing them each time was a tenth of its CPU).
func (s *Store) exec(ctx context.Context, tx *sql.Tx, q string, args ...any) (sql.Result, error) {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

func (s *Store) query(ctx context.Context, tx *sql.Tx, q string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	return tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, s.d.rebind(q))
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

func fenced(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return errLeaseLost
	}
	return nil
}

const listColumns = `provider, id, event_type, received_at, body, status, attempts, error, next_at, finished_at`

func scanDelivery(sc interface{ Scan(...any) error }) (*Delivery, error) {
	d := &Delivery{}
	var at, next, fin int64
	if err := sc.Scan(&d.Provider, &d.ID, &d.EventType, &at, &d.Body, &d.Status, &d.Attempts, &d.Error, &next, &fin); err != nil {
		return nil, err
	}
	d.ReceivedAt, d.NextAt, d.FinishedAt = fromNanos(at), fromNanos(next), fromNanos(fin)
	return d, nil
}

// Get returns a stored delivery, or nil.
func (s *Store) Get(ctx context.Context, provider, id string) (*Delivery, error) {
	d, err := scanDelivery(s.db.QueryRowContext(ctx, s.d.rebind(`SELECT `+listColumns+` FROM hookgen_inbox WHERE provider = ? AND id = ?`), provider, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return d, err
}

// List returns the stored deliveries in the order they were received,
// those in one status when status is not empty.
func (s *Store) List(ctx context.Context, status string, each func(*Delivery) error) error {
	q, args := `SELECT `+listColumns+` FROM hookgen_inbox`, []any{}
	if status != "" {
		q, args = q+` WHERE status = ?`, append(args, status)
	}
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q+` ORDER BY received_at, provider, id`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return err
		}
		if err := each(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Counts returns how many deliveries are in each status.
func (s *Store) Counts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT status, COUNT(*) FROM hookgen_inbox GROUP BY status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// Replay puts deliveries back in the queue with a fresh count of
// attempts: those in status (dead by default), or exactly the ids given
// (of one provider). A running delivery is never taken from its worker.
func (s *Store) Replay(provider string, ids []string, status string) (int64, error) {
	var total int64
	err := s.gc.do(op{key: "\xfe", fn: func(ctx context.Context, tx *sql.Tx) error {
		total = 0
		set := `UPDATE hookgen_inbox SET status = 'pending', attempts = 0, error = '', next_at = 0, finished_at = 0 WHERE status <> 'running'`
		if len(ids) == 0 {
			q, args := set+` AND status = ?`, []any{status}
			if provider != "" {
				q, args = q+` AND provider = ?`, append(args, provider)
			}
			res, err := tx.ExecContext(ctx, s.d.rebind(q), args...)
			if err != nil {
				return err
			}
			total, err = res.RowsAffected()
			return err
		}
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, s.d.rebind(set+` AND provider = ? AND id = ?`), provider, id)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			total += n
		}
		return nil
	}})
	return total, err
}
