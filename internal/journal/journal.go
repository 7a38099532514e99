// Package journal is netjournal's domain: contacts, events and posts with
// their references resolved, and what follows from them — backlinks,
// timelines, last contact, cadence, follow-ups, favours. It does no I/O and
// takes the clock as a value.
package journal

import (
	"crypto/sha256"
	"errors"
	"iter"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"weak"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
)

// Options are the build's choices that change what the journal holds.
type Options struct {
	Now    time.Time // the build's clock
	Drafts bool      // publish drafts
	Future bool      // publish posts dated after Now
	// Reread, when set, reads the body of a document again by its path,
	// as it was loaded: a body the renderer keeps prepared on disk is then
	// let go of (markdown.Renderer.Let), its document's Body emptied, and
	// read again only if the disk cannot give it back. For a build that
	// renders once; the documents are then not to be used again.
	Reread func(path string) (string, error)
}

// Journal is the whole resolved network.
type Journal struct {
	Config *content.Config
	Now    time.Time
	Today  time.Time // Now's calendar day, UTC midnight
	Opts   Options

	Contacts []*Contact      // by name
	Events   []*Event        // newest first
	Posts    []*Post         // newest first
	Pages    []*content.Page // the blog's standalone pages, by site path
	Tags     []*Tag          // by name: tags of contacts and posts

	// Unresolved lists body wikilinks that match nothing.
	Unresolved []*Unresolved
	// Headings lists the body wikilinks that name a heading of the
	// document they lead to ([[post#Some heading]], [[#Intro]]), for the
	// link check to say at their lines when the heading is not there.
	Headings []*HeadingLink
	// Warnings are problems that do not stop the build.
	Warnings content.ErrorList

	md      *markdown.Renderer
	targets map[string][]Node // normalised key → documents
	// legacy holds the documents by the slug their file names had
	// before a slug kept every script (content.LegacySlugOf), normalised:
	// a ref that names nothing else names the one document that had it.
	legacy    map[string][]Node
	bySlug    map[Kind]map[string]Node
	tagIndex  map[string]*Tag  // normalised name → tag
	linkPosts map[string]*Post // a link post's article → the post
	// Resolve's answers, in shards by the ref: while the journal is
	// built, every body's wikilinks are resolved on every core, most of
	// them for the first time, and the cores took turns at one lock (a
	// third of that step's time).
	resolved [resolvedShards]resolvedShard
	// built is what Resolve answered, for a ref of any kind, while the
	// journal was built (every body's wikilinks among them): read without
	// a lock, since nothing writes it after (freeze).
	built map[string]resolution

	// facts are the sums of what each document's body gives the journal
	// (markdown.Facts.Sum), by its path: in a build that renders once.
	facts map[string][sha256.Size]byte

	// named is what the public view's bodies named (SamePublic).
	named named
	// samePosts is the last answer of SamePosts, and to which journal
	// (not held for it: a journal would hold every one before it).
	samePosts struct {
		sync.Mutex
		as   weak.Pointer[Journal]
		same bool
	}

	// atPath is each document by its path, made when NodeAt is first
	// called.
	atPath     map[string]Node
	atPathOnce sync.Once

	// Bodies let go that could not be filled again when a page asked
	// (public.LazyBody): Late reports them.
	lateMu sync.Mutex
	late   content.ErrorList
}

// FactsSum returns the sum of what the body of the document at path gave
// the journal (markdown.Facts.Sum), for a build that renders once
// (Options.Reread; ok is false for any other): the next build, in a new
// process, tells from it whether a body edited since gives it the same.
func (j *Journal) FactsSum(path string) ([sha256.Size]byte, bool) {
	s, ok := j.facts[path]
	return s, ok
}

// Late returns the problems met when the public view's bodies were filled
// for the pages and feeds that show them, after Public returned: a body
// let go that could not be read back (markdown.ErrGone). Ask once every
// page is made; a build with any fails.
func (j *Journal) Late() error {
	j.lateMu.Lock()
	defer j.lateMu.Unlock()
	j.late.Sort()
	return j.late.Err()
}

// lost keeps, of the problems of a body filled late, those of a body let
// go that could not be read back: the others were reported when the
// public view was made.
func (j *Journal) lost(d *content.Doc, errs []markdown.LineError) {
	for _, e := range errs {
		if errors.Is(e.Err, markdown.ErrGone) {
			j.lateMu.Lock()
			j.late.Add(d.BodyPos(e.Line), "%v", e.Err)
			j.lateMu.Unlock()
		}
	}
}

// Kind says what a Node is.
type Kind int

const (
	KindContact Kind = iota
	KindEvent
	KindPost
)

