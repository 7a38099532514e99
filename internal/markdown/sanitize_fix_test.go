package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestRawLinkBadPercent: a link of raw HTML whose address has a percent
// sign that starts no escape (SICP's book-Z-H-17.html#%_sec_2.4) is kept,
// the sign written %25 as a Markdown link's is; a link the page may not
// have (javascript:) goes with its end tag, not leaving </a> behind.
func TestRawLinkBadPercent(t *testing.T) {
	for _, c := range []struct{ src, want, not, removed string }{
		{`Read <a href="http://mitpress.mit.edu/sicp/full-text/book/book-Z-H-17.html#%_sec_2.4">section 2.4</a> in SICP.`,
			`<a href="http://mitpress.mit.edu/sicp/full-text/book/book-Z-H-17.html#%25_sec_2.4">section 2.4</a>`, "", ""},
		{`A <a href="/x/100%">full</a> and <a title="100%" href="/y/">y</a>.`,
			`<a href="/x/100%25">full</a> and <a title="100%" href="/y/">y</a>`, "", ""},
		{`An <a href="/ok%20fine/">escape</a> kept.`, `<a href="/ok%20fine/">escape</a>`, "", ""},
		{`Click <a href="javascript:alert(1)">here</a> now.`, `Click here now.`, "</a>", "<a>"},
		{`Two <a href="javascript:x()">a</a> and <a href="javascript:y()">b</a>, <em>kept</em>.`, `Two a and b, <em>kept</em>.`, "</a>", "<a>"},
		// The end tag of a link kept stays, whatever was taken out before.
		{"Use the <a> element: <a href=\"/docs/\">docs</a>.\n\nNext.", `element: <a href="/docs/">docs</a>.</p>`, "", "<a>"},
		{`A <a href="javascript:x">bad, then <a href="/ok/">ok</a> here.`, `<a href="/ok/">ok</a> here.`, "", "<a>"},
		{`<a href="javascript:x">outer <a href="/ok/">inner</a> rest</a>`, `outer <a href="/ok/">inner</a> rest</p>`, "", "<a>"},
		{"A <a href=\"javascript:x\">bad <a href=\"/ok\"/>ok</a> rest.\n\nNext.", `<a href="/ok"/>ok</a> rest.</p>`, "", "<a>"},
		{"A <a href=\"/ok\">link and <a href=\"javascript:x\">bad</a> more.\n\nNext.", `<a href="/ok">link and bad</a> more.</p>`, "", "<a>"},
	} {
		res := New().Render(Text(c.src), Options{})
		if !strings.Contains(res.HTML, c.want) {
			t.Errorf("%s:\n%s\nwant %s", c.src, res.HTML, c.want)
		}
		if c.not != "" && strings.Contains(res.HTML, c.not) {
			t.Errorf("%s: %s is left in\n%s", c.src, c.not, res.HTML)
		}
		var removed []string
		for _, e := range res.HTMLRemoved {
			removed = append(removed, e.Err.Error())
		}
		if got := strings.Join(removed, "; "); c.removed == "" && got != "" || c.removed != "" && !strings.Contains(got, "removed "+c.removed) {
			t.Errorf("%s: removed %q, want %q", c.src, got, c.removed)
		}
	}
}

// TestRemovedAtItsLine: what the sanitizer removes from an HTML block is
// said at the line of its tag, one warning for each line: a post in HTML
// is one block of a hundred lines, and its first line was said for all
// (84 lines off, in a real blog's import).
func TestRemovedAtItsLine(t *testing.T) {
	src := "Intro.\n\n<div>\n<p>One</p>\n<p>Two <a href=\"/x/\" target=\"_blank\">x</a></p>\n\n<script>x()</script>\n<p style=\"color:red\">Three</p>\n<a href=\"/y/\" target=\"_blank\">y</a>\n</div>\n"
	res := New().Render(Text(src), Options{})
	var got []string
	for _, e := range res.HTMLRemoved {
		what, _, _ := strings.Cut(strings.TrimPrefix(e.Err.Error(), "raw HTML: removed "), ": it is")
		got = append(got, fmt.Sprintf("%d %s", e.Line, what))
	}
	// The block ends at the blank line; <script> begins another, and
	// the line after it a third.
	want := []string{"4 target= on <a>", "6 <script>", "7 style= on <p>", "8 target= on <a>"}
	if !slices.Equal(got, want) {
		t.Errorf("removed %q, want %q", got, want)
	}
}

// TestTextOfRawHTML: the text of raw HTML is the body's text, as the page
// shows it: words a <br> parts are two ("Water<br>Phlebas" made the
// summary's "WaterPhlebas"), and a body of HTML blocks alone (a post
// imported from WordPress or Blogger) has its words, its text to search
// and its first <p> for a summary: it had none of them.
func TestTextOfRawHTML(t *testing.T) {
	res := New().Render(Text("Death By Water<br>Phlebas the Phoenician,<br />a fortnight dead.\n"), Options{})
	if res.Summary != "Death By Water Phlebas the Phoenician, a fortnight dead." {
		t.Errorf("summary %q", res.Summary)
	}
	body := "<div class=\"post\">\n<h2>On *boats*</h2>\n<p>The first\nparagraph, &amp; more.</p>\n<!-- -->\n<p>Second one.</p>\n<script>var secret = 1;</script>\n</div>\n"
	res = New().Render(Text(body), Options{})
	if res.Summary != "The first paragraph, & more." {
		t.Errorf("summary %q", res.Summary)
	}
	if res.Words != 9 || !strings.Contains(res.Text, "Second one.") || strings.Contains(res.Text, "secret") {
		t.Errorf("words %d, text %q", res.Words, res.Text)
	}
}

// TestStrayEndTag: a body's end tag of an element it has none of open (a
// WordPress post's </div>) is dropped: it closed the theme's element
// around the body, and the rest of the post was out of the article. An
// end tag of an element the body opened stays, in Markdown's blocks as
// well (<div> … </div> around Markdown).
func TestStrayEndTag(t *testing.T) {
	for src, want := range map[string]string{
		"Text <b>x</b> and </div> more.\n":                        "<p>Text <b>x</b> and  more.</p>\n",
		"<div class=\"a\">\n\n**Bold** text.\n\n</div>\n</div>\n": "<div class=\"a\">\n<p><strong>Bold</strong> text.</p>\n</div>\n\n",
		"<ul><li>a</li></section>\n":                              "<ul><li>a</li>\n",
		"A <a href=\"/x/\"/>y</a>\n":                              "<p>A <a href=\"/x/\"/>y</a></p>\n", // <a/> is <a> to a browser
	} {
		if got := New().Render(Text(src), Options{}).HTML; got != want {
			t.Errorf("%q:\ngot  %q\nwant %q", src, got, want)
		}
	}
}
