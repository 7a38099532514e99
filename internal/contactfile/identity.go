package contactfile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/netjournal/netjournal/internal/content"
)

// Who a person is. An import merges a person into a contact only when
// they have a strong identifier in common — an email address, a profile
// on a social site, a UID (a vCard's, a contact's uid) — and nothing
// proves them two people: two LinkedIn profiles, two UIDs, or other
// names (namesMeet: a shared mailbox, info@…, a family's address, or a
// placeholder that is no address, n/a, which is no identifier at all).
// A website is never identity: colleagues list their company's homepage,
// organisers their meetup's. Nor is a name: two John Smiths are common.
// A contact who only answers to the same name is a possible duplicate,
// which the import and the wiki's dashboard list for the user to judge.

// identity is what tells a person apart, each identifier by its key,
// with the value as written for messages.
type identity struct {
	emails   map[string]string // EmailKey → address
	profiles map[string]string // ProfileKey → URL
	uids     map[string]string // a vCard's UID, a contact's uid
	// birthday is no identifier, but it tells apart two people of other
	// names who share only a family's address (otherPerson).
	birthday content.Birthday
	// exported is, for a contact with no uid, the key of the UID export
	// vcard gives it (ExportUID): a record with that UID is the contact,
	// but a record with another UID is no other person for it.
	exported string
	// phones are no identifier either (a family's landline), but a
	// namesake who shares one is said to (sharedPhone).
	phones map[string]string // PhoneKey → number
}

func newIdentity() *identity {
	return &identity{emails: map[string]string{}, profiles: map[string]string{}, uids: map[string]string{}, phones: map[string]string{}}
}

// contactIdentity is the identity of a contact file.
func contactIdentity(c *content.Contact) *identity {
	id := newIdentity()
	id.add(c.Emails.Values(), nil, c.UID)
	for _, l := range c.Links {
		id.add(nil, []string{l.URL}, "")
	}
	id.birthday = c.Birthday
	id.addPhones(c.Phones.Values())
	return id
}

// personIdentity is the identity of an imported person.
func personIdentity(p Person) *identity {
	id := newIdentity()
	var urls []string
	for _, l := range p.Links {
		urls = append(urls, l.URL)
	}
	id.add(content.TypedList(p.Emails).Values(), urls, p.UID)
	id.birthday = p.Birthday
	id.addPhones(content.TypedList(p.Phones).Values())
	return id
}

// none reports whether id has no identifier at all.
func (id *identity) none() bool {
	return len(id.emails) == 0 && len(id.profiles) == 0 && len(id.uids) == 0
}

// RecordUID is the uid of a contact an import created of a record with no
// identifier: "import-" and a hash of what the record holds, its name,
// phones, company, role, location, aliases, links, tags, circle,
// birthday, the day met, its notes and its photo, each as matching folds
// it: two cards that differ in anything are two records (a phone that
// encodes a photo anew makes another record of the card, known by its
// name as before). The record imported again is that contact
// whatever you changed in its file; a record that changed is known by
// its name, as before.
func RecordUID(p Person) string {
	sorted := func(vals []string, key func(string) string) string {
		var ks []string
		for _, v := range vals {
			if k := key(v); k != "" {
				ks = append(ks, k)
			}
		}
		slices.Sort(ks)
		return strings.Join(slices.Compact(ks), "\x01")
	}
	var phones, links []string
	for _, t := range p.Phones {
		phones = append(phones, t.Value)
	}
	for _, l := range p.Links {
		links = append(links, l.URL)
	}
	met := ""
	if !p.Met.IsZero() {
		met = p.Met.Format(time.DateOnly)
	}
	photo := ""
	if p.Photo != nil {
		sum := sha256.Sum256(p.Photo.Data)
		photo = hex.EncodeToString(sum[:])
	}
	h := sha256.New()
	for _, f := range []string{"netjournal record 1", NameKey(p.Name), sorted(phones, PhoneKey),
		textKey(p.Company), textKey(p.Role), textKey(p.Location), sorted(p.Aliases, aliasKey),
		sorted(links, URLKey), sorted(p.Tags, textKey), textKey(p.Circle), p.Birthday.String(), met, textKey(p.Notes), photo} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return recordUIDPrefix + hex.EncodeToString(h.Sum(nil)[:10])
}

