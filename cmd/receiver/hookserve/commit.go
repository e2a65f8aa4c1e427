package hookserve

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// op is one write: fn runs inside the shared transaction. key orders the
// ops of a batch, so that concurrent batches (several replicas on one
// PostgreSQL) take row locks in one order and cannot deadlock each other.
// An op with savepoint set runs inside a savepoint, so its failure undoes
// only its own writes (a handler's effects); other ops may only report
// errLeaseLost (having written nothing), and when one fails otherwise the
// batch is retried one op at a time.
type op struct {
	key       string
	savepoint bool
	fn        func(ctx context.Context, tx *sql.Tx) error
	done      chan error
}

// maxBatch bounds one transaction, so one commit never holds the writer
// for long.
const maxBatch = 512

// committer is group commit: one goroutine owns the writes; whatever
// arrives while a transaction commits goes into the next one, so N
// concurrent deliveries cost one fsync, not N. window optionally waits a
// little for more (the added latency is at most window).
type committer struct {
	db     *sql.DB
	conn   *sql.Conn // the writer's own connection: its page cache stays warm
	d      dialect
	window time.Duration
	ops    chan *op
	quit   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
	mu     sync.RWMutex
	closed bool

	commits, written atomic.Int64 // committed transactions and the writes in them
}

var errStoreClosed = errors.New("the store is closed")

func newCommitter(db *sql.DB, d dialect, window time.Duration) *committer {
	c := &committer{db: db, d: d, window: window, ops: make(chan *op, maxBatch), quit: make(chan struct{})}
	c.wg.Add(1)
	go c.loop()
	return c
}

// do queues o and waits for its transaction to commit (or fail). It does
// not take a context: a write once queued is finished, whoever stopped
// waiting for it.
func (c *committer) do(o op) error {
	o.done = make(chan error, 1)
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return errStoreClosed
	}
	c.ops <- &o
	c.mu.RUnlock()
	return <-o.done
}

func (c *committer) close() {
	c.once.Do(func() {
		c.mu.Lock()
		c.closed = true
		c.mu.Unlock()
		close(c.quit)
		c.wg.Wait()
		if c.conn != nil {
			c.conn.Close()
		}
	})
}

func (c *committer) loop() {
	defer c.wg.Done()
	batch := make([]*op, 0, maxBatch)
	for {
		batch = batch[:0]
		select {
		case o := <-c.ops:
			batch = append(batch, o)
		case <-c.quit:
			// Nothing new can be queued now (closed is set); finish what was.
			for {
				select {
				case o := <-c.ops:
					batch = append(batch, o)
				default:
					if len(batch) > 0 {
						c.commit(batch)
					}
					return
				}
			}
		}
		var timer <-chan time.Time
		if c.window > 0 {
			timer = time.After(c.window)
		}
	gather:
		for len(batch) < maxBatch {
			select {
			case o := <-c.ops:
				batch = append(batch, o)
			default:
				if timer == nil {
					break gather
				}
				select {
				case o := <-c.ops:
					batch = append(batch, o)
				case <-timer:
					break gather
				}
			}
		}
		c.commit(batch)
	}
}

func (c *committer) commit(batch []*op) {
	sort.SliceStable(batch, func(i, j int) bool { return batch[i].key < batch[j].key })
	errs, err := c.run(batch)
	for attempt := 0; err != nil && c.d.retryable(err) && attempt < 5; attempt++ {
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
		errs, err = c.run(batch)
	}
	if err != nil && len(batch) > 1 {
		// One op broke the whole transaction: give each its own, so one
		// bad write does not fail the others.
		for _, o := range batch {
			c.commit([]*op{o})
		}
		return
	}
	for i, o := range batch {
		if err != nil {
			o.done <- err
		} else {
			o.done <- errs[i]
		}
	}
}

// run executes batch in one transaction; err is set when the transaction
// did not commit, errs holds each savepoint op's own failure otherwise.
func (c *committer) run(batch []*op) (errs []error, err error) {
	// The committer's own context: no request can cancel a write.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if c.conn == nil {
		if c.conn, err = c.db.Conn(ctx); err != nil {
			return nil, err
		}
	}
	tx, err := c.conn.BeginTx(ctx, nil)
	if err != nil {
		// Take a fresh connection next time; this one may be broken.
		c.conn.Close()
		c.conn = nil
		return nil, err
	}
	defer tx.Rollback()
	errs = make([]error, len(batch))
	for i, o := range batch {
		if !o.savepoint {
			err := o.fn(ctx, tx)
			if errors.Is(err, errLeaseLost) {
				// An outcome, not a failure: the fenced write matched no
				// row, so nothing was written and the batch goes on.
				errs[i] = err
				continue
			}
			if err != nil {
				return nil, err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, "SAVEPOINT hookgen_op"); err != nil {
			return nil, err
		}
		if errs[i] = o.fn(ctx, tx); errs[i] != nil {
			if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT hookgen_op"); err != nil {
				return nil, fmt.Errorf("rolling back a failed write: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT hookgen_op"); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	c.commits.Add(1)
	c.written.Add(int64(len(batch)))
	return errs, nil
}
