package contactfile

import (
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
)

// FuzzMerge merges a fixed person into arbitrary contact files. It must
// never panic; into a file netjournal loads, it must write a file
// netjournal loads, and merging again must change nothing.
func FuzzMerge(f *testing.F) {
	for _, seed := range []string{
		handWritten,
		"---\nname: Bo\n---\n",
		"---\nname: Bo\nemail:\nlinks:   # none yet\nmet:\ncompany: \"\"\n---\n",
		"---\nname: Bo\nemail:\n- a@x.example\n- 'b@x.example'\ntags: [x]\n---\n",
		"---\nname: Bo\nemail: [a@x.example,\n  b@x.example]\ntags: []\n---\n",
		"---\nname: Bo\nmet:\n  at: a meetup\n  introduced_by: ana\n---\n",
		"\uFEFF---\r\nname: Bo\r\nemail:\r\n  - a@x.example\r\n---\r\nNotes.\r\n",
		"---\n  name: Bo\n  role: x\n---\n",
		"---\nname: Bo\nlinks: {a: \"https://x.example/#]\"}  # ]\ntags: ['a'']', \"b\\\"]\"]\n---\n",
		"---\nname: Bo\nemail: [a@x.example, home: c@x.example]\nphone:\n  - cell: +1 555 0199 # mine\naliases: Bob\nuid:\nphoto:\n---\n",
	} {
		f.Add(seed)
	}
	p := Person{
		Name: "Bo", Aliases: []string{"Bobby", "B: the one"}, Company: "Acme", Role: "CTO", Location: "Lisbon, Portugal",
		Emails: append(values("bo@x.example"), content.Typed{Type: "work", Value: "b@x.example"}),
		Phones: []content.Typed{{Type: "work fax", Value: "+1 555 0100"}, {Value: "+1 555 0101"}},
		Links:  []Link{{URL: "https://bo.example/"}, {Name: "linkedin", URL: "https://linkedin.com/in/bo"}},
		Tags:   []string{"mentor", "a, b"}, Circle: "core", Met: day("2024-01-02"), Birthday: content.Birthday{Month: 2, Day: 29},
		UID: "urn:uuid:0f4e2b7d", Photo: &Photo{Data: []byte("\xff\xd8\xff"), Ext: ".jpg", Name: "bo.jpg"},
	}
	f.Fuzz(func(t *testing.T, src string) {
		loads := func(data []byte) error {
			_, err := content.Load(fstest.MapFS{
				content.ConfigFile:      {Data: []byte("title: T\nbase_url: https://example.com/\n")},
				"content/contacts/x.md": {Data: data},
			})
			return err
		}
		m, err := Merge([]byte(src), p)
		if err != nil || loads([]byte(src)) != nil {
			return
		}
		if err := loads(m.Data); err != nil {
			t.Fatalf("merged file does not load: %v\n%q\n→\n%q", err, src, m.Data)
		}
		again, err := Merge(m.Data, p)
		if err != nil {
			t.Fatalf("second merge: %v\n%q", err, m.Data)
		}
		if again.Changed() {
			t.Fatalf("second merge added %v\n%q", again.Added, m.Data)
		}
	})
}
