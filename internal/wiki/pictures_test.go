package wiki

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/netjournal/netjournal/internal/blog"
	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/themes"
)

// denseSite is a busy network: n contacts, events of two to six people
// over the two years before the tests' clock, a few hubs at many of them,
// and introductions. A fixed generator makes it the same on every run.
func denseSite(n, events int) fstest.MapFS {
	state := uint64(7)
	next := func(k int) int { // splitmix64
		state += 0x9e3779b97f4a7c15
		z := state
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		z ^= z >> 31
		return int(z % uint64(k))
	}
	first := []string{"Ana", "Bruno", "Carla", "Diogo", "Elena", "Filipa", "Gustavo", "Helena", "Inês", "Jorge",
		"Kai", "Leonor", "Miguel", "Nuno", "Olga", "Pedro", "Quim", "Rita", "Sara", "Tiago", "Ursula", "Vasco", "Wen", "Xavier"}
	last := []string{"Almeida", "Barros", "Carvalho", "Duarte", "Esteves", "Fonseca", "Gomes", "Henriques", "Irwin",
		"Jardim", "Kowalski", "Lopes", "Moreira", "Nogueira", "Oliveira", "Pereira", "Quaresma", "Ribeiro"}
	circles := []string{"core", "active", "active", "dormant", "dormant", ""}
	fsys := fstest.MapFS{
		"netjournal.yaml": {Data: []byte("title: Dense\nbase_url: https://example.com/\n" +
			"circles:\n  core:\n    cadence: 1m\n  active:\n    cadence: 3m\n  dormant:\n    cadence: 1y\n")},
	}
	slug := func(i int) string { return fmt.Sprintf("p%03d", i) }
	for i := 0; i < n; i++ {
		var fm strings.Builder
		fmt.Fprintf(&fm, "---\nname: %s %s %d\ncompany: Company %d\n", first[i%len(first)], last[(i*7)%len(last)], i, i%9)
		if c := circles[next(len(circles))]; c != "" {
			fmt.Fprintf(&fm, "circle: %s\n", c)
		}
		if i > 0 && next(5) == 0 {
			fmt.Fprintf(&fm, "met:\n  introduced_by: %s\n", slug(next(i)))
		}
		fm.WriteString("---\n")
		fsys["content/contacts/"+slug(i)+".md"] = &fstest.MapFile{Data: []byte(fm.String())}
	}
	for e := 0; e < events; e++ {
		size := 2 + next(5)
		seen := map[int]bool{}
		var with []string
		for len(with) < size {
			p := next(n) * next(n) / n // favours low numbers: the hubs
			if !seen[p] {
				seen[p] = true
				with = append(with, slug(p))
			}
		}
		date := now.AddDate(0, 0, -next(730))
		fsys[fmt.Sprintf("content/events/e%03d.md", e)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Event %d\ndate: %s\nwith: [%s]\n---\n", e, date.Format(time.DateOnly), strings.Join(with, ", ")))}
	}
	return fsys
}

// circle is a node drawn in a graph's SVG.
type circle struct {
	x, y, r float64
	href    string
	label   string
	lines   int // lines that end at its centre
}

// graphs returns the nodes of each network drawing on a page, by class
// ("graph-wide", "graph-narrow", "graph-one").
func graphs(t *testing.T, page []byte) map[string][]circle {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]circle{}
	ends := map[string][][2]float64{} // lines' ends, by class
	attr := func(n *html.Node, key string) string {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val
			}
		}
		return ""
	}
	num := func(n *html.Node, key string) float64 {
		f, err := strconv.ParseFloat(attr(n, key), 64)
		if err != nil {
			t.Fatalf("%s=%q: %v", key, attr(n, key), err)
		}
		return f
	}
	var walk func(n *html.Node, class string)
	walk = func(n *html.Node, class string) {
		if n.Type == html.ElementNode && n.Data == "svg" && strings.HasPrefix(attr(n, "class"), "graph ") {
			class = strings.TrimPrefix(attr(n, "class"), "graph ")
			out[class] = out[class][:0:0]
		}
		if n.Type == html.ElementNode && n.Data == "a" && class != "" {
			c := circle{href: attr(n, "href")}
			for k := n.FirstChild; k != nil; k = k.NextSibling {
				if k.Type != html.ElementNode {
					continue
				}
				switch {
				case k.Data == "circle" && attr(k, "class") == "":
					c.x, c.y, c.r = num(k, "cx"), num(k, "cy"), num(k, "r")
				case k.Data == "text" && k.FirstChild != nil:
					c.label = k.FirstChild.Data
				}
			}
			out[class] = append(out[class], c)
		}
		if n.Type == html.ElementNode && n.Data == "line" && class != "" {
			ends[class] = append(ends[class], [2]float64{num(n, "x1"), num(n, "y1")}, [2]float64{num(n, "x2"), num(n, "y2")})
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k, class)
		}
	}
	walk(doc, "")
	for class, nodes := range out {
		for i := range nodes {
			for _, e := range ends[class] {
				if e == [2]float64{nodes[i].x, nodes[i].y} {
					nodes[i].lines++
				}
			}
		}
	}
	return out
}

