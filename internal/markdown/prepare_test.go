package markdown

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// prepareSamples are bodies with wikilinks everywhere they may be: in
// headings (two that end up with the same id), tables, emphasis, links,
// lists, footnotes, beside code, and site links to rewrite.
var prepareSamples = []string{
	"Plain text, no links.\n",
	"# [[ana]] said\n\n# Ana said\n\n## [[bo|Bo]] and [[ana]]\n\nText with [[ana]], *[[bo|Bo]]* and `[[code]]`.\n",
	"| who | what |\n|---|---|\n| [[ana|a friend]] | lunch |\n\n[see /x](/posts/x/) and [abs](https://e.org/) and ![i](/img/a.png \"t\")\n",
	"- [[ana]]\n- [[#Heading]]\n- [[#Heading|here]]\n\n## Heading\n\nA footnote[^1].\n\n[^1]: With [[bo]].\n",
	"```go\nfunc main() {} // [[not a link]]\n```\n\n[[unknown target]] and [[slug|]] and [[[ana]]].\n",
	"Quotes \"[[ana]]\" -- and... &amp; \\*escaped\\*\n\n# Ana\n\n# [[ana]]\n\n# Ana-1\n",
	"![alt [[ana]]](/p.png)\n",
	"A [link with [[ana]] inside](/posts/z/).\n\n<div>raw [[ana]]</div>\n",
	"<p>Raw <a href=\"/posts/x/\">x</a>, <img src=\"/img/a.png\" alt=\"\">,\n<a href=\"https://e.org/\">e</a> and <a href=\"rel/\">r</a>.</p>\n\nInline <a href=\"/posts/b/?q=1&amp;r=2#part\">b</a> with [[ana]].\n",
	"Met [[ana]] -- twice.\n\n## With [[bo|Bo]]\n\n- a list\n\n<!--more-->\n\nThe rest, with [[ana]].\n",
	"Met [[ana]].\n\n## With [[bo|Bo]]\n\n- a list\n\nAfter it.\n\n   <!--more-->\n\nThe rest, with [[ana]].\n",
	"Met [[ana]].\n  <!--more-->\nThe rest.\n\n\t<!--more-->\n\nCode, [[bo]].\n",
}

// TestRawHTMLLinksFollowTheSite: a site path in raw HTML leads where the
// same path in a Markdown link leads, for each audience (the wiki, opened
// from files, cannot follow /posts/x/), and the link check sees it at its
// line; a fragment of the page stays as written, and is checked too.
func TestRawHTMLLinksFollowTheSite(t *testing.T) {
	src := "Intro.\n\n<p>See <a href=\"/posts/x/\">x</a>\nand <img src=\"/img/a.png\" alt=\"\">.</p>\n\nAlso <a href=\"/posts/b/?q=1&amp;r=2#part\">b</a>, <a href=\"https://e.org/\">e</a>, <a href=\"#top\">top</a>.\n" +
		"\nSpaced <a href = \"/posts/s/\">s</a> and <A HREF=\"/posts/u/\">u</A>.\n"
	opts := Options{Rewrite: func(d string) string { return "https://example.com" + d }}
	r := New()
	for name, res := range map[string]Result{"prepared": r.resolve(Text(src), r.prepareUncached(src), opts), "rendered": r.render(src, opts)} {
		for _, want := range []string{`<a href="https://example.com/posts/x/">`, `<img src="https://example.com/img/a.png"`,
			`<a href="https://example.com/posts/b/?q=1&amp;r=2#part">`, `<a href="https://e.org/">`, `<a href="#top">`,
			`<a href="https://example.com/posts/s/">`, `<a href="https://example.com/posts/u/">`} {
			if !strings.Contains(res.HTML, want) {
				t.Errorf("%s: want %s in\n%s", name, want, res.HTML)
			}
		}
		// #top, kept as written, is looked for on the page that shows it.
		want := []LinkUse{{"/posts/x/", 2}, {"/img/a.png", 3}, {"/posts/b/?q=1&amp;r=2#part", 5}, {"#top", 5}, {"/posts/s/", 7}, {"/posts/u/", 7}}
		if !reflect.DeepEqual(res.Links, want) {
			t.Errorf("%s: links %v, want %v", name, res.Links, want)
		}
	}
}

