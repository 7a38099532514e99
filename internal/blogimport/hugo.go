package blogimport

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark-emoji/definition"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/source"
	"github.com/yuin/goldmark/util"
)

// hugoConfigs are the files Hugo reads its configuration from, first
// found first.
var hugoConfigs = []string{
	"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json",
}

// markdownExts are the extensions of Markdown files, to both generators.
var markdownExts = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true}

// placeholderHosts are the addresses of the sites that new-site commands
// write, never where a blog was served.
var placeholderHosts = map[string]bool{"example.org": true, "example.com": true, "www.example.org": true, "www.example.com": true, "localhost": true}

// hugoPage is a content file of a Hugo site.
type hugoPage struct {
	rel      string   // path under the content folder
	dir      string   // the page's folder: its bundle's for a bundle
	name     string   // file name without extension and language, or bundle folder
	sections []string // the folders above it
	lang     string
	bundle   string // the leaf bundle's folder, for index.md
	html     bool   // written in HTML, which Hugo showed as it was
}

// file is the page's .File, as Hugo's shortcodes see it, of a page of
// the content folder dir, in a site of the language lang by default.
func (pg *hugoPage) file(dir, lang string) shortcodeFile {
	f := shortcodeFile{Path: pg.rel, LogicalName: path.Base(pg.rel), ContentBaseName: pg.name, Lang: or(pg.lang, lang), Filename: path.Join(dir, pg.rel)}
	f.Dir = "/" // a file of the content folder's own, as Hugo has it
	if d := path.Dir(pg.rel); d != "." {
		f.Dir = d + "/"
	}
	ext := path.Ext(f.LogicalName)
	f.Ext, f.Extension = strings.TrimPrefix(ext, "."), strings.TrimPrefix(ext, ".")
	f.BaseFileName = strings.TrimSuffix(f.LogicalName, ext)
	f.TranslationBaseName = f.BaseFileName
	if pg.lang != "" {
		f.TranslationBaseName = strings.TrimSuffix(f.BaseFileName, "."+pg.lang)
	}
	return f
}

