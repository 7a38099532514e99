package blog

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/netjournal/netjournal/internal/feed"
	"github.com/netjournal/netjournal/internal/public"
	"github.com/netjournal/netjournal/internal/webaddress"
	"github.com/netjournal/netjournal/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/site")

func render(t *testing.T, site *public.Site) map[string][]byte {
	t.Helper()
	files, err := Render(site, themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func pages(files map[string][]byte) []string {
	var out []string
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// golden reports whether a file is compared with testdata/site: the
// generated pages, not the theme's static files.
func golden(name string, static map[string][]byte) bool {
	_, isStatic := static[name]
	return !isStatic && name != SyntaxCSS
}

// TestGolden compares every generated page, the sitemap and robots.txt
// with testdata/site; go test -update rewrites them.
func TestGolden(t *testing.T) {
	files := render(t, testSite())
	static, err := themes.Default().Static("blog")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "site")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, b := range files {
			if !golden(name, static) {
				continue
			}
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string][]byte{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		want[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if !golden(name, static) {
			continue
		}
		w, ok := want[name]
		if !ok {
			t.Errorf("%s: generated but not in %s (run go test -update)", name, dir)
			continue
		}
		if !bytes.Equal(b, w) {
			t.Errorf("%s differs from the golden file: %s", name, firstDiff(w, b))
		}
		delete(want, name)
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		t.Errorf("%s: in %s but no longer generated", name, dir)
	}
}

func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n\twant " + wl + "\n\tgot  " + gl
		}
	}
	return "(same lines)"
}

func TestFiles(t *testing.T) {
	files := render(t, testSite())
	want := []string{
		"404.html",
		"about/index.html",
		"archive/index.html",
		"css/style.css",
		"css/syntax.css",
		"favicon.svg",
		"index.html",
		"page/2/index.html",
		"page/3/index.html",
		"posts/cafe-notes/index.html",
		"posts/first-post/index.html",
		"posts/idempotency/index.html",
		"posts/jitter/index.html",
		"posts/tail-at-scale/index.html",
		"robots.txt",
		"shared/index.html",
		"sitemap.xml",
		"tags/distributed-systems/index.html",
		"tags/go/index.html",
		"tags/index.html",
		"tags/reliability/index.html",
		"tags/writing/index.html",
	}
	if got := slices.Sorted(maps.Keys(files)); !slices.Equal(got, want) {
		t.Errorf("files:\n got %q\nwant %q", got, want)
	}
}

// TestWellFormed parses every page as HTML5 and checks what browsers
// would silently repair, and that no id repeats on a page (the shared
// page holds two link posts with the same footnote ids).
func TestWellFormed(t *testing.T) {
	files := render(t, testSite())
	for _, name := range pages(files) {
		for _, p := range wellFormed(files[name]) {
			t.Errorf("%s: %s", name, p)
		}
		doc := parse(t, name, files[name])
		if _, dups := ids(doc); len(dups) > 0 {
			t.Errorf("%s: duplicate ids %q", name, dups)
		}
		for _, el := range []atom.Atom{atom.Html, atom.Head, atom.Body, atom.Title, atom.Main, atom.H1} {
			if n := len(all(doc, tag(el))); n != 1 {
				t.Errorf("%s: %d <%s> elements, want 1", name, n, el)
			}
		}
		if h := all(doc, tag(atom.Html)); len(h) == 1 && attr(h[0], "lang") != "en" {
			t.Errorf("%s: <html lang=%q>, want en", name, attr(h[0], "lang"))
		}
		if n := all(doc, tag(atom.Script)); len(n) > 0 {
			t.Errorf("%s: has <script>", name)
		}
	}
}

// TestWellFormedCheck makes sure the well-formedness check catches what it
// claims to.
func TestWellFormedCheck(t *testing.T) {
	for _, bad := range []string{
		"<html><body><p>unclosed</body></html>",
		"<!doctype html>\n<p><div>block in p</div></p>",
		"<!doctype html>\n<a href=x><a href=y>nested</a></a>",
		"<!doctype html>\n<div></span></div>",
		"<!doctype html>\n<br></br>",
		"<!doctype html>\n<div/>",
		"<!doctype html>\n<p class=a class=b>x</p>",
	} {
		if len(wellFormed([]byte(bad))) == 0 {
			t.Errorf("wellFormed(%q) found no problem", bad)
		}
	}
	good := "<!doctype html>\n<html><head><meta charset=utf-8></head><body><svg><path d=\"M0 0\"/></svg><p>x<br>y</p></body></html>"
	if p := wellFormed([]byte(good)); len(p) > 0 {
		t.Errorf("wellFormed(good) = %q", p)
	}
}

