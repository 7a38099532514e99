// Package markdown is netjournal's one goldmark configuration. Wikilinks are
// parsed here and resolved by a function the caller passes in, so the public
// blog and the private wiki render the same source by different rules.
package markdown

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/netjournal/netjournal/internal/digest"
	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/recent"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"
)

// Wikilink is a [[target#fragment|label]] found in a body.
type Wikilink struct {
	Target   string
	Fragment string
	Label    string // the text shown: the label, else the target as written
	Labeled  bool   // an explicit |label was given
	Embed    bool   // ![[...]]
	Line     int    // 0-based line in the source
	// Before and After are the text of its sentence on either side of
	// it, plain, for a backlink to show where it was written.
	Before, After string
}

// Resolution says how one wikilink renders.
type Resolution struct {
	Dest  string // where it links; empty renders plain text
	Text  string // replaces the label when not empty
	Class string // CSS class; with no Dest, a <span> carries it
	Title string // title attribute
}

// Resolver decides how a wikilink renders for one audience. An error is
// collected with the link's line and the link renders as its label.
type Resolver func(Wikilink) (Resolution, error)

// Options are the per-call settings of Render.
type Options struct {
	Resolve Resolver
	// Rewrite maps a link destination written in Markdown to the URL that
	// is rendered (site paths such as /posts/x/ differ per site, and one
	// relative to the page, pic.png, per page). Nil keeps destinations as
	// written. It is given only paths (Rewritable), and of raw HTML only
	// those from the root, unless RawRelative. It is given a destination
	// as the page's reader gets it, read once: a Markdown link's entities
	// and backslash escapes read as goldmark reads them (&amp;copy=2 is
	// &copy=2, and &copy=2, without its ";", is no entity), raw HTML's
	// value as the tokenizer read it; and it returns one so, which is
	// written as it is (its "&" as &amp;, escaped for a URL), never read
	// again.
	Rewrite func(dest string) string
	// RawRelative gives Rewrite raw HTML's relative paths too (<img
	// src="pic.png">): for a page away from the one they lead from (a
	// post's page in the wiki). Without it they stay as written, byte for
	// byte.
	RawRelative bool
	// Key names the context of Resolve and Rewrite (such as "public" or
	// "wiki/depth1"): with a key, a result is remembered for the same
	// source and the same resolutions of its wikilinks, so a rebuild
	// renders only what changed. Resolve must be pure.
	Key string
	// Parts says which of a Result's texts are wanted; zero is all. A
	// page that shows the HTML alone (the wiki) or a search index that
	// needs the text alone is spared making, and keeping, the others.
	Parts Parts
}

// Parts are the texts of a Result that a caller wants; the lists
// (Wikilinks, Links, Errors, …) come whatever they say.
type Parts uint8

const (
	PartHTML    Parts = 1 << iota // HTML
	PartSummary                   // Summary
	PartText                      // Text
	PartWords                     // Words
	allParts    = PartHTML | PartSummary | PartText | PartWords
)

// has reports whether ps holds part; zero holds every part.
func (ps Parts) has(part Parts) bool { return ps == 0 || ps&part != 0 }

// Result is a rendered body.
type Result struct {
	HTML string
	// HTMLControl says whether HTML holds a control character (Control),
	// found once, when HTML is made.
	HTMLControl bool
	Wikilinks   []Wikilink
	Links       []LinkUse // Markdown links and images to site paths
	// Summary is the text before a line of its own <!--more--> as
	// plain text (Divided), else the first paragraph's.
	Summary string
	Divided bool
	Text    string // all text, for word counts and search
	Words   int    // the words of Text
	Errors  []LineError
	// Unrendered lists the 0-based lines where "[[" is left in the text
	// outside code: wikilink syntax that did not parse as a link, such as
	// [[slug|]], which shows its target as written.
	Unrendered []int
	// Slips are wikilink syntax where it is never rendered and would be
	// published as written: a link's or image's title or destination, a
	// link reference definition.
	Slips []Slip
	// HTMLRemoved says what of the body's raw HTML was not kept.
	HTMLRemoved []LineError
}

// Slip is wikilink syntax in a place where it is never rendered.
type Slip struct {
	Line  int    // 0-based line in the source
	Where string // "a link's title", "a link reference definition", …
}

// LinkUse is a Markdown link destination that points inside the site, or
// to an element of the page that shows it (#why).
type LinkUse struct {
	// Dest is the destination as Markdown has it, its entities not read
	// (&amp;): a raw HTML attribute's value, which the tokenizer read,
	// with its & written &amp; again.
	Dest string
	Line int // 0-based line in the source
}

// LineError is a problem on one 0-based line of the source.
type LineError struct {
	Line int
	Err  error
}

// Renderer renders Markdown. It is safe for concurrent use.
type Renderer struct {
	md    goldmark.Markdown
	memo  memo
	known recent.Map[identity, *known]  // Render's results by their source's memory
	links recent.Map[string, []LinkUse] // each prepared source's links, kept by Release
	sums  digest.Memo                   // the sources' digests
	html  *sanitizer                    // what raw HTML may keep
	once  bool                          // keep no result of Render (Once)
}

// memo keeps results between builds: what was used since the last Sweep
// and what was used in the sweep before it; and, with a disk, between runs.
type memo struct {
	values recent.Map[string, held]

	mu   sync.Mutex
	disk *diskcache.Cache
}

// diskCache is the memo's disk, nil when it keeps values in memory alone.
func (m *memo) diskCache() *diskcache.Cache {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.disk
}

// held is a value the memo holds, and its key on the disk, made once
// when it is held: a SHA-256 for each value of each body on every
// rebuild was 8 ms of CPU at 10,000 posts.
type held struct {
	v  any
	dk diskcache.Key // the zero Key when held without a disk
}

// value returns the value of key the memo holds, and keeps it on the
// disk, if any, for the next run.
func (m *memo) value(key string) (any, bool) {
	h, ok := m.values.Get(key)
	if !ok {
		return nil, false
	}
	if disk := m.diskCache(); disk != nil {
		if h.dk == (diskcache.Key{}) {
			h.dk = diskKey(key)
		}
		disk.Note(h.dk)
	}
	return h.v, true
}

