package feed

import (
	"bytes"
	"encoding/json"

	"github.com/gorilla/feeds"
	"github.com/netjournal/netjournal/internal/public"
)

// jsonDoc is gorilla's JSON Feed with "items" always written: the field is
// required, and gorilla omits it when the feed is empty.
type jsonDoc struct {
	*feeds.JSONFeed
	Items []jsonItem `json:"items"`
}

// jsonItem is gorilla's item with content_html always written: JSON Feed
// 1.1 wants it or content_text in every item, and gorilla leaves an empty
// one out (a link post of no body).
type jsonItem struct {
	*feeds.JSONItem
	ContentHTML string `json:"content_html"`
}

// jsonFeed writes a JSON Feed 1.1. Following the JSON Feed spec for link
// blogs, an item's url is the post's page and a link post's external_url is
// the shared article.
func jsonFeed(site *public.Site, c channel, f *feeds.Feed) ([]byte, error) {
	jf := (&feeds.JSON{Feed: f}).JSONFeed()
	jf.Version = jsonFeedVersion
	jf.Language = site.Language
	jf.HomePageUrl = site.WebURL(c.home)
	jf.FeedUrl = site.WebURL(c.json)
	doc := jsonDoc{JSONFeed: jf, Items: []jsonItem{}}
	for i, it := range jf.Items {
		p := c.posts[i]
		it.Url = site.WebURL(p.Path())
		if p.IsLink() {
			it.ExternalUrl = escapedLink(p.Link)
		}
		it.Tags = categories(p)
		doc.Items = append(doc.Items, jsonItem{JSONItem: it, ContentHTML: it.ContentHTML})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
