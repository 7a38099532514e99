package build

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// readDirUnsorted reads what the folder dir holds, in the order the
// system gives it (extras needs none), with the system calls alone: it
// opens a folder for every post of the spare's blog, and os.Open made
// six calls of each (its flags read and set, a poller that refuses a
// folder, its close) where the folder needs an open, its reads and a
// close.
func readDirUnsorted(dir string) ([]os.DirEntry, error) {
	var fd int
	err := retryEINTR(func() (err error) {
		fd, err = syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer syscall.Close(fd)
	bp := direntBuffers.Get().(*[]byte)
	defer direntBuffers.Put(bp)
	var entries []os.DirEntry
	for {
		var n int
		if err := retryEINTR(func() (err error) {
			n, err = syscall.Getdents(fd, *bp)
			return err
		}); err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			return entries, nil
		}
		// Each record: inode (8 bytes), offset (8), its length (2), the
		// type (1), the name ending in a zero byte, padding.
		for b := (*bp)[:n]; len(b) > 0; {
			if len(b) < 19 {
				return nil, &fs.PathError{Op: "readdirent", Path: dir, Err: errors.New("a short record")}
			}
			size := int(binary.NativeEndian.Uint16(b[16:18]))
			if size < 19 || size > len(b) {
				return nil, &fs.PathError{Op: "readdirent", Path: dir, Err: errors.New("a record of a wrong length")}
			}
			name, typ := b[19:size], b[18]
			b = b[size:]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			if string(name) == "." || string(name) == ".." {
				continue
			}
			e := &dirent{dir: dir, name: string(name)}
			switch typ {
			case syscall.DT_REG:
			case syscall.DT_DIR:
				e.typ = fs.ModeDir
			case syscall.DT_LNK:
				e.typ = fs.ModeSymlink
			default: // another kind, or a file system that does not say
				info, err := os.Lstat(filepath.Join(dir, e.name))
				if errors.Is(err, fs.ErrNotExist) {
					continue // gone since, as os.ReadDir has it
				}
				if err != nil {
					return nil, err
				}
				e.typ = info.Mode().Type()
			}
			entries = append(entries, e)
		}
	}
}

// direntBuffers are what readDirUnsorted reads records into.
var direntBuffers = sync.Pool{New: func() any { b := make([]byte, 8192); return &b }}

func retryEINTR(f func() error) error {
	for {
		if err := f(); !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// dirent is an entry readDirUnsorted read.
type dirent struct {
	dir, name string
	typ       fs.FileMode
}

func (e *dirent) Name() string               { return e.name }
func (e *dirent) IsDir() bool                { return e.typ.IsDir() }
func (e *dirent) Type() fs.FileMode          { return e.typ }
func (e *dirent) Info() (fs.FileInfo, error) { return os.Lstat(filepath.Join(e.dir, e.name)) }
