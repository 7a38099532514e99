package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
)

func TestSummaryIsPlainText(t *testing.T) {
	res := New().Render(Text("Barroso's \"tail\" -- at *scale*...\n\nSecond.\n"), Options{})
	if want := "Barroso’s “tail” – at scale…"; res.Summary != want {
		t.Errorf("summary = %q, want %q", res.Summary, want)
	}
	if !strings.Contains(res.HTML, "&rsquo;") {
		t.Errorf("the HTML keeps the typographer's entities: %s", res.HTML)
	}
}

// TestCodeBlocksCached: a cached code block renders exactly as chroma
// renders it, the second time as the first.
func TestCodeBlocksCached(t *testing.T) {
	src := "```go\nfunc main() { println(\"hi\") }\n```\n\n```\nplain\n```\n\n" +
		"```python\ndef f(x):\n    return x * 2  # double\n```\n\n```bash\necho \"$HOME\" | wc -c\n```\n\n" +
		"```nosuchlanguage\nkept as it is <b>\n```\n\n```go {linenos=true}\nx := 1\n```\n\n```yaml\nkey: [a, b]\n```\n"
	direct := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(highlightOptions...)))
	var want bytes.Buffer
	if err := direct.Convert([]byte(src), &want); err != nil {
		t.Fatal(err)
	}
	r := New()
	for i := range 2 {
		if got := r.Render(Text(src), Options{}).HTML; got != want.String() {
			t.Errorf("render %d:\n%s\nwant:\n%s", i+1, got, want.String())
		}
	}
	if !strings.Contains(want.String(), `<span class="kd">func</span>`) {
		t.Errorf("the code is not highlighted: %s", want.String())
	}
}

// TestWikilinksLeaveNoSourceBehind: what a reader sees of a wikilink is its
// resolution; the target as written must not survive in the summary, the
// text or a heading's id (a public page would leak a private slug).
func TestWikilinksLeaveNoSourceBehind(t *testing.T) {
	src := "Lunch with [[jane-secret]] and [[bo-hidden]].\n\n## Notes from [[jane-secret]]\n\n## Notes from [[bo-hidden]]\n\n## Notes from a friend\n"
	res := New().Render(Text(src), Options{Resolve: func(l Wikilink) (Resolution, error) {
		if l.Target == "jane-secret" {
			return Resolution{Text: "a friend"}, nil
		}
		return Resolution{Text: "someone", Class: "unresolved"}, nil
	}})
	if want := "Lunch with a friend and someone."; res.Summary != want {
		t.Errorf("summary = %q, want %q", res.Summary, want)
	}
	for _, leak := range []string{"jane", "secret", "bo-hidden"} {
		for what, s := range map[string]string{"summary": res.Summary, "text": res.Text, "HTML": res.HTML} {
			if strings.Contains(s, leak) {
				t.Errorf("%s has %q:\n%s", what, leak, s)
			}
		}
	}
	for _, id := range []string{`id="notes-from-a-friend"`, `id="notes-from-someone"`, `id="notes-from-a-friend-1"`} {
		if !strings.Contains(res.HTML, id) {
			t.Errorf("no heading with %s:\n%s", id, res.HTML)
		}
	}
}

// TestWikilinkInTable: GFM splits table cells at '|'; a labelled wikilink
// in a cell is still one link, written plainly or with the pipe escaped.
func TestWikilinkInTable(t *testing.T) {
	for _, src := range []string{
		"| [[zz-secret|a friend]] | what |\n|---|---|\n| coffee | x |\n",
		"| who | what |\n|---|---|\n| [[zz-secret|a friend]] | coffee |\n",
		"| who | what |\n|---|---|\n| [[zz-secret\\|a friend]] | coffee |\n",
	} {
		var targets []string
		res := New().Render(Text(src), Options{Resolve: func(l Wikilink) (Resolution, error) {
			targets = append(targets, l.Target+"="+l.Label)
			return Resolution{Text: l.Label}, nil
		}})
		if strings.Contains(res.HTML, "zz-secret") || !strings.Contains(res.HTML, ">a friend</t") || strings.Count(res.HTML, "<tr>") != 2 {
			t.Errorf("%q rendered as:\n%s", src, res.HTML)
		}
		if strings.Join(targets, ",") != "zz-secret=a friend" {
			t.Errorf("%q: wikilinks %v", src, targets)
		}
		if got := New().Wikilinks(Text(src)); len(got) != 1 || got[0].Target != "zz-secret" {
			t.Errorf("%q: Wikilinks = %+v", src, got)
		}
	}
	// Outside a table the escaped pipe works too, and code is left alone.
	res := New().Render(Text("[[zz-secret\\|a friend]]\n\n```\n| [[a|b]] | c |\n```\n"), Options{Resolve: func(l Wikilink) (Resolution, error) {
		return Resolution{Text: "ok:" + l.Target}, nil
	}})
	if !strings.Contains(res.HTML, "ok:zz-secret") || !strings.Contains(res.HTML, "| [[a|b]] | c |") {
		t.Errorf("got:\n%s", res.HTML)
	}
}

