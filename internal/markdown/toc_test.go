package markdown

import (
	"reflect"
	"testing"
)

// TestTOC: a table of contents lists the h2 to h4 headings by their ids,
// nested by level, with their text as shown and without the "#" anchors.
func TestTOC(t *testing.T) {
	r := New()
	res := r.Render("# Title\n\n## Setup & *install*\n\ntext\n\n### On Linux\n\n#### Debian\n\n### On macOS\n\n## Привет, мир\n\n## Setup & install\n", Options{})
	got := TOC(res.HTML)
	want := []Heading{
		{ID: "setup--install", Text: "Setup & install", Children: []Heading{
			{ID: "on-linux", Text: "On Linux", Children: []Heading{{ID: "debian", Text: "Debian"}}},
			{ID: "on-macos", Text: "On macOS"},
		}},
		{ID: "привет-мир", Text: "Привет, мир"},
		{ID: "setup--install-1", Text: "Setup & install"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TOC =\n%#v\nwant\n%#v\nfrom %s", got, want, res.HTML)
	}
	// A body that starts at h3 still nests what follows.
	got = TOC(r.Render("### a\n\n#### b\n\n## c\n", Options{}).HTML)
	if len(got) != 2 || got[0].Text != "a" || len(got[0].Children) != 1 || got[1].Text != "c" {
		t.Errorf("TOC from h3 = %#v", got)
	}
	if got := TOC(r.Render("no headings\n", Options{}).HTML); got != nil {
		t.Errorf("TOC without headings = %#v, want nil", got)
	}
}
