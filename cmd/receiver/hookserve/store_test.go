package hookserve

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/internal/pgtest"
)

// eachStore runs f on a fresh SQLite store and a fresh PostgreSQL one.
func eachStore(t *testing.T, f func(t *testing.T, open func() *Store)) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "inbox.db")
		f(t, func() *Store { return mustOpen(t, path) })
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := pgtest.DSN(t)
		f(t, func() *Store { return mustOpen(t, dsn) })
	})
}

func mustOpen(t *testing.T, dsn string) *Store {
	t.Helper()
	s, err := Open(dsn, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func delivery(id string) *Delivery {
	return &Delivery{Provider: "shop", ID: id, EventType: "order.created", ReceivedAt: time.Now(), Body: []byte(`{}`), Status: StatusPending}
}

// Concurrent deliveries share transactions: 256 inserts (and a duplicate
// of each) commit in far fewer than 256 transactions, and each id is
// stored once.
func TestGroupCommit(t *testing.T) {
	eachStore(t, func(t *testing.T, open func() *Store) {
		s := open()
		var wg sync.WaitGroup
		var inserted, dup, failed atomic.Int64
		for i := 0; i < 256; i++ {
			for range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ok, err := s.Insert(delivery(fmt.Sprintf("d%03d", i)))
					switch {
					case err != nil:
						failed.Add(1)
					case ok:
						inserted.Add(1)
					default:
						dup.Add(1)
					}
				}()
			}
		}
		wg.Wait()
		txs, writes := s.Commits()
		if inserted.Load() != 256 || dup.Load() != 256 || failed.Load() != 0 {
			t.Errorf("inserted %d, duplicates %d, failed %d", inserted.Load(), dup.Load(), failed.Load())
		}
		if writes != 512 || txs > writes/4 {
			t.Errorf("%d writes in %d transactions: not grouped", writes, txs)
		}
		t.Logf("%d writes in %d transactions", writes, txs)
	})
}

