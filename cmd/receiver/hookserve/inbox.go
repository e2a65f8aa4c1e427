package hookserve

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// Job is one attempt at handling a stored delivery.
type Job struct {
	Delivery *Delivery
	Event    any // what the provider's Parse returned for the stored body
	effects  []func(context.Context, *sql.Tx) error
}

// Atomically registers a write that commits in the same transaction that
// marks the delivery processed, after the handler returned nil: it
// happens exactly once, however often the handler runs (a crash, an
// expired lease, a retry). Writes made any other way happen at least
// once; key them by Delivery.Provider and Delivery.ID.
func (j *Job) Atomically(f func(ctx context.Context, tx *sql.Tx) error) {
	j.effects = append(j.effects, f)
}

// Handler handles one delivery. An error schedules another attempt after
// a backoff (the delivery is dead after the last allowed one). ctx ends
// when the worker loses its lease or the receiver stops.
type Handler func(ctx context.Context, job *Job) error

// InboxConfig tunes the worker pool.
type InboxConfig struct {
	Workers     int           // handlers running at once
	Lease       time.Duration // how long a claim lasts without renewal; a crashed worker's deliveries wait this long
	MaxAttempts int           // attempts before a delivery is dead
	RetryBase   time.Duration // the first backoff; it doubles per attempt, with jitter
	RetryMax    time.Duration // the longest backoff
	Poll        time.Duration // how often an idle inbox looks for due deliveries (those of other replicas, backoffs)
}

// DefaultInboxConfig is what the reference receiver runs with.
var DefaultInboxConfig = InboxConfig{Workers: 8, Lease: 30 * time.Second, MaxAttempts: 10,
	RetryBase: time.Second, RetryMax: 10 * time.Minute, Poll: 250 * time.Millisecond}

// Validate refuses settings that cannot work.
func (c InboxConfig) Validate() error {
	switch {
	case c.Workers < 1:
		return fmt.Errorf("workers is %d; at least 1", c.Workers)
	case c.Lease < 100*time.Millisecond:
		return fmt.Errorf("lease is %s; at least 100ms", c.Lease)
	case c.MaxAttempts < 1:
		return fmt.Errorf("max attempts is %d; at least 1", c.MaxAttempts)
	case c.RetryBase <= 0 || c.RetryMax < c.RetryBase:
		return fmt.Errorf("retry backoff %s..%s; both positive, the first not above the second", c.RetryBase, c.RetryMax)
	case c.Poll <= 0:
		return fmt.Errorf("poll interval is %s; it must be positive", c.Poll)
	}
	return nil
}

// Inbox runs handlers over the stored deliveries: it claims due ones under
// a lease, renews the lease while the handler runs, and records the
// outcome fenced by the lease, so a delivery is processed exactly once
// even when a receiver dies mid-handler.
type Inbox struct {
	store     *Store
	providers map[string]*Provider
	handle    Handler
	cfg       InboxConfig
	log       *slog.Logger
	owner     string
	now       func() time.Time

	wake    chan struct{}
	ctx     context.Context
	cancel  context.CancelFunc
	stop    chan struct{}
	wg      sync.WaitGroup // the claim loop
	slots   chan struct{}  // one per running handler
	workers sync.WaitGroup
	mu      sync.Mutex
	started bool
	stopped bool

	// backlog is set when deliveries may be waiting for a worker (stored
	// while none was free, or a claim filled every slot): only then does
	// a finishing worker wake the claim loop. Without it every finish
	// would cost a claim write that finds nothing; the poll still runs.
	backlog atomic.Bool
}

// NewInbox makes an inbox; Start runs it.
func NewInbox(store *Store, providers []*Provider, handle Handler, cfg InboxConfig, log *slog.Logger) (*Inbox, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var b [8]byte
	crand.Read(b[:])
	ib := &Inbox{store: store, providers: map[string]*Provider{}, handle: handle, cfg: cfg, log: log,
		owner: hex.EncodeToString(b[:]), now: time.Now, wake: make(chan struct{}, 1), stop: make(chan struct{}),
		slots: make(chan struct{}, cfg.Workers)}
	for _, p := range providers {
		ib.providers[p.Name] = p
	}
	return ib, nil
}

