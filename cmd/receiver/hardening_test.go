package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
)

// rawConn opens a TCP connection to ts and writes head, the request line
// and headers of a POST.
func rawPost(t *testing.T, ts *testServer, path string, contentLength int) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	// Well-formed Standard Webhooks headers with a forged signature: the
	// attacker's best case, which only the body can disprove, so Precheck
	// lets the body be read and the limits below are what holds.
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"+
		"Webhook-Id: msg_forged\r\nWebhook-Timestamp: %d\r\nWebhook-Signature: v1,%s\r\n\r\n",
		path, contentLength, time.Now().Unix(), base64.StdEncoding.EncodeToString(make([]byte, 32)))
	return conn
}

// closedWithin reports whether the server ends the connection (or
// answers) within d.
func closedWithin(conn net.Conn, d time.Duration) bool {
	conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.ReadAll(conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true
}

// A body that trickles in, or never comes, is cut off by the read timeout
// instead of holding a connection (and its buffer) forever.
func TestSlowAndMissingBodiesTimeOut(t *testing.T) {
	ts := startWith(t, "", nil, func(c *hookserve.Config, _ *hookserve.InboxConfig) { c.ReadTimeout = 300 * time.Millisecond })
	never := rawPost(t, ts, "/webhooks/peach", 1000)
	trickle := rawPost(t, ts, "/webhooks/peach", 1000)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				if _, err := trickle.Write([]byte(" ")); err != nil {
					return
				}
			}
		}
	}()
	for name, conn := range map[string]net.Conn{"a body that never comes": never, "a trickled body": trickle} {
		if !closedWithin(conn, 3*time.Second) {
			t.Errorf("%s held the connection for 3 s with a 300 ms read timeout", name)
		}
	}
}