func TestNetworkDense(t *testing.T) {
	j := build(t, denseSite(150, 260))
	out := render(t, j)
	page := out["network.html"]
	drawn := graphs(t, page)
	if len(drawn) != 2 {
		t.Fatalf("network.html: want a wide and a narrow drawing, got %d", len(drawn))
	}
	for class, nodes := range drawn {
		if len(nodes) != networkCap {
			t.Errorf("%s: %d nodes drawn, want the cap %d", class, len(nodes), networkCap)
		}
		for a := range nodes {
			for b := a + 1; b < len(nodes); b++ {
				p, q := nodes[a], nodes[b]
				if d := math.Hypot(p.x-q.x, p.y-q.y); d < p.r+q.r {
					t.Errorf("%s: %s and %s overlap: %.1f apart, radii %.1f and %.1f", class, p.label, q.label, d, p.r, q.r)
				}
				// Labels sit under their circles, about 12 px tall.
				wp, wq := textWidth(p.label, labelSize), textWidth(q.label, labelSize)
				if math.Abs(p.x-q.x) < (wp+wq)/2 && math.Abs((p.y+p.r+10)-(q.y+q.r+10)) < labelSize {
					t.Errorf("%s: labels %q and %q overlap", class, p.label, q.label)
				}
			}
			if !strings.HasPrefix(nodes[a].href, "contacts/") {
				t.Errorf("%s: node %s links to %q", class, nodes[a].label, nodes[a].href)
			}
			if nodes[a].lines == 0 {
				t.Errorf("%s: %s is drawn without a line", class, nodes[a].label)
			}
		}
	}
	// The people linked to no one are listed, not drawn or counted in
	// "and N more".
	var linked int
	for _, c := range j.Contacts {
		if len(renderOf(j).network().near[c]) > 0 {
			linked++
		}
	}
	if linked == len(j.Contacts) || linked <= networkCap {
		t.Fatalf("%d of %d contacts are linked: the fixture needs some unlinked and more than %d linked", linked, len(j.Contacts), networkCap)
	}
	more := fmt.Sprintf("and %d more not drawn", linked-networkCap)
	if got := text(t, section(t, page, "graph")); !strings.Contains(got, more) {
		t.Errorf("network.html: want %q in %q", more, got)
	}
	// The busiest contact knows more people than a neighbourhood shows.
	hub := j.Contact("p000")
	if k := len(renderOf(j).network().near[hub]); k <= neighbourCap {
		t.Fatalf("p000 is linked to %d people: the fixture needs more than %d", k, neighbourCap)
	}
	contact := out["contacts/p000.html"]
	for class, nodes := range graphs(t, contact) {
		if len(nodes) != neighbourCap+1 {
			t.Errorf("contacts/p000.html %s: %d nodes, want %d", class, len(nodes), neighbourCap+1)
		}
	}
	more = fmt.Sprintf("and %d more not drawn", len(renderOf(j).network().near[hub])-neighbourCap)
	if got := text(t, section(t, contact, "s-network")); !strings.Contains(got, more) {
		t.Errorf("contacts/p000.html: want %q in %q", more, got)
	}
	checkLinks(t, "dense", out)
	again := render(t, build(t, denseSite(150, 260)))
	for p := range out {
		if !bytes.Equal(out[p], again[p]) {
			t.Errorf("dense: %s differs between two renders", p)
		}
	}
}

