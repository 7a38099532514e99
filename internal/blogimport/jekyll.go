package blogimport

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/source"
	"gopkg.in/yaml.v3"
)

// jekyllConfigs are the files Jekyll reads its configuration from.
var jekyllConfigs = []string{"_config.yml", "_config.yaml", "_config.toml"}

// jekyllExcluded are the files and folders Jekyll leaves out of a site,
// and those of a blog's repository that were never its pages.
var jekyllExcluded = []string{
	"Gemfile", "Gemfile.lock", "gemfiles", "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/", "package.json", "package-lock.json",
	"yarn.lock", "Rakefile", "Makefile", "Dockerfile", "docker-compose.yml", "netlify.toml", "vercel.json",
	"CNAME", "Procfile", "Guardfile", "Jenkinsfile",
}

// jekyllRepoFiles are the names (before any extension) of a repository's
// own files, which a site copies but nobody reads there.
var jekyllRepoFiles = []string{"readme", "license", "licence", "changelog", "contributing", "code_of_conduct", "copying", "authors"}

// postName is a Jekyll post's file name: its date and its slug.
var postName = regexp.MustCompile(`^(\d{4}-\d{1,2}-\d{1,2})-(.+)\.([A-Za-z0-9]+)$`)

// Jekyll reads the Jekyll site at the root of fsys.
func Jekyll(fsys fs.FS, opts Options) (*Plan, error) {
	if err := notNetjournal(fsys, opts); err != nil {
		return nil, err
	}
	shown := func(p string) string { return path.Join(opts.Root, p) }
	jc := opts.sourced
	if jc == nil {
		jc = &jekyllConfig{cfg: config{}}
		for _, n := range jekyllConfigs {
			if _, err := fs.Stat(fsys, n); err == nil {
				c, dups, err := readConfig(fsys, n, shown(n), false)
				if err != nil {
					return nil, err
				}
				jc = &jekyllConfig{cfg: c, name: n, shown: shown(n), dups: dups}
				break
			}
		}
		// The site's files are in its source: folder, when it has one;
		// its configuration is the one read here, as Jekyll reads it.
		if src := path.Clean(strings.Trim(jc.cfg.str("source"), "/")); jc.cfg.str("source") != "" && src != "." && fs.ValidPath(src) {
			if info, err := fs.Stat(fsys, src); (err != nil || !info.IsDir()) && path.Base(src) != src {
				// A folder a build step makes (.tmp/src, which gulp
				// copies from src/): the one of its name, when there is.
				if info, err := fs.Stat(fsys, path.Base(src)); err == nil && info.IsDir() {
					jc.dups = append(jc.dups, content.Errorf(content.Position{Path: jc.shown}, "source: %s is no folder of the site (made by a build step?): the site's files are read from %s, of its name", src, path.Join(opts.Root, path.Base(src))))
					src = path.Base(src)
				}
			}
			if info, err := fs.Stat(fsys, src); err == nil && info.IsDir() {
				sub, err := fs.Sub(fsys, src)
				if err != nil {
					return nil, err
				}
				o := opts
				o.Root, o.sourced = path.Join(opts.Root, src), jc
				plan, err := Jekyll(sub, o)
				if plan != nil {
					// The files to copy, by their paths in the site's
					// folder, as the import reads them (and as Verify
					// names them, under the root).
					for i := range plan.Files {
						plan.Files[i].Source = path.Join(src, plan.Files[i].Source)
					}
					plan.root = opts.Root
				}
				return plan, err
			}
			jc.dups = append(jc.dups, content.Errorf(content.Position{Path: jc.shown}, "source: %s is no folder of the site (made by a build step?): the site's files are read from %s", src, or(opts.Root, ".")))
		}
	}
	cfg, cfgName, cfgShown := jc.cfg, jc.name, or(jc.shown, shown("_config.yml"))
	plan := &Plan{root: opts.Root}
	plan.Warnings = append(plan.Warnings, jc.dups...)
	plan.Language = languageTag(or(cfg.str("lang"), cfg.str("locale")))
	if _, ok := cfg["data"]; !ok {
		// site.data: the data folder's files, which the Liquid of posts
		// and includes reads.
		dataWarn := func(p string, err error) {
			plan.warn(content.Position{Path: shown(p)}, "a data file that does not read (%v): left out of site.data, and the Liquid that reads it left out", err)
		}
		if data := jekyllData(fsys, path.Clean(strings.Trim(or(cfg.str("data_dir"), "_data"), "/")), dataWarn); len(data) > 0 {
			cfg["data"] = data
		}
	}
	old := newSite(or(opts.BaseURL, strings.TrimRight(cfg.str("url"), "/")+"/"+strings.Trim(cfg.str("baseurl"), "/")))
	if old.base == nil || placeholderHosts[old.base.Hostname()] && opts.BaseURL == "" {
		plan.warn(content.Position{Path: cfgShown}, "the site's url is not known: feed ids are not kept; give the blog's address with --base-url%s", cnameHint(fsys, "CNAME"))
		old = site{}
	}
	zone := cfg.zone("timezone")
	pattern := or(cfg.str("collections.posts.permalink"), or(cfg.str("permalink"), "date"))
	byID, noBase := jekyllFeedByID(fsys, cfg)
	feedID := old.abs
	if noBase && old.base != nil {
		// The site's url alone: the host of the address given.
		host := site{base: &url.URL{Scheme: old.base.Scheme, Host: old.base.Host, Path: "/"}}
		feedID = host.abs
	}
	if opts.BaseURL == "" && old.base != nil {
		base := cfg.str("baseurl")
		if noBase {
			base = ""
		}
		feedID = jekyllAbsoluteURL(cfg.str("url"), base)
	}

	byConfig := excludeMatcher(jekyllConfigList(cfg, "exclude"))
	byDefault := excludeMatcher(jekyllExcluded)
	includedBy := excludeMatcher(jekyllConfigList(cfg, "include"))
	// include names what Jekyll reads although its name starts with _
	// or .: a theme's _pages folder.
	included := map[string]bool{}
	for _, e := range jekyllConfigList(cfg, "include") {
		included[strings.Trim(e, "/")] = true
	}
	jekyllOwn := func(p string) bool {
		segs := strings.Split(p, "/")
		for i, s := range segs {
			if strings.HasPrefix(s, "_") && !included[strings.Join(segs[:i+1], "/")] {
				return true
			}
		}
		return false
	}
	// The collections Jekyll renders (output: true): their documents
	// are pages, at the collection's addresses.
	outputs := map[string]bool{}
	if cols, ok := cfg.get("collections").(map[string]any); ok {
		for name, v := range cols {
			m, _ := v.(map[string]any)
			if out, _ := boolean(m["output"]); out && name != "posts" && !strings.ContainsAny(name, "/.") {
				outputs[name] = true
			}
		}
	}
	// collections_dir: the folder of the posts and the collections.
	colDir := path.Clean(strings.Trim(cfg.str("collections_dir"), "/"))
	if colDir == "." || !fs.ValidPath(colDir) {
		colDir = ""
	}
	// inCol is p in the collections' folder, and whether it is in it.
	inCol := func(p string) (string, bool) {
		if colDir == "" {
			return p, true
		}
		return strings.CutPrefix(p, colDir+"/")
	}
	collectionOf := func(p string) string {
		p, ok := inCol(p)
		first, _, _ := strings.Cut(p, "/")
		if c, isCol := strings.CutPrefix(first, "_"); ok && isCol && outputs[c] && first != p {
			return c
		}
		return ""
	}
	var postFiles, draftFiles, pageFiles, docFiles []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		name := d.Name()
		switch {
		case source.Ignored(name, d.IsDir()):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case includedBy(p) == "" && includedBy(name) == "" && (byConfig(p) != "" || byDefault(p) != ""):
			// Jekyll's include wins over exclude; what the site's
			// exclude keeps out is listed, never copied to static/.
			if e := byConfig(p); e != "" {
				plan.skip(shown(p), "excluded by %s (exclude: %s)", cfgShown, e)
			}
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			if name == "_site" || name == ".jekyll-cache" || name == "_sass" || name == "_includes" || name == "_layouts" || name == "_data" || name == "_plugins" {
				return fs.SkipDir
			}
			return nil
		}
		dir := "/" + path.Dir(p) + "/"
		_, inCols := inCol(p)
		switch {
		case (strings.Contains(dir, "/_posts/") || strings.Contains(dir, "/_drafts/")) && !inCols:
			plan.skip(shown(p), "a post outside the site's collections_dir (%s), where Jekyll reads its posts: never published", colDir)
		case strings.Contains(dir, "/_posts/"):
			postFiles = append(postFiles, p)
		case strings.Contains(dir, "/_drafts/"):
			draftFiles = append(draftFiles, p)
		case collectionOf(p) != "":
			c := collectionOf(p)
			rel, _ := inCol(p)
			rest := strings.TrimPrefix(rel, "_"+c+"/")
			_, ext := splitExt(name)
			switch {
			case strings.ContainsRune("_.#~", rune(rest[0])) || strings.ContainsRune("_.#~", rune(name[0])):
				// Jekyll's EntryFilter leaves them out (special?: the
				// path's first character, or the name's): never rendered.
				plan.skip(shown(p), "a name that begins with _, ., # or ~ in a collection, which Jekyll leaves out")
			case !frontMatter(fsys, p):
				// Copied as it is, as Jekyll copies a rendered
				// collection's other files: where its permalink puts them
				// (StaticFile#url: :path without its extension, then it).
				noExt := strings.TrimSuffix(rest, path.Ext(rest))
				at, _ := expand(or(cfg.str("collections."+c+".permalink"), jekyllCollectionTemplate(or(cfg.str("permalink"), "date"))),
					map[string]string{"collection": c, "path": noExt, "name": path.Base(noExt), "title": "", "slug": "", "output_ext": ""})
				at = strings.TrimSuffix(at, "/") + path.Ext(rest)
				plan.Files = append(plan.Files, File{Path: "static" + at, Source: p})
			case markdownExts[ext] || ext == ".html" || ext == ".htm":
				docFiles = append(docFiles, p)
			default:
				plan.skip(shown(p), "a file Jekyll makes from a template (Liquid in front matter): netjournal makes its own feeds, sitemap and styles")
			}
		case jekyllOwn(p):
			// Jekyll's own folders and files: not the site's.
		case jekyllRepoFile(name) && !strings.Contains(p, "/"):
			plan.skip(shown(p), "a file of the repository, not of the blog")
		case !frontMatter(fsys, p):
			plan.Files = append(plan.Files, File{Path: "static/" + p, Source: p})
		default:
			switch _, ext := splitExt(name); {
			case markdownExts[ext] && jekyllListing(fsys, p):
				plan.skip(shown(p), "a page that Jekyll made from the site (its Liquid lists posts, tags or pages, and it has little text of its own): netjournal makes its own archive and tags pages")
			case markdownExts[ext]:
				pageFiles = append(pageFiles, p)
			case (ext == ".html" || ext == ".htm") && jekyllHTMLPage(fsys, p):
				pageFiles = append(pageFiles, p)
			case ext == ".html" || ext == ".htm":
				plan.skip(shown(p), "a page in HTML that Jekyll made from the site (its Liquid lists posts or pages, or it is the home or the 404 page): netjournal makes its own home, archive, tags and 404 pages")
			case ext == ".textile":
				plan.skip(shown(p), "Textile, not Markdown: convert it to Markdown to import it")
			default:
				plan.skip(shown(p), "a file Jekyll makes from a template (Liquid in front matter): netjournal makes its own feeds, sitemap and styles")
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(postFiles) == 0 && len(draftFiles) == 0 && cfgName == "" {
		return nil, content.Errorf(content.Position{Path: shown("_posts")}, "no _posts folder and no _config.yml: is this a Jekyll site?")
	}

	sl := &slugger{taken: map[string]bool{}}
	plan.taken = opts.Taken
	refs := map[string]string{}
	var drafts []*draft
	// A file beside a page, which its include_relative puts in it.
	readFile := func(p string) (string, bool) {
		b, err := fs.ReadFile(fsys, p)
		return string(b), err == nil && len(b) <= maxDataFile
	}
	read := func(p string, isDraft bool) {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			plan.warn(content.Position{Path: shown(p)}, "%v", pathless(err))
			return
		}
		// A draft without a date is dated by its file, as Jekyll dates it.
		mod := changed(fsys, p, opts.Now)
		d, ok := plan.jekyllPost(shown(p), p, data, isDraft, jekyllContext{
			cfg: cfg, zone: zone, pattern: pattern, old: old, newBase: opts.NewBase, byID: byID, feedID: feedID, now: mod, read: readFile, colDir: colDir,
		})
		if !ok {
			return
		}
		d.post.Slug = sl.slug(d.post.Slug, "post")
		d.post.Path = content.PostsDir + "/" + d.post.Slug + ".md"
		newPath := "/posts/" + d.post.Slug + "/"
		name, _ := splitExt(path.Base(p))
		refs["post_url:"+name] = newPath
		if i := strings.Index(p, "_posts/"); i >= 0 {
			refs["post_url:"+strings.TrimSuffix(p[i+len("_posts/"):], path.Ext(p))] = newPath
		}
		refs["link:"+p] = newPath
		drafts = append(drafts, d)
	}
	for _, p := range postFiles {
		read(p, false)
	}
	for _, p := range draftFiles {
		read(p, true)
	}
	places := newPlaces(opts.Pages)
	pageStyle := or(cfg.str("permalink"), "date")
	for _, p := range append(pageFiles, docFiles...) {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			plan.warn(content.Position{Path: shown(p)}, "%v", pathless(err))
			continue
		}
		jc := jekyllContext{cfg: cfg, zone: zone, pattern: pageStyle, old: old, newBase: opts.NewBase, read: readFile, colDir: colDir}
		if c := collectionOf(p); c != "" {
			jc.collection, jc.now = c, opts.Now
			if jc.now.IsZero() {
				jc.now = time.Now()
			}
			jc.pattern = or(cfg.str("collections."+c+".permalink"), jekyllCollectionTemplate(pageStyle))
		}
		d, ok := plan.jekyllPage(shown(p), p, data, jc)
		if !ok || !places.claim(plan, d) {
			continue
		}
		refs["link:"+p] = d.newPath()
		drafts = append(drafts, d)
	}
	// kramdown keeps an HTML block raw across blank lines; CommonMark,
	// and a site that has kramdown parse HTML blocks, do not.
	kramdown := strings.EqualFold(or(cfg.str("markdown"), "kramdown"), "kramdown")
	// kramdown's ids of headings, as its GFM parser (Jekyll's default
	// input) or its own make them, after the site's prefix, unless the
	// site turned them off.
	autoIDs, set := boolean(cfg.get("kramdown.auto_ids"))
	kramdownID := gfmAutoID
	if !strings.EqualFold(or(cfg.str("kramdown.input"), "GFM"), "GFM") {
		kramdownID = kramdownAutoID
	}
	if prefix := cfg.str("kramdown.auto_id_prefix"); prefix != "" {
		made := kramdownID
		kramdownID = func(text, source string) string { return prefix + made(text, source) }
	}
	if set && !autoIDs {
		kramdownID = func(string, string) string { return "" } // a header's {#id} alone
	}
	// $…$ math that the site's MathJax or KaTeX set: its includes' and
	// layouts' setup, or Chirpy's (a theme of a gem, not in the site);
	// on the pages that ask for it (math: true), where the setup is
	// loaded (Chirpy's, and most of the sites' own, {% if page.math %}).
	dollarIsMath, gated := scriptDollarMath(fsys, []string{"_includes", "_layouts", "assets"})
	if slices.Contains(cfg.list("theme"), "jekyll-theme-chirpy") || strings.HasSuffix(strings.ToLower(cfg.str("remote_theme")), "/jekyll-theme-chirpy") {
		dollarIsMath, gated = true, true
	}
	rawHTML := kramdown
	if v, ok := boolean(cfg.get("kramdown.parse_block_html")); ok && v {
		rawHTML = false
	}
	statics := map[string]bool{}
	for _, f := range plan.Files {
		statics[f.Path] = true
	}
	// The keys the config's defaults give pages: a page without its own
	// has the default's value, which its scope decides.
	defaulted := map[string]bool{}
	if list, ok := cfg.get("defaults").([]any); ok {
		for _, d := range list {
			if m, ok := d.(map[string]any); ok {
				if values, ok := m["values"].(map[string]any); ok {
					for k := range values {
						defaulted[k] = true
					}
				}
			}
		}
	}
	for _, d := range drafts {
		// lineOf maps a line of the body, counted from 0, to the line of
		// the file's body, when a pass added lines.
		var lineOf func(int) int
		if d.included != nil {
			lineOf = func(l int) int { return fileLineAt(l, d.included) }
		}
		if d.html {
			// Jekyll ran no Markdown converter on it: its HTML is the
			// page's.
			var inserted []int
			if d.body, inserted = htmlBody(d.body, true); inserted != nil {
				lineOf = then(func(l int) int { return fileLine(l, inserted) }, lineOf)
			}
		}
		if kramdown && !d.html {
			var n, first int
			if d.body, n, first = kramdownAbbreviations(d.body); n > 0 {
				if lineOf != nil {
					first = lineOf(first)
				}
				plan.warn(content.Position{Path: d.shown, Line: d.bodyLine + first},
					"kramdown's abbreviations are not read: %d %s kept in HTML comments, where they show nothing", n, map[bool]string{true: "definition", false: "definitions"}[n == 1])
			}
			var headers []int // the lines of the headers given to tables
			d.body, headers = kramdownTables(kramdownItemFences(kramdownSubLists(d.body)))
			d.body = kramdownUnclosedRaw(kramdownSetextText(kramdownShortSeparators(kramdownLineBreaks(d.body))))
			if headers != nil {
				lineOf = then(func(l int) int { return fileLine(l, headers) }, lineOf)
			}
		}
		if rawHTML && !d.html {
			body, parsed := kramdownParsedBlocks(d.body)
			body, ends := kramdownBlockEnds(body)
			if parsed != nil || ends != nil {
				before := lineOf
				lineOf = func(l int) int {
					l = fileLine(fileLine(l, ends), parsed)
					if before != nil {
						l = before(l)
					}
					return l
				}
			}
			body, toc, kept, first, example := kramdownExtensions(kramdownHeadingIALs(body))
			if lineOf != nil {
				first = lineOf(first)
			}
			if toc && d.page == nil && d.post.TOC == nil {
				on := true
				d.post.TOC = &on
			}
			if kept > 0 {
				plan.warn(content.Position{Path: d.shown, Line: d.bodyLine + first},
					"kramdown's attribute lists and extensions are not read: %d kept in HTML comments, where they show nothing (%s, …)", kept, example)
			}
			d.body = kramdownInlineRaw(kramdownStrong(kramdownDestinations(kramdownHTML(body))))
		}
		if kramdown && !d.html {
			d.body = kramdownSpanLines(d.body)
		}
		if dollarIsMath && (!gated || cfg.boolean("math") || pageMath(d.meta)) && !d.html {
			d.body = dollarMath(d.body)
		}
		c := newConverter(d.body, d.bodyLine, func(line int, format string, args ...any) {
			plan.warn(content.Position{Path: d.shown, Line: line}, format, args...)
		})
		if lineOf != nil {
			c.fileLine = lineOf
		}
		c.html = d.html
		c.resolve = func(ref string) (string, bool) {
			asked := ref
			if name, ok := strings.CutPrefix(ref, "post_url:/"); ok {
				ref = "post_url:" + name // as Jekyll's PostComparer reads it
			}
			if name, ok := strings.CutPrefix(ref, "link:/"); ok {
				ref = "link:" + name // Jekyll 4's link reads it so
			}
			p, ok := refs[ref]
			if file, isLink := strings.CutPrefix(asked, "link:"); !ok && isLink && statics["static/"+strings.TrimPrefix(file, "/")] {
				// {% link images/a.png %}: a file the import copies, at
				// the same path of the new site.
				return "/" + strings.TrimPrefix(file, "/"), true
			}
			return p, ok
		}
		meta := d.meta
		c.include = func(name string) (string, bool) {
			b, err := fs.ReadFile(fsys, path.Join("_includes", path.Clean("/"+name)))
			return string(b), err == nil
		}
		c.includeRelative = func(name string) (string, bool) {
			// Beside the post's file, never above the site's folder.
			src := d.shown
			if r := path.Clean(opts.Root); r != "." && r != "" {
				src = strings.TrimPrefix(src, r+"/")
			}
			p := path.Join(path.Dir(src), name)
			if !includable(name) || !fs.ValidPath(p) {
				return "", false
			}
			b, err := fs.ReadFile(fsys, p)
			return string(b), err == nil && len(b) <= maxDataFile
		}
		c.site, c.page = cfg, map[string]any{"title": d.title(), "url": d.newPath()}
		for _, k := range meta.Keys() {
			c.page[k], _ = meta.Get(k)
		}
		c.computed = func(name string) bool {
			scope, rest, _ := strings.Cut(name, ".")
			key, _, _ := strings.Cut(rest, ".")
			key, _, _ = strings.Cut(key, "[")
			if scope == "page" {
				if key == "categories" || key == "tags" {
					return true // with the folder's, made lists: as Jekyll has them, not as written
				}
				if _, ok := meta.Get(key); ok {
					return false // the front matter's own
				}
				return jekyllPageComputed[key] || defaulted[key]
			}
			// The config's own; any other, Jekyll's defaults may give (its
			// markdown, excerpt_separator, permalink, …) or it makes.
			_, ok := cfg[key]
			return !ok
		}
		c.value = func(name string) (string, bool) {
			if k, ok := strings.CutPrefix(name, "page."); ok {
				if v, ok := meta.Get(k); ok {
					return text(v)
				}
				// A value's own: page.tags.size, page.authors[0].
				if end := strings.IndexAny(k, ".["); end > 0 {
					if v, ok := meta.Get(k[:end]); ok {
						v, _ = liquidLookup(v, k[end:])
						return text(v)
					}
				}
				switch {
				case k == "title":
					return d.title(), true
				case k == "date" && d.post != nil:
					// As Jekyll's Liquid shows a post's date, the file
					// name's too.
					return d.post.Date.t.Format("2006-01-02 15:04:05 -0700"), true
				}
				return "", false
			}
			if k, ok := strings.CutPrefix(name, "site."); ok {
				v, _ := liquidLookup(map[string]any(cfg), k)
				return text(v)
			}
			return "", false
		}
		body := d.body
		if v, ok := meta.Get("render_with_liquid"); !ok || !isFalse(v) {
			body = c.liquid()
		}
		if d.page == nil {
			body = jekyllExcerpt(body, d.excerpt, cfg)
		}
		if kramdown && !d.html {
			// A heading's {#id} taken off, and the links to the ids
			// kramdown gave the headings made netjournal's.
			var ids map[string]string
			var custom map[int]string
			body, custom = kramdownHeaderIDs(body)
			body, ids = relinkHeadings(body, custom, kramdownID)
			d.setIDs(ids)
		}
		d.setBody(escapeWikilinks(escapeSingleTildes(body)))
		plan.finish(d)
	}
	plan.relink(old)
	plan.jekyllMenu(fsys, cfg, cfgShown, shown, old, refs)
	// Every feed the old site had: its files, or jekyll-feed's feed.xml.
	var feeds []string
	for _, f := range []string{"feed.xml", "atom.xml", "rss.xml", "feed/index.xml", "feed.rss"} {
		if _, err := fs.Stat(fsys, f); err == nil {
			feeds = append(feeds, f)
		}
	}
	if !slices.Contains(feeds, "feed.xml") && jekyllFeedPlugin(fsys, cfg) {
		feeds = append([]string{"feed.xml"}, feeds...)
	}
	for _, f := range feeds {
		if f == "atom.xml" {
			plan.Notes = append(plan.Notes, "the old feed was at /atom.xml, where netjournal's Atom feed is: subscribers follow it there")
			continue
		}
		plan.Notes = append(plan.Notes, fmt.Sprintf("the old feed was at /%s: netjournal's are /index.xml (RSS), /atom.xml and /feed.json; have the host redirect the old address so that subscribers follow", f))
	}
	if cols, ok := cfg.get("collections").(map[string]any); ok {
		var names []string
		for name, v := range cols {
			m, _ := v.(map[string]any)
			if out, _ := boolean(m["output"]); out && name != "posts" && !outputs[name] {
				names = append(names, "_"+name)
			}
		}
		slices.Sort(names)
		if len(names) > 0 {
			plan.Notes = append(plan.Notes, "collections of pages are not imported: "+strings.Join(names, ", "))
		}
	}
	return plan, nil
}

