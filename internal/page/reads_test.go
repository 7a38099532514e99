package page

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
)

// TestReads: the pages that read none of the documents edited are marked
// Unchanged; once rendered, a page made again is known by what it read
// now, a page taken as it was by what it read then, and a page that read
// nothing is not made to read anything.
func TestReads(t *testing.T) {
	last := map[string][]string{"a.html": {"a.md"}, "list.html": {"a.md", "b.md"}, "b.html": {"b.md"}}
	jobs := []Job{{File: "a.html"}, {File: "list.html"}, {File: "b.html"}, {File: "tags.html"}}
	Mark(jobs, last, map[string]bool{"a.md": true})
	var unchanged []string
	for _, j := range jobs {
		if j.Unchanged {
			unchanged = append(unchanged, j.File)
		}
	}
	if want := []string{"b.html", "tags.html"}; !slices.Equal(unchanged, want) {
		t.Errorf("unchanged %v, want %v", unchanged, want)
	}
	r := NewReads()
	r.Add("a.html", "a.md", "c.md")
	r.Add("list.html", "a.md")
	r.Add("list.html", "b.md")
	got := r.Done(jobs, last)
	want := map[string][]string{"a.html": {"a.md", "c.md"}, "list.html": {"a.md", "b.md"}, "b.html": {"b.md"}}
	if !maps.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("done %v, want %v", got, want)
	}
	var none *Reads
	none.Add("a.html", "a.md") // records nothing, and does not fail

	// The record before is what the next is made of, in place: a page
	// made again that read nothing this time reads nothing, and a page
	// no longer rendered is not in it.
	last = map[string][]string{"a.html": {"a.md"}, "b.html": {"b.md"}, "gone.html": {"b.md"}}
	jobs = []Job{{File: "a.html"}, {File: "b.html", Unchanged: true}}
	got = NewReads().Done(jobs, last)
	want = map[string][]string{"b.html": {"b.md"}}
	if !maps.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("done, a page gone and one reading nothing now: %v, want %v", got, want)
	}
	last = map[string][]string{"a.html": {"a.md"}, "b.html": {"b.md"}}
	r = NewReads()
	r.Add("a.html", "c.md")
	got = r.Done(jobs, last)
	want = map[string][]string{"a.html": {"c.md"}, "b.html": {"b.md"}}
	if !maps.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("done, the same pages: %v, want %v", got, want)
	}
}

// TestReadsConcurrent: pages add what they read from every core, and a
// render with no record before it gets every page's reads.
func TestReadsConcurrent(t *testing.T) {
	r := NewReads()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				r.Add(fmt.Sprintf("p%d.html", i), fmt.Sprintf("d%d.md", g))
			}
		})
	}
	wg.Wait()
	got := r.Done(nil, nil)
	if len(got) != 100 {
		t.Fatalf("%d pages' reads, want 100", len(got))
	}
	for file, paths := range got {
		slices.Sort(paths)
		if want := []string{"d0.md", "d1.md", "d2.md", "d3.md", "d4.md", "d5.md", "d6.md", "d7.md"}; !slices.Equal(paths, want) {
			t.Errorf("%s read %v, want %v", file, paths, want)
		}
	}
}
