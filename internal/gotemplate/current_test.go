package gotemplate_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCopyIsCurrent fails when the Go running the tests has other
// sources for the packages copied here than the ones copied (sources.sum,
// written by copy.sh): a Go release that fixes html/template's escaping
// must not leave netjournal with the old escaper. Run copy.sh then.
func TestCopyIsCurrent(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	src := filepath.Join(strings.TrimSpace(string(out)), "src")
	f, err := os.Open("sources.sum")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	copied := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("sources.sum: bad line %q", sc.Text())
		}
		copied[name] = sum
	}
	if len(copied) < 40 {
		t.Fatalf("sources.sum lists %d files: the check would prove little", len(copied))
	}
	var now []string
	for _, pattern := range []string{"text/template/*.go", "text/template/testdata/*", "html/template/*.go", "html/template/testdata/*", "internal/fmtsort/*.go"} {
		names, _ := filepath.Glob(filepath.Join(src, pattern))
		for _, n := range names {
			rel, _ := filepath.Rel(src, n)
			rel = filepath.ToSlash(rel)
			if rel != "text/template/link_test.go" {
				now = append(now, rel)
			}
		}
	}
	var stale []string
	for _, name := range now {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if copied[name] != hex.EncodeToString(sum[:]) {
			stale = append(stale, name)
		}
		delete(copied, name)
	}
	for name := range copied {
		stale = append(stale, name+" (gone)")
	}
	if len(stale) > 0 {
		slices.Sort(stale)
		t.Errorf("the Go at %s has other sources than the copy in internal/gotemplate: run internal/gotemplate/copy.sh (README.md):\n%s", src, strings.Join(stale, "\n"))
	}
}
