package contactfile

import (
	"fmt"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
)

// TestSlugOf: a name in another script keeps a file name that reads as
// the name (Cyrillic and Greek spelled in Latin letters), one of two
// scripts keeps both, and content.SlugOf reads the file name back as it
// is.
func TestSlugOf(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Ana Lima", "ana-lima"},
		{"José Müller", "jose-muller"},
		{"Arka O’Neill", "arka-o-neill"},
		{"Иван Петров", "ivan-petrov"},
		{"Иван Петров (Acme)", "ivan-petrov-acme"}, // not acme.md
		{"Юлия Щукина", "yuliya-shchukina"},
		{"Андрій Шевченко", "andriy-shevchenko"},
		{"Γιώργος Παπαδόπουλος", "giorgos-papadopoulos"},
		{"陈美", "陈美"},
		{"陈美 (Mei Chen)", "陈美-mei-chen"}, // both scripts, as SlugOf reads them
		{"田中 太郎 3世", "田中-太郎-3世"},
		{"Go语言 小组", "go语言-小组"},
		{"ABC-MART 池袋パルコ店", "abc-mart-池袋パルコ店"},
		{"김민준", "김민준"},
		{"能登 颯太", "能登-颯太"},
		{"محمد علي", "محمد-علي"},
		{"🙂", ""},
	} {
		got := slugOf(tt.name)
		if got != tt.want {
			t.Errorf("slugOf(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if got != "" && loaderSlug(got) != got {
			t.Errorf("%q: content.SlugOf reads %s.md as %q", tt.name, got, loaderSlug(got))
		}
	}
	// The voicing marks of kana stay, in the file name and in the slug
	// the loader reads from it (ゆうじ, not ゆうし).
	if got := slugOf("後藤 ゆうじ"); got != "後藤-ゆうじ" || loaderSlug(got) != "後藤-ゆうじ" {
		t.Errorf("slugOf(後藤 ゆうじ) = %q, read as %q", got, loaderSlug(got))
	}
}

// png is the smallest PNG, and jpeg the start of a JPEG: enough for
// content.PhotoExt.
var (
	png  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	jpeg = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")
)

