package contactfile

import (
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
)

// TestFillBesideCommentBelowReviewed: 03d73b7 quotes a value filled beside a
// "#word" comment on the key's line; the same comment on the line below,
// indented under the key, is read by the loader as the value's text cut
// by a comment too, and the file the import wrote is refused.
func TestFillBesideCommentBelowReviewed(t *testing.T) {
	src := "---\nname: Bo\nrole:\n  #todo\n---\n"
	m, err := Merge([]byte(src), Person{Name: "Bo", Role: "CTO"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := content.Load(fstest.MapFS{
		content.ConfigFile:      {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"content/contacts/x.md": {Data: m.Data},
	}); err != nil {
		t.Errorf("merged %q: %v", m.Data, err)
	}
}
