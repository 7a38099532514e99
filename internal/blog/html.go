package blog

import (
	"errors"
	"io"
	"strings"

	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/webaddress"
	"golang.org/x/net/html"
)

// scopeIDs prefixes every id in an HTML fragment, and every link to one
// (href="#…"), so that several posts' bodies (heading ids, footnotes) can
// share a page without duplicate ids.
//
// A tag is taken apart only when it may hold either: one whose raw text
// has no "id" in any case, no '#' and no character reference (&num; and
// &#35; spell '#') is written as it came. The list of
// shared links goes through every link post's body each time it is made
// (3,300 at 10,000 posts, 12 ms of an edited build's CPU when each of
// their tags was taken apart).
func scopeIDs(fragment, prefix string) (string, error) {
	return retag(fragment, mayScope, func(a *html.Attribute) bool {
		switch {
		case a.Key == "id":
			a.Val = prefix + a.Val
			return true
		case a.Key == "href" && strings.HasPrefix(a.Val, "#") && len(a.Val) > 1 && !webaddress.ScriptFragment(a.Val[1:]):
			// (A route the page's script reads, #/inbox, names no id.)
			a.Val = "#" + prefix + a.Val[1:]
			return true
		}
		return false
	})
}

// retag writes fragment with the attributes of its start tags that edit
// changes (it reports whether it did), each such tag written anew; a tag
// whose raw text may says cannot hold one edit changes, and a tag edit
// leaves as it was, are written as they came. Attributes in a namespace
// are not given to edit.
func retag(fragment string, may func(raw []byte) bool, edit func(a *html.Attribute) bool) (string, error) {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	b.Grow(len(fragment) + len(fragment)/16)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return "", err
			}
			// A tag the fragment ends in before its '>' (raw HTML kept
			// as written may end so) is left out, as a browser leaves it
			// at the end of a document: on a page of several bodies it
			// would take the next one's tags for its attributes.
			return b.String(), nil
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || !may(raw) {
			b.Write(raw)
			continue
		}
		raw = append([]byte(nil), raw...) // the tokenizer's bytes, which Token may rewrite
		tok := z.Token()
		changed := false
		for i := range tok.Attr {
			if tok.Attr[i].Namespace == "" && edit(&tok.Attr[i]) {
				changed = true
			}
		}
		if changed {
			b.WriteString(tok.String())
		} else {
			b.Write(raw)
		}
	}
}

// mayScope reports whether a tag's raw text may hold an id or a link to
// one: "id" in any case, a '#', or a character reference, which may spell
// one ("&num;").
func mayScope(raw []byte) bool {
	for i, c := range raw {
		switch c {
		case '#', '&':
			return true
		case 'i', 'I':
			if i+1 < len(raw) && (raw[i+1] == 'd' || raw[i+1] == 'D') {
				return true
			}
		}
	}
	return false
}

// rebase makes the relative links of a post's HTML (pic.png, ../x/),
// which lead from its page's folder dir (a site path, /blog/posts/p/),
// lead there from any page: the list of shared links shows each link
// post's body away from its page. Links from the root, to a fragment, a
// query or another site stay as they are; a tag without href or src is
// written as it came, and so is one whose links need no change.
func rebase(fragment, dir string) (string, error) {
	return retag(fragment, mayLink, func(a *html.Attribute) bool {
		if a.Key != "href" && a.Key != "src" {
			return false
		}
		v := strings.TrimSpace(a.Val)
		if !markdown.Rewritable(v) || strings.HasPrefix(v, "/") {
			return false
		}
		a.Val = markdown.ResolveRelative(dir, v)
		return true
	})
}

// mayLink reports whether a tag's raw text may hold a link: "href" or
// "src", in any case.
func mayLink(raw []byte) bool {
	for i := 0; i+3 <= len(raw); i++ {
		switch raw[i] | 0x20 {
		case 'h':
			if i+4 <= len(raw) && strings.EqualFold(string(raw[i:i+4]), "href") {
				return true
			}
		case 's':
			if strings.EqualFold(string(raw[i:i+3]), "src") {
				return true
			}
		}
	}
	return false
}