// TestRawHTMLLinkLines: a site path in raw HTML is checked at the line
// its tag begins on, after whatever of its HTML block the page does not
// keep: a comment, a script or a style over lines, a tag whose
// attributes go over lines, a link left with no attribute (dropped) —
// all of it counted as written, on a site that trusts its HTML too
// (which loses the comment alone).
func TestRawHTMLLinkLines(t *testing.T) {
	src := "Para.\n\n<div>\n<!-- a\ncomment\nover lines -->\n<script>\nx()\n</script>\n" + // 0-8
		"<a href=\"/posts/a/\">a</a>\n" + // 9
		"<style>\np {}\n</style>\n" + // 10-12
		"<img\n  class=\"wide\"\n  src=\"/img/b.png\" alt=\"\">\n" + // 13-15
		"<a href=\"/posts/c/\">c</a>\n" + // 16
		"<iframe src=\"/posts/d/\"\n></iframe>\n" + // 17-18
		"<a\nonclick=\"x()\">no</a>\n" + // 19-20
		"<a href=\"/posts/e/\" onclick=\"x()\">e</a> <a href=\"/p/über/\">ü</a>\n" + // 21
		"</div>\n\nSee <!-- an\naside --> <a href=\"/posts/f/\">f</a>.\n" // 22-25
	for _, trust := range []bool{false, true} {
		want := []LinkUse{{"/posts/a/", 9}, {"/img/b.png", 13}, {"/posts/c/", 16}, {"/posts/e/", 21}, {"/p/%C3%BCber/", 21}, {"/posts/f/", 25}}
		if trust {
			want = []LinkUse{{"/posts/a/", 9}, {"/img/b.png", 13}, {"/posts/c/", 16}, {"/posts/d/", 17}, {"/posts/e/", 21}, {"/p/über/", 21}, {"/posts/f/", 25}}
		}
		r := New()
		r.TrustHTML(trust)
		for name, res := range map[string]Result{"prepared": r.resolve(Text(src), r.prepareUncached(src), Options{}), "rendered": r.render(src, Options{}), "remembered": r.Render(Text(src), Options{Key: "k"})} {
			if !reflect.DeepEqual(res.Links, want) {
				t.Errorf("trust %v, %s: links %v, want %v", trust, name, res.Links, want)
			}
		}
	}
}

// TestPrepareEqualsRender: a body rendered once, its holes filled for an
// audience, is byte for byte the body rendered for that audience alone —
// for the sample bodies and every body of the example site.
func TestPrepareEqualsRender(t *testing.T) {
	sources := append([]string(nil), prepareSamples...)
	paths, _ := filepath.Glob("../../content/*/*.md")
	more, _ := filepath.Glob("../../content/*/*/*.md")
	for _, p := range append(paths, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, body, ok := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n"); ok {
			sources = append(sources, body)
		}
	}
	if len(sources) < len(prepareSamples)+10 {
		t.Fatalf("only %d bodies: the test proves little", len(sources))
	}
	audiences := map[string]Options{
		"none": {},
		"public": {
			Resolve: func(l Wikilink) (Resolution, error) {
				switch {
				case l.Target == "":
					return Resolution{Dest: "#" + HeadingID(l.Fragment)}, nil
				case strings.Contains(l.Target, "bo"):
					return Resolution{Text: "Bo & Co <b>"}, nil
				case strings.Contains(l.Target, "unknown"):
					return Resolution{}, errors.New("no such page")
				}
				return Resolution{Dest: "/blog/posts/" + l.Target + "/", Text: "Ana Lima"}, nil
			},
			Rewrite: func(d string) string {
				if strings.HasPrefix(d, "/") {
					return "/blog" + d
				}
				return d
			},
		},
		"wiki, a post's page": {
			Rewrite: func(d string) string {
				if strings.HasPrefix(d, "/") {
					return "https://example.com" + d
				}
				return "https://example.com" + ResolveRelative("/posts/p/", d)
			},
			RawRelative: true,
		},
		"wiki": {
			Resolve: func(l Wikilink) (Resolution, error) {
				if strings.Contains(l.Target, "unknown") {
					return Resolution{Class: "unresolved", Title: `nothing is called "x"`}, nil
				}
				return Resolution{Dest: "../contacts/" + l.Target + ".html", Class: "wikilink", Title: "Contact: " + l.Target}, nil
			},
			Rewrite: func(d string) string {
				if strings.HasPrefix(d, "/") {
					return "https://example.com" + d
				}
				return d
			},
		},
	}
	r := New()
	for i, src := range sources {
		p := r.prepareUncached(src)
		for name, opts := range audiences {
			want := r.render(src, opts)
			got := r.resolve(Text(src), p, opts)
			if !reflect.DeepEqual(errStrings(got), errStrings(want)) {
				t.Errorf("source %d, %s: errors %v, want %v", i, name, errStrings(got), errStrings(want))
			}
			got.Errors, want.Errors = nil, nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("source %d, %s:\ngot  %q\nwant %q\ntext %q\nwant %q", i, name, got.HTML, want.HTML, got.Text, want.Text)
			}
		}
	}
}

