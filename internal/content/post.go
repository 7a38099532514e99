package content

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Post is a blog post: content/posts/<slug>.md.
type Post struct {
	Doc `yaml:"-"`

	Title      string     `yaml:"title"`
	Date       Date       `yaml:"date"`
	Updated    Date       `yaml:"updated"`
	Tags       TagList    `yaml:"tags"`
	Summary    string     `yaml:"summary"`
	SlugKey    string     `yaml:"slug"`
	Draft      bool       `yaml:"draft"`
	Private    bool       `yaml:"private"`
	Link       string     `yaml:"link"`
	SharedWith StringList `yaml:"shared_with"` // private: whom it was sent to
	Aliases    StringList `yaml:"aliases"`     // old paths of the post, each a redirect
	FeedID     string     `yaml:"feed_id"`     // the id of its feed items, when not its address
	TOC        *bool      `yaml:"toc"`         // a table of contents; nil: the site's default
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

func (p *Post) validate(errs *ErrorList) {
	if p.Title == "" {
		errs.Add(p.Pos("title"), "missing required key \"title\"")
	}
	if !p.Date.IsSet() {
		errs.Add(p.Pos("date"), "missing required key \"date\"")
	}
	if p.SlugKey != "" && !slugPattern.MatchString(p.SlugKey) {
		errs.Add(p.Pos("slug"), "invalid slug %q: use lower-case letters, digits and single hyphens", p.SlugKey)
	}
	if p.Link != "" && !isURL(p.Link) {
		errs.Add(p.Pos("link"), "link: expected an absolute URL (https://…), got %q%s", p.Link, schemeHint(p.Link))
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

// Public reports whether the post belongs on the public site (drafts only
// when the build asks for them).
func (p *Post) Public(drafts bool) bool { return !p.Private && (!p.Draft || drafts) }

// aliasPath reports whether s is a path of the site that may redirect:
// /old/path/ or /2020/03/x.html, without a scheme, a host, a query or a
// step up.
func aliasPath(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" || strings.HasPrefix(s, "//") {
		return false
	}
	p := strings.Trim(u.Path, "/")
	if p == "" {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

func key(list string, i int) string { return fmt.Sprintf("%s[%d]", list, i) }
