package feed

import (
	"time"

	"github.com/netjournal/netjournal/internal/public"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

const (
	jitterArticle = "https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/"
	tailArticle   = "https://research.google/pubs/the-tail-at-scale/"
)

// testSite is five posts under https://example.com/blog/, newest first: a
// link post with a footnote, an essay with a Unicode title and a link to
// another post, a second link post, an essay with a heading anchor and
// code, and an old essay. Their HTML is what internal/markdown renders.
func testSite() *public.Site {
	posts := []*public.Post{
		{
			Slug:    "jitter",
			Title:   "Timeouts, retries and backoff with jitter",
			Summary: "Why full jitter beats equal jitter.",
			Date:    day("2026-03-10"),
			Tags:    []string{"reliability", "aws"},
			Link:    jitterArticle,
			Body: public.HTMLBody(`<p>Why full jitter beats equal jitter.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>Read the simulation twice.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
</li>
</ol>
</div>
`, nil),
		},
		{
			Slug:    "cafe-notes",
			Title:   "Café ☕ notes: naïve 日本語 & <escaping>",
			Summary: "Notes from a café & a line of 日本語.",
			Date:    day("2026-02-20"),
			Updated: day("2026-03-01"),
			Tags:    []string{"Go", "writing"},
			Body:    public.HTMLBody(`<p>Notes from a café &amp; a line of 日本語. See <a href="/blog/posts/idempotency/">the idempotency essay</a> and <img src="/blog/img/cafe.png" alt="a café">.</p>`+"\n", nil),
		},
		{
			Slug:    "tail-at-scale",
			Title:   "The Tail at Scale",
			Summary: "Why p99 is a fleet property.",
			Date:    day("2026-02-01"),
			Tags:    []string{"reliability"},
			Link:    tailArticle,
			Body:    public.HTMLBody("<p>Why p99 is a fleet property.</p>\n", nil),
		},
		{
			Slug:    "idempotency",
			Title:   "Idempotency keys are a contract",
			Summary: "The column is the easy part.",
			Date:    day("2025-11-03"),
			Body: public.HTMLBody(`<p>The column is the easy part.</p>
<h2 id="what-the-key-promises">What the key <em>promises</em><a href="#what-the-key-promises" class="anchor">#</a></h2>
<pre class="chroma"><code><span class="line"><span class="cl"><span class="kd">func</span> <span class="nf">Charge</span><span class="p">()</span>
</span></span></code></pre>
`, nil),
		},
		{
			Slug:    "first-post",
			Title:   "Hello, world",
			Summary: "Why this blog exists.",
			Date:    day("2024-12-31"),
			Body:    public.HTMLBody("<p>Why this blog exists.</p>\n", nil),
		},
	}
	return &public.Site{
		Title:       "Field Notes",
		Description: "Notes on distributed systems & careers.",
		Author:      public.Author{Name: "Ada Lovelace", Email: "ada@example.com"},
		BaseURL:     "https://example.com/blog/",
		BasePath:    "/blog/",
		Language:    "en",
		PageSize:    2,
		FeedLength:  3,
		Updated:     day("2026-03-10"),
		Posts:       posts,
		Tags:        []*public.Tag{{Name: "reliability", Slug: "reliability", Posts: []*public.Post{posts[0], posts[2]}}},
	}
}