func errStrings(r Result) []string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, e.Err.Error())
	}
	return out
}

// TestPartsAreThoseOfTheWholeResult: asking for some of a Result's texts
// gives exactly those of the whole Result, and nothing of the others,
// remembered or not, and for a body rendered whole (a wikilink in an
// image's alt text) as for one with holes.
func TestPartsAreThoseOfTheWholeResult(t *testing.T) {
	resolve := func(l Wikilink) (Resolution, error) {
		if strings.Contains(l.Target, "unknown") {
			return Resolution{}, errors.New("no such page")
		}
		return Resolution{Dest: "../" + l.Target + ".html", Text: "Ana & Lima", Class: "wikilink"}, nil
	}
	rewrite := func(d string) string { return "https://example.com" + d }
	r := New()
	for i, src := range prepareSamples {
		for _, key := range []string{"", "parts test"} {
			whole := r.Render(Text(src), Options{Resolve: resolve, Rewrite: rewrite, Key: key})
			if whole.HTML == "" {
				t.Fatalf("source %d: the whole result has no HTML", i)
			}
			for ps := Parts(1); ps <= allParts; ps++ {
				got := r.Render(Text(src), Options{Resolve: resolve, Rewrite: rewrite, Key: key, Parts: ps})
				want := whole.only(ps)
				if !reflect.DeepEqual(errStrings(got), errStrings(want)) {
					t.Errorf("source %d, parts %05b: errors %v, want %v", i, ps, errStrings(got), errStrings(want))
				}
				got.Errors, want.Errors = nil, nil
				if !reflect.DeepEqual(got, want) {
					t.Errorf("source %d, key %q, parts %05b:\ngot  %+v\nwant %+v", i, key, ps, got, want)
				}
			}
		}
	}
}

