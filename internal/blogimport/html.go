package blogimport

import (
	"regexp"
	"slices"
	"strings"

	"github.com/netjournal/netjournal/internal/markdown"
)

// htmlBody returns the body of a post written in HTML (a Jekyll post in
// .html, as Jekyll's WordPress, Blogger and Tumblr importers write them;
// a Hugo page in .html)
// as a Markdown body that renders the same HTML, and the lines it added
// (0-based, as fileLine takes them). Jekyll wrote such a body as it was;
// read as Markdown it was not: a line indented after a blank line became
// a code block showing the tags, a blank line in a <pre> ended its HTML
// block and the rest of the code became text, and *, _, `, [ and ~ of its
// text became emphasis, code and links. So:
//
//   - a blank line in a <pre> is written <!-- -->, as kramdownHTML
//     writes one, in a <script> //, in a <style> /**/, in a comment ".":
//     each shows nothing there, and the HTML block they are in does not
//     end at it;
//   - the other lines lose their indentation, which HTML does not show
//     (it collapses white space): no line is code;
//   - in text that is in no HTML block (a paragraph: text that no block
//     tag begins, as WordPress wrote its paragraphs), Markdown's marks
//     are escaped, so that they show as written; Liquid's tags are left
//     as they are, for the Liquid that runs after.
//
// Paragraphs stay paragraphs, as WordPress showed them. A fenced code
// block, Liquid's highlight, raw and comment blocks and Hugo's highlight
// shortcode are kept as they are, with a blank line before and after
// them; Hugo's shortcodes, as Liquid's tags, are left for what runs after.
func htmlBody(s string) (string, []int) {
	s, inserted := unindentHTML(s)
	return escapeMarks(s), inserted
}

// rawOpen finds the elements whose text is raw in HTML, and comments.
var rawOpen = regexp.MustCompile(`(?i)<(pre|textarea|script|style)(?:[\s/>]|$)|<!--`)

// fenceLine is the opening of a fenced code block.
var fenceLine = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")

// liquidBlock is the opening of a Liquid block whose text is not HTML:
// code to highlight, raw Liquid, a comment.
var liquidBlock = regexp.MustCompile(`^\s*\{%-?\s*(highlight|raw|comment)\b`)

// unindentHTML is htmlBody's first two steps: blank lines in raw text
// and comments, and indentation.
func unindentHTML(s string) (string, []int) {
	var b strings.Builder
	var inserted []int
	lines := strings.SplitAfter(s, "\n")
	written := 0 // lines written
	write := func(line string) {
		b.WriteString(line)
		written++
	}
	blankBefore := func() {
		if out := b.String(); out != "" && !strings.HasSuffix(out, "\n\n") {
			if !strings.HasSuffix(out, "\n") {
				b.WriteString("\n")
			}
			inserted = append(inserted, written)
			write("\n")
		}
	}
	closer := ""   // what ends the raw element or comment the line is in
	blank := ""    // what a blank line in that one is written
	verbatim := "" // what ends the block kept as it is that the line is in
	for i, line := range lines {
		if line == "" {
			continue
		}
		empty := strings.TrimSpace(line) == ""
		switch {
		case verbatim != "":
			write(line)
			if verbatimEnds(line, verbatim) {
				verbatim = ""
				if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
					if !strings.HasSuffix(line, "\n") {
						b.WriteString("\n")
					}
					inserted = append(inserted, written)
					write("\n")
				}
			}
			continue
		case closer != "" && empty:
			end := line[len(strings.TrimRight(line, "\r\n")):]
			if blank != "" {
				line = blank + end
			}
		case closer != "":
		case empty:
		default:
			if verbatim = verbatimOpens(line); verbatim != "" {
				blankBefore()
				write(line)
				if opensAndEnds(line, verbatim) {
					verbatim = ""
				}
				continue
			}
			line = strings.TrimLeft(line, " \t")
		}
		write(line)
		closer, blank = rawState(line, closer, blank)
	}
	return b.String(), inserted
}

