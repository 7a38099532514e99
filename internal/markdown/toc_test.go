package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// TestTOC: a table of contents lists the h2 to h4 headings by their ids,
// nested by level, with their text as shown and without the "#" anchors.
func TestTOC(t *testing.T) {
	r := New()
	res := r.Render(Text("# Title\n\n## Setup & *install*\n\ntext\n\n### On Linux\n\n#### Debian\n\n### On macOS\n\n## Привет, мир\n\n## Setup & install\n"), Options{})
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
	got = TOC(r.Render(Text("### a\n\n#### b\n\n## c\n"), Options{}).HTML)
	if len(got) != 2 || got[0].Text != "a" || len(got[0].Children) != 1 || got[1].Text != "c" {
		t.Errorf("TOC from h3 = %#v", got)
	}
	if got := TOC(r.Render(Text("no headings\n"), Options{}).HTML); got != nil {
		t.Errorf("TOC without headings = %#v, want nil", got)
	}
}

// TestWikilinkContext: a wikilink knows the sentence it was written in,
// for a backlink to show: cut at the sentence's ends, within its line of
// a list or table, and shortened at a word with "…".
func TestWikilinkContext(t *testing.T) {
	r := New()
	long := strings.Repeat("word ", 40)
	for _, tc := range []struct{ src, before, after string }{
		{"Met at a dinner. Then [[ana-lima|Ana]] said *hello* to [[bo]]. Later more.", "Then ", " said hello to bo."},
		{"- first item\n- talk to [[bo]] soon\n- third", "talk to ", " soon"},
		{"| who | what |\n|---|---|\n| [[ana]] | lunch |", "", ""},
		{"Before " + long + "[[ana]] after.", "…" + strings.TrimSpace(strings.Repeat("word ", 23)) + " ", " after."},
		{"会议上遇到了[[ana]]。然后回家。", "会议上遇到了", "。"},
	} {
		ls := r.Wikilinks(Text(tc.src))
		if len(ls) == 0 {
			t.Fatalf("%q: no wikilinks", tc.src)
		}
		if ls[0].Before != tc.before || ls[0].After != tc.after {
			t.Errorf("%q: context %q | %q, want %q | %q", tc.src, ls[0].Before, ls[0].After, tc.before, tc.after)
		}
	}
}
