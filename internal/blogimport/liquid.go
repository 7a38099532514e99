package blogimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	goldmarkhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/osteele/liquid"
	"github.com/osteele/liquid/render"
)

// Jekyll's Liquid: {{ output }} and {% tags %}, with {%- -%} trimming
// whitespace; {% raw %} … {% endraw %} is text, and {% comment %} … {%
// endcomment %} nothing.

// liquidTag is one Liquid tag or output of a body.
type liquidTag struct {
	start, end int
	output     bool   // {{ … }}
	name       string // the tag's name: highlight, post_url, …
	markup     string // the rest of the tag, or the output's expression
	text       string // for raw: the text it holds
	raw        bool
	comment    bool
	bad        string
	pair       int // an opening highlight's endhighlight, or -1
	// trimBefore and trimAfter: the tag's {%- and -%} ({{- -}}), which
	// take out the white space before it and after it.
	trimBefore, trimAfter bool
}

var (
	endRaw     = regexp.MustCompile(`\{%-?\s*endraw\s*-?%\}`)
	endComment = regexp.MustCompile(`\{%-?\s*endcomment\s*-?%\}`)
)

// lexLiquid finds every tag and output of s, raw and comment blocks as
// one tag each, and pairs each highlight with its endhighlight.
func lexLiquid(s string) []*liquidTag {
	var out []*liquidTag
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "{")
		if j < 0 {
			break
		}
		j += i
		if j+1 >= len(s) || (s[j+1] != '{' && s[j+1] != '%') {
			i = j + 1
			continue
		}
		t := &liquidTag{start: j, output: s[j+1] == '{', pair: -1}
		closer := "%}"
		if t.output {
			closer = "}}"
		}
		e := strings.Index(s[j+2:], closer)
		if e < 0 {
			t.bad = "a Liquid " + map[bool]string{true: "output {{", false: "tag {%"}[t.output] + " is not closed with " + closer
			if n := strings.IndexByte(s[j:], '\n'); n >= 0 {
				t.end = j + n
			} else {
				t.end = len(s)
			}
			out = append(out, t)
			i = t.end
			continue
		}
		t.end = j + 2 + e + 2
		t.trimBefore, t.trimAfter = e > 0 && s[j+2] == '-', e > 0 && s[j+2+e-1] == '-'
		inner := strings.TrimSpace(strings.Trim(s[j+2:j+2+e], "-"))
		if t.output {
			t.markup = inner
		} else {
			t.name, t.markup, _ = strings.Cut(inner, " ")
			if n := strings.IndexAny(t.name, "\t\n\r"); n >= 0 {
				t.name, t.markup = t.name[:n], t.name[n:]+" "+t.markup
			}
			t.markup = strings.TrimSpace(t.markup)
		}
		switch {
		case !t.output && t.name == "raw":
			t.raw = true
			if loc := endRaw.FindStringIndex(s[t.end:]); loc != nil {
				t.text = s[t.end : t.end+loc[0]]
				t.end += loc[1]
			} else {
				t.text = s[t.end:]
				t.end = len(s)
			}
		case !t.output && t.name == "comment":
			t.comment = true
			if loc := endComment.FindStringIndex(s[t.end:]); loc != nil {
				t.end += loc[1]
			} else {
				t.bad = "{% comment %} is not closed with {% endcomment %}"
			}
		}
		out = append(out, t)
		i = t.end
	}
	var open, blocks []int
	for i, t := range out {
		switch {
		case t.output || t.bad != "":
		case t.name == "highlight":
			open = append(open, i)
		case t.name == "endhighlight" && len(open) > 0:
			out[open[len(open)-1]].pair = i
			open = open[:len(open)-1]
		case liquidBlocks[t.name] != "":
			blocks = append(blocks, i)
		case len(blocks) > 0 && t.name == "end"+out[blocks[len(blocks)-1]].name:
			out[blocks[len(blocks)-1]].pair = i
			blocks = blocks[:len(blocks)-1]
		}
	}
	return out
}

