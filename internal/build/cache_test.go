package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mmcdole/gofeed"
)

// cachedBuilder returns a Builder of site that keeps its cache on disk,
// and what closes that cache.
func cachedBuilder(t *testing.T, site string) (*Builder, func()) {
	t.Helper()
	d, err := OpenCache(site)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(os.DirFS(site))
	b.UseDisk(d)
	return b, func() {
		b.Wait()
		d.Close()
	}
}

// TestDiskCacheExact: a build from a warm cache on disk, in a new process
// (a new Builder, the cache opened again), renders no page and no body,
// and writes exactly what a build without the cache writes; so does one
// from a cache whose pack was torn by a kill.
func TestDiskCacheExact(t *testing.T) {
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	want, err := NewBuilder(os.DirFS(site)).Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	run := func(name string) *Builder {
		t.Helper()
		b, closeCache := cachedBuilder(t, site)
		defer closeCache()
		got, err := b.Render(opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, pair := range [][2]map[string][]byte{{got.Public, want.Public}, {got.Private, want.Private}} {
			if diff := compare(pair[0], pair[1]); diff != "" {
				t.Fatalf("%s: the output differs from a build without the cache:\n%s", name, diff)
			}
		}
		return b
	}
	if b := run("cold"); b.blog.Rendered()+b.wiki.Rendered() == 0 {
		t.Fatal("a cold cache rendered nothing: the test proves little")
	}
	b := run("warm")
	if n := b.blog.Rendered() + b.wiki.Rendered(); n != 0 {
		t.Errorf("a warm cache still rendered %d pages", n)
	}

	// A kill in the middle of an append leaves a torn pack.
	entries, _ := filepath.Glob(filepath.Join(site, CacheDir, "*", "pack"))
	if len(entries) != 1 {
		t.Fatalf("cache packs: %v", entries)
	}
	info, _ := os.Stat(entries[0])
	if err := os.Truncate(entries[0], info.Size()/2); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(filepath.Dir(entries[0]), "index"))
	run("torn")
}

// TestSingleThreadedSame: a build on one core writes what a build on
// every core writes: the order of parallel work never shows.
func TestSingleThreadedSame(t *testing.T) {
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	parallel, err := Render(os.DirFS(site), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	single, err := Render(os.DirFS(site), opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := compare(single.Public, parallel.Public) + compare(single.Private, parallel.Private); diff != "" {
		t.Errorf("one core and every core differ:\n%s", diff)
	}
}

// TestControlCharactersNeverBreakFeeds: an ANSI escape pasted into a
// post's title and body is left out of every page and feed, which then
// parse, and the writer is told where it was.
func TestControlCharactersNeverBreakFeeds(t *testing.T) {
	fsys := fstest.MapFS{
		"netjournal.yaml":         {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"content/posts/colour.md": {Data: []byte("---\ntitle: \"Red \\e[31malert\"\ndate: 2026-01-01\ntags: [go]\n---\nOutput: \x1b[0mplain\x07 text.\n")},
	}
	res, err := Render(fsys, Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.xml", "atom.xml", "feed.json", "tags/go/index.xml", "posts/colour/index.html"} {
		b := res.Public[name]
		if len(b) == 0 {
			t.Fatalf("no %s", name)
		}
		if bytes.ContainsAny(b, "\x1b\x07") {
			t.Errorf("%s holds a control character", name)
		}
		if strings.HasSuffix(name, "index.html") {
			continue
		}
		f, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			t.Errorf("%s does not parse: %v", name, err)
		} else if len(f.Items) != 1 || f.Items[0].Title != "Red [31malert" {
			t.Errorf("%s: items %+v", name, f.Items)
		}
	}
	warnings := res.Warnings.Error()
	for _, want := range []string{"content/posts/colour.md:2: title: the control character U+001B", "content/posts/colour.md:6: the control character U+001B"} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings %q lack %q", warnings, want)
		}
	}
}

