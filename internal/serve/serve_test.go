package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var (
	public = map[string][]byte{
		"index.html":          []byte("<html><body>home</body></html>"),
		"posts/a/index.html":  []byte("<html><body>post a</body></html>"),
		"404.html":            []byte("<html><body>not here</body></html>"),
		"css/style.css":       []byte("body{}"),
		"index.xml":           []byte("<rss/>"),
		"posts/a/diagram.svg": []byte("<svg/>"),
	}
	private = map[string][]byte{
		"index.html":             []byte("<html><body>dashboard</body></html>"),
		"contacts/ana-lima.html": []byte("<html><body>Ana's notes</body></html>"),
	}
)

func get(t *testing.T, h http.Handler, target string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	return rec.Result()
}

func body(t *testing.T, r *http.Response) string {
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

func TestServesBothSites(t *testing.T) {
	s := New("/", true)
	s.Update(public, private)
	for target, want := range map[string]string{
		"/":                             "home",
		"/posts/a/":                     "post a",
		"/_wiki/":                       "dashboard",
		"/_wiki/contacts/ana-lima.html": "Ana's notes",
	} {
		r := get(t, s, target)
		if r.StatusCode != 200 || !strings.Contains(body(t, r), want) {
			t.Errorf("GET %s: %d, want 200 with %q", target, r.StatusCode, want)
		}
	}
	// The reload script is added to served HTML only.
	if b := body(t, get(t, s, "/posts/a/")); !strings.Contains(b, `/_netjournal/reload.js" defer></script></body>`) {
		t.Errorf("no reload script in %q", b)
	}
	if b := body(t, get(t, s, "/css/style.css")); b != "body{}" {
		t.Errorf("stylesheet changed in serving: %q", b)
	}
	if string(public["posts/a/index.html"]) != "<html><body>post a</body></html>" {
		t.Error("injecting the script changed the site's own bytes")
	}
	if ct := get(t, s, "/index.xml").Header.Get("Content-Type"); ct != "application/xml; charset=utf-8" {
		t.Errorf("feed content type %q", ct)
	}
	r := get(t, s, "/nope/")
	if r.StatusCode != 404 || !strings.Contains(body(t, r), "not here") {
		t.Errorf("missing page: %d, want the site's 404 page", r.StatusCode)
	}
	if r := get(t, s, "/posts/a"); r.StatusCode != 301 || r.Header.Get("Location") != "/posts/a/" {
		t.Errorf("folder without slash: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
}

func TestNoPathTraversal(t *testing.T) {
	s := New("/blog/", true)
	s.Update(public, private)
	for _, target := range []string{
		"/blog/../netjournal.yaml", "/blog/%2e%2e/%2e%2e/etc/passwd", "/_wiki/../blog/index.html",
		"/_wiki/..%2f..%2fcontent/contacts/ana-lima.md", "/blog//etc/passwd", "/blog/posts/../../../../etc/passwd",
		"/../../../etc/passwd", "/_wiki/%2e%2e%2fnetjournal.yaml",
	} {
		r := get(t, s, target)
		if r.StatusCode == 200 {
			t.Errorf("GET %s served %q", target, body(t, r))
		}
		if loc := r.Header.Get("Location"); loc != "" && !strings.HasPrefix(loc, "/") {
			t.Errorf("GET %s redirects off site to %q", target, loc)
		}
	}
	// Outside the base path there is nothing but the 404 page.
	if r := get(t, s, "/index.html"); r.StatusCode != 404 {
		t.Errorf("outside the base path: %d", r.StatusCode)
	}
	if r := get(t, s, "/blog/posts/a/"); r.StatusCode != 200 {
		t.Errorf("under the base path: %d", r.StatusCode)
	}
}

func TestWikiNotServedWhenNotAllowed(t *testing.T) {
	s := New("/", false)
	s.Update(public, private)
	for _, target := range []string{"/_wiki/", "/_wiki/contacts/ana-lima.html"} {
		r := get(t, s, target)
		if r.StatusCode != 404 || strings.Contains(body(t, r), "Ana") {
			t.Errorf("GET %s: %d: the wiki must not be served", target, r.StatusCode)
		}
	}
}

// listen opens the event stream and returns its messages.
func listen(t *testing.T, url string) <-chan message {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/_netjournal/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan message, 16)
	connected := make(chan bool)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			line := sc.Text()
			if line == ": connected" {
				close(connected)
			}
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				var m message
				json.Unmarshal([]byte(data), &m)
				out <- m
			}
		}
	}()
	<-connected
	return out
}

