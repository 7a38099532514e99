//go:build unix

package build

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestReadDirUnsorted: readDirUnsorted reads what os.ReadDir reads, each
// entry with its type: files, folders, links, a pipe, the longest name,
// and more entries than one read of the system returns.
func TestReadDirUnsorted(t *testing.T) {
	dir := t.TempDir()
	for i := range 700 {
		put(t, filepath.Join(dir, fmt.Sprintf("post-%03d", i), "index.html"), "a page")
	}
	put(t, filepath.Join(dir, strings.Repeat("n", 255)), "the longest name")
	put(t, filepath.Join(dir, "é ü.html"), "a name of other letters")
	if err := os.Symlink("é ü.html", filepath.Join(dir, "link.html")); err != nil { // a link to a file
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Log("no pipe:", err)
	}
	types := func(entries []os.DirEntry) map[string]string {
		m := map[string]string{}
		for _, e := range entries {
			m[e.Name()] = fmt.Sprintf("%v dir=%t", e.Type(), e.IsDir())
		}
		return m
	}
	want, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readDirUnsorted(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || !maps.Equal(types(got), types(want)) {
		t.Errorf("read %d entries, want %d; differing: %v", len(got), len(want), differing(types(got), types(want)))
	}
	for _, e := range got {
		info, err := e.Info()
		if err != nil || info.Mode().Type() != e.Type() {
			t.Errorf("%s: Info says %v (%v), the entry %v", e.Name(), info, err, e.Type())
		}
	}
	if _, err := readDirUnsorted(filepath.Join(dir, "none")); !os.IsNotExist(err) {
		t.Errorf("a folder that is not there: %v", err)
	}
	if _, err := readDirUnsorted(filepath.Join(dir, "link.html")); !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("a link to a file read as a folder: %v", err)
	}
}

// differing lists the names whose values differ in a and b.
func differing(a, b map[string]string) []string {
	var names []string
	for name := range a {
		if a[name] != b[name] {
			names = append(names, name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
