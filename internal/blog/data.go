package blog

import (
	"time"

	template "github.com/netjournal/netjournal/internal/gotemplate/html"
)

// The page data of the blog's templates. Each template receives one of
// the *Page types below, computed in Go from the public view: plain
// values, no pointer into the site, so that a page is a function of its
// data and its template alone and is cached on exactly those (package
// page). docs/themes.md documents them for theme authors.

// Site is what every page shows of the site.
type Site struct {
	Title       string
	Description string
	Author      Author
	BaseURL     string // absolute, ends in "/": https://example.com/blog/
	BasePath    string // its path, ends in "/": /blog/
	Language    string
	HasShared   bool // some post is a link post: the shared articles page has something
}

// Author is the site's author.
type Author struct {
	Name  string
	Email string
}

// Page is what every template receives, embedded in its page's data.
type Page struct {
	Site        Site
	Path        string // site path: "" for the home page, "posts/x/", "404.html"
	Title       string // the page's own title; "" on the first home page
	Description string
	Section     string     // the page's part of the site: home, archive, shared, tags, or ""
	Menu        []MenuItem // the header navigation, in order
	Post        *Post      // on a post's page: for og:type article and its dates
	Feeds       []FeedLink // <link rel="alternate"> in the head
	SiteFeeds   []FeedLink // the feeds of every post, in the footer
	NotFound    bool       // the 404 page: served at any path, not canonical, not indexed
}

// MenuItem is an item of the header navigation: the site's menu from
// netjournal.yaml, or Home, Archive, Shared (while there are link posts)
// and Tags, with the pages whose front matter has menu.
type MenuItem struct {
	Title   string
	Path    string // a site path, for an item of the site: "" for the home page
	URL     string // an absolute URL, for an item that leaves the site; else ""
	Current bool   // this page is the item's, or in its part of the site
}

// Heading is an entry of a table of contents: a heading's id and text,
// with the headings under it.
type Heading struct {
	ID       string
	Text     string
	Children []Heading
}

// FeedLink is one feed of a channel.
type FeedLink struct {
	Title string // the feed's own title
	Label string // the format: RSS, Atom, JSON Feed
	Type  string
	Path  string
}

// Entry is a post as lists and links show it.
type Entry struct {
	Path       string // site path: posts/<slug>/
	Slug       string
	Title      string
	Summary    string
	Date       time.Time
	Updated    time.Time // zero when never updated
	WasUpdated bool      // updated on a later day than published
	Tags       []TagRef
	Link       string // the shared article's URL for a link post, else ""
	IsLink     bool
	Draft      bool // only with build --drafts
	Words      int
}

// TagRef is a tag as a post lists it.
type TagRef struct {
	Name string
	Path string // tags/<slug>/
}

// Post is the post of a post's page: an Entry's fields, as its own (a
// field read through an embedded struct costs a template a search on
// every read), and its body.
type Post struct {
	Path       string // site path: posts/<slug>/
	Slug       string
	Title      string
	Summary    string
	Date       time.Time
	Updated    time.Time // zero when never updated
	WasUpdated bool      // updated on a later day than published
	Tags       []TagRef
	Link       string // the shared article's URL for a link post, else ""
	IsLink     bool
	Draft      bool // only with build --drafts
	Words      int

	HTML      template.HTML
	TOC       []Heading // its table of contents: toc: true, or toc_min_words
	Backlinks []Entry   // the other public posts that link here, newest first
}

// PageRef is a link to another page of a list.
type PageRef struct {
	Path   string
	Number int
}

// HomePage is the data of index.html: the home page and its older pages.
type HomePage struct {
	Page
	Posts  []Entry
	Number int // this page's number, from 1
	Count  int // the number of pages
	Newer  *PageRef
	Older  *PageRef
}

// PostPage is the data of post.html.
type PostPage struct {
	Page
	Older *Entry
	Newer *Entry
}

// TagCount is a tag in the list of tags.
type TagCount struct {
	Name  string
	Path  string
	Slug  string
	Count int // its posts
}

// TagsPage is the data of tags.html.
type TagsPage struct {
	Page
	Tags []TagCount
}

// Tag is a tag with its posts, newest first, and its own feeds.
type Tag struct {
	Name  string
	Path  string
	Slug  string
	Posts []Entry
	Feeds []FeedLink
}

// TagPage is the data of tag.html.
type TagPage struct {
	Page
	Tag Tag
}

// Year is one year's posts in the archive, newest first.
type Year struct {
	Year  int
	Posts []Entry
}

// ArchivePage is the data of archive.html.
type ArchivePage struct {
	Page
	Years []Year
	Count int // all posts
}

// SharedPost is a link post on the shared articles page, with its
// commentary (its ids prefixed by its slug, as several share the page).
type SharedPost struct {
	Entry
	HTML template.HTML
}

// post is the Post of e, without its body.
func (e Entry) post() Post {
	return Post{Path: e.Path, Slug: e.Slug, Title: e.Title, Summary: e.Summary, Date: e.Date, Updated: e.Updated,
		WasUpdated: e.WasUpdated, Tags: e.Tags, Link: e.Link, IsLink: e.IsLink, Draft: e.Draft, Words: e.Words}
}

// SharedPage is the data of shared.html.
type SharedPage struct {
	Page
	Posts       []SharedPost
	SharedFeeds []FeedLink
}

// StandalonePage is the data of page.html: a page of content/pages, such
// as about/.
type StandalonePage struct {
	Page
	HTML       template.HTML
	TOC        []Heading // its table of contents: toc: true, or toc_min_words
	Date       time.Time // zero when not given
	Updated    time.Time // zero when not given
	WasUpdated bool      // updated on a later day than written
	Draft      bool      // only with build --drafts
	Words      int
}

// NotFoundPage is the data of 404.html.
type NotFoundPage struct {
	Page
	Recent []Entry
}
