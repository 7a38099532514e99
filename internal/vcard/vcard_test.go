package vcard

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
)

func summary(p contactfile.Person) string {
	s := fmt.Sprintf("%d %s", p.Source.Line, p.Name)
	if p.Skip != "" {
		return s + " (skip: " + p.Skip + ")"
	}
	s += fmt.Sprintf(" | %s | %s | %s | %s", p.Company, p.Role, strings.Join(content.TypedList(p.Emails).Values(), ","), strings.Join(content.TypedList(p.Phones).Values(), ","))
	for _, l := range p.Links {
		s += " | " + l.Name + "=" + l.URL
	}
	if p.UID != "" {
		s += " | uid " + p.UID
	}
	if p.Birthday.IsSet() {
		s += " | bday " + p.Birthday.String()
	}
	if len(p.Tags) > 0 {
		s += " | tags " + strings.Join(p.Tags, ",")
	}
	if p.Notes != "" {
		s += fmt.Sprintf(" | %q", p.Notes)
	}
	return s
}

func TestRead(t *testing.T) {
	tests := []struct {
		file     string
		want     []string
		warnings []string
	}{
		{"iphone-3.0.vcf", []string{
			`1 Ana Lima | Tidewater Payments | Principal Engineer | ana.lima@example.com,ana@tidewater.example.com | +351 910 000 101 | =https://ana-lima.example.com/ | github=https://github.com/analima-example | linkedin=https://www.linkedin.com/in/ana-lima-example | bday --06-12 | "Met at Halyard Bank, London.\\\nSwims at Carcavelos all year round."`,
			`22 Acme Dental (skip: a company, not a person)`,
		}, nil},
		{"google-3.0.vcf", []string{
			`1 Rui Alves | Sunroute | Staff Engineer | rui.alves@example.com,rui@sunroute.example | +351 912 000 222 | =http://rui.example.com | bday 1988-02-29 | tags Conference friends | "Met at the Lisbon meetup; owes me a coffee."`,
			`18 Tomás Ferreira | Lumen Freight | CTO | tomas@example.org |  | blog=https://www.tomas-ferreira.example`,
			`30  (skip: no name)`,
		}, []string{`google-3.0.vcf:27: URL "not a web address" is not a web address: imported without it`}},
		// An Android phone syncing through DAVx5 (ez-vcard): 4.0, lines
		// folded at 75 octets (one inside a UTF-8 dash's neighbourhood), a
		// base64 PHOTO data URI over several lines, escaped commas and
		// semicolons, labels in item groups, TYPE=cell.
		{"android-davx5-4.0.vcf", []string{
			`1 Chidi Okafor | Lumen Freight, Lda. | Head of Platform, EMEA | chidi@example.com,chidi.okafor@lumen.example | +44 7700 900456,+44 20 7946 0018 | blog=https://chidi.example.org/writing/notes-on-platform-teams-and-the-cost-of-coordination | uid urn:uuid:3b1a7f0c-5d2e-4c8a-9a61-0f4e2b7d9c13 | bday --03-09 | tags Speakers, 2026,core | "Met at KubeCon Paris, on the platform-engineering track. Talks fast; listens faster.\\\nAsked me about Lisbon schools for his daughter — send him Sofia's list."`,
			`29 Ana Lima | Tidewater Payments |  | ana@tidewater.example.com | +351 910 000 101 | uid urn:uuid:9f2c4e61-7a3b-4d05-8e1f-6c0b5a2d8e74 | "Swims at Carcavelos."`,
		}, nil},
		{"nextcloud-4.0.vcf", []string{
			`1 Mei Chen |  |  | mei.chen@example.com | +351-913-000-333 | =https://mei.example.dev | linkedin=https://www.linkedin.com/in/meichen-example | uid 7d6c2f0e-3c1a-4b7e-9f0e-2a9d5c1b8e41 | bday --04-15 | tags core,mentee | "Promotion case in progress.\n\n- Anniversary: 2015-06-01"`,
			`17 Lumen Freight (skip: a company, not a person)`,
			`23 Kwame Mensah |  |  | kwame@example.com | `,
		}, []string{`nextcloud-4.0.vcf:27: BDAY "19850230" is not a date: imported without a birthday`}},
		{"android-2.1.vcf", []string{
			`1 João Santos |  |  | joao@example.com | +351 914 000 444 | "Runs the Lisbon distributed-systems meetup; asks for speakers every spring."`,
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			people, warnings, err := Read(tt.file, data, "")
			if err != nil {
				t.Fatal(err)
			}
			var got, warn []string
			for _, p := range people {
				got = append(got, summary(p))
			}
			for _, w := range warnings {
				warn = append(warn, w.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if strings.Join(warn, "\n") != strings.Join(tt.warnings, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warn, "\n"), strings.Join(tt.warnings, "\n"))
			}
		})
	}
}