// jekyllContext is what a post's old address and dates depend on.
type jekyllContext struct {
	cfg     config
	zone    *time.Location
	pattern string
	// collection names the collection of a page that is its document
	// (projects, of _projects/x.md), whose pattern is the collection's.
	collection string
	// colDir is the site's collections_dir, which holds its _posts and
	// its collections' folders: no folder of a post's or a document's
	// path; "" for none.
	colDir string
	// read returns a file of the site, for an include_relative.
	read    func(p string) (string, bool)
	old     site
	newBase string
	byID    bool
	// feedID makes a post's id (its address's folder and its slug) the
	// id jekyll-feed gave it.
	feedID func(id string) string
	now    time.Time
}

// then is the line map f, then before (nil: none).
func then(f, before func(int) int) func(int) int {
	if before == nil {
		return f
	}
	return func(l int) int { return before(f(l)) }
}

// cnameHint names the domain a GitHub Pages site's CNAME file at p
// gives (GitHub Pages set a Jekyll site's url from it), for a warning
// that asks for the blog's address: "" when there is none. Whether the
// blog was served over https is not in the file: it is asked, not
// guessed (a wrong guess would give every post a new feed id).
func cnameHint(fsys fs.FS, p string) string {
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return ""
	}
	domain := strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0])
	if domain == "" || strings.ContainsAny(domain, " /:\t") || !strings.Contains(domain, ".") {
		return ""
	}
	return fmt.Sprintf(" (the CNAME file names %s: --base-url https://%s/ if the blog was there)", domain, domain)
}

