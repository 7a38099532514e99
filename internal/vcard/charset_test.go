package vcard

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
)

// kept sums up what a person holds beyond summary: nicknames, location,
// types, photo, and what was dropped.
func kept(p contactfile.Person) string {
	var s []string
	if p.Skip != "" {
		return fmt.Sprintf("%d skip: %s", p.Source.Line, p.Skip)
	}
	s = append(s, fmt.Sprintf("%d %s", p.Source.Line, p.Name))
	if p.Company != "" {
		s = append(s, "company "+p.Company)
	}
	if p.Role != "" {
		s = append(s, "role "+p.Role)
	}
	if len(p.Aliases) > 0 {
		s = append(s, "aliases "+strings.Join(p.Aliases, ","))
	}
	if p.Location != "" {
		s = append(s, "location "+p.Location)
	}
	for _, e := range p.Emails {
		s = append(s, "email "+typedValue(e))
	}
	for _, t := range p.Phones {
		s = append(s, "phone "+typedValue(t))
	}
	for _, l := range p.Links {
		s = append(s, "link "+l.Name+"="+l.URL)
	}
	if p.Photo != nil {
		s = append(s, fmt.Sprintf("photo %s %d bytes", p.Photo.Ext, len(p.Photo.Data)))
	}
	if p.Notes != "" {
		s = append(s, fmt.Sprintf("notes %q", p.Notes))
	}
	for _, d := range p.Dropped {
		s = append(s, "dropped "+d)
	}
	return strings.Join(s, " | ")
}

func typedValue(t content.Typed) string {
	if t.Type == "" {
		return t.Value
	}
	return t.Type + ":" + t.Value
}

