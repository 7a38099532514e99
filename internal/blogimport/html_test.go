package blogimport

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/netjournal/netjournal/internal/markdown"
)

// htmlTokens is what a reader sees of HTML: its elements and their
// attributes, and its text with white space collapsed (as shown, but in
// a <pre>, where it is kept). Paragraphs' tags are left out (Markdown
// adds them around text that no block tag begins, as WordPress showed
// it), and so are comments.
func htmlTokens(s string) []string {
	z := html.NewTokenizer(strings.NewReader(s))
	var out []string
	pre := 0
	text := func(t string) {
		if pre == 0 {
			t = strings.Join(strings.Fields(t), " ")
			if t == "" {
				return
			}
		}
		if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "text:") {
			joined := out[n-1] + t
			if pre == 0 {
				joined = "text:" + strings.Join(strings.Fields(strings.TrimPrefix(out[n-1], "text:")+" "+t), " ")
			}
			out[n-1] = joined
			return
		}
		out = append(out, "text:"+t)
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.TextToken:
			text(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			if tok.Data == "p" {
				continue
			}
			if tok.Data == "pre" {
				if tok.Type == html.StartTagToken {
					pre++
				} else if tok.Type == html.EndTagToken {
					pre--
				}
			}
			attrs := []string{}
			for _, a := range tok.Attr {
				attrs = append(attrs, a.Key+"="+a.Val)
			}
			slices.Sort(attrs)
			kind := map[html.TokenType]string{html.StartTagToken: "<", html.SelfClosingTagToken: "<", html.EndTagToken: "</"}[tok.Type]
			out = append(out, kind+tok.Data+" "+strings.Join(attrs, " "))
		}
	}
}

// TestHTMLBody: a post in HTML, as Jekyll's importers of WordPress and
// Blogger write them, shows as Jekyll showed it: its code stays code, an
// indented line is no code block, and its text's *, _, `, [, # are text.
// Read as Markdown, as it was, they were not.
func TestHTMLBody(t *testing.T) {
	for _, in := range []string{
		"<p>First *stars* and _under_ and `ticks` and [brackets](x) and ~~struck~~.</p>\n\n    <div class=\"note\">\n    Indented after a blank line.\n    </div>\n",
		"<div class=\"highlight\"><pre><code>func main() {\n\n\tfmt.Println(1)\n\n\n}\n</code></pre></div>\n\n<p>After.</p>\n",
		"WordPress wrote paragraphs as text.\n\nA second *one*, with a_b and 2*3*4.\n\n# not a heading\n\n- not a list\n1. nor this\n> nor a quote\n",
		"<ul>\n  <li>one</li>\n\n  <li>two *x*</li>\n</ul>\n\n\t<p>tabbed</p>\n",
		"<div>text <!-- a comment\n\nover lines --> more</div>\n",
		"Text with a <a href=\"https://example.com/a_b_c\">link</a> and <em>em</em>\nand a_b.\n",
		"<figure><pre>one\n\n  two\n</pre></figure>\n",
		"<p>Entities: &amp; &lt;tag&gt; &copy;</p>\n\nAnd a \\backslash\\ and [[wiki]] text.\n",
	} {
		md, inserted := htmlBody(in, true)
		if len(inserted) != 0 {
			t.Errorf("%q: lines inserted %v", in, inserted)
		}
		if n, m := strings.Count(in, "\n"), strings.Count(md, "\n"); n != m {
			t.Errorf("%q: %d lines, written in %d: a warning's line would be wrong", in, n, m)
		}
		out := markdown.New().Render(markdown.Text(escapeWikilinks(md)), markdown.Options{}).HTML
		if want, got := htmlTokens(in), htmlTokens(out); !slices.Equal(want, got) {
			t.Errorf("%q\nwritten %q\nrenders %q\n   want %q\n    got %q", in, md, out, want, got)
		}
	}
}

// TestHTMLBodyKeepsLiquid: Liquid's tags are left for the Liquid that
// runs after htmlBody, and its highlight block as it is, apart from the
// HTML around it.
func TestHTMLBodyKeepsLiquid(t *testing.T) {
	in := "<p>See {% post_url 2020-01-01-a_b %} and {{ page.my_title }}.</p>\n" +
		"<div>\n{% highlight go %}\nfunc  main() {\n\n    x := a_b * 2\n}\n{% endhighlight %}\n</div>\n" +
		"Text {% include image.html url=\"/a_b.png\" %} after.\n"
	md, inserted := htmlBody(in, true)
	for _, want := range []string{
		"{% post_url 2020-01-01-a_b %}", "{{ page.my_title }}",
		"\n\n{% highlight go %}\nfunc  main() {\n\n    x := a_b * 2\n}\n{% endhighlight %}\n\n",
		`{% include image.html url="/a_b.png" %}`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("%q\nwritten %q, without %q", in, md, want)
		}
	}
	if !slices.Equal(inserted, []int{2, 9}) {
		t.Errorf("inserted %v, want [2 9]", inserted)
	}
}