// jekyllAbsoluteURL returns what Jekyll's absolute_url makes of a path
// on a site of this url and baseurl: the url as written, then the base
// path without its last "/" and the path, each after a "/" (so a url
// written with a "/" at its end gives two), normalized as Addressable
// normalizes a URL (its host in lower case, its path escaped).
func jekyllAbsoluteURL(siteURL, baseurl string) func(p string) string {
	lead := func(s string) string {
		if s == "" || strings.HasPrefix(s, "/") {
			return s
		}
		return "/" + s
	}
	return func(p string) string {
		raw := siteURL + lead(strings.TrimSuffix(baseurl, "/")) + lead(p)
		u, err := url.Parse(raw)
		if err != nil {
			return raw
		}
		u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
		return u.String()
	}
}

func jekyllRepoFile(name string) bool {
	base, _ := splitExt(strings.ToLower(name))
	return slices.Contains(jekyllRepoFiles, base)
}

// frontMatter reports whether a file starts with ---, as Jekyll decides
// whether a file is a page or a file to copy.
func frontMatter(fsys fs.FS, p string) bool {
	return firstLine(fsys, p) == "---"
}

// firstLine is the first line of the file at p, without its byte order
// mark and its trailing space.
func firstLine(fsys fs.FS, p string) string {
	f, err := fsys.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadSlice('\n')
	if err != nil && !errors.Is(err, bufio.ErrBufferFull) && len(line) == 0 {
		return ""
	}
	line = bytes.TrimPrefix(line, []byte("\uFEFF"))
	return string(bytes.TrimRight(line, " \t\r\n"))
}

