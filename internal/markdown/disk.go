package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"

	"github.com/netjournal/netjournal/internal/diskcache"
)

// The renderer's results are kept on disk between runs (Renderer.UseDisk),
// by a hash of what they are computed from: the memo's key, which holds
// the source and the resolution of every wikilink in it. The encoding is
// this file's own, versioned by the key's prefix; the cache checks what it
// returns, and a value that does not decode whole is not used.

func diskKey(memoKey string) diskcache.Key {
	h := sha256.New()
	h.Write([]byte("netjournal markdown v2\x00"))
	h.Write([]byte(memoKey))
	var k diskcache.Key
	h.Sum(k[:0])
	return k
}

// encode encodes a memo value: a Result, or the wikilinks or links of a
// source.
func encode(v any) ([]byte, bool) {
	var w writer
	switch v := v.(type) {
	case Result:
		w.str(v.HTML)
		w.str(v.Sum)
		w.wikilinks(v.Wikilinks)
		w.links(v.Links)
		w.str(v.Summary)
		w.str(v.Text)
		w.int(v.Words)
		w.int(len(v.Errors))
		for _, e := range v.Errors {
			w.int(e.Line)
			w.str(e.Err.Error()) // only its message is ever shown
		}
		w.int(len(v.Unrendered))
		for _, l := range v.Unrendered {
			w.int(l)
		}
		w.int(len(v.Slips))
		for _, s := range v.Slips {
			w.int(s.Line)
			w.str(s.Where)
		}
	case []Wikilink:
		w.wikilinks(v)
	case []LinkUse:
		w.links(v)
	default:
		return nil, false
	}
	return w.b, true
}

// decode decodes what encode wrote, of the kind the memo key's first byte
// says: r(esult), w(ikilinks) or l(inks).
func decode(memoKey string, b []byte) (any, bool) {
	r := reader{b: b, ok: true}
	var v any
	switch memoKey[0] {
	case 'r':
		var res Result
		res.HTML, res.Sum = r.str(), r.str()
		res.Wikilinks, res.Links = r.wikilinks(), r.links()
		res.Summary, res.Text, res.Words = r.str(), r.str(), r.int()
		for n := r.count(); n > 0; n-- {
			line := r.int()
			res.Errors = append(res.Errors, LineError{Line: line, Err: errors.New(r.str())})
		}
		for n := r.count(); n > 0; n-- {
			res.Unrendered = append(res.Unrendered, r.int())
		}
		for n := r.count(); n > 0; n-- {
			line := r.int()
			res.Slips = append(res.Slips, Slip{Line: line, Where: r.str()})
		}
		v = res
	case 'w':
		v = r.wikilinks()
	case 'l':
		v = r.links()
	default:
		return nil, false
	}
	return v, r.ok && len(r.b) == 0
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

func (r *reader) bool() bool { return r.int() == 1 }

func (r *reader) wikilinks() []Wikilink {
	var out []Wikilink
	for n := r.count(); n > 0 && r.ok; n-- {
		out = append(out, Wikilink{Target: r.str(), Fragment: r.str(), Label: r.str(), Labeled: r.bool(), Embed: r.bool(), Line: r.int()})
	}
	return out
}

func (r *reader) links() []LinkUse {
	var out []LinkUse
	for n := r.count(); n > 0 && r.ok; n-- {
		out = append(out, LinkUse{Dest: r.str(), Line: r.int()})
	}
	return out
}
