package content

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
			p + ":2: invalid YAML: a list that starts with [ is not closed with ], or its items are not separated by commas"}},
		{"tab indentation", c, "---\nname: X\nlinks:\n\twebsite: https://x.example\n---\n", []string{
			c + ":4: invalid YAML: a tab is used for indentation: indent with spaces only"}},
		{"unclosed quote", p, "---\ntitle: \"Hello\ndate: 2026-01-01\n---\n", []string{
			p + `:2: invalid YAML: the quote " is never closed: end the value with ", or remove the quote`}},
		{"unknown key with suggestion", c, "---\nname: X\ncompnay: Acme\n---\n", []string{
			c + `:3: unknown key "compnay" (did you mean "company"?)`}},
		{"wrong type", p, "---\ntitle: T\ndate: 2026-01-01\ndraft: maybe\n---\n", []string{
			p + `:4: expected true or false, got text "maybe"`}},
		{"list where a map list is wanted", e, "---\ntitle: T\ndate: 2026-01-01\ngave: a book\n---\n", []string{
			e + `:4: expected a list, got text "a book"`}},
		{"bad date", e, "---\ntitle: T\ndate: 2026-13-01\n---\n", []string{
			e + `:3: invalid date "2026-13-01": there is no month 13`}},
		{"bad duration", c, "---\nname: X\ncadence: fortnightly\n---\n", []string{
			c + `:3: invalid duration "fortnightly": want a number and a unit: 14d, 6w, 3m or 1y`}},
		{"missing title", p, "---\ndate: 2026-01-01\n---\nBody\n", []string{
			p + `:1: missing required key "title"`}},
		{"missing name", c, "---\ncompany: Acme\n---\n", []string{
			c + `:1: missing required key "name"`}},
		{"missing closing delimiter", p, "---\ntitle: T\ndate: 2026-01-01\nBody\n", []string{
			p + ":1: front matter is not closed: add a --- line after it"}},
		{"empty front matter", p, "---\n---\nBody\n", []string{
			p + `:1: missing required key "date"`, p + `:1: missing required key "title"`}},
		{"no front matter", p, "Just a body\n", []string{
			p + ":1: missing front matter: the file must start with a --- line"}},
		{"empty file", p, "", []string{p + ":1: empty file: expected front matter between --- lines"}},
		{"unknown circle", c, "---\nname: X\ncircle: inner\n---\n", []string{
			c + `:3: unknown circle "inner": use one of core, active, dormant, or declare it under circles in netjournal.yaml`}},
		{"duplicate key", c, "---\nname: X\nname: Y\n---\n", []string{
			c + `:3: duplicate key "name": it is already given at line 2`}},
		// A key given twice hid the file's other problems, and made its
		// keys read as missing (a QA sweep): the first is read, the rest
		// of the file as if the second were not there.
		{"duplicate key and more", e, "---\ntitle: T\ndate: 2026-02-30\nkind: intro\nkind:\n  - call\nwhith: [ana-lima]\n---\n", []string{
			e + `:3: invalid date "2026-02-30": February 2026 has 28 days`,
			e + `:5: duplicate key "kind": it is already given at line 4`,
			e + `:7: unknown key "whith" (did you mean "with"?)`}},
		{"duplicate key with a block of text", p, "---\ntitle: T\ndate: 2026-01-01\nsummary: a\nsummary: |\n  one\n  two\nslug: Bad Slug\n---\n", []string{
			p + `:5: duplicate key "summary": it is already given at line 4`,
			p + `:8: invalid slug "Bad Slug": use lower-case letters, digits and single hyphens`}},
		// A review's: what the later key's value holds to its map's next
		// key is blanked with it (a folded text, a flow list closed on a
		// line of its own), and a line break YAML counts but Go's lines do
		// not (U+2028) leaves the duplicate as the library says it, once.
		{"duplicate key with a folded text", p, "---\ntitle: T\ndate: 2026-01-01\nsummary: Short\nsummary: >\n  A longer summary,\n  a second line: with a colon\ntags: [a,\n  b\n]\ntags: [\n  c\n]\nbogus: 1\n---\n", []string{
			p + `:5: duplicate key "summary": it is already given at line 4`,
			p + `:11: duplicate key "tags": it is already given at line 8`,
			p + `:14: unknown key "bogus"`}},
		{"duplicate key after a line separator", p, "---\ntitle: A\nsummary: \"One line\u2028and more\"\ndate: 2026-01-01\ntitle: B\n---\n", []string{
			p + `:5: missing required key "date"`, // as before: the map reads as empty (its lines are not blanked)
			p + `:6: duplicate key "title": it is already given at line 2`}},
		// A value under its key that does not decode is not also
		// missing: the check of the key is its consequence.
		{"a list under title", p, "---\ntitle:\n  - a\n  - b\ndate: 2026-01-01\n---\n", []string{
			p + `:3: expected text, got a list`}},
		{"nested duplicate key", e, "---\ntitle: T\ndate: 2026-01-01\nfollowups:\n  - who: ana-lima\n    who: bo\n    due: soon\n    what: x\n---\n", []string{
			e + `:6: duplicate key "who": it is already given at line 5`,
			e + `:7: invalid date "soon": want YYYY-MM-DD or RFC 3339`}},
		{"two problems at once", e, "---\ntitle: T\ndate: 2026-01-01\nkind: call\nwhith: [ana-lima]\nfollowups:\n  - who: ana-lima\n    due: soon\n    what: send notes\n---\n", []string{
			e + `:5: unknown key "whith" (did you mean "with"?)`,
			e + `:8: invalid date "soon": want YYYY-MM-DD or RFC 3339`}},
		{"bad slug", p, "---\ntitle: T\ndate: 2026-01-01\nslug: Hello World\n---\n", []string{
			p + `:4: invalid slug "Hello World": use lower-case letters, digits and single hyphens`}},
		{"bad link", p, "---\ntitle: T\ndate: 2026-01-01\nlink: example.com/x\n---\n", []string{
			p + `:4: link: expected an absolute URL (https://…), got "example.com/x": write https://example.com/x`}},
		{"duplicate slug across folders", "content/contacts/old/Ana-Lima.md", "---\nname: Ana Again\n---\n", []string{
			`content/contacts/ana-lima.md:1: duplicate slug "ana-lima": also used by content/contacts/old/Ana-Lima.md`,
			`content/contacts/old/Ana-Lima.md:1: duplicate slug "ana-lima": also used by content/contacts/ana-lima.md`}},
		// Syntax errors point at the line at fault, in the file, whatever
		// line of the block it is on and whatever the line endings.
		{"tab on the first line", c, "---\n\tname: X\n---\n", []string{
			c + ":2: invalid YAML: a tab is used for indentation: indent with spaces only"}},
		{"tab before a list item", p, "---\ntitle: T\ndate: 2026-01-01\ntags:\n\t- go\n---\n", []string{
			p + ":5: invalid YAML: a tab is used for indentation: indent with spaces only"}},
		{"unclosed quote further down", p, "---\ntitle: T\nsummary: 'It is\ndate: 2026-01-01\n---\n", []string{
			p + ":3: invalid YAML: the quote ' is never closed: end the value with ', or remove the quote"}},
		{"unclosed quote after a quoted text on two lines", p, "---\nsummary: \"one\n  two\"\ntitle: \"T\ndate: 2026-01-01\n---\n", []string{
			p + `:4: invalid YAML: the quote " is never closed: end the value with ", or remove the quote`}},
		// A later quoted value's quote closed it, and the YAML library
		// spoke of the key after it (a helper's real-mistakes round).
		{"unclosed quote before a quoted value", c, "---\nname: Mei Chen\ncompany: \"Parcelwise\nrole: \"CTO\"\n---\n", []string{
			c + `:3: invalid YAML: the quote " is never closed: end the value with ", or remove the quote`}},
		{"unclosed list further down", p, "---\ntitle: T\ntags: [go, rust\ndate: 2026-01-01\n---\n", []string{
			p + ":3: invalid YAML: a list that starts with [ is not closed with ], or its items are not separated by commas"}},
		{"unclosed map", c, "---\nname: X\nmet: {date: 2026-01-01\n---\n", []string{
			c + ":3: invalid YAML: a map that starts with { is not closed with }, or its entries are not separated by commas"}},
		{"missing colon", c, "---\nname: X\ncompany Acme\nrole: CTO\n---\n", []string{
			c + `:3: invalid YAML: a line must be "key: value": add a colon and a space after the key`}},
		{"colon in a value", p, "---\ntitle: Go: a tour\ndate: 2026-01-01\n---\n", []string{
			p + `:2: invalid YAML: unexpected ":" in this line: put a value that contains ": " in quotes, or check the indentation`}},
		{"bad indentation", c, "---\nname: X\nlinks:\n  website: https://x.example\n blog: https://b.example\n---\n", []string{
			c + ":5: invalid YAML: this line does not line up with the keys above it: check its indentation"}},
		{"list item among keys", c, "---\nname: X\n- core\n---\n", []string{
			c + ":3: invalid YAML: this line does not line up with the keys above it: check its indentation"}},
		// A value YAML reads otherwise than a person means: the line says
		// how, and gives the value quoted.
		{"a single quote inside single quotes", p, "---\ntitle: 'It's here'\ndate: 2026-01-01\n---\n", []string{
			p + `:2: invalid YAML: the value ends at the ' after 'It, and text follows it: inside single quotes write '' for a ', or quote the value otherwise: "It's here"`}},
		{"a double quote inside double quotes", p, "---\nsummary: \"say \"hi\" now\"\ntitle: T\ndate: 2026-01-01\n---\n", []string{
			p + `:2: invalid YAML: the value ends at the " after "say , and text follows it: inside double quotes write \" for a ", or quote the value otherwise: 'say "hi" now'`}},
		{"quotes at the start of a text", p, "---\ntitle: \"Quoted\" and more\ndate: 2026-01-01\n---\n", []string{
			p + `:2: invalid YAML: the value ends at the " after "Quoted, and text follows it: inside double quotes write \" for a ", or quote the value otherwise: '"Quoted" and more'`}},
		{"brackets at the start of a text", p, "---\ntitle: [WIP] My post\ndate: 2026-01-01\n---\n", []string{
			p + `:2: invalid YAML: a value that starts with [ is a list, and text follows its ]: put the whole value in quotes: "[WIP] My post"`}},
		{"text after a list", p, "---\ntitle: T\ndate: 2026-01-01\ntags: [go, rust] and more\n---\n", []string{
			p + `:4: invalid YAML: a value that starts with [ is a list, and text follows its ]: put the whole value in quotes: "[go, rust] and more"`}},
		{"braces at the start of a text", c, "---\nname: X\ncompany: {stealth} startup\n---\n", []string{
			c + `:3: invalid YAML: a value that starts with { is a map, and text follows its }: put the whole value in quotes: "{stealth} startup"`}},
		{"a value starting with *", p, "---\ntitle: *really* good\ndate: 2026-01-01\n---\n", []string{
			p + `:2: invalid YAML: a value cannot start with *: put the value in quotes: "*really* good"`}},
		{"a value starting with |", p, "---\ntitle: | pipes\ndate: 2026-01-01\n---\n", []string{
			p + `:2: invalid YAML: a value cannot start with | on its key's line (| begins a text on the lines below): put the value in quotes: "| pipes"`}},
		{"a value starting with >", c, "---\nname: X\nrole: > 10 years\n---\n", []string{
			c + `:3: invalid YAML: a value cannot start with > on its key's line (> begins a text on the lines below): put the value in quotes: "> 10 years"`}},
		{"a value starting with !", p, "---\ntitle: !important\ndate: 2026-01-01\n---\n", []string{
			p + `:2: a value cannot start with ! (YAML reads !important as a tag, not as text): put the value in quotes: "!important"`}},
		{"a value starting with ! and more", c, "---\nname: X\nrole: !Founder and CEO\n---\n", []string{
			c + `:3: a value cannot start with ! (YAML reads !Founder as a tag, not as text): put the value in quotes: "!Founder and CEO"`}},
		{"a value starting with &", c, "---\nname: X\ncompany: &co Acme\n---\n", []string{
			c + `:3: a value cannot start with & (YAML reads &co as an anchor, not as text): put the value in quotes: "&co Acme"`}},
		// " #" begins a YAML comment: a word after it on a value's line,
		// with no space after the #, is text the writer meant ("Issue
		// #42 postmortem" was the title "Issue").
		{"a number after #", p, "---\ntitle: Issue #42 postmortem\ndate: 2026-01-01\n---\n", []string{
			p + `:2: the text from #42 on is a YAML comment, not part of the value: put the value in quotes: "Issue #42 postmortem" (a comment has a space after its #)`}},
		{"a hashtag after a name", c, "---\nname: Ana Lima #hiring\n---\n", []string{
			c + `:2: the text from #hiring on is a YAML comment, not part of the value: put the value in quotes: "Ana Lima #hiring" (a comment has a space after its #)`}},
		{"value starting with @", c, "---\nname: X\ncompany: @acme\n---\n", []string{
			c + ":3: invalid YAML: a value cannot start with @: put the value in quotes"}},
		{"unknown escape", p, "---\ntitle: \"C:\\new\\qux\"\ndate: 2026-01-01\n---\n", []string{
			p + `:2: invalid YAML: a backslash in "double quotes" starts an unknown escape: write \\ for a backslash, or use 'single quotes'`}},
		{"syntax error with CRLF and a BOM", p, "\uFEFF\r\n---\r\ntitle: T\r\ndate: 2026-01-01\r\ntags: [a\r\n---\r\n", []string{
			p + ":5: invalid YAML: a list that starts with [ is not closed with ], or its items are not separated by commas"}},
		{"type error with CRLF", p, "---\r\ntitle: T\r\ndate: 2026-01-01\r\ndraft: maybe\r\n---\r\n", []string{
			p + `:4: expected true or false, got text "maybe"`}},
		{"missing closing delimiter with CRLF", p, "\r\n---\r\ntitle: T\r\n", []string{
			p + ":2: front matter is not closed: add a --- line after it"}},
		{"only a BOM", p, "\uFEFF", []string{p + ":1: empty file: expected front matter between --- lines"}},
		{"only blank lines", p, "\n  \r\n\n", []string{p + ":1: empty file: expected front matter between --- lines"}},
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

