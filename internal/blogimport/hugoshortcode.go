package blogimport

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	htmltemplate "github.com/netjournal/netjournal/internal/gotemplate/html"
	texttemplate "github.com/netjournal/netjournal/internal/gotemplate/text"
	"github.com/netjournal/netjournal/internal/markdown"
)

// A shortcode of the site's own (layouts/shortcodes, or its theme's) is
// written as Hugo wrote it: its template run by html/template (netjournal's
// copy, internal/gotemplate), as Hugo runs it, with the shortcode's
// arguments and inner text, the page's and the site's values, and those
// of Hugo's functions a shortcode calls most. A template that calls anything else (a taxonomy, a partial,
// translations) does not run, and the shortcode is left out as before.

// siteShortcode returns what Hugo wrote for shortcode t of the site's,
// with inner its inner text converted already, placed in the body: HTML
// alone on its line as a block, in a line of text on that line (see
// place). ok is false for a shortcode the site does not hold, and err
// says why one it holds does not run.
func (c *converter) siteShortcode(t *shortcode, inner string, end, ordinal int) (out string, ok bool, err error) {
	if c.shortcodeTemplate == nil {
		return "", false, nil
	}
	src, ok := c.shortcodeTemplate(t.name)
	if !ok {
		return "", false, nil
	}
	return c.runShortcode(t, src, inner, end, ordinal, false)
}

// inlineShortcode writes the inline shortcode t ({{< time.inline >}}{{
// now }}{{< /time.inline >}}), whose inner text, to innerEnd, is its
// template: Hugo ran it only when the site's enableInlineShortcodes is
// on, and showed nothing of it otherwise (left out, kept in a comment,
// with a warning: its template's text is no page's); a self-closing one
// runs the template the page gave its name before.
func (c *converter) inlineShortcode(b *strings.Builder, t *shortcode, innerEnd, end, ordinal int) {
	name := strings.ToLower(t.name)
	src, defined := c.inlineTemplates[name]
	if t.pair >= 0 {
		src, defined = c.src[t.end:innerEnd], true
		if c.inlineTemplates == nil {
			c.inlineTemplates = map[string]string{}
		}
		c.inlineTemplates[name] = src
	}
	line := c.line(t.start)
	switch {
	case !c.inlineShortcodes:
		c.warn(line, "inline shortcode %q: the site's enableInlineShortcodes is off, and Hugo showed nothing of it: left out", t.name)
	case !defined:
		c.warn(line, "inline shortcode %q: no template of that name before it in the page: left out", t.name)
	default:
		out, ok, err := c.runShortcode(t, src, "", end, ordinal, true)
		if ok && err == nil {
			c.writeSiteShortcode(b, out, end)
			return
		}
		c.warn(line, "inline shortcode %q does not run here (%v): left out", t.name, err)
	}
	c.comment(b, t.start, end)
}

// runShortcode runs src, the template of shortcode t (see siteShortcode).
// An inline one (asText) runs as a text template, as Hugo runs those: what
// it prints is not escaped.
func (c *converter) runShortcode(t *shortcode, src, inner string, end, ordinal int, asText bool) (out string, ok bool, err error) {
	// A function given what it cannot take (isset of a map by a key of
	// another type) panics: the template does not run.
	defer func() {
		if r := recover(); r != nil {
			out, ok, err = "", false, fmt.Errorf("%v", r)
		}
	}()
	var tmpl interface {
		Execute(w io.Writer, data any) error
	}
	if asText {
		tmpl, err = texttemplate.New(t.name).Funcs(hugoFuncs).Parse(src)
	} else {
		tmpl, err = htmltemplate.New(t.name).Funcs(hugoFuncs).Parse(src)
	}
	if err != nil {
		return "", false, err
	}
	b := &limited{max: maxTemplateOutput}
	if c.html {
		// Hugo gave the template the page's text as written, and wrote
		// its HTML as it was: not as htmlBody escaped it for Markdown.
		inner = unescapeMarks(inner)
	}
	if err := tmpl.Execute(b, &shortcodeContext{t: t, inner: inner, page: c.page, site: c.site, dates: c.pageDates, file: c.pageFile, ordinal: ordinal}); err != nil {
		return "", false, err
	}
	// {{% %}}'s output is Markdown, but not in a page in HTML, which Hugo
	// renders none of.
	markdownOut := strings.HasPrefix(c.src[t.start:], "{{%") && !c.html
	return c.place(b.String(), t.start, end, !markdownOut, false), true, nil
}

