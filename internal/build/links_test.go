package build

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"html"
	"maps"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/page"
)

func TestScan(t *testing.T) {
	page := []byte(`<!doctype html><html><head><link rel="stylesheet" href="/css/a.css?x=1&amp;y=2">
<script src='/js/s.js'></script></head><body>
<h2 id="part-two">Part two<a class="anchor" href="#part-two">#</a></h2>
<p>In text, a quote is escaped: href=&#34;/not-a-link/&#34; and id=&quot;nope&quot;.</p>
<img
 src="/img/x.png" alt="">
<a	href="../contacts/ana-lima.html" id='ana'>Ana</a></body></html>`)
	hrefs, ids := scan(page)
	want := []string{"/css/a.css?x=1&y=2", "/js/s.js", "#part-two", "/img/x.png", "../contacts/ana-lima.html"}
	if !slices.Equal(hrefs, want) {
		t.Errorf("hrefs = %q, want %q", hrefs, want)
	}
	if len(ids) != 2 || !ids.has("part-two") || !ids.has("ana") || ids.has("nope") {
		t.Errorf("ids = %v", ids)
	}
}

// TestScanTagsOnly: an attribute is one only within a tag. Text that
// reads as one is not (a real post's code, var c = "<a href='" + url +
// "'>", whose single quotes the page leaves as they are, was the broken
// link " + url + "). An anchor's name is a target, as browsers take it
// (a Jekyll blog's footnotes, <a name="two"></a>); another element's
// name is not.
func TestScanTagsOnly(t *testing.T) {
	page := []byte(`<meta name="description" content="x"><pre><code>var c = "&lt;a href='" + url + "'&gt;" id='q'
</code></pre><p>Two.<a name="two"></a> <A class="x" name='three'>3</A> <input name="q"> <a href="#two">2</a></p>` +
		// A review's: a > in a quoted value ends no tag, and what a
		// value says is no attribute.
		`<a title="1 > 0" id="x" href="/gone/">g</a> <img alt='a > b' src="/missing.png"> <p title="see href='/no/'">` +
		// A second review's: a quote not after an = opens no value, and a
		// script without an = is passed by all the same.
		`<a class="x"" href="/a">a</a> <img alt=don't src="/i.png"> <script>if (x < 1) go() // don't</script><p id="top"></p>` +
		// A third review's: unquoted values, as hand-written HTML has them.
		`<h2 id=intro>I</h2> <a href=/gone/>g</a>` +
		// Spaces around the =, as HTML allows them (the last review's).
		"<a href = \"/spaced/\">s</a> <p id =\n'sp'></p> <img src= /bare.png> <a href= >e</a>")
	hrefs, ids := scan(page)
	if want := []string{"#two", "/gone/", "/missing.png", "/a", "/i.png", "/gone/", "/spaced/", "/bare.png"}; !slices.Equal(hrefs, want) {
		t.Errorf("hrefs = %q, want %q", hrefs, want)
	}
	if len(ids) != 6 || !ids.has("two") || !ids.has("three") || !ids.has("x") || !ids.has("top") || !ids.has("intro") || !ids.has("sp") {
		t.Errorf("ids = %v", ids)
	}
	h2, i2 := scanBytes(page)
	if !slices.Equal(h2, hrefs) || !sameIDs(ids, i2) {
		t.Errorf("scanBytes: %q %v", h2, i2)
	}
}

// TestScanSkipsScripts: what a script says is not the page's links nor
// its ids, though it may build HTML (a real blog's static page wrote
// '<a href="'+url+'">' in one, and the check reported the link '+url+');
// the script's own src is a link.
func TestScanSkipsScripts(t *testing.T) {
	page := []byte(`<p id="a"><script src="/s.js">var s = '<a href="'+url+'" id="x">';</script>
<SCRIPT type="module"> document.body.innerHTML = '<img src="/no.png">' </Script >
<a href="/yes/">yes</a><script>var t = ' src="/unended.png"';`)
	hrefs, ids := scan(page)
	if want := []string{"/s.js", "/yes/"}; !slices.Equal(hrefs, want) {
		t.Errorf("hrefs = %q, want %q", hrefs, want)
	}
	if len(ids) != 1 || !ids.has("a") {
		t.Errorf("ids = %v", ids)
	}
}

// scanBytes is scan as first written, a byte at a time: the reference the
// faster one must equal. A space within a script's text (scriptRanges)
// starts no attribute, nor one outside a tag (after a '>', or before any
// '<'), nor one within a quoted value, which a quote right after an =
// begins; a name is an id on an a element alone.
func scanBytes(b []byte) (hrefs []string, ids map[string]bool) {
	ids = map[string]bool{}
	scripts := scriptRanges(b)
	open, quote, afterEq, unquoted, tag := false, byte(0), false, false, 0
	for i := 0; i < len(b); i++ {
		if slices.ContainsFunc(scripts, func(r [2]int) bool { return r[0] <= i && i < r[1] }) {
			continue
		}
		c := b[i]
		space := c == ' ' || c == '\n' || c == '\t'
		switch {
		case !open:
			if c == '<' {
				open, quote, afterEq, unquoted, tag = true, 0, false, false, i
			}
			continue
		case quote != 0:
			if c == quote {
				quote = 0
			}
			continue
		case unquoted:
			if c == '>' {
				open, unquoted = false, false
				continue
			}
			if !isHTMLSpace(c) {
				continue
			}
			unquoted = false // and the space may begin an attribute
		case afterEq:
			switch {
			case isHTMLSpace(c):
			case c == '"' || c == '\'':
				quote, afterEq = c, false
			case c == '>':
				open, afterEq = false, false
			default:
				afterEq, unquoted = false, true
			}
			continue
		default:
			switch c {
			case '>':
				open = false
				continue
			case '<':
				tag = i
				continue
			case '=':
				afterEq = true
				continue
			}
		}
		if !space {
			continue
		}
		rest := b[i+1:]
		anchor := len(b) > tag+2 && (b[tag+1] == 'a' || b[tag+1] == 'A') && (b[tag+2] == ' ' || b[tag+2] == '\n' || b[tag+2] == '\t')
		// name, spaces, =, spaces, then the value.
		var name string
		for _, n := range []string{"href", "src", "id", "name"} {
			if bytes.HasPrefix(rest, []byte(n)) && bytes.HasPrefix(bytes.TrimLeft(rest[len(n):], " \t\n\r\f"), []byte("=")) && (n != "name" || anchor) {
				name = n
				break
			}
		}
		if name == "" {
			continue
		}
		afterName := bytes.TrimLeft(rest[len(name):], " \t\n\r\f")
		rest = bytes.TrimLeft(afterName[1:], " \t\n\r\f")
		if len(rest) == 0 || rest[0] == '>' {
			continue
		}
		at := i + 1 + len(b[i+1:]) - len(rest) // the value's first byte
		var v string
		if q := rest[0]; q == '"' || q == '\'' {
			end := bytes.IndexByte(rest[1:], q)
			if end < 0 {
				break
			}
			v = html.UnescapeString(string(rest[1 : 1+end]))
			i = at + end + 1 // at the closing quote, which i++ passes
		} else {
			end := bytes.IndexAny(rest, " \t\n\r\f>")
			if end < 0 {
				end = len(rest)
			}
			v = html.UnescapeString(string(rest[:end]))
			i = at + end - 1 // at the value's last byte, which i++ passes
		}
		if name == "id" || name == "name" {
			ids[v] = true
		} else {
			hrefs = append(hrefs, v)
		}
	}
	return hrefs, ids
}

