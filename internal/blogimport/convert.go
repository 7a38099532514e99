package blogimport

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/netjournal/netjournal/internal/markdown"
)

// converter turns the template syntax of one body into Markdown: Hugo's
// shortcodes or Jekyll's Liquid. What it cannot convert it warns about at
// the line of the file, and leaves out of the page: kept as written in
// code, where it is shown and not run, and elsewhere kept in an HTML
// comment, which netjournal never publishes.
type converter struct {
	src      string
	code     regions
	bodyLine int // file line of src's first line
	warn     func(line int, format string, args ...any)
	// resolve returns the new path of a post named by a reference
	// (Hugo's ref, Jekyll's post_url and link), and false when the
	// reference names no imported post.
	resolve func(ref string) (string, bool)
	// value returns a value of the page or the site by name ("title",
	// "site.title", "params.author"), for the syntax that prints one.
	value func(name string) (string, bool)
	// include returns the text of a file of the site's _includes folder,
	// and false when it holds none (or no such folder is known); site and
	// page are the site's and the page's values, for the Liquid it holds.
	include func(name string) (string, bool)
	// shortcodeTemplate returns the template of a shortcode of the site's
	// (Hugo's layouts/shortcodes, or its theme's), and false when it holds
	// none.
	shortcodeTemplate func(name string) (string, bool)
	// inlineShortcodes is Hugo's enableInlineShortcodes: inline
	// shortcodes' templates run (their inner text), else show nothing;
	// inlineTemplates are those of the page so far, by name, which a
	// self-closing one runs again.
	inlineShortcodes bool
	inlineTemplates  map[string]string
	site, page       map[string]any
	pageDates        pageDates     // the page's, as read: its .Date and .Lastmod
	pageFile         shortcodeFile // and its .File
	// includeRelative returns the file a Jekyll page names relative to
	// its own ({% include_relative %}), or false.
	includeRelative func(name string) (string, bool)
	// computed reports whether a Liquid variable (page.url, site.posts)
	// is one whose value Jekyll computed or filled in from the config's
	// defaults, which site and page do not hold as Jekyll had it: a
	// condition on it is not evaluated (branch).
	computed func(name string) bool
	// fileLine, when set, maps a line of src (from 0) to the line of the
	// body src was written from: a pass that added lines.
	fileLine func(int) int
	// markdownMath is set where the old site read $$ math as Markdown
	// (Hugo without its passthrough): the math a shortcode writes is
	// escaped for unescapeMath, which undoes the writer's escapes.
	markdownMath bool
	// html says that the body is HTML (htmlBody's): what the converter
	// writes in Markdown, an image or a link, is written in HTML, which
	// an HTML block shows as it should (Markdown it shows as written).
	html bool
}

// asHTML is Markdown the converter wrote (an image, a figure, a link),
// in HTML when the body is HTML; a paragraph's tags left out.
func (c *converter) asHTML(md string, ok bool) (string, bool) {
	if !c.html || !ok {
		return md, ok
	}
	out := strings.TrimSpace(snippets().Render(markdown.Text(md), markdown.Options{}).HTML)
	if inner, isP := strings.CutPrefix(out, "<p>"); isP && strings.HasSuffix(inner, "</p>") && !strings.Contains(inner, "<p>") {
		out = strings.TrimSuffix(inner, "</p>")
	}
	return out, true
}

// snippets renders what asHTML writes in HTML.
var snippets = sync.OnceValue(markdown.New)

func newConverter(src string, bodyLine int, warn func(int, string, ...any)) *converter {
	return &converter{
		src: src, code: codeRegions(src), bodyLine: bodyLine, warn: warn,
		resolve: func(string) (string, bool) { return "", false },
		value:   func(string) (string, bool) { return "", false },
	}
}

// line returns the file line of byte offset off of src.
func (c *converter) line(off int) int {
	l := lineAt(c.src, off)
	if c.fileLine != nil {
		l = c.fileLine(l)
	}
	return c.bodyLine + l
}

