package markdown

import (
	"strings"
	"testing"
)

// A fourth review's (4b2df27): htmlParagraph (the summary of a body of HTML alone) takes the
// text of a <script> or <style> in the first <p>, which htmlBlockText
// skips: with trust_html, an AdSense snippet becomes the summary (feeds,
// meta description).
func TestSummaryScriptInParagraph(t *testing.T) {
	r := New()
	r.TrustHTML(true)
	res := r.Render(Text("<p><script>(adsbygoogle = window.adsbygoogle || []).push({});</script></p>\n<p>Real intro.</p>\n"), Options{})
	if strings.Contains(res.Summary, "adsbygoogle") || res.Summary != "Real intro." {
		t.Errorf("summary %q, want %q", res.Summary, "Real intro.")
	}
	res = r.Render(Text("<p><style>.x{color:red}</style>Hello</p>\n"), Options{})
	if res.Summary != "Hello" {
		t.Errorf("summary %q, want %q", res.Summary, "Hello")
	}
}

// A fourth review's (4b2df27): with trust_html, a <noscript>'s content is raw text to the
// tokenizer: its markup (a tracking pixel's <img>) becomes the body's
// Text and Summary, though the page shows nothing of it.
func TestNoscriptMarkupInText(t *testing.T) {
	r := New()
	r.TrustHTML(true)
	res := r.Render(Text("<div>\n<noscript><img src=\"https://www.facebook.com/tr?id=123&ev=PageView\"/></noscript>\n</div>\n\n- item\n"), Options{})
	if strings.Contains(res.Text, "<img") || strings.Contains(res.Summary, "<img") {
		t.Errorf("text %q, summary %q: markup of a <noscript>", res.Text, res.Summary)
	}
}

// A fourth review's (4b2df27): with trust_html, what the page never shows (a <template>, an
// element with hidden) is the body's text and its summary.
func TestHiddenHTMLInText(t *testing.T) {
	r := New()
	r.TrustHTML(true)
	for _, src := range []string{
		"<template><p>Draft: secret plan</p></template>\n\n<p>Public.</p>\n",
		"<div hidden>secret note</div>\n\n- a list\n",
	} {
		res := r.Render(Text(src), Options{})
		if strings.Contains(res.Text, "secret") || strings.Contains(res.Summary, "secret") {
			t.Errorf("%q: text %q, summary %q", src, res.Text, res.Summary)
		}
	}
}

// A fourth review's (4b2df27): the fallback text of a <video> or <audio> (kept by the
// policy; a browser that plays it never shows it) is the summary of a
// post without a Markdown paragraph, and its words are counted.
func TestMediaFallbackSummary(t *testing.T) {
	res := New().Render(Text("<video src=\"/clip.mp4\" controls>Your browser does not support the video tag.</video>\n\n- a list\n"), Options{})
	if strings.Contains(res.Summary, "browser") || strings.Contains(res.Text, "browser") {
		t.Errorf("summary %q, text %q", res.Summary, res.Text)
	}
}

// A fourth review's (ae79c84): an item whose first tag was kept and a later one removed is
// said at the kept one's line: the <a> removed is at line 3 (its
// javascript: href), not line 1, whose link is fine.
func TestRemovedAtRemovedOnesLine(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
	}{
		{"<div>\n<a href=\"/ok/\">fine</a>\n<p>x</p>\n<a href=\"javascript:alert(1)\">bad</a>\n</div>\n", 3},
		{"<div>\n<img src=\"/a.png\" width=\"100\">\n<p>x</p>\n<img src=\"/b.png\" width=\"auto\">\n</div>\n", 3},
	} {
		res := New().Render(Text(c.src), Options{})
		if len(res.HTMLRemoved) != 1 || res.HTMLRemoved[0].Line != c.line {
			for _, e := range res.HTMLRemoved {
				t.Logf("line %d: %v", e.Line, e.Err)
			}
			t.Errorf("%q: want one removal at line %d", c.src, c.line)
		}
	}
}

// TestHiddenStaysHidden: what a writer hid in raw HTML stays hidden on
// the page and out of the body's text (a fourth round of real blogs: the
// sanitizer took the hidden attribute and a <template>'s tag out, and
// showed what they hid).
func TestHiddenStaysHidden(t *testing.T) {
	src := "<div hidden>secret one</div>\n\n<template>\n<p>secret three</p>\n</template>\n\nShown.\n"
	res := New().Render(Text(src), Options{})
	if !strings.Contains(res.HTML, "<div hidden") || strings.Contains(res.HTML, "secret three") {
		t.Errorf("html %q", res.HTML)
	}
	if strings.Contains(res.Text, "secret") || res.Summary != "Shown." {
		t.Errorf("text %q, summary %q", res.Text, res.Summary)
	}
}

// TestSummaryFirstParagraphInHTML: a post that begins with a paragraph of
// raw HTML has it for its summary, not the first one in Markdown far
// below (a real blog's, 489 words in).
func TestSummaryFirstParagraphInHTML(t *testing.T) {
	for src, want := range map[string]string{
		"<p class=\"lead\">Work should be fun.</p>\n\n## Why\n\nLater text.\n":    "Work should be fun.",
		"<div class=\"note\">A note, no paragraph.</div>\n\nFirst in Markdown.\n": "First in Markdown.",
		"> A quote.\n\nFirst in Markdown.\n":                                      "First in Markdown.",
		// An <a name> left open, as a blog's anchors were written: the
		// paragraph after the heading is the page's (it was passed by,
		// and the summary was a list's "**Kind of Tool**").
		"<a name=\"top\">\n\n## Tools\n\nFirst in Markdown.\n\n<dl><dt>**Kind**</dt></dl>\n": "First in Markdown.",
	} {
		if got := New().Render(Text(src), Options{}).Summary; got != want {
			t.Errorf("%q: summary %q, want %q", src, got, want)
		}
	}
}

// TestTextOfLinksAndHeadings: a bare web address or email, linked, is the
// body's text (it was left out of search), and a heading's text has no
// "#" of its anchor ("Troca de idéias# Mesmo").
func TestTextOfLinksAndHeadings(t *testing.T) {
	res := New().Render(Text("## Contact us\n\nWrite to jobs@example.com or see https://example.com/jobs.\n"), Options{})
	if !strings.Contains(res.Text, "jobs@example.com") || !strings.Contains(res.Text, "https://example.com/jobs") || strings.Contains(res.Text, "#") {
		t.Errorf("text %q", res.Text)
	}
	res = New().Render(Text("## Contact us\n\nWrite to jobs@example.com.\n"), Options{Key: "k"})
	if strings.Contains(res.Text, "#") {
		t.Errorf("kept: text %q", res.Text)
	}
}
