package frontedit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// item returns the i-th item of the list under key.
func item(t *testing.T, f *File, key string, i int) *yaml.Node {
	t.Helper()
	_, v := Get(f.Root(), key)
	if v == nil || v.Kind != yaml.SequenceNode || i >= len(v.Content) {
		t.Fatalf("no %s[%d]", key, i)
	}
	return v.Content[i]
}

// TestSet: a value set or a key added changes only that: comments, key
// order, quoting, blank lines, line endings and the body stay.
func TestSet(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		edit      func(t *testing.T, f *File) error
		want      string
	}{
		{"a follow-up's done: false",
			"---\ntitle: Coffee  # with Ana\nfollowups:\n  - who: ana   # Ana Lima\n    due: 2026-11-26\n    what: send the doc\n    done: false   # not yet\n  - what: other\n---\nBody [[ana]].\n",
			func(t *testing.T, f *File) error { return f.Set(item(t, f, "followups", 0), "done", "2026-12-01") },
			"---\ntitle: Coffee  # with Ana\nfollowups:\n  - who: ana   # Ana Lima\n    due: 2026-11-26\n    what: send the doc\n    done: 2026-12-01   # not yet\n  - what: other\n---\nBody [[ana]].\n"},
		{"a follow-up without done",
			"---\nfollowups:\n  - who: ana\n    what: send the doc\n\n  # the second\n  - what: \"call back\"\n    due: 2026-12-01\nshared: []\n---\n",
			func(t *testing.T, f *File) error { return f.Set(item(t, f, "followups", 1), "done", "2026-12-02") },
			"---\nfollowups:\n  - who: ana\n    what: send the doc\n\n  # the second\n  - what: \"call back\"\n    due: 2026-12-01\n    done: 2026-12-02\nshared: []\n---\n"},
		{"a follow-up in flow style",
			"---\nfollowups:\n  - {who: ana, what: \"send it, soon\"}  # promised\n---\n",
			func(t *testing.T, f *File) error { return f.Set(item(t, f, "followups", 0), "done", "2026-12-01") },
			"---\nfollowups:\n  - {who: ana, what: \"send it, soon\", done: 2026-12-01}  # promised\n---\n"},
		{"a follow-up ending in a block scalar",
			"---\nfollowups:\n  - who: ana\n    what: |\n      send the doc\n\n      and the slides\n  - what: x\n---\n",
			func(t *testing.T, f *File) error { return f.Set(item(t, f, "followups", 0), "done", "2026-12-01") },
			"---\nfollowups:\n  - who: ana\n    what: |\n      send the doc\n\n      and the slides\n    done: 2026-12-01\n  - what: x\n---\n"},
		{"a follow-up written without a value",
			"---\nfollowups:\n  - what: x\n    done:\n---\n",
			func(t *testing.T, f *File) error { return f.Set(item(t, f, "followups", 0), "done", "2026-12-01") },
			"---\nfollowups:\n  - what: x\n    done: 2026-12-01\n---\n"},
		{"CRLF",
			"---\r\nname: Ana\r\n# snooze_until: later\r\n---\r\nNotes.\r\n",
			func(t *testing.T, f *File) error { return f.Set(f.Root(), "snooze_until", "2026-12-15") },
			"---\r\nname: Ana\r\n# snooze_until: later\r\nsnooze_until: 2026-12-15\r\n---\r\nNotes.\r\n"},
		{"a root key set again",
			"---\nname: Ana\nsnooze_until: \"2026-01-01\"  # after her leave\ncircle: core\n---\n",
			func(t *testing.T, f *File) error { return f.Set(f.Root(), "snooze_until", "2026-12-15") },
			"---\nname: Ana\nsnooze_until: 2026-12-15  # after her leave\ncircle: core\n---\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if err := tc.edit(t, f); err != nil {
				t.Fatal(err)
			}
			if got := string(f.Bytes()); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestSetRefuses(t *testing.T) {
	f, err := Parse([]byte("---\nfollowups:\n  - what: x\n    done: [a]\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Set(item(t, f, "followups", 0), "done", "2026-12-01"); err == nil || !strings.Contains(err.Error(), "holds a list or a map") {
		t.Errorf("a list in place of a value: %v", err)
	}
	if _, err := Parse([]byte("no front matter\n")); err != ErrNoFrontMatter {
		t.Errorf("no front matter: %v", err)
	}
}

// TestWriteFile: the file is replaced whole, keeps its mode, and a link
// to it stays a link.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.md")
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("the file holds %q", b)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("a temporary file was left: %v", entries)
	}
}

// TestDelete: a key taken out goes with its value's lines, but for the
// comments on them, which stay, each a line of its own where the key was
// (snooze ana off took "# on parental leave until March; ask about the
// new team" with it: a QA pass).
func TestDelete(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"---\nname: Ana\nsnooze_until: 2026-12-15  # her leave\ncircle: core\n---\nBody\n", "---\nname: Ana\n# her leave\ncircle: core\n---\nBody\n"},
		{"---\r\nname: Ana\r\nsnooze_until: 2026-12-15 #a\r\n  # b\r\ncircle: core\r\n---\r\n", "---\r\nname: Ana\r\n#a\r\n# b\r\ncircle: core\r\n---\r\n"},
		{"---\nname: Ana\nsnooze_until: \"2026-12-15 # not a comment\"\ncircle: core\n---\n", "---\nname: Ana\ncircle: core\n---\n"},
		{"---\nname: Ana\nnotes: |\n  # a heading, not a comment\n  text\ncircle: core\n---\n", "---\nname: Ana\ncircle: core\n---\n"},
		{"---\nname: Ana\nsnooze_until: 2026-12-15", ""}, // not closed: no file
		{"---\r\nname: Ana\r\nsnooze_until: >\r\n  2026-12-15\r\n# after\r\n---\r\n", "---\r\nname: Ana\r\n# after\r\n---\r\n"},
		{"---\nname: Ana\n---\n", "---\nname: Ana\n---\n"},
	} {
		f, err := Parse([]byte(tc.src))
		if err != nil {
			if tc.want != "" {
				t.Errorf("%q: %v", tc.src, err)
			}
			continue
		}
		key := "snooze_until"
		if strings.Contains(tc.src, "notes:") {
			key = "notes"
		}
		if err := f.Delete(key); err != nil {
			t.Fatal(err)
		}
		if got := string(f.Bytes()); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
