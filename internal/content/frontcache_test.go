package content

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/adrg/frontmatter"

	"github.com/netjournal/netjournal/internal/digest"
	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/fileid"
)

// frontSite is a site whose documents give every front-matter key of
// every kind, in the forms the decoder reads.
func frontSite(config string) fstest.MapFS {
	return fstest.MapFS{
		ConfigFile: {Data: []byte(config)},
		"content/contacts/ana-lima.md": {Data: []byte(`---
name: Ana Lima
aliases: [Ana, A. Lima]
company: Acme
role: CTO
location: Lisbon
email: [work: ana@acme.test, ana@home.test]
phone: [cell: +351 900 000 000]
links: {site: "https://ana.test", github: "https://github.com/ana"}
tags: [infra, mentor]
circle: core
cadence: 3w
snooze_until: 2026-12-24
met: {date: 2024-05-01, at: rustconf, introduced_by: bo}
birthday: --02-29
reviewed: 2026-01-10
public: {name: Ana L., url: "https://ana.test"}
uid: urn:uuid:1234
photo: ana-lima.jpg
---
Notes on [[bo]].
`)},
		"content/contacts/bo.md": {Data: []byte("---\nname: Bo\nbirthday: 1990-07-04\n---\n")},
		"content/events/2026-03-01-coffee.md": {Data: []byte(`---
title: Coffee
date: 2026-03-01T09:30:00+01:00
end: 2026-03-01T10:30:00+01:00
kind: coffee
location: Lisbon
with: [ana-lima, bo]
initiated_by: me
gave: [{to: ana-lima, what: an intro}]
received: [{from: bo, what: a book}]
followups:
  - {who: ana-lima, due: 2026-03-08, what: send the deck, done: 2026-03-07}
  - {who: bo, due: 2026-04-01, what: call, done: true}
  - {who: bo, due: 2026-05-01, what: later}
shared: [{with: [ana-lima], link: "https://example.org/a", note: read this}]
---
Met [[ana-lima]].
`)},
		"content/posts/hello.md": {Data: []byte(`---
title: Hello
date: 2026-01-02
updated: 2026-02-03
tags: [go, writing]
summary: A first post.
slug: hello-world
draft: false
private: false
shared_with: [ana-lima]
aliases: [/old/hello/]
feed_id: tag:example.com,2026:hello
toc: true
---
Body.
`)},
		"content/posts/link.md":  {Data: []byte("---\ntitle: A link\ndate: 2026-01-03T08:00:00Z\nlink: https://example.org/b\ntoc: false\n---\n")},
		"content/pages/about.md": {Data: []byte("---\ntitle: About\ndescription: Who\ndate: 2026-01-01\nmenu: {weight: 2, title: Me}\ntoc: true\naliases: [/me/]\n---\nMe.\n")},
		"content/pages/now.md":   {Data: []byte("---\ntitle: Now\nmenu: true\ndraft: true\n---\n")},
	}
}

