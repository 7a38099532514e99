package vcard

import (
	"encoding/base64"
	"fmt"
	"github.com/netjournal/netjournal/internal/markdown"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
)

// system are the labels address books add by themselves.
var system = map[string]bool{"mycontacts": true, "starred": true, "starred in android": true}

// person is what a card says of a person: every property a contact file
// keeps, and a line in Dropped for each one it does not.
func (c *rawCard) person(path string, card govcard.Card, warnings *content.ErrorList) contactfile.Person {
	p := contactfile.Person{Source: content.Position{Path: path, Line: c.start}}
	value := func(k string) string { return strings.TrimSpace(unescape(card.Value(k))) }
	warn := func(key string, i int, format string, args ...any) {
		warnings.Add(content.Position{Path: path, Line: c.at(key, i)}, format, args...)
	}
	drop := func(format string, args ...any) { p.Dropped = append(p.Dropped, fmt.Sprintf(format, args...)) }

	names := fields(card, govcard.FieldFormattedName)
	if i := one(&p, "name", names...); i >= 0 {
		p.Name = strings.Join(strings.Fields(names[i].value), " ")
	}
	n := c.name(card)
	if p.Name == "" && n != nil {
		p.Name = strings.Join(strings.Fields(unescape(n.GivenName+" "+n.AdditionalName+" "+n.FamilyName)), " ")
	}
	// ORG is Company;Unit: the company ends at the first semicolon that is
	// not escaped, which only the raw line still tells (go-vcard unescapes
	// \\ but not \;). list unescapes it; a comma, escaped or not, is text.
	orgs := c.raw(govcard.FieldOrganization)
	org := slices.IndexFunc(orgs, func(o string) bool { return strings.TrimSpace(firstComponent(o)) != "" })
	if org < 0 { // units without a company
		org = slices.IndexFunc(orgs, func(o string) bool { return len(nonEmpty(components(o)...)) > 0 })
	}
	if org >= 0 {
		p.Company = strings.TrimSpace(strings.Join(list(firstComponent(orgs[org])), ","))
	}
	// vCard 4's KIND, or what address books wrote before it: Apple's
	// (iCloud, macOS Contacts) for a group, Evolution's for a list.
	kind := strings.ToLower(value(govcard.FieldKind))
	if kind == "" {
		kind = strings.ToLower(value("X-ADDRESSBOOKSERVER-KIND"))
	}
	if kind == "" && strings.EqualFold(value("X-EVOLUTION-LIST"), "TRUE") {
		kind = "group"
	}
	switch {
	case kind == "org" || kind == "organization" || strings.EqualFold(value("X-ABSHOWAS"), "COMPANY"):
		p.Skip = "a company, not a person"
	case kind == "group" || kind == "location":
		p.Skip = "a " + kind + ", not a person"
	case p.Name == "":
		p.Skip = "no name"
	case (n == nil || strings.Trim(n.Value, "; ") == "") && p.Company != "" && strings.EqualFold(p.Name, p.Company):
		p.Skip = "a company, not a person"
	}
	if p.Skip != "" {
		return p
	}
	if org >= 0 {
		if units := nonEmpty(components(orgs[org])[1:]...); len(units) > 0 {
			drop("ORG unit %s", quoted(strings.Join(units, ", ")))
		}
		// A second ORG is another job (Google Contacts writes one ORG
		// and one TITLE for each): the contact keeps the first.
		all := func(o string) prop {
			return prop{govcard.FieldOrganization, strings.Join(nonEmpty(components(o)...), ", ")}
		}
		props := []prop{all(orgs[org])}
		for i, o := range orgs {
			if i != org {
				props = append(props, all(o))
			}
		}
		one(&p, "company", props...)
	}

	uids := fields(card, govcard.FieldUID)
	if i := one(&p, "uid", uids...); i >= 0 {
		p.UID = uids[i].value
	}
	// TITLE is the job title and ROLE the function; a contact file has
	// one role, which is the first title, else the first role.
	roles := append(fields(card, govcard.FieldTitle), fields(card, govcard.FieldRole)...)
	if i := one(&p, "role", roles...); i >= 0 {
		p.Role = roles[i].value
	}
	labels := map[string]string{}
	for _, f := range card["X-ABLABEL"] {
		if f.Group != "" {
			labels[f.Group] = f.Value
		}
	}
	for i, f := range card[govcard.FieldEmail] {
		e := strings.TrimPrefix(strings.TrimSpace(unescape(f.Value)), "mailto:")
		if e == "" {
			continue
		}
		as := emailAddresses(e)
		if len(as) == 0 {
			warn(govcard.FieldEmail, i, "EMAIL %s is not an email address: imported without it", quoted(f.Value))
			continue
		}
		for _, a := range as {
			p.Emails = append(p.Emails, content.Typed{Type: typeOf(f, labels), Value: a})
		}
	}
	for _, f := range card[govcard.FieldTelephone] {
		if t := strings.TrimPrefix(strings.TrimSpace(unescape(f.Value)), "tel:"); t != "" {
			for _, n := range content.PhoneNumbers(t) {
				p.Phones = append(p.Phones, content.Typed{Type: typeOf(f, labels), Value: n})
			}
		}
	}
	for i, f := range card[govcard.FieldURL] {
		u := webAddress(unescape(f.Value))
		if u == "" {
			warn(govcard.FieldURL, i, "URL %s is not a web address: imported without it", quoted(f.Value))
			continue
		}
		p.Links = append(p.Links, contactfile.Link{Name: label(labels[f.Group], f.Params.Types()), URL: u})
	}
	c.accounts(card, &p)
	p.Aliases = c.nicknames()
	if a := structuredName(n, p.Name); a != "" && !slices.ContainsFunc(p.Aliases, func(x string) bool { return strings.EqualFold(x, a) }) {
		p.Aliases = append(p.Aliases, a)
	}
	c.address(&p)
	if i := one(&p, "birthday", fields(card, govcard.FieldBirthday)...); i >= 0 {
		f := card[govcard.FieldBirthday][i]
		b, err := birthday(f)
		if err != nil {
			warn(govcard.FieldBirthday, i, "BDAY %s is not a date: imported without a birthday", quoted(f.Value))
		}
		p.Birthday = b
	}
	seen := map[string]bool{}
	for _, l := range c.lines {
		name, _, value := property(l.text)
		if name != govcard.FieldCategories {
			continue
		}
		for _, cat := range list(value) {
			cat = strings.TrimSpace(cat)
			if cat == "" || system[strings.ToLower(cat)] || seen[strings.ToLower(cat)] {
				continue
			}
			seen[strings.ToLower(cat)] = true
			p.Tags = append(p.Tags, cat)
		}
	}
	var notes []string
	for _, f := range card[govcard.FieldNote] {
		if t := strings.TrimSpace(unescape(f.Value)); t != "" {
			// Plain text, written into a Markdown body: shown as written
			// (<FDMID>9830431</FDMID> was raw HTML taken out, a*b*c
			// emphasis).
			notes = append(notes, markdown.EscapeText(t))
		}
	}
	var named []string
	if whole := wholeName(n, p.Name); whole != "" {
		named = []string{"- Full name: " + markdown.EscapeText(whole)}
	}
	if lines := slices.Compact(append(append(named, c.relations(card, labels)...), c.notes...)); len(lines) > 0 {
		notes = append(notes, strings.Join(lines, "\n"))
	}
	p.Notes = strings.Join(notes, "\n\n")
	c.photo(card, &p)
	c.others(card, &p)
	return p
}

