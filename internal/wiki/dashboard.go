package wiki

import (
	"sort"
	"time"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
)

// Dashboard is the data of index.html: what needs attention today.
type Dashboard struct {
	*Page
	OverdueFollowups []FollowupRow // most overdue first
	SoonFollowups    []FollowupRow // due within two weeks, soonest first
	OverdueContacts  []DueContact  // by cadence, most overdue first
	SoonContacts     []DueContact  // due within two weeks
	Plans            []EventRow    // soonest first
	TheyOwe          []Owed        // favour balance above zero, largest first
	YouOwe           []Owed        // favour balance below zero, largest first
	Stale            []Stale       // reviewed longer ago than stale_after, oldest first
	Unresolved       []Unresolved
	Drafts           []PostRow
	Birthdays        []Birthday // within the next month
	Health           *Health    // contacts by recency band, per circle

	// PossibleDuplicates are pairs of contacts that may be one person:
	// they answer to the same name, and no LinkedIn profile or uid tells
	// them apart (contactfile.PossibleDuplicates, the rule imports list by).
	PossibleDuplicates [][2]ContactRef

	Contacts, Events, Posts int
	StaleAfter              string // in words: "1 year"
	Soon                    string // how far ahead "soon" is: "14 days"
}

// DueContact is a contact due or overdue by cadence.
type DueContact struct {
	ContactRef
	Since  string // "41 days since last contact · every 1 month"
	Status Badge
}

// Owed is a contact with favours owed one way.
type Owed struct {
	ContactRef
	Gave, Received int    // favours done for them, and by them
	Balance        string // "they owe you 2 favours"
}

// Stale is a contact whose details were reviewed long ago.
type Stale struct {
	ContactRef
	Reviewed time.Time
}

// Unresolved is a wikilink that matches nothing.
type Unresolved struct {
	Target string
	From   Linked // the document it is in
	Pos    string // path:line
}

// Linked is a document, named by its title, linked by its path.
type Linked struct {
	Title string
	Path  string
}

// WikiPath is the document's page.
func (l Linked) WikiPath() string { return l.Path }

// Birthday is a contact's next birthday.
type Birthday struct {
	Contact ContactRef
	On      time.Time
	Words   string // "19 July"
	In      string // "today", "in 3 weeks"
}

func (v *view) dueContact(c *journal.Contact) DueContact {
	return DueContact{ContactRef: v.contact(c), Since: since(c, v.j.Today), Status: v.contactStatus(c)}
}

func (v *view) owed(c *journal.Contact) Owed {
	return Owed{ContactRef: v.contact(c), Gave: len(c.Gave), Received: len(c.Received), Balance: balance(c)}
}

func (v *view) stale(c *journal.Contact) Stale {
	return Stale{ContactRef: v.contact(c), Reviewed: c.Reviewed.Day()}
}

func (r *renderer) dashboard() {
	j, today := r.j, r.j.Today
	v := r.v
	d := &Dashboard{
		Page:       r.page("index.html", "Dashboard", "dashboard"),
		Plans:      v.eventRows(j.Plans()),
		Drafts:     v.postRows(j.Drafts()),
		Contacts:   len(j.Contacts),
		Events:     len(j.Events),
		Posts:      len(j.Posts),
		StaleAfter: j.Config.StaleAfter.Words(),
		Soon:       soon.Words(),
		Health:     r.health(),
	}
	for _, f := range openFollowups(j) {
		switch {
		case f.Overdue(today):
			d.OverdueFollowups = append(d.OverdueFollowups, v.followup(f))
		case f.DueWithin(today, soon):
			d.SoonFollowups = append(d.SoonFollowups, v.followup(f))
		}
	}
	for _, c := range journal.ByDue(j.Contacts) {
		switch {
		case c.Overdue(today):
			d.OverdueContacts = append(d.OverdueContacts, v.dueContact(c))
		case c.DueWithin(today, soon):
			d.SoonContacts = append(d.SoonContacts, v.dueContact(c))
		}
	}
	var theyOwe, youOwe, stale []*journal.Contact
	for _, c := range j.Contacts {
		switch b := c.Balance(); {
		case b > 0:
			theyOwe = append(theyOwe, c)
		case b < 0:
			youOwe = append(youOwe, c)
		}
		if c.Stale(today, j.Config.StaleAfter) {
			stale = append(stale, c)
		}
		if c.Birthday.IsSet() {
			if next := c.Birthday.Next(today); next.Before(today.AddDate(0, 1, 0)) {
				d.Birthdays = append(d.Birthdays, Birthday{Contact: v.contact(c), On: next, Words: c.Birthday.Words(), In: birthdayIn(c.Birthday, today)})
			}
		}
	}
	sort.SliceStable(theyOwe, func(a, b int) bool { return theyOwe[a].Balance() > theyOwe[b].Balance() })
	sort.SliceStable(youOwe, func(a, b int) bool { return youOwe[a].Balance() < youOwe[b].Balance() })
	sort.SliceStable(stale, func(a, b int) bool { return stale[a].Reviewed.Before(stale[b].Reviewed.Time) })
	sort.SliceStable(d.Birthdays, func(a, b int) bool { return d.Birthdays[a].On.Before(d.Birthdays[b].On) })
	for _, c := range theyOwe {
		d.TheyOwe = append(d.TheyOwe, v.owed(c))
	}
	for _, c := range youOwe {
		d.YouOwe = append(d.YouOwe, v.owed(c))
	}
	for _, c := range stale {
		d.Stale = append(d.Stale, v.stale(c))
	}
	d.PossibleDuplicates = possibleDuplicates(v, j.Contacts)
	unresolved := append([]*journal.Unresolved(nil), j.Unresolved...)
	sort.SliceStable(unresolved, func(a, b int) bool {
		x, y := unresolved[a], unresolved[b]
		if x.Pos.Path != y.Pos.Path {
			return x.Pos.Path < y.Pos.Path
		}
		if x.Pos.Line != y.Pos.Line {
			return x.Pos.Line < y.Pos.Line
		}
		return x.Target < y.Target
	})
	for _, u := range unresolved {
		d.Unresolved = append(d.Unresolved, Unresolved{
			Target: u.Target, Pos: u.Pos.String(),
			From: Linked{Title: u.From.Title(), Path: escape(PagePath(u.From))},
		})
	}
	r.write("index.html", d.Page, d)
}

// possibleDuplicates pairs the contacts that may be one person, in the
// order of the journal's contacts.
func possibleDuplicates(v *view, contacts []*journal.Contact) [][2]ContactRef {
	cs := make([]*content.Contact, len(contacts))
	for i, c := range contacts {
		cs[i] = c.Contact
	}
	var out [][2]ContactRef
	for _, p := range contactfile.PossibleDuplicates(cs) {
		out = append(out, [2]ContactRef{v.contact(contacts[p[0]]), v.contact(contacts[p[1]])})
	}
	return out
}

func openFollowups(j *journal.Journal) []*journal.Followup {
	var out []*journal.Followup
	for _, f := range j.Followups() {
		if f.Open() {
			out = append(out, f)
		}
	}
	return out
}
