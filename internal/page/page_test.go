package page

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netjournal/netjournal/internal/digest"
	"github.com/netjournal/netjournal/internal/diskcache"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
)

type entry struct {
	Title string
	Date  time.Time
	Tags  []string
	HTML  template.HTML
	Next  *entry
	Meta  map[string]int
	Extra any
}

// TestKeySeesEverything: any change a template could show changes the key.
func TestKeySeesEverything(t *testing.T) {
	day := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	base := func() entry {
		return entry{Title: "a", Date: day, Tags: []string{"x", "y"}, HTML: "<p>b</p>", Next: &entry{Title: "n"}, Meta: map[string]int{"k": 1}, Extra: 3}
	}
	key := func(e entry) Key {
		k, err := KeyOf("theme", "post.html", e)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	want := key(base())
	if key(base()) != want {
		t.Fatal("the same data gave two keys")
	}
	if !Equal(base(), base()) {
		t.Fatal("Equal says the same data differs")
	}
	for name, change := range map[string]func(*entry){
		"title":             func(e *entry) { e.Title = "b" },
		"date":              func(e *entry) { e.Date = e.Date.Add(time.Nanosecond) },
		"zone":              func(e *entry) { e.Date = e.Date.In(time.FixedZone("X", 0)) },
		"offset":            func(e *entry) { e.Date = e.Date.In(time.FixedZone("UTC", 3600)) },
		"year":              func(e *entry) { e.Date = e.Date.AddDate(-400, 0, 0) },
		"tags split":        func(e *entry) { e.Tags = []string{"xy"} },
		"tags moved":        func(e *entry) { e.Tags = []string{"x", "", "y"} },
		"html":              func(e *entry) { e.HTML = "<p>c</p>" },
		"big html":          func(e *entry) { e.HTML = template.HTML(strings.Repeat("x", 5000)) },
		"pointer":           func(e *entry) { e.Next.Title = "m" },
		"nil pointer":       func(e *entry) { e.Next = nil },
		"map":               func(e *entry) { e.Meta["k"] = 2 },
		"interface value":   func(e *entry) { e.Extra = 4 },
		"interface type":    func(e *entry) { e.Extra = int64(3) },
		"title to the tags": func(e *entry) { e.Title, e.Tags = "", []string{"a", "x", "y"} },
	} {
		e := base()
		change(&e)
		if key(e) == want {
			t.Errorf("%s: the key did not change", name)
		}
		if Equal(base(), e) || Equal(e, base()) {
			t.Errorf("%s: Equal says the data is the same", name)
		}
	}
	// A big string is hashed on its own: one byte of it still counts,
	// with and without the digests remembered.
	big := func(c byte) entry {
		e := base()
		e.HTML = template.HTML(strings.Repeat("y", 4999) + string(c))
		return e
	}
	var memo digest.Memo
	for _, s := range []*digest.Memo{nil, &memo} {
		a, _, _ := keyOf("theme", "post.html", big('a'), nil, s)
		b, _, _ := keyOf("theme", "post.html", big('b'), nil, s)
		a2, _, _ := keyOf("theme", "post.html", big('a'), nil, s)
		if a == b || a != a2 {
			t.Errorf("big strings: a %x, b %x, a again %x", a[:4], b[:4], a2[:4])
		}
	}
	if k, _ := KeyOf("other theme", "post.html", base()); k == want {
		t.Error("another template set gave the same key")
	}
	if k, _ := KeyOf("theme", "other.html", base()); k == want {
		t.Error("another template gave the same key")
	}
}

// TestKeyRefusesWhatItCannotSee: data with a part the key cannot see is
// an error, not a key that might stay the same while the page changes.
func TestKeyRefusesWhatItCannotSee(t *testing.T) {
	type hidden struct {
		Shown  string
		hidden string
	}
	type cycle struct{ Next *cycle }
	c := &cycle{}
	c.Next = c
	for name, data := range map[string]any{
		"unexported field": hidden{"a", "b"},
		"func":             struct{ F func() }{func() {}},
		"channel":          struct{ C chan int }{make(chan int)},
		"cycle":            c,
	} {
		if _, err := KeyOf("t", "x.html", data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestCacheRendersWhatChanged: a second render executes only the pages
// whose data changed, and gives the same bytes as a first render.
func TestCacheRendersWhatChanged(t *testing.T) {
	tmpl := template.Must(template.New("p.html").Parse("{{.Title}}: {{range .Tags}}{{.}} {{end}}"))
	exec := func(w io.Writer, name string, data any) error { return tmpl.ExecuteTemplate(w, name, data) }
	jobs := func(titles ...string) []Job {
		var out []Job
		for i, title := range titles {
			out = append(out, Job{File: fmt.Sprintf("p%d.html", i), Template: "p.html", Data: entry{Title: title, Tags: []string{"t"}}})
		}
		return out
	}
	var c Cache
	out := map[string][]byte{}
	if err := c.Render("v1", jobs("a", "b", "c"), exec, NewSite(Into(out))); err != nil {
		t.Fatal(err)
	}
	if c.Rendered() != 3 || string(out["p1.html"]) != "b: t " {
		t.Fatalf("rendered %d, p1 = %q", c.Rendered(), out["p1.html"])
	}
	out = map[string][]byte{}
	if err := c.Render("v1", jobs("a", "B", "c"), exec, NewSite(Into(out))); err != nil {
		t.Fatal(err)
	}
	if c.Rendered() != 1 || string(out["p1.html"]) != "B: t " || string(out["p2.html"]) != "c: t " {
		t.Errorf("rendered %d: %q", c.Rendered(), out)
	}
	// Another template set renders everything again.
	if err := c.Render("v2", jobs("a", "B", "c"), exec, NewSite(Into(map[string][]byte{}))); err != nil || c.Rendered() != 3 {
		t.Errorf("with new templates: rendered %d, %v", c.Rendered(), err)
	}
	if err := c.Render("v2", append(jobs("a"), jobs("b")...), exec, NewSite(Into(map[string][]byte{}))); err == nil || !strings.Contains(err.Error(), "two pages") {
		t.Errorf("two pages at one path: %v", err)
	}
}

// TestRenderFirst: the pages a site asks for first are made before the
// others, and a page's data may be made as it is rendered (Make): the
// result is the same.
func TestRenderFirst(t *testing.T) {
	tmpl := template.Must(template.New("p.html").Parse("{{.Title}}"))
	var mu sync.Mutex
	var order []string
	exec := func(w io.Writer, name string, data any) error {
		mu.Lock()
		order = append(order, data.(entry).Title)
		mu.Unlock()
		return tmpl.ExecuteTemplate(w, name, data)
	}
	var jobs []Job
	for i := range 200 {
		title := fmt.Sprint(i)
		jobs = append(jobs, Job{File: fmt.Sprintf("p%d.html", i), Template: "p.html", Make: func() any { return entry{Title: title} }})
	}
	first := map[string]bool{"p150.html": true, "p199.html": true, "p7.html": true}
	out := map[string][]byte{}
	site := NewSite(Into(out))
	site.RenderFirst(func(file string) bool { return first[file] })
	// Each worker takes the next page in the render's order: on one core,
	// that is the order the pages are made in. (On more, the order they
	// are made in also depends on how the workers are scheduled: a test
	// of it on every core failed when one worker was held up.)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var c Cache
	if err := c.Render("v1", jobs, exec, site); err != nil {
		t.Fatal(err)
	}
	if len(out) != 200 || string(out["p150.html"]) != "150" || string(out["p3.html"]) != "3" {
		t.Fatalf("rendered %d pages, p150 %q, p3 %q", len(out), out["p150.html"], out["p3.html"])
	}
	if want := []string{"7", "150", "199", "0", "1", "2"}; !slices.Equal(order[:len(want)], want) {
		t.Errorf("pages made in the order %v, want %v", order[:len(want)], want)
	}
}

// TestPutFromInMemory: a file written a part at a time to a site in
// memory is put whole, in a slice of its length, and a failed write puts
// nothing.
func TestPutFromInMemory(t *testing.T) {
	files := map[string][]byte{}
	s := NewSite(Into(files))
	parts := []string{"window.x = [", strings.Repeat("{\"k\":\"v\"},", 5000), "];\n"}
	err := s.PutFrom("index.js", func(w io.Writer) error {
		for _, p := range parts {
			if _, err := io.WriteString(w, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, want := files["index.js"], strings.Join(parts, "")
	if string(got) != want {
		t.Fatalf("put %d bytes, want %d", len(got), len(want))
	}
	if cap(got) != len(got) {
		t.Errorf("kept in a slice of %d for %d bytes", cap(got), len(got))
	}
	boom := errors.New("boom")
	if err := s.PutFrom("bad.js", func(w io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("a failed write: %v", err)
	}
	if _, ok := files["bad.js"]; ok {
		t.Error("a failed write put its file")
	}
}

// TestDeferred: in a render that keeps nothing, a part of a page's data
// made Later is made only when the page is; the page is keyed on its
// Later's key, and made again when that changes. A render that keeps its
// pages makes it at once. Either way the page shows it.
func TestDeferred(t *testing.T) {
	tmpl := template.Must(template.New("p.html").Parse("{{.Title}}: {{.HTML}}"))
	exec := func(w io.Writer, name string, data any) error { return tmpl.ExecuteTemplate(w, name, data) }
	var mu sync.Mutex
	fills := 0
	jobs := func(body string) []Job {
		return []Job{{File: "p.html", Template: "p.html", Make: func() any {
			e := &entry{Title: "a"}
			return Deferred{Data: e, Later: []Later{{Key: "body " + body, Fill: func() {
				mu.Lock()
				fills++
				mu.Unlock()
				e.HTML = template.HTML("<b>" + body + "</b>")
			}}}}
		}}}
	}
	// A sink that asks for a page's bytes only when its key is new, as a
	// build's output does.
	keys := map[string]Key{}
	out := map[string][]byte{}
	keyed := func(file string, key Key, data func() ([]byte, error), _ func(io.Writer) error) error {
		mu.Lock()
		defer mu.Unlock()
		if keys[file] == key {
			return nil
		}
		mu.Unlock()
		b, err := data()
		mu.Lock()
		keys[file], out[file] = key, bytes.Clone(b)
		return err
	}
	site := func() *Site { return NewKeyedSite(Into(out), keyed, nil) }
	c := Cache{Once: true}
	for i, step := range []struct {
		body  string
		fills int
	}{{"x", 1}, {"x", 1}, {"y", 2}, {"y", 2}, {"x", 3}} {
		if err := c.Render("v1", jobs(step.body), exec, site()); err != nil {
			t.Fatal(err)
		}
		if fills != step.fills || string(out["p.html"]) != "a: <b>"+step.body+"</b>" {
			t.Errorf("render %d: %d fills, page %q", i, fills, out["p.html"])
		}
	}
	// Kept in memory, the page is made with it, and keyed on it.
	var kept Cache
	mem := map[string][]byte{}
	for i, body := range []string{"x", "y"} {
		if err := kept.Render("v1", jobs(body), exec, NewSite(Into(mem))); err != nil {
			t.Fatal(err)
		}
		if string(mem["p.html"]) != "a: <b>"+body+"</b>" || kept.Rendered() != 1 {
			t.Errorf("kept, render %d: %q, %d rendered", i, mem["p.html"], kept.Rendered())
		}
	}
	if d := Filled(jobs("z")[0].Make()); d.(*entry).HTML != "<b>z</b>" {
		t.Errorf("Filled: %q", d.(*entry).HTML)
	}
}

// TestFragmentsOnDisk: a fragment executed in one run is read back from
// the disk in the next (a new Fragments), not executed; one whose data
// or template set changed is executed; and what is read back is what
// was written.
func TestFragmentsOnDisk(t *testing.T) {
	disk := testDisk(t)
	exec, runs := counted("entry", "<b>{{.Title}}</b>")
	for i, tt := range []struct {
		templates, title, want string
		runs                   int
	}{
		{"v1", "a & b", "<b>a &amp; b</b>", 1},
		{"v1", "a & b", "<b>a &amp; b</b>", 0}, // from the disk
		{"v1", "c", "<b>c</b>", 1},
		{"v2", "c", "<b>c</b>", 1},
		{"v1", "a & b", "<b>a &amp; b</b>", 0},
	} {
		*runs = 0
		f := Fragments{Disk: disk} // a new run's
		out, err := f.Execute(tt.templates, "entry", nil, entry{Title: tt.title}, exec)
		if err != nil || string(out) != tt.want || *runs != tt.runs {
			t.Errorf("run %d: %q, %v, executed %d times; want %q, %d", i, out, err, *runs, tt.want, tt.runs)
		}
	}
}

// TestFragmentsSeen: a fragment's input is found again by its memory
// (a copy of the same entry, on the next list page), and only ever as
// what it is: a copy with one field changed, the same data within other
// URLs or templates, and another input whose memory hashes the same
// (made here, as no real one is found) are each executed on their own.
func TestFragmentsSeen(t *testing.T) {
	exec, runs := counted("entry", "<b>{{.Title}}</b>")
	var f Fragments
	run := func(what, templates string, within, data any, want string, wantRuns int) {
		t.Helper()
		*runs = 0
		out, err := f.Execute(templates, "entry", within, data, exec)
		if err != nil || string(out) != want || *runs != wantRuns {
			t.Errorf("%s: %q, %v, executed %d times; want %q, %d", what, out, err, *runs, want, wantRuns)
		}
	}
	a := entry{Title: "a & b"}
	run("first", "v1", "site", a, "<b>a &amp; b</b>", 1)
	if f.seen.Len() != 1 {
		t.Fatalf("%d inputs seen, want 1", f.seen.Len())
	}
	run("a copy", "v1", "site", a, "<b>a &amp; b</b>", 0)
	if f.seen.Len() != 1 {
		t.Errorf("a copy of an input seen is seen again: %d inputs seen, want 1", f.seen.Len())
	}
	changed := a
	changed.Title = "c"
	run("a field changed", "v1", "site", changed, "<b>c</b>", 1)
	run("within other URLs", "v1", "other site", a, "<b>a &amp; b</b>", 1)
	run("other templates", "v2", "site", a, "<b>a &amp; b</b>", 1)

	// Another input under the memory's hash of d: d is told apart.
	d := entry{Title: "d"}
	id, _ := memoryOf("v1", "entry", d)
	f.seen.Put(id, &seenInput{templates: "v1", name: "entry", within: "site", data: a, out: "<b>a &amp; b</b>"})
	run("another input of the same hash", "v1", "site", d, "<b>d</b>", 1)

	// A pointer is made for its page (a side bar's): not kept by its
	// memory, found by its key.
	n := f.seen.Len()
	run("a pointer", "v1", "site", &entry{Title: "p"}, "<b>p</b>", 1)
	run("another pointer to the same", "v1", "site", &entry{Title: "p"}, "<b>p</b>", 0)
	if f.seen.Len() != n {
		t.Errorf("inputs by pointer are kept by their memory: %d seen, want %d", f.seen.Len(), n)
	}
}

// TestFragmentsKeptLater: a Fragments of a render in memory (KeepLater)
// notes the fragments it takes from memory and keeps them on its disk at
// KeepNoted, after the render: a commit then keeps them for the next
// run. What ForgetNoted forgets (a failed render's) is not kept.
func TestFragmentsKeptLater(t *testing.T) {
	disk := testDisk(t)
	exec, runs := counted("entry", "<b>{{.Title}}</b>")
	f := Fragments{Disk: disk, KeepLater: true}
	take := func(title string) {
		t.Helper()
		if _, err := f.Execute("v1", "entry", nil, entry{Title: title}, exec); err != nil {
			t.Fatal(err)
		}
	}
	onDisk := func(title string) bool {
		t.Helper()
		*runs = 0
		next := Fragments{Disk: disk} // the next run's
		if _, err := next.Execute("v1", "entry", nil, entry{Title: title}, exec); err != nil {
			t.Fatal(err)
		}
		return *runs == 0
	}
	take("a")
	take("b")
	if err := disk.Commit(); err != nil { // the first render's: put, so kept
		t.Fatal(err)
	}
	// The next render takes both from memory: noted, not kept yet.
	*runs = 0
	take("a")
	take("b")
	if *runs != 0 {
		t.Fatalf("executed %d times, want both taken from memory", *runs)
	}
	f.KeepNoted()
	if err := disk.Commit(); err != nil {
		t.Fatal(err)
	}
	if !onDisk("a") || !onDisk("b") {
		t.Fatal("fragments a render took from memory were not kept on the disk")
	}
	if err := disk.Commit(); err != nil { // read just now: kept
		t.Fatal(err)
	}
	// A render that fails notes "a"; the one after notes nothing.
	take("a")
	f.ForgetNoted()
	f.KeepNoted()
	if err := disk.Commit(); err != nil {
		t.Fatal(err)
	}
	if onDisk("a") {
		t.Error("a fragment noted by a render that failed was kept on the disk")
	}
}

// TestBoundedFragments: a Fragments for a build that renders once holds
// no more than its budget of fragments in memory, and gives every one
// again, the same, executing none twice: those past the budget come back
// from the disk.
func TestBoundedFragments(t *testing.T) {
	disk := testDisk(t)
	const size, n = 1 << 20, fragmentBudget>>20 + 8 // 8 MB past the budget
	runs := map[int]int{}
	exec := func(w io.Writer, name string, data any) error {
		i := data.(int)
		runs[i]++
		_, err := w.Write(bytes.Repeat([]byte{byte('a' + i%26)}, size))
		return err
	}
	f := Fragments{Disk: disk, Bounded: true}
	for round := range 2 {
		for i := range n {
			out, err := f.Execute("v1", "entry", nil, i, exec)
			if err != nil || len(out) != size || out[0] != byte('a'+i%26) || out[size-1] != byte('a'+i%26) {
				t.Fatalf("round %d, fragment %d: %d bytes starting %q, %v", round, i, len(out), out[:1], err)
			}
		}
	}
	for i := range n {
		if runs[i] != 1 {
			t.Errorf("fragment %d executed %d times", i, runs[i])
		}
	}
	if held := f.Len() * size; held > fragmentBudget {
		t.Errorf("%d MB of fragments held in memory, over the budget of %d MB", held>>20, fragmentBudget>>20)
	}
	if f.Len() == 0 {
		t.Error("no fragment held in memory")
	}
}

// streamingSink is a KeyedSink into out that has a page too large for
// memory (ErrBig) written a part at a time, and says which were so.
type streamingSink struct {
	mu       sync.Mutex
	out      map[string][]byte
	streamed map[string]bool
}

func newStreamingSink() *streamingSink {
	return &streamingSink{out: map[string][]byte{}, streamed: map[string]bool{}}
}

func (s *streamingSink) put(file string, key Key, data func() ([]byte, error), write func(io.Writer) error) error {
	b, err := data()
	if errors.Is(err, ErrBig) {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		b, err = buf.Bytes(), nil
		s.mu.Lock()
		s.streamed[file] = true
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.out[file] = bytes.Clone(b)
	s.mu.Unlock()
	return err
}

// TestBigPageWritten: a page too large to be made in memory, in a render
// that keeps nothing, is written by the sink a part at a time, the same
// bytes; and put whole on a site without a keyed sink.
func TestBigPageWritten(t *testing.T) {
	tmpl := template.Must(template.New("p.html").Parse("{{.Title}}{{.HTML}}{{.HTML}}"))
	exec := func(w io.Writer, name string, data any) error { return tmpl.ExecuteTemplate(w, name, data) }
	half := strings.Repeat("<p>x</p>", bigPage/16+1) // twice is more than bigPage
	jobs := func() []Job {
		return []Job{
			{File: "big.html", Template: "p.html", Data: entry{Title: "big", HTML: template.HTML(half)}},
			{File: "small.html", Template: "p.html", Data: entry{Title: "small", HTML: "<p>y</p>"}},
		}
	}
	want := map[string]string{"big.html": "big" + half + half, "small.html": "small<p>y</p><p>y</p>"}
	sink := newStreamingSink()
	out, streamed := sink.out, sink.streamed
	c := Cache{Once: true}
	if err := c.Render("v1", jobs(), exec, NewKeyedSite(Into(out), sink.put, nil)); err != nil {
		t.Fatal(err)
	}
	if !streamed["big.html"] || streamed["small.html"] || c.Rendered() != 2 {
		t.Errorf("written a part at a time: %v; %d rendered", streamed, c.Rendered())
	}
	mem := map[string][]byte{}
	if err := (&Cache{Once: true}).Render("v1", jobs(), exec, NewSite(Into(mem))); err != nil {
		t.Fatal(err)
	}
	for file, w := range want {
		if string(out[file]) != w || string(mem[file]) != w {
			t.Errorf("%s: %d and %d bytes, want %d", file, len(out[file]), len(mem[file]), len(w))
		}
	}
}

// TestBigDataExecutedOnce: a page whose data alone is past bigPage is
// written by the sink a part at a time from the start, executed once,
// not made in memory up to bigPage and begun again; a page whose data is
// as large but which shows little of it comes out the same.
func TestBigDataExecutedOnce(t *testing.T) {
	tmpl := template.Must(template.New("list.html").Parse("{{range .}}<li>{{.Title}}</li>{{end}}"))
	template.Must(tmpl.New("count.html").Parse("{{len .}} posts"))
	var mu sync.Mutex
	executed := map[string]int{}
	exec := func(w io.Writer, name string, data any) error {
		mu.Lock()
		executed[name]++
		mu.Unlock()
		return tmpl.ExecuteTemplate(w, name, data)
	}
	rows := make([]entry, bigPage/32) // a list of twice bigPage
	var list strings.Builder
	for i := range rows {
		rows[i].Title = fmt.Sprintf("post %d of a long list, with a title of some length", i)
		list.WriteString("<li>" + rows[i].Title + "</li>")
	}
	jobs := []Job{
		{File: "list.html", Template: "list.html", Data: rows},
		{File: "count.html", Template: "count.html", Data: rows},
	}
	want := map[string]string{"list.html": list.String(), "count.html": fmt.Sprintf("%d posts", len(rows))}
	sink := newStreamingSink()
	out, streamed := sink.out, sink.streamed
	c := Cache{Once: true}
	if err := c.Render("v1", jobs, exec, NewKeyedSite(Into(out), sink.put, nil)); err != nil {
		t.Fatal(err)
	}
	for file, w := range want {
		if string(out[file]) != w {
			t.Errorf("%s: %d bytes, want %d", file, len(out[file]), len(w))
		}
	}
	if !streamed["list.html"] || executed["list.html"] != 1 {
		t.Errorf("the list: executed %d times, written a part at a time: %v; want once, so", executed["list.html"], streamed["list.html"])
	}
}

// TestOrder: a render begins with the pages open in a browser, then the
// pages to make, the largest (in the last render) first, and takes the
// pages it keeps as they were last; pages of one size keep their order.
func TestOrder(t *testing.T) {
	jobs := []Job{
		{File: "post-1.html", Unchanged: true},
		{File: "tag.html"},
		{File: "post-2.html"},
		{File: "open.html", Unchanged: true},
		{File: "archive.html"},
		{File: "post-3.html"},
	}
	last := map[string]int{"tag.html": 200, "archive.html": 9000, "post-2.html": 50, "post-3.html": 50, "post-1.html": 50}
	s := NewSite(Into(map[string][]byte{}))
	s.RenderFirst(func(file string) bool { return file == "open.html" })
	var got []string
	for _, i := range s.order(jobs, func(file string) int { return last[file] }) {
		got = append(got, jobs[i].File)
	}
	want := []string{"open.html", "archive.html", "tag.html", "post-2.html", "post-3.html", "post-1.html"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// TestLargePageMadeAgain: a page larger than a pooled buffer, made again
// in a buffer sized by its last bytes, is its new bytes, whether it grew
// or shrank; and the bytes of the render before are left as they were.
func TestLargePageMadeAgain(t *testing.T) {
	tmpl := template.Must(template.New("p.html").Parse("{{.Title}}{{.HTML}}"))
	exec := func(w io.Writer, name string, data any) error { return tmpl.ExecuteTemplate(w, name, data) }
	var c Cache
	var outs [][]byte
	for i, n := range []int{maxPooled + 100, maxPooled * 2, maxPooled + 10, 10} {
		body := strings.Repeat(string(rune('a'+i)), n)
		mem := map[string][]byte{}
		jobs := []Job{{File: "big.html", Template: "p.html", Data: entry{Title: fmt.Sprint(i), HTML: template.HTML(body)}}}
		if err := c.Render("v1", jobs, exec, NewSite(Into(mem))); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprint(i) + body; string(mem["big.html"]) != want {
			t.Fatalf("render %d: %d bytes, want %d", i, len(mem["big.html"]), len(want))
		}
		outs = append(outs, mem["big.html"])
	}
	for i, out := range outs {
		if out[0] != byte('0'+i) || out[len(out)-1] != byte('a'+i) {
			t.Errorf("the bytes of render %d changed after it", i)
		}
	}
}

// TestChangedPageOnDisk: a page of the last render whose data changed is
// made again (its key hashed while it executes) and kept on the disk by
// its key: a render in a new process finds it there, executing nothing,
// and one of other data executes it.
func TestChangedPageOnDisk(t *testing.T) {
	disk := testDisk(t)
	exec, runs := counted("p.html", "<h1>{{.Title}}</h1>")
	jobs := func(title string) []Job {
		return []Job{{File: "p.html", Template: "p.html", Data: &entry{Title: title}}}
	}
	c := Cache{Disk: disk}
	for _, title := range []string{"a", "b"} {
		if err := c.Render("v1", jobs(title), exec, NewSite(Into(map[string][]byte{}))); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		title string
		runs  int
	}{{"b", 0}, {"a", 0}, {"c", 1}} {
		*runs = 0
		mem := map[string][]byte{}
		next := Cache{Disk: disk} // a new process's
		if err := next.Render("v1", jobs(tt.title), exec, NewSite(Into(mem))); err != nil {
			t.Fatal(err)
		}
		if want := "<h1>" + tt.title + "</h1>"; string(mem["p.html"]) != want || *runs != tt.runs {
			t.Errorf("%s: %q, executed %d times; want %q, %d", tt.title, mem["p.html"], *runs, want, tt.runs)
		}
	}
	// Templates switched and back: the page is found on the disk, not
	// executed again.
	for i, templates := range []string{"v2", "v1"} {
		*runs = 0
		if err := c.Render(templates, jobs("b"), exec, NewSite(Into(map[string][]byte{}))); err != nil {
			t.Fatal(err)
		}
		if want := 1 - i; *runs != want {
			t.Errorf("templates %s: executed %d times, want %d", templates, *runs, want)
		}
	}
}

// TestPagesKeptAcrossRenders: what a render made is what the next one
// takes as it was (Unchanged), whether the render before made a few pages
// and took the rest, or had other files; a page gone is not taken again.
func TestPagesKeptAcrossRenders(t *testing.T) {
	tmpl := template.Must(template.New("p.html").Parse("{{.Title}}"))
	exec := func(w io.Writer, name string, data any) error { return tmpl.ExecuteTemplate(w, name, data) }
	var c Cache
	render := func(titles map[string]string, unchanged ...string) map[string][]byte {
		t.Helper()
		var jobs []Job
		for _, f := range slices.Sorted(maps.Keys(titles)) {
			jobs = append(jobs, Job{File: f, Template: "p.html", Data: &entry{Title: titles[f]}, Unchanged: slices.Contains(unchanged, f)})
		}
		mem := map[string][]byte{}
		if err := c.Render("v1", jobs, exec, NewSite(Into(mem))); err != nil {
			t.Fatal(err)
		}
		return mem
	}
	render(map[string]string{"a": "a1", "b": "b1", "c": "c1", "d": "d1"})
	render(map[string]string{"a": "a1", "b": "b2", "c": "c1", "d": "d1"}, "a", "c", "d") // b made, the rest taken
	if got := render(map[string]string{"a": "a1", "b": "b2", "c": "c1", "d": "d1"}, "a", "b", "c", "d"); string(got["b"]) != "b2" || string(got["a"]) != "a1" {
		t.Errorf("after one page made and the others taken: a %q, b %q; want a1, b2", got["a"], got["b"])
	}
	render(map[string]string{"a": "a1", "b": "b2", "e": "e1", "d": "d1"}, "a", "b", "d") // c gone, e new
	// c back, e gone: c is made (gone from the last render, its page is
	// not the last render's whatever a job says), and the next takes it.
	if got := render(map[string]string{"a": "a1", "b": "b2", "c": "c2", "d": "d1"}, "a", "b", "c", "d"); string(got["c"]) != "c2" {
		t.Errorf("a page gone and back: %q, want c2", got["c"])
	}
	if got := render(map[string]string{"a": "a1", "b": "b2", "c": "c2", "d": "d1"}, "a", "b", "c", "d"); string(got["c"]) != "c2" {
		t.Errorf("a page gone and back, then taken: %q, want c2", got["c"])
	}
	if got := render(map[string]string{"a": "a1", "b": "b2", "e": "e2", "d": "d1"}, "a", "b", "d", "e"); string(got["e"]) != "e2" {
		t.Errorf("a page gone is taken again as it was: %q, want e2", got["e"])
	}
}

// TestCappedStrings: a template's strings go into a page's buffer as
// they are, not copied first, and count towards the cap as its bytes do.
func TestCappedStrings(t *testing.T) {
	var buf bytes.Buffer
	buf.Grow(bigPage)
	w := capped{&buf}
	s := strings.Repeat("x", 1000)
	if n := testing.AllocsPerRun(100, func() {
		buf.Reset()
		io.WriteString(w, s)
	}); n != 0 {
		t.Errorf("%v allocations to write a string", n)
	}
	buf.Reset()
	if _, err := io.WriteString(w, strings.Repeat("x", bigPage)); err != nil {
		t.Fatalf("a string of bigPage bytes: %v", err)
	}
	if _, err := io.WriteString(w, "y"); !errors.Is(err, ErrBig) {
		t.Errorf("a byte past bigPage: %v, want ErrBig", err)
	}
	if buf.Len() != bigPage {
		t.Errorf("%d bytes written, want %d", buf.Len(), bigPage)
	}
}

// testDisk is a disk cache of its own for the test, closed after it.
func testDisk(t *testing.T) *diskcache.Cache {
	t.Helper()
	disk, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { disk.Close() })
	return disk
}

// counted is an Executor of the template name parsed from text, and the
// number of times it has executed.
func counted(name, text string) (Executor, *int) {
	tmpl := template.Must(template.New(name).Parse(text))
	runs := new(int)
	return func(w io.Writer, name string, data any) error {
		*runs++
		return tmpl.ExecuteTemplate(w, name, data)
	}, runs
}