const recordUIDPrefix = "import-"

func (id *identity) add(emails, urls []string, uid string) {
	for _, m := range emails {
		// A value that is no address (n/a, none, -) names nobody.
		if k := EmailKey(m); k != "" && isAddress(k) {
			id.emails[k] = strings.TrimSpace(m)
		}
	}
	for _, u := range urls {
		if k := ProfileKey(u); k != "" {
			id.profiles[k] = strings.TrimSpace(u)
		}
	}
	if k := uidKey(uid); k != "" {
		id.uids[k] = strings.TrimSpace(uid)
	}
}

func (id *identity) addPhones(phones []string) {
	for _, ph := range phones {
		if k := PhoneKey(ph); k != "" {
			id.phones[k] = strings.TrimSpace(ph)
		}
	}
}

func (id *identity) learn(o *identity) {
	for _, m := range []struct{ to, from map[string]string }{{id.emails, o.emails}, {id.profiles, o.profiles}, {id.uids, o.uids}, {id.phones, o.phones}} {
		for k, v := range m.from {
			m.to[k] = v
		}
	}
	if !id.birthday.IsSet() {
		id.birthday = o.birthday
	}
	if id.exported == "" {
		id.exported = o.exported
	}
}

// keys lists every identifier, each prefixed with its kind, for an index.
func (id *identity) keys() []string {
	var out []string
	for _, m := range []struct {
		kind string
		ids  map[string]string
	}{{"email:", id.emails}, {"profile:", id.profiles}, {"uid:", id.uids}} {
		for k := range m.ids {
			out = append(out, m.kind+k)
		}
	}
	if id.exported != "" {
		out = append(out, "uid:"+id.exported)
	}
	return out
}

// shared names the first identifier a and b have in common, "" if none:
// "email ana@example.com".
func (id *identity) shared(o *identity) string {
	for _, m := range []struct {
		what        string
		mine, their map[string]string
	}{{"email", id.emails, o.emails}, {"profile", id.profiles, o.profiles}, {"UID", id.uids, o.uids}} {
		for _, k := range sortedKeys(m.mine) {
			if _, ok := m.their[k]; ok {
				return m.what + " " + m.mine[k]
			}
		}
	}
	return ""
}

// sharedPhone returns the first phone number id and o have in common, as
// id writes it, "" if none.
func (id *identity) sharedPhone(o *identity) string {
	for _, k := range sortedKeys(id.phones) {
		if _, ok := o.phones[k]; ok {
			return id.phones[k]
		}
	}
	return ""
}

// sharesPersonal reports whether id and o have in common what is one
// person's alone: a UID, or a LinkedIn profile. An address may be a
// team's or a placeholder's, and a GitHub or X account a company's
// (github.com/acme): sharing only those, two records are one person only
// if their names meet (namesMeet).
func (id *identity) sharesPersonal(o *identity) bool {
	for k := range id.uids {
		if _, ok := o.uids[k]; ok {
			return true
		}
	}
	if _, ok := o.uids[id.exported]; ok && id.exported != "" {
		return true
	}
	if _, ok := id.uids[o.exported]; ok && o.exported != "" {
		return true
	}
	for _, k := range sitesOf(id.profiles, "linkedin") {
		if _, ok := o.profiles[k]; ok {
			return true
		}
	}
	return false
}

// profileAlone reports whether what id and o have in common is a
// LinkedIn profile alone: no email, UID nor phone.
func (id *identity) profileAlone(o *identity) bool {
	shared := false
	for _, k := range sitesOf(id.profiles, "linkedin") {
		if _, ok := o.profiles[k]; ok {
			shared = true
		}
	}
	if !shared || id.sharesUID(o) || id.sharedPhone(o) != "" {
		return false
	}
	for k := range id.emails {
		if _, ok := o.emails[k]; ok {
			return false
		}
	}
	return true
}

