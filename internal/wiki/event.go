package wiki

import (
	"fmt"
	"slices"
	"time"

	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/par"
)

// EventsIndex is the data of events/index.html: plans first, then the past
// by year and month, newest first.
type EventsIndex struct {
	*Page
	Plans []EventRow
	Years []*Year
	Total int
}

// Year is a year of past events.
type Year struct {
	Year   int
	ID     string // its anchor: "y2025"
	Months []*Month
	Count  int
}

// Month is a month of past events, newest first.
type Month struct {
	ID     string // its anchor: "m2025-03"
	Name   string // "March 2025"
	Events []EventRow
}

// EventPage is the data of events/<slug>.html.
type EventPage struct {
	*Page
	E     Event
	Notes template.HTML
}

// Event is everything an event's page shows of it.
type Event struct {
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

	End           time.Time // its last day, for a multi-day event; else zero
	Time          string    // its time of day, "15:04 MST", when it has one
	InitiatedByMe bool
	InitiatedBy   *ContactRef
	Source        string // the event's file
	Followups     []FollowupRow
	Gave          []FavourRow
	Received      []FavourRow
	Shared        []ShareRow
	Backlinks     []BacklinkRow
}

// WikiPath is the event's page.
func (e Event) WikiPath() string { return e.Path }

func (r *renderer) events() {
	r.later("events.html", "events/index.html", func() any { // made when its page is (see posts)
		idx := &EventsIndex{
			Page:  r.page("events/index.html", "Events", "events"),
			Plans: r.v.eventRows(r.j.Plans()),
			Total: len(r.j.Events),
		}
		years := map[int]*Year{}
		months := map[time.Time]*Month{}
		for _, e := range r.j.Events { // newest first
			if e.Planned(r.j.Today) {
				continue
			}
			d := e.Date.Day()
			y := years[d.Year()]
			if y == nil {
				y = &Year{Year: d.Year(), ID: fmt.Sprintf("y%d", d.Year())}
				years[d.Year()] = y
				idx.Years = append(idx.Years, y)
			}
			first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
			m := months[first]
			if m == nil {
				m = &Month{ID: "m" + first.Format("2006-01"), Name: first.Format("January 2006")}
				months[first] = m
				y.Months = append(y.Months, m)
			}
			m.Events = append(m.Events, r.v.eventRow(e))
			y.Count++
		}
		return idx
	})

	// Which events are the last render's, on every core (frameAsIn).
	kept := make([]bool, len(r.j.Events))
	if r.sameFrame {
		par.Each(len(r.j.Events), func(i int) { kept[i] = eventAsIn(r.j.Events[i], r.was) })
		r.keptAny = r.keptAny || slices.Contains(kept, true)
	}
	for i, e := range r.j.Events {
		r.later("event.html", PagePath(e), func() any {
			p := r.page(PagePath(e), e.Title(), "events")
			d := &EventPage{Page: p, E: r.event(e)}
			return deferred(d, r.body(e, p, &d.Notes))
		})
		r.jobs[len(r.jobs)-1].Unchanged = kept[i]
	}
}

// event is what an event's page shows of e.
func (r *renderer) event(e *journal.Event) Event {
	v := r.v
	row := v.eventRow(e)
	out := Event{
		Title: row.Title, Path: row.Path, Date: row.Date, Kind: row.Kind, Location: row.Location,
		With: row.With, Planned: row.Planned, Status: row.Status, OpenFollowups: row.OpenFollowups,
		InitiatedByMe: e.InitiatedByMe,
		Source:        e.Path,
		Followups:     v.followups(e.Followups),
		Gave:          v.favours(e.Gave),
		Received:      v.favours(e.Received),
		Shared:        v.shares(e.Shared),
		Backlinks:     v.backlinks(e.Backlinks),
	}
	if e.End.IsSet() {
		out.End = e.End.Day()
	}
	if e.Date.Clock {
		out.Time = e.Date.Time.Format("15:04 MST")
	}
	if e.InitiatedBy != nil {
		by := v.contact(e.InitiatedBy)
		out.InitiatedBy = &by
	}
	return out
}
