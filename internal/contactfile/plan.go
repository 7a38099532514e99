package contactfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
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
	Person     Person
	Action     Action
	Path       string      // the contact file created, updated or matched
	Name       string      // for Created: the name written, when not the person's: "John Smith (2)"
	Added      []string    // for Updated: what was added, with its value
	Conflicts  []string    // values kept as the user wrote them
	Duplicates []Duplicate // for Created: contacts the person may be, though nothing proves it
	Reason     string      // for Skipped: why
	Photo      string      // the photo file created beside the contact, if any
	// Dropped is what the record holds that the contact file does not
	// keep: the reader's Person.Dropped, and what Plan leaves out.
	Dropped []string
	// slug is the slug the record's UID says its contact had
	// (contact-<slug>@<host>, export's): a new file takes it when free.
	slug string
}

// Duplicate is a contact that an imported person may be: a namesake with
// no email or profile in common, or a contact that shares one but has
// another LinkedIn profile. The import creates a contact of its own for
// the person and lists the pair, for the user to merge by hand if they
// are one person.
type Duplicate struct {
	Path   string // the other contact
	Reason string // "same name, no email or profile in common"
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
	// Names are what the site's events and posts answer to (slugs and
	// titles): a nickname that is one is not made an alias, which would
	// make a reference to it ambiguous.
	Names []string
	// Host is the host of the site's base_url: a contact with no uid
	// answers to the UID export vcard gives it (ExportUID), so that what
	// it exported comes back to it.
	Host string
}

// ExportUID is the UID export vcard gives a contact that has no uid of
// its own: contact-<slug>@<host of the site's base_url>.
func ExportUID(slug, host string) string {
	return fmt.Sprintf("contact-%s@%s", slug, host)
}