// TestHTMLBodyRawText: a blank line in a <script>, a <style> or a
// comment in an HTML block does not end the block (the renderer keeps
// no script nor style; the page's HTML is checked as written), and a
// bare web address is linked whole, its _ not escaped.
func TestHTMLBodyRawText(t *testing.T) {
	in := "<div><script>\nvar a = 1;\n\nvar b = 2;\n</script>\n<style>\np { color: red }\n\np { margin: 0 }\n</style></div>\n\nSee https://example.com/x_y_z.\n"
	md, _ := htmlBody(in, true)
	want := "<div><script>\nvar a = 1;\n//\nvar b = 2;\n</script>\n<style>\np { color: red }\n/**/\np { margin: 0 }\n</style></div>\n\nSee https://example.com/x_y_z.\n"
	if md != want {
		t.Errorf("written\n%q, want\n%q", md, want)
	}
	out := markdown.New().Render(markdown.Text(md), markdown.Options{}).HTML
	if !strings.Contains(out, `<a href="https://example.com/x_y_z">https://example.com/x_y_z</a>`) {
		t.Errorf("renders %q", out)
	}
}

// TestJekyllHTMLPost: a Jekyll post in HTML is imported showing what
// Jekyll showed, through Liquid and the summary divider: a blank line in
// its <pre> ended the code's HTML block (the rest shown as text), an
// indented block after a blank line became a code block of its tags,
// and its text's *stars* became emphasis. Its warnings keep their lines.
func TestJekyllHTMLPost(t *testing.T) {
	post := "---\ntitle: From WordPress\n---\n" +
		"A paragraph with *stars*, a_b_c and 2*3*4.\n\n" +
		"<!--more-->\n\n" +
		"<div class=\"highlight\"><pre><code>x := 1\n\ny := 2\n</code></pre></div>\n\n" +
		"    <div class=\"note\">\n    Indented.\n    </div>\n\n" +
		"<p>See {% post_url 2020-01-01-none %}.</p>\n" +
		"<p>{% include image.html url=\"/img/a_b.png\" alt=\"A\" %}</p>\n"
	fsys := fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.net\n")},
		"_posts/2020-01-02-wp.html":  {Data: []byte(post)},
		"_posts/2020-01-03-other.md": {Data: []byte("---\ntitle: Other\n---\nHi.\n")},
	}
	plan, err := Jekyll(fsys, Options{Root: "old", NewBase: "https://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, p := range plan.Posts {
		if p.Slug == "wp" {
			body = p.Body
		}
	}
	r := markdown.New().Render(markdown.Text(body), markdown.Options{})
	for _, want := range []string{
		"<p>A paragraph with *stars*, a_b_c and 2*3*4.</p>",
		"<pre><code>x := 1\n\ny := 2\n</code></pre></div>",
		"<div class=\"note\">\nIndented.\n</div>",
		"<p><img src=\"/img/a_b.png\" alt=\"A\"></p>",
	} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("renders\n%s\nwithout %q (body %q)", r.HTML, want, body)
		}
	}
	if !r.Divided || r.Summary != "A paragraph with *stars*, a_b_c and 2*3*4." {
		t.Errorf("summary %q (divided %v)", r.Summary, r.Divided)
	}
	found := false
	for _, w := range plan.Warnings {
		found = found || strings.Contains(w.Error(), "old/_posts/2020-01-02-wp.html:17:")
	}
	if !found {
		t.Errorf("warnings %v: none at line 17, the post_url's", plan.Warnings)
	}
}

