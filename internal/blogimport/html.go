package blogimport

import (
	"regexp"
	"slices"
	"strings"

	"github.com/netjournal/netjournal/internal/markdown"
)

// htmlBody returns the body of a post or a page written in HTML (a
// Jekyll post in .html, as Jekyll's WordPress, Blogger and Tumblr
// importers write them; a Hugo page in .html) as a Markdown body that
// renders the same HTML, and the lines it added (0-based, as fileLine
// takes them). Jekyll and Hugo wrote such a body as it was; read as
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
func htmlBody(s string) (string, []int) {
	s = gistScript.ReplaceAllString(s, `<a href="https://gist.github.com/$1$2">Gist $1$2</a>`)
	s, inserted := unindentHTML(s)
	return escapeText(s), inserted
}

// gistScript is a gist's script, on one line: its user, if given, and
// its id.
var gistScript = regexp.MustCompile(`(?i)<script[^>\n]*?\ssrc=["']?(?:https?:)?//gist\.github\.com/([\w-]+/)?([0-9a-f]+)\.js[^"'\s>]*["']?[^>\n]*>[ \t]*</script>`)

// rawOpen finds the elements whose text is raw in HTML, and comments.
var rawOpen = regexp.MustCompile(`(?i)<(pre|textarea|script|style)(?:[\s/>]|$)|<!--`)

// blockTag is a tag that begins an HTML block anywhere (CommonMark's
// sixth kind), even within a paragraph.
var blockTag = regexp.MustCompile(`(?i)^</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s/>]|$)`)

// liquidBlock is the opening of a Liquid block whose text is not HTML:
// code to highlight, a comment.
var liquidBlock = regexp.MustCompile(`^\s*\{%-?\s*(highlight|comment)\b`)

// unindentHTML is htmlBody's first steps: blank lines in raw text and
// comments, indentation, and lines broken before an HTML block.
func unindentHTML(s string) (string, []int) {
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
				line = blank + eol
			}
			write(line)
			continue
		case closer != "":
			// Raw text, as it is.
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
			text = strings.TrimRight(text, " \t")
			if blockTag.MatchString(text) {
				inBlock = true
			} else if at := htmlBlockAt(text); at > 0 && !inBlock {
				// The line's first part keeps its number, the second is
				// the line added.
				inserted = append(inserted, written)
				write(text[:at] + "\n")
				closer, blank = rawState(text[:at], "", "")
				text = text[at:]
				inBlock = blockTag.MatchString(text)
			}
			line = text + eol
		}
		write(line)
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
	for i := 0; i < len(line); {
		if strings.HasPrefix(line[i:], "{{") || strings.HasPrefix(line[i:], "{%") {
			end := "}}"
			if line[i+1] == '%' {
				end = "%}"
			}
			j := strings.Index(line[i+2:], end)
			if j < 0 {
				return 0
			}
			i += 2 + j + 2
			continue
		}
		if line[i] != '<' {
			i++
			continue
		}
		rest := line[i:]
		if m := rawOpen.FindStringSubmatchIndex(rest); m != nil && m[0] == 0 {
			closer := "-->"
			from := 4
			if m[2] >= 0 {
				closer, from = "</"+strings.ToLower(rest[m[2]:m[3]]), m[3]
			}
			j := strings.Index(strings.ToLower(rest[from:]), closer)
			if j < 0 {
				return i // not closed on the line
			}
			i += from + j + len(closer)
			continue
		}
		if i > 0 && blockTag.MatchString(rest) {
			return i
		}
		if end := tagEnd(rest); end > 0 && inlineTag.MatchString(rest[:end]) {
			i += end
			continue
		}
		i++
	}
	return 0
}

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
			i := strings.Index(strings.ToLower(rest), closer)
			if i < 0 {
				return closer, blank
			}
			rest, closer, blank = rest[i+len(closer):], "", ""
			continue
		}
		m := rawOpen.FindStringSubmatchIndex(rest)
		if m == nil {
			return "", ""
		}
		if m[2] < 0 {
			closer, blank = "-->", "."
			rest = rest[m[1]:]
			continue
		}
		name := strings.ToLower(rest[m[2]:m[3]])
		closer = "</" + name
		// A textarea's text shows whatever is written for a blank line,
		// and JSON has no comments: their blank lines stay blank.
		blank = map[string]string{"pre": blankInHTML, "script": "//", "style": "/**/"}[name]
		if tag, _, _ := strings.Cut(rest[m[0]:], ">"); name == "script" && strings.Contains(strings.ToLower(tag), "json") {
			blank = ""
		}
		// Past the opening tag's name, not its end: "<pre>" and
		// "<pre class=x>" alike.
		rest = rest[m[3]:]
	}
}