func openDisk(t *testing.T, dir string) *diskcache.Cache {
	t.Helper()
	d, err := diskcache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// countDecodes counts the documents whose YAML is decoded while f runs.
func countDecodes(t *testing.T, f func()) int {
	t.Helper()
	var n atomic.Int64
	was := decodeYAML
	decodeYAML = func(d *Doc, block []byte, v any, errs *ErrorList, validate func(*ErrorList)) {
		n.Add(1)
		was(d, block, v, errs, validate)
	}
	defer func() { decodeYAML = was }()
	f()
	return int(n.Load())
}

// countParses counts the files that f splits by parsing them.
func countParses(t *testing.T, f func()) int {
	t.Helper()
	var n atomic.Int64
	was := parseFront
	parseFront = func(data []byte) (block, body []byte) {
		n.Add(1)
		return was(data)
	}
	defer func() { parseFront = was }()
	f()
	return int(n.Load())
}

// TestSplitKeptOnDisk: files of every shape that splits (a byte order
// mark, CRLF lines, blank lines before the ---, an empty block, no body,
// no last newline, --- in the body) read back from the disk's record
// without being parsed, into the very documents a load without the disk
// reads, and their problems are found at the same lines.
func TestSplitKeptOnDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	fsys := fstest.MapFS{
		ConfigFile:                        {Data: []byte(testConfig)},
		"content/posts/bom.md":            {Data: []byte("\uFEFF---\ntitle: BOM\ndate: 2026-01-01\n---\nBody.\n")},
		"content/posts/crlf.md":           {Data: []byte("---\r\ntitle: CRLF\r\ndate: 2026-01-02\r\n---\r\nOne.\r\n\r\nTwo.\r\n")},
		"content/posts/blank.md":          {Data: []byte("\n\n  \n---\ntitle: Blank\ndate: 2026-01-03\n---\n\nBody [[bo]].\n")},
		"content/posts/nobody.md":         {Data: []byte("---\ntitle: No body\ndate: 2026-01-04\n---\n")},
		"content/posts/nonewline.md":      {Data: []byte("---\ntitle: No newline\ndate: 2026-01-05\n---\nLast line")},
		"content/posts/rules.md":          {Data: []byte("---\ntitle: Rules\ndate: 2026-01-06\n---\nA\n\n---\n\nB\n---\n")},
		"content/contacts/bo.md":          {Data: []byte("---\nname: Bo\n---\n")},
		"content/events/2026-01-07-x.md":  {Data: []byte("---\n---\nNo keys.\n")},
		"content/contacts/quoted-dash.md": {Data: []byte("---\nname: \"---\"\nrole: '--'\n---\n--\n")},
	}
	load := func() (*Site, error) {
		t.Helper()
		disk := openDisk(t, dir)
		defer disk.Close()
		site, err := (&Cache{Disk: disk}).Load(fsys)
		if err := disk.Commit(); err != nil {
			t.Fatal(err)
		}
		return site, err
	}
	uncached, werr := Load(fsys)
	if werr == nil || !strings.Contains(werr.Error(), "content/events/2026-01-07-x.md:") {
		t.Fatalf("the event with no keys: %v", werr)
	}
	for i := range 2 {
		var got *Site
		var err error
		parses := countParses(t, func() { got, err = load() })
		// The event has a problem: it is never kept, and parsed each time.
		if want := map[int]int{0: len(fsys) - 1, 1: 1}[i]; parses != want {
			t.Errorf("load %d: %d files parsed, want %d", i, parses, want)
		}
		if fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Errorf("load %d: problems\n%v\nwant\n%v", i, err, werr)
		}
		if !reflect.DeepEqual(got, uncached) {
			t.Errorf("load %d: a site read with the disk differs from one without:\n%#v\n%#v", i, got, uncached)
		}
	}
}

// FuzzParseFront: parseFront finds the block and the body that
// adrg/frontmatter's Parse finds, with --- lines as delimiters, in any
// bytes: the same block (nil as the library leaves it when empty or not
// found) and the same body.
func FuzzParseFront(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\n---\nbody\n", "\uFEFF\r\n---\r\na: b\r\n---\r\n", "---\n---\n", "\n---\nx\n---", "---\n-\n---\n--\n---\n",
		"---\na\n", "---", "\n\n  ---  \nx: 1\n\t--- \nrest", "x\n---\na\n---\n", "---\n\u00a0---\u00a0\nb", "", "\n", "---\n----\n", "\v\n---\na\n---\n",
	} {
		f.Add([]byte(s))
	}
	raw := frontmatter.NewFormat("---", "---", func(b []byte, v any) error {
		*(v.(*[]byte)) = append([]byte(nil), b...)
		return nil
	})
	f.Fuzz(func(t *testing.T, data []byte) {
		var want []byte
		wantBody, err := frontmatter.Parse(bytes.NewReader(data), &want, raw)
		if err != nil {
			t.Fatalf("%q: the library: %v", data, err)
		}
		in := bytes.Clone(data)
		block, body := parseFront(in)
		if !bytes.Equal(block, want) || (block == nil) != (want == nil) || !bytes.Equal(body, wantBody) {
			t.Errorf("%q: block %q, body %q; the library finds %q, %q", data, block, body, want, wantBody)
		}
		if len(block) > 0 {
			block[0]++ // a copy: the file's bytes stay as they are
			if !bytes.Equal(in, data) {
				t.Errorf("%q: the block shares the file's bytes", data)
			}
		}
	})
}

