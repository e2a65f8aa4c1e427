package hookserve

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A store written by the receiver before the inbox is moved in: its ids
// still dedupe, failed deliveries are retried, and ones stranded as
// received are dead with a note rather than handled a second time.
func TestMigrateV1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	dsn, _ := sqliteDSN(path)
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 1, 12, 0, 0, 5, time.UTC).Format(time.RFC3339Nano)
	for _, q := range []string{
		`CREATE TABLE deliveries (provider TEXT NOT NULL, id TEXT NOT NULL, event_type TEXT NOT NULL, received_at TEXT NOT NULL,
			body BLOB NOT NULL, status TEXT NOT NULL, error TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (provider, id))`,
		`INSERT INTO deliveries VALUES ('shop', 'p', 'order.created', '` + at + `', '{}', 'processed', '', 1)`,
		`INSERT INTO deliveries VALUES ('shop', 'f', 'order.created', '` + at + `', '{}', 'failed', 'boom', 2)`,
		`INSERT INTO deliveries VALUES ('shop', 'r', 'order.created', '` + at + `', '{}', 'received', '', 1)`,
		`INSERT INTO deliveries VALUES ('shop', 'u', 'order.exploded', '` + at + `', '{}', 'unknown', '', 1)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	for range 2 { // and opening again changes nothing
		s := mustOpen(t, path)
		want := map[string]string{"p": StatusProcessed, "f": StatusPending, "r": StatusDead, "u": StatusUnknown}
		for id, status := range want {
			d, err := s.Get(context.Background(), "shop", id)
			if err != nil || d == nil || d.Status != status || !d.ReceivedAt.Equal(time.Date(2026, 11, 1, 12, 0, 0, 5, time.UTC)) {
				t.Errorf("%s: %+v %v; want %s", id, d, err, status)
			}
		}
		if d, _ := s.Get(context.Background(), "shop", "r"); d == nil || !strings.Contains(d.Error, "may or may not have run") {
			t.Errorf("the stranded delivery carries no note: %+v", d)
		}
		if ok, err := s.Insert(delivery("p")); ok || err != nil {
			t.Errorf("an old id is not a duplicate: %v %v", ok, err)
		}
		var n int
		s.DB().QueryRow(`SELECT COUNT(*) FROM deliveries_v1`).Scan(&n)
		if n != 4 {
			t.Errorf("the old table kept %d rows", n)
		}
		s.Close()
	}
}
