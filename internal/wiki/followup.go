package wiki

import "github.com/netjournal/netjournal/internal/journal"

// FollowupsPage is the data of followups.html: every follow-up, the open
// ones by due date, then the done ones, most recently done first.
type FollowupsPage struct {
	*Page
	Overdue []*journal.Followup
	Open    []*journal.Followup // not overdue: due later, or undated
	Done    []*journal.Followup
}

func (r *renderer) followups() {
	fp := &FollowupsPage{Page: r.page("followups.html", "Follow-ups", "followups")}
	for _, f := range r.j.Followups() {
		switch {
		case f.Done:
			fp.Done = append(fp.Done, f)
		case f.Overdue(r.j.Today):
			fp.Overdue = append(fp.Overdue, f)
		default:
			fp.Open = append(fp.Open, f)
		}
	}
	r.write("followups.html", fp.Page, fp)
}
