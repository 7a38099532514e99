package source

import "testing"

func TestIgnored(t *testing.T) {
	for _, tc := range []struct {
		name string
		dir  bool
		want bool
	}{
		{"a.md", false, false}, {"4913", false, true}, {".a.md.swp", false, true}, {"a.md~", false, true},
		{"#a.md#", false, true}, {".#a.md", false, true}, {"a.md___jb_tmp___", false, true}, {"a.md___jb_old___", false, true},
		{"notes.swp", false, true}, {"a.md.crswap", false, true}, {"ana-lima.md", false, false}, {"netjournal.yaml", false, false},
		{"sedKGXFHU", false, true}, {"sedan.md", false, false},
		{".git", true, true}, {"2025", true, false}, {".well-known", true, false}, {".well-known", false, true},
		// A folder named like a backup is skipped, with a warning for what
		// it holds, but not ignored: its files are watched.
		{"2025.bak", true, false}, {"x~", true, false}, {"_old", true, false},
	} {
		if got := Ignored(tc.name, tc.dir); got != tc.want {
			t.Errorf("Ignored(%q, dir=%v) = %v, want %v", tc.name, tc.dir, got, tc.want)
		}
	}
}
