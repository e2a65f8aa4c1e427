package hookserve

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// connCap caps open connections. When the cap is reached, the connection
// idle the longest is closed to make room (keep-alive connections must
// not lock out a client with a delivery); when none is idle, Accept waits
// for one to close, and the kernel's backlog holds the newcomer.
type connCap struct {
	net.Listener
	slots chan struct{}
	done  chan struct{}
	once  sync.Once

	mu   sync.Mutex
	idle map[net.Conn]time.Time
}

func newConnCap(ln net.Listener, n int) *connCap {
	return &connCap{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{}), idle: map[net.Conn]time.Time{}}
}

func (c *connCap) Accept() (net.Conn, error) {
	for {
		select {
		case c.slots <- struct{}{}:
		default:
			if !c.evictIdle() {
				select {
				case c.slots <- struct{}{}:
				case <-c.done:
					return nil, net.ErrClosed
				}
			} else {
				continue
			}
		}
		conn, err := c.Listener.Accept()
		if err != nil {
			<-c.slots
			return nil, err
		}
		return &cappedConn{Conn: conn, release: func() { <-c.slots }}, nil
	}
}

// evictIdle closes the connection idle the longest; false when none is.
func (c *connCap) evictIdle() bool {
	c.mu.Lock()
	var oldest net.Conn
	var at time.Time
	for conn, t := range c.idle {
		if oldest == nil || t.Before(at) {
			oldest, at = conn, t
		}
	}
	delete(c.idle, oldest)
	c.mu.Unlock()
	if oldest == nil {
		return false
	}
	oldest.Close()
	// Closing frees the slot in cappedConn.Close.
	return true
}

func (c *connCap) Close() error {
	c.once.Do(func() { close(c.done) })
	return c.Listener.Close()
}

// track is the http.Server's ConnState hook: it knows which connections
// are idle.
func (c *connCap) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if state == http.StateIdle {
		c.idle[conn] = time.Now()
	} else {
		delete(c.idle, conn)
	}
}

type cappedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *cappedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