func photo(t *testing.T, data []byte) *Photo {
	t.Helper()
	p, err := NewPhoto(data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// planIn plans people into the site fsys, and returns the site as it is
// after the import.
func planIn(t *testing.T, fsys fstest.MapFS, opts Options, people ...Person) (*Result, fstest.MapFS) {
	t.Helper()
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Plan(fsys, s.Contacts, people, opts)
	if err != nil {
		t.Fatal(err)
	}
	after := fstest.MapFS{}
	for p, f := range fsys {
		after[p] = f
	}
	for p, b := range res.Files {
		after[p] = &fstest.MapFile{Data: b}
	}
	if _, err := content.Load(after); err != nil {
		t.Fatalf("the site does not load after the import: %v", err)
	}
	return res, after
}

func changes(res *Result) string {
	var out []string
	for _, c := range res.Changes {
		s := []string{"unchanged", "created", "updated", "skipped"}[c.Action] + " " + c.Path
		if c.Reason != "" {
			s += ": " + c.Reason
		}
		if len(c.Added) > 0 {
			s += ": added " + strings.Join(c.Added, ", ")
		}
		for _, k := range c.Conflicts {
			s += "; kept yours: " + k
		}
		for _, d := range c.Dropped {
			s += "; dropped: " + d
		}
		for _, d := range c.Duplicates {
			s += "; possible duplicate of " + d.Path + " (" + d.Reason + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

// TestPlanKeeps: a new contact holds the nicknames, the location, the
// types of emails and phones, the UID and the photo of the record; a
// merge adds them to a contact that lacks them; a second import changes
// nothing.
func TestPlanKeeps(t *testing.T) {
	fsys := fstest.MapFS{
		content.ConfigFile: {Data: []byte(testConfig)},
		"content/contacts/lisbon/ana-lima.md": {Data: []byte("---\nname: Ana Lima\nemail: ana@example.com\n" +
			"phone:\n  - \"+351 910 000 101\"   # mobile\n---\nNotes.\n")},
	}
	people := []Person{{
		Name: "Chidi Okafor", Aliases: []string{"Chi", "chidi okafor"}, Company: "Lumen Freight", Location: "London, United Kingdom",
		Emails: []content.Typed{{Type: "home", Value: "chidi@example.com"}, {Value: "chidi.okafor@lumen.example"}},
		Phones: []content.Typed{{Type: "cell", Value: "+44 7700 900456"}, {Type: "work fax", Value: "+44 20 7946 0019"}},
		Links:  []Link{{Name: "telegram", URL: "https://t.me/chidiok"}},
		UID:    "urn:uuid:3b1a7f0c-5d2e-4c8a-9a61-0f4e2b7d9c13", Photo: photo(t, png),
	}, {
		Name: "Ana Lima", Aliases: []string{"Aninha"}, Location: "Lisbon, Portugal",
		Emails: []content.Typed{{Type: "home", Value: "ANA@example.com"}, {Type: "work", Value: "ana@tidewater.example"}},
		Phones: []content.Typed{{Type: "cell", Value: "+351910000101"}, {Type: "work", Value: "+351 213 000 000"}},
		UID:    "9f2c4e61-7a3b-4d05-8e1f-6c0b5a2d8e74", Photo: photo(t, jpeg),
	}}
	res, after := planIn(t, fsys, Options{}, people...)
	want := `created content/contacts/chidi-okafor.md
updated content/contacts/lisbon/ana-lima.md: added aliases "Aninha", location "Lisbon, Portugal", email ana@tidewater.example (work), phone +351 213 000 000 (work), photo ana-lima.jpg, uid 9f2c4e61-7a3b-4d05-8e1f-6c0b5a2d8e74`
	if got := changes(res); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got, want := string(res.Files["content/contacts/chidi-okafor.md"]), `---
name: Chidi Okafor
aliases: [Chi]
company: Lumen Freight
location: London, United Kingdom
email:
  - home: chidi@example.com
  - chidi.okafor@lumen.example
phone:
  - cell: +44 7700 900456
  - work fax: +44 20 7946 0019
links:
  telegram: https://t.me/chidiok
photo: chidi-okafor.png
uid: urn:uuid:3b1a7f0c-5d2e-4c8a-9a61-0f4e2b7d9c13
---
`; got != want {
		t.Errorf("chidi-okafor.md:\n%s\nwant:\n%s", got, want)
	}
	if got, want := string(res.Files["content/contacts/lisbon/ana-lima.md"]), `---
name: Ana Lima
email: [ana@example.com, work: ana@tidewater.example]
phone:
  - "+351 910 000 101"   # mobile
  - work: +351 213 000 000
aliases: [Aninha]
location: Lisbon, Portugal
photo: ana-lima.jpg
uid: 9f2c4e61-7a3b-4d05-8e1f-6c0b5a2d8e74
---
Notes.
`; got != want {
		t.Errorf("ana-lima.md:\n%s\nwant:\n%s", got, want)
	}
	if string(res.Files["content/contacts/chidi-okafor.png"]) != string(png) || string(res.Files["content/contacts/lisbon/ana-lima.jpg"]) != string(jpeg) {
		t.Errorf("photos: %v", keys(res.Files))
	}
	if got := res.Changes[1].Photo; got != "content/contacts/lisbon/ana-lima.jpg" {
		t.Errorf("Photo = %q", got)
	}

	s, err := content.Load(after)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range s.Contacts {
		if _, warnings := content.ReadPhotos(after, []*content.Contact{c}); len(warnings) > 0 {
			t.Errorf("%s: %v", c.Path, warnings)
		}
	}
	again, err := Plan(after, s.Contacts, people, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := changes(again), "unchanged content/contacts/chidi-okafor.md\nunchanged content/contacts/lisbon/ana-lima.md"; got != want || len(again.Files) > 0 {
		t.Errorf("second import:\n%s\nwant:\n%s", got, want)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestPlanPhotos: a photo never replaces a file, nor the contact's own
// photo: another name is found for it, and another photo in the card is
// reported.
func TestPlanPhotos(t *testing.T) {
	fsys := fstest.MapFS{
		content.ConfigFile:               {Data: []byte(testConfig)},
		"content/contacts/ana-lima.md":   {Data: []byte("---\nname: Ana Lima\nemail: ana@example.com\nphoto: me.png\n---\n")},
		"content/contacts/me.png":        {Data: png},
		"content/contacts/rui-alves.jpg": {Data: []byte("\xff\xd8\xff a photo of something else")},
		"content/contacts/mei-chen.jpg":  {Data: jpeg}, // the photo a failed import left
		"content/contacts/bo.md":         {Data: []byte("---\nname: Bo\nemail: bo@example.com\nphoto: bo.png\n---\n")},
		"content/contacts/bo.png":        {Data: png},
	}
	res, _ := planIn(t, fsys, Options{},
		Person{Name: "Ana Lima", Emails: values("ana@example.com"), Photo: photo(t, jpeg)},
		Person{Name: "Rui Alves", Emails: values("rui@example.com"), Photo: photo(t, jpeg)},
		Person{Name: "Mei Chen", Emails: values("mei@example.com"), Photo: photo(t, jpeg)},
		Person{Name: "Bo", Emails: values("bo@example.com"), Photo: photo(t, png)},
	)
	want := `unchanged content/contacts/ana-lima.md; kept yours: photo me.png, not the one of the import
created content/contacts/rui-alves.md
created content/contacts/mei-chen.md
unchanged content/contacts/bo.md`
	if got := changes(res); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	var photos []string
	for _, c := range res.Changes {
		if c.Photo != "" {
			photos = append(photos, c.Photo)
		}
	}
	if got := fmt.Sprint(photos); got != "[content/contacts/rui-alves-photo-2.jpg]" {
		t.Errorf("photos written: %s", got)
	}
	for _, f := range []string{"rui-alves.md", "mei-chen.md"} {
		name := strings.TrimSuffix(f, ".md")
		want := "photo: " + name + "-photo-2.jpg"
		if f == "mei-chen.md" {
			want = "photo: mei-chen.jpg" // the file holds this photo already
		}
		if !strings.Contains(string(res.Files[path.Join(content.ContactsDir, f)]), want+"\n") {
			t.Errorf("%s has no %q:\n%s", f, want, res.Files[path.Join(content.ContactsDir, f)])
		}
	}
}

// TestPlanUID: a uid is who a person is. The same uid merges whatever
// the emails; another uid is another person, though an email is shared;
// a contact without one gets the card's.
func TestPlanUID(t *testing.T) {
	fsys := fstest.MapFS{
		content.ConfigFile:             {Data: []byte(testConfig)},
		"content/contacts/ana-lima.md": {Data: []byte("---\nname: Ana Lima\nemail: ana@example.com\nuid: urn:uuid:AAAA\n---\n")},
		"content/contacts/rui.md":      {Data: []byte("---\nname: Rui Alves\nemail: rui@example.com\n---\n")},
	}
	res, after := planIn(t, fsys, Options{},
		Person{Name: "Ana L.", Emails: values("ana@tidewater.example"), UID: "aaaa"},
		Person{Name: "Ana Lima", Emails: values("ana@example.com"), UID: "BBBB"},
		Person{Name: "Rui Alves", Emails: values("rui@example.com"), UID: "CCCC"},
		Person{Name: "R. Alves", UID: "cccc", Role: "CTO"},
	)
	want := `updated content/contacts/ana-lima.md: added email ana@tidewater.example; kept yours: name "Ana Lima", not "Ana L."
created content/contacts/ana-lima-2.md; possible duplicate of content/contacts/ana-lima.md (same email ana@example.com, but another vCard UID)
updated content/contacts/rui.md: added uid CCCC
updated content/contacts/rui.md: added role "CTO"; kept yours: name "Rui Alves", not "R. Alves"`
	if got := changes(res); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(string(res.Files["content/contacts/ana-lima-2.md"]), "\nuid: BBBB\n") {
		t.Errorf("ana-lima-2.md:\n%s", res.Files["content/contacts/ana-lima-2.md"])
	}
	// The next import of the same cards finds each by its uid.
	s, err := content.Load(after)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Plan(after, s.Contacts, []Person{{Name: "Ana", UID: "BBBB"}, {Name: "Rui", UID: "urn:uuid:cccc"}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := changes(again), `unchanged content/contacts/ana-lima-2.md; kept yours: name "Ana Lima (2)", not "Ana"
unchanged content/contacts/rui.md; kept yours: name "Rui Alves", not "Rui"`; got != want {
		t.Errorf("again:\n%s\nwant:\n%s", got, want)
	}
}

// TestPlanAliases: a nickname that another contact, an event or a post
// answers to is not made an alias, and the import says so.
func TestPlanAliases(t *testing.T) {
	fsys := fstest.MapFS{
		content.ConfigFile:          {Data: []byte(testConfig)},
		"content/contacts/bob.md":   {Data: []byte("---\nname: Robert Stone\naliases: [Bob]\n---\n")},
		"content/contacts/ana.md":   {Data: []byte("---\nname: Ana Lima\nemail: ana@example.com\n---\n")},
		"content/events/lisbon.md":  {Data: []byte("---\ntitle: Lisbon\ndate: 2026-01-01\n---\n")},
		"content/posts/the-post.md": {Data: []byte("---\ntitle: Ledgers\ndate: 2026-01-01\n---\n")},
	}
	opts := Options{Names: []string{"lisbon", "Lisbon", "the-post", "Ledgers"}}
	people := []Person{
		{Name: "Bob Marsh", Aliases: []string{"Bob", "Marshy"}, Emails: values("bob@example.com")},
		{Name: "Ana Lima", Aliases: []string{"Ledgers", "Ana"}, Emails: values("ana@example.com")},
		{Name: "Kim", Aliases: []string{"Marshy"}, Emails: values("kim@example.com")},
		{Name: "Jo", Aliases: []string{"Bob", "Lisbon", "Jojo"}}, // nothing but a name
	}
	res, after := planIn(t, fsys, opts, people...)
	want := `created content/contacts/bob-marsh.md; dropped: nickname "Bob" (another contact, event or post answers to it)
updated content/contacts/ana.md: added aliases "Ana"; dropped: nickname "Ledgers" (another contact, event or post answers to it)
created content/contacts/kim.md; dropped: nickname "Marshy" (another contact, event or post answers to it)
created content/contacts/jo.md; dropped: nickname "Bob" (another contact, event or post answers to it); dropped: nickname "Lisbon" (another contact, event or post answers to it)`
	if got := changes(res); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// Again, nothing changes, and no namesake of Jo is made for the
	// nickname he could not have.
	s, err := content.Load(after)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Plan(after, s.Contacts, people, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Files) > 0 || again.Count(Unchanged) != len(people) {
		t.Errorf("again:\n%s", changes(again))
	}
}

// TestPlanAliasAccents: a nickname that is the name without its accents
// (Joao Santos for João Santos) is an alias, kept: an export of one,
// imported into a new site, lost it in silence. Imported again, nothing
// changes; a file that has the name's accented alias gains the other.
func TestPlanAliasAccents(t *testing.T) {
	fsys := fstest.MapFS{
		content.ConfigFile:         {Data: []byte(testConfig)},
		"content/contacts/jose.md": {Data: []byte("---\nname: José Silva\nemail: jose@example.com\naliases: [Zé]\n---\n")},
	}
	people := []Person{
		{Name: "João Santos", Aliases: []string{"João", "Joao Santos", "JOAO  santos"}, Emails: values("joao@example.com")},
		{Name: "José Silva", Aliases: []string{"Ze", "Zé", "Jose Silva"}, Emails: values("jose@example.com")},
	}
	res, after := planIn(t, fsys, Options{}, people...)
	want := `created content/contacts/joao-santos.md
updated content/contacts/jose.md: added aliases "Ze", aliases "Jose Silva"`
	if got := changes(res); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if f := string(after["content/contacts/joao-santos.md"].Data); !strings.Contains(f, "aliases: [João, Joao Santos]\n") {
		t.Errorf("joao-santos.md:\n%s", f)
	}
	s, err := content.Load(after)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Plan(after, s.Contacts, people, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Files) > 0 || again.Count(Unchanged) != len(people) {
		t.Errorf("again:\n%s", changes(again))
	}
}

// TestPlanClean: a value holding U+FFFD or a control character never
// reaches a file; a name holding one is not imported.
func TestPlanClean(t *testing.T) {
	res, after := planIn(t, fstest.MapFS{content.ConfigFile: {Data: []byte(testConfig)}}, Options{},
		Person{Name: "Rui Gon\uFFFDalves", Emails: values("rui@example.com")},
		Person{Name: "Marta Sousa", Company: "Caf\uFFFD Central", Role: "Head\u0092of Sales", Phones: values("+351 1", "\x00"),
			Notes: "Fine.\r\nReally.", Tags: []string{"ok", "bad\uFFFD"}},
		Person{Name: "Bad\xffUTF", Location: "x"},
	)
	want := `skipped : the name "Rui Gon` + "\uFFFD" + `alves" holds U+FFFD, a character that a program lost before this file
created content/contacts/marta-sousa.md; dropped: company "Caf` + "\uFFFD" + ` Central" (it holds U+FFFD, a character that a program lost before this file); dropped: role "Head\u0092of Sales" (it holds a control character); dropped: phone "\x00" (it holds a control character); dropped: tag "bad` + "\uFFFD" + `" (it holds U+FFFD, a character that a program lost before this file)
skipped : the name "Bad` + "\uFFFD" + `UTF" is not UTF-8`
	if got := changes(res); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	for p, b := range after {
		if strings.ContainsRune(string(b.Data), '\uFFFD') {
			t.Errorf("%s holds U+FFFD", p)
		}
	}
}

// TestMergeTyped: a typed email or phone goes into any shape of list the
// file has, and reads back.
func TestMergeTyped(t *testing.T) {
	p := Person{Name: "Bo", Phones: []content.Typed{{Type: "cell", Value: "+1 555 0100"}}}
	for _, tt := range []struct{ src, want string }{
		{"---\nname: Bo\n---\n", "---\nname: Bo\nphone:\n  - cell: +1 555 0100\n---\n"},
		{"---\nname: Bo\nphone:\n---\n", "---\nname: Bo\nphone: [cell: +1 555 0100]\n---\n"},
		{"---\nname: Bo\nphone: \"+1 555 0199\"\n---\n", "---\nname: Bo\nphone: [\"+1 555 0199\", cell: +1 555 0100]\n---\n"},
		{"---\nname: Bo\nphone: [+1 555 0199]\n---\n", "---\nname: Bo\nphone: [+1 555 0199, cell: +1 555 0100]\n---\n"},
		{"---\nname: Bo\nphone:\n  - work: +1 555 0199  # desk\n---\n", "---\nname: Bo\nphone:\n  - work: +1 555 0199  # desk\n  - cell: +1 555 0100\n---\n"},
		{"---\nname: Bo\nphone:\n  - cell: \"+1 (555) 0100\"\n---\n", ""}, // the same number: nothing to add
	} {
		m, err := Merge([]byte(tt.src), p)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if tt.want == "" {
			if m.Changed() {
				t.Errorf("%q: added %v", tt.src, m.Added)
			}
			continue
		}
		if string(m.Data) != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, m.Data, tt.want)
		}
		if got := typedValues(load(t, m.Data).Phones); !strings.HasSuffix(got, "cell=+1 555 0100") {
			t.Errorf("%q: reads back as %s", tt.src, got)
		}
	}
}

func typedValues(l content.TypedList) string {
	var out []string
	for _, t := range l {
		out = append(out, t.Type+"="+t.Value)
	}
	return strings.Join(out, "|")
}

// TestPlanAgainAfterHandEdits: a record with no identifier (a phone's
// card of a name and a number) imported again after you edited the file
// it made (a word of its notes, its company, its phone's spacing, a line
// of its notes taken out) is that file, not "Sara Cain (2)": the file
// keeps the record's RecordUID as its uid. Two namesakes, the plumber and
// Ana's dad, are two files still, each found again by its own record; and
// a file an earlier version made, without that uid, is unchanged by the
// record it holds whole.
func TestPlanAgainAfterHandEdits(t *testing.T) {
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(testConfig)}}
	sara := Person{Name: "Sara Cain", Company: "Cain Residence", Phones: values("(555) 555-1212"), Notes: "Plumber, good\n\n- Anniversary: 2015-06-01"}
	dad := Person{Name: "Sara Cain", Phones: values("+1 555 0100"), Notes: "Ana's mum."}
	res, after := planIn(t, fsys, Options{}, sara, dad)
	if got, want := changes(res), `created content/contacts/sara-cain.md
created content/contacts/sara-cain-2.md; possible duplicate of content/contacts/sara-cain.md (same name, no email or profile in common)`; got != want {
		t.Fatalf("first import:\n%s\nwant:\n%s", got, want)
	}
	file := string(after["content/contacts/sara-cain.md"].Data)
	if !strings.Contains(file, "uid: "+RecordUID(sara)+"\n") {
		t.Fatalf("sara-cain.md has not its record's uid:\n%s", file)
	}
	for _, edit := range []struct{ from, to string }{
		{"Plumber, good", "Plumber, good!"},
		{"- Anniversary: 2015-06-01\n", ""},
		{"company: Cain Residence", "company: Cain & Sons"},
		{"(555) 555-1212", "555-555-1212"},
	} {
		edited := fstest.MapFS{}
		for p, f := range after {
			edited[p] = f
		}
		if !strings.Contains(file, edit.from) {
			t.Fatalf("no %q in:\n%s", edit.from, file)
		}
		edited["content/contacts/sara-cain.md"] = &fstest.MapFile{Data: []byte(strings.Replace(file, edit.from, edit.to, 1))}
		again, _ := planIn(t, edited, Options{}, sara, dad)
		for i, c := range again.Changes {
			if c.Action == Created || c.Path != []string{"content/contacts/sara-cain.md", "content/contacts/sara-cain-2.md"}[i] {
				t.Errorf("after %q → %q:\n%s", edit.from, edit.to, changes(again))
				break
			}
		}
	}
	// The phone's card of Sara, later, with a UID: not "plainly another
	// person" for the uid her file has from the import, but a namesake
	// whose file holds not all of it, listed.
	withUID := sara
	withUID.UID = "urn:uuid:1234"
	again, _ := planIn(t, after, Options{}, withUID)
	if got, want := changes(again), `created content/contacts/sara-cain-3.md; possible duplicate of content/contacts/sara-cain-2.md (same name, no email or profile in common); possible duplicate of content/contacts/sara-cain.md (same name and phone (555) 555-1212, no email or profile in common)`; got != want {
		t.Errorf("with a UID:\n%s\nwant:\n%s", got, want)
	}
	// A file an earlier version made of the record: no uid, and nothing
	// to add.
	old := fstest.MapFS{content.ConfigFile: {Data: []byte(testConfig)},
		"content/contacts/sara-cain.md": {Data: []byte(strings.Replace(file, "uid: "+RecordUID(sara)+"\n", "", 1))}}
	again, _ = planIn(t, old, Options{}, sara)
	if got := changes(again); got != "unchanged content/contacts/sara-cain.md" {
		t.Errorf("a file without the uid:\n%s", got)
	}
}

// TestPlanFilesOfAnEarlierVersion: a record with no identifier, whose file
// an earlier version made, is that file still though the import now reads
// more of it: a nickname that is the name but for its accents, a second
// category naming a circle (both dropped then), which are added to it.
// Not "João Santos (2)", nor dropped in silence.
func TestPlanFilesOfAnEarlierVersion(t *testing.T) {
	fsys := fstest.MapFS{
		content.ConfigFile:                {Data: []byte(testConfig)},
		"content/contacts/joao-santos.md": {Data: []byte("---\nname: João Santos\naliases: [João]\nphone: +351 1\n---\n")},
		"content/contacts/rita-sousa.md":  {Data: []byte("---\nname: Rita Sousa\nphone: +351 2\ncircle: core\ntags: [x]\n---\n")},
	}
	res, _ := planIn(t, fsys, Options{Circles: []string{"core", "active"}},
		Person{Name: "João Santos", Aliases: []string{"João", "Joao Santos"}, Phones: values("+351 1")},
		Person{Name: "Rita Sousa", Phones: values("+351 2"), Tags: []string{"core", "x", "active"}})
	if got, want := changes(res), "updated content/contacts/joao-santos.md: added aliases \"Joao Santos\"\nupdated content/contacts/rita-sousa.md: added tags \"active\""; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestNamesakeSharingAPhone: the same person imported twice from a
// phone's export, first with a number alone and then with an email too,
// is a second file (a phone is no identifier: a family's landline), and
// the message says what the two have in common, so that the writer can
// tell them one person: the phone, as the first file writes it.
func TestNamesakeSharingAPhone(t *testing.T) {
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(testConfig)}}
	_, after := planIn(t, fsys, Options{}, Person{Name: "Sara Cain", Phones: values("(555) 555-1212")})
	res, _ := planIn(t, after, Options{}, Person{Name: "Sara Cain", Phones: values("555 0100", "555-555-1212"), Emails: values("sara@example.com")})
	if got, want := changes(res), `created content/contacts/sara-cain-2.md; possible duplicate of content/contacts/sara-cain.md (same name and phone (555) 555-1212, no email or profile in common)`; got != want {
		t.Errorf("second import:\n%s\nwant:\n%s", got, want)
	}
	// No phone in common: the message as before.
	res, _ = planIn(t, after, Options{}, Person{Name: "Sara Cain", Phones: values("555 0100"), Emails: values("sara@example.com")})
	if got, want := changes(res), `created content/contacts/sara-cain-2.md; possible duplicate of content/contacts/sara-cain.md (same name, no email or profile in common)`; got != want {
		t.Errorf("no phone in common:\n%s\nwant:\n%s", got, want)
	}
}

// TestPlanNameOnlyRecordIsNoIdentity: a contact made of a card of a name
// alone is not whoever later comes with that name and an email: the
// record says nothing but the name (a review's finding). One with its
// company, role and day met (an older LinkedIn row) is that contact.
func TestPlanNameOnlyRecordIsNoIdentity(t *testing.T) {
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(testConfig)}}
	_, after := planIn(t, fsys, Options{}, Person{Name: "John Smith"})
	res, _ := planIn(t, after, Options{}, Person{Name: "John Smith", Emails: []content.Typed{{Value: "john.smith@acme.example"}}})
	if got := changes(res); !strings.HasPrefix(got, "created content/contacts/john-smith-2.md") {
		t.Errorf("a name alone, then the name and an email:\n%s", got)
	}
	// A name and a big employer are no identity either (a second
	// review's finding).
	_, after = planIn(t, fsys, Options{}, Person{Name: "John Smith", Company: "Google"})
	res, _ = planIn(t, after, Options{}, Person{Name: "John Smith", Company: "Google", Emails: []content.Typed{{Value: "john.smith.nyc@gmail.com"}}})
	if got := changes(res); !strings.HasPrefix(got, "created content/contacts/john-smith-2.md") {
		t.Errorf("a name and a company, then with an email:\n%s", got)
	}
	// Nor the company's web site (a third review's finding).
	acme := []Link{{URL: "https://www.acme.com/"}}
	_, after = planIn(t, fsys, Options{}, Person{Name: "John Doe", Company: "Acme Corp", Links: acme})
	res, _ = planIn(t, after, Options{}, Person{Name: "John Doe", Company: "Acme Corp", Links: acme, Emails: []content.Typed{{Value: "john.doe.austin@gmail.com"}}})
	if got := changes(res); !strings.HasPrefix(got, "created content/contacts/john-doe-2.md") {
		t.Errorf("a name, a company and its site, then with an email:\n%s", got)
	}
}
