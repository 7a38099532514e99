package markdown

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Raw HTML in a body is kept, made safe: what a writer puts in a post
// (<sup>, <details>, <kbd>, a figure, an anchor with a name, a quoted
// tweet) stays; scripts, event handlers, styles, forms and frames go,
// each removal a warning at its line. HTML comments never stay: writers
// use them for asides that are not for the page. A site that trusts its
// own HTML keeps it as written, comments aside (and what a browser reads
// as one: withoutComments).

// policy is what raw HTML may keep: bluemonday's policy for text from
// users, with the elements and attributes a writer's own posts use, and
// links left as written (no rel="nofollow" on the author's own).
func policy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	p.AllowElements("details", "summary", "kbd", "abbr", "figure", "figcaption", "mark", "ins", "del",
		"sup", "sub", "small", "cite", "q", "dfn", "var", "samp", "time", "wbr", "span", "div")
	p.AllowAttrs("open").OnElements("details")
	// What a writer hid stays hidden: the hidden attribute is kept, and a
	// <template> goes with what it holds (over a block, here; over nodes
	// and blocks, dropTemplates). (Not a style of display: none,
	// which goes with every style: a blog's script opened what it hid,
	// collapsed code, and without the script it would never show.)
	p.AllowAttrs("hidden").Globally()
	p.SkipElementsContent("template")
	p.AllowAttrs("name", "id").OnElements("a")
	p.AllowAttrs("datetime").OnElements("time", "ins", "del")
	p.AllowAttrs("class", "title", "id").Globally()
	// What does nothing without a script: a role and the common aria-*
	// attributes, for readers of the page, and the data-* that posts
	// brought from other blogs have (Medium's data-action="zoom"); not
	// every data-*, since scripts a theme may load act on some (htmx's
	// data-hx-on, Knockout's data-bind, Turbo's data-turbo-method).
	p.AllowAttrs("role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-expanded", "aria-controls", "aria-current").Globally()
	p.AllowAttrs("data-action", "data-width", "data-height", "data-caption", "data-lang", "data-language").Globally()
	// Text for people, whatever its characters: the users' policy keeps
	// only letters, digits and a few signs in these, and dropped an
	// image's alt of "Step 1: install" or "猫の写真。" whole. A value is
	// escaped as any attribute's, so no text can leave it.
	p.AllowAttrs("alt").OnElements("img")
	// An image's size in pixels written with its unit (height="100px"),
	// which browsers read as the number and many posts brought from other
	// blogs have: the users' policy keeps a number or a percentage alone.
	p.AllowAttrs("width", "height").Matching(pixels).OnElements("img")
	// A writer's own video and audio (a screen recording, a talk), a
	// picture's sources, captions, and an image's srcset: every URL of
	// the web or a path of the site (webURL), none of another scheme.
	p.AllowElements("video", "audio", "source", "track", "picture")
	p.AllowAttrs("src").Matching(webURL).OnElements("video", "audio", "track", "source")
	p.AllowAttrs("poster").Matching(webURL).OnElements("video")
	p.AllowAttrs("srcset").Matching(webSrcset).OnElements("img", "source")
	p.AllowAttrs("controls", "loop", "muted", "playsinline", "autoplay").OnElements("video", "audio")
	p.AllowAttrs("preload").Matching(regexp.MustCompile(`^(none|metadata|auto)?$`)).OnElements("video", "audio")
	p.AllowAttrs("width", "height").Matching(pixels).OnElements("video", "source")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("video", "source")
	p.AllowAttrs("type", "media", "sizes").OnElements("source")
	p.AllowAttrs("sizes").OnElements("img")
	p.AllowAttrs("kind", "srclang", "label", "default").OnElements("track")
	p.AllowAttrs("summary").OnElements("table")
	p.AllowAttrs("abbr").OnElements("td", "th")
	return p
}

// pixels is a size in pixels, with its unit or without.
var pixels = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?(px)?$`)

// webURL is a URL of the web (http or https) or a path of the site: one
// with no scheme has no ":" before its first "/", "?" or "#", and does
// not begin "//" (another host, as \\host does: no "\" at all).
// webSrcset is a srcset of such URLs (no ","), each with its descriptor.
var (
	webURL    = regexp.MustCompile(`^` + webURLOf(`\s\\`) + `$`)
	webSrcset = regexp.MustCompile(`^\s*` + webURLOf(`\s,\\`) + `(\s+[0-9.]+[wx])?(\s*,\s*` + webURLOf(`\s,\\`) + `(\s+[0-9.]+[wx])?)*\s*$`)
)

// webURLOf is webURL's pattern for a URL of none of the characters not.
func webURLOf(not string) string {
	return `(?:(?i:https?)://[^` + not + `]+` + // the web
		`|/(?:[^/` + not + `][^` + not + `]*)?` + // a root path
		`|[^:/?#` + not + `][^:/?#` + not + `]*(?:[/?#][^` + not + `]*)?` + // a relative path
		`|[?#][^` + not + `]*)` // a query or a fragment
}

// sanitizer cleans raw HTML nodes, for one Renderer.
type sanitizer struct {
	policy *bluemonday.Policy
	trust  bool // keep HTML as written, comments aside
}