// sameIDs reports whether s is an idSet (sorted, each once) of the ids
// of set, each found by has.
func sameIDs(s idSet, set map[string]bool) bool {
	if len(s) != len(set) || !slices.IsSorted(s) {
		return false
	}
	for id := range set {
		if !s.has(id) {
			return false
		}
	}
	return true
}

// FuzzScan: scan finds what a byte-by-byte scan finds, in any bytes.
func FuzzScan(f *testing.F) {
	for _, s := range []string{`<a href="/x/" id='y'>`, ` src=`, "\thref='a\" b'", ` id="a" id="b" href=x href="`, `=href="x"`, ` data-id="q" xhref="r"`, ` id="b" id='a' id="b" href="/z" id="a&amp;"`, `<script src="/a"> href="/b" </script> href="/c"`, ` href="<script>" id="x"`, `<p href="<script>" id="x">`, `<a href="/a"" id="b" class= 'c' x=d'e src="/f">`, `<script>x < 1</script><p id="t">`, `<p><a name="x"> id='y' <A\nname="z"></p>`, `a>b<c href='d'`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		h1, i1 := scan(b)
		h2, i2 := scanBytes(b)
		if !slices.Equal(h1, h2) || !sameIDs(i1, i2) {
			t.Errorf("scan(%q) = %q %v, want %q %v", b, h1, i1, h2, i2)
		}
		// What keep puts on the disk, made as the page is scanned, is
		// the encoding of what scan finds, after what dst held.
		want := (&pageLinks{hrefs: h1, ids: i1}).encode([]byte("held"))
		if got := scanEncoded(b, []byte("held")); !bytes.Equal(got, want) {
			t.Errorf("scanEncoded(%q) = %q, want %q", b, got, want)
		}
	})
}

// TestResolveMemo: a remembered answer is the answer resolve gives, for
// every page, whatever pages asked before.
func TestResolveMemo(t *testing.T) {
	refs := []string{"", "#top", "?q=1", "?q=1#x", "/tags/", "/tags/go/#x", "../x/", "./", "a.html", "a.html#b", "../../up/",
		"https://example.com/blog/posts/x/", "https://example.com/blog", "https://other.org/", "//cdn.example/x", "mailto:a@b", "/caf%C3%A9/", "t%C3%A9.html"}
	pages := []string{"/blog/index.html", "/blog/posts/x/index.html", "/blog/posts/y/index.html", "/blog/tags/go/index.html", "/contacts/a.html", "/index.html"}
	for _, ctx := range [][2]string{{"https://example.com/blog", "/blog/"}, {"", ""}} {
		memo := resolveMemo{} // one site's: one abs and base
		for round := range 2 {
			for _, page := range pages {
				for _, ref := range refs {
					gt, gok := memo.resolve(ref, page, ctx[0], ctx[1])
					wt, wok := resolve(ref, page, ctx[0], ctx[1])
					if gt != wt || gok != wok {
						t.Errorf("round %d, %s on %s (%q): %q %v, want %q %v", round, ref, page, ctx[0], gt, gok, wt, wok)
					}
				}
			}
		}
	}
}

// TestResolveMemoBounded: a memo holds at most memoMax answers, and those
// it gave before it was full are given right after.
func TestResolveMemoBounded(t *testing.T) {
	memo := resolveMemo{}
	for i := range 3*memoMax + 7 {
		ref := fmt.Sprintf("../p-%d/#s", i)
		for range 2 {
			got, ok := memo.resolve(ref, "/posts/x/index.html", "", "/")
			if want := fmt.Sprintf("/posts/p-%d/#s", i); got != want || !ok {
				t.Fatalf("%s: %q %v, want %q", ref, got, ok, want)
			}
		}
		if len(memo) > memoMax {
			t.Fatalf("after %d hrefs the memo holds %d answers, more than %d", i+1, len(memo), memoMax)
		}
	}
	if got, _ := memo.resolve("/tags/", "/index.html", "", "/"); got != "/tags/" {
		t.Errorf("after many: %q", got)
	}
}

