package wiki

import (
	"sort"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
)

// Dashboard is the data of index.html: what needs attention today.
type Dashboard struct {
	*Page
	OverdueFollowups []*journal.Followup // most overdue first
	SoonFollowups    []*journal.Followup // due within two weeks, soonest first
	OverdueContacts  []*journal.Contact  // by cadence, most overdue first
	SoonContacts     []*journal.Contact  // due within two weeks
	Plans            []*journal.Event    // soonest first
	TheyOwe          []*journal.Contact  // favour balance above zero, largest first
	YouOwe           []*journal.Contact  // favour balance below zero, largest first
	Stale            []*journal.Contact  // reviewed longer ago than stale_after, oldest first
	Unresolved       []*journal.Unresolved
	Drafts           []*journal.Post
	Birthdays        []Birthday // within the next month
	Health           *Health    // contacts by recency band, per circle

	Contacts, Events, Posts int
	StaleAfter              content.Duration
	Soon                    content.Duration
}

// Birthday is a contact's next birthday.
type Birthday struct {
	Contact *journal.Contact
	On      time.Time
}

func (r *renderer) dashboard() {
	j, today := r.j, r.j.Today
	d := &Dashboard{
		Page:       r.page("index.html", "Dashboard", "dashboard"),
		Plans:      j.Plans(),
		Drafts:     j.Drafts(),
		Contacts:   len(j.Contacts),
		Events:     len(j.Events),
		Posts:      len(j.Posts),
		StaleAfter: j.Config.StaleAfter,
		Soon:       soon,
		Health:     r.health(),
	}
	for _, f := range openFollowups(j) {
		switch {
		case f.Overdue(today):
			d.OverdueFollowups = append(d.OverdueFollowups, f)
		case f.DueWithin(today, soon):
			d.SoonFollowups = append(d.SoonFollowups, f)
		}
	}
	for _, c := range journal.ByDue(j.Contacts) {
		switch {
		case c.Overdue(today):
			d.OverdueContacts = append(d.OverdueContacts, c)
		case c.DueWithin(today, soon):
			d.SoonContacts = append(d.SoonContacts, c)
		}
	}
	for _, c := range j.Contacts {
		switch b := c.Balance(); {
		case b > 0:
			d.TheyOwe = append(d.TheyOwe, c)
		case b < 0:
			d.YouOwe = append(d.YouOwe, c)
		}
		if c.Stale(today, j.Config.StaleAfter) {
			d.Stale = append(d.Stale, c)
		}
		if c.Birthday.IsSet() {
			if next := c.Birthday.Next(today); next.Before(today.AddDate(0, 1, 0)) {
				d.Birthdays = append(d.Birthdays, Birthday{Contact: c, On: next})
			}
		}
	}
	sort.SliceStable(d.TheyOwe, func(a, b int) bool { return d.TheyOwe[a].Balance() > d.TheyOwe[b].Balance() })
	sort.SliceStable(d.YouOwe, func(a, b int) bool { return d.YouOwe[a].Balance() < d.YouOwe[b].Balance() })
	sort.SliceStable(d.Stale, func(a, b int) bool { return d.Stale[a].Reviewed.Before(d.Stale[b].Reviewed.Time) })
	sort.SliceStable(d.Birthdays, func(a, b int) bool { return d.Birthdays[a].On.Before(d.Birthdays[b].On) })
	d.Unresolved = append(d.Unresolved, j.Unresolved...)
	sort.SliceStable(d.Unresolved, func(a, b int) bool {
		x, y := d.Unresolved[a], d.Unresolved[b]
		if x.Pos.Path != y.Pos.Path {
			return x.Pos.Path < y.Pos.Path
		}
		if x.Pos.Line != y.Pos.Line {
			return x.Pos.Line < y.Pos.Line
		}
		return x.Target < y.Target
	})
	r.write("index.html", d.Page, d)
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