// TestNetworkLinked checks who network.html draws: everyone linked to
// someone, a pair linked only to each other included, and no one linked
// to no one, who is listed instead.
func TestNetworkLinked(t *testing.T) {
	fsys := fstest.MapFS{
		"netjournal.yaml": {Data: []byte("title: T\nbase_url: https://example.com/\n")},
	}
	person := func(slug, name, extra string) {
		fsys["content/contacts/"+slug+".md"] = &fstest.MapFile{Data: []byte("---\nname: " + name + "\n" + extra + "---\n")}
	}
	event := func(slug string, with ...string) {
		fsys["content/events/"+slug+".md"] = &fstest.MapFile{Data: []byte(
			"---\ntitle: " + slug + "\ndate: 2026-01-10\nwith: [" + strings.Join(with, ", ") + "]\n---\n")}
	}
	// Four in a chain, Ana who introduced Sofia, and two on their own
	// (one at an event alone).
	for _, p := range [][2]string{{"mei", "Mei Chen"}, {"kwame", "Kwame Mensah"}, {"priya", "Priya Raman"}, {"joao", "João Santos"}, {"ana", "Ana Lima"}, {"carla", "Carla Duarte"}, {"felix", "Felix Brandt"}} {
		person(p[0], p[1], "")
	}
	person("sofia", "Sofia Almeida", "met:\n  introduced_by: ana\n")
	event("a", "mei", "kwame")
	event("b", "kwame", "priya")
	event("c", "priya", "joao")
	event("d", "felix")
	page := render(t, build(t, fsys))["network.html"]
	drawn := graphs(t, page)
	if len(drawn) == 0 {
		t.Fatal("network.html: no drawing")
	}
	want := "Ana Lima, João Santos, Kwame Mensah, Mei Chen, Priya Raman, Sofia Almeida"
	for class, nodes := range drawn {
		var names []string
		for _, n := range nodes {
			names = append(names, n.label)
			if n.lines == 0 {
				t.Errorf("%s: %s is drawn without a line", class, n.label)
			}
		}
		sort.Strings(names)
		if got := strings.Join(names, ", "); got != want {
			t.Errorf("%s: drawn %s, want %s", class, got, want)
		}
	}
	if got := text(t, section(t, page, "alone")); !strings.Contains(got, "Carla Duarte") || !strings.Contains(got, "Felix Brandt") {
		t.Errorf("#alone: want Carla and Felix listed, got %q", got)
	}
	if got := text(t, page); !strings.Contains(got, "8 contacts · 4 links") {
		t.Errorf("network.html: want everyone counted in the lede, got %q", got)
	}

	// With no one linked there is nothing to draw.
	delete(fsys, "content/contacts/sofia.md")
	for _, e := range []string{"a", "b", "c"} {
		delete(fsys, "content/events/"+e+".md")
	}
	page = render(t, build(t, fsys))["network.html"]
	if len(graphs(t, page)) != 0 {
		t.Errorf("network.html: a drawing with no one linked")
	}
	if got := text(t, section(t, page, "graph")); !strings.Contains(got, "No one is linked yet") {
		t.Errorf("#graph: want the empty state, got %q", got)
	}
}

// TestPick checks that a capped network leaves out someone whose links all
// go to people left out, and takes the next person linked to those drawn.
func TestPick(t *testing.T) {
	fsys := fstest.MapFS{
		"netjournal.yaml": {Data: []byte("title: T\nbase_url: https://example.com/\n")},
	}
	for _, c := range []string{"a", "b", "c", "d", "e"} {
		fsys["content/contacts/"+c+".md"] = &fstest.MapFile{Data: []byte("---\nname: " + strings.ToUpper(c) + "\n---\n")}
	}
	for slug, with := range map[string]string{"ab": "a, b", "ad": "a, d", "ce": "c, e"} {
		fsys["content/events/"+slug+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + slug + "\ndate: 2026-01-10\nwith: [" + with + "]\n---\n")}
	}
	j := build(t, fsys)
	r := renderOf(j)
	var cs []*journal.Contact
	for _, s := range []string{"a", "b", "c", "d", "e"} { // best known first
		cs = append(cs, j.Contact(s))
	}
	names := func(cs []*journal.Contact) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return strings.Join(out, " ")
	}
	for _, tt := range []struct {
		max     int
		in, out string
	}{
		{5, "A B C D E", ""},
		{3, "A B D", "C E"}, // C's only link is to E, who is left out
		{4, "A B D", "C E"}, // nor does E, linked to C only
	} {
		in, out := pick(cs, tt.max, r.network())
		if names(in) != tt.in || names(out) != tt.out {
			t.Errorf("pick %d: drawn %q, left out %q; want %q and %q", tt.max, names(in), names(out), tt.in, tt.out)
		}
	}
}

