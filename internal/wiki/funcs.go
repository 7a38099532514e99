package wiki

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/themes"
)

// Badge is a status pill: Class is one of "overdue" (red), "soon" (amber),
// "ok" (green), "snoozed" (grey), "plan" (blue), "done" and "muted".
type Badge struct {
	Class string
	Text  string
}

// funcs are the template functions. Each is a function of its arguments
// alone, but for ago, which counts from today: every page's data holds
// today (Page.Today), so a page is still a function of its data.
// CheckTheme parses the theme's wiki templates as a render does, for a
// build that fails on its content: a template that does not parse is
// said with the content's problems, not once they are fixed.
func CheckTheme(theme *themes.Theme) error {
	fm := funcs(time.Time{})
	fm["cached"] = func(string, any) (any, error) { return nil, nil }
	_, err := theme.Templates("wiki", fm)
	return err
}

func funcs(today time.Time) template.FuncMap {
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
		"initials": initials,
		"tel":      tel,
		"host":     host,
		"shortURL": shortURL,
		"linkName": linkName,
		"join":     strings.Join,
		// paragraphs splits a summary of several paragraphs into them.
		"paragraphs": markdown.Paragraphs,
		"add":        func(a, b int) int { return a + b },
		"jsonify": func(v any) (string, error) {
			b, err := json.Marshal(v)
			return string(b), err
		},
		"abs": func(n int) int {
			if n < 0 {
				return -n
			}
			return n
		},
	}
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
		"whatsapp": "WhatsApp", "tiktok": "TikTok",
	}
	if k, ok := known[strings.ToLower(name)]; ok {
		return k
	}
	for i, r := range name {
		return string(unicode.ToUpper(r)) + name[i+len(string(r)):]
	}
	return name
}
