package content

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// ConfigFile is the site configuration's file name at the site root.
const ConfigFile = "netjournal.yaml"

// Config is netjournal.yaml. See docs/format.md for every key.
type Config struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Author      Author   `yaml:"author"`
	BaseURL     string   `yaml:"base_url"`
	Language    string   `yaml:"language"`
	Theme       string   `yaml:"theme"`
	PageSize    int      `yaml:"page_size"`
	FeedLength  int      `yaml:"feed_length"`
	StaleAfter  Duration `yaml:"stale_after"`
	Circles     Circles  `yaml:"circles"`
	// TrustHTML keeps raw HTML in bodies as written (scripts, iframes
	// and styles included) instead of sanitizing it; comments still go.
	TrustHTML bool `yaml:"trust_html"`
	// Menu is the header navigation, when the site gives its own; pages
	// with a menu key join it.
	Menu []MenuEntry `yaml:"menu"`
	// TOCMinWords gives posts and pages of at least this many words a
	// table of contents unless they say toc: false; 0 leaves it to each.
	TOCMinWords int `yaml:"toc_min_words"`

	lines map[string]int
	// written is base_url as netjournal.yaml has it, once ServeAt has
	// replaced BaseURL's scheme and host.
	written string
	// basePath is BasePath's answer for the BaseURL it was worked out
	// from: every page asks, through AbsURL, and parsing the URL each
	// time was a hundredth of an edit's rebuild.
	basePath atomic.Pointer[basePathOf]
}

// ServeAt makes BaseURL the site's URL on the server at origin
// (http://127.0.0.1:1313): origin's scheme and host, base_url's path.
// WrittenBaseURL still says base_url as written.
func (c *Config) ServeAt(origin string) {
	if c.written == "" {
		c.written = c.BaseURL
	}
	c.BaseURL = strings.TrimSuffix(origin, "/") + c.BasePath()
}

// WrittenBaseURL is base_url as netjournal.yaml has it, whatever server
// the site is served at (ServeAt): the address its readers know it by,
// and its posts link to it by.
func (c *Config) WrittenBaseURL() string {
	if c.written != "" {
		return c.written
	}
	return c.BaseURL
}

// basePathOf is the base path of a base URL.
type basePathOf struct{ url, path string }

// Author is the site's author, shown on the blog and in feeds.
type Author struct {
	Name  string `yaml:"name"`
	Email string `yaml:"email"`
}

// Circle is a named ring of the network with a default cadence.
type Circle struct {
	Name        string
	Cadence     Duration `yaml:"cadence"`
	Description string   `yaml:"description"`
}

// Circles keeps the order of the config, which is the display order.
type Circles []Circle

func (cs *Circles) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return typeError(n, "circles: expected a map of circle name to settings, got a %s", kindName(n))
	}
	var out Circles
	var errs []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		var c struct {
			Cadence     Duration `yaml:"cadence"`
			Description string   `yaml:"description"`
		}
		v := n.Content[i+1]
		if v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				if k := v.Content[j].Value; k != "cadence" && k != "description" {
					errs = append(errs, fmt.Sprintf("line %d: circles: %s: unknown key %q (want cadence or description)", v.Content[j].Line, n.Content[i].Value, k))
				}
			}
		}
		if err := v.Decode(&c); err != nil {
			if te, ok := err.(*yaml.TypeError); ok {
				errs = append(errs, te.Errors...)
				continue
			}
			return err
		}
		out = append(out, Circle{Name: n.Content[i].Value, Cadence: c.Cadence, Description: c.Description})
	}
	if len(errs) > 0 {
		return &yaml.TypeError{Errors: errs}
	}
	*cs = out
	return nil
}

// DefaultCircles are used when the config declares none.
var DefaultCircles = Circles{
	{Name: "core", Cadence: Duration{1, 'm'}, Description: "The people closest to your work"},
	{Name: "active", Cadence: Duration{3, 'm'}, Description: "People you are in regular touch with"},
	{Name: "dormant", Cadence: Duration{1, 'y'}, Description: "Relationships to keep warm"},
}

// Circle returns the circle called name, or nil.
func (c *Config) Circle(name string) *Circle {
	for i := range c.Circles {
		if strings.EqualFold(c.Circles[i].Name, name) {
			return &c.Circles[i]
		}
	}
	return nil
}

// CircleNames lists the circles for messages: "core, active, dormant".
func (c *Config) CircleNames() string { return strings.Join(c.circleNames(), ", ") }

func (c *Config) circleNames() []string {
	var names []string
	for _, ci := range c.Circles {
		if !slices.Contains(names, ci.Name) { // one declared twice is an error of its own
			names = append(names, ci.Name)
		}
	}
	return names
}

