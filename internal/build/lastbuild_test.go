package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/fileid"
)

// TestEditedBuildInANewProcess: a build in a new process after a body's
// edit (netjournal build, run again) makes the data of the pages that
// show that body and of no other, and writes what a full build without
// the cache writes; after a front matter's edit, or with what the last
// build kept torn, it makes every page's, and writes the same again.
func TestEditedBuildInANewProcess(t *testing.T) {
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	var lastTaken, lastDocs int // the search entries a build took as they were, of its documents
	buildWith := func(step string, opts Options) (made, all int) {
		t.Helper()
		b, closeCache := cachedBuilder(t, site)
		defer closeCache()
		res := streamedLikeFull(t, step, site, b, opts)
		t.Logf("%s: the data of %d pages made, of %d files", step, b.blog.Made()+b.wiki.Made(), len(res.Public)+len(res.Private))
		lastTaken = b.wiki.EntriesTaken()
		lastDocs = len(res.Journal.Contacts) + len(res.Journal.Events) + len(res.Journal.Posts)
		return b.blog.Made() + b.wiki.Made(), len(res.Public) + len(res.Private)
	}
	build := func(step string) (made, all int) {
		t.Helper()
		return buildWith(step, opts)
	}
	build("first build")
	const post = "content/posts/skip-level-one-on-ones.md"
	rewrite(t, site, post, func(s string) string { return s + "\nOne more line, in a new process.\n" })
	if made, all := build("a body edited"); made == 0 || made*10 > all {
		t.Errorf("a body edited: the data of %d pages made, of %d files", made, all)
	}
	// The other documents' search entries are the last build's, taken
	// by their keys on the disk, not made again.
	if taken, docs := lastTaken, lastDocs; taken == 0 || taken < docs-3 {
		t.Errorf("a body edited: %d search entries taken as they were, of %d documents", taken, docs)
	}
	rewrite(t, site, post, func(s string) string { return s + "\nAnd another.\n" })
	if made, all := build("a body edited again"); made == 0 || made*10 > all {
		t.Errorf("a body edited again: the data of %d pages made, of %d files", made, all)
	}
	rewrite(t, site, post, func(s string) string {
		return titleLine.ReplaceAllLiteralString(s, `title: "Skip-levels, retitled"`)
	})
	if made, all := build("a title edited"); made*3 < all {
		t.Errorf("a title edited: the data of %d pages made, of %d files: want every page's", made, all)
	}
	// What the last build kept, torn: every page is made, rightly.
	rewrite(t, site, post, func(s string) string { return s + "\nA third line.\n" })
	p := filepath.Join(site, filepath.FromSlash(CacheDir))
	matches, _ := filepath.Glob(filepath.Join(p, "*", lastBuildFile))
	if len(matches) != 1 {
		t.Fatalf("%d files %s under %s, want one", len(matches), lastBuildFile, p)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(matches[0], b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if made, all := build("a body edited, the last build's state torn"); made*3 < all {
		t.Errorf("torn state: the data of %d pages made, of %d files: want every page's", made, all)
	}
	// A body edited with anything else a page is made from: the next
	// day (what is due, how long ago), drafts shown, a template of the
	// site's theme. Each makes every page, and writes a full build's.
	next := opts
	next.Now = opts.Now.AddDate(0, 0, 1)
	rewrite(t, site, post, func(s string) string { return s + "\nA fourth line.\n" })
	if made, all := buildWith("a body edited, the next day", next); made*3 < all {
		t.Errorf("the next day: the data of %d pages made, of %d files: want every page's", made, all)
	}
	drafts := next
	drafts.Drafts = true
	rewrite(t, site, post, func(s string) string { return s + "\nA fifth line.\n" })
	buildWith("a body edited, with drafts", drafts)
	buildWith("drafts again", drafts)
	dumpTheme(t, site)
	buildWith("a theme of the site's", drafts)
	rewrite(t, site, post, func(s string) string { return s + "\nA sixth line.\n" })
	rewrite(t, site, "themes/dump/wiki/contact.html", func(s string) string { return s + "<!-- edited -->\n" })
	if made, all := buildWith("a body edited, and a template", drafts); made*3 < all {
		t.Errorf("a template edited: the data of %d pages made, of %d files: want every page's", made, all)
	}
}

// TestReadAhead: the last build's record read ahead (Builder.ReadAhead),
// if it was written more than a file system's tick ago, is taken when its
// file is the one read still, and the file is read
// again when it was written since: a record damaged after the read ahead
// is taken as it is now (none), not as it was.
func TestReadAhead(t *testing.T) {
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	b, closeCache := cachedBuilder(t, site)
	streamedLikeFull(t, "first build", site, b, opts)
	closeCache()
	p := filepath.Join(site, filepath.FromSlash(CacheDir))
	matches, _ := filepath.Glob(filepath.Join(p, "*", lastBuildFile))
	if len(matches) != 1 {
		t.Fatalf("%d files %s under %s, want one", len(matches), lastBuildFile, p)
	}
	record := matches[0]

	b, closeCache = cachedBuilder(t, site)
	defer closeCache()
	// A record written within a file system's tick of now is not read
	// ahead (it may be written again unseen); one older is.
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = time.Hour
	b.ReadAhead(site)
	if <-b.ahead.done; b.ahead.last != nil {
		t.Error("a record written just now was read ahead")
	}
	racyWindow = 0
	b.ReadAhead(site)
	a := b.ahead
	<-a.done
	if a.last == nil {
		t.Fatal("nothing read ahead")
	}
	if got := a.take(b.lastBuildPath()); got != a.last {
		t.Error("the record read ahead was read again, though its file is the same")
	}
	// Written anew (as a build writes it: another file, renamed into
	// place), damaged, to the same size: only the file's identity says so.
	data, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-1] ^= 0xff
	if err := os.WriteFile(record+".new", data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(record+".new", record); err != nil {
		t.Fatal(err)
	}
	if a.id.Ctime == 0 {
		t.Skip("no change time on this system: a record read ahead is never taken")
	}
	if got := a.take(b.lastBuildPath()); got != nil {
		t.Error("the record read ahead was taken, though its file was written again since (damaged)")
	}
	// And a build after a read ahead writes what a full build writes.
	rewrite(t, site, "content/posts/skip-level-one-on-ones.md", func(s string) string { return s + "\nRead ahead.\n" })
	b.ReadAhead(site)
	streamedLikeFull(t, "a body edited, read ahead", site, b, opts)
}

// streamedLikeFull streams a build of site by b with opts (step names it)
// and fails t unless it writes what a full build without the cache
// writes, with the same warnings.
func streamedLikeFull(t *testing.T, step, site string, b *Builder, opts Options) *Result {
	t.Helper()
	res, err := streamed(t, site, b, opts)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	want, err := Render(os.DirFS(site), opts)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := res.Warnings.Error(), want.Warnings.Error(); g != w {
		t.Fatalf("%s: warnings\n%s\nwant\n%s", step, g, w)
	}
	if diff := writtenDiff(t, site, want); diff != "" {
		t.Fatalf("%s: %s", step, diff)
	}
	return res
}

// TestStrictFailureKeepsTheLastBuild: what the next build needs of this
// one is written while the links are checked, and kept only if the build
// succeeds: a build that --strict fails on a broken link leaves the last
// build's record as it was, with nothing left beside it, and the build
// after it writes what a full build writes.
func TestStrictFailureKeepsTheLastBuild(t *testing.T) {
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	run := func(opts Options) error {
		t.Helper()
		b, closeCache := cachedBuilder(t, site)
		defer closeCache()
		_, err := streamed(t, site, b, opts)
		return err
	}
	if err := run(opts); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(site, filepath.FromSlash(CacheDir), "*", lastBuildFile))
	if len(matches) != 1 {
		t.Fatalf("%d files %s, want one", len(matches), lastBuildFile)
	}
	before, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	const post = "content/posts/skip-level-one-on-ones.md"
	rewrite(t, site, post, func(s string) string { return s + "\nSee [a post that is not](/posts/no-such-post/).\n" })
	strict := opts
	strict.Strict = true
	if err := run(strict); err == nil || !strings.Contains(err.Error(), "broken link") {
		t.Fatalf("a strict build with a broken link: %v, want it to fail on the link", err)
	}
	if after, err := os.ReadFile(matches[0]); err != nil || !bytes.Equal(after, before) {
		t.Errorf("a build that failed changed the last build's record (%v)", err)
	}
	if left, _ := filepath.Glob(matches[0] + ".new-*"); len(left) > 0 {
		t.Errorf("a build that failed left %v", left)
	}
	if err := run(opts); err != nil {
		t.Fatal(err)
	}
	want, err := Render(os.DirFS(site), opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := writtenDiff(t, site, want); diff != "" {
		t.Fatalf("after the failed build, %s", diff)
	}
}

// TestOpenCacheClearsHalfWritten: the files a killed build left half
// written in the cache's folder (a state being replaced) are removed when
// the cache is next opened, and the cache still opens.
func TestOpenCacheClearsHalfWritten(t *testing.T) {
	site := t.TempDir()
	d, err := OpenCache(site)
	if err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(d.Dir(), lastBuildFile+".new-123")
	d.Close()
	if err := os.WriteFile(left, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err = OpenCache(site)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("%s still there: %v", left, err)
	}
}

// readCounter is a site folder that counts the documents read from it.
type readCounter struct {
	fs.FS
	mu    sync.Mutex
	reads map[string]int
}

func (r *readCounter) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
		r.mu.Lock()
		r.reads[name]++
		r.mu.Unlock()
	}
	return r.FS.Open(name)
}

