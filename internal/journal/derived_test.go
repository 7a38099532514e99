package journal

import (
	"testing"
	"time"
)

// TestDaysFarApart: day counts do not overflow, however far --now is.
func TestDaysFarApart(t *testing.T) {
	from := time.Date(2026, 1, 1, 15, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		to   time.Time
		want int
	}{
		{time.Date(2026, 1, 2, 1, 0, 0, 0, time.UTC), 1},
		{time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), -24107},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), 2912442},
	} {
		if got := days(from, c.to); got != c.want {
			t.Errorf("days to %s = %d, want %d", c.to.Format(time.DateOnly), got, c.want)
		}
	}
}

// TestLastContactAtAnEventsEnd: a conference spent with someone counts to
// its last day (or today, while it runs), whatever started later.
func TestLastContactAtAnEventsEnd(t *testing.T) {
	j := mustSite(t, map[string]string{
		"content/contacts/ana.md":  "---\nname: Ana\n---\n",
		"content/contacts/bo.md":   "---\nname: Bo\n---\n",
		"content/events/summit.md": "---\ntitle: Summit\ndate: 2026-10-01\nend: 2026-10-30\nwith: [ana]\n---\n",
		"content/events/call.md":   "---\ntitle: Call\ndate: 2026-10-10\nwith: [ana]\n---\n",
		"content/events/fair.md":   "---\ntitle: Fair\ndate: 2026-11-20\nend: 2026-11-28\nwith: [bo]\n---\n",
	})
	if got := j.Contact("ana").LastContact.Format(time.DateOnly); got != "2026-10-30" {
		t.Errorf("Ana's last contact = %s, want the summit's last day", got)
	}
	if got := j.Contact("bo").LastContact.Format(time.DateOnly); got != j.Today.Format(time.DateOnly) {
		t.Errorf("Bo's last contact = %s, want today, the fair running", got)
	}
}

func TestSameTag(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{{"Go", "go", true}, {"Machine learning", "machine_learning", true}, {"C++", "C", false}, {"C#", "c", false}} {
		if got := SameTag(c.a, c.b); got != c.same {
			t.Errorf("SameTag(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// TestInteractionsCountPastEvents: a contact's interactions are the events
// before today, counted once when the journal is built and the same for
// any other day asked.
func TestInteractionsCountPastEvents(t *testing.T) {
	j := mustSite(t, map[string]string{
		"content/contacts/ana.md":   "---\nname: Ana\n---\n",
		"content/contacts/bo.md":    "---\nname: Bo\n---\n",
		"content/events/a.md":       "---\ntitle: A\ndate: 2026-10-01\nwith: [ana, bo]\n---\n",
		"content/events/b.md":       "---\ntitle: B\ndate: 2026-10-10\nwith: [ana]\n---\n",
		"content/events/later.md":   "---\ntitle: Later\ndate: 2099-01-01\nwith: [ana]\n---\n",
		"content/events/summit.md":  "---\ntitle: Summit\ndate: 2026-11-01\nend: 2026-11-03\nwith: [bo]\n---\n",
		"content/events/planned.md": "---\ntitle: Planned\ndate: 2098-05-05\nwith: [bo]\n---\n",
	})
	for _, c := range []struct {
		slug      string
		want      int
		wantOther int // on 2026-10-05
	}{
		{"ana", 2, 1},
		{"bo", 2, 1},
	} {
		if got := j.Contact(c.slug).Interactions(j.Today); got != c.want {
			t.Errorf("%s: %d interactions today, want %d", c.slug, got, c.want)
		}
		if got := j.Contact(c.slug).Interactions(time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)); got != c.wantOther {
			t.Errorf("%s: %d interactions on 2026-10-05, want %d", c.slug, got, c.wantOther)
		}
	}
}