// sanitize replaces every raw HTML node of doc with the HTML it may keep,
// and returns what it removed, by line, and the nodes.
func (s *sanitizer) sanitize(doc ast.Node, src []byte, at *lineIndex) (removed []LineError, nodes []ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindHTMLBlock || n.Kind() == ast.KindRawHTML) {
			nodes = append(nodes, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	foreign := 0 // how deep the nodes so far are in svg and math elements
	// The start tags of inline HTML, by their block and name, each with
	// whether it was taken out (<a href="javascript:…">): the end tag that
	// closes one taken out, another node of the paragraph, goes with it,
	// not left as a stray </a>; the end tag of one kept stays.
	type open struct {
		block ast.Node
		name  string
	}
	opened := map[open][]bool{}
	for _, n := range nodes {
		raw, start := rawHTML(n, src)
		clean := s.clean(raw, &foreign)
		if !s.trust && n.Kind() == ast.KindRawHTML {
			if name, end, ok := soleTag(raw); ok && !voidElement[name] {
				k := open{blockOf(n), name}
				switch stack := opened[k]; {
				case !end:
					opened[k] = append(stack, strings.TrimSpace(clean) == "")
				case len(stack) > 0:
					// Dropped when it closes one taken out, unless one
					// kept is still open under it: a browser ends that one
					// at it (<a href=/ok>x <a href=javascript:…>y</a>).
					if stack[len(stack)-1] && !slices.Contains(stack, false) {
						clean = ""
					}
					opened[k] = stack[:len(stack)-1]
				}
			}
		}
		if !s.trust {
			line := at.line(start)
			for _, l := range s.lostByLine(raw, clean) {
				removed = append(removed, LineError{
					Line: line + l.line,
					Err:  fmt.Errorf("raw HTML: removed %s: it is not allowed in a page (trust_html: true in netjournal.yaml keeps your own HTML as written)", l.what),
				})
			}
		}
		n.SetAttributeString(cleanAttr, []byte(clean))
	}
	if !s.trust {
		dropTemplates(nodes, src)
		// What went with a template is no longer the page's: its
		// slips are not said.
		nodes = slices.DeleteFunc(nodes, func(n ast.Node) bool { return !attached(n, doc) })
	}
	return removed, nodes
}

// attached reports whether n is still in doc.
func attached(n, doc ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if n == doc {
			return true
		}
	}
	return false
}

// dropTemplates takes out what a <template> of raw HTML holds beyond its
// own node, up to the node of its end tag, where that is a node of the
// same parent: the text of a paragraph between an inline <template> and
// its </template>, the blocks between one on a line of its own and its
// end's. The policy takes a template's content out within one node;
// cleaned node by node, the rest of what it held was shown. Where the end
// tag is in no such node (in a paragraph after the template's block),
// nothing is taken: what it held shows, as before, and nothing after it
// is lost.
func dropTemplates(nodes []ast.Node, src []byte) {
	for _, n := range nodes {
		raw, _ := rawHTML(n, src)
		if !containsFold(raw, "<template") || n.Parent() == nil {
			continue
		}
		depth := templateDepth(raw)
		if depth <= 0 {
			continue
		}
		var end ast.Node // the sibling whose raw HTML closes it
		for sib := n.NextSibling(); sib != nil && end == nil; sib = sib.NextSibling() {
			if k := sib.Kind(); k == ast.KindRawHTML || k == ast.KindHTMLBlock {
				r, _ := rawHTML(sib, src)
				if depth += templateDepth(r); depth <= 0 {
					end = sib
				}
			}
		}
		if end == nil {
			continue
		}
		parent := n.Parent()
		for sib := n.NextSibling(); sib != end; {
			next := sib.NextSibling()
			parent.RemoveChild(parent, sib)
			sib = next
		}
	}
}

// templateDepth is how many more <template>s raw opens than it closes.
func templateDepth(raw string) int {
	d := 0
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return d
		case html.StartTagToken, html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "template" {
				if tt == html.StartTagToken {
					d++
				} else {
					d--
				}
			}
		}
	}
}

// soleTag reports the name of the one tag raw is, a start tag (also one
// written closed by itself, <a …/>, which a browser opens all the same)
// or an end tag (end): the raw HTML of a paragraph comes a tag at a time.
func soleTag(raw string) (name string, end, ok bool) {
	z := html.NewTokenizer(strings.NewReader(raw))
	switch z.Next() {
	case html.StartTagToken, html.SelfClosingTagToken:
	case html.EndTagToken:
		end = true
	default:
		return "", false, false
	}
	b, _ := z.TagName()
	name = string(b)
	if z.Next() != html.ErrorToken {
		return "", false, false
	}
	return name, end, true
}

// blockOf is the block that holds an inline node.
func blockOf(n ast.Node) ast.Node {
	for n != nil && n.Type() != ast.TypeBlock {
		n = n.Parent()
	}
	return n
}