// place shapes out, what a template wrote for the construct at
// c.src[start:end], for the body, where the old site put it. Alone on its
// line after a blank one (or first), it is a block of its own, a blank
// line after it (HTML without its own blank lines, each of which would
// end the block, and an indented line after one be code), and so is HTML
// that begins with <pre>, <script>, <style> or <textarea> after text,
// and, with kramdown (a Jekyll include's HTML, which kramdown read), with
// a block element's tag (blockNames). In a line of text, or on a line
// that goes on a paragraph, it is that paragraph's (Hugo puts a
// shortcode's HTML in the page where it was), its lines joined into one.
// A <pre>'s line breaks are its text, written &#10; where a line break of
// the body would end its block or be joined. Hugo's HTML that CommonMark
// reads as a paragraph's is not Markdown: its text is escaped for
// CommonMark to show it as it is, where kramdown read Markdown in an
// include's.
func (c *converter) place(out string, start, end int, isHTML, kramdown bool) string {
	out = strings.TrimSpace(out)
	l := aroundOf(c.src, start, end)
	alone := strings.TrimSpace(l.before) == "" && strings.TrimSpace(l.after) == ""
	afterBlank := strings.TrimSpace(l.prev) == ""
	tag := openingTag(out)
	before := ""
	// In a list item (the line indented under an item's), a block is the
	// item's: its lines indented as the tag's, no blank line before it
	// (its tag begins an HTML block after the item's text as well).
	indent := l.before
	inItem := indent != "" && strings.TrimSpace(indent) == "" && inList(l.prev)
	if alone && !afterBlank && isHTML && (verbatimTags[tag] || kramdown && blockNames[tag]) {
		if !inItem {
			before = "\n"
		}
		afterBlank = true
	}
	if !alone || !afterBlank {
		switch {
		case isHTML && kramdown && scriptOrStyle.MatchString(out):
			// An include's script keeps its lines: Liquid keeps its //
			// comments, which would end it joined (html/template takes a
			// Hugo script's out).
			return out
		case isHTML:
			out = joinLines(pinPre(out, true))
		default:
			out = joinLines(out)
		}
		// The line as it will be: an HTML block's (which CommonMark reads
		// no Markdown in) when it begins with a block's tag, or is one tag
		// alone after a blank line; else a paragraph's. In a list item or
		// a quote, its markers and the item's indent are the container's.
		prefix := l.before
		if containerPrefix.MatchString(prefix) && (strings.ContainsAny(prefix, ">-*+.)") || inList(l.prev)) {
			prefix = ""
		}
		line := prefix + out + l.after
		if isHTML && !(len(markdown.HTMLBlocks(line, false)) > 0 && (afterBlank || interrupts(openingTag(strings.TrimLeft(line, " "))))) {
			if kramdown {
				out = inlineRawIn(out, nil) // kramdown kept an inline <code>'s text
			} else {
				out = c.escapeHTMLOut(out)
			}
		}
		return out
	}
	after := "\n"
	if strings.TrimSpace(l.next) == "" {
		after = ""
	}
	if isHTML && !verbatimTags[tag] {
		out = pinPre(out, false)
		var lines []string
		for _, l := range strings.Split(out, "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, strings.TrimRight(l, " \t\r"))
			}
		}
		out = strings.Join(lines, "\n")
		switch {
		case kramdown:
			out = kramdownInlineRaw(out) // kramdown kept an inline <code>'s text
		case len(markdown.HTMLBlocks(out, false)) == 0:
			out = c.escapeHTMLOut(out) // a paragraph's to CommonMark
		}
	}
	if inItem {
		// The list's next item, or what ends the item, ends the block:
		// no blank line after it, which would make the list loose. A
		// line of the item's own after it would be the block's.
		if !strings.HasPrefix(l.next, indent) || strings.TrimSpace(l.next) == "" {
			after = ""
		}
		if !verbatimTags[tag] {
			out = strings.ReplaceAll(out, "\n", "\n"+indent)
		}
	}
	return before + out + after
}

