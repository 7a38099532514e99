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
	"io"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/netjournal/netjournal/internal/calendar"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/diskcache"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/graph"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/recent"
	"github.com/netjournal/netjournal/themes"
)

// soon is how far ahead the wiki looks for what falls due.
var soon = content.Duration{N: 14, Unit: 'd'}

// Render renders the wiki: output path (relative to private/, slash
// separated) → file. Problems in bodies (an ambiguous wikilink) come back as
// a content.ErrorList; template problems as a plain error.
func Render(j *journal.Journal, theme *themes.Theme) (map[string][]byte, error) {
	return new(Cache).Render(j, theme)
}

// Options are what the wiki shows besides the journal.
type Options struct {
	// Photos are the contacts' photos, by the contact's path, as
	// content.ReadPhotos reads them from the site. Each is copied to
	// photos/<slug>.<ext> and shown in place of the contact's initials,
	// on their page and wherever a chip or a row shows them.
	Photos map[string]content.Photo
	// PostFiles are the files beside the posts the blog does not
	// publish (static/posts/<slug>/ of a draft, a private post), by
	// their path: copied there, beside the post's page, which shows
	// them where its body names them (pic.png).
	PostFiles map[string][]byte
	// Filled, if set, is called once every body the wiki shows is
	// rendered, before its pages are: the Markdown renderer may then let
	// its results go (markdown.Renderer.Release).
	Filled func()
	// Edited, when not nil, are the paths of the only documents that
	// changed since the last RenderWith, which succeeded, and of these
	// only the bodies did: their front matter is as it was, and so is
	// what their bodies give the journal (markdown.Facts: their
	// wikilinks, with the words around them, and what sanitizing took
	// out), while every other input of the journal (the configuration,
	// the day, the other documents) is the same. The journal is then the
	// last one but for these bodies, and a page that showed none of them
	// (as the last render recorded, in body) is the page it was, taken
	// without its data being made; the other documents' search entries
	// are kept too. nil, every page's data is made again.
	Edited map[string]bool
	// KeepPosts lets a render after the last RenderWith, which
	// succeeded, take the pages and search entries of the posts, and the
	// page of each event, as that one made them when what they are made
	// of is the same (PostsKept, Kept): for a render in memory that
	// another may follow.
	KeepPosts bool
}

// Cache renders the wiki again and again, executing templates only for the
// pages whose data changed since its last Render: each page is keyed by
// its template set, its template and its data (package page), which is
// exact for any theme. Its output equals Render's.
type Cache struct {
	pages  page.Cache
	search map[string]searchEntry     // each document's search entry, by its wiki path
	graphs graph.Memo                 // the networks drawn, placed
	frags  page.Fragments             // what templates called with cached wrote
	notes  recent.Map[string, string] // bodies' texts cut for the index, by the text
	// The last render's, kept when it succeeded and renders are kept in
	// memory (not Once): what Preview makes a document's page again with.
	last *renderer
	exec page.Executor
	// And what its pages were made from, for a render told which bodies
	// alone changed since (Options.Edited): the documents whose bodies
	// each page showed, by its file; the theme's fingerprint; and each
	// contact's photo as pages show it (its file's name).
	reads  map[string][]string
	theme  string
	photos map[string]string
	// entries are the keys on the disk of the last Once render's search
	// entries, by their documents' paths, when it remembers its pages
	// (Remember): the next build, told which bodies alone were edited,
	// takes the others' entries by them.
	entries map[string]page.Key
	taken   int // search entries the last render took as they were
	// postsKept says the last render took the posts' pages (PostsKept);
	// kept, that it took pages it compared what they are made of for
	// (Kept).
	postsKept, kept bool
}

