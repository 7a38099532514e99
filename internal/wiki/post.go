package wiki

import (
	"time"

	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/journal"
)

// PostsIndex is the data of posts/index.html and drafts.html.
type PostsIndex struct {
	*Page
	Posts  []PostRow      // newest first
	Counts map[string]int // by status: published, draft, private, scheduled
}

// PostPage is the data of posts/<slug>.html.
type PostPage struct {
	*Page
	P    Post
	Body template.HTML
}

// Post is everything a post's wiki page shows of it.
type Post struct {
	// A PostRow's fields, but SharedWith: the people, not their number.
	Title  string
	Path   string
	Date   time.Time
	IsLink bool
	Link   string
	Tags   []TagRef
	Status Badge

	Draft      bool
	Updated    time.Time // its day; zero when never updated
	StatusText string    // published, draft, scheduled or private
	BlogURL    string    // its address on the blog, when published
	Summary    string
	SharedWith []ContactRef
	Source     string // the post's file
	Shares     []ShareRow
	Backlinks  []BacklinkRow
}

// WikiPath is the post's page.
func (p Post) WikiPath() string { return p.Path }

func (r *renderer) posts() {
	// A list of every post is made when its page is: held from the first
	// page's data to the last page, a site's lists were a tenth of the
	// memory of a build that renders once.
	r.laterKept("posts.html", "posts/index.html", func() any {
		idx := &PostsIndex{
			Page:   r.page("posts/index.html", "Posts", "posts"),
			Posts:  r.v.postRows(r.j.Posts),
			Counts: map[string]int{},
		}
		for _, p := range r.j.Posts {
			idx.Counts[p.Status(r.j.Opts)]++
		}
		return idx
	})

	for _, post := range r.j.Posts {
		r.laterKept("post.html", PagePath(post), func() any {
			p := r.page(PagePath(post), post.Title(), "posts")
			d := &PostPage{Page: p, P: r.post(post)}
			return deferred(d, r.body(post, p, &d.Body))
		})
	}
}

// post is what a post's wiki page shows of p.
func (r *renderer) post(p *journal.Post) Post {
	v := r.v
	row := v.postRow(p)
	out := Post{
		Title: row.Title, Path: row.Path, Date: row.Date, IsLink: row.IsLink, Link: row.Link,
		Tags: row.Tags, Status: row.Status,
		Draft:      p.Draft,
		StatusText: p.Status(r.j.Opts),
		Summary:    p.Summary,
		SharedWith: v.people(p.SharedWith),
		Source:     p.Path,
		Shares:     v.shares(p.Shares),
		Backlinks:  v.backlinks(p.Backlinks),
	}
	if p.Updated.IsSet() {
		out.Updated = p.Updated.Day()
	}
	if p.Published(r.j.Opts) {
		out.BlogURL = r.j.Config.AbsURL("posts/" + p.Slug() + "/")
	}
	return out
}

func (r *renderer) drafts() {
	r.laterKept("drafts.html", "drafts.html", func() any {
		return &PostsIndex{
			Page:  r.page("drafts.html", "Drafts", "drafts"),
			Posts: r.v.postRows(r.j.Drafts()),
		}
	})
}
