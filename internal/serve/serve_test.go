package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
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
	return do(t, h, target)
}

// do serves a GET of target with headers ("Host" sets the Host header),
// as a browser on this machine sends it by default.
func do(t *testing.T, h http.Handler, target string, headers ...string) *http.Response {
	t.Helper()
	// An event stream ends with its request; nothing else waits.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", target, nil)
	req.Host = "127.0.0.1:1313"
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			req.Host = headers[i+1]
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) string {
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

func TestServesBothSites(t *testing.T) {
	s := New(true)
	s.Update("/", public, private)
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
	s := New(true)
	s.Update("/blog/", public, private)
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
	s := New(false)
	s.Update("/", public, private)
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
		defer close(out) // the stream ended
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

// serving serves the test sites, with a page listening for changes.
func serving(t *testing.T) (*Server, *httptest.Server, <-chan message) {
	t.Helper()
	s := New(true)
	s.Update("/", public, private)
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close() // ends the event streams, which ts.Close waits for
		ts.Close()
	})
	return s, ts, listen(t, ts.URL)
}

func TestReloadMessages(t *testing.T) {
	s, ts, events := serving(t)

	next := clone(public)
	next["posts/a/index.html"] = []byte("<html><body>post a, edited</body></html>")
	s.Update("/", next, private)
	m := recv(t, events)
	if m.Type != "changed" || strings.Join(m.Paths, ",") != "/posts/a/" {
		t.Fatalf("got %+v, want a change of /posts/a/", m)
	}
	// The page is already new when the message arrives.
	resp, _ := http.Get(ts.URL + "/posts/a/")
	if b := body(t, resp); !strings.Contains(b, "edited") {
		t.Errorf("after the reload message the page is still old: %q", b)
	}

	css := clone(next)
	css["css/style.css"] = []byte("body{color:red}")
	s.Update("/", css, private)
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "/css/style.css" {
		t.Errorf("a stylesheet-only change sent %+v, want a change of /css/style.css", m)
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
	s.Update("/", css, private)
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "*" {
		t.Errorf("after a fix got %+v, want a reload of every page", m)
	}
}

func TestCloseEndsStreams(t *testing.T) {
	s := New(true)
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
	s := New(false)
	s.Update("/", public, private)
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

// TestHosts: only the names a user types for this machine are served; a
// DNS-rebinding page names its own host and is refused, wiki and blog
// alike.
func TestHosts(t *testing.T) {
	s := New(true, "192.168.1.20")
	s.Update("/", public, private)
	for _, tt := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:1313", true},
		{"127.0.0.1", true},
		{"127.3.4.5:8080", true},
		{"localhost:1313", true},
		{"localhost", true},
		{"LocalHost:1313", true},
		{"localhost.:1313", true},
		{"[::1]:1313", true},
		{"[::1]", true},
		{"[0:0:0:0:0:0:0:1]:1313", true},
		{"192.168.1.20:1313", true},
		{"192.168.1.20", true},
		{"192.168.1.21:1313", false},
		{"attacker.example:1313", false},
		{"attacker.example", false},
		{"localhost.attacker.example:1313", false},
		{"127.0.0.1.nip.io:1313", false},
		{"0x7f000001:1313", false},
		{"", false},
	} {
		for _, target := range []string{"/_wiki/contacts/ana-lima.html", "/posts/a/", "/_netjournal/events", "/_netjournal/reload.js"} {
			r := do(t, s, target, "Host", tt.host)
			b := body(t, r)
			if tt.ok && r.StatusCode == http.StatusForbidden || !tt.ok && r.StatusCode != http.StatusForbidden {
				t.Errorf("Host %q, GET %s: %d", tt.host, target, r.StatusCode)
			}
			if !tt.ok && (strings.Contains(b, "Ana") || !strings.Contains(b, "DNS rebinding")) {
				t.Errorf("Host %q, GET %s: refused with %q", tt.host, target, b)
			}
		}
	}
	// An empty name given by mistake does not let an empty Host in.
	s = New(true, "")
	s.Update("/", public, private)
	if r := do(t, s, "/", "Host", ""); r.StatusCode != http.StatusForbidden {
		t.Errorf("an empty Host: %d", r.StatusCode)
	}
	// Without other hosts, a LAN address is refused too.
	s = New(true)
	s.Update("/", public, private)
	if r := do(t, s, "/", "Host", "192.168.1.20:1313"); r.StatusCode != http.StatusForbidden {
		t.Errorf("a host that was not given: %d", r.StatusCode)
	}
}

// TestSameOrigin: no response may be embedded by another origin, and the
// wiki and its problems go to no page of another site.
func TestSameOrigin(t *testing.T) {
	s := New(true)
	s.Update("/", public, private)
	for _, target := range []string{"/", "/posts/a/", "/nope/", "/css/style.css", "/_wiki/", "/_wiki/contacts/ana-lima.html",
		"/_wiki/nope.html", "/_netjournal/reload.js", "/_netjournal/events"} {
		for _, headers := range [][]string{nil, {"Host", "attacker.example"}, {"Sec-Fetch-Site", "cross-site"}} {
			r := do(t, s, target, headers...)
			if got := r.Header.Get("Cross-Origin-Resource-Policy"); got != "same-origin" {
				t.Errorf("GET %s %v: Cross-Origin-Resource-Policy %q", target, headers, got)
			}
			if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s %v: X-Content-Type-Options %q", target, headers, got)
			}
		}
	}
	for _, tt := range []struct {
		target, site string
		ok           bool
	}{
		{"/_wiki/contacts/ana-lima.html", "", true},
		{"/_wiki/contacts/ana-lima.html", "none", true},
		{"/_wiki/contacts/ana-lima.html", "same-origin", true},
		{"/_wiki/contacts/ana-lima.html", "same-site", false},
		{"/_wiki/contacts/ana-lima.html", "cross-site", false},
		{"/_wiki/", "cross-site", false},
		{"/_wiki", "cross-site", false},
		{"/_netjournal/events", "cross-site", false},
		{"/_netjournal/events", "same-site", false},
		{"/_netjournal/events", "same-origin", true},
		// The blog is public: other sites may link to it.
		{"/posts/a/", "cross-site", true},
		{"/_netjournal/reload.js", "cross-site", true},
	} {
		r := do(t, s, tt.target, "Sec-Fetch-Site", tt.site)
		b := body(t, r)
		if tt.ok == (r.StatusCode == http.StatusForbidden) {
			t.Errorf("Sec-Fetch-Site %q, GET %s: %d", tt.site, tt.target, r.StatusCode)
		}
		if !tt.ok && strings.Contains(b, "Ana") {
			t.Errorf("Sec-Fetch-Site %q, GET %s: refused with %q", tt.site, tt.target, b)
		}
	}
	// Without the wiki, the event stream carries nothing private.
	s = New(false)
	s.Update("/", public, private)
	if r := do(t, s, "/_netjournal/events", "Sec-Fetch-Site", "cross-site"); r.StatusCode != 200 {
		t.Errorf("a public-only event stream: %d", r.StatusCode)
	}
}

