package blogimport

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
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

// TestHugoShortcodePageFile: a site's image shortcode naming the page's
// file ($.Page.File.BaseFileName, as many do for a folder of images per
// post) failed to run, and the import fell back to Hugo's own figure
// silently, with the wrong arguments: a broken image, said only by the
// build (a QA pass). .Page.File has Hugo's fields; a site's figure that
// does not run is said.
func TestHugoShortcodePageFile(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":                      {Data: []byte("baseURL = 'https://h.example/'\n")},
		"layouts/shortcodes/img.html":    {Data: []byte(`<img src="/post_img/{{ $.Page.File.BaseFileName }}/{{ .Get 0 }}.{{ .Get 1 }}" alt="{{ .Get 0 }}" data-x="{{ .Page.File.Dir }}|{{ .Page.File.Path }}|{{ .Page.File.LogicalName }}|{{ .Page.File.TranslationBaseName }}|{{ .Page.File.ContentBaseName }}|{{ .Page.File.Ext }}">`)},
		"layouts/shortcodes/figure.html": {Data: []byte(`<img src="{{ .Page.File.NoSuchField }}">`)},
		"content/post/CF603E.en.md":      {Data: []byte("---\ntitle: A\ndate: 2024-06-25\n---\n{{% img solve png %}}\n\n{{< figure src=\"/x.png\" >}}\n")},
		"content/post/trip/index.md":     {Data: []byte("---\ntitle: B\ndate: 2024-06-25\n---\n{{% img map jpg %}}\n")},
		"content/c.md":                   {Data: []byte("---\ntitle: C\n---\n{{% img solve png %}}\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, p := range plan.Posts {
		bodies[p.Title] = p.Body
	}
	for _, p := range plan.Pages {
		bodies[p.Title] = p.Body
	}
	for title, want := range map[string]string{
		"C": `<img src="/post_img/c/solve.png" alt="solve" data-x="/|c.md|c.md|c|c|md">`, // checked with hugo, as the others
		"A": `<img src="/post_img/CF603E.en/solve.png" alt="solve" data-x="post/|post/CF603E.en.md|CF603E.en.md|CF603E|CF603E|md">`,
		"B": `<img src="/post_img/index/map.jpg" alt="map" data-x="post/trip/|post/trip/index.md|index.md|index|trip|md">`,
	} {
		if !strings.Contains(bodies[title], want) {
			t.Errorf("%s: no %s in %q", title, want, bodies[title])
		}
	}
	var warned bool
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "CF603E.en.md:7: figure") && strings.Contains(w.Error(), "NoSuchField") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("the site's figure that does not run not said: %v %q", plan.Warnings, bodies["A"])
	}
}

// TestRubyDateNames: Ruby's Time.parse (Jekyll's) reads a day's or a
// month's name by its first three letters: "Thurs Oct 13 17:03:39 -0500
// 2011" was an invalid date, the post dated by its file's name, a day
// off, and its old address redirected from the wrong day (a QA pass).
func TestRubyDateNames(t *testing.T) {
	for in, want := range map[string]string{
		"Thurs Oct 13 17:03:39 -0500 2011": "2011-10-13T17:03:39-05:00",
		"Mon Sept 01 10:00:00 -0700 2014":  "2014-09-01T10:00:00-07:00",
		"Thur Sep 22 08:30:00 +0000 2016":  "2016-09-22T08:30:00Z",
		"Sept 5, 2014":                     "2014-09-05T00:00:00Z",
		"Thursday, Sept 4, 2014":           "2014-09-04T00:00:00Z",
	} {
		s, err := parseDate(in, nil)
		got := ""
		if err == nil {
			got = s.t.Format(time.RFC3339)
		}
		if got != want {
			t.Errorf("%q: %q (%v), want %q", in, got, err, want)
		}
	}
}

