package blogimport

import (
	"regexp"
	"slices"
	"strings"

	"github.com/netjournal/netjournal/internal/markdown"
)

// Markdown's code, found well enough to leave it alone: the template
// syntax of Hugo and Jekyll is converted in the text, and what cannot be
// converted inside code stays there as written, where it is shown as
// code rather than run.

// span is a byte range [start, end) of a body.
type span struct{ start, end int }

// regions are the code of a body: fenced blocks and inline code spans.
type regions []span

// codeRegions finds the code of a body as CommonMark reads it
// (markdown.Code): fenced and indented code blocks wherever they are (in
// a list item, a quote), and inline code spans. Lines alone were looked
// at before: a fence in a list item, indented four spaces, was text, and
// a [[ in it was escaped for the page to show &#91;[ (a real Hugo post's
// TOML, under "3.").
func codeRegions(s string) regions {
	var out regions
	for _, c := range markdown.Code(s) {
		out = append(out, span{c[0], c[1]})
	}
	return out
}

func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// in reports whether byte offset off is inside code.
func (r regions) in(off int) bool {
	for _, s := range r {
		if off >= s.start && off < s.end {
			return true
		}
	}
	return false
}

// bracketedText is a link's text all in brackets, [[PDF]], and the ( or
// [ after it.
var bracketedText = regexp.MustCompile(`^\[\[[^\[\]\n]*\]\][(\[]`)

// linkInImage is a link, [text](destination) or [text](destination
// "title"), its destination with parentheses in pairs, at the start of an
// image's text.
var linkInImage = regexp.MustCompile(`^\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"\n]*"|\s+'[^'\n]*')?\)`)

// escaped reports whether the byte at i follows an odd run of
// backslashes: Markdown's escape, which makes it text.
func escaped(s string, i int) bool {
	n := 0
	for i > 0 && s[i-1] == '\\' {
		n, i = n+1, i-1
	}
	return n%2 == 1
}

// end returns where the region that holds off ends, if one does.
func (r regions) end(off int) (int, bool) {
	for _, s := range r {
		if off >= s.start && off < s.end {
			return s.end, true
		}
	}
	return 0, false
}

// within reports whether a region begins in [start, end).
func (r regions) within(start, end int) bool {
	for _, s := range r {
		if s.start >= start && s.start < end {
			return true
		}
	}
	return false
}

// fenced returns code in a fenced block of language lang, with a fence
// longer than any run of backticks in it.
func fenced(lang, code string) string {
	code = strings.TrimPrefix(code, "\n")
	code = strings.TrimRight(code, " \t\n")
	n := 3
	for i := 0; i < len(code); i++ {
		if code[i] == '`' {
			n = max(n, run(code, i, '`')+1)
		}
	}
	f := strings.Repeat("`", n)
	return f + lang + "\n" + code + "\n" + f
}

