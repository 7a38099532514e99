package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestUnpublishedPostFilesStayPrivate: the files beside a post
// (static/posts/<slug>/, where a post's images go) of a post the blog
// does not publish (a draft, a private post, one dated after today) were
// copied to public/ all the same: the private post's image published,
// and its address with it (a QA pass). They are the wiki's, beside the
// post's page there, which shows them; the blog has them once it
// publishes the post.
func TestUnpublishedPostFilesStayPrivate(t *testing.T) {
	dir := copySite(t)
	const draft = "content/posts/consensus-talk-notes.md" // draft: true
	write(t, dir, "content/posts/who-i-owe.md", "---\ntitle: Who I owe\ndate: 2026-01-05\nprivate: true\n---\nMy map: ![map](favour-map.png) and <img src=\"raw.png\" width=\"9\">\n\n![gone](missing.png)\n")
	write(t, dir, "static/posts/who-i-owe/favour-map.png", "PRIVATE-MAP")
	write(t, dir, "static/posts/who-i-owe/raw.png", "PRIVATE-RAW")
	write(t, dir, "static/posts/consensus-talk-notes/sketch.png", "DRAFT-SKETCH")
	rewrite(t, dir, draft, func(s string) string { return s + "\n![sketch](sketch.png)\n" })
	write(t, dir, "static/posts/idempotency-is-a-contract/chart.png", "PUBLIC-CHART")

	build := func(opts Options) *Result {
		t.Helper()
		res, err := Render(os.DirFS(dir), opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	res := build(Options{Now: now})
	for p, b := range res.Public {
		if strings.HasPrefix(p, "posts/who-i-owe/") || strings.HasPrefix(p, "posts/consensus-talk-notes/") || strings.Contains(string(b), "PRIVATE-") || strings.Contains(string(b), "DRAFT-") {
			t.Errorf("public/%s published", p)
		}
	}
	if string(res.Public["posts/idempotency-is-a-contract/chart.png"]) != "PUBLIC-CHART" {
		t.Error("a published post's file is not on the blog")
	}
	for p, want := range map[string]string{
		"posts/who-i-owe/favour-map.png":        "PRIVATE-MAP",
		"posts/who-i-owe/raw.png":               "PRIVATE-RAW",
		"posts/consensus-talk-notes/sketch.png": "DRAFT-SKETCH",
	} {
		if got := string(res.Private[p]); got != want {
			t.Errorf("private/%s = %q, want %q", p, got, want)
		}
	}
	page := string(res.Private["posts/who-i-owe.html"])
	for _, want := range []string{`src="who-i-owe/favour-map.png"`, `src="who-i-owe/raw.png"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the wiki's page of the private post has no %s", want)
		}
	}
	if !strings.Contains(string(res.Private["posts/consensus-talk-notes.html"]), `src="consensus-talk-notes/sketch.png"`) {
		t.Error("the wiki's page of the draft does not show its sketch")
	}
	// What is there is no broken link; what is not is, at its line.
	b, _ := os.ReadFile(filepath.Join(dir, "content/posts/who-i-owe.md"))
	line := strings.Count(strings.Split(string(b), "![gone]")[0], "\n") + 1
	got := res.Warnings.Error()
	if want := fmt.Sprintf("content/posts/who-i-owe.md:%d: broken link missing.png", line); !strings.Contains(got, want) {
		t.Errorf("no %q in\n%s", want, got)
	}
	for _, f := range []string{"favour-map.png", "raw.png", "sketch.png"} {
		if strings.Contains(got, f) {
			t.Errorf("%s said broken:\n%s", f, got)
		}
	}

	// Published with --drafts, the draft's file is the blog's.
	res = build(Options{Now: now, Drafts: true})
	if string(res.Public["posts/consensus-talk-notes/sketch.png"]) != "DRAFT-SKETCH" {
		t.Error("a draft published with --drafts lost its file")
	}
	for p := range res.Public {
		if strings.HasPrefix(p, "posts/who-i-owe/") {
			t.Errorf("public/%s published with --drafts", p)
		}
	}
}
