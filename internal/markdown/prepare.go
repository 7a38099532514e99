package markdown

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"
)

// A body is parsed and rendered once, whoever it is for. What differs
// between the blog, the wiki's pages and its search index — how each
// wikilink resolves, where root-relative links lead, and so the ids of
// headings that hold a wikilink — is left as holes in the HTML and the
// text, filled for each audience by resolve: a few string joins, not a
// parse. (Rendering once per audience parsed each body four times on
// every cold build.)

// prepared is a body rendered once, with holes.
type prepared struct {
	wikilinks  []Wikilink
	links      []LinkUse // destinations inside the site, for the link check
	webNames   []uint64  // Facts.WebNames
	slips      []Slip
	unrendered []int
	errs       []LineError
	removed    []LineError // what sanitizing took out of raw HTML

	html  []part
	dests []string // the destinations of the D holes, as written
	// decoded says, for each of dests, that it is raw HTML's, which the
	// tokenizer has decoded: its entities are not read again (attrURL).
	decoded  []bool
	headings [][]part // the text of each heading that holds a wikilink
	usedIDs  map[string]bool
	// texts is what summaries, word counts and search read: nil in a
	// body read back from the disk for its HTML alone.
	texts *texts

	// fallback is set for a body whose wikilinks sit where a hole will not
	// do (an image's alt text): it is rendered whole for each audience.
	fallback bool
	// rawRelative is set for a body whose raw HTML has a relative path
	// (<img src="pic.png">): rendered whole for an audience that has such
	// paths rewritten (Options.RawRelative), filled for the others, which
	// keep them as written.
	rawRelative bool
	control     bool // the source holds a control character
}

// texts is the plain-text half of a prepared body, kept on disk apart
// from its HTML half: the public view's summaries and word counts, and
// the wiki's search, read this half alone, and a page its HTML alone. (A
// post's HTML was two thirds of the whole, read back with it by each.)
type texts struct {
	summary, text []part
	divided       bool // the summary is the text before <!--more-->
	// The numbers of wikilinks, destinations and headings its holes
	// count in: a half read back is used only with facts that agree.
	wikilinks, dests, headings int
}

// part is a piece of literal text, or a hole: the resolution of wikilink
// i ('W'), the destination i ('D'), the id of heading i ('H') or its
// anchor ('A').
type part struct {
	lit  string
	kind byte
	i    int
}

// prepare returns src prepared, with the halves that rendering it for
// parts needs.
func (r *Renderer) prepare(src Source, parts Parts) *prepared {
	p, _ := r.prepared(src, parts.has(PartHTML), wantsTexts(parts))
	return p
}

// wantsTexts reports whether rendering for parts fills the texts half.
func wantsTexts(parts Parts) bool {
	return parts.has(PartSummary) || parts.has(PartText) || parts.has(PartWords)
}

// prepared is prepare, for the HTML half, the texts half, or both, and
// saying whether what it returns is remembered: a body whose text could
// not be read back is not. A prepared body always holds its facts.
func (r *Renderer) prepared(src Source, html, text bool) (_ *prepared, kept bool) {
	key := r.sourceKey("p", src)
	if p := r.preparedKept(src, key, html, text); p != nil {
		r.links.Put(key, p.links)
		return p, true
	}
	body, err := r.textOf(src)
	if err != nil {
		// Said where the body is shown; not remembered.
		return &prepared{errs: []LineError{{Err: err}}}, false
	}
	p := r.prepareUncached(body)
	r.memo.put(key, p) // held whole; on disk, its HTML half
	r.memo.store(textsKey(key), held{v: p.texts})
	r.links.Put(key, p.links)
	return p, true
}

// textsKey is the memo key of the texts half of the prepared body whose
// key is key.
func textsKey(key string) string { return "x" + key[1:] }

