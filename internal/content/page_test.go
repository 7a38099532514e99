package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPagePaths: a page's place under content/pages is its address.
func TestPagePaths(t *testing.T) {
	for file, want := range map[string]string{
		"content/pages/about.md":          "about/",
		"content/pages/About Me.md":       "about-me/",
		"content/pages/talks/index.md":    "talks/",
		"content/pages/talks/2026.md":     "talks/2026/",
		"content/pages/Talks/Lisbon.md":   "talks/lisbon/",
		"content/pages/a/b/c.md":          "a/b/c/",
		"content/pages/index.md":          "",
		"content/pages/talks/!!!.md":      "",
		"content/pages/café/ação.md":      "cafe/acao/",
		"content/pages/projects/INDEX.md": "projects/",
	} {
		if got := pageSitePath(file); got != want {
			t.Errorf("pageSitePath(%q) = %q, want %q", file, got, want)
		}
	}
}

func TestLoadPages(t *testing.T) {
	fsys := fstest.MapFS{
		ConfigFile:                        {Data: []byte(testConfig)},
		"content/pages/about.md":          {Data: []byte("---\ntitle: About\nmenu: {weight: 20, title: Me}\ntoc: false\n---\nHi.\n")},
		"content/pages/talks/index.md":    {Data: []byte("---\ntitle: Talks\nmenu: true\n---\n")},
		"content/pages/hugo.md":           {Data: []byte("---\ntitle: Hugo style\nmenu:\n  main:\n    weight: 5\n---\n")},
		"content/pages/hugo-bare.md":      {Data: []byte("---\ntitle: Hugo bare\nmenu: main\n---\n")},
		"content/pages/not-in-menu.md":    {Data: []byte("---\ntitle: Quiet\nmenu: false\n---\n")},
		"content/pages/talks/2026/old.md": {Data: []byte("---\ntitle: Old\naliases: [/old-talk/]\n---\n")},
	}
	site, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]MenuSpec{}
	paths := map[string]string{}
	for _, p := range site.Pages {
		got[p.Title] = p.Menu
		paths[p.Title] = p.SitePath
	}
	want := map[string]MenuSpec{
		"About":      {In: true, Weight: 20, Title: "Me"},
		"Talks":      {In: true},
		"Hugo style": {In: true, Weight: 5},
		"Hugo bare":  {In: true},
		"Quiet":      {},
		"Old":        {},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("menus = %+v, want %+v", got, want)
	}
	if paths["Talks"] != "talks/" || paths["Old"] != "talks/2026/old/" {
		t.Errorf("paths = %v", paths)
	}
}

func TestPageErrors(t *testing.T) {
	const p = "content/pages/x.md"
	for _, tc := range []struct{ name, path, src, want string }{
		{"no title", p, "---\ndescription: d\n---\n", p + `:1: missing required key "title"`},
		{"summary is a post's", p, "---\ntitle: T\nsummary: s\n---\n", p + `:3: unknown key "summary": a page calls it "description"`},
		{"bad menu", p, "---\ntitle: T\nmenu: footer\n---\n", p + `:3: menu: expected true, main, or a map with weight and title, got "footer"`},
		{"menu key", p, "---\ntitle: T\nmenu: {weigth: 3}\n---\n", p + `:3: menu: unknown key "weigth" (want weight or title)`},
		{"menu weight", p, "---\ntitle: T\nmenu: {weight: high}\n---\n", p + `:3: menu: weight: expected a whole number`},
		{"home", "content/pages/index.md", "---\ntitle: T\n---\n", "content/pages/index.md:1: content/pages/index.md would be the home page, which lists the posts: name the page for its address (about.md is /about/)"},
		{"no address", "content/pages/¿¡.md", "---\ntitle: T\n---\n", `content/pages/¿¡.md:1: the path "¿¡.md" gives no address: rename its folders and file with letters or digits`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := load(t, tc.path, tc.src)
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("problems = %q, want %q", got, tc.want)
			}
		})
	}
	// Two files at one address.
	fsys := fstest.MapFS{
		ConfigFile:                     {Data: []byte(testConfig)},
		"content/pages/about.md":       {Data: []byte("---\ntitle: A\n---\n")},
		"content/pages/about/index.md": {Data: []byte("---\ntitle: B\n---\n")},
	}
	_, err := Load(fsys)
	if err == nil || !strings.Contains(err.Error(), "content/pages/about.md:1: page /about/ is also content/pages/about/index.md") ||
		!strings.Contains(err.Error(), "content/pages/about/index.md:1: page /about/ is also content/pages/about.md") {
		t.Errorf("two pages at /about/: %v", err)
	}
}