func (k Kind) String() string {
	return [...]string{"contact", "event", "post"}[k]
}

// Node is anything a link can point at: *Contact, *Event or *Post.
type Node interface {
	NodeKind() Kind
	Slug() string
	Title() string
	Doc() *content.Doc
	// Source is the body, to render: not Doc().Body, which is emptied
	// when the body is let go (Options.Reread).
	Source() markdown.Source
	addBacklink(*Backlink)
	setSource(markdown.Source)
}

// body is a node's body as the renderer knows it.
type body struct{ source markdown.Source }

func (b *body) Source() markdown.Source     { return b.source }
func (b *body) setSource(s markdown.Source) { b.source = s }

// NodeAt returns the document at path ("content/posts/x.md"), or nil. A
// rebuild after an edit finds the documents edited with it, not by going
// through every document (tens of thousands, each a miss of the CPU's
// caches).
func (j *Journal) NodeAt(path string) Node {
	j.atPathOnce.Do(func() {
		j.atPath = make(map[string]Node, len(j.Contacts)+len(j.Events)+len(j.Posts))
		for n := range j.Nodes() {
			j.atPath[n.Doc().Path] = n
		}
	})
	return j.atPath[path]
}

// Nodes are the journal's documents: its contacts, then its events, then
// its posts.
func (j *Journal) Nodes() iter.Seq[Node] {
	return func(yield func(Node) bool) {
		for _, c := range j.Contacts {
			if !yield(c) {
				return
			}
		}
		for _, e := range j.Events {
			if !yield(e) {
				return
			}
		}
		for _, p := range j.Posts {
			if !yield(p) {
				return
			}
		}
	}
}

// Backlink is a link to a document from another one.
type Backlink struct {
	From Node
	Pos  content.Position
	// Before, Text and After are the sentence of the link: the text on
	// either side of it, and the link's own text (its label, or the
	// target's name).
	Before, Text, After string
}

// HeadingLink is a body wikilink to a heading of a document: To, or
// From itself for [[#heading]].
type HeadingLink struct {
	From, To Node
	Pos      content.Position
	Written  string // the link as written, less a label: [[post#Some heading]]
	Fragment string // the heading, as written: Some heading
}

// Unresolved is a body wikilink that matches nothing.
type Unresolved struct {
	From   Node
	Pos    content.Position
	Target string
}

// source is the body of doc to render: its text, or, for a document Load
// took without reading its file (content.Doc.UnreadBody), its digest and
// how to read it again (Options.Reread).
func (j *Journal) source(doc *content.Doc) markdown.Source {
	sum, unread := doc.UnreadBody()
	if !unread {
		return markdown.Text(doc.Body)
	}
	path, reread := doc.Path, j.Opts.Reread
	return markdown.Unread(sum, func() (string, error) {
		if reread == nil {
			return "", errors.New("the body was not read, and nothing reads it")
		}
		return reread(path)
	})
}

// Tag gathers everything tagged with one name.
type Tag struct {
	Name     string
	Slug     string
	Contacts []*Contact
	Posts    []*Post
}

// Count is the number of documents with the tag.
func (t *Tag) Count() int { return len(t.Contacts) + len(t.Posts) }

