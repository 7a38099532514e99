//go:build !linux

package build

import (
	"errors"
	"os"
)

// readDirUnsorted is os.ReadDir without the sort, which extras does not
// need: it reads a folder for every post of the spare's blog.
func readDirUnsorted(dir string) ([]os.DirEntry, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	entries, err := f.ReadDir(-1)
	return entries, errors.Join(err, f.Close())
}
