// Package feed writes the public site's feeds: RSS 2.0, Atom and JSON Feed,
// once for every post and once for the shared articles (link posts) only.
// It is the only importer of github.com/gorilla/feeds: gorilla builds the
// items, this package adds what it leaves out (self links, language,
// categories, JSON Feed's external_url) in thin envelopes of its own.
//
// A link post's item links to the shared article and carries the commentary
// as its content; its id (the RSS guid) is the post's own page.
package feed

import (
	"fmt"
	"time"

	"github.com/gorilla/feeds"
	"github.com/netjournal/netjournal/internal/public"
)

// The feeds' paths relative to the site root. The blog links to them.
const (
	RSSPath  = "index.xml"
	AtomPath = "atom.xml"
	JSONPath = "feed.json"

	SharedRSSPath  = "shared/index.xml"
	SharedAtomPath = "shared/atom.xml"
	SharedJSONPath = "shared/feed.json"
)

// The feeds' media types, for <link rel="alternate" type="…">.
const (
	RSSType  = "application/rss+xml"
	AtomType = "application/atom+xml"
	JSONType = "application/feed+json"
)

// SharedTitle is the title of the shared-articles feeds and page, after the
// site's title.
const SharedTitle = "Shared articles"

// jsonFeedVersion is the JSON Feed version written, whatever gorilla/feeds
// defaults to.
const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

const generator = "netjournal"

// channel is one group of feeds: all posts, or the link posts.
type channel struct {
	title string
	home  string // site path of the HTML page the feed mirrors
	rss   string
	atom  string
	json  string
	posts []*public.Post // newest first, already cut to the feed length
}

// TagPaths are the feeds of a tag's posts, in RSS, Atom and JSON Feed, as
// Hugo puts them: beside the tag's page.
func TagPaths(t *public.Tag) [3]string {
	return [3]string{t.Path() + RSSPath, t.Path() + AtomPath, t.Path() + JSONPath}
}

// TagTitle is the title of a tag's feeds.
func TagTitle(site *public.Site, t *public.Tag) string { return site.Title + ": #" + t.Name }

// Files returns the feed files of site by path relative to the site root:
// index.xml, atom.xml and feed.json for every post, the same under shared/
// for the link posts and under tags/<slug>/ for each tag's posts, each
// newest first and at most site.FeedLength items long (all items when
// FeedLength is not positive).
func Files(site *public.Site) (map[string][]byte, error) {
	channels := []channel{
		{
			title: site.Title,
			rss:   RSSPath, atom: AtomPath, json: JSONPath,
			posts: limit(site.Posts, site.FeedLength),
		},
		{
			title: site.Title + ": " + SharedTitle,
			home:  "shared/",
			rss:   SharedRSSPath, atom: SharedAtomPath, json: SharedJSONPath,
			posts: limit(site.LinkPosts(), site.FeedLength),
		},
	}
	for _, t := range site.Tags {
		paths := TagPaths(t)
		channels = append(channels, channel{
			title: TagTitle(site, t),
			home:  t.Path(),
			rss:   paths[0], atom: paths[1], json: paths[2],
			posts: limit(t.Posts, site.FeedLength),
		})
	}
	out := map[string][]byte{}
	for _, c := range channels {
		f, err := build(site, c)
		if err != nil {
			return nil, err
		}
		for _, w := range []struct {
			path  string
			write func(*public.Site, channel, *feeds.Feed) ([]byte, error)
		}{
			{c.rss, rssFeed},
			{c.atom, atomFeed},
			{c.json, jsonFeed},
		} {
			b, err := w.write(site, c, f)
			if err != nil {
				return nil, fmt.Errorf("feed %s: %w", w.path, err)
			}
			out[w.path] = b
		}
	}
	return out, nil
}

func limit(posts []*public.Post, n int) []*public.Post {
	if n > 0 && len(posts) > n {
		return posts[:n]
	}
	return posts
}

// build returns the format-neutral feed gorilla/feeds converts.
func build(site *public.Site, c channel) (*feeds.Feed, error) {
	f := &feeds.Feed{
		Title:       c.title,
		Link:        &feeds.Link{Href: site.URL(c.home)},
		Description: site.Description,
		Author:      &feeds.Author{Name: site.Author.Name, Email: site.Author.Email},
		Updated:     updated(site),
	}
	for _, p := range c.posts {
		permalink := site.URL(p.Path())
		html, err := absolute(string(p.HTML), permalink)
		if err != nil {
			return nil, fmt.Errorf("feed: post %s: %w", p.Slug, err)
		}
		f.Add(&feeds.Item{
			Title:       p.Title,
			Link:        &feeds.Link{Href: itemLink(site, p)},
			Description: p.Summary,
			Id:          permalink,
			IsPermaLink: "true",
			Created:     p.Date,
			Updated:     p.Updated,
			Content:     html,
		})
	}
	return f, nil
}

// itemLink is where an item's title leads: the shared article for a link
// post, else the post's page.
func itemLink(site *public.Site, p *public.Post) string {
	if p.IsLink() {
		return p.Link
	}
	return site.URL(p.Path())
}

// updated is the feeds' last-modified time: the site's, or the Unix epoch
// for a site without posts (Atom requires a date).
func updated(site *public.Site) time.Time {
	if site.Updated.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return site.Updated
}

// categories returns a post's tags without repeats, in their order.
func categories(p *public.Post) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range p.Tags {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