// verbatimOpens returns what ends the block kept as it is that line
// opens (a fence's marks, or a Liquid block's end tag's name), or "".
func verbatimOpens(line string) string {
	if m := fenceLine.FindStringSubmatch(line); m != nil && (m[1][0] == '~' || !strings.Contains(line[len(m[0]):], "`")) {
		return m[1]
	}
	if m := liquidBlock.FindStringSubmatch(line); m != nil {
		return "end" + m[1]
	}
	if hugoHighlight.MatchString(line) {
		return "/highlight"
	}
	return ""
}

// verbatimEnds reports whether line ends the block kept as it is that
// end names: a fence's marks, or a Liquid block's end tag's name.
func verbatimEnds(line, end string) bool {
	if end[0] == '`' || end[0] == '~' {
		t := strings.TrimSpace(line)
		return strings.HasPrefix(t, end) && strings.Trim(t, end[:1]) == ""
	}
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
// (end names its end) ends it too: {% raw %}{{ x }}{% endraw %}.
func opensAndEnds(line, end string) bool {
	if end[0] == '`' || end[0] == '~' {
		return false
	}
	closing := "%}"
	if end == "/highlight" {
		closing = "}}"
	}
	i := strings.Index(line, closing)
	return i >= 0 && verbatimEnds(line[i+2:], end)
}

var liquidEnds = map[string]*regexp.Regexp{}

func init() {
	for _, name := range []string{"highlight", "raw", "comment"} {
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

// liquidMarkup is a Liquid tag or output, which the import's Liquid reads
// after htmlBody: its text is not escaped.
var liquidMarkup = regexp.MustCompile(`(?s)\{%.*?%\}|\{\{.*?\}\}`)

// blockMarkStart is what begins a block other than a paragraph at a
// line's start, for a paragraph's line: a heading, a quote, a list's
// item, a thematic break or a setext heading's underline, a table's line,
// a definition (a list's * and a fence's ` and ~ are escaped as text).
var blockMarkStart = regexp.MustCompile(`(?m)^(?:[#>+=:|-]|[0-9]{1,9}[.)])`)

// escapeMarks escapes Markdown's marks in the text of s that is not in
// an HTML block or a block kept as it is: htmlBody's last step.
func escapeMarks(s string) string {
	var b strings.Builder
	last := 0
	outside(s, func(from, to int) {
		b.WriteString(s[last:from])
		prev := from
		for _, m := range liquidMarkup.FindAllStringIndex(s[from:to], -1) {
			b.WriteString(escapeHTMLText(s[prev : from+m[0]]))
			b.WriteString(s[from+m[0] : from+m[1]])
			prev = from + m[1]
		}
		b.WriteString(escapeHTMLText(s[prev:to]))
		last = to
	})
	b.WriteString(s[last:])
	s = b.String()
	// Then the lines' starts, which escapeHTMLText leaves: escaped, a
	// heading or a quote is a paragraph's line.
	var at []int
	outside(s, func(from, to int) {
		for _, m := range blockMarkStart.FindAllStringIndex(s[from:to], -1) {
			if c := s[from+m[0]]; c >= '0' && c <= '9' {
				at = append(at, from+m[1]-1) // 1\. is no list
			} else {
				at = append(at, from+m[0])
			}
		}
	})
	return insertAt(s, at, `\`)
}

// lineStartOf is the offset of the start of the line offset i is on.
func lineStartOf(s string, i int) int { return strings.LastIndexByte(s[:i], '\n') + 1 }

// outside calls f with each run of lines of s that are in no HTML block
// and no fenced code block: paragraphs' lines, and blank ones.
func outside(s string, f func(from, to int)) {
	var taken [][2]int
	taken = append(taken, markdown.HTMLBlocks(s, false)...)
	taken = append(taken, verbatimBlocks(s)...)
	pos := 0
	slices.SortFunc(taken, func(a, b [2]int) int { return a[0] - b[0] })
	for _, r := range taken {
		if r[0] > pos {
			f(pos, lineStartOf(s, r[0]))
		}
		pos = max(pos, r[1])
		if pos > 0 && pos < len(s) && s[pos-1] != '\n' {
			if i := strings.IndexByte(s[pos:], '\n'); i >= 0 {
				pos += i + 1
			} else {
				pos = len(s)
			}
		}
	}
	if pos < len(s) {
		f(pos, len(s))
	}
}

// verbatimBlocks are the ranges of s's fenced code blocks and Liquid's
// highlight, raw and comment blocks, from the opening line's start to
// the closing line's end.
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
