package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

const debounce = 40 * time.Millisecond

func setup(t *testing.T) (string, *Watcher) {
	t.Helper()
	return setupWith(t, debounce)
}

// setupWith is setup with another debounce.
func setupWith(t *testing.T, debounce time.Duration) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/posts", "content/contacts", "public"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "content/posts/a.md", "one")
	write(t, root, "netjournal.yaml", "title: x")
	w, err := New(root, []string{"content", "themes", "static"}, debounce)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return root, w
}

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, rel), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for one batch, failing after a generous limit.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b := <-w.Batches():
		return b
	case err := <-w.Errors():
		t.Fatalf("watch error: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5s")
	}
	return Batch{}
}

// quiet asserts that no further batch comes.
func quiet(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Batches():
		t.Fatalf("unexpected extra batch: %v", b.Paths)
	case <-time.After(4 * debounce):
	}
}

func TestVimSave(t *testing.T) {
	root, w := setup(t)
	// vim's default on Linux: probe with 4913, rename the original to a
	// backup, write the new file, delete the backup; a swap file throughout.
	p := func(n string) string { return filepath.Join(root, "content/posts", n) }
	write(t, root, "content/posts/.a.md.swp", "swap")
	write(t, root, "content/posts/4913", "")
	os.Remove(p("4913"))
	if err := os.Rename(p("a.md"), p("a.md~")); err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/posts/a.md", "two")
	os.Remove(p("a.md~"))
	os.Remove(p(".a.md.swp"))
	b := next(t, w)
	if !slices.Equal(b.Paths, []string{"content/posts/a.md"}) {
		t.Errorf("vim save: batch %v, want only content/posts/a.md", b.Paths)
	}
	quiet(t, w)
}

// TestLinkedDocument: a document that another one is a symbolic link to
// is in the batch with the link when it is saved: both changed.
func TestLinkedDocument(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content/posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/posts/a.md", "one")
	if err := os.Symlink("a.md", filepath.Join(root, "content/posts/b.md")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	w, err := New(root, []string{"content"}, debounce)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	write(t, root, "content/posts/a.md", "two")
	b := next(t, w)
	if want := []string{"content/posts/a.md", "content/posts/b.md"}; !slices.Equal(b.Paths, want) {
		t.Errorf("a linked document saved: batch %v, want %v", b.Paths, want)
	}
	quiet(t, w)
}

func TestAtomicRenameSave(t *testing.T) {
	root, w := setup(t)
	// Editors that save atomically write a temporary file and rename it
	// over the original (JetBrains' safe write, VS Code, many libraries).
	write(t, root, "content/posts/a.md___jb_tmp___", "two")
	if err := os.Rename(filepath.Join(root, "content/posts/a.md"), filepath.Join(root, "content/posts/a.md___jb_old___")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(root, "content/posts/a.md___jb_tmp___"), filepath.Join(root, "content/posts/a.md")); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, "content/posts/a.md___jb_old___"))
	write(t, root, "content/posts/.a.md.tmp.123", "three")
	if err := os.Rename(filepath.Join(root, "content/posts/.a.md.tmp.123"), filepath.Join(root, "content/posts/a.md")); err != nil {
		t.Fatal(err)
	}
	b := next(t, w)
	if !slices.Equal(b.Paths, []string{"content/posts/a.md"}) {
		t.Errorf("atomic save: batch %v, want only content/posts/a.md", b.Paths)
	}
	quiet(t, w)
}

func TestNewFolderIsScanned(t *testing.T) {
	root, w := setup(t)
	// Files created right after their folder: fsnotify may not see them,
	// so the new folder is scanned.
	dir := filepath.Join(root, "content/contacts/lisbon/new")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/contacts/lisbon/new/ana.md", "x")
	b := next(t, w)
	if !slices.Contains(b.Paths, "content/contacts/lisbon/new/ana.md") {
		t.Fatalf("batch %v misses the file in the new folder", b.Paths)
	}
	// The new folder is watched from now on.
	write(t, root, "content/contacts/lisbon/new/bo.md", "y")
	if b := next(t, w); !slices.Equal(b.Paths, []string{"content/contacts/lisbon/new/bo.md"}) {
		t.Errorf("batch %v, want the second file", b.Paths)
	}
}

