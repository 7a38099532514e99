package content

import (
	"fmt"
	"regexp"
)

// Post is a blog post: content/posts/<slug>.md.
type Post struct {
	Doc `yaml:"-"`

	Title      string     `yaml:"title"`
	Date       Date       `yaml:"date"`
	Updated    Date       `yaml:"updated"`
	Tags       StringList `yaml:"tags"`
	Summary    string     `yaml:"summary"`
	SlugKey    string     `yaml:"slug"`
	Draft      bool       `yaml:"draft"`
	Private    bool       `yaml:"private"`
	Link       string     `yaml:"link"`
	SharedWith StringList `yaml:"shared_with"` // private: whom it was sent to
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
		errs.Add(p.Pos("link"), "link: expected an absolute URL (https://…), got %q", p.Link)
	}
	if p.Updated.IsSet() && p.Date.IsSet() && p.Updated.Day().Before(p.Date.Day()) {
		errs.Add(p.Pos("updated"), "updated %s is before date %s", p.Updated, p.Date)
	}
}

// Public reports whether the post belongs on the public site (drafts only
// when the build asks for them).
func (p *Post) Public(drafts bool) bool { return !p.Private && (!p.Draft || drafts) }

func key(list string, i int) string { return fmt.Sprintf("%s[%d]", list, i) }
