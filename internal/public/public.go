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
	"html/template"
	"time"
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
	Summary string // from front matter, else the first paragraph as text
	Date    time.Time
	Updated time.Time // zero when never updated
	Tags    []string
	Link    string // the shared article's URL for a link post, else ""
	Draft   bool   // only with build --drafts
	HTML    template.HTML
	HTMLSum string // a hash of HTML, when known, so caches need not hash it again
	Words   int

	// Backlinks are the other public posts that link here.
	Backlinks []*Post

	// Source is the post's file (content/posts/x.md) and Links the site
	// paths its Markdown links to, with their lines, for link checking.
	Source string
	Links  []Link
}

// Link is a link written in a post body to a site path.
type Link struct {
	Dest string
	Line int
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

// Rel returns the root-relative URL of a site path, under BasePath.
func (s *Site) Rel(path string) string { return s.BasePath + trimSlash(path) }

func trimSlash(p string) string {
	for len(p) > 0 && p[0] == '/' {
		p = p[1:]
	}
	return p
}
