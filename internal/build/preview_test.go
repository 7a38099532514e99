package build

import (
	"os"
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
		{"a wikilink added", func(s string) string { return s + "\nSee [[ana-lima]].\n" }, false},
		{"a label changed", func(s string) string {
			return strings.Replace(s, "[[tomas-ferreira|a mentor of mine]]", "[[tomas-ferreira|my mentor]]", 1)
		}, false},
		{"the title edited", func(s string) string { return strings.Replace(s, "title: ", "title: New: ", 1) }, false},
		{"a problem in the body", func(s string) string { return s + "\nA link that is not one: [[ana-lima|]].\n" }, false},
	} {
		put(t, site+"/"+post, e.edit(body))
		b.Forget(post)
		shown = nil
		file, data, ok := b.Preview(opts, []string{post})
		res, err := b.Render(opts)
		if ok != e.preview {
			t.Errorf("%s: previewed %v, want %v", e.name, ok, e.preview)
		}
		if !ok {
			if err == nil {
				put(t, site+"/"+post, body) // back to the last good build's
				b.Forget(post)
				if _, err := b.Render(opts); err != nil {
					t.Fatal(err)
				}
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

	// Only an open page, one file, the last render good, and the same day.
	put(t, site+"/"+post, body+"\nEdited again.\n")
	b.Forget(post)
	for name, try := range map[string]func() bool{
		"page not open": func() bool {
			o := opts
			o.First = func(string, string) bool { return false }
			_, _, ok := b.Preview(o, []string{post})
			return ok
		},
		"two files": func() bool {
			_, _, ok := b.Preview(opts, []string{post, "content/posts/staff-engineers-calendar.md"})
			return ok
		},
		"another day": func() bool {
			o := opts
			o.Now = o.Now.AddDate(0, 0, 1)
			_, _, ok := b.Preview(o, []string{post})
			return ok
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
	if _, _, ok := b.Preview(opts, []string{post}); ok {
		t.Error("previewed after a failed render")
	}
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