// rawLinks calls link for every href, src, poster and srcset image of
// the raw HTML that sanitize kept in doc that points inside the site (a
// path, not a URL; or an href to a fragment of the page, which the link
// check looks for, and link keeps), with the value as written and the
// 0-based line its tag
// begins on, and writes what link returns in its place: HTML for an
// attribute value, or "" to keep it. So a site path written in raw HTML
// leads where the same path in a Markdown link leads, and the link check
// finds it at its line. The line is the tag's as written (rawTags): the
// cleaned HTML has lost the lines of what sanitizing took out before it,
// a comment or a script over lines, and a tag's own, written anew.
//
// web, when not nil, is given each web address (http: or https:) an
// href, src or poster leads to, as the tokenizer read it, and its line.
func rawLinks(doc ast.Node, src []byte, at *lineIndex, link func(dest string, line int) string, web func(dest string, line int)) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || (n.Kind() != ast.KindHTMLBlock && n.Kind() != ast.KindRawHTML) {
			return ast.WalkContinue, nil
		}
		v, ok := n.AttributeString(cleanAttr)
		if !ok {
			return ast.WalkSkipChildren, nil
		}
		clean := v.([]byte)
		// The tokenizer reads what may be a link: href = "/x/" and HREF
		// too, as browsers do.
		if !containsFold(clean, "href") && !containsFold(clean, "src") && !containsFold(clean, "poster") { // src: srcset too
			return ast.WalkSkipChildren, nil
		}
		written, start := rawHTML(n, src)
		line := at.line(start)
		tags, next := rawTags(written, line), 0
		var out bytes.Buffer
		changed, lines := false, 0 // lines: of the cleaned HTML before raw
		z := html.NewTokenizer(bytes.NewReader(clean))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			raw := z.Raw()
			// At least as far as the cleaned HTML counts, which loses lines.
			at := line + lines
			lines += bytes.Count(raw, []byte("\n"))
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				out.Write(raw)
				continue
			}
			tok := z.Token()
			if i := keptTag(tags, next, tok); i >= 0 {
				at, next = max(at, tags[i].line), i+1
			}
			attrs := make([]string, len(tok.Attr)) // each value as HTML
			replaced := false
			for i, a := range tok.Attr {
				attrs[i] = html.EscapeString(a.Val)
				if a.Namespace != "" {
					continue
				}
				switch a.Key {
				case "href", "src", "poster":
					if web != nil && isWeb(a.Val) {
						web(a.Val, at)
					}
					// A fragment of the page (#why) is only looked for:
					// link leaves it as written (it is no path).
					if !internal(a.Val) && !(a.Key == "href" && inPage(a.Val)) {
						continue
					}
					if repl := link(a.Val, at); repl != "" {
						attrs[i], replaced = repl, true
					}
				case "srcset":
					if repl, ok := srcsetLinks(a.Val, func(u string) string {
						if web != nil && isWeb(u) {
							web(u, at)
						}
						if !internal(u) {
							return ""
						}
						return link(u, at)
					}); ok {
						attrs[i], replaced = repl, true
					}
				}
			}
			if !replaced {
				out.Write(raw)
				continue
			}
			changed = true
			out.WriteString("<" + tok.Data)
			for i, a := range tok.Attr {
				out.WriteString(" " + a.Key + `="` + attrs[i] + `"`)
			}
			if tt == html.SelfClosingTagToken {
				out.WriteString("/")
			}
			out.WriteString(">")
		}
		if changed {
			n.SetAttributeString(cleanAttr, out.Bytes())
		}
		return ast.WalkSkipChildren, nil
	})
}

// rawTag is a start tag of raw HTML as written, and the 0-based line it
// begins on.
type rawTag struct {
	html.Token
	line int
}

// rawTags returns the start tags of raw, HTML that begins on line, those
// with an href or a src: what rawLinks finds the sanitizer's tags among.
func rawTags(raw string, line int) []rawTag {
	var out []rawTag
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		at := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if tok := z.Token(); linkAttrs(tok) {
				out = append(out, rawTag{tok, at})
			}
		}
	}
}

// linkAttrs reports whether a tag has an href, a src, a srcset or a
// poster.
func linkAttrs(tok html.Token) bool {
	return slices.ContainsFunc(tok.Attr, func(a html.Attribute) bool { return a.Namespace == "" && linkAttr(a.Key) })
}

// linkAttr reports whether an attribute of this name holds a URL
// rawLinks reads (srcset, several).
func linkAttr(key string) bool {
	return key == "href" || key == "src" || key == "srcset" || key == "poster"
}

// srcsetLinks calls link for each URL of a srcset (the images of
// <img srcset="a.png 1x, b.png 2x">, read as the HTML standard reads the
// list), and returns the attribute's value as HTML with what link
// returned in place of each URL it returned something for, and whether
// it did for any.
func srcsetLinks(srcset string, link func(url string) string) (string, bool) {
	var out strings.Builder
	changed := false
	for i, c := range srcsetCandidates(srcset) {
		if i > 0 {
			out.WriteString(", ")
		}
		repl := link(c.url)
		if repl == "" {
			repl = html.EscapeString(c.url)
		} else {
			changed = true
		}
		out.WriteString(repl)
		out.WriteString(html.EscapeString(strings.TrimRightFunc(c.descriptors, isHTMLSpace)))
	}
	return out.String(), changed
}

// srcsetCandidate is an image of a srcset: its URL, and what follows it
// to the next comma ("" or " 2x", its leading space kept).
type srcsetCandidate struct{ url, descriptors string }

