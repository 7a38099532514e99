package blog

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/diskcache"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/public"
	"github.com/netjournal/netjournal/themes"
)

// TestCacheRendersOnlyWhatChanged: after one post's body changes, a cached
// render executes only the pages that show it, and its output equals a
// fresh render.
func TestCacheRendersOnlyWhatChanged(t *testing.T) {
	site := essaySite(30, 10)
	var c Cache
	if _, err := renderFiles(&c, site, themes.Default()); err != nil {
		t.Fatal(err)
	}
	all := c.Rendered()

	if _, err := renderFiles(&c, site, themes.Default()); err != nil {
		t.Fatal(err)
	}
	if c.Rendered() != 0 {
		t.Errorf("an unchanged site rendered %d pages again", c.Rendered())
	}

	// The oldest post: on its own page, the last home page, its tags'
	// pages, the archive, and its neighbour's page (the "newer" link shows
	// only the neighbour's title, which did not change).
	p := site.Posts[len(site.Posts)-1]
	p.Body = public.HTMLBody("<p>Edited body.</p>", nil)
	got, err := renderFiles(&c, site, themes.Default())
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
	if _, err := renderFiles(&c, site, themes.Default()); err != nil {
		t.Fatal(err)
	}
	got, _ = renderFiles(&c, site, themes.Default())
	want, _ = Render(site, themes.Default())
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("after a title change, %s differs from a fresh render", name)
		}
	}
}

// TestCachedIsTemplateInPlace: a list whose entries are {{cached "entry"
// .}} (the home page, tag pages, the archive) is byte for byte the list
// with {{template "entry" .}}, on a first
// render and after an edit that changes one entry (a post's reading
// time) or a summary and leaves the others remembered, and after the
// site moves (the functions' URLs change, not the entries).
func TestCachedIsTemplateInPlace(t *testing.T) {
	files := fstest.MapFS{}
	for _, name := range []string{"index.html", "tag.html", "archive.html"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "blog", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(`{{cached "`)) {
			t.Fatalf("the default %s no longer lists cached entries: the test proves nothing", name)
		}
		files["themes/inplace/blog/"+name] = &fstest.MapFile{Data: bytes.ReplaceAll(b, []byte(`{{cached "`), []byte(`{{template "`))}
	}
	inPlace, err := themes.Load(files, "inplace")
	if err != nil {
		t.Fatal(err)
	}
	lists := 0
	for _, site := range []*public.Site{essaySite(30, 10), testSite()} {
		var c Cache
		for round, edit := range []func(){
			func() {},
			func() { site.Posts[1].Words += 1000 },
			func() { site.Posts[2].Summary = "Another summary & more" },
			func() { site.BaseURL, site.BasePath = "https://example.org/moved/", "/moved/" },
		} {
			edit()
			got, err := renderFiles(&c, site, themes.Default())
			if err != nil {
				t.Fatal(err)
			}
			want, err := Render(site, inPlace)
			if err != nil {
				t.Fatal(err)
			}
			for name, b := range want {
				if !bytes.Equal(got[name], b) {
					t.Errorf("round %d: %s differs from the list written in place", round, name)
				}
				if strings.HasPrefix(name, "tags/") || strings.HasPrefix(name, "page/") || name == "index.html" || name == "archive/index.html" {
					lists++
				}
			}
		}
	}
	if lists < 15 {
		t.Fatalf("only %d list pages: the test proves little", lists)
	}
}

