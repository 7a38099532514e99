package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netjournal/netjournal/internal/build"
	"github.com/netjournal/netjournal/internal/content"
)

// TestWatchAndLoadAgree: the watcher reports a change to every file that a
// build reads or warns about, and to nothing that a build passes over in
// silence (an editor's temporaries): otherwise a watch session's output
// goes stale, or every save rebuilds twice.
func TestWatchAndLoadAgree(t *testing.T) {
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(root, content.ConfigFile), []byte("title: T\nbase_url: https://example.com/\n"), 0o644))
	must(os.MkdirAll(filepath.Join(root, "content/posts/2024.bak"), 0o755))
	must(os.MkdirAll(filepath.Join(root, "content/posts/_old"), 0o755))
	e := &env{stdout: io.Discard, stderr: io.Discard, dir: root}
	w, ok := e.watchSite()
	if !ok {
		t.Fatal("the watcher did not start")
	}
	defer w.Close()

	paths := []string{
		"content/posts/plain.md",
		"content/posts/2024.bak/in-an-old-backup-folder.md",
		"content/posts/_old/set-aside.md",
		"content/posts/2025.bak/in-a-new-backup-folder.md",
		"content/posts/x~/tilde-folder.md",
		"content/posts/tmp.tmp/tmp-folder.md",
		"content/posts/year/nested.md",
		"content/posts/_draft.md",
		"content/posts/.hidden/hidden.md",
		"content/posts/plain.md~",
		"content/posts/.plain.md.swp",
		"content/posts/#plain.md#",
		"content/posts/plain.md___jb_tmp___",
		"content/posts/4913",
	}
	post := []byte("---\ntitle: T\ndate: 2026-01-01\n---\nBody.\n")
	for _, p := range paths {
		must(os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755))
		must(os.WriteFile(filepath.Join(root, p), post, 0o644))
	}
	reported := map[string]bool{}
	for quiet := false; !quiet; {
		select {
		case b := <-w.Batches():
			for _, p := range b.Paths {
				reported[p] = true
			}
		case <-time.After(time.Second):
			quiet = true
		}
	}

	site, err := content.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]string{} // path → what the build does with it
	for _, p := range site.Posts {
		used[p.Path] = "reads"
	}
	for _, w := range site.Warnings {
		used[w.Pos.Path] = "warns about"
	}
	if len(used) < 3 {
		t.Fatalf("the build used only %v: the test would prove little", used)
	}
	for _, p := range paths {
		switch what, ok := used[p]; {
		case ok && !reported[p]:
			t.Errorf("the build %s %s, but the watcher did not report it", what, p)
		case !ok && reported[p] && !slices.ContainsFunc(site.Warnings, func(w *content.Error) bool { return strings.HasPrefix(p, w.Pos.Path) }):
			t.Errorf("the build ignores %s, but the watcher reported it", p)
		}
	}
}

// TestWatchWritesUnderTheLock: build --watch writes a rebuild's changed
// files only while it holds the site's lock, as every build does, so
// that a build of the same site in another process never stages from a
// file being replaced: while the lock is held, the output stays as it is.
func TestWatchWritesUnderTheLock(t *testing.T) {
	site := lockSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	page := filepath.Join(site, "public/posts/gen/index.html")
	waitFor := watchSite(t, ctx, site, page)
	waitFor("Generation 0")
	unlock, err := build.Lock(ctx, site)
	if err != nil {
		t.Fatal(err)
	}
	setGeneration(t, site, 1)
	time.Sleep(2 * time.Second) // a rebuild of 20 posts takes a tenth of that
	b, err := os.ReadFile(page)
	unlock()
	if err != nil || !bytes.Contains(b, []byte("Generation 0")) {
		t.Fatalf("the watcher wrote while another held the lock (%v): %.200s", err, generation.Find(b))
	}
	waitFor("Generation 1")
}

