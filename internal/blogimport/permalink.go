package blogimport

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// The addresses posts had: Hugo's permalinks and Jekyll's, computed from
// the same configuration and front matter the old generator read.

var placeholder = regexp.MustCompile(`:([a-z_]+)`)

// expand replaces the :placeholders of pattern with values; one it does
// not know stays as written, and is returned in unknown.
func expand(pattern string, values map[string]string) (out string, unknown []string) {
	out = placeholder.ReplaceAllStringFunc(pattern, func(m string) string {
		// The longest known name that starts the placeholder wins, so
		// that ":title:output_ext" and ":titlex" read as Jekyll reads them.
		name := m[1:]
		for n := len(name); n > 0; n-- {
			if v, ok := values[name[:n]]; ok {
				return v + name[n:]
			}
		}
		unknown = append(unknown, m)
		return m
	})
	return cleanPath(out), unknown
}

// cleanPath makes p an absolute path without empty segments, keeping its
// final slash.
func cleanPath(p string) string {
	slash := strings.HasSuffix(p, "/")
	p = path.Clean("/" + p)
	if slash && p != "/" {
		p += "/"
	}
	return p
}

// dateValues are the date placeholders of both generators.
func dateValues(s stamp, v map[string]string) {
	t := s.t
	v["year"] = t.Format("2006")
	v["month"] = t.Format("01")
	v["day"] = t.Format("02")
	v["hour"] = t.Format("15")
	v["minute"] = t.Format("04")
	v["second"] = t.Format("05")
}

// hugoPath is Hugo's path of a text, as Hugo 0.111 makes a permalink's
// :title (helpers.UnicodeSanitize, after URLize reads escapes): letters,
// digits and marks of any script, and . / \ _ - # ~ @ + stay; a run of
// spaces is one hyphen, none before a hyphen, none at either end;
// anything else goes. Lower-cased unless the site says not to.
func hugoPath(s string, lower bool) string {
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	var b strings.Builder
	prepend, wasHyphen := false, false // a space before, a hyphen last
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("./\\_-#~@+", r):
			wasHyphen = r == '-'
			if prepend && !wasHyphen {
				b.WriteByte('-')
			}
			prepend = false
			b.WriteRune(r)
		case unicode.IsSpace(r) && b.Len() > 0 && !wasHyphen:
			prepend = true
		}
	}
	if lower {
		return strings.ToLower(b.String())
	}
	return b.String()
}

// hugoPermalink expands a Hugo permalink pattern.
func hugoPermalink(pattern string, date stamp, title, slug, filename string, sections []string, lower bool) (string, []string) {
	v := map[string]string{}
	dateValues(date, v)
	t := date.t
	v["monthname"] = t.Format("January")
	v["weekday"] = strconv.Itoa(int(t.Weekday()))
	v["weekdayname"] = t.Format("Monday")
	v["yearday"] = strconv.Itoa(t.YearDay())
	v["title"] = hugoPath(title, lower)
	v["slug"] = hugoPath(or(slug, title), lower)
	v["filename"] = hugoPath(filename, lower)
	v["contentbasename"] = v["filename"]
	v["slugorfilename"] = hugoPath(or(slug, filename), lower)
	v["slugorcontentbasename"] = v["slugorfilename"]
	if len(sections) > 0 {
		v["section"] = hugoPath(sections[0], lower)
	}
	v["sections"] = hugoPath(strings.Join(sections, "/"), lower)
	// Hugo writes the whole path as it writes each value in it: a
	// character of the pattern itself that a path has none of (a stray
	// backtick, /blog/:year-:title/`) is dropped, as Hugo dropped it.
	// There each "+" is a space (C++ is /c-/, x +- y /x--y/, Disney+
	// /disney-/: checked with hugo, which keeps it in a path of no
	// pattern, /posts/c++/, and a term's, /tags/c++/).
	p, unknown := expand(pattern, v)
	if len(unknown) > 0 {
		return p, unknown // said, as written
	}
	return hugoPath(strings.ReplaceAll(p, "+", " "), false), nil
}

// jekyllStyles are Jekyll's built-in permalink styles.
var jekyllStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

// jekyllSlug is Jekyll's Utils.slugify: in "pretty" mode everything but
// letters, digits and ._~!$&'()+,;=@ becomes '-'; in the default mode
// everything but letters and digits; lower-cased unless cased.
func jekyllSlug(s string, pretty, cased bool) string {
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || pretty && strings.ContainsRune("._~!$&'()+,;=@", r) {
			b.WriteRune(r)
			hyphen = false
			continue
		}
		if !hyphen {
			b.WriteByte('-')
		}
		hyphen = true
	}
	out := strings.Trim(b.String(), "-")
	if !cased {
		out = strings.ToLower(out)
	}
	return out
}

// jekyllPermalink expands a Jekyll permalink pattern or style for a post.
func jekyllPermalink(pattern string, date stamp, slug string, categories []string, ext string) (string, []string) {
	if p, ok := jekyllStyles[pattern]; ok {
		pattern = p
	}
	v := map[string]string{}
	dateValues(date, v)
	t := date.t
	v["i_month"] = strconv.Itoa(int(t.Month()))
	v["i_day"] = strconv.Itoa(t.Day())
	v["y_day"] = t.Format("002")
	v["short_year"] = t.Format("06")
	v["short_month"] = t.Format("Jan")
	v["long_month"] = t.Format("January")
	_, week := t.ISOWeek()
	wy, _ := t.ISOWeek()
	v["week"] = strconv.Itoa(week)
	if week < 10 {
		v["week"] = "0" + v["week"]
	}
	v["w_year"] = strconv.Itoa(wy)
	v["w_day"] = strconv.Itoa((int(t.Weekday())+6)%7 + 1)
	v["short_day"] = t.Format("Mon")
	v["long_day"] = t.Format("Monday")
	v["title"] = jekyllSlug(slug, true, true)
	v["slug"] = jekyllSlug(slug, false, false)
	v["name"] = v["slug"]
	var cats []string
	for _, c := range categories {
		cats = append(cats, strings.ToLower(c))
	}
	v["categories"] = strings.Join(cats, "/")
	v["output_ext"] = ext
	return expand(pattern, v)
}