// srcsetCandidates splits a srcset into its images as the HTML standard's
// parser does: a URL runs to the next space (commas it ends with are the
// list's), its descriptors to the next comma outside parentheses.
func srcsetCandidates(s string) []srcsetCandidate {
	var out []srcsetCandidate
	for pos := 0; ; {
		for pos < len(s) && (isHTMLSpace(rune(s[pos])) || s[pos] == ',') {
			pos++
		}
		if pos >= len(s) {
			return out
		}
		start := pos
		for pos < len(s) && !isHTMLSpace(rune(s[pos])) {
			pos++
		}
		c := srcsetCandidate{url: s[start:pos]}
		if trimmed := strings.TrimRight(c.url, ","); trimmed != c.url {
			c.url = trimmed
		} else {
			start, depth := pos, 0
			for ; pos < len(s) && (s[pos] != ',' || depth > 0); pos++ {
				switch s[pos] {
				case '(':
					depth++
				case ')':
					depth = max(depth-1, 0)
				}
			}
			c.descriptors = s[start:pos]
		}
		out = append(out, c)
	}
}

// isHTMLSpace reports whether r is ASCII white space as HTML has it.
func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// keptTag returns the index in tags, from from on, of the tag as written
// that tok, a tag of the cleaned HTML with a link (linkAttrs), was: the
// next of its name with the same links, as written or as the
// sanitizer writes them anew (sameURL). The sanitizer keeps or takes out
// tags written alike alike, so the first is the one — but for a tag in
// an element whose content it takes out and whose tags are still tags
// (<object>): one alike after it is given its line, an earlier one. -1
// for a tag with neither, or none found.
func keptTag(tags []rawTag, from int, tok html.Token) int {
	if !linkAttrs(tok) {
		return -1
	}
	for i := from; i < len(tags); i++ {
		if tags[i].Data == tok.Data && sameLinks(tags[i].Token, tok) {
			return i
		}
	}
	return -1
}

// sameLinks reports whether written has each link attribute that kept
// has (linkAttr), with the same value (sameURL).
func sameLinks(written, kept html.Token) bool {
	for _, a := range kept.Attr {
		if a.Namespace != "" || !linkAttr(a.Key) {
			continue
		}
		if !slices.ContainsFunc(written.Attr, func(w html.Attribute) bool {
			return w.Namespace == "" && w.Key == a.Key && sameURL(w.Val, a.Val)
		}) {
			return false
		}
	}
	return true
}

// sameURL reports whether kept is written, a URL, as the sanitizer keeps
// it: as written, or parsed and written anew (/über/ as /%C3%BCber/), a
// percent sign that starts no escape written %25 (fixPercents).
func sameURL(written, kept string) bool {
	if written == kept {
		return true
	}
	u, err := url.Parse(fixPercent(strings.TrimSpace(written)))
	return err == nil && u.String() == kept
}

// urlAttrs are the attributes of raw HTML that hold a URL (or, srcset, a
// list of them).
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "srcset": true}

// fixPercents writes raw HTML's URLs with each percent sign that starts
// no escape as %25, as goldmark writes a Markdown link's (and as a
// browser reads it): the sanitizer, which keeps only URLs that parse,
// took out <a href="book.html#%_sec_2.4"> and left its </a>. Tags with
// none are left byte for byte.
func fixPercents(raw string) string {
	if !strings.Contains(raw, "%") {
		return raw
	}
	var b strings.Builder
	changed := false
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		written := string(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			tok := z.Token()
			fixed := false
			for i, a := range tok.Attr {
				if a.Namespace == "" && urlAttrs[a.Key] {
					if v := fixPercent(a.Val); v != a.Val {
						tok.Attr[i].Val, fixed = v, true
					}
				}
			}
			if fixed {
				b.WriteString(tok.String())
				changed = true
				continue
			}
		}
		b.WriteString(written)
	}
	if !changed {
		return raw
	}
	return b.String()
}

// fixPercent writes each percent sign of s that starts no escape (two
// hexadecimal digits after it) as %25.
func fixPercent(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
			b.WriteString("%25")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// cleanAttr holds a raw HTML node's cleaned HTML, for render to write in
// its place. It is never written as an attribute: goldmark writes none
// for raw HTML.
const cleanAttr = "netjournal-clean"

// RegisterFuncs writes raw HTML nodes as sanitize left them.
func (s *sanitizer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, s.render)
	reg.Register(ast.KindRawHTML, s.render)
}

// render writes a raw HTML node's cleaned HTML; a node that was never
// cleaned writes nothing.
func (s *sanitizer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if v, ok := n.AttributeString(cleanAttr); ok {
			w.Write(v.([]byte))
		}
	}
	return ast.WalkSkipChildren, nil
}

// rawHTML is the text of a raw HTML node as written, and its offset.
func rawHTML(n ast.Node, src []byte) (string, int) {
	var b strings.Builder
	start := -1
	switch n := n.(type) {
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			if start < 0 {
				start = seg.Start
			}
			b.Write(seg.Value(src))
		}
		if n.HasClosure() {
			b.Write(n.ClosureLine.Value(src))
		}
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			if start < 0 {
				start = seg.Start
			}
			b.Write(seg.Value(src))
		}
	}
	return b.String(), max(start, 0)
}

