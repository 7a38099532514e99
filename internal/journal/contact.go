package journal

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

// Contact is a person with everything the journal knows about them.
type Contact struct {
	*content.Contact
	body

	Timeline    []*Event  // events with them, newest first (plans included)
	LastContact time.Time // the latest day spent with them at a past event (an event's last day, up to today); zero if never
	LastEvent   *Event    // that event
	Cadence     content.Duration
	Due         time.Time // when contact is next due; zero without a cadence

	Gave      []*Favour   // favours the user did for them
	Received  []*Favour   // favours they did for the user
	Followups []*Followup // promised next steps concerning them, by due date
	Shared    []*Share    // what the user passed on to them, newest first
	Backlinks []*Backlink

	IntroducedBy  *Contact
	Introductions []*Contact // people they introduced the user to
	MetAt         *Event     // the event named by met.at, if it is one

	// past counts the events of Timeline before pastOn, the journal's
	// today: every drawing of the network sizes each node by it.
	past   int
	pastOn time.Time
}

func (c *Contact) NodeKind() Kind          { return KindContact }
func (c *Contact) Slug() string            { return c.Contact.Slug }
func (c *Contact) Title() string           { return c.Name }
func (c *Contact) Doc() *content.Doc       { return &c.Contact.Doc }
func (c *Contact) addBacklink(b *Backlink) { c.Backlinks = append(c.Backlinks, b) }
func (c *Contact) CircleName() string      { return c.Circle }
func (c *Contact) Snoozed(today time.Time) bool {
	return c.SnoozeUntil.IsSet() && c.SnoozeUntil.Day().After(today)
}

// Never reports whether there is no past event with the contact.
func (c *Contact) Never() bool { return c.LastContact.IsZero() }

// Overdue reports whether the contact is past due by cadence and not snoozed.
func (c *Contact) Overdue(today time.Time) bool {
	return !c.Due.IsZero() && !c.Snoozed(today) && c.Due.Before(today)
}

// DueWithin reports whether contact falls due (or is overdue) within d.
func (c *Contact) DueWithin(today time.Time, d content.Duration) bool {
	return !c.Due.IsZero() && !c.Snoozed(today) && !c.Due.After(d.After(today))
}

// DaysSince is the number of days since last contact, or -1 if never.
func (c *Contact) DaysSince(today time.Time) int {
	if c.Never() {
		return -1
	}
	return days(c.LastContact, today)
}

// DaysOverdue is how many days past due the contact is (negative: days left).
func (c *Contact) DaysOverdue(today time.Time) int {
	return days(c.Due, today)
}

// Stale reports whether the contact's details were last reviewed longer ago
// than after.
func (c *Contact) Stale(today time.Time, after content.Duration) bool {
	return c.Reviewed.IsSet() && after.After(c.Reviewed.Day()).Before(today)
}

// Balance is favours given minus favours received: above zero they owe the
// user, below zero the user owes them.
func (c *Contact) Balance() int { return len(c.Gave) - len(c.Received) }

// OpenFollowups returns the follow-ups not yet done.
func (c *Contact) OpenFollowups() []*Followup { return open(c.Followups) }

// Interactions counts past events with the contact.
func (c *Contact) Interactions(today time.Time) int {
	if !c.pastOn.IsZero() && today.Equal(c.pastOn) {
		return c.past
	}
	n := 0
	for _, e := range c.Timeline {
		if !e.Planned(today) {
			n++
		}
	}
	return n
}

func days(from, to time.Time) int {
	// By calendar days, not Sub: a Duration overflows past 292 years.
	a, b := content.Day(from), content.Day(to)
	return int(b.Unix()/86400 - a.Unix()/86400)
}