// drop leaves out an unconverted construct: as written in code, in an
// HTML comment elsewhere.
func (c *converter) drop(b *strings.Builder, start, end int) {
	what := c.src[start:end]
	if c.code.in(start) {
		b.WriteString(what)
		return
	}
	c.comment(b, start, end)
}

// comment writes what the source has from start to end in an HTML
// comment, where it is left out. In an HTML body, a comment at a line's
// start begins an HTML block, which would show the text after it on the
// line as written, the escapes htmlBody put in it for a paragraph shown:
// that text goes on a line of its own.
func (c *converter) comment(b *strings.Builder, start, end int) {
	lineStart := b.Len() == 0 || strings.HasSuffix(b.String(), "\n")
	b.WriteString(htmlComment(c.src[start:end]))
	if rest, _, _ := strings.Cut(c.src[end:], "\n"); c.html && lineStart && strings.TrimSpace(rest) != "" {
		b.WriteString("\n")
	}
}

// block writes s as a block of its own where the output has come to: on
// a line of its own, in the list item or the quote that line is in. Text
// before it on the line is a paragraph that ends there ("Note: {{<
// admonition >}}"); a list item's marker alone ("1. ") is where the block
// begins; its other lines are indented as the item's text is, and marked
// as the quote's (at column 0, a block split the list in two). It returns
// that indentation, for endBlock.
func block(b *strings.Builder, s string) (indent string) {
	indent, text := containerOf(b)
	switch {
	case text:
		b.WriteString("\n" + blankIn(indent) + "\n" + indent)
	case afterHTMLBlock(b.String()):
		// Lines an HTML block holds (a <br> line, the text under it) go
		// on to a blank line: without one, the block would take this one
		// in too (a fence, shown as text, and the post after it code).
		b.WriteString("\n" + indent)
	}
	b.WriteString(strings.ReplaceAll(s, "\n", "\n"+indent))
	return indent
}

// afterHTMLBlock reports whether the line out has come to, which holds a
// container's marks alone (no list item's marker), follows lines that
// an HTML block of CommonMark's sixth or seventh kind holds: the run of
// lines back to a blank one begins with a tag.
func afterHTMLBlock(out string) bool {
	start := strings.LastIndexByte(out, '\n') + 1
	if start == 0 || strings.Trim(out[start:], " \t>") != "" {
		return false
	}
	run := out[:start-1]
	for {
		i := strings.LastIndexByte(run, '\n')
		line := run[i+1:]
		if strings.Trim(line, " \t>") == "" {
			return false // a blank line right before: none
		}
		if i < 0 || strings.Trim(run[strings.LastIndexByte(run[:i], '\n')+1:i], " \t>") == "" {
			t := strings.TrimLeft(line, " \t>")
			return len(t) > 1 && t[0] == '<' && (t[1] == '/' || 'a' <= t[1] && t[1] <= 'z' || 'A' <= t[1] && t[1] <= 'Z')
		}
		run = run[:i]
	}
}

// endHTMLBlock ends a block of HTML block wrote as endBlock does, and
// before a list's next item too: the HTML block would take the item in.
func endHTMLBlock(b *strings.Builder, src string, end int, indent string) {
	if end < len(src) && src[end] == '\n' {
		if next, _, _ := strings.Cut(src[end+1:], "\n"); strings.TrimSpace(next) != "" && itemStart.MatchString(next) {
			b.WriteString("\n" + blankIn(indent))
			return
		}
	}
	endBlock(b, src, end, indent)
}

// containerOf returns what the lines of a block written where b has come
// to need before them to stay in the list item or the quote its line is
// in (its indentation and quote marks, and as many spaces as a list
// item's marker takes, a tab to its stop), and whether the line has text
// of its own before that place.
func containerOf(b *strings.Builder) (indent string, text bool) {
	out := b.String()
	line := out[strings.LastIndexByte(out, '\n')+1:]
	m := lineContainer.FindStringSubmatch(line)
	quote := expandTabs(m[1], 0)
	marker := expandTabs(m[2], utf8.RuneCountInString(quote))
	return quote + strings.Repeat(" ", utf8.RuneCountInString(marker)), len(m[0]) < len(line)
}