// TestWikilinkFragmentInTable: the escaped pipe leaves no '\' on a
// heading fragment either.
func TestWikilinkFragmentInTable(t *testing.T) {
	var got []Wikilink
	New().Render(Text("| a | b |\n|---|---|\n| [[#Setup|the setup]] | x |\n"), Options{Resolve: func(l Wikilink) (Resolution, error) {
		got = append(got, l)
		return Resolution{}, nil
	}})
	if len(got) != 1 || got[0].Fragment != "Setup" || got[0].Label != "the setup" || !got[0].Labeled {
		t.Errorf("wikilinks %+v", got)
	}
}

// TestUnrendered: wikilink syntax that is not a link is found outside code.
func TestUnrendered(t *testing.T) {
	res := New().Render(Text("Fine [[a|b]].\n\nBroken [[slug|]] here.\n\n`[[in code]]`\n\n    [[indented code]]\n"), Options{
		Resolve: func(l Wikilink) (Resolution, error) { return Resolution{Text: "x"}, nil },
	})
	if fmt.Sprint(res.Unrendered) != "[2]" {
		t.Errorf("unrendered lines = %v, want [2]", res.Unrendered)
	}
}

// TestHeadingWithWikilinkKeepsItsID: a heading whose wikilink renders as
// the words of its slug keeps the id those words give, with no "-1" from
// the id it had before, so [[#Ana Lima said]] lands on it.
func TestHeadingWithWikilinkKeepsItsID(t *testing.T) {
	src := "## [[ana-lima]] said\n\nAs [[#Ana Lima said|above]].\n"
	res := New().Render(Text(src), Options{Resolve: func(l Wikilink) (Resolution, error) {
		if l.Target == "" {
			return Resolution{Dest: "#" + HeadingID(l.Fragment)}, nil
		}
		return Resolution{Text: "Ana Lima"}, nil
	}})
	if !strings.Contains(res.HTML, `<h2 id="ana-lima-said">`) || !strings.Contains(res.HTML, `href="#ana-lima-said"`) {
		t.Errorf("the heading and the link to it disagree:\n%s", res.HTML)
	}
}

// TestTextIsWhatTheReaderSees: summaries, meta descriptions and search
// hold the text as shown, not the Markdown escapes and entities of the
// source.
func TestTextIsWhatTheReaderSees(t *testing.T) {
	res := New().Render(Text(`&#91;x&#93; \*not em\* AT&amp;T &copy; \[y\] 5 \< 6`+"\n"), Options{})
	if want := "[x] *not em* AT&T © [y] 5 < 6"; res.Summary != want || res.Text != want {
		t.Errorf("summary = %q, text = %q, want %q", res.Summary, res.Text, want)
	}
}

