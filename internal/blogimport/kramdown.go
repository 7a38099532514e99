package blogimport

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/netjournal/netjournal/internal/markdown"
)

// kramdown, Jekyll's Markdown by default, reads an HTML block as raw HTML
// from its opening tag to the tag that closes it, across blank lines,
// where CommonMark ends it at the first blank line and reads what follows
// as Markdown: an indented line after it is code. A blog's <div> with a
// blank line and indented lines was published as a code block showing its
// tags.

// kramdownBlock is an opening tag that begins an HTML block for kramdown:
// one of its block elements (kramdown's HTML_BLOCK_ELEMENTS) at the start
// of a line, indented by three spaces at most. pre is not among them:
// CommonMark keeps a <pre> block to its </pre> as it is.
var kramdownBlock = regexp.MustCompile(`(?mi)^ {0,3}<(address|article|aside|applet|body|blockquote|dd|details|div|dl|fieldset|figure|figcaption|footer|form|h[1-6]|header|hgroup|html|head|iframe|legend|menu|li|main|map|nav|ol|optgroup|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)[\s/>]`)

// kramdownParsed is the markdown attribute that has kramdown parse an
// element's content as Markdown, not keep it raw.
var kramdownParsed = regexp.MustCompile(`(?i)\smarkdown\s*=\s*["']?(1|block|span)\b`)

// blankInHTML is what a blank line inside a raw HTML block becomes: a line
// CommonMark does not end the block at, which shows nothing (netjournal
// publishes no HTML comment), and keeps the lines where they were.
const blankInHTML = "<!-- -->"

