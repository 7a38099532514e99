package markdown

import (
	"strings"
	"testing"
)

// FuzzRender: any body renders without panicking, and every wikilink and
// link the renderer reports sits on a line of the source.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"# Title\n\n[[a]] [[b|c]] [[d#e]] ![[f]] [[#g]] [[|]] [[x|]] [[",
		"```go\nfunc main() {}\n```\n",
		"Term\n: definition\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: note\n",
		"<script>alert(1)</script> [x](/posts/a/) ![i](/img.png)",
		"$$<script>alert(1)</script> [[a]]$$ and $$\nx_1 \\\\ [[b]]\n$$\n\n- $$y$$",
		"![a $$x$$](i.png) [b $$y$$](/u)\n\n## $$z$$\n\n| $$1$$ | b |\n|---|---|\n| c | $$d$$ |\n\n> - $$e\n>   f$$\n\nTerm $$g$$\n: $$h$$\n",
		"Para.\n\n<div>\n<!-- a\ncomment -->\n<script>\nx()\n</script>\n<img\n src=\"/a.png\"><a href=\"/p/über/\">ü</a>\n</div>\n",
	} {
		f.Add(seed)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		res := r.Render(Text(src), Options{
			Resolve: func(l Wikilink) (Resolution, error) {
				return Resolution{Dest: "/x/" + l.Target, Class: "c"}, nil
			},
			Rewrite: func(d string) string { return "/base" + d },
		})
		lines := strings.Count(src, "\n")
		for _, l := range res.Wikilinks {
			if l.Line < 0 || l.Line > lines {
				t.Errorf("wikilink %+v on line %d of %d", l, l.Line, lines)
			}
		}
		for _, l := range res.Links {
			if l.Line < 0 || l.Line > lines {
				t.Errorf("link %+v on line %d of %d", l, l.Line, lines)
			}
		}
		if strings.Contains(res.HTML, "<script>") {
			t.Errorf("raw HTML was not escaped: %s", res.HTML)
		}
	})
}
