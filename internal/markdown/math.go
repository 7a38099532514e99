package markdown

import (
	"bytes"
	"strings"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Math between $$ (kramdown's math, which Jekyll blogs write, and
// MathJax's and KaTeX's display math) is kept as written, for a theme's
// MathJax or KaTeX to set: read as Markdown, its underscores were
// emphasis and its \\ (LaTeX's line break) an escaped backslash. As
// kramdown has it, math that is a paragraph's whole text is a block of
// its own (display math, written between \[ and \], in <div
// class="math">), and math within a paragraph's text is inline (between
// \( and \), in <span class="math">): the delimiters MathJax and KaTeX
// both find by default. Not \( nor \[ in a body (a writer's escaped
// bracket, \[1\], is text), nor a lone $ (a price).
var mathDelimiters = []passthrough.Delimiters{{Open: "$$", Close: "$$"}}

// mathMarkdown is the passthrough extension reading $$ math as inline
// nodes; mathBlocks makes a block of a paragraph that is one alone.
var mathMarkdown = passthrough.New(passthrough.Config{InlineDelimiters: mathDelimiters})

// mathBlocks makes a paragraph whose whole text is math a block of its
// own, a PassthroughBlock holding the math, and notes the text of each
// math (mathText). It runs before the passthrough extension's own
// transformer, which makes every paragraph with math anew without its
// lines, where a quote's > and a list item's indent are told apart from
// the math's text.
type mathBlocks struct{}

// mathTextAttr is the attribute that holds the text of a math node.
var mathTextAttr = []byte("netjournal-math")

func (mathBlocks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte(mathDelimiters[0].Open)) {
		return // no math: not a walk of every body
	}
	var sole []*ast.Paragraph
	var alt []*passthrough.PassthroughInline
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.(*passthrough.PassthroughInline); ok && entering {
			m.SetAttribute(mathTextAttr, linesText(m, src))
			if inImage(m) {
				alt = append(alt, m)
			}
		}
		if p, ok := n.(*ast.Paragraph); ok && entering && soleMath(p, src) != nil {
			sole = append(sole, p)
		}
		return ast.WalkContinue, nil
	})
	// An image's alt is text: its math as written (its renderer writes
	// the text of an image's children, and math has none).
	for _, m := range alt {
		// As written: on one line, the source's text, whose line a
		// warning of the image names; over lines, without a quote's >
		// or a list's indent.
		var text ast.Node = ast.NewTextSegment(m.Segment)
		if bytes.IndexByte(m.Segment.Value(src), '\n') >= 0 {
			text = ast.NewString([]byte(m.Delimiters.Open + string(linesText(m, src)) + m.Delimiters.Close))
		}
		m.Parent().ReplaceChild(m.Parent(), m, text)
	}
	for _, p := range sole {
		m := soleMath(p, src)
		b := &passthrough.PassthroughBlock{Delimiters: m.Delimiters}
		b.AppendChild(b, m) // taken from p
		p.Parent().ReplaceChild(p.Parent(), p, b)
	}
}

// linesText is the source of m, but for what the block it is in does not
// hold of its lines (a quote's >, a list item's indent), without its
// delimiters.
func linesText(m *passthrough.PassthroughInline, src []byte) []byte {
	v := m.Segment.Value(src)
	for n := m.Parent(); n != nil; n = n.Parent() {
		if n.Type() != ast.TypeBlock { // an inline's Lines panics
			continue
		}
		lines := n.Lines()
		if lines == nil || lines.Len() == 0 {
			continue
		}
		var b []byte
		for i := 0; i < lines.Len(); i++ {
			l := lines.At(i)
			if from, to := max(l.Start, m.Segment.Start), min(l.Stop, m.Segment.Stop); from < to {
				b = append(b, src[from:to]...)
			}
		}
		v = b
		break
	}
	if d := m.Delimiters; d != nil && len(v) >= len(d.Open)+len(d.Close) {
		v = v[len(d.Open) : len(v)-len(d.Close)]
	}
	return v
}

// inImage reports whether n is in an image's description.
func inImage(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindImage {
			return true
		}
	}
	return false
}

// soleMath returns the math that is p's whole text, or nil.
func soleMath(p *ast.Paragraph, src []byte) *passthrough.PassthroughInline {
	var math *passthrough.PassthroughInline
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *passthrough.PassthroughInline:
			if math != nil {
				return nil
			}
			math = c
		case *ast.Text:
			if len(strings.TrimSpace(string(c.Segment.Value(src)))) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	return math
}

// mathText is the math of m, without its delimiters, as mathBlocks
// noted it.
func mathText(m *passthrough.PassthroughInline, src []byte) []byte {
	if v, ok := m.AttributeString(string(mathTextAttr)); ok {
		if b, ok := v.([]byte); ok {
			return b
		}
	}
	return linesText(m, src)
}

// mathRenderer writes math as text, escaped, never raw HTML: the
// passthrough extension's own renderers write it as it is, where
// "$$<script>…$$" would be a script.
type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(passthrough.KindPassthroughBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.FirstChild().(*passthrough.PassthroughInline); ok && entering {
			_, _ = w.WriteString(`<div class="math">\[`)
			_, _ = w.Write(util.EscapeHTML(mathText(m, src)))
			_, _ = w.WriteString("\\]</div>\n")
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(passthrough.KindPassthroughInline, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="math">\(`)
			_, _ = w.Write(util.EscapeHTML(mathText(n.(*passthrough.PassthroughInline), src)))
			_, _ = w.WriteString(`\)</span>`)
		}
		return ast.WalkSkipChildren, nil
	})
}