// TestReadCompany: the company is ORG's first component; an escaped
// semicolon or comma is part of it.
func TestReadCompany(t *testing.T) {
	for org, want := range map[string]string{
		`Tidewater Payments;`:                "Tidewater Payments",
		`Lumen Freight\, Lda.;Platform;Core`: "Lumen Freight, Lda.",
		`Smith\; Jones LLP;Litigation`:       "Smith; Jones LLP",
		`Ends in a backslash\\;Unit`:         `Ends in a backslash\`,
	} {
		people, _, err := Read("x.vcf", []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nORG:"+org+"\r\nEND:VCARD\r\n"), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := people[0].Company; got != want {
			t.Errorf("ORG:%s: company %q, want %q", org, got, want)
		}
	}
}

// TestReadAppleLabelWithoutUnderscores: Apple's label of a type, written
// without its underscores ($!<Email>!$, a real export's), is the type it
// names, not the email's type "$!<email>!$".
func TestReadAppleLabelWithoutUnderscores(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nitem1.EMAIL;type=INTERNET:ana@example.com\r\nitem1.X-ABLabel:$!<Home>!$\r\nEND:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	if e := people[0].Emails; len(e) != 1 || e[0].Type != "home" {
		t.Errorf("emails %+v", e)
	}
}

// TestReadGroups: a group is no person, however its address book marks
// it: vCard 4's KIND, Apple's (iCloud, macOS Contacts) X-ADDRESSBOOKSERVER-KIND
// beside a name of the group's, Evolution's contact list. Each was a
// contact named for the group ("PERS").
func TestReadGroups(t *testing.T) {
	for _, card := range []string{
		"VERSION:4.0\r\nKIND:group\r\nFN:Book club\r\n",
		"VERSION:3.0\r\nX-ADDRESSBOOKSERVER-KIND:group\r\nN:PERS\r\nFN:PERS\r\nUID:5b1c\r\nX-ADDRESSBOOKSERVER-MEMBER:urn:uuid:0a2e\r\n",
		"VERSION:3.0\r\nFN:Team\r\nX-EVOLUTION-LIST:TRUE\r\nEMAIL;X-EVOLUTION-DEST-CONTACT-UID=pas-id-1:ana@example.com\r\n",
	} {
		people, _, err := Read("x.vcf", []byte("BEGIN:VCARD\r\n"+card+"END:VCARD\r\n"), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(people) != 1 || people[0].Skip != "a group, not a person" {
			t.Errorf("%q: got %s", card, summary(people[0]))
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"not a vCard", "name,email\nAna,a@x\n", `x.vcf:1: expected BEGIN:VCARD, got "name,email": is this a vCard file?`},
		{"empty", "\n\n", "x.vcf:1: no cards: expected BEGIN:VCARD"},
		{"no END", "BEGIN:VCARD\nVERSION:3.0\nFN:A\n\nBEGIN:VCARD\nFN:B\nEND:VCARD\nBEGIN:VCARD\nFN:C\n",
			"x.vcf:1: card has no END:VCARD before the next BEGIN:VCARD on line 5\nx.vcf:8: card has no END:VCARD"},
		{"text between cards", "BEGIN:VCARD\nFN:A\nEND:VCARD\nhello\nBEGIN:VCARD\nFN:B\nEND:VCARD\n",
			`x.vcf:4: expected BEGIN:VCARD, got "hello": is this a vCard file?`},
		// An END that is not END:VCARD is an error at its own line, not
		// at the card's first, and says what it holds; the card ends
		// there, as go-vcard ends it, so that a line after it is never
		// read into the card or lost in silence.
		{"END with another value", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARDS\nBEGIN:VCARD\nFN:B\nEND:VCARD\n",
			`x.vcf:4: invalid END value "VCARDS": expected END:VCARD`},
		{"END too soon", "BEGIN:VCARD\nFN:A\nitem1.END:VCARD\nEMAIL:a@example.com\nEND:VCARD\n",
			`x.vcf:4: expected BEGIN:VCARD, got "EMAIL:a@example.com": is this a vCard file?`},
		{"joined, then not a card", "BEGIN:VCARD\nFN:A\nEND:VCARDBEGIN:VCARD\nFN:B\n",
			"x.vcf:3: card has no END:VCARD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read("x.vcf", []byte(tt.src), "")
			var list content.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("got %v, want a content.ErrorList", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

const config = "title: T\nbase_url: https://example.com/\n"

var contacts = map[string]string{
	"content/contacts/ana-lima.md": `---
name: Ana Maria Lima
company: "Tidewater; Payments"
role: Principal Engineer, Ledger
email: [ana@example.com, ana@tidewater.example]
phone: "+351 910 000 101"
links:
  website: https://ana-lima.example.com/
  linkedin: https://www.linkedin.com/in/ana-lima-example-with-a-very-long-profile-name-that-needs-folding/
tags: [payments, "a, b"]
circle: core
birthday: --06-12
---
Notes: she swims at Carcavelos — all year.
Second line; with a semicolon.
`,
	"content/contacts/bo.md": "---\nname: Bo\nbirthday: 1987-07-19\n---\n",
}

func site(t *testing.T) []*content.Contact {
	t.Helper()
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(config)}}
	for p, s := range contacts {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return s.Contacts
}

// TestWriteParsesBack: the export is vCard 3.0 that go-vcard reads back
// field for field.
func TestWriteParsesBack(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, site(t), Options{Notes: true, Host: "example.com"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if strings.Contains(line, "\n") {
			t.Errorf("bare LF in %q", line)
		}
	}
	dec := govcard.NewDecoder(strings.NewReader(out))
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
	if len(cards) != 2 {
		t.Fatalf("%d cards, want 2", len(cards))
	}
	ana := cards[0]
	check := func(what, got, want string) {
		t.Helper()
		// RFC 2426 escapes ';' in text; go-vcard leaves '\;' as written.
		if got = strings.ReplaceAll(got, `\;`, ";"); got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("VERSION", ana.Value(govcard.FieldVersion), "3.0")
	check("UID", ana.Value(govcard.FieldUID), "contact-ana-lima@example.com")
	check("FN", ana.Value(govcard.FieldFormattedName), "Ana Maria Lima")
	check("N", ana.Name().FamilyName+"/"+ana.Name().GivenName, "Lima/Ana Maria")
	check("ORG", ana.Value(govcard.FieldOrganization), "Tidewater; Payments")
	if !strings.Contains(out, "\r\nORG:Tidewater\\; Payments\r\n") {
		t.Errorf("ORG's own ';' is not escaped in\n%s", out)
	}
	check("TITLE", ana.Value(govcard.FieldTitle), "Principal Engineer, Ledger")
	check("EMAIL", strings.Join(ana.Values(govcard.FieldEmail), " "), "ana@example.com ana@tidewater.example")
	check("EMAIL pref", ana.Preferred(govcard.FieldEmail).Value, "ana@example.com")
	check("TEL", ana.Value(govcard.FieldTelephone), "+351 910 000 101")
	check("URL", strings.Join(ana.Values(govcard.FieldURL), " "), "https://ana-lima.example.com/ https://www.linkedin.com/in/ana-lima-example-with-a-very-long-profile-name-that-needs-folding/")
	check("X-ABLabel", strings.Join(ana.Values("X-ABLABEL"), " "), "website linkedin")
	check("BDAY", ana.Value(govcard.FieldBirthday), "--06-12")
	// One CATEGORIES line, a comma-separated list, the comma of a tag
	// escaped: go-vcard, like Google Contacts, reads only one line.
	if n := len(ana[govcard.FieldCategories]); n != 1 {
		t.Errorf("%d CATEGORIES lines, want one list", n)
	}
	if !strings.Contains(out, "\r\nCATEGORIES:core,payments,a\\, b\r\n") {
		t.Errorf("no CATEGORIES:core,payments,a\\, b line in\n%s", out)
	}
	check("NOTE", ana.Value(govcard.FieldNote), "Notes: she swims at Carcavelos — all year.\nSecond line; with a semicolon.")
	check("Bo's N", cards[1].Name().GivenName, "Bo")
	check("Bo's BDAY", cards[1].Value(govcard.FieldBirthday), "1987-07-19")

	buf.Reset()
	if err := Write(&buf, site(t), Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "NOTE") || strings.Contains(buf.String(), "Carcavelos") {
		t.Error("notes exported without --notes")
	}
}

// TestFold: a line longer than 75 octets is folded at 75 octets or fewer,
// never inside a character, and unfolds to what it was.
func TestFold(t *testing.T) {
	for _, line := range []string{
		"NOTE:" + strings.Repeat("çãõ€😀", 30),
		"NOTE:" + strings.Repeat("a", 70) + strings.Repeat("😀", 3),
		"FN:" + strings.Repeat("x", 72),
		"FN:" + strings.Repeat("x", 73),
	} {
		folded := fold(line + "\r\n")
		for _, l := range strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Errorf("folded line of %d octets: %q", len(l), l)
			}
		}
		if got := strings.ReplaceAll(folded, "\r\n ", ""); got != line+"\r\n" {
			t.Errorf("unfolds to %q, want %q", got, line)
		}
	}
}

// TestRoundTrip: what netjournal exports, netjournal imports as it was.
func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	cs := site(t)
	if err := Write(&buf, cs, Options{Notes: true}); err != nil {
		t.Fatal(err)
	}
	people, warnings, err := Read("out.vcf", buf.Bytes(), "")
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	got := summary(people[0])
	want := `1 Ana Maria Lima | Tidewater; Payments | Principal Engineer, Ledger | ana@example.com,ana@tidewater.example | +351 910 000 101 | website=https://ana-lima.example.com/ | linkedin=https://www.linkedin.com/in/ana-lima-example-with-a-very-long-profile-name-that-needs-folding/ | bday --06-12 | tags core,payments,a, b | "Notes: she swims at Carcavelos — all year.\\\nSecond line; with a semicolon."`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestRoundTripLabels: a phone's, an email's and a link's own words come
// back as written (Mum's phone, not mum-s-phone), a one-word label in lower
// case as types are written (Assistant is assistant).
func TestRoundTripLabels(t *testing.T) {
	c := &content.Contact{Name: "Ana Lima",
		Phones: content.TypedList{{Type: "Mum's phone", Value: "+351 213 000 002"}, {Type: "work Assistant", Value: "+351 213 000 003"}},
		Emails: content.TypedList{{Type: "other: x", Value: "ana@x.example"}},
		Links:  []content.Link{{Name: "my blog, old", URL: "https://old.example.com/"}, {Name: "GitHub", URL: "https://github.com/ana"}}}
	c.Slug = "ana-lima"
	var buf bytes.Buffer
	if err := Write(&buf, []*content.Contact{c}, Options{}); err != nil {
		t.Fatal(err)
	}
	people, _, err := Read("out.vcf", buf.Bytes(), "")
	if err != nil || len(people) != 1 {
		t.Fatal(err, people)
	}
	p := people[0]
	var got []string
	for _, x := range append(append([]content.Typed{}, p.Phones...), p.Emails...) {
		got = append(got, x.Type+"="+x.Value)
	}
	for _, l := range p.Links {
		got = append(got, l.Name+"="+l.URL)
	}
	want := "Mum's phone=+351 213 000 002|work assistant=+351 213 000 003|other: x=ana@x.example|my blog, old=https://old.example.com/|github=https://github.com/ana"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s\n%s", strings.Join(got, "|"), want, buf.String())
	}
}

// fuzzCharsets are the --charset values FuzzRead tries, by its second
// argument.
var fuzzCharsets = []string{"", "windows-1252", "shift_jis", "utf-16le", "iso-2022-jp", "gb18030", "big5", "koi8-r", "euc-kr", "utf-8"}

// FuzzRead: any bytes in any character set, and no panic; every problem
// and every person points at a line of the file, every value is UTF-8
// without a replacement character the file did not hold, and every
// contact file an import would write loads, without one.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"iphone-3.0.vcf", "google-3.0.vcf", "nextcloud-4.0.vcf", "android-davx5-4.0.vcf", "android-2.1.vcf",
		"docomo-shift_jis-2.1.vcf", "windows-1251-2.1.vcf", "iso-8859-2-2.1.vcf", "outlook-windows-1252-2.1.vcf",
		"outlook-unlabelled-1252-2.1.vcf", "windows-utf16le.vcf", "utf16be.vcf", "charsets-2.1.vcf", "iphone-kept-3.0.vcf"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0))
	}
	f.Add([]byte("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=\n=\nEND:VCARD\n"), uint8(0))
	f.Add([]byte("BEGIN:VCARD\nitem1.URL:\nitem1.X-ABLabel:_$!<>!$_\nBDAY:--\nEND:VCARD"), uint8(0))
	f.Add([]byte("BEGIN:VCARD\nFN:Jos\xe9\nEND:VCARD\n"), uint8(1))
	f.Add([]byte("BEGIN:VCARD\nFN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=94=5C=\n=93o\nEND:VCARD\n"), uint8(2))
	f.Add([]byte("\xff\xfeB\x00\n\x00\x00\xd8"), uint8(3))
	f.Add([]byte("BEGIN:VCARD\nFN:\x1b$BEOJU\x1b(B\nEND:VCARD\n"), uint8(4))
	f.Add([]byte("BEGIN:VCARD\nFN:A\nORG:B;C\nORG:D\nTITLE:\nTITLE:E\nEND:VCARDBEGIN:VCARD\nFN:F\nitem1.END:VCARD\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, cs uint8) {
		charset := fuzzCharsets[int(cs)%len(fuzzCharsets)]
		lines := strings.Count(string(data), "\n") + 1
		if lines == 1 {
			lines += strings.Count(string(data), "\r") // CR alone ends a line there
		}
		inFile := func(pos content.Position) {
			if pos.Path != "f.vcf" || pos.Line < 1 || pos.Line > lines {
				t.Fatalf("position %v outside the file's %d lines", pos, lines)
			}
		}
		people, warnings, err := Read("f.vcf", data, charset)
		if err != nil {
			var list content.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("not an ErrorList: %v", err)
			}
			for _, e := range list {
				inFile(e.Pos)
			}
			return
		}
		for _, w := range warnings {
			inFile(w.Pos)
		}
		held := strings.Contains(string(data), "\uFFFD")
		for _, p := range people {
			inFile(p.Source)
			if strings.TrimSpace(p.Name) == "" && p.Skip == "" {
				t.Fatalf("a person without a name is not skipped: %+v", p)
			}
			for _, l := range p.Links {
				if !content.IsURL(l.URL) {
					t.Fatalf("invalid link %q", l.URL)
				}
			}
			if p.Photo != nil && content.PhotoExt(p.Photo.Data) == "" {
				t.Fatalf("a photo that is not an image")
			}
			text := fmt.Sprint(p.Name, p.Aliases, p.Company, p.Role, p.Location, p.Emails, p.Phones, p.Links, p.UID, p.Tags, p.Notes, p.Dropped)
			if !utf8.ValidString(text) || !held && strings.ContainsRune(text, utf8.RuneError) {
				t.Fatalf("a value that is not text: %q", text)
			}
		}
		// What an import writes loads, and holds no U+FFFD.
		site := fstest.MapFS{content.ConfigFile: {Data: []byte(config)}}
		res, err := contactfile.Plan(site, nil, people, contactfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for p, b := range res.Files {
			if strings.HasSuffix(p, ".md") && strings.ContainsRune(string(b), utf8.RuneError) {
				t.Fatalf("%s holds U+FFFD:\n%s", p, b)
			}
			site[p] = &fstest.MapFile{Data: b}
		}
		if _, err := content.Load(site); err != nil {
			t.Fatalf("the contact files do not load: %v", err)
		}
	})
}