// serviceNames are how the services of accounts kept in the notes are
// written, where not as their names with a capital.
var serviceNames = map[string]string{
	"xmpp": "XMPP", "jabber": "Jabber", "whatsapp": "WhatsApp", "icq": "ICQ", "aim": "AIM", "msn": "MSN",
	"qq": "QQ", "sip": "SIP", "irc": "IRC", "facetime": "FaceTime", "gadugadu": "Gadu-Gadu",
	"googletalk": "Google Talk", "gtalk": "Google Talk", "wechat": "WeChat", "im": "IM",
}

// capital is s with its first letter a capital (брат is Брат).
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// androidRelation reads Android's X-ANDROID-CUSTOM of a related person
// or a day of theirs (vnd.android.cursor.item/relation;Maria Lima;14;…,
// contact_event;2015-06-01;1;…): its label, by Android's types (a custom
// one's is its third component), and its value; "" for another.
func androidRelation(value string) (what, v string) {
	parts := components(value)
	if len(parts) < 3 {
		return "", ""
	}
	var types []string
	switch parts[0] {
	case "vnd.android.cursor.item/relation":
		types = []string{1: "Assistant", "Brother", "Child", "Domestic partner", "Father", "Friend", "Manager", "Mother", "Parent", "Partner", "Referred by", "Relative", "Sister", "Spouse"}
		what = "Related"
	case "vnd.android.cursor.item/contact_event":
		types = []string{1: "Anniversary", "Date", "Birthday"}
		what = "Date"
	default:
		return "", ""
	}
	if n, err := strconv.Atoi(parts[2]); err == nil && n > 0 && n < len(types) {
		what = types[n]
	} else if n == 0 && len(parts) > 3 && strings.TrimSpace(parts[3]) != "" {
		what = strings.TrimSpace(parts[3])
	}
	return what, strings.TrimSpace(parts[1])
}

