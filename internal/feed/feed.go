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
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/gorilla/feeds"
	"github.com/netjournal/netjournal/internal/diskcache"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/public"
	"golang.org/x/net/idna"
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
	return new(Cache).Files(site)
}

// Cache keeps each channel's feeds with the input they were written
// from, so that a rebuild writes again only the channels whose input
// changed: an edit of one post changes its tags' feeds, not the other
// tags'. Its results equal Files'.
type Cache struct {
	channels map[string]cachedChannel // by the channel's RSS path
	disk     *diskcache.Cache         // nil: none
	written  int                      // channels the last Files wrote
	once     bool                     // keep no channel (Once)
}

type cachedChannel struct {
	input input
	key   page.Key // of input, when the cache is on disk
	files map[string][]byte
}

// UseDisk keeps the feeds in d as well, from one run to the next, each
// channel's three files under the hash of its input.
func (c *Cache) UseDisk(d *diskcache.Cache) { c.disk = d }

// Once makes the cache keep nothing in memory, for a build that renders
// once.
func (c *Cache) Once() { c.once = true }

// Written is the number of channels the last Files wrote; the others
// were unchanged, in memory or on disk.
func (c *Cache) Written() int { return c.written }

// encode puts a channel's three files, in the order of paths, into one
// value for the disk.
func encode(files map[string][]byte, paths [3]string) []byte {
	var out []byte
	for _, p := range paths {
		out = binary.AppendUvarint(out, uint64(len(files[p])))
		out = append(out, files[p]...)
	}
	return out
}

// decode is encode undone, or false for a value that is not whole.
func decode(b []byte, paths [3]string) (map[string][]byte, bool) {
	files := make(map[string][]byte, len(paths))
	for _, p := range paths {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, false
		}
		files[p], b = b[k:k+int(n)], b[k+int(n):]
	}
	return files, len(b) == 0
}

// input is all that a channel's feeds are written from. The writers are
// handed a site and posts made from it alone (see site and channel), so
// that equal inputs write equal feeds by construction.
type input struct {
	Site                         siteMeta
	Title, Home, RSS, Atom, JSON string
	Posts                        []postMeta
}

type siteMeta struct {
	Title, Description, AuthorName, AuthorEmail, BaseURL, BasePath, Language string
	Updated                                                                  time.Time
}

type postMeta struct {
	Slug, Title, Summary, Link, FeedID string
	Date, Updated                      time.Time
	Tags                               []string
	// Body is what the post's HTML is made from: its key
	// (public.Body.Later), or, for a body without one, the HTML itself.
	Body string
	// HTML is the post's HTML, made only for a channel that is written,
	// once its input is found changed: empty in the input compared and
	// keyed.
	HTML template.HTML
}

func (in *input) site() *public.Site {
	return &public.Site{
		Title: in.Site.Title, Description: in.Site.Description,
		Author:  public.Author{Name: in.Site.AuthorName, Email: in.Site.AuthorEmail},
		BaseURL: in.Site.BaseURL, BasePath: in.Site.BasePath, Language: in.Site.Language,
		Updated: in.Site.Updated,
	}
}

func (in *input) channel() channel {
	c := channel{title: in.Title, home: in.Home, rss: in.RSS, atom: in.Atom, json: in.JSON}
	for _, p := range in.Posts {
		c.posts = append(c.posts, &public.Post{
			Slug: p.Slug, Title: p.Title, Summary: p.Summary, Link: p.Link, FeedID: p.FeedID,
			Date: p.Date, Updated: p.Updated, Tags: p.Tags, Body: public.HTMLBody(p.HTML, nil),
		})
	}
	return c
}

