// Package vcard exports contacts as vCard 3.0, the version phones and
// Google Contacts import, and reads the vCards (2.1, 3.0 and 4.0) that
// phones, Google and other address books export, for netjournal import
// vcard. It is the only importer of go-vcard.
package vcard

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"github.com/netjournal/netjournal/internal/markdown"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
)

// Options choose what an export holds.
type Options struct {
	Notes bool   // write each contact's notes as NOTE
	Host  string // the site's host, for stable UIDs: contact-<slug>@<host>
	// Photos are the contacts' photos, by the contact's path, as
	// content.ReadPhotos reads them: each is written as PHOTO.
	Photos map[string]content.Photo
}

// Write writes contacts as vCard 3.0 cards: UID (the contact's uid, else
// contact-<slug>@<host>), FN, N, NICKNAME from the aliases, ORG, TITLE,
// EMAIL and TEL with their types, ADR from the location (its city and
// country), URL (labelled with the link's name), BDAY, PHOTO, CATEGORIES
// from the circle and the tags (one line, comma-separated), and NOTE when
// opts.Notes is set. Lines are folded at 75 octets and end in CRLF, as
// RFC 2426 asks.
func Write(w io.Writer, contacts []*content.Contact, opts Options) error {
	for _, c := range contacts {
		var buf bytes.Buffer
		if err := govcard.NewEncoder(&buf).Encode(card(c, opts)); err != nil {
			return fmt.Errorf("%s: %w", c.Path, err)
		}
		text := semicolons(buf.String())
		// Lists are written here, not by go-vcard, which escapes every
		// comma of a value (see categories).
		var lists string
		if len(c.Aliases) > 0 {
			lists += "NICKNAME:" + textList(c.Aliases) + "\r\n"
		}
		if cats := categories(c); cats != "" {
			lists += "CATEGORIES:" + cats + "\r\n"
		}
		text = strings.TrimSuffix(text, "END:VCARD\r\n") + lists + "END:VCARD\r\n"
		if _, err := io.WriteString(w, fold(text)); err != nil {
			return err
		}
	}
	return nil
}

func card(c *content.Contact, opts Options) govcard.Card {
	card := govcard.Card{}
	card.SetValue(govcard.FieldVersion, "3.0")
	card.SetValue(govcard.FieldProductID, "-//netjournal//netjournal//EN")
	switch {
	case c.UID != "":
		card.SetValue(govcard.FieldUID, c.UID)
	case opts.Host != "":
		card.SetValue(govcard.FieldUID, contactfile.ExportUID(c.Slug, opts.Host))
	}
	card.SetValue(govcard.FieldFormattedName, c.Name)
	card.SetName(name(c.Name)) // its parts' ; escaped by semicolons
	if c.Company != "" {
		card.SetValue(govcard.FieldOrganization, c.Company) // its ; escaped by semicolons
	}
	if c.Role != "" {
		card.SetValue(govcard.FieldTitle, c.Role)
	}
	// Apple and Google label a value with an X-ABLabel in the same group:
	// a URL with its name, an email or a phone with a type that vCard has
	// no TYPE for.
	items := 0
	label := func(key string, f *govcard.Field, name string) {
		if name == "" {
			card.Add(key, f)
			return
		}
		items++
		f.Group = fmt.Sprintf("item%d", items)
		card.Add(key, f)
		card.Add("X-ABLABEL", &govcard.Field{Value: name, Group: f.Group})
	}
	for i, e := range c.Emails {
		params := govcard.Params{govcard.ParamType: {"INTERNET"}}
		other := types(params, e.Type, emailTypes)
		if i == 0 && len(c.Emails) > 1 {
			params.Add(govcard.ParamType, "PREF")
		}
		label(govcard.FieldEmail, &govcard.Field{Value: e.Value, Params: params}, other)
	}
	for i, p := range c.Phones {
		params := govcard.Params{}
		other := types(params, p.Type, phoneTypes)
		if i == 0 && len(c.Phones) > 1 {
			params.Add(govcard.ParamType, "PREF")
		}
		f := &govcard.Field{Value: p.Value}
		if len(params) > 0 {
			f.Params = params
		}
		label(govcard.FieldTelephone, f, other)
	}
	if city, country := place(c.Location); city != "" || country != "" {
		card.Add(govcard.FieldAddress, &govcard.Field{Value: ";;;" + city + ";;;" + country})
	}
	for _, l := range c.Links {
		label(govcard.FieldURL, &govcard.Field{Value: l.URL}, l.Name)
	}
	if b := c.Birthday; b.IsSet() {
		card.SetValue(govcard.FieldBirthday, b.String()) // --MM-DD without a year
	}
	if p, ok := opts.Photos[c.Path]; ok {
		kind := strings.ToUpper(strings.TrimPrefix(p.Ext, "."))
		if kind == "JPG" {
			kind = "JPEG"
		}
		card.Add(govcard.FieldPhoto, &govcard.Field{Value: base64.StdEncoding.EncodeToString(p.Data),
			Params: govcard.Params{"ENCODING": {"b"}, govcard.ParamType: {kind}}})
	}
	if notes := strings.TrimSpace(c.Body); opts.Notes && notes != "" {
		// Plain text: as the body shows, without Markdown's escapes
		// (an imported note is written escaped, markdown.EscapeText).
		card.SetValue(govcard.FieldNote, markdown.Unescape(notes))
	}
	return card
}

