// Package blog renders the public site from the public view alone: the home
// page with its pagination, a page per post, the tags, the archive, the
// shared articles, a 404 page, the sitemap and robots.txt, plus the theme's
// static files and the syntax-highlighting stylesheet. The feeds are package
// feed's; the pages link to them by feed's path constants.
//
// The package imports internal/public and never internal/journal or
// internal/content: nothing private can reach a template.
package blog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/feed"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/public"
	"github.com/netjournal/netjournal/themes"
)

// SyntaxCSS is the path of the generated highlighting stylesheet; a theme
// may ship its own file of that name instead.
const SyntaxCSS = "css/syntax.css"

// The chroma styles of the highlighting stylesheet.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// wordsPerMinute sets the reading time shown on posts.
const wordsPerMinute = 230

// Render returns the public site's pages, sitemap.xml, robots.txt and
// static files by path relative to the site root, slash-separated. It
// reads the clock nowhere: the same site renders the same bytes.
func Render(site *public.Site, theme *themes.Theme) (map[string][]byte, error) {
	files := map[string][]byte{}
	if err := new(Cache).Render(site, theme, nil, page.NewSite(page.Into(files))); err != nil {
		return nil, err
	}
	return files, nil
}

// Cache remembers the pages of the last render, each with the key of its
// template and page data (package page), so that rendering a changed
// site again executes only the templates of pages whose data changed.
// Its results equal Render's, for any theme.
type Cache struct {
	pages     page.Cache
	fragments page.Fragments // what templates called with cached wrote
	// The last render's, kept when it succeeded and renders are kept in
	// memory (not Once): what Preview makes a post's page again with.
	last *renderer
	exec page.Executor
	// And what its pages were made from, for a render told which posts'
	// bodies alone changed since (Render's edited): the posts each
	// page's data read, by its file, and the theme's fingerprint.
	reads map[string][]string
	theme string
	// The last sitemap, and the URLs it lists, which it is made of.
	urls    []sitemapURL
	siteMap []byte
}

// Rendered is the number of pages the last Render executed templates for.
func (c *Cache) Rendered() int { return c.pages.Rendered() }

// Made is the number of pages whose data the last Render made: the others
// read no post whose body was edited (Render's edited).
func (c *Cache) Made() int { return c.pages.Made() }

// KeepLater has the renders in memory note the disk's keys of the pages
// they take as they were, for KeepNoted to keep once the render has
// returned (page.Cache.KeepLater).
func (c *Cache) KeepLater(later bool) {
	c.pages.KeepLater = later
	c.fragments.KeepLater = later
}

// KeepNoted keeps on the disk the pages and fragments the last render
// took or found the same (KeepLater).
func (c *Cache) KeepNoted() {
	c.pages.KeepNoted()
	c.fragments.KeepNoted()
}

// UseDisk keeps the pages, and the fragments of pages templates make with
// cached, in d as well, from one run to the next.
func (c *Cache) UseDisk(d *diskcache.Cache) {
	c.pages.Disk = d
	c.fragments.Disk = d
}

// Once makes the cache keep no page in memory after a render, for a build
// that renders once (page.Cache.Once), and no more than a budget of
// fragments during it (page.Fragments.Bounded).
func (c *Cache) Once() {
	c.pages.Once = true
	c.fragments.Bounded = true
}

// Render is the package's Render, reusing the pages that did not change,
// and putting every file into out as it is made.
//
// edited, when not nil, says that site is the last Render's (which
// succeeded) but for the posts whose sources it names, and of these only
// what their bodies make (their HTML, summary, words and links:
// journal.EditBodies); it may name other documents, which no page reads.
// The theme is the same too, or edited counts for nothing. A page whose
// data read none of those posts (as the last render recorded, in read)
// is then the page it was, taken without its data being made. nil,
// every page's data is made again.
func (c *Cache) Render(site *public.Site, theme *themes.Theme, edited map[string]bool, out *page.Site) error {
	c.fragments.ForgetNoted() // a render that failed noted them for none
	last, lastExec := c.last, c.exec
	c.last, c.exec = nil, nil
	r, exec, fingerprint, err := c.again(last, lastExec, site, theme, edited, out)
	if r == nil && err == nil {
		r, exec, fingerprint, err = c.plan(site, theme, edited, out)
	}
	if err != nil {
		return err
	}
	err = c.pages.Render(fingerprint, r.jobs, exec, out)
	c.pages.Prev = nil
	if c.pages.Once {
		c.fragments.Clear() // no page of this build will ask again
	}
	if err != nil {
		return err
	}
	if r.late != nil {
		return r.late
	}
	for _, a := range r.redirects {
		if err := out.Put(a.file, redirect(r.site.Language, a.to)); err != nil {
			return err
		}
	}
	sitemap, err := c.sitemapOf(r)
	if err != nil {
		return err
	}
	if err := out.Put("sitemap.xml", sitemap); err != nil {
		return err
	}
	if err := out.Put("robots.txt", r.robots()); err != nil {
		return err
	}
	if !c.pages.Once || c.pages.Keys {
		c.reads, c.theme = r.reads.Done(r.jobs, r.prevReads), fingerprint
	}
	if !c.pages.Once {
		// Kept for Preview, and for the next render if it is told of
		// edited bodies alone (again): its jobs with it.
		r.reads, r.prevReads, r.edited = nil, nil, nil // every page is made
		r.out = nil
		c.last, c.exec = r, exec
	}
	return nil
}

