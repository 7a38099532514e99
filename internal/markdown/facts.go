package markdown

// What a body says of itself — its wikilinks, its links, what of its raw
// HTML is not kept — is wanted by every audience before its HTML or text
// is (the journal's backlinks, the link check, a Later's key), and of
// most bodies nothing else is, on a build after an edit. It is kept on
// disk apart from the prepared body, a fraction of its size: reading the
// whole prepared body for it, three times a build, was a tenth of an
// edited build's CPU.

// facts is what a prepared body says of itself, without its holes.
type facts struct {
	wikilinks []Wikilink
	links     []LinkUse
	errs      []LineError // the prepared body's own: a Later with any is made at once
	removed   []LineError
	fallback  bool
	control   bool
}

// factsOf are the facts of p.
func factsOf(p *prepared) *facts {
	return &facts{wikilinks: p.wikilinks, links: p.links, errs: p.errs, removed: p.removed, fallback: p.fallback, control: p.control}
}

// facts returns the facts of src: remembered, or found by preparing it.
// They are remembered as the prepared body is, and forgotten with it
// (Forget, Drop).
func (r *Renderer) facts(src Source) *facts {
	key := r.sourceKey("f", src)
	if v, ok := r.memo.get(key); ok {
		f := v.(*facts)
		r.links.Put(r.sourceKey("p", src), f.links)
		return f
	}
	p, kept := r.prepared(src)
	f := factsOf(p)
	if kept {
		r.memo.put(key, f)
	}
	return f
}
