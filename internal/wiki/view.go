package wiki

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/par"
)

// The values that the wiki's templates see of contacts, events, posts,
// follow-ups and the rest: plain data, computed here from the journal, so
// that a page is a function of its data and its templates alone and is
// cached on exactly those (package page). docs/themes.md lists them for
// theme authors.

// Linkable is what a page can link to: a contact, event, post or tag by
// its wiki path.
type Linkable interface{ WikiPath() string }

// A row (ContactRow, EventRow, PostRow, TimelineItem) and a contact's,
// event's or post's page value holds the fields of the reference or row
// it extends (a ContactRow has every field of a ContactRef) as its own,
// not by embedding it: templates read a field through reflect, and a
// field reached through an embedded struct is searched for breadth first,
// with allocations, on every read (a third of a timeline row's execution).
// Values of the few pages that show each once (the dashboard's, the
// circles') embed: there it costs nothing that shows. TestFlatTypes checks
// that each flat one keeps every field of what it extends.

// ContactRef is a contact as a chip or an avatar shows them.
type ContactRef struct {
	Name     string
	Path     string // wiki path from the root, escaped: contacts/ana-lima.html
	Initials string
	Hue      string // the circle's colour class, "" without a circle
	Photo    string // wiki path of their photo, escaped: photos/ana-lima.jpg; "" without one
}

// WikiPath is the contact's page.
func (c ContactRef) WikiPath() string { return c.Path }

// ContactRow is a contact in a list.
type ContactRow struct {
	// A ContactRef's fields.
	Name     string
	Path     string
	Initials string
	Hue      string
	Photo    string

	Role, Company, Location string
	Never                   bool      // never met at a past event
	LastContact             time.Time // zero when Never
	Status                  Badge     // by cadence
}

// EventRef is a link to an event.
type EventRef struct {
	Title string
	Path  string
	Date  time.Time // its day
}

// WikiPath is the event's page.
func (e EventRef) WikiPath() string { return e.Path }

// WikiPath is the contact's page.
func (c ContactRow) WikiPath() string { return c.Path }

// EventRow is an event in a list.
type EventRow struct {
	// An EventRef's fields.
	Title string
	Path  string
	Date  time.Time

	Kind          string
	Location      string
	With          []ContactRef
	Planned       bool  // dated after today
	Status        Badge // for a plan: when
	OpenFollowups int
}

// WikiPath is the event's page.
func (e EventRow) WikiPath() string { return e.Path }

// PostRef is a link to a post's wiki page.
type PostRef struct {
	Title string
	Path  string
}

// WikiPath is the post's page.
func (p PostRef) WikiPath() string { return p.Path }

// PostRow is a post in a list.
type PostRow struct {
	// A PostRef's fields.
	Title string
	Path  string

	Date       time.Time // its day
	IsLink     bool
	Link       string
	SharedWith int // people it was sent to
	Tags       []TagRef
	Status     Badge
}

// WikiPath is the post's page.
func (p PostRow) WikiPath() string { return p.Path }

// TagRef is a link to a tag's page.
type TagRef struct {
	Name string
	Path string // tags/<slug>.html
}

// WikiPath is the tag's page.
func (t TagRef) WikiPath() string { return t.Path }

// FollowupRow is a follow-up in a list.
type FollowupRow struct {
	What string
	Done bool
	// Ref names it for the command line, EVENT#N (its event's slug and its
	// place among the event's follow-ups); Close is the command that marks
	// it done, "" once it is.
	Ref, Close string
	Who        *ContactRef  // nil when the follow-up names no one
	With       []ContactRef // the event's people, when it names no one
	Event      EventRef
	Due        time.Time // zero when undated
	Status     Badge
}

// BacklinkRow is a document linking here.
type BacklinkRow struct {
	Kind  string // contact, event or post: a class name
	Label string // Contact, Event or Post
	Title string
	Path  string
	Pos   string // the link's path:line
	// Before, Text and After are the sentence the link is in: the plain
	// text on either side of it ("…" where shortened) and the link's own
	// text. Before and After are "" when the link stands alone.
	Before, Text, After string
}

