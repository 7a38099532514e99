package journal

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/par"
)

// Post is a blog post with its private annotations resolved.
type Post struct {
	*content.Post
	body

	FileSlug   string     // the slug from the file name, before any slug: key
	SharedWith []*Contact // private: whom the user sent it to
	Shares     []*Share   // private: events and shared_with entries passing it on
	Backlinks  []*Backlink
	// webNames are its body's markdown.Facts.WebNames: whether it may
	// link to a private post by the site's whole URL (linksToPrivate).
	webNames []uint64
}

func (p *Post) NodeKind() Kind          { return KindPost }
func (p *Post) Slug() string            { return p.Post.Slug }
func (p *Post) Title() string           { return p.Post.Title }
func (p *Post) Doc() *content.Doc       { return &p.Post.Doc }
func (p *Post) addBacklink(b *Backlink) { p.Backlinks = append(p.Backlinks, b) }

// Published reports whether the post is on the public site of this build:
// not private, not a draft (unless drafts are built), not dated in the
// future (unless future posts are built).
func (p *Post) Published(opts Options) bool {
	if p.Private || (p.Draft && !opts.Drafts) {
		return false
	}
	return opts.Future || !p.Date.Day().After(content.Day(opts.Now))
}

// Status names why a post is or is not public, for the wiki.
func (p *Post) Status(opts Options) string {
	switch {
	case p.Private:
		return "private"
	case p.Draft:
		return "draft"
	case !p.Published(opts):
		return "scheduled"
	}
	return "published"
}

// IsLink reports whether it is a link post.
func (p *Post) IsLink() bool { return p.Link != "" }

func (j *Journal) linkPost(p *Post, errs *content.ErrorList) {
	if len(p.Post.SharedWith) == 0 {
		return
	}
	s := &Share{Post: p, Date: p.Date.Day()}
	for i, ref := range p.Post.SharedWith {
		k := key("shared_with", i)
		n, err := j.Resolve(ref, KindContact)
		if err != nil {
			errs.Add(p.Pos(k), "shared_with: %v", err)
			continue
		}
		c := n.(*Contact)
		p.SharedWith = append(p.SharedWith, c)
		s.With = append(s.With, c)
		c.Shared = append(c.Shared, s)
	}
	p.Shares = append(p.Shares, s)
}