// TestLinksWaitOnDisk: a streamed page's links wait in the cache until the
// check reads them back; from the page as written if the cache lost them,
// and as a warning at the page if neither can be read.
func TestLinksWaitOnDisk(t *testing.T) {
	pages := map[string][]byte{
		"a.html": []byte(`<p id="top"><a href="b.html#end">b</a> <a href="/gone.html">gone</a></p>`),
		"b.html": []byte(`<p id="end">b</p>`),
	}
	for _, tc := range []struct {
		name   string
		lose   bool  // the cache's copy is lost
		staged error // reading the page as written fails
		want   []string
	}{
		{"from the cache", false, nil, []string{"a.html: gone"}},
		{"from the page as written", true, nil, []string{"a.html: gone"}},
		{"from neither", true, errors.New("disk on fire"), []string{"a.html: not checked", "b.html: not checked"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := diskcache.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			var lc linkCache
			k := &linkKeeper{lc: &lc, prefix: "private/", disk: d, hrefs: &hrefTable{},
				staged: func(file string, _ *[]byte) ([]byte, error) { return pages[file], tc.staged }}
			for file, b := range pages {
				if err := k.keep(file, page.Key{1, byte(len(file)), file[0]}, func() ([]byte, error) { return b, nil }); err != nil {
					t.Fatal(err)
				}
				if p := lc.pages["private/"+file]; !p.pending || p.refs != nil || p.ids != nil {
					t.Fatalf("%s: its links are held, not left on disk", file)
				}
			}
			if tc.lose {
				d.Close() // reads fail from here on
			} else {
				defer d.Close()
			}
			site := newSiteIndex(map[string][]byte{"a.html": nil, "b.html": nil}, lc.pages, "private/", "")
			var got []string
			for _, file := range []string{"a.html", "b.html"} {
				for _, w := range checkPrivate(site, file, "https://example.com/", "/", nil, func(string) string { return "" }, memoCheck(site, "/"), resolveMemo{}) {
					switch {
					case strings.Contains(w.Msg, "not checked"):
						got = append(got, file+": not checked")
					case strings.Contains(w.Msg, "gone"):
						got = append(got, file+": gone")
					default:
						got = append(got, file+": "+w.Msg)
					}
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("warnings %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzResolvePlain: an href that resolvePlain answers for resolves there
// as a URL parser resolves it.
func FuzzResolvePlain(f *testing.F) {
	for _, s := range [][2]string{{"/tags/", "/index.html"}, {"../x/", "/blog/posts/y/index.html"}, {"./", "/a/b.html"}, {"..", "/a/b.html"},
		{"../../../..", "/a/b/index.html"}, {"a.html", "/contacts/b.html"}, {"x/../y/./z/", "/"}, {"~u", "/a/"}, {"//cdn/x", "/"}, {"../x/", "/café/index.html"}, {".../", "/a/"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, ref, page string) {
		if !strings.HasPrefix(page, "/") {
			return // a page's path is absolute
		}
		got, ok := resolvePlain(ref, page)
		if !ok {
			return
		}
		want, wok := resolveURL(ref, page)
		if got != want || !wok {
			t.Errorf("%q on %q: %q, want %q %v", ref, page, got, want, wok)
		}
	})
}

// FuzzPageLinksDecode: a page's links and ids read back from the cache
// as they were kept; bytes that are not a whole record read as none, and
// never panic.
func FuzzPageLinksDecode(f *testing.F) {
	f.Add([]byte((&pageLinks{hrefs: []string{"/a/", "../b.html#c", "", "/a/"}, ids: idSetOf([]string{"x", "é"})}).encode(nil)))
	f.Add([]byte((&pageLinks{}).encode(nil)))
	f.Add([]byte{0, 3, 1, 'b', 1, 'a', 1, 'b'}) // ids out of order, one twice
	f.Add([]byte{2, 1, 'a'})
	f.Fuzz(func(t *testing.T, b []byte) {
		// Decoded from a copy: the fuzzer's input is not the test's to
		// change.
		read := bytes.Clone(b)
		var p pageLinks
		if !p.decode(read) {
			return
		}
		// What decode keeps is its own: readBack reads into a buffer
		// that the next page's links are read into.
		hrefs, ids := clones(p.hrefs), clones(p.ids)
		for i := range read {
			read[i] = 0xff
		}
		if !slices.Equal(p.hrefs, hrefs) || !slices.Equal(p.ids, ids) {
			t.Fatalf("decoded %q %q, which changed with the bytes to %q %q", hrefs, ids, p.hrefs, p.ids)
		}
		again := (&pageLinks{hrefs: p.hrefs, ids: p.ids}).encode(nil)
		var q pageLinks
		if !q.decode(again) || !slices.Equal(p.hrefs, q.hrefs) || !slices.Equal(p.ids, q.ids) {
			t.Errorf("%q read back as %q %v, which reads back as %q %v", b, p.hrefs, p.ids, q.hrefs, q.ids)
		}
		set := map[string]bool{}
		for _, id := range p.ids {
			set[id] = true
		}
		if !sameIDs(p.ids, set) {
			t.Errorf("%q read back ids %q, not sorted each once", b, p.ids)
		}
	})
}

// clones returns copies of ss that share no memory with them.
func clones[S ~[]string](ss S) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}

// TestPageLinksRoundTrip: what encode keeps, decode reads back.
func TestPageLinksRoundTrip(t *testing.T) {
	want := &pageLinks{hrefs: []string{"/a/", "../b.html#c", "", "/a/", "https://x.example/é"}, ids: idSetOf([]string{"x", "é", ""})}
	var got pageLinks
	if !got.decode(want.encode(nil)) || !slices.Equal(got.hrefs, want.hrefs) || !slices.Equal(got.ids, want.ids) {
		t.Errorf("read back %q %v, want %q %v", got.hrefs, got.ids, want.hrefs, want.ids)
	}
	// Ids kept out of order, or twice (by another version), read back as
	// the set they are.
	var odd pageLinks
	if !odd.decode([]byte{0, 3, 1, 'b', 1, 'a', 1, 'b'}) || !slices.Equal(odd.ids, idSet{"a", "b"}) || !odd.ids.has("a") || odd.ids.has("c") {
		t.Errorf("ids b, a, b read back as %q", odd.ids)
	}
	b := want.encode(nil)
	for n := range len(b) {
		if (&pageLinks{}).decode(b[:n]) {
			t.Errorf("the first %d of %d bytes read back", n, len(b))
		}
	}
}

// TestLinkWarningsAsFilesComeAndGo: rebuilds in memory check again only
// the pages that a file that came, went, or has other ids may answer a
// link of; their warnings are a full build's as a post a menu links to
// comes and goes, as a page's wiki links to an event's page come and go,
// and as the heading a menu links to comes and goes.
func TestLinkWarningsAsFilesComeAndGo(t *testing.T) {
	dir := copySite(t)
	rewrite(t, dir, "netjournal.yaml", func(s string) string {
		return s + "menu:\n  - {title: Home, url: /}\n  - {title: Soon, url: /posts/soon/}\n  - {title: Later, url: \"/posts/idempotency-is-a-contract/#later-heading\"}\n"
	})
	// A body's links too: a contact's, which is checked at its line
	// while the wiki's files come and go.
	rewrite(t, dir, "content/contacts/carla-duarte.md", func(s string) string {
		return s + "\nSee [soon](/posts/soon/) and [later](/posts/idempotency-is-a-contract/#later-heading).\n"
	})
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	b := NewBuilder(os.DirFS(dir))
	b.Watched()
	first, err := b.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	// The body reports its link, and the menu's to the same page is
	// not reported again.
	const broken = "broken link /posts/soon/"
	if !strings.Contains(first.Warnings.Error(), "carla-duarte.md:33: "+broken) {
		t.Fatalf("the body's link to /posts/soon/ is not broken: the test proves nothing\n%v", first.Warnings)
	}
	const post, event, heading = "content/posts/soon.md", "content/events/2026-11-20-soon.md", "content/posts/idempotency-is-a-contract.md"
	for i, step := range []struct {
		what string
		do   func() string
	}{
		{"the post the menu links to comes", func() string {
			write(t, dir, post, "---\ntitle: Soon\ndate: 2026-11-01\n---\nHere.\n")
			return post
		}},
		{"an event comes", func() string {
			write(t, dir, event, "---\ntitle: Soon met\ndate: 2026-11-20\nwith: [mei-chen]\n---\nMet.\n")
			return event
		}},
		{"the heading the menu links to comes", func() string {
			rewrite(t, dir, heading, func(s string) string { return s + "\n## Later heading\n\nText.\n" })
			return heading
		}},
		{"the post goes", func() string {
			os.Remove(filepath.Join(dir, post))
			return post
		}},
		{"the event goes", func() string {
			os.Remove(filepath.Join(dir, event))
			return event
		}},
		{"the heading goes", func() string {
			rewrite(t, dir, heading, func(s string) string { return strings.Replace(s, "\n## Later heading\n\nText.\n", "", 1) })
			return heading
		}},
	} {
		want := warnsLikeFull(t, b, dir, opts, step.do(), fmt.Sprintf("%d, %s", i, step.what))
		if i == 0 && strings.Contains(want, broken) {
			t.Errorf("the menu's link to /posts/soon/ is still broken: the test proves nothing")
		}
	}
}

// watching returns a builder of the site in dir as serve's, after its
// first render, and the options it rendered with.
func watching(t *testing.T, dir string) (*Builder, Options) {
	t.Helper()
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	b := NewBuilder(os.DirFS(dir))
	b.Watched()
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	return b, opts
}

// warnsLikeFull rebuilds b after the file changed, compares its warnings
// with a full build's, and returns those.
func warnsLikeFull(t *testing.T, b *Builder, dir string, opts Options, changed, what string) string {
	t.Helper()
	b.Forget(changed)
	got, err := b.Render(opts)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	want, err := Render(os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := got.Warnings.Error(), want.Warnings.Error(); g != w {
		t.Errorf("%s: the warnings are\n%s\nwant\n%s", what, g, w)
	}
	return want.Warnings.Error()
}

// write writes data to the file rel of dir, and its folders.
func write(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBodyLinksAfterTrustHTML: a body's links in raw HTML are what the
// site's trust_html keeps of it, so turning it on or off checks the bodies
// again: a rebuild reports what a full build does.
func TestBodyLinksAfterTrustHTML(t *testing.T) {
	dir := copySite(t)
	const post = "content/posts/idempotency-is-a-contract.md"
	rewrite(t, dir, post, func(s string) string { return s + "\n<script src=\"/missing.js\"></script>\n" })
	b, opts := watching(t, dir)
	for i, trust := range []string{"trust_html: true\n", ""} {
		rewrite(t, dir, "netjournal.yaml", func(s string) string {
			s, _, _ = strings.Cut(s, "# trust\n")
			return s + "# trust\n" + trust
		})
		warnsLikeFull(t, b, dir, opts, "netjournal.yaml", fmt.Sprintf("%d (%q)", i, trust))
	}
}

// TestBodyLinksAfterBodyEdits: a rebuild after bodies alone were edited
// checks the links of those bodies, and takes the others' warnings from
// the last check: its warnings are a full build's as a post's body gains
// a broken link, another body is edited (the first warning stays, once),
// a contact's body gains one too, and both are mended.
func TestBodyLinksAfterBodyEdits(t *testing.T) {
	dir := copySite(t)
	b, opts := watching(t, dir)
	const post, other, contact = "content/posts/idempotency-is-a-contract.md", "content/posts/consensus-talk-notes.md", "content/contacts/carla-duarte.md"
	const postLink, contactLink = "\nSee [the sequel](/posts/no-such-sequel/).\n", "\nHer [talk](/posts/no-such-talk/).\n"
	for i, step := range []struct {
		what, file string
		edit       func(string) string
		broken     int // broken links in bodies, after the step
	}{
		{"a post's body gains a broken link", post, func(s string) string { return s + postLink }, 1},
		{"another post's body is edited", other, func(s string) string { return s + "\nOne more line.\n" }, 1},
		{"a contact's body gains one", contact, func(s string) string { return s + contactLink }, 2},
		{"the post's is mended", post, func(s string) string { return strings.Replace(s, postLink, "\n", 1) }, 1},
		{"the contact's is mended", contact, func(s string) string { return strings.Replace(s, contactLink, "\n", 1) }, 0},
	} {
		rewrite(t, dir, step.file, step.edit)
		want := warnsLikeFull(t, b, dir, opts, step.file, fmt.Sprintf("%d, %s", i, step.what))
		if n := strings.Count(want, "broken link /posts/no-such-"); n != step.broken {
			t.Errorf("%d, %s: a full build reports %d broken links of bodies, want %d: the test proves nothing", i, step.what, n, step.broken)
		}
	}
}

// TestTouchesOf: a page's links are found by the paths whose answers
// changed (affectedPaths) as check looks them up: a wiki page's link to
// the blog by the blog's path (a post that came or went there), its link
// to a wiki page by the wiki's (escaped as written, with a fragment), a
// blog page's link under the base; a link elsewhere by none.
func TestTouchesOf(t *testing.T) {
	const abs, base = "https://example.com/me/", "/me/"
	const wikiPage = `<a href="../contacts/ana%20lima.html#notes">Ana</a> <a href="https://example.com/me/posts/soon/#intro">Soon</a> <a href="https://elsewhere.org/x/">x</a>`
	const blogPage = `<a href="/me/tags/go/">go</a> <a href="../../posts/later/">Later</a>`
	priv := newSiteIndex(map[string][]byte{"events/e.html": []byte(wikiPage)}, map[string]*pageLinks{}, "private/", abs+"\x00"+base)
	pub := newSiteIndex(map[string][]byte{"posts/p/index.html": []byte(blogPage)}, map[string]*pageLinks{}, "public/", abs+"\x00"+base)
	wiki := touchesOf(priv, "events/e.html", func() []pageLink { return privateLinks(priv, "events/e.html", abs, base, resolveMemo{}, nil) }, privateLookup(base))
	blog := touchesOf(pub, "posts/p/index.html", func() []pageLink { return publicLinks(pub, "posts/p/index.html", abs, base, resolveMemo{}, nil) }, publicLookup(base))
	for _, c := range []struct {
		what       string
		sums       touchSums
		own, other []string // files that came, went or have other ids
		want       bool
	}{
		{"the wiki page's contact goes", wiki, []string{"contacts/ana lima.html"}, nil, true},
		{"another contact goes", wiki, []string{"contacts/ben.html"}, nil, false},
		{"the blog's post it links to comes", wiki, nil, []string{"posts/soon/index.html"}, true},
		{"a wiki page of the post's path comes", wiki, []string{"posts/soon/index.html"}, nil, false},
		{"another post comes", wiki, nil, []string{"posts/later/index.html"}, false},
		{"the blog page's tag goes", blog, []string{"tags/go/index.html"}, nil, true},
		{"the blog page's relative link's post comes", blog, []string{"posts/later/index.html"}, nil, true},
		{"another tag goes", blog, []string{"tags/rust/index.html"}, nil, false},
	} {
		if got := c.sums.any(pathSums(affectedPaths(c.own)), pathSums(affectedPaths(c.other))); got != c.want {
			t.Errorf("%s: checked again %v, want %v", c.what, got, c.want)
		}
	}
}

// TestSortedAgain: the names of a site after files came and went, from
// the last check's sorted names, are the names sorted.
func TestSortedAgain(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		last := map[string][]byte{}
		for range rng.IntN(30) {
			last[fmt.Sprintf("p/%d.html", rng.IntN(60))] = nil
		}
		now := maps.Clone(last)
		for range rng.IntN(10) {
			name := fmt.Sprintf("p/%d.html", rng.IntN(60))
			if rng.IntN(2) == 0 {
				delete(now, name)
			} else {
				now[name] = nil
			}
		}
		got := sortedAgain(sortedKeys(last), diffNames(last, now))
		if want := sortedKeys(now); !slices.Equal(got, want) {
			t.Fatalf("round %d: %v, want %v", round, got, want)
		}
	}
}

// TestCheckKeepsResolvedLinks: a page in memory keeps the links resolved
// for it from one check to the next; the buffers a check makes a streamed
// page's links in are never its.
func TestCheckKeepsResolvedLinks(t *testing.T) {
	files := map[string][]byte{
		"index.html":    []byte(`<a href="/posts/gone/">a</a> <a href="/about.html#team">b</a> <a href="/about.html">c</a>`),
		"about.html":    []byte(`<h2 id="people">People</h2>`),
		"posts/a.html":  []byte(`<a href="../missing.html">m</a>`),
		"posts/b.html":  []byte(`<a href="/posts/a.html">a</a>`),
		"posts/c.html":  []byte(`<a href="/nowhere/">n</a> <a href="/posts/b.html">b</a>`),
		"posts/d.html":  []byte(`<a href="/posts/c.html#x">c</a>`),
		"posts/e.html":  []byte(``),
		"posts/f.html":  []byte(`<a href="https://elsewhere.example/">out</a>`),
		"posts/g.html":  []byte(`<a href="/posts/gone/">a</a>`),
		"posts/h.html":  []byte(`<a href="/index.html">home</a>`),
		"posts/i.html":  []byte(`<a href="/about.html#people">people</a>`),
		"posts/j.html":  []byte(`<a href="/posts/i.html">i</a>`),
		"posts/k.html":  []byte(`<a href="k2.html">k2</a>`),
		"posts/k2.html": []byte(`<a href="k.html">k</a>`),
	}
	site := newSiteIndex(files, map[string]*pageLinks{}, "public/", "")
	check := func() []string {
		var got []string
		why := memoCheck(site, "/")
		for _, page := range sortedKeys(files) {
			for _, w := range checkPublic(site, page, "https://example.com/", "/", nil, why, resolveMemo{}) {
				got = append(got, w.Error())
			}
		}
		return got
	}
	first := check()
	if len(first) != 6 {
		t.Fatalf("first check: %q, want the 6 broken links", first)
	}
	for range 3 {
		if again := check(); !slices.Equal(again, first) {
			t.Fatalf("checked again: %q, want %q", again, first)
		}
	}
}

// TestLinksIntoBuffer: a streamed page's links are made in the buffer
// given, one page after another; each page's are its own, a shorter
// page's not followed by the longer one's, and a page in memory keeps
// its own links out of the buffer.
func TestLinksIntoBuffer(t *testing.T) {
	cache := map[string]*pageLinks{
		"public/long.html":  {hrefs: []string{"/a/", "/b/", "/c/"}, from: &linkKeeper{}},
		"public/short.html": {hrefs: []string{"/d/"}, from: &linkKeeper{}},
	}
	files := map[string][]byte{"long.html": nil, "short.html": nil, "mem.html": []byte(`<a href="/e/">e</a>`)}
	site := newSiteIndex(files, cache, "public/", "")
	self := func(ref string) (string, bool) { return ref, true }
	buf := make([]pageLink, 0, 8)
	got := func(ls []pageLink) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.target)
		}
		return out
	}
	if ls := site.links("long.html", self, &buf); !slices.Equal(got(ls), []string{"/a/", "/b/", "/c/"}) || &ls[0] != &buf[0] {
		t.Fatalf("long.html: %q, made in the buffer: %v", got(ls), len(ls) > 0 && &ls[0] == &buf[0])
	}
	if ls := site.links("short.html", self, &buf); !slices.Equal(got(ls), []string{"/d/"}) || len(buf) != 1 {
		t.Fatalf("short.html: %q, the buffer %d long", got(ls), len(buf))
	}
	mem := site.links("mem.html", self, &buf)
	if !slices.Equal(got(mem), []string{"/e/"}) || len(buf) != 1 || buf[0].target != "/d/" {
		t.Fatalf("mem.html: %q; the buffer now %q", got(mem), got(buf))
	}
	clear(buf)
	if again := site.links("mem.html", self, &buf); !slices.Equal(got(again), []string{"/e/"}) {
		t.Errorf("mem.html, asked again: %q", got(again))
	}
}

// encode appends to b a page's hrefs and ids as scanEncoded does from
// the page's bytes, from their strings: what FuzzScan holds scanEncoded
// to, and what the tests of decode encode.
func (p *pageLinks) encode(b []byte) []byte {
	for _, list := range [][]string{p.hrefs, p.ids} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, s := range list {
			b = appendValue(b, s)
		}
	}
	return b
}

// TestPageLinksAsFilesComeAndGo: a link is broken while its target is
// missing, and fine once the target comes, on the blog (a post's link
// relative to its page, said at the body's line, and not again by the
// pages that show it) and in the wiki (a contact's links to an event and
// to the post on the blog, which no body line says): a rebuild in memory
// reports what a full build does, the pages that link to a path that
// came or went found by what their links look up (touchIndex), as those
// pages change.
func TestPageLinksAsFilesComeAndGo(t *testing.T) {
	dir := copySite(t)
	b, opts := watching(t, dir)
	const (
		blogLink   = "content/posts/idempotency-is-a-contract.md:115: broken link ../soon/: no such page"
		blogPage   = "public/posts/idempotency-is-a-contract/index.html: broken link"
		wikiPage   = "private/posts/idempotency-is-a-contract.html: broken link"
		wikiLink   = "private/contacts/carla-duarte.html: broken link ../events/2026-11-20-soon.html"
		toBlogLink = "private/contacts/carla-duarte.html: broken link https://maya.example.com/posts/soon/"
	)
	const linking, contact = "content/posts/idempotency-is-a-contract.md", "content/contacts/carla-duarte.md"
	const other, post, event = "content/posts/other.md", "content/posts/soon.md", "content/events/2026-11-20-soon.md"
	for i, step := range []struct {
		what       string
		do         func() string
		with, nope []string // warnings there, and not
	}{
		// Files came: what each page's links look up is known from now
		// on, and kept up to date as pages change.
		{"another post comes", func() string {
			write(t, dir, other, "---\ntitle: Other\ndate: 2026-10-01\n---\nThere.\n")
			return other
		}, nil, []string{blogLink, wikiLink, toBlogLink}},
		{"a post links to one to come", func() string {
			rewrite(t, dir, linking, func(s string) string { return s + "\nSee [soon](../soon/).\n" })
			return linking
		}, []string{blogLink}, []string{wikiLink, toBlogLink}},
		{"a contact links to an event and a post to come", func() string {
			rewrite(t, dir, contact, func(s string) string {
				return s + "\nSee [the event](../events/2026-11-20-soon.html) and [the post](https://maya.example.com/posts/soon/).\n"
			})
			return contact
		}, []string{blogLink, wikiLink, toBlogLink}, nil},
		{"the post comes", func() string {
			write(t, dir, post, "---\ntitle: Soon\ndate: 2026-11-01\n---\nHere.\n")
			return post
		}, []string{wikiLink}, []string{blogLink, toBlogLink}},
		{"the event comes", func() string {
			write(t, dir, event, "---\ntitle: Soon met\ndate: 2026-11-20\nwith: [mei-chen]\n---\nMet.\n")
			return event
		}, nil, []string{blogLink, wikiLink, toBlogLink}},
		{"the post goes", func() string {
			os.Remove(filepath.Join(dir, post))
			return post
		}, []string{blogLink, toBlogLink}, []string{wikiLink}},
		{"the event goes", func() string {
			os.Remove(filepath.Join(dir, event))
			return event
		}, []string{blogLink, wikiLink, toBlogLink}, nil},
	} {
		got := warnsLikeFull(t, b, dir, opts, step.do(), fmt.Sprintf("%d, %s", i, step.what))
		if strings.Contains(got, blogPage) || strings.Contains(got, wikiPage) {
			t.Errorf("%d, %s: the post's link said by a page:\n%s", i, step.what, got)
		}
		for _, w := range step.with {
			if !strings.Contains(got, w) {
				t.Errorf("%d, %s: no %q", i, step.what, w)
			}
		}
		for _, w := range step.nope {
			if strings.Contains(got, w) {
				t.Errorf("%d, %s: still %q", i, step.what, w)
			}
		}
	}
}

// TestWebHint: a broken link written as a web address without its scheme
// says what to write; a broken link to a file, or one whose page is there
// without its fragment, says nothing more.
func TestWebHint(t *testing.T) {
	for _, tc := range []struct{ ref, why, want string }{
		{"c9.io", noSuchPage, "; for the web site, write https://c9.io"},
		{"github.com/a/b?tab=1#x", noSuchPage, "; for the web site, write https://github.com/a/b?tab=1#x"},
		{"www.example.org", noSuchPage, "; for the web site, write https://www.example.org"},
		{"WWW.Example.AI/x", noSuchPage, "; for the web site, write https://WWW.Example.AI/x"},
		{"news.bbc.co.uk", noSuchPage, "; for the web site, write https://news.bbc.co.uk"},
		{"c9.io", "no #x on that page", ""},
		{"pic.png", noSuchPage, ""},
		{"setup.py", noSuchPage, ""},
		{"logo.ai", noSuchPage, ""},
		{"notes", noSuchPage, ""},
		{"../posts/x.html", noSuchPage, ""},
		{"a..com", noSuchPage, ""},
		{"-a.com", noSuchPage, ""},
		{"a_b.com", noSuchPage, ""},
		{"café.com", noSuchPage, ""},
	} {
		if got := webHint(tc.ref, tc.why); got != tc.want {
			t.Errorf("webHint(%q, %q) = %q, want %q", tc.ref, tc.why, got, tc.want)
		}
	}
}

// TestCheckScriptFragments: a fragment that a page's script reads (a web
// address, /url.html#http://x.example/a; a route, #/inbox or #!/inbox) is
// not an id to look for; any other fragment is.
func TestCheckScriptFragments(t *testing.T) {
	s := newSiteIndex(map[string][]byte{"url.html": []byte(`<p id="top">x</p>`)}, map[string]*pageLinks{}, "public/", "")
	for target, want := range map[string]string{
		"/url.html#http://x.example/a":   "",
		"/url.html#https%3A//x.example/": "",
		"/url.html#/inbox":               "",
		"/url.html#!/inbox":              "",
		"/url.html#top":                  "",
		"/url.html#nope":                 "no #nope on that page",
		"/url.html#a/b":                  "no #a/b on that page",
	} {
		if got := s.check(target, "/"); got != want {
			t.Errorf("check(%q) = %q, want %q", target, got, want)
		}
	}
}

// scriptRangesBytes is scriptRanges a byte at a time: the reference that
// the look for each tag's tail must equal.
func scriptRangesBytes(b []byte) [][2]int {
	tagAt := func(i int, tag string) bool {
		end := i + len(tag)
		if end > len(b) || !bytes.EqualFold(b[i:end], []byte(tag)) {
			return false
		}
		tail := string(b[end-len("cript") : end])
		if tail != "cript" && tail != "CRIPT" {
			return false
		}
		return end == len(b) || strings.IndexByte(" \t\n\r\f/>", b[end]) >= 0
	}
	var out [][2]int
	for i := 0; i < len(b); i++ {
		if !tagAt(i, "<script") {
			continue
		}
		gt := bytes.IndexByte(b[i:], '>')
		if gt < 0 {
			break
		}
		start, end := i+gt+1, len(b)
		for j := start; j < len(b); j++ {
			if tagAt(j, "</script") {
				end = j
				break
			}
		}
		out = append(out, [2]int{start, end})
		i = end - 1
	}
	return out
}

func FuzzScriptRanges(f *testing.F) {
	for _, s := range []string{`<script>a</script>`, `<SCRIPT src=x>CRIPT cript</SCRIPT>`, `description <Script>x</script >`, `<scripts><script/>`, `<script`, `<script>unended`, `cript CRIPT <script>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := scriptRanges(b), scriptRangesBytes(b); !slices.Equal(got, want) {
			t.Errorf("scriptRanges(%q) = %v, want %v", b, got, want)
		}
	})
}

// TestRelativeLinksSaidAtTheirLine: a body's link relative to its page on
// the blog (a post's, a page's) is checked where it leads there and said
// broken at the body's line, not by the blog's page nor the wiki's that
// show it; a draft's too, whose page in the wiki leads it to the blog.
func TestRelativeLinksSaidAtTheirLine(t *testing.T) {
	dir := copySite(t)
	const post, draft, about = "content/posts/idempotency-is-a-contract.md", "content/posts/consensus-talk-notes.md", "content/pages/about.md"
	rewrite(t, dir, post, func(s string) string {
		return s + "\n[gone](../gone/) ![pic](pic.png) [me](../idempotency-is-a-contract/) [frag](../idempotency-is-a-contract/#no-such-heading)\n" +
			"\n<img src=\"raw-gone.png\" width=\"30\">\n" +
			"\nQueries: <img src=\"here.png?v=2\" width=\"30\"> [q](../gone-q/?a=1&b=2) [root](/posts/idempotency-is-a-contract/?x=1)\n" +
			"\nEntities, read once: <img src=\"r&amp;copy.png\" width=\"30\"> [r](r&amp;copy.png) <a href=\"/posts/idempotency-is-a-contract/r&amp;copy.png\">a</a>\n"
	})
	rewrite(t, dir, draft, func(s string) string { return s + "\nSee [it](../gone-too/).\n" })
	write(t, dir, "static/posts/idempotency-is-a-contract/here.png", "png")
	write(t, dir, "static/posts/idempotency-is-a-contract/r&copy.png", "png")
	rewrite(t, dir, about, func(s string) string { return s + "\nSee [it](../missing/).\n" })
	// A link post's body is on the list of shared links too.
	const linkPost = "content/posts/cascading-failures-link.md"
	rewrite(t, dir, linkPost, func(s string) string {
		return s + "\nSee [mine](../idempotency-is-a-contract/) and [it](../shared-gone/).\n"
	})
	lineOf := func(rel, text string) int {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		before, _, _ := strings.Cut(string(b), text)
		return strings.Count(before, "\n") + 1
	}
	res, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Warnings.Error()
	pl, dl, al, ll := lineOf(post, "[gone]"), lineOf(draft, "[it]"), lineOf(about, "[it]"), lineOf(linkPost, "[mine]")
	for _, want := range []string{
		fmt.Sprintf("%s:%d: broken link ../gone/: no such page", post, pl),
		fmt.Sprintf("%s:%d: broken link pic.png: no such page", post, pl),
		fmt.Sprintf("%s:%d: broken link ../idempotency-is-a-contract/#no-such-heading: no #no-such-heading on that page", post, pl),
		fmt.Sprintf("%s:%d: broken link ../gone-too/: no such page", draft, dl),
		fmt.Sprintf("%s:%d: broken link ../missing/: no such page", about, al),
		fmt.Sprintf("%s:%d: broken link ../shared-gone/: no such page", linkPost, ll),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "../idempotency-is-a-contract/:") {
		t.Errorf("a link to the post's own page said broken:\n%s", got)
	}
	for _, line := range strings.Split(got, "\n") {
		for _, dest := range []string{"../gone/", "pic.png", "#no-such-heading", "../gone-too/", "../missing/", "shared-gone/", "../idempotency-is-a-contract/"} {
			if (strings.HasPrefix(line, "public/") || strings.HasPrefix(line, "private/")) && strings.Contains(line, dest+":") {
				t.Errorf("a page said %s again: %s", dest, line)
			}
		}
	}
	// A query names no other page: here.png is there, ../gone-q/ is not,
	// said once.
	if want := fmt.Sprintf("%s:%d: broken link ../gone-q/?a=1&b=2: no such page", post, pl+4); !strings.Contains(got, want) || strings.Count(got, "gone-q") != 1 {
		t.Errorf("a link with a query: want %q once in\n%s", want, got)
	}
	if strings.Contains(got, "here.png") || strings.Contains(got, "?x=1") || strings.Contains(got, "copy") || strings.Contains(got, "©") {
		t.Errorf("a link with a query to a file that is there said broken:\n%s", got)
	}
	// Raw HTML's too, which the wiki leads to the blog as well.
	if want := fmt.Sprintf("%s:%d: broken link raw-gone.png: no such page", post, pl+2); !strings.Contains(got, want) || strings.Count(got, "raw-gone.png") != 1 {
		t.Errorf("raw HTML's relative link: want %q once in\n%s", want, got)
	}
}

// TestEscapedBasePath: a base URL whose path has an escape
// (https://x/my%20blog/) is the blog's address as browsers write it:
// its pages link under /my%20blog/, the link check finds them there,
// and absolute URLs keep the escape (a space in a feed's link is no
// URL). However base_url spells its path (%7E for ~, é or %c3%a9, a
// parenthesis), the site has one spelling of it, and a body's link may
// spell the base path either way.
func TestEscapedBasePath(t *testing.T) {
	for _, tc := range []struct{ written, url, path, decoded string }{
		{"https://maya.example.com/my%20blog/", "https://maya.example.com/my%20blog/", "/my%20blog/", "/my blog/"},
		{"https://maya.example.com/my blog", "https://maya.example.com/my%20blog/", "/my%20blog/", "/my blog/"},
		{"https://maya.example.com/%7Emaya/", "https://maya.example.com/~maya/", "/~maya/", "/~maya/"},
		{"https://maya.example.com/caf%c3%a9/", "https://maya.example.com/caf%C3%A9/", "/caf%C3%A9/", "/café/"},
		{"https://maya.example.com/café/", "https://maya.example.com/caf%C3%A9/", "/caf%C3%A9/", "/café/"},
		{"https://maya.example.com/a%2Fb/", "https://maya.example.com/a/b/", "/a/b/", "/a/b/"},
		{"https://maya.example.com/notes(2)/", "https://maya.example.com/notes%282%29/", "/notes%282%29/", "/notes(2)/"},
	} {
		t.Run(tc.written, func(t *testing.T) {
			dir := copySite(t)
			rewrite(t, dir, "netjournal.yaml", func(s string) string {
				return strings.Replace(s, `base_url: "https://maya.example.com/"`, `base_url: "`+tc.written+`"`, 1)
			})
			const post = "content/posts/idempotency-is-a-contract.md"
			rewrite(t, dir, post, func(s string) string {
				return s + "\nSee [me](../idempotency-is-a-contract/#top), [root](/posts/idempotency-is-a-contract/), " +
					"[full](" + tc.path + "posts/idempotency-is-a-contract/), [shown](<" + tc.decoded + "posts/idempotency-is-a-contract/>) and [gone](../gone/).\n" +
					"\nAnd [its part](<" + tc.decoded + "posts/idempotency-is-a-contract/?v=2#the-in-flight-case>), [as written](" + tc.path + "posts/idempotency-is-a-contract/?v=2#the-in-flight-case)," +
					" [home](" + strings.TrimSuffix(tc.path, "/") + ").\n"
			})
			res, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			got := res.Warnings.Error()
			if n := strings.Count(got, "broken link"); n != 2 || !strings.Contains(got, "broken link ../gone/: no such page") ||
				!strings.Contains(got, "broken link ../idempotency-is-a-contract/#top: no #top on that page") {
				t.Errorf("want the post's ../gone/ and #top alone said broken, got %d:\n%s", n, got)
			}
			if got := res.Journal.Config.BaseURL; got != tc.url {
				t.Errorf("base URL = %q, want %q", got, tc.url)
			}
			home := string(res.Public["index.html"])
			if !strings.Contains(home, `href="`+tc.path+`posts/`) {
				t.Errorf("the home page links no post under %s:\n%.2000s", tc.path, home)
			}
			// The post's links to itself, written three ways, lead to its
			// page (a browser reads /notes(2)/ and /notes%282%29/ alike).
			page := string(res.Public["posts/idempotency-is-a-contract/index.html"])
			self := 0
			for _, m := range regexp.MustCompile(`href="([^"]*)posts/idempotency-is-a-contract/"`).FindAllStringSubmatch(page, -1) {
				if d, err := url.PathUnescape(m[1]); err == nil && d == tc.decoded {
					self++
				}
			}
			if self < 3 {
				t.Errorf("%d links of the post to itself under %s, want its three:\n%s", self, tc.decoded, page)
			}
			// The wiki leads each to the blog, its query and fragment as
			// they are.
			wiki := string(res.Private["posts/idempotency-is-a-contract.html"])
			if n := strings.Count(wiki, `href="`+tc.url+`posts/idempotency-is-a-contract/?v=2#the-in-flight-case"`); n != 2 {
				t.Errorf("%d links in the wiki to the blog's part, want 2:\n%s", n, wiki)
			}
			if !strings.Contains(wiki, `href="`+tc.url+`">home</a>`) {
				t.Errorf("the wiki's link to the blog's home, its base path written without its last /, is not %s:\n%s", tc.url, wiki)
			}
			feed := string(res.Public["index.xml"])
			if !strings.Contains(feed, tc.url+"posts/") {
				t.Errorf("the feed's links are not under %s:\n%.2000s", tc.url, feed)
			}
		})
	}
}