// branch returns the tokens that bound the branch of the if or unless
// block at toks[i] that Jekyll shows (lo is the tag its text follows, hi
// the one it ends at; lo is -1 for none), when each condition before it
// reads only literals and the page's and the site's values; ok is false
// for a block it cannot tell (another variable, a case, a loop).
func (c *converter) branch(toks []*liquidTag, i int) (lo, hi int, ok bool) {
	t := toks[i]
	if (t.name != "if" && t.name != "unless") || c.site == nil && c.page == nil {
		return 0, 0, false
	}
	// The tags that part the block's branches, at its own depth.
	parts := []int{i}
	depth := 0
	for j := i + 1; j < t.pair; j++ {
		u := toks[j]
		switch {
		case u.output || u.bad != "" || u.raw || u.comment:
		case liquidBlocks[u.name] != "" && u.pair >= 0:
			depth++
		case strings.HasPrefix(u.name, "end") && liquidBlocks[u.name[3:]] != "":
			depth--
		case depth == 0 && (u.name == "elsif" && t.name == "if" || u.name == "else"):
			parts = append(parts, j)
		}
	}
	parts = append(parts, t.pair)
	for k, p := range parts[:len(parts)-1] {
		truth := true
		if u := toks[p]; u.name != "else" {
			var known bool
			if truth, known = c.condition(u.markup); !known {
				return 0, 0, false
			}
			if u.name == "unless" {
				truth = !truth
			}
		}
		if truth {
			return p, parts[k+1], true
		}
	}
	return -1, -1, true
}

// condition evaluates a Liquid condition as Jekyll did, when it reads
// only literals and the page's and the site's values (page.x, site.y):
// known is false for one that reads anything else (an assigned variable,
// jekyll.environment), or that does not run.
func (c *converter) condition(markup string) (truth, known bool) {
	for _, w := range liquidWords.FindAllString(stripQuoted(markup), -1) {
		switch w {
		case "and", "or", "contains", "true", "false", "nil", "null", "empty", "blank":
			continue
		}
		if !strings.HasPrefix(w, "page.") && !strings.HasPrefix(w, "site.") || c.computed != nil && c.computed(w) {
			return false, false
		}
	}
	out, err := runInclude("{% if "+markup+" %}1{% endif %}", liquid.Bindings{"site": map[string]any(c.site), "page": c.page})
	if err != nil {
		return false, false
	}
	return out == "1", true
}

// allTags reports whether every line of out that is not blank begins
// with a tag: HTML alone, which kramdown kept as one block to its closing
// tag, blank lines and all (a <div> of a person, its {% if %}s' lines
// blank).
func allTags(out string) bool {
	for _, line := range strings.Split(out, "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "<") {
			return false
		}
	}
	return true
}

// loop returns what the loop from t to end (a for or a tablerow) wrote
// on the old site, when it reads only the page's values, the site's and
// its data files (a list of publications in _data/pubs.yml): run as
// Jekyll ran it. ran is false for one that reads what only Jekyll had
// (the site's posts, a paginator), a value Jekyll computed, or that does
// not run here (a tag or a filter of a plugin's, an include).
func (c *converter) loop(t, end *liquidTag) (out string, ran bool) {
	if t.name != "for" && t.name != "tablerow" || c.site == nil && c.page == nil {
		return "", false
	}
	src := c.src[t.start:end.end]
	if jekyllOnly.MatchString(src) || readsData.MatchString(src) && c.site["data"] == nil {
		return "", false
	}
	// What it loops over is the page's or the site's, and there: not a
	// variable assigned before it, nor a data file that did not read,
	// which would loop over nothing.
	_, over, _ := strings.Cut(t.markup, " in ")
	over, _, _ = strings.Cut(strings.TrimSpace(over), " ")
	var root any
	switch {
	case strings.HasPrefix(over, "site."):
		root, over = map[string]any(c.site), over[len("site."):]
	case strings.HasPrefix(over, "page."):
		root, over = c.page, over[len("page."):]
	}
	if v, found := liquidLookup(root, over); root == nil || !found || v == nil {
		return "", false
	}
	for _, w := range liquidWords.FindAllString(stripQuoted(src), -1) {
		if (strings.HasPrefix(w, "page.") || strings.HasPrefix(w, "site.")) && c.computed != nil && c.computed(w) {
			return "", false
		}
	}
	if c.html {
		src = unescapeMarks(src) // as the page has it, not as htmlBody escaped it
	}
	out, err := runInclude(src, liquid.Bindings{"site": map[string]any(c.site), "page": c.page})
	return out, err == nil
}

