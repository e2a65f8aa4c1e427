// Package pgtest gives tests a fresh PostgreSQL database on the server
// named by HOOKGEN_TEST_POSTGRES (.ci/run starts one and sets it). Without
// it the tests skip with a loud message, except under CI (CI=true), where
// a missing server is a failure: the PostgreSQL path is never silently
// untested there.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the driver the store uses
)

var warnOnce sync.Once

// Env names the server: a postgres:// URL of a role that may create
// databases.
const Env = "HOOKGEN_TEST_POSTGRES"

// DSN creates a database for this test and returns its URL; the database
// is dropped when the test ends.
func DSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		msg := "POSTGRESQL TESTS NOT RUN: set " + Env + " to a server's URL (postgres://user@host:port/db?sslmode=disable); .ci/run starts one"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		// Also on stderr, once: go test -v shows the skip, but a plain
		// go test in a directory shows only what the binary prints.
		warnOnce.Do(func() { fmt.Fprintln(os.Stderr, "\n*** "+msg+" ***\n") })
		t.Skip(msg)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		t.Fatalf("%s is set but the server does not answer: %v", Env, err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "hookgen_test_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("creating a test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping %s: %v", name, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	u.Path = "/" + name
	return u.String()
}