// TestJekyllHTMLPages: a page of the writer's in HTML (an about page) is
// imported as its posts are; the home, the 404 page and a page whose
// Liquid lists the site's posts are not. (Each was skipped, its text
// lost.)
func TestJekyllHTMLPages(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.net\npermalink: pretty\n")},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nHi.\n")},
		"about.html":             {Data: []byte("---\ntitle: About\nlayout: page\n---\n<h2>Me</h2>\n\n    <p>I write *about* {{ site.title }}.</p>\n")},
		"index.html":             {Data: []byte("---\nlayout: home\n---\n<p>Welcome</p>\n")},
		"404.html":               {Data: []byte("---\nlayout: default\n---\n<p>Not found</p>\n")},
		"archive.html":           {Data: []byte("---\ntitle: Archive\n---\n<ul>{% for p in site.posts %}<li>{{ p.title }}</li>{% endfor %}</ul>\n")},
		"talks/index.html":       {Data: []byte("---\ntitle: Talks\n---\n<p>Talks.</p>\n")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j", NewBase: "https://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range plan.Pages {
		paths = append(paths, p.SitePath)
	}
	if !slices.Equal(paths, []string{"about/", "talks/"}) {
		t.Fatalf("pages %v", paths)
	}
	out := markdown.New().Render(markdown.Text(plan.Pages[0].Body), markdown.Options{}).HTML
	if !strings.Contains(out, "<h2>Me</h2>") || !strings.Contains(out, "<p>I write *about*") {
		t.Errorf("about renders %q", out)
	}
	var skipped []string
	for _, s := range plan.Skipped {
		skipped = append(skipped, s.Source)
	}
	for _, want := range []string{"j/index.html", "j/404.html", "j/archive.html"} {
		if !slices.Contains(skipped, want) {
			t.Errorf("%s not skipped: %v", want, skipped)
		}
	}
}

