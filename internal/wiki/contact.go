package wiki

import (
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/journal"
)

// group is a circle with its contacts, while pages are built. The contacts
// without a circle form a group with no circle.
type group struct {
	circle   *content.Circle // nil: no circle
	contacts []*journal.Contact
}

// name is the circle's name, or "No circle".
func (g *group) name() string {
	if g.circle == nil {
		return "No circle"
	}
	return g.circle.Name
}

// slug is the circle's page slug, or "none".
func (g *group) slug() string {
	if g.circle == nil {
		return "none"
	}
	return journal.Slugify(g.circle.Name)
}

// GroupRef is a circle, or the contacts with none, as lists name it.
type GroupRef struct {
	Name      string // the circle's name, or "No circle"
	Slug      string // its page's slug, or "none"
	HasCircle bool   // false for the contacts with no circle
	Hue       string
	Count     int // its contacts
}

// Group is a circle with its contacts, for the contacts index and the
// circle pages.
type Group struct {
	GroupRef
	Description string
	Cadence     string // the circle's default cadence in words; "" for none
	Overdue     int    // contacts overdue by cadence
	Contacts    []ContactRow
}

func (r *renderer) groupRef(g *group) GroupRef {
	ref := GroupRef{Name: g.name(), Slug: g.slug(), HasCircle: g.circle != nil, Count: len(g.contacts)}
	if g.circle != nil {
		ref.Hue = hueOf(r.j, g.circle.Name)
	}
	return ref
}

func (r *renderer) groupView(g *group) Group {
	out := Group{GroupRef: r.groupRef(g), Contacts: r.v.contactRows(g.contacts)}
	if g.circle != nil {
		out.Description = g.circle.Description
		if g.circle.Cadence.IsSet() {
			out.Cadence = g.circle.Cadence.Words()
		}
	}
	for _, c := range g.contacts {
		if c.Overdue(r.j.Today) {
			out.Overdue++
		}
	}
	return out
}

// ContactsIndex is the data of contacts/index.html.
type ContactsIndex struct {
	*Page
	Groups []Group
	Tags   []TagCount // tags that some contact has
	Total  int
}

// TagCount is a tag with the number of contacts and posts that have it.
type TagCount struct {
	TagRef
	Contacts int
	Posts    int
}

// ContactPage is the data of contacts/<slug>.html.
type ContactPage struct {
	*Page
	C          Contact
	Notes      template.HTML
	Followups  []FollowupRow // open ones
	Done       int           // follow-ups already done
	StaleAfter string        // how old details may be, in words
	Strip      *Strip        // interactions per month, the last two years
	Graph      *Graph        // their neighbourhood; nil when linked to no one
	// Commands are what may be done about them from the terminal: log an
	// interaction, snooze or stop snoozing.
	Commands []Command
}

// Command is a netjournal command line a page offers to copy.
type Command struct {
	What string // what it does, in words
	Line string // the command: netjournal snooze ana-lima 2w
}

// contactCommands are the commands that apply to c today.
func contactCommands(c *journal.Contact, today time.Time) []Command {
	out := []Command{{What: "Log an interaction: change the kind, add a note in quotes", Line: "netjournal log coffee " + c.Slug()}}
	switch {
	case c.Snoozed(today):
		out = append(out, Command{What: "Stop snoozing", Line: "netjournal snooze " + c.Slug() + " off"})
	case !c.Due.IsZero():
		out = append(out, Command{What: "Snooze the reminder for two weeks", Line: "netjournal snooze " + c.Slug() + " 2w"})
	}
	return out
}