// relationProps are the properties that name someone the person knows, or
// a day of theirs, with the label each has when the card gives none.
var relationProps = map[string]string{
	"X-ABRELATEDNAMES": "Related", "RELATED": "Related",
	"X-ABDATE": "Date", "ANNIVERSARY": "Anniversary", "X-ANNIVERSARY": "Anniversary", "X-EVOLUTION-ANNIVERSARY": "Anniversary",
	"X-SPOUSE": "Spouse", "X-EVOLUTION-SPOUSE": "Spouse", "X-MS-SPOUSE": "Spouse", "X-WAB-SPOUSE_NAME": "Spouse",
	"X-MS-ANNIVERSARY": "Anniversary", "X-WAB-WEDDING_ANNIVERSARY": "Anniversary",
	"X-MANAGER": "Manager", "X-EVOLUTION-MANAGER": "Manager", "X-MS-MANAGER": "Manager",
	"X-ASSISTANT": "Assistant", "X-EVOLUTION-ASSISTANT": "Assistant", "X-MS-ASSISTANT": "Assistant",
	// KAddressBook's, and what of a person it keeps beside them.
	"X-KADDRESSBOOK-X-SPOUSESNAME": "Spouse", "X-KADDRESSBOOK-X-MANAGERSNAME": "Manager",
	"X-KADDRESSBOOK-X-ASSISTANTSNAME": "Assistant", "X-KADDRESSBOOK-X-ANNIVERSARY": "Anniversary",
	"X-KADDRESSBOOK-X-PROFESSION": "Profession", "X-KADDRESSBOOK-X-DEPARTMENT": "Department",
	"X-KADDRESSBOOK-X-OFFICE": "Office",
}

// relations are the lines, in the card's order, that keep in the notes
// what a contact file has no key for, as a list: the people the card
// names (- Spouse: Maria Lima) and its days (- Anniversary: 2015-06-20),
// labelled as the address book labelled them (Apple's X-ABLabel, vCard
// 4's TYPE), a day written as a date when it reads as one.
func (c *rawCard) relations(card govcard.Card, labels map[string]string) []string {
	var out []string
	seen := map[string]int{} // of each property, the fields taken
	for _, l := range c.lines {
		name, _, value := property(l.text)
		if name == "X-ANDROID-CUSTOM" {
			if what, v := androidRelation(value); v != "" {
				out = append(out, "- "+markdown.EscapeText(capital(what))+": "+markdown.EscapeText(v))
			}
			continue
		}
		what, ok := relationProps[name]
		if !ok {
			continue
		}
		fields := card[name]
		i := seen[name]
		seen[name]++
		if i >= len(fields) {
			continue
		}
		f := fields[i]
		v := strings.Join(strings.Fields(unescape(f.Value)), " ") // one line of the list
		if v == "" {
			continue
		}
		if t := f.Params.Types(); name == "RELATED" && len(t) > 0 && t[0] != "" {
			what = t[0]
		}
		if n := c.names[uidKey(v)]; n != "" && name == "RELATED" && strings.HasPrefix(strings.ToLower(v), "urn:uuid:") {
			// Another card of the file, by its UID: its name as the card
			// gives it, and the UID, which says whom whatever name the
			// import gives the contact (John Smith (2), or the name of
			// the contact it merges into).
			v = n + " (" + v + ")"
		}
		if label := appleLabel(labels[f.Group]); label != "" {
			what = label
		}
		if strings.Contains(name, "DATE") || strings.Contains(name, "ANNIVERSARY") {
			if d, err := birthday(f); err == nil && d.IsSet() {
				v = d.String()
			}
		}
		out = append(out, "- "+markdown.EscapeText(capital(what))+": "+markdown.EscapeText(v))
	}
	return out
}