// The TYPE values of vCard 3.0 (RFC 2426) for an email and a phone.
var (
	emailTypes = map[string]bool{"home": true, "work": true, "x400": true}
	phoneTypes = map[string]bool{"home": true, "work": true, "cell": true, "fax": true, "pager": true, "voice": true,
		"msg": true, "bbs": true, "modem": true, "car": true, "isdn": true, "video": true, "pcs": true}
)

// types adds to params the words of a contact's type that vCard has a
// TYPE for, and returns the others, for an X-ABLabel: "work fax" is
// TYPE=WORK,FAX; "assistant" is a label.
func types(params govcard.Params, typ string, known map[string]bool) (other string) {
	var rest []string
	for _, w := range strings.Fields(typ) {
		if known[strings.ToLower(w)] {
			params.Add(govcard.ParamType, strings.ToUpper(w))
		} else {
			rest = append(rest, w) // as written: Mum's phone
		}
	}
	return strings.Join(rest, " ")
}

// place splits a location into the city and the country of an ADR: the
// country is after the last comma ("Lisbon, Portugal"), and a location
// without one is a city. A semicolon would end the component early.
func place(location string) (city, country string) {
	location = strings.ReplaceAll(strings.TrimSpace(location), ";", ",")
	if i := strings.LastIndex(location, ", "); i >= 0 {
		return strings.TrimSpace(location[:i]), strings.TrimSpace(location[i+2:])
	}
	return location, ""
}

// textList writes a list value: each item escaped, separated by commas.
func textList(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = escapeText(it)
	}
	return strings.Join(out, ",")
}

// categories is the value of the card's one CATEGORIES line: the circle,
// then the tags, separated by commas, as RFC 2426 writes a list and as
// Google Contacts exports its labels ("CATEGORIES:myContacts,Friends").
// Readers that keep only one CATEGORIES line, go-vcard's Card.Categories
// among them, would drop every category after the first if each had a line
// of its own. go-vcard's encoder escapes every comma of a value, so Write
// adds this line itself.
func categories(c *content.Contact) string {
	var list []string
	if c.Circle != "" {
		list = append(list, c.Circle)
	}
	list = append(list, c.Tags...)
	for i, cat := range list {
		list[i] = escapeText(cat)
	}
	return strings.Join(list, ",")
}

