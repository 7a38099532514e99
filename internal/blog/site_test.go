package blog

import (
	"fmt"
	"time"

	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/public"
)

// The fixture's private-looking fields: link checking data that no page
// may print.
const (
	sourceMarker = "SOURCE-MARKER"
	linksMarker  = "LINKS-MARKER"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// testSite is a small blog under a sub-path: an essay with code, a table
// and a footnote; a Unicode title with characters to escape; two link
// posts with footnotes and a heading (so the shared page holds the same
// ids twice); tags written "Go" and "go"; a backlink; three years.
// Its HTML is what internal/markdown renders for such posts.
func testSite() *public.Site {
	jitter := &public.Post{
		Slug:    "jitter",
		Title:   "Timeouts, retries and backoff with jitter",
		Summary: "Why full jitter beats equal jitter, from people who run it at scale.",
		Date:    day("2026-03-10"),
		Tags:    []string{"reliability"},
		Link:    "https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/",
		Body: public.HTMLBody(`<p>Why full jitter beats equal jitter, from people who run it at scale.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>Read the simulation section twice.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
</li>
</ol>
</div>
`, nil),
		Words: 40,
	}
	cafe := &public.Post{
		Slug:    "cafe-notes",
		Title:   "Café ☕ notes: naïve 日本語 & <escaping>",
		Summary: "Notes from a café in Lisbon & a line of 日本語.",
		Date:    day("2026-02-20"),
		Tags:    []string{"Go", "writing"},
		Body: public.HTMLBody(`<p>Notes from a café in Lisbon &amp; a line of 日本語. See <a href="/blog/posts/idempotency/">the idempotency essay</a>.</p>
`, nil),
		Words: 480,
	}
	tail := &public.Post{
		Slug:    "tail-at-scale",
		Title:   "The Tail at Scale",
		Summary: "Still the best explanation of why p99 is a fleet property.",
		Date:    day("2026-02-01"),
		Tags:    []string{"distributed-systems", "reliability"},
		Link:    "https://www.research.google/pubs/the-tail-at-scale/",
		Body: public.HTMLBody(`<p>Still the best explanation of why p99 is a fleet property.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>
<h2 id="why">Why<a href="#why" class="anchor">#</a></h2>
<p>Hedged requests.</p>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>Dean and Barroso, 2013.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
</li>
</ol>
</div>
`, nil),
		Words: 25,
	}
	idem := &public.Post{
		Slug:    "idempotency",
		Title:   "Idempotency keys are a contract",
		Summary: "The column is the easy part.",
		Date:    day("2025-11-03"),
		Updated: day("2026-01-15"),
		Tags:    []string{"distributed-systems", "go"},
		Body: public.HTMLBody(`<p>The column is the easy part.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>
<h2 id="what-the-key-promises">What the key <em>promises</em><a href="#what-the-key-promises" class="anchor">#</a></h2>
<pre class="chroma"><code><span class="line"><span class="cl"><span class="kd">func</span><span class="w"> </span><span class="nf">Charge</span><span class="p">(</span><span class="nx">key</span><span class="w"> </span><span class="kt">string</span><span class="p">)</span><span class="w"> </span><span class="kt">error</span><span class="w">
</span></span></span></code></pre>
<table>
<thead>
<tr>
<th>Call</th>
<th>Retry?</th>
</tr>
</thead>
<tbody>
<tr>
<td>Read</td>
<td>Yes</td>
</tr>
</tbody>
</table>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>Ask the payments team.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
</li>
</ol>
</div>
`, nil),
		Words: 1200,
	}
	first := &public.Post{
		Slug:    "first-post",
		Title:   "Hello, world",
		Summary: "Why this blog exists.",
		Date:    day("2024-12-31"),
		Body:    public.HTMLBody("<p>Why this blog exists.</p>\n", nil),
		Words:   100,
	}
	idem.Backlinks = []*public.Post{cafe}
	posts := []*public.Post{jitter, cafe, tail, idem, first}
	for _, p := range posts {
		p.Source = "content/posts/" + sourceMarker + "-" + p.Slug + ".md"
		p.Links = []public.Link{{Dest: "/posts/" + linksMarker + "/", Line: 7}}
	}
	return &public.Site{
		Title:       "Field Notes",
		Description: "Notes on distributed systems and careers.",
		Author:      public.Author{Name: "Ada Lovelace", Email: "ada@example.com"},
		BaseURL:     "https://example.com/blog/",
		BasePath:    "/blog/",
		Language:    "en",
		PageSize:    2,
		FeedLength:  3,
		Updated:     day("2026-03-10"),
		Posts:       posts,
		Menu:        []public.MenuItem{{Title: "Home"}, {Title: "Archive", Path: "archive/"}, {Title: "Shared", Path: "shared/"}, {Title: "Tags", Path: "tags/"}, {Title: "About", Path: "about/"}},
		Pages: []*public.Page{{
			Path:        "about/",
			Title:       "About me",
			Description: "Who writes Field Notes.",
			Date:        day("2024-01-10"),
			Updated:     day("2026-02-01"),
			HTML:        "<p>I build payment systems.</p>\n<h2 id=\"work\">Work <a class=\"anchor\" href=\"#work\">#</a></h2>\n<h3 id=\"now\">Now <a class=\"anchor\" href=\"#now\">#</a></h3>\n<h2 id=\"контакты\">Контакты <a class=\"anchor\" href=\"#контакты\">#</a></h2>\n",
			Words:       9,
			TOC:         []public.Heading{{ID: "work", Text: "Work", Children: []public.Heading{{ID: "now", Text: "Now"}}}, {ID: "контакты", Text: "Контакты"}},
			Source:      "content/pages/about.md",
		}},
		Tags: []*public.Tag{
			{Name: "distributed-systems", Slug: "distributed-systems", Posts: []*public.Post{tail, idem}},
			{Name: "Go", Slug: "go", Posts: []*public.Post{cafe, idem}},
			{Name: "reliability", Slug: "reliability", Posts: []*public.Post{jitter, tail}},
			{Name: "writing", Slug: "writing", Posts: []*public.Post{cafe}},
		},
	}
}

// essaySite is n plain posts, one a day, newest first, with page size size.
func essaySite(n, size int) *public.Site {
	s := testSite()
	s.Posts, s.Tags = nil, nil
	s.Menu = []public.MenuItem{s.Menu[0], s.Menu[1], s.Menu[3]} // no Shared: no link posts
	s.Pages = nil
	s.PageSize = size
	for i := n; i >= 1; i-- {
		s.Posts = append(s.Posts, &public.Post{
			Slug:    fmt.Sprintf("post-%d", i),
			Title:   fmt.Sprintf("Post number %d", i),
			Summary: fmt.Sprintf("Summary %d.", i),
			Date:    day("2025-01-01").AddDate(0, 0, i),
			Body:    public.HTMLBody(template.HTML(fmt.Sprintf("<p>Body %d.</p>\n", i)), nil),
			Words:   10,
		})
	}
	return s
}
