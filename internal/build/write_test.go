package build

import (
	"testing"
)

// TestSyncFileToFolder: a path that was a file and becomes a folder (a
// static file replaced by a folder of the same name), and back, syncs.
func TestSyncFileToFolder(t *testing.T) {
	dir := t.TempDir()
	steps := []map[string][]byte{
		{"index.html": []byte("home"), "notes": []byte("a file")},
		{"index.html": []byte("home"), "notes/a.txt": []byte("in a folder"), "other.txt": []byte("x")},
		{"index.html": []byte("home"), "notes": []byte("a file again")},
	}
	var prev map[string][]byte
	for i, files := range steps {
		if _, _, err := Sync(dir, prev, files, false); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if diff := compare(readTree(t, dir), files); diff != "" {
			t.Fatalf("step %d: the folder differs:\n%s", i, diff)
		}
		prev = files
	}
}