// TestDividedSummaryParagraphs: a summary of several paragraphs (before
// <!--more-->, or a front matter's block of text) shows as its
// paragraphs in the blog's lists and on the wiki's page of the post, as
// Hugo's .Summary does: they were one paragraph of text run together.
func TestDividedSummaryParagraphs(t *testing.T) {
	dir := copySite(t)
	rewrite(t, dir, "content/posts/idempotency-is-a-contract.md", func(s string) string {
		s = regexp.MustCompile(`(?m)^summary:.*\n`).ReplaceAllString(s, "")
		i := strings.Index(s[4:], "---\n") + 8
		return s[:i] + "First of the summary.\n\nSecond of it, with **bold**.\n\n<!--more-->\n\n" + s[i:]
	})
	rewrite(t, dir, "content/posts/retries-backoff-and-jitter.md", func(s string) string {
		return regexp.MustCompile(`(?m)^summary:.*\n`).ReplaceAllString(s, "summary: |\n  Written first.\n\n  Written second.\n")
	})
	res, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	tag := string(res.Public["tags/api-design/index.html"])
	if !strings.Contains(tag, `<p class="entry-summary">First of the summary.</p>`) || !strings.Contains(tag, `<p class="entry-summary">Second of it, with bold.</p>`) {
		t.Errorf("the tag's page does not show the summary's two paragraphs:\n%s", tag)
	}
	home := string(res.Public["index.html"])
	if !strings.Contains(home, `<p class="entry-summary">Written first.</p>`) || !strings.Contains(home, `<p class="entry-summary">Written second.</p>`) {
		t.Errorf("the home page does not show the written summary's two paragraphs:\n%s", home)
	}
	wiki := string(res.Private["posts/retries-backoff-and-jitter.html"])
	if !strings.Contains(wiki, "<dt>Summary</dt><dd><p>Written first.</p><p>Written second.</p></dd>") {
		t.Errorf("the wiki's page does not show the summary's two paragraphs:\n%s", wiki)
	}
}