func recv(t *testing.T, c <-chan message) message {
	t.Helper()
	select {
	case m := <-c:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("no message")
	}
	return message{}
}

func TestReloadMessages(t *testing.T) {
	s := New("/", true)
	s.Update(public, private)
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer s.Close()
	events := listen(t, ts.URL)

	next := clone(public)
	next["posts/a/index.html"] = []byte("<html><body>post a, edited</body></html>")
	s.Update(next, private)
	m := recv(t, events)
	if m.Type != "reload" || strings.Join(m.Paths, ",") != "/posts/a/" {
		t.Fatalf("got %+v, want a reload of /posts/a/", m)
	}
	// The page is already new when the message arrives.
	resp, _ := http.Get(ts.URL + "/posts/a/")
	if b := body(t, resp); !strings.Contains(b, "edited") {
		t.Errorf("after the reload message the page is still old: %q", b)
	}

	css := clone(next)
	css["css/style.css"] = []byte("body{color:red}")
	s.Update(css, private)
	if m := recv(t, events); m.Type != "css" {
		t.Errorf("a stylesheet-only change sent %+v, want css", m)
	}

	s.Fail([]string{"content/posts/a.md:3: invalid date"})
	if m := recv(t, events); m.Type != "problems" || m.Problems[0] != "content/posts/a.md:3: invalid date" {
		t.Errorf("got %+v, want the problems", m)
	}
	// A page opened while the build is broken shows the problems at once,
	// and the last good page is still served.
	late := listen(t, ts.URL)
	if m := recv(t, late); m.Type != "problems" {
		t.Errorf("a new page got %+v, want the problems", m)
	}
	resp, _ = http.Get(ts.URL + "/posts/a/")
	if b := body(t, resp); !strings.Contains(b, "edited") {
		t.Errorf("the last good page is not served: %q", b)
	}
	s.Update(css, private)
	if m := recv(t, events); m.Type != "reload" || m.Paths[0] != "*" {
		t.Errorf("after a fix got %+v, want a reload of every page", m)
	}
}

func TestCloseEndsStreams(t *testing.T) {
	s := New("/", true)
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/_netjournal/events")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	go func() { io.Copy(io.Discard, resp.Body); close(done) }()
	s.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the event stream did not end on Close")
	}
}

func clone(m map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestProblemsStayPrivateWithoutWiki: a server that does not serve the
// wiki may be open to the network; a rebuild's problems name private
// files and people, so its pages learn only that the build failed.
func TestProblemsStayPrivateWithoutWiki(t *testing.T) {
	s := New("/", false)
	s.Update(public, private)
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer s.Close()
	events := listen(t, ts.URL)
	s.Fail([]string{"content/contacts/jane-secret.md:3: unknown ref \"bo-hidden\"", "content/events/x.md:1: bad date"})
	for _, c := range []<-chan message{events, listen(t, ts.URL)} {
		m := recv(t, c)
		if m.Type != "problems" || len(m.Problems) != 1 || !strings.Contains(m.Problems[0], "failed with 2 problems") {
			t.Errorf("got %+v, want one line saying the rebuild failed", m)
		}
		if b, _ := json.Marshal(m); strings.Contains(string(b), "secret") || strings.Contains(string(b), "hidden") {
			t.Errorf("problem details reached a public-only page: %s", b)
		}
	}
}
