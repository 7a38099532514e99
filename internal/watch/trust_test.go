package watch_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/watch"
)

// A build under serve trusts the watcher to name every change
// (content.Cache.Watched): these tests load a site as serve does, told
// the batches a real watcher sends, and check that an edit is read.

type trusting struct {
	t    *testing.T
	root string
	w    *watch.Watcher
	c    *content.Cache
}

func newTrusting(t *testing.T, root string) *trusting {
	t.Helper()
	w, err := watch.New(root, []string{"content", "themes", "static"}, 40*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	tr := &trusting{t: t, root: root, w: w, c: &content.Cache{Watched: true}}
	tr.load()
	return tr
}

// load loads the site as a rebuild does.
func (tr *trusting) load() *content.Site {
	tr.t.Helper()
	site, err := tr.c.Load(os.DirFS(tr.root))
	if err != nil {
		tr.t.Fatal(err)
	}
	return site
}

// next takes the next batch as serve does: Full forgets everything.
func (tr *trusting) next() {
	tr.t.Helper()
	select {
	case b := <-tr.w.Batches():
		if b.Full {
			tr.c = &content.Cache{Watched: true}
		}
		tr.c.Forget(b.Paths...)
	case err := <-tr.w.Errors():
		tr.t.Fatalf("watch error: %v", err)
	case <-time.After(5 * time.Second):
		tr.t.Fatal("no batch within 5s")
	}
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func bodies(site *content.Site) string {
	var b strings.Builder
	for _, p := range site.Posts {
		b.WriteString(p.Path + ": " + p.Body)
	}
	return b.String()
}

// TestEditAfterFolderRename: a folder renamed with a folder in it, then a
// document in that folder edited: the edit is read (fsnotify kept the
// inner folder's watch under its old path, which named the edit where
// the file no longer is).
func TestEditAfterFolderRename(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "netjournal.yaml"), "title: x\nbase_url: https://example.com/\n")
	writeFile(t, filepath.Join(root, "content/posts/2024/march/a.md"), "---\ntitle: A\ndate: 2024-03-01\n---\nOld body.\n")
	tr := newTrusting(t, root)
	if err := os.Rename(filepath.Join(root, "content/posts/2024"), filepath.Join(root, "content/posts/2025")); err != nil {
		t.Fatal(err)
	}
	tr.next()
	tr.load()
	time.Sleep(20 * time.Millisecond)
	writeFile(t, filepath.Join(root, "content/posts/2025/march/a.md"), "---\ntitle: A\ndate: 2024-03-01\n---\nNew body.\n")
	writeFile(t, filepath.Join(root, "content/posts/2025/march/b.md"), "---\ntitle: B\ndate: 2024-03-02\n---\nAnother.\n")
	tr.next()
	got := bodies(tr.load())
	if !strings.Contains(got, "2025/march/a.md: New body.") || !strings.Contains(got, "2025/march/b.md: Another.") {
		t.Errorf("after the rename, the edit and the new file are not read:\n%s", got)
	}
}

// TestLinkedContentFolder: a content folder that is a symbolic link to
// one elsewhere, which the watcher watches where it points: a rebuild set
// off by another file reads an edit there too.
func TestLinkedContentFolder(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(root, "netjournal.yaml"), "title: x\nbase_url: https://example.com/\n")
	writeFile(t, filepath.Join(root, "content/contacts/ana.md"), "---\nname: Ana\n---\nNotes.\n")
	writeFile(t, filepath.Join(elsewhere, "a.md"), "---\ntitle: A\ndate: 2024-03-01\n---\nOld body.\n")
	if err := os.Symlink(elsewhere, filepath.Join(root, "content/posts")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	tr := newTrusting(t, root)
	time.Sleep(20 * time.Millisecond)
	writeFile(t, filepath.Join(elsewhere, "a.md"), "---\ntitle: A\ndate: 2024-03-01\n---\nNew body, longer.\n")
	writeFile(t, filepath.Join(root, "content/contacts/ana.md"), "---\nname: Ana\n---\nMore notes.\n")
	tr.next()
	if got := bodies(tr.load()); !strings.Contains(got, "New body, longer.") {
		t.Errorf("the edit in the linked folder is not read:\n%s", got)
	}
}
