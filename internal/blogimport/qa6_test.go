package blogimport

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/netjournal/netjournal/internal/markdown"
)

// publicHTML is the HTML netjournal makes of an imported body.
func publicHTML(body string) string {
	return string(markdown.New().Render(markdown.Text(body), markdown.Options{Parts: markdown.PartHTML}).HTML)
}

// TestHugoCommentShortcodeHidden: Hugo's own comment shortcode (0.137.1
// on) shows nothing of what it holds; the import published it ("not
// known here: its content is kept"), a writer's note to self in the page
// and the feed. It is kept in an HTML comment, which no page shows,
// wherever it stands, whatever it holds.
func TestHugoCommentShortcodeHidden(t *testing.T) {
	for _, in := range []string{
		"{{% comment %}}TODO: ask legal before naming SECRET here.{{% /comment %}}\n",
		"More text {{< comment >}}check SECRET{{< /comment >}} here.\n",
		"Text {{% comment %}}one SECRET\n\ntwo SECRET\n   \nthree{{% /comment %}} after.\n",
		"- item {{< comment >}}a SECRET --> b SECRET{{< /comment >}}\n",
		"{{< comment >}}\n{{< youtube abc >}} SECRET\n{{< /comment >}}\n\nAfter.\n",
		"> quoted {{% comment %}}SECRET\n\nSECRET{{% /comment %}} end\n",
	} {
		got, warns := convert(in, true)
		if html := publicHTML(got); strings.Contains(html, "SECRET") {
			t.Errorf("%q:\nconverted %q\npublished %q", in, got, html)
		}
		if !strings.Contains(got, "SECRET") {
			t.Errorf("%q: the writer's text is gone: %q", in, got)
		}
		if len(warns) > 0 {
			t.Errorf("%q: warned %q", in, warns)
		}
	}
	got, _ := convert("More text {{< comment >}}x{{< /comment >}} here.\n", true)
	if html := publicHTML(got); !strings.Contains(html, "<p>More text") || !strings.Contains(html, "here.</p>") {
		t.Errorf("the text around the comment: %q", html)
	}
}

// TestKramdownTableCodePipesAndWidth: kramdown reads a row's code spans
// before its cells, so a pipe in one ends no cell, in a table with a
// header as in one without; and a row with more cells than the header
// widens the table. A table with a header was written as it was: `ps aux
// | grep ruby` split in two cells, and the cells past the header's
// count gone from the page, with no word (a QA pass).
func TestKramdownTableCodePipesAndWidth(t *testing.T) {
	body := "| Command | What it does |\n|---|---|\n| `ps aux | grep ruby` | find ruby processes |\n| `a || b` | run b if a fails |\n| tar | archive | (third cell) |\n"
	plan := jekyllPost(t, body)
	html := publicHTML(plan.Posts[0].Body)
	for _, want := range []string{
		"<td><code>ps aux | grep ruby</code></td>", "<td>find ruby processes</td>",
		"<td><code>a || b</code></td>", "<td>run b if a fails</td>",
		"<td>(third cell)</td>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s\nof\n%s", want, html, plan.Posts[0].Body)
		}
	}
	if n := strings.Count(html, "<th>"); n != 3 {
		t.Errorf("%d header cells, want 3:\n%s", n, html)
	}
}

