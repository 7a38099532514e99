// Package serve serves the last good build of both sites from memory and
// tells open pages to reload, over Server-Sent Events, once a rebuild has
// landed. A failed rebuild keeps the old site and shows its problems over
// every open page.
//
// The wiki is private, and the browser that shows it also runs every other
// web site the user opens; those sites must not read it. So the server
// answers only requests that name it by an address the user would type
// (not a rebinding attacker's host name), marks every response as not to
// be embedded by other origins, and refuses wiki requests that a browser
// says come from another site.
package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
)

// WikiPrefix is where the private wiki is served.
const WikiPrefix = "/_wiki/"

// internalPrefix holds the server's own endpoints.
const internalPrefix = "/_netjournal/"

//go:embed reload.js
var reloadJS []byte

// Server holds the sites being served and the open pages listening for
// changes.
type Server struct {
	// Limits on what clients may hold, read by Serve; New sets them to
	// the defaults in conn.go, tests shorten them.
	ReadTimeout   time.Duration // to send a request, headers and body
	IdleTimeout   time.Duration // a kept-alive connection waits this long for its next request
	MaxConnsPerIP int           // open connections from one address, 0 for any number; more are closed at accept
	ShutdownGrace time.Duration // responses under way when serving stops may take this long

	wiki  bool     // serve the wiki
	hosts []string // the host names requests may give besides localhost and loopback addresses

	mu       sync.RWMutex
	built    bool   // a first good build has landed
	basePath string // the public site's base path: "/" or "/blog/"
	public   map[string][]byte
	private  map[string][]byte
	problems []string // the failed rebuild's problems; nil when the site is good
	// early holds the pages a rebuild under way has made already, shown
	// over the last build's until it lands (Early), by site and file:
	// "public/posts/a/index.html". Replaced whole, never changed.
	early map[string][]byte
	// visited is when each HTML page was last served, by site and file:
	// a rebuild makes those first (Visited).
	visited map[string]time.Time
	clients map[chan []byte]bool // each open page's event stream
	closed  chan struct{}
	once    sync.Once
}

// message is one event sent to open pages.
type message struct {
	Type string `json:"type"` // changed, problems
	// For changed: the URL paths of the files whose bytes changed, or
	// that are gone, a folder's page by its folder ("/posts/a/"); "*"
	// when every page must reload. Each page decides from these whether
	// it reloads (reload.js).
	Paths    []string `json:"paths,omitempty"`
	Problems []string `json:"problems,omitempty"` // for problems
}

// New returns a server; wiki says whether the private wiki is served
// under /_wiki/. Requests must name the server, in their Host header, as
// localhost, a loopback address or one of hosts (with any port): the
// address it listens on when that is not loopback. Until the first Update
// every page says that the site has not built yet.
func New(wiki bool, hosts ...string) *Server {
	return &Server{
		ReadTimeout: readTimeout, IdleTimeout: idleTimeout, MaxConnsPerIP: maxConnsPerIP, ShutdownGrace: shutdownGrace,
		wiki: wiki, hosts: hosts, basePath: "/",
		public: map[string][]byte{}, private: map[string][]byte{},
		clients: map[chan []byte]bool{}, closed: make(chan struct{}),
	}
}

// Update replaces the sites being served, the public one under basePath
// ("/" or "/blog/"), then tells open pages which files changed; each page
// reloads if it, or a file it has loaded, is among them, or swaps a
// changed stylesheet in place. Pages showing problems, or the page saying
// the site has not built yet, reload, as does every page when the base
// path moved.
//
// Pages are compared as built, before the reload script is added. A
// rebuild changes the feeds and the wiki's search index on nearly every
// edit: they are named like any file, so only pages that load them
// reload.
func (s *Server) Update(basePath string, public, private map[string][]byte) {
	basePath = cleanBase(basePath)
	s.mu.Lock()
	// Pages shown early have reloaded already: compared as shown.
	changed := changes(s.public, public, basePath, s.early, "public/")
	if s.wiki {
		changed = append(changed, changes(s.private, private, WikiPrefix, s.early, "private/")...)
	}
	everything := !s.built || s.problems != nil || basePath != s.basePath
	s.built, s.basePath = true, basePath
	s.public, s.private, s.problems, s.early = public, private, nil, nil
	s.mu.Unlock()

	// Only now, with the new files being served, may a page reload: it
	// would show the old page otherwise.
	switch {
	case everything:
		s.broadcast(message{Type: "changed", Paths: []string{"*"}})
	case len(changed) > 0:
		sort.Strings(changed)
		s.broadcast(message{Type: "changed", Paths: changed})
	}
}

