package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// guard bounds every wait in these tests. It is only a failure guard, far
// above the short timeouts the tests set: nothing here waits for it to pass.
const guard = 30 * time.Second

// serveOn runs s.Serve on a free loopback port until the test ends and
// returns its address and a function that stops it and returns Serve's
// result.
func serveOn(t *testing.T, s *Server) (string, func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	stop := func() error {
		cancel()
		select {
		case err := <-done:
			done <- err // for the cleanup below
			return err
		case <-time.After(guard):
			return fmt.Errorf("Serve did not return within %s of being stopped", guard)
		}
	}
	t.Cleanup(func() { stop() })
	return ln.Addr().String(), stop
}

// dial connects to addr from the loopback address from ("" for any).
func dial(t *testing.T, addr, from string) net.Conn {
	t.Helper()
	var d net.Dialer
	if from != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// roundTrip sends a keep-alive GET of target on c and reads the response.
func roundTrip(c net.Conn, r *bufio.Reader, target string) (*http.Response, error) {
	c.SetDeadline(time.Now().Add(guard))
	defer c.SetDeadline(time.Time{})
	if _, err := fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", target); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		return nil, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp, err
}

// closedByServer reads r until the server closes the connection, and
// says so, or until the guard passes.
func closedByServer(c net.Conn, r io.Reader) bool {
	c.SetReadDeadline(time.Now().Add(guard))
	_, err := io.Copy(io.Discard, r)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// trickle writes one byte to c every 50ms until the test ends or c is
// closed: a client sending its request as slowly as it likes.
func trickle(t *testing.T, c net.Conn) {
	ctx := t.Context()
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if _, err := c.Write([]byte("a")); err != nil {
					return
				}
			}
		}
	}()
}

// TestIdleConnectionsClosed: a kept-alive connection that sends nothing
// more is closed after IdleTimeout, so idle clients cannot pile up.
func TestIdleConnectionsClosed(t *testing.T) {
	s := New(true)
	s.Update("/", public, private)
	s.ReadTimeout, s.IdleTimeout = time.Hour, 100*time.Millisecond
	addr, _ := serveOn(t, s)

	c := dial(t, addr, "")
	r := bufio.NewReader(c)
	resp, err := roundTrip(c, r, "/posts/a/")
	if err != nil || resp.StatusCode != 200 || resp.Close {
		t.Fatalf("GET /posts/a/ on a kept-alive connection: %v, %v", resp, err)
	}
	if !closedByServer(c, r) {
		t.Errorf("an idle kept-alive connection is still open %s after its last response, with IdleTimeout %s", guard, s.IdleTimeout)
	}
}

// TestSlowRequestsClosed: a client sending its request a byte at a time
// is cut off after ReadTimeout, headers or body alike.
func TestSlowRequestsClosed(t *testing.T) {
	for _, tt := range []struct{ name, start string }{
		{"headers", "GET /posts/a/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "},
		{"body", "GET /posts/a/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := New(true)
			s.Update("/", public, private)
			s.ReadTimeout, s.IdleTimeout = 200*time.Millisecond, time.Hour
			addr, _ := serveOn(t, s)

			c := dial(t, addr, "")
			if _, err := io.WriteString(c, tt.start); err != nil {
				t.Fatal(err)
			}
			trickle(t, c)
			if !closedByServer(c, c) {
				t.Errorf("a request sending its %s a byte at a time is still open after %s, with ReadTimeout %s", tt.name, guard, s.ReadTimeout)
			}
		})
	}
}