// liquidWords are the names a Liquid condition reads, and its keywords;
// numbers are not words.
var liquidWords = regexp.MustCompile(`[A-Za-z_][\w.\-\[\]]*`)

// stripQuoted returns s with its quoted strings left out.
func stripQuoted(s string) string {
	var b strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		switch {
		case quote != 0:
			if s[i] == quote {
				quote = 0
			}
		case s[i] == '"' || s[i] == '\'':
			quote = s[i]
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// liquidBlocks are the Liquid tags whose content shows on a condition, or
// not where it is written, by what the import says of them.
var liquidBlocks = map[string]string{
	"if":       "Liquid's conditions are not evaluated",
	"unless":   "Liquid's conditions are not evaluated",
	"case":     "Liquid's conditions are not evaluated",
	"for":      "Liquid's loops are not run",
	"tablerow": "Liquid's loops are not run",
	"capture":  "Liquid shows a capture where its variable is output, which is not converted",
}

// liquid turns the Liquid of a Jekyll body into Markdown.
func (c *converter) liquid() string {
	toks := lexLiquid(c.src)
	var b strings.Builder
	c.emitLiquid(&b, toks, 0, len(c.src), 0, len(toks))
	return b.String()
}

func (c *converter) emitLiquid(b *strings.Builder, toks []*liquidTag, from, to, lo, hi int) {
	at := from
	for i := lo; i < hi; i++ {
		t := toks[i]
		if t.start < at {
			continue
		}
		text := c.src[at:t.start]
		if t.trimBefore {
			text = strings.TrimRight(text, " \t\r\n")
		}
		b.WriteString(text)
		at = c.trimmedFrom(t, t.end)
		line := c.line(t.start)
		switch {
		case t.bad != "":
			c.warn(line, "%s: left out", t.bad)
			c.drop(b, t.start, t.end)
		case t.raw:
			b.WriteString(t.text)
		case t.comment:
			// A Liquid comment is not for the page.
			c.comment(b, t.start, t.end)
		case t.output:
			if v, ok := c.expr(t.markup); ok {
				if c.html {
					v = htmlText(v)
				}
				b.WriteString(v)
				continue
			}
			c.unconverted(b, t, "Liquid output {{ "+t.markup+" }}")
		case t.name == "highlight" && t.pair >= 0:
			end := toks[t.pair]
			// What it holds is code, as a fence's is: what cannot be
			// converted stays as written, not put in a comment that the
			// code would show.
			c.code = append(c.code, span{t.end, end.start})
			var ib strings.Builder
			c.emitLiquid(&ib, toks, t.end, end.start, i+1, t.pair)
			lang, _, _ := strings.Cut(t.markup, " ")
			ind := block(b, fenced(lang, ib.String()))
			at = end.end
			endBlock(b, c.src, at, ind)
			i = t.pair
		case liquidBlocks[t.name] != "" && t.pair >= 0 && !c.code.in(t.start):
			end := toks[t.pair]
			lo, hi, ok := c.branch(toks, i)
			at, i = c.trimmedFrom(end, end.end), t.pair
			if ok {
				// Its conditions read the page's values and the site's
				// alone: the branch Jekyll showed is converted, the rest
				// kept in comments, which keep its lines' places (a tag
				// alone on its line inside an HTML block).
				if lo < 0 {
					c.hide(b, t.start, end.end)
					continue
				}
				c.hide(b, t.start, toks[lo].end)
				from, to := c.trimmedFrom(toks[lo], toks[lo].end), toks[hi].start
				if toks[hi].trimBefore {
					to = max(from, len(strings.TrimRight(c.src[:to], " \t\r\n")))
				}
				c.emitLiquid(b, toks, from, to, lo+1, hi)
				c.hide(b, toks[hi].start, end.end)
				continue
			}
			if out, ran := c.loop(t, end); ran {
				// In a page in HTML, and where it goes on an HTML block
				// (its <li> in a <ul>), its HTML is placed as an
				// include's is: a block of its own, or joined into its
				// line, its text shown as written. Elsewhere it is the
				// page's Markdown, as Jekyll had kramdown read it.
				l := aroundOf(c.src, t.start, end.end)
				alone := strings.TrimSpace(l.before) == "" && strings.TrimSpace(l.after) == ""
				inHTML := alone && strings.HasPrefix(strings.TrimSpace(out), "<") && (strings.HasPrefix(strings.TrimSpace(l.prev), "<") || allTags(out))
				if c.html || inHTML {
					placed := c.place(out, t.start, end.end, true, !c.html)
					if !alone { // the spaces around it, in its line
						placed = out[:len(out)-len(strings.TrimLeft(out, " \t\r\n"))] + placed + out[len(strings.TrimRight(out, " \t\r\n")):]
					}
					out = placed
				}
				b.WriteString(out)
				continue
			}
			// What it holds may not be for the page (a writer's
			// {% if jekyll.environment == "production" %}): kept in the
			// file, shown nowhere.
			c.warn(line, "{%% %s %%} … {%% end%s %%}: %s: kept in a comment, shown nowhere; keep what the page should show outside it", t.name, t.name, liquidBlocks[t.name])
			c.hide(b, t.start, end.end)
		default:
			if v, ok := c.tag(t); ok {
				if strings.HasPrefix(v, "<figure") {
					endBlock(b, c.src, t.end, block(b, v))
				} else {
					b.WriteString(v)
				}
				continue
			}
			c.unconverted(b, t, "Liquid tag {% "+t.name+" %}")
		}
	}
	if at < to {
		b.WriteString(c.src[at:to])
	}
}

// trimmedFrom is where the text after toks[i] begins: past the white
// space its -%} takes out.
func (c *converter) trimmedFrom(t *liquidTag, at int) int {
	if !t.trimAfter {
		return at
	}
	for at < len(c.src) && strings.IndexByte(" \t\r\n", c.src[at]) >= 0 {
		at++
	}
	return at
}

// hide keeps what the source has from start to end in an HTML comment:
// one over paragraphs a block of its own, which a blank line in it would
// otherwise end.
func (c *converter) hide(b *strings.Builder, start, end int) {
	if blankLine.MatchString(c.src[start:end]) {
		endBlock(b, c.src, end, block(b, htmlComment(c.src[start:end])))
		return
	}
	c.comment(b, start, end)
}

// unconverted warns of a tag it cannot convert and leaves it out.
func (c *converter) unconverted(b *strings.Builder, t *liquidTag, what string) {
	if c.code.in(t.start) {
		c.warn(c.line(t.start), "%s in code: kept as written", what)
	} else {
		c.warn(c.line(t.start), "%s is not converted: left out", what)
	}
	c.drop(b, t.start, t.end)
}

// tag converts the tags that name a post or embed something.
func (c *converter) tag(t *liquidTag) (string, bool) {
	args := liquidFields(t.markup)
	switch t.name {
	case "post_url":
		if len(args) == 0 {
			return "", false
		}
		if p, ok := c.resolve("post_url:" + args[0]); ok {
			return p, true
		}
		c.warn(c.line(t.start), "post_url %s names no imported post: the link goes nowhere", args[0])
		return "#", true
	case "link":
		if len(args) == 0 {
			return "", false
		}
		ref := strings.Trim(args[0], `"'`)
		if p, ok := c.resolve("link:" + ref); ok {
			return p, true
		}
		c.warn(c.line(t.start), "link %s names no imported post: the link goes nowhere", ref)
		return "#", true
	case "gist", "youtube", "vimeo", "tweet", "twitter", "instagram":
		named, pos := liquidArgs(args)
		if t.name == "twitter" && len(pos) > 0 && strings.HasPrefix(pos[0], "oembed") {
			pos = pos[1:]
		}
		return c.asHTML(embed(t.name, named, pos))
	case "include", "include_relative", "include_cached": // jekyll-include-cache's is an include
		if len(args) == 0 {
			return "", false
		}
		named, _ := liquidArgs(args[1:])
		file := strings.ToLower(args[0])
		switch {
		case strings.Contains(file, "youtube"):
			return c.asHTML(embed("youtube", named, nil))
		case strings.Contains(file, "vimeo"):
			return c.asHTML(embed("vimeo", named, nil))
		case strings.Contains(file, "image") || strings.Contains(file, "figure") || strings.Contains(file, "img"):
			// The site's own, when it has one that runs here: its link,
			// its classes, as Jekyll wrote them.
			if t.name != "include_relative" {
				if out, ok := c.includeHTML(t, args[0], args[1:]); ok {
					return out, true
				}
			}
			im := image{
				src: c.attr(named, "url", "src", "image", "image_path", "file", "path", "img"), alt: c.attr(named, "alt"),
				caption: c.attr(named, "caption", "description", "title"),
			}
			if im.src != "" {
				return c.asHTML(im.markdown(), true)
			}
		}
		if t.name != "include_relative" {
			return c.includeHTML(t, args[0], args[1:])
		}
		return c.includeRelativeText(args[0], args[1:])
	}
	return "", false
}

// includeRelativeText returns what Jekyll wrote for an {%
// include_relative %} of file: the file beside the page, its Liquid run
// (includeOutput), in the page's Markdown, which renders it. ok is false
// for a file that is not there, or whose Liquid does not run here.
func (c *converter) includeRelativeText(file string, args []string) (string, bool) {
	out, ok := c.includeOutput(c.includeRelative, file, args)
	return strings.TrimRight(out, "\n"), ok
}

// liquidFields splits a tag's markup into its words, a quoted value with
// its spaces one word, and "key = value" one word, key=value: Jekyll
// reads an include's arguments so (a real blog's {% include codepen.html
// hash = "wvXKwby" title = "Basic Website" %}).
func liquidFields(markup string) []string {
	var out []string
	var w strings.Builder
	var quote byte
	flush := func() {
		if w.Len() > 0 {
			out = append(out, w.String())
			w.Reset()
		}
	}
	for i := 0; i < len(markup); i++ {
		ch := markup[i]
		switch {
		case quote != 0:
			w.WriteByte(ch)
			if ch == quote {
				quote = 0
			}
		case ch == '"' || ch == '\'':
			quote = ch
			w.WriteByte(ch)
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			flush()
		default:
			w.WriteByte(ch)
		}
	}
	flush()
	// key = value, key= value, key =value: one word.
	var joined []string
	for i := 0; i < len(out); i++ {
		switch {
		case out[i] == "=" && len(joined) > 0 && i+1 < len(out):
			joined[len(joined)-1] += "=" + out[i+1]
			i++
		case strings.HasSuffix(out[i], "=") && !strings.ContainsAny(out[i][:len(out[i])-1], "=\"'") && i+1 < len(out):
			joined = append(joined, out[i]+out[i+1])
			i++
		case strings.HasPrefix(out[i], "=") && len(joined) > 0 && !strings.Contains(joined[len(joined)-1], "="):
			joined[len(joined)-1] += out[i]
		default:
			joined = append(joined, out[i])
		}
	}
	return joined
}

// jekyllOnly is Liquid that reads what only Jekyll has: the site's data
// files, posts, pages and collections, a paginator. Run without them an
// include would show nothing where the old site showed a list.
var jekyllOnly = regexp.MustCompile(`(\{\{|\{%)[^}]*\b(site\.(posts|pages|categories|tags|collections|static_files|documents|html_pages|related_posts)\b|paginator\.)`)

// readsData is Liquid that reads the site's data files, which only a
// site whose data folder the import read has (site.data).
var readsData = regexp.MustCompile(`(\{\{|\{%)[^}]*\bsite\.data\b`)

// includeEngine runs the Liquid of an include file: Liquid's own tags
// and filters, and Jekyll's relative_url and absolute_url, which name a
// path of the new site as expr does. An include in it is not read (it
// would read a file of this computer's): the include does not run.
var includeEngine = func() *liquid.Engine {
	e := liquid.NewEngine()
	sitePath := func(v any) string {
		s, _ := v.(string)
		if s != "" && !strings.HasPrefix(s, "/") && !strings.Contains(s, "://") {
			s = "/" + s
		}
		return s
	}
	e.RegisterFilter("relative_url", sitePath)
	e.RegisterFilter("absolute_url", sitePath)
	// Jekyll's filters a page's list of its data most often runs.
	e.RegisterFilter("markdownify", func(v any) (string, error) {
		var b bytes.Buffer
		err := kramdownLike.Convert([]byte(str(v)), &b)
		return b.String(), err
	})
	e.RegisterFilter("xml_escape", func(v any) string { return html.EscapeString(str(v)) })
	e.RegisterFilter("cgi_escape", func(v any) string { return url.QueryEscape(str(v)) })
	e.RegisterFilter("uri_escape", func(v any) string { return (&url.URL{Path: str(v)}).EscapedPath() })
	e.RegisterFilter("slugify", func(v any) string { return jekyllSlug(str(v), false, false) })
	e.RegisterFilter("number_of_words", func(v any) int { return len(strings.Fields(str(v))) })
	e.RegisterFilter("jsonify", func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	})
	e.RegisterFilter("array_to_sentence_string", func(v []any, conn func(string) string) string {
		words := make([]string, len(v))
		for i, x := range v {
			words[i] = str(x)
		}
		and := conn("and")
		switch len(words) {
		case 0:
			return ""
		case 1:
			return words[0]
		case 2:
			return words[0] + " " + and + " " + words[1]
		}
		return strings.Join(words[:len(words)-1], ", ") + ", " + and + " " + words[len(words)-1]
	})
	for _, name := range []string{"include", "include_relative", "include_cached"} {
		e.RegisterTag(name, func(render.Context) (string, error) {
			return "", errors.New("an include in an include is not read")
		})
	}
	return e
}()

// kramdownLike renders Markdown for Jekyll's markdownify as kramdown did:
// raw HTML kept, quotes made typographic, paragraphs in <p>.
var kramdownLike = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote, extension.Typographer), goldmark.WithRendererOptions(goldmarkhtml.WithUnsafe()))