// nameWordShared reports whether a name of a contact (names, NameKeys)
// and one of person's have a word in common (an initial of it too), or
// are one name but for spaces (李 明 and 李明): Robert Smith and Bob Smith
// may be one person, Bruno Costa and Ana Lima are not.
func nameWordShared(names []string, person Person) bool {
	for _, n := range append([]string{person.Name}, person.Aliases...) {
		whole := strings.Join(strings.FieldsFunc(NameKey(n), notNameRune), "")
		if slices.ContainsFunc(names, func(c string) bool { return strings.Join(strings.FieldsFunc(c, notNameRune), "") == whole }) {
			return true // one name but for spaces (李 明 and 李明)
		}
		for _, w := range ownWords(NameKey(n)) {
			for _, c := range names {
				if slices.Contains(ownWords(c), w) {
					return true
				}
			}
		}
	}
	return false
}

// ownWords are the words of a folded name (NameKey) that say whose it
// is, spelled as ASCII spells letters it lacks (Mueller, Djordje, Aase:
// ue, oe, ae, dj and aa as the letter NameKey folds ü, đ, å to): not an
// initial (M.), a title (Dr), nor a particle (de, van, al), which many
// people's names share.
func ownWords(key string) []string {
	var out []string
	for _, w := range nameParts(key) {
		if utf8.RuneCountInString(w) < 2 || commonNameWords[w] {
			continue
		}
		out = append(out, asciiSpellings.Replace(w))
	}
	return out
}

var asciiSpellings = strings.NewReplacer("ue", "u", "oe", "o", "ae", "a", "aa", "a", "dj", "d")

// commonNameWords are titles and particles: words of many people's names.
var commonNameWords = map[string]bool{
	"dr": true, "prof": true, "mr": true, "mrs": true, "ms": true, "mx": true, "sir": true, "dame": true,
	"phd": true, "mba": true, "md": true, "jr": true, "sr": true, "ii": true, "iii": true, "esq": true,
	"de": true, "da": true, "do": true, "dos": true, "das": true, "di": true, "del": true, "della": true, "du": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "al": true, "el": true,
	"bin": true, "ibn": true, "ben": true, "bint": true, "ter": true, "ten": true,
}

// profileNamed reports whether the LinkedIn profile that e and id share
// is in the record's name (linkedin.com/in/wei-wang-… for Wei Wang) while
// e's names have no word in Latin letters to compare (王伟): a phone
// book in its script, LinkedIn in Latin, one person.
func profileNamed(e *entry, id *identity, person Person) bool {
	for _, c := range e.given() {
		if strings.IndexFunc(c, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }) >= 0 {
			return false // Latin names, which share no word with the record's
		}
	}
	for _, k := range sitesOf(e.id.profiles, "linkedin") {
		if _, ok := id.profiles[k]; !ok {
			continue
		}
		addr := ownWords(NameKey(strings.NewReplacer("-", " ", "_", " ", "/", " ").Replace(k)))
		words := ownWords(NameKey(person.Name))
		if len(words) > 0 && !slices.ContainsFunc(words, func(w string) bool { return !slices.Contains(addr, w) }) {
			return true
		}
	}
	return false
}

// profilesDiffer says why a and b are two people though they may share an
// email (a team's address): each has a LinkedIn profile, and not the same
// one. A person has one LinkedIn profile; other sites allow several
// accounts, so two GitHub users may well be one person.
func (id *identity) profilesDiffer(o *identity) string {
	mine, their := sitesOf(id.profiles, "linkedin"), sitesOf(o.profiles, "linkedin")
	if len(mine) == 0 || len(their) == 0 {
		return ""
	}
	for _, k := range mine {
		if _, ok := o.profiles[k]; ok {
			return ""
		}
	}
	return "another LinkedIn profile"
}

// differs says why a and b are plainly two people, "" if nothing does:
// two LinkedIn profiles, or two vCard UIDs, with none in common.
func (id *identity) differs(o *identity) string {
	if why := id.profilesDiffer(o); why != "" {
		return why
	}
	return id.uidsDiffer(o, true)
}

