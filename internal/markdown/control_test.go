package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/util"
)

// FuzzControl holds Control's byte scan to the rune scan it replaced, on
// any bytes, valid UTF-8 or not.
func FuzzControl(f *testing.F) {
	for _, s := range []string{"", "plain", "tab\tnew\nline\r", "bell\x07", "del\x7f", "é\x01", "\xff\xfe\x1b[31m", "\u0085 C1 is allowed",
		"<p>eight bytes at a time</p>\n<p>then a\x7fDEL</p>", "0123456789abcdef\x1b", "tabs\tand\nnew\r\nlines over eight bytes, and none else"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want rune
		found := false
		for _, r := range s {
			if IsControl(r) {
				want, found = r, true
				break
			}
		}
		got, ok := Control(s)
		if ok != found || got != want {
			t.Fatalf("Control(%q) = %q, %v; the rune scan says %q, %v", s, got, ok, want, found)
		}
	})
}

// FuzzUnescapeText: a text segment is unescaped as goldmark's three
// steps would, whether or not it holds a backslash or an ampersand.
func FuzzUnescapeText(f *testing.F) {
	for _, s := range []string{"plain words", `\*not emphasis\*`, "AT&amp;T", "&#42; &#x2A;", `\&amp;`, "&", `\`, "a & b", "&copy"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		want := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(bytes.Clone(v))))
		if got := unescapeText(bytes.Clone(v)); !bytes.Equal(got, want) {
			t.Errorf("unescapeText(%q) = %q, want %q", v, got, want)
		}
	})
}
