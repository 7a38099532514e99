package markdown

import (
	"runtime"
	"strings"
	"testing"
)

// A hidden element holding an element whose end tag the writer left out
// (<li>, <p>) is closed by its own end tag in a browser; htmlTexts pops
// its hiding stack only on an exact match at the top, so the rest of the
// body is "hidden" from Text, Words and Summary.
func TestSixthReviewHiddenOptionalEnd(t *testing.T) {
	for _, trust := range []bool{false, true} {
		for _, src := range []string{
			"<div hidden>\n<ul>\n<li>one\n<li>two\n</ul>\n</div>\n\nEverything after this.\n",
			"<div hidden>\n<p>Internal note\n</div>\n\nEverything after this.\n",
		} {
			for _, key := range []string{"", "k"} {
				r := New()
				r.TrustHTML(trust)
				res := r.Render(Text(src), Options{Key: key})
				if !strings.Contains(res.Text, "Everything after this.") || res.Summary != "Everything after this." {
					t.Errorf("trust %v key %q %q: text %q, summary %q, words %d", trust, key, src, res.Text, res.Summary, res.Words)
				}
			}
		}
	}
}

// A hidden element left open in a quote (or a list item) ends with it in
// a browser (</blockquote> closes it); the text after the quote is
// shown, but the hiding carried over blocks drops it from Text.
func TestSixthReviewHiddenLeftOpenInQuote(t *testing.T) {
	src := "> <div hidden>\n>\n> a note\n\nEverything after this.\n"
	for _, key := range []string{"", "k"} {
		res := New().Render(Text(src), Options{Key: key})
		t.Logf("html %q", res.HTML)
		if !strings.Contains(res.Text, "Everything after this.") || res.Summary != "Everything after this." {
			t.Errorf("key %q: text %q, summary %q, words %d", key, res.Text, res.Summary, res.Words)
		}
	}
}

// A <p> left open (its end tag is optional) is closed by the next <p>, a
// Markdown paragraph's: that paragraph is the page's own, at its top
// level. firstHTMLParagraph's open stack keeps "p" open for good, so the
// post has no summary (before this session's change it was the first
// top-level paragraph's text).
func TestSixthReviewSummaryAfterOpenP(t *testing.T) {
	for _, src := range []string{
		"<p><img src=\"/a.png\" alt=\"\">\n\nIntro text.\n",
		"<p>\n\nIntro text.\n",
	} {
		for _, key := range []string{"", "k"} {
			res := New().Render(Text(src), Options{Key: key})
			if res.Summary != "Intro text." {
				t.Errorf("key %q %q: summary %q (html %q)", key, src, res.Summary, res.HTML)
			}
		}
	}
}

// A <template> goes with what it holds (the policy's SkipElementsContent),
// but in a paragraph the sanitizer cleans raw HTML a tag at a time: the
// tags go, and the text between them is published, shown.
func TestSixthReviewInlineTemplateShown(t *testing.T) {
	for _, src := range []string{
		"Intro <template>draft: not for readers</template> end.\n",
		"<template>\n\ndraft: not for readers\n\n</template>\n\nPublic.\n",
	} {
		for _, key := range []string{"", "k"} {
			res := New().Render(Text(src), Options{Key: key})
			if strings.Contains(res.HTML, "not for readers") {
				t.Errorf("key %q: html %q, removed %v", key, res.HTML, res.HTMLRemoved)
			}
		}
	}
}

// firstHTMLParagraph clones the open-element stack for every HTML block
// (htmlParagraph's slices.Clone(open)), and a <p> or <li> left open is
// never popped: a body of n such blocks without text allocates O(n²).
// Measured in bytes allocated, not time: 4x the blocks should be about
// 4x the bytes.
func TestSixthReviewOpenStackQuadratic(t *testing.T) {
	alloc := func(n int) uint64 {
		src := strings.Repeat("<p>\n\n", n) + "text\n"
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		New().Render(Text(src), Options{Parts: PartSummary})
		runtime.ReadMemStats(&b)
		return b.TotalAlloc - a.TotalAlloc
	}
	small, big := alloc(4000), alloc(16000)
	if big > 8*small {
		t.Errorf("4000 blocks: %d bytes; 16000: %d (%.1fx)", small, big, float64(big)/float64(small))
	}
}