// uidsDiffer says why two identities are two people by their uids: none
// in common, and two a card or a file gave, or, with records set, two
// RecordUIDs (two records an import made files of, exported and imported
// elsewhere: John and Mary Smith of one family's address). A RecordUID
// beside a card's UID says nothing: a card of the person whose file an
// import made of a record with no identifier.
func (id *identity) uidsDiffer(o *identity, records bool) string {
	for k := range id.uids {
		if _, ok := o.uids[k]; ok {
			return ""
		}
	}
	for _, record := range []bool{false, true} {
		if record && !records {
			continue
		}
		if slices.ContainsFunc(slices.Collect(maps.Keys(id.uids)), func(k string) bool { return isRecordUID(k) == record }) &&
			slices.ContainsFunc(slices.Collect(maps.Keys(o.uids)), func(k string) bool { return isRecordUID(k) == record }) {
			return "another vCard UID"
		}
	}
	return ""
}

// sharesUID reports whether id and o have a uid in common.
func (id *identity) sharesUID(o *identity) bool {
	for k := range id.uids {
		if _, ok := o.uids[k]; ok {
			return true
		}
	}
	return false
}

// isRecordUID reports whether a uid key is a RecordUID's.
func isRecordUID(k string) bool { return strings.HasPrefix(k, recordUIDPrefix) }

// otherPerson says, of a contact (qualified, the qualifiedKeys of its
// names; id) and a person who share only what is not one person's alone
// (an email: a family's address), that they are two people when their
// birthdays, both given, are other days and their names are not the
// same (John and Mary Smith), or their birthdays a generation apart
// (Peter Brown and his son). A contact whose birthday you corrected is
// still the person of its own name, numbered or qualified ("John Smith
// (2)") as it may be.
func otherPerson(qualified []string, id *identity, p Person, pid *identity) string {
	if id.sharesPersonal(pid) || !otherDay(id.birthday, pid.birthday) {
		return ""
	}
	if slices.Contains(qualified, qualifiedKey(p.Name)) && !generations(id.birthday, pid.birthday) {
		return "" // the same name: a birthday corrected, not another person
	}
	return "another birthday"
}

// generations reports whether two birthdays are a generation apart (a
// dozen years or more): Peter Brown and his son Peter, who share the
// family's address and their name, are two people; a birthday you
// corrected moved by days or a year or two.
func generations(a, b content.Birthday) bool {
	if a.Year == 0 || b.Year == 0 {
		return false
	}
	d := a.Year - b.Year
	return d >= 12 || d <= -12
}

// otherDay reports whether two birthdays, both given, are other days:
// another month or day, or another year where both have one.
func otherDay(a, b content.Birthday) bool {
	if !a.IsSet() || !b.IsSet() {
		return false
	}
	return a.Month != b.Month || a.Day != b.Day || (a.Year != 0 && b.Year != 0 && a.Year != b.Year)
}

