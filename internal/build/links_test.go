package build

import (
	"bytes"
	"html"
	"maps"
	"slices"
	"testing"
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
	if len(ids) != 2 || !ids["part-two"] || !ids["ana"] {
		t.Errorf("ids = %v", ids)
	}
}

// scanBytes is scan as first written, a byte at a time: the reference the
// faster one must equal.
func scanBytes(b []byte) (hrefs []string, ids map[string]bool) {
	ids = map[string]bool{}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != ' ' && c != '\n' && c != '\t' {
			continue
		}
		rest := b[i+1:]
		var name string
		switch {
		case bytes.HasPrefix(rest, []byte("href=")):
			name = "href"
		case bytes.HasPrefix(rest, []byte("src=")):
			name = "src"
		case bytes.HasPrefix(rest, []byte("id=")):
			name = "id"
		default:
			continue
		}
		rest = rest[len(name)+1:]
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			continue
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			break
		}
		v := html.UnescapeString(string(rest[1 : 1+end]))
		if name == "id" {
			ids[v] = true
		} else {
			hrefs = append(hrefs, v)
		}
		i += len(name) + 1 + end + 1
	}
	return hrefs, ids
}

// FuzzScan: scan finds what a byte-by-byte scan finds, in any bytes.
func FuzzScan(f *testing.F) {
	for _, s := range []string{`<a href="/x/" id='y'>`, ` src=`, "\thref='a\" b'", ` id="a" id="b" href=x href="`, `=href="x"`, ` data-id="q" xhref="r"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		h1, i1 := scan(b)
		h2, i2 := scanBytes(b)
		if !slices.Equal(h1, h2) || !maps.Equal(i1, i2) {
			t.Errorf("scan(%q) = %q %v, want %q %v", b, h1, i1, h2, i2)
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
