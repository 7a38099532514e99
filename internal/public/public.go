// Package public is the public view of a journal: the only data the blog and
// the feeds ever receive. Its types have no field that could hold a contact,
// an event, a private post, a draft (unless the build asks for drafts) or a
// post's private annotations; journal.Build fills them in, applying the
// privacy rules of the spec once, in one place.
//
// The import graph shows the boundary: internal/blog and internal/feed
// import this package and never internal/journal or internal/content
// (see boundary_test.go).
package public

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	template "github.com/netjournal/netjournal/internal/gotemplate/html"
)

// Site is everything the public site shows.
type Site struct {
	Title       string
	Description string
	Author      Author
	BaseURL     string // absolute, ends in "/": https://example.com/blog/
	BasePath    string // path part of BaseURL, ends in "/": /blog/
	Language    string
	PageSize    int // posts per home page
	FeedLength  int // items per feed
	Updated     time.Time

	Posts []*Post // newest first
	Tags  []*Tag  // by name
	Pages []*Page // the standalone pages, by path

	// Menu is the header navigation, in order: the site's menu, or the
	// built-in items, with the pages that ask to be in it.
	Menu []MenuItem
}

// MenuItem is an item of the header navigation.
type MenuItem struct {
	Title string
	Path  string // a site path ("" for the home page, "about/"), or ""
	URL   string // an absolute URL, for an item that leaves the site
}

// Page is a published standalone page: content/pages/about.md at about/.
type Page struct {
	Path        string // site path: about/, talks/2026/
	Title       string
	Description string    // from front matter, else the summary its body makes (journal.bodySummary)
	Date        time.Time // zero when not given
	Updated     time.Time // zero when not given
	Draft       bool      // only with build --drafts
	HTML        template.HTML
	Words       int
	TOC         []Heading // its table of contents, when it has one

	Aliases []Alias
	Source  string
	Links   []Link
}

// Heading is an entry of a table of contents, with the headings under it.
type Heading struct {
	ID       string
	Text     string
	Children []Heading
}

// Author is the site's author.
type Author struct {
	Name  string
	Email string
}

// Post is a published post.
type Post struct {
	Slug    string
	Title   string
	Summary string // from front matter, else the summary its body makes (journal.bodySummary)
	Date    time.Time
	Updated time.Time // zero when never updated
	Tags    []string
	Link    string // the shared article's URL for a link post, else ""
	Draft   bool   // only with build --drafts
	Body    Body   // its HTML and table of contents
	Words   int

	// Backlinks are the other public posts that link here.
	Backlinks []*Post

	// Aliases are old paths of the post, each written as a page that
	// redirects here; FeedID, when set, is its feed items' id instead of
	// its address (kept from a blog's old address, say).
	Aliases []Alias
	FeedID  string

	// Source is the post's file (content/posts/x.md) and Links the site
	// paths its Markdown links to, and the ids of its own page (#why),
	// with their lines, for link checking.
	Source string
	Links  []Link
}

// Alias is an old path of a post, and the line of the post that gives it.
type Alias struct {
	Path string // relative to the site root: old/x/ or 2020/03/x.html
	Line int
}

// File is the site path of the page an alias is written to.
func (a Alias) File() string {
	if strings.HasSuffix(a.Path, ".html") || strings.HasSuffix(a.Path, ".htm") {
		return a.Path
	}
	return strings.TrimSuffix(a.Path, "/") + "/index.html"
}

// Problem is a problem of a post's that only the site's pages show (an
// alias on a page of the site's own), at a line of the post's file.
type Problem struct {
	Source string
	Line   int
	Msg    string
}

func (p *Problem) Error() string { return fmt.Sprintf("%s:%d: %s", p.Source, p.Line, p.Msg) }

// Link is a link written in a post body to a site path.
type Link struct {
	Dest string
	Line int
}

// Body is the HTML of a post's body and its table of contents, when it
// has one. A build that renders once makes them when a page or a feed
// asks, for that page, and lets them go with the page: every post's body
// held from the public view to the last page was a fifth of such a
// build's memory. The journal's public view makes it, with the public
// view's rules (what it returns is what the view would have held); its
// fields are unexported, so a page's data takes its HTML (Content) and
// cannot hold a Body itself: page keys refuse such data.
type Body struct {
	html  template.HTML
	toc   []Heading
	later func() (key string, make func() (template.HTML, []Heading))
}

// HTMLBody is a body whose HTML and table of contents are at hand.
func HTMLBody(html template.HTML, toc []Heading) Body { return Body{html: html, toc: toc} }

// LazyBody is a body made when it is asked for, again each time: later
// returns what makes it, and the key of what that is made from (as
// markdown.Later's), or "" if it has none. The same key must make the
// same body.
func LazyBody(later func() (key string, make func() (template.HTML, []Heading))) Body {
	return Body{later: later}
}

// HTML returns the body's HTML.
func (b Body) HTML() template.HTML {
	html, _ := b.Content()
	return html
}

// Content returns the body's HTML and table of contents.
func (b Body) Content() (template.HTML, []Heading) {
	if b.later != nil {
		_, make := b.later()
		return make()
	}
	return b.html, b.toc
}

// Later returns what makes the body's HTML and table of contents, and
// the key of what they are made from, for a page to make them only if it
// is made (page.Later). The key is "" for a body that has none: make it.
func (b Body) Later() (key string, make func() (template.HTML, []Heading)) {
	if b.later != nil {
		return b.later()
	}
	return "", func() (template.HTML, []Heading) { return b.html, b.toc }
}

// IsLink reports whether the post is a link post.
func (p *Post) IsLink() bool { return p.Link != "" }

// Path is the post's site path: posts/<slug>/.
func (p *Post) Path() string { return "posts/" + p.Slug + "/" }

// Tag is a tag with its public posts, newest first.
type Tag struct {
	Name  string
	Slug  string
	Posts []*Post
}

// Path is the tag's site path: tags/<slug>/.
func (t *Tag) Path() string { return "tags/" + t.Slug + "/" }

// LinkPosts returns the link posts, newest first.
func (s *Site) LinkPosts() []*Post {
	var out []*Post
	for _, p := range s.Posts {
		if p.IsLink() {
			out = append(out, p)
		}
	}
	return out
}

// URL returns the absolute URL of a site path.
func (s *Site) URL(path string) string { return s.BaseURL + trimSlash(path) }

// WebURL returns the absolute URL of a site path as a feed or a sitemap
// writes it: escaped, as RFC 3986 has it (/posts/日本語/ is
// /posts/%E6%97%A5%E6%9C%AC%E8%AA%9E/, as Hugo writes it there too); a
// page's links are escaped by its template.
func (s *Site) WebURL(path string) string {
	u := s.URL(path)
	parsed, err := url.Parse(u)
	if err != nil {
		return u
	}
	return parsed.String()
}

// Rel returns the root-relative URL of a site path, under BasePath.
func (s *Site) Rel(path string) string { return s.BasePath + trimSlash(path) }

func trimSlash(p string) string {
	for len(p) > 0 && p[0] == '/' {
		p = p[1:]
	}
	return p
}

// Problems are all the problems of a render, as one error.
type Problems []*Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}
