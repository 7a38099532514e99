package blogimport

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		format   string
		title    string
		bodyLine int
		errLine  int // 0: no error
	}{
		{"yaml", "---\ntitle: Hi\n---\nBody\n", "yaml", "Hi", 4, 0},
		{"yaml dots", "---\ntitle: Hi\n...\nBody\n", "yaml", "Hi", 4, 0},
		{"toml", "+++\ntitle = \"Hi\"\ndate = 2019-01-02\n+++\nBody\n", "toml", "Hi", 5, 0},
		{"json", "{\n  \"title\": \"Hi\"\n}\nBody\n", "json", "Hi", 4, 0},
		{"crlf and bom", "\uFEFF---\r\ntitle: Hi\r\n---\r\nBody\r\n", "yaml", "Hi", 4, 0},
		{"leading blank", "\n\n---\ntitle: Hi\n---\nBody", "yaml", "Hi", 6, 0},
		{"none", "Just text\n", "", "", 1, 0},
		{"unclosed", "\n---\ntitle: Hi\n", "", "", 0, 2},
		{"bad yaml", "---\ntitle: Hi\nx: [1\n---\n", "", "", 0, -1},
		{"bad toml", "+++\ntitle = \"Hi\"\ndate = \n+++\n", "", "", 0, 3},
		{"bad json", "{\n  \"title\": \"Hi\",\n  \"x\": ]\n}\n", "", "", 0, 3},
		{"yaml list", "---\n- a\n---\n", "", "", 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			meta, _, bodyLine, err := Split("x.md", []byte(tc.in))
			if tc.errLine == -1 { // somewhere in the block
				if err == nil || err.Pos.Line < 1 || err.Pos.Line > strings.Count(tc.in, "\n") {
					t.Fatalf("error %v, want one inside the front matter", err)
				}
				return
			}
			if tc.errLine != 0 {
				if err == nil || err.Pos.Line != tc.errLine {
					t.Fatalf("error %v, want one at line %d", err, tc.errLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.format == "" {
				if meta != nil {
					t.Fatalf("got front matter %v", meta.Keys())
				}
				return
			}
			if meta.Format != tc.format || bodyLine != tc.bodyLine {
				t.Errorf("format %s, body line %d; want %s, %d", meta.Format, bodyLine, tc.format, tc.bodyLine)
			}
			if v, _ := meta.Get("Title"); v != tc.title {
				t.Errorf("title %v, want %s", v, tc.title)
			}
			if l := meta.LineOf("title"); l != meta.Line+1 {
				t.Errorf("title on line %d, want %d", l, meta.Line+1)
			}
		})
	}
}

func TestDates(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2018-06-24", "2018-06-24"},
		{"2018-06-24 11:07:00", "2018-06-24T11:07:00"},
		{"2018-06-24 11:07:00 +0800", "2018-06-24T11:07:00+08:00"},
		{"2018-06-24 11:07:00 +08:00", "2018-06-24T11:07:00+08:00"},
		{"2020-03-08T08:09:26", "2020-03-08T08:09:26"},
		{"2020-03-08T08:09:26Z", "2020-03-08T08:09:26Z"},
		{"2020-03-08T08:09:26.123-05:00", "2020-03-08T08:09:26-05:00"},
		{"2018-06-24 11:07", "2018-06-24T11:07:00"},
		{"March 8, 2020", "2020-03-08"},
	} {
		s, err := date(tc.in, time.UTC)
		if err != nil || s.String() != tc.want {
			t.Errorf("date(%q) = %s, %v; want %s", tc.in, s, err, tc.want)
		}
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	if s, _ := date("2018-06-24 11:07:00", paris); s.String() != "2018-06-24T11:07:00+02:00" {
		t.Errorf("in the site's zone: %s", s)
	}
	for _, bad := range []any{"yesterday", int64(3), "2018-13-01"} {
		if _, err := date(bad, nil); err == nil {
			t.Errorf("date(%v): no error", bad)
		}
	}
}

func convert(body string, hugo bool) (string, []string) {
	var warns []string
	c := newConverter(body, 10, func(line int, format string, args ...any) {
		warns = append(warns, fmt.Sprintf("%d: ", line)+fmt.Sprintf(format, args...))
	})
	c.resolve = func(ref string) (string, bool) {
		if strings.Contains(ref, "known") {
			return "/posts/known/", true
		}
		return "", false
	}
	c.value = func(name string) (string, bool) {
		if name == "site.title" || name == "page.title" {
			return "T", true
		}
		return "", false
	}
	if hugo {
		return c.shortcodes(), warns
	}
	return c.liquid(), warns
}

func TestShortcodes(t *testing.T) {
	for _, tc := range []struct{ in, want, warn string }{
		{"{{< highlight go >}}\nx := 1\n{{< /highlight >}}\n", "```go\nx := 1\n```\n", ""},
		{"a {{< highlight sh >}}ls{{< /highlight >}} b", "a \n\n```sh\nls\n```\n\n b", ""},
		{"{{< highlight md >}}\n```\ncode\n```\n{{< /highlight >}}", "````md\n```\ncode\n```\n````", ""},
		{`{{< figure src="/a.png" alt="A" >}}`, "![A](</a.png>)", ""},
		{`{{< figure src="/a.png" caption="Hi & bye" link="https://x.example/" >}}`,
			"<figure>\n\n[![Hi & bye](</a.png>)](<https://x.example/>)\n\n<figcaption>Hi &amp; bye</figcaption>\n</figure>", ""},
		{`{{< youtube id="abc" title="Talk" >}}`, "[Talk](<https://www.youtube.com/watch?v=abc>)", ""},
		{`{{< tweet 123 >}}`, "[A post on X (Twitter)](<https://twitter.com/i/status/123>)", ""},
		{`{{< gist u 1 f.go >}}`, "[f.go (gist u/1)](<https://gist.github.com/u/1#file-f-go>)", ""},
		{`[x]({{< ref "known.md#sec" >}})`, "[x](/posts/known/#sec)", ""},
		{`[x]({{< relref "gone.md" >}})`, "[x](#)", `10: relref "gone.md" names no imported post`},
		{"{{</* youtube x */>}}", "`{{< youtube x >}}`", ""},
		{"```\n{{</* youtube x */>}}\n```", "```\n{{< youtube x >}}\n```", ""},
		{"{{< mystery a=1 >}}", "<!-- {{< mystery a=1 >}} -->", `10: shortcode "mystery" is not converted`},
		{"x\n{{% note %}}\n*kept*\n{{% /note %}}", "x\n<!-- {{% note %}} -->\n*kept*\n", `11: shortcode "note" is not known here`},
		{"`{{< inline >}}`", "`{{< inline >}}`", `10: shortcode "inline" in code`},
		{"{{< broken", "<!-- {{< broken -->", "10: the shortcode is not closed"},
		// The "*/" that closes a shortcode written as text comes after
		// its "/*", not within it (found by FuzzImport: a panic).
		{"00{{</*/>}}", "00<!-- {{</*/>}} -->", "10: a shortcode written as text ({{</* … */>}}) is not closed"},
		{"{{</**/>}}", "`{{<>}}`", ""},
		{"{{< /lonely >}}", "<!-- {{< /lonely >}} -->", `10: closing shortcode "lonely"`},
		{`{{< figure src="a.png" caption="-->" >}}`, "<figure>\n\n![-->](<a.png>)\n\n<figcaption>--&gt;</figcaption>", ""},
		{"{{< x `a >}}", "<!-- {{< x `a >}} -->", "10: a backquote in the shortcode is never closed"},
		// Hugo reads a tag whose name is on the next line.
		{"{{%\nyoutube abc %}}", "[Video on YouTube](<https://www.youtube.com/watch?v=abc>)", ""},
		{"**b**{{%\nslideshare 42 %}}", "**b**<!-- {{%\nslideshare 42 %}} -->", `10: shortcode "slideshare" is not converted`},
		{"{{< /\n  lonely >}}", "<!-- {{< /\n  lonely >}} -->", `10: closing shortcode "lonely"`},
		{"{{ .Title }} and {{< param author >}}", "{{ .Title }} and <!-- {{< param author >}} -->", `10: shortcode "param"`},
	} {
		got, warns := convert(tc.in, true)
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%q:\ngot  %q\nwant %q", tc.in, got, tc.want)
		}
		checkWarn(t, tc.in, warns, tc.warn)
	}
}

func TestLiquid(t *testing.T) {
	for _, tc := range []struct{ in, want, warn string }{
		{"{% highlight go linenos %}\nx := 1\n{% endhighlight %}", "```go\nx := 1\n```", ""},
		{"![a]({{ site.baseurl }}/img/a.png)", "![a](/img/a.png)", ""},
		{`[a]({{ "/about/" | relative_url }})`, "[a](/about/)", ""},
		{`[a]({{ '/x' | prepend: site.baseurl }})`, "[a](/x)", ""},
		{"[a]({% post_url 2018-06-24-known %})", "[a](/posts/known/)", ""},
		{"[a]({% post_url 2018-06-24-gone %})", "[a](#)", "10: post_url 2018-06-24-gone names no imported post"},
		{"{% raw %}{{ x }}{% endraw %}", "{{ x }}", ""},
		{"{%- raw -%}{% if %}{%- endraw -%}", "{% if %}", ""},
		{"{{ site.title }}: {{ page.title }}", "T: T", ""},
		{"{% comment %}secret{% endcomment %}", "<!-- {% comment %}secret{% endcomment %} -->", ""},
		{"{% include x.html %}", "<!-- {% include x.html %} -->", "10: Liquid tag {% include %} is not converted"},
		{"{% include youtube.html id=\"abc\" %}", "[Video on YouTube](<https://www.youtube.com/watch?v=abc>)", ""},
		{"{% gist user/123 %}", "[Gist user/123](<https://gist.github.com/user/123>)", ""},
		{"```\n{{ go.template }}\n```", "```\n{{ go.template }}\n```", "11: Liquid output {{ go.template }} in code: kept as written"},
		{"{{ page.unknown | date: '%Y' }}", "<!-- {{ page.unknown | date: '%Y' }} -->", "10: Liquid output"},
		{"{% if x %}", "<!-- {% if x %} -->", "10: Liquid tag {% if %}"},
		{"{{ unclosed", "<!-- {{ unclosed -->", "10: a Liquid output {{ is not closed"},
		// Code in a list item, or indented, is code as a fence is (a real
		// post's fence under "1." had its tags put in comments).
		{"1. In a list:\n\n    ```html\n    {% include footer.html %}\n    ```\n", "1. In a list:\n\n    ```html\n    {% include footer.html %}\n    ```\n", "13: Liquid tag {% include %} in code: kept as written"},
		{"Text.\n\n    {{ go.template }}\n", "Text.\n\n    {{ go.template }}\n", "12: Liquid output {{ go.template }} in code: kept as written"},
		// What a highlight holds is code too (a real post's Ember
		// template showed <!-- {{action "create"}} --> in its code).
		{"{% highlight html %}\n<button {{action \"create\"}}>Add</button>\n{% endhighlight %}", "```html\n<button {{action \"create\"}}>Add</button>\n```", `11: Liquid output {{ action "create" }} in code: kept as written`},
	} {
		got, warns := convert(tc.in, false)
		if got != tc.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tc.in, got, tc.want)
		}
		checkWarn(t, tc.in, warns, tc.warn)
	}
}

func checkWarn(t *testing.T, in string, warns []string, want string) {
	t.Helper()
	if want == "" {
		if len(warns) > 0 {
			t.Errorf("%q: unexpected warnings %q", in, warns)
		}
		return
	}
	if len(warns) != 1 || !strings.HasPrefix(warns[0], want) {
		t.Errorf("%q: warnings %q, want one starting %q", in, warns, want)
	}
}

func TestEscapeWikilinks(t *testing.T) {
	for in, want := range map[string]string{
		"a [[b]] `[[c]]`\n```\n[[d]]\n```\n": "a &#91;[b]] `[[c]]`\n```\n[[d]]\n```\n",
		// Code in a list item, in a quote, indented: kept as written (a
		// real post's TOML under "3." showed &#91;[Menu.Main]]).
		"3. Add:\n\n    ```toml\n    [[Menu.Main]]\n    ```\n\n[[x]]\n": "3. Add:\n\n    ```toml\n    [[Menu.Main]]\n    ```\n\n&#91;[x]]\n",
		"> ```\n> [[q]]\n> ```\n":      "> ```\n> [[q]]\n> ```\n",
		"Text.\n\n    [[menu.main]]\n": "Text.\n\n    [[menu.main]]\n",
		"- a `[[b]]` c [[d]]\n":        "- a `[[b]]` c &#91;[d]]\n",
		// A link whose text begins with a bracket, and an escaped bracket
		// before a link, are no wikilink: escaped, the link broke, and
		// \&#91; showed "&#91;" (two real blogs, 7 posts).
		"- [[HTML] Open graph](https://example.com/og)\n": "- [[HTML] Open graph](https://example.com/og)\n",
		// A link whose text is all in brackets: netjournal would read a
		// wikilink; the brackets are entities in the link's text.
		"[[PDF]](paper.pdf), ![[x]](/a.png) and [[y]][ref]\n\n[ref]: /r\n": "[&#91;PDF&#93;](paper.pdf), ![&#91;x&#93;](/a.png) and [&#91;y&#93;][ref]\n\n[ref]: /r\n",
		"Go: \\[[Taxes](https://example.com/t)\\] and [[x]]\n":             "Go: \\[[Taxes](https://example.com/t)\\] and &#91;[x]]\n",
		"![[img] a](/a.png) [[y] z\n":                                      "![[img] a](/a.png) &#91;[y] z\n",
		"\\[[x]]\n":                                                        "&#91;[x]]\n", // escaped, with no link after it: the bracket is text
		// An image whose text begins with a link: its bracket was
		// escaped, and the image shown as text (two real posts); left
		// as it was, netjournal read a wikilink to the next ]]. The link
		// shows only as the alt text, its text. A link holds no link:
		// its bracket is text either way.
		"![[u](https://u.test)](/img/a.png) [[v](/v) w](/x) [[y]]\n": "![u](/img/a.png) &#91;[v](/v) w](/x) &#91;[y]]\n",
	} {
		if got := escapeWikilinks(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestPermalinks(t *testing.T) {
	d, _ := date("2018-06-24 11:07:00", time.UTC)
	for _, tc := range []struct{ pattern, want string }{
		{"date", "/blog/dev/2018/06/24/My-Post.html"},
		{"pretty", "/blog/dev/2018/06/24/My-Post/"},
		{"none", "/blog/dev/My-Post.html"},
		{"ordinal", "/blog/dev/2018/175/My-Post.html"},
		{"/:year/:i_month/:slug:output_ext", "/2018/6/my-post.html"},
		{"/:short_year/:short_month/:title/", "/18/Jun/My-Post/"},
	} {
		if got, unknown := jekyllPermalink(tc.pattern, d, "My-Post", []string{"blog", "Dev"}, ".html"); got != tc.want || len(unknown) > 0 {
			t.Errorf("jekyll %s: %s %v, want %s", tc.pattern, got, unknown, tc.want)
		}
	}
	for _, tc := range []struct{ pattern, want string }{
		{"/:year/:month/:slug/", "/2018/06/a-title/"},
		{"/:sections/:filename/", "/posts/2018/file/"},
		{"/:section/:title/", "/posts/a-title/"},
		{"/:year/:bogus/", "/2018/:bogus/"},
		// A character of the pattern a path has none of: Hugo drops it (a
		// real config's stray backtick; every old address was lost).
		{"/blog/:year-:month-:day-:title/`", "/blog/2018-06-24-a-title/"},
	} {
		got, _ := hugoPermalink(tc.pattern, d, "A Title!", "", "File", []string{"posts", "2018"}, true)
		if got != tc.want {
			t.Errorf("hugo %s: %s, want %s", tc.pattern, got, tc.want)
		}
	}
}

func TestSiteAlias(t *testing.T) {
	old := newSite("https://me.example.net/blog/")
	for _, tc := range []struct{ newBase, p, want string }{
		{"https://new.example.com/", "/2018/x/", "/2018/x/"},
		{"https://me.example.net/", "/2018/x/", "/blog/2018/x/"},
		{"https://me.example.net/blog/", "/2018/x/", "/2018/x/"},
	} {
		if got, ok := old.alias(tc.p, tc.newBase); !ok || got != tc.want {
			t.Errorf("alias(%s, %s) = %s, %v; want %s", tc.p, tc.newBase, got, ok, tc.want)
		}
	}
	if _, ok := old.alias("/x/", "https://me.example.net/other/"); ok {
		t.Error("an old address outside the new base path redirects")
	}
	if got := old.abs("/2018/x/"); got != "https://me.example.net/blog/2018/x/" {
		t.Errorf("abs: %s", got)
	}
}

// TestJekyllFeedID: a site that uses jekyll-feed keeps its posts' ids,
// jekyll-feed's post.id, not their addresses.
func TestJekyllFeedID(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":                     {Data: []byte("url: https://j.example.net\npermalink: pretty\nplugins: [jekyll-feed]\n")},
		"_posts/2018-06-24-hello.md":      {Data: []byte("---\ntitle: Hello\n---\nHi.\n")},
		"_posts/2018-06-25-other.md":      {Data: []byte("---\ntitle: Other\nslug: renamed\ntags: a b\n---\nSee [hello](/2018/06/24/hello/).\n")},
		"_posts/2018-06-26-no-matter.txt": {Data: []byte("x")},
	}
	plan, err := Jekyll(fsys, Options{Root: "old", NewBase: "https://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 2 {
		t.Fatalf("%d posts", len(plan.Posts))
	}
	p, q := plan.Posts[0], plan.Posts[1]
	if p.FeedID != "https://j.example.net/2018/06/24/hello" || p.Aliases[0] != "/2018/06/24/hello/" {
		t.Errorf("feed id %s, aliases %v", p.FeedID, p.Aliases)
	}
	if q.Slug != "renamed" || q.FeedID != "https://j.example.net/2018/06/25/renamed" || strings.Join(q.Tags, ",") != "a,b" {
		t.Errorf("slug %s, feed id %s, tags %v", q.Slug, q.FeedID, q.Tags)
	}
	if !strings.Contains(q.Body, "[hello](/posts/hello/)") {
		t.Errorf("the link to an old address is not the new one: %q", q.Body)
	}
	if len(plan.Skipped) != 1 || plan.Skipped[0].Source != "old/_posts/2018-06-26-no-matter.txt" {
		t.Errorf("skipped %v", plan.Skipped)
	}
}

// TestHugoSingleDollarMathInPlace: the $ pairs MathJax makes are those of
// one piece of a page's text: a $ in a link's address, an image's text,
// raw HTML's code, a reference's address or an autolink is none, and two
// list items, table cells, a heading and the line after it, or two
// paragraphs of a quote pair none (a review found each garbled: the
// link broken, the image gone, $$HOME shown).
func TestHugoSingleDollarMathInPlace(t *testing.T) {
	const config = "theme = 'even'\n[params]\nmathjax = true\nmathjaxEnableSingleDollar = true\n"
	same := []string{
		"[items](https://api.example.com/items?$filter=a&$top=10)",
		"![chart of $a](chart.png) shows it",
		"<code>echo $SHELL</code> and $HOME",
		"- $HOME is home\n- $PATH is the path",
		"| a | b |\n|---|---|\n| $1 | x$ |",
		"## Costs $a\nand b$ too",
		"> a $b\n>\n> c$ d",
		"See [r].\n\n[r]: https://x.example/$a$b",
		"<https://x.example/a$b$c>",
		"https://x.example/a$b$c in text",
	}
	for _, body := range same {
		fsys := fstest.MapFS{
			"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n" + config)},
			"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + body + "\n")},
		}
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(plan.Posts[0].Body); got != body {
			t.Errorf("got  %q\nwant %q", got, body)
		}
	}
	// Math in a link's text, in emphasis, in a table cell is math.
	for body, want := range map[string]string{
		"[the $x$ law](https://x.example/)": "[the $$x$$ law](https://x.example/)",
		"*so $y$ is*":                       "*so $$y$$ is*",
		"| a |\n|---|\n| $z$ |":             "| a |\n|---|\n| $$z$$ |",
	} {
		fsys := fstest.MapFS{
			"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n" + config)},
			"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + body + "\n")},
		}
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(plan.Posts[0].Body); got != want {
			t.Errorf("got  %q\nwant %q", got, want)
		}
	}
}

// TestJekyllFeedIDAsJekyllWrites: jekyll-feed's id is Jekyll's
// absolute_url of the post's id, the site's url as written and the base
// path without its last "/": a url written with a "/" at its end made
// ids with two ("https://j.example.net//2018/…"), which a feed reader
// knows the posts by; ids without it would be new posts to it, every
// one. The base URL given on the command line is the address itself.
func TestJekyllFeedIDAsJekyllWrites(t *testing.T) {
	for _, tc := range []struct{ config, baseURL, want string }{
		{"url: https://j.example.net/\n", "", "https://j.example.net//2018/06/24/hello"},
		{"url: https://j.example.net\nbaseurl: /blog/\n", "", "https://j.example.net/blog/2018/06/24/hello"},
		{"url: https://J.Example.net/\nbaseurl: blog\n", "", "https://j.example.net//blog/2018/06/24/hello"},
		{"url: https://j.example.net/\n", "https://j.example.net/", "https://j.example.net/2018/06/24/hello"},
	} {
		fsys := fstest.MapFS{
			"_config.yml":                {Data: []byte(tc.config + "permalink: pretty\nplugins: [jekyll-feed]\n")},
			"_posts/2018-06-24-hello.md": {Data: []byte("---\ntitle: Hello\n---\nHi.\n")},
		}
		plan, err := Jekyll(fsys, Options{Root: "old", NewBase: "https://example.com/", BaseURL: tc.baseURL})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Posts) != 1 || plan.Posts[0].FeedID != tc.want {
			t.Errorf("%q %q: feed id %q, want %q", tc.config, tc.baseURL, plan.Posts[0].FeedID, tc.want)
		}
	}
}