// TestMathAsWritten: math between $$ (kramdown's, MathJax's and
// KaTeX's) is kept as written, for a theme's MathJax or KaTeX to set: not
// read as Markdown, whose emphasis took the underscores of h_z and
// S_\text (a Jekyll blog's formulas, imported) and whose escapes took a
// backslash of \\, LaTeX's line break. As kramdown has it, math that is
// a paragraph's whole text is display math, and math within a text is
// inline. Its text is escaped as any text is, never raw HTML; a lone $
// (a price) is text.
func TestMathAsWritten(t *testing.T) {
	src := "Where $$a_1 * b_1$$ costs $5 or $6.\n\n$$\nh_z = \\mathbf{W}_z \\text{BERT}_z(z) \\\\\nS_\\text{retr} < x & <b>y</b>\n$$\n\n> $$x_2$$\n\n" +
		"> $$\n> a_1 < b\n> $$\n\n- item $$c\n  d$$ end\n\n![the curve $$y = x^2$$](a.png)\n\n> ![q $$x\n> y$$](b.png)\n"
	res := New().Render(Text(src), Options{})
	for _, want := range []string{
		"<p>Where <span class=\"math\">\\(a_1 * b_1\\)</span> costs $5 or $6.</p>",
		"<div class=\"math\">\\[\nh_z = \\mathbf{W}_z \\text{BERT}_z(z) \\\\\nS_\\text{retr} &lt; x &amp; &lt;b&gt;y&lt;/b&gt;\n\\]</div>",
		"<blockquote>\n<div class=\"math\">\\[x_2\\]</div>\n</blockquote>",
		// A review's: a quote's > and a list's indent are not the math's.
		"<blockquote>\n<div class=\"math\">\\[\na_1 &lt; b\n\\]</div>\n</blockquote>",
		"<li>item <span class=\"math\">\\(c\nd\\)</span> end</li>",
		// An image's alt is text: its math as written (it was left out).
		`<img src="a.png" alt="the curve $$y = x^2$$">`,
		`<img src="b.png" alt="q $$x` + "\n" + `y$$">`,
	} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, res.HTML)
		}
	}
	if strings.Contains(res.HTML, "<em>") || strings.Contains(res.HTML, "<b>") {
		t.Errorf("math read as Markdown or HTML:\n%s", res.HTML)
	}
	if !strings.Contains(res.Text, `h_z = \mathbf{W}_z`) || !strings.Contains(res.Text, "Where a_1 * b_1 costs") {
		t.Errorf("text lacks the math: %q", res.Text)
	}
	// A third review's: an image whose alt is math is at its own line.
	if links := New().Render(Text("First line,\nsecond ![$$x$$](/gone.png) here.\n"), Options{}).Links; len(links) != 1 || links[0].Line != 1 {
		t.Errorf("links %+v", links)
	}
}

// TestRawHTML: a writer's raw HTML is kept where it is safe, what is not
// is removed with a warning at its line, and comments never stay; a site
// that trusts its HTML keeps it as written, comments aside.
func TestRawHTML(t *testing.T) {
	src := "Footnote<sup>2</sup> and <kbd>Ctrl</kbd>, <a name=\"old\"></a>here.\n\n" +
		"<details><summary>More</summary>Hidden text.</details>\n\n" +
		"<!-- a private aside -->\n\n" +
		"<![CDATA[ a cdata aside ]]>\n\n<?php echo 'an aside'; ?>\n\n<!BOGUS aside>\n\n" +
		"<blockquote class=\"twitter-tweet\"><p>A tweet.</p></blockquote>\n<script async src=\"https://platform.twitter.com/widgets.js\"></script>\n\n" +
		"Click <a href=\"/x/\" onclick=\"steal()\">this</a> <!-- inline aside -->.\n"
	for _, tc := range []struct {
		trust       bool
		keep, drop  []string
		removedLine []string
	}{
		{false,
			[]string{"<sup>2</sup>", "<kbd>Ctrl</kbd>", `<a name="old">`, "<details><summary>More</summary>Hidden text.</details>", `<blockquote class="twitter-tweet"><p>A tweet.</p></blockquote>`, `<a href="/x/">this</a>`},
			[]string{"aside", "<script", "onclick", "steal", "raw HTML omitted"},
			// The <script> at its own line of the block, not the
			// <blockquote>'s, where the block begins.
			[]string{"13: raw HTML: removed <script>: it is not allowed", "15: raw HTML: removed onclick= on <a>: it is not allowed"}},
		{true,
			[]string{"<sup>2</sup>", "<script async", `onclick="steal()"`},
			[]string{"aside"},
			nil},
	} {
		r := New()
		r.TrustHTML(tc.trust)
		for _, res := range []Result{r.Render(Text(src), Options{}), r.Render(Text(src), Options{Key: "k"})} {
			for _, want := range tc.keep {
				if !strings.Contains(res.HTML, want) {
					t.Errorf("trust %v: %q is gone:\n%s", tc.trust, want, res.HTML)
				}
			}
			for _, gone := range tc.drop {
				if strings.Contains(res.HTML, gone) {
					t.Errorf("trust %v: %q stays:\n%s", tc.trust, gone, res.HTML)
				}
			}
			var got []string
			for _, e := range res.HTMLRemoved {
				got = append(got, fmt.Sprintf("%d: %v", e.Line, e.Err))
			}
			for i, want := range tc.removedLine {
				if i >= len(got) || !strings.HasPrefix(got[i], want) {
					t.Errorf("trust %v: removed %q, want %q", tc.trust, got, tc.removedLine)
					break
				}
			}
			if len(got) != len(tc.removedLine) {
				t.Errorf("trust %v: removed %q, want %q", tc.trust, got, tc.removedLine)
			}
		}
	}
}

