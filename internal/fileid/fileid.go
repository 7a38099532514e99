// Package fileid says what the file system says of a file, by which a
// program that read it knows it unchanged without reading it again: its
// size, its times and its inode.
package fileid

import "io/fs"

// ID is what the file system says of a file: its size, its modification
// and change times (nanoseconds) and its inode number. A file whose ID
// is the same is, but for a write by hand within a tick of its clock
// that kept its size (ChangedSince), the same bytes.
type ID struct {
	Size, Mtime, Ctime int64
	Ino                uint64
}

// Of is the ID of the file info describes.
func Of(info fs.FileInfo) ID {
	return ID{Size: info.Size(), Mtime: info.ModTime().UnixNano(), Ctime: ChangeTime(info), Ino: Inode(info)}
}

// ChangedSince reports whether the file of this ID changed at or after
// t (nanoseconds): read at t plus a file system's tick or less, it may
// have been written again since without its ID changing.
func (id ID) ChangedSince(t int64) bool { return id.Mtime >= t || id.Ctime >= t }
