package markdown

import (
	"slices"
	"testing"

	"github.com/netjournal/netjournal/internal/diskcache"
)

// TestWebNames: a body's facts name the last name of each web address it
// links to, and the folders of its path, by a Markdown link, an image, an autolink or a bare address,
// and of no other; they are kept on the disk with the facts; WebLinks
// gives the addresses with their lines.
func TestWebNames(t *testing.T) {
	body := "[a](https://example.com/posts/alpha/) ![b](http://example.com/img/beta.png)\n\n" +
		"<https://example.com/posts/gamma/index.html#x> and www.example.com/delta and https://example.com/posts/s%65cret/\n\n" +
		"[rel](/posts/rel/) [mail](mailto:ana@example.com) [ftp](ftp://example.com/epsilon/) `https://example.com/code/`\n"
	want := []uint64{WebName("alpha"), WebName("beta.png"), WebName("gamma"), WebName("delta"), WebName("secret"),
		WebName("posts"), WebName("img")} // and the folders of their paths
	slices.Sort(want)
	d, err := diskcache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	r := New()
	r.UseDisk(d)
	if got := r.Facts(Text(body)).WebNames; !slices.Equal(got, want) {
		t.Errorf("web names %v, want %v", got, want)
	}
	// Written and read back as the disk keeps them.
	v, ok := decodeFacts(encodeFacts(nil, &facts{webNames: want, links: []LinkUse{{Dest: "/x/", Line: 3}}}))
	if f, _ := v.(*facts); !ok || !slices.Equal(f.webNames, want) || len(f.links) != 1 {
		t.Errorf("decoded %+v, %v", v, ok)
	}
	again := New()
	again.UseDisk(d)
	if got := again.Facts(Text(body)).WebNames; !slices.Equal(got, want) {
		t.Errorf("from the disk: web names %v, want %v", got, want)
	}
	var dests []string
	for _, l := range r.WebLinks(Text(body)) {
		dests = append(dests, l.Dest)
		if l.Line != map[bool]int{true: 0, false: 2}[l.Dest == "https://example.com/posts/alpha/" || l.Dest == "http://example.com/img/beta.png"] {
			t.Errorf("%s at line %d", l.Dest, l.Line)
		}
	}
	if len(dests) != 5 {
		t.Errorf("web links %q", dests)
	}
}
