package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
)

// followupsCmd is `netjournal followups`: whom the user owes a message
// today, most urgent first.
type followupsCmd struct{ *env }

func (c *followupsCmd) Run(ctx context.Context, args []string) int {
	fs := c.flags("followups", "followups [-C DIR] [--within 14d] [--json] [--color auto|always|never] [--now DATE]")
	within := content.Duration{N: 14, Unit: 'd'}
	var now nowFlag
	asJSON := false
	color := "auto"
	fs.Var((*durationFlag)(&within), "within", "also list what falls due within `DURATION` (14d, 6w, 3m, 1y)")
	fs.BoolVar(&asJSON, "json", false, "print JSON for scripts")
	fs.StringVar(&color, "color", color, "colour the output: `WHEN` is auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.Var(&now, "now", "act as if today were `DATE` (YYYY-MM-DD or RFC 3339)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if color != "auto" && color != "always" && color != "never" {
		fmt.Fprintf(c.stderr, "netjournal followups: --color must be auto, always or never, not %q\n", color)
		return exitUsage
	}
	j, code := c.journal("followups", now.time())
	if j == nil {
		return code
	}
	a := newAgenda(j, within)
	if asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(a); err != nil {
			fmt.Fprintf(c.stderr, "netjournal followups: %v\n", err)
			return exitContent
		}
		// Not kept: a script that reads the list now and then (its
		// follow-ups by their ref) would number anew the list a person
		// read on the terminal.
		return exitOK
	}
	on := color == "always" || (color == "auto" && colorful(c.stdout))
	a.print(c.stdout, palette(on))
	c.keepShown(openFollowups(j))
	return exitOK
}

// journal loads the site and builds its journal as of now, for the
// command named command (followups, done, …). On a content problem it
// reports every one and returns the exit code with a nil journal; but
// for problems in the blog's files alone (posts, pages), which the
// commands that read the journal do not (a draft's typo stopped the
// daily loop), it says them and goes on without those files.
func (e *env) journal(command string, now time.Time) (*journal.Journal, int) {
	site, err := content.Load(os.DirFS(e.dir))
	if site == nil {
		return nil, e.report(err)
	}
	var errs content.ErrorList
	errs.Append(err)
	j, err := journal.Build(site, markdown.New(), journal.Options{Now: now})
	errs.Append(err)
	if len(errs) == 0 {
		return j, exitOK
	}
	if j == nil || slices.ContainsFunc(errs, func(e *content.Error) bool { return !blogFile(e.Pos.Path) }) {
		return nil, e.report(errs.Err())
	}
	errs.Sort()
	for _, p := range errs {
		fmt.Fprintln(e.stderr, p.Error())
	}
	fmt.Fprintf(e.stderr, "netjournal %s: the blog's files above do not build; the follow-ups, contacts and favours are read without them\n", command)
	return j, exitOK
}

// blogFile reports whether p, a site file, is one of the blog's: a post
// or a standalone page.
func blogFile(p string) bool {
	return strings.HasPrefix(p, content.PostsDir+"/") || strings.HasPrefix(p, content.PagesDir+"/")
}

// durationFlag is a flag holding a duration such as 14d, 6w, 3m or 1y.
type durationFlag content.Duration

func (d *durationFlag) String() string { return content.Duration(*d).String() }

func (d *durationFlag) Set(s string) error {
	v, err := content.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = durationFlag(v)
	return nil
}

// agenda is what the command prints, in order of urgency. It is also the
// --json schema: every list is present, empty or not.
type agenda struct {
	Today            string         `json:"today"`
	Within           string         `json:"within"`
	OverdueFollowups []followupItem `json:"overdue_followups"`
	OverdueContacts  []contactItem  `json:"overdue_contacts"`
	DueFollowups     []followupItem `json:"due_followups"`
	DueContacts      []contactItem  `json:"due_contacts"`
	NeverContacted   []contactItem  `json:"never_contacted"`
	FavoursOwed      []favourItem   `json:"favours_owed"`
	UndatedFollowups []followupItem `json:"undated_followups"`

	within content.Duration
}

type personRef struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

type followupItem struct {
	Number      int         `json:"number"` // for netjournal done NUMBER
	Ref         string      `json:"ref"`    // for netjournal done REF: stable, event#n
	What        string      `json:"what"`
	Who         []personRef `json:"who"`
	Due         string      `json:"due,omitempty"`
	DaysOverdue *int        `json:"days_overdue,omitempty"` // negative: days left
	Event       string      `json:"event"`
	EventTitle  string      `json:"event_title"`
	Source      string      `json:"source"` // path:line of the follow-up
}

type contactItem struct {
	personRef
	Path        string `json:"path"`
	Circle      string `json:"circle,omitempty"`
	Cadence     string `json:"cadence"`
	LastContact string `json:"last_contact,omitempty"`
	DaysSince   *int   `json:"days_since,omitempty"`
	Met         string `json:"met,omitempty"`
	Due         string `json:"due"`
	DaysOverdue int    `json:"days_overdue"` // negative: days left
}