// FuzzSplitAt: a file split where splitFound found its parts is split
// into the very Doc and block that parsing it gave.
func FuzzSplitAt(f *testing.F) {
	for _, s := range []string{"---\ntitle: a\n---\nbody\n", "\uFEFF\r\n---\r\na: b\r\n---\r\n", "---\n---\n", "\n---\nx\n---", "---\n-\n---\n--\n---\n", "---\na\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sum := sha256.Sum256(data)
		d, block, where, err := splitFound("content/posts/x.md", data, sum)
		if err != nil || !where.valid() {
			return
		}
		d2, block2, ok := splitAt("content/posts/x.md", data, sum, where)
		if !ok || !reflect.DeepEqual(d, d2) || !bytes.Equal(block, block2) || (block == nil) != (block2 == nil) {
			t.Errorf("%q split at %+v: %#v %q, want %#v %q", data, where, d2, block2, d, block)
		}
		back, rest, ok := readWhere(appendWhere(nil, where))
		if !ok || back != where || len(rest) != 0 {
			t.Errorf("%+v kept reads back as %+v", where, back)
		}
		// What restore takes of the document reads back as it was.
		w, rd, rest, ok := readRecord(append(appendRecord(nil, where, &d, block), "front"...))
		switch {
		case !ok || w != where || string(rest) != "front":
			t.Errorf("%q: the record reads back as %+v, %q", data, w, rest)
		case strings.TrimSpace(d.Body) == "":
			if rd != nil {
				t.Errorf("%q: a blank body restored", data)
			}
		case rd == nil || rd.head != d.Head || rd.bodyLine != d.BodyLine || rd.body != digest.Of(d.Body) || !bytes.Equal(rd.block, block):
			t.Errorf("%q: the record reads back as %+v, from %#v %q", data, rd, d, block)
		}
	})
}

// FuzzReadRecord: a record torn or damaged reads as none, never panics.
func FuzzReadRecord(f *testing.F) {
	d := Doc{BodyLine: 4, Body: "body\n"}
	f.Add(appendRecord(nil, splitWhere{open: 1, head: 20, block: 4, blockLen: 9}, &d, []byte("title: a\n")))
	f.Add([]byte{1, 2, 3, 4, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, rd, rest, ok := readRecord(b); ok && rd != nil && len(rd.block)+len(rest) > len(b) {
			t.Errorf("%q read as more than it holds", b)
		}
	})
}

