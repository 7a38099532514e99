package journal

import (
	"strings"
	"testing"
)

// TestSeventhReviewPrivateFileLinks: a seventh review's finding: a
// public link to a file in a private post's folder, written as the
// site's whole URL (a link, an autolink) or with its folder's name
// percent-escaped, was not refused.
func TestSeventhReviewPrivateFileLinks(t *testing.T) {
	cjk := "---\ntitle: S\ndate: 2026-01-01\nprivate: true\n---\nx\n"
	for _, c := range []struct{ name, secret, body string }{
		{"web URL in body", "content/posts/secret.md", "![pic](https://example.com/blog/posts/secret/photo.png)"},
		{"web URL autolink", "content/posts/secret.md", "<https://example.com/blog/posts/secret/notes.pdf>"},
		{"percent-escaped segment", "content/posts/secret.md", "![pic](/blog/posts/s%65cret/photo.png)"},
		{"CJK slug escaped", "content/posts/秘密.md", "![pic](/blog/posts/%E7%A7%98%E5%AF%86/photo.png)"},
		{"CJK slug raw", "content/posts/秘密.md", "![pic](/blog/posts/秘密/photo.png)"},
		{"html img", "content/posts/secret.md", "<img src=\"/blog/posts/secret/photo.png\">"},
	} {
		files := map[string]string{
			c.secret:                cjk,
			"content/posts/open.md": "---\ntitle: Open\ndate: 2026-01-02\n---\n" + c.body + "\n",
		}
		_, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files)
		if err == nil || !strings.Contains(err.Error(), "links to private post") {
			t.Errorf("%s: %s: not refused: %v", c.name, c.body, err)
		}
	}
}

// TestSeventhReviewPublicPageUnderAPrivateOne: a public page whose
// address is under a private page's (projects/foo/ under projects/) is
// no private address: a link to it was refused.
func TestSeventhReviewPublicPageUnderAPrivateOne(t *testing.T) {
	files := map[string]string{
		"content/pages/projects.md":     "---\ntitle: Projects\nprivate: true\n---\nMine.\n",
		"content/pages/projects/foo.md": "---\ntitle: Foo\n---\nFoo.\n",
		"content/posts/open.md":         "---\ntitle: Open\ndate: 2026-01-02\n---\nSee [foo](/blog/projects/foo/).\n",
	}
	if _, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files); err != nil {
		t.Error(err)
	}
}

// TestEighthReviewMoreWaysToAPrivatePost: an eighth review's findings:
// a srcset's web address, a scheme-relative //host/ link, a %2F in the
// path and a capital in posts/ named a private post's address with no
// error (a broken-link warning, or none).
func TestEighthReviewMoreWaysToAPrivatePost(t *testing.T) {
	for _, body := range []string{
		`<img srcset="https://example.com/blog/posts/secret/photo.png 2x">`,
		"[x](//example.com/blog/posts/secret/)",
		`<a href="//example.com/blog/posts/secret/">x</a>`,
		"![p](/blog/posts%2Fsecret/photo.png)",
		"![p](../secret%2Fphoto.png)",
		"![p](/blog/Posts/secret/photo.png)",
	} {
		files := map[string]string{
			"content/posts/secret.md": secretPost,
			"content/posts/open.md":   "---\ntitle: Open\ndate: 2026-01-02\n---\n" + body + "\n",
		}
		_, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files)
		if err == nil || !strings.Contains(err.Error(), "links to private post") {
			t.Errorf("%s: not refused: %v", body, err)
		}
	}
}
