package markdown

import (
	"strings"
	"testing"
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
