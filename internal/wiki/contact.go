package wiki

import (
	"html/template"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/par"
)

// Group is a circle with its contacts, for the contacts index and the
// circle pages. The contacts without a circle form a group with no Circle.
type Group struct {
	Circle   *content.Circle // nil: no circle
	Contacts []*journal.Contact
}

// Name is the circle's name, or "No circle".
func (g *Group) Name() string {
	if g.Circle == nil {
		return "No circle"
	}
	return g.Circle.Name
}

// Slug is the circle's page slug, or "none".
func (g *Group) Slug() string {
	if g.Circle == nil {
		return "none"
	}
	return journal.Slugify(g.Circle.Name)
}

// Overdue counts the group's contacts overdue by cadence.
func (g *Group) Overdue(p *Page) int {
	n := 0
	for _, c := range g.Contacts {
		if c.Overdue(p.Today) {
			n++
		}
	}
	return n
}

// ContactsIndex is the data of contacts/index.html.
type ContactsIndex struct {
	*Page
	Groups []*Group
	Tags   []*journal.Tag // tags that some contact has
	Total  int
}

// ContactPage is the data of contacts/<slug>.html.
type ContactPage struct {
	*Page
	C          *journal.Contact
	Circle     *content.Circle
	Notes      template.HTML
	Followups  []*journal.Followup // open ones
	Done       int                 // follow-ups already done
	StaleAfter content.Duration
	Strip      *Strip // interactions per month, the last two years
	Graph      *Graph // their neighbourhood; nil when linked to no one
}

// CirclePage is the data of circles/<slug>.html.
type CirclePage struct {
	*Page
	Group   *Group
	Circles []*Group // every circle, for the switcher
}

// groups sorts the contacts into circles in config order, then those with
// no circle. Within a group, contacts keep the journal's order (by name).
func (r *renderer) groups() []*Group {
	var out []*Group
	for i := range r.j.Config.Circles {
		out = append(out, &Group{Circle: &r.j.Config.Circles[i]})
	}
	none := &Group{}
	for _, c := range r.j.Contacts {
		g := none
		for _, cg := range out {
			if c.Circle != "" && strings.EqualFold(cg.Circle.Name, c.Circle) {
				g = cg
				break
			}
		}
		g.Contacts = append(g.Contacts, c)
	}
	if len(none.Contacts) > 0 {
		out = append(out, none)
	}
	return out
}

func (r *renderer) contacts() {
	idx := &ContactsIndex{
		Page:   r.page("contacts/index.html", "Contacts", "contacts"),
		Groups: r.groups(),
		Total:  len(r.j.Contacts),
	}
	for _, t := range r.j.Tags {
		if len(t.Contacts) > 0 {
			idx.Tags = append(idx.Tags, t)
		}
	}
	r.write("contacts.html", idx.Page, idx)

	r.network() // once, before the pages that draw from it
	par.Each(len(r.j.Contacts), func(i int) {
		c := r.j.Contacts[i]
		if r.reuse(pathOf(c), "contact.html\x00"+r.version(c, 3)) {
			return
		}
		p := r.page(pathOf(c), c.Name, "contacts")
		cp := &ContactPage{
			Page:       p,
			C:          c,
			Circle:     r.j.Config.Circle(c.Circle),
			Notes:      r.body(c, p),
			Followups:  c.OpenFollowups(),
			StaleAfter: r.j.Config.StaleAfter,
			Strip:      r.strip(c),
			Graph:      r.neighbourhood(c),
		}
		cp.Done = len(c.Followups) - len(cp.Followups)
		r.write("contact.html", p, cp)
	})
}

func (r *renderer) circles() {
	groups := r.groups()
	for _, g := range groups {
		if g.Circle == nil {
			continue
		}
		p := r.page(circlePath(g.Circle.Name), g.Circle.Name, "contacts")
		r.write("circle.html", p, &CirclePage{Page: p, Group: g, Circles: groups})
	}
}
