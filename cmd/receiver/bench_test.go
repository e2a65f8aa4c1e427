package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkLoopback measures requests per second over loopback through
// the full receiver (verify, parse, validate, store durably, handle) next
// to a bare handler that only reads the body and answers 204, in the same
// run:
//
//	go test -run XXX -bench Loopback -benchtime 2000x ./cmd/receiver
//
// Each request is a new delivery of Peach's message_delivery.sent
// example. The count is bounded by -benchtime; the target is this
// machine's loopback only.
func BenchmarkLoopback(b *testing.B) {
	body, err := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json"))
	if err != nil {
		b.Fatal(err)
	}
	p := providerByName("peach")
	keys, _ := parseSecrets(p.signing, testSecrets["peach"])
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	send := func(b *testing.B, url string, i int) {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		for k, v := range sign(p, keys[0], fmt.Sprintf("msg_bench_%d_%d", b.N, i), time.Now(), body) {
			req.Header[k] = v
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
	run := func(b *testing.B, url string) {
		start := time.Now()
		for i := 0; b.Loop(); i++ {
			send(b, url, i)
		}
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
	}
	b.Run("bare", func(b *testing.B) {
		hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusNoContent)
		}))
		defer hs.Close()
		run(b, hs.URL)
	})
	b.Run("receiver", func(b *testing.B) {
		ts := start(b, "", nil)
		run(b, ts.url+"/webhooks/peach")
	})
}
