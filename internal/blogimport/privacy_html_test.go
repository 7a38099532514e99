package blogimport

import (
	"testing"
	"testing/fstest"
	"time"
)

// TestFifthReviewHTMLPagesPrivacy: a fifth review's check that what Jekyll and Hugo kept
// from the public in HTML (drafts, published: false, future, expired,
// sections never rendered, ignoreFiles) does not come in public.
func TestFifthReviewHTMLPagesPrivacy(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                   {Data: []byte("url: https://j.example.net\nexclude: [secret]\ndefaults:\n  - scope: {path: hidden}\n    values: {published: false}\n")},
		"_posts/2020-01-02-first.md":    {Data: []byte("---\ntitle: First\n---\n[a](../unpub.html) [b](../hidden/x.html) [c](../_drafts/d.html)\n")},
		"_posts/2030-01-02-future.html": {Data: []byte("---\ntitle: Future\n---\n<p>future</p>\n")},
		"unpub.html":                    {Data: []byte("---\ntitle: U\npublished: false\n---\n<p>unpub secret</p>\n")},
		"hidden/x.html":                 {Data: []byte("---\ntitle: X\n---\n<p>default unpub secret</p>\n")},
		"secret/y.html":                 {Data: []byte("---\ntitle: Y\n---\n<p>excluded secret</p>\n")},
		"_drafts/d.html":                {Data: []byte("---\ntitle: D\n---\n<p>draft secret</p>\n")},
		"prot.html":                     {Data: []byte("---\ntitle: P\npassword: x\n---\n<p>prot secret</p>\n")},
	}, Options{Root: "old", NewBase: "https://example.com/", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		t.Logf("post %s draft=%v date=%v body=%q", p.Slug, p.Draft, p.Date, p.Body)
	}
	for _, p := range plan.Pages {
		t.Logf("page %s %s draft=%v body=%q", p.Source, p.SitePath, p.Draft, p.Body)
		if !p.Draft {
			t.Errorf("public page %s", p.Source)
		}
	}
	for _, f := range plan.Files {
		t.Logf("file %v", f)
	}

	hplan, err := Hugo(fstest.MapFS{
		"config.toml":                {Data: []byte("baseURL = 'https://h.example.net/'\nignoreFiles = ['ign\\.html$']\n")},
		"content/notes/_index.md":    {Data: []byte("---\ncascade:\n  _build:\n    render: never\n---\n")},
		"content/notes/n.html":       {Data: []byte("---\ntitle: N\n---\n<p>note secret</p>\n")},
		"content/notes2/_index.html": {Data: []byte("---\ncascade:\n  draft: true\n---\n")},
		"content/notes2/m.html":      {Data: []byte("---\ntitle: M\n---\n<p>note2 secret</p>\n")},
		"content/hl/index.html":      {Data: []byte("---\nheadless: true\n---\n<p>headless secret</p>\n")},
		"content/hl/data.txt":        {Data: []byte("headless file")},
		"content/about/ign.html":     {Data: []byte("---\ntitle: I\n---\n<p>ignored secret</p>\n")},
		"content/dr.html":            {Data: []byte("---\ntitle: DR\ndraft: true\n---\n<p>draft secret</p>\n")},
		"content/fut.html":           {Data: []byte("---\ntitle: F\npublishDate: 2030-01-01\n---\n<p>future secret</p>\n")},
		"content/exp.html":           {Data: []byte("---\ntitle: E\nexpiryDate: 2020-01-01\n---\n<p>expired secret</p>\n")},
		"content/posts/one.md":       {Data: []byte("---\ntitle: One\ndate: 2020-01-01\n---\n[n](../notes/n.html) [d](../dr.html)\n")},
	}, Options{Root: "h", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range hplan.Posts {
		t.Logf("hpost %s draft=%v date=%v body=%q", p.Slug, p.Draft, p.Date, p.Body)
	}
	for _, p := range hplan.Pages {
		t.Logf("hpage %s %s draft=%v date=%v body=%q", p.Source, p.SitePath, p.Draft, p.Date, p.Body)
		if !p.Draft {
			t.Errorf("public hugo page %s", p.Source)
		}
	}
	for _, f := range hplan.Files {
		t.Logf("hfile %v", f)
	}
	for _, s := range hplan.Skipped {
		t.Logf("hskip %v", s)
	}
}
