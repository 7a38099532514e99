package markdown

import (
	"bufio"
	"bytes"
	"sync"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
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
}

func newCodeBlocks(opts ...highlighting.Option) *codeBlocks {
	c := &codeBlocks{cache: map[string][]byte{}}
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
		if _, err := c.inner(bw, source, n, true); err != nil {
			return ast.WalkStop, err
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

// highlightOptions are the chroma settings of every code block.
var highlightOptions = []highlighting.Option{
	highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
	highlighting.WithGuessLanguage(false),
}
