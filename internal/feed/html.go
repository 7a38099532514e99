package feed

import (
	"errors"
	"io"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// absolute prepares a post's HTML for a feed reader, which shows it away
// from the site and resolves relative links against the item's link (for a
// link post, someone else's article): every href and src is made absolute
// against the post's page, and the heading anchors (<a class="anchor">#</a>)
// that only make sense on the page are dropped.
func absolute(fragment, page string) (string, error) {
	base, err := url.Parse(page)
	if err != nil {
		return "", err
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	inAnchor := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return "", err
			}
			return b.String(), nil
		}
		raw := string(z.Raw())
		if inAnchor {
			if tt == html.EndTagToken {
				if name, _ := z.TagName(); atom.Lookup(name) == atom.A {
					inAnchor = false
				}
			}
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.WriteString(raw)
			continue
		}
		tok := z.Token()
		if tok.DataAtom == atom.A && tt == html.StartTagToken && hasClass(tok, "anchor") {
			inAnchor = true
			continue
		}
		changed := false
		for i, a := range tok.Attr {
			if a.Namespace != "" || (a.Key != "href" && a.Key != "src") {
				continue
			}
			ref, err := url.Parse(strings.TrimSpace(a.Val))
			if err != nil {
				continue // left as written; the reader copes or does not
			}
			if abs := base.ResolveReference(ref).String(); abs != a.Val {
				tok.Attr[i].Val = abs
				changed = true
			}
		}
		if changed {
			b.WriteString(tok.String())
		} else {
			b.WriteString(raw)
		}
	}
}

func hasClass(t html.Token, class string) bool {
	for _, a := range t.Attr {
		if a.Key == "class" && slices.Contains(strings.Fields(a.Val), class) {
			return true
		}
	}
	return false
}
