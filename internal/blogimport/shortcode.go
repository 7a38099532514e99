package blogimport

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/netjournal/netjournal/internal/markdown"
)

// Hugo's shortcodes: {{< name args >}}, {{% name args %}}, closed by
// {{< /name >}} or self-closed by {{< name />}}; {{</* … */>}} is one
// written out as text.

// shortcode is one shortcode tag of a body.
type shortcode struct {
	start, end int // byte range in the body
	name       string
	named      map[string]string
	pos        []string
	bare       map[string]bool // the arguments not quoted: named by key, positional by "#i"
	closing    bool            // {{< /name >}}
	self       bool            // {{< name />}}
	escaped    string
	bad        string // what is wrong, for a tag that does not parse
	pair       int    // index of the closing tag of an opening one, or -1
	open       int    // index of the opening tag of a closing one, or -1
}

// lexShortcodes finds every shortcode tag of s, and pairs opening tags
// with their closing ones.
func lexShortcodes(s string) []*shortcode {
	var out []*shortcode
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "{{")
		if j < 0 {
			break
		}
		j += i
		if j+2 >= len(s) || (s[j+2] != '<' && s[j+2] != '%') {
			i = j + 2
			continue
		}
		t := lexShortcode(s, j)
		out = append(out, t)
		i = t.end
	}
	// Pair: a closing tag closes the nearest open tag of its name; the
	// tags left open between them have no inner content.
	var stack []int
	for i, t := range out {
		t.pair, t.open = -1, -1
		switch {
		case t.bad != "" || t.escaped != "":
		case t.closing:
			for k := len(stack) - 1; k >= 0; k-- {
				if out[stack[k]].name == t.name {
					out[stack[k]].pair, t.open = i, stack[k]
					stack = stack[:k]
					break
				}
			}
		case !t.self:
			stack = append(stack, i)
		}
	}
	return out
}