// jekyllFeedByID reports whether the site's feed gave each post the id
// jekyll-feed gives it, the absolute form of the post's id (its address
// without the extension), rather than its address: the plugin is used
// and no feed of the site's own replaces it, or the site's own feed uses
// post.id. noBase is true where the site's own feed wrote the id after
// the site's url alone, {{ site.url }}{{ post.id }} (Poole's, Lanyon's,
// Hyde's), not with the baseurl absolute_url puts in.
func jekyllFeedByID(fsys fs.FS, cfg config) (byID, noBase bool) {
	for _, f := range []string{"feed.xml", "atom.xml", "rss.xml", "feed/index.xml", "index.xml", "feed.rss"} {
		b, err := fs.ReadFile(fsys, f)
		if err != nil || !bytes.HasPrefix(bytes.TrimLeft(b, "\uFEFF"), []byte("---")) {
			continue
		}
		return bytes.Contains(b, []byte("post.id")), urlThenID.Match(b)
	}
	return jekyllFeedPlugin(fsys, cfg), false
}

// urlThenID is a post's id after the site's url alone, in a feed's
// Liquid.
var urlThenID = regexp.MustCompile(`\{\{-?\s*site\.url\s*-?\}\}\s*\{\{-?\s*post\.id\b`)

// jekyllFeedPlugin reports whether the site has jekyll-feed make its feed
// (feed.xml), which gives each item its post's id.
func jekyllFeedPlugin(fsys fs.FS, cfg config) bool {
	plugins := append(cfg.list("plugins"), cfg.list("gems")...)
	if slices.Contains(plugins, "jekyll-feed") || cfg.str("theme") == "minima" {
		return true
	}
	b, err := fs.ReadFile(fsys, "Gemfile")
	return err == nil && bytes.Contains(b, []byte("jekyll-feed"))
}

