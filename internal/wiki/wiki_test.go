package wiki

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// now is the tests' clock: Monday 16 March 2026.
var now = time.Date(2026, 3, 16, 9, 30, 0, 0, time.UTC)

// site loads a txtar archive of a site into a journal.
func site(t *testing.T, archive string) *journal.Journal {
	t.Helper()
	return build(t, siteFS(t, archive))
}

// siteFS is the site of a txtar archive.
func siteFS(t *testing.T, archive string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

func build(t *testing.T, fsys fstest.MapFS) *journal.Journal {
	t.Helper()
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatalf("content.Load: %v", err)
	}
	j, err := journal.Build(s, markdown.New(), journal.Options{Now: now})
	if err != nil {
		t.Fatalf("journal.Build: %v", err)
	}
	return j
}

func render(t *testing.T, j *journal.Journal) map[string][]byte {
	t.Helper()
	out, err := Render(j, themes.Default())
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return out
}

// text is the visible text of an HTML fragment, whitespace collapsed.
func text(t *testing.T, b []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "head" || n.Data == "svg") {
			return
		}
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(sb.String()), " ")
}

// section returns the element with the id, rendered back to HTML.
func section(t *testing.T, page []byte, id string) []byte {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id && found == nil {
				found = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if found == nil {
		t.Fatalf("no element with id %q", id)
	}
	var b bytes.Buffer
	if err := html.Render(&b, found); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPages(t *testing.T) {
	out := render(t, site(t, "testdata/site.txtar"))
	want := []string{
		"index.html", "drafts.html", "followups.html", "wiki.css", "favicon.svg",
		"contacts/index.html", "contacts/ana-lima.html", "contacts/joao-santos.html",
		"contacts/bea-costa.html", "contacts/carlos-mendes.html", "contacts/dora-silva.html", "contacts/zoe-ng.html",
		"circles/core.html", "circles/active.html", "circles/dormant.html",
		"events/index.html", "events/2026-01-10-coffee-ana.html", "events/2026-04-02-summit.html",
		"posts/index.html", "posts/consensus.html", "posts/half-baked.html",
		"posts/journal-only.html", "posts/soon.html",
		"tags/index.html", "tags/mentor.html", "tags/lisbon.html", "tags/distsys.html",
		"network.html", "search.js", "search-index.js",
	}
	for _, p := range want {
		if _, ok := out[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	for p := range out {
		if strings.HasPrefix(p, "/") || strings.Contains(p, "\\") {
			t.Errorf("output path %q is not relative and slash-separated", p)
		}
	}
}

func TestDashboard(t *testing.T) {
	out := render(t, site(t, "testdata/site.txtar"))
	page := out["index.html"]
	tests := []struct {
		id       string
		want     []string
		wantNot  []string
		wantNone bool
	}{
		{id: "overdue-followups",
			want:    []string{"Send the consensus reading list", "43 days overdue", "Ana Lima", "from Coffee with Ana"},
			wantNot: []string{"Introduce her to Dora", "Send the slides"}},
		{id: "overdue-contacts",
			want:    []string{"Ana Lima", "65 days since last contact · every 1 month", "Bea Costa", "never contacted"},
			wantNot: []string{"Carlos Mendes", "João Santos"}},
		{id: "due-followups", want: []string{"Send the slides", "due in 4 days", "João Santos"},
			wantNot: []string{"Plan the autumn meetup"}},
		{id: "plans", want: []string{"Lisbon Summit", "in 2 weeks", "Dora Silva"}},
		{id: "favours", want: []string{"You owe", "João Santos", "you owe them 2 favours", "They owe you", "Ana Lima", "they owe you 2 favours"}},
		{id: "stale", want: []string{"Ana Lima", "10 Jan 2024"}, wantNot: []string{"João Santos"}},
		{id: "unresolved", want: []string{"[[Nobody Here]]", "content/contacts/ana-lima.md:26", "Ana Lima"}},
		{id: "drafts", want: []string{"Half-baked ideas"}, wantNot: []string{"Consensus"}},
		{id: "birthdays", want: []string{"Ana Lima", "27 March", "in 11 days"}},
	}
	for _, tt := range tests {
		got := text(t, section(t, page, tt.id))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("#%s: want %q in %q", tt.id, w, got)
			}
		}
		for _, w := range tt.wantNot {
			if strings.Contains(got, w) {
				t.Errorf("#%s: do not want %q in %q", tt.id, w, got)
			}
		}
	}
	if got := text(t, page); strings.Contains(got, "Introduce her to Dora") {
		t.Errorf("a done follow-up is on the dashboard: %q", got)
	}
}

func TestDashboardEmpty(t *testing.T) {
	j := build(t, fstest.MapFS{
		"netjournal.yaml": {Data: []byte("title: Empty\nbase_url: https://example.com/\n")},
	})
	got := text(t, render(t, j)["index.html"])
	for _, w := range []string{
		"Overdue follow-ups 0 No follow-up is overdue.",
		"Contacts overdue 0 Everyone is within their cadence.",
		"Upcoming plans 0 Nothing planned.",
		"Favours owed 0 All square",
		"Unresolved links 0 Every [[wikilink]] points somewhere.",
		"Drafts 0 No drafts in progress.",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("empty dashboard: want %q in %q", w, got)
		}
	}
}

func TestContactPage(t *testing.T) {
	out := render(t, site(t, "testdata/site.txtar"))
	page := out["contacts/ana-lima.html"]
	checks := map[string][]string{
		"s-timeline": {"Lisbon Summit", "plan · in 2 weeks", "with DS Dora Silva", "Coffee with Ana", "you reached out",
			"João introduces Ana", "João Santos reached out"},
		"s-favours": {"they owe you 2 favours", "Reviewed her promotion case", "Lent her a book"},
		"s-backlinks": {"João Santos", "content/contacts/joao-santos.md:13",
			"Coffee with Ana", "content/events/2026-01-10-coffee-ana.md:26"},
		"s-followups": {"Send the consensus reading list", "1 follow-up done"},
		"s-shared":    {"jepsen.io", "For the reading group", "Consensus for application developers", "He asked for it", "sent with the post"},
		"s-details": {"Acme", "Engineering Manager", "ana@example.com", "ana.lima@work.example", "+351 910 000 001",
			"LinkedIn", "#mentor", "core", "every 1 month", "João introduces Ana", "27 March", "10 Jan 2024",
			"Older than 1 year"},
	}
	for id, want := range checks {
		got := text(t, section(t, page, id))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("#%s: want %q in %q", id, w, got)
			}
		}
	}
	// The timeline is newest first.
	tl := text(t, section(t, page, "s-timeline"))
	if a, b := strings.Index(tl, "Lisbon Summit"), strings.Index(tl, "Coffee with Ana"); a < 0 || b < 0 || a > b {
		t.Errorf("timeline not newest first: %q", tl)
	}
	hrefs := map[string]bool{}
	for _, ref := range refs(t, page) {
		hrefs[ref] = true
	}
	for _, w := range []string{
		"mailto:ana@example.com",
		"tel:+351910000001",
		"../contacts/joao-santos.html#work-history",
		"https://example.com/posts/consensus/",
		"../events/2025-06-01-joao-intro.html",
		"../tags/mentor.html",
		"../circles/core.html",
	} {
		if !hrefs[w] {
			t.Errorf("contacts/ana-lima.html: want a link to %s", w)
		}
	}
	for _, w := range []string{
		`<span class="unresolved" title="Unresolved link: nothing is called &#34;Nobody Here&#34;">Nobody Here</span>`,
		`<title>Ana Lima · Test Network wiki</title>`,
	} {
		if !bytes.Contains(page, []byte(w)) {
			t.Errorf("contacts/ana-lima.html: want %s", w)
		}
	}
}

