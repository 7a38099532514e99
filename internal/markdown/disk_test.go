package markdown

import (
	"reflect"
	"testing"
)

const diskSample = "# Hi [[ana]]\n\nSee [x](/posts/y/) and [[bo|Bo]] and ![a](/p.png).\n\n## [[ana]] again\n\n[r]: /u \"[[z]]\"\n"

// TestDiskRoundTrip: a prepared body comes back from its encoding as it
// was, and renders the same; a cut encoding is refused.
func TestDiskRoundTrip(t *testing.T) {
	p := New().prepareUncached(diskSample)
	if len(p.wikilinks) != 3 || len(p.links) == 0 || len(p.slips) != 1 || len(p.headings) != 2 || len(p.dests) == 0 {
		t.Fatalf("the sample lacks parts: %+v", p)
	}
	b, ok := encode(p)
	if !ok {
		t.Fatal("not encoded")
	}
	got, ok := decode("p", b)
	if !ok {
		t.Fatal("not decoded")
	}
	if !reflect.DeepEqual(got, p) {
		t.Errorf("got %#v, want %#v", got, p)
	}
	if _, ok := decode("p", b[:len(b)-1]); ok {
		t.Error("a cut encoding decoded")
	}
	if _, ok := encode(Result{}); ok {
		t.Error("a Result is kept on disk: it is made from the prepared body")
	}
}

// FuzzDecode: whatever the cache holds, decoding never panics, and what
// it accepts renders.
func FuzzDecode(f *testing.F) {
	b, _ := encode(New().prepareUncached(diskSample))
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		if p, ok := decode("p", b); ok {
			New().resolve(Text(""), p.(*prepared), Options{Rewrite: func(d string) string { return d }})
		}
	})
}
