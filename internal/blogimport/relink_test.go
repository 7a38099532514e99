package blogimport

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/markdown"
)

// A fourth review's (ed83c34): an element whose end tag HTML lets one leave out (<li>, <p>,
// <td>) keeps `open` above 0 for the rest of the post: every later blank
// line is written <!-- -->, the rest of the post is one HTML block, its
// paragraphs lose their <p> (one run of text on the page) and its
// <!--more--> is no longer the summary divider. Before the commit the
// summary ended at <!--more--> (verified with ed83c34's html.go reverted).
func TestUnclosedElementSwallowsPost(t *testing.T) {
	post := "---\ntitle: A\n---\n<ul>\n<li>One\n<li>Two\n</ul>\n\nIntro text.\n\n<!--more-->\n\nThe rest.\n"
	cfg := map[string]string{"_config.yml": "url: https://j.example.net\nexcerpt_separator: <!--more-->\n"}
	body, html := htmlJekyll(t, post, cfg)
	res := markdown.New().Render(markdown.Text(body), markdown.Options{})
	if !strings.Contains(html, "<p>Intro text.</p>") || !strings.Contains(html, "<p>The rest.</p>") {
		t.Errorf("body %q renders %q: paragraphs lost", body, html)
	}
	if !res.Divided || !strings.Contains(res.Summary, "Intro text.") || strings.Contains(res.Summary, "The rest.") {
		t.Errorf("body %q: summary %q, divided %v", body, res.Summary, res.Divided)
	}
	// The same with <p>s left open, as HTML allows, and a Hugo page.
	body, _ = htmlHugo(t, "---\ntitle: A\n---\n<p>First paragraph.\n\n<!--more-->\n\n<p>Second paragraph.\n", nil)
	res = markdown.New().Render(markdown.Text(body), markdown.Options{})
	if !res.Divided {
		t.Errorf("body %q: <!--more--> no longer divides (summary %q)", body, res.Summary)
	}
}

// A fourth review's (48e4577): a link to a post's file with a fragment (two.md#custom-id)
// keeps the old heading id, though the import gives that heading another
// (#sec-a) and rewrites the same link by the old address: a broken
// anchor.
func TestFileLinkFragmentID(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":          {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"content/posts/two.md": {Data: []byte("---\ntitle: Two\ndate: 2020-01-02\n---\n## Sec A {#custom-id}\n\nText.\n")},
		"content/posts/one.md": {Data: []byte("---\ntitle: One\ndate: 2020-01-01\n---\n[file](two.md#custom-id), [old](https://h.example.net/posts/two/#custom-id).\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Slug == "one" {
			if want := "[file](/posts/two/#sec-a), [old](/posts/two/#sec-a)."; strings.TrimSpace(p.Body) != want {
				t.Errorf("got  %s\nwant %s", strings.TrimSpace(p.Body), want)
			}
		}
	}
}

// 48e4577 (a question more than a bug): a published post's link to a
// draft's file (published: false, _drafts/) is made a link to the
// draft's new page, which is never published.
func TestFileLinkToDraft(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.net\n")},
		"_posts/2020-01-02-first.md": {Data: []byte("---\ntitle: First\n---\n[d](../_drafts/plan.md), [u](2020-01-06-unpub.md).\n")},
		"_posts/2020-01-06-unpub.md": {Data: []byte("---\ntitle: Unpub\npublished: false\n---\nhi\n")},
		"_drafts/plan.md":            {Data: []byte("---\ntitle: Plan\n---\nhi\n")},
	}, Options{Root: "old", NewBase: "https://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Slug == "first" && (strings.Contains(p.Body, "/posts/plan/") || strings.Contains(p.Body, "/posts/unpub/")) {
			t.Errorf("published post links to drafts' pages: %q", p.Body)
		}
	}
}