// preparedKept returns the prepared body the memo holds (key) with the
// halves asked for, or nil. A body prepared in this process is held
// whole; one read back from the disk, only by the halves asked for.
func (r *Renderer) preparedKept(src Source, key string, html, text bool) *prepared {
	if h, ok := r.memo.values.Get(key); ok && (!text || h.v.(*prepared).texts != nil) {
		r.memo.value(key) // kept on the disk
		if text {
			r.memo.keep(textsKey(key))
		}
		return h.v.(*prepared)
	}
	var t *texts
	if text {
		v, ok := r.memo.get(textsKey(key))
		if !ok {
			return nil
		}
		t = v.(*texts)
	}
	if !html {
		if t == nil {
			html = true // the facts alone: the HTML half holds them
		} else {
			f := r.facts(src)
			if !t.fits(len(f.wikilinks), -1, -1) {
				return nil
			}
			return &prepared{
				wikilinks: f.wikilinks, links: f.links, slips: f.slips, unrendered: f.unrendered,
				errs: f.errs, removed: f.removed, fallback: f.fallback, rawRelative: f.rawRelative, control: f.control, texts: t,
			}
		}
	}
	v, ok := r.memo.get(key)
	if !ok {
		return nil
	}
	p := v.(*prepared)
	if t != nil && p.texts == nil {
		if !t.fits(len(p.wikilinks), len(p.dests), len(p.headings)) {
			return nil
		}
		whole := *p
		whole.texts = t
		p = &whole
	}
	return p
}

// fits reports whether t is the texts half of a body with these numbers
// of wikilinks, destinations and headings (-1: not known).
func (t *texts) fits(wikilinks, dests, headings int) bool {
	return t.wikilinks == wikilinks && (dests < 0 || t.dests == dests) && (headings < 0 || t.headings == headings)
}

func (r *Renderer) prepareUncached(src string) *prepared {
	b, doc, refs := r.parseRefs(src)
	p := &prepared{usedIDs: map[string]bool{}}
	_, p.control = Control(src)
	var htmlNodes []ast.Node
	more := beforeMore(doc, b) // sanitizing takes the comment out
	at := newLineIndex(b)
	p.removed, htmlNodes = r.html.sanitize(doc, b, at)
	wikis, links, headings, autos := collect(doc)
	for _, w := range wikis {
		for a := w.Parent(); a != nil; a = a.Parent() {
			if a.Kind() == ast.KindImage {
				p.fallback = true
			}
		}
	}
	p.slips = slips(doc, htmlNodes, links, refs, b, at)
	var webs []string // raw HTML's web addresses
	for _, w := range wikis {
		p.wikilinks = append(p.wikilinks, describe(w, b, at))
	}
	for _, n := range links {
		if dest := destination(n); checked(dest) {
			p.links = append(p.links, LinkUse{Dest: dest, Line: lineOf(n, b, at)})
		}
	}
	rawLinks(doc, b, at, func(dest string, line int) string {
		p.links = append(p.links, LinkUse{Dest: rawDest(dest), Line: line})
		if !RootPath(dest) && rewritable(dest) {
			// A relative path in raw HTML, which an audience may have
			// rewritten (RawRelative): the tag is written anew for it,
			// and as written for the others.
			p.rawRelative = true
		}
		return ""
	}, func(dest string, _ int) { webs = append(webs, dest) })
	p.webNames = webNames(links, autos, webs, b)
	p.unrendered = unrendered(doc, b, at)
	if p.fallback {
		// Rendered whole for each audience: nothing of it is filled.
		p.texts = &texts{wikilinks: len(p.wikilinks)}
		return p
	}

	// Holes are marked with a nonce of this call's: text a body cannot
	// hold, which HTML escaping and URL escaping leave as it is.
	var nonce [12]byte
	rand.Read(nonce[:])
	mark := "njhole" + hex.EncodeToString(nonce[:])
	hole := func(kind byte, i int) string { return mark + string(kind) + strconv.Itoa(i) + "z" }

	for _, n := range links {
		if dest := destination(n); rewritable(dest) {
			setDestination(n, hole('D', len(p.dests)))
			p.dests, p.decoded = append(p.dests, dest), append(p.decoded, false)
		}
	}
	rawLinks(doc, b, at, func(dest string, _ int) string {
		if !RootPath(dest) {
			return "" // raw HTML's relative links stay as written (RootPath)
		}
		p.dests, p.decoded = append(p.dests, dest), append(p.decoded, true)
		return hole('D', len(p.dests)-1)
	}, nil)
	replaced := map[ast.Node]bool{}
	for i, w := range wikis {
		s := ast.NewString([]byte(hole('W', i)))
		s.SetRaw(true)
		s.SetCode(true)
		w.Parent().ReplaceChild(w.Parent(), w, s)
		replaced[s] = true
	}
	p.usedIDs = plainIDs(headings, replaced, b)
	// The summary before <!--more--> is read before the headings have
	// their anchors, as render reads it.
	divSummary, divided := summaryBefore(doc, more, b)
	// The text too, without the "#" each heading's anchor adds.
	text := plain(doc, b)
	for _, h := range headings {
		if holds(h, replaced) {
			k := len(p.headings)
			p.headings = append(p.headings, parts(plain(h, b), mark))
			h.SetAttributeString("id", []byte(hole('H', k)))
			a := ast.NewString([]byte(hole('A', k)))
			a.SetRaw(true)
			a.SetCode(true)
			h.AppendChild(h, a)
			continue
		}
		if id, ok := h.AttributeString("id"); ok {
			h.AppendChild(h, anchor(string(id.([]byte))))
		}
	}
	p.texts = &texts{wikilinks: len(p.wikilinks), dests: len(p.dests), headings: len(p.headings)}
	if divided {
		p.texts.summary, p.texts.divided = parts(divSummary, mark), true
	} else if t := firstSummary(doc, b); t != "" {
		p.texts.summary = parts(t, mark)
	}
	html, err := r.renderString(b, doc)
	if err != nil {
		p.errs = append(p.errs, LineError{Err: fmt.Errorf("rendering Markdown: %w", err)})
	}
	if len(htmlNodes) > 0 {
		html = dropStrayEndTags(html)
	}
	p.html = parts(html, mark)
	p.texts.text = parts(text, mark)
	return p
}

