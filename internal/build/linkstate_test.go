package build

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

// TestLinkStateRoundTrip: the state a check keeps reads back as written;
// one cut, or with a byte changed, reads as none.
func TestLinkStateRoundTrip(t *testing.T) {
	s := &linkState{sums: [32]byte{1}, pages: map[string]pageState{
		"public/index.html": {key: [32]byte{2}, ids: [32]byte{3}, warns: content.ErrorList{
			{Pos: content.Position{Path: "public/index.html"}, Msg: "broken link /x/: no such page"},
			{Pos: content.Position{Path: "content/posts/a.md", Line: 7}, Msg: "broken link /y/#z: no #z on that page"},
		}},
		"private/a b.html": {ids: [32]byte{4}},
	}}
	b := s.encode()
	if got := decodeLinkState(b); !reflect.DeepEqual(got, s) {
		t.Errorf("read back %+v, want %+v", got, s)
	}
	if decodeLinkState(b[:len(b)-1]) != nil {
		t.Error("a cut state read back")
	}
	b[len(linkStateMagic)+40] ^= 1
	if decodeLinkState(b) != nil {
		t.Error("a changed state read back")
	}

	// Written as the pages come, in any order; a write abandoned half
	// way, or with a page short, leaves no state.
	dir := t.TempDir()
	p := filepath.Join(dir, linkStateFile)
	writeLinkState(p, s.sums, 2, func(add func(string, pageState)) bool {
		add("private/a b.html", s.pages["private/a b.html"])
		add("public/index.html", s.pages["public/index.html"])
		return true
	})
	if got := readLinkState(p); !reflect.DeepEqual(got, s) {
		t.Errorf("written in another order, read back %+v, want %+v", got, s)
	}
	for name, each := range map[string]func(add func(string, pageState)) bool{
		"abandoned": func(add func(string, pageState)) bool {
			add("public/index.html", s.pages["public/index.html"])
			return false
		},
		"a page short": func(add func(string, pageState)) bool {
			add("public/index.html", s.pages["public/index.html"])
			return true
		},
	} {
		os.Remove(p)
		writeLinkState(p, s.sums, 2, each)
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%s: left %v", name, left)
		}
	}
}

// TestLinkWarningsKept: a build in a new process finds again the link
// warnings the last build's check kept for each page whose key is the
// same, and checks again every page when what they depend on changed: a
// file added or gone, the base URL, a page's ids. (A warning planted in
// the kept state shows which it did.)
func TestLinkWarningsKept(t *testing.T) {
	var plantedLine string
	site := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	state := filepath.Join(site, CacheDir)
	// Every page links to /gone/, from the menu: said once, at its line
	// of netjournal.yaml.
	rewrite(t, site, "netjournal.yaml", func(s string) string {
		return s + "menu:\n  - {title: Home, url: /}\n  - {title: Gone, url: /gone/}\n"
	})
	build := func() string {
		t.Helper()
		b, closeCache := cachedBuilder(t, site)
		defer closeCache()
		res, err := streamed(t, site, b, opts)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Render(os.DirFS(site), opts)
		if err != nil {
			t.Fatal(err)
		}
		got := res.Warnings.Error()
		if w := want.Warnings.Error(); strings.ReplaceAll(got, "\n"+plantedLine, "") != w {
			t.Fatalf("warnings\n%s\nwant\n%s", got, w)
		}
		return got
	}
	const planted = "planted: a warning only the kept state has"
	plantedLine = "public/about/index.html: " + planted
	plant := func() {
		t.Helper()
		paths, _ := filepath.Glob(filepath.Join(state, "*", linkStateFile))
		if len(paths) != 1 {
			t.Fatalf("kept states: %v", paths)
		}
		s := readLinkState(paths[0])
		if s == nil {
			t.Fatal("the kept state does not read back")
		}
		p := s.pages["public/about/index.html"]
		p.warns = append(p.warns, &content.Error{Pos: content.Position{Path: "public/about/index.html"}, Msg: planted})
		s.pages["public/about/index.html"] = p
		s.write(paths[0])
	}
	build()
	for _, step := range []struct {
		name   string
		change func()
		kept   bool
	}{
		{"nothing changed", func() {}, true},
		{"a post's last paragraph edited", func() {
			rewrite(t, site, "content/posts/retries-backoff-and-jitter.md", func(s string) string { return s + "\nOne more line.\n" })
		}, true},
		{"a heading added to a post", func() {
			rewrite(t, site, "content/posts/retries-backoff-and-jitter.md", func(s string) string { return s + "\n## A new part\n\nText.\n" })
		}, false},
		// The menu's link was said at its line before: no page's
		// warnings are other (they were, when each page said it).
		{"a body links where the menu does", func() {
			rewrite(t, site, "content/posts/retries-backoff-and-jitter.md", func(s string) string { return s + "\nSee [this](/gone/).\n" })
		}, true},
		{"a post added", func() {
			put(t, filepath.Join(site, "content", "posts", "zz-new.md"), "---\ntitle: New\ndate: 2026-11-01\n---\nNew.\n")
		}, false},
		{"the base URL", func() {
			rewrite(t, site, "netjournal.yaml", func(s string) string {
				return strings.Replace(s, `base_url: "https://maya.example.com/"`, `base_url: "https://other.example/x/"`, 1)
			})
		}, false},
	} {
		plant()
		step.change()
		warns := build()
		if got := strings.Contains(warns, planted); got != step.kept {
			t.Errorf("%s: the kept warnings found again: %v, want %v", step.name, got, step.kept)
		}
	}
}
