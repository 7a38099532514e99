package journal

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/public"
)

// loadSite loads a site with this config and files, failing on a problem.
func loadSite(t *testing.T, cfg string, files map[string]string) *content.Site {
	t.Helper()
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(cfg)}}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

// publicOf is the public view of a site with this config and files.
func publicOf(t *testing.T, cfg string, files map[string]string) (*public.Site, error) {
	t.Helper()
	j, err := Build(loadSite(t, cfg, files), markdown.New(), Options{Now: now})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return j.Public()
}

func menuString(items []public.MenuItem) string {
	var out []string
	for _, m := range items {
		at := "/" + m.Path
		if m.URL != "" {
			at = m.URL
		}
		out = append(out, m.Title+" "+at)
	}
	return strings.Join(out, ", ")
}

func TestMenu(t *testing.T) {
	pages := map[string]string{
		"content/pages/about.md":       "---\ntitle: About me\nmenu: {title: About}\n---\nHi.\n",
		"content/pages/uses.md":        "---\ntitle: Uses\nmenu: {weight: 25}\n---\n",
		"content/pages/first.md":       "---\ntitle: First\nmenu: {weight: 1}\n---\n",
		"content/pages/colophon.md":    "---\ntitle: Colophon\n---\n",
		"content/pages/draft.md":       "---\ntitle: Draft page\nmenu: true\ndraft: true\n---\n",
		"content/pages/private.md":     "---\ntitle: Private page\nmenu: true\nprivate: true\n---\n",
		"content/pages/talks/index.md": "---\ntitle: Talks\nmenu: true\n---\n",
		"content/posts/plain.md":       "---\ntitle: Plain\ndate: 2026-01-01\n---\n",
	}
	for _, tc := range []struct {
		name, config string
		link         bool
		want         string
	}{
		{"built-in, no link posts", "", false,
			"First /first/, Home /, Archive /archive/, Uses /uses/, Tags /tags/, About /about/, Talks /talks/"},
		{"built-in with link posts", "", true,
			"First /first/, Home /, Archive /archive/, Uses /uses/, Shared /shared/, Tags /tags/, About /about/, Talks /talks/"},
		{"the site's menu", "menu:\n  - {title: Start, url: /}\n  - {title: Code, url: \"https://github.com/x\"}\n  - {title: Writing, url: /blog/archive/, weight: 30}\n", false,
			"First /first/, Uses /uses/, Writing /archive/, Start /, Code https://github.com/x, About /about/, Talks /talks/"},
		{"an empty menu", "menu: []\n", false,
			"First /first/, Uses /uses/, About /about/, Talks /talks/"},
		// A url's escapes stay: %3F is no query, %23 no fragment, %2F no
		// folder of the base path.
		{"a menu's escapes", "menu:\n  - {title: Q, url: /what%3F/}\n  - {title: C, url: \"/blog/tags/c%23/\"}\n" +
			"  - {title: S, url: \"https://example.com/blog/search/?q=a%26b\"}\n  - {title: F, url: \"/blog%2Fx/\"}\n", false,
			"First /first/, Uses /uses/, Q /what%3F/, C /tags/c%23/, S /search/?q=a%26b, F /blog%2Fx/, About /about/, Talks /talks/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range pages {
				files[k] = v
			}
			if tc.link {
				files["content/posts/link.md"] = "---\ntitle: Link\ndate: 2026-01-02\nlink: https://example.org/\n---\n"
			}
			pub, err := publicOf(t, config+tc.config, files)
			if err != nil {
				t.Fatal(err)
			}
			if got := menuString(pub.Menu); got != tc.want {
				t.Errorf("menu:\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestPublicPages(t *testing.T) {
	files := map[string]string{
		"content/contacts/jane-doe.md": "---\nname: Jane Doe\n---\n",
		"content/contacts/jan-doe.md":  "---\nname: Jan Doe\naliases: [J]\n---\n",
		"content/contacts/joe.md":      "---\nname: Joe\naliases: [J]\n---\n",
		"content/pages/about.md":       "---\ntitle: About\ntoc: true\n---\nThanks to [[jane-doe|a mentor]].\n\n## Work\n\n### Now\n\n## Life\n",
		"content/pages/draft.md":       "---\ntitle: Draft\ndraft: true\n---\n",
		"content/pages/private.md":     "---\ntitle: Private\nprivate: true\n---\n",
	}
	pub, err := publicOf(t, config, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(pub.Pages) != 1 {
		t.Fatalf("public pages = %d, want about only", len(pub.Pages))
	}
	p := pub.Pages[0]
	if p.Path != "about/" || p.Description != "Thanks to a mentor." || !strings.Contains(string(p.HTML), "<p>Thanks to a mentor.</p>") {
		t.Errorf("page = %+v", p)
	}
	if got := fmt.Sprint(p.TOC); got != "[{work Work [{now Now []}]} {life Life []}]" {
		t.Errorf("toc = %s", got)
	}

	// A page follows the rules of public posts, and reports an
	// ambiguous link itself (the journal reports those of posts).
	files["content/pages/about.md"] = "---\ntitle: About\n---\nThanks to [[jane-doe]] and [[J]], [[nobody]].\n"
	_, err = publicOf(t, config, files)
	want := []string{
		`content/pages/about.md:4: public page links to private contact "jane-doe": add a label or a public block`,
		`content/pages/about.md:4: ambiguous reference "J": it matches contact jan-doe`,
		`content/pages/about.md:4: public page links to "nobody", which matches nothing`,
	}
	for _, w := range want {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("problems:\n%v\nwant a line with\n%s", err, w)
		}
	}
}

// TestTOCMinWords: toc_min_words gives long posts a table of contents;
// toc: false refuses it, toc: true asks for one on a short post.
func TestTOCMinWords(t *testing.T) {
	long := strings.Repeat("word ", 60)
	files := map[string]string{
		"content/posts/long.md":    "---\ntitle: Long\ndate: 2026-01-01\n---\n## A\n\n" + long + "\n",
		"content/posts/refuse.md":  "---\ntitle: Refuse\ndate: 2026-01-02\ntoc: false\n---\n## A\n\n" + long + "\n",
		"content/posts/short.md":   "---\ntitle: Short\ndate: 2026-01-03\n---\n## A\n\nshort\n",
		"content/posts/asks.md":    "---\ntitle: Asks\ndate: 2026-01-04\ntoc: true\n---\n## A\n\nshort\n",
		"content/posts/nothing.md": "---\ntitle: Nothing\ndate: 2026-01-05\ntoc: true\n---\nno headings\n",
	}
	pub, err := publicOf(t, config+"toc_min_words: 50\n", files)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, p := range pub.Posts {
		_, toc := p.Body.Content()
		got[p.Slug] = len(toc)
	}
	if fmt.Sprint(got) != "map[asks:1 long:1 nothing:0 refuse:0 short:0]" {
		t.Errorf("tables of contents: %v", got)
	}
}

// TestPublicLinkToPrivatePost: a Markdown link from a public post or page
// to a private post's address published that address (its slug, which
// may say what it is about) with a broken link, where a wikilink to it is
// an error (a helper's real-mistakes round): it is an error at its line,
// a root path or a relative one; so is a link to a draft (a later QA
// pass: its slug was published too); a link to a public post is none.
func TestPublicLinkToPrivatePost(t *testing.T) {
	cfg := "title: T\nbase_url: https://example.com/blog/\n"
	files := map[string]string{
		"content/posts/secret.md":      "---\ntitle: Secret\ndate: 2026-01-01\nprivate: true\n---\nMine.\n",
		"content/posts/draft.md":       "---\ntitle: Draft\ndate: 2026-01-01\ndraft: true\n---\nSoon.\n",
		"content/posts/open.md":        "---\ntitle: Open\ndate: 2026-01-02\n---\n[a](/blog/posts/secret/)\n\n[b](../secret/index.html#x)\n\n[d](/blog/posts/draft/) [e](/blog/posts/open/)\n\n[f](/blog/posts/s%65cret/)\n",
		"content/pages/about.md":       "---\ntitle: About\n---\nSee [my year](/blog/posts/secret).\n\n[notes](notes/)\n",
		"content/pages/about/notes.md": "---\ntitle: Notes\nprivate: true\n---\nMine.\n",
	}
	_, err := publicOf(t, cfg, files)
	if err == nil {
		t.Fatal("no error")
	}
	got := err.Error()
	for _, want := range []string{
		"content/posts/open.md:5: public post links to private post \"secret\" (/blog/posts/secret/): its address would be published",
		"content/posts/open.md:7: public post links to private post \"secret\"",
		"content/pages/about.md:4: public page links to private post \"secret\"",
		"content/pages/about.md:6: public page links to private page \"about/notes\" (/blog/about/notes/)",
		"content/posts/open.md:11: public post links to private post \"secret\"",
		"content/posts/open.md:9: public post links to draft post \"draft\" (/blog/posts/draft/)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors:\n%s\nwant %s", got, want)
		}
	}
	if strings.Count(got, "links to private") != 5 || strings.Count(got, "links to draft") != 1 {
		t.Errorf("errors:\n%s", got)
	}
}

// TestPublicWebLinkToPrivatePost: the same link written as the site's
// whole URL, as a post made private since is linked from the others
// (copied from the live site), was published without a word: it is an
// error too, a Markdown link, an image or a bare address; another host's
// address of the same name, and the site's link to a public post, are
// none.
func TestPublicWebLinkToPrivatePost(t *testing.T) {
	cfg := "title: T\nbase_url: https://example.com/blog/\n"
	files := map[string]string{
		"content/posts/secret.md": "---\ntitle: Secret\ndate: 2026-01-01\nprivate: true\n---\nMine.\n",
		"content/posts/open.md": "---\ntitle: Open\ndate: 2026-01-02\n---\n[a](https://example.com/blog/posts/secret/)\n\n" +
			"see https://EXAMPLE.com/blog/posts/secret/index.html#x\n\n[c](https://other.example/posts/secret/) [d](https://example.com/blog/posts/open/)\n",
		"content/pages/about.md": "---\ntitle: About\n---\nAbout.\n\n![pic](http://example.com/blog/posts/secret/)\n",
	}
	_, err := publicOf(t, cfg, files)
	if err == nil {
		t.Fatal("no error")
	}
	got := err.Error()
	for _, want := range []string{
		"content/posts/open.md:5: public post links to private post \"secret\" (https://example.com/blog/posts/secret/): its address would be published",
		"content/posts/open.md:7: public post links to private post \"secret\" (https://EXAMPLE.com/blog/posts/secret/index.html#x)",
		"content/pages/about.md:6: public page links to private post \"secret\" (http://example.com/blog/posts/secret/)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors:\n%s\nwant %s", got, want)
		}
	}
	if strings.Count(got, "links to private") != 3 {
		t.Errorf("errors:\n%s", got)
	}
}

