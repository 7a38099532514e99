package build

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPreview: a post's body edited alone is shown, when its page is open,
// with the very bytes the rebuild then makes of that page; any other edit
// is left to the rebuild.
func TestPreview(t *testing.T) {
	site := copySite(t)
	const (
		post = "content/posts/promotion-case.md"
		page = "posts/promotion-case/index.html"
	)
	open := map[string]bool{"public/" + page: true}
	var shown []string
	opts := Options{
		Now:   time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		First: func(site, file string) bool { return open[site+"/"+file] },
		Early: func(site, file, basePath string, data []byte) { shown = append(shown, site+"/"+file) },
	}
	b := NewBuilder(os.DirFS(site))
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	body := readFile(t, site+"/"+post)
	words := strings.Repeat("More words on the case, each counted for the reading time. ", 300)
	for _, e := range []struct {
		name    string
		edit    func(string) string
		preview bool
	}{
		{"a paragraph added", func(s string) string { return s + "\nOne more paragraph, with *emphasis*.\n" }, true},
		{"the first paragraph, the summary's, rewritten", func(s string) string {
			return strings.Replace(s, "\n---\n", "\n---\n\nA new opening, which lists show.\n", 1)
		}, true},
		{"a long section with headings", func(s string) string { return s + "\n## A heading\n\n" + words + "\n\n### Another\n\nText.\n" }, true},
		{"the wikilinks moved, the same targets and labels", func(s string) string {
			return strings.Replace(s, "\nThat advice came from", "\n\nMoved down a line.\n\nThat advice came from", 1)
		}, true},
		{"the body back as it was", func(string) string { return body }, true},
		{"a wikilink added", func(s string) string { return s + "\nSee [[ana-lima|Ana]] and [[idempotency-is-a-contract]].\n" }, true},
		{"a label changed", func(s string) string {
			return strings.Replace(s, "[[tomas-ferreira|a mentor of mine]]", "[[tomas-ferreira|my mentor]]", 1)
		}, true},
		{"a wikilink taken out", func(s string) string {
			return strings.Replace(s, "[[tomas-ferreira|a mentor of mine]]", "a mentor of mine", 1)
		}, true},
		// An error in a public post: the rebuild fails.
		{"a wikilink to nothing", func(s string) string { return s + "\nSee [[nobody-at-all|someone]].\n" }, false},
		{"a link to itself added", func(s string) string { return s + "\nAs [[promotion-case|this post]] says.\n" }, true},
		{"the title edited", func(s string) string { return strings.Replace(s, "title: ", "title: New: ", 1) }, false},
		{"a problem in the body", func(s string) string { return s + "\nA link that is not one: [[ana-lima|]].\n" }, false},
		{"a private contact linked without a label", func(s string) string { return s + "\nSee [[carla-duarte]].\n" }, false},
	} {
		put(t, site+"/"+post, e.edit(body))
		b.Forget(post)
		shown = nil
		file, data, ok := onlyPage(t, b.Preview(opts, []string{post}))
		res, err := b.Render(opts)
		if ok != e.preview {
			t.Errorf("%s: previewed %v, want %v", e.name, ok, e.preview)
		}
		if !ok {
			put(t, site+"/"+post, body) // back to a good build
			b.Forget(post)
			if _, err := b.Render(opts); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: previewed, and the rebuild failed: %v", e.name, err)
		}
		if file != page || len(shown) == 0 || shown[0] != "public/"+page {
			t.Errorf("%s: previewed %s, shown %v; want %s first", e.name, file, shown, page)
		}
		if got, want := string(data), string(res.Public[page]); got != want {
			t.Errorf("%s: the preview differs from the rebuild's page:\n%s", e.name, firstDiff(got, want))
		}
	}

	// A post that links to itself, its summary rewritten: were its own
	// entry among its backlinks, it would show the summary.
	self := body + "\nAs [[promotion-case|this post]] says.\n"
	put(t, site+"/"+post, self)
	b.Forget(post)
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	put(t, site+"/"+post, strings.Replace(self, "\n---\n", "\n---\n\nA new opening.\n", 1))
	b.Forget(post)
	file, data, ok := onlyPage(t, b.Preview(opts, []string{post}))
	res, err := b.Render(opts)
	if err != nil || !ok {
		t.Fatalf("a post linking to itself: previewed %v, rebuilt with %v", ok, err)
	}
	if got, want := string(data), string(res.Public[file]); got != want {
		t.Errorf("a post linking to itself: the preview differs from the rebuild's page:\n%s", firstDiff(got, want))
	}

	// A body the public view has a problem with fails the rebuild: not
	// shown on the post's wiki page either, open alone.
	put(t, site+"/"+post, body)
	b.Forget(post)
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	wikiOnly := opts
	wikiOnly.First = func(site, file string) bool { return site+"/"+file == "private/posts/promotion-case.html" }
	put(t, site+"/"+post, body+"\nA link that is not one: [[ana-lima|]].\n")
	b.Forget(post)
	if shown := b.Preview(wikiOnly, []string{post}); len(shown) > 0 {
		t.Errorf("a body the public view refuses was previewed on %s", shown[0].File)
	}

	// Only an open page, one file, the last render good, and the same day.
	put(t, site+"/"+post, body+"\nEdited again.\n")
	b.Forget(post)
	for name, try := range map[string]func() bool{
		"page not open": func() bool {
			o := opts
			o.First = func(string, string) bool { return false }
			return len(b.Preview(o, []string{post})) > 0
		},
		"two files": func() bool {
			return len(b.Preview(opts, []string{post, "content/posts/staff-engineers-calendar.md"})) > 0
		},
		"another day": func() bool {
			o := opts
			o.Now = o.Now.AddDate(0, 0, 1)
			return len(b.Preview(o, []string{post})) > 0
		},
	} {
		if try() {
			t.Errorf("%s: previewed", name)
		}
	}
	put(t, site+"/content/posts/staff-engineers-calendar.md", "---\ntitle: [broken\n---\n")
	b.Forget("content/posts/staff-engineers-calendar.md")
	if _, err := b.Render(opts); err == nil {
		t.Fatal("a broken post built")
	}
	if len(b.Preview(opts, []string{post})) > 0 {
		t.Error("previewed after a failed render")
	}
}

