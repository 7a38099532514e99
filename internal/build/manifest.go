package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/netjournal/netjournal/internal/fileid"
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
	// sum is zero, unknown, for a page whose bytes a build had no file
	// to compare with: it matches no bytes (holds).
	//
	// key, for a page, is its key (page.Key: a hash of its template and
	// data, which its bytes are a function of); zero for other files. A
	// page whose key is the same is kept without its bytes being read.
	key [sha256.Size]byte
}

// holds reports whether the file s describes holds bytes of this sum and
// size, as far as s knows: a state whose sum is unknown holds none.
func (s fileState) holds(sum [sha256.Size]byte, size int64) bool {
	return s.sum != [sha256.Size]byte{} && s.sum == sum && s.size == size
}

// mayHold reports whether the file s describes may hold bytes of this
// sum and size: it does (holds), or s does not know its sum and the size
// is the same, which reading the file tells (same).
func (s fileState) mayHold(sum [sha256.Size]byte, size int64) bool {
	return s.holds(sum, size) || s.sum == [sha256.Size]byte{} && s.mtime != 0 && s.size == size
}

// same reports whether the file at p, which s describes and which is as s
// says (is), holds data of this sum: by the sums when s knows its own,
// else by the bytes, read. A page a first build did not hash is kept by
// reading it, not made again, when its key changed but not its bytes (a
// new program, or build --watch's first write, which knows no keys).
func (s fileState) same(p string, data []byte, sum [sha256.Size]byte) bool {
	if s.holds(sum, int64(len(data))) {
		return true
	}
	if s.sum != [sha256.Size]byte{} || sum == [sha256.Size]byte{} {
		return false
	}
	b, err := os.ReadFile(p)
	return err == nil && bytes.Equal(b, data)
}

// is reports whether info, what the file system says of a file now, is
// what s says it was: a regular file of the same size, time and inode,
// and so, unless written in place by hand within a tick, the same bytes.
func (s fileState) is(info os.FileInfo) bool {
	t := stateOf(info, s.sum)
	t.key = s.key
	return info.Mode().IsRegular() && t == s
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

// parseManifest reads a manifest's bytes; a damaged one is empty. It
// reads them in place: a manifest has a line for every file of a site, and
// every build reads two for each output folder.
func parseManifest(data []byte) manifest {
	m := make(manifest, bytes.Count(data, []byte{'\n'}))
	ok := manifestLines(data, func(fields [5][]byte, path []byte) bool {
		var s fileState
		var ok1, ok2, ok3 bool
		s.size, ok1 = parseDecimal(fields[2], true)
		s.mtime, ok2 = parseDecimal(fields[3], true)
		s.ino, ok3 = parseUnsigned(fields[4])
		if !ok1 || !ok2 || !ok3 {
			return false
		}
		if !unhex(s.sum[:], fields[0]) || (string(fields[1]) != "-" && !unhex(s.key[:], fields[1])) {
			return false
		}
		m[string(path)] = s
		return true
	})
	if !ok {
		return manifest{}
	}
	return m
}

// manifestLines calls line with the fields and the path of each line of a
// manifest's bytes: sum key size mtime inode path (the path last: it may
// hold spaces; the key "-" when there is none). It reports false for a
// line of fewer fields, or one line refuses.
func manifestLines(data []byte, line func(fields [5][]byte, path []byte) bool) bool {
	for len(data) > 0 {
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		var fields [5][]byte
		for i := range fields {
			j := bytes.IndexByte(l, ' ')
			if j < 0 {
				return false
			}
			fields[i], l = l[:j], l[j+1:]
		}
		if !line(fields, l) {
			return false
		}
	}
	return true
}

// parseDecimal reads a decimal int64, with a sign if signed.
func parseDecimal(b []byte, signed bool) (int64, bool) {
	neg := signed && len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	u, ok := parseUnsigned(b)
	switch {
	case !ok || u > math.MaxInt64+1 || u == math.MaxInt64+1 && !neg:
		return 0, false
	case neg:
		return -int64(u), true // the smallest int64 too, as it wraps
	}
	return int64(u), true
}

// parseUnsigned reads a decimal uint64.
func parseUnsigned(b []byte) (uint64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' || n > (math.MaxUint64-uint64(c-'0'))/10 {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// unhex decodes the hex digest h into sum, reporting whether it is one.
func unhex(sum []byte, h []byte) bool {
	if len(h) != 2*len(sum) {
		return false
	}
	_, err := hex.Decode(sum, h)
	return err == nil
}

// write writes the manifest whole or not at all.
func (m manifest) write(p string) error {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	// Appended, not printed with fmt: a line for every file of a site,
	// written at every build.
	b := make([]byte, 0, len(m)*(4*sha256.Size+64))
	for _, name := range names {
		s := m[name]
		b = hex.AppendEncode(b, s.sum[:])
		b = append(b, ' ')
		if s.key != ([sha256.Size]byte{}) {
			b = hex.AppendEncode(b, s.key[:])
		} else {
			b = append(b, '-')
		}
		b = append(b, ' ')
		b = strconv.AppendInt(b, s.size, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, s.mtime, 10)
		b = append(b, ' ')
		b = strconv.AppendUint(b, s.ino, 10)
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, '\n')
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// stateOf is what the file system says of a file, with its bytes' hash.
func stateOf(info os.FileInfo, sum [sha256.Size]byte) fileState {
	return fileState{sum: sum, size: info.Size(), mtime: info.ModTime().UnixNano(), ino: fileid.Inode(info)}
}

// place makes the file p, which does not exist, hold data: a link to src
// when prev, src's state in its manifest, says src holds these bytes and
// is unchanged since, else a new file. It returns p's state.
func place(p, src string, data []byte, sum [sha256.Size]byte, prev fileState, fileMode os.FileMode) (fileState, error) {
	if prev.mayHold(sum, int64(len(data))) {
		if info, err := os.Lstat(src); err == nil && prev.is(info) && prev.same(src, data, sum) {
			if os.Link(src, p) == nil {
				prev.sum = sum
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