func TestEventAndPostPages(t *testing.T) {
	out := render(t, site(t, "testdata/site.txtar"))
	for _, tt := range []struct {
		page, id string
		want     []string
	}{
		{"events/2026-01-10-coffee-ana.html", "s-details", []string{"10 Jan 2026", "coffee", "Café Tati", "Ana Lima", "you"}},
		{"events/2026-01-10-coffee-ana.html", "s-followups", []string{"Send the consensus reading list", "43 days overdue", "Introduce her to Dora", "done 18 Jan 2026"}},
		{"events/2026-01-10-coffee-ana.html", "s-favours", []string{"Reviewed her promotion case", "you did for", "Ana Lima"}},
		{"events/2026-01-10-coffee-ana.html", "s-backlinks", []string{"Consensus for application developers", "content/posts/consensus.md:8"}},
		{"events/2026-03-01-call-joao.html", "s-details", []string{"Initiated by", "João Santos"}},
		{"events/2026-03-01-call-joao.html", "s-followups", []string{"Plan the autumn meetup", "due in 6 weeks"}},
		{"events/2026-04-02-summit.html", "s-details", []string{"2 Apr 2026", "Until", "3 Apr 2026"}},
		{"posts/consensus.html", "s-details", []string{"published", "https://example.com/posts/consensus/", "Ana Lima"}},
		{"posts/consensus.html", "s-shared", []string{"Call with João", "He asked for it", "sent with the post"}},
		{"posts/consensus.html", "s-backlinks", []string{"A private note", "content/posts/journal-only.md:6"}},
	} {
		got := text(t, section(t, out[tt.page], tt.id))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s#%s: want %q in %q", tt.page, tt.id, w, got)
			}
		}
	}
	posts := text(t, out["posts/index.html"])
	for _, w := range []string{"Consensus for application developers 1 Feb 2026 sent to 1 person #distsys #mentor published",
		"Half-baked ideas 10 Mar 2026 #mentor draft", "A private note 20 Feb 2026 private", "Coming soon 10 Apr 2026 link to example.org scheduled"} {
		if !strings.Contains(posts, w) {
			t.Errorf("posts/index.html: want %q in %q", w, posts)
		}
	}
	if !bytes.Contains(out["posts/journal-only.html"], []byte(`href="../posts/consensus.html#leases"`)) {
		t.Errorf("posts/journal-only.html: the [[consensus#Leases]] link lost its fragment")
	}
	events := text(t, out["events/index.html"])
	if a, b, c := strings.Index(events, "Lisbon Summit"), strings.Index(events, "March 2026"), strings.Index(events, "June 2025"); a < 0 || b < a || c < b {
		t.Errorf("events/index.html: want plans, then March 2026, then June 2025: %q", events)
	}
	fu := text(t, out["followups.html"])
	if a, b, c := strings.Index(fu, "Send the consensus reading list"), strings.Index(fu, "Send the slides"), strings.Index(fu, "Introduce her to Dora"); a < 0 || b < a || c < b {
		t.Errorf("followups.html: want overdue, then open by due date, then done: %q", fu)
	}
	tag := text(t, out["tags/mentor.html"])
	for _, w := range []string{"Ana Lima", "Consensus for application developers", "Half-baked ideas"} {
		if !strings.Contains(tag, w) {
			t.Errorf("tags/mentor.html: want %q in %q", w, tag)
		}
	}
	groups := regexp.MustCompile(`<section class="card group" id="circle-([a-z-]+)"`).FindAllSubmatch(out["contacts/index.html"], -1)
	var order []string
	for _, g := range groups {
		order = append(order, string(g[1]))
	}
	if got := strings.Join(order, " "); got != "core active dormant none" {
		t.Errorf("contacts/index.html: groups %q, want circles in config order, then no circle", got)
	}
	contacts := text(t, out["contacts/index.html"])
	if !strings.Contains(contacts, "Carlos Mendes") || !strings.Contains(contacts, "snoozed until 1 Apr 2026") {
		t.Errorf("contacts/index.html: want Carlos snoozed: %q", contacts)
	}
}

