package markdown

import (
	"strings"
	"testing"
)

// A <template> on a line of its own whose </template> ends a paragraph
// (the usual way to write it: an end tag cannot start an HTML block in
// a paragraph, so it is the paragraph's raw HTML). dropTemplates stops
// only at a sibling that is itself raw HTML or an HTML block, so it takes
// out the paragraph and everything after it to the end of the post.
func TestSeventhReviewTemplateEndInParagraph(t *testing.T) {
	for _, src := range []string{
		"<template>\nDraft one.\n\nDraft two.\n</template>\n\nPublic text.\n\n## Later\n\nMore public.\n",
		"<template>\n\nDraft.</template>\n\nPublic text.\n\n## Later\n\nMore public.\n",
	} {
		for _, key := range []string{"", "k"} {
			res := New().Render(Text(src), Options{Key: key})
			for _, want := range []string{"Public text.", "More public."} {
				if !strings.Contains(res.HTML, want) || !strings.Contains(res.Text, want) {
					t.Errorf("key %q %q: %q lost: html %q text %q", key, src, want, res.HTML, res.Text)
				}
			}
		}
	}
}

// Inline: the </template> within an emphasis (or a link) is a child of
// it, not a sibling of the <template>: the emphasis is removed, and the
// rest of the paragraph with it.
func TestSeventhReviewTemplateEndInEmphasis(t *testing.T) {
	src := "Intro <template>*draft</template>* visible tail.\n"
	for _, key := range []string{"", "k"} {
		res := New().Render(Text(src), Options{Key: key})
		if !strings.Contains(res.HTML, "visible tail.") {
			t.Errorf("key %q: html %q text %q", key, res.HTML, res.Text)
		}
	}
}

// An inline <template> whose end is in a later paragraph: what it held
// may show (its end is in no node beside it), but nothing after it is
// lost.
func TestSeventhReviewTemplateInlineAcrossParagraphs(t *testing.T) {
	src := "Intro <template>draft one\n\ndraft two</template> end.\n"
	for _, key := range []string{"", "k"} {
		res := New().Render(Text(src), Options{Key: key})
		if !strings.Contains(res.HTML, "end.") || !strings.Contains(res.Text, "end.") {
			t.Errorf("key %q: html %q text %q", key, res.HTML, res.Text)
		}
	}
}

// Trusted HTML keeps a template as written.
func TestSeventhReviewTemplateTrusted(t *testing.T) {
	src := "<template>\n\nDraft [[a]].\n\n</template>\n\nPublic.\n"
	r := New()
	r.TrustHTML(true)
	res := r.Render(Text(src), Options{})
	t.Logf("%q %v", res.HTML, res.Wikilinks)
	if !strings.Contains(res.HTML, "Draft") {
		t.Errorf("html %q", res.HTML)
	}
}

// The wikilinks and links of a template's content.
func TestSeventhReviewTemplateLinks(t *testing.T) {
	src := "<template>\n\nDraft [[secret-page]] and [x](/gone/).\n\n</template>\n\nPublic.\n"
	r := New()
	res := r.Render(Text(src), Options{})
	t.Logf("%q wl %v links %v slips %v removed %v", res.HTML, res.Wikilinks, res.Links, res.Slips, res.HTMLRemoved)
	f := r.Facts(Text(src))
	t.Logf("facts wl %v; links %v", f.Wikilinks, r.Links(Text(src)))
	if len(res.Wikilinks) > 0 || len(f.Wikilinks) > 0 || len(r.Links(Text(src))) > 0 {
		t.Errorf("links of removed text")
	}
}

// Comments, attributes, escapes, code.
func TestSeventhReviewTemplateNotATag(t *testing.T) {
	for _, src := range []string{
		"Use `<template>` in Vue.\n\nKeep me.\n",
		"```\n<template>\n```\n\nKeep me.\n",
		"A &lt;template&gt; tag.\n\nKeep me.\n",
		"<!-- <template> -->\n\nKeep me.\n",
		"Text <!-- <template> --> here.\n\nKeep me.\n",
		"<img alt=\"<template>\" src=\"/a.png\">\n\nKeep me.\n",
		"<div title=\"<template>\">x</div>\n\nKeep me.\n",
		"<template>a</template><template>b</template>\n\nKeep me.\n",
		"    <template>\n\nKeep me.\n",
	} {
		res := New().Render(Text(src), Options{})
		if !strings.Contains(res.HTML, "Keep me.") {
			t.Errorf("%q: html %q", src, res.HTML)
		}
	}
}

// A slip (wikilink syntax in raw HTML) is reported for an HTML block
// dropTemplates took out: a warning about text that is not on the page.
func TestSeventhReviewSlipOfRemovedBlock(t *testing.T) {
	src := "<template>\n\n<a href=\"[[x]]\">y</a>\n\n</template>\n\nPublic.\n"
	res := New().Render(Text(src), Options{})
	if len(res.Slips) > 0 {
		t.Errorf("slips %v for html %q", res.Slips, res.HTML)
	}
}