// TestHugoNoDate: a post is dated as Hugo dates it (date, publishDate and
// its synonyms, then lastmod or modified); one without any date is not
// left behind but imported as a draft, dated by its file, and said so at
// its line: Hugo would publish it dated the year 1, a made-up day never
// is.
func TestHugoNoDate(t *testing.T) {
	mod := time.Date(2024, 3, 9, 22, 15, 0, 0, time.UTC)
	fsys := fstest.MapFS{
		"config.yaml":           {Data: []byte("baseURL: https://h.example.net/\nlanguages:\n  en: {}\n  fr: {}\npermalinks:\n  posts: /:year/:month/:slug/\n")},
		"content/posts/a.md":    {Data: []byte("---\ntitle: A\ndraft: false\ntags: [x]\n---\nText of A.\n"), ModTime: mod},
		"content/posts/b.md":    {Data: []byte("---\ntitle: B\ndate: 2020-01-01\ntags: x\nlastmod: 2019-01-01\n---\n")},
		"content/posts/c.fr.md": {Data: []byte("---\ntitle: C\ndate: 2020-01-01\n---\n")},
		"content/posts/d.md":    {Data: []byte("---\ntitle: D\nlastmod: 2021-05-06\n---\n")},
		"content/posts/e.md":    {Data: []byte("---\ntitle: E\nmodified: 2022-07-08T10:00:00Z\n---\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h", Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range plan.Posts {
		got[p.Slug] = fmt.Sprintf("date %s updated %v draft %v body %q", p.Date, !p.Updated.t.IsZero(), p.Draft, p.Body)
	}
	want := map[string]string{
		"a": `date 2024-03-09 updated false draft true body "Text of A.\n"`,
		"b": `date 2020-01-01 updated false draft false body ""`,
		"d": `date 2021-05-06 updated false draft false body ""`,
		"e": `date 2022-07-08T10:00:00Z updated false draft false body ""`,
	}
	if !maps.Equal(got, want) {
		t.Errorf("posts:\n%v\nwant:\n%v", got, want)
	}
	var msgs []string
	for _, w := range plan.Warnings {
		msgs = append(msgs, w.Error())
	}
	wantMsgs := []string{
		"h/content/posts/a.md:1: no date: imported as a draft dated 2024-03-09, when its file was last changed; give it its date and take out draft: true to publish it",
		"h/content/posts/b.md:5: lastmod 2019-01-01 is before the date 2020-01-01: kept as a comment",
	}
	if strings.Join(msgs, "\n") != strings.Join(wantMsgs, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(wantMsgs, "\n"))
	}
	if got := skips(plan); !strings.HasPrefix(got, "h/content/posts/c.fr.md: a translation") || strings.Count(got, "\n") != 0 {
		t.Errorf("skipped:\n%s", got)
	}
	// The draft's old address is where Hugo published it, dated the year 1.
	for _, p := range plan.Posts {
		if p.Slug == "a" && (strings.Join(p.Aliases, " ") != "/0001/01/a/" || p.FeedID != "https://h.example.net/0001/01/a/") {
			t.Errorf("a: aliases %q, feed id %q", p.Aliases, p.FeedID)
		}
	}
	// The draft is written as one: nothing of it is published until the
	// writer dates it.
	for _, p := range plan.Posts {
		if p.Slug == "a" && !strings.Contains(string(p.File()), "draft: true") {
			t.Errorf("a's file says no draft:\n%s", p.File())
		}
	}
}

// TestDatesKept: a date as Ruby's Time.parse reads it (Jekyll) is the
// post's date, at its own hour and zone; a date that does not read, an
// update before the date and an expiry still to come stay in the file as
// comments, each said at its line: none is left behind.
func TestDatesKept(t *testing.T) {
	jekyll := fstest.MapFS{
		"_config.yml":                   {Data: []byte("title: J\n")},
		"_posts/2011-12-31-new-year.md": {Data: []byte("---\ntitle: New year\ndate: Sun Jan 01 22:26:17 -0600 2012\n---\nHi.\n")},
		"_posts/2012-02-02-unix.md":     {Data: []byte("---\ntitle: Unix\ndate: Thu Feb  2 09:00:00 2012\n---\nHi.\n")},
		"_posts/2012-03-03-bad.md":      {Data: []byte("---\ntitle: Bad\ndate: the third of March\nmodified: 2012-01-01\n---\nHi.\n")},
	}
	jp, err := Jekyll(jekyll, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	hugo := fstest.MapFS{
		"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/e.md": {Data: []byte("---\ntitle: E\ndate: 2020-01-01\nexpiryDate: 9999-01-01\nlastmod: yesterday\nunpublishdate: 9998-01-01\ntoc: sometimes\nshowtoc: true\n---\n")},
	}
	hp, err := Hugo(hugo, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, plan := range []*Plan{jp, hp} {
		for _, p := range plan.Posts {
			files[p.Slug] = string(p.File())
		}
	}
	for slug, want := range map[string][]string{
		"new-year": {"date: 2012-01-01T22:26:17-06:00\n"},
		"unix":     {"date: 2012-02-02T09:00:00\n"},
		"bad":      {"date: 2012-03-03\n", "# date: \"the third of March\"\n", "# modified: \"2012-01-01\"\n"},
		"e":        {"date: 2020-01-01\n", "# expiryDate: \"9999-01-01\"\n", "# lastmod: \"yesterday\"\n", "# unpublishdate: \"9998-01-01\"\n", "# toc: \"sometimes\"\n", "# showtoc: true\n"},
	} {
		for _, w := range want {
			if !strings.Contains(files[slug], w) {
				t.Errorf("%s: no %q in\n%s", slug, w, files[slug])
			}
		}
	}
	w := messages(append(jp.Warnings, hp.Warnings...))
	for _, m := range []string{
		`j/_posts/2012-03-03-bad.md:3: date: invalid date "the third of March": kept as a comment`,
		`j/_posts/2012-03-03-bad.md:4: modified 2012-01-01 is before the date 2012-03-03: kept as a comment`,
		`h/content/posts/e.md:5: lastmod: invalid date "yesterday": kept as a comment`,
	} {
		if !strings.Contains(w, m) {
			t.Errorf("no %q in warnings:\n%s", m, w)
		}
	}
}

// TestConfigKeyTwice: a _config.yml that gives a key twice, which Jekyll
// reads (the last one wins), is read so, with a warning at the value passed
// over: the import of a real blog was refused for its paginate given
// twice.
func TestConfigKeyTwice(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":                 {Data: []byte("url: https://old.example.org\npaginate: 5\ntitle: J\npaginate: 10\nurl: https://j.example.net\n")},
		"_posts/2020-01-01-a-post.md": {Data: []byte("---\ntitle: A\n---\nHi.\n")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || plan.Posts[0].FeedID != "https://j.example.net/2020/01/01/a-post.html" {
		t.Errorf("posts %+v", plan.Posts)
	}
	want := "j/_config.yml:1: url is given again at line 5: the last one is read (as Jekyll reads it)\n" +
		"j/_config.yml:2: paginate is given again at line 4: the last one is read (as Jekyll reads it)"
	if got := messages(plan.Warnings); !strings.Contains(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	// The rest reads as YAML reads it: merge keys, numbers, dates.
	merged := fstest.MapFS{"_config.yml": {Data: []byte("defaults: &d {author: X}\nmore: &m {lang: fa}\nparams: {<<: *d, <<: *m, title: T}\npaginate: 5\npaginate: 10\nsince: 2020-01-02\n")}}
	c, dups, err := readConfig(merged, "_config.yml", "j/_config.yml", false)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintln(c.get("params.author"), c.get("params.lang"), c.get("params.title"), c.get("paginate"), len(dups)); got != "X fa T 10 1\n" {
		t.Errorf("read %q, want X T 10 1 (%v)", got, c)
	}
	if _, ok := c.get("params.<<").(map[string]any); ok {
		t.Errorf("the merge key is a key: %v", c)
	}
}

// TestRelativeLinksFollowTheMove: a post's relative links were written
// against its old address; at its new one (/posts/<slug>/) they are the
// paths they led to, when they led to a page or a file the import brings.
// A Hugo bundle's own files come along to its new address (and links to
// them with it); a link that leads to the same place from both, or to
// nothing the import brings (c9.io, text in an example), stays as written.
func TestRelativeLinksFollowTheMove(t *testing.T) {
	jekyll := fstest.MapFS{
		"_config.yml":              {Data: []byte("permalink: /:title/\n")},
		"_posts/2020-01-01-cat.md": {Data: []byte("---\ntitle: Cat\n---\n![a cat](../images/cat.png) and <img src=\"../images/cat.png\" alt=\"c\">, [the dog](../dog/#top), [home](../), [mail](mailto:a@b.c), [web](https://x.example/a), `[code](../x/)`.\n\n[asked](../dog/?x=1#top), [c9](c9.io), call f[0](arg), <pre><code>&lt;link href=\"style.css\"&gt;</code></pre>\n")},
		"_posts/2020-01-02-dog.md": {Data: []byte("---\ntitle: Dog\n---\nWoof.\n")},
		"images/cat.png":           {Data: []byte("png")},
		"_drafts/kitten.md":        {Data: []byte("---\ntitle: Kitten\n---\n![k](../images/cat.png)\n")},
	}
	jp, err := Jekyll(jekyll, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	hugo := fstest.MapFS{
		"config.toml":              {Data: []byte("baseURL = 'https://h.example.net/'\n[permalinks]\nposts = '/:slug/'\n")},
		"content/posts/b/index.md": {Data: []byte("---\ntitle: B\ndate: 2020-01-01\n---\n![here](pic.png) and ![there](../img/x.png) and [a](../a/), [same](../../x/).\n")},
		"content/posts/b/pic.png":  {Data: []byte("png")},
		"content/posts/a.md":       {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nA.\n")},
		"static/img/x.png":         {Data: []byte("png")},
	}
	hp, err := Hugo(hugo, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, plan := range []*Plan{jp, hp} {
		for _, p := range plan.Posts {
			bodies[p.Slug] = p.Body
		}
	}
	for slug, want := range map[string]string{
		"cat":    "![a cat](/images/cat.png) and <img src=\"/images/cat.png\" alt=\"c\">, [the dog](/posts/dog/#top), [home](/), [mail](mailto:a@b.c), [web](https://x.example/a), `[code](../x/)`.\n\n[asked](/posts/dog/?x=1#top), [c9](c9.io), call f[0](arg), <pre><code>&lt;link href=\"style.css\"&gt;</code></pre>",
		"kitten": "![k](/images/cat.png)",
		"b":      "![here](/posts/b/pic.png) and ![there](/img/x.png) and [a](/posts/a/), [same](../../x/).",
	} {
		if got := strings.TrimSpace(bodies[slug]); got != want {
			t.Errorf("%s:\ngot  %s\nwant %s", slug, got, want)
		}
	}
}

// TestHugoLanguageFolders: a language with a content folder of its own is
// not imported, and each of its pages is listed as skipped.
func TestHugoLanguageFolders(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":            {Data: []byte("baseURL = 'https://h.example.net/'\ndefaultContentLanguage = 'ja'\n[languages.ja]\ncontentDir = 'content/ja'\n[languages.en]\ncontentDir = 'content/en'\n")},
		"content/ja/posts/a.md":  {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nこんにちは\n")},
		"content/en/posts/a.md":  {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nHello\n")},
		"content/en/about.md":    {Data: []byte("---\ntitle: About\n---\nMe\n")},
		"content/en/posts/x.png": {Data: []byte("png")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || !strings.Contains(plan.Posts[0].Body, "こんにちは") {
		t.Errorf("posts %+v", plan.Posts)
	}
	want := "h/content/en/about.md: a translation (en): netjournal imports the site's language, ja\n" +
		"h/content/en/posts/a.md: a translation (en): netjournal imports the site's language, ja"
	if got := skips(plan); got != want {
		t.Errorf("skipped:\n%s\nwant:\n%s", got, want)
	}
}

// TestHugoLanguageConfigFiles: in config/_default/, languages.fr.toml is
// Hugo's [languages.fr], and menus.en.toml and params.en.toml the
// language's menus and params; read as tables named "languages.en" and
// the like, a real multilingual site's languages were not known: its
// English about page came in as a post, its old addresses with /en/
// before them, and its French posts as pages.
func TestHugoLanguageConfigFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"config/_default/hugo.toml":         {Data: []byte("baseURL = 'https://h.example.net/'\ndefaultContentLanguage = 'en'\n[permalinks]\npost = '/:year/:month/:day/:slug/'\n")},
		"config/_default/languages.en.toml": {Data: []byte("contentDir = 'content/en'\nweight = 1\n")},
		"config/_default/languages.fr.toml": {Data: []byte("contentDir = 'content/fr'\n")},
		"config/_default/menus.en.toml":     {Data: []byte("[[main]]\nname = 'About'\nurl = '/about/'\n")},
		"config/_default/params.en.toml":    {Data: []byte("description = 'In English'\n")},
		"content/en/post/why.md":            {Data: []byte("---\ntitle: Why\nslug: why-90-days\ndate: 2015-11-09\n---\nWhy.\n")},
		"content/en/about.md":               {Data: []byte("---\ntitle: About\n---\nUs. {{< param description >}}\n")},
		"content/fr/post/why.md":            {Data: []byte("---\ntitle: Pourquoi\ndate: 2015-11-09\n---\nPourquoi.\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || strings.Join(plan.Posts[0].Aliases, " ") != "/2015/11/09/why-90-days/" {
		for _, p := range plan.Posts {
			t.Errorf("post %s: aliases %q", p.Source, p.Aliases)
		}
	}
	if len(plan.Pages) != 1 || plan.Pages[0].Source != "h/content/en/about.md" || strings.TrimSpace(plan.Pages[0].Body) != "Us. In English" {
		for _, p := range plan.Pages {
			t.Errorf("page %s: %q", p.Source, p.Body)
		}
	}
	if got, want := skips(plan), "h/content/fr/post/why.md: a translation (fr): netjournal imports the site's language, en"; got != want {
		t.Errorf("skipped:\n%s\nwant:\n%s", got, want)
	}
	cfg, _, err := hugoConfig(fsys, func(p string) string { return p })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.str("languages.en.params.description") != "In English" || cfg.get("languages.en.menus.main") == nil {
		t.Errorf("config %v", cfg)
	}
	// menu.en.toml, as Hugo takes it too.
	if got := fmt.Sprint(configFileTable("menu.en", config{"main": "x"})); got != "map[languages:map[en:map[menu:map[main:x]]]]" {
		t.Errorf("menu.en.toml: %s", got)
	}
}

// TestHugoThemeTOC: FixIt's and LoveIt's table of contents is a map,
// toc: {enable: false, auto: false}: its enable is netjournal's toc, and
// the map is kept as a comment for the rest of it (it was a warning, and
// the table shown where the post had none).
func TestHugoThemeTOC(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\ntoc:\n  enable: false\n  auto: false\n---\nA\n")},
		"content/posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2020-01-01\ntoc: {enable: true}\n---\nB\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Warnings) != 0 {
		t.Errorf("warnings:\n%s", messages(plan.Warnings))
	}
	for _, p := range plan.Posts {
		file := string(p.File())
		switch p.Slug {
		case "a":
			if p.TOC == nil || *p.TOC || !strings.Contains(file, "toc: false\n") || !strings.Contains(file, "# toc: ") {
				t.Errorf("a:\n%s", file)
			}
		case "b":
			if p.TOC == nil || !*p.TOC || strings.Contains(file, "# toc") {
				t.Errorf("b:\n%s", file)
			}
		}
	}
}

// TestHugoMathShortcodes: a theme's math shortcode, {{< katex display >}}
// around a formula or {{< katex >}}m_1{{< /katex >}} in a sentence, is
// netjournal's $$ math, display or inline: it was "not known here", its
// LaTeX left as Markdown (m_1 and m_2 emphasis). One with nothing inside
// (a theme's way to load KaTeX on the page) is nothing.
func TestHugoMathShortcodes(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml": {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n{{< katex >}}\n\nThe law:\n\n{{< katex display >}}\nF = G m_1 m_2 / r^2\n{{< /katex >}}\n\n" +
			"where {{<katex>}}m_1{{</katex>}} and {{< math >}}m_2{{< /math >}} are masses.\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Warnings) != 0 {
		t.Errorf("warnings:\n%s", messages(plan.Warnings))
	}
	want := "The law:\n\n$$\nF = G m_1 m_2 / r^2\n$$\n\nwhere $$m_1$$ and $$m_2$$ are masses."
	if got := strings.TrimSpace(plan.Posts[0].Body); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestHugoMathEscapes: Hugo reads $$ math as Markdown (unless its
// passthrough is on), so its writers escape what Markdown would take:
// \\\\ for LaTeX's \\, \\frac for \frac, \_ for _. netjournal keeps
// math as written, and those escapes reached the page (every formula of
// a real blog wrong under KaTeX): they are undone, in $$ math outside
// code, as Hugo's Markdown undid them. A theme's math shortcode was
// never Markdown, and a site with Hugo's passthrough neither.
func TestHugoMathEscapes(t *testing.T) {
	tick := "`"
	// A second review's: in an HTML block, raw to Hugo and to
	// netjournal, math is as written.
	body := `$$\\frac{a}{b} \\\\ x\_i$$ and ` + tick + `$$\\x$$` + tick + ` and \$$ no.` + "\n\n" + `{{< katex >}}\frac{1}{2} \\ y_i{{< /katex >}}` + "\n\n<div>\n$$\na \\\\ b\n$$\n</div>\n"
	for _, tc := range []struct{ config, want string }{
		{"", `$$\frac{a}{b} \\ x_i$$ and ` + tick + `$$\\x$$` + tick + ` and \$$ no.` + "\n\n" + `$$\frac{1}{2} \\ y_i$$` + "\n\n<div>\n$$\na \\\\ b\n$$\n</div>"},
		{"[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\nblock = [['$$', '$$']]\n",
			`$$\\frac{a}{b} \\\\ x\_i$$ and ` + tick + `$$\\x$$` + tick + ` and \$$ no.` + "\n\n" + `$$\frac{1}{2} \\ y_i$$` + "\n\n<div>\n$$\na \\\\ b\n$$\n</div>"},
	} {
		fsys := fstest.MapFS{
			"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n" + tc.config)},
			"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + body)},
		}
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(plan.Posts[0].Body); got != tc.want {
			t.Errorf("config %q:\ngot  %s\nwant %s", tc.config, got, tc.want)
		}
	}
}

// TestImportNotUTF8: a post saved in Latin-1 (or with lines ended by a
// carriage return alone) is skipped, with the line that is not UTF-8:
// imported, it was a post netjournal could not load.
func TestImportNotUTF8(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: Caf\xe9\ndate: 2020-01-01\n---\nA\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 0 || skips(plan) != "h/content/posts/a.md: it is not text netjournal reads" {
		t.Errorf("posts %d, skipped:\n%s", len(plan.Posts), skips(plan))
	}
	if got := messages(plan.Warnings); !strings.Contains(got, "h/content/posts/a.md:2: this line is not UTF-8 text (its byte 0xE9)") {
		t.Errorf("warnings:\n%s", got)
	}
}

// TestImportBasePathLinks: a blog under a path (a GitHub project site,
// https://example.github.io/blog/) links to its posts and its images by
// that path: /blog/posts/b/ and /blog/images/x.png were left as written
// and broken (a real blog's screenshots), while the full addresses were
// made new.
func TestImportBasePathLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":         {Data: []byte("baseURL = 'https://example.github.io/blog/'\n")},
		"content/posts/a.md":  {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n![shot](/blog/images/x.png) [b](/blog/posts/b/) [abs](https://example.github.io/blog/posts/b/) [out](/blogroll/) [no](/blog/nothing/)\n")},
		"content/posts/b.md":  {Data: []byte("---\ntitle: B\ndate: 2020-01-02\n---\nB\n")},
		"static/images/x.png": {Data: []byte("png")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Slug == "a" {
			if got, want := strings.TrimSpace(p.Body), "![shot](/images/x.png) [b](/posts/b/) [abs](/posts/b/) [out](/blogroll/) [no](/blog/nothing/)"; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		}
	}
}

// TestJekyllKramdownTables: kramdown's separator lines, |---+---| above,
// between and below a table's rows, are no rows: CommonMark read them as
// a paragraph of dashes above the table and rows of dashes in it (a real
// blog's five posts). They go; the header's separator stays, with | for
// kramdown's + between its columns.
func TestJekyllKramdownTables(t *testing.T) {
	for in, want := range map[string]string{
		"Intro.\n\n|---+---|\n| a | b |\n|:-:|:-:|\n| 1 | 2 |\n|---+---|\n| 3 | 4 |\n|===+===|\n| 5 | 6 |\n|---+---|\n\nAfter.\n": "Intro.\n\n\n| a | b |\n|:-:|:-:|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n\n\n\n\nAfter.\n",
		"| a | b |\n|---+---|\n| 1 | 2 |\n": "| a | b |\n|---|---|\n| 1 | 2 |\n",
		"```\n|---+---|\n| a |\n```\n":      "```\n|---+---|\n| a |\n```\n",
		"Dashes:\n\n---\n\n| x |\n|---|\n":  "Dashes:\n\n---\n\n| x |\n|---|\n",
	} {
		got, inserted := kramdownTables(in)
		if got != want || inserted != nil {
			t.Errorf("%q:\ngot  %q (inserted %v)\nwant %q", in, got, inserted, want)
		}
		// The lines after a table keep their numbers (a second
		// review's: warnings after one were said lines too early).
		if strings.Count(got, "\n") != strings.Count(in, "\n") {
			t.Errorf("%q: lines not kept", in)
		}
	}
}

// TestHugoBundleLinksNotInCode: a bundle's files are linked by their new
// paths, but not in code, which shows what was written (a real post's
// sample of the figure shortcode, its src made the new path).
func TestHugoBundleLinksNotInCode(t *testing.T) {
	body := "![a](img/a.jpg)\n\n```html\n<img src=\"img/a.jpg\">\n```\n\nand `<img src=\"img/a.jpg\">` too.\n"
	want := "![a](/posts/b/img/a.jpg)\n\n```html\n<img src=\"img/a.jpg\">\n```\n\nand `<img src=\"img/a.jpg\">` too.\n"
	if got := bundleLinks(body, []string{"content/posts/b/img/a.jpg"}, "content/posts/b", "/posts/b/"); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestEscapeWikilinksScriptsAndMath: [[ in a script is JavaScript
// (MathJax's inlineMath: [['$','$']]), left as written: escaped, a site
// that trusts its HTML published &#91; in its script. In $$ math, kept as
// written, an entity is no bracket: [[ is written [{[}, which LaTeX sets
// as [[.
func TestEscapeWikilinksScriptsAndMath(t *testing.T) {
	in := "<script type=\"text/x-mathjax-config\">MathJax.Hub.Config({tex2jax: {inlineMath: [['$','$']]}});</script>\n\n" +
		"Iverson: $$[[x > 0]]$$ and [[text]].\n\n<STYLE>a[[b]] {}</STYLE>\n"
	want := "<script type=\"text/x-mathjax-config\">MathJax.Hub.Config({tex2jax: {inlineMath: [['$','$']]}});</script>\n\n" +
		"Iverson: $$[{[}x > 0]]$$ and &#91;[text]].\n\n<STYLE>a[[b]] {}</STYLE>\n"
	if got := escapeWikilinks(in); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// A second review's: a script within a paragraph's text is Markdown
	// to netjournal, its [[ a wikilink: escaped.
	if got, want := escapeWikilinks("Hi <script>var a = b[[0]];</script> there.\n"), "Hi <script>var a = b&#91;[0]];</script> there.\n"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// A third review's: a script whose blank line ends its <div>'s block.
	in = "<div>\n<script>\nvar a = d[[1]];\n\nvar b = c[[0]];\n</script>\n</div>\n"
	if got, want := escapeWikilinks(in), "<div>\n<script>\nvar a = d[[1]];\n\nvar b = c&#91;[0]];\n</script>\n</div>\n"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestHugoHeadingIDsAcrossPosts: a heading's own id ({#custom-id}) is
// the id netjournal makes of its text; a link from another post to it
// (by ref, by its old address, or by its new one) goes to that id too:
// rewritten within its own post alone, the others' were broken.
func TestHugoHeadingIDsAcrossPosts(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":          {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/two.md": {Data: []byte("---\ntitle: Two\ndate: 2020-01-02\n---\n## Sec A {#custom-id}\n\nSee [here](#custom-id).\n")},
		"content/posts/one.md": {Data: []byte("---\ntitle: One\ndate: 2020-01-01\n---\n[two]({{< ref \"two.md#custom-id\" >}}), [old](https://h.example.net/posts/two/#custom-id), [other](/posts/two/#elsewhere).\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Slug == "one" {
			if got, want := strings.TrimSpace(p.Body), "[two](/posts/two/#sec-a), [old](/posts/two/#sec-a), [other](/posts/two/#elsewhere)."; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		}
		if p.Slug == "two" && !strings.Contains(p.Body, "](#sec-a)") {
			t.Errorf("two: %s", p.Body)
		}
	}
}

// TestHugoLooseFiles: a file of the content folder that no page owns is
// not copied: Hugo published it at its path unless what the import does
// not read kept it back (the site's ignoreFiles, a mount's excludeFiles,
// a draft's folder), and copied, a draft's notes were published (a
// review's). The report says where Hugo published it, or why it did not;
// a page of a format Hugo reads (.htm) is a page, not a file.
func TestHugoLooseFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":                {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md":         {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n![x](/posts/images/x.png)\n")},
		"content/posts/images/x.png": {Data: []byte("x")},
		"content/posts/draft.htm":    {Data: []byte("---\ntitle: D\ndraft: true\n---\nsecret\n")},
		"content/private/_index.md":  {Data: []byte("---\n_build: {render: never, publishResources: false}\n---\n")},
		"content/private/salary.pdf": {Data: []byte("%PDF")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Files) != 0 {
		t.Errorf("files %v", plan.Files)
	}
	// The page in HTML is a post, a draft as it was.
	if len(plan.Posts) != 2 || plan.Posts[1].Source != "h/content/posts/draft.htm" || !plan.Posts[1].Draft {
		t.Errorf("posts %+v", plan.Posts)
	}
	want := "h/content/posts/images/x.png: a file of the content folder that no page owns: Hugo published it at /posts/images/x.png, unless the site kept it back; copy it to static/posts/images/x.png if it was public\n" +
		"h/content/private/_index.md: a list page (_index): netjournal makes its own lists of posts, archive/ and tags/\n" +
		"h/content/private/salary.pdf: a file of the content folder that no page owns, in private/, which is never rendered: Hugo did not publish it, nor does the import"
	if got := skips(plan); got != want {
		t.Errorf("skipped:\n%s\nwant:\n%s", got, want)
	}
}

// TestHugoLanguageFolderInside: another language's folder inside the site
// language's is listed as skipped, and nothing of it is imported.
func TestHugoLanguageFolderInside(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":           {Data: []byte("baseURL = 'https://h.example.net/'\n[languages.en]\ncontentDir = 'content'\n[languages.ja]\ncontentDir = 'content/ja'\n")},
		"content/posts/a.md":    {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nHello\n")},
		"content/ja/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nこんにちは\n")},
		"content/ja/x.png":      {Data: []byte("png")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || len(plan.Pages) != 0 || len(plan.Files) != 0 {
		t.Errorf("posts %d, pages %d, files %v", len(plan.Posts), len(plan.Pages), plan.Files)
	}
	if got, want := skips(plan), "h/content/ja/posts/a.md: a translation (ja): netjournal imports the site's language, en"; got != want {
		t.Errorf("skipped:\n%s\nwant:\n%s", got, want)
	}
}

// TestHugoDraftBundle: the files of a draft's bundle are not copied to
// static/, which is published whole; the report says where they go when
// the post is published.
func TestHugoDraftBundle(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":                 {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/wip/index.md":  {Data: []byte("---\ntitle: WIP\ndate: 2020-01-01\ndraft: true\n---\n![plan](plan.pdf)\n")},
		"content/posts/wip/plan.pdf":  {Data: []byte("%PDF")},
		"content/posts/done/index.md": {Data: []byte("---\ntitle: Done\ndate: 2020-01-01\n---\n![pic](pic.png)\n")},
		"content/posts/done/pic.png":  {Data: []byte("png")},
		"content/about/index.md":      {Data: []byte("---\ntitle: About\ndraft: true\n---\nMe\n")},
		"content/about/me.jpg":        {Data: []byte("jpg")},
	}
	plan, err := Hugo(fsys, Options{Root: "h", Sections: []string{"posts"}})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range plan.Files {
		files = append(files, f.Path)
	}
	if strings.Join(files, " ") != "static/posts/done/pic.png" {
		t.Errorf("files %q", files)
	}
	want := "h/content/about/me.jpg: a file of the draft page about/: copy it to static/about/me.jpg when you publish the page\n" +
		"h/content/posts/wip/plan.pdf: a file of the draft wip: copy it to static/posts/wip/plan.pdf when you publish the post"
	if got := skips(plan); got != want {
		t.Errorf("skipped:\n%s\nwant:\n%s", got, want)
	}
}

// TestRelinkLeavesTextAlone: href= in text or in an escaped code sample
// is not a link, even to a file the import brings; in a tag it is.
func TestRelinkLeavesTextAlone(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":              {Data: []byte("permalink: /blog/:title.html\n")},
		"css/style.css":            {Data: []byte("p{}")},
		"_posts/2020-01-01-css.md": {Data: []byte("---\ntitle: CSS\n---\n<pre><code>&lt;link rel=\"stylesheet\" href=\"../css/style.css\"&gt;</code></pre>\n\nWrite href=\"../css/style.css\" in the head, as <a href=\"../css/style.css\">this</a> does.\n")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	want := "<pre><code>&lt;link rel=\"stylesheet\" href=\"../css/style.css\"&gt;</code></pre>\n\nWrite href=\"../css/style.css\" in the head, as <a href=\"/css/style.css\">this</a> does."
	if len(plan.Posts) != 1 || strings.TrimSpace(plan.Posts[0].Body) != want {
		t.Errorf("body:\n%s\nwant:\n%s", plan.Posts[0].Body, want)
	}
}

// TestHugoHeldBack: what Hugo kept from the public is not published by
// the import: the pages of a section that cascades draft or render: never
// come as drafts, and no file is copied to static/ (published whole) for a
// draft, a post dated later, or a page that does not publish its files.
func TestHugoHeldBack(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":                   {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/secret/_index.md":      {Data: []byte("---\ncascade: {draft: true, _build: {render: never, list: never}}\n---\n")},
		"content/secret/x/index.md":     {Data: []byte("---\ntitle: X\n---\nX\n")},
		"content/secret/x/data.csv":     {Data: []byte("a,b")},
		"content/secret/y.md":           {Data: []byte("---\ntitle: Y\n---\nY\n")},
		"content/posts/future/index.md": {Data: []byte("---\ntitle: F\ndate: 2099-01-01\n---\nF\n")},
		"content/posts/future/plan.pdf": {Data: []byte("%PDF")},
		"content/posts/orig/index.md":   {Data: []byte("---\ntitle: O\ndate: 2020-01-01\n_build: {publishResources: false}\n---\nO\n")},
		"content/posts/orig/orig.jpg":   {Data: []byte("jpg")},
		"content/posts/open/index.md":   {Data: []byte("---\ntitle: Open\ndate: 2020-01-01\n---\nOpen\n")},
		"content/posts/open/pic.png":    {Data: []byte("png")},
	}
	plan, err := Hugo(fsys, Options{Root: "h", Sections: []string{"posts"}, Now: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range plan.Files {
		files = append(files, f.Path)
	}
	if strings.Join(files, " ") != "static/posts/open/pic.png" {
		t.Errorf("files %q", files)
	}
	drafts := map[string]bool{}
	for _, p := range plan.Pages {
		drafts[p.SitePath] = p.Draft
	}
	if !drafts["secret/x/"] || !drafts["secret/y/"] || len(drafts) != 2 {
		t.Errorf("pages and their drafts: %v", drafts)
	}
	got := skips(plan)
	for _, want := range []string{
		"h/content/posts/future/plan.pdf: a file of the post future, dated 2099-01-01: copy it to static/posts/future/plan.pdf on that day",
		"h/content/posts/orig/orig.jpg: a file of a page whose files Hugo did not publish (publishResources: false): copy it to static/posts/orig/orig.jpg if it is public",
		"h/content/secret/x/data.csv: a file of the draft page secret/x/: copy it to static/secret/x/data.csv when you publish the page",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in skipped:\n%s", want, got)
		}
	}
}

// TestJekyllExcludeGlobs: Jekyll's exclude patterns match as Jekyll
// matches them (a glob over the whole path, classes, a start of the path)
// and include wins over them; a file they name is never copied to static/,
// and those of the site's exclude are listed.
func TestJekyllExcludeGlobs(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":             {Data: []byte("exclude: [\"*.psd\", drafts-private, \"notes/*.txt\", secret, \"[Pp]rivate\", \"*.txt\"]\ninclude: [robots.txt]\n")},
		"_posts/2020-01-01-a.md":  {Data: []byte("---\ntitle: A\n---\nA\n")},
		"assets/secret.psd":       {Data: []byte("psd")},
		"assets/logo.png":         {Data: []byte("png")},
		"drafts-private/plan.pdf": {Data: []byte("pdf")},
		"notes/deep/todo.txt":     {Data: []byte("txt")},
		"secret-plans.pdf":        {Data: []byte("pdf")},
		"secrets/key.png":         {Data: []byte("png")},
		"Private/p.png":           {Data: []byte("png")},
		"robots.txt":              {Data: []byte("User-agent: *")},
		"vendor/js/app.js":        {Data: []byte("js")},
		"vendor/bundle/x.rb":      {Data: []byte("rb")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range plan.Files {
		files = append(files, f.Path)
	}
	slices.Sort(files)
	if strings.Join(files, " ") != "static/assets/logo.png static/robots.txt static/vendor/js/app.js" {
		t.Errorf("files %q", files)
	}
	if got := skips(plan); !strings.Contains(got, "j/secret-plans.pdf: excluded by j/_config.yml (exclude: secret)") || !strings.Contains(got, "j/Private: excluded by j/_config.yml (exclude: [Pp]rivate)") {
		t.Errorf("skipped:\n%s", got)
	}
}

// TestHugoHeldBackMore: what else Hugo keeps from the public comes as a
// draft, its files held: a publishDate to come, a page dated later, a
// page rendered only as a link, a section expired or whose _index is
// HTML, a draft written 1, an _index whose front matter does not read,
// and a cascade in the site's configuration.
func TestHugoHeldBackMore(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":                  {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/later/index.md": {Data: []byte("---\ntitle: L\ndate: 2020-01-01\npublishDate: 2099-01-01\n---\nL\n")},
		"content/posts/later/s1.png":   {Data: []byte("png")},
		"content/posts/one.md":         {Data: []byte("---\ntitle: One\ndate: 2020-01-01\ndraft: 1\n---\nO\n")},
		"content/posts/maybe.md":       {Data: []byte("---\ntitle: Maybe\ndate: 2020-01-01\ndraft: perhaps\n---\nM\n")},
		"content/event/index.md":       {Data: []byte("---\ntitle: Event\ndate: 2099-01-01\n---\nE\n")},
		"content/event/s2.png":         {Data: []byte("png")},
		"content/linked/index.md":      {Data: []byte("---\ntitle: Linked\n_build: {Render: link}\n---\nK\n")},
		"content/old/_index.md":        {Data: []byte("---\ncascade: {expiryDate: 2020-01-01}\n---\n")},
		"content/old/a.md":             {Data: []byte("---\ntitle: Old\n---\nA\n")},
		"content/html/_index.html":     {Data: []byte("---\ndraft: true\n---\n<p>x</p>\n")},
		"content/html/b.md":            {Data: []byte("---\ntitle: B\n---\nB\n")},
		"content/bad/_index.md":        {Data: []byte("---\ntitle: [unclosed\n---\n")},
		"content/bad/c.md":             {Data: []byte("---\ntitle: C\n---\nC\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h", Sections: []string{"posts"}, Now: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Files) != 0 {
		t.Errorf("files %v", plan.Files)
	}
	drafts := map[string]bool{}
	for _, p := range plan.Posts {
		drafts[p.Slug] = p.Draft
	}
	for _, p := range plan.Pages {
		drafts[p.SitePath] = p.Draft
	}
	want := map[string]bool{"later": true, "one": true, "maybe": true, "event/": true, "old/a/": true, "html/b/": true, "bad/c/": true}
	if !maps.Equal(drafts, want) {
		t.Errorf("drafts %v, want %v", drafts, want)
	}
	if got := skips(plan); !strings.Contains(got, "h/content/linked/index.md: not rendered by Hugo (build.render: link)") {
		t.Errorf("skipped:\n%s", got)
	}
	if got := messages(plan.Warnings); !strings.Contains(got, "h/content/bad/_index.md:") || !strings.Contains(got, `draft: expected true or false, got "perhaps": imported as a draft: kept as a comment`) {
		t.Errorf("warnings:\n%s", got)
	}

	site := fstest.MapFS{
		"config.toml":          {Data: []byte("baseURL = 'https://h.example.net/'\n[[cascade]]\n[cascade._target]\npath = '/private/**'\n[cascade._build]\nrender = 'never'\n")},
		"content/posts/p.md":   {Data: []byte("---\ntitle: P\ndate: 2020-01-01\n---\nP\n")},
		"content/private/q.md": {Data: []byte("---\ntitle: Q\n---\nQ\n")},
	}
	plan, err = Hugo(site, Options{Root: "h", Sections: []string{"posts"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Pages {
		if !p.Draft {
			t.Errorf("page %s published under the configuration's cascade", p.SitePath)
		}
	}
}

func TestSitePathOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/about/", "about/"},
		{"/About.html", "about/"},
		{"/talks/index.html", "talks/"},
		{"/talks/2026/", "talks/2026/"},
		{"/_pages/about.html", "pages/about/"},
		{"/page/cv", "page/cv/"},
		{"/docs/index/", "docs/index/"},
		{"/", ""},
		{"/index.html", ""},
		{"", ""},
		{"/Über uns/", "uber-uns/"},
	} {
		if got := sitePathOf(tc.in); got != tc.want {
			t.Errorf("sitePathOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"about/", "content/pages/about.md"},
		{"talks/2026/", "content/pages/talks/2026.md"},
		{"docs/index/", "content/pages/docs/index/index.md"},
	} {
		if got := pageFile(tc.in); got != tc.want {
			t.Errorf("pageFile(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for sp, want := range map[string]bool{"tags/": true, "tags/go/": true, "posts/x/": true, "archive/": true, "shared/": true, "page/2/": true, "page/about/": false, "about/": false, "archives/": false} {
		if got := reserved(sp) != ""; got != want {
			t.Errorf("reserved(%q) = %v, want %v", sp, got, want)
		}
	}
}

// TestHugoPageMenu: every shape of Hugo's front-matter menu.
func TestHugoPageMenu(t *testing.T) {
	for _, tc := range []struct {
		front string
		want  *Menu
		kept  bool // the menu is kept as a comment too
		warn  bool
	}{
		{"menu: main", &Menu{}, false, false},
		{"menu: footer", nil, true, false},
		{"menu: [main, footer]", &Menu{}, true, false},
		{"menu:\n  main:\n    weight: 20\n    name: Me", &Menu{Weight: 20, Title: "Me"}, false, false},
		{"menu:\n  main:\n    weight: 20\n    name: About", &Menu{Weight: 20}, false, false},
		{"menu:\n  main: {}", &Menu{}, false, false},
		{"menus: main", &Menu{}, false, false},
		{"menu: {main: {weight: x}}", &Menu{}, false, false},
		{"menu: 3", nil, false, true},
	} {
		meta, _, _, err := Split("x.md", []byte("---\ntitle: About\n"+tc.front+"\n---\n"))
		if err != nil {
			t.Fatal(err)
		}
		var warns []string
		f := &fields{meta: meta, used: map[string]bool{}, warn: func(key, format string, args ...any) { warns = append(warns, fmt.Sprintf(format, args...)) }}
		p := &Page{Title: "About"}
		hugoPageMenu(f, p)
		if fmt.Sprint(p.Menu) != fmt.Sprint(tc.want) || (p.Menu != nil && *p.Menu != *tc.want) {
			t.Errorf("%q: menu %+v, want %+v", tc.front, p.Menu, tc.want)
		}
		if (len(p.Kept) > 0) != tc.kept || (len(warns) > 0) != tc.warn {
			t.Errorf("%q: kept %q, warnings %q", tc.front, p.Kept, warns)
		}
	}
}

// pageFiles loads the files a plan writes into a site and returns the
// loaded pages by site path, or the load's error.
func loadPlan(t *testing.T, plan *Plan, site fstest.MapFS) map[string]*content.Page {
	t.Helper()
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte("title: T\nbase_url: https://example.com/\n")}}
	for k, v := range site {
		fsys[k] = v
	}
	for _, p := range plan.Posts {
		fsys[p.Path] = &fstest.MapFile{Data: p.File()}
	}
	for _, p := range plan.Pages {
		fsys[p.Path] = &fstest.MapFile{Data: p.File()}
	}
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatalf("the import does not load: %v", err)
	}
	out := map[string]*content.Page{}
	for _, p := range s.Pages {
		out[p.SitePath] = p
	}
	return out
}

func messages(l content.ErrorList) string {
	var out []string
	for _, e := range l {
		out = append(out, e.Error())
	}
	return strings.Join(out, "\n")
}

func skips(plan *Plan) string {
	var out []string
	for _, s := range plan.Skipped {
		out = append(out, s.Source+": "+s.Reason)
	}
	return strings.Join(out, "\n")
}

// TestHugoPages: the pages outside the sections of posts come along at
// the addresses they had, with their menus; a page where netjournal
// publishes something, or where another page is, is left out with a
// warning; the home page and list pages are skipped.
func TestHugoPages(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml": {Data: []byte(`baseURL = "https://h.example.net/"
[languages.en]
[languages.fr]
[[menu.main]]
  name = "About"
  pageRef = "/about"
  weight = 10
[[menu.main]]
  name = "Blog"
  url = "/posts/"
  weight = 20
[[menu.main]]
  name = "Résumé"
  url = "https://h.example.net/resume.html"
  weight = 30
[[menu.main]]
  name = "Search"
  url = "/search/"
[[menu.main]]
  name = "Sub"
  url = "/sub/"
  parent = "About"
[[menu.main]]
  name = "GitHub"
  url = "https://github.com/me"
`)},
		"content/_index.md":              {Data: []byte("---\ntitle: Home\n---\nWelcome to my site.\n")},
		"content/posts/_index.md":        {Data: []byte("---\ntitle: Posts\n---\n")},
		"content/posts/one.md":           {Data: []byte("---\ntitle: One\ndate: 2020-01-01\n---\nSee [me](/about/), [my CV](/resume.html) and [talks]({{< ref \"talks\" >}}).\n")},
		"content/posts/two.md":           {Data: []byte("---\ntitle: Two\ndate: 2020-01-02\n---\nTwo.\n")},
		"content/about.md":               {Data: []byte("---\ntitle: About\ndescription: Who I am.\nlastmod: 2021-05-01\nmenu:\n  main:\n    weight: 5\n    name: Me\ntoc: true\nauthor: Jane\nlayout: single\n---\nI am [[Jane]].\n\n{{< mystery >}}\n")},
		"content/me.md":                  {Data: []byte("---\ntitle: About again\nurl: /about/\n---\nThe same address.\n")},
		"content/talks/index.md":         {Data: []byte("+++\ntitle = \"Talks\"\nmenu = [\"main\", \"footer\"]\n+++\n![Me](me.png)\n")},
		"content/talks/me.png":           {Data: []byte("png")},
		"content/page/cv.md":             {Data: []byte("---\ntitle: CV\nurl: /resume.html\naliases: [/cv/]\n---\nMy CV.\n")},
		"content/tags.md":                {Data: []byte("---\ntitle: Tags I like\nurl: /tags/\n---\nA list.\n")},
		"content/now.md":                 {Data: []byte("---\ntitle: Now\n---\nWhat I do now.\n")},
		"content/search.md":              {Data: []byte("---\ntitle: Search\nlayout: search\n---\n")},
		"content/untitled.md":            {Data: []byte("---\ndate: 2020-01-01\n---\nNo title.\n")},
		"content/hidden.md":              {Data: []byte("---\ntitle: Hidden\nheadless: true\n---\nHidden.\n")},
		"content/about.fr.md":            {Data: []byte("---\ntitle: À propos\n---\nMoi.\n")},
		"content/projects/alpha.md":      {Data: []byte("---\ntitle: Alpha\nslug: the-alpha\n---\nA project.\n")},
		"content/projects/beta/index.md": {Data: []byte("---\ntitle: Beta\nurl: https://elsewhere.example.org/beta/\n---\nB.\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h", NewBase: "https://example.com/", Pages: map[string]string{"now/": "content/pages/now.md"}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*Page{}
	for _, p := range plan.Pages {
		got[p.SitePath] = p
	}
	var paths []string
	for _, p := range plan.Pages {
		paths = append(paths, p.SitePath+"="+p.Path)
	}
	want := "about/=content/pages/about.md projects/beta/=content/pages/projects/beta.md projects/the-alpha/=content/pages/projects/the-alpha.md resume/=content/pages/resume.md talks/=content/pages/talks.md untitled/=content/pages/untitled.md"
	slices.Sort(paths)
	if strings.Join(paths, " ") != want {
		t.Fatalf("pages:\n%s\nwant:\n%s", strings.Join(paths, " "), want)
	}
	about := got["about/"]
	if about.Menu == nil || *about.Menu != (Menu{Weight: 5, Title: "Me"}) || about.Description != "Who I am." || about.Updated.String() != "2021-05-01" || about.TOC == nil || !*about.TOC || len(about.Aliases) != 0 {
		t.Errorf("about: %+v", *about)
	}
	if !strings.Contains(about.Body, "&#91;[Jane]]") || !strings.Contains(about.Body, "<!-- {{< mystery >}} -->") {
		t.Errorf("about's body: %q", about.Body)
	}
	if !slices.Contains(about.Kept, `author: "Jane"`) {
		t.Errorf("about kept %q", about.Kept)
	}
	if cv := got["resume/"]; cv.Old != "https://h.example.net/resume.html" || strings.Join(cv.Aliases, " ") != "/resume.html /cv/" {
		t.Errorf("cv: old %s, aliases %v", cv.Old, cv.Aliases)
	}
	if talks := got["talks/"]; talks.Menu == nil || *talks.Menu != (Menu{}) || !strings.Contains(talks.Body, "![Me](/talks/me.png)") || len(talks.Kept) != 1 {
		t.Errorf("talks: %+v", *talks)
	}
	if !slices.Contains(plan.Files, File{Path: "static/talks/me.png", Source: "content/talks/me.png"}) {
		t.Errorf("files %v", plan.Files)
	}
	if beta := got["projects/beta/"]; beta.Old != "" || len(beta.Aliases) != 0 {
		t.Errorf("beta: %+v", *beta)
	}
	var one *Post
	for _, p := range plan.Posts {
		if p.Slug == "one" {
			one = p
		}
	}
	if one == nil || !strings.Contains(one.Body, "[my CV](/resume/)") || !strings.Contains(one.Body, "[me](/about/)") || !strings.Contains(one.Body, "[talks](/talks/)") {
		t.Errorf("links to pages are not their new addresses: %+v", one)
	}
	wantWarn := []string{
		"h/content/about.md:15: shortcode \"mystery\" is not converted: left out",
		"h/content/me.md:3: the page would be /about/, the address of h/content/about.md: not imported, never overwritten; give one of them another address to import it",
		"h/content/now.md:1: the page would be /now/, the address of content/pages/now.md: not imported, never overwritten; give one of them another address to import it",
		"h/content/tags.md:3: the page would be /tags/, where netjournal publishes its tags: not imported, never overwritten; give it another address to import it",
		"h/content/untitled.md:1: no title: titled \"Untitled\" from its file name",
	}
	plan.Warnings.Sort()
	if messages(plan.Warnings) != strings.Join(wantWarn, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", messages(plan.Warnings), strings.Join(wantWarn, "\n"))
	}
	for _, s := range []string{
		"h/content/_index.md: the home page of the old blog",
		"h/content/posts/_index.md: a list page (_index)",
		"h/content/search.md: no text of its own: the old theme made it (layout \"search\")",
		"h/content/hidden.md: a headless page",
		"h/content/about.fr.md: a translation (fr)",
		"h/content/tags.md: its address /tags/ is where netjournal publishes its tags",
		"h/content/now.md: its address /now/ is content/pages/now.md's",
	} {
		if !strings.Contains(skips(plan), s) {
			t.Errorf("skipped:\n%s\nwant %q", skips(plan), s)
		}
	}
	notes := strings.Join(plan.Notes, "\n")
	for _, n := range []string{"the text of the old home page, h/content/_index.md, is not imported", `section "projects" is not a section of posts: its 2 pages are imported as pages`, `section "page" is not a section of posts: its 1 page is imported as a page (to make it a post as well, import with --section posts --section page)`} {
		if !strings.Contains(notes, n) {
			t.Errorf("notes:\n%s\nwant %q", notes, n)
		}
	}
	// About is in the menu by its front matter: the suggestion leaves it
	// out, or the header would show it twice.
	wantMenu := []content.MenuEntry{
		{Title: "Blog", URL: "/archive/", Weight: 20},
		{Title: "Résumé", URL: "/resume/", Weight: 30},
		{Title: "GitHub", URL: "https://github.com/me"},
	}
	if fmt.Sprint(plan.Menu) != fmt.Sprint(wantMenu) {
		t.Errorf("menu %v, want %v", plan.Menu, wantMenu)
	}
	// The note's YAML is netjournal.yaml's: it loads, and says the same.
	i := strings.Index(notes, "  menu:\n")
	if i < 0 || !strings.Contains(notes, "    # - {title: Search, url: /search/}  (not a page of the new site)") || !strings.Contains(notes, "    # - {title: About, url: /about/, weight: 10}  (in the menu already: its page's front matter says so)") || !strings.Contains(notes, "1 item is nested") {
		t.Fatalf("notes:\n%s", notes)
	}
	cfg := "title: T\nbase_url: https://example.com/\n" + strings.TrimPrefix(strings.ReplaceAll(notes[i:], "\n  ", "\n"), "  ")
	s, err := content.Load(fstest.MapFS{content.ConfigFile: {Data: []byte(cfg)}})
	if err != nil || fmt.Sprint(s.Config.Menu) != fmt.Sprint(wantMenu) {
		t.Errorf("the suggested menu loads as %v, %v:\n%s", s.Config.Menu, err, cfg)
	}
	loaded := loadPlan(t, plan, nil)
	if p := loaded["about/"]; p == nil || !p.Menu.In || p.Menu.Weight != 5 || p.Menu.Title != "Me" || p.TOC == nil || !*p.TOC {
		t.Errorf("about/ loads as %+v", p)
	}
	if p := loaded["resume/"]; p == nil || len(p.Aliases) != 2 {
		t.Errorf("resume/ loads as %+v", p)
	}
}

// TestJekyllPages: Markdown pages with front matter come along, at their
// permalinks or Jekyll's own addresses for pages; the home page, the
// not-found page, pages a layout made and pages at netjournal's addresses
// stay behind; the theme's navigation is a suggested menu.
func TestJekyllPages(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":                {Data: []byte("title: J\nurl: https://j.example.net\npermalink: pretty\ninclude: [_pages]\ndefaults:\n  - scope: {path: \"\", type: pages}\n    values: {layout: single}\n  - scope: {path: docs}\n    values: {permalink: /manual/:basename/}\n")},
		"_data/navigation.yml":       {Data: []byte("main:\n  - title: About\n    url: /about/\n  - title: Guide\n    url: \"{{ site.baseurl }}/manual/guide/\"\n  - title: Tags\n    url: /tags/\n  - title: Categories\n    url: /categories/\n  - title: Old\n    url: /gone/\n")},
		"_posts/2020-01-01-hello.md": {Data: []byte("---\ntitle: Hello\n---\nRead [about me]({% link _pages/about.md %}) and [the notes](/notes.html).\n")},
		"_pages/about.md":            {Data: []byte("---\ntitle: About\npermalink: /about/\nredirect_from: [/me/]\nexcerpt: Who.\ntoc: true\nauthor_profile: true\n---\nI am {{ site.title }}.\n")},
		"_pages/404.md":              {Data: []byte("---\ntitle: Not found\npermalink: /404.html\n---\nGone.\n")},
		"_pages/tag-archive.md":      {Data: []byte("---\ntitle: Tags\npermalink: /tags/\nlayout: tags\n---\n")},
		"_pages/archive.md":          {Data: []byte("---\ntitle: Archive\npermalink: /archive/\n---\nMy own words about the archive.\n")},
		"docs/guide.md":              {Data: []byte("---\ntitle: Guide\npublished: false\n---\nHow to.\n")},
		"notes.markdown":             {Data: []byte("---\ntitle: Notes\npermalink: /notes.html\n---\n{% include list.html %}\nSome notes.\n")},
		"talks/index.md":             {Data: []byte("---\ntitle: Talks\n---\nTalks.\n")},
		"index.md":                   {Data: []byte("---\nlayout: home\n---\n")},
		"search.html":                {Data: []byte("---\nlayout: search\n---\n<div></div>\n")},
		"feed.xml":                   {Data: []byte("---\n---\n<rss></rss>\n")},
		"_private/x.md":              {Data: []byte("---\ntitle: X\n---\nX.\n")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j", NewBase: "https://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	got := map[string]*Page{}
	for _, p := range plan.Pages {
		paths = append(paths, p.SitePath)
		got[p.SitePath] = p
	}
	slices.Sort(paths)
	if strings.Join(paths, " ") != "about/ manual/guide/ notes/ talks/" {
		t.Fatalf("pages %v", paths)
	}
	about := got["about/"]
	if about.Description != "Who." || about.TOC == nil || strings.Join(about.Aliases, " ") != "/me/" || about.Body != "I am J.\n" || !slices.Contains(about.Kept, "author_profile: true") {
		t.Errorf("about: %+v", *about)
	}
	if g := got["manual/guide/"]; !g.Draft || len(g.Aliases) != 0 {
		t.Errorf("guide: %+v", *g)
	}
	if n := got["notes/"]; strings.Join(n.Aliases, " ") != "/notes.html" {
		t.Errorf("notes: %+v", *n)
	}
	if len(plan.Posts) != 1 || !strings.Contains(plan.Posts[0].Body, "[about me](/about/)") || !strings.Contains(plan.Posts[0].Body, "[the notes](/notes/)") {
		t.Errorf("post: %q", plan.Posts[0].Body)
	}
	for _, s := range []string{
		"j/index.md: the home page of the old blog",
		"j/_pages/404.md: the not-found page",
		"j/_pages/tag-archive.md: no text of its own: the old theme made it (layout \"tags\")",
		"j/_pages/archive.md: its address /archive/ is netjournal's archive",
		"j/search.html: no text of its own",
		"j/feed.xml: a file Jekyll makes from a template",
	} {
		if !strings.Contains(skips(plan), s) {
			t.Errorf("skipped:\n%s\nwant %q", skips(plan), s)
		}
	}
	if strings.Contains(skips(plan), "_private") {
		t.Errorf("a folder of Jekyll's own is read: %s", skips(plan))
	}
	if !strings.Contains(messages(plan.Warnings), "j/_pages/archive.md:3: the page would be /archive/, netjournal's archive: not imported") {
		t.Errorf("warnings:\n%s", messages(plan.Warnings))
	}
	wantMenu := []content.MenuEntry{{Title: "About", URL: "/about/"}, {Title: "Guide", URL: "/manual/guide/"}, {Title: "Tags", URL: "/tags/"}}
	notes := strings.Join(plan.Notes, "\n")
	if fmt.Sprint(plan.Menu) != fmt.Sprint(wantMenu) || !strings.Contains(notes, "# - {title: Categories, url: /tags/}  (the address of Tags too)") || !strings.Contains(notes, "# - {title: Old, url: /gone/}  (not a page of the new site)") {
		t.Errorf("menu %v\nnotes:\n%s", plan.Menu, notes)
	}
	loaded := loadPlan(t, plan, nil)
	if p := loaded["manual/guide/"]; p == nil || !p.Draft {
		t.Errorf("manual/guide/ loads as %+v", p)
	}
}

// TestPostKeys: a post's table of contents and its last change come
// along under netjournal's keys, whichever synonym the old front matter
// used; a second synonym with its own value is kept, not lost; a kept
// date is written as front matter writes it, so that it still reads when
// uncommented.
func TestPostKeys(t *testing.T) {
	hugo := fstest.MapFS{
		"hugo.toml":          {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md": {Data: []byte("+++\ntitle = 'A'\ndate = 2013-09-28T08:03:00Z\nupdated = 2013-12-05T10:24:08Z\ntoc = true\nreviewed = 2014-01-02T03:04:05Z\n+++\nA.\n")},
		"content/posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2020-01-01\nlastmod: 2020-02-01\nupdated: 2020-03-01\nShowToc: false\n---\nB.\n")},
		"content/posts/e.md": {Data: []byte("+++\ntitle = 'E'\ndate = 2020-01-01\nseen = 0000-01-01\nat = 2020-01-01T10:00:00\n+++\nE.\n")},
	}
	jekyll := fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.net\n")},
		"_posts/2023-07-20-c.md":     {Data: []byte("---\ntitle: C\ndate: 2023-07-20 14:25 -0700\nlast_updated: 2023-07-20 15:42 -0700\ntoc: true\n---\nC.\n")},
		"_posts/2023-07-21-d.md":     {Data: []byte("---\ntitle: D\ntoc: sometimes\n---\nD.\n")},
		"_posts/2023-07-22-plain.md": {Data: []byte("---\ntitle: Plain\n---\nPlain.\n")},
	}
	hp, err := Hugo(hugo, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	jp, err := Jekyll(jekyll, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, plan := range []*Plan{hp, jp} {
		for _, p := range plan.Posts {
			files[p.Slug] = string(p.File())
		}
	}
	for slug, want := range map[string][]string{
		"a":     {"updated: 2013-12-05T10:24:08Z\n", "toc: true\n", "# reviewed: 2014-01-02T03:04:05Z\n"},
		"b":     {"updated: 2020-02-01\n", "toc: false\n", "# updated: \"2020-03-01\"\n"},
		"c":     {"updated: 2023-07-20T15:42:00-07:00\n", "toc: true\n"},
		"d":     {"title: D\n", "# toc: \"sometimes\"\n"},
		"e":     {"# seen: 0000-01-01\n", "# at: 2020-01-01T10:00:00\n"},
		"plain": {"title: Plain\n"},
	} {
		for _, w := range want {
			if !strings.Contains(files[slug], w) {
				t.Errorf("%s: no %q in\n%s", slug, w, files[slug])
			}
		}
	}
	for _, slug := range []string{"d", "plain"} {
		if strings.Contains(files[slug], "\ntoc:") {
			t.Errorf("%s: a toc it did not ask for:\n%s", slug, files[slug])
		}
	}
	if w := messages(jp.Warnings); !strings.Contains(w, `j/_posts/2023-07-21-d.md:3: toc: expected true or false, got "sometimes": kept as a comment`) {
		t.Errorf("warnings:\n%s", w)
	}
	// What the import writes, netjournal reads.
	site := fstest.MapFS{content.ConfigFile: {Data: []byte("title: T\nbase_url: https://example.com/\n")}}
	for _, plan := range []*Plan{hp, jp} {
		for _, p := range plan.Posts {
			site[p.Path] = &fstest.MapFile{Data: p.File()}
		}
	}
	s, err := content.Load(site)
	if err != nil {
		t.Fatalf("the import does not load: %v", err)
	}
	tocs := map[string]string{}
	for _, p := range s.Posts {
		tocs[p.Slug] = "nil"
		if p.TOC != nil {
			tocs[p.Slug] = fmt.Sprint(*p.TOC)
		}
	}
	if fmt.Sprint(tocs) != "map[a:true b:false c:true d:nil e:nil plain:nil]" {
		t.Errorf("toc as loaded: %v", tocs)
	}
}

// TestAliasNotAPath: an old address that is no URL path — a % not
// followed by two hex digits — cannot redirect: a warning at its line,
// and the post or page still comes in, and loads.
func TestAliasNotAPath(t *testing.T) {
	fsys := fstest.MapFS{
		"hugo.toml":          {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\naliases: [/100%-sure/, /fine/]\n---\nA.\n")},
		"content/sale.md":    {Data: []byte("---\ntitle: Sale\nurl: /50%off.html\n---\nSale.\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	w := messages(plan.Warnings)
	for _, want := range []string{
		`h/content/posts/a.md:4: old address "/100%-sure/" is not a URL path (invalid URL escape "%-s"): it cannot redirect`,
		`h/content/sale.md:3: old address "/50%off.html" is not a URL path (invalid URL escape "%of"): it cannot redirect`,
	} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings:\n%s\nwant %s", w, want)
		}
	}
	if len(plan.Posts) != 1 || strings.Join(plan.Posts[0].Aliases, " ") != "/fine/" {
		t.Fatalf("posts: %+v", plan.Posts)
	}
	if pages := loadPlan(t, plan, nil); len(pages) != 1 {
		t.Errorf("pages: %v", pages)
	}
}

// TestNormalizeOneWinner: of two keys that fold to one (Title, title), the
// same is read every time, whatever a map's order.
func TestNormalizeOneWinner(t *testing.T) {
	for range 50 {
		m := normalize(map[string]any{"Title": "A", "title": "B", "Params": map[string]any{"X": 1, "x": 2}}, true).(map[string]any)
		if m["title"] != "B" || m["params"].(map[string]any)["x"] != 2 {
			t.Fatalf("normalized %v", m)
		}
	}
}

// TestRelinkEveryWayToWriteALink: a reference definition, a srcset's
// every candidate and an attribute in single quotes or none lead where
// they led too, as an inline link does; an old address in a definition
// is the post's new one. A footnote's text, and a definition in code,
// stay as written.
func TestRelinkEveryWayToWriteALink(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":              {Data: []byte("permalink: /:title/\n")},
		"_posts/2020-01-01-cat.md": {Data: []byte("---\ntitle: Cat\n---\n![a cat][cat], [the dog][dog], [again][old] and [x][^1].\n\n<img srcset=\"../images/cat.png 1x, ../images/cat@2x.png 2x\" src='../images/cat.png'>\n<a href='../dog/'>dog</a> <a href=../dog/>dog</a>\n\n[cat]: ../images/cat.png \"A cat\"\n  [dog]: <../dog/#top>\n[old]: /dog/\n[^1]: ../images/cat.png is the cat.\n\n```\n[cat]: ../images/cat.png\n```\n\n> ![quoted][q]\n>\n> [q]: ../images/cat.png\n\nCode:\n\n    [code]: ../images/cat.png\n\n- ![listed][l]\n\n  [l]: ../images/cat.png\n")},
		"_posts/2020-01-02-dog.md": {Data: []byte("---\ntitle: Dog\n---\nWoof.\n")},
		"images/cat.png":           {Data: []byte("png")},
		"images/cat@2x.png":        {Data: []byte("png")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, p := range plan.Posts {
		if p.Slug == "cat" {
			body = strings.TrimSpace(p.Body)
		}
	}
	want := "![a cat][cat], [the dog][dog], [again][old] and [x][^1].\n\n<img srcset=\"/images/cat.png 1x, /images/cat@2x.png 2x\" src='/images/cat.png'><!-- -->\n<a href='/posts/dog/'>dog</a> <a href=/posts/dog/>dog</a>\n\n[cat]: /images/cat.png \"A cat\"\n  [dog]: </posts/dog/#top>\n[old]: /posts/dog/\n[^1]: ../images/cat.png is the cat.\n\n```\n[cat]: ../images/cat.png\n```\n\n> ![quoted][q]\n>\n> [q]: /images/cat.png\n\nCode:\n\n    [code]: ../images/cat.png\n\n- ![listed][l]\n\n  [l]: /images/cat.png"
	if body != want {
		t.Errorf("body:\n%s\nwant:\n%s", body, want)
	}
}

// TestKeptCommentsRead: a key or a value that the import keeps as a
// comment is written with its control characters escaped: YAML reads no
// comment that holds one, and the post written would not load.
func TestKeptCommentsRead(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md": {Data: []byte("{\"title\": \"A\", \"date\": \"2020-01-01\", \"\x7f\": [], \"list\": [\"x\x7fy\", \"\u0085\u0091\u2028\"], \"tab\\tbed\": 1}\nBody\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 {
		t.Fatalf("%d posts", len(plan.Posts))
	}
	file := plan.Posts[0].File()
	if _, _, _, err := Split("a.md", file); err != nil {
		t.Fatalf("the post written does not read: %v\n%s", err, file)
	}
	for _, want := range []string{"# \\u007F: []\n", "# list: [\"x\\u007Fy\",\"\\u0085\\u0091\\u2028\"]\n", "# tab\tbed: 1\n"} {
		if !strings.Contains(string(file), want) {
			t.Errorf("no %q in\n%q", want, file)
		}
	}
}

// TestPasswordProtected: a post or a page that the old site kept behind a
// password (FixIt's and LoveIt's password:, whatever its value reads as:
// 0000, "no"; one of a section's cascade or of Jekyll's defaults; a
// shortcode that encrypts a part of it) has its text in the clear in its
// source: it comes as a draft, with a warning at the line that protected
// it, never published.
func TestPasswordProtected(t *testing.T) {
	hugo := fstest.MapFS{
		"hugo.toml":               {Data: []byte("baseURL = 'https://blog.test/'\n")},
		"content/posts/pw.md":     {Data: []byte("---\ntitle: Secret\ndate: 2020-01-01\npassword: hunter2\n---\nMy diary.\n")},
		"content/posts/half.md":   {Data: []byte("---\ntitle: Half\ndate: 2020-01-01\n---\nOpen.\n\n{{% fixit-encryptor \"hunter2\" %}}\nPrivate part.\n{{% /fixit-encryptor %}}\n")},
		"content/posts/open.md":   {Data: []byte("---\ntitle: Open\ndate: 2020-01-01\npassword: ''\n---\nOpen.\n")},
		"content/about.md":        {Data: []byte("---\ntitle: About\n---\n{{< hugo-encryptor \"pw\" >}}\nPrivate.\n{{< /hugo-encryptor >}}\n")},
		"content/posts/num.md":    {Data: []byte("---\ntitle: Num\ndate: 2020-01-01\npassword: 0000\n---\nN.\n")},
		"content/posts/no.md":     {Data: []byte("---\ntitle: No\ndate: 2020-01-01\npassword: \"no\"\n---\nN.\n")},
		"content/posts/enc.md":    {Data: []byte("---\ntitle: Enc\ndate: 2020-01-01\nencrypt: hunter2\n---\nE.\n")},
		"content/posts/zero.md":   {Data: []byte("+++\ntitle = 'Zero'\ndate = 2020-01-01\npassword = 0\n+++\nZ.\n")},
		"content/diary/_index.md": {Data: []byte("---\ncascade: {password: hunter2}\n---\n")},
		"content/diary/d.md":      {Data: []byte("---\ntitle: D\ndate: 2020-01-01\n---\nDear diary.\n")},
	}
	hp, err := Hugo(hugo, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	jekyll := fstest.MapFS{
		"_config.yml":                     {Data: []byte("title: t\n")},
		"_posts/2020-01-01-locked.md":     {Data: []byte("---\ntitle: Locked\npassword: abc\n---\nLocked.\n")},
		"notes.md":                        {Data: []byte("---\ntitle: Notes\nencrypted: true\n---\nNotes.\n")},
		"_posts/2020-01-02-by-default.md": {Data: []byte("---\ntitle: By default\n---\nSecret.\n")},
	}
	jekyll["_config.yml"] = &fstest.MapFile{Data: []byte("title: t\ndefaults:\n  - scope: {path: \"_posts/2020-01-02-by-default.md\"}\n    values: {password: abc}\n")}
	jp, err := Jekyll(jekyll, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	drafts := map[string]bool{}
	var warns []string
	for _, plan := range []*Plan{hp, jp} {
		for _, p := range plan.Posts {
			drafts["post "+p.Slug] = p.Draft
		}
		for _, p := range plan.Pages {
			drafts["page "+p.SitePath] = p.Draft
		}
		for _, w := range plan.Warnings {
			if strings.Contains(w.Error(), "protected by a password") {
				warns = append(warns, w.Error())
			}
		}
	}
	want := map[string]bool{"post pw": true, "post half": true, "post open": false, "page about/": true, "post locked": true, "page notes/": true,
		"post num": true, "post no": true, "post zero": true, "post enc": true, "page diary/d/": true, "post by-default": true}
	for k, v := range want {
		if drafts[k] != v {
			t.Errorf("%s: draft %v, want %v (all: %v)", k, drafts[k], v, drafts)
		}
	}
	slices.Sort(warns)
	wantWarns := []string{
		"h/content/about.md:4: protected by a password on the old site (hugo-encryptor): imported as a draft, its text in the clear; publish it only if anyone may read it",
		"h/content/posts/enc.md:4: protected by a password on the old site (encrypt:): imported as a draft, its text in the clear; publish it only if anyone may read it",
		"h/content/posts/half.md:7: protected by a password on the old site (fixit-encryptor): imported as a draft, its text in the clear; publish it only if anyone may read it",
		"h/content/posts/no.md:4: protected by a password on the old site (password:): imported as a draft, its text in the clear; publish it only if anyone may read it",
		"h/content/posts/num.md:4: protected by a password on the old site (password:): imported as a draft, its text in the clear; publish it only if anyone may read it",
		"h/content/posts/pw.md:4: protected by a password on the old site (password:): imported as a draft, its text in the clear; publish it only if anyone may read it",
		"h/content/posts/zero.md:4: protected by a password on the old site (password:): imported as a draft, its text in the clear; publish it only if anyone may read it",
		"j/_posts/2020-01-01-locked.md:3: protected by a password on the old site (password:): imported as a draft, its text in the clear; publish it only if anyone may read it",
		"j/_posts/2020-01-02-by-default.md:1: protected by a password on the old site (password:): imported as a draft, its text in the clear; publish it only if anyone may read it",
		"j/notes.md:3: protected by a password on the old site (encrypted:): imported as a draft, its text in the clear; publish it only if anyone may read it",
	}
	if strings.Join(warns, "\n") != strings.Join(wantWarns, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warns, "\n"), strings.Join(wantWarns, "\n"))
	}
}

// TestJekyllSingularKeyList: Jekyll reads a list under category (or tag)
// as it reads categories (pluralized_array_from_hash), after categories:
// (Document#populate_categories); a real blog's 41 posts had category:
// as a list, their old addresses lost.
func TestJekyllSingularKeyList(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://blog.test\npermalink: /:categories/:title/\n")},
		"_posts/2021-01-19-a.md": {Data: []byte("---\ntitle: A\ncategory:\n  - Personal\n  - Life Notes\ntag: [x, y]\n---\nA\n")},
		"_posts/2021-01-18-b.md": {Data: []byte("---\ntitle: B\ncategory: Work Notes\ncategories: [listed]\n---\nB\n")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range plan.Posts {
		got[p.Slug] = p.Old + " " + strings.Join(p.Tags, ",")
	}
	want := map[string]string{
		"a": "https://blog.test/personal/life%20notes/a/ x,y,Personal,Life Notes",
		"b": "https://blog.test/listed/work%20notes/b/ listed,Work Notes",
	}
	for slug, w := range want {
		if got[slug] != w {
			t.Errorf("%s: %q, want %q", slug, got[slug], w)
		}
	}
	if len(plan.Warnings) != 0 {
		t.Errorf("warnings:\n%s", messages(plan.Warnings))
	}
}

// TestHugoAddressEndings: a post's old address ends as Hugo 0.111 ends
// it (each checked with it): a permalink's with .html under uglyURLs
// (whether its pattern ends in a slash or not), else with a slash; a url
// without an extension with a slash, under uglyURLs too. The feed ids
// are those addresses: one without its slash was another item.
func TestHugoAddressEndings(t *testing.T) {
	for _, tc := range []struct {
		ugly bool
		want string
	}{
		{true, "a https://h.example.net/a.html | n https://h.example.net/n/2020/n.html | u https://h.example.net/2019/x/ | h https://h.example.net/old/h.html"},
		{false, "a https://h.example.net/a/ | n https://h.example.net/n/2020/n/ | u https://h.example.net/2019/x/ | h https://h.example.net/old/h.html"},
	} {
		fsys := fstest.MapFS{
			"config.toml":        {Data: []byte(fmt.Sprintf("baseURL = 'https://h.example.net/'\nuglyURLs = %v\nmainSections = ['posts', 'notes']\n[permalinks]\nposts = '/:filename'\nnotes = '/n/:year/:filename/'\n", tc.ugly))},
			"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nA\n")},
			"content/notes/n.md": {Data: []byte("---\ntitle: N\ndate: 2020-01-01\n---\nN\n")},
			"content/posts/u.md": {Data: []byte("---\ntitle: U\ndate: 2020-01-01\nurl: /2019/x\n---\nU\n")},
			"content/posts/h.md": {Data: []byte("---\ntitle: H\ndate: 2020-01-01\nurl: /old/h.html\n---\nH\n")},
		}
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, slug := range []string{"a", "n", "u", "h"} {
			for _, p := range plan.Posts {
				if p.Slug == slug {
					got = append(got, slug+" "+p.Old)
					if p.FeedID != p.Old {
						t.Errorf("ugly %v: %s: feed id %s, old address %s", tc.ugly, slug, p.FeedID, p.Old)
					}
				}
			}
		}
		if strings.Join(got, " | ") != tc.want {
			t.Errorf("ugly %v:\n%s\nwant\n%s", tc.ugly, strings.Join(got, " | "), tc.want)
		}
	}
}

// TestHugoUglyURLsBySection: uglyURLs may be a table of sections, as a
// real site's [uglyURLs] post = true: that section's addresses end in
// .html, the others' in a slash. Read as a boolean it was false, and every
// redirect from the posts' old addresses was to one Hugo never made.
func TestHugoUglyURLsBySection(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\nmainSections = ['post', 'notes']\n[uglyURLs]\npost = true\nnotes = false\n[permalinks]\npost = '/:year/:month/:day/:slug/'\n")},
		"content/post/a.md":  {Data: []byte("---\ntitle: A\nslug: why\ndate: 2015-11-09\n---\nA\n")},
		"content/notes/n.md": {Data: []byte("---\ntitle: N\ndate: 2020-01-01\n---\nSee [why](/2015/11/09/why.html) and [why](https://h.example.net/2015/11/09/why.html).\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range plan.Posts {
		got = append(got, p.Old)
		if p.Slug == "n" && strings.TrimSpace(p.Body) != "See [why](/posts/why/) and [why](/posts/why/)." {
			t.Errorf("links to the old address not made new: %q", p.Body)
		}
	}
	slices.Sort(got)
	if want := "https://h.example.net/2015/11/09/why.html https://h.example.net/notes/n/"; strings.Join(got, " ") != want {
		t.Errorf("old addresses %q, want %q", got, want)
	}
}

// TestJekyllHTMLInTitles: Jekyll's Liquid writes a title and an excerpt
// as HTML: an entity in them (&mdash;) is the character it stands for,
// and an excerpt's tags (<br/>) are not text, nor what <del> struck out;
// netjournal's are text, and kept as written they showed "&mdash;" and
// "<br/>" to readers.
func TestJekyllHTMLInTitles(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":            {Data: []byte("title: t\n")},
		"_posts/2021-01-19-a.md": {Data: []byte("---\ntitle: My Hero, Karen &mdash; Part II\nexcerpt: \"One.<br/><br/> The two &amp; three <em>met</em>.\"\n---\nA\n")},
		"_posts/2021-01-18-b.md": {Data: []byte("---\ntitle: Tom & Jerry, AT&T, 1 < 2\nexcerpt: Plain & simple.\n---\nB\n")},
		"_posts/2021-01-17-c.md": {Data: []byte("---\ntitle: Becoming more <del>interesting</del> <ins>interested</ins>\nexcerpt: Contact&nbsp;forms\n---\nC\n")},
		"_posts/2021-01-15-e.md": {Data: []byte("---\ntitle: Notes from <em>İstanbul</em> today\nexcerpt: <em>ȺȺ</em> <b>\u212a</b>\n---\nE\n")},
		"_posts/2021-01-16-d.md": {Data: []byte("---\ntitle: \"Vec<String> in Rust, if a<b and c>d\"\nexcerpt: \"Use <details> and <summary> for <b>x</b>\"\n---\nD\n")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range plan.Posts {
		got[p.Slug] = p.Title + " | " + p.Summary
	}
	for slug, want := range map[string]string{
		"a": "My Hero, Karen — Part II | One. The two & three met.",
		"b": "Tom & Jerry, AT&T, 1 < 2 | Plain & simple.",
		"c": "Becoming more interested | Contact\u00a0forms",
		"d": "Vec<String> in Rust, if a<b and c>d | Use <details> and <summary> for x",
		"e": "Notes from İstanbul today | ȺȺ \u212a",
	} {
		if got[slug] != want {
			t.Errorf("%s: %q, want %q", slug, got[slug], want)
		}
	}
}

// TestJekyllFeedNotes: the note names every feed file the old site had,
// and says that one at /atom.xml needs no redirect (netjournal's Atom
// feed is there); /feed.xml is named for jekyll-feed's only, not for a
// feed template that gives items their post.id (a real blog had
// atom.xml and rss.xml, and the note named /feed.xml).
func TestJekyllFeedNotes(t *testing.T) {
	for _, tc := range []struct {
		fsys fstest.MapFS
		want string
	}{
		{fstest.MapFS{
			"atom.xml": {Data: []byte("---\nlayout: nil\n---\n<id>{{ site.url }}{{ post.id }}</id>\n")},
			"rss.xml":  {Data: []byte("---\nlayout: nil\n---\n<guid>{{ post.url }}</guid>\n")},
		}, "the old feed was at /atom.xml, where netjournal's Atom feed is: subscribers follow it there\n" +
			"the old feed was at /rss.xml: netjournal's are /index.xml (RSS), /atom.xml and /feed.json; have the host redirect the old address so that subscribers follow"},
		{fstest.MapFS{"Gemfile": {Data: []byte("gem 'jekyll-feed'\n")}},
			"the old feed was at /feed.xml: netjournal's are /index.xml (RSS), /atom.xml and /feed.json; have the host redirect the old address so that subscribers follow"},
		{fstest.MapFS{"Gemfile": {Data: []byte("gem 'jekyll-feed'\n")}, "atom.xml": {Data: []byte("---\n---\n<feed/>")}},
			"the old feed was at /feed.xml: netjournal's are /index.xml (RSS), /atom.xml and /feed.json; have the host redirect the old address so that subscribers follow\n" +
				"the old feed was at /atom.xml, where netjournal's Atom feed is: subscribers follow it there"},
	} {
		tc.fsys["_config.yml"] = &fstest.MapFile{Data: []byte("url: https://j.example.net\n")}
		tc.fsys["_posts/2020-01-01-a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nA\n")}
		plan, err := Jekyll(tc.fsys, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		var feeds []string
		for _, n := range plan.Notes {
			if strings.HasPrefix(n, "the old feed") {
				feeds = append(feeds, n)
			}
		}
		if got := strings.Join(feeds, "\n"); got != tc.want {
			t.Errorf("notes:\n%s\nwant:\n%s", got, tc.want)
		}
	}
}

// TestHugoAliasOfItsOwnAddress: an alias that is the post's own old
// address, without its slash (a real blog's aliases = ["/post/x"] for a
// post at /post/x/), is that address: one redirect, no warning that it
// cannot redirect.
func TestHugoAliasOfItsOwnAddress(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/post/x.md": {Data: []byte("+++\ntitle = 'X'\ndate = 2020-01-01\naliases = ['/post/x', '/old/x/', '/old/x']\n+++\nX\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || strings.Join(plan.Posts[0].Aliases, " ") != "/post/x/ /old/x/" {
		t.Fatalf("aliases %q", plan.Posts[0].Aliases)
	}
	site := fstest.MapFS{"netjournal.yaml": {Data: []byte("title: T\nbase_url: https://h.example.net/\n")}}
	if err := plan.Verify(site, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if len(plan.Warnings) != 0 {
		t.Errorf("warnings:\n%s", messages(plan.Warnings))
	}
}

// TestHugoProductionConfig: a plain hugo build is the production
// environment's: config/production/ is read over config/_default/, map by
// map (a real blog's baseURL was localhost in _default, its address in
// production, and no feed id was kept).
func TestHugoProductionConfig(t *testing.T) {
	fsys := fstest.MapFS{
		"config/_default/hugo.toml":     {Data: []byte("baseURL = 'http://localhost:1313'\ntitle = 'T'\n[permalinks]\nposts = '/:year/:slug/'\n")},
		"config/_default/params.toml":   {Data: []byte("author = 'A'\ndescription = 'D'\n")},
		"config/production/hugo.toml":   {Data: []byte("baseURL = 'https://blog.example.net/'\n")},
		"config/production/params.toml": {Data: []byte("description = 'Production'\n")},
		"config/development/hugo.toml":  {Data: []byte("baseURL = 'http://dev.example.net/'\n")},
		"content/posts/a.md":            {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nA\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || plan.Posts[0].FeedID != "https://blog.example.net/2020/a/" {
		t.Errorf("feed id %q", plan.Posts[0].FeedID)
	}
	cfg, _, err := hugoConfig(fsys, func(p string) string { return p })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.str("params.author") != "A" || cfg.str("params.description") != "Production" || cfg.str("title") != "T" {
		t.Errorf("config %v", cfg)
	}
}

// TestJekyllKramdownHTMLBlock: kramdown, Jekyll's Markdown, keeps an HTML
// block raw from its opening tag to the tag that closes it, blank lines
// and indented lines included; CommonMark ends it at a blank line, and a
// real blog's gallery (a <div> with blank lines and indented {% if %}
// lines) was published as a code block showing its Liquid and <img>. The
// block's blank lines are kept as lines CommonMark does not end it at;
// its Liquid is then converted as any other. A block kramdown parses
// (markdown="1", parse_block_html), code, an unclosed tag and a site not
// on kramdown are as written.
func TestJekyllKramdownHTMLBlock(t *testing.T) {
	gallery := "Intro.\n\n<div class=\"gallery\">\n  <p>First</p>\n\n    {% if page.show %}\n    <img src=\"/a.png\">\n    {% endif %}\n\n  <div><pre>one\n\ntwo</pre></div>\n\n  <p>Last</p>\n</div>\n\nAfter.\n"
	parsed := "<div markdown=\"1\">\n\n    code\n\n</div>\n"
	code := "    <div>\n\n    x\n\n    </div>\n\nText.\n"
	open := "<section>\n\n    text\n"
	// A highlight is code: the tags in it open no block, its blank lines
	// stay; a block around one stays as it was (its fence would be text
	// inside a block).
	highlight := "{% highlight xml %}\n<body>\n\n<div>\n\n</div>\n{% endhighlight %}\n\n<div class=\"x\">\n\n{% highlight go %}\na\n\nb\n{% endhighlight %}\n\n</div>\n"
	highlighted := "```xml\n<body>\n\n<div>\n\n</div>\n```\n\n<div class=\"x\">\n\n```go\na\n\nb\n```\n\n</div>\n"
	for _, tc := range []struct {
		name, config string
		kept         bool // every body as written
	}{
		{"kramdown", "url: https://k.test\n", false},
		{"parse_block_html", "url: https://k.test\nkramdown:\n  parse_block_html: true\n", true},
		{"commonmark", "url: https://k.test\nmarkdown: CommonMarkGhPages\n", true},
	} {
		fsys := fstest.MapFS{
			"_config.yml":                    {Data: []byte(tc.config)},
			"_posts/2021-01-01-gallery.md":   {Data: []byte("---\ntitle: G\nshow: true\n---\n" + gallery)},
			"_posts/2021-01-02-parsed.md":    {Data: []byte("---\ntitle: P\n---\n" + parsed)},
			"_posts/2021-01-03-code.md":      {Data: []byte("---\ntitle: C\n---\n" + code)},
			"_posts/2021-01-04-open.md":      {Data: []byte("---\ntitle: O\n---\n" + open)},
			"_posts/2021-01-05-highlight.md": {Data: []byte("---\ntitle: H\n---\n" + highlight)},
		}
		plan, err := Jekyll(fsys, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		bodies := map[string]string{}
		for _, p := range plan.Posts {
			bodies[p.Slug] = p.Body
		}
		for slug, src := range map[string]string{"parsed": parsed, "code": code, "open": open, "highlight": highlighted} {
			if bodies[slug] != src {
				t.Errorf("%s: %s:\n%s\nwant it as written:\n%s", tc.name, slug, bodies[slug], src)
			}
		}
		g := bodies["gallery"]
		if tc.kept {
			if strings.Count(g, "\n\n") != strings.Count(gallery, "\n\n") {
				t.Errorf("%s: gallery's blank lines changed:\n%s", tc.name, g)
			}
			continue
		}
		if c := markdown.Code(g); len(c) != 0 {
			t.Errorf("%s: gallery has code at %v:\n%s", tc.name, c, g)
		}
		for _, want := range []string{"Intro.\n\n<div", "<!-- {% if page.show %} -->", "    <img src=\"/a.png\">", "one\n<!-- -->\ntwo", "</div>\n\nAfter.\n"} {
			if !strings.Contains(g, want) {
				t.Errorf("%s: gallery lacks %q:\n%s", tc.name, want, g)
			}
		}
		if strings.Count(g, "\n") != strings.Count(gallery, "\n") {
			t.Errorf("%s: gallery's lines moved:\n%s", tc.name, g)
		}
		for _, w := range plan.Warnings {
			if strings.Contains(w.Error(), "in code") {
				t.Errorf("%s: %v", tc.name, w)
			}
		}
	}
}

// TestJekyllKramdownExtensions: kramdown's attribute lists and extensions
// are no Markdown to CommonMark, and were published as text (a real
// blog's 350 posts ended links in {:target="_blank"}): each is kept in an
// HTML comment, with one warning for a post; {::comment} hides what it
// holds, {::nomarkdown} keeps it raw HTML, and a list kramdown made a
// table of contents of ({:toc}) turns the post's table of contents on.
func TestJekyllKramdownExtensions(t *testing.T) {
	body := "* TOC\n{:toc}\n\n## One\n\n[Open](https://example.com/){:target=\"_blank\"} then text.\n{: .lead}\n\n" +
		"{::comment}\nnot for readers\n{:/comment}\n\n{::nomarkdown}\n<b>raw</b> *not md*\n\n<i>more</i>\n{:/}\n\n" +
		"`{:kept}` in code, and {::options parse_block_html=\"true\" /} gone.\n"
	plan := jekyllPost(t, body)
	p := plan.Posts[0]
	want := "<!-- * TOC -->\n<!-- {:toc} -->\n\n## One\n\n[Open](https://example.com/)<!-- {:target=\"_blank\"} --> then text.\n<!-- {: .lead} -->\n\n" +
		"<!-- {::comment}\nnot for readers\n{:/comment} -->\n\n<div>\n<b>raw</b> *not md*\n<!-- -->\n<i>more</i>\n</div>\n\n" +
		"`{:kept}` in code, and <!-- {::options parse_block_html=\"true\" /} --> gone.\n"
	if p.Body != want {
		t.Errorf("body:\n%s\nwant:\n%s", p.Body, want)
	}
	if p.TOC == nil || !*p.TOC {
		t.Errorf("toc: %v, want on", p.TOC)
	}
	var got []string
	for _, w := range plan.Warnings {
		got = append(got, w.Error())
	}
	if want := "j/_posts/2021-01-01-a.md:9: kramdown's attribute lists and extensions are not read: 2 kept in HTML comments, where they show nothing ({:target=\"_blank\"}, …)"; !slices.Contains(got, want) {
		t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), want)
	}
	if md := markdown.Code(p.Body); len(md) != 1 {
		t.Errorf("code in the body: %v", md)
	}
}

// TestJekyllLinkToAFile: {% link %} names any file of the site, a static
// one too: an image the import copies is linked at its path (20 posts of a
// real blog had src="#" and a warning that it named no post).
func TestJekyllLinkToAFile(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\n")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\n<img alt=\"Ib\" src=\"{{ site.baseurl }}{% link images/a.png %}\">\n![b]({% link /images/b.png %}) [c]({% link nope.pdf %})\n")},
		"images/a.png":           {Data: []byte("png")},
		"images/b.png":           {Data: []byte("png")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	want := "<img alt=\"Ib\" src=\"/images/a.png\"><!-- -->\n![b](/images/b.png) [c](#)\n"
	if got := plan.Posts[0].Body; got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
	if len(plan.Warnings) != 1 || !strings.Contains(plan.Warnings[0].Error(), "link nope.pdf names no imported post") {
		t.Errorf("warnings: %v", plan.Warnings)
	}
}

// TestJekyllKramdownLeniency: what kramdown read and CommonMark does not:
// a destination with a space (![](/images/flow abstract.gif)), a reference
// definition's with an unbalanced parenthesis, **…** after a wide
// punctuation mark and before a letter (Chinese posts showed their
// asterisks). Written so that CommonMark reads them as kramdown did; the
// relative destination is rebased still; code stays as written.
func TestJekyllKramdownLeniency(t *testing.T) {
	body := "![](../images/flow abstract.gif) and [a](/x \"t\") [b](/y) [c]( /z )\n\n[notes][1]\n\n[1]: https://example.com/notes.md)\n\n" +
		"**乐观更新（Optimistic update）**首先改变界面状态。a **b** c 2**3**4\n\n`![](/a b.gif)` and `**（x）**y`\n"
	fsys := fstest.MapFS{
		"_config.yml":              {Data: []byte("url: https://k.test\npermalink: /:title/\n")},
		"_posts/2021-01-01-a.md":   {Data: []byte("---\ntitle: A\n---\n" + body)},
		"images/flow abstract.gif": {Data: []byte("gif")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	want := "![](</images/flow abstract.gif>) and [a](/x \"t\") [b](/y) [c]( /z )\n\n[notes][1]\n\n[1]: <https://example.com/notes.md)>\n\n" +
		"<strong>乐观更新（Optimistic update）</strong>首先改变界面状态。a **b** c 2**3**4\n\n`![](/a b.gif)` and `**（x）**y`\n"
	if got := plan.Posts[0].Body; got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
}

// TestJekyllInlineRaw: kramdown keeps the text of an inline <code>,
// <kbd>, <samp> or <var> as it is; CommonMark reads Markdown in it (a real
// post's <code>Standards/**PEAR**/Sniff.php</code> made PEAR bold). Its
// marks are escaped; in an HTML block, where CommonMark reads no Markdown,
// in code and with Liquid in it, left as written.
func TestJekyllInlineRaw(t *testing.T) {
	body := "Run <code>Standards/**PEAR**/Sniff.php</code> or <kbd>Ctrl_C</kbd>, <code>{{ page.my_var }}</code>.\n\n" +
		"<div>\n<code>a*b*c</code>\n</div>\n\n`<code>**x**</code>`\n"
	fsys := fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\nbase_url: /b\n")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\nmy_var: x_y\n---\n" + body)},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	want := "Run <code>Standards/\\*\\*PEAR\\*\\*/Sniff.php</code> or <kbd>Ctrl\\_C</kbd>, <code>x_y</code>.\n\n" +
		"<div>\n<code>a*b*c</code>\n</div>\n\n`<code>**x**</code>`\n"
	if got := plan.Posts[0].Body; got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
}

// TestJekyllKramdownReviewed: what a review of the kramdown passes found
// them doing to text kramdown showed as it is: a {:…} after text (Elixir's
// {:ok, pid}) is no attribute list; nothing in raw HTML (<pre>, <script>, a
// block kramdown keeps raw) nor in a Liquid highlight is rewritten; a <!--
// never closed (in inline code) does not stop the blank lines of the
// blocks after it; a table of contents of several items goes whole; a
// {::comment} across paragraphs stays a comment.
func TestJekyllKramdownReviewed(t *testing.T) {
	body := "Elixir returns {:ok, pid} on success.\n\n<pre>\n{:ok, pid} -> pid\n![x](/a b.png) **（x）**y\n</pre>\n\n" +
		"<div>\n<p>two [a](b c)</p>\n</div>\n\n<script>var r = fns[0](a, b);</script>\n\n" +
		"{% highlight markdown %}\n**注意：**聪明组件\n{% endhighlight %}\n\ntype `<!--` then\n\n<div class=\"note\">\nFirst.\n\n    indented\n</div>\n\n" +
		"* Contents\n* TOC\n{:toc}\n\n{::comment}\none\n\ntwo\n{:/comment}\n"
	plan := jekyllPost(t, body)
	want := "Elixir returns {:ok, pid} on success.\n\n<pre>\n{:ok, pid} -> pid\n![x](/a b.png) **（x）**y\n</pre>\n\n" +
		"<div>\n<p>two [a](b c)</p>\n</div>\n\n<script>var r = fns[0](a, b);</script>\n\n" +
		"```markdown\n**注意：**聪明组件\n```\n\ntype `<!--` then\n\n<div class=\"note\">\nFirst.\n<!-- -->\n    indented\n</div>\n\n" +
		"<!-- * Contents -->\n<!-- * TOC -->\n<!-- {:toc} -->\n\n<!-- {::comment} -->\n<!-- one -->\n\n<!-- two -->\n<!-- {:/comment} -->\n"
	if got := plan.Posts[0].Body; got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
}

// TestJekyllTextAfterABlock: a line of text right after an HTML block's
// closing tag is Markdown to kramdown, and more of the block to
// CommonMark (a real post's bold link after a </div> was shown as
// written): a blank line is written between, and a warning further down
// still names its line of the file.
func TestJekyllTextAfterABlock(t *testing.T) {
	body := "<div style=\"line-height: 50%\">\n    <br>\n</div>\n**[a](https://e.com/){: target=\"_blank\"}**\n\n{% bogus %}\n"
	plan := jekyllPost(t, body)
	want := "<div style=\"line-height: 50%\">\n    <br>\n</div>\n\n**[a](https://e.com/)<!-- {: target=\"_blank\"} -->**\n\n<!-- {% bogus %} -->\n"
	if got := plan.Posts[0].Body; got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
	var lines []string
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "bogus") {
			lines = append(lines, w.Error())
		}
	}
	if want := "j/_posts/2021-01-01-a.md:9: Liquid tag {% bogus %} is not converted: left out"; len(lines) != 1 || lines[0] != want {
		t.Errorf("warnings %q, want %q", lines, want)
	}
}

// TestJekyllKramdownReviewedAgain: a third review's cases. A nested block
// whose indented lines after a blank one CommonMark reads as code is one
// block still (its blank line written <!-- -->); an attribute list or
// **…** after a tag alone on its line, which kramdown reads as Markdown,
// is written for CommonMark still.
func TestJekyllKramdownReviewedAgain(t *testing.T) {
	body := "<div class=\"card\">\n    <div class=\"card-body\">\n\n        <p>Hello <b>there</b></p>\n    </div>\n</div>\n\n" +
		"<img src=\"/a.png\">\n{: .center}\n\n<br>\n**注意：**这是重点。\n"
	plan := jekyllPost(t, body)
	want := "<div class=\"card\">\n    <div class=\"card-body\">\n<!-- -->\n        <p>Hello <b>there</b></p>\n    </div>\n</div>\n\n" +
		"<img src=\"/a.png\"><!-- -->\n<!-- {: .center} -->\n\n<br><!-- -->\n<strong>注意：</strong>这是重点。\n"
	if got := plan.Posts[0].Body; got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
}

// TestJekyllKramdownReviewedFifth: a comment in a block's indented lines
// is a comment (kramdown's raw HTML, though CommonMark's code): the
// <div> it comments out opens nothing, and the block is one still. And a
// block found only once an example's unclosed <!-- is passed by closes at
// its indented </div> (a sixth review).
func TestJekyllKramdownReviewedFifth(t *testing.T) {
	for body, want := range map[string]string{
		"<div class=\"box\">\nfirst\n\n    <!-- <div class=\"old\"> -->\n    indented line\n</div>\n":                                                "<div class=\"box\">\nfirst\n<!-- -->\n    <!-- <div class=\"old\"> -->\n    indented line\n</div>\n",
		"An example:\n\n    <!-- an unclosed comment\n\n<div class=\"box\">\n<!-- note -->\nfirst\n\n    indented\n    </div>\n\nAfter *the* box.\n": "An example:\n\n    <!-- an unclosed comment\n\n<div class=\"box\">\n<!-- note -->\nfirst\n<!-- -->\n    indented\n    </div>\n\nAfter *the* box.\n",
	} {
		if got := jekyllPost(t, body).Posts[0].Body; got != want {
			t.Errorf("body:\n%s\nwant:\n%s", got, want)
		}
	}
}

// TestJekyllKramdownReviewedFourth: a fourth review's cases. An example
// of an unclosed <!-- in an indented code block, its --> in inline code
// further down, hides no block between (they are text); a tag inside a
// <pre> opens no block, and no blank line is written in the <pre>.
func TestJekyllKramdownReviewedFourth(t *testing.T) {
	body := "Start a comment with:\n\n    <!--\n\n<div class=\"box\">\nfirst\n\n    indented line\n</div>\n\nEnd it with `-->`.\n\n<pre>\n<p>one</p>\ntwo\n</pre>\n"
	plan := jekyllPost(t, body)
	want := "Start a comment with:\n\n    <!--\n\n<div class=\"box\">\nfirst\n<!-- -->\n    indented line\n</div>\n\nEnd it with `-->`.\n\n<pre>\n<p>one</p>\ntwo\n</pre>\n"
	if got := plan.Posts[0].Body; got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
}

// jekyllPost imports a Jekyll site of one post, _posts/2021-01-01-a.md,
// titled A, of body.
// wantJekyllBody checks the body the import writes of a Jekyll post of
// body.
func wantJekyllBody(t *testing.T, body, want string) {
	t.Helper()
	if got := jekyllPost(t, body).Posts[0].Body; got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
}

// hugoPost imports a Hugo site of config.toml cfg, one post of body and
// files.
func hugoPost(t *testing.T, cfg, body string, files fstest.MapFS) *Plan {
	t.Helper()
	fsys := fstest.MapFS{
		"config.toml":        {Data: []byte("baseURL = \"https://h.example.net/\"\n" + cfg)},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + body)},
	}
	maps.Copy(fsys, files)
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func jekyllPost(t *testing.T, body string) *Plan {
	t.Helper()
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\n")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\n" + body)},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// TestJekyllSubListLessIndented: kramdown nests a list of the other kind
// right under a list item's line (no blank line between) though it is
// indented less than the item's text, even not at all; CommonMark ends
// the item there and shows the sub-list beside the list, the list's later
// items in a new list. The sub-list is indented to its item's text; a
// list of the same kind (a sibling item to both), an item of an outer
// list of its kind (after a sub-list), a sub-list after a blank line (the
// list ends there to both) and code stay as written.
func TestJekyllSubListLessIndented(t *testing.T) {
	body := "1. Install\n  - the CLI\n  - its plugins\n    that we need\n2. Run\n- a flag\n\n" +
		"- Plan\n1. book\n2. pack\n- Go\n\n" +
		"* one\n * two\n\n1. alone\n\n  - after a blank\n\n```\n1. code\n- kept\n```\n\n10. ten\n- sub\n\n" +
		"- a\n- b\n  1. first\n  2. second\n- c\n\n1. X\n   * y\n   the end\n1. Z\n"
	want := "1. Install\n   - the CLI\n   - its plugins\n     that we need\n2. Run\n   - a flag\n\n" +
		"- Plan\n  1. book\n  2. pack\n- Go\n\n" +
		"* one\n * two\n\n1. alone\n\n  - after a blank\n\n```\n1. code\n- kept\n```\n\n10. ten\n    - sub\n\n" +
		"- a\n- b\n  1. first\n  2. second\n- c\n\n1. X\n   * y\n   the end\n1. Z\n"
	wantJekyllBody(t, body, want)
}

// TestJekyllUnclosedScript: a <script> or <style> tag in prose, with no
// closing tag in its paragraph, made the browser read the rest of the
// page as a script (a real post's "async on a <script> tag"; kramdown
// closed it at the paragraph's end, and its text was gone too). Its '<'
// is escaped; one closed, in code or in an HTML block stays as written.
func TestJekyllUnclosedScript(t *testing.T) {
	body := "Put async on a <script> tag, or <STYLE media=x>.\n\nNext.\n\nA <script>go()</script> and `<script>`.\n\n<script>\nrun()\n</script>\n"
	want := "Put async on a &lt;script> tag, or &lt;STYLE media=x>.\n\nNext.\n\nA <script>go()</script> and `<script>`.\n\n<script>\nrun()\n</script>\n"
	wantJekyllBody(t, body, want)
}

// TestJekyllCJKEmphasis: kramdown reads *…* and **…** that CommonMark does
// not, where a delimiter sits between punctuation and a letter of a
// language written without spaces (**Big-O 표기법(빅오 표기법)**이, three
// real blogs' posts showed their asterisks): written <em> and <strong>.
// Lists, math and what CommonMark reads stay as written.
func TestJekyllCJKEmphasis(t *testing.T) {
	body := "대표적으로 **Big-O 표기법(빅오 표기법)**이 있다.\n\n可以将*分离关注点（separation of concerns）*作为基础。\n\n" +
		"* a list *item*\n\n2*3*4 and a*b*c, **b**, *c*\n\n이것은 *강조(중요)*입니다 그리고 **굵게:**다음\n"
	want := "대표적으로 <strong>Big-O 표기법(빅오 표기법)</strong>이 있다.\n\n可以将<em>分离关注点（separation of concerns）</em>作为基础。\n\n" +
		"* a list *item*\n\n2*3*4 and a*b*c, **b**, *c*\n\n이것은 <em>강조(중요)</em>입니다 그리고 <strong>굵게:</strong>다음\n"
	wantJekyllBody(t, body, want)
}

// TestJekyllTagAloneOnItsLine: an inline tag alone on its line (<br>,
// <img …>, <span>) begins a paragraph to kramdown, and an HTML block to
// CommonMark, which reads no Markdown to the next blank line (six real
// posts showed "#### Results" and their asterisks as written). A comment
// after the tag makes it the paragraph's; block elements, a tag alone in
// its paragraph and code stay as written.
func TestJekyllTagAloneOnItsLine(t *testing.T) {
	body := "Intro.\n\n<br>\n#### Results\nSome *emphasis* here.\n\n<img src=\"/a.png\">\ntext *b*\n\n" +
		"<span class=\"x\">\n*a*\n</span>\n\n<img src=\"/alone.png\">\n\n<div>\nx\n</div>\n\n```\n<br>\ncode\n```\n"
	want := "Intro.\n\n<br><!-- -->\n#### Results\nSome *emphasis* here.\n\n<img src=\"/a.png\"><!-- -->\ntext *b*\n\n" +
		"<span class=\"x\"><!-- -->\n*a*\n</span>\n\n<img src=\"/alone.png\">\n\n<div>\nx\n</div>\n\n```\n<br>\ncode\n```\n"
	wantJekyllBody(t, body, want)
}

// TestJekyllInclude: an include the site's _includes folder holds is
// written as Jekyll wrote it, its Liquid run with the include's
// arguments and the page's and the site's values (28 posts of a real blog
// lost their CodePen embeds, 5 of another a note); arguments are quoted
// with spaces in them, or written "key = value". One that does not run
// (a tag of a plugin), or that the folder does not hold, is left out with
// a warning as before; a theme's figure include is an image still, by its
// image_path too.
func TestJekyllInclude(t *testing.T) {
	codepen := "{% assign username = include.username %}\n{% unless username %}\n{% assign username = site.codepen_username %}\n{% endunless %}\n\n" +
		"<p data-slug-hash=\"{{ include.hash }}\" class='codepen'>\n" +
		"See the Pen <a href='https://codepen.io/{{ username }}/pen/{{ include.hash }}/'>{{ include.title }}</a> by {{ username }}.</p>\n" +
		"<script async src=\"//assets.codepen.io/assets/embed/ei.js\"></script>"
	body := "Intro.\n{% include codepen.html hash = \"wvXKwby\" title = \"Basic Website\" %}\nAfter, with {% include note.html who=page.author %} inline.\n\n" +
		"{% include figure image_path=\"/assets/a.jpg\" alt=\"My perch, long ago\" caption=\"A caption, with commas\" %}\n\n" +
		"{% include plugin.html %}\n\n{% include missing.html %}\n"
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\ncodepen_username: woojin\n")},
		"_includes/codepen.html": {Data: []byte(codepen)},
		"_includes/note.html":    {Data: []byte("<em>by {{ include.who | upcase }}</em>\n\n")},
		"_includes/plugin.html":  {Data: []byte("{% seo %}")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\nauthor: kim\n---\n" + body)},
		"assets/a.jpg":           {Data: []byte("jpg")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	want := "Intro.\n\n<p data-slug-hash=\"wvXKwby\" class='codepen'>\n" +
		"See the Pen <a href='https://codepen.io/woojin/pen/wvXKwby/'>Basic Website</a> by woojin.</p>\n" +
		"<script async src=\"//assets.codepen.io/assets/embed/ei.js\"></script>\n\n" +
		"After, with <em>by KIM</em> inline.\n\n" +
		"<figure>\n"
	got := plan.Posts[0].Body
	if !strings.HasPrefix(got, want) {
		t.Errorf("body:\n%s\nwant it to begin:\n%s", got, want)
	}
	for _, s := range []string{"/assets/a.jpg", "My perch, long ago", "A caption, with commas", "<!-- {% include plugin.html %} -->", "<!-- {% include missing.html %} -->"} {
		if !strings.Contains(got, s) {
			t.Errorf("body:\n%s\nwant it to hold %q", got, s)
		}
	}
	var warned []string
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "include") {
			warned = append(warned, w.Error())
		}
	}
	if len(warned) != 2 {
		t.Errorf("warnings of includes: %q, want the plugin's and the missing one's", warned)
	}
}

// TestHugoSiteShortcodes: a shortcode the site's layouts/shortcodes (or
// its theme's) holds is written as Hugo wrote it, its template run with
// the shortcode's arguments, its inner text and the page's and the
// site's values (50 posts of a real blog lost their links and series
// lists): HTML alone on its line after a blank one as a block, in a
// line of text or a paragraph's line in it, as Hugo put it in the page.
// One whose template calls what is Hugo's alone (a taxonomy, a function
// not here) is left out with its warning, as before.
func TestHugoSiteShortcodes(t *testing.T) {
	body := "See the docs ({{< external_link url=\"https://example.org/docs\" title=\"the docs\" >}}) first.\n\n" +
		"Docs:\n{{< external_link url=\"https://e.test/\" title=\"E\" >}}\nto read.\n\n" +
		"{{< series >}}\n\nText.\n\n{{< alert color=\"info\" >}}Be **careful**.{{< /alert >}}\n\n{{< card \"Go\" >}}\n\n{{< tags >}}\n\n{{< i18n >}}\n"
	fsys := fstest.MapFS{
		"config.toml": {Data: []byte("baseURL = \"https://h.example.net/\"\ntheme = \"t\"\n[params]\nowner = \"mo\"\n")},
		"themes/t/layouts/shortcodes/external_link.html": {Data: []byte(`<a href="{{ .Get "url" }}" target="_blank">{{ .Get "title" }}</a>`)},
		"layouts/shortcodes/series.html":                 {Data: []byte("<hr>\n<ul>\n\n<li><a href=\"/entry/x/\">Part 1</a></li>\n</ul>\n")},
		"layouts/shortcodes/alert.html": {Data: []byte("{{ $color := .Get \"color\" | default \"primary\" }}\n<div class=\"alert alert-{{ $color }}\">\n" +
			"{{ if eq .Page.File.Ext \"md\" }}{{ .Inner | markdownify }}{{ else }}{{ .Inner }}{{ end }}\n</div>\n")},
		"layouts/shortcodes/card.html": {Data: []byte(`<span>{{ .Get 0 | upper }} by {{ .Site.Params.owner }} on {{ .Page.Title }} ({{ (urls.Parse "https://a.test/x").Host }})</span>`)},
		"layouts/shortcodes/tags.html": {Data: []byte(`{{ range .Site.Taxonomies.tags }}{{ . }}{{ end }}`)},
		"layouts/shortcodes/i18n.html": {Data: []byte(`{{ T "hello" }}`)},
		"content/posts/a.md":           {Data: []byte("---\ntitle: A post\ndate: 2020-01-01\n---\n" + body)},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	want := "See the docs (<a href=\"https://example.org/docs\" target=\"_blank\">the docs</a>) first.\n\n" +
		"Docs:\n<a href=\"https://e.test/\" target=\"_blank\">E</a>\nto read.\n\n" +
		"<hr>\n<ul>\n<li><a href=\"/entry/x/\">Part 1</a></li>\n</ul>\n\nText.\n\n" +
		"<div class=\"alert alert-info\">\nBe <strong>careful</strong>.\n</div>\n\n" +
		"<span>GO by mo on A post (a.test)</span>\n\n" +
		"<!-- {{< tags >}} -->\n\n<!-- {{< i18n >}} -->\n"
	if got := plan.Posts[0].Body; got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
	var warned []string
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "shortcode") {
			warned = append(warned, w.Error())
		}
	}
	if len(warned) != 2 {
		t.Errorf("warnings of shortcodes: %q, want tags' and i18n's", warned)
	}
}

// TestSingleTildes: a pair of single tildes in text is struck through by
// netjournal, as by GitHub, and was not by kramdown nor by the Hugo of
// most blogs: "8~10 days, or 3~5" lost its ranges to a strikethrough (5
// posts of two real Hugo blogs). Escaped; ~~…~~ and code stay as written.
func TestSingleTildes(t *testing.T) {
	for in, want := range map[string]string{
		"It takes 8~10 days, or 3~5 if expedited.\n": "It takes 8\\~10 days, or 3\\~5 if expedited.\n",
		"~~gone~~ and `a~b~c` and ~\n":               "~~gone~~ and `a~b~c` and ~\n",
		"```\nx~1~\n```\n- ~a~ b\n":                  "```\nx~1~\n```\n- \\~a\\~ b\n",
	} {
		if got := escapeSingleTildes(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// TestHugoAttributes: Hugo reads an attribute list after a heading's text
// ({#setup}: its id) and, where the site turns block attributes on, one
// on the line after a block; netjournal shows them as text (three posts
// of a real blog each). A heading's is taken off, its anchor made of its
// text, and the links in the post to the id it gave are to that anchor;
// a block's is kept in a comment. Code stays as written.
func TestHugoAttributes(t *testing.T) {
	body := "## Setup {#setup}\n\n## Install *it* {#install .big}\n\nSee [install](#install) and <a href=\"#install\">here</a>.\n\n> Quote\n{.center}\n\n```\n## Code {#x}\n{.y}\n```\n"
	for _, blocks := range []bool{false, true} {
		cfg := ""
		want := "## Setup\n\n## Install *it*\n\nSee [install](#install-it) and <a href=\"#install-it\">here</a>.\n\n> Quote\n{.center}\n\n```\n## Code {#x}\n{.y}\n```\n"
		if blocks {
			cfg += "[markup.goldmark.parser.attribute]\nblock = true\n"
			want = strings.Replace(want, "> Quote\n{.center}", "> Quote\n<!-- {.center} -->", 1)
		}
		if got := hugoPost(t, cfg, body, nil).Posts[0].Body; got != want {
			t.Errorf("block attributes %v: body:\n%s\nwant:\n%s", blocks, got, want)
		}
	}
}

// TestHugoSetextAttributes: Hugo reads an attribute list after a setext
// heading's text too (goldmark's setext parser, as its ATX one); the
// links to its id are to netjournal's anchor. A paragraph line above a
// rule (a blank line between) or in a list is no heading's, and stays.
func TestHugoSetextAttributes(t *testing.T) {
	for body, want := range map[string]string{
		"Setup {#setup}\n=====\n\nSee [setup](#setup).\n":            "Setup\n=====\n\nSee [setup](#setup).\n",
		"Intro.\n\nInstall *it* {#install}\n---\n\n[go](#install)\n": "Intro.\n\nInstall *it*\n---\n\n[go](#install-it)\n",
		"Text {#a}\n\n---\n":                            "Text {#a}\n\n---\n",
		"- item {#b}\n---\n":                            "- item {#b}\n---\n",
		"Line one\nline two {#two}\n---\n\n[2](#two)\n": "Line one\nline two\n---\n\n[2](#line-one-line-two)\n",
		"Text\n- item {#d}\n---\n":                      "Text\n- item {#d}\n---\n",
		"   Indented {#e}\n===\n":                       "   Indented\n===\n",
		"```\nCode {#c}\n===\n```\n":                    "```\nCode {#c}\n===\n```\n",
	} {
		if got := hugoPost(t, "", body, nil).Posts[0].Body; got != want {
			t.Errorf("%q: body %q, want %q", body, got, want)
		}
	}
}

// TestHugoMoreDivider: Hugo takes <!--more--> out of the page, between
// two parts rendered apart; on a line with text, CommonMark reads the
// line after it as raw HTML (a real post's **…** shown as written) or the
// paragraphs around it as one. The divider, the first <!--more--> as
// written (another is a comment), is put on a line of its own, between
// blank lines; alone on its line, in code or in a list item, it stays.
func TestHugoMoreDivider(t *testing.T) {
	for body, want := range map[string]string{
		"<!--more--> **Bold** after.\n\nEnd.<!--more-->\n":  "<!--more-->\n\n**Bold** after.\n\nEnd.<!--more-->\n",
		"End of one.<!--more-->\nStart of two.\n":           "End of one.\n\n<!--more-->\n\nStart of two.\n",
		"Intro.\n\n<!--more-->\n\n`<!--more-->` in code.\n": "Intro.\n\n<!--more-->\n\n`<!--more-->` in code.\n",
		"`<!--more-->` in code, A<!--more-->B\n":            "`<!--more-->` in code, A\n\n<!--more-->\n\nB\n",
		// On its line right after raw HTML that closes what it opens: the
		// HTML block took it in, and Hugo's summary ended there.
		"<p>One.</p>\n<p>Two.</p>\n<!--more-->\nThree.\n": "<p>One.</p>\n<p>Two.</p>\n\n<!--more-->\nThree.\n",
		// Inside a <div> still open: a blank line would end its HTML
		// there and make the rest Markdown; it stays.
		"<div>\nOne.\n<!--more-->\nTwo.\n</div>\n": "<div>\nOne.\n<!--more-->\nTwo.\n</div>\n",
	} {
		if got := hugoPost(t, "", body, nil).Posts[0].Body; got != want {
			t.Errorf("%q: body %q, want %q", body, got, want)
		}
	}
}

// TestHugoEmoji: a site with enableEmoji showed :clap: as 👏; netjournal
// shows the code (posts of three real blogs). Each code of GitHub's that
// stands apart from the words around it is its emoji; one inside a word
// or an address (f:id:x, arn:aws:iam::1, ::1), not an emoji's, in code
// or without enableEmoji stays as written.
func TestHugoEmoji(t *testing.T) {
	body := "Thanks :clap: and :pray:! ました:clap::clap: f:id:mosuke5, arn:aws:iam::123:role, [::1]:80, :notanemoji:, `:zzz:`\n"
	for _, on := range []bool{false, true} {
		cfg, want := "", body
		if on {
			cfg = "enableEmoji = true\n"
			want = "Thanks 👏 and 🙏! ました👏👏 f:id:mosuke5, arn:aws:iam::123:role, [::1]:80, :notanemoji:, `:zzz:`\n"
		}
		if got := hugoPost(t, cfg, body, nil).Posts[0].Body; got != want {
			t.Errorf("enableEmoji %v: body %q, want %q", on, got, want)
		}
	}
}

// TestImportReviewed: what a review of this session's passes found them
// doing wrong, each checked against kramdown or Hugo 0.111.
func TestImportReviewed(t *testing.T) {
	t.Run("jekyll", func(t *testing.T) {
		for _, tc := range []struct{ name, in, want string }{
			// A fence right after a moved sub-list moves with it, whole: its
			// opening line alone was moved, and the rest of the post was code.
			{"fence in a moved sub-list", "1. Install it:\n- on macOS:\n```sh\nbrew install foo\n```\n2. Run it.\n\nThe end.\n",
				"1. Install it:\n   - on macOS:\n   ```sh\n   brew install foo\n   ```\n2. Run it.\n\nThe end.\n"},
			// A numbered sub-list moved under a bullet begins at 1, as
			// kramdown showed every list: CommonMark lets no other number
			// begin a list in a paragraph.
			{"numbered sub-list not at 1", "- item\n2. x\n3. y\n", "- item\n  1. x\n  3. y\n"},
			// Escaped marks stay escaped.
			{"escaped asterisks", "가\\*나\\*다 and 中文\\*强调\\*测试\n", "가\\*나\\*다 and 中文\\*强调\\*测试\n"},
			{"escaped script", "Use \\<script> tags carefully.\n", "Use \\<script> tags carefully.\n"},
			// A tilde in a web address is the address's.
			{"tilde in an address", "My page http://cs.x.edu/~bob/ takes 8~10 days, or 3~5.\n",
				"My page http://cs.x.edu/~bob/ takes 8\\~10 days, or 3\\~5.\n"},
			// An image whose alt text is a link the regular expression does
			// not read: its bracket escaped as before, and the import goes on.
			{"image of a link with parentheses", "![[Paris](https://e.org/wiki/Paris_(city) \"t\")](paris.jpg) and m[i[0]] here.\n",
				"![Paris](paris.jpg) and m[i[0]] here.\n"},
			{"image of a link not read", "![[a [b] c](u)](a.png) and [[w]]\n", "!&#91;[a [b] c](u)](a.png) and &#91;[w]]\n"},
		} {
			got := jekyllPost(t, tc.in).Posts[0].Body
			if got != tc.want {
				t.Errorf("%s: body:\n%s\nwant:\n%s", tc.name, got, tc.want)
			}
		}
	})
	t.Run("jekyll include of site data", func(t *testing.T) {
		plan, err := Jekyll(fstest.MapFS{
			"_config.yml":            {Data: []byte("url: https://k.test\n")},
			"_data/projects.yml":     {Data: []byte("- a\n- b\n")},
			"_includes/list.html":    {Data: []byte("<ul>{% for p in site.data.projects %}<li>{{ p }}</li>{% endfor %}</ul>")},
			"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\n{% include list.html %}\n")},
		}, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		// Jekyll's data files are read (site.data), as Jekyll read them:
		// the list it showed, not an empty one.
		if got, want := plan.Posts[0].Body, "<ul><li>a</li><li>b</li></ul>\n"; got != want {
			t.Errorf("body %q, want %q", got, want)
		}
	})
	t.Run("hugo", func(t *testing.T) {
		for _, tc := range []struct{ name, in, want string }{
			// Hugo's divider is the first <!--more-->, as written; others are
			// comments, where they are.
			{"one divider", "Intro A <!-- more --> B.\n\n- one <!--more--> two\n- three <!--more--> four\n",
				"Intro A <!-- more --> B.\n\n- one <!--more--> two\n- three <!--more--> four\n"},
			// Heading anchors: made as netjournal makes them (one a second
			// heading of the same text has, one of a heading with a link),
			// every link rewritten at once, none in code.
			{"anchors", "## Introduction {#intro}\n\n## Intro {#start}\n\n## Intro {#intro-2}\n\n## See [the docs](https://x.org/d) {#docs}\n\n" +
				"[a](#start) [b](#intro) [c](#intro-2) [d](#docs)\n\n```\n[e](#start)\n```\n",
				"## Introduction\n\n## Intro\n\n## Intro\n\n## See [the docs](https://x.org/d)\n\n" +
					"[a](#intro) [b](#introduction) [c](#intro-1) [d](#see-the-docs)\n\n```\n[e](#start)\n```\n"},
			// A shortcode's HTML in a line is the page's as Hugo put it: no
			// Markdown read in it.
			{"html in a line", "Call {{< tt \"__init__\" >}} now.\n", "Call <code>\\_\\_init\\_\\_</code> now.\n"},
			// .Ordinal counts the page's shortcodes; a bare true or false is
			// a boolean, a quoted one text.
			{"ordinal and booleans", "{{< n on=false >}} {{< n on=true >}} {{< n on=\"false\" >}}\n",
				"<i id=\"n0\">off</i> <i id=\"n1\">on</i> <i id=\"n2\">on</i>\n"},
			// A <pre> keeps its lines wherever it is.
			{"pre after text", "The output:\n{{< pre >}}\n\nNext.\n", "The output:\n\n<pre>\nline 1\n    line 2\n</pre>\n\nNext.\n"},
			{"site data", "{{< data >}}\n", "<!-- {{< data >}} -->\n"},
		} {
			plan := hugoPost(t, "", tc.in, fstest.MapFS{
				"layouts/shortcodes/tt.html":   {Data: []byte(`<code>{{ .Get 0 }}</code>`)},
				"layouts/shortcodes/n.html":    {Data: []byte(`<i id="n{{ .Ordinal }}">{{ if .Get "on" }}on{{ else }}off{{ end }}</i>`)},
				"layouts/shortcodes/pre.html":  {Data: []byte("<pre>\nline 1\n    line 2\n</pre>")},
				"layouts/shortcodes/data.html": {Data: []byte(`{{ range .Site.Data.x }}{{ . }}{{ end }}`)},
			})
			if got := plan.Posts[0].Body; got != tc.want {
				t.Errorf("%s: body:\n%s\nwant:\n%s", tc.name, got, tc.want)
			}
		}
	})
}

// TestSubListRenumbered: a numbered sub-list moved under a bullet begins
// at 1, its items' text where it was ("10. x" is "1.  x").
func TestSubListRenumbered(t *testing.T) {
	if got, want := kramdownSubLists("- item\n10. x\n11. y\n"), "- item\n  1.  x\n  11. y\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestTemplateWithoutEnd: a shortcode's template or an include that
// writes without end, or whose function panics, does not run: left out,
// with its warning.
func TestTemplateWithoutEnd(t *testing.T) {
	plan := hugoPost(t, "", "{{< big >}}\n\n{{< panics >}}\n", fstest.MapFS{
		"layouts/shortcodes/big.html":    {Data: []byte(`{{ range 100000000 }}xxxxxxxxxx{{ end }}`)},
		"layouts/shortcodes/panics.html": {Data: []byte(`{{ isset .Site.Params 1 }}`)},
	})
	if got, want := plan.Posts[0].Body, "<!-- {{< big >}} -->\n\n<!-- {{< panics >}} -->\n"; got != want {
		t.Errorf("body %q, want %q", got, want)
	}
	jp, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\n")},
		"_includes/big.html":     {Data: []byte("{% for i in (1..100000000) %}xxxxxxxxxx{% endfor %}")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\n{% include big.html %}\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := jp.Posts[0].Body, "<!-- {% include big.html %} -->\n"; got != want {
		t.Errorf("body %q, want %q", got, want)
	}
}

// TestImportReviewedAgain: a second review's cases, each checked against
// kramdown or Hugo 0.111.
func TestImportReviewedAgain(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		// An item of any list the lines are in ends a moved sub-list.
		{"outer item after a moved sub-list", "- Tools:\n  1. Editor\n  - vim\n- Languages\n", "- Tools:\n  1. Editor\n     - vim\n- Languages\n"},
		// kramdown nests only right under an item's first paragraph, not
		// left of the item's marker; it has no N) lists, nor an item of
		// nothing. What it reads as the paragraph's text has its marker
		// escaped, which CommonMark would read as a list.
		{"after the item's second paragraph", "- item\n\n  para\n2. y\n", "- item\n\n  para\n2\\. y\n"},
		{"left of the item's marker", "- a\n  - b\n1. c\n", "- a\n  - b\n1\\. c\n"},
		{"parenthesis markers", "- item\n10) x\n11) y\n", "- item\n10\\) x\n11\\) y\n"},
		{"a marker alone", "- a\n10.\n", "- a\n10\\.\n"},
		// Renumbered, its text is no code.
		{"wide spacing", "- a\n10.    b\n", "- a\n  1.    b\n"},
		{"wider spacing", "- a\n10.     b\n", "- a\n  1.    b\n"},
		// A fourth review's: a list indented at the top nests what is
		// under it; bullets kramdown reads as text are escaped too; a
		// rule ends the lists.
		{"indented top list", "  - a\n1. b\n", "  - a\n    1. b\n"},
		{"indented top list, two items", "  - a\n  - b\n1. c\n2. d\n", "  - a\n  - b\n    1. c\n    2. d\n"},
		{"under a nested item", "- a\n   - b\n  1. c\n", "- a\n   - b\n     1. c\n"},
		{"bullet after a sub-list", "1. a\n   - b\n- c\n", "1. a\n   - b\n\\- c\n"},
		{"bullet after a paragraph", "1. a\n\n   para\n- y\n", "1. a\n\n   para\n\\- y\n"},
		{"after a rule", "- a\n\n  ---\n1. b\n", "- a\n\n  ---\n1. b\n"},
		// A fifth review's: an outermost list's items are its items at any
		// indent of 0 to 3 spaces, after a sub-list or a second paragraph.
		{"siblings at other indents", " * Apples\n   * Green\n* Pears\n\n  - a\n\n    text\n- b\n\n 8. eight\n 9. nine\n\n    More.\n10. ten\n11. eleven\n\n- First\n - Second\n\n   Second para\n- Third\n",
			" * Apples\n   * Green\n* Pears\n\n  - a\n\n    text\n- b\n\n 8. eight\n 9. nine\n\n    More.\n10. ten\n11. eleven\n\n- First\n - Second\n\n   Second para\n- Third\n"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantJekyllBody(t, tc.in, tc.want) })
	}
	shortcodes := fstest.MapFS{
		"layouts/shortcodes/url.html":      {Data: []byte(`<span title="a > b_c">see https://example.org/my_page_here/ and a_b_c</span>`)},
		"layouts/shortcodes/preblank.html": {Data: []byte("<pre>\na\n\n    b\n</pre>")},
		"layouts/shortcodes/divpre.html":   {Data: []byte("<div class=\"hl\"><pre><code>x = 1\n\n    y = 2\n</code></pre></div>")},
		"layouts/shortcodes/tt.html":       {Data: []byte(`<code>{{ .Get 0 }}</code>`)},
		"layouts/shortcodes/ord.html":      {Data: []byte(`{{ .Ordinal }}`)},
		"layouts/shortcodes/wrap.html":     {Data: []byte(`[{{ .Inner }}]`)},
		"layouts/shortcodes/v.html":        {Data: []byte(`{{ printf "%T" (.Get 0) }}`)},
		"layouts/shortcodes/js.html":       {Data: []byte("<script>\nvar a = 1; // note\nvar b = 2;\n</script>")},
		"layouts/shortcodes/ta.html":       {Data: []byte("<textarea>\nl1\nl2</textarea>")},
		"layouts/shortcodes/note.html":     {Data: []byte(`<div class="note"><code>__init__</code> *z*</div>`)},
		"layouts/shortcodes/url2.html":     {Data: []byte(`<span>[a](https://x.org/) and *https://x.org/a*</span>`)},
		"layouts/shortcodes/wiki.html":     {Data: []byte(`<span>https://en.wikipedia.org/wiki/C_(programming_language) a_b</span>`)},
		"layouts/shortcodes/det.html":      {Data: []byte(`<details><summary>More __a__</summary>*b* text</details>`)},
	}
	for _, tc := range []struct{ name, in, want string }{
		// A web address in a shortcode's text is not escaped (its link
		// would end at the first _), nor is an attribute with a > in it.
		{"address", "Text {{< url >}} end.\n", "Text <span title=\"a > b_c\">see https://example.org/my_page_here/ and a\\_b\\_c</span> end.\n"},
		// A <pre>'s lines are its text, wherever it is.
		{"pre in a line", "See {{< preblank >}} inline.\n", "See <pre>&#10;a&#10;&#10;    b&#10;</pre> inline.\n"},
		{"div and pre after text", "The code:\n{{< divpre >}}\n", "The code:\n<div class=\"hl\"><pre><code>x = 1&#10;&#10;    y = 2&#10;</code></pre></div>\n"},
		{"div and pre alone", "A.\n\n{{< divpre >}}\n", "A.\n\n<div class=\"hl\"><pre><code>x = 1\n&#10;    y = 2\n</code></pre></div>\n"},
		// A textarea's line breaks are its text; a script's are joined,
		// as a paragraph's lines would break it (html/template takes its
		// comments out, as Hugo's did).
		{"script in a line", "Run {{< js >}} now.\n", "Run <script> var a = 1; var b = 2; </script> now.\n"},
		{"textarea in a line", "Type {{< ta >}} here.\n", "Type <textarea>&#10;l1&#10;l2</textarea> here.\n"},
		// An HTML block after text is read as HTML: nothing escaped; the
		// marks around an address are.
		{"block after text", "Note:\n{{< note >}}\n", "Note:\n<div class=\"note\"><code>__init__</code> *z*</div>\n"},
		{"marks about addresses", "T {{< url2 >}} e.\n", "T <span>\\[a\\](https://x.org/) and \\*https://x.org/a\\*</span> e.\n"},
		{"parentheses in an address", "T {{< wiki >}} e.\n", "T <span>https://en.wikipedia.org/wiki/C_(programming_language) a\\_b</span> e.\n"},
		{"indented after text", "Note:\n    {{< note >}}\n", "Note:\n    <div class=\"note\"><code>\\_\\_init\\_\\_</code> \\*z\\*</div>\n"},
		// In a list item or a quote, the line is read in its container.
		{"in a list item", "1. Item:\n    {{< det >}}\n", "1. Item:\n    <details><summary>More __a__</summary>*b* text</details>\n"},
		{"in a quote", "> Note:\n> {{< note >}}\n", "> Note:\n> <div class=\"note\"><code>__init__</code> *z*</div>\n"},
		// HTML CommonMark reads as a paragraph's, alone on its line too.
		{"code alone", "A.\n\n{{< tt \"__init__\" >}}\n", "A.\n\n<code>\\_\\_init\\_\\_</code>\n"},
		// .Ordinal counts every shortcode among its siblings.
		{"ordinal", "{{< wrap >}}{{< ord >}} {{< ord >}}{{< /wrap >}} {{< figure src=\"/a.png\" >}} {{< ord >}}\n", "\\[0 1\\] ![](</a.png>) 2\n"},
		// Hugo types a bare integer, decimal or boolean; anything else is text.
		{"typed", "{{< v 1e3 >}} {{< v inf >}} {{< v 1. >}} {{< v 1.0 >}} {{< v -5 >}} {{< v 0x10 >}} {{< v TRUE >}} {{< v true >}}\n",
			"string string string float64 int string string bool\n"},
		// A custom id given twice links to the first.
		{"id twice", "## Intro {#intro}\n\n## Intro {#intro}\n\n[i](#intro) [p](#intro \"t\")\n", "## Intro\n\n## Intro\n\n[i](#intro) [p](#intro \"t\")\n"},
		{"link forms", "## Two words {#p}\n\n[a](#p \"t\") [b][r] <a href='#p'>c</a>\n\n[r]: #p\n", "## Two words\n\n[a](#two-words \"t\") [b][r] <a href='#two-words'>c</a>\n\n[r]: #two-words\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hugoPost(t, "", tc.in, shortcodes).Posts[0].Body; got != tc.want {
				t.Errorf("body:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
	// Emoji are written before the anchors are made of the headings.
	if got, want := hugoPost(t, "enableEmoji = true\n", "## Hello :smile: world {#hello}\n\n[h](#hello)\n", nil).Posts[0].Body,
		"## Hello 😄 world\n\n[h](#hello--world)\n"; got != want {
		t.Errorf("emoji in a heading: body %q, want %q", got, want)
	}
	// An include that says "paginator" in a text of its own runs.
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\n")},
		"_includes/label.html":   {Data: []byte(`{% assign label = "paginator off" %}<i>{{ label }}</i>`)},
		"_includes/tt.html":      {Data: []byte(`<code>{{ include.x }}</code>`)},
		"_includes/box.html":     {Data: []byte(`<div class="x"><code>__y__</code></div>`)},
		"_includes/w.html":       {Data: []byte("<script>\n// load the widget\nloadWidget();\n</script>")},
		"_includes/note.html":    {Data: []byte("<div class=\"note\">\n<p>{{ include.content }}</p>\n</div>")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nA {% include label.html %} and {% include tt.html x=\"__init__\" %}.\n\nA {% include box.html %} b.\n\n{% include box.html %} b.\n\nHere {% include w.html %} it is.\n\n1. Step\n   {% include note.html content=\"inside\" %}\n2. Next\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	// kramdown keeps the text of an include's <code> as it is, too.
	if got, want := plan.Posts[0].Body, "A <i>paginator off</i> and <code>\\_\\_init\\_\\_</code>.\n\nA <div class=\"x\"><code>\\_\\_y\\_\\_</code></div> b.\n\n<div class=\"x\"><code>__y__</code></div> b.\n\nHere <script>\n// load the widget\nloadWidget();\n</script> it is.\n\n1. Step\n   <div class=\"note\">\n   <p>inside</p>\n   </div>\n2. Next\n"; got != want {
		t.Errorf("include: body %q, want %q", got, want)
	}
}

// TestHugoAnchorsReviewed: a third review's cases of the links to heading
// ids. A footnote that begins with #id is text; an id another heading
// had first (its own, or one made of its text) is that heading's.
func TestHugoAnchorsReviewed(t *testing.T) {
	for in, want := range map[string]string{
		"## Head {#h}\n\n[a][r] and[^1].\n\n[r]: #h \"t\"\n[^1]: #h is the tag\n": "## Head\n\n[a][r] and[^1].\n\n[r]: #head \"t\"\n[^1]: #h is the tag\n",
		"## Intro\n\n## Other {#intro}\n\n[x](#intro)\n":                          "## Intro\n\n## Other\n\n[x](#intro)\n",
		"## P {#p}\n\n## Q {#p-2}\n\n[a](#p) [b](#p-2)\n":                         "## P\n\n## Q\n\n[a](#p) [b](#q)\n",
		"## Head {#h}\n\n- item\n\n    [r]: #h\n\n> [s]: #h\n":                    "## Head\n\n- item\n\n    [r]: #head\n\n> [s]: #head\n",
	} {
		if got := hugoPost(t, "", in, nil).Posts[0].Body; got != want {
			t.Errorf("%q: body %q, want %q", in, got, want)
		}
	}
}

// TestJekyllExcerptSeparator: a Jekyll site's excerpt_separator that is a
// comment (the site's, its defaults', or a post's own) ends the post's
// summary in netjournal as it ended its excerpt: the first outside code,
// on a line of its own, becomes <!--more-->. One within a paragraph or a
// list stays as written (the paragraph is not cut in two); Jekyll's
// default, a blank line, and a separator of text leave the body as it
// was.
func TestJekyllExcerptSeparator(t *testing.T) {
	for _, tc := range []struct{ config, front, body, want string }{
		{"excerpt_separator: <!--more-->\n", "", "Intro.<!--more-->Rest.\n", "Intro.<!--more-->Rest.\n"},
		{"excerpt_separator: <!--more-->\n", "", "Intro.\n\n<!--more-->\nRest.\n", "Intro.\n\n<!--more-->\nRest.\n"},
		{"defaults:\n  - scope: {path: \"\"}\n    values: {excerpt_separator: <!--x-->}\n", "", "Intro.\n\n<!--x-->\n\nRest.\n", "Intro.\n\n<!--more-->\n\nRest.\n"},
		{"excerpt_separator: \"<!-- excerpt -->\"\n", "", "`<!-- excerpt -->` first.\n\n<!-- excerpt -->\n\nRest.\n", "`<!-- excerpt -->` first.\n\n<!--more-->\n\nRest.\n"},
		{"", "excerpt_separator: <!--cut-->\n", "Intro.\n<!--cut-->\nRest.\n", "Intro.\n<!--more-->\nRest.\n"},
		{"excerpt_separator: <!--x-->\n", "", "| a <!--x--> | b |\n|---|---|\n\n<!--x-->\n", "| a <!--x--> | b |\n|---|---|\n\n<!--x-->\n"},
		{"excerpt_separator: <!--more-->\n", "excerpt_separator: \"\\n\\n\"\n", "Intro.\n\n<!--more-->\n", "Intro.\n\n<!--more-->\n"},
		{"excerpt_separator: \"---\"\n", "", "Intro.\n\n---\n\nRest.\n", "Intro.\n\n---\n\nRest.\n"},
		{"", "", "Intro.\n\n<!--cut-->\n\nRest.\n", "Intro.\n\n<!--cut-->\n\nRest.\n"},
		{"excerpt_separator: <!--x-->\n", "", "- item\n  <!--x-->\n\nRest.\n", "- item\n  <!--x-->\n\nRest.\n"},
		{"excerpt_separator: \"<!-- cut -->\"\n", "", "Intro.\n\n<!-- cut -->Rest with *emphasis*.\n", "Intro.\n\n<!--more-->\n\nRest with *emphasis*.\n"},
		{"excerpt_separator: <!--x-->\n", "", "| h | i |\n|---|---|\n| a | b <!--x-->\n| c | d |\n", "| h | i |\n|---|---|\n| a | b <!--x-->\n| c | d |\n"},
	} {
		plan, err := Jekyll(fstest.MapFS{
			"_config.yml":            {Data: []byte("url: https://k.test\n" + tc.config)},
			"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n" + tc.front + "---\n" + tc.body)},
		}, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Posts[0].Body; got != tc.want {
			t.Errorf("%q %q: body %q, want %q", tc.config, tc.front, got, tc.want)
		}
	}
}

// TestIndentedDivider: a divider indented one to three spaces begins an
// HTML block at the body's top level, as one at the line's start does,
// and is imported as that one is — Hugo's <!--more--> and a Jekyll
// excerpt_separator alike — for netjournal to divide the post there.
// Four spaces or a tab make it code, or a paragraph's text, and one
// indented into a list item is the item's: these stay as written.
func TestIndentedDivider(t *testing.T) {
	type importer struct {
		name string
		body func(t *testing.T, sep, body string) string
	}
	hugo := importer{"hugo", func(t *testing.T, _, body string) string { return hugoPost(t, "", body, nil).Posts[0].Body }}
	jekyll := importer{"jekyll", func(t *testing.T, sep, body string) string {
		plan, err := Jekyll(fstest.MapFS{
			"_config.yml":            {Data: []byte("url: https://k.test\nexcerpt_separator: \"" + sep + "\"\n")},
			"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\n" + body)},
		}, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		return plan.Posts[0].Body
	}}
	bodies := []string{
		"Intro.\n\nMore.\n\n%s\n\nRest.\n",              // between blank lines
		"Intro.\n\nMore.\n%s\nRest.\n",                  // interrupting a paragraph
		"Intro.\n\nMore.\n\n%s Rest with *emphasis*.\n", // text after it
		"Intro.\n\nMore.\n%s Rest.\n",                   // both
	}
	r := markdown.New()
	for _, sep := range []string{moreDivider, "<!--x-->", "<!-- cut -->"} {
		imps := []importer{jekyll}
		if sep == moreDivider {
			imps = append(imps, hugo)
		}
		for _, imp := range imps {
			for _, body := range bodies {
				want := imp.body(t, sep, fmt.Sprintf(body, sep))
				for _, indent := range []string{" ", "  ", "   "} {
					src := fmt.Sprintf(body, indent+sep)
					got := imp.body(t, sep, src)
					if got != want {
						t.Errorf("%s, %q: body %q, want %q (as unindented)", imp.name, src, got, want)
					}
					if res := r.Render(markdown.Text(got), markdown.Options{}); !res.Divided || res.Summary != "Intro.\n\nMore." {
						t.Errorf("%s, %q: summary %q, divided %v; want the text before the divider", imp.name, src, res.Summary, res.Divided)
					}
				}
				for _, indent := range []string{"    ", "\t", " \t", "   \t"} {
					src := fmt.Sprintf(body, indent+sep)
					if got := imp.body(t, sep, src); got != src {
						t.Errorf("%s, %q: body %q, want it as written", imp.name, src, got)
					}
				}
			}
			for _, src := range []string{"- One.\n\n  " + sep + "\n\nRest.\n", "- One.\n\n   " + sep + " two.\n\nRest.\n", "1. One.\n   " + sep + "\nRest.\n"} {
				if got := imp.body(t, sep, src); got != src {
					t.Errorf("%s, %q: body %q, want it as written (the list item's)", imp.name, src, got)
				}
			}
		}
	}
}

// TestSiteWideTOC: a theme that showed every page's table of contents
// (PaperMod's params.ShowToc, LoveIt's params.page.toc.enable, Stack's
// params.article.toc, Jekyll's defaults) gives each imported post toc:
// true, unless the post says otherwise; a site-wide false, or none,
// leaves the posts as they say. Chirpy's toc in _config.yml is a switch
// with the posts' own: on, they say; off, none showed one.
func TestSiteWideTOC(t *testing.T) {
	toc := func(p *Post) string {
		if p.TOC == nil {
			return "unset"
		}
		return fmt.Sprint(*p.TOC)
	}
	for _, tc := range []struct{ cfg, front, want string }{
		{"[params]\nShowToc = true\n", "", "true"},
		{"[params]\nShowToc = true\n", "ShowToc: false\n", "false"},
		{"[params.page.toc]\nenable = true\nauto = false\n", "", "true"},
		{"[params]\ntoc = false\n", "", "unset"},
		{"[params]\ntoc = false\n[params.page.toc]\nenable = true\n", "", "true"},
		{"[params.article]\ntoc = true\n", "", "true"},
		{"", "toc: true\n", "true"},
		{"", "", "unset"},
	} {
		fsys := fstest.MapFS{
			"config.toml":        {Data: []byte("baseURL = \"https://h.example.net/\"\n" + tc.cfg)},
			"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n" + tc.front + "---\nBody.\n")},
		}
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := toc(plan.Posts[0]); got != tc.want {
			t.Errorf("Hugo %q %q: toc %s, want %s", tc.cfg, tc.front, got, tc.want)
		}
	}
	for _, tc := range []struct{ cfg, front, want string }{
		{"defaults:\n  - scope: {path: \"\", type: posts}\n    values: {toc: true}\n", "", "true"},
		{"defaults:\n  - scope: {path: \"\", type: posts}\n    values: {toc: true}\n", "toc: false\n", "false"},
		{"defaults:\n  - scope: {path: \"\", type: pages}\n    values: {toc: true}\n", "", "unset"},
		{"toc: true\n", "", "unset"},
		{"toc: true\ndefaults:\n  - scope: {path: \"\", type: posts}\n    values: {toc: true}\n", "", "true"},
		{"toc: false\ndefaults:\n  - scope: {path: \"\", type: posts}\n    values: {toc: true}\n", "toc: true\n", "false"},
	} {
		plan, err := Jekyll(fstest.MapFS{
			"_config.yml":            {Data: []byte("url: https://k.test\n" + tc.cfg)},
			"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n" + tc.front + "---\nBody.\n")},
		}, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		if got := toc(plan.Posts[0]); got != tc.want {
			t.Errorf("Jekyll %q %q: toc %s, want %s", tc.cfg, tc.front, got, tc.want)
		}
	}
}

// TestJekyllExcerptSeparatorKey: the excerpt_separator key, which the body
// carries as <!--more--> once imported, is not written into the post's
// front matter as a comment, from its defaults nor its own.
func TestJekyllExcerptSeparatorKey(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\ndefaults:\n  - scope: {path: \"\"}\n    values: {excerpt_separator: <!--x-->}\n")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nIntro.\n\n<!--x-->\n\nRest.\n")},
		"_posts/2021-01-02-b.md": {Data: []byte("---\ntitle: B\nexcerpt_separator: <!--y-->\n---\nIntro.\n\n<!--y-->\n\nRest.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if !strings.Contains(p.Body, "\n<!--more-->\n") {
			t.Errorf("%s: body %q", p.Source, p.Body)
		}
		if fm := string(p.File()); strings.Contains(fm, "excerpt_separator") || strings.Contains(strings.Join(p.Notes, " "), "excerpt_separator") {
			t.Errorf("%s: the key kept:\n%s\n%v", p.Source, fm, p.Notes)
		}
	}
}

// TestHugoURLCleanSlug: a post whose file is named with its date
// (2020-01-02-foo.md) and whose url is the name without it (/foo/, or
// /2020/foo.html) is imported as foo, its address's name, not as
// 2020-01-02-foo; another url leaves the file's name.
func TestHugoURLCleanSlug(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":                       {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/2020-01-02-foo.md":   {Data: []byte("---\ntitle: Foo\ndate: 2020-01-02\nurl: /foo/\n---\nF\n")},
		"content/posts/2020-01-03-bar.md":   {Data: []byte("---\ntitle: Bar\ndate: 2020-01-03\nurl: /2020/bar.html\n---\nB\n")},
		"content/posts/2020-01-04-baz.md":   {Data: []byte("---\ntitle: Baz\ndate: 2020-01-04\nurl: /other/\n---\nZ\n")},
		"content/posts/2020-01-05-qux.md":   {Data: []byte("---\ntitle: Qux\ndate: 2020-01-05\n---\nQ\n")},
		"content/posts/2020-01-06-given.md": {Data: []byte("---\ntitle: Given\ndate: 2020-01-06\nslug: mine\nurl: /given/\n---\nG\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range plan.Posts {
		got = append(got, p.Slug+" "+strings.Join(p.Aliases, ","))
	}
	slices.Sort(got)
	want := "2020-01-04-baz /other/ | 2020-01-05-qux  | bar /2020/bar.html | foo /foo/ | mine /given/"
	if strings.Join(got, " | ") != want {
		t.Errorf("slugs and aliases:\n%s\nwant\n%s", strings.Join(got, " | "), want)
	}
}

// TestRelinkPercentEncoded: a link that writes an old address or a file
// with percent escapes (/%E6%B5%85%E8%B0%88/, as a browser copies it;
// ../images/a%20b.png) leads where it led too, as the same link written
// with the characters does, its fragment kept.
func TestRelinkPercentEncoded(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":              {Data: []byte("permalink: /:title/\n")},
		"_posts/2020-01-01-cat.md": {Data: []byte("---\ntitle: Cat\n---\n[encoded](/%E6%B5%85%E8%B0%88/#%E4%B8%A5) [written](/浅谈/) [slashless](/%E6%B5%85%E8%B0%88)\n\n![img](../images/a%20b.png) ![img](../images/a b.png)\n")},
		"_posts/2020-01-02-浅谈.md":  {Data: []byte("---\ntitle: Qian tan\n---\nText.\n")},
		"images/a b.png":           {Data: []byte("png")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var body, slug string
	for _, p := range plan.Posts {
		switch p.Slug {
		case "cat":
			body = strings.TrimSpace(p.Body)
		default:
			slug = p.Slug
		}
	}
	want := "[encoded](/posts/" + slug + "/#%E4%B8%A5) [written](/posts/" + slug + "/) [slashless](/posts/" + slug + "/)\n\n![img](/images/a%20b.png) ![img](</images/a b.png>)"
	if body != want {
		t.Errorf("body:\n%s\nwant:\n%s", body, want)
	}
}

// TestRelinkCategoryPages: a link to the old site's page of a category
// or a tag of the posts (Hugo's /categories/oo-design/), which the import
// makes tags, leads to the tag's page; one to a category no post has
// stays as written.
func TestRelinkCategoryPages(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://blog.example/'\n")},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\ncategories: [OO-Design]\ntags: [Go Lang, C++, C, 日本語, ..]\n---\n[OO](/categories/oo-design/), [again](https://blog.example/categories/oo-design), [go](/tags/go-lang/), [none](/categories/other/), [c](/tags/c/), [cpp](/tags/c-plus-plus/), [jp](https://blog.example/tags/日本語/), [home](https://blog.example/).\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 {
		t.Fatalf("%d posts", len(plan.Posts))
	}
	want := "[OO](/tags/oo-design/), [again](/tags/oo-design/), [go](/tags/go-lang/), [none](/categories/other/), [c](/tags/c/), [cpp](/tags/c-plus-plus/), [jp](/tags/日本語/), [home](https://blog.example/)."
	if got := strings.TrimSpace(plan.Posts[0].Body); got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
}

// TestAdmonition: LoveIt's, FixIt's and DoIt's admonition is a quote
// whose first line is its title, bold (its type's name when it has
// none), its content the quote's, named or positional arguments alike.
func TestAdmonition(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://blog.example/'\n")},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n{{< admonition note \"Once upon a time in Netflix land\" >}}\nIn past, *it* was.\n\nTwo paragraphs.\n{{< /admonition >}}\n\n{{< admonition type=tip title=\"A tip\" open=false >}}Inline.{{< /admonition >}}\n\n{{< admonition warning >}}\nCareful.\n{{< /admonition >}}\n\n{{< admonition 注意 \" \" >}}\nX.\n{{< /admonition >}}\n\n{{< admonition tip \"Use *args and **kw\" >}}\nY.\n{{< /admonition >}}\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	want := "> **Once upon a time in Netflix land**\n>\n> In past, *it* was.\n>\n> Two paragraphs.\n\n> **A tip**\n>\n> Inline.\n\n> **Warning**\n>\n> Careful.\n\n> **注意**\n>\n> X.\n\n> **Use \\*args and \\*\\*kw**\n>\n> Y."
	if got := strings.TrimSpace(plan.Posts[0].Body); got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "admonition") {
			t.Errorf("warning: %v", w)
		}
	}
}

// TestHighlightLinesSaid: a highlight shortcode's highlighted lines,
// which netjournal's code blocks do not show, are said, not dropped in
// silence; its code is kept.
func TestHighlightLinesSaid(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://blog.example/'\n")},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n{{< highlight coq \"hl_lines=5 6 8 9\" >}}\nTheorem x.\n{{< /highlight >}}\n\n{{< highlight go \"linenos=table\" >}}\nx := 1\n{{< /highlight >}}\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "hl_lines") {
			said = append(said, w.Error())
		}
	}
	if len(said) != 1 || !strings.Contains(said[0], ":5:") {
		t.Errorf("warnings of hl_lines: %q, want one, at line 5", said)
	}
	if body := plan.Posts[0].Body; !strings.Contains(body, "```coq\nTheorem x.\n```") {
		t.Errorf("body:\n%s", body)
	}
}

// TestHugoSingleDollarMath: a site whose theme sets $…$ as math (Even's
// mathjaxEnableSingleDollar, LoveIt's math, Hugo's passthrough with a $
// delimiter) has its inline math written $$…$$, netjournal's inline
// math, its Markdown escapes undone as for $$ math: it stayed text, $n\le
// 20$ shown as typed, without a word. Not in code, not an escaped \$, not
// a price ($5 and $10: math that begins with a digit and ends with a
// space; a $ that opens has no space after it; but $\to $ is math, as
// MathJax pairs the $), not across a paragraph, and $$ math is left as
// it is. A site that does not set it keeps every $ as written.
func TestHugoSingleDollarMath(t *testing.T) {
	tick := "`"
	body := `Then $n\le20$ and $a\_i + b$, but ` + tick + `$x$` + tick + ` and \$y\$ and $$z_1$$ stay.` + "\n\n" +
		"It costs $5 and $10, or $ 3 $.\n\nA $dangling\n\nparagraph$ stays.\n\n```\n$code$\n```\n\n$$\n\\sum_i x_i\n$$\n\nAcross\na line $f(x) =\ny$ is one, $\\to $ too.\n"
	const converted = `Then $$n\le20$$ and $$a_i + b$$, but ` + "`$x$`" + ` and \$y\$ and $$z_1$$ stay.` + "\n\n" +
		"It costs $5 and $10, or $ 3 $.\n\nA $dangling\n\nparagraph$ stays.\n\n```\n$code$\n```\n\n$$\n\\sum_i x_i\n$$\n\nAcross\na line $$f(x) =\ny$$ is one, $$\\to $$ too."
	for _, tc := range []struct{ name, config, want string }{
		{"no math", "", strings.TrimSpace(body)},
		{"Even", "theme = 'even'\n[params]\nmathjax = true\nmathjaxEnableSingleDollar = true\n", converted},
		{"Even without single $", "theme = 'even'\n[params]\nmathjax = true\nmathjaxEnableSingleDollar = false\n", strings.TrimSpace(body)},
		{"LoveIt", "theme = 'LoveIt'\n[params.page.math]\nenable = true\ninlineLeftDelimiter = ''\n", converted},
		{"LoveIt, other delimiters", "theme = 'LoveIt'\n[params.page.math]\nenable = true\ninlineLeftDelimiter = '@@'\ninlineRightDelimiter = '@@'\n", strings.TrimSpace(body)},
		{"passthrough", "[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\nblock = [['$$', '$$']]\ninline = [['$', '$']]\n",
			// Hugo's passthrough pairs the $ of prices too: its pages
			// showed them as math.
			strings.Replace(strings.Replace(converted, `$$a_i + b$$`, `$$a\_i + b$$`, 1), "It costs $5 and $10, or $ 3 $.", "It costs $$5 and $$10, or $$ 3 $$.", 1)},
	} {
		fsys := fstest.MapFS{
			"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n" + tc.config)},
			"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + body)},
		}
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(plan.Posts[0].Body); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.name, got, tc.want)
		}
	}
	// What Hugo's passthrough read raw has no emphasis: a * in it stays
	// (a review found $x^*$ left as text, cut by the emphasis it is not).
	fsys := fstest.MapFS{
		"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\nblock = [['$$', '$$']]\ninline = [['$', '$']]\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nStars $x^*$ and $y^*$, $a*b$ and $c*d$, `$e$`.\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(plan.Posts[0].Body), "Stars $$x^*$$ and $$y^*$$, $$a*b$$ and $$c*d$$, `$e$`."; got != want {
		t.Errorf("passthrough, a * in math:\ngot  %s\nwant %s", got, want)
	}
}

// TestShortcodeBlocksInPlace: a shortcode made a block of Markdown (an
// admonition's quote, a highlight's code, a figure, display math) stays
// in the list item or the quote it is written in, indented as the item's
// text (a tab after the marker too), and text after it on its line, or
// on the next line, is a paragraph of its own: at column 0 the block
// split the list in two, and the text after it was pulled into the quote
// (a paragraph's lazy continuation). In a quote its lines and the blank
// ones around it keep the quote's marks; a tight list stays tight; the
// shortcode's text loses the indentation its lines share (Hugo's
// highlight deindents too).
func TestShortcodeBlocksInPlace(t *testing.T) {
	r := markdown.New()
	for _, tc := range []struct{ name, body string }{
		{"admonition", "{{< admonition tip \"Careful\" >}}\nDo *not*.\n{{< /admonition >}}"},
		{"highlight", "{{< highlight go >}}\nx := 1\n{{< /highlight >}}"},
		{"figure", "{{< figure src=\"/a.png\" caption=\"A\" >}}"},
		{"math", "{{< katex display >}}\nx^2\n{{< /katex >}}"},
	} {
		for _, layout := range []struct{ name, src, cont string }{
			{"in a list item", "- One:\n\n  %s\n\n- Two\n\nAfter.", "  "},
			{"after a list marker", "1. %s\n2. Two\n\nAfter.", "   "},
			{"after a list marker and a tab", "-\t%s\n-\tTwo\n\nAfter.", "\t"},
			{"in a tight list", "- One\n- %s\n- Two\n\nAfter.", "  "},
			{"mid-line, text after", "Before: %s and after.\n\nAfter.", ""},
			{"a line of text next", "%s\nAnd after.\n\nAfter.", ""},
			{"in a quote", "> Before: %s and after.\n> More.\n\nAfter.", "> "},
		} {
			src := fmt.Sprintf(layout.src, strings.ReplaceAll(tc.body, "\n", "\n"+layout.cont))
			plan, err := Hugo(fstest.MapFS{
				"config.toml":       {Data: []byte("baseURL = 'https://blog.example/'\n")},
				"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + src + "\n")},
			}, Options{Root: "h"})
			if err != nil {
				t.Fatal(err)
			}
			body := plan.Posts[0].Body
			html := r.Render(markdown.Text(body), markdown.Options{Parts: markdown.PartHTML}).HTML
			what := fmt.Sprintf("%s %s: %q\n%s", tc.name, layout.name, body, html)
			if strings.Contains(layout.src, "Two") {
				if n := strings.Count(html, "<li"); n != 2+strings.Count(layout.name, "tight") {
					t.Errorf("%s: %d list items", what, n)
				}
				if n := strings.Count(html, "<ul") + strings.Count(html, "<ol"); n != 1 {
					t.Errorf("%s: %d lists", what, n)
				}
				before, _, _ := strings.Cut(html, "Two")
				if !strings.Contains(before, "<li") || !containsBlock(before, tc.name) {
					t.Errorf("%s: the block is not in its item", what)
				}
			}
			// (A figure has blank lines of its own, around its Markdown.)
			if strings.Contains(layout.name, "tight") && tc.name != "figure" && (strings.Contains(html, "<p>One") || strings.Contains(html, "<p>Two")) {
				t.Errorf("%s: the tight list is loose", what)
			}
			if strings.Contains(layout.name, "quote") {
				if n := strings.Count(html, "<blockquote>"); n != 1+strings.Count(tc.name, "admonition") {
					t.Errorf("%s: %d quotes", what, n)
				}
				if !strings.Contains(html, "<p>More.</p>") && !strings.Contains(html, "and after.\nMore.</p>") {
					t.Errorf("%s: the quote's own text is not its", what)
				}
			}
			for _, text := range []string{"and after.", "And after."} {
				if strings.Contains(body, text) && !strings.Contains(html, "<p>"+text) {
					t.Errorf("%s: %q is not a paragraph of its own", what, text)
				}
			}
			if !strings.Contains(html, "<p>After.</p>") {
				t.Errorf("%s: the text after is not a paragraph", what)
			}
			if tc.name == "highlight" && !strings.Contains(html, `<span class="cl"><span class="nx">x</span>`) {
				t.Errorf("%s: the code is not as Hugo showed it, its item's indentation before it", what)
			}
		}
	}
}

// containsBlock reports whether html holds what the shortcode named
// becomes.
func containsBlock(html, name string) bool {
	switch name {
	case "admonition":
		return strings.Contains(html, "<blockquote>") && strings.Contains(html, "<em>not</em>")
	case "highlight":
		return strings.Contains(html, "<pre")
	case "figure":
		return strings.Contains(html, "<figure")
	}
	return strings.Contains(html, `class="math"`)
}

// TestHugoRelativeLinksAsTheySolved: a relative link leads where it led on
// the old site: from the page's address, but from the site's own address
// when its theme set <base href> to it (images/x.png at /images/x.png, a
// real blog's 124 images); and one that led nowhere there but names, from
// the post's file, a file the import copies (../../static/images/x.png, as
// an editor or a site's image hook reads it) leads to that file.
func TestHugoRelativeLinksAsTheySolved(t *testing.T) {
	post := "---\ntitle: A\ndate: 2016-01-03\n---\n![a](images/x.png) ![b](../../static/images/x.png) ![c](other.png)\n"
	for _, tc := range []struct{ name, head, want string }{
		// other.png led to /other.png, nothing there: still, where it led.
		{"base href", `<head><base href="{{ .Site.BaseURL }}/"></head>`, "![a](/images/x.png) ![b](/images/x.png) ![c](/other.png)"},
		{"base href in single quotes", `<head><base href='{{ .Site.BaseURL }}'></head>`, "![a](/images/x.png) ![b](/images/x.png) ![c](/other.png)"},
		{"no base", `<head><title>{{ .Title }}</title></head>`, "![a](images/x.png) ![b](/images/x.png) ![c](other.png)"},
		{"a base in a comment", `<head>{{/* <base href="{{ .Site.BaseURL }}"> */}}<!-- <base href="/"> --></head>`, "![a](images/x.png) ![b](/images/x.png) ![c](other.png)"},
		{"the page's own base", `<head><base href="{{ .Permalink }}"></head>`, "![a](images/x.png) ![b](/images/x.png) ![c](other.png)"},
	} {
		fsys := fstest.MapFS{
			"config.toml":                         {Data: []byte("baseURL = 'https://b.example.com/'\ntheme = 't'\n")},
			"themes/t/layouts/partials/head.html": {Data: []byte(tc.head)},
			"static/images/x.png":                 {Data: []byte("x")},
			"content/post/a.md":                   {Data: []byte(post)},
		}
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(plan.Posts[0].Body); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// TestJekyllLinkWithItsSlash: a post at /archive/b (permalink
// /archive/:title) is linked /archive/b/ too, which an older Jekyll wrote
// and servers answer: both are the post's new address.
func TestJekyllLinkWithItsSlash(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":            {Data: []byte("url: http://x.example\npermalink: /archive/:title\n")},
		"_posts/2012-10-26-a.md": {Data: []byte("---\ntitle: A\n---\nSee [b](/archive/b/) and [b2](/archive/b).\n")},
		"_posts/2012-10-27-b.md": {Data: []byte("---\ntitle: B\n---\nB.\n")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if body := plan.Posts[0].Body; !strings.Contains(body, "[b](/posts/b/)") || !strings.Contains(body, "[b2](/posts/b/)") {
		t.Errorf("body: %s", body)
	}
}

// TestHugoStaticUnderscore: Hugo published its static folder whole, a
// host's _redirects and a demo's _helpers.js too, and so does netjournal:
// they are copied (the import dropped them, and every link to them was
// broken); a dot file is not.
func TestHugoStaticUnderscore(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":             {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md":      {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nA.\n")},
		"static/_redirects":       {Data: []byte("/old /new 301\n")},
		"static/demo/_helpers.js": {Data: []byte("x")},
		"static/.DS_Store":        {Data: []byte("x")},
		"static/demo/_lib/a.js":   {Data: []byte("x")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range plan.Files {
		got = append(got, f.Path)
	}
	slices.Sort(got)
	if want := "static/_redirects static/demo/_helpers.js static/demo/_lib/a.js"; strings.Join(got, " ") != want {
		t.Errorf("files %q, want %q", strings.Join(got, " "), want)
	}
}

// TestHugoKeptOut: what the site's ignoreFiles or a content mount's
// excludeFiles keeps from Hugo is neither a page nor a file of the import
// (a page of it came in public: a draft's notes published).
func TestHugoKeptOut(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml": {Data: []byte("baseURL = 'https://h.example.net/'\nignoreFiles = ['\\.Rmd$', 'private/']\n" +
			"[[module.mounts]]\nsource = 'content'\ntarget = 'content'\nexcludeFiles = ['notes/**']\n")},
		"content/posts/a.md":               {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nA.\n")},
		"content/posts/salary.Rmd":         {Data: []byte("---\ntitle: S\n---\nsecret\n")},
		"content/posts/private/musings.md": {Data: []byte("---\ntitle: M\ndate: 2020-01-01\n---\nsecret\n")},
		"content/notes/todo.md":            {Data: []byte("---\ntitle: T\ndate: 2020-01-01\n---\nsecret\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || plan.Posts[0].Slug != "a" || len(plan.Files) != 0 {
		t.Errorf("posts %d, files %v", len(plan.Posts), plan.Files)
	}
	for _, want := range []string{"h/content/posts/salary.Rmd: the site's ignoreFiles", "h/content/posts/private/musings.md: the site's ignoreFiles", "h/content/notes: a mount's excludeFiles"} {
		if !strings.Contains(skips(plan), want) {
			t.Errorf("no %q in\n%s", want, skips(plan))
		}
	}
}

// TestHugoFromSourceOnlyWhereNothingIs: a relative link that works from
// the post's page keeps leading there, though the post's file names
// another file by it (the review's images/chart.png, the post's own
// static image, not a loose one of its section); one that led nowhere
// from the page names the file the post's file does, however the folder
// imported was typed (hugo/, ../hugo).
func TestHugoFromSourceOnlyWhereNothingIs(t *testing.T) {
	fsys := fstest.MapFS{
		"hugo/config.toml":                     {Data: []byte("baseURL = 'https://b.example.com/'\n")},
		"hugo/static/posts/a/images/chart.png": {Data: []byte("A")},
		"hugo/static/img/x.png":                {Data: []byte("x")},
		"hugo/content/posts/a.md":              {Data: []byte("---\ntitle: A\ndate: 2016-01-03\n---\n![c](images/chart.png) ![x](../../static/img/x.png)\n")},
	}
	for _, root := range []string{"hugo", "hugo/", "./hugo", "x/../hugo"} {
		sub, err := fs.Sub(fsys, "hugo")
		if err != nil {
			t.Fatal(err)
		}
		plan, err := Hugo(sub, Options{Root: root})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.TrimSpace(plan.Posts[0].Body), "![c](images/chart.png) ![x](/img/x.png)"; got != want {
			t.Errorf("root %q:\ngot  %s\nwant %s", root, got, want)
		}
	}
}

// TestHugoBaseHrefBundlesAndSitePartials: under a theme's <base href> of
// the site's address, a bundle's own files stay beside the post, and its
// other relative links, to a post that keeps its address too, lead where
// they led; a theme's partial that the site's own replaces writes no base.
func TestHugoBaseHrefBundlesAndSitePartials(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":                         {Data: []byte("baseURL = 'https://b.example.com/'\ntheme = 't'\n")},
		"themes/t/layouts/partials/head.html": {Data: []byte(`<head><base href="{{ .Site.BaseURL }}"></head>`)},
		"static/images/x.png":                 {Data: []byte("x")},
		"content/posts/a/index.md":            {Data: []byte("---\ntitle: A\ndate: 2016-01-03\n---\n![own](pic.png) ![site](images/x.png) [b](posts/b/)\n")},
		"content/posts/a/pic.png":             {Data: []byte("p")},
		"content/posts/b.md":                  {Data: []byte("---\ntitle: B\ndate: 2016-01-04\n---\nB.\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	var a string
	for _, p := range plan.Posts {
		if p.Slug == "a" {
			a = strings.TrimSpace(p.Body)
		}
	}
	if want := "![own](/posts/a/pic.png) ![site](/images/x.png) [b](/posts/b/)"; a != want {
		t.Errorf("got  %s\nwant %s", a, want)
	}
	fsys["layouts/partials/head.html"] = &fstest.MapFile{Data: []byte(`<head><title>{{ .Title }}</title></head>`)}
	if got := hugoBaseHref(fsys, config{"theme": "t"}); got != "" {
		t.Errorf("the site's own head.html replaces the theme's: base %q", got)
	}
}

// TestHugoKeptOutAsHugoGlobs: a mount's globs match as Hugo's do: in
// lower case, {a,b} either, includeFiles too, its source however written;
// and a <base href> in one kind of page's template is not every page's.
func TestHugoKeptOutAsHugoGlobs(t *testing.T) {
	page := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2020-01-01\n---\nsecret\n")}
	}
	for _, tc := range []struct{ name, mount string }{
		{"case", "excludeFiles = ['drafts/**', '{notes,journal}/**']"},
		{"include", "includeFiles = ['posts/**']"},
	} {
		fsys := fstest.MapFS{
			"config.toml":                {Data: []byte("baseURL = 'https://h.example.net/'\n[[module.mounts]]\nsource = './content'\ntarget = 'content'\n" + tc.mount + "\n")},
			"content/posts/a.md":         page("A"),
			"content/Drafts/s.md":        page("S"),
			"content/notes/n.md":         page("N"),
			"content/journal/j.md":       page("J"),
			"layouts/slides/single.html": {Data: []byte(`<base href="{{ .Site.BaseURL }}">`)},
		}
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Posts) != 1 || len(plan.Pages) != 0 {
			t.Errorf("%s: %d posts, %d pages; skipped:\n%s", tc.name, len(plan.Posts), len(plan.Pages), skips(plan))
		}
		if plan.baseHref != "" {
			t.Errorf("%s: a base of the slides' template taken for every page's", tc.name)
		}
	}
}

// TestJekyllExcludeAsText: _config.yml's exclude written as names between
// commas (exclude: config.ru, secret.txt) is the list Jekyll splits it
// into: what it names is not copied (it was, and published).
func TestJekyllExcludeAsText(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":             {Data: []byte("title: T\nexclude: config.ru, secret.txt\n")},
		"secret.txt":              {Data: []byte("token=abc")},
		"config.ru":               {Data: []byte("run")},
		"kept.txt":                {Data: []byte("kept")},
		"_posts/2020-01-01-hi.md": {Data: []byte("---\ntitle: Hi\n---\nHello\n")},
	}
	plan, err := Jekyll(fsys, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range plan.Files {
		files = append(files, f.Path)
	}
	if strings.Join(files, " ") != "static/kept.txt" {
		t.Errorf("files %q", files)
	}
}

// TestHugoPublishedFalse: Hugo's published: false (its undocumented
// opposite of draft) keeps a page from the public: it comes as a draft,
// said, not published (it was, with a warning that false is no date); a
// section's _index with it holds its pages too. published: a date is a
// date.
func TestHugoPublishedFalse(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":             {Data: []byte("baseURL = 'https://x.org/'\n")},
		"content/posts/c.md":      {Data: []byte("---\ntitle: Hidden\ndate: 2015-12-02\npublished: false\n---\nSecret\n")},
		"content/posts/d.md":      {Data: []byte("---\ntitle: Dated\npublished: 2015-12-03\n---\nText\n")},
		"content/posts/e.md":      {Data: []byte("---\ntitle: Shown\ndate: 2015-12-04\npublished: true\n---\nText\n")},
		"content/notes/_index.md": {Data: []byte("---\npublished: \"false\"\n---\n")},
		"content/notes/n.md":      {Data: []byte("---\ntitle: Note\ndate: 2015-12-05\n---\nSecret\n")},
		// Both keys: Hugo goes by draft (a review's).
		"content/posts/f.md":     {Data: []byte("---\ntitle: Both\ndate: 2015-12-06\ndraft: false\npublished: false\n---\nText\n")},
		"content/open/_index.md": {Data: []byte("---\ndraft: false\npublished: false\n---\n")},
		"content/open/o.md":      {Data: []byte("---\ntitle: Open\ndate: 2015-12-07\n---\nText\n")},
		"content/posts/g.md":     {Data: []byte("---\ntitle: Zero\ndate: 2015-12-08\npublished: 0\n---\nSecret\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range plan.Posts {
		got[p.Title] = p.Draft
		if p.Title == "Dated" && !strings.HasPrefix(p.Date.String(), "2015-12-03") {
			t.Errorf("Dated: date %v", p.Date)
		}
	}
	for _, p := range plan.Pages {
		got[p.Title] = p.Draft
	}
	if !got["Hidden"] || got["Dated"] || got["Shown"] || !got["Note"] || got["Both"] || got["Open"] || !got["Zero"] {
		t.Errorf("drafts %v", got)
	}
	if w := messages(plan.Warnings); strings.Contains(w, "published") {
		t.Errorf("warnings:\n%s", w)
	}
}

// TestHugoTextAfterShortcodeIndented: text that goes on from a block
// shortcode's closing line, indented four spaces or more, was the same
// paragraph's for Hugo; the import, which writes the shortcode as a block
// with a blank line after it, made it a code block. In a list item it is
// the item's text; in code it stays as written.
func TestHugoTextAfterShortcodeIndented(t *testing.T) {
	post := "---\ntitle: A\ndate: 2020-01-02\n---\nIntro.\n\n" +
		"{{< admonition note >}}\nInside.\n{{< /admonition >}}\n    Indented text after.\n\tAnd a tab.\n\n" +
		"1. Item\n   {{< admonition >}}\n   In.\n   {{< /admonition >}}\n          Item's text.\n\n" +
		"```\n{{</* x */>}}\n    code stays\n```\n\n" +
		"{{< highlight go >}}\nfunc main() {\n\tfmt.Println(1)\n}\n{{< /highlight >}}\n"
	plan, err := Hugo(fstest.MapFS{
		"config.toml":        {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/a.md": {Data: []byte(post)},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	body := plan.Posts[0].Body
	out := markdown.New().Render(markdown.Text(body), markdown.Options{}).HTML
	for _, want := range []string{"<p>Indented text after.\nAnd a tab.</p>", "Item&rsquo;s text.", "    code stays"} {
		if !strings.Contains(out, want) {
			t.Errorf("body %q renders\n%s\nwithout %q", body, out, want)
		}
	}
	// What an opening shortcode holds is its own: the code keeps its tab.
	if !strings.Contains(body, "func main() {\n\tfmt.Println(1)\n}") {
		t.Errorf("body %q: the highlighted code changed", body)
	}
	if strings.Contains(out, "<code>Indented") || strings.Contains(out, "<code>Item") {
		t.Errorf("text became code: %s", out)
	}
}

// TestJekyllLinksToMarkdownFiles: a link to a post's or a page's file
// (other.md, ../_posts/…md), which GitHub Pages made a link to its page
// (jekyll-relative-links), leads to the imported page: it was a broken
// link (a real blog's pages linked each other so).
func TestJekyllLinksToMarkdownFiles(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.net\npermalink: pretty\n")},
		"_posts/2020-01-02-first.md": {Data: []byte("---\ntitle: First\n---\nSee [the answer](../istoria/answer.md#why).\n")},
		"istoria/index.md":           {Data: []byte("---\ntitle: Istoria\n---\n[Answer](answer.md), [first](../_posts/2020-01-02-first.md), [none](none.md).\n")},
		"istoria/answer.md":          {Data: []byte("---\ntitle: Answer\n---\n[Back](index.md)\n")},
	}, Options{Root: "old", NewBase: "https://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, p := range plan.Posts {
		bodies[p.Slug] = p.Body
	}
	for _, p := range plan.Pages {
		bodies[p.SitePath] = p.Body
	}
	for where, want := range map[string]string{
		"first":           "[the answer](/istoria/answer/#why)",
		"istoria/":        "[Answer](/istoria/answer/), [first](/posts/first/), [none](none.md)",
		"istoria/answer/": "[Back](/istoria/)",
	} {
		if !strings.Contains(bodies[where], want) {
			t.Errorf("%s: body %q, without %q", where, bodies[where], want)
		}
	}
}

// TestHugoSectionNoteCommand: the note on a section of pages gives the
// command that makes them posts as well: every section of posts named
// (--section names them all), a name a shell would split quoted.
func TestHugoSectionNoteCommand(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":                    {Data: []byte("baseURL = 'https://h.example.net/'\nmainSections = ['blog', \"field notes\"]\n")},
		"content/blog/a.md":              {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nA\n")},
		"content/field notes/b.md":       {Data: []byte("---\ntitle: B\ndate: 2020-01-02\n---\nB\n")},
		"content/bob's talks/c/index.md": {Data: []byte("---\ntitle: C\ndate: 2020-01-03\n---\nC\n")},
		"content/bob's talks/d/index.md": {Data: []byte("---\ntitle: D\ndate: 2020-01-04\n---\nD\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	want := `section "bob's talks" is not a section of posts: its 2 pages are imported as pages (to make them posts as well, import with --section blog --section 'field notes' --section 'bob'\''s talks')`
	if !slices.Contains(plan.Notes, want) {
		t.Errorf("notes:\n%s\nwant %s", strings.Join(plan.Notes, "\n"), want)
	}
}

// TestJekyllKramdownTableWithoutHeader: kramdown makes a table of rows
// with no header separator under the first (a table of body rows alone,
// images side by side); CommonMark's tables need a header and its
// delimiter, and showed the rows as a paragraph of pipes. The table gets
// an empty header as wide as its widest row, so that no cell is lost;
// the separators kramdown draws around it go as before; a warning after
// it still names its line of the file.
func TestJekyllKramdownTableWithoutHeader(t *testing.T) {
	body := "Intro.\n\n|---+---|\n| ![a](a.png) | *b* |\n| c | d | e |\n|---+---|\n\n{% bogus %}\n\n| a one-cell row |\n\n| not a row\n"
	plan := jekyllPost(t, body)
	got := plan.Posts[0].Body
	html := markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML
	for _, want := range []string{"<td><img src=\"a.png\" alt=\"a\"></td>", "<td><em>b</em></td>", "<td>e</td>", "<td>a one-cell row</td>", "<p>| not a row</p>"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("no %s in\n%s\nof\n%s", want, html, got)
		}
	}
	if strings.Contains(string(html), "|---") || strings.Count(string(html), "<table>") != 2 {
		t.Errorf("tables:\n%s", html)
	}
	var lines []string
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "bogus") {
			lines = append(lines, w.Error())
		}
	}
	if want := "j/_posts/2021-01-01-a.md:11: Liquid tag {% bogus %} is not converted: left out"; len(lines) != 1 || lines[0] != want {
		t.Errorf("warnings %q, want %q", lines, want)
	}
}

// TestHugoDisplayMathOnItsLines: $$ math on lines of its own within a
// paragraph (a writer's equation between two lines of text) is display
// math to the MathJax or KaTeX of a Hugo site, which find $$ in the page's
// text wherever it is; netjournal, as kramdown, makes display math of a
// paragraph that is math alone, and read it as inline math in the
// sentence. It becomes a paragraph of its own; math within a line, in a
// list item or in code stays where it is.
func TestHugoDisplayMathOnItsLines(t *testing.T) {
	body := "Before the sum\n$$\n\\sum_i x_i\n$$\nand after it.\n\nIn a line $$y$$ stays.\n\nAlone:\n$$z^2$$\n\n- an item\n  $$\n  w\n  $$\n\n```\ntext\n$$\nv\n$$\n```\n"
	plan, err := Hugo(fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + body)},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	got := plan.Posts[0].Body
	html := string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML)
	for _, want := range []string{
		"<p>Before the sum</p>\n<div class=\"math\">\\[\n\\sum_i x_i\n\\]</div>\n<p>and after it.</p>",
		"<p>In a line <span class=\"math\">\\(y\\)</span> stays.</p>",
		"<p>Alone:</p>\n<div class=\"math\">\\[z^2\\]</div>",
		"<li>an item\n<span class=\"math\">",
		"<pre><code>text\n$$\nv\n$$\n</code></pre>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %q in\n%s\nof\n%s", want, html, got)
		}
	}
}

// TestHugoMarkdownifyAsHugo: markdownify in a site's shortcode renders as
// Hugo's Markdown does by default, its typographer on (“quotes”, – and …)
// and its definition lists and footnotes read: the shortcode's text kept
// straight quotes the rest of the post, which netjournal's typographer
// sets, did not.
func TestHugoMarkdownifyAsHugo(t *testing.T) {
	got, err := markdownify(`It's "quoted" -- and... more`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "It&rsquo;s &ldquo;quoted&rdquo; &ndash; and&hellip; more"; string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got, _ = markdownify("Term\n: its definition")
	if !strings.Contains(string(got), "<dl>") {
		t.Errorf("definition list: %s", got)
	}
}

// TestJekyllKramdownTableWithoutHeaderReviewed: a review's cases of
// e2e01f8. kramdown makes a table of rows alone only after a blank line
// and before one (a paragraph's wrapped line beginning with a pipe is
// its text); a table in a list item keeps the item's indentation; code
// (a Liquid highlight), HTML blocks and {::nomarkdown} are as written; a
// pipe in a code span is no cell's end to kramdown, and written \| for
// CommonMark's table; a separator between an earlier table's rows did
// not move the lines of the warnings after.
func TestJekyllKramdownTableWithoutHeaderReviewed(t *testing.T) {
	rendered := func(body string) (string, string) {
		got := jekyllPost(t, body).Posts[0].Body
		return got, string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML)
	}
	for _, body := range []string{
		"Text with\n| a pipe | in a wrapped line\nof a paragraph.\n",
		"Text line\n| a | b |\n| c | d |\n",
		"| a | b |\n| c | d |\nmore text\n",
	} {
		if got, html := rendered(body); strings.Contains(html, "<table>") {
			t.Errorf("%q: kramdown makes no table here; got\n%s\n%s", body, got, html)
		}
	}
	if got, html := rendered("1. item\n\n   | a | b |\n   | c | d |\n2. next\n"); strings.Count(html, "<ol") != 1 || !strings.Contains(html, "<td>c</td>") || strings.Contains(html, "<td>2. next</td>") {
		t.Errorf("a table in a list item:\n%s\n%s", got, html)
	}
	for _, body := range []string{
		"{% highlight bash %}\ncat log \\\n  | grep x | sort\n{% endhighlight %}\n",
		"{% highlight text %}\n| id | name |\n| 1  | ana  |\n{% endhighlight %}\n",
		"<div class=\"x\">\n| a | b |\n| c | d |\n</div>\n",
		"{::nomarkdown}\n| a | b |\n| c | d |\n{:/}\n",
	} {
		if got, _ := rendered(body); strings.Contains(got, "|---|") {
			t.Errorf("%q: a header written into verbatim text:\n%s", body, got)
		}
	}
	if got, html := rendered("Before.\n\n| `a|b` | c |\n| d | e |\n"); !strings.Contains(html, "<code>a|b</code>") || !strings.Contains(html, "<td>c</td>") {
		t.Errorf("a pipe in code:\n%s\n%s", got, html)
	}
	plan := jekyllPost(t, "| h |\n|---|\n| a |\n|---|\n| b |\n\n| {% bogus %} | y |\n")
	var lines []string
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "bogus") {
			lines = append(lines, w.Error())
		}
	}
	if want := "j/_posts/2021-01-01-a.md:10: Liquid tag {% bogus %} is not converted: left out"; len(lines) != 1 || lines[0] != want {
		t.Errorf("warnings %q, want %q", lines, want)
	}
}

// TestJekyllKramdownLineBreak: kramdown reads two backslashes at a
// line's end as a line break (minimal-mistakes' sample post writes them);
// CommonMark reads an escaped backslash, and the page showed "\" and no
// break. They are written as CommonMark's hard break, one backslash;
// but in code, at a paragraph's end and where the run is not two.
func TestJekyllKramdownLineBreak(t *testing.T) {
	body := "A line ending with two backslashes\\\\\nnext line.\n\nEnd of a paragraph\\\\\n\n```\ncode\\\\\nmore\n```\n\nFour\\\\\\\\\nstay.\n"
	got := jekyllPost(t, body).Posts[0].Body
	html := string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML)
	for _, want := range []string{"<p>A line ending with two backslashes<br>\nnext line.</p>", "<p>End of a paragraph\\</p>", "code\\\\\nmore", "<p>Four\\\\\nstay.</p>"} {
		if !strings.Contains(html, want) {
			t.Errorf("no %q in\n%s\nof\n%s", want, html, got)
		}
	}
}

// TestHugoInlineShortcodes: an inline shortcode's inner text is its
// template ({{< math.inline >}}{{ if .Page.Params.math }}…{{ end }}),
// which Hugo runs only when the site sets enableInlineShortcodes, and
// else shows nothing of; the import kept the template's text, and the
// page showed "{{ if .Page.Params.math }}" and what it hid. Off, it is
// left out, kept in a comment, with a warning; on, it runs as the site's
// own shortcodes run, and a self-closing one runs it again.
func TestHugoInlineShortcodes(t *testing.T) {
	body := "Before.\n\n{{< math.inline >}}\n{{ if .Page.Params.math }}<p>math is on</p>{{ end }}\n{{< /math.inline >}}\n\nAgain:\n\n{{< math.inline />}}\n"
	for _, tc := range []struct{ config, want string }{
		{"", "Before.\n\n<!-- {{< math.inline >}}\n{{ if .Page.Params.math }}<p>math is on</p>{{ end }}\n{{< /math.inline >}} -->\n\nAgain:\n\n<!-- {{< math.inline />}} -->\n"},
		{"enableInlineShortcodes = true\n", "Before.\n\n<p>math is on</p>\n\nAgain:\n\n<p>math is on</p>\n"},
	} {
		plan, err := Hugo(fstest.MapFS{
			"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n" + tc.config)},
			"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\nmath: true\n---\n" + body)},
		}, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Posts[0].Body; got != tc.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tc.config, got, tc.want)
		}
		if got := messages(plan.Warnings); (tc.config == "") != strings.Contains(got, "enableInlineShortcodes") {
			t.Errorf("%q: warnings %s", tc.config, got)
		}
	}
}

// TestDollarMathOfTheSitesScript: a site whose own layouts load KaTeX's
// auto-render or MathJax with $…$ among their inline delimiters (a
// partial of the site's, a theme's, Jekyll's _includes; Chirpy, a theme
// that does so) sets $…$ in a page as math; the import knew only the
// themes it names by their settings, and left such math as text (a real
// blog's hundreds of formulas). It is written $$…$$, as for those; where
// the setup is loaded only on pages that ask for math, on those
// (TestDollarMathOnlyWherePageMathReviewed).
func TestDollarMathOfTheSitesScript(t *testing.T) {
	const post = "The loss is $L(\\theta)$ here, for $5 and $10.\n"
	const want = "The loss is $$L(\\theta)$$ here, for $5 and $10."
	for name, layout := range map[string]string{
		"layouts/partials/math.html":          `<script>renderMathInElement(document.body, {delimiters: [{left: "$$", right: "$$", display: true}, { left: "$", right: "$", display: false }]});</script>`,
		"themes/t/layouts/partials/head.html": "<script>MathJax = { tex: { inlineMath: [['\\\\(', '\\\\)'], ['$', '$']] } };</script>",
		"assets/js/mathjax-config.js":         `window.MathJax = {tex: {inlineMath: [["$", "$"]]}};`,
	} {
		plan, err := Hugo(fstest.MapFS{
			"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\ntheme = 't'\n")},
			name:                {Data: []byte(layout)},
			"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + post)},
		}, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(plan.Posts[0].Body); got != want {
			t.Errorf("%s: got %q", name, got)
		}
	}
	// Only $$ for $: no math of $ alone.
	plan, err := Hugo(fstest.MapFS{
		"config.toml":                {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"layouts/partials/math.html": {Data: []byte(`{left: "$$", right: "$$", display: true}, {left: "\\(", right: "\\)", display: false}`)},
		"content/post/a.md":          {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + post)},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(plan.Posts[0].Body); got != strings.TrimSpace(post) {
		t.Errorf("no $ math: got %q", got)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"an include": {"_includes/mathjax.html": {Data: []byte("<script>MathJax = {tex: {inlineMath: [['$','$']]}};</script>")}},
		"Chirpy":     {"_config.yml": {Data: []byte("url: https://k.test\ntheme: jekyll-theme-chirpy\n")}},
	} {
		if _, ok := fsys["_config.yml"]; !ok {
			fsys["_config.yml"] = &fstest.MapFile{Data: []byte("url: https://k.test\n")}
		}
		fsys["_posts/2021-01-01-a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\nmath: true\n---\n" + post)}
		plan, err := Jekyll(fsys, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(plan.Posts[0].Body); got != want {
			t.Errorf("%s: got %q", name, got)
		}
	}
}

// TestHeadingIDsOfTheOldSite: Hugo's ids keep a heading's underscores
// (## use_cache option is #use_cache-option) and kramdown's GFM ids keep
// them and its marks too (## ⚙️ Setup is #\uFE0F-setup); netjournal's make
// them otherwise, and a link to the old id, in the post or from another,
// was broken. The links are made the new ids, as those to an id a
// heading gave.
func TestHeadingIDsOfTheOldSite(t *testing.T) {
	hugo, err := Hugo(fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nSee [the option](#use_cache-option).\n\n## use_cache option\n")},
		"content/post/b.md": {Data: []byte("---\ntitle: B\ndate: 2020-01-02\n---\nSee [it](/post/a/#use_cache-option).\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	jekyll, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\npermalink: /:title/\n")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nSee [the option](#use_cache-option) and [setup](#\uFE0F-setup).\n\n## use_cache option\n\n## ⚙️ Setup\n")},
		"_posts/2021-01-02-b.md": {Data: []byte("---\ntitle: B\n---\nSee [it](/a/#use_cache-option).\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	for _, plan := range []*Plan{hugo, jekyll} {
		for _, p := range plan.Posts {
			if strings.Contains(p.Body, "use_cache-option") || strings.Contains(p.Body, "\uFE0F-setup") {
				t.Errorf("%s: a link to the old id:\n%s", p.Slug, p.Body)
			}
			if p.Slug == "a" && (!strings.Contains(p.Body, "(#use-cache-option)") || plan == jekyll && !strings.Contains(p.Body, "(#-setup)")) {
				t.Errorf("%s: no link to the new id:\n%s", p.Slug, p.Body)
			}
			if p.Slug == "b" && !strings.Contains(p.Body, "/posts/a/#use-cache-option") {
				t.Errorf("%s: no link to the new id:\n%s", p.Slug, p.Body)
			}
		}
	}
}

// TestJekyllOwnFeedIDWithoutBaseurl: Poole's, Lanyon's and Hyde's feed
// (atom.xml of the site's own) gives each entry {{ site.url }}{{ post.id
// }}, without the baseurl that jekyll-feed's absolute_url puts in: the
// import gave the posts jekyll-feed's ids, and a feed reader would have
// shown every post again as new.
func TestJekyllOwnFeedIDWithoutBaseurl(t *testing.T) {
	for feed, want := range map[string]string{
		"<id>{{ site.url }}{{ post.id }}</id>":                   "https://me.github.io/2020/01/01/hello",
		"<id>{{ post.id | absolute_url }}</id>":                  "https://me.github.io/blog/2020/01/01/hello",
		"<id>{{ site.url }}{{ site.baseurl }}{{ post.id }}</id>": "https://me.github.io/blog/2020/01/01/hello",
	} {
		plan, err := Jekyll(fstest.MapFS{
			"_config.yml":                {Data: []byte("url: \"https://me.github.io\"\nbaseurl: \"/blog\"\n")},
			"atom.xml":                   {Data: []byte("---\nlayout: null\n---\n<feed>{% for post in site.posts %}<entry>" + feed + "</entry>{% endfor %}</feed>\n")},
			"_posts/2020-01-01-hello.md": {Data: []byte("---\ntitle: Hello\n---\nHi.\n")},
		}, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Posts[0].FeedID; got != want {
			t.Errorf("%s: feed id %s, want %s", feed, got, want)
		}
	}
}