// jekyllPost reads one post's front matter; ok is false for a post that
// is not imported, with the reason in the plan.
func (plan *Plan) jekyllPost(shown, rel string, data []byte, isDraft bool, jc jekyllContext) (*draft, bool) {
	name, ext := splitExt(path.Base(rel))
	if ext == ".textile" {
		plan.skip(shown, "Textile, not Markdown: convert it to Markdown to import it")
		return nil, false
	}
	if !markdownExts[ext] && ext != ".html" && ext != ".htm" {
		plan.skip(shown, "not a post: Jekyll reads Markdown and HTML posts")
		return nil, false
	}
	var fileDate stamp
	slug := name
	if m := postName.FindStringSubmatch(path.Base(rel)); m != nil {
		s, err := date(m[1], jc.zone)
		if err == nil {
			fileDate, slug = s, m[2]
		}
	}
	if fileDate.t.IsZero() && !isDraft {
		plan.skip(shown, "not a post: a post's file name starts with its date, YYYY-MM-DD-")
		return nil, false
	}
	meta, body, bodyLine, ok := plan.split(shown, data)
	if !ok {
		return nil, false
	}
	if meta == nil || meta.Format != "yaml" {
		plan.skip(shown, "no front matter: Jekyll copies such a file as it is, it is not a post")
		return nil, false
	}
	jekyllDefaults(meta, rel, jc.cfg, "posts", "permalink", "categories", "category", "tags", "published", "password", "encrypt", "encrypted", "toc", "excerpt_separator")
	p := &Post{Source: shown, Draft: isDraft}
	f := plan.fieldsOf(shown, meta)
	body, included := includeRelatives(body, rel, jc.read)
	d := &draft{post: p, meta: meta, body: body, bodyLine: bodyLine, shown: shown, html: ext == ".html" || ext == ".htm", included: included}
	// What the separator means is carried by the body (jekyllExcerpt):
	// the key, which netjournal has not, is not kept as a comment.
	if _, v, ok := f.take("excerpt_separator"); ok {
		d.excerpt, _ = text(v)
		if d.excerpt == "" {
			d.excerpt = "\n\n" // Jekyll's default: no divider
		}
	}

	p.Date = fileDate
	if key, v, ok := f.take("date"); ok && v != nil && v != "" {
		if s, err := date(v, jc.zone); err != nil {
			f.unreadKey(key, "%s: %v", key, err)
		} else {
			p.Date = s
		}
	}
	if p.Date.t.IsZero() {
		now := jc.now
		if now.IsZero() {
			now = time.Now()
		}
		p.Date = stamp{t: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)}
		p.Notes = append(p.Notes, "a draft without a date: dated "+p.Date.String()+", when its file was last changed")
	}
	p.Updated = f.updated(jc.zone, p.Date)
	if s := f.text("slug"); s != "" {
		slug = s
	}
	p.Slug = slug
	p.Title = liquidText(f.text("title"))
	if raw := f.text("title"); raw != p.Title {
		p.Kept = append(p.Kept, "title as written: "+describe(raw))
	}
	if p.Title == "" {
		// Jekyll titles a post without one from its slug, word by word.
		words := strings.Fields(strings.ReplaceAll(slug, "-", " "))
		for i, w := range words {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
		p.Title = or(strings.Join(words, " "), "Untitled")
		p.Notes = append(p.Notes, "titled "+p.Title+" from its file name, as Jekyll did")
	}
	p.Summary = liquidText(f.text("excerpt", "description", "summary"))
	for _, k := range []string{"description", "summary"} {
		if s := f.text(k); s != "" && liquidText(s) != p.Summary {
			p.Kept = append(p.Kept, k+": "+describe(s))
		}
	}
	// Categories: the folders above _posts, then the front matter's;
	// a plural key's text is a list of words, a singular key's one.
	var cats []string
	catRel := rel
	if jc.colDir != "" {
		catRel = strings.TrimPrefix(rel, jc.colDir+"/") // no category
	}
	if i := strings.Index("/"+catRel, "/_posts/"); i > 0 {
		for _, c := range strings.Split(catRel[:i-1], "/") {
			if c != "" {
				cats = append(cats, c)
			}
		}
	}
	// As Jekyll's Document reads them: categories, then category, a
	// text or a list (pluralized_array_from_hash), each once.
	cats = append(cats, jekyllList(f, "categories")...)
	if single, ok := jekyllSingular(f, "category"); ok {
		cats = append(cats, single...)
	}
	cats = slices.DeleteFunc(cats, func(s string) bool { return s == "" })
	tags := jekyllList(f, "tags")
	if single, ok := jekyllSingular(f, "tag"); ok {
		tags = append(single, tags...)
	}
	p.Tags = addTags(p.Tags, tags...)
	p.Tags = addTags(p.Tags, cats...)
	if _, v, ok := f.take("published"); ok {
		if b, ok := boolean(v); ok && !b {
			p.Draft = true
		}
	}
	if _, v, ok := f.take("draft"); ok {
		if b, _ := boolean(v); b {
			p.Draft = true
		}
	}
	p.Private = f.private()
	plan.holdProtected(d)
	p.TOC = f.toc() // its own, or its defaults'
	if on, ok := boolean(jc.cfg.get("toc")); ok && !on && p.TOC != nil && *p.TOC {
		// Chirpy's toc in _config.yml is a switch: off, no post showed
		// one, whatever it said.
		p.TOC = &on
		p.Notes = append(p.Notes, "toc: false, as the site's toc switch had it")
	}

	outExt := ".html"
	pattern := jc.pattern
	if s := f.text("permalink"); s != "" {
		pattern = s
	}
	oldPath, unknown := jekyllPermalink(pattern, p.Date, slug, uniq(cats), outExt)
	if len(unknown) > 0 {
		plan.warn(content.Position{Path: shown, Line: meta.LineOf("permalink")}, "permalink %q: %s not known: the old address may be wrong", pattern, strings.Join(unknown, ", "))
	}
	if !isDraft {
		plan.addOld(p, oldPath, false, jc.old, jc.newBase, shown, meta.LineOf("permalink"))
		if jc.byID && jc.old.base != nil {
			// jekyll-feed's id: the folder of the address and the slug.
			p.FeedID = jc.feedID(path.Join(path.Dir(strings.TrimSuffix(oldPath, "/")), slug))
		}
	} else {
		// A draft had no address, but jekyll serve --drafts shows it at
		// this one, which its relative links were written against
		// (relink): no alias, no feed id.
		p.oldPath = oldPath
	}
	for _, a := range f.texts("redirect_from") {
		plan.addAlias(&p.Aliases, urlPath(a, jc.old), jc.old, jc.newBase, shown, meta.LineOf("redirect_from"))
	}
	if ext == ".html" || ext == ".htm" {
		p.Notes = append(p.Notes, "an HTML post: its HTML is kept as the body")
	}
	kept, notes := f.kept(presentation, "posts")
	p.Kept, p.Notes = append(p.Kept, kept...), append(p.Notes, notes...)
	return d, true
}

// jekyllList reads a list, or a text of space-separated words, as Jekyll
// reads tags and categories.
func jekyllList(f *fields, key string) []string {
	k, v, ok := f.take(key)
	if !ok {
		return nil
	}
	if s, ok := v.(string); ok {
		return strings.Fields(s)
	}
	l, ok := list(v)
	if !ok {
		f.warn(k, "%s: expected a list of texts, got %s: left out", k, describe(v))
	}
	return l
}

