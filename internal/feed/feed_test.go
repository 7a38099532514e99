package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	gofeedjson "github.com/mmcdole/gofeed/json"

	"github.com/netjournal/netjournal/internal/diskcache"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/public"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var allPaths = []string{RSSPath, AtomPath, JSONPath, SharedRSSPath, SharedAtomPath, SharedJSONPath,
	"tags/reliability/index.xml", "tags/reliability/atom.xml", "tags/reliability/feed.json"}

func files(t *testing.T, site *public.Site) map[string][]byte {
	t.Helper()
	out, err := Files(site)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func parseFeed(t *testing.T, name string, b []byte) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func TestGolden(t *testing.T) {
	got := files(t, testSite())
	if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, slices.Sorted(slices.Values(allPaths))) {
		t.Fatalf("files %q, want %q", names, allPaths)
	}
	for _, name := range allPaths {
		p := filepath.Join("testdata", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, got[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got[name], want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff):\n%s", name, p, got[name])
		}
	}
}

type wantItem struct {
	title, link, guid, published string
}

var (
	jitterItem = wantItem{"Timeouts, retries and backoff with jitter", jitterArticle, "https://example.com/blog/posts/jitter/", "2026-03-10"}
	cafeItem   = wantItem{"Café ☕ notes: naïve 日本語 & <escaping>", "https://example.com/blog/posts/cafe-notes/", "https://example.com/blog/posts/cafe-notes/", "2026-02-20"}
	tailItem   = wantItem{"The Tail at Scale", tailArticle, "https://example.com/blog/posts/tail-at-scale/", "2026-02-01"}
)

// TestParseBack reads every feed with a feed reader's parser: titles,
// links (a link post's item leads to the article), ids, dates, order and
// count, and the feed's own links.
func TestParseBack(t *testing.T) {
	out := files(t, testSite())
	tests := []struct {
		path, feedType, title, home string
		items                       []wantItem
	}{
		{RSSPath, "rss", "Field Notes", "https://example.com/blog/", []wantItem{jitterItem, cafeItem, tailItem}},
		{AtomPath, "atom", "Field Notes", "https://example.com/blog/", []wantItem{jitterItem, cafeItem, tailItem}},
		{JSONPath, "json", "Field Notes", "https://example.com/blog/", []wantItem{jitterItem, cafeItem, tailItem}},
		{SharedRSSPath, "rss", "Field Notes: Shared articles", "https://example.com/blog/shared/", []wantItem{jitterItem, tailItem}},
		{SharedAtomPath, "atom", "Field Notes: Shared articles", "https://example.com/blog/shared/", []wantItem{jitterItem, tailItem}},
		{SharedJSONPath, "json", "Field Notes: Shared articles", "https://example.com/blog/shared/", []wantItem{jitterItem, tailItem}},
		{"tags/reliability/index.xml", "rss", "Field Notes: #reliability", "https://example.com/blog/tags/reliability/", []wantItem{jitterItem, tailItem}},
		{"tags/reliability/atom.xml", "atom", "Field Notes: #reliability", "https://example.com/blog/tags/reliability/", []wantItem{jitterItem, tailItem}},
		{"tags/reliability/feed.json", "json", "Field Notes: #reliability", "https://example.com/blog/tags/reliability/", []wantItem{jitterItem, tailItem}},
	}
	for _, tt := range tests {
		f := parseFeed(t, tt.path, out[tt.path])
		if f.FeedType != tt.feedType {
			t.Errorf("%s: type %q, want %q", tt.path, f.FeedType, tt.feedType)
		}
		if f.Title != tt.title || f.Link != tt.home || f.Description != "Notes on distributed systems & careers." {
			t.Errorf("%s: title %q link %q description %q", tt.path, f.Title, f.Link, f.Description)
		}
		if self := "https://example.com/blog/" + tt.path; f.FeedLink != self {
			t.Errorf("%s: feed link %q, want %q", tt.path, f.FeedLink, self)
		}
		if f.Language != "en" {
			t.Errorf("%s: language %q", tt.path, f.Language)
		}
		if len(f.Authors) != 1 || f.Authors[0].Name != "Ada Lovelace" {
			t.Errorf("%s: authors %+v", tt.path, f.Authors)
		}
		if tt.feedType != "json" && (f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(day("2026-03-10"))) {
			t.Errorf("%s: updated %q, want the site's 2026-03-10", tt.path, f.Updated)
		}
		if len(f.Items) != len(tt.items) {
			t.Errorf("%s: %d items, want %d", tt.path, len(f.Items), len(tt.items))
			continue
		}
		for i, want := range tt.items {
			it := f.Items[i]
			link := it.Link
			if tt.feedType == "json" {
				// JSON Feed's url is the post; external_url, checked
				// below, is the article.
				link = want.guid
			}
			if it.Title != want.title || it.Link != link || it.GUID != want.guid {
				t.Errorf("%s item %d: title %q link %q guid %q, want %q %q %q", tt.path, i, it.Title, it.Link, it.GUID, want.title, link, want.guid)
			}
			if it.PublishedParsed == nil || it.PublishedParsed.Format(time.DateOnly) != want.published {
				t.Errorf("%s item %d: published %q, want %s", tt.path, i, it.Published, want.published)
			}
			if it.Content == "" || it.Description == "" {
				t.Errorf("%s item %d: content %q, summary %q", tt.path, i, it.Content, it.Description)
			}
		}
	}

	// JSON Feed: a link post's external_url is the article.
	for _, path := range []string{JSONPath, SharedJSONPath} {
		jf, err := (&gofeedjson.Parser{}).Parse(bytes.NewReader(out[path]))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range jf.Items {
			got = append(got, it.URL+" "+it.ExternalURL)
		}
		want := []string{
			"https://example.com/blog/posts/jitter/ " + jitterArticle,
			"https://example.com/blog/posts/cafe-notes/ ",
			"https://example.com/blog/posts/tail-at-scale/ " + tailArticle,
		}
		if path == SharedJSONPath {
			want = slices.Delete(want, 1, 2)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: url and external_url\n got %q\nwant %q", path, got, want)
		}
	}
}