// TestStatsTakenAsAsked: a load given the files' sizes and times as
// they were asked before it (Cache.Stats, the build's sum of its inputs)
// takes them from there. A file changed since is taken as it was when
// the last build knew it so, and what Files says of it is what was
// asked, so that the next load, seeing the file changed, reads it.
func TestStatsTakenAsAsked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	fsys := frontSite(testConfig)
	const post = "content/posts/hello.md"
	fsys[post].ModTime = time.Date(2026, 1, 3, 8, 0, 0, 0, time.UTC)
	first := &Cache{Disk: openDisk(t, dir)}
	if _, err := first.Load(fsys); err != nil {
		t.Fatal(err)
	}
	known := first.Files()
	first.Disk.Commit()
	first.Disk.Close()
	asked, err := fs.Stat(fsys, post)
	if err != nil {
		t.Fatal(err)
	}
	// Written again after the sum asked, before the load.
	fsys[post] = &fstest.MapFile{Data: []byte("---\ntitle: Written after the sum\ndate: 2026-01-03\n---\nNew.\n"), ModTime: asked.ModTime().Add(time.Second)}

	c := &Cache{Disk: openDisk(t, dir), Known: known, Stats: map[string]fs.FileInfo{post: asked}}
	site, err := c.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := postTitled(site, post); got != "Hello" {
		t.Errorf("%s loaded as %q, want it taken as the sum asked it (%q)", post, got, "Hello")
	}
	if got, want := c.Files()[post].ID, fileid.Of(asked); got != want {
		t.Errorf("%s known as %+v, want %+v, as asked", post, got, want)
	}

	next := &Cache{Disk: c.Disk, Known: c.Files()}
	site, err = next.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := postTitled(site, post); got != "Written after the sum" {
		t.Errorf("the next load took %s as %q, want it read again", post, got)
	}
}

// postTitled is the title of the post at path in site.
func postTitled(site *Site, path string) string {
	for _, p := range site.Posts {
		if p.Path == path {
			return p.Title
		}
	}
	return ""
}

// TestKnownFilesTakenUnread: a load told what the last build read of each
// file (Known) takes the documents of the files as they were without
// reading them: the same documents but for their bodies, which read back
// to their digests; a file that changed, a blank body and a standalone
// page are read.
func TestKnownFilesTakenUnread(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	fsys := frontSite(testConfig + "circles:\n  core: {cadence: 2w}\n  active: {cadence: 6w}\n")
	fsys["content/pages/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\nAbout me.\n")}
	first := &Cache{Disk: openDisk(t, dir)}
	want, err := first.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	known := first.Files()
	first.Disk.Commit()
	first.Disk.Close()
	fsys["content/posts/link.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Another link\ndate: 2026-01-03\nlink: https://example.org/c\n---\nA changed body.\n")}
	want, err = Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c := &Cache{Disk: openDisk(t, dir), Known: known}
	var got *Site
	var parses int
	decodes := countDecodes(t, func() { parses = countParses(t, func() { got, err = c.Load(fsys) }) })
	if err != nil {
		t.Fatal(err)
	}
	if decodes != 1 || parses != 1 {
		t.Errorf("decoded %d documents and parsed %d, want the changed post's alone", decodes, parses)
	}
	docs := func(s *Site) []*Doc {
		var ds []*Doc
		for _, c := range s.Contacts {
			ds = append(ds, &c.Doc)
		}
		for _, e := range s.Events {
			ds = append(ds, &e.Doc)
		}
		for _, p := range s.Posts {
			ds = append(ds, &p.Doc)
		}
		for _, p := range s.Pages {
			ds = append(ds, &p.Doc)
		}
		return ds
	}
	unread := 0
	for i, d := range docs(got) {
		w := docs(want)[i]
		sum, gone := d.UnreadBody()
		if !gone {
			if d.Body != w.Body {
				t.Errorf("%s: body %q, want %q", d.Path, d.Body, w.Body)
			}
			continue
		}
		unread++
		if strings.TrimSpace(w.Body) == "" || strings.HasPrefix(d.Path, PagesDir) || d.Path == "content/posts/link.md" {
			t.Errorf("%s taken unread", d.Path)
		}
		if d.Body != "" || sum != digest.Of(w.Body) {
			t.Errorf("%s: body %q of digest %x, want none of digest %x", d.Path, d.Body, sum, digest.Of(w.Body))
		}
		if body, err := ReadBody(fsys, d.Path); err != nil || digest.Of(body) != sum {
			t.Errorf("%s: the body reads back as %q, %v", d.Path, body, err)
		}
		if d.Path != w.Path || d.Hash != w.Hash || d.Head != w.Head || d.BodyLine != w.BodyLine || d.Slug != w.Slug {
			t.Errorf("%s taken as %#v, want %#v", d.Path, *d, *w)
		}
	}
	if unread == 0 {
		t.Error("no document taken unread")
	}
	// But for their bodies, the very documents read.
	for _, d := range docs(got) {
		if _, gone := d.UnreadBody(); gone {
			d.unread, d.bodySum = false, digest.Sum{}
			d.Body, _ = ReadBody(fsys, d.Path)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("a site taken unread differs from one read:\n%#v\n%#v", got, want)
	}
	if pos := got.Events[0].Pos("followups[1].who"); pos != want.Events[0].Pos("followups[1].who") {
		t.Errorf("followups[1].who at %v, want %v", pos, want.Events[0].Pos("followups[1].who"))
	}
}

