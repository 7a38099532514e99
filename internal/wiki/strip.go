package wiki

import (
	"fmt"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/journal"
)

// stripMonths is how far back a contact's interaction strip reaches.
const stripMonths = 24

// Strip is a contact's interactions per month over the last two years,
// ending with the month of j.Today: one mark per month, taller and darker
// for more events, plans outlined. It is drawn with percentages across, so
// its labels keep their size at any width.
type Strip struct {
	Months  []*StripMonth // oldest first
	Past    int           // events in the window
	Planned int           // plans in the window: this month, after today
	Later   []EventRef    // plans after the window, soonest first
	Label   string        // the strip in words, for screen readers
}

// StripMonth is one month of a Strip.
type StripMonth struct {
	Month         time.Time // its first day
	Past, Planned int
	Level         int  // shade 0–4: the number of past events, at most 4
	Now           bool // the month of j.Today
	Year          bool // the year is written below it
	Title         string

	// Geometry: the column's Left edge, the bar's X and W, and the
	// centre CX in percent of the width; the rest in pixels from the top.
	Left, X, W, CX    Num
	BarY, BarH        Num
	PlanY, CountY     Num
	Initial, YearName string
}

// Heights of the strip, in pixels.
const (
	stripBase   = 40 // the baseline the bars stand on
	stripBar    = 24 // the tallest bar
	stripMin    = 8  // a month with one event
	stripPlan   = 8  // a planned mark
	stripHeight = 72
)

// The strip's fixed geometry, for the template.
func (s *Strip) Height() int   { return stripHeight }
func (s *Strip) Base() int     { return stripBase }
func (s *Strip) Tick() int     { return stripBase - 2 }
func (s *Strip) Plan() int     { return stripPlan }
func (s *Strip) InitialY() int { return stripBase + 14 }
func (s *Strip) YearY() int    { return stripBase + 28 }
func (s *Strip) Col() Num      { return Num(100.0 / stripMonths) }

func (r *renderer) strip(c *journal.Contact) *Strip {
	today := r.j.Today
	last := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	first := last.AddDate(0, 1-stripMonths, 0)
	s := &Strip{}
	index := map[time.Time]*StripMonth{}
	col := 100.0 / stripMonths
	for i := 0; i < stripMonths; i++ {
		m := first.AddDate(0, i, 0)
		sm := &StripMonth{
			Month: m, Now: m.Equal(last), Left: Num(float64(i) * col),
			X: Num(float64(i)*col + col*0.18), W: Num(col * 0.64), CX: Num((float64(i) + 0.5) * col),
			Initial: m.Format("Jan")[:1],
		}
		s.Months = append(s.Months, sm)
		index[m] = sm
	}
	for _, e := range c.Timeline {
		d := e.Date.Day()
		sm := index[time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)]
		switch {
		case e.Planned(today) && sm == nil:
			s.Later = append(s.Later, r.v.event(e))
		case sm == nil:
			// before the window
		case e.Planned(today):
			sm.Planned++
			s.Planned++
		default:
			sm.Past++
			s.Past++
		}
	}
	// Later plans soonest first (the timeline is newest first).
	for a, b := 0, len(s.Later)-1; a < b; a, b = a+1, b-1 {
		s.Later[a], s.Later[b] = s.Later[b], s.Later[a]
	}
	active := 0
	for i, sm := range s.Months {
		sm.Level = min(sm.Past, 4)
		top := float64(stripBase)
		if sm.Past > 0 {
			active++
			h := stripMin + float64(stripBar-stripMin)*float64(sm.Level-1)/3
			sm.BarH = Num(h)
			top -= h
			sm.BarY = Num(top)
		}
		if sm.Planned > 0 {
			top -= stripPlan + 2
			sm.PlanY = Num(top)
		}
		sm.CountY = Num(top - 4)
		// The year goes under the first month and every January, unless
		// a January follows too closely for both to fit.
		if m := sm.Month.Month(); m == time.January || (i == 0 && m < time.November) {
			sm.Year = true
			sm.YearName = sm.Month.Format("2006")
		}
		sm.Title = monthTitle(sm)
	}
	s.Label = fmt.Sprintf("Interactions with %s per month, %s to %s: %s in %s",
		c.Name, first.Format("January 2006"), last.Format("January 2006"),
		plural(s.Past, "event"), plural(active, "month"))
	if s.Planned+len(s.Later) > 0 {
		s.Label += fmt.Sprintf("; %s ahead", plural(s.Planned+len(s.Later), "plan"))
	}
	s.Label += "."
	return s
}

// monthTitle says what a month holds: "March 2026: 2 events, 1 planned".
func monthTitle(sm *StripMonth) string {
	var parts []string
	if sm.Past > 0 || sm.Planned == 0 {
		parts = append(parts, plural(sm.Past, "event"))
	}
	if sm.Planned > 0 {
		parts = append(parts, fmt.Sprintf("%d planned", sm.Planned))
	}
	return sm.Month.Format("January 2006") + ": " + strings.Join(parts, ", ")
}