// A lease that expires is taken back by another worker, and the first
// worker's late outcome is refused, its effects rolled back: the
// delivery is processed once.
func TestLeaseExpiryAndFencing(t *testing.T) {
	eachStore(t, func(t *testing.T, open func() *Store) {
		s := open()
		if _, err := s.DB().Exec(`CREATE TABLE effects (id TEXT NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		insertEffect := func(id string) func(context.Context, *sql.Tx) error {
			return func(ctx context.Context, tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, s.d.rebind(`INSERT INTO effects (id) VALUES (?)`), id)
				return err
			}
		}
		if _, err := s.Insert(delivery("x")); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		a, err := s.claim("A", now, time.Second, 10)
		if err != nil || len(a) != 1 || a[0].Attempts != 1 {
			t.Fatalf("A claims: %v %v", a, err)
		}
		if b, _ := s.claim("B", now.Add(500*time.Millisecond), time.Second, 10); len(b) != 0 {
			t.Fatalf("B took a live lease: %v", b)
		}
		b, err := s.claim("B", now.Add(1500*time.Millisecond), time.Second, 10)
		if err != nil || len(b) != 1 || b[0].Attempts != 2 {
			t.Fatalf("B after expiry: %v %v", b, err)
		}
		la, lb := lease{"A", 1}, lease{"B", 2}
		if err := s.extend(a[0], la, now.Add(time.Hour)); !errors.Is(err, errLeaseLost) {
			t.Errorf("A renews a lost lease: %v", err)
		}
		if err := s.finish(a[0], la, StatusProcessed, "", time.Time{}, now, []func(context.Context, *sql.Tx) error{insertEffect("A")}); !errors.Is(err, errLeaseLost) {
			t.Errorf("A finishes after losing its lease: %v", err)
		}
		if err := s.finish(b[0], lb, StatusProcessed, "", time.Time{}, now, []func(context.Context, *sql.Tx) error{insertEffect("B")}); err != nil {
			t.Errorf("B finishes: %v", err)
		}
		var effects []string
		rows, _ := s.DB().Query(`SELECT id FROM effects`)
		for rows.Next() {
			var id string
			rows.Scan(&id)
			effects = append(effects, id)
		}
		rows.Close()
		if strings.Join(effects, ",") != "B" {
			t.Errorf("effects %v; want B's alone", effects)
		}
		d, _ := s.Get(context.Background(), "shop", "x")
		if d == nil || d.Status != StatusProcessed || d.Attempts != 2 {
			t.Errorf("stored as %+v", d)
		}
	})
}

// A failing effect undoes itself and the processed mark, not the other
// writes sharing its transaction.
func TestFailingEffectIsIsolated(t *testing.T) {
	eachStore(t, func(t *testing.T, open func() *Store) {
		s := open()
		for _, id := range []string{"good", "bad"} {
			s.Insert(delivery(id))
		}
		ds, err := s.claim("A", time.Now(), time.Minute, 10)
		if err != nil || len(ds) != 2 {
			t.Fatalf("claim: %v %v", ds, err)
		}
		var wg sync.WaitGroup
		errs := map[string]error{}
		var mu sync.Mutex
		for _, d := range ds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var effect func(context.Context, *sql.Tx) error = func(context.Context, *sql.Tx) error { return nil }
				if d.ID == "bad" {
					effect = func(ctx context.Context, tx *sql.Tx) error {
						_, err := tx.ExecContext(ctx, `INSERT INTO no_such_table VALUES (1)`)
						return err
					}
				}
				err := s.finish(d, lease{"A", 1}, StatusProcessed, "", time.Time{}, time.Now(), []func(context.Context, *sql.Tx) error{effect})
				mu.Lock()
				errs[d.ID] = err
				mu.Unlock()
			}()
		}
		wg.Wait()
		if errs["good"] != nil || errs["bad"] == nil {
			t.Errorf("outcomes: %v", errs)
		}
		good, _ := s.Get(context.Background(), "shop", "good")
		bad, _ := s.Get(context.Background(), "shop", "bad")
		if good.Status != StatusProcessed || bad.Status != StatusRunning {
			t.Errorf("good %s, bad %s; want processed and still running", good.Status, bad.Status)
		}
	})
}

// Two stores on one database (two replicas) never both claim a delivery.
func TestClaimsAreExclusive(t *testing.T) {
	eachStore(t, func(t *testing.T, open func() *Store) {
		s1, s2 := open(), open()
		for i := 0; i < 300; i++ {
			s1.Insert(delivery(fmt.Sprintf("c%03d", i)))
		}
		var mu sync.Mutex
		seen := map[string]int{}
		var wg sync.WaitGroup
		for w, s := range []*Store{s1, s2, s1, s2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					ds, err := s.claim(fmt.Sprintf("w%d", w), time.Now(), time.Minute, 7)
					if err != nil {
						t.Error(err)
						return
					}
					if len(ds) == 0 {
						return
					}
					mu.Lock()
					for _, d := range ds {
						seen[d.ID]++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(seen) != 300 {
			t.Errorf("%d of 300 claimed", len(seen))
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("%s claimed %d times", id, n)
			}
		}
	})
}

// Opening a store that exists writes nothing: it succeeds while another
// store on the same SQLite file commits back to back (as `receiver
// deliveries` does beside a busy receiver).
func TestOpenBesideABusyWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "inbox.db")
	busy := mustOpen(t, path)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				busy.Insert(delivery(fmt.Sprintf("w%d-%d", w, i)))
			}
		}()
	}
	defer func() { close(stop); wg.Wait() }()
	time.Sleep(200 * time.Millisecond)
	for range 3 {
		s, err := Open(path, 0)
		if err != nil {
			t.Fatalf("opening beside a busy writer: %v", err)
		}
		if _, err := s.Counts(context.Background()); err != nil {
			t.Errorf("reading beside a busy writer: %v", err)
		}
		s.Close()
	}
}

// The claim finds its rows through the indexes, in index order, and the
// rows it updates by key: no statement of the claim scans or sorts the
// table, whose size is every delivery ever received.
func TestClaimUsesIndexes(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), "inbox.db"))
	var plan []string
	for _, sel := range s.d.claimSelects {
		q := `EXPLAIN QUERY PLAN UPDATE hookgen_inbox SET status = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ?
			WHERE ` + s.d.claimTarget + ` IN (` + sel + `)`
		rows, err := s.DB().Query(q, "o", 1, 1, 8)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
	}
	for _, step := range plan {
		if strings.HasPrefix(step, "SCAN hookgen_inbox") || strings.Contains(step, "TEMP B-TREE") {
			t.Errorf("the claim scans the table:\n%s", strings.Join(plan, "\n"))
		}
	}
}