// TestFrontMatterKeptOnDisk: a load in a new process (a new Cache) reads
// every document's front matter back from the disk, decoding no YAML, and
// the site is the very one decoded from the files; a file, or the config,
// that changes is decoded again.
func TestFrontMatterKeptOnDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	config := testConfig + "circles:\n  core: {cadence: 2w}\n  active: {cadence: 6w}\n"
	fsys := frontSite(config)
	load := func() *Site {
		t.Helper()
		disk := openDisk(t, dir)
		c := &Cache{Disk: disk}
		site, err := c.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if err := disk.Commit(); err != nil {
			t.Fatal(err)
		}
		disk.Close()
		return site
	}
	var want *Site
	if n := countDecodes(t, func() { want = load() }); n != 7 {
		t.Fatalf("first load decoded %d documents, want 7", n)
	}
	uncached, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got *Site
	var parses int
	if n := countDecodes(t, func() { parses = countParses(t, func() { got = load() }) }); n != 0 || parses != 0 {
		t.Errorf("second load decoded %d documents and split %d by parsing them, want none", n, parses)
	}
	for _, s := range []*Site{want, got} {
		if !reflect.DeepEqual(s, uncached) {
			t.Fatalf("a site read with the disk differs from one without:\n%#v\n%#v", s, uncached)
		}
	}
	// The positions of keys are still found, from the file.
	if pos := got.Events[0].Pos("followups[1].who"); pos.Line != 13 || pos != uncached.Events[0].Pos("followups[1].who") {
		t.Errorf("followups[1].who at %v, want line 13", pos)
	}

	// One file changed: it alone is decoded.
	fsys["content/posts/link.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Another link\ndate: 2026-01-03\nlink: https://example.org/c\n---\n")}
	if n := countDecodes(t, func() { got = load() }); n != 1 || got.Posts[1].Title != "Another link" {
		t.Errorf("after an edit: decoded %d documents (want 1), title %q", n, got.Posts[1].Title)
	}
	// Another config: every document is decoded again, and checked
	// against its circles.
	fsys[ConfigFile] = &fstest.MapFile{Data: []byte(testConfig + "circles:\n  active: {cadence: 6w}\n")}
	var errs error
	n := countDecodes(t, func() {
		disk := openDisk(t, dir)
		_, errs = (&Cache{Disk: disk}).Load(fsys)
	})
	if n != 7 || errs == nil || !strings.Contains(errs.Error(), `unknown circle "core"`) {
		t.Errorf("under another config: decoded %d documents (want 7), problems %v", n, errs)
	}
}

// TestFrontMatterWithProblemsNotKept: a document with a problem is
// decoded every time, and says so every time.
func TestFrontMatterWithProblemsNotKept(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	fsys := fstest.MapFS{
		ConfigFile:                {Data: []byte(testConfig)},
		"content/posts/bad.md":    {Data: []byte("---\ntitle: Bad\ndate: 2026-13-01\n---\n")},
		"content/contacts/odd.md": {Data: []byte("---\nname: Odd\nnickname: x\n---\n")},
	}
	for i := range 2 {
		var err error
		n := countDecodes(t, func() {
			disk := openDisk(t, dir)
			_, err = (&Cache{Disk: disk}).Load(fsys)
			disk.Commit()
			disk.Close()
		})
		if n != 2 || err == nil || !strings.Contains(err.Error(), "content/posts/bad.md:3:") || !strings.Contains(err.Error(), "content/contacts/odd.md:3:") {
			t.Errorf("load %d: decoded %d documents (want 2), problems:\n%v", i, n, err)
		}
	}
}

