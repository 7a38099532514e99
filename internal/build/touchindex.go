package build

import (
	"maps"
	"slices"

	"github.com/netjournal/netjournal/internal/par"
)

// touchIndex is, for the pages of one site rendered in memory, the pages
// that look up each path (their touchSums' hashes): those whose warnings
// a path that came, went or has other ids may change are found under its
// hash, not by going through every page's touches (an event added at
// 10,000 posts went through every page of both sites, 8 to 12 ms of CPU,
// for the few that link to the new event's page).
//
// Pages are numbered. A number stays listed under a hash its page no
// longer looks up (or no longer is), until the index is made again:
// pages asks each page's touches as they are now (of) whether it has
// the hash.
type touchIndex struct {
	at        string // the base of the siteIndex the touches were made for
	num       map[string]int32
	names     []string    // by number; "" for a page gone
	of        []touchSums // by number: the page's touches now
	own, blog map[uint64][]int32
	listed    int // pages and numbers listed under hashes
	stale     int // of those, the ones that may no longer be true (a page gone counts)
	// pending are pages parsed again by checks that did not need the
	// index (later), listed again when it is next needed.
	pending map[string]bool
}

// touchIndexFor returns ix brought up to date for the site s, whose pages
// (sorted) are ix's but those removed and those rescanned (parsed again,
// or new) now or by the checks that left them for later; touches gives a
// page's touchSums. A new index of every page is made when ix is nil, was
// made for another base, or lists more numbers no longer true than true
// ones.
func touchIndexFor(ix *touchIndex, s *siteIndex, pages, removed []string, rescanned map[string]bool, touches func(page string) touchSums) *touchIndex {
	if ix == nil || ix.at != s.base || ix.stale > ix.listed-ix.stale {
		return newTouchIndex(s, pages, touches)
	}
	for _, page := range removed {
		delete(ix.pending, page)
		if n, ok := ix.num[page]; ok {
			ix.stale += 1 + len(ix.of[n].own) + len(ix.of[n].blog)
			ix.names[n], ix.of[n] = "", touchSums{}
			delete(ix.num, page)
		}
	}
	// The pages parsed again now, and by the checks since it was last
	// needed (later).
	again := maps.Clone(ix.pending)
	if again == nil {
		again = map[string]bool{}
	}
	maps.Copy(again, rescanned)
	for _, page := range slices.Sorted(maps.Keys(again)) {
		n, ok := ix.num[page]
		if ok {
			ix.stale += 1 + len(ix.of[n].own) + len(ix.of[n].blog)
		} else {
			n = int32(len(ix.names))
			ix.num[page] = n
			ix.names = append(ix.names, page)
			ix.of = append(ix.of, touchSums{})
		}
		ix.list(n, touches(page))
	}
	ix.pending = nil
	if len(ix.num) != len(pages) {
		// A page neither indexed nor parsed again: made again, whole.
		return newTouchIndex(s, pages, touches)
	}
	return ix
}

// later has ix list the pages rescanned (parsed again by a check that
// did not need the index: after a body's edit) when it is next needed,
// their touches found then, not on every edit. A nil ix stays nil.
func (ix *touchIndex) later(rescanned map[string]bool) *touchIndex {
	if ix == nil {
		return nil
	}
	if ix.pending == nil {
		ix.pending = map[string]bool{}
	}
	maps.Copy(ix.pending, rescanned)
	return ix
}

// newTouchIndex indexes every page of s, their touches found on every
// core.
func newTouchIndex(s *siteIndex, pages []string, touches func(page string) touchSums) *touchIndex {
	of := make([]touchSums, len(pages))
	par.Each(len(pages), func(i int) { of[i] = touches(pages[i]) })
	ix := &touchIndex{
		at:    s.base,
		num:   make(map[string]int32, len(pages)),
		names: slices.Clone(pages),
		of:    make([]touchSums, len(pages)),
		own:   map[uint64][]int32{},
		blog:  map[uint64][]int32{},
	}
	for i, page := range pages {
		ix.num[page] = int32(i)
		ix.list(int32(i), of[i])
	}
	return ix
}

// list lists page n under each hash of t, its touches now.
func (ix *touchIndex) list(n int32, t touchSums) {
	ix.of[n] = t
	for _, h := range t.own {
		ix.own[h] = append(ix.own[h], n)
	}
	for _, h := range t.blog {
		ix.blog[h] = append(ix.blog[h], n)
	}
	ix.listed += 1 + len(t.own) + len(t.blog) // the page itself, and its hashes
}

// pages returns the pages whose touches have a hash in own (of their
// own site's lookups) or blog (of the wiki's lookups in the blog): those
// touchSums.any finds.
func (ix *touchIndex) pages(own, blog map[uint64]bool) map[string]bool {
	out := map[string]bool{}
	if ix == nil {
		return out // made only when there are hashes to look for
	}
	for h := range own {
		for _, n := range ix.own[h] {
			if slices.Contains(ix.of[n].own, h) { // not a page gone: its touches are none
				out[ix.names[n]] = true
			}
		}
	}
	for h := range blog {
		for _, n := range ix.blog[h] {
			if slices.Contains(ix.of[n].blog, h) {
				out[ix.names[n]] = true
			}
		}
	}
	return out
}