// bodies resolves the wikilinks of every body: backlinks for the resolved,
// warnings for the unresolved, errors for the ambiguous. It returns the
// nodes whose bodies hold a control character (markdown.Control).
func (j *Journal) bodies(errs *content.ErrorList, ahead *lookAhead) (controlled map[Node]bool) {
	looked := ahead.stop()
	nodes := slices.Collect(j.Nodes())
	// Finding each body's wikilinks and their targets is looked up, or
	// worked out, on every core; what they make is then added in order.
	type found struct {
		removed []markdown.LineError
		links   []markdown.Wikilink
		control bool
		let     bool // its text was let go: source stands for it
		source  markdown.Source
		failed  []failedLink // the links that resolve to nothing, or to several
		backs   []backlinkTo // what it adds to the documents it links to
		heads   []*HeadingLink
		sum     [sha256.Size]byte
		gone    error // the body could not be read back: it gave nothing
	}
	all := make([]found, len(nodes))
	par.Each(len(nodes), func(i int) {
		body := nodes[i].Source()
		facts, ok := looked[nodes[i].Doc()]
		if !ok {
			facts = j.md.Facts(body)
		}
		f := found{removed: facts.Removed, links: facts.Wikilinks, control: facts.Control, gone: facts.Gone}
		if p, ok := nodes[i].(*Post); ok {
			p.webNames = facts.WebNames // its own: each node on one core
		}
		if j.Opts.Reread != nil {
			f.sum = facts.Sum() // for the next build (FactsSum)
		}
		// The blog and the wiki read it back, each in turn. A body with a
		// control character keeps its text, for the lines that hold one
		// (controls).
		if reread := j.Opts.Reread; reread != nil && !f.control {
			path := nodes[i].Doc().Path
			f.source, f.let = j.md.Let(body, func() (string, error) { return reread(path) })
		}
		if !f.let {
			j.md.Drop(body)
		}
		from := nodes[i]
		if len(f.links) > 0 {
			// At most one for each link (each document once): grown
			// append by append, the lists were 12% of the journal's
			// allocations (BenchmarkStageJournalAgain).
			f.backs = make([]backlinkTo, 0, len(f.links))
		}
		heading := func(to Node, l markdown.Wikilink) {
			if l.Fragment != "" && !l.Embed {
				f.heads = append(f.heads, &HeadingLink{From: from, To: to, Pos: from.Doc().BodyPos(l.Line),
					Written: "[[" + l.Target + "#" + l.Fragment + "]]", Fragment: l.Fragment})
			}
		}
		for _, l := range f.links {
			if l.Target == "" {
				heading(from, l)
				continue // [[#heading]]: a link within the page
			}
			to, err := j.Resolve(l.Target)
			if err != nil {
				f.failed = append(f.failed, failedLink{l, err})
				continue
			}
			heading(to, l)
			if to == from || slices.ContainsFunc(f.backs, func(b backlinkTo) bool { return b.to == to }) {
				continue
			}
			text := l.Label
			if !l.Labeled {
				text = to.Title()
			}
			f.backs = append(f.backs, backlinkTo{to, &Backlink{From: from, Pos: from.Doc().BodyPos(l.Line), Before: l.Before, Text: text, After: l.After}})
		}
		all[i] = f
	})
	controlled = map[Node]bool{}
	if j.Opts.Reread != nil {
		j.facts = make(map[string][sha256.Size]byte, len(nodes))
	}
	for i, from := range nodes {
		doc := from.Doc()
		if j.facts != nil {
			j.facts[doc.Path] = all[i].sum
		}
		if all[i].let {
			from.setSource(all[i].source)
			doc.Body = ""
		}
		if all[i].control {
			controlled[from] = true
		}
		if all[i].gone != nil {
			// Never a body's links lost in silence (markdown.Unread).
			j.late.Add(doc.BodyPos(0), "%v", all[i].gone)
		}
		// What of the body's raw HTML is not kept, the writer hears of.
		for _, e := range all[i].removed {
			j.Warnings.Add(doc.BodyPos(e.Line), "%v", e.Err)
		}
		for _, f := range all[i].failed {
			l := f.link
			switch f.err.(type) {
			case *NotFoundError:
				pos := doc.BodyPos(l.Line)
				j.Unresolved = append(j.Unresolved, &Unresolved{From: from, Pos: pos, Target: l.Target})
				j.Warnings.Add(pos, "unresolved wikilink [[%s]]", l.Target)
			default:
				errs.Add(doc.BodyPos(l.Line), "wikilink [[%s]]: %v", l.Target, f.err)
			}
		}
		j.Headings = append(j.Headings, all[i].heads...)
		// Each document it links to once, in the order of its links;
		// made on every core, added in the documents' order.
		for _, b := range all[i].backs {
			b.to.addBacklink(b.b)
		}
	}
	return controlled
}

// failedLink is a body's wikilink that resolves to nothing, or to
// several documents (err).
type failedLink struct {
	link markdown.Wikilink
	err  error
}

// backlinkTo is a backlink, and the document it is added to.
type backlinkTo struct {
	to Node
	b  *Backlink
}

// Date formats t for people: "14 Mar 2026".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

// Ago says how long ago t was, from today: "today", "3 days ago", "in 2 weeks".
func Ago(t, today time.Time) string {
	d := days(t, today)
	past := d >= 0
	if d < 0 {
		d = -d
	}
	var s string
	switch {
	case d == 0:
		return "today"
	case d == 1:
		if past {
			return "yesterday"
		}
		return "tomorrow"
	case d < 14:
		s = fmt.Sprintf("%d days", d)
	case d < 60:
		s = fmt.Sprintf("%d weeks", d/7)
	case d < 730:
		s = fmt.Sprintf("%d months", d/30)
	default:
		s = fmt.Sprintf("%d years", d/365)
	}
	if past {
		return s + " ago"
	}
	return "in " + s
}

