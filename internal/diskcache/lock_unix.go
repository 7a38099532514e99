//go:build unix

package diskcache

import (
	"os"
	"syscall"
)

// lock takes the folder's lock without waiting: a second netjournal
// using the same cache at once (a build beside a serve) goes without one.
func lock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
