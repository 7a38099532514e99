package scaffold

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

// Contact is what `netjournal new contact` knows of a person.
type Contact struct {
	Name     string
	Company  string
	Role     string
	Email    []string
	Tags     []string
	Circle   string
	Met      time.Time // met.date, when given
	Reviewed time.Time // the day the details were written down
	Circles  []string  // the site's circles, listed in a comment
}

// Path is the contact's file: content/contacts/<slug>.md.
func (c Contact) Path() string { return docPath(content.ContactsDir, content.Slugify(c.Name)) }

// File returns the contact file: the given values, and every other key
// commented out, ready to fill in.
func (c Contact) File() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	key(&b, "name", c.Name)
	optional(&b, "company", c.Company, "Acme")
	optional(&b, "role", c.Role, "Staff Engineer")
	b.WriteString("# location: Lisbon\n")
	switch len(c.Email) {
	case 0:
		b.WriteString("# email: name@example.com          # one, or a list: [a@example.com, b@example.org]\n")
	case 1:
		key(&b, "email", c.Email[0])
	default:
		fmt.Fprintf(&b, "email: %s\n", content.YAMLList(c.Email))
	}
	b.WriteString("# phone: \"+351 912 345 678\"\n")
	b.WriteString("# links:\n#   linkedin: https://www.linkedin.com/in/name\n#   website: https://example.com/\n")
	if len(c.Tags) > 0 {
		fmt.Fprintf(&b, "tags: %s\n", content.YAMLList(c.Tags))
	} else {
		b.WriteString("# tags: [mentor, recruiter]\n")
	}
	circles := strings.Join(c.Circles, ", ")
	if c.Circle != "" {
		fmt.Fprintf(&b, "circle: %s%s\n", content.YAMLText(c.Circle), comment(circles))
	} else {
		fmt.Fprintf(&b, "# circle: %s%s\n", first(c.Circles, "core"), comment(circles))
	}
	b.WriteString("# cadence: 6w                        # how often to be in touch; overrides the circle's\n")
	if !c.Met.IsZero() {
		fmt.Fprintf(&b, "met:\n  date: %s\n", c.Met.Format(time.DateOnly))
		b.WriteString("  # at: an event, or where you met\n  # introduced_by: a contact\n")
	} else {
		b.WriteString("# met:\n#   date: 2024-05-14                 # when you met, if you know\n#   at: an event, or where you met\n#   introduced_by: a contact\n")
	}
	b.WriteString("# birthday: --07-19                  # YYYY-MM-DD, or --MM-DD without the year\n")
	if !c.Reviewed.IsZero() {
		fmt.Fprintf(&b, "reviewed: %s\n", c.Reviewed.Format(time.DateOnly))
	}
	b.WriteString("---\n")
	return []byte(b.String())
}

// Event is what `netjournal new event` knows of a journal entry.
type Event struct {
	Title string
	Date  time.Time
	Kind  string   // guessed from the title when empty: "Coffee with Ana" → coffee
	With  []string // contact refs
}

// Path is the event's file: content/events/<date>-<slug>.md.
func (e Event) Path() string {
	s := content.Slugify(e.Title)
	if s == "" {
		return ""
	}
	return docPath(content.EventsDir, e.Date.Format(time.DateOnly)+"-"+s)
}

// kinds are the event kinds a title's first word may name.
var kinds = []string{"coffee", "call", "meeting", "conference", "email", "message", "intro", "lunch", "dinner", "meetup", "workshop", "talk"}

// File returns the event file.
func (e Event) File() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	key(&b, "title", e.Title)
	fmt.Fprintf(&b, "date: %s\n", e.Date.Format(time.DateOnly))
	kind := e.Kind
	if kind == "" {
		word, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(e.Title)), " ")
		for _, k := range kinds {
			if word == k {
				kind = k
			}
		}
	}
	const kindHint = "coffee, call, meeting, conference, email, message, intro, …"
	if kind != "" {
		fmt.Fprintf(&b, "kind: %s%s\n", content.YAMLText(kind), comment(kindHint))
	} else {
		fmt.Fprintf(&b, "# kind: coffee%s\n", comment(kindHint))
	}
	b.WriteString("# location: Lisbon\n")
	who := "name"
	if len(e.With) > 0 {
		fmt.Fprintf(&b, "with: %s\n", content.YAMLList(e.With))
		who = e.With[0]
	} else {
		b.WriteString("# with: [contact-slug]\n")
	}
	b.WriteString("# initiated_by: me                   # me, or a contact\n")
	fmt.Fprintf(&b, "# gave:                              # favours you did\n#   - to: %s\n#     what: \n", who)
	fmt.Fprintf(&b, "# received:                          # favours done for you\n#   - from: %s\n#     what: \n", who)
	fmt.Fprintf(&b, "# followups:                         # what you promised\n#   - who: %s\n#     due: %s\n#     what: \n",
		who, e.Date.AddDate(0, 0, 14).Format(time.DateOnly))
	b.WriteString("---\n")
	return []byte(b.String())
}

// Post is what `netjournal new post` knows of a blog post.
type Post struct {
	Title string
	Date  time.Time
	Tags  []string
	Link  string // makes it a link post
}

