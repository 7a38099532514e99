package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/fileid"
)

// CacheDir is where a site keeps rendered Markdown and pages between runs,
// in WorkDir, which git ignores: a second build renders nothing that did
// not change.
const CacheDir = WorkDir + "/cache"

// OpenCache opens the site's cache for this netjournal: its own folder,
// named by a hash of the running program, since a page is a function of
// its data, its templates and the code that runs them; the folders of
// other versions are removed. A cache that cannot be opened (another
// netjournal has it, a read-only disk) is no cache: nil, and an error
// saying why, which costs only speed.
func OpenCache(site string) (*diskcache.Cache, error) {
	v, err := versionIn(site)
	if err != nil {
		return nil, err
	}
	root := filepath.Join(site, filepath.FromSlash(CacheDir))
	if err := makeWorkDir(filepath.Join(site, WorkDir)); err != nil {
		return nil, err
	}
	c, err := diskcache.Open(filepath.Join(root, v))
	if err != nil {
		return nil, err
	}
	// What a killed build left half written beside the files it would
	// have replaced (writeRecords, the cache's own pack and index) is
	// nobody's: this process holds the cache now.
	if tmps, err := filepath.Glob(filepath.Join(root, v, "*.new-*")); err == nil {
		for _, p := range tmps {
			os.Remove(p)
		}
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if e.Name() != v {
			os.RemoveAll(filepath.Join(root, e.Name()))
		}
	}
	return c, nil
}

// UseDisk makes the builder keep rendered Markdown and pages in c too.
func (b *Builder) UseDisk(c *diskcache.Cache) {
	b.disk = c
	b.md.UseDisk(c)
	b.blog.UseDisk(c)
	b.wiki.UseDisk(c)
	b.feeds.UseDisk(c)
}

var versionOnce = sync.OnceValues(func() (string, error) {
	exe, err := runningProgram()
	if err != nil {
		return "", err
	}
	return programSum(exe, programRecord.Load())
})

// runningProgram is the file of the program this process runs. Where the
// system names it (Linux's /proc/self/exe) it is the very file the
// process was started from, whatever its path holds since: go install
// and go build write a new file there, and hashing the path's would name
// what this program caches by the next program. Elsewhere it is the
// path.
func runningProgram() (string, error) {
	const self = "/proc/self/exe"
	if _, err := os.Stat(self); err == nil {
		return self, nil
	}
	return os.Executable()
}

// version names this netjournal program by a hash of its bytes. Tests
// set it to be another program.
var version = func() (string, error) { return versionOnce() }

// programRecord is the file in which version finds the program's hash
// that a run before it took, and leaves it for the next (versionIn).
var programRecord atomic.Pointer[string]

// versionIn is version for a build of site, which keeps the program's
// hash in its work folder between runs: a hash of all its bytes (26 MB)
// was 20 ms of every build, with or without anything to do.
func versionIn(site string) (string, error) {
	p := filepath.Join(site, WorkDir, programFile)
	programRecord.CompareAndSwap(nil, &p)
	return version()
}

const programFile = "program"

// programSum returns the hash of the program at exe: the one the record
// at p holds, when it names this file, its size, times and inode as they
// are (fileid), and its last change is older than a file system's tick;
// else the hash of its bytes, kept in the record when the work folder is
// there (p may be nil). A program written again has another change time,
// or another inode when it is replaced, as go build and go install do.
func programSum(exe string, p *string) (string, error) {
	info, err := os.Stat(exe)
	if err != nil {
		return "", err
	}
	id := fileid.Of(info)
	trusted := p != nil && id.Ctime != 0 && !id.ChangedSince(time.Now().Add(-racyWindow).UnixNano())
	if trusted {
		if sum, ok := readProgramRecord(*p, exe, id); ok {
			return sum, nil
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	sum := hex.EncodeToString(h.Sum(nil))[:16]
	if trusted {
		writeProgramRecord(*p, exe, id, sum) // best effort: the next run hashes again
	}
	return sum, nil
}

// programRecordText is what the record at p says of the program at exe
// of this ID and hash.
func programRecordText(exe string, id fileid.ID, sum string) string {
	return fmt.Sprintf("netjournal program 1\n%q\n%d %d %d %d\n%s\n", exe, id.Size, id.Mtime, id.Ctime, id.Ino, sum)
}

// readProgramRecord returns the hash the record at p keeps of the
// program at exe of this ID, if it keeps one.
func readProgramRecord(p, exe string, id fileid.ID) (string, bool) {
	b, err := os.ReadFile(p)
	if err != nil {
		return "", false
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) != 5 || lines[4] != "" || len(lines[3]) != 16 {
		return "", false
	}
	sum := lines[3]
	if _, err := hex.DecodeString(sum); err != nil {
		return "", false
	}
	return sum, string(b) == programRecordText(exe, id, sum)
}

// writeProgramRecord keeps the hash of the program at exe of this ID in
// the record at p, whole or not at all, if p's folder is there.
func writeProgramRecord(p, exe string, id fileid.ID, sum string) {
	tmp, err := os.CreateTemp(filepath.Dir(p), programFile+".new-*")
	if err != nil {
		return
	}
	_, werr := tmp.WriteString(programRecordText(exe, id, sum))
	if errors.Join(werr, tmp.Close()) != nil || os.Rename(tmp.Name(), p) != nil {
		os.Remove(tmp.Name())
	}
}