// WikiPath is the linking document's page.
func (b BacklinkRow) WikiPath() string { return b.Path }

// ShareRow is something passed on.
type ShareRow struct {
	Post  *PostRef // the post shared, when the link names one
	URL   string   // the link when it is a URL
	Note  string
	Date  time.Time
	Event *EventRef // nil when it comes from a post's shared_with
	With  []ContactRef
}

// FavourRow is a favour, on a contact's page (with its event) or an
// event's (with its contact).
type FavourRow struct {
	What    string
	Event   EventRef
	Contact ContactRef
}

// view builds the values above for one render. What a page shows of a
// document it links to or lists (its nodeRef: a contact's chip, an
// event's or a post's title, page and day) and a tag's path, shown on
// many pages, are made once, before any page is: the pages are made on
// every core, and read them without a lock.
type view struct {
	j      *journal.Journal
	photos map[string]content.Photo // by contact path

	refs     map[journal.Node]nodeRef // every document's; read only
	tagPaths map[string]string        // every tag's, by its name; read only
	// The documents, as j.Nodes lists them, and their nodeRefs: read only.
	nodes   []journal.Node
	ordered []nodeRef
}

// nodeRef is what a page shows of a document it refers to: a link to a
// contact, an event or a post, a chip, a backlink's source is made of
// the document's nodeRef alone (view.ref), so that the documents of two
// renders with the same nodeRefs are shown alike (frameAsIn).
type nodeRef struct {
	Kind  string // contact, event or post: a class name
	Label string // Contact, Event or Post
	Title string // a contact's name
	Path  string // the document's page, escaped
	Date  time.Time
	// A contact's chip.
	Contact ContactRef
}

func newView(j *journal.Journal, photos map[string]content.Photo) *view {
	v := &view{j: j, photos: photos, refs: make(map[journal.Node]nodeRef, len(j.Contacts)+len(j.Events)+len(j.Posts)), tagPaths: make(map[string]string, len(j.Tags))}
	nodes := slices.Collect(j.Nodes())
	refs := make([]nodeRef, len(nodes))
	par.Each(len(nodes), func(i int) { refs[i] = v.refOf(nodes[i]) })
	for i, n := range nodes {
		v.refs[n] = refs[i]
	}
	v.nodes, v.ordered = nodes, refs
	// Each tag as each document writes it ("Go" and "go" are one tag).
	add := func(names []string) {
		for _, name := range names {
			if _, ok := v.tagPaths[name]; !ok {
				v.tagPaths[name] = v.tagPathOf(name)
			}
		}
	}
	for _, c := range j.Contacts {
		add(c.Tags)
	}
	for _, p := range j.Posts {
		add(p.Tags)
	}
	return v
}

// photo is the wiki's file of a contact's photo, photos/<slug>.<ext>, and
// whether the contact has one.
func (v *view) photo(c *journal.Contact) (string, bool) {
	p, ok := v.photos[c.Path]
	if !ok || p.Ext == "" || len(p.Data) == 0 {
		return "", false
	}
	return "photos/" + c.Slug() + p.Ext, true
}

// ref is what pages show of n, made once for the render.
func (v *view) ref(n journal.Node) nodeRef {
	if v != nil {
		if ref, ok := v.refs[n]; ok {
			return ref
		}
	}
	return v.refOf(n)
}

// refOf makes n's nodeRef.
func (v *view) refOf(n journal.Node) nodeRef {
	ref := nodeRef{Kind: n.NodeKind().String(), Label: kindLabel(n), Title: n.Title(), Path: escape(PagePath(n))}
	switch n := n.(type) {
	case *journal.Contact:
		ref.Contact = v.contactRef(n)
	case *journal.Event:
		ref.Date = n.Date.Day()
	case *journal.Post:
		ref.Date = n.Date.Day()
	}
	return ref
}

func (v *view) contact(c *journal.Contact) ContactRef { return v.ref(c).Contact }

