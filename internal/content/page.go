package content

import (
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"
)

// PagesDir holds the blog's standalone pages: content/pages/about.md is
// /about/, content/pages/talks/2026.md is /talks/2026/ and
// content/pages/talks/index.md is /talks/.
const PagesDir = "content/pages"

// Page is a standalone page of the blog, outside the stream of posts: an
// about page, a list of talks, a colophon.
type Page struct {
	Doc `yaml:"-"`

	Title       string     `yaml:"title"`
	Description string     `yaml:"description"`
	Date        Date       `yaml:"date"`    // optional: when it was written
	Updated     Date       `yaml:"updated"` // optional: shown as "last updated"
	Draft       bool       `yaml:"draft"`
	Private     bool       `yaml:"private"`
	Menu        MenuSpec   `yaml:"menu"`
	TOC         *bool      `yaml:"toc"` // nil: the site's default
	Aliases     StringList `yaml:"aliases"`

	// SitePath is where the page is published, from its file's place
	// under content/pages: "about/", "talks/2026/".
	SitePath string `yaml:"-"`
}

func (p *Page) validate(errs *ErrorList) {
	if p.Title == "" {
		errs.Add(p.Pos("title"), "missing required key \"title\"")
	}
	for i, a := range p.Aliases {
		if !aliasPath(a) {
			errs.Add(p.Pos(key("aliases", i)), "aliases: %q is not a path of this site: write it as /old/path/", a)
		}
	}
	if p.Updated.IsSet() && p.Date.IsSet() && p.Updated.Day().Before(p.Date.Day()) {
		errs.Add(p.Pos("updated"), "updated %s is before date %s", p.Updated, p.Date)
	}
}

// Public reports whether the page belongs on the public site (drafts only
// when the build asks for them).
func (p *Page) Public(drafts bool) bool { return !p.Private && (!p.Draft || drafts) }

// pageSitePath is the site path of the page file at p (under PagesDir):
// each folder and the file name made a slug as a post's is, and an index
// file standing for its folder. It returns "" for a name that gives no
// slug, and for content/pages/index.md, which would be the home page.
func pageSitePath(p string) string {
	rel := strings.TrimPrefix(p, PagesDir+"/")
	segs := strings.Split(rel, "/")
	last := len(segs) - 1
	name := strings.TrimSuffix(segs[last], path.Ext(segs[last]))
	if strings.EqualFold(name, "index") {
		segs = segs[:last]
	} else {
		segs[last] = name
	}
	if len(segs) == 0 {
		return ""
	}
	for i, s := range segs {
		segs[i] = SlugOf(s + ".md")
		if segs[i] == "" {
			return ""
		}
	}
	return strings.Join(segs, "/") + "/"
}

// MenuSpec puts a page in the header navigation: `menu: true`, `menu:
// main` or `menu: {weight: 20, title: Me}`, as well as Hugo's `menu:
// {main: {weight: 20}}`. Items are sorted by weight, those without one
// last (as in Hugo).
type MenuSpec struct {
	In     bool
	Weight int
	Title  string // the item's text, when not the page's title
}

func (m *MenuSpec) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!bool" {
			var b bool
			if err := n.Decode(&b); err != nil {
				return typeError(n, "menu: expected true or false")
			}
			*m = MenuSpec{In: b}
			return nil
		}
		if n.Value == "main" {
			*m = MenuSpec{In: true}
			return nil
		}
		return typeError(n, "menu: expected true, main, or a map with weight and title, got %q", n.Value)
	case yaml.MappingNode:
		if len(n.Content) == 2 && n.Content[0].Value == "main" {
			// Hugo's menu: {main: {weight: N}}
			v := n.Content[1]
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				*m = MenuSpec{In: true}
				return nil
			}
			return m.UnmarshalYAML(v)
		}
		out := MenuSpec{In: true}
		var errs []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			var err error
			switch k.Value {
			case "weight":
				err = v.Decode(&out.Weight)
			case "title", "name":
				err = v.Decode(&out.Title)
			default:
				errs = append(errs, fmt.Sprintf("line %d: menu: unknown key %q (want weight or title)", k.Line, k.Value))
				continue
			}
			if err != nil {
				errs = append(errs, fmt.Sprintf("line %d: menu: %s: expected %s", v.Line, k.Value, map[string]string{"weight": "a whole number", "title": "text", "name": "text"}[k.Value]))
			}
		}
		if len(errs) > 0 {
			return &yaml.TypeError{Errors: errs}
		}
		*m = out
		return nil
	}
	return typeError(n, "menu: expected true, main, or a map with weight and title, got a %s", kindName(n))
}

// MenuEntry is an item of the header navigation given in netjournal.yaml.
type MenuEntry struct {
	Title  string `yaml:"title"`
	URL    string `yaml:"url"` // a site path (/about/) or an absolute URL
	Weight int    `yaml:"weight"`
}
