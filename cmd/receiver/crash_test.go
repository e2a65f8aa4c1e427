package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/cmd/receiver/internal/pgtest"
)

// The crash test runs the receiver as a child process (this test binary,
// told so by the environment) so it can be killed with SIGKILL.
const (
	childEnv     = "HOOKGEN_RECEIVER_CHILD"      // the child's flags, \x1f separated
	childFailEnv = "HOOKGEN_RECEIVER_CHILD_FAIL" // the chance a handler fails
)

func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv(childEnv); ok {
		os.Exit(runChild(strings.Split(args, "\x1f")))
	}
	os.Exit(m.Run())
}

// runChild is the receiver with a handler whose only side effect is a
// row in crash_effects written through Job.Atomically: the test counts
// those rows. Handlers sleep a little (to be caught by the kills)
// and fail at random when asked to.
func runChild(args []string) int {
	failRate, _ := strconv.ParseFloat(os.Getenv(childFailEnv), 64)
	ctx, stop := signalContext()
	defer stop()
	insert := `INSERT INTO crash_effects (provider, id) VALUES (?, ?)`
	for i, a := range args {
		if a == "--store" && i+1 < len(args) && strings.HasPrefix(args[i+1], "postgres") {
			insert = `INSERT INTO crash_effects (provider, id) VALUES ($1, $2)`
		}
	}
	ready := func(store *hookserve.Store, addr string) {
		if _, err := store.DB().Exec(createEffects); err != nil {
			fmt.Fprintln(os.Stderr, "creating crash_effects:", err)
			os.Exit(1)
		}
		fmt.Printf("READY %s\n", addr)
	}
	handle := func(*slog.Logger) hookserve.Handler {
		return func(ctx context.Context, job *hookserve.Job) error {
			time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
			if rand.Float64() < failRate {
				return fmt.Errorf("a random failure")
			}
			d := job.Delivery
			job.Atomically(func(ctx context.Context, tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, insert, d.Provider, d.ID)
				return err
			})
			return nil
		}
	}
	return runServer(ctx, args, testEnv, os.Stderr, ready, handle)
}

// createEffects makes the handler's effect table: no key, so a delivery
// handled twice shows as two rows.
const createEffects = `CREATE TABLE IF NOT EXISTS crash_effects (provider TEXT NOT NULL, id TEXT NOT NULL)`

func signalContext() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background()) // the child only ever dies by SIGKILL, or ends with the test
}

// child is one receiver process.
type child struct {
	cmd  *exec.Cmd
	addr string
}

func startChild(t *testing.T, args []string, failRate float64, logPath string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(args, "\x1f"), childFailEnv+"="+strconv.FormatFloat(failRate, 'f', -1, 64))
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd.Stderr = logf
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "READY ") {
				line <- strings.TrimPrefix(sc.Text(), "READY ")
			}
		}
		io.Copy(io.Discard, out)
	}()
	select {
	case addr := <-line:
		return &child{cmd: cmd, addr: addr}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		b, _ := os.ReadFile(logPath)
		t.Fatalf("the receiver did not start:\n%s", tail(b))
		return nil
	}
}

func tail(b []byte) string {
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

func (c *child) kill() {
	c.cmd.Process.Signal(syscall.SIGKILL)
	c.cmd.Wait()
}

// crashConfig sizes one crash run.
type crashConfig struct {
	deliveries, clients, kills int
	failRate, hangUpRate       float64
	postgres                   bool // the store is a fresh PostgreSQL database, not a SQLite file
}

// TestCrashExactlyOnce: thousands of signed deliveries from 32 clients,
// the receiver SIGKILLed at random moments and restarted on the same
// store, everything resent; every delivery must be handled exactly once
// (one effect row each), none lost, none left pending or running. The
// second run adds handlers failing at random and clients hanging up
// mid-request; the third does that on PostgreSQL. HOOKGEN_CRASH_LONG=1 runs five times more deliveries and
// twice the kills.
func TestCrashExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("kills receiver processes; takes seconds")
	}
	scale := 1
	if os.Getenv("HOOKGEN_CRASH_LONG") == "1" {
		scale = 5
	}
	for _, tc := range []struct {
		name string
		cfg  crashConfig
	}{
		{"kills", crashConfig{deliveries: 3000 * scale, clients: 32, kills: 5 * min(scale, 2)}},
		{"kills, failing handlers, hang-ups", crashConfig{deliveries: 3000 * scale, clients: 32, kills: 5 * min(scale, 2), failRate: 0.25, hangUpRate: 0.15}},
		{"postgres: kills, failing handlers, hang-ups", crashConfig{deliveries: 1000 * scale, clients: 32, kills: 5 * min(scale, 2), failRate: 0.25, hangUpRate: 0.15, postgres: true}},
	} {
		t.Run(tc.name, func(t *testing.T) { crashRun(t, tc.cfg) })
	}
}