// clean is raw HTML as a page may have it; foreign is how deep the HTML
// before it in the body is in svg and math elements, for a trusted site's
// (withoutComments).
// hidingStyle is a style that hides its element.
var hidingStyle = regexp.MustCompile(`(?i)(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b`)

// hides reports whether an attribute hides its element: hidden, or a
// style that does (which only a site that trusts its HTML keeps: the
// text is read from the HTML as the page has it).
func hides(key, val string) bool {
	return key == "hidden" || key == "style" && hidingStyle.MatchString(val)
}

func (s *sanitizer) clean(raw string, foreign *int) string {
	if s.trust {
		return withoutComments(raw, foreign)
	}
	raw = fixPercents(raw)
	if !strings.Contains(raw, "&") {
		return s.policy.Sanitize(raw)
	}
	// The policy writes what it keeps decoded: the writer's &#91;[ (a
	// bracket shown as text, not wikilink syntax) would come out as [[.
	// Kept as the entity it was written as, it shows the same.
	out := s.policy.Sanitize(bracketEntity.ReplaceAllString(raw, bracketMark))
	return strings.ReplaceAll(out, bracketMark, "&#91;")
}

// bracketEntity is a character reference to "[".
var bracketEntity = regexp.MustCompile(`&(?:#0*91|#[xX]0*5[bB]|lsqb|lbrack);`)

// bracketMark stands for the writer's bracket through the sanitizer:
// letters it keeps as they are, which no body holds.
const bracketMark = "njbracketqv7k3w"

// withoutComments removes from a fragment of HTML what a page never
// shows: its comments, and what a browser reads as one (a processing
// instruction, <?php … ?>; a declaration, <!DOCTYPE …> or <!X …>; a CDATA
// section outside an SVG or MathML, where it is text, and shown). foreign
// is how deep the fragment begins in svg and math elements, and is left
// as deep as it ends: the raw HTML of a paragraph comes a tag at a time.
func withoutComments(raw string, foreign *int) string {
	if !strings.Contains(raw, "<!") && !strings.Contains(raw, "<?") && !containsFold(raw, "svg") && !containsFold(raw, "math") {
		return raw
	}
	z := html.NewTokenizer(strings.NewReader(raw))
	z.AllowCDATA(*foreign > 0)
	var b strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				b.Write(z.Raw())
			}
			return b.String()
		case html.CommentToken, html.DoctypeToken:
			continue
		}
		b.Write(z.Raw())
		if tt == html.StartTagToken || tt == html.EndTagToken {
			if name, _ := z.TagName(); string(name) == "svg" || string(name) == "math" {
				if tt == html.StartTagToken {
					*foreign++
				} else if *foreign > 0 {
					*foreign--
				}
				z.AllowCDATA(*foreign > 0)
			}
		}
	}
}

// containsFold reports whether s holds sub, an ASCII word in lower case,
// in any case.
func containsFold[S string | []byte](s S, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(string(s[i:i+len(sub)]), sub) {
			return true
		}
	}
	return false
}

// lost says what of raw HTML is not in clean: the elements and the
// attributes, comments aside (they are removed on purpose).
func lost(raw, clean string) string {
	before, after := inventory(raw), inventory(clean)
	var out []string
	for item, n := range before {
		if after[item] >= n {
			continue
		}
		// An element removed takes its attributes with it: say it once.
		if _, tag, ok := strings.Cut(item, "= on "); ok && after[tag] < before[tag] {
			continue
		}
		out = append(out, item)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// lostLine is what lost finds, on one line of the raw HTML (from 0).
type lostLine struct {
	line int
	what string
}

// lostByLine is lost, said at the lines where what was removed is: at
// each line of a tag that, cleaned alone, loses the item; else (an item
// lost for where it is) at the line of its first tag. (An HTML block of
// a post in HTML runs to a hundred lines, and its first line was said
// for all; the first tag of a kind may be one that was kept.)
func (s *sanitizer) lostByLine(raw, clean string) []lostLine {
	what := lost(raw, clean)
	if what == "" {
		return nil
	}
	items := strings.Split(what, ", ")
	if !strings.Contains(raw, "\n") {
		return []lostLine{{0, what}}
	}
	first := map[string]int{}       // an item's first line
	at := map[string]map[int]bool{} // the lines where a tag alone loses it
	z := html.NewTokenizer(strings.NewReader(raw))
	line := 0
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		tok := string(z.Raw()) // before TagName, which may change it
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, more := z.TagName()
			tag := "<" + string(name) + ">"
			mine := []string{tag}
			for more {
				var key []byte
				key, _, more = z.TagAttr()
				mine = append(mine, string(key)+"= on "+tag)
			}
			for _, item := range mine {
				if _, ok := first[item]; !ok {
					first[item] = line
				}
			}
			if slices.ContainsFunc(items, func(i string) bool { return slices.Contains(mine, i) }) {
				foreign := 0
				for _, item := range strings.Split(lost(tok, s.clean(tok, &foreign)), ", ") {
					if item != "" {
						if at[item] == nil {
							at[item] = map[int]bool{}
						}
						at[item][line] = true
					}
				}
			}
		}
		line += strings.Count(tok, "\n")
	}
	byLine := map[int][]string{}
	for _, item := range items {
		lines := at[item]
		if len(lines) == 0 {
			lines = map[int]bool{first[item]: true}
		}
		for l := range lines {
			byLine[l] = append(byLine[l], item)
		}
	}
	var out []lostLine
	for l, list := range byLine {
		slices.Sort(list)
		out = append(out, lostLine{l, strings.Join(list, ", ")})
	}
	slices.SortFunc(out, func(a, b lostLine) int { return a.line - b.line })
	return out
}