func (v *view) contactRef(c *journal.Contact) ContactRef {
	ref := ContactRef{Name: c.Name, Path: escape(PagePath(c)), Initials: initials(c.Name), Hue: hueOf(v.j, c.Circle)}
	if p, ok := v.photo(c); ok {
		ref.Photo = escape(p)
	}
	return ref
}

func (v *view) people(cs []*journal.Contact) []ContactRef {
	if len(cs) == 0 {
		return nil
	}
	out := make([]ContactRef, len(cs))
	for i, c := range cs {
		out[i] = v.contact(c)
	}
	return out
}

func (v *view) contactRow(c *journal.Contact) ContactRow {
	ref := v.contact(c)
	return ContactRow{
		Name: ref.Name, Path: ref.Path, Initials: ref.Initials, Hue: ref.Hue, Photo: ref.Photo,
		Role: c.Role, Company: c.Company, Location: c.Location,
		Never: c.Never(), LastContact: c.LastContact,
		Status: v.contactStatus(c),
	}
}

func (v *view) contactRows(cs []*journal.Contact) []ContactRow {
	out := make([]ContactRow, len(cs))
	for i, c := range cs {
		out[i] = v.contactRow(c)
	}
	return out
}

func (v *view) event(e *journal.Event) EventRef {
	ref := v.ref(e)
	return EventRef{Title: ref.Title, Path: ref.Path, Date: ref.Date}
}

func (v *view) eventRow(e *journal.Event) EventRow {
	ref := v.event(e)
	row := EventRow{
		Title: ref.Title, Path: ref.Path, Date: ref.Date,
		Kind: e.Kind, Location: e.Location,
		With:    v.people(e.With),
		Planned: e.Planned(v.j.Today),
		Status:  v.eventStatus(e),
	}
	for _, f := range e.Followups {
		if f.Open() {
			row.OpenFollowups++
		}
	}
	return row
}

func (v *view) eventRows(es []*journal.Event) []EventRow {
	out := make([]EventRow, len(es))
	for i, e := range es {
		out[i] = v.eventRow(e)
	}
	return out
}

func (v *view) post(p *journal.Post) PostRef {
	ref := v.ref(p)
	return PostRef{Title: ref.Title, Path: ref.Path}
}

func (v *view) postRow(p *journal.Post) PostRow {
	ref := v.post(p)
	return PostRow{
		Title: ref.Title, Path: ref.Path,
		Date:   p.Date.Day(),
		IsLink: p.IsLink(), Link: p.Link,
		SharedWith: len(p.SharedWith),
		Tags:       v.tags(p.Tags),
		Status:     v.postStatus(p),
	}
}

func (v *view) postRows(ps []*journal.Post) []PostRow {
	out := make([]PostRow, len(ps))
	for i, p := range ps {
		out[i] = v.postRow(p)
	}
	return out
}

// tags links tag names to their pages.
func (v *view) tags(names []string) []TagRef {
	if len(names) == 0 {
		return nil
	}
	out := make([]TagRef, len(names))
	for i, name := range names {
		out[i] = TagRef{Name: name, Path: v.tagPath(name)}
	}
	return out
}

func (v *view) tagPath(name string) string {
	if p, ok := v.tagPaths[name]; ok {
		return p
	}
	return v.tagPathOf(name) // the name written otherwise ("Go" for go)
}

func (v *view) tagPathOf(name string) string {
	return escape("tags/" + v.j.TagSlug(name) + ".html")
}

func (v *view) followup(f *journal.Followup) FollowupRow {
	row := FollowupRow{What: f.What, Done: f.Done, Ref: f.Ref(), Event: v.event(f.Event), Due: f.Due, Status: v.followupStatus(f)}
	if !f.Done {
		row.Close = "netjournal done " + row.Ref
	}
	if f.Who != nil {
		who := v.contact(f.Who)
		row.Who = &who
	} else {
		row.With = v.people(f.Event.With)
	}
	return row
}