// Path is the post's file: content/posts/<slug>.md.
func (p Post) Path() string { return docPath(content.PostsDir, content.Slugify(p.Title)) }

// File returns the post file, a draft until the user removes draft: true.
func (p Post) File() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	key(&b, "title", p.Title)
	fmt.Fprintf(&b, "date: %s\n", p.Date.Format(time.DateOnly))
	if len(p.Tags) > 0 {
		fmt.Fprintf(&b, "tags: %s\n", content.YAMLList(p.Tags))
	} else {
		b.WriteString("tags: []\n")
	}
	b.WriteString("summary: \"\"                          # one line for lists, feeds and the meta description\n")
	if p.Link != "" {
		key(&b, "link", p.Link)
	} else {
		b.WriteString("# link: https://example.org/article  # makes it a link post: a shared article\n")
	}
	b.WriteString("# shared_with: [contact-slug]        # private: whom you sent it to\n")
	b.WriteString("# aliases: [/old/path/]              # old paths of the post: each redirects here\n")
	b.WriteString("draft: true                          # remove to publish\n")
	b.WriteString("---\n")
	return []byte(b.String())
}

// Page is what `netjournal new page` knows of a standalone page.
type Page struct {
	Title string
	Menu  bool // in the header navigation
}

// Path is the page's file: content/pages/<slug>.md, published at /<slug>/.
func (p Page) Path() string { return docPath(content.PagesDir, content.Slugify(p.Title)) }

// File returns the page file.
func (p Page) File() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	key(&b, "title", p.Title)
	b.WriteString("# description: \"\"                    # for the meta description; else the first paragraph\n")
	if p.Menu {
		b.WriteString("menu: true                           # in the header navigation; {weight: 50} to place it\n")
	} else {
		b.WriteString("# menu: true                         # in the header navigation; {weight: 50} to place it\n")
	}
	b.WriteString("# toc: true                          # a table of contents of its headings\n")
	b.WriteString("# updated: 2026-01-31                # shown as \"Last updated\"\n")
	b.WriteString("draft: true                          # remove to publish\n")
	b.WriteString("---\n")
	return []byte(b.String())
}

func docPath(dir, slug string) string {
	slug = shorten(slug)
	if slug == "" {
		return ""
	}
	return path.Join(dir, slug+".md")
}

// shorten cuts a slug longer than content.MaxSlug, between two words when
// that keeps at least half of it: a file name any file system takes.
func shorten(slug string) string {
	cut := content.CutSlug(slug, content.MaxSlug)
	if len(cut) < len(slug) && slug[len(cut)] != '-' {
		if i := strings.LastIndexByte(cut, '-'); i >= len(cut)/2 {
			cut = cut[:i]
		}
	}
	return cut
}

func key(b *strings.Builder, k, v string) { fmt.Fprintf(b, "%s: %s\n", k, content.YAMLText(v)) }

func optional(b *strings.Builder, k, v, example string) {
	if v != "" {
		key(b, k, v)
		return
	}
	fmt.Fprintf(b, "# %s: %s\n", k, example)
}

func comment(s string) string {
	if s == "" {
		return ""
	}
	return "  # " + s
}

func first(list []string, dflt string) string {
	if len(list) > 0 {
		return list[0]
	}
	return dflt
}

// Log is an interaction captured by `netjournal log`: an event with its
// people, promises and favours, written whole.
type Log struct {
	Title     string
	Date      time.Time
	Kind      string
	With      []string // contact slugs
	Location  string
	Followups []Item // Who may be empty: everyone in With
	Gave      []Item // Who is the contact favoured
	Received  []Item // Who is the contact who did it
	Note      string // the body
}

// Item is a follow-up or a favour of a Log.
type Item struct {
	Who  string
	What string
	Due  time.Time // follow-ups only; zero for none
}

// Path is the event's file: content/events/<date>-<slug>.md.
func (l Log) Path() string { return Event{Title: l.Title, Date: l.Date}.Path() }

// File returns the event file.
func (l Log) File() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	key(&b, "title", l.Title)
	fmt.Fprintf(&b, "date: %s\n", l.Date.Format(time.DateOnly))
	if l.Kind != "" {
		key(&b, "kind", l.Kind)
	}
	if l.Location != "" {
		key(&b, "location", l.Location)
	}
	if len(l.With) > 0 {
		fmt.Fprintf(&b, "with: %s\n", content.YAMLList(l.With))
	}
	items := func(list string, who string, items []Item) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s:\n", list)
		for _, it := range items {
			lead := "  - "
			if it.Who != "" {
				fmt.Fprintf(&b, "%s%s: %s\n", lead, who, content.YAMLText(it.Who))
				lead = "    "
			}
			if !it.Due.IsZero() {
				fmt.Fprintf(&b, "%sdue: %s\n", lead, it.Due.Format(time.DateOnly))
				lead = "    "
			}
			fmt.Fprintf(&b, "%swhat: %s\n", lead, content.YAMLText(it.What))
		}
	}
	items("followups", "who", l.Followups)
	items("gave", "to", l.Gave)
	items("received", "from", l.Received)
	b.WriteString("---\n")
	if note := strings.TrimSpace(l.Note); note != "" {
		b.WriteString(note + "\n")
	}
	return []byte(b.String())
}