// again readies a render told which posts' bodies alone were edited
// (Render's edited) from last, the last render's renderer, and its
// templates: when the site is last's (journal.EditBodies edits it in
// place) and the theme is the same, only the edited posts' entries and
// their own pages' jobs are made again. Every other job is last's,
// whose data is made as the page renders; its Unchanged is set again
// (page.Mark). A render that cannot be readied so (nil) is planned.
func (c *Cache) again(last *renderer, exec page.Executor, site *public.Site, theme *themes.Theme, edited map[string]bool, out *page.Site) (*renderer, page.Executor, string, error) {
	if last == nil || edited == nil || last.site != site || c.reads == nil {
		return nil, nil, "", nil
	}
	fingerprint, err := theme.Fingerprint("blog")
	if err != nil || fingerprint != c.theme {
		return nil, nil, "", err
	}
	r := last
	r.out, r.late = out, nil
	r.reads, r.edited, r.prevReads = page.NewReads(), edited, c.reads
	c.reads, c.theme = nil, "" // known again if this render succeeds
	if err := r.putStatic(); err != nil {
		return nil, nil, "", err
	}
	for i, p := range site.Posts {
		if !edited[p.Source] {
			continue
		}
		// A new entry, not the old one changed: the last render's page
		// data, which the cache compares with, may point at it.
		e := r.entry(p)
		e.Tags = r.entries[p].Tags // the same front matter: the same tags
		r.entries[p] = &e
		r.jobs[r.postsFrom+i] = r.postJob(i, p, &e)
	}
	page.Mark(r.jobs, r.prevReads, r.edited)
	return r, exec, fingerprint, nil
}

// putStatic puts the theme's static files and the highlighting
// stylesheet into the render's output.
func (r *renderer) putStatic() error {
	for _, name := range slices.Sorted(maps.Keys(r.static)) {
		if err := r.out.Put(name, r.static[name]); err != nil {
			return err
		}
	}
	if !r.out.Has(SyntaxCSS) {
		return r.out.Put(SyntaxCSS, syntaxCSS())
	}
	return nil
}

// Last is what the last Render of a build that renders once leaves for
// the next build in a new process (page.Cache.Keys): nil reads if it did
// not succeed, or kept none.
func (c *Cache) Last() page.Last {
	return page.Last{Theme: c.theme, Reads: c.reads, Keys: c.pages.PageKeys()}
}

// Resume has the next Render, in a build that renders once, take l as
// its last render's: a render told which posts' bodies alone were edited
// since (Render's edited) takes the pages that read none of them by
// their keys in l, neither made nor hashed.
func (c *Cache) Resume(l page.Last) {
	c.pages.Keys = true
	c.reads, c.theme, c.pages.Prev = l.Reads, l.Theme, l.Keys
}

// Remember has every Render of a build that renders once keep what
// Last returns.
func (c *Cache) Remember() { c.pages.Keys = true }

