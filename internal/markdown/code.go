package markdown

import (
	"bytes"
	"strings"
	"sync"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Code returns the byte ranges [start, end) of the code in src as
// CommonMark reads it: fenced code blocks (from their info string to their
// last line), indented code blocks, and inline code spans, wherever they
// are (in a list item, a quote). What another generator's template syntax
// looks like in them is code, not template (the blog importer's).
func Code(src string) [][2]int { return code(src, true) }

// IndentedCode returns the indented code blocks of Code alone.
func IndentedCode(src string) [][2]int {
	b := []byte(src)
	doc := goldmark.DefaultParser().Parse(text.NewReader(b))
	var out [][2]int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*ast.CodeBlock); ok && entering {
			if l := c.Lines(); l.Len() > 0 {
				out = append(out, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// CodeNotIndented is Code without the indented code blocks: what is code
// to kramdown too where it keeps a block of HTML raw, in which CommonMark
// reads an indented line after a blank one as code and kramdown as HTML.
func CodeNotIndented(src string) [][2]int { return code(src, false) }

func code(src string, indented bool) [][2]int {
	b := []byte(src)
	doc := goldmark.DefaultParser().Parse(text.NewReader(b)) // CommonMark alone: no site's extensions
	return codeOf(doc, indented)
}

// codeOf is code's ranges in doc, parsed already.
func codeOf(doc ast.Node, indented bool) [][2]int {
	var out [][2]int
	lines := func(l *text.Segments) {
		if l.Len() > 0 {
			out = append(out, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				out = append(out, [2]int{n.Info.Segment.Start, n.Info.Segment.Stop})
			}
			lines(n.Lines())
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			if indented {
				lines(n.Lines())
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			first, last := n.FirstChild(), n.LastChild()
			if t, ok := first.(*ast.Text); ok {
				if u, ok := last.(*ast.Text); ok {
					out = append(out, [2]int{t.Segment.Start, u.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// LinkOpeners returns the offsets in src of the '[' that opens each link
// and image as CommonMark reads it (the '[' of "![" for an image): "[[HTML]
// Open graph](…)" opens a link at its first '[', whose text begins with
// the second, and is no wikilink.
func LinkOpeners(src string) map[int]bool {
	b := []byte(src)
	doc := goldmark.DefaultParser().Parse(text.NewReader(b))
	out := map[int]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Link, *ast.Image:
			if i := opener(b, n); i >= 0 {
				out[i] = true
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// opener returns the offset of the '[' that opens link or image n, or -1
// if its text begins with something else than text, a link or an image
// (emphasis, code), whose '[' no caller asks for. The text's first
// segment begins just after the '['; a text that begins with a link
// (![[u](u)](a.png), an image of a link) just after it, the link's '['.
func opener(b []byte, n ast.Node) int {
	i := -1
	switch c := n.FirstChild().(type) {
	case *ast.Text:
		i = c.Segment.Start - 1
	case *ast.Link:
		i = opener(b, c) - 1
	case *ast.Image:
		i = opener(b, c) - 2 // and its '!'
	}
	if i < 0 || b[i] != '[' {
		return -1
	}
	return i
}

// HTMLBlocks returns the byte ranges [start, end) of the HTML blocks of
// src as CommonMark reads them: raw HTML, where no Markdown is read. With
// verbatim, only those every Markdown keeps as they are: <pre>, <script>,
// <style>, <textarea>, comments, declarations (CommonMark's types 1 to 5;
// not a block of any tag, or a tag alone on its line, which kramdown may
// read Markdown after).
func HTMLBlocks(src string, verbatim bool) [][2]int { return htmlBlocks(src, verbatim, true) }

// TopLevelHTML is HTMLBlocks at src's top level alone: not in a list
// item or a quote. A block's range begins at its line's start, before
// the one to three spaces it may be indented: where the importers look
// for a summary divider on a line of its own, which netjournal reads
// there, indented or not (beforeMore).
func TopLevelHTML(src string) [][2]int { return htmlBlocks(src, false, false) }

func htmlBlocks(src string, verbatim, nested bool) [][2]int {
	b := []byte(src)
	doc := goldmark.DefaultParser().Parse(text.NewReader(b))
	var out [][2]int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if h, ok := n.(*ast.HTMLBlock); ok {
			if l := h.Lines(); l.Len() > 0 && (!verbatim || h.HTMLBlockType <= ast.HTMLBlockType5) && (nested || h.Parent() == doc) {
				end := l.At(l.Len() - 1).Stop
				if h.HasClosure() {
					end = max(end, h.ClosureLine.Stop)
				}
				out = append(out, [2]int{l.At(0).Start, end})
			}
			return ast.WalkSkipChildren, nil
		}
		if n != doc && !nested {
			return ast.WalkSkipChildren, nil // a top-level block of another kind
		}
		return ast.WalkContinue, nil
	})
	return out
}

// strikethroughParser reads strikethroughs and web addresses as GFM does,
// made once.
var strikethroughParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.Linkify)).Parser()
})

// SingleTildes returns the offsets in src of the tildes that open and
// close a strikethrough of one tilde each (~text~), as GFM reads them:
// what kramdown and older Hugos showed as text. A web address is read
// as netjournal reads it, a link (its tildes are the address's).
func SingleTildes(src string) []int {
	b := []byte(src)
	doc := strikethroughParser().Parse(text.NewReader(b))
	var out []int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != extast.KindStrikethrough {
			return ast.WalkContinue, nil
		}
		first, last := n.FirstChild(), n.LastChild()
		ft, ok1 := first.(*ast.Text)
		lt, ok2 := last.(*ast.Text)
		if !ok1 || !ok2 {
			return ast.WalkContinue, nil
		}
		open, close := ft.Segment.Start-1, lt.Segment.Stop
		if open < 0 || close >= len(b) || b[open] != '~' || b[close] != '~' {
			return ast.WalkContinue, nil
		}
		if (open > 0 && b[open-1] == '~') || (close+1 < len(b) && b[close+1] == '~') {
			return ast.WalkContinue, nil // ~~…~~
		}
		out = append(out, open, close)
		return ast.WalkContinue, nil
	})
	return out
}

// HeadingIDs returns the id r gives each heading of src, in order, its
// text, its source (its last line as written, less its marks and its
// container's: what Hugo's and kramdown's ids are made of), and the
// 0-based line each begins on: for the importers, which rewrite the
// links to an id an old site gave a heading.
func (r *Renderer) HeadingIDs(src string) (ids, texts, sources []string, lines []int) {
	b, doc, _ := r.parseRefs(src)
	at := newLineIndex(b)
	used := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		text := plain(h, b)
		ids, texts = append(ids, uniqueID(HeadingID(text), used)), append(texts, text)
		line, source := -1, ""
		if n := h.Lines().Len(); n > 0 {
			line = at.line(h.Lines().At(0).Start)
			last := h.Lines().At(n - 1)
			source = string(bytes.TrimSpace(last.Value(b)))
		}
		sources = append(sources, source)
		lines = append(lines, line)
		return ast.WalkSkipChildren, nil
	})
	return ids, texts, sources, lines
}

// TextRuns returns the runs of text of src as Hugo's Markdown reads it
// (CommonMark with GitHub's tables, strikethrough and bare links,
// footnotes and definition lists): each run the segments [start, end) of
// the text nodes side by side in one element, which a page's script that
// reads its text (MathJax's $…$) sees as one piece of text. Code, raw
// HTML, link destinations and titles, an image's text and autolinks are
// in none.
func TextRuns(src string) [][][2]int {
	b := []byte(src)
	doc := hugoParser().Parse(text.NewReader(b))
	var runs [][][2]int
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		var run [][2]int
		flush := func() {
			if len(run) > 0 {
				runs = append(runs, run)
				run = nil
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				if s := c.Segment; s.Stop > s.Start {
					run = append(run, [2]int{s.Start, s.Stop})
				}
			case *ast.Image, *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
				flush()
			default:
				flush()
				walk(c)
			}
		}
		flush()
	}
	walk(doc)
	return runs
}

// TopLevelParagraphs returns where the paragraphs of src that are the
// document's own (in no list, quote or footnote) are, as Hugo's Markdown
// reads src: from their first line's text to their last line's end, its
// newline and all.
func TopLevelParagraphs(src string) [][2]int {
	b := []byte(src)
	doc := hugoParser().Parse(text.NewReader(b))
	var out [][2]int
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if p, ok := c.(*ast.Paragraph); ok && p.Lines().Len() > 0 {
			lines := p.Lines()
			out = append(out, [2]int{lines.At(0).Start, lines.At(lines.Len() - 1).Stop})
		}
	}
	return out
}

// SoftBreaks returns where each soft line break of src is, as Hugo reads
// it by default: the offset of the line's end (its "\r\n" or "\n") after
// a line of text that the next line's text goes on, in a paragraph, a
// list item or a quote (not in code, nor raw HTML).
func SoftBreaks(src string) []int {
	b := []byte(src)
	doc := hugoParser().Parse(text.NewReader(b))
	var out []int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering && t.SoftLineBreak() {
			if i := strings.IndexByte(src[t.Segment.Stop:], '\n'); i >= 0 {
				at := t.Segment.Stop + i
				if at > 0 && src[at-1] == '\r' {
					at--
				}
				out = append(out, at)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// hugoParser is a parser of Markdown as Hugo reads it by default, made
// once.
var hugoParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList)).Parser()
})

// DollarMath returns where the $…$ math of src is, its delimiters and all,
// as Hugo reads it when its passthrough extension is given $…$ (and
// $$…$$) as delimiters: raw, never Markdown (a * in it is no emphasis),
// outside code.
func DollarMath(src string) [][2]int {
	b := []byte(src)
	doc := dollarParser().Parse(text.NewReader(b))
	var out [][2]int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.(*passthrough.PassthroughInline); ok && entering && m.Delimiters != nil && m.Delimiters.Open == "$" {
			out = append(out, [2]int{m.Segment.Start, m.Segment.Stop})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// dollarParser is hugoParser with Hugo's passthrough of $…$ and $$…$$.
var dollarParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList,
		passthrough.New(passthrough.Config{
			InlineDelimiters: []passthrough.Delimiters{{Open: "$$", Close: "$$"}, {Open: "$", Close: "$"}},
			BlockDelimiters:  []passthrough.Delimiters{{Open: "$$", Close: "$$"}},
		}))).Parser()
})