// runInclude runs an include's Liquid with bindings, writing at most
// maxTemplateOutput: the Liquid package panics with a writer's error,
// which is the include's error here.
func runInclude(src string, bindings liquid.Bindings) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("%v", r)
		}
	}()
	w := &limited{max: maxTemplateOutput}
	if err := includeEngine.ParseAndFRender(w, []byte(src), bindings); err != nil {
		return "", err
	}
	return w.String(), nil
}

// includeHTML returns what Jekyll wrote for t, an {% include %} of a file
// of the site's _includes folder, as it wrote it: the file's Liquid run
// with the include's arguments (include.name), the page's values and the
// site's. ok is false for a file the folder does not hold, and for one
// that does not run (a tag or a filter of a plugin's or a theme's). HTML
// on a line of its own is written as a block, its blank lines left out
// (each would end the block, and an indented line after one be code); in
// a line of text, on that line.
func (c *converter) includeHTML(t *liquidTag, file string, args []string) (string, bool) {
	out, ok := c.includeOutput(c.include, file, args)
	if !ok {
		return "", false
	}
	// kramdown read an include's HTML in a Markdown post; in one in HTML,
	// Jekyll wrote it as it was: its text is escaped.
	return c.place(out, t.start, t.end, true, !c.html), true
}

// includeOutput runs the Liquid of an include's file, which read reads
// (nil: none), with the include's arguments (include.name), the page's
// values and the site's. ok is false for a file read does not find, and
// for one that does not run here (a tag or a filter of a plugin's or a
// theme's, what only Jekyll has).
func (c *converter) includeOutput(read func(string) (string, bool), file string, args []string) (string, bool) {
	if read == nil {
		return "", false
	}
	src, ok := read(file)
	if !ok || jekyllOnly.MatchString(src) || readsData.MatchString(src) && c.site["data"] == nil {
		return "", false
	}
	named := map[string]any{}
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok {
			return "", false // Jekyll reads key=value alone
		}
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			named[k] = v[1 : len(v)-1]
		} else if s, ok := c.expr(v); ok {
			named[k] = s
		}
	}
	out, err := runInclude(src, liquid.Bindings{"include": named, "site": c.site, "page": c.page})
	return out, err == nil
}

