package blogimport

// A fifth review's cases, of the gating of a site's $ setup and of
// kramdown's header ids: each failed before its fix.

import (
	"strings"
	"testing"
	"testing/fstest"
)

const dollarSetup = "<script>\n  MathJax = { tex: { inlineMath: [['$','$'], ['\\\\(','\\\\)']] } };\n</script>\n"

// Hugo's own docs load the setup with {{ if .Param "math" }}.
func TestHugoParamMathGatedReviewed5(t *testing.T) {
	hp, err := Hugo(fstest.MapFS{
		"config.toml":                  {Data: []byte("baseURL = 'https://h.example.net/'\n")},
		"layouts/partials/math.html":   {Data: []byte(dollarSetup)},
		"layouts/_default/baseof.html": {Data: []byte("<head>{{ if .Param \"math\" }}{{ partialCached \"math.html\" . }}{{ end }}</head>\n")},
		"content/post/a.md":            {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\nThe loss is $L$ here.\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hp.Posts[0].Body; strings.Contains(got, "$$L$$") {
		t.Errorf("post without math: true got math: %q", got)
	}
}

// Jekyll: config in a .js file, included by an include that a layout loads on page.mathjax.
func TestJekyllTwoHopGatedReviewed5(t *testing.T) {
	jp, err := Jekyll(fstest.MapFS{
		"_config.yml":                 {Data: []byte("url: https://k.test\n")},
		"assets/js/mathjax-config.js": {Data: []byte("window.MathJax = { tex: { inlineMath: [['$','$']] } };\n")},
		"_includes/mathjax.html":      {Data: []byte("<script src=\"/assets/js/mathjax-config.js\"></script>\n<script src=\"https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js\"></script>\n")},
		"_layouts/post.html":          {Data: []byte("{% if page.mathjax %}{% include mathjax.html %}{% endif %}\n{{ content }}\n")},
		"_posts/2021-01-01-a.md":      {Data: []byte("---\ntitle: A\n---\nThe loss is $L$ here.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if got := jp.Posts[0].Body; strings.Contains(got, "$$L$$") {
		t.Errorf("post without mathjax: true got math: %q", got)
	}
}

// Setup in _includes/head.html on every page; post.html has <header> and an unrelated page.math check.
func TestJekyllNameSubstringGateReviewed5(t *testing.T) {
	jp, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://k.test\n")},
		"_includes/head.html":    {Data: []byte(dollarSetup)},
		"_layouts/default.html":  {Data: []byte("<html>{% include head.html %}{{ content }}</html>\n")},
		"_layouts/post.html":     {Data: []byte("<header>{% if page.math %}<span class=badge>math</span>{% endif %}</header>{{ content }}\n")},
		"_posts/2021-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nThe loss is $L$ here.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if got := jp.Posts[0].Body; !strings.Contains(got, "$$L$$") {
		t.Errorf("unconditional setup, no math: %q", got)
	}
}

// kramdown GFM: "- item\ncont {#y}\n---" keeps "cont {#y}" as text.
func TestKramdownLazyLineBeforeRuleReviewed5(t *testing.T) {
	html, got := jekyllHTML(t, "- item\ncont {#y}\n---\n")
	if !strings.Contains(html, "{#y}") {
		t.Errorf("{#y} lost:\n%s\nof\n%s", html, got)
	}
}

// TestKramdownLazyLineIALReviewed5: an attribute list under a rule that
// follows a list item's lazy line is not the line's id.
func TestKramdownLazyLineIALReviewed5(t *testing.T) {
	got := jekyllPost(t, "- item\ncont\n---\n{: #x}\n").Posts[0].Body
	if strings.Contains(got, "cont {#x}") {
		t.Errorf("moved onto a lazy line:\n%s", got)
	}
}
