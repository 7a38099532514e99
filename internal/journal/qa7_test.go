package journal

import (
	"strings"
	"testing"

	"github.com/netjournal/netjournal/internal/markdown"
)

// TestSubPathLinksToPrivate: with a base_url under a path (/blog/), a
// root link written without it (/posts/secret/), which the renderer puts
// under /blog/, was passed by the check: a broken link's warning, the
// private post's address published in the page and the feeds (a QA
// pass). So were raw HTML's and an image's in the post's folder.
func TestSubPathLinksToPrivate(t *testing.T) {
	for _, body := range []string{"See [s](/posts/secret/).", `<a href="/posts/secret/">s</a>`, "![i](/posts/secret/p.png)", "[s](../secret/)"} {
		files := map[string]string{
			"content/posts/secret.md": "---\ntitle: Secret\ndate: 2026-01-01\nprivate: true\n---\nS.\n",
			"content/posts/pub.md":    "---\ntitle: Pub\ndate: 2026-01-02\n---\n" + body + "\n",
		}
		_, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files)
		if err == nil || !strings.Contains(err.Error(), `content/posts/pub.md:5: public post links to private post "secret" (/blog/posts/secret/)`) {
			t.Errorf("%s: not refused: %v", body, err)
		}
	}
	// The host's root, outside the site, is no address of it.
	files := map[string]string{
		"content/posts/secret.md": "---\ntitle: Secret\ndate: 2026-01-01\nprivate: true\n---\nS.\n",
		"content/posts/pub.md":    "---\ntitle: Pub\ndate: 2026-01-02\n---\nSee [x](https://example.com/posts/secret/).\n",
	}
	if _, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files); err != nil {
		t.Errorf("a link outside the site refused: %v", err)
	}
}

// TestLinksToUnpublishedPosts: a Markdown link of a published post to a
// draft's or a future post's address was a broken link's warning, the
// address published (a draft's slug its topic, often), where a wikilink
// to it is refused (a QA pass). It is refused too, unless the build
// publishes the post (--drafts, --future).
func TestLinksToUnpublishedPosts(t *testing.T) {
	files := map[string]string{
		"content/posts/secret-draft.md": "---\ntitle: D\ndate: 2026-01-01\ndraft: true\n---\nD.\n",
		"content/posts/next-plans.md":   "---\ntitle: F\ndate: 2099-01-01\n---\nF.\n",
		"content/posts/pub.md":          "---\ntitle: Pub\ndate: 2026-01-02\n---\n[d](/posts/secret-draft/)\n\n[f](/posts/next-plans/)\n",
	}
	_, err := publicOf(t, "title: T\nbase_url: https://example.com/\n", files)
	got := ""
	if err != nil {
		got = err.Error()
	}
	for _, want := range []string{
		`content/posts/pub.md:5: public post links to draft post "secret-draft" (/posts/secret-draft/)`,
		`content/posts/pub.md:7: public post links to post "next-plans", dated 2099-01-01 (/posts/next-plans/)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	j, err := Build(loadSite(t, "title: T\nbase_url: https://example.com/\n", files), markdown.New(), Options{Now: now, Drafts: true, Future: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Public(); err != nil {
		t.Errorf("refused with both published: %v", err)
	}
}

// TestReviewedLinksToUnpublished: a review's. A base path of other
// letters (/café/) let every link to a private post through, the check
// reading the path as written against the base path escaped; and a draft
// page's address was published with a broken link's warning.
func TestReviewedLinksToUnpublished(t *testing.T) {
	for _, body := range []string{"[s](/café/posts/secret/)", "[s](/caf%C3%A9/posts/secret/)", "[s](https://example.com/café/posts/secret/)", "[s](/posts/secret/)"} {
		files := map[string]string{
			"content/posts/secret.md": "---\ntitle: S\ndate: 2026-01-01\nprivate: true\n---\nS.\n",
			"content/posts/pub.md":    "---\ntitle: P\ndate: 2026-01-02\n---\n" + body + "\n",
		}
		if _, err := publicOf(t, "title: T\nbase_url: https://example.com/café/\n", files); err == nil || !strings.Contains(err.Error(), `links to private post "secret"`) {
			t.Errorf("%s: not refused: %v", body, err)
		}
	}
	files := map[string]string{
		"content/pages/acquisition-of-acme.md": "---\ntitle: Plans\ndraft: true\n---\nP.\n",
		"content/posts/pub.md":                 "---\ntitle: P\ndate: 2026-01-02\n---\nSee [plans](/acquisition-of-acme/).\n",
	}
	if _, err := publicOf(t, "title: T\nbase_url: https://example.com/\n", files); err == nil || !strings.Contains(err.Error(), `content/posts/pub.md:5: public post links to draft page "acquisition-of-acme"`) {
		t.Errorf("a link to a draft page not refused: %v", err)
	}
}

// TestMenuLinksToUnpublished: a third review's. A menu entry of
// netjournal.yaml leading to a private or a draft page, or a private
// post, put the address on every page, with a broken link's warning; the
// same link in a body is refused. Refused too, at the entry's line.
func TestMenuLinksToUnpublished(t *testing.T) {
	cfg := "title: T\nbase_url: https://example.com/blog/\nmenu:\n  - {title: J, url: /secret/}\n  - {title: L, url: /posts/hidden/}\n  - {title: K, url: /draft/}\n  - {title: W, url: 'https://example.com/blog/secret/'}\n  - {title: A, url: /about/}\n"
	files := map[string]string{
		"content/pages/secret.md": "---\ntitle: S\nprivate: true\n---\nS.\n",
		"content/pages/draft.md":  "---\ntitle: D\ndraft: true\n---\nD.\n",
		"content/pages/about.md":  "---\ntitle: About\n---\nA.\n",
		"content/posts/hidden.md": "---\ntitle: H\ndate: 2026-01-01\nprivate: true\n---\nH.\n",
		"content/posts/open.md":   "---\ntitle: O\ndate: 2026-01-02\n---\nO.\n",
	}
	_, err := publicOf(t, cfg, files)
	got := ""
	if err != nil {
		got = err.Error()
	}
	for _, want := range []string{
		`netjournal.yaml:4: menu links to private page "secret" (/blog/secret/)`,
		`netjournal.yaml:5: menu links to private post "hidden" (/blog/posts/hidden/)`,
		`netjournal.yaml:6: menu links to draft page "draft" (/blog/draft/)`,
		`netjournal.yaml:7: menu links to private page "secret" (/blog/secret/)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "about") {
		t.Errorf("a public page refused:\n%s", got)
	}
}