// semicolons escapes the ';' of the text values go-vcard's encoder leaves
// alone (it escapes '\\', ',' and newlines): in FN, TITLE and NOTE a bare
// ';' breaks strict readers, and in ORG it would start a unit, cutting
// "Smith; Jones LLP" in two. N keeps the ';' that separate its parts, and
// escapes those of its parts (nSemicolon).
func semicolons(text string) string {
	lines := strings.Split(text, "\r\n")
	for i, l := range lines {
		for _, p := range []string{"FN:", "TITLE:", "NOTE:", "ORG:"} {
			if v, ok := strings.CutPrefix(l, p); ok {
				lines[i] = p + strings.ReplaceAll(v, ";", `\;`)
			}
		}
		if strings.HasPrefix(l, "N:") {
			lines[i] = strings.ReplaceAll(l, nSemicolon, `\;`)
		}
	}
	return strings.Join(lines, "\r\n")
}

// escapeText escapes a text value as RFC 2426 asks: backslash, newline,
// comma and semicolon.
var escapeText = strings.NewReplacer(`\`, `\\`, "\n", `\n`, ",", `\,`, ";", `\;`).Replace

// name splits a full name for N as people write one: the last word is
// the family name, the rest the given names ("Ana Maria Lima" → Lima;Ana
// Maria); a title before it and a
// suffix after it (Dr., Jr., PhD) are N's prefix and suffix; "Lima, Ana"
// is family name first, and so is a name in Chinese, Japanese or Korean
// (佐藤 花子 → 佐藤;花子). A one-word name is a given name, but after a
// title (Prof. Smith). A ; in a part is written as nSemicolon, which
// semicolons escapes: go-vcard joins the parts with bare ones, and
// escapes none of theirs.
func name(full string) *govcard.Name {
	// The number an import gives a namesake, John Smith (2), is FN's
	// alone: N's family name "(2)" had phones list him under "(".
	full = strings.ReplaceAll(contactfile.Unnumbered(full), ";", nSemicolon)
	// Pronouns in parentheses, "(she/her)", are no part of a name: N's
	// family name was "(she/her)".
	full = pronouns.ReplaceAllString(full, " ")
	words := strings.Fields(full)
	n := &govcard.Name{}
	var suffixes []string
	for len(words) > 1 && nameAffixes[affixKey(words[len(words)-1])] == "suffix" {
		suffixes = append([]string{strings.TrimLeft(words[len(words)-1], ",")}, suffixes...)
		words = words[:len(words)-1]
	}
	rest := strings.TrimRight(strings.Join(words, " "), ", "+nSemicolon)
	family, given, comma := strings.Cut(rest, ",")
	if comma && credentials(family, given) {
		// "Jane Doe, CFA": letters after a name, not a given name; and
		// those before the comma ("Cole Trosclair MBA, LCB"), while two
		// words of the name are left.
		suffixes = append([]string{strings.TrimSpace(given)}, suffixes...)
		rest, comma = strings.TrimSpace(family), false
		w := strings.Fields(rest)
		for len(w) > 2 && shortCapitals(w[len(w)-1]) {
			suffixes = append([]string{w[len(w)-1]}, suffixes...)
			w = w[:len(w)-1]
		}
		rest = strings.Join(w, " ")
	}
	n.HonorificSuffix = strings.Join(suffixes, " ")
	if comma {
		words = strings.Fields(given)
	} else {
		words = strings.Fields(rest)
	}
	var prefixes []string
	for len(words) > 1 && nameAffixes[affixKey(words[0])] == "prefix" {
		prefixes, words = append(prefixes, words[0]), words[1:]
	}
	n.HonorificPrefix = strings.Join(prefixes, " ")
	switch {
	case comma:
		n.FamilyName = strings.TrimSpace(family)
	case len(words) == 1 && len(prefixes) > 0:
		n.FamilyName, words = words[0], nil
	case len(words) > 1 && familyFirst(words[0]):
		n.FamilyName, words = words[0], words[1:]
	case len(words) > 1:
		n.FamilyName, words = words[len(words)-1], words[:len(words)-1]
	}
	n.GivenName = strings.Join(words, " ")
	return n
}

// credentials reports whether after, what follows a name (before) and a
// comma, is letters after a name (CFA, Ph.D.), which "Family, Given" is
// not: each word a suffix nameAffixes knows; or, after a name of two words
// or more (Jane Doe, MS), short words in capitals. One word before the
// comma is a family name: DOE, JANE and Doe, J.A. are family name first.
func credentials(before, after string) bool {
	words := strings.FieldsFunc(after, func(r rune) bool { return r == ' ' || r == ',' })
	if len(words) == 0 {
		return false
	}
	if !slices.ContainsFunc(words, func(w string) bool { return nameAffixes[affixKey(w)] != "suffix" }) {
		return true
	}
	// A name in capitals (VAN DYKE, JOHN) has its given name in capitals.
	return len(strings.Fields(before)) >= 2 && !allCapitals(before) && !slices.ContainsFunc(words, func(w string) bool { return !shortCapitals(w) })
}

// shortCapitals reports whether w is letters after a name as people write
// them: two to four capitals, with dots, or such parts joined by hyphens
// (MS, PMP, C.P.A., PMI-ACP).
func shortCapitals(w string) bool {
	for _, part := range strings.Split(w, "-") {
		letters := strings.ReplaceAll(part, ".", "")
		if len(letters) < 2 || len(letters) > 4 || strings.Trim(letters, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return false
		}
	}
	return true
}

// allCapitals reports whether s has letters and none in lower case.
func allCapitals(s string) bool {
	return strings.ContainsFunc(s, unicode.IsLetter) && !strings.ContainsFunc(s, unicode.IsLower)
}

// pronouns are pronouns in parentheses after a name, as LinkedIn's names
// give them ("(she/her)", "(they/them)"), with the space before.
var pronouns = regexp.MustCompile(`(?i)\s*\(\s*(?:` + pronounWords + `)(?:\s*/\s*(?:` + pronounWords + `))+\s*\)`)

// pronounWords are the words of pronouns as people give them after a
// name ("(she/her)", "(they/them/theirs)"): not a company's or a place's
// ("(Acme/Moscow)").
const pronounWords = `she|her|hers|he|him|his|they|them|their|theirs|xe|xem|xyr|ze|zir|hir|ey|em|eir|fae|faer|it|its|any|all`

// nameAffixes are the titles written before a name and the suffixes after
// it, by affixKey.
var nameAffixes = map[string]string{
	"mr": "prefix", "mrs": "prefix", "ms": "prefix", "miss": "prefix", "mx": "prefix", "dr": "prefix",
	"prof": "prefix", "sir": "prefix", "dame": "prefix", "rev": "prefix", "fr": "prefix",
	"jr": "suffix", "sr": "suffix", "ii": "suffix", "iii": "suffix", "iv": "suffix",
	"phd": "suffix", "md": "suffix", "esq": "suffix", "mba": "suffix",
	"cfa": "suffix", "cpa": "suffix", "dds": "suffix", "rn": "suffix", "pmp": "suffix",
	"cissp": "suffix", "fca": "suffix", "obe": "suffix", "mbe": "suffix", "cbe": "suffix", "qc": "suffix", "kc": "suffix",
}

// affixKey is a word as nameAffixes knows it: lower case, without dots
// and commas ("Ph.D.," is phd).
func affixKey(w string) string {
	return strings.ToLower(strings.NewReplacer(".", "", ",", "").Replace(w))
}

// familyFirst reports whether a name whose first word is w is written
// family name first: one in Chinese, Japanese or Korean.
func familyFirst(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// nSemicolon stands for a ; of a part of N until semicolons escapes it: a
// character of Unicode's private use, which no name has (a name that has
// it anyway has it as ; in its N).
const nSemicolon = "\uE03B"

// fold folds every line longer than 75 octets, never inside a UTF-8
// sequence: CRLF and a space start each continuation.
func fold(text string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(text, "\r\n") {
		body := strings.TrimSuffix(line, "\r\n")
		limit := 75
		for len(body) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(body[cut]) {
				cut--
			}
			b.WriteString(body[:cut] + "\r\n ")
			body = body[cut:]
			limit = 74 // the leading space counts
		}
		b.WriteString(body)
		if strings.HasSuffix(line, "\r\n") {
			b.WriteString("\r\n")
		}
	}
	return b.String()
}