func sitesOf(profiles map[string]string, site string) []string {
	var out []string
	for _, k := range sortedKeys(profiles) {
		if strings.HasPrefix(k, site+":") {
			out = append(out, k)
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// uidKey folds a vCard UID: "urn:uuid:" and case are ignored.
func uidKey(uid string) string {
	u := strings.ToLower(strings.TrimSpace(uid))
	return strings.TrimPrefix(u, "urn:uuid:")
}

// ProfileKey folds the URL of a profile on a social site to the account it
// names — "linkedin:ana-lima-example" for https://pt.linkedin.com/in/Ana-Lima-Example/
// and for linkedin.com/in/ana-lima-example — and returns "" for any other
// URL: a website, a company's page, a post. Scheme, "www.", the case of
// the host and the account, a final slash and a query are ignored.
func ProfileKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	for _, p := range []string{"www.", "m.", "mobile."} {
		host = strings.TrimPrefix(host, p)
	}
	var segs []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			segs = append(segs, strings.ToLower(s))
		}
	}
	// account is the one path segment of a profile such as github.com/ana.
	account := func(site string, reserved ...string) string {
		if len(segs) != 1 || slices.Contains(reserved, segs[0]) {
			return ""
		}
		return site + ":" + strings.TrimPrefix(segs[0], "@")
	}
	switch {
	case host == "linkedin.com" || strings.HasSuffix(host, ".linkedin.com"):
		switch {
		case len(segs) >= 2 && segs[0] == "in":
			return "linkedin:" + segs[1]
		case len(segs) >= 2 && segs[0] == "pub": // the profile URLs of before 2015
			return "linkedin:pub/" + strings.Join(segs[1:], "/")
		}
		return "" // a company, a school, a post
	case host == "twitter.com" || host == "x.com":
		return account("x", "home", "i", "intent", "share", "search", "hashtag", "explore", "settings")
	case host == "github.com":
		return account("github", "orgs", "sponsors", "features", "about", "topics", "settings", "marketplace")
	case host == "gitlab.com":
		return account("gitlab", "explore", "users", "groups")
	case host == "bsky.app":
		if len(segs) == 2 && segs[0] == "profile" {
			return "bluesky:" + segs[1]
		}
		return ""
	case host == "facebook.com":
		if len(segs) == 1 && segs[0] == "profile.php" && u.Query().Get("id") != "" {
			return "facebook:" + u.Query().Get("id")
		}
		return account("facebook", "pages", "groups", "events", "profile.php")
	case host == "instagram.com":
		return account("instagram", "p", "explore")
	case len(segs) == 1 && len(segs[0]) > 1 && segs[0][0] == '@':
		// Mastodon and the fediverse, Medium, YouTube, Threads: host/@account.
		return "@" + segs[0][1:] + "@" + host
	}
	return ""
}

// namesakeKey folds a name for finding namesakes: NameKey, with the
// number an import gives a namesake's name — "John Smith (2)" — set aside.
func namesakeKey(name string) string { return Unnumbered(NameKey(name)) }

// Unnumbered is name without the number an import gives a namesake:
// John Smith for John Smith (2).
func Unnumbered(name string) string {
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		if n, err := strconv.Atoi(name[i+2 : len(name)-1]); err == nil && n > 0 {
			return name[:i]
		}
	}
	return name
}

// qualifiedKey folds a name as namesakeKey does, with any qualifier in
// parentheses at its end set aside: "John Smith (Globex)" is John Smith,
// whom the user told apart from another. A record of no identifier is
// looked for among these, so that renaming an imported "John Smith (2)"
// does not make the next import create it again; and a merge does not
// report the qualified name as a conflict.
func qualifiedKey(name string) string {
	k := NameKey(name)
	if i := strings.LastIndex(k, " ("); i > 0 && strings.HasSuffix(k, ")") && !strings.Contains(k[i+2:], "(") {
		return k[:i]
	}
	return k
}

// numbered is a namesake's name as an import writes it: "John Smith (2)",
// the number of its file, john-smith-2.md.
func numbered(name string, n int) string {
	return fmt.Sprintf("%s (%d)", name, n)
}

// nameKeys are the keys a contact answers to, by key: its name, its
// aliases and its slug.
func nameKeys(c *content.Contact, key func(string) string) []string {
	keys := []string{key(c.Name), key(c.Slug)}
	for _, a := range c.Aliases {
		keys = append(keys, key(a))
	}
	return keys
}

