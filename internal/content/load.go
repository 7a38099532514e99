package content

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Site is everything read from a site folder.
type Site struct {
	Config   *Config
	Contacts []*Contact
	Events   []*Event
	Posts    []*Post
}

// The content folders, relative to the site root.
const (
	ContactsDir = "content/contacts"
	EventsDir   = "content/events"
	PostsDir    = "content/posts"
)

// Load reads netjournal.yaml and every document under content/. It returns
// every problem it finds as an ErrorList, never just the first.
func Load(fsys fs.FS) (*Site, error) {
	var errs ErrorList
	site := &Site{}
	data, err := fs.ReadFile(fsys, ConfigFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, ErrorList{Errorf(Position{Path: ConfigFile}, "not found: this folder is not a netjournal site (run netjournal new site DIR to create one, or pass -C DIR)")}
	case err != nil:
		return nil, ErrorList{Errorf(Position{Path: ConfigFile}, "%v", err)}
	}
	site.Config, err = ParseConfig(data)
	errs.Append(err)
	if site.Config == nil {
		// The documents are still checked, against the default circles.
		site.Config = &Config{Circles: DefaultCircles}
	}

	walk(fsys, ContactsDir, &errs, func(d Doc, block []byte) {
		c := &Contact{Doc: d}
		if decodeDoc(&c.Doc, block, c, &errs) {
			c.validate(&errs, site.Config)
		}
		site.Contacts = append(site.Contacts, c)
	})
	walk(fsys, EventsDir, &errs, func(d Doc, block []byte) {
		e := &Event{Doc: d}
		if decodeDoc(&e.Doc, block, e, &errs) {
			e.validate(&errs)
		}
		site.Events = append(site.Events, e)
	})
	walk(fsys, PostsDir, &errs, func(d Doc, block []byte) {
		p := &Post{Doc: d}
		if decodeDoc(&p.Doc, block, p, &errs) {
			p.validate(&errs)
			if p.SlugKey != "" {
				p.Slug = p.SlugKey
			}
		}
		site.Posts = append(site.Posts, p)
	})
	duplicates(&errs, site.Contacts, func(c *Contact) *Doc { return &c.Doc })
	duplicates(&errs, site.Events, func(e *Event) *Doc { return &e.Doc })
	duplicates(&errs, site.Posts, func(p *Post) *Doc { return &p.Doc })
	if err := errs.Err(); err != nil {
		return site, err
	}
	return site, nil
}

// decodeDoc decodes the front matter into v (which embeds d) and reports
// whether it decoded cleanly enough to validate.
func decodeDoc(d *Doc, block []byte, v any, errs *ErrorList) bool {
	slug, p, body, bodyLine, start := d.Slug, d.Path, d.Body, d.BodyLine, d.start
	lines, derrs := decode(p, start, block, v)
	// Decoding may have zeroed the embedded Doc: restore it.
	*d = Doc{Path: p, Slug: slug, Body: body, BodyLine: bodyLine, start: start, lines: lines}
	*errs = append(*errs, derrs...)
	return len(derrs) == 0
}

// walk calls fn for every Markdown file below dir, in lexical order. A
// missing folder is an empty one.
func walk(fsys fs.FS, dir string, errs *ErrorList, fn func(Doc, []byte)) {
	err := fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			errs.Add(Position{Path: p}, "%v", err)
			return nil
		}
		name := e.Name()
		if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() || !strings.EqualFold(path.Ext(name), ".md") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(Position{Path: p}, "%v", err)
			return nil
		}
		d, block, serr := split(p, data)
		if serr != nil {
			errs.Append(serr)
			return nil
		}
		d.Slug = SlugOf(p)
		fn(d, block)
		return nil
	})
	if err != nil {
		errs.Add(Position{Path: dir}, "%v", err)
	}
}

// SlugOf returns the slug of a document path: its file name without .md,
// lower-cased.
func SlugOf(p string) string {
	name := path.Base(p)
	return strings.ToLower(name[:len(name)-len(path.Ext(name))])
}

func duplicates[T any](errs *ErrorList, docs []T, doc func(T) *Doc) {
	bySlug := map[string][]*Doc{}
	for _, x := range docs {
		d := doc(x)
		bySlug[d.Slug] = append(bySlug[d.Slug], d)
	}
	for slug, ds := range bySlug {
		if len(ds) < 2 {
			continue
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i].Path < ds[j].Path })
		for i, d := range ds {
			var others []string
			for j, o := range ds {
				if j != i {
					others = append(others, o.Path)
				}
			}
			errs.Add(d.Pos("slug"), "duplicate slug %q: also used by %s", slug, strings.Join(others, ", "))
		}
	}
}
