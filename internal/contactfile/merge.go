package contactfile

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/frontedit"
	"github.com/netjournal/netjournal/internal/markdown"
)

// Merged is the outcome of merging a person into a contact file.
type Merged struct {
	Data      []byte   // the new file; the same bytes when nothing was added
	Added     []string // what was added, with its value: `company "Acme"`, "email ana@example.com", "links.linkedin https://…"
	Conflicts []string // values kept as the user wrote them: `company "Acme", not "Acme Inc"`
	// PhotoAdded is set when the photo key was added: the file p.Photo
	// names is to be written. Photo is the file's own photo, when it has
	// one and p has one too, for the caller to compare.
	PhotoAdded bool
	Photo      string
}

// Changed reports whether the file changed.
func (m *Merged) Changed() bool { return len(m.Added) > 0 }

// Merge adds to the contact file src what p knows and the file does not:
// an empty field, another email or phone (with its type), a link, a tag,
// an alias, the uid, the photo p.Photo.Name names. It never changes
// or removes a value the user wrote, and keeps every comment and the body
// byte for byte; where p disagrees with the file, the file wins and the
// difference is reported in Conflicts.
//
// Merge checks its own work: it fails rather than return a file that loses
// or changes any value of src, or that netjournal would not load.
func Merge(src []byte, p Person) (*Merged, error) {
	m, err := merge(src, p)
	if err != nil || !m.Changed() {
		return m, err
	}
	// What was added must read back: merging again adds nothing.
	if again, err := merge(m.Data, p); err != nil || again.Changed() {
		return nil, errors.New("merge would damage the file, so nothing was changed: the added values do not read back")
	}
	return m, nil
}

func merge(src []byte, p Person) (*Merged, error) {
	f, err := parseFile(src)
	if err != nil {
		return nil, err
	}
	before := f.Root()
	var old content.Contact
	if err := decode(f.Text(0, f.Len()), &old); err != nil {
		return nil, err
	}
	m := &merger{f: f, out: &Merged{}}
	m.name(p.Name, &old)
	var aliases []string
	for _, a := range p.Aliases {
		if aliasKey(a) != aliasKey(old.Name) {
			aliases = append(aliases, a)
		}
	}
	m.items("aliases", untyped(aliases), aliasKey) // Joao Santos is not João Santos
	m.text("company", p.Company)
	m.text("role", p.Role)
	m.text("location", p.Location)
	m.items("email", p.Emails, EmailKey)
	m.items("phone", p.Phones, PhoneKey)
	m.links(p.Links)
	m.items("tags", untyped(p.Tags), textKey)
	m.text("circle", p.Circle)
	m.met(p.Met)
	if p.Birthday.IsSet() {
		m.text("birthday", p.Birthday.String())
	}
	m.photo(p.Photo)
	m.uid(p.UID)
	m.notes(p.Notes)
	if m.err != nil {
		return nil, m.err
	}
	m.out.Data = f.Bytes()
	if !m.out.Changed() {
		m.out.Data = src
		return m.out, nil
	}
	if err := check(before, f); err != nil {
		return nil, fmt.Errorf("merge would damage the file, so nothing was changed: %w", err)
	}
	return m.out, nil
}

type merger struct {
	f   *file
	out *Merged
	err error
}

func (m *merger) added(format string, args ...any) {
	m.out.Added = append(m.out.Added, fmt.Sprintf(format, args...))
}

func (m *merger) conflict(format string, args ...any) {
	m.out.Conflicts = append(m.out.Conflicts, fmt.Sprintf(format, args...))
}

func (m *merger) do(err error) {
	if m.err == nil && err != nil {
		m.err = err
	}
}

// name is never changed; a different name is reported unless it is one of
// the contact's aliases, or the name with a qualifier, as an import
// numbers a namesake ("John Smith (2)") or the user tells two apart
// ("John Smith (Globex)").
func (m *merger) name(name string, old *content.Contact) {
	if name == "" || qualifiedKey(name) == qualifiedKey(old.Name) {
		return
	}
	for _, a := range old.Aliases {
		if qualifiedKey(a) == qualifiedKey(name) {
			return
		}
	}
	m.conflict("name %q, not %q", old.Name, name)
}