// Idle keep-alive connections are closed after the idle timeout, and past
// the connection cap the oldest idle one makes room: a client with a
// delivery is still answered.
func TestIdleConnections(t *testing.T) {
	ts := startWith(t, "", nil, func(c *hookserve.Config, _ *hookserve.InboxConfig) { c.MaxConns = 16 })
	var idle []net.Conn
	for i := 0; i < 48; i++ {
		conn, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "GET /webhooks/peach HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err == nil {
			resp.Body.Close()
		}
		idle = append(idle, conn)
	}
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json"))
	done := make(chan int, 1)
	go func() {
		code, _ := ts.post(t, "peach", body, "msg_after_idle", nil)
		done <- code
	}()
	select {
	case code := <-done:
		if code != http.StatusAccepted {
			t.Errorf("a delivery after %d idle connections: %d", len(idle), code)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("a delivery after %d idle connections with a cap of 16 got no answer in 5 s", len(idle))
	}

	short := startWith(t, "", nil, func(c *hookserve.Config, _ *hookserve.InboxConfig) { c.IdleTimeout = 200 * time.Millisecond })
	conn, err := net.Dial("tcp", strings.TrimPrefix(short.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /webhooks/peach HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF {
		t.Errorf("an idle connection was not closed by the 200 ms idle timeout: %v", err)
	}
}

// Unauthenticated bodies stalled just under the body limit hold at most
// the unverified-bytes budget between them; past it, newcomers get 503
// busy at once instead of memory.
func TestStalledBodiesStayUnderTheBudget(t *testing.T) {
	const limit, budget = 100 << 10, 256 << 10
	ts := startWith(t, "", nil, func(c *hookserve.Config, _ *hookserve.InboxConfig) {
		c.BodyLimit, c.UnverifiedBytes, c.ReadTimeout = limit, budget, 2*time.Second
	})
	part := bytes.Repeat([]byte("x"), limit-1024)
	var wg sync.WaitGroup
	var mu sync.Mutex
	busy := 0
	for i := 0; i < 12; i++ {
		conn := rawPost(t, ts, "/webhooks/peach", limit)
		conn.Write(part) // and then nothing: stalled
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn.SetReadDeadline(time.Now().Add(time.Second))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				return // still stalled, holding its part
			}
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode == http.StatusServiceUnavailable && strings.Contains(string(b), `"busy"`) {
				mu.Lock()
				busy++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if held := ts.srv.MaxHeld(); held > budget {
		t.Errorf("%d unverified bytes held at once; the budget is %d", held, budget)
	}
	if busy < 12-budget/(limit-1024) {
		t.Errorf("%d of 12 stalled bodies were refused busy; with room for %d, want the rest", busy, budget/(limit-1024))
	}
	// The stalled ones are cut off by the read timeout and the budget is
	// free again for a delivery.
	time.Sleep(2500 * time.Millisecond)
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json"))
	if code, a := ts.post(t, "peach", body, "msg_after_stall", nil); code != http.StatusAccepted {
		t.Errorf("after the stalls: %d %+v", code, a)
	}
}

// Headers past MaxHeaderBytes are refused (431) before anything else.
func TestHeaderLimit(t *testing.T) {
	ts := start(t, "", nil)
	req, _ := http.NewRequest(http.MethodPost, ts.url+"/webhooks/peach", strings.NewReader("{}"))
	req.Header.Set("X-Padding", strings.Repeat("x", 200<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("200 KiB of headers: %d", resp.StatusCode)
	}
}

// A store path is a path: a "?" in it is part of the file name, and the
// store still runs in WAL mode.
func TestStorePathIsAPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x?y#z%41.db")
	store, err := hookserve.Open(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var mode string
	if err := store.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q %v", mode, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the store is not at the path given: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "x?y#z%41.db") {
			t.Errorf("a file other than the store: %s", e.Name())
		}
	}
}

// Flag values that cannot work are refused, each named.
func TestBadFlagValues(t *testing.T) {
	for _, tc := range []struct{ args, want string }{
		{"--body-limit 0", "body limit 0"},
		{"--body-limit -5", "body limit -5"},
		{"--tolerance -1s", "--tolerance -1s"},
		{"--tolerance 0s", "--tolerance 0s"},
		{"--unverified-bytes 1000", "unverified bytes 1000"},
		{"--max-conns 0", "max connections 0"},
		{"--read-timeout 0s", "read timeout 0s"},
		{"--workers 0", "workers is 0"},
		{"--max-attempts 0", "max attempts is 0"},
		{"--lease 1ms", "lease is 1ms"},
		{"--retry-base 1m --retry-max 1s", "retry backoff 1m0s..1s"},
		{"--commit-window 5s", "--commit-window 5s"},
		{"--store=", "--store is empty"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), strings.Fields(tc.args), testEnv, &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%s: exit %d, %q; want 2 and %q", tc.args, code, errOut.String(), tc.want)
		}
	}
}

// Strings from a request are truncated in answers and logs, and ids are
// bounded and checked as UTF-8.
func TestRequestStringsAreBounded(t *testing.T) {
	ts := startWith(t, "", nil, func(c *hookserve.Config, _ *hookserve.InboxConfig) { c.BodyLimit, c.UnverifiedBytes = 4<<20, 4<<20 })
	huge := strings.Repeat("e", 1<<20)
	code, a := ts.post(t, "aiinbox", []byte(`{"event":"`+huge+`","delivery_id":"big-event","data":{}}`), "msg_e", nil)
	if code != http.StatusBadRequest || a.Status != "bad_event" || len(a.Event) > 300 {
		t.Errorf("a 1 MiB event type: %d %s, event echoed in %d bytes", code, a.Status, len(a.Event))
	}
	longID := strings.Repeat("i", 500<<10)
	code, a = ts.post(t, "aiinbox", []byte(`{"event":"message.exploded","delivery_id":"`+longID+`","data":{}}`), "msg_i", nil)
	if code != http.StatusBadRequest || a.Status != "bad_id" || len(a.Delivery) > 300 || len(a.Error) > 300 {
		t.Errorf("a 500 KiB id: %d %s, %d bytes echoed", code, a.Status, len(a.Delivery)+len(a.Error))
	}
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json"))
	for name, id := range map[string]string{"257 bytes": strings.Repeat("i", 257), "not UTF-8": "msg_\xff\xfe"} {
		if code, a := ts.post(t, "peach", body, id, nil); code != http.StatusBadRequest || a.Status != "bad_id" {
			t.Errorf("an id of %s: %d %+v", name, code, a)
		}
	}
	code, a = ts.post(t, "aiinbox", []byte(`{"event":"message.exploded","delivery_id":"a\u0001b","data":{}}`), "msg_c", nil)
	if code != http.StatusBadRequest || a.Status != "bad_id" {
		t.Errorf("an id with a control character: %d %+v", code, a)
	}
	if code, a := ts.post(t, "peach", body, strings.Repeat("i", 256), nil); code != http.StatusAccepted {
		t.Errorf("an id of 256 bytes: %d %+v", code, a)
	}
	for _, line := range strings.Split(ts.logs.String(), "\n") {
		if len(line) > 2000 {
			t.Errorf("a log line of %d bytes: %.200s...", len(line), line)
		}
	}
}

// A provider that hangs up right after sending does not cancel the store
// write: every delivery sent that way is stored and handled.
func TestHangUpAfterSending(t *testing.T) {
	ts := start(t, "", nil)
	body, _ := os.ReadFile(filepath.Join(repoTestdata, "peach", "valid", "message_delivery.sent.template.json"))
	signer := testSigner(t, "peach")
	const n = 60
	for i := range n {
		conn, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		var head strings.Builder
		fmt.Fprintf(&head, "POST /webhooks/peach HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n", len(body))
		for k, v := range signed(signer, fmt.Sprintf("msg_hangup_%d", i), time.Now(), body) {
			fmt.Fprintf(&head, "%s: %s\r\n", k, v[0])
		}
		head.WriteString("\r\n")
		conn.Write(append([]byte(head.String()), body...))
		conn.Close() // gone before any answer
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		counts := ts.waitIdle(t)
		if counts[hookserve.StatusProcessed] == n || time.Now().After(deadline) {
			if counts[hookserve.StatusProcessed] != n {
				t.Errorf("%d of %d deliveries whose sender hung up were stored and handled: %v", counts[hookserve.StatusProcessed], n, counts)
			}
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
}
