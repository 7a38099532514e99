//go:build linux || openbsd || dragonfly

package fileid

import (
	"io/fs"
	"syscall"
)

// ChangeTime is when a file's bytes or attributes last changed
// (nanoseconds), which no program can set back as it can the modification
// time; 0 where the system does not say.
func ChangeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
