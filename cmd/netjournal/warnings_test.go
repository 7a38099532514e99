package main

import (
	"strings"
	"testing"

	"github.com/netjournal/netjournal/internal/build"
	"github.com/netjournal/netjournal/internal/content"
)

// TestPrintWarnings: a message that one file has at many places is
// written at its first and the others named on one line; a message at a
// few, or in other files, is written as it is, in order.
func TestPrintWarnings(t *testing.T) {
	var l content.ErrorList
	add := func(path string, line int, msg string) {
		l = append(l, &content.Error{Pos: content.Position{Path: path, Line: line}, Msg: msg})
	}
	add("a.md", 2, "other")
	for i := range 14 {
		add("a.md", 10+i, "raw HTML: removed style=")
	}
	add("a.md", 40, "other")
	add("b.md", 1, "raw HTML: removed style=") // another file's
	for range 3 {
		add("c.md", 5, "three times: all written")
	}
	for range 5 {
		add("public/x/index.html", 0, "broken link y: no such page")
	}
	var b strings.Builder
	printWarnings(&b, l)
	want := `a.md:2: warning: other
a.md:10: warning: raw HTML: removed style=
a.md: warning: the same at 13 more places: lines 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23
a.md:40: warning: other
b.md:1: warning: raw HTML: removed style=
c.md:5: warning: three times: all written
c.md:5: warning: three times: all written
c.md:5: warning: three times: all written
public/x/index.html: warning: broken link y: no such page
public/x/index.html: warning: the same 4 more times
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestProblemsOfAFailedBuild: serve and --watch say what the load warned
// of, first, as build does: a post saved as .markdown is why a link to
// it finds nothing (a review found them saying the error alone).
func TestProblemsOfAFailedBuild(t *testing.T) {
	err := &build.Failed{
		ErrorList: content.ErrorList{content.Errorf(content.Position{Path: "content/posts/new.md", Line: 5}, "public post links to %q, which matches nothing", "old")},
		Warnings:  content.ErrorList{content.Errorf(content.Position{Path: "content/posts/old.markdown"}, "not read: rename it old.md")},
	}
	got := strings.Join(problems(err), "\n")
	want := "content/posts/old.markdown: warning: not read: rename it old.md\ncontent/posts/new.md:5: public post links to \"old\", which matches nothing"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestPrintWarningsAcrossFiles: a message that more than three files
// have (an imported blog's every post with a style= a page cannot keep:
// a real one's 350 lines, each with the same hint) is written in full for
// the first three, then on one line that names every other place.
func TestPrintWarningsAcrossFiles(t *testing.T) {
	var l content.ErrorList
	add := func(path string, line int, msg string) {
		l = append(l, &content.Error{Pos: content.Position{Path: path, Line: line}, Msg: msg})
	}
	const style = "raw HTML: removed style= (trust_html: true keeps it)"
	for i, f := range []string{"a.md", "b.md", "c.md", "d.md", "e.md"} {
		add(f, i+1, style)
		if f == "d.md" {
			add(f, 9, style)
		}
	}
	add("e.md", 3, "other")
	// A page's warning has no line: each page named once, with how many
	// times (a review's: its path was repeated for each).
	for _, f := range []string{"p/a.html", "p/b.html", "p/c.html", "p/d.html", "p/e.html"} {
		for range 2 {
			add(f, 0, "broken link y: no such page")
		}
	}
	// Four files: the fourth is written in full, as a line naming it
	// would be no shorter.
	for _, f := range []string{"w.md", "x.md", "y.md", "z.md"} {
		add(f, 1, "four files")
	}
	var b strings.Builder
	printWarnings(&b, l)
	want := `a.md:1: warning: raw HTML: removed style= (trust_html: true keeps it)
b.md:2: warning: raw HTML: removed style= (trust_html: true keeps it)
c.md:3: warning: raw HTML: removed style= (trust_html: true keeps it)
warning: the same in 2 more files: d.md:4, d.md:9, e.md:5
e.md:3: warning: other
p/a.html: warning: broken link y: no such page
p/a.html: warning: broken link y: no such page
p/b.html: warning: broken link y: no such page
p/b.html: warning: broken link y: no such page
p/c.html: warning: broken link y: no such page
p/c.html: warning: broken link y: no such page
warning: the same in 2 more files: p/d.html (2 times), p/e.html (2 times)
w.md:1: warning: four files
x.md:1: warning: four files
y.md:1: warning: four files
z.md:1: warning: four files
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestPrintWarningsAcrossFilesInPlace: the line that names the other
// files of a message comes right after the last of its files written in
// full, not where the first of the others sorts, after another message
// (a real import's "the same in 12 more files" of an <iframe> came under
// a target= warning).
func TestPrintWarningsAcrossFilesInPlace(t *testing.T) {
	var l content.ErrorList
	add := func(path string, line int, msg string) {
		l = append(l, &content.Error{Pos: content.Position{Path: path, Line: line}, Msg: msg})
	}
	for _, f := range []string{"a.md", "b.md", "c.md", "d.md", "e.md"} {
		add(f, 1, "removed <iframe>")
		if f == "c.md" {
			add(f, 5, "removed target= on <a>")
		}
	}
	var b strings.Builder
	printWarnings(&b, l)
	want := `a.md:1: warning: removed <iframe>
b.md:1: warning: removed <iframe>
c.md:1: warning: removed <iframe>
warning: the same in 2 more files: d.md:1, e.md:1
c.md:5: warning: removed target= on <a>
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