// TestNarrowBelow checks that wiki.css switches to the narrow drawing at
// every width below() can name, and that there the wide drawing's labels
// are still 11 px or more.
func TestNarrowBelow(t *testing.T) {
	css := render(t, build(t, fstest.MapFS{
		"netjournal.yaml": {Data: []byte("title: T\nbase_url: https://example.com/\n")},
	}))["wiki.css"]
	for _, w := range []struct{ narrow, wide float64 }{{networkNarrow, networkWide}, {localNarrow, localWide}} {
		// A wide drawing is wider than the narrow one, or there is none.
		for tenth := int(w.narrow*10) + 1; tenth <= int(w.wide*10); tenth++ {
			width := float64(tenth) / 10
			n := below(width)
			if label := labelSize * float64(n) / width; label < 11-1e-9 {
				t.Fatalf("a %.1f px drawing in a %d px figure: labels %.2f px", width, n, label)
			}
			rule := fmt.Sprintf("@container (max-width: %.2fpx) { .narrow-below-%d > .graph-wide { display: none; } .narrow-below-%d > .graph-narrow { display: block; } }", float64(n)-0.02, n, n)
			if !bytes.Contains(css, []byte(rule)) {
				t.Fatalf("a %.1f px drawing: wiki.css has no rule %s", width, rule)
			}
		}
	}
	if below(330.1) != 350 || below(600) != 550 || below(760) != 700 {
		t.Errorf("below(330.1) = %d, below(600) = %d, below(760) = %d: want 350, 550 and 700", below(330.1), below(600), below(760))
	}
}

// renderOf returns a renderer of j, for tests of what it computes.
func renderOf(j *journal.Journal) *renderer {
	return &renderer{j: j, out: page.NewSite(page.Into(map[string][]byte{}))}
}

func TestNeighbourhood(t *testing.T) {
	out := render(t, site(t, "testdata/site.txtar"))
	// Ana met João at an event and was introduced by him; the summit with
	// Dora and Zoë is a plan, so it links no one yet.
	ana := graphs(t, out["contacts/ana-lima.html"])
	for class, nodes := range ana {
		var names []string
		for _, n := range nodes {
			names = append(names, n.label)
		}
		if got := strings.Join(names, ", "); got != "Ana Lima, João Santos" {
			t.Errorf("ana-lima %s: nodes %q, want Ana and João", class, got)
		}
	}
	page := out["contacts/ana-lima.html"]
	if !bytes.Contains(page, []byte(`class="edge intro"`)) {
		t.Errorf("ana-lima: the introduction is not drawn as one")
	}
	if got := text(t, section(t, out["contacts/bea-costa.html"], "s-network")); !strings.Contains(got, "No one else was at an event with Bea Costa yet") {
		t.Errorf("bea-costa: want the empty state, got %q", got)
	}
	if !bytes.Contains(page, []byte(`aria-label="João Santos · active · 2 interactions · linked to 1 person"`)) {
		t.Errorf("ana-lima: a node's label does not say who it is")
	}
}

