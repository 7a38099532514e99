package feed

import (
	"encoding/xml"
	"time"

	"github.com/gorilla/feeds"
	"github.com/netjournal/netjournal/internal/public"
)

// atomDoc is an Atom feed with both the alternate and the self link
// (gorilla's AtomFeed has room for one link), a language and a generator;
// the entries are gorilla's.
type atomDoc struct {
	XMLName   xml.Name `xml:"feed"`
	NS        string   `xml:"xmlns,attr"`
	Lang      string   `xml:"xml:lang,attr,omitempty"`
	Title     string   `xml:"title"`
	Subtitle  string   `xml:"subtitle,omitempty"`
	ID        string   `xml:"id"`
	Updated   string   `xml:"updated"`
	Links     []feeds.AtomLink
	Author    *feeds.AtomAuthor
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

// atomEntry replaces gorilla's single, text-only category with Atom's
// <category term="…"/> elements.
type atomEntry struct {
	*feeds.AtomEntry
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func atomFeed(site *public.Site, c channel, f *feeds.Feed) ([]byte, error) {
	af := (&feeds.Atom{Feed: f}).AtomFeed()
	doc := atomDoc{
		NS:       af.Xmlns,
		Lang:     site.Language,
		Title:    af.Title,
		Subtitle: af.Subtitle,
		ID:       af.Id,
		Updated:  af.Updated,
		Links: []feeds.AtomLink{
			{Href: site.WebURL(c.home), Rel: "alternate", Type: "text/html"},
			{Href: site.WebURL(c.atom), Rel: "self", Type: AtomType},
		},
		Author:    af.Author,
		Generator: generator,
	}
	for i, e := range af.Entries {
		p := c.posts[i]
		e.Published = p.Date.Format(time.RFC3339)
		e.Links[0].Type = "text/html"
		if p.IsLink() {
			// The alternate link is the article; the post's own page is
			// related to it.
			e.Links = append(e.Links, feeds.AtomLink{Href: site.WebURL(p.Path()), Rel: "related", Type: "text/html"})
		}
		if e.Summary != nil {
			e.Summary.Type = "text" // a summary is plain text
		}
		entry := atomEntry{AtomEntry: e}
		for _, t := range categories(p) {
			entry.Categories = append(entry.Categories, atomCategory{Term: t})
		}
		doc.Entries = append(doc.Entries, entry)
	}
	return marshalXML(doc)
}