func (m *memo) get(key string) (any, bool) {
	if v, ok := m.value(key); ok {
		return v, true
	}
	disk := m.diskCache()
	if disk == nil {
		return nil, false
	}
	dk := diskKey(key)
	if b, found := disk.Get(dk); found {
		if v, ok := decode(key, b); ok {
			m.values.Put(key, held{v, dk})
			return v, true
		}
	}
	return nil, false
}

func (m *memo) put(key string, v any) {
	h := held{v: v}
	if m.diskCache() != nil {
		h.dk = diskKey(key)
	}
	m.values.Put(key, h)
	m.store(key, h)
}

// store puts the value held of key on the memo's disk alone.
func (m *memo) store(key string, h held) {
	if disk := m.diskCache(); disk != nil {
		if h.dk == (diskcache.Key{}) {
			h.dk = diskKey(key)
		}
		// Put copies what it is given: the encoding is made in a buffer
		// kept for the next, not grown anew for every body.
		bp := encodings.Get().(*[]byte)
		if b, ok := encodeTo((*bp)[:0], h.v); ok {
			disk.Put(h.dk, b)
			*bp = b
		}
		encodings.Put(bp)
	}
}

// has reports whether the memo's disk holds the value of key.
func (m *memo) has(key string) bool {
	disk := m.diskCache()
	return disk != nil && disk.Has(diskKey(key))
}

// keep keeps the value of key on the memo's disk, for the next run,
// though this one did not read it from there.
func (m *memo) keep(key string) {
	if disk := m.diskCache(); disk != nil {
		disk.Note(diskKey(key))
	}
}

// keepKey is keep for the value whose disk key (diskKey) is dk.
func (m *memo) keepKey(dk diskcache.Key) {
	if disk := m.diskCache(); disk != nil {
		disk.Note(dk)
	}
}

var encodings = sync.Pool{New: func() any { return new([]byte) }}

// UseDisk keeps the renderer's results in c as well, from one run to the
// next; nil keeps them in memory alone.
func (r *Renderer) UseDisk(c *diskcache.Cache) {
	r.memo.mu.Lock()
	defer r.memo.mu.Unlock()
	r.memo.disk = c
}

// Sweep forgets results not used since the previous Sweep. Call it once
// per build so that a long watch session does not grow without bound.
func (r *Renderer) Sweep() {
	r.sums.Sweep()
	r.known.Sweep()
	r.memo.values.Sweep()
	r.links.Sweep()
}

// Release forgets every result held in memory but each source's links
// (Links), for a build that renders once and has filled every body it
// will: what it rendered is then held only by what it made of it, and
// goes when that does. A result asked for again comes from the disk, or
// is made again.
func (r *Renderer) Release() {
	r.known.Clear()
	r.memo.values.Clear()
}

// New returns the renderer: GFM, footnotes, typographer, definition lists,
// heading IDs, wikilinks and chroma highlighting with CSS classes. Raw HTML
// stays escaped, goldmark's default.
func New() *Renderer {
	html := &sanitizer{policy: policy()}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.Typographer,
			extension.DefinitionList,
			highlighting.NewHighlighting(highlightOptions...),
			mathMarkdown,
		),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(newCodeBlocks(highlightOptions...), 100),
			util.Prioritized(html, 100),
			util.Prioritized(mathRenderer{}, 50), // before passthrough's own, which writes it raw
		)),
		goldmark.WithParserOptions(
			parser.WithInlineParsers(
				util.Prioritized(&wikilink.Parser{}, 199),
				util.Prioritized(singleQuotes{}, 9998), // before the typographer's, at 9999
			),
			parser.WithASTTransformers(util.Prioritized(mathBlocks{}, -100)), // before passthrough's, at 0
		),
	)
	return &Renderer{md: md, html: html}
}

// TrustHTML makes raw HTML in bodies stay as written (comments aside),
// for a site that trusts its own HTML; else it is sanitized. Set it
// before rendering: results are remembered for each setting apart.
func (r *Renderer) TrustHTML(trust bool) { r.html.trust = trust }

// Facts are what a body says of itself, found once when it is prepared.
type Facts struct {
	Wikilinks []Wikilink
	Removed   []LineError // what sanitizing took out of its raw HTML, by line: warnings for the writer
	Control   bool        // it holds a control character (Control)
	// WebNames are the WebName of the last name of each web address it
	// links to (https://example.com/posts/x/: x), each once: a body that
	// may link to one of the site's own addresses by its whole URL is
	// found by them, without a site's URL in what a body says (WebLinks
	// then reads its links).
	WebNames []uint64
	// Gone is an ErrGone when the body, let go or never read (Unread),
	// could not be read back to find them: it then says nothing.
	Gone error
}

// Facts returns what src says of itself, without rendering it: one look
// into the memo, which a rebuild makes for every body.
func (r *Renderer) Facts(src Source) Facts {
	f := r.facts(src)
	out := Facts{Wikilinks: f.wikilinks, Removed: f.removed, Control: f.control, WebNames: f.webNames}
	for _, e := range f.errs {
		if errors.Is(e.Err, ErrGone) {
			out.Gone = e.Err
			break
		}
	}
	return out
}

// Wikilinks returns the wikilinks of src without rendering it.
func (r *Renderer) Wikilinks(src Source) []Wikilink { return r.facts(src).wikilinks }

// parse parses src. A wikilink in a table cell has its '|' escaped first
// (GFM splits cells at every unescaped '|'), so that [[slug|label]] in a
// table is a link and not two cells holding its halves.
func (r *Renderer) parse(src string) ([]byte, ast.Node) {
	b, doc, _ := r.parseRefs(src)
	return b, doc
}

// parseRefs is parse that also returns the link reference definitions.
func (r *Renderer) parseRefs(src string) ([]byte, ast.Node, []parser.Reference) {
	b := []byte(src)
	pc := parser.NewContext()
	doc := r.md.Parser().Parse(text.NewReader(b), parser.WithContext(pc))
	if !bytes.Contains(b, []byte("[[")) || !bytes.Contains(b, []byte("|")) {
		return b, doc, pc.References()
	}
	if fixed, ok := escapeTablePipes(doc, b); ok {
		pc = parser.NewContext()
		doc = r.md.Parser().Parse(text.NewReader(fixed), parser.WithContext(pc))
		return fixed, doc, pc.References()
	}
	return b, doc, pc.References()
}