// TestFragmentLinksSaidAtTheirLine: a body's link to a fragment of its
// own page (#why) that no element of that page has is said broken once,
// at the body's line: not by each page that shows the body (a post's on
// the blog and in the wiki, a contact's or an event's in the wiki). One
// to a heading that is there is not said at all, in Markdown or raw
// HTML, nor one a page's script reads (#/inbox).
func TestFragmentLinksSaidAtTheirLine(t *testing.T) {
	dir := copySite(t)
	// A link post's body is on the list of shared links too, its ids and
	// its links to them written #<slug>.why there.
	const post, contact, event, linkPost = "content/posts/idempotency-is-a-contract.md", "content/contacts/mei-chen.md", "content/events/2026-11-15-call-mei-promo.md", "content/posts/cascading-failures-link.md"
	for _, f := range []string{post, contact, event, linkPost} {
		rewrite(t, dir, f, func(s string) string {
			return s + "\n## A heading here\n\nSee [why](#why_need_react), [here](#a-heading-here), [route](#/inbox) and <a href=\"#raw-gone\">raw</a>, <a href=\"#a-heading-here\">raw here</a>.\n"
		})
	}
	res, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Warnings.Error()
	for _, f := range []string{post, contact, event, linkPost} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		before, _, _ := strings.Cut(string(b), "[why]")
		line := strings.Count(before, "\n") + 1
		for _, want := range []string{
			fmt.Sprintf("%s:%d: broken link #why_need_react: no #why_need_react on that page", f, line),
			fmt.Sprintf("%s:%d: broken link #raw-gone: no #raw-gone on that page", f, line),
		} {
			if !strings.Contains(got, want) {
				t.Errorf("no %q in\n%s", want, got)
			}
		}
	}
	for _, frag := range []string{"#why_need_react", "#raw-gone"} {
		if n := strings.Count(got, "broken link "+frag+":"); n != 4 {
			t.Errorf("%s said %d times, not once for each of the four bodies:\n%s", frag, n, got)
		}
	}
	for _, frag := range []string{"#a-heading-here", "#/inbox", "cascading-failures-revisited."} {
		if strings.Contains(got, frag) {
			t.Errorf("%s said broken:\n%s", frag, got)
		}
	}
}

