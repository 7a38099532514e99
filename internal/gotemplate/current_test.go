package gotemplate_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
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

// TestPatchMakesCopy runs copy.sh on a copy of this folder: the
// standard library's sources with netjournal.patch applied must be the
// copy here, file for file, or the next move to a new Go release (which
// TestCopyIsCurrent asks for) would lose a change or not build. A change
// to a copied file is made in the patch too (copy.sh says how).
func TestPatchMakesCopy(t *testing.T) {
	// CI installs them (.ci/run), so there a missing tool fails the test;
	// elsewhere it is skipped, saying why.
	for _, tool := range []string{"bash", "patch", "sha256sum", "gofmt", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is needed to check netjournal.patch (copy.sh), and CI must check it: %v", tool, err)
			}
			t.Skipf("%s is not installed (copy.sh needs bash, patch, sha256sum, gofmt and go): skipping the check of netjournal.patch", tool)
		}
	}
	dir := filepath.Join(t.TempDir(), "gotemplate")
	if err := os.CopyFS(dir, os.DirFS(".")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", filepath.Join(dir, "copy.sh"))
	cmd.Env = append(os.Environ(), "COPY_ONLY=") // the whole script, the patch applied
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("copy.sh: %v\n%s", err, out)
	}
	// Copied from other sources than this folder's (a new Go release):
	// TestCopyIsCurrent says so, and what the patch makes of them is not
	// this folder.
	was, err1 := os.ReadFile("sources.sum")
	now, err2 := os.ReadFile(filepath.Join(dir, "sources.sum"))
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(was, now) {
		t.Skip("the Go running the tests has other sources than the copy's (TestCopyIsCurrent): run copy.sh")
	}
	files := func(root string) map[string]string {
		m := map[string]string{}
		for _, sub := range []string{"text", "html", "internal"} {
			err := filepath.WalkDir(filepath.Join(root, sub), func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := os.ReadFile(p)
				rel, _ := filepath.Rel(root, p)
				m[filepath.ToSlash(rel)] = string(b)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		return m
	}
	want, got := files("."), files(dir)
	if len(want) < 40 {
		t.Fatalf("this folder holds %d files of the copy: the check would prove little", len(want))
	}
	for name, b := range want {
		switch g, ok := got[name]; {
		case !ok:
			t.Errorf("%s: copy.sh does not make it", name)
		case g != b:
			t.Errorf("%s: copy.sh makes it otherwise: netjournal.patch lacks a change (copy.sh says how to make the patch)", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: copy.sh makes it, the folder does not hold it", name)
		}
	}
}
