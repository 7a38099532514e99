package markdown

import (
	"strings"
	"testing"
)

// TestEscapeTextIndentedURLReviewed: an indented web address in a note was
// a link before 3aa437a (the indentation was dropped); now it follows
// "&nbsp;", GFM's autolink does not start after ';', the address is plain
// text and the _…_ and ~…~ that urlAt left unescaped (for a link that
// takes them whole) become emphasis and strikethrough.
func TestEscapeTextIndentedURLReviewed(t *testing.T) {
	for _, s := range []string{"Files:\n  https://x.example/files/_old_/a.pdf", "Page:\n  https://cs.example.edu/~ana~1/"} {
		esc := EscapeText(s)
		if back := Unescape(esc); back != s {
			t.Errorf("round trip %q -> %q", s, back)
		}
		html := New().Render(Text(esc), Options{}).HTML
		url := strings.TrimSpace(strings.SplitN(s, "\n", 2)[1])
		if strings.Contains(html, "<em>") || strings.Contains(html, "<del>") || !strings.Contains(html, `href="`+url+`"`) {
			t.Errorf("%q escaped as %q renders %s", s, esc, html)
		}
	}
}
