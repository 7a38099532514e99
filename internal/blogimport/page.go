package blogimport

import (
	"path"
	"regexp"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/source"
)

// A standalone page of the old site — an about page, a list of talks —
// becomes a page of content/pages, published at the address it had where
// netjournal can publish it there (/about/ stays /about/; /about.html is
// /about/ and redirects from /about.html). What both readers share of it:
// its address, the places it may not take, the home page.

// sitePathOf returns the site path a page with the old address p gets:
// its folders and name made slugs as netjournal makes them, without an
// extension or a final index.html: "/About.html" → "about/",
// "/talks/index.html" → "talks/". It returns "" for the home page's
// address and for one that gives no path.
func sitePathOf(p string) string {
	p = strings.Trim(p, "/")
	if base := strings.ToLower(path.Base(p)); base == "index.html" || base == "index.htm" {
		p = strings.TrimSuffix(strings.TrimSuffix(p, path.Base(p)), "/")
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm", ".php", ".xhtml":
		p = strings.TrimSuffix(p, path.Ext(p))
	}
	if p == "" {
		return ""
	}
	var segs []string
	for _, seg := range strings.Split(p, "/") {
		if seg == "" {
			continue
		}
		s := pageSegment(seg)
		if s == "" {
			return ""
		}
		segs = append(segs, s)
	}
	if len(segs) == 0 {
		return ""
	}
	return strings.Join(segs, "/") + "/"
}

// pageSegment makes a segment of an old address one that netjournal
// reads as written: a slug, and never a name the loader sets aside (one
// that starts with _ or ., or is named like a backup).
func pageSegment(seg string) string {
	s := content.SlugOf(seg + ".md")
	if strings.HasPrefix(s, "_") || strings.HasPrefix(s, ".") || source.Temporary(s) || strings.HasSuffix(s, ".md") {
		s = content.Slugify(s)
	}
	return s
}

// pageFile is the file of content/pages that netjournal publishes at site
// path sp: "about/" → content/pages/about.md.
func pageFile(sp string) string {
	p := strings.TrimSuffix(sp, "/")
	if path.Base(p) == "index" {
		// content/pages/a/index.md would be a/, not a/index/.
		return content.PagesDir + "/" + p + "/index.md"
	}
	return content.PagesDir + "/" + p + ".md"
}

var homeList = regexp.MustCompile(`^page/[0-9]+/$`)

// reserved says what netjournal's blog publishes at site path sp, or ""
// when it publishes nothing there: a page there would never be published.
// The namespaces of tags and posts are netjournal's whole, since a tag or
// a post added later would take the place.
func reserved(sp string) string {
	first, _, _ := strings.Cut(sp, "/")
	switch {
	case sp == "":
		return "the home page"
	case first == "tags":
		return "where netjournal publishes its tags"
	case first == "posts":
		return "where netjournal publishes its posts"
	case sp == "archive/":
		return "netjournal's archive"
	case sp == "shared/":
		return "netjournal's page of shared articles"
	case homeList.MatchString(sp):
		return "a page of netjournal's list of posts"
	}
	return ""
}

// places are the addresses of the new site's pages, each with the file
// that has it: the site's own pages, then the pages imported so far.
type places map[string]string

func newPlaces(site map[string]string) places {
	pl := places{}
	for sp, file := range site {
		pl[sp] = file
	}
	return pl
}

// claim gives the page of d its address, unless netjournal publishes
// something there or another page has it: then the page is left out, with
// a warning at the line that gave its address.
func (pl places) claim(plan *Plan, d *draft) bool {
	p := d.page
	pos := content.Position{Path: d.shown, Line: d.meta.LineOf(d.addrKey)}
	if what := reserved(p.SitePath); what != "" {
		plan.warn(pos, "the page would be /%s, %s: not imported, never overwritten; give it another address to import it", p.SitePath, what)
		plan.skip(d.shown, "its address /%s is %s", p.SitePath, what)
		return false
	}
	if other, ok := pl[p.SitePath]; ok {
		plan.warn(pos, "the page would be /%s, the address of %s: not imported, never overwritten; give one of them another address to import it", p.SitePath, other)
		plan.skip(d.shown, "its address /%s is %s's", p.SitePath, other)
		return false
	}
	pl[p.SitePath] = d.shown
	return true
}

// hollow reports whether a body has no text of its own: only what the
// old generator filled in — Liquid, template text, HTML comments — and
// markup around nothing, no image or embed. Hugo's shortcodes count as
// text, since they are converted.
func hollow(body string) bool {
	return !media.MatchString(body) && strings.TrimSpace(generated.ReplaceAllString(body, "")) == ""
}

var (
	generated = regexp.MustCompile(`(?s)\{%.*?%\}|\{\{[^<%].*?\}\}|<!--.*?-->|</?[A-Za-z][^>]*>`)
	media     = regexp.MustCompile(`(?i)<(?:img|iframe|video|audio|object|embed|svg|picture)\b`)
)

// place gives a page read from the old site its address: the one its old
// address oldPath gives, else fallback's; the old address and aliases
// redirect to it. ok is false for a page that is not imported — the home
// page, the not-found page, a page without text of its own — with the
// reason in the plan.
func (plan *Plan) place(d *draft, oldPath, fallback string, aliases []string, old site, newBase string) bool {
	p := d.page
	if hollow(d.body) && oldPath != "/" {
		layout, _ := d.meta.Get("layout")
		if s, ok := text(layout); ok && s != "" {
			plan.skip(d.shown, "no text of its own: the old theme made it (layout %q)", s)
		} else {
			plan.skip(d.shown, "no text of its own")
		}
		return false
	}
	switch strings.ToLower(oldPath) {
	case "/":
		plan.home(d.shown, d.body)
		return false
	case "/404.html", "/404/", "/404":
		plan.skip(d.shown, "the not-found page: netjournal writes its own 404.html")
		return false
	}
	p.SitePath = sitePathOf(oldPath)
	if p.SitePath == "" {
		p.SitePath = sitePathOf(fallback)
	}
	if p.SitePath == "" {
		plan.warn(content.Position{Path: d.shown, Line: d.meta.LineOf(d.addrKey)}, "its address gives no path of netjournal's: not imported")
		plan.skip(d.shown, "no address")
		return false
	}
	p.Path = pageFile(p.SitePath)
	line := d.meta.LineOf(d.addrKey)
	if oldPath != "" {
		p.Old = or(old.abs(oldPath), oldPath)
		p.oldPath = oldPath
		plan.addAlias(&p.Aliases, oldPath, old, newBase, d.shown, line)
	}
	for _, a := range aliases {
		plan.addAlias(&p.Aliases, a, old, newBase, d.shown, d.meta.LineOf(d.aliasKey))
	}
	return true
}

// home leaves the old blog's home page out: netjournal's lists the posts,
// and content/pages/index.md would take its place.
func (plan *Plan) home(shown, body string) {
	plan.skip(shown, "the home page of the old blog")
	if !hollow(body) {
		plan.Notes = append(plan.Notes, "the text of the old home page, "+shown+", is not imported: netjournal's home page lists the posts; put what you want to keep in a page (content/pages/about.md) or in the description of netjournal.yaml")
		return
	}
	plan.Notes = append(plan.Notes, "the old home page, "+shown+", is not imported: netjournal's home page lists the posts")
}
