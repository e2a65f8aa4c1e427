package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/cmd/receiver/internal/pgtest"
)

// TestReplicasShareOnePostgres: three receivers on one PostgreSQL, every
// delivery sent to all three at once by 32 clients, one replica killed
// with SIGKILL partway (never restarted): each delivery is stored once
// (at most one replica answers "accepted"), acknowledged, and handled
// exactly once, the dead replica's leases taken back by the others.
func TestReplicasShareOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three receiver processes")
	}
	dsn := pgtest.DSN(t)
	setup, err := hookserve.Open(dsn, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setup.DB().Exec(createEffects); err != nil {
		t.Fatal(err)
	}
	setup.Close()

	dir := t.TempDir()
	logPath := filepath.Join(dir, "replicas.log")
	var replicas []*child
	var alive []atomic.Bool
	alive = make([]atomic.Bool, 3)
	for i := range 3 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		replicas = append(replicas, startChild(t, []string{"--addr", addr, "--store", dsn, "--lease", "1s", "--workers", "4",
			"--max-attempts", "1000", "--retry-base", "5ms", "--retry-max", "100ms"}, 0.1, logPath))
		alive[i].Store(true)
	}
	defer func() {
		for i, r := range replicas {
			if alive[i].Load() {
				r.kill()
			}
		}
	}()

	signer := testSigner(t, "peach")
	body, err := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}, Timeout: 10 * time.Second}
	// send posts id to replica r until it answers; false when the replica
	// is dead.
	send := func(r int, id string) (string, bool) {
		for alive[r].Load() {
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, "http://"+replicas[r].addr+"/webhooks/peach", bytes.NewReader(body))
			for k, v := range signed(signer, id, time.Now(), body) {
				req.Header[k] = v
			}
			resp, err := client.Do(req)
			if err == nil {
				var a hookserve.Answer
				derr := jsonDecode(resp.Body, &a)
				resp.Body.Close()
				if derr == nil && resp.StatusCode < 500 {
					return a.Status, true
				}
			}
			time.Sleep(time.Duration(5+rand.IntN(20)) * time.Millisecond)
		}
		return "", false
	}
	const n = 1500
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("replica-%05d", i)
	}
	var next atomic.Int64
	var killOnce sync.Once
	var wg sync.WaitGroup
	var mu sync.Mutex
	accepted := map[string]int{}
	acked := map[string]bool{}
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < n; i = next.Add(1) - 1 {
				if i == n/3 {
					killOnce.Do(func() {
						alive[2].Store(false)
						replicas[2].kill()
					})
				}
				var each sync.WaitGroup
				for r := range 3 {
					each.Add(1)
					go func() {
						defer each.Done()
						status, ok := send(r, ids[i])
						mu.Lock()
						defer mu.Unlock()
						switch {
						case !ok:
						case status == "accepted":
							accepted[ids[i]]++
							acked[ids[i]] = true
						case status == "duplicate":
							acked[ids[i]] = true
						default:
							t.Errorf("%s on replica %d: %q", ids[i], r, status)
						}
					}()
				}
				each.Wait()
			}
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if !acked[id] {
			t.Errorf("%s was never acknowledged", id)
		}
		if accepted[id] > 1 {
			t.Errorf("%s was accepted by %d replicas: stored twice", id, accepted[id])
		}
	}
	checkExactlyOnce(t, dsn, ids, logPath)
}
