package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/spf13/pflag"
)

// listed is one line of `receiver deliveries --json`.
type listed struct {
	Provider   string    `json:"provider"`
	ID         string    `json:"id"`
	Event      string    `json:"event"`
	Status     string    `json:"status"`
	Attempts   int       `json:"attempts"`
	Error      string    `json:"error"`
	ReceivedAt time.Time `json:"received_at"`
	NextAt     time.Time `json:"next_at,omitzero"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
}

func opsFlags(name string, stderr io.Writer) (*pflag.FlagSet, *string, *string) {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	store := fs.String("store", "", "the store: a SQLite file path or a postgres:// URL (required)")
	status := fs.String("status", "", "only deliveries in this status: "+strings.Join(hookserve.Statuses, ", "))
	return fs, store, status
}

// parseOps parses args; then checks the store and status flags, the
// latter after fill has had the chance to give it a default.
func parseOps(fs *pflag.FlagSet, args []string, storep, statusp *string, fill func(), stderr io.Writer) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0, false
		}
		fmt.Fprintf(stderr, "receiver %s: %v (see receiver %s --help)\n", fs.Name(), err, fs.Name())
		return 2, false
	}
	if fill != nil {
		fill()
	}
	store, status := *storep, *statusp
	switch {
	case store == "":
		fmt.Fprintf(stderr, "receiver %s: --store is required\n", fs.Name())
		return 2, false
	case status != "" && !slices.Contains(hookserve.Statuses, status):
		fmt.Fprintf(stderr, "receiver %s: --status %q: one of %s\n", fs.Name(), status, strings.Join(hookserve.Statuses, ", "))
		return 2, false
	case !strings.Contains(store, "://") && !fileExists(store):
		// Opening would create an empty store and list nothing.
		fmt.Fprintf(stderr, "receiver %s: no store at %q\n", fs.Name(), store)
		return 1, false
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "receiver %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2, false
	}
	return 0, true
}

// runDeliveries lists what a store holds, oldest first.
func runDeliveries(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, store, status := opsFlags("deliveries", stderr)
	asJSON := fs.Bool("json", false, "one JSON object per line")
	if code, ok := parseOps(fs, args, store, status, nil, stderr); !ok {
		return code
	}
	s, err := hookserve.Open(*store, 0)
	if err != nil {
		fmt.Fprintf(stderr, "receiver deliveries: %v\n", err)
		return 1
	}
	defer s.Close()
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	enc := json.NewEncoder(stdout)
	if !*asJSON {
		fmt.Fprintln(tw, "PROVIDER\tID\tEVENT\tSTATUS\tATTEMPTS\tRECEIVED\tERROR")
	}
	n := 0
	err = s.List(ctx, *status, func(d *hookserve.Delivery) error {
		n++
		if *asJSON {
			return enc.Encode(listed{Provider: d.Provider, ID: d.ID, Event: d.EventType, Status: d.Status, Attempts: d.Attempts,
				Error: d.Error, ReceivedAt: d.ReceivedAt, NextAt: d.NextAt, FinishedAt: d.FinishedAt})
		}
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", d.Provider, hookserve.Truncate(d.ID), hookserve.Truncate(d.EventType),
			d.Status, d.Attempts, d.ReceivedAt.Format(time.RFC3339), hookserve.Truncate(d.Error))
		return err
	})
	tw.Flush()
	if err != nil {
		fmt.Fprintf(stderr, "receiver deliveries: %v\n", err)
		return 1
	}
	if !*asJSON {
		fmt.Fprintf(stderr, "%d deliveries\n", n)
	}
	return 0
}

// runReplay re-queues deliveries: the dead ones (or another --status), or
// the --id ones of one --provider.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, store, status := opsFlags("replay", stderr)
	provider := fs.String("provider", "", "the provider of the --id deliveries (and a filter for --status)")
	ids := fs.StringArray("id", nil, "a delivery to replay (repeatable; needs --provider)")
	fill := func() {
		if *status == "" && len(*ids) == 0 {
			*status = hookserve.StatusDead
		}
	}
	if code, ok := parseOps(fs, args, store, status, fill, stderr); !ok {
		return code
	}
	switch {
	case len(*ids) > 0 && *provider == "":
		fmt.Fprintln(stderr, "receiver replay: --id needs --provider")
		return 2
	case len(*ids) > 0 && *status != "":
		fmt.Fprintln(stderr, "receiver replay: give --id or --status, not both")
		return 2
	case *status == hookserve.StatusRunning:
		fmt.Fprintln(stderr, "receiver replay: running deliveries belong to a worker; an expired lease is taken back on its own")
		return 2
	}
	s, err := hookserve.Open(*store, 0)
	if err != nil {
		fmt.Fprintf(stderr, "receiver replay: %v\n", err)
		return 1
	}
	defer s.Close()
	n, err := s.Replay(*provider, *ids, *status)
	if err != nil {
		fmt.Fprintf(stderr, "receiver replay: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%d deliveries re-queued\n", n)
	if len(*ids) > 0 && n < int64(len(*ids)) {
		fmt.Fprintf(stderr, "receiver replay: %d of the %d ids were not found or are running\n", int64(len(*ids))-n, len(*ids))
		return 1
	}
	return 0
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
