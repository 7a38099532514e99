package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLineIndex: a body's line of every offset is the newlines before it,
// in a short body and a long one (indexed), whatever the order asked.
func TestLineIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 100, indexFrom - 1, indexFrom, 3 * indexFrom} {
		src := make([]byte, n)
		for i := range src {
			src[i] = "ab\n"[r.IntN(3)]
		}
		if n > 0 {
			src[0], src[n-1] = '\n', '\n'
		}
		x := newLineIndex(src)
		for k := 0; k < 500 && n > 0; k++ {
			off := r.IntN(n + 1)
			if got, want := x.line(off), bytes.Count(src[:off], []byte("\n")); got != want {
				t.Fatalf("length %d: line(%d) = %d, want %d", n, off, got, want)
			}
		}
	}
}

// TestManyWikilinksLines: the last of many wikilinks in a long body is
// said at its line.
func TestManyWikilinksLines(t *testing.T) {
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, "Line %d with [[Ana Lima]] in it.\n\n", i)
	}
	ls := New().Wikilinks(Text(b.String()))
	if len(ls) != 5000 || ls[4999].Line != 9998 || ls[0].Line != 0 {
		t.Fatalf("%d wikilinks, last at line %d", len(ls), ls[len(ls)-1].Line)
	}
	res := New().Render(Text(b.String()+"[a](/x/)\n"), Options{})
	if len(res.Links) != 1 || res.Links[0].Line != 10000 {
		t.Errorf("links %v", res.Links)
	}
}

// BenchmarkManyWikilinks prepares a body of n wikilinks, one a line: its
// time grows as n, not as n² (it did: every wikilink's line was counted
// from the body's start).
func BenchmarkManyWikilinks(b *testing.B) {
	for _, n := range []int{5000, 10000, 20000} {
		var s strings.Builder
		for i := range n {
			fmt.Fprintf(&s, "Line %d with [[Ana Lima]] in it.\n\n", i)
		}
		src := s.String()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				New().Render(Text(src), Options{})
			}
		})
		// The same lines as one paragraph (describe's contexts).
		para := strings.ReplaceAll(src, ".\n\n", ".\n")
		b.Run(fmt.Sprint(n, "/paragraph"), func(b *testing.B) {
			for b.Loop() {
				New().Render(Text(para), Options{})
			}
		})
	}
}

// TestOneParagraphOfManyWikilinks: a journal page written line under line,
// one paragraph, with a wikilink on each line: each link's context is its
// own sentence, and its line its own (the paragraph's text was made and
// looked through again for each link: a review measured 5 s at 2,000
// links, 43 s at 4,000).
func TestOneParagraphOfManyWikilinks(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "Line %d with [[Ana Lima]] in it.\n", i)
	}
	ls := New().Wikilinks(Text(b.String()))
	if len(ls) != 3000 {
		t.Fatalf("%d wikilinks", len(ls))
	}
	for _, i := range []int{0, 1500, 2999} {
		if l := ls[i]; l.Line != i || l.Before != fmt.Sprintf("Line %d with ", i) || l.After != " in it." {
			t.Errorf("wikilink %d: line %d, %q | %q", i, l.Line, l.Before, l.After)
		}
	}
}

// TestContextsAsBefore: what a context shows where only part of the text
// on either side of a wikilink is looked through (context's reach) is
// what it showed when all of it was: runs of spaces at the cut kept
// inside the context, a sentence's end just past the cut found, and a
// wikilink in hidden HTML given the text after it (a review compared the
// old code's contexts with the new on 6,000 generated bodies; these are
// the cases it found, with the old code's answers).
func TestContextsAsBefore(t *testing.T) {
	spaces := func(n int) string { return strings.Repeat(" ", n) }
	emoji := strings.Repeat("😀", 120)
	for _, c := range []struct{ body, before, after string }{
		{"See [[Ana Lima]] hello world" + spaces(600) + "end", "See ", " hello world" + spaces(107) + "…"},
		{"start" + spaces(600) + "hello world [[Ana Lima]] end.", "…" + spaces(107) + "hello world ", " end."},
		{"Intro. " + spaces(7) + emoji + "[[Ana Lima]] end.", emoji, " end."},
		{`Visible words <span hidden>[[Ana Lima]]</span> and more after.`, "", " and more after."},
	} {
		ls := New().Wikilinks(Text(c.body))
		if len(ls) != 1 || ls[0].Before != c.before || ls[0].After != c.after {
			t.Errorf("%.40q…: %q | %q, want %q | %q", c.body, ls[0].Before, ls[0].After, c.before, c.after)
		}
	}
}
