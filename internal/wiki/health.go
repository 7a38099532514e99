package wiki

import (
	"fmt"
	"strings"

	"github.com/netjournal/netjournal/internal/journal"
)

// Band is how recently a contact was in touch, against their cadence.
type Band struct {
	Key  string // class name: "ok", "late", "lapsed", "never", "none"
	Name string // for the legend
	Desc string // for tooltips
}

// The recency bands, in the order they are drawn.
var bands = []*Band{
	{"ok", "Within cadence", "in touch within their cadence"},
	{"late", "1–2 cadences", "between one and two cadences since last contact"},
	{"lapsed", "Over 2 cadences", "more than two cadences since last contact"},
	{"never", "Never", "never in touch"},
	{"none", "No cadence", "no cadence set"},
}

// band places c in a recency band by the time since last contact, counted
// in cadences from j.Today. Snoozing changes when a reminder is due, not how
// long it has been.
func (r *renderer) band(c *journal.Contact) *Band {
	switch {
	case c.Never():
		return bands[3]
	case !c.Cadence.IsSet():
		return bands[4]
	}
	once := c.Cadence.After(c.LastContact)
	switch {
	case !once.Before(r.j.Today):
		return bands[0]
	case !c.Cadence.After(once).Before(r.j.Today):
		return bands[1]
	}
	return bands[2]
}

// Health is the network's health on the dashboard: for each circle, its
// contacts by recency band, as a stacked bar.
type Health struct {
	Rows   []*HealthRow
	Legend []*Band // the bands that occur
	OK     int     // contacts within their cadence
	Total  int
}

// HealthRow is one circle's bar.
type HealthRow struct {
	Group    GroupRef
	Segments []*Segment // bands with contacts, in band order
	Label    string     // the bar in words
}

// Segment is a band's share of a bar, placed in percent of its width.
type Segment struct {
	Band     *Band
	Count    int
	X, W, CX Num
	Wide     bool // wide enough to carry its count
	Title    string
}

func (r *renderer) health() *Health {
	h := &Health{}
	used := map[*Band]bool{}
	for _, g := range r.groups() {
		if len(g.contacts) == 0 {
			continue
		}
		row := &HealthRow{Group: r.groupRef(g)}
		byBand := map[*Band][]*journal.Contact{}
		for _, c := range g.contacts {
			b := r.band(c)
			byBand[b] = append(byBand[b], c)
			if b == bands[0] {
				h.OK++
			}
			h.Total++
		}
		var x float64
		var words []string
		for _, b := range bands {
			cs := byBand[b]
			if len(cs) == 0 {
				continue
			}
			used[b] = true
			w := 100 * float64(len(cs)) / float64(len(g.contacts))
			names := make([]string, len(cs))
			for i, c := range cs {
				names[i] = c.Name
			}
			row.Segments = append(row.Segments, &Segment{
				Band: b, Count: len(cs),
				X: Num(x), W: Num(w), CX: Num(x + w/2),
				Wide:  w >= 7,
				Title: fmt.Sprintf("%s: %d %s — %s", b.Name, len(cs), b.Desc, strings.Join(names, ", ")),
			})
			words = append(words, fmt.Sprintf("%d %s", len(cs), strings.ToLower(b.Name)))
			x += w
		}
		row.Label = fmt.Sprintf("%s, %s: %s", g.name(), plural(len(g.contacts), "contact"), strings.Join(words, ", "))
		h.Rows = append(h.Rows, row)
	}
	for _, b := range bands {
		if used[b] {
			h.Legend = append(h.Legend, b)
		}
	}
	return h
}