// BasePath is the path part of base_url, always ending in "/": "/" or
// "/blog/", as a URL writes it: /my%20blog/ for a path with a space, the
// form every link under it has (and the link check reads), one spelling
// however base_url spells it (escapedPath).
func (c *Config) BasePath() string {
	if b := c.basePath.Load(); b != nil && b.url == c.BaseURL {
		return b.path
	}
	b := &basePathOf{url: c.BaseURL, path: "/"}
	if u, err := url.Parse(c.BaseURL); err == nil && u.Path != "" {
		b.path = strings.TrimSuffix(escapedPath(u.Path), "/") + "/"
	}
	c.basePath.Store(b)
	return b.path
}

// AbsURL returns the absolute URL of a site path such as "posts/x/" or
// "/posts/x/", both taken from the site's base, or of a root-relative
// link that already has the base path ("/blog/posts/x/" under /blog/).
func (c *Config) AbsURL(path string) string {
	return c.BaseURL + c.underBase(c.inSite(path))
}

// underBase is what follows the base path in p, a path under it (inSite),
// as written.
func (c *Config) underBase(p string) string {
	if rest, ok := CutBase(p, PathUnescape(c.BasePath())); ok {
		return rest
	}
	return strings.TrimPrefix(p, "/")
}

// SiteRel is SitePath less the base path, as written: "about/" for
// /about/ or /blog/about/ under /blog/, "" for /blog.
func (c *Config) SiteRel(dest string) string { return c.underBase(c.inSite(dest)) }

// SitePath puts a root-relative link written in a body under the base
// path ("/posts/x/" → "/blog/posts/x/"), unless it has it already: a
// writer may well write the path as the browser shows it.
func (c *Config) SitePath(dest string) string { return c.inSite(dest) }

func (c *Config) inSite(p string) string {
	base := c.BasePath()
	if base != "/" {
		// As written or as a browser shows it: /café/x/ under /caf%C3%A9/.
		if _, ok := CutBase(p, PathUnescape(base)); ok {
			return p
		}
	}
	return base + strings.TrimPrefix(p, "/")
}