// TestOnceKeepsNoFragments: a render that keeps nothing keeps no list
// entry either once its pages are made, and makes the same site.
func TestOnceKeepsNoFragments(t *testing.T) {
	var kept Cache
	want, err := renderFiles(&kept, testSite(), themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if kept.fragments.Len() == 0 {
		t.Fatal("a render that keeps its pages remembers no entry: the test proves nothing")
	}
	var once Cache
	once.Once()
	got, err := renderFiles(&once, testSite(), themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if n := once.fragments.Len(); n != 0 {
		t.Errorf("after a render that keeps nothing, %d entries are remembered", n)
	}
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Error("the site rendered once differs from the one kept")
	}
}

// renderFiles renders with c into a map of the site's files.
func renderFiles(c *Cache, site *public.Site, theme *themes.Theme) (map[string][]byte, error) {
	files := map[string][]byte{}
	if err := c.Render(site, theme, nil, page.NewSite(page.Into(files))); err != nil {
		return nil, err
	}
	return files, nil
}

// TestCachedEntriesKeptOnDisk: the blog keeps its list entries in the
// cache on disk; a render in a new process after one post's reading time
// changed adds exactly that post's two (its entry and its archive entry),
// and makes the site a fresh render makes. (That an entry found on the
// disk is not executed again is TestFragmentsOnDisk's, in package page.)
func TestCachedEntriesKeptOnDisk(t *testing.T) {
	disk, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	site := essaySite(30, 10)
	render := func() (map[string][]byte, int) {
		t.Helper()
		var c Cache // a new process's
		c.UseDisk(disk)
		c.Once()
		before := disk.Len()
		files, err := renderFiles(&c, site, themes.Default())
		if err != nil {
			t.Fatal(err)
		}
		added := disk.Len() - before
		if err := disk.Commit(); err != nil {
			t.Fatal(err)
		}
		return files, added
	}
	if _, added := render(); added < 60 {
		t.Fatalf("a first render kept %d fragments: the test proves little", added)
	}
	if _, added := render(); added != 0 {
		t.Errorf("an unchanged site executed %d fragments again", added)
	}
	site.Posts[1].Words += 1000
	got, added := render()
	if added != 2 {
		t.Errorf("one post's reading time changed: %d fragments executed, want 2", added)
	}
	want, err := Render(site, themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Error("the site rendered with fragments from the disk differs from a fresh render")
	}
}

// TestEditedBodiesFromTheLastRender: a render told which posts' bodies
// alone changed (Render's edited), which readies its pages from the last
// render's, makes the site a fresh render makes, edit after edit: with
// the default theme, and with one whose every page prints its data whole
// (a post's neighbours, the lists' entries, the 404 page's latest posts).
func TestEditedBodiesFromTheLastRender(t *testing.T) {
	files := fstest.MapFS{}
	for _, name := range []string{"index.html", "post.html", "tag.html", "tags.html", "archive.html", "404.html"} {
		files["themes/dump/blog/"+name] = &fstest.MapFile{Data: []byte("{{jsonify .}}\n")}
	}
	dump, err := themes.Load(files, "dump")
	if err != nil {
		t.Fatal(err)
	}
	for name, theme := range map[string]*themes.Theme{"default": themes.Default(), "dump": dump} {
		t.Run(name, func(t *testing.T) {
			site := essaySite(30, 10)
			for _, p := range site.Posts {
				p.Source = "content/posts/" + p.Slug + ".md"
			}
			var c Cache
			render := func(edited map[string]bool) map[string][]byte {
				t.Helper()
				files := map[string][]byte{}
				if err := c.Render(site, theme, edited, page.NewSite(page.Into(files))); err != nil {
					t.Fatal(err)
				}
				return files
			}
			render(nil)
			all := c.Made()
			for round := range 8 {
				// The newest posts (the 404 page's), the oldest, and
				// the ones between, each a neighbour of another.
				p := site.Posts[(round*13)%len(site.Posts)]
				p.Summary = fmt.Sprintf("Summary of edit %d.", round)
				p.Words += 100
				p.Body = public.HTMLBody(template.HTML(fmt.Sprintf("<p>Edit %d.</p>\n", round)), nil)
				got := render(map[string]bool{p.Source: true})
				if c.Made() >= all {
					t.Errorf("edit %d: made %d pages' data of %d", round, c.Made(), all)
				}
				want, err := Render(site, theme)
				if err != nil {
					t.Fatal(err)
				}
				for name, b := range want {
					if !bytes.Equal(got[name], b) {
						t.Errorf("edit %d of %s: %s differs from a fresh render:\n%s\nwant\n%s", round, p.Source, name, got[name], b)
					}
				}
				if len(got) != len(want) {
					t.Errorf("edit %d: %d files, want %d", round, len(got), len(want))
				}
			}
		})
	}
}