// TestProgramRecord: the program's hash is taken from the record a run
// before left when the record names the program's file as it is, and made
// again, and recorded, when the program was written since, or was written
// within a file system's tick of now (it may be written again unseen).
func TestProgramRecord(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	dir := t.TempDir()
	exe, record := filepath.Join(dir, "netjournal"), filepath.Join(dir, "program")
	write := func(data string) {
		t.Helper()
		tmp := exe + ".new"
		if err := os.WriteFile(tmp, []byte(data), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, exe); err != nil { // as go build replaces it
			t.Fatal(err)
		}
	}
	sumOf := func(data string) string {
		s := sha256.Sum256([]byte(data))
		return hex.EncodeToString(s[:])[:16]
	}
	write("program one")
	racyWindow = time.Hour // written just now: not to be trusted
	if got, err := programSum(exe, &record); err != nil || got != sumOf("program one") {
		t.Fatalf("programSum = %q, %v, want %q", got, err, sumOf("program one"))
	}
	if _, err := os.Stat(record); err == nil {
		t.Error("a program written within the racy window was recorded")
	}
	racyWindow = 0
	if got, _ := programSum(exe, &record); got != sumOf("program one") {
		t.Fatalf("programSum = %q, want %q", got, sumOf("program one"))
	}
	// The record is what is taken: a hash planted in it is returned.
	b, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	planted := strings.Replace(string(b), sumOf("program one"), "0123456789abcdef", 1)
	if err := os.WriteFile(record, []byte(planted), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, _ := programSum(exe, &record); got != "0123456789abcdef" {
		t.Errorf("programSum = %q, want the record's %q", got, "0123456789abcdef")
	}
	// Written again (the same size): hashed again, and recorded.
	write("program two")
	if got, _ := programSum(exe, &record); got != sumOf("program two") {
		t.Errorf("a program written again: programSum = %q, want %q", got, sumOf("program two"))
	}
	if got, _ := programSum(exe, &record); got != sumOf("program two") {
		t.Errorf("the record of the program written again: programSum = %q, want %q", got, sumOf("program two"))
	}
	// A damaged record is no record.
	if err := os.WriteFile(record, []byte("netjournal program 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, _ := programSum(exe, &record); got != sumOf("program two") {
		t.Errorf("a damaged record: programSum = %q, want %q", got, sumOf("program two"))
	}
}

// TestVersionIsTheRunningProgram: the program is known by the bytes it
// runs, not by what its file holds by the time it is hashed. A program
// replaced at its path while it starts (go install writes a new file
// there) hashes the program running, so that what it caches is not
// taken later for the new program's.
func TestVersionIsTheRunningProgram(t *testing.T) {
	if wait := os.Getenv("NETJOURNAL_TEST_VERSION_WAIT"); wait != "" {
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(wait); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("never told to go on")
			}
		}
		v, err := version()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("version %s\n", v)
		return
	}
	if _, err := os.Stat("/proc/self/exe"); err != nil {
		t.Skip("no /proc/self/exe: the program is known by its path")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	running, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	exe, wait := filepath.Join(dir, "netjournal.test"), filepath.Join(dir, "go")
	if err := os.WriteFile(exe, running, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run", "^TestVersionIsTheRunningProgram$", "-test.count", "1")
	cmd.Env = append(os.Environ(), "NETJOURNAL_TEST_VERSION_WAIT="+wait)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waited := false
	defer func() {
		if !waited {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	// Replaced as go install replaces it, once it runs.
	if err := os.WriteFile(exe+".new", []byte("#!/bin/sh\necho another program\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(exe+".new", exe); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wait, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	waited = true
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	sum := sha256.Sum256(running)
	if want := "version " + hex.EncodeToString(sum[:])[:16] + "\n"; !strings.Contains(out.String(), want) {
		t.Errorf("the program replaced while it started is known as\n%s\nnot by the bytes it runs (%s)", out.String(), want)
	}
}

// TestDiskKeepsPagesTakenInMemory: a rebuild in memory (serve) after a
// body's edit takes most pages as they were and keeps them on the disk
// after it returns (page.Cache.KeepLater): a build in a new process then
// finds every page there, and renders none.
func TestDiskKeepsPagesTakenInMemory(t *testing.T) {
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	b, closeCache := cachedBuilder(t, site)
	b.Watched()
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	const post = "content/posts/idempotency-is-a-contract.md"
	rewrite(t, site, post, func(s string) string { return s + "\nOne more line.\n" })
	b.Forget(post)
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	if made, all := b.wiki.Made(), len(mdFiles(t, site, "content/posts")); made >= all {
		t.Fatalf("the edit made the data of %d wiki pages: it took none, and the test proves nothing", made)
	}
	closeCache()
	again, closeAgain := cachedBuilder(t, site)
	defer closeAgain()
	if _, err := again.Render(opts); err != nil {
		t.Fatal(err)
	}
	if n := again.blog.Rendered() + again.wiki.Rendered(); n != 0 {
		t.Errorf("a build in a new process rendered %d pages: the disk lost pages the edit took", n)
	}
}

// TestDiskKeepsWhatARenderUsed: a rebuild in memory after a post's title
// changed makes the public view and the pages that show the title again,
// and names to the disk (diskcache.Cache.Note) what it used of every
// other body and every file without reading them: its commit drops from
// the disk the pages it replaced, not the bodies' values.
func TestDiskKeepsWhatARenderUsed(t *testing.T) {
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	d, err := OpenCache(site)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	b := NewBuilder(os.DirFS(site))
	b.UseDisk(d)
	b.Watched()
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	b.Wait()
	before := d.Len()
	const post = "content/posts/idempotency-is-a-contract.md"
	rewrite(t, site, post, func(s string) string { return strings.Replace(s, "title: ", "title: Again, ", 1) })
	b.Forget(post)
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	b.Wait()
	if b.blog.Rendered() == 0 {
		t.Fatal("the title's change rendered no page of the blog: the test proves nothing")
	}
	// Each document's front matter and facts, at least two values a
	// document, would go with the values the render did not name; the
	// pages it replaced, and their fragments, are fewer (39 of 425 here).
	if dropped, docs := before-d.Len(), len(mdFiles(t, site, "content")); dropped >= docs {
		t.Errorf("the render's commit dropped %d of %d values, as many as the site's %d documents: it lost what it used of them", dropped, before, docs)
	}
}
