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
	"fmt"
	"html/template"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/netjournal/netjournal/internal/feed"
	"github.com/netjournal/netjournal/internal/markdown"
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
	return new(Cache).Render(site, theme)
}

// Cache remembers the pages of the last render with the fingerprint of
// their templates and data, so that rendering a changed site again
// executes only the templates of pages whose data changed. Its results
// equal Render's.
type Cache struct {
	pages    map[string]cachedPage
	rendered int
}

// Rendered is the number of pages the last Render executed templates for.
func (c *Cache) Rendered() int { return c.rendered }

type cachedPage struct {
	fingerprint string
	data        []byte
}

// Render is the package's Render, reusing the pages that did not change.
func (c *Cache) Render(site *public.Site, theme *themes.Theme) (map[string][]byte, error) {
	r := &renderer{site: site, out: map[string][]byte{}, fp: newFingerprinter(site)}
	r.indexTags()
	tmpl, err := theme.Templates("blog", r.funcs())
	if err != nil {
		return nil, err
	}
	r.tmpl = tmpl
	if r.theme, err = theme.Fingerprint("blog"); err != nil {
		return nil, err
	}
	static, err := theme.Static("blog")
	if err != nil {
		return nil, err
	}
	for name, b := range static {
		r.out[name] = b
	}
	if _, ok := r.out[SyntaxCSS]; !ok {
		r.out[SyntaxCSS] = syntaxCSS()
	}
	for _, step := range []func() error{
		r.home, r.posts, r.tagPages, r.archive, r.shared, r.notFound,
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	if err := c.execute(r); err != nil {
		return nil, err
	}
	sitemap, err := r.sitemap()
	if err != nil {
		return nil, err
	}
	r.out["sitemap.xml"] = sitemap
	r.out["robots.txt"] = r.robots()
	return r.out, nil
}

// syntaxCSS is the highlighting stylesheet: each style under its own
// color-scheme query, so that no light token color (dark on dark) is left
// standing where the dark style has no rule of its own.
func syntaxCSS() []byte {
	return []byte("@media (prefers-color-scheme: light) {\n" + markdown.CSS(lightStyle) + "}\n" +
		"@media (prefers-color-scheme: dark) {\n" + markdown.CSS(darkStyle) + "}\n")
}

// renderer holds one Render call's state.
type renderer struct {
	site     *public.Site
	tmpl     *template.Template
	tags     []*public.Tag                  // the site's tags, each post once
	postTags map[*public.Post][]*public.Tag // a post's tags, by slug
	out      map[string][]byte
	urls     []sitemapURL
	fp       *fingerprinter
	theme    string // the templates' fingerprint
	jobs     []job  // pages to render, in order
}

// job is one page to render.
type job struct {
	file, name  string
	data        any
	fingerprint string
}

// indexTags copies the site's tags with every post listed once (a post
// tagged both "Go" and "go" is in one tag "go" twice) and maps each post to
// its tags.
func (r *renderer) indexTags() {
	r.postTags = map[*public.Post][]*public.Tag{}
	for _, t := range r.site.Tags {
		c := &public.Tag{Name: t.Name, Slug: t.Slug}
		seen := map[*public.Post]bool{}
		for _, p := range t.Posts {
			if !seen[p] {
				seen[p] = true
				c.Posts = append(c.Posts, p)
				r.postTags[p] = append(r.postTags[p], c)
			}
		}
		r.tags = append(r.tags, c)
	}
}

// funcs are the template functions a theme's blog templates may call.
func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		// rel is the root-relative URL of a site path, abs its absolute URL.
		"rel": r.site.Rel,
		"abs": r.site.URL,
		// date is a date for people, datetime for <time datetime>.
		"date":     humanDate,
		"datetime": machineDate,
		// tags are a post's tags, minutes its reading time.
		"tags":    func(p *public.Post) []*public.Tag { return r.postTags[p] },
		"minutes": minutes,
		// domain is the host of a URL, without "www.".
		"domain": domain,
		// scoped is a post's HTML with its ids prefixed by the post's
		// slug, for pages that show several posts' bodies.
		"scoped": func(p *public.Post) (template.HTML, error) {
			s, err := scopeIDs(string(p.HTML), p.Slug+".")
			return template.HTML(s), err
		},
		// updated reports whether a post was updated after the day it
		// was published.
		"updated": func(p *public.Post) bool {
			return !p.Updated.IsZero() && machineDate(p.Updated) != machineDate(p.Date)
		},
	}
}