// TestUnbuilt: until the first good build every page says the site has
// not built yet, shows the problems through the reload script, and
// reloads once the site builds.
func TestUnbuilt(t *testing.T) {
	s := New(true)
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer s.Close()
	for _, target := range []string{"/", "/blog/", "/blog/posts/a/", "/_wiki/", "/_wiki/contacts/ana-lima.html"} {
		r := get(t, s, target)
		b := body(t, r)
		if r.StatusCode != http.StatusServiceUnavailable || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(b, "has not built yet") || !strings.Contains(b, `/_netjournal/reload.js" defer></script></body>`) {
			t.Errorf("GET %s before the first build: %d %s %q", target, r.StatusCode, r.Header.Get("Content-Type"), b)
		}
	}
	s.Fail([]string{"netjournal.yaml:2: unknown field"})
	events := listen(t, ts.URL)
	if m := recv(t, events); m.Type != "problems" || m.Problems[0] != "netjournal.yaml:2: unknown field" {
		t.Errorf("a page opened before the first build got %+v, want the problems", m)
	}
	s.Update("/blog/", public, private)
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "*" {
		t.Errorf("the first build sent %+v, want a reload of every page", m)
	}
	if b := body(t, get(t, s, "/blog/posts/a/")); !strings.Contains(b, "post a") {
		t.Errorf("after the first build: %q", b)
	}
	if r := get(t, s, "/"); r.StatusCode != http.StatusFound || r.Header.Get("Location") != "/blog/" {
		t.Errorf("the root with the blog under /blog/: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}

	// Without a fail, the first build still reloads the waiting pages.
	s2 := New(true)
	ts2 := httptest.NewServer(s2)
	defer ts2.Close()
	defer s2.Close()
	events = listen(t, ts2.URL)
	s2.Update("/", public, private)
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "*" {
		t.Errorf("the first build sent %+v, want a reload of every page", m)
	}
}

// TestBasePathMoves: each build says where the blog is; when that moves,
// the blog moves and every page reloads.
func TestBasePathMoves(t *testing.T) {
	s := New(true)
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer s.Close()
	s.Update("/blog", public, private)
	if r := get(t, s, "/blog/posts/a/"); r.StatusCode != 200 {
		t.Errorf("under /blog/: %d", r.StatusCode)
	}
	events := listen(t, ts.URL)
	s.Update("/journal/", public, private)
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "*" {
		t.Errorf("moving the blog sent %+v, want a reload of every page", m)
	}
	for target, want := range map[string]int{"/journal/posts/a/": 200, "/journal/": 200, "/blog/posts/a/": 404, "/_wiki/": 200} {
		if r := get(t, s, target); r.StatusCode != want {
			t.Errorf("after the move, GET %s: %d, want %d", target, r.StatusCode, want)
		}
	}
	s.Update("/", public, private)
	for target, want := range map[string]int{"/posts/a/": 200, "/": 200, "/journal/posts/a/": 404} {
		if r := get(t, s, target); r.StatusCode != want {
			t.Errorf("at the root, GET %s: %d, want %d", target, r.StatusCode, want)
		}
	}
	// A base path is said as a URL writes it, escaped; requests ask for
	// it decoded.
	s.Update("/my%20blog/", public, private)
	for target, want := range map[string]int{"/my%20blog/posts/a/": 200, "/my%20blog/": 200, "/posts/a/": 404} {
		if r := get(t, s, target); r.StatusCode != want {
			t.Errorf("under /my%%20blog/, GET %s: %d, want %d", target, r.StatusCode, want)
		}
	}
	req := httptest.NewRequest("GET", "http://127.0.0.1:1313/", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusFound || loc != "/my%20blog/" {
		t.Errorf("GET / under /my%%20blog/: %d to %q, want 302 to /my%%20blog/", rec.Code, loc)
	}
}

// TestDotSegmentsRedirectToCleanPath: a path with dot segments is sent to
// its clean form, whichever site it lands in.
func TestDotSegmentsRedirectToCleanPath(t *testing.T) {
	s := New(true)
	s.Update("/", public, private)
	for target, want := range map[string]string{
		"/_wiki/../_wiki/index.html":      "/_wiki/index.html",
		"/_wiki/contacts/../index.html":   "/_wiki/index.html",
		"/posts/../_wiki/index.html":      "/_wiki/index.html",
		"/posts//a/":                      "/posts/a/",
		"/_wiki/./contacts/ana-lima.html": "/_wiki/contacts/ana-lima.html",
	} {
		req := httptest.NewRequest("GET", "http://127.0.0.1:1313/", nil)
		req.URL.Path = target // as sent, not cleaned by a client
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if loc := rec.Header().Get("Location"); rec.Code != http.StatusMovedPermanently || loc != want {
			t.Errorf("GET %s: %d to %q, want 301 to %s", target, rec.Code, loc, want)
		}
	}
}

// TestRedirectsStayOnSite: the server redirects paths with dot segments
// or doubled slashes to their clean form; no path may make that redirect
// lead a browser to another host. Browsers drop tabs and newlines from a
// URL and read a backslash as a slash, so /%09/evil.example// or
// /%5Cevil.example// would otherwise come back as //evil.example/.
func TestRedirectsStayOnSite(t *testing.T) {
	nasty := []string{
		`/%5C127.0.0.2:18999//`, `/%5c%5cevil.example/`, `/%5Cevil.example`, `/\evil.example//`, `/\\evil.example//`,
		`/%09/evil.example//`, `/%09%09evil.example//`, `/%0D%0A/evil.example//`, `/%0A/evil.example//`, `/%0D/evil.example//`,
		`/%00/evil.example//`, `/%7F/evil.example//`, `/%C2%85/evil.example//`, `/%20/evil.example//`,
		`//evil.example`, `//evil.example/`, `//evil.example//`, `///evil.example//`, `/./evil.example//`, `/.//evil.example//`,
		`/%2F%2Fevil.example`, `/%2F%2Fevil.example/`, `/%2F/evil.example//`, `/%2e/%2e%2e//evil.example//`, `/.%2F%2Fevil.example`,
		`/_wiki/..//evil.example//`, `/_wiki/../%5Cevil.example//`, `/_wiki%5C..%5C..%5Cevil.example`, `/_wiki/%09/evil.example//`,
		`/posts/a/..%5C..%5Cevil.example//`, `/posts/%2F%2Fevil.example`, `/blog/%09/evil.example`, `/blog//evil.example`,
		`/blog/.//%2F/evil.example`, `/blog/%5C%5Cevil.example`, `/blog`, `/%3F/evil.example//`, `/%23/evil.example//`,
	}
	// Ordinary redirects, which must still happen: the test cannot pass
	// by redirecting nothing.
	clean := map[string]map[string]string{
		"/": {
			"/posts/a": "/posts/a/", "/posts//a/": "/posts/a/", "/posts/./a/": "/posts/a/", "//posts/a/": "/posts/a/",
			"/_wiki": "/_wiki/", "/_wiki/contacts/../index.html": "/_wiki/index.html",
		},
		"/blog/": {
			"/": "/blog/", "/blog": "/blog/", "/blog/posts/a": "/blog/posts/a/", "/blog//posts/a/": "/blog/posts/a/",
			"/_wiki": "/_wiki/", "/_wiki/contacts/../index.html": "/_wiki/index.html",
		},
	}
	for _, base := range []string{"/", "/blog/"} {
		s := New(true)
		s.Update(base, public, private)
		ts := httptest.NewServer(s)
		origin, _ := url.Parse(ts.URL)
		// check fetches target and checks any redirect; it returns the
		// response, or a 500 standing for a response that did not parse.
		check := func(target string) *http.Response {
			resp, err := rawGet(ts.Listener.Addr().String(), target)
			if err != nil {
				t.Errorf("base %s, GET %s: %v", base, target, err)
				return &http.Response{StatusCode: http.StatusInternalServerError, Header: http.Header{}}
			}
			loc := resp.Header.Get("Location")
			if resp.StatusCode < 300 || resp.StatusCode > 399 {
				return resp
			}
			if strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) || strings.ContainsFunc(loc, unicode.IsControl) || strings.Contains(loc, `\`) {
				t.Errorf("base %s, GET %s: %d to %q, which a browser may read as another host", base, target, resp.StatusCode, loc)
			}
			if u := asBrowser(origin, loc); u == nil || u.Host != origin.Host || u.Scheme != origin.Scheme {
				t.Errorf("base %s, GET %s: %d to %q, which leads a browser to %v", base, target, resp.StatusCode, loc, u)
			}
			return resp
		}
		for _, target := range nasty {
			resp := check(target)
			if strings.ContainsAny(target, `\`) || strings.Contains(strings.ToLower(target), "%5c") || hasEscapedControl(target) {
				if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
					t.Errorf("base %s, GET %s: %d, want 400 or 404 for a backslash or control character", base, target, resp.StatusCode)
				}
			}
		}
		for target, want := range clean[base] {
			if resp := check(target); resp.StatusCode/100 != 3 || resp.Header.Get("Location") != want {
				t.Errorf("base %s, GET %s: %d to %q, want a redirect to %s", base, target, resp.StatusCode, resp.Header.Get("Location"), want)
			}
		}
		ts.Close()
		s.Close()
	}
}

// rawGet sends GET target exactly as written, which an http.Client would
// clean or escape first.
func rawGet(addr, target string) (*http.Response, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(guard))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp, nil
}

// asBrowser resolves a Location against base as a browser does (the
// WHATWG URL standard): leading and trailing spaces and control
// characters are trimmed, tabs and newlines anywhere are dropped, and a
// backslash is a slash in an http URL.
func asBrowser(base *url.URL, loc string) *url.URL {
	loc = strings.TrimFunc(loc, func(r rune) bool { return r <= ' ' })
	loc = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(loc)
	ref, err := url.Parse(loc)
	if err != nil {
		return nil
	}
	return base.ResolveReference(ref)
}

// hasEscapedControl reports whether a request target holds an escaped
// control character (%00-%1F, %7F, or the C1 controls in UTF-8).
func hasEscapedControl(target string) bool {
	p, err := url.PathUnescape(target)
	return err == nil && strings.ContainsFunc(p, unicode.IsControl)
}

// TestChangesNameOnlyWhatChanged: a rebuild tells open pages exactly
// which files' bytes changed, so that the pages that did not change and
// use none of them stay as they are. Nearly every edit changes the feed
// and the search index; naming "everything" then reloads every tab.
func TestChangesNameOnlyWhatChanged(t *testing.T) {
	s, _, events := serving(t)

	// A post edit: its page, the feed and the search index change.
	pub, priv := clone(public), clone(private)
	pub["posts/a/index.html"] = []byte("<html><body>post a, edited</body></html>")
	pub["index.xml"] = []byte("<rss>edited</rss>")
	priv["search-index.js"] = []byte("window.netjournalSearch=[]")
	s.Update("/", pub, priv)
	want := "/_wiki/search-index.js,/index.xml,/posts/a/"
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != want {
		t.Errorf("a post edit sent %+v, want a change of %s", m, want)
	}

	// A contact edit changes nothing public.
	priv = clone(priv)
	priv["contacts/ana-lima.html"] = []byte("<html><body>Ana's notes, edited</body></html>")
	priv["search-index.js"] = []byte("window.netjournalSearch=[1]")
	s.Update("/", pub, priv)
	want = "/_wiki/contacts/ana-lima.html,/_wiki/search-index.js"
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != want {
		t.Errorf("a contact edit sent %+v, want a change of %s", m, want)
	}

	// A stylesheet, and a page that is gone.
	pub = clone(pub)
	pub["css/style.css"] = []byte("body{color:red}")
	delete(pub, "posts/a/index.html")
	s.Update("/", pub, priv)
	want = "/css/style.css,/posts/a/"
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != want {
		t.Errorf("a stylesheet edit and a removed page sent %+v, want a change of %s", m, want)
	}

	// An unchanged rebuild sends nothing: the next message is the
	// failure's.
	s.Update("/", pub, priv)
	s.Fail([]string{"x.md:1: broken"})
	if m := recv(t, events); m.Type != "problems" {
		t.Errorf("an unchanged rebuild sent %+v", m)
	}
}

// TestEarly: a page a rebuild has made is served, and its open pages told,
// before the rebuild lands; the rebuild then names only what changed
// besides. Pages served lately are the ones a rebuild makes first. A
// failed rebuild takes its early pages back, and reloads them; a server
// without the wiki shows none of the wiki's, and one whose base path
// moves waits.
func TestEarly(t *testing.T) {
	s, ts, events := serving(t)
	page := func(p string) string {
		t.Helper()
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		return body(t, resp)
	}

	if s.Visited("public", "posts/a/index.html") {
		t.Error("a page never served counts as visited")
	}
	page("/posts/a/")
	page("/_wiki/contacts/ana-lima.html")
	page("/css/style.css")
	if !s.Visited("public", "posts/a/index.html") || !s.Visited("private", "contacts/ana-lima.html") || s.Visited("public", "index.html") {
		t.Error("Visited does not name exactly the pages served")
	}
	if s.Visited("public", "css/style.css") {
		t.Error("a stylesheet counts as a page open in a browser")
	}

	edited := []byte("<html><body>post a, edited</body></html>")
	s.Early("public", "posts/a/index.html", "/", edited)
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "/posts/a/" {
		t.Fatalf("an early page sent %+v, want a change of /posts/a/", m)
	}
	if b := page("/posts/a/"); !strings.Contains(b, "edited") {
		t.Errorf("the early page is not served: %q", b)
	}
	// The same bytes again, as the rebuild lands: nothing more to say of
	// the page, only of what else changed.
	s.Early("public", "posts/a/index.html", "/", edited)
	pub := clone(public)
	pub["posts/a/index.html"] = edited
	pub["index.xml"] = []byte("<rss>edited</rss>")
	s.Update("/", pub, private)
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "/index.xml" {
		t.Errorf("the rebuild after an early page sent %+v, want a change of /index.xml alone", m)
	}

	// A rebuild that fails after showing a page: the last good one again.
	s.Early("private", "contacts/ana-lima.html", "/", []byte("<html><body>Ana, half done</body></html>"))
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "/_wiki/contacts/ana-lima.html" {
		t.Fatalf("an early wiki page sent %+v", m)
	}
	s.Fail([]string{"x.md:1: broken"})
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "/_wiki/contacts/ana-lima.html" {
		t.Fatalf("a failed rebuild sent %+v, want the page shown early to reload", m)
	}
	if m := recv(t, events); m.Type != "problems" {
		t.Fatalf("got %+v, want the problems", m)
	}
	if b := page("/_wiki/contacts/ana-lima.html"); !strings.Contains(b, "Ana's notes") || strings.Contains(b, "half done") {
		t.Errorf("after a failed rebuild the wiki page is %q, want the last good one", b)
	}
	// While the site shows problems, pages wait for the rebuild to land.
	s.Early("public", "posts/a/index.html", "/", []byte("<html><body>post a, fixed</body></html>"))
	if b := page("/posts/a/"); strings.Contains(b, "fixed") {
		t.Error("a page was shown early over a site that shows problems")
	}
	s.Update("/", pub, private)
	if m := recv(t, events); m.Type != "changed" || strings.Join(m.Paths, ",") != "*" {
		t.Fatalf("after a fix got %+v, want a reload of every page", m)
	}

	// A rebuild that moves the blog waits to land whole.
	s.Early("public", "posts/a/index.html", "/blog/", []byte("<html><body>post a, moved</body></html>"))
	if b := page("/posts/a/"); strings.Contains(b, "moved") {
		t.Error("a page of a rebuild that moves the blog was shown early")
	}

	// Without the wiki, none of its pages.
	public := New(false)
	public.Update("/", pub, private)
	public.Early("private", "contacts/ana-lima.html", "/", []byte("<html><body>secret</body></html>"))
	public.mu.RLock()
	n := len(public.early)
	public.mu.RUnlock()
	if n != 0 {
		t.Error("a server without the wiki keeps a wiki page shown early")
	}
}