// TestSemicolonsRoundTrip: text values keep their ';' through an export
// and an import, and the export escapes them as RFC 2426 asks.
func TestSemicolonsRoundTrip(t *testing.T) {
	c := &content.Contact{Name: "Ana Lima; PhD", Company: "Smith; Jones LLP", Role: "Lead; platform"}
	c.Slug, c.Body = "ana-lima", "Met at X; works on Y, and Z."
	var b strings.Builder
	if err := Write(&b, []*content.Contact{c}, Options{Notes: true}); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{`ORG:Smith\; Jones LLP`, `TITLE:Lead\; platform`, `NOTE:Met at X\; works on Y\, and Z.`,
		`FN:Ana Lima\; PhD`, `N:Lima;Ana;;;PhD`} {
		if !strings.Contains(b.String(), line+"\r\n") {
			t.Errorf("no line %q in:\n%s", line, b.String())
		}
	}
	people, _, err := Read("x.vcf", []byte(b.String()), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 1 || people[0].Company != c.Company || people[0].Role != c.Role || !strings.Contains(people[0].Notes, c.Body) {
		t.Errorf("read back %+v", people)
	}
	// Its N is its FN again: no alias (it was "Ana Lima PhD").
	if len(people) == 1 && (people[0].Name != c.Name || len(people[0].Aliases) != 0) {
		t.Errorf("read back %q, aliases %q", people[0].Name, people[0].Aliases)
	}
}

// TestReadOneOfMany: a contact file keeps one company, one role, one
// name, one birthday, one uid and one photo, and a card may hold several
// (Google Contacts writes an ORG and a TITLE for each of a person's
// organizations). The first is kept; every other value is listed in
// Dropped, so that the import report names it; a value written twice is
// not news and is not listed.
func TestReadOneOfMany(t *testing.T) {
	const gif = "R0lGODlhAQABAAAAACw="
	tests := []struct{ name, lines, want string }{
		{"two jobs", "ORG:Tidewater Payments\nORG:Lisbon Go Meetup\nTITLE:Principal Engineer\nTITLE:Organizer",
			`1 Ana Lima | company Tidewater Payments | role Principal Engineer | dropped ORG "Lisbon Go Meetup" (a contact keeps one company) | dropped TITLE "Organizer" (a contact keeps one role)`},
		{"the same twice", "ORG:Tidewater Payments\nORG:tidewater  payments\nTITLE:CTO\nTITLE:CTO\nROLE:cto",
			`1 Ana Lima | company Tidewater Payments | role CTO`},
		{"units of a second ORG", "ORG:Tidewater;Ledger\nORG:Lumen Freight\\, Lda.;Platform;Core",
			`1 Ana Lima | company Tidewater | dropped ORG unit "Ledger" | dropped ORG "Lumen Freight, Lda., Platform, Core" (a contact keeps one company)`},
		{"an empty first ORG", "ORG:\nORG:;Research\nORG:Acme",
			`1 Ana Lima | company Acme | dropped ORG "Research" (a contact keeps one company)`},
		{"units without a company", "ORG:\nORG:;Research\nORG:;Research",
			`1 Ana Lima | dropped ORG unit "Research"`},
		{"TITLE and ROLEs", "TITLE:CTO\nROLE:Founder\nROLE:Founder\nROLE:Board member",
			`1 Ana Lima | company Tidewater | role CTO | dropped ROLE "Founder" (a contact keeps one role) | dropped ROLE "Board member" (a contact keeps one role)`},
		{"ROLEs alone", "ROLE:Founder\nROLE:Board member",
			`1 Ana Lima | company Tidewater | role Founder | dropped ROLE "Board member" (a contact keeps one role)`},
		{"an empty first TITLE", "TITLE:\nTITLE:Organizer",
			`1 Ana Lima | company Tidewater | role Organizer`},
		{"two names", "FN:Ana Maria Lima",
			`1 Ana Lima | company Tidewater | dropped FN "Ana Maria Lima" (a contact keeps one name)`},
		{"two birthdays, two uids", "BDAY:1987-07-19\nBDAY:1987-07-20\nUID:urn:uuid:1\nUID:urn:uuid:2\nUID:urn:uuid:1",
			`1 Ana Lima | company Tidewater | dropped UID "urn:uuid:2" (a contact keeps one uid) | dropped BDAY "1987-07-20" (a contact keeps one birthday)`},
		{"two photos", "PHOTO;ENCODING=b;TYPE=GIF:" + gif + "\nPHOTO;ENCODING=b;TYPE=GIF:" + gif + "AA",
			`1 Ana Lima | company Tidewater | photo .gif 14 bytes | dropped PHOTO (a contact keeps one photo)`},
		{"a photo on the web, then one sent", "PHOTO;VALUE=uri:https://example.com/a.gif\nPHOTO;ENCODING=b;TYPE=GIF:" + gif + "\nPHOTO;ENCODING=b;TYPE=GIF:" + gif,
			`1 Ana Lima | company Tidewater | photo .gif 14 bytes | dropped PHOTO "https://example.com/a.gif" (a photo on the web is not downloaded)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\n" + tt.lines + "\n"
			if !strings.Contains(tt.lines, "ORG:") {
				src += "ORG:Tidewater\n"
			}
			people, warnings, err := Read("x.vcf", []byte(src+"END:VCARD\n"), "")
			if err != nil || len(warnings) > 0 || len(people) != 1 {
				t.Fatal(err, warnings, people)
			}
			if got := kept(people[0]); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}

	// The birthday is the first BDAY that says anything, and a warning
	// about it is at its own line.
	_, warnings, err := Read("x.vcf", []byte("BEGIN:VCARD\nFN:Ana\nBDAY:\nBDAY:19850230\nEND:VCARD\n"), "")
	if err != nil || len(warnings) != 1 || warnings[0].Error() != `x.vcf:4: BDAY "19850230" is not a date: imported without a birthday` {
		t.Errorf("got %v, %v", warnings, err)
	}
}

// TestReadJoined: two files joined with cat, the first without a final
// newline (Gmail's export ends without one), give a line that reads
// END:VCARDBEGIN:VCARD. It is read as the end of one card and the start
// of the next, with a warning at its line: two people, never one person
// with the other's details.
func TestReadJoined(t *testing.T) {
	const a = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nN:Lima;Ana;;;\nEMAIL:ana@example.com\nTEL:+351 910 000 101\n"
	const b = "VERSION:3.0\nFN:Bo Chen\nEMAIL:bo@example.com\nEND:VCARD\n"
	for name, src := range map[string]string{
		"LF":          a + "END:VCARDBEGIN:VCARD\n" + b,
		"CRLF":        strings.ReplaceAll(a+"END:VCARDBEGIN:VCARD\n"+b, "\n", "\r\n"),
		"lower case":  a + "end:vcardbegin:vcard\n" + b,
		"a BOM":       a + "END:VCARD\uFEFFBEGIN:VCARD\n" + b,
		"blank after": a + "END:VCARDBEGIN:VCARD  \n" + b,
	} {
		t.Run(name, func(t *testing.T) {
			people, warnings, err := Read("x.vcf", []byte(src), "")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range people {
				got = append(got, summary(p))
			}
			want := "1 Ana Lima |  |  | ana@example.com | +351 910 000 101\n7 Bo Chen |  |  | bo@example.com | "
			if strings.Join(got, "\n") != want {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
			}
			wantWarn := "x.vcf:7: END:VCARD and BEGIN:VCARD on one line, as when a file without a final newline is joined to another: read as two cards"
			if len(warnings) != 1 || warnings[0].Error() != wantWarn {
				t.Errorf("warnings %v, want %s", warnings, wantWarn)
			}
		})
	}
}

// TestReadBoundarySpaces: spaces after BEGIN:VCARD or END:VCARD are no
// reason to refuse a card.
func TestReadBoundarySpaces(t *testing.T) {
	people, _, err := Read("x.vcf", []byte("BEGIN:VCARD \nFN:A\nEND:VCARD\t\nBEGIN:VCARD\nFN:B\nEND:VCARD \n"), "")
	if err != nil || len(people) != 2 {
		t.Fatal(err, people)
	}
}

// TestReadEmailNotAnAddress: an EMAIL that is no address (n/a, a name) is
// not made the contact's address, which the wiki would show as a link to
// write to: it is left out with a warning at its line that quotes it. One
// written with a name (Ana Lima <ana@example.com>) or in angle brackets is
// its address; a list of them is each.
func TestReadEmailNotAnAddress(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:n/a\r\nEMAIL:Ana Lima <ana@example.com>\r\nEMAIL;TYPE=work:ana..lima.@docomo.example\r\nEMAIL:ask Bruno\r\nEMAIL:<ana.l@example.org>\r\nEMAIL:a@example.net, b@example.net\r\nEND:VCARD\r\n"
	people, warnings, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	var emails []string
	for _, e := range people[0].Emails {
		emails = append(emails, e.Value)
	}
	if got := strings.Join(emails, " "); got != "ana@example.com ana..lima.@docomo.example ana.l@example.org a@example.net b@example.net" {
		t.Errorf("emails %q", got)
	}
	var warn []string
	for _, w := range warnings {
		warn = append(warn, w.Error())
	}
	want := "x.vcf:4: EMAIL \"n/a\" is not an email address: imported without it\nx.vcf:7: EMAIL \"ask Bruno\" is not an email address: imported without it"
	if got := strings.Join(warn, "\n"); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestReadRelatedAndDates: the people a card names (Apple's related
// names, vCard 4's RELATED, Evolution's and Outlook's spouse, manager,
// assistant) and its dates (an anniversary, Apple's custom dates) have no
// key in a contact file: they are kept in its notes, each labelled as the
// address book labelled it, after the card's own note; none is dropped.
func TestReadRelatedAndDates(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nNOTE:Met at a conference.\r\n" +
		"item1.X-ABRELATEDNAMES:Maria Lima\r\nitem1.X-ABLabel:_$!<Spouse>!$_\r\n" +
		"item2.X-ABRELATEDNAMES:Rui\r\nitem2.X-ABLabel:mentor\r\n" +
		"item4.X-ABRELATEDNAMES:Ivan\r\nitem4.X-ABLabel:брат\r\n" +
		"item5.X-ABRELATEDNAMES:Maria\\nLima\r\nitem5.X-ABLabel:ex-wife\r\n" +
		"item3.X-ABDATE;type=pref:2015-06-20\r\nitem3.X-ABLabel:_$!<Anniversary>!$_\r\n" +
		"X-ABDATE:2020-01-02\r\n" +
		"RELATED;TYPE=colleague:Bruno Costa\r\nRELATED;VALUE=uri:urn:uuid:03a0e51f\r\n" +
		"ANNIVERSARY:20100612\r\nX-EVOLUTION-MANAGER:Carla\\, the boss\r\nX-MS-SPOUSE:Maria\r\nX-ASSISTANT:Dan\r\n" +
		"END:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	p := people[0]
	want := "Met at a conference.\n\n- Spouse: Maria Lima\n- Mentor: Rui\n- Брат: Ivan\n- Ex-wife: Maria Lima\n- Anniversary: 2015-06-20\n- Date: 2020-01-02\n- Colleague: Bruno Costa\n- Related: urn:uuid:03a0e51f\n- Anniversary: 2010-06-12\n- Manager: Carla, the boss\n- Spouse: Maria\n- Assistant: Dan"
	if p.Notes != want {
		t.Errorf("notes:\n%s\nwant:\n%s", p.Notes, want)
	}
	if len(p.Dropped) != 0 {
		t.Errorf("dropped %q", p.Dropped)
	}
}

// TestReadQuotedPrintableEndsInEquals: a quoted-printable value that ends
// in "=" (a soft line break) before a line that is a property, as
// Android 4.4's backup writes a name, ends there, with a warning: the
// next property (a phone) is not read into the name and lost.
func TestReadQuotedPrintableEndsInEquals(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4a=6f=76=61=6e=20=50=65=74=72=6f=76=69=c4=87=\r\nTEL;CELL:0995552188\r\n" +
		"NOTE;ENCODING=QUOTED-PRINTABLE:Line one=0D=0A=\r\nline two=\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Rui\r\nNOTE;ENCODING=QUOTED-PRINTABLE:her direct line and=\r\ntel: 123 for the office=\r\nTEL: 123 after six\r\nEND:VCARD\r\n"
	people, warnings, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	p := people[0]
	if p.Name != "Jovan Petrović" || len(p.Phones) != 1 || p.Phones[0].Value != "0995552188" || p.Notes != "Line one\\\nline two" {
		t.Errorf("got %s", summary(p))
	}
	// A note's own words that look like a property, in lower case,
	// continue it.
	if q := people[1]; q.Notes != "her direct line andtel: 123 for the officeTEL: 123 after six" || len(q.Phones) != 0 {
		t.Errorf("got %s", summary(q))
	}
	var warn []string
	for _, w := range warnings {
		warn = append(warn, w.Error())
	}
	want := "x.vcf:3: a quoted-printable value ends in = (a soft line break) before the property on line 4: read as its end\n" +
		"x.vcf:6: a quoted-printable value ends in = (a soft line break) before the property on line 7: read as its end"
	if got := strings.Join(warn, "\n"); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestReadQuotedPrintableSoftBreakBeforeSpace: a quoted-printable value's
// soft line break (a final =) joins the next line as it is, its first
// space a space of the text, not a fold's: read as a fold first, "Land="
// and " Firma" were "Land=Firma" (a vCard 2.1 test file's address).
func TestReadQuotedPrintableSoftBreakBeforeSpace(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Rui\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9=\r\n au lait=0D=0ALand=\r\n Firma\r\nEND:VCARD\r\n"
	people, warnings, err := Read("x.vcf", []byte(src), "")
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	if got, want := people[0].Notes, "Café au lait\\\nLand Firma"; got != want {
		t.Errorf("notes %q, want %q", got, want)
	}
}

// TestReadLineWithoutName: a line of a card without a property name (no
// colon) is the previous value's next line, written without the space
// that folds it or the \n of a newline: a note's second line was left
// out without a word. Where the value before is not text, the line is
// left out with a warning that quotes it.
func TestReadLineWithoutName(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rui Alves\r\nNOTE:Met in Lisbon and talked\r\nabout payments\\, follow up in May\r\n" +
		"TEL:+351 1\r\nstray words\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9\r\nau lait\r\nEND:VCARD\r\n"
	people, warnings, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := people[0].Notes, "Met in Lisbon and talked\\\nabout payments, follow up in May"; got != want {
		t.Errorf("notes %q, want %q", got, want)
	}
	if got := people[0].Phones; len(got) != 1 || got[0].Value != "+351 1" {
		t.Errorf("phones %v", got)
	}
	if got, want := people[1].Notes, "Café\\\nau lait"; got != want {
		t.Errorf("notes %q, want %q", got, want)
	}
	var warn []string
	for _, w := range warnings {
		warn = append(warn, w.Error())
	}
	want := "x.vcf:5: a line without a property name: read as the next line of NOTE on line 4\n" +
		"x.vcf:7: a line without a property name after TEL on line 6: left out: \"stray words\"\n" +
		"x.vcf:13: a line without a property name: read as the next line of NOTE on line 12"
	if got := strings.Join(warn, "\n"); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestReadQuotedPrintableFoldInEscape: a quoted-printable line that ends
// in = before a line that begins with a space is a soft line break, the
// space the text's ("Meet on=", " 12 May"); but one that splits an
// escape as RFC 6350 folds lines ("Caf=", " C3=A9") is read as a fold
// where the soft break's reading is not UTF-8 and the fold's is: Café,
// as before this session's reading of soft breaks (a third review's).
func TestReadQuotedPrintableFoldInEscape(t *testing.T) {
	for src, want := range map[string]string{
		"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=\r\n C3=A9 au lait": "Café au lait",
		"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Meet on=\r\n 12 May":    "Meet on 12 May",
		"NOTE;ENCODING=QUOTED-PRINTABLE:Land=\r\n Firma":                      "Land Firma",
	} {
		people, _, err := Read("x.vcf", []byte("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana\r\n"+src+"\r\nEND:VCARD\r\n"), "")
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if got := people[0].Notes; got != want {
			t.Errorf("%q: notes %q, want %q", src, got, want)
		}
	}
}

// TestReadLinesOfNotes: a review's. A quoted-printable line that ends in
// = (a soft line break) before a line that begins with a space and two
// hexadecimal digits is text ("Meet on=" and " 12 May"): a second review
// found it read as RFC's fold within an escape, \x12; a note's next line that has a colon but no property's
// name (a web address, "see https://…") is the note's; base64 lines of
// a photo written without their folding spaces are the photo's, said
// once.
func TestReadLinesOfNotes(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Meet on=\r\n 12 May=\r\n\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rui\r\nNOTE:first\r\nsee https://x.example/a\r\nhttps://x.example/b\r\nthird\r\nTEL:1\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eva\r\nPHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk\r\n+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\nEND:VCARD\r\n"
	people, warnings, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := people[0].Notes; got != "Meet on 12 May" {
		t.Errorf("notes %q", got)
	}
	if got, want := people[1].Notes, "first\\\nsee https://x.example/a\\\nhttps://x.example/b\\\nthird"; got != want || len(people[1].Phones) != 1 {
		t.Errorf("notes %q, want %q; phones %v", got, want, people[1].Phones)
	}
	if people[2].Photo == nil || len(people[2].Photo.Data) != 70 {
		t.Errorf("photo %+v", people[2].Photo)
	}
	var warn []string
	for _, w := range warnings {
		warn = append(warn, w.Error())
	}
	want := "x.vcf:12: a line without a property name: read as the next line of NOTE on line 11\n" +
		"x.vcf:13: a line without a property name: read as the next line of NOTE on line 11\n" +
		"x.vcf:14: a line without a property name: read as the next line of NOTE on line 11\n" +
		"x.vcf:21: a line without a property name: read as the next line of PHOTO on line 20"
	if got := strings.Join(warn, "\n"); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestReadStructuredNameAlias: a card whose structured name (N) is
// another name than its FN gives that name as an alias, given name then
// family name, so that [[Evangelos Papathanassiou]] finds Vangelis; the
// same words in another order (山田 太郎), or the name in its parts, give
// none.
func TestReadStructuredNameAlias(t *testing.T) {
	for src, want := range map[string]string{
		"N:Papathanassiou;Evangelos;Odysseas;;\r\nFN:Vangelis\r\nNICKNAME:Vangos": "Vangos,Evangelos Papathanassiou",
		"N:Wang;Jimmy\r\nFN:Jimmy Aun":                                            "Jimmy Wang",
		"N:山田;太郎;;;\r\nFN:山田 太郎":                                                  "",
		"N:Lima;Ana;;;\r\nFN:ana  LIMA":                                           "",
		"N:;Benjamin;Ben;;\r\nFN:Benjamin":                                        "",
		// N is FN in its parts: no other name (it was "John Doe").
		"N:Doe;John;Richter,James;Mr.;Sr.\r\nFN:Mr. John Richter James Doe Sr.": "",
		"N:Петров;Иван;;;\r\nFN:Иван Петров (Acme)":                             "Иван Петров",
		"N:Petrov;Ivan;;;\r\nFN:Ivan Petrov (Acme/Moscow)":                      "Ivan Petrov",
		"N:Yee;Debbie;;;\r\nFN:Debbie Yee (she/her)":                            "",
		// An escaped ; is text of its part, not a part's end (go-vcard
		// split there and kept the backslash: "Silva Lima\").
		"N:Lima\\;Silva;Ana;;;\r\nFN:Ana Lima": "Ana Lima;Silva",
		"N:\\;'.;M!THUn;;;\r\nFN:M!THUn":       "", // no word of N that FN has not
	} {
		people, _, err := Read("x.vcf", []byte("BEGIN:VCARD\r\nVERSION:3.0\r\n"+src+"\r\nEND:VCARD\r\n"), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(people[0].Aliases, ","); got != want {
			t.Errorf("%q: aliases %q, want %q", src, got, want)
		}
	}
}

// TestReadBareParams: what vCard 2.1 writes bare beside a type (an
// encoding, a character set, a language, where the value is) is no type,
// and a label written @work is work, once.
func TestReadBareParams(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Max\r\nTEL;WORK;VOICE;utf-8;QUOTED-PRINTABLE;de-DE;x-unknown;INLINE;VCARD:+49 611 1\r\n" +
		"workEmail.EMAIL;TYPE=work:max@example.com\r\nworkEmail.X-ABLabel:@work\r\nTEL;CELL;zh-hant-tw:+886 1\r\n" +
		"item1.TEL:+1 2\r\nitem1.X-ABLabel:co-worker\r\nTEL;TYPE=HQ:+1 3\r\nEND:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	p := people[0]
	if p.Phones[0].Type != "work" || p.Emails[0].Type != "work" || p.Phones[1].Type != "cell" || p.Phones[2].Type != "co-worker" || p.Phones[3].Type != "hq" {
		t.Errorf("types %q %q %q %q %q", p.Phones[0].Type, p.Emails[0].Type, p.Phones[1].Type, p.Phones[2].Type, p.Phones[3].Type)
	}
}

// TestWriteStructuredName: N, which phones sort and greet by, is made of
// the name as people write one: a title before it and a suffix after it
// are N's prefix and suffix, not a given or a family name (Mr. John Doe
// Sr. was N:Sr.;Mr. John Richter James Doe); "Doe, John" is family name
// first, and so is a name in Chinese, Japanese or Korean (佐藤 花子 was
// N:花子;佐藤). Each reads back as the same contact, with no alias made of
// its N.
func TestWriteStructuredName(t *testing.T) {
	for full, want := range map[string]string{
		"Ana Lima":                       "N:Lima;Ana;;;",
		"Mr. John Richter James Doe Sr.": "N:Doe;John Richter James;;Mr.;Sr.",
		"Dr Ana Lima, PhD":               "N:Lima;Ana;;Dr;PhD",
		"Martin Luther King Jr.":         "N:King;Martin Luther;;;Jr.",
		"Dummy, Dummy":                   "N:Dummy;Dummy;;;",
		"Lima, Ana Maria":                "N:Lima;Ana Maria;;;",
		"佐藤 花子":                          "N:佐藤;花子;;;",
		"김 민준":                           "N:김;민준;;;",
		"Vangelis":                       "N:;Vangelis;;;",
		"Prof. Smith":                    "N:Smith;;;Prof.;",
		// A review's: credentials after a comma are a suffix, not a
		// given name; a ; before a suffix is no part of the family name.
		"Jane Doe, CFA": "N:Doe;Jane;;;CFA",
		// A second review's: capitals and initials are given names.
		"DOE, JANE": "N:DOE;JANE;;;",
		// A third review's: credentials netjournal does not know.
		"Jane Doe, MS":      "N:Doe;Jane;;;MS",
		"van der Berg, Jan": "N:van der Berg;Jan;;;",
		"Doe, J.A.":         "N:Doe;J.A.;;;",
		"Ana Lima; PhD":     "N:Lima;Ana;;;PhD",
		// LinkedIn's names with credentials and pronouns (a helper's
		// import of a real export).
		"Gail Trask, PMP, PMI-ACP, CSM":     `N:Trask;Gail;;;PMP\, PMI-ACP\, CSM`,
		"Debbie Yee (she/her)":              "N:Yee;Debbie;;;",
		"Sam Ortiz (They/Them)":             "N:Ortiz;Sam;;;",
		"Cole Bernstein Trosclair MBA, LCB": "N:Trosclair;Cole Bernstein;;;MBA LCB",
		// A review's: names in capitals, family name first.
		"VAN DYKE, ROBERT":  "N:VAN DYKE;ROBERT;;;",
		"DE LA CRUZ, MARIA": "N:DE LA CRUZ;MARIA;;;",
		"VAN DYKE, JOHN":    "N:VAN DYKE;JOHN;;;",
		"Van Buren, MARTIN": "N:Van Buren;MARTIN;;;",
	} {
		c := &content.Contact{Name: full}
		c.Slug = "x"
		var buf bytes.Buffer
		if err := Write(&buf, []*content.Contact{c}, Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "\r\n"+want+"\r\n") {
			t.Errorf("%s: want %s in:\n%s", full, want, buf.String())
		}
		people, _, err := Read("out.vcf", buf.Bytes(), "")
		if err != nil || len(people) != 1 {
			t.Fatal(err, people)
		}
		if p := people[0]; p.Name != full || len(p.Aliases) != 0 {
			t.Errorf("%s: read back %q, aliases %q", full, p.Name, p.Aliases)
		}
	}
}

// TestRoundTripNumberedName: a namesake an import numbered, John Smith
// (2), is exported with the number in FN alone: N's family name is
// Smith, not "(2)" (a phone listed him under "("), and imported back he
// gets no alias "John Smith", which his namesake answers to.
func TestRoundTripNumberedName(t *testing.T) {
	c := &content.Contact{Name: "John Smith (2)"}
	c.Slug = "john-smith-2"
	var buf bytes.Buffer
	if err := Write(&buf, []*content.Contact{c}, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\r\nN:Smith;John;;;\r\n") || !strings.Contains(buf.String(), "\r\nFN:John Smith (2)\r\n") {
		t.Errorf("export:\n%s", buf.String())
	}
	people, _, err := Read("out.vcf", buf.Bytes(), "")
	if err != nil || len(people) != 1 {
		t.Fatal(err, people)
	}
	if p := people[0]; p.Name != "John Smith (2)" || len(p.Aliases) != 0 {
		t.Errorf("read back %q, aliases %q", p.Name, p.Aliases)
	}
}

// TestNoteShownAsWritten: a card's note is plain text, and the contact's
// body Markdown: it is written so that the wiki shows it as the address
// book had it (<FDMID>9830431</FDMID> was raw HTML taken out, a*b*c
// emphasis, [[Ana]] a wikilink), the names and accounts of its list too,
// and the export gives the note back as it was.
func TestNoteShownAsWritten(t *testing.T) {
	note := "<FDMID>9830431</FDMID> a*b*c [[Ana]] _x_\n# not a heading\n1. not a list &amp; $$x$$\n  - indented, no item\n\tand by a tab"
	src := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rui Costa\r\nNOTE:" + strings.NewReplacer("\n", `\n`, ",", `\,`, ";", `\;`).Replace(note) + "\r\n" +
		"X-SPOUSE:*Maria* [[Lima]]\r\nX-SKYPE:rui_*costa*\r\nEND:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(src), "")
	if err != nil || len(people) != 1 {
		t.Fatal(err, people)
	}
	res := markdown.New().Render(markdown.Text(people[0].Notes), markdown.Options{})
	shown := strings.Join(strings.Fields(html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(res.HTML, ""))), " ")
	want := strings.Join(strings.Fields(note+" Spouse: *Maria* [[Lima]] Skype: rui_*costa*"), " ")
	if shown != want || len(res.HTMLRemoved) > 0 || len(res.Wikilinks) > 0 {
		t.Errorf("the body %q shows %q, want %q (removed %v, wikilinks %v)", people[0].Notes, shown, want, res.HTMLRemoved, res.Wikilinks)
	}

	body := "---\nname: Rui Costa\n---\n" + people[0].Notes + "\n"
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(config)}, "content/contacts/rui-costa.md": {Data: []byte(body)}}
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, s.Contacts, Options{Notes: true}); err != nil {
		t.Fatal(err)
	}
	back, _, err := Read("out.vcf", buf.Bytes(), "")
	if err != nil || len(back) != 1 {
		t.Fatal(err, back)
	}
	if got := markdown.Unescape(back[0].Notes); !strings.HasPrefix(got, note+"\n\n") {
		t.Errorf("the export's note read back: %q, want it to begin with %q", got, note)
	}
	if !strings.Contains(buf.String(), "a*b*c") {
		t.Errorf("the export's NOTE holds the body's escapes:\n%s", buf.String())
	}
}

// TestMessagesShowTheText: what an import says it dropped shows the
// card's text as written, an ideographic space as itself, not \u3000.
func TestMessagesShowTheText(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nADR:;;日本\u3000〒010-1413 秋田;;;;\r\nADR:;;Second;;;;\r\nEND:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(src), "")
	if err != nil || len(people) != 1 {
		t.Fatal(err, people)
	}
	all := strings.Join(people[0].Dropped, "\n")
	if !strings.Contains(all, "日本\u3000〒010-1413") || strings.Contains(all, `\u3000`) {
		t.Errorf("dropped:\n%s", all)
	}
}

// TestReadQuotedParameterColon: a parameter's value in quotes may hold a
// colon (RFC 6350's own ADR;GEO="geo:…";LABEL="…"): the value begins at
// the first colon outside quotes. At the first colon, the location was
// "Rua Augusta 1, 1100-048", an alias `Ana q":Lima`, the company `y"`.
func TestReadQuotedParameterColon(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Lima\r\n" +
		"N;X-X=\"p:q\":Lima;Ana;;;\r\n" +
		"ORG;X-A=\"x:y\";X-B=\"z\":Acme\r\n" +
		"ADR;GEO=\"geo:38.7,-9.1\";LABEL=\"Rua Augusta 1, 1100-048 Lisbon, Portugal\":;;Rua Augusta 1;Lisbon;;1100-048;Portugal\r\n" +
		"END:VCARD\r\n"
	people, warnings, err := Read("x.vcf", []byte(card), "")
	if err != nil {
		t.Fatal(err)
	}
	p := people[0]
	if p.Company != "Acme" || p.Location != "Lisbon, Portugal" || len(p.Aliases) != 0 {
		t.Errorf("company %q, location %q, aliases %q; warnings %v", p.Company, p.Location, p.Aliases, warnings)
	}
}

// TestReadIMPPServiceInType: Nextcloud and ownCloud write an IM account
// IMPP;TYPE=SKYPE:name, its service in its type and no scheme: kept as
// iOS's, Google's and Evolution's are (it was dropped, "links are web
// addresses").
func TestReadIMPPServiceInType(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\n" +
		"IMPP;TYPE=SKYPE:skype@example.com\r\n" +
		"IMPP;TYPE=HOME,XMPP:ana@jabber.example.org\r\n" +
		"IMPP;TYPE=MATRIX:@ana:matrix.example.org\r\n" +
		"END:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(card), "")
	if err != nil {
		t.Fatal(err)
	}
	p := people[0]
	if len(p.Dropped) != 0 || !strings.Contains(p.Notes, "Skype: skype@example.com") || !strings.Contains(p.Notes, "ana@jabber.example.org") {
		t.Errorf("notes %q, dropped %q", p.Notes, p.Dropped)
	}
	if len(p.Links) != 1 || p.Links[0].URL != "https://matrix.to/#/@ana:matrix.example.org" {
		t.Errorf("links %v", p.Links)
	}
}

// TestReadKAddressBook: KAddressBook's spouse, manager, assistant,
// anniversary, profession and department are kept in the notes, as
// Evolution's and Outlook's are (they were dropped).
func TestReadKAddressBook(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\n" +
		"X-KADDRESSBOOK-X-SpousesName:Maria Lima\r\nX-KADDRESSBOOK-X-ManagersName:Bo Chen\r\n" +
		"X-KADDRESSBOOK-X-Anniversary:2015-06-20\r\nX-KADDRESSBOOK-X-Profession:Engineer\r\nX-KADDRESSBOOK-X-Department:Platform\r\n" +
		"END:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(card), "")
	if err != nil {
		t.Fatal(err)
	}
	p := people[0]
	for _, want := range []string{"- Spouse: Maria Lima", "- Manager: Bo Chen", "- Anniversary: 2015-06-20", "- Profession: Engineer", "- Department: Platform"} {
		if !strings.Contains(p.Notes, want) {
			t.Errorf("no %q in notes %q (dropped %q)", want, p.Notes, p.Dropped)
		}
	}
	if len(p.Dropped) != 0 {
		t.Errorf("dropped %q", p.Dropped)
	}
}

// TestReadStructuredNameFamilyFirst: a name written family first without
// spaces (FN:刘小, N:刘;小) has no alias of its parts in Western order
// ("小 刘"): it is the same name.
func TestReadStructuredNameFamilyFirst(t *testing.T) {
	for _, tc := range []struct{ fn, n string }{{"刘小", "刘;小;;;"}, {"山田太郎", "山田;太郎;;;"}} {
		card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + tc.fn + "\r\nN;CHARSET=UTF-8:" + tc.n + "\r\nEND:VCARD\r\n"
		people, _, err := Read("x.vcf", []byte(card), "")
		if err != nil {
			t.Fatal(err)
		}
		if a := people[0].Aliases; len(a) != 0 {
			t.Errorf("%s: aliases %q", tc.fn, a)
		}
	}
}

// TestReadIMPPPlainUser: Nextcloud's TYPE=SKYPE with a plain username,
// one with a dot, and Skype's live:.cid.… ids are Skype accounts; and a
// quote within a parameter's value (O"Brien) opens nothing.
func TestReadIMPPPlainUser(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\n" +
		"IMPP;TYPE=SKYPE:analima\r\nIMPP;TYPE=SKYPE:ana.lima\r\nIMPP;TYPE=SKYPE:live:.cid.abc123\r\n" +
		"CATEGORIES;X-L=O\"Brien:friends,\"work:x\r\nEND:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(card), "")
	if err != nil {
		t.Fatal(err)
	}
	p := people[0]
	for _, want := range []string{"Skype: analima", "Skype: ana.lima", "Skype: live:.cid.abc123"} {
		if !strings.Contains(p.Notes, want) {
			t.Errorf("no %q in %q (dropped %q)", want, p.Notes, p.Dropped)
		}
	}
	if len(p.Tags) == 0 || p.Tags[0] != "friends" {
		t.Errorf("tags %q, the value read from the quote's colon", p.Tags)
	}
}

// TestReadRelatedByUID: a card's RELATED that names another card of the
// file by its urn:uuid is written with that card's name, and the UID,
// which says whom whatever the import names the contact (it was the UUID
// alone; the name alone read as a namesake's, a review found).
func TestReadRelatedByUID(t *testing.T) {
	data := "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sarah Johnson\r\nUID:urn:uuid:a1b2c3d4-0000-4000-8000-000000000001\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alex Johnson\r\nRELATED;TYPE=parent:urn:uuid:A1B2C3D4-0000-4000-8000-000000000001\r\nRELATED;TYPE=friend:urn:uuid:ffffffff-0000-4000-8000-000000000009\r\nEND:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(data), "")
	if err != nil {
		t.Fatal(err)
	}
	if n := people[1].Notes; !strings.Contains(n, "- Parent: Sarah Johnson (urn:uuid:A1B2C3D4-0000-4000-8000-000000000001)") || !strings.Contains(n, "- Friend: urn:uuid:ffffffff") {
		t.Errorf("notes %q", n)
	}
}

// TestReadUTF8LabelledOther: UTF-8 text under a CHARSET that names
// another character set is read as UTF-8, and said: read as Shift_JIS,
// オープンAI株式会社 was garbled without a word. In a file that holds
// text of the set named that is not UTF-8, the set named is read, as
// before, even where its bytes are valid UTF-8 too (a review's ﾏｷ).
func TestReadUTF8LabelledOther(t *testing.T) {
	enc, err := contactfile.Encoding("SHIFT_JIS")
	if err != nil {
		t.Fatal(err)
	}
	sjis, _ := enc.NewEncoder().String("山田")
	// A file all of UTF-8 under CHARSET=SHIFT_JIS, as an OpenHarmony
	// test card is.
	card := "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:山田;;;;\r\nFN;CHARSET=SHIFT_JIS:山田\r\nORG;CHARSET=SHIFT_JIS:オープンAI株式会社\r\nEND:VCARD\r\n"
	people, warnings, err := Read("x.vcf", []byte(card), "")
	if err != nil {
		t.Fatal(err)
	}
	if p := people[0]; p.Name != "山田" || p.Company != "オープンAI株式会社" {
		t.Errorf("name %q, company %q", p.Name, p.Company)
	}
	if w := warnings.Error(); !strings.Contains(w, "x.vcf:3: CHARSET=SHIFT_JIS, but the text is UTF-8: read as UTF-8 (and 2 more lines)") {
		t.Errorf("warnings %q", w)
	}
	// A file whose Shift_JIS lines are not UTF-8 is Shift_JIS: its ﾏｷ
	// (CF B7), valid UTF-8 too (Ϸ), is ﾏｷ.
	maki, _ := enc.NewEncoder().String("ﾏｷ")
	card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:" + sjis + ";;;;\r\nFN;CHARSET=SHIFT_JIS:" + maki + "\r\nEND:VCARD\r\n"
	people, warnings, err = Read("x.vcf", []byte(card), "")
	if err != nil {
		t.Fatal(err)
	}
	if p := people[0]; p.Name != "ﾏｷ" || len(warnings) != 0 {
		t.Errorf("name %q, warnings %v", p.Name, warnings)
	}
}

// TestReadQuotedParamList: a parameter's quoted value followed by more
// (TYPE="work",PREF, RFC 6350's grammar; AOSP's v30_comma_separated.vcf)
// lost its whole property, without a word: go-vcard refuses the form.
func TestReadQuotedParamList(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Quote Test\r\n" +
		"TEL;TYPE=\"work\",PREF:+1 555 0108\r\n" +
		"EMAIL;TYPE=\"work\",PREF:a@example.com\r\n" +
		"URL;TYPE=\"work\",pref:https://example.com/q\r\n" +
		"NOTE;X-A=\"b\",c:A note\r\n" +
		"BDAY;X-A=\"b\",c:1990-01-02\r\n" +
		"ADR;TYPE=\"home\",\"x;y\";LABEL=\"1 Main St\":;;1 Main St;Town;;;\r\n" +
		"END:VCARD\r\n"
	people, _, err := Read("q.vcf", []byte(card), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	p := people[0]
	if fmt.Sprint(p.Phones) != "[{work +1 555 0108}]" || fmt.Sprint(p.Emails) != "[{work a@example.com}]" ||
		len(p.Links) != 1 || !strings.Contains(fmt.Sprint(p.Links), "https://example.com/q") ||
		!strings.Contains(p.Notes, "A note") || fmt.Sprint(p.Birthday) != "1990-01-02" || p.Location != "Town" {
		t.Errorf("%+v", p)
	}
}

// TestReadKeepsWholeName: a card's N holds more of a name than its FN
// (a middle name, a title, a suffix): it was dropped without a word
// (radicale-1587.vcf, vcard4android's allfields-vcard3.vcf); the whole
// name goes in the notes. An FN that holds it all needs none.
func TestReadKeepsWholeName(t *testing.T) {
	for fn, want := range map[string]string{
		"Ana Lima":                  "- Full name: Dr. Ana Beatriz Lima PhD",
		"Dr. Ana Beatriz Lima, PhD": "",
	} {
		card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + fn + "\r\nN:Lima;Ana;Beatriz;Dr.;PhD\r\nEND:VCARD\r\n"
		people, _, err := Read("n.vcf", []byte(card), "")
		if err != nil || len(people) != 1 {
			t.Fatal(people, err)
		}
		if got := people[0].Notes; want == "" && strings.Contains(got, "Full name") || want != "" && !strings.Contains(got, want) {
			t.Errorf("FN %s: notes %q, want %q", fn, got, want)
		}
	}
}

// TestReadQuoteEscape: Gmail's and macOS's exports write a quote as \"
// (ez-vcard's John_Doe_GMAIL.vcf): read as the quote, not kept with its
// backslash in the role and the notes.
func TestReadQuoteEscape(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo\r\nTITLE:The \\\"Boss\\\"\r\nNOTE:He said \\\"hi\\\" to me\r\nEND:VCARD\r\n"
	people, _, err := Read("q.vcf", []byte(card), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	if p := people[0]; p.Role != `The "Boss"` || !strings.Contains(p.Notes, `He said "hi" to me`) {
		t.Errorf("role %q, notes %q", p.Role, p.Notes)
	}
}

// TestReadOutlookRelations: Outlook's and Windows Address Book's spouse
// and anniversary (FolkerKinzel/VCards' v2_1.vcf) are kept in the notes,
// as Evolution's are, not dropped.
func TestReadOutlookRelations(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jo\r\nX-WAB-SPOUSE_NAME:Maria\r\nX-MS-ANNIVERSARY:20150601\r\nX-WAB-WEDDING_ANNIVERSARY:2016-07-02\r\nEND:VCARD\r\n"
	people, _, err := Read("o.vcf", []byte(card), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	for _, want := range []string{"- Spouse: Maria", "- Anniversary: 2015-06-01", "- Anniversary: 2016-07-02"} {
		if !strings.Contains(people[0].Notes, want) {
			t.Errorf("notes %q, want %q; dropped %q", people[0].Notes, want, people[0].Dropped)
		}
	}
}

// TestReadCROnly: a file whose lines end in CR alone (classic Mac OS's,
// and some old exports) was refused at its line 1; its lines are read.
func TestReadCROnly(t *testing.T) {
	people, _, err := Read("m.vcf", []byte("BEGIN:VCARD\rVERSION:3.0\rFN:Mac User\rTEL;TYPE=cell:+1 555 0100\rNOTE:one\r two\rEND:VCARD\r"), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	if p := people[0]; p.Name != "Mac User" || len(p.Phones) != 1 || !strings.Contains(p.Notes, "onetwo") || p.Source.Line != 1 {
		t.Errorf("%+v", p)
	}
}

// TestReadAndroidRelations: Android's related people and days
// (X-ANDROID-CUSTOM relation and contact_event, AOSP's
// v21_x_android_custom_after_photo.vcf) were dropped, their report cut
// to 30 characters; they go in the notes as Apple's do, labelled by
// Android's types.
func TestReadAndroidRelations(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jo\r\n" +
		"X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Maria Lima;14;;;;;;;;;;;;;\r\n" +
		"X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Rui;0;Godfather;;;;;;;;;;;;\r\n" +
		"X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2015-06-01;1;;;;;;;;;;;;;\r\n" +
		"X-ANDROID-CUSTOM:vnd.android.cursor.item/something_else;a long value that says much more than thirty characters;1\r\n" +
		"END:VCARD\r\n"
	people, _, err := Read("a.vcf", []byte(card), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	p := people[0]
	for _, want := range []string{"- Spouse: Maria Lima", "- Godfather: Rui", "- Anniversary: 2015-06-01"} {
		if !strings.Contains(p.Notes, want) {
			t.Errorf("notes %q, want %q", p.Notes, want)
		}
	}
	if len(p.Dropped) != 1 || !strings.Contains(p.Dropped[0], "says much more than thirty characters") {
		t.Errorf("dropped %q", p.Dropped)
	}
}

// TestReadPhoneTypesKept: a modem's or a BBS's line (AOSP's
// v21_multiple_entry.vcf) lost its type: it is kept. An X- word stays
// none (vCard 2.1 writes its own parameters bare: TestReadBareParams).
func TestReadPhoneTypesKept(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jo\r\nTEL;MODEM:1\r\nTEL;BBS:2\r\nTEL;X-NEC-SCHOOL:3\r\nTEL;TYPE=X-Mobile2:4\r\nTEL;VOICE;PREF:5\r\nEND:VCARD\r\n"
	people, _, err := Read("p.vcf", []byte(card), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	if got := fmt.Sprint(people[0].Phones); got != "[{modem 1} {bbs 2} { 3} { 4} { 5}]" {
		t.Errorf("phones %s", got)
	}
}

// TestReadOutlookIMAddress: Outlook writes a contact's IM address
// (Skype for Business, Teams: a SIP address) as X-MS-IMADDRESS, which
// was listed as dropped: it is an account with no web address, kept in
// the notes as the others are.
func TestReadOutlookIMAddress(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lima;Ana\r\nFN:Ana Lima\r\nX-MS-IMADDRESS:ana.lima@tidewater.example\r\nEND:VCARD\r\n"
	people, _, err := Read("o.vcf", []byte(card), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	if p := people[0]; !strings.Contains(p.Notes, "- IM: ana.lima@tidewater.example") || len(p.Dropped) != 0 {
		t.Errorf("notes %q, dropped %q", p.Notes, p.Dropped)
	}
}

// TestReadOutlookIMAddressOnce: a review's cases. Outlook's IM address
// is a SIP address often written with its scheme, and a card that went
// through another address book has it again as IMPP: one line of the
// notes, "- SIP: ana@example.com", not two, nor one with "sip:".
func TestReadOutlookIMAddressOnce(t *testing.T) {
	for _, body := range []string{
		"X-MS-IMADDRESS:sip:ana@example.com\r\nIMPP:sip:ana@example.com\r\n",
		"X-MS-IMADDRESS:ana@example.com\r\nIMPP:sip:ana@example.com\r\n",
		"X-MS-IMADDRESS:sip:ana@example.com\r\n",
	} {
		card := "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lima;Ana\r\nFN:Ana Lima\r\n" + body + "END:VCARD\r\n"
		people, _, err := Read("o.vcf", []byte(card), "")
		if err != nil || len(people) != 1 {
			t.Fatal(people, err)
		}
		if notes := people[0].Notes; strings.Count(notes, "ana@example.com") != 1 || strings.Contains(notes, "sip:") {
			t.Errorf("%q: notes %q", body, notes)
		}
	}
}

// TestReadQuotedPrintableNoteLineLikeAProperty: Outlook and Android write
// a note's lines one after another, each after its =0D=0A= (a soft line
// break); a line of the note that begins as a property would ("EMAIL:…",
// an old address kept in the note) was read as one: the note cut there,
// its last line lost, and "bruno@oldcorp.example=0D=0A=" kept as an email.
// A line that holds quoted-printable's line breaks and ends in a soft one
// is the value's. (QA on real exports.)
func TestReadQuotedPrintableNoteLineLikeAProperty(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bruno Costa\r\nEMAIL;INTERNET:bruno@example.com\r\n" +
		"NOTE;ENCODING=QUOTED-PRINTABLE:Old card:=0D=0A=\r\nEMAIL:bruno@oldcorp.example=0D=0A=\r\nAsk about kids\r\nEND:VCARD\r\n"
	people, _, err := Read("q.vcf", []byte(card), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	p := people[0]
	if got := fmt.Sprint(p.Emails); got != "[{ bruno@example.com}]" {
		t.Errorf("emails %s", got)
	}
	if got := markdown.Unescape(p.Notes); got != "Old card:\nEMAIL:bruno@oldcorp.example\nAsk about kids" {
		t.Errorf("notes %q", got)
	}
}

// TestReadEmailHostIsADomain: an address whose domain holds what no
// domain holds ("x@example.com=0D=0A", quoted-printable an exporter
// left in) is no address: left out with a warning, never kept.
func TestReadEmailHostIsADomain(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@example.com=0D=0A\r\nEMAIL:ana@[192.0.2.1]\r\nEMAIL:ana@exämple.pt\r\nEND:VCARD\r\n"
	people, warnings, err := Read("e.vcf", []byte(card), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	if got := fmt.Sprint(people[0].Emails); got != "[{ ana@[192.0.2.1]} { ana@exämple.pt}]" {
		t.Errorf("emails %s", got)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "e.vcf:4:") {
		t.Errorf("warnings %v", warnings)
	}
}

// TestReadTwoNumbersInOneTEL: a TEL of two numbers ("+1 555 0100 / +1
// 555 0101", as some exports join them) was one number, which a contact
// file may not hold (a build error): each is a number of its own, with
// the TEL's type.
func TestReadTwoNumbersInOneTEL(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nTEL;TYPE=work:+1 555 0100 / +1 555 0101\r\nTEL:+351 910 000 101,+351 910 000 102\r\nTEL:+44 20 7946 0000\r\nTEL:+1 555 0100 x12 / +1 555 0199\r\nEND:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	var phones []string
	for _, p := range people[0].Phones {
		phones = append(phones, p.Type+"="+p.Value)
	}
	if got := strings.Join(phones, "|"); got != "work=+1 555 0100|work=+1 555 0101|=+351 910 000 101|=+351 910 000 102|=+44 20 7946 0000|=+1 555 0100 x12|=+1 555 0199" {
		t.Errorf("phones %q", got)
	}
}

// TestReadReviewedNumbersAndNames: a review's cards. A TEL with a label
// before its number, or a second number in a note, is one number, not
// split; an address of a quoted name keeps its quotes (it lost them, and
// "john doe@example.com" is no address); every address and number read
// is one a contact file takes, so that one card cannot stop the import.
func TestReadReviewedNumbersAndNames(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Doe\r\nEMAIL;TYPE=work:\"john doe\"@example.com\r\nEMAIL:Ana <ana@example.com>\\, \"john doe\"@example.org\r\nTEL;TYPE=work:Reception: +44 20 7946 0000\r\nTEL;TYPE=CELL:+49 151 1234567 (+49 171 7654321 privat)\r\nEND:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range people[0].Emails {
		got = append(got, e.Value)
		if why := content.EmailProblem(e.Value); why != "" {
			t.Errorf("an address a contact file refuses: %s", why)
		}
	}
	for _, p := range people[0].Phones {
		got = append(got, p.Value)
	}
	if want := `"john doe"@example.com|ana@example.com|"john doe"@example.org|Reception: +44 20 7946 0000|+49 151 1234567 (+49 171 7654321 privat)`; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestReadAddressAContactFileRefuses: a third review's. EMAIL:a"b@x.com
// was read as an address a contact file refuses, and the whole import
// stopped; it is said and left out, as any other that is no address.
func TestReadAddressAContactFileRefuses(t *testing.T) {
	src := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:a\"b@example.com\r\nTEL:Line 2: +44 20 7946 0000\r\nEND:VCARD\r\n"
	people, warnings, err := Read("x.vcf", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(people[0].Emails) != 0 || len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "x.vcf:4: EMAIL") {
		t.Errorf("emails %v, warnings %v", people[0].Emails, warnings)
	}
	if len(people[0].Phones) != 1 || people[0].Phones[0].Value != "Line 2: +44 20 7946 0000" {
		t.Errorf("phones %v", people[0].Phones)
	}
}