// jekyllExcerpt returns a post's body with its excerpt_separator (own,
// the post's or its defaults', else the site's), when it is a comment
// such as <!--more--> at a line's start (or one to three spaces in, as
// CommonMark reads an HTML block's start), made netjournal's summary
// divider, on a line of its own: the excerpt Jekyll showed in lists is
// then the post's summary. One within a paragraph stays (kramdown showed
// one paragraph, which a divider would cut in two); Jekyll's default, a
// blank line, ends the first paragraph, which netjournal's summary is
// without one.
func jekyllExcerpt(body, own string, cfg config) string {
	sep := own
	if sep == "" {
		sep = cfg.str("excerpt_separator")
	}
	sep = strings.TrimSpace(sep)
	if len(sep) < len("<!---->") || !strings.HasPrefix(sep, "<!--") || !strings.HasSuffix(sep, "-->") {
		return body
	}
	at := outsideCode(body, sep)
	if at < 0 || !lineStart(body, at, aroundOf(body, at, at+len(sep)).before) {
		return body // none, or within a paragraph, a list or a quote: not at the top level
	}
	// At a line's start, or indented one to three spaces (text after it
	// is put on a line of its own, where CommonMark would show it as raw
	// HTML's).
	return divideAt(body, sep)
}

// liquidText is a title or an excerpt of Jekyll's front matter as its
// reader saw it: Liquid writes it into the page as HTML, so an entity is
// the character it stands for (&mdash; is —) and a tag of HTML's
// formatting is not text (<br/>, <em>…</em>); netjournal's are text.
// Anything else that looks like a tag (Vec<String>, a<b and c>d, a
// closing tag with no opening one) stays as written, as does text with
// neither (Tom & Jerry, 1 < 2).
func liquidText(s string) string {
	tags := formatTags(s)
	if !strings.Contains(s, "&") && len(tags) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, t := range tags {
		b.WriteString(s[last:t.start])
		switch {
		case t.struck:
			// What the reader saw struck out (<del>interesting</del>
			// <ins>interested</ins>) is taken back, with its tags.
		case breakTag.MatchString(s[t.start:t.end]):
			b.WriteString(" ") // a line or a block ends: the words apart
		}
		last = t.end
	}
	b.WriteString(s[last:])
	// Spaces run together as HTML runs them; a no-break space (&nbsp;)
	// stays one.
	isSpace := func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }
	return strings.Join(strings.FieldsFunc(html.UnescapeString(b.String()), isSpace), " ")
}

// tagSpan is where a tag of HTML's formatting lies in a text, or, when
// struck, a struck-out element with its text.
type tagSpan struct {
	start, end int
	struck     bool
}

// formatTags finds the tags of HTML's formatting in s, in order: a void
// one (<br>, <hr>, <img …>) alone; another only with its closing tag
// after it, both, and a struck-out element (<del>, <s>, <strike>) whole.
func formatTags(s string) []tagSpan {
	var out []tagSpan
	for i := 0; i < len(s); {
		m := htmlTag.FindStringSubmatchIndex(s[i:])
		if m == nil {
			break
		}
		start, end := i+m[0], i+m[1]
		name := strings.ToLower(s[i+m[2] : i+m[3]])
		closing := s[start+1] == '/'
		i = end
		if closing {
			continue // taken with its opening tag
		}
		if voidTag[name] {
			out = append(out, tagSpan{start, end, false})
			continue
		}
		closeStart := indexFold(s, end, "</"+name+">")
		if closeStart < 0 {
			continue // no element: text (a<b and c>d)
		}
		closeEnd := closeStart + len("</"+name+">")
		if name == "del" || name == "s" || name == "strike" {
			out = append(out, tagSpan{start, closeEnd, true})
			i = closeEnd
			continue
		}
		out = append(out, tagSpan{start, end, false}, tagSpan{closeStart, closeEnd, false})
	}
	slices.SortFunc(out, func(a, b tagSpan) int { return a.start - b.start })
	// A closing tag listed twice (two elements of one name) or inside a
	// struck element is kept once, outside.
	var kept []tagSpan
	last := 0
	for _, t := range out {
		if t.start < last {
			continue
		}
		kept = append(kept, t)
		last = t.end
	}
	return kept
}

// indexFold returns where tag (ASCII, lower case) is first in s from
// from, in any case, or -1; in s's own bytes (lower-casing s would move
// them: İ, K).
func indexFold(s string, from int, tag string) int {
	for i := from; i+len(tag) <= len(s); i++ {
		if s[i] == '<' && strings.EqualFold(s[i:i+len(tag)], tag) {
			return i
		}
	}
	return -1
}

var (
	// htmlTag is a tag of HTML's formatting, opening or closing.
	htmlTag = regexp.MustCompile(`(?i)</?(a|abbr|b|big|blockquote|br|center|cite|code|del|dfn|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|q|s|small|span|strike|strong|sub|sup|tt|u|ul|var)(?:\s[^<>]*)?/?>`)
	// voidTag are the tags that have no closing one.
	voidTag = map[string]bool{"br": true, "hr": true, "img": true}
	// breakTag is one that ends a line or a block.
	breakTag = regexp.MustCompile(`(?i)^</?(?:br|p|div|li|ul|ol|h[1-6]|blockquote|hr)\b`)
)

// jekyllSingular reads a singular key (category, tag): a text is one
// value, whole; a list is its values. ok says the key is given.
func jekyllSingular(f *fields, key string) (values []string, ok bool) {
	k, v, ok := f.take(key)
	if !ok || v == nil {
		return nil, ok
	}
	if s, isText := text(v); isText {
		return []string{s}, true
	}
	l, isList := list(v)
	if !isList {
		f.warn(k, "%s: expected a text or a list of texts, got %s: left out", k, describe(v))
	}
	return l, true
}

// jekyllDefaults adds the values of the site's front matter defaults for
// documents of type typ ("posts", "pages") that decide their address and
// tags — the keys named — for the keys its front matter lacks.
func jekyllDefaults(meta *Meta, rel string, cfg config, typ string, keys ...string) {
	list, _ := cfg.get("defaults").([]any)
	for _, item := range list {
		m, _ := item.(map[string]any)
		scope, _ := m["scope"].(map[string]any)
		values, _ := m["values"].(map[string]any)
		t, _ := text(scope["type"])
		dir, _ := text(scope["path"])
		if t != "" && t != typ || dir != "" && !strings.HasPrefix(rel, strings.Trim(dir, "/")) {
			continue
		}
		for _, k := range keys {
			if v, ok := values[k]; ok {
				if _, has := meta.Get(k); !has {
					meta.set(k, v, meta.Line)
				}
			}
		}
	}
}

// isFalse reports whether v is false, as Jekyll reads it.
func isFalse(v any) bool {
	b, ok := boolean(v)
	return ok && !b
}

