package build

import (
	"slices"
	"testing"
)

func TestScan(t *testing.T) {
	page := []byte(`<!doctype html><html><head><link rel="stylesheet" href="/css/a.css?x=1&amp;y=2">
<script src='/js/s.js'></script></head><body>
<h2 id="part-two">Part two<a class="anchor" href="#part-two">#</a></h2>
<p>In text, a quote is escaped: href=&#34;/not-a-link/&#34; and id=&quot;nope&quot;.</p>
<img
 src="/img/x.png" alt="">
<a	href="../contacts/ana-lima.html" id='ana'>Ana</a></body></html>`)
	hrefs, ids := scan(page)
	want := []string{"/css/a.css?x=1&y=2", "/js/s.js", "#part-two", "/img/x.png", "../contacts/ana-lima.html"}
	if !slices.Equal(hrefs, want) {
		t.Errorf("hrefs = %q, want %q", hrefs, want)
	}
	if len(ids) != 2 || !ids["part-two"] || !ids["ana"] {
		t.Errorf("ids = %v", ids)
	}
}