var (
	wikilinkSyntax = regexp.MustCompile(`\[\[[^\[\]\n]*\]\]`)
	delimiterRow   = regexp.MustCompile(`^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
)

// escapeTablePipes escapes the unescaped '|' inside [[…]] on the lines of
// every table of doc. It reports whether it changed anything.
func escapeTablePipes(doc ast.Node, src []byte) ([]byte, bool) {
	var spans [][2]int // byte ranges of tables, whole lines
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindParagraph {
			// A header row whose [[a|b]] split it into more cells than the
			// delimiter row has is no table yet: a paragraph.
			lines := n.Lines()
			for i := 0; i+1 < lines.Len(); i++ {
				head, delim := lines.At(i), lines.At(i+1)
				if delimiterRow.Match(delim.Value(src)) && wikilinkSyntax.Match(head.Value(src)) {
					spans = append(spans, [2]int{head.Start, head.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		}
		if !entering || n.Kind() != east.KindTable {
			return ast.WalkContinue, nil
		}
		lo, hi := len(src), 0
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := c.(*ast.Text); ok && entering {
				lo, hi = min(lo, t.Segment.Start), max(hi, t.Segment.Stop)
			}
			return ast.WalkContinue, nil
		})
		if lo < hi {
			lo = bytes.LastIndexByte(src[:lo], '\n') + 1
			if i := bytes.IndexByte(src[hi:], '\n'); i >= 0 {
				hi += i
			} else {
				hi = len(src)
			}
			spans = append(spans, [2]int{lo, hi})
		}
		return ast.WalkSkipChildren, nil
	})
	changed := false
	var out []byte
	last := 0
	for _, sp := range spans {
		for _, m := range wikilinkSyntax.FindAllIndex(src[sp[0]:sp[1]], -1) {
			start, end := sp[0]+m[0], sp[0]+m[1]
			out = append(out, src[last:start]...)
			for i := start; i < end; i++ {
				if src[i] == '|' && src[i-1] != '\\' {
					out = append(out, '\\')
					changed = true
				}
				out = append(out, src[i])
			}
			last = end
		}
	}
	out = append(out, src[last:]...)
	return out, changed
}

func (r *Renderer) wikilinks(src string) []Wikilink {
	b, doc := r.parse(src)
	var out []Wikilink
	at := newLineIndex(b)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := n.(*wikilink.Node); ok && entering {
			out = append(out, describe(w, b, at))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// Once makes Render keep none of its results, for a build that renders
// once: each is then held only by what the build made of it (a page's
// data, a search entry cut from it), and goes when that does. Prepared
// bodies are kept, for each audience to fill, until Release. Call it
// before rendering.
func (r *Renderer) Once() { r.once = true }

// Forget forgets the prepared body of src, kept for the audiences that
// have yet to fill it, once the last has: its links stay (Links). A body
// asked for again is prepared again, from the disk or from nothing.
func (r *Renderer) Forget(src Source) {
	key := r.sourceKey("p", src)
	r.memo.values.Delete(key)
	r.memo.values.Delete(textsKey(key))
	r.memo.values.Delete("f" + key[1:]) // its facts
}

// Drop lets the prepared body of src go from memory when a build renders
// once and keeps what it prepares on disk (Once, UseDisk): its caller is
// done with it for now, and the next to ask reads it back. Every body is
// then held while one audience fills it, not from the first audience to
// the last. Otherwise it does nothing.
func (r *Renderer) Drop(src Source) {
	if r.Drops() {
		r.Forget(src)
	}
}

// Drops reports whether Drop lets prepared bodies go: whether a body
// filled again is read back from the disk rather than parsed again.
func (r *Renderer) Drops() bool { return r.once && r.memo.diskCache() != nil }

// Render renders src.
func (r *Renderer) Render(src Source, opts Options) Result {
	if opts.Key == "" {
		text, err := r.textOf(src)
		if err != nil {
			return Result{Errors: []LineError{{Err: err}}}
		}
		return r.render(text, opts)
	}
	if r.once || src.gone() {
		if r.once {
			if res, ok := r.renderSmall(src, opts); ok {
				return res
			}
		}
		return r.resolve(src, r.prepare(src, opts.Parts), opts)
	}
	// The key: the context, each wikilink's resolution (every string
	// with its length, so none can pass for another), the source.
	// A source seen before in this context, as the very same string,
	// needs neither its digest nor its wikilinks found again: only their
	// resolutions, which may have changed, are compared.
	id := identity{ctx: opts.Key, data: unsafe.StringData(src.text), n: len(src.text), trust: r.html.trust}
	k, seen := r.known.Get(id)
	if !seen {
		k = &known{src: src.text, srcKey: r.sourceKey("", src)}
		if opts.Resolve != nil {
			k.links = r.Wikilinks(src)
		}
	}
	// Built in a buffer of the pool's: on a rebuild most bodies are found
	// unchanged by it and it is let go at once (what is kept is copied).
	bp := keyBuffers.Get().(*[]byte)
	key := append((*bp)[:0], "r\x00"...)
	defer func() {
		if cap(key) <= maxKeyBuffer {
			*bp = key[:0]
			keyBuffers.Put(bp)
		}
	}()
	key, _ = appendKey(key, k.links, k.srcKey, opts)
	if seen && string(key) == k.key {
		return k.res
	}
	res, ok := r.memo.get(string(key))
	if !ok {
		res = r.resolve(src, r.prepare(src, opts.Parts), opts)
		r.memo.put(string(key), res)
	}
	r.known.Put(id, &known{src: src.text, srcKey: k.srcKey, links: k.links, key: string(key), res: res.(Result)})
	return res.(Result)
}

// appendKey appends to key the memo key of a source (srcKey) whose
// wikilinks are links, rendered with opts: the context, the parts, each
// wikilink's resolution (every string with its length, so none can pass
// for another) and the source. It returns the errors of the resolutions,
// each with its link's line.
func appendKey(key []byte, links []Wikilink, srcKey string, opts Options) ([]byte, []LineError) {
	add := func(s string) {
		key = binary.AppendUvarint(key, uint64(len(s)))
		key = append(key, s...)
	}
	add(opts.Key)
	key = append(key, byte(opts.Parts&allParts))
	if opts.RawRelative {
		key = append(key, 'R')
	}
	var errs []LineError
	if opts.Resolve != nil {
		for _, l := range links {
			rs, err := opts.Resolve(l)
			add(rs.Dest)
			add(rs.Text)
			add(rs.Class)
			add(rs.Title)
			if err != nil {
				add("!" + err.Error())
				errs = append(errs, LineError{Line: l.Line, Err: err})
			} else {
				add("")
			}
		}
	}
	return append(key, srcKey...), errs
}

// Later is a body rendered for one audience, made only if it is wanted:
// a page that shows it is keyed on Key, and made, with it, only when its
// key is not the one it had. (Filling every body for every page of a
// build, to find most pages unchanged, was a third of an edited build.)
type Later struct {
	// Key is exactly what the Result is made from, as Render's memo
	// knows it: the context, the parts, each wikilink's resolution and
	// the source. The same key makes the same Result. It is empty for a
	// Result made at once (a body rendered whole, or one that did not
	// prepare), which Make returns.
	Key string
	// Errors are the Result's errors, found without making it.
	Errors []LineError
	make   func() Result
}

// Make makes the Result.
func (l Later) Make() Result { return l.make() }

// Later returns src rendered with opts, to be made only if it is wanted.
// opts.Key must name the context of Resolve and Rewrite, as for Render's
// memo; Resolve is called again when the Result is made, and must be pure.
func (r *Renderer) Later(src Source, opts Options) Later {
	p := r.facts(src)
	if opts.Key == "" || p.fallback || p.rawRelative && opts.RawRelative || len(p.errs) > 0 {
		// Rendered now: a body rendered whole, or one that did not
		// prepare, is not made from what the key says alone.
		res := r.Render(src, opts)
		return Later{Key: "", Errors: res.Errors, make: func() Result { return res }}
	}
	// The key is made from the body's facts, not its prepared form: read
	// back when a page is made, of an edited build's pages a few.
	key, errs := appendKey([]byte("l\x00"), p.wikilinks, r.sourceKey("", src), opts)
	return Later{Key: string(key), Errors: errs, make: func() Result {
		return r.resolve(src, r.prepare(src, opts.Parts), opts)
	}}
}

// keyBuffers are what Render builds its keys in; maxKeyBuffer is the
// largest put back (a body with thousands of wikilinks makes a long one).
var keyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

const maxKeyBuffer = 1 << 16

// rawDest is a raw HTML attribute's value, read, as a Markdown
// destination has it: its & written &amp;, so that whoever reads a
// LinkUse's entities reads each once (doc.html?a=1&amp;copy=2 is not
// ©=2).
func rawDest(v string) string { return strings.ReplaceAll(v, "&", "&amp;") }

// identity names a source string by its memory, in one context of
// Render: the same memory is the same text, since strings do not change
// and a known entry holds its source, so that the memory cannot be given
// to another string while the entry is kept.
type identity struct {
	ctx   string
	data  *byte
	n     int
	trust bool
}

// known is what Render last made of a source in a context: its wikilinks,
// the memo key of its result (which holds each wikilink's resolution)
// and the result.
type known struct {
	src, srcKey string
	links       []Wikilink
	key         string
	res         Result
}

func (r *Renderer) render(src string, opts Options) Result {
	b, doc, refs := r.parseRefs(src)
	var res Result
	var htmlNodes []ast.Node
	more := beforeMore(doc, b) // sanitizing takes the comment out
	at := newLineIndex(b)
	res.HTMLRemoved, htmlNodes = r.html.sanitize(doc, b, at)
	wikis, links, headings, _ := collect(doc)
	res.Slips = slips(doc, htmlNodes, links, refs, b, at)
	for _, n := range links {
		dest := destination(n)
		if checked(dest) {
			res.Links = append(res.Links, LinkUse{Dest: dest, Line: lineOf(n, b, at)})
		}
		if opts.Rewrite != nil && rewritable(dest) {
			setDestination(n, encodeDest(opts.Rewrite(decodeDest(dest))))
		}
	}
	rawLinks(doc, b, at, func(dest string, line int) string {
		res.Links = append(res.Links, LinkUse{Dest: rawDest(dest), Line: line})
		if !RootPath(dest) {
			if opts.RawRelative && opts.Rewrite != nil && rewritable(dest) {
				if d := opts.Rewrite(dest); d != dest {
					return attrURL(d, true)
				}
			}
			return ""
		}
		if opts.Rewrite != nil {
			dest = opts.Rewrite(dest)
		}
		return attrURL(dest, true)
	}, nil)
	// Every link is described before any is replaced: a link's context
	// shows the others as written, whoever renders it.
	for _, w := range wikis {
		res.Wikilinks = append(res.Wikilinks, describe(w, b, at))
	}
	replaced := map[ast.Node]bool{}
	for i, w := range wikis {
		link := res.Wikilinks[i]
		var rs Resolution
		if opts.Resolve != nil {
			var err error
			rs, err = opts.Resolve(link)
			if err != nil {
				res.Errors = append(res.Errors, LineError{Line: link.Line, Err: err})
				rs = Resolution{}
			}
		}
		replaced[replace(w, link, rs)] = true
	}
	if s, ok := summaryBefore(doc, more, b); ok {
		res.Summary, res.Divided = s, true
	} else {
		res.Summary = firstSummary(doc, b)
	}
	res.Unrendered = unrendered(doc, b, at)
	// The text before the headings' anchors, whose "#" it had.
	res.Text = plain(doc, b)
	assignIDs(headings, replaced, b)
	for _, h := range headings {
		if id, ok := h.AttributeString("id"); ok {
			a := ast.NewLink()
			a.Destination = []byte("#" + string(id.([]byte)))
			a.SetAttributeString("class", []byte("anchor"))
			a.AppendChild(a, ast.NewString([]byte("#")))
			h.AppendChild(h, a)
		}
	}
	html, err := r.renderString(b, doc)
	if err != nil {
		res.Errors = append(res.Errors, LineError{Err: fmt.Errorf("rendering Markdown: %w", err)})
	}
	if len(htmlNodes) > 0 {
		html = dropStrayEndTags(html)
	}
	res.HTML = html
	_, res.HTMLControl = Control(res.HTML)
	res.Words = countWords(res.Text)
	return res.only(opts.Parts)
}

// only keeps the texts of res that ps asks for.
func (res Result) only(ps Parts) Result {
	if !ps.has(PartHTML) {
		res.HTML, res.HTMLControl = "", false
	}
	if !ps.has(PartSummary) {
		res.Summary, res.Divided = "", false
	}
	if !ps.has(PartText) {
		res.Text = ""
	}
	if !ps.has(PartWords) {
		res.Words = 0
	}
	return res
}

// slips finds wikilink syntax in the titles and destinations of links and
// images, and in link reference definitions, used or not: none of it is
// ever rendered as a link. A link whose title and destination come from a
// reference definition is reported once, at the definition.
func slips(doc ast.Node, html, links []ast.Node, refs []parser.Reference, src []byte, at *lineIndex) []Slip {
	wiki := func(b []byte) bool { return bytes.Contains(b, []byte("[[")) }
	out := htmlSlips(html, src, at)
	for _, j := range joinedBrackets(doc, src, at) {
		if !slices.ContainsFunc(out, func(s Slip) bool { return s.Line == j.Line }) {
			out = append(out, j) // one at a line
		}
	}
	// Math is kept as written: a wikilink in it is text.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.(*passthrough.PassthroughInline); ok && entering {
			if i := bytes.Index(m.Segment.Value(src), []byte("[[")); i >= 0 {
				out = append(out, Slip{Line: at.line(m.Segment.Start + i), Where: "math"})
			}
		}
		return ast.WalkContinue, nil
	})
	fromRef := map[string]bool{}
	for _, ref := range refs {
		fromRef[string(ref.Destination())+"\x00"+string(ref.Title())] = true
		if wiki(ref.Title()) || wiki(ref.Destination()) || wiki(ref.Label()) {
			out = append(out, Slip{Line: refLine(ref.Label(), src), Where: "a link reference definition"})
		}
	}
	for _, n := range links {
		var title, dest []byte
		kind := "a link"
		switch n := n.(type) {
		case *ast.Link:
			title, dest = n.Title, n.Destination
		case *ast.Image:
			title, dest, kind = n.Title, n.Destination, "an image"
		}
		if fromRef[string(dest)+"\x00"+string(title)] && (wiki(title) || wiki(dest)) && !inlineLink(n, src) {
			continue // said at the definition
		}
		if wiki(title) {
			out = append(out, Slip{Line: lineOf(n, src, at), Where: kind + "'s title"})
		}
		if wiki(dest) {
			out = append(out, Slip{Line: lineOf(n, src, at), Where: kind + "'s destination"})
		}
	}
	return out
}

// inlineLink reports whether the link or image n is known to give its
// destination inline, [text](dest), rather than by a reference: its text
// is followed by "](", or, one of no text, the source writes "](dest"
// somewhere.
func inlineLink(n ast.Node, src []byte) bool {
	stop := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			stop = t.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
	if stop < 0 {
		// No text to find it by (![](x)): inline if the source writes
		// its destination so anywhere.
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest = n.Destination
		}
		return len(dest) > 0 && (bytes.Contains(src, append([]byte("]("), dest...)) || bytes.Contains(src, append(append([]byte("](<"), dest...), '>')))
	}
	for i := stop; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case ']':
			return i+1 < len(src) && src[i+1] == '('
		}
	}
	return false
}

// refLine finds the 0-based line where the reference labelled label is
// defined: goldmark keeps no position for a definition. Labels match
// without regard to case or runs of spaces, as in CommonMark.
func refLine(label, src []byte) int {
	want := strings.Join(strings.Fields(strings.ToLower(string(label))), " ")
	for i, line := range strings.Split(string(src), "\n") {
		l := strings.TrimLeft(line, " ")
		if !strings.HasPrefix(l, "[") {
			continue
		}
		if end := strings.Index(l, "]:"); end > 0 && strings.Join(strings.Fields(strings.ToLower(l[1:end])), " ") == want {
			return i
		}
	}
	return 0
}

// unrendered returns the lines where text outside code still holds "[[".
func unrendered(doc ast.Node, src []byte, at *lineIndex) []int {
	var lines []int
	var prev ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			// "[[" may be split over two text nodes: "[" and "[…".
			v := n.Segment.Value(src)
			joined := bytes.Contains(v, []byte("[[")) || (len(v) > 0 && v[0] == '[' && endsWithBracket(prev, n, src))
			if joined {
				lines = append(lines, at.line(n.Segment.Start))
			}
			prev = n
		}
		return ast.WalkContinue, nil
	})
	return lines
}

// endsWithBracket reports whether prev is the text just before n and ends
// with '['.
func endsWithBracket(prev, n ast.Node, src []byte) bool {
	t, ok := prev.(*ast.Text)
	if !ok || t.NextSibling() != n {
		return false
	}
	v := t.Segment.Value(src)
	return len(v) > 0 && v[len(v)-1] == '['
}

// assignIDs gives every heading an id made from its text as rendered, as
// GitHub does: the letters and digits of any script, lower-cased, and '-'
// for spaces ("Ação e reação" → "ação-e-reação"); never from the text as
// written, which would put a link's address in the id, or a private slug
// from [[jane-doe]] into a public page that shows only "a friend". The
// headings that hold a wikilink come last, as their text differs by
// audience: the others' ids are the same for all.
func assignIDs(headings []*ast.Heading, replaced map[ast.Node]bool, src []byte) {
	used := plainIDs(headings, replaced, src)
	for _, h := range headings {
		if holds(h, replaced) {
			h.SetAttributeString("id", []byte(uniqueID(HeadingID(plain(h, src)), used)))
		}
	}
}

// plainIDs gives the headings that hold none of replaced their ids, in
// order, and returns the ids taken.
func plainIDs(headings []*ast.Heading, replaced map[ast.Node]bool, src []byte) map[string]bool {
	used := map[string]bool{}
	for _, h := range headings {
		if !holds(h, replaced) {
			h.SetAttributeString("id", []byte(uniqueID(HeadingID(plain(h, src)), used)))
		}
	}
	return used
}

// UniqueID is base, or base-1, base-2…, whichever is not used yet; it is
// used from then on: how netjournal numbers the ids of headings alike,
// and how Hugo and kramdown did (the importers).
func UniqueID(base string, used map[string]bool) string { return uniqueID(base, used) }

func uniqueID(base string, used map[string]bool) string {
	id := base
	for i := 1; used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	used[id] = true
	return id
}

// holds reports whether one of nodes is in h.
func holds(h *ast.Heading, nodes map[ast.Node]bool) bool {
	found := false
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && nodes[n] {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

func describe(w *wikilink.Node, src []byte, at *lineIndex) Wikilink {
	// [[slug\|label]], the form a table needs, leaves the '\' on the target.
	l := Wikilink{Target: strings.TrimSuffix(string(w.Target), "\\"), Fragment: strings.TrimSuffix(string(w.Fragment), "\\"), Embed: w.Embed}
	if t, ok := w.FirstChild().(*ast.Text); ok {
		l.Label = string(t.Segment.Value(src))
		l.Labeled = t.Segment.Start > 0 && src[t.Segment.Start-1] == '|'
		l.Line = at.line(t.Segment.Start)
	}
	l.Before, l.After = context(w, src, at)
	return l
}

// replace swaps the wikilink node for a link, a span or plain text, and
// returns what it put in its place.
func replace(w *wikilink.Node, l Wikilink, rs Resolution) ast.Node {
	n := resolutionNode(l, rs)
	w.Parent().ReplaceChild(w.Parent(), w, n)
	return n
}

// resolutionNode is what a wikilink resolved as rs renders as: a link, a
// span or plain text.
func resolutionNode(l Wikilink, rs Resolution) ast.Node {
	label := rs.Text
	if label == "" {
		label = l.Label
	}
	switch {
	case rs.Dest != "":
		a := ast.NewLink()
		a.Destination = []byte(rs.Dest)
		if rs.Title != "" {
			a.Title = []byte(rs.Title)
		}
		if rs.Class != "" {
			a.SetAttributeString("class", []byte(rs.Class))
		}
		a.AppendChild(a, ast.NewString([]byte(label)))
		return a
	case rs.Class != "":
		s := ast.NewString([]byte(fmt.Sprintf(`<span class="%s"%s>%s</span>`,
			html.EscapeString(rs.Class), titleAttr(rs.Title), html.EscapeString(label))))
		s.SetRaw(true)
		s.SetCode(true)
		return s
	}
	return ast.NewString([]byte(label))
}

func titleAttr(t string) string {
	if t == "" {
		return ""
	}
	return ` title="` + html.EscapeString(t) + `"`
}

func destination(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Link:
		return string(n.Destination)
	case *ast.Image:
		return string(n.Destination)
	}
	return ""
}

func setDestination(n ast.Node, dest string) {
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = []byte(dest)
	case *ast.Image:
		n.Destination = []byte(dest)
	}
}

// decodeDest reads a Markdown link's destination as goldmark reads it
// when it writes it (util.URLEscape): its backslash escapes, then its
// numeric character references and its entities, each of those with its
// ";" alone.
func decodeDest(dest string) string {
	if !strings.ContainsAny(dest, "\\&") {
		return dest
	}
	v := util.UnescapePunctuations([]byte(dest))
	v = util.ResolveNumericReferences(v)
	return string(util.ResolveEntityNames(v))
}

// DecodeDest is a Markdown link's destination as written (Result.Links,
// whose raw HTML's hold an & as &amp;) as the page's reader reads it: its
// backslash escapes and character references read as goldmark reads
// them (my\_secret is my_secret; s&#101;cret is secret, s&#101cret, with
// no ";", is as written).
func DecodeDest(dest string) string { return decodeDest(dest) }

// encodeDest is a destination that decodeDest reads as dest.
func encodeDest(dest string) string {
	if !strings.ContainsAny(dest, "\\&") {
		return dest
	}
	return strings.NewReplacer(`\`, `\\`, "&", "&amp;").Replace(dest)
}

// checked reports whether the link check looks for dest: a path inside
// the site (internal), or a fragment of the page that shows it (inPage).
func checked(dest string) bool { return internal(dest) || inPage(dest) }

// inPage reports whether dest is a link to an element of the page that
// shows it (#why), not to its top alone (#).
func inPage(dest string) bool { return len(dest) > 1 && dest[0] == '#' }

// internal reports whether dest points inside the site: a path, not a URL
// with a scheme, and not only a fragment.
func internal(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == "" && u.Host == ""
}

// lineOf finds the 0-based source line of an inline node from its first
// text descendant, else its block.
func lineOf(n ast.Node, src []byte, at *lineIndex) int {
	var off = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return at.line(off)
	}
	var block ast.Node
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			block = p
			break
		}
	}
	if block == nil {
		return 0
	}
	// No text of its own (an image without alt text, ![](x.png)): where
	// the text before it in its block ends, or the next line when a
	// line break ends that text; else the block's first line.
	var last *ast.Text
	_ = ast.Walk(block, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if c == n {
			return ast.WalkStop, nil
		}
		if t, ok := c.(*ast.Text); ok && entering {
			last = t
		}
		return ast.WalkContinue, nil
	})
	if last == nil {
		return at.line(block.Lines().At(0).Start)
	}
	line := at.line(last.Segment.Stop)
	if last.SoftLineBreak() || last.HardLineBreak() {
		line++
	}
	return line
}

// unescapeText is a text segment as the HTML renderer writes it: "\*" is
// "*", "&amp;" "&". A segment with neither a backslash nor an ampersand,
// most of them, is itself: three scans of every segment of every body
// were 3.5 % of the CPU of a 100,000-post build's load and journal.
func unescapeText(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// plain returns the text of n, with blocks separated by newlines.
func plain(n ast.Node, src []byte) string {
	return strings.TrimSpace(plainAround(n, nil, src))
}

// markAt is where a wikilink's text starts and ends in the text of the
// block around it.
type markAt struct {
	node       ast.Node
	start, end int
}

// plainAround returns the text of n, untrimmed, and appends to marks,
// when not nil, where in it the text of each wikilink it shows starts and
// ends, in order.
func plainAround(n ast.Node, marks *[]markAt, src []byte) string {
	var b strings.Builder
	if n.Kind() == ast.KindDocument {
		// A body's text is about as long as its source: grown by
		// doubling, it took 9 KB more of the 95 KB preparing a post of
		// 600 words allocates (0.9 GB at 100,000 posts).
		b.Grow(len(src))
	}
	var hiding []string      // unshown elements of a paragraph's raw HTML open (hiddenTag)
	var blockHiding []string // those of HTML blocks, over the blocks between
	var hidingIn ast.Node    // the container of the blocks: its end ends them
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering && c == hidingIn {
			blockHiding, hidingIn = nil, nil // a quote's end closes what it left open
		}
		if len(blockHiding) > 0 && entering && c.Kind() != ast.KindHTMLBlock && c.Kind() != ast.KindDocument {
			return ast.WalkSkipChildren, nil // in a <div hidden> of HTML blocks
		}
		if raw, ok := c.(*ast.RawHTML); ok && entering {
			hiding = hiddenTag(raw, src, hiding)
		}
		if len(hiding) > 0 && entering && c.Kind() != ast.KindRawHTML {
			if c.Type() == ast.TypeInline {
				return ast.WalkSkipChildren, nil
			}
			hiding = nil // a paragraph's end ends them
		}
		if _, ok := c.(*wikilink.Node); ok && marks != nil {
			if entering {
				*marks = append(*marks, markAt{node: c, start: b.Len()})
			} else if k := len(*marks) - 1; k >= 0 && (*marks)[k].node == c {
				(*marks)[k].end = b.Len()
			} else {
				// Hidden (<span hidden>[[x]]</span>): passed by going
				// in, not going out; its text from the block's start.
				*marks = append(*marks, markAt{node: c, end: b.Len()})
			}
		}
		if !entering {
			if c.Type() == ast.TypeBlock && b.Len() > 0 {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if _, code := c.Parent().(*ast.CodeSpan); !code {
				v = unescapeText(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			v := string(c.Value)
			if c.IsRaw() {
				v = stripTags(v) // a wikilink rendered as a span
			}
			// The typographer's quotes and dashes are entities.
			b.WriteString(html.UnescapeString(v))
		case *wikilink.Node:
			// its label is a Text child
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := 0; i < c.Lines().Len(); i++ {
				seg := c.Lines().At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughInline:
			b.Write(mathText(c, src))
		case *ast.AutoLink:
			// A web address or an email written bare, linked: its text
			// is the body's, to find and in a summary.
			b.Write(c.Label(src))
		case *ast.RawHTML:
			// A line break or a block's tag in a paragraph's HTML parts
			// words: "Water<br>Phlebas" is two.
			if raw, _ := rawHTML(c, src); breaksText(raw) {
				b.WriteByte(' ')
			}
		case *ast.HTMLBlock:
			// Its text, as the page shows it: a post in HTML is all
			// HTML blocks, and had no words, no summary and nothing to
			// find.
			var text string
			text, blockHiding = htmlBlockText(c, src, blockHiding)
			b.WriteString(text)
			if len(blockHiding) > 0 {
				hidingIn = c.Parent()
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// hiddenTag follows the unshown elements (a <template>, a <video>'s
// words for a browser that cannot play it, an element marked hidden)
// that a paragraph's raw HTML opens and closes, one tag at a time: what
// is between is not the body's text.
func hiddenTag(n *ast.RawHTML, src []byte, hiding []string) []string {
	// As the page has it: a style the sanitizer took out hides nothing.
	raw, _ := rawHTML(n, src)
	if v, ok := n.AttributeString(cleanAttr); ok {
		b, _ := v.([]byte)
		raw = string(b)
	}
	if !strings.HasPrefix(raw, "<") || strings.HasPrefix(raw, "<!") {
		return hiding
	}
	htmlTags([]byte(raw), func(tag string, start, hidden bool) {
		switch {
		case !start && len(hiding) > 0 && hiding[len(hiding)-1] == tag:
			hiding = hiding[:len(hiding)-1]
		case start && (hidden || len(hiding) > 0) && !voidElement[tag]:
			hiding = append(hiding, tag)
		}
	})
	return hiding
}

// breaksText reports whether a tag of raw HTML ends a run of text: a
// line break, or a block's tag.
func breaksText(tag string) bool {
	name := strings.TrimLeft(tag, "</")
	i := 0
	for i < len(name) && (name[i] >= 'a' && name[i] <= 'z' || name[i] >= 'A' && name[i] <= 'Z' || name[i] >= '0' && name[i] <= '9') {
		i++
	}
	return textBreaks[strings.ToLower(name[:i])]
}

// textBreaks are the elements whose tags part the text around them.
var textBreaks = map[string]bool{
	"br": true, "p": true, "div": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"tr": true, "td": true, "th": true, "table": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"hr": true, "blockquote": true, "pre": true, "figure": true, "figcaption": true, "section": true, "article": true,
	"header": true, "footer": true, "details": true, "summary": true, "center": true,
}

// contextChars bounds the text either side of a wikilink in its context.
const contextChars = 120

// context is the sentence around a wikilink, as plain text on either
// side of it: what a backlink shows of the document that links (as
// Obsidian and Quartz do). It is cut at the sentence's ends, and at a
// word near contextChars with "…".
func context(w *wikilink.Node, src []byte, at *lineIndex) (before, after string) {
	text, start, end, ok := at.around(w)
	if !ok || start > end || end > len(text) {
		return "", ""
	}
	before, after = text[:start], text[end:]
	// Only so much of either side is ever shown, and looked through for
	// the sentence's ends: a paragraph of many wikilinks was looked
	// through whole for each.
	// A side that is cut there keeps at least contextChars+4 runes and,
	// past a run of spaces it would begin (or end) in, a rune more: what
	// it is trimmed of, and a sentence's end there, are then what they
	// are in the whole.
	const reach = (contextChars + 4) * utf8.UTFMax
	longBefore, longAfter := len(before) > reach, len(after) > reach
	if longBefore {
		i := len(before) - reach
		for j := i; i > 0 && i > j-(utf8.UTFMax-1) && !utf8.RuneStart(before[i]); {
			i--
		}
		if before[i] == ' ' {
			for i > 0 && before[i-1] == ' ' {
				i--
			}
			for i > 0 {
				i--
				if utf8.RuneStart(before[i]) {
					break
				}
			}
		}
		before = before[i:]
		longBefore = i > 0
	}
	if longAfter {
		i := reach
		for j := i; i < len(after) && i < j+utf8.UTFMax-1 && !utf8.RuneStart(after[i]); {
			i++
		}
		if i > 0 && after[i-1] == ' ' {
			for i < len(after) && after[i] == ' ' {
				i++
			}
			for i < len(after) {
				i++
				if i == len(after) || utf8.RuneStart(after[i]) {
					break
				}
			}
		}
		after = after[:i]
		longAfter = i < len(text)-end
	}
	// The sentence: from after the last full stop before the link, to the
	// first one after it, and within the block's line.
	if i := strings.LastIndexAny(before, "\n"); i >= 0 {
		before, longBefore = before[i+1:], false
	}
	if i := lastSentenceEnd(before); i >= 0 {
		before, longBefore = before[i:], false
	}
	if i := strings.IndexByte(after, '\n'); i >= 0 {
		after, longAfter = after[:i], false
	}
	if i := sentenceEnd(after); i >= 0 {
		after, longAfter = after[:i], false
	}
	before, after = strings.TrimLeft(before, " "), strings.TrimRight(after, " ")
	if r := []rune(before); len(r) > contextChars || longBefore && len(r) > 0 {
		cut := string(r[max(0, len(r)-contextChars):])
		if i := strings.IndexByte(cut, ' '); i >= 0 && i < len(cut)-1 {
			cut = cut[i+1:]
		}
		before = "…" + cut
	}
	if r := []rune(after); len(r) > contextChars || longAfter && len(r) > 0 {
		cut := string(r[:min(len(r), contextChars)])
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
		after = cut + "…"
	}
	// Copies: slices of the block's text would keep all of it, for as
	// long as the backlink lives (a tenth of a 100,000-post build's heap).
	return strings.Clone(before), strings.Clone(after)
}

// lastSentenceEnd is the offset just past the end of the last sentence
// in s that ends in it, or -1: where the sentence after them begins. (No
// two ends overlap, none beginning with a space.)
func lastSentenceEnd(s string) int {
	for p := len(s); p >= 2; p-- {
		if s[p-1] == ' ' && strings.IndexByte(".!?", s[p-2]) >= 0 {
			return p
		}
		if p >= 3 && (s[p-3:p] == "。" || s[p-3:p] == "！" || s[p-3:p] == "？") {
			return p
		}
	}
	return -1
}

// sentenceEnd is the offset just past the end of the first sentence in s
// (". ", "! ", "? ", or a CJK full stop), or -1.
func sentenceEnd(s string) int {
	best := -1
	for _, end := range []string{". ", "! ", "? ", "。", "！", "？"} {
		if i := strings.Index(s, end); i >= 0 && (best < 0 || i+len(end) < best) {
			best = i + len(end)
		}
	}
	return best
}

// stripTags removes the tags of an HTML fragment, keeping its text.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Paragraphs splits text made of paragraphs, a blank line between two
// (a summary before <!--more-->, Result.Summary), into them, for a theme
// to show each as one: {{range paragraphs .Summary}}<p>{{.}}</p>{{end}}.
// Each is trimmed of white space; text of white space alone is none.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Truncate shortens s to at most n runes at a word boundary, adding "…".
// Its words are joined by single spaces.
func Truncate(s string, n int) string {
	if untouched(s, n) {
		// s itself, not a copy: a post's summary is cut on every build
		// of the public view, and the lists that show it find it the
		// very string the last build's did, not one to compare byte by
		// byte (at 10,000 posts, 13 times each post on every event added).
		return s
	}
	// The words are joined, each space run as one space, only as far as
	// the cut needs, byte by byte: a body's text is long, and every
	// body's is cut for the search index on every build.
	var b strings.Builder
	b.Grow(min(len(s), 4*max(n, 0)+4))
	runes, over, gap := 0, false, false
	for i := 0; i < len(s); {
		space, size := spaceAt(s, i)
		if space {
			gap = b.Len() > 0
			i += size
			continue
		}
		if gap {
			if runes == n {
				over = true
				break
			}
			b.WriteByte(' ')
			runes++
			gap = false
		}
		if runes == n {
			over = true
			break
		}
		// A run of ASCII that is not space is written at once.
		j := i
		for j < len(s) && runes < n && s[j] < utf8.RuneSelf && !asciiSpace[s[j]] {
			j++
			runes++
		}
		if j == i { // a letter of more than one byte
			j = i + size
			runes++
		}
		b.WriteString(s[i:j])
		i = j
	}
	s = b.String()
	if !over {
		return s
	}
	// s is the first n runes; a byte that is not UTF-8 is cut as one.
	if !utf8.ValidString(s) {
		s = string([]rune(s))
	}
	cut := strings.LastIndexByte(s, ' ')
	if cut < n/2 {
		cut = len(s)
	}
	return strings.TrimRight(s[:cut], " ,.;:") + "…"
}

// untouched reports whether s is what Truncate makes of it: at most n runes,
// its words joined by single spaces, no space at either end.
func untouched(s string, n int) bool {
	runes, space := 0, true // as if a space came before s
	for i := 0; i < len(s); runes++ {
		isSpace, size := spaceAt(s, i)
		if isSpace && (space || s[i] != ' ') || runes == n {
			return false
		}
		space = isSpace
		i += size
	}
	return !space || s == ""
}

// countWords is len(strings.Fields(s)), without making the slice: every
// body's words are counted for every audience on every build.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		space, size := spaceAt(s, i)
		if !space && !in {
			n++
		}
		in = !space
		i += size
	}
	return n
}

// spaceAt reports whether the character at s[i] is white space, as
// strings.Fields sees it, and its length in bytes.
func spaceAt(s string, i int) (space bool, size int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiSpace[c], 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), size
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// CSS returns the highlighting stylesheet of a chroma style, for the
// classes the renderer writes.
func CSS(style string) string {
	var b bytes.Buffer
	_ = chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&b, styles.Get(style))
	return b.String()
}

// Links returns the site-internal Markdown link and image destinations of
// src without rendering it.
func (r *Renderer) Links(src Source) []LinkUse {
	if links, ok := r.links.Get(r.sourceKey("p", src)); ok {
		return links
	}
	return r.facts(src).links
}

// sourceKey is the memo's key for what kind of result of src: the source
// by its SHA-256, so that a key costs its 32 bytes, not the whole body,
// every time the same body is rendered again.
func (r *Renderer) sourceKey(kind string, src Source) string {
	sum := src.sum
	if !src.gone() {
		sum = r.sums.Of(src.text)
	}
	if r.html.trust {
		kind += "!" // rendered with the site's HTML as written
	}
	return kind + "\x00" + string(sum[:])
}

// HeadingID is the id of a heading with the text s, so that
// [[page#Some heading]] lands on it: letters and digits of any script
// lower-cased, spaces, '-' and '_' as '-', everything else dropped. An id
// written as an id ("some-heading") comes out unchanged.
func HeadingID(s string) string {
	var b strings.Builder
	for _, c := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			b.WriteRune(unicode.ToLower(c))
		case c == ' ' || c == '\t' || c == '-' || c == '_':
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}