// Preview returns the page of n, a document of the last render's journal,
// as that render would have made it with body in place of n's own: the
// page a rebuild makes once n's body alone is edited (journal.BodyEdit),
// on which everything else is made from what such an edit leaves as it
// was. ok is false when there is no last render, n has no page in it, or
// the body has a problem the rebuild would report.
func (c *Cache) Preview(n journal.Node, body markdown.Source) (file string, data []byte, ok bool, err error) {
	r := c.last
	if r == nil {
		return "", nil, false, nil
	}
	file = PagePath(n)
	i := slices.IndexFunc(r.jobs, func(j page.Job) bool { return j.File == file && j.Make != nil })
	if i < 0 {
		return "", nil, false, nil
	}
	r.mu.Lock()
	problems := len(r.errs)
	r.mu.Unlock()
	r.edited, r.editedBody = n, body
	d := page.Filled(r.jobs[i].Make())
	r.edited, r.editedBody = nil, markdown.Source{}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.errs) != problems {
		r.errs = r.errs[:problems] // the body's: the rebuild reports them
		return "", nil, false, nil
	}
	var b bytes.Buffer
	if err := c.exec(&b, r.jobs[i].Template, d); err != nil {
		return "", nil, false, err
	}
	return file, b.Bytes(), true, nil
}

// PostsKept reports whether the last Render took the pages and search
// entries of the posts as the render before made them (Options.KeepPosts).
func (c *Cache) PostsKept() bool { return c.postsKept }

// Kept reports whether the last Render took any page as the render before
// made it for what it is made of being the same (Options.KeepPosts): the
// posts', or an event's. It used what changed alone, as a render of edited
// bodies does.
func (c *Cache) Kept() bool { return c.kept }

// Rendered is the number of pages the last Render executed templates for.
func (c *Cache) Rendered() int { return c.pages.Rendered() }

// Made is the number of pages whose data the last Render made: the others
// showed no body edited since the render before (Options.Edited).
func (c *Cache) Made() int { return c.pages.Made() }

// EntriesTaken is the number of search entries the last Render took as
// the render before left them: those of the documents whose bodies were
// not edited (Options.Edited).
func (c *Cache) EntriesTaken() int { return c.taken }

// KeepLater has the renders in memory note the disk's keys of the pages
// they take as they were, for KeepNoted to keep once the render has
// returned (page.Cache.KeepLater).
func (c *Cache) KeepLater(later bool) {
	c.pages.KeepLater = later
	c.frags.KeepLater = later
}

// KeepNoted keeps on the disk the pages and fragments the last render
// took or found the same (KeepLater).
func (c *Cache) KeepNoted() {
	c.pages.KeepNoted()
	c.frags.KeepNoted()
}

// UseDisk keeps the pages, network drawings and fragments in d as well,
// from one run to the next.
func (c *Cache) UseDisk(d *diskcache.Cache) {
	c.pages.Disk = d
	c.graphs.Disk = d
	c.frags.Disk = d
}

// Once makes the cache keep no page and no search entry in memory after
// a render, for a build that renders once (page.Cache.Once), and no more
// than a budget of fragments during it (page.Fragments.Bounded).
func (c *Cache) Once() {
	c.pages.Once = true
	c.frags.Bounded = true
}

// Render renders the wiki, reusing the pages that did not change.
func (c *Cache) Render(j *journal.Journal, theme *themes.Theme) (map[string][]byte, error) {
	files := map[string][]byte{}
	if err := c.RenderWith(j, theme, Options{}, page.NewSite(page.Into(files))); err != nil {
		return nil, err
	}
	return files, nil
}

// RenderWith renders the wiki with what opts give it, reusing the pages
// that did not change, and puts every file into out as it is made.
func (c *Cache) RenderWith(j *journal.Journal, theme *themes.Theme, opts Options, out *page.Site) error {
	c.frags.ForgetNoted() // a render that failed noted them for none
	last, lastExec := c.last, c.exec
	c.last, c.exec, c.postsKept, c.kept = nil, nil, false, false
	r, exec, fingerprint, err := c.again(last, lastExec, j, theme, opts, out)
	if r == nil && err == nil {
		r, exec, fingerprint, err = c.plan(last, j, theme, opts, out)
	}
	if err != nil {
		return err
	}
	return c.render(r, exec, fingerprint, theme, opts, out)
}

