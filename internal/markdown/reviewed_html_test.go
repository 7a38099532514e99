package markdown

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func hasBr(t *testing.T, s string) bool {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	var found func(n *html.Node) bool
	found = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "br" {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if found(c) {
				return true
			}
		}
		return false
	}
	return found(doc)
}

// "</br>", a common typo a browser (and x/net/html) reads as <br>: the
// sanitizer keeps it, then dropStrayEndTags removes it as an end tag of an
// element never opened, and the two lines run together on the page.
func TestFifthReviewStrayBrEndTag(t *testing.T) {
	for _, src := range []string{
		"Water</br>Phlebas\n",
		"<p>Water</br>Phlebas</p>\n",
	} {
		for _, opts := range []Options{{}, {Key: "public"}} {
			res := New().Render(Text(src), opts)
			if !hasBr(t, res.HTML) {
				t.Errorf("%q (key %q): HTML %q has no line break; a browser reads </br> as <br>", src, opts.Key, res.HTML)
			}
		}
	}
}

// ancestors returns the element names above the text node holding text,
// as a browser (x/net/html) parses the page: the body in a theme's
// <article>, and the theme's footer after it.
func ancestors(t *testing.T, body, text string) []string {
	doc, err := html.Parse(strings.NewReader("<article>" + body + "</article><footer>Theme footer</footer>"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode && strings.Contains(n.Data, text) {
			for a := n.Parent; a != nil; a = a.Parent {
				if a.Type == html.ElementNode {
					out = append(out, a.Data)
				}
			}
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc)
	return out
}

// Mis-nested formatting: a browser's adoption agency keeps <i> (<strong>)
// in its list of active formatting elements after the outer end tag, and
// the later end tag ends it. Dropped as stray, the rest of the body, and
// the theme's footer after it, is italic (bold).
func TestFifthReviewMisnestedEndTagDropped(t *testing.T) {
	for _, src := range []string{
		"<b><i>bold italic</b></i> plain\n\nnext paragraph\n",
		"a <em>b <strong>c</em> d</strong> e\n\nnext paragraph\n",
	} {
		for _, trust := range []bool{false, true} {
			r := New()
			r.TrustHTML(trust)
			res := r.Render(Text(src), Options{})
			for _, text := range []string{"next paragraph", "Theme footer"} {
				if a := ancestors(t, res.HTML, text); slices.Contains(a, "i") || slices.Contains(a, "strong") {
					t.Errorf("trust %v, %q: HTML %q: %q is in %v", trust, src, res.HTML, text, a)
				}
			}
		}
	}
}

// A raw </li> in a nested Markdown list item: dropStrayEndTags pairs it
// with the outer item, then drops the list's own </li> and </ul>; the
// paragraph after the list is inside the list on the page.
func TestFifthReviewNestedListRawLi(t *testing.T) {
	src := "- one\n  - two</li>\n- three\n\nA paragraph after the list.\n"
	res := New().Render(Text(src), Options{})
	if a := ancestors(t, res.HTML, "A paragraph after"); slices.Contains(a, "ul") {
		t.Errorf("HTML %q: the paragraph after the list is in %v", res.HTML, a)
	}
}

// hideStyled rewrites ` style="display:none"` anywhere in raw HTML, also in
// text: a code sample about CSS shows words the writer never wrote.
func TestFifthReviewHideStyledRewritesText(t *testing.T) {
	src := "<pre><code>&lt;span style=\"display:none\"&gt;x&lt;/span&gt;</code></pre>\n\n<p>The attribute style=\"display: none\" hides it.</p>\n"
	res := New().Render(Text(src), Options{})
	if strings.Contains(res.HTML, "hidden") {
		t.Errorf("HTML %q: \"hidden\" added to the writer's text", res.HTML)
	}
	if strings.Contains(res.Text, "hidden") {
		t.Errorf("text %q: \"hidden\" added to the writer's text", res.Text)
	}
}

// Inline raw HTML hidden by style: the text holds what the page shows.
// Where the site trusts its HTML, the style hides the words, and the text
// has none of them; else the sanitizer takes every style out (saying so),
// the page shows them, and so does the text. (A fifth review found the
// text read from the raw tag, against the page; a sixth round of real
// blogs, that a style of display: none made hidden hid collapsed code
// for good, its script gone.)
func TestFifthReviewInlineStyleHiddenInText(t *testing.T) {
	src := "Hello <span style=\"display:none\">secret words</span> world.\n"
	for _, trust := range []bool{false, true} {
		for _, opts := range []Options{{}, {Key: "public"}} {
			r := New()
			r.TrustHTML(trust)
			res := r.Render(Text(src), opts)
			shown := !strings.Contains(res.HTML, "display:none")
			if inText := strings.Contains(res.Text, "secret") && strings.Contains(res.Summary, "secret"); inText != shown {
				t.Errorf("trust %v, key %q: HTML %q, text %q, summary %q: the text and the page differ", trust, opts.Key, res.HTML, res.Text, res.Summary)
			}
			if shown == trust {
				t.Errorf("trust %v: HTML %q", trust, res.HTML)
			}
		}
	}
}

// A hidden element whose content is in a later HTML block (blocks end at a
// blank line): the page hides it, the text and the summary have it.
func TestFifthReviewHiddenAcrossBlocks(t *testing.T) {
	src := "<div hidden>\n\n<p>secret draft paragraph</p>\n\n</div>\n\nIntro.\n"
	res := New().Render(Text(src), Options{})
	if strings.Contains(res.Text, "secret") || strings.Contains(res.Summary, "secret") {
		t.Errorf("HTML %q\ntext %q, summary %q hold what the page hides", res.HTML, res.Text, res.Summary)
	}
}

// With trust_html, style="display:none" is kept as written (no hidden
// added) and htmlTexts does not read style: the text and summary have it.
func TestFifthReviewTrustedStyleHidden(t *testing.T) {
	r := New()
	r.TrustHTML(true)
	src := "<div style=\"display:none\"><p>secret tracking text</p></div>\n\nIntro.\n"
	res := r.Render(Text(src), Options{})
	if strings.Contains(res.Text, "secret") || strings.Contains(res.Summary, "secret") {
		t.Errorf("text %q, summary %q hold what the page hides", res.Text, res.Summary)
	}
}

// A closed <details>'s <p> becomes the summary, ahead of the first
// Markdown paragraph, though the page shows it only when opened; and an
// HTML <blockquote>'s <p> is taken where a Markdown quote is skipped.
func TestFifthReviewSummaryFromNestedHTMLParagraph(t *testing.T) {
	for _, src := range []string{
		"<details><summary>Spoiler</summary><p>The butler did it.</p></details>\n\nMy review of the film.\n",
		"<blockquote><p>An epigraph.</p></blockquote>\n\nMy post begins here.\n",
	} {
		res := New().Render(Text(src), Options{})
		if strings.HasPrefix(res.Summary, "The butler") || strings.HasPrefix(res.Summary, "An epigraph") {
			t.Errorf("%q: summary %q", src, res.Summary)
		}
	}
}
