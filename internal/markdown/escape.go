package markdown

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// EscapeText writes plain text, such as an address book's note, as
// Markdown that shows it as written: each character Markdown would read
// as syntax is escaped with a backslash. Emphasis and code (*, _, `),
// links, images, footnotes and wikilinks ([, ]), raw HTML and autolinks
// (<, >), tables (|), strikethrough (~), math ($$) and entities (&amp;)
// anywhere in a line; at a line's start, headings (#), block quotes
// (>), lists (+, 1. and 1), whose numbers Markdown would write anew),
// setext underlines and thematic breaks (=, -), and definitions (:). A
// line that begins "- " and more stays an item of a list, shown as the text's
// dash was (the notes an import writes are such a list, and an export
// gives them back so: Unescape); what follows it is read as a line's
// start. A line's leading spaces and tabs, which would make it code or
// an item of a list, are written as no-break spaces and em spaces
// (&nbsp;, &emsp;), shown as the line's indentation and given back by
// Unescape. Lines stay lines of the source, and shown so: a line that the
// next continues (in a paragraph or an item) ends in a hard break, a
// backslash, which Markdown would otherwise join to it as one line; a
// blank line still parts paragraphs, as Markdown has them.
func EscapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if i > 0 {
			if continues(lines[i-1], line) {
				if strings.HasSuffix(lines[i-1], `\`) {
					// Its escaped backslash and a third would show two
					// (goldmark): the other hard break, two spaces.
					b.WriteString("  ")
				} else {
					b.WriteByte('\\')
				}
			}
			b.WriteByte('\n')
		}
		rest := strings.TrimLeft(line, " \t")
		afterEntity := false // the line's text follows &nbsp; or &emsp;: no autolink starts there
		indented := rest != line && strings.TrimSpace(rest) != ""
		if indented {
			// Shown, and no code nor list to Markdown: Unescape gives
			// the spaces and tabs back.
			ws := line[:len(line)-len(rest)]
			last := ""
			if urlAt(rest, 0) > 0 && len(ws) > 1 && ws[len(ws)-1] == ' ' {
				// A web address after a space is linked whole (GFM's
				// autolink starts after whitespace, not after ';').
				ws, last = ws[:len(ws)-1], " "
			}
			for _, c := range ws {
				b.WriteString(indents[c])
			}
			b.WriteString(last)
			afterEntity = last == ""
		}
		line = rest
		for !indented && strings.HasPrefix(line, "- ") && strings.TrimSpace(line[2:]) != "" {
			b.WriteString("- ")
			line = strings.TrimLeft(line[2:], " \t")
		}
		for j := 0; j < len(line); j++ {
			if n := urlAt(line, j); n > 0 && !(j == 0 && afterEntity) {
				// A web address, linked as it is written (linkify): its
				// characters are the address's.
				b.WriteString(line[j : j+n])
				j += n - 1
				continue
			}
			c := line[j]
			switch {
			case strings.IndexByte("\\`*_[]<>|~", c) >= 0,
				c == '&' && entityAt(line[j:]),
				c == '$' && (strings.HasPrefix(line[j+1:], "$") || j > 0 && line[j-1] == '$'),
				j == 0 && strings.IndexByte("#-+=:", c) >= 0:
				b.WriteByte('\\')
			case j == 0 && '0' <= c && c <= '9':
				// An ordered list's number: 1. or 1) (up to nine digits).
				k := j
				for k < len(line) && '0' <= line[k] && line[k] <= '9' {
					k++
				}
				if k < len(line) && k-j <= 9 && (line[k] == '.' || line[k] == ')') {
					b.WriteString(line[j:k])
					b.WriteByte('\\')
					j = k
					c = line[k]
				}
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// continues reports whether the line next, as EscapeText writes it,
// goes on the paragraph or the list item of the line before it, prev:
// neither is blank, and next begins no item of a list (an indented line
// begins none: its indentation is written as text).
func continues(prev, next string) bool {
	return strings.TrimSpace(prev) != "" && strings.TrimSpace(next) != "" &&
		!(strings.HasPrefix(next, "- ") && strings.TrimSpace(next[2:]) != "")
}

// indents are what EscapeText writes for the spaces and tabs a line is
// indented by: character references, which Markdown shows as text (a
// no-break space, an em space for a tab), never as code or a list's
// indentation, and which Unescape reads back at a line's start.
var indents = map[rune]string{' ': "&nbsp;", '\t': "&emsp;"}

// indentAt is the length of the run of EscapeText's indentation that s
// begins with, and the spaces and tabs it stands for.
func indentAt(s string) (n int, ws string) {
	for {
		switch {
		case strings.HasPrefix(s[n:], indents[' ']):
			n, ws = n+len(indents[' ']), ws+" "
		case strings.HasPrefix(s[n:], indents['\t']):
			n, ws = n+len(indents['\t']), ws+"\t"
		default:
			return n, ws
		}
	}
}

// urlAt is the length of the web address written at line[j:] that
// Markdown links whole as it is (GFM's autolinks), up to a space or a
// '<': only one of a domain and a path of characters that are never
// Markdown's, or underscores, which the link takes in whole
// (https://example.com/a-b/c_d.html?x=1#top); 0 for any other,
// whose characters are escaped (shown the same; linked, if at all, as
// far as the first escape).
func urlAt(line string, j int) int {
	if j > 0 && line[j-1] != ' ' && line[j-1] != '\t' {
		return 0
	}
	end := strings.IndexAny(line[j:], " \t<")
	if end < 0 {
		end = len(line) - j
	}
	// Underscores in its path are the address's (ana_lima_dev); one it
	// ends in is not (GFM leaves it out of the link), and is escaped.
	u := strings.TrimRight(line[j:j+end], "_")
	if !plainURL.MatchString(u) {
		return 0
	}
	return len(u)
}

var plainURL = regexp.MustCompile(`^(?:https?://|www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[A-Za-z0-9./?#=%+,;:@~_-]*)?$`)

// entityAt reports whether s begins with an HTML character reference
// (&amp;, &#38;, &#x26;), which Markdown reads as the character.
func entityAt(s string) bool {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 40 {
		return false
	}
	ref := s[1:end]
	if ref[0] == '#' {
		digits := ref[1:]
		hex := false
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			digits, hex = digits[1:], true
		}
		if digits == "" {
			return false
		}
		for _, c := range digits {
			if !('0' <= c && c <= '9' || hex && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
				return false
			}
		}
		return true
	}
	for k, c := range ref {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || k > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// Unescape is EscapeText undone: the text a body written by it
// holds, each backslash before ASCII punctuation, and each that makes a
// hard break, taken out (as Markdown shows it), a line's indentation
// (&nbsp; and &emsp; that begin it) read back as spaces and tabs, but
// where Markdown shows it as written: in code (a code
// span, `a\_b`, a fenced or indented block, in a quote or a list too) and
// raw HTML, which a body written by hand may have, found as Markdown
// reads the body. For a plain-text field made of a body (a vCard's NOTE).
func Unescape(s string) string {
	if !strings.Contains(s, `\`) && !strings.Contains(s, indents[' ']) && !strings.Contains(s, indents['\t']) {
		return s
	}
	src := []byte(s)
	var kept []text.Segment  // what Markdown shows as written
	breaks := map[int]bool{} // the backslashes that are hard breaks, by offset
	_ = ast.Walk(bodyParser().Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if n.HardLineBreak() {
				backslash := false
				for _, at := range []int{n.Segment.Stop, n.Segment.Stop - 1} {
					if at >= 0 && at+1 < len(src) && src[at] == '\\' && src[at+1] == '\n' {
						breaks[at], backslash = true, true
						break
					}
				}
				// Two spaces after an escaped backslash: EscapeText's
				// hard break there (or one that shows as it would).
				stop := n.Segment.Stop
				if end := stop + len(s[stop:]) - len(strings.TrimLeft(s[stop:], " ")); !backslash && stop >= 2 && s[stop-2:stop] == `\\` &&
					end-stop >= 2 && end < len(s) && s[end] == '\n' {
					for at := stop; at < end; at++ {
						breaks[at] = true
					}
				}
			}
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					kept = append(kept, t.Segment)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				kept = append(kept, n.Segments.At(i))
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				kept = append(kept, n.Lines().At(i))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(kept, func(a, b text.Segment) int { return a.Start - b.Start })
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		for len(kept) > 0 && kept[0].Stop <= i {
			kept = kept[1:]
		}
		switch {
		case len(kept) > 0 && kept[0].Start <= i:
			b.WriteString(s[i:kept[0].Stop])
			i = kept[0].Stop
		case s[i] == '\\' && i+1 < len(s) && strings.IndexByte(asciiPunctuation, s[i+1]) >= 0:
			b.WriteByte(s[i+1])
			i += 2
		case breaks[i]:
			i++ // a hard break: the line break itself
		case (i == 0 || s[i-1] == '\n') && s[i] == '&':
			// A line's indentation, as EscapeText writes it.
			n, ws := indentAt(s[i:])
			if n == 0 {
				n, ws = 1, "&"
			}
			b.WriteString(ws)
			i += n
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// bodyParser parses a body as Render does.
var bodyParser = sync.OnceValue(func() parser.Parser { return New().md.Parser() })

// asciiPunctuation is what a backslash escapes in Markdown.
const asciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