func TestStrip(t *testing.T) {
	j := build(t, fstest.MapFS{
		"netjournal.yaml":         {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"content/contacts/kim.md": {Data: []byte("---\nname: Kim Park\n---\n")},
		"content/events/a.md":     {Data: []byte("---\ntitle: Too old\ndate: 2024-03-31\nwith: [kim]\n---\n")},
		"content/events/b.md":     {Data: []byte("---\ntitle: First in window\ndate: 2024-04-01\nwith: [kim]\n---\n")},
		"content/events/c.md":     {Data: []byte("---\ntitle: Two in June\ndate: 2025-06-03\nwith: [kim]\n---\n")},
		"content/events/d.md":     {Data: []byte("---\ntitle: Two in June, again\ndate: 2025-06-28\nwith: [kim]\n---\n")},
		"content/events/e.md":     {Data: []byte("---\ntitle: Earlier this month\ndate: 2026-03-02\nwith: [kim]\n---\n")},
		"content/events/f.md":     {Data: []byte("---\ntitle: Later this month\ndate: 2026-03-20\nwith: [kim]\n---\n")},
		"content/events/g.md":     {Data: []byte("---\ntitle: Next month\ndate: 2026-04-09\nwith: [kim]\n---\n")},
	})
	s := renderOf(j).strip(j.Contact("kim"))
	if len(s.Months) != 24 {
		t.Fatalf("%d months, want 24", len(s.Months))
	}
	if got, want := s.Months[0].Month.Format("2006-01"), "2024-04"; got != want {
		t.Errorf("first month %s, want %s", got, want)
	}
	if got, want := s.Months[23].Month.Format("2006-01"), "2026-03"; got != want || !s.Months[23].Now {
		t.Errorf("last month %s (now %v), want %s, this month", got, s.Months[23].Now, want)
	}
	counts := map[string][2]int{}
	for _, m := range s.Months {
		if m.Past+m.Planned > 0 {
			counts[m.Month.Format("2006-01")] = [2]int{m.Past, m.Planned}
		}
	}
	want := map[string][2]int{"2024-04": {1, 0}, "2025-06": {2, 0}, "2026-03": {1, 1}}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("past and planned by month: %v, want %v", counts, want)
	}
	if s.Past != 4 || s.Planned != 1 || len(s.Later) != 1 || s.Later[0].Title != "Next month" {
		t.Errorf("past %d, planned %d, later %v: want 4, 1 and the plan for next month", s.Past, s.Planned, s.Later)
	}
	if m := s.Months[14]; m.Title != "June 2025: 2 events" || m.Level != 2 || m.BarH <= s.Months[0].BarH {
		t.Errorf("June 2025: %q level %d height %v: want 2 events, shade 2, taller than a month with one", m.Title, m.Level, m.BarH)
	}
	if m := s.Months[23]; m.Title != "March 2026: 1 event, 1 planned" || m.PlanY >= m.BarY {
		t.Errorf("March 2026: %q, plan at %v, bar at %v: want the plan drawn above the bar", m.Title, m.PlanY, m.BarY)
	}
	want2 := "Interactions with Kim Park per month, April 2024 to March 2026: 4 events in 3 months; 2 plans ahead."
	if s.Label != want2 {
		t.Errorf("label %q, want %q", s.Label, want2)
	}
	page := render(t, j)["contacts/kim.html"]
	for _, w := range []string{`aria-label="` + want2 + `"`, "<title>June 2025: 2 events</title>", `<time datetime="2026-04-09">9 Apr 2026</time>`} {
		if !bytes.Contains(page, []byte(w)) {
			t.Errorf("contacts/kim.html: want %s", w)
		}
	}
}

func TestHealth(t *testing.T) {
	out := render(t, site(t, "testdata/site.txtar"))
	page := out["index.html"]
	// On 16 March: Ana's last contact was 10 January, over two monthly
	// cadences; Bea was never contacted; João called on 1 March; Dora's
	// only event is a plan; Carlos and Zoë have no circle and no events.
	for _, w := range []string{
		`aria-label="core, 2 contacts: 1 over 2 cadences, 1 never"`,
		`aria-label="active, 1 contact: 1 within cadence"`,
		`aria-label="dormant, 1 contact: 1 never"`,
		`aria-label="No circle, 2 contacts: 2 never"`,
		`<title>Over 2 cadences: 1 more than two cadences since last contact — Ana Lima</title>`,
	} {
		if !bytes.Contains(page, []byte(w)) {
			t.Errorf("index.html: want %s", w)
		}
	}
	got := text(t, section(t, page, "health"))
	for _, w := range []string{"1 of 6 contacts within their cadence", "Within cadence", "Over 2 cadences", "Never", "core 2", "No circle 2"} {
		if !strings.Contains(got, w) {
			t.Errorf("#health: want %q in %q", w, got)
		}
	}
	if strings.Contains(got, "1–2 cadences") {
		t.Errorf("#health: a band no one is in is in the legend: %q", got)
	}
	j := site(t, "testdata/site.txtar")
	for slug, want := range map[string]string{
		"ana-lima": "lapsed", "joao-santos": "ok", "bea-costa": "never", "carlos-mendes": "never", "zoe-ng": "never",
	} {
		if got := renderOf(j).band(j.Contact(slug)).Key; got != want {
			t.Errorf("%s: band %s, want %s", slug, got, want)
		}
	}
}