func (j *Journal) linkContact(c *Contact, errs *content.ErrorList) {
	if m := c.Met; m != nil {
		if m.IntroducedBy != "" {
			if n, err := j.Resolve(m.IntroducedBy, KindContact); err != nil {
				errs.Add(c.Pos("met.introduced_by"), "met.introduced_by: %v", err)
			} else if by := n.(*Contact); by == c {
				errs.Add(c.Pos("met.introduced_by"), "met.introduced_by: %s cannot introduce themselves", c.Name)
			} else {
				c.IntroducedBy = by
				by.Introductions = append(by.Introductions, c)
			}
		}
		if m.At != "" {
			// met.at is an event ref when it names one, else free text.
			if n, err := j.Resolve(m.At, KindEvent); err == nil {
				c.MetAt = n.(*Event)
			} else if _, amb := err.(*AmbiguousError); amb {
				errs.Add(c.Pos("met.at"), "met.at: %v", err)
			}
		}
	}
}

// introductionRings reports each ring of introductions (Ana introduced
// by Bo, Bo by Ana), which cannot all be so: once, at the contact of the
// ring first by name, its people in order.
func (j *Journal) introductionRings(errs *content.ErrorList) {
	done := map[*Contact]bool{}
	var chain []*Contact
	for _, c := range j.Contacts {
		if c.IntroducedBy == nil {
			continue
		}
		chain = chain[:0]
		for x := c; x != nil && !done[x]; x = x.IntroducedBy {
			if i := slices.Index(chain, x); i >= 0 {
				ring := chain[i:]
				// From the one first by name: j.Contacts' order.
				first := 0
				for k, r := range ring {
					if slices.Index(j.Contacts, r) < slices.Index(j.Contacts, ring[first]) {
						first = k
					}
				}
				ring = slices.Concat(ring[first:], ring[:first])
				var b strings.Builder
				b.WriteString(ring[0].Name)
				for k := range ring {
					if k > 0 {
						b.WriteString(", who")
					}
					fmt.Fprintf(&b, " was introduced by %s", ring[(k+1)%len(ring)].Name)
				}
				why := "one met the other first"
				if len(ring) > 2 {
					why = "one of them met the others first"
				}
				errs.Add(ring[0].Pos("met.introduced_by"), "met.introduced_by: %s: %s", b.String(), why)
				break
			}
			chain = append(chain, x)
		}
		for _, x := range chain {
			done[x] = true
		}
	}
}

// derive computes what follows from the events: timeline, last contact,
// cadence and due date. It runs after every event is linked.
func (c *Contact) derive(j *Journal) {
	sort.SliceStable(c.Timeline, func(a, b int) bool { return c.Timeline[a].Date.After(c.Timeline[b].Date.Time) })
	c.past, c.pastOn = 0, j.Today
	for _, e := range c.Timeline {
		if e.Planned(j.Today) {
			continue
		}
		c.past++
		// A conference's last day with them counts, up to today.
		last := e.Date.Day()
		if end := e.End.Day(); e.End.IsSet() && end.After(last) {
			last = end
			if last.After(j.Today) {
				last = j.Today
			}
		}
		if last.After(c.LastContact) {
			c.LastContact, c.LastEvent = last, e
		}
	}
	c.Cadence = c.Contact.Cadence
	if !c.Cadence.IsSet() && c.Circle != "" {
		if ci := j.Config.Circle(c.Circle); ci != nil {
			c.Cadence = ci.Cadence
		}
	}
	if c.Cadence.IsSet() {
		if c.Never() {
			c.Due = j.Today // never contacted: due now
			if c.Met != nil && c.Met.Date.IsSet() {
				c.Due = c.Cadence.After(c.Met.Date.Day())
			}
		} else {
			c.Due = c.Cadence.After(c.LastContact)
		}
		if c.Snoozed(j.Today) && c.Due.Before(c.SnoozeUntil.Day()) {
			c.Due = c.SnoozeUntil.Day()
		}
	}
	sort.SliceStable(c.Followups, func(a, b int) bool { return c.Followups[a].before(c.Followups[b]) })
	sort.SliceStable(c.Shared, func(a, b int) bool { return c.Shared[a].Date.After(c.Shared[b].Date) })
}

// ByDue sorts contacts by due date, most overdue first.
func ByDue(cs []*Contact) []*Contact {
	out := append([]*Contact(nil), cs...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].Due.Before(out[b].Due) })
	return out
}
