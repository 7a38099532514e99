package build

import (
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/public"
)

// lastRender is what Preview makes a page again from: the last render in
// memory that succeeded, its journal and public view, and its options.
type lastRender struct {
	journal *journal.Journal
	public  *public.Site
	opts    Options
}

// Preview shows, through opts.Early, the blog page of a post whose body
// alone changed since the last render, when that page is one opts.First
// names (open in a browser): the page the rebuild will make, made from
// the last render's site with the new body in its place
// (journal.PreviewPost, blog.Cache.Preview), before the rebuild has
// loaded the site or built the journal. paths are the site files changed
// since (slash paths from the site root): one post's, or nothing is
// shown. It returns the page's file and bytes when it showed one; the
// rebuild's page is the same, which NETJOURNAL_VERIFY checks.
//
// A front matter edited, a wikilink added or retargeted, a problem in
// the body, another day or other options: the rebuild alone shows those.
func (b *Builder) Preview(opts Options, paths []string) (file string, data []byte, ok bool) {
	last := b.last
	if last == nil || last.public == nil || opts.Early == nil || opts.First == nil || len(paths) != 1 ||
		opts.Strict || last.opts.Strict || opts.Drafts != last.opts.Drafts || opts.Future != last.opts.Future ||
		opts.Origin != last.opts.Origin || !content.Day(opts.Now).Equal(content.Day(last.opts.Now)) {
		return "", nil, false
	}
	var post *journal.Post
	for _, p := range last.journal.Posts {
		if p.Path == paths[0] {
			post = p
			break
		}
	}
	var old *public.Post
	for _, p := range last.public.Posts {
		if p.Source == paths[0] {
			old = p
			break
		}
	}
	if post == nil || old == nil || !opts.First("public", old.Path()+"index.html") {
		return "", nil, false
	}
	doc, err := content.ReadDoc(b.fsys, paths[0])
	if err != nil {
		return "", nil, false
	}
	edited, ok := last.journal.PreviewPost(old, post, doc)
	if !ok {
		return "", nil, false
	}
	file, data, ok, err = b.blog.Preview(old, edited)
	if err != nil || !ok {
		return "", nil, false
	}
	opts.Early("public", file, last.journal.Config.BasePath(), data)
	return file, data, true
}