// TestHugoPathPlus: Hugo 0.111.3 makes a title's "+" a hyphen in a
// permalink's value, kept at the end: "Disney+" was at
// /2019/08/24/disney-/, and the import redirected /disney/ (a QA pass);
// in a path of no pattern it is kept, /posts/c++/, where the import made
// /posts/c/. Each case here is where hugo put a post of that title (or
// file).
func TestHugoPathPlus(t *testing.T) {
	for in, want := range map[string]string{
		"Disney+": "disney-", "C++": "c-", "Google+ is dead": "google-is-dead", "A+B": "a-b",
		"+plus start": "-plus-start", "Über+ Café!": "über-café", "Ends with -": "ends-with-",
		"a--b": "a--b", "a + b": "a--b", "x+-y": "x-y", "x-+y": "x-y", "Q + ": "q-", "k+ +m": "k-m",
		"sp  ace": "sp-ace", "Tab+": "tab-", "Rock & Roll": "rock-roll", "Q?": "q", "C# and F#": "c#-and-f#",
		// A review's, each checked with hugo: a space beside the "+".
		"x +- y": "x--y", "plus + minus - both": "plus--minus-both", "a -+ b": "a--b", "1+1=2": "1-12", "C++ tips": "c-tips",
	} {
		if got := titlePermalink(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"posts/c++": "posts/c++", "go+go": "go+go", "a + b": "a-+-b"} {
		if got := hugoPath(in, true); got != want {
			t.Errorf("path %q: %q, want %q", in, got, want)
		}
	}
}

// TestHugoFeedNote: a Hugo site's RSS feed named otherwise
// (outputFormats.RSS.baseName = "feed": /feed.xml) was neither kept nor
// said, and its subscribers lost (a QA pass); Jekyll's import says where
// the old feed was. The default, /index.xml, is where netjournal's RSS
// feed is: nothing to say. (Each case checked with hugo 0.111.3, which
// kept the .xml of a media type given another suffix.)
func TestHugoFeedNote(t *testing.T) {
	for cfg, want := range map[string]string{
		"": "",
		"[outputFormats.RSS]\nbaseName = 'feed'\n":                                                        "the old feed was at /feed.xml: netjournal's are /index.xml (RSS), /atom.xml and /feed.json; have the host redirect the old address so that subscribers follow",
		"[outputFormats.RSS]\nbaseName = 'rss'\n[mediaTypes.'application/rss+xml']\nsuffixes = ['rss']\n": "the old feed was at /rss.xml: netjournal's are /index.xml (RSS), /atom.xml and /feed.json; have the host redirect the old address so that subscribers follow",
		"[outputFormats.RSS]\nbaseName = 'feed'\n[outputs]\nhome = ['HTML']\n":                            "",
	} {
		plan, err := Hugo(fstest.MapFS{
			"hugo.toml":          {Data: []byte("baseURL = 'https://h.example/'\n" + cfg)},
			"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-06-25\n---\nA\n")},
		}, Options{Root: "h"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range plan.Notes {
			if strings.HasPrefix(n, "the old feed") {
				got = append(got, n)
			}
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("%s: notes %q, want %q", cfg, got, want)
		}
	}
}

// TestJekyllPagesOfDataAndConditions: a page in HTML with any {% if %} or
// {% for %} was skipped whole, as a list of the site's posts (its text
// lost, a link to it broken), and a loop over the site's data files (a
// list of publications) was kept in a comment, the page shown empty (a
// QA pass on two real blogs). A loop that reads the page's values, the
// site's and its data runs, as Jekyll ran it; a page in HTML is imported
// unless it is a list of the site's posts and little else.
func TestJekyllPagesOfDataAndConditions(t *testing.T) {
	prose := strings.Repeat("I teach digital history and write about how scholars read maps. ", 4)
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\ntwitter: me\n")},
		"_data/pubs.yml":         {Data: []byte("- title: Paper one\n  year: 2020\n  misc: Best *paper*\n- title: Paper two\n  year: 2021\n")},
		"_posts/2020-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nA\n")},
		"pubs.md":                {Data: []byte("---\ntitle: Pubs\npermalink: /pubs/\n---\nMy papers:\n\n{% for p in site.data.pubs %}\n* {{ p.title }} ({{ p.year }})\n{% endfor %}\n\nRecent:\n{% for post in site.posts limit:3 %}\n* {{ post.title }}\n{% endfor %}\n")},
		"about.html":             {Data: []byte("---\ntitle: About\npermalink: /about/\n---\n<p>Hi</p>\n{% if site.twitter %}<p>Follow</p>{% endif %}\n<ul>{% for p in site.data.pubs %}<li>{{ p.title }}</li>{% endfor %}</ul>\n{% for p in site.data.pubs %}{% if p.misc %}{{ p.misc | markdownify }}{% endif %}<a id=\"{{ p.title | slugify }}\" href=\"/s?q={{ p.title | cgi_escape }}\">{{ p.title | xml_escape }}</a>{% endfor %}\n")},
		"research.html":          {Data: []byte("---\ntitle: Research\npermalink: /research/\n---\n<p>" + prose + "</p>\n<ul>{% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}</ul>\n")},
		"archive.html":           {Data: []byte("---\ntitle: Archive\npermalink: /archive/\n---\n<h1>All posts</h1>\n<ul>{% for post in site.posts %}<li><a href=\"{{ post.url }}\">{{ post.title }}</a></li>{% endfor %}</ul>\n")},
		"_data/dup.yml":          {Data: []byte("- name: Ann\n  role: a\n  role: b\n- name: Bob\n")},
		"talks.md":               {Data: []byte("---\ntitle: Talks\n---\n{% assign sorted = site.data.pubs | sort: \"year\" %}\n{% for t in sorted %}- {{ t.title }}\n{% endfor %}\n\nDup: {% for p in site.data.dup %}{{ p.name }} {% endfor %}\n")},
		"topics.html":            {Data: []byte("---\ntitle: Topics\npermalink: /topics/\n---\n<script>" + prose + "</script><style>p { x: y }</style><!-- " + prose + " -->\n{% for tag in site.tags %}<a>{{ tag[0] }}</a>{% endfor %}\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	for _, p := range plan.Pages {
		pages[p.SitePath] = p.Body
	}
	if b := pages["pubs/"]; !strings.Contains(b, "* Paper one (2020)\n") || !strings.Contains(b, "* Paper two (2021)\n") || !strings.Contains(b, "<!-- {% for post in site.posts") {
		t.Errorf("pubs: %q", b)
	}
	if b := pages["about/"]; !strings.Contains(b, "<p>Follow</p>") || !strings.Contains(b, "<li>Paper one</li><li>Paper two</li>") ||
		!strings.Contains(b, "<p>Best <em>paper</em></p>") || !strings.Contains(b, `<a id="paper-two" href="/s?q=Paper+two">Paper two</a>`) {
		t.Errorf("about: %q", b)
	}
	if b := pages["research/"]; !strings.Contains(b, "scholars read maps") || !strings.Contains(b, "<!-- {% for post in site.posts") {
		t.Errorf("research: %q", b)
	}
	if _, ok := pages["archive/"]; ok {
		t.Errorf("the archive, a list of the posts, imported")
	}
	if _, ok := pages["topics/"]; ok {
		t.Errorf("a list of the tags with a script's words imported (a review)")
	}
	// A review's: a loop over a variable assigned before it, or over a
	// data file that did not read, looped over nothing, said nowhere.
	if b := pages["talks/"]; !strings.Contains(b, "<!-- {% for t in sorted %}") || !strings.Contains(b, "<!-- {% for p in site.data.dup %}") {
		t.Errorf("talks: %q", b)
	}
	var warned []string
	dataSaid := false
	for _, w := range plan.Warnings {
		if strings.Contains(w.Error(), "loops are not run") && !strings.Contains(w.Error(), "talks.md") {
			warned = append(warned, w.Error())
		}
		dataSaid = dataSaid || strings.Contains(w.Error(), "j/_data/dup.yml: a data file that does not read")
	}
	if !dataSaid {
		t.Errorf("the data file that does not read not said: %v", plan.Warnings)
	}
	if len(warned) != 2 || !strings.Contains(strings.Join(warned, "\n"), "pubs.md:12") || !strings.Contains(strings.Join(warned, "\n"), "research.html") {
		t.Errorf("loops said: %q", warned)
	}
}

