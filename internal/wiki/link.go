package wiki

import (
	"errors"
	"fmt"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/webaddress"
)

// body renders the Markdown body of n for the page p into html: wikilinks
// become links relative to p, and site paths (/posts/x/) point at the
// public blog. In a render that keeps nothing, the HTML is made only if
// the page is (page.Later), which body then returns.
func (r *renderer) body(n journal.Node, p *Page, html *template.HTML) []page.Later {
	doc, src := n.Doc(), n.Source()
	if r.edited != nil && n == r.edited {
		src = r.editedBody // Preview
	} else {
		r.reads.Add(p.Path, doc.Path)
	}
	if src.Blank() {
		return nil
	}
	md := r.j.Markdown()
	opts := markdown.Options{
		Resolve: r.resolver(p),
		Rewrite: r.rewrite,
		// The resolver depends on the page only through its depth, and
		// rewrite on the base URL: a body renders once for them.
		Key:   fmt.Sprintf("wiki %d %s", strings.Count(p.Path, "/"), r.j.Config.AbsURL("/")),
		Parts: markdown.PartHTML, // a page shows the HTML alone
	}
	if post, ok := n.(*journal.Post); ok {
		// A post's links relative to its page (pic.png beside it, ../x/)
		// lead where they lead on the blog, at posts/<slug>/ under the
		// base path: from the wiki's page they led nowhere. (One that
		// climbs out of the base path leads to the host's root there.)
		// A post the blog does not publish (a draft, a private one) has
		// its files (static/posts/<slug>/) here, beside its page
		// (Options.PostFiles), not there.
		cfg := r.j.Config
		base := cfg.BasePath()
		at := base + "posts/" + post.Slug() + "/"
		origin, plain := strings.CutSuffix(cfg.BaseURL, base)
		unpublished := !post.Published(r.j.Opts)
		opts.Rewrite = func(d string) string {
			switch {
			case !markdown.Rewritable(d):
				return d // a URL, a fragment: Rewrite is not given these
			case strings.HasPrefix(d, "/"):
				return r.rewrite(d)
			case webaddress.Schemeless(d):
				return d // c9.io: broken on both sites, and said so as written
			}
			p := markdown.ResolveRelative(at, d)
			if rest, own := strings.CutPrefix(p, at); own && unpublished && rest != "" && rest[0] != '?' && rest[0] != '#' {
				return post.Slug() + "/" + rest // from its page, posts/<slug>.html
			}
			if !strings.HasPrefix(p, base) && plain {
				return origin + p
			}
			return cfg.AbsURL(p)
		}
		opts.Key += fmt.Sprintf(" %s %t", at, unpublished)
		opts.RawRelative = true // <img src="pic.png" width="300"> too
	}
	if !r.cache.pages.Once {
		res := md.Render(src, opts)
		r.report(doc, res.Errors)
		*html = template.HTML(res.HTML)
		return nil
	}
	later := md.Later(src, opts)
	r.report(doc, later.Errors)
	// The search index is the body's last audience: its entry made now,
	// the body's prepared form goes with the page, not when every page is
	// made.
	// (An entry that fails is made again for the index, which fails.)
	if r.cache.pages.Disk != nil {
		r.keepLater(n)
	} else if e, err := r.entry(n); err == nil {
		r.keep(n, e)
	}
	md.Forget(src)
	fill := func() {
		res := later.Make()
		// Its problems were reported with later's, but for a body that
		// could not be read back (markdown.ErrGone).
		var lost []markdown.LineError
		for _, e := range res.Errors {
			if errors.Is(e.Err, markdown.ErrGone) {
				lost = append(lost, e)
			}
		}
		r.report(doc, lost)
		*html = template.HTML(res.HTML)
		md.Forget(src)
	}
	if later.Key == "" {
		// Made already, its problems all in later's.
		*html = template.HTML(later.Make().HTML)
		return nil
	}
	return []page.Later{{Key: later.Key, Fill: fill}}
}

// report adds the problems of the body of doc.
func (r *renderer) report(doc *content.Doc, errs []markdown.LineError) {
	if len(errs) == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range errs {
		r.errs.Add(doc.BodyPos(e.Line), "%v", e.Err)
	}
}

// deferred is the page data d, with what later makes of it.
func deferred(d any, later []page.Later) any {
	if later == nil {
		return d
	}
	return page.Deferred{Data: d, Later: later}
}

// resolver renders wikilinks for the page p: a resolved link goes to its
// target's page, named by the target's title unless the link has a label;
// a link that matches nothing becomes a span of class "unresolved".
func (r *renderer) resolver(p *Page) markdown.Resolver {
	return func(l markdown.Wikilink) (markdown.Resolution, error) {
		frag := ""
		if l.Fragment != "" {
			frag = "#" + markdown.HeadingID(l.Fragment)
		}
		if l.Target == "" {
			rs := markdown.Resolution{Dest: frag, Class: "wikilink"}
			if !l.Labeled {
				rs.Text = l.Fragment
			}
			return rs, nil
		}
		// Made of the name's target alone (frameAsIn), and the name kept
		// for the next render to compare.
		r.record(l.Target)
		t := r.target(l.Target)
		if t.missing != nil {
			title := fmt.Sprintf("Unresolved link: nothing is called %q", l.Target)
			if h := t.missing.Hint(); h != "" {
				title += fmt.Sprintf(" (did you mean %q?)", h)
			}
			return markdown.Resolution{Class: "unresolved", Title: title}, nil
		}
		if t.err != nil {
			return markdown.Resolution{}, t.err
		}
		rs := markdown.Resolution{
			Dest:  p.URL(t.ref.Path) + frag,
			Class: "wikilink wikilink-" + t.ref.Kind,
			Title: t.ref.Label + ": " + t.ref.Title,
		}
		if !l.Labeled {
			rs.Text = t.ref.Title
			if l.Fragment != "" {
				rs.Text += " › " + l.Fragment
			}
		}
		return rs, nil
	}
}

// rewrite sends Markdown links to site paths (/posts/x/) to the public blog;
// other destinations stay as written.
func (r *renderer) rewrite(dest string) string {
	if markdown.RootPath(dest) {
		return r.j.Config.AbsURL(dest)
	}
	return dest
}

// kindLabel names what a node is, for people.
func kindLabel(n journal.Node) string {
	switch n.NodeKind() {
	case journal.KindContact:
		return "Contact"
	case journal.KindEvent:
		return "Event"
	}
	return "Post"
}
