package build

import (
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/digest"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/public"
	"github.com/netjournal/netjournal/internal/wiki"
)

// lastRender is what Preview makes pages again from: the last render in
// memory that succeeded, its journal and public view, and its options.
type lastRender struct {
	site    *content.Site // what it was built from (bodiesEdited)
	journal *journal.Journal
	public  *public.Site
	opts    Options
}

// A Previewed page was shown before a rebuild (Builder.Preview).
type Previewed struct {
	Site string // "public" or "private"
	File string
	Data []byte
}

// Preview shows, through opts.Early, the pages of a document whose body
// alone changed since the last render (journal.BodyEdit), among those
// opts.First names (open in a browser): its page in the wiki and, for a
// published post, in the blog. Each is the page the rebuild will make,
// made from the last render's site with the new body in its place
// (journal.PreviewPost, blog.Cache.Preview, wiki.Cache.Preview) before
// the rebuild has loaded the site or built the journal. paths are the
// site files changed since (slash paths from the site root): one
// document's, or nothing is shown. It returns the pages it showed; the
// rebuild's are the same, which NETJOURNAL_VERIFY checks.
//
// A front matter edited, a wikilink to an ambiguous name, a problem in
// the body, another day or other options: the rebuild alone shows those.
func (b *Builder) Preview(opts Options, paths []string) []Previewed {
	b.Wait()
	last := b.last
	if last == nil || opts.Early == nil || opts.First == nil || len(paths) != 1 ||
		opts.Strict || last.opts.Strict || !sameSettings(opts, last.opts) {
		return nil
	}
	j := last.journal
	n := nodeAt(j, paths[0])
	if n == nil {
		return b.previewPage(opts, paths[0])
	}
	if sharesFile(j, n.Doc().Hash) {
		return nil
	}
	var old *public.Post
	if last.public != nil {
		for _, p := range last.public.Posts {
			if p.Source == paths[0] {
				old = p
				break
			}
		}
	}
	blogFile := ""
	if old != nil && opts.First("public", old.Path()+"index.html") {
		blogFile = old.Path() + "index.html"
	}
	wikiFile := wiki.PagePath(n)
	if blogFile == "" && !opts.First("private", wikiFile) {
		return nil // open nowhere
	}
	doc, err := content.ReadDoc(b.fsys, paths[0])
	if err != nil {
		return nil
	}
	body, ok := j.BodyEdit(n, doc)
	if !ok {
		return nil
	}
	var shown []Previewed
	if old != nil {
		// A published post: a body the public view has a problem with
		// fails the rebuild, whichever of its pages is open.
		edited, ok := j.PreviewPost(old, n.(*journal.Post), body)
		if !ok {
			return nil
		}
		if blogFile != "" {
			if file, data, ok, err := b.blog.Preview(old, edited); err == nil && ok {
				shown = append(shown, Previewed{"public", file, data})
			}
		}
	}
	if opts.First("private", wikiFile) {
		if file, data, ok, err := b.wiki.Preview(n, body); err == nil && ok {
			shown = append(shown, Previewed{"private", file, data})
		}
	}
	for _, p := range shown {
		opts.Early(p.Site, p.File, j.Config.BasePath(), p.Data)
	}
	return shown
}

// previewPage is Preview for a standalone page (content/pages), shown on
// the blog when it is open there.
func (b *Builder) previewPage(opts Options, path string) []Previewed {
	last := b.last
	if last.public == nil {
		return nil
	}
	var page *content.Page
	for _, p := range last.journal.Pages {
		if p.Path == path {
			page = p
			break
		}
	}
	var old *public.Page
	for _, p := range last.public.Pages {
		if p.Source == path {
			old = p
			break
		}
	}
	if page == nil || old == nil || !opts.First("public", old.Path+"index.html") || sharesFile(last.journal, page.Hash) {
		return nil
	}
	doc, err := content.ReadDoc(b.fsys, path)
	if err != nil {
		return nil
	}
	edited, ok := last.journal.PreviewPage(page, doc)
	if !ok {
		return nil
	}
	file, data, ok, err := b.blog.PreviewPage(edited)
	if err != nil || !ok {
		return nil
	}
	opts.Early("public", file, last.journal.Config.BasePath(), data)
	return []Previewed{{"public", file, data}}
}

// nodeAt is the document of j at path, nil if none.
func nodeAt(j *journal.Journal, path string) journal.Node {
	for n := range j.Nodes() {
		if n.Doc().Path == path {
			return n
		}
	}
	return nil
}

// sharesFile reports whether another document or page of j was read from
// the bytes hash names, as one of them was: a symbolic link to the other's
// file. Their bodies are one, so an edit of it is an edit of both: a link
// it makes to one is a backlink from the other, on the very page being
// previewed, and a page's rules for its body are stricter than a
// document's.
func sharesFile(j *journal.Journal, hash digest.Sum) bool {
	n := 0
	for d := range j.Nodes() {
		if d.Doc().Hash == hash {
			n++
		}
	}
	for _, p := range j.Pages {
		if p.Hash == hash {
			n++
		}
	}
	return n > 1
}