// TestHugoHTMLPost: a Hugo page in .html, which Hugo showed as it was but
// for its shortcodes, is imported (it was skipped, "convert it to
// Markdown"), its shortcodes' arguments and highlighted code as written.
func TestHugoHTMLPost(t *testing.T) {
	post := "---\ntitle: In HTML\ndate: 2020-01-02\n---\n" +
		"<p>A *star* and {{< figure src=\"/img/a_b.png\" >}}.</p>\n\n" +
		"{{< highlight go >}}\nx := a_b\n\n    y := 2\n{{< /highlight >}}\n" +
		"    <div>Indented.</div>\n"
	fsys := fstest.MapFS{
		"config.toml":              {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.html":     {Data: []byte(post)},
		"content/posts/b.md":       {Data: []byte("---\ntitle: B\ndate: 2020-01-01\n---\nHi.\n")},
		"content/about/index.html": {Data: []byte("---\ntitle: About\n---\n<p>Me.</p>\n")},
		"content/page/talks.html":  {Data: []byte("+++\ntitle = \"Talks\"\n+++\n<p>Talks.</p>\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 2 || len(plan.Pages) != 2 || plan.Pages[0].SitePath != "about/" || plan.Pages[1].SitePath != "page/talks/" {
		t.Fatalf("posts %d, pages %d, skipped %v", len(plan.Posts), len(plan.Pages), plan.Skipped)
	}
	var body string
	for _, p := range plan.Posts {
		if p.Slug == "a" {
			body = p.Body
		}
	}
	out := markdown.New().Render(markdown.Text(body), markdown.Options{}).HTML
	for _, want := range []string{"<p>A *star* and <img src=\"/img/a_b.png\" alt=\"\">.</p>", "<div>Indented.</div>"} {
		if !strings.Contains(out, want) {
			t.Errorf("renders\n%s\nwithout %q (body %q)", out, want, body)
		}
	}
	if want := "\n\n```go\nx := a_b\n\n    y := 2\n```\n\n"; !strings.Contains(body, want) {
		t.Errorf("body %q, without %q", body, want)
	}
}

// TestCNAMEHint: a GitHub Pages site without its address in its
// configuration has it in its CNAME file: the warning that asks for the
// address names it.
func TestCNAMEHint(t *testing.T) {
	jp, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("title: T\n")},
		"CNAME":                  {Data: []byte("blog.example.org\n")},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nHi.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	hp, err := Hugo(fstest.MapFS{
		"config.toml":        {Data: []byte("title = 'T'\n")},
		"static/CNAME":       {Data: []byte("blog.example.org")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nHi.\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, plan := range []*Plan{jp, hp} {
		found := false
		for _, w := range plan.Warnings {
			found = found || strings.Contains(w.Error(), "the CNAME file names blog.example.org: --base-url https://blog.example.org/ if the blog was there")
		}
		if !found {
			t.Errorf("warnings %v", plan.Warnings)
		}
	}
}

// renderHTMLBody is what a .html post's body shows as once imported.
func renderHTMLBody(in string) (string, string) {
	md, _ := htmlBody(in, true)
	return md, markdown.New().Render(markdown.Text(escapeWikilinks(escapeSingleTildes(md))), markdown.Options{}).HTML
}

func sameAsJekyll(t *testing.T, in string) {
	t.Helper()
	md, out := renderHTMLBody(in)
	if want, got := htmlTokens(in), htmlTokens(out); !slices.Equal(want, got) {
		t.Errorf("%q\nwritten %q\nrenders %q\n   want %v\n    got %v", in, md, out, want, got)
	}
}

// A review's: Liquid in an attribute of a tag in paragraph text: the text after
// the Liquid tag is escaped as if it were text, _ in the URL becomes \_.
func TestHTMLBodyLiquidInAttribute(t *testing.T) {
	post := "---\ntitle: A\n---\nSee <img src=\"{{ site.baseurl }}/images/my_photo.png\"> and <a href=\"{% post_url 2020-01-01-other %}#some_anchor\">x</a>.\n"
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.net\nbaseurl: /blog\n")},
		"_posts/2020-01-02-a.html":   {Data: []byte(post)},
		"_posts/2020-01-01-other.md": {Data: []byte("---\ntitle: O\n---\nHi.\n")},
	}, Options{Root: "old", NewBase: "https://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Slug == "a" {
			html := markdown.New().Render(markdown.Text(p.Body), markdown.Options{}).HTML
			if strings.Contains(html, "%5C_") {
				t.Errorf("body %q renders %q", p.Body, html)
			}
		}
	}
}

// A review's: a < that begins no tag (or a comment with an apostrophe) ends the
// escaping of all the text after it.
func TestHTMLBodyLoneLessThan(t *testing.T) {
	sameAsJekyll(t, "for (i = 0; i < n; i++) loops\n\nUse *pointers* and _this_.\n")
	sameAsJekyll(t, "Intro <!-- don't show --> and *stars*.\n")
}

// A review's: a fence's line in a <pre> or a comment opens a "verbatim block" for
// escapeMarks (not for unindentHTML): the rest of the post is not escaped.
func TestHTMLBodyFenceInPre(t *testing.T) {
	sameAsJekyll(t, "<pre>\n```\ncode\n</pre>\n\nText *a* and _b_.\n")
}

// A review's: {% raw %} blocks are kept verbatim: the HTML in them is neither
// unindented nor its blank lines handled.
func TestHTMLBodyRawLiquid(t *testing.T) {
	sameAsJekyll(t, "{% raw %}\n<div>\n    <p>{{ name }}</p>\n\n    <p>{{ age }}</p>\n</div>\n{% endraw %}\n")
}

// A review's: Jekyll showed a fence in a .html post as text; a line of ~~~ (a
// separator) turns the rest of the post into a code block; a fence
// indented 4 spaces is unindented into one.
func TestHTMLBodyFencesAreText(t *testing.T) {
	sameAsJekyll(t, "Part one\n\n~~~~~~~~\n\nPart *two*\n\n<div>x</div>\n")
	sameAsJekyll(t, "Text:\n    ```\n    foo *x*\n    ```\nafter\n")
}

// A review's: a <pre> that does not begin its line is in a paragraph: its lines'
// indentation is lost, and after a blank line (<!-- -->) an indented
// line is a code block.
func TestHTMLBodyPreInParagraph(t *testing.T) {
	sameAsJekyll(t, "Blogger intro.<br /><pre>def f():\n    return 1\n</pre>More.\n")
	sameAsJekyll(t, "Code: <pre>def f():\n    return 1\n\n    x = 2\n</pre>\n")
}

// A review's: a list's or a quote's mark before a block tag is not escaped.
func TestHTMLBodyMarkBeforeBlockTag(t *testing.T) {
	sameAsJekyll(t, "- <div>x</div>\n")
	sameAsJekyll(t, "> <div>quoted</div>\n")
	sameAsJekyll(t, "- <img src=\"a.png\">\n")
}

// A review's: the renderer's typographer changes text Jekyll showed as written.
func TestHTMLBodyNoTypography(t *testing.T) {
	sameAsJekyll(t, "Run git log --oneline, say \"hi\"...\n")
	sameAsJekyll(t, "Title\n---\n")
}

// A review's: two spaces at a line's end are a <br>.
func TestHTMLBodyTrailingSpaces(t *testing.T) {
	sameAsJekyll(t, "line one  \nline two\n")
}

// A review's: $$ math in text is escaped, and the renderer keeps math as
// written: MathJax gets a\_1 \* b\_2.
func TestHTMLBodyMath(t *testing.T) {
	if _, out := renderHTMLBody("The sum $$a_1 * b_2$$ here.\n"); strings.Contains(out, `\_`) {
		t.Errorf("renders %q", out)
	}
}

// TestHTMLBodyRealBlogs: what real blogs' HTML posts showed garbled:
// a web address's &amp; doubled in its link (a Blogger post), Liquid's
// highlight indented in a list shown as a code block of its fence (a
// WordPress one), a gist's script dropped with the code it showed, and
// a one-line Blogger post's <div> wrapped in a paragraph.
func TestHTMLBodyRealBlogs(t *testing.T) {
	_, out := renderHTMLBody("Get https://s3.example.com/a.iso&amp;x=1&amp;y=2 now.\n")
	if !strings.Contains(out, `href="https://s3.example.com/a.iso&amp;x=1&amp;y=2"`) || !strings.Contains(out, ">https://s3.example.com/a.iso&amp;x=1&amp;y=2</a>") {
		t.Errorf("renders %q", out)
	}
	_, out = renderHTMLBody(`<p>Add:</p><script src="https://gist.github.com/ana/57195aaf.js"></script>` + "\n")
	if !strings.Contains(out, `<a href="https://gist.github.com/ana/57195aaf">Gist ana/57195aaf</a>`) {
		t.Errorf("renders %q", out)
	}
	sameAsJekyll(t, "Intro *a*.<br /><div>x *y*</div><p>More *z*</p><pre>code\n\n    more</pre>After.\n")
	// A <pre> closed on the line of a one-line Blogger post is a block of
	// its own, not in a paragraph (<p>…<pre>…</pre></p>, which a browser
	// reads as two paragraphs, one empty).
	in := "Works now.<br /><br /><pre><code>set clipboard=unnamed</code></pre><div>And *this*.</div>\n"
	sameAsJekyll(t, in)
	if _, out := renderHTMLBody(in); strings.Count(out[:strings.Index(out, "<pre")], "<p>") != strings.Count(out[:strings.Index(out, "<pre")], "</p>") {
		t.Errorf("renders %q: the <pre> in a paragraph", out)
	}
	post := "---\ntitle: Vim\n---\n<ul>\n  <li>Add:\n          {% highlight bash %}\n  # cat >> ~/.vimrc\n          {% endhighlight %}\n  </li>\n</ul>\n"
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.net\n")},
		"_posts/2011-01-17-vim.html": {Data: []byte(post)},
	}, Options{Root: "old", NewBase: "https://example.com/"})
	if err != nil || len(plan.Posts) != 1 {
		t.Fatal(err)
	}
	out = markdown.New().Render(markdown.Text(plan.Posts[0].Body), markdown.Options{}).HTML
	if strings.Contains(out, "```") || !strings.Contains(out, "# cat &gt;&gt; ~/.vimrc") {
		t.Errorf("body %q renders %q", plan.Posts[0].Body, out)
	}
}

// htmlJekyll imports post as a Jekyll post in HTML (and extra files)
// and returns its body and what it renders.
func htmlJekyll(t *testing.T, post string, extra map[string]string) (string, string) {
	t.Helper()
	fsys := fstest.MapFS{
		"_config.yml":              {Data: []byte("url: https://j.example.net\n")},
		"_posts/2020-01-02-a.html": {Data: []byte(post)},
	}
	for k, v := range extra {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	plan, err := Jekyll(fsys, Options{Root: "old", NewBase: "https://example.com/"})
	if err != nil || len(plan.Posts) != 1 {
		t.Fatal(err)
	}
	b := plan.Posts[0].Body
	return b, markdown.New().Render(markdown.Text(b), markdown.Options{}).HTML
}

// htmlHugo is htmlJekyll for a Hugo page in .html.
func htmlHugo(t *testing.T, post string, extra map[string]string) (string, string) {
	t.Helper()
	fsys := fstest.MapFS{
		"config.toml":          {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.html": {Data: []byte(post)},
	}
	for k, v := range extra {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil || len(plan.Posts) != 1 {
		t.Fatal(err)
	}
	b := plan.Posts[0].Body
	return b, markdown.New().Render(markdown.Text(b), markdown.Options{}).HTML
}

// BenchmarkHTMLBodyOneLine: a Blogger post is one line; htmlBody read
// the rest of the line again at each tag of it (a review's: 200 KB took
// 19 s).
func BenchmarkHTMLBodyOneLine(b *testing.B) {
	unit := "Some <b>bold</b> text and a <a href=\"http://x.com/\">link</a>.<br /> <pre>x</pre> y ... "
	in := "Intro " + strings.Repeat(unit, (256<<10)/len(unit)) + "\n"
	for b.Loop() {
		htmlBody(in, true)
	}
}

// A second review's: The typographer's >> (») is not escaped; << is.
func TestHTMLBodyReviewedAngleQuotes(t *testing.T) {
	sameAsJekyll(t, "Run cat a >> b now\n")
}

// A second review's: A '>' in a quoted attribute of a tag in paragraph text: kept's
// <[^<>]*> stops at it, the tag is shown as text.
func TestHTMLBodyReviewedGreaterInAttribute(t *testing.T) {
	sameAsJekyll(t, "Text <span title=\"a > b\">x</span> *y*\n")
}

// A second review's: Word's <o:p></o:p> (pasted into WordPress/Blogger) in paragraph
// text: the browser showed nothing; imported it shows as "<o:p></o:p>".
func TestHTMLBodyReviewedOfficeTags(t *testing.T) {
	md, out := renderHTMLBody("Some text<o:p></o:p> here\n")
	if strings.Contains(out, "&lt;o:p&gt;") {
		t.Errorf("written %q renders %q", md, out)
	}
}

// A second review's: A web address followed by a quote, or ..., is kept whole with them
// unescaped: the link's href gets %22, ' becomes ’, ... becomes ….
func TestHTMLBodyReviewedAddressBeforeQuote(t *testing.T) {
	for _, in := range []string{
		"He said \"see https://example.com/\".\n",
		"Visit 'https://example.com/' now\n",
		"See https://example.com/a... and more\n",
	} {
		md, out := renderHTMLBody(in)
		if strings.Contains(out, "%22") || strings.Contains(out, "&rsquo;") || strings.Contains(out, "&hellip;") {
			t.Errorf("%q written %q renders %q", in, md, out)
		}
	}
}

// A second review's: A web address as an <a>'s text is linked again inside the <a>:
// nested links; the browser ends the outer one, so the link goes to the
// text's address, not the href.
func TestHTMLBodyReviewedAddressInLink(t *testing.T) {
	md, out := renderHTMLBody("Go to <a href=\"https://bit.ly/abc\">www.example.com</a> now.\n")
	if n := strings.Count(out, "<a "); n != 1 {
		t.Errorf("written %q renders %q: %d links", md, out, n)
	}
}

// A second review's: Two stray $$ paragraphs apart: kept's (?s)\$\$.+?\$\$ keeps all the
// text between unescaped (the renderer's math does not span paragraphs).
func TestHTMLBodyReviewedDollarsAcrossParagraphs(t *testing.T) {
	sameAsJekyll(t, "Price: $$$ (expensive).\n\nUse *stars* and _this_ here.\n\nAnd $$ again.\n")
}

// A second review's: {{ … }} is kept unescaped, but Hugo shows it as written (it is no
// shortcode), and so does Jekyll in {% raw %}: the typographer curls
// the quotes of template code.
func TestHTMLBodyReviewedLiteralBraces(t *testing.T) {
	body, out := htmlHugo(t, "---\ntitle: T\ndate: 2020-01-02\n---\nUse <code>{{ \"x\" | print }}</code> in templates.\n", nil)
	if strings.Contains(out, "&ldquo;") {
		t.Errorf("hugo: body %q renders %q", body, out)
	}
	body, out = htmlJekyll(t, "---\ntitle: T\n---\nUse <code>{% raw %}{{ \"now\" | date: \"%Y\" }}{% endraw %}</code> to print.\n", nil)
	if strings.Contains(out, "&ldquo;") {
		t.Errorf("jekyll: body %q renders %q", body, out)
	}
}

// A second review's: What a later pass writes at a line's start as HTML (a Liquid tag or
// shortcode left out as <!-- … -->, a shortcode template's <div>) makes
// the line an HTML block, where htmlBody's escapes show.
func TestHTMLBodyReviewedEscapesShowInLaterHTMLBlock(t *testing.T) {
	body, out := htmlJekyll(t, "---\ntitle: T\n---\n{% assign n = 3 %}Here are *my* \"best\" posts.\n", nil)
	if strings.Contains(out, `\*`) {
		t.Errorf("jekyll: body %q renders %q", body, out)
	}
	body, out = htmlHugo(t, "---\ntitle: T\ndate: 2020-01-02\n---\n{{< mybox >}} Some *stars*.\n", nil)
	if strings.Contains(out, `\*`) {
		t.Errorf("hugo, unknown shortcode: body %q renders %q", body, out)
	}
	body, out = htmlHugo(t, "---\ntitle: T\ndate: 2020-01-02\n---\n{{< mybox >}}\nSome *stars* here.\n{{< /mybox >}}\n",
		map[string]string{"layouts/shortcodes/mybox.html": "<div class=\"box\">{{ .Inner }}</div>\n"})
	if strings.Contains(out, `\*`) {
		t.Errorf("hugo, site's shortcode: body %q renders %q", body, out)
	}
}

// A second review's: A tag broken over lines whose '>' begins a line (as Prettier
// formats inline elements): the line is a block quote, the tag text.
func TestHTMLBodyReviewedTagSplitBeforeGreater(t *testing.T) {
	sameAsJekyll(t, "See <a\n  href=\"https://example.com\"\n  >the site</a\n> for more.\n")
}

// A second review's: Liquid's output is not escaped: a title's *stars* become emphasis,
// which Jekyll showed as written in an HTML post.
func TestHTMLBodyReviewedLiquidOutputIsMarkdown(t *testing.T) {
	body, out := htmlJekyll(t, "---\ntitle: My *great* post\n---\n<b>Title:</b> {{ page.title }} here.\n", nil)
	if strings.Contains(out, "<em>") {
		t.Errorf("body %q renders %q", body, out)
	}
}

// TestHugoHTMLWithoutFrontMatter: a content file in HTML without front
// matter is listed with what to do with it, not "convert it to
// Markdown"; a section's _index.html is a list page.
func TestHugoHTMLWithoutFrontMatter(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"config.toml":               {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md":        {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nHi.\n")},
		"content/tutorial.html":     {Data: []byte("<!DOCTYPE html>\n<html><body>Tutorial</body></html>\n")},
		"content/notes/_index.html": {Data: []byte("---\ntitle: Notes\n---\n<p>All notes.</p>\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	want := "h/content/notes/_index.html: a list page (_index): netjournal makes its own lists of posts, archive/ and tags/\n" +
		"h/content/tutorial.html: HTML without front matter: the import reads a page in HTML by its front matter; to keep this one as it is, copy it to static/tutorial.html"
	if got := skips(plan); got != want {
		t.Errorf("skipped:\n%s\nwant:\n%s", got, want)
	}
}

// A third review's: a Liquid output with a quoted argument in a quoted
// attribute (Jekyll's usual <img src="{{ "/x.png" | relative_url }}">)
// of a tag in paragraph text: the tag is escaped as text and shows as
// "<img src=...>" instead of the image.
func TestHTMLBodyThirdReviewJekyllQuotedLiquidInAttribute(t *testing.T) {
	body, out := htmlJekyll(t, "---\ntitle: T\n---\n<img src=\"{{ \"/assets/a.png\" | relative_url }}\" alt=\"A\">\n\nText.\n", nil)
	if !strings.Contains(out, `<img src="/assets/a.png"`) || strings.Contains(out, "&lt;img") {
		t.Errorf("body %q renders %q", body, out)
	}
}

// A third review's: Hugo's usual <a href="{{< ref "b.md" >}}"> in a line of
// text: the <a> tag shows as text, the link is lost.
func TestHTMLBodyThirdReviewHugoRefInAttribute(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"config.toml":          {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.html": {Data: []byte("---\ntitle: A\ndate: 2020-01-02\n---\nSee <a href=\"{{< ref \"b.md\" >}}\">B</a> for more.\n")},
		"content/posts/b.md":   {Data: []byte("---\ntitle: B\ndate: 2020-01-01\n---\nB\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Slug != "a" {
			continue
		}
		out := markdown.New().Render(markdown.Text(p.Body), markdown.Options{}).HTML
		if !strings.Contains(out, `<a href="/posts/b/">B</a>`) || strings.Contains(out, "&lt;a") {
			t.Errorf("body %q renders %q", p.Body, out)
		}
	}
}

// A third review's: an {% include %} in an HTML post is placed as in a
// kramdown post: its text is read as Markdown (emphasis, --, links),
// which Jekyll wrote as it was.
func TestHTMLBodyThirdReviewIncludeIsNotMarkdown(t *testing.T) {
	inc := map[string]string{
		"_includes/inline.html": "<span>a *b* c</span>",
		"_includes/sig.html":    "Thanks for *reading* -- see [here](x)\n",
	}
	body, out := htmlJekyll(t, "---\ntitle: T\n---\nText with {% include inline.html %} inline.\n", inc)
	if strings.Contains(out, "<em>") {
		t.Errorf("inline include: body %q renders %q", body, out)
	}
	body, out = htmlJekyll(t, "---\ntitle: T\n---\n<p>Before.</p>\n\n{% include sig.html %}\n", inc)
	if strings.Contains(out, "<em>") || strings.Contains(out, "&ndash;") || strings.Contains(out, `href="x"`) {
		t.Errorf("include on its line: body %q renders %q", body, out)
	}
}

// A third review's: a web address that the renderer does not link (after a
// quote, an entity or a colon) is written unescaped: its __init__ is
// bold, where Jekyll showed the underscores.
func TestHTMLBodyThirdReviewUnlinkedAddressIsEscaped(t *testing.T) {
	sameAsJekyll(t, "Open \"https://github.com/a/b/blob/master/pkg/__init__.py\" now.\n")
	sameAsJekyll(t, "Open &#8220;https://github.com/a/b/blob/master/pkg/__init__.py&#8221; now.\n")
}

// A third review's: an entity after a web address (WordPress's &nbsp;) is
// taken into the address: the link's href has it, and its text shows
// "&nbsp;today" where Jekyll showed a space and "today".
func TestHTMLBodyThirdReviewEntityAfterAddress(t *testing.T) {
	md, out := renderHTMLBody("Go to https://example.com/&nbsp;today\n")
	if strings.Contains(out, "&amp;nbsp;") {
		t.Errorf("written %q renders %q", md, out)
	}
}

// A third review's: {{% %}} in a Hugo page in HTML: Hugo did not render its
// output as Markdown (the page is HTML), the import does.
func TestHTMLBodyThirdReviewHugoPercentShortcodeInHTML(t *testing.T) {
	body, out := htmlHugo(t, "---\ntitle: T\ndate: 2020-01-02\n---\nText {{% mark %}}*x*{{% /mark %}} here.\n",
		map[string]string{"layouts/shortcodes/mark.html": "<mark>{{ .Inner }}</mark>"})
	if strings.Contains(out, "<em>") {
		t.Errorf("body %q renders %q", body, out)
	}
}

// TestHTMLBodyBlankLineInElement: a blank line inside an element that a
// line before opened is a space to HTML: a Tumblr post's <p> with blank
// lines in it came out as three paragraphs in one (<p> in a <p>); text
// that no element holds still makes paragraphs, as WordPress's did.
func TestHTMLBodyBlankLineInElement(t *testing.T) {
	in := "<p>Work should be *fun*! Here.\n\nHow do we do this?\n\n    People consider:\n\n</p><ul><li>a</li></ul>\n\nAfter, *text*.\n\nAnd more.\n"
	sameAsJekyll(t, in)
	md, out := renderHTMLBody(in)
	if n := strings.Count(out, "<p>"); n != 3 {
		t.Errorf("written %q renders %q: %d paragraphs, want the <p> and two of text", md, out, n)
	}
	if strings.Count(md, "\n") != strings.Count(in, "\n") {
		t.Errorf("written %q: lines moved", md)
	}
}

// TestHTMLBodyPreSpaces: the spaces at the end of a <pre>'s lines, and of
// its lines of spaces alone, are its text, kept as written (a Tumblr
// post's F# code lost them).
func TestHTMLBodyPreSpaces(t *testing.T) {
	in := "<pre><code>type Suit = \n    | Hearts\n    \n    | Spades  \n</code></pre>\n"
	md, _ := htmlBody(in, true)
	for _, want := range []string{"type Suit = \n", "\n    <!-- -->\n", "| Spades  \n"} {
		if !strings.Contains(md, want) {
			t.Errorf("written %q, without %q", md, want)
		}
	}
}

// TestHTMLPageTitle: a page written as a whole HTML document, whose front
// matter gives no title, is titled by its <title> (a real blog's pages
// were titled from their file names, with a warning).
func TestHTMLPageTitle(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.net\n")},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nHi.\n")},
		"allergien.html":         {Data: []byte("---\nlayout: none\n---\n<!DOCTYPE html>\n<html><head><title>Max&#39;\n Allergien</title></head>\n<body><p>Nüsse.</p></body></html>\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Pages) != 1 || plan.Pages[0].Title != "Max' Allergien" {
		t.Fatalf("pages %+v", plan.Pages)
	}
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "no title") {
			t.Errorf("warning %v", w)
		}
	}
}