// again readies a render told which bodies alone were edited
// (Options.Edited) from last, the last render's renderer, and its
// templates: when the journal is last's (journal.EditBodies edits it in
// place), and the theme and the contacts' photos are the same. A page
// shows of the journal's bodies only its own document's (body records
// it), which its data reads when it renders: every job is last's, its
// Unchanged set again (page.Mark). A render that cannot be readied so
// (nil) is planned.
func (c *Cache) again(last *renderer, exec page.Executor, j *journal.Journal, theme *themes.Theme, opts Options, out *page.Site) (*renderer, page.Executor, string, error) {
	if last == nil || opts.Edited == nil || last.j != j || c.reads == nil {
		return nil, nil, "", nil
	}
	fingerprint, err := theme.Fingerprint("wiki")
	if err != nil || fingerprint != c.theme {
		return nil, nil, "", err
	}
	photos := photoFiles(j, opts.Photos)
	if !maps.Equal(photos, c.photos) {
		return nil, nil, "", nil
	}
	r := last
	r.v.photos = opts.Photos // the same files (photos): the same references
	r.out, r.errs, r.photos = out, nil, photos
	r.reads, r.bodiesEdited, r.prevReads = page.NewReads(), opts.Edited, c.reads
	r.postsKept, r.sameFrame, r.keptAny = false, false, false // the edited bodies' pages are made
	c.reads, c.theme, c.photos = nil, "", nil                 // known again if this render succeeds
	page.Mark(r.jobs, r.prevReads, r.bodiesEdited)
	return r, exec, fingerprint, nil
}

// photoFiles is each contact's photo as pages show it, by the contact's
// path: its file in the wiki.
func photoFiles(j *journal.Journal, photos map[string]content.Photo) map[string]string {
	v := &view{j: j, photos: photos}
	out := map[string]string{}
	for _, ct := range j.Contacts {
		if p, ok := v.photo(ct); ok {
			out[ct.Path] = p
		}
	}
	return out
}

// plan readies a render of the wiki: its templates, and a renderer that
// holds every page's job, whose data is made when the page is.
func (c *Cache) plan(last *renderer, j *journal.Journal, theme *themes.Theme, opts Options, out *page.Site) (*renderer, page.Executor, string, error) {
	r := &renderer{j: j, v: newView(j, opts.Photos), out: out, nav: navCounts(j), cache: c, named: &journal.Names{}}
	// A page for each document and tag, and a few: held at its size, not
	// grown and copied as each is planned.
	r.jobs = make([]page.Job, 0, len(j.Contacts)+len(j.Events)+len(j.Posts)+len(j.Tags)+64)
	if !c.pages.Once || c.pages.Keys {
		r.reads = page.NewReads() // for the next render: one in this process, or, kept on disk, in the next
	}
	fingerprint, err := theme.Fingerprint("wiki")
	if err != nil {
		return nil, nil, "", err
	}
	r.fingerprint = fingerprint
	lastReads := c.reads
	edits := r.edits(opts.Edited, fingerprint)
	if last != nil && !c.pages.Once {
		r.lastEntries, r.lastParts = last.entries, last.parts
		r.lastPostsAt = len(last.nodes) - len(last.j.Posts)
	}
	if opts.KeepPosts && lastReads != nil && r.frameAsIn(last, fingerprint) {
		// The posts' pages, when the posts are the same, and each
		// event's that is, are taken as they were (frameAsIn); what
		// their bodies named is compared again by the next render, and
		// what their data read is the last render's.
		r.sameFrame, r.was = true, last.j
		r.named, r.namedPart, r.prevReads = last.named, last.namedPart, lastReads
		r.postsKept = r.j.SamePosts(last.j)
		r.keptAny = r.postsKept
		if r.postsKept {
			r.lastTagPosts = last.tagPosts
		}
	}
	var tmpl *template.Template
	exec := func(w io.Writer, name string, data any) error { return tmpl.ExecuteTemplate(w, name, data) }
	fm := funcs(j.Today)
	// cached NAME DATA is {{template NAME DATA}}, remembered on its data
	// (see page.Fragments): for a part of a page, in HTML text. ago
	// counts from today, which a page's data holds and a fragment's may
	// not: it is in the key.
	within := struct{ Today time.Time }{j.Today}
	// Its type is one the template engine calls without reflect
	// (internal/gotemplate): a list calls it for each of its entries.
	fm["cached"] = func(name string, data any) (any, error) {
		return c.frags.Execute(fingerprint, name, within, data, exec)
	}
	tmpl, err = theme.Templates("wiki", fm)
	if err != nil {
		return nil, nil, "", err
	}

	r.dashboard()
	r.contacts()
	r.circles()
	r.events()
	r.posts()
	r.drafts()
	r.followups()
	r.tags()
	r.networkPage()
	r.was = nil // not held past the plan
	if !edits && !r.keptAny {
		// What was not used since the render before is forgotten; a
		// render of edited bodies, or one that takes pages as they were,
		// uses what changed alone, and what the other pages used is kept
		// for the render that needs it.
		c.graphs.Sweep()
		c.frags.Sweep()
	}
	if r.bodiesEdited != nil {
		page.Mark(r.jobs, r.prevReads, r.bodiesEdited)
		// The bodies of the pages taken are not resolved: what they
		// name is not known to this render's record.
		r.namedPart = true
	}
	return r, exec, fingerprint, nil
}

