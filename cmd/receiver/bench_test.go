package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/cmd/receiver/internal/pgtest"
)

// BenchmarkLoopback measures deliveries per second and latency over
// loopback through the full durable path (verify, parse, validate, store
// durably with group commit, answer; the inbox's workers handle them
// meanwhile) next to a bare net/http server that reads the body and
// answers 204, in one run, at 1, 8, 32 and 64 concurrent clients:
//
//	go test -run XXX -bench Loopback -benchtime 4000x ./cmd/receiver
//
// Each request is a new delivery of Peach's message_delivery.sent
// example. PostgreSQL runs too when HOOKGEN_TEST_POSTGRES names a server
// (see internal/pgtest).
func BenchmarkLoopback(b *testing.B) {
	body, err := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json"))
	if err != nil {
		b.Fatal(err)
	}
	signer := testSigner(b, "peach")
	var round atomic.Int64
	load := func(b *testing.B, url string, clients int) {
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
		defer client.CloseIdleConnections()
		r := round.Add(1)
		lat := make([]time.Duration, b.N)
		var next atomic.Int64
		var wg sync.WaitGroup
		b.ResetTimer()
		start := time.Now()
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < b.N; i = int(next.Add(1) - 1) {
					req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
					for k, v := range signed(signer, fmt.Sprintf("msg_bench_%d_%d", r, i), time.Now(), body) {
						req.Header[k] = v
					}
					t0 := time.Now()
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					lat[i] = time.Since(t0)
					if resp.StatusCode >= 300 {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()
		slices.Sort(lat)
		b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50_ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99_ms")
		b.ReportMetric(0, "ns/op") // the rate and the latencies say it better
	}
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer bare.Close()
	stores := []struct {
		name string
		dsn  func(testing.TB) string // a fresh store for each run
	}{{"sqlite", func(testing.TB) string { return "" }}}
	if os.Getenv(pgtest.Env) != "" {
		stores = append(stores, struct {
			name string
			dsn  func(testing.TB) string
		}{"postgres", pgtest.DSN})
	}
	for _, clients := range []int{1, 8, 32, 64} {
		b.Run(fmt.Sprintf("bare/clients=%d", clients), func(b *testing.B) { load(b, bare.URL, clients) })
		for _, st := range stores {
			b.Run(fmt.Sprintf("%s/clients=%d", st.name, clients), func(b *testing.B) {
				ts := startWith(b, st.dsn(b), nil, func(_ *hookserve.Config, ic *hookserve.InboxConfig) {
					*ic = hookserve.DefaultInboxConfig
				})
				load(b, ts.url+"/webhooks/peach", clients)
			})
		}
	}
}
