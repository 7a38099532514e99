package content

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

const testConfig = "title: Test\nbase_url: https://example.com/\n"

// load returns the problems of a site holding one extra file.
func load(t *testing.T, path, src string) []string {
	t.Helper()
	fsys := fstest.MapFS{
		ConfigFile:                     {Data: []byte(testConfig)},
		"content/contacts/ana-lima.md": {Data: []byte("---\nname: Ana Lima\n---\nNotes.\n")},
	}
	if path != "" {
		fsys[path] = &fstest.MapFile{Data: []byte(src)}
	}
	_, err := Load(fsys)
	if err == nil {
		return nil
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load error is %T, not an ErrorList: %v", err, err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Error())
	}
	return out
}

func TestLoadErrors(t *testing.T) {
	const p = "content/posts/x.md"
	const c = "content/contacts/x.md"
	const e = "content/events/x.md"
	tests := []struct {
		name, path, src string
		want            []string
	}{
		{"malformed yaml", p, "---\ntitle: [unclosed\ndate: 2026-01-01\n---\n", []string{
			p + ":2: invalid YAML: did not find expected ',' or ']'"}},
		{"tab indentation", c, "---\nname: X\nlinks:\n\twebsite: https://x.example\n---\n", []string{
			c + ":4: invalid YAML: found character that cannot start any token (tabs are not allowed for indentation)"}},
		{"unclosed quote", p, "---\ntitle: \"Hello\ndate: 2026-01-01\n---\n", []string{
			p + ":4: invalid YAML: found unexpected end of stream"}},
		{"unknown key with suggestion", c, "---\nname: X\ncompnay: Acme\n---\n", []string{
			c + `:3: unknown key "compnay" (did you mean "company"?)`}},
		{"wrong type", p, "---\ntitle: T\ndate: 2026-01-01\ndraft: maybe\n---\n", []string{
			p + `:4: expected true or false, got text "maybe"`}},
		{"list where a map list is wanted", e, "---\ntitle: T\ndate: 2026-01-01\ngave: a book\n---\n", []string{
			e + `:4: expected a list, got text "a book"`}},
		{"bad date", e, "---\ntitle: T\ndate: 2026-13-01\n---\n", []string{
			e + `:3: invalid date "2026-13-01": want YYYY-MM-DD or RFC 3339`}},
		{"bad duration", c, "---\nname: X\ncadence: fortnightly\n---\n", []string{
			c + `:3: invalid duration "fortnightly": want a number and a unit: 14d, 6w, 3m or 1y`}},
		{"missing title", p, "---\ndate: 2026-01-01\n---\nBody\n", []string{
			p + `:1: missing required key "title"`}},
		{"missing name", c, "---\ncompany: Acme\n---\n", []string{
			c + `:1: missing required key "name"`}},
		{"missing closing delimiter", p, "---\ntitle: T\ndate: 2026-01-01\nBody\n", []string{
			p + ":1: front matter is not closed: add a --- line after it"}},
		{"no front matter", p, "Just a body\n", []string{
			p + ":1: missing front matter: the file must start with a --- line"}},
		{"empty file", p, "", []string{p + ":1: empty file: expected front matter between --- lines"}},
		{"unknown circle", c, "---\nname: X\ncircle: inner\n---\n", []string{
			c + `:3: unknown circle "inner": use one of core, active, dormant, or declare it under circles in netjournal.yaml`}},
		{"duplicate key", c, "---\nname: X\nname: Y\n---\n", []string{
			c + `:3: mapping key "name" already defined at line 2`}},
		{"two problems at once", e, "---\ntitle: T\ndate: 2026-01-01\nkind: call\nwhith: [ana-lima]\nfollowups:\n  - who: ana-lima\n    due: soon\n    what: send notes\n---\n", []string{
			e + `:5: unknown key "whith" (did you mean "with"?)`,
			e + `:8: invalid date "soon": want YYYY-MM-DD or RFC 3339`}},
		{"bad slug", p, "---\ntitle: T\ndate: 2026-01-01\nslug: Hello World\n---\n", []string{
			p + `:4: invalid slug "Hello World": use lower-case letters, digits and single hyphens`}},
		{"bad link", p, "---\ntitle: T\ndate: 2026-01-01\nlink: example.com/x\n---\n", []string{
			p + `:4: link: expected an absolute URL (https://…), got "example.com/x"`}},
		{"duplicate slug across folders", "content/contacts/old/Ana-Lima.md", "---\nname: Ana Again\n---\n", []string{
			`content/contacts/ana-lima.md:1: duplicate slug "ana-lima": also used by content/contacts/old/Ana-Lima.md`,
			`content/contacts/old/Ana-Lima.md:1: duplicate slug "ana-lima": also used by content/contacts/ana-lima.md`}},
		{"front matter is a list", p, "---\n- a\n- b\n---\n", []string{
			p + ":2: front matter must be a map of key: value lines, got a list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := load(t, tt.path, tt.src)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadAccepts(t *testing.T) {
	tests := []struct{ name, src string }{
		{"BOM", "\uFEFF---\ntitle: T\ndate: 2026-01-01\n---\nBody\n"},
		{"CRLF", "---\r\ntitle: T\r\ndate: 2026-01-01\r\n---\r\nBody\r\n"},
		{"leading blank lines", "\n\n---\ntitle: T\ndate: 2026-01-01\n---\n"},
		{"RFC 3339 date", "---\ntitle: T\ndate: 2026-01-01T09:30:00+01:00\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := load(t, "content/posts/x.md", tt.src); got != nil {
				t.Errorf("unexpected problems: %v", got)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	src := "\n---\ntitle: Coffee\ndate: 2026-03-01\nwith:\n  - ana-lima\n  - bo\nfollowups:\n  - who: bo\n    due: 2026-03-08\n    what: send the deck\n---\nFirst body line.\n"
	fsys := fstest.MapFS{
		ConfigFile:                {Data: []byte(testConfig)},
		"content/events/a/b/x.md": {Data: []byte(src)},
	}
	site, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	e := site.Events[0]
	for key, line := range map[string]int{"title": 3, "with[1]": 7, "followups[0].due": 10, "followups[0].nope": 9, "nothing": 2} {
		if got := e.Pos(key); got.Line != line || got.Path != "content/events/a/b/x.md" {
			t.Errorf("Pos(%q) = %v, want line %d", key, got, line)
		}
	}
	if e.BodyLine != 13 || e.Body != "First body line.\n" {
		t.Errorf("body at line %d = %q, want line 13", e.BodyLine, e.Body)
	}
	if e.Slug != "x" {
		t.Errorf("slug = %q, want x", e.Slug)
	}
}
