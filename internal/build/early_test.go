package build

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestEarly: a render for a server hands each page First names to Early as
// soon as it is made, with the bytes the result then holds and the public
// site's base path; no other file, and nothing from Verify.
func TestEarly(t *testing.T) {
	site := copySite(t)
	first := map[string]bool{
		"public/posts/idempotency-is-a-contract/index.html": true,
		"public/index.html":                  true,
		"private/contacts/carla-duarte.html": true,
		"private/search-index.js":            true, // not a page: never early
	}
	var mu sync.Mutex
	early := map[string][]byte{}
	opts := Options{
		Now:   time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		First: func(site, file string) bool { return first[site+"/"+file] },
		Early: func(site, file, basePath string, data []byte) {
			mu.Lock()
			defer mu.Unlock()
			if basePath != "/" {
				t.Errorf("%s/%s came early with the base path %q", site, file, basePath)
			}
			if _, again := early[site+"/"+file]; again {
				t.Errorf("%s/%s came early twice", site, file)
			}
			early[site+"/"+file] = data
		},
	}
	b := NewBuilder(os.DirFS(site))
	res, err := b.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	for name := range first {
		site, file, _ := strings.Cut(name, "/")
		files := res.Public
		if site == "private" {
			files = res.Private
		}
		want, ok := files[file]
		if !ok {
			t.Fatalf("the site has no %s: pick pages it has", name)
		}
		got, came := early[name]
		if strings.HasSuffix(file, ".js") {
			if came {
				t.Errorf("%s, not a page, came early", name)
			}
			continue
		}
		if !came || string(got) != string(want) {
			t.Errorf("%s came early %v, with the bytes of the result %v", name, came, string(got) == string(want))
		}
	}
	if len(early) != 3 {
		t.Errorf("%d files came early, want the 3 pages named", len(early))
	}

	// A rebuild with one of them edited: it comes early again, new.
	put(t, site+"/content/contacts/carla-duarte.md", strings.Replace(readFile(t, site+"/content/contacts/carla-duarte.md"), "\n---\n", "\n---\nEarly bird.\n\n", 1))
	b.Forget("content/contacts/carla-duarte.md")
	clear(early)
	res, err = b.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(early["private/contacts/carla-duarte.html"]); !strings.Contains(got, "Early bird.") || got != string(res.Private["contacts/carla-duarte.html"]) {
		t.Error("the edited page did not come early with its new bytes")
	}

	clear(early)
	if err := Verify(os.DirFS(site), opts, res); err != nil {
		t.Fatal(err)
	}
	if len(early) != 0 {
		t.Errorf("Verify's render showed %d pages early", len(early))
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEarlyNoneWhenPublicFails: a rebuild whose public view fails (a
// public post linking a private contact without a label) shows no page
// early, though the wiki is rendered while the public view is made: the
// browser is never shown a page of a build that fails.
func TestEarlyNoneWhenPublicFails(t *testing.T) {
	site := copySite(t)
	var mu sync.Mutex
	var early []string
	opts := Options{
		Now:   time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		First: func(string, string) bool { return true },
		Early: func(site, file, _ string, _ []byte) {
			mu.Lock()
			defer mu.Unlock()
			early = append(early, site+"/"+file)
		},
	}
	b := NewBuilder(os.DirFS(site))
	b.Watched()
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	if len(early) == 0 {
		t.Fatal("no page came early: the test proves nothing")
	}
	early = nil
	const post, contact = "content/posts/promotion-case.md", "content/contacts/carla-duarte.md"
	put(t, site+"/"+post, readFile(t, site+"/"+post)+"\nAsk [[Carla Duarte]].\n")
	put(t, site+"/"+contact, strings.Replace(readFile(t, site+"/"+contact), "\n---\n", "\n---\nEarly bird.\n\n", 1))
	b.Forget(post, contact)
	if _, err := b.Render(opts); err == nil || !strings.Contains(err.Error(), "label") {
		t.Fatalf("the public view did not fail on a private contact linked without a label: %v", err)
	}
	if len(early) != 0 {
		t.Errorf("a failed rebuild showed %d pages early: %v", len(early), early)
	}
}
