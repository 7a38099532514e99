package markdown

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// WebName is the hash a body's facts keep of a web address's last name
// (Facts.WebNames): of secret for https://example.com/posts/secret/, and
// for /posts/secret/index.html#x too, unescaped.
func WebName(name string) uint64 {
	// FNV-1a, 64 bits (hash/fnv's), without an allocation a link.
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= prime
	}
	return h
}

// LastName is the last name of the path of a link as the page's reader
// reads it (DecodeDest of a Markdown link's destination): secret of
// https://example.com/posts/secret/index.html#x, or of /posts/s%65cret/;
// "" for none.
func LastName(dest string) string {
	if i := strings.IndexAny(dest, "#?"); i >= 0 {
		dest = dest[:i]
	}
	dest = strings.TrimSuffix(strings.TrimSuffix(dest, "index.html"), "/")
	name := dest[strings.LastIndexByte(dest, '/')+1:]
	if u, err := url.PathUnescape(name); err == nil {
		name = u
	}
	return name
}

// webDest is the destination of a link, an image or an autolink, as the
// page's reader reads it, when it is a web address (http: or https:),
// else "".
func webDest(n ast.Node, src []byte) string {
	var dest string
	switch n := n.(type) {
	case *ast.Link:
		dest = decodeDest(string(n.Destination))
	case *ast.Image:
		dest = decodeDest(string(n.Destination))
	case *ast.AutoLink: // written as it is: no escape or entity read
		if n.AutoLinkType != ast.AutoLinkURL {
			return ""
		}
		dest = string(n.URL(src))
		if strings.HasPrefix(strings.ToLower(dest), "www.") {
			dest = "http://" + dest
		}
	default:
		return ""
	}
	if !isWeb(dest) {
		return ""
	}
	return dest
}

// isWeb reports whether dest is a web address: a scheme of http or https
// and a host, looked at by hand, not by url.Parse, which allocates, on
// every link of every body.
func isWeb(dest string) bool {
	rest, ok := cutPrefixFold(dest, "https://")
	if !ok {
		rest, ok = cutPrefixFold(dest, "http://")
	}
	if !ok {
		// Scheme-relative, //example.com/x: the page's scheme's.
		rest, ok = strings.CutPrefix(dest, "//")
	}
	return ok && rest != "" && strings.IndexByte("/?#", rest[0]) < 0
}

// cutPrefixFold is strings.CutPrefix, the prefix in any case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// webNames returns the WebName of the last name of each web address that
// links and autolinks (collect's) and raw HTML (webs, rawLinks') lead
// to, and of each folder of its path (a file in a private post's folder
// names the post by it: /posts/secret/photo.png), each once, sorted; src
// is their body's source.
func webNames(links []ast.Node, autos []*ast.AutoLink, webs []string, src []byte) []uint64 {
	var out []uint64
	add := func(dest string) {
		if dest == "" {
			return
		}
		if name := LastName(dest); name != "" && path.Base(name) == name {
			out = append(out, WebName(name))
		}
		if u, err := url.Parse(dest); err == nil {
			dir := path.Dir(u.Path)
			for dir != "/" && dir != "." && dir != "" {
				out = append(out, WebName(path.Base(dir)))
				dir = path.Dir(dir)
			}
		}
	}
	for _, n := range links {
		add(webDest(n, src))
	}
	for _, a := range autos {
		add(webDest(a, src))
	}
	for _, dest := range webs {
		add(dest)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// WebLinks returns the web addresses (http: and https:) that src links
// to, in Markdown links, images, autolinks and raw HTML, with their
// lines: for a
// body whose WebNames say it may link to one of the site's own addresses.
// It parses src again; a body that cannot be read gives none.
func (r *Renderer) WebLinks(src Source) []LinkUse {
	text, err := r.textOf(src)
	if err != nil {
		return nil
	}
	b, doc, _ := r.parseRefs(text)
	at := newLineIndex(b)
	var out []LinkUse
	r.html.sanitize(doc, b, at) // what rawLinks reads
	rawLinks(doc, b, at, func(string, int) string { return "" }, func(dest string, line int) {
		out = append(out, LinkUse{Dest: dest, Line: line})
	})
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if dest := webDest(n, b); dest != "" {
			out = append(out, LinkUse{Dest: dest, Line: lineOf(n, b, at)})
		}
		return ast.WalkContinue, nil
	})
	return out
}