// TestContent: items carry the full HTML, made to work away from the site.
func TestContent(t *testing.T) {
	out := files(t, testSite())
	for _, path := range []string{RSSPath, AtomPath, JSONPath} {
		f := parseFeed(t, path, out[path])
		jitter, cafe := f.Items[0].Content, f.Items[1].Content
		for _, want := range []string{
			"Why full jitter beats equal jitter.",
			// a fragment resolves against the post, not the article
			`href="https://example.com/blog/posts/jitter/#fn:1"`,
			`id="fn:1"`,
		} {
			if !strings.Contains(jitter, want) {
				t.Errorf("%s: link post content lacks %s:\n%s", path, want, jitter)
			}
		}
		for _, want := range []string{
			"Notes from a café &amp; a line of 日本語.",
			`<a href="https://example.com/blog/posts/idempotency/">the idempotency essay</a>`,
			`<img src="https://example.com/blog/img/cafe.png" alt="a café">`,
		} {
			if !strings.Contains(cafe, want) {
				t.Errorf("%s: content lacks %s:\n%s", path, want, cafe)
			}
		}
	}
	// The heading anchors of the site's pages are dropped.
	f := parseFeed(t, RSSPath, files(t, withFeedLength(testSite(), 5))[RSSPath])
	idem := f.Items[3].Content
	if strings.Contains(idem, `class="anchor"`) || !strings.Contains(idem, `<h2 id="what-the-key-promises">What the key <em>promises</em></h2>`) {
		t.Errorf("heading anchor kept or heading damaged:\n%s", idem)
	}
	if !strings.Contains(idem, `<span class="nf">Charge</span>`) {
		t.Errorf("code block damaged:\n%s", idem)
	}
}

func withFeedLength(s *public.Site, n int) *public.Site {
	s.FeedLength = n
	return s
}

