package wiki

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/themes"
)

// jpeg is the start of a JPEG: enough for content.PhotoExt.
var jpeg = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")

// photoSite has Ana with a photo beside her file, Rui without one, and Bo
// whose photo is not there.
var photoSite = fstest.MapFS{
	content.ConfigFile: {Data: []byte("title: T\nbase_url: https://example.com/\ncircles:\n  core: {cadence: 1m}\n")},
	"content/contacts/lisbon/ana-lima.md": {Data: []byte("---\nname: Ana Lima\ncircle: core\nphoto: ana-lima.jpg\n" +
		"email: [ana@example.com, work: ana@tidewater.example]\nphone:\n  - cell: +351 910 000 101\n---\n")},
	"content/contacts/lisbon/ana-lima.jpg": {Data: jpeg},
	"content/contacts/rui-alves.md":        {Data: []byte("---\nname: Rui Alves\ncircle: core\n---\n")},
	"content/contacts/bo.md":               {Data: []byte("---\nname: Bo\nphoto: bo.png\n---\n")},
	"content/events/2026-02-01-coffee.md": {Data: []byte("---\ntitle: Coffee\ndate: 2026-02-01\nwith: [ana-lima, rui-alves]\n" +
		"followups:\n  - who: ana-lima\n    due: 2026-03-01\n    what: send the deck\n---\n")},
}

// imgs returns the src and the class of every img of a page.
func imgs(t *testing.T, b []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "img" {
			var src, class string
			for _, a := range n.Attr {
				switch a.Key {
				case "src":
					src = a.Val
				case "class":
					class = a.Val
				}
			}
			out = append(out, src+" "+class)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestPhotos: a contact's photo is copied into the wiki and shown in
// place of their initials, on their page and in every chip and row, by a
// link that works from every page; a contact without one keeps the
// initials.
func TestPhotos(t *testing.T) {
	s, err := content.Load(photoSite)
	if err != nil {
		t.Fatal(err)
	}
	photos, warnings := content.ReadPhotos(photoSite, s.Contacts)
	if got := warnings.Error(); got != `content/contacts/bo.md:3: photo "bo.png" is not there: the wiki shows initials instead` {
		t.Errorf("warnings: %s", got)
	}
	out := map[string][]byte{}
	err = new(Cache).RenderWith(build(t, photoSite), themes.Default(), Options{Photos: photos}, page.NewSite(page.Into(out)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out["photos/ana-lima.jpg"], jpeg) {
		t.Fatalf("photos/ana-lima.jpg not copied: %q", out["photos/ana-lima.jpg"])
	}
	for p := range out {
		if strings.HasPrefix(p, "photos/") && p != "photos/ana-lima.jpg" {
			t.Errorf("%s: a photo of no one's", p)
		}
	}
	for page, want := range map[string][]string{
		// Ana's page: her photo, and her chip in her open follow-up.
		"contacts/ana-lima.html":        {"../photos/ana-lima.jpg avatar xl photo hue-0", "../photos/ana-lima.jpg avatar photo hue-0"},
		"contacts/rui-alves.html":       {"../photos/ana-lima.jpg avatar photo hue-0"}, // Ana, on his timeline
		"events/2026-02-01-coffee.html": {"../photos/ana-lima.jpg avatar photo hue-0", "../photos/ana-lima.jpg avatar photo hue-0"},
		"contacts/index.html":           {"../photos/ana-lima.jpg avatar photo hue-0"},
		"index.html":                    {"photos/ana-lima.jpg avatar photo hue-0", "photos/ana-lima.jpg avatar photo hue-0"},
		"contacts/bo.html":              nil,
	} {
		if got := imgs(t, out[page]); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: images\n%s\nwant\n%s", page, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// The header of a contact without a photo shows the initials.
	if !bytes.Contains(out["contacts/rui-alves.html"], []byte(`<span class="avatar xl hue-0" aria-hidden="true">RA</span>`)) {
		t.Error("no initials on Rui's page")
	}
	if !bytes.Contains(out["contacts/bo.html"], []byte(`<span class="avatar xl" aria-hidden="true">B</span>`)) {
		t.Error("no initials on Bo's page, whose photo is not there")
	}
	// The types of emails and phones are shown with them.
	if got := text(t, section(t, out["contacts/ana-lima.html"], "s-details")); !strings.Contains(got, "Email ana@example.com ana@tidewater.example work Phone +351 910 000 101 cell") {
		t.Errorf("details: %s", got)
	}
	checkLinks(t, "photos", out)

	// Without photos, the wiki is what it was.
	plain, err := new(Cache).Render(build(t, photoSite), themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range plain {
		if strings.HasPrefix(p, "photos/") || bytes.Contains(b, []byte("<img")) {
			t.Errorf("%s: a photo without Options.Photos", p)
		}
	}
}
