package blogimport

import (
	"regexp"
	"slices"
	"strings"
)

// lazyImages returns body with each <img> of its raw HTML (outside code)
// that a script was to load lazily given its picture's address as its
// src: one with no src, or a placeholder's (a data: address), and the
// address in data-src (or data-original, data-lazy-src, data-lazy), as
// lazy-loading scripts and the themes' figures that use them write it;
// data-srcset likewise as its srcset. The script is the old theme's,
// gone; the build's sanitizing takes data- attributes out, and the
// picture was lost (a real blog's 1,150 figures).
func lazyImages(body string) string {
	if !strings.Contains(body, "data-") {
		return body
	}
	code := codeRegions(body)
	var b strings.Builder
	last := 0
	for _, m := range imgTag.FindAllStringIndex(body, -1) {
		if code.in(m[0]) {
			continue
		}
		tag := body[m[0]:m[1]]
		if fixed := lazyImage(tag); fixed != tag {
			b.WriteString(body[last:m[0]])
			b.WriteString(fixed)
			last = m[1]
		}
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// imgTag is an <img> start tag.
var imgTag = regexp.MustCompile(`(?i)<img\b[^<>]*>`)

// tagAttr is an attribute of a start tag, with its value, if it has one,
// in one of groups 2 to 4.
var tagAttr = regexp.MustCompile(`\s([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)

// lazyImage is lazyImages for one tag.
func lazyImage(tag string) string {
	type attr struct {
		start, end int // the whole attribute's, in tag
		value      string
	}
	attrs := map[string]attr{}
	for _, m := range tagAttr.FindAllStringSubmatchIndex(tag, -1) {
		name := strings.ToLower(tag[m[2]:m[3]])
		if _, seen := attrs[name]; seen {
			continue // the first is the one a browser takes
		}
		a := attr{start: m[0], end: m[1]}
		for g := 4; g < len(m); g += 2 {
			if m[g] >= 0 {
				a.value = tag[m[g]:m[g+1]]
				break
			}
		}
		attrs[name] = a
	}
	var add []string
	var drop [][2]int // the placeholders' attributes, taken out, last first
	for _, pair := range [][2]string{{"srcset", "data-srcset data-lazy-srcset"}, {"src", "data-src data-original data-lazy-src data-lazy"}} {
		own, has := attrs[pair[0]]
		placeholder := has && (strings.TrimSpace(own.value) == "" || strings.HasPrefix(strings.ToLower(strings.TrimSpace(own.value)), "data:"))
		if has && !placeholder {
			continue
		}
		for _, name := range strings.Fields(pair[1]) {
			if a, ok := attrs[name]; ok && strings.TrimSpace(a.value) != "" {
				add = append([]string{" " + pair[0] + `="` + strings.ReplaceAll(a.value, `"`, "&quot;") + `"`}, add...)
				if placeholder {
					drop = append(drop, [2]int{own.start, own.end})
				}
				break
			}
		}
	}
	if len(add) == 0 {
		return tag
	}
	slices.SortFunc(drop, func(a, b [2]int) int { return b[0] - a[0] })
	for _, d := range drop {
		tag = tag[:d[0]] + tag[d[1]:]
	}
	return tag[:len("<img")] + strings.Join(add, "") + tag[len("<img"):]
}
