//go:build !unix

package build

import "io/fs"

// inode is 0 where it is not read (Windows): a file is known by its size,
// time and, when it is read, its bytes' hash.
func inode(info fs.FileInfo) uint64 { return 0 }