// Contact is everything a contact's page shows of them.
type Contact struct {
	// A ContactRef's fields.
	Name     string
	Path     string
	Initials string
	Hue      string
	Photo    string

	Role, Company, Location string
	Circle                  string // "" without one
	Status                  Badge  // by cadence
	Stale                   bool   // details reviewed longer ago than stale_after
	Never                   bool   // never met at a past event
	LastContact             time.Time
	LastEvent               *EventRef
	Due                     time.Time // zero without a cadence
	Overdue                 bool
	DaysOverdue             int    // negative: days left
	Cadence                 string // in words: "1 month"; "" for none
	CadenceFromCircle       bool   // the cadence is the circle's
	Interactions            int    // past events
	Email, Phone            []string
	Emails, Phones          []Detail // the same, each with its type
	Links                   []ProfileLink
	Aliases                 []string
	Tags                    []TagRef
	Snoozed                 bool
	SnoozeUntil             time.Time
	MetDate                 time.Time // zero when not recorded
	MetAt                   *EventRef // met.at when it names an event
	MetAtText               string    // met.at when it does not
	IntroducedBy            *ContactRef
	Birthday                string // "19 July", "" when not recorded
	BirthdayIn              string // "today", "in 3 weeks"
	Reviewed                time.Time
	Source                  string // the contact's file
	Timeline                []TimelineItem
	Balance                 int    // favours done for them less favours they did
	BalanceText             string // "they owe you 2 favours"
	Gave, Received          []FavourRow
	Shared                  []ShareRow
	Introductions           []ContactRow
	Backlinks               []BacklinkRow
}

// WikiPath is the contact's page.
func (c Contact) WikiPath() string { return c.Path }

// Detail is an email or a phone number with its type: work, cell, ….
type Detail struct {
	Type  string // "" when the file gives none
	Value string
}

func details(l content.TypedList) []Detail {
	if len(l) == 0 {
		return nil
	}
	out := make([]Detail, len(l))
	for i, t := range l {
		out[i] = Detail{Type: t.Type, Value: t.Value}
	}
	return out
}

// ProfileLink is one of a contact's links.
type ProfileLink struct {
	Name string
	URL  string
}

// TimelineItem is an event on a contact's timeline.
type TimelineItem struct {
	// An EventRow's fields.
	Title         string
	Path          string
	Date          time.Time
	Kind          string
	Location      string
	With          []ContactRef
	Planned       bool
	Status        Badge
	OpenFollowups int

	Others    []ContactRef // the event's people but the contact
	Initiated string       // "you reached out", "they reached out", "Ana Lima reached out"
}

// WikiPath is the event's page.
func (t TimelineItem) WikiPath() string { return t.Path }

// CirclePage is the data of circles/<slug>.html.
type CirclePage struct {
	*Page
	Group   Group
	Circles []GroupRef // every circle, for the switcher
}

// groups sorts the contacts into circles in config order, then those with
// no circle. Within a group, contacts keep the journal's order (by name).
// They are made once per render, for every contact page's picture asks,
// and only read.
func (r *renderer) groups() []*group {
	r.groupsOnce.Do(func() { r.groupList = r.makeGroups() })
	return r.groupList
}

func (r *renderer) makeGroups() []*group {
	var out []*group
	for i := range r.j.Config.Circles {
		out = append(out, &group{circle: &r.j.Config.Circles[i]})
	}
	none := &group{}
	for _, c := range r.j.Contacts {
		g := none
		for _, cg := range out {
			if c.Circle != "" && strings.EqualFold(cg.circle.Name, c.Circle) {
				g = cg
				break
			}
		}
		g.contacts = append(g.contacts, c)
	}
	if len(none.contacts) > 0 {
		out = append(out, none)
	}
	return out
}

func (r *renderer) contacts() {
	idx := &ContactsIndex{
		Page:  r.page("contacts/index.html", "Contacts", "contacts"),
		Total: len(r.j.Contacts),
	}
	for _, g := range r.groups() {
		idx.Groups = append(idx.Groups, r.groupView(g))
	}
	for _, t := range r.j.Tags {
		if len(t.Contacts) > 0 {
			idx.Tags = append(idx.Tags, TagCount{TagRef: TagRef{Name: t.Name, Path: r.v.tagPath(t.Name)}, Contacts: len(t.Contacts), Posts: len(t.Posts)})
		}
	}
	r.write("contacts.html", idx.Page, idx)

	r.network() // once, before the pages that draw from it
	for _, c := range r.j.Contacts {
		r.later("contact.html", PagePath(c), func() any {
			p := r.page(PagePath(c), c.Name, "contacts")
			open := c.OpenFollowups()
			d := &ContactPage{
				Page:       p,
				C:          r.contact(c),
				Followups:  r.v.followups(open),
				Done:       len(c.Followups) - len(open),
				StaleAfter: r.j.Config.StaleAfter.Words(),
				Strip:      r.strip(c),
				Graph:      r.neighbourhood(c),
				Commands:   contactCommands(c, r.j.Today),
			}
			return deferred(d, r.body(c, p, &d.Notes))
		})
	}
}