func TestConfigMenu(t *testing.T) {
	cfg, err := ParseConfig([]byte(testConfig + "menu:\n  - {title: About, url: /about/, weight: 2}\n  - {title: GitHub, url: \"https://github.com/x\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.HasMenu() || len(cfg.Menu) != 2 || cfg.Menu[0] != (MenuEntry{"About", "/about/", 2}) {
		t.Errorf("menu = %+v", cfg.Menu)
	}
	cfg, err = ParseConfig([]byte(testConfig + "menu: []\n"))
	if err != nil || !cfg.HasMenu() {
		t.Errorf("menu: [] is a menu of its own (no items): %v %v", cfg, err)
	}
	cfg, _ = ParseConfig([]byte(testConfig))
	if cfg.HasMenu() {
		t.Error("no menu key: HasMenu")
	}
	_, err = ParseConfig([]byte(testConfig + "menu:\n  - {title: About}\n  - {url: /x/}\n  - {title: Rel, url: about}\n"))
	want := []string{
		`netjournal.yaml:4: menu: missing required key "url" (a path of the site such as /about/, or a full URL)`,
		`netjournal.yaml:5: menu: missing required key "title"`,
		`netjournal.yaml:6: menu: url "about": write a path of the site such as /about/, or a full URL`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("menu problems:\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
}

// TestUnreadFiles: a file under content/ that netjournal does not read is
// a warning naming it, never dropped in silence.
func TestUnreadFiles(t *testing.T) {
	fsys := fstest.MapFS{
		ConfigFile:                      {Data: []byte(testConfig)},
		"content/about.md":              {Data: []byte("---\ntitle: About\n---\n")},
		"content/notes/idea.md":         {Data: []byte("an idea\n")},
		"content/posts/diagram.png":     {Data: []byte("png")},
		"content/contacts/.DS_Store":    {Data: []byte("x")},
		"content/posts/draft.md~":       {Data: []byte("backup")},
		"content/posts/x.md":            {Data: []byte("---\ntitle: X\ndate: 2026-01-01\n---\n")},
		"content/pages/about/photo.jpg": {Data: []byte("jpg")},
		"content/contacts/felix.txt":    {Data: []byte("notes")},
		"content/posts/old.markdown":    {Data: []byte("---\ntitle: O\n---\n")},
		"content/Event/coffee.md":       {Data: []byte("---\ntitle: C\n---\n")},
		"content/post/trip/photo.jpg":   {Data: []byte("jpg")},
	}
	site, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range site.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"content/Event/coffee.md: not read: netjournal reads content/contacts, content/events, content/posts and content/pages: move it to content/events/",
		"content/about.md: not read: netjournal reads content/contacts, content/events, content/posts and content/pages: move it to content/contacts/ or content/events/ to keep it in the private wiki, or to content/pages/ or content/posts/ to publish it",
		"content/contacts/felix.txt: not read: only Markdown files (.md) are read under content/: a note is a .md file here, in the private wiki; static/ is published as it is: keep private files out of it",
		"content/notes/idea.md: not read: netjournal reads content/contacts, content/events, content/posts and content/pages: move it to content/contacts/ or content/events/ to keep it in the private wiki, or to content/pages/ or content/posts/ to publish it",
		"content/pages/about/photo.jpg: not read: only Markdown files (.md) are read under content/: put images and other files in static/, which is published as it is",
		"content/post/trip/photo.jpg: not read: netjournal reads content/contacts, content/events, content/posts and content/pages: put images and other files in static/, which is published as it is",
		"content/posts/diagram.png: not read: only Markdown files (.md) are read under content/: put images and other files in static/, which is published as it is",
		"content/posts/old.markdown: not read: only Markdown files named .md are read under content/: rename it old.md",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