type favourItem struct {
	personRef
	Path     string        `json:"path"`
	Owed     int           `json:"owed"` // favours received beyond those given
	Received []favourEntry `json:"received"`
}

type favourEntry struct {
	What   string `json:"what"`
	Date   string `json:"date"`
	Event  string `json:"event"`
	Source string `json:"source"`
}

func newAgenda(j *journal.Journal, within content.Duration) *agenda {
	today := j.Today
	a := &agenda{
		Today:            today.Format(time.DateOnly),
		Within:           within.String(),
		OverdueFollowups: []followupItem{},
		OverdueContacts:  []contactItem{},
		DueFollowups:     []followupItem{},
		DueContacts:      []contactItem{},
		NeverContacted:   []contactItem{},
		FavoursOwed:      []favourItem{},
		UndatedFollowups: []followupItem{},
		within:           within,
	}
	for i, f := range openFollowups(j) {
		it := newFollowupItem(f, today)
		it.Number = i + 1
		switch {
		case f.Due.IsZero():
			a.UndatedFollowups = append(a.UndatedFollowups, it)
		case f.Overdue(today):
			a.OverdueFollowups = append(a.OverdueFollowups, it)
		case f.DueWithin(today, within):
			a.DueFollowups = append(a.DueFollowups, it)
		}
	}
	for _, c := range journal.ByDue(j.Contacts) {
		switch {
		case c.Due.IsZero() || c.Snoozed(today):
		case c.Never():
			a.NeverContacted = append(a.NeverContacted, newContactItem(c, today))
		case c.Overdue(today):
			a.OverdueContacts = append(a.OverdueContacts, newContactItem(c, today))
		case c.DueWithin(today, within):
			a.DueContacts = append(a.DueContacts, newContactItem(c, today))
		}
	}
	for _, c := range j.Contacts {
		if c.Balance() < 0 {
			a.FavoursOwed = append(a.FavoursOwed, newFavourItem(c))
		}
	}
	sort.SliceStable(a.FavoursOwed, func(x, y int) bool { return a.FavoursOwed[x].Owed > a.FavoursOwed[y].Owed })
	return a
}

// openFollowups are the open follow-ups in the order that numbers them
// for netjournal done: soonest due first, undated last, whatever --within
// shows.
func openFollowups(j *journal.Journal) []*journal.Followup {
	var out []*journal.Followup
	for _, f := range j.Followups() {
		if f.Open() {
			out = append(out, f)
		}
	}
	return out
}

func newFollowupItem(f *journal.Followup, today time.Time) followupItem {
	it := followupItem{
		Ref:        f.Ref(),
		What:       f.What,
		Who:        []personRef{},
		Event:      f.Event.Slug(),
		EventTitle: f.Event.Title(),
		Source:     f.Pos.String(),
	}
	if f.Who != nil {
		it.Who = append(it.Who, personRef{f.Who.Name, f.Who.Slug()})
	} else {
		for _, c := range f.Event.With {
			it.Who = append(it.Who, personRef{c.Name, c.Slug()})
		}
	}
	if !f.Due.IsZero() {
		it.Due = f.Due.Format(time.DateOnly)
		d := f.DaysOverdue(today)
		it.DaysOverdue = &d
	}
	return it
}

func newContactItem(c *journal.Contact, today time.Time) contactItem {
	it := contactItem{
		personRef:   personRef{c.Name, c.Slug()},
		Path:        c.Doc().Path,
		Circle:      c.Circle,
		Cadence:     c.Cadence.String(),
		Due:         c.Due.Format(time.DateOnly),
		DaysOverdue: c.DaysOverdue(today),
	}
	if !c.Never() {
		it.LastContact = c.LastContact.Format(time.DateOnly)
		d := c.DaysSince(today)
		it.DaysSince = &d
	}
	if c.Met != nil && c.Met.Date.IsSet() {
		it.Met = c.Met.Date.Day().Format(time.DateOnly)
	}
	return it
}

// newFavourItem lists the favours a contact did that the user has not yet
// matched with one in return: counting favours given as repaying the oldest
// received ones first, the rest, oldest first.
func newFavourItem(c *journal.Contact) favourItem {
	received := append([]*journal.Favour(nil), c.Received...)
	sort.SliceStable(received, func(a, b int) bool { return received[a].Event.Date.Before(received[b].Event.Date.Time) })
	it := favourItem{personRef: personRef{c.Name, c.Slug()}, Path: c.Doc().Path, Owed: -c.Balance(), Received: []favourEntry{}}
	for _, f := range received[len(c.Gave):] {
		it.Received = append(it.Received, favourEntry{
			What:   f.What,
			Date:   f.Event.Date.Day().Format(time.DateOnly),
			Event:  f.Event.Slug(),
			Source: f.Pos.String(),
		})
	}
	return it
}

