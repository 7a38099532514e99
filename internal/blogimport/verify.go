package blogimport

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/netjournal/netjournal/internal/build"
	"github.com/netjournal/netjournal/internal/content"
)

// Verify builds the site as it would be after the import, in memory, and
// returns what the import would break. An old address that the new site
// cannot redirect — it is one of its own pages, or another post's old
// address — is not a reason to refuse the import: the alias is left out
// with a warning; nor is a page at an address the site has already (a
// static file's): the page is left out with a warning. Any other problem the import brings is returned, and the
// import should not be written. What the build would warn of in the new
// posts and pages is added to the plan's warnings. Problems the site had before the
// import are not the import's.
func (p *Plan) Verify(site fs.FS, now time.Time) error {
	base, err := siteFiles(site)
	if err != nil {
		return err
	}
	opts := build.Options{Now: now, Drafts: true, Future: true}
	before := map[string]bool{}
	if _, err := build.Render(base, opts); err != nil {
		var list content.ErrorList
		errors.As(err, &list)
		for _, e := range list {
			before[e.Error()] = true
		}
	}
	byPath := map[string]written{}
	for _, post := range p.Posts {
		byPath[post.Path] = written{post.Source, &post.Aliases, &post.Notes, nil, post.Draft}
	}
	for _, page := range p.Pages {
		byPath[page.Path] = written{page.Source, &page.Aliases, &page.Notes, page, page.Draft}
	}
	// Each round leaves out the aliases that cannot redirect and the
	// pages that cannot be published; a round finds them all, so two
	// rounds normally do.
	for round := 0; round < 5; round++ {
		after := fstest.MapFS{}
		for k, v := range base {
			after[k] = v
		}
		for _, post := range p.Posts {
			after[post.Path] = &fstest.MapFile{Data: post.File()}
		}
		for _, page := range p.Pages {
			after[page.Path] = &fstest.MapFile{Data: page.File()}
		}
		for _, f := range p.Files {
			if _, ok := after[f.Path]; !ok {
				after[f.Path] = &fstest.MapFile{}
			}
		}
		res, err := build.Render(after, opts)
		if err == nil {
			// A stylesheet or a script of the old site's that would
			// replace one of the new theme's (its css/syntax.css, which
			// the code's colours are in) is not copied; a robots.txt or
			// an icon replaces the new site's as the writer's own do.
			for _, n := range res.Notes {
				m := replacesNote.FindStringSubmatch(n)
				if m == nil || (path.Ext(m[2]) != ".css" && path.Ext(m[2]) != ".js") {
					continue
				}
				if i := slices.IndexFunc(p.Files, func(f File) bool { return f.Path == m[1] }); i >= 0 && base[m[1]] == nil {
					p.skip(path.Join(p.root, p.Files[i].Source), "at /%s, which the new site writes itself: not copied (rename it to keep it)", m[2])
					p.Files = slices.Delete(p.Files, i, i+1)
				}
			}
			for _, w := range res.Warnings {
				if _, ok := byPath[w.Pos.Path]; ok {
					p.Warnings.Add(w.Pos, "the build will warn: %s", w.Msg)
				}
			}
			return nil
		}
		var list, added content.ErrorList
		if !errors.As(err, &list) {
			return err
		}
		dropped := false
		for _, e := range list {
			if before[e.Error()] {
				continue
			}
			doc, ok := byPath[e.Pos.Path]
			if a := aliasProblem.FindStringSubmatch(e.Msg); a != nil && ok {
				why := strings.TrimPrefix(e.Msg, "aliases: "+a[1]+" ")
				if other, ok := byPath[a[2]]; ok && !doc.draft && other.draft {
					// A draft's old address, which the old site never
					// published, is the published document's.
					if !other.has(a[1]) {
						dropped = true // the draft's, left out already
						continue
					}
					doc, why = other, "is also an old path of "+e.Pos.Path
				}
				if i := slices.IndexFunc(*doc.aliases, func(x string) bool { return strings.Trim(x, "/") == strings.Trim(a[1], "/") }); i >= 0 {
					*doc.aliases = slices.Delete(*doc.aliases, i, i+1)
					*doc.notes = append(*doc.notes, "old address "+a[1]+" not redirected: "+why)
					if !doc.draft {
						p.warn(content.Position{Path: doc.source}, "old address %s cannot redirect in the new site: %s", a[1], why)
					}
					dropped = true
					continue
				}
			}
			if m := staticProblem.FindStringSubmatch(e.Msg); m != nil && p.homeless(e, byPath) == nil {
				// A file of the old site's at an address the new site
				// writes itself: its own 404.html, its feeds.
				if i := slices.IndexFunc(p.Files, func(f File) bool { return f.Path == e.Pos.Path }); i >= 0 {
					p.skip(path.Join(p.root, p.Files[i].Source), "at /%s, which the new site writes itself: not copied (rename it to keep it)", m[1])
					p.Files = slices.Delete(p.Files, i, i+1)
					dropped = true
					continue
				}
			}
			if page := p.homeless(e, byPath); page != nil {
				if p.dropPage(page) {
					also := ""
					if e.Pos.Path != page.Path && byPath[e.Pos.Path].page == nil {
						also = " (" + e.Pos.Path + ")"
					}
					p.warn(content.Position{Path: page.Source}, "the page would be /%s, which the new site has already%s: not imported, never overwritten", page.SitePath, also)
					p.skip(page.Source, "its address /%s is the new site's already", page.SitePath)
					dropped = true
				}
				continue
			}
			added = append(added, e)
		}
		if len(added) > 0 {
			return added
		}
		if !dropped {
			return nil
		}
	}
	return nil
}