// edits reports whether the pages that show none of the bodies edited
// since the last render (Options.Edited) are the pages it made: when
// the theme and the photos are the ones it had too, their data is the
// last render's, which made it from a journal that differs from this one
// only in those bodies. What each page showed of the bodies is known
// from the last render, which recorded every body it filled into a page
// (body).
func (r *renderer) edits(edited map[string]bool, fingerprint string) bool {
	c := r.cache
	prev, theme, photos := c.reads, c.theme, c.photos
	c.reads, c.theme, c.photos = nil, "", nil // known again if this render succeeds
	r.photos = photoFiles(r.j, r.v.photos)
	if edited == nil || prev == nil || fingerprint != theme || !maps.Equal(r.photos, photos) {
		return false
	}
	r.bodiesEdited, r.prevReads = edited, prev
	return true
}

// render renders the pages that plan made the jobs of, and the rest of
// the wiki.
func (c *Cache) render(r *renderer, exec page.Executor, fingerprint string, theme *themes.Theme, opts Options, out *page.Site) error {
	j := r.j
	// What the theme's static files would replace is known before any
	// file is put: a build that fails writes nothing it need not.
	static, err := theme.Static("wiki")
	if err != nil {
		return err
	}
	if r.generated == nil { // the same for a renderer made again (again)
		r.generated = map[string]bool{searchIndex: true, calendar.File: true}
		for _, j := range r.jobs {
			r.generated[j.File] = true
		}
		for _, p := range r.photos {
			r.generated[p] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(opts.PostFiles)) {
		if r.generated[name] {
			return fmt.Errorf("static/%s would replace a page of the wiki: rename it", name)
		}
		if err := out.Put(name, opts.PostFiles[name]); err != nil {
			return err
		}
	}
	for _, ct := range j.Contacts {
		if p, ok := r.photos[ct.Path]; ok {
			if err := out.Put(p, opts.Photos[ct.Path].Data); err != nil {
				return err
			}
		}
	}
	names := slices.Sorted(maps.Keys(static))
	for _, name := range names {
		if r.generated[name] || opts.PostFiles[name] != nil || strings.HasPrefix(name, "search/") {
			return fmt.Errorf("theme %s: wiki/static/%s would replace a generated page", theme.Name, name)
		}
	}
	// A document's page is made with its body filled in for it, and, in a
	// render that keeps nothing, its text for the search index (body).
	err = c.pages.Render(fingerprint, r.jobs, exec, out)
	c.pages.Prev = nil
	r.lastTagPosts = nil // not held past the pages
	if c.pages.Once {
		c.frags.Clear() // no page of this build will ask again
	}
	// Problems in bodies come first: the pages are made in parallel and
	// add them in any order, and a page that failed may be their cause.
	r.errs.Sort()
	if err := r.errs.Err(); err != nil {
		return err
	}
	if err != nil {
		return err
	}
	if err := r.putSearch(out); err != nil {
		return err
	}
	// Every body is filled now, and the index holds its text.
	if opts.Filled != nil {
		opts.Filled()
	}
	if err := out.Put(calendar.File, calendar.ICS(j)); err != nil { // the follow-ups page links it
		return err
	}
	for _, name := range names {
		if err := out.Put(name, static[name]); err != nil {
			return err
		}
	}
	if !c.pages.Once || c.pages.Keys {
		c.reads, c.theme, c.photos = r.reads.Done(r.jobs, r.prevReads), fingerprint, r.photos
	}
	c.postsKept, c.kept = r.postsKept, r.keptAny
	if !c.pages.Once {
		r.out = nil
		c.last, c.exec = r, exec
		r.prevReads = nil
	}
	return nil
}

// Last is what the last RenderWith of a build that renders once leaves
// for the next build in a new process (page.Cache.Keys): nil reads if it
// did not succeed, or kept none.
func (c *Cache) Last() page.Last {
	return page.Last{Theme: c.theme, Reads: c.reads, Keys: c.pages.PageKeys(), Photos: c.photos, Entries: c.entries}
}

// Resume has the next RenderWith, in a build that renders once, take l
// as its last render's: one told which bodies alone were edited since
// (Options.Edited) takes the pages that showed none of them by their
// keys in l, neither made nor hashed.
func (c *Cache) Resume(l page.Last) {
	c.pages.Keys = true
	c.reads, c.theme, c.photos, c.pages.Prev = l.Reads, l.Theme, l.Photos, l.Keys
	c.search = make(map[string]searchEntry, len(l.Entries))
	for path, k := range l.Entries {
		key := diskcache.Key(k)
		c.search[path] = searchEntry{onDisk: &key}
	}
}

// Remember has every RenderWith of a build that renders once keep what
// Last returns.
func (c *Cache) Remember() { c.pages.Keys = true }

// renderer holds one Render call's state: the wiki has no global state.
type renderer struct {
	cache *Cache // what the last render kept: search entries
	j     *journal.Journal
	v     *view // what pages show of the journal's documents
	nav   Nav
	out   *page.Site
	net   *network // links between contacts, once computed

	generated map[string]bool // the files of the pages, photos and index

	// The search index's documents, their entries, and where each is by
	// its document's path: kept by a render in memory, for the next
	// render of edited bodies from the same renderer (Cache.again).
	nodes   []journal.Node
	entries []searchEntry
	entryAt map[string]int
	parts   []searchPart

	groupsOnce sync.Once
	groupList  []*group
	made       sync.Map // journal.Node → its searchEntry, made with its page (Once)

	// While Preview makes a page, after the render: the document whose
	// body is edited, and its body (read by body).
	edited     journal.Node
	editedBody markdown.Source

	// mu guards jobs and errs while the pages of contacts, events and
	// posts are built on every core.
	mu    sync.Mutex
	jobs  []page.Job
	errs  content.ErrorList // problems in bodies, at their source line
	reads *page.Reads       // the documents whose bodies each page shows (body)

	// fingerprint is the theme's; named, the names the wikilinks of the
	// bodies the render's pages and entries show named (record); and
	// postsKept says that every post's page and entry is the last
	// render's (frameAsIn).
	fingerprint string
	named       *journal.Names
	namedPart   bool // named lacks the names of bodies of pages taken
	postsKept   bool
	// sameFrame says what the pages are made of but the documents is the
	// last render's (frameAsIn): an event's page is taken when the event
	// is the same in was, the last render's journal (held while the jobs
	// are planned).
	sameFrame bool
	was       *journal.Journal
	// keptAny says some page is taken so (Cache.Kept).
	keptAny bool
	// The rows of each tag page's posts, by the page's path: this
	// render's (under mu), and, while the pages are made, the last
	// render's when the posts are its posts (postsKept).
	tagPosts, lastTagPosts map[string][]PostRow
	// The last render's search index in memory, its entries and parts,
	// until this render's is put (putSearch).
	lastEntries []searchEntry
	lastParts   []searchPart
	lastPostsAt int // where the last index's posts begin

	// For a render told which bodies alone changed (Options.Edited):
	// those documents (nil otherwise), and what the last render's pages
	// showed of bodies (Cache.reads). photos are this render's contacts'
	// photos as pages show them.
	bodiesEdited map[string]bool
	prevReads    map[string][]string
	photos       map[string]string
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
	}
}

