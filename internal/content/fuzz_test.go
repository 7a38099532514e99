package content

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes to the loader as a contact, an event and a
// post: it must never panic, and every problem must carry the file's path
// and a line inside the file.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"---\nname: Ana\n---\nbody [[x]]\n",
		"---\ntitle: T\ndate: 2026-01-01\nwith: [a, b]\nfollowups:\n  - who: a\n    due: 2026-02-01\n    what: x\n    done: 2026-01-03\n---\n",
		"\uFEFF---\r\ntitle: T\r\n---\r\n",
		"---\ntitle: [\n---\n",
		"---\n\tname: x\n---\n",
		"---\nmet: {date: 2026-01-01, at: x, introduced_by: y}\nbirthday: --02-29\n---\n",
		"---\n- a\n---\n",
		"---\n---\n",
		"",
		"---\nlinks: {a: b}\nemail: [1, {x: y}]\n---\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, dir := range []string{ContactsDir, EventsDir, PostsDir} {
			path := dir + "/fuzz.md"
			fsys := fstest.MapFS{
				ConfigFile: {Data: []byte(testConfig)},
				path:       {Data: []byte(src)},
			}
			site, err := Load(fsys)
			if err == nil {
				if site == nil {
					t.Fatal("nil site without an error")
				}
				continue
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, not an ErrorList: %v", err, err)
			}
			lines := strings.Count(strings.TrimPrefix(src, "\uFEFF"), "\n") + 1
			for _, e := range list {
				if e.Pos.Path != path {
					t.Errorf("problem names %q, not %q: %v", e.Pos.Path, path, e)
				}
				if e.Pos.Line < 1 || e.Pos.Line > lines+1 {
					t.Errorf("line %d outside a %d-line file: %v", e.Pos.Line, lines, e)
				}
			}
		}
	})
}

// FuzzConfig: netjournal.yaml never panics the parser.
func FuzzConfig(f *testing.F) {
	f.Add(testConfig)
	f.Add("title: x\nbase_url: https://e.com/a/b\ncircles:\n  core: {cadence: 2w}\n  x: 3\n")
	f.Add("circles: [a]\n")
	f.Fuzz(func(t *testing.T, src string) {
		cfg, err := ParseConfig([]byte(src))
		if err == nil && (cfg == nil || cfg.BaseURL == "" || cfg.PageSize <= 0) {
			t.Fatalf("accepted config without its required settings: %+v", cfg)
		}
	})
}
