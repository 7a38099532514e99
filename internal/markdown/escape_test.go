package markdown

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// typed reads the typographer's quotes and dashes back as typed.
var typed = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "--", "—", "---", "…", "...", "«", "<<", "»", ">>")

// shownAs is what a browser shows of a body Render makes: the text of its
// HTML, its words as one string, the typographer's quotes and dashes
// read back as typed.
func shownAs(t *testing.T, body string) (text string, res Result) {
	t.Helper()
	res = New().Render(Text(body), Options{})
	text = html.UnescapeString(tags.ReplaceAllString(res.HTML, ""))
	return typed.Replace(strings.Join(strings.Fields(text), " ")), res
}

var tags = regexp.MustCompile(`<[^>]*>`)

// checkEscaped checks that the text s, escaped, shows as written: the
// same words, no link, wikilink, raw HTML, heading, list, quote, code or
// emphasis made of it.
func checkEscaped(t *testing.T, s string) {
	t.Helper()
	esc := EscapeText(s)
	var lines, shown []string // as written back; as shown, a list's dashes not
	for _, l := range strings.Split(s, "\n") {
		if rest := strings.TrimLeft(l, " \t"); rest != l && strings.TrimSpace(rest) != "" {
			// Indented: kept, and shown so (as &nbsp; and &emsp;).
			lines = append(lines, l)
			shown = append(shown, rest)
			continue
		}
		l = strings.TrimLeft(l, " \t")
		written := ""
		for strings.HasPrefix(l, "- ") && strings.TrimSpace(l[2:]) != "" {
			written += "- "
			l = strings.TrimLeft(l[2:], " \t")
		}
		lines = append(lines, written+l)
		shown = append(shown, l)
	}
	if back, want := Unescape(esc), strings.Join(lines, "\n"); back != want {
		t.Errorf("%q escaped as %q reads back as %q", s, esc, back)
	}
	got, res := shownAs(t, esc)
	want := typed.Replace(strings.Join(strings.Fields(strings.Join(shown, "\n")), " "))
	if got != want {
		t.Errorf("%q escaped as %q shows %q, want %q", s, esc, got, want)
	}
	if len(res.Wikilinks) > 0 || len(res.Links) > 0 || len(res.HTMLRemoved) > 0 || len(res.Errors) > 0 {
		t.Errorf("%q escaped as %q: wikilinks %v, links %v, HTML removed %v, errors %v", s, esc, res.Wikilinks, res.Links, res.HTMLRemoved, res.Errors)
	}
	for _, tag := range []string{"<h", "<ol", "<blockquote", "<code", "<pre", "<em", "<strong", "<del", "<table", "<hr", "<dl", "<img", "<sup", "<math", "class=\"math"} {
		if strings.Contains(res.HTML, tag) {
			t.Errorf("%q escaped as %q makes %s: %s", s, esc, tag, res.HTML)
		}
	}
}

// An address book's note written into a contact shows as written
// (vCard NOTE: <FDMID>9830431</FDMID>, a*b*c).
func TestEscapeText(t *testing.T) {
	for _, s := range []string{
		"<FDMID>9830431</FDMID>", "a*b*c and _under_ and `code`", "[[Ana Lima]] and [a link](/x/) and ![img](p.png)",
		"# not a heading\n## nor this", "> not a quote", "+ not\n* a list", "- a list\n- of items", "- # not a heading\n- - > nor a quote", "-5 degrees\n- ", "1. not a list\n2) either", "12345. a number",
		"a title\n===", "a title\n---", "***", "term\n: not a definition", "| a | b |\n|---|---|\n| c | d |",
		"~~struck~~", "$$x^2$$ and $5", "&amp; &#38; &#x26; &copy; & Tom & Jerry &", "a \\ backslash \\* and \\[",
		"    indented four", "\tindented by a tab", "<https://example.com> <b>bold</b> <!-- comment -->",
		"footnote[^1]\n\n[^1]: the note", "https://example.com/a_b*c", "line one\nline two\n\nparagraph two",
		"café — “quoted” ‘single’ ... -- and ---", "<script>alert(1)</script>", "[x]: /link-definition",
		"www._a_ b", "http://_a_", "https://*a* b", "https://`code`", "http://$$x$$", "http://[x](/y)", "HTTPS://x.com/_a_", "wWw.x.com/*a*",
		"https://x.com/a*b* c", "(https://x.com/a)*b*", "https://x.com/a)*b*", "see https://x.com/!*a*", "www.x.com/a&copy; c", "https://x.com/a&amp;",
		"https://x.com/a\\_b", "https://x.com/a_b/c.html?x=1#top.", "see www.example.com, then",
		"```\nfenced\n```", "~~~\nfenced\n~~~", "<div>\n\nblock\n\n</div>", "a<b>c", "a\\\nhard break",
	} {
		checkEscaped(t, s)
	}
}

