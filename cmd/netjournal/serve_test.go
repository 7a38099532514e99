package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// fetch GETs url with extra headers ("Host" sets the Host header) and
// returns the status, the headers and the body.
func fetch(t *testing.T, url string, headers ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			req.Host = headers[i+1]
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	// An event stream never ends: its first bytes are enough.
	client := &http.Client{Timeout: 2 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// eventually polls url until it answers status with a body containing
// want, for at most 20 seconds.
func eventually(t *testing.T, url string, status int, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var code int
	var body string
	for time.Now().Before(deadline) {
		if code, _, body = fetch(t, url); code == status && strings.Contains(body, want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("GET %s: %d, want %d with %q; body:\n%.500s", url, code, status, want, body)
}

const servedSite = "title: Served\nbase_url: https://example.com/\n"

const servedPost = "---\ntitle: Hello\ndate: 2026-01-01\n---\nHello words.\n"

const servedContact = "---\nname: Ana Lima\n---\nSecret notes about Ana.\n"

// TestServeRefusesOtherHosts: a DNS-rebinding page reaches the server
// with its own host name in the Host header; only the names a user types
// are served.
func TestServeRefusesOtherHosts(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", servedSite)
	writeFile(t, dir, "content/posts/hello.md", servedPost)
	writeFile(t, dir, "content/contacts/ana-lima.md", servedContact)
	base := startServe(t, dir)
	port := base[strings.LastIndex(base, ":")+1:]

	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "127.0.0.1", "localhost", "[::1]:" + port} {
		if code, _, body := fetch(t, base+"/_wiki/contacts/ana-lima.html", "Host", host); code != 200 || !strings.Contains(body, "Secret notes") {
			t.Errorf("Host %s: %d, want the wiki page", host, code)
		}
	}
	for _, host := range []string{"attacker.example:" + port, "attacker.example", "192.0.2.1:" + port, "localhost.attacker.example:" + port, "127.0.0.1.nip.io:" + port} {
		for _, path := range []string{"/_wiki/contacts/ana-lima.html", "/_wiki/search-index.js", "/posts/hello/", "/_netjournal/events"} {
			code, _, body := fetch(t, base+path, "Host", host)
			if code != http.StatusForbidden || strings.Contains(body, "Secret") {
				t.Errorf("Host %s, GET %s: %d, want 403", host, path, code)
			}
		}
	}
}

// TestServeWikiStaysSameOrigin: other origins may not embed or fetch the
// wiki, and every response says so.
func TestServeWikiStaysSameOrigin(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", servedSite)
	writeFile(t, dir, "content/posts/hello.md", servedPost)
	writeFile(t, dir, "content/contacts/ana-lima.md", servedContact)
	base := startServe(t, dir)

	for _, path := range []string{"/", "/posts/hello/", "/_wiki/", "/_wiki/search-index.js", "/_netjournal/reload.js", "/nope/"} {
		_, h, _ := fetch(t, base+path)
		if got := h.Get("Cross-Origin-Resource-Policy"); got != "same-origin" {
			t.Errorf("GET %s: Cross-Origin-Resource-Policy %q, want same-origin", path, got)
		}
		if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", path, got)
		}
	}
	for _, site := range []string{"cross-site", "same-site"} {
		for _, path := range []string{"/_wiki/search-index.js", "/_wiki/contacts/ana-lima.html", "/_netjournal/events"} {
			code, _, body := fetch(t, base+path, "Sec-Fetch-Site", site)
			if code != http.StatusForbidden || strings.Contains(body, "Secret") {
				t.Errorf("Sec-Fetch-Site %s, GET %s: %d, want 403", site, path, code)
			}
		}
	}
	for _, site := range []string{"same-origin", "none", ""} {
		if code, _, body := fetch(t, base+"/_wiki/search-index.js", "Sec-Fetch-Site", site); code != 200 || !strings.Contains(body, "Secret notes") {
			t.Errorf("Sec-Fetch-Site %q: %d, want the search index", site, code)
		}
	}
	// The public blog may still be linked to from anywhere.
	if code, _, _ := fetch(t, base+"/posts/hello/", "Sec-Fetch-Site", "cross-site"); code != 200 {
		t.Errorf("a link from another site to the blog: %d, want 200", code)
	}
}

// TestServeFirstBuildFails: a site that does not build at start shows a
// page saying so, then the site at its base path once fixed, and moves
// with its base path.
func TestServeFirstBuildFails(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", "title: Sub\nbase_url: https://example.com/blog/\n")
	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: someday\n---\nHello words.\n")
	base := startServe(t, dir)

	for _, path := range []string{"/", "/blog/", "/blog/posts/hello/"} {
		code, h, body := fetch(t, base+path)
		if code != http.StatusServiceUnavailable || !strings.HasPrefix(h.Get("Content-Type"), "text/html") ||
			!strings.Contains(body, "has not built yet") || !strings.Contains(body, `/_netjournal/reload.js`) {
			t.Errorf("GET %s before a good build: %d %s, want a page saying so with the reload script:\n%s",
				path, code, h.Get("Content-Type"), body)
		}
	}

	writeFile(t, dir, "content/posts/hello.md", servedPost)
	eventually(t, base+"/blog/posts/hello/", 200, "Hello words.")
	eventually(t, base+"/blog/", 200, "Hello")
	// The root leads to the blog.
	if code, _, body := fetch(t, base+"/"); code != 200 || !strings.Contains(body, "posts/hello/") {
		t.Errorf("GET / with the blog under /blog/: %d, want the blog's home", code)
	}

	// The base path changes while serving: the site moves with it.
	writeFile(t, dir, "netjournal.yaml", "title: Sub\nbase_url: https://example.com/journal/\n")
	eventually(t, base+"/journal/posts/hello/", 200, "Hello words.")
	if code, _, _ := fetch(t, base+"/blog/posts/hello/"); code != 404 {
		t.Errorf("the old base path still serves: %d", code)
	}
}

// TestBrowserOtherOriginCannotReadWiki: a page of another origin loads
// the wiki's search index as a script, which would hand it every
// contact's notes; the browser must refuse it.
func TestBrowserOtherOriginCannotReadWiki(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", servedSite)
	writeFile(t, dir, "content/posts/hello.md", servedPost)
	writeFile(t, dir, "content/contacts/ana-lima.md", servedContact)
	base := startServe(t, dir)

	// The other origin: localhost on another port, which is a different
	// origin and a different site from 127.0.0.1.
	attacker := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>x</title><body>
<script src="%s/_wiki/search-index.js" onload="window.done='loaded'" onerror="window.done='refused'"></script>`, base)
	}))
	defer attacker.Close()
	_, port, _ := net.SplitHostPort(attacker.Listener.Addr().String())

	var done string
	var stolen bool
	err := chromedp.Run(ctx,
		chromedp.Navigate("http://localhost:"+port+"/"),
		waitJS(`typeof window.done === "string"`),
		chromedp.Evaluate(`window.done`, &done),
		chromedp.Evaluate(`typeof window.netjournalSearch !== "undefined"`, &stolen),
	)
	if err != nil {
		t.Fatal(err)
	}
	if stolen || done != "refused" {
		t.Errorf("another origin loaded the wiki's search index (%s, read: %v)", done, stolen)
	}

	// The wiki itself still loads it, as its search box does.
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"/_wiki/"),
		chromedp.Evaluate(`var s = document.createElement("script"); s.src = "/_wiki/search-index.js"; document.head.appendChild(s); true`, nil),
		waitJS(`typeof window.netjournalSearch !== "undefined" && JSON.stringify(window.netjournalSearch).includes("Secret notes")`),
	)
	if err != nil {
		t.Errorf("the wiki cannot load its own search index: %v", err)
	}
}

// TestBrowserFirstBuildFails: opened while the site has never built, the
// page shows the problems over it and turns into the site once fixed.
func TestBrowserFirstBuildFails(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", servedSite)
	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: someday\n---\nHello words.\n")
	base := startServe(t, dir)

	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/posts/hello/"),
		waitJS(`!!document.getElementById("netjournal-problems")`),
		waitJS(`document.body.innerText.includes("content/posts/hello.md:3:")`),
		chromedp.ActionFunc(func(context.Context) error {
			writeFile(t, dir, "content/posts/hello.md", servedPost)
			return nil
		}),
		waitJS(`!!document.body && document.body.innerText.includes("Hello words.")`),
		waitJS(`!document.getElementById("netjournal-problems")`),
	)
	if err != nil {
		var text string
		chromedp.Run(ctx, chromedp.Evaluate(`document.body ? document.body.innerText : ""`, &text))
		t.Fatalf("%v\npage text:\n%s", err, text)
	}
}

// TestServeStopsWithHalfRequests: Ctrl-C stops serve at once, even while
// clients hold half a request (a request line cut short, a body still
// arriving): the server closes their connections rather than wait for
// them.
func TestServeStopsWithHalfRequests(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", servedSite)
	writeFile(t, dir, "content/posts/hello.md", servedPost)
	var stderr lockedBuffer
	base, stop := runServe(t, dir, &stderr)
	addr := strings.TrimPrefix(base, "http://")

	halves := map[string]string{
		"half a request line": "GET /posts/hello/ HT",
		"half a body":         "GET /posts/hello/ HTTP/1.1\r\nHost: " + addr + "\r\nContent-Length: 100000\r\n\r\nhalf a body",
	}
	conns := map[string]net.Conn{}
	for name, half := range halves {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if _, err := io.WriteString(c, half); err != nil {
			t.Fatal(err)
		}
		conns[name] = c
	}
	// The server is serving both once it answers a request made after them.
	if code, _, _ := fetch(t, base+"/posts/hello/"); code != 200 {
		t.Fatalf("GET /posts/hello/: %d", code)
	}

	code, ok := stop()
	if !ok {
		t.Fatal("serve did not stop within 30s of Ctrl-C")
	}
	if code != 0 || strings.Contains(stderr.String(), "netjournal serve:") {
		t.Errorf("serve stopped with %d:\n%s", code, stderr.String())
	}
	for name, c := range conns {
		c.SetReadDeadline(time.Now().Add(30 * time.Second))
		_, err := io.Copy(io.Discard, c)
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Errorf("the connection with %s is still open 30s after serve stopped", name)
		}
	}
}

// lockedBuffer is a bytes.Buffer that a command may write while the test
// reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServePreviewsABodyEdit: a post or a contact open in a browser whose
// body alone is edited is shown at once, made from the last build's site,
// and the rebuild makes the very same page (NETJOURNAL_VERIFY checks it);
// an edit of its front matter waits for the rebuild.
func TestServePreviewsABodyEdit(t *testing.T) {
	t.Setenv("NETJOURNAL_VERIFY", "1")
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", servedSite)
	writeFile(t, dir, "content/posts/hello.md", servedPost)
	writeFile(t, dir, "content/posts/other.md", "---\ntitle: Other\ndate: 2026-01-02\n---\nSee [[hello]].\n")
	var stderr lockedBuffer
	s := serveSite(t, dir, &stderr)
	fetch(t, s.addr+"/posts/hello/") // open: a rebuild makes it first
	wait := func(lines <-chan string, what string) string {
		t.Helper()
		select {
		case line := <-lines:
			return line
		case <-time.After(20 * time.Second):
			t.Fatalf("no %s line within 20s; stderr:\n%s", what, stderr.String())
			return ""
		}
	}

	replaceFile(t, dir, "content/posts/hello.md", strings.Replace(servedPost, "Hello words.", "Hello, edited words.\n\n## A heading\n\nMore.", 1))
	if line := wait(s.previewed, "previewed"); !strings.Contains(line, "public/posts/hello/index.html") {
		t.Errorf("previewed %q, want the edited post's page", line)
	}
	wait(s.landed, "rebuilt")
	eventually(t, s.addr+"/posts/hello/", 200, "Hello, edited words.")

	// A contact's notes, on its open wiki page.
	writeFile(t, dir, "content/contacts/ana-lima.md", servedContact)
	wait(s.landed, "rebuilt")
	fetch(t, s.addr+"/_wiki/contacts/ana-lima.html")
	replaceFile(t, dir, "content/contacts/ana-lima.md", strings.Replace(servedContact, "Secret notes", "Newer secret notes", 1))
	if line := wait(s.previewed, "previewed"); !strings.Contains(line, "private/contacts/ana-lima.html") {
		t.Errorf("previewed %q, want the contact's wiki page", line)
	}
	wait(s.landed, "rebuilt")
	eventually(t, s.addr+"/_wiki/contacts/ana-lima.html", 200, "Newer secret notes")

	replaceFile(t, dir, "content/posts/hello.md", strings.Replace(servedPost, "title: Hello", "title: Hello again", 1))
	wait(s.landed, "rebuilt")
	eventually(t, s.addr+"/posts/hello/", 200, "Hello again")
	select {
	case line := <-s.previewed:
		t.Errorf("a title's edit was previewed: %s", line)
	default:
	}
	if strings.Contains(stderr.String(), "verify") {
		t.Errorf("the rebuilds differ from full builds:\n%s", stderr.String())
	}
}

// TestServeBusyPort: a port in use is said in words, with the way out,
// as bad usage (exit 2); --port 0 picks a free port and prints it.
func TestServeBusyPort(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", servedSite)
	writeFile(t, dir, "content/posts/hello.md", servedPost)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-C", dir, "serve", "--port", fmt.Sprint(port)}, strings.NewReader(""), &stdout, &stderr)
	want := fmt.Sprintf("netjournal serve: port %d on 127.0.0.1 is taken (by another netjournal serve or hugo server?): pass --port N, or --port 0 for a free one\n", port)
	if code != exitUsage || stderr.String() != want {
		t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr.String(), exitUsage, want)
	}
	// startServe serves with --port 0 and reads the port it prints.
	base := startServe(t, dir)
	if strings.HasSuffix(base, ":0") || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("--port 0 served at %s", base)
	}
}

// TestServeSaysFirstWarnings: serve says its first build's warnings, as
// build does: they were printed only by the rebuilds after it (a review).
func TestServeSaysFirstWarnings(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", servedSite)
	writeFile(t, dir, "content/contacts/ana-lima.md", "---\nname: Ana Lima\n---\nNotes on [[Nobody]].\n")
	var stderr lockedBuffer
	base, stop := runServe(t, dir, &stderr)
	eventually(t, base+"/", 200, "Served")
	if code, ok := stop(); !ok || code != 0 {
		t.Fatalf("serve ended with %d (stopped: %v)", code, ok)
	}
	if want := "content/contacts/ana-lima.md:4: warning: unresolved wikilink [[Nobody]]\n"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to hold %q", stderr.String(), want)
	}
}
