package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
)

func TestSummaryIsPlainText(t *testing.T) {
	res := New().Render("Barroso's \"tail\" -- at *scale*...\n\nSecond.\n", Options{})
	if want := "Barroso’s “tail” – at scale…"; res.Summary != want {
		t.Errorf("summary = %q, want %q", res.Summary, want)
	}
	if !strings.Contains(res.HTML, "&rsquo;") {
		t.Errorf("the HTML keeps the typographer's entities: %s", res.HTML)
	}
}

// TestCodeBlocksCached: a cached code block renders exactly as chroma
// renders it, the second time as the first.
func TestCodeBlocksCached(t *testing.T) {
	src := "```go\nfunc main() { println(\"hi\") }\n```\n\n```\nplain\n```\n"
	direct := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(highlightOptions...)))
	var want bytes.Buffer
	if err := direct.Convert([]byte(src), &want); err != nil {
		t.Fatal(err)
	}
	r := New()
	for i := range 2 {
		if got := r.Render(src, Options{}).HTML; got != want.String() {
			t.Errorf("render %d:\n%s\nwant:\n%s", i+1, got, want.String())
		}
	}
	if !strings.Contains(want.String(), `<span class="kd">func</span>`) {
		t.Errorf("the code is not highlighted: %s", want.String())
	}
}
