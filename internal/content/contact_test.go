package content

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// contact loads one contact file and returns it with the site's problems.
func contact(t *testing.T, src string, files ...string) (*Contact, []string) {
	t.Helper()
	fsys := fstest.MapFS{
		ConfigFile:                     {Data: []byte(testConfig)},
		"content/contacts/ana-lima.md": {Data: []byte(src)},
	}
	for i := 0; i+1 < len(files); i += 2 {
		fsys[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	s, err := Load(fsys)
	var problems []string
	var list ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			problems = append(problems, e.Error())
		}
	} else if err != nil {
		t.Fatal(err)
	}
	if s == nil || len(s.Contacts) != 1 {
		t.Fatalf("no contact: %v", err)
	}
	return s.Contacts[0], problems
}

func typed(l TypedList) string {
	var out []string
	for _, t := range l {
		if t.Type != "" {
			out = append(out, t.Type+"="+t.Value)
		} else {
			out = append(out, t.Value)
		}
	}
	return strings.Join(out, "|")
}

// TestTypedEmailsAndPhones: emails and phones load as they always did —
// one value, a list — and each may carry its type; Email and Phone hold
// the values alone.
func TestTypedEmailsAndPhones(t *testing.T) {
	for _, tt := range []struct{ front, emails, phones string }{
		{"email: a@x.example\nphone: \"+351 910 000 101\"", "a@x.example", "+351 910 000 101"},
		{"email: [a@x.example, b@y.example]\nphone:\n  - +1 555 0100\n  - +1 555 0101", "a@x.example|b@y.example", "+1 555 0100|+1 555 0101"},
		{"email: [a@x.example, work: b@y.example]", "a@x.example|work=b@y.example", ""},
		{"phone:\n  - cell: +351 910 000 101\n  - \"+351 213 000 000\"\n  - work fax: +351 213 000 001", "", "cell=+351 910 000 101|+351 213 000 000|work fax=+351 213 000 001"},
		{"email:", "", ""},
	} {
		c, problems := contact(t, "---\nname: Ana Lima\n"+tt.front+"\n---\n")
		if len(problems) > 0 {
			t.Errorf("%q: %v", tt.front, problems)
			continue
		}
		if got := typed(c.Emails); got != tt.emails {
			t.Errorf("%q: emails %q, want %q", tt.front, got, tt.emails)
		}
		if got := typed(c.Phones); got != tt.phones {
			t.Errorf("%q: phones %q, want %q", tt.front, got, tt.phones)
		}
		if got, want := strings.Join(c.Email, "|"), strings.Join(c.Emails.Values(), "|"); got != want {
			t.Errorf("%q: Email %q, want %q", tt.front, got, want)
		}
		if got, want := strings.Join(c.Phone, "|"), strings.Join(c.Phones.Values(), "|"); got != want {
			t.Errorf("%q: Phone %q, want %q", tt.front, got, want)
		}
	}
}

func TestContactKeyErrors(t *testing.T) {
	const p = "content/contacts/ana-lima.md"
	for _, tt := range []struct{ front, want string }{
		{"email: [a@x.example, {work: b@y.example, home: c@z.example}]", p + ":3: expected a text, or type: text (work: …) in the list, got a map of 2 keys"},
		{"phone:\n  - cell: [a: b]", p + ":4: expected a text after cell:, got a list"},
		{"phone: {cell: +351 910 000 101}", p + ":3: expected a text, or type: text (work: …), or a list of them, got a map"},
		{"phone: [\"\": +1 555 0100]", p + ":3: expected a type such as work or cell before the colon"},
		{"email: [[a@x.example]]", p + ":3: expected a text, or type: text (work: …) in the list, got a list"},
		{"uid: \"a\\nb\"", p + `:3: uid: expected one line, got "a\nb"`},
		{"photo: /home/ana/ana.jpg", p + `:3: photo: expected the file name of an image beside the contact's file (ana-lima.jpg), got "/home/ana/ana.jpg"`},
		{"photo: ../ana.jpg", p + `:3: photo: expected a file beside the contact's file or in a folder below it, got "../ana.jpg"`},
		{"photo: https://example.com/ana.jpg", p + `:3: photo: expected the file name of an image beside the contact's file (ana-lima.jpg), got "https://example.com/ana.jpg"`},
		{"photo: ana-lima.md", p + `:3: photo: "ana-lima.md" is not named like a JPEG, PNG, GIF or WebP image (.jpg, .png, .gif, .webp)`},
		// A list's item indented too far is folded into the one before
		// it: one address, or one number, made of two (a QA pass; the
		// wiki linked mailto:a@b.com%20-%20c@d.com, export wrote it).
		{"email:\n  - a@b.example\n    - c@d.example", p + `:4: email: expected one email address (name@host), got "a@b.example - c@d.example": give each its own line of the list`},
		{"phone:\n  - +1 555 0100\n    +1 555 0101", p + `:4: phone: expected one phone number, got "+1 555 0100 +1 555 0101": give each its own line of the list`},
		{"email: [ok@x.example, work: ana.lima]", p + `:3: email: expected an email address (name@host), got "ana.lima"`},
		{"email: mailto:ana@x.example", p + `:3: email: expected the address alone, without mailto:, got "mailto:ana@x.example"`},
		{"phone: \"+351 910 000 101 ext. 12\"\nemail: \"Ana@Example.COM\"", ""},
		// An item left empty, as when a tag is deleted by hand: "got a
		// text" (a QA pass).
		{"tags:\n  - a\n  -\n  - b", p + ":5: expected a text item in the list, got a blank (nothing, ~ or null)"},
		{"email: [a@b.example, ~]", p + ":3: expected a text, or type: text (work: …) in the list, got a blank (nothing, ~ or null)"},
		{"email: [\"work: ana@x.example\"]", p + `:3: email: expected an email address, got "work: ana@x.example": a type goes before its colon outside quotes (- work: ana@example.com)`},
		// A review's: a quoted name, a number with a note or a label.
		{"email: ['\"john doe\"@x.example', '\"a,b\"@x.example']\nphone: ['+49 151 1234567 (+49 171 7654321 privat)', 'work: \"Reception: +44 20 7946 0000\"', 'cell: +1 555 0100 x12']", ""},
		{"phone: '+1 555 0100 - +1 555 0101'", p + `:3: phone: expected one phone number, got "+1 555 0100 - +1 555 0101": give each its own line of the list`},
		// A second review's: a number with an extension before another,
		// and what is no address although it begins with a quote.
		{"phone: '+1 555 0100 x12 / +1 555 0101'", p + `:3: phone: expected one phone number, got "+1 555 0100 x12 / +1 555 0101": give each its own line of the list`},
		{"email: ['\"Ana Lima\" ana@x.example']", p + `:3: email: expected one email address (name@host), got "\"Ana Lima\" ana@x.example": give each its own line of the list`},
		{"email: ['\"@x.example']", p + `:3: email: expected an email address, got "\"@x.example": quotes go around the whole name alone ("ana lima"@example.com)`},
		// A third review's: a label with a digit before a number.
		{"phone: ['Line 2: +44 20 7946 0000', 'Apt 4B, +1 555 0100']", ""},
	} {
		_, problems := contact(t, "---\nname: Ana Lima\n"+tt.front+"\n---\n")
		if got := strings.Join(problems, "\n"); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.front, got, tt.want)
		}
	}
}