// escapeHTMLOut escapes the text of HTML a template or an include wrote,
// where CommonMark reads it as a paragraph's: in a body in HTML, as
// htmlBody escapes the body's own (quotes, dashes and all).
func (c *converter) escapeHTMLOut(out string) string {
	if c.html {
		return escapeText(out, false)
	}
	return escapeHTMLText(out)
}

// verbatimTags are the elements whose text is kept as it is, lines and
// all: an HTML block of CommonMark's first type, to its closing tag.
var verbatimTags = map[string]bool{"pre": true, "script": true, "style": true, "textarea": true}

// preElement is a <pre> or <textarea> element, its text and all: a
// browser shows its line breaks, and reads &#10; as one.
var preElement = regexp.MustCompile(`(?is)<pre[\s>].*?</pre\s*>|<textarea[\s>].*?</textarea\s*>`)

// scriptOrStyle is a <script> or <style> element's opening tag.
var scriptOrStyle = regexp.MustCompile(`(?i)<(script|style)[\s>]`)

// containerPrefix is what may stand before a construct on its line in a
// quote or a list item: spaces, quote markers, a list item's marker.
var containerPrefix = regexp.MustCompile(`^[ \t>]*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)?$`)

// inList reports whether prev, the line before a construct's, is a list
// item's, or indented as its text is: a line indented after it is the
// item's, where four spaces begin no code.
func inList(prev string) bool {
	_, isItem := listItem(prev)
	return isItem || strings.HasPrefix(prev, "  ")
}

// interrupts reports whether a line that begins with tag begins an HTML
// block after a paragraph's line too: CommonMark's blocks of its first six
// types, not a tag of its own (the seventh).
func interrupts(tag string) bool { return verbatimTags[tag] || cmBlockNames[tag] }

// cmBlockNames are the elements whose tag begins an HTML block of
// CommonMark's sixth type.
var cmBlockNames = map[string]bool{}

func init() {
	for _, n := range strings.Fields("address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul") {
		cmBlockNames[n] = true
	}
}

// pinPre returns s with line breaks of each <pre> written &#10;, which
// the browser shows as they were: all of them for a line (inline), else
// those of its blank lines, each of which would end the HTML block the
// <pre> is in (a line of spaces too).
func pinPre(s string, inline bool) string {
	return preElement.ReplaceAllStringFunc(s, func(pre string) string {
		if inline {
			return strings.ReplaceAll(pre, "\n", "&#10;")
		}
		return blankLine.ReplaceAllString(pre, "\n&#10;")
	})
}

// blankLine is a line break, a line of nothing but spaces and its own.
var blankLine = regexp.MustCompile(`\n[ \t]*\n`)

// joinLines joins the lines of s into one, the spaces about each line
// break one space: a <pre>'s have none left (pinPre), and its spaces stay.
func joinLines(s string) string {
	return strings.TrimSpace(lineBreak.ReplaceAllString(s, " "))
}

// lineBreak is a line break and the spaces about it.
var lineBreak = regexp.MustCompile(`[ \t\r]*\n[ \t\r\n]*`)

// escapeHTMLText escapes the marks of Markdown in the text of HTML, not
// in its tags nor in a web address (whose link would end at the first
// escaped mark): CommonMark reads Markdown in a paragraph's HTML, and
// Hugo put a shortcode's HTML in the page as it was (__init__ in <code>
// was bold).
func escapeHTMLText(s string) string {
	var b strings.Builder
	text := func(t string) {
		last := 0
		for _, m := range webAddress.FindAllStringIndex(t, -1) {
			b.WriteString(escapeMarkdown.Replace(t[last:m[0]]))
			b.WriteString(t[m[0]:m[1]])
			last = m[1]
		}
		b.WriteString(escapeMarkdown.Replace(t[last:]))
	}
	for s != "" {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			text(s)
			break
		}
		text(s[:lt])
		gt := tagEnd(s[lt:])
		if gt < 0 {
			b.WriteString(s[lt:])
			break
		}
		b.WriteString(s[lt : lt+gt])
		s = s[lt+gt:]
	}
	return b.String()
}