// TestFragmentLinksAfterEdits: a rebuild in memory says a body's link to
// a fragment of its page broken as a full build does, when what its page
// has changed while the body did not (a heading's id made of a contact's
// name, the name changed).
func TestFragmentLinksAfterEdits(t *testing.T) {
	dir := copySite(t)
	b, opts := watching(t, dir)
	const contact, mei, post = "content/contacts/carla-duarte.md", "content/contacts/mei-chen.md", "content/posts/consensus-talk-notes.md"
	const section = "\n## Met [[Mei]]\n\nSee [above](#met-mei-chen).\n"
	for i, step := range []struct {
		what, file string
		edit       func(string) string
		broken     int // broken links to #met-mei-chen, after the step
	}{
		{"a contact's body gains a link to its heading", contact, func(s string) string { return s + section }, 0},
		{"the name the heading shows changes", mei, func(s string) string { return strings.Replace(s, `name: "Mei Chen"`, `name: "Mei Lin"`, 1) }, 1},
		{"a post's body is edited", post, func(s string) string { return s + "\nOne more line.\n" }, 1},
		{"the name is as it was", mei, func(s string) string { return strings.Replace(s, `name: "Mei Lin"`, `name: "Mei Chen"`, 1) }, 0},
		{"another edit of the post", post, func(s string) string { return s + "\nAnd another.\n" }, 0},
	} {
		rewrite(t, dir, step.file, step.edit)
		want := warnsLikeFull(t, b, dir, opts, step.file, fmt.Sprintf("%d, %s", i, step.what))
		if n := strings.Count(want, "broken link #met-mei-chen:"); n != step.broken {
			t.Errorf("%d, %s: a full build reports %d broken links to #met-mei-chen, want %d: the test proves nothing\n%s", i, step.what, n, step.broken, want)
		}
	}
}