// A value of the wrong kind is named in words, whatever YAML calls it.
func TestWrongKind(t *testing.T) {
	const c = "content/contacts/x.md"
	const e = "content/events/x.md"
	const p = "content/posts/x.md"
	tests := []struct{ path, src, want string }{
		{c, "name: X\ncompany: [Acme, Initech]\n", c + ":3: expected text, got a list"},
		{c, "name: X\ncompany:\n  name: Acme\n", c + ":4: expected text, got a map"},
		{c, "name: X\nmet: [2026-01-01]\n", c + ":3: expected a map of keys, got a list"},
		{c, "name: X\nmet: at a conference\n", c + `:3: expected a map of keys, got text "at a conference"`},
		{c, "name: X\npublic: 42\n", c + `:3: expected a map of keys, got number "42"`},
		// A value of the right shape that is not a date, a birthday, a
		// duration or an address says what is wrong with it.
		{e, "title: T\ndate: 2026-01-01\nfollowups:\n  - who: ana-lima\n    what: call\n    done: 2026-11-31\n", e + `:7: done: invalid date "2026-11-31": November 2026 has 30 days`},
		{c, "name: X\nbirthday: --02-30\n", c + `:3: invalid birthday "--02-30": February has at most 29 days`},
		{c, "name: X\nbirthday: --13-01\n", c + `:3: invalid birthday "--13-01": there is no month 13`},
		{c, "name: X\nbirthday: 1990-04-31\n", c + `:3: invalid birthday "1990-04-31": April 1990 has 30 days`},
		{c, "name: X\ncadence: 0d\n", c + `:3: invalid duration "0d": give at least 1 (14d, 6w, 3m or 1y)`},
		{p, "title: T\ndate: 0001-01-01\n", p + `:3: invalid date "0001-01-01": the first day of the year 1 reads as no date: give the real one`},
		{p, "title: T\ndate: 2026-01-01\nlink: www.example.com/a\n", p + `:4: link: expected an absolute URL (https://…), got "www.example.com/a": write https://www.example.com/a`},
		{c, "name: X\nlinks:\n  website: zed.example.com\n", c + `:4: links: website: expected an absolute URL (https://…), got "zed.example.com": write https://zed.example.com`},
		{c, "name: X\npublic:\n  name: Zed\n  url: zed.example.com\n", c + `:5: public.url: expected an absolute URL (https://…), got "zed.example.com": write https://zed.example.com`},
		// Only text is cut so: a comment after any other value, with or
		// without a space after its #, is a comment (a review found
		// these taken for text).
		{c, "name: X\ncadence: 30d #monthly\ncircle: core #was-active\nemail: ana@example.com #work\ntags: &t [a, b]\n", ""},
		{p, "title: T\ndate: 2026-01-01\nslug: hello #old-slug\nlink: https://example.org/a #via-hn\naliases:\n  - /a/ #old\ndraft: yes #no\nupdated: 2026-01-01T10:00 #x\ntags: [go,\n  rust] #langs\n", ""},
		{e, "title: T\ndate: 2026-01-01\nwith:\n  - ana-lima #CTO\n", ""},
		{c, "name: X\nrole: CTO #1\n", c + `:3: the text from #1 on is a YAML comment, not part of the value: put the value in quotes: "CTO #1" (a comment has a space after its #)`},
		{e, "title: T\ndate: 2026-01-01\nfollowups:\n  - who: ana-lima\n    what: send issue #42\n", e + `:6: the text from #42 on is a YAML comment, not part of the value: put the value in quotes: "send issue #42" (a comment has a space after its #)`},
		{p, "title: Say \"hi #1\ndate: 2026-01-01\n", p + `:2: the text from #1 on is a YAML comment, not part of the value: put the value in quotes: 'Say "hi #1' (a comment has a space after its #)`},
		// On a line that goes on with the text, too.
		{p, "title: T\ndate: 2026-01-01\nsummary: This is long\n  and #hashtag here\n", p + `:5: the text from #hashtag on is a YAML comment, not part of the value: put the value in quotes: "This is long and #hashtag here" (a comment has a space after its #)`},
		{p, "title: T\ndate: 2026-01-01\nsummary: This is long\n  and goes on # an aside\n# tags: [x]\ntags: [a] #b\n", ""},
		// The text's problem hides none of its key's others.
		{c, "name: X\npublic:\n  url: ana.example.com\n  name: Ana #hiring\n", c + `:4: public.url: expected an absolute URL (https://…), got "ana.example.com": write https://ana.example.com` + "\n" +
			c + `:5: the text from #hiring on is a YAML comment, not part of the value: put the value in quotes: "Ana #hiring" (a comment has a space after its #)`},
		// A tag YAML does not have, with !! too, is no text either.
		{p, "title: !!! Breaking news\ndate: 2026-01-01\n", p + `:2: a value cannot start with ! (YAML reads !!! as a tag, not as text): put the value in quotes: "!!! Breaking news"`},
		{p, "title: T\ndate: 2026-01-01\ntags: [a, !b c]\n", p + `:4: a value cannot start with ! (YAML reads !b as a tag, not as text): put the value in quotes: "!b c"`},
		{p, "title: !!str 123\ndate: 2026-01-01\n", ""},
		{c, "name: X\nlinks:\n  cv: cv.pdf\n", c + `:4: links: cv: expected an absolute URL (https://…), got "cv.pdf"`},
		// A comment after a map or a list in braces or brackets is one,
		// whatever its keys (a second review); so is one after a name the
		// writer gives (a link's, an email's label).
		{"content/pages/about.md", "title: About\nmenu: {weight: 50, title: About} #nav\n", ""},
		{e, "title: T\ndate: 2026-01-01\nfollowups:\n  - {who: ana-lima, what: call back} #urgent\n", ""},
		{c, "name: X\npublic: {name: Ana Lima, url: https://ana.example.com/} #ok\nlinks:\n  location: https://maps.example.com/lisbon #home\n", ""},
		// Text whose first line is below its key, text that goes on past a
		// blank line or a line that begins with a word after #, text that
		// begins with one: cut as well.
		{p, "title: T\ndate: 2026-01-01\nsummary:\n  This is a long #hashtag summary\n", p + `:5: the text from #hashtag on is a YAML comment, not part of the value: put the value in quotes: "This is a long #hashtag summary" (a comment has a space after its #)`},
		{p, "title: T\ndate: 2026-01-01\nsummary: This is long\n  #hashtag here\n", p + `:5: the text from #hashtag on is a YAML comment, not part of the value: put the value in quotes: "This is long #hashtag here" (a comment has a space after its #)`},
		{p, "title: T\ndate: 2026-01-01\nsummary: First part\n\n  second #tag\n", p + `:6: the text from #tag on is a YAML comment, not part of the value: put the value in quotes: "First part second #tag" (a comment has a space after its #)`},
		{p, "title: #1 fan\ndate: 2026-01-01\n", p + `:2: the text from #1 on is a YAML comment, not part of the value: put the value in quotes: "#1 fan" (a comment has a space after its #)`},
		{p, "title: 2024 #recap\ndate: 2026-01-01\n", p + `:2: the text from #recap on is a YAML comment, not part of the value: put the value in quotes: "2024 #recap" (a comment has a space after its #)`},
		{p, "title: Notes on #golang and\n  distributed systems\ndate: 2026-01-01\n", p + `:2: invalid YAML: the text from #golang on is a YAML comment, and the line below goes on with the text: put the value in quotes: "Notes on #golang and distributed systems"`},
		// The value suggested is the value, whatever stands before it.
		{p, "\"title\": Hello #1\ndate: 2026-01-01\n", p + `:2: the text from #1 on is a YAML comment, not part of the value: put the value in quotes: "Hello #1" (a comment has a space after its #)`},
		{p, "title: &a Hello #1\nsummary: *a\ndate: 2026-01-01\n", p + `:2: the text from #1 on is a YAML comment, not part of the value: put the value in quotes: "Hello #1" (a comment has a space after its #)`},
		// Two on one line are two, read either way (FuzzDecodeOnce).
		{p, "title: T\ndate: 2026-01-01\ntags: [a, !b c, &d e]\n", p + `:4: a value cannot start with ! (YAML reads !b as a tag, not as text): put the value in quotes: "!b c"` + "\n" +
			p + `:4: a value cannot start with & (YAML reads &d as an anchor, not as text): put the value in quotes: "&d e"`},
		// A web address with a country's domain or a port.
		{c, "name: X\nlinks:\n  website: ana-lima.pt\n  shop: shop.example.com:8080/x\n", c + `:4: links: website: expected an absolute URL (https://…), got "ana-lima.pt": write https://ana-lima.pt` + "\n" +
			c + `:5: links: shop: expected an absolute URL (https://…), got "shop.example.com:8080/x": write https://shop.example.com:8080/x`},
		// A third review: text by the last key of its path, wherever the
		// writer's names put it; no value (a comment alone) is no text but
		// for a title or a name, which a document must have.
		{"content/pages/about.md", "title: About\nmenu:\n  name: About #nav\n", "content/pages/about.md:4: the text from #nav on is a YAML comment, not part of the value: put the value in quotes: \"About #nav\" (a comment has a space after its #)"},
		{p, "title: T\ndate: 2026-01-01\nsummary: #TODO\n", ""},
		{p, "title: !!str 2024 #recap\ndate: 2026-01-01\n", p + `:2: the text from #recap on is a YAML comment, not part of the value: put the value in quotes: "2024 #recap" (a comment has a space after its #)`},
		{p, "title: Notes #golang\n  summary: The summary\ndate: 2026-01-01\n", p + ":3: invalid YAML: this line does not line up with the keys above it: check its indentation"},
		{p, "title: Notes on #golang and\n  distributed systems\n  at scale\ndate: 2026-01-01\n", p + `:2: invalid YAML: the text from #golang on is a YAML comment, and the line below goes on with the text: put the value in quotes: "Notes on #golang and distributed systems at scale"`},
		{c, "name: X\nlinks:\n  skype: john.smith\n", c + `:4: links: skype: expected an absolute URL (https://…), got "john.smith"`},
		// A fourth review: no value but a comment of one word is a comment
		// (summary: #TODO, public: name: #TODO); of more words, or where
		// the document must have the text, it is the text cut.
		{c, "name: X\nmet:\n  at: kubecon-eu-2019 #keynote\n", ""},
		{c, "name: X\nmet:\n  at: Web Summit #3\n", c + `:4: the text from #3 on is a YAML comment, not part of the value: put the value in quotes: "Web Summit #3" (a comment has a space after its #)`},
		{c, "name: X\nrole: #1 engineer\ncompany: #TODO\n", c + `:3: the text from #1 on is a YAML comment, not part of the value: put the value in quotes: "#1 engineer" (a comment has a space after its #)`},
		{e, "title: T\ndate: 2026-01-01\nfollowups:\n  - who: ana-lima\n    what: #1\n", e + `:6: the text from #1 on is a YAML comment, not part of the value: put the value in quotes: "#1" (a comment has a space after its #)`},
		{e, "title: T\ndate: 2026-01-01\nfollowups:\n  - what: send #doc on\n      golang\n    who: ana-lima\n", e + `:5: invalid YAML: the text from #doc on is a YAML comment, and the line below goes on with the text: put the value in quotes: "send #doc on golang"`},
		{p, "title: Notes on #golang and\n\n  distributed systems\n  # a real comment\ndate: 2026-01-01\n", p + `:2: invalid YAML: the text from #golang on is a YAML comment, and the line below goes on with the text: put the value in quotes: "Notes on #golang and distributed systems"`},
		{p, "title: !!str &a Hi #x\nsummary: *a\ndate: 2026-01-01\n", p + `:2: the text from #x on is a YAML comment, not part of the value: put the value in quotes: "Hi #x" (a comment has a space after its #)`},
		{c, "name: X\nlinks:\n  slides: deck.ps\n  cv: cv.ai\n", c + `:4: links: slides: expected an absolute URL (https://…), got "deck.ps"` + "\n" + c + `:5: links: cv: expected an absolute URL (https://…), got "cv.ai"`},
		// A value in [ ] or { } on its key's line, where text is wanted:
		// the message says how to write it as text.
		{p, "title: [WIP]\ndate: 2026-01-01\n", p + `:2: expected text, got a list: a value in [ ] is a list; for text, put it in quotes: "[WIP]"`},
		{c, "name: X\ncompany: {stealth}\n", c + `:3: expected text, got a map: a value in { } is a map; for text, put it in quotes: "{stealth}"`},
		{c, "name: X\nrole: ['it''s \"me\"']\n", c + `:3: expected text, got a list: a value in [ ] is a list; for text, put it in quotes: '[''it''''s "me"'']'`},
		{c, "name: X\ncompany: [Acme]\nrole: {CTO}\n", c + `:3: expected text, got a list: a value in [ ] is a list; for text, put it in quotes: "[Acme]"` + "\n" +
			c + `:4: expected text, got a map: a value in { } is a map; for text, put it in quotes: "{CTO}"`},
		{c, "name: X\nmet:\n  at: [kubecon, devoxx]\n", c + ":4: expected text, got a list"},
		{p, "title: T\ndate: 2026-01-01\ndraft: [yes]\n", p + ":4: expected true or false, got a list"},
		{p, "title: T\ndate: 2026-01-01\ndraft: {a: 1}\n", p + ":4: expected true or false, got a map"},
		{p, "title: T\ndate: 2026-01-01\ndraft: 1\n", p + `:4: expected true or false, got number "1"`},
		// Quoted, true and 10 are text.
		{p, "title: T\ndate: 2026-01-01\ndraft: \"false\"\n", p + `:4: expected true or false, got text "false": write it without quotes`},
		{p, "title: T\ndate: 2026-01-01\nprivate: 'True'\n", p + `:4: expected true or false, got text "True": write it without quotes`},
		{p, "title: T\ndate: 2026-01-01\ndraft: \"maybe\"\n", p + `:4: expected true or false, got text "maybe"`},
		{p, "title: T\ndate: 2026-01-01\ndraft: 1.5\n", p + `:4: expected true or false, got number "1.5"`},
		{p, "title: T\ndate: 2026-01-01\ndraft: 2026-01-02\n", p + `:4: expected true or false, got date "2026-01-02"`},
		{p, "title: T\ndate: 2026-01-01\ndraft: !!binary aGk=\n", p + `:4: expected true or false, got binary data "aGk="`},
		{p, "title: T\ndate: 2026-01-01\ndraft: !maybe x\n", p + `:4: expected true or false, got value tagged !maybe "x"`},
		{p, "title: T\ndate: 2026-01-01\ndraft: \"it is\n  not done\"\n", p + `:4: expected true or false, got text "it is not done"`},
		{c, "name: X\nlinks:\n  website: [https://x.example]\n", c + ":4: links: website: expected an absolute URL (https://…), got a list"},
		{e, "title: T\ndate: 2026-01-01\nfollowups:\n  - who: ana-lima\n    what: call\n    done: [yes]\n", e + ":7: done: expected true, false or a date, got a list"},
		{e, "title: T\ndate: 2026-01-01\ngave: {to: ana-lima, what: a book}\n", e + ":4: expected a list, got a map"},
		{e, "title: T\ndate: 2026-01-01\ngave: [a book]\n", e + `:4: expected a map of keys, got text "a book"`},
		{e, "title: T\ndate: 2026-01-01\nfollowups:\n  - [ana-lima, send notes]\n", e + ":5: expected a map of keys, got a list"},
		// private: or draft: with no value reads as false: the post
		// would be published (a QA sweep's "Salary negotiation notes").
		{p, "title: T\ndate: 2026-01-01\nprivate:\n", p + ":4: private: give true or false: with no value it reads as false, and the post would be published"},
		{p, "title: T\ndate: 2026-01-01\nprivate: # yes\ndraft: ~\n", p + ":4: private: give true or false: with no value it reads as false, and the post would be published\n" +
			p + ":5: draft: give true or false: with no value it reads as false, and the post would be published"},
		{"content/pages/about.md", "title: T\nprivate: null\n", "content/pages/about.md:3: private: give true or false: with no value it reads as false, and the page would be published"},
		// Comments, with a space after the #, are comments.
		{p, "title: T # a working title\ndate: 2026-01-01 #2025-12-31\ntags: [go] #go\nsummary: \"Issue #42\"\n# draft: true\nprivate: false #true\n", ""},
		// Its value on the next line is its value; a line of a text is no key.
		{p, "title: T\ndate: 2026-01-01\nprivate:\n  true\nsummary: \"a\ndraft:\"\n", ""},
	}
	for _, tt := range tests {
		got := load(t, tt.path, "---\n"+tt.src+"---\n")
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

// netjournal.yaml gets the same words, at its own lines.
func TestConfigWrongKind(t *testing.T) {
	_, err := ParseConfig([]byte("title: T\nbase_url: https://example.com/\npage_size: ten\nauthor: [me]\n"))
	want := "netjournal.yaml:3: expected a whole number, got text \"ten\"\nnetjournal.yaml:4: expected a map of keys, got a list"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want:\n%s", err, want)
	}
	// A value of the wrong kind does not hide a bad value of another
	// key: base_url's was left out (a QA sweep).
	// A value below its key that does not decode is not also missing.
	_, err = ParseConfig([]byte("title:\n  - a\n  - b\nbase_url:\n  https: //x\n"))
	want = "netjournal.yaml:2: expected text, got a list\nnetjournal.yaml:5: expected text, got a map"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want:\n%s", err, want)
	}
	_, err = ParseConfig([]byte("title: T\nbase_url: maya.example.com\nstale_after: 1 year\npage_size: -3\n"))
	want = "netjournal.yaml:2: base_url: expected an absolute http(s) URL, got \"maya.example.com\"\nnetjournal.yaml:3: invalid duration \"1 year\": want a number and a unit: 14d, 6w, 3m or 1y\nnetjournal.yaml:4: page_size must be positive, got -3"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want:\n%s", err, want)
	}
}

