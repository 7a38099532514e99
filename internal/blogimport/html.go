package blogimport

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"

	"github.com/netjournal/netjournal/internal/markdown"
)

// htmlBody returns the body of a post or a page written in HTML (a
// Jekyll post in .html, as Jekyll's WordPress, Blogger and Tumblr
// importers write them; a Hugo page in .html) as a Markdown body that
// renders the same HTML, and the lines it added (0-based, as fileLine
// takes them). liquid says it is Jekyll's, whose {{ }} is Liquid's.
// Jekyll and Hugo wrote such a body as it was; read as
// Markdown it was not: a line indented after a blank line became a code
// block showing the tags, a blank line in a <pre> ended its HTML block
// and the rest of the code became text, and *, _, `, [, ~, quotes and
// dashes of its text became emphasis, code, links and typography (a
// command's --prefix an en dash, 'quotes' curly in code). So:
//
//   - a blank line in a <pre> is written <!-- -->, as kramdownHTML
//     writes one, in a <script> //, in a <style> /**/, in a comment ".":
//     each shows nothing there, and the HTML block they are in does not
//     end at it;
//   - the other lines lose their indentation, which HTML does not show
//     (it collapses white space; no line is code), and the spaces at
//     their end (two were a line break);
//   - a line with a block's tag (<div>, <table>, <p>), a <pre>, a
//     <script> or a comment in its midst is broken before it, so that
//     the HTML from there is an HTML block, written as it is (a Blogger
//     post is one line, its <pre> was in a paragraph);
//   - in the text that is in no HTML block (a paragraph: text that no
//     block tag begins, as WordPress wrote its paragraphs), Markdown's
//     marks are escaped, so that they show as written, and its web
//     addresses' &amp; is &, which their links need; Liquid's tags and
//     Hugo's shortcodes are left as they are, for what reads them after,
//     and so is $$ math, which netjournal shows as MathJax did.
//
// Paragraphs stay paragraphs, as WordPress showed them. Liquid's
// highlight and comment blocks and Hugo's highlight shortcode are kept
// as they are, with a blank line before and after them. A gist's script,
// which netjournal does not publish, is a link to the gist.
func htmlBody(s string, liquid bool) (string, []int) {
	s = gistScript.ReplaceAllString(s, `<a href="https://gist.github.com/$1$2">Gist $1$2</a>`)
	s, inserted := unindentHTML(s, liquid)
	return escapeText(s, liquid), inserted
}

// gistScript is a gist's script, on one line: its user, if given, and
// its id.
var gistScript = regexp.MustCompile(`(?i)<script[^>\n]*?\ssrc=["']?(?:https?:)?//gist\.github\.com/([\w-]+/)?([0-9a-f]+)\.js[^"'\s>]*["']?[^>\n]*>[ \t]*</script>`)

// liquidBlock is the opening of a Liquid block whose text is not HTML:
// code to highlight, a comment.
var liquidBlock = regexp.MustCompile(`^\s*\{%-?\s*(highlight|comment)\b`)

