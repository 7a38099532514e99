// Package vcard exports contacts as vCard 3.0, the version phones and
// Google Contacts import, and reads the vCards (2.1, 3.0 and 4.0) that
// phones, Google and other address books export, for netjournal import
// vcard. It is the only importer of go-vcard.
package vcard

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"

	"github.com/netjournal/netjournal/internal/content"
)

// Options choose what an export holds.
type Options struct {
	Notes bool   // write each contact's notes as NOTE
	Host  string // the site's host, for stable UIDs: contact-<slug>@<host>
}

// Write writes contacts as vCard 3.0 cards: FN, N, ORG, TITLE, EMAIL, TEL,
// URL (labelled with the link's name), BDAY, CATEGORIES from the circle
// and the tags (one line, comma-separated), and NOTE when opts.Notes is set. Lines are folded at 75
// octets and end in CRLF, as RFC 2426 asks.
func Write(w io.Writer, contacts []*content.Contact, opts Options) error {
	for _, c := range contacts {
		var buf bytes.Buffer
		if err := govcard.NewEncoder(&buf).Encode(card(c, opts)); err != nil {
			return fmt.Errorf("%s: %w", c.Path, err)
		}
		text := semicolons(buf.String())
		if cats := categories(c); cats != "" {
			text = strings.TrimSuffix(text, "END:VCARD\r\n") + "CATEGORIES:" + cats + "\r\nEND:VCARD\r\n"
		}
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
	if opts.Host != "" {
		card.SetValue(govcard.FieldUID, fmt.Sprintf("contact-%s@%s", c.Slug, opts.Host))
	}
	card.SetValue(govcard.FieldFormattedName, c.Name)
	card.SetName(name(c.Name))
	if c.Company != "" {
		card.SetValue(govcard.FieldOrganization, c.Company) // its ; escaped by semicolons
	}
	if c.Role != "" {
		card.SetValue(govcard.FieldTitle, c.Role)
	}
	for i, e := range c.Email {
		params := govcard.Params{govcard.ParamType: {"INTERNET"}}
		if i == 0 && len(c.Email) > 1 {
			params.Add(govcard.ParamType, "PREF")
		}
		card.Add(govcard.FieldEmail, &govcard.Field{Value: e, Params: params})
	}
	for i, p := range c.Phone {
		f := &govcard.Field{Value: p}
		if i == 0 && len(c.Phone) > 1 {
			f.Params = govcard.Params{govcard.ParamType: {"PREF"}}
		}
		card.Add(govcard.FieldTelephone, f)
	}
	// Apple and Google label a URL with an X-ABLabel in the same group.
	for i, l := range c.Links {
		group := fmt.Sprintf("item%d", i+1)
		card.Add(govcard.FieldURL, &govcard.Field{Value: l.URL, Group: group})
		card.Add("X-ABLABEL", &govcard.Field{Value: l.Name, Group: group})
	}
	if b := c.Birthday; b.IsSet() {
		card.SetValue(govcard.FieldBirthday, b.String()) // --MM-DD without a year
	}
	if notes := strings.TrimSpace(c.Body); opts.Notes && notes != "" {
		card.SetValue(govcard.FieldNote, notes)
	}
	return card
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
// "Smith; Jones LLP" in two. N keeps its ';', which separate its parts.
func semicolons(text string) string {
	lines := strings.Split(text, "\r\n")
	for i, l := range lines {
		for _, p := range []string{"FN:", "TITLE:", "NOTE:", "ORG:"} {
			if v, ok := strings.CutPrefix(l, p); ok {
				lines[i] = p + strings.ReplaceAll(v, ";", `\;`)
			}
		}
	}
	return strings.Join(lines, "\r\n")
}

// escapeText escapes a text value as RFC 2426 asks: backslash, newline,
// comma and semicolon.
var escapeText = strings.NewReplacer(`\`, `\\`, "\n", `\n`, ",", `\,`, ";", `\;`).Replace

// name splits a full name for N: the last word is the family name, the
// rest the given names ("Ana Lima" → Lima;Ana). A one-word name is a given
// name.
func name(full string) *govcard.Name {
	words := strings.Fields(full)
	if len(words) < 2 {
		return &govcard.Name{GivenName: full}
	}
	return &govcard.Name{
		GivenName:  strings.Join(words[:len(words)-1], " "),
		FamilyName: words[len(words)-1],
	}
}

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