// inventory counts the elements (<script>) and attributes (onclick= on
// <a>) of an HTML fragment.
func inventory(fragment string) map[string]int {
	out := map[string]int{}
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			tag := "<" + string(name) + ">"
			out[tag]++
			for more {
				var key []byte
				key, _, more = z.TagAttr()
				out[string(key)+"= on "+tag]++
			}
		}
	}
}

// htmlSlips finds wikilink syntax in the raw HTML nodes (sanitize's) that a page
// keeps (sanitize's), which is no Markdown and so would be published as
// written: in text outside code, or in an attribute's value. A comment
// is never published; code (pre, code, kbd, samp, script, style) shows
// what it holds. "&#91;[" is the writer's [[ shown as text. Each is a
// Slip at its line.
func htmlSlips(nodes []ast.Node, src []byte, at *lineIndex) []Slip {
	var out []Slip
	for _, n := range nodes {
		raw, start := rawHTML(n, src)
		if !strings.Contains(raw, "[[") {
			continue // as written: none
		}
		// As the page keeps it, and a browser reads it (an element the
		// sanitizer took out keeps its text; a <code> left open ends
		// with its cell).
		kept, _ := n.AttributeString(cleanAttr)
		if b, ok := kept.([]byte); !ok || !publishedWiki(string(b)) {
			continue
		}
		line := at.line(start)
		last := -1
		for _, l := range wikiLines(raw) {
			if line+l != last {
				out = append(out, Slip{Line: line + l, Where: "raw HTML"})
				last = line + l
			}
		}
	}
	return out
}

// publishedWiki reports whether HTML, parsed as a browser parses it,
// holds "[[" in text outside code or in an attribute's value.
func publishedWiki(s string) bool {
	if !strings.Contains(s, "[[") {
		return false
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return true // not read: as written
	}
	var found func(n *html.Node, code bool) bool
	found = func(n *html.Node, code bool) bool {
		switch n.Type {
		case html.TextNode:
			return !code && strings.Contains(n.Data, "[[")
		case html.ElementNode:
			for _, a := range n.Attr {
				if strings.Contains(a.Val, "[[") {
					return true
				}
			}
			code = code || codeElement[n.Data]
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if found(c, code) {
				return true
			}
		}
		return false
	}
	for _, n := range nodes {
		if found(n, false) {
			return true
		}
	}
	return false
}

// wikiLines returns the 0-based lines of s, raw HTML, that hold "[[" in
// text outside code or in a tag: outside the code elements open there,
// each closed by its end tag or by the end of an element it is in; or,
// where none does so (the page keeps it elsewhere), every line of s that
// holds "[[".
func wikiLines(s string) []int {
	var outside, all []int
	z := html.NewTokenizer(strings.NewReader(s))
	var open []string
	line := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if i := bytes.Index(raw, []byte("[[")); i >= 0 && tt != html.CommentToken {
			at := line + bytes.Count(raw[:i], []byte("\n"))
			all = append(all, at)
			if tt != html.TextToken || !slices.ContainsFunc(open, func(e string) bool { return codeElement[e] }) {
				outside = append(outside, at)
			}
		}
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElement[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for k := len(open) - 1; k >= 0; k-- {
				if open[k] == string(name) {
					open = open[:k] // and what was left open in it
					break
				}
			}
		}
		line += bytes.Count(raw, []byte("\n"))
	}
	if len(outside) > 0 {
		return outside
	}
	return all
}

// codeElement are the elements whose text is code, shown as written, or
// not shown.
var codeElement = map[string]bool{"pre": true, "code": true, "kbd": true, "samp": true, "script": true, "style": true}

// voidElement are the elements that have no end tag.
// VoidElement reports whether an element of HTML has no end tag (br,
// img): for the importers, which read raw HTML's nesting too.
func VoidElement(name string) bool { return voidElement[name] }

var voidElement = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "keygen": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}

// joinedBrackets finds wikilink syntax that only a comment or tags
// between its brackets keep from being one ([<!-- -->[Mei Chen]],
// [<b></b>[…]]), or that a CDATA section holds: a browser shows the
// brackets together, and so does the post's plain text (its summary, its
// feeds). Code is not looked at. Each is a Slip at the line it begins on.
func joinedBrackets(doc ast.Node, src []byte, at *lineIndex) []Slip {
	if !bytes.Contains(src, []byte("[<")) && !bytes.Contains(src, []byte("CDATA[")) {
		return nil
	}
	found := joined.FindAllIndex(src, -1)
	if found == nil {
		return nil
	}
	code := codeOf(doc, true)
	var out []Slip
	for _, m := range found {
		// A code span's backticks too: a match may begin at one.
		if slices.ContainsFunc(code, func(c [2]int) bool { return m[0] < c[1]+1 && m[1] > c[0]-1 }) {
			continue
		}
		out = append(out, Slip{Line: at.line(m[0]), Where: "brackets a comment or tags keep apart, or a CDATA section, which a page shows together"})
	}
	return out
}

