package serve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Defaults for the limits on clients. Requests come from a browser on
// this machine, or on the local network with --bind, and ask for files
// held in memory: a request takes milliseconds, so anything slower is a
// stuck or hostile client.
const (
	// readTimeout is the time to send a request, headers and body. A
	// client that has not sent one by then is cut off.
	readTimeout = 10 * time.Second
	// idleTimeout is how long a kept-alive connection may wait for its
	// next request. Browsers open a new one when it has gone.
	idleTimeout = 30 * time.Second
	// maxConnsPerIP caps the connections one address may hold open, so
	// that one client on the network cannot take every connection the
	// server can hold. A browser holds one event stream per open page
	// and opens at most six connections per host name, so 64 leaves room
	// for a browser with many tabs on each of localhost and 127.0.0.1.
	maxConnsPerIP = 64
	// shutdownGrace is how long a response still being written when the
	// server stops may take to finish; then its connection is closed.
	shutdownGrace = time.Second
)

// Serve serves HTTP on ln until ctx is done, then stops promptly:
// connections that hold no request (idle, or with a request not yet
// complete) are closed at once, responses under way get ShutdownGrace to
// finish, and the event streams end.
//
// Connections are counted per client address; beyond MaxConnsPerIP a new
// one is closed as soon as it is accepted. Requests must arrive within
// ReadTimeout and a kept-alive connection is closed after IdleTimeout
// without one; the event streams, which are requests that never end, are
// exempt (see events).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	cs := &conns{max: s.MaxConnsPerIP, perIP: map[string]int{}, state: map[net.Conn]http.ConnState{}}
	hs := &http.Server{
		Handler: s,
		// ReadHeaderTimeout is left to ReadTimeout, which covers headers
		// and body alike.
		ReadTimeout: s.ReadTimeout,
		IdleTimeout: s.IdleTimeout,
		ConnState:   cs.track,
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(limitListener{ln, cs}) }()
	select {
	case err := <-served:
		// The listener failed: nothing more can connect, and the
		// connections open are of no use.
		s.Close()
		hs.Close()
		return err
	case <-ctx.Done():
	}

	// The event streams never end by themselves. http.Server.Shutdown
	// would wait for them, and for connections that have sent half a
	// request (up to 5 s, its own rule for those), and for bodies
	// arriving as slowly as their client likes.
	s.Close()
	cs.stop()
	grace, cancel := context.WithTimeout(context.Background(), s.ShutdownGrace)
	defer cancel()
	err := hs.Shutdown(grace)
	if errors.Is(err, context.DeadlineExceeded) {
		// Responses to clients that do not read them: cut them off.
		err = hs.Close()
	}
	<-served // http.ErrServerClosed, as soon as Shutdown starts
	return err
}

// conns keeps count of open connections: per client address, against a
// cap, and by state, so that stopping knows which hold no request.
type conns struct {
	max int

	mu       sync.Mutex
	perIP    map[string]int
	state    map[net.Conn]http.ConnState
	stopping bool
}

// admit counts a new connection from ip, unless ip already holds the most
// it may.
func (cs *conns) admit(ip string) bool {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.max > 0 && cs.perIP[ip] >= cs.max {
		return false
	}
	cs.perIP[ip]++
	return true
}

func (cs *conns) release(ip string) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.perIP[ip]--; cs.perIP[ip] <= 0 {
		delete(cs.perIP, ip)
	}
}

// track is the http.Server's ConnState hook.
func (cs *conns) track(c net.Conn, st http.ConnState) {
	cs.mu.Lock()
	stopping := cs.stopping
	switch {
	case st == http.StateClosed || st == http.StateHijacked || stopping:
		delete(cs.state, c)
	default:
		cs.state[c] = st
	}
	cs.mu.Unlock()
	if stopping && st != http.StateClosed && st != http.StateHijacked {
		// Accepted, or done with a request, while stopping.
		quiet(c, st)
	}
}

// stop closes every connection that holds no request, and stops reading
// from those that do, so that each ends as soon as its response is
// written.
func (cs *conns) stop() {
	cs.mu.Lock()
	cs.stopping = true
	state := cs.state
	cs.state = map[net.Conn]http.ConnState{}
	cs.mu.Unlock()
	// Outside the lock: closing a connection gives back its place.
	for c, st := range state {
		quiet(c, st)
	}
}

func quiet(c net.Conn, st http.ConnState) {
	if st == http.StateActive {
		// A request under way. The server may still be reading its body,
		// which our handlers never need; its response is answered from
		// memory and goes out whatever is left unread.
		c.SetReadDeadline(time.Now())
		return
	}
	// New (no whole request yet) or idle (between requests): there is
	// nothing to answer.
	c.Close()
}

// limitListener closes, as soon as they are accepted, connections from an
// address that already holds its share.
type limitListener struct {
	net.Listener
	cs *conns
}

func (l limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ip := remoteIP(c)
		if l.cs.admit(ip) {
			return &countedConn{Conn: c, release: func() { l.cs.release(ip) }}, nil
		}
		c.Close()
	}
}

// countedConn gives back its place when it closes, once however often
// it is closed.
type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// CloseWrite lets net/http half-close the connection after a response to
// a request it did not read to the end, so that the client reads the
// response before the connection is reset, as it does for a bare TCP
// connection.
func (c *countedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// remoteIP is the address a connection comes from, without its port.
func remoteIP(c net.Conn) string {
	addr := c.RemoteAddr().String()
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}
