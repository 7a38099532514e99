//go:build unix

package fileid

import (
	"io/fs"
	"syscall"
)

// Inode is the file's inode number: a file replaced by another with the
// same size and time is still seen to have changed.
func Inode(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
