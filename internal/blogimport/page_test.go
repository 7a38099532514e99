package blogimport

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestVerifyPages: a page at an address the new site has already — a
// static file's, a page's — is left out with a warning, its bundle's
// files with it, and the rest of the import goes ahead.
func TestVerifyPages(t *testing.T) {
	old := fstest.MapFS{
		"config.toml":            {Data: []byte("baseURL = \"https://h.example.net/\"\n")},
		"content/posts/a.md":     {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nA.\n")},
		"content/about/index.md": {Data: []byte("---\ntitle: About\n---\n![Me](me.jpg)\n")},
		"content/about/me.jpg":   {Data: []byte("jpg")},
		"content/colophon.md":    {Data: []byte("---\ntitle: Colophon\n---\nMade with care.\n")},
		"content/uses.md":        {Data: []byte("---\ntitle: Uses\n---\nA laptop.\n")},
	}
	plan, err := Hugo(old, Options{Root: "h", NewBase: "https://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Pages) != 3 || len(plan.Files) != 1 {
		t.Fatalf("%d pages, files %v", len(plan.Pages), plan.Files)
	}
	site := fstest.MapFS{
		"netjournal.yaml":                 {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"static/about/index.html":         {Data: []byte("<p>mine</p>")},
		"content/pages/colophon/index.md": {Data: []byte("---\ntitle: My colophon\n---\nMine.\n")},
	}
	if err := plan.Verify(site, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if len(plan.Pages) != 1 || plan.Pages[0].SitePath != "uses/" || len(plan.Files) != 0 {
		t.Errorf("pages %v, files %v", plan.Pages, plan.Files)
	}
	if !strings.Contains(messages(plan.Warnings), "h/content/about/index.md: the page would be /about/, which the new site has already (static/about/index.html): not imported, never overwritten") {
		t.Errorf("warnings:\n%s", messages(plan.Warnings))
	}
	if !strings.Contains(messages(plan.Warnings), "h/content/colophon.md: the page would be /colophon/, which the new site has already: not imported, never overwritten") {
		t.Errorf("warnings:\n%s", messages(plan.Warnings))
	}
	if !strings.Contains(skips(plan), "h/content/about/index.md: its address /about/ is the new site's already") {
		t.Errorf("skipped:\n%s", skips(plan))
	}
}

// TestVerifyGeneratedFiles: a static file of the old site at an address
// the new site writes itself (its own 404.html, atom.xml, its theme's
// css/syntax.css, where the code's colours are) is not copied, and is
// listed; the import goes ahead (a real Jekyll blog's 404.html refused
// all of its 57 posts). A robots.txt is copied: it replaces the new
// site's, as the writer's own does.
func TestVerifyGeneratedFiles(t *testing.T) {
	old := fstest.MapFS{
		"_config.yml":            {Data: []byte("title: t\n")},
		"_posts/2021-01-18-b.md": {Data: []byte("---\ntitle: B\n---\nB.\n")},
		"404.html":               {Data: []byte("Sorry, not found")},
		"atom.xml":               {Data: []byte("<feed/>")},
		"css/syntax.css":         {Data: []byte(".highlight{}")},
		"robots.txt":             {Data: []byte("User-agent: *\nDisallow: /drafts/\n")},
		"img/x.png":              {Data: []byte("png")},
	}
	plan, err := Jekyll(old, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{"netjournal.yaml": {Data: []byte("title: T\nbase_url: https://example.com/\n")}}
	if err := plan.Verify(site, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("verify: %v", err)
	}
	var files []string
	for _, f := range plan.Files {
		files = append(files, f.Path)
	}
	if len(plan.Posts) != 1 || strings.Join(files, " ") != "static/img/x.png static/robots.txt" {
		t.Errorf("posts %d, files %v", len(plan.Posts), files)
	}
	for _, want := range []string{
		"j/404.html: at /404.html, which the new site writes itself: not copied (rename it to keep it)",
		"j/atom.xml: at /atom.xml, which the new site writes itself: not copied (rename it to keep it)",
		"j/css/syntax.css: at /css/syntax.css, which the new site writes itself: not copied (rename it to keep it)",
	} {
		if !strings.Contains(skips(plan), want) {
			t.Errorf("no %q in skipped:\n%s", want, skips(plan))
		}
	}
}

// TestWritePages: pages are written with the posts, all or none, and an
// existing page file is never overwritten.
func TestWritePages(t *testing.T) {
	old := fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.net\n")},
		"_posts/2020-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nA.\n")},
		"about.md":               {Data: []byte("---\ntitle: About\npermalink: /about/\n---\nMe.\n")},
	}
	plan, err := Jekyll(old, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	written, err := plan.Write(context.Background(), dir, old)
	if err != nil || strings.Join(written, " ") != "content/pages/about.md content/posts/a.md" {
		t.Fatalf("written %v, %v", written, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "content/pages/about.md")); err != nil || string(b) != "---\ntitle: About\n---\nMe.\n" {
		t.Errorf("about.md: %q, %v", b, err)
	}
	os.Remove(filepath.Join(dir, "content/posts/a.md"))
	os.WriteFile(filepath.Join(dir, "content/pages/about.md"), []byte("mine"), 0o644)
	if _, err := plan.Write(context.Background(), dir, old); err == nil || !strings.Contains(err.Error(), "content/pages/about.md: already exists, where the import would write the page of j/about.md: the import never overwrites a page") {
		t.Fatalf("a page file is overwritten: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/posts/a.md")); err == nil {
		t.Error("a refused import wrote a post")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content/pages/about.md")); string(b) != "mine" {
		t.Errorf("about.md is %q", b)
	}
}

// TestNewAddress: an old menu's addresses in the new site.
func TestNewAddress(t *testing.T) {
	plan := &Plan{Pages: []*Page{{SitePath: "about/", Old: "https://old.example.net/about.html"}}}
	old := newSite("https://old.example.net/")
	moved, known := plan.moved(), lists("posts")
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"/", "/", true},
		{"/about.html", "/about/", true},
		{"https://old.example.net/about.html", "/about/", true},
		{"/posts/", "/archive/", true},
		{"/categories/", "/tags/", true},
		{"/feed.xml", "/index.xml", true},
		{"https://elsewhere.example.org/x", "https://elsewhere.example.org/x", true},
		{"mailto:me@example.net", "mailto:me@example.net", true},
		{"/search/", "/search/", false},
		{"#contact", "#contact", false},
	} {
		got, ok := plan.newAddress(tc.in, old, moved, known)
		if got != tc.want || ok != tc.ok {
			t.Errorf("newAddress(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