// webAddress is a web address as netjournal links it in text, without
// the marks of Markdown that may stand around it; parentheses and
// brackets in pairs are its own (C_(programming_language)).
var webAddress = regexp.MustCompile(`(?:https?://|ftp://|www\.)(?:[^\s<>()\[\]*]|\([^\s<>()]*\)|\[[^\s<>\[\]]*\])+`)

// tagEnd returns where the tag s begins with ends, past its '>', a '>'
// in a quoted attribute passed by; -1 if it does not end.
func tagEnd(s string) int { return tagEndBefore(s, 0) }

// tagEndBefore is tagEnd, -1 also at stop outside quotes (0: none).
func tagEndBefore(s string, stop byte) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		case c == stop && stop != 0:
			return -1
		}
	}
	return -1
}

// openingTag returns the name, in lower case, of the tag s begins with.
func openingTag(s string) string {
	if !strings.HasPrefix(s, "<") {
		return ""
	}
	end := strings.IndexAny(s[1:], " \t\n\r/>")
	if end < 0 {
		return ""
	}
	return strings.ToLower(s[1 : 1+end])
}

// maxTemplateOutput is the most a shortcode's template or an include may
// write: one that writes more (a loop without end) does not run.
const maxTemplateOutput = 1 << 20

// limited is a strings.Builder that refuses to grow past max.
type limited struct {
	strings.Builder
	max int
}

func (l *limited) Write(p []byte) (int, error) {
	if l.Len()+len(p) > l.max {
		return 0, fmt.Errorf("it writes more than %d bytes", l.max)
	}
	return l.Builder.Write(p)
}

// shortcodeContext is a shortcode's dot, as Hugo's templates see it.
type shortcodeContext struct {
	t          *shortcode
	inner      string
	page, site map[string]any
	dates      pageDates
	file       shortcodeFile
	ordinal    int // among the shortcodes of its parent (the page, or one), from 0
}

// Get returns the positional argument i, or the named argument key; nil
// when there is none. A bare true or false is a boolean, a bare number a
// number, as Hugo reads them; a quoted one is text.
func (s *shortcodeContext) Get(key any) any {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(s.t.pos) {
			return typed(s.t.pos[k], s.t.bare["#"+strconv.Itoa(k)])
		}
	case string:
		k = strings.ToLower(k)
		if v, ok := s.t.named[k]; ok {
			return typed(v, s.t.bare[k])
		}
	}
	return nil
}

// typed is an argument's value as Hugo has it: a bare true, false,
// integer or decimal is one; anything else, and anything quoted, is text.
func typed(v string, bare bool) any {
	if !bare {
		return v
	}
	switch {
	case v == "true" || v == "false":
		return v == "true"
	case bareInt.MatchString(v):
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	case bareFloat.MatchString(v):
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return f
		}
	}
	return v
}

// bareInt and bareFloat are the numbers Hugo reads in a shortcode's
// arguments: 1e3, 0x10, inf and 1. are text to it.
var (
	bareInt   = regexp.MustCompile(`^-?[0-9]+$`)
	bareFloat = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)
)

func (s *shortcodeContext) Inner() htmltemplate.HTML         { return htmltemplate.HTML(s.inner) }
func (s *shortcodeContext) InnerDeindent() htmltemplate.HTML { return s.Inner() }
func (s *shortcodeContext) IsNamedParams() bool              { return len(s.t.named) > 0 }
func (s *shortcodeContext) Name() string                     { return s.t.name }
func (s *shortcodeContext) Ordinal() int                     { return s.ordinal }
func (s *shortcodeContext) Position() string                 { return s.t.name }
func (s *shortcodeContext) Page() shortcodePage {
	return shortcodePage{m: s.page, site: s.site, date: s.dates.date, lastmod: s.dates.lastmod, publish: s.dates.date, file: s.file}
}
func (s *shortcodeContext) Site() shortcodeSite { return shortcodeSite{s.site} }