// TestTrustedSVGKeepsCDATA: in an SVG (or MathML) a CDATA section is its
// text, which a browser shows: a site that trusts its HTML keeps it, where
// elsewhere it is a comment by another name, removed as comments are.
func TestTrustedSVGKeepsCDATA(t *testing.T) {
	r := New()
	r.TrustHTML(true)
	res := r.Render(Text("<svg><text><![CDATA[shown in an svg]]></text></svg>\n\n<SVG viewBox=\"0 0 9 9\">\n<text><![CDATA[shown in an SVG]]></text>\n</SVG>\n\nText <![CDATA[not shown]]> and <?pi not shown?>.\n"), Options{})
	if !strings.Contains(res.HTML, "<![CDATA[shown in an svg]]>") || !strings.Contains(res.HTML, "<![CDATA[shown in an SVG]]>") || strings.Contains(res.HTML, "not shown") {
		t.Errorf("got:\n%s", res.HTML)
	}
}

// TestRawHTMLKeepsTextAttributes: the text of an image's alt, a table's
// summary or a cell's abbr stays whatever its characters (bluemonday's
// policy for users' text kept only letters, digits and a few signs, and
// dropped "Step 1: install" or "猫の写真。" whole), escaped as any
// attribute is.
func TestRawHTMLKeepsTextAttributes(t *testing.T) {
	src := "<img src=\"/a.png\" alt=\"Step 1: install the app?\">\n\n" +
		"<img src=\"/b.png\" alt=\"猫の写真。\">\n\n" +
		"<img src=\"/c.png\" alt='C++ & \"friends\" <script>alert(1)</script>'>\n\n" +
		"<table summary=\"Costs: 2024 & 2025\"><tr><th abbr=\"Q1+Q2\">First half</th></tr></table>\n"
	res := New().Render(Text(src), Options{})
	for _, want := range []string{
		`alt="Step 1: install the app?"`,
		`alt="猫の写真。"`,
		`alt="C++ &amp; &#34;friends&#34; &lt;script&gt;alert(1)&lt;/script&gt;"`,
		`summary="Costs: 2024 &amp; 2025"`,
		`abbr="Q1+Q2"`,
	} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("no %s in\n%s", want, res.HTML)
		}
	}
	if len(res.HTMLRemoved) != 0 {
		t.Errorf("removed %v", res.HTMLRemoved)
	}
}

// TestHeadingIDsInAnyLanguage: heading ids keep the letters and digits of
// every script, as GitHub's do, and a heading with a link takes its id from
// the text shown, never the address.
func TestHeadingIDsInAnyLanguage(t *testing.T) {
	src := "# Ação e reação\n\n## Привет, мир\n\n## 你好世界\n\n## See [the docs](https://example.com/a/b) now\n\n## Ação e reação\n\n## snake_case & `code`\n"
	res := New().Render(Text(src), Options{})
	for _, id := range []string{`id="ação-e-reação"`, `id="привет-мир"`, `id="你好世界"`, `id="see-the-docs-now"`, `id="ação-e-reação-1"`, `id="snake-case--code"`} {
		if !strings.Contains(res.HTML, id) {
			t.Errorf("no heading with %s:\n%s", id, res.HTML)
		}
	}
	if HeadingID("Привет, мир") != "привет-мир" {
		t.Errorf("HeadingID = %q: [[page#Привет, мир]] would miss the heading", HeadingID("Привет, мир"))
	}
}

