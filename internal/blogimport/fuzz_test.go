package blogimport

import (
	"github.com/netjournal/netjournal/internal/markdown"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

var fuzzSeeds = []string{
	"---\ntitle: Hi\ndate: 2018-06-24 11:07:00 +0800\ntags: a b c\n---\nBody {{ site.baseurl }}\n",
	"+++\ntitle = \"Hi\"\ndate = 2019-04-02T10:30:00+02:00\n[params]\nx = 1\n+++\n{{< highlight go >}}\nx\n{{< /highlight >}}\n",
	"{\n \"title\": \"Hi\", \"date\": \"2020-01-15\", \"tags\": [\"a\"]\n}\n{{< figure src=\"a.png\" caption=\"c\" >}}\n",
	"---\na: &x [*x]\n---\n",
	"---\ntitle: M\n---\n$$\\\\a \\_b$$ `$$\\c$$` \\$$ {{< katex display >}}\\d{{< /katex >}} $$\n\n$$ {{< katex >}}{{< /katex >}}\n",
	"Then $n\\le20$ and `$x$` \\$y\\$ $$z$$ $5 and $10 $\\to $\n\n$a\n\nb$ <div>$c$</div>\n\n    $code$\n",
	"---\ntitle: [\n---\n",
	"+++\ntitle = \n+++\n",
	"{\"title\": ",
	"{% raw %}{{ x }}{% endraw %}{% highlight %}{% endhighlight %}{% post_url x %}",
	"{{</* x */>}} {{< /y >}} {{% z %}}{{< a \"b >}} ```\n{{< c >}}\n```",
	"`{{ x }}` [[y]] {% comment %}",
	"\uFEFF---\r\ntitle: x\r\n---\r\n",
	"---\ntitle: About\nurl: /About Me.html\nmenu: {main: {weight: 3, name: \"x: y\"}}\npermalink: /:path/:basename/\naliases: [a, /b/]\nredirect_from: /c/\ntoc: true\nlastmod: 2020-01-01\n---\nText\n",
	"+++\ntitle = \"Talks\"\nmenu = [\"main\", \"footer\"]\nslug = \"_x\"\n+++\n![a](a.png)\n",
	"---\ntitle: D\nexcerpt_separator: <!--x-->\n---\nIntro.\n  <!--x--> <!--more--> rest\n\n- a\n\n   <!--more-->\n\t<!--more--> b\n",
	"---\ntitle: T\n---\n|---+---|\n| a | b |\n| c |\n<div>\n| d | e |\n</div>\n{% bogus %}\nBefore\n$$\nx\n$$\nafter $$y$$\n",
}

// FuzzSplit reads any file as front matter: never a panic, and an error
// always at a line of the file.
func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		meta, body, bodyLine, err := Split("x.md", []byte(src))
		lines := strings.Count(src, "\n") + 1
		if err != nil {
			if err.Pos.Path != "x.md" || err.Pos.Line < 1 || err.Pos.Line > lines {
				t.Fatalf("error %v outside the file's %d lines", err, lines)
			}
			return
		}
		if bodyLine < 1 || bodyLine > lines+1 {
			t.Fatalf("body line %d of %d", bodyLine, lines)
		}
		if meta != nil {
			for _, k := range meta.Keys() {
				if l := meta.LineOf(k); l < 1 || l > lines {
					t.Fatalf("key %q at line %d of %d", k, l, lines)
				}
			}
		}
		_ = body
	})
}

// FuzzConvert converts any body's shortcodes and Liquid, and its $…$
// math: never a panic, every warning at a line of the body.
func FuzzConvert(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		const first = 7
		last := first + strings.Count(src, "\n")
		for _, hugo := range []bool{true, false} {
			c := newConverter(src, first, func(line int, format string, args ...any) {
				if line < first || line > last {
					t.Fatalf("warning at line %d, outside %d-%d: "+format, append([]any{line, first, last}, args...)...)
				}
			})
			var out string
			if hugo {
				out = c.shortcodes()
			} else {
				out = c.liquid()
			}
			escapeWikilinks(out)
		}
		// $…$ math written $$…$$ changes nothing else.
		if got := dollarMath(src); strings.ReplaceAll(got, "$", "") != strings.ReplaceAll(src, "$", "") {
			t.Fatalf("dollarMath(%q) = %q: more than its dollars changed", src, got)
		}
	})
}