// TestLinks checks every page: it parses, has the robots meta and a title,
// has no duplicate id, loads no script but search.js and copy.js, and every relative
// href or src names a generated file (and an id on it, for a fragment). Nothing links to a directory or
// to a root path, which would not open from file://.
func TestLinks(t *testing.T) {
	for _, archive := range []string{"testdata/site.txtar", exampleSite(t)} {
		if archive == "" {
			continue
		}
		var out map[string][]byte
		if archive == "example" {
			s, err := content.Load(os.DirFS("../.."))
			if err != nil {
				t.Logf("example site does not load yet, skipped: %v", err)
				continue
			}
			j, err := journal.Build(s, markdown.New(), journal.Options{Now: now})
			if err != nil {
				t.Logf("example site does not build yet, skipped: %v", err)
				continue
			}
			out = render(t, j)
		} else {
			out = render(t, site(t, archive))
		}
		checkLinks(t, archive, out)
	}
}

// exampleSite returns "example" when the repository's example site exists.
func exampleSite(t *testing.T) string {
	if _, err := os.Stat("../../netjournal.yaml"); err != nil {
		return ""
	}
	return "example"
}

func checkLinks(t *testing.T, name string, out map[string][]byte) {
	t.Helper()
	ids := map[string]map[string]bool{}
	for p, b := range out {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: %s: %v", name, p, err)
			continue
		}
		ids[p] = map[string]bool{}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if a.Key == "id" {
						if ids[p][a.Val] {
							t.Errorf("%s: %s: duplicate id %q", name, p, a.Val)
						}
						ids[p][a.Val] = true
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if !bytes.HasPrefix(b, []byte("<!doctype html>")) {
			t.Errorf("%s: %s: no doctype", name, p)
		}
		if !bytes.Contains(b, []byte(`<meta name="robots" content="noindex">`)) {
			t.Errorf("%s: %s: no robots noindex", name, p)
		}
		if !regexp.MustCompile(`<title>[^<]+ · [^<]+ wiki</title>`).Match(b) {
			t.Errorf("%s: %s: title is not \"… · <site> wiki\"", name, p)
		}
		if bytes.Contains(b, []byte("ZgotmplZ")) {
			t.Errorf("%s: %s: a value was filtered by html/template (ZgotmplZ)", name, p)
		}
		up := strings.Repeat("../", strings.Count(p, "/"))
		if got, want := scripts(t, b), []string{up + "search.js", up + "copy.js"}; !slices.Equal(got, want) {
			t.Errorf("%s: %s: has the scripts %q; a page's scripts are the theme's own, %q", name, p, got, want)
		}
	}
	pages := make([]string, 0, len(ids))
	for p := range ids {
		pages = append(pages, p)
	}
	sort.Strings(pages)
	for _, p := range pages {
		for _, ref := range refs(t, out[p]) {
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: %s: bad link %q: %v", name, p, ref, err)
				continue
			}
			if u.Scheme != "" || strings.HasPrefix(ref, "//") {
				continue // the public blog, a profile, mailto:, tel:
			}
			if strings.HasPrefix(u.Path, "/") {
				t.Errorf("%s: %s: link %q is rooted: it breaks on file://", name, p, ref)
				continue
			}
			target := p
			if u.Path != "" {
				if ext := path.Ext(u.Path); !strings.Contains(" .html .css .svg .js .jpg .png .gif .webp .ics ", " "+ext+" ") {
					t.Errorf("%s: %s: link %q does not name a file", name, p, ref)
				}
				target = path.Join(path.Dir(p), u.Path)
			}
			if _, ok := out[target]; !ok {
				t.Errorf("%s: %s: link %q leads to %s, which is not generated", name, p, ref, target)
				continue
			}
			if u.Fragment != "" && ids[target] != nil && !ids[target][u.Fragment] {
				t.Errorf("%s: %s: link %q: no id %q on %s", name, p, ref, u.Fragment, target)
			}
		}
	}
}

