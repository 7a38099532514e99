package markdown

import (
	"bytes"
	"sort"
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
