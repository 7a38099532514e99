package blog

import (
	"bytes"
	"html/template"
	"testing"

	"github.com/netjournal/netjournal/themes"
)

// TestCacheRendersOnlyWhatChanged: after one post's body changes, a cached
// render executes only the pages that show it, and its output equals a
// fresh render.
func TestCacheRendersOnlyWhatChanged(t *testing.T) {
	site := essaySite(30, 10)
	var c Cache
	if _, err := c.Render(site, themes.Default()); err != nil {
		t.Fatal(err)
	}
	all := c.Rendered()

	if _, err := c.Render(site, themes.Default()); err != nil {
		t.Fatal(err)
	}
	if c.Rendered() != 0 {
		t.Errorf("an unchanged site rendered %d pages again", c.Rendered())
	}

	// The oldest post: on its own page, the last home page, its tags'
	// pages, the archive, and its neighbour's page (the "newer" link shows
	// only the neighbour's title, which did not change).
	p := site.Posts[len(site.Posts)-1]
	p.HTML = template.HTML("<p>Edited body.</p>")
	got, err := c.Render(site, themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if n := c.Rendered(); n == 0 || n > all/3 {
		t.Errorf("one body edit rendered %d of %d pages", n, all)
	}
	want, err := Render(site, themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s differs from a fresh render", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	if !bytes.Contains(got["posts/"+p.Slug+"/index.html"], []byte("Edited body.")) {
		t.Error("the edited post's page is stale")
	}

	// A title is shown by its neighbours and every list: they render again.
	p.Title = "A new title"
	if _, err := c.Render(site, themes.Default()); err != nil {
		t.Fatal(err)
	}
	got, _ = c.Render(site, themes.Default())
	want, _ = Render(site, themes.Default())
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("after a title change, %s differs from a fresh render", name)
		}
	}
}