// FuzzImport imports any file as a Hugo post and page and as a Jekyll
// post and page: never a panic, every warning at a line of the file, and
// every post and page written loads back with its title, pages at their
// addresses.
func FuzzImport(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		for _, kind := range []string{"hugo", "jekyll"} {
			var plan *Plan
			var err error
			if kind == "hugo" {
				plan, err = Hugo(fstest.MapFS{
					"config.toml":                   {Data: []byte("baseURL = \"https://h.example.net/\"\n")},
					"content/posts/2018-06-24-x.md": {Data: []byte(src)},
					"content/about.md":              {Data: []byte(src)},
					"content/posts/h.html":          {Data: []byte(src)},
					"content/misc/x/index.md":       {Data: []byte(src)},
				}, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
			} else {
				plan, err = Jekyll(fstest.MapFS{
					"_config.yml":              {Data: []byte("url: https://j.example.net\n")},
					"_posts/2018-06-24-x.md":   {Data: []byte(src)},
					"_posts/2018-06-25-h.html": {Data: []byte(src)},
					"talks.html":               {Data: []byte(src)},
					"_drafts/undated.md":       {Data: []byte(src)},
					"about.md":                 {Data: []byte(src)},
					"docs/index.markdown":      {Data: []byte(src)},
				}, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range plan.Warnings {
				if (strings.HasSuffix(w.Pos.Path, ".md") || strings.HasSuffix(w.Pos.Path, ".html")) && (w.Pos.Line < 1 || w.Pos.Line > lines) {
					t.Fatalf("%s: warning %v outside the file's %d lines", kind, w, lines)
				}
			}
			for _, p := range plan.Posts {
				meta, _, _, perr := Split(p.Path, p.File())
				if perr != nil || meta == nil {
					t.Fatalf("%s: the post written does not read: %v\n%s", kind, perr, p.File())
				}
				if v, _ := meta.Get("title"); v != p.Title {
					t.Fatalf("%s: title %q written, %v read", kind, p.Title, v)
				}
				if _, err := content.Load(fstest.MapFS{
					content.ConfigFile: {Data: []byte("title: T\nbase_url: https://example.com/\n")},
					p.Path:             {Data: p.File()},
				}); err != nil {
					t.Fatalf("%s: the post written does not load: %v\n%s", kind, err, p.File())
				}
			}
			for _, p := range plan.Pages {
				meta, _, _, perr := Split(p.Path, p.File())
				if perr != nil || meta == nil {
					t.Fatalf("%s: the page written does not read: %v\n%s", kind, perr, p.File())
				}
				if v, _ := meta.Get("title"); v != p.Title {
					t.Fatalf("%s: title %q written, %v read", kind, p.Title, v)
				}
				site, err := content.Load(fstest.MapFS{
					content.ConfigFile: {Data: []byte("title: T\nbase_url: https://example.com/\n")},
					p.Path:             {Data: p.File()},
				})
				if err != nil {
					t.Fatalf("%s: the page written does not load: %v\n%s", kind, err, p.File())
				}
				if len(site.Pages) != 1 || site.Pages[0].SitePath != p.SitePath || reserved(p.SitePath) != "" {
					t.Fatalf("%s: the page for /%s loads at %v", kind, p.SitePath, site.Pages)
				}
			}
		}
	})
}

// FuzzKramdownHTML: kramdownHTML changes no line but a blank one, which
// it writes as blankInHTML, and moves none.
func FuzzKramdownHTML(f *testing.F) {
	for _, s := range append(fuzzSeeds,
		"<div>\n\n    {% if x %}\n\n</div>\n",
		"<DIV class=x>\n<div>\n \n</div>\n\t\n</Div >\n",
		"<p>\n\n</p>\n<div title=\"ȺȺȺȺȺȺȺȺ\">\n\n</div>",
		"{% highlight html %}\n<div>\n\n</div>\n{% endhighlight %}\n<p>\n\n{% raw %}</p>{% endraw %}\n\n</p>\n",
		"<section markdown=\"1\">\n\n*a*\n\n</section>\n<ul><!-- </ul> -->\n\n</ul>\n",
	) {
		f.Add(s)
	}
	f.Add("* TOC\n{:toc}\n[a](b){:target=\"_blank\"}\n{::comment}\nx\n{:/comment}\n{::nomarkdown}\n<b>\n{:/}\n{::nomarkdown}")
	f.Add("1. a\n  - b\n    c\n2. d\n- e\n\n- f\n1) g\n<div>\n- h\n</div>\n")
	f.Add("- a\n10.\n- b\n10.    c\n- Tools:\n  1. Editor\n  - vim\n```\nx\n```\n- Languages\n")
	f.Fuzz(func(t *testing.T, body string) {
		// kramdownSubLists puts spaces before lines, and nothing else.
		in, sub := strings.SplitAfter(body, "\n"), strings.SplitAfter(kramdownSubLists(body), "\n")
		if len(in) != len(sub) {
			t.Fatalf("kramdownSubLists: %d lines, %d after:\n%q", len(in), len(sub), body)
		}
		// A numbered item moved begins at 1, its text where it was; one
		// kramdown reads as text has its marker escaped.
		number := regexp.MustCompile(`^ *[0-9]+([.)]) *`)
		escapedMarker := regexp.MustCompile(`^( *[0-9]*)\\([.)*+-])`)
		for i := range in {
			a, b := strings.TrimLeft(in[i], " "), strings.TrimLeft(sub[i], " ")
			if a != b {
				b = escapedMarker.ReplaceAllString(b, "$1$2")
			}
			if a != b && number.MatchString(b) && strings.HasPrefix(b, "1") {
				a, b = number.ReplaceAllString(a, "N$1 "), number.ReplaceAllString(b, "N$1 ")
			}
			if a != b || len(sub[i]) < len(in[i]) {
				t.Fatalf("kramdownSubLists: line %d %q is %q", i+1, in[i], sub[i])
			}
		}
		// kramdownExtensions moves no line either.
		if ext, _, _, _, _ := kramdownExtensions(body); strings.Count(ext, "\n") != strings.Count(body, "\n") {
			t.Fatalf("kramdownExtensions: %d lines, %d after:\n%q\n%q", strings.Count(body, "\n"), strings.Count(ext, "\n"), body, ext)
		}
		for name, f := range map[string]func(string) string{"kramdownDestinations": kramdownDestinations, "kramdownStrong": kramdownStrong, "kramdownInlineRaw": kramdownInlineRaw, "kramdownUnclosedRaw": kramdownUnclosedRaw, "kramdownSpanLines": kramdownSpanLines, "escapeSingleTildes": escapeSingleTildes} {
			if out := f(body); strings.Count(out, "\n") != strings.Count(body, "\n") {
				t.Fatalf("%s moved lines:\n%q\n%q", name, body, out)
			}
		}
		// kramdownBlockEnds adds blank lines alone, and fileLine maps
		// every other line of its result to the same line of body.
		ended, inserted := kramdownBlockEnds(body)
		src, dst := strings.Split(body, "\n"), strings.Split(ended, "\n")
		if len(dst) != len(src)+len(inserted) {
			t.Fatalf("kramdownBlockEnds: %d lines and %d inserted, %d after:\n%q\n%q", len(src), len(inserted), len(dst), body, ended)
		}
		for l, line := range dst {
			if slices.Contains(inserted, l) {
				if line != "" {
					t.Fatalf("kramdownBlockEnds: inserted line %d is %q", l, line)
				}
			} else if src[fileLine(l, inserted)] != line {
				t.Fatalf("kramdownBlockEnds: line %d %q is not line %d %q of:\n%q", l, line, fileLine(l, inserted), src[fileLine(l, inserted)], body)
			}
		}
		out := kramdownHTML(body)
		in, got := strings.SplitAfter(body, "\n"), strings.SplitAfter(out, "\n")
		if len(in) != len(got) {
			t.Fatalf("%d lines, %d after:\n%q\n%q", len(in), len(got), body, out)
		}
		for i := range in {
			if got[i] != in[i] && (strings.TrimSpace(in[i]) != "" || got[i] != blankInHTML+"\n") {
				t.Fatalf("line %d %q is %q", i+1, in[i], got[i])
			}
		}
	})
}

// closingTagRef is blockEnds' reference, the look it replaced: from an
// opening tag of name ending at from, to the end of the body, counting.
func closingTagRef(lower string, from int, name string, opaque regions) int {
	depth := 1
	for i := from; i < len(lower); {
		k := strings.IndexByte(lower[i:], '<')
		if k < 0 {
			return -1
		}
		i += k
		if end, ok := opaque.end(i); ok {
			i = end
			continue
		}
		rest := lower[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			e := strings.Index(rest[4:], "-->")
			if e < 0 {
				i += 4 // never closed: text
				continue
			}
			i += 4 + e + 3
			continue
		case strings.HasPrefix(rest, "</"+name) && tagNameEnds(rest, 2+len(name)):
			depth--
			if depth == 0 {
				gt := strings.IndexByte(rest, '>')
				if gt < 0 {
					return -1
				}
				return i + gt + 1
			}
		case strings.HasPrefix(rest, "<"+name) && tagNameEnds(rest, 1+len(name)):
			if gt := strings.IndexByte(rest, '>'); gt < 0 || rest[gt-1] != '/' {
				depth++
			}
		}
		i++
	}
	return -1
}

// FuzzBlockEnds: blockEnds, one pass, finds for every block element's
// opening tag the end closingTagRef finds looking from it.
func FuzzBlockEnds(f *testing.F) {
	for _, s := range []string{"<div><div></div></div>", "<p>a\n\n<p>b</p>", "<div><!-- </div> --></div>", "<ul><li>x</ul></li>", "<div/><div>x</div", "<p>{% raw %}</p>{% endraw %}</p>", "<h1>x</h1><p><p/></p>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		lower := lowerASCII(body)
		opaque, _ := liquidOpaque(body)
		c := coverOf(len(lower), opaque)
		ends := blockEnds(lower, c, cover(nil))
		for i := 0; i < len(lower); i++ {
			if lower[i] != '<' || opaque.in(i) {
				continue
			}
			n := i + 1
			for n < len(lower) && ('a' <= lower[n] && lower[n] <= 'z' || '0' <= lower[n] && lower[n] <= '9') {
				n++
			}
			name := lower[i+1 : n]
			if !blockNames[name] || !tagNameEnds(lower[i:], n-i) || inComment(lower, i) {
				continue
			}
			gt := strings.IndexByte(lower[i:], '>')
			if gt < 0 || lower[i+gt-1] == '/' || strings.Contains(lower[i+1:i+gt], "<") {
				continue // no tag, or one with a tag inside it ("<p </p>"): either end will do
			}
			want := closingTagRef(lower, i+gt+1, name, opaque)
			got, ok := ends[i]
			if !ok {
				got = -1
			}
			if got != want {
				t.Fatalf("%q: <%s> at %d ends at %d, want %d", body, name, i, got, want)
			}
		}
	})
}

