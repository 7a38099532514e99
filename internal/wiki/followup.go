package wiki

import "github.com/netjournal/netjournal/internal/calendar"

// FollowupsPage is the data of followups.html: every follow-up, the open
// ones by due date, then the done ones, most recently done first.
type FollowupsPage struct {
	*Page
	Overdue []FollowupRow
	Open    []FollowupRow // not overdue: due later, or undated
	Done    []FollowupRow
	// Calendar is the path of the follow-ups as iCalendar, for a calendar
	// app to subscribe to: every open follow-up with a due date, and each
	// contact's next cadence date.
	Calendar string
}

func (r *renderer) followups() {
	fp := &FollowupsPage{Page: r.page("followups.html", "Follow-ups", "followups"), Calendar: calendar.File}
	for _, f := range r.j.Followups() {
		switch {
		case f.Done:
			fp.Done = append(fp.Done, r.v.followup(f))
		case f.Overdue(r.j.Today):
			fp.Overdue = append(fp.Overdue, r.v.followup(f))
		default:
			fp.Open = append(fp.Open, r.v.followup(f))
		}
	}
	r.write("followups.html", fp.Page, fp)
}
