package blogimport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/stage"
)

// Writing an import, all of it or none, through package stage: every file
// is written in full beside its destination under a hidden name, and only
// when all are written are they renamed into place.

// Check refuses an import that would replace a file of the site, before
// anything is written: a post or page file that exists (netjournal never
// overwrites one), and a static file that exists with other bytes. A
// static file that is there already, byte for byte, is left as it is.
// It reports every such path, as content problems.
func (p *Plan) Check(dir string, old fs.FS) error {
	var errs content.ErrorList
	for _, post := range p.Posts {
		if other, ok := p.taken[post.Slug]; ok && other != post.Path {
			errs.Add(content.Position{Path: post.Path}, "the site has a post with the slug %q already, %s, where the import would write the post of %s: move one of them away to import it", post.Slug, other, post.Source)
			continue
		}
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(post.Path))); err == nil {
			errs.Add(content.Position{Path: post.Path}, "already exists, where the import would write the post of %s: the import never overwrites a post; move the file away to import it", post.Source)
		} else if !errors.Is(err, fs.ErrNotExist) {
			errs.Add(content.Position{Path: post.Path}, "%v", pathless(err))
		}
	}
	for _, page := range p.Pages {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(page.Path))); err == nil {
			errs.Add(content.Position{Path: page.Path}, "already exists, where the import would write the page of %s: the import never overwrites a page; move the file away to import it", page.Source)
		} else if !errors.Is(err, fs.ErrNotExist) {
			errs.Add(content.Position{Path: page.Path}, "%v", pathless(err))
		}
	}
	for _, f := range p.Files {
		same, err := sameFile(filepath.Join(dir, filepath.FromSlash(f.Path)), old, f.Source)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			errs.Add(content.Position{Path: f.Path}, "%v", pathless(err))
		case !same:
			errs.Add(content.Position{Path: f.Path}, "already exists, where the import would copy %s: the import never overwrites a file of the site; rename or remove one of them", f.Source)
		}
	}
	return errs.Err()
}

// sameFile reports whether the file at dest holds the bytes of src, and
// returns an fs.ErrNotExist error when there is no file at dest.
func sameFile(dest string, old fs.FS, src string) (bool, error) {
	info, err := os.Lstat(dest)
	if err != nil {
		return false, err
	}
	if !info.Mode().IsRegular() {
		return false, nil
	}
	a, err := os.ReadFile(dest)
	if err != nil {
		return false, err
	}
	b, err := fs.ReadFile(old, src)
	if err != nil {
		return false, err
	}
	return bytes.Equal(a, b), nil
}

// Write puts the plan's posts, pages and files in place below the site folder
// dir, copying the files from old: all of them, or none with an error.
// A cancelled ctx before the first rename leaves the site as it was. It
// returns the paths it wrote, sorted; a rename that fails (the file
// system gone read-only in between) returns those renamed before it.
func (p *Plan) Write(ctx context.Context, dir string, old fs.FS) ([]string, error) {
	if err := p.Check(dir, old); err != nil {
		return nil, err
	}
	s := stage.New(dir)
	put := func(rel string, write func(io.Writer) error) error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return s.Add(rel, write)
	}
	putBytes := func(rel string, data []byte) error {
		return put(rel, func(w io.Writer) error { _, err := w.Write(data); return err })
	}
	for _, post := range p.Posts {
		if err := putBytes(post.Path, post.File()); err != nil {
			s.Discard()
			return nil, err
		}
	}
	for _, page := range p.Pages {
		if err := putBytes(page.Path, page.File()); err != nil {
			s.Discard()
			return nil, err
		}
	}
	for _, f := range p.Files {
		if same, err := sameFile(filepath.Join(dir, filepath.FromSlash(f.Path)), old, f.Source); err == nil && same {
			continue
		}
		err := put(f.Path, func(w io.Writer) error {
			r, err := old.Open(f.Source)
			if err != nil {
				return err
			}
			defer r.Close()
			_, err = io.Copy(w, r)
			return err
		})
		if err != nil {
			s.Discard()
			return nil, err
		}
	}
	return s.Commit(ctx)
}