// TestHugoDraftAddressNoWarning: a draft's old address, which the old
// site never published, that is a published post's too was said to
// "cannot redirect" (a QA pass: a blog of 206 drafts). The published
// post keeps it; the draft's is left out, in its notes, without a
// warning.
func TestHugoDraftAddressNoWarning(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":           {Data: []byte("baseURL = 'https://h.example.net/'\n[permalinks]\npost = '/:year/:month/:title/'\n")},
		"content/post/a.md":     {Data: []byte("+++\ntitle = 'Polymorphic accumulators'\ndate = 2012-07-01\n+++\nA\n")},
		"content/post/a-old.md": {Data: []byte("+++\ntitle = 'Polymorphic accumulators'\ndate = 2012-07-02\ndraft = true\n+++\nB\n")},
	}
	plan, err := Hugo(fsys, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{"netjournal.yaml": {Data: []byte("title: T\nbase_url: https://h.example.net/\n")}}
	if err := plan.Verify(site, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if len(plan.Warnings) != 0 {
		t.Errorf("warnings:\n%s", messages(plan.Warnings))
	}
	for _, p := range plan.Posts {
		if !p.Draft && strings.Join(p.Aliases, " ") != "/2012/07/polymorphic-accumulators/" {
			t.Errorf("the published post's aliases %q", p.Aliases)
		}
		if p.Draft && len(p.Aliases) != 0 {
			t.Errorf("the draft's aliases %q", p.Aliases)
		}
	}
}

// TestHugoShortcodeIndentedAsCode: a figure shortcode indented four
// spaces after a paragraph, which Markdown reads as code, was kept as
// written ("shortcode in code"), the page showing its text in a code box
// (a QA pass: a real blog's figures). Hugo runs a shortcode before
// Markdown reads the page: it showed the figure. A block of code that
// holds shortcodes alone is read as they are, without the indentation
// that made it code; a fence, and code with more in it, stay code.
func TestHugoShortcodeIndentedAsCode(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":        {Data: []byte("baseURL = 'https://h.example/'\n")},
		"static/img/r.png": {Data: []byte("\x89PNG")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-06-25\n---\nSome text.\n\n    {{< figure src=\"/img/r.png\" alt=\"R\" >}}\n\nAfter.\n\n" +
			"    x := 1 // {{< figure src=\"/img/code.png\" >}}\n\n```\n{{< figure src=\"/img/fence.png\" >}}\n```\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	html := publicHTML(plan.Posts[0].Body)
	if !strings.Contains(html, `<img src="/img/r.png" alt="R"`) || strings.Contains(html, "{{&lt; figure src=&quot;/img/r.png") {
		t.Errorf("the figure:\n%s", html)
	}
	for _, kept := range []string{"/img/code.png", "/img/fence.png"} {
		if !strings.Contains(html, "{{&lt; figure src=&quot;"+kept) {
			t.Errorf("%s not kept as code:\n%s", kept, html)
		}
	}
}

// titlePermalink is where Hugo put a post of the title under the
// permalink /:title/, without its slashes.
func titlePermalink(title string) string {
	p, _ := hugoPermalink("/:title/", stamp{}, title, "", "x", nil, true)
	return strings.Trim(p, "/")
}

// TestJekyllLoopOutputInItsPlace: a review's. A loop's HTML in an HTML
// block, its lines indented and apart, ended the block, the list's items
// shown as code; in a page in HTML, a value's Markdown marks were read
// (*nix* tips in italics), where Jekyll showed the text as it is.
func TestJekyllLoopOutputInItsPlace(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\n")},
		"_data/talks.yml":        {Data: []byte("- title: First talk\n- title: '*nix* tips'\n")},
		"_posts/2020-01-01-a.md": {Data: []byte("---\ntitle: A\n---\nA\n")},
		"talks.md":               {Data: []byte("---\ntitle: Talks\n---\nMy talks:\n\n<ul>\n{% for t in site.data.talks %}\n    <li>{{ t.title }}</li>\n{% endfor %}\n</ul>\n")},
		"tips.html":              {Data: []byte("---\ntitle: Tips\npermalink: /tips/\n---\n<h1>My tips</h1>\n<p>{% for p in site.data.talks %}{{ p.title }} {% endfor %}</p>\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	for _, p := range plan.Pages {
		pages[p.SitePath] = publicHTML(p.Body)
	}
	if h := pages["talks/"]; !strings.Contains(h, "<li>First talk</li>") || strings.Contains(h, "<pre>") || strings.Contains(h, "&lt;li&gt;") {
		t.Errorf("talks:\n%s", h)
	}
	if h := pages["tips/"]; !strings.Contains(h, "nix") || strings.Contains(h, "<em>") {
		t.Errorf("tips:\n%s", h)
	}
}

// TestJekyllSourceFolder: a site whose _config.yml says source: src
// (its files in src/) was read from the root: every post's old address
// and feed id had /src/ in it, each post a tag "src", and its files were
// copied under /src/ (a QA pass: a real blog's feed ids, which would
// have shown its subscribers the archive again). The site's files are
// source's; a source folder that is not there is said.
func TestJekyllSourceFolder(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                      {Data: []byte("url: https://j.example.org\nsource: src\npermalink: /:categories/:title/\n")},
		"src/_posts/notes/2020-01-03-b.md": {Data: []byte("---\ntitle: B\n---\nHi ![x](/assets/x.png)\n")},
		"src/assets/x.png":                 {Data: []byte("\x89PNG")},
		"src/about.md":                     {Data: []byte("---\ntitle: About\n---\nMe.\n")},
		"gulpfile.js":                      {Data: []byte("//")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || strings.Join(plan.Posts[0].Aliases, " ") != "/b/" || plan.Posts[0].FeedID != "https://j.example.org/b/" || len(plan.Posts[0].Tags) != 0 {
		t.Fatalf("posts %+v", *plan.Posts[0])
	}
	var files []string
	for _, f := range plan.Files {
		files = append(files, f.Path+" < "+f.Source)
	}
	if strings.Join(files, "|") != "static/assets/x.png < src/assets/x.png" {
		t.Errorf("files %q", files)
	}
	if len(plan.Pages) != 1 || plan.Pages[0].Source != "j/src/about.md" {
		t.Errorf("pages %+v", plan.Pages)
	}
	// A file the new site writes itself is named by its path in the
	// site's folder (it was j/src/src/404.html; a review).
	plan, err = Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.org\nsource: src\n")},
		"src/_posts/2020-01-03-b.md": {Data: []byte("---\ntitle: B\n---\nHi\n")},
		"src/css/syntax.css":         {Data: []byte("body{}")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Verify(fstest.MapFS{"netjournal.yaml": {Data: []byte("title: T\nbase_url: https://j.example.org/\n")}}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	said := false
	for _, s := range plan.Skipped {
		if strings.Contains(s.Source, "syntax.css") {
			said = true
			if s.Source != "j/src/css/syntax.css" {
				t.Errorf("skipped %q", s.Source)
			}
		}
	}
	if !said {
		t.Errorf("the theme's stylesheet not skipped: %v", plan.Skipped)
	}
	// A folder a build step makes from one of its name (gulp's .tmp/src
	// of src/, a real blog's): that one is read, and said.
	plan, err = Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.org\nsource: .tmp/src\n")},
		"src/_posts/2020-01-03-b.md": {Data: []byte("---\ntitle: B\n---\nHi\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(messages(plan.Warnings), "j/_config.yml: source: .tmp/src is no folder of the site (made by a build step?): the site's files are read from j/src, of its name") || len(plan.Posts) != 1 || plan.Posts[0].Source != "j/src/_posts/2020-01-03-b.md" {
		t.Errorf("warnings:\n%s\nposts %v", messages(plan.Warnings), plan.Posts)
	}
	plan, err = Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\nsource: .tmp/src\n")},
		"_posts/2020-01-03-b.md": {Data: []byte("---\ntitle: B\n---\nHi\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(messages(plan.Warnings), "j/_config.yml: source: .tmp/src is no folder of the site") {
		t.Errorf("warnings:\n%s", messages(plan.Warnings))
	}
}

// TestJekyllCollectionsDir: collections_dir: col put the posts and the
// collections in col/ (col/_posts, col/_projects); the import ignored it:
// every post's address had /col/ in it, the collection's pages were
// dropped unsaid, and posts in a _posts outside col/, which Jekyll never
// read, were published (a QA pass on a real theme's site).
func TestJekyllCollectionsDir(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                 {Data: []byte("url: https://j.example.org\ncollections_dir: col\ncollections: {projects: {output: true}}\n")},
		"col/_posts/2020-01-02-a.md":  {Data: []byte("---\ntitle: A\n---\nHi\n")},
		"col/_projects/p.md":          {Data: []byte("---\ntitle: P\n---\nproj\n")},
		"test/_posts/2018-07-01-w.md": {Data: []byte("---\ntitle: W\n---\nNot read by Jekyll\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Posts) != 1 || strings.Join(plan.Posts[0].Aliases, " ") != "/2020/01/02/a.html" || len(plan.Posts[0].Tags) != 0 {
		for _, p := range plan.Posts {
			t.Errorf("post %+v", *p)
		}
		t.FailNow()
	}
	if len(plan.Pages) != 1 || plan.Pages[0].SitePath != "projects/p/" {
		t.Errorf("pages %+v", plan.Pages)
	}
	skipped := false
	for _, s := range plan.Skipped {
		skipped = skipped || strings.Contains(s.Source, "test/_posts/2018-07-01-w.md")
	}
	if !skipped {
		t.Errorf("the post outside collections_dir not listed as skipped: %v", plan.Skipped)
	}
}

// TestJekyllPostURLLeadingSlash: {% post_url /notes/2020-01-03-b %},
// which Jekyll reads without its first "/", was never resolved: a link
// to "#" and a warning, 143 times in a real blog (a QA pass).
func TestJekyllPostURLLeadingSlash(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                  {Data: []byte("url: https://j.example.org\n")},
		"_posts/notes/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\n[b]({% post_url /notes/2020-01-03-b %}) [c]({% post_url 2020-01-03-b %})\n")},
		"_posts/notes/2020-01-03-b.md": {Data: []byte("---\ntitle: B\n---\nHi\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Title == "A" && p.Body != "[b](/posts/b/) [c](/posts/b/)\n" {
			t.Errorf("body %q (warnings %v)", p.Body, plan.Warnings)
		}
	}
}

// TestJekyllImageIncludeOfTheSite: an include named like an image's
// (img.html) was read as a figure of its arguments, though the site has
// it and it runs: its link around the caption lost; and an argument's
// quote inside its quotes was taken off ('Hello' in QR code was Hello'
// in QR code; a QA pass). The site's include runs, as Jekyll ran it.
func TestJekyllImageIncludeOfTheSite(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\n")},
		"_includes/img.html":     {Data: []byte(`<figure><img src="{{ include.src }}" alt="{{ include.description }}"><figcaption><a href="{{ include.href }}">{{ include.description }}</a></figcaption></figure>`)},
		"_includes/figure.html":  {Data: []byte(`{% unknown_plugin_tag %}`)},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\n{% include img.html src=\"/a.jpg\" description=\"'Hello' in QR code\" href=\"https://github.com/x/y\" %}\n\n{% include figure.html src=\"/b.jpg\" caption=\"it's 'quoted'\" %}\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	html := publicHTML(plan.Posts[0].Body)
	for _, want := range []string{`<a href="https://github.com/x/y">`, `alt="&#39;Hello&#39; in QR code"`, "it&#39;s &#39;quoted&#39;"} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s", want, html)
		}
	}
}

// TestJekyllIncludeCached: jekyll-include-cache's {% include_cached %}
// is an include; it was left out, "not converted" (a QA pass).
func TestJekyllIncludeCached(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\n")},
		"_includes/note.html":    {Data: []byte(`<div class="note">{{ include.text }}</div>`)},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nBefore.\n\n{% include_cached note.html text=\"Mind the gap\" %}\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if b := plan.Posts[0].Body; !strings.Contains(b, `<div class="note">Mind the gap</div>`) {
		t.Errorf("body %q (warnings %v)", b, plan.Warnings)
	}
}

// TestJekyllMarkdownListingPage: a tag index in Markdown, its loop over
// an assigned list of site.tags, was published nearly empty ("An archive
// of  posts, organized by the following  topics."; a QA pass): a page in
// Markdown that lists what only Jekyll had, with little text of its own,
// is skipped as one in HTML is.
func TestJekyllMarkdownListingPage(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\ninclude: [_pages]\n")},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nA\n")},
		"_pages/tag.md":          {Data: []byte("---\ntitle: Tag index\npermalink: /tag/\n---\nAn archive of {{ site.posts.size }} posts, organized by the following topics.\n\n{% assign t = site.tags %}{% for x in t %}- {{ x[0] }}\n{% endfor %}\n")},
		"about.md":               {Data: []byte("---\ntitle: About\n---\nMe, and {{ site.posts.size }} posts.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, p := range plan.Pages {
		pages = append(pages, p.SitePath)
	}
	if strings.Join(pages, " ") != "about/" {
		t.Errorf("pages %q", pages)
	}
	skipped := false
	for _, s := range plan.Skipped {
		skipped = skipped || strings.HasSuffix(s.Source, "_pages/tag.md")
	}
	if !skipped {
		t.Errorf("the tag index not listed as skipped: %v", plan.Skipped)
	}
}

// TestJekyllLoopOutputAsMarkdown: a second review's. A loop whose output
// begins with HTML and goes on in Markdown (a heading's tag, then a
// paragraph of **bold** and a link) was joined into one HTML block, its
// Markdown shown as written; an inline loop lost the space after it.
func TestJekyllLoopOutputAsMarkdown(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\n")},
		"_data/people.yml":       {Data: []byte("- name: Ann\n  url: https://ann.example\n")},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nA\n")},
		"team.md":                {Data: []byte("---\ntitle: Team\npermalink: /team/\n---\n{% for p in site.data.people %}\n<h3>{{ p.name }}</h3>\n\nWorks on **things**, see [site]({{ p.url }}).\n\n{% endfor %}\n\nMy friends: {% for p in site.data.people %}<a href=\"{{ p.url }}\">{{ p.name }}</a> {% endfor %}and more.\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	html := publicHTML(plan.Pages[0].Body)
	for _, want := range []string{"<strong>things</strong>", `<a href="https://ann.example">site</a>`, "Ann</a> and more."} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s", want, html)
		}
	}
}

// TestJekyllLinkLeadingSlash: {% link /_posts/2024-01-02-other.md %} and
// {% link /about.md %}, which Jekyll 4 reads as without their first
// slash, were links to # (a review).
func TestJekyllLinkLeadingSlash(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://j.example.org\n")},
		"_posts/2024-01-02-other.md": {Data: []byte("---\ntitle: Other\n---\nO\n")},
		"about.md":                   {Data: []byte("---\ntitle: About\n---\nMe\n")},
		"_posts/2024-01-03-a.md":     {Data: []byte("---\ntitle: A\n---\n[o]({% link /_posts/2024-01-02-other.md %}) [m]({% link /about.md %}) [n]({% link _posts/2024-01-02-other.md %})\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		if p.Title == "A" && p.Body != "[o](/posts/other/) [m](/about/) [n](/posts/other/)\n" {
			t.Errorf("body %q (warnings %v)", p.Body, plan.Warnings)
		}
	}
}

// TestHugoFeedIDOfAnEscapedURL: url: /notes/100%25-done/, which Hugo
// 0.111.3 writes as it is (its guid https://blog.real.org/notes/100%25-done/),
// had its feed id escaped again, …/100%2525-done/: a reader would show
// the post again (a review).
func TestHugoFeedIDOfAnEscapedURL(t *testing.T) {
	plan, err := Hugo(fstest.MapFS{
		"hugo.toml":          {Data: []byte("baseURL = 'https://blog.real.org/'\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-06-25\nurl: /notes/100%25-done/\n---\nA\n")},
	}, Options{Root: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Posts {
		want := map[string]string{"A": "https://blog.real.org/notes/100%25-done/"}[p.Title]
		if p.FeedID != want {
			t.Errorf("%s: feed id %q, want %q", p.Title, p.FeedID, want)
		}
	}
}

// TestJekyllLoopOfHTMLAlone: a third review's. A loop after a blank line
// writing a <div> whose {% if %} lines are blank was left to CommonMark,
// which ended the block at the first blank line and showed the indented
// link as code; kramdown kept the <div> whole.
func TestJekyllLoopOfHTMLAlone(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":            {Data: []byte("url: https://j.example.org\n")},
		"_data/people.yml":       {Data: []byte("- name: Ann\n  url: https://ann.example\n")},
		"_posts/2020-01-02-a.md": {Data: []byte("---\ntitle: A\n---\nA\n")},
		"team.md":                {Data: []byte("---\ntitle: Team\npermalink: /team/\n---\n## Team\n\n{% for p in site.data.people %}\n<div class=\"person\">\n    <h3>{{ p.name }}</h3>\n    {% if p.url %}\n    <a href=\"{{ p.url }}\">site</a>\n    {% endif %}\n</div>\n{% endfor %}\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	html := publicHTML(plan.Pages[0].Body)
	if !strings.Contains(html, `<a href="https://ann.example">site</a>`) || strings.Contains(html, "<pre>") {
		t.Errorf("team:\n%s", html)
	}
}

// TestJekyllFeedIDOfAPercentCategory: a third review's. A category of
// 50%deals made the feed id …/50%deals/…, read as an escape, where it was
// …/50%25deals/… (Jekyll escapes a placeholder's %): only a path the
// writer wrote escaped keeps its escapes.
func TestJekyllFeedIDOfAPercentCategory(t *testing.T) {
	plan, err := Jekyll(fstest.MapFS{
		"_config.yml":                {Data: []byte("url: https://blog.example.org\n")},
		"_posts/2020-01-01-deals.md": {Data: []byte("---\ntitle: Deals\ncategories: [50%deals]\n---\nD\n")},
	}, Options{Root: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if got := plan.Posts[0].FeedID; got != "https://blog.example.org/50%25deals/2020/01/01/deals.html" {
		t.Errorf("feed id %q", got)
	}
}
