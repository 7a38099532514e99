package contactfile

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
)

const testConfig = "title: T\nbase_url: https://example.com/\n"

// load reads a contact file as netjournal does, failing the test on any
// problem.
func load(t *testing.T, data []byte) *content.Contact {
	t.Helper()
	site, err := content.Load(fstest.MapFS{
		content.ConfigFile:      {Data: []byte(testConfig)},
		"content/contacts/x.md": {Data: data},
	})
	if err != nil {
		t.Fatalf("netjournal cannot load the file: %v\n%s", err, data)
	}
	return site.Contacts[0]
}

// values are emails or phones without types.
func values(vs ...string) []content.Typed {
	out := make([]content.Typed, len(vs))
	for i, v := range vs {
		out[i] = content.Typed{Value: v}
	}
	return out
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// handWritten is a contact as a user writes one: comments everywhere,
// flow and block styles mixed, quoted values, notes in the body.
const handWritten = `---
# Ana, from the Halyard days.
name: "Ana Lima"   # as she signs
aliases: [Ana]
company: Tidewater Payments
role:              # ask her next time
email: ana@example.com
phone:
  - "+351 910 000 101"   # mobile
links:
  website: https://ana-lima.example.com/
  # github: later
tags: [payments, lisbon]  # my tags
met: {at: Halyard Bank}
---

Ana and I sat next to each other for four years.   
She swims at Carcavelos all year round.
  # not a comment: the body is Markdown
`

func TestMergeKeepsWhatTheUserWrote(t *testing.T) {
	p := Person{
		Name:    "Ana Lima",
		Company: "Tidewater", // differs: kept, reported
		Role:    "Principal Engineer",
		Emails:  values("ANA@example.com", "ana@tidewater.example"),
		Phones:  values("+351910000101", "+44 20 7946 0000"),
		Links: []Link{
			{URL: "https://www.linkedin.com/in/ana-lima-example"},
			{URL: "http://ana-lima.example.com"}, // the same site: nothing to add
			{URL: "https://blog.ana.example/"},   // website is taken: website-2
		},
		Tags:     []string{"Payments", "mentor"},
		Met:      day("2024-03-15"),
		Birthday: content.Birthday{Month: 6, Day: 12},
		Notes:    "Met at KubeCon.",
	}
	m, err := Merge([]byte(handWritten), p)
	if err != nil {
		t.Fatal(err)
	}
	got := string(m.Data)
	want := `---
# Ana, from the Halyard days.
name: "Ana Lima"   # as she signs
aliases: [Ana]
company: Tidewater Payments
role: Principal Engineer              # ask her next time
email: [ana@example.com, ana@tidewater.example]
phone:
  - "+351 910 000 101"   # mobile
  - +44 20 7946 0000
links:
  website: https://ana-lima.example.com/
  linkedin: https://www.linkedin.com/in/ana-lima-example
  website-2: https://blog.ana.example/
  # github: later
tags: [payments, lisbon, mentor]  # my tags
met: {at: Halyard Bank, date: 2024-03-15}
birthday: --06-12
---

Ana and I sat next to each other for four years.   
She swims at Carcavelos all year round.
  # not a comment: the body is Markdown
`
	if got != want {
		t.Errorf("merged file:\n%s\nwant:\n%s", got, want)
	}
	// What was added is said with its value, free text quoted, so that
	// a dry run shows what the file would get.
	wantAdded := `role "Principal Engineer", email ana@tidewater.example, phone +44 20 7946 0000, ` +
		`links.linkedin https://www.linkedin.com/in/ana-lima-example, links.website-2 https://blog.ana.example/, ` +
		`tags "mentor", met.date 2024-03-15, birthday --06-12`
	if a := strings.Join(m.Added, ", "); a != wantAdded {
		t.Errorf("added: %s\nwant:  %s", a, wantAdded)
	}
	wantConflicts := `company "Tidewater Payments", not "Tidewater"` + "\n" +
		`notes as written; the import's note "Met at KubeCon." was not added`
	if c := strings.Join(m.Conflicts, "\n"); c != wantConflicts {
		t.Errorf("conflicts:\n%s\nwant:\n%s", c, wantConflicts)
	}
	c := load(t, m.Data)
	if c.Met == nil || c.Met.At != "Halyard Bank" || c.Met.Date.String() != "2024-03-15" {
		t.Errorf("met = %+v", c.Met)
	}

	// Merging the same person again changes nothing, byte for byte.
	again, err := Merge(m.Data, p)
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed() || string(again.Data) != got {
		t.Errorf("a second merge changed the file: added %v", again.Added)
	}
	if len(again.Conflicts) != 2 {
		t.Errorf("conflicts are reported every time: %v", again.Conflicts)
	}
}

func TestMergeShapes(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		person   Person
		want     string // the front matter after the merge
		conflict string
	}{
		{"missing keys are appended",
			"---\nname: Bo\n---\n",
			Person{Name: "Bo", Company: "Acme", Emails: values("bo@x.example"), Links: []Link{{Name: "github", URL: "https://github.com/bo"}}, Met: day("2024-01-02")},
			"name: Bo\ncompany: Acme\nemail: bo@x.example\nlinks:\n  github: https://github.com/bo\nmet:\n  date: 2024-01-02\n", ""},
		{"several values make a flow list",
			"---\nname: Bo\n---\n",
			Person{Emails: values("a@x.example", "b@x.example")},
			"name: Bo\nemail: [a@x.example, b@x.example]\n", ""},
		{"empty keys are filled",
			"---\nname: Bo\nemail:\nlinks:   # none yet\nmet:\ncompany: \"\"\n---\n",
			Person{Emails: values("bo@x.example"), Links: []Link{{URL: "https://bo.example/"}}, Met: day("2024-01-02"), Company: "Acme"},
			"name: Bo\nemail: bo@x.example\nlinks: {website: \"https://bo.example/\"}   # none yet\nmet: {date: 2024-01-02}\ncompany: Acme\n", ""},
		{"block list of emails",
			"---\nname: Bo\nemail:\n- a@x.example\n- 'b@x.example'\ntags: [x]\n---\n",
			Person{Emails: values("c@x.example")},
			"name: Bo\nemail:\n- a@x.example\n- 'b@x.example'\n- c@x.example\ntags: [x]\n", ""},
		{"a plain value that needs quotes in a list",
			"---\nname: Bo\ntags: a,b  # one tag\n---\n",
			Person{Tags: []string{"c"}},
			"name: Bo\ntags: [\"a,b\", c]  # one tag\n", ""},
		{"flow list across lines, empty flow list",
			"---\nname: Bo\nemail: [a@x.example,\n  b@x.example]\ntags: []\n---\n",
			Person{Emails: values("c@x.example"), Tags: []string{"go, rust"}},
			"name: Bo\nemail: [a@x.example,\n  b@x.example, c@x.example]\ntags: [\"go, rust\"]\n", ""},
		{"met as a block map without a date, and an earlier met.date",
			"---\nname: Bo\nmet:\n  at: a meetup\n  introduced_by: ana\n---\n",
			Person{Met: day("2024-01-02")},
			"name: Bo\nmet:\n  at: a meetup\n  introduced_by: ana\n  date: 2024-01-02\n", ""},
		{"a met.date before the import's is kept quietly",
			"---\nname: Bo\nmet: {date: 2019-05-02}\n---\n",
			Person{Met: day("2024-01-02")},
			"name: Bo\nmet: {date: 2019-05-02}\n", ""},
		{"a met.date after the import's is a conflict",
			"---\nname: Bo\nmet: {date: 2025-05-02}\n---\n",
			Person{Met: day("2024-01-02")},
			"name: Bo\nmet: {date: 2025-05-02}\n", "met.date 2025-05-02, not 2024-01-02"},
		{"a named link taken by another URL",
			"---\nname: Bo\nlinks: {linkedin: \"https://linkedin.com/in/bo\"}\n---\n",
			Person{Links: []Link{{URL: "https://www.linkedin.com/in/bo-2"}}},
			"name: Bo\nlinks: {linkedin: \"https://linkedin.com/in/bo\"}\n", `links.linkedin "https://linkedin.com/in/bo", not "https://www.linkedin.com/in/bo-2"`},
		{"another name is reported, an alias is not",
			"---\nname: Robert Bo\naliases: [Bob]\n---\n",
			Person{Name: "BOB"},
			"name: Robert Bo\naliases: [Bob]\n", ""},
		{"another name",
			"---\nname: Robert Bo\n---\n",
			Person{Name: "Roberta Bo"},
			"name: Robert Bo\n", `name "Robert Bo", not "Roberta Bo"`},
		{"a circle is only ever filled in",
			"---\nname: Bo\ncircle: active\n---\n",
			Person{Circle: "core"},
			"name: Bo\ncircle: active\n", `circle "active", not "core"`},
		{"the same birthday written another way",
			"---\nname: Bo\nbirthday: \"1987-07-19\"\n---\n",
			Person{Birthday: content.Birthday{Year: 1987, Month: 7, Day: 19}},
			"name: Bo\nbirthday: \"1987-07-19\"\n", ""},
		{"indented front matter",
			"---\n  name: Bo\n  role: x\n---\n",
			Person{Company: "Acme"},
			"  name: Bo\n  role: x\n  company: Acme\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Merge([]byte(tt.src), tt.person)
			if err != nil {
				t.Fatal(err)
			}
			front := strings.TrimPrefix(string(m.Data), "---\n")
			front = front[:strings.Index(front, "---\n")]
			if front != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", front, tt.want)
			}
			if c := strings.Join(m.Conflicts, "\n"); c != tt.conflict {
				t.Errorf("conflicts: %q, want %q", c, tt.conflict)
			}
			load(t, m.Data)
			if !m.Changed() && string(m.Data) != tt.src {
				t.Error("nothing added, yet the bytes changed")
			}
		})
	}
}