func (v *view) followups(fs []*journal.Followup) []FollowupRow {
	if len(fs) == 0 {
		return nil
	}
	out := make([]FollowupRow, len(fs))
	for i, f := range fs {
		out[i] = v.followup(f)
	}
	return out
}

func (v *view) backlinks(bs []*journal.Backlink) []BacklinkRow {
	if len(bs) == 0 {
		return nil
	}
	out := make([]BacklinkRow, len(bs))
	for i, b := range bs {
		from := v.ref(b.From)
		out[i] = BacklinkRow{
			Kind: from.Kind, Label: from.Label, Title: from.Title, Path: from.Path, Pos: b.Pos.String(),
			Before: b.Before, Text: b.Text, After: b.After,
		}
	}
	return out
}

func (v *view) shares(ss []*journal.Share) []ShareRow {
	if len(ss) == 0 {
		return nil
	}
	out := make([]ShareRow, len(ss))
	for i, s := range ss {
		row := ShareRow{URL: s.URL, Note: s.Note, Date: s.Date, With: v.people(s.With)}
		if s.Post != nil {
			p := v.post(s.Post)
			row.Post = &p
		}
		if s.Event != nil {
			e := v.event(s.Event)
			row.Event = &e
		}
		out[i] = row
	}
	return out
}

// favours lists favours with their events (on a contact's page) and their
// contacts (on an event's).
func (v *view) favours(fs []*journal.Favour) []FavourRow {
	if len(fs) == 0 {
		return nil
	}
	out := make([]FavourRow, len(fs))
	for i, f := range fs {
		out[i] = FavourRow{What: f.What, Event: v.event(f.Event), Contact: v.contact(f.Contact)}
	}
	return out
}

// contactStatus is a contact's badge by cadence.
func (v *view) contactStatus(c *journal.Contact) Badge {
	today := v.j.Today
	switch {
	case c.Cadence.N == 0:
		return Badge{"muted", "no cadence"}
	case c.Snoozed(today):
		return Badge{"snoozed", "snoozed until " + journal.Date(c.SnoozeUntil.Day())}
	case c.Overdue(today):
		return Badge{"overdue", plural(c.DaysOverdue(today), "day") + " overdue"}
	case c.DueWithin(today, soon):
		return Badge{"soon", dueWords(c.Due, today)}
	}
	return Badge{"ok", dueWords(c.Due, today)}
}

// followupStatus is a follow-up's badge.
func (v *view) followupStatus(f *journal.Followup) Badge {
	today := v.j.Today
	switch {
	case f.Done:
		if !f.DoneOn.IsZero() {
			return Badge{"done", "done " + journal.Date(f.DoneOn)}
		}
		return Badge{"done", "done"}
	case f.Due.IsZero():
		return Badge{"muted", "no due date"}
	case f.Overdue(today):
		return Badge{"overdue", plural(f.DaysOverdue(today), "day") + " overdue"}
	case f.DueWithin(today, soon):
		return Badge{"soon", dueWords(f.Due, today)}
	}
	return Badge{"ok", dueWords(f.Due, today)}
}

// eventStatus is a plan's badge; a past event has none.
func (v *view) eventStatus(e *journal.Event) Badge {
	if e.Planned(v.j.Today) {
		return Badge{"plan", "plan · " + journal.Ago(e.Date.Day(), v.j.Today)}
	}
	return Badge{}
}

// postStatus is a post's badge: published, draft, scheduled or private.
func (v *view) postStatus(p *journal.Post) Badge {
	switch s := p.Status(v.j.Opts); s {
	case "published":
		return Badge{"ok", s}
	case "draft":
		return Badge{"soon", s}
	case "scheduled":
		return Badge{"plan", s}
	default:
		return Badge{"snoozed", s}
	}
}

// hueOf is the colour class of a circle: its position in the config, so
// that circles keep their colour across pages; "" without a circle.
func hueOf(j *journal.Journal, circle string) string {
	for i, c := range j.Config.Circles {
		if strings.EqualFold(c.Name, circle) {
			return fmt.Sprintf("hue-%d", i%8)
		}
	}
	return ""
}