// moreDivider is the line that ends a body's summary, as Hugo's does:
// what comes before it is the summary, whole.
const moreDivider = "<!--more-->"

// beforeMore returns the blocks of doc before its first <!--more-->, on a
// line of its own at the top level (an HTML block: found before the
// sanitizer takes comments out), or nil when it has none.
func beforeMore(doc ast.Node, src []byte) map[ast.Node]bool {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.HTMLBlock); ok && h.HTMLBlockType == ast.HTMLBlockType2 {
			text := h.Lines().Value(src)
			if h.HasClosure() {
				text = append(text, h.ClosureLine.Value(src)...)
			}
			if strings.TrimSpace(string(text)) == moreDivider {
				set := map[ast.Node]bool{}
				for b := doc.FirstChild(); b != c; b = b.NextSibling() {
					set[b] = true
				}
				return set
			}
		}
	}
	return nil
}

// firstSummary is the summary of a body without a divider: the text of
// its first paragraph with text, in Markdown or a <p> of raw HTML (a post
// that begins with an HTML paragraph had one from far below, and one that
// begins with an image none); in a body without either (a post imported
// from Blogger), its first text.
func firstSummary(doc ast.Node, src []byte) string {
	return firstHTMLParagraph(doc, src)
}

// summaryBefore returns the plain text of the blocks of doc that were
// before its <!--more--> (beforeMore), those the sanitizer left, a blank
// line between two; ok is false when there is no divider, or no text
// before it (a figure in raw HTML, which a summary of text cannot show):
// the summary is then the first paragraph, as without one (firstSummary).
func summaryBefore(doc ast.Node, before map[ast.Node]bool, src []byte) (summary string, ok bool) {
	if before == nil {
		return "", false
	}
	var texts []string
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if before[c] {
			if t := plain(c, src); t != "" {
				texts = append(texts, t)
			}
		}
	}
	return strings.Join(texts, "\n\n"), len(texts) > 0
}

// collect finds in doc what rendering changes: its wikilinks, links and
// images, and headings.
func collect(doc ast.Node) (wikis []*wikilink.Node, links []ast.Node, headings []*ast.Heading, autos []*ast.AutoLink) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *wikilink.Node:
			wikis = append(wikis, n)
		case *ast.Link, *ast.Image:
			links = append(links, n)
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.AutoLink:
			autos = append(autos, n)
		}
		return ast.WalkContinue, nil
	})
	return wikis, links, headings, autos
}

// RootPath reports whether a destination is a path from the site's root
// (/posts/x/, not //host/x). Of raw HTML's destinations, only those are
// given to Options.Rewrite: one relative to the page has been decoded by
// the tokenizer already, and writing it again changed the blog's bytes,
// and what some of them named (a&amp;amp;b).
func RootPath(dest string) bool {
	return strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//")
}

// Rewritable reports whether Options.Rewrite is given a destination
// written in Markdown (rewritable).
func Rewritable(dest string) bool { return rewritable(dest) }

