package journal

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

// Version identifies everything a page about n can show: the file bytes of
// n and of every document within hops links of it — the people and events
// it involves, what links to it and what it links to — which documents
// those are, and the journal's clock, settings and options. While the
// version stays the same, so does the page (under the same templates).
func (j *Journal) Version(n Node, hops int) string {
	seen := map[Node]bool{n: true}
	frontier := []Node{n}
	for range hops {
		var next []Node
		for _, m := range frontier {
			for _, o := range j.neighbours(m) {
				if o != nil && !seen[o] {
					seen[o] = true
					next = append(next, o)
				}
			}
		}
		frontier = next
	}
	docs := make([]*content.Doc, 0, len(seen))
	for m := range seen {
		docs = append(docs, m.Doc())
	}
	// Paths are unique: a document's path names its kind too.
	sort.Slice(docs, func(a, b int) bool { return docs[a].Path < docs[b].Path })
	j.versionOnce.Do(func() {
		// Nothing a page shows is finer than a day: keying on the clock
		// itself would make every rebuild of a watch session a full one.
		j.versionBase = fmt.Appendf(nil, "%s\x00%v %v\x00%#v\x00", j.Today.Format(time.DateOnly), j.Opts.Drafts, j.Opts.Future, *j.Config)
	})
	h := sha256.New()
	h.Write(j.versionBase)
	for _, d := range docs {
		h.Write([]byte(d.Path))
		h.Write([]byte{0})
		h.Write([]byte(d.Hash))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// neighbours are the documents one link away from n, in either direction.
func (j *Journal) neighbours(n Node) []Node {
	out := append([]Node(nil), j.outgoing[n]...)
	add := func(ns ...Node) { out = append(out, ns...) }
	switch n := n.(type) {
	case *Contact:
		for _, e := range n.Timeline {
			add(e)
		}
		for _, f := range append(append([]*Favour(nil), n.Gave...), n.Received...) {
			add(f.Event)
		}
		for _, f := range n.Followups {
			add(f.Event)
		}
		for _, s := range n.Shared {
			addShare(&out, s)
		}
		for _, b := range n.Backlinks {
			add(b.From)
		}
		for _, c := range n.Introductions {
			add(c)
		}
		if n.IntroducedBy != nil {
			add(n.IntroducedBy)
		}
		if n.MetAt != nil {
			add(n.MetAt)
		}
	case *Event:
		for _, c := range n.With {
			add(c)
		}
		if n.InitiatedBy != nil {
			add(n.InitiatedBy)
		}
		for _, f := range append(append([]*Favour(nil), n.Gave...), n.Received...) {
			add(f.Contact)
		}
		for _, f := range n.Followups {
			if f.Who != nil {
				add(f.Who)
			}
		}
		for _, s := range n.Shared {
			addShare(&out, s)
		}
		for _, b := range n.Backlinks {
			add(b.From)
		}
	case *Post:
		for _, c := range n.SharedWith {
			add(c)
		}
		for _, s := range n.Shares {
			addShare(&out, s)
		}
		for _, b := range n.Backlinks {
			add(b.From)
		}
	}
	return out
}

func addShare(out *[]Node, s *Share) {
	if s.Event != nil {
		*out = append(*out, s.Event)
	}
	if s.Post != nil {
		*out = append(*out, s.Post)
	}
	for _, c := range s.With {
		*out = append(*out, c)
	}
}

// NamesVersion identifies what every ref and wikilink can resolve to: each
// name, title, alias and slug and the documents it names. A page whose
// links were resolved under the same names version resolves them the same
// way again — including links that matched nothing, or more than one.
func (j *Journal) NamesVersion() string {
	keys := make([]string, 0, len(j.targets))
	for k := range j.targets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		fmt.Fprintf(h, "%q", k)
		for _, n := range j.targets[k] {
			fmt.Fprintf(h, " %d %s", n.NodeKind(), n.Doc().Path)
		}
		h.Write([]byte{0})
	}
	for _, kind := range []Kind{KindContact, KindEvent, KindPost} {
		slugs := make([]string, 0, len(j.bySlug[kind]))
		for s := range j.bySlug[kind] {
			slugs = append(slugs, s)
		}
		sort.Strings(slugs)
		fmt.Fprintf(h, "%d %q\x00", kind, slugs)
	}
	return hex.EncodeToString(h.Sum(nil))
}
