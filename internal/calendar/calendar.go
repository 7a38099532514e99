// Package calendar writes the private iCalendar feed (RFC 5545) of what is
// due: every open follow-up and every contact's next cadence date, each as an
// all-day event. It is the only importer of golang-ical.
//
// Every event has a UID that stays the same from one build to the next —
// "followup-<event slug>-<hash>@<host>" and "cadence-<contact slug>@<host>" —
// so a calendar app subscribed to the file moves an event when its date
// changes instead of adding a second one. A follow-up's hash is of who and
// what, not of its place in the event, so inserting or reordering
// follow-ups moves no UID from one to another.
package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/netjournal/netjournal/internal/journal"
)

// File is the feed's path in the private site.
const File = "followups.ics"

// ICS returns the calendar of j's open follow-ups and cadence due dates.
// Follow-ups without a due date have no day to sit on and are left out.
// The output depends only on j and its day, so a build with a fixed --now
// is reproducible.
func ICS(j *journal.Journal) []byte {
	host := "netjournal"
	if u, err := url.Parse(j.Config.BaseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	cal := ics.NewCalendarFor("netjournal")
	cal.SetProductId("-//netjournal//netjournal follow-ups//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(j.Config.Title + ": follow-ups")
	cal.SetXWRCalDesc("Follow-ups and people due a message, from netjournal")
	cal.SetRefreshInterval("P1D")
	cal.SetXPublishedTTL("P1D")

	// The day, not the instant, of the build: the file is the same all
	// day long, so rebuilds and subscribers see a change only when there
	// is one. The day's start where the build runs, as an instant: the
	// date at midnight UTC was up to 14 hours after the build (UTC+14).
	y, m, d := j.Now.Date()
	stamp := time.Date(y, m, d, 0, 0, 0, 0, j.Now.Location())
	var items []item
	for _, f := range j.Followups() {
		if !f.Open() || f.Due.IsZero() {
			continue
		}
		items = append(items, followup(f, host))
	}
	for _, c := range j.Contacts {
		if c.Due.IsZero() {
			continue
		}
		items = append(items, cadence(c, j.Today, host))
	}
	sort.SliceStable(items, func(a, b int) bool {
		if !items[a].day.Equal(items[b].day) {
			return items[a].day.Before(items[b].day)
		}
		return items[a].uid < items[b].uid
	})
	for _, it := range items {
		ev := cal.AddEvent(it.uid)
		ev.SetDtStampTime(stamp)
		ev.SetAllDayStartAt(it.day)
		ev.SetAllDayEndAt(it.day.AddDate(0, 0, 1))
		ev.SetSummary(it.summary)
		ev.SetDescription(it.description)
		ev.AddCategory(it.category)
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	}
	return []byte(cal.Serialize(ics.WithNewLine("\r\n")))
}

// item is one all-day event of the feed.
type item struct {
	uid         string
	day         time.Time
	summary     string
	description string
	category    string
}

func followup(f *journal.Followup, host string) item {
	e := f.Event
	// Quoted as a person writes a quotation, not as Go does (%q wrote
	// Lunch with \"Bo\", which calendars show as written).
	desc := []string{
		strings.TrimSpace(f.What),
		fmt.Sprintf("Promised at \"%s\" on %s.", e.Title(), e.Date.Day().Format(time.DateOnly)),
		f.Pos.String(),
	}
	return item{
		uid:         fmt.Sprintf("followup-%s-%s@%s", e.Slug(), followupID(f), host),
		day:         f.Due,
		summary:     "Follow up with " + f.Whom() + ": " + strings.Join(strings.Fields(f.What), " "), // one line
		description: strings.Join(desc, "\n"),
		category:    "Follow-up",
	}
}

// followupID names a follow-up within its event: a short hash of whom it
// concerns and what was promised, so neither its due date nor its place
// among the event's follow-ups changes it. The same promise made twice in
// one event is told apart by its occurrence: "-2" for the second, and so
// on, counting done follow-ups too so that ticking one off moves no UID.
func followupID(f *journal.Followup) string {
	id := identity(f)
	n := 0
	for _, g := range f.Event.Followups {
		if identity(g) == id {
			n++
		}
		if g == f {
			break
		}
	}
	if n > 1 {
		id += fmt.Sprintf("-%d", n)
	}
	return id
}

// identity hashes a follow-up's who (a contact's slug) and what, with its
// case and spacing folded: reflowing the YAML keeps the UID.
func identity(f *journal.Followup) string {
	who := ""
	if f.Who != nil {
		who = f.Who.Slug()
	}
	what := strings.ToLower(strings.Join(strings.Fields(f.What), " "))
	sum := sha256.Sum256([]byte(who + "\x00" + what))
	return hex.EncodeToString(sum[:4])
}

func cadence(c *journal.Contact, today time.Time, host string) item {
	var desc []string
	if c.Never() {
		desc = append(desc, "Never contacted yet.")
	} else {
		desc = append(desc, fmt.Sprintf("Last contact: %s, \"%s\".", c.LastContact.Format(time.DateOnly), c.LastEvent.Title()))
	}
	desc = append(desc, "Cadence: every "+c.Cadence.Words()+".")
	if c.Snoozed(today) {
		desc = append(desc, "Snoozed until "+c.SnoozeUntil.Day().Format(time.DateOnly)+".")
	}
	desc = append(desc, c.Doc().Path)
	return item{
		uid:         fmt.Sprintf("cadence-%s@%s", c.Slug(), host),
		day:         c.Due,
		summary:     "Get in touch with " + c.Name,
		description: strings.Join(desc, "\n"),
		category:    "Keep in touch",
	}
}
