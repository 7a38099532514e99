//go:build !unix

package fileid

import "io/fs"

// Inode is 0 where it is not read (Windows): a file is known by its size
// and modification time alone.
func Inode(info fs.FileInfo) uint64 { return 0 }
