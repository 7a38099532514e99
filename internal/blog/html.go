package blog

import (
	"errors"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// scopeIDs prefixes every id in an HTML fragment, and every link to one
// (href="#…"), so that several posts' bodies (heading ids, footnotes) can
// share a page without duplicate ids.
func scopeIDs(fragment, prefix string) (string, error) {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return "", err
			}
			return b.String(), nil
		}
		raw := string(z.Raw())
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.WriteString(raw)
			continue
		}
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			switch {
			case a.Namespace != "":
			case a.Key == "id":
				tok.Attr[i].Val = prefix + a.Val
				changed = true
			case a.Key == "href" && strings.HasPrefix(a.Val, "#") && len(a.Val) > 1:
				tok.Attr[i].Val = "#" + prefix + a.Val[1:]
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