// Plan matches each person to a contact of the site and merges them into
// it, or creates a new contact file. A person is matched only on a strong
// identifier in common — an email address, a profile link on a social
// site, a vCard UID — never on a website or a name (see identity.go):
// someone who only has a contact's name is a possible duplicate, and gets
// a contact of their own, named apart ("John Smith (2)" in
// john-smith-2.md) so that no reference to the other becomes ambiguous.
// People are taken in order, so a later record of the same person merges
// into what an earlier one created, by the same rules.
// contacts are the site's contacts as content.Load read them from fsys.
func Plan(fsys fs.FS, contacts []*content.Contact, people []Person, opts Options) (*Result, error) {
	p := &planner{fsys: fsys, files: map[string][]byte{}, slugs: map[string]bool{}, byID: map[string][]*entry{},
		others: map[string]bool{}, res: &Result{Files: map[string][]byte{}}, host: opts.Host, circles: opts.Circles}
	for _, c := range contacts {
		e := &entry{path: c.Path, names: nameKeys(c, NameKey), keys: nameKeys(c, namesakeKey),
			qualified: nameKeys(c, qualifiedKey), id: newIdentity(), company: c.Company}
		p.entries = append(p.entries, e)
		id := contactIdentity(c)
		if c.UID == "" && opts.Host != "" {
			id.exported = uidKey(ExportUID(c.Slug, opts.Host))
		}
		p.learn(e, id)
		p.slugs[c.Slug] = true
	}
	for _, n := range opts.Names {
		p.others[NameKey(n)] = true
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

// exportSlug returns the slug of a UID of the form ExportUID gives
// (contact-<slug>@<host>), of any host; "" for any other UID.
func exportSlug(uid string) string {
	rest, ok := strings.CutPrefix(strings.TrimSpace(uid), "contact-")
	slug, _, found := strings.Cut(rest, "@")
	if !ok || !found || slug == "" || len(slug) > maxSlug || content.Slugify(slug) != slug || loaderSlug(slug) != slug {
		return ""
	}
	return slug
}

// exportedUID reports whether uid is of the form ExportUID gives a
// contact of this site: contact-<slug>@<host>.
func (p *planner) exportedUID(uid string) bool {
	k := uidKey(uid)
	return p.host != "" && strings.HasPrefix(k, "contact-") && strings.HasSuffix(k, "@"+uidKey(p.host))
}

// maxSlug bounds the slug of a new contact file, in bytes.
const maxSlug = content.MaxSlug

type planner struct {
	fsys    fs.FS
	entries []*entry
	files   map[string][]byte   // current content of every file read or written
	slugs   map[string]bool     // the slugs content.Load gives the contacts
	byID    map[string][]*entry // identity.keys → the contacts with that identifier
	others  map[string]bool     // NameKey of what events and posts answer to
	res     *Result
	host    string   // the site's host, of the UIDs export gives (ExportUID)
	circles []string // the site's circles
}

// entry is what matching needs to know of a contact.
type entry struct {
	path      string
	names     []string // NameKey of the name, slug and aliases (in that order): what a new name may not be
	keys      []string // namesakeKey of the same: who the contact's namesakes are
	qualified []string // qualifiedKey of the same: who may hold a record of no identifier
	id        *identity
	company   string
}

// given is NameKey of the contact's name and aliases: names, but for
// its slug.
func (e *entry) given() []string {
	return append(slices.Clone(e.names[:1]), e.names[2:]...)
}

// owns reports whether e, the contact that answers by its slug to the
// UID an export gave person (ExportUID), is person still: a name of it
// meets the record's (namesMeet), or it has an email, a profile or a
// phone of it. The slug may be another person's since: Sam Rivera's file
// gone, Sam Okoro's sam.md took her phone's card.
func owns(e *entry, person Person) bool {
	id := personIdentity(withUID(person, ""))
	return namesMeet(e.given(), person) || e.id.shared(id) != "" || e.id.sharedPhone(id) != "" ||
		// Nothing of its own says it is another: no email, profile nor
		// phone (Ana Lima renamed Ana Souza in place, her export imported
		// back), or the record's birthday.
		len(e.id.emails) == 0 && len(e.id.profiles) == 0 && len(e.id.phones) == 0 ||
		e.id.birthday.IsSet() && e.id.birthday == id.birthday
}

func (p *planner) plan(person Person) (*Change, error) {
	person, dropped := clean(person)
	ch := &Change{Person: person, Dropped: append(append([]string(nil), person.Dropped...), dropped...)}
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
	// A UID export gave a contact of this site with no uid names the slug
	// it had: the contact that answers to it is the record's (and does
	// not need it written, merge); when none does (the file renamed
	// since), it says nothing of who the record is.
	ch.slug = exportSlug(person.UID)
	exported := p.exportedUID(person.UID)
	if owners := p.byID["uid:"+uidKey(person.UID)]; exported && (len(owners) == 0 || len(owners) == 1 && !owns(owners[0], person)) {
		person.UID = ""
		ch.Person = person
	}
	id := personIdentity(person)
	// A record with no identifier (a phone's card of a name and a number,
	// an old LinkedIn row) is known by what it holds (RecordUID): the
	// contact an import creates of it keeps that as its uid, so that the
	// record imported again after you edited the file is that contact,
	// not a namesake of it.
	recordUID := ""
	if id.none() && !exported { // an exported UID's contact answers to it again
		recordUID = RecordUID(person)
		if len(p.byID["uid:"+uidKey(recordUID)]) > 0 {
			person.UID, ch.Person = recordUID, withUID(ch.Person, recordUID)
			id = personIdentity(person)
		}
	} else if !exported && person.UID == "" {
		// The same record with an email or a profile an older export
		// lacked (a LinkedIn export's URL column, added since): the
		// contact made of it before is the one it was, which gets them.
		// A card with a UID is its own (TestPlanAgainAfterHandEdits).
		// A record of a name (and a company) alone says nothing of whose
		// it is.
		if bare := withoutIdentifiers(person); !nameOnly(bare) {
			if before := RecordUID(bare); len(p.byID["uid:"+uidKey(before)]) == 1 {
				id.add(nil, nil, before)
			}
		}
	}

	// Who the person is: the one contact with a strong identifier in
	// common, unless a LinkedIn profile or a UID says they are two
	// people, or they share nothing that is one person's alone
	// (sharesPersonal) and their names no word.
	var same, doubtful []*entry
	why := map[*entry]string{}
	soft := map[*entry]bool{} // doubtful by names or birthdays, not by an identifier
	var wrongProfile *entry
	for _, e := range p.sharing(id) {
		w := e.id.differs(id)
		if w == "" && e.id.profileAlone(id) && !nameWordShared(e.names, person) && !profileNamed(e, id, person) {
			// Bruno Costa's card with Ana Lima's LinkedIn profile,
			// pasted from the wrong tab: merged, his email went into her
			// file. Skipped (below). A LinkedIn row's profile is its own,
			// but the contact's may be the one typed wrong (Ana's row,
			// into bruno-costa.md that holds her profile): a skip is
			// mended with an alias, a merge is not undone.
			wrongProfile = e
			continue
		}
		if w == "" && !e.id.sharesPersonal(id) && !namesMeet(e.names, person) {
			w, soft[e] = "other names", true
		}
		if w == "" {
			w, soft[e] = otherPerson(e.qualified, e.id, person, id), true
		}
		if w != "" {
			doubtful, why[e] = append(doubtful, e), w
		} else {
			delete(soft, e)
			same = append(same, e)
		}
	}
	// A person one contact's profile names, whose email another contact
	// has (and nothing says is someone else's: another profile, another
	// UID), is skipped, naming both: merged, the other's email went into
	// the first's file (Jürgen's LinkedIn profile and Ana's email). An
	// identifier both have (a family's address) is no such doubt.
	if wrongProfile != nil && len(same) == 0 {
		same = []*entry{wrongProfile} // for the check below, which may name another
	}
	if len(same) == 1 && !same[0].id.sharesUID(id) { // a card's UID says whose it is
		paths := []string{same[0].path}
		for _, e := range doubtful {
			if soft[e] && slices.ContainsFunc(e.id.keys(), func(k string) bool {
				return slices.Contains(id.keys(), k) && !slices.Contains(same[0].id.keys(), k)
			}) {
				paths = append(paths, e.path)
			}
		}
		if len(paths) > 1 {
			sort.Strings(paths)
			return skip("matches %d contacts by email or profile: %s", len(paths), strings.Join(paths, ", "))
		}
	}
	if wrongProfile != nil {
		if len(same) == 1 && same[0] == wrongProfile {
			return skip("its LinkedIn profile is %s's, whose names share no word with %q: if they are one person, give the contact that name as an alias; else one of the two has the wrong profile", wrongProfile.path, person.Name)
		}
		// Another contact is the person by an email: merged, it would
		// get the first's profile.
		paths := []string{wrongProfile.path}
		for _, e := range same {
			paths = append(paths, e.path)
		}
		sort.Strings(paths)
		return skip("matches %d contacts by email or profile: %s", len(paths), strings.Join(paths, ", "))
	}
	switch {
	case len(same) == 1:
		return p.merge(ch, same[0], id)
	case len(same) > 1:
		var paths []string
		for _, e := range same {
			paths = append(paths, e.path)
		}
		sort.Strings(paths)
		return skip("matches %d contacts by email or profile: %s", len(paths), strings.Join(paths, ", "))
	}

	// Nothing proves who they are. A namesake is not them; but a namesake
	// that already holds every value of the record is the contact an
	// earlier import of it created (or one the user wrote with all of it,
	// or renamed "John Smith (Globex)"): there is nothing to add, and
	// another file would only repeat it.
	key, qkey := namesakeKey(person.Name), qualifiedKey(person.Name)
	var namesakes []*entry
	for _, e := range p.entries {
		if slices.Contains(e.keys, key) {
			namesakes = append(namesakes, e)
		}
	}
	for _, e := range p.entries {
		if !slices.Contains(e.qualified, qkey) || e.id.differs(id) != "" {
			continue
		}
		src, err := p.read(e)
		if err != nil {
			return nil, err
		}
		// A record with no identifier is its namesake's only when the
		// namesake holds all of it, notes and aliases too: two John
		// Smiths, the plumber and Ana's dad, are never one file.
		try := person
		try.Aliases, _ = p.aliases(e, person.Name, person.Aliases)
		if m, _, err := p.mergeInto(e, src, try); err == nil && !m.Changed() && len(m.Conflicts) == 0 {
			ch.Action, ch.Path = Unchanged, e.path
			return ch, nil
		}
		// A file an earlier version made of the record holds it as that
		// version read it: without a nickname that is the name but for its
		// accents, nor a second category naming a circle (both dropped
		// then): merged into it, not made again as "João Santos (2)".
		if before, ok := asBefore(try, p.circles); ok {
			if m, _, err := p.mergeInto(e, src, before); err == nil && !m.Changed() && len(m.Conflicts) == 0 {
				// Its record: what this version reads more of it is
				// added (the nickname, the tag), not dropped in silence.
				return p.merge(ch, e, id)
			}
		}
	}
	for _, e := range doubtful {
		ch.Duplicates = append(ch.Duplicates, Duplicate{Path: e.path,
			Reason: fmt.Sprintf("same %s, but %s", e.id.shared(id), why[e])})
	}
	for _, e := range namesakes {
		if e.id.differs(id) == "" && !slices.ContainsFunc(doubtful, func(d *entry) bool { return d == e }) {
			reason := "same name, no email or profile in common"
			if ph := e.id.sharedPhone(id); ph != "" {
				// No identifier, but what tells the writer they may be one.
				reason = "same name and phone " + ph + ", no email or profile in common"
			}
			ch.Duplicates = append(ch.Duplicates, Duplicate{Path: e.path, Reason: reason})
		}
	}
	// Another name, but a number and the company in common: most often a
	// name changed since the contact was made (a phone's card, of no
	// identifier, imported again). A number alone is a family's landline.
	for _, e := range p.entries {
		if e.company == "" || !strings.EqualFold(strings.TrimSpace(e.company), strings.TrimSpace(person.Company)) ||
			slices.Contains(namesakes, e) || slices.Contains(doubtful, e) || e.id.differs(id) != "" {
			continue
		}
		if ph := e.id.sharedPhone(id); ph != "" {
			ch.Duplicates = append(ch.Duplicates, Duplicate{Path: e.path, Reason: fmt.Sprintf("same phone %s and company %s, another name", ph, e.company)})
		}
	}
	if recordUID != "" {
		ch.Person = withUID(ch.Person, recordUID)
		id = personIdentity(ch.Person)
	}
	return p.create(ch, id, len(namesakes) > 0)
}

func withUID(p Person, uid string) Person {
	p.UID = uid
	return p
}

// unnamedSlug is the file name of a contact whose name has no letter
// nor digit to make one of.
const unnamedSlug = "contact"

// create plans a new contact file for ch.Person. A namesake of a contact
// gets a number in both its file name and its name, john-smith-2.md named
// "John Smith (2)": a second "John Smith" would make every reference to
// the first by its name or slug ambiguous, which breaks the site.
func (p *planner) create(ch *Change, id *identity, namesake bool) (*Change, error) {
	person := ch.Person
	base := slugOf(person.Name)
	if base == "" {
		// A name of no letter nor digit (🎸, as a phone's address book
		// allows): the file is named contact.md, the name kept as it is.
		base = unnamedSlug
	}
	// index.md would not load: a document named index has no name of
	// its own (a card named Index, or _index).
	taken := func(s string) bool { return p.slugs[loaderSlug(s)] || loaderSlug(s) == "index" }
	slug, name := free(base, maxSlug, taken), person.Name
	if ch.slug != "" && !namesake && !taken(ch.slug) && !p.named(NameKey(ch.slug)) {
		// Exported from another site as daniel-oconnor: the same file
		// name here, so that [[daniel-oconnor]] still finds it (the name
		// gives daniel-o-connor).
		slug = ch.slug
	}
	// A name numbered already (John Smith (2), from an export of a site
	// an import numbered it in) keeps its number when its name and file
	// name are free, else is numbered again from the name without it.
	plain, plainBase := person.Name, base
	if u := Unnumbered(plain); u != plain {
		if b := slugOf(u); b != "" {
			plain, plainBase = strings.TrimSpace(u), b
		}
	}
	keep := plain != person.Name && slug == base && !p.named(NameKey(name))
	if namesake && !keep {
		for n := 2; ; n++ {
			slug, name = numberedSlug(plainBase, maxSlug, number(n)), numbered(plain, n)
			if !taken(slug) && !p.named(NameKey(name)) {
				break
			}
		}
		ch.Name = name
	}
	ch.Action, ch.Path = Created, path.Join(content.ContactsDir, slug+".md")
	p.slugs[loaderSlug(slug)] = true
	person.Name = name
	person.Aliases = p.keepAliases(ch, nil, person)
	if person.Photo != nil {
		photo := *person.Photo
		photo.Name, photo.saved = p.photoName(ch.Path, photo.Ext, photo.Data)
		person.Photo = &photo
		if !photo.saved {
			ch.Photo = path.Join(path.Dir(ch.Path), photo.Name)
			p.files[ch.Photo], p.res.Files[ch.Photo] = photo.Data, photo.Data
		}
	}
	data := New(person)
	p.files[ch.Path], p.res.Files[ch.Path] = data, data
	e := &entry{path: ch.Path, id: newIdentity(), company: person.Company}
	for _, n := range append([]string{name, loaderSlug(slug)}, person.Aliases...) {
		e.names = append(e.names, NameKey(n))
		e.keys = append(e.keys, namesakeKey(n))
		e.qualified = append(e.qualified, qualifiedKey(n))
	}
	p.entries = append(p.entries, e)
	p.learn(e, id)
	return ch, nil
}

// merge plans the merge of ch.Person into the contact e.
func (p *planner) merge(ch *Change, e *entry, id *identity) (*Change, error) {
	ch.Path = e.path
	src, err := p.read(e)
	if err != nil {
		return nil, err
	}
	person := ch.Person
	person.Aliases = p.keepAliases(ch, e, person)
	if e.id.exported != "" && uidKey(person.UID) == e.id.exported {
		person.UID = "" // the contact's own, from its slug: written nowhere
	}
	m, person, err := p.mergeInto(e, src, person)
	if err != nil {
		ch.Action, ch.Reason = Skipped, fmt.Sprintf("%s: %v", e.path, err)
		return ch, nil
	}
	ch.Person = person
	ch.Added, ch.Conflicts = m.Added, m.Conflicts
	if m.Changed() {
		ch.Action = Updated
		p.files[e.path], p.res.Files[e.path] = m.Data, m.Data
		if m.PhotoAdded && !person.Photo.saved {
			ch.Photo = path.Join(path.Dir(e.path), person.Photo.Name)
			p.files[ch.Photo], p.res.Files[ch.Photo] = person.Photo.Data, person.Photo.Data
		}
		for _, a := range person.Aliases {
			e.names = append(e.names, NameKey(a))
			e.keys = append(e.keys, namesakeKey(a))
			e.qualified = append(e.qualified, qualifiedKey(a))
		}
	}
	p.learn(e, id) // a UID, or what Merge kept out as a conflict, still says who e is
	return ch, nil
}

// mergeInto merges person into src, e's file, naming the file of the
// person's photo beside it first; a photo other than the one the file has
// is a conflict. It returns the person with the photo's name.
func (p *planner) mergeInto(e *entry, src []byte, person Person) (*Merged, Person, error) {
	if person.Photo != nil {
		photo := *person.Photo
		photo.Name, photo.saved = p.photoName(e.path, photo.Ext, photo.Data)
		person.Photo = &photo
	}
	m, err := Merge(src, person)
	if err != nil {
		return nil, person, err
	}
	if person.Photo != nil && m.Photo != "" {
		at := path.Join(path.Dir(e.path), m.Photo)
		old, err := p.files[at], error(nil) // one this import writes
		if old == nil {
			old, err = fs.ReadFile(p.fsys, at)
		}
		if err != nil || !bytes.Equal(old, person.Photo.Data) {
			m.Conflicts = append(m.Conflicts, fmt.Sprintf("photo %s, not the one of the import", m.Photo))
		}
	}
	return m, person, nil
}

// photoName names the file of a photo of type ext for the contact file
// at contact: the contact's file name with the photo's extension
// (ana-lima.jpg), or ana-lima-photo-2.jpg, … when another file has that
// name. A file that holds data already is the photo's: saved is true.
func (p *planner) photoName(contact, ext string, data []byte) (name string, saved bool) {
	dir, base := path.Dir(contact), strings.TrimSuffix(path.Base(contact), path.Ext(contact))
	for i := 1; ; i++ {
		name = base + ext
		if i > 1 {
			name = fmt.Sprintf("%s-photo-%d%s", base, i, ext)
		}
		full := path.Join(dir, name)
		have, ok := p.files[full]
		if !ok {
			var err error
			have, err = fs.ReadFile(p.fsys, full)
			if errors.Is(err, fs.ErrNotExist) {
				return name, false
			}
			ok = err == nil
		}
		if ok && bytes.Equal(have, data) {
			return name, !p.written(full)
		}
	}
}

// written reports whether the import writes the file at path.
func (p *planner) written(path string) bool {
	_, ok := p.res.Files[path]
	return ok
}

// keepAliases returns the aliases of person that the contact e (nil for
// a new one) may have, and lists the others in ch.Dropped.
func (p *planner) keepAliases(ch *Change, e *entry, person Person) []string {
	keep, dropped := p.aliases(e, person.Name, person.Aliases)
	for _, a := range dropped {
		ch.Dropped = append(ch.Dropped, fmt.Sprintf("nickname %q (another contact, event or post answers to it)", a))
	}
	return keep
}

// aliases sorts the nicknames of a person called name: those the contact
// e (nil for a new one) may have as aliases, and those another contact,
// an event or a post answers to, which would make a reference ambiguous.
// The name itself, and a nickname twice, are neither.
func (p *planner) aliases(e *entry, name string, names []string) (keep, taken []string) {
	seen := map[string]bool{aliasKey(name): true} // by aliasKey: Joao Santos is kept
	for _, a := range names {
		k := NameKey(a)
		if k == "" || seen[aliasKey(a)] {
			continue
		}
		seen[aliasKey(a)] = true
		other := p.others[k]
		for _, o := range p.entries {
			if o != e && slices.Contains(o.names, k) {
				other = true
			}
		}
		if other {
			taken = append(taken, a)
		} else {
			keep = append(keep, a)
		}
	}
	return keep, taken
}

// learn adds id to what tells e apart.
func (p *planner) learn(e *entry, id *identity) {
	for _, k := range id.keys() {
		if !slices.Contains(p.byID[k], e) {
			p.byID[k] = append(p.byID[k], e)
		}
	}
	e.id.learn(id)
}

// sharing returns the contacts with an identifier of id, in order.
func (p *planner) sharing(id *identity) []*entry {
	hit := map[*entry]bool{}
	for _, k := range id.keys() {
		for _, e := range p.byID[k] {
			hit[e] = true
		}
	}
	if len(hit) == 0 {
		return nil
	}
	var out []*entry
	for _, e := range p.entries {
		if hit[e] {
			out = append(out, e)
		}
	}
	return out
}

// read returns the current content of e's file.
func (p *planner) read(e *entry) ([]byte, error) {
	if src, ok := p.files[e.path]; ok {
		return src, nil
	}
	src, err := fs.ReadFile(p.fsys, e.path)
	if err != nil {
		return nil, err
	}
	p.files[e.path] = src
	return src, nil
}

// named reports whether a contact answers to the name key k.
func (p *planner) named(k string) bool {
	for _, e := range p.entries {
		if slices.Contains(e.names, k) {
			return true
		}
	}
	return false
}

// asBefore is p as netjournal read it before 6 December 2026: without
// the nicknames that are its name but for their accents, and the tags
// that name one of circles; ok is false when that is p.
func asBefore(p Person, circles []string) (Person, bool) {
	var aliases, tags []string
	for _, a := range p.Aliases {
		if NameKey(a) != NameKey(p.Name) {
			aliases = append(aliases, a)
		}
	}
	for _, t := range p.Tags {
		if !slices.ContainsFunc(circles, func(c string) bool { return strings.EqualFold(strings.TrimSpace(t), c) }) {
			tags = append(tags, t)
		}
	}
	if len(aliases) == len(p.Aliases) && len(tags) == len(p.Tags) {
		return p, false
	}
	p.Aliases, p.Tags = aliases, tags
	return p, true
}

// withCircle moves the first tag that names one of the site's circles to
// the circle field, spelled as the site spells it; another circle's name
// stays a tag (export vcard writes the circle, then the tags).
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
		case circle != "" && p.Circle == "":
			p.Circle = circle
		case !strings.EqualFold(strings.TrimSpace(t), p.Circle):
			tags = append(tags, t) // a second circle's name: a tag, as the export wrote it
		}
	}
	p.Tags = tags
	return p
}

// nameOnly reports whether a record holds nothing of one person's beyond
// a name: a company, a role, a place and a web site are many people's
// (John Smith of Google, acme.com); a phone, a day met (a LinkedIn
// connection's), a birthday, notes or a photo tell two namesakes apart.
func nameOnly(p Person) bool {
	return len(p.Phones) == 0 && p.Met.IsZero() && !p.Birthday.IsSet() &&
		strings.TrimSpace(p.Notes) == "" && p.Photo == nil
}

// withoutIdentifiers is p as a record with no identifier would have it:
// no email, no UID, no link that is a profile.
func withoutIdentifiers(p Person) Person {
	p.Emails, p.UID = nil, ""
	p.Links = slices.DeleteFunc(slices.Clone(p.Links), func(l Link) bool { return ProfileKey(l.URL) != "" })
	return p
}
