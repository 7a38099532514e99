package contactfile

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
)

// Action is what an import does with one person.
type Action int

const (
	Unchanged Action = iota // matched a contact that already has everything
	Created                 // a new contact file
	Updated                 // values added to an existing contact
	Skipped                 // not imported: see Change.Reason
)

// Change is the outcome for one imported person.
type Change struct {
	Person    Person
	Action    Action
	Path      string   // the contact file created, updated or matched
	Added     []string // for Updated: what was added
	Conflicts []string // values kept as the user wrote them
	Reason    string   // for Skipped: why
}

// Result is a planned import: a change per person, and the new content of
// every file to create or update. Nothing is written until the caller
// writes Files.
type Result struct {
	Changes []*Change
	Files   map[string][]byte // slash path from the site root → content
}

// Count returns how many people the import met with action a.
func (r *Result) Count(a Action) int {
	n := 0
	for _, c := range r.Changes {
		if c.Action == a {
			n++
		}
	}
	return n
}

// Options are the site's settings an import needs.
type Options struct {
	Circles []string // the site's circles: a tag naming one sets the circle instead
}

// Plan matches each person to a contact of the site — by a profile link,
// then by email, then by name or alias — and merges them into it, or
// creates a new contact file. People are taken in order, so a later
// record of the same person merges into what an earlier one created.
// contacts are the site's contacts as content.Load read them from fsys.
func Plan(fsys fs.FS, contacts []*content.Contact, people []Person, opts Options) (*Result, error) {
	p := &planner{fsys: fsys, files: map[string][]byte{}, slugs: map[string]bool{}, res: &Result{Files: map[string][]byte{}}}
	for _, c := range contacts {
		e := &entry{path: c.Path, emails: map[string]bool{}, urls: map[string]bool{}}
		e.names = append(e.names, NameKey(c.Name), NameKey(c.Slug))
		for _, a := range c.Aliases {
			e.names = append(e.names, NameKey(a))
		}
		for _, m := range c.Email {
			e.emails[EmailKey(m)] = true
		}
		for _, l := range c.Links {
			e.urls[URLKey(l.URL)] = true
		}
		p.entries = append(p.entries, e)
		p.slugs[c.Slug] = true
	}
	for _, person := range people {
		ch, err := p.plan(withCircle(person, opts.Circles))
		if err != nil {
			return nil, err
		}
		p.res.Changes = append(p.res.Changes, ch)
	}
	return p.res, nil
}

// maxSlug bounds the slug of a new contact file, in bytes. A file name
// may have at most 255 bytes on most file systems (ext4, APFS, btrfs), and
// a name from a phone can be longer, in a script of three bytes a letter
// more so; a hundred bytes keep the file name well within it, beside the
// hidden temporary name Write stages it under, and keep the contact's URL
// readable. The contact keeps its whole name in the file.
const maxSlug = 100

type planner struct {
	fsys    fs.FS
	entries []*entry
	files   map[string][]byte // current content of every file read or written
	slugs   map[string]bool
	res     *Result
}

// entry is what matching needs to know of a contact.
type entry struct {
	path   string
	names  []string // NameKey of the name, slug and aliases
	emails map[string]bool
	urls   map[string]bool
}

func (e *entry) learn(p Person) {
	for _, m := range p.Emails {
		e.emails[EmailKey(m)] = true
	}
	for _, l := range p.Links {
		e.urls[URLKey(l.URL)] = true
	}
}

func (p *planner) plan(person Person) (*Change, error) {
	ch := &Change{Person: person}
	skip := func(format string, args ...any) (*Change, error) {
		ch.Action, ch.Reason = Skipped, fmt.Sprintf(format, args...)
		return ch, nil
	}
	if person.Skip != "" {
		return skip("%s", person.Skip)
	}
	if strings.TrimSpace(person.Name) == "" {
		return skip("no name")
	}
	e, reason := p.match(person)
	if reason != "" {
		return skip("%s", reason)
	}
	if e == nil {
		slug := content.Slugify(person.Name)
		if slug == "" {
			return skip("cannot make a file name of the name %q", person.Name)
		}
		slug = free(slug, maxSlug, func(s string) bool { return p.slugs[s] })
		ch.Action, ch.Path = Created, path.Join(content.ContactsDir, slug+".md")
		p.slugs[slug] = true
		data := New(person)
		p.files[ch.Path], p.res.Files[ch.Path] = data, data
		e = &entry{path: ch.Path, names: []string{NameKey(person.Name), NameKey(slug)}, emails: map[string]bool{}, urls: map[string]bool{}}
		e.learn(person)
		p.entries = append(p.entries, e)
		return ch, nil
	}
	ch.Path = e.path
	src, ok := p.files[e.path]
	if !ok {
		var err error
		if src, err = fs.ReadFile(p.fsys, e.path); err != nil {
			return nil, err
		}
		p.files[e.path] = src
	}
	m, err := Merge(src, person)
	if err != nil {
		return skip("%s: %v", e.path, err)
	}
	ch.Added, ch.Conflicts = m.Added, m.Conflicts
	if m.Changed() {
		ch.Action = Updated
		p.files[e.path], p.res.Files[e.path] = m.Data, m.Data
		e.learn(person)
	}
	return ch, nil
}

// match finds the contact a person is: by a profile link, then by email,
// then by name. Two candidates on one rule is a reason to skip.
func (p *planner) match(person Person) (*entry, string) {
	rules := []struct {
		by  string
		hit func(*entry) bool
	}{
		{"link", func(e *entry) bool {
			for _, l := range person.Links {
				if e.urls[URLKey(l.URL)] {
					return true
				}
			}
			return false
		}},
		{"email", func(e *entry) bool {
			for _, m := range person.Emails {
				if e.emails[EmailKey(m)] {
					return true
				}
			}
			return false
		}},
		{"name", func(e *entry) bool {
			key := NameKey(person.Name)
			for _, n := range e.names {
				if n == key {
					return true
				}
			}
			return false
		}},
	}
	for _, r := range rules {
		var hits []string
		var hit *entry
		for _, e := range p.entries {
			if r.hit(e) {
				hit = e
				hits = append(hits, e.path)
			}
		}
		switch {
		case len(hits) == 1:
			return hit, ""
		case len(hits) > 1:
			sort.Strings(hits)
			return nil, fmt.Sprintf("matches %d contacts by %s: %s", len(hits), r.by, strings.Join(hits, ", "))
		}
	}
	return nil, ""
}

// withCircle moves a tag that names one of the site's circles to the
// circle field, spelled as the site spells it.
func withCircle(p Person, circles []string) Person {
	var tags []string
	for _, t := range p.Tags {
		circle := ""
		for _, c := range circles {
			if strings.EqualFold(strings.TrimSpace(t), c) {
				circle = c
			}
		}
		switch {
		case circle == "":
			tags = append(tags, t)
		case p.Circle == "":
			p.Circle = circle
		}
	}
	p.Tags = tags
	return p
}