// TestWatchStopsWhileWaitingForTheLock: Ctrl-C while the watcher waits
// for another build's lock stops it as any Ctrl-C does, exit 0 and no
// error, the output as the last rebuild left it.
func TestWatchStopsWhileWaitingForTheLock(t *testing.T) {
	site := lockSite(t)
	watcher := netjournalAt(context.Background(), site, "build", "--watch", "--now", "2026-11-22")
	var stderr bytes.Buffer
	watcher.Stdout, watcher.Stderr = io.Discard, &stderr
	if err := watcher.Start(); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(site, "public/posts/gen/index.html")
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(page); err == nil && bytes.Contains(b, []byte("Generation 0")) {
			break
		}
		if time.Now().After(deadline) {
			watcher.Process.Kill()
			t.Fatalf("no first build; the watcher said:\n%s", stderr.String())
		}
	}
	unlock, err := build.Lock(context.Background(), site)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	setGeneration(t, site, 1)
	time.Sleep(2 * time.Second) // the rebuild is made, and waits for the lock
	watcher.Process.Signal(os.Interrupt)
	err = watcher.Wait()
	if err != nil || strings.Contains(stderr.String(), "netjournal build:") {
		t.Errorf("Ctrl-C while waiting for the lock: %v; the watcher said:\n%s", err, stderr.String())
	}
	if b, err := os.ReadFile(page); err != nil || !bytes.Contains(b, []byte("Generation 0")) {
		t.Errorf("the output changed (%v): %.200s", err, generation.Find(b))
	}
}

// lockSite is a generated site of 20 posts at generation 0, for a test of
// the site's lock, which unix systems alone take (lock_other.go).
func lockSite(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the site's lock is taken on unix systems alone (lock_other.go)")
	}
	site := t.TempDir()
	genSite(t, site, 20)
	setGeneration(t, site, 0)
	return site
}

// TestWatchAfterAnotherBuild: when another netjournal rewrites the output
// folders while build --watch runs (build --drafts, here), the watcher's
// next rebuild replaces them whole rather than change only what it wrote
// last: no page of the other build is left behind.
func TestWatchAfterAnotherBuild(t *testing.T) {
	site := t.TempDir()
	genSite(t, site, 20)
	setGeneration(t, site, 0)
	if err := os.WriteFile(filepath.Join(site, "content/posts/a-draft.md"), []byte("---\ntitle: A draft\ndate: 2020-01-01\ndraft: true\n---\nNot yet.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	page, draft := filepath.Join(site, "public/posts/gen/index.html"), filepath.Join(site, "public/posts/a-draft/index.html")
	waitFor := watchSite(t, ctx, site, page)
	waitFor("Generation 0")
	if b, err := netjournalAt(ctx, site, "build", "--drafts", "--now", "2026-11-22", "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("build --drafts: %v\n%s", err, b)
	}
	if _, err := os.Stat(draft); err != nil {
		t.Fatalf("build --drafts wrote no draft page: %v", err)
	}
	setGeneration(t, site, 1)
	waitFor("Generation 1")
	if _, err := os.Stat(draft); err == nil {
		t.Error("the watcher's rebuild left the other build's draft page in public/")
	}
}

// watchSite starts build --watch on site until ctx is done or the test
// ends, and returns what waits until the output file page holds a text.
func watchSite(t *testing.T, ctx context.Context, site, page string) (waitFor func(want string)) {
	t.Helper()
	watcher := netjournalAt(ctx, site, "build", "--watch", "--now", "2026-11-22")
	var stderr bytes.Buffer
	watcher.Stdout, watcher.Stderr = io.Discard, &stderr
	if err := watcher.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		watcher.Process.Signal(os.Interrupt)
		watcher.Wait()
	})
	return func(want string) {
		t.Helper()
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if b, err := os.ReadFile(page); err == nil && bytes.Contains(b, []byte(want)) {
				return
			}
		}
		t.Fatalf("%s does not hold %q; the watcher said:\n%s", page, want, stderr.String())
	}
}
