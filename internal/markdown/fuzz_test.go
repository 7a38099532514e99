package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzRender: any body renders without panicking, and every wikilink and
// link the renderer reports sits on a line of the source.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"# Title\n\n[[a]] [[b|c]] [[d#e]] ![[f]] [[#g]] [[|]] [[x|]] [[",
		"```go\nfunc main() {}\n```\n",
		"Term\n: definition\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: note\n",
		"<script>alert(1)</script> [x](/posts/a/) ![i](/img.png)",
		"$$<script>alert(1)</script> [[a]]$$ and $$\nx_1 \\\\ [[b]]\n$$\n\n- $$y$$",
		"![a $$x$$](i.png) [b $$y$$](/u)\n\n## $$z$$\n\n| $$1$$ | b |\n|---|---|\n| c | $$d$$ |\n\n> - $$e\n>   f$$\n\nTerm $$g$$\n: $$h$$\n",
		"Para.\n\n<div>\n<!-- a\ncomment -->\n<script>\nx()\n</script>\n<img\n src=\"/a.png\"><a href=\"/p/über/\">ü</a>\n</div>\n",
	} {
		f.Add(seed)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		res := r.Render(Text(src), Options{
			Resolve: func(l Wikilink) (Resolution, error) {
				return Resolution{Dest: "/x/" + l.Target, Class: "c"}, nil
			},
			Rewrite: func(d string) string { return "/base" + d },
		})
		lines := strings.Count(src, "\n")
		for _, l := range res.Wikilinks {
			if l.Line < 0 || l.Line > lines {
				t.Errorf("wikilink %+v on line %d of %d", l, l.Line, lines)
			}
		}
		for _, l := range res.Links {
			if l.Line < 0 || l.Line > lines {
				t.Errorf("link %+v on line %d of %d", l, l.Line, lines)
			}
		}
		for _, e := range res.HTMLRemoved {
			if e.Line < 0 || e.Line > lines {
				t.Errorf("removed %v on line %d of %d", e.Err, e.Line, lines)
			}
		}
		if strings.Contains(res.HTML, "<script>") {
			t.Errorf("raw HTML was not escaped: %s", res.HTML)
		}
	})
}

// FuzzSrcset: a srcset's images are read without panicking, each URL
// non-empty, without white space and not ending in a comma, and the
// value written back with each URL as it was (srcsetLinks) reads as the
// same images.
func FuzzSrcset(f *testing.F) {
	for _, seed := range []string{"a.png 1x, b.png 2x", " a.png,b.png 2x ,, c.png 3x", "img,1.png 100w, i(2).png", "a.png 1x (x, y), b.png", ",,", "data:image/png;base64,AAA= 1x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cands := srcsetCandidates(s)
		for _, c := range cands {
			if c.url == "" || strings.ContainsAny(c.url, " \t\n\f\r") || strings.HasSuffix(c.url, ",") {
				t.Fatalf("srcsetCandidates(%q): URL %q", s, c.url)
			}
		}
		written, _ := srcsetLinks(s, func(u string) string { return html.EscapeString(u) })
		again := srcsetCandidates(html.UnescapeString(written))
		if len(again) != len(cands) {
			t.Fatalf("srcset %q written back as %q: %d images, want %d", s, written, len(again), len(cands))
		}
		for i := range cands {
			if again[i].url != cands[i].url || strings.TrimSpace(again[i].descriptors) != strings.TrimSpace(cands[i].descriptors) {
				t.Fatalf("srcset %q written back as %q: image %d %+v, want %+v", s, written, i, again[i], cands[i])
			}
		}
	})
}

// FuzzRenderPaths: a body rendered whole (no key) and prepared (a key,
// its parts kept for the next build) gives the same HTML, text, summary,
// words and divider, trusted or not (a sixth review's).
func FuzzRenderPaths(f *testing.F) {
	for _, seed := range []string{
		"<div hidden>\n\nsecret\n\n</div>\n\nPublic.\n",
		"<p>Intro</p>\n\n# H\n\ntext [[a]]\n",
		"Para <template>x</template> y\n",
		"<div>\n<p>a</p>\n</div>\n</div>\n\nMore.\n",
		"<",
		"<!--",
		"\r\n\r\n",
		"<p>a\n\n<p>b\n",
		"# [[a]]\n\n<p>x</p>",
		"<video>fallback\n\ntext\n\n</video>\n\nafter\n",
		"a <span hidden>b</span> c\n\n<div hidden>d</div>\n",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	f.Fuzz(func(t *testing.T, src string, trust bool) {
		r1 := New()
		r1.TrustHTML(trust)
		r2 := New()
		r2.TrustHTML(trust)
		a := r1.Render(Text(src), Options{})
		b := r2.Render(Text(src), Options{Key: "k"})
		if a.Text != b.Text {
			t.Errorf("Text whole %q prepared %q", a.Text, b.Text)
		}
		if a.Summary != b.Summary {
			t.Errorf("Summary whole %q prepared %q", a.Summary, b.Summary)
		}
		if a.Words != b.Words {
			t.Errorf("Words whole %d prepared %d", a.Words, b.Words)
		}
		if a.HTML != b.HTML {
			t.Errorf("HTML whole %q prepared %q", a.HTML, b.HTML)
		}
		if a.Divided != b.Divided {
			t.Errorf("Divided")
		}
	})
}