// lexShortcode reads the tag that starts at s[j:], "{{<" or "{{%".
func lexShortcode(s string, j int) *shortcode {
	delim := s[j+2]
	end := "%}}"
	if delim == '<' {
		end = ">}}"
	}
	t := &shortcode{start: j, named: map[string]string{}}
	// Hugo reads a tag across lines: "{{%\nname args %}}" names a
	// shortcode as "{{% name args %}}" does.
	k := j + 3
	for k < len(s) && isSpaceByte(s[k]) {
		k++
	}
	fail := func(msg string) *shortcode {
		t.bad = msg
		// The tag is taken to end with its line.
		if e := strings.IndexByte(s[j:], '\n'); e >= 0 {
			t.end = j + e
		} else {
			t.end = len(s)
		}
		return t
	}
	if strings.HasPrefix(s[k:], "/*") {
		// The "*/" that closes it comes after the "/*": in "{{</*/>}}"
		// they overlap, and the tag is not closed (as Hugo has it).
		k += 2
		e := strings.Index(s[k:], "*/"+end)
		if e < 0 {
			return fail("a shortcode written as text ({{</* … */>}}) is not closed")
		}
		t.escaped = "{{" + string(delim) + s[k:k+e] + end
		t.end = k + e + 2 + len(end)
		return t
	}
	if k < len(s) && s[k] == '/' {
		t.closing = true
		k++
		for k < len(s) && isSpaceByte(s[k]) {
			k++
		}
	}
	n := k
	for n < len(s) && isNameByte(s[n]) {
		n++
	}
	t.name = s[k:n]
	if strings.HasSuffix(t.name, "/") && strings.HasPrefix(s[n:], end) {
		t.name, t.self = strings.TrimSuffix(t.name, "/"), true
	}
	if t.name == "" {
		return fail("a shortcode without a name")
	}
	k = n
	for {
		for k < len(s) && strings.ContainsRune(" \t\r\n", rune(s[k])) {
			k++
		}
		switch {
		case k >= len(s):
			return fail("the shortcode is not closed with " + end)
		case strings.HasPrefix(s[k:], end):
			t.end = k + len(end)
			return t
		case strings.HasPrefix(s[k:], "/"+end):
			t.self = true
			t.end = k + 1 + len(end)
			return t
		}
		// An argument: key=value or a value, quoted "…", `…` or bare.
		key := ""
		if e := k + nameLen(s[k:]); e > k && e < len(s) && s[e] == '=' {
			key, k = s[k:e], e+1
		}
		var val string
		switch {
		case k < len(s) && s[k] == '"':
			e := k + 1
			for e < len(s) && s[e] != '"' {
				if s[e] == '\\' {
					e++
				}
				e++
			}
			if e >= len(s) {
				return fail("a quote in the shortcode is never closed")
			}
			v, err := strconv.Unquote(s[k : e+1])
			if err != nil {
				v = s[k+1 : e]
			}
			val, k = v, e+1
		case k < len(s) && s[k] == '`':
			e := strings.IndexByte(s[k+1:], '`')
			if e < 0 {
				return fail("a backquote in the shortcode is never closed")
			}
			val, k = s[k+1:k+1+e], k+e+2
		default:
			e := k
			for e < len(s) && !strings.ContainsRune(" \t\r\n", rune(s[e])) && !strings.HasPrefix(s[e:], end) && !strings.HasPrefix(s[e:], "/"+end) {
				e++
			}
			val, k = s[k:e], e
			if t.bare == nil {
				t.bare = map[string]bool{}
			}
			if key != "" {
				t.bare[strings.ToLower(key)] = true
			} else {
				t.bare["#"+strconv.Itoa(len(t.pos))] = true
			}
		}
		if key != "" {
			t.named[strings.ToLower(key)] = val
		} else {
			t.pos = append(t.pos, val)
		}
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '/'
}

func nameLen(s string) int {
	n := 0
	for n < len(s) && (isNameByte(s[n]) && s[n] != '/') {
		n++
	}
	return n
}

// ConvertShortcodes turns the shortcodes of a Hugo body into Markdown.
func (c *converter) shortcodes() string {
	toks := lexShortcodes(c.src)
	c.code = shortcodeCode(c.src, toks)
	var b strings.Builder
	c.emitShortcodes(&b, toks, 0, len(c.src), 0, len(toks))
	return b.String()
}

// shortcodeCode returns the code of src (codeRegions) read with the text
// of each highlight shortcode left out: a fence's line in its code
// (```go) opened a code block to the body's end, and every shortcode after
// it was taken for code, kept as written.
func shortcodeCode(src string, toks []*shortcode) regions {
	var masked []byte
	for _, t := range toks {
		switch strings.ToLower(t.name) {
		case "highlight", "code", "codeblock", "mermaid":
		default:
			continue
		}
		if t.pair < 0 || t.open >= 0 {
			continue
		}
		if masked == nil {
			masked = []byte(src)
		}
		for i := t.end; i < toks[t.pair].start; i++ {
			if masked[i] != '\n' {
				masked[i] = ' '
			}
		}
	}
	if masked == nil {
		return codeRegions(src)
	}
	return codeRegions(string(masked))
}

// emitShortcodes writes src[from:to], which holds toks[lo:hi].
func (c *converter) emitShortcodes(b *strings.Builder, toks []*shortcode, from, to, lo, hi int) {
	at := from
	ordinal := 0 // of the next shortcode among these, its siblings (.Ordinal)
	for i := lo; i < hi; i++ {
		t := toks[i]
		if t.start < at {
			continue // inside a tag already written
		}
		b.WriteString(c.src[at:t.start])
		at = t.end
		switch {
		case t.escaped != "" && c.code.in(t.start):
			b.WriteString(t.escaped)
		case t.escaped != "":
			// Shown as written, as Hugo shows it: as code, so that it
			// reads as the syntax it is.
			b.WriteString(codeSpan(t.escaped))
		case t.bad != "":
			c.warn(c.line(t.start), "%s: left out", t.bad)
			c.drop(b, t.start, t.end)
		case t.closing:
			if c.code.in(t.start) {
				b.WriteString(c.src[t.start:t.end])
				continue
			}
			c.warn(c.line(t.start), "closing shortcode %q without an opening one: left out", t.name)
			c.drop(b, t.start, t.end)
		case c.code.in(t.start):
			c.warn(c.line(t.start), "shortcode %q in code: kept as written", t.name)
			b.WriteString(c.src[t.start:t.end])
		default:
			inner, innerEnd := "", t.end
			if t.pair >= 0 {
				close := toks[t.pair]
				var ib strings.Builder
				c.emitShortcodes(&ib, toks, t.end, close.start, i+1, t.pair)
				inner, innerEnd, at = ib.String(), close.start, close.end
				i = t.pair
			}
			c.shortcode(b, t, inner, innerEnd, at, ordinal)
			ordinal++
		}
	}
	if at < to {
		b.WriteString(c.src[at:to])
	}
}

// shortcode writes one shortcode, with its inner content converted
// already; end is where the whole ends in src.
func (c *converter) shortcode(b *strings.Builder, t *shortcode, inner string, innerEnd, end, ordinal int) {
	name := strings.ToLower(t.name)
	arg := func(key string, i int) string {
		if v, ok := t.named[key]; ok {
			return v
		}
		if i >= 0 && i < len(t.pos) {
			return t.pos[i]
		}
		return ""
	}
	if strings.HasSuffix(name, ".inline") {
		c.inlineShortcode(b, t, innerEnd, end, ordinal)
		return
	}
	line := c.line(t.start)
	switch name {
	case "highlight", "code", "codeblock", "mermaid":
		lang := arg("lang", 0)
		if name == "mermaid" {
			lang = "mermaid"
		}
		// Hugo's options: "linenos=table,hl_lines=8 15-17".
		if strings.Contains(arg("options", 1), "hl_lines") || arg("hl_lines", -1) != "" {
			c.warn(line, "%s: its highlighted lines (hl_lines) are not kept: the code is kept, every line alike", name)
		}
		ind, _ := containerOf(b)
		// As Hugo's highlight shows it, without the indentation its
		// lines share (.InnerDeindent).
		endBlock(b, c.src, end, block(b, fenced(lang, undent(inner, ind))))
		return
	case "figure", "img", "image":
		// The site's own, when it has one that runs here: Hugo ran a
		// site's template before its own (an alt and a caption of the
		// site's making).
		if out, ok, err := c.siteShortcode(t, inner, end, ordinal); ok && err == nil {
			c.writeSiteShortcode(b, out, end)
			return
		} else if err != nil {
			c.warn(line, "%s: the site's shortcode does not run here (%v): read as a figure of its arguments (src, alt, caption)", t.name, err)
		}
		im := image{
			src: arg("src", 0), alt: arg("alt", -1), title: arg("title", -1), caption: arg("caption", -1),
			link: arg("link", -1), attr: arg("attr", -1), attrLink: arg("attrlink", -1),
			width: arg("width", -1), height: arg("height", -1), class: arg("class", -1),
		}
		if im.src == "" {
			break
		}
		if md, _ := c.asHTML(im.markdown(), true); strings.HasPrefix(md, "<figure") {
			endBlock(b, c.src, end, block(b, md))
		} else {
			b.WriteString(md)
		}
		b.WriteString(inner)
		return
	case "comment":
		// Hugo's own (0.137.1 on) shows nothing of what it holds, a
		// writer's note to self: kept here in an HTML comment, which no
		// page shows. A site's own comment.html runs, as Hugo ran it.
		if out, ok, err := c.siteShortcode(t, inner, end, ordinal); ok && err == nil {
			c.writeSiteShortcode(b, out, end)
			return
		}
		c.hide(b, t.start, end)
		return
	case "ref", "relref":
		ref, anchor, _ := strings.Cut(arg("path", 0), "#")
		if anchor != "" {
			anchor = "#" + anchor
		}
		if p, ok := c.resolve(ref); ok || ref == "" && anchor != "" {
			b.WriteString(p + anchor)
			return
		}
		c.warn(line, "%s %q names no imported post: the link goes nowhere", name, ref)
		b.WriteString("#")
		return
	case "param":
		if v, ok := c.value("params." + strings.ToLower(arg("name", 0))); ok {
			b.WriteString(v)
			return
		}
	case "katex", "math", "mathjax", "latex", "tex":
		// A theme's math: netjournal's $$ math, display when the
		// shortcode says so ({{< katex display >}}), else inline (a
		// paragraph of it alone is display math too). One with nothing inside
		// loads the theme's KaTeX on the page: nothing here.
		ind, _ := containerOf(b)
		math := strings.TrimSpace(undent(inner, ind))
		if math == "" {
			return
		}
		if c.markdownMath {
			math = strings.ReplaceAll(math, `\`, `\\`) // as written: unescapeMath gives it back
		}
		display := arg("display", -1) == "true" || arg("block", -1) == "true"
		for _, p := range t.pos {
			display = display || strings.EqualFold(p, "display") || strings.EqualFold(p, "block")
		}
		if display {
			endBlock(b, c.src, end, block(b, "$$\n"+math+"\n$$"))
		} else {
			b.WriteString("$$" + math + "$$")
		}
		return
	case "admonition":
		// LoveIt's, FixIt's and DoIt's callout: {{< admonition note
		// "Title" >}} (its type, its title, whether it starts open): a
		// quote whose first line is the title, bold, as the theme shows
		// it (the type's name when it has none).
		kind := or(strings.TrimSpace(arg("type", 0)), "note")
		first, size := utf8.DecodeRuneInString(kind)
		title := strings.Join(strings.Fields(arg("title", 1)), " ")
		if title == "" {
			title = string(unicode.ToUpper(first)) + kind[size:]
		}
		var q strings.Builder
		q.WriteString("> **" + markdown.EscapeText(title) + "**\n>")
		ind, _ := containerOf(b)
		for _, l := range strings.Split(strings.Trim(undent(inner, ind), "\n"), "\n") {
			if q.WriteString("\n>"); l != "" {
				q.WriteString(" " + l)
			}
		}
		endBlock(b, c.src, end, block(b, q.String()))
		return
	case "details":
		summary := or(arg("summary", -1), "Details")
		open := ""
		ind, _ := containerOf(b)
		if v, _ := boolean(arg("open", -1)); v {
			open = " open"
		}
		endBlock(b, c.src, end, block(b, "<details"+open+"><summary>"+inline(summary)+"</summary>\n\n"+strings.Trim(undent(inner, ind), "\n")+"\n\n</details>"))
		return
	default:
		if s, ok := c.asHTML(embed(name, t.named, t.pos)); ok {
			b.WriteString(s)
			return
		}
	}
	out, ok, err := c.siteShortcode(t, inner, end, ordinal)
	if ok {
		c.writeSiteShortcode(b, out, end)
		return
	}
	if err != nil {
		c.warn(line, "shortcode %q of the site's does not run here (%v): left out", t.name, err)
		c.comment(b, t.start, t.end)
		if t.pair >= 0 {
			b.WriteString(inner)
		}
		return
	}
	if t.pair >= 0 {
		c.warn(line, "shortcode %q is not known here: its content is kept, the shortcode left out", t.name)
		c.comment(b, t.start, t.end)
		b.WriteString(inner)
		return
	}
	c.warn(line, "shortcode %q is not converted: left out", t.name)
	c.comment(b, t.start, t.end)
}

// writeSiteShortcode writes what a site's shortcode made (siteShortcode)
// where the source goes on at end.
func (c *converter) writeSiteShortcode(b *strings.Builder, out string, end int) {
	if _, text := containerOf(b); !text && blockTagAt(out) {
		// A block of HTML on its line (a <figure>): Hugo rendered the
		// Markdown after it, which an HTML block would take in.
		endHTMLBlock(b, c.src, end, block(b, out))
		return
	}
	b.WriteString(out)
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// dedentShortcodeCode returns body with each indented block of code
// that holds shortcodes alone (a figure indented four spaces after a
// paragraph) four columns less indented: Hugo runs a shortcode before
// Markdown reads the page, and showed the figure; the import, which
// reads Markdown first, kept it as code. A fence, and code with
// anything else in it, stay code.
func dedentShortcodeCode(body string) string {
	if !strings.Contains(body, "{{") {
		return body
	}
	var b strings.Builder
	last := 0
	for _, r := range codeRegions(body) {
		ls := strings.LastIndexByte(body[:r.start], '\n') + 1
		indent := body[ls:r.start]
		if r.start < last || strings.Trim(indent, " \t") != "" || width(indent) < 4 || !shortcodesOnly.MatchString(body[r.start:r.end]) {
			continue
		}
		b.WriteString(body[last:ls])
		for _, line := range strings.SplitAfter(body[ls:r.end], "\n") {
			n := 0
			for n < len(line) && n < 4 && line[n] == ' ' {
				n++
			}
			if n < 4 && n < len(line) && line[n] == '\t' {
				n++
			}
			b.WriteString(line[n:])
		}
		last = r.end
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// shortcodesOnly is text of shortcodes alone, and white space.
var shortcodesOnly = regexp.MustCompile(`(?s)^\s*(?:\{\{[<%].*?[%>]\}\}\s*)+$`)

// width is the columns of an indentation, a tab to the next stop of 4.
func width(indent string) int {
	w := 0
	for _, c := range indent {
		if c == '\t' {
			w += 4 - w%4
		} else {
			w++
		}
	}
	return w
}

// closingShortcode is a line that ends in a shortcode's closing tag: what
// follows it is not the shortcode's (after an opening one, it is).
var closingShortcode = regexp.MustCompile(`\{\{[<%]-?\s*/[^{}]*[%>]\}\}$`)

// dedentAfterShortcodes returns body with the text that goes on from a
// line ending in a shortcode's closing tag ({{< /admonition >}}) indented as that line
// is, where it was four spaces or more further in: Hugo read it as the
// same paragraph's (no block but a paragraph's text is indented so
// after one), and the import, which writes the shortcode as a block of
// its own, a blank line after it, would make it code. Lines of code are
// left as they are.
func dedentAfterShortcodes(body string) string {
	if !strings.Contains(body, "}}") {
		return body
	}
	code := codeRegions(body)
	lines := strings.SplitAfter(body, "\n")
	base := -1 // the indentation of the shortcode's line, while its paragraph goes on
	off := 0
	for i, l := range lines {
		t := strings.TrimRight(l, "\r\n")
		start := off
		off += len(l)
		if strings.TrimSpace(t) == "" {
			base = -1
			continue
		}
		if code.in(start) {
			continue
		}
		rest := strings.TrimLeft(t, " \t")
		ind := indentWidth(t)
		if base >= 0 && ind >= base+4 {
			lines[i] = strings.Repeat(" ", base) + strings.TrimLeft(l, " \t")
			ind = base
		}
		if closingShortcode.MatchString(rest) {
			base = ind
		}
	}
	return strings.Join(lines, "")
}
