package markdown

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/netjournal/netjournal/internal/diskcache"
)

const diskSample = "# Hi [[ana]]\n\nSee [x](/posts/y/) and [[bo|Bo]] and ![a](/p.png).\n\n## [[ana]] again\n\n[r]: /u \"[[z]]\"\n"

// TestDiskRoundTrip: a prepared body comes back from its encoding as it
// was, and renders the same; a cut encoding is refused.
func TestDiskRoundTrip(t *testing.T) {
	p := New().prepareUncached(diskSample)
	if len(p.wikilinks) != 3 || len(p.links) == 0 || len(p.slips) != 1 || len(p.headings) != 2 || len(p.dests) == 0 {
		t.Fatalf("the sample lacks parts: %+v", p)
	}
	b, ok := encode(p)
	if !ok {
		t.Fatal("not encoded")
	}
	got, ok := decode("p", b)
	if !ok {
		t.Fatal("not decoded")
	}
	htmlHalf := *p
	htmlHalf.texts = nil // kept apart
	if !reflect.DeepEqual(got, &htmlHalf) {
		t.Errorf("got %#v, want %#v", got, &htmlHalf)
	}
	if _, ok := decode("p", b[:len(b)-1]); ok {
		t.Error("a cut encoding decoded")
	}
	if len(p.texts.summary) == 0 || len(p.texts.text) == 0 || p.texts.headings != 2 {
		t.Fatalf("the sample's texts lack parts: %+v", p.texts)
	}
	b, ok = encode(p.texts)
	if !ok {
		t.Fatal("texts not encoded")
	}
	if got, ok := decode("x", b); !ok || !reflect.DeepEqual(got, p.texts) {
		t.Errorf("texts: got %#v, %v, want %#v", got, ok, p.texts)
	}
	if _, ok := decode("x", b[:len(b)-1]); ok {
		t.Error("cut texts decoded")
	}
	short := *p.texts
	short.wikilinks--
	if b, _ := encode(&short); func() bool { _, ok := decode("x", b); return ok }() {
		t.Error("texts with a hole past their wikilinks decoded")
	}
	if _, ok := encode(Result{}); ok {
		t.Error("a Result is kept on disk: it is made from the prepared body")
	}
	// Its facts too, with a problem of its own and what sanitizing took.
	p.errs = []LineError{{Line: 2, Err: errors.New("rendering Markdown: broken")}}
	p.removed = []LineError{{Line: 4, Err: errors.New("<script> removed")}}
	f := factsOf(p)
	b, ok = encode(f)
	if !ok {
		t.Fatal("facts not encoded")
	}
	if got, ok := decode("f", b); !ok || !reflect.DeepEqual(got, f) {
		t.Errorf("facts: got %#v, %v, want %#v", got, ok, f)
	}
	if _, ok := decode("f", b[:len(b)-1]); ok {
		t.Error("cut facts decoded")
	}
}

// TestFactsAreThePreparedBodys: a body's facts read back from the disk,
// by a renderer that has not prepared it, are what preparing it says:
// its wikilinks, links and problems, and the Later made from them is the
// one made from the prepared body.
func TestFactsAreThePreparedBodys(t *testing.T) {
	d, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	opts := Options{Key: "wiki", Parts: PartHTML, Resolve: func(l Wikilink) (Resolution, error) {
		return Resolution{Dest: "contacts/" + l.Target + ".html", Text: strings.ToUpper(l.Target)}, nil
	}}
	src := Text(diskSample + "\n<script>x()</script>\n")
	first := New()
	first.Once()
	first.UseDisk(d)
	want := first.Facts(src)
	wantLater := first.Later(src, opts)
	again := New()
	again.Once()
	again.UseDisk(d)
	if got := again.Facts(src); !reflect.DeepEqual(got, want) || len(got.Wikilinks) != 3 || len(got.Removed) == 0 {
		t.Errorf("facts read back: %+v\nwant %+v", got, want)
	}
	if n := again.memo.values.Len(); n != 1 {
		t.Errorf("%d values held, want the facts alone (the prepared body was not read)", n)
	}
	later := again.Later(src, opts)
	if later.Key != wantLater.Key || fmt.Sprint(later.Make()) != fmt.Sprint(wantLater.Make()) {
		t.Error("a Later from facts read back is not the one from the prepared body")
	}
	again.Forget(src)
	if n := again.memo.values.Len(); n != 0 {
		t.Errorf("%d values held after Forget", n)
	}
	if links := again.Links(src); len(links) == 0 {
		t.Error("no links after Forget")
	}
}