// FuzzParts holds parts to the regular expression it replaced, on any
// text around holes well made or not.
func FuzzParts(f *testing.F) {
	const mark = "njhole0123456789abcdef01234567"
	for _, s := range []string{"plain", mark + "W0z", "a" + mark + "D12zb" + mark + "H3z", mark + "X1z", mark + "Wz", mark + "W1", mark + "W99999999999999999999999z", "x" + mark} {
		f.Add(s)
	}
	pattern := regexp.MustCompile(`njhole[0-9a-f]{24}([WDHA])([0-9]+)z`)
	want := func(s string) []part {
		var out []part
		for {
			i := strings.Index(s, mark)
			if i < 0 {
				break
			}
			m := pattern.FindStringSubmatchIndex(s[i:])
			if m == nil || m[0] != 0 {
				break
			}
			n, _ := strconv.Atoi(s[i+m[4] : i+m[5]])
			out = append(out, part{lit: s[:i]}, part{kind: s[i+m[2]], i: n})
			s = s[i+m[1]:]
		}
		return append(out, part{lit: s})
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := parts(s, mark), want(s); !slices.Equal(got, want) {
			t.Errorf("parts(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestRewritable: paths of the site, from the root or from the page, are
// given to Rewrite; URLs, fragments and queries alone are not, entities
// read as goldmark reads them.
func TestRewritable(t *testing.T) {
	for dest, want := range map[string]bool{
		"/posts/x/": true, "pic.png": true, "../x/?a=1#b": true, "c9.io": true, "a/b:c": true,
		"": false, "#top": false, "?q=1": false, "//cdn.example/x": false, "https://x.example": false,
		"mailto:a@b.c": false, "&#109;ailto:a@b.c": false, "caf&eacute;.png": true,
	} {
		if got := rewritable(dest); got != want {
			t.Errorf("rewritable(%q) = %v, want %v", dest, got, want)
		}
	}
	for _, tc := range []struct{ at, dest, want string }{
		{"/posts/p/", "pic.png", "/posts/p/pic.png"},
		{"/posts/p/", "../q/#top", "/posts/q/#top"},
		{"/posts/p/", "../../../x.png?v=2", "/x.png?v=2"},
		{"/posts/p/", "./", "/posts/p/"},
		{"/posts/p/", "..", "/posts/"},
		{"/posts/p/", "sub/", "/posts/p/sub/"},
	} {
		if got := ResolveRelative(tc.at, tc.dest); got != tc.want {
			t.Errorf("ResolveRelative(%q, %q) = %q, want %q", tc.at, tc.dest, got, tc.want)
		}
	}
}

// TestRewriteGivenPathsOnly: Rewrite is given the paths written in
// Markdown, and of raw HTML those from the root: a URL, a fragment, a
// mailto: never (a body rendered whole, with a wikilink in an image's
// text, gave it every one), and raw HTML's relative links stay as written,
// byte for byte.
func TestRewriteGivenPathsOnly(t *testing.T) {
	src := "![photo of [[Ana]]](pic.png) [go](https://go.dev/doc/) [top](#intro) [mail](mailto:a@b.c) [up](../x/)\n\n" +
		"<a href=\"a&amp;amp;b.png\">raw</a> <img src=\"c&#233;.png\" alt=\"c\"> <a href=\"/root/\">root</a>\n"
	for _, key := range []string{"", "k"} {
		var given []string
		opts := Options{Key: key, Rewrite: func(d string) string {
			given = append(given, d)
			return "/R" + d
		}, Resolve: func(Wikilink) (Resolution, error) { return Resolution{Dest: "/ana/"}, nil }}
		res := New().Render(Text(src), opts)
		slices.Sort(given)
		if strings.Join(given, " ") != "../x/ /root/ pic.png" {
			t.Errorf("key %q: Rewrite given %q", key, given)
		}
		for _, want := range []string{`href="https://go.dev/doc/"`, `href="#intro"`, `href="mailto:a@b.c"`, `href="a&amp;amp;b.png"`, `src="c%C3%A9.png"`, `href="/R/root/"`, `href="/R../x/"`} {
			if !strings.Contains(res.HTML, want) {
				t.Errorf("key %q: no %s in\n%s", key, want, res.HTML)
			}
		}
	}
}

// TestRawRootPathEntities: a path from the root in raw HTML, which the
// tokenizer decoded once, is not decoded again when the base path is put
// before it: /a&amp;amp;b/ names the folder a&amp;b, as written, as a
// Markdown link's /e&amp;amp;f/ does.
func TestRawRootPathEntities(t *testing.T) {
	src := "<a href=\"/a&amp;amp;b/\">raw</a> <a href=\"/c&amp;d/\">one</a> [md](/e&amp;amp;f/)\n"
	for _, key := range []string{"", "k"} {
		res := New().Render(Text(src), Options{Key: key, Rewrite: func(d string) string { return "/R" + d }})
		for _, want := range []string{`href="/R/a&amp;amp;b/"`, `href="/R/c&amp;d/"`, `href="/R/e&amp;amp;f/"`} {
			if !strings.Contains(res.HTML, want) {
				t.Errorf("key %q: no %s in\n%s", key, want, res.HTML)
			}
		}
	}
}

// TestRawRelativeRenderedWholeForItsAudienceAlone: a body whose raw HTML
// has a relative path is rendered whole for the audience that has such
// paths rewritten (RawRelative) alone: the others fill it, prepared once,
// their pages made later (a Later with a key), and may let its text go.
func TestRawRelativeRenderedWholeForItsAudienceAlone(t *testing.T) {
	src := Text("Intro.\n\n<img src=\"pic.png\" width=\"30\">\n")
	r := New()
	rewrite := func(d string) string { return "https://example.com" + ResolveRelative("/posts/p/", d) }
	if l := r.Later(src, Options{Key: "blog", Rewrite: func(d string) string { return d }}); l.Key == "" {
		t.Error("the blog's Later is made at once: the body is rendered whole for it")
	}
	l := r.Later(src, Options{Key: "wiki post", Rewrite: rewrite, RawRelative: true})
	if l.Key != "" {
		t.Error("the wiki's Later is not rendered whole")
	}
	if html := l.Make().HTML; !strings.Contains(html, `<img src="https://example.com/posts/p/pic.png" width="30">`) {
		t.Errorf("the wiki's HTML: %s", html)
	}
	if f := r.facts(src); f.fallback || !f.rawRelative {
		t.Errorf("facts: fallback %v, rawRelative %v", f.fallback, f.rawRelative)
	}
}

// TestTrustedSrcsetAndPoster: an image's srcset and a video's poster
// (kept with trust_html or without) name files as src does: a root path goes under the base
// path, a relative one is led from the post's page where its audience
// asks (the wiki), and each is a link the check finds at its line. They
// stayed as written: the wiki's responsive image was broken, and a blog
// under /blog/ asked the host's root for it.
func TestTrustedSrcsetAndPoster(t *testing.T) {
	src := Text("Intro.\n\n<picture>\n<source srcset=\"/wide.webp 2x, /narrow.webp\">\n" +
		"<img src=\"pic.png\" srcset=\"pic.png 1x,pic@2x.png 2x, https://cdn.example/p.png 3x\" alt=\"p\">\n</picture>\n\n" +
		"<video poster=\"still.jpg\" src=\"/clip.mp4\"></video>\n")
	base := func(d string) string {
		if RootPath(d) {
			return "/blog" + d
		}
		return d
	}
	wiki := func(d string) string {
		if RootPath(d) {
			return "https://example.com/blog" + d
		}
		return "https://example.com" + ResolveRelative("/blog/posts/p/", d)
	}
	for _, trust := range []bool{true, false} {
		r := New()
		r.TrustHTML(trust)
		blog := r.Render(src, Options{Key: "blog", Rewrite: base})
		priv := r.Render(src, Options{Key: "wiki post", Rewrite: wiki, RawRelative: true})
		for _, opts := range []Options{{Rewrite: base}, {Rewrite: wiki, RawRelative: true}} {
			// Filled from the prepared body as rendered whole.
			got, want := r.resolve(src, r.prepareUncached(src.text), opts), r.render(src.text, opts)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("trust %v, prepared and filled:\n%s\nrendered:\n%s", trust, got.HTML, want.HTML)
			}
		}
		for _, want := range []string{
			`srcset="/blog/wide.webp 2x, /blog/narrow.webp"`,
			`srcset="pic.png 1x,pic@2x.png 2x, https://cdn.example/p.png 3x"`,
			`poster="still.jpg"`,
			`src="/blog/clip.mp4"`,
		} {
			if !strings.Contains(blog.HTML, want) {
				t.Errorf("the blog's HTML has no %s:\n%s", want, blog.HTML)
			}
		}
		for _, want := range []string{
			`srcset="https://example.com/blog/wide.webp 2x, https://example.com/blog/narrow.webp"`,
			`srcset="https://example.com/blog/posts/p/pic.png 1x, https://example.com/blog/posts/p/pic@2x.png 2x, https://cdn.example/p.png 3x"`,
			`poster="https://example.com/blog/posts/p/still.jpg"`,
		} {
			if !strings.Contains(priv.HTML, want) {
				t.Errorf("the wiki's HTML has no %s:\n%s", want, priv.HTML)
			}
		}
		var got []string
		for _, l := range blog.Links {
			got = append(got, fmt.Sprintf("%s@%d", l.Dest, l.Line))
		}
		want := "/wide.webp@3 /narrow.webp@3 pic.png@4 pic.png@4 pic@2x.png@4 still.jpg@7 /clip.mp4@7"
		if strings.Join(got, " ") != want {
			t.Errorf("links: %s\nwant:  %s", strings.Join(got, " "), want)
		}
	}
}

// TestSrcsetCandidates: a srcset's images as the HTML standard reads them:
// a comma inside a URL stays in it, one it ends with ends the image.
func TestSrcsetCandidates(t *testing.T) {
	for in, want := range map[string]string{
		"a.png":                       "[a.png|]",
		"a.png 1x, b.png 2x":          "[a.png| 1x][b.png| 2x]",
		" a.png,b.png 2x ,, c.png 3x": "[a.png,b.png| 2x ][c.png| 3x]", // one URL, as browsers read it
		"img,1.png 100w, i(2).png":    "[img,1.png| 100w][i(2).png|]",
		"a.png 1x (x, y), b.png":      "[a.png| 1x (x, y)][b.png|]",
		"":                            "",
		" , ":                         "",
	} {
		var got strings.Builder
		for _, c := range srcsetCandidates(in) {
			fmt.Fprintf(&got, "[%s|%s]", c.url, c.descriptors)
		}
		if got.String() != want {
			t.Errorf("srcsetCandidates(%q) = %s, want %s", in, got.String(), want)
		}
	}
}
