package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
)

// TestDeliveriesAndReplay: the operator lists what a store holds (as a
// table and as JSON lines, filtered by status) and re-queues the dead.
func TestDeliveriesAndReplay(t *testing.T) {
	var healed atomic.Bool
	ts := startWith(t, "", func(_ context.Context, job *hookserve.Job) error {
		if job.Delivery.ID == "dies" && !healed.Load() {
			return errors.New("downstream refused it")
		}
		return nil
	}, func(_ *hookserve.Config, ic *hookserve.InboxConfig) { ic.MaxAttempts = 2 })
	valid, _ := os.ReadFile(filepath.Join(repoTestdata, "aiinbox", "valid", "message.received.json"))
	for _, id := range []string{"lives", "dies"} {
		if code, a := ts.post(t, "aiinbox", bytes.Replace(valid, []byte(`"12345"`), []byte(`"`+id+`"`), 1), "msg_"+id, nil); code != 202 {
			t.Fatalf("%s: %d %+v", id, code, a)
		}
	}
	ts.post(t, "aiinbox", []byte(`{"event":"message.exploded","delivery_id":"odd","data":{}}`), "msg_odd", nil)
	ts.waitIdle(t)

	deliveries := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), append([]string{"deliveries", "--store", ts.path}, args...), testEnv, &out, &errOut)
		return code, out.String(), errOut.String()
	}
	code, out, _ := deliveries("--json")
	var got []listed
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var l listed
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("not a JSON line: %q: %v", line, err)
		}
		got = append(got, l)
	}
	want := map[string]listed{
		"lives": {Provider: "aiinbox", ID: "lives", Event: "message.received", Status: "processed", Attempts: 1},
		"dies":  {Provider: "aiinbox", ID: "dies", Event: "message.received", Status: "dead", Attempts: 2, Error: "downstream refused it"},
		"odd":   {Provider: "aiinbox", ID: "odd", Event: "message.exploded", Status: "unknown"},
	}
	if code != 0 || len(got) != 3 {
		t.Fatalf("deliveries --json: exit %d, %d lines:\n%s", code, len(got), out)
	}
	for _, l := range got {
		w := want[l.ID]
		if l.Provider != w.Provider || l.Event != w.Event || l.Status != w.Status || l.Attempts != w.Attempts || l.Error != w.Error || l.ReceivedAt.IsZero() {
			t.Errorf("%s: %+v, want %+v", l.ID, l, w)
		}
	}
	if code, out, _ := deliveries("--status", "dead", "--json"); code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"id":"dies"`) {
		t.Errorf("--status dead: %d %q", code, out)
	}
	if code, out, errOut := deliveries(); code != 0 || !strings.Contains(out, "PROVIDER") || !strings.Contains(out, "downstream refused it") || !strings.Contains(errOut, "3 deliveries") {
		t.Errorf("table: %d %q %q", code, out, errOut)
	}
	var errOut bytes.Buffer
	if code := run(context.Background(), []string{"deliveries", "--store", ts.path + ".typo"}, testEnv, &bytes.Buffer{}, &errOut); code != 1 || !strings.Contains(errOut.String(), "no store at") {
		t.Errorf("a store that does not exist: %d %q", code, errOut.String())
	}
	if _, err := os.Stat(ts.path + ".typo"); err == nil {
		t.Error("listing a missing store created it")
	}
	if code, _, errOut := deliveries("--status", "sleeping"); code != 2 || !strings.Contains(errOut, `--status "sleeping"`) {
		t.Errorf("a bad status: %d %q", code, errOut)
	}

	replay := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), append([]string{"replay", "--store", ts.path}, args...), testEnv, &out, &errOut)
		return code, out.String(), errOut.String()
	}
	if code, _, errOut := replay("--id", "dies"); code != 2 || !strings.Contains(errOut, "--id needs --provider") {
		t.Errorf("--id without --provider: %d %q", code, errOut)
	}
	if code, _, errOut := replay("--provider", "aiinbox", "--id", "nobody"); code != 1 || !strings.Contains(errOut, "1 of the 1 ids were not found") {
		t.Errorf("an unknown id: %d %q", code, errOut)
	}
	healed.Store(true)
	if code, out, errOut := replay(); code != 0 || out != "1 deliveries re-queued\n" {
		t.Fatalf("replay: %d %q %q", code, out, errOut)
	}
	ts.inbox.Notify()
	ts.waitIdle(t)
	if d, _ := ts.store.Get(context.Background(), "aiinbox", "dies"); d == nil || d.Status != hookserve.StatusProcessed || d.Attempts != 1 {
		t.Errorf("after replay: %+v", d)
	}
	// A chosen delivery, even a processed one, runs again when named.
	before := ts.calls.Load()
	if code, out, _ := replay("--provider", "aiinbox", "--id", "lives"); code != 0 || out != "1 deliveries re-queued\n" {
		t.Errorf("replay --id: %d %q", code, out)
	}
	ts.inbox.Notify()
	ts.waitIdle(t)
	if n := ts.calls.Load() - before; n != 1 {
		t.Errorf("the replayed delivery ran %d times", n)
	}
}