// plan readies a render of the blog: its templates, its static files put
// into out, and a renderer that holds every page's job.
func (c *Cache) plan(site *public.Site, theme *themes.Theme, edited map[string]bool, out *page.Site) (*renderer, page.Executor, string, error) {
	r := &renderer{site: site, out: out}
	if !c.pages.Once || c.pages.Keys {
		r.reads = page.NewReads() // for the next render: one in this process, or, kept on disk, in the next
	}
	prev, last := c.reads, c.theme
	c.reads, c.theme = nil, "" // known again if this render succeeds
	if err := r.index(); err != nil {
		return nil, nil, "", err
	}
	fingerprint, err := theme.Fingerprint("blog")
	if err != nil {
		return nil, nil, "", err
	}
	var tmpl *template.Template
	exec := func(w io.Writer, name string, data any) error { return tmpl.ExecuteTemplate(w, name, data) }
	if edited != nil && prev != nil && fingerprint == last {
		r.edited, r.prevReads = edited, prev
	} else {
		// What was not used since the render before is forgotten; a
		// render of edited bodies uses what they changed alone, and what
		// the other pages used is kept for the render that needs it.
		c.fragments.Sweep()
	}
	fm := funcs(site)
	// cached NAME DATA is {{template NAME DATA}}, remembered on its data
	// (see page.Fragments): for a part of a page, in HTML text. The
	// functions' output depends on the site's URLs as well, which a page's
	// data holds and a fragment's may not: they are in its key.
	within := struct{ BaseURL, BasePath string }{site.BaseURL, site.BasePath}
	// Its type is one the template engine calls without reflect
	// (internal/gotemplate): a list calls it for each of its entries.
	fm["cached"] = func(name string, data any) (any, error) {
		return c.fragments.Execute(fingerprint, name, within, data, exec)
	}
	tmpl, err = theme.Templates("blog", fm)
	if err != nil {
		return nil, nil, "", err
	}
	if r.static, err = theme.Static("blog"); err != nil {
		return nil, nil, "", err
	}
	if err := r.putStatic(); err != nil {
		return nil, nil, "", err
	}
	r.home()
	r.posts()
	r.tagPages()
	r.archive()
	if err := r.shared(); err != nil {
		return nil, nil, "", err
	}
	r.notFound()
	if err := r.standalone(); err != nil {
		return nil, nil, "", err
	}
	// The old paths of posts are checked against the pages before any is
	// rendered: a build that fails writes nothing it need not.
	if r.redirects, err = r.aliases(); err != nil {
		return nil, nil, "", err
	}
	if r.edited != nil {
		page.Mark(r.jobs, r.prevReads, r.edited)
	}
	return r, exec, fingerprint, nil
}

// Preview returns the page of post old as the last Render would have
// made it with post in old's place: the same post with its body alone
// edited (journal.PreviewPost). What the page shows of the body is made
// again; what it shows of other posts (its neighbours, its backlinks) is
// as the last Render had it. ok is false when there is no last render,
// or old is not in it.
func (c *Cache) Preview(old, post *public.Post) (file string, data []byte, ok bool, err error) {
	r := c.last
	if r == nil || r.entries[old] == nil {
		return "", nil, false, nil
	}
	i := slices.Index(r.site.Posts, old)
	e := r.entry(post)
	e.Tags = r.entries[old].Tags // the same front matter: the same tags
	j := r.postJob(i, post, &e)
	var b bytes.Buffer
	if err := c.exec(&b, j.Template, j.Make()); err != nil {
		return "", nil, false, err
	}
	return j.File, b.Bytes(), true, nil
}

