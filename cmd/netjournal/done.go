package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/frontedit"
	"github.com/netjournal/netjournal/internal/journal"
)

// doneCmd is `netjournal done 3`: a follow-up closed in its event file,
// with the day it was done, every other byte of the file kept.
type doneCmd struct{ *env }

const doneUsage = `done NUMBER|EVENT#N|WORDS… [-C DIR] [--on DATE]`

func (c *doneCmd) Run(ctx context.Context, args []string) int {
	fs := c.flags("done", doneUsage)
	var on, now nowFlag
	fs.Var(&on, "on", "the `DATE` it was done (default today)")
	fs.Var(&now, "now", "act as if today were `DATE` (YYYY-MM-DD or RFC 3339)")
	pos, code, ok := arguments(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintf(c.stderr, "netjournal done: say which follow-up: its number in netjournal followups, its EVENT#N, or words of it\n")
		return exitUsage
	}
	j, code := c.journal("done", now.time())
	if j == nil {
		return code
	}
	f, ok := c.find(j, strings.Join(pos, " "))
	if !ok {
		return exitUsage
	}
	day := j.Today
	if !on.t.IsZero() {
		day = content.Day(on.t)
		// Either day closed the follow-up, out of every list, on a day
		// it cannot have been done.
		switch event := f.Event.Date.Day(); {
		case day.After(j.Today):
			fmt.Fprintf(c.stderr, "netjournal done: --on %s is after today (%s): a follow-up is done on a day that has come\n", day.Format(time.DateOnly), j.Today.Format(time.DateOnly))
			return exitUsage
		case day.Before(event) && !event.After(j.Today): // a planned event's may be done before it
			fmt.Fprintf(c.stderr, "netjournal done: --on %s is before the event that promised it (%s, %s)\n", day.Format(time.DateOnly), event.Format(time.DateOnly), f.Event.Doc().Path)
			return exitUsage
		}
	}
	path := c.path(f.Event.Doc().Path)
	err := editFile(path, func(file *frontedit.File) error {
		_, list := frontedit.Get(file.Root(), "followups")
		if list == nil || list.Kind != yaml.SequenceNode || f.Index >= len(list.Content) {
			return fmt.Errorf("the follow-up is no longer where it was: run netjournal followups again")
		}
		return file.Set(list.Content[f.Index], "done", day.Format(time.DateOnly))
	})
	if err != nil {
		fmt.Fprintf(c.stderr, "netjournal done: %s: %v\n", f.Pos, err)
		return exitContent
	}
	fmt.Fprintf(c.stdout, "done: %s (%s), %s\n", f.What, f.Whom(), f.Pos)
	return exitOK
}

// find is the open follow-up a query names: a number of netjournal
// followups, an event slug and place (EVENT#N), or words found in one
// follow-up only (its text, its people, its event). It reports why not.
func (c *doneCmd) find(j *journal.Journal, q string) (*journal.Followup, bool) {
	open := openFollowups(j)
	list := c.shown()
	if n, err := strconv.Atoi(strings.TrimPrefix(q, "#")); err == nil && list != nil {
		// The number the user was shown, whatever was logged since.
		if n < 1 || n > len(list.Followups) {
			fmt.Fprintf(c.stderr, "netjournal done: there is no follow-up %d: netjournal followups listed %d\n", n, len(list.Followups))
			return nil, false
		}
		s := list.Followups[n-1]
		switch f := s.find(j); {
		case f == nil:
			fmt.Fprintf(c.stderr, "netjournal done: follow-up %d of the list netjournal followups printed last (%q, %s) is no longer in its event: run netjournal followups again, or name it by its EVENT#N\n", n, s.What, s.ref())
		case !f.Open():
			fmt.Fprintf(c.stderr, "netjournal done: follow-up %d of the list netjournal followups printed last is done already: %s\n", n, f.Pos)
		default:
			return f, true
		}
		return nil, false
	} else if err == nil {
		// Numbered as the follow-ups are now, a number read from a list
		// of before (followups --json's, the wiki's, or the one of
		// before a done) named another: done 1, then done 2, closed the
		// third of the list read.
		fmt.Fprintf(c.stderr, "netjournal done: no list of follow-ups is kept to number them: run netjournal followups, which prints one and keeps it, or name the follow-up by its words or its EVENT#N\n")
		return nil, false
	}
	if slug, num, ok := strings.Cut(q, "#"); ok && !strings.ContainsAny(slug, " \t") {
		n, err := strconv.Atoi(num)
		e := j.Event(slug)
		switch {
		case e == nil:
			fmt.Fprintf(c.stderr, "netjournal done: no event has the slug %q\n", slug)
		case err != nil || n < 1 || n > len(e.Followups):
			fmt.Fprintf(c.stderr, "netjournal done: %s has %d follow-ups, not a #%s\n", e.Doc().Path, len(e.Followups), num)
		case !e.Followups[n-1].Open():
			fmt.Fprintf(c.stderr, "netjournal done: %s is done already\n", e.Followups[n-1].Pos)
		default:
			return e.Followups[n-1], true
		}
		return nil, false
	}
	words := strings.Fields(q)
	var hits []int
	for i, f := range open {
		text := content.Slugify(strings.Join([]string{f.What, f.Whom(), f.Event.Title(), f.Event.Slug()}, " "))
		all := true
		for _, w := range words {
			if s := content.Slugify(w); s != "" && !strings.Contains(text, s) {
				all = false
			}
		}
		if all {
			hits = append(hits, i)
		}
	}
	switch len(hits) {
	case 1:
		return open[hits[0]], true
	case 0:
		fmt.Fprintf(c.stderr, "netjournal done: no open follow-up mentions %q: netjournal followups lists them\n", q)
	default:
		// By the numbers the user was shown; one shown in no list by its
		// event and place.
		labels := make([]string, len(hits))
		byRef := false
		byNumber := false
		for k, i := range hits {
			if n := list.number(j, open[i]); n > 0 {
				labels[k], byNumber = fmt.Sprintf("#%d", n), true
			} else {
				labels[k], byRef = open[i].Ref(), true
			}
		}
		how := "by EVENT#N"
		switch {
		case byNumber && byRef:
			how = "by number or EVENT#N"
		case byNumber:
			how = "by number"
		}
		fmt.Fprintf(c.stderr, "netjournal done: %d open follow-ups mention %q; say which %s:\n", len(hits), q, how)
		for k, i := range hits {
			fmt.Fprintf(c.stderr, "  %s %s (%s)  %s\n", labels[k], open[i].What, open[i].Whom(), open[i].Pos)
		}
	}
	return nil, false
}

// editFile changes the front matter of the file at path with edit and
// writes it back whole, or leaves it as it was.
func editFile(path string, edit func(*frontedit.File) error) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	file, err := frontedit.Parse(src)
	if err != nil {
		return err
	}
	if err := edit(file); err != nil {
		return err
	}
	return frontedit.WriteFile(path, file.Bytes())
}