// TestBands checks the edges of the recency bands.
func TestBands(t *testing.T) {
	for _, tt := range []struct {
		last string
		want string
	}{
		{"2026-02-16", "ok"},     // exactly one cadence ago: due today
		{"2026-02-15", "late"},   // a day over
		{"2026-01-16", "late"},   // exactly two cadences
		{"2026-01-15", "lapsed"}, // a day over two
	} {
		j := build(t, fstest.MapFS{
			"netjournal.yaml":         {Data: []byte("title: T\nbase_url: https://example.com/\n")},
			"content/contacts/kim.md": {Data: []byte("---\nname: Kim\ncadence: 1m\n---\n")},
			"content/events/a.md":     {Data: []byte("---\ntitle: A\ndate: " + tt.last + "\nwith: [kim]\n---\n")},
		})
		if got := renderOf(j).band(j.Contact("kim")).Key; got != tt.want {
			t.Errorf("last contact %s, cadence 1 month, today 2026-03-16: band %s, want %s", tt.last, got, tt.want)
		}
	}
}

var indexPrefix = regexp.MustCompile(`(?s)^// [^\n]*\nwindow\.netjournalSearch = (.*);\n$`)

func TestSearchIndex(t *testing.T) {
	j := site(t, "testdata/site.txtar")
	out := render(t, j)
	js, ok := out["search-index.js"]
	if !ok {
		t.Fatal("no search-index.js")
	}
	m := indexPrefix.FindSubmatch(js)
	if m == nil {
		t.Fatalf("search-index.js does not assign the index: %.200s", js)
	}
	var docs []SearchDoc
	if err := json.Unmarshal(m[1], &docs); err != nil {
		t.Fatal(err)
	}
	byURL := map[string]SearchDoc{}
	for _, d := range docs {
		byURL[d.URL] = d
		if _, ok := out[unescape(t, d.URL)]; !ok {
			t.Errorf("index entry %q links to %s, which is not generated", d.Title, d.URL)
		}
	}
	if n := len(j.Contacts) + len(j.Events) + len(j.Posts); len(docs) != n {
		t.Errorf("%d documents in the index, want %d", len(docs), n)
	}
	ana := byURL["contacts/ana-lima.html"]
	if ana.Kind != "contact" || ana.Title != "Ana Lima" || strings.Join(ana.Aliases, ",") != "Ana" || ana.Company != "Acme" ||
		strings.Join(ana.Tags, ",") != "mentor,lisbon" || ana.Hue != "hue-0" {
		t.Errorf("ana-lima in the index: %+v", ana)
	}
	if !strings.Contains(ana.Notes, "Ana runs the platform team at Acme. João Santos introduced us") {
		t.Errorf("ana-lima's notes, with the wikilink as its title: %q", ana.Notes)
	}
	if zoe := byURL["contacts/zoe-ng.html"]; zoe.Title != "Zoë Ng" {
		t.Errorf("a slug with a space is not escaped in the index: %+v", byURL)
	}
	if ev := byURL["events/2026-04-02-summit.html"]; ev.Sub != "2 Apr 2026 · conference · plan" || !strings.Contains(ev.Other, "Dora Silva, Ana Lima, Zoë Ng") {
		t.Errorf("summit in the index: %+v", ev)
	}
	// What was promised and given is found: "what did I promise Ana?"
	var others []string
	for _, d := range docs {
		if d.Kind == "event" {
			others = append(others, d.Other)
		}
	}
	for _, w := range []string{"Send the consensus reading list", "Reviewed her promotion case", "Introduction to Ana"} {
		if !strings.Contains(strings.Join(others, "\n"), w) {
			t.Errorf("no event in the index holds %q", w)
		}
	}
	if p := byURL["posts/half-baked.html"]; p.Sub != "10 Mar 2026 · draft" {
		t.Errorf("a draft in the index: %+v", p)
	}
	// Every page has the box and loads the script from its own depth.
	for p, b := range out {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		up := strings.Repeat("../", strings.Count(p, "/"))
		for _, w := range []string{`<form class="search" role="search" action="` + up + `contacts/index.html" data-root="` + up + `">`,
			`<script src="` + up + `search.js" defer></script>`} {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s: want %s", p, w)
			}
		}
	}

	// Nothing of the pictures or the search reaches the public site.
	pub, err := j.Public()
	if err != nil {
		t.Fatal(err)
	}
	public, err := blog.Render(pub, themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range public {
		for _, name := range []string{"search-index.js", "search.js", "network.html"} {
			if strings.HasSuffix(p, name) {
				t.Errorf("public/%s is a wiki file", p)
			}
		}
		for _, w := range []string{"netjournalSearch", "search-index", "search.js", "Acme", "class=\"graph", "health-bar", "strip-svg"} {
			if bytes.Contains(b, []byte(w)) {
				t.Errorf("public/%s holds %q", p, w)
			}
		}
	}
}

