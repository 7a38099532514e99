package contactfile

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
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
		Person{Name: "Bo C.", Links: []Link{{URL: "http://linkedin.com/in/BoChen/"}}, Company: "Acme"}, // by link
		Person{Name: "A. Lima", Emails: []string{"Ana@Example.com"}},                                   // by email
		Person{Name: "ana", Role: "CTO"},                                                               // by alias
		Person{Name: "Kim Park"},                                                                       // two contacts
		Person{Name: "Sam!", Tags: []string{"Core", "friend"}},                                         // new; slug sam is taken
		Person{Name: "Sam!", Emails: []string{"sam@x.example"}},                                        // the same, again
		Person{Name: "", Source: content.Position{Path: "c.csv", Line: 9}},
		Person{Name: "Zed", Skip: "a company, not a person"},
	)
	var got []string
	for _, c := range res.Changes {
		s := []string{"unchanged", "created", "updated", "skipped"}[c.Action] + " " + c.Path
		if c.Reason != "" {
			s += ": " + c.Reason
		}
		if len(c.Added) > 0 {
			s += ": added " + strings.Join(c.Added, ", ")
		}
		got = append(got, s)
	}
	want := []string{
		"updated content/contacts/bo.md: added company",
		"unchanged content/contacts/lisbon/ana-lima.md",
		"updated content/contacts/lisbon/ana-lima.md: added role",
		"skipped : matches 2 contacts by name: content/contacts/twin-1.md, content/contacts/twin-2.md",
		"created content/contacts/sam-2.md",
		"updated content/contacts/sam-2.md: added email sam@x.example",
		"skipped : no name",
		"skipped : a company, not a person",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(res.Files); n != 3 {
		t.Errorf("%d files to write, want 3 (bo, ana-lima, sam-2)", n)
	}
	// The tag naming a circle became the circle.
	c := load(t, res.Files["content/contacts/sam-2.md"])
	if c.Circle != "core" || strings.Join(c.Tags, ",") != "friend" || strings.Join(c.Email, ",") != "sam@x.example" {
		t.Errorf("sam-2: %+v", c)
	}
	if res.Count(Updated) != 3 || res.Count(Skipped) != 3 || res.Count(Created) != 1 || res.Count(Unchanged) != 1 {
		t.Errorf("counts: %d %d %d %d", res.Count(Created), res.Count(Updated), res.Count(Unchanged), res.Count(Skipped))
	}
}

// TestPlanIsIdempotent: applying a plan and planning again changes nothing.
func TestPlanIsIdempotent(t *testing.T) {
	people := []Person{
		{Name: "Ana Lima", Company: "Tidewater", Links: []Link{{URL: "https://www.linkedin.com/in/ana"}}},
		{Name: "Rui Alves", Emails: []string{"rui@x.example"}, Notes: "From the phone."},
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
