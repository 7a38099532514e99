// Package blogimport reads a Hugo or Jekyll blog into netjournal posts,
// standalone pages and static files: front matter in YAML, TOML or JSON
// mapped onto the keys of a netjournal post or page, shortcodes and Liquid
// tags turned into Markdown, and each post's old address kept twice over —
// as an alias that redirects, and as the id its feed items had — so that
// neither links nor subscribers notice the move. A page keeps its old
// address where netjournal can publish it there, and redirects from it
// where not.
//
// Reading is separate from writing: Hugo and Jekyll return a Plan, a
// value that says every file the import would write and every problem it
// met, each at its path:line in the old site; Plan.Write puts the files
// in place, all of them or none.
package blogimport

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

// Options are what an import knows besides the old site's files.
type Options struct {
	// Root is the old site's folder as the user named it: positions are
	// Root/path:line.
	Root string
	// BaseURL is the old site's address, for a site whose configuration
	// lacks it (Hugo's baseURL, Jekyll's url and baseurl); it wins over
	// the configuration.
	BaseURL string
	// Sections are the Hugo sections whose pages are posts; by default
	// the site's mainSections, or else its largest section.
	Sections []string
	// NewBase is the netjournal site's base_url: an old address on the
	// same host is made relative to its path.
	NewBase string
	// Taken are the site's posts, by slug: an import that would give
	// one's slug to another post is refused.
	Taken map[string]string
	// Pages are the site's pages, by site path ("about/") to their
	// file: an imported page at one of these addresses is left out.
	Pages map[string]string
	// Now dates a Jekyll draft, or a Hugo post, that has no date, when its
	// file has no modification time.
	Now time.Time
	// sourced is the configuration of a Jekyll site whose source: its
	// files are in, read at the site's root (Jekyll reads it there).
	sourced *jekyllConfig
}

// jekyllConfig is a Jekyll site's configuration as read: its values, its
// file's name and path as shown, and its keys written twice.
type jekyllConfig struct {
	cfg         config
	name, shown string
	dups        content.ErrorList
}

// Plan is an import: the posts, pages and files it would write, what it
// leaves out, and its warnings.
type Plan struct {
	Posts    []*Post
	Pages    []*Page
	Files    []File
	Skipped  []Skip
	Warnings content.ErrorList
	// Notes say what the import leaves to the user: an old feed's
	// address, collections of pages it does not read, the old site's
	// menu.
	Notes []string
	// Menu is the old site's menu as netjournal.yaml would give it, with
	// each item's address in the new site; the import never writes it
	// (netjournal.yaml is the user's), a note suggests it.
	Menu []content.MenuEntry
	// root is Options.Root: where a file's source is shown.
	root string
	// taxonomies are a Hugo site's own (series), beside tags and
	// categories: their terms are tags, their pages the tags' pages.
	taxonomies []string
	// baseHref is the path under the old site's base path that its pages'
	// relative links led from, when its theme wrote a <base href> ("/",
	// the site's own address); "" when they led from each page's.
	baseHref string
	// Language is the old site's language, as a tag (zh-CN): Hugo's
	// languageCode, or its default content language; Jekyll's lang or
	// locale. "" when it names none.
	Language string
	taken    map[string]string
}

// languageTag writes a site's language as netjournal.yaml's language
// takes it, a BCP 47 tag: Jekyll's locale is written en_US.
func languageTag(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
}

// Post is one imported post.
type Post struct {
	Source  string // the file it comes from: Root/path
	Path    string // content/posts/<slug>.md
	Slug    string
	Title   string
	Date    stamp
	Updated stamp
	Tags    []string
	Summary string
	Draft   bool
	Private bool     // on the wiki alone
	TOC     *bool    // nil: as toc_min_words says
	Aliases []string // old paths that redirect to the post
	FeedID  string   // the id its feed items had
	Old     string   // its old address, absolute when the old site's is known
	// Kept are front-matter values netjournal has no key for, kept in
	// the file as comments: "author: Jane".
	Kept []string
	// Notes say what the import did with the post beyond the plain
	// mapping of keys, for the report.
	Notes []string
	Body  string
	// oldPath is its old address's path under the old site's base path,
	// which its relative links were written against (relink); bundle says
	// its Hugo bundle's files come along to its new address.
	oldPath string
	bundle  bool
	ids     map[string]string // its headings' own ids netjournal makes otherwise (relink)
}