// text fills a missing one-value field and reports a different value.
func (m *merger) text(key, value string) {
	if value == "" || m.err != nil {
		return
	}
	written := content.YAMLText(value)
	if key == "birthday" {
		written = value // YYYY-MM-DD or --MM-DD: plain, like a date
	}
	k, v := frontedit.Get(m.f.Root(), key)
	switch {
	case k == nil:
		m.do(m.f.AppendKey(key, written))
	case frontedit.IsEmpty(v) && key != "birthday":
		m.fillText(k, v, value)
	case frontedit.IsEmpty(v):
		m.do(m.f.Fill(k, v, written))
	default:
		if v.Kind == yaml.ScalarNode && textKey(v.Value) == textKey(value) {
			return
		}
		if key == "birthday" && v.Kind == yaml.ScalarNode && sameBirthday(v.Value, value) {
			return
		}
		m.conflict("%s %q, not %q", key, v.Value, value)
		return
	}
	if key == "birthday" {
		m.added("%s %s", key, value)
		return
	}
	m.added("%s %q", key, value)
}

func sameBirthday(a, b string) bool {
	var x, y content.Birthday
	return decodeScalar(a, &x) == nil && decodeScalar(b, &y) == nil && x == y
}

func decodeScalar(s string, v any) error {
	return yaml.Unmarshal([]byte(content.YAMLText(s)), v)
}

// items adds the values missing from a list field; key folds values for
// comparing. A value the file has keeps the form it has there, with or
// without a type. Free text (tags, aliases) is quoted where Added shows it.
func (m *merger) items(field string, values []content.Typed, key func(string) string) {
	if m.err != nil {
		return
	}
	// A value whose key is empty (a phone with no digits: Tel privat)
	// is known by its words, not left out.
	keyOf := func(v string) string {
		if k := key(v); k != "" {
			return k
		}
		if words := strings.Fields(strings.ToLower(v)); len(words) > 0 {
			return "\x00" + strings.Join(words, " ")
		}
		return ""
	}
	have := map[string]bool{}
	if _, v := frontedit.Get(m.f.Root(), field); v != nil {
		switch v.Kind {
		case yaml.ScalarNode:
			have[keyOf(v.Value)] = true
		case yaml.SequenceNode:
			for _, it := range v.Content {
				if it.Kind == yaml.MappingNode && len(it.Content) == 2 {
					it = it.Content[1] // type: value
				}
				have[keyOf(it.Value)] = true
			}
		}
	}
	var add []content.Typed
	for _, val := range values {
		if k := keyOf(val.Value); k != "" && !have[k] {
			have[k] = true
			add = append(add, val)
		}
	}
	if len(add) == 0 {
		return
	}
	m.do(m.f.addItems(field, add))
	for _, val := range add {
		switch {
		case field == "tags" || field == "aliases":
			m.added("%s %q", field, val.Value)
		case val.Type != "":
			m.added("%s %s (%s)", field, val.Value, val.Type)
		default:
			m.added("%s %s", field, val.Value)
		}
	}
}

func untyped(values []string) []content.Typed {
	out := make([]content.Typed, len(values))
	for i, v := range values {
		out[i] = content.Typed{Value: v}
	}
	return out
}

// fillText writes the text value into the empty value v of the key k:
// plain where YAML reads it back so, but in quotes when a comment with
// no space after its # follows on the line ("role:   #todo"), which the
// loader would read as cutting the text (content's oddValues), and
// refuse.
func (m *merger) fillText(k, v *yaml.Node, value string) {
	written := content.YAMLText(value)
	// On its line, or on a line below indented past the key ("role:"
	// over "  #todo"), which the loader reads as the text's too.
	cuts := func(c string) bool {
		return len(c) > 1 && c[0] == '#' && c[1] != ' ' && c[1] != '\t' && c[1] != '#'
	}
	end := m.f.LineEnd(m.f.Offset(k.Line, k.Column))
	line := m.f.Text(m.f.Offset(k.Line, k.Column), end)
	_, after, _ := strings.Cut(line, ":")
	quote := cuts(strings.TrimSpace(after))
	for at := end + 1; !quote && at < m.f.Len(); {
		next := m.f.LineEnd(at)
		l := strings.TrimRight(m.f.Text(at, next), "\r")
		text := strings.TrimLeft(l, " \t")
		if len(l)-len(text) < k.Column || !strings.HasPrefix(text, "#") {
			break // not below the key, or no comment
		}
		quote = cuts(text)
		at = next + 1
	}
	if quote {
		written = content.YAMLQuoted(value)
	}
	m.do(m.f.Fill(k, v, written))
}

