package gotemplate_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneTemplatePackage proves that netjournal executes its templates
// with this copy alone: a template.HTML of the standard library's
// html/template is a plain string to the copy's escapers, so a package
// that made one and handed it to a page would have its HTML escaped
// twice.
func TestOneTemplatePackage(t *testing.T) {
	// go list reads the module's files in a process of its own, which go
	// test's cache does not follow: it kept this test's pass after an
	// import broke it. Each folder and Go file of the module looked at
	// here makes the pass stand only while they are as they were.
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module's root is not two folders up: %v", err)
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "public" || d.Name() == "private") {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".go") || d.Name() == "go.mod" || d.Name() == "go.sum") {
			_, err = os.Stat(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "list", "-deps", "-test", "github.com/netjournal/netjournal/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	copies := 0
	for _, dep := range deps {
		switch {
		case dep == "html/template" || dep == "text/template":
			t.Errorf("a package of netjournal depends on %s: use internal/gotemplate", dep)
		case strings.HasSuffix(dep, "/internal/gotemplate/html"):
			copies++
		}
	}
	if copies == 0 {
		t.Fatalf("go list listed %d packages, none the copy of html/template: the check would prove nothing", len(deps))
	}
}
