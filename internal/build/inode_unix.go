//go:build unix

package build

import (
	"io/fs"
	"syscall"
)

// inode is the file's inode number: a file replaced by another with the
// same size and time is still seen to have changed.
func inode(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