// scripts returns the src of every script on a page; an inline script
// fails the test.
func scripts(t *testing.T, b []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			src := ""
			for _, a := range n.Attr {
				if a.Key == "src" {
					src = a.Val
				}
			}
			if src == "" || n.FirstChild != nil {
				t.Errorf("an inline script: %s", renderNode(n))
			}
			out = append(out, src)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func renderNode(n *html.Node) string {
	var b bytes.Buffer
	html.Render(&b, n)
	return b.String()
}

// refs returns the href and src attributes of a page.
func refs(t *testing.T, b []byte) []string {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "href" || a.Key == "src" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func TestResolver(t *testing.T) {
	j := site(t, "testdata/site.txtar")
	r := &renderer{j: j, v: newView(j, nil)}
	tests := []struct {
		page string
		link markdown.Wikilink
		want markdown.Resolution
	}{
		{"index.html", markdown.Wikilink{Target: "Ana", Label: "Ana"},
			markdown.Resolution{Dest: "contacts/ana-lima.html", Text: "Ana Lima", Class: "wikilink wikilink-contact", Title: "Contact: Ana Lima"}},
		{"contacts/joao-santos.html", markdown.Wikilink{Target: "ana-lima", Label: "her", Labeled: true},
			markdown.Resolution{Dest: "../contacts/ana-lima.html", Class: "wikilink wikilink-contact", Title: "Contact: Ana Lima"}},
		{"events/x.html", markdown.Wikilink{Target: "consensus", Fragment: "Leases & locks", Label: "consensus#Leases & locks"},
			markdown.Resolution{Dest: "../posts/consensus.html#leases--locks", Text: "Consensus for application developers › Leases & locks", Class: "wikilink wikilink-post", Title: "Post: Consensus for application developers"}},
		{"posts/x.html", markdown.Wikilink{Target: "coffee with ana", Label: "coffee with ana"},
			markdown.Resolution{Dest: "../events/2026-01-10-coffee-ana.html", Text: "Coffee with Ana", Class: "wikilink wikilink-event", Title: "Event: Coffee with Ana"}},
		{"posts/x.html", markdown.Wikilink{Fragment: "Leases", Label: "#Leases"},
			markdown.Resolution{Dest: "#leases", Text: "Leases", Class: "wikilink"}},
		{"index.html", markdown.Wikilink{Target: "ana-lma", Label: "ana-lma"},
			markdown.Resolution{Class: "unresolved", Title: `Unresolved link: nothing is called "ana-lma" (did you mean "ana-lima"?)`}},
	}
	for _, tt := range tests {
		got, err := r.resolver(&Page{Path: tt.page})(tt.link)
		if err != nil {
			t.Errorf("%s %+v: %v", tt.page, tt.link, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s %+v:\n got %+v\nwant %+v", tt.page, tt.link, got, tt.want)
		}
	}
	if got := r.rewrite("/posts/x/"); got != "https://example.com/posts/x/" {
		t.Errorf("rewrite(/posts/x/) = %q", got)
	}
	for _, dest := range []string{"https://a.example/", "//cdn.example/x", "#top", "notes.html"} {
		if got := r.rewrite(dest); got != dest {
			t.Errorf("rewrite(%q) = %q, want it unchanged", dest, got)
		}
	}
}

func TestEscape(t *testing.T) {
	p := &Page{Path: "events/x.html"}
	for in, want := range map[string]string{
		"contacts/ana-lima.html": "../contacts/ana-lima.html",
		"contacts/zoë ng.html":   "../contacts/zo%C3%AB%20ng.html",
		"contacts/c#?.html":      "../contacts/c%23%3F.html",
	} {
		if got := p.URL(escape(in)); got != want {
			t.Errorf("link to %s = %q, want %q", in, got, want)
		}
	}
}

func TestHeadingID(t *testing.T) {
	// The ids goldmark gives headings: [[page#Heading]] must land on them.
	md := markdown.New()
	for _, h := range []string{"Work history", "Leases & locks", "Café society", "  Spaces  ", "snake_case-and-dash", "???"} {
		res := md.Render(markdown.Text("## "+h+"\n"), markdown.Options{})
		want := fmt.Sprintf(`id="%s"`, markdown.HeadingID(h))
		if !strings.Contains(res.HTML, want) {
			t.Errorf("heading %q: goldmark rendered %s, want %s", h, res.HTML, want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := render(t, site(t, "testdata/site.txtar"))
	b := render(t, site(t, "testdata/site.txtar"))
	for p := range a {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two renders", p)
		}
	}
}

// TestGolden compares whole pages with testdata/golden; go test -update
// rewrites them.
func TestGolden(t *testing.T) {
	out := render(t, site(t, "testdata/site.txtar"))
	for _, p := range []string{
		"index.html",
		"network.html",
		"contacts/index.html",
		"contacts/ana-lima.html",
		"events/index.html",
		"events/2026-01-10-coffee-ana.html",
		"posts/consensus.html",
		"followups.html",
		"tags/mentor.html",
		"tags/index.html",
		"posts/index.html",
		"drafts.html",
		"circles/core.html",
	} {
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(p))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, out[p], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(out[p], want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff)\n%s", p, golden, firstDiff(string(want), string(out[p])))
		}
	}
}

// firstDiff shows the first line that differs.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n want %q\n  got %q", i+1, wl, gl)
		}
	}
	return ""
}

