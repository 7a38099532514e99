package journal

import (
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/markdown"
)

// TestLetBodies: a journal built with Reread, by a renderer that renders
// once with a disk, lets every body with text go (its document's Body
// emptied) and renders each from its Source the same as with the text.
// A body that the disk then loses is read again; when its file changed
// meanwhile, the post's page is not filled with another body, or none, in
// silence: Late says where.
func TestLetBodies(t *testing.T) {
	files := map[string]string{
		"content/contacts/ana-lima.md": "---\nname: Ana Lima\n---\nMet through [[Bo Chen]].\n",
		"content/contacts/bo-chen.md":  "---\nname: Bo Chen\n---\n",
		"content/posts/hello.md":       "---\ntitle: Hello\ndate: 2026-11-01\n---\n# Hi\n\nA post about [[hello|itself]].\n",
	}
	fsys := siteOf(files)
	disk := func() *diskcache.Cache {
		d, err := diskcache.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	build := func(md *markdown.Renderer, reread func(string) (string, error)) *Journal {
		s, err := content.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		j, err := Build(s, md, Options{Now: now, Reread: reread})
		if err != nil {
			t.Fatal(err)
		}
		return j
	}
	want := build(markdown.New(), nil)
	wantPub, err := want.Public()
	if err != nil {
		t.Fatal(err)
	}
	wantHTML := string(wantPub.Posts[0].Body.HTML())

	md := markdown.New()
	md.UseDisk(disk())
	md.Once()
	reads := map[string]int{}
	changed := false
	j := build(md, func(path string) (string, error) {
		reads[path]++
		body := strings.SplitN(files[path], "---\n", 3)[2]
		if changed {
			body += "Changed.\n"
		}
		return body, nil
	})
	for _, n := range []Node{j.Contacts[0], j.Posts[0]} {
		if n.Doc().Body != "" || n.Source().Blank() {
			t.Errorf("%s: the body was not let go", n.Doc().Path)
		}
	}
	if !j.Contacts[1].Source().Blank() {
		t.Error("an empty body was let go")
	}
	pub, err := j.Public()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(pub.Posts[0].Body.HTML()); got != wantHTML || len(reads) != 0 || j.Late() != nil {
		t.Errorf("let go: %q, %v read again, late %v; want %q, none", got, reads, j.Late(), wantHTML)
	}

	// The disk loses it: the text is read again, the same.
	md.UseDisk(disk())
	if got := string(pub.Posts[0].Body.HTML()); got != wantHTML || reads["content/posts/hello.md"] != 1 || j.Late() != nil {
		t.Errorf("read again: %q, %v read again, late %v; want %q", got, reads, j.Late(), wantHTML)
	}
	// And the file changed meanwhile: no body, and Late says where.
	md.UseDisk(disk())
	changed = true
	if got := string(pub.Posts[0].Body.HTML()); got != "" {
		t.Errorf("changed: the page shows %q", got)
	}
	if err := j.Late(); err == nil || !strings.Contains(err.Error(), "content/posts/hello.md:5: the body could not be read back: its file changed during the build") {
		t.Errorf("Late = %v, want the post's body at its first line", err)
	}
}

// TestUnreadBodies: documents a load took without reading their files
// (content.Cache.Known) give the journal what read ones give, by a
// renderer whose disk holds nothing of their bodies: each is read again
// (Reread) and checked against its digest; a post with a control
// character is read for the lines of its warnings.
func TestUnreadBodies(t *testing.T) {
	fsys := siteOf(map[string]string{
		"content/contacts/ana-lima.md": "---\nname: Ana Lima\n---\nMet through [[Bo Chen]].\n",
		"content/contacts/bo-chen.md":  "---\nname: Bo Chen\n---\nKnows [[Hello]].\n",
		"content/posts/hello.md":       "---\ntitle: Hello\ndate: 2026-11-01\n---\n# Hi\n\nA post about [[hello|itself]], a bell \x07.\n",
	})
	d, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	first := &content.Cache{Disk: d}
	if _, err := first.Load(fsys); err != nil {
		t.Fatal(err)
	}
	site, err := (&content.Cache{Disk: d, Known: first.Files()}).Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []*content.Doc{&site.Contacts[0].Doc, &site.Posts[0].Doc} {
		if _, unread := doc.UnreadBody(); !unread {
			t.Fatalf("%s was read", doc.Path)
		}
	}
	reads := map[string]int{}
	var mu sync.Mutex    // Reread is called on every core
	md := markdown.New() // its disk holds nothing of the bodies
	md.Once()
	j, err := Build(site, md, Options{Now: now, Reread: func(path string) (string, error) {
		mu.Lock()
		reads[path]++
		mu.Unlock()
		return content.ReadBody(fsys, path)
	}})
	if err != nil {
		t.Fatal(err)
	}
	read, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Build(read, markdown.New(), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := j.Warnings.Error(), want.Warnings.Error(); g != w || !strings.Contains(g, "control character") {
		t.Errorf("warnings\n%s\nwant\n%s", g, w)
	}
	if len(j.Contacts[1].Backlinks) != 1 || len(j.Posts[0].Backlinks) != len(want.Posts[0].Backlinks) {
		t.Errorf("backlinks %d and %d, want 1 and %d", len(j.Contacts[1].Backlinks), len(j.Posts[0].Backlinks), len(want.Posts[0].Backlinks))
	}
	if reads["content/posts/hello.md"] == 0 || reads["content/contacts/ana-lima.md"] == 0 {
		t.Errorf("bodies read again: %v", reads)
	}
	if j.Late() != nil {
		t.Errorf("late: %v", j.Late())
	}
	// A file changed since the load: its body is not the one the load
	// took, and the journal says so, never building on no body at all.
	md = markdown.New()
	md.Once()
	j, err = Build(site, md, Options{Now: now, Reread: func(path string) (string, error) {
		body, err := content.ReadBody(fsys, path)
		return body + "Changed.\n", err
	}})
	if err != nil {
		t.Fatal(err)
	}
	if late := j.Late(); late == nil || !strings.Contains(late.Error(), "content/contacts/ana-lima.md:4") || !strings.Contains(late.Error(), "changed during the build") {
		t.Errorf("a body changed since the load: late %v", late)
	}
}

// siteOf is a site of the test config and these files, by path.
func siteOf(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(config)}}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}
