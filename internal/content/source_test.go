package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestSkippedPlaces: posts in folders named like editor backups, or
// starting with _, are not read, and each is named in a warning; editor
// temporaries and hidden files are never content and say nothing.
func TestSkippedPlaces(t *testing.T) {
	post := []byte("---\ntitle: T\ndate: 2026-01-01\n---\nBody.\n")
	fsys := fstest.MapFS{ConfigFile: {Data: []byte(testConfig)}}
	for _, p := range []string{
		"content/posts/kept.md",
		"content/posts/2025/kept-too.md",
		"content/posts/2025.bak/old.md",
		"content/posts/x~/tilde.md",
		"content/posts/tmp.tmp/tmp.md",
		"content/posts/notes.swp/swp.md",
		"content/posts/_old/underscore.md",
		"content/posts/_draft.md",
		"content/posts/.hidden/hidden.md",
		"content/posts/.lock.md",
		"content/posts/kept.md~",
		"content/posts/#kept.md#",
		"content/posts/kept.md___jb_tmp___",
	} {
		fsys[p] = &fstest.MapFile{Data: post}
	}
	site, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for _, p := range site.Posts {
		read = append(read, p.Path)
	}
	if want := []string{"content/posts/2025/kept-too.md", "content/posts/kept.md"}; !slices.Equal(read, want) {
		t.Errorf("read %v, want %v", read, want)
	}
	var warned []string
	for _, w := range site.Warnings {
		warned = append(warned, w.Error())
	}
	want := []string{
		`content/posts/2025.bak/old.md: not read: the folder 2025.bak is skipped (its name looks like an editor's backup or temporary file): rename it to use this file`,
		`content/posts/_draft.md: not read: files whose names start with _ are skipped: rename it to use it`,
		`content/posts/_old/underscore.md: not read: the folder _old is skipped (its name starts with _): rename it to use this file`,
		`content/posts/notes.swp/swp.md: not read: the folder notes.swp is skipped (its name looks like an editor's backup or temporary file): rename it to use this file`,
		`content/posts/tmp.tmp/tmp.md: not read: the folder tmp.tmp is skipped (its name looks like an editor's backup or temporary file): rename it to use this file`,
		`content/posts/x~/tilde.md: not read: the folder x~ is skipped (its name looks like an editor's backup or temporary file): rename it to use this file`,
	}
	if got := strings.Join(warned, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
