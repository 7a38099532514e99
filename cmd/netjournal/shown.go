package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/netjournal/netjournal/internal/build"
	"github.com/netjournal/netjournal/internal/journal"
)

// shownList is what netjournal followups numbered, in order: done NUMBER
// closes the follow-up the user was shown as NUMBER, though one logged
// since, due sooner, has moved the numbers the journal gives now. It is
// kept in the site's work folder (build.ShownFile).
type shownList struct {
	Followups []shownFollowup `json:"followups"`
}

// shownFollowup names a follow-up as the list showed it: its event and
// place (Ref), and its text, person and day, by which it is found again
// when its place in the event changed, and known to be another when any
// of them did (two alike but for their days are two).
type shownFollowup struct {
	Event string `json:"event"`
	Place int    `json:"place"` // from 1, as in Ref
	What  string `json:"what"`
	Who   string `json:"who,omitempty"` // a contact's slug
	Due   string `json:"due,omitempty"` // YYYY-MM-DD
}

func shownOf(f *journal.Followup) shownFollowup {
	s := shownFollowup{Event: f.Event.Slug(), Place: f.Index + 1, What: f.What, Due: dueOf(f)}
	if f.Who != nil {
		s.Who = f.Who.Slug()
	}
	return s
}

// dueOf is f's day as a list keeps it: YYYY-MM-DD, or "" for none.
func dueOf(f *journal.Followup) string {
	if f.Due.IsZero() {
		return ""
	}
	return f.Due.Format(time.DateOnly)
}

// ref is the follow-up's Ref as it was when shown.
func (s shownFollowup) ref() string { return fmt.Sprintf("%s#%d", s.Event, s.Place) }

// keepShown keeps the numbering of open, the open follow-ups in the order
// that numbers them, for done. It says so when it cannot.
func (e *env) keepShown(open []*journal.Followup) {
	list := shownList{Followups: make([]shownFollowup, len(open))}
	for i, f := range open {
		list.Followups[i] = shownOf(f)
	}
	data, err := json.MarshalIndent(list, "", "  ")
	if err == nil {
		err = build.WriteWorkFile(e.dir, build.ShownFile, append(data, '\n'))
	}
	if err == nil {
		return
	}
	// The numbers of an older list would be done's: taken away.
	old := e.shownPath()
	if rerr := os.Remove(old); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "netjournal followups: the numbers are not kept for netjournal done (%v), and %s, an older list's, cannot be removed (%v): done NUMBER would close what that list numbered; name a follow-up by its EVENT#N\n", err, old, rerr)
		return
	}
	fmt.Fprintf(e.stderr, "netjournal followups: the numbers are not kept for netjournal done (%v): name a follow-up by its words or its EVENT#N\n", err)
}

// shownPath is where the site's numbering is kept.
func (e *env) shownPath() string { return filepath.Join(e.dir, build.WorkDir, build.ShownFile) }

// shown reads the numbering the last netjournal followups kept, or nil
// when there is none (or it cannot be read: done takes no number then).
func (e *env) shown() *shownList {
	data, err := os.ReadFile(e.shownPath())
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(e.stderr, "netjournal done: %v\n", err)
		}
		return nil
	}
	var list shownList
	if err := json.Unmarshal(data, &list); err != nil {
		fmt.Fprintf(e.stderr, "netjournal done: %s: %v\n", build.ShownFile, err)
		return nil
	}
	return &list
}

// find returns the follow-up of j that s names: at its place in its
// event with its text and person, else the one of its event with them;
// nil when it is in none.
func (s shownFollowup) find(j *journal.Journal) *journal.Followup {
	e := j.Event(s.Event)
	if e == nil {
		return nil
	}
	same := func(f *journal.Followup) bool {
		return f.What == s.What && (f.Who == nil && s.Who == "" || f.Who != nil && f.Who.Slug() == s.Who) && dueOf(f) == s.Due
	}
	if s.Place >= 1 && s.Place <= len(e.Followups) && same(e.Followups[s.Place-1]) {
		return e.Followups[s.Place-1]
	}
	var found *journal.Followup
	for _, f := range e.Followups {
		if same(f) {
			if found != nil {
				return nil // two alike: which was shown is not known
			}
			found = f
		}
	}
	return found
}

// number is the number the list gave f, a follow-up of j, or 0 (for
// none, or no list).
func (l *shownList) number(j *journal.Journal, f *journal.Followup) int {
	if l == nil {
		return 0
	}
	for i, x := range l.Followups {
		if x.find(j) == f {
			return i + 1
		}
	}
	return 0
}