// changes returns the URL paths, under prefix, of the files whose bytes
// differ between old, over which early shows the pages it has under
// site, and cur, or that only one of them has. A page is named as the
// browser shows it: posts/a/index.html as /posts/a/.
func changes(old, cur map[string][]byte, prefix string, early map[string][]byte, site string) []string {
	var out []string
	name := func(p string) string { return pageURL(prefix, p) }
	for p, b := range cur {
		o, ok := old[p]
		if e, shown := early[site+p]; shown {
			o, ok = e, true
		}
		if !ok || !bytes.Equal(o, b) {
			out = append(out, name(p))
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			out = append(out, name(p))
		}
	}
	return out
}

// Fail keeps serving the last good sites and shows problems on every open
// page until the next Update. A server without the wiki may be reached by
// others (--bind without --expose-wiki): problems name private files,
// contacts and notes, so its pages are only told how many there are.
func (s *Server) Fail(problems []string) {
	if !s.wiki {
		problems = []string{fmt.Sprintf("The last rebuild failed with %d %s; the terminal running netjournal serve lists them.",
			len(problems), map[bool]string{true: "problem", false: "problems"}[len(problems) == 1])}
	}
	s.mu.Lock()
	s.problems = append([]string{}, problems...)
	// The failed rebuild's pages shown early: the last good ones again,
	// and the pages that reloaded onto them reload once more.
	var withdrawn []string
	for key := range s.early {
		site, file, _ := strings.Cut(key, "/")
		withdrawn = append(withdrawn, pageURL(s.prefix(site), file))
	}
	s.early = nil
	s.mu.Unlock()
	if len(withdrawn) > 0 {
		sort.Strings(withdrawn)
		s.broadcast(message{Type: "changed", Paths: withdrawn})
	}
	s.broadcast(message{Type: "problems", Problems: problems})
}

// visitedFor is how long a page served counts as open in a browser.
const visitedFor = 10 * time.Minute

// maxVisited bounds the pages remembered as open: a rebuild makes them
// first, and shows them before the rest.
const maxVisited = 32

// Visited reports whether the page file of site ("public" or "private")
// was served lately: a page open in a browser, which a rebuild makes
// first and shows early (Early).
func (s *Server) Visited(site, file string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.visited[site+"/"+file]
	return ok && time.Since(t) < visitedFor
}

// visit remembers that an HTML page was served.
func (s *Server) visit(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.visited == nil {
		s.visited = map[string]time.Time{}
	}
	s.visited[key] = time.Now()
	if len(s.visited) > maxVisited {
		oldest := key
		for k, t := range s.visited {
			if t.Before(s.visited[oldest]) {
				oldest = k
			}
		}
		delete(s.visited, oldest)
	}
}

// Early shows a page that a rebuild under way has made, before the
// rebuild lands (Update), and tells the open pages that it changed: the
// page being edited reloads without waiting for the rest of the site.
// basePath is the rebuild's: a page of a rebuild that moves the blog, or
// of a site that shows problems, waits for the rebuild to land, as does
// a wiki page when the wiki is not served. A page whose bytes are those
// shown already changes nothing.
func (s *Server) Early(site, file, basePath string, data []byte) {
	if site == "private" && !s.wiki {
		return
	}
	s.mu.Lock()
	if !s.built || s.problems != nil || cleanBase(basePath) != s.basePath {
		s.mu.Unlock()
		return
	}
	files := s.public
	if site == "private" {
		files = s.private
	}
	key := site + "/" + file
	shown, ok := s.early[key]
	if !ok {
		shown, ok = files[file]
	}
	if ok && bytes.Equal(shown, data) {
		s.mu.Unlock()
		return
	}
	early := make(map[string][]byte, len(s.early)+1)
	maps.Copy(early, s.early)
	early[key] = data
	s.early = early
	url := pageURL(s.prefix(site), file)
	s.mu.Unlock()
	s.broadcast(message{Type: "changed", Paths: []string{url}})
}

// prefix is where the site ("public" or "private") is served. Call it
// with s.mu held.
func (s *Server) prefix(site string) string {
	if site == "private" {
		return WikiPrefix
	}
	return s.basePath
}

// pageURL is the URL path of a site's file as the browser shows it, under
// the site's prefix: posts/a/index.html as /posts/a/.
func pageURL(prefix, file string) string {
	return prefix + strings.TrimSuffix(file, "index.html")
}

// Close ends every open event stream, so that the HTTP server can shut
// down without waiting for them.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closed) })
}

