package blogimport

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/markdown"
)

// TestDisplayMathKeepsParagraphReviewed: Hugo (checked with hugo v0.111)
// renders each of these bodies as ONE <p>, the $$ lines inside it (MathJax
// then shows display math, the rest as prose). displayMath's blank lines
// turn the indented line into a code block, show the hard break's
// backslash, and start an ordered list.
func TestDisplayMathKeepsParagraphReviewed(t *testing.T) {
	for body, bad := range map[string]string{
		"The energy is\n    $$E = mc^2$$\nwhere m is the mass.\n":  "<pre><code>",
		"Before the sum\n$$\n\\sum_i x_i\n$$\n    and after it.\n": "<pre><code>",
		"Consider this:\\\n$$\nx^2\n$$\nand after it.\n":           `\</p>`,
		"We get\n$$\nx = 2\n$$\n2. is then the second root.\n":     "<ol",
	} {
		plan, err := Hugo(fstest.MapFS{
			"config.toml":       {Data: []byte("baseURL = 'https://h.example.net/'\n")},
			"content/post/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n" + body)},
		}, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		got := plan.Posts[0].Body
		html := string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML)
		if strings.Contains(html, bad) {
			t.Errorf("%q imported as %q shows %s:\n%s", body, got, bad, html)
		}
	}
}

// TestKramdownHeadlessTableLoneBacktickReviewed: a lone backtick in a cell
// opens no code span (kramdown and CommonMark alike), but codePipes takes
// it for one and writes every later pipe of the row \|: the row becomes one
// cell "` | grave accent \". Before 85fd515 it showed as two cells.
func TestKramdownHeadlessTableLoneBacktickReviewed(t *testing.T) {
	got := jekyllPost(t, "Keys:\n\n| Esc | escape |\n| ` | grave accent |\n").Posts[0].Body
	html := string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML)
	for _, want := range []string{"<td>`</td>", "<td>grave accent</td>"} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s\nof %q", want, html, got)
		}
	}
}

// TestKramdownHeadlessTableDoubleBacktickCodeReviewed: a pipe in a code
// span of two backticks (“a|b“) is code to kramdown too; codePipes
// toggles on each backtick, so it is not escaped and the cell is cut.
func TestKramdownHeadlessTableDoubleBacktickCodeReviewed(t *testing.T) {
	got := jekyllPost(t, "Before.\n\n| ``a|b`` | c |\n| d | e |\n").Posts[0].Body
	html := string(markdown.New().Render(markdown.Text(got), markdown.Options{Parts: markdown.PartHTML}).HTML)
	for _, want := range []string{"<code>a|b</code>", "<td>c</td>"} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s\nof %q", want, html, got)
		}
	}
}