// TestWikiLinksAsTheBlogs: a post's links lead in the wiki where they
// lead on the blog, its page's address before them, whatever entities
// and escapes they are written with: a Markdown link's "&copy=2" is no
// entity (CommonMark reads none without its ";"), and raw HTML's value is
// read once, by the tokenizer; the wiki read them again (?a=1©=2, and
// raw HTML's &amp;amp;copy=2 as &copy=2).
func TestWikiLinksAsTheBlogs(t *testing.T) {
	dir := copySite(t)
	const post = "content/posts/idempotency-is-a-contract.md"
	links := []string{
		"[md](/posts/r/?a=1&amp;copy=2)",
		"[md2](/posts/r/?a=1&copy=2)",
		"[md3](/posts/r/a\\_b/)",
		"[md4](&#47;posts/r/)",
		`<a href="/posts/r/?a=1&amp;copy=2">raw</a>`,
		`<a href="/posts/r/?a=1&amp;amp;copy=2">raw2</a>`,
		`<a href="/posts/r/?a=1&copy=2">raw3</a>`,
		"[rel](pic&amp;copy.png)",
		"[rel2](pic&copy.png)",
		`<a href="pic&amp;amp;x.png">rawrel</a>`,
		`<a href="pic&copy=2.png">rawrel2</a>`,
	}
	rewrite(t, dir, post, func(s string) string { return s + "\nLinks: " + strings.Join(links, ", ") + ".\n" })
	res, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	blog, wikiPage := string(res.Public["posts/idempotency-is-a-contract/index.html"]), string(res.Private["posts/idempotency-is-a-contract.html"])
	hrefs := func(page string) map[string]string {
		m := map[string]string{}
		for _, sm := range regexp.MustCompile(`<a href="([^"]*)">([a-z0-9]+)</a>`).FindAllStringSubmatch(page, -1) {
			m[sm[2]] = sm[1]
		}
		return m
	}
	b, w := hrefs(blog), hrefs(wikiPage)
	for _, name := range []string{"md", "md2", "md3", "md4", "raw", "raw2", "raw3", "rel", "rel2", "rawrel", "rawrel2"} {
		bh, ok := b[name]
		if !ok {
			t.Errorf("%s: not on the blog's page", name)
			continue
		}
		want := "https://maya.example.com" + bh
		if !strings.HasPrefix(bh, "/") {
			want = "https://maya.example.com/posts/idempotency-is-a-contract/" + bh
		}
		if w[name] != want {
			t.Errorf("%s: the wiki's href %q, want %q (the blog's %q)", name, w[name], want, bh)
		}
	}
}