// kramdownHTML returns body with the blank lines of each HTML block that
// kramdown keeps raw written as blankInHTML, so that CommonMark reads the
// block whole, as kramdown did. A block in code, one whose element has
// kramdown parse it (markdown="1"), and one never closed are left as they
// are. What Liquid keeps as it is (raw, a comment, a highlight, which
// becomes code) is passed by: no tag in it opens or closes a block, and
// its blank lines stay.
func kramdownHTML(body string) string {
	opaque, _ := liquidOpaque(body)
	var b strings.Builder
	last := 0
	for _, r := range rawBlocks(body) {
		start, end := r.start, r.end
		// The lines after the opening tag's line and before the closing
		// tag's: a blank line is one of them only when both are around it.
		inner := strings.IndexByte(body[start:], '\n')
		closing := strings.LastIndexByte(body[:end], '\n')
		if inner < 0 || closing < start+inner {
			continue
		}
		b.WriteString(body[last : start+inner+1])
		at := start + inner + 1
		for _, line := range strings.SplitAfter(body[at:closing+1], "\n") {
			if strings.TrimSpace(line) == "" && line != "" && !opaque.in(at) {
				b.WriteString(blankInHTML + "\n")
			} else {
				b.WriteString(line)
			}
			at += len(line)
		}
		last = closing + 1
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// rawBlocks returns where the HTML blocks kramdown keeps raw are in body,
// in order, from the start of an opening tag's line to the end of the tag
// that closes it: a block element at the start of a line, not in code nor
// in another, whose element kramdown does not parse (markdown="1"), and
// which holds no Liquid highlight (its fence would be text inside an HTML
// block) nor a <textarea> (a blank line in it would show blankInHTML).
func rawBlocks(body string) []span {
	code := codeRegions(body)
	opaque, highlights := liquidOpaque(body)
	skip := append(append(regions{}, code...), opaque...)
	// A tag in <pre>, <script> or <style> is their text: it opens no block.
	for _, h := range markdown.HTMLBlocks(body, true) {
		skip = append(skip, span{h[0], h[1]})
	}
	lower := lowerASCII(body)
	// Inline code and fences are code to both readers (a `<!--` in
	// text). An indented line after a blank one is code to CommonMark,
	// but raw HTML to kramdown in a block it keeps raw (an indented
	// </div>, a commented-out <div>), and code outside one (an example of
	// an unclosed <!--): the blocks are found once with indented code
	// read as HTML, and again with the indented code outside them passed
	// by.
	fences := append(regions{}, opaque...)
	for _, c := range markdown.CodeNotIndented(body) {
		fences = append(fences, span{c[0], c[1]})
	}
	first := coverOf(len(lower), fences)
	blocks := selectBlocks(body, lower, blockEnds(lower, first, first), skip, highlights)
	var outside regions
	for _, c := range markdown.IndentedCode(body) {
		if !slices.ContainsFunc(blocks, func(b span) bool { return c[0] >= b.start && c[0] < b.end }) {
			outside = append(outside, span{c[0], c[1]})
		}
	}
	if len(outside) == 0 {
		return blocks
	}
	// Tags in that code still count (a block found now may close at an
	// indented </div>); comments there are text.
	second := coverOf(len(lower), fences, outside)
	return selectBlocks(body, lower, blockEnds(lower, first, second), skip, highlights)
}

// selectBlocks returns the HTML blocks kramdown keeps raw in body, by
// where their closing tags end (ends, blockEnds'): rawBlocks' blocks.
func selectBlocks(body, lower string, ends map[int]int, skip, highlights regions) []span {
	var out []span
	last := 0
	for _, m := range kramdownBlock.FindAllStringSubmatchIndex(body, -1) {
		start := m[0]
		if start < last || skip.in(start) {
			continue
		}
		gt := strings.IndexByte(body[m[1]-1:], '>')
		if gt < 0 {
			continue
		}
		gt += m[1] - 1
		if kramdownParsed.MatchString(body[start:gt]) {
			continue
		}
		end, closed := ends[m[2]-1]
		if !closed || highlights.within(start, end) || strings.Contains(lower[start:end], "<textarea") {
			continue
		}
		out = append(out, span{start, end})
		last = end
	}
	return out
}

// cover is a set of regions of a text, looked up in constant time: for
// each byte, where the region over it ends, 0 for none (regions.in looked
// through every region, at every '<' of a body).
type cover []int32

// coverOf makes the cover of sets of regions of a text of n bytes, in
// one sweep (regions nested deep, Liquid's highlights in highlights, were
// each marked byte by byte).
func coverOf(n int, sets ...regions) cover {
	ends := make([]int32, n) // the farthest end of the regions that start at each byte
	for _, rs := range sets {
		for _, r := range rs {
			if start := max(r.start, 0); start < n && r.end > start {
				ends[start] = max(ends[start], int32(r.end))
			}
		}
	}
	c := make(cover, n)
	var cur int32
	for i := range n {
		cur = max(cur, ends[i])
		if int(cur) > i {
			c[i] = cur
		}
	}
	return c
}

func (c cover) in(i int) bool { return i >= 0 && i < len(c) && c[i] > 0 }

func (c cover) end(i int) (int, bool) {
	if !c.in(i) {
		return 0, false
	}
	return int(c[i]), true
}

// kramdownRaw returns what the passes that write kramdown's Markdown for
// CommonMark pass by in body: code, what Liquid keeps as it is, the HTML
// blocks kramdown keeps raw, and those every Markdown keeps as they are
// (<pre>, <script>, comments); with cm, every HTML block CommonMark
// reads too (a tag alone on its line, and the lines after it to a blank
// one, where kramdown reads Markdown and CommonMark none: writing there
// for CommonMark shows what was written).
func kramdownRaw(body string, cm bool) regions {
	r := codeRegions(body)
	opaque, _ := liquidOpaque(body)
	r = append(r, opaque...)
	for _, h := range markdown.HTMLBlocks(body, !cm) {
		r = append(r, span{h[0], h[1]})
	}
	return append(r, rawBlocks(body)...)
}

// blockNames are kramdown's block elements (kramdownBlock's).
var blockNames = map[string]bool{}

func init() {
	for _, n := range strings.Split("address article aside applet body blockquote dd details div dl fieldset figure figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup html head iframe legend menu li main map nav ol optgroup p section summary table tbody td tfoot th thead tr ul", " ") {
		blockNames[n] = true
	}
}

// blockEnds maps where each opening tag of a block element starts in
// lower (a body in lower case) to where the tag that closes it ends, past
// its '>': the closing tag of its name that is not another's, elements of
// that name opened inside counted (a stack of each name's, one pass over
// the body: looking for each one's close to the end of the body was
// quadratic in the unclosed <p> a body may hold). Comments and what is
// opaque open and close nothing; in comments (code), a comment neither
// begins nor ends, and one never closed is text; an element never closed
// is not in the map.
func blockEnds(lower string, opaque, comments cover) map[int]int {
	ends := map[int]int{}
	open := map[string][]int{}
	// Where each comment can end: the --> not in code, in order.
	var closes []int
	for from := 0; ; {
		e := strings.Index(lower[from:], "-->")
		if e < 0 {
			break
		}
		if !comments.in(from + e) {
			closes = append(closes, from+e)
		}
		from += e + 1
	}
	for i := 0; i < len(lower); {
		k := strings.IndexByte(lower[i:], '<')
		if k < 0 {
			break
		}
		i += k
		if end, ok := opaque.end(i); ok {
			i = end
			continue
		}
		rest := lower[i:]
		if strings.HasPrefix(rest, "<!--") {
			// A comment, but one begun or ended in code (an example of
			// one, indented): those are text.
			if !comments.in(i) {
				if k := sort.SearchInts(closes, i+4); k < len(closes) {
					i = closes[k] + 3
					continue
				}
			}
			// Never closed (<!-- in text): text, not the rest of the body.
			i += 4
			continue
		}
		closing := strings.HasPrefix(rest, "</")
		n := 1
		if closing {
			n = 2
		}
		from := n
		for n < len(rest) && ('a' <= rest[n] && rest[n] <= 'z' || '0' <= rest[n] && rest[n] <= '9') {
			n++
		}
		if name := rest[from:n]; blockNames[name] && tagNameEnds(rest, n) {
			gt := strings.IndexByte(rest, '>')
			switch stack := open[name]; {
			case closing && len(stack) > 0:
				if gt >= 0 {
					ends[stack[len(stack)-1]] = i + gt + 1
				}
				open[name] = stack[:len(stack)-1]
			case !closing && (gt < 0 || rest[gt-1] != '/'):
				open[name] = append(stack, i)
			}
		}
		i++
	}
	return ends
}

// tagNameEnds reports whether a tag's name ends at s[i]: at a space, '/',
// '>' or the end.
func tagNameEnds(s string, i int) bool {
	return i >= len(s) || strings.IndexByte(" \t\n\r\f/>", s[i]) >= 0
}

// liquidOpaque returns where Liquid keeps text as it is, for Markdown to
// read as text or code: raw blocks, comments, and highlight blocks from
// their tag to their end tag (highlights, those alone).
func liquidOpaque(s string) (opaque, highlights regions) {
	toks := lexLiquid(s)
	for _, t := range toks {
		switch {
		case t.raw || t.comment:
			opaque = append(opaque, span{t.start, t.end})
		case !t.output && t.name == "highlight" && t.pair >= 0:
			h := span{t.start, toks[t.pair].end}
			opaque, highlights = append(opaque, h), append(highlights, h)
		}
	}
	return opaque, highlights
}

// lowerASCII returns s with its ASCII letters in lower case, and every
// other byte where it was: offsets in it are offsets in s (strings.ToLower
// moves them, İ being longer in lower case).
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// kramdown's extensions ({::comment} … {:/comment}, {::nomarkdown} …
// {:/}, {::options … /}) and attribute lists ({:target="_blank"} after a
// link, {: .lead} under a paragraph, {:toc}) are no Markdown to CommonMark,
// which shows them as text: a real blog's 350 posts ended their links in
// {:target="_blank"}.
var (
	kramdownIAL = regexp.MustCompile(`\{:(?:[^{}\n"']|"[^"\n]*"|'[^'\n]*')*\}`)
	// kramdownTOC is a list that kramdown replaces with the
	// post's table of contents: "* TOC" and {:toc} under it.
	kramdownTOC  = regexp.MustCompile(`(?m)(?:^[ \t]{0,3}(?:[*+-]|\d+[.)])[ \t]+[^\n]*\n)+[ \t]*\{:[ \t]*toc[ \t]*\}[ \t]*$`)
	htmlComments = regexp.MustCompile(`(?s)<!--.*?-->`)
)

// kramdownExtensions returns body with kramdown's extensions and attribute
// lists made what CommonMark shows as kramdown did: a comment's text in an
// HTML comment, nomarkdown's raw HTML in a <div> (one on lines of its own;
// inline, its markers go), a {:toc} list in comments and toc set, every
// other attribute list (one alone on its line, or right after a span's
// end) kept in an HTML comment (counted in kept, the first at line first,
// as written in example). Code, HTML comments, raw HTML (kramdownRaw) and
// what Liquid keeps as it is are passed by. Lines stay where they were.
func kramdownExtensions(body string) (out string, toc bool, kept, first int, example string) {
	if !strings.Contains(body, "{:") {
		return body, false, 0, 0, ""
	}
	skip := func(s string) regions {
		r := kramdownRaw(s, false)
		for _, m := range htmlComments.FindAllStringIndex(s, -1) {
			r = append(r, span{m[0], m[1]})
		}
		return r
	}
	code := skip(body)
	body = replaceAll(body, kramdownTOC.FindAllStringIndex(body, -1), code, func(m string) string {
		toc = true
		lines := strings.Split(m, "\n")
		for i, l := range lines {
			lines[i] = htmlComment(strings.TrimSpace(l))
		}
		return strings.Join(lines, "\n")
	})
	code = skip(body)
	var b strings.Builder
	last := 0
	for i := 0; i < len(body); {
		k := strings.Index(body[i:], "{:")
		if k < 0 {
			break
		}
		at := i + k
		if code.in(at) {
			i = at + 2
			continue
		}
		rest := body[at:]
		switch {
		case strings.HasPrefix(rest, "{::comment}"):
			end := extensionEnd(body, at, "comment")
			b.WriteString(body[last:at])
			b.WriteString(commentLines(body[at:end]))
			last, i = end, end
			continue
		case strings.HasPrefix(rest, "{::nomarkdown}"):
			open := at + len("{::nomarkdown}")
			closer, end := extensionCloser(body, open, "nomarkdown")
			b.WriteString(body[last:at])
			if alone(body, at, open) && alone(body, closer, end) {
				b.WriteString("<div>") // raw to its </div>, as kramdownHTML keeps it
				b.WriteString(body[open:closer])
				b.WriteString("</div>")
			} else {
				b.WriteString(body[open:closer])
			}
			last, i = end, end
			continue
		}
		m := kramdownIAL.FindStringIndex(rest)
		if m == nil || m[0] != 0 {
			i = at + 2
			continue
		}
		ial := rest[:m[1]]
		if !strings.HasPrefix(ial, "{::") && !strings.HasPrefix(ial, "{:/") && !alone(body, at, at+m[1]) &&
			(at == 0 || !strings.ContainsRune(")]*_`>", rune(body[at-1]))) {
			// An attribute list is one alone on its line (a block's) or
			// right after a span's end ([a](b){:target}); any other
			// {:…} is text to kramdown too ("returns {:ok, pid}").
			i = at + 2
			continue
		}
		if !strings.HasPrefix(ial, "{::") && !strings.HasPrefix(ial, "{:/") {
			if kept == 0 {
				first, example = lineAt(body, at), ial
			}
			kept++
		}
		b.WriteString(body[last:at])
		b.WriteString(htmlComment(ial))
		last, i = at+m[1], at+m[1]
	}
	if last == 0 {
		return body, toc, kept, first, example
	}
	b.WriteString(body[last:])
	return b.String(), toc, kept, first, example
}

// commentLines keeps text in HTML comments, a paragraph at a time: one
// comment across a blank line is no comment to CommonMark, which shows
// its ends.
func commentLines(text string) string {
	if !strings.Contains(text, "\n\n") {
		return htmlComment(text)
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = htmlComment(l)
		}
	}
	return strings.Join(lines, "\n")
}

// extensionEnd returns where the extension name opened at at ends: past
// its {:/name} or {:/}, or the body's end when never closed.
func extensionEnd(body string, at int, name string) int {
	_, end := extensionCloser(body, at, name)
	return end
}

// extensionCloser returns where the first {:/name} or {:/} after from
// begins and ends; both are the body's end when there is none (kramdown
// takes the rest).
func extensionCloser(body string, from int, name string) (start, end int) {
	start, end = len(body), len(body)
	for _, closer := range []string{"{:/" + name + "}", "{:/}"} {
		if k := strings.Index(body[from:], closer); k >= 0 && from+k < start {
			start, end = from+k, from+k+len(closer)
		}
	}
	return start, end
}

// alone reports whether body[start:end] is alone on its line, but for
// spaces.
func alone(body string, start, end int) bool {
	l := aroundOf(body, start, end)
	return strings.TrimSpace(l.before) == "" && strings.TrimSpace(l.after) == ""
}

// replaceAll replaces each match of s not in skip with what with makes of
// it.
func replaceAll(s string, matches [][]int, skip regions, with func(string) string) string {
	var b strings.Builder
	last := 0
	for _, m := range matches {
		if skip.in(m[0]) {
			continue
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(with(s[m[0]:m[1]]))
		last = m[1]
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// kramdown takes a link's destination with spaces in it (![](/images/flow
// abstract.gif)) and a reference definition's with an unbalanced
// parenthesis ([notes]: https://example.com/notes.md)); CommonMark takes
// neither, and showed the Markdown as text. Written in angle brackets,
// CommonMark takes both.
var (
	// spacedDest is an inline destination with a space and no title: no
	// quote, parenthesis or angle bracket in it.
	spacedDest = regexp.MustCompile(`\]\(([^()<>\n"']*[^\s()<>\n"'][ \t]+[^()<>\n"']*?)\)`)
	// bareRefDest is a reference definition's destination, not in angle
	// brackets, to the end of its line: its title, if any, in group 2.
	bareRefDest = regexp.MustCompile(`(?m)^(?:[ \t]*>[ \t]?)*[ \t]*\[[^\]\^\n][^\]\n]*\]:[ \t]*([^\s<][^\n]*?)[ \t]*$`)
)

// kramdownDestinations returns body with the link destinations kramdown
// took and CommonMark does not written in angle brackets, outside code.
func kramdownDestinations(body string) string {
	if !strings.Contains(body, "](") && !strings.Contains(body, "]:") {
		return body
	}
	code := kramdownRaw(body, true)
	type edit struct {
		start, end int
		with       string
	}
	var edits []edit
	for _, m := range spacedDest.FindAllStringSubmatchIndex(body, -1) {
		if code.in(m[2]) {
			continue
		}
		dest := strings.TrimSpace(body[m[2]:m[3]])
		if strings.Contains(dest, "{%") || strings.Contains(dest, "{{") || !strings.ContainsAny(dest, " \t") {
			continue // Liquid, which gives the destination; spaces around it, which CommonMark takes
		}
		edits = append(edits, edit{m[2], m[3], "<" + dest + ">"})
	}
	for _, m := range bareRefDest.FindAllStringSubmatchIndex(body, -1) {
		dest := body[m[2]:m[3]]
		if code.in(m[2]) || strings.ContainsAny(dest, "\"'") || strings.Contains(dest, "{%") || strings.Contains(dest, "{{") {
			continue // one with a title, as CommonMark reads it; Liquid
		}
		if !strings.ContainsAny(dest, " \t") && balanced(dest) {
			continue
		}
		if strings.ContainsAny(dest, " \t") && !strings.HasPrefix(dest, "/") && !strings.Contains(dest, "://") {
			continue // words after a path: not known to be a destination
		}
		edits = append(edits, edit{m[2], m[3], "<" + dest + ">"})
	}
	if len(edits) == 0 {
		return body
	}
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.start < last {
			continue
		}
		b.WriteString(body[last:e.start])
		b.WriteString(e.with)
		last = e.end
	}
	b.WriteString(body[last:])
	return b.String()
}

// balanced reports whether the parentheses of s are balanced, as
// CommonMark asks of a destination not in angle brackets.
func balanced(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// kramdownStrong returns body with each **…** and *…* on a line, outside
// code, that kramdown read as strong or emphasis and CommonMark does not
// written as <strong>…</strong> or <em>…</em>: CommonMark's delimiter may
// not close after punctuation and before a letter (**乐观更新（Optimistic
// update）**首先, **Big-O 표기법(빅오 표기법)**이), nor open after a letter
// and before punctuation; kramdown has no such rule, and real blogs'
// Chinese and Korean posts showed their asterisks. Only such a pair next
// to a punctuation mark outside ASCII, or whose delimiter CommonMark
// refuses is next to a letter outside ASCII (of a language written
// without spaces between words), is written anew.
func kramdownStrong(body string) string {
	return kramdownEmphasis(kramdownEmphasis(body, "**", "strong"), "*", "em")
}

// kramdownEmphasis is kramdownStrong for one delimiter, delim, and the
// element it makes.
func kramdownEmphasis(body, delim, element string) string {
	if !strings.Contains(body, delim) {
		return body
	}
	code := coverOf(len(body), kramdownRaw(body, false))
	w := len(delim)
	var b strings.Builder
	last := 0
	at := 0
	for _, line := range strings.SplitAfter(body, "\n") {
		var marks []int // where each delimiter of the line is, outside code
		for i := 0; i+w <= len(line); i++ {
			if line[i:i+w] != delim {
				continue
			}
			alone := (i == 0 || line[i-1] != '*') && (i+w >= len(line) || line[i+w] != '*')
			bullet := w == 1 && strings.TrimLeft(line[:i], " ") == "" && i+1 < len(line) && line[i+1] == ' '
			if alone && !bullet && !escaped(line, i) && !code.in(at+i) {
				marks = append(marks, i)
			}
			i += w - 1
		}
		for k := 0; k+1 < len(marks); k += 2 {
			open, close := marks[k], marks[k+1]
			if close == open+w || strings.TrimSpace(line[open+w:close]) != line[open+w:close] {
				continue // empty, or spaced inside: kramdown reads no emphasis either
			}
			left, right := leftFlanking(line, open, w), rightFlanking(line, close, w)
			if left && right {
				continue // CommonMark reads it too
			}
			before, _ := around(line, open, w)
			_, after := around(line, close, w)
			if !wideMark(line, open, w) && !wideMark(line, close, w) &&
				!(!left && wideLetter(before)) && !(!right && wideLetter(after)) {
				continue
			}
			b.WriteString(body[last : at+open])
			b.WriteString("<" + element + ">")
			b.WriteString(line[open+w : close])
			b.WriteString("</" + element + ">")
			last = at + close + w
		}
		at += len(line)
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// around returns the runes before and after the delimiter of width w at
// i of line: ' ' at the line's ends, as CommonMark has them.
func around(line string, i, w int) (before, after rune) {
	before, after = ' ', ' '
	if r, n := utf8.DecodeLastRuneInString(line[:i]); n > 0 {
		before = r
	}
	if r, n := utf8.DecodeRuneInString(line[i+w:]); n > 0 {
		after = r
	}
	return before, after
}

// leftFlanking is CommonMark's left-flanking delimiter run at i: not
// followed by a space, and not followed by punctuation unless after a
// space or punctuation.
func leftFlanking(line string, i, w int) bool {
	before, after := around(line, i, w)
	return !unicode.IsSpace(after) && (!isPunct(after) || unicode.IsSpace(before) || isPunct(before))
}

// rightFlanking is leftFlanking's mirror.
func rightFlanking(line string, i, w int) bool {
	before, after := around(line, i, w)
	return !unicode.IsSpace(before) && (!isPunct(before) || unicode.IsSpace(after) || isPunct(after))
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// wideMark reports whether the delimiter of width w at i of line is next
// to a punctuation mark outside ASCII: （）「」。，
func wideMark(line string, i, w int) bool {
	before, after := around(line, i, w)
	return before > unicode.MaxASCII && isPunct(before) || after > unicode.MaxASCII && isPunct(after)
}

// wideLetter reports whether r is a letter outside ASCII.
func wideLetter(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }

// inlineRaw is an element kramdown keeps the text of as it is, on one
// line: <code>Standards/**PEAR**/Sniff.php</code> shows its asterisks;
// CommonMark reads Markdown between its tags, and made PEAR bold.
var inlineRaw = regexp.MustCompile(`(?i)<(code|kbd|samp|var)(\s[^<>\n]*)?>([^<\n]*)</(?:code|kbd|samp|var)\s*>`)

// escapeMarkdown escapes what Markdown reads in text: a backslash before
// each of its punctuation marks shows the mark as it is.
var escapeMarkdown = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "~", `\~`)

// kramdownInlineRaw returns body with the text of each inline element
// kramdown keeps raw escaped, where CommonMark would read Markdown in it:
// not in code, nor in an HTML block, where it reads none.
func kramdownInlineRaw(body string) string {
	if !strings.Contains(body, "</") {
		return body
	}
	return inlineRawIn(body, kramdownRaw(body, true))
}

// inlineRawIn is kramdownInlineRaw, passing by what skip holds.
func inlineRawIn(body string, skip regions) string {
	var edits [][]int
	for _, m := range inlineRaw.FindAllStringSubmatchIndex(body, -1) {
		text := body[m[6]:m[7]]
		if skip.in(m[0]) || !strings.ContainsAny(text, "\\*_`[]~") || strings.Contains(text, "{{") || strings.Contains(text, "{%") {
			continue // nothing to escape; Liquid, which gives the text
		}
		edits = append(edits, m)
	}
	if len(edits) == 0 {
		return body
	}
	var b strings.Builder
	last := 0
	for _, m := range edits {
		b.WriteString(body[last:m[6]])
		b.WriteString(escapeMarkdown.Replace(body[m[6]:m[7]]))
		last = m[7]
	}
	b.WriteString(body[last:])
	return b.String()
}

// kramdownBlockEnds returns body with a blank line after each HTML block
// kramdown keeps raw whose closing tag ends its line and is followed by a
// line of text: kramdown reads that line as Markdown, CommonMark as more
// of the HTML block, to the next blank line (a real post's **[link](…)**
// right after a </div> was shown as written). What follows the closing
// tag on its line (<div …></div><script …>, 45 posts of a real blog),
// which kramdown reads apart from the block, goes on a line of its own
// after a blank one, or CommonMark read the block on to the next blank
// line and showed the Markdown there as written. inserted are the lines
// of the result, counted from 0, that it added (for a line broken in two,
// its first part: the lines after it are the file's next), for warnings
// to name the file's own lines.
func kramdownBlockEnds(body string) (out string, inserted []int) {
	var b strings.Builder
	last, added := 0, 0
	for _, r := range rawBlocks(body) {
		if r.end < last {
			continue
		}
		eol := strings.IndexByte(body[r.end:], '\n')
		if eol < 0 {
			continue // the body ends
		}
		if rest := body[r.end : r.end+eol]; strings.TrimSpace(rest) != "" {
			line := lineAt(body, r.end) + added
			b.WriteString(body[last:r.end])
			b.WriteString("\n\n")
			inserted = append(inserted, line, line+1)
			added += 2
			last = r.end + len(rest) - len(strings.TrimLeft(rest, " \t"))
			continue
		}
		next := r.end + eol + 1
		nl := strings.IndexByte(body[next:], '\n')
		if nl < 0 {
			nl = len(body) - next
		}
		if strings.TrimSpace(body[next:next+nl]) == "" {
			continue // a blank line already
		}
		b.WriteString(body[last:next])
		b.WriteString("\n")
		inserted = append(inserted, lineAt(body, next)+added)
		added++
		last = next
	}
	if last == 0 {
		return body, nil
	}
	b.WriteString(body[last:])
	return b.String(), inserted
}

// fileLine maps a line of a body kramdownBlockEnds wrote, counted from 0,
// to the line of the body it was written from.
func fileLine(line int, inserted []int) int {
	n := 0
	for _, l := range inserted {
		if l < line {
			n++
		}
	}
	return line - n
}

// fileLineAt is fileLine for lines that stand for the one before them
// (an include_relative's text, all at the tag's line): an inserted line
// is its own line's too.
func fileLineAt(line int, inserted []int) int {
	n := 0
	for _, l := range inserted {
		if l <= line {
			n++
		}
	}
	return line - n
}

// kramdownSubLists returns body with each list that kramdown nests in the
// item above it, and CommonMark does not, indented to that item's text.
// Right under an item's line, with no blank line between, kramdown reads a
// list of the other kind (bullets under a numbered item, numbers under a
// bullet) as the item's, however little it is indented; CommonMark ends
// the item there, and shows the sub-list beside the list and the list's
// later items as a new list (a real post's steps, each with its bullets
// two spaces in, came out as three lists). The sub-list's lines move to
// the next blank line, or to the next item of the outer list. Code, HTML
// blocks and lists of the same kind (siblings to both) stay as written.
func kramdownSubLists(body string) string {
	raw := coverOf(len(body), kramdownRaw(body, true))
	type item struct {
		ordered     bool
		indent, col int  // the marker's indent, and the column of its text
		first       bool // the lines are in its first paragraph yet
	}
	var (
		b       strings.Builder
		open    []item // the list items the lines are in, outermost first
		shift   int    // spaces put before the lines of a sub-list moved
		fence   string // the fence of a code block a moved line opened
		blank   = true
		written = 0
	)
	// sibling returns the open item whose list an item m is the next of:
	// of its kind, within that item's indent (siblings to both
	// Markdowns); -1 for none.
	sibling := func(m listMarkerOf) int {
		for k := len(open) - 1; k >= 0; k-- {
			// Within the item's indent, and in the item around it if
			// any: an outermost list's items may be indented 0 to 3
			// spaces each, as kramdown and CommonMark read them.
			within := k == 0 && m.indent <= 3 || k > 0 && m.indent >= open[k-1].col
			if open[k].ordered == m.ordered && m.indent < open[k].col && within {
				return k
			}
		}
		return -1
	}
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n') + 1
		if end == 0 {
			end = len(body) - start
		}
		line := strings.TrimRight(body[start:start+end], "\r\n")
		at := start
		start += end
		moveLine := func() {
			b.WriteString(body[written:at])
			b.WriteString(strings.Repeat(" ", shift))
			written = at
		}
		switch {
		case raw.in(at) && fence != "":
			moveLine() // a moved fence's code, to its closing line
			continue
		case raw.in(at):
			open, shift, blank = nil, 0, false
			continue
		case fence != "":
			moveLine()
			if closesFence(line, fence) {
				fence = ""
			}
			continue
		case strings.TrimSpace(line) == "":
			shift, blank = 0, true
			for k := range open {
				open[k].first = false
			}
			continue
		}
		m, isItem := listItem(line)
		paren := isItem && strings.Contains(line[m.indent:min(m.col, len(line))], ")")
		var cur *item
		if len(open) > 0 {
			cur = &open[len(open)-1]
		}
		if shift > 0 && !(isItem && (sibling(m) >= 0 || m.ordered == cur.ordered && m.indent < cur.col)) {
			moveLine()
			if f := fenceOpener(line); f != "" {
				fence = f // its code and closing line move too
			}
			continue
		}
		shift = 0
		indent := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case isItem:
			sib := sibling(m)
			switch {
			case sib >= 0 && !paren:
				open = open[:sib]
			case cur != nil && !blank && cur.first && !paren && m.ordered != cur.ordered && m.indent < cur.col &&
				(len(open) == 1 || m.indent >= open[len(open)-2].col) && m.col < len(line) && strings.TrimSpace(line[m.col:]) != "":
				// Right under the first paragraph of an item, within the
				// item it is in if any, a list of the other kind with
				// text: kramdown's sub-list.
				shift = cur.col - m.indent
				moveLine()
				if m.ordered {
					// It begins at 1, as kramdown showed every list:
					// CommonMark lets no other number begin a list in a
					// paragraph. "10. x" is "1.  x", its text where it
					// was, but four spaces at most: five begin code.
					digits := strings.IndexByte(line[m.indent:], '.')
					if line[m.indent:m.indent+digits] != "1" {
						after := m.indent + digits + 1
						spaces := len(line[after:]) - len(strings.TrimLeft(line[after:], " "))
						b.WriteString(line[:m.indent] + "1." + strings.Repeat(" ", min(spaces+digits-1, 4)))
						written = at + after + spaces
					}
				}
				blank = false
				continue
			case cur != nil && !blank && m.indent < cur.col && sibling(m) < 0 &&
				(m.ordered != cur.ordered || paren || !cur.first || len(open) > 1 && m.indent < open[len(open)-2].col):
				// A line kramdown reads as text of the item's paragraph
				// (after its first paragraph or a sub-list of its, left
				// of the item it is in, an N) or a marker alone), which
				// CommonMark may read as a list: its marker escaped.
				d := m.indent + strings.IndexAny(line[m.indent:], ".)-*+")
				b.WriteString(body[written : at+d])
				b.WriteString(`\`)
				written = at + d
				blank = false
				continue
			}
			if paren {
				break // kramdown has no N) lists: text
			}
			for len(open) > 0 && open[len(open)-1].col > m.indent {
				open = open[:len(open)-1]
			}
			for k := range open {
				open[k].first = false // it holds a sub-list now
			}
			open = append(open, item{m.ordered, m.indent, m.col, true})
		case thematicBreak(line):
			open = nil // a rule ends the lists, to kramdown
		case cur != nil && indent < cur.col && (blank || strings.ContainsAny(line[indent:indent+1], "#><|`~\t")):
			// The list ends, as far as the line's indent, or a block
			// other than text begins.
			for len(open) > 0 && (open[len(open)-1].col > indent || !blank) {
				open = open[:len(open)-1]
			}
		}
		blank = false
	}
	if written == 0 {
		return body
	}
	b.WriteString(body[written:])
	return b.String()
}

// kramdownItemFences returns body with a fenced code block that begins
// right under a top-level list item's line (no blank line between), less indented
// than the item's text, indented into the item, and the lines after it
// up to a blank line or the next item with it: kramdown keeps them in the
// item, CommonMark ended the list there, showed the code after it and
// the paragraph after the code with the next item's number as its text
// (a real post's setup steps, found against Jekyll 4.3's output). The
// lines keep their places.
func kramdownItemFences(body string) string {
	if !strings.Contains(body, "```") && !strings.Contains(body, "~~~") {
		return body
	}
	lines := strings.SplitAfter(body, "\n")
	col := -1       // the text column of the item the lines are in; -1 none
	fence := ""     // the fence of the code block the lines are in
	moving := false // lines moved into the item, to a blank line or an item
	shift := ""     // what the lines of a fence moved into the item get before them
	opaque, highlights := liquidOpaque(body)
	skip := append(opaque, highlights...) // a fence's line there is their text
	offset := 0
	for i, l := range lines {
		line := strings.TrimRight(l, "\r\n")
		start := offset
		offset += len(l)
		switch {
		case skip.in(start):
			col, moving = -1, false
		case fence != "":
			if moving && line != "" {
				lines[i] = shift + l // the code's own indentation kept
			}
			if closesFence(line, fence) {
				fence = ""
			}
		case strings.TrimSpace(line) == "":
			col, moving = -1, false
		case func() bool { _, ok := listItem(line); return ok }():
			// A nested item's is left alone: its lines may be the outer
			// item's (kramdownSubLists moved them).
			m, _ := listItem(line)
			col, moving = m.col, false
			if m.indent > 0 {
				col = -1
			}
		case fenceOpener(line) != "":
			fence = fenceOpener(line)
			if in := len(line) - len(strings.TrimLeft(line, " ")); col >= 0 && in < col {
				moving, shift = true, strings.Repeat(" ", col-in)
				lines[i] = shift + l
			}
		case moving:
			lines[i] = strings.Repeat(" ", col) + strings.TrimLeft(l, " ")
		}
	}
	return strings.Join(lines, "")
}

// fenceOpener returns the fence a line opens a code block with (```,
// ~~~~), or "".
func fenceOpener(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return ""
	}
	n := run(t, 0, t[0])
	if n < 3 || t[0] == '`' && strings.Contains(t[n:], "`") {
		return ""
	}
	return t[:n]
}

// closesFence reports whether line closes a code block opened with
// fence: as many of its marks or more, and nothing else.
func closesFence(line, fence string) bool {
	t := strings.TrimSpace(strings.SplitN(line, "\n", 2)[0])
	return strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == ""
}

// listMarker is the marker of a list item's line, and the spaces after it.
var listMarker = regexp.MustCompile(`^( {0,3})([-*+]|[0-9]{1,9}[.)])( +|$)`)

// thematicBreak reports whether line is three or more of one of -, *
// and _, with spaces between: a rule, no list item.
func thematicBreak(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || t == "" || !strings.ContainsRune("-*_", rune(t[0])) {
		return false
	}
	n := strings.Count(t, t[:1])
	return n >= 3 && strings.Trim(t, t[:1]+" ") == ""
}

// listMarkerOf is what a list item's first line says of its item.
type listMarkerOf struct {
	ordered     bool
	indent, col int // the marker's indent, and the column of its text
}

// listItem reads line as a list item's first line: whether its list is
// numbered, its marker's indent and the column its text begins at.
func listItem(line string) (m listMarkerOf, ok bool) {
	g := listMarker.FindStringSubmatchIndex(line)
	if g == nil || thematicBreak(line) {
		return m, false
	}
	m.ordered = line[g[4]] >= '0' && line[g[4]] <= '9'
	m.indent = g[3] - g[2]
	m.col = g[7]
	if spaces := g[7] - g[6]; spaces == 0 || spaces > 4 {
		m.col = g[5] + 1 // no text, or code: the text is one space in
	}
	return m, true
}

// unclosedRaw is the opening tag of an element whose text a browser
// reads as its own to the closing tag, whatever is between.
var unclosedRaw = regexp.MustCompile(`(?i)<(script|style)[\s/>]`)

// kramdownUnclosedRaw returns body with the '<' of each <script> or <style>
// tag in prose that its paragraph does not close escaped: kramdown closed
// the element at the paragraph's end (and what followed the tag was gone
// from the page); as raw HTML, the browser read the rest of the page as
// the script (a real post's "async on a <script> tag"). Code and HTML
// blocks stay as written.
func kramdownUnclosedRaw(body string) string {
	ms := unclosedRaw.FindAllStringSubmatchIndex(body, -1)
	if ms == nil {
		return body
	}
	lower := lowerASCII(body)
	raw := coverOf(len(body), kramdownRaw(body, true))
	var b strings.Builder
	last := 0
	for _, m := range ms {
		if raw.in(m[0]) || escaped(body, m[0]) {
			continue
		}
		end := paragraphEnd(body, m[1])
		if strings.Contains(lower[m[1]:end], "</"+lower[m[2]:m[3]]) {
			continue
		}
		b.WriteString(body[last:m[0]])
		b.WriteString("&lt;")
		last = m[0] + 1
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// paragraphEnd returns where the paragraph that holds offset i ends: at
// the next line of nothing but spaces, or the body's end.
func paragraphEnd(body string, i int) int {
	for {
		nl := strings.IndexByte(body[i:], '\n')
		if nl < 0 {
			return len(body)
		}
		i += nl + 1
		eol := strings.IndexByte(body[i:], '\n')
		if eol < 0 {
			eol = len(body) - i
		}
		if strings.TrimSpace(body[i:i+eol]) == "" {
			return i
		}
	}
}

// spanNames are the elements kramdown reads in a paragraph (its span
// elements) that CommonMark does not read as a block of its own name
// (its types 1 and 6: <textarea>, <option>).
var spanNames = map[string]bool{}

func init() {
	for _, n := range strings.Split("a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label q rb rbc rp rt rtc ruby samp select small span strike strong sub sup tt u var", " ") {
		spanNames[n] = true
	}
}

// loneTag is a line of one complete tag, as CommonMark's HTML block of
// type 7 begins.
var loneTag = regexp.MustCompile(`^ {0,3}</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>[ \t]*$`)

// kramdownSpanLines returns body with an empty comment after each inline
// tag alone on the line that begins an HTML block CommonMark reads to
// the next blank line, Markdown and all, where kramdown read a paragraph
// beginning with the tag (<br> then "#### Results" showed the heading
// as written): after the comment, the line is the paragraph's.
func kramdownSpanLines(body string) string {
	var b strings.Builder
	last := 0
	for _, h := range markdown.HTMLBlocks(body, false) {
		eol := strings.IndexByte(body[h[0]:h[1]], '\n')
		if eol < 0 || strings.TrimSpace(body[h[0]+eol:h[1]]) == "" {
			continue // one line: a paragraph of the tag alone to kramdown
		}
		line := strings.TrimRight(body[h[0]:h[0]+eol], "\r")
		m := loneTag.FindStringSubmatch(line)
		if m == nil || !spanNames[strings.ToLower(m[1])] {
			continue
		}
		at := h[0] + len(line)
		b.WriteString(body[last:at])
		b.WriteString(blankInHTML)
		last = at
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// kramdownAbbreviations returns body with each of kramdown's abbreviation
// definitions (*[HTML]: Hyper Text Markup Language, a line of its own)
// kept in an HTML comment: kramdown showed them nowhere, and the text
// they define as <abbr>; CommonMark showed the line as text. n is how
// many, the first at line first (from 0). Code and raw HTML are passed by.
func kramdownAbbreviations(body string) (out string, n, first int) {
	if !strings.Contains(body, "*[") {
		return body, 0, 0
	}
	lines, verbatim := proseLines(body)
	for i, l := range lines {
		line := strings.TrimRight(l, "\r\n")
		if verbatim[i] || !abbreviation.MatchString(line) {
			continue
		}
		if n == 0 {
			first = i
		}
		n++
		lines[i] = htmlComment(line) + l[len(line):]
	}
	return strings.Join(lines, ""), n, first
}

// abbreviation is a line of kramdown's abbreviation definition.
var abbreviation = regexp.MustCompile(`^ {0,3}\*\[[^\]\n]+\]:`)

// kramdownLineBreaks returns body with each of kramdown's hard line
// breaks, two backslashes that end a line of a paragraph the next line
// goes on (minimal-mistakes' sample post), written as CommonMark's, one
// backslash: CommonMark reads an escaped backslash, and showed it, with
// no break. Code and raw HTML are as written, and so is a run of other
// than two, and a table's row.
func kramdownLineBreaks(body string) string {
	if !strings.Contains(body, `\\`) {
		return body
	}
	lines, verbatim := proseLines(body)
	math := mathRegions(body, codeRegions(body)) // LaTeX's \\ is its rows' end
	offset := 0
	for i, l := range lines {
		row := strings.TrimRight(l, "\r\n")
		at := offset
		offset += len(l)
		if verbatim[i] || i+1 >= len(lines) || !strings.HasSuffix(row, `\\`) || len(row)-len(strings.TrimRight(row, `\`)) != 2 ||
			strings.HasPrefix(strings.TrimSpace(quoteMarks.ReplaceAllString(row, "")), "|") || math.in(at+len(row)-1) {
			continue
		}
		// The next line, less the quote's marks the line has.
		next := strings.TrimRight(lines[i+1], "\r\n")
		if marks := quoteMarks.FindString(row); marks != "" {
			next = strings.TrimPrefix(next, quoteMarks.FindString(next))
		}
		if strings.TrimSpace(next) == "" || setextLine.MatchString(next) ||
			paragraphStart.MatchString(next) && !(strings.HasPrefix(strings.TrimLeft(next, " "), "<") && !blockNames[openingTag(strings.TrimLeft(next, " "))]) {
			continue // the paragraph's end (an inline tag goes on it)
		}
		lines[i] = row[:len(row)-1] + l[len(row):]
	}
	return strings.Join(lines, "")
}

// kramdownHeadingIALs returns body with the id of a block attribute list
// on the line under a heading ("## Pandas" over "{: #pandas}", or under
// a setext heading's underline), which kramdown gives the heading (the
// last id the list names), written after the heading's text as its
// header id, {#id} (kramdownHeaderIDs), and the list's line left blank:
// the lines keep their numbers. Code is as written, and so is a heading
// that has a header id already.
func kramdownHeadingIALs(body string) string {
	if !strings.Contains(body, "{:") {
		return body
	}
	lines, verbatim := proseLines(body)
	for i := 1; i < len(lines); i++ {
		row := strings.TrimRight(lines[i], "\r\n")
		if !headingIAL.MatchString(row) || verbatim[i] || verbatim[i-1] {
			continue
		}
		ids := ialID.FindAllStringSubmatch(row, -1)
		id := ids[len(ids)-1][1]
		at := i - 1 // the heading's text
		if setextLine.MatchString(strings.TrimRight(lines[at], "\r\n")) && at > 0 {
			at--
			if at > 0 && strings.TrimSpace(quoteMarks.ReplaceAllString(lines[at-1], "")) != "" && !atxHeading.MatchString(lines[at-1]) {
				continue // a list item's line, the underline a rule
			}
		}
		text := strings.TrimRight(lines[at], "\r\n")
		heading := atxHeading.MatchString(itemMarker.ReplaceAllString(quoteMarks.ReplaceAllString(text, ""), ""))
		if !(heading || at < i-1) || headerID.MatchString(text) || !kramdownIDChars.MatchString(id) {
			continue
		}
		lines[at] = text + " {#" + id + "}" + lines[at][len(text):]
		lines[i] = lines[i][len(row):]
	}
	return strings.Join(lines, "")
}

// kramdownHeaderIDs returns body with each header id kramdown reads
// ("## Setup {#setup}", a setext heading's text the same: a space, then
// {#, an id of a letter then letters, digits, _, : and -, and }, ending
// the line) taken off, and the ids by the heading's line, from 0.
// Anything else in braces is the heading's text, as to kramdown. Code is
// as written.
func kramdownHeaderIDs(body string) (string, map[int]string) {
	if !strings.Contains(body, "{#") {
		return body, nil
	}
	lines, verbatim := proseLines(body)
	ids := map[int]string{}
	for i, l := range lines {
		text := strings.TrimRight(l, "\r\n")
		m := headerID.FindStringSubmatchIndex(text)
		if m == nil || verbatim[i] {
			continue
		}
		// A setext heading's text begins a paragraph (else it goes on a
		// list item's, and the line under it is a rule).
		setext := i+1 < len(lines) && setextLine.MatchString(strings.TrimRight(lines[i+1], "\r\n")) && strings.TrimSpace(text) != "" &&
			(i == 0 || strings.TrimSpace(quoteMarks.ReplaceAllString(lines[i-1], "")) == "" || atxHeading.MatchString(lines[i-1]))
		if !atxHeading.MatchString(itemMarker.ReplaceAllString(quoteMarks.ReplaceAllString(text, ""), "")) && !setext {
			continue
		}
		ids[i] = text[m[2]:m[3]]
		lines[i] = text[:m[0]] + l[len(text):]
	}
	return strings.Join(lines, ""), ids
}

var (
	// headingIAL is a block attribute list that names an id: {: #id .class}.
	headingIAL = regexp.MustCompile(`^ {0,3}\{:[^}]*#[\w:-]+[^}]*\}\s*$`)
	// ialID is an id an attribute list names.
	ialID = regexp.MustCompile(`(?:^|\s|\{:)#([\w:-]+)`)
	// headerID is kramdown's header id at a line's end.
	headerID = regexp.MustCompile(`[ \t]\{#([A-Za-z][\w:-]*)\}[ \t]*$`)
	// kramdownIDChars is an id kramdown's header id may name.
	kramdownIDChars = regexp.MustCompile(`^[A-Za-z][\w:-]*$`)
	// itemMarker is a list item's marker at a line's start.
	itemMarker = regexp.MustCompile(`^ {0,3}(?:[-*+]|[0-9]{1,9}[.)])[ \t]+`)
	// atxHeading is an ATX heading's line.
	atxHeading = regexp.MustCompile(`^ {0,3}#{1,6}[ \t]+\S`)
)

// proseLines splits body into its lines, their ends kept, and says of
// each whether it begins in code or raw HTML (kramdownVerbatim), which
// the passes that rewrite lines leave as written.
func proseLines(body string) (lines []string, verbatim []bool) {
	code := kramdownVerbatim(body)
	lines = strings.SplitAfter(body, "\n")
	verbatim = make([]bool, len(lines))
	offset := 0
	for i, l := range lines {
		verbatim[i] = code.in(offset)
		offset += len(l)
	}
	return lines, verbatim
}

// kramdownVerbatim returns where body holds what the kramdown passes
// that rewrite lines leave as written: code, a Liquid highlight or raw,
// and HTML blocks (a <pre>'s === is its text).
func kramdownVerbatim(body string) regions {
	out := codeRegions(body)
	opaque, highlights := liquidOpaque(body)
	out = append(append(out, opaque...), highlights...)
	for _, h := range markdown.TopLevelHTML(body) {
		out = append(out, span{h[0], h[1]})
	}
	return out
}

// kramdownShortSeparators returns body with each table's header
// separator that has fewer cells than the header above it given the
// cells it lacks: kramdown makes a table of "A | B | C" over "--- | ---",
// CommonMark's tables do not (a real blog's table was one paragraph of
// pipes). The lines keep their places.
func kramdownShortSeparators(body string) string {
	if !strings.Contains(body, "|") {
		return body
	}
	lines, verbatim := proseLines(body)
	for i, l := range lines {
		if i == 0 || verbatim[i] {
			continue
		}
		row := strings.TrimRight(l, "\r\n")
		if !gfmDelimiter.MatchString(row) || !strings.Contains(row, "|") {
			continue
		}
		header := strings.TrimRight(lines[i-1], "\r\n")
		if strings.TrimSpace(header) == "" || gfmDelimiter.MatchString(header) {
			continue
		}
		have, want := len(tableCells(row)), len(tableCells(header))
		if have >= want || have == 0 {
			continue
		}
		more := strings.Repeat(" | ---", want-have)
		if trimmed := strings.TrimRight(row, " "); strings.HasSuffix(trimmed, "|") {
			more = strings.Repeat(" --- |", want-have)
		}
		lines[i] = row + more + l[len(row):]
	}
	return strings.Join(lines, "")
}

// gfmDelimiter is a line of a GFM table's delimiter row: cells of
// dashes, with colons at their ends, between pipes.
var gfmDelimiter = regexp.MustCompile(`^ {0,3}\|?(?: *:?-+:? *\|)* *:?-+:? *\|? *$`)

// tableCells returns the cells of a table's row: between its pipes not
// escaped nor in a code span, a pipe at either end opening or closing it.
func tableCells(row string) []string {
	row = strings.TrimSpace(row)
	var cells []string
	last := 0
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\':
			i++
		case row[i] == '`':
			i = codeSpanEnd(row, i) - 1
		case row[i] == '|':
			cells = append(cells, row[last:i])
			last = i + 1
		}
	}
	cells = append(cells, row[last:])
	if strings.HasPrefix(row, "|") {
		cells = cells[1:]
	}
	if len(cells) > 0 && strings.HasSuffix(row, "|") && !strings.HasSuffix(row, "\\|") {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// codeSpanEnd is where the code span opened by the run of backticks at
// s[i] ends (past its closing run of as many), or past the run itself
// when no such run closes it (the backticks are text).
func codeSpanEnd(s string, i int) int {
	n := run(s, i, '`')
	for j := i + n; j < len(s); {
		k := strings.IndexByte(s[j:], '`')
		if k < 0 {
			break
		}
		m := run(s, j+k, '`')
		if m == n {
			return j + k + m
		}
		j += k + m
	}
	return i + n
}

// kramdownParsedBlocks returns body with a blank line after the opening
// tag of each element kramdown parses (markdown="1"), when the tag is
// alone on its line, and before its closing tag alone on its line:
// kramdown reads the Markdown between them, blank lines or not;
// CommonMark reads a tag and the lines after it as one HTML block to the
// next blank line, and showed **Bold** and * item as written. inserted
// are the lines added, as kramdownBlockEnds' are.
func kramdownParsedBlocks(body string) (string, []int) {
	if !kramdownParsed.MatchString(body) {
		return body, nil
	}
	code := codeRegions(body)
	lower := lowerASCII(body)
	var breaks []int // where a blank line goes: the start of a line
	for _, m := range kramdownBlock.FindAllStringSubmatchIndex(body, -1) {
		start := m[0]
		gt := strings.IndexByte(body[m[1]-1:], '>')
		if code.in(start) || gt < 0 {
			continue
		}
		gt += m[1] - 1
		if !kramdownParsed.MatchString(body[start:gt]) {
			continue
		}
		eol := strings.IndexByte(body[gt:], '\n')
		if eol < 0 || strings.TrimSpace(body[gt+1:gt+eol]) != "" {
			continue // text after the tag on its line
		}
		after := gt + eol + 1
		closeAt := closingTag(lower, lower[m[2]:m[3]], after)
		if closeAt < 0 {
			continue
		}
		ls := strings.LastIndexByte(body[:closeAt], '\n') + 1
		if strings.TrimSpace(body[ls:closeAt]) != "" {
			continue // the closing tag after text on its line
		}
		if next, _, _ := strings.Cut(body[after:], "\n"); strings.TrimSpace(next) != "" && after < ls {
			breaks = append(breaks, after)
		}
		if ls > 0 && ls > after {
			if prev := body[strings.LastIndexByte(body[:ls-1], '\n')+1 : ls-1]; strings.TrimSpace(prev) != "" {
				breaks = append(breaks, ls)
			}
		}
	}
	if len(breaks) == 0 {
		return body, nil
	}
	slices.Sort(breaks)
	breaks = slices.Compact(breaks)
	var b strings.Builder
	var inserted []int
	last := 0
	for k, at := range breaks {
		b.WriteString(body[last:at])
		inserted = append(inserted, lineAt(body, at)+k)
		b.WriteString("\n")
		last = at
	}
	b.WriteString(body[last:])
	return b.String(), inserted
}

// closingTag returns where the tag that closes an element of name opened
// before from begins in lower (a body in lower case), elements of the
// same name inside it counted; -1 for none.
func closingTag(lower, name string, from int) int {
	depth := 1
	for i := from; i < len(lower); {
		j := strings.Index(lower[i:], name)
		if j < 0 {
			return -1
		}
		j += i
		i = j + len(name)
		if i < len(lower) && !strings.ContainsRune(" \t\n\r/>", rune(lower[i])) {
			continue
		}
		switch {
		case j >= 2 && lower[j-2:j] == "</":
			if depth--; depth == 0 {
				return j - 2
			}
		case j >= 1 && lower[j-1] == '<':
			depth++
		}
	}
	return -1
}

// kramdownSetextText returns body with each line of dashes or equals
// signs under a paragraph of two lines or more written as the text
// kramdown made of it: its headings' text is one line, and under more it
// is the paragraph's ("---" an em dash, a real blog's pasted front
// matter), where CommonMark makes the paragraph a heading. The lines keep
// their places.
func kramdownSetextText(body string) string {
	if !strings.ContainsAny(body, "-=") {
		return body
	}
	lines, verbatim := proseLines(body)
	// A line in a quote is read after its quote marks, beside lines of
	// the same quote.
	quoted := func(l string) (marks, rest string) {
		t := strings.TrimRight(l, "\r\n")
		m := quoteMarks.FindString(t)
		return m, t[len(m):]
	}
	text := func(l, marks string) bool {
		m, t := quoted(l)
		return m == marks && strings.TrimSpace(t) != "" && !strings.HasPrefix(t, "    ") && !strings.HasPrefix(t, "\t") && !paragraphStart.MatchString(t)
	}
	for i, l := range lines {
		marks, line := quoted(l)
		if i < 2 || verbatim[i] || !setextLine.MatchString(line) || !text(lines[i-1], marks) || !text(lines[i-2], marks) {
			continue
		}
		end := l[len(strings.TrimRight(l, "\r\n")):]
		dashes := strings.TrimSpace(line)
		if dashes[0] == '=' {
			lines[i] = marks + `\` + dashes + end
			continue
		}
		// kramdown's typography: --- an em dash, -- an en dash.
		n := len(dashes)
		lines[i] = marks + strings.Repeat("—", n/3) + [...]string{"", "-", "–"}[n%3] + end
	}
	return strings.Join(lines, "")
}

// quoteMarks are a line's quote marks, with the spaces around them.
var quoteMarks = regexp.MustCompile(`^(?: {0,3}> ?)+`)

// setextLine is a setext heading's underline: dashes or equals signs
// alone, indented three spaces at most.
var setextLine = regexp.MustCompile(`^ {0,3}(-+|=+) *$`)

// paragraphStart is a line that begins a block, not a paragraph's text:
// a heading, a quote, a list item, a table row, HTML, a fence.
var paragraphStart = regexp.MustCompile(`^ {0,3}([#>|<]|[-*+] |\d+[.)] |` + "```" + `|~~~|\{[:%])`)

// kramdownSeparator is a kramdown table's separator line: a pipe, then
// dashes or equals signs, colons, pipes, plus signs and spaces alone.
var kramdownSeparator = regexp.MustCompile(`^ {0,3}\|[ :]*[-=][-=:|+ ]*$`)

// kramdownTables returns body with kramdown's separator lines out of its
// tables, outside code: |---+---| above, between or below the rows is no
// row (CommonMark reads it as a paragraph of dashes, or a row of them),
// and footer's |===+===| neither. The separator right after a table's
// first row is its header's, kept, with | between its columns where
// kramdown may write +. One above or below the rows is left a blank line,
// and one between them goes, a blank line after the table for it: the
// lines after the table keep their numbers, for warnings.
//
// A table with no separator under its first row is a table of body rows
// to kramdown (images side by side), when a blank line is above and
// below it (else its lines are a paragraph's text), and no table to
// CommonMark, which needs a header and its delimiter row: it gets an
// empty header as wide as its widest row (a cell past the header's is
// not shown), indented as its rows (in a list item), two lines inserted
// above its first row, listed in inserted as kramdownBlockEnds' are; a
// pipe in a code span of its rows, which ends no cell to kramdown, is
// written \| (CommonMark's tables end a cell at any other). What kramdown
// leaves as written (code, a Liquid highlight, HTML blocks) is.
func kramdownTables(body string) (_ string, inserted []int) {
	code := kramdownVerbatim(body)
	for _, name := range []string{"nomarkdown", "comment"} {
		open := "{::" + name + "}"
		for at := 0; ; {
			k := strings.Index(body[at:], open)
			if k < 0 {
				break
			}
			end := extensionEnd(body, at+k+len(open), name)
			code = append(code, span{at + k, end})
			at = end
		}
	}
	lines := strings.SplitAfter(body, "\n")
	isRow := func(l string) bool { return strings.HasPrefix(strings.TrimLeft(l, " "), "|") }
	var out strings.Builder
	offset, line := 0, 0 // line: of out, counted from 0
	for i := 0; i < len(lines); {
		if !isRow(lines[i]) || code.in(offset) {
			out.WriteString(lines[i])
			offset += len(lines[i])
			i++
			line++
			continue
		}
		end := i
		for end < len(lines) && isRow(lines[end]) {
			end++
		}
		table := lines[i:end]
		sep := func(l string) bool { return kramdownSeparator.MatchString(strings.TrimRight(l, "\r\n")) }
		first := slices.IndexFunc(table, func(l string) bool { return !sep(l) })
		last := len(table) - 1
		for last >= 0 && sep(table[last]) {
			last--
		}
		gone := 0 // separators between rows, each a blank line after the table
		// A line of a block of its own: blank, an attribute list, or
		// (below the table) a list's next item.
		apart := func(k int) bool {
			if k < 0 || k >= len(lines) {
				return true
			}
			l := strings.TrimSpace(lines[k])
			_, item := listItem(lines[k])
			return l == "" || strings.HasPrefix(l, "{:") || k >= end && item
		}
		headless := first >= 0 && (first+1 >= len(table) || !sep(table[first+1])) && apart(i-1) && apart(end)
		width := 0
		for _, l := range table {
			if !sep(l) {
				if !kramdownRow.MatchString(strings.TrimRight(l, "\r\n")) {
					headless = false // kramdown's table ends at such a line
				}
				width = max(width, len(tableCells(l)))
			}
		}
		headless = headless && width > 0
		for j, l := range table {
			if j == first && headless {
				indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
				out.WriteString(indent + "|" + strings.Repeat("  |", width) + "\n" + indent + "|" + strings.Repeat("---|", width) + "\n")
				inserted = append(inserted, line, line+1)
				line += 2
			}
			line++
			// A row wider than the header widens the table, as kramdown
			// makes it: CommonMark's drops the cells past the header's.
			header := !headless && first >= 0 && first+1 < len(table) && sep(table[first+1])
			switch {
			case first >= 0 && !sep(l):
				if header && j == first {
					l = widened(l, width-len(tableCells(l)), "  |")
				}
				out.WriteString(codePipes(l))
			case first < 0:
				out.WriteString(l)
			case j == first+1:
				// The header's: | between columns, - for =.
				l = strings.NewReplacer("+", "|", "=", "-").Replace(l)
				out.WriteString(widened(l, width-len(tableCells(table[first])), "---|"))
			case j < first || j > last:
				out.WriteString("\n") // a blank line: the lines keep their numbers
			default:
				gone++
			}
			offset += len(table[j]) // as the source has it: a widened row is longer
		}
		if gone > 0 && !strings.HasSuffix(out.String(), "\n") {
			out.WriteString("\n")
		}
		out.WriteString(strings.Repeat("\n", gone)) // counted as the separators were
		i = end
	}
	return out.String(), inserted
}

// widened is the table row row with n cells more, each cell: its last
// cell closed if it was not.
func widened(row string, n int, cell string) string {
	if n <= 0 {
		return row
	}
	text := strings.TrimRight(row, " \t\r\n")
	if !strings.HasSuffix(text, "|") || strings.HasSuffix(text, "\\|") {
		text += " |"
	}
	return text + strings.Repeat(cell, n) + row[len(strings.TrimRight(row, "\r\n")):]
}

// codePipes is the table row row with each pipe in a code span, which
// tableCells keeps in its cell, written \|.
func codePipes(row string) string {
	if !strings.Contains(row, "`") {
		return row
	}
	var b strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row):
			b.WriteString(row[i : i+2])
			i++
		case row[i] == '`':
			end := codeSpanEnd(row, i)
			b.WriteString(strings.ReplaceAll(row[i:end], "|", "\\|"))
			i = end - 1
		default:
			b.WriteByte(row[i])
		}
	}
	return b.String()
}

// kramdownRow is a line kramdown reads as a table's row: a pipe, and
// another after a character that does not escape it.
var kramdownRow = regexp.MustCompile(`^ {0,3}\|.*[^\\]\|`)