// page is what every template receives, alone or embedded in a page kind's
// own data: the site, where the page is and what its head says.
type page struct {
	Site        *public.Site
	Path        string // site path: "" for the home page, "posts/x/", "404.html"
	Title       string // the page's own title; "" on the first home page
	Description string
	Section     string       // the current navigation item: home, archive, shared, tags
	Post        *public.Post // on a post's page: for og:type article and its dates
	Feeds       []feedLink   // <link rel="alternate"> in the head
	SiteFeeds   []feedLink   // the feeds of every post, in the footer
	NotFound    bool         // the 404 page: served at any path, not canonical, not indexed
}

type feedLink struct {
	Title string // the feed's own title
	Label string // the format: RSS, Atom, JSON Feed
	Type  string
	Path  string
}

func (r *renderer) page(path, title, description, section string) page {
	if description == "" {
		description = r.site.Description
	}
	feeds := r.feeds(false)
	return page{
		Site:        r.site,
		Path:        path,
		Title:       title,
		Description: description,
		Section:     section,
		Feeds:       feeds,
		SiteFeeds:   feeds,
	}
}

// feeds lists the feeds of every post, or of the shared articles.
func (r *renderer) feeds(shared bool) []feedLink {
	if shared {
		return feedLinks(r.site.Title+": "+feed.SharedTitle, [3]string{feed.SharedRSSPath, feed.SharedAtomPath, feed.SharedJSONPath})
	}
	return feedLinks(r.site.Title, [3]string{feed.RSSPath, feed.AtomPath, feed.JSONPath})
}

// feedLinks names one channel's RSS, Atom and JSON feeds at paths.
func feedLinks(title string, paths [3]string) []feedLink {
	return []feedLink{
		{title + " (RSS)", "RSS", feed.RSSType, paths[0]},
		{title + " (Atom)", "Atom", feed.AtomType, paths[1]},
		{title + " (JSON Feed)", "JSON Feed", feed.JSONType, paths[2]},
	}
}

// pageRef is a link to another page of a list.
type pageRef struct {
	Path   string
	Number int
}

type homePage struct {
	page
	Posts  []*public.Post
	Number int // this page's number, from 1
	Count  int // the number of pages
	Newer  *pageRef
	Older  *pageRef
}

// homePath is the site path of home page n (from 1).
func homePath(n int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf("page/%d/", n)
}

func (r *renderer) home() error {
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
		d := homePage{page: r.page(homePath(n), title, "", "home"), Posts: chunk, Number: n, Count: count}
		if n > 1 {
			d.Newer = &pageRef{homePath(n - 1), n - 1}
		}
		if n < count {
			d.Older = &pageRef{homePath(n + 1), n + 1}
		}
		if err := r.render("index.html", d.page, d, lastmod(chunk, r.site.Updated)); err != nil {
			return err
		}
	}
	return nil
}

type postPage struct {
	page
	Older *public.Post
	Newer *public.Post
}

func (r *renderer) posts() error {
	posts := r.site.Posts
	for i, p := range posts {
		d := postPage{page: r.page(p.Path(), p.Title, p.Summary, "")}
		d.Post = p
		if p.IsLink() {
			d.Section = "shared"
		}
		if i+1 < len(posts) {
			d.Older = posts[i+1]
		}
		if i > 0 {
			d.Newer = posts[i-1]
		}
		if err := r.render("post.html", d.page, d, lastmod([]*public.Post{p}, time.Time{})); err != nil {
			return err
		}
	}
	return nil
}

type tagsPage struct {
	page
	Tags []*public.Tag
}

type tagPage struct {
	page
	Tag *public.Tag
}

func (r *renderer) tagPages() error {
	// journal.Public gives every tag a slug of its own ("C++" and "C" get
	// tags/c-plus-plus/ and tags/c/); two tags on one page would lose one
	// tag's posts to the other, so that is an error, never an overwrite.
	bySlug := map[string]*public.Tag{}
	for _, t := range r.tags {
		if o := bySlug[t.Slug]; o != nil {
			return fmt.Errorf("tags %q (%s) and %q (%s) would share the page %s", o.Name, tagSource(o), t.Name, tagSource(t), t.Path())
		}
		bySlug[t.Slug] = t
	}
	d := tagsPage{page: r.page("tags/", "Tags", "Every topic on "+r.site.Title+", with the number of posts on each.", "tags"), Tags: r.tags}
	if err := r.render("tags.html", d.page, d, r.site.Updated); err != nil {
		return err
	}
	for _, t := range r.tags {
		desc := fmt.Sprintf("Posts tagged “%s” on %s.", t.Name, r.site.Title)
		d := tagPage{page: r.page(t.Path(), "Tagged “"+t.Name+"”", desc, "tags"), Tag: t}
		// The tag's own feeds first, for readers that follow one topic.
		d.Feeds = append(feedLinks(feed.TagTitle(r.site, t), feed.TagPaths(t)), d.SiteFeeds...)
		if err := r.render("tag.html", d.page, d, lastmod(t.Posts, time.Time{})); err != nil {
			return err
		}
	}
	return nil
}