// rewritable reports whether Options.Rewrite may change a destination: a
// path of the site, from its root (/posts/x/) or from the page (pic.png,
// ../x/), which the same body elsewhere (the wiki's copy of a post) must
// write otherwise. A URL, a fragment or a query alone is not.
func rewritable(dest string) bool {
	if strings.Contains(dest, "&") {
		// As goldmark writes it: &#109;ailto: is mailto:.
		dest = html.UnescapeString(dest)
	}
	if dest == "" || dest[0] == '#' || dest[0] == '?' || strings.HasPrefix(dest, "//") {
		return false
	}
	// A scheme (https:, mailto:) is a colon before any / ? or #.
	for i := 0; i < len(dest); i++ {
		switch dest[i] {
		case ':':
			return false
		case '/', '?', '#':
			return true
		}
	}
	return true
}

// anchor is the link a heading ends with, to itself.
func anchor(id string) ast.Node {
	a := ast.NewLink()
	a.Destination = []byte("#" + id)
	a.SetAttributeString("class", []byte("anchor"))
	a.AppendChild(a, ast.NewString([]byte("#")))
	return a
}

// holeAt reads what follows a hole's mark at the start of s: its kind
// (W, D, H or A), its number in decimal digits, then "z". (A regular
// expression matched at every hole of every body was 3 % of preparing
// it.) end is where the hole ends in s.
func holeAt(s string) (kind byte, n, end int, ok bool) {
	if len(s) < 3 || strings.IndexByte("WDHA", s[0]) < 0 {
		return 0, 0, 0, false
	}
	end = 1
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 1 || end == len(s) || s[end] != 'z' {
		return 0, 0, 0, false
	}
	n, _ = strconv.Atoi(s[1:end]) // past an int, the largest: no hole is numbered so high
	return s[0], n, end + 1, true
}

// parts splits s at the holes marked with mark.
func parts(s, mark string) []part {
	var out []part
	for {
		i := strings.Index(s, mark)
		if i < 0 {
			break
		}
		kind, n, end, ok := holeAt(s[i+len(mark):])
		if !ok {
			break // cannot happen: the mark is always a whole hole
		}
		out = append(out, part{lit: s[:i]}, part{kind: kind, i: n})
		s = s[i+len(mark)+end:]
	}
	return append(out, part{lit: s})
}

// resolve fills the holes of p for one audience.
func (r *Renderer) resolve(src Source, p *prepared, opts Options) Result {
	if p.fallback || p.rawRelative && opts.RawRelative {
		text, err := r.textOf(src) // a body rendered whole is never let go
		if err != nil {
			return Result{Errors: []LineError{{Err: err}}}
		}
		return r.render(text, opts)
	}
	res := Result{
		Wikilinks:   p.wikilinks,
		Links:       p.links,
		Slips:       p.slips,
		Unrendered:  p.unrendered,
		Errors:      append([]LineError(nil), p.errs...),
		HTMLRemoved: p.removed,
	}
	// Each wikilink's HTML, and its text for summaries and search.
	linkHTML := make([]string, len(p.wikilinks))
	linkText := make([]string, len(p.wikilinks))
	for i, l := range p.wikilinks {
		var rs Resolution
		if opts.Resolve != nil {
			var err error
			if rs, err = opts.Resolve(l); err != nil {
				res.Errors = append(res.Errors, LineError{Line: l.Line, Err: err})
				rs = Resolution{}
			}
		}
		linkHTML[i], linkText[i] = r.resolution(l, rs, opts.Parts.has(PartHTML))
	}
	dests := make([]string, len(p.dests))
	for i, d := range p.dests {
		decoded := p.decoded[i]
		if opts.Rewrite != nil {
			if !decoded {
				d, decoded = decodeDest(d), true // as Rewrite takes it
			}
			d = opts.Rewrite(d)
		}
		dests[i] = attrURL(d, decoded)
	}
	want := opts.Parts
	if want.has(PartHTML) {
		// The ids of headings that hold a wikilink, from their text as
		// shown, after the ids of the others, as goldmark would give them.
		used := make(map[string]bool, len(p.usedIDs)+len(p.headings))
		for id := range p.usedIDs {
			used[id] = true
		}
		ids := make([]string, len(p.headings))
		anchors := make([]string, len(p.headings))
		for k, h := range p.headings {
			id := uniqueID(HeadingID(strings.TrimSpace(fill(h, values{links: linkText}))), used)
			ids[k] = string(util.EscapeHTML([]byte(id)))
			anchors[k], _ = r.renderString(nil, anchor(id))
		}
		html := fill(p.html, values{links: linkHTML, dests: dests, ids: ids, anchors: anchors})
		if want.has(PartHTML) {
			res.HTML = html
			_, res.HTMLControl = Control(html)
		}
	}
	if !wantsTexts(want) {
		return res
	}
	if p.texts == nil {
		// A body that could not be read back (its error is in res), or
		// prepare did not give the half asked for: never in silence.
		if len(p.errs) == 0 {
			res.Errors = append(res.Errors, LineError{Err: ErrGone})
		}
		return res
	}
	// A heading's anchor reads "#" in the text, as it does in the HTML.
	hashes := make([]string, p.texts.headings)
	for k := range hashes {
		hashes[k] = "#"
	}
	text := values{links: linkText, anchors: hashes}
	if want.has(PartSummary) {
		res.Summary, res.Divided = strings.TrimSpace(fill(p.texts.summary, text)), p.texts.divided
	}
	if want.has(PartText) || want.has(PartWords) {
		t := strings.TrimSpace(fill(p.texts.text, text))
		if want.has(PartText) {
			res.Text = t
		}
		if want.has(PartWords) {
			res.Words = countWords(t)
		}
	}
	return res
}