// Notify tells the inbox deliveries may be due (stored, replayed), so it
// need not wait for its next poll.
func (ib *Inbox) Notify() {
	select {
	case ib.wake <- struct{}{}:
	default:
	}
}

// Start runs the claim loop and its workers until Stop.
func (ib *Inbox) Start() {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	ib.ctx, ib.cancel = context.WithCancel(context.Background())
	ib.started = true
	ib.wg.Add(1)
	go ib.loop(ib.ctx)
}

// reserve takes a worker slot if one is free and the inbox is running.
func (ib *Inbox) reserve() bool {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	if !ib.started || ib.stopped {
		return false
	}
	select {
	case ib.slots <- struct{}{}:
		ib.workers.Add(1)
		return true
	default:
		return false
	}
}

func (ib *Inbox) unreserve() {
	<-ib.slots
	ib.workers.Done()
	if ib.backlog.Load() {
		ib.Notify()
	}
}

// Insert stores a new delivery like Store.Insert; when a worker is free
// the delivery is stored already leased to it and handed over at once,
// which saves the claim's write and its wait for the next poll.
func (ib *Inbox) Insert(d *Delivery) (inserted bool, err error) {
	if d.Status != StatusPending || !ib.reserve() {
		inserted, err = ib.store.Insert(d)
		if inserted && d.Status == StatusPending {
			ib.backlog.Store(true)
			ib.Notify()
		}
		return inserted, err
	}
	l := lease{owner: ib.owner, attempt: 1}
	inserted, err = ib.store.insert(d, &l, ib.now().Add(ib.cfg.Lease))
	if err != nil || !inserted {
		ib.unreserve()
		return inserted, err
	}
	handed := *d
	handed.Status, handed.Attempts = StatusRunning, 1
	go func() {
		defer ib.unreserve()
		ib.work(ib.ctx, &handed)
	}()
	return true, nil
}

// Stop stops claiming, lets running handlers finish until ctx ends, then
// cancels them; their leases are given back without counting the
// attempt.
func (ib *Inbox) Stop(ctx context.Context) {
	ib.mu.Lock()
	ib.stopped = true
	ib.mu.Unlock()
	close(ib.stop)
	done := make(chan struct{})
	go func() { ib.wg.Wait(); ib.workers.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		ib.cancel()
		<-done
	}
	ib.cancel()
}

func (ib *Inbox) loop(ctx context.Context) {
	defer ib.wg.Done()
	ticker := time.NewTicker(ib.cfg.Poll)
	defer ticker.Stop()
	for {
		select {
		case <-ib.stop:
			return // also when a backlog kept the loop from waiting below
		default:
		}
		free := cap(ib.slots) - len(ib.slots)
		var claimed []*Delivery
		if free > 0 {
			var err error
			claimed, err = ib.store.claim(ib.owner, ib.now(), ib.cfg.Lease, free)
			if err != nil {
				ib.log.Error("claiming deliveries", "error", err)
			}
		}
		for _, d := range claimed {
			// The slot may have been taken by a handed-over delivery
			// meanwhile: then this one waits for a worker, its lease
			// running (a handler finishes well within it).
			ib.slots <- struct{}{}
			ib.workers.Add(1)
			go func() {
				defer ib.unreserve()
				ib.work(ctx, d)
			}()
		}
		if len(claimed) == free && free > 0 {
			ib.backlog.Store(true)
			continue // more may be due
		}
		if free > 0 {
			ib.backlog.Store(false) // the claim took all that was due
		}
		select {
		case <-ib.stop:
			return
		case <-ib.wake:
		case <-ticker.C:
		}
	}
}