func TestFeedLength(t *testing.T) {
	for _, tt := range []struct{ length, all, shared int }{
		{1, 1, 1},
		{3, 3, 2},
		{5, 5, 2},
		{0, 5, 2}, // no limit
		{100, 5, 2},
	} {
		out := files(t, withFeedLength(testSite(), tt.length))
		for _, path := range allPaths {
			want := tt.all
			if strings.HasPrefix(path, "shared/") || strings.HasPrefix(path, "tags/reliability/") {
				want = tt.shared // the two link posts are the two tagged reliability
			}
			if n := len(parseFeed(t, path, out[path]).Items); n != want {
				t.Errorf("feed length %d: %s has %d items, want %d", tt.length, path, n, want)
			}
		}
	}
}

// TestEmpty: a site without posts still has six valid feeds, and the JSON
// feeds keep their required items array.
func TestEmpty(t *testing.T) {
	s := testSite()
	s.Posts, s.Tags = nil, nil
	s.Updated = time.Time{}
	out := files(t, s)
	if len(out) != 6 {
		t.Errorf("%d feeds for a site without posts, want 6", len(out))
	}
	for _, path := range allPaths[:6] {
		if f := parseFeed(t, path, out[path]); len(f.Items) != 0 {
			t.Errorf("%s: %d items", path, len(f.Items))
		}
	}
	for _, path := range []string{JSONPath, SharedJSONPath} {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(out[path], &raw); err != nil {
			t.Fatal(err)
		}
		if string(raw["items"]) != "[]" {
			t.Errorf("%s: items = %s, want []", path, raw["items"])
		}
	}
	if !bytes.Contains(out[AtomPath], []byte("<updated>1970-01-01T00:00:00Z</updated>")) {
		t.Errorf("atom.xml without posts has no valid <updated>:\n%s", out[AtomPath])
	}
}

