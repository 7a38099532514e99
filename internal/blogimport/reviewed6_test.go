package blogimport

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// Tests of a sixth review's findings, on this session's Jekyll and Hugo
// import work; each failed before its fix.

// TestSixthReviewCollectionFilters: Jekyll leaves out of a collection
// what begins with _, ., # or ~ (EntryFilter's special?), and a
// document dated after today (future: false); the import published them.
func TestSixthReviewCollectionFilters(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                  {Data: []byte("url: https://j.example.org\ncollections:\n  projects:\n    output: true\n")},
		"_projects/_idea.md":           {Data: []byte("---\ntitle: Idea\n---\nSECRET idea.\n")},
		"_projects/_private/x.md":      {Data: []byte("---\ntitle: X\n---\nSECRET x.\n")},
		"_projects/_private/notes.txt": {Data: []byte("SECRET notes")},
		"_projects/future.md":          {Data: []byte("---\ntitle: Future\ndate: 2099-01-01\n---\nLater.\n")},
		"_projects/ok.md":              {Data: []byte("---\ntitle: OK\n---\nShown.\n")},
		"_posts/2020-01-02-a.md":       {Data: []byte("---\ntitle: A\n---\nA.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Pages {
		if strings.Contains(p.Body, "SECRET") || p.Title == "Future" && !p.Draft {
			t.Errorf("page %s (%s) published", p.Title, p.Source)
		}
	}
	for _, f := range plan.Files {
		if strings.Contains(f.Source, "_private") {
			t.Errorf("file %v copied", f)
		}
	}
	if !slices.ContainsFunc(plan.Pages, func(p *Page) bool { return p.Title == "OK" && !p.Draft }) {
		t.Error("the collection's page is gone")
	}
}

// TestSixthReviewIncludeRelativeAsThePage: the text an include_relative
// puts in a page is the page's to kramdown: its {::comment} is hidden
// (it was published), its table's code pipes stay in their cells; a page
// of an include_relative alone (a readme) is a page; arguments are read
// as Jekyll reads them (page.title, its value); a name with .. is none
// Jekyll includes.
func TestSixthReviewIncludeRelativeAsThePage(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\ntitle: J\n")},
		"_posts/snip.md":         {Data: []byte("Hello {{ include.who }}.\n")},
		"_posts/part.md":         {Data: []byte("{::comment}SECRET remark{:/comment}\n\n| a | b |\n|---|---|\n| `x|y` | 2 |\n")},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nStart.\n\n{% include_relative snip.md who=page.title %}\n\n{% include_relative part.md %}\n\n{% include_relative ../secret.txt %}\n")},
		"secret.txt":             {Data: []byte("SECRET file\n")},
		"readme/index.md":        {Data: []byte("---\ntitle: Readme\n---\n{% include_relative README.md %}\n")},
		"readme/README.md":       {Data: []byte("# Project\n\nAll about it.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var post string
	for _, p := range plan.Posts {
		post = p.Body
	}
	html := publicHTML(post)
	if strings.Contains(html, "SECRET") || !strings.Contains(html, "Hello A.") || !strings.Contains(html, "<td><code>x|y</code></td>") {
		t.Errorf("post %q\nhtml %q", post, html)
	}
	if !slices.ContainsFunc(plan.Pages, func(p *Page) bool { return p.Title == "Readme" && strings.Contains(p.Body, "All about it.") }) {
		t.Errorf("the readme page is gone (skipped %v)", plan.Skipped)
	}
}

// TestSixthReviewCollectionAddresses: a collection document's :slug and
// :name are slugs as Jekyll makes them (My Project is my-project), :title
// its own case; a date placeholder is its date's; a static file of the
// collection is at the collection's permalink, as Jekyll serves it.
func TestSixthReviewCollectionAddresses(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.org\ncollections:\n  projects:\n    output: true\n    permalink: /work/:slug.html\n  events:\n    output: true\n    permalink: /:collection/:year/:title/\n  talks:\n    output: true\n    permalink: /t/:path/\n")},
		"_projects/My Project.md":    {Data: []byte("---\ntitle: P\n---\nP.\n")},
		"_events/2019-05-01-conf.md": {Data: []byte("---\ntitle: Conf\n---\nC.\n")},
		"_talks/img/a.png":           {Data: []byte("png")},
		"_talks/one.md":              {Data: []byte("---\ntitle: One\n---\n![a](/t/img/a.png)\n")},
		"_posts/2020-01-02-a.md":     {Data: []byte("---\ntitle: A\n---\nSee [p](/work/my-project.html).\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var aliases []string
	for _, p := range plan.Pages {
		aliases = append(aliases, p.Aliases...)
		aliases = append(aliases, "/"+p.SitePath) // one at its old address has no alias
	}
	for _, want := range []string{"/work/my-project.html", "/events/2019/conf/"} {
		if !slices.Contains(aliases, want) {
			t.Errorf("no old address %s in %q (warnings %v)", want, aliases, plan.Warnings)
		}
	}
	if !slices.ContainsFunc(plan.Files, func(f File) bool { return f.Path == "static/t/img/a.png" }) {
		t.Errorf("files %v", plan.Files)
	}
	if !strings.Contains(plan.Posts[0].Body, "](/work/my-project/)") {
		t.Errorf("the link to the project: %q", plan.Posts[0].Body)
	}
}

// TestSixthReviewHugoURLWithoutLanguage: Hugo 0.111 puts a page of a url:
// where its url says, without the language's folder, even with
// defaultContentLanguageInSubdir; its relative aliases beside it.
func TestSixthReviewHugoURLWithoutLanguage(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":                {Data: []byte("baseURL = 'https://h.example/'\ndefaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\n[languages.en]\ncontentDir = 'content/en'\n[languages.fr]\ncontentDir = 'content/fr'\n")},
		"content/en/posts/a.md":    {Data: []byte("---\ntitle: A\ndate: 2021-01-01\nurl: /2018/05/old.html\naliases: [rel-a]\n---\nA.\n")},
		"content/en/posts/b.md":    {Data: []byte("---\ntitle: B\ndate: 2021-01-01\n---\nB.\n")},
		"content/fr/posts/a.fr.md": {Data: []byte("---\ntitle: A\ndate: 2021-01-01\n---\nA.\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range plan.Posts {
		got[p.Slug] = p.Aliases
	}
	for slug, want := range map[string][]string{"a": {"/2018/05/old.html", "/2018/rel-a"}, "b": {"/en/posts/b/"}} {
		for _, w := range want {
			if !slices.Contains(got[slug], w) {
				t.Errorf("%s: aliases %q, want %s", slug, got[slug], w)
			}
		}
	}
}

// TestSixthReviewTablesKeepCodeInStep: a widened table's header and
// separator were longer than the source's, and the lines after it were
// found in code where they were not: a later code block's separator-like
// line was rewritten.
func TestSixthReviewTablesKeepCodeInStep(t *testing.T) {
	body := "| a |\n|---|\n| 1 | 2 | 3 |\n\n| b |\n|---|\n| 4 | 5 | 6 |\n\n```\n|---+---|\n| x | y |\n```\n"
	got, _ := kramdownTables(body)
	if !strings.Contains(got, "```\n|---+---|\n| x | y |\n```") {
		t.Errorf("code changed:\n%s", got)
	}
}

// TestSixthReviewHardWrapsAfterAnEscapedBackslash: a line ending in an
// escaped backslash (C:\\) gets its hard break, and keeps its backslash.
func TestSixthReviewHardWrapsAfterAnEscapedBackslash(t *testing.T) {
	got := hardWrapped("Path C:\\\\\nnext line.\n", false)
	if html := publicHTML(got); !strings.Contains(html, "C:\\<br") {
		t.Errorf("%q: %q", got, html)
	}
}

// TestSixthReviewDataAsJekyllReadsIt: a data file's name is sanitized
// as Jekyll's DataReader does (team.members.yml is teammembers), a
// table of number keys is read by them, a list's size, first and last
// are Liquid's, and a date of no seconds is a date.
func TestSixthReviewDataAsJekyllReadsIt(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\n")},
		"_data/team.members.yml": {Data: []byte("lead: Bo\n")},
		"_data/years.yml":        {Data: []byte("2019:\n  city: Lisbon\n")},
		"_data/nav.yml":          {Data: []byte("- title: Home\n- title: About\n")},
		"_posts/2020-03-04-b.md": {Data: []byte("---\ntitle: B\ndate: 2020-03-04 10:30\n---\n{{ site.data.teammembers.lead }}, {{ site.data.years[2019].city }}, {{ site.data.nav.size }} {{ site.data.nav.first.title }} {{ site.data.nav.last.title }}; {{ page.date | date: \"%H:%M\" }}\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if body := plan.Posts[0].Body; !strings.Contains(body, "Bo, Lisbon, 2 Home About; 10:30") {
		t.Errorf("body %q (warnings %v)", body, plan.Warnings)
	}
}

// TestSeventhReviewIncludeRelative: a problem in an included file is said
// at the tag's line (it was the line after); a nested include_relative
// is beside the page, as Jekyll's page_path has it, not beside the file
// that names it; the file's last line break stays (a paragraph after
// the tag is one of its own).
func TestSeventhReviewIncludeRelative(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\ntitle: J\n")},
		"_posts/snip.md":         {Data: []byte("one\ntwo\n{% mystery1 %}\nfour\n")},
		"_posts/parts/a.md":      {Data: []byte("A {% include_relative b.md %}\n")},
		"_posts/b.md":            {Data: []byte("page's b")},
		"_posts/parts/b.md":      {Data: []byte("WRONG b")},
		"_posts/intro.md":        {Data: []byte("Intro.\n")},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nStart.\n\n{% include_relative snip.md %}\n\nAfter {% mystery2 %}\n\n{% include_relative parts/a.md %}\n\n{% include_relative intro.md %}\nMore text.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, w := range plan.Warnings {
		lines = append(lines, w.Error())
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{"2020-01-02-a.md:6: Liquid tag {% mystery1 %}", "2020-01-02-a.md:8: Liquid tag {% mystery2 %}"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	body := plan.Posts[0].Body
	if !strings.Contains(body, "A page's b") || strings.Contains(body, "WRONG") {
		t.Errorf("nested: %q", body)
	}
	if html := publicHTML(body); !strings.Contains(html, "<p>Intro.</p>") {
		t.Errorf("the include's paragraph: %q", html)
	}
}

// TestSeventhReviewCollectionSpecialNames: Jekyll leaves out a
// collection's entry whose path or file name begins with _ . # or ~, not
// one in a folder of such a name deeper down.
func TestSeventhReviewCollectionSpecialNames(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":               {Data: []byte("url: https://j.example.org\ncollections:\n  projects:\n    output: true\n")},
		"_projects/sub/_inner/x.md": {Data: []byte("---\ntitle: Inner\n---\nShown.\n")},
		"_projects/_top/y.md":       {Data: []byte("---\ntitle: Top\n---\nHidden.\n")},
		"_projects/sub/~z.md":       {Data: []byte("---\ntitle: Z\n---\nHidden.\n")},
		"_posts/2020-01-02-a.md":    {Data: []byte("---\ntitle: A\n---\nA.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, p := range plan.Pages {
		titles = append(titles, p.Title)
	}
	if !slices.Equal(titles, []string{"Inner"}) {
		t.Errorf("pages %q", titles)
	}
}

// TestSeventhReviewHugoRelativeURLInItsLanguage: a url: without a leading
// slash is under the language's folder (Hugo 0.111.3: url: custom/b/ is
// /en/custom/b/); one with it is where it says.
func TestSeventhReviewHugoRelativeURLInItsLanguage(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":             {Data: []byte("baseURL = 'https://h.example/'\ndefaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\n[languages.en]\ncontentDir = 'content/en'\n[languages.fr]\ncontentDir = 'content/fr'\n")},
		"content/en/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2021-01-01\nurl: /custom/a/\n---\nA.\n")},
		"content/en/posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2021-01-01\nurl: custom/b/\n---\nB.\n")},
		"content/fr/posts/c.md": {Data: []byte("---\ntitle: C\ndate: 2021-01-01\n---\nC.\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range plan.Posts {
		got[p.Slug] = p.Aliases
	}
	if !slices.Contains(got["a"], "/custom/a/") || !slices.Contains(got["b"], "/en/custom/b/") {
		t.Errorf("aliases %q", got)
	}
}

// TestEighthReviewIncludedAndData: an eighth review's findings: an
// included file of CRLF line endings in a page of LF ones brought its
// \r in; a data folder's name is sanitized as a file's (v1.0 is v10);
// the abbreviations' warning after an include is at its own line.
func TestEighthReviewIncludedAndData(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\n")},
		"_data/v1.0/team.yml":    {Data: []byte("lead: Bo\n")},
		"_posts/crlf.md":         {Data: []byte("X1\r\nX2\r\n")},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\n{% include_relative crlf.md %}\n\n{{ site.data.v10.team.lead }}\n\n*[HTML]: Hyper Text\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	body := plan.Posts[0].Body
	if strings.Contains(body, "\r") || !strings.Contains(body, "X1\nX2\n") || !strings.Contains(body, "Bo") {
		t.Errorf("body %q (warnings %v)", body, plan.Warnings)
	}
	var got string
	for _, w := range plan.Warnings {
		got += w.Error() + "\n"
	}
	if !strings.Contains(got, "2020-01-02-a.md:8: kramdown's abbreviations") {
		t.Errorf("warnings:\n%s", got)
	}
}
