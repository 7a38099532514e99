package gotemplate_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOneTemplatePackage proves that netjournal executes its templates
// with this copy alone: a template.HTML of the standard library's
// html/template is a plain string to the copy's escapers, so a package
// that made one and handed it to a page would have its HTML escaped
// twice.
func TestOneTemplatePackage(t *testing.T) {
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