// wholeName is the name a card's N gives, with its titles, additional
// names and suffixes, when these hold a word its FN (name) has not (Ana
// Lima of N:Lima;Ana;Beatriz;Dr.;PhD): they are kept in the notes, the
// contact having no key for them.
func wholeName(n *govcard.Name, name string) string {
	if n == nil || name == "" {
		return ""
	}
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(unescape(s)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	has := map[string]bool{}
	for _, w := range words(name) {
		has[w] = true
	}
	more := false
	for _, w := range words(n.HonorificPrefix + " " + n.AdditionalName + " " + n.HonorificSuffix) {
		more = more || !has[w]
	}
	if !more {
		return ""
	}
	return strings.Join(strings.Fields(unescape(strings.Join([]string{n.HonorificPrefix, n.GivenName, n.AdditionalName, n.FamilyName, n.HonorificSuffix}, " "))), " ")
}

// structuredName is the name a card's N gives, given name then family
// name, when it is another than its FN (name): an alias, so that the
// person's full name finds the contact whose FN is a short one
// (Vangelis for Evangelos Papathanassiou), or one with more than a name
// (Иван Петров (Acme)). The same words in another order (山田 太郎), or
// N that is FN cut in its parts (Mr. John Doe Sr.), are no other name.
func structuredName(n *govcard.Name, name string) string {
	if n == nil {
		return ""
	}
	full := strings.Join(strings.Fields(unescape(n.GivenName+" "+n.FamilyName)), " ")
	if full == "" || name == "" {
		return ""
	}
	words := func(s string) []string {
		w := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		slices.Sort(w)
		return w
	}
	// The name (in any order: 山田 太郎), or the name of a namesake an
	// import numbered (John Smith (2)); or N is the name cut in its parts,
	// title, additional names and suffix too (Mr. John Richter Doe Sr., as
	// export vcard writes it).
	whole := unescape(strings.Join([]string{n.HonorificPrefix, n.GivenName, n.AdditionalName, n.FamilyName, n.HonorificSuffix}, " "))
	bare := pronouns.ReplaceAllString(name, " ") // Debbie Yee of "Debbie Yee (she/her)"
	for _, w := range []string{full, whole} {
		if slices.Equal(words(w), words(name)) || slices.Equal(words(w), words(contactfile.Unnumbered(name))) || slices.Equal(words(w), words(bare)) {
			return ""
		}
	}
	// A name written without spaces between its parts, family first
	// (刘小, 山田太郎), is the same name: "小 刘" is none of its own.
	familyFirst := strings.ContainsFunc(name, func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana)
	})
	if run := strings.Join(strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), ""); familyFirst && run != "" &&
		(unescape(strings.ToLower(n.FamilyName+n.GivenName)) == run || unescape(strings.ToLower(n.GivenName+n.FamilyName)) == run) {
		return ""
	}
	return full
}

// typeOf is the type of an email or a phone number, in words a contact
// file keeps: "cell", "work", "work fax", or the address book's own label
// ("assistant"); "" when it says nothing more than voice, internet or pref.
func typeOf(f *govcard.Field, labels map[string]string) string {
	var where, what []string
	add := func(list *[]string, w string) {
		if w != "" && !slices.Contains(*list, w) {
			*list = append(*list, w)
		}
	}
	var types []string
	for _, t := range f.Params.Types() {
		types = append(types, strings.Split(t, ",")...)
	}
	params := len(types) // a label after them is the user's own word
	for _, t := range strings.Split(labels[f.Group], ",") {
		types = append(types, t)
	}
	for i, t := range types {
		t = appleLabel(t)
		t = strings.TrimPrefix(t, "@") // a label as some apps write one: @work
		written := strings.Join(strings.Fields(t), " ")
		switch t = strings.ToLower(t); t {
		case "home", "work":
			add(&where, t)
		case "cell", "mobile", "iphone":
			add(&what, "cell")
		case "homefax", "workfax":
			add(&where, strings.TrimSuffix(t, "fax"))
			add(&what, "fax")
		case "fax", "pager", "main", "car", "video", "text", "textphone", "isdn", "school", "modem", "bbs":
			add(&what, t)
		case "", "voice", "internet", "pref", "x400", "other", "msg", "dom", "intl", "postal", "parcel", "x-internet":
		default:
			if strings.HasPrefix(t, "x-") || strings.Contains(t, "=") || (i < params && bareParam(t)) {
				continue // a parameter vCard 2.1 wrote bare
			}
			if i >= params {
				add(&what, labelWords(written)) // a label, the user's words
			} else {
				add(&what, content.Slugify(t))
			}
		}
	}
	return strings.Join(append(where, what...), " ")
}

// bareParam reports whether a type is one of the parameters vCard 2.1
// may write bare, as a type (TEL;WORK;VOICE;utf-8;QUOTED-PRINTABLE;de-DE):
// an encoding, a character set, a language, where its value is.
func bareParam(t string) bool {
	switch t {
	case "quoted-printable", "base64", "b", "8bit", "7bit", "inline", "vcard", "url", "uri", "content-id", "cid":
		return true
	}
	if strings.HasPrefix(t, "utf-") || strings.HasPrefix(t, "iso-") || strings.HasPrefix(t, "windows-") || strings.HasPrefix(t, "shift_jis") || t == "us-ascii" {
		return true
	}
	return bareLanguage.MatchString(t)
}