// TestFrontEncodingRefusesWhatItCannotCarry: a value with a field the
// encoding does not know is not encoded, and bytes that are not an
// encoding do not decode, leaving the value as it was.
func TestFrontEncodingRefusesWhatItCannotCarry(t *testing.T) {
	type withMap struct {
		Doc
		M map[string]int
	}
	type withHidden struct {
		Doc
		hidden string
	}
	if _, ok := encodeFront(&withMap{M: map[string]int{"a": 1}}); ok {
		t.Error("a map was encoded")
	}
	if _, ok := encodeFront(&withHidden{hidden: "x"}); ok {
		t.Error("an unexported field was encoded")
	}
	p := &Post{Doc: Doc{Path: "content/posts/x.md"}, Title: "T", Date: Date{Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600)), Clock: true}, Tags: TagList{"a"}}
	b, ok := encodeFront(p)
	if !ok || !frontRoundTrips(b, p) {
		t.Fatalf("a post did not round-trip: %v", ok)
	}
	for i := range len(b) {
		q := &Post{Doc: Doc{Path: "kept"}, Title: "as it was"}
		if decodeFront(b[:i], q) || q.Title != "as it was" || q.Path != "kept" {
			t.Fatalf("%d of %d bytes decoded, or changed the value: %+v", i, len(b), q)
		}
	}
	q := &Post{Doc: Doc{Path: "kept"}}
	if !decodeFront(b, q) || q.Path != "kept" || q.Title != "T" || !q.Date.Equal(p.Date.Time) || !q.Date.Clock {
		t.Errorf("decoded %+v", q)
	}
}

// FuzzDecodeFront: no bytes make decoding panic or touch the document's
// own fields. (What the disk gives back was put there only if it read
// back as what was decoded, and is checked against a torn write.)
func FuzzDecodeFront(f *testing.F) {
	for _, v := range []any{
		&Post{Title: "T", Tags: TagList{"a", "b"}, TOC: new(bool)},
		&Event{Title: "E", Followups: []Followup{{Who: "a", Done: Done{Done: true}}}},
		&Contact{Name: "N", Met: &Met{At: "x"}, Cadence: Duration{N: 2, Unit: 'w'}},
	} {
		b, _ := encodeFront(v)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		doc := Doc{Path: "content/x.md", Body: "body"}
		for _, v := range []any{&Post{Doc: doc}, &Event{Doc: doc}, &Contact{Doc: doc}, &Page{Doc: doc}} {
			decodeFront(b, v)
			if got := reflect.ValueOf(v).Elem().FieldByName("Doc").Interface().(Doc); got != doc {
				t.Fatalf("%T: the document's fields changed: %+v", v, got)
			}
			encodeFront(v)
		}
	})
}

// TestSplitAfterBlankLines: the opening --- is the first line that is not
// blank, whatever white space the lines before it hold (a vertical tab, a
// no-break space), as the lines counted to report it, and the parser,
// have it.
func TestSplitAfterBlankLines(t *testing.T) {
	data := "\v\n\u00a0 \n---\ntitle: a\ndate: 2026-01-01\n---\nBody\n"
	d, block, err := split("content/posts/x.md", []byte(data))
	if err != nil {
		t.Fatalf("%q: %v", data, err)
	}
	if string(block) != "title: a\ndate: 2026-01-01\n" || d.BodyLine != 7 || d.Body != "Body\n" || d.start != 3 {
		t.Errorf("%q split into block %q, body %q at line %d, opening --- at line %d", data, block, d.Body, d.BodyLine, d.start)
	}
}
