package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
