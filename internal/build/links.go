package build

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
)

// checkLinks finds internal links that lead nowhere, in both sites: links
// written in Markdown bodies are reported at their source line; links in
// pages that do not come from a body are reported at the output page.
func checkLinks(j *journal.Journal, res *Result) content.ErrorList {
	var warns content.ErrorList
	base := j.Config.BasePath()
	abs := j.Config.BaseURL
	pub := newSiteIndex(res.Public)
	priv := newSiteIndex(res.Private)

	// Source links: /posts/x/ in any body means the public site.
	reported := map[string]bool{}
	check := func(doc *content.Doc) {
		for _, l := range j.Markdown().Links(doc.Body) {
			if !strings.HasPrefix(l.Dest, "/") {
				continue
			}
			target := base + strings.TrimPrefix(l.Dest, "/")
			if why := pub.check(target, ""); why != "" {
				warns.Add(doc.BodyPos(l.Line), "broken link %s: %s", l.Dest, why)
				reported[target] = true
				reported[abs+strings.TrimPrefix(l.Dest, "/")] = true
			}
		}
	}
	for _, c := range j.Contacts {
		check(c.Doc())
	}
	for _, e := range j.Events {
		check(e.Doc())
	}
	for _, p := range j.Posts {
		check(p.Doc())
	}

	for _, page := range sortedKeys(res.Public) {
		for _, ref := range hrefs(page, res.Public[page]) {
			if reported[ref] {
				continue
			}
			target, ok := resolve(ref, "/"+page, abs, base)
			if !ok {
				continue
			}
			if why := pub.check(target, base); why != "" {
				warns.Add(content.Position{Path: "public/" + page}, "broken link %s: %s", ref, why)
			}
		}
	}
	for _, page := range sortedKeys(res.Private) {
		for _, ref := range hrefs(page, res.Private[page]) {
			if reported[ref] {
				continue
			}
			var why string
			if strings.HasPrefix(ref, abs) {
				// A link from the wiki to the public blog.
				why = pub.check(base+strings.TrimPrefix(ref, abs), base)
			} else if target, ok := resolve(ref, "/"+page, "", ""); ok {
				why = priv.check(target, "/")
			}
			if why != "" {
				warns.Add(content.Position{Path: "private/" + page}, "broken link %s: %s", ref, why)
			}
		}
	}
	return warns
}

// resolve turns an href on page into an absolute path on the same site, or
// reports false for links that leave the site.
func resolve(ref, page, abs, base string) (string, bool) {
	if abs != "" && strings.HasPrefix(ref, abs) {
		ref = base + strings.TrimPrefix(ref, abs)
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "//") {
		return "", false
	}
	if u.Path == "" {
		u.Path = page
	} else if !strings.HasPrefix(u.Path, "/") {
		dir := page[:strings.LastIndex(page, "/")+1]
		clean := path.Clean(dir + u.Path)
		if strings.HasSuffix(u.Path, "/") && clean != "/" {
			clean += "/"
		}
		u.Path = clean
	}
	out := u.Path
	if u.Fragment != "" {
		out += "#" + u.Fragment
	}
	return out, true
}

// siteIndex knows a site's files and the ids of its pages.
type siteIndex struct {
	files map[string][]byte
	ids   map[string]map[string]bool // page → ids, computed on demand
}

func newSiteIndex(files map[string][]byte) *siteIndex {
	return &siteIndex{files: files, ids: map[string]map[string]bool{}}
}

// check returns why target (an absolute path under base, perhaps with a
// #fragment) does not resolve, or "" when it does.
func (s *siteIndex) check(target, base string) string {
	p, frag, _ := strings.Cut(target, "#")
	if base == "" {
		base = "/"
	}
	if !strings.HasPrefix(p, base) {
		return fmt.Sprintf("outside the site's base path %s", base)
	}
	rel := strings.TrimPrefix(p, base)
	if unescaped, err := url.PathUnescape(rel); err == nil {
		rel = unescaped
	}
	file := ""
	for _, cand := range []string{rel, rel + "index.html", rel + "/index.html"} {
		if cand == "/index.html" {
			cand = "index.html"
		}
		if _, ok := s.files[cand]; ok && !strings.HasSuffix(cand, "/") {
			file = cand
			break
		}
	}
	if file == "" {
		return "no such page"
	}
	if frag != "" && strings.HasSuffix(file, ".html") && !s.pageIDs(file)[frag] {
		return fmt.Sprintf("no #%s on that page", frag)
	}
	return ""
}

func (s *siteIndex) pageIDs(file string) map[string]bool {
	if ids, ok := s.ids[file]; ok {
		return ids
	}
	ids := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(s.files[file]))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			for _, a := range attrs(z) {
				if a.Key == "id" || (a.Key == "name" && a.Val != "") {
					ids[a.Val] = true
				}
			}
		}
	}
	s.ids[file] = ids
	return ids
}

// hrefs returns the href and src values of an HTML page, in order.
func hrefs(page string, b []byte) []string {
	if !strings.HasSuffix(page, ".html") {
		return nil
	}
	var out []string
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, _ := z.TagName()
		for _, a := range attrs(z) {
			if (a.Key == "href" || a.Key == "src") && string(name) != "base" {
				out = append(out, a.Val)
			}
		}
	}
}

func attrs(z *html.Tokenizer) []html.Attribute {
	var out []html.Attribute
	for {
		k, v, more := z.TagAttr()
		if k != nil {
			out = append(out, html.Attribute{Key: string(k), Val: string(v)})
		}
		if !more {
			return out
		}
	}
}