// Hugo reads the Hugo site at the root of fsys.
func Hugo(fsys fs.FS, opts Options) (*Plan, error) {
	if err := notNetjournal(fsys, opts); err != nil {
		return nil, err
	}
	shown := func(p string) string { return path.Join(opts.Root, p) }
	cfg, dups, err := hugoConfig(fsys, shown)
	if err != nil {
		return nil, err
	}
	plan := &Plan{Warnings: dups, root: opts.Root}
	plan.Language = languageTag(or(cfg.str("languagecode"), cfg.str("defaultcontentlanguage")))
	if l := cfg.str("languages." + strings.ToLower(cfg.str("defaultcontentlanguage")) + ".languagecode"); l != "" {
		plan.Language = languageTag(l)
	}
	old := newSite(or(opts.BaseURL, cfg.str("baseurl")))
	if old.base != nil && placeholderHosts[old.base.Hostname()] && opts.BaseURL == "" {
		plan.warn(content.Position{Path: shown(hugoConfigName(fsys))}, "baseURL %s is a placeholder: feed ids are not kept; give the blog's address with --base-url%s", cfg.str("baseurl"), cnameHint(fsys, path.Join(or(cfg.str("staticdir"), "static"), "CNAME")))
		old = site{}
	} else if old.base == nil {
		plan.warn(content.Position{Path: shown(hugoConfigName(fsys))}, "the site's baseURL is not known: feed ids are not kept; give the blog's address with --base-url%s", cnameHint(fsys, path.Join(or(cfg.str("staticdir"), "static"), "CNAME")))
	}
	lower := !cfg.boolean("disablepathtolower")
	zone := cfg.zone("timezone")
	defaultLang := strings.ToLower(or(cfg.str("defaultcontentlanguage"), "en"))
	langs := map[string]bool{defaultLang: true}
	if m, ok := cfg.get("languages").(map[string]any); ok {
		for l := range m {
			langs[strings.ToLower(l)] = true
		}
	}
	contentDir := or(cfg.str("contentdir"), "content")
	if d := cfg.str("languages." + defaultLang + ".contentdir"); d != "" {
		contentDir = d
	}
	contentDir = path.Clean(strings.Trim(contentDir, "/"))
	if _, err := fs.Stat(fsys, contentDir); err != nil {
		return nil, content.Errorf(content.Position{Path: shown(contentDir)}, "no content folder: is this a Hugo site?")
	}
	// Another language's content folder of its own is not imported, and
	// its pages are listed as skipped, as the translations beside the
	// site language's are: left out in silence, a real site's English
	// half was in no report.
	otherLangs := map[string]bool{} // folders the walk below leaves out
	for _, l := range slices.Sorted(maps.Keys(langs)) {
		d := cfg.str("languages." + l + ".contentdir")
		if l == defaultLang || d == "" {
			continue
		}
		d = path.Clean(strings.Trim(d, "/"))
		if d == contentDir || strings.HasPrefix(contentDir+"/", d+"/") {
			continue // the site language's folder, or one that holds it
		}
		otherLangs[d] = true
		_ = fs.WalkDir(fsys, d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || p != d && source.Ignored(e.Name(), e.IsDir()) {
				if err == nil && e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if _, ext := splitExt(e.Name()); !e.IsDir() && markdownExts[ext] {
				plan.skip(shown(p), "a translation (%s): netjournal imports the site's language, %s", l, defaultLang)
			}
			return nil
		})
	}

	// Leaf bundles first: a folder with an index file is one page, and
	// its other files are the page's.
	bundles := map[string]bool{}
	var files []string
	kept := hugoKeptOut(cfg, contentDir)
	err = fs.WalkDir(fsys, contentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if why := kept(p, d.IsDir()); p != contentDir && why != "" {
			// Hugo never read it: neither a page nor a file of the site.
			plan.skip(shown(p), "%s: Hugo did not read it, nor does the import", why)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != contentDir && source.Ignored(d.Name(), d.IsDir()) || d.IsDir() && otherLangs[p] {
			if d.IsDir() {
				return fs.SkipDir // another language's folder is listed above
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		files = append(files, p)
		name, ext := splitExt(d.Name())
		if base, _ := splitLang(name, langs); base == "index" && (markdownExts[ext] || htmlPage(fsys, p)) {
			bundles[path.Dir(p)] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The sections whose _index.md keeps them, and all below, from the
	// public (heldIn).
	held := map[string]string{} // a section's folder → why
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if why := cascadeHolds(cfg.get("cascade"), now); why != "" {
		held[contentDir] = "(the site's configuration) " + why // over-cautious with a _target: drafts
	}
	for _, p := range files {
		if name, _ := splitExt(path.Base(p)); !strings.HasPrefix(name, "_index") {
			continue // any _index: .md, .html, .org say the same
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			continue
		}
		meta, _, _, perr := Split(shown(p), data)
		switch {
		case perr != nil:
			plan.Warnings = append(plan.Warnings, perr)
			held[path.Dir(p)] = "has front matter that does not read"
		case meta != nil:
			if why := holdsBack(meta, now); why != "" {
				held[path.Dir(p)] = why
			}
		}
	}
	heldIn := func(p string) (dir, why string) {
		for d := path.Dir(p); ; d = path.Dir(d) {
			if why, ok := held[d]; ok {
				return strings.TrimPrefix(strings.TrimPrefix(d, contentDir), "/") + "/", why
			}
			if d == contentDir || d == "." || d == "/" {
				return "", ""
			}
		}
	}
	var pages []hugoPage
	resources := map[string][]string{} // bundle folder → its files
	for _, p := range files {
		rel := strings.TrimPrefix(p, contentDir+"/")
		if b := bundleOf(path.Dir(p), bundles); b != "" {
			name, ext := splitExt(path.Base(p))
			if base, lang := splitLang(name, langs); base == "index" && (markdownExts[ext] || htmlPage(fsys, p)) && path.Dir(p) == b {
				dir := strings.TrimPrefix(b, contentDir+"/")
				pages = append(pages, hugoPage{rel: rel, dir: dir, name: path.Base(b), sections: sectionsOf(path.Dir(dir)), lang: lang, bundle: b, html: !markdownExts[ext]})
				continue
			}
			resources[b] = append(resources[b], p)
			continue
		}
		name, ext := splitExt(path.Base(p))
		switch {
		case strings.HasPrefix(name, "_index") && markdownExts[ext]:
			// A section's own page, or the home page's: lists that
			// netjournal makes its own way.
			if path.Dir(rel) == "." {
				data, err := fs.ReadFile(fsys, p)
				if err != nil {
					return nil, err
				}
				_, body, _, _ := Split(shown(p), data)
				plan.home(shown(p), body)
			} else {
				plan.skip(shown(p), "a list page (_index): netjournal makes its own lists of posts, archive/ and tags/")
			}
			continue
		case !markdownExts[ext] && !strings.HasPrefix(name, "_index") && htmlPage(fsys, p):
			base, lang := splitLang(name, langs)
			pages = append(pages, hugoPage{rel: rel, dir: path.Dir(rel), name: base, sections: sectionsOf(path.Dir(rel)), lang: lang, html: true})
			continue
		case !markdownExts[ext]:
			if (ext == ".html" || ext == ".htm") && strings.HasPrefix(name, "_index") {
				plan.skip(shown(p), "a list page (_index): netjournal makes its own lists of posts, archive/ and tags/")
			} else if ext == ".html" || ext == ".htm" {
				plan.skip(shown(p), "HTML without front matter: the import reads a page in HTML by its front matter; to keep this one as it is, copy it to static/%s", rel)
			} else if hugoPageExts[ext] {
				plan.skip(shown(p), "not Markdown (%s): convert it to Markdown to import it", ext)
			} else if dir, why := heldIn(p); why != "" {
				plan.skip(shown(p), "a file of the content folder that no page owns, in %s, which %s: Hugo did not publish it, nor does the import", dir, why)
			} else {
				// Hugo published it at its path (content/posts/images/a.png
				// at /posts/images/a.png), unless what the import does
				// not read held it back: the site's ignoreFiles, a
				// mount's excludeFiles, a format of page it takes for a
				// file. Copied, a draft's notes were published (a
				// review's): it copies nothing a writer may have kept
				// from the public, and says where the file was.
				plan.skip(shown(p), "a file of the content folder that no page owns: Hugo published it at /%s, unless the site kept it back; copy it to static/%s if it was public", rel, rel)
			}
			continue
		}
		base, lang := splitLang(name, langs)
		pages = append(pages, hugoPage{rel: rel, dir: path.Dir(rel), name: base, sections: sectionsOf(path.Dir(rel)), lang: lang})
	}

	// Which sections hold posts: as asked, as configured, or the largest.
	mains := opts.Sections
	if len(mains) == 0 {
		mains = cfg.list("params.mainsections")
	}
	if len(mains) == 0 {
		mains = cfg.list("mainsections")
	}
	if len(mains) == 0 {
		count := map[string]int{}
		for _, pg := range pages {
			if len(pg.sections) > 0 {
				count[pg.sections[0]]++
			}
		}
		best := ""
		for s, n := range count {
			if n > count[best] || n == count[best] && s < best {
				best = s
			}
		}
		if best != "" {
			mains = []string{best}
		}
	}
	isMain := map[string]bool{}
	for _, m := range mains {
		isMain[strings.ToLower(m)] = true
	}

	sl := &slugger{taken: map[string]bool{}}
	plan.taken = opts.Taken
	plan.taxonomies = hugoTaxonomies(cfg)
	hc := hugoContext{
		zone: zone, lower: lower, ugly: cfg.boolean("uglyurls"), uglySections: uglySections(cfg), permalinks: hugoPermalinks(cfg, defaultLang),
		old: old, newBase: opts.NewBase, filenameDate: slices.Contains(cfg.list("frontmatter.date"), ":filename"),
		now: now, toc: hugoSiteTOC(cfg),
	}
	if len(langs) > 1 && cfg.boolean("defaultcontentlanguageinsubdir") {
		// Hugo put every language below its own folder, the site's too.
		hc.langPrefix = "/" + defaultLang
	}
	places := newPlaces(opts.Pages)
	var drafts []*draft
	refs := map[string]string{}      // a ref's forms → the new path
	sectionPages := map[string]int{} // a section that is not a post's → its pages imported
	for _, pg := range pages {
		src := path.Join(contentDir, pg.rel)
		if pg.lang != "" && pg.lang != defaultLang {
			plan.skip(shown(src), "a translation (%s): netjournal imports the site's language, %s", pg.lang, defaultLang)
			continue
		}
		data, err := fs.ReadFile(fsys, src)
		if err != nil {
			return nil, err
		}
		// A page in a section that Hugo kept from the public comes as a
		// draft: published only when the writer says so.
		heldDir, heldWhy := heldIn(path.Join(contentDir, pg.rel))
		if len(pg.sections) == 0 || !isMain[strings.ToLower(pg.sections[0])] {
			d, ok := plan.hugoStandalone(shown(src), data, pg, hc)
			if !ok {
				continue
			}
			if heldWhy != "" {
				d.page.Draft = true
				d.page.Notes = append(d.page.Notes, "a draft: its section "+heldDir+" "+heldWhy+", and Hugo did not publish it")
			}
			if !places.claim(plan, d) {
				continue
			}
			d.bundle = pg.bundle
			drafts = append(drafts, d)
			if len(pg.sections) > 0 {
				sectionPages[pg.sections[0]]++
			}
			for _, r := range hugoRefForms(pg) {
				refs[r] = d.newPath()
			}
			why := d.holdFiles
			if d.page.Draft {
				why = "the draft page " + d.page.SitePath + ": copy it to %s when you publish the page"
			}
			d.page.files = plan.bundleFiles(resources[pg.bundle], pg.bundle, "static/"+d.page.SitePath, why, shown)
			continue
		}
		// A post without a date is dated by its file (hugoPost).
		d, ok := plan.hugoPost(shown(src), data, pg, hc, changed(fsys, src, opts.Now))
		if !ok {
			continue
		}
		if heldWhy != "" {
			d.post.Draft = true
			d.post.Notes = append(d.post.Notes, "a draft: its section "+heldDir+" "+heldWhy+", and Hugo did not publish it")
		}
		d.post.Slug = sl.slug(or(d.post.Slug, pg.name), pg.name)
		d.post.Path = content.PostsDir + "/" + d.post.Slug + ".md"
		d.bundle = pg.bundle
		d.post.bundle = pg.bundle != ""
		drafts = append(drafts, d)
		for _, r := range hugoRefForms(pg) {
			refs[r] = d.newPath()
		}
		to := "static/posts/" + d.post.Slug + "/"
		why := d.holdFiles
		switch {
		case d.post.Draft:
			why = "the draft " + d.post.Slug + ": copy it to %s when you publish the post"
		case d.post.Date.day().After(content.Day(now)):
			why = "the post " + d.post.Slug + ", dated " + d.post.Date.String() + ": copy it to %s on that day"
		}
		plan.bundleFiles(resources[pg.bundle], pg.bundle, to, why, shown)
	}
	emoji, _ := boolean(cfg.get("enableemoji"))
	hardWraps, _ := boolean(cfg.get("markup.goldmark.renderer.hardwraps"))
	titleAttributes, set := boolean(cfg.get("markup.goldmark.parser.attribute.title"))
	titleAttributes = titleAttributes || !set // Hugo's default
	blockAttributes, _ := boolean(cfg.get("markup.goldmark.parser.attribute.block"))
	autoID := hugoAutoIDOf(cfg)
	// The site's shortcodes, then its themes': in layouts/_shortcodes/
	// since Hugo 0.146, in layouts/shortcodes/ before (which it still
	// reads).
	shortcodeDirs := []string{"layouts/_shortcodes", "layouts/shortcodes"}
	themes := cfg.list("theme")
	for _, th := range themes {
		for _, d := range []string{"layouts/_shortcodes", "layouts/shortcodes"} {
			shortcodeDirs = append(shortcodeDirs, path.Join(or(cfg.str("themesdir"), "themes"), th, d))
		}
	}
	markdownMath := !hugoPassthrough(cfg, "$$")
	// $…$ math: raw to Hugo's passthrough, else Markdown to Hugo, as its
	// $$ math is, and set by the theme's script.
	rawDollar := hugoPassthrough(cfg, "$")
	scripts := []string{"layouts", "assets", "static"}
	for _, th := range themes {
		for _, d := range []string{"layouts", "assets", "static"} {
			scripts = append(scripts, path.Join(or(cfg.str("themesdir"), "themes"), th, d))
		}
	}
	dollarIsMath := rawDollar || themeDollarMath(cfg)
	// A setup of the site's own is often loaded only on the pages that ask
	// for it ({{ if .Params.math }}): its math is theirs, or every page's
	// where the site's params say so.
	scriptMath, gated := scriptDollarMath(fsys, scripts)
	siteMath := cfg.boolean("params.math") || cfg.boolean("params.katex") || cfg.boolean("params.mathjax")
	for _, d := range drafts {
		var inserted []int // lines htmlBody added to the body
		if d.html {
			// Hugo showed it as it was, but for its shortcodes.
			d.body, inserted = htmlBody(d.body, false)
		} else {
			d.body = dedentAfterShortcodes(dedentShortcodeCode(d.body))
		}
		c := newConverter(d.body, d.bodyLine, func(line int, format string, args ...any) {
			plan.warn(content.Position{Path: d.shown, Line: line}, format, args...)
		})
		if inserted != nil {
			c.fileLine = func(l int) int { return fileLine(l, inserted) }
		}
		c.html = d.html
		c.resolve = func(ref string) (string, bool) {
			key := strings.ToLower(strings.Trim(ref, "/"))
			if p, ok := refs[key]; ok {
				return p, ok
			}
			// A term's page (/series/go-tour): its old address, which
			// leads to its tag's page (tagPages).
			for _, tax := range append([]string{"tags", "categories"}, plan.taxonomies...) {
				if term, ok := strings.CutPrefix(key, tax+"/"); ok && term != "" && !strings.Contains(term, "/") {
					return "/" + tax + "/" + term + "/", true
				}
			}
			return "", false
		}
		meta := d.meta
		c.value = func(name string) (string, bool) {
			if p, ok := strings.CutPrefix(name, "params."); ok {
				if v, ok := meta.Get(p); ok {
					return text(v)
				}
				// The language's params over the site's, as Hugo has them.
				if v := cfg.get("languages." + defaultLang + "." + name); v != nil {
					return text(v)
				}
				return text(cfg.get(name))
			}
			return "", false
		}
		c.shortcodeTemplate = func(name string) (string, bool) {
			for _, dir := range shortcodeDirs {
				if b, err := fs.ReadFile(fsys, path.Join(dir, path.Clean("/"+name)+".html")); err == nil {
					return string(b), true
				}
			}
			return "", false
		}
		c.site, c.page = cfg, map[string]any{"title": d.title(), "url": d.newPath()}
		if d.hugo != nil {
			c.pageFile = d.hugo.file(contentDir, defaultLang)
		}
		switch {
		case d.post != nil:
			c.pageDates = pageDates{d.post.Date.t, d.post.Updated.t}
		case d.page != nil:
			c.pageDates = pageDates{d.page.Date.t, d.page.Updated.t}
		}
		for _, k := range meta.Keys() {
			c.page[k], _ = meta.Get(k)
		}
		c.markdownMath = markdownMath
		c.inlineShortcodes, _ = boolean(cfg.get("enableinlineshortcodes"))
		body := c.shortcodes()
		dollar := (dollarIsMath || scriptMath && (!gated || siteMath || pageMath(d.meta))) && !rawDollar
		if hardWraps {
			body = hardWrapped(body, rawDollar || dollar)
		}
		body = displayMath(body)
		if dollar {
			body = dollarMath(body)
		}
		if markdownMath {
			body = unescapeMath(body)
		}
		if rawDollar {
			body = rawDollarMath(body)
		}
		if emoji {
			body = hugoEmoji(body) // before the headings' anchors are made
		}
		body, ids := hugoAttributes(body, titleAttributes, blockAttributes, autoID)
		body = hugoMore(body)
		d.setIDs(ids)
		if d.bundle != "" {
			body = bundleLinks(body, resources[d.bundle], d.bundle, d.newPath())
		}
		d.setBody(escapeWikilinks(escapeSingleTildes(body)))
		plan.finish(d)
	}
	plan.baseHref = hugoBaseHref(fsys, cfg)
	plan.staticFiles(fsys, staticDirs(cfg), shown) // which relink links to
	plan.hookedImages(fsys, cfg, now)
	plan.relink(old)
	var secs []string
	for s := range sectionPages {
		secs = append(secs, s)
	}
	slices.Sort(secs)
	for _, s := range secs {
		// The command names the sections of posts as well: --section
		// names them all, and with this one alone the posts of the
		// others would be pages.
		var cmd strings.Builder
		for _, m := range append(slices.Clip(mains), s) {
			fmt.Fprintf(&cmd, " --section %s", shellWord(m))
		}
		n := sectionPages[s]
		them := map[bool]string{true: "page is imported as a page (to make it a post", false: "pages are imported as pages (to make them posts"}[n == 1]
		plan.Notes = append(plan.Notes, fmt.Sprintf("section %q is not a section of posts: its %d %s as well, import with%s)", s, n, them, cmd.String()))
	}
	plan.hugoMenu(cfg, shown(or(hugoConfigName(fsys), "config/_default")), defaultLang, old, refs, mains)
	if f := hugoFeed(cfg); f != "" && f != "/index.xml" {
		plan.Notes = append(plan.Notes, fmt.Sprintf("the old feed was at %s: netjournal's are /index.xml (RSS), /atom.xml and /feed.json; have the host redirect the old address so that subscribers follow", f))
	}
	return plan, nil
}

// hugoFeed is the address of the home page's RSS feed, where a Hugo site
// has one: /index.xml, or by the name its RSS output format gives it
// (baseName = "feed": /feed.xml); "" when its home page has none.
func hugoFeed(cfg config) string {
	if outs := cfg.list("outputs.home"); cfg.get("outputs.home") != nil && !slices.ContainsFunc(outs, func(o string) bool { return strings.EqualFold(o, "rss") }) {
		return ""
	}
	return "/" + or(cfg.str("outputformats.rss.basename"), "index") + ".xml"
}

// hugoContext is what the old address and dates of a post or a page
// depend on.
type hugoContext struct {
	zone         *time.Location
	lower        bool
	ugly         bool            // uglyURLs: true
	uglySections map[string]bool // uglyURLs as a table of sections (lower case)
	permalinks   map[string]string
	old          site
	newBase      string
	filenameDate bool
	now          time.Time // today, for what Hugo publishes later
	toc          bool      // the theme shows every page's table of contents (hugoSiteTOC)
	langPrefix   string    // /en, when Hugo published the site's language below it (defaultContentLanguageInSubdir)
}

// hugoSiteTOC reports whether the site's params have its theme show a
// table of contents on every page that does not say otherwise:
// PaperMod's ShowToc, LoveIt's and FixIt's page.toc.enable, Stack's
// article.toc, or toc.
func hugoSiteTOC(cfg config) bool {
	for _, k := range []string{"params.showtoc", "params.toc", "params.toc.enable", "params.page.toc.enable", "params.article.toc"} {
		if b, ok := boolean(cfg.get(k)); ok && b {
			return true
		}
	}
	return false
}

// siteTOC is a post's or a page's toc: its own, else true when the old
// site showed every page's (a default false says nothing netjournal's
// does not).
func siteTOC(own *bool, site bool) *bool {
	if own == nil && site {
		on := true
		return &on
	}
	return own
}

// split reads a file's front matter and body; ok is false for a file
// that is not UTF-8 text, or whose front matter does not read, with the
// problem and the reason it is not imported in the plan.
func (plan *Plan) split(shown string, data []byte) (meta *Meta, body string, bodyLine int, ok bool) {
	// A file in Latin-1 made a post that did not load.
	if err := content.NotText(shown, data); err != nil {
		plan.Warnings = append(plan.Warnings, err)
		plan.skip(shown, "it is not text netjournal reads")
		return nil, "", 0, false
	}
	meta, body, bodyLine, perr := Split(shown, data)
	if perr != nil {
		plan.Warnings = append(plan.Warnings, perr)
		plan.skip(shown, "its front matter does not read")
		return nil, "", 0, false
	}
	return meta, body, bodyLine, true
}

// fieldsOf is the reader of meta's keys, whose warnings name their line
// in the file shown.
func (plan *Plan) fieldsOf(shown string, meta *Meta) *fields {
	f := &fields{meta: meta, used: map[string]bool{}}
	f.warn = func(key, format string, args ...any) {
		plan.warn(content.Position{Path: shown, Line: meta.LineOf(key)}, format, args...)
	}
	return f
}

// hugoDate reads Hugo's date: date, or publishDate and its synonyms.
// Another of them on another day is kept as a comment.
func hugoDate(f *fields, hc hugoContext, d *stamp, kept *[]string) {
	for _, k := range []string{"date", "publishdate", "pubdate", "published"} {
		if k == "published" && publishedFlag(f) != nil {
			continue // published: false, the opposite of draft (hugoPublished)
		}
		key, v, ok := f.take(k)
		if !ok || v == nil || v == "" {
			continue
		}
		s, err := date(v, hc.zone)
		if err != nil {
			f.unreadKey(key, "%s: %v", key, err)
			continue
		}
		if d.t.IsZero() {
			*d = s
		} else if s.day() != d.day() {
			*kept = append(*kept, key+": "+s.String())
		}
	}
}

// publishedFlag is Hugo's published as true or false (its undocumented
// opposite of draft), or nil when it is none (a date, or no key).
func publishedFlag(f *fields) *bool {
	v, ok := f.meta.Get("published")
	if !ok {
		return nil
	}
	return publishedValue(v)
}

// publishedValue reads published as Hugo's cast.ToBoolE reads it: a
// boolean, its text, or a number (0 is false); nil for anything else (a
// date).
func publishedValue(v any) *bool {
	var b bool
	switch v := v.(type) {
	case bool:
		b = v
	case string:
		var err error
		if b, err = strconv.ParseBool(strings.TrimSpace(v)); err != nil {
			return nil
		}
	case int:
		b = v != 0
	case int64:
		b = v != 0
	default:
		return nil
	}
	return &b
}

// hugoPublished reports whether the page says published: false, which
// Hugo renders no more than a draft, and takes the key; but a page that
// says draft too is as its draft says (Hugo: "Using draft").
func hugoPublished(f *fields) (unpublished bool) {
	if b := publishedFlag(f); b != nil {
		f.take("published")
		if _, hasDraft := f.meta.Get("draft"); hasDraft {
			return false
		}
		return !*b
	}
	return false
}

var datePrefix = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.+)$`)

// urlName is the last name of a url's path, without its extension:
// "foo" for /foo/, /2020/foo.html or https://x/foo; "" for none.
func urlName(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	name := path.Base(strings.TrimRight(u, "/"))
	if name == "." || name == "/" || strings.Contains(name, ":") {
		return ""
	}
	return strings.TrimSuffix(name, path.Ext(name))
}

// hugoPost reads one post's front matter; ok is false for a post that is
// not imported, with the reason in the plan. mod is when its file was last
// changed: the day a post without any date is dated.
func (plan *Plan) hugoPost(shown string, data []byte, pg hugoPage, hc hugoContext, mod time.Time) (*draft, bool) {
	meta, body, bodyLine, ok := plan.split(shown, data)
	if !ok {
		return nil, false
	}
	if meta == nil {
		meta = newMeta("yaml", 1)
	}
	p := &Post{Source: shown}
	f := plan.fieldsOf(shown, meta)
	d := &draft{post: p, meta: meta, body: body, bodyLine: bodyLine, shown: shown, html: pg.html, hugo: &pg}

	if !plan.hugoRendered(f, shown, d) {
		return nil, false
	}

	name := pg.name
	var fileDate stamp
	if m := datePrefix.FindStringSubmatch(name); m != nil {
		if s, err := date(m[1], hc.zone); err == nil {
			fileDate = s
			if hc.filenameDate {
				name = m[2]
			}
		}
	}
	// Hugo's dates: date, or publishDate and its synonyms; lastmod.
	hugoDate(f, hc, &p.Date, &p.Kept)
	if p.Date.t.IsZero() && hc.filenameDate && !fileDate.t.IsZero() {
		p.Date = fileDate
	}
	if p.Date.t.IsZero() {
		// Hugo's own default, after the keys above: lastmod, modified.
		for _, k := range []string{"lastmod", "modified"} {
			v, ok := f.meta.Get(k)
			if !ok || v == nil || v == "" {
				continue
			}
			if s, err := date(v, hc.zone); err == nil {
				p.Date = s
				p.Notes = append(p.Notes, "dated "+s.String()+" by its "+k+", as Hugo dates it")
				break
			}
		}
	}
	if p.Date.t.IsZero() && !fileDate.t.IsZero() {
		p.Date = fileDate
		p.Notes = append(p.Notes, "dated "+fileDate.String()+" from its file name")
	}
	// No date at all: Hugo publishes it dated 1 January of the year 1.
	// It is imported, not left behind, but as a draft dated by its file:
	// a made-up day is never published.
	undated := p.Date.t.IsZero()
	if undated {
		if mod.IsZero() {
			mod = time.Now()
		}
		p.Date = stamp{t: time.Date(mod.Year(), mod.Month(), mod.Day(), 0, 0, 0, 0, time.UTC)}
		plan.warn(content.Position{Path: shown, Line: meta.Line}, "no date: imported as a draft dated %s, when its file was last changed; give it its date and take out draft: true to publish it", p.Date)
	}
	p.Updated = f.updated(hc.zone, p.Date)
	p.Title = f.text("title")
	if p.Title == "" {
		p.Title = titleOf(name)
		plan.warn(content.Position{Path: shown, Line: meta.Line}, "no title: titled %q from its file name", p.Title)
	}
	p.Summary = f.text("summary", "description")
	if s := f.text("description"); s != "" && s != p.Summary {
		p.Kept = append(p.Kept, "description: "+describe(s))
	}
	p.Tags = addTags(p.Tags, f.texts("tags")...)
	p.Tags = addTags(p.Tags, f.texts("categories")...)
	for _, tax := range plan.taxonomies {
		p.Tags = addTags(p.Tags, f.texts(tax)...) // a taxonomy of the site's own: its terms tags too
	}
	p.Draft = f.draft() || hugoPublished(f) // published: false is a draft to Hugo
	p.Private = f.private()
	if undated {
		p.Draft = true // whatever its draft key says
	}
	if held, notes := hugoHeld(f, meta, hc); held {
		p.Draft, p.Notes = true, append(p.Notes, notes...)
	}
	plan.holdProtected(d)
	p.TOC = siteTOC(f.toc(), hc.toc)
	slug := f.text("slug")
	p.Slug = or(slug, name)
	if m := datePrefix.FindStringSubmatch(name); slug == "" && m != nil && urlName(f.text("url")) == m[2] {
		// 2020-01-02-foo.md at url: /foo/: the post's name is foo, as its
		// address says, not its file's dated name.
		p.Slug = m[2]
	}

	addressed := p.Date
	if undated {
		// Its old address is Hugo's, of the year 1, not of the day the
		// import gives the draft.
		addressed = stamp{t: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)}
	}
	oldPath := plan.hugoAddress(f, d, pg, hc, addressed, p.Title, slug, name)
	if oldPath != "" {
		plan.addOld(p, oldPath, d.addrKey == "url", hc.old, hc.newBase, shown, meta.LineOf("url"))
	}
	for _, a := range hugoAliases(f, pg, hc.old, oldPath, hc.uglyIn(pg.sections)) {
		plan.addAlias(&p.Aliases, a, hc.old, hc.newBase, shown, meta.LineOf("aliases"))
	}
	kept, notes := f.kept(presentation, "posts")
	p.Kept, p.Notes = append(p.Kept, kept...), append(p.Notes, notes...)
	return d, true
}

// hugoStandalone reads a page that is not a post: a page outside the
// sections of posts. ok is false for a page that is not imported, with
// the reason in the plan.
func (plan *Plan) hugoStandalone(shown string, data []byte, pg hugoPage, hc hugoContext) (*draft, bool) {
	meta, body, bodyLine, ok := plan.split(shown, data)
	if !ok {
		return nil, false
	}
	if meta == nil {
		meta = newMeta("yaml", 1)
	}
	p := &Page{Source: shown}
	f := plan.fieldsOf(shown, meta)
	d := &draft{page: p, meta: meta, body: body, bodyLine: bodyLine, shown: shown, aliasKey: "aliases", html: pg.html, hugo: &pg}
	if !plan.hugoRendered(f, shown, d) {
		return nil, false
	}
	hugoDate(f, hc, &p.Date, &p.Kept)
	p.Updated = f.updated(hc.zone, p.Date)
	p.Title = f.text("title")
	if p.Title == "" && d.html {
		p.Title = htmlTitle(d.body) // a whole HTML document's <title>
	}
	untitled := p.Title == ""
	if untitled {
		p.Title = titleOf(pg.name)
	}
	p.Description = f.text("description", "summary")
	if s := f.text("summary"); s != "" && s != p.Description {
		p.Kept = append(p.Kept, "summary: "+describe(s))
	}
	p.Draft = f.draft() || hugoPublished(f) // published: false is a draft to Hugo
	p.Private = f.private()
	if held, notes := hugoHeld(f, meta, hc); held {
		p.Draft, p.Notes = true, append(p.Notes, notes...)
	} else if p.Date.day().After(content.Day(hc.now)) {
		// A page is published whatever its date: one Hugo publishes
		// later comes as a draft.
		p.Draft = true
		p.Notes = append(p.Notes, "a draft: Hugo publishes it on "+p.Date.String()+": take out draft: true then")
	}
	plan.holdProtected(d)
	hugoPageMenu(f, p)
	p.TOC = siteTOC(f.toc(), hc.toc)
	slug := f.text("slug")
	oldPath := plan.hugoAddress(f, d, pg, hc, p.Date, p.Title, slug, pg.name)
	fallback := "/" + path.Join(path.Join(pg.sections...), or(slug, pg.name)) + "/"
	aliases := hugoAliases(f, pg, hc.old, oldPath, hc.uglyIn(pg.sections))
	if !plan.place(d, oldPath, fallback, aliases, hc.old, hc.newBase) {
		return nil, false
	}
	plan.finishPage(f, p, shown, meta.Line, untitled)
	return d, true
}

// finishPage ends the reading of a page, from Hugo or Jekyll: a title
// made from its file name is said, and what of its front matter has no
// key in netjournal is kept as comments, or noted.
func (plan *Plan) finishPage(f *fields, p *Page, shown string, line int, untitled bool) {
	if untitled {
		plan.warn(content.Position{Path: shown, Line: line}, "no title: titled %q from its file name", p.Title)
	}
	kept, notes := f.kept(presentation, "pages")
	p.Kept, p.Notes = append(p.Kept, kept...), append(p.Notes, notes...)
}

// hugoPageMenu reads Hugo's menu of a page — "main", a list of menu
// names, or a map of menus, {main: {weight: 10, name: About}} — into
// netjournal's one menu, the header's, which is Hugo's "main". The
// page's place in any other menu is kept as a comment.
func hugoPageMenu(f *fields, p *Page) {
	key, v, ok := f.take("menu", "menus")
	if !ok || v == nil {
		return
	}
	var m *Menu
	var others []string
	name := func(s string) {
		if strings.EqualFold(strings.TrimSpace(s), "main") {
			m = &Menu{}
		} else if s != "" {
			others = append(others, s)
		}
	}
	bad := false
	switch v := v.(type) {
	case string:
		name(v)
	case []any:
		for _, x := range v {
			s, ok := text(x)
			if !ok {
				bad = true
				break
			}
			name(s)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			name(k)
			entry, _ := v[k].(map[string]any)
			if !strings.EqualFold(k, "main") || entry == nil {
				continue
			}
			m.Weight = whole(field(entry, "weight"))
			if t, _ := text(firstOf(field(entry, "name"), field(entry, "title"))); strings.TrimSpace(t) != "" && strings.TrimSpace(t) != p.Title {
				m.Title = strings.TrimSpace(t)
			}
		}
	default:
		bad = true
	}
	if bad {
		f.warn(key, "%s: expected a menu's name, a list of names or a map of menus, got %s: left out", key, describe(v))
		return
	}
	p.Menu = m
	if len(others) > 0 {
		p.Kept = append(p.Kept, key+": "+describe(v))
		p.Notes = append(p.Notes, "in the old site's "+strings.Join(others, ", ")+" menu: netjournal has one menu, the header's (Hugo's main); kept as a comment")
	}
}

// field returns the value of a map's key, matching its case or not.
func field(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

// firstOf returns the first of values that is given.
func firstOf(values ...any) any {
	for _, v := range values {
		if v != nil {
			return v
		}
	}
	return nil
}

// whole reads a whole number: a menu's weight.
func whole(v any) int {
	switch v := v.(type) {
	case int64:
		return int(v)
	case int:
		return v
	case float64:
		return int(v)
	case string:
		n, _ := strconv.Atoi(strings.TrimSpace(v))
		return n
	}
	return 0
}

// hugoAddress returns the old address of a post or a page: its url, or
// its section's permalink pattern, or Hugo's default, /section/name/ (or
// /name/ for a page outside sections).
func (plan *Plan) hugoAddress(f *fields, d *draft, pg hugoPage, hc hugoContext, date stamp, title, slug, name string) string {
	p := plan.hugoLanguageAddress(f, d, pg, hc, date, title, slug, name)
	if u := f.text("url"); p != "" && hc.langPrefix != "" && !strings.HasPrefix(u, "/") && !strings.Contains(u, "://") {
		// Below the language's folder: but a url's from the root
		// (/custom/a/), which Hugo 0.111.3 puts where it says.
		p = hc.langPrefix + p
	}
	return p
}

// hugoLanguageAddress is hugoAddress within the language's part of the
// site.
func (plan *Plan) hugoLanguageAddress(f *fields, d *draft, pg hugoPage, hc hugoContext, date stamp, title, slug, name string) string {
	// As Hugo 0.111 ends them: a url without an extension is a folder,
	// ugly or not (url: /2019/x is /2019/x/); a permalink's path ends in
	// .html under uglyURLs, whatever its pattern ends in, else in a slash.
	if u := f.text("url"); u != "" {
		d.addrKey = "url"
		p := urlPath(u, hc.old)
		if p != "" && !strings.HasSuffix(p, "/") && path.Ext(p) == "" {
			p += "/"
		}
		return p
	}
	if len(pg.sections) > 0 {
		if pattern, ok := hc.permalinks[strings.ToLower(pg.sections[0])]; ok {
			oldPath, unknown := hugoPermalink(pattern, date, title, slug, name, pg.sections, hc.lower)
			if len(unknown) > 0 {
				plan.warn(content.Position{Path: d.shown, Line: d.meta.Line}, "permalink %q: %s not known: the old address may be wrong", pattern, strings.Join(unknown, ", "))
			}
			if oldPath = strings.TrimSuffix(oldPath, "/"); hc.uglyIn(pg.sections) && oldPath != "" {
				return oldPath + ".html"
			}
			return oldPath + "/"
		}
	}
	seg := or(slug, name)
	dir := strings.Join(pg.sections, "/")
	if hc.lower {
		dir = strings.ToLower(dir)
	}
	oldPath := "/" + hugoPath(path.Join(dir, seg), hc.lower) + "/"
	if hc.uglyIn(pg.sections) {
		oldPath = strings.TrimSuffix(oldPath, "/") + ".html"
	}
	return oldPath
}

// hugoPassthrough reports whether Hugo's goldmark passthrough is on for
// the delimiter open: the math between is then raw, as netjournal's is,
// not Markdown.
func hugoPassthrough(cfg config, open string) bool {
	const key = "markup.goldmark.extensions.passthrough"
	if !cfg.boolean(key + ".enable") {
		return false
	}
	for _, kind := range []string{"block", "inline"} {
		pairs, _ := cfg.get(key + ".delimiters." + kind).([]any)
		for _, p := range pairs {
			if pair, _ := p.([]any); len(pair) > 0 && fmt.Sprint(pair[0]) == open {
				return true
			}
		}
	}
	return false
}

// themeDollarMath reports whether the site's theme sets $…$ in a page as
// math: Even's MathJax with mathjaxEnableSingleDollar; the KaTeX of
// LoveIt, FixIt and DoIt, whose inline delimiters are $…$ and \(…\)
// unless the site names others.
func themeDollarMath(cfg config) bool {
	if cfg.boolean("params.mathjax") && cfg.boolean("params.mathjaxenablesingledollar") {
		return true
	}
	for _, key := range []string{"params.page.math", "params.math"} {
		if cfg.boolean(key + ".enable") {
			d := cfg.str(key + ".inlineleftdelimiter")
			return d == "" || d == "$"
		}
	}
	return false
}

// scriptDollarMath reports whether a file of the site's in dirs (its
// layouts, a theme's, its scripts) sets up KaTeX's auto-render or MathJax
// with $…$ as inline math: {left: "$", right: "$"}, or an inlineMath
// list that holds ['$', '$']. A file past maxScript is a library, whose
// defaults are not $ (KaTeX's and MathJax's are not), not a site's setup.
//
// gated is true when the setup is loaded only on pages that ask for math:
// the file with it, or one that names that file (a partial, an include),
// reads a page's math, katex or mathjax ({% if page.math %}, {{ if
// .Params.math }}).
func scriptDollarMath(fsys fs.FS, dirs []string) (found, gated bool) {
	files := map[string]string{} // the site's layouts and scripts read
	setup := ""
	for _, dir := range dirs {
		_ = fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return fs.SkipAll
			}
			if e.IsDir() {
				return nil
			}
			switch strings.ToLower(path.Ext(p)) {
			case ".html", ".htm", ".js", ".liquid":
			default:
				return nil
			}
			if library.MatchString(strings.ToLower(p)) {
				return nil // KaTeX's or MathJax's own, whose examples are in comments
			}
			if info, err := e.Info(); err != nil || info.Size() > maxScript {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil
			}
			files[p] = string(b)
			if setup == "" && dollarDelimiters(string(b)) {
				setup = p
			}
			return nil
		})
	}
	if setup == "" {
		return false, false
	}
	// The setup, the files that name it (a partial, an include), those
	// that name them, …: one that reads a page's math loads it there.
	chain, next := map[string]bool{setup: true}, []string{setup}
	for len(next) > 0 {
		p := next[0]
		next = next[1:]
		if pageMathParam.MatchString(files[p]) {
			return true, true
		}
		name := regexp.MustCompile(`(?:^|[/"'\s])` + regexp.QuoteMeta(strings.TrimSuffix(path.Base(p), path.Ext(p))) + `(?:\.(?:html?|js|liquid))?(?:["'\s%}]|$)`)
		for q, src := range files {
			if !chain[q] && name.MatchString(src) {
				chain[q] = true
				next = append(next, q)
			}
		}
	}
	return true, false
}

// pageMathParam is a page's math setting, as a layout reads it: page.math
// (Liquid), .Params.math, .Param "math", isset .Params "math" (Hugo).
var pageMathParam = regexp.MustCompile(`(?i)(?:\bpage|\.params)\.(?:math|katex|mathjax)\b|\.params?\s+"(?:math|katex|mathjax)"`)

// pageMath reports whether a page's front matter asks for math (math,
// katex or mathjax: true), as themes that load it only where asked read
// it (Chirpy's math: true).
func pageMath(meta *Meta) bool {
	for _, k := range []string{"math", "katex", "mathjax"} {
		if v, ok := meta.Get(k); ok {
			if on, _ := boolean(v); on {
				return true
			}
		}
	}
	return false
}

// maxScript is the largest file scriptDollarMath reads.
const maxScript = 256 << 10

var (
	katexDollar = regexp.MustCompile(`left\s*:\s*["']\$["']\s*,\s*right\s*:\s*["']\$["']`)
	dollarPair  = regexp.MustCompile(`\[\s*["']\$["']\s*,\s*["']\$["']\s*\]`)
)

// library is the path of a file of KaTeX's or MathJax's own.
var library = regexp.MustCompile(`(?:^|/)(?:katex|mathjax)[^/]*/|(?:^|/)auto-render[^/]*$`)

// comments are a script's and a page's comments, which a setup's
// examples are in ("// {left: "$", right: "$"}, uncomment …").
var comments = regexp.MustCompile(`(?s)/\*.*?\*/|<!--.*?-->|(?m:(?:^|[^:"'])//[^\n]*)`)

// dollarDelimiters reports whether src, a layout or a script, sets $…$
// as inline math (scriptDollarMath), its comments aside.
func dollarDelimiters(src string) bool {
	src = comments.ReplaceAllString(src, " ")
	if katexDollar.MatchString(src) {
		return true
	}
	for rest := src; ; {
		i := strings.Index(rest, "inlineMath")
		if i < 0 {
			return false
		}
		rest = rest[i+len("inlineMath"):]
		if dollarPair.MatchString(rest[:min(len(rest), 200)]) {
			return true
		}
	}
}

// dollarMath writes the $…$ math of body as $$…$$: netjournal's inline
// math, which it keeps as written for the theme's script. The script
// pairs the $ of one piece of text (markdown.TextRuns: a paragraph's, a
// heading's, a table cell's, a link's or an emphasis's own text; never
// code, raw HTML, a link's address, an image's text, nor across two of
// them), so this does: a $ opens math when it is not escaped and has
// neither a space nor a $ after it, and the next $ of its text that is
// not escaped closes it ($\rightarrow $ is math); but for prices, left as
// text: math that begins with a digit and ends with a space ($5 and $10).
// $$ math is as it was.
func dollarMath(body string) string {
	if !strings.Contains(body, "$") {
		return body
	}
	var math regions // the $$ math, delimiters and all
	for _, m := range mathRegions(body, codeRegions(body)) {
		math = append(math, span{m.start - 2, m.end + 2})
	}
	double := func(i int) bool { return i+1 < len(body) && body[i+1] == '$' || i > 0 && body[i-1] == '$' }
	var at []int
	for _, run := range markdown.TextRuns(body) {
		var ds []int
		for _, seg := range run {
			for i := seg[0]; i < seg[1]; i++ {
				if body[i] == '$' {
					ds = append(ds, i)
				}
			}
		}
		for k := 0; k < len(ds); k++ {
			i := ds[k]
			if double(i) || math.in(i) || escaped(body, i) || i+1 >= len(body) || isSpaceByte(body[i+1]) {
				continue
			}
			m := k + 1
			for m < len(ds) && escaped(body, ds[m]) {
				m++
			}
			if m == len(ds) || double(ds[m]) || math.in(ds[m]) {
				continue
			}
			j := ds[m]
			if body[i+1] >= '0' && body[i+1] <= '9' && isSpaceByte(body[j-1]) {
				continue // a price
			}
			at = append(at, i+1, j+1) // after each $, another
			k = m
		}
	}
	return insertAt(body, at, "$")
}

// displayMath gives $$ math that stands on lines of its own within a
// paragraph of the document (its $$ opening a line, its $$ ending one) a
// paragraph of its own: the MathJax or KaTeX of a Hugo page find $$ in the
// page's text wherever it is, and set the math on a line of its own, as
// display math, which netjournal (as kramdown) makes only of a paragraph
// that is math alone. Math within a line of text stays inline, and so
// does math in a list item or a quote, whose paragraph a blank line
// would change.
func displayMath(body string) string {
	if !strings.Contains(body, "$$") {
		return body
	}
	paras := markdown.TopLevelParagraphs(body)
	var at []int // where a line break goes
	for _, m := range mathRegions(body, codeRegions(body)) {
		open, end := m.start-2, m.end+2 // the delimiters'
		// The last paragraph to begin at or before it: it must hold it.
		i := sort.Search(len(paras), func(k int) bool { return paras[k][0] > open }) - 1
		if i < 0 || paras[i][1] < end {
			continue
		}
		p := paras[i]
		start := strings.LastIndexByte(body[:open], '\n') + 1
		eol := strings.IndexByte(body[end:], '\n')
		if eol < 0 {
			eol = len(body) - end
		}
		if strings.TrimLeft(body[max(start, p[0]):open], " \t") != "" || strings.TrimSpace(body[end:end+eol]) != "" {
			continue // text before or after it on its line
		}
		next := end + eol + 1
		nextLine, _, _ := strings.Cut(body[min(next, len(body)):], "\n")
		if start > p[0] && (codeIndent(body[start:open]) || strings.HasSuffix(strings.TrimRight(body[:start], "\r\n"), "\\")) ||
			next < p[1] && (codeIndent(nextLine) || blockOpener.MatchString(nextLine)) {
			continue // a blank line would make code, show a hard break's backslash, or open a block
		}
		if start > p[0] {
			at = append(at, start)
		}
		if next < p[1] {
			at = append(at, next)
		}
	}
	return insertAt(body, at, "\n")
}

// codeIndent reports whether s begins with four columns of indentation.
func codeIndent(s string) bool {
	col := 0
	for _, c := range s {
		switch c {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col >= 4
		}
	}
	return col >= 4
}

// blockOpener is a line that, after a blank line, opens what it cannot
// within a paragraph: an ordered list not at 1, a link definition.
var blockOpener = regexp.MustCompile(`^ {0,3}(?:\d{1,9}[.)](?:[ \t]|$)|\[[^\]]+\]:)`)

// rawDollarMath is dollarMath for a site whose Hugo passed $…$ through
// raw (its passthrough extension): the math Hugo found (a * in it no
// emphasis) written $$…$$.
func rawDollarMath(body string) string {
	var at []int // after each $ of the math, another
	for _, m := range markdown.DollarMath(body) {
		if m[1]-m[0] >= 2 && body[m[0]] == '$' && body[m[1]-1] == '$' {
			at = append(at, m[0]+1, m[1])
		}
	}
	return insertAt(body, at, "$")
}

// unescapeMath undoes, in the $$ math of a body outside its code, the
// Markdown escapes its writer wrote for Hugo's Markdown to undo (\\\\ for
// LaTeX's \\, \\_ for _): a backslash before an ASCII punctuation mark is
// dropped, as CommonMark drops it.
func unescapeMath(body string) string {
	var b strings.Builder
	at := 0
	for _, m := range mathRegions(body, codeRegions(body)) {
		b.WriteString(body[at:m.start])
		b.WriteString(unescapePunct(body[m.start:m.end]))
		at = m.end
	}
	b.WriteString(body[at:])
	return b.String()
}

// unescapePunct drops the backslash of each backslash escape of an ASCII
// punctuation mark in s.
func unescapePunct(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// uglyIn reports whether Hugo made ugly URLs (/a.html, not /a/) in the
// section that is the first of sections ("" outside any).
func (hc hugoContext) uglyIn(sections []string) bool {
	if hc.uglySections != nil {
		if len(sections) == 0 {
			return false
		}
		return hc.uglySections[strings.ToLower(sections[0])]
	}
	return hc.ugly
}

// uglySections reads uglyURLs given as a table of sections (post = true),
// nil when it is not one.
func uglySections(cfg config) map[string]bool {
	var m map[string]any
	switch v := cfg.get("uglyurls").(type) {
	case map[string]any:
		m = v
	case config:
		m = v
	default:
		return nil
	}
	out := map[string]bool{}
	for k, v := range m {
		if b, ok := boolean(v); ok {
			out[strings.ToLower(k)] = b
		}
	}
	return out
}

// imageExts are the images a render hook takes from assets/.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".avif": true}

// hookedImages copies the images of assets/ (the site's, its themes')
// that the published posts and pages name by a site path
// (/images/diagram.png), when the site's image render hook takes them
// from there (resources.Get, as LoveIt's does): Hugo published each at
// its path, and the import, which copies static/, left the image broken
// and the file named nowhere. A draft's, a private or a future post's
// are not: Hugo published none of them, and static/ is published whole.
func (plan *Plan) hookedImages(fsys fs.FS, cfg config, now time.Time) {
	dirs := []string{"assets"}
	hooks := []string{"layouts/_default/_markup/render-image.html", "layouts/_markup/render-image.html"}
	for _, th := range cfg.list("theme") {
		root := path.Join(or(cfg.str("themesdir"), "themes"), th)
		dirs = append(dirs, path.Join(root, "assets"))
		hooks = append(hooks, path.Join(root, hooks[0]), path.Join(root, hooks[1]))
	}
	if a := cfg.str("assetdir"); a != "" {
		dirs[0] = path.Clean(strings.Trim(a, "/"))
	}
	hooked := false
	for _, h := range hooks {
		if b, err := fs.ReadFile(fsys, h); err == nil && strings.Contains(string(b), "resources.Get") {
			hooked = true
			break
		}
	}
	if !hooked {
		return
	}
	have := map[string]bool{}
	for _, f := range plan.Files {
		have[f.Path] = true
	}
	var bodies []string
	for _, p := range plan.Posts {
		if !p.Draft && !p.Private && !p.Date.day().After(content.Day(now)) {
			bodies = append(bodies, p.Body)
		}
	}
	for _, p := range plan.Pages {
		if !p.Draft && !p.Private {
			bodies = append(bodies, p.Body)
		}
	}
	for _, body := range bodies {
		for _, l := range headingRenderer().Links(markdown.Text(body)) {
			dest := l.Dest
			if !strings.HasPrefix(dest, "/") || strings.ContainsAny(dest, "?#") || !imageExts[strings.ToLower(path.Ext(dest))] {
				continue
			}
			rel := path.Clean(strings.TrimPrefix(dest, "/"))
			if u, err := url.PathUnescape(rel); err == nil {
				rel = u // the file's name, as the address writes it
			}
			to := "static/" + rel
			if have[to] || !fs.ValidPath(rel) {
				continue
			}
			for _, d := range dirs {
				if _, err := fs.Stat(fsys, path.Join(d, rel)); err == nil {
					plan.Files = append(plan.Files, File{Path: to, Source: path.Join(d, rel)})
					have[to] = true
					break
				}
			}
		}
	}
}

// hardWrapped is body with each of its soft line breaks a hard one, a
// "\\" at the line's end, as Hugo's markup.goldmark.renderer.hardWraps
// showed them: but in math ($$…$$, and $…$ where the site's is, dollar),
// where a line break is LaTeX's.
func hardWrapped(body string, dollar bool) string {
	breaks := markdown.SoftBreaks(body)
	if len(breaks) == 0 {
		return body
	}
	math := mathRegions(body, codeRegions(body))
	if dollar { // $…$ is math too
		for _, m := range markdown.DollarMath(body) {
			math = append(math, span{m[0], m[1]})
		}
	}
	var b strings.Builder
	last := 0
	for _, at := range breaks {
		if math.in(at) {
			continue
		}
		b.WriteString(body[last:at])
		if at > 0 && body[at-1] == '\\' {
			b.WriteString("  ") // after an escaped backslash (C:\\), a \ would be read with it
		} else {
			b.WriteByte('\\')
		}
		last = at
	}
	b.WriteString(body[last:])
	return b.String()
}

// hugoAliases reads Hugo's aliases: each a path of the old site, a
// relative one beside the page's own address, at (as Hugo's
// renderAliases joins it to the page's link and "..": the link of
// /2021/03/new/ or /2021/03/new.html is /2021/03/new, of a url that names
// a file, /2018/05/old.html, its folder), or, for a page of none, under
// its section. Under uglyURLs (ugly) each is a file, /legacy/moved.html.
func hugoAliases(f *fields, pg hugoPage, old site, at string, ugly bool) []string {
	dir := path.Join("/", path.Join(pg.sections...))
	if at != "" {
		link := strings.TrimSuffix(strings.TrimSuffix(at, "/"), ".html")
		if f.text("url") != "" && !strings.HasSuffix(at, "/") {
			link = path.Dir(at)
		}
		dir = path.Dir(link)
	}
	var out []string
	for _, a := range f.texts("aliases") {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if !strings.HasPrefix(a, "/") && !strings.Contains(a, "://") {
			a = path.Join(dir, a)
		}
		if ugly && !strings.Contains(a, "://") && !strings.HasSuffix(a, ".html") {
			a = strings.TrimSuffix(a, "/") + ".html"
		}
		out = append(out, urlPath(a, old))
	}
	return out
}

// hugoRendered reports whether Hugo rendered the page: not when its
// build options say never, nor for a headless bundle; the reason is in
// the plan. A page whose build options keep its files back
// (publishResources: false) has them held (d.holdFiles).
func (plan *Plan) hugoRendered(f *fields, shown string, d *draft) bool {
	if _, v, ok := f.take("_build", "build"); ok {
		if m, ok := v.(map[string]any); ok {
			for k, p := range m {
				switch strings.ToLower(k) {
				case "render":
					if r, _ := text(p); neverRendered(r) {
						plan.skip(shown, "not rendered by Hugo (build.render: %s)", r)
						return false
					}
				case "publishresources":
					if b, ok := boolean(p); ok && !b {
						d.holdFiles = "a page whose files Hugo did not publish (publishResources: false): copy it to %s if it is public"
					}
				}
			}
		}
	}
	if _, v, ok := f.take("headless"); ok {
		if b, _ := boolean(v); b {
			plan.skip(shown, "a headless page, never rendered by Hugo")
			return false
		}
	}
	return true
}

// addOld records a post's old address: an alias, and its feed id. written
// says the writer wrote it (a url:), escapes and all (absWritten).
func (plan *Plan) addOld(p *Post, oldPath string, written bool, old site, newBase, shown string, line int) {
	if oldPath == "" {
		return
	}
	p.Old = or(old.abs(oldPath), oldPath)
	if written {
		p.Old = or(old.absWritten(oldPath), oldPath)
	}
	p.oldPath = oldPath
	if old.base != nil {
		p.FeedID = p.Old
	}
	plan.addAlias(&p.Aliases, oldPath, old, newBase, shown, line)
}

// addAlias adds an old path of the old site to the aliases of a post or
// a page.
func (plan *Plan) addAlias(aliases *[]string, oldPath string, old site, newBase, shown string, line int) {
	if oldPath == "" {
		plan.warn(content.Position{Path: shown, Line: line}, "an old address on another site cannot redirect: left out")
		return
	}
	if i := strings.IndexAny(oldPath, "?#"); i > 0 {
		// A query or a fragment is not part of the address a redirect
		// answers at.
		oldPath = oldPath[:i]
	}
	a, ok := old.alias(oldPath, newBase)
	if !ok {
		plan.warn(content.Position{Path: shown, Line: line}, "old address %s is outside the new site's base_url %s: it cannot redirect", old.abs(oldPath), newBase)
		return
	}
	if a == "/" || a == "" {
		return
	}
	if _, err := url.Parse(a); err != nil {
		// "/100%-sure/": no browser asks for it as written, and
		// netjournal reads an alias as an address.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		plan.warn(content.Position{Path: shown, Line: line}, "old address %q is not a URL path (%v): it cannot redirect", a, err)
		return
	}
	// /post/x and /post/x/ are one address to a redirect (and to the
	// build, which refuses the second): the first given stays.
	same := func(b string) bool { return strings.TrimSuffix(b, "/") == strings.TrimSuffix(a, "/") }
	if !slices.ContainsFunc(*aliases, same) {
		*aliases = append(*aliases, a)
	}
}

// urlPath returns the path of a site address: a path as it is, the path
// of an absolute URL of the old site (relative to its base path), and ""
// for a URL of another site.
func urlPath(u string, old site) string {
	u = strings.TrimSpace(u)
	if !strings.Contains(u, "://") && !strings.HasPrefix(u, "//") {
		if i := strings.IndexAny(u, "?#"); i >= 0 {
			u = u[:i]
		}
		return cleanPath(u)
	}
	if old.base == nil {
		return ""
	}
	full := newSite(u)
	if full.base == nil || !strings.EqualFold(full.base.Hostname(), old.base.Hostname()) {
		return ""
	}
	p := full.base.Path
	if strings.HasSuffix(strings.SplitN(strings.SplitN(u, "?", 2)[0], "#", 2)[0], "/") && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if old.base.Path != "/" {
		rest, ok := strings.CutPrefix(p, old.base.Path)
		if !ok {
			return ""
		}
		p = rest
	}
	return cleanPath(p)
}

// hugoConfig reads the site's configuration: its config file, or the
// files of config/_default/, then those of config/production/ over them,
// map by map, as a plain hugo build (the production environment) reads
// them; dups are its keys given twice (readConfig).
func hugoConfig(fsys fs.FS, shown func(string) string) (cfg config, dups content.ErrorList, err error) {
	cfg = config{}
	if name := hugoConfigName(fsys); name != "" {
		c, d, err := readConfig(fsys, name, shown(name), true)
		if err != nil {
			return nil, nil, err
		}
		cfg, dups = c, d
	}
	for _, dir := range []string{"config/_default", "config/production"} {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
		for _, e := range entries {
			name, ext := splitExt(e.Name())
			if e.IsDir() || (ext != ".toml" && ext != ".yaml" && ext != ".yml" && ext != ".json") {
				continue
			}
			c, d, err := readConfig(fsys, dir+"/"+e.Name(), shown(dir+"/"+e.Name()), true)
			if err != nil {
				return nil, nil, err
			}
			dups = append(dups, d...)
			mergeConfig(cfg, configFileTable(name, c))
		}
	}
	return cfg, dups, nil
}

// configFileTable is where the values c of the file name (without its
// extension) of a config folder go, as Hugo has them: hugo.toml's (or
// config.toml's) at the top, params.toml's in [params], and a language's
// own, languages.fr.toml in [languages.fr], and menus.fr.toml (or
// menu.fr.toml) and params.fr.toml in its menus and params.
func configFileTable(name string, c config) map[string]any {
	name = strings.ToLower(name)
	if name == "config" || name == "hugo" {
		return c
	}
	key, lang, ok := strings.Cut(name, ".")
	switch {
	case ok && key == "languages":
		return map[string]any{"languages": map[string]any{lang: map[string]any(c)}}
	case ok && (key == "menus" || key == "menu" || key == "params"):
		return map[string]any{"languages": map[string]any{lang: map[string]any{key: map[string]any(c)}}}
	}
	return map[string]any{name: map[string]any(c)}
}

// mergeConfig puts the values of over into cfg: a map into a map key by
// key, any other value in place of cfg's.
func mergeConfig(cfg, over map[string]any) {
	for k, v := range over {
		if m, ok := v.(map[string]any); ok {
			if have, ok := cfg[k].(map[string]any); ok {
				mergeConfig(have, m)
				continue
			}
			if have, ok := cfg[k].(config); ok {
				mergeConfig(have, m)
				continue
			}
		}
		cfg[k] = v
	}
}

func hugoConfigName(fsys fs.FS) string {
	for _, n := range hugoConfigs {
		if _, err := fs.Stat(fsys, n); err == nil {
			return n
		}
	}
	return ""
}

// hugoTaxonomies returns the taxonomies of the site's own (series, in
// [taxonomies]), by their plural names, which name their front-matter
// key and their pages' folder: all but tags and categories.
func hugoTaxonomies(cfg config) []string {
	m, _ := cfg.get("taxonomies").(map[string]any)
	var out []string
	for _, v := range m {
		if s, ok := v.(string); ok {
			if s = strings.ToLower(strings.Trim(s, "/ ")); s != "" && s != "tags" && s != "categories" && !strings.Contains(s, "/") && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	slices.Sort(out)
	return out
}

// hugoPermalinks returns the permalink pattern of each section: Hugo's
// [permalinks] table, or its page table, and over them the language
// lang's own ([languages.en.permalinks]).
func hugoPermalinks(cfg config, lang string) map[string]string {
	out := map[string]string{}
	for _, key := range []string{"permalinks", "languages." + lang + ".permalinks"} {
		m, _ := cfg.get(key).(map[string]any)
		if page, ok := m["page"].(map[string]any); ok {
			m = page
		}
		for k, v := range m {
			if s, ok := v.(string); ok {
				out[strings.ToLower(k)] = s
			}
		}
	}
	return out
}

// staticDirs are the site's static folders.
func staticDirs(cfg config) []string {
	if dirs := cfg.list("staticdir"); len(dirs) > 0 {
		return dirs
	}
	return []string{"static"}
}

// staticFiles copies the files of the old site's static folders into the
// new site's static/.
func (plan *Plan) staticFiles(fsys fs.FS, dirs []string, shown func(string) string) {
	for _, dir := range dirs {
		dir = path.Clean(strings.Trim(dir, "/"))
		fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) || p != dir {
					plan.warn(content.Position{Path: shown(p)}, "%v", pathless(err))
				}
				return nil
			}
			if p == dir {
				return nil
			}
			// Hugo's static folder is published whole, _redirects and
			// _headers (a host's) and a demo's _helpers.js too, as
			// netjournal's is; but what netjournal passes over.
			if source.Ignored(d.Name(), d.IsDir()) {
				plan.skip(shown(p), "netjournal does not publish files whose names start with a dot, nor an editor's backups")
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				plan.Files = append(plan.Files, File{Path: "static/" + strings.TrimPrefix(p, dir+"/"), Source: p})
			}
			return nil
		})
	}
}

// hugoKeptOut returns what says why Hugo did not read the content file or
// folder p, or "": the site's ignoreFiles (regular expressions, matched
// against the file's path) and its content mounts' excludeFiles (globs,
// under the mount's source). A page of them imported was a draft's notes
// published.
func hugoKeptOut(cfg config, contentDir string) func(p string, dir bool) string {
	var ignore []*regexp.Regexp
	for _, e := range cfg.list("ignorefiles") {
		if re, err := regexp.Compile(e); err == nil {
			ignore = append(ignore, re)
		}
	}
	// Each content mount's globs, as Hugo reads them: its source and
	// the paths under it in lower case.
	var exclude, include []*regexp.Regexp
	if mounts, ok := cfg.get("module.mounts").([]any); ok {
		for _, m := range mounts {
			mm, _ := m.(map[string]any)
			if c, ok := m.(config); ok {
				mm = c
			}
			src, _ := text(mm["source"])
			if tgt, _ := text(mm["target"]); path.Clean(strings.Trim(tgt, "/")) != "content" || path.Clean(strings.Trim(src, "/")) != contentDir {
				continue
			}
			globs, _ := list(mm["excludefiles"])
			for _, g := range globs {
				exclude = append(exclude, globRegexp(g))
			}
			globs, _ = list(mm["includefiles"])
			for _, g := range globs {
				include = append(include, globRegexp(g))
			}
		}
	}
	return func(p string, dir bool) string {
		if !dir {
			for _, re := range ignore {
				if re.MatchString(p) || re.MatchString("/"+p) {
					return "the site's ignoreFiles (" + re.String() + ") keeps it out"
				}
			}
		}
		rel := strings.ToLower(strings.TrimPrefix(p, contentDir+"/"))
		for _, re := range exclude {
			if re.MatchString(rel) || dir && re.MatchString(rel+"/") {
				return "a mount's excludeFiles keeps it out"
			}
		}
		if !dir && len(include) > 0 && !slices.ContainsFunc(include, func(re *regexp.Regexp) bool { return re.MatchString(rel) }) {
			return "a mount's includeFiles leaves it out"
		}
		return ""
	}
}

// globRegexp is a Hugo mount's glob as a regular expression matching a
// path in lower case, as Hugo's (gobwas') glob matches: ** any folders,
// * and ? within a name, {a,b} either, [ab] a class.
func globRegexp(g string) *regexp.Regexp {
	g = strings.ToLower(strings.TrimPrefix(g, "/"))
	var b strings.Builder
	b.WriteString("^")
	depth := 0 // within {…}
	for i := 0; i < len(g); i++ {
		switch c := g[i]; {
		case c == '*' && i+1 < len(g) && g[i+1] == '*':
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '{':
			b.WriteString("(?:")
			depth++
		case c == '}' && depth > 0:
			b.WriteString(")")
			depth--
		case c == ',' && depth > 0:
			b.WriteString("|")
		case c == '[':
			if end := strings.IndexByte(g[i+1:], ']'); end > 0 {
				class := g[i+1 : i+1+end]
				if strings.HasPrefix(class, "!") {
					class = "^" + class[1:]
				}
				b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
				i += end + 1
				continue
			}
			b.WriteString(`\[`)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	for ; depth > 0; depth-- {
		b.WriteString(")")
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return regexp.MustCompile("^" + regexp.QuoteMeta(g) + "$")
	}
	return re
}

// htmlPage reports whether the file at p is a page in HTML: one with
// front matter (YAML, TOML or JSON), which Hugo renders as a page, its
// HTML as it is.
func htmlPage(fsys fs.FS, p string) bool {
	_, ext := splitExt(p)
	if ext != ".html" && ext != ".htm" {
		return false
	}
	first := firstLine(fsys, p)
	return first == "---" || first == "+++" || strings.HasPrefix(first, "{")
}

// hugoPageExts are the extensions of the pages Hugo reads but Markdown's
// (its content formats): not files to copy, but pages to convert.
var hugoPageExts = map[string]bool{".html": true, ".htm": true, ".org": true, ".adoc": true, ".asciidoc": true, ".ad": true, ".rst": true, ".pandoc": true, ".pdc": true}

// hugoBaseHref returns "/" when the site's templates, or its theme's,
// write a <base href> of the site's own address ({{ .Site.BaseURL }},
// absURL, or "/"): its pages' relative links led from there, not from
// each page's address. "" when none does, or one names another. A
// template in a comment is none, nor is a theme's that the site's own of
// the same name replaces, nor one of one kind of page's templates.
func hugoBaseHref(fsys fs.FS, cfg config) string {
	dirs := []string{"layouts"}
	for _, th := range cfg.list("theme") {
		dirs = append(dirs, path.Join(or(cfg.str("themesdir"), "themes"), th, "layouts"))
	}
	found := ""
	seen := map[string]bool{} // a template's path under layouts/, the site's first
	for _, dir := range dirs {
		fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || found == "-" || !strings.HasSuffix(p, ".html") {
				return nil
			}
			rel := strings.TrimPrefix(p, dir+"/")
			if seen[rel] {
				return nil
			}
			seen[rel] = true
			// Only a template every page is made with: _default's
			// (baseof.html), the partials it calls, the root's baseof; not
			// one kind's (layouts/slides/single.html).
			if !strings.HasPrefix(rel, "_default/") && !strings.HasPrefix(rel, "partials/") && rel != "baseof.html" {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil
			}
			b = templateComment.ReplaceAll(b, nil)
			for _, m := range baseHref.FindAllSubmatch(b, -1) {
				h := strings.TrimSpace(string(m[1]) + string(m[2]) + string(m[3]))
				switch {
				case h == "/", strings.Contains(h, "BaseURL"), strings.Contains(h, "absURL"), strings.Contains(h, "Site.Home"), strings.Contains(h, "site.Home"):
					if found == "" {
						found = "/"
					}
				default:
					found = "-" // another address: not known here
				}
			}
			return nil
		})
	}
	if found == "-" {
		return ""
	}
	return found
}

// templateComment is a comment of a Go template ({{/* */}}, {{- /* */ -}})
// or of HTML.
var templateComment = regexp.MustCompile(`(?s)\{\{-?\s*/\*.*?\*/\s*-?\}\}|<!--.*?-->`)

// baseHref is a <base> element's href, its value in double quotes, in
// single ones, or bare (a template's action may be inside).
var baseHref = regexp.MustCompile(`(?is)<base\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)

// hugoRefForms are the ways a ref or relref may name a page: its path
// under content/, with or without its extension, and its name.
func hugoRefForms(pg hugoPage) []string {
	rel := strings.ToLower(pg.rel)
	noExt := strings.TrimSuffix(rel, path.Ext(rel))
	forms := []string{rel, noExt, strings.ToLower(path.Base(rel)), strings.ToLower(pg.name)}
	if pg.bundle != "" {
		forms = append(forms, strings.ToLower(pg.dir), strings.ToLower(path.Base(pg.dir)))
	} else {
		forms = append(forms, strings.ToLower(path.Base(noExt)))
	}
	sort.Strings(forms)
	return slices.Compact(forms)
}

// splitExt splits a file name into its name and lower-cased extension.
func splitExt(name string) (string, string) {
	ext := path.Ext(name)
	return name[:len(name)-len(ext)], strings.ToLower(ext)
}

// splitLang splits a Hugo file name from its language: "post.fr" → "post", "fr".
func splitLang(name string, langs map[string]bool) (string, string) {
	i := strings.LastIndexByte(name, '.')
	if i > 0 && langs[strings.ToLower(name[i+1:])] {
		return name[:i], strings.ToLower(name[i+1:])
	}
	return name, ""
}

// bundleOf returns the leaf bundle folder that holds folder dir, or "".
func bundleOf(dir string, bundles map[string]bool) string {
	for d := dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if bundles[d] {
			return d
		}
	}
	return ""
}

// sectionsOf splits a folder into sections: "posts/2019" → posts, 2019.
func sectionsOf(dir string) []string {
	if dir == "." || dir == "" {
		return nil
	}
	return strings.Split(dir, "/")
}

// pathless drops the path an *fs.PathError repeats.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// bundleLinks makes the links of a bundle's page to its own files site
// paths, so that they lead to the files from the blog and from the wiki
// alike: ![Cover](cover.png) → ![Cover](/posts/<slug>/cover.png).
func bundleLinks(body string, files []string, bundle, to string) string {
	for _, f := range files {
		rel := strings.TrimPrefix(f, bundle+"/")
		q := regexp.QuoteMeta(rel)
		re := regexp.MustCompile(`(\]\(<?|src="|href="|src='|href=')(?:\./)?` + q + `([)>"'\s#?])`)
		// Not in code, which shows what was written.
		code := codeRegions(body)
		var b strings.Builder
		last := 0
		for _, m := range re.FindAllStringSubmatchIndex(body, -1) {
			if code.in(m[0]) {
				continue
			}
			b.WriteString(body[last:m[0]])
			b.WriteString(body[m[2]:m[3]] + to + rel + body[m[4]:m[5]])
			last = m[1]
		}
		b.WriteString(body[last:])
		body = b.String()
	}
	return body
}

// bundleFiles copies the files of a bundle to the folder to (static/…/),
// and returns the paths it copies them to; or, when why is not "", holds
// them back (static/ is published whole: a draft's files wait with it)
// and lists each, why saying where it is to go (its %s) and when.
func (plan *Plan) bundleFiles(files []string, bundle, to, why string, shown func(string) string) []string {
	var copied []string
	for _, r := range files {
		dest := to + strings.TrimPrefix(r, bundle+"/")
		if why != "" {
			// why is no format: a path may hold a %.
			plan.skip(shown(r), "%s", strings.Replace("a file of "+why, "%s", dest, 1))
			continue
		}
		plan.Files = append(plan.Files, File{Path: dest, Source: r})
		copied = append(copied, dest)
	}
	return copied
}

// changed returns when the file at p was last changed, or now when its
// file system does not say: the day a post without any date is dated.
func changed(fsys fs.FS, p string, now time.Time) time.Time {
	if info, err := fs.Stat(fsys, p); err == nil && !info.ModTime().IsZero() {
		return info.ModTime()
	}
	return now
}

// holdsBack says why a section's _index.md keeps the section from the
// public, with its pages and files, or "": it is a draft, headless, never
// rendered or does not publish its files, or cascades one of those to
// every page below. What Hugo published of such a section is not told
// apart (a cascade's targets, a list: never): all of it comes as drafts.
func holdsBack(m *Meta, now time.Time) string {
	if why := holdsBy(m.Get, now); why != "" {
		return why
	}
	c, _ := m.Get("cascade")
	return cascadeHolds(c, now)
}

// neverRendered reports whether a build option's render value keeps a
// page from being written: never, false, or link (a page known only by
// its address).
func neverRendered(r string) bool {
	r = strings.ToLower(strings.TrimSpace(r))
	return r == "never" || r == "false" || r == "link"
}

// cascadeHolds says why a cascade (a map, or a list of maps with their
// _target) keeps every page below from the public, or "": each is read as
// a page's own front matter is (holdsBy), and any one that holds holds
// all (its _target is not told apart: drafts, not published).
func cascadeHolds(c any, now time.Time) string {
	var cascades []map[string]any
	switch c := c.(type) {
	case map[string]any:
		cascades = append(cascades, c)
	case []any:
		for _, x := range c {
			if cm, ok := x.(map[string]any); ok {
				cascades = append(cascades, cm)
			}
		}
	}
	for _, cm := range cascades {
		get := func(k string) (any, bool) {
			for ck, v := range cm {
				if strings.EqualFold(ck, k) {
					return v, true
				}
			}
			return nil, false
		}
		if why := holdsBy(get, now); why != "" {
			return "says every page below " + why
		}
	}
	return ""
}

// holdsBy says why front matter (get) keeps a page from the public, or "".
func holdsBy(get func(string) (any, bool), now time.Time) string {
	if k := passwordKey(get, []string{"password", "encrypt", "encrypted"}); k != "" {
		return "is protected by a password (" + k + ")"
	}
	if v, ok := get("draft"); ok {
		if b, ok := boolean(v); b || !ok {
			return "is a draft"
		}
	}
	if v, ok := get("published"); ok {
		// Unless it says draft too, which Hugo goes by.
		if b := publishedValue(v); b != nil && !*b {
			if _, hasDraft := get("draft"); !hasDraft {
				return "is not published (published: false)"
			}
		}
	}
	if v, ok := get("headless"); ok {
		if b, _ := boolean(v); b {
			return "is headless"
		}
	}
	for _, k := range []string{"_build", "build"} {
		v, _ := get(k)
		b, _ := v.(map[string]any)
		// In this order, whatever the map's: one reason, always the same.
		option := func(name string) (any, bool) {
			for bk, bv := range b {
				if strings.EqualFold(bk, name) {
					return bv, true
				}
			}
			return nil, false
		}
		if bv, ok := option("render"); ok {
			if r, _ := text(bv); neverRendered(r) {
				return "is never rendered"
			}
		}
		if bv, ok := option("publishResources"); ok {
			if p, ok := boolean(bv); ok && !p {
				return "does not publish its files"
			}
		}
	}
	today := content.Day(now)
	for _, k := range []string{"expirydate", "unpublishdate"} {
		if v, ok := get(k); ok && v != nil && v != "" {
			if s, err := date(v, nil); err == nil && !s.day().After(today) {
				return "has expired (" + k + ")"
			}
		}
	}
	for _, k := range []string{"publishdate", "pubdate", "published", "date"} {
		if v, ok := get(k); ok && v != nil && v != "" {
			if s, err := date(v, nil); err == nil && s.day().After(today) {
				return "is published later (" + k + " " + s.String() + ")"
			}
		}
	}
	return ""
}

// hugoHeld reads what keeps a post or a page from the public for now or
// for good, in Hugo: a publishDate to come (publishedLater), an expiryDate
// or unpublishDate passed (the first given; the other, or one to come,
// is kept as a comment). held says it comes as a draft, notes why.
func hugoHeld(f *fields, meta *Meta, hc hugoContext) (held bool, notes []string) {
	if s, k := publishedLater(meta, hc); k != "" {
		held, notes = true, append(notes, "a draft: Hugo publishes it on "+s.String()+" ("+k+"): take out draft: true then")
	}
	if key, v, ok := f.takeFirst("expirydate", "unpublishdate"); ok && v != nil && v != "" {
		switch s, err := date(v, hc.zone); {
		case err != nil:
			f.unreadKey(key, "%s: %v", key, err)
		case s.t.Before(hc.now):
			held, notes = true, append(notes, "a draft: its "+key+" "+s.String()+" has passed")
		default:
			delete(f.used, f.key(key)) // kept as a comment: netjournal has no such key
		}
	}
	return held, notes
}

// publishedLater returns the day that a page's publishDate (or its
// synonyms) gives, when it is after today, and its key; else "".
func publishedLater(m *Meta, hc hugoContext) (stamp, string) {
	for _, k := range []string{"publishdate", "pubdate", "published"} {
		if v, ok := m.Get(k); ok && v != nil && v != "" {
			if s, err := date(v, hc.zone); err == nil && s.day().After(content.Day(hc.now)) {
				return s, k
			}
		}
	}
	return stamp{}, ""
}

// attributeList is an attribute list as Hugo's goldmark reads it, after
// a heading's text or alone on the line after a block: {#id .class
// key=value}.
var attributeList = regexp.MustCompile(`\{\s*((?:[#.][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s{}"']+))(?:\s+(?:[#.][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s{}"']+)))*)\s*\}`)

// headingWithAttributes is an ATX heading whose text ends in an attribute
// list.
var headingWithAttributes = regexp.MustCompile(`^( {0,3}#{1,6}[ \t]+.*?)[ \t]*(` + attributeList.String() + `)[ \t]*$`)

// setextText is a line of text that ends in an attribute list.
var setextText = regexp.MustCompile(`^( {0,3}\S.*?)[ \t]*(` + attributeList.String() + `)[ \t]*$`)

// setextUnderline is the line under a setext heading's text.
var setextUnderline = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*\r?\n?$`)

// setextWithAttributes reports whether lines[i] is the last line of a
// setext heading's text and ends in an attribute list, and the line its
// text begins on: the lines of a paragraph (after a blank line, or the
// first) that nothing else begins or breaks (a list item, a quote, a
// heading, a fence, HTML, a table), with its underline after it.
func setextWithAttributes(lines []string, i int) (first int, ok bool) {
	if i+1 >= len(lines) || !setextUnderline.MatchString(lines[i+1]) || !setextText.MatchString(strings.TrimRight(lines[i], "\r\n")) {
		return 0, false
	}
	first = i
	for first > 0 && strings.TrimSpace(lines[first-1]) != "" {
		first--
	}
	for _, l := range lines[first : i+1] {
		text := strings.TrimLeft(l, " ")
		if len(l)-len(text) > 3 && l == lines[first] || blockStart.MatchString(text) {
			return 0, false
		}
	}
	return first, true
}

// blockStart is the start of a line that begins a block other than a
// paragraph, after its indent.
var blockStart = regexp.MustCompile("^(?:[-*+>#<|]|[0-9]{1,9}[.)]|```|~~~)")

// hugoAttributes returns body with the attribute lists Hugo read and
// netjournal shows as text: with titles (the site's
// markup.goldmark.parser.attribute.title, on by default) taken off its
// headings (their anchors are made of their text: the links of the body
// to an id one gave are to that anchor) and, with blocks (its
// markup.goldmark.parser.attribute.block), those alone on the line after
// a block kept in HTML comments. The links to the ids Hugo made of the
// other headings (autoID) are made netjournal's too (relinkHeadings).
func hugoAttributes(body string, titles, blocks bool, autoID autoIDFunc) (string, map[string]string) {
	if !strings.Contains(body, "{") || !titles && !blocks {
		return relinkHeadings(body, nil, autoID)
	}
	code := coverOf(len(body), codeRegions(body))
	custom := map[int]string{} // the id a heading gave, by its line
	given := map[string]bool{}
	var b strings.Builder
	at, line := 0, 0
	all := strings.SplitAfter(body, "\n")
	setext := func(i int) bool { _, ok := setextWithAttributes(all, i); return ok }
	for i, l := range all {
		text := strings.TrimRight(l, "\r\n")
		nl := l[len(text):]
		switch {
		case code.in(at):
			b.WriteString(l)
		case titles && (headingWithAttributes.MatchString(text) || setext(i)):
			m, at := headingWithAttributes.FindStringSubmatch(text), line
			if m == nil {
				m = setextText.FindStringSubmatch(text)
				at, _ = setextWithAttributes(all, i) // the line its text begins on
			}
			b.WriteString(m[1] + nl)
			for _, a := range strings.Fields(m[3]) {
				if id, ok := strings.CutPrefix(a, "#"); ok && !given[id] {
					custom[at], given[id] = id, true // a link is to the first
				}
			}
		case blocks && attributeList.MatchString(text) && strings.TrimSpace(attributeList.ReplaceAllString(text, "")) == "":
			b.WriteString(htmlComment(strings.TrimSpace(text)) + nl)
		default:
			b.WriteString(l)
		}
		at += len(l)
		line++
	}
	return relinkHeadings(b.String(), custom, autoID)
}

// relinkHeadings returns out with each link to the id the old site gave
// a heading (custom's, by the heading's line, else the one autoID made of
// its text) made the one netjournal makes, and the ids so moved: every
// link at once, none in code.
func relinkHeadings(out string, custom map[int]string, autoID autoIDFunc) (string, map[string]string) {
	if !strings.ContainsAny(out, "#=-") { // no heading, ATX or setext
		return out, nil
	}
	ids, texts, sources, lines := headingRenderer().HeadingIDs(out)
	// A link to an id goes, on the old site, to the first heading that
	// had it: its own id or one the old site made of its text.
	old := make([]string, len(ids))
	used := map[string]bool{}
	for k, l := range lines {
		if id, ok := custom[l]; ok {
			old[k], used[id] = id, true
		} else {
			if id := autoID(texts[k], sources[k]); id != "" {
				old[k] = markdown.UniqueID(id, used) // numbered as Hugo and kramdown did
			}
		}
	}
	var pairs, quoted []string
	to := map[string]string{}
	first := map[string]bool{}
	for k, id := range old {
		if id == "" || first[id] {
			continue // no id (Hugo's autoHeadingID off), or not the first
		}
		if first[id] = true; ids[k] == id {
			continue
		}
		for _, f := range []string{"](#%s)", `](#%s "`, "](#%s '", `href="#%s"`, "href='#%s'"} {
			pairs = append(pairs, fmt.Sprintf(f, id), fmt.Sprintf(f, ids[k]))
		}
		to[id] = ids[k]
		quoted = append(quoted, regexp.QuoteMeta(id))
	}
	if pairs == nil {
		return out, nil
	}
	// Every link at once: one rewritten is not rewritten again.
	links := strings.NewReplacer(pairs...)
	defs := regexp.MustCompile(`(?m)^([ \t>]*\[[^\]^][^\]]*\]:[ \t]*#)(` + strings.Join(quoted, "|") + `)([ \t].*)?$`)
	rewrite := func(s string) string {
		return defs.ReplaceAllStringFunc(links.Replace(s), func(def string) string {
			m := defs.FindStringSubmatch(def)
			return m[1] + to[m[2]] + m[3]
		})
	}
	code := coverOf(len(out), codeRegions(out))
	var b strings.Builder
	last := 0
	for i := 0; i <= len(out); i++ {
		if i == len(out) || code.in(i) {
			b.WriteString(rewrite(out[last:i]))
			for i < len(out) && code.in(i) {
				b.WriteByte(out[i])
				i++
			}
			last = i
		}
	}
	return b.String(), to
}

// autoIDFunc makes the id an old site gave a heading of its text (as
// rendered: a code span's text, no link's address) or its source (its
// last line as written, less its marks: markdown.HeadingIDs).
type autoIDFunc func(text, source string) string

// hugoAutoIDOf is the id Hugo's goldmark makes of a heading, by the
// site's markup.goldmark.parser.autoHeadingIDType, of its source as
// written (## *Emph* is "emph", a link's address in it too): "github"
// (the default), "github-ascii" (accents taken off, other than ASCII left
// out) or "blackfriday" (a run of what is no letter nor digit one
// hyphen between words); none with autoHeadingID off, where a link to
// one led nowhere and is left as it is.
func hugoAutoIDOf(cfg config) autoIDFunc {
	if on, set := boolean(cfg.get("markup.goldmark.parser.autoheadingid")); set && !on {
		return func(string, string) string { return "" }
	}
	switch strings.ToLower(cfg.str("markup.goldmark.parser.autoheadingidtype")) {
	case "github-ascii":
		return func(_, source string) string {
			folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), source)
			if err != nil {
				folded = source
			}
			return githubID(folded, true)
		}
	case "blackfriday":
		return func(_, source string) string {
			var b strings.Builder
			dash := false
			for _, r := range source {
				if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
					dash = true
					continue
				}
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				dash = false
				b.WriteRune(unicode.ToLower(r))
			}
			return b.String()
		}
	}
	return func(_, source string) string { return githubID(source, false) }
}