// jekyllPage reads a page of the site, a Markdown file with front matter
// outside Jekyll's folders; ok is false for one that is not imported,
// with the reason in the plan. jc.pattern is the site's permalink style.
func (plan *Plan) jekyllPage(shown, rel string, data []byte, jc jekyllContext) (*draft, bool) {
	meta, body, bodyLine, ok := plan.split(shown, data)
	if !ok {
		return nil, false
	}
	if meta == nil || meta.Format != "yaml" {
		plan.skip(shown, "no front matter: Jekyll copies such a file as it is, it is not a page")
		return nil, false
	}
	kind := "pages"
	if jc.collection != "" {
		kind = jc.collection
	}
	jekyllDefaults(meta, rel, jc.cfg, kind, "permalink", "published", "password", "encrypt", "encrypted", "toc")
	p := &Page{Source: shown}
	f := plan.fieldsOf(shown, meta)
	_, ext := splitExt(path.Base(rel))
	body, included := includeRelatives(body, rel, jc.read)
	d := &draft{page: p, meta: meta, body: body, bodyLine: bodyLine, shown: shown, aliasKey: "redirect_from", html: ext == ".html" || ext == ".htm", included: included}
	if key, v, ok := f.take("date"); ok && v != nil && v != "" {
		if s, err := date(v, jc.zone); err != nil {
			f.unreadKey(key, "%s: %v", key, err)
		} else {
			p.Date = s
		}
	}
	p.Updated = f.updated(jc.zone, p.Date)
	dir, base := path.Dir(rel), path.Base(rel)
	name, _ := splitExt(base)
	p.Title = liquidText(f.text("title"))
	if raw := f.text("title"); raw != p.Title {
		p.Kept = append(p.Kept, "title as written: "+describe(raw))
	}
	if p.Title == "" && d.html {
		p.Title = htmlTitle(d.body) // a whole HTML document's <title>
	}
	untitled := p.Title == ""
	if untitled {
		n := name
		if strings.EqualFold(n, "index") && dir != "." {
			n = path.Base(dir)
		}
		p.Title = titleOf(n)
	}
	p.Description = liquidText(f.text("description", "excerpt", "summary"))
	for _, k := range []string{"excerpt", "summary"} {
		if s := f.text(k); s != "" && liquidText(s) != p.Description {
			p.Kept = append(p.Kept, k+": "+describe(s))
		}
	}
	if _, v, ok := f.take("published"); ok && isFalse(v) {
		p.Draft = true
	}
	if _, v, ok := f.take("draft"); ok {
		if b, _ := boolean(v); b {
			p.Draft = true
		}
	}
	p.Private = f.private()
	plan.holdProtected(d)
	p.TOC = f.toc()
	// The old address: its permalink, or Jekyll's template for pages.
	pattern := f.text("permalink")
	switch {
	case pattern != "":
		d.addrKey = "permalink"
	case jc.collection != "":
		pattern = jc.pattern // the collection's
	default:
		pattern = jekyllPageTemplate(name, jc.pattern)
	}
	if dir == "." {
		dir = ""
	}
	values := map[string]string{"path": dir, "basename": name, "output_ext": ".html"}
	fallback := "/" + path.Join(dir, name) + "/"
	if c := jc.collection; c != "" {
		// A document's :path is its own, in its collection's folder,
		// without its extension.
		in := strings.TrimPrefix(strings.TrimPrefix(path.Join(dir, name), jc.colDir+"/"), "_"+c+"/")
		// Its :title and :slug: its slug, or its file name less a date
		// that begins it (2016-11-07-mt-whitney is mt-whitney), as
		// Jekyll's Document reads it.
		// (UrlDrop: :slug and :name slugs, :title its own case, and a
		// date of its file name its date.)
		slug := f.text("slug")
		if m := postName.FindStringSubmatch(base); m != nil {
			slug = or(slug, m[2])
			if p.Date.t.IsZero() {
				if s, err := date(m[1], jc.zone); err == nil {
					p.Date = s
				}
			}
		}
		slug = or(slug, name)
		values = map[string]string{"collection": c, "path": in, "name": jekyllSlug(name, false, false),
			"title": jekyllSlug(slug, true, true), "slug": jekyllSlug(slug, false, false), "output_ext": ".html"}
		if !p.Date.t.IsZero() {
			dateValues(p.Date, values)
		}
		fallback = "/" + c + "/" + in + "/"
		// One dated after today Jekyll did not render (future: false).
		if !jc.now.IsZero() && p.Date.day().After(content.Day(jc.now)) && !jc.cfg.boolean("future") {
			p.Draft = true
			plan.warn(content.Position{Path: shown, Line: meta.LineOf("date")}, "dated %s, after today: Jekyll did not publish it; imported as a draft", p.Date)
		}
	}
	oldPath, unknown := expand(pattern, values)
	if len(unknown) > 0 {
		plan.warn(content.Position{Path: shown, Line: meta.LineOf("permalink")}, "permalink %q: %s not known: the old address may be wrong", pattern, strings.Join(unknown, ", "))
	}
	var aliases []string
	for _, a := range f.texts("redirect_from") {
		aliases = append(aliases, urlPath(a, jc.old))
	}
	if !plan.place(d, oldPath, fallback, aliases, jc.old, jc.newBase) {
		return nil, false
	}
	plan.finishPage(f, p, shown, meta.Line, untitled)
	return d, true
}

// jekyllCollectionTemplate is Jekyll's permalink of a collection's
// documents that gives none, by the site's permalink style: /:collection/:path
// and the ending the style gives (Jekyll's add_permalink_suffix).
func jekyllCollectionTemplate(style string) string {
	const t = "/:collection/:path"
	switch style {
	case "pretty":
		return t + "/"
	case "date", "ordinal", "none", "weekdate":
		return t + ":output_ext"
	}
	switch {
	case strings.HasSuffix(style, "/"):
		return t + "/"
	case strings.HasSuffix(style, ":output_ext"):
		return t + ":output_ext"
	}
	return t
}

// jekyllHTMLPage reports whether the page in HTML at p is a page of the
// writer's (an about page, a list of talks from _data), which is
// imported: not the home or the 404 page, nor one whose Liquid lists
// what only Jekyll had (the site's posts, a paginator) with little text
// of the writer's besides (an archive, a tags page), which netjournal
// makes its own of. A page of prose that also lists the posts is
// imported, its list kept in a comment, with a warning; its conditions
// and its loops over the site's data run (converter.loop).
func jekyllHTMLPage(fsys fs.FS, p string) bool {
	if name, _ := splitExt(p); name == "index" || name == "404" {
		return false
	}
	_, err := fs.Stat(fsys, p)
	return err == nil && !jekyllListing(fsys, p)
}

// jekyllListing reports whether the page at p is one Jekyll made from the
// site: it has little text of its own (listingProse), and loops over what
// only Jekyll had alone (the posts, the tags, a variable assigned them,
// a paginator). A page that loops over its data too is the writer's (a
// list of publications), and so is an about page that says how many
// posts the site has.
func jekyllListing(fsys fs.FS, p string) bool {
	b, err := fs.ReadFile(fsys, p)
	if err != nil || proseWords(string(b)) >= listingProse {
		return false
	}
	src := string(b)
	// The variables assigned what only Jekyll had: {% assign t = site.tags %}.
	jekyllVars := map[string]bool{}
	for _, m := range liquidAssign.FindAllStringSubmatch(src, -1) {
		if jekyllOnly.MatchString("{{ " + m[2] + " }}") {
			jekyllVars[m[1]] = true
		}
	}
	loops := liquidLoop.FindAllString(src, -1)
	if strings.Contains(src, "paginator.") {
		return true
	}
	for _, l := range loops {
		m := liquidForIn.FindStringSubmatch(l)
		if !jekyllOnly.MatchString(l) && (m == nil || !jekyllVars[m[1]]) {
			return false // a loop over the page's, the site's or its data: content
		}
	}
	return len(loops) > 0
}

var (
	liquidAssign = regexp.MustCompile(`\{%-?\s*assign\s+(\w+)\s*=\s*(.*?)-?%\}`)
	// liquidForIn is a loop's tag, and the variable it loops over.
	liquidForIn = regexp.MustCompile(`^\{%-?\s*(?:for|tablerow)\s+\w+\s+in\s+(\w+)`)
)

// listingProse is how many words of its own a page that lists the
// site's posts has, at least, to be a page of the writer's.
const listingProse = 30