// Files is the package's Files, writing only the channels that changed.
func (c *Cache) Files(site *public.Site) (map[string][]byte, error) {
	keyed, err := c.Keyed(site)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(keyed))
	for _, f := range keyed {
		if out[f.Path], err = f.Data(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// File is a feed file: its path, the key of what its bytes are made from
// (its channel's input: zero without the cache on disk), and its bytes,
// made when asked. A build that renders once keeps a file whose key is
// the one it had without asking (page.Site.PutKeyed).
type File struct {
	Path string
	Key  page.Key
	Data func() ([]byte, error)
}

// fileKey is the key of the file at path of the channel of this key.
func fileKey(channel page.Key, path string) page.Key {
	return sha256.Sum256(append(append([]byte("feed file\x00"), channel[:]...), path...))
}

// Keyed is Files, each file with its key; for a build that renders once
// (Once), a channel's bytes are made only when they are asked for.
func (c *Cache) Keyed(site *public.Site) ([]File, error) {
	// Feeds name an author (Atom requires one): the site's, or its title.
	author := site.Author.Name
	if author == "" {
		author = site.Title
	}
	meta := siteMeta{
		Title: site.Title, Description: site.Description, AuthorName: author, AuthorEmail: site.Author.Email,
		BaseURL: site.BaseURL, BasePath: site.BasePath, Language: site.Language, Updated: site.Updated,
	}
	// A channel is known by what its posts' bodies are made from, and
	// their HTML made only for a channel written: every tag has a feed,
	// and reading every body that any feed shows at every build (a
	// thousand of them, at 1,000 posts as at 10,000) was a fifth of a
	// build after an edit at 1,000 posts. A post is in several feeds (the
	// site's, its tags'): its body is made once and shared.
	type body struct {
		key  string
		make func() (template.HTML, []public.Heading)
		html template.HTML
		made bool
	}
	bodies := map[*public.Post]*body{}
	bodyOf := func(p *public.Post) *body {
		b := bodies[p]
		if b == nil {
			b = &body{}
			b.key, b.make = p.Body.Later()
			if b.key == "" {
				b.html, _ = b.make()
				b.key, b.made = "html "+string(b.html), true
			} else {
				b.key = "key " + b.key
			}
			bodies[p] = b
		}
		return b
	}
	type channelIn struct {
		input
		posts []*public.Post
	}
	in := func(title, home string, paths [3]string, posts []*public.Post) channelIn {
		i := channelIn{input: input{Site: meta, Title: title, Home: home, RSS: paths[0], Atom: paths[1], JSON: paths[2]}}
		for _, p := range limit(posts, site.FeedLength) {
			i.Posts = append(i.Posts, postMeta{
				Slug: p.Slug, Title: p.Title, Summary: p.Summary, Link: p.Link, FeedID: p.FeedID,
				Date: p.Date, Updated: p.Updated, Tags: p.Tags, Body: bodyOf(p).key,
			})
			i.posts = append(i.posts, p)
		}
		return i
	}
	inputs := []channelIn{
		in(site.Title, "", [3]string{RSSPath, AtomPath, JSONPath}, site.Posts),
		in(site.Title+": "+SharedTitle, "shared/", [3]string{SharedRSSPath, SharedAtomPath, SharedJSONPath}, site.LinkPosts()),
	}
	for _, t := range site.Tags {
		inputs = append(inputs, in(TagTitle(site, t), t.Path(), TagPaths(t), t.Posts))
	}
	var out []File
	add := func(key page.Key, paths [3]string, files func() (map[string][]byte, error)) {
		for _, p := range paths {
			f := File{Path: p, Data: func() ([]byte, error) {
				files, err := files()
				return files[p], err
			}}
			if key != (page.Key{}) {
				f.Key = fileKey(key, p)
			}
			out = append(out, f)
		}
	}
	at := func(files map[string][]byte) func() (map[string][]byte, error) {
		return func() (map[string][]byte, error) { return files, nil }
	}
	channels := make(map[string]cachedChannel, len(inputs))
	c.written = 0
	for _, ci := range inputs {
		i := ci.input
		paths := [3]string{i.RSS, i.Atom, i.JSON}
		if old, ok := c.channels[i.RSS]; ok && page.Equal(old.input, i) {
			if c.disk != nil {
				c.disk.Keep(diskcache.Key(old.key))
			}
			channels[i.RSS] = old
			add(old.key, paths, at(old.files))
			continue
		}
		// Written with its posts' HTML; kept by what it is made from.
		made := func() (map[string][]byte, error) {
			w := i
			w.Posts = slices.Clone(i.Posts)
			for k, p := range ci.posts {
				b := bodyOf(p)
				if !b.made {
					b.html, _ = b.make()
					b.made = true
				}
				w.Posts[k].HTML = b.html
			}
			c.written++
			return write(&w)
		}
		var key page.Key
		if c.disk != nil {
			var err error
			if key, err = page.KeyOf("feeds", i.RSS, i); err != nil {
				return nil, err
			}
			if c.once {
				// A build that renders once keeps its feeds in its output
				// by their keys, as its pages: a channel is made only if
				// the output does not hold its files with these keys
				// (page.Site.PutKeyed). It is not kept on the disk, where
				// one made in a build that fails, from a body that could
				// not be made back (markdown.ErrGone), would outlive it.
				add(key, paths, sync.OnceValues(made))
				continue
			}
			if b, ok := c.disk.Get(diskcache.Key(key)); ok {
				if files, ok := decode(b, paths); ok {
					channels[i.RSS] = cachedChannel{input: i, key: key, files: files}
					add(key, paths, at(files))
					continue
				}
			}
		}
		files, err := made()
		if err != nil {
			return nil, err
		}
		if c.disk != nil {
			c.disk.Put(diskcache.Key(key), encode(files, paths))
		}
		channels[i.RSS] = cachedChannel{input: i, key: key, files: files}
		add(key, paths, at(files))
	}
	if !c.once {
		c.channels = channels
	}
	return out, nil
}

// write writes one channel's feeds from its input alone.
func write(in *input) (map[string][]byte, error) {
	site, c := in.site(), in.channel()
	f, err := build(site, c)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
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
		Link:        &feeds.Link{Href: site.WebURL(c.home)},
		Description: site.Description,
		Author:      &feeds.Author{Name: site.Author.Name, Email: site.Author.Email},
		Updated:     updated(site),
	}
	for _, p := range c.posts {
		permalink := site.WebURL(p.Path())
		// An item's id stays what subscribers have seen: the post's
		// address as netjournal always wrote it (raw, /posts/日本語/,
		// though its link is escaped now: an escaped id would show such
		// a post again), or the id it was given (a blog's old address,
		// escaped as Hugo writes it, which is the permalink's).
		id, isPermaLink := site.URL(p.Path()), "true"
		switch {
		case p.FeedID == "" || p.FeedID == id:
		case p.FeedID == permalink:
			id = permalink
		default:
			id, isPermaLink = p.FeedID, "false"
		}
		html, err := absolute(string(p.Body.HTML()), permalink)
		if err != nil {
			return nil, fmt.Errorf("feed: post %s: %w", p.Slug, err)
		}
		f.Add(&feeds.Item{
			Title:       p.Title,
			Link:        &feeds.Link{Href: itemLink(site, p)},
			Description: p.Summary,
			Id:          id,
			IsPermaLink: isPermaLink,
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
		return escapedLink(p.Link)
	}
	return site.WebURL(p.Path())
}

// escapedLink is a link post's link: as a feed writes a URL, escaped
// (https://ja.wikipedia.org/wiki/日本 is …/wiki/%E6%97%A5%E6%9C%AC).
func escapedLink(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	// A host of other letters in its ASCII form (bücher.de is
	// xn--bcher-kva.de), as feed readers read one; not percent-escaped.
	if host, err := idna.Lookup.ToASCII(u.Hostname()); err == nil && host != u.Hostname() {
		if port := u.Port(); port != "" {
			host += ":" + port
		}
		u.Host = host
	}
	return u.String()
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