// CutBase returns what follows the base path base, given decoded (/café/),
// in p, a path as written (/caf%C3%A9/x/?q=1, /café/x/), as written, and
// whether p begins with it, or is it without its last "/" (/blog under
// /blog/, which a server answers: rest ""). Each %-escape of p is read as
// the byte it stands for, but %2F, which is no "/" of a path.
func CutBase(p, base string) (rest string, ok bool) {
	i := 0
	for j := 0; j < len(base); j++ {
		if i >= len(p) {
			return "", j == len(base)-1 && base[j] == '/'
		}
		c, n := p[i], 1
		if c == '%' && i+3 <= len(p) {
			if hi, lo := unhex(p[i+1]), unhex(p[i+2]); hi >= 0 && lo >= 0 && hi<<4|lo != '/' {
				c, n = byte(hi<<4|lo), 3
			}
		}
		if c != base[j] {
			return "", false
		}
		i += n
	}
	return p[i:], true
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// escapedPath is a URL path, decoded, as Go's URLs write it: one spelling
// of each path (~ for %7E, %C3%A9 for é and for %c3%a9, / for %2F), so
// that a base path compares with the links the site makes under it.
func escapedPath(decoded string) string { return (&url.URL{Path: decoded}).EscapedPath() }

// PathUnescape is a URL path with its %-escapes decoded, or as it is
// when they do not decode.
func PathUnescape(p string) string {
	if strings.IndexByte(p, '%') < 0 {
		return p
	}
	if d, err := url.PathUnescape(p); err == nil {
		return d
	}
	return p
}

// ParseConfig reads netjournal.yaml strictly and fills in defaults.
func ParseConfig(data []byte) (cfg *Config, err error) {
	cfg = &Config{}
	data = []byte(strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n"))
	lines, derrs := decode(ConfigFile, 0, data, cfg)
	cfg.lines = lines.get()
	if len(derrs) > 0 && lines == nil {
		return nil, derrs.Err() // YAML that does not parse: nothing to check
	}
	// What decoded is checked too, so that every problem is said at once
	// (notConsequences).
	var errs ErrorList
	defer func() {
		if len(derrs) == 0 {
			return
		}
		derrs = append(derrs, notConsequences(derrs, errs, cfg.lines)...)
		derrs.Sort()
		cfg, err = nil, derrs.Err()
	}()
	pos := func(k string) Position {
		return Position{ConfigFile, cfg.lines[k]}
	}
	if cfg.Title == "" {
		errs.Add(pos("title"), "missing required key \"title\"")
	}
	if cfg.BaseURL == "" {
		errs.Add(pos("base_url"), "missing required key \"base_url\" (the public site's address, such as https://example.com/)")
	} else if u, err := url.Parse(cfg.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs.Add(pos("base_url"), "base_url: expected an absolute http(s) URL, got %q", cfg.BaseURL)
	} else {
		// The path as a URL writes it: decoded, /my%20blog/ was a URL
		// with a space in every feed.
		cfg.BaseURL = u.Scheme + "://" + u.Host + strings.TrimSuffix(escapedPath(u.Path), "/") + "/"
	}
	if cfg.PageSize < 0 {
		errs.Add(pos("page_size"), "page_size must be positive, got %d", cfg.PageSize)
	}
	if cfg.FeedLength < 0 {
		errs.Add(pos("feed_length"), "feed_length must be positive, got %d", cfg.FeedLength)
	}
	// 0 written is no default: it is left out for that.
	if _, given := cfg.lines["page_size"]; given && cfg.PageSize == 0 {
		errs.Add(pos("page_size"), "page_size must be at least 1 (leave it out for 10)")
	}
	if _, given := cfg.lines["feed_length"]; given && cfg.FeedLength == 0 {
		errs.Add(pos("feed_length"), "feed_length must be at least 1 (leave it out for 20)")
	}
	// The language goes into every page's <html lang> and the feeds:
	// a tag (BCP 47), which browsers, screen readers and search engines
	// read; a name there they ignore.
	if cfg.Language != "" {
		switch tag, err := language.Parse(cfg.Language); {
		case err != nil:
			errs.Add(pos("language"), "language: expected a language tag such as en, en-GB or pt-PT, got %q", cfg.Language)
		case strings.Contains(cfg.Language, "_"):
			errs.Add(pos("language"), "language: expected a language tag such as en, en-GB or pt-PT, got %q (write %s)", cfg.Language, tag)
		}
	}
	if strings.ContainsAny(cfg.Theme, `/\`) || cfg.Theme == "." || cfg.Theme == ".." {
		errs.Add(pos("theme"), "theme: expected a folder name under themes/, got %q", cfg.Theme)
	}
	if cfg.TOCMinWords < 0 {
		errs.Add(pos("toc_min_words"), "toc_min_words must be positive, got %d", cfg.TOCMinWords)
	}
	for i, m := range cfg.Menu {
		k := key("menu", i)
		if m.Title == "" {
			errs.Add(pos(k), "menu: missing required key \"title\"")
		}
		switch u, err := url.Parse(m.URL); {
		case m.URL == "":
			errs.Add(pos(k), "menu: missing required key \"url\" (a path of the site such as /about/, or a full URL)")
		case err != nil || (!strings.HasPrefix(m.URL, "/") && u.Scheme == "") || strings.HasPrefix(m.URL, "//"):
			errs.Add(pos(k+".url"), "menu: url %q: write a path of the site such as /about/, or a full URL", m.URL)
		}
	}
	seen := map[string]bool{}
	for _, c := range cfg.Circles {
		if seen[strings.ToLower(c.Name)] {
			errs.Add(pos("circles."+c.Name), "circle %q declared twice", c.Name)
		}
		seen[strings.ToLower(c.Name)] = true
	}
	if cfg.Language == "" {
		cfg.Language = "en"
	}
	if cfg.PageSize == 0 {
		cfg.PageSize = 10
	}
	if cfg.FeedLength == 0 {
		cfg.FeedLength = 20
	}
	if !cfg.StaleAfter.IsSet() {
		cfg.StaleAfter = Duration{1, 'y'}
	}
	if len(cfg.Circles) == 0 {
		cfg.Circles = append(Circles(nil), DefaultCircles...)
	}
	return cfg, errs.Err()
}

// Line is the line of netjournal.yaml that gives key, 0 when none does.
func (c *Config) Line(key string) int { return c.lines[key] }

// MenuPos is where netjournal.yaml gives the url of menu entry i: its
// line, or its entry's, or the menu's.
func (c *Config) MenuPos(i int) Position {
	for _, k := range []string{key("menu", i) + ".url", key("menu", i), "menu"} {
		if l := c.lines[k]; l > 0 {
			return Position{ConfigFile, l}
		}
	}
	return Position{Path: ConfigFile}
}

// HasMenu reports whether netjournal.yaml gives the header navigation
// (even an empty one), in place of the built-in items.
func (c *Config) HasMenu() bool {
	_, ok := c.lines["menu"]
	return ok || len(c.Menu) > 0
}