// TestPublicWebLinkHostVariants: the site's whole URL written another
// way — www. or not, the scheme's own port, a trailing dot, an entity in
// the path — is the site's, and the link refused; the path written with
// an entity too (a review's findings).
func TestPublicWebLinkHostVariants(t *testing.T) {
	for _, c := range []struct{ base, link string }{
		{"https://example.com/", "https://www.example.com/posts/secret/"},
		{"https://www.example.com/", "https://example.com/posts/secret/"},
		{"https://example.com/", "https://example.com:443/posts/secret/"},
		{"http://example.com/", "http://example.com:80/posts/secret/"},
		{"https://example.com/", "https://example.com./posts/secret/"},
		{"https://example.com/", "https://example.com/posts/s&#101;cret/"},
		{"https://example.com/", "/posts/s&#101;cret/"},
	} {
		files := map[string]string{
			"content/posts/secret.md": "---\ntitle: Secret\ndate: 2026-01-01\nprivate: true\n---\nMine.\n",
			"content/posts/open.md":   "---\ntitle: Open\ndate: 2026-01-02\n---\n[x](" + c.link + ")\n",
		}
		_, err := publicOf(t, "title: T\nbase_url: "+c.base+"\n", files)
		if err == nil || !strings.Contains(err.Error(), `links to private post "secret"`) {
			t.Errorf("base_url %s, link %s: %v", c.base, c.link, err)
		}
	}
}

