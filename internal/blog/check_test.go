package blog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Helpers that read rendered pages the way a browser does.

func parse(t *testing.T, name string, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// all returns the elements below n for which match is true, in document
// order.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
	}
	return out
}

func tag(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a }
}

func class(c string) func(*html.Node) bool {
	return func(n *html.Node) bool { return slices.Contains(strings.Fields(attr(n, "class")), c) }
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// text is the text content of n, a space between elements, runs of space
// collapsed: "<span>Older</span><span>Title</span>" is "Older Title".
func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// meta returns the content of <meta name|property=key>, and whether
// there was one.
func meta(doc *html.Node, key string) (string, bool) {
	for _, m := range all(doc, tag(atom.Meta)) {
		if attr(m, "name") == key || attr(m, "property") == key {
			return attr(m, "content"), true
		}
	}
	return "", false
}

func links(doc *html.Node, rel string) []*html.Node {
	return all(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Link && slices.Contains(strings.Fields(attr(n, "rel")), rel)
	})
}

// hrefs returns the texts and targets of the <a> elements matching match.
func anchors(doc *html.Node, match func(*html.Node) bool) map[string]string {
	out := map[string]string{}
	for _, a := range all(doc, func(n *html.Node) bool { return n.DataAtom == atom.A && match(n) }) {
		out[text(a)] = attr(a, "href")
	}
	return out
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// blockElements close an open <p> when they start, so they may not appear
// inside one.
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "details": true, "div": true,
	"dl": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true, "form": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hr": true,
	"main": true, "nav": true, "ol": true, "p": true, "pre": true, "section": true, "table": true, "ul": true,
}

// attrName finds the attribute names of a raw start tag.
var attrName = regexp.MustCompile(`\s([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?`)

// wellFormed reports the problems a lenient HTML parser would silently
// repair: a missing doctype, tags closed out of order or never, end tags
// of void elements, self-closing HTML elements, blocks inside a paragraph,
// links inside links and repeated attributes. Inside <svg>, self-closing
// tags are XML and fine.
func wellFormed(b []byte) []string {
	var problems []string
	if !bytes.HasPrefix(b, []byte("<!doctype html>\n")) {
		problems = append(problems, "does not start with <!doctype html>")
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	var stack []string
	line := 1
	for {
		tt := z.Next()
		raw := slices.Clone(z.Raw())
		at := line
		line += bytes.Count(raw, []byte("\n"))
		bad := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("line %d: ", at)+fmt.Sprintf(format, args...))
		}
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); !errors.Is(err, io.EOF) {
				bad("%v", err)
			}
			if len(stack) > 0 {
				bad("unclosed at end: %v", stack)
			}
			return problems
		case html.StartTagToken, html.SelfClosingTagToken:
			// The tokenizer drops repeated attributes; find them in
			// the raw tag.
			seen := map[string]bool{}
			for _, m := range attrName.FindAllStringSubmatch(string(raw), -1) {
				key := strings.ToLower(m[1])
				if seen[key] {
					bad("repeated attribute %s in %s", key, raw)
				}
				seen[key] = true
			}
			tok := z.Token()
			name := tok.Data
			inSVG := slices.Contains(stack, "svg")
			if tt == html.SelfClosingTagToken {
				if !inSVG && !voidElements[name] {
					bad("<%s/> is not a void element", name)
				}
				continue
			}
			if voidElements[name] {
				continue
			}
			if blockElements[name] && slices.Contains(stack, "p") {
				bad("<%s> inside <p>", name)
			}
			if name == "a" && slices.Contains(stack, "a") {
				bad("<a> inside <a>")
			}
			stack = append(stack, name)
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if voidElements[n] {
				bad("end tag </%s> of a void element", n)
				continue
			}
			if len(stack) == 0 || stack[len(stack)-1] != n {
				bad("</%s> closes %v", n, stack)
				if i := slices.Index(stack, n); i >= 0 {
					stack = stack[:i]
				}
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// ids returns the ids on a page and the ones repeated.
func ids(doc *html.Node) (set map[string]bool, dups []string) {
	set = map[string]bool{}
	for _, n := range all(doc, func(n *html.Node) bool { return hasAttr(n, "id") }) {
		id := attr(n, "id")
		if set[id] {
			dups = append(dups, id)
		}
		set[id] = true
	}
	return set, dups
}

// target resolves a link found on page to the output file it names and
// its fragment; ok is false for links that leave the site.
func target(page, ref, basePath, baseURL string) (file, fragment string, ok bool, err error) {
	if rest, found := strings.CutPrefix(ref, baseURL); found {
		ref = basePath + rest
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", "", false, err
	}
	switch {
	case u.Scheme != "" || u.Host != "":
		return "", "", false, nil
	case u.Path == "":
		return page, u.Fragment, true, nil
	case !strings.HasPrefix(u.Path, "/"):
		return "", "", false, fmt.Errorf("relative link %q", ref)
	case !strings.HasPrefix(u.Path, basePath):
		return "", "", false, fmt.Errorf("link %q is outside the base path %s", ref, basePath)
	}
	file = strings.TrimPrefix(u.Path, basePath)
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	return file, u.Fragment, true, nil
}