func TestStaticCollision(t *testing.T) {
	j := site(t, "testdata/site.txtar")
	theme, err := themes.Load(fstest.MapFS{
		"themes/mine/wiki/static/index.html": {Data: []byte("x")},
	}, "mine")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Render(j, theme); err == nil || !strings.Contains(err.Error(), "index.html") {
		t.Errorf("a static index.html replaced the dashboard: err = %v", err)
	}
}

// TestCachedSideIsTemplateInPlace: every page's side bar, written once
// per folder and section with {{cached "side" .Side}}, is byte for byte
// the side bar written in place, with one Cache across days (the date
// and counts in it change) and across edits.
func TestCachedSideIsTemplateInPlace(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "wiki", "partials.html"))
	if err != nil {
		t.Fatal(err)
	}
	const call = `{{cached "side" .Side}}`
	if !bytes.Contains(b, []byte(call)) {
		t.Fatal("the default head no longer writes the side bar with cached: the test proves nothing")
	}
	inPlace, err := themes.Load(fstest.MapFS{
		"themes/inplace/wiki/partials.html": &fstest.MapFile{Data: bytes.ReplaceAll(b, []byte(call), []byte(`{{template "side" .}}`))},
	}, "inplace")
	if err != nil {
		t.Fatal(err)
	}
	fsys := siteFS(t, "testdata/site.txtar")
	var c Cache
	pages := 0
	for round, day := range []time.Time{now, now, now.AddDate(0, 2, 0), now.AddDate(1, 0, 0)} {
		if round == 3 {
			fsys["content/posts/a-new-draft.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A new draft\ndate: 2026-01-01\ndraft: true\n---\nText.\n")}
		}
		s, err := content.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		j, err := journal.Build(s, markdown.New(), journal.Options{Now: day})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Render(j, themes.Default())
		if err != nil {
			t.Fatal(err)
		}
		want, err := Render(j, inPlace)
		if err != nil {
			t.Fatal(err)
		}
		for name, w := range want {
			if !bytes.Equal(got[name], w) {
				t.Errorf("round %d: %s differs from the side bar written in place", round, name)
			}
			if strings.HasSuffix(name, ".html") {
				pages++
			}
		}
		if len(got) != len(want) {
			t.Errorf("round %d: %d files, want %d", round, len(got), len(want))
		}
	}
	if pages < 40 {
		t.Fatalf("only %d pages: the test proves little", pages)
	}
}

