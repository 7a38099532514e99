package build

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var upToDateSeed = flag.Uint64("uptodate-seed", 0, "replay TestUpToDateIsExact with this seed")

// stampedBuild builds the site as `netjournal build` does, checking first
// whether the outputs are up to date; it says whether they were.
func stampedBuild(t *testing.T, site string, opts Options, pub, priv string) (upToDate bool) {
	t.Helper()
	ctx := context.Background()
	in := SumInputs(site, opts, pub, priv)
	s, err := UpToDate(ctx, site, in, pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	if s != nil {
		return true
	}
	// Streamed, with the cache on disk: pages whose key the output lists
	// are kept unread, as netjournal build keeps them.
	b, closeCache := cachedBuilder(t, site)
	defer closeCache()
	st, err := Begin(ctx, site, Output{Dir: pub}, Output{Dir: priv, Private: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := b.Stream(ctx, opts, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(in, res); err != nil {
		t.Fatal(err)
	}
	return false
}

// TestUpToDateIsExact makes random changes to a site, its options and
// its output folders, each followed by a build that checks first: after
// it, up to date or not, the outputs hold exactly what a full build
// writes; after a change that a build must see it never finds them up to
// date; after no change at all it always does.
func TestUpToDateIsExact(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0 // every change below changes a size or a name
	seed := *upToDateSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay with -uptodate-seed %d)", seed, seed)
	r := rand.New(rand.NewPCG(seed, 1))
	site := copySite(t)
	pub, priv := filepath.Join(site, "public"), filepath.Join(t.TempDir(), "wiki")
	opts := Options{Now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	posts := mdFiles(t, site, "content")
	// A file of an output, but its Marker: a folder without one is
	// refused, as it should be (outdir.txtar), not rebuilt.
	outFile := func(dir string) string {
		files := readTree(t, dir)
		delete(files, Marker)
		names := sortedKeys(files)
		return filepath.Join(dir, filepath.FromSlash(pick(r, names)))
	}
	changes := []struct {
		name   string
		change func() // nil: none
		seen   bool   // a build must see it
		maybe  bool   // a build may or may not see it: the same bytes either way
	}{
		{"nothing", nil, false, false},
		{"a later hour of the same day", func() { opts.Now = opts.Now.Add(time.Hour) }, false, false},
		{"the next day", func() { opts.Now = opts.Now.Add(24 * time.Hour) }, true, false},
		{"drafts published or not", func() { opts.Drafts = !opts.Drafts }, true, false},
		{"future posts published or not", func() { opts.Future = !opts.Future }, true, false},
		{"a source edited", func() {
			rewrite(t, site, pick(r, posts), func(s string) string { return s + "\nEdited.\n" })
		}, true, false},
		{"a source's time set back", func() {
			p := filepath.Join(site, filepath.FromSlash(pick(r, posts)))
			old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}, true, false},
		{"a file added beside the sources", func() {
			p := filepath.Join(site, "content", "notes", "new.txt")
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(time.Now().String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true, false},
		{"a public file changed by hand", func() {
			p := outFile(pub)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, append(b, "<!-- mine -->"...), 0o644)
		}, true, false},
		{"a wiki file removed", func() { os.Remove(outFile(priv)) }, true, false},
		// A folder below the top, where a build takes it for its own
		// (it holds no file of anyone's); a file added anywhere makes a
		// build refuse the folder, at once at its top, or the build after
		// below it (TestForeignFiles, TestDeepForeignFileKept).
		{"a folder added to the blog", func() { os.Mkdir(filepath.Join(pub, "posts", "extra"), 0o755) }, true, false},
		// The new file may get the old one's inode in the same tick, and
		// be taken for it: rightly, as it holds the same bytes.
		{"a public file replaced by the same bytes", func() {
			p := outFile(pub)
			b, _ := os.ReadFile(p)
			os.Remove(p)
			os.WriteFile(p, b, 0o644)
		}, false, true},
		// Only the change time tells this one.
		{"a source rewritten in place, same size, its time put back", func() {
			p := filepath.Join(site, filepath.FromSlash(pick(r, posts)))
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(p)
			i := bytes.LastIndexByte(b, '.')
			if i < 0 {
				i = len(b) - 1
			}
			b[i] ^= 1 // '.' and '/' swap: the same size
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, true, false},
		{"the wiki made readable by others", func() { os.Chmod(priv, 0o755) }, true, false},
	}
	if stampedBuild(t, site, opts, pub, priv) {
		t.Fatal("the first build found its outputs up to date")
	}
	for i := range 40 {
		c := changes[r.IntN(len(changes))]
		if c.change != nil {
			c.change()
		}
		upToDate := stampedBuild(t, site, opts, pub, priv)
		switch {
		case upToDate && c.seen:
			t.Fatalf("step %d, %s: the build found the outputs up to date", i, c.name)
		case !upToDate && c.change == nil && !c.maybe:
			t.Fatalf("step %d, %s: the build did not find the outputs up to date", i, c.name)
		}
		if upToDate {
			// The example site has warnings: a strict build fails, and
			// must not find the outputs of a lenient one up to date.
			strict := opts
			strict.Strict = true
			if s, err := UpToDate(context.Background(), site, SumInputs(site, strict, pub, priv), pub, priv); err != nil || s != nil {
				t.Fatalf("step %d, %s: a strict build found a lenient build's outputs up to date (%v)", i, c.name, err)
			}
		}
		// Up to date or built (in the spare, keeping pages by their key,
		// after changes made by hand to the output), the outputs are what
		// a fresh build renders.
		want, err := Render(os.DirFS(site), opts)
		if err != nil {
			t.Fatal(err)
		}
		want.Public[Marker] = []byte(markerText)
		want.Private[Marker] = []byte(markerText)
		want.Private[".gitignore"] = []byte("# The private wiki: never commit it.\n*\n")
		if diff := compare(readTree(t, pub), want.Public) + compare(readTree(t, priv), want.Private); diff != "" {
			t.Fatalf("step %d, %s (up to date: %v): not what a fresh build renders:\n%s", i, c.name, upToDate, diff)
		}
	}
}

// TestUpToDateRefusesDoubt: a site whose files changed just before the
// build, or that holds a symbolic link, is built in full every time.
func TestUpToDateRefusesDoubt(t *testing.T) {
	opts := Options{Now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	site := copySite(t) // written just now: within racyWindow
	pub, priv := filepath.Join(site, "public"), filepath.Join(site, "private")
	if in := SumInputs(site, opts, pub, priv); !in.racy {
		t.Fatal("files written just now are not racy")
	}
	for i := range 2 {
		if stampedBuild(t, site, opts, pub, priv) {
			t.Fatalf("build %d of a site written just now found its outputs up to date", i)
		}
	}
	if _, err := os.Stat(stampPath(site)); err == nil {
		t.Error("a racy build kept a stamp")
	}

	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0
	if err := os.Symlink(filepath.Join(site, "content", "posts"), filepath.Join(site, "content", "more")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for i := range 2 {
		if stampedBuild(t, site, opts, pub, priv) {
			t.Fatalf("build %d of a site with a symbolic link found its outputs up to date", i)
		}
	}
}

// TestUpToDateThroughALink: a site reached through a linked folder, with
// its outputs inside it, is found up to date all the same.
func TestUpToDateThroughALink(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0
	real := copySite(t)
	link := filepath.Join(t.TempDir(), "site")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	opts := Options{Now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	pub, priv := filepath.Join(link, "public"), filepath.Join(link, "private")
	if stampedBuild(t, link, opts, pub, priv) {
		t.Fatal("the first build found its outputs up to date")
	}
	if !stampedBuild(t, link, opts, pub, priv) {
		t.Fatal("the second build, nothing changed, built")
	}
}

// TestUpToDateIsThisSites: two sites writing the same output folders
// (two checkouts, say) never take each other's output for their own; and
// outputs in a folder of their own inside the site, with their staging
// beside them, are found up to date.
func TestUpToDateIsThisSites(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0
	opts := Options{Now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	one, two := copySite(t), copySite(t)
	rewrite(t, two, "netjournal.yaml", func(s string) string { return strings.Replace(s, `title: "Maya Okafor"`, `title: "Another Site"`, 1) })
	out := t.TempDir()
	pub, priv := filepath.Join(out, "public"), filepath.Join(out, "private")
	stampedBuild(t, one, opts, pub, priv)
	stampedBuild(t, two, opts, pub, priv)
	if stampedBuild(t, one, opts, pub, priv) {
		t.Fatal("a site found the output of another site, written since its own, up to date")
	}
	if !stampedBuild(t, one, opts, pub, priv) {
		t.Fatal("the build after, nothing changed, built")
	}

	pub, priv = filepath.Join(one, "out", "public"), filepath.Join(one, "out", "private")
	stampedBuild(t, one, opts, pub, priv)
	if !stampedBuild(t, one, opts, pub, priv) {
		t.Fatal("outputs in a folder of the site: the build after, nothing changed, built")
	}
}

// TestFileLineIsFmts: the sum's line of a file is the one fmt writes, for
// names that quote and modes of every kind.
func TestFileLineIsFmts(t *testing.T) {
	for _, name := range []string{"content/posts/a.md", `we"ird\name.md`, "tab\there.md", "café/陈美.md", "nl\n.md", "bad\xffutf8.md"} {
		for _, mode := range []fs.FileMode{0o644, 0o600 | fs.ModeSetuid, 0o755 | fs.ModeSticky} {
			want := fmt.Sprintf("f %q %d %d %d %d %o\n", name, int64(1234), int64(-5), int64(1<<62), uint64(1<<63+7), mode)
			if got := string(fileLine(nil, name, 1234, -5, 1<<62, 1<<63+7, mode)); got != want {
				t.Errorf("%q %v: got %q, want %q", name, mode, got, want)
			}
		}
	}
}

// TestStatHandsOver: the files' sizes and times SumInputs took go to the
// builder, and from it to the load, held by neither after: a build of
// 100,000 posts held them (40 MB) in the caller's Inputs to its end.
func TestStatHandsOver(t *testing.T) {
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	in := SumInputs(site, opts, filepath.Join(site, "public"), filepath.Join(t.TempDir(), "wiki"))
	if len(in.stats) == 0 {
		t.Fatal("SumInputs took no file's size and time")
	}
	took := len(in.stats)
	b := NewBuilder(os.DirFS(site))
	b.Stat(&in)
	if in.stats != nil {
		t.Errorf("the Inputs still hold %d files' sizes after Stat", len(in.stats))
	}
	if len(b.stats) != took {
		t.Errorf("the builder holds %d files' sizes, want the %d taken", len(b.stats), took)
	}
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	if b.stats != nil { // as before Stat handed them over: the load lets them go
		t.Errorf("the builder holds %d files' sizes after the load", len(b.stats))
	}
}

// TestUpToDateBesideEditorsLinks: a symbolic link the build never reads,
// Emacs' lock file (.#a.md, a link to nothing, there while a buffer is
// modified), is no doubt: the site is up to date beside it (it was built
// in full, every time, while the buffer was open).
func TestUpToDateBesideEditorsLinks(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0
	site := copySite(t)
	if err := os.Symlink("user@host.1234:1700000000", filepath.Join(site, "content", "posts", ".#idempotency.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	opts := Options{Now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	pub, priv := filepath.Join(site, "public"), filepath.Join(site, "private")
	if stampedBuild(t, site, opts, pub, priv) {
		t.Fatal("the first build found its outputs up to date")
	}
	if !stampedBuild(t, site, opts, pub, priv) {
		t.Fatal("the second build, nothing changed but an editor's lock link, built")
	}
}
