package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	govcard "github.com/emersion/go-vcard"
)

// exportSite is a small site for the export commands.
var exportSite = map[string]string{
	"netjournal.yaml": "title: T\nbase_url: https://notes.example/\n",
	"content/contacts/ana-lima.md": "---\nname: Ana Lima\ncircle: core\ncompany: Tidewater\n" +
		"email: ana@example.com\ntags: [mentor]\nbirthday: 1990-06-12\n---\nNotes, with a comma; and more.\n",
	"content/contacts/bo.md": "---\nname: Bo\nuid: urn:uuid:6f1c2a9e-bo\n---\n",
	"content/events/coffee.md": "---\ntitle: Coffee\ndate: 2026-11-01\nwith: [ana-lima, bo]\n" +
		"followups:\n  - due: 2026-11-20\n    what: send both the deck, with notes\n---\n",
}

// export runs netjournal export in a new copy of exportSite.
func export(t *testing.T, args ...string) []byte {
	t.Helper()
	dir := t.TempDir()
	for p, s := range exportSite {
		path := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"-C", dir, "export"}, args...), strings.NewReader(""), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	return stdout.Bytes()
}

// TestExportICSParsesBack: golang-ical reads what export ics writes.
func TestExportICSParsesBack(t *testing.T) {
	cal, err := ics.ParseCalendar(bytes.NewReader(export(t, "ics", "--now", "2026-11-22")))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, ev := range cal.Events() {
		start, err := ev.GetAllDayStartAt()
		if err != nil {
			t.Fatalf("%s: %v", ev.Id(), err)
		}
		got[ev.Id()] = start.Format("2006-01-02") + " " + ics.FromText(ev.GetProperty(ics.ComponentPropertySummary).Value)
	}
	want := map[string]string{
		"followup-coffee-4b35b80b@notes.example": "2026-11-20 Follow up with Ana Lima, Bo: send both the deck, with notes",
		"cadence-ana-lima@notes.example":         "2026-12-01 Get in touch with Ana Lima",
	}
	if len(got) != len(want) {
		t.Errorf("events: %v", got)
	}
	for uid, w := range want {
		if got[uid] != w {
			t.Errorf("%s = %q, want %q", uid, got[uid], w)
		}
	}
}

// TestExportVCardParsesBack: go-vcard reads what export vcard writes.
func TestExportVCardParsesBack(t *testing.T) {
	dec := govcard.NewDecoder(bytes.NewReader(export(t, "vcard", "--circle", "core", "--notes")))
	var cards []govcard.Card
	for {
		c, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		cards = append(cards, c)
	}
	if len(cards) != 1 {
		t.Fatalf("%d cards for --circle core, want Ana's alone", len(cards))
	}
	c := cards[0]
	for field, want := range map[string]string{
		govcard.FieldVersion:       "3.0",
		govcard.FieldFormattedName: "Ana Lima",
		govcard.FieldOrganization:  "Tidewater",
		govcard.FieldEmail:         "ana@example.com",
		govcard.FieldBirthday:      "1990-06-12",
		govcard.FieldNote:          "Notes, with a comma; and more.",
		govcard.FieldUID:           "contact-ana-lima@notes.example",
	} {
		// RFC 2426 escapes ';' in text; go-vcard unescapes '\,' and '\n'
		// but leaves '\;' as written (netjournal's own import unescapes it).
		if got := strings.ReplaceAll(c.Value(field), `\;`, ";"); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	if got := c.Categories(); strings.Join(got, "|") != "core|mentor" {
		t.Errorf("go-vcard reads the categories %q, want core and mentor", got)
	}
}

// TestExportVCardUID: a contact's uid is its card's UID; a contact
// without one keeps the UID an export always gave it, so that a phone
// that imported it matches it again.
func TestExportVCardUID(t *testing.T) {
	dec := govcard.NewDecoder(bytes.NewReader(export(t, "vcard")))
	uids := map[string]string{}
	for {
		c, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		uids[c.Value(govcard.FieldFormattedName)] = c.Value(govcard.FieldUID)
	}
	if uids["Bo"] != "urn:uuid:6f1c2a9e-bo" || uids["Ana Lima"] != "contact-ana-lima@notes.example" {
		t.Errorf("UIDs: %v", uids)
	}
}