func TestBurstIsOneBatch(t *testing.T) {
	// A git checkout touching hundreds of files is one rebuild. The
	// debounce is long here: on a busy machine the writing loop below may
	// pause for longer than the usual one, and the pause would rightly
	// end the batch.
	root, w := setupWith(t, time.Second)
	for i := range 300 {
		write(t, root, fmt.Sprintf("content/posts/p%d.md", i), "x")
	}
	b := next(t, w)
	if len(b.Paths) != 300 {
		t.Errorf("burst: %d paths in the batch, want 300", len(b.Paths))
	}
	quiet(t, w)
}

func TestRootFilesAndIgnoredFolders(t *testing.T) {
	root, w := setup(t)
	write(t, root, "public/index.html", "output") // not watched
	write(t, root, "netjournal.yaml", "title: y")
	if b := next(t, w); !slices.Equal(b.Paths, []string{"netjournal.yaml"}) {
		t.Errorf("batch %v, want netjournal.yaml only", b.Paths)
	}
	// A theme folder that appears later is watched.
	if err := os.MkdirAll(filepath.Join(root, "themes/mine/blog"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, root, "themes/mine/blog/post.html", "x")
	if b := next(t, w); !slices.Contains(b.Paths, "themes/mine/blog/post.html") {
		t.Errorf("batch %v misses the new theme file", b.Paths)
	}
	// Chmod alone is no change.
	os.Chmod(filepath.Join(root, "content/posts/a.md"), 0o600)
	quiet(t, w)
}

func TestRemovedAndRenamedFolders(t *testing.T) {
	root, w := setup(t)
	if err := os.Rename(filepath.Join(root, "content/posts"), filepath.Join(root, "content/essays")); err != nil {
		t.Fatal(err)
	}
	b := next(t, w)
	if !slices.Contains(b.Paths, "content/posts") || !slices.Contains(b.Paths, "content/essays/a.md") {
		t.Errorf("rename: batch %v, want the old folder and the moved file", b.Paths)
	}
	// Everything is read again, but no event was lost: the rebuild's line
	// said "events were lost" after every folder renamed.
	if !b.Full || b.Lost {
		t.Errorf("rename: Full %v, Lost %v; want a full batch, nothing lost", b.Full, b.Lost)
	}
	if err := os.RemoveAll(filepath.Join(root, "content/essays")); err != nil {
		t.Fatal(err)
	}
	if b := next(t, w); !slices.Contains(b.Paths, "content/essays") {
		t.Errorf("remove: batch %v", b.Paths)
	}
}

// TestFolderNamedLikeABackup: a folder whose name an editor gives its
// backups (old~) is a folder whose documents a build reports; moved away,
// it is a change, though a file of that name removed is not one.
func TestFolderNamedLikeABackup(t *testing.T) {
	root, w := setup(t)
	if err := os.MkdirAll(filepath.Join(root, "content/posts/old~"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/posts/old~/b.md", "two")
	if b := next(t, w); !slices.Contains(b.Paths, "content/posts/old~/b.md") {
		t.Fatalf("new folder: batch %v misses its file", b.Paths)
	}
	if err := os.Rename(filepath.Join(root, "content/posts/old~"), filepath.Join(t.TempDir(), "old~")); err != nil {
		t.Fatal(err)
	}
	if b := next(t, w); !slices.Contains(b.Paths, "content/posts/old~") {
		t.Errorf("folder moved away: batch %v, want content/posts/old~", b.Paths)
	}
	write(t, root, "content/posts/a.md~", "backup")
	os.Remove(filepath.Join(root, "content/posts/a.md~"))
	quiet(t, w)
}

// TestLinkedFolders: a tree that is a symbolic link to a folder elsewhere
// (content in a synced folder), a folder directly in one that is (posts,
// a theme), is watched where it points, and what changes there is named
// by the link's path: serve and build --watch saw no edit in them. A
// tree linked anew (ln -sfn) is watched where it now points.
func TestLinkedFolders(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	for _, d := range []string{"content/contacts", "posts", "theme", "site2/contacts"} {
		if err := os.MkdirAll(filepath.Join(elsewhere, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, elsewhere, "content/contacts/ana.md", "one")
	write(t, elsewhere, "posts/a.md", "one")
	write(t, elsewhere, "theme/f.html", "one")
	if err := os.MkdirAll(filepath.Join(root, "themes"), 0o755); err != nil {
		t.Fatal(err)
	}
	// content, a link; posts, a link in it; a theme, a link.
	for link, target := range map[string]string{
		filepath.Join(root, "content"):            "content",
		filepath.Join(elsewhere, "content/posts"): "posts",
		filepath.Join(root, "themes/linked"):      "theme",
	} {
		if err := os.Symlink(filepath.Join(elsewhere, target), link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	w, err := New(root, []string{"content", "themes", "static"}, debounce)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	for _, tc := range []struct{ file, want string }{
		{"content/contacts/ana.md", "content/contacts/ana.md"},
		{"posts/a.md", "content/posts/a.md"},
		{"theme/f.html", "themes/linked/f.html"},
	} {
		write(t, elsewhere, tc.file, "two")
		if b := next(t, w); !slices.Equal(b.Paths, []string{tc.want}) {
			t.Errorf("%s saved: batch %v, want [%s]", tc.file, b.Paths, tc.want)
		}
	}
	// content linked to another folder: its files are news, and an edit
	// there is seen.
	tmp := filepath.Join(root, "content.new")
	if err := os.Symlink(filepath.Join(elsewhere, "site2"), tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	if b := next(t, w); !slices.Contains(b.Paths, "content") && !b.Full {
		t.Errorf("content linked anew: batch %v", b.Paths)
	}
	write(t, elsewhere, "site2/contacts/bo.md", "new")
	b := next(t, w)
	for !slices.Contains(b.Paths, "content/contacts/bo.md") {
		if len(b.Paths) == 0 && !b.Full {
			t.Fatalf("an edit where content now points: batch %v", b.Paths)
		}
		b = next(t, w)
	}
	// Where content pointed before is no longer the site's: an edit there
	// is no change (it was named content/contacts/ana.md).
	quiet(t, w)
	write(t, elsewhere, "content/contacts/ana.md", "three")
	quiet(t, w)
	// Nor, content removed, where it pointed last.
	if err := os.Remove(filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	next(t, w)
	write(t, elsewhere, "site2/contacts/bo.md", "newer")
	quiet(t, w)
}

// TestRelinkedFolders: content linked anew to a folder inside the one it
// pointed to is watched there, named as content's (it stayed named by the
// old folder's path); and a link in the linked folder (posts, to a shared
// folder) is watched again through the new one.
func TestRelinkedFolders(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	for _, d := range []string{"a/inner/posts", "a/contacts", "b", "shared"} {
		if err := os.MkdirAll(filepath.Join(elsewhere, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, elsewhere, "a/inner/posts/x.md", "one")
	write(t, elsewhere, "shared/s.md", "one")
	for link, target := range map[string]string{
		filepath.Join(root, "content"):      filepath.Join(elsewhere, "a"),
		filepath.Join(elsewhere, "a/posts"): filepath.Join(elsewhere, "shared"),
		filepath.Join(elsewhere, "b/posts"): filepath.Join(elsewhere, "shared"),
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	w, err := New(root, []string{"content"}, debounce)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	relink := func(target string) {
		t.Helper()
		tmp := filepath.Join(root, "content.new")
		if err := os.Symlink(target, tmp); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(root, "content")); err != nil {
			t.Fatal(err)
		}
		next(t, w)
		quiet(t, w)
	}
	relink(filepath.Join(elsewhere, "a/inner"))
	write(t, elsewhere, "a/inner/posts/x.md", "two")
	if b := next(t, w); !slices.Equal(b.Paths, []string{"content/posts/x.md"}) {
		t.Errorf("content linked to a folder of its old target: batch %v", b.Paths)
	}
	relink(filepath.Join(elsewhere, "a"))
	relink(filepath.Join(elsewhere, "b"))
	write(t, elsewhere, "shared/s.md", "two")
	if b := next(t, w); !slices.Equal(b.Paths, []string{"content/posts/s.md"}) {
		t.Errorf("a shared folder linked in the new target: batch %v", b.Paths)
	}
}
