// Package wiki renders the private wiki (private/) from the whole journal:
// a dashboard, contacts, circles, events, posts with their private
// annotations, follow-ups and tags; pictures of the network drawn as SVG
// when the page is built; and a search index with the script that reads it.
//
// Every link is relative and names an .html file, so the wiki works opened
// from the file system (file://) as well as from netjournal serve. Pages are
// laid out by the theme's wiki templates; this package computes what they
// show, in a stable order, from the journal's clock (j.Today), never the
// wall clock.
package wiki

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/themes"
)

// soon is how far ahead the wiki looks for what falls due.
var soon = content.Duration{N: 14, Unit: 'd'}

// Render renders the wiki: output path (relative to private/, slash
// separated) → file. Problems in bodies (an ambiguous wikilink) come back as
// a content.ErrorList; template problems as a plain error.
func Render(j *journal.Journal, theme *themes.Theme) (map[string][]byte, error) {
	r := &renderer{j: j, out: map[string][]byte{}, nav: navCounts(j), versions: map[versionKey]string{},
		searched: map[string]cachedPage{}}
	return r.render(theme)
}

func (r *renderer) render(theme *themes.Theme) (map[string][]byte, error) {
	tmpl, err := theme.Templates("wiki", r.funcs())
	if err != nil {
		return nil, err
	}
	r.tmpl = tmpl

	r.dashboard()
	r.contacts()
	r.circles()
	r.events()
	r.posts()
	r.drafts()
	r.followups()
	r.tags()
	r.networkPage()
	r.search()
	if r.err != nil {
		return nil, r.err
	}
	r.errs.Sort() // pages rendered in parallel add them in any order
	if err := r.errs.Err(); err != nil {
		return nil, err
	}

	static, err := theme.Static("wiki")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(static))
	for name := range static {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, taken := r.out[name]; taken {
			return nil, fmt.Errorf("theme %s: wiki/static/%s would replace a generated page", theme.Name, name)
		}
		r.out[name] = static[name]
	}
	return r.out, nil
}

// renderer holds one Render call's state: the wiki has no global state.
type renderer struct {
	j    *journal.Journal
	tmpl *template.Template
	nav  Nav
	out  map[string][]byte
	errs content.ErrorList // problems in bodies, at their source line
	err  error             // the first template error
	net  *network          // links between contacts, once computed

	// mu guards out, errs, err, keys, versions and rendered while the
	// pages of contacts, events and posts render on every core.
	mu sync.Mutex

	cache    *Cache                // the last render's pages; nil renders all
	base     string                // what every cached page's key holds
	keys     map[string]string     // output path → its key, for the cache
	versions map[versionKey]string // journal versions computed so far
	searched map[string]cachedPage // search entries, for the cache
	rendered int                   // pages whose templates were executed
}

// Page is what every template receives, embedded in the page's own data.
// Its methods turn wiki paths into links relative to the page.
type Page struct {
	Path    string // output path: "contacts/ana-lima.html"
	Title   string // the page's own title, without the site's
	Section string // the nav entry to highlight: "dashboard", "contacts", …
	Site    string // the site title
	Lang    string
	Today   time.Time
	Nav     Nav

	j *journal.Journal // for the slugs of tags
}

// Nav holds the counts shown beside the navigation entries.
type Nav struct {
	OverdueFollowups int
	DueContacts      int // overdue by cadence
	Drafts           int
}

func navCounts(j *journal.Journal) Nav {
	n := Nav{Drafts: len(j.Drafts())}
	for _, f := range j.Followups() {
		if f.Overdue(j.Today) {
			n.OverdueFollowups++
		}
	}
	for _, c := range j.Contacts {
		if c.Overdue(j.Today) {
			n.DueContacts++
		}
	}
	return n
}

func (r *renderer) page(path, title, section string) *Page {
	return &Page{
		Path:    path,
		Title:   title,
		Section: section,
		Site:    r.j.Config.Title,
		Lang:    r.j.Config.Language,
		Today:   r.j.Today,
		Nav:     r.nav,
		j:       r.j,
	}
}

// write executes the template name with data into the page's path. It may
// be called from several goroutines.
func (r *renderer) write(name string, p *Page, data any) {
	r.mu.Lock()
	failed := r.err != nil
	r.mu.Unlock()
	if failed {
		return
	}
	var buf bytes.Buffer
	err := r.tmpl.ExecuteTemplate(&buf, name, data)
	r.mu.Lock()
	defer r.mu.Unlock()
	switch _, dup := r.out[p.Path]; {
	case r.err != nil:
	case dup:
		r.err = fmt.Errorf("two pages would be written to %s", p.Path)
	case err != nil:
		r.err = fmt.Errorf("%s: %w", p.Path, err)
	default:
		r.out[p.Path] = buf.Bytes()
		r.rendered++
	}
}

// URL returns the relative link from the page to a wiki path such as
// "contacts/ana-lima.html".
func (p *Page) URL(target string) string {
	return strings.Repeat("../", strings.Count(p.Path, "/")) + target
}

// Link returns the relative link from the page to a contact, event or post.
func (p *Page) Link(n journal.Node) string { return p.URL(escape(pathOf(n))) }

// TagURL returns the relative link to a tag's page.
func (p *Page) TagURL(name string) string { return p.URL(escape(p.tagPath(name))) }

// CircleURL returns the relative link to a circle's page.
func (p *Page) CircleURL(name string) string { return p.URL(escape(circlePath(name))) }

// escape makes a wiki path safe in a link: a slug comes from a file name
// and may hold spaces, '#' or '?'.
func escape(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// Is reports whether the page belongs to a nav section, for highlighting.
func (p *Page) Is(section string) bool { return p.Section == section }

// pathOf is the wiki path of a contact, event or post.
func pathOf(n journal.Node) string {
	switch n.NodeKind() {
	case journal.KindContact:
		return "contacts/" + n.Slug() + ".html"
	case journal.KindEvent:
		return "events/" + n.Slug() + ".html"
	}
	return "posts/" + n.Slug() + ".html"
}

// tagPath is the wiki path of a tag's page.
func (p *Page) tagPath(name string) string { return "tags/" + p.j.TagSlug(name) + ".html" }

func circlePath(name string) string { return "circles/" + journal.Slugify(name) + ".html" }

// Item pairs a value with the page it is shown on, for partials that link:
// {{template "person" ($.Item .)}}.
type Item struct {
	*Page
	X any
}

// Item pairs x with the page.
func (p *Page) Item(x any) Item { return Item{Page: p, X: x} }