// attr returns the first of an include's named values, made a site path
// when it is an expression.
func (c *converter) attr(named map[string]string, keys ...string) string {
	for _, k := range keys {
		if v, ok := named[k]; ok {
			if s, ok := c.expr(v); ok {
				return s
			}
			return v
		}
	}
	return ""
}

// liquidArgs splits arguments into key=value and positional ones.
func liquidArgs(args []string) (map[string]string, []string) {
	named := map[string]string{}
	var pos []string
	for _, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok {
			named[strings.ToLower(k)] = unquote(v)
			continue
		}
		if k, v, ok := strings.Cut(a, ":"); ok && !strings.Contains(a, "//") {
			named[strings.ToLower(k)] = unquote(v)
			continue
		}
		pos = append(pos, unquote(a))
	}
	return named, pos
}

// unquote is an argument without the quotes around it, one of each end:
// "'Hello' in QR code" keeps the quotes it holds.
func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return strings.Trim(v, `"'`)
}

// expr evaluates the Liquid expressions that stand for a site path or a
// value of the page or the site: {{ site.baseurl }}, {{ "/x" |
// relative_url }}, {{ page.title }}; ok is false for any other.
func (c *converter) expr(e string) (string, bool) {
	parts := splitPipes(e)
	v, ok := c.operand(strings.TrimSpace(parts[0]))
	if !ok {
		return "", false
	}
	for _, f := range parts[1:] {
		name, arg, _ := strings.Cut(strings.TrimSpace(f), ":")
		name, arg = strings.TrimSpace(name), strings.TrimSpace(arg)
		switch name {
		case "relative_url", "absolute_url":
			if v != "" && !strings.HasPrefix(v, "/") && !strings.Contains(v, "://") {
				v = "/" + v
			}
		case "prepend", "append":
			a, ok := c.operand(arg)
			if !ok {
				return "", false
			}
			if name == "prepend" {
				v = a + v
			} else {
				v += a
			}
		case "strip", "escape", "xml_escape", "uri_escape", "url_encode":
		case "date":
			format, ok := c.operand(arg)
			if !ok {
				return "", false
			}
			if v, ok = liquidDate(v, format); !ok {
				return "", false
			}
		default:
			return "", false
		}
	}
	return v, true
}

// operand is a quoted literal or a variable of the site or the page.
func (c *converter) operand(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], true
	}
	switch s {
	case "site.baseurl", "site.url", "site.github.url", "site.github.url_base", "site.base_url":
		// The old site's root is the new site's root.
		return "", true
	}
	if strings.HasPrefix(s, "site.") || strings.HasPrefix(s, "page.") {
		return c.value(s)
	}
	return "", false
}

// splitPipes splits an expression at the | that are not quoted.
func splitPipes(e string) []string {
	var parts []string
	var quote byte
	last := 0
	for i := 0; i < len(e); i++ {
		switch {
		case quote != 0:
			if e[i] == quote {
				quote = 0
			}
		case e[i] == '"' || e[i] == '\'':
			quote = e[i]
		case e[i] == '|':
			parts = append(parts, e[last:i])
			last = i + 1
		}
	}
	return append(parts, e[last:])
}