// TestReadCharsets: the character sets real exports use, named by a
// CHARSET label, raw or quoted-printable, or by a byte order mark, read
// to exact names.
func TestReadCharsets(t *testing.T) {
	tests := []struct {
		file, charset string
		want          []string
	}{
		// A Japanese Android phone: Shift_JIS, with kanji whose second
		// byte is a backslash (能, 表, ソ), and kana with voicing marks.
		{"docomo-shift_jis-2.1.vcf", "", []string{
			`1 能登 颯太 | company ソニー株式会社 | email sota.noto@example.jp | phone cell:090-1234-5678 | notes "能力は表の通り。ソ、ソ" | dropped SOUND "ﾉﾄ;ｿｳﾀ"`,
			`11 後藤 ゆうじ | aliases ゆうちゃん | email home:yuji.goto@example.jp`,
		}},
		{"windows-1251-2.1.vcf", "", []string{
			`1 Иван Петров (Acme) | company Acme | aliases Иван Петров | location Москва, Россия | email ivan.petrov@acme.example | dropped ADR "ул. Тверская, 7, 125009" (the location keeps the city and country)`,
			`9 Юлия Щукина | email yulia@example.ru`,
		}},
		{"iso-8859-2-2.1.vcf", "", []string{
			`1 Paweł Wróbel | company Żabka Łódź | email pawel@example.pl`,
			`8 Jiří Dvořák | email jiri@example.cz`,
		}},
		{"outlook-windows-1252-2.1.vcf", "", []string{
			`1 Arka O’Neill | company Contoso Ltd. | role Head of Sales | location Dublin, Ireland | email arka@contoso.example | phone work:+353 1 555 0100 | phone cell:+353 85 555 0199 | notes "Owes me €20 – “next time”.\\\nCall before 10." | dropped ADR "1 Grand Canal Square, D02 P820" (the location keeps the city and country)`,
		}},
		{"outlook-unlabelled-1252-2.1.vcf", "windows-1252", []string{
			`1 José Müller | company Café Société | email jose@example.de`,
		}},
		{"outlook-unlabelled-1252-2.1.vcf", "cp1252", []string{
			`1 José Müller | company Café Société | email jose@example.de`,
		}},
		{"windows-utf16le.vcf", "", []string{
			`1 Γιώργος Παπαδόπουλος | aliases Γιώργης | location Αθήνα, Ελλάδα | email work:giorgos@example.gr | phone cell:+30 691 234 5678 | dropped ADR "Οδός Ερμού 12, 105 63" (the location keeps the city and country)`,
		}},
		// UTF-16 without a byte order mark, named by --charset.
		{"utf16le-no-bom.vcf", "utf-16le", []string{
			`1 Γιώργος Παπαδόπουλος | aliases Γιώργης | location Αθήνα, Ελλάδα | email work:giorgos@example.gr | phone cell:+30 691 234 5678 | dropped ADR "Οδός Ερμού 12, 105 63" (the location keeps the city and country)`,
		}},
		// A byte order mark says what the file is, whatever --charset says.
		{"utf16be.vcf", "shift_jis", []string{
			`1 Γιώργος Παπαδόπουλος | aliases Γιώργης | location Αθήνα, Ελλάδα | email work:giorgos@example.gr | phone cell:+30 691 234 5678 | dropped ADR "Οδός Ερμού 12, 105 63" (the location keeps the city and country)`,
		}},
		{"charsets-2.1.vcf", "", []string{
			`1 Ольга Смирнова`, `5 許功蓋`, `9 陈美玲`, `13 김민준`, `17 渡辺 ひろし`, `21 François Châtelain`,
		}},
		// UTF-8 quoted-printable, the old way Android phones wrote it.
		{"android-2.1.vcf", "", []string{
			`1 João Santos | email home:joao@example.com | phone cell:+351 914 000 444 | notes "Runs the Lisbon distributed-systems meetup; asks for speakers every spring."`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.charset, func(t *testing.T) {
			file := tt.file
			if file == "utf16le-no-bom.vcf" {
				file = "windows-utf16le.vcf"
			}
			data, err := os.ReadFile("testdata/" + file)
			if err != nil {
				t.Fatal(err)
			}
			if tt.file == "utf16le-no-bom.vcf" {
				data = data[2:]
			}
			people, warnings, err := Read(tt.file, data, tt.charset)
			if err != nil {
				t.Fatal(err)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings: %v", warnings)
			}
			var got []string
			for _, p := range people {
				got = append(got, kept(p))
				if strings.ContainsRune(kept(p), utf8.RuneError) {
					t.Errorf("U+FFFD in %s", kept(p))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestReadNotUTF8: a file that is not UTF-8 and does not say what it is,
// or a value that is not what its label says, is refused at its line.
func TestReadNotUTF8(t *testing.T) {
	unlabelled, err := os.ReadFile("testdata/outlook-unlabelled-1252-2.1.vcf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src, charset, want string
	}{
		{"unlabelled", string(unlabelled), "",
			`x.vcf:3: not UTF-8, and the file does not say which character set it is in: "N:M\xfcller;Jos\xe9" (and 2 more lines): read it with --charset NAME, such as --charset windows-1252 (Outlook and Windows) or --charset shift_jis (Japanese phones)`},
		{"a label elsewhere", "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=WINDOWS-1251:\xcf\xe5\xf2\xf0\xee\xe2;\xc8\xe2\xe0\xed\nFN:\xc8\xe2\xe0\xed\nEND:VCARD\n", "",
			`x.vcf:4: not UTF-8, and the file does not say which character set it is in: "FN:\xc8\xe2\xe0\xed": read it with --charset NAME, such as --charset windows-1251, which other lines of the file name`},
		// Other lines are UTF-8: --charset would misread them (José as
		// JosÃ©); the byte that is not is the file's slip (a real export's
		// ORG ended in \x80).
		{"UTF-8 but a line", "BEGIN:VCARD\nVERSION:3.0\nFN:Jos\xc3\xa9\nORG:Acme\x80\nEND:VCARD\n", "",
			`x.vcf:4: not UTF-8, though the rest of the file is: "ORG:Acme\x80": correct it in a text editor (--charset would read all of the file in another character set)`},
		// A review's: legacy text whose bytes happen to read as UTF-8 in
		// places is no UTF-8 file: Shift_JIS 名前 (\x96\xbc\x91\x4f)
		// holds none, but windows-1251 Фёдор ends in a pair that does.
		{"windows-1251, some pairs UTF-8", "BEGIN:VCARD\nVERSION:3.0\nFN:\xd4\xb8\xe4\xee\xf0\nN:\xcf\xe5\xf2\xf0\xee\xe2;\xc8\xe2\xe0\xed\nEND:VCARD\n", "",
			`x.vcf:3: not UTF-8, and the file does not say which character set it is in: "FN:Ը\xe4\xee\xf0" (and 1 more line): read it with --charset NAME, such as --charset windows-1252 (Outlook and Windows) or --charset shift_jis (Japanese phones)`},
		{"mislabelled", "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=SHIFT_JIS:Zo\xeb \xc5ngstr\xf6m\nEND:VCARD\n", "",
			`x.vcf:3: not valid SHIFT_JIS, as its CHARSET says: "FN;CHARSET=SHIFT_JIS:Zo\xeb \xc5ngstr\xf6m"`},
		{"not UTF-8 as labelled", "BEGIN:VCARD\nVERSION:3.0\nFN;CHARSET=UTF-8:Jos\xe9\nEND:VCARD\n", "",
			`x.vcf:3: not valid UTF-8, as its CHARSET says: "FN;CHARSET=UTF-8:Jos\xe9"`},
		{"quoted-printable not UTF-8", "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:Jos=E9\nEND:VCARD\n", "",
			`x.vcf:3: not UTF-8, and the file does not say which character set it is in: "FN;ENCODING=QUOTED-PRINTABLE:Jos=E9": read it with --charset NAME, such as --charset windows-1252 (Outlook and Windows) or --charset shift_jis (Japanese phones)`},
		{"unknown label", "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=X-KLINGON:Q\xf8apla\nEND:VCARD\n", "",
			`x.vcf:3: unknown CHARSET "X-KLINGON": netjournal cannot read this character set (--charset NAME reads it as another): "FN;CHARSET=X-KLINGON:Q\xf8apla"`},
		// A character set the file names that netjournal does not know is
		// no suggestion for --charset, which would refuse it too.
		{"an unknown label elsewhere", "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=murks:Lima;Ana\nFN:Jos\xe9\nEND:VCARD\n", "",
			`x.vcf:4: not UTF-8, and the file does not say which character set it is in: "FN:Jos\xe9": read it with --charset NAME, such as --charset windows-1252 (Outlook and Windows) or --charset shift_jis (Japanese phones)`},
		{"unknown label, not what --charset says", "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=murks:Zo\xeb\nEND:VCARD\n", "shift_jis",
			`x.vcf:3: not valid shift_jis, as --charset says: "FN;CHARSET=murks:Zo\xeb"`},
		{"not what --charset says", "BEGIN:VCARD\nVERSION:2.1\nFN:Zo\xeb\nFN:\xeb\xeb\nEND:VCARD\n", "shift_jis",
			`x.vcf:3: not valid shift_jis, as --charset says: "FN:Zo\xeb" (and 1 more lines)`},
		{"UTF-8 mark, not UTF-8", "\xef\xbb\xbfBEGIN:VCARD\nFN:Jos\xe9\nEND:VCARD\n", "",
			`x.vcf:2: not valid UTF-8, as the file's byte order mark says it is: "FN:Jos\xe9"`},
		{"unknown --charset", "BEGIN:VCARD\nFN:A\nEND:VCARD\n", "klingon",
			`x.vcf:1: --charset: unknown character set "klingon": use a name such as utf-8, windows-1252, iso-8859-2, windows-1251, koi8-r, shift_jis, euc-jp, gb18030, big5 or euc-kr`},
		{"bad UTF-16", "\xff\xfeB\x00E\x00G\x00I\x00N\x00:\x00V\x00C\x00A\x00R\x00D\x00\n\x00F\x00N\x00:\x00\x00\xd8A\x00\n\x00", "",
			"x.vcf:2: not valid UTF-16, as the file's byte order mark says it is: \"FN:\uFFFDA\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read("x.vcf", []byte(tt.src), tt.charset)
			var list content.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("got %v, want a content.ErrorList", err)
			}
			if got := strings.Join(strings.Split(err.Error(), "\n")[:len(list)], "\n"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestReadUnknownLabelWithCharset: a line whose CHARSET netjournal does
// not know is read in the character set --charset names (a real file's
// CHARSET=murks, which the error told to read with --charset, and which
// --charset windows-1252 then could not read).
func TestReadUnknownLabelWithCharset(t *testing.T) {
	people, _, err := Read("x.vcf", []byte("BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=murks:Jos\xe9 M\xfcller\nEND:VCARD\n"), "windows-1252")
	if err != nil {
		t.Fatal(err)
	}
	if people[0].Name != "José Müller" {
		t.Errorf("name %q", people[0].Name)
	}
}

// TestReadKeeps: what a card carries lands where a contact file keeps it
// — nicknames as aliases, an address as the location, accounts as links,
// types of emails and phones, the photo — and the rest is listed.
func TestReadKeeps(t *testing.T) {
	data, err := os.ReadFile("testdata/iphone-kept-3.0.vcf")
	if err != nil {
		t.Fatal(err)
	}
	people, warnings, err := Read("iphone.vcf", data, "")
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	got := strings.ReplaceAll(kept(people[0]), " | ", "\n")
	want := `1 Chidi Okafor
company Lumen Freight
role Head of Platform
aliases Chi,The Platform Guy
location London, United Kingdom
email home:chidi@example.com
email work:chidi.okafor@lumen.example
phone cell:+44 7700 900456
phone work:+44 20 7946 0018
phone work fax:+44 20 7946 0019
phone assistant:+44 20 7946 0020
link twitter=https://x.com/chidiokafor
link github=https://github.com/chidi-okafor
link telegram=https://t.me/chidiok
photo .png 69 bytes
notes "- Anniversary: 2015-06-01\n- Related: Ada Okafor\n- Skype: chidi.okafor\n- XMPP: chidi@jabber.example"
dropped ORG unit "Platform"
dropped ADR "10 Finsbury Square, EC2A 1AF" (the location keeps the city and country)
dropped ADR "Brighton, United Kingdom" (the location keeps one address)`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	// Messengers whose accounts have a web address become links: a
	// WhatsApp or Signal number with its country code, a Matrix user;
	// another account is kept in the notes.
	for src, want := range map[string]string{
		"IMPP;X-SERVICE-TYPE=WhatsApp;type=pref:x-apple:%2B351%20910%20000%20101": "link whatsapp=https://wa.me/351910000101",
		"X-WHATSAPP:+44 7700 900456":                                 "link whatsapp=https://wa.me/447700900456",
		"IMPP;X-SERVICE-TYPE=Signal:x-apple:0044 (7700) 900-456":     "link signal=https://signal.me/#p/+447700900456",
		"IMPP:matrix:u/alice:Matrix.Example.org":                     "link matrix=https://matrix.to/#/@alice:matrix.example.org",
		"IMPP;X-SERVICE-TYPE=Matrix:x-apple:@bob.b:example.org:8448": "link matrix=https://matrix.to/#/@bob.b:example.org:8448",
		"X-WHATSAPP:910 000 101":                                     `notes "- WhatsApp: 910 000 101"`,
		"IMPP:xmpp:ana@jabber.example":                               `notes "- XMPP: ana@jabber.example"`,
	} {
		people, _, err := Read("x.vcf", []byte("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\n"+src+"\nEND:VCARD\n"), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := kept(people[0]); !strings.Contains(got, want) {
			t.Errorf("%s: got %s, want %s", src, got, want)
		}
	}

	// A photo at a web address is not downloaded; one that is not an
	// image is not kept.
	for src, want := range map[string]string{
		"PHOTO;VALUE=uri:https://lh3.googleusercontent.com/contacts/AG6tpzGQx3nVbQ2mK8s1Ywq4": `dropped PHOTO "https://lh3.googleusercontent.…" (a photo on the web is not downloaded)`,
		"PHOTO:data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=":                                    "dropped PHOTO (not a JPEG, PNG, GIF or WebP image)",
		"PHOTO;ENCODING=b;TYPE=JPEG:!!!":                                                      "dropped PHOTO (not base64)",
		"PHOTO;ENCODING=BASE64;TYPE=GIF:R0lGODlhAQABAAAAACw=":                                 "photo .gif 14 bytes",
		"PHOTO;JPEG;ENCODING=BASE64:/9j/4AAQSkZJRgABAQ":                                       "photo .jpg 13 bytes",
	} {
		people, _, err := Read("x.vcf", []byte("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\n"+src+"\nEND:VCARD\n"), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := kept(people[0]); got != "1 Ana | "+want {
			t.Errorf("%s:\n got %s\nwant %s", src, got, "1 Ana | "+want)
		}
	}
}

// TestWriteKeeps: what a contact file keeps goes out in the export — the
// uid as UID, aliases as NICKNAME, the location as ADR, the types of
// emails and phones, the photo — and an import reads it back as it was.
func TestWriteKeeps(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01")
	c := &content.Contact{Name: "Chidi Okafor", Aliases: content.StringList{"Chi", "The, Platform; Guy"},
		Location: "London, United Kingdom", UID: "urn:uuid:3b1a7f0c-5d2e-4c8a-9a61-0f4e2b7d9c13",
		Emails: content.TypedList{{Type: "home", Value: "chidi@example.com"}, {Value: "chidi.okafor@lumen.example"}},
		Phones: content.TypedList{{Type: "cell", Value: "+44 7700 900456"}, {Type: "work fax", Value: "+44 20 7946 0019"},
			{Type: "assistant", Value: "+44 20 7946 0020"}, {Value: "+44 20 7946 0021"}},
		Links: content.Links{{Name: "telegram", URL: "https://t.me/chidiok"}}}
	c.Path, c.Slug = "content/contacts/chidi-okafor.md", "chidi-okafor"
	bo := &content.Contact{Name: "Bo", Location: "Porto"}
	bo.Path, bo.Slug = "content/contacts/bo.md", "bo"
	var b strings.Builder
	err := Write(&b, []*content.Contact{c, bo}, Options{Host: "example.com", Photos: map[string]content.Photo{c.Path: {Data: png, Ext: ".png"}}})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, line := range []string{
		"UID:urn:uuid:3b1a7f0c-5d2e-4c8a-9a61-0f4e2b7d9c13", "UID:contact-bo@example.com",
		"NICKNAME:Chi,The\\, Platform\\; Guy",
		"ADR:;;;London;;;United Kingdom", "ADR:;;;Porto;;;",
		"EMAIL;TYPE=INTERNET;TYPE=HOME;TYPE=PREF:chidi@example.com",
		"TEL;TYPE=CELL;TYPE=PREF:+44 7700 900456", "TEL;TYPE=WORK;TYPE=FAX:+44 20 7946 0019",
		"item1.TEL:+44 20 7946 0020", "item1.X-ABLABEL:assistant", "TEL:+44 20 7946 0021",
		"item2.URL:https://t.me/chidiok", "item2.X-ABLABEL:telegram",
		"PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB",
	} {
		if !strings.Contains(out, "\r\n"+line+"\r\n") {
			t.Errorf("no line %q in:\n%s", line, out)
		}
	}
	people, warnings, err := Read("out.vcf", []byte(out), "")
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	got := strings.ReplaceAll(kept(people[0]), " | ", "\n")
	want := `1 Chidi Okafor
aliases Chi,The, Platform; Guy
location London, United Kingdom
email home:chidi@example.com
email chidi.okafor@lumen.example
phone cell:+44 7700 900456
phone work fax:+44 20 7946 0019
phone assistant:+44 20 7946 0020
phone +44 20 7946 0021
link telegram=https://t.me/chidiok
photo .png 24 bytes`
	if got != want {
		t.Errorf("read back:\n%s\nwant:\n%s", got, want)
	}
	if people[0].UID != c.UID || people[1].UID != "contact-bo@example.com" || people[1].Location != "Porto" {
		t.Errorf("read back %q, %q, %q", people[0].UID, people[1].UID, people[1].Location)
	}
}