// work runs one attempt under its lease.
func (ib *Inbox) work(parent context.Context, d *Delivery) {
	l := lease{owner: ib.owner, attempt: d.Attempts}
	log := ib.log.With("provider", d.Provider, "event", Truncate(d.EventType), "delivery", Truncate(d.ID), "attempt", d.Attempts)
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	// Renew the lease while the handler runs; losing it cancels the handler.
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		t := time.NewTicker(ib.cfg.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := ib.store.extend(d, l, ib.now().Add(ib.cfg.Lease)); err != nil {
					log.Error("lease renewal failed; stopping the handler", "error", err)
					cancel()
					return
				}
			}
		}
	}()

	job := &Job{Delivery: d}
	err := ib.run(ctx, job)
	cancel()
	<-renewed
	now := ib.now()
	switch {
	case errors.Is(err, errUnknownEvent):
		err = ib.store.finish(d, l, StatusUnknown, "", time.Time{}, now, nil)
		log.Warn("event type the schemas do not know; kept, not handled")
	case err == nil:
		err = ib.store.finish(d, l, StatusProcessed, "", time.Time{}, now, job.effects)
		if err == nil {
			log.Info("delivery processed")
		} else {
			// The effects did not commit; the attempt counts as failed.
			log.Error("recording the outcome failed", "error", err)
			if !errors.Is(err, errLeaseLost) {
				ib.fail(d, l, err, now, log)
			}
		}
		return
	case parent.Err() != nil:
		// Stopping: give the delivery back for the next receiver.
		if rerr := ib.store.release(d, l); rerr != nil {
			log.Error("giving back a lease", "error", rerr)
		}
		log.Info("handler interrupted by shutdown; delivery given back", "error", err)
		return
	default:
		ib.fail(d, l, err, now, log)
		return
	}
	if err != nil {
		log.Error("recording the outcome failed", "error", err)
	}
}

func (ib *Inbox) fail(d *Delivery, l lease, cause error, now time.Time, log *slog.Logger) {
	status, next := StatusPending, now.Add(ib.backoff(d.Attempts))
	if d.Attempts >= ib.cfg.MaxAttempts {
		status, next = StatusDead, time.Time{}
	}
	if err := ib.store.finish(d, l, status, Truncate(cause.Error()), next, now, nil); err != nil {
		log.Error("recording a failed attempt", "error", err)
		return
	}
	if status == StatusDead {
		log.Error("handler failed for the last time; delivery is dead (receiver replay re-queues it)", "error", Truncate(cause.Error()))
	} else {
		log.Warn("handler failed; will retry", "error", Truncate(cause.Error()), "retry_at", next)
	}
}

// backoff after attempt n: RetryBase doubled n-1 times, capped, with up
// to half of it random so retries of many deliveries spread out.
func (ib *Inbox) backoff(n int) time.Duration {
	d := ib.cfg.RetryBase
	for i := 1; i < n && d < ib.cfg.RetryMax; i++ {
		d *= 2
	}
	d = min(d, ib.cfg.RetryMax)
	return d/2 + rand.N(d/2+1)
}

var errUnknownEvent = errors.New("unknown event type")

// run parses the stored body again (the event is not kept apart from the
// raw bytes) and calls the handler, turning a panic into an error.
func (ib *Inbox) run(ctx context.Context, job *Job) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	p := ib.providers[job.Delivery.Provider]
	if p == nil {
		return fmt.Errorf("no provider %q is served", job.Delivery.Provider)
	}
	var parsed Parsed
	if p.ParseAs != nil {
		parsed, err = p.ParseAs(job.Delivery.EventType, job.Delivery.Body)
	} else {
		parsed, err = p.Parse(job.Delivery.Body)
	}
	if err != nil {
		return fmt.Errorf("the stored body no longer parses: %w", err)
	}
	if parsed.Unknown {
		return errUnknownEvent
	}
	job.Event = parsed.Event
	return ib.handle(ctx, job)
}
