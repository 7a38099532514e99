package journal

import (
	"strings"
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
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(config)}}
	files := map[string]string{
		"content/contacts/ana-lima.md": "---\nname: Ana Lima\n---\nMet through [[Bo Chen]].\n",
		"content/contacts/bo-chen.md":  "---\nname: Bo Chen\n---\n",
		"content/posts/hello.md":       "---\ntitle: Hello\ndate: 2026-11-01\n---\n# Hi\n\nA post about [[hello|itself]].\n",
	}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
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
