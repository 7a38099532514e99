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
	"github.com/netjournal/netjournal/internal/stage"
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
	return s.Commit(ctx)
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

// stage writes every file of r beside its destination (package stage).
// On failure it removes what it wrote and returns only the error.
func (r *Result) stage(ctx context.Context, dir string) (*stage.Files, error) {
	s := stage.New(dir)
	for _, p := range sortedPaths(r.Files) {
		if err := ctx.Err(); err != nil {
			s.Discard()
			return nil, fmt.Errorf("interrupted: %w", err)
		}
		if err := s.AddBytes(p, r.Files[p]); err != nil {
			s.Discard()
			return nil, err
		}
	}
	return s, nil
}

func sortedPaths(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