func TestMergeLineEndings(t *testing.T) {
	src := "\uFEFF---\r\nname: Bo\r\nemail:\r\n  - a@x.example\r\n---\r\nNotes.\r\n"
	m, err := Merge([]byte(src), Person{Emails: values("b@x.example"), Role: "CTO"})
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF---\r\nname: Bo\r\nemail:\r\n  - a@x.example\r\n  - b@x.example\r\nrole: CTO\r\n---\r\nNotes.\r\n"
	if string(m.Data) != want {
		t.Errorf("got %q\nwant %q", m.Data, want)
	}
	load(t, m.Data)
}

func TestMergeRefuses(t *testing.T) {
	for name, src := range map[string]string{
		"no front matter":     "Just notes.\n",
		"not closed":          "---\nname: Bo\n",
		"invalid YAML":        "---\nname: [Bo\n---\n",
		"unknown key":         "---\nname: Bo\ncompnay: x\n---\n",
		"front matter a list": "---\n- a\n---\n",
	} {
		if _, err := Merge([]byte(src), Person{Company: "Acme"}); err == nil {
			t.Errorf("%s: merged into a file netjournal cannot read", name)
		}
	}
	// A value written over several lines cannot be extended in place: the
	// merge fails instead of guessing.
	src := "---\nname: Bo\nemail: a@x.example\n  continued\n---\n"
	if _, err := Merge([]byte(src), Person{Emails: values("b@x.example")}); err == nil {
		t.Error("merged into a multi-line value")
	}
}