// TestConnectionsPerClient: one address may hold MaxConnsPerIP
// connections; more are closed unanswered, while other addresses are
// still served, and a closed connection frees its place.
func TestConnectionsPerClient(t *testing.T) {
	s := New(true)
	s.Update("/", public, private)
	s.MaxConnsPerIP = 2
	addr, _ := serveOn(t, s)

	var held []net.Conn
	for i := range s.MaxConnsPerIP {
		c := dial(t, addr, "127.0.0.1")
		if resp, err := roundTrip(c, bufio.NewReader(c), "/posts/a/"); err != nil || resp.StatusCode != 200 {
			t.Fatalf("connection %d of %d: %v, %v", i+1, s.MaxConnsPerIP, resp, err)
		}
		held = append(held, c)
	}
	over := dial(t, addr, "127.0.0.1")
	if resp, err := roundTrip(over, bufio.NewReader(over), "/posts/a/"); err == nil {
		t.Errorf("connection %d from one address, over MaxConnsPerIP %d, was answered %s", s.MaxConnsPerIP+1, s.MaxConnsPerIP, resp.Status)
	}

	// Another machine (here another loopback address) is still served.
	var d net.Dialer
	d.LocalAddr = &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}
	if other, err := d.Dial("tcp", addr); err != nil {
		t.Logf("cannot connect from 127.0.0.2 (%v): not checking that other addresses are served", err)
	} else {
		defer other.Close()
		if resp, err := roundTrip(other, bufio.NewReader(other), "/posts/a/"); err != nil || resp.StatusCode != 200 {
			t.Errorf("another address, while 127.0.0.1 is at its cap: %v, %v", resp, err)
		}
	}

	// Closing one frees its place, once the server has seen it close.
	held[0].Close()
	deadline := time.Now().Add(guard)
	for {
		c := dial(t, addr, "127.0.0.1")
		resp, err := roundTrip(c, bufio.NewReader(c), "/posts/a/")
		c.Close()
		if err == nil && resp.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a connection closed by its client did not free its place within %s: %v", guard, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestEventStreamOutlivesTimeouts: the live-reload stream is one request
// that never ends; the read and idle timeouts that close other
// connections must not close it.
func TestEventStreamOutlivesTimeouts(t *testing.T) {
	s := New(true)
	s.Update("/", public, private)
	s.ReadTimeout, s.IdleTimeout = 100*time.Millisecond, 100*time.Millisecond
	addr, _ := serveOn(t, s)
	events := listen(t, "http://"+addr)

	// Connections opened after the stream are closed by the timeouts:
	// once they are, the stream has outlived both.
	slow := dial(t, addr, "")
	io.WriteString(slow, "GET / HTTP/1.1\r\n")
	idle := dial(t, addr, "")
	r := bufio.NewReader(idle)
	if _, err := roundTrip(idle, r, "/"); err != nil {
		t.Fatal(err)
	}
	if !closedByServer(slow, slow) || !closedByServer(idle, r) {
		t.Fatal("the timeouts did not close a slow or an idle connection")
	}

	next := clone(public)
	next["posts/a/index.html"] = []byte("<html><body>post a, edited</body></html>")
	s.Update("/", next, private)
	if m := recv(t, events); m.Type == "" {
		t.Error("the event stream ended with the timeouts")
	}
}

// TestStopClosesHalfRequests: stopping the server (Ctrl-C) does not wait
// for clients that have sent half a request, or nothing after a
// response, or are listening for reloads: it closes them and returns.
func TestStopClosesHalfRequests(t *testing.T) {
	s := New(true)
	s.Update("/", public, private)
	// Nothing times out by itself during the test, and requests under
	// way may take an hour to finish: only stopping may close these.
	s.ReadTimeout, s.IdleTimeout, s.ShutdownGrace = time.Hour, time.Hour, time.Hour
	addr, stop := serveOn(t, s)
	events := listen(t, "http://"+addr)

	line := dial(t, addr, "")
	io.WriteString(line, "GET /posts/a/ HT")
	body := dial(t, addr, "")
	io.WriteString(body, "GET /posts/a/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nhalf a body")
	idle := dial(t, addr, "")
	r := bufio.NewReader(idle)
	if _, err := roundTrip(idle, r, "/"); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	if err := stop(); err != nil {
		t.Fatalf("Serve: %v", err)
	}
	// While shutting down, Go's http.Server closes a connection that
	// has not sent its first request once it is 5 s old; stopping must
	// not wait for that. It takes milliseconds: 4 s only tells the two
	// apart.
	if took := time.Since(start); took >= 4*time.Second {
		t.Errorf("stopping took %s with half-read requests open", took.Round(time.Millisecond))
	}
	for name, c := range map[string]net.Conn{"half a request line": line, "half a body": body} {
		if !closedByServer(c, c) {
			t.Errorf("the connection with %s is still open after Serve returned", name)
		}
	}
	if !closedByServer(idle, r) {
		t.Error("the idle connection is still open after Serve returned")
	}
	select {
	case m, ok := <-events:
		if ok {
			t.Errorf("the event stream got %+v, want it closed", m)
		}
	case <-time.After(guard):
		t.Error("the event stream is still open after Serve returned")
	}
}
