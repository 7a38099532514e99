package journal

import (
	"fmt"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/public"
)

// EditBodies makes j the journal that Build makes of site with opts, and
// pub (j's public view, or nil) the view that Public then makes, when
// the documents at the paths in edited are the only ones of site that j
// was not built from, and their bodies alone changed: the same front
// matter, and what markdown.Facts says of each body the same, neither
// holding a control character; site's configuration read from the same
// bytes, and opts the same but for the time of the same day. (The
// builder checks it: build.bodiesEdited.) A body gives the journal
// nothing but its facts (bodies), so each of these nodes takes its new
// document and body and nothing else changes; a published post's public
// view is made again, in place, keeping its backlinks, which come from
// other posts. It returns the problems Public finds in the new bodies.
//
// j and pub change in place: whoever holds them sees the edit.
func (j *Journal) EditBodies(site *content.Site, opts Options, edited map[string]bool, pub *public.Site) error {
	nodes := make(map[string]Node, len(edited))
	for path := range edited {
		if n := j.NodeAt(path); n != nil {
			nodes[path] = n
		}
	}
	found := 0
	for _, c := range site.Contacts {
		if n, ok := nodes[c.Path].(*Contact); ok {
			n.Contact, n.source = c, markdown.Text(c.Body)
			found++
		}
	}
	for _, e := range site.Events {
		if n, ok := nodes[e.Path].(*Event); ok {
			n.Event, n.source = e, markdown.Text(e.Body)
			found++
		}
	}
	for _, p := range site.Posts {
		if n, ok := nodes[p.Path].(*Post); ok {
			n.Post, n.source = p, markdown.Text(p.Body)
			n.webNames = j.md.Facts(n.source).WebNames
			found++
		}
	}
	if found != len(edited) {
		return fmt.Errorf("%d of the %d documents edited are not in the journal", len(edited)-found, len(edited))
	}
	j.Config, j.Now, j.Opts = site.Config, opts.Now, opts
	if pub == nil {
		return nil
	}
	var errs content.ErrorList
	postOpts, first, lazy := j.postOptions()
	for _, old := range pub.Posts {
		if p, ok := nodes[old.Source].(*Post); ok {
			pp := j.publicPost(p, j.md.Render(p.Source(), first), postOpts, lazy, &errs)
			pp.Backlinks = old.Backlinks
			*old = *pp
		}
	}
	// As Public refuses it: a link an edit added to a private address.
	j.linksToPrivate(pub, &errs)
	return errs.Err()
}