// joined is "[", comments or tags, "[", text and "]]"; or a CDATA section
// that holds "[[text]]".
var joined = regexp.MustCompile(`\[(?:[ \t\r\n]*(?:<!--[\s\S]*?-->|</?[A-Za-z][^<>]*>))+[ \t\r\n]*\[[^\[\]\n]+\]\]|<!\[CDATA\[[\s\S]*?\[\[[^\[\]\n]+\]\]`)

// blockHTML is an HTML block as the sanitizer left it (as written, where
// the site trusts its HTML).
func blockHTML(n *ast.HTMLBlock, src []byte) []byte {
	if v, ok := n.AttributeString(cleanAttr); ok {
		raw, _ := v.([]byte)
		return raw
	}
	s, _ := rawHTML(n, src)
	return []byte(s)
}

// htmlBlockText is the text an HTML block shows: its text, a block's
// tags and line breaks between words as new lines (htmlTexts); hiding is
// what the blocks before left open that hides, and it returns what this
// one leaves so.
func htmlBlockText(n *ast.HTMLBlock, src []byte, hiding []string) (string, []string) {
	raw := blockHTML(n, src)
	if !bytes.ContainsAny(raw, "<&") {
		if len(hiding) > 0 {
			return "", hiding
		}
		return string(raw), hiding
	}
	var b strings.Builder
	hiding = htmlTexts(raw, hiding, func(text []byte, tag string, start bool) bool {
		switch {
		case text != nil:
			b.Write(text)
		case textBreaks[tag]:
			b.WriteByte('\n')
		}
		return true
	})
	return b.String(), hiding
}

// unshown are the elements whose text a reader is not shown: code for
// the browser (script, style, template), what shows only without
// scripts or frames (noscript, noembed), a media element's words for a
// browser that cannot play it, a form's field, the document's title.
var unshown = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true, "noembed": true, "noframes": true,
	"iframe": true, "xmp": true, "title": true, "textarea": true, "video": true, "audio": true,
	"object": true, "select": true, "head": true,
}

// htmlTexts calls f with the text of an HTML fragment that a reader is
// shown (text not nil), and with each tag's name around it (text nil;
// start says a start tag): no unshown element's, nor one's marked hidden
// (hides). hiding is the hiding elements open before the fragment (an
// HTML block's <div hidden> before a block of Markdown and another's
// </div>), innermost last; it returns those open after it, or when f
// returned false and it stopped.
func htmlTexts(raw []byte, hiding []string, f func(text []byte, tag string, start bool) bool) []string {
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return hiding
		case html.TextToken:
			if len(hiding) == 0 && !f(z.Text(), "", false) {
				return hiding
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			tag := string(name)
			if tt == html.EndTagToken {
				// Down to the element it ends, as a browser closes the
				// ones within (a <p> left open in a <div hidden>).
				if i := slices.Index(hiding, tag); i >= 0 {
					for j := len(hiding) - 1; j > i; j-- {
						if hiding[j] == tag {
							i = j
							break
						}
					}
					hiding = hiding[:i]
					continue
				}
				if len(hiding) == 0 && !f(nil, tag, false) {
					return hiding
				}
				continue
			}
			hidden := hidingTag(z, tag, more)
			if (hidden || len(hiding) > 0) && tt == html.StartTagToken && !voidElement[tag] {
				hiding = append(hiding, tag) // in one hidden: its end tags are matched
				continue
			}
			if len(hiding) == 0 && !hidden && !f(nil, tag, true) {
				return hiding
			}
		}
	}
}

// firstHTMLParagraph is the text of doc's first paragraph with text: one
// of Markdown's at its top level, or a <p> of its HTML blocks in none but
// a page's containers (not a quote's, a list's, a <details>'s); else
// their first run of text between blocks' tags. What an HTML element
// marked hidden holds, over blocks too, is passed by.
func firstHTMLParagraph(doc ast.Node, src []byte) string {
	first := ""
	var hiding, open []string
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if _, isHTML := c.(*ast.HTMLBlock); !isHTML {
			open = closedBy(open, "p") // Markdown's blocks end a <p> left open
		}
		if c.Kind() == ast.KindParagraph {
			// One with text: a paragraph of an image alone has none.
			if len(hiding) > 0 || !topLevel(open) {
				continue
			}
			if t := plain(c, src); t != "" {
				return t
			}
			continue
		}
		h, ok := c.(*ast.HTMLBlock)
		if !ok {
			continue
		}
		var t string
		before := hiding
		t, hiding, open = htmlParagraph(blockHTML(h, src), hiding, open)
		if t != "" {
			return t
		}
		if first == "" {
			text, _ := htmlBlockText(h, src, before)
			for _, l := range strings.Split(text, "\n") {
				if l = strings.Join(strings.Fields(l), " "); l != "" {
					first = l
					break
				}
			}
		}
	}
	return first
}

