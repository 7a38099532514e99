package blogimport

import (
	"errors"
	"io/fs"
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
// with a warning. Any other problem the import brings is returned, and the
// import should not be written. What the build would warn of in the new
// posts is added to the plan's warnings. Problems the site had before the
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
	byPath := map[string]*Post{}
	for _, post := range p.Posts {
		byPath[post.Path] = post
	}
	// Each round leaves out the aliases that cannot redirect; a round
	// finds them all, so two rounds normally do.
	for round := 0; round < 5; round++ {
		after := fstest.MapFS{}
		for k, v := range base {
			after[k] = v
		}
		for _, post := range p.Posts {
			after[post.Path] = &fstest.MapFile{Data: post.File()}
		}
		for _, f := range p.Files {
			if _, ok := after[f.Path]; !ok {
				after[f.Path] = &fstest.MapFile{}
			}
		}
		res, err := build.Render(after, opts)
		if err == nil {
			for _, w := range res.Warnings {
				if byPath[w.Pos.Path] != nil {
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
			post := byPath[e.Pos.Path]
			if a := aliasProblem.FindStringSubmatch(e.Msg); a != nil && post != nil {
				if i := slices.IndexFunc(post.Aliases, func(x string) bool { return strings.Trim(x, "/") == strings.Trim(a[1], "/") }); i >= 0 {
					post.Aliases = slices.Delete(post.Aliases, i, i+1)
					post.Notes = append(post.Notes, "old address "+a[1]+" not redirected: "+strings.TrimPrefix(e.Msg, "aliases: "+a[1]+" "))
					p.warn(content.Position{Path: post.Source}, "old address %s cannot redirect in the new site: %s", a[1], strings.TrimPrefix(e.Msg, "aliases: "+a[1]+" "))
					dropped = true
					continue
				}
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

// aliasProblem is the build's message for an alias that cannot redirect.
var aliasProblem = regexp.MustCompile(`^aliases: (/\S*) (?:is a page of the site|is also an old path of)`)

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
