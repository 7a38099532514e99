package build

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTouchIndexFindsWhatAnyFinds: through pages that come, go and change
// their links at random (some changes left for later, as after a body's
// edit), the index finds, for any hashes, exactly the
// pages whose touches touchSums.any finds them in.
func TestTouchIndexFindsWhatAnyFinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := &siteIndex{base: "https://example.com/\x00/"}
	random := func() touchSums {
		var t touchSums
		for range rng.IntN(5) {
			t.own = append(t.own, rng.Uint64N(12))
		}
		for range rng.IntN(3) {
			t.blog = append(t.blog, rng.Uint64N(12))
		}
		return t
	}
	now := map[string]touchSums{}
	for i := range 30 {
		now[fmt.Sprintf("p%d.html", i)] = random()
	}
	touches := func(page string) touchSums { return now[page] }
	var ix *touchIndex
	next := 30
	for step := range 300 {
		var removed []string
		rescanned := map[string]bool{}
		// A check after bodies alone were edited: pages link to others,
		// none comes or goes, and the index is not asked (later).
		bodies := ix != nil && rng.IntN(3) == 0
		for range rng.IntN(4) {
			kind := rng.IntN(3)
			if bodies {
				kind = 2
			}
			switch pages := slices.Sorted(maps.Keys(now)); kind {
			case 0: // a page comes
				page := fmt.Sprintf("p%d.html", next)
				next++
				now[page], rescanned[page] = random(), true
			case 1: // a page goes
				if len(pages) > 0 {
					page := pages[rng.IntN(len(pages))]
					if !rescanned[page] {
						delete(now, page)
						removed = append(removed, page)
					}
				}
			default: // a page links to others
				if len(pages) > 0 {
					page := pages[rng.IntN(len(pages))]
					now[page], rescanned[page] = random(), true
				}
			}
		}
		pages := slices.Sorted(maps.Keys(now))
		if bodies {
			ix = ix.later(rescanned)
			continue
		}
		if ix == nil {
			ix = newTouchIndex(s, pages, touches)
		} else {
			ix = touchIndexFor(ix, s, pages, removed, rescanned, touches)
		}
		own, blog := map[uint64]bool{rng.Uint64N(12): true}, map[uint64]bool{}
		if rng.IntN(2) == 0 {
			blog[rng.Uint64N(12)] = true
		}
		want := map[string]bool{}
		for _, page := range pages {
			if now[page].any(own, blog) {
				want[page] = true
			}
		}
		if got := ix.pages(own, blog); !maps.Equal(got, want) {
			t.Fatalf("step %d: pages(%v, %v) = %v, want %v", step, own, blog, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
	}
}

// TestTouchIndexGivesBackPagesGone: pages without links that come and
// go, one after the other, do not grow the index: each page gone counts
// as stale, and the index is made again once most of it is.
func TestTouchIndexGivesBackPagesGone(t *testing.T) {
	s := &siteIndex{base: "https://example.com/\x00/"}
	now := map[string]touchSums{}
	for i := range 10 {
		now[fmt.Sprintf("p%d.html", i)] = touchSums{own: []uint64{uint64(i)}}
	}
	touches := func(page string) touchSums { return now[page] }
	ix := newTouchIndex(s, slices.Sorted(maps.Keys(now)), touches)
	for i := range 1000 {
		page := fmt.Sprintf("bare%d.css", i)
		now[page] = touchSums{}
		ix = touchIndexFor(ix, s, slices.Sorted(maps.Keys(now)), nil, map[string]bool{page: true}, touches)
		delete(now, page)
		ix = touchIndexFor(ix, s, slices.Sorted(maps.Keys(now)), []string{page}, nil, touches)
	}
	if n := len(ix.names); n > 100 {
		t.Errorf("the index numbers %d pages for the %d there are", n, len(now))
	}
}
