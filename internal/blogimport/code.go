package blogimport

import (
	"strings"
)

// Markdown's code, found well enough to leave it alone: the template
// syntax of Hugo and Jekyll is converted in the text, and what cannot be
// converted inside code stays there as written, where it is shown as
// code rather than run.

// span is a byte range [start, end) of a body.
type span struct{ start, end int }

// regions are the code of a body: fenced blocks and inline code spans.
type regions []span

// codeRegions finds the fenced code blocks (``` or ~~~, indented up to
// three spaces, closed by a fence of the same character at least as
// long, or by the end) and the inline code spans of the other lines.
func codeRegions(s string) regions {
	var out regions
	off := 0
	var fence byte
	fenceLen, fenceStart := 0, 0
	for off < len(s) {
		end := strings.IndexByte(s[off:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += off + 1
		}
		line := s[off:end]
		ch, n := fenceOf(line)
		switch {
		case fence != 0:
			if ch == fence && n >= fenceLen && strings.TrimSpace(strings.TrimLeft(line, " ")[n:]) == "" {
				out = append(out, span{fenceStart, end})
				fence = 0
			}
		case n >= 3 && !(ch == '`' && strings.Contains(strings.TrimLeft(line, " ")[n:], "`")):
			fence, fenceLen, fenceStart = ch, n, off
		default:
			out = append(out, inlineCode(line, off)...)
		}
		off = end
	}
	if fence != 0 {
		out = append(out, span{fenceStart, len(s)})
	}
	return out
}

// fenceOf returns the fence character and its run length at the start of
// line, after at most three spaces.
func fenceOf(line string) (byte, int) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || t == "" || (t[0] != '`' && t[0] != '~') {
		return 0, 0
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	return t[0], n
}

// inlineCode finds the code spans of one line: a run of backticks closed
// by a run of the same length.
func inlineCode(line string, off int) []span {
	var out []span
	for i := 0; i < len(line); {
		if line[i] != '`' {
			i++
			continue
		}
		n := run(line, i, '`')
		j := i + n
		closed := false
		for j < len(line) {
			if line[j] != '`' {
				j++
				continue
			}
			m := run(line, j, '`')
			if m == n {
				out = append(out, span{off + i, off + j + m})
				i, closed = j+m, true
				break
			}
			j += m
		}
		if !closed {
			i += n
		}
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
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '[' && s[i+1] == '[' && !code.in(i) {
			b.WriteString(s[last:i])
			b.WriteString("&#91;")
			last = i + 1
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

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