// colorful reports whether w is a terminal that wants colour: a character
// device, with NO_COLOR unset or empty and TERM not "dumb".
func colorful(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// colors holds the ANSI sequences of the text output; all empty when plain.
type colors struct{ bold, red, yellow, dim, reset string }

func palette(on bool) colors {
	if !on {
		return colors{}
	}
	return colors{bold: "\x1b[1m", red: "\x1b[31m", yellow: "\x1b[33m", dim: "\x1b[2m", reset: "\x1b[0m"}
}

// agendaRow is one row of the text output: when, who, what, where.
type agendaRow struct {
	when, who, what, where string
	urgent, soon           bool
}

func (a *agenda) print(w io.Writer, col colors) {
	type group struct {
		title     string
		lines     []agendaRow
		followups bool // numbered, for netjournal done
	}
	words := a.within.Words()
	groups := []group{
		{"Overdue follow-ups", followupLines(a.OverdueFollowups), true},
		{"Overdue by cadence", contactLines(a.OverdueContacts), false},
		{"Follow-ups due within " + words, followupLines(a.DueFollowups), true},
		{"Contacts due within " + words, contactLines(a.DueContacts), false},
		{"Never contacted", contactLines(a.NeverContacted), false},
		{"Favours to return", favourLines(a.FavoursOwed), false},
		{"Follow-ups without a date", followupLines(a.UndatedFollowups), true},
	}
	whenW, whoW, any := 0, 0, false
	for _, g := range groups {
		for _, l := range g.lines {
			whenW = max(whenW, utf8.RuneCountInString(l.when))
			whoW = max(whoW, utf8.RuneCountInString(l.who))
			any = true
		}
	}
	if !any {
		fmt.Fprintf(w, "Nothing due today or within %s.\n", words)
		return
	}
	first, numbered := true, false
	for _, g := range groups {
		if len(g.lines) == 0 {
			continue
		}
		numbered = numbered || g.followups
		if !first {
			fmt.Fprintln(w)
		}
		first = false
		fmt.Fprintf(w, "%s%s (%d)%s\n", col.bold, g.title, len(g.lines), col.reset)
		for _, l := range g.lines {
			when := pad(l.when, whenW)
			switch {
			case l.urgent:
				when = col.red + when + col.reset
			case l.soon:
				when = col.yellow + when + col.reset
			}
			fmt.Fprintf(w, "  %s  %s  %s", when, pad(l.who, whoW), l.what)
			if l.where != "" {
				fmt.Fprintf(w, "  %s%s%s", col.dim, l.where, col.reset)
			}
			fmt.Fprintln(w)
		}
	}
	if numbered {
		fmt.Fprintf(w, "\n%sClose a follow-up with: netjournal done NUMBER%s\n", col.dim, col.reset)
	}
}

func pad(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s)))
}

// relative says when something is due: "3 days overdue", "today", "in 5 days".
func relative(daysOverdue int) string {
	switch {
	case daysOverdue > 0:
		return fmt.Sprintf("%d %s overdue", daysOverdue, plural(daysOverdue, "day", "days"))
	case daysOverdue == 0:
		return "due today"
	case daysOverdue == -1:
		return "due tomorrow"
	}
	return fmt.Sprintf("in %d days", -daysOverdue)
}

func followupLines(items []followupItem) []agendaRow {
	var out []agendaRow
	for _, it := range items {
		var names []string
		for _, p := range it.Who {
			names = append(names, p.Name)
		}
		who := strings.Join(names, ", ")
		if who == "" {
			who = it.EventTitle
		}
		l := agendaRow{when: "no date", who: who, what: fmt.Sprintf("#%d %s", it.Number, it.What), where: it.Source}
		if it.DaysOverdue != nil {
			l.when = relative(*it.DaysOverdue)
			l.urgent, l.soon = *it.DaysOverdue > 0, *it.DaysOverdue <= 0
		}
		out = append(out, l)
	}
	return out
}

func contactLines(items []contactItem) []agendaRow {
	var out []agendaRow
	for _, it := range items {
		cadence, _ := content.ParseDuration(it.Cadence)
		var what string
		if it.LastContact == "" {
			what = "never contacted"
			if it.Met != "" {
				what += ", met " + it.Met
			}
		} else {
			what = fmt.Sprintf("last contact %s (%d %s ago)", it.LastContact, *it.DaysSince, plural(*it.DaysSince, "day", "days"))
		}
		what += ", every " + cadence.Words()
		out = append(out, agendaRow{
			when: relative(it.DaysOverdue), who: it.Name, what: what, where: it.Path,
			urgent: it.DaysOverdue > 0, soon: it.DaysOverdue <= 0,
		})
	}
	return out
}

func favourLines(items []favourItem) []agendaRow {
	var out []agendaRow
	for _, it := range items {
		var got []string
		for _, f := range it.Received {
			got = append(got, fmt.Sprintf("%s (%s)", f.What, f.Date))
		}
		out = append(out, agendaRow{
			when: fmt.Sprintf("you owe %d", it.Owed), who: it.Name,
			what: strings.Join(got, "; "), where: it.Path,
		})
	}
	return out
}