func FuzzEscapeText(f *testing.F) {
	for _, s := range []string{"<FDMID>1</FDMID>", "a*b*c", "[[x]]", "# h", "1. x", "$$x$$", "&amp;", "a\n===", "    code", "https://x.com/a*b* c", "www.x.com/a_b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\r\x00\u2028\u2029\ufeff") || !isPrintable(s) {
			return // the text of a note: printable, lines ending in \n
		}
		checkEscaped(t, s)
	})
}

func isPrintable(s string) bool {
	for _, r := range s {
		if r < ' ' && r != '\n' && r != '\t' || r == 0x7f || r == 0xfffd {
			return false
		}
	}
	return true
}

// TestUnescapeKeepsCode: a body written by hand may hold code, where
// Markdown shows a backslash as it is: Unescape leaves code spans and
// code blocks as written, found as Markdown reads them (across lines, in
// a quote or a list, indented; not where a line only looks like a
// fence), and raw HTML, and takes the escapes out of the rest.
func TestUnescapeKeepsCode(t *testing.T) {
	for in, want := range map[string]string{
		"a\\*b `c\\_d` e\\_f":                              "a*b `c\\_d` e_f",
		"x ``a ` \\_ b`` \\[y\\]":                          "x ``a ` \\_ b`` [y]",
		"an open ` tick \\_":                               "an open ` tick _",
		"\\`not code\\` \\_":                               "`not code` _",
		"```go\nx := a\\_b\n```\nafter \\_":                "```go\nx := a\\_b\n```\nafter _",
		"~~~~\n\\_\n~~~\nstill \\_\n~~~~\n\\_":             "~~~~\n\\_\n~~~\nstill \\_\n~~~~\n_",
		"    ```\nindented four \\_":                       "    ```\nindented four _",
		"`a\\_\nb` c\\_d":                                  "`a\\_\nb` c_d",
		"a ``\nb\\_c`` d":                                  "a ``\nb\\_c`` d",
		"```\nx\\_y\n    ```\nstill\\_code\n```\nafter\\_": "```\nx\\_y\n    ```\nstill\\_code\n```\nafter_",
		"> ```\n> x\\_y\n> ```":                            "> ```\n> x\\_y\n> ```",
		"- ```\n  x\\_y\n  ```":                            "- ```\n  x\\_y\n  ```",
		"para\n\n    code\\_here":                          "para\n\n    code\\_here",
		"``` a`b\nx\\_y\n```":                              "``` a`b\nx_y\n```",
		"<span title=\"a\\_b\">x\\_y</span>":               "<span title=\"a\\_b\">x_y</span>",
	} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEscapeTextURLWithUnderscores: a web address with underscores in its
// path (a vCard note's "Profile: https://example.com/ana_lima_dev") is
// linked whole, as written: its underscores escaped, the link stopped at
// the first, and the rest showed as text after it (a broken link).
func TestEscapeTextURLWithUnderscores(t *testing.T) {
	for in, link := range map[string]string{
		"Profile: https://example.com/ana_lima_dev":       `<a href="https://example.com/ana_lima_dev">https://example.com/ana_lima_dev</a>`,
		"see https://example.com/a_b_ then _c_":           `<a href="https://example.com/a_b">`,
		"www.example.com/snake_case/x and __init__ stays": `<a href="http://www.example.com/snake_case/x">`,
	} {
		html := New().Render(Text(EscapeText(in)), Options{}).HTML
		if !strings.Contains(html, link) || strings.Contains(html, "<em>") || strings.Contains(html, "<strong>") {
			t.Errorf("%q: %s", in, html)
		}
	}
}

// TestEscapeTextKeepsLineBreaks: an address book's note of several lines
// ("Kids: Tom, Ana" under "Met at GopherCon") showed as one run-on
// line: Markdown joins the lines of a paragraph. Each line that the next
// continues ends in a hard break, which Unescape takes out again; a list
// item's next item, a blank line and the text's end need none (a
// backslash there would show).
func TestEscapeTextKeepsLineBreaks(t *testing.T) {
	for in, want := range map[string]string{
		"Met at GopherCon.\nKids: Tom, Ana\n\nAsk about Lisbon.": "<p>Met at GopherCon.<br>\nKids: Tom, Ana</p>\n<p>Ask about Lisbon.</p>\n",
		"- a\n- b":            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n",
		"- a\n  more":         "<ul>\n<li>a<br>\n\u00a0\u00a0more</li>\n</ul>\n",
		"C:\\\nnext":          "<p>C:\\<br>\nnext</p>\n", // two spaces: see continues
		"one\n   \ntwo":       "<p>one</p>\n<p>two</p>\n",
		"line  \nwith spaces": "<p>line  <br>\nwith spaces</p>\n",
	} {
		esc := EscapeText(in)
		if got := New().Render(Text(esc), Options{}).HTML; got != want {
			t.Errorf("%q escaped as %q renders %q, want %q", in, esc, got, want)
		}
		checkEscaped(t, in)
	}
}

// TestUnescapeKeepsShownBackslash: a backslash at a line's end is a hard
// break only where a paragraph or an item goes on; at a paragraph's end,
// in a heading, before a fence, Markdown shows it, and Unescape keeps it
// (a review's finding: "Share: C:\" lost its backslash in an export).
func TestUnescapeKeepsShownBackslash(t *testing.T) {
	for in, want := range map[string]string{
		"Share: C:\\\n\nNext.":         "Share: C:\\\n\nNext.",
		"# Paths\\\nC: drive":          "# Paths\\\nC: drive",
		"- dir a\\\n- dir b":           "- dir a\\\n- dir b",
		"text a\\\n```\ncode\n```":     "text a\\\n```\ncode\n```",
		"one\\\ntwo":                   "one\ntwo",
		"> quoted\\\n> on":             "> quoted\n> on",
		"- item\\\n  more":             "- item\n  more",
		"[a\\\nb](/x) c\\\nd":          "[a\nb](/x) c\nd",
		"*em\\\nph* and \\*":           "*em\nph* and *",
		"Owes me\\\nCall before 10\\.": "Owes me\nCall before 10.",
	} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q; Markdown shows %q", in, got, want, New().Render(Text(in), Options{}).HTML)
		}
	}
}

