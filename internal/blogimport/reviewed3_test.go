package blogimport

// A third review's cases, of the import's changes of 7 December (the
// line breaks of kramdown, the $ math of a site's own setup, the ids of
// headings, the feed ids of a site's own feed): each failed before its
// fix.

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/markdown"
)

func TestRelativeLinkToOldHeadingIDReviewed(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n## use_cache option\n")},
		"content/post/b.md": {Data: []byte("---\ntitle: B\ndate: 2020-01-02\n---\nSee [it](../a/#use_cache-option).\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Slug == "b" && !strings.Contains(p.Body, "(/posts/a/#use-cache-option)") {
			t.Errorf("b: %q, want the link to /posts/a/#use-cache-option", p.Body)
		}
	}
}

func TestSetextHeadingIDFromAnotherPostReviewed(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nuse_cache option\n----------------\n\nText.\n")},
		"content/post/b.md": {Data: []byte("---\ntitle: B\ndate: 2020-01-02\n---\nSee [it](/post/a/#use_cache-option).\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Slug == "b" && !strings.Contains(p.Body, "(/posts/a/#use-cache-option)") {
			t.Errorf("b: %q, want the link to /posts/a/#use-cache-option", p.Body)
		}
	}
}

func TestKramdownLineBreakInQuoteReviewed(t *testing.T) {
	body := "> Roses are red,\\\\\n> violets are blue\n\nSee\\\\\n<a href=\"https://x.test\">this</a> link.\n"
	got := jekyllPost(t, body).Posts[0].Body
	html := string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML)
	if strings.Count(html, "<br>") != 2 || strings.Contains(html, `\`) {
		t.Errorf("want two line breaks and no backslash:\n%s\nof\n%s", html, got)
	}
}

func TestVendoredLibraryIsNoDollarSetupReviewed(t *testing.T) {
	for name, lib := range map[string]string{
		"static/katex/contrib/auto-render.js":       "  optionsCopy.delimiters = optionsCopy.delimiters || [{\n    left: \"$$\",\n    right: \"$$\",\n    display: true\n  }, {\n    left: \"\\\\(\",\n    right: \"\\\\)\",\n    display: false\n  }, // LaTeX uses $…$, but it ruins the display of normal `$` in text:\n  // {left: \"$\", right: \"$\", display: false},\n  {\n    left: \"\\\\[\",\n    right: \"\\\\]\",\n    display: true\n  }];\n",
		"static/mathjax/unpacked/config/default.js": "  tex2jax: {\n    inlineMath: [\n//    ['$','$'],      // uncomment this for standard TeX math delimiters\n      ['\\\\(','\\\\)']\n    ],\n",
	} {
		plan, err := Hugo(fstest.MapFS{
			"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n")},
			name:                {Data: []byte(lib)},
			"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nSet $HOME and $PATH first.\n")},
		}, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Posts[0].Body; strings.Contains(got, "$$") {
			t.Errorf("%s: %q: shell variables made math", name, got)
		}
	}
}

func TestDollarMathOnlyWherePageMathReviewed(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"chirpy": {
			"_config.yml":            {Data: []byte("url: https://k.test\ntheme: jekyll-theme-chirpy\n")},
			"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nSet $GOPATH and $PATH first.\n")},
		},
		"include": {
			"_config.yml":                {Data: []byte("url: https://k.test\n")},
			"_includes/js-selector.html": {Data: []byte("{% if page.math %}\n<script>\n  MathJax = { tex: { inlineMath: [['$','$'], ['\\\\(','\\\\)']] } };\n</script>\n{% endif %}\n")},
			"_posts/2021-01-01-a.md":     {Data: []byte("---\ntitle: A\n---\nSet $GOPATH and $PATH first.\n")},
		},
	} {
		plan, err := Jekyll(fsys, Options{Root: "j"})
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Posts[0].Body; strings.Contains(got, "$$") {
			t.Errorf("%s: %q: a post without math: true made math", name, got)
		}
	}
}

func TestOwnFeedIDWithoutBaseurlGivenBaseURLReviewed(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("baseurl: \"/blog\"\n")},
		"atom.xml":                   {Data: []byte("---\nlayout: null\n---\n<feed>{% for post in site.posts %}<entry><id>{{ site.url }}{{ post.id }}</id></entry>{% endfor %}</feed>\n")},
		"_posts/2020-01-01-hello.md": {Data: []byte("---\ntitle: Hello\n---\nHi.\n")},
	}, Options{Root: "j", BaseURL: "https://me.github.io/blog/"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := plan.Posts[0].FeedID, "https://me.github.io/2020/01/01/hello"; got != want {
		t.Errorf("feed id %s, want %s", got, want)
	}
}

func TestKramdownLineBreakNotInMathReviewed(t *testing.T) {
	body := "Intro.\n\n$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n$$\n\nIn text $$\\begin{matrix} 1 & 2 \\\\\n3 & 4 \\end{matrix}$$ here.\n"
	got := jekyllPost(t, body).Posts[0].Body
	for _, want := range []string{"a &= b \\\\\n", "1 & 2 \\\\\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

func TestHugoDollarMathOnlyWherePageMathReviewed(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"config.toml":                {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"layouts/partials/head.html": {Data: []byte("{{ if .Params.math }}{{ partial \"math.html\" . }}{{ end }}\n")},
		"layouts/partials/math.html": {Data: []byte("<script>renderMathInElement(document.body, {delimiters: [{left: \"$$\", right: \"$$\", display: true}, {left: \"$\", right: \"$\", display: false}]});</script>\n")},
		"content/post/a.md":          {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nSet $GOPATH and $PATH first.\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if got := plan.Posts[0].Body; strings.Contains(got, "$$") {
		t.Errorf("%q: a post without math: true made math", got)
	}
}

// TestKramdownHeaderIDReviewed: kramdown reads "## Setup {#setup}" as a
// heading with the id setup; the import left "{#setup}" in the heading's
// text, and its id became setup-setup.
func TestKramdownHeaderIDReviewed(t *testing.T) {
	got := jekyllPost(t, "See [setup](#setup) and [more](#more_info).\n\n## Setup {#setup}\n\nText.\n\n## More info {#more_info}\n").Posts[0].Body
	html := string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML)
	for _, want := range []string{`<h2 id="setup">Setup<a`, `<a href="#setup">setup</a>`, `<h2 id="more-info">More info<a`, `<a href="#more-info">more</a>`} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s\nof\n%s", want, html, got)
		}
	}
}

// TestInlineShortcodeIsATextTemplateReviewed: Hugo runs an inline
// shortcode as a text template, what it prints not escaped; the import
// ran it as the site's shortcodes, html/template, and escaped it.
func TestInlineShortcodeIsATextTemplateReviewed(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\nenableInlineShortcodes = true\n")},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\nnote: <b>bold</b>\n---\n{{< n.inline >}}{{ .Page.Params.note }}{{< /n.inline >}}\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if got := plan.Posts[0].Body; !strings.Contains(got, "<b>bold</b>") {
		t.Errorf("got %q, want the HTML as Hugo wrote it", got)
	}
}

// TestHugoIDOfTheHeadingsSourceReviewed: Hugo makes a heading's id of its
// source as written (## *Emph* and __strong__ is emph-and-__strong__, a
// link's address in it too), not of its text: checked against Hugo 0.111.
func TestHugoIDOfTheHeadingsSourceReviewed(t *testing.T) {
	body := "See [e](#emph-and-__strong__) and [d](#see-the-docshttpsxcomy_z).\n\n## *Emph* and __strong__\n\n## See [the docs](https://x.com/y_z)\n"
	plan, err := Hugo(fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + body)},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	got := plan.Posts[0].Body
	for _, want := range []string{"(#emph-and-strong)", "(#see-the-docs)"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
}

// TestHugoAutoHeadingIDTypeReviewed: the site's autoHeadingIDType makes
// other ids: github-ascii's Café is cafe, blackfriday's "A & B" a-b.
func TestHugoAutoHeadingIDTypeReviewed(t *testing.T) {
	for _, tc := range []struct{ kind, heading, old, want string }{
		{"github-ascii", "## Café", "#cafe", "(#café)"},
		{"blackfriday", "## A & B", "#a-b", "(#a--b)"},
	} {
		plan, err := Hugo(fstest.MapFS{
			"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n[markup.goldmark.parser]\nautoHeadingIDType = '" + tc.kind + "'\n")},
			"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nSee [it](" + tc.old + ").\n\n" + tc.heading + "\n")},
		}, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Posts[0].Body; !strings.Contains(got, tc.want) {
			t.Errorf("%s: no %s in\n%s", tc.kind, tc.want, got)
		}
	}
}

// TestKramdownInputIDsReviewed: a Jekyll site whose kramdown reads its
// own syntax, not GFM, made other ids ("## 1. Introduction" is
// introduction, "use_cache option" usecache-option).
func TestKramdownInputIDsReviewed(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\nkramdown:\n  input: kramdown\n")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nSee [i](#introduction) and [u](#usecache-option).\n\n## 1. Introduction\n\n## use_cache option\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	got := plan.Posts[0].Body
	for _, want := range []string{"(#1-introduction)", "(#use-cache-option)"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
}

// TestKramdownHeadingIALID: kramdown gives a heading the id of a block
// attribute list on the line under it ("## Pandas" over "{: #pandas}");
// the import kept the list in a comment, and the links to #pandas (a
// real blog's navigation lists) were broken. The id is the heading's.
func TestKramdownHeadingIALID(t *testing.T) {
	got := jekyllPost(t, "See [p](#pandas_lib).\n\n## Pandas library\n{: #pandas_lib .lead}\n\nText.\n\n```\n## Not\n{: #code}\n```\n").Posts[0].Body
	html := string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML)
	for _, want := range []string{`<a href="#pandas-library">p</a>`, `<h2 id="pandas-library">`, "## Not\n{: #code}"} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s\nof\n%s", want, html, got)
		}
	}
}
