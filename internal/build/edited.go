package build

import (
	"slices"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
)

// bodiesEdited returns the paths of the contacts, events and posts of
// site whose bodies alone changed since the last render (nil if it did
// not succeed), when nothing else that the journal is built from did
// (wiki.Options.Edited); nil when anything else may have.
//
// The journal is built from the configuration (read from the same bytes,
// with the same Origin), the day and the options, each document's front
// matter, and of each body only what markdown.Facts says of it (journal.bodies: its wikilinks, with the
// words around them, what sanitizing removed, and whether it holds a
// control character, whose lines a body with one is read for). A
// document loaded again has the front matter it had when the bytes
// before its body (content.Doc.Head) are the same; one not loaded again
// is the very document it was (content.Cache shares it).
func bodiesEdited(last *lastRender, site *content.Site, opts Options, md *markdown.Renderer) map[string]bool {
	if last == nil || last.site == nil || !sameSettings(opts, last.opts) ||
		site.ConfigSum != last.site.ConfigSum {
		return nil
	}
	prev := last.site
	edited := map[string]bool{}
	same := func(was, is *content.Doc) bool {
		if was == is {
			return true
		}
		if was.Path != is.Path || was.Head != is.Head || was.BodyLine != is.BodyLine {
			return false
		}
		before, after := md.Facts(markdown.Text(was.Body)), md.Facts(markdown.Text(is.Body))
		if before.Control || after.Control || !slices.Equal(before.Wikilinks, after.Wikilinks) ||
			!slices.EqualFunc(before.Removed, after.Removed, func(x, y markdown.LineError) bool {
				return x.Line == y.Line && x.Err.Error() == y.Err.Error()
			}) {
			return false
		}
		edited[is.Path] = true
		return true
	}
	if !sameDocs(prev.Contacts, site.Contacts, func(c *content.Contact) *content.Doc { return &c.Doc }, same) ||
		!sameDocs(prev.Events, site.Events, func(e *content.Event) *content.Doc { return &e.Doc }, same) ||
		!sameDocs(prev.Posts, site.Posts, func(p *content.Post) *content.Doc { return &p.Doc }, same) ||
		// A standalone page is the blog's alone; one edited is not a
		// body of the journal's documents.
		!slices.Equal(prev.Pages, site.Pages) {
		return nil
	}
	return edited
}

// sameDocs reports whether the documents was and is are the same, in the
// same order, each by same.
func sameDocs[D any](was, is []*D, doc func(*D) *content.Doc, same func(was, is *content.Doc) bool) bool {
	if len(was) != len(is) {
		return false
	}
	for i := range is {
		if !same(doc(was[i]), doc(is[i])) {
			return false
		}
	}
	return true
}

// sameSettings reports whether a build with opts makes the journal and
// pages that one with last did of the same files: the same options, and
// the same day (what the journal reads of the time, journal.Build).
func sameSettings(opts, last Options) bool {
	return opts.Drafts == last.Drafts && opts.Future == last.Future && opts.Origin == last.Origin &&
		content.Day(opts.Now).Equal(content.Day(last.Now))
}