// TestAmbiguousNamesTheAlias: a new contact's alias that makes other
// files' references ambiguous was named nowhere: each error, in the
// files the user did not touch, names the alias and the line that gives
// it (a helper's real-mistakes round).
func TestAmbiguousNamesTheAlias(t *testing.T) {
	site := loadSite(t, "title: T\nbase_url: https://example.com/\n", map[string]string{
		"content/contacts/ana-lima.md": "---\nname: Ana Lima\n---\n",
		"content/contacts/zoe-park.md": "---\nname: Zoe Park\naliases: [Zed, Ana Lima]\n---\n",
		"content/events/coffee.md":     "---\ntitle: Coffee\ndate: 2026-01-02\nwith: [Ana Lima]\n---\nHi.\n",
	})
	_, err := Build(site, markdown.New(), Options{Now: now})
	if err == nil || !strings.Contains(err.Error(), `contact zoe-park (its alias "Ana Lima", content/contacts/zoe-park.md:3)`) {
		t.Errorf("err %v", err)
	}
}

const secretPost = "---\ntitle: Secret\ndate: 2026-01-01\nprivate: true\n---\nMine.\n"

// TestLinkToPrivateReadAsThePage: links whose page does not lead to the
// private post are not refused (a review's finding of dd5c1d8): a link is
// read as the page's reader reads it. goldmark writes an autolink's URL as it is (no
// entity read), and reads in a link's destination only an entity ended
// by ";": the browser reads s&#101;cret, whose # starts a fragment.
// dd5c1d8 reads every destination with html.UnescapeString, first.
func TestLinkToPrivateReadAsThePage(t *testing.T) {
	for _, link := range []string{
		"<https://example.com/posts/s&#101;cret/>",
		"https://example.com/posts/s&#101;cret/", // GFM's bare link
		"[x](https://example.com/posts/s&#101cret/)",
		"[x](/posts/s&#101cret/)",
	} {
		body := "See " + link + " now.\n"
		files := map[string]string{
			"content/posts/secret.md": secretPost,
			"content/posts/open.md":   "---\ntitle: Open\ndate: 2026-01-02\n---\n" + body,
		}
		_, err := publicOf(t, "title: T\nbase_url: https://example.com/\n", files)
		if err != nil && strings.Contains(err.Error(), "links to private") {
			t.Errorf("%s renders %s\n  refused: %v", link, strings.TrimSpace(string(markdown.New().Render(markdown.Text(body), markdown.Options{}).HTML)), err)
		}
	}
}

