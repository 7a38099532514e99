package markdown

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Heading is an entry of a table of contents: a heading of a rendered
// body, with the headings below it.
type Heading struct {
	ID       string
	Text     string
	Children []Heading
}

// TOC returns the table of contents of rendered HTML: its h2, h3 and h4
// headings that have an id, nested by level (as Hugo's, whose h1 is the
// page's title). A heading's anchor ("#") is not part of its text.
func TOC(body string) []Heading {
	type flat struct {
		level int
		h     Heading
	}
	var heads []flat
	z := html.NewTokenizer(strings.NewReader(body))
	var cur *flat
	skip := 0 // depth inside an anchor link
	var text strings.Builder
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		t := z.Token()
		switch tt {
		case html.StartTagToken:
			if lvl := level(t.DataAtom); lvl > 0 && cur == nil {
				if id := attr(t, "id"); id != "" {
					cur = &flat{level: lvl, h: Heading{ID: id}}
					text.Reset()
				}
				continue
			}
			if cur != nil && t.DataAtom == atom.A && (skip > 0 || hasClass(t, "anchor")) {
				skip++
			}
		case html.EndTagToken:
			if cur != nil && level(t.DataAtom) == cur.level {
				cur.h.Text = strings.Join(strings.Fields(text.String()), " ")
				heads = append(heads, *cur)
				cur = nil
				continue
			}
			if skip > 0 && t.DataAtom == atom.A {
				skip--
			}
		case html.TextToken:
			if cur != nil && skip == 0 {
				text.WriteString(t.Data)
			}
		}
	}
	// Nest: each heading goes under the last one of a lower level.
	var build func(i, lvl int) ([]Heading, int)
	build = func(i, lvl int) ([]Heading, int) {
		var out []Heading
		for i < len(heads) && heads[i].level >= lvl {
			h := heads[i].h
			h.Children, i = build(i+1, heads[i].level+1)
			out = append(out, h)
		}
		return out, i
	}
	out, _ := build(0, 0)
	return out
}

// level is 2, 3 or 4 for the headings a table of contents lists, else 0.
func level(a atom.Atom) int {
	switch a {
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	}
	return 0
}

func attr(t html.Token, name string) string {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasClass(t html.Token, class string) bool {
	for _, c := range strings.Fields(attr(t, "class")) {
		if c == class {
			return true
		}
	}
	return false
}
