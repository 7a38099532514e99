package blogimport

import (
	"fmt"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
)

// The old site's menu, as its configuration gave it — Hugo's [[menu.main]],
// a Jekyll theme's navigation — is the user's to bring: netjournal.yaml is
// theirs, and the import never writes it. A note suggests the menu in
// netjournal's form instead, each item's address made the new site's.

// menuItem is an item of the old site's menu as read.
type menuItem struct {
	title  string
	url    string // the old address, or "" with ref
	ref    string // a Hugo pageRef, resolved by the caller
	weight int
}

// suggestMenu adds the old site's menu, read from source, to the plan: in
// Menu, with each item's address in the new site, and as a note in the
// YAML of netjournal.yaml. newAddr gives an item its new address; ok is
// false for an item the new site has no page for, which the note lists
// as a comment. left counts the items that netjournal's menu cannot have
// (Hugo's nested items).
func (plan *Plan) suggestMenu(source string, items []menuItem, left int, newAddr func(menuItem) (title, url string, ok bool)) {
	if len(items) == 0 {
		return
	}
	var lines []string
	seen := map[string]string{} // an address → the title of the item that has it
	for _, it := range items {
		title, u, ok := newAddr(it)
		if title == "" {
			title = it.title
		}
		if title == "" || u == "" {
			left++
			continue
		}
		e := content.MenuEntry{Title: title, URL: u, Weight: it.weight}
		line := "{title: " + content.YAMLFlowText(e.Title) + ", url: " + content.YAMLFlowText(e.URL)
		if e.Weight != 0 {
			line += fmt.Sprintf(", weight: %d", e.Weight)
		}
		line += "}"
		if !ok {
			lines = append(lines, "    # - "+line+"  (not a page of the new site)")
			continue
		}
		if page := plan.pageAt(e.URL); page != nil && page.Menu != nil {
			lines = append(lines, "    # - "+line+"  (in the menu already: its page's front matter says so)")
			continue
		}
		if other, dup := seen[e.URL]; dup {
			lines = append(lines, "    # - "+line+"  (the address of "+other+" too)")
			continue
		}
		seen[e.URL] = e.Title
		plan.Menu = append(plan.Menu, e)
		lines = append(lines, "    - "+line)
	}
	if len(plan.Menu) == 0 && len(lines) == 0 {
		return
	}
	note := "the old site's menu (" + source + ") is not written into netjournal.yaml, which is yours: to keep it, add this menu there (it replaces the built-in Home, Archive, Shared and Tags: list those you want)"
	if left > 0 {
		note += fmt.Sprintf("; %d %s nested or without a title or address, which netjournal's menu does not have", left, map[bool]string{true: "item is", false: "items are"}[left == 1])
	}
	plan.Notes = append(plan.Notes, note+":\n  menu:\n"+strings.Join(lines, "\n"))
}

// newAddress returns the address in the new site of an address of the old
// one: an imported post's or page's new path, netjournal's own page for
// one of the old site's lists (lists maps their paths, without slashes, to
// the new site's), another site's URL as it is. ok is false for an
// address of the old site that the new one does not have.
func (plan *Plan) newAddress(u string, old site, moved, lists map[string]string) (string, bool) {
	u = strings.TrimSpace(u)
	if u == "" {
		return "", false
	}
	if strings.HasPrefix(u, "mailto:") || strings.HasPrefix(u, "tel:") {
		return u, true
	}
	if strings.HasPrefix(u, "#") || strings.HasPrefix(u, "?") {
		return u, false // a place in a page of the old theme's
	}
	p := urlPath(u, old)
	if p == "" {
		return u, true // another site's
	}
	if p == "/" {
		return "/", true
	}
	for _, k := range []string{old.abs(p), p, strings.TrimSuffix(p, "/"), p + "/"} {
		if to, ok := moved[k]; ok && k != "" {
			return to, true
		}
	}
	if to, ok := lists[strings.ToLower(strings.Trim(p, "/"))]; ok {
		return to, true
	}
	return p, false
}

// lists are the old sites' lists and feeds that netjournal has its own of,
// by path without slashes: the lists of posts are the archive, the tags
// and categories are tags.
func lists(sections ...string) map[string]string {
	l := map[string]string{
		"archive": "/archive/", "archives": "/archive/", "posts": "/archive/", "blog": "/archive/",
		"tags": "/tags/", "tag": "/tags/", "categories": "/tags/", "category": "/tags/",
		"index.xml": "/index.xml", "feed.xml": "/index.xml", "rss.xml": "/index.xml", "feed": "/index.xml", "rss": "/index.xml",
		"atom.xml": "/atom.xml", "feed.json": "/feed.json",
	}
	for _, s := range sections {
		l[strings.ToLower(strings.Trim(s, "/"))] = "/archive/"
	}
	return l
}

// hugoMenu suggests the old site's main menu, from its configuration:
// [[menu.main]] (or menus, or the default language's).
func (plan *Plan) hugoMenu(cfg config, source, lang string, old site, refs map[string]string, mains []string) {
	var list []any
	for _, k := range []string{"menu.main", "menus.main", "languages." + lang + ".menu.main", "languages." + lang + ".menus.main"} {
		if l, ok := cfg.get(k).([]any); ok && len(l) > 0 {
			list = l
			break
		}
	}
	var items []menuItem
	left := 0
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			left++
			continue
		}
		if p, _ := text(field(m, "parent")); p != "" {
			left++
			continue
		}
		name, _ := text(firstOf(field(m, "name"), field(m, "title")))
		if name == "" {
			name, _ = text(field(m, "identifier"))
		}
		u, _ := text(field(m, "url"))
		ref, _ := text(field(m, "pageref"))
		items = append(items, menuItem{title: strings.TrimSpace(name), url: u, ref: ref, weight: whole(field(m, "weight"))})
	}
	moved, known := plan.moved(), lists(mains...)
	plan.suggestMenu(source, items, left, func(it menuItem) (string, string, bool) {
		if it.ref != "" {
			ref := strings.ToLower(strings.Trim(it.ref, "/"))
			if to, ok := refs[ref]; ok {
				return plan.titleAt(to, it.title), to, true
			}
			if to, ok := known[ref]; ok {
				return it.title, to, true
			}
			if ref == "" {
				return it.title, "/", true
			}
			return it.title, "/" + ref + "/", false
		}
		u, ok := plan.newAddress(it.url, old, moved, known)
		return plan.titleAt(u, it.title), u, ok
	})
}

// titleAt returns title, or when it is "" the title of the imported page
// at site path u.
func (plan *Plan) titleAt(u, title string) string {
	if title != "" {
		return title
	}
	if p := plan.pageAt(u); p != nil {
		return p.Title
	}
	return ""
}

// pageAt returns the imported page at site path u, or nil.
func (plan *Plan) pageAt(u string) *Page {
	for _, p := range plan.Pages {
		if "/"+p.SitePath == u {
			return p
		}
	}
	return nil
}