// TestLinksResolve follows every link and resource of every page that
// stays on the site: root-relative ones must lie under the base path and
// name a generated file (a path ending in / names its index.html), and a
// fragment must name an id on the target page. The feeds are generated by
// package feed, so its files count too.
func TestLinksResolve(t *testing.T) {
	site := testSite()
	files := render(t, site)
	feeds, err := feed.Files(site)
	if err != nil {
		t.Fatal(err)
	}
	all := maps.Clone(files)
	maps.Copy(all, feeds)
	docs := map[string]*html.Node{}
	for _, name := range pages(files) {
		docs[name] = parse(t, name, files[name])
	}
	checked := 0
	for _, name := range pages(files) {
		for _, n := range allLinks(docs[name]) {
			for _, key := range []string{"href", "src"} {
				ref, ok := attrOK(n, key)
				if !ok {
					continue
				}
				file, frag, internal, err := target(name, ref, site.BasePath, site.BaseURL)
				if err != nil {
					t.Errorf("%s: <%s %s=%q>: %v", name, n.Data, key, ref, err)
					continue
				}
				if !internal {
					continue
				}
				checked++
				if _, ok := all[file]; !ok {
					t.Errorf("%s: <%s %s=%q>: no file %s", name, n.Data, key, ref, file)
					continue
				}
				if frag == "" {
					continue
				}
				doc := docs[file]
				if doc == nil {
					t.Errorf("%s: %s=%q: fragment into a non-HTML file", name, key, ref)
					continue
				}
				if set, _ := ids(doc); !set[frag] {
					t.Errorf("%s: %s=%q: no id %q on %s", name, key, ref, frag, file)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("checked only %d links", checked)
	}
}

func allLinks(doc *html.Node) []*html.Node {
	return all(doc, func(n *html.Node) bool { return hasAttr(n, "href") || hasAttr(n, "src") })
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// TestNoExternalRequests: a page loads nothing from another host and runs
// no script; the stylesheets import nothing.
func TestNoExternalRequests(t *testing.T) {
	files := render(t, testSite())
	for _, name := range pages(files) {
		doc := parse(t, name, files[name])
		for _, n := range all(doc, func(n *html.Node) bool { return hasAttr(n, "src") }) {
			if !strings.HasPrefix(attr(n, "src"), "/blog/") {
				t.Errorf("%s: <%s src=%q> is not on the site", name, n.Data, attr(n, "src"))
			}
		}
		for _, n := range all(doc, tag(atom.Link)) {
			rel := attr(n, "rel")
			if rel == "canonical" {
				continue
			}
			if !strings.HasPrefix(attr(n, "href"), "/blog/") {
				t.Errorf("%s: <link rel=%q href=%q> is not root-relative", name, rel, attr(n, "href"))
			}
		}
		if bytes.Contains(files[name], []byte(" style=")) {
			t.Errorf("%s: inline style attribute", name)
		}
	}
	for _, css := range []string{"css/style.css", SyntaxCSS} {
		s := string(files[css])
		if len(s) < 1000 {
			t.Errorf("%s: only %d bytes", css, len(s))
		}
		if strings.Contains(s, "@import") || strings.Contains(s, "url(") {
			t.Errorf("%s loads another resource", css)
		}
	}
}

// TestHead checks what a search engine, a link preview and a feed reader
// read from each page's head.
func TestHead(t *testing.T) {
	site := testSite()
	files := render(t, site)
	tests := []struct {
		file, path, title, description, ogType string
	}{
		{"index.html", "", "Field Notes", site.Description, "website"},
		{"page/2/index.html", "page/2/", "Page 2 · Field Notes", site.Description, "website"},
		{"posts/idempotency/index.html", "posts/idempotency/", "Idempotency keys are a contract · Field Notes", "The column is the easy part.", "article"},
		{"posts/cafe-notes/index.html", "posts/cafe-notes/", "Café ☕ notes: naïve 日本語 & <escaping> · Field Notes", "Notes from a café in Lisbon & a line of 日本語.", "article"},
		{"posts/jitter/index.html", "posts/jitter/", "Timeouts, retries and backoff with jitter · Field Notes", "Why full jitter beats equal jitter, from people who run it at scale.", "article"},
		{"tags/index.html", "tags/", "Tags · Field Notes", "", "website"},
		{"tags/go/index.html", "tags/go/", "Tagged “Go” · Field Notes", "", "website"},
		{"archive/index.html", "archive/", "Archive · Field Notes", "", "website"},
		{"shared/index.html", "shared/", "Shared articles · Field Notes", "", "website"},
	}
	for _, tt := range tests {
		doc := parse(t, tt.file, files[tt.file])
		if got := text(all(doc, tag(atom.Title))[0]); got != tt.title {
			t.Errorf("%s: <title> %q, want %q", tt.file, got, tt.title)
		}
		url := "https://example.com/blog/" + tt.path
		if c := links(doc, "canonical"); len(c) != 1 || attr(c[0], "href") != url {
			t.Errorf("%s: canonical %v, want one %s", tt.file, c, url)
		}
		desc, _ := meta(doc, "description")
		if tt.description != "" && desc != tt.description {
			t.Errorf("%s: description %q, want %q", tt.file, desc, tt.description)
		}
		if desc == "" {
			t.Errorf("%s: no description", tt.file)
		}
		for key, want := range map[string]string{
			"og:url":         url,
			"og:type":        tt.ogType,
			"og:site_name":   "Field Notes",
			"og:description": desc,
			"viewport":       "width=device-width, initial-scale=1",
		} {
			if got, _ := meta(doc, key); got != want {
				t.Errorf("%s: %s = %q, want %q", tt.file, key, got, want)
			}
		}
		if got, _ := meta(doc, "og:title"); got == "" || !strings.HasPrefix(tt.title, got) {
			t.Errorf("%s: og:title %q does not start the title %q", tt.file, got, tt.title)
		}
		_, published := meta(doc, "article:published_time")
		if published != (tt.ogType == "article") {
			t.Errorf("%s: article:published_time present = %v", tt.file, published)
		}
		var types []string
		for _, l := range links(doc, "alternate") {
			types = append(types, attr(l, "type")+" "+attr(l, "href"))
		}
		want := []string{"application/rss+xml /blog/index.xml", "application/atom+xml /blog/atom.xml", "application/feed+json /blog/feed.json"}
		if tt.file == "shared/index.html" {
			want = append([]string{"application/rss+xml /blog/shared/index.xml", "application/atom+xml /blog/shared/atom.xml", "application/feed+json /blog/shared/feed.json"}, want...)
		}
		if tt.file == "tags/go/index.html" {
			want = append([]string{"application/rss+xml /blog/tags/go/index.xml", "application/atom+xml /blog/tags/go/atom.xml", "application/feed+json /blog/tags/go/feed.json"}, want...)
		}
		if !slices.Equal(types, want) {
			t.Errorf("%s: alternate links %q, want %q", tt.file, types, want)
		}
		if m := all(doc, func(n *html.Node) bool { return n.DataAtom == atom.Meta && attr(n, "charset") == "utf-8" }); len(m) != 1 {
			t.Errorf("%s: no <meta charset=utf-8>", tt.file)
		}
	}

	doc := parse(t, "posts/idempotency/index.html", files["posts/idempotency/index.html"])
	for key, want := range map[string]string{
		"article:published_time": "2025-11-03",
		"article:modified_time":  "2026-01-15",
	} {
		if got, _ := meta(doc, key); got != want {
			t.Errorf("idempotency: %s = %q, want %q", key, got, want)
		}
	}
}

func TestNotFound(t *testing.T) {
	files := render(t, testSite())
	doc := parse(t, "404.html", files["404.html"])
	if c := links(doc, "canonical"); len(c) != 0 {
		t.Error("404.html has a canonical link: it is served at every missing path")
	}
	if got, _ := meta(doc, "robots"); got != "noindex" {
		t.Errorf("404.html robots = %q, want noindex", got)
	}
	// Served at any depth, so every link must be root-relative.
	for _, n := range allLinks(doc) {
		for _, key := range []string{"href", "src"} {
			if v, ok := attrOK(n, key); ok && !strings.HasPrefix(v, "/blog/") && !strings.HasPrefix(v, "#") {
				t.Errorf("404.html: %s=%q is not root-relative under /blog/", key, v)
			}
		}
	}
	var recent []string
	for _, sec := range all(doc, class("recent")) {
		for _, a := range all(sec, tag(atom.A)) {
			recent = append(recent, text(a))
		}
	}
	if want := []string{"Timeouts, retries and backoff with jitter", "Café ☕ notes: naïve 日本語 & <escaping>", "The Tail at Scale", "Idempotency keys are a contract", "Hello, world"}; !slices.Equal(recent, want) {
		t.Errorf("404.html recent posts %q, want %q", recent, want)
	}
	files = render(t, essaySite(7, 3))
	doc = parse(t, "404.html", files["404.html"])
	if n := len(all(all(doc, class("recent"))[0], tag(atom.Li))); n != 5 {
		t.Errorf("404.html with 7 posts lists %d recent ones, want 5", n)
	}
}

// TestPagination checks the home pages around the page size's boundaries.
func TestPagination(t *testing.T) {
	tests := []struct {
		posts, size int
		perPage     []int // posts on each home page
	}{
		{0, 3, []int{0}},
		{1, 3, []int{1}},
		{3, 3, []int{3}},
		{4, 3, []int{3, 1}},
		{6, 3, []int{3, 3}},
		{7, 3, []int{3, 3, 1}},
		{4, 0, []int{4}}, // no page size: one page
	}
	for _, tt := range tests {
		files := render(t, essaySite(tt.posts, tt.size))
		next := 1 // the next post number expected, newest (highest) first
		for i, n := range tt.perPage {
			num := i + 1
			file := "index.html"
			if num > 1 {
				file = "page/" + strconv.Itoa(num) + "/index.html"
			}
			b, ok := files[file]
			if !ok {
				t.Errorf("%d posts, size %d: no %s", tt.posts, tt.size, file)
				continue
			}
			doc := parse(t, file, b)
			var titles []string
			for _, h := range all(doc, class("entry-title")) {
				titles = append(titles, text(h))
			}
			var want []string
			for j := 0; j < n; j++ {
				want = append(want, "Post number "+strconv.Itoa(tt.posts-next+1))
				next++
			}
			if !slices.Equal(titles, want) {
				t.Errorf("%d posts, size %d: %s lists %q, want %q", tt.posts, tt.size, file, titles, want)
			}
			nav := anchors(doc, func(n *html.Node) bool { return strings.HasPrefix(attr(n, "class"), "pagination-") })
			wantNav := map[string]string{}
			if num > 1 {
				wantNav["← Newer posts"] = "/blog/" + map[bool]string{true: "", false: "page/" + strconv.Itoa(num-1) + "/"}[num == 2]
			}
			if num < len(tt.perPage) {
				wantNav["Older posts →"] = "/blog/page/" + strconv.Itoa(num+1) + "/"
			}
			if !maps.Equal(nav, wantNav) {
				t.Errorf("%d posts, size %d: %s pagination %q, want %q", tt.posts, tt.size, file, nav, wantNav)
			}
			empty := len(all(doc, class("empty"))) > 0
			if empty != (tt.posts == 0) {
				t.Errorf("%d posts: %s shows the empty-site message = %v", tt.posts, file, empty)
			}
		}
		if _, ok := files["page/"+strconv.Itoa(len(tt.perPage)+1)+"/index.html"]; ok {
			t.Errorf("%d posts, size %d: a page after the last", tt.posts, tt.size)
		}
		if _, ok := files["page/1/index.html"]; ok {
			t.Errorf("page/1/ duplicates the home page")
		}
	}
}

func TestPostPage(t *testing.T) {
	files := render(t, testSite())

	doc := parse(t, "idempotency", files["posts/idempotency/index.html"])
	article := all(doc, tag(atom.Article))[0]
	h := text(all(article, class("post-header"))[0])
	for _, want := range []string{"Idempotency keys are a contract", "3 November 2025 · Updated 15 January 2026 · 6 min read", "distributed-systems Go"} {
		if !strings.Contains(h, want) {
			t.Errorf("idempotency header %q lacks %q", h, want)
		}
	}
	times := map[string]string{}
	for _, tm := range all(article, tag(atom.Time)) {
		times[text(tm)] = attr(tm, "datetime")
	}
	if times["3 November 2025"] != "2025-11-03" || times["15 January 2026"] != "2026-01-15" {
		t.Errorf("idempotency <time> elements %q", times)
	}
	if got := anchors(article, func(n *html.Node) bool { return true })["Go"]; got != "/blog/tags/go/" {
		t.Errorf(`idempotency: the tag "go" links to %q, want /blog/tags/go/ (the tag's slug)`, got)
	}
	body := all(article, class("prose"))[0]
	if len(all(body, tag(atom.Pre))) != 1 || len(all(body, class("footnotes"))) != 1 {
		t.Error("idempotency: the post's HTML is not on its page")
	}
	back := all(doc, class("backlinks"))
	if len(back) != 1 || text(back[0]) != "Linked from Café ☕ notes: naïve 日本語 & <escaping> 20 February 2026" {
		t.Errorf("idempotency backlinks: %v", back)
	} else if got := anchors(back[0], func(*html.Node) bool { return true }); got["Café ☕ notes: naïve 日本語 & <escaping>"] != "/blog/posts/cafe-notes/" {
		t.Errorf("idempotency backlink links %q", got)
	}
	nav := anchors(doc, func(n *html.Node) bool { return strings.HasPrefix(attr(n, "class"), "post-nav-") })
	wantNav := map[string]string{
		"← Older Hello, world":      "/blog/posts/first-post/",
		"Newer → The Tail at Scale": "/blog/posts/tail-at-scale/",
	}
	if !maps.Equal(nav, wantNav) {
		t.Errorf("idempotency post navigation %q, want %q", nav, wantNav)
	}

	// A link post leads to the article, names its domain, and has no
	// reading time.
	doc = parse(t, "jitter", files["posts/jitter/index.html"])
	card := all(doc, class("source-card"))
	if len(card) != 1 {
		t.Fatal("jitter: no link to the shared article")
	}
	a := all(card[0], tag(atom.A))[0]
	if attr(a, "href") != "https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/" || !strings.Contains(text(a), "aws.amazon.com") {
		t.Errorf("jitter: article link %q %q", attr(a, "href"), text(a))
	}
	if h := text(all(doc, class("post-header"))[0]); strings.Contains(h, "min read") {
		t.Errorf("jitter: a link post shows a reading time: %q", h)
	}
	if got := all(doc, class("post-nav-newer")); len(got) != 0 {
		t.Error("jitter: the newest post links to a newer one")
	}
	if _, ok := meta(doc, "article:modified_time"); ok {
		t.Error("jitter: never updated, but has article:modified_time")
	}

	// The Unicode title comes through whole and escaped.
	doc = parse(t, "cafe", files["posts/cafe-notes/index.html"])
	if got := text(all(doc, tag(atom.H1))[0]); got != "Café ☕ notes: naïve 日本語 & <escaping>" {
		t.Errorf("cafe h1 = %q", got)
	}
	if bytes.Contains(files["posts/cafe-notes/index.html"], []byte("<escaping>")) {
		t.Error("cafe: the title's < is not escaped")
	}
}

// TestPrivateFields: a post's Source and Links exist for link checking and
// never reach a page.
func TestPrivateFields(t *testing.T) {
	for name, b := range render(t, testSite()) {
		for _, m := range []string{sourceMarker, linksMarker} {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("%s prints %s", name, m)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := render(t, testSite()), render(t, testSite())
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Error("two renders of one site differ")
	}
}

func TestSitemap(t *testing.T) {
	files := render(t, testSite())
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &set); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range set.URLs {
		if _, dup := got[u.Loc]; dup {
			t.Errorf("sitemap lists %s twice", u.Loc)
		}
		got[u.Loc] = u.LastMod
	}
	var want []string
	for _, name := range pages(files) {
		if name == "404.html" {
			continue
		}
		want = append(want, "https://example.com/blog/"+strings.TrimSuffix(name, "index.html"))
	}
	slices.Sort(want)
	if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, want) {
		t.Errorf("sitemap locations\n got %q\nwant %q", keys, want)
	}
	for loc, want := range map[string]string{
		"https://example.com/blog/posts/idempotency/": "2026-01-15", // updated
		"https://example.com/blog/posts/first-post/":  "2024-12-31",
		"https://example.com/blog/":                   "2026-03-10",
		"https://example.com/blog/page/3/":            "2024-12-31",
		"https://example.com/blog/tags/writing/":      "2026-02-20",
	} {
		if got[loc] != want {
			t.Errorf("sitemap lastmod of %s = %q, want %q", loc, got[loc], want)
		}
	}
	robots := string(files["robots.txt"])
	if !strings.Contains(robots, "\nSitemap: https://example.com/blog/sitemap.xml\n") || !strings.HasPrefix(robots, "User-agent: *\nAllow: /\n") {
		t.Errorf("robots.txt:\n%s", robots)
	}
}

func TestArchive(t *testing.T) {
	files := render(t, testSite())
	doc := parse(t, "archive", files["archive/index.html"])
	var got []string
	for _, sec := range all(doc, class("archive-year")) {
		var titles []string
		for _, li := range all(sec, tag(atom.Li)) {
			titles = append(titles, text(li))
		}
		got = append(got, text(all(sec, tag(atom.H2))[0])+": "+strings.Join(titles, " | "))
	}
	want := []string{
		"2026 3: 10 Mar Timeouts, retries and backoff with jitter Link | 20 Feb Café ☕ notes: naïve 日本語 & <escaping> | 1 Feb The Tail at Scale Link",
		"2025 1: 3 Nov Idempotency keys are a contract",
		"2024 1: 31 Dec Hello, world",
	}
	if !slices.Equal(got, want) {
		t.Errorf("archive\n got %q\nwant %q", got, want)
	}
}

func TestShared(t *testing.T) {
	files := render(t, testSite())
	doc := parse(t, "shared", files["shared/index.html"])
	var got []string
	for _, it := range all(doc, class("shared-item")) {
		title := all(it, class("shared-title"))[0]
		got = append(got, text(title)+" → "+attr(all(title, tag(atom.A))[0], "href")+" ("+text(all(it, class("shared-domain"))[0])+")")
	}
	want := []string{
		"Timeouts, retries and backoff with jitter ↗ → https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/ (aws.amazon.com)",
		"The Tail at Scale ↗ → https://www.research.google/pubs/the-tail-at-scale/ (research.google)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("shared articles\n got %q\nwant %q", got, want)
	}
	// The commentary is there in full, its footnotes still working.
	items := all(doc, class("shared-item"))
	if len(items) == 2 {
		if !strings.Contains(text(items[1]), "Dean and Barroso, 2013.") {
			t.Error("shared: the commentary's footnote is missing")
		}
		refs := anchors(items[1], class("footnote-ref"))
		if refs["1"] != "#tail-at-scale.fn:1" {
			t.Errorf("shared: footnote reference %q, want #tail-at-scale.fn:1", refs["1"])
		}
	}
	var subscribe []string
	for _, a := range all(all(doc, class("subscribe"))[0], tag(atom.A)) {
		subscribe = append(subscribe, attr(a, "href"))
	}
	if want := []string{"/blog/shared/index.xml", "/blog/shared/atom.xml", "/blog/shared/feed.json"}; !slices.Equal(subscribe, want) {
		t.Errorf("shared feeds %q, want %q", subscribe, want)
	}
}

func TestTags(t *testing.T) {
	site := testSite()
	// A post tagged both "go" and "Go" is in the tag once.
	idem := site.Posts[3]
	idem.Tags = append(idem.Tags, "Go")
	site.Tags[1].Posts = append(site.Tags[1].Posts, idem)
	files := render(t, site)

	doc := parse(t, "tags", files["tags/index.html"])
	var got []string
	for _, a := range all(all(doc, class("tag-index"))[0], tag(atom.A)) {
		got = append(got, text(a)+" "+attr(a, "href"))
	}
	want := []string{
		"distributed-systems 2 posts /blog/tags/distributed-systems/",
		"Go 2 posts /blog/tags/go/",
		"reliability 2 posts /blog/tags/reliability/",
		"writing 1 post /blog/tags/writing/",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tag index\n got %q\nwant %q", got, want)
	}

	doc = parse(t, "tags/go", files["tags/go/index.html"])
	var titles []string
	for _, h := range all(doc, class("entry-title")) {
		titles = append(titles, text(h))
	}
	if want := []string{"Café ☕ notes: naïve 日本語 & <escaping>", "Idempotency keys are a contract"}; !slices.Equal(titles, want) {
		t.Errorf("tags/go lists %q, want %q", titles, want)
	}
	if h := text(all(doc, tag(atom.H1))[0]); h != "#Go" {
		t.Errorf("tags/go heading %q", h)
	}

	doc = parse(t, "idempotency", files["posts/idempotency/index.html"])
	var pills []string
	for _, a := range all(all(doc, class("tags"))[0], tag(atom.A)) {
		pills = append(pills, text(a))
	}
	if want := []string{"distributed-systems", "Go"}; !slices.Equal(pills, want) {
		t.Errorf("idempotency tags %q, want %q", pills, want)
	}
}

// Two tags on one page would lose one tag's posts to the other: the render
// fails, naming both tags and a file of each, rather than overwrite.
func TestTagsSharingAPage(t *testing.T) {
	site := testSite()
	cpp := site.Posts[0]
	cpp.Tags = append(cpp.Tags, "C++")
	c := site.Posts[1]
	c.Tags = append(c.Tags, "C")
	site.Tags = append(site.Tags,
		&public.Tag{Name: "C", Slug: "c", Posts: []*public.Post{c}},
		&public.Tag{Name: "C++", Slug: "c", Posts: []*public.Post{cpp}})
	_, err := Render(site, themes.Default())
	want := fmt.Sprintf(`tags "C" (%s) and "C++" (%s) would share the page tags/c/`, c.Source, cpp.Source)
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestHomeEntries checks what a post list says about each kind of post.
func TestHomeEntries(t *testing.T) {
	files := render(t, testSite())
	doc := parse(t, "home", files["index.html"])
	entries := all(doc, class("entry"))
	if len(entries) != 2 {
		t.Fatalf("%d entries on the first page, want 2", len(entries))
	}
	link, essay := entries[0], entries[1]
	if got := text(link); !strings.Contains(got, "Link 10 March 2026") || !strings.Contains(got, "aws.amazon.com ↗") || strings.Contains(got, "min read") {
		t.Errorf("link post entry: %q", got)
	}
	if got := anchors(link, func(*html.Node) bool { return true }); got["aws.amazon.com ↗"] != "https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/" ||
		got["Timeouts, retries and backoff with jitter"] != "/blog/posts/jitter/" {
		t.Errorf("link post entry links: %q", got)
	}
	if got := text(essay); !strings.Contains(got, "20 February 2026 · 3 min read") || !strings.Contains(got, "Notes from a café in Lisbon & a line of 日本語.") {
		t.Errorf("essay entry: %q", got)
	}
	nav := all(doc, class("site-nav"))[0]
	var items []string
	for _, a := range all(nav, tag(atom.A)) {
		items = append(items, text(a)+" "+attr(a, "href")+" "+attr(a, "aria-current"))
	}
	if want := []string{"Home /blog/ page", "Archive /blog/archive/ ", "Shared /blog/shared/ ", "Tags /blog/tags/ ", "About /blog/about/ "}; !slices.Equal(items, want) {
		t.Errorf("navigation %q, want %q", items, want)
	}
	footer := text(all(doc, tag(atom.Footer))[0])
	if !strings.Contains(footer, "Ada Lovelace") || !strings.Contains(footer, "RSS Atom JSON Feed") {
		t.Errorf("footer %q", footer)
	}
}

// TestThemeOverride: a site's theme replaces the default's files of the
// same name, the highlighting stylesheet included.
func TestThemeOverride(t *testing.T) {
	theme, err := themes.Load(fstest.MapFS{
		"themes/mine/blog/static/css/syntax.css": {Data: []byte("/* mine */")},
		"themes/mine/blog/tags.html":             {Data: []byte(`<!doctype html>{{range .Tags}}{{.Name}} {{end}}`)},
	}, "mine")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(testSite(), theme)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(files[SyntaxCSS]); got != "/* mine */" {
		t.Errorf("syntax.css = %q, want the theme's", got)
	}
	if got := string(files["tags/index.html"]); got != "<!doctype html>distributed-systems Go reliability writing " {
		t.Errorf("tags/index.html = %q, want the theme's template", got)
	}
	if !strings.Contains(string(files["index.html"]), `class="entry`) {
		t.Error("index.html lost the default template")
	}
}

func TestTemplateError(t *testing.T) {
	theme, err := themes.Load(fstest.MapFS{
		"themes/broken/blog/tags.html": {Data: []byte(`{{.NoSuchField}}`)},
	}, "broken")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Render(testSite(), theme)
	if err == nil || !strings.Contains(err.Error(), "tags/index.html") {
		t.Errorf("Render with a broken template: %v, want an error naming tags/index.html", err)
	}
}

func TestScopeIDs(t *testing.T) {
	// A route a page's script reads (#/inbox, #!/x) names no id: as it is.
	in := `<p id="a">x<sup id="fnref:1"><a href="#fn:1">1</a></sup> <a href="https://x.test/#top">y</a> <a href="/p/#q">z</a> <a href="#/inbox">i</a> <a href="#!/x">x</a></p>`
	want := `<p id="s.a">x<sup id="s.fnref:1"><a href="#s.fn:1">1</a></sup> <a href="https://x.test/#top">y</a> <a href="/p/#q">z</a> <a href="#/inbox">i</a> <a href="#!/x">x</a></p>`
	got, err := scopeIDs(in, "s.")
	if err != nil || got != want {
		t.Errorf("scopeIDs:\n got %s\nwant %s (%v)", got, want, err)
	}
}

// TestRebase: a link post's body on the list of shared links keeps its
// relative links leading where they lead from the post's page; links
// from the root, fragments, queries and URLs stay; a tag without a link
// is written byte for byte as it came.
func TestRebase(t *testing.T) {
	in := `<p class=x><img src="pic.png" alt=""> <a href="../other/#top">o</a> <A HREF='sub/a&amp;b.html'>s</A> <a href="/blog/x/">r</a> <a href="#fn:1">f</a> <a href="?q=1">q</a> <a href="https://x.test/y">u</a> <a href="mailto:a@b.c">m</a></p>`
	want := `<p class=x><img src="/blog/posts/p/pic.png" alt=""> <a href="/blog/posts/other/#top">o</a> <a href="/blog/posts/p/sub/a&amp;b.html">s</A> <a href="/blog/x/">r</a> <a href="#fn:1">f</a> <a href="?q=1">q</a> <a href="https://x.test/y">u</a> <a href="mailto:a@b.c">m</a></p>`
	got, err := rebase(in, "/blog/posts/p/")
	if err != nil || got != want {
		t.Errorf("rebase:\n got %s\nwant %s (%v)", got, want, err)
	}
	// A fragment that ends in a tag before its '>' (raw HTML kept as
	// written) loses it, as a browser does at a document's end: the
	// list of shared links would take the next body's tags for its
	// attributes.
	for name, f := range map[string]func(string) (string, error){
		"rebase":   func(s string) (string, error) { return rebase(s, "/blog/posts/p/") },
		"scopeIDs": func(s string) (string, error) { return scopeIDs(s, "p.") },
	} {
		if got, err := f("<p>x</p><a href"); got != "<p>x</p>" || err != nil {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}

func TestHelpers(t *testing.T) {
	for words, want := range map[int]int{0: 1, 1: 1, 230: 1, 231: 2, 1200: 6} {
		if got := minutes(words); got != want {
			t.Errorf("minutes(%d) = %d, want %d", words, got, want)
		}
	}
	for link, want := range map[string]string{
		"https://www.example.com/a":      "example.com",
		"https://sub.example.com:8080/a": "sub.example.com",
		"not a url":                      "not a url",
	} {
		if got := domain(link); got != want {
			t.Errorf("domain(%q) = %q, want %q", link, got, want)
		}
	}
	if got := machineDate(day("2026-01-02")); got != "2026-01-02" {
		t.Errorf("machineDate(day) = %q", got)
	}
	if got := machineDate(day("2026-01-02").Add(90 * 60e9)); got != "2026-01-02T01:30:00Z" {
		t.Errorf("machineDate(time) = %q", got)
	}
}

// TestMenuCurrent: the header marks the item of the page shown: its own,
// the one whose path it is under, or the one of its section.
func TestMenuCurrent(t *testing.T) {
	files := render(t, testSite())
	for page, want := range map[string]string{
		"index.html":                   "Home",
		"page/2/index.html":            "Home",
		"archive/index.html":           "Archive",
		"tags/index.html":              "Tags",
		"tags/go/index.html":           "Tags",
		"shared/index.html":            "Shared",
		"posts/jitter/index.html":      "Shared", // a link post
		"posts/idempotency/index.html": "",
		"about/index.html":             "About",
		"404.html":                     "",
	} {
		doc := parse(t, page, files[page])
		var current []string
		for _, a := range all(all(doc, class("site-nav"))[0], tag(atom.A)) {
			if attr(a, "aria-current") == "page" {
				current = append(current, text(a))
			}
		}
		if strings.Join(current, ",") != want {
			t.Errorf("%s: current %q, want %q", page, current, want)
		}
	}
}

// TestStandalonePages: a page is at its path, in the sitemap, with its
// old paths redirecting to it; a page at a path the site has already is
// a problem of the page's, never an overwrite.
func TestStandalonePages(t *testing.T) {
	s := testSite()
	s.Pages[0].Aliases = []public.Alias{{Path: "about-me/", Line: 4}}
	files := render(t, s)
	if !strings.Contains(string(files["sitemap.xml"]), "<loc>https://example.com/blog/about/</loc>") {
		t.Error("the page is not in the sitemap")
	}
	if !strings.Contains(string(files["about-me/index.html"]), `url=https://example.com/blog/about/`) {
		t.Error("the page's alias does not redirect to it")
	}
	for _, at := range []string{"tags/", "posts/jitter/", "page/2/"} {
		s := testSite()
		s.Pages[0].Path = at
		_, err := Render(s, themes.Default())
		want := "content/pages/about.md:1: the page would be /" + at + ", which the site has already: rename the file"
		if err == nil || err.Error() != want {
			t.Errorf("a page at %s: %v, want %s", at, err, want)
		}
	}
}

// scopeIDsEveryTag is scopeIDs taking every tag apart, as it did before
// it passed over the tags that can hold no id: what it must still write.
func scopeIDsEveryTag(fragment, prefix string) (string, error) {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return "", err
			}
			return b.String(), nil
		}
		raw := string(z.Raw())
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.WriteString(raw)
			continue
		}
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			switch {
			case a.Namespace != "":
			case a.Key == "id":
				tok.Attr[i].Val = prefix + a.Val
				changed = true
			case a.Key == "href" && strings.HasPrefix(a.Val, "#") && len(a.Val) > 1 && !webaddress.ScriptFragment(a.Val[1:]):
				tok.Attr[i].Val = "#" + prefix + a.Val[1:]
				changed = true
			}
		}
		if changed {
			b.WriteString(tok.String())
		} else {
			b.WriteString(raw)
		}
	}
}

// FuzzScopeIDs: scopeIDs writes what taking every tag apart writes, for
// any fragment: ids and links to them in any case, spelled with
// entities (&#35;, &num;), tags in capitals, attributes without quotes.
func FuzzScopeIDs(f *testing.F) {
	for _, s := range []string{
		`<p id="a">x<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>`,
		`<H2 ID="Setup">Set up</H2><A HREF="#Setup">up</A>`,
		`<a href="&#35;top">top</a><p Id=x iD='y'>z</p>`,
		`<a href="&num;top">t</a><A HREF='&num;fn:1'>1</A><a href="&NUM;x">x</a>`,
		`<img src="/a.png" alt="a &amp; b"><br/><div class=note data-x="#">n</div>`,
		`<p>text &lt;id&gt; # and idea</p><a href="/p/#q">q</a><a href="#">empty</a>`,
		`<svg><use xlink:href="#icon"/></svg><math id="m"></math>`,
		`<p>unclosed <b id=b>bold`,
		`<DIV CLASS="Idea" DATA-X="#">kept as written</DIV>`,
		`<!-- id="c" --><![CDATA[#x]]><script>var id = "#"</script>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := scopeIDs(s, "p.")
		want, wantErr := scopeIDsEveryTag(s, "p.")
		if got != want || (err == nil) != (wantErr == nil) {
			t.Errorf("scopeIDs(%q):\n got %q, %v\nwant %q, %v", s, got, err, want, wantErr)
		}
	})
}

// FuzzRebase: rebase leaves a fragment whose tags hold no href or src
// byte for byte (but a tag it ends in before its '>'), and rebasing twice
// is rebasing once (a link it made leads from the root, which it
// leaves), in any bytes.
func FuzzRebase(f *testing.F) {
	for _, s := range []string{
		`<p class=x><img src="pic.png" alt=""> <a href="../other/#top">o</a> <A HREF='sub/a&amp;b.html'>s</A></p>`,
		`<a href="/blog/x/">r</a> <a href="#fn:1">f</a> <a href="?q=1">q</a> <a href="https://x.test/y">u</a> <a href="mailto:a@b.c">m</a>`,
		`<img srcset="a.png 2x" src=" b.png "><video poster="p.png"><source src="v.mp4"></video>`,
		`<p>no links, &amp; text <b>bold</b></p><!-- href="c" -->`,
		`<a href="c9.io">c</a><a href="..">up</a><a href="./">here</a><a href="x y.png">sp</a>`,
		`<p>unclosed <a href=rel>link`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once, err := rebase(s, "/blog/posts/p/")
		if err != nil {
			return
		}
		twice, err := rebase(once, "/blog/posts/p/")
		if err != nil || twice != once {
			t.Errorf("rebase(%q) = %q, again %q (%v)", s, once, twice, err)
		}
		if !containsFoldASCII(s, "href") && !containsFoldASCII(s, "src") && once != tokens(s) {
			t.Errorf("rebase(%q) = %q: changed without a link", s, once)
		}
	})
}

// containsFoldASCII reports whether s holds word, in any case.
func containsFoldASCII(s, word string) bool {
	return strings.Contains(strings.ToLower(s), word)
}

// tokens is s as the tokenizer gives it, token by token: all of it but
// a tag it ends in before its '>'.
func tokens(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for z.Next() != html.ErrorToken {
		b.Write(z.Raw())
	}
	return b.String()
}

// BenchmarkScopeIDs times scoping a post's body as the list of shared
// links does, with every tag taken apart and with those that may hold an
// id alone.
func BenchmarkScopeIDs(b *testing.B) {
	var body strings.Builder
	for i := range 6 {
		fmt.Fprintf(&body, `<h2 id="part-%d">Part %d</h2>`+"\n", i, i)
		for range 4 {
			body.WriteString(`<p>Every new hire needs <em>one more</em> meeting, and <a href="/posts/other/">an earlier post</a> says why; ` +
				`<code>ctx.Done()</code> ends it. <strong>Most of the time</strong> the pager is quiet.<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>` + "\n")
		}
		body.WriteString("<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
	}
	s := body.String()
	for _, c := range []struct {
		name  string
		scope func(string, string) (string, error)
	}{{"every tag", scopeIDsEveryTag}, {"tags with ids", scopeIDs}} {
		scope := c.scope
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := scope(s, "post."); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestStandalonePageAtAFilesAddress: a page at the address of a file the
// blog writes (robots.txt.md, sitemap.xml.md, a feed's, the theme's
// favicon.svg, a tag's feed) was no problem of the page's: the build
// stopped at writing, "robots.txt would be both a file and a folder",
// with no path:line (a QA pass). It is said at the page's file, as a page
// at a page's address is.
func TestStandalonePageAtAFilesAddress(t *testing.T) {
	for at, file := range map[string]string{
		"robots.txt/": "robots.txt", "sitemap.xml/": "sitemap.xml", "atom.xml/": "atom.xml", "index.xml/": "index.xml",
		"feed.json/": "feed.json", "shared/feed.json/": "shared/feed.json", "favicon.svg/": "favicon.svg", "404.html/": "404.html",
		"robots.txt/more/": "robots.txt",
	} {
		s := testSite()
		s.Pages[0].Path = at
		_, err := Render(s, themes.Default())
		want := "content/pages/about.md:1: the page would be /" + at + ", where the site has the file /" + file + ": rename the file"
		if err == nil || err.Error() != want {
			t.Errorf("a page at %s: %v, want %s", at, err, want)
		}
	}
}

// TestSitemapEscapesURLs: the sitemap's locations are URLs escaped as
// RFC 3986 has them, as the sitemap protocol asks (a post at
// /posts/日本語/ was listed raw; a QA pass).
func TestSitemapEscapesURLs(t *testing.T) {
	site := testSite()
	site.Posts[0].Slug = "日本語"
	files := render(t, site)
	if sm := string(files["sitemap.xml"]); !strings.Contains(sm, "<loc>https://example.com/blog/posts/%E6%97%A5%E6%9C%AC%E8%AA%9E/</loc>") || strings.Contains(sm, "日本語") {
		t.Errorf("sitemap:\n%s", sm)
	}
}