// githubID is Hugo's "github" id of s: letters, digits and underscores
// lower-cased, a space or a hyphen a hyphen, all else left out (all but
// ASCII too, with ascii).
func githubID(s string, ascii bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case ascii && r > unicode.MaxASCII:
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}

// kramdownAutoID is the id kramdown's own parser makes of a heading's
// source as written: what precedes its first ASCII letter left out, then all but ASCII
// letters, digits, spaces and hyphens, a space a hyphen, lower-cased;
// "section" when nothing is left.
func kramdownAutoID(_, source string) string {
	text := strings.TrimLeftFunc(source, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
	var b strings.Builder
	for _, r := range text {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// gfmAutoID is the id kramdown's GFM parser (Jekyll's default) makes of
// a heading's text: lower-cased, all but word characters (letters, marks,
// digits, connector punctuation such as _), hyphens, spaces and tabs left
// out, a space or a tab a hyphen.
func gfmAutoID(text, _ string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ' || r == '\t' || r == '-':
			b.WriteByte('-')
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headingRenderer is netjournal's Markdown, for the ids of headings.
var headingRenderer = sync.OnceValue(markdown.New)

// outsideCode returns where s first stands in body outside code, or -1.
func outsideCode(body, s string) int {
	code := coverOf(len(body), codeRegions(body))
	for from := 0; ; {
		i := strings.Index(body[from:], s)
		if i < 0 {
			return -1
		}
		if !code.in(from + i) {
			return from + i
		}
		from += i + len(s)
	}
}

// moreDivider is Hugo's summary divider, and netjournal's: the first of
// the body, on a line of its own, ends the summary; another is a comment
// like any.
const moreDivider = "<!--more-->"

// hugoMore returns body with its summary divider, when it shares its line
// with text, put on a line of its own, between blank lines: Hugo takes it
// out of the page, between two parts it renders apart; CommonMark reads
// the text after it on its line as raw HTML (a comment begins an HTML
// block), or the paragraphs around it as one. One in code, in a list
// item or a quote (whose parts Hugo splits too, no better) stays.
func hugoMore(body string) string { return divideAt(body, moreDivider) }

// divideAt is hugoMore for a body whose summary ends at its first
// divider outside code (Jekyll's excerpt_separator, a comment), made
// netjournal's. One on a line with a '|' stays: a table's row would be
// cut in two. One indented one to three spaces is one at its line's
// start (lineStart), and written there; one indented more, or into a
// list item, stays.
func divideAt(body, divider string) string {
	at := outsideCode(body, divider)
	if at < 0 {
		return body
	}
	end := at + len(divider)
	l := aroundOf(body, at, end)
	before, after := l.before, l.after
	if _, isItem := listItem(before + divider + after); isItem || strings.HasPrefix(strings.TrimLeft(before, " "), ">") || indentWidth(before) >= 4 ||
		strings.Contains(before+after, "|") || strings.TrimSpace(before) == "" && !lineStart(body, at, before) {
		return body
	}
	if strings.TrimSpace(before) == "" && strings.TrimSpace(after) == "" {
		// On its line already; after raw HTML without a blank line, one
		// is put before it, or the HTML block would take it in (Hugo
		// finds it anywhere), unless the HTML leaves an element open
		// there, which a blank line would end.
		start, sep := at-len(before), ""
		if inClosedHTML(body, start) {
			sep = "\n"
		}
		return body[:start] + sep + moreDivider + body[end:]
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(body[:at], " \t"))
	if strings.TrimSpace(before) != "" {
		b.WriteString("\n\n")
	}
	b.WriteString(moreDivider)
	rest := end
	if strings.TrimSpace(after) != "" {
		b.WriteString("\n\n")
		rest += len(after) - len(strings.TrimLeft(after, " \t"))
	} else if strings.TrimSpace(l.next) != "" {
		b.WriteString("\n") // a blank line before the next paragraph
	}
	b.WriteString(body[rest:])
	return b.String()
}

// inClosedHTML reports whether the line at body[start:] is in a top-level
// HTML block that began on a line before it, and whose lines before it
// close every element they open.
func inClosedHTML(body string, start int) bool {
	for _, h := range markdown.TopLevelHTML(body) {
		if h[0] < start && start < h[1] {
			open, closes := 0, endTags(body)
			for line := range strings.Lines(body[h[0]:start]) {
				open += opened(line, closes)
			}
			return open <= 0
		}
	}
	return false
}

// lineStart reports whether a divider at body[at:], after before on its
// line, begins that line at the body's top level as CommonMark reads it:
// at the line's start, or indented one to three spaces, which still
// begins an HTML block there (a comment), where netjournal reads its
// divider. Four columns in (spaces, or a tab) it is code or a
// paragraph's text, and indented into a list item the item's.
func lineStart(body string, at int, before string) bool {
	if before == "" {
		return true
	}
	if len(before) > 3 || strings.Trim(before, " ") != "" {
		return false
	}
	start := at - len(before)
	for _, h := range markdown.TopLevelHTML(body) {
		if h[0] == start {
			return true
		}
	}
	return false
}

// indentWidth returns the columns of the spaces and tabs s begins with,
// a tab reaching the next multiple of four, as CommonMark counts a
// line's indentation.
func indentWidth(s string) int {
	w := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return w
		}
	}
	return w
}

// emojiCode is an emoji's code, :name:.
var emojiCode = regexp.MustCompile(`:[a-z0-9_+-]+:`)

// emojis are GitHub's emoji codes, which Hugo's enableEmoji reads.
var emojis = sync.OnceValue(func() definition.Emojis { return definition.Github() })

// hugoEmoji returns body with each emoji code (:clap:) that stands apart
// from the words around it written as its emoji, as a site with
// enableEmoji showed it; netjournal shows the code. Codes written one
// after the other (:clap::clap:) stand apart together, and after a letter
// outside ASCII (a Japanese sentence's end); one inside a word or an
// address (f:id:x, arn:aws:iam::1), which Hugo changed too, and code stay
// as written.
func hugoEmoji(body string) string {
	ms := emojiCode.FindAllStringIndex(body, -1)
	if ms == nil {
		return body
	}
	code := coverOf(len(body), kramdownRaw(body, false))
	word := func(r rune) bool {
		return r == ':' || r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(ms); {
		// A run of codes one after the other.
		j := i + 1
		for j < len(ms) && ms[j][0] == ms[j-1][1] {
			j++
		}
		run := ms[i:j]
		i = j
		start, end := run[0][0], run[len(run)-1][1]
		before, _ := utf8.DecodeLastRuneInString(body[:start])
		after, _ := utf8.DecodeRuneInString(body[end:])
		if code.in(start) || start > 0 && word(before) || end < len(body) && word(after) {
			continue
		}
		var out strings.Builder
		for _, m := range run {
			e, ok := emojis().Get(body[m[0]+1 : m[1]-1])
			if !ok || !e.IsUnicode() {
				out.Reset()
				break
			}
			out.WriteString(string(e.Unicode))
		}
		if out.Len() == 0 {
			continue
		}
		b.WriteString(body[last:start])
		b.WriteString(out.String())
		last = end
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// shellWord is s as one word of a shell's command line: as it is when no
// shell reads anything in it, else in single quotes, a quote in it ending
// them, escaped and opening them again.
func shellWord(s string) string {
	plain := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-_./:@%+,=", r) || r > 0x7f && unicode.IsLetter(r))
	}) < 0
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