// onlyPage is the one page previewed, if any.
func onlyPage(t *testing.T, shown []Previewed) (file string, data []byte, ok bool) {
	t.Helper()
	switch len(shown) {
	case 0:
		return "", nil, false
	case 1:
		return shown[0].File, shown[0].Data, true
	}
	t.Fatalf("%d pages previewed, want one", len(shown))
	return "", nil, false
}

// TestPreviewWiki: a contact's, an event's or a post's notes edited alone
// are shown on its open wiki page with the very bytes the rebuild makes
// of it, and a post's on its blog page as well.
func TestPreviewWiki(t *testing.T) {
	site := copySite(t)
	event := mdFiles(t, site, "content/events")[0]
	eventPage := "private/events/" + slugOf(event) + ".html"
	open := map[string]bool{
		"private/contacts/carla-duarte.html":     true,
		"private/posts/promotion-case.html":      true,
		"public/posts/promotion-case/index.html": true,
		eventPage:                                true,
	}
	b, opts := previewing(t, site, func(site, file string) bool { return open[site+"/"+file] })
	for _, e := range []struct {
		doc   string
		pages []string
	}{
		{"content/contacts/carla-duarte.md", []string{"private/contacts/carla-duarte.html"}},
		{event, []string{eventPage}},
		{"content/posts/promotion-case.md", []string{"public/posts/promotion-case/index.html", "private/posts/promotion-case.html"}},
	} {
		for _, edit := range []string{"\nA new paragraph of notes.\n", "\n## A heading\n\n- and\n- a list\n"} {
			put(t, site+"/"+e.doc, readFile(t, site+"/"+e.doc)+edit)
			b.Forget(e.doc)
			shown := b.Preview(opts, []string{e.doc})
			res, err := b.Render(opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range shown {
				got = append(got, p.Site+"/"+p.File)
				if want := string(fileOf(res, p.Site, p.File)); string(p.Data) != want {
					t.Errorf("%s: the preview of %s/%s differs from the rebuild's page:\n%s", e.doc, p.Site, p.File, firstDiff(string(p.Data), want))
				}
			}
			if strings.Join(got, " ") != strings.Join(e.pages, " ") {
				t.Errorf("%s: previewed %v, want %v", e.doc, got, e.pages)
			}
		}
	}
}

// fileOf is a file of res's site ("public" or "private").
func fileOf(res *Result, site, file string) []byte {
	if site == "private" {
		return res.Private[file]
	}
	return res.Public[file]
}

// TestPreviewPage: a standalone page's body edited alone is shown on its
// open page with the very bytes the rebuild makes of it; a front matter
// edit, or a problem in the body, waits for the rebuild.
func TestPreviewPage(t *testing.T) {
	site := copySite(t)
	// A page with no description: its first paragraph is.
	put(t, site+"/content/pages/now.md", "---\ntitle: Now\n---\nWhat I am doing now.\n")
	b, opts := previewing(t, site, func(site, file string) bool {
		return site == "public" && (file == "about/index.html" || file == "talks/index.html" || file == "now/index.html")
	})
	for _, e := range []struct {
		doc, edit string
		preview   bool
	}{
		{"content/pages/about.md", "\nA new closing paragraph.\n", true},
		{"content/pages/now.md", "And more, at length: " + strings.Repeat("words upon words ", 400) + "\n", true},
		{"content/pages/talks.md", "\n## A new talk\n\nAbout [[idempotency-is-a-contract]].\n", true},
		{"content/pages/about.md", "\nA link that is not one: [[ana-lima|]].\n", false},
		{"content/pages/about.md", "title-less", false}, // the front matter below
	} {
		before := readFile(t, site+"/"+e.doc)
		after := before + e.edit
		if e.edit == "title-less" {
			after = strings.Replace(before, "title: ", "title: Renamed ", 1)
		}
		put(t, site+"/"+e.doc, after)
		b.Forget(e.doc)
		shown := b.Preview(opts, []string{e.doc})
		res, err := b.Render(opts)
		if (len(shown) > 0) != e.preview {
			t.Errorf("%s, %q: previewed %d pages, want %v", e.doc, e.edit, len(shown), e.preview)
		}
		for _, p := range shown {
			if err != nil {
				t.Fatalf("%s: previewed, and the rebuild failed: %v", e.doc, err)
			}
			if want := string(fileOf(res, p.Site, p.File)); string(p.Data) != want {
				t.Errorf("%s: the preview of %s differs from the rebuild's page:\n%s", e.doc, p.File, firstDiff(string(p.Data), want))
			}
		}
		if err != nil {
			put(t, site+"/"+e.doc, before)
			b.Forget(e.doc)
			if _, err := b.Render(opts); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestPreviewSharedFile: two events read from one file (a symbolic link)
// share a body, so a link it makes to one is a backlink from the other:
// not previewed, for the last render has no such backlink.
func TestPreviewSharedFile(t *testing.T) {
	site := copySite(t)
	event := mdFiles(t, site, "content/events")[0]
	if err := os.Symlink(filepath.Base(event), filepath.Join(site, filepath.Dir(event), "copy-of-it.md")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	b, opts := previewing(t, site, func(string, string) bool { return true })
	put(t, site+"/"+event, readFile(t, site+"/"+event)+"\nAs at [["+slugOf(event)+"|this one]].\n")
	b.Forget(event)
	for _, p := range []string{event, path.Dir(event) + "/copy-of-it.md"} {
		if shown := b.Preview(opts, []string{p}); len(shown) > 0 {
			t.Errorf("%s: previewed %s, though another event shares its file", p, shown[0].File)
		}
	}
}

// TestPreviewFileOfAPage: an event that a page is a symbolic link to (or a
// post dated later, which is no public post) shares its body with a page,
// whose rules are stricter: a link to nothing, or to a private contact
// without a label, is an error in it, and the rebuild fails. Not
// previewed. (Found in review.)
func TestPreviewFileOfAPage(t *testing.T) {
	for _, c := range []struct{ doc, front, link string }{
		{"content/events/2026-11-20-meetup.md", "---\ntitle: Meetup notes\ndate: 2026-11-20\n---\n", "[[somebody-unknown]]"},
		{"content/posts/upcoming.md", "---\ntitle: Upcoming\ndate: 2026-12-20\n---\n", "[[carla-duarte]]"},
	} {
		site := copySite(t)
		put(t, site+"/"+c.doc, c.front+"Notes.\n")
		if err := os.Symlink(filepath.Join("..", path.Base(path.Dir(c.doc)), path.Base(c.doc)), filepath.Join(site, "content/pages/same-notes.md")); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		b, opts := previewing(t, site, func(string, string) bool { return true })
		put(t, site+"/"+c.doc, c.front+"Notes, with "+c.link+".\n")
		b.Forget(c.doc, "content/pages/same-notes.md")
		for _, p := range []string{c.doc, "content/pages/same-notes.md"} {
			if shown := b.Preview(opts, []string{p}); len(shown) > 0 {
				t.Errorf("%s: previewed %s, though a page shares its file", p, shown[0].File)
			}
		}
		if _, err := b.Render(opts); err == nil {
			t.Errorf("%s: the rebuild did not fail: the case proves nothing", c.doc)
		}
	}
}

// previewing renders site for a server whose open pages are those open
// names, and returns its Builder and options.
func previewing(t *testing.T, site string, open func(site, file string) bool) (*Builder, Options) {
	t.Helper()
	opts := Options{
		Now:   time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		First: open,
		Early: func(string, string, string, []byte) {},
	}
	b := NewBuilder(os.DirFS(site))
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	return b, opts
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(i-80, 0)
	return "got:  …" + a[from:min(i+80, len(a))] + "\nwant: …" + b[from:min(i+80, len(b))]
}