// The build's messages for a page at an address the site has already:
// another page's, or a static file's.
var (
	pageProblem   = regexp.MustCompile(`^the page would be /\S*, which the site has already`)
	samePage      = regexp.MustCompile(`^page /\S* is also (\S+): `)
	staticProblem = regexp.MustCompile(`^static file would replace the generated (\S+):`)
	replacesNote  = regexp.MustCompile(`^(static/\S+) replaces the generated (\S+)$`)
)

// homeless returns the imported page that a problem of the build is
// about, when the problem is that the page's address is taken — by
// another page, a static file — and nil for any other problem. The
// problem may be reported at the file that takes the address.
func (p *Plan) homeless(e *content.Error, byPath map[string]written) *Page {
	if w := byPath[e.Pos.Path]; w.page != nil && (pageProblem.MatchString(e.Msg) || samePage.MatchString(e.Msg)) {
		return w.page
	}
	if m := samePage.FindStringSubmatch(e.Msg); m != nil {
		return byPath[m[1]].page
	}
	if m := staticProblem.FindStringSubmatch(e.Msg); m != nil {
		for _, page := range p.Pages {
			if page.SitePath+"index.html" == m[1] {
				return page
			}
		}
	}
	return nil
}

// dropPage leaves a page out of the plan, with the files of its bundle.
func (p *Plan) dropPage(page *Page) bool {
	i := slices.Index(p.Pages, page)
	if i < 0 {
		return false
	}
	p.Pages = slices.Delete(p.Pages, i, i+1)
	p.Files = slices.DeleteFunc(p.Files, func(f File) bool { return slices.Contains(page.files, f.Path) })
	return true
}

// written is a post or page the import writes, for the build's problems
// at its path.
type written struct {
	source  string
	aliases *[]string
	notes   *[]string
	page    *Page // nil for a post
	draft   bool  // never published by the old site
}

// has reports whether the document has the alias a.
func (w written) has(a string) bool {
	return slices.ContainsFunc(*w.aliases, func(x string) bool { return strings.Trim(x, "/") == strings.Trim(a, "/") })
}

// aliasProblem is the build's message for an alias that cannot redirect,
// with the other document's path when it is another's old path.
var aliasProblem = regexp.MustCompile(`^aliases: (/\S*) (?:is a page of the site|is also an old path of (\S+))`)

// siteFiles copies what a build reads of a site into memory: the
// configuration, content and themes, and the names of static files.
func siteFiles(site fs.FS) (fstest.MapFS, error) {
	out := fstest.MapFS{}
	if b, err := fs.ReadFile(site, content.ConfigFile); err == nil {
		out[content.ConfigFile] = &fstest.MapFile{Data: b}
	}
	for _, dir := range []string{"content", "themes", build.StaticDir} {
		err := fs.WalkDir(site, dir, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			if err != nil || d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return err
			}
			if dir == build.StaticDir {
				out[p] = &fstest.MapFile{}
				return nil
			}
			b, err := fs.ReadFile(site, p)
			out[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