// TestJSONFeed checks the fields gorilla/feeds leaves out or gets wrong.
func TestJSONFeed(t *testing.T) {
	out := files(t, testSite())
	var doc struct {
		Version string `json:"version"`
		FeedURL string `json:"feed_url"`
		Items   []struct {
			ID           string   `json:"id"`
			Tags         []string `json:"tags"`
			DateModified string   `json:"date_modified"`
		} `json:"items"`
	}
	if err := json.Unmarshal(out[JSONPath], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "https://jsonfeed.org/version/1.1" {
		t.Errorf("version %q, want JSON Feed 1.1", doc.Version)
	}
	if doc.FeedURL != "https://example.com/blog/feed.json" {
		t.Errorf("feed_url %q", doc.FeedURL)
	}
	if got := doc.Items[1].Tags; !slices.Equal(got, []string{"Go", "writing"}) {
		t.Errorf("tags %q", got)
	}
	if doc.Items[1].DateModified != "2026-03-01T00:00:00Z" || doc.Items[0].DateModified != "" {
		t.Errorf("date_modified %q and %q, want 2026-03-01 and none", doc.Items[1].DateModified, doc.Items[0].DateModified)
	}
	if bytes.Contains(out[JSONPath], []byte(`\u003c`)) {
		t.Error("feed.json escapes HTML needlessly")
	}
}

// TestXMLDetails checks RSS and Atom details a validator would flag.
func TestXMLDetails(t *testing.T) {
	out := files(t, testSite())
	var rss struct {
		Channel struct {
			ManagingEditor string `xml:"managingEditor"`
			Generator      string `xml:"generator"`
			Items          []struct {
				Author     string   `xml:"author"`
				Creator    string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
				Categories []string `xml:"category"`
				GUID       struct {
					IsPermaLink string `xml:"isPermaLink,attr"`
				} `xml:"guid"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(out[RSSPath], &rss); err != nil {
		t.Fatal(err)
	}
	if rss.Channel.ManagingEditor != "ada@example.com (Ada Lovelace)" {
		t.Errorf("managingEditor %q", rss.Channel.ManagingEditor)
	}
	it := rss.Channel.Items[0]
	if it.Author != "" || it.Creator != "Ada Lovelace" || it.GUID.IsPermaLink != "true" || !slices.Equal(it.Categories, []string{"reliability", "aws"}) {
		t.Errorf("rss item: %+v", it)
	}

	var atom struct {
		Entries []struct {
			Links []struct {
				Href string `xml:"href,attr"`
				Rel  string `xml:"rel,attr"`
			} `xml:"link"`
			Categories []struct {
				Term string `xml:"term,attr"`
			} `xml:"category"`
			Summary struct {
				Type string `xml:"type,attr"`
			} `xml:"summary"`
		} `xml:"http://www.w3.org/2005/Atom entry"`
	}
	if err := xml.Unmarshal(out[AtomPath], &atom); err != nil {
		t.Fatal(err)
	}
	e := atom.Entries[0]
	var links []string
	for _, l := range e.Links {
		links = append(links, l.Rel+" "+l.Href)
	}
	if want := []string{"alternate " + jitterArticle, "related https://example.com/blog/posts/jitter/"}; !slices.Equal(links, want) {
		t.Errorf("atom link post links %q, want %q", links, want)
	}
	if len(e.Categories) != 2 || e.Categories[0].Term != "reliability" || e.Summary.Type != "text" {
		t.Errorf("atom entry: %+v", e)
	}

	// Without an address, RSS has no managing editor rather than a bad one.
	s := testSite()
	s.Author.Email = ""
	if b := files(t, s)[RSSPath]; bytes.Contains(b, []byte("managingEditor")) {
		t.Error("managingEditor written without an email address")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := files(t, testSite()), files(t, testSite())
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Error("two runs differ")
	}
}

func TestAbsolute(t *testing.T) {
	const page = "https://example.com/blog/posts/x/"
	tests := []struct{ in, want string }{
		{`<a href="/blog/posts/y/">y</a>`, `<a href="https://example.com/blog/posts/y/">y</a>`},
		{`<a href="#fn:1" class="footnote-ref">1</a>`, `<a href="https://example.com/blog/posts/x/#fn:1" class="footnote-ref">1</a>`},
		{`<a href="https://other.test/a?b=1&amp;c=2">o</a>`, `<a href="https://other.test/a?b=1&amp;c=2">o</a>`},
		{`<img src="pic.png" alt="P &amp; Q">`, `<img src="https://example.com/blog/posts/x/pic.png" alt="P &amp; Q">`},
		{`<h2 id="a">A <em>b</em><a href="#a" class="anchor">#</a></h2>`, `<h2 id="a">A <em>b</em></h2>`},
		{`<p>5 &lt; 6 &amp; “quotes”</p>`, `<p>5 &lt; 6 &amp; “quotes”</p>`},
		{`<a href="mailto:a@example.com">mail</a>`, `<a href="mailto:a@example.com">mail</a>`},
	}
	for _, tt := range tests {
		got, err := absolute(tt.in, page)
		if err != nil || got != tt.want {
			t.Errorf("absolute(%s)\n got %s\nwant %s (%v)", tt.in, got, tt.want, err)
		}
	}
}

// filesOnDisk is Files of site by a Cache that keeps its channels in the
// disk cache in dir, committed, and the number of channels it wrote.
func filesOnDisk(t *testing.T, dir string, site *public.Site) (map[string][]byte, int) {
	t.Helper()
	d, err := diskcache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var c Cache
	c.UseDisk(d)
	out, err := c.Files(site)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return out, c.Written()
}

// TestDiskCache: a second run, with a new Cache on the same disk, writes
// no channel and returns the same bytes; a changed post writes its own
// channels only; a damaged entry is written again, not trusted.
func TestDiskCache(t *testing.T) {
	dir := t.TempDir()
	run := func(site *public.Site) (map[string][]byte, int) {
		t.Helper()
		return filesOnDisk(t, dir, site)
	}
	want := files(t, testSite())
	first, n := run(testSite())
	if n != 3 || !maps.EqualFunc(first, want, bytes.Equal) {
		t.Fatalf("first run wrote %d channels, or other bytes than Files", n)
	}
	second, n := run(testSite())
	if n != 0 || !maps.EqualFunc(second, want, bytes.Equal) {
		t.Errorf("second run wrote %d channels, want none, and the same bytes", n)
	}
	// The café post is in the main feed only: its tags have no feed here.
	changed := testSite()
	for _, p := range changed.Posts {
		if strings.HasPrefix(p.Title, "Café") {
			p.Title = "Retitled"
		}
	}
	got, n := run(changed)
	if !maps.EqualFunc(got, files(t, changed), bytes.Equal) || n != 1 {
		t.Errorf("a retitled post wrote %d channels, want 1, or other bytes than Files", n)
	}

	if got, ok := decode(encode(want, [3]string{RSSPath, AtomPath, JSONPath}), [3]string{RSSPath, AtomPath, JSONPath}); !ok || !bytes.Equal(got[AtomPath], want[AtomPath]) {
		t.Error("decode does not undo encode")
	}
	whole := encode(want, [3]string{RSSPath, AtomPath, JSONPath})
	for _, bad := range [][]byte{whole[:len(whole)-1], append(whole, 0), {0xff}} {
		if _, ok := decode(bad, [3]string{RSSPath, AtomPath, JSONPath}); ok {
			t.Errorf("decode took a damaged value of %d bytes", len(bad))
		}
	}
}

// TestBodiesFilledOnce: a post is in several feeds (the site's, the shared
// articles', each of its tags'), and a build that renders once fills its
// body when asked (public.LazyBody): each body is asked for once, however
// many feeds show it, and every feed shows it.
func TestBodiesFilledOnce(t *testing.T) {
	site := withFeedLength(testSite(), 0) // every post in the site's feeds
	fills := map[string]int{}
	for _, p := range site.Posts {
		html, toc := p.Body.Content()
		slug := p.Slug
		p.Body = public.LazyBody(func() (string, func() (template.HTML, []public.Heading)) {
			return "", func() (template.HTML, []public.Heading) {
				fills[slug]++
				return html, toc
			}
		})
	}
	want := files(t, withFeedLength(testSite(), 0))
	got := files(t, site)
	for _, path := range allPaths {
		if !bytes.Equal(got[path], want[path]) {
			t.Errorf("%s differs with bodies filled when asked", path)
		}
	}
	for _, p := range site.Posts {
		if fills[p.Slug] != 1 {
			t.Errorf("%s: its body was filled %d times, want once", p.Slug, fills[p.Slug])
		}
	}
}

// TestBodiesMadeForChannelsWritten: a channel is known by what its posts'
// bodies are made from (their keys, public.Body.Later), and their HTML
// made only for a channel that is written. A run after one that kept its
// channels on disk makes no body; a body edited (another key) makes the
// bodies of the channels that show it, and they show its new HTML.
func TestBodiesMadeForChannelsWritten(t *testing.T) {
	dir := t.TempDir()
	made := map[string]int{}
	lazy := func(edited string) *public.Site {
		site := testSite()
		for _, p := range site.Posts {
			html, toc := p.Body.Content()
			slug, key := p.Slug, "v1 "+p.Slug
			if slug == edited {
				html, key = html+"<p>Edited.</p>", "v2 "+slug
			}
			p.Body = public.LazyBody(func() (string, func() (template.HTML, []public.Heading)) {
				return key, func() (template.HTML, []public.Heading) {
					made[slug]++
					return html, toc
				}
			})
		}
		return site
	}
	run := func(site *public.Site) (map[string][]byte, int) {
		t.Helper()
		clear(made)
		return filesOnDisk(t, dir, site)
	}
	want := files(t, testSite())
	if got, n := run(lazy("")); n != 3 || !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatalf("first run wrote %d channels, or other bytes than Files", n)
	}
	if got, n := run(lazy("")); n != 0 || len(made) != 0 || !maps.EqualFunc(got, want, bytes.Equal) {
		t.Errorf("second run wrote %d channels and made the bodies of %v, want none, and the same bytes", n, made)
	}
	edited := testSite().Posts[0].Slug
	got, n := run(lazy(edited))
	if n == 0 || made[edited] != 1 {
		t.Errorf("a body edited: %d channels written, its body made %d times", n, made[edited])
	}
	if !bytes.Contains(got[RSSPath], []byte("Edited.")) {
		t.Errorf("a body edited: the site's feed does not show its new HTML")
	}
}

// TestKeyedOnce: a build that renders once (Once) is given each feed file
// with its key, the same from one run to the next for the same input, and
// a channel is made only when its bytes are asked for, and then Files'
// bytes; nothing of it is kept on the disk (a channel made in a build that
// fails must not outlive it).
func TestKeyedOnce(t *testing.T) {
	dir := t.TempDir()
	want := files(t, testSite())
	run := func() (map[string]page.Key, int, int, map[string][]byte) {
		t.Helper()
		d, err := diskcache.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		var c Cache
		c.UseDisk(d)
		c.Once()
		keyed, err := c.Keyed(testSite())
		if err != nil {
			t.Fatal(err)
		}
		before := c.Written()
		keys, got := map[string]page.Key{}, map[string][]byte{}
		for _, f := range keyed {
			keys[f.Path] = f.Key
			if got[f.Path], err = f.Data(); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		if n := d.Len(); n != 0 {
			t.Errorf("the disk holds %d values after a build that renders once", n)
		}
		return keys, before, c.Written(), got
	}
	first, before, after, got := run()
	if before != 0 || after != 3 || !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatalf("channels made: %d before their bytes were asked for, %d after (want 0, 3); Files' bytes %t",
			before, after, maps.EqualFunc(got, want, bytes.Equal))
	}
	for p, k := range first {
		if k == (page.Key{}) {
			t.Errorf("%s has no key", p)
		}
	}
	if second, _, _, _ := run(); !maps.Equal(first, second) {
		t.Error("the keys differ from one run to the next")
	}
}

// TestJSONFeedItemOfNoBody: JSON Feed 1.1 wants content_html or
// content_text in every item; a link post of no body had neither,
// gorilla leaving an empty one out: the feed was invalid (a QA pass).
func TestJSONFeedItemOfNoBody(t *testing.T) {
	site := testSite()
	site.Posts[2].Body = public.HTMLBody("", nil)
	out := files(t, site)
	var doc struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(out[JSONPath], &doc); err != nil {
		t.Fatal(err)
	}
	for i, it := range doc.Items {
		_, html := it["content_html"]
		_, text := it["content_text"]
		if !html && !text {
			t.Errorf("item %d has no content_html nor content_text: %v", i, it)
		}
	}
}

// TestFeedsEscapeURLs: a post at a path of other scripts (/posts/日本語/)
// was linked raw in the feeds, where a URL is escaped as RFC 3986 has it
// and as the page's own links are (a QA pass; Hugo writes %E6%97%A5…,
// checked with hugo); so was a link post's link. Its id stays what it
// was (a reader would show the post again, a review), but for an id
// given as the escaped address (a Hugo blog's, imported), which is the
// permalink's.
func TestFeedsEscapeURLs(t *testing.T) {
	site := testSite()
	site.Posts[1].Slug = "日本語"
	site.Posts[2].Link = "https://ja.wikipedia.org/wiki/日本 語"
	out := files(t, site)
	const escaped = "https://example.com/blog/posts/%E6%97%A5%E6%9C%AC%E8%AA%9E/"
	const link = "https://ja.wikipedia.org/wiki/%E6%97%A5%E6%9C%AC%20%E8%AA%9E"
	for _, f := range []string{RSSPath, AtomPath, JSONPath} {
		if !bytes.Contains(out[f], []byte(escaped)) || !bytes.Contains(out[f], []byte(link)) || bytes.Contains(out[f], []byte("日本 語")) {
			t.Errorf("%s: no %s or %s, or the link raw:\n%s", f, escaped, link, out[f])
		}
	}
	if !bytes.Contains(out[RSSPath], []byte(`<guid isPermaLink="true">https://example.com/blog/posts/日本語/</guid>`)) {
		t.Errorf("the id is not the one netjournal wrote:\n%s", out[RSSPath])
	}
	// A host of other letters is in its ASCII form, not percent-escaped
	// (a third review).
	site.Posts[2].Link = "https://bücher.de/angebote"
	out = files(t, site)
	if !bytes.Contains(out[JSONPath], []byte("https://xn--bcher-kva.de/angebote")) || bytes.Contains(out[JSONPath], []byte("%C3%BC")) {
		t.Errorf("the host:\n%s", out[JSONPath])
	}
	site.Posts[1].FeedID = escaped
	out = files(t, site)
	if !bytes.Contains(out[RSSPath], []byte(`<guid isPermaLink="true">`+escaped+`</guid>`)) {
		t.Errorf("an id given as the escaped address:\n%s", out[RSSPath])
	}
}