// write queues the template name with data for the page's path. It may be
// called from several goroutines.
func (r *renderer) write(name string, p *Page, data any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.jobs = append(r.jobs, page.Job{File: p.Path, Template: name, Data: data})
}

// later queues the template name for the page at path, with the data
// make returns when the page is rendered: a document's page, whose body
// is filled for it then and let go with it.
func (r *renderer) later(name, path string, make func() any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.jobs = append(r.jobs, page.Job{File: path, Template: name, Make: make})
}

// laterKept is later for a page made of the frame, the options and the
// configuration, the posts and what they show alone (frameAsIn): a post's
// own, the list of every post, the drafts. In a render whose posts are
// the last render's (postsKept), it is taken as that one made it.
func (r *renderer) laterKept(name, path string, make func() any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.jobs = append(r.jobs, page.Job{File: path, Template: name, Make: make, Unchanged: r.postsKept})
}

// URL returns the relative link from the page to a wiki path such as
// "contacts/ana-lima.html".
func (p *Page) URL(target string) string {
	return up(strings.Count(p.Path, "/")) + target
}

// ups are the ways up from the folders the wiki's pages are in: most
// links of the wiki are made with one (Link, on every entry of every
// list), and strings.Repeat made it anew each time.
var ups = [...]string{"", "../", "../../", "../../../", "../../../../"}