// TestPhotos: a contact's photo is a file beside it, read by ReadPhotos;
// one that is missing or not an image is a warning at its line, and not
// a photo.
func TestPhotos(t *testing.T) {
	jpeg := "\xff\xd8\xff\xe0\x00\x10JFIF"
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	fsys := fstest.MapFS{
		ConfigFile:                               {Data: []byte(testConfig)},
		"content/contacts/ana-lima.md":           {Data: []byte("---\nname: Ana Lima\nphoto: ana-lima.jpg\n---\n")},
		"content/contacts/ana-lima.jpg":          {Data: []byte(jpeg)},
		"content/contacts/lisbon/rui.md":         {Data: []byte("---\nname: Rui\nphoto: photos/Rui.PNG\n---\n")},
		"content/contacts/lisbon/photos/Rui.PNG": {Data: []byte(png)},
		"content/contacts/mei.md":                {Data: []byte("---\nname: Mei\nphoto: mei.jpg\n---\n")},
		"content/contacts/bo.md":                 {Data: []byte("---\nname: Bo\nphoto: bo.gif\n---\n")},
		"content/contacts/bo.gif":                {Data: []byte("not an image")},
		"content/contacts/cy.md":                 {Data: []byte("---\nname: Cy\nphoto: cy.png\n---\n")},
		"content/contacts/cy.png":                {Data: []byte(jpeg)}, // a JPEG named .png: still an image
		"content/contacts/dee.md":                {Data: []byte("---\nname: Dee\n---\n")},
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	photos, warnings := ReadPhotos(fsys, s.Contacts)
	var got []string
	for _, c := range s.Contacts {
		if p, ok := photos[c.Path]; ok {
			got = append(got, fmt.Sprintf("%s %s %d", c.PhotoPath(), p.Ext, len(p.Data)))
		}
	}
	want := []string{
		"content/contacts/ana-lima.jpg .jpg 10",
		"content/contacts/cy.png .jpg 10",
		"content/contacts/lisbon/photos/Rui.PNG .png 16",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("photos:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := warnings.Error(), `content/contacts/bo.md:3: photo "bo.gif" is not a JPEG, PNG, GIF or WebP image: the wiki shows initials instead
content/contacts/mei.md:3: photo "mei.jpg" is not there: the wiki shows initials instead`; got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

func TestPhotoExt(t *testing.T) {
	for data, want := range map[string]string{
		"\xff\xd8\xff\xdb":         ".jpg",
		"\x89PNG\r\n\x1a\n":        ".png",
		"GIF89a\x01\x00":           ".gif",
		"RIFF\x10\x00\x00\x00WEBP": ".webp",
		"RIFF\x10\x00\x00\x00WAVE": "",
		"<svg></svg>":              "",
		"":                         "",
	} {
		if got := PhotoExt([]byte(data)); got != want {
			t.Errorf("PhotoExt(%q) = %q, want %q", data, got, want)
		}
	}
}
