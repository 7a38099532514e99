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

// TestUnpublishedPostFilesByAnyName: the folder beside a post the blog
// does not publish was held back by its slug alone, as written: one named
// as the post's file is (static/posts/Secret-Plans/, Café Notes/), or
// the file of a post whose slug: is another, was published, and the
// post's name with it (a review). A folder that is a post's by its
// slug, its file's name or its name folded is held, and the wiki has it
// beside the post's page, by the post's slug.
func TestUnpublishedPostFilesByAnyName(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/posts/Secret-Plans.md", "---\ntitle: Secret plans\ndate: 2026-01-05\nprivate: true\n---\n![pic](pic.png)\n")
	write(t, dir, "static/posts/Secret-Plans/pic.png", "PRIVATE-1")
	write(t, dir, "content/posts/Café Notes.md", "---\ntitle: Cafe\ndate: 2026-01-05\ndraft: true\n---\n![cup](cup.png)\n")
	write(t, dir, "static/posts/Café Notes/cup.png", "PRIVATE-2")
	write(t, dir, "content/posts/file-name.md", "---\ntitle: Other\ndate: 2026-01-05\nslug: other-slug\nprivate: true\n---\n![x](x.png)\n")
	write(t, dir, "static/posts/file-name/x.png", "PRIVATE-3")
	res, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range res.Public {
		if strings.Contains(string(b), "PRIVATE-") || strings.Contains(strings.ToLower(p), "secret") || strings.Contains(p, "Caf") || strings.Contains(p, "file-name") {
			t.Errorf("public/%s published", p)
		}
	}
	for p, want := range map[string]string{"posts/secret-plans/pic.png": "PRIVATE-1", "posts/cafe-notes/cup.png": "PRIVATE-2", "posts/other-slug/x.png": "PRIVATE-3"} {
		if got := string(res.Private[p]); got != want {
			t.Errorf("private/%s = %q, want %q", p, got, want)
		}
	}
	if got := res.Warnings.Error(); strings.Contains(got, "pic.png") || strings.Contains(got, "cup.png") || strings.Contains(got, "x.png") {
		t.Errorf("said broken:\n%s", got)
	}
}

// TestHeldFoldersOfASeventhReview: static/Posts/ (a capital, as a
// case-blind disk lets it be) holds a private post's folder too; and a
// folder named exactly as a published post's slug is that post's: it was
// held back, the public post's image broken (a review's findings).
func TestHeldFoldersOfASeventhReview(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/posts/secret-plans.md", "---\ntitle: Secret\ndate: 2026-01-05\nprivate: true\n---\n![pic](pic.png)\n")
	write(t, dir, "static/Posts/secret-plans/pic.png", "PRIVATE")
	write(t, dir, "content/posts/public-notes.md", "---\ntitle: Public notes\ndate: 2026-01-05\nslug: notes\n---\n![d](diagram.png)\n")
	write(t, dir, "static/posts/notes/diagram.png", "PUBLIC")
	res, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range res.Public {
		if string(b) == "PRIVATE" {
			t.Errorf("public/%s published", p)
		}
	}
	if string(res.Public["posts/notes/diagram.png"]) != "PUBLIC" {
		t.Errorf("the public post's image is not on the blog")
	}
	if string(res.Private["posts/secret-plans/pic.png"]) != "PRIVATE" {
		t.Errorf("the private post's image is not in the wiki")
	}
}

// TestHeldFolderOfTwoPosts: a folder named as a published post's slug
// and as a private post's file (Notes.md, slug: secret-x) was taken for
// the published post's, so the private post's images put there were
// published (a review). Whose it is cannot be told: the build fails,
// naming both posts, and public/ is untouched.
func TestHeldFolderOfTwoPosts(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/posts/Notes.md", "---\ntitle: N\ndate: 2026-01-05\nslug: secret-x\nprivate: true\n---\n![p](plan.png)\n")
	write(t, dir, "content/posts/public-notes.md", "---\ntitle: Public notes\ndate: 2026-01-05\nslug: notes\n---\n![d](diagram.png)\n")
	write(t, dir, "static/posts/notes/diagram.png", "PUBLIC")
	write(t, dir, "static/posts/notes/plan.png", "PRIVATE")
	_, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err == nil {
		t.Fatal("built, the folder taken for one of the two posts")
	}
	got := err.Error()
	for _, want := range []string{"static/posts/notes: ", "content/posts/public-notes.md", "content/posts/Notes.md", "static/posts/secret-x", "rename content/posts/Notes.md as its slug, secret-x.md"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

// TestHeldFilesTwice: static/posts/x/ and static/Posts/x/ of an
// unpublished post, each with a file of the same name: one of them was
// in the wiki, the other lost from it silently (a review). The build
// fails, naming both.
func TestHeldFilesTwice(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/posts/secret-plans.md", "---\ntitle: Secret\ndate: 2026-01-05\nprivate: true\n---\n![pic](pic.png)\n")
	write(t, dir, "static/posts/secret-plans/pic.png", "ONE")
	write(t, dir, "static/Posts/secret-plans/pic.png", "TWO")
	write(t, dir, "static/Posts/secret-plans/other.png", "THREE")
	_, err := Render(os.DirFS(dir), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err == nil {
		t.Fatal("built, one pic.png lost")
	}
	got := err.Error()
	for _, want := range []string{"static/Posts/secret-plans/pic.png", "static/posts/secret-plans/pic.png"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "other.png") {
		t.Errorf("a file of one folder alone said:\n%s", got)
	}
}
