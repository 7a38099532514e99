package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/page"
)

// A build in a new process checked every page's links again, though a
// page whose links and targets did not change has the warnings it had: a
// sixth of a build after an edit. The warnings of a streamed build's check
// are kept in the cache's folder, with exactly what they depend on (as
// lastCheck keeps them for a rebuild in memory): the base URL and path,
// the targets reported at bodies, the names of every file of both sites,
// and each page's key and ids. A page of the next build with the same key
// (so the same links) has the same warnings when all of those are the same
// but for pages whose ids stayed the same. It is a memo of a function of
// those alone, right whatever the output folders hold.

// linkStateFile is the file of the cache's folder that keeps them.
const linkStateFile = "linkcheck"

// linkState is what a check found, and what that depends on.
type linkState struct {
	sums  [sha256.Size]byte // of the base URL and path, the reported targets, the files' names
	pages map[string]pageState
}

// pageState is one page's part of a check: its key (zero: not kept by
// one), a digest of its ids, and its warnings.
type pageState struct {
	key   page.Key
	ids   [sha256.Size]byte
	warns content.ErrorList
}

// linkSums is the digest of what a check depends on besides the pages:
// the base URL and path, the targets reported at bodies, and the sorted
// names of every file of each site.
func linkSums(abs, base string, reported map[string]bool, public, private []string) [sha256.Size]byte {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	str := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	list := func(l []string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(l)))])
		for _, s := range l {
			str(s)
		}
	}
	str(abs)
	str(base)
	list(slices.Sorted(maps.Keys(reported)))
	list(public)
	list(private)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// idsSum is the digest of a page's ids.
func idsSum(ids idSet) [sha256.Size]byte {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, id := range ids { // in order, each once
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(id)))])
		h.Write([]byte(id))
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

const linkStateMagic = "netjournal link check 2\n"

// encode encodes the state, with a SHA-256 of it all at its end.
func (s *linkState) encode() []byte {
	var b bytes.Buffer
	encodeLinkState(&b, s.sums, len(s.pages), s.each) // a Buffer's writes do not fail
	return b.Bytes()
}

// each calls add with each page, in the order of their names.
func (s *linkState) each(add func(name string, p pageState)) bool {
	for _, name := range slices.Sorted(maps.Keys(s.pages)) {
		add(name, s.pages[name])
	}
	return true
}

// encodeLinkState writes to w the state of sums whose n pages each hands
// to add, as they come: at 100,000 posts the state of a check is 20 MB,
// and making it whole (its map, its sorted names, its encoding grown by
// doubling) was the largest part of a build's memory at its end. The
// state ends with a SHA-256 of all before it. It fails if each does
// (returns false) or hands other than n pages.
func encodeLinkState(w io.Writer, sums [sha256.Size]byte, n int, each func(add func(name string, p pageState)) bool) error {
	e := newRecordWriter(w, linkStateMagic)
	if err := encodeLinkRecords(e, sums, n, each); err != nil {
		return err
	}
	return e.close()
}

// encodeLinkRecords writes the records of encodeLinkState to e.
func encodeLinkRecords(e *recordWriter, sums [sha256.Size]byte, n int, each func(add func(name string, p pageState)) bool) error {
	e.bytes(sums[:])
	e.uvarint(n)
	e.end()
	count := 0
	if !each(func(name string, p pageState) {
		e.str(name)
		e.bytes(p.key[:])
		e.bytes(p.ids[:])
		e.uvarint(len(p.warns))
		for _, w := range p.warns {
			e.str(w.Pos.Path)
			e.varint(w.Pos.Line)
			e.str(w.Msg)
		}
		e.end()
		count++
	}) {
		return errors.New("link state abandoned")
	}
	if count != n {
		return fmt.Errorf("link state of %d pages, not %d", count, n)
	}
	return nil
}

// decodeLinkState decodes what encode wrote; nil if anything is amiss.
func decodeLinkState(b []byte) *linkState {
	d := readRecords(b, linkStateMagic)
	if d == nil {
		return nil
	}
	s := &linkState{pages: map[string]pageState{}}
	s.sums = d.sum()
	for n := d.uvarint(); n > 0 && d.ok; n-- {
		name := d.str()
		p := pageState{key: d.sum(), ids: d.sum()}
		for w := d.uvarint(); w > 0 && d.ok; w-- {
			path := d.str()
			line := d.varint()
			p.warns = append(p.warns, &content.Error{Pos: content.Position{Path: path, Line: line}, Msg: d.str()})
		}
		s.pages[name] = p
	}
	if !d.done() {
		return nil
	}
	return s
}

// readLinkState reads the state kept at p; nil if there is none whole.
func readLinkState(p string) *linkState {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	return decodeLinkState(b)
}

// write keeps the state at p, whole or not at all.
func (s *linkState) write(p string) { writeLinkState(p, s.sums, len(s.pages), s.each) }

// writeLinkState keeps at p, whole or not at all, the state that
// encodeLinkState writes. A state that cannot be written costs the next
// build its reuse, not its warnings.
func writeLinkState(p string, sums [sha256.Size]byte, n int, each func(add func(name string, p pageState)) bool) {
	writeRecords(p, linkStateMagic, func(e *recordWriter) error { return encodeLinkRecords(e, sums, n, each) })
}