// bareLanguage is a language tag with its script or region (de-de,
// zh-hant-tw), as a line's own parameter only, never an app's label (a
// label is the user's word: ex-wife, co-worker); two letters alone
// (TYPE=HQ) are not taken for one.
var bareLanguage = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})+$`)

// nicknames are the card's NICKNAME values (a list), and the nickname an
// Android phone writes as X-ANDROID-CUSTOM.
func (c *rawCard) nicknames() []string {
	var out []string
	for _, l := range c.lines {
		name, _, value := property(l.text)
		switch name {
		case "NICKNAME":
			for _, n := range list(value) {
				out = append(out, n)
			}
		case "X-ANDROID-CUSTOM":
			if parts := components(value); len(parts) > 1 && parts[0] == "vnd.android.cursor.item/nickname" {
				out = append(out, parts[1])
			}
		}
	}
	var clean []string
	for _, n := range out {
		if n = strings.Join(strings.Fields(n), " "); n != "" && !slices.Contains(clean, n) {
			clean = append(clean, n)
		}
	}
	return clean
}

// name is the card's N (its preferred, else its first), its parts split
// at the semicolons that are not escaped and unescaped: go-vcard splits
// "Lima\;Silva;Ana" at the escaped one too, and keeps its backslash.
func (c *rawCard) name(card govcard.Card) *govcard.Name {
	n := card.Name()
	raws := c.raw(govcard.FieldName)
	if n == nil || len(raws) == 0 {
		return n
	}
	raw := raws[0]
	for _, r := range raws {
		if strings.TrimSpace(r) == strings.TrimSpace(n.Value) {
			raw = r
			break
		}
	}
	parts := components(raw)
	for len(parts) < 5 {
		parts = append(parts, "")
	}
	out := *n
	out.FamilyName, out.GivenName, out.AdditionalName = parts[0], parts[1], parts[2]
	out.HonorificPrefix, out.HonorificSuffix = parts[3], parts[4]
	return &out
}

// address makes the location of the card's preferred address, else its
// first: the city (or the region) and the country. The rest is dropped.
func (c *rawCard) address(p *contactfile.Person) {
	var adrs [][]string
	pref := -1
	for _, l := range c.lines {
		name, params, value := property(l.text)
		if name != govcard.FieldAddress {
			continue
		}
		parts := components(value)
		for len(parts) < 7 {
			parts = append(parts, "")
		}
		if pref < 0 && preferred(params) {
			pref = len(adrs)
		}
		adrs = append(adrs, parts)
	}
	if len(adrs) == 0 {
		return
	}
	pref = max(pref, 0)
	for i, a := range adrs {
		if i != pref {
			p.Dropped = append(p.Dropped, fmt.Sprintf("ADR %s (the location keeps one address)", quoted(strings.Join(nonEmpty(a...), ", "))))
			continue
		}
		// PO box; extended; street; locality; region; postal code; country
		city, region := a[3], a[4]
		rest := []string{a[0], a[1], a[2], region, a[5]}
		if city == "" {
			city, rest[3] = region, ""
		}
		p.Location = strings.Join(nonEmpty(city, a[6]), ", ")
		if rest := nonEmpty(rest...); len(rest) > 0 {
			p.Dropped = append(p.Dropped, fmt.Sprintf("ADR %s (the location keeps the city and country)", quoted(strings.Join(rest, ", "))))
		}
	}
}

// preferred reports whether a property's parameters make it the
// preferred one: TYPE=PREF, PREF=1, or vCard 2.1's bare PREF.
func preferred(params string) bool {
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(strings.ToUpper(p), "=")
		switch {
		case k == "PREF", k == "TYPE" && slices.Contains(strings.Split(strings.Trim(v, `"`), ","), "PREF"):
			return true
		}
	}
	return false
}

// Accounts on social sites and messengers. A contact's links are web
// addresses, so an account becomes a link when its site has a profile
// page for it (twitter → https://x.com/NAME; a WhatsApp or Signal number
// → https://wa.me/NUMBER; a Matrix user → https://matrix.to/#/@USER:HOST);
// one that has none, such as Skype or XMPP, is dropped.
var profiles = map[string]string{
	"twitter": "https://x.com/%s", "x": "https://x.com/%s",
	"github": "https://github.com/%s", "gitlab": "https://gitlab.com/%s",
	"linkedin": "https://www.linkedin.com/in/%s", "facebook": "https://www.facebook.com/%s",
	"instagram": "https://www.instagram.com/%s", "telegram": "https://t.me/%s",
	"bluesky": "https://bsky.app/profile/%s", "threads": "https://www.threads.net/@%s",
	"youtube": "https://www.youtube.com/@%s", "medium": "https://medium.com/@%s",
	"tiktok": "https://www.tiktok.com/@%s", "flickr": "https://www.flickr.com/people/%s",
}

// uriScheme is a URI's scheme (RFC 3986): xmpp, skype, x-apple.
var uriScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)