// broadcast sends m to every open page. It is encoded once: a rebuild
// of a large site may name thousands of paths.
func (s *Server) broadcast(m message) {
	event := encode(m)
	s.mu.RLock()
	defer s.mu.RUnlock()
	for c := range s.clients {
		select {
		case c <- event:
		default: // a stalled page misses a message rather than stall us
		}
	}
}

// cleanPath is path.Clean of an absolute URL path, keeping a final slash.
func cleanPath(p string) string {
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean
}

// cleanBase makes a base path "/" or "/a/b/", decoded as request paths
// are (a site's base path is written escaped: /my%20blog/).
func cleanBase(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	p = path.Clean("/" + p)
	if p == "/" {
		return p
	}
	return p + "/"
}

// ServeHTTP serves the sites, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Other origins may not embed anything served here, not even as a
	// script or an image, and nothing is read as another type than sent.
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.allowedHost(r.Host) {
		http.Error(w, fmt.Sprintf("netjournal serve answers only requests for localhost or a loopback address%s, not for %q: "+
			"another name pointing here may be a web site trying to read the wiki (DNS rebinding)",
			s.otherHosts(), r.Host), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if strings.ContainsFunc(p, unsafeInPath) {
		// No page has such a path, and redirected to its clean form it
		// would lead elsewhere: browsers read /\evil.example as
		// //evil.example, and drop the tab from /<tab>/evil.example.
		http.Error(w, "a path may not hold a backslash or a control character", http.StatusBadRequest)
		return
	}
	if clean := cleanPath(p); clean != p {
		// Dot segments or doubled slashes: route, and redirect, by the
		// clean path, so /_wiki/../_wiki/x is /_wiki/x and not /_wiki/_wiki/x.
		redirect(w, r, clean, http.StatusMovedPermanently)
		return
	}
	wikiPath := p == strings.TrimSuffix(WikiPrefix, "/") || strings.HasPrefix(p, WikiPrefix)
	if s.wiki && (wikiPath || p == internalPrefix+"events") && fromOtherSite(r) {
		http.Error(w, "netjournal serve does not give the private wiki to other web sites' pages: "+
			"open it from its own pages or by typing its address", http.StatusForbidden)
		return
	}
	switch {
	case p == internalPrefix+"events":
		s.events(w, r)
		return
	case p == internalPrefix+"reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
		return
	}
	s.mu.RLock()
	built, public, private, basePath, early := s.built, s.public, s.private, s.basePath, s.early
	s.mu.RUnlock()
	if !built {
		s.send(w, "unbuilt.html", unbuilt, http.StatusServiceUnavailable)
		return
	}
	if s.wiki && wikiPath {
		s.file(w, r, site{"private", private, early}, strings.TrimSuffix(WikiPrefix, "/"), nil)
		return
	}
	if p == "/" && basePath != "/" {
		// The blog lives below the root: the root leads there, and not
		// for good, since the base path may change while serving.
		redirect(w, r, basePath, http.StatusFound)
		return
	}
	if !strings.HasPrefix(p+"/", basePath) {
		s.notFound(w, r, public)
		return
	}
	s.file(w, r, site{"public", public, early}, strings.TrimSuffix(basePath, "/"), public)
}

// site is a site's files as served: the last build's, and over them the
// pages a rebuild has shown early.
type site struct {
	name  string // "public" or "private"
	files map[string][]byte
	early map[string][]byte
}

func (st site) get(name string) ([]byte, bool) {
	if b, ok := st.early[st.name+"/"+name]; ok {
		return b, true
	}
	b, ok := st.files[name]
	return b, ok
}

// file serves the file of a site mounted at prefix. Files come from a map,
// never from the disk, so no URL can reach outside the site.
func (s *Server) file(w http.ResponseWriter, r *http.Request, st site, prefix string, notFound map[string][]byte) {
	rel := strings.TrimPrefix(r.URL.Path, prefix)
	if rel == "" {
		redirect(w, r, prefix+"/", http.StatusMovedPermanently)
		return
	}
	clean := path.Clean(rel)
	if strings.HasSuffix(rel, "/") && clean != "/" {
		clean += "/"
	}
	if clean != rel {
		// Dot segments or doubled slashes: send the browser to the clean URL.
		redirect(w, r, prefix+clean, http.StatusMovedPermanently)
		return
	}
	name := strings.TrimPrefix(clean, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	} else if _, ok := st.get(name); !ok {
		if _, ok := st.get(name + "/index.html"); ok {
			redirect(w, r, prefix+clean+"/", http.StatusMovedPermanently)
			return
		}
	}
	data, ok := st.get(name)
	if !ok {
		if notFound != nil {
			s.notFound(w, r, notFound)
		} else {
			http.NotFound(w, r)
		}
		return
	}
	if strings.HasSuffix(name, ".html") {
		s.visit(st.name + "/" + name)
	}
	s.send(w, name, data, http.StatusOK)
}

// unsafeInPath reports whether r may not appear in a URL path this server
// answers: a backslash, which browsers read as a slash, or a control
// character, which they drop or which breaks a header.
func unsafeInPath(r rune) bool {
	return r == '\\' || unicode.IsControl(r)
}

// redirect sends the browser to target, an absolute path on this server.
// The Location is escaped, so it holds no control character, backslash or
// query of the path's own; a target that a browser would read as another
// host (//host) is refused, whichever route built it.
func redirect(w http.ResponseWriter, r *http.Request, target string, code int) {
	loc := (&url.URL{Path: target}).EscapedPath()
	if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") {
		http.Error(w, "no such page", http.StatusNotFound)
		return
	}
	http.Redirect(w, r, loc, code)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, public map[string][]byte) {
	if page, ok := public["404.html"]; ok {
		s.send(w, "404.html", page, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// send writes a file; HTML gets the reload script, added here and never to
// the files on disk.
func (s *Server) send(w http.ResponseWriter, name string, data []byte, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".xml":
		ctype = "application/xml; charset=utf-8"
	case ".json":
		ctype = "application/json; charset=utf-8"
	case ".ics":
		ctype = "text/calendar; charset=utf-8"
	case ".vcf":
		ctype = "text/vcard; charset=utf-8"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		data = inject(data)
	}
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	w.Write(data)
}

// unbuilt stands for every page until the site first builds; the reload
// script shows the problems over it and reloads it once the site builds.
var unbuilt = []byte(`<!doctype html>
<html lang="en" data-netjournal-unbuilt>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not built yet · netjournal</title>
</head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em">
<h1>The site has not built yet</h1>
<p>netjournal serve could not build the site. The terminal running it lists the problems;
this page reloads by itself once they are fixed.</p>
</body>
</html>
`)

const script = `<script src="` + internalPrefix + `reload.js" defer></script>`

// inject adds the reload script before </body>, or at the end.
func inject(page []byte) []byte {
	s := string(page)
	if i := strings.LastIndex(s, "</body>"); i >= 0 {
		return []byte(s[:i] + script + s[i:])
	}
	return []byte(s + script)
}

// allowedHost reports whether a request's Host header names this server
// as its user would: localhost, a loopback address or one of s.hosts, with
// any port. A DNS-rebinding page sends its own host name and is refused.
func (s *Server) allowedHost(hostport string) bool {
	name := hostName(hostport)
	if name == "localhost" {
		return true
	}
	ip := net.ParseIP(name)
	if ip != nil && ip.IsLoopback() {
		return true
	}
	for _, h := range s.hosts {
		h = hostName(h)
		if h != "" && (h == name || ip != nil && ip.Equal(net.ParseIP(h))) {
			return true
		}
	}
	return false
}

// otherHosts lists s.hosts for the refusal message.
func (s *Server) otherHosts() string {
	var out string
	for _, h := range s.hosts {
		out += " or " + h
	}
	return out
}

// hostName returns the lower-case host of a Host header, without port,
// brackets or final dot: "[::1]:1313" is "::1".
func hostName(hostport string) string {
	name := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		name = h
	}
	return strings.TrimSuffix(strings.ToLower(strings.Trim(name, "[]")), ".")
}

// fromOtherSite reports whether the browser says that a page of another
// origin made the request (Sec-Fetch-Site). Requests from the server's own
// pages say same-origin; typed addresses and bookmarks say none; clients
// other than browsers say nothing.
func fromOtherSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return true
	}
	return false
}

// events streams messages to one open page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("Connection", "keep-alive")
	// The stream is a request that never ends, yet the server's
	// ReadTimeout does not end it: that deadline is for sending the
	// request, and net/http clears it once a request without a body is
	// in, to watch for the client leaving. There is no WriteTimeout, which
	// would end it (TestEventStreamOutlivesTimeouts).
	c := make(chan []byte, 16)
	s.mu.Lock()
	s.clients[c] = true
	problems := s.problems
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	fmt.Fprint(w, "retry: 500\n: connected\n\n")
	if problems != nil {
		w.Write(encode(message{Type: "problems", Problems: problems}))
	}
	flusher.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closed:
			return
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case event := <-c:
			w.Write(event)
		}
		flusher.Flush()
	}
}

// encode returns m as one server-sent event.
func encode(m message) []byte {
	b, _ := json.Marshal(m)
	return []byte("data: " + string(b) + "\n\n")
}
