package wiki

import (
	"errors"
	"maps"

	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/par"
)

// Whether the pages and search entries of the posts are the last render's,
// told without making their data: a save of a contact or an event (the
// journal's daily saves) made the data of every post's page again, at
// 10,000 posts most of the rebuild, to find it the same.
//
// A post's page is made from the page's frame (Page: the site's title and
// language, the day, the counts beside the navigation), the options of the
// build, the configuration, the post itself, the nodeRef of each document
// it refers to (the people it went to, what passed it on, what links to
// it), the paths of the tags, and, for each wikilink of its body, what the
// target shows (target); its search entry from the post and the targets of
// its body. A render whose every one of these is the last one's has the
// same pages and entries of posts.

// An event's page is made the same way, from the frame, the event itself
// (its follow-ups, favours and shares), the nodeRefs of the documents it
// refers to and what the names its body links to show: kept on its own
// when the event is the same.

// frameAsIn reports whether what the pages of r's posts and events are
// made of but the documents themselves is that of last, the last
// render's renderer (which succeeded), whose theme had fingerprint: the
// frame, the options and configuration, the photos, the tags' paths, the
// nodeRef of every document both have, and what every name the last
// render's bodies linked to shows. A document only one has is referred
// to by no post or event both have (those refer to documents by path).
func (r *renderer) frameAsIn(last *renderer, fingerprint string) bool {
	if last == nil || r.cache.pages.Once || r.bodiesEdited != nil || last.namedPart || last.fingerprint != fingerprint {
		return false
	}
	j, was := r.j, last.j
	if !j.Today.Equal(was.Today) || j.Opts.Drafts != was.Opts.Drafts || j.Opts.Future != was.Opts.Future ||
		r.nav != last.nav || !maps.Equal(r.photos, last.photos) ||
		!maps.Equal(r.v.tagPaths, last.v.tagPaths) || !journal.Same(j.Config, was.Config) {
		return false
	}
	// Each looked up in both renders, on every core. A document is
	// mostly where it was in the journal's lists, of the same file:
	// compared there first, without looking it up by its path. A name
	// names documents at the same paths in both, or the same nothing:
	// their nodeRefs are compared with every document's.
	nodes, names := r.v.nodes, last.named.List()
	kinds := [...]int{len(j.Contacts), len(j.Events), len(j.Posts)}
	wasKinds := [...]int{len(was.Contacts), len(was.Events), len(was.Posts)}
	return par.All(len(nodes)+len(names), func(i int) bool {
		if i < len(nodes) {
			n, ref := nodes[i], r.v.ordered[i]
			if k := sameKindAt(i, kinds, wasKinds); k >= 0 && k < len(last.v.nodes) {
				if old := last.v.nodes[k]; old.Doc().Path == n.Doc().Path {
					return last.v.ordered[k] == ref
				}
			}
			old := was.NodeAt(n.Doc().Path)
			return old == nil || last.v.refs[old] == ref
		}
		return r.sameTarget(last, names[i-len(nodes)])
	})
}

// sameKindAt returns where the i-th document of a journal whose lists of
// contacts, events and posts are as long as kinds would be in another's,
// whose lists are as long as was, at the same place in the list of its
// kind: -1 when that list is shorter.
func sameKindAt(i int, kinds, was [3]int) int {
	at := 0
	for k := range kinds {
		if i < kinds[k] {
			if i >= was[k] {
				return -1
			}
			return at + i
		}
		i -= kinds[k]
		at += was[k]
	}
	return -1
}

// sameTarget reports whether a wikilink to name shows in r what it did
// in last, whose nodeRefs frameAsIn compares with r's: a name that names
// the documents at one path in both, or names nothing with the same
// hint, or several in the same words.
func (r *renderer) sameTarget(last *renderer, name string) bool {
	n, err := r.j.Resolve(name)
	o, oerr := last.j.Resolve(name)
	if err != nil || oerr != nil {
		return r.target(name).same(last.target(name))
	}
	return n.NodeKind() == o.NodeKind() && n.Doc().Path == o.Doc().Path
}

// eventAsIn reports whether e is the event of its path in was, the last
// render's journal, field for field (journal.Same).
func eventAsIn(e *journal.Event, was *journal.Journal) bool {
	old, ok := was.NodeAt(e.Path).(*journal.Event)
	return ok && journal.Same(*e, *old)
}

// target is what a wikilink to a name shows of the document it names
// (resolver, plainOptions): its nodeRef, or that it names nothing or
// several. The links of two renders to a name with the same target are
// made alike.
type target struct {
	ref nodeRef
	// missing is the error of a name that names nothing, whose hint
	// (the closest name) the link's title shows; err that of one that
	// names several.
	missing *journal.NotFoundError
	err     error
}

func (r *renderer) target(name string) target {
	n, err := r.j.Resolve(name)
	if err != nil {
		var missing *journal.NotFoundError
		if errors.As(err, &missing) {
			return target{missing: missing}
		}
		return target{err: err}
	}
	return target{ref: r.v.ref(n)}
}

func (t target) same(u target) bool {
	switch {
	case t.missing != nil || u.missing != nil:
		return t.missing != nil && u.missing != nil && t.missing.Hint() == u.missing.Hint()
	case t.err != nil || u.err != nil:
		return t.err != nil && u.err != nil && t.err.Error() == u.err.Error()
	}
	return t.ref == u.ref
}

// record keeps name, which a wikilink of a body names, for the next
// render of the cache, which compares what it names then (frameAsIn):
// not in a render that no other follows (Once).
func (r *renderer) record(name string) {
	if r.named != nil && !r.cache.pages.Once {
		r.named.Add(name)
	}
}