// imSchemes are the URI schemes of IM accounts (RFC 6350's IMPP and the
// address books'): a value of another, under a type that names a
// service, is that service's user (Skype's live:.cid.123).
var imSchemes = map[string]bool{"xmpp": true, "sip": true, "sips": true, "skype": true, "aim": true, "icq": true, "msnim": true, "msn": true,
	"ymsgr": true, "gg": true, "tg": true, "irc": true, "ircs": true, "matrix": true, "x-apple": true, "facebook": true, "gtalk": true,
	"qq": true, "wechat": true, "weixin": true, "line": true, "whatsapp": true, "signal": true, "http": true, "https": true, "mailto": true, "tel": true}

// commonTypes are the types that say where or how much, not what: an
// IMPP's service is none of them.
var commonTypes = map[string]bool{"home": true, "work": true, "pref": true, "other": true, "internet": true, "personal": true, "business": true, "mobile": true, "cell": true}

// imProperties are the properties older address books write an account
// in, by the service they name.
var imProperties = map[string]string{
	"X-AIM": "aim", "X-ICQ": "icq", "X-JABBER": "xmpp", "X-MSN": "msn", "X-YAHOO": "yahoo",
	"X-SKYPE": "skype", "X-SKYPE-USERNAME": "skype", "X-GOOGLE-TALK": "gtalk", "X-GTALK": "gtalk",
	"X-QQ": "qq", "X-GADUGADU": "gadugadu", "X-TWITTER": "twitter", "X-TELEGRAM": "telegram",
	"X-MASTODON": "mastodon", "X-WECHAT": "wechat", "X-LINE": "line", "X-WHATSAPP": "whatsapp",
	"X-SIGNAL": "signal", "X-MATRIX": "matrix", "X-FACEBOOK": "facebook", "X-INSTAGRAM": "instagram", "X-GITHUB": "github",
	"X-MS-IMADDRESS": "im", // Outlook's, of no one service (Skype for Business, Teams)
}

// international is the digits of an international phone number (+44 7700
// 900456, 0044…), or "" for anything else: a number without its country
// code cannot make a messenger's address.
func international(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(" -.()/", r) {
			return -1
		}
		return r
	}, s)
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "00"):
		s = s[2:]
	default:
		return ""
	}
	if len(s) < 7 || len(s) > 15 || strings.TrimLeft(s, "0123456789") != "" || s[0] == '0' {
		return ""
	}
	return s
}

var (
	matrixUser = regexp.MustCompile(`^@?([a-z0-9._=/+-]{1,100}):([A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::[0-9]{1,5})?)$`)
	account    = regexp.MustCompile(`^@?([A-Za-z0-9][A-Za-z0-9._-]{0,99})$`)
	fediUser   = regexp.MustCompile(`^@?([A-Za-z0-9_.-]+)@([A-Za-z0-9.-]+\.[A-Za-z]+)$`)
)

