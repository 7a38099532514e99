package feed

import (
	"bytes"
	"encoding/xml"

	"github.com/gorilla/feeds"
	"github.com/netjournal/netjournal/internal/public"
)

// rssDoc is gorilla's RSS 2.0 document with the Atom namespace declared
// for the channel's self link and Dublin Core's for the items' author
// (RSS's own <author> must be an email address).
type rssDoc struct {
	XMLName   xml.Name `xml:"rss"`
	Version   string   `xml:"version,attr"`
	ContentNS string   `xml:"xmlns:content,attr"`
	AtomNS    string   `xml:"xmlns:atom,attr"`
	DCNS      string   `xml:"xmlns:dc,attr"`
	Channel   rssChannel
}

// rssChannel adds a self link to gorilla's channel; its Items replace
// gorilla's, which have room for one category only.
type rssChannel struct {
	XMLName xml.Name `xml:"channel"`
	*feeds.RssFeed
	Self  rssSelf   `xml:"atom:link"`
	Items []rssItem `xml:"item"`
}

type rssSelf struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	*feeds.RssItem
	Creator    string   `xml:"dc:creator,omitempty"`
	Categories []string `xml:"category"`
}

func rssFeed(site *public.Site, c channel, f *feeds.Feed) ([]byte, error) {
	ch := (&feeds.Rss{Feed: f}).RssFeed()
	ch.Language = site.Language
	ch.Generator = generator
	if site.Author.Email == "" {
		// RSS wants an address here; gorilla writes " (Name)" without one.
		ch.ManagingEditor = ""
	}
	doc := rssDoc{
		Version:   "2.0",
		ContentNS: "http://purl.org/rss/1.0/modules/content/",
		AtomNS:    "http://www.w3.org/2005/Atom",
		DCNS:      "http://purl.org/dc/elements/1.1/",
		Channel: rssChannel{
			RssFeed: ch,
			Self:    rssSelf{Href: site.WebURL(c.rss), Rel: "self", Type: RSSType},
		},
	}
	for i, it := range ch.Items {
		doc.Channel.Items = append(doc.Channel.Items, rssItem{RssItem: it, Creator: site.Author.Name, Categories: categories(c.posts[i])})
	}
	return marshalXML(doc)
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
