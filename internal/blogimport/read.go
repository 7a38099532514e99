package blogimport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"gopkg.in/yaml.v3"
)

// What both readers share: configuration files, the mapping of front
// matter onto a post, slugs, and the resolution of links between posts.

// config is a site's configuration, with Hugo's keys lower-cased.
type config map[string]any

// readConfig reads a TOML, YAML or JSON configuration file by its
// extension. A problem is an error at its line; a YAML key given twice in
// a map, which Jekyll reads (the last one wins), a warning (dups).
func readConfig(fsys fs.FS, name, shown string, lower bool) (c config, dups content.ErrorList, err error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	var v map[string]any
	pos := content.Position{Path: shown, Line: 1}
	switch path.Ext(name) {
	case ".toml":
		if _, err := toml.Decode(string(data), &v); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				pos.Line = max(pe.Position.Line, 1)
				return nil, nil, content.Errorf(pos, "invalid TOML: %s", pe.Message)
			}
			return nil, nil, content.Errorf(pos, "invalid TOML: %v", err)
		}
	case ".json":
		if err := json.Unmarshal(data, &v); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				pos.Line = strings.Count(string(data[:min(int(se.Offset), len(data))]), "\n") + 1
			}
			return nil, nil, content.Errorf(pos, "invalid JSON: %v", err)
		}
	default:
		err := yaml.Unmarshal(data, &v)
		if err != nil && strings.Contains(err.Error(), "already defined") {
			// A key given twice: read as Jekyll's YAML reads it, the
			// last value of each key, and said (a real _config.yml had
			// paginate twice, and the import refused the whole site).
			v, dups, err = lastOfEachKey(data, shown)
		}
		if err != nil {
			if sm := yamlLine.FindStringSubmatch(err.Error()); sm != nil {
				pos.Line, _ = strconv.Atoi(sm[1])
			}
			return nil, nil, content.Errorf(pos, "invalid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		}
	}
	m, _ := normalize(v, lower).(map[string]any)
	return config(m), dups, nil
}

// lastOfEachKey reads YAML whose maps may give a key twice, keeping the
// last value of each, and returns a warning at each value passed over.
// The others are taken out of the document, which is then read as any:
// merge keys (<<: *defaults) and dates as YAML reads them.
func lastOfEachKey(data []byte, shown string) (map[string]any, content.ErrorList, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, nil, err
	}
	var dups content.ErrorList
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if depth > 100 {
			return
		}
		if n.Kind == yaml.MappingNode {
			last := map[string]int{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.Value != "<<" {
					last[k.Value] = i
				}
			}
			var kept []*yaml.Node
			var merges *yaml.Node // every <<: of the map, as one list
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "<<" {
					if merges == nil {
						merges = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
						kept = append(kept, k, merges)
					}
					if v.Kind == yaml.SequenceNode {
						merges.Content = append(merges.Content, v.Content...)
					} else {
						merges.Content = append(merges.Content, v)
					}
					continue
				}
				if j, ok := last[k.Value]; ok && j != i {
					dups.Add(content.Position{Path: shown, Line: k.Line}, "%s is given again at line %d: the last one is read (as Jekyll reads it)", k.Value, n.Content[j].Line)
					continue
				}
				kept = append(kept, k, v)
			}
			n.Content = kept
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(&root, 0)
	dups.Sort()
	var v map[string]any
	if err := root.Decode(&v); err != nil {
		return nil, nil, err
	}
	return v, dups, nil
}

// normalize makes YAML's maps string-keyed and, for Hugo, lower-cases keys.
func normalize(v any, lower bool) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		// In order: of Title and title, the same one is read every
		// time (title, written last), not the one a map's order gives.
		for _, k := range slices.Sorted(maps.Keys(v)) {
			x := v[k]
			if lower {
				k = strings.ToLower(k)
			}
			out[k] = normalize(x, lower)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			ks := fmt.Sprint(k)
			if lower {
				ks = strings.ToLower(ks)
			}
			out[ks] = normalize(x, lower)
		}
		return out
	}
	switch v := plain(v).(type) {
	case []any:
		// TOML's arrays of tables ([[menu.main]]) hold maps too.
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalize(x, lower)
		}
		return out
	default:
		return v
	}
}