// inlineTag is a tag or a comment in a paragraph, as CommonMark reads raw
// HTML in text.
var inlineTag = regexp.MustCompile(`(?s)^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'=<>` + "`" + `]+(?:\s*=\s*(?:[^\s"'=<>` + "`" + `]+|'[^']*'|"[^"]*"))?)*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>|<!--.*?-->|<![A-Za-z][^>]*>|<\?.*?\?>|<!\[CDATA\[.*?\]\]>)`)

// kept is what escapeText writes as it is in a paragraph's text: a tag or
// a comment, Liquid and Hugo's shortcodes (read after htmlBody), $$ math
// (netjournal's, as MathJax read it), a web address (linked whole).
var kept = regexp.MustCompile(`(?s)\{%.*?%\}|\{\{.*?\}\}|\$\$.+?\$\$|<!--.*?-->|<[A-Za-z/!?][^<>]*>|` + webAddress.String())

// escapeText escapes Markdown's marks in the text of s that is in no HTML
// block, so that it shows as written: htmlBody's last step.
func escapeText(s string) string {
	// A mark that begins a block other than a paragraph at a line's start
	// (a list's, a quote's, a heading's, a table's, a fence's): escaped,
	// its line is a paragraph's. HTML blocks are found with those marks
	// made text: "- <div>" is a paragraph with a <div> in it.
	marks := map[int]bool{}
	neutral := []byte(s)
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
	text := func(from, to int) {
		for i := from; i < to; {
			m := kept.FindStringIndex(s[i:to])
			end := to
			if m != nil {
				end = i + m[0]
			}
			escapeRun(&b, s, i, end, marks)
			if m == nil {
				break
			}
			k := s[i+m[0] : i+m[1]]
			switch {
			case k[0] == '<' && !inlineTag.MatchString(k):
				// No tag after all ("a <b" … "c>"): its text escaped.
				escapeRun(&b, s, i+m[0], i+m[0]+1, marks)
				i += m[0] + 1
				continue
			case webAddress.MatchString(k) && webAddress.FindStringIndex(k)[0] == 0:
				k = strings.ReplaceAll(k, "&amp;", "&")
			}
			b.WriteString(k)
			i += m[1]
		}
	}
	for _, r := range blocks {
		start := lineStartOf(s, r[0])
		if start > pos {
			text(pos, start)
		}
		if end := lineEndOf(s, r[1]); end > pos {
			b.WriteString(s[max(pos, start):end])
			pos = end
		}
	}
	text(pos, len(s))
	return b.String()
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
// (straight quotes, -- and ..., which a command or code needs as
// written); a block's mark at a line's start (marks).
func escapeRun(b *strings.Builder, s string, from, to int, marks map[int]bool) {
	for i := from; i < to; i++ {
		c := s[i]
		switch {
		case marks[i],
			strings.IndexByte("\\`*_[]~<\"'", c) >= 0,
			c == '-' && (i > 0 && s[i-1] == '-' || i+1 < len(s) && s[i+1] == '-'),
			c == '.' && dots(s, i) >= 3,
			c == '$' && (i > 0 && s[i-1] == '$' || i+1 < len(s) && s[i+1] == '$'):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
}

// dots is the length of the run of dots offset i is in.
func dots(s string, i int) int {
	a, z := i, i
	for a > 0 && s[a-1] == '.' {
		a--
	}
	for z < len(s) && s[z] == '.' {
		z++
	}
	return z - a
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
