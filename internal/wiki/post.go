package wiki

import (
	"html/template"

	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/par"
)

// PostsIndex is the data of posts/index.html and drafts.html.
type PostsIndex struct {
	*Page
	Posts  []*journal.Post // newest first
	Counts map[string]int  // by status: published, draft, private, scheduled
}

// PostPage is the data of posts/<slug>.html.
type PostPage struct {
	*Page
	P    *journal.Post
	Body template.HTML
}

func (r *renderer) posts() {
	if !r.reuse("posts/index.html", "posts.html\x00"+r.postRows(r.j.Posts)) {
		idx := &PostsIndex{
			Page:   r.page("posts/index.html", "Posts", "posts"),
			Posts:  r.j.Posts,
			Counts: map[string]int{},
		}
		for _, p := range r.j.Posts {
			idx.Counts[p.Status(r.j.Opts)]++
		}
		r.write("posts.html", idx.Page, idx)
	}

	par.Each(len(r.j.Posts), func(i int) {
		post := r.j.Posts[i]
		if r.reuse(pathOf(post), "post.html\x00"+r.version(post, 1)) {
			return
		}
		p := r.page(pathOf(post), post.Title(), "posts")
		r.write("post.html", p, &PostPage{Page: p, P: post, Body: r.body(post, p)})
	})
}

func (r *renderer) drafts() {
	drafts := r.j.Drafts()
	if r.reuse("drafts.html", "drafts.html\x00"+r.postRows(drafts)) {
		return
	}
	idx := &PostsIndex{
		Page:  r.page("drafts.html", "Drafts", "drafts"),
		Posts: drafts,
	}
	r.write("drafts.html", idx.Page, idx)
}
