// Package stage puts a set of new or changed files into a user's site all
// together or not at all, so that a failure never leaves half of an
// import that a second run would have to untangle. Each file is written
// in full under a hidden name beside its destination and synced; only
// when every one is written are they renamed into place, in the order of
// their paths. Until then, a failure or an interrupt removes what was
// written, and any folder made for it, leaving the site byte for byte as
// it was. The importers (contactfile, blogimport) write through it.
package stage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
)

// Files are files written beside their destinations below a folder, not
// yet in place.
type Files struct {
	dir   string
	files []file
	dirs  []string // folders made for new files, parents first
}

type file struct {
	path string // slash path below dir
	dest string // the file to create or replace
	temp string // its content, in full, under a hidden name beside dest
}

// New starts a set of files to put below the folder dir.
func New(dir string) *Files { return &Files{dir: dir} }

// Add writes the file at rel, a slash path below the folder, with write,
// beside its destination, making the folders it needs. On failure the
// caller calls Discard.
func (s *Files) Add(rel string, write func(io.Writer) error) error {
	dest := filepath.Join(s.dir, filepath.FromSlash(rel))
	if err := s.mkdirs(filepath.Dir(dest)); err != nil {
		return err
	}
	temp, err := writeTemp(dest, write)
	if err != nil {
		return err
	}
	s.files = append(s.files, file{path: rel, dest: dest, temp: temp})
	return nil
}

// AddBytes is Add for a file's bytes.
func (s *Files) AddBytes(rel string, data []byte) error {
	return s.Add(rel, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// Commit puts the files in place, unless ctx is done: the last moment an
// interrupt can stop them all, since once the first is renamed the rest
// follow. It returns the paths it put in place, sorted: all of them, or
// none with an error. Only a rename that fails — the file system gone
// read-only in the moment between, say — returns an error with the paths
// renamed before it, which are in place and cannot be taken back without
// risking the files they replaced.
func (s *Files) Commit(ctx context.Context) ([]string, error) {
	if err := ctx.Err(); err != nil {
		s.Discard()
		return nil, fmt.Errorf("interrupted: %w", err)
	}
	slices.SortFunc(s.files, func(a, b file) int { return strings.Compare(a.path, b.path) })
	var written []string
	for i, f := range s.files {
		if err := os.Rename(f.temp, f.dest); err != nil {
			s.files = s.files[i:]
			s.Discard()
			return written, err
		}
		written = append(written, f.path)
	}
	s.sync()
	return written, nil
}

// Discard deletes the temporary files not renamed yet, then the folders
// made for them, deepest first. os.Remove leaves a folder that is not
// empty, so one that holds a file already renamed into place stays.
func (s *Files) Discard() {
	for _, f := range s.files {
		os.Remove(f.temp)
	}
	for i := len(s.dirs) - 1; i >= 0; i-- {
		os.Remove(s.dirs[i])
	}
	s.files, s.dirs = nil, nil
}

// writeTemp writes a new hidden file beside dest — content.Load and the
// watcher skip names that start with '.' — with the mode of the file it
// will replace, and syncs it, so that the rename that puts it in place
// cannot leave an empty file after a crash.
func writeTemp(dest string, write func(io.Writer) error) (string, error) {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(dest); err == nil {
		mode = info.Mode().Perm()
	}
	// The name is cut so that a long existing file name does not make the
	// temporary one too long to create.
	f, err := os.CreateTemp(filepath.Dir(dest), "."+content.CutSlug(filepath.Base(dest), content.MaxSlug)+".tmp-*")
	if err != nil {
		return "", err
	}
	err = write(f)
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

// mkdirs makes folder d and every missing folder above it, remembering
// the ones it made so that Discard can remove them again.
func (s *Files) mkdirs(d string) error {
	var missing []string
	for p := d; ; p = filepath.Dir(p) {
		info, err := os.Stat(p)
		if err == nil {
			if !info.IsDir() {
				return fmt.Errorf("%s is a file, where a folder is needed", p)
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

// sync flushes the folders that received files, so that the renames, and
// not only the files' bytes, survive a power cut. It is best effort: the
// files are in place already, and some systems (Windows) cannot sync a
// folder at all.
func (s *Files) sync() {
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