// proseWords counts the words of a page in HTML that are not its front
// matter, its scripts, styles and comments, its loops, its Liquid or its
// tags.
func proseWords(s string) int {
	if _, body, ok := strings.Cut(strings.TrimPrefix(s, "---"), "\n---"); ok && strings.HasPrefix(s, "---") {
		s = body
	}
	for _, re := range []*regexp.Regexp{htmlNotText, liquidLoop, liquidAny, htmlTagText} {
		s = re.ReplaceAllString(s, " ")
	}
	return len(strings.Fields(s))
}

var (
	liquidLoop  = regexp.MustCompile(`(?s)\{%-?\s*(?:for|tablerow)\b.*?\{%-?\s*end(?:for|tablerow)\s*-?%\}`)
	liquidAny   = regexp.MustCompile(`(?s)\{%.*?%\}|\{\{.*?\}\}`)
	htmlTagText = regexp.MustCompile(`(?s)<[^>]*>`)
	// A script, a style and a comment are no words of the page's.
	htmlNotText = regexp.MustCompile(`(?is)<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->`)
)

// jekyllPageTemplate is the address Jekyll gives a page without a
// permalink of its own (Page#template): a folder's index is the folder,
// and another page ends as the site's permalink style ends — in / for
// pretty addresses, in .html for the others.
func jekyllPageTemplate(name, style string) string {
	if name == "index" {
		return "/:path/"
	}
	switch style {
	case "pretty":
		return "/:path/:basename/"
	case "date", "ordinal", "none", "weekdate":
		return "/:path/:basename:output_ext"
	}
	t := "/:path/:basename"
	if strings.HasSuffix(style, "/") {
		t += "/"
	}
	if strings.HasSuffix(style, ":output_ext") {
		t += ":output_ext"
	}
	return t
}

// jekyllMenu suggests the old site's navigation: a theme's
// _data/navigation.yml (its main list, or the list it is), the
// navigation list of _config.yml, minima's header_pages, or
// beautiful-jekyll's navbar-links.
func (plan *Plan) jekyllMenu(fsys fs.FS, cfg config, cfgShown string, shown func(string) string, old site, refs map[string]string) {
	var items []menuItem
	left := 0
	fromList := func(l []any) {
		for _, x := range l {
			m, ok := x.(map[string]any)
			if !ok {
				left++
				continue
			}
			title, _ := text(firstOf(field(m, "title"), field(m, "name"), field(m, "text"), field(m, "label")))
			u, _ := text(firstOf(field(m, "url"), field(m, "link"), field(m, "href"), field(m, "path")))
			if title == "" || u == "" {
				left++
				continue
			}
			items = append(items, menuItem{title: strings.TrimSpace(title), url: u, weight: whole(field(m, "weight"))})
		}
	}
	source, unread := "", ""
	for _, n := range []string{"_data/navigation.yml", "_data/navigation.yaml"} {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			continue
		}
		unread = shown(n)
		var v any
		if yaml.Unmarshal(b, &v) != nil {
			break
		}
		v = normalize(v, false)
		if m, ok := v.(map[string]any); ok {
			v = m["main"]
		}
		if l, ok := v.([]any); ok && len(l) > 0 {
			fromList(l)
			source, unread = shown(n), ""
		}
		break
	}
	if source == "" {
		if l, ok := cfg.get("navigation").([]any); ok && len(l) > 0 {
			fromList(l)
			source = cfgShown + ", navigation"
		}
	}
	if source == "" {
		for _, f := range cfg.list("header_pages") {
			to, ok := refs["link:"+strings.TrimPrefix(f, "/")]
			if !ok {
				left++
				continue
			}
			items = append(items, menuItem{title: plan.titleAt(to, ""), url: to})
			source = cfgShown + ", header_pages"
		}
	}
	if source == "" {
		if m, ok := cfg.get("navbar-links").(map[string]any); ok {
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				u, ok := m[k].(string)
				if !ok {
					left++
					continue
				}
				items = append(items, menuItem{title: k, url: u})
			}
			source = cfgShown + ", navbar-links"
		}
	}
	if source == "" && unread != "" {
		plan.Notes = append(plan.Notes, "the old site's navigation, "+unread+", is in a form of its theme's own that the import does not read: to have a menu, add one to netjournal.yaml (menu: a list of {title, url, weight})")
		return
	}
	moved, known := plan.moved(), lists()
	plan.suggestMenu(source, items, left, func(it menuItem) (string, string, bool) {
		u := siteVar.ReplaceAllString(it.url, "")
		if !strings.Contains(u, "://") && !strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "mailto:") && !strings.HasPrefix(u, "#") {
			u = "/" + u
		}
		to, ok := plan.newAddress(u, old, moved, known)
		return it.title, to, ok
	})
}

// siteVar is Liquid that prints the site's address, in a menu's URL.
var siteVar = regexp.MustCompile(`\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}`)

func uniq(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// jekyllConfigList is a list of _config.yml as Jekyll reads it: a YAML list,
// or a text of names between commas (exclude: config.ru, Gemfile), which
// Jekyll splits (its csv_to_array): read as one name, what it excluded
// was published.
func jekyllConfigList(cfg config, key string) []string {
	if s, ok := cfg.get(key).(string); ok {
		var out []string
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
		return out
	}
	return cfg.list(key)
}

// excludeMatcher returns which of Jekyll's exclude (or include) patterns
// names a path of the site, or "", as Jekyll matches them
// (EntryFilter#glob_include?): the pattern as a glob over the whole path
// (File.fnmatch, whose * crosses /: *.psd is assets/secret.psd too, and
// [Pp]rivate a class), or a start of the path as written (secret is
// secret-plans.pdf and secrets/ too).
func excludeMatcher(patterns []string) func(p string) string {
	type glob struct {
		pattern string
		re      *regexp.Regexp
	}
	var globs []glob
	for _, e := range patterns {
		e = strings.TrimPrefix(strings.TrimSpace(e), "/")
		if e == "" {
			continue
		}
		var b strings.Builder
		b.WriteString("^")
		rs := []rune(e)
		for i := 0; i < len(rs); i++ {
			switch r := rs[i]; r {
			case '*':
				b.WriteString(".*")
			case '?':
				b.WriteString(".")
			case '[':
				end := i + 1
				for end < len(rs) && rs[end] != ']' {
					end++
				}
				if end >= len(rs) {
					b.WriteString(regexp.QuoteMeta("["))
					continue
				}
				class := string(rs[i+1 : end])
				if strings.HasPrefix(class, "!") {
					class = "^" + class[1:]
				}
				b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
				i = end
			case '\\':
				if i+1 < len(rs) {
					i++
					b.WriteString(regexp.QuoteMeta(string(rs[i])))
				}
			default:
				b.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		b.WriteString("$")
		re, err := regexp.Compile(b.String())
		if err != nil {
			re = nil
		}
		globs = append(globs, glob{e, re})
	}
	return func(p string) string {
		for _, g := range globs {
			if strings.HasPrefix(p, g.pattern) || strings.HasPrefix(p+"/", g.pattern) || g.re != nil && g.re.MatchString(p) {
				return g.pattern
			}
		}
		return ""
	}
}

// jekyllPageComputed are the page variables Jekyll gives a page whose
// front matter does not: a condition on one is not evaluated.
var jekyllPageComputed = map[string]bool{
	"url": true, "date": true, "id": true, "collection": true, "title": true,
	"path": true, "excerpt": true, "content": true, "next": true, "previous": true, "dir": true,
	"name": true, "slug": true, "ext": true, "relative_path": true, "output": true, "layout": true,
}
