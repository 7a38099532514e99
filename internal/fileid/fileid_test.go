package fileid

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestIDSeesARewrite: a file written again to the same size, its
// modification time set back, has another ID, where the system gives a
// change time.
func TestIDSeesARewrite(t *testing.T) {
	p := filepath.Join(t.TempDir(), "post.md")
	if err := os.WriteFile(p, []byte("one body"), 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	before := Of(info)
	if before.Ctime == 0 {
		if runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
			t.Fatalf("no change time on %s", runtime.GOOS)
		}
		t.Skipf("%s gives no change time: netjournal reads every file there", runtime.GOOS)
	}
	time.Sleep(10 * time.Millisecond) // past the file system's tick
	if err := os.WriteFile(p, []byte("two body"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	info, err = os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	after := Of(info)
	if after.Size != before.Size || after.Mtime != before.Mtime {
		t.Fatalf("the rewrite changed the size or time: %+v, %+v", before, after)
	}
	if after == before {
		t.Errorf("a rewrite to the same size and time has the same ID %+v", after)
	}
	if !after.ChangedSince(before.Ctime + 1) {
		t.Error("the rewrite is not seen as changed since before it")
	}
}