// Params returns the named arguments, or the positional ones.
func (s *shortcodeContext) Params() any {
	if s.IsNamedParams() {
		return s.t.named
	}
	return s.t.pos
}

// shortcodePage is .Page: its front matter's values. A struct, not a
// map: what Hugo's page has and this one does not is an error, not
// nothing.
type shortcodePage struct {
	m, site                map[string]any
	date, lastmod, publish time.Time // as the import read them
	file                   shortcodeFile
}

func (p shortcodePage) Title() string          { return str(p.m["title"]) }
func (p shortcodePage) Site() shortcodeSite    { return shortcodeSite{p.site} }
func (p shortcodePage) Date() time.Time        { return p.date }
func (p shortcodePage) PublishDate() time.Time { return p.publish }

// Lastmod is the day it was last changed: its date when it says none,
// as Hugo's.
func (p shortcodePage) Lastmod() time.Time {
	if p.lastmod.IsZero() {
		return p.date
	}
	return p.lastmod
}
func (p shortcodePage) Params() map[string]any { return lowerKeys(p.m) }
func (p shortcodePage) Permalink() string      { return str(p.m["url"]) }
func (p shortcodePage) RelPermalink() string   { return p.Permalink() }

// File is the page's file, as Hugo 0.111's .File has it:
// post/CF603E.en.md is in Dir post/, its LogicalName CF603E.en.md, its
// BaseFileName CF603E.en, its TranslationBaseName and ContentBaseName
// CF603E (a bundle's index.md: its folder's name). An image shortcode
// often names a folder of the post's images by one. Filename is the
// file's path in the old site, not on the disk.
func (p shortcodePage) File() shortcodeFile { return p.file }

// shortcodeFile is .Page.File.
type shortcodeFile struct {
	Path, Dir, LogicalName, BaseFileName, TranslationBaseName, ContentBaseName string
	Ext, Extension, Lang, Filename                                             string
}

// shortcodeSite is .Site: the configuration's values (a struct, as
// shortcodePage is).
type shortcodeSite struct{ m map[string]any }

func (s shortcodeSite) Title() string   { return str(s.m["title"]) }
func (s shortcodeSite) BaseURL() string { return str(lowerKeys(s.m)["baseurl"]) }
func (s shortcodeSite) Params() map[string]any {
	p, _ := s.m["params"].(map[string]any)
	return lowerKeys(p)
}

// lowerKeys returns m with its keys in lower case, as Hugo has them.
func lowerKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

// hugoFuncs are the functions of Hugo's that shortcodes call most, as
// Hugo has them (their argument order is Hugo's: default DEFAULT VALUE).
var hugoFuncs = htmltemplate.FuncMap{
	"safeHTML":     func(v any) htmltemplate.HTML { return htmltemplate.HTML(str(v)) },
	"safeHTMLAttr": func(v any) htmltemplate.HTMLAttr { return htmltemplate.HTMLAttr(str(v)) },
	"safeCSS":      func(v any) htmltemplate.CSS { return htmltemplate.CSS(str(v)) },
	"safeJS":       func(v any) htmltemplate.JS { return htmltemplate.JS(str(v)) },
	"safeURL":      func(v any) htmltemplate.URL { return htmltemplate.URL(str(v)) },
	"htmlEscape":   func(v any) string { return html.EscapeString(str(v)) },
	"htmlUnescape": func(v any) string { return html.UnescapeString(str(v)) },
	"markdownify":  markdownify,
	"plainify":     func(v any) string { return html.UnescapeString(tagRE.ReplaceAllString(str(v), "")) },
	"lower":        func(v any) string { return strings.ToLower(str(v)) },
	"upper":        func(v any) string { return strings.ToUpper(str(v)) },
	"trim":         func(v any, cut string) string { return strings.Trim(str(v), cut) },
	"chomp":        func(v any) string { return strings.TrimRight(str(v), "\r\n") },
	"replace":      func(v any, old, new string) string { return strings.ReplaceAll(str(v), old, new) },
	"split":        func(v any, sep string) []string { return strings.Split(str(v), sep) },
	"urlize":       func(v any) string { return url.PathEscape(strings.ReplaceAll(strings.ToLower(str(v)), " ", "-")) },
	"absURL":       func(v any) string { return sitePath(str(v)) },
	"relURL":       func(v any) string { return sitePath(str(v)) },
	"default":      hugoDefault,
	"dict":         dict,
	"slice":        func(vs ...any) []any { return vs },
	"in":           func(set any, v any) bool { return strings.Contains(fmt.Sprint(set), fmt.Sprint(v)) },
	"isset":        isset,
	"errorf":       func(format string, args ...any) (string, error) { return "", fmt.Errorf(format, args...) },
	"urls":         func() urlFuncs { return urlFuncs{} },
	"strings":      func() stringFuncs { return stringFuncs{} },
}

