package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/scaffold"
)

// logCmd is `netjournal log coffee ana "what we talked about"`: an
// interaction captured in one line, as a correct event file, with what was
// promised and the favours either way.
type logCmd struct{ *env }

const logUsage = `log KIND WHO[,WHO…] ["NOTE"] [-C DIR] [--with WHO]… [--date DATE] [--title T] [--at PLACE]
                 [--promise WHAT]… [--due 3d|DATE] [--gave WHAT]… [--received WHAT]… [--edit]`

// defaultDue is when a promise is due when --due does not say: soon, as
// the advice this is built on says a follow-up should be.
var defaultDue = content.Duration{N: 7, Unit: 'd'}

func (c *logCmd) Run(ctx context.Context, args []string) int {
	fs := c.flags("log", logUsage)
	var (
		date, now                 nowFlag
		title, at, due            string
		with, promises, gave, got listFlag
		edit                      bool
	)
	fs.Var(&with, "with", "someone else who was there, by name, first name, alias or slug (repeat, or separate with commas)")
	fs.Var(&date, "date", "the `DATE` it happened (default today)")
	fs.StringVar(&title, "title", "", "the event's `TITLE` (default: \"Coffee with Ana Lima\")")
	fs.StringVar(&at, "at", "", "where it happened: a `PLACE`")
	fs.Var(&promises, "promise", "`WHAT` you promised to do: a follow-up (repeat for several)")
	fs.StringVar(&due, "due", "", "when the promises are due: in a `DURATION` from today, or from a planned event's day (3d, 2w), or on a DATE (default 7d)")
	fs.Var(&gave, "gave", "a favour you did them: `WHAT` (repeat for several)")
	fs.Var(&got, "received", "a favour they did you: `WHAT` (repeat for several)")
	fs.BoolVar(&edit, "edit", false, "open the new file in $VISUAL or $EDITOR")
	fs.Var(&now, "now", "act as if today were `DATE` (YYYY-MM-DD or RFC 3339)")
	pos, code, ok := arguments(fs, args)
	if !ok {
		return code
	}
	if len(pos) < 2 {
		fmt.Fprintf(c.stderr, "netjournal log: give the kind of interaction and who it was with: netjournal log coffee ana \"what you talked about\"\n")
		return exitUsage
	}
	if len(pos) > 3 {
		fmt.Fprintf(c.stderr, "netjournal log: unexpected argument %q: put the note in quotes\n", pos[3])
		return exitUsage
	}
	kind := strings.ToLower(strings.TrimSpace(pos[0]))
	if !isWord(kind) {
		fmt.Fprintf(c.stderr, "netjournal log: the kind %q is not one word: coffee, call, meeting, conference, email, message, intro, …\n", pos[0])
		return exitUsage
	}
	note := ""
	if len(pos) == 3 {
		note = pos[2]
	}
	today := content.Day(now.time())
	day := today
	if !date.t.IsZero() {
		day = content.Day(date.t)
	}
	// A duration counts from today, or from a planned event's day.
	from := today
	if day.After(today) {
		from = day
	}
	dueOn := defaultDue.After(from)
	if due != "" {
		var err error
		if dueOn, err = parseDue(due, from); err != nil {
			fmt.Fprintf(c.stderr, "netjournal log: --due: %v\n", err)
			return exitUsage
		}
		if len(promises) > 0 && dueOn.Before(day) {
			// Overdue from the start: most often a typo for next year.
			fmt.Fprintf(c.stderr, "netjournal log: --due %s is before the event, on %s: a follow-up comes after what promised it\n", dueOn.Format(time.DateOnly), day.Format(time.DateOnly))
			return exitUsage
		}
	}

	j, code := c.journal("log", now.time())
	if j == nil {
		return code
	}
	people, ok := c.people(j, append(splitRefs(pos[1]), with...))
	if !ok {
		return exitUsage
	}
	if len(people) > 1 && len(gave)+len(got) > 0 {
		fmt.Fprintf(c.stderr, "netjournal log: --gave and --received need one person, to know whose favour it is: log them one person at a time, or write them in the file (--edit)\n")
		return exitUsage
	}
	l := scaffold.Log{Date: day, Kind: kind, Location: at, Note: note, Title: title}
	var names []string
	for _, p := range people {
		l.With = append(l.With, p.Slug())
		names = append(names, p.Name)
	}
	if l.Title == "" {
		l.Title = strings.ToUpper(kind[:1]) + kind[1:] + " with " + andList(names)
	}
	who := ""
	if len(people) == 1 {
		who = people[0].Slug()
	}
	for _, p := range promises {
		l.Followups = append(l.Followups, scaffold.Item{Who: who, What: p, Due: dueOn})
	}
	for _, g := range gave {
		l.Gave = append(l.Gave, scaffold.Item{Who: who, What: g})
	}
	for _, r := range got {
		l.Received = append(l.Received, scaffold.Item{Who: who, What: r})
	}

	rel, data := freePath(c.env, l.Path()), l.File()
	if rel == "" {
		fmt.Fprintf(c.stderr, "netjournal log: %q has no letter or digit to name a file after: give --title\n", l.Title)
		return exitUsage
	}
	n := &newCmd{c.env}
	if code, ok := n.clashFor("log", "event", l.Title, rel, data, now); !ok {
		return code
	}
	path := c.path(filepath.FromSlash(rel))
	if err := createFile(path, data); err != nil {
		fmt.Fprintf(c.stderr, "netjournal log: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(c.stdout, path)
	c.status(now.time(), content.SlugOf(rel), l.With)
	if edit {
		return n.edit(ctx, path)
	}
	return exitOK
}

// people finds the contacts the refs name, once each, reporting every one
// that names nobody or several.
func (c *logCmd) people(j *journal.Journal, refs []string) ([]*journal.Contact, bool) {
	var out []*journal.Contact
	seen := map[*journal.Contact]bool{}
	ok := true
	for _, ref := range refs {
		p, err := j.FindContact(ref)
		var nf *journal.NotFoundError
		switch {
		case errors.As(err, &nf):
			msg := fmt.Sprintf("netjournal log: no contact is %q", ref)
			if h := nf.Hint(); h != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", h)
			}
			fmt.Fprintf(c.stderr, "%s: add them first with netjournal new contact \"Full Name\"\n", msg)
			ok = false
		case err != nil:
			fmt.Fprintf(c.stderr, "netjournal log: %v\n", err)
			ok = false
		case !seen[p]:
			seen[p] = true
			out = append(out, p)
		}
	}
	return out, ok
}

// status prints, after the event is written, where each person stands
// now and the follow-ups the event holds.
func (c *logCmd) status(now time.Time, event string, slugs []string) {
	j, _ := c.journal("log", now)
	if j == nil {
		return // the build reports the problems; the file is written
	}
	today := j.Today
	for _, slug := range slugs {
		p := j.Contact(slug)
		if p == nil {
			continue
		}
		var parts []string
		if !p.Never() {
			parts = append(parts, "last contact "+journal.Ago(p.LastContact, today))
		}
		switch {
		case p.Due.IsZero():
			parts = append(parts, "no cadence: never due")
		case p.Snoozed(today):
			parts = append(parts, fmt.Sprintf("snoozed until %s", p.SnoozeUntil))
		default:
			parts = append(parts, fmt.Sprintf("next due %s (%s)", p.Due.Format(time.DateOnly), journal.Ago(p.Due, today)))
		}
		fmt.Fprintf(c.stdout, "%s: %s\n", p.Name, strings.Join(parts, "; "))
	}
	if e := j.Event(event); e != nil {
		if e.Planned(today) {
			fmt.Fprintf(c.stdout, "planned for %s: it counts as contact once it has happened\n", e.Date.Format(time.DateOnly))
		}
		for _, f := range e.Followups {
			fmt.Fprintf(c.stdout, "follow-up %s: %s, due %s (%s)\n", f.Ref(), f.What, f.Due.Format(time.DateOnly), journal.Ago(f.Due, today))
		}
	}
}

// freePath is rel, or rel with -2, -3… before .md where a file is there
// already: two coffees with Ana on one day are two events.
func freePath(e *env, rel string) string {
	if rel == "" {
		return ""
	}
	base := strings.TrimSuffix(rel, ".md")
	for i := 2; ; i++ {
		if _, err := os.Lstat(e.path(filepath.FromSlash(rel))); errors.Is(err, os.ErrNotExist) {
			return rel
		}
		rel = fmt.Sprintf("%s-%d.md", base, i)
	}
}

// parseDue reads --due: a duration from the day from (3d, 2w) or a date.
func parseDue(s string, from time.Time) (time.Time, error) {
	d, err := content.ParseDuration(s)
	if errors.Is(err, content.ErrTooLong) {
		return time.Time{}, fmt.Errorf("%s is past the year 9999: give a nearer date", s)
	}
	if err == nil {
		// A date no front matter holds (YYYY-MM-DD): no build reads it.
		if t := d.After(from); t.Year() <= 9999 {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("%s is past the year 9999: give a nearer date", s)
	}
	day, err := content.ParseDate(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a duration (3d, 2w, 1m) nor a date (YYYY-MM-DD)", s)
	}
	return day.Day(), nil
}

// splitRefs splits "ana,tomás" at commas.
func splitRefs(s string) []string {
	var out []string
	for _, r := range strings.Split(s, ",") {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// andList joins names for a title: "A", "A and B", "A, B and C".
func andList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// isWord reports whether s is one word of letters, digits and hyphens.
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return false
		}
	}
	return true
}
