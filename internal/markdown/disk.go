package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"sort"
	"unsafe"

	"github.com/netjournal/netjournal/internal/diskcache"
)

// The renderer's results are kept on disk between runs (Renderer.UseDisk),
// by a hash of what they are computed from: the memo's key, which holds
// the source and the resolution of every wikilink in it. The encoding is
// this file's own, versioned by the key's prefix; the cache checks what it
// returns, and a value that does not decode whole is not used.

func diskKey(memoKey string) diskcache.Key {
	h := sha256.New()
	h.Write([]byte("netjournal markdown v33\x00"))
	h.Write([]byte(memoKey))
	var k diskcache.Key
	h.Sum(k[:0])
	return k
}

// encode encodes a memo value that is worth keeping on disk: a body
// prepared once (see prepare.go), from which every audience's Result is
// made by filling holes, in its two halves (its HTML with its facts, and
// its texts); its facts; a post's summary and words (facts.go). Results
// themselves are kept in memory only.
func encode(v any) ([]byte, bool) { return encodeTo(nil, v) }

// encodeTo is encode, appending to b.
func encodeTo(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case *facts:
		return encodeFacts(b, v), true
	case *small:
		w := writer{b: b}
		w.str(v.summary)
		w.int(v.words)
		w.bool(v.divided)
		return w.b, true
	case *texts:
		w := writer{b: b}
		w.parts(v.summary)
		w.parts(v.text)
		w.bool(v.divided)
		w.int(v.wikilinks)
		w.int(v.dests)
		w.int(v.headings)
		return w.b, true
	}
	p, ok := v.(*prepared)
	if !ok {
		return nil, false
	}
	w := writer{b: b}
	w.lists(factsOf(p))
	w.parts(p.html) // the texts half is kept apart ('x')
	w.int(len(p.dests))
	for i, d := range p.dests {
		w.str(d)
		w.bool(p.decoded[i])
	}
	w.int(len(p.headings))
	for _, h := range p.headings {
		w.parts(h)
	}
	ids := make([]string, 0, len(p.usedIDs))
	for id := range p.usedIDs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	w.int(len(ids))
	for _, id := range ids {
		w.str(id)
	}
	w.bool(p.fallback)
	w.bool(p.rawRelative)
	w.bool(p.control)
	return w.b, true
}

// encodeFacts encodes a body's facts (facts.go): its lists, as a
// prepared body's encoding begins, and its flags.
func encodeFacts(b []byte, f *facts) []byte {
	w := writer{b: b}
	w.lists(f)
	w.bool(f.fallback)
	w.bool(f.rawRelative)
	w.bool(f.control)
	return w.b
}

func decodeFacts(b []byte) (any, bool) {
	r := reader{b: b, ok: true}
	f := &facts{}
	r.lists(f)
	f.fallback = r.bool()
	f.rawRelative = r.bool()
	f.control = r.bool()
	return f, r.ok && len(r.b) == 0
}

// decode decodes what encode wrote, by the kind of its memo key: a
// prepared body's HTML half ('p') and texts half ('x'), its facts ('f'),
// a summary ('s'). It keeps b: the
// caller must not change it after.
func decode(memoKey string, b []byte) (any, bool) {
	switch memoKey[0] {
	case 'f':
		return decodeFacts(b)
	case 's':
		r := reader{b: b, ok: true}
		s := &small{summary: r.str(), words: r.int(), divided: r.bool()}
		return s, r.ok && len(r.b) == 0
	case 'x':
		return decodeTexts(b)
	}
	if memoKey[0] != 'p' {
		return nil, false
	}
	r := reader{b: b, ok: true}
	var f facts
	r.lists(&f)
	p := &prepared{
		wikilinks: f.wikilinks, links: f.links, webNames: f.webNames, slips: f.slips, unrendered: f.unrendered,
		errs: f.errs, removed: f.removed, usedIDs: map[string]bool{},
	}
	p.html = r.parts()
	for n := r.count(); n > 0 && r.ok; n-- {
		p.dests = append(p.dests, r.str())
		p.decoded = append(p.decoded, r.bool())
	}
	for n := r.count(); n > 0 && r.ok; n-- {
		p.headings = append(p.headings, r.parts())
	}
	for n := r.count(); n > 0 && r.ok; n-- {
		p.usedIDs[r.str()] = true
	}
	p.fallback = r.bool()
	p.rawRelative = r.bool()
	p.control = r.bool()
	// Every hole must have its value: a hole past the ends would panic
	// when filled.
	if !holesFit(append([][]part{p.html}, p.headings...), len(p.wikilinks), len(p.dests), len(p.headings)) {
		return nil, false
	}
	return p, r.ok && len(r.b) == 0
}