// tagRE is an HTML tag, for plainify.
var tagRE = regexp.MustCompile(`<[^>]*>`)

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// sitePath is a path of the new site: the old site's root is its root.
func sitePath(s string) string {
	if s != "" && !strings.HasPrefix(s, "/") && !strings.Contains(s, "://") {
		s = "/" + s
	}
	return s
}

// markdownify renders Markdown as Hugo does for a template, with Hugo's
// Markdown extensions on by default (its typographer, definition lists
// and footnotes beside GitHub's), raw HTML left out as Hugo leaves it
// out by default: a single paragraph without its <p>.
func markdownify(v any) (htmltemplate.HTML, error) {
	var b bytes.Buffer
	if err := hugoMarkdown.Convert([]byte(str(v)), &b); err != nil {
		return "", err
	}
	out := strings.TrimSpace(b.String())
	if inner, ok := strings.CutPrefix(out, "<p>"); ok && strings.HasSuffix(inner, "</p>") && !strings.Contains(inner, "<p>") {
		out = strings.TrimSuffix(inner, "</p>")
	}
	return htmltemplate.HTML(out), nil
}

// hugoMarkdown is Markdown as Hugo renders it by default.
var hugoMarkdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote, extension.Typographer))

// hugoDefault returns v, or def when v is not set (nil, "", false, 0, or
// empty).
func hugoDefault(def any, v ...any) any {
	if len(v) == 0 || v[0] == nil {
		return def
	}
	r := reflect.ValueOf(v[0])
	if r.IsZero() || (r.Kind() == reflect.Slice || r.Kind() == reflect.Map) && r.Len() == 0 {
		return def
	}
	return v[0]
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: a key without its value")
	}
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		m[str(kv[i])] = kv[i+1]
	}
	return m, nil
}

func isset(c any, key any) bool {
	r := reflect.ValueOf(c)
	switch r.Kind() {
	case reflect.Map:
		return r.MapIndex(reflect.ValueOf(key)).IsValid()
	case reflect.Slice, reflect.Array:
		i, ok := key.(int)
		return ok && i >= 0 && i < r.Len()
	}
	return false
}

// urlFuncs are Hugo's urls namespace.
type urlFuncs struct{}

func (urlFuncs) Parse(v any) (*url.URL, error) { return url.Parse(str(v)) }

// stringFuncs are Hugo's strings namespace, in part.
type stringFuncs struct{}

func (stringFuncs) ToLower(v any) string              { return strings.ToLower(str(v)) }
func (stringFuncs) ToUpper(v any) string              { return strings.ToUpper(str(v)) }
func (stringFuncs) TrimSpace(v any) string            { return strings.TrimSpace(str(v)) }
func (stringFuncs) Contains(v any, s string) bool     { return strings.Contains(str(v), s) }
func (stringFuncs) HasPrefix(v any, s string) bool    { return strings.HasPrefix(str(v), s) }
func (stringFuncs) HasSuffix(v any, s string) bool    { return strings.HasSuffix(str(v), s) }
func (stringFuncs) Replace(v any, o, n string) string { return strings.ReplaceAll(str(v), o, n) }