// inComment reports whether offset i of s is inside an HTML comment, as a
// scan from the start finds them (one never closed is text).
func inComment(s string, i int) bool {
	for at := 0; at < i; {
		k := strings.Index(s[at:], "<!--")
		if k < 0 || at+k >= i {
			return false
		}
		e := strings.Index(s[at+k+4:], "-->")
		if e < 0 {
			at += k + 4 // never closed: text
			continue
		}
		if end := at + k + 4 + e + 3; end > i {
			return true
		} else {
			at = end
		}
	}
	return false
}

// FuzzHTMLBody: htmlBody changes no line's number but by the lines it
// says it inserted, and what it writes renders.
func FuzzHTMLBody(f *testing.F) {
	for _, s := range append(fuzzSeeds,
		"<div><pre>a\n\n  b</pre></div>\n\n    <p>x *y*</p>\n",
		"text {% highlight go %}\nx\n\ny\n{% endhighlight %}\n# h\n",
		"<div>\n```\ncode\n\n```\n</div>\n<!-- a\n\nb -->\n",
	) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out, inserted := htmlBody(src, len(src)%2 == 0)
		if n, m := strings.Count(src, "\n"), strings.Count(out, "\n"); m != n+len(inserted) && !(m == n+len(inserted)+1 && !strings.HasSuffix(src, "\n")) {
			t.Fatalf("%q: %d lines, written %q in %d, %d inserted", src, n, out, m, len(inserted))
		}
		markdown.New().Render(markdown.Text(out), markdown.Options{})
	})
}
