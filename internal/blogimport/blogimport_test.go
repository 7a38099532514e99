package blogimport

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
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
		{"a {{< highlight sh >}}ls{{< /highlight >}} b", "a \n```sh\nls\n```\n b", ""},
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
		{"{{< /lonely >}}", "<!-- {{< /lonely >}} -->", `10: closing shortcode "lonely"`},
		{`{{< figure src="a.png" caption="-->" >}}`, "<figure>\n\n![-->](<a.png>)\n\n<figcaption>--&gt;</figcaption>", ""},
		{"{{< x `a >}}", "<!-- {{< x `a >}} -->", "10: a backquote in the shortcode is never closed"},
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
	in := "a [[b]] `[[c]]`\n```\n[[d]]\n```\n"
	want := "a &#91;[b]] `[[c]]`\n```\n[[d]]\n```\n"
	if got := escapeWikilinks(in); got != want {
		t.Errorf("got %q, want %q", got, want)
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

// TestHugoNoDate: a post without a date is not imported, and says so at
// its line.
func TestHugoNoDate(t *testing.T) {
	fsys := fstest.MapFS{
		"config.yaml":           {Data: []byte("baseURL: https://h.example.net/\nlanguages:\n  en: {}\n  fr: {}\n")},
		"content/posts/a.md":    {Data: []byte("---\ntitle: A\n---\n")},
		"content/posts/b.md":    {Data: []byte("---\ntitle: B\ndate: 2020-01-01\ntags: x\nlastmod: 2019-01-01\n---\n")},
		"content/posts/c.fr.md": {Data: []byte("---\ntitle: C\ndate: 2020-01-01\n---\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || plan.Posts[0].Slug != "b" || !plan.Posts[0].Updated.t.IsZero() {
		for _, p := range plan.Posts {
			t.Logf("%+v", *p)
		}
		t.Fatalf("%d posts", len(plan.Posts))
	}
	var msgs []string
	for _, w := range plan.Warnings {
		msgs = append(msgs, w.Error())
	}
	want := []string{
		"h/content/posts/a.md:1: no date: not imported; add a date to import it",
		"h/content/posts/b.md:5: lastmod 2019-01-01 is before the date 2020-01-01: left out",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}
