package wiki

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestDashboardPossibleDuplicates: contacts that answer to one name and
// that nothing tells apart are listed, in pairs, with links to both; a
// namesake with another LinkedIn profile is another person, not listed.
func TestDashboardPossibleDuplicates(t *testing.T) {
	contact := func(front string) *fstest.MapFile { return &fstest.MapFile{Data: []byte("---\n" + front + "\n---\n")} }
	fsys := fstest.MapFS{
		"netjournal.yaml":                  {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"content/contacts/mei-chen.md":     contact("name: Mei Chen\nemail: mei@example.com"),
		"content/contacts/mei-chen-2.md":   contact("name: \"Mei Chen (2)\"\nemail: mei@brightline.example"),
		"content/contacts/john-smith.md":   contact("name: John Smith\nlinks: {linkedin: https://www.linkedin.com/in/jsmith-acme}"),
		"content/contacts/john-smith-2.md": contact("name: \"John Smith (2)\"\nlinks: {linkedin: https://www.linkedin.com/in/jsmith-globex}"),
		"content/contacts/rita-sousa.md":   contact("name: Rita Sousa\naliases: [Rita]"),
		"content/contacts/rita.md":         contact("name: Rita Alves"), // answers to "rita" by its slug
		"content/events/coffee.md": {Data: []byte("---\ntitle: Coffee\ndate: 2026-03-01\nwith: [john-smith, mei-chen]\n---\n" +
			"With [[John Smith]] and [[Mei Chen]]: the numbered namesakes leave both names to them.\n")},
	}
	page := render(t, build(t, fsys))["index.html"]
	got := text(t, section(t, page, "possible-duplicates"))
	for _, w := range []string{"Possible duplicates 2", "Mei Chen and Mei Chen (2)", "Rita Alves and Rita Sousa"} {
		if !strings.Contains(got, w) {
			t.Errorf("want %q in %q", w, got)
		}
	}
	if strings.Contains(got, "John Smith") {
		t.Errorf("two John Smiths with two LinkedIn profiles are listed: %q", got)
	}
	html := string(section(t, page, "possible-duplicates"))
	for _, w := range []string{`href="contacts/mei-chen.html"`, `href="contacts/mei-chen-2.html"`} {
		if !strings.Contains(html, w) {
			t.Errorf("want %s in %s", w, html)
		}
	}

	// Without possible duplicates, the dashboard has no such card.
	delete(fsys, "content/contacts/mei-chen-2.md")
	delete(fsys, "content/contacts/rita.md")
	if page := string(render(t, build(t, fsys))["index.html"]); strings.Contains(page, `id="possible-duplicates"`) {
		t.Error("a possible-duplicates card without possible duplicates")
	}
}