// FuzzDecode: whatever the cache holds, decoding never panics, and what
// it accepts renders: an HTML half alone, and with a texts half that fits.
func FuzzDecode(f *testing.F) {
	p := New().prepareUncached(diskSample)
	html, _ := encode(p)
	textHalf, _ := encode(p.texts)
	f.Add(html, textHalf)
	f.Fuzz(func(t *testing.T, html, textHalf []byte) {
		v, ok := decode("p", html)
		if !ok {
			return
		}
		p := v.(*prepared)
		opts := Options{Parts: PartHTML, Rewrite: func(d string) string { return d }}
		New().resolve(Text(""), p, opts)
		if v, ok := decode("x", textHalf); ok && v.(*texts).fits(len(p.wikilinks), len(p.dests), len(p.headings)) {
			p.texts = v.(*texts)
			opts.Parts = 0
			New().resolve(Text(""), p, opts)
		}
	})
}

// TestSmallPartsReadBack: a body rendered for its summary and words alone,
// in a build that renders once, is what rendering it gives; a new
// renderer on the same disk gives the same without its prepared body,
// and sees a resolution that changed.
func TestSmallPartsReadBack(t *testing.T) {
	d, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	name := "Ana"
	opts := Options{Key: "public", Parts: PartSummary | PartWords, Resolve: func(l Wikilink) (Resolution, error) {
		if l.Target == "z" {
			return Resolution{}, errors.New("no z")
		}
		return Resolution{Dest: "/" + l.Target + "/", Text: name + " " + l.Target}, nil
	}}
	src := Text("Met [[ana]] and [[z]] today, [[bo|Bo]] too.\n\n[[x|]] and [a](/posts/y/ \"[[q]]\").\n\nMore words here.\n")
	renderer := func() *Renderer {
		r := New()
		r.Once()
		r.UseDisk(d)
		return r
	}
	for _, who := range []string{"Ana", "Ana Lima"} {
		name = who
		want := New().Render(src, opts)
		if !strings.Contains(want.Summary, who) || want.Words == 0 || len(want.Slips) == 0 || len(want.Unrendered) == 0 || len(want.Errors) != 1 {
			t.Fatalf("the sample lacks parts: %+v", want)
		}
		if got := renderer().Render(src, opts); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s, made:\n%+v\nwant\n%+v", who, got, want)
		}
		again := renderer()
		if got := again.Render(src, opts); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s, read back:\n%+v\nwant\n%+v", who, got, want)
		}
		if _, ok := again.memo.values.Get(again.sourceKey("p", src)); ok {
			t.Errorf("%s: the prepared body was read back", who)
		}
	}
	b, _ := encode(&small{summary: "s", words: 3})
	if _, ok := decode("s", b[:len(b)-1]); ok {
		t.Error("a cut summary decoded")
	}
}

// TestFactsKeepThePreparedBody: a run that reads a body's facts, and so
// no more of it, keeps its prepared form in the cache for a later run
// whose page needs it: Commit drops what a run did not use.
func TestFactsKeepThePreparedBody(t *testing.T) {
	dir := t.TempDir()
	src := Text(diskSample)
	run := func(use func(r *Renderer)) {
		d, err := diskcache.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		r := New()
		r.Once()
		r.UseDisk(d)
		use(r)
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		d.Close()
	}
	run(func(r *Renderer) { r.Facts(src) })
	run(func(r *Renderer) { r.Facts(src); r.Later(src, Options{Key: "wiki"}) })
	run(func(r *Renderer) {
		if !r.memo.has(r.sourceKey("p", src)) {
			t.Error("the prepared body is gone from the cache")
		}
		if _, ok := r.Let(src, func() (string, error) { return diskSample, nil }); !ok {
			t.Error("the body's text cannot be let go")
		}
	})
}

// TestHalvesReadBack: a renderer on a disk another prepared the body on
// reads back only the half each audience fills: a page's HTML without
// the texts, the search's text and a summary without the HTML; and
// either way renders what preparing the body anew does.
func TestHalvesReadBack(t *testing.T) {
	d, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	src := Text(diskSample)
	resolve := func(l Wikilink) (Resolution, error) {
		return Resolution{Dest: "/" + l.Target + "/", Text: "The " + l.Target}, nil
	}
	first := New()
	first.Once()
	first.UseDisk(d)
	first.Facts(src)
	for _, c := range []struct {
		parts      Parts
		html, text bool // the halves read
	}{
		{PartHTML, true, false},
		{PartText, false, true},
		{PartSummary | PartWords, false, true},
		{PartHTML | PartText, true, true},
		{0, true, true},
	} {
		opts := Options{Key: "wiki", Parts: c.parts, Resolve: resolve}
		want := New().Render(src, opts)
		r := New()
		r.Once()
		r.UseDisk(d)
		got := r.Later(src, opts).Make()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("parts %b:\n%+v\nwant\n%+v", c.parts, got, want)
		}
		_, html := r.memo.values.Get(r.sourceKey("p", src))
		_, text := r.memo.values.Get(textsKey(r.sourceKey("p", src)))
		if html != c.html || text != c.text {
			t.Errorf("parts %b: read the HTML half %v and the texts half %v, want %v and %v", c.parts, html, text, c.html, c.text)
		}
	}
}
