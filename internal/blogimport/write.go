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
	"slices"

	"github.com/netjournal/netjournal/internal/content"
)

// Writing an import, all of it or none, the way contactfile writes one:
// every file is written in full beside its destination under a hidden
// name, and only when all are written are they renamed into place.

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
	s := &staged{}
	put := func(rel string, write func(io.Writer) error) error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		dest := filepath.Join(dir, filepath.FromSlash(rel))
		if err := s.mkdirs(filepath.Dir(dest)); err != nil {
			return err
		}
		temp, err := writeTemp(dest, write)
		if err != nil {
			return err
		}
		s.files = append(s.files, stagedFile{path: rel, dest: dest, temp: temp})
		return nil
	}
	for _, post := range p.Posts {
		data := post.File()
		if err := put(post.Path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			s.remove()
			return nil, err
		}
	}
	for _, page := range p.Pages {
		data := page.File()
		if err := put(page.Path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			s.remove()
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
			s.remove()
			return nil, err
		}
	}
	// The last moment an interrupt can stop the import whole.
	if err := ctx.Err(); err != nil {
		s.remove()
		return nil, fmt.Errorf("interrupted: %w", err)
	}
	slices.SortFunc(s.files, func(a, b stagedFile) int { return cmpString(a.path, b.path) })
	var written []string
	for i, f := range s.files {
		if err := os.Rename(f.temp, f.dest); err != nil {
			s.files = s.files[i:]
			s.remove()
			return written, err
		}
		written = append(written, f.path)
	}
	s.sync()
	return written, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// staged is an import written beside its destinations, not yet in place.
type staged struct {
	files []stagedFile
	dirs  []string // folders made for new files, parents first
}

type stagedFile struct {
	path string // slash path from the site folder
	dest string
	temp string // its content, in full, under a hidden name beside dest
}

// writeTemp writes a new hidden file beside dest — netjournal's loader
// and watcher skip names that start with '.' — and syncs it, so that the
// rename that puts it in place cannot leave an empty file after a crash.
func writeTemp(dest string, write func(io.Writer) error) (string, error) {
	base := filepath.Base(dest)
	if len(base) > 64 {
		base = base[:64]
	}
	f, err := os.CreateTemp(filepath.Dir(dest), "."+base+".tmp-*")
	if err != nil {
		return "", err
	}
	err = write(f)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// mkdirs makes folder d and every missing folder above it, remembering
// the ones it made so that a failed import can remove them again.
func (s *staged) mkdirs(d string) error {
	var missing []string
	for p := d; ; p = filepath.Dir(p) {
		info, err := os.Stat(p)
		if err == nil {
			if !info.IsDir() {
				return fmt.Errorf("%s is a file, where the import needs a folder", p)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		missing = append(missing, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil {
			return err
		}
		s.dirs = append(s.dirs, missing[i])
	}
	return nil
}

// remove deletes the temporary files not renamed yet, then the folders
// made for them, deepest first; a folder that holds a file already
// renamed into place is not empty and stays.
func (s *staged) remove() {
	for _, f := range s.files {
		os.Remove(f.temp)
	}
	for i := len(s.dirs) - 1; i >= 0; i-- {
		os.Remove(s.dirs[i])
	}
}

// sync flushes the folders that received files, so that the renames
// survive a power cut; best effort, as some systems cannot sync a folder.
func (s *staged) sync() {
	done := map[string]bool{}
	for _, f := range s.files {
		d := filepath.Dir(f.dest)
		if done[d] {
			continue
		}
		done[d] = true
		if fd, err := os.Open(d); err == nil {
			fd.Sync()
			fd.Close()
		}
	}
}
