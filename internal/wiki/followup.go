package wiki

// FollowupsPage is the data of followups.html: every follow-up, the open
// ones by due date, then the done ones, most recently done first.
type FollowupsPage struct {
	*Page
	Overdue []FollowupRow
	Open    []FollowupRow // not overdue: due later, or undated
	Done    []FollowupRow
}

func (r *renderer) followups() {
	fp := &FollowupsPage{Page: r.page("followups.html", "Follow-ups", "followups")}
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