// TestNewProcessTakesFilesUnread: a build in a new process takes the
// documents whose files are as the last build read them (size, times and
// inode) without reading them, and writes what a full build writes, with
// the same warnings; a file written again, even to the same size and
// modification time, is read.
func TestNewProcessTakesFilesUnread(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0 // the files below were all written just now
	site := copySite(t)
	if info, err := os.Stat(filepath.Join(site, content.ConfigFile)); err == nil && fileid.ChangeTime(info) == 0 {
		t.Skip("no change time on this system: every file is read")
	}
	// A body with a control character: its lines are read for the
	// warnings, as a full build reads them.
	const control = "content/posts/skip-level-one-on-ones.md"
	rewrite(t, site, control, func(s string) string { return s + "\nA bell \x07 rang.\n" })
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	build := func(step string) map[string]int {
		t.Helper()
		return countedBuild(t, step, site, opts)
	}
	all := build("first build")
	if len(all) < 20 {
		t.Fatalf("the first build read %d documents", len(all))
	}
	const post = "content/posts/idempotency-is-a-contract.md"
	rewrite(t, site, post, func(s string) string { return s + "\nOne more line, in a new process.\n" })
	reads := build("a body edited")
	if reads[post] == 0 || reads[control] == 0 {
		t.Errorf("a body edited: the edited post read %d times, the post with a control character %d", reads[post], reads[control])
	}
	// Read again: the edited post's file and the control character's
	// (for their bodies), and the standalone pages; no other.
	for p := range reads {
		if p != post && p != control && !strings.HasPrefix(p, "content/pages/") {
			t.Errorf("a body edited: %s read, unchanged since the last build", p)
		}
	}
	// A post written again to the same size and time: its inode or
	// change time says so, and it is read.
	const same = "content/posts/consensus-talk-notes.md"
	p := filepath.Join(site, filepath.FromSlash(same))
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	rewrite(t, site, same, func(s string) string {
		i := strings.LastIndex(s, "the")
		if i < 0 {
			t.Fatal("no word to change")
		}
		return s[:i] + "THE" + s[i+3:]
	})
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if reads := build("a post written again, its size and time as they were"); reads[same] == 0 {
		t.Errorf("%s, written again, not read", same)
	}
	// A front matter edited: every page made again, from files unread.
	rewrite(t, site, post, func(s string) string {
		return titleLine.ReplaceAllLiteralString(s, `title: "Pooling, retitled"`)
	})
	build("a title edited")
	// The cache's pack torn by a kill, its first half kept: what the
	// last build kept may be gone with the rest, and what is left is
	// taken (a body whose prepared form is gone is read again:
	// journal.TestUnreadBodies).
	packs, _ := filepath.Glob(filepath.Join(site, filepath.FromSlash(CacheDir), "*", "pack"))
	if len(packs) != 1 {
		t.Fatalf("%d packs", len(packs))
	}
	info, err = os.Stat(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(packs[0], info.Size()/2); err != nil {
		t.Fatal(err)
	}
	rewrite(t, site, post, func(s string) string { return s + "\nA line after the pack was torn.\n" })
	build("a body edited, the cache's pack torn")
}

// countedBuild streams a build of site in a new process (step names it),
// checks it against a full build (streamedLikeFull) and returns how many
// times it read each document's file.
func countedBuild(t *testing.T, step, site string, opts Options) map[string]int {
	t.Helper()
	d, err := OpenCache(site)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	fsys := &readCounter{FS: os.DirFS(site), reads: map[string]int{}}
	b := NewBuilder(fsys)
	b.UseDisk(d)
	streamedLikeFull(t, step, site, b, opts)
	return fsys.reads
}

// TestRecentFilesRead: a file changed within a file system's tick of
// the load (racyWindow) may be written again without its size, times
// and inode changing: the next build reads it.
func TestRecentFilesRead(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = time.Hour // every file of the site was written within it
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	all := countedBuild(t, "first build", site, opts)
	const post = "content/posts/idempotency-is-a-contract.md"
	rewrite(t, site, post, func(s string) string { return s + "\nOne more line.\n" })
	reads := countedBuild(t, "a body edited", site, opts)
	for p := range all {
		if reads[p] == 0 {
			t.Errorf("%s, changed within the window, not read", p)
		}
	}
}
