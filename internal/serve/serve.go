// Package serve serves the last good build of both sites from memory and
// tells open pages to reload, over Server-Sent Events, once a rebuild has
// landed. A failed rebuild keeps the old site and shows its problems over
// every open page.
package serve

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"mime"
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
	wiki     bool   // serve the wiki
	basePath string // the public site's base path: "/" or "/blog/"

	mu       sync.RWMutex
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

// New returns a server for a public site under basePath; wiki says whether
// the private wiki is served under /_wiki/.
func New(basePath string, wiki bool) *Server {
	if basePath == "" {
		basePath = "/"
	}
	return &Server{
		wiki: wiki, basePath: basePath,
		public: map[string][]byte{}, private: map[string][]byte{},
		clients: map[chan message]bool{}, closed: make(chan struct{}),
	}
}

// Update replaces the sites being served, then tells open pages what
// changed: pages whose HTML changed reload, a stylesheet-only change swaps
// stylesheets in place, and pages showing problems reload.
func (s *Server) Update(public, private map[string][]byte) {
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
	diff(s.public, public, s.basePath)
	if s.wiki {
		diff(s.private, private, WikiPrefix)
	}
	hadProblems := s.problems != nil
	s.public, s.private, s.problems = public, private, nil
	s.mu.Unlock()

	sort.Strings(changed)
	switch {
	case hadProblems || assets:
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

// ServeHTTP serves the sites, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
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
	public, private, basePath := s.public, s.private, s.basePath
	s.mu.RUnlock()
	if s.wiki && (p == strings.TrimSuffix(WikiPrefix, "/") || strings.HasPrefix(p, WikiPrefix)) {
		s.file(w, r, private, strings.TrimSuffix(WikiPrefix, "/"), nil)
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
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasSuffix(name, ".html") {
		data = inject(data)
	}
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	w.Write(data)
}

const script = `<script src="` + internalPrefix + `reload.js" defer></script>`

// inject adds the reload script before </body>, or at the end.
func inject(page []byte) []byte {
	s := string(page)
	if i := strings.LastIndex(s, "</body>"); i >= 0 {
		return []byte(s[:i] + script + s[i:])
	}
	return []byte(s + script)
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