// unindentHTML is htmlBody's first steps: blank lines in raw text and
// comments, indentation, and lines broken before an HTML block.
func unindentHTML(s string, liquid bool) (string, []int) {
	var b strings.Builder
	var inserted []int
	written := 0 // lines written
	write := func(line string) {
		b.WriteString(line)
		if strings.HasSuffix(line, "\n") {
			written++
		}
	}
	blankLine := func() {
		if out := b.String(); out != "" && !strings.HasSuffix(out, "\n\n") {
			if !strings.HasSuffix(out, "\n") {
				write("\n")
			}
			inserted = append(inserted, written)
			write("\n")
		}
	}
	lines := strings.SplitAfter(s, "\n")
	closer := ""     // what ends the raw element or comment the line is in
	blank := ""      // what a blank line in that one is written
	verbatim := ""   // what ends the block kept as it is that the line is in
	inBlock := false // in an HTML block that a block's tag began
	open := 0        // elements opened and not closed, in the lines so far
	closes := endTags(shadow(s, liquid))
	next := make([]string, len(lines)) // the next line that is not blank after each
	for i, after := len(lines)-1, ""; i >= 0; i-- {
		next[i] = after
		if strings.TrimSpace(lines[i]) != "" {
			after = lines[i]
		}
	}
	for i, line := range lines {
		if line == "" {
			continue
		}
		text := strings.TrimRight(line, "\r\n")
		eol := line[len(text):]
		nextBlank := i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) == ""
		switch {
		case verbatim != "":
			if !verbatimEnds(text, verbatim) {
				write(line)
				continue
			}
			// Its end: at the line's start, as its opening.
			write(strings.TrimLeft(line, " \t"))
			if verbatim = ""; !nextBlank {
				blankLine()
			}
			continue
		case closer != "" && strings.TrimSpace(text) == "":
			if blank != "" {
				line = text + blank + eol // a <pre>'s spaces are its text
			}
			write(line)
			continue
		case closer != "":
			// Raw text, as it is.
		case strings.TrimSpace(text) == "" && open > 0 && !nearMore(b.String(), next[i]):
			// In an element a line before opened (<p>…⏎⏎…</p>): HTML
			// reads the blank line as a space, Markdown would end the
			// HTML block there and make the text after it a paragraph
			// of its own, in the element (<p> in a <p>).
			write(blankInHTML + eol)
			continue
		case strings.TrimSpace(text) == "":
			inBlock = false
			write(eol)
			continue
		default:
			text = strings.TrimLeft(text, " \t")
			if verbatim = verbatimOpens(text); verbatim != "" {
				blankLine()
				write(text + eol)
				if opensAndEnds(text, verbatim) {
					if verbatim = ""; !nextBlank {
						blankLine()
					}
				}
				continue
			}
			if c, _ := rawState(text, "", ""); c != "</pre" && c != "</textarea" {
				text = strings.TrimRight(text, " \t") // a <pre>'s are its text
			}
			if out := b.String(); text[0] == '>' && out != "" && !strings.HasSuffix(out, "\n\n") {
				// A tag's end written on its own line (Prettier's
				// "  >the site</a"): at the start, a quote's mark. Four
				// spaces in, it goes on the paragraph or the HTML block
				// of the line before, as it did.
				text = "    " + text
			}
			if blockTagAt(text) {
				inBlock = true
			} else if at := htmlBlockAt(shadow(text, liquid)); at > 0 && !inBlock {
				// The line's first part keeps its number, the second is
				// the line added.
				inserted = append(inserted, written)
				write(text[:at] + "\n")
				open = max(0, open+opened(shadow(text[:at], liquid), closes))
				closer, blank = rawState(text[:at], "", "")
				text = text[at:]
				inBlock = blockTagAt(text)
			}
			line = text + eol
		}
		write(line)
		counted := line // what is not raw text of the line, from where it is not
		if closer != "" {
			counted = ""
			if j := closerAt(line, closer); j >= 0 {
				counted = line[j+len(closer):]
			}
		}
		open = max(0, open+opened(shadow(counted, liquid), closes))
		closer, blank = rawState(line, closer, blank)
	}
	return b.String(), inserted
}

// htmlBlockAt returns where in a line of HTML an HTML block would begin
// if the line were broken there: at a block's tag, or at a raw element's
// or a comment's opening that the line does not close; 0 for none after
// its start. Tags, closed comments and raw elements, and Liquid, are
// passed by whole.
func htmlBlockAt(line string) int {
	at := 0
	htmlParts(line, func(i int, p htmlPart) bool {
		switch {
		case p.liquid:
			return false // Liquid left open: the line stays whole
		case p.raw != "" && (i > 0 && p.raw != "-->" || !p.closed):
			at = i // a <pre> in a paragraph's line, or one not closed on it
		case p.tag != "" && i > 0 && blockTagAt(p.tag):
			at = i
		}
		return at == 0
	})
	return at
}

// htmlPart is a part of a line of HTML that htmlParts reads: a tag (cut:
// one the line does not end, from its < to the line's end), or the
// opening of a raw element or a comment (raw, what closes it; closed says
// whether the line does), or a Liquid tag left open (liquid).
type htmlPart struct {
	tag    string
	cut    bool
	raw    string
	closed bool
	liquid bool
}