func unescape(t *testing.T, p string) string {
	t.Helper()
	var parts []string
	for _, s := range strings.Split(p, "/") {
		u, err := url.PathUnescape(s)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, u)
	}
	return strings.Join(parts, "/")
}

// TestSearchIndexKeptOnDisk: a render that keeps nothing, with a cache on
// disk, keeps each search entry there from its page to the index, and
// makes the same index as a render in memory; so does a site with no
// document at all.
func TestSearchIndexKeptOnDisk(t *testing.T) {
	for _, j := range []*journal.Journal{
		site(t, "testdata/site.txtar"),
		build(t, fstest.MapFS{"netjournal.yaml": {Data: []byte("title: Empty\nbase_url: https://example.com/\n")}}),
	} {
		want := render(t, j)["search-index.js"]
		d, err := diskcache.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		var c Cache
		c.pages.Disk = d // and not the graphs'
		c.Once()
		got := map[string][]byte{}
		if err := c.RenderWith(j, themes.Default(), Options{}, page.NewSite(page.Into(got))); err != nil {
			t.Fatal(err)
		}
		// The entry of every document with a body went to the disk (and
		// nothing else did).
		bodies := 0
		for n := range j.Nodes() {
			if !n.Source().Blank() {
				bodies++
			}
		}
		if onDisk := d.Len(); onDisk != bodies {
			t.Errorf("%d search entries went to the disk, want %d", onDisk, bodies)
		}
		d.Close()
		if string(got["search-index.js"]) != string(want) {
			t.Errorf("kept on disk, the index is\n%.300s\nwant\n%.300s", got["search-index.js"], want)
		}
		if len(j.Contacts)+len(j.Posts) == 0 && !indexPrefix.Match(want) {
			t.Errorf("the empty index is %q", want)
		}
	}
}

