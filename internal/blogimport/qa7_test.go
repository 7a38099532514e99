package blogimport

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLazyImagesKeepTheirPicture: a theme's figure shortcode that loads
// its image lazily (<img data-src>, no src: a script of the old theme's
// set it) lost every picture, the build's sanitizing taking data-src
// out (a QA pass: 1,150 figures of a real blog). So did a post's own
// lazy <img> with a placeholder's data: address. The picture's address
// is the image's src.
func TestLazyImagesKeepTheirPicture(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":                      {Data: []byte("baseURL = 'https://h.example/'\n")},
		"layouts/shortcodes/figure.html": {Data: []byte(`<figure><img class="lazy" data-src="{{ .Get "src" }}" alt="{{ .Get "alt" }}"/></figure>`)},
		"static/img/a.png":               {Data: []byte("\x89PNG")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-06-25\n---\n{{< figure src=\"/img/a.png\" alt=\"A\" >}}\n\n" +
			"<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"/img/b.png\" data-srcset=\"/img/b.png 1x, /img/b2.png 2x\" srcset=\"data:image/gif;base64,R0\" alt=\"B\">\n\n" +
			"<img data-original='/img/c.png' alt=\"C\">\n\n" +
			"<img src=\"/img/d.png\" data-src=\"/img/other.png\" alt=\"D\">\n\n" +
			"```html\n<img data-src=\"/in/code.png\">\n```\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	body := plan.Posts[0].Body
	html := publicHTML(body)
	for _, want := range []string{`src="/img/a.png"`, `src="/img/b.png"`, `srcset="/img/b.png 1x, /img/b2.png 2x"`, `src="/img/c.png"`, `src="/img/d.png"`} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s\n(body %q)", want, html, body)
		}
	}
	if !strings.Contains(body, "```html\n<img data-src=\"/in/code.png\">\n```") {
		t.Errorf("code changed: %q", body)
	}
	if strings.Contains(html, "other.png") || strings.Contains(html, "data:image") {
		t.Errorf("a picture's src replaced, or the placeholder kept:\n%s", html)
	}
}
