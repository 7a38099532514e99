package blogimport

// A fourth review's cases, of the ids of headings an import makes the
// links to, and of the $ math of a site's own setup: each failed before
// its fix.

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/markdown"
)

// hugoLinkCheck imports a Hugo post of "See [x](#old).\n\n"+heading and
// reports whether the link now leads to the heading's netjournal id.
func hugoLinkCheck(t *testing.T, config, heading, old string) (string, string) {
	t.Helper()
	plan, err := Hugo(fstest.MapFS{
		"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n" + config)},
		"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nSee [x](#" + old + ").\n\n" + heading + "\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	got := plan.Posts[0].Body
	ids, _, _, _ := markdown.New().HeadingIDs(got)
	m := regexp.MustCompile(`\]\(#([^)]*)\)`).FindStringSubmatch(got)
	link := ""
	if m != nil {
		link = m[1]
	}
	want := ""
	if len(ids) > 0 {
		want = ids[len(ids)-1]
	}
	return link, want + "\n" + got
}

// Hugo 0.111 (checked with hugo) makes a heading's id of the last line
// of its source, less its marks: a setext heading's last line, and a
// heading in a list item of its text alone.
func TestHugoHeadingIDsReviewed4(t *testing.T) {
	for _, tc := range []struct{ heading, old string }{
		{"- ## In list a_b", "in-list-a_b"},
		{"1. ### Numbered a_b", "numbered-a_b"},
		{"> - ## quote list a_b", "quote-list-a_b"},
		{"First line\nsecond line\n===========", "second-line"},
	} {
		link, want := hugoLinkCheck(t, "", tc.heading, tc.old)
		if !strings.HasPrefix(want, link+"\n") {
			t.Errorf("%q: link #%s, heading's id and body:\n%s", tc.heading, link, want)
		}
	}
}

func jekyllHTML(t *testing.T, body string) (string, string) {
	t.Helper()
	got := jekyllPost(t, body).Posts[0].Body
	return string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML), got
}

// kramdown (GFM and kramdown input, checked with ruby kramdown 2.4) reads
// {#id} after a header's text as its id only when the id begins with a
// letter and is made of [\w:-], after a space; classes and anything else
// stay in the heading's text.
func TestKramdownHeaderIDNotAnIDReviewed4(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"## Setup {#1setup}\n", `>Setup {#1setup}<a`},
		{"## Foo {.cls}\n", `>Foo {.cls}<a`},
		{"## Bar {#a .b}\n", `>Bar {#a .b}<a`},
		{"## Nospace{#nosp}\n", `>Nospace{#nosp}<a`},
		{"See [i](#sec:intro).\n\n## Intro {#sec:intro}\n", `<h2 id="intro">Intro<a`},
		{"See [i](#sec:intro).\n\n## Intro {#sec:intro}\n", `<a href="#intro">i</a>`},
	} {
		html, got := jekyllHTML(t, tc.body)
		if !strings.Contains(html, tc.want) {
			t.Errorf("%q: no %s in\n%s\nof\n%s", tc.body, tc.want, html, got)
		}
	}
}

// kramdown's IAL under a heading: checked with ruby kramdown 2.4.
func TestKramdownHeadingIALReviewed4(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		// the last id is the one
		{"See [x](#x2).\n\n## two ids\n{: #x1 #x2}\n", `<a href="#two-ids">x</a>`},
		// after a setext heading
		{"See [x](#st).\n\nSetext one\n----------\n{: #st}\n", `<a href="#setext-one">x</a>`},
		// a heading with a brace in its text
		{"See [x](#hb).\n\n## has {braces}\n{: #hb}\n", `<a href="#has-braces">x</a>`},
		// in a list item
		{"See [x](#il).\n\n- ## in list\n  {: #il}\n", `<a href="#in-list">x</a>`},
	} {
		html, got := jekyllHTML(t, tc.body)
		if !strings.Contains(html, tc.want) {
			t.Errorf("%q: no %s in\n%s\nof\n%s", tc.body, tc.want, html, got)
		}
	}
}

// A site whose setup of $…$ math is loaded on every page (no {% if
// page.math %}): before 37b4254 its posts' $x$ were math; now only
// those with math: true are.
func TestUnconditionalDollarSetupReviewed4(t *testing.T) {
	const setup = "<script>\n  MathJax = { tex: { inlineMath: [['$','$'], ['\\\\(','\\\\)']] } };\n</script>\n"
	const post = "The loss is $L(\\theta)$ here.\n"
	const want = "$$L(\\theta)$$"
	jp, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\n")},
		"_includes/head.html":    {Data: []byte(setup)},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\n" + post)},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if got := jp.Posts[0].Body; !strings.Contains(got, want) {
		t.Errorf("jekyll: %q, want %s", got, want)
	}
	hp, err := Hugo(fstest.MapFS{
		"config.toml":                {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"layouts/partials/head.html": {Data: []byte(setup)},
		"content/post/a.md":          {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + post)},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hp.Posts[0].Body; !strings.Contains(got, want) {
		t.Errorf("hugo: %q, want %s", got, want)
	}
}

func TestPageMathFrontMatterFormsReviewed4(t *testing.T) {
	const setup = "{{ if .Params.math }}<script>renderMathInElement(document.body, {delimiters: [{left: \"$\", right: \"$\", display: false}]});</script>{{ end }}\n"
	for name, fm := range map[string]string{
		"toml":        "+++\ntitle = 'A'\ndate = 2020-01-01\nmath = true\n+++\n",
		"yaml string": "---\ntitle: A\ndate: 2020-01-01\nmath: \"true\"\n---\n",
		"yaml Math":   "---\ntitle: A\ndate: 2020-01-01\nMath: true\n---\n",
	} {
		hp, err := Hugo(fstest.MapFS{
			"config.toml":                {Data: []byte("baseURL = 'https://h.example.net/'\n")},
			"layouts/partials/head.html": {Data: []byte(setup)},
			"content/post/a.md":          {Data: []byte(fm + "The loss is $L$ here.\n")},
		}, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		if got := hp.Posts[0].Body; !strings.Contains(got, "$$L$$") {
			t.Errorf("%s: %q", name, got)
		}
	}
}

// kramdown's own parser (kramdown.input: kramdown) makes a header's auto
// id of its raw source text, not of its rendered text (ruby kramdown
// 2.4): "## See [the docs](https://x.com/y_z)" is
// see-the-docshttpsxcomyz, "## Tom &amp; Jerry" tom-amp-jerry.
func TestKramdownInputIDOfRawTextReviewed4(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\nkramdown:\n  input: kramdown\n")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nSee [d](#see-the-docshttpsxcomyz) and [t](#tom-amp-jerry).\n\n## See [the docs](https://x.com/y_z)\n\n## Tom &amp; Jerry\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	got := plan.Posts[0].Body
	ids, _, _, _ := markdown.New().HeadingIDs(got)
	for _, want := range ids {
		if !strings.Contains(got, "(#"+want+")") {
			t.Errorf("no link to #%s in\n%s", want, got)
		}
	}
}