// get returns the value at a dotted path of keys.
func (c config) get(keys string) any {
	var v any = map[string]any(c)
	for _, k := range strings.Split(keys, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func (c config) str(keys string) string {
	s, _ := text(c.get(keys))
	return s
}

func (c config) list(keys string) []string {
	l, _ := list(c.get(keys))
	return l
}

func (c config) boolean(keys string) bool {
	b, _ := boolean(c.get(keys))
	return b
}

func (c config) zone(keys string) *time.Location {
	if name := c.str(keys); name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	return time.UTC
}

// draft is a post or a page as read, before its body is converted.
type draft struct {
	post     *Post // a post, or
	page     *Page // a page
	meta     *Meta
	body     string
	bodyLine int
	shown    string // the source as shown: Root/path
	bundle   string // the leaf bundle folder of a Hugo page, or ""
	// excerpt is a Jekyll post's excerpt_separator (its own, or its
	// defaults'), taken out of its front matter: "" when it gives none.
	excerpt  string
	addrKey  string // the front-matter key that gave its old address, if any
	aliasKey string // the front-matter key of its other old addresses
	// holdFiles, when not "", is why its Hugo bundle's files are not
	// copied to static/ (which is published whole): listed instead.
	holdFiles string
	// html says that its body is HTML, which its old site showed as it
	// was, not Markdown.
	html bool
	// included are the lines of body that a Jekyll include_relative put
	// there (includeRelatives), for fileLine.
	included []int
	hugo     *hugoPage // a Hugo page's file, as its site read it
}

// newPath is the site path the post or page is published at.
func (d *draft) newPath() string {
	if d.page != nil {
		return "/" + d.page.SitePath
	}
	return "/posts/" + d.post.Slug + "/"
}

func (d *draft) title() string {
	if d.page != nil {
		return d.page.Title
	}
	return d.post.Title
}

// setBody sets the document's body, its lazily loaded images given their
// pictures (lazyImages).
func (d *draft) setBody(body string) {
	body = lazyImages(body)
	if d.page != nil {
		d.page.Body = body
		return
	}
	d.post.Body = body
}

// setIDs notes the ids its headings gave that netjournal makes otherwise
// (given → made), for the links of other posts to them (relink).
func (d *draft) setIDs(ids map[string]string) {
	if d.page != nil {
		d.page.ids = ids
		return
	}
	d.post.ids = ids
}

// aliases are the old paths that redirect to the post or page.
func (d *draft) aliases() *[]string {
	if d.page != nil {
		return &d.page.Aliases
	}
	return &d.post.Aliases
}

// fields maps the keys of a post's front matter that both generators
// share; the reader handles the others, and each key it handled is
// marked in used.
type fields struct {
	meta *Meta
	used map[string]bool
	warn func(key string, format string, args ...any)
	// unread are the keys whose values could not be read (unreadKey): kept
	// as comments, as the keys netjournal has no place for.
	unread map[string]bool
}

// unreadKey keeps key as a comment, its value not read, and says why at its
// line: a value the import cannot use is never left behind.
func (f *fields) unreadKey(key, format string, args ...any) {
	k := f.key(key)
	if f.unread[k] {
		return // said already (a description read as a summary, then as itself)
	}
	delete(f.used, k)
	if f.unread == nil {
		f.unread = map[string]bool{}
	}
	f.unread[k] = true
	f.warn(key, format+": kept as a comment", args...)
}

// updated reads the date of the last change (updatedKeys) of a post or
// page dated d (zero: not dated), in loc: a value that is not a date, or a
// day before d, is kept as a comment.
func (f *fields) updated(loc *time.Location, d stamp) (u stamp) {
	key, v, ok := f.takeFirst(updatedKeys...)
	if !ok || v == nil || v == "" {
		return u
	}
	s, err := date(v, loc)
	switch {
	case err != nil:
		f.unreadKey(key, "%s: %v", key, err)
	case !d.t.IsZero() && s.day().Before(d.day()):
		f.unreadKey(key, "%s %s is before the date %s", key, s, d)
	case d.t.IsZero() || s.t.After(d.t):
		u = s
	}
	return u
}

// take marks keys as handled and returns the first that is given.
func (f *fields) take(keys ...string) (string, any, bool) {
	var key string
	var val any
	found := false
	for _, k := range keys {
		v, ok := f.meta.Get(k)
		if !ok {
			continue
		}
		f.used[f.key(k)] = true
		if !found {
			key, val, found = k, v, true
		}
	}
	return key, val, found
}

// takeFirst reads the first of keys the front matter has, and leaves the
// others to be kept as comments: of two synonyms with two values, neither
// is lost.
func (f *fields) takeFirst(keys ...string) (string, any, bool) {
	for _, k := range keys {
		if v, ok := f.meta.Get(k); ok {
			f.used[f.key(k)] = true
			return k, v, true
		}
	}
	return "", nil, false
}

// updatedKeys are the keys that date a post's or a page's last change in
// Hugo (lastmod, modified), Jekyll's plugins (last_modified_at) and
// themes: netjournal's updated.
var updatedKeys = []string{"lastmod", "modified", "last_modified_at", "last_modified", "last_updated", "updated"}

// toc reads a table-of-contents switch: toc, or PaperMod's ShowToc.
func (f *fields) toc() *bool {
	key, v, ok := f.takeFirst("toc", "showtoc") // the other is kept as a comment
	if !ok {
		return nil
	}
	if m, isMap := v.(map[string]any); isMap {
		// FixIt's and LoveIt's: toc: {enable: false, auto: false}. What
		// else it says stays as a comment.
		for k, e := range m {
			if strings.EqualFold(k, "enable") {
				if b, ok := boolean(e); ok {
					if len(m) > 1 {
						delete(f.used, f.key(key))
					}
					return &b
				}
			}
		}
	}
	b, ok := boolean(v)
	if !ok {
		f.unreadKey(key, "%s: expected true or false, got %s", key, describe(v))
		return nil
	}
	return &b
}

// draft reads the draft key: one that is not true or false is kept as a
// comment, and the post or page comes as a draft (what it meant is not
// known: it is never published on a guess).
// private reads and takes private: true, which keeps a post or page off
// the old site in some themes and off the blog in netjournal; a value
// that is not true or false is taken as true, with a warning: nothing is
// published that may have been kept back.
func (f *fields) private() bool {
	key, v, ok := f.take("private")
	if !ok {
		return false
	}
	b, ok := boolean(v)
	if !ok {
		f.unreadKey(key, "%s: expected true or false, got %s: imported as private", key, describe(v))
		return true
	}
	return b
}

func (f *fields) draft() bool {
	key, v, ok := f.take("draft")
	if !ok {
		return false
	}
	b, ok := boolean(v)
	if !ok {
		f.unreadKey(key, "%s: expected true or false, got %s: imported as a draft", key, describe(v))
		return true
	}
	return b
}

// protected reports where and how the old site kept a post or a page
// behind a password, when it did: a password in its front matter
// (FixIt's, LoveIt's, jekyll-password-protect's; encrypt(ed), see
// passwordKey), or a shortcode or a Liquid tag that encrypts a part of it
// (fixit-encryptor, hugo-encryptor). A section's or the site's cascade
// holds its pages too (holdsBy). Its text is in its source in the clear: imported as
// it is and published, anyone could read it. It comes as a draft
// (holdProtected).
func protected(meta *Meta, body string, bodyLine int) (line int, how string) {
	if k := passwordKey(func(k string) (any, bool) { return meta.Get(k) }, meta.Keys()); k != "" {
		return meta.LineOf(k), k + ":"
	}
	if m := encryptingTag.FindStringSubmatchIndex(body); m != nil {
		return bodyLine + strings.Count(body[:m[0]], "\n"), body[m[2]:m[3]]
	}
	return 0, ""
}

// passwordKey returns the key, of keys (as written), by which front matter
// (get) keeps a page behind a password, or "": password, encrypt or
// encrypted given any value but none, "" or false (password: 0000,
// encrypt: hunter2, encrypted: 1).
func passwordKey(get func(string) (any, bool), keys []string) string {
	for _, k := range keys {
		v, _ := get(k)
		switch strings.ToLower(k) {
		case "password", "encrypt", "encrypted":
			if b, isBool := v.(bool); v == nil || v == "" || (isBool && !b) {
				continue
			}
			return k
		}
	}
	return ""
}

// encryptingTag is a shortcode or a Liquid tag whose name says it
// encrypts what it holds.
var encryptingTag = regexp.MustCompile(`(?i)(?:\{\{[<%]-?|\{%-?)\s*([\w-]*encrypt[\w-]*)`)

// holdProtected makes a draft of d's post or page when the old site kept
// it behind a password (protected), with a warning at the line that did.
func (p *Plan) holdProtected(d *draft) {
	line, how := protected(d.meta, d.body, d.bodyLine)
	if how == "" {
		return
	}
	if d.page != nil {
		d.page.Draft = true
	} else {
		d.post.Draft = true
	}
	p.warn(content.Position{Path: d.shown, Line: line}, "protected by a password on the old site (%s): imported as a draft, its text in the clear; publish it only if anyone may read it", how)
}

// key is the key as written for a key as asked.
func (f *fields) key(k string) string {
	if _, ok := f.meta.values[k]; ok {
		return k
	}
	return f.meta.fold[strings.ToLower(k)]
}

// text reads a text value.
func (f *fields) text(keys ...string) string {
	k, v, ok := f.take(keys...)
	if !ok || v == nil {
		return ""
	}
	s, ok := text(v)
	if !ok {
		f.unreadKey(k, "%s: expected a text, got %s", k, describe(v))
	}
	return strings.TrimSpace(s)
}

// strings reads a list of texts, or one text.
func (f *fields) texts(key string) []string {
	k, v, ok := f.take(key)
	if !ok {
		return nil
	}
	l, ok := list(v)
	if !ok {
		f.unreadKey(k, "%s: expected a list of texts, got %s", k, describe(v))
	}
	return l
}

// kept lists the keys not handled, as "key: value" lines for comments,
// and says which it kept and which it dropped; kind is what netjournal
// has no such keys for: "posts", "pages".
func (f *fields) kept(dropped map[string]bool, kind string) (lines, notes []string) {
	var kept, unread, gone []string
	for _, k := range f.meta.Keys() {
		if f.used[k] {
			continue
		}
		if dropped[strings.ToLower(k)] && !f.unread[k] {
			gone = append(gone, k)
			continue
		}
		v, _ := f.meta.Get(k)
		lines = append(lines, k+": "+describe(v))
		if f.unread[k] {
			unread = append(unread, k)
		} else {
			kept = append(kept, k)
		}
	}
	if len(gone) > 0 {
		notes = append(notes, "dropped "+strings.Join(gone, ", ")+": the theme decides layout and comments")
	}
	if len(kept) > 0 {
		notes = append(notes, "kept as comments in the front matter, since netjournal "+kind+" have no such keys: "+strings.Join(kept, ", "))
	}
	if len(unread) > 0 {
		notes = append(notes, "kept as comments in the front matter, their values not read: "+strings.Join(unread, ", "))
	}
	return lines, notes
}

// presentation keys of both generators that mean nothing to netjournal,
// whose theme decides.
var presentation = map[string]bool{
	"layout": true, "comments": true, "type": true, "weight": true,
}

// addTags adds tags, without one that is another's spelling.
func addTags(have []string, more ...string) []string {
	for _, t := range more {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		dup := false
		for _, h := range have {
			if journal.SameTag(h, t) {
				dup = true
				break
			}
		}
		if !dup {
			have = append(have, t)
		}
	}
	return have
}

// slugger gives each post a slug of its own.
type slugger struct {
	taken map[string]bool
}

// slug returns want made a netjournal slug, numbered when another post has
// it already.
func (s *slugger) slug(want, fallback string) string {
	base := content.Slugify(want)
	if base == "" {
		base = content.Slugify(fallback)
	}
	if base == "" {
		base = "post"
	}
	slug := base
	for n := 2; s.taken[slug]; n++ {
		slug = fmt.Sprintf("%s-%d", base, n)
	}
	s.taken[slug] = true
	return slug
}

// titleOf makes a title of a file name: "my-first-post" → "My first post".
func titleOf(name string) string {
	t := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	if t == "" {
		return "Untitled"
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// finish converts nothing further: it fills in what all posts and pages
// need once every one is known — aliases without its own new address —
// and adds it to the plan.
func (p *Plan) finish(d *draft) {
	newPath := d.newPath()
	var aliases []string
	seen := map[string]bool{newPath: true, strings.TrimSuffix(newPath, "/"): true, newPath + "index.html": true}
	for _, a := range *d.aliases() {
		if seen[a] {
			continue
		}
		seen[a] = true
		aliases = append(aliases, a)
	}
	*d.aliases() = aliases
	if d.page != nil {
		p.Pages = append(p.Pages, d.page)
		return
	}
	p.Posts = append(p.Posts, d.post)
}

var (
	mdDest = regexp.MustCompile(`\]\((?:<([^<>\n]+)>|([^()\s<>]+))`)
	// A reference definition ([cat]: ../images/cat.png "A cat"), at the
	// start of a line, in a blockquote (> [cat]: …) or a list item (its
	// indent, however deep: one that is code is passed by, codeRegions);
	// not a footnote's ([^1]: text).
	refDest = regexp.MustCompile(`(?m)^(?:[ \t]*>[ \t]?)*[ \t]*\[[^\]\^\n][^\]\n]*\]:[ \t]*(?:<([^<>\n]+)>|([^\s<>]+))`)
	// An attribute inside a tag, its value in double quotes, single
	// quotes or none: not href= in text, nor in an escaped code sample
	// (&lt;link href="…"&gt;). One expression for each, as a tag may
	// have both.
	hrefDest = attribute("href")
	srcDest  = attribute("src")
	// A srcset, whose every candidate is a link (srcsetLinks).
	srcset = regexp.MustCompile(`<[a-zA-Z][^<>]*?\ssrcset=(?:"([^"]+)"|'([^']+)')`)
)

// attribute is the expression of a tag's attribute name and its value,
// which is the first of its groups that matched.
func attribute(name string) *regexp.Regexp {
	return regexp.MustCompile(`<[a-zA-Z][^<>]*?\s` + name + `=(?:"([^"]+)"|'([^']+)'|([^\s"'=<>` + "`" + `]+))`)
}

// relink points the links between imported posts and pages at their new
// addresses: a link to an old address works through its redirect, but
// reads better, and is checked, as the post's own. A relative link
// (../images/cat.png) is made the path it led to from the old address,
// when it leads elsewhere from the new one: a Jekyll post at /cat/ moves
// to /posts/cat/, and a real blog's 720 images were broken.
func (p *Plan) relink(old site) {
	to := p.moved()
	p.tagPages(to, old)
	ids := map[string]map[string]string{} // a new path's heading ids, given → made
	for _, post := range p.Posts {
		ids["/posts/"+post.Slug+"/"] = post.ids
	}
	for _, page := range p.Pages {
		ids["/"+page.SitePath] = page.ids
	}
	files := map[string]bool{"/": true} // the home page, and the site paths of the files it copies
	copied := map[string]string{}       // the old site's path of each file it copies → its site path
	for _, f := range p.Files {
		files["/"+strings.TrimPrefix(f.Path, "static/")] = true
		files[unescaped("/"+strings.TrimPrefix(f.Path, "static/"))] = true
		copied[f.Source] = "/" + strings.TrimPrefix(f.Path, "static/")
	}
	// A theme's <base href> made every page's relative links lead from
	// the site's address.
	from := func(oldPath string) string {
		if p.baseHref != "" && oldPath != "" {
			return p.baseHref
		}
		return oldPath
	}
	// A document's file in the old site: its shown path (Root and it,
	// joined: cleaned) without the root, however the root was typed.
	root := path.Clean(p.root) + "/"
	source := func(shown string) string {
		if p.root == "" || root == "./" {
			return shown
		}
		return strings.TrimPrefix(shown, root)
	}
	// A link to a post's or a page's file (other.md, ../_posts/x.md) is a
	// link to its page: GitHub Pages made it one (jekyll-relative-links),
	// and GitHub shows the file's. Not a draft's, which has no page on
	// the site: its address is not told (the link stays as written, and
	// the build says it leads nowhere).
	for _, post := range p.Posts {
		if _, taken := copied[source(post.Source)]; !taken && !post.Draft {
			copied[source(post.Source)] = "/posts/" + post.Slug + "/"
		}
	}
	for _, page := range p.Pages {
		if _, taken := copied[source(page.Source)]; !taken && !page.Draft {
			copied[source(page.Source)] = "/" + page.SitePath
		}
	}
	for _, post := range p.Posts {
		post.Body = relinkBody(post.Body, to, relative{from: from(post.oldPath), at: "/posts/" + post.Slug + "/", bundle: post.bundle, files: files, old: old, ids: ids, source: source(post.Source), copied: copied, base: p.baseHref != "" && post.oldPath != ""})
	}
	for _, page := range p.Pages {
		page.Body = relinkBody(page.Body, to, relative{from: from(page.oldPath), at: "/" + page.SitePath, bundle: len(page.files) > 0, files: files, old: old, ids: ids, source: source(page.Source), copied: copied, base: p.baseHref != "" && page.oldPath != ""})
	}
}

// tagPages adds to to the old site's pages of the posts' categories and
// tags, which the import makes tags (/categories/oo-design/, /tags/go/,
// and /category/ and /tag/ as some themes write them), each leading to
// its tag's page: a link to a category's page was a broken link. An old
// address of a post or a page of the same path stays that post's.
func (p *Plan) tagPages(to map[string]string, old site) {
	var names []string
	for _, post := range p.Posts {
		for _, t := range post.Tags {
			if !slices.ContainsFunc(names, func(n string) bool { return journal.SameTag(n, t) }) {
				names = append(names, t)
			}
		}
	}
	slugs := journal.TagSlugs(names)
	// The name as Hugo's urlize and Jekyll's slugify write it in an
	// address (lower case, words joined by -), for every tag first, then
	// as netjournal slugs it: "C" is /tags/c/ before "C++" slugs to c too.
	for _, spell := range []func(string) string{
		func(n string) string { return strings.ToLower(strings.Join(strings.Fields(n), "-")) },
		journal.Slugify,
	} {
		for _, name := range names {
			seg := spell(name)
			if seg == "" || seg == "." || seg == ".." || strings.Contains(seg, "/") {
				continue // no segment of an address: /tags/../ is the home page
			}
			page := "/tags/" + slugs[name] + "/"
			for _, kind := range append([]string{"categories", "tags", "category", "tag"}, p.taxonomies...) {
				o := "/" + kind + "/" + seg + "/"
				abs := old.abs(o)
				for _, k := range []string{o, abs, unescaped(abs)} {
					for _, k := range []string{k, strings.TrimSuffix(k, "/")} {
						if _, taken := to[k]; k != "" && !taken {
							to[k] = page
						}
					}
				}
			}
		}
	}
}

// relative is what a body's relative links are made of: its old address
// (from, "" when not known) and its new one (at); bundle says its Hugo
// bundle's files came along, so a link into its own folder stays.
type relative struct {
	from, at string
	bundle   bool
	files    map[string]bool // the site paths of the files the import copies
	old      site            // the old site, whose base path a link may begin with
	// ids are the heading ids of each new path that netjournal makes
	// otherwise than the old site's headings gave them (given → made).
	ids map[string]map[string]string
	// source is the document's file in the old site, and copied the site
	// path of each file the import copies, and of each post's and page's
	// page, by its path there: a link that leads nowhere from the page
	// may name one from the file, as an editor reads it
	// (../../static/images/a.png, other.md).
	source string
	copied map[string]string
	// base says the old site's theme wrote a <base href> of its address
	// (from is it): every relative link led from there, and a page that
	// has none leads it there only written from the root.
	base bool
}

// leadsSomewhere reports whether dest, a link of the document, leads from
// its new address to a file the import copies or to a page.
func (r relative) leadsSomewhere(dest string) bool {
	if r.at == "" || dest == "" || strings.ContainsAny(dest[:1], "#?") {
		return false
	}
	p := dest
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	t := markdown.ResolveRelative(r.at, p)
	_, page := r.ids[t]
	return page || r.files[t] || r.files[unescaped(t)]
}

// fromSource returns the site path of the file the import copies that
// dest, a relative link, names from the document's file, and ok.
func (r relative) fromSource(dest string) (string, bool) {
	if r.source == "" || dest == "" || strings.ContainsAny(dest[:1], "/#?") {
		return "", false
	}
	p, rest := dest, ""
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		p, rest = dest[:i], dest[i:]
	}
	if u, err := url.Parse(p); err != nil || u.Scheme != "" || u.Host != "" {
		return "", false
	}
	for _, q := range []string{p, unescaped(p)} {
		f := path.Join(path.Dir(r.source), q)
		if strings.HasPrefix(f, "../") || f == ".." {
			continue
		}
		if to, ok := r.copied[f]; ok {
			// A heading's id as the old site gave it, as netjournal
			// makes it.
			if frag, isFrag := strings.CutPrefix(rest, "#"); isFrag && r.ids[to][frag] != "" {
				rest = "#" + r.ids[to][frag]
			}
			return to + rest, true
		}
	}
	return "", false
}

// underBase returns the path of the old site that dest, a path beginning
// with its base path (/blog/posts/b/ of https://example.github.io/blog/),
// names (/posts/b/).
func (r relative) underBase(dest string) (string, bool) {
	if r.old.base == nil || r.old.base.Path == "" || r.old.base.Path == "/" {
		return "", false
	}
	base := strings.TrimSuffix(r.old.base.Path, "/") + "/"
	rest, ok := strings.CutPrefix(dest, base)
	if !ok {
		return "", false
	}
	return "/" + rest, true
}

// rebase returns the path a relative link dest led to from r.from, when
// it leads elsewhere from r.at; ok is false for any other link.
func (r relative) rebase(dest string) (string, bool) {
	if r.from == "" || dest == "" || strings.ContainsAny(dest[:1], "/#?") {
		return "", false
	}
	if u, err := url.Parse(dest); err != nil || u.Scheme != "" || u.Host != "" {
		return "", false
	}
	old := markdown.ResolveRelative(r.from, dest) // dest has a path: not #x or ?q alone
	if markdown.ResolveRelative(r.at, dest) == old {
		return "", false
	}
	if r.base {
		// Led from the site's address (a theme's <base href>): but a
		// file of its bundle, beside it at its new address, is there.
		if t := markdown.ResolveRelative(r.at, dest); r.bundle && (r.files[t] || r.files[unescaped(t)]) {
			return "", false
		}
		return old, true
	}
	if fromDir := r.from[:strings.LastIndex(r.from, "/")+1]; r.bundle && strings.HasPrefix(old, fromDir) {
		return "", false // a file of its bundle, beside it at its new address
	}
	return old, true
}

// moved maps the old addresses of the imported posts and pages, as
// written in links (absolute, or a path with and without its final
// slash), to their new paths.
func (p *Plan) moved() map[string]string {
	to := map[string]string{}
	var other [][2]string // another spelling of an old path → its new path
	add := func(newPath, old string, aliases []string) {
		for _, o := range append([]string{old}, aliases...) {
			if o == "" {
				continue
			}
			// And as its escapes read (relinkBody looks a link up so).
			for _, o := range []string{o, unescaped(o)} {
				to[o] = newPath
				// With its last "/" or without: /archive/b/ of a post at
				// /archive/b (an older Jekyll wrote archive/b/index.html
				// for it, and servers answer both).
				if t := strings.TrimSuffix(o, "/"); t != o {
					other = append(other, [2]string{t, newPath})
				} else if path.Ext(o) == "" {
					other = append(other, [2]string{o + "/", newPath})
				}
			}
		}
	}
	for _, post := range p.Posts {
		add("/posts/"+post.Slug+"/", post.Old, post.Aliases)
	}
	for _, page := range p.Pages {
		add("/"+page.SitePath, page.Old, page.Aliases)
	}
	// An old path as written wins over another's other spelling.
	for _, o := range other {
		if _, ok := to[o[0]]; !ok {
			to[o[0]] = o[1]
		}
	}
	return to
}

// relinkBody rewrites the destinations of a body's links that are old
// addresses, or relative ones that lead elsewhere from its new address
// (rel), outside code.
func relinkBody(body string, to map[string]string, rel relative) string {
	code := codeRegions(body)
	var b strings.Builder
	last := 0
	for _, d := range linkDests(body) {
		if d[0] < last || code.in(d[0]) {
			continue
		}
		dest := body[d[0]:d[1]]
		var repl string
		if rebased, isRel := rel.rebase(dest); isRel {
			// Only a link that led to a page or a file the import
			// brings: anything else (a web address without its
			// https://, text in an example that looks like a link)
			// stays as written, and the build says where it leads.
			p, rest := rebased, ""
			if i := strings.IndexAny(rebased, "?#"); i >= 0 {
				p, rest = rebased[:i], rebased[i:]
			}
			// A heading's id on the old site is the one netjournal makes.
			withID := func(newPath string) string {
				q, frag, found := strings.Cut(rest, "#")
				if !found {
					return newPath + rest
				}
				if made := rel.ids[newPath][frag]; made != "" {
					frag = made
				} else if made := rel.ids[newPath][unescaped(frag)]; made != "" {
					frag = made
				}
				return newPath + q + "#" + frag
			}
			switch {
			case to[p] != "":
				repl = withID(to[p])
			case to[unescaped(p)] != "":
				repl = withID(to[unescaped(p)])
			case rel.files[p], rel.files[unescaped(p)]:
				repl = rebased
			default:
				var ok bool
				if repl, ok = rel.fromSource(dest); !ok {
					if !rel.base {
						continue
					}
					repl = rebased // where it led, if nothing is there now
				}
			}
		} else {
			u, frag, _ := strings.Cut(dest, "#")
			newPath, ok := to[u]
			if !ok {
				// Written with its escapes (/%E6%B5%85/, as a browser
				// copies an address).
				newPath, ok = to[unescaped(u)]
			}
			if made := rel.ids[u][frag]; !ok && made != "" {
				// A link by its new path (a ref's) to a heading's own id.
				newPath, ok = u, true
			}
			if !ok {
				// A path under the old site's base path: the post's
				// address, or a file the import copies.
				p, under := rel.underBase(u)
				switch {
				case !under:
					// Only a link that leads nowhere from the page: one to
					// a file or a page there works as written.
					if rel.leadsSomewhere(dest) {
						continue
					}
					if f, ok := rel.fromSource(dest); ok {
						b.WriteString(body[last:d[0]])
						b.WriteString(f)
						last = d[1]
					}
					continue
				case to[strings.TrimSuffix(rel.old.base.String(), "/")+p] != "":
					newPath = to[strings.TrimSuffix(rel.old.base.String(), "/")+p]
				case to[p] != "":
					newPath = to[p]
				case to[unescaped(p)] != "":
					newPath = to[unescaped(p)]
				case rel.files[strings.SplitN(p, "?", 2)[0]], rel.files[unescaped(strings.SplitN(p, "?", 2)[0])]:
					newPath = p
				default:
					continue
				}
			}
			repl = newPath
			if made := rel.ids[newPath][frag]; made != "" {
				frag = made
			} else if made := rel.ids[newPath][unescaped(frag)]; made != "" {
				frag = made
			}
			if frag != "" {
				repl += "#" + frag
			}
		}
		b.WriteString(body[last:d[0]])
		b.WriteString(repl)
		last = d[1]
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// unescaped is a link's path, or fragment, with its percent escapes
// read (%E6%B5%85 as 浅), or as written when they do not read.
func unescaped(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// linkDests returns where the destinations of a body's links are, in
// order: inline links, reference definitions, the href and src of tags
// (quoted or not) and each candidate of a srcset.
func linkDests(body string) [][2]int {
	var out [][2]int
	group := func(m []int) {
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 {
				out = append(out, [2]int{m[g], m[g+1]})
				return
			}
		}
	}
	for _, re := range []*regexp.Regexp{mdDest, refDest, hrefDest, srcDest} {
		for _, m := range re.FindAllStringSubmatchIndex(body, -1) {
			group(m)
		}
	}
	for _, m := range srcset.FindAllStringSubmatchIndex(body, -1) {
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 {
				for _, c := range srcsetLinks(body[m[g]:m[g+1]]) {
					out = append(out, [2]int{m[g] + c[0], m[g] + c[1]})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}

// srcsetLinks returns where the address of each candidate of a srcset's
// value is ("a.png 1x, b.png 2x"): a run of what is not a space, less
// the commas it ends with, up to the comma after its descriptors.
func srcsetLinks(v string) [][2]int {
	var out [][2]int
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	for i := 0; i < len(v); {
		for i < len(v) && (isSpace(v[i]) || v[i] == ',') {
			i++
		}
		start := i
		for i < len(v) && !isSpace(v[i]) {
			i++
		}
		end := i
		for end > start && v[end-1] == ',' {
			end--
		}
		if end > start {
			out = append(out, [2]int{start, end})
		}
		if end < i {
			continue // the candidate ended with its commas: no descriptors
		}
		for i < len(v) && v[i] != ',' {
			i++
		}
	}
	return out
}
