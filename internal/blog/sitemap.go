package blog

import (
	"bytes"
	"encoding/xml"
	"slices"
	"time"
)

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemap lists every page rendered so far but the 404 page, in the order
// rendered: home pages, posts newest first, tags, archive, shared, the
// standalone pages.
func (r *renderer) sitemap() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: r.urls}); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// sitemapOf is r's sitemap: the last one, when it lists the same URLs
// (an edit of a post's body, say), whose XML the encoder took a tenth of
// a rebuild's blog to write again at 10,000 posts.
func (c *Cache) sitemapOf(r *renderer) ([]byte, error) {
	if c.siteMap != nil && slices.Equal(c.urls, r.urls) {
		return c.siteMap, nil
	}
	c.urls, c.siteMap = nil, nil
	b, err := r.sitemap()
	if err == nil && !c.pages.Once {
		c.urls, c.siteMap = r.urls, b
	}
	return b, err
}

// sitemapDate is a W3C date, or "" for an unknown time.
func sitemapDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// robots allows everything and points to the sitemap. Crawlers read
// robots.txt at a host's root only: a site under a sub-path is covered by
// the host's own file, and this one is harmless there.
func (r *renderer) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + r.site.WebURL("sitemap.xml") + "\n")
}