// decodeTexts decodes the texts half of a prepared body.
func decodeTexts(b []byte) (any, bool) {
	r := reader{b: b, ok: true}
	t := &texts{summary: r.parts(), text: r.parts(), divided: r.bool()}
	t.wikilinks, t.dests, t.headings = r.int(), r.int(), r.int()
	if !holesFit([][]part{t.summary, t.text}, t.wikilinks, t.dests, t.headings) {
		return nil, false
	}
	return t, r.ok && len(r.b) == 0
}

// holesFit reports whether every hole of lists has its value in a body
// with these numbers of wikilinks, destinations and headings: a hole past
// the ends would panic when filled.
func holesFit(lists [][]part, wikilinks, dests, headings int) bool {
	for _, ps := range lists {
		for _, x := range ps {
			switch {
			case x.kind == 0:
			case x.kind == 'W' && x.i < wikilinks, x.kind == 'D' && x.i < dests,
				(x.kind == 'H' || x.kind == 'A') && x.i < headings:
			default:
				return false
			}
			if x.i < 0 {
				return false
			}
		}
	}
	return true
}

type writer struct{ b []byte }

func (w *writer) int(n int)    { w.b = binary.AppendVarint(w.b, int64(n)) }
func (w *writer) str(s string) { w.int(len(s)); w.b = append(w.b, s...) }
func (w *writer) bool(t bool) {
	if t {
		w.int(1)
	} else {
		w.int(0)
	}
}

func (w *writer) wikilinks(ls []Wikilink) {
	w.int(len(ls))
	for _, l := range ls {
		w.str(l.Target)
		w.str(l.Fragment)
		w.str(l.Label)
		w.bool(l.Labeled)
		w.bool(l.Embed)
		w.int(l.Line)
		w.str(l.Before)
		w.str(l.After)
	}
}

// lists writes a body's lists, which its prepared form and its facts
// both hold first.
func (w *writer) lists(f *facts) {
	w.wikilinks(f.wikilinks)
	w.links(f.links)
	w.int(len(f.webNames))
	for _, h := range f.webNames {
		w.b = binary.LittleEndian.AppendUint64(w.b, h)
	}
	w.int(len(f.slips))
	for _, s := range f.slips {
		w.int(s.Line)
		w.str(s.Where)
	}
	w.int(len(f.unrendered))
	for _, l := range f.unrendered {
		w.int(l)
	}
	for _, list := range [][]LineError{f.errs, f.removed} {
		w.int(len(list))
		for _, e := range list {
			w.int(e.Line)
			w.str(e.Err.Error()) // only its message is ever shown
		}
	}
}

func (w *writer) parts(ps []part) {
	w.int(len(ps))
	for _, p := range ps {
		w.int(int(p.kind))
		if p.kind == 0 {
			w.str(p.lit)
		} else {
			w.int(p.i)
		}
	}
}

func (w *writer) links(ls []LinkUse) {
	w.int(len(ls))
	for _, l := range ls {
		w.str(l.Dest)
		w.int(l.Line)
	}
}

// reader reads what writer wrote; once anything is amiss, ok is false
// and every read returns zero.
type reader struct {
	b  []byte
	ok bool
}