// A number given as 0 is no default, and a language is a language tag:
// page_size: 0 showed 10 posts a page in silence, and language: English
// (UK) went into every page's <html lang>, which browsers, screen readers
// and search engines then ignore (a QA sweep).
func TestConfigValues(t *testing.T) {
	for src, want := range map[string]string{
		"page_size: 0\n": "netjournal.yaml:3: page_size must be at least 1 (leave it out for 10)",
		"page_size:\n":   "netjournal.yaml:3: page_size must be at least 1 (leave it out for 10)",
		"language: en #pt-PT\nstale_after: 1y #6m\ncircles:\n  core: &default {cadence: 1m}\n": "",
		"feed_length: 0\n":         "netjournal.yaml:3: feed_length must be at least 1 (leave it out for 20)",
		"language: English (UK)\n": `netjournal.yaml:3: language: expected a language tag such as en, en-GB or pt-PT, got "English (UK)"`,
		"language: en-GB\n":        "",
		"language: pt_BR\n":        `netjournal.yaml:3: language: expected a language tag such as en, en-GB or pt-PT, got "pt_BR" (write pt-BR)`,
		"page_size: 5\n":           "",
		"page_size: \"5\"\n":       `netjournal.yaml:3: expected a whole number, got text "5": write it without quotes`,
		"circles:\n  core:\n    description: People #monthly\n": "netjournal.yaml:5: the text from #monthly on is a YAML comment, not part of the value: put the value in quotes: \"People #monthly\" (a comment has a space after its #)",
	} {
		_, err := ParseConfig([]byte("title: T\nbase_url: https://example.com/\n" + src))
		if got := fmt.Sprint(err); err == nil && want != "" || err != nil && got != want {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
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

// A file name that would break a URL gives a URL-safe slug; a name that is
// safe already keeps its slug, so existing URLs do not move.
func TestSlugOf(t *testing.T) {
	for name, want := range map[string]string{
		"content/posts/first-post.md":                  "first-post",
		"content/contacts/old/Ana-Lima.md":             "ana-lima",
		"content/events/2026-01-15-call-tomas.md":      "2026-01-15-call-tomas",
		"content/posts/my_post.md":                     "my_post",
		"content/posts/v1.2-release.md":                "v1.2-release",
		"content/posts/My Post?.md":                    "my-post",
		"content/posts/café notes.md":                  "cafe-notes",
		"content/posts/100% #1 (draft).md":             "100-1-draft",
		"content/posts/a  b__c.md":                     "a-b-c",
		"content/contacts/Tomás Ferreira.md":           "tomas-ferreira",
		"content/contacts/Søren Ødegård.md":            "soren-odegard",
		"content/contacts/陈美.md":                       "陈美",
		"content/posts/AC算法.md":                        "ac算法",
		"content/posts/AC自动机学习笔记.md":                   "ac自动机学习笔记",
		"content/posts/Straße & Ärger, naïve.MD":       "strasse-arger-naive",
		"content/posts/???.md":                         "",
		"content/posts/what's new: go 1.24 (notes).md": "what-s-new-go-1-24-notes",
	} {
		if got := SlugOf(name); got != want {
			t.Errorf("SlugOf(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Ana Lima":                  "ana-lima",
		"Tomás Ferreira":            "tomas-ferreira",
		"João  Santos":              "joao-santos",
		"Coffee with Ana!":          "coffee-with-ana",
		"Daniel O'Connor":           "daniel-o-connor",
		"Łukasz Świątek":            "lukasz-swiatek",
		"Søren Ærø":                 "soren-aero",
		"  -- Straße --  ":          "strasse",
		"陈美":                        "陈美",
		"後藤 ゆうじ":                    "後藤-ゆうじ",
		"ガラス":                       "ガラス", // not カラス, another word
		"हिन्दी":                    "हिन्दी",
		"Йорданов":                  "йорданов",
		"Mei 陈":                     "mei-陈", // both scripts, not "mei"
		"AC自动机学习笔记":                 "ac自动机学习笔记",
		"AC算法":                      "ac算法",
		"Go语言 小组":                   "go语言-小组",
		"ABC-MART 池袋パルコ店":           "abc-mart-池袋パルコ店",
		"Zoë 陈":                     "zoe-陈",
		"Nguyễn Văn An":             "nguyen-van-an",
		"İstanbul":                  "istanbul",
		"Ŋoma":                      "ŋoma", // a Latin letter without a base letter stays
		"Иван Петров (Acme)":        "иван-петров-acme",
		"陈美 ２":                      "陈美-２",
		"!!!":                       "",
		"Idempotency is a contract": "idempotency-is-a-contract",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadSlugs(t *testing.T) {
	const post = "---\ntitle: T\ndate: 2026-01-01\n---\n"
	site, err := Load(fstest.MapFS{
		ConfigFile:                    {Data: []byte(testConfig)},
		"content/posts/My Post?.md":   {Data: []byte(post)},
		"content/posts/café notes.md": {Data: []byte(post)},
		"content/posts/???.md":        {Data: []byte("---\ntitle: T\ndate: 2026-01-01\nslug: questions\n---\n")},
		// Two of one blog's posts, not both "ac".
		"content/posts/AC自动机学习笔记.md": {Data: []byte(post)},
		"content/posts/AC算法.md":      {Data: []byte(post)},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range site.Posts {
		got = append(got, p.Slug)
	}
	if want := "questions ac算法 ac自动机学习笔记 my-post cafe-notes"; strings.Join(got, " ") != want {
		t.Errorf("slugs %q, want %q", strings.Join(got, " "), want)
	}

	tests := []struct {
		name, path, src string
		want            []string
	}{
		{"no slug in the file name", "content/contacts/???.md", "---\nname: X\n---\n", []string{
			`content/contacts/???.md:1: the file name "???.md" gives no slug for a URL: rename the file with letters or digits`}},
		{"duplicate after slugifying", "content/contacts/Ana Lima!.md", "---\nname: Ana Again\n---\n", []string{
			`content/contacts/Ana Lima!.md:1: duplicate slug "ana-lima": also used by content/contacts/ana-lima.md`,
			`content/contacts/ana-lima.md:1: duplicate slug "ana-lima": also used by content/contacts/Ana Lima!.md`}},
		{"slug override with a slash", "content/posts/x.md", "---\ntitle: T\ndate: 2026-01-01\nslug: ../etc\n---\n", []string{
			`content/posts/x.md:4: invalid slug "../etc": use lower-case letters, digits and single hyphens`}},
		{"slug override with an accent", "content/posts/x.md", "---\ntitle: T\ndate: 2026-01-01\nslug: café\n---\n", []string{
			`content/posts/x.md:4: invalid slug "café": use lower-case letters, digits and single hyphens`}},
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

// TestRealPostFrontMatter: the front matter of posts from real blogs —
// times with and without zones, aliases, a pinned feed id — loads, and
// the keys other generators use get a hint that says what to write.
func TestRealPostFrontMatter(t *testing.T) {
	const p = "content/posts/x.md"
	for _, date := range []string{
		"2020-03-08T08:09:26", "2018-06-24 11:07:00", "2018-06-24 11:07:00 +0100", "2018-06-24 11:07:00 -07:00",
		"2020-03-08T08:09", "2020-03-08 08:09", "2020-03-08T08:09:26.123456789Z", "2020-03-08T08:09:26+02:00",
	} {
		if errs := load(t, p, "---\ntitle: T\ndate: "+date+"\nupdated: 2020-03-09\naliases: [/old/x/, /2020/03/x.html]\nfeed_id: https://old.example/x/\n---\n"); errs != nil {
			t.Errorf("date %q: %v", date, errs)
		}
	}
	tests := []struct{ name, src, want string }{
		{"lastmod", "---\ntitle: T\ndate: 2020-01-01\nlastmod: 2020-02-02\n---\n", p + `:4: unknown key "lastmod": netjournal calls it "updated"`},
		{"description", "---\ntitle: T\ndate: 2020-01-01\ndescription: D\n---\n", p + `:4: unknown key "description": netjournal calls it "summary"`},
		{"excerpt", "---\ntitle: T\ndate: 2020-01-01\nexcerpt: D\n---\n", p + `:4: unknown key "excerpt": netjournal calls it "summary"`},
		{"categories", "---\ntitle: T\ndate: 2020-01-01\ncategories: [a]\n---\n", p + `:4: unknown key "categories": netjournal has "tags" for these`},
		{"published", "---\ntitle: T\ndate: 2020-01-01\npublished: false\n---\n", p + `:4: unknown key "published": write draft: true for a post that is not published`},
		{"toml", "+++\ntitle = \"T\"\ndate = 2020-01-01\n+++\nBody.\n", p + `:1: front matter in TOML (between +++ lines) is not read: write it in YAML between --- lines`},
		{"json", "{\n\"title\": \"T\"\n}\nBody.\n", p + `:1: front matter in JSON is not read: write it in YAML between --- lines`},
		// A body in Latin-1 was published as it was: a browser showed
		// "caf\ufffd", and the feeds were no XML a reader takes.
		{"latin-1 body", "---\ntitle: T\ndate: 2020-01-01\n---\nA line.\nCaf\xe9 au lait.\n", p + `:6: this line is not UTF-8 text (its byte 0xE9): save the file as UTF-8 (it may be in Latin-1 or Windows-1252)`},
		{"utf-16", "\xff\xfe-\x00-\x00-\x00\n\x00", p + `:1: the file is in UTF-16: save it as UTF-8`},
		{"old Mac line ends", "---\rtitle: T\rdate: 2020-01-01\r---\rBody.\r", p + `:1: the file's lines end in a carriage return alone (as on an old Mac): save it with LF or CRLF line ends`},
		{"a date that does not exist", "---\ntitle: T\ndate: 2026-11-31\n---\n", p + `:3: invalid date "2026-11-31": November 2026 has 30 days`},
		{"a bad alias", "---\ntitle: T\ndate: 2020-01-01\naliases: [\"https://old.example/x/\"]\n---\n", p + `:4: aliases: "https://old.example/x/" is not a path of this site: write it as /old/path/`},
	}
	for _, tc := range tests {
		got := load(t, p, tc.src)
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s: got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// TestEveryProblemOfAFile: an unknown key does not hide a bad value
// further down the same file, nor a missing one; a value of the wrong
// type is not also reported as missing.
func TestEveryProblemOfAFile(t *testing.T) {
	const c = "content/contacts/x.md"
	got := load(t, c, "---\nname: X\ncompnay: Acme\ncircle: activ\n---\n")
	want := []string{
		c + `:3: unknown key "compnay" (did you mean "company"?)`,
		c + `:4: unknown circle "activ" (did you mean "active"?): use one of core, active, dormant, or declare it under circles in netjournal.yaml`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q…", got, want)
	}
	const p = "content/posts/x.md"
	got = load(t, p, "---\ntitle: [not, text]\ndate: 2026-01-01\nlastmod: 2026-01-02\n---\n")
	if len(got) != 2 || !strings.Contains(got[0], ":2: expected text") || !strings.Contains(got[1], `:4: unknown key "lastmod"`) {
		t.Errorf("got %q", got)
	}
	if got := load(t, p, "---\ntitle: [unclosed\ndate: 2026-01-01\n---\n"); len(got) != 1 {
		t.Errorf("YAML that does not parse gives one problem, not its consequences: %q", got)
	}
}

// FuzzSafeName holds safeName to the pattern it replaced.
func FuzzSafeName(f *testing.F) {
	pattern := regexp.MustCompile(`^[a-z0-9_-][a-z0-9_.-]*$`)
	for _, s := range []string{"", "a", ".a", "a.b", "A", "post-1_x.y", "-", "é", "a/b", "a b", "a\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := safeName(s), pattern.MatchString(s); got != want {
			t.Fatalf("safeName(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}

// TestBaseURLKeepsEscapes: base_url's path stays as a URL writes it (a
// decoded /my blog/ put a space into every absolute URL), in one spelling
// however it is written, the one the site's links have.
func TestBaseURLKeepsEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/my%20blog":    "https://example.com/my%20blog/",
		"https://example.com/my blog/":     "https://example.com/my%20blog/",
		"https://example.com/caf%C3%A9/":   "https://example.com/caf%C3%A9/",
		"https://example.com/caf%c3%a9/":   "https://example.com/caf%C3%A9/",
		"https://example.com/café/":        "https://example.com/caf%C3%A9/",
		"https://example.com/%7Emaya/":     "https://example.com/~maya/",
		"https://example.com/blog/":        "https://example.com/blog/",
		"https://example.com/a%2Fb/":       "https://example.com/a/b/",
		"https://example.com/x?utm=1#frag": "https://example.com/x/",
	} {
		cfg, err := ParseConfig([]byte("title: T\nbase_url: " + in + "\n"))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.BaseURL != want {
			t.Errorf("base_url %s: BaseURL %q, want %q", in, cfg.BaseURL, want)
		}
	}
}

// TestBasePathFollowsBaseURL: BasePath answers for the base URL as it is
// now, also after the build changes it (serve's origin).
func TestBasePathFollowsBaseURL(t *testing.T) {
	cfg, err := ParseConfig([]byte("title: T\nbase_url: https://example.com/blog/\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ url, want string }{
		{"https://example.com/blog/", "/blog/"},
		{"http://127.0.0.1:1313/blog/", "/blog/"},
		{"https://example.com/", "/"},
		{"https://example.com/a/b", "/a/b/"},
		{"https://example.com/my%20blog/", "/my%20blog/"}, // as links write it
		{"https://example.com/caf%C3%A9", "/caf%C3%A9/"},
		{"", "/"},
	} {
		cfg.BaseURL = tt.url
		for range 2 { // the first answer, and the one remembered
			if got := cfg.BasePath(); got != tt.want {
				t.Errorf("BasePath of %q = %q, want %q", tt.url, got, tt.want)
			}
		}
		if got, want := cfg.AbsURL("posts/x/"), tt.url; tt.url != "" && !strings.HasPrefix(got, strings.TrimSuffix(want, "/")) {
			t.Errorf("AbsURL under %q = %q", tt.url, got)
		}
	}
}

// TestDanglingLink: a document that is a symbolic link to nothing is an
// error naming the missing target, not "stat x.md: no such file" of a
// file that ls shows.
func TestDanglingLink(t *testing.T) {
	dir := t.TempDir()
	for p, data := range map[string]string{ConfigFile: testConfig, "content/contacts/ana-lima.md": "---\nname: Ana Lima\n---\n"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("gone.md", filepath.Join(dir, "content/contacts/mirror.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	_, err := Load(os.DirFS(dir))
	want := "content/contacts/mirror.md: a symbolic link to gone.md, which does not exist: point it at a document, or remove it"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestLinkedSubfolder: a symbolic link to a folder inside content/posts
// is not followed, and the warning says so, not that only Markdown files
// are read (it is a folder).
func TestLinkedSubfolder(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	for p, data := range map[string]string{ConfigFile: testConfig, "content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(other, filepath.Join(dir, "content/posts/more")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	site, err := Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	want := "content/posts/more: not read: a symbolic link to a folder is not followed inside content/posts: link the folder itself (content/posts), or move the folder here"
	if len(site.Warnings) != 1 || site.Warnings[0].Error() != want {
		t.Errorf("warnings %v, want %s", site.Warnings, want)
	}
}

// TestIndexDocument: a document named index.md (Hugo's page bundle,
// posts/my-trip/index.md) has no slug of its own, and its page would be
// the list's: the build said "render wiki: two pages would be written to
// posts/index.html", with no file (a QA sweep). It is an error at the
// file, saying what to name it.
func TestIndexDocument(t *testing.T) {
	for p, want := range map[string]string{
		"content/posts/my-trip/index.md": "content/posts/my-trip/index.md:1: a document named index.md has no name of its own, and its page would be the list's (index.html): name the file for its slug, as content/posts/my-trip.md",
		"content/posts/index.md":         "content/posts/index.md:1: a document named index.md has no name of its own, and its page would be the list's (index.html): name the file for its slug, as content/posts/its-title.md",
		"content/events/2026/Index.md":   "content/events/2026/Index.md:1: a document named Index.md has no name of its own, and its page would be the list's (index.html): name the file for its slug, as content/events/2026.md",
	} {
		got := load(t, p, "---\ntitle: T\ndate: 2026-01-01\n---\n")
		if strings.Join(got, "\n") != want {
			t.Errorf("%s:\n got %q\nwant %q", p, got, want)
		}
	}
}

// TestSalvagedPublicBlock: a contact whose front matter does not parse
// keeps its public block where that parses alone: a public post that
// links to her by it said "links to private contact" too, an error of
// its own for a problem of hers (a QA sweep).
func TestSalvagedPublicBlock(t *testing.T) {
	fsys := fstest.MapFS{
		ConfigFile:                     {Data: []byte(testConfig)},
		"content/contacts/ana-lima.md": {Data: []byte("---\nname: Ana Lima\ncompany: Acme: Inc\npublic:\n  name: Ana L.\n  url: https://ana.example.com/\n---\n")},
	}
	s, err := Load(fsys)
	if err == nil || len(s.Contacts) != 1 {
		t.Fatalf("err %v, contacts %d", err, len(s.Contacts))
	}
	if p := s.Contacts[0].Public; p == nil || p.Name != "Ana L." {
		t.Errorf("public block %+v", p)
	}
}

// TestStubsFilledTogether: two files of one slug that are no documents,
// then both filled in one save: the second Load says "duplicate slug" as
// a first would (a review found a Load that remembered the slugs it had
// checked, the stubs' among them, skip the check).
func TestStubsFilledTogether(t *testing.T) {
	fsys := fstest.MapFS{
		ConfigFile:                 {Data: []byte(testConfig)},
		"content/contacts/a/bo.md": {Data: []byte("")},
		"content/contacts/b/bo.md": {Data: []byte("")},
	}
	var c Cache
	if _, err := c.Load(fsys); err == nil || strings.Contains(err.Error(), "duplicate slug") {
		t.Fatalf("stubs: %v", err)
	}
	fsys["content/contacts/a/bo.md"] = &fstest.MapFile{Data: []byte("---\nname: Bo A\n---\n")}
	fsys["content/contacts/b/bo.md"] = &fstest.MapFile{Data: []byte("---\nname: Bo B\n---\n")}
	c.Forget("content/contacts/a/bo.md", "content/contacts/b/bo.md")
	_, err := c.Load(fsys)
	if err == nil || strings.Count(err.Error(), `duplicate slug "bo"`) != 2 {
		t.Errorf("filled: %v, want duplicate slug at both", err)
	}
}

// TestCutBase: a path begins with the base path however it spells it,
// and what follows stays as written; %2F is no "/".
func TestCutBase(t *testing.T) {
	for _, tc := range []struct {
		p, base, rest string
		ok            bool
	}{
		{"/blog/x/", "/blog/", "x/", true},
		{"/café/x/?q=%3F#f", "/café/", "x/?q=%3F#f", true},
		{"/caf%C3%A9/x/", "/café/", "x/", true},
		{"/caf%c3%a9/x%2Fy/", "/café/", "x%2Fy/", true},
		{"/%7Emaya/a%23b/", "/~maya/", "a%23b/", true},
		{"/blog%2Fx/", "/blog/", "", false},
		{"/blogger/", "/blog/", "", false},
		{"/blog", "/blog/", "", true},
		{"/blo", "/blog/", "", false},
		{"/bl%6", "/blog/", "", false},
		{"/x%zz/", "/x%zz/", "", true},
	} {
		rest, ok := CutBase(tc.p, tc.base)
		if rest != tc.rest || ok != tc.ok {
			t.Errorf("CutBase(%q, %q) = %q, %v; want %q, %v", tc.p, tc.base, rest, ok, tc.rest, tc.ok)
		}
	}
}

// FuzzCutBase: CutBase agrees with url.PathUnescape (%2F kept as it is):
// a path begins with a base path when its decoded form does, and the
// rest is what follows the base path's bytes in the path as written.
func FuzzCutBase(f *testing.F) {
	for _, seed := range [][2]string{{"/caf%C3%A9/x/?q=%3F#f", "/café/"}, {"/blog%2Fx/", "/blog/"}, {"/%7e/a", "/~/"}, {"/x%zz/", "/x%zz/"}, {"/a%", "/a%"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, p, base string) {
		rest, ok := CutBase(p, base)
		if ok && !strings.HasSuffix(p, rest) {
			t.Fatalf("CutBase(%q, %q) = %q, not what the path ends in", p, base, rest)
		}
		keep := regexp.MustCompile(`(?i)%2f`).ReplaceAllString(p, "%252F")
		decoded, err := url.PathUnescape(keep)
		if err != nil {
			return // an escape that is none: read as its bytes, which the reference cannot
		}
		if want := strings.HasPrefix(decoded, base) || decoded+"/" == base; ok != want {
			t.Fatalf("CutBase(%q, %q) ok = %v, but decoded %q", p, base, ok, decoded)
		}
		if ok {
			// (A cut within a %2F, read as its bytes, is no escape.)
			head, err := url.PathUnescape(regexp.MustCompile(`(?i)%2f`).ReplaceAllString(p[:len(p)-len(rest)], "%252F"))
			if err == nil && head != base && head+"/" != base {
				t.Fatalf("CutBase(%q, %q) = %q: what it cut, %q, is not the base", p, base, rest, head)
			}
		}
	})
}

// TestLegacySlugOf: a file name of two scripts had the slug of its ASCII
// letters and digits alone; every other name has the slug it had.
func TestLegacySlugOf(t *testing.T) {
	for p, want := range map[string]string{
		"content/posts/AC算法.md":           "ac",
		"content/posts/Go语言 入门.md":        "go",
		"content/contacts/陈美-mei-chen.md": "mei-chen",
		"content/posts/go.md":             "",
		"content/posts/Tomás.md":          "",
		"content/contacts/陈美.md":          "",
		"content/posts/My Post?.md":       "",
	} {
		if got := LegacySlugOf(p); got != want {
			t.Errorf("LegacySlugOf(%q) = %q, want %q", p, got, want)
		}
	}
}

// FuzzSlugify: a slug is its own slug, and the slug the loader reads from
// the file it names (contactfile names files so).
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Ǿrsted Lund", "Ǽlfric", "AC自动机", "後藤 ゆうじ", "Straße", "İstanbul", "Nguyễn", "陈美 ２"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := Slugify(name)
		if s == "" {
			return
		}
		if again := Slugify(s); again != s {
			t.Fatalf("Slugify(%q) = %q, whose slug is %q", name, s, again)
		}
		if read := SlugOf(s + ".md"); read != s {
			t.Fatalf("Slugify(%q) = %q, which the loader reads as %q", name, s, read)
		}
	})
}

// unreadableFS is fsys with the file bad, which it lists, refusing to be
// opened, as a file without read permission is.
type unreadableFS struct {
	fstest.MapFS
	bad string
}

func (f unreadableFS) Open(name string) (fs.File, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

func (f unreadableFS) ReadFile(name string) ([]byte, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadFile(name)
}

// TestUnreadableFileStandsForItsSlug: a contact's file that cannot be
// read (no read permission) is one error, at the file, saying why; it
// still stands for its contact by its slug, as a file that is no
// document does: the events that name the contact were each "unknown
// contact" besides (17 errors for one file on the example site).
func TestUnreadableFileStandsForItsSlug(t *testing.T) {
	fsys := unreadableFS{MapFS: fstest.MapFS{
		ConfigFile:                  {Data: []byte(testConfig)},
		"content/contacts/priya.md": {Data: []byte("---\nname: Priya\n---\n")},
		"content/contacts/ana.md":   {Data: []byte("---\nname: Ana\n---\n")},
	}, bad: "content/contacts/priya.md"}
	var c Cache
	site, err := c.Load(fsys)
	want := "content/contacts/priya.md: cannot be read: permission denied"
	if err == nil || err.Error() != want {
		t.Errorf("err %v, want %q", err, want)
	}
	if site == nil {
		t.Fatal("no site")
	}
	var slugs []string
	for _, ct := range site.Contacts {
		slugs = append(slugs, ct.Slug)
	}
	if !slices.Contains(slugs, "priya") {
		t.Errorf("contacts %v: the unreadable file stands for none", slugs)
	}
}