// A body rendered again as the very same string, in the same context,
// comes out new when a wikilink resolves differently, and the same when
// nothing changed: Render's shortcut by the source's memory compares the
// resolutions, it does not assume them.
func TestRenderAgainSeesNewResolutions(t *testing.T) {
	r := New()
	src := "See [[ana]] and [[bo|Bo]].\n"
	title := "Ana Lima"
	opts := Options{Key: "k", Resolve: func(l Wikilink) (Resolution, error) {
		if l.Target == "ana" {
			return Resolution{Dest: "/ana/", Text: title}, nil
		}
		return Resolution{Dest: "/bo/"}, nil
	}}
	for i, want := range []string{"Ana Lima", "Ana Lima", "Ana Souza", "Ana Souza", "Ana Lima"} {
		title = want
		got := r.Render(Text(src), opts)
		if !strings.Contains(got.HTML, want) || !strings.Contains(got.Text, want) {
			t.Fatalf("render %d: want %q in\n%s\n%s", i, want, got.HTML, got.Text)
		}
		if i%2 == 1 {
			r.Sweep() // across builds as well as within one
		}
	}
}

// truncateAll is Truncate as first written, joining every word of s: the
// reference the faster one must equal.
func truncateAll(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := strings.LastIndexByte(string(r), ' ')
	if cut < n/2 {
		cut = len(string(r))
	}
	return strings.TrimRight(string(r)[:cut], " ,.;:") + "…"
}

// FuzzWords: counting words and truncating text give what strings.Fields
// gives, for any text, valid UTF-8 or not.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"", "one", "  two  words ", "a\u00a0b\u0085c\u3000d", "日本語 の 見出し", "\xff\xfe x", "tab\tnew\nline",
		"five!", "six ru", "a b c", "a b ", " a b", "a  b", "日本語の見出"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
		if n < 0 || n > 1000 {
			return
		}
		if got, want := Truncate(s, n), truncateAll(s, n); got != want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", s, n, got, want)
		}
	})
}

// TestRelease: after Release, a body's links are still known without
// parsing it again, and rendering it again gives what it gave before.
func TestRelease(t *testing.T) {
	r := New()
	src := "See [the post](/posts/a/#part) and [[Ana Lima]].\n\n## Part\n"
	opts := Options{Key: "wiki", Resolve: func(l Wikilink) (Resolution, error) {
		return Resolution{Dest: "contacts/ana-lima.html", Text: l.Target}, nil
	}}
	links, res := r.Links(Text(src)), r.Render(Text(src), opts)
	if len(links) != 1 || links[0].Dest != "/posts/a/#part" {
		t.Fatalf("links: %+v", links)
	}
	r.Release()
	if n := r.memo.values.Len(); n != 0 {
		t.Errorf("%d results still held", n)
	}
	if got := r.Links(Text(src)); fmt.Sprint(got) != fmt.Sprint(links) {
		t.Errorf("links after Release: %+v, want %+v", got, links)
	}
	if n := r.memo.values.Len(); n != 0 {
		t.Errorf("Links parsed the body again (%d results held)", n)
	}
	if got := r.Render(Text(src), opts); fmt.Sprint(got) != fmt.Sprint(res) {
		t.Errorf("render after Release:\n%+v\nwant\n%+v", got, res)
	}
}

// TestOnce: a renderer that renders once gives what any renderer gives,
// and keeps no result: only the prepared body, for the next audience.
func TestOnce(t *testing.T) {
	src := "See [[Ana Lima]] and [the post](/posts/a/).\n\n## Part\n"
	opts := Options{Key: "wiki", Resolve: func(l Wikilink) (Resolution, error) {
		return Resolution{Dest: "contacts/ana-lima.html", Text: l.Target}, nil
	}}
	want := New().Render(Text(src), opts)
	r := New()
	r.Once()
	if got := r.Render(Text(src), opts); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("once:\n%+v\nwant\n%+v", got, want)
	}
	if n := r.known.Len(); n != 0 {
		t.Errorf("%d results known", n)
	}
	if n := r.memo.values.Len(); n != 1 {
		t.Errorf("%d values held, want the prepared body alone", n)
	}
}

