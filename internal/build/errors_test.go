package build

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestEachProblemOnce: a problem is reported once, at its line, and a post
// whose front matter did not load gets no second-hand problems from the
// public view (read with defaults, it would look published).
func TestEachProblemOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"netjournal.yaml":             {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"content/contacts/mei.md":     {Data: []byte("---\nname: Mei Chen\naliases: [Chen]\n---\n")},
		"content/contacts/carla.md":   {Data: []byte("---\nname: Carla\n---\n")},
		"content/events/chen.md":      {Data: []byte("---\ntitle: Chen\ndate: 2026-01-01\n---\n")},
		"content/posts/ambiguous.md":  {Data: []byte("---\ntitle: A\ndate: 2026-01-02\n---\nHello [[Chen]] there.\n")},
		"content/posts/half-draft.md": {Data: []byte("---\ntitle: D\ndate: 2026-01-03\ndraft: tru\n---\nWith [[carla]].\n")},
	}
	_, err := Render(fsys, Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	var ambiguous, carla int
	for _, l := range lines {
		if strings.Contains(l, `ambiguous reference "Chen"`) {
			ambiguous++
		}
		if strings.Contains(l, "carla") {
			carla++
		}
	}
	if ambiguous != 1 || carla != 0 || len(lines) != 2 {
		t.Errorf("want the ambiguity once and the draft's bad value only; got:\n%s", err)
	}
}