// tagSource names a file that uses the tag.
func tagSource(t *public.Tag) string {
	if len(t.Posts) == 0 {
		return "no post"
	}
	return t.Posts[0].Source
}

type archivePage struct {
	page
	Years []year
	Count int // all posts
}

// year is one year's posts in the archive, newest first.
type year struct {
	Year  int
	Posts []*public.Post
}

func (r *renderer) archive() error {
	d := archivePage{page: r.page("archive/", "Archive", "Every post on "+r.site.Title+", by year.", "archive"), Count: len(r.site.Posts)}
	for _, p := range r.site.Posts {
		y := p.Date.Year()
		if n := len(d.Years); n == 0 || d.Years[n-1].Year != y {
			d.Years = append(d.Years, year{Year: y})
		}
		d.Years[len(d.Years)-1].Posts = append(d.Years[len(d.Years)-1].Posts, p)
	}
	return r.render("archive.html", d.page, d, r.site.Updated)
}

type sharedPage struct {
	page
	Posts       []*public.Post
	SharedFeeds []feedLink
}

func (r *renderer) shared() error {
	posts := r.site.LinkPosts()
	desc := "Articles " + r.site.Author.Name + " found worth passing on, each with a note on why."
	if r.site.Author.Name == "" {
		desc = "Articles worth passing on, each with a note on why."
	}
	d := sharedPage{
		page:        r.page("shared/", feed.SharedTitle, desc, "shared"),
		Posts:       posts,
		SharedFeeds: r.feeds(true),
	}
	d.Feeds = append(d.SharedFeeds, d.SiteFeeds...)
	return r.render("shared.html", d.page, d, lastmod(posts, r.site.Updated))
}

type notFoundPage struct {
	page
	Recent []*public.Post
}

func (r *renderer) notFound() error {
	d := notFoundPage{page: r.page("404.html", "Page not found", "", ""), Recent: r.site.Posts[:min(5, len(r.site.Posts))]}
	d.NotFound = true
	return r.render("404.html", d.page, d, time.Time{})
}

// render queues a page template for the page's file and lists the page in
// the sitemap, unless it is the 404 page.
func (r *renderer) render(name string, p page, data any, modified time.Time) error {
	file := p.Path
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	r.jobs = append(r.jobs, job{file: file, name: name, data: data, fingerprint: r.theme + r.fp.of(name, data)})
	if !p.NotFound {
		r.urls = append(r.urls, sitemapURL{Loc: r.site.URL(p.Path), LastMod: sitemapDate(modified)})
	}
	return nil
}

// execute renders the queued pages whose fingerprint is not the cached
// one, on every core, and keeps the results for the next render.
func (c *Cache) execute(r *renderer) error {
	old := c.pages
	c.pages = make(map[string]cachedPage, len(r.jobs))
	var todo []int
	for i, j := range r.jobs {
		if p, ok := old[j.file]; ok && p.fingerprint == j.fingerprint {
			r.out[j.file] = p.data
			c.pages[j.file] = p
			continue
		}
		todo = append(todo, i)
	}
	c.rendered = len(todo)
	results := make([][]byte, len(r.jobs))
	errs := make([]error, len(r.jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(todo), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var b bytes.Buffer
				j := r.jobs[i]
				if err := r.tmpl.ExecuteTemplate(&b, j.name, j.data); err != nil {
					errs[i] = fmt.Errorf("%s: %w", j.file, err)
				}
				results[i] = b.Bytes()
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, i := range todo {
		if errs[i] != nil {
			c.pages = nil // a failed render leaves nothing half-known
			return errs[i]
		}
		j := r.jobs[i]
		r.out[j.file] = results[i]
		c.pages[j.file] = cachedPage{j.fingerprint, results[i]}
	}
	return nil
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