// TestForget: a body forgotten once its last audience has filled it is
// held no more, its links are still known, and filling it again gives the
// same.
func TestForget(t *testing.T) {
	r := New()
	r.Once()
	src := "See [[Ana Lima]] and [the post](/posts/a/).\n"
	opts := Options{Key: "wiki", Resolve: func(l Wikilink) (Resolution, error) {
		return Resolution{Dest: "contacts/ana-lima.html", Text: l.Target}, nil
	}}
	res, links := r.Render(Text(src), opts), r.Links(Text(src))
	r.Forget(Text(src))
	if n := r.memo.values.Len(); n != 0 {
		t.Errorf("%d values held after Forget", n)
	}
	if got := r.Links(Text(src)); fmt.Sprint(got) != fmt.Sprint(links) || r.memo.values.Len() != 0 {
		t.Errorf("links after Forget: %+v (%d values held), want %+v", got, r.memo.values.Len(), links)
	}
	if got := r.Render(Text(src), opts); fmt.Sprint(got) != fmt.Sprint(res) {
		t.Errorf("render after Forget:\n%+v\nwant\n%+v", got, res)
	}
}

// TestDrop: a renderer that renders once with a disk lets a body go when
// its caller is done, and renders it the same from the disk; without a
// disk it keeps the body, which it could only parse again.
func TestDrop(t *testing.T) {
	src := "# A [[Ana Lima]] heading\n\nSee [[Ana Lima]] and [the post](/posts/a/).\n\n```go\nfunc f() {}\n```\n"
	opts := Options{Key: "wiki", Resolve: func(l Wikilink) (Resolution, error) {
		return Resolution{Dest: "contacts/ana-lima.html", Text: l.Target}, nil
	}}
	r := New()
	r.Once()
	want := r.Render(Text(src), opts)
	r.Drop(Text(src))
	if r.Drops() || r.memo.values.Len() != 1 {
		t.Fatalf("without a disk: Drops %v, %d values held, want false and 1", r.Drops(), r.memo.values.Len())
	}

	r = renderOnce(t)
	if got := r.Render(Text(src), opts); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("with a disk:\n%+v\nwant\n%+v", got, want)
	}
	r.Drop(Text(src))
	if !r.Drops() || r.memo.values.Len() != 0 {
		t.Fatalf("with a disk: Drops %v, %d values held, want true and 0", r.Drops(), r.memo.values.Len())
	}
	if _, ok := r.memo.disk.Get(diskKey(r.sourceKey("p", Text(src)))); !ok {
		t.Error("the dropped body is not on the disk to be read back")
	}
	if got := r.Render(Text(src), opts); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, want)
	}
}

// TestLater: a body made later is what Render makes, with Render's
// errors known before it is made; its key changes with any resolution,
// part, context or source, and is the same for the same ones.
func TestLater(t *testing.T) {
	src := "See [[Ana Lima]], [[nobody]] and [the post](/posts/a/).\n\n## About [[Ana Lima]]\n"
	title := "Ana Lima"
	opts := Options{Key: "wiki", Parts: PartHTML, Resolve: func(l Wikilink) (Resolution, error) {
		if l.Target == "nobody" {
			return Resolution{Class: "unresolved"}, errors.New("no document nobody")
		}
		return Resolution{Dest: "contacts/ana-lima.html", Text: title}, nil
	}}
	r := New()
	r.Once()
	want := New().Render(Text(src), opts)
	later := r.Later(Text(src), opts)
	if later.Key == "" {
		t.Fatal("no key")
	}
	if fmt.Sprint(later.Errors) != fmt.Sprint(want.Errors) || len(later.Errors) != 1 {
		t.Errorf("errors %v, want %v", later.Errors, want.Errors)
	}
	if got := later.Make(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("made:\n%+v\nwant\n%+v", got, want)
	}
	if again := r.Later(Text(src), opts); again.Key != later.Key {
		t.Error("the same body, resolved the same, has another key")
	}
	keys := map[string]string{"": later.Key}
	title = "Ana Souza"
	keys["a resolution"] = r.Later(Text(src), opts).Key
	title = "Ana Lima"
	other := opts
	other.Key = "wiki 1"
	keys["the context"] = r.Later(Text(src), other).Key
	other = opts
	other.Parts = PartHTML | PartText
	keys["the parts"] = r.Later(Text(src), other).Key
	keys["the source"] = r.Later(Text(src+"\nMore.\n"), opts).Key
	seen := map[string]string{}
	for what, k := range keys {
		if prev, ok := seen[k]; ok {
			t.Errorf("another %q (%q) keeps the key", what, prev)
		}
		seen[k] = what
	}
}

