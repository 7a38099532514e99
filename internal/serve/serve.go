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
	_ "embed"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
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
	wiki  bool     // serve the wiki
	hosts []string // the host names requests may give besides localhost and loopback addresses

	mu       sync.RWMutex
	built    bool   // a first good build has landed
	basePath string // the public site's base path: "/" or "/blog/"
	public   map[string][]byte
	private  map[string][]byte
	problems []string // the failed rebuild's problems; nil when the site is good
	clients  map[chan message]bool
	closed   chan struct{}
	once     sync.Once
}

// message is one event sent to open pages.
type message struct {
	Type     string   `json:"type"`               // reload, css, problems
	Paths    []string `json:"paths,omitempty"`    // pages to reload; "*" for all
	Problems []string `json:"problems,omitempty"` // for problems
}

// New returns a server; wiki says whether the private wiki is served
// under /_wiki/. Requests must name the server, in their Host header, as
// localhost, a loopback address or one of hosts (with any port): the
// address it listens on when that is not loopback. Until the first Update
// every page says that the site has not built yet.
func New(wiki bool, hosts ...string) *Server {
	return &Server{
		wiki: wiki, hosts: hosts, basePath: "/",
		public: map[string][]byte{}, private: map[string][]byte{},
		clients: map[chan message]bool{}, closed: make(chan struct{}),
	}
}

// Update replaces the sites being served, the public one under basePath
// ("/" or "/blog/"), then tells open pages what changed: pages whose HTML
// changed reload, a stylesheet-only change swaps stylesheets in place, and
// pages showing problems, or the page saying the site has not built yet,
// reload, as does every page when the base path moved.
func (s *Server) Update(basePath string, public, private map[string][]byte) {
	basePath = cleanBase(basePath)
	s.mu.Lock()
	var changed []string
	assets, css := false, false
	diff := func(old, cur map[string][]byte, prefix string) {
		for p, b := range cur {
			if o, ok := old[p]; ok && string(o) == string(b) {
				continue
			}
			switch {
			case strings.HasSuffix(p, ".html"):
				changed = append(changed, prefix+strings.TrimSuffix(p, "index.html"))
			case strings.HasSuffix(p, ".css"):
				css = true
			default:
				assets = true
			}
		}
		for p := range old {
			if _, ok := cur[p]; !ok && !strings.HasSuffix(p, ".html") {
				assets = true
			}
		}
	}
	diff(s.public, public, basePath)
	if s.wiki {
		diff(s.private, private, WikiPrefix)
	}
	everything := !s.built || s.problems != nil || basePath != s.basePath
	s.built, s.basePath = true, basePath
	s.public, s.private, s.problems = public, private, nil
	s.mu.Unlock()

	sort.Strings(changed)
	switch {
	case everything || assets:
		s.broadcast(message{Type: "reload", Paths: []string{"*"}})
	case len(changed) > 0:
		s.broadcast(message{Type: "reload", Paths: changed})
		if css {
			s.broadcast(message{Type: "css"})
		}
	case css:
		s.broadcast(message{Type: "css"})
	}
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
	s.mu.Unlock()
	s.broadcast(message{Type: "problems", Problems: problems})
}

// Close ends every open event stream, so that the HTTP server can shut
// down without waiting for them.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closed) })
}

func (s *Server) broadcast(m message) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for c := range s.clients {
		select {
		case c <- m:
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

// cleanBase makes a base path "/" or "/a/b/".
func cleanBase(p string) string {
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
	if clean := cleanPath(p); clean != p {
		// Dot segments or doubled slashes: route, and redirect, by the
		// clean path, so /_wiki/../_wiki/x is /_wiki/x and not /_wiki/_wiki/x.
		http.Redirect(w, r, clean, http.StatusMovedPermanently)
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
	built, public, private, basePath := s.built, s.public, s.private, s.basePath
	s.mu.RUnlock()
	if !built {
		s.send(w, "unbuilt.html", unbuilt, http.StatusServiceUnavailable)
		return
	}
	if s.wiki && wikiPath {
		s.file(w, r, private, strings.TrimSuffix(WikiPrefix, "/"), nil)
		return
	}
	if p == "/" && basePath != "/" {
		// The blog lives below the root: the root leads there, and not
		// for good, since the base path may change while serving.
		http.Redirect(w, r, basePath, http.StatusFound)
		return
	}
	if !strings.HasPrefix(p+"/", basePath) {
		s.notFound(w, r, public)
		return
	}
	s.file(w, r, public, strings.TrimSuffix(basePath, "/"), public)
}

// file serves the file of a site mounted at prefix. Files come from a map,
// never from the disk, so no URL can reach outside the site.
func (s *Server) file(w http.ResponseWriter, r *http.Request, files map[string][]byte, prefix string, notFound map[string][]byte) {
	rel := strings.TrimPrefix(r.URL.Path, prefix)
	if rel == "" {
		http.Redirect(w, r, prefix+"/", http.StatusMovedPermanently)
		return
	}
	clean := path.Clean(rel)
	if strings.HasSuffix(rel, "/") && clean != "/" {
		clean += "/"
	}
	if clean != rel {
		// Dot segments or doubled slashes: send the browser to the clean URL.
		http.Redirect(w, r, prefix+clean, http.StatusMovedPermanently)
		return
	}
	name := strings.TrimPrefix(clean, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	} else if _, ok := files[name]; !ok {
		if _, ok := files[name+"/index.html"]; ok {
			http.Redirect(w, r, prefix+clean+"/", http.StatusMovedPermanently)
			return
		}
	}
	data, ok := files[name]
	if !ok {
		if notFound != nil {
			s.notFound(w, r, notFound)
		} else {
			http.NotFound(w, r)
		}
		return
	}
	s.send(w, name, data, http.StatusOK)
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
	c := make(chan message, 16)
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
		write(w, message{Type: "problems", Problems: problems})
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
		case m := <-c:
			write(w, m)
		}
		flusher.Flush()
	}
}

func write(w http.ResponseWriter, m message) {
	b, _ := json.Marshal(m)
	fmt.Fprintf(w, "data: %s\n\n", b)
}