// contact is what a contact's page shows of c.
func (r *renderer) contact(c *journal.Contact) Contact {
	today, v := r.j.Today, r.v
	ref := v.contact(c)
	out := Contact{
		Name: ref.Name, Path: ref.Path, Initials: ref.Initials, Hue: ref.Hue, Photo: ref.Photo,
		Role: c.Role, Company: c.Company, Location: c.Location,
		Status:       v.contactStatus(c),
		Stale:        c.Stale(today, r.j.Config.StaleAfter),
		Never:        c.Never(),
		LastContact:  c.LastContact,
		Due:          c.Due,
		Overdue:      c.Overdue(today),
		DaysOverdue:  c.DaysOverdue(today),
		Interactions: c.Interactions(today),
		Email:        []string(c.Email), Phone: []string(c.Phone),
		Emails: details(c.Emails), Phones: details(c.Phones),
		Aliases:     c.Aliases,
		Tags:        v.tags(c.Tags),
		Snoozed:     c.Snoozed(today),
		SnoozeUntil: c.SnoozeUntil.Day(),
		Reviewed:    c.Reviewed.Day(),
		Source:      c.Path,
		Balance:     c.Balance(),
		BalanceText: balance(c),
		Gave:        v.favours(c.Gave),
		Received:    v.favours(c.Received),
		Shared:      v.shares(c.Shared),
		Backlinks:   v.backlinks(c.Backlinks),
	}
	if circle := r.j.Config.Circle(c.Circle); circle != nil {
		out.Circle = circle.Name
	}
	if c.LastEvent != nil {
		e := v.event(c.LastEvent)
		out.LastEvent = &e
	}
	if c.Cadence.IsSet() {
		out.Cadence = c.Cadence.Words()
		out.CadenceFromCircle = !c.Contact.Cadence.IsSet()
	}
	for _, l := range c.Links {
		out.Links = append(out.Links, ProfileLink{Name: l.Name, URL: l.URL})
	}
	if c.Met != nil {
		out.MetDate = c.Met.Date.Day()
		if c.MetAt != nil {
			e := v.event(c.MetAt)
			out.MetAt = &e
		} else {
			out.MetAtText = c.Met.At
		}
	}
	if c.IntroducedBy != nil {
		by := v.contact(c.IntroducedBy)
		out.IntroducedBy = &by
	}
	if c.Birthday.IsSet() {
		out.Birthday = c.Birthday.Words()
		out.BirthdayIn = birthdayIn(c.Birthday, today)
	}
	for _, e := range c.Timeline {
		row := v.eventRow(e)
		item := TimelineItem{
			Title: row.Title, Path: row.Path, Date: row.Date, Kind: row.Kind, Location: row.Location,
			With: row.With, Planned: row.Planned, Status: row.Status, OpenFollowups: row.OpenFollowups,
		}
		for _, w := range e.With {
			if w != c {
				item.Others = append(item.Others, v.contact(w))
			}
		}
		switch {
		case e.InitiatedByMe:
			item.Initiated = "you reached out"
		case e.InitiatedBy == c:
			item.Initiated = "they reached out"
		case e.InitiatedBy != nil:
			item.Initiated = e.InitiatedBy.Name + " reached out"
		}
		out.Timeline = append(out.Timeline, item)
	}
	out.Introductions = v.contactRows(c.Introductions)
	return out
}

// birthdayIn says when the next birthday is: "today", "in 3 weeks".
func birthdayIn(b content.Birthday, today time.Time) string {
	next := b.Next(today)
	if next.Equal(today) {
		return "today"
	}
	return journal.Ago(next, today)
}

func (r *renderer) circles() {
	groups := r.groups()
	var refs []GroupRef
	for _, g := range groups {
		refs = append(refs, r.groupRef(g))
	}
	for _, g := range groups {
		if g.circle == nil {
			continue
		}
		p := r.page(circlePath(g.circle.Name), g.circle.Name, "contacts")
		r.write("circle.html", p, &CirclePage{Page: p, Group: r.groupView(g), Circles: refs})
	}
}