// jsonify is the JSON of v, for templates.
func jsonify(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// syntaxCSS is the highlighting stylesheet: each style under its own
// color-scheme query, so that no light token color (dark on dark) is left
// standing where the dark style has no rule of its own.
func syntaxCSS() []byte {
	return []byte("@media (prefers-color-scheme: light) {\n" + markdown.CSS(lightStyle) + "}\n" +
		"@media (prefers-color-scheme: dark) {\n" + markdown.CSS(darkStyle) + "}\n")
}

// renderer holds one Render call's state: the site, each post and tag as
// pages show them, and the pages to render.
type renderer struct {
	site      *public.Site
	data      Site                    // the site, as every page has it
	entries   map[*public.Post]*Entry // each post as lists show it
	tags      []tagPosts              // the site's tags, each post once
	out       *page.Site
	static    map[string][]byte // the theme's static files
	urls      []sitemapURL
	jobs      []page.Job  // pages to render, in order
	postsFrom int         // where the posts' pages are in jobs, in the site's order
	redirects []aliasPage // the pages at posts' old paths

	mu    sync.Mutex
	late  error       // the first error of a page's data made when it renders
	reads *page.Reads // the posts (their sources) each page's data is made from (read)

	// For a render told which posts' bodies alone changed (Edited):
	// those posts (nil otherwise), and what the last render's pages were
	// made from (Cache.reads).
	edited    map[string]bool
	prevReads map[string][]string
}

// funcs are the template functions a theme's blog templates may call.
// Each is a function of its arguments and of the site's base URL, which
// every page's data holds: a page is a function of its data alone.
// CheckTheme parses the theme's blog templates as a render does, for a
// build that fails on its content: a template that does not parse is
// said with the content's problems, not once they are fixed.
func CheckTheme(theme *themes.Theme) error {
	fm := funcs(&public.Site{})
	fm["cached"] = func(string, any) (any, error) { return nil, nil }
	_, err := theme.Templates("blog", fm)
	return err
}

func funcs(site *public.Site) template.FuncMap {
	return template.FuncMap{
		// rel is the root-relative URL of a site path, abs its absolute URL.
		"rel": site.Rel,
		"abs": site.URL,
		// date is a date for people, datetime for <time datetime>.
		"date":     humanDate,
		"datetime": machineDate,
		// minutes is the reading time of a number of words.
		"minutes": minutes,
		// domain is the host of a URL, without "www.".
		"domain": domain,
		// jsonify is a value as JSON, as Hugo's: {{jsonify .}} shows a
		// page's data.
		"jsonify": jsonify,
		// paragraphs splits a summary of several paragraphs into them.
		"paragraphs": markdown.Paragraphs,
	}
}

// index computes what pages show of each post and tag: every post's
// entry, with its tags, and every tag with its posts, each post once (a
// post tagged both "Go" and "go" is in one tag "go" twice).
func (r *renderer) index() error {
	s := r.site
	r.data = Site{
		Title: s.Title, Description: s.Description, BaseURL: s.BaseURL, BasePath: s.BasePath, Language: s.Language,
		Author:    Author{Name: s.Author.Name, Email: s.Author.Email},
		HasShared: len(s.LinkPosts()) > 0,
	}
	r.entries = make(map[*public.Post]*Entry, len(s.Posts))
	for _, p := range s.Posts {
		e := r.entry(p)
		if len(p.Tags) > 0 {
			// Grown once below, not doubled: 100,000 posts kept a
			// slice or two of it each, to the end of the build.
			e.Tags = make([]TagRef, 0, len(p.Tags))
		}
		r.entries[p] = &e
	}
	// journal.Public gives every tag a slug of its own ("C++" and "C" get
	// tags/c-plus-plus/ and tags/c/); two tags on one page would lose one
	// tag's posts to the other, so that is an error, never an overwrite.
	bySlug := map[string]*public.Tag{}
	for _, t := range s.Tags {
		if o := bySlug[t.Slug]; o != nil {
			return fmt.Errorf("tags %q (%s) and %q (%s) would share the page %s", o.Name, tagSource(o), t.Name, tagSource(t), t.Path())
		}
		bySlug[t.Slug] = t
		tg := tagPosts{Tag: Tag{Name: t.Name, Path: t.Path(), Slug: t.Slug, Feeds: feedLinks(feed.TagTitle(s, t), feed.TagPaths(t))}}
		seen := map[*public.Post]bool{}
		for _, p := range t.Posts {
			if !seen[p] {
				seen[p] = true
				e := r.entries[p]
				e.Tags = append(e.Tags, TagRef{Name: t.Name, Path: tg.Path}) // one string a tag, not a post's tag
				tg.posts = append(tg.posts, p)
			}
		}
		r.tags = append(r.tags, tg)
	}
	return nil
}

// PreviewPage returns the standalone page page (journal.PreviewPage) as
// the last Render would have made it: no other page shows what its body
// makes. ok is false when there is no last render, or it had no such
// page.
func (c *Cache) PreviewPage(page *public.Page) (file string, data []byte, ok bool, err error) {
	r := c.last
	if r == nil || !slices.ContainsFunc(r.site.Pages, func(p *public.Page) bool { return p.Path == page.Path }) {
		return "", nil, false, nil
	}
	d := r.standalonePage(page)
	var b bytes.Buffer
	if err := c.exec(&b, "page.html", d); err != nil {
		return "", nil, false, err
	}
	return pageFile(d.Page), b.Bytes(), true, nil
}

// entry is a post as lists show it, less its tags.
func (r *renderer) entry(p *public.Post) Entry {
	return Entry{
		Path: p.Path(), Slug: p.Slug, Title: p.Title, Summary: p.Summary,
		Date: p.Date, Updated: p.Updated, WasUpdated: !p.Updated.IsZero() && machineDate(p.Updated) != machineDate(p.Date),
		Link: p.Link, IsLink: p.IsLink(), Draft: p.Draft, Words: p.Words,
	}
}

// tagPosts is a tag's page data, less its entries, with its posts.
type tagPosts struct {
	Tag
	posts []*public.Post
}

// list returns the entries of posts, for the data of the page at file,
// which then reads them.
func (r *renderer) list(file string, posts []*public.Post) []Entry {
	r.read(file, posts...)
	out := make([]Entry, len(posts))
	for i, p := range posts {
		out[i] = *r.entries[p]
	}
	return out
}

// entryOf is the entry of p for the data of the page at file, which
// then reads it.
func (r *renderer) entryOf(file string, p *public.Post) *Entry {
	r.read(file, p)
	return r.entries[p]
}

// read records that the data of the page at file is made from posts:
// from what they show of their bodies, among the rest. A page's data
// reads a post only through read (list, entryOf): what the last render
// recorded says which pages a post's edited body changes (Edited).
func (r *renderer) read(file string, posts ...*public.Post) {
	if r.reads == nil {
		return // a build that renders once, or after the render (Preview)
	}
	paths := make([]string, len(posts))
	for i, p := range posts {
		paths[i] = p.Source
	}
	r.reads.Add(file, paths...)
}

func (r *renderer) page(path, title, description, section string) Page {
	if description == "" {
		description = r.site.Description
	}
	feeds := r.feeds(false)
	return Page{
		Site:        r.data,
		Path:        path,
		Title:       title,
		Description: description,
		Section:     section,
		Menu:        r.menu(path, section),
		Feeds:       feeds,
		SiteFeeds:   feeds,
	}
}

// menu is the header navigation as the page at path shows it: an item is
// current on its own page, on the pages under its path (tags/go/ under
// tags/), and on the pages of its section (page/2/ is home's, a link
// post is shared/'s).
func (r *renderer) menu(path, section string) []MenuItem {
	out := make([]MenuItem, len(r.site.Menu))
	for i, m := range r.site.Menu {
		it := MenuItem{Title: m.Title, Path: m.Path, URL: m.URL}
		if m.URL == "" {
			own := strings.TrimSuffix(m.Path, "/")
			if own == "" {
				own = "home"
			}
			it.Current = path == m.Path || (m.Path != "" && strings.HasPrefix(path, m.Path)) || (section != "" && own == section)
		}
		out[i] = it
	}
	return out
}

// headings are a table of contents as page data.
func headings(hs []public.Heading) []Heading {
	if len(hs) == 0 {
		return nil
	}
	out := make([]Heading, len(hs))
	for i, h := range hs {
		out[i] = Heading{ID: h.ID, Text: h.Text, Children: headings(h.Children)}
	}
	return out
}

// feeds lists the feeds of every post, or of the shared articles.
func (r *renderer) feeds(shared bool) []FeedLink {
	if shared {
		return feedLinks(r.site.Title+": "+feed.SharedTitle, [3]string{feed.SharedRSSPath, feed.SharedAtomPath, feed.SharedJSONPath})
	}
	return feedLinks(r.site.Title, [3]string{feed.RSSPath, feed.AtomPath, feed.JSONPath})
}

// feedLinks names one channel's RSS, Atom and JSON feeds at paths.
func feedLinks(title string, paths [3]string) []FeedLink {
	return []FeedLink{
		{title + " (RSS)", "RSS", feed.RSSType, paths[0]},
		{title + " (Atom)", "Atom", feed.AtomType, paths[1]},
		{title + " (JSON Feed)", "JSON Feed", feed.JSONType, paths[2]},
	}
}

// homePath is the site path of home page n (from 1).
func homePath(n int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf("page/%d/", n)
}

func (r *renderer) home() {
	posts := r.site.Posts
	size := r.site.PageSize
	if size <= 0 {
		size = max(len(posts), 1)
	}
	count := max((len(posts)+size-1)/size, 1)
	for n := 1; n <= count; n++ {
		chunk := posts[(n-1)*size : min(n*size, len(posts))]
		title := ""
		if n > 1 {
			title = fmt.Sprintf("Page %d", n)
		}
		r.renderLater("index.html", Page{Path: homePath(n)}, func() any {
			d := HomePage{Page: r.page(homePath(n), title, "", "home"), Posts: r.list(pageFile(Page{Path: homePath(n)}), chunk), Number: n, Count: count}
			if n > 1 {
				d.Newer = &PageRef{homePath(n - 1), n - 1}
			}
			if n < count {
				d.Older = &PageRef{homePath(n + 1), n + 1}
			}
			return d
		}, lastmod(chunk, r.site.Updated))
	}
}

func (r *renderer) posts() {
	r.postsFrom = len(r.jobs)
	for i, p := range r.site.Posts {
		// Its file and its place in the sitemap need its path alone: its
		// Page is made with the rest of its data (postJob).
		r.queue(r.postJob(i, p, r.entries[p]), Page{Path: p.Path()}, lastmod([]*public.Post{p}, time.Time{}))
	}
}

// postPage is the Page of post p.
func (r *renderer) postPage(p *public.Post) Page {
	section := ""
	if p.IsLink() {
		section = "shared"
	}
	return r.page(p.Path(), p.Title, p.Summary, section)
}

// postJob is the page of p, the i-th post, which lists show as self.
func (r *renderer) postJob(i int, p *public.Post, self *Entry) page.Job {
	// The whole page is made when it is rendered, the body filled then:
	// in a build that renders once, what it shows goes with it, and is
	// not held for every post until the last page (its menu, its feeds,
	// its body).
	file := pageFile(Page{Path: p.Path()})
	return page.Job{File: file, Template: "post.html", Make: func() any {
		posts := r.site.Posts
		r.read(file, p)
		d := PostPage{Page: r.postPage(p)}
		if i+1 < len(posts) {
			d.Older = r.entryOf(file, posts[i+1])
		}
		if i > 0 {
			d.Newer = r.entryOf(file, posts[i-1])
		}
		post := self.post()
		post.Backlinks = r.list(file, p.Backlinks)
		d.Post = &post
		// The body is made only if the page is: its key says what it is
		// made from.
		key, body := p.Body.Later()
		fill := func() {
			html, toc := body()
			post.HTML, post.TOC = html, headings(toc)
		}
		if key == "" {
			fill()
			return d
		}
		return page.Deferred{Data: d, Later: []page.Later{{Key: key, Fill: fill}}}
	}}
}

func (r *renderer) tagPages() {
	d := TagsPage{Page: r.page("tags/", "Tags", "Every topic on "+r.site.Title+", with the number of posts on each.", "tags")}
	for _, t := range r.tags {
		d.Tags = append(d.Tags, TagCount{Name: t.Name, Path: t.Path, Slug: t.Slug, Count: len(t.posts)})
	}
	r.render("tags.html", d.Page, d, r.site.Updated)
	for _, t := range r.tags {
		r.renderLater("tag.html", Page{Path: t.Path}, func() any {
			desc := fmt.Sprintf("Posts tagged “%s” on %s.", t.Name, r.site.Title)
			tag := t.Tag
			tag.Posts = r.list(pageFile(Page{Path: t.Path}), t.posts)
			d := TagPage{Page: r.page(t.Path, "Tagged “"+t.Name+"”", desc, "tags"), Tag: tag}
			// The tag's own feeds first, for readers that follow one topic.
			d.Feeds = append(append([]FeedLink(nil), t.Feeds...), d.SiteFeeds...)
			return d
		}, lastmod(t.posts, time.Time{}))
	}
}

// tagSource names a file that uses the tag.
func tagSource(t *public.Tag) string {
	if len(t.Posts) == 0 {
		return "no post"
	}
	return t.Posts[0].Source
}

func (r *renderer) archive() {
	r.renderLater("archive.html", Page{Path: "archive/"}, func() any {
		d := ArchivePage{Page: r.page("archive/", "Archive", "Every post on "+r.site.Title+", by year.", "archive"), Count: len(r.site.Posts)}
		// Every entry in one array, each year's a part of it: made again
		// after an edit that changes one post's entry, the years grown by
		// appending were twice the entries' memory in garbage.
		file := pageFile(d.Page)
		all := make([]Entry, len(r.site.Posts))
		start := 0
		for i, p := range r.site.Posts {
			all[i] = *r.entryOf(file, p)
			if y := p.Date.Year(); i+1 == len(r.site.Posts) || r.site.Posts[i+1].Date.Year() != y {
				d.Years = append(d.Years, Year{Year: y, Posts: all[start : i+1 : i+1]})
				start = i + 1
			}
		}
		return d
	}, r.site.Updated)
}

func (r *renderer) shared() error {
	posts := r.site.LinkPosts()
	desc := "Articles " + r.site.Author.Name + " found worth passing on, each with a note on why."
	if r.site.Author.Name == "" {
		desc = "Articles worth passing on, each with a note on why."
	}
	d := SharedPage{
		Page:        r.page("shared/", feed.SharedTitle, desc, "shared"),
		SharedFeeds: r.feeds(true),
	}
	d.Feeds = append(append([]FeedLink(nil), d.SharedFeeds...), d.SiteFeeds...)
	// The bodies are filled when the page is made, on a core of the
	// render's, as a post page's are: not one after another before any
	// page is made (a tenth of the link posts of a site), nor held.
	r.renderLater("shared.html", d.Page, func() any {
		d := d
		for _, p := range posts {
			e := r.entryOf(pageFile(d.Page), p)
			// Several bodies on one page: each one's ids get its slug, so
			// that two posts' "#setup" do not collide; and its relative
			// links (pic.png beside it) lead where they lead from its page.
			html, err := rebase(string(p.Body.HTML()), r.site.Rel(p.Path()))
			if err == nil {
				html, err = scopeIDs(html, p.Slug+".")
			}
			if err != nil {
				r.mu.Lock()
				if r.late == nil {
					r.late = fmt.Errorf("%s: %w", p.Source, err)
				}
				r.mu.Unlock()
			}
			d.Posts = append(d.Posts, SharedPost{Entry: *e, HTML: template.HTML(html)})
		}
		return d
	}, lastmod(posts, r.site.Updated))
	return nil
}

// notFound is the 404 page, with the latest posts. Its data is made when
// it renders, as every page's that shows what a body makes: a job is
// then the same after an edit of a body (again).
func (r *renderer) notFound() {
	p := Page{Path: "404.html", NotFound: true}
	r.renderLater("404.html", p, func() any {
		d := NotFoundPage{Page: r.page("404.html", "Page not found", "", "")}
		d.Recent = r.list(pageFile(d.Page), r.site.Posts[:min(5, len(r.site.Posts))])
		d.NotFound = true
		return d
	}, time.Time{})
}

// standalone renders the pages of content/pages, each at its path. A page
// at a path the site has already (tags/, a static file) is a problem of
// the page's: it is never overwritten, nor overwrites.
func (r *renderer) standalone() error {
	taken := map[string]bool{}
	for _, j := range r.jobs {
		taken[j.File] = true
	}
	// The files written after the pages: a page's folder may not be one.
	late := map[string]bool{"sitemap.xml": true, "robots.txt": true}
	for _, f := range []string{feed.RSSPath, feed.AtomPath, feed.JSONPath, feed.SharedRSSPath, feed.SharedAtomPath, feed.SharedJSONPath} {
		late[f] = true
	}
	for _, t := range r.site.Tags {
		for _, f := range feed.TagPaths(t) {
			late[f] = true
		}
	}
	isFile := func(name string) bool { return r.out.Has(name) || taken[name] || late[name] }
	var problems public.Problems
	for _, p := range r.site.Pages {
		file := p.Path + "index.html"
		if r.out.Has(file) || taken[file] {
			problems = append(problems, &public.Problem{Source: p.Source, Line: 1, Msg: fmt.Sprintf("the page would be /%s, which the site has already: rename the file", p.Path)})
			continue
		}
		// A page at robots.txt/ stopped the build as it wrote the files,
		// at no line of the page's.
		if f := fileOnPath(p.Path, isFile); f != "" {
			problems = append(problems, &public.Problem{Source: p.Source, Line: 1, Msg: fmt.Sprintf("the page would be /%s, where the site has the file /%s: rename the file", p.Path, f)})
			continue
		}
		d := r.standalonePage(p)
		modified := p.Updated
		if modified.IsZero() {
			modified = p.Date
		}
		r.render("page.html", d.Page, d, modified)
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// fileOnPath returns the first folder of the site path p (robots.txt of
// robots.txt/more/) that isFile says is a file, or "".
func fileOnPath(p string, isFile func(string) bool) string {
	for i := 0; i < len(p); i++ {
		if p[i] == '/' && isFile(p[:i]) {
			return p[:i]
		}
	}
	return ""
}

// standalonePage is the data of the page p.
func (r *renderer) standalonePage(p *public.Page) StandalonePage {
	return StandalonePage{
		Page: r.page(p.Path, p.Title, p.Description, ""),
		HTML: p.HTML, TOC: headings(p.TOC), Date: p.Date, Updated: p.Updated, Draft: p.Draft, Words: p.Words,
		WasUpdated: !p.Updated.IsZero() && (p.Date.IsZero() || machineDate(p.Updated) != machineDate(p.Date)),
	}
}

// render queues a page template for the page's file and lists the page in
// the sitemap, unless it is the 404 page.
func (r *renderer) render(name string, p Page, data any, modified time.Time) {
	r.queue(page.Job{Template: name, Data: data}, p, modified)
}

// renderLater is render with the page's data made when the page is.
func (r *renderer) renderLater(name string, p Page, make func() any, modified time.Time) {
	r.queue(page.Job{Template: name, Make: make}, p, modified)
}

func (r *renderer) queue(j page.Job, p Page, modified time.Time) {
	j.File = pageFile(p)
	r.jobs = append(r.jobs, j)
	if !p.NotFound {
		r.urls = append(r.urls, sitemapURL{Loc: r.site.WebURL(p.Path), LastMod: sitemapDate(modified)})
	}
}

// pageFile is the file of page p: a folder's is its index.html.
func pageFile(p Page) string {
	if p.Path == "" || strings.HasSuffix(p.Path, "/") {
		return p.Path + "index.html"
	}
	return p.Path
}

// aliasPage is a page at an old path of a post that sends browsers and
// search engines to its address.
type aliasPage struct{ file, to string }

// aliases returns a page for each old path of a post that sends browsers
// and search engines to its address, as Hugo's do: a canonical link and
// an immediate refresh, not indexed, and a link for what follows neither.
// An old path that is a page of the site, or another post's, is a problem
// at the line that gives it.
func (r *renderer) aliases() ([]aliasPage, error) {
	pages := make(map[string]bool, len(r.jobs))
	for _, j := range r.jobs {
		pages[j.File] = true
	}
	var redirects []aliasPage
	var problems public.Problems
	taken := map[string]string{} // alias page → the post that has it
	type moved struct {
		source, to string
		aliases    []public.Alias
	}
	var all []moved
	for _, p := range r.site.Posts {
		all = append(all, moved{p.Source, r.site.URL(p.Path()), p.Aliases})
	}
	for _, p := range r.site.Pages {
		all = append(all, moved{p.Source, r.site.URL(p.Path), p.Aliases})
	}
	for _, p := range all {
		to := p.to
		for _, a := range p.aliases {
			file := a.File()
			if other, ok := taken[file]; ok {
				problems = append(problems, &public.Problem{Source: p.source, Line: a.Line, Msg: fmt.Sprintf("aliases: /%s is also an old path of %s", a.Path, other)})
				continue
			}
			if pages[file] || r.out.Has(file) {
				problems = append(problems, &public.Problem{Source: p.source, Line: a.Line, Msg: fmt.Sprintf("aliases: /%s is a page of the site: it cannot redirect", a.Path)})
				continue
			}
			taken[file] = p.source
			redirects = append(redirects, aliasPage{file, to})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return redirects, nil
}

// redirect is a page that sends its reader to url.
func redirect(lang, url string) []byte {
	if lang == "" {
		lang = "en"
	}
	u := template.HTMLEscapeString(url)
	return []byte(`<!doctype html>
<html lang="` + template.HTMLEscapeString(lang) + `">
<head>
<meta charset="utf-8">
<title>` + u + `</title>
<link rel="canonical" href="` + u + `">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=` + u + `">
</head>
<body>
<p>This page has moved to <a href="` + u + `">` + u + `</a>.</p>
</body>
</html>
`)
}

// lastmod is the newest publication or update among posts, else fallback.
func lastmod(posts []*public.Post, fallback time.Time) time.Time {
	var t time.Time
	for _, p := range posts {
		if p.Date.After(t) {
			t = p.Date
		}
		if p.Updated.After(t) {
			t = p.Updated
		}
	}
	if t.IsZero() {
		return fallback
	}
	return t
}

// humanDate is a date as people read it: 3 February 2026.
func humanDate(t time.Time) string { return t.Format("2 January 2006") }

// machineDate is a valid <time datetime>: the day alone when the time is
// midnight UTC (a date written without a time), else RFC 3339.
func machineDate(t time.Time) string {
	if t.Equal(t.Truncate(24*time.Hour)) && t.Location() == time.UTC {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

// minutes is the reading time of a number of words, at least a minute.
func minutes(words int) int {
	return max((words+wordsPerMinute-1)/wordsPerMinute, 1)
}

// domain returns the host of a URL without "www.", or the URL itself when
// it has no host.
func domain(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Hostname() == "" {
		return link
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}
