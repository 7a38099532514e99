package wiki

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzEncodeEntry: an entry encoded in a buffer used before is the bytes
// json.Marshal makes of it, escapes and all (<, >, & and the line
// separators, which a script must not see bare; invalid UTF-8).
func FuzzEncodeEntry(f *testing.F) {
	f.Add("Ana <b>&</b>", "notes\u2028and\u2029more", "x\xffy", "")
	f.Add("", "", "", "\n\"quoted\"\t")
	var buf bytes.Buffer
	f.Fuzz(func(t *testing.T, title, notes, tag, other string) {
		doc := SearchDoc{Kind: "post", Title: title, URL: "posts/x.html", Notes: notes, Other: other}
		if tag != "" {
			doc.Tags = []string{tag, title}
		}
		want, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeEntry(&buf, doc)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("encodeEntry = %q, %v; want %q", got, err, want)
		}
	})
}
