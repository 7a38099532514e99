package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Output is one site to write: its folder and its files.
type Output struct {
	Dir     string
	Files   map[string][]byte
	Private bool // readable by the owner only
}

// Write replaces each output folder with exactly its files. Every folder is
// written in full beside its target first; only when all are complete are
// they swapped in, each by renames, so a failure leaves the previous output
// as it was.
func Write(outs ...Output) error {
	staged := make([]string, len(outs))
	cleanup := func() {
		for _, s := range staged {
			if s != "" {
				os.RemoveAll(s)
			}
		}
	}
	for i, o := range outs {
		if err := guard(o.Dir); err != nil {
			cleanup()
			return err
		}
		dir, err := stage(o)
		staged[i] = dir
		if err != nil {
			cleanup()
			return err
		}
	}
	for i, o := range outs {
		if err := swap(staged[i], o.Dir); err != nil {
			cleanup()
			return err
		}
		staged[i] = ""
	}
	return nil
}

// CheckDirs refuses output folders that a build would wreck by replacing:
// the site folder or any folder holding it, a folder of sources (content,
// themes, static) or anything inside one, and two outputs that are the same
// folder or one inside the other (replacing the outer one would delete the
// inner one, and the private wiki could end up inside the public site).
// Paths are compared after making them absolute and resolving symbolic
// links, so "../site/public/." or a link to public/ cannot slip past.
func CheckDirs(site string, outs ...string) error {
	root, err := realPath(site)
	if err != nil {
		return err
	}
	abs := make([]string, len(outs))
	for i, o := range outs {
		if abs[i], err = realPath(o); err != nil {
			return err
		}
		if within(root, abs[i]) {
			return fmt.Errorf("refusing to write %s: it holds the site folder %s", o, site)
		}
		for _, src := range []string{"content", "themes", "static", ".git"} {
			if within(abs[i], filepath.Join(root, src)) {
				return fmt.Errorf("refusing to write %s: it is inside the site's %s/ folder", o, src)
			}
		}
	}
	for i := range abs {
		for j := i + 1; j < len(abs); j++ {
			if within(abs[i], abs[j]) || within(abs[j], abs[i]) {
				return fmt.Errorf("refusing to write %s and %s: one output folder would hold the other", outs[i], outs[j])
			}
		}
	}
	return nil
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath makes p absolute and resolves the symbolic links of the part of
// it that exists.
func realPath(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for d := p; ; d = filepath.Dir(d) {
		if r, err := filepath.EvalSymlinks(d); err == nil {
			return filepath.Join(r, rest), nil
		}
		if filepath.Dir(d) == d {
			return p, nil
		}
		rest = filepath.Join(filepath.Base(d), rest)
	}
}

// guard refuses to replace a folder that holds a site's sources.
func guard(dir string) error {
	for _, marker := range []string{"netjournal.yaml", "content", ".git"} {
		if _, err := os.Lstat(filepath.Join(dir, marker)); err == nil {
			return fmt.Errorf("refusing to replace %s: it holds %s, not build output", dir, marker)
		}
	}
	return nil
}

func stage(o Output) (string, error) {
	parent := filepath.Dir(filepath.Clean(o.Dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(o.Dir)+".new-")
	if err != nil {
		return "", err
	}
	dirMode, fileMode := os.FileMode(0o755), os.FileMode(0o644)
	if o.Private {
		dirMode, fileMode = 0o700, 0o600
	}
	if err := os.Chmod(tmp, dirMode); err != nil {
		return tmp, err
	}
	for _, name := range sortedKeys(o.Files) {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), dirMode); err != nil {
			return tmp, err
		}
		if err := os.WriteFile(p, o.Files[name], fileMode); err != nil {
			return tmp, err
		}
	}
	return tmp, nil
}

// swap puts the staged folder in place of dir and removes the old one.
func swap(staged, dir string) error {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = staged + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("replacing %s: %w", dir, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(staged, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("replacing %s: %w", dir, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Sync makes dir, which holds old, hold files instead: it writes only the
// files whose bytes differ and deletes those that are gone, with their
// folders once empty. Each file is replaced by a rename, so a reader never
// sees half of one. It returns the paths written and removed.
func Sync(dir string, old, files map[string][]byte, private bool) (written, removed []string, err error) {
	dirMode, fileMode := os.FileMode(0o755), os.FileMode(0o644)
	if private {
		dirMode, fileMode = 0o700, 0o600
	}
	// Removals first: a file that becomes a folder (static/notes to
	// static/notes/a.txt), or the reverse, needs its old path cleared.
	for _, name := range sortedKeys(old) {
		if _, ok := files[name]; ok {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return written, removed, err
		}
		removed = append(removed, name)
		// Remove folders left empty, up to dir.
		for d := filepath.Dir(p); d != filepath.Clean(dir) && len(d) > len(filepath.Clean(dir)); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	for _, name := range sortedKeys(files) {
		if prev, ok := old[name]; ok && string(prev) == string(files[name]) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), dirMode); err != nil {
			return written, removed, err
		}
		if err := writeFile(p, files[name], fileMode); err != nil {
			return written, removed, err
		}
		written = append(written, name)
	}
	return written, removed, nil
}

// writeFile writes data beside p and renames it into place.
func writeFile(p string, data []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp-")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(f.Name(), mode)); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