// TestSearchPartsKeptByKey: a render that keeps nothing hands each part
// of the search index to its output by a key of the part's entries, and
// an output that has the part of that key keeps it unread: a render of
// the same site writes no part, and one after an edit writes the part
// with it alone, for an edited body as for a contact without one (whose
// entry is made with its page, not kept on the disk). The parts are
// those a render in memory makes.
func TestSearchPartsKeptByKey(t *testing.T) {
	fsys := fstest.MapFS{"netjournal.yaml": {Data: []byte("title: Parts\nbase_url: https://example.com/\n")}}
	contact := func(i int, location string) {
		body := fmt.Sprintf("Notes on %d.\n", i)
		if i%3 == 0 {
			body = ""
		}
		fsys[fmt.Sprintf("content/contacts/c-%04d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\nname: Contact %04d\nlocation: %s\n---\n%s", i, location, body))}
	}
	for i := range 1500 {
		contact(i, "Lisbon")
	}
	d, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	isSearch := func(file string) bool { return file == searchIndex || strings.HasPrefix(file, "search/") }
	files := map[string][]byte{} // the output, as a build's staging keeps it
	keys := map[string]page.Key{}
	var mu sync.Mutex // pages are put on every core
	renderOnce := func() (written []string) {
		t.Helper()
		put := func(file string, key page.Key, b []byte) {
			files[file], keys[file] = bytes.Clone(b), key
			if isSearch(file) {
				written = append(written, file)
			}
		}
		keyed := func(file string, key page.Key, data func() ([]byte, error), write func(io.Writer) error) error {
			mu.Lock()
			defer mu.Unlock()
			if key != (page.Key{}) && keys[file] == key {
				return nil // kept, unread
			}
			b, err := data()
			if errors.Is(err, page.ErrBig) {
				var buf bytes.Buffer
				err = write(&buf)
				b = buf.Bytes()
			}
			if err != nil {
				return err
			}
			put(file, key, b)
			return nil
		}
		from := func(file string, write func(io.Writer) error) error {
			mu.Lock()
			defer mu.Unlock()
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				return err
			}
			put(file, page.Key{}, buf.Bytes())
			return nil
		}
		sink := func(file string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			put(file, page.Key{}, data)
			return nil
		}
		var c Cache
		c.pages.Disk = d
		c.Once()
		if err := c.RenderWith(build(t, fsys), themes.Default(), Options{}, page.NewKeyedSite(sink, keyed, from)); err != nil {
			t.Fatal(err)
		}
		for name, want := range render(t, build(t, fsys)) {
			if isSearch(name) && !bytes.Equal(files[name], want) {
				t.Errorf("%s differs from a render in memory's", name)
			}
		}
		return written
	}
	if written := renderOnce(); len(written) < 3 {
		t.Fatalf("the index in %d parts: the test proves nothing", len(written))
	}
	if written := renderOnce(); len(written) > 0 {
		t.Errorf("the same site wrote again %v", written)
	}
	// A new place, as long as the old one: the entry's length the same.
	contact(700, "Berlin") // a contact with a body
	if written := renderOnce(); len(written) != 1 {
		t.Errorf("an edit of a contact wrote %v, want its part alone", written)
	}
	contact(900, "Berlin") // one without
	if written := renderOnce(); len(written) != 1 {
		t.Errorf("an edit of a contact without a body wrote %v, want its part alone", written)
	}
}

// TestSearchEntriesMadeOnce: an entry the disk holds from the last
// render is not made again, and one whose notes show a title that changed
// is: the index is what a render in memory makes.
func TestSearchEntriesMadeOnce(t *testing.T) {
	var made atomic.Int64 // entries are made on every core
	defer func(e func(*bytes.Buffer, SearchDoc) ([]byte, error)) { encodeEntry = e }(encodeEntry)
	encode := encodeEntry
	encodeEntry = func(buf *bytes.Buffer, doc SearchDoc) ([]byte, error) {
		made.Add(1)
		return encode(buf, doc)
	}
	fsys := siteFS(t, "testdata/site.txtar")
	d, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	renderOnce := func(j *journal.Journal) []byte {
		var c Cache
		c.pages.Disk = d
		c.Once()
		got := map[string][]byte{}
		if err := c.RenderWith(j, themes.Default(), Options{}, page.NewSite(page.Into(got))); err != nil {
			t.Fatal(err)
		}
		if want := render(t, j)["search-index.js"]; !bytes.Equal(got["search-index.js"], want) {
			t.Errorf("the index is\n%.300s\nwant\n%.300s", got["search-index.js"], want)
		}
		return got["search-index.js"]
	}
	renderOnce(build(t, fsys))
	first := made.Load()
	if first == 0 {
		t.Fatal("no entry made")
	}
	renderOnce(build(t, fsys))
	if made.Load() != first {
		t.Errorf("the same site made %d entries again", made.Load()-first)
	}
	// Ana Lima's new name shows in the notes of the event that links her.
	ana := fsys["content/contacts/ana-lima.md"]
	fsys["content/contacts/ana-lima.md"] = &fstest.MapFile{Data: bytes.Replace(ana.Data, []byte("name: Ana Lima"), []byte("name: Ana Souza"), 1)}
	if index := renderOnce(build(t, fsys)); !bytes.Contains(index, []byte("Talked about Ana Souza")) {
		t.Errorf("the new name is not in the notes:\n%s", index)
	}
	if made.Load() == first {
		t.Error("no entry made again after a rename")
	}
}
