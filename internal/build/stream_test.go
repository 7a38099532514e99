package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netjournal/netjournal/internal/page"
)

// streamed builds site with Stream into its public/ and private/, as
// netjournal build does, and returns the Result.
func streamed(t *testing.T, site string, b *Builder, opts Options) (*Result, error) {
	t.Helper()
	s, err := Begin(context.Background(), site,
		Output{Dir: filepath.Join(site, "public")},
		Output{Dir: filepath.Join(site, "private"), Private: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := b.Stream(context.Background(), opts, s)
	if err != nil {
		return nil, err
	}
	return res, s.Commit(Inputs{}, res)
}

// TestStreamEqualsRender: a streamed build writes byte for byte what
// Render renders, with the same warnings and notes, from nothing, from a
// warm disk cache over its own last output, and in its spare, with
// nothing changed (no page rendered) and after an edit that changes some
// pages and not others; and its Result names every file, holding none's
// bytes.
func TestStreamEqualsRender(t *testing.T) {
	site := copySite(t)
	// A broken link, a missing fragment, a static file that replaces a
	// generated one and one that adds to the site: each is said by the
	// link check or a note, which must not change when pages stream.
	post := filepath.Join(site, "content", "posts", "stream-test.md")
	put(t, post, "---\ntitle: Streams\ndate: 2026-11-01\n---\nSee [nothing](/nowhere/) and [a part](/#no-such-part).\n")
	// A menu entry that leads nowhere, on every page of the blog: a
	// warning at each page, from its links kept with it.
	config, err := os.ReadFile(filepath.Join(site, "netjournal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Tables of contents on most posts: a build that streams makes each
	// with its post's HTML, when the page asks (public.Body).
	put(t, filepath.Join(site, "netjournal.yaml"), string(config)+"toc_min_words: 5\nmenu:\n  - {title: Home, url: /}\n  - {title: Gone, url: /gone/}\n")
	// Bodies of spaces that Markdown shows and TrimSpace does not (a
	// no-break space, an ideographic space): the wiki says they are
	// empty, whether their text was let go or not.
	put(t, filepath.Join(site, "content", "contacts", "zz-blank.md"), "---\nname: Zz Blank\n---\n\u00a0\n")
	put(t, filepath.Join(site, "content", "posts", "zz-blank.md"), "---\ntitle: Zz blank\ndate: 2026-10-01\n---\n\u3000\n")
	put(t, filepath.Join(site, "static", "robots.txt"), "User-agent: *\n")
	put(t, filepath.Join(site, "static", "notes", "a.txt"), "a note\n")
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	for i, run := range []string{"without a cache", "cold cache", "warm cache, over its own output",
		"warm cache, in the spare", "a post edited", "the post edited again", "nothing changed"} {
		if strings.Contains(run, "edited") {
			put(t, post, fmt.Sprintf("---\ntitle: Streams %d\ndate: 2026-11-01\n---\nSee [nothing](/nowhere/) and [a part](/#no-such-part), %d.\n", i, i))
		}
		want, err := NewBuilder(os.DirFS(site)).Render(opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Warnings) < 4 || len(want.Notes) == 0 {
			t.Fatalf("the site should have warnings and notes: %v, %v", want.Warnings, want.Notes)
		}
		if !strings.Contains(string(want.Public["posts/idempotency-is-a-contract/index.html"]), `<nav class="toc"`) {
			t.Fatal("the site's posts should have tables of contents")
		}
		b, closeCache := NewBuilder(os.DirFS(site)), func() {}
		if run != "without a cache" {
			b, closeCache = cachedBuilder(t, site)
		}
		got, err := streamed(t, site, b, opts)
		closeCache()
		if err != nil {
			t.Fatalf("%s: %v", run, err)
		}
		n := b.blog.Rendered() + b.wiki.Rendered()
		if (strings.HasPrefix(run, "warm") || run == "nothing changed") && n != 0 {
			t.Errorf("%s: %d pages rendered", run, n)
		}
		if strings.Contains(run, "edited") && (n == 0 || n > len(want.Public)/2) {
			t.Errorf("%s: %d pages rendered of %d", run, n, len(want.Public)+len(want.Private))
		}
		if got.Warnings.Error() != want.Warnings.Error() || !reflect.DeepEqual(got.Notes, want.Notes) {
			t.Errorf("%s: warnings %v, notes %v; want %v, %v", run, got.Warnings, got.Notes, want.Warnings, want.Notes)
		}
		for _, o := range []struct {
			dir         string
			files, want map[string][]byte
		}{{"public", got.Public, want.Public}, {"private", got.Private, want.Private}} {
			disk := readTree(t, filepath.Join(site, o.dir))
			delete(disk, Marker)
			delete(disk, ".gitignore")
			if diff := compare(disk, o.want); diff != "" {
				t.Fatalf("%s: %s/ differs from Render's:\n%s", run, o.dir, diff)
			}
			if len(o.files) != len(o.want) {
				t.Errorf("%s: the Result names %d files of %s, want %d", run, len(o.files), o.dir, len(o.want))
			}
			for p, b := range o.files {
				if b != nil {
					t.Errorf("%s: the Result holds the bytes of %s/%s", run, o.dir, p)
					break
				}
			}
		}
	}
}

// TestStreamFailureChangesNothing: a build that fails, whether before its
// first file (a problem in a document) or after some were written (a
// template that fails), leaves the output folders as they were, and
// nothing staged. One that fails before its first file leaves the spares
// and the stamp as well; one that fails after keeps what it staged as the
// spares, and the next build is Render's.
func TestStreamFailureChangesNothing(t *testing.T) {
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	for range 2 { // the second build keeps the first output as the spare
		if _, err := streamed(t, site, NewBuilder(os.DirFS(site)), opts); err != nil {
			t.Fatal(err)
		}
	}
	spare := filepath.Join(site, WorkDir, "public.spare")
	if _, err := os.Stat(spare); err != nil {
		t.Fatalf("no spare: %v", err)
	}
	put(t, filepath.Join(site, WorkDir, stampFile), "{}")
	config, err := os.ReadFile(filepath.Join(site, "netjournal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file, text string
		staged           bool
	}{
		{"a document that does not load", "content/posts/broken.md", "---\ntitle: [unclosed\n---\n", false},
		// Event pages come after many others: files are written by then.
		{"a template that fails halfway", "themes/broken/wiki/event.html", `{{.NoSuchField}}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dirs := []string{"public", "private"}
			if !tc.staged {
				dirs = append(dirs, filepath.Join(WorkDir, "public.spare"), filepath.Join(WorkDir, "private.spare"))
			}
			before := hashTree(t, site, dirs...)
			stamp, _ := os.ReadFile(filepath.Join(site, WorkDir, stampFile))
			p := filepath.Join(site, filepath.FromSlash(tc.file))
			put(t, p, tc.text)
			put(t, filepath.Join(site, "netjournal.yaml"), strings.Replace(string(config), "\ntheme: \"\"", "\ntheme: broken", 1))
			defer put(t, filepath.Join(site, "netjournal.yaml"), string(config))
			defer os.RemoveAll(filepath.Join(site, "themes"))
			defer os.Remove(p)
			_, err := streamed(t, site, NewBuilder(os.DirFS(site)), opts)
			if err == nil || !strings.Contains(err.Error(), tc.file[strings.LastIndex(tc.file, "/")+1:]) {
				t.Fatalf("the build did not fail for %s: %v", tc.file, err)
			}
			if after := hashTree(t, site, dirs...); after != before {
				t.Errorf("%v changed", dirs)
			}
			if now, _ := os.ReadFile(filepath.Join(site, WorkDir, stampFile)); !tc.staged && string(now) != string(stamp) {
				t.Errorf("the stamp changed: %q", now)
			}
			for _, spare := range []string{"public.spare", "private.spare", "public.spare.manifest", "private.spare.manifest"} {
				if _, err := os.Stat(filepath.Join(site, WorkDir, spare)); err != nil {
					t.Errorf("no %s: %v", spare, err)
				}
			}
			entries, _ := os.ReadDir(filepath.Join(site, WorkDir))
			for _, e := range entries {
				if leftover(e.Name()) && e.Name() != stampFile {
					t.Errorf("%s/ holds %s", WorkDir, e.Name())
				}
			}
		})
	}
	// Staged in what the failed build left.
	want, err := Render(os.DirFS(site), opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := streamed(t, site, NewBuilder(os.DirFS(site)), opts); err != nil {
		t.Fatal(err)
	}
	for dir, files := range map[string]map[string][]byte{"public": want.Public, "private": want.Private} {
		got := readTree(t, filepath.Join(site, dir))
		delete(got, Marker)
		delete(got, ".gitignore")
		if diff := compare(got, files); diff != "" {
			t.Errorf("%s/ after the failed build's spare:\n%s", dir, diff)
		}
	}
}

// TestStreamCloseEndsPuts: Close, while files are still being put (a
// render interrupted by Ctrl-C goes on until the process ends), waits for
// those being written, refuses the others and removes the staging.
func TestStreamCloseEndsPuts(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	s, err := Begin(context.Background(), site, Output{Dir: out})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var refused sync.Map
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				err := s.Put(0, fmt.Sprintf("w%d/%d.html", w, i), []byte("page"))
				if err != nil {
					refused.Store(w, err)
					return
				}
			}
		})
	}
	time.Sleep(50 * time.Millisecond)
	s.Close()
	wg.Wait()
	for w := range 4 {
		if err, _ := refused.Load(w); !errors.Is(err.(error), errClosed) {
			t.Errorf("worker %d: %v, want errClosed", w, err)
		}
	}
	if err := s.Commit(Inputs{}, nil); !errors.Is(err, errClosed) {
		t.Errorf("Commit after Close: %v", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the output folder was made: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(site, WorkDir))
	for _, e := range entries {
		if leftover(e.Name()) {
			t.Errorf("%s/ holds %s", WorkDir, e.Name())
		}
	}
	// The lock is free again.
	if err := Write(context.Background(), site, Output{Dir: out, Files: map[string][]byte{"index.html": []byte("home")}}); err != nil {
		t.Fatal(err)
	}
}

// TestStreamPuts: a file put again replaces the one before, in a fresh
// staging and in the spare; a path that is both a file and a folder of
// the same build fails it, whichever comes first.
func TestStreamPuts(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	ctx := context.Background()
	for round := range 3 { // fresh, then in the spare
		s, err := Begin(ctx, site, Output{Dir: out})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct{ name, text string }{
			{"robots.txt", "generated"}, {"a/index.html", "a"}, {"robots.txt", fmt.Sprint("static ", round)},
		} {
			if err := s.Put(0, f.name, []byte(f.text)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Commit(Inputs{}, nil); err != nil {
			t.Fatal(err)
		}
		s.Close()
		got := readTree(t, out)
		want := map[string][]byte{Marker: []byte(markerText), "robots.txt": fmt.Appendf(nil, "static %d", round), "a/index.html": []byte("a")}
		if diff := compare(got, want); diff != "" {
			t.Fatalf("round %d:\n%s", round, diff)
		}
	}
	for _, order := range [][]string{{"x", "x/index.html"}, {"x/index.html", "x"}} {
		s, err := Begin(ctx, site, Output{Dir: out})
		if err != nil {
			t.Fatal(err)
		}
		err = nil
		for _, name := range order {
			if err = s.Put(0, name, []byte(name)); err != nil {
				break
			}
		}
		if err == nil {
			err = s.Commit(Inputs{}, nil)
		}
		s.Close()
		if err == nil {
			t.Errorf("%v: both a file and a folder, and no error", order)
		}
		if got := readTree(t, out); string(got["robots.txt"]) != "static 2" {
			t.Errorf("%v: the failed build changed the output: %q", order, got)
		}
	}
}

// TestSpareLosesWhatWasNotPut: a build staged in the spare leaves in the
// output only what it put, whatever else the spare holds: files of an
// older build, files and folders put there by hand, deep or not, and a
// link where a page was.
func TestSpareLosesWhatWasNotPut(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	ctx := context.Background()
	build := func(files ...string) {
		t.Helper()
		s := putNames(t, ctx, site, out, files...)
		defer s.Close()
		if err := s.Commit(Inputs{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	build("a/index.html", "b/c/index.html", "x.txt", "old/index.html")
	build("a/index.html", "b/c/index.html", "x.txt", "old/index.html")
	spare := filepath.Join(site, WorkDir, "public.spare")
	if _, err := os.Stat(filepath.Join(spare, "a", "index.html")); err != nil {
		t.Fatalf("no spare to stage in: %v", err)
	}
	put(t, filepath.Join(spare, "stray.txt"), "by hand")
	put(t, filepath.Join(spare, "a", "stray.html"), "by hand")
	put(t, filepath.Join(spare, "b", "c", "d", "deep.html"), "by hand")
	put(t, filepath.Join(spare, "z", "y", "x.html"), "by hand")
	for _, link := range []string{filepath.Join("b", "link.html"), filepath.Join("a", "link.html")} {
		if err := os.Symlink("/etc/hostname", filepath.Join(spare, link)); err != nil {
			t.Fatal(err)
		}
	}
	// Listed as an older build's: one the user put there is kept and
	// refused instead (TestDeepForeignFileKept).
	listInSpare(t, site, "public", "stray.txt", "a/stray.html", "b/c/d/deep.html", "z/y/x.html", "b/link.html", "a/link.html")
	build("a/index.html", "b/c/index.html", "b/link.html")
	want := map[string][]byte{Marker: []byte(markerText), "a/index.html": []byte("a/index.html"),
		"b/c/index.html": []byte("b/c/index.html"), "b/link.html": []byte("b/link.html")}
	if diff := compare(readTree(t, out), want); diff != "" {
		t.Fatalf("the output holds what the build did not put:\n%s", diff)
	}
	for _, gone := range []string{"old", "z", filepath.Join("b", "c", "d"), filepath.Join("a", "link.html")} {
		if _, err := os.Lstat(filepath.Join(out, gone)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is still there: %v", gone, err)
		}
	}
}

// TestSpareChangedKindsLosesWhatWasNotPut: a build staged in a spare that
// holds strays of every kind (files, folders, links to a folder and to a
// file outside), a folder where the build puts a file and a file where
// it needs a folder, leaves in the output exactly what it put, and writes
// nothing through a link where it puts a file.
func TestSpareChangedKindsLosesWhatWasNotPut(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	ctx := context.Background()
	first := []string{"a/index.html", "b/c/index.html", "x.txt", "old/index.html", "f/index.html", "f/g/h.html", "keep/me.html"}
	for range 2 {
		s := putNames(t, ctx, site, out, first...)
		if err := s.Commit(Inputs{}, nil); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	spare := filepath.Join(site, WorkDir, "public.spare")
	put(t, filepath.Join(spare, "stray.txt"), "by hand")
	put(t, filepath.Join(spare, "a", "stray.html"), "by hand")
	put(t, filepath.Join(spare, "b", "c", "d", "deep.html"), "by hand")
	put(t, filepath.Join(spare, "z", "y", "x.html"), "by hand")
	outside := filepath.Join(site, "outside.html")
	put(t, outside, "not the build's")
	for link, to := range map[string]string{filepath.Join("b", "link.html"): outside, filepath.Join("a", "link.html"): outside, "dirlink": filepath.Join(site, "public", "a")} {
		if err := os.Symlink(to, filepath.Join(spare, link)); err != nil {
			t.Fatal(err)
		}
	}
	listInSpare(t, site, "public", "stray.txt", "a/stray.html", "b/c/d/deep.html", "z/y/x.html", "b/link.html", "a/link.html", "dirlink")
	// A folder the build makes a file of, a file it makes a folder of.
	again := []string{"a/index.html", "b/c/index.html", "b/link.html", "x.txt/index.html", "f", "keep/me.html"}
	s := putNames(t, ctx, site, out, again...)
	defer s.Close()
	if !s.stages[0].reuse {
		t.Fatal("the build did not stage in the spare")
	}
	if err := s.Commit(Inputs{}, nil); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{Marker: []byte(markerText)}
	for _, name := range again {
		want[name] = []byte(name)
	}
	if diff := compare(readTree(t, out), want); diff != "" {
		t.Fatalf("the output holds what the build did not put:\n%s", diff)
	}
	if b, err := os.ReadFile(outside); err != nil || string(b) != "not the build's" {
		t.Errorf("the file a link of the spare led to: %q, %v", b, err)
	}
	for _, gone := range []string{"old", "z", "dirlink", filepath.Join("b", "c", "d"), filepath.Join("a", "link.html"), filepath.Join("f", "g")} {
		if _, err := os.Lstat(filepath.Join(out, gone)); !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			t.Errorf("%s is still there: %v", gone, err)
		}
	}
}

// TestFirstBuildLeavesASpare: a build that replaced no output (the
// first) leaves a spare all the same, its files links to the output's,
// so that the next build stages in it instead of linking every file of
// the site into a new folder; and that build's output is exactly what it
// put. A spare whose linking was cut short, without its manifest, is not
// staged in.
func TestFirstBuildLeavesASpare(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	ctx := context.Background()
	build := func(files ...string) (reused bool) {
		t.Helper()
		s := putNames(t, ctx, site, out, files...)
		defer s.Close()
		reused = s.stages[0].reuse
		if err := s.Commit(Inputs{}, nil); err != nil {
			t.Fatal(err)
		}
		return reused
	}
	build("a/index.html", "b/c/index.html", "x.txt")
	spare := filepath.Join(site, WorkDir, "public.spare")
	for _, name := range []string{Marker, "a/index.html", "b/c/index.html", "x.txt"} {
		o, err := os.Lstat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		sp, err := os.Lstat(filepath.Join(spare, filepath.FromSlash(name)))
		if err != nil {
			t.Fatalf("the first build left no spare of %s: %v", name, err)
		}
		if !os.SameFile(o, sp) {
			t.Errorf("the spare's %s is a copy, not a link to the output's", name)
		}
	}
	want, err := os.ReadFile(filepath.Join(site, WorkDir, "public.manifest"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(site, WorkDir, "public.spare.manifest")); err != nil || string(got) != string(want) {
		t.Errorf("the spare's manifest is not the output's: %v\n%s", err, got)
	}
	if !build("a/index.html", "b/c/index.html", "y.txt") {
		t.Error("the second build did not stage in the first build's spare")
	}
	files := map[string][]byte{Marker: []byte(markerText), "a/index.html": []byte("a/index.html"),
		"b/c/index.html": []byte("b/c/index.html"), "y.txt": []byte("y.txt")}
	if diff := compare(readTree(t, out), files); diff != "" {
		t.Fatalf("the output differs:\n%s", diff)
	}

	// Cut short: the spare is there, its manifest is not.
	os.RemoveAll(out)
	build("a/index.html")
	if err := os.Remove(filepath.Join(site, WorkDir, "public.spare.manifest")); err != nil {
		t.Fatal(err)
	}
	if build("a/index.html", "z.txt") {
		t.Error("a spare without its manifest was staged in")
	}
	files = map[string][]byte{Marker: []byte(markerText), "a/index.html": []byte("a/index.html"), "z.txt": []byte("z.txt")}
	if diff := compare(readTree(t, out), files); diff != "" {
		t.Fatalf("the output differs:\n%s", diff)
	}

	// A first build into an empty folder, made beforehand.
	os.RemoveAll(out)
	os.RemoveAll(filepath.Join(site, WorkDir))
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	build("a/index.html")
	if !build("a/index.html", "z.txt") {
		t.Error("a first build into an empty folder left no spare to stage in")
	}
}

// putNames begins a Stream of site into the output folder out and puts
// files into it, each holding its own name; the caller closes it.
func putNames(t *testing.T, ctx context.Context, site, out string, files ...string) *Stream {
	t.Helper()
	s, err := Begin(ctx, site, Output{Dir: out})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := s.Put(0, f, []byte(f)); err != nil {
			s.Close()
			t.Fatal(err)
		}
	}
	return s
}

func put(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// hashTree is the paths, modes and bytes of folders below root, as text
// (a folder that is not there is said to be).
func hashTree(t *testing.T, root string, dirs ...string) string {
	t.Helper()
	var b strings.Builder
	for _, d := range dirs {
		filepath.WalkDir(filepath.Join(root, d), func(p string, e os.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(&b, "%s: %v\n", p, err)
				return nil
			}
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %v %d\n", p, info.Mode(), info.Size())
			if !e.IsDir() {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				b.Write(data)
			}
			return nil
		})
	}
	return b.String()
}

// TestManifestRoundTrip: a manifest reads back as written, a page's key
// with it, a path with spaces whole; one of the format before keys, or
// damaged, reads as empty, which costs a build its linking, not its
// output.
func TestManifestRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m")
	m := manifest{
		"index.html":         {sum: [32]byte{1}, key: [32]byte{2}, size: 10, mtime: 1700000000123456789, ino: 42},
		"notes/a b c.txt":    {sum: [32]byte{3}, size: 0, mtime: -1, ino: 7},
		"posts/x/index.html": {sum: [32]byte{4}, key: [32]byte{5, 6}, size: 1 << 40, ino: 1},
		"far/away.html":      {sum: [32]byte{8}, size: math.MaxInt64, mtime: math.MaxInt64, ino: math.MaxUint64},
		"long/ago.html":      {sum: [32]byte{9}, size: 3, mtime: math.MinInt64, ino: 5},
	}
	if err := m.write(p); err != nil {
		t.Fatal(err)
	}
	if got := readManifest(p); !reflect.DeepEqual(got, m) {
		t.Errorf("read back %v, want %v", got, m)
	}
	// A page's sum is unknown (zero) when a build had nothing to compare
	// its bytes with: it holds no bytes, not even none.
	unknown := fileState{key: [32]byte{9}, size: 0, mtime: 1, ino: 2}
	if unknown.holds([32]byte{}, 0) || unknown.holds(sha256.Sum256(nil), 0) {
		t.Error("a state of unknown sum holds bytes")
	}
	if known := m["index.html"]; !known.holds([32]byte{1}, 10) || known.holds([32]byte{1}, 11) {
		t.Error("a state holds other bytes than its own, or not its own")
	}
	for name, text := range map[string]string{
		"before keys":             fmt.Sprintf("%x 10 1700000000 42 index.html\n", [32]byte{1}),
		"a short key":             fmt.Sprintf("%x 0102 10 1700000000 42 index.html\n", [32]byte{1}),
		"no path":                 fmt.Sprintf("%x - 10 1700000000 42\n", [32]byte{1}),
		"a bad size":              fmt.Sprintf("%x - 1O 1700000000 42 index.html\n", [32]byte{1}),
		"a bad inode":             fmt.Sprintf("%x - 10 1700000000 -42 index.html\n", [32]byte{1}),
		"a long key":              fmt.Sprintf("%x %x00 10 1700000000 42 index.html\n", [32]byte{1}, [32]byte{2}),
		"a short sum":             fmt.Sprintf("%x - 10 1700000000 42 index.html\n", [31]byte{1}),
		"past 64 bits":            fmt.Sprintf("%x - 10 1700000000 18446744073709551616 index.html\n", [32]byte{1}),
		"a size past int64":       fmt.Sprintf("%x - 9223372036854775808 1700000000 42 index.html\n", [32]byte{1}),
		"a good line, then a bad": fmt.Sprintf("%x - 10 1700000000 42 a.html\n%x - 10 1700000000 42\n", [32]byte{1}, [32]byte{1}),
	} {
		if got := parseManifest([]byte(text)); len(got) != 0 {
			t.Errorf("%s: read as %v", name, got)
		}
	}
}

// FuzzManifestParse: a manifest read from any bytes (one torn by a kill,
// or damaged) never panics, and what it reads is written and read back
// the same.
func FuzzManifestParse(f *testing.F) {
	f.Add(fmt.Sprintf("%x %x 10 1796436349374550433 21997871 404.html\n%x - 105 1 2 a b.txt\n", [32]byte{1}, [32]byte{2}, [32]byte{3}))
	f.Add(fmt.Sprintf("%x - 10 -1 18446744073709551615 x", [32]byte{1}))
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		m := parseManifest([]byte(text))
		p := filepath.Join(t.TempDir(), "m")
		if err := m.write(p); err != nil {
			t.Fatal(err)
		}
		if got := readManifest(p); !reflect.DeepEqual(got, m) {
			t.Errorf("%q read as %v, which reads back as %v", text, m, got)
		}
	})
}

// TestPageKeysAreThisPrograms: a page kept in the output by its key is
// kept only by the program that made it, and only with the cache: the key
// is a hash of the page's templates and data, and what a program makes of
// them is its own. Another netjournal (an upgrade), or a build without
// the cache, writes the bytes it renders.
func TestPageKeysAreThisPrograms(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	key := page.Key{1, 2, 3}
	build := func(b *Builder, text string) string {
		t.Helper()
		streamPage(t, b, site, out, "index.html", key, text)
		got, err := os.ReadFile(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(got)
	}
	cached, closeCache := cachedBuilder(t, site)
	defer closeCache()
	build(cached, "made by this netjournal")
	// The same key is the same page, for the same program: kept unread
	// (these other bytes are what no render of that key could make).
	if got := build(cached, "the same key, read"); got != "made by this netjournal" {
		t.Fatalf("this netjournal did not keep its page by its key: %q", got)
	}
	defer func(v func() (string, error)) { version = v }(version)
	version = func() (string, error) { return "another netjournal", nil }
	if got := build(cached, "made by another netjournal"); got != "made by another netjournal" {
		t.Errorf("another netjournal kept the last one's page: %q", got)
	}
	if got := build(NewBuilder(os.DirFS(site)), "made without the cache"); got != "made without the cache" {
		t.Errorf("a build without the cache kept a page by its key: %q", got)
	}
}

// TestSwappedOutputsKeepTheirKind: after --out and --wiki-out are
// swapped, the blog is not staged in the wiki's spare nor linked from its
// files (which only the owner may read), and the wiki not from the blog's.
func TestSwappedOutputsKeepTheirKind(t *testing.T) {
	site := t.TempDir()
	a, b := filepath.Join(site, "a"), filepath.Join(site, "b")
	ctx := context.Background()
	files := map[string][]byte{"index.html": []byte("the same bytes in both"), "x/index.html": []byte("x")}
	for range 2 { // the second build leaves each a spare
		if err := Write(ctx, site, Output{Dir: a, Files: files}, Output{Dir: b, Files: files, Private: true}); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if err := Write(ctx, site, Output{Dir: b, Files: files}, Output{Dir: a, Files: files, Private: true}); err != nil {
			t.Fatal(err)
		}
		for dir, want := range map[string]os.FileMode{b: 0o644, a: 0o600} {
			for _, name := range []string{"index.html", "x/index.html", Marker} {
				info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				if info.Mode().Perm() != want {
					t.Errorf("%s: mode %v, want %v", filepath.Join(filepath.Base(dir), name), info.Mode().Perm(), want)
				}
			}
		}
	}
}

// TestStreamPutFrom: a file written a part at a time (the wiki's search
// index) is staged as Put stages it: its bytes and mode, and a file the
// output holds already with these bytes is linked, not written again,
// fresh or in the spare; changed bytes are written. A write that fails
// fails the build, leaves the output as it was and no hidden file behind.
func TestStreamPutFrom(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "private")
	ctx := context.Background()
	parts := func(text string) func(w io.Writer) error {
		return func(w io.Writer) error {
			for _, part := range strings.SplitAfter(text, " ") {
				if _, err := io.WriteString(w, part); err != nil {
					return err
				}
			}
			return nil
		}
	}
	build := func(text string, write func(w io.Writer) error) error {
		t.Helper()
		s, err := Begin(ctx, site, Output{Dir: out, Private: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.putFrom(0, "index/search.js", write); err != nil {
			return err
		}
		return s.Commit(Inputs{}, nil)
	}
	file := filepath.Join(out, "index", "search.js")
	var before os.FileInfo
	for i, text := range []string{"the index, made", "the index, made", "the index, made", "the index, changed"} {
		if err := build(text, parts(text)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(file)
		if err != nil || string(got) != text {
			t.Fatalf("build %d: %q, %v; want %q", i, got, err, text)
		}
		info, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("build %d: mode %v, want the wiki's 0600", i, info.Mode().Perm())
		}
		switch {
		case i == 1 || i == 2: // fresh, then in the spare
			if !os.SameFile(info, before) {
				t.Errorf("build %d: the unchanged file was written again", i)
			}
		case i == 3:
			if os.SameFile(info, before) {
				t.Error("the changed file was not written")
			}
		}
		before = info
	}
	wantTree := hashTree(t, site, "private")
	if err := build("", func(w io.Writer) error {
		io.WriteString(w, "half an index")
		return errors.New("the disk is full")
	}); err == nil || !strings.Contains(err.Error(), "the disk is full") {
		t.Errorf("a failed write: %v", err)
	}
	if got := hashTree(t, site, "private"); got != wantTree {
		t.Errorf("a failed build changed the output:\n%s\nwant\n%s", got, wantTree)
	}
	leftover := 0
	filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".netjournal-put-") {
			leftover++
		}
		return nil
	})
	if leftover != 0 {
		t.Errorf("%d hidden files left by the failed write", leftover)
	}
}

// TestUnhashedPagesKeptByTheirBytes: a first build does not hash its
// pages (nothing to compare them with), yet a page whose key changes and
// whose bytes do not (a new program, a theme's unrelated change) is kept
// by its bytes, read: linked from the output, then kept in the spare, the
// same file throughout; and build --watch's first write, which knows no
// keys, links it too. Bytes that changed are written.
func TestUnhashedPagesKeptByTheirBytes(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	ctx := context.Background()
	b, closeCache := cachedBuilder(t, site)
	defer closeCache()
	file := filepath.Join(out, "index.html")
	build := func(key byte, text string) os.FileInfo {
		t.Helper()
		streamPage(t, b, site, out, "index.html", page.Key{key}, text)
		info, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := readTree(t, out)["index.html"]; string(got) != text {
			t.Fatalf("key %d: the page holds %q, want %q", key, got, text)
		}
		return info
	}
	first := build(1, "the page")
	// A link elsewhere keeps the first file's inode taken: a file written
	// again cannot be given its number back and pass for it.
	if err := os.Link(file, filepath.Join(site, "first")); err != nil {
		t.Fatal(err)
	}
	for key := byte(2); key <= 3; key++ { // linked from the output, then kept in the spare
		if info := build(key, "the page"); !os.SameFile(first, info) {
			t.Errorf("key %d, the same bytes: the page was written again", key)
		}
	}
	if err := Write(ctx, site, Output{Dir: out, Files: map[string][]byte{"index.html": []byte("the page")}}); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(file); !os.SameFile(first, info) {
		t.Error("a write of the same bytes wrote the page again")
	}
	if info := build(4, "other bytes"); os.SameFile(first, info) {
		t.Error("other bytes were kept in the first build's file")
	}
}

// streamPage builds the site's output out with b as a streamed build
// that puts one page, name, of this key and text.
func streamPage(t *testing.T, b *Builder, site, out, name string, key page.Key, text string) {
	t.Helper()
	streamPut(t, b, site, out, name, key, func() ([]byte, error) { return []byte(text), nil }, nil, nil)
}

// streamPut is streamPage for a page whose bytes data and write give (as
// a page.KeyedSink takes them), calling staged, if set, once the page is
// put and before the build commits.
func streamPut(t *testing.T, b *Builder, site, out, name string, key page.Key, data func() ([]byte, error), write func(io.Writer) error, staged func()) {
	t.Helper()
	s, err := Begin(context.Background(), site, Output{Dir: out})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := b.output(s, 0, "public/").putKeyed(name, key, data, write); err != nil {
		t.Fatal(err)
	}
	if staged != nil {
		staged()
	}
	if err := s.Commit(Inputs{}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestBigPageStreamed: a page too large to be made in memory is written
// into its staged file a part at a time, and known by its key after: the
// next build with the same key keeps it, neither made nor written; its
// links are read back from the file; and one with another key is
// written again.
func TestBigPageStreamed(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	b, closeCache := cachedBuilder(t, site)
	defer closeCache()
	made := 0
	build := func(key byte, text string) {
		t.Helper()
		streamPut(t, b, site, out, "index.html", page.Key{key}, func() ([]byte, error) {
			made++
			return nil, page.ErrBig
		}, func(w io.Writer) error {
			made++
			_, err := io.WriteString(w, text)
			return err
		}, func() {
			if p := b.links.pages["public/index.html"]; p == nil {
				t.Error("the page's links were not kept")
			} else if p.load(); p.lost != nil || !slices.Equal(p.hrefs, []string{"/a/"}) {
				t.Errorf("the page's links: %q, %v", p.hrefs, p.lost)
			}
		})
		if got := readTree(t, out)["index.html"]; string(got) != text {
			t.Fatalf("key %d: the page holds %q, want %q", key, got, text)
		}
	}
	build(1, `<a href="/a/">the page</a>`)
	if made != 2 {
		t.Errorf("first build: made %d times, want 2 (in memory, then written)", made)
	}
	made = 0
	build(1, `<a href="/a/">the page</a>`)
	if made != 0 {
		t.Errorf("the same key: made %d times, want 0", made)
	}
	build(2, `<a href="/a/">the page, again</a>`)
	if made != 2 {
		t.Errorf("another key: made %d times, want 2", made)
	}
}

// TestSettle: the stagings finished early (Stream.Settle, while a build
// checks its links) write what a Commit without it writes, and refuse a
// put after it; a build that fails after it leaves the output as it was,
// and the next one, staging in what it kept, writes only what it puts.
func TestSettle(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	ctx := context.Background()
	build := func(commit bool, files ...string) {
		t.Helper()
		s := putNames(t, ctx, site, out, files...)
		defer s.Close()
		s.Settle()
		if err := s.Put(0, "late.html", []byte("late")); err == nil {
			t.Error("a put after Settle was taken")
		}
		if commit {
			if err := s.Commit(Inputs{}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	tree := func(files ...string) map[string][]byte {
		m := map[string][]byte{Marker: []byte(markerText)}
		for _, f := range files {
			m[f] = []byte(f)
		}
		return m
	}
	build(true, "a/index.html", "b/index.html", "x.txt")
	build(true, "a/index.html", "b/index.html", "x.txt")
	put(t, filepath.Join(site, WorkDir, "public.spare", "b", "stray.html"), "by hand")
	listInSpare(t, site, "public", "b/stray.html")
	build(true, "a/index.html", "c/index.html")
	if diff := compare(readTree(t, out), tree("a/index.html", "c/index.html")); diff != "" {
		t.Fatalf("settled, committed:\n%s", diff)
	}
	build(false, "a/index.html", "d/index.html")
	if diff := compare(readTree(t, out), tree("a/index.html", "c/index.html")); diff != "" {
		t.Fatalf("settled, not committed: the output changed:\n%s", diff)
	}
	build(true, "a/index.html", "e/index.html")
	if diff := compare(readTree(t, out), tree("a/index.html", "e/index.html")); diff != "" {
		t.Fatalf("the build after one that failed settled:\n%s", diff)
	}
}

// TestFailedBuildsPagesKnownByBytes: the spare a failed build leaves
// knows the pages it put by their bytes, not their keys: a page of a
// failed build may show what it could not make, and the next build, whose
// page of the same key is right, writes its own bytes.
func TestFailedBuildsPagesKnownByBytes(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	ctx := context.Background()
	build := func(text string, key [sha256.Size]byte, commit bool) {
		t.Helper()
		s, err := Begin(ctx, site, Output{Dir: out})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.putKeyed(0, "index.html", key, func() ([]byte, error) { return []byte(text), nil }, nil); err != nil {
			t.Fatal(err)
		}
		if commit {
			if err := s.Commit(Inputs{}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	first, edited := [sha256.Size]byte{1}, [sha256.Size]byte{2}
	build("first", first, true)
	build("first", first, true) // a spare to stage in
	build("what a failed build could not make", edited, false)
	build("right", edited, true)
	if got := readTree(t, out)["index.html"]; string(got) != "right" {
		t.Errorf("the output holds %q, want the build's own page", got)
	}
}

// TestStreamMakesTheBlogThenTheWiki: a streamed build writes the blog's
// pages before the wiki's, so that it holds one site's pages in the
// making at a time (a build of 100,000 posts holds 100 MB less, marked
// by the collector every second of the render): by the files' times,
// no wiki page is older than a post's page.
func TestStreamMakesTheBlogThenTheWiki(t *testing.T) {
	site := copySite(t)
	if _, err := streamed(t, site, NewBuilder(os.DirFS(site)), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	times := func(dir, suffix string) (first, last time.Time, n int) {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, suffix) {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if n == 0 || info.ModTime().Before(first) {
				first = info.ModTime()
			}
			if info.ModTime().After(last) {
				last = info.ModTime()
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return first, last, n
	}
	_, lastPost, posts := times(filepath.Join(site, "public", "posts"), ".html")
	firstWiki, _, wikis := times(filepath.Join(site, "private"), ".html")
	if posts == 0 || wikis == 0 {
		t.Fatalf("%d post pages and %d wiki pages written", posts, wikis)
	}
	if firstWiki.Before(lastPost) {
		t.Errorf("a wiki page was written at %v, before the last post's page at %v", firstWiki.Format(time.StampNano), lastPost.Format(time.StampNano))
	}
}

// TestBigPagesReadBackApart: pages written a part at a time are read back
// for their links one after another, each into the buffer the one before
// was read into; what each keeps is its own, the longer page's links
// not read into the shorter's.
func TestBigPagesReadBackApart(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	b, closeCache := cachedBuilder(t, site)
	defer closeCache()
	s, err := Begin(context.Background(), site, Output{Dir: out})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o := b.output(s, 0, "public/")
	pages := map[string]string{
		"a.html": `<h2 id="long">x</h2><a href="/first-page-with-a-long-link/">one</a><a href="/second/">two</a>`,
		"b.html": `<a href="/b/" id="s">b</a>`,
		"c.html": `<a href="/c/">c</a>`,
	}
	for _, name := range []string{"a.html", "b.html", "c.html"} {
		text := pages[name]
		if err := o.putKeyed(name, page.Key{byte(name[0])}, func() ([]byte, error) { return nil, page.ErrBig }, func(w io.Writer) error {
			_, err := io.WriteString(w, text)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string][2][]string{
		"a.html": {{"/first-page-with-a-long-link/", "/second/"}, {"long"}},
		"b.html": {{"/b/"}, {"s"}},
		"c.html": {{"/c/"}, nil},
	}
	for name, w := range want {
		p := b.links.pages["public/"+name]
		if p == nil {
			t.Fatalf("%s: its links were not kept", name)
		}
		if p.load(); p.lost != nil || !slices.Equal(p.hrefs, w[0]) || !slices.Equal([]string(p.ids), w[1]) {
			t.Errorf("%s: links %q, ids %q (%v), want %q, %q", name, p.hrefs, p.ids, p.lost, w[0], w[1])
		}
	}
	if err := s.Commit(Inputs{}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestReadBackIntoBuffer: a staged file read back into a buffer given is
// the file's bytes alone, whatever the buffer held or how large it is.
func TestReadBackIntoBuffer(t *testing.T) {
	site := t.TempDir()
	s, err := Begin(context.Background(), site, Output{Dir: filepath.Join(site, "public")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Put(0, "a.html", []byte("short")); err != nil {
		t.Fatal(err)
	}
	buf := []byte("a buffer longer than the file, left from the page before")
	got, err := s.readBack(0, "a.html", &buf)
	if err != nil || string(got) != "short" || &got[0] != &buf[0] {
		t.Fatalf("read back %q, %v (in the buffer given: %v)", got, err, err == nil && len(got) > 0 && &got[0] == &buf[0])
	}
	small := make([]byte, 2)
	if got, err := s.readBack(0, "a.html", &small); err != nil || string(got) != "short" || cap(small) < 5 {
		t.Fatalf("read back into a small buffer %q, %v; the buffer grew to %d", got, err, cap(small))
	}
}

// listInSpare lists names in the spare's manifest of the output out of
// site, as an older build's files, whose bytes are not known.
func listInSpare(t *testing.T, site, out string, names ...string) {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join(site, out))
	if err != nil {
		t.Fatal(err)
	}
	p := spareManifestPath(stepFor(abs))
	m := readManifest(p)
	for _, n := range names {
		m[n] = fileState{}
	}
	if err := m.write(p); err != nil {
		t.Fatal(err)
	}
}