// TestEscapeTextKeepsIndentation: a note's indented lines (an address
// book's "Kids:" over "  Tom"; a list under a heading of its own) lost
// their indentation, in the wiki and in the note export gave back: it is
// written as no-break spaces (a tab an em space), which Markdown shows and
// never reads as code or as a list, and which Unescape gives back as the
// spaces and tabs they were.
func TestEscapeTextKeepsIndentation(t *testing.T) {
	in := "Agenda:\n  1. intro\n\t- slides\n    code? no\n\n  - after a blank line\nend"
	esc := EscapeText(in)
	if want := "Agenda:\\\n&nbsp;&nbsp;1\\. intro\\\n&emsp;\\- slides\\\n&nbsp;&nbsp;&nbsp;&nbsp;code? no\n\n&nbsp;&nbsp;\\- after a blank line\\\nend"; esc != want {
		t.Errorf("EscapeText = %q, want %q", esc, want)
	}
	if back := Unescape(esc); back != in {
		t.Errorf("Unescape = %q, want %q", back, in)
	}
	res := New().Render(Text(esc), Options{})
	shown := html.UnescapeString(res.HTML)
	for _, want := range []string{"Agenda:<br>\n\u00a0\u00a01. intro<br>\n\u2003- slides<br>\n\u00a0\u00a0\u00a0\u00a0code? no</p>", "<p>\u00a0\u00a0- after a blank line<br>\nend</p>"} {
		if !strings.Contains(shown, want) {
			t.Errorf("no %q in %q", want, shown)
		}
	}
	// Code in a body written by hand is as written.
	if got := Unescape("```\n&nbsp;x\n```\n"); got != "```\n&nbsp;x\n```\n" {
		t.Errorf("code: %q", got)
	}
}