// controls warns of the control characters in what a post publishes: its
// title, summary, tags and body. XML may not hold them, so one pasted
// from a terminal (an ANSI colour code) would make every feed unreadable;
// the public view leaves them out (printable), and the writer hears where.
func (j *Journal) controls(controlled map[Node]bool) {
	for _, p := range j.Posts {
		for _, f := range [...]struct{ key, value string }{{"title", p.Title()}, {"summary", p.Summary}} {
			if r, ok := markdown.Control(f.value); ok {
				j.Warnings.Add(p.Pos(f.key), "%s: the control character %U cannot be published (feeds cannot hold it): it is left out", f.key, r)
			}
		}
		for _, tag := range p.Tags { // the first one, as in the tags joined
			if r, ok := markdown.Control(tag); ok {
				j.Warnings.Add(p.Pos("tags"), "tags: the control character %U cannot be published (feeds cannot hold it): it is left out", r)
				break
			}
		}
		if !controlled[p] {
			continue // the usual case: no line to find
		}
		// Its text, kept (not let go), or read now if Load took the
		// document without reading it.
		text, err := j.md.ReadText(p.Source())
		if err != nil {
			j.late.Add(p.BodyPos(0), "%v", err)
			continue
		}
		for i, line := range strings.Split(text, "\n") {
			if r, ok := markdown.Control(line); ok {
				j.Warnings.Add(p.BodyPos(i), "the control character %U cannot be published (feeds cannot hold it): it is left out", r)
			}
		}
	}
}

// printable is s without the control characters that XML may not hold.
func printable(s string) string {
	if _, ok := markdown.Control(s); !ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if markdown.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// lookAhead is the facts of the journal's bodies looked up ahead of the
// pass over them (bodies), while Build sorts, indexes and links the
// documents, mostly on one core: after an event is added at 10,000
// posts, those steps are 22 ms with the other core idle most of it, and
// the look-ups 20 ms of CPU.
type lookAhead struct {
	halt  atomic.Bool
	done  chan struct{}
	facts map[*content.Doc]markdown.Facts
}

// factsAhead begins looking up the facts of every body, in the order the
// documents were made, on a goroutine of its own. A render that lets
// bodies go (markdown.Renderer.Drops, a build that renders once) looks
// none up ahead: each body it prepares is held until its turn in bodies,
// which lets it go. It returns nil then.
func (j *Journal) factsAhead() *lookAhead {
	if j.md.Drops() || aheadInTests == aheadOff {
		return nil
	}
	a := &lookAhead{done: make(chan struct{})}
	nodes := slices.Collect(j.Nodes()) // its own: Build sorts the journal's lists meanwhile
	go func() {
		defer close(a.done)
		facts := make(map[*content.Doc]markdown.Facts, len(nodes))
		for _, n := range nodes {
			if a.halt.Load() {
				break
			}
			facts[n.Doc()] = j.md.Facts(n.Source())
		}
		a.facts = facts
	}()
	return a
}

// aheadInTests changes the look-ahead for tests, which find the journal
// the same whatever it reached: aheadOff builds without it, aheadWhole
// has bodies wait for every body's facts rather than halt it.
var aheadInTests int

const (
	aheadAsIs = iota
	aheadOff
	aheadWhole
)

// stop stops the look-ahead and returns what it found, by document; the
// ones it did not reach are looked up by bodies. Facts are the same
// whenever they are looked up: each node's source is the one it was made
// with until bodies (which lets texts go after it has them), and a
// source that is read back when asked (markdown.Unread, a document the
// load took as it was) comes only with a renderer that lets bodies go,
// which looks none up ahead.
func (a *lookAhead) stop() map[*content.Doc]markdown.Facts {
	if a == nil {
		return nil
	}
	if aheadInTests != aheadWhole {
		a.halt.Store(true)
	}
	<-a.done
	return a.facts
}