// TestEscapeSegments: a path is escaped segment by segment, '/' kept; one
// that needs nothing escaped comes back as it is.
func TestEscapeSegments(t *testing.T) {
	slow := func(p string) string {
		parts := strings.Split(p, "/")
		for i, s := range parts {
			parts[i] = url.PathEscape(s)
		}
		return strings.Join(parts, "/")
	}
	for _, p := range []string{"", "posts/a.html", "contacts/ana-lima_2.html", "posts/~x.html", "events/2026 kickoff.html",
		"posts/caf\u00e9.html", "posts/a#b?.html", "posts/50%.html", "tags/c++.html", "posts/a:b;c=d@e$f&g,h.html", "//x//"} {
		if got, want := escape(p), slow(p); got != want {
			t.Errorf("escape(%q) = %q, want %q", p, got, want)
		}
	}
}

func FuzzEscape(f *testing.F) {
	f.Add("posts/a b.html")
	f.Fuzz(func(t *testing.T, p string) {
		parts := strings.Split(p, "/")
		for i, s := range parts {
			parts[i] = url.PathEscape(s)
		}
		if got, want := escape(p), strings.Join(parts, "/"); got != want {
			t.Errorf("escape(%q) = %q, want %q", p, got, want)
		}
	})
}

// TestBodyNotReadBackFailsItsPage: in a render that keeps nothing, a
// body whose prepared form the cache lost, and whose file changed since
// its text was let go, fails the render at the body's first line: its
// page is never shown with another body, or none, in silence.
func TestBodyNotReadBackFailsItsPage(t *testing.T) {
	fsys := siteFS(t, "testdata/site.txtar")
	disk := func() *diskcache.Cache {
		d, err := diskcache.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	md := markdown.New()
	md.UseDisk(disk())
	md.Once()
	changed := false
	s, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	j, err := journal.Build(s, md, journal.Options{Now: now, Reread: func(path string) (string, error) {
		body, err := content.ReadBody(fsys, path)
		if changed {
			body += "\nChanged.\n"
		}
		return body, err
	}})
	if err != nil {
		t.Fatal(err)
	}
	md.UseDisk(disk()) // the cache lost every body
	changed = true
	var c Cache
	c.Once()
	err = c.RenderWith(j, themes.Default(), Options{}, page.NewSite(page.Into(map[string][]byte{})))
	if err == nil {
		t.Fatal("the render did not fail")
	}
	for n := range j.Nodes() {
		if n.Source().Blank() {
			continue
		}
		want := fmt.Sprintf("%s:%d: the body could not be read back: its file changed during the build", n.Doc().Path, n.Doc().BodyLine)
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in\n%v", want, err)
		}
	}
}