func TestNew(t *testing.T) {
	p := Person{
		Name: "Daniel O'Connor", Company: "Stateful: Conf", Role: "Programme chair",
		Emails: values("d@x.example", "daniel@y.example"), Phones: values("+353 1 234 5678"),
		Links: []Link{{URL: "https://ie.linkedin.com/in/doc"}, {URL: "https://doc.example"}, {URL: "https://doc2.example"}, {Name: "talks", URL: "https://talks.example/#x"}},
		Tags:  []string{"conferences", "a, b"}, Circle: "active", Met: day("2024-03-15"),
		Birthday: content.Birthday{Month: 2, Day: 29}, Notes: "Programme chair.\n\nLikes [[Ana]].",
	}
	c := load(t, New(p))
	if c.Name != p.Name || c.Company != p.Company || c.Role != p.Role || c.Circle != "active" {
		t.Errorf("got %+v", c)
	}
	if strings.Join(c.Email, ",") != "d@x.example,daniel@y.example" || strings.Join(c.Tags, "|") != "conferences|a, b" {
		t.Errorf("lists: %v %v", c.Email, c.Tags)
	}
	var links []string
	for _, l := range c.Links {
		links = append(links, l.Name+"="+l.URL)
	}
	if got := strings.Join(links, " "); got != "linkedin=https://ie.linkedin.com/in/doc website=https://doc.example website-2=https://doc2.example talks=https://talks.example/#x" {
		t.Errorf("links: %s", got)
	}
	if c.Birthday.String() != "--02-29" || c.Met.Date.String() != "2024-03-15" {
		t.Errorf("dates: %v %v", c.Birthday, c.Met.Date)
	}
	if c.Body != "Programme chair.\n\nLikes [[Ana]].\n" {
		t.Errorf("body = %q", c.Body)
	}
}