// TestBracketEntities: the sanitizer writes what it keeps decoded, so a
// writer's "&#91;[" (two brackets shown, no wikilink) came out "[[" in
// the page; the references to "[" are kept as the entity. A name that is
// no entity (&LSQB;: entity names are case-sensitive) stays as written.
func TestBracketEntities(t *testing.T) {
	got := New().Render(Text("<div>&#91;[0] &#x5B; &lsqb; &lbrack; &LSQB; &amp;</div>\n"), Options{}).HTML
	if want := "<div>&#91;[0] &#91; &#91; &#91; &amp;LSQB; &amp;</div>\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestMoreDivider: a line of its own <!--more-->, at the top level, ends
// the summary, which is then all the text before it (Hugo's divider),
// whole; the page does not show it. Indented by one to three spaces it
// is still a top-level HTML block, and divides. Anywhere else (code,
// four spaces or a tab in), or written otherwise, it is a comment like
// any, or text, and the summary the first paragraph.
func TestMoreDivider(t *testing.T) {
	r := New()
	for _, tc := range []struct {
		src, summary string
		divided      bool
	}{
		{"First *one*.\n\n## Then\n\nSecond.\n\n<!--more-->\n\nRest.\n", "First one.\n\nThen\n\nSecond.", true},
		{"Intro.\n<!--more-->\nRest.\n", "Intro.", true},
		{"  <!--more-->  \n\nAfter.\n", "After.", false},
		{"Intro.\n\n<!-- more -->\n\nRest.\n", "Intro.", false},
		{"Intro.\n\n<!--more--> and text\n\nRest.\n", "Intro.", false},
		{"Intro.\n\n- item\n\n  <!--more-->\n\nRest.\n", "Intro.", false},
		{"Intro.\n\n> <!--more-->\n\nRest.\n", "Intro.", false},
		{"Intro.\n\n```\n<!--more-->\n```\n\nRest.\n", "Intro.", false},
		// Indented one to three spaces, it is an HTML block still, and
		// divides; four spaces or a tab make it code, or a paragraph's
		// text.
		{"First.\n\nSecond.\n\n <!--more-->\n\nRest.\n", "First.\n\nSecond.", true},
		{"First.\n\nSecond.\n   <!--more-->\nRest.\n", "First.\n\nSecond.", true},
		{"First.\n\nSecond.\n\n    <!--more-->\n\nRest.\n", "First.", false},
		{"First.\n\nSecond.\n\n\t<!--more-->\n\nRest.\n", "First.", false},
		{"First.\n\nSecond.\n  \t<!--more-->\nRest.\n", "First.", false},
		{"Intro.\n\nMore.\n", "Intro.", false},
	} {
		for _, key := range []string{"", "more test"} {
			res := r.Render(Text(tc.src), Options{Key: key})
			if res.Summary != tc.summary || res.Divided != tc.divided {
				t.Errorf("%q, key %q: summary %q, divided %v; want %q, %v", tc.src, key, res.Summary, res.Divided, tc.summary, tc.divided)
			}
			if strings.Contains(res.HTML, "<!--") {
				t.Errorf("%q: the page shows the comment: %s", tc.src, res.HTML)
			}
		}
	}
}

// TestLinkLineWithoutText: a link or an image with no text of its own
// (![](gone.png), the usual form of an image) is at its own line, not
// its paragraph's first: the link check says a broken one there.
func TestLinkLineWithoutText(t *testing.T) {
	src := "First line,\nsecond line,\nand the picture: ![](gone.png)\n![](next.png) and [](/empty/)\n\n![](alone.png)\n\n*Em* ![](after-em.png)\n"
	want := map[string]int{"gone.png": 2, "next.png": 3, "/empty/": 3, "alone.png": 5, "after-em.png": 7}
	r := New()
	for _, key := range []string{"", "line test"} {
		res := r.Render(Text(src), Options{Key: key})
		got := map[string]int{}
		for _, l := range res.Links {
			got[l.Dest] = l.Line
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("key %q: lines %v, want %v", key, got, want)
		}
	}
}

// TestRawImageSizeInPixels: an image's width or height written with its
// unit (height="100px", as many posts brought from other blogs have it,
// and browsers read as 100) stays, with no warning; the users' policy
// kept only a number or a percentage. A size of another unit goes, said.
func TestRawImageSizeInPixels(t *testing.T) {
	res := New().Render(Text("<img src=\"/a.png\" height=\"100px\" width=\"50%\">\n\n<img src=\"/b.png\" width=\"600\" height=\"337.5px\">\n\n<img src=\"/c.png\" width=\"20em\">\n"), Options{})
	for _, want := range []string{`<img src="/a.png" height="100px" width="50%">`, `<img src="/b.png" width="600" height="337.5px">`, `<img src="/c.png">`} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("no %s in\n%s", want, res.HTML)
		}
	}
	if len(res.HTMLRemoved) != 1 || res.HTMLRemoved[0].Line != 4 || !strings.Contains(res.HTMLRemoved[0].Err.Error(), "width=") {
		t.Errorf("removed %v, want width= on line 4 alone", res.HTMLRemoved)
	}
}