// TestStaticOverGeneratedFile: a theme's static file where the wiki
// writes a page, its search index or a part of it is an error, never an
// overwrite either way.
func TestStaticOverGeneratedFile(t *testing.T) {
	j := site(t, "testdata/site.txtar")
	for _, name := range []string{"contacts/index.html", "search-index.js", "search/0123456789abcdef.js"} {
		theme, err := themes.Load(fstest.MapFS{"themes/mine/wiki/static/" + name: {Data: []byte("mine")}}, "mine")
		if err != nil {
			t.Fatal(err)
		}
		err = new(Cache).RenderWith(j, theme, Options{}, page.NewSite(page.Into(map[string][]byte{})))
		if err == nil || !strings.Contains(err.Error(), "wiki/static/"+name+" would replace a generated page") {
			t.Errorf("a static %s: %v", name, err)
		}
	}
}

// TestPostRelativeLinksUnderBasePath: a post's links relative to its page
// lead in the wiki where they lead on the blog, under the site's base
// path (/blog/posts/p/): ../x/ to /blog/posts/x/, and one that climbs out
// of the base path to the host's root, as a browser on the blog takes it;
// those of its raw HTML too (<img src="raw.png" width="30">).
func TestPostRelativeLinksUnderBasePath(t *testing.T) {
	j := build(t, fstest.MapFS{
		"netjournal.yaml":       {Data: []byte("title: T\nbase_url: https://example.com/blog/\n")},
		"content/posts/p.md":    {Data: []byte("---\ntitle: P\ndate: 2026-01-01\n---\n[next](../x/) ![pic](pic.png) [out](../../../y/) [root](/z/)\n\n<img src=\"raw.png\" width=\"30\"> <a href=\"../x/#top\">x</a> <a href=\"doc.html?a=1&amp;copy=2\">d</a>\n")},
		"content/posts/x.md":    {Data: []byte("---\ntitle: X\ndate: 2026-01-02\n---\nX.\n")},
		"content/contacts/a.md": {Data: []byte("---\nname: A\n---\n")},
	})
	page := string(render(t, j)["posts/p.html"])
	for _, href := range []string{
		`href="https://example.com/blog/posts/x/"`,
		`src="https://example.com/blog/posts/p/pic.png"`,
		`href="https://example.com/y/"`,
		`href="https://example.com/blog/z/"`,
		`<img src="https://example.com/blog/posts/p/raw.png" width="30">`,
		`<a href="https://example.com/blog/posts/x/#top">`,
		`<a href="https://example.com/blog/posts/p/doc.html?a=1&amp;copy=2">`,
	} {
		if !strings.Contains(page, href) {
			t.Errorf("no %s in the wiki's page of the post", href)
		}
	}
}

// A page's links climb one folder for each of its path's, however deep.
func TestPageURLClimbs(t *testing.T) {
	for depth := range 8 {
		p := &Page{Path: strings.Repeat("f/", depth) + "x.html"}
		want := strings.Repeat("../", depth) + "contacts/ana.html"
		if got := p.URL("contacts/ana.html"); got != want {
			t.Errorf("from %s: %q, want %q", p.Path, got, want)
		}
	}
}
