package contactfile

import (
	"fmt"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
)

var site = fstest.MapFS{
	content.ConfigFile:                    {Data: []byte(testConfig)},
	"content/contacts/lisbon/ana-lima.md": {Data: []byte("---\nname: Ana Lima\naliases: [Ana]\nemail: ana@example.com\n---\nNotes.\n")},
	"content/contacts/bo.md":              {Data: []byte("---\nname: Bo Chen\nlinks: {linkedin: \"https://www.linkedin.com/in/bochen\"}\n---\n")},
	"content/contacts/sam.md":             {Data: []byte("---\nname: Samuel Stone\n---\n")},
	"content/contacts/twin-1.md":          {Data: []byte("---\nname: Kim Park\n---\n")},
	"content/contacts/twin-2.md":          {Data: []byte("---\nname: Kim  PARK\n---\n")},
}

func plan(t *testing.T, people ...Person) *Result {
	t.Helper()
	s, err := content.Load(site)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Plan(site, s.Contacts, people, Options{Circles: []string{"core", "active"}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestPlanMatches(t *testing.T) {
	res := plan(t,
		Person{Name: "Bo C.", Links: []Link{{URL: "http://linkedin.com/in/BoChen/"}}, Company: "Acme"},    // by link
		Person{Name: "A. Lima", Emails: values("Ana@Example.com")},                                        // by email
		Person{Name: "ana", Role: "CTO"},                                                                  // an alias is no match
		Person{Name: "Kim Park"},                                                                          // nothing new of two namesakes
		Person{Name: "Sam!", Emails: values("sam@x.example"), Tags: []string{"Core", "friend", "active"}}, // new; slug sam is taken
		Person{Name: "Sam!", Emails: values("SAM@x.example"), Phones: values("+351 910 000 999")},         // the same, again
		Person{Name: "", Source: content.Position{Path: "c.csv", Line: 9}},
		Person{Name: "Zed", Skip: "a company, not a person"},
	)
	got := changeLines(res)
	want := []string{
		`updated content/contacts/bo.md: added company "Acme"`,
		"unchanged content/contacts/lisbon/ana-lima.md",
		`created content/contacts/ana-2.md: named "ana (2)": possible duplicate of content/contacts/lisbon/ana-lima.md (same name, no email or profile in common)`,
		"unchanged content/contacts/twin-1.md",
		"created content/contacts/sam-2.md",
		"updated content/contacts/sam-2.md: added phone +351 910 000 999",
		"skipped : no name",
		"skipped : a company, not a person",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(res.Files); n != 3 {
		t.Errorf("%d files to write, want 3 (bo, ana-2, sam-2)", n)
	}
	// The first tag naming a circle became the circle; a second is a tag
	// still (an export's CATEGORIES: the circle, then the tags; one was
	// lost in silence).
	c := load(t, res.Files["content/contacts/sam-2.md"])
	if c.Circle != "core" || strings.Join(c.Tags, ",") != "friend,active" || strings.Join(c.Email, ",") != "sam@x.example" {
		t.Errorf("sam-2: %+v", c)
	}
	if res.Count(Updated) != 2 || res.Count(Skipped) != 2 || res.Count(Created) != 2 || res.Count(Unchanged) != 2 {
		t.Errorf("counts: %d %d %d %d", res.Count(Created), res.Count(Updated), res.Count(Unchanged), res.Count(Skipped))
	}
}

// TestPlanNeverMergesStrangers: an email in common makes two records one
// person only when their names meet (namesMeet); a value that is not
// an address is no identity at all. A shared mailbox, a placeholder or a
// typo never puts one person's phone in another's file.
func TestPlanNeverMergesStrangers(t *testing.T) {
	res := plan(t,
		Person{Name: "Bruno Costa", Emails: values("ana@example.com"), Phones: values("+351 1")}, // Ana's address, another name
		Person{Name: "Carla Dias", Emails: values("n/a")},
		Person{Name: "Duarte Reis", Emails: values("n/a"), Phones: values("+351 2")}, // the same placeholder
		Person{Name: "Lima, Ana", Emails: values("ANA@example.com"), Role: "CTO"},    // Ana, written otherwise
		Person{Name: "李 明", Emails: values("li@example.cn")},
		Person{Name: "李 明", Emails: values("li@example.cn"), Role: "CEO"},                                // one-letter words are words too
		Person{Name: "李明", Emails: values("li@example.cn"), Tags: []string{"x"}},                         // the same name, written whole
		Person{Name: "Robert Q", Links: []Link{{URL: "http://linkedin.com/in/BoChen/"}}, Role: "CFO"},    // a profile, and no word of the name: one of them is wrong
		Person{Name: "Robert Chen", Links: []Link{{URL: "http://linkedin.com/in/BoChen/"}}, Role: "CTO"}, // a profile is one person's, called otherwise
		Person{Name: "Eva Lopes", Links: []Link{{URL: "https://github.com/acme"}}},
		Person{Name: "Rita Sousa", Links: []Link{{URL: "https://github.com/acme"}}, Notes: "Met in Porto."}, // a company's account
	)
	got := changeLines(res)
	want := []string{
		"created content/contacts/bruno-costa.md: possible duplicate of content/contacts/lisbon/ana-lima.md (same email ana@example.com, but other names)",
		"created content/contacts/carla-dias.md",
		"created content/contacts/duarte-reis.md",
		`updated content/contacts/lisbon/ana-lima.md: added role "CTO"`,
		"created content/contacts/李-明.md",
		`updated content/contacts/李-明.md: added role "CEO"`,
		`updated content/contacts/李-明.md: added tags "x"`,
		`skipped : its LinkedIn profile is content/contacts/bo.md's, whose names share no word with "Robert Q": if they are one person, give the contact that name as an alias; else one of the two has the wrong profile`,
		`updated content/contacts/bo.md: added role "CTO"`,
		"created content/contacts/eva-lopes.md",
		"created content/contacts/rita-sousa.md: possible duplicate of content/contacts/eva-lopes.md (same profile https://github.com/acme, but other names)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPlanNeverMergesRelatives: two people of one family's address share
// their family name, and each has a given name of their own: sharing a
// word of their names is not being one person (John Smith got Mary's
// phone and role, her card merged into his file). A name that is the
// other's with words left out or given by their initials is the same
// person, as is one of the names the contact answers to (Ana's alias
// Ana).
func TestPlanNeverMergesRelatives(t *testing.T) {
	res := plan(t,
		Person{Name: "John Smith", Emails: values("smithfamily@example.com"), Phones: values("+1 555 0101")},
		Person{Name: "Mary Smith", Emails: values("smithfamily@example.com"), Phones: values("+1 555 0102"), Role: "Surgeon"},
		Person{Name: "J. Smith", Emails: values("smithfamily@example.com"), Company: "Acme"},
		Person{Name: "Ana L.", Emails: values("ana@example.com"), Role: "CTO"},
		Person{Name: "A. Lima", Emails: values("ana@example.com"), Company: "Tidewater"},
		Person{Name: "Ana Lima Souza", Emails: values("ana@example.com"), Location: "Lisbon"},
		Person{Name: "Bia Lima", Emails: values("ana@example.com"), Notes: "Met at a fair."}, // her sister
		// A review's: a Han character is a word, never an initial.
		Person{Name: "王伟", Emails: values("wangjia@example.com"), Phones: values("+86 1")},
		Person{Name: "王 芳", Emails: values("wangjia@example.com"), Phones: values("+86 2"), Role: "Surgeon"},
	)
	got := changeLines(res)
	want := []string{
		"created content/contacts/john-smith.md",
		"created content/contacts/mary-smith.md: possible duplicate of content/contacts/john-smith.md (same email smithfamily@example.com, but other names)",
		`updated content/contacts/john-smith.md: added company "Acme"`,
		`updated content/contacts/lisbon/ana-lima.md: added role "CTO"`,
		`updated content/contacts/lisbon/ana-lima.md: added company "Tidewater"`,
		`updated content/contacts/lisbon/ana-lima.md: added location "Lisbon"`,
		"created content/contacts/bia-lima.md: possible duplicate of content/contacts/lisbon/ana-lima.md (same email ana@example.com, but other names)",
		"created content/contacts/王伟.md",
		"created content/contacts/王-芳.md: possible duplicate of content/contacts/王伟.md (same email wangjia@example.com, but other names)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPlanNoIndexFile: a card named Index (or _index) makes no
// content/contacts/index.md, which would not load (a document named
// index has no name of its own): the whole import was refused for it.
func TestPlanNoIndexFile(t *testing.T) {
	for _, name := range []string{"Index", "_index"} {
		res := plan(t, Person{Name: name, Emails: values("index@example.com")})
		if got := strings.Join(changeLines(res), "\n"); got != "created content/contacts/index-2.md" {
			t.Errorf("%s: %s", name, got)
		}
		if c := load(t, res.Files["content/contacts/index-2.md"]); c.Name != name {
			t.Errorf("%s: named %q", name, c.Name)
		}
	}
}

// TestPlanOneLinkForOneAddress: an address given twice, with and without
// its scheme or www., is one link.
func TestPlanOneLinkForOneAddress(t *testing.T) {
	res := plan(t, Person{Name: "Eva Ramos", Links: []Link{{URL: "http://www.company.example"}, {URL: "https://company.example/"}, {URL: "https://eva.example"},
		{URL: "https://app.example/#/people/eva"}, {URL: "https://app.example/#/teams/sales"}}})
	c := load(t, res.Files["content/contacts/eva-ramos.md"])
	var urls []string
	for _, l := range c.Links {
		urls = append(urls, l.URL)
	}
	if strings.Join(urls, " ") != "https://company.example/ https://eva.example https://app.example/#/people/eva https://app.example/#/teams/sales" {
		t.Errorf("links %q", urls)
	}
}

// TestPlanIsIdempotent: applying a plan and planning again changes nothing.
func TestPlanIsIdempotent(t *testing.T) {
	people := []Person{
		{Name: "Ana Lima", Company: "Tidewater", Links: []Link{{URL: "https://www.linkedin.com/in/ana"}}},
		{Name: "Rui Alves", Emails: values("rui@x.example"), Notes: "From the phone."},
	}
	first := plan(t, people...)
	fsys := fstest.MapFS{}
	for p, f := range site {
		fsys[p] = f
	}
	for p, b := range first.Files {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatalf("the imported site does not load: %v", err)
	}
	second, err := Plan(fsys, s.Contacts, people, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Files) != 0 || second.Count(Unchanged) != 2 {
		for _, c := range second.Changes {
			t.Errorf("second run: %v %s %v", c.Action, c.Path, c.Added)
		}
	}
}

// jugemu is the longest name of Japanese folklore: 326 bytes in UTF-8,
// more than the 255 a file name may have on most file systems.
const jugemu = "寿限無 寿限無 五劫の擦り切れ 海砂利水魚の 水行末 雲来末 風来末 食う寝る処に住む処 やぶら小路の藪柑子 パイポ パイポ パイポのシューリンガン シューリンガンのグーリンダイ グーリンダイのポンポコピーのポンポコナーの 長久命の長助"

// TestPlanLongName: a name too long for a file name gets a slug cut to
// maxSlug bytes, made unique the way any slug is, while the file keeps
// the whole name; and a second import matches it rather than creating
// it again.
func TestPlanLongName(t *testing.T) {
	long := strings.Repeat("Bartholomew ", 12) + "Stone" // 149 bytes, ASCII
	people := []Person{
		{Name: jugemu},
		{Name: long},
		{Name: long + " Junior"}, // the same first 100 bytes: another slug
		{Name: jugemu},           // the same person again: merged, not a second file
	}
	res := plan(t, people...)
	var got []string
	for _, c := range res.Changes {
		got = append(got, []string{"unchanged", "created", "updated", "skipped"}[c.Action]+" "+c.Path)
	}
	bart := strings.Repeat("bartholomew-", 12) + "stone" // 149 bytes
	want := []string{
		"created content/contacts/寿限無-寿限無-五劫の擦り切れ-海砂利水魚の-水行末-雲来末-風来末-食う寝.md",
		"created content/contacts/" + bart[:100] + ".md",  // …-bart
		"created content/contacts/" + bart[:98] + "-2.md", // …-ba-2
		"unchanged content/contacts/寿限無-寿限無-五劫の擦り切れ-海砂利水魚の-水行末-雲来末-風来末-食う寝.md",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for p, b := range res.Files {
		slug := strings.TrimSuffix(strings.TrimPrefix(p, content.ContactsDir+"/"), ".md")
		if len(slug) > maxSlug {
			t.Errorf("%s: slug of %d bytes, want at most %d", p, len(slug), maxSlug)
		}
		// The file name is its own slug, so the contact's URL is the name.
		if s := content.SlugOf(p); s != slug {
			t.Errorf("%s: SlugOf gives %q", p, s)
		}
		if c := load(t, b); c.Name != jugemu && !strings.HasPrefix(c.Name, long) {
			t.Errorf("%s: name %q, want the whole name", p, c.Name)
		}
	}

	// Planned again over the written files, nothing changes.
	fsys := fstest.MapFS{}
	for p, f := range site {
		fsys[p] = f
	}
	for p, b := range res.Files {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatalf("the imported site does not load: %v", err)
	}
	again, err := Plan(fsys, s.Contacts, people, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Files) != 0 || again.Count(Unchanged) != len(people) {
		for _, c := range again.Changes {
			t.Errorf("second run: %v %s %v %s", c.Action, c.Path, c.Added, c.Reason)
		}
	}
}

// TestPlanLongNameTaken: a cut slug that an existing contact has gets a
// number, within maxSlug bytes too.
func TestPlanLongNameTaken(t *testing.T) {
	cutSlug := "寿限無-寿限無-五劫の擦り切れ-海砂利水魚の-水行末-雲来末-風来末-食う寝"
	fsys := fstest.MapFS{
		content.ConfigFile:                    {Data: []byte(testConfig)},
		"content/contacts/" + cutSlug + ".md": {Data: []byte("---\nname: Someone Else\n---\n")},
	}
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Plan(fsys, s.Contacts, []Person{{Name: jugemu}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// content.SlugOf reads "…食う-2.md" as the whole name, its number
	// too: 98 bytes leave room for "-2" ("…食う" is 97).
	want := "content/contacts/寿限無-寿限無-五劫の擦り切れ-海砂利水魚の-水行末-雲来末-風来末-食う-2.md"
	if c := res.Changes[0]; c.Action != Created || c.Path != want {
		t.Errorf("got %v %s, want created %s", c.Action, c.Path, want)
	}
	if slug := content.SlugOf(want); slug+".md" != path.Base(want) {
		t.Errorf("content.SlugOf reads %s as %q", want, slug)
	}
}

func TestCut(t *testing.T) {
	for _, tt := range []struct {
		in    string
		limit int
		want  string
	}{
		{"ana-lima", 100, "ana-lima"},
		{"ana-lima", 8, "ana-lima"},
		{"ana-lima", 7, "ana-lim"},
		{"ana-lima", 4, "ana"},       // not "ana-"
		{"ana--lima", 5, "ana"},      // every trailing '-'
		{"陈美-li", 4, "陈"},            // 陈 is 3 bytes; 美 would end at 6
		{"陈美-li", 5, "陈"},            // never half a character
		{"陈美-li", 7, "陈美"},           // nor a trailing '-'
		{"jos\u00e9", 4, "jos"},      // é is 2 bytes
		{"ana-lima", 0, "ana-lima"},  // no limit
		{"ana-lima", -1, "ana-lima"}, // no limit
	} {
		if got := content.CutSlug(tt.in, tt.limit); got != tt.want {
			t.Errorf("CutSlug(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}

// changeLines writes each change of a plan on a line: what, where, why,
// the name given, what was added, and the possible duplicates.
func changeLines(res *Result) []string {
	var out []string
	for _, c := range res.Changes {
		s := []string{"unchanged", "created", "updated", "skipped"}[c.Action] + " " + c.Path
		if c.Reason != "" {
			s += ": " + c.Reason
		}
		if c.Name != "" {
			s += fmt.Sprintf(": named %q", c.Name)
		}
		if len(c.Added) > 0 {
			s += ": added " + strings.Join(c.Added, ", ")
		}
		for _, d := range c.Duplicates {
			s += ": possible duplicate of " + d.Path + " (" + d.Reason + ")"
		}
		out = append(out, s)
	}
	return out
}

// TestPlanMergeKeepsFragments: a link whose address differs only in its
// fragment from one the contact has is another link, merged in.
func TestPlanMergeKeepsFragments(t *testing.T) {
	fsys := fstest.MapFS{
		content.ConfigFile:        {Data: []byte(testConfig)},
		"content/contacts/eva.md": {Data: []byte("---\nname: Eva Ramos\nemail: eva@example.com\nlinks:\n  crm: https://crm.example.com/#/people/eva\n---\n")},
	}
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Plan(fsys, s.Contacts, []Person{{Name: "Eva Ramos", Emails: values("eva@example.com"),
		Links: []Link{{Name: "team", URL: "https://crm.example.com/#/teams/sales"}, {URL: "https://crm.example.com/#/people/eva"}}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(changeLines(res), "\n"); got != `updated content/contacts/eva.md: added links.team https://crm.example.com/#/teams/sales` {
		t.Errorf("got %s", got)
	}
}

// TestPlanNotesInMarkdown: a contact with a phone and no email, whose
// notes are Markdown (*GopherCon*, [[Sam Rivera]]), exported to a phone
// and its card imported again (the phone had dropped the UID) came back
// as "Ana Lima (2)": the card's note, plain text, was written escaped
// (\*GopherCon\*) and compared with the file's Markdown as written. The
// notes are compared as they show: it is the contact, unchanged.
func TestPlanNotesInMarkdown(t *testing.T) {
	fsys := fstest.MapFS{
		content.ConfigFile:               {Data: []byte(testConfig)},
		"content/contacts/ana-lima.md":   {Data: []byte("---\nname: Ana Lima\nphone: \"+351 910 000 101\"\n---\nMet at *GopherCon*, via [[Sam Rivera]].\n\n- Anniversary: --07-01\n")},
		"content/contacts/sam-rivera.md": {Data: []byte("---\nname: Sam Rivera\n---\n")},
	}
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	card := Person{Name: "Ana Lima", Phones: []content.Typed{{Value: "+351 910 000 101"}},
		Notes: markdown.EscapeText("Met at *GopherCon*, via [[Sam Rivera]].") + "\n\n- Anniversary: " + markdown.EscapeText("--07-01")}
	res, err := Plan(fsys, s.Contacts, []Person{card}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := res.Changes[0]; c.Action != Unchanged || c.Path != "content/contacts/ana-lima.md" || len(c.Conflicts) > 0 {
		t.Errorf("got %v %s, conflicts %v; want unchanged content/contacts/ana-lima.md", c.Action, c.Path, c.Conflicts)
	}
}

// TestPlanSameCardTwice: a phone's export holds a card twice (a contact
// and its copy); the second, its photo the one the first's new file
// got, was "kept yours: photo ana-lima.png, not the one of the import":
// the photo planned in this import was looked for on the disk alone.
func TestPlanSameCardTwice(t *testing.T) {
	card := Person{Name: "Ana Lima", Emails: []content.Typed{{Value: "ana@example.org"}}, Photo: &Photo{Data: []byte("\x89PNG\r\n\x1a\n"), Ext: ".png"}}
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(testConfig)}}
	res, err := Plan(fsys, nil, []Person{card, card}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 2 || res.Changes[0].Action != Created || res.Changes[1].Action != Unchanged || len(res.Changes[1].Conflicts) > 0 {
		for _, c := range res.Changes {
			t.Errorf("%v %s: conflicts %v", c.Action, c.Path, c.Conflicts)
		}
	}
}

// TestPlanNameWithoutLetters: a card named with emoji alone (🎸, as a
// phone's address book allows) was skipped whole, its email and phone
// with it: it is a contact whose file is named contact.md, its name kept
// as written, and a second such card is contact-2.md.
func TestPlanNameWithoutLetters(t *testing.T) {
	res := plan(t,
		Person{Name: "🎸", Emails: values("guitar@example.com")},
		Person{Name: "🌊 🌊", Phones: values("+1 555 0100")},
	)
	if got := strings.Join(changeLines(res), "\n"); got != "created content/contacts/contact.md\ncreated content/contacts/contact-2.md" {
		t.Fatalf("changes:\n%s", got)
	}
	for file, name := range map[string]string{"content/contacts/contact.md": "🎸", "content/contacts/contact-2.md": "🌊 🌊"} {
		if c := load(t, res.Files[file]); c.Name != name {
			t.Errorf("%s: named %q, want %q", file, c.Name, name)
		}
	}
}