// TestHugoShortcodesFolderOfNewHugo: Hugo 0.146 keeps a site's
// shortcodes in layouts/_shortcodes/ (and a theme's in its own); the
// import looked in layouts/shortcodes/ alone, and left the shortcodes of
// such a site out, their text with them (a QA pass: LoveIt's example
// site).
func TestHugoShortcodesFolderOfNewHugo(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":                            {Data: []byte("baseURL = 'https://h.example/'\ntheme = 't'\n")},
		"layouts/_shortcodes/ext.html":         {Data: []byte(`<a href="{{ .Get 0 }}">{{ .Get 1 }}</a>`)},
		"themes/t/layouts/_shortcodes/hi.html": {Data: []byte(`<b>{{ .Inner }}</b>`)},
		"content/posts/a.md":                   {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\nRead {{< ext \"https://go.dev/doc/\" \"the Go docs\" >}} first; {{< hi >}}hello{{< /hi >}}.\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	body := plan.Posts[0].Body
	for _, want := range []string{`<a href="https://go.dev/doc/">the Go docs</a>`, "<b>hello</b>"} {
		if !strings.Contains(body, want) {
			t.Errorf("no %s in %q", want, body)
		}
	}
	if len(plan.Warnings) > 0 {
		t.Errorf("warnings: %v", plan.Warnings)
	}
}

// TestHugoRelativeAliasBesideTheAddress: Hugo joins a relative alias to
// the page's own address and "..": beside the post at /2021/03/new/ (a
// permalink pattern), or at its url. The import joined it to the
// content section, /posts/old-name, a redirect from where no reader was
// (a QA pass).
func TestHugoRelativeAliasBesideTheAddress(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":          {Data: []byte("baseURL = 'https://h.example/'\n[permalinks]\nposts = '/:year/:month/:slug/'\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2021-03-04\nslug: new\naliases: [old-name]\n---\nA.\n")},
		"content/posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2021-03-05\nurl: /notes/other/\naliases: [other-old, /abs/path/]\n---\nB.\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range plan.Posts {
		got[p.Slug] = p.Aliases
	}
	for slug, want := range map[string][]string{"new": {"/2021/03/old-name"}, "b": {"/notes/other-old", "/abs/path/"}} {
		for _, w := range want {
			if !slices.ContainsFunc(got[slug], func(a string) bool { return strings.TrimSuffix(a, "/") == strings.TrimSuffix(w, "/") }) {
				t.Errorf("%s: aliases %q, want %s among them", slug, got[slug], w)
			}
		}
		for _, a := range got[slug] {
			if strings.HasPrefix(a, "/posts/") {
				t.Errorf("%s: alias %s under the section", slug, a)
			}
		}
	}
}

// TestHugoFigureAltOfCaption: Hugo's figure with a caption and no alt
// gives the image the caption's text as its alt (caption | markdownify |
// plainify); the import gave it the caption's Markdown, "Photo by
// [Ana](https://unsplash.com/@ana) on Unsplash", what a screen reader
// then read out (a QA pass).
func TestHugoFigureAltOfCaption(t *testing.T) {
	got, _ := convert(`{{< figure src="/a.png" caption="Photo by [Ana](https://unsplash.com/@ana) on **Unsplash** & co" >}}`, true)
	html := publicHTML(got)
	if !strings.Contains(html, `alt="Photo by Ana on Unsplash &amp; co"`) {
		t.Errorf("alt of\n%s\nin\n%s", got, html)
	}
	if !strings.Contains(html, `<a href="https://unsplash.com/@ana">Ana</a>`) {
		t.Errorf("the caption's link is gone:\n%s", html)
	}
}

// TestHugoHardWraps: a Hugo site with markup.goldmark.renderer.hardWraps
// showed each line break of a paragraph as one (a poem, an address, short
// lines); the import ran its lines together (a QA pass). Each gets a hard
// break, written `\`: in paragraphs, list items and quotes, never in code
// or math, nor at a paragraph's end.
func TestHugoHardWraps(t *testing.T) {
	body := "Roses are red,\nviolets are *blue\nand* so on.\n\n- one\n  more\n\n> quoted\n> lines\n\n```\ncode\nlines\n```\n\n$$\na \\\\\nb\n$$\n\nLast line.\n"
	bodies := map[bool]string{}
	for _, wraps := range []bool{true, false} {
		cfg := "baseURL = 'https://h.example/'\n"
		if wraps {
			cfg += "[markup.goldmark.renderer]\nhardWraps = true\n"
		}
		plan, err := Hugo(fstest.MapFS{
			"hugo.toml":          {Data: []byte(cfg)},
			"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\n" + body)},
		}, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		bodies[wraps] = plan.Posts[0].Body
		html := publicHTML(bodies[wraps])
		if n, want := strings.Count(html, "<br"), map[bool]int{true: 4, false: 0}[wraps]; n != want {
			t.Errorf("hardWraps %t: %d line breaks, want %d:\n%s\n%s", wraps, n, want, bodies[wraps], html)
		}
	}
	// What changed: a \ at the end of the four lines a paragraph goes on
	// after, and nothing else.
	want := bodies[false]
	for _, l := range []string{"Roses are red,", "violets are *blue", "- one", "> quoted"} {
		want = strings.Replace(want, l+"\n", l+"\\\n", 1)
	}
	if bodies[true] != want {
		t.Errorf("got\n%s\nwant\n%s", bodies[true], want)
	}
}

// TestHugoLanguageInAddresses: a multilingual Hugo site published its
// default language under /en/ with defaultContentLanguageInSubdir, and
// by the language's own permalinks where it has them; the import gave
// every post its address without either, so the redirects, the feed
// ids and the links to /en/… of the old site all went nowhere (a QA
// pass: nativi-sh/nativishBlog, Jibec/blog-hugo).
func TestHugoLanguageInAddresses(t *testing.T) {
	for _, tc := range []struct {
		name, config string
		want         map[string]string // a post's slug → its old address
	}{
		{"in a subdir", "defaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\n[permalinks.page]\n  posts = '/:slug/'\n[languages.en]\n  contentDir = 'content/en'\n[languages.fr]\n  contentDir = 'content/fr'\n",
			map[string]string{"best-free-alternative": "/en/best-free-alternative/", "second": "/en/second/"}},
		{"the language's permalinks", "defaultContentLanguage = 'en'\n[languages.en]\n  weight = 1\n  contentDir = 'content/en'\n  [languages.en.permalinks.page]\n    posts = '/:year/:slug/'\n[languages.fr]\n  weight = 2\n  contentDir = 'content/fr'\n",
			map[string]string{"best-free-alternative": "/2024/best-free-alternative/", "second": "/2024/second/"}},
		{"one language", "defaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\n[languages.en]\n  contentDir = 'content/en'\n",
			map[string]string{"best-free-alternative": "/posts/first/", "second": "/posts/second/"}},
	} {
		link := "/en/best-free-alternative/"
		if tc.name == "the language's permalinks" {
			link = "/2024/best-free-alternative/"
		}
		plan, err := Hugo(fstest.MapFS{
			"hugo.toml":                  {Data: []byte("baseURL = 'https://blog.example.org/'\n" + tc.config)},
			"content/en/posts/first.md":  {Data: []byte("+++\ntitle = 'Best Free Alternative'\ndate = 2024-06-25\n+++\nHello.\n")},
			"content/en/posts/second.md": {Data: []byte("+++\ntitle = 'Second'\ndate = 2024-06-26\n+++\nSee [the first post](" + link + ").\n")},
			"content/fr/posts/first.md":  {Data: []byte("+++\ntitle = 'Première'\ndate = 2024-06-25\n+++\nBonjour.\n")},
		}, Options{Root: "h", NewBase: "https://new.example/"})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plan.Posts {
			old := ""
			if len(p.Aliases) > 0 {
				old = p.Aliases[0]
			}
			want, ok := tc.want[p.Slug]
			if !ok {
				want = tc.want[map[string]string{"first": "best-free-alternative"}[p.Slug]]
			}
			if old != want && !strings.HasSuffix(p.FeedID, want) {
				t.Errorf("%s: %s: aliases %q, feed id %q, want %s", tc.name, p.Slug, p.Aliases, p.FeedID, want)
			}
			if p.Slug == "second" && tc.name != "one language" && !strings.Contains(p.Body, "](/posts/") {
				t.Errorf("%s: the link to the first post is not relinked: %q", tc.name, p.Body)
			}
		}
	}
}

// TestHugoShortcodePageSiteAndDate: a site's shortcode that reads
// .Page.Site (a newsletter box, 65 times in one real blog) or .Page.Date
// failed here ("can't evaluate field Site") and was left out, its text
// with it (a QA pass). Both are a page's, as Hugo's are.
func TestHugoShortcodePageSiteAndDate(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":                     {Data: []byte("baseURL = 'https://h.example/'\ntitle = 'My Site'\n[params]\nemail = 'me@h.example.org'\n")},
		"layouts/shortcodes/mail.html":  {Data: []byte(`<a href="mailto:{{ .Page.Site.Params.email }}">write</a>`)},
		"layouts/shortcodes/stamp.html": {Data: []byte(`{{ .Page.Site.Title }} / {{ .Page.Title }} / {{ .Page.Date.Format "2006" }} / {{ .Page.Lastmod.Year }}`)},
		"content/posts/a.md":            {Data: []byte("---\ntitle: A\ndate: 2021-03-04\nlastmod: 2022-05-06\n---\n{{< mail >}} and {{< stamp >}}.\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	body := plan.Posts[0].Body
	for _, want := range []string{`<a href="mailto:me@h.example.org">write</a>`, "My Site / A / 2021 / 2022"} {
		if !strings.Contains(body, want) {
			t.Errorf("no %s in %q (warnings %v)", want, body, plan.Warnings)
		}
	}
}

// TestJekyllCoreLiquid: Jekyll's own Liquid, no plugin's: a data file's
// value (site.data, from _data/*.yml, .json or .csv), a file included
// relative to the post ({% include_relative %}, its Liquid run), and the
// date filter, of the page's date too (from the file's name). The import
// left all three out, in comments: a post's list of setup steps was
// gone from its page (a QA pass).
func TestJekyllCoreLiquid(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.org\ntitle: J\n")},
		"_data/people.yml":           {Data: []byte("ana:\n  name: Ana Lima\n")},
		"_data/team/leads.json":      {Data: []byte(`{"lead": "Bo Chen"}`)},
		"_data/talks.csv":            {Data: []byte("title,year\nFirst,2019\nSecond,2020\n")},
		"_posts/setup-steps.md":      {Data: []byte("1. Install Ruby on {{ site.title }}.\n2. Run `bundle install`.\n")},
		"_posts/2020-01-02-setup.md": {Data: []byte("---\ntitle: Setup\n---\nThanks to {{ site.data.people.ana.name }} and {{ site.data.team.leads.lead }}. The steps:\n\n{% include_relative setup-steps.md %}\n\nUpdated {{ page.date | date: \"%B %Y\" }}; {{ site.data.talks[1].title }}.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, p := range plan.Posts {
		if p.Slug == "setup" {
			body = p.Body
		}
	}
	for _, want := range []string{"Thanks to Ana Lima and Bo Chen.", "1. Install Ruby on J.\n2. Run `bundle install`.", "Updated January 2020; Second."} {
		if !strings.Contains(body, want) {
			t.Errorf("no %q in %q (warnings %v)", want, body, plan.Warnings)
		}
	}
}

// TestHugoCustomTaxonomy: a taxonomy of the site's own (series, declared
// under [taxonomies]) was dropped, its values kept in a comment, and a
// ref to a term's page led nowhere (a QA pass: 5 posts, 7 refs of a real
// blog). Its terms are tags, as categories are, and a link or a ref to a
// term's page leads to the tag's.
func TestHugoCustomTaxonomy(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":          {Data: []byte("baseURL = 'https://h.example/'\n[taxonomies]\ntag = 'tags'\ncategory = 'categories'\nseries = 'series'\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\nseries: [Go Tour]\ntags: [go]\n---\nSee [the series]({{< ref \"/series/go-tour\" >}}) and [again](/series/go-tour/).\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	p := plan.Posts[0]
	if !slices.Contains(p.Tags, "Go Tour") {
		t.Errorf("tags %q", p.Tags)
	}
	if strings.Count(p.Body, "](/tags/go-tour/)") != 2 {
		t.Errorf("body %q (warnings %v)", p.Body, plan.Warnings)
	}
	for _, k := range p.Kept {
		if strings.Contains(k, "series") {
			t.Errorf("kept %q", k)
		}
	}
}

// TestHugoAliasesAsHugoWroteThem: the redirects Hugo 0.111 wrote, run on
// this site (public/2018/relative-alias/ for a url that names a file,
// public/legacy/moved.html under uglyURLs): each alias is at its path.
func TestHugoAliasesAsHugoWroteThem(t *testing.T) {
	posts := fstest.MapFS{
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2021-03-04\nslug: new\naliases: [old-name]\n---\nA.\n")},
		"content/posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2021-03-05\nurl: /2018/05/old-moved.html\naliases: [relative-alias]\n---\nB.\n")},
		"content/posts/c.md": {Data: []byte("---\ntitle: C\ndate: 2021-03-05\nurl: /notes/other/\naliases: [other-old]\n---\nC.\n")},
		"content/posts/d.md": {Data: []byte("---\ntitle: D\ndate: 2021-03-06\naliases: [/legacy/moved/, /x/y]\n---\nD.\n")},
	}
	for ugly, want := range map[bool][]string{
		false: {"/2021/03/old-name", "/2018/relative-alias", "/notes/other-old", "/legacy/moved/", "/x/y"},
		true:  {"/2021/03/old-name.html", "/2018/relative-alias.html", "/notes/other-old.html", "/legacy/moved.html", "/x/y.html"},
	} {
		fsys := fstest.MapFS{"hugo.toml": {Data: []byte(fmt.Sprintf("baseURL = 'https://h.example/'\nuglyURLs = %t\n[permalinks]\nposts = '/:year/:month/:slug/'\n", ugly))}}
		maps.Copy(fsys, posts)
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range plan.Posts {
			got = append(got, p.Aliases...)
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("uglyURLs %t: no alias %s in %q", ugly, w, got)
			}
		}
	}
}

// TestDateOfOneDigit: Jekyll reads 2014-10-1 12:00:00 (Ruby's
// Time.parse, a day or month of one digit, with a time of day); the
// import refused it, and the post's time of day was lost (a QA pass:
// Huxpro's blog).
func TestDateOfOneDigit(t *testing.T) {
	for in, want := range map[string]string{
		"2014-10-1 12:00:00":      "2014-10-01T12:00:00",
		"2014-1-5 09:30:00 +0800": "2014-01-05T09:30:00+08:00",
		"2014/3/7 7:05":           "2014-03-07T07:05:00",
		"2014-10-1":               "2014-10-01",
	} {
		s, err := date(in, time.UTC)
		if err != nil || s.String() != want {
			t.Errorf("%q: %v %v, want %s", in, s, err, want)
		}
	}
}

// TestJekyllCollectionsWithOutput: a collection that Jekyll renders
// (output: true) was not imported, with a note alone: a portfolio's
// project write-ups lost, and a post's {% link _projects/x.md %} led to #
// (a QA pass). Each document is a page at the collection's address
// (/:collection/:path, its permalink's or Jekyll's default, the site's
// permalink style's ending), its old address a redirect; one without
// output is not.
func TestJekyllCollectionsWithOutput(t *testing.T) {
	for _, tc := range []struct {
		config   string
		old, new string // the old address of _projects/ledger.md, and the page's
	}{
		{"collections:\n  projects:\n    output: true\n  notes:\n    output: false\n", "/projects/ledger.html", "projects/ledger/"},
		{"permalink: pretty\ncollections:\n  projects:\n    output: true\n", "/projects/ledger/", "projects/ledger/"},
		{"collections:\n  projects:\n    output: true\n    permalink: /work/:path/\n", "/work/ledger/", "work/ledger/"},
	} {
		plan, err := Jekyll(fstest.MapFS{
			"_config.yml":            {Data: []byte("url: https://j.example.org\n" + tc.config)},
			"_projects/ledger.md":    {Data: []byte("---\ntitle: The ledger\n---\nWhat I built.\n")},
			"_notes/private.md":      {Data: []byte("---\ntitle: Notes\n---\nNot rendered.\n")},
			"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nSee [it]({% link _projects/ledger.md %}).\n")},
		}, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		var page *Page
		for _, p := range plan.Pages {
			if p.Title == "The ledger" {
				page = p
			}
			if p.Title == "Notes" {
				t.Errorf("%s: a collection without output imported", tc.old)
			}
		}
		if page == nil {
			t.Fatalf("%s: no page of the project (notes %v, skipped %v)", tc.old, plan.Notes, plan.Skipped)
		}
		if page.SitePath != tc.new || !strings.Contains(page.Body, "What I built.") {
			t.Errorf("%s: page at %s: %q", tc.old, page.SitePath, page.Body)
		}
		if !slices.Contains(page.Aliases, tc.old) && tc.old != "/"+tc.new {
			t.Errorf("%s: aliases %q", tc.old, page.Aliases)
		}
		if body := plan.Posts[0].Body; !strings.Contains(body, "](/"+tc.new+")") {
			t.Errorf("%s: the link to it: %q", tc.old, body)
		}
	}
	// A document's :title is its slug, or its file name less its date.
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                           {Data: []byte("url: https://j.example.org\ncollections:\n  projects:\n    output: true\n    permalink: /projects/:title/\n")},
		"_projects/2016-11-07-mt-whitney.v2.md": {Data: []byte("---\ntitle: Mt Whitney\n---\nUp.\n")},
		"_projects/other.md":                    {Data: []byte("---\ntitle: Other\nslug: the-other\n---\nDown.\n")},
		"_posts/2020-01-02-a.md":                {Data: []byte("---\ntitle: A\n---\nA.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range plan.Pages {
		paths = append(paths, p.SitePath)
	}
	slices.Sort(paths)
	if want := []string{"projects/mt-whitney.v2/", "projects/the-other/"}; !slices.Equal(paths, want) {
		t.Errorf("pages at %q, want %q", paths, want)
	}
}

// TestHugoHardWrapsNotInInlineMath: with hardWraps and $…$ math (Hugo's
// passthrough), a line break inside inline math got a \, a control space
// in the LaTeX, where Hugo wrote no <br> (a review's finding).
func TestHugoHardWrapsNotInInlineMath(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":          {Data: []byte("baseURL = 'https://h.example/'\n[markup.goldmark.renderer]\nhardWraps = true\n[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\ninline = [['$', '$']]\nblock = [['$$', '$$']]\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-02\n---\nRoses are red\nviolets are blue, and $a +\nb$ is math.\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	body := plan.Posts[0].Body
	if !strings.Contains(body, "Roses are red\\\n") || strings.Contains(body, "+\\\n") {
		t.Errorf("body %q", body)
	}
}

// TestHugoImagesFromAssets: a Hugo site whose image render hook takes an
// image from assets/ (resources.Get, as LoveIt's does) published it at
// its path there; the import copied static/ alone, and the post's
// ![The diagram](/images/diagram.png) was a broken image, the file
// named nowhere (a QA pass). Such an image is copied to static/.
func TestHugoImagesFromAssets(t *testing.T) {
	hook := "{{- $u := urls.Parse .Destination -}}{{- with resources.Get $u.Path -}}<img src=\"{{ .RelPermalink }}\">{{- end -}}"
	for _, withHook := range []bool{true, false} {
		fsys := fstest.MapFS{
			"hugo.toml":                 {Data: []byte("baseURL = 'https://h.example/'\n")},
			"assets/images/diagram.png": {Data: []byte("\x89PNG")},
			"assets/css/site.css":       {Data: []byte("body{}")},
			"content/posts/a.md":        {Data: []byte("---\ntitle: A\ndate: 2024-06-25\n---\n![The diagram](/images/diagram.png) [css](/css/site.css)\n")},
		}
		if withHook {
			fsys["layouts/_default/_markup/render-image.html"] = &fstest.MapFile{Data: []byte(hook)}
		}
		plan, err := Hugo(fsys, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		var copied []string
		for _, f := range plan.Files {
			copied = append(copied, f.Path+" < "+f.Source)
		}
		want := []string{}
		if withHook {
			want = []string{"static/images/diagram.png < assets/images/diagram.png"}
		}
		if !slices.Equal(copied, want) && !(len(copied) == 0 && len(want) == 0) {
			t.Errorf("hook %t: copied %q, want %q", withHook, copied, want)
		}
	}
}

// TestHugoImagesFromAssetsOfDraftsStay: a draft's image in assets/ was
// never published by Hugo; static/ is published whole: it is not copied.
func TestHugoImagesFromAssetsOfDraftsStay(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml": {Data: []byte("baseURL = 'https://h.example/'\n")},
		"layouts/_default/_markup/render-image.html": {Data: []byte("{{ with resources.Get .Destination }}<img src=\"{{ .RelPermalink }}\">{{ end }}")},
		"assets/images/secret plan.png":              {Data: []byte("\x89PNG")},
		"assets/images/open.png":                     {Data: []byte("\x89PNG")},
		"content/posts/a.md":                         {Data: []byte("---\ntitle: A\ndate: 2024-06-25\ndraft: true\n---\n![plan](/images/secret%20plan.png)\n")},
		"content/posts/b.md":                         {Data: []byte("---\ntitle: B\ndate: 2024-06-25\n---\n![open](/images/open.png)\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range plan.Files {
		if strings.Contains(f.Path, "secret") {
			t.Errorf("a draft's image copied: %v", f)
		}
	}
	if len(plan.Files) != 1 {
		t.Errorf("files %v", plan.Files)
	}
}

// TestJekyllSizeOfMapsAndStrings: Liquid's size of a table is its
// number of entries (unless it has a key "size"), of a text its number of
// characters, as of a list; of the page's own values too
// (page.tags.size). They were left out, with a warning.
func TestJekyllSizeOfMapsAndStrings(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\ntitle: Café\n")},
		"_data/team.yml":         {Data: []byte("ana: Lisbon\nbo: Oslo\ncy: Rome\n")},
		"_data/shirt.yml":        {Data: []byte("size: XL\ncolor: red\n")},
		"_posts/2020-03-04-b.md": {Data: []byte("---\ntitle: Señor\ntags: [a, b]\n---\n{{ site.data.team.size }} {{ site.data.shirt.size }} {{ site.title.size }} {{ page.title.size }} {{ page.tags.size }} {{ page.tags.first }}\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if body := plan.Posts[0].Body; !strings.Contains(body, "3 XL 4 5 2 a") {
		t.Errorf("body %q (warnings %v)", body, plan.Warnings)
	}
}
