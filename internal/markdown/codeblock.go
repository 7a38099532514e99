package markdown

import (
	"bufio"
	"bytes"
	"io"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeBlocks renders fenced code through chroma once per distinct block:
// highlighting is the costliest part of rendering, and a post's blocks are
// the same in the blog, the wiki and every rebuild.
type codeBlocks struct {
	inner renderer.NodeRendererFunc
	mu    sync.Mutex
	cache map[string][]byte

	// The formatter and style of a plain fenced block (a language, no
	// {attributes}): goldmark-highlighting makes a formatter per block,
	// and each works out the style's classes again, which cost more than
	// the highlighting itself. Blocks with attributes go to inner.
	formatter *chromahtml.Formatter
	style     *chroma.Style
}

func newCodeBlocks(opts ...highlighting.Option) *codeBlocks {
	c := &codeBlocks{
		cache:     map[string][]byte{},
		formatter: chromahtml.New(chromaOptions...),
		style:     styles.Get("github"), // goldmark-highlighting's default
	}
	highlighting.NewHTMLRenderer(opts...).RegisterFuncs(capture(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == ast.KindFencedCodeBlock {
			c.inner = f
		}
	}))
	return c
}

// capture is a registerer that hands each registration to a function.
type capture func(ast.NodeKind, renderer.NodeRendererFunc)

func (f capture) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

func (c *codeBlocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.render)
}

func (c *codeBlocks) render(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	block := n.(*ast.FencedCodeBlock)
	var key bytes.Buffer
	key.Write(block.Language(source))
	key.WriteByte(0)
	for i := 0; i < block.Lines().Len(); i++ {
		seg := block.Lines().At(i)
		key.Write(seg.Value(source))
	}
	c.mu.Lock()
	out, ok := c.cache[key.String()]
	c.mu.Unlock()
	if !ok {
		var buf bytes.Buffer
		bw := bufio.NewWriter(&buf)
		if !c.plain(bw, source, block) {
			if _, err := c.inner(bw, source, n, true); err != nil {
				return ast.WalkStop, err
			}
		}
		bw.Flush()
		out = buf.Bytes()
		c.mu.Lock()
		if len(c.cache) > 100000 {
			c.cache = map[string][]byte{} // bound a long watch session
		}
		c.cache[key.String()] = out
		c.mu.Unlock()
	}
	w.Write(out)
	return ast.WalkSkipChildren, nil
}

// chromaOptions are the chroma formatter's settings, highlightOptions the
// settings of every code block.
var chromaOptions = []chromahtml.Option{chromahtml.WithClasses(true)}

var highlightOptions = []highlighting.Option{
	highlighting.WithFormatOptions(chromaOptions...),
	highlighting.WithGuessLanguage(false),
}

// plain highlights a block with a known language and no attributes with
// the one shared formatter, exactly as goldmark-highlighting would with a
// formatter of its own, and reports whether it did.
func (c *codeBlocks) plain(w io.Writer, source []byte, block *ast.FencedCodeBlock) bool {
	if block.Attributes() != nil {
		return false
	}
	if block.Info != nil && bytes.IndexByte(block.Info.Segment.Value(source), '{') >= 0 {
		return false
	}
	language := block.Language(source)
	if language == nil {
		return false
	}
	lexer := lexers.Get(string(language))
	if lexer == nil {
		return false
	}
	var code bytes.Buffer
	for i := 0; i < block.Lines().Len(); i++ {
		line := block.Lines().At(i)
		code.Write(line.Value(source))
	}
	iterator, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err != nil {
		return false
	}
	c.formatter.Format(w, c.style, iterator)
	return true
}