// photo adds the photo key when the file has none; the file it names is
// the caller's to write.
func (m *merger) photo(p *Photo) {
	if p == nil || p.Name == "" || m.err != nil {
		return
	}
	k, v := frontedit.Get(m.f.Root(), "photo")
	switch {
	case k == nil:
		m.do(m.f.AppendKey("photo", content.YAMLText(p.Name)))
	case frontedit.IsEmpty(v):
		m.fillText(k, v, p.Name)
	default:
		m.out.Photo = v.Value
		return
	}
	m.out.PhotoAdded = true
	m.added("photo %s", p.Name)
}

// uid adds the uid when the file has none. Another uid is a conflict,
// which Plan never makes: two uids are two people.
func (m *merger) uid(uid string) {
	if uid == "" || m.err != nil {
		return
	}
	k, v := frontedit.Get(m.f.Root(), "uid")
	switch {
	case k == nil:
		m.do(m.f.AppendKey("uid", content.YAMLText(uid)))
	case frontedit.IsEmpty(v):
		m.fillText(k, v, uid)
	default:
		if v.Kind != yaml.ScalarNode || uidKey(v.Value) != uidKey(uid) {
			m.conflict("uid %q, not %q", v.Value, uid)
		}
		return
	}
	m.added("uid %s", uid)
}

// links adds links whose URL the contact does not have yet, nor the
// profile it names (pt.linkedin.com/in/ana is linkedin.com/in/ana). A link
// whose name is taken by another URL is a conflict, unless it was only
// named after its host ("website"), when it takes the next free name.
func (m *merger) links(links []Link) {
	for _, l := range links {
		if m.err != nil {
			return
		}
		_, v := frontedit.Get(m.f.Root(), "links")
		names := map[string]string{}
		urls := map[string]bool{}
		if v != nil && v.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(v.Content); i += 2 {
				names[v.Content[i].Value] = v.Content[i+1].Value
				urls[linkKey(v.Content[i+1].Value)] = true
				if k := ProfileKey(v.Content[i+1].Value); k != "" {
					urls[k] = true
				}
			}
		}
		if k := ProfileKey(l.URL); urls[linkKey(l.URL)] || k != "" && urls[k] {
			continue
		}
		name := l.Name
		if name == "" {
			name = linkName(l.URL)
		}
		if old, taken := names[name]; taken {
			if l.Name != "" || name != "website" {
				m.conflict("links.%s %q, not %q", name, old, l.URL)
				continue
			}
			name = free(name, 0, func(n string) bool { _, ok := names[n]; return ok })
		}
		m.do(m.f.addEntry("links", name, l.URL, false))
		m.added("links.%s %s", name, l.URL)
	}
}

// met fills met.date. A date in the file that is earlier than the
// import's is no conflict: LinkedIn's "Connected On" is often later than
// the day the user met someone.
func (m *merger) met(day time.Time) {
	if day.IsZero() || m.err != nil {
		return
	}
	date := day.Format(time.DateOnly)
	_, v := frontedit.Get(m.f.Root(), "met")
	if v != nil && v.Kind == yaml.MappingNode {
		if dk, dv := frontedit.Get(v, "date"); dk != nil && !frontedit.IsEmpty(dv) {
			d, err := content.ParseDate(dv.Value)
			if err == nil && !d.Day().Equal(day) && !d.Day().Before(day) {
				m.conflict("met.date %s, not %s", dv.Value, date)
			}
			return
		} else if dk != nil {
			m.do(m.f.Fill(dk, dv, date))
			m.added("met.date %s", date)
			return
		}
	}
	m.do(m.f.addEntry("met", "date", date, true))
	m.added("met.date %s", date)
}