// closedBy returns the elements open (outermost first) less those a start
// tag of tag closes, as a browser reads it: a <p> left open ends at a
// block's tag or another <p>, an <li> at the next <li>, a cell at the
// next cell.
func closedBy(open []string, tag string) []string {
	closes := func(e string) bool {
		switch e {
		case "p":
			return textBreaks[tag] && tag != "br" || tag == "p"
		case "li":
			return tag == "li"
		case "dt", "dd":
			return tag == "dt" || tag == "dd"
		case "td", "th":
			return tag == "td" || tag == "th" || tag == "tr"
		case "tr":
			return tag == "tr"
		case "option":
			return tag == "option"
		}
		return false
	}
	for i := len(open) - 1; i >= 0 && i >= len(open)-2; i-- {
		if closes(open[i]) {
			return open[:i]
		}
	}
	return open
}

// notTopLevel are the elements a paragraph in is not the page's own, as
// one in a quote or a list item is not at Markdown's top level: a
// <details>' spoiler, a quote, a list's, a table's, a figure's, an
// aside's.
var notTopLevel = map[string]bool{
	"blockquote": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"details": true, "summary": true, "table": true, "tr": true, "td": true, "th": true,
	"figure": true, "figcaption": true, "aside": true, "nav": true, "footer": true,
}

// topLevel reports whether a paragraph in the elements open (outermost
// first) is the page's own: in none of notTopLevel (an <a> or a <div>
// left open is no matter).
func topLevel(open []string) bool {
	for _, e := range open {
		if notTopLevel[e] {
			return false
		}
	}
	return true
}

// hidingTag reports whether the tag the tokenizer is at, of this name,
// with attributes (more) to read, hides what it holds: unshown, or by an
// attribute (hides).
func hidingTag(z *html.Tokenizer, tag string, more bool) bool {
	hidden := unshown[tag]
	for more && !hidden {
		var key, val []byte
		key, val, more = z.TagAttr()
		hidden = hides(string(key), string(val))
	}
	return hidden
}

// htmlTags calls f with each tag of raw: its name, whether it is a start
// tag, and whether it hides what it holds (unshown, or hides).
func htmlTags(raw []byte, f func(tag string, start, hidden bool)) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			tag := string(name)
			f(tag, tt == html.StartTagToken, tt != html.EndTagToken && hidingTag(z, tag, more))
		}
	}
}

// htmlParagraph is the text of the first <p> of an HTML fragment with
// text in it that a reader is shown (htmlTexts), in a page's containers
// alone, its white space collapsed; "" for none. hiding and open are the
// hiding elements and all elements open before the fragment; it returns
// them as they are after it.
func htmlParagraph(raw []byte, hiding, open []string) (string, []string, []string) {
	var b strings.Builder
	in, found := false, ""
	hiding = htmlTexts(raw, hiding, func(text []byte, tag string, start bool) bool {
		switch {
		case text != nil:
			if in {
				b.Write(text)
			}
			return true
		case in && tag == "br":
			b.WriteByte(' ')
			return true
		case in && (tag == "p" || textBreaks[tag]):
			if t := strings.Join(strings.Fields(b.String()), " "); t != "" {
				found = t
				return false
			}
			b.Reset()
			in = false
		}
		switch {
		case voidElement[tag]:
		case start:
			open = closedBy(open, tag)
			if tag == "p" && topLevel(open) {
				in = true
			}
			open = append(open, tag)
		default:
			for j := len(open) - 1; j >= 0; j-- {
				if open[j] == tag {
					open = open[:j]
					break
				}
			}
		}
		return true
	})
	if found == "" && in {
		found = strings.Join(strings.Fields(b.String()), " ")
	}
	return found, hiding, open
}

// dropStrayEndTags returns a body's HTML without the end tags of the
// containers a theme wraps a body in (div, article, section, main, …)
// where the body has more of them than it opened: a </div> of raw HTML
// without its <div> (a post imported from WordPress) closed the theme's
// <div> around the body, and what came after it was out of the article.
// Other end tags are left to the browser, which reads them by rules of
// their own (</br> is <br>; a </i> after </b> ends what </b> did not).
func dropStrayEndTags(s string) string {
	if !strings.Contains(s, "</") {
		return s
	}
	var b strings.Builder
	open := map[string]int{} // containers opened and not closed
	z := html.NewTokenizer(strings.NewReader(s))
	off, last := 0, 0 // where the token begins; what of s is written
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		n := len(z.Raw())
		if tt == html.StartTagToken || tt == html.EndTagToken {
			name, _ := z.TagName()
			if tag := string(name); containerElements[tag] {
				switch {
				case tt == html.StartTagToken:
					open[tag]++
				case open[tag] > 0:
					open[tag]--
				default:
					b.WriteString(s[last:off])
					last = off + n
				}
			}
		}
		off += n
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// containerElements are the elements a theme wraps a body in, whose end
// tag from the body, unopened, would close the theme's.
var containerElements = map[string]bool{
	"div": true, "article": true, "section": true, "main": true, "aside": true, "header": true,
	"footer": true, "nav": true, "body": true, "html": true, "center": true,
}