// File is a file copied into the site as it is.
type File struct {
	Path   string // slash path in the site: static/images/x.png
	Source string // slash path in the old site's fs.FS
}

// Skip is a file of the old site that is not imported, and why.
type Skip struct {
	Source string
	Reason string
}

func (p *Plan) warn(pos content.Position, format string, args ...any) {
	p.Warnings.Add(pos, format, args...)
}

func (p *Plan) skip(source, format string, args ...any) {
	p.Skipped = append(p.Skipped, Skip{Source: source, Reason: fmt.Sprintf(format, args...)})
}

// Redirects counts the aliases of the plan's posts and pages.
func (p *Plan) Redirects() int {
	n := 0
	for _, post := range p.Posts {
		n += len(post.Aliases)
	}
	for _, page := range p.Pages {
		n += len(page.Aliases)
	}
	return n
}

// File returns the post as a netjournal post file: the front matter that
// netjournal reads, the values it has no key for as comments, the body.
func (p *Post) File() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", content.YAMLText(p.Title))
	fmt.Fprintf(&b, "date: %s\n", p.Date)
	if !p.Updated.t.IsZero() {
		fmt.Fprintf(&b, "updated: %s\n", p.Updated)
	}
	if len(p.Tags) > 0 {
		fmt.Fprintf(&b, "tags: %s\n", content.YAMLList(p.Tags))
	}
	if p.Summary != "" {
		fmt.Fprintf(&b, "summary: %s\n", content.YAMLText(p.Summary))
	}
	if p.Draft {
		b.WriteString("draft: true\n")
	}
	if p.Private {
		b.WriteString("private: true\n")
	}
	if p.TOC != nil {
		fmt.Fprintf(&b, "toc: %t\n", *p.TOC)
	}
	if len(p.Aliases) > 0 {
		b.WriteString("aliases:\n")
		for _, a := range p.Aliases {
			fmt.Fprintf(&b, "  - %s\n", content.YAMLText(a))
		}
	}
	if p.FeedID != "" {
		fmt.Fprintf(&b, "feed_id: %s\n", content.YAMLText(p.FeedID))
	}
	for _, k := range p.Kept {
		b.WriteString("# " + commentText(k) + "\n")
	}
	b.WriteString("---\n")
	b.WriteString(p.Body)
	if p.Body != "" && !strings.HasSuffix(p.Body, "\n") {
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// Page is one imported standalone page.
type Page struct {
	Source      string // the file it comes from: Root/path
	Path        string // content/pages/<site path>.md
	SitePath    string // where netjournal publishes it: "about/"
	Title       string
	Description string
	Date        stamp
	Updated     stamp
	Draft       bool
	Private     bool
	Menu        *Menu // nil: not in the header navigation
	TOC         *bool
	Aliases     []string // old paths that redirect to the page
	Old         string   // its old address, absolute when the old site's is known
	Kept        []string // front-matter values netjournal has no key for
	Notes       []string
	Body        string
	// files are the static paths of the files of its Hugo bundle.
	files []string
	// oldPath and ids are as a Post's.
	oldPath string
	ids     map[string]string
}

// Menu puts a page in the header navigation: with a weight (0: none) and
// a title, when the item is not named by the page's title.
type Menu struct {
	Weight int
	Title  string
}

// File returns the page as a netjournal page file.
func (p *Page) File() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", content.YAMLText(p.Title))
	if p.Description != "" {
		fmt.Fprintf(&b, "description: %s\n", content.YAMLText(p.Description))
	}
	if !p.Date.t.IsZero() {
		fmt.Fprintf(&b, "date: %s\n", p.Date)
	}
	if !p.Updated.t.IsZero() {
		fmt.Fprintf(&b, "updated: %s\n", p.Updated)
	}
	if p.Draft {
		b.WriteString("draft: true\n")
	}
	if p.Private {
		b.WriteString("private: true\n")
	}
	switch m := p.Menu; {
	case m == nil:
	case m.Weight == 0 && m.Title == "":
		b.WriteString("menu: true\n")
	default:
		b.WriteString("menu:\n")
		if m.Weight != 0 {
			fmt.Fprintf(&b, "  weight: %d\n", m.Weight)
		}
		if m.Title != "" {
			fmt.Fprintf(&b, "  title: %s\n", content.YAMLText(m.Title))
		}
	}
	if p.TOC != nil {
		fmt.Fprintf(&b, "toc: %t\n", *p.TOC)
	}
	if len(p.Aliases) > 0 {
		b.WriteString("aliases:\n")
		for _, a := range p.Aliases {
			fmt.Fprintf(&b, "  - %s\n", content.YAMLText(a))
		}
	}
	for _, k := range p.Kept {
		b.WriteString("# " + commentText(k) + "\n")
	}
	b.WriteString("---\n")
	b.WriteString(p.Body)
	if p.Body != "" && !strings.HasSuffix(p.Body, "\n") {
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// oneLine keeps a text on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// commentText is s on one line, for a comment of YAML front matter: a
// character YAML does not read (a control character, which no comment may
// hold) is written as its escape, \u007F, which reads as that character
// again where it stands in a quoted string.
func commentText(s string) string {
	s = oneLine(s)
	notYAML := func(r rune) bool { return !content.YAMLHolds(r) }
	if !strings.ContainsFunc(s, notYAML) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if notYAML(r) {
			fmt.Fprintf(&b, "\\u%04X", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// site is an old site's address: where its pages were served from.
type site struct {
	base *url.URL // nil when not known
}

// newSite reads a base URL; one that is not an absolute http(s) URL is not
// known.
func newSite(base string) site {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return site{}
	}
	u.Path = "/" + strings.Trim(u.Path, "/")
	u.RawQuery, u.Fragment, u.RawPath = "", "", ""
	return site{base: u}
}

// abs returns the absolute address of the old site's path p (relative to
// its base path), or "" when the site's address is not known.
func (s site) abs(p string) string {
	if s.base == nil {
		return ""
	}
	u := *s.base
	u.Path = path.Join(u.Path, p)
	if strings.HasSuffix(p, "/") && !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String()
}

// absWritten is abs of a path the writer wrote, escapes and all (a Hugo
// url: /notes/100%25-done/, whose guid Hugo wrote as it is): a valid
// escape is kept, not escaped again. A path made of a title or a
// category is abs's (50%deals is 50%25deals).
func (s site) absWritten(p string) string {
	if s.base == nil || !strings.Contains(p, "%") {
		return s.abs(p)
	}
	raw := path.Join(s.base.EscapedPath(), p)
	if strings.HasSuffix(p, "/") && !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	decoded, err := url.PathUnescape(raw)
	if err != nil {
		return s.abs(p)
	}
	u := *s.base
	u.Path, u.RawPath = decoded, raw
	if u.EscapedPath() != raw {
		return s.abs(p)
	}
	return u.String()
}

// alias returns the path of the new site that answers for the old site's
// path p (relative to its base path): the full old path, made relative to
// the new site's base path when both sites share a host, so that the same
// address is redirected; p itself when the hosts differ or the old
// address is not known. ok is false when the old address is outside the
// new site (same host, another path).
func (s site) alias(p, newBase string) (string, bool) {
	if s.base == nil {
		return p, true
	}
	full := path.Join(s.base.Path, p)
	if strings.HasSuffix(p, "/") && !strings.HasSuffix(full, "/") {
		full += "/"
	}
	nb, err := url.Parse(newBase)
	if err != nil || nb.Host == "" || !strings.EqualFold(nb.Hostname(), s.base.Hostname()) {
		return p, true
	}
	prefix := "/" + strings.Trim(nb.Path, "/")
	if prefix == "/" {
		return full, true
	}
	if full == prefix || strings.HasPrefix(full, prefix+"/") {
		return strings.TrimPrefix(full, prefix), true
	}
	return "", false
}

// notNetjournal refuses a netjournal site given as the old blog (a slip
// of the folder): read as a Hugo site, its contacts and events were
// imported as pages and posts and published, private notes and all.
func notNetjournal(fsys fs.FS, opts Options) error {
	if _, err := fs.Stat(fsys, "netjournal.yaml"); err == nil {
		return fmt.Errorf("%s is a netjournal site (it has netjournal.yaml), not the blog to import: its contacts and events are private", or(opts.Root, "."))
	}
	return nil
}