// TestLinkToPrivateBackslashEscape: a link whose page does lead to the
// private post is refused: goldmark reads a backslash escape in a
// destination (my\_secret is my_secret; a review's finding).
func TestLinkToPrivateBackslashEscape(t *testing.T) {
	for _, link := range []string{"[x](/posts/my\\_secret/)", "[x](https://example.com/posts/my\\_secret/)"} {
		body := "See " + link + " now.\n"
		files := map[string]string{
			"content/posts/my_secret.md": secretPost,
			"content/posts/open.md":      "---\ntitle: Open\ndate: 2026-01-02\n---\n" + body,
		}
		_, err := publicOf(t, "title: T\nbase_url: https://example.com/\n", files)
		if err == nil || !strings.Contains(err.Error(), "links to private") {
			t.Errorf("%s renders %s\n  not refused: %v", link, strings.TrimSpace(string(markdown.New().Render(markdown.Text(body), markdown.Options{}).HTML)), err)
		}
	}
}

// TestRawHTMLWebLinkToPrivate: a link in raw HTML by the site's whole URL
// (an imported post's <a href="https://example.com/posts/secret/">, where
// whole URLs abound) is refused as a Markdown one is; one to a public
// post is not.
func TestRawHTMLWebLinkToPrivate(t *testing.T) {
	files := map[string]string{
		"content/posts/secret.md": secretPost,
		"content/posts/open.md": "---\ntitle: Open\ndate: 2026-01-02\n---\n<p>See <a href=\"https://example.com/posts/secret/\">it</a>.</p>\n\n" +
			"Also <a href=\"https://example.com/posts/open/\">this</a>.\n",
	}
	_, err := publicOf(t, "title: T\nbase_url: https://example.com/\n", files)
	if err == nil || !strings.Contains(err.Error(), `content/posts/open.md:5: public post links to private post "secret"`) || strings.Count(err.Error(), "links to private") != 1 {
		t.Errorf("err %v", err)
	}
}