// values are what fills the holes of one kind of output.
type values struct {
	links   []string // each wikilink's HTML, or its text
	dests   []string
	ids     []string
	anchors []string // each heading's anchor: its HTML, or its text ("#")
}

// fill joins parts, putting in each hole its value.
func fill(parts []part, v values) string {
	pick := func(vs []string, i int) string {
		if i < 0 || i >= len(vs) {
			return "" // a damaged cache entry; decode refuses those
		}
		return vs[i]
	}
	value := func(p part) string {
		switch p.kind {
		case 0:
			return p.lit
		case 'W':
			return pick(v.links, p.i)
		case 'D':
			return pick(v.dests, p.i)
		case 'H':
			return pick(v.ids, p.i)
		case 'A':
			return pick(v.anchors, p.i)
		}
		return ""
	}
	// Measured first: a body is kept for the whole build, and one grown
	// by doubling was copied each time and kept up to twice its length.
	n := 0
	for _, p := range parts {
		n += len(value(p))
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range parts {
		b.WriteString(value(p))
	}
	return b.String()
}

// resolution renders one resolved wikilink as goldmark renders the node
// that replace puts in its place, and says what plain text shows of it.
func (r *Renderer) resolution(l Wikilink, rs Resolution, wantHTML bool) (htmlOut, text string) {
	label := rs.Text
	if label == "" {
		label = l.Label
	}
	if wantHTML {
		htmlOut, _ = r.renderString(nil, resolutionNode(l, rs))
	}
	if rs.Dest == "" && rs.Class != "" {
		return htmlOut, label // a span: its text is the label as written
	}
	return htmlOut, html.UnescapeString(label)
}

// attrURL is a destination as goldmark writes it in href or src. One of
// raw HTML is decoded already (html.Tokenizer): its entities are not read
// again, or /a&amp;amp;b/, the folder a&amp;b, would be a&b.
func attrURL(dest string, decoded bool) string {
	d := util.URLEscape([]byte(dest), !decoded)
	if ghtml.IsDangerousURL(d) {
		return ""
	}
	return string(util.EscapeHTML(d))
}

// renderString renders n of src as HTML. goldmark wraps a writer that
// does not buffer in a bufio.Writer of its own, 4 KB made for every call:
// for each wikilink of each body, for each audience, that was a twentieth
// of what a cold build allocated. The writer and its buffer are reused.
func (r *Renderer) renderString(src []byte, n ast.Node) (string, error) {
	w := renderWriters.Get().(*renderWriter)
	defer func() {
		w.buf.Reset()
		renderWriters.Put(w)
	}()
	w.bw.Reset(&w.buf)
	err := r.md.Renderer().Render(w.bw, src, n) // it flushes
	return w.buf.String(), err
}

type renderWriter struct {
	buf bytes.Buffer
	bw  *bufio.Writer
}

var renderWriters = sync.Pool{New: func() any { return &renderWriter{bw: bufio.NewWriterSize(nil, 4096)} }}

// ResolveRelative returns the site path that dest, a path relative to the
// page at the site path at (rewritable, not from the root), leads to, as a
// browser resolves it, with dest's query and fragment.
func ResolveRelative(at, dest string) string {
	p, rest := dest, ""
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		p, rest = dest[:i], dest[i:]
	}
	abs := path.Join(at[:strings.LastIndex(at, "/")+1], p)
	if p == "" {
		abs = at // a query or a fragment of the page itself
	} else if (strings.HasSuffix(p, "/") || p == "." || p == ".." || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")) && abs != "/" {
		abs += "/"
	}
	return abs + rest
}
