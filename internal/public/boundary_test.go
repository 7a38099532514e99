package public_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBoundary proves the privacy boundary in the import graph: the
// packages that write public/ cannot reach a contact or an event, because
// nothing they import, directly or not, holds one.
func TestBoundary(t *testing.T) {
	for _, pkg := range []string{"internal/blog", "internal/feed"} {
		out, err := exec.Command("go", "list", "-deps", "github.com/netjournal/netjournal/"+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 3 {
			t.Fatalf("go list %s listed %d packages: the check would prove nothing", pkg, len(deps))
		}
		for _, dep := range deps {
			for _, private := range []string{"/internal/journal", "/internal/content", "/internal/wiki", "/internal/build"} {
				if strings.HasSuffix(dep, private) {
					t.Errorf("%s depends on %s, which can hold private data", pkg, dep)
				}
			}
		}
	}
}