// htmlParts calls f with each part of a line of HTML (its Liquid masked:
// shadow) and its offset, until f returns false: tags, raw elements and
// comments, each passed by whole; the reading ends at one the line does
// not close.
func htmlParts(line string, f func(i int, p htmlPart) bool) {
	for i := 0; i < len(line); {
		if strings.HasPrefix(line[i:], "{{") || strings.HasPrefix(line[i:], "{%") {
			if !f(i, htmlPart{liquid: true}) {
				return
			}
			i += 2
			continue
		}
		if line[i] != '<' {
			i++
			continue
		}
		rest := line[i:]
		if name, from := rawOpening(rest); from > 0 {
			closer := "-->"
			if name != "" {
				closer = "</" + name
			}
			j := closerAt(rest[from:], closer)
			if !f(i, htmlPart{raw: closer, closed: j >= 0}) || j < 0 {
				return
			}
			i += from + j + len(closer)
			continue
		}
		if end := htmlTagEnd(rest); end > 0 && inlineTag.MatchString(rest[:end]) {
			if !f(i, htmlPart{tag: rest[:end]}) {
				return
			}
			i += end
			continue
		}
		if !f(i, htmlPart{tag: rest, cut: true}) {
			return
		}
		i++
	}
}

// blockTagAt reports whether a tag begins an HTML block anywhere, even
// within a paragraph: CommonMark's sixth kind (cmBlockNames).
func blockTagAt(tag string) bool {
	name := strings.ToLower(strings.TrimPrefix(tagName(tag), "/"))
	if !cmBlockNames[name] {
		return false
	}
	n := 1 + len(tagName(tag))
	return n >= len(tag) || strings.IndexByte(" \t\r\n/>", tag[n]) >= 0
}

// opened returns how many more elements a line of HTML opens than it
// closes, less the void ones and those closed as they open (<x/>), and
// those whose end tag HTML lets a writer leave out (<p>, <li>, <td>)
// when the body has none of theirs (closes, endTags'): one left open,
// the rest of the post was one HTML block. A comment or a raw element in
// it is passed by, and its reading stops where one is left open
// (rawState follows it from there).
func opened(line string, closes map[string]int) int {
	n := 0
	htmlParts(line, func(_ int, p htmlPart) bool {
		if p.tag == "" || p.cut {
			return true
		}
		counts := func(name string) bool { return !markdown.VoidElement(name) && (!optionalEnd[name] || closes[name] > 0) }
		switch name := strings.ToLower(tagName(p.tag)); {
		case strings.HasPrefix(name, "/"):
			if counts(name[1:]) {
				n--
			}
		case name != "" && counts(name) && !strings.HasSuffix(p.tag, "/>"):
			n++
		}
		return true
	})
	return n
}