// blankIn is a blank line in a container of this indentation: its quote
// marks alone.
func blankIn(indent string) string { return strings.TrimRight(indent, " ") }

// expandTabs writes the tabs of s, which begins at column col of its
// line, as the spaces to their stops, every four columns.
func expandTabs(s string, col int) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// undent takes off the lines of a shortcode's text after its first what
// its container puts before them (indent, containerOf's), and the
// indentation they all have after that (dedent): block indents the
// Markdown made of it as the container's text.
func undent(s, indent string) string {
	if indent != "" {
		lines := strings.Split(s, "\n")
		for i := 1; i < len(lines); i++ {
			l := lines[i]
			switch {
			case strings.HasPrefix(l, indent):
				lines[i] = l[len(indent):]
			case strings.HasPrefix(expandTabs(l, 0), indent):
				lines[i] = expandTabs(l, 0)[len(indent):]
			case strings.TrimRight(l, " \t") == blankIn(indent):
				lines[i] = ""
			}
		}
		s = strings.Join(lines, "\n")
	}
	return dedent(s)
}

// lineContainer is what a line begins with that puts it in a quote or a
// list item: indentation and quote markers, then a list item's marker.
var lineContainer = regexp.MustCompile(`^((?:[ \t]*>[ \t]?)*[ \t]*)((?:[-*+]|\d{1,9}[.)])[ \t]+)?`)

// itemStart is a line that begins a list item, after its indentation and
// quote marks.
var itemStart = regexp.MustCompile(`^(?:[ \t]*>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)`)

// endBlock ends a block block wrote (indent is what it returned), where
// the source goes on at end: text after it on its line goes on a line of
// its own, and text on the next line is a paragraph of its own, after a
// blank line, not a line of the block's (a quote's or a paragraph's lazy
// continuation, which took it in); but the next item of a list follows
// as it is (a blank line made a tight list loose).
func endBlock(b *strings.Builder, src string, end int, indent string) {
	switch {
	case end >= len(src):
	case src[end] != '\n':
		b.WriteString("\n" + blankIn(indent) + "\n" + indent)
	default:
		next, _, _ := strings.Cut(src[end+1:], "\n")
		if strings.TrimRight(next, " \t") != blankIn(indent) && strings.TrimSpace(next) != "" && !itemStart.MatchString(next) {
			b.WriteString("\n" + blankIn(indent))
		}
	}
}