// noteKey folds notes, Markdown, for comparing as they show: an
// imported note (plain text, written escaped: markdown.EscapeText) is the
// one a file holds as Markdown ("Met at *GopherCon*", which export vcard
// writes as it shows: markdown.Unescape), and its hard breaks and its
// lines' indentation are as the lines they show.
func noteKey(s string) string { return textKey(markdown.Unescape(s)) }

// notes are the user's own words: an import never adds to them. A note
// the body does not already hold is reported.
func (m *merger) notes(notes string) {
	notes = strings.TrimSpace(notes)
	body := noteKey(m.f.Tail())
	if notes == "" || strings.Contains(body, noteKey(notes)) {
		return
	}
	// The list it ends with (a card's related names, its days, its
	// accounts: vcard's relations) is named line by line, whole, but for
	// the lines your notes hold: a merge never hides the spouse's name.
	// A note that is that list alone is named so only.
	paras := strings.Split(notes, "\n\n")
	lines := strings.Split(strings.TrimSpace(paras[len(paras)-1]), "\n")
	list := !slices.ContainsFunc(lines, func(l string) bool { return !strings.HasPrefix(l, "- ") })
	if !list || len(paras) > 1 {
		short := []rune(strings.Join(strings.Fields(asShown(notes)), " "))
		if len(short) > 40 {
			short = append(short[:40], '…')
		}
		m.conflict("notes as written; the import's note %q was not added", string(short))
	}
	if list {
		for _, l := range lines {
			if !strings.Contains(body, noteKey(l)) {
				m.conflict("notes as written; not added: %s", l)
			}
		}
	}
}

// decode reads a front-matter block as content.Load does: strictly.
func decode(block string, c *content.Contact) error {
	dec := yaml.NewDecoder(strings.NewReader(block))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		return fmt.Errorf("front matter: %w", err)
	}
	return nil
}

// check proves a merge kept everything: every value of before is still in
// f (a value that became a list is its first item), every comment is
// still there, and the front matter still loads. (The body is never
// edited: it is not part of the block.)
func check(before *yaml.Node, f *file) error {
	if err := kept(before, f.Root(), "front matter"); err != nil {
		return err
	}
	for _, c := range comments(before) {
		if !slices.Contains(comments(f.Root()), c) {
			return fmt.Errorf("comment %q lost", c)
		}
	}
	var c content.Contact
	return decode(f.Text(0, f.Len()), &c)
}

func kept(old, cur *yaml.Node, at string) error {
	switch old.Kind {
	case yaml.MappingNode:
		if cur.Kind != yaml.MappingNode {
			return fmt.Errorf("%s: no longer a map", at)
		}
		for i := 0; i+1 < len(old.Content); i += 2 {
			k := old.Content[i].Value
			_, v := frontedit.Get(cur, k)
			if v == nil {
				return fmt.Errorf("%s.%s: lost", at, k)
			}
			if err := kept(old.Content[i+1], v, at+"."+k); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		if cur.Kind != yaml.SequenceNode || len(cur.Content) < len(old.Content) {
			return fmt.Errorf("%s: items lost", at)
		}
		for i, it := range old.Content {
			if err := kept(it, cur.Content[i], fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case yaml.ScalarNode:
		if frontedit.IsEmpty(old) {
			return nil // filled in
		}
		if cur.Kind == yaml.SequenceNode && len(cur.Content) > 0 {
			cur = cur.Content[0]
		}
		if cur.Kind != yaml.ScalarNode || cur.Value != old.Value || cur.ShortTag() != old.ShortTag() {
			return fmt.Errorf("%s: %q changed", at, old.Value)
		}
	default:
		if cur.Kind != old.Kind {
			return fmt.Errorf("%s: changed", at)
		}
	}
	return nil
}

func comments(n *yaml.Node) []string {
	var out []string
	for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		for _, line := range strings.Split(c, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
	}
	for _, c := range n.Content {
		out = append(out, comments(c)...)
	}
	return out
}
