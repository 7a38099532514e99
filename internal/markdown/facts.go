package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"sync/atomic"

	"github.com/netjournal/netjournal/internal/diskcache"
)

// What a body says of itself — its wikilinks, its links, what of its raw
// HTML is not kept — is wanted by every audience before its HTML or text
// is (the journal's backlinks, the link check, a Later's key), and of
// most bodies nothing else is, on a build after an edit. It is kept on
// disk apart from the prepared body, a fraction of its size: reading the
// whole prepared body for it, three times a build, was a tenth of an
// edited build's CPU.

// facts is what a prepared body says of itself, without its holes.
type facts struct {
	wikilinks   []Wikilink
	links       []LinkUse
	webNames    []uint64
	slips       []Slip
	unrendered  []int
	errs        []LineError // the prepared body's own: a Later with any is made at once
	removed     []LineError
	fallback    bool
	rawRelative bool // prepared.rawRelative
	control     bool

	// halves are the keys of the prepared body's halves this facts was
	// found with, made once: a build keeps both halves on the disk for
	// every body whose facts it asks (facts), and hashing their keys
	// again (two SHA-256 for each body) was a third of the facts of a
	// rebuild after an event was added at 10,000 posts.
	halves atomic.Pointer[halfKeys]
}

// halfKeys are the keys of a prepared body's halves: its memo key ("p…"),
// and the disk's keys of it and of its texts half.
type halfKeys struct {
	of          string // the facts' memo key they were made from
	prepared    string
	html, texts diskcache.Key
}

// halvesOf returns the keys of the halves of the prepared body whose
// facts f are, found by key.
func (f *facts) halvesOf(key string) *halfKeys {
	if h := f.halves.Load(); h != nil && h.of == key {
		return h
	}
	pkey := "p" + key[1:]
	h := &halfKeys{of: key, prepared: pkey, html: diskKey(pkey), texts: diskKey(textsKey(pkey))}
	f.halves.Store(h)
	return h
}

// factsOf are the facts of p.
func factsOf(p *prepared) *facts {
	return &facts{
		wikilinks: p.wikilinks, links: p.links, webNames: p.webNames, slips: p.slips, unrendered: p.unrendered,
		errs: p.errs, removed: p.removed, fallback: p.fallback, rawRelative: p.rawRelative, control: p.control,
	}
}

// facts returns the facts of src: remembered, or found by preparing it.
// They are remembered as the prepared body is, and forgotten with it
// (Forget, Drop).
func (r *Renderer) facts(src Source) *facts {
	key := r.sourceKey("f", src)
	if v, ok := r.memo.get(key); ok {
		f := v.(*facts)
		h := f.halvesOf(key)
		r.links.Put(h.prepared, f.links)
		// The prepared body stays in the cache, unread: a page made
		// later, in this run or the next, fills it; and a cache's Commit
		// drops what a run did not use.
		r.memo.keepKey(h.html)
		r.memo.keepKey(h.texts)
		return f
	}
	p, kept := r.prepared(src, false, false)
	f := factsOf(p)
	if kept {
		r.memo.put(key, f)
	}
	return f
}

// The public view wants of every post its summary and its number of
// words, which lists and feeds show, and nothing else of its text: a
// build that renders once keeps them on disk, by what they are made from
// (Later's key), so that a build after an edit reads them and not every
// post's prepared body.

// small is what a Result with no HTML and no text holds besides the
// body's facts.
type small struct {
	summary string
	words   int
	divided bool
}

// renderSmall is Render, in a build that renders once with a disk, of
// src for parts that hold neither HTML nor text (opts.Parts). ok is false
// when it cannot be made from src's facts and what the disk keeps.
func (r *Renderer) renderSmall(src Source, opts Options) (_ Result, ok bool) {
	if opts.Key == "" || opts.Parts.has(PartHTML) || opts.Parts.has(PartText) || r.memo.diskCache() == nil {
		return Result{}, false
	}
	f := r.facts(src)
	if f.fallback || len(f.errs) > 0 {
		return Result{}, false
	}
	key, errs := appendKey([]byte("s\x00"), f.wikilinks, r.sourceKey("", src), opts)
	res := Result{
		Wikilinks: f.wikilinks, Links: f.links, Slips: f.slips, Unrendered: f.unrendered,
		Errors: errs, HTMLRemoved: f.removed,
	}
	disk := r.memo.diskCache()
	dk := diskKey(string(key))
	if b, found := disk.Get(dk); found {
		if v, ok := decode(string(key), b); ok {
			s := v.(*small)
			res.Summary, res.Words, res.Divided = s.summary, s.words, s.divided
			return res, true
		}
	}
	made := r.resolve(src, r.prepare(src, opts.Parts), opts)
	if b, ok := encode(&small{summary: made.Summary, words: made.Words, divided: made.Divided}); ok {
		disk.Put(dk, b)
	}
	return made, true
}

// Sum is a digest of what f says: two bodies of one sum give a journal
// the same (their wikilinks, with the words around them and their lines,
// what sanitizing took out, whether they hold a control character, and
// the last names of the web addresses they link to).
// A build in a new process compares a body's with the last build's.
func (f Facts) Sum() [sha256.Size]byte {
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	flag := func(v bool) {
		if v {
			num(1)
		} else {
			num(0)
		}
	}
	flag(f.Control)
	num(len(f.Wikilinks))
	for _, l := range f.Wikilinks {
		str(l.Target)
		str(l.Fragment)
		str(l.Label)
		flag(l.Labeled)
		flag(l.Embed)
		num(l.Line)
		str(l.Before)
		str(l.After)
	}
	num(len(f.Removed))
	for _, e := range f.Removed {
		num(e.Line)
		str(e.Err.Error())
	}
	flag(f.Gone != nil)
	if f.Gone != nil {
		str(f.Gone.Error())
	}
	num(len(f.WebNames))
	for _, h := range f.WebNames {
		b = binary.LittleEndian.AppendUint64(b, h)
	}
	return sha256.Sum256(b)
}