// up is the way up n folders.
func up(n int) string {
	if n < len(ups) {
		return ups[n]
	}
	return strings.Repeat("../", n)
}

// Link returns the relative link from the page to a contact, event, post
// or tag.
func (p *Page) Link(to Linkable) string { return p.URL(to.WikiPath()) }

// CircleURL returns the relative link to a circle's page.
func (p *Page) CircleURL(name string) string { return p.URL(escape(circlePath(name))) }

// escape makes a wiki path safe in a link: a slug comes from a file name
// and may hold spaces, '#' or '?'.
func escape(p string) string {
	// Most paths need nothing escaped: they come back as they are, not
	// split and joined again (every link to a document, on every page).
	plain := true
	for i := 0; i < len(p) && plain; i++ {
		c := p[i]
		plain = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' || c == '/'
	}
	if plain {
		return p
	}
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// Is reports whether the page belongs to a nav section, for highlighting.
func (p *Page) Is(section string) bool { return p.Section == section }

// Side is the page as far as the side bar sees it: its folder (for
// links), section, site, today and counts, without its own path and
// title. Every page of a folder and section has the same Side, so
// {{cached "side" .Side}} writes the side bar once for them all.
func (p *Page) Side() *Page {
	side := *p
	side.Path = p.Path[:strings.LastIndexByte(p.Path, '/')+1]
	side.Title = ""
	return &side
}

// PagePath is the path of the page of a contact, event or post in the
// wiki.
func PagePath(n journal.Node) string {
	switch n.NodeKind() {
	case journal.KindContact:
		return "contacts/" + n.Slug() + ".html"
	case journal.KindEvent:
		return "events/" + n.Slug() + ".html"
	}
	return "posts/" + n.Slug() + ".html"
}

func circlePath(name string) string { return "circles/" + journal.Slugify(name) + ".html" }

// Item pairs a value with the page it is shown on, for partials that link:
// {{template "person" ($.Item .)}}.
type Item struct {
	*Page
	X any
}

// Item pairs x with the page.
func (p *Page) Item(x any) Item { return Item{Page: p, X: x} }