// TestLinkPostToPrivatePost: a link post whose link: is the site's own
// URL of a private post or page published that address, on the home
// page, the list of shared links, the post's page and every feed, with
// broken-link warnings alone (a QA pass), where the same URL in a body
// fails the build: it fails it too, at the link's line.
func TestLinkPostToPrivatePost(t *testing.T) {
	for _, link := range []string{
		"https://example.com/blog/posts/secret/",
		"https://www.example.com/blog/posts/secret/index.html",
		"https://example.com/blog/about-me/",
	} {
		files := map[string]string{
			"content/posts/secret.md":   secretPost,
			"content/pages/about-me.md": "---\ntitle: Me\nprivate: true\n---\nMine.\n",
			"content/posts/open.md":     "---\ntitle: Open\ndate: 2026-01-02\nlink: " + link + "\n---\nAn old one.\n",
		}
		_, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files)
		if err == nil || !strings.Contains(err.Error(), "content/posts/open.md:4: public post links to private ") || !strings.Contains(err.Error(), "its address would be published") {
			t.Errorf("link %s: %v", link, err)
		}
	}
	for _, link := range []string{"https://other.example/blog/posts/secret/", "https://example.com/blog/posts/open/"} {
		files := map[string]string{
			"content/posts/secret.md": secretPost,
			"content/posts/open.md":   "---\ntitle: Open\ndate: 2026-01-02\nlink: " + link + "\n---\nAn old one.\n",
		}
		if _, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files); err != nil {
			t.Errorf("link %s: %v", link, err)
		}
	}
}

// TestPublicLinkToAPrivatePostsFile: a public post's link to a file in a
// private post's folder (/posts/secret/photo.png, its image) published
// the private post's address with a broken-link warning alone (a
// review): it fails the build as a link to the post's page does, written
// as a site path, relative, or the site's whole URL in link:.
func TestPublicLinkToAPrivatePostsFile(t *testing.T) {
	for _, body := range []string{
		"![pic](/blog/posts/secret/photo.png)",
		"![pic](../secret/photo.png)",
		"[notes](/blog/posts/secret/sub/notes.pdf#p2)",
	} {
		files := map[string]string{
			"content/posts/secret.md": secretPost,
			"content/posts/open.md":   "---\ntitle: Open\ndate: 2026-01-02\n---\n" + body + "\n",
		}
		_, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files)
		if err == nil || !strings.Contains(err.Error(), `content/posts/open.md:5: public post links to private post "secret"`) {
			t.Errorf("%s: %v", body, err)
		}
	}
	files := map[string]string{
		"content/posts/secret.md": secretPost,
		"content/posts/open.md":   "---\ntitle: Open\ndate: 2026-01-02\nlink: https://example.com/blog/posts/secret/photo.png\n---\nA.\n",
	}
	if _, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files); err == nil || !strings.Contains(err.Error(), "content/posts/open.md:4: public post links to private post") {
		t.Errorf("link: %v", err)
	}
	// A file of the same name beside another post is no link to it.
	files = map[string]string{
		"content/posts/secret.md": secretPost,
		"content/posts/open.md":   "---\ntitle: Open\ndate: 2026-01-02\n---\n![pic](/blog/posts/open/secret/photo.png)\n",
	}
	if _, err := publicOf(t, "title: T\nbase_url: https://example.com/blog/\n", files); err != nil {
		t.Errorf("another folder: %v", err)
	}
}