// PossibleDuplicates pairs the contacts that may be one person written
// twice: they answer to the same name (by name, alias or slug, the number
// an import gives a namesake, "John Smith (2)", set aside) and no
// identifier says they are two people (two LinkedIn profiles, two uids).
// Each pair is a pair of indexes into contacts, the lower first, in order.
func PossibleDuplicates(contacts []*content.Contact) [][2]int {
	byKey := map[string][]int{}
	for i, c := range contacts {
		for _, k := range nameKeys(c, namesakeKey) {
			if k != "" && !slices.Contains(byKey[k], i) {
				byKey[k] = append(byKey[k], i)
			}
		}
	}
	ids := make([]*identity, len(contacts))
	seen := map[[2]int]bool{}
	var out [][2]int
	for _, group := range byKey {
		for a := 0; a < len(group); a++ {
			for b := a + 1; b < len(group); b++ {
				pair := [2]int{min(group[a], group[b]), max(group[a], group[b])}
				if seen[pair] {
					continue
				}
				seen[pair] = true
				for _, i := range pair {
					if ids[i] == nil {
						ids[i] = contactIdentity(contacts[i])
					}
				}
				// Two files an import made of two records are possible
				// duplicates still (the plumber and Ana's dad, both Sara
				// Cain): two RecordUIDs are two records, not two people.
				if ids[pair[0]].profilesDiffer(ids[pair[1]]) == "" && ids[pair[0]].uidsDiffer(ids[pair[1]], false) == "" {
					out = append(out, pair)
				}
			}
		}
	}
	slices.SortFunc(out, func(x, y [2]int) int {
		if x[0] != y[0] {
			return x[0] - y[0]
		}
		return x[1] - y[1]
	})
	return out
}

// isAddress reports whether an email key (EmailKey) is an address: a
// name, an @ and a host.
func isAddress(k string) bool {
	local, host, ok := strings.Cut(k, "@")
	return ok && local != "" && host != "" && !strings.ContainsAny(k, " \t")
}

// namesMeet reports whether a person (its name and nicknames) and a
// contact (its names, nameKeys with NameKey) may be one person by their
// names: one of the person's is one of the contact's with words left
// out, or some given by their initials ("Ana L.", "A. Lima", "Lima,
// Ana", "Ana Lima Souza" and "Ana" are Ana Lima's), or the same written
// whole ("李 明" and "李明"). A word in common is not enough: John Smith and
// Mary Smith share a family's address and their family name, and are
// two people; so are Bruno Costa and Ana Lima, whatever else they share.
func namesMeet(contact []string, person Person) bool {
	for _, c := range contact {
		cw := nameParts(c)
		cWhole := strings.Join(strings.FieldsFunc(c, notNameRune), "")
		for _, n := range append([]string{person.Name}, person.Aliases...) {
			k := NameKey(n)
			if cWhole != "" && cWhole == strings.Join(strings.FieldsFunc(k, notNameRune), "") {
				return true // 李 明 and 李明
			}
			pw := nameParts(k)
			if partsWithin(cw, pw) || partsWithin(pw, cw) {
				return true
			}
		}
	}
	return false
}

// nameParts are the words of a folded name (NameKey), but for numbers:
// the 2 of "Ana Lima (2)", a namesake's file, is no part of her name.
func nameParts(key string) []string {
	return slices.DeleteFunc(strings.FieldsFunc(key, notNameRune), func(w string) bool {
		return strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
	})
}

// partsWithin reports whether every word of a, one or more, is a word of
// b, or the initial of one, or one's initial is that word.
func partsWithin(a, b []string) bool {
	if len(a) == 0 {
		return false
	}
	for _, w := range a {
		if !slices.ContainsFunc(b, func(x string) bool { return w == x || initialOf(w, x) || initialOf(x, w) }) {
			return false
		}
	}
	return true
}

// initialOf reports whether w is one letter, the first of word, in a
// script that writes initials (a letter with a case: Latin, Greek,
// Cyrillic): a Han character is a word of its own, 王 of 王伟 no initial.
func initialOf(w, word string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && r != utf8.RuneError && unicode.ToUpper(r) != unicode.ToLower(r) && strings.HasPrefix(word, w)
}

// notNameRune is what separates the words of a name.
func notNameRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// nameWords are the words of a folded name (NameKey) that tell it apart:
// those of two letters or more (not the A. of "A. Lima", nor the 2 of
// "Ana (2)"), or every word of a name that has none such ("李 明").
func nameWords(key string) []string {
	all := strings.FieldsFunc(key, notNameRune)
	long := slices.DeleteFunc(slices.Clone(all), func(w string) bool { return utf8.RuneCountInString(w) < 2 })
	if len(long) > 0 {
		return long
	}
	return all
}