func (c *rawCard) accounts(card govcard.Card, p *contactfile.Person) {
	// link makes a link of the account user on service, as prop wrote
	// it (raw), or drops it.
	link := func(prop, service, user, raw string) {
		service = strings.ToLower(strings.TrimSpace(service))
		user = strings.TrimSpace(user)
		if u, err := url.PathUnescape(user); err == nil && !strings.Contains(user, "://") && utf8.ValidString(u) {
			user = u // iOS writes x-apple:%2B44…; %80 alone is no text, kept as written
		}
		_, known := profiles[service]
		switch m, f := fediUser.FindStringSubmatch(user), account.FindStringSubmatch(user); {
		case service == "whatsapp" || service == "signal":
			// Messengers whose account is a phone number have a web
			// address for it, when the number is international.
			if d := international(user); d != "" {
				u := "https://wa.me/" + d
				if service == "signal" {
					u = "https://signal.me/#p/+" + d
				}
				p.Links = append(p.Links, contactfile.Link{Name: service, URL: u})
				return
			}
		case service == "matrix":
			if id := matrixUser.FindStringSubmatch(strings.TrimPrefix(user, "u/")); id != nil {
				p.Links = append(p.Links, contactfile.Link{Name: "matrix", URL: "https://matrix.to/#/@" + id[1] + ":" + strings.ToLower(id[2])})
				return
			}
		case strings.Contains(user, "://"):
			if u := webAddress(user); u != "" {
				p.Links = append(p.Links, contactfile.Link{Name: label("", []string{service}), URL: u})
				return
			}
		case m != nil && service == "mastodon":
			p.Links = append(p.Links, contactfile.Link{Name: "mastodon", URL: "https://" + strings.ToLower(m[2]) + "/@" + m[1]})
			return
		case f != nil && known:
			p.Links = append(p.Links, contactfile.Link{Name: service, URL: fmt.Sprintf(profiles[service], f[1])})
			return
		}
		if service == "" || user == "" {
			p.Dropped = append(p.Dropped, fmt.Sprintf("%s %s (links are web addresses)", prop, quoted(raw)))
			return
		}
		// An account with no web address (Skype, Jabber) is kept in
		// the notes, as the address book named it.
		name, ok := serviceNames[service]
		if !ok {
			name = capital(service)
		}
		line := "- " + markdown.EscapeText(name) + ": " + markdown.EscapeText(strings.Join(strings.Fields(user), " "))
		if !slices.Contains(c.notes, line) { // X-SKYPE and IMPP:skype: for one account
			c.notes = append(c.notes, line)
		}
	}
	for _, key := range []string{"X-SOCIALPROFILE", "SOCIALPROFILE"} {
		for _, f := range card[key] {
			v := strings.TrimSpace(unescape(f.Value))
			service := ""
			if types := f.Params.Types(); len(types) > 0 {
				service = types[0]
			}
			if u := webAddress(v); u != "" {
				p.Links = append(p.Links, contactfile.Link{Name: label("", f.Params.Types()), URL: u})
				continue
			}
			user := f.Params.Get("X-USER")
			if user == "" {
				user = strings.TrimPrefix(v, "x-apple:")
			}
			link(key, service, user, v)
		}
	}
	for _, f := range card["IMPP"] {
		v := strings.TrimSpace(unescape(f.Value))
		typed := "" // the service its type names (Nextcloud's TYPE=SKYPE)
		for _, t := range f.Params.Types() {
			if !commonTypes[strings.ToLower(t)] {
				typed = t
				break
			}
		}
		scheme, user, found := strings.Cut(v, ":")
		if !found || !uriScheme.MatchString(scheme) || typed != "" && !imSchemes[strings.ToLower(scheme)] {
			// No scheme (analima, skype@example.com, @ana:matrix.org, or
			// Skype's live:.cid.… under TYPE=SKYPE): Nextcloud's and
			// ownCloud's IMPP;TYPE=SKYPE:…, the service in its type.
			scheme, user = "", v
		}
		service := f.Params.Get("X-SERVICE-TYPE")
		if service == "" {
			service = map[string]string{"ymsgr": "yahoo", "msnim": "msn", "gg": "gadugadu", "tg": "telegram"}[strings.ToLower(scheme)]
		}
		if service == "" && scheme == "" {
			service = typed
		}
		if service == "" {
			service = scheme
		}
		if strings.HasPrefix(strings.ToLower(v), "http") {
			user = v
		}
		link("IMPP", service, strings.TrimPrefix(user, "//"), v)
	}
	for _, l := range c.lines {
		name, _, value := property(l.text)
		if service, ok := imProperties[name]; ok {
			v := strings.TrimSpace(unescape(value))
			if name == "X-MS-IMADDRESS" {
				// A SIP address, often with its scheme, and often again
				// in an IMPP the card got from another address book.
				if scheme, user, ok := strings.Cut(v, ":"); ok && (strings.EqualFold(scheme, "sip") || strings.EqualFold(scheme, "sips")) {
					service, v = "sip", strings.TrimSpace(user)
				}
				if slices.ContainsFunc(c.notes, func(n string) bool { return strings.HasSuffix(n, ": "+markdown.EscapeText(v)) }) {
					continue
				}
			}
			link(name, service, v, v)
		}
	}
}

// photo reads the card's photo: inline base64 (ENCODING=b, vCard 2.1's
// BASE64, a data: URI). A photo at a web address is never downloaded. A
// contact has one photo: the first that is an image; any other is listed.
func (c *rawCard) photo(card govcard.Card, p *contactfile.Person) {
	var kept string
	for _, f := range card[govcard.FieldPhoto] {
		v := strings.Join(strings.Fields(f.Value), "")
		switch {
		case v == "" || v == kept:
		case p.Photo != nil:
			p.Dropped = append(p.Dropped, "PHOTO (a contact keeps one photo)")
		default:
			photo, why := readPhoto(f)
			if why != "" {
				p.Dropped = append(p.Dropped, why)
				continue
			}
			p.Photo, kept = photo, v
		}
	}
}

// readPhoto returns the image of one PHOTO, or why it has none.
func readPhoto(f *govcard.Field) (*contactfile.Photo, string) {
	v := strings.TrimSpace(f.Value)
	encoding := strings.ToUpper(f.Params.Get("ENCODING"))
	var data string
	switch {
	case strings.HasPrefix(strings.ToLower(v), "data:"):
		meta, payload, _ := strings.Cut(v[len("data:"):], ",")
		if !strings.HasSuffix(strings.ToLower(meta), ";base64") {
			return nil, "PHOTO (a data: address that is not base64)"
		}
		data = payload
	case encoding == "B" || encoding == "BASE64" || f.Params.HasType("BASE64") || f.Params.HasType("B"):
		data = v
	case webAddress(v) != "" || strings.EqualFold(f.Params.Get("VALUE"), "uri") || strings.EqualFold(f.Params.Get("VALUE"), "url"):
		return nil, fmt.Sprintf("PHOTO %s (a photo on the web is not downloaded)", quoted(short(v)))
	default:
		data = v // no ENCODING, as some exporters write base64
	}
	b, err := decodeBase64(data)
	if err != nil {
		return nil, "PHOTO (not base64)"
	}
	photo, err := contactfile.NewPhoto(b)
	if err != nil {
		return nil, fmt.Sprintf("PHOTO (%v)", err)
	}
	return photo, ""
}

