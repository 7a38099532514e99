package wiki

import (
	"fmt"
	"html/template"
	"time"

	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/par"
)

// EventsIndex is the data of events/index.html: plans first, then the past
// by year and month, newest first.
type EventsIndex struct {
	*Page
	Plans []*journal.Event
	Years []*Year
	Total int
}

// Year is a year of past events.
type Year struct {
	Year   int
	Months []*Month
	Count  int
}

// ID is the year's anchor: "y2025".
func (y *Year) ID() string { return fmt.Sprintf("y%d", y.Year) }

// Month is a month of past events, newest first.
type Month struct {
	Month  time.Time // the first of the month
	Events []*journal.Event
}

// ID is the month's anchor: "m2025-03".
func (m *Month) ID() string { return "m" + m.Month.Format("2006-01") }

// Name is "March 2025".
func (m *Month) Name() string { return m.Month.Format("January 2006") }

// EventPage is the data of events/<slug>.html.
type EventPage struct {
	*Page
	E     *journal.Event
	Notes template.HTML
}

func (r *renderer) events() {
	idx := &EventsIndex{
		Page:  r.page("events/index.html", "Events", "events"),
		Plans: r.j.Plans(),
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
			y = &Year{Year: d.Year()}
			years[d.Year()] = y
			idx.Years = append(idx.Years, y)
		}
		first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		m := months[first]
		if m == nil {
			m = &Month{Month: first}
			months[first] = m
			y.Months = append(y.Months, m)
		}
		m.Events = append(m.Events, e)
		y.Count++
	}
	r.write("events.html", idx.Page, idx)

	par.Each(len(r.j.Events), func(i int) {
		e := r.j.Events[i]
		if r.reuse(pathOf(e), "event.html\x00"+r.version(e, 1)) {
			return
		}
		p := r.page(pathOf(e), e.Title(), "events")
		r.write("event.html", p, &EventPage{Page: p, E: e, Notes: r.body(e, p)})
	})
}
