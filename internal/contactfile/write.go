package contactfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
)

// Write puts the files of an import in place below the site folder dir,
// all of them or none, so that a failure never leaves half an import that
// a second run would have to untangle. What can be seen beforehand is
// refused before anything is written (see Check). Then every file is
// written in full to a hidden temporary file beside its destination and
// synced; only when all are written, and ctx is not done, are they renamed
// into place. A failure or a cancelled ctx before that removes the
// temporary files and any folder made for them, leaving the site byte for
// byte as it was.
//
// Write returns the paths it put in place, sorted: all of Files, or none
// with an error. Only a rename that fails — the file system gone read-only
// in the moment between, say — returns an error with the paths renamed
// before it, which are in place and cannot be taken back without risking
// the files they replaced.
func (r *Result) Write(ctx context.Context, dir string) ([]string, error) {
	if err := r.Check(dir); err != nil {
		return nil, err
	}
	s, err := r.stage(ctx, dir)
	if err != nil {
		return nil, err
	}
	// The last moment an interrupt can stop the import whole: once the
	// first file is renamed, the rest follow.
	if err := ctx.Err(); err != nil {
		s.remove()
		return nil, fmt.Errorf("interrupted: %w", err)
	}
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

// Check refuses an import that could not be put in place whole, before
// anything is written: a new file whose name something else has (a
// folder, which content.Load does not read as a contact, or a file made
// since the site was read), or a file to update that is no longer a file.
// It reports every such path, as content problems.
func (r *Result) Check(dir string) error {
	created := map[string]bool{}
	for _, c := range r.Changes {
		if c.Action == Created {
			created[c.Path] = true
		}
		if c.Photo != "" {
			created[c.Photo] = true
		}
	}
	var errs content.ErrorList
	for _, p := range sortedPaths(r.Files) {
		pos := content.Position{Path: p}
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)))
		switch {
		case created[p] && errors.Is(err, fs.ErrNotExist):
			// The usual case: nothing has the name yet.
		case err != nil:
			errs.Add(pos, "%v", pathless(err))
		case info.IsDir() && created[p]:
			errs.Add(pos, "is a folder, where the import would create this %s: rename or move the folder", what(p))
		case created[p]:
			errs.Add(pos, "already exists, where the import would create this %s", what(p))
		case info.IsDir():
			errs.Add(pos, "is a folder, not the contact file the import read")
		case !info.Mode().IsRegular():
			errs.Add(pos, "is not a regular file, so the import cannot update it")
		}
	}
	return errs.Err()
}

// what names a file the import creates.
func what(p string) string {
	if strings.EqualFold(path.Ext(p), ".md") {
		return "contact file"
	}
	return "photo"
}

// pathless drops the path an *fs.PathError repeats, for an error that is
// reported at that path already.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// staged is an import written beside its destinations, not yet in place.
type staged struct {
	files []stagedFile // in the order of their paths
	dirs  []string     // folders made for new files, parents first
}

type stagedFile struct {
	path string // slash path from the site folder, as in Result.Files
	dest string // the file to create or replace
	temp string // its content, in full, under a hidden name beside dest
}

// stage writes every file of r to a temporary file beside its destination.
// On failure it removes what it wrote and returns only the error.
func (r *Result) stage(ctx context.Context, dir string) (*staged, error) {
	s := &staged{}
	for _, p := range sortedPaths(r.Files) {
		if err := ctx.Err(); err != nil {
			s.remove()
			return nil, fmt.Errorf("interrupted: %w", err)
		}
		dest := filepath.Join(dir, filepath.FromSlash(p))
		if err := s.mkdirs(filepath.Dir(dest)); err != nil {
			s.remove()
			return nil, err
		}
		temp, err := writeTemp(dest, r.Files[p])
		if err != nil {
			s.remove()
			return nil, err
		}
		s.files = append(s.files, stagedFile{path: p, dest: dest, temp: temp})
	}
	return s, nil
}

// writeTemp writes data to a new hidden file beside dest — content.Load
// and the watcher skip names that start with '.' — with the mode of the
// file it will replace, and syncs it, so that the rename that puts it in
// place cannot leave an empty file after a crash.
func writeTemp(dest string, data []byte) (string, error) {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(dest); err == nil {
		mode = info.Mode().Perm()
	}
	// The name is cut so that a long existing file name does not make the
	// temporary one too long to create.
	f, err := os.CreateTemp(filepath.Dir(dest), "."+content.CutSlug(filepath.Base(dest), maxSlug)+".tmp-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(mode)
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

// mkdirs makes folder d and every missing folder above it, remembering the
// ones it made so that a failed import can remove them again.
func (s *staged) mkdirs(d string) error {
	var missing []string
	for p := d; ; p = filepath.Dir(p) {
		_, err := os.Stat(p)
		if err == nil {
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
// made for them, deepest first. os.Remove leaves a folder that is not
// empty, so one that holds a file already renamed into place stays.
func (s *staged) remove() {
	for _, f := range s.files {
		os.Remove(f.temp)
	}
	for i := len(s.dirs) - 1; i >= 0; i-- {
		os.Remove(s.dirs[i])
	}
}

// sync flushes the folders that received files, so that the renames, and
// not only the files' bytes, survive a power cut. It is best effort: the
// files are in place already, and some systems (Windows) cannot sync a
// folder at all.
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

func sortedPaths(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