func (r *reader) int() int {
	n, k := binary.Varint(r.b)
	if k <= 0 {
		r.ok, r.b = false, nil
		return 0
	}
	r.b = r.b[k:]
	return int(n)
}

// count reads a length, which cannot be more than the bytes left.
func (r *reader) count() int {
	n := r.int()
	if n < 0 || n > len(r.b)+1 {
		r.ok, r.b = false, nil
		return 0
	}
	return n
}

func (r *reader) str() string {
	n := r.count()
	if !r.ok || n > len(r.b) {
		r.ok, r.b = false, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// lit is str for the literal text of a part, which shares the bytes
// read from the disk instead of copying them: nothing else holds or
// changes those bytes (diskcache.Get makes them for the caller), and a
// part's text is only ever copied out of (fill), so that no string made
// from a body keeps them. A body read back for each audience is then
// one copy, not two.
func (r *reader) lit() string {
	n := r.count()
	if !r.ok || n > len(r.b) {
		r.ok, r.b = false, nil
		return ""
	}
	s := unsafe.String(unsafe.SliceData(r.b), n)
	r.b = r.b[n:]
	return s
}

func (r *reader) bool() bool { return r.int() == 1 }

// lists reads what writer.lists wrote into f.
func (r *reader) lists(f *facts) {
	f.wikilinks, f.links = r.wikilinks(), r.links()
	for n := r.count(); n > 0 && r.ok; n-- {
		if len(r.b) < 8 {
			r.ok, r.b = false, nil
			break
		}
		f.webNames = append(f.webNames, binary.LittleEndian.Uint64(r.b))
		r.b = r.b[8:]
	}
	for n := r.count(); n > 0 && r.ok; n-- {
		line := r.int()
		f.slips = append(f.slips, Slip{Line: line, Where: r.str()})
	}
	for n := r.count(); n > 0 && r.ok; n-- {
		f.unrendered = append(f.unrendered, r.int())
	}
	for _, list := range []*[]LineError{&f.errs, &f.removed} {
		for n := r.count(); n > 0 && r.ok; n-- {
			line := r.int()
			*list = append(*list, LineError{Line: line, Err: errors.New(r.str())})
		}
	}
}

func (r *reader) wikilinks() []Wikilink {
	var out []Wikilink
	for n := r.count(); n > 0 && r.ok; n-- {
		out = append(out, Wikilink{Target: r.str(), Fragment: r.str(), Label: r.str(), Labeled: r.bool(), Embed: r.bool(), Line: r.int(), Before: r.str(), After: r.str()})
	}
	return out
}

func (r *reader) parts() []part {
	var out []part
	for n := r.count(); n > 0 && r.ok; n-- {
		k := r.int()
		if k < 0 || k > 255 {
			r.ok, r.b = false, nil
			return nil
		}
		if k == 0 {
			out = append(out, part{lit: r.lit()})
		} else {
			out = append(out, part{kind: byte(k), i: r.int()})
		}
	}
	return out
}

// links reads a body's links, their destinations cut from one string of
// them all: a build holds every body's links until its link check, and a
// string for each was a tenth of the objects of the heap of 100,000 posts
// that the collector went through again and again.
func (r *reader) links() []LinkUse {
	n := r.count()
	if n <= 0 || !r.ok {
		return nil
	}
	out := make([]LinkUse, 0, min(n, len(r.b)))
	var dests []byte
	ends := make([]int, 0, cap(out))
	for ; n > 0 && r.ok; n-- {
		k := r.count()
		if !r.ok || k > len(r.b) {
			r.ok, r.b = false, nil
			return nil
		}
		dests = append(dests, r.b[:k]...)
		r.b = r.b[k:]
		ends = append(ends, len(dests))
		out = append(out, LinkUse{Line: r.int()})
	}
	all := string(dests)
	start := 0
	for i, end := range ends {
		out[i].Dest = all[start:end]
		start = end
	}
	return out
}