// TestRawHTMLKeepsInertAttributes: role, the common aria-* attributes and
// data-* attributes (Medium's data-action="zoom" on images brought from
// other blogs) do nothing without a script and stay, without a warning.
func TestRawHTMLKeepsInertAttributes(t *testing.T) {
	src := "<div role=\"note\" aria-label=\"Aside\" aria-hidden=\"false\"><img src=\"/a.png\" data-action=\"zoom\" data-width=\"600\" alt=\"a\"></div>\n"
	res := New().Render(Text(src), Options{})
	if want := `<div role="note" aria-label="Aside" aria-hidden="false"><img src="/a.png" data-action="zoom" data-width="600" alt="a"></div>`; !strings.Contains(res.HTML, want) {
		t.Errorf("no %s in\n%s", want, res.HTML)
	}
	if len(res.HTMLRemoved) != 0 {
		t.Errorf("removed %v", res.HTMLRemoved)
	}
}

// TestRawMediaKept: a writer's own video and audio (a screen recording,
// a talk), a picture's sources and an image's srcset stay without
// trust_html, each URL of the web or of the site; one of another scheme
// goes, said.
func TestRawMediaKept(t *testing.T) {
	kept := []string{
		`<video controls="" width="640" poster="/still.jpg"><source src="/clip.mp4" type="video/mp4"><track src="/subs.vtt" kind="captions" srclang="en" label="English"></video>`,
		`<picture><source srcset="/a.webp 1x, /a@2x.webp 2x" type="image/webp" media="(min-width: 800px)"><img src="/a.png" srcset="/a.png 1x, https://cdn.example/a@2x.png 2x" alt="a"></picture>`,
		`<audio controls="" preload="none" src="https://example.com/talk.mp3"></audio>`,
	}
	src := strings.Join(kept, "\n\n") + "\n\n" +
		`<video src="javascript:alert(1)" poster="javascript:alert(2)"><source src="JavaScript:alert(3)"></video>` + "\n\n" +
		`<img src="/b.png" srcset="/b.png 1x, javascript:alert(4) 2x" alt="b">` + "\n\n" +
		// Another scheme, a host of another site written as a path (a
		// browser loads \\host\x and //host/x from that host), and a
		// data-* attribute some scripts run (htmx's).
		`<video src="mailto:a@b" poster="\\evil.example\p.png"><source src="//evil.example/v.mp4"></video>` + "\n\n" +
		`<img src="/c.png" srcset="\\evil.example\c.png 2x" alt="c" data-hx-on:click="alert(5)" data-action="zoom">` + "\n"
	for _, trust := range []bool{false, true} {
		r := New()
		r.TrustHTML(trust)
		res := r.Render(Text(src), Options{})
		for _, want := range kept {
			if !strings.Contains(res.HTML, want) {
				t.Errorf("no %s in\n%s", want, res.HTML)
			}
		}
		if trust {
			continue // kept as written, scripts too
		}
		for _, bad := range []string{"javascript", "mailto", "evil.example", "hx-on", "alert"} {
			if strings.Contains(strings.ToLower(res.HTML), bad) {
				t.Errorf("%s kept:\n%s", bad, res.HTML)
			}
		}
		if !strings.Contains(res.HTML, `<img src="/c.png" alt="c" data-action="zoom">`) {
			t.Errorf("no <img src=\"/c.png\" alt=\"c\" data-action=\"zoom\"> in\n%s", res.HTML)
		}
		lines := map[int]bool{}
		for _, e := range res.HTMLRemoved {
			lines[e.Line] = true
		}
		if len(lines) != 4 || !lines[6] || !lines[8] || !lines[10] || !lines[12] {
			t.Errorf("removed at lines %v, want 6, 8, 10 and 12: %v", lines, res.HTMLRemoved)
		}
	}
}