// Build resolves a loaded site into a journal. Every problem is returned at
// once as a content.ErrorList; warnings are kept in j.Warnings.
func Build(site *content.Site, md *markdown.Renderer, opts Options) (*Journal, error) {
	j := &Journal{
		Config: site.Config,
		Now:    opts.Now,
		Today:  content.Day(opts.Now),
		Opts:   opts,
		md:     md,
		// Each document's names, every one held at its size: grown
		// entry by entry, they were split again and again (10,000 posts).
		targets: make(map[string][]Node, 2*(len(site.Contacts)+len(site.Events)+len(site.Posts))),
		bySlug: map[Kind]map[string]Node{
			KindContact: make(map[string]Node, len(site.Contacts)),
			KindEvent:   make(map[string]Node, len(site.Events)),
			KindPost:    make(map[string]Node, len(site.Posts)),
		},
	}
	for _, c := range site.Contacts {
		j.Contacts = append(j.Contacts, &Contact{Contact: c, body: body{j.source(&c.Doc)}})
	}
	for _, e := range site.Events {
		j.Events = append(j.Events, &Event{Event: e, body: body{j.source(&e.Doc)}})
	}
	for _, p := range site.Posts {
		j.Posts = append(j.Posts, &Post{Post: p, FileSlug: content.SlugOf(p.Path), body: body{j.source(&p.Doc)}})
	}
	// What each body says of itself is looked up on a goroutine of its
	// own while the documents are sorted, indexed and linked, mostly on
	// one core, which need none of it (factsAhead).
	ahead := j.factsAhead()
	j.Pages = append(j.Pages, site.Pages...)
	sort.SliceStable(j.Pages, func(a, b int) bool { return j.Pages[a].SitePath < j.Pages[b].SitePath })
	// Contacts by name, each lowered once (not at every comparison);
	// events and posts newest first. The three at once, each on a core.
	var sorted sync.WaitGroup
	sorted.Go(func() {
		lower := make(map[*Contact]string, len(j.Contacts))
		for _, c := range j.Contacts {
			lower[c] = strings.ToLower(c.Name)
		}
		slices.SortStableFunc(j.Contacts, func(a, b *Contact) int { return strings.Compare(lower[a], lower[b]) })
	})
	sorted.Go(func() {
		slices.SortStableFunc(j.Events, func(a, b *Event) int { return b.Date.Compare(a.Date.Time) })
	})
	slices.SortStableFunc(j.Posts, func(a, b *Post) int { return b.Date.Compare(a.Date.Time) })
	sorted.Wait()
	j.index()

	var errs content.ErrorList
	for _, e := range j.Events {
		j.linkEvent(e, &errs)
	}
	for _, c := range j.Contacts {
		j.linkContact(c, &errs)
	}
	j.introductionRings(&errs)
	for _, p := range j.Posts {
		j.linkPost(p, &errs)
	}
	j.controls(j.bodies(&errs, ahead))
	for _, c := range j.Contacts {
		c.derive(j)
	}
	j.tags()
	j.freeze()
	if err := errs.Err(); err != nil {
		return j, err
	}
	j.Warnings.Sort()
	return j, nil
}

// Contact returns the contact with the slug, or nil.
func (j *Journal) Contact(slug string) *Contact {
	c, _ := j.bySlug[KindContact][slug].(*Contact)
	return c
}

// Event returns the event with the slug, or nil.
func (j *Journal) Event(slug string) *Event {
	e, _ := j.bySlug[KindEvent][slug].(*Event)
	return e
}

// Post returns the post with the slug, or nil.
func (j *Journal) Post(slug string) *Post {
	p, _ := j.bySlug[KindPost][slug].(*Post)
	return p
}

// Markdown returns the renderer the journal was built with.
func (j *Journal) Markdown() *markdown.Renderer { return j.md }

// Drafts returns the draft posts, newest first.
func (j *Journal) Drafts() []*Post {
	var out []*Post
	for _, p := range j.Posts {
		if p.Draft {
			out = append(out, p)
		}
	}
	return out
}

// Plans returns the events dated after now, soonest first.
func (j *Journal) Plans() []*Event {
	var out []*Event
	for _, e := range j.Events {
		if e.Planned(j.Today) {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Date.Before(out[b].Date.Time) })
	return out
}

func (j *Journal) tags() {
	j.tagIndex = map[string]*Tag{}
	// Each name as written is normalized once: a few dozen tags on
	// thousands of posts.
	byName := map[string]*Tag{}
	get := func(name string) *Tag {
		if t := byName[name]; t != nil {
			return t
		}
		t := j.tagIndex[normalize(name)]
		if t == nil {
			t = &Tag{Name: name}
			j.tagIndex[normalize(name)] = t
			j.Tags = append(j.Tags, t)
		}
		byName[name] = t
		return t
	}
	for _, c := range j.Contacts {
		for _, name := range c.Tags {
			t := get(name)
			t.Contacts = append(t.Contacts, c)
		}
	}
	for _, p := range j.Posts {
		for _, name := range p.Tags {
			t := get(name)
			t.Posts = append(t.Posts, p)
		}
	}
	names := make([]string, len(j.Tags))
	for i, t := range j.Tags {
		names[i] = t.Name
	}
	slugs := tagSlugs(names)
	for _, t := range j.Tags {
		t.Slug = slugs[t.Name]
	}
	sort.Slice(j.Tags, func(a, b int) bool { return j.Tags[a].Slug < j.Tags[b].Slug })
}

// SameTag reports whether two tag names are one tag: they differ at most
// in case, spaces, '-' or '_' ("Machine learning", "machine-learning").
func SameTag(a, b string) bool { return normalize(a) == normalize(b) }

// TagSlug is the slug of a tag's page in the wiki. Tags that differ only
// in case, spaces, '-' or '_' are one tag; different tags whose slugs would
// collide (C++ and C) get distinct ones, as in the blog.
func (j *Journal) TagSlug(name string) string {
	if t := j.tagIndex[normalize(name)]; t != nil {
		return t.Slug
	}
	return Slugify(name)
}

// Slugify makes a URL path segment of a name: lower case, letters and digits
// kept, everything else folded to single hyphens.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 127 && isLetter(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}
