package build

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

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
		d, err := OpenCache(site)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		b := NewBuilder(os.DirFS(site))
		b.UseDisk(d)
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
