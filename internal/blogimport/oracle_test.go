package blogimport

import (
	"strings"
	"testing"

	"github.com/netjournal/netjournal/internal/markdown"
)

// TestJekyllOracle: posts of real Jekyll blogs whose imported page showed
// otherwise than Jekyll 4.3 (kramdown) did, each reduced and checked
// against Jekyll's own output: the rendered body holds what Jekyll's did
// (want), and nothing of what it did not (not).
func TestJekyllOracle(t *testing.T) {
	for _, tc := range []struct {
		name, in  string
		want, not []string
	}{
		// galdil: about 45 posts, a <div> closed before more HTML on its
		// line (<div …></div><script …></script>), then Markdown.
		{"more HTML after a block's closing tag", "<div>box</div><span>s</span>\n### Heading\nSome **bold** text.\n",
			[]string{"<div>box</div>", "<span>s</span>", "<h3", ">Heading<", "<strong>bold</strong>"}, []string{"###", "**"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := jekyllPost(t, tc.in).Posts[0].Body
			html := markdown.New().Render(markdown.Text(body), markdown.Options{}).HTML
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("body:\n%s\nhtml:\n%s\nwant %q", body, html, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(html, n) {
					t.Errorf("body:\n%s\nhtml:\n%s\nhas %q", body, html, n)
				}
			}
		})
	}
}

// TestJekyllBlockEndSplitLines: a line broken after a block's closing tag
// leaves the warnings of later lines at the file's own lines.
func TestJekyllBlockEndSplitLines(t *testing.T) {
	plan := jekyllPost(t, "<div>box</div><span>s</span>\nText.\n\n{% mystery %}\n")
	var got []string
	for _, w := range plan.Warnings {
		got = append(got, w.Error())
	}
	// The front matter is lines 1 to 3: the tag is on the file's line 7.
	want := `j/_posts/2021-01-01-a.md:7: Liquid tag {% mystery %} is not converted: left out`
	if !strings.Contains(strings.Join(got, "\n"), want) {
		t.Errorf("warnings:\n%s\nwant %s", strings.Join(got, "\n"), want)
	}
}
