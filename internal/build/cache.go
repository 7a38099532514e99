package build

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/netjournal/netjournal/internal/diskcache"
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
	v, err := version()
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
	exe, err := os.Executable()
	if err != nil {
		return "", err
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
	return hex.EncodeToString(h.Sum(nil))[:16], nil
})

// version names this netjournal program by a hash of its bytes. Tests
// set it to be another program.
var version = func() (string, error) { return versionOnce() }
