package wiki

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/themes"
)

// Cache renders the wiki again and again, executing templates only for the
// pages whose inputs changed since its last Render. Its output equals
// Render's.
//
// A page about one document is keyed by the journal's Version of it: the
// bytes of every document within a few links, which is as far as a page
// looks (a contact's neighbourhood graph sizes each neighbour by their own
// events: three links away). A tag page is keyed by its members' versions.
// Lists of posts are keyed by what their rows show: front matter, not text.
// Every key also holds the templates, the navigation counts and what each
// name resolves to. Pages about the whole journal — the dashboard, the
// indexes, the network, the search index — are rendered every time.
type Cache struct {
	pages    map[string]cachedPage
	search   map[string]cachedPage // each document's search entry, by path
	rendered int
}

type cachedPage struct {
	key  string
	data []byte
}

// Rendered is the number of pages the last Render executed templates for.
func (c *Cache) Rendered() int { return c.rendered }

// Render renders the wiki, reusing the pages that did not change.
func (c *Cache) Render(j *journal.Journal, theme *themes.Theme) (map[string][]byte, error) {
	fp, err := theme.Fingerprint("wiki")
	if err != nil {
		return nil, err
	}
	r := &renderer{j: j, out: map[string][]byte{}, nav: navCounts(j), cache: c,
		keys: map[string]string{}, versions: map[versionKey]string{}, searched: map[string]cachedPage{}}
	tags := sha256.New()
	for _, t := range j.Tags { // every page's tag links
		fmt.Fprintf(tags, "%q %q\x00", t.Name, t.Slug)
	}
	r.base = fmt.Sprintf("%s\x00%+v\x00%s\x00%x\x00%s\x00%v %v\x00%#v\x00", fp, r.nav, j.NamesVersion(), tags.Sum(nil),
		j.Today.Format(time.DateOnly), j.Opts.Drafts, j.Opts.Future, *j.Config)
	out, err := r.render(theme)
	if err != nil {
		return nil, err
	}
	c.pages = make(map[string]cachedPage, len(r.keys))
	for p, k := range r.keys {
		c.pages[p] = cachedPage{key: k, data: out[p]}
	}
	c.search = r.searched
	c.rendered = r.rendered
	return out, nil
}

type versionKey struct {
	n    journal.Node
	hops int
}

// version is the journal's Version of n, computed once per render.
func (r *renderer) version(n journal.Node, hops int) string {
	k := versionKey{n, hops}
	r.mu.Lock()
	v, ok := r.versions[k]
	r.mu.Unlock()
	if !ok {
		v = r.j.Version(n, hops)
		r.mu.Lock()
		r.versions[k] = v
		r.mu.Unlock()
	}
	return v
}

// reuse reports whether the page at path can be taken from the cache: it
// was rendered last time under the same key. Either way the key is kept
// for the page written next to that path.
func (r *renderer) reuse(path, key string) bool {
	if r.cache == nil {
		return false
	}
	key = r.base + key
	r.mu.Lock()
	defer r.mu.Unlock()
	r.keys[path] = key
	if old, ok := r.cache.pages[path]; ok && old.key == key {
		r.out[path] = old.data
		return true
	}
	return false
}

// postRows is the key of a list of posts as the default theme shows them
// (the post-row partial): their front matter and status, not their bodies,
// so the list of every post is not rendered again for each edit of a text.
func (r *renderer) postRows(ps []*journal.Post) string {
	h := sha256.New()
	for _, p := range ps {
		fmt.Fprintf(h, "%s %s %q %v %v %q %q %v %v %q %d %s\x00", p.Doc().Path, p.Slug(), p.Title(), p.Date, p.Updated,
			p.Tags, p.Summary, p.Draft, p.Private, p.Link, len(p.SharedWith), p.Status(r.j.Opts))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// members is the key of a page listing documents: their versions.
func (r *renderer) members(hops int, ns ...journal.Node) string {
	h := sha256.New()
	for _, n := range ns {
		h.Write([]byte(r.version(n, hops)))
	}
	return hex.EncodeToString(h.Sum(nil))
}
