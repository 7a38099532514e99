package wiki

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
)

// Badge is a status pill: Class is one of "overdue" (red), "soon" (amber),
// "ok" (green), "snoozed" (grey), "plan" (blue), "done" and "muted".
type Badge struct {
	Class string
	Text  string
}

// funcs are the template functions. They close over the journal for its
// clock and config, so they are made per Render call.
func (r *renderer) funcs() template.FuncMap {
	today := r.j.Today
	return template.FuncMap{
		"date": journal.Date,
		"iso": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.DateOnly)
		},
		"month": func(t time.Time) string { return t.Format("Jan") },
		"day":   func(t time.Time) string { return t.Format("2") },
		"ago":   func(t time.Time) string { return journal.Ago(t, today) },
		"longDate": func(t time.Time) string {
			return t.Format("Monday, 2 January 2006")
		},
		"plural":   plural,
		"status":   func(x any) Badge { return r.status(x) },
		"balance":  balance,
		"since":    func(c *journal.Contact) string { return since(c, today) },
		"initials": initials,
		"hue":      r.hue,
		"kind":     kindLabel,
		"tel":      tel,
		"host":     host,
		"shortURL": shortURL,
		"linkName": linkName,
		"others":   others,
		"join":     strings.Join,
		"add":      func(a, b int) int { return a + b },
		"abs": func(n int) int {
			if n < 0 {
				return -n
			}
			return n
		},
		"stale": func(c *journal.Contact) bool {
			return c.Stale(today, r.j.Config.StaleAfter)
		},
		"planned": func(e *journal.Event) bool { return e.Planned(today) },
		"openFollowups": func(e *journal.Event) int {
			n := 0
			for _, f := range e.Followups {
				if f.Open() {
					n++
				}
			}
			return n
		},
		"postStatus": func(p *journal.Post) string {
			return p.Status(r.j.Opts)
		},
		"blogURL": func(p *journal.Post) string {
			if !p.Published(r.j.Opts) {
				return ""
			}
			return r.j.Config.AbsURL("posts/" + p.Slug() + "/")
		},
		"birthday": func(b content.Birthday) string {
			next := b.Next(today)
			if next.Equal(today) {
				return "today"
			}
			return journal.Ago(next, today)
		},
	}
}

// status is the badge of a contact (by cadence), a follow-up, an event or a
// post.
func (r *renderer) status(x any) Badge {
	today := r.j.Today
	switch x := x.(type) {
	case *journal.Contact:
		switch {
		case x.Cadence.N == 0:
			return Badge{"muted", "no cadence"}
		case x.Snoozed(today):
			return Badge{"snoozed", "snoozed until " + journal.Date(x.SnoozeUntil.Day())}
		case x.Overdue(today):
			return Badge{"overdue", plural(x.DaysOverdue(today), "day") + " overdue"}
		case x.DueWithin(today, soon):
			return Badge{"soon", dueWords(x.Due, today)}
		}
		return Badge{"ok", dueWords(x.Due, today)}
	case *journal.Followup:
		switch {
		case x.Done:
			if !x.DoneOn.IsZero() {
				return Badge{"done", "done " + journal.Date(x.DoneOn)}
			}
			return Badge{"done", "done"}
		case x.Due.IsZero():
			return Badge{"muted", "no due date"}
		case x.Overdue(today):
			return Badge{"overdue", plural(x.DaysOverdue(today), "day") + " overdue"}
		case x.DueWithin(today, soon):
			return Badge{"soon", dueWords(x.Due, today)}
		}
		return Badge{"ok", dueWords(x.Due, today)}
	case *journal.Event:
		if x.Planned(today) {
			return Badge{"plan", "plan · " + journal.Ago(x.Date.Day(), today)}
		}
		return Badge{}
	case *journal.Post:
		switch s := x.Status(r.j.Opts); s {
		case "published":
			return Badge{"ok", s}
		case "draft":
			return Badge{"soon", s}
		case "scheduled":
			return Badge{"plan", s}
		default:
			return Badge{"snoozed", s}
		}
	}
	return Badge{}
}

// dueWords says when something falls due: "due today", "due in 5 days".
func dueWords(due, today time.Time) string {
	if due.Equal(today) {
		return "due today"
	}
	return "due " + journal.Ago(due, today)
}

// since says how long ago the last contact was, against the cadence:
// "41 days since last contact · every 1 month", or "never contacted".
func since(c *journal.Contact, today time.Time) string {
	var s string
	if c.Never() {
		s = "never contacted"
	} else {
		s = plural(c.DaysSince(today), "day") + " since last contact"
	}
	if c.Cadence.IsSet() {
		s += " · every " + c.Cadence.Words()
	}
	return s
}

// balance spells who owes whom: "even", "they owe you 2 favours".
func balance(c *journal.Contact) string {
	switch b := c.Balance(); {
	case b > 0:
		return "they owe you " + plural(b, "favour")
	case b < 0:
		return "you owe them " + plural(-b, "favour")
	}
	if len(c.Gave) == 0 {
		return "no favours yet"
	}
	return "even"
}

// plural writes a count with its noun: "1 day", "3 days", "2 people".
func plural(n int, noun string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	if noun == "person" {
		return fmt.Sprintf("%d people", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// initials are the first letters of the first and last word of a name.
func initials(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	var out []rune
	for i, w := range words {
		if i != 0 && i != len(words)-1 {
			continue
		}
		for _, r := range w {
			if unicode.IsLetter(r) {
				out = append(out, unicode.ToUpper(r))
				break
			}
		}
	}
	if len(out) == 0 {
		return "?"
	}
	return string(out)
}

// hue is the colour class of a circle: its position in the config, so that
// circles keep their colour across pages; "" without a circle.
func (r *renderer) hue(circle string) string {
	for i, c := range r.j.Config.Circles {
		if strings.EqualFold(c.Name, circle) {
			return fmt.Sprintf("hue-%d", i%8)
		}
	}
	return ""
}

// tel makes a tel: link of a phone number as written.
func tel(phone string) template.URL {
	var b strings.Builder
	for _, r := range phone {
		if r == '+' || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}

// host is the host name of a URL without "www.", for link lists.
func host(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	return strings.TrimPrefix(u.Host, "www.")
}

// shortURL is a URL without its scheme, "www." and final slash, cut to 60
// characters: "sre.google/sre-book/addressing-cascading-failures".
func shortURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	out := strings.TrimPrefix(u.Host, "www.") + strings.TrimSuffix(u.EscapedPath(), "/")
	if r := []rune(out); len(r) > 60 {
		out = string(r[:59]) + "…"
	}
	return out
}

// linkName names a profile link for people: "linkedin" → "LinkedIn",
// "website" → "Website".
func linkName(name string) string {
	known := map[string]string{
		"linkedin": "LinkedIn", "github": "GitHub", "gitlab": "GitLab",
		"x": "X", "twitter": "Twitter", "youtube": "YouTube", "bluesky": "Bluesky",
	}
	if k, ok := known[strings.ToLower(name)]; ok {
		return k
	}
	for i, r := range name {
		return string(unicode.ToUpper(r)) + name[i+len(string(r)):]
	}
	return name
}

// others are the people of an event other than c.
func others(with []*journal.Contact, c *journal.Contact) []*journal.Contact {
	var out []*journal.Contact
	for _, w := range with {
		if w != c {
			out = append(out, w)
		}
	}
	return out
}