// optionalEnd are the elements whose end tag HTML lets a writer leave
// out.
var optionalEnd = map[string]bool{"p": true, "li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true, "thead": true, "tbody": true, "tfoot": true, "option": true, "optgroup": true, "colgroup": true, "caption": true, "rt": true, "rp": true, "html": true, "head": true, "body": true}

// endTags counts the end tags of each element of optionalEnd in s.
func endTags(s string) map[string]int {
	out := map[string]int{}
	for i := strings.Index(s, "</"); i >= 0; {
		name := strings.ToLower(strings.TrimPrefix(tagName(s[i:]), "/"))
		if optionalEnd[name] {
			out[name]++
		}
		j := strings.Index(s[i+2:], "</")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return out
}

// moreLine is a line of a summary divider alone: <!--more-->, as Hugo
// and Jekyll's excerpt_separator write it.
var moreLine = regexp.MustCompile(`(?i)^\s*<!--\s*more\s*-->\s*$`)

// nearMore reports whether a blank line is next to a summary divider's
// (the last line written before it, out, or the next that is not
// blank): it stays blank, so that the divider is a block of its own,
// which the summary is read by, in an open element too.
func nearMore(out, next string) bool {
	out = strings.TrimRight(out, "\n")
	return moreLine.MatchString(out[strings.LastIndexByte(out, '\n')+1:]) || moreLine.MatchString(next)
}

// rawOpening returns the name, in lower case, of the raw element (pre,
// textarea, script, style) whose opening s begins with, or "" for a
// comment's, and the length of what it read of it; 0 for neither.
func rawOpening(s string) (string, int) {
	if strings.HasPrefix(s, "<!--") {
		return "", 4
	}
	for _, name := range []string{"pre", "textarea", "script", "style"} {
		n := 1 + len(name)
		if len(s) >= n && strings.EqualFold(s[1:n], name) && (len(s) == n || strings.IndexByte(" \t\r\n/>", s[n]) >= 0) {
			return name, n
		}
	}
	return "", 0
}

// closerAt returns where closer ("</pre", "-->") is first in s, in any
// case, or -1.
func closerAt(s, closer string) int {
	if closer[0] == '<' {
		return indexFold(s, 0, closer)
	}
	return strings.Index(s, closer)
}

// htmlTagEnd is tagEnd, but -1 at a '<' outside quotes (which no tag
// holds): a text of many stray '<' is read once, not to its end for each.
func htmlTagEnd(s string) int { return tagEndBefore(s, '<') }

// verbatimOpens returns what ends the block kept as it is that line
// opens (a Liquid block's end tag's name, or Hugo's /highlight), or "".
func verbatimOpens(line string) string {
	if m := liquidBlock.FindStringSubmatch(line); m != nil {
		return "end" + m[1]
	}
	if hugoHighlight.MatchString(line) {
		return "/highlight"
	}
	return ""
}

// verbatimEnds reports whether line ends the block kept as it is that
// end names.
func verbatimEnds(line, end string) bool {
	if end == "/highlight" {
		return hugoHighlightEnd.MatchString(line)
	}
	return liquidEnds[end].MatchString(line)
}

// hugoHighlight opens Hugo's highlight shortcode, and hugoHighlightEnd
// closes it: its code is kept as it is.
var (
	hugoHighlight    = regexp.MustCompile(`^\s*\{\{[<%]-?\s*highlight\b`)
	hugoHighlightEnd = regexp.MustCompile(`\{\{[<%]-?\s*/highlight\s*-?[%>]\}\}`)
)

// opensAndEnds reports whether the line that opens a block kept as it is
// (end names its end) ends it too: {% comment %}x{% endcomment %}.
func opensAndEnds(line, end string) bool {
	closing := "%}"
	if end == "/highlight" {
		closing = "}}"
	}
	i := strings.Index(line, closing)
	return i >= 0 && verbatimEnds(line[i+2:], end)
}

var liquidEnds = map[string]*regexp.Regexp{}

func init() {
	for _, name := range []string{"highlight", "comment"} {
		liquidEnds["end"+name] = regexp.MustCompile(`\{%-?\s*end` + name + `\s*-?%\}`)
	}
}

// rawState follows a line of HTML from the state it began in (closer,
// what ends the raw element or comment it began in, and blank, what a
// blank line in it is written) to the state it ends in.
func rawState(line, closer, blank string) (string, string) {
	rest := line
	for {
		if closer != "" {
			i := closerAt(rest, closer)
			if i < 0 {
				return closer, blank
			}
			rest, closer, blank = rest[i+len(closer):], "", ""
			continue
		}
		at, name, from := nextRawOpening(rest)
		if at < 0 {
			return "", ""
		}
		if name == "" {
			closer, blank = "-->", "."
			rest = rest[at+from:]
			continue
		}
		closer = "</" + name
		// A textarea's text shows whatever is written for a blank line,
		// and JSON has no comments: their blank lines stay blank.
		blank = map[string]string{"pre": blankInHTML, "script": "//", "style": "/**/"}[name]
		if tag, _, _ := strings.Cut(rest[at:], ">"); name == "script" && strings.Contains(strings.ToLower(tag), "json") {
			blank = ""
		}
		// Past the opening tag's name, not its end: "<pre>" and
		// "<pre class=x>" alike.
		rest = rest[at+from:]
	}
}

// nextRawOpening returns where in s the first opening of a raw element
// or a comment is (rawOpening's), its name and the length read of it;
// -1 for none.
func nextRawOpening(s string) (at int, name string, from int) {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		if name, from := rawOpening(s[i:]); from > 0 {
			return i, name, from
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return -1, "", 0
}

// inlineTag is a tag or a comment in a paragraph, as CommonMark reads raw
// HTML in text.
var inlineTag = regexp.MustCompile(`(?s)^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'=<>` + "`" + `]+(?:\s*=\s*(?:[^\s"'=<>` + "`" + `]+|'[^']*'|"[^"]*"))?)*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>|<!--.*?-->|<![A-Za-z][^>]*>|<\?.*?\?>|<!\[CDATA\[.*?\]\]>)`)

// titleElement is an HTML document's <title>.
var titleElement = regexp.MustCompile(`(?is)<title(?:\s[^>]*)?>(.*?)</title\s*>`)

// htmlTitle is the text of the <title> of a page written as a whole HTML
// document, its white space collapsed: its title, where its front matter
// gives none; "" for none.
func htmlTitle(body string) string {
	m := titleElement.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(html.UnescapeString(m[1])), " ")
}

// officeTag is a tag of Word's (<o:p>), which HTML pasted from Word
// holds and browsers show nothing of; CommonMark reads no tag in it, and
// showed it as text.
var officeTag = regexp.MustCompile(`^</?[A-Za-z][A-Za-z0-9]*:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)

// addressAt is a web address at the start of the text.
var addressAt = regexp.MustCompile(`^(?:` + webAddress.String() + `)`)

// endraw is Liquid's end of a raw block.
var endraw = regexp.MustCompile(`^\{%-?\s*endraw\b`)

// shadow returns s with the Liquid or the shortcodes in it (liquid as
// escapeText has it) written as x, their newlines kept: the same length,
// for finding tags and HTML blocks in, where a Liquid tag in a quoted
// attribute has quotes of its own (<img src="{{ "/a.png" | relative_url
// }}">) and a shortcode's delimiters are < and >.
func shadow(s string, liquid bool) string {
	if !strings.Contains(s, "{{") && !strings.Contains(s, "{%") {
		return s
	}
	b := []byte(s)
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '{' || s[i+1] != '{' && s[i+1] != '%' {
			continue
		}
		if n := liquidEnd(s[i:], liquid, false); n > 0 {
			for j := i; j < i+n; j++ {
				if b[j] != '\n' {
					b[j] = 'x'
				}
			}
			i += n - 1
		}
	}
	return string(b)
}

// escapeText escapes Markdown's marks in the text of s that is in no HTML
// block, so that it shows as written: htmlBody's last step. liquid says
// that {{ }} and {% %} are Liquid's (Jekyll's), read after: else only
// Hugo's shortcodes ({{< >}}, {{% %}}) are, and {{ }} is text.
func escapeText(s string, liquid bool) string {
	// A mark that begins a block other than a paragraph at a line's start
	// (a list's, a quote's, a heading's, a table's, a fence's): escaped,
	// its line is a paragraph's. HTML blocks are found with those marks
	// made text: "- <div>" is a paragraph with a <div> in it.
	marks := map[int]bool{}
	sh := shadow(s, liquid)
	neutral := []byte(sh)
	off := 0
	for _, line := range strings.SplitAfter(s, "\n") {
		if i := blockMark(line); i >= 0 {
			marks[off+i] = true
			neutral[off+i] = 'x'
		}
		off += len(line)
	}
	blocks := append(markdown.HTMLBlocks(string(neutral), false), verbatimBlocks(s)...)
	slices.SortFunc(blocks, func(a, b [2]int) int { return a[0] - b[0] })
	var b strings.Builder
	pos := 0
	for _, r := range blocks {
		start := lineStartOf(s, r[0])
		if start > pos {
			escapeParagraphs(&b, s, sh, pos, start, marks, liquid)
		}
		if end := lineEndOf(s, r[1]); end > pos {
			b.WriteString(s[max(pos, start):end])
			pos = end
		}
	}
	escapeParagraphs(&b, s, sh, pos, len(s), marks, liquid)
	return b.String()
}

// escapeParagraphs writes s[from:to], paragraphs' text, escaped as
// escapeText says: tags and comments, Liquid or Hugo's shortcodes, $$
// math in one paragraph and web addresses are written as they are (an
// address's &amp; as &, which its link needs; in a link's text, an
// address is escaped, not linked again), Word's tags are left out, and
// the rest is escapeRun's.
func escapeParagraphs(b *strings.Builder, s, sh string, from, to int, marks map[int]bool, liquid bool) {
	inLink := false // in an <a>'s text
	inRaw := false  // in Liquid's {% raw %}: its text is text
	text := from    // the start of the text not written yet
	for i := from; i < to; {
		end := 0 // past what is written as it is, from i
		drop := false
		switch c := s[i]; {
		case c == '{' && i+1 < to && (s[i+1] == '{' || s[i+1] == '%'):
			end = liquidEnd(s[i:to], liquid, inRaw)
			if liquid && end > 0 && s[i+1] == '%' {
				if f := strings.Fields(strings.Trim(s[i+2:i+end-2], "- ")); len(f) > 0 {
					switch f[0] {
					case "raw":
						inRaw = true
					case "endraw":
						inRaw = false
					}
				}
			}
		case c == '<' && strings.HasPrefix(s[i:to], "<!--"):
			if j := strings.Index(s[i+4:to], "-->"); j >= 0 {
				end = 4 + j + 3
			}
		case c == '<':
			// Read in the shadow: Liquid in an attribute is no end.
			if n := htmlTagEnd(sh[i:to]); n > 0 && inlineTag.MatchString(sh[i:i+n]) {
				end = n
			} else if m := officeTag.FindStringIndex(s[i:to]); m != nil {
				end, drop = m[1], true
			}
		case c == '$' && i+1 < to && s[i+1] == '$':
			end = mathEnd(s[i:to])
		case !inLink && (c == 'h' || c == 'f' || c == 'w') && (i == 0 || strings.IndexByte(" \t\n(*_~>", s[i-1]) >= 0):
			// Where the renderer links one: after a space, (, a mark of
			// emphasis or a tag; elsewhere ("https://…, :https://…) it is
			// text, escaped as text (its __init__ was bold).
			if m := addressAt.FindStringIndex(s[i:to]); m != nil {
				end = addressEnd(s[i : i+m[1]])
			}
		}
		if end <= 0 {
			i++
			continue
		}
		escapeRun(b, s, text, i, marks, inLink)
		switch k := s[i : i+end]; strings.ToLower(tagName(k)) {
		case "a":
			inLink = true
		case "/a":
			inLink = false
		}
		switch k := s[i : i+end]; {
		case drop:
		case k[0] != '<' && k[0] != '{' && k[0] != '$':
			k = strings.ReplaceAll(k, "&amp;", "&")
			if i+end < to && s[i+end] == '&' && strings.Contains(k, "://") {
				// An entity after it (&nbsp;), which a link would take
				// in: the address's ends are written.
				k = "<" + k + ">"
			}
			b.WriteString(k)
		default:
			b.WriteString(k)
		}
		i += end
		text = i
	}
	escapeRun(b, s, text, to, marks, inLink)
}

// tagName is the name of the tag t, with its / if it closes; "" if t
// is no tag.
func tagName(t string) string {
	if len(t) < 2 || t[0] != '<' {
		return ""
	}
	t = t[1:]
	n := 0
	for n < len(t) && (t[n] == '/' || wordByte(t[n]) || t[n] == '-') {
		n++
	}
	return t[:n]
}

// liquidEnd returns the length of the Liquid tag or output (liquid), or
// Hugo shortcode, that s begins with, or 0: {{ }} is Hugo's text, and
// in {% raw %} only {% endraw %} is Liquid's.
func liquidEnd(s string, liquid, inRaw bool) int {
	closer := ""
	switch {
	case inRaw && !endraw.MatchString(s):
		return 0
	case liquid && strings.HasPrefix(s, "{%"):
		closer = "%}"
	case liquid && strings.HasPrefix(s, "{{"):
		closer = "}}"
	case !liquid && strings.HasPrefix(s, "{{<"):
		closer = ">}}"
	case !liquid && strings.HasPrefix(s, "{{%"):
		closer = "%}}"
	default:
		return 0
	}
	j := strings.Index(s[2:], closer)
	if j < 0 {
		return 0
	}
	return 2 + j + len(closer)
}

// mathEnd returns the length of the $$ math s begins with, within one
// paragraph, as netjournal reads it; 0 for none.
func mathEnd(s string) int {
	for j := 2; j+1 < len(s); j++ {
		switch {
		case s[j] == '$' && s[j+1] == '$':
			if j == 2 {
				return 0
			}
			return j + 2
		case s[j] == '\n':
			line, _, _ := strings.Cut(s[j+1:], "\n")
			if strings.TrimSpace(line) == "" {
				return 0 // a blank line ends the paragraph
			}
		}
	}
	return 0
}

// addressEnd returns the length of the web address a, less what ends it
// as text does (a quote, a sentence's end: see "https://x/".), as a
// link of GitHub's Markdown ends.
func addressEnd(a string) int {
	if i := strings.IndexAny(a, `"'`); i >= 0 {
		a = a[:i]
	}
	// An entity but &amp; is the text's, not the address's (&nbsp;,
	// &#8230; after it).
	for i := 0; i < len(a); i++ {
		if a[i] == '&' && !strings.HasPrefix(a[i:], "&amp;") {
			a = a[:i]
			break
		}
	}
	return len(strings.TrimRight(a, ".,:;!?*_~"))
}

// wordByte reports whether c is a letter or a digit of ASCII, or a byte
// of a character beyond.
func wordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// verbatimBlocks are the ranges of s's blocks kept as they are (Liquid's
// highlight and comment, Hugo's highlight), from the opening line's start
// to the closing line's end.
func verbatimBlocks(s string) [][2]int {
	var out [][2]int
	end, start := "", 0
	off := 0
	for _, line := range strings.SplitAfter(s, "\n") {
		switch {
		case end != "":
			if verbatimEnds(line, end) {
				out = append(out, [2]int{start, off + len(line)})
				end = ""
			}
		default:
			if end, start = verbatimOpens(line), off; end != "" && opensAndEnds(line, end) {
				out = append(out, [2]int{start, off + len(line)})
				end = ""
			}
		}
		off += len(line)
	}
	if end != "" {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// blockMark returns where in line the mark is that would begin a block
// other than a paragraph (# > + = : | - * ` ~, or 1. and 1)), or -1.
func blockMark(line string) int {
	if line == "" {
		return -1
	}
	if strings.IndexByte("#>+=:|-*`~", line[0]) >= 0 {
		return 0
	}
	i := 0
	for i < len(line) && i < 9 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')') {
		return i
	}
	return -1
}

// escapeRun writes s[from:to], text of a paragraph, with Markdown's marks
// escaped: those that begin emphasis, code, links, strikethrough, raw
// HTML and a hard line break, and what the typographer would change
// (straight quotes, --, ..., << and >>, which a command or code needs as
// written); a block's mark at a line's start (marks); in a link's text
// (inLink), what would link a web address again.
func escapeRun(b *strings.Builder, s string, from, to int, marks map[int]bool, inLink bool) {
	dotsEnd := -1 // past the run of three dots or more that i is in
	for i := from; i < to; i++ {
		c := s[i]
		if c == '.' && i >= dotsEnd {
			j := i
			for j < len(s) && s[j] == '.' {
				j++
			}
			dotsEnd = i
			if j-i >= 3 || i > 0 && s[i-1] == '.' {
				dotsEnd = j
			}
		}
		twice := i > 0 && s[i-1] == c || i+1 < len(s) && s[i+1] == c
		switch {
		case marks[i],
			strings.IndexByte("\\`*_[]~<\"'", c) >= 0,
			twice && (c == '-' || c == '$' || c == '>'),
			c == '.' && i < dotsEnd,
			inLink && (c == ':' || c == '.'):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
}

// htmlText is text that Liquid or a shortcode writes into an HTML body
// (a page's title), its characters that Markdown reads as marks written
// as their character references: shown as written in a paragraph, an
// HTML block and an attribute alike.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "*_`[]~\\<>\"'-.$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		twice := i > 0 && s[i-1] == c || i+1 < len(s) && s[i+1] == c
		if strings.IndexByte("*_`[]~\\<>\"'", c) >= 0 || twice && (c == '-' || c == '.' || c == '$') {
			fmt.Fprintf(&b, "&#%d;", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// unescapeMarks undoes escapeRun: the backslash before a character of
// ASCII's punctuation goes (escapeRun writes a backslash of the text as
// \\, and adds one before punctuation alone).
func unescapeMarks(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// isASCIIPunct reports whether c is ASCII's punctuation, what a
// backslash escapes in CommonMark.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// lineStartOf is the offset of the start of the line offset i is on.
func lineStartOf(s string, i int) int { return strings.LastIndexByte(s[:i], '\n') + 1 }

// lineEndOf is the offset past the end (its newline) of the line offset i
// is on, or i itself when it is a line's start.
func lineEndOf(s string, i int) int {
	if i >= len(s) || i > 0 && s[i-1] == '\n' {
		return min(i, len(s))
	}
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(s)
}