// dedent takes off the lines of s the indentation they all have (a
// shortcode's text, written indented in a list item): block indents the
// Markdown made of it as the item's text.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	common := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ws := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		switch {
		case first:
			common, first = ws, false
		case !strings.HasPrefix(ws, common):
			for !strings.HasPrefix(ws, common) {
				common = common[:len(common)-1]
			}
		}
	}
	if common == "" {
		return s
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, common)
		if strings.TrimSpace(lines[i]) == "" {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// link writes a Markdown link.
func link(text, url string) string {
	text = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(text)
	return "[" + text + "](<" + strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(url) + ">)"
}

var (
	mdLink   = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	mdStrong = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdEm     = regexp.MustCompile(`\*([^*]+)\*|\b_([^_]+)_\b`)
)

// inline renders the Markdown of a caption that most captions use —
// links, bold and italics — as HTML, for a <figcaption>.
func inline(s string) string {
	s = html.EscapeString(s)
	s = mdLink.ReplaceAllString(s, `<a href="$2">$1</a>`)
	s = mdStrong.ReplaceAllString(s, `<strong>$1</strong>`)
	s = mdEm.ReplaceAllString(s, `<em>$1$2</em>`)
	return s
}

// pageDates are a page's days as the import read them, for a Hugo
// shortcode's .Page.
type pageDates struct{ date, lastmod time.Time }

// image is an image with what Hugo's figure and Jekyll's includes give it.
type image struct {
	src, alt, title, caption, link, attr, attrLink, width, height, class string
}

// markdown writes the image as Markdown, and one with a caption as an
// HTML <figure> around the Markdown image: the image stays Markdown, so
// that its address is checked and rewritten as every link is, in the
// blog and in the wiki.
func (im image) markdown() string {
	alt := im.alt
	if alt == "" {
		// The caption's text, as Hugo's figure gives it (caption |
		// markdownify | plainify): not its Markdown, links and all.
		alt = html.UnescapeString(tagRE.ReplaceAllString(inline(im.caption), ""))
	}
	img := "![" + strings.NewReplacer("[", `\[`, "]", `\]`).Replace(alt) + "](<" + strings.ReplaceAll(im.src, " ", "%20") + ">)"
	if im.link != "" {
		img = "[" + img + "](<" + strings.ReplaceAll(im.link, " ", "%20") + ">)"
	}
	if im.caption == "" && im.title == "" && im.attr == "" {
		return img
	}
	a := html.EscapeString
	var parts []string
	if im.title != "" {
		parts = append(parts, "<strong>"+inline(im.title)+"</strong>")
	}
	if im.caption != "" {
		parts = append(parts, inline(im.caption))
	}
	if im.attr != "" {
		attr := inline(im.attr)
		if im.attrLink != "" {
			attr = fmt.Sprintf(`<a href="%s">%s</a>`, a(im.attrLink), attr)
		}
		parts = append(parts, attr)
	}
	open := "<figure>"
	if im.class != "" {
		open = fmt.Sprintf(`<figure class="%s">`, a(im.class))
	}
	return open + "\n\n" + img + "\n\n<figcaption>" + strings.Join(parts, " ") + "</figcaption>\n</figure>"
}

// embed is a link to what a page embedded: a video, a tweet, a gist.
func embed(kind string, args map[string]string, pos []string) (string, bool) {
	arg := func(name string, i int) string {
		if v := args[name]; v != "" {
			return v
		}
		if i < len(pos) {
			return pos[i]
		}
		return ""
	}
	switch kind {
	case "youtube":
		id := arg("id", 0)
		if id == "" {
			return "", false
		}
		return link(or(args["title"], "Video on YouTube"), "https://www.youtube.com/watch?v="+id), true
	case "vimeo":
		id := arg("id", 0)
		if id == "" {
			return "", false
		}
		return link(or(args["title"], "Video on Vimeo"), "https://vimeo.com/"+id), true
	case "tweet", "x", "twitter":
		user, id := args["user"], arg("id", 0)
		if args["id"] == "" && len(pos) == 2 {
			user, id = pos[0], pos[1]
		}
		if u := id; strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
			return link("A post on X (Twitter)", u), true
		}
		if id == "" {
			return "", false
		}
		if user == "" {
			return link("A post on X (Twitter)", "https://twitter.com/i/status/"+id), true
		}
		return link("A post by @"+user+" on X (Twitter)", "https://twitter.com/"+user+"/status/"+id), true
	case "gist":
		user, id, file := arg("user", 0), arg("id", 1), arg("file", 2)
		if user != "" && id == "" && strings.Contains(user, "/") {
			user, id, _ = strings.Cut(user, "/")
		}
		if user == "" || id == "" {
			return "", false
		}
		u, text := "https://gist.github.com/"+user+"/"+id, "Gist "+user+"/"+id
		if file != "" {
			u += "#file-" + strings.ToLower(strings.NewReplacer(".", "-", " ", "-").Replace(file))
			text = file + " (gist " + user + "/" + id + ")"
		}
		return link(text, u), true
	case "instagram":
		id := arg("id", 0)
		if id == "" {
			return "", false
		}
		return link("A post on Instagram", "https://www.instagram.com/p/"+id+"/"), true
	}
	return "", false
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