// TestLegacySlugLinks: a post whose file name mixes scripts had the slug
// of its ASCII letters alone (go, of Go语言入门.md) before a slug kept
// every script: a link written to that slug ([[go]]) that names nothing
// else still leads to the post; one that names another (rust.md's
// [[rust]]) leads there, and nothing is ambiguous. The old address is no
// page of the site (a static file may be there).
func TestLegacySlugLinks(t *testing.T) {
	dir := copySite(t)
	const head = "---\ntitle: %s\ndate: 2026-01-0%d\n---\n%s\n"
	write(t, dir, "content/posts/Go语言入门.md", fmt.Sprintf(head, "入门", 1, "Text."))
	write(t, dir, "content/posts/Rust笔记.md", fmt.Sprintf(head, "笔记", 4, "Text."))
	write(t, dir, "content/posts/rust.md", fmt.Sprintf(head, "Rust", 5, "See [[go]] and [[rust]]."))
	write(t, dir, "static/posts/go/index.html", "<p>mine</p>")
	res, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Public["posts/rust/index.html"])
	if !strings.Contains(page, `href="/posts/go%E8%AF%AD%E8%A8%80%E5%85%A5%E9%97%A8/"`) {
		t.Errorf("[[go]] does not lead to Go语言入门:\n%s", page)
	}
	if !strings.Contains(page, `<a href="/posts/rust/">Rust</a>`) {
		t.Errorf("[[rust]] does not lead to rust.md:\n%s", page)
	}
	if got := string(res.Public["posts/go/index.html"]); got != "<p>mine</p>" {
		t.Errorf("posts/go/index.html: %q, want the static file", got)
	}
}

// TestServeRefusesWebLinkToPrivate: under serve, whose pages name the
// local server (Options.Origin), a link to a private post by the site's
// own address (base_url's) is refused as build refuses it (a review's
// finding: it was compared with the server's address).
func TestServeRefusesWebLinkToPrivate(t *testing.T) {
	fsys := fstest.MapFS{
		"netjournal.yaml":         {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"content/posts/secret.md": {Data: []byte("---\ntitle: Secret\ndate: 2026-01-01\nprivate: true\n---\nMine.\n")},
		"content/posts/open.md":   {Data: []byte("---\ntitle: Open\ndate: 2026-01-02\n---\n[then](https://example.com/posts/secret/)\n")},
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for _, origin := range []string{"", "http://127.0.0.1:1313"} {
		if _, err := Render(fsys, Options{Now: now, Origin: origin}); err == nil || !strings.Contains(err.Error(), "links to private post") {
			t.Errorf("origin %q: %v", origin, err)
		}
	}
}
