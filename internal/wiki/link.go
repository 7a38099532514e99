package wiki

import (
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
)

// body renders the Markdown body of n for the page p: wikilinks become links
// relative to p, and site paths (/posts/x/) point at the public blog.
func (r *renderer) body(n journal.Node, p *Page) template.HTML {
	doc, src := n.Doc(), n.Source()
	if r.edited != nil && n == r.edited {
		src = r.editedBody // Preview
	}
	if src.Blank() {
		return ""
	}
	res := r.j.Markdown().Render(src, markdown.Options{
		Resolve: r.resolver(p),
		Rewrite: r.rewrite,
		// The resolver depends on the page only through its depth, and
		// rewrite on the base URL: a body renders once for them.
		Key:   fmt.Sprintf("wiki %d %s", strings.Count(p.Path, "/"), r.j.Config.AbsURL("/")),
		Parts: markdown.PartHTML, // a page shows the HTML alone
	})
	r.mu.Lock()
	for _, e := range res.Errors {
		r.errs.Add(doc.BodyPos(e.Line), "%v", e.Err)
	}
	r.mu.Unlock()
	if r.cache.pages.Once {
		// The search index is the body's last audience: its entry made
		// now, the body's prepared form goes with the page, not when
		// every page is made.
		if e, err := r.entry(n); err == nil {
			r.keep(n, e)
		}
		r.j.Markdown().Forget(src)
	}
	return template.HTML(res.HTML)
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
		n, err := r.j.Resolve(l.Target)
		if err != nil {
			var missing *journal.NotFoundError
			if errors.As(err, &missing) {
				title := fmt.Sprintf("Unresolved link: nothing is called %q", l.Target)
				if h := missing.Hint(); h != "" {
					title += fmt.Sprintf(" (did you mean %q?)", h)
				}
				return markdown.Resolution{Class: "unresolved", Title: title}, nil
			}
			return markdown.Resolution{}, err
		}
		rs := markdown.Resolution{
			Dest:  p.URL(escape(PagePath(n))) + frag,
			Class: "wikilink wikilink-" + n.NodeKind().String(),
			Title: kindLabel(n) + ": " + n.Title(),
		}
		if !l.Labeled {
			rs.Text = n.Title()
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
	if strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") {
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
