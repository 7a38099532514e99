package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/netjournal/netjournal/internal/diskcache"
)

// TestLet: a renderer that renders once with a disk lets a body's text go
// once the disk holds it prepared, and renders the Source left the same
// for every audience without reading the text; should the disk not give
// the body back, the text is read again, and a text that is no longer the
// one let go is an error, not another body. Without a disk, or for a body
// rendered whole, the text is kept.
func TestLet(t *testing.T) {
	text := "# A [[Ana Lima]] heading\n\nSee [[Ana Lima]] and [the post](/posts/a/).\n\n```go\nfunc f() {}\n```\n"
	wiki := Options{Key: "wiki", Resolve: func(l Wikilink) (Resolution, error) {
		return Resolution{Dest: "contacts/ana-lima.html", Text: l.Target}, nil
	}}
	blog := Options{Key: "blog", Parts: PartHTML | PartSummary | PartWords, Resolve: func(l Wikilink) (Resolution, error) {
		return Resolution{Text: "Ana"}, nil
	}}
	want := map[string]Result{"wiki": New().Render(Text(text), wiki), "blog": New().Render(Text(text), blog)}
	wantLinks := New().Links(Text(text))
	reads := 0
	read := func() (string, error) { reads++; return text, nil }

	r := New()
	r.Once()
	if _, ok := r.Let(Text(text), read); ok {
		t.Error("let go without a disk to read it back from")
	}

	r = renderOnce(t)
	if _, ok := r.Let(Text(text), nil); ok {
		t.Error("let go with no way to read it again")
	}
	src, ok := r.Let(Text(text), read)
	if !ok || src.text != "" || src.Blank() {
		t.Fatalf("Let = %+v, %v: want the text let go", src, ok)
	}
	if r.sums.Len() != 0 || r.memo.values.Len() != 0 {
		t.Errorf("the renderer still holds %d digests and %d values of the text", r.sums.Len(), r.memo.values.Len())
	}
	for name, opts := range map[string]Options{"wiki": wiki, "blog": blog} {
		if got := r.Render(src, opts); fmt.Sprint(got) != fmt.Sprint(want[name]) {
			t.Errorf("%s, let go:\n%+v\nwant\n%+v", name, got, want[name])
		}
	}
	if got := r.Links(src); fmt.Sprint(got) != fmt.Sprint(wantLinks) {
		t.Errorf("Links = %v, want %v", got, wantLinks)
	}
	if reads != 0 {
		t.Errorf("the text was read %d times, with the disk holding it", reads)
	}

	// A disk that lost it: the text is read again, once per parse.
	if got := renderOnce(t).Render(src, wiki); fmt.Sprint(got) != fmt.Sprint(want["wiki"]) || reads != 1 {
		t.Errorf("read again (%d reads):\n%+v\nwant\n%+v", reads, got, want["wiki"])
	}

	// The file changed, or cannot be read: an error, where the body is shown.
	for name, read := range map[string]func() (string, error){
		"changed":    func() (string, error) { return text + "more\n", nil },
		"unreadable": func() (string, error) { return "", errors.New("gone") },
	} {
		res := renderOnce(t).Render(Source{sum: src.sum, read: read}, blog)
		if res.HTML != "" || len(res.Errors) != 1 || !errors.Is(res.Errors[0].Err, ErrGone) ||
			!strings.Contains(res.Errors[0].Err.Error(), map[string]string{"changed": "changed during the build", "unreadable": "gone"}[name]) {
			t.Errorf("%s: %+v, want no HTML and the error", name, res)
		}
	}

	// A body whose wikilink is in an image's alt text is rendered whole.
	whole := "![see [[Ana Lima]]](/a.png)\n"
	if _, ok := r.Let(Text(whole), func() (string, error) { return whole, nil }); ok {
		t.Error("a body rendered whole was let go")
	}
	if !Text(" \n\t").Blank() || Text("x").Blank() || !(Source{}).Blank() {
		t.Error("Blank is wrong")
	}
	// A blank body keeps its text: Blank says so of it.
	if _, ok := r.Let(Text("\u00a0\n"), func() (string, error) { return "\u00a0\n", nil }); ok {
		t.Error("a blank body was let go")
	}
}

// renderOnce returns a renderer that renders once with a disk of its own,
// empty: one that lets prepared bodies go (Drops).
func renderOnce(t *testing.T) *Renderer {
	t.Helper()
	d, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	r := New()
	r.UseDisk(d)
	r.Once()
	return r
}