// escapeWikilinks writes the [[ of text outside code so that netjournal
// does not read it as a wikilink: Hugo and Jekyll have none, and a [[ in
// a public post is an error.
func escapeWikilinks(s string) string {
	if !strings.Contains(s, "[[") {
		return s
	}
	code := codeRegions(s)
	// A script's [[ is JavaScript, and math's is LaTeX, where an entity is
	// no bracket: {[} is one, as LaTeX sets it.
	scripts, math := rawTextRegions(s), mathRegions(s, code)
	// No wikilink: a link whose text begins with a bracket ([[HTML] Open
	// graph](…)), and an escaped bracket before one (\[[Taxes](…)\]).
	// Escaped, the link broke, and \&#91; showed "&#91;".
	opens := markdown.LinkOpeners(s)
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '[' && s[i+1] == '[' && scripts.in(i) {
			continue
		}
		if s[i] == '[' && s[i+1] == '[' && math.in(i) {
			b.WriteString(s[last:i])
			b.WriteString("[{[}")
			last = i + 2
			i++
			continue
		}
		if s[i] == '[' && s[i+1] == '[' && !code.in(i) && opens[i] {
			// A link whose text is all in brackets, [[PDF]](paper.pdf):
			// netjournal would read a wikilink. Its inner brackets are
			// written as entities: the link's text shows [PDF].
			if m := bracketedText.FindStringIndex(s[i:]); m != nil {
				b.WriteString(s[last:i])
				b.WriteString("[&#91;" + s[i+2:i+m[1]-3] + "&#93;]")
				last = i + m[1] - 1
				i = last - 1
				continue
			}
			if i == 0 || s[i-1] != '!' || !opens[i+1] {
				continue // a link whose text begins with a bracket
			}
			// An image whose text is a link, ![[u](u)](a.png): the link
			// shows only as the image's alt text, its own text, which is
			// written in its place. One the expression does not read is
			// escaped, as any [[ is: shown as text, but no wikilink.
			if m := linkInImage.FindStringSubmatchIndex(s[i+1:]); m != nil {
				b.WriteString(s[last : i+1])
				b.WriteString(s[i+1+m[2] : i+1+m[3]])
				last = i + 1 + m[1]
				i = last - 1
				continue
			}
		}
		if s[i] == '[' && s[i+1] == '[' && !code.in(i) && !(escaped(s, i) && opens[i+1]) {
			at := i
			if escaped(s, i) {
				at-- // \[ is the bracket: \&#91; would show "&#91;"
			}
			b.WriteString(s[last:at])
			b.WriteString("&#91;")
			last = i + 1
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

// mathRegions returns where the text of a body's $$ math is, between its
// delimiters, as netjournal reads it: a $$ outside code and HTML blocks
// (raw, math in them as written) and not escaped, to the next $$ within
// its paragraph.
func mathRegions(body string, code regions) regions {
	for _, h := range markdown.HTMLBlocks(body, false) {
		code = append(code, span{h[0], h[1]})
	}
	var out regions
	for i := 0; i+1 < len(body); {
		open := strings.Index(body[i:], "$$")
		if open < 0 {
			break
		}
		open += i
		if code.in(open) || open > 0 && body[open-1] == '\\' {
			i = open + 2
			continue
		}
		rest := body[open+2:]
		end := strings.Index(rest, "$$")
		if end < 0 || blankLine.MatchString(rest[:end]) || code.in(open+2+end) {
			i = open + 2
			continue
		}
		out = append(out, span{open + 2, open + 2 + end})
		i = open + 2 + end + 2
	}
	return out
}

// rawTextRegions returns where the text of a body's scripts and styles
// is, in its HTML blocks: JavaScript and CSS, not Markdown. One within a
// paragraph's text is Markdown to netjournal, as to CommonMark: its [[
// would be a wikilink.
func rawTextRegions(body string) regions {
	blocks := markdown.HTMLBlocks(body, false)
	var out regions
	for _, m := range rawTextElement.FindAllStringSubmatchIndex(body, -1) {
		// What of it is in an HTML block: a blank line in a script ends
		// a <div>'s block, and the lines after are a paragraph.
		for _, b := range blocks {
			if from, to := max(m[2], b[0]), min(m[3], b[1]); from < to {
				out = append(out, span{from, to})
			}
		}
	}
	return out
}

var rawTextElement = regexp.MustCompile(`(?is)<(?:script|style)\b[^>]*>(.*?)</(?:script|style)\s*>`)

// lineAt returns the 0-based line of byte offset off.
func lineAt(s string, off int) int {
	return strings.Count(s[:min(off, len(s))], "\n")
}

// htmlComment keeps text in the file but out of the page: netjournal
// never publishes an HTML comment.
func htmlComment(what string) string {
	for strings.Contains(what, "--") {
		what = strings.ReplaceAll(what, "--", "- -")
	}
	return "<!-- " + what + " -->"
}

// codeSpan writes s as an inline code span, with a run of backticks
// longer than any in s.
func codeSpan(s string) string {
	n := 1
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			n = max(n, run(s, i, '`')+1)
		}
	}
	f := strings.Repeat("`", n)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return f + " " + s + " " + f
	}
	return f + s + f
}

// escapeSingleTildes returns s with each tilde of a strikethrough of one
// tilde each (~text~) escaped: netjournal strikes it through, as GitHub
// does, where kramdown and most blogs' Hugo showed the tildes (CJK
// writers' ranges, 8~10 days, or 3~5). ~~text~~ stays a strikethrough.
func escapeSingleTildes(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return insertAt(s, markdown.SingleTildes(s), `\`)
}

// insertAt returns s with what written before each byte offset of at
// (in any order; an offset twice, twice).
func insertAt(s string, at []int, what string) string {
	if len(at) == 0 {
		return s
	}
	at = slices.Sorted(slices.Values(at))
	var b strings.Builder
	last := 0
	for _, i := range at {
		b.WriteString(s[last:i])
		b.WriteString(what)
		last = i
	}
	b.WriteString(s[last:])
	return b.String()
}

// lineAround is what stands about s[start:end] on its line, and the
// lines before and after that one: "" at the ends of s, as a blank line.
type lineAround struct{ before, after, prev, next string }

func aroundOf(s string, start, end int) lineAround {
	var l lineAround
	ls := strings.LastIndexByte(s[:start], '\n') + 1
	le := strings.IndexByte(s[end:], '\n')
	if le < 0 {
		le = len(s)
	} else {
		le += end
	}
	l.before, l.after = s[ls:start], s[end:le]
	if ls > 0 {
		l.prev = s[strings.LastIndexByte(s[:ls-1], '\n')+1 : ls-1]
	}
	if le < len(s) {
		l.next, _, _ = strings.Cut(s[le+1:], "\n")
	}
	return l
}