func crashRun(t *testing.T, cfg crashConfig) {
	dir := t.TempDir()
	storePath := filepath.Join(dir, "inbox.db")
	if cfg.postgres {
		storePath = pgtest.DSN(t)
	}
	logPath := filepath.Join(dir, "receiver.log")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	args := []string{"--addr", addr, "--store", storePath, "--lease", "1s", "--workers", "8",
		"--max-attempts", "1000", "--retry-base", "5ms", "--retry-max", "100ms"}

	var mu sync.Mutex
	cur := startChild(t, args, cfg.failRate, logPath)
	defer func() { mu.Lock(); cur.kill(); mu.Unlock() }()

	// The killer: SIGKILL at random moments, restart on the same store.
	var kills atomic.Int64
	killerDone := make(chan struct{})
	stopKilling := make(chan struct{})
	go func() {
		defer close(killerDone)
		for {
			select {
			case <-stopKilling:
				return
			case <-time.After(time.Duration(100+rand.IntN(400)) * time.Millisecond):
			}
			mu.Lock()
			cur.kill()
			kills.Add(1)
			cur = startChild(t, args, cfg.failRate, logPath)
			mu.Unlock()
		}
	}()

	signer := testSigner(t, "peach")
	body, err := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.clients}, Timeout: 10 * time.Second}
	// send delivers id until it is acknowledged and returns the answer's
	// status word.
	send := func(id string) string {
		for {
			ctx, cancel := context.WithCancel(context.Background())
			if rand.Float64() < cfg.hangUpRate {
				// Hang up at a random moment of the request.
				time.AfterFunc(time.Duration(rand.IntN(2000))*time.Microsecond, cancel)
			}
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/webhooks/peach", bytes.NewReader(body))
			for k, v := range signed(signer, id, time.Now(), body) {
				req.Header[k] = v
			}
			resp, err := client.Do(req)
			if err == nil {
				var a hookserve.Answer
				derr := jsonDecode(resp.Body, &a)
				resp.Body.Close()
				cancel()
				if derr == nil && (resp.StatusCode == 202 || resp.StatusCode == 200) {
					return a.Status
				}
				if resp.StatusCode < 500 && derr == nil {
					t.Errorf("%s: refused %d %+v", id, resp.StatusCode, a)
					return a.Status
				}
			}
			cancel()
			time.Sleep(time.Duration(5+rand.IntN(20)) * time.Millisecond)
		}
	}
	ids := make([]string, cfg.deliveries)
	for i := range ids {
		ids[i] = fmt.Sprintf("crash-%06d", i)
	}
	phase := func(check func(id, status string)) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for c := 0; c < cfg.clients; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := next.Add(1) - 1; i < int64(len(ids)); i = next.Add(1) - 1 {
					check(ids[i], send(ids[i]))
				}
			}()
		}
		wg.Wait()
	}
	start := time.Now()
	var accepted, duplicates atomic.Int64
	phase(func(id, status string) {
		switch status {
		case "accepted":
			accepted.Add(1)
		case "duplicate":
			duplicates.Add(1) // a hang-up or a kill after the store, before the answer
		default:
			t.Errorf("%s: answered %q", id, status)
		}
	})
	// Every delivery was acknowledged once; sent again, each must be known.
	phase(func(id, status string) {
		if status != "duplicate" {
			t.Errorf("%s: acknowledged, then answered %q when resent: it was lost", id, status)
		}
	})
	for kills.Load() < int64(cfg.kills) {
		time.Sleep(50 * time.Millisecond) // let the killer reach its count (it also kills mid-handling now)
	}
	close(stopKilling)
	<-killerDone
	t.Logf("%d deliveries, %d accepted, %d duplicates in the first round, %d kills, %s",
		len(ids), accepted.Load(), duplicates.Load(), kills.Load(), time.Since(start).Round(time.Millisecond))

	// Let the last receiver drain the inbox (expired leases included).
	checkExactlyOnce(t, storePath, ids, logPath)
	if kills.Load() < int64(cfg.kills) {
		t.Errorf("only %d kills", kills.Load())
	}
}

func jsonDecode(r io.Reader, v any) error {
	return json.NewDecoder(r).Decode(v)
}

// checkExactlyOnce waits for the receivers on the store to drain it, then
// checks that every id was processed with exactly one effect row.
func checkExactlyOnce(t *testing.T, storePath string, ids []string, logPath string) {
	t.Helper()
	store, err := hookserve.Open(storePath, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	deadline := time.Now().Add(60*time.Second + time.Duration(len(ids))*4*time.Millisecond)
	var counts map[string]int
	for {
		if counts, err = store.Counts(context.Background()); err != nil {
			t.Fatal(err)
		}
		if counts[hookserve.StatusPending]+counts[hookserve.StatusRunning] == 0 {
			break
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logPath)
			t.Fatalf("deliveries left unfinished: %v\n%s", counts, tail(b))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if counts[hookserve.StatusProcessed] != len(ids) || len(counts) != 1 {
		t.Errorf("statuses %v; want all %d processed", counts, len(ids))
	}
	effects := map[string]int{}
	rows, err := store.DB().Query(`SELECT id FROM crash_effects`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		effects[id]++
	}
	rows.Close()
	bad := 0
	for _, id := range ids {
		if effects[id] != 1 {
			if bad++; bad <= 10 {
				t.Errorf("%s handled %d times", id, effects[id])
			}
		}
	}
	if bad > 0 || len(effects) != len(ids) {
		t.Errorf("%d deliveries not handled exactly once; %d distinct handled of %d", bad, len(effects), len(ids))
	}
}
