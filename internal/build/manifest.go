package build

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/netjournal/netjournal/internal/par"
)

// A manifest lists the files a build put in an output folder, each with a
// hash of its bytes and what the file system said of it once written: its
// size, time and inode. The next build links a file that is still exactly
// that into its staging folder instead of writing its bytes again, so that
// writing a large site with little changed costs little. A file changed
// since (by hand, say) no longer matches and is written anew; a manifest
// that is lost or wrong costs only that.
//
// It lives beside the staging folders, as <output>.manifest in WorkDir,
// not in the output: it is nobody's business on a web server.
type manifest map[string]fileState

type fileState struct {
	sum   [sha256.Size]byte
	size  int64
	mtime int64 // nanoseconds
	ino   uint64
}

func manifestPath(step swapStep) string {
	return filepath.Join(filepath.Dir(step.New), filepath.Base(step.Dir)+".manifest")
}

// The output a build replaced is not removed but kept in WorkDir as the
// spare, with its manifest, and the next build stages in it: it renames
// the spare to its staging folder and changes only what differs, instead
// of making every folder and linking every file again (on a site of
// 10,000 posts, most of a second build's writing). The spare shares the
// inodes of unchanged files with the output, so nothing is ever written
// into a file of it: a file that differs is removed and written anew.
func sparePath(step swapStep) string {
	return filepath.Join(filepath.Dir(step.New), filepath.Base(step.Dir)+".spare")
}

func spareManifestPath(step swapStep) string { return sparePath(step) + ".manifest" }

// readManifest reads a manifest; a missing or unreadable one is empty.
func readManifest(p string) manifest {
	data, err := os.ReadFile(p)
	if err != nil {
		return manifest{}
	}
	return parseManifest(data)
}

// parseManifest reads a manifest's bytes; a damaged one is empty.
func parseManifest(data []byte) manifest {
	m := manifest{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var s fileState
		var sum, name string
		// sum size mtime inode path (the path last: it may hold spaces)
		fields := strings.SplitN(sc.Text(), " ", 5)
		if len(fields) != 5 {
			return manifest{}
		}
		sum, name = fields[0], fields[4]
		if _, err := fmt.Sscan(fields[1]+" "+fields[2]+" "+fields[3], &s.size, &s.mtime, &s.ino); err != nil {
			return manifest{}
		}
		b, err := hex.DecodeString(sum)
		if err != nil || len(b) != sha256.Size {
			return manifest{}
		}
		copy(s.sum[:], b)
		m[name] = s
	}
	if sc.Err() != nil {
		return manifest{}
	}
	return m
}