// TestMergeNoteListNamed: the note of an import that is not added to
// yours is named short, but each line of the list it ends with (a card's
// related names, days and accounts) is named whole, unless your notes
// hold it: a merge never hides the spouse's name.
func TestMergeNoteListNamed(t *testing.T) {
	file := "---\nname: Ana Lima\nemail: ana@example.com\n---\nMy own notes.\n- Skype: ana.lima\n"
	p := Person{Name: "Ana Lima", Emails: values("ana@example.com"),
		Notes: "Met at the 2019 conference in Lisbon, on the payments track.\n\n- Spouse: Maria Lima\n- Anniversary: 2015-06-01\n- Skype: ana.lima"}
	m, err := Merge([]byte(file), p)
	if err != nil {
		t.Fatal(err)
	}
	want := `notes as written; the import's note "Met at the 2019 conference in Lisbon, on…" was not added` + "\n" +
		`notes as written; not added: - Spouse: Maria Lima` + "\n" +
		`notes as written; not added: - Anniversary: 2015-06-01`
	if got := strings.Join(m.Conflicts, "\n"); got != want {
		t.Errorf("conflicts:\n%s\nwant:\n%s", got, want)
	}
	// A note that is the list alone is named line by line, not twice
	// (short, then each line); and not at all when your notes hold
	// every line of it.
	for _, tc := range []struct{ notes, want string }{
		{"- Spouse: Maria Lima\n- Skype: ana.lima", `notes as written; not added: - Spouse: Maria Lima`},
		{"- Skype: ana.lima", ""},
	} {
		p.Notes = tc.notes
		m, err := Merge([]byte(file), p)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(m.Conflicts, "\n"); got != tc.want {
			t.Errorf("%q: conflicts:\n%s\nwant:\n%s", tc.notes, got, tc.want)
		}
	}
}

// TestMergeNotesOfAnEarlierImport: a note of several lines, which an
// import now writes with hard breaks (markdown.EscapeText), is the one
// an earlier import wrote without them: importing the card again does
// not report it as a note not added.
func TestMergeNotesOfAnEarlierImport(t *testing.T) {
	src := "---\nname: Rui Alves\nemail: rui@example.com\n---\nMet at the Lisbon meetup; owes me a coffee.\nLikes trains.\n"
	p := Person{Name: "Rui Alves", Emails: []content.Typed{{Value: "rui@example.com"}}, Notes: markdown.EscapeText("Met at the Lisbon meetup; owes me a coffee.\nLikes trains.")}
	m, err := Merge([]byte(src), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Conflicts) > 0 {
		t.Errorf("conflicts: %v", m.Conflicts)
	}
}

// TestMergeNotesIndentedSince: a note whose indented lines an import now
// writes with their indentation (markdown.EscapeText) is the one an
// earlier import wrote without it.
func TestMergeNotesIndentedSince(t *testing.T) {
	src := "---\nname: Rui Alves\nemail: rui@example.com\n---\nKids:\\\nTom\\\nAnn\n"
	p := Person{Name: "Rui Alves", Emails: []content.Typed{{Value: "rui@example.com"}}, Notes: markdown.EscapeText("Kids:\n  Tom\n  Ann")}
	m, err := Merge([]byte(src), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Conflicts) > 0 {
		t.Errorf("conflicts: %v", m.Conflicts)
	}
}

// TestMergeBesideAComment: an empty field with a comment after it
// ("role:   #todo", found by FuzzMerge) was filled as "role: CTO   #todo",
// which the loader refuses (a text cut by a comment with no space after
// its #): the value is written in quotes, the comment kept.
func TestMergeBesideAComment(t *testing.T) {
	src := "---\nname: Bo\nrole:           #todo\ncompany: # none\n---\n"
	m, err := Merge([]byte(src), Person{Name: "Bo", Role: "CTO", Company: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\nname: Bo\nrole: \"CTO\"           #todo\ncompany: Acme # none\n---\n"; string(m.Data) != want {
		t.Errorf("got\n%s\nwant\n%s", m.Data, want)
	}
	if _, err := content.Load(fstest.MapFS{
		content.ConfigFile:      {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"content/contacts/x.md": {Data: m.Data},
	}); err != nil {
		t.Error(err)
	}
}