func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimRight(s, "=")
	if b, err := base64.RawStdEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return base64.RawURLEncoding.DecodeString(s)
}

// used are the properties person reads; quiet are those that say nothing
// of the person (the file's and the exporter's own), which are never
// listed as dropped.
var (
	used = map[string]bool{
		"FN": true, "N": true, "ORG": true, "TITLE": true, "ROLE": true, "EMAIL": true, "TEL": true, "URL": true,
		"X-SOCIALPROFILE": true, "SOCIALPROFILE": true, "IMPP": true, "NICKNAME": true, "ADR": true,
		"BDAY": true, "CATEGORIES": true, "NOTE": true, "PHOTO": true, "UID": true,
	}
	quiet = map[string]bool{
		"BEGIN": true, "END": true, "VERSION": true, "PRODID": true, "REV": true, "KIND": true,
		"X-ABSHOWAS": true, "X-ABUID": true, "X-ABLABEL": true, "X-ABADR": true, "CLIENTPIDMAP": true,
		"SORT-STRING": true, "SOURCE": true, "NAME": true, "MAILER": true, "X-MOZILLA-HTML": true,
		"X-EVOLUTION-FILE-AS": true, "X-ADDRESSBOOKSERVER-KIND": true, "X-EVOLUTION-LIST": true,
	}
)

// others lists in Dropped every property person does not read.
func (c *rawCard) others(card govcard.Card, p *contactfile.Person) {
	adr := card.Get(govcard.FieldAddress) != nil
	for _, l := range c.lines {
		name, params, value := property(l.text)
		switch {
		case name == "" || used[name] || quiet[name] || imProperties[name] != "" || relationProps[name] != "" || strings.HasPrefix(name, "X-MS-OL-"):
		case name == "LABEL" && adr: // the address, written out
		case name == "X-ANDROID-CUSTOM" && strings.HasPrefix(value, "vnd.android.cursor.item/nickname;"):
		case name == "X-ANDROID-CUSTOM" && func() bool { _, v := androidRelation(value); return v != "" }():
		case strings.Contains(strings.ToUpper(params), "BASE64") || strings.Contains(strings.ToUpper(params), "ENCODING=B"):
			p.Dropped = append(p.Dropped, name+" (binary data)")
		default:
			// Whole, up to a few lines' worth: the report is where a value
			// left out can be read again.
			v := strings.TrimRight(strings.Join(components(value), ";"), "; ")
			if r := []rune(v); len(r) > 200 {
				v = string(r[:200]) + "…"
			}
			p.Dropped = append(p.Dropped, fmt.Sprintf("%s %s", name, quoted(v)))
		}
	}
}

// components splits a structured value at its unescaped semicolons and
// unescapes each component: ADR, N, X-ANDROID-CUSTOM.
func components(value string) []string {
	var out []string
	for {
		first := firstComponent(value)
		out = append(out, strings.TrimSpace(strings.Join(list(first), ",")))
		if len(first) == len(value) {
			return out
		}
		value = value[len(first)+1:]
	}
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// prop is a property's name and its value, unescaped.
type prop struct{ key, value string }

// fields are the values of the properties called key, unescaped and
// trimmed.
func fields(card govcard.Card, key string) []prop {
	var out []prop
	for _, f := range card[key] {
		out = append(out, prop{key, strings.TrimSpace(unescape(f.Value))})
	}
	return out
}

// one returns the index of the first value of props that is not empty,
// the one that a contact file's field keeps, or -1, and lists every other
// value in Dropped: a contact file has one name, one company, one role,
// one birthday and one uid, and a card may hold several (Google Contacts
// writes an ORG and a TITLE for each of a person's organizations). A
// value written twice, case and spaces aside, is not listed again.
func one(p *contactfile.Person, what string, props ...prop) int {
	kept := -1
	seen := map[string]bool{}
	for i, pr := range props {
		v := strings.ToLower(strings.Join(strings.Fields(pr.value), " "))
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		if kept < 0 {
			kept = i
			continue
		}
		p.Dropped = append(p.Dropped, fmt.Sprintf("%s %s (a contact keeps one %s)", pr.key, quoted(pr.value), what))
	}
	return kept
}