// write writes the manifest whole or not at all.
func (m manifest) write(p string) error {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		s := m[name]
		fmt.Fprintf(&b, "%x %d %d %d %s\n", s.sum, s.size, s.mtime, s.ino, name)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// stateOf is what the file system says of a file, with its bytes' hash.
func stateOf(info os.FileInfo, sum [sha256.Size]byte) fileState {
	s := fileState{sum: sum, size: info.Size(), mtime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		s.ino = uint64(st.Ino)
	}
	return s
}

// updateFiles makes dir, a staging folder that holds a former output
// whose manifest is had, hold exactly files: it keeps each file that had
// says is there with these very bytes, unchanged since; links from old
// (the output folder being replaced) each file its manifest, was, says is
// there with these bytes; writes the others; and removes whatever else
// dir holds. A file is never written into, only removed and made anew: it
// may be a link to a file of the output. It returns dir's manifest.
func updateFiles(ctx context.Context, dir, old string, files map[string][]byte, had, was manifest, dirMode, fileMode os.FileMode) (manifest, error) {
	names := sortedKeys(files)
	needDirs := map[string]bool{}
	for _, name := range names {
		for d := path.Dir(name); d != "." && !needDirs[d]; d = path.Dir(d) {
			needDirs[d] = true
		}
	}
	// What dir holds that files do not: removed, deepest first, so that
	// a folder is empty once its files are gone.
	var extra []string
	isFile := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return nil
		}
		name := filepath.ToSlash(rel)
		if d.IsDir() {
			if !needDirs[name] {
				extra = append(extra, p)
				return filepath.SkipDir
			}
			return nil
		}
		if _, ok := files[name]; ok && d.Type().IsRegular() {
			isFile[name] = true
		} else {
			extra = append(extra, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := len(extra) - 1; i >= 0; i-- {
		if err := os.RemoveAll(extra[i]); err != nil {
			return nil, err
		}
	}
	if err := makeDirs(dir, names, dirMode); err != nil {
		return nil, err
	}
	return eachFile(ctx, names, func(name string) (fileState, error) {
		data := files[name]
		sum := sha256.Sum256(data)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if isFile[name] {
			if prev, ok := had[name]; ok && prev.sum == sum && prev.size == int64(len(data)) {
				if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() && stateOf(info, sum) == prev {
					return prev, nil
				}
			}
			if err := os.Remove(p); err != nil {
				return fileState{}, err
			}
		}
		return place(p, filepath.Join(old, filepath.FromSlash(name)), data, sum, was[name], fileMode)
	})
}

// place makes the file p, which does not exist, hold data: a link to src
// when prev, src's state in its manifest, says src holds these bytes and
// is unchanged since, else a new file. It returns p's state.
func place(p, src string, data []byte, sum [sha256.Size]byte, prev fileState, fileMode os.FileMode) (fileState, error) {
	if prev.sum == sum && prev.size == int64(len(data)) {
		if info, err := os.Lstat(src); err == nil && info.Mode().IsRegular() && stateOf(info, sum) == prev {
			if os.Link(src, p) == nil {
				return prev, nil
			}
		}
	}
	if err := os.WriteFile(p, data, fileMode); err != nil {
		return fileState{}, err
	}
	info, err := os.Lstat(p)
	if err != nil {
		return fileState{}, err
	}
	return stateOf(info, sum), nil
}

// stageFiles writes files into the staging folder dir, linking from old
// (the output folder being replaced) each file that its manifest says is
// there with these very bytes, unchanged since. It writes on every core,
// checks ctx as it goes, and returns the new folder's manifest.
func stageFiles(ctx context.Context, dir, old string, files map[string][]byte, was manifest, dirMode, fileMode os.FileMode) (manifest, error) {
	names := sortedKeys(files)
	if err := makeDirs(dir, names, dirMode); err != nil {
		return nil, err
	}
	return eachFile(ctx, names, func(name string) (fileState, error) {
		data := files[name]
		return place(filepath.Join(dir, filepath.FromSlash(name)), filepath.Join(old, filepath.FromSlash(name)), data, sha256.Sum256(data), was[name], fileMode)
	})
}

// makeDirs makes the folders below dir that the slash paths names need,
// parents first; those there already are fine.
func makeDirs(dir string, names []string, dirMode os.FileMode) error {
	need := map[string]bool{}
	for _, name := range names {
		for d := path.Dir(name); d != "." && !need[d]; d = path.Dir(d) {
			need[d] = true
		}
	}
	dirs := make([]string, 0, len(need))
	for d := range need {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		if err := os.Mkdir(filepath.Join(dir, filepath.FromSlash(d)), dirMode); err != nil && !errors.Is(err, os.ErrExist) {
			return err
		}
	}
	return nil
}

// eachFile runs put for every name on every core, stopping at the first
// error or once ctx is done, and returns the manifest of what put made.
func eachFile(ctx context.Context, names []string, put func(name string) (fileState, error)) (manifest, error) {
	states := make([]fileState, len(names))
	errs := make([]error, len(names))
	var stop atomic.Bool
	par.Each(len(names), func(i int) {
		if stop.Load() {
			return
		}
		if ctx.Err() != nil {
			errs[i] = ctx.Err()
			stop.Store(true)
			return
		}
		state, err := put(names[i])
		if err != nil {
			errs[i] = err
			stop.Store(true)
			return
		}
		states[i] = state
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	m := make(manifest, len(names))
	for i, name := range names {
		m[name] = states[i]
	}
	return m, nil
}
