package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"go.abhg.dev/goldmark/wikilink"
)

// lineIndex finds the 0-based line of a byte offset in a body. Counting
// the newlines from the body's start for each wikilink, link or piece of
// raw HTML made a body of many of them quadratic: a 2.8 MB journal page of
// 30,000 wikilinks took 1.6 s to prepare, one of twice that 6 s. A short
// body is still counted (nothing to allocate); a long one has the
// offsets of its newlines found once, at the first question, and searched.
type lineIndex struct {
	src  []byte
	nl   []int // offsets of src's newlines, once made
	made bool

	// The plain text of the last block around wikilinks that around
	// was asked of, and where each of its wikilinks' text is in it:
	// made once a block, not once a wikilink (a paragraph of 2,000 lines
	// with a wikilink on each took 5 s).
	block ast.Node
	text  string
	marks []markAt
	next  int // the mark after the last one asked: they are asked in order
}

// indexFrom is the length from which a body's newlines are indexed.
const indexFrom = 16 << 10

func newLineIndex(src []byte) *lineIndex { return &lineIndex{src: src} }

// line is the 0-based line of the byte at off: the newlines before it.
func (x *lineIndex) line(off int) int {
	if len(x.src) < indexFrom {
		return bytes.Count(x.src[:off], []byte("\n"))
	}
	if !x.made {
		x.made = true
		x.nl = make([]int, 0, bytes.Count(x.src, []byte("\n")))
		for i := 0; ; i++ {
			j := bytes.IndexByte(x.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j
			x.nl = append(x.nl, i)
		}
	}
	return sort.SearchInts(x.nl, off)
}

// around returns the plain text of the block that holds the wikilink w
// (plainAround), and where w's text starts and ends in it (both 0 for
// one the block does not show); ok is false for a wikilink in no block.
func (x *lineIndex) around(w *wikilink.Node) (text string, start, end int, ok bool) {
	block := w.Parent()
	for block != nil && block.Type() != ast.TypeBlock {
		block = block.Parent()
	}
	if block == nil {
		return "", 0, 0, false
	}
	if block != x.block {
		x.block, x.marks, x.next = block, x.marks[:0], 0
		x.text = plainAround(block, &x.marks, x.src)
	}
	for _, k := range [][2]int{{x.next, len(x.marks)}, {0, min(x.next, len(x.marks))}} {
		for i := k[0]; i < k[1]; i++ {
			if m := x.marks[i]; m.node == w {
				x.next = i + 1
				return x.text, m.start, m.end, true
			}
		}
	}
	// In what the block does not show (a hidden element's): its context
	// is the block's text from its start, as it was.
	return x.text, 0, 0, true
}
