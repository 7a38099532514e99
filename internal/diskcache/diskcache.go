// Package diskcache keeps byte values by key from one run to the next, in a
// folder of its own: one append-only pack file and an index of it.
//
// It is a cache, never a source of truth: whatever is wrong with it (a
// torn write from a killed process, a bad disk, another version's files)
// is detected and costs only the work of computing a value again. Every
// record carries its key, its length and a CRC-32C of its value, and a
// value is returned only when all three check out. (The key is a SHA-256
// of what the value is computed from, made by the caller; the checksum
// only finds torn and damaged records, which CRC-32C, made for that and
// computed by the processor, does at a tenth of SHA-256's cost: a second
// build checks every page it reads.)
//
// It never grows without bound: Commit keeps in the index only the values
// used since Open or the last Commit, and rewrites the pack without the
// others once they take more room than the values in use.
package diskcache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/netjournal/netjournal/internal/par"
)

// Key names a value: the hash of whatever the value was computed from.
type Key [sha256.Size]byte

// Record layout in the pack: magic, key, value length (8 bytes, little
// endian), CRC-32C of the value, value.
var magic = []byte("njc2")

// indexMagic begins an index file. An index of whole keys ("njc2", as the
// pack's records) is another version's: the pack is scanned instead.
var indexMagic = []byte("nji3")

const headerSize = 4 + sha256.Size + 8 + crcSize

// crcSize is the length of a record's checksum: a CRC-32C, little endian.
const crcSize = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksum is the checksum of a value, as a record carries it.
func checksum(value []byte) []byte {
	return binary.LittleEndian.AppendUint32(nil, crc32.Checksum(value, castagnoli))
}

const (
	packFile  = "pack"
	indexFile = "index"
)

// Cache is an open cache folder. Its methods are safe for concurrent use.
// A nil *Cache is a cache that holds nothing and keeps nothing.
//
// Its index is in shards, each with a lock of its own, and the pack's
// appends have another: a build asks the cache for every page and body
// it keeps, on every core, and with one lock for everything (held, too,
// while a value was copied into the pack's buffer, or the buffer written
// out) the cores waited on each other's turns.
type Cache struct {
	dir    string
	shards [shardCount]shard

	// wmu guards the appends: w, size and err.
	wmu   sync.Mutex
	pack  *os.File
	w     *bufio.Writer // appends to pack, from size onwards
	size  int64         // the pack's length, buffered appends included
	flush atomic.Int64  // how much of the pack is written through to the file
	err   error         // the first write error: the cache then only reads
	bad   atomic.Bool   // err is set

	later atomic.Bool // Note leaves its marks to the Commit (NoteLater)
}

// shardCount is how many shards the index is in, by a key's first byte.
const shardCount = 64

// shard is a part of the index, padded to a cache line of its own.
type shard struct {
	mu    sync.Mutex
	index map[short]entry
	// noted are the keys Note named since the last Commit, which marks
	// them used.
	noted []short
	_     [64]byte
}

// shard returns the shard of the index that holds k.
func (c *Cache) shard(k short) *shard { return &c.shards[int(k[0])%shardCount] }

// lockAll takes every lock of the cache, for what reads or changes all of
// it (Commit, Close), and returns what releases them.
func (c *Cache) lockAll() (unlock func()) {
	c.wmu.Lock()
	for i := range c.shards {
		c.shards[i].mu.Lock()
	}
	return func() {
		for i := range c.shards {
			c.shards[i].mu.Unlock()
		}
		c.wmu.Unlock()
	}
}

// entries returns how many values the index holds. The caller holds
// every lock.
func (c *Cache) entries() int {
	n := 0
	for i := range c.shards {
		n += len(c.shards[i].index)
	}
	return n
}

// put adds an entry to the index, at Open (when nothing else runs).
func (c *Cache) put(k short, e entry) { c.shard(k).index[k] = e }

// short is what the index knows a key by: its first half. The index of a
// site of 100,000 posts holds 900,000 entries, and whole keys made it 30
// MB larger. Two keys of a site that share a half (as likely as a
// 128-bit hash colliding) cannot be taken one for the other: a record
// carries its whole key, and Get returns a value only for that key.
type short [keySize / 2]byte

func shorten(k Key) short { return short(k[:keySize/2]) }

// keySize is the length of a Key.
const keySize = sha256.Size

// entry is where a record's value is in the pack, and whether this run
// used it (read, kept or put it: Commit keeps only those). used is the
// high bit of n, set under its shard's lock, rather than a set of keys
// beside the index: a second map as large. The index holds entries, not
// pointers to them: 900,000 of them at 100,000 posts, which the collector
// then neither traces nor scans, in 16 bytes each.
type entry struct {
	off   int64 // of the value
	nUsed uint64
}

const usedBit = 1 << 63

func newEntry(off, n int64) entry { return entry{off: off, nUsed: uint64(n)} }

// n is the value's length.
func (e entry) n() int64 { return int64(e.nUsed &^ usedBit) }

func (e entry) used() bool { return e.nUsed&usedBit != 0 }

// ErrBusy is Open's error when another process has the cache open.
var ErrBusy = errors.New("the cache is in use by another netjournal")

// Open opens the cache in dir, making it if needed. A pack or an index
// that is torn or not this version's is mended or started afresh.
func Open(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	pack, err := os.OpenFile(filepath.Join(dir, packFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if !lock(pack) {
		pack.Close()
		return nil, ErrBusy
	}
	c := &Cache{dir: dir, pack: pack}
	for i := range c.shards {
		c.shards[i].index = map[short]entry{}
	}
	info, err := pack.Stat()
	if err != nil {
		pack.Close()
		return nil, err
	}
	// The index says where the records of the last committed run are; a
	// run killed before its commit appended records after them, which a
	// scan finds, up to the first torn one.
	scanFrom := c.readIndex(info.Size())
	end := c.scan(scanFrom, info.Size())
	if end < info.Size() {
		if err := pack.Truncate(end); err != nil {
			pack.Close()
			return nil, err
		}
	}
	c.size = end
	c.flush.Store(end)
	c.w = bufio.NewWriterSize(&offsetWriter{f: pack, off: &c.flush}, 1<<20)
	return c, nil
}

// readIndex loads the index if it is whole and fits the pack, and returns
// the pack offset where its records end.
func (c *Cache) readIndex(packSize int64) int64 {
	b, err := os.ReadFile(filepath.Join(c.dir, indexFile))
	if err != nil || len(b) < len(indexMagic)+8+sha256.Size || !bytes.Equal(b[:len(indexMagic)], indexMagic) {
		return 0
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return 0
	}
	body = body[len(indexMagic):]
	end := int64(binary.LittleEndian.Uint64(body))
	body = body[8:]
	const rec = len(short{}) + 16
	if end > packSize || len(body)%rec != 0 {
		return 0
	}
	// Each shard held at its size at once, and the shards filled on
	// every core, each core its own: grown entry by entry, one after the
	// other, the index of a site of 10,000 posts (90,000 entries) took
	// 14 ms of a build after an edit, before anything else.
	perShard := len(body) / rec / shardCount
	for i := range c.shards {
		c.shards[i].index = make(map[short]entry, perShard+perShard/8)
	}
	workers := min(runtime.GOMAXPROCS(0), shardCount)
	var bad atomic.Bool
	par.Each(workers, func(w int) {
		for b := body; len(b) > 0 && !bad.Load(); b = b[rec:] {
			k := short(b)
			if int(k[0])%shardCount%workers != w {
				continue
			}
			off, n := int64(binary.LittleEndian.Uint64(b[len(k):])), int64(binary.LittleEndian.Uint64(b[len(k)+8:]))
			if off < headerSize || n < 0 || off+n > end {
				bad.Store(true)
				return
			}
			c.put(k, newEntry(off, n))
		}
	})
	if bad.Load() {
		for i := range c.shards {
			clear(c.shards[i].index)
		}
		return 0
	}
	return end
}

// scan adds the records from off to size to the index and returns where
// the last whole one ends.
func (c *Cache) scan(off, size int64) int64 {
	r := bufio.NewReaderSize(io.NewSectionReader(c.pack, off, size-off), 1<<20)
	head := make([]byte, headerSize)
	for {
		if _, err := io.ReadFull(r, head); err != nil || !bytes.Equal(head[:4], magic) {
			return off
		}
		n := int64(binary.LittleEndian.Uint64(head[4+sha256.Size:]))
		if n < 0 || off+headerSize+n > size {
			return off
		}
		value := make([]byte, n)
		if _, err := io.ReadFull(r, value); err != nil {
			return off
		}
		if !bytes.Equal(checksum(value), head[headerSize-crcSize:]) {
			return off
		}
		c.put(short(head[4:]), newEntry(off+headerSize, n))
		off += headerSize + n
	}
}

// Get returns the value of key, if the cache holds it whole.
func (c *Cache) Get(key Key) ([]byte, bool) { return c.Read(nil, key) }

// Read is Get, reading the value into *buf, which it grows as needed,
// when buf is not nil: a caller that is done with each value before it
// reads the next makes one buffer do. The value shares *buf's memory.
func (c *Cache) Read(buf *[]byte, key Key) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	k := shorten(key)
	sh := c.shard(k)
	sh.mu.Lock()
	e, ok := sh.index[k]
	sh.mu.Unlock()
	if !ok {
		return nil, false
	}
	if e.off+e.n() > c.flush.Load() {
		// Appended in this run and still buffered.
		c.wmu.Lock()
		if e.off+e.n() > c.flush.Load() {
			if err := c.w.Flush(); err != nil {
				c.fail(err)
			}
		}
		c.wmu.Unlock()
	}
	var b []byte
	if n := headerSize - 4 + int(e.n()); buf != nil && cap(*buf) >= n {
		b = (*buf)[:n]
	} else {
		b = make([]byte, n)
		if buf != nil {
			*buf = b
		}
	}
	// The header's sum and the value, read at once: key and length are
	// the index's.
	if _, err := c.pack.ReadAt(b, e.off-headerSize+4); err != nil {
		return nil, false
	}
	value, sum := b[headerSize-4:], b[sha256.Size+8:headerSize-4]
	if !bytes.Equal(b[:sha256.Size], key[:]) {
		return nil, false
	}
	if !bytes.Equal(checksum(value), sum) {
		return nil, false
	}
	sh.mu.Lock()
	use(sh, k) // the index's entry now: Commit may have replaced it
	sh.mu.Unlock()
	return value, true
}

// Has reports whether the cache holds a value for key (written, or to be
// written with the next flush), without reading it.
func (c *Cache) Has(key Key) bool {
	if c == nil {
		return false
	}
	k := shorten(key)
	sh := c.shard(k)
	sh.mu.Lock()
	_, ok := sh.index[k]
	sh.mu.Unlock()
	return ok && !c.bad.Load()
}

// Dir returns the cache's folder, where a caller may keep files of its
// own beside the cache's.
func (c *Cache) Dir() string { return c.dir }

// Len returns the number of values the cache holds, written or to be
// written with the next flush.
func (c *Cache) Len() int {
	if c == nil {
		return 0
	}
	defer c.lockAll()()
	return c.entries()
}

// Keep marks the value of key as used in this run, so that Commit keeps
// it, without reading it: the caller has it at hand. It reports whether
// the cache holds the value, as Has does.
func (c *Cache) Keep(key Key) bool {
	if c == nil {
		return false
	}
	k := shorten(key)
	sh := c.shard(k)
	sh.mu.Lock()
	ok := use(sh, k)
	sh.mu.Unlock()
	return ok && !c.bad.Load()
}

// Note is Keep for a caller that wants no answer. After NoteLater(true)
// the key is noted, and its value marked as used at the next Commit:
// Keep looks the key up in an index of hundreds of thousands of entries,
// each a miss of the CPU's caches, and a rebuild under serve keeps every
// body's values, tens of thousands of them, while Commit runs once the
// rebuild has returned. A run that fails does not commit: what it noted
// is marked by the next Commit, as Keep's marks would be.
func (c *Cache) Note(key Key) {
	if c == nil || c.bad.Load() {
		return
	}
	if !c.later.Load() {
		c.Keep(key)
		return
	}
	k := shorten(key)
	sh := c.shard(k)
	sh.mu.Lock()
	sh.noted = append(sh.noted, k)
	if len(sh.noted) > len(sh.index)+maxNoted {
		// Runs that failed, one after the other, noted more than the
		// shard holds: marked now, the list is no longer than that.
		markNoted(sh)
	}
	sh.mu.Unlock()
}

// maxNoted is how many keys a shard's noted list holds beyond the
// entries of its index before they are marked.
const maxNoted = 1024

// markNoted marks the values of sh's noted keys as used, and empties the
// list. The caller holds sh.mu.
func markNoted(sh *shard) {
	for _, k := range sh.noted {
		use(sh, k)
	}
	sh.noted = sh.noted[:0]
}

// NoteLater has Note leave its marks to the next Commit (on) or make them
// at once, as Keep does (off, as an opened Cache does): for a run that
// returns before it commits (a rebuild under serve), not for a build
// that commits as it ends, which would only hold every key noted until
// then (millions at 100,000 posts).
func (c *Cache) NoteLater(on bool) {
	if c != nil {
		c.later.Store(on)
	}
}

// use marks the value of k as used, if sh, its shard, has it. The
// caller holds sh.mu.
func use(sh *shard, k short) bool {
	e, ok := sh.index[k]
	if ok && !e.used() {
		e.nUsed |= usedBit
		sh.index[k] = e
	}
	return ok
}

// Put stores value under key. A value that cannot be written is not an
// error for the caller: the cache only forgets it.
func (c *Cache) Put(key Key, value []byte) {
	if c == nil {
		return
	}
	k := shorten(key)
	sh := c.shard(k)
	sh.mu.Lock()
	had := use(sh, k)
	sh.mu.Unlock()
	if had || c.bad.Load() {
		return
	}
	// Appended, then indexed: a Read of the key meanwhile finds nothing,
	// and a Put of it meanwhile appends it again (the index keeps one;
	// the other is dropped at the next compaction). The locks are taken
	// in lockAll's order: the appends', then a shard's.
	head := make([]byte, 0, headerSize)
	head = append(head, magic...)
	head = append(head, key[:]...)
	head = binary.LittleEndian.AppendUint64(head, uint64(len(value)))
	head = append(head, checksum(value)...)
	c.wmu.Lock()
	if c.err != nil {
		c.wmu.Unlock()
		return
	}
	if _, err := c.w.Write(head); err != nil {
		c.fail(err)
		c.wmu.Unlock()
		return
	}
	if _, err := c.w.Write(value); err != nil {
		c.fail(err)
		c.wmu.Unlock()
		return
	}
	off := c.size + headerSize
	c.size += headerSize + int64(len(value))
	// Indexed before the appends' lock is let go: a Commit between the
	// two would write an index that ends after the record without it, or
	// compact the pack without it.
	sh.mu.Lock()
	sh.index[k] = entry{off: off, nUsed: uint64(len(value)) | usedBit}
	sh.mu.Unlock()
	c.wmu.Unlock()
}

// fail records the first write error. The caller holds c.wmu.
func (c *Cache) fail(err error) {
	if c.err == nil {
		c.err = err
		c.bad.Store(true)
	}
}

// Commit writes out what this run added and keeps only the values used
// since Open or the last Commit: the index lists just those, and the pack
// is rewritten without the others when they take more room than the
// values in use.
func (c *Cache) Commit() error {
	if c == nil {
		return nil
	}
	defer c.lockAll()()
	// Each shard on a core: every lock is held, and no two cores touch
	// one shard.
	par.Each(shardCount, func(i int) { markNoted(&c.shards[i]) })
	if err := c.w.Flush(); err != nil {
		c.fail(err)
	}
	if c.err != nil {
		return c.err
	}
	var lives [shardCount]int64
	par.Each(shardCount, func(i int) {
		var n int64
		index := c.shards[i].index
		for k, e := range index {
			if e.used() {
				n += headerSize + e.n()
			} else {
				delete(index, k)
			}
		}
		lives[i] = n
	})
	var live int64
	for _, n := range lives {
		live += n
	}
	if dead := c.size - live; dead > live && dead > 1<<20 {
		if err := c.compact(); err != nil {
			return err
		}
	}
	// The next run (a rebuild of build --watch) starts counting afresh.
	par.Each(shardCount, func(i int) {
		index := c.shards[i].index
		for k, e := range index {
			e.nUsed &^= usedBit
			index[k] = e
		}
	})
	return c.writeIndex()
}

// compact rewrites the pack with the records in the index alone.
func (c *Cache) compact() error {
	tmp, err := os.CreateTemp(c.dir, packFile+".new-*")
	if err != nil {
		return err
	}
	var off int64
	w := bufio.NewWriterSize(tmp, 1<<20)
	var indexes [shardCount]map[short]entry
	for i := range c.shards {
		indexes[i] = make(map[short]entry, len(c.shards[i].index))
		for k, e := range c.shards[i].index {
			b := make([]byte, headerSize+e.n())
			if _, err := c.pack.ReadAt(b, e.off-headerSize); err != nil {
				continue // unreadable: dropped
			}
			if _, err := w.Write(b); err != nil {
				tmp.Close()
				os.Remove(tmp.Name())
				return err
			}
			indexes[i][k] = newEntry(off+headerSize, e.n())
			off += headerSize + e.n()
		}
	}
	if err := errors.Join(w.Flush(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(c.dir, packFile)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	pack, err := os.OpenFile(filepath.Join(c.dir, packFile), os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	c.pack.Close()
	c.pack, c.size = pack, off
	for i := range c.shards {
		c.shards[i].index = indexes[i]
	}
	c.flush.Store(off)
	c.w = bufio.NewWriterSize(&offsetWriter{f: pack, off: &c.flush}, 1<<20)
	return nil
}

// writeIndex writes the index whole or not at all: indexMagic, the
// pack's end, each key's first half with its value's offset and length,
// and a SHA-256 of it all.
func (c *Cache) writeIndex() error {
	b := make([]byte, 0, len(indexMagic)+8+c.entries()*(len(short{})+16)+sha256.Size)
	b = append(b, indexMagic...)
	b = binary.LittleEndian.AppendUint64(b, uint64(c.size))
	for i := range c.shards {
		for k, e := range c.shards[i].index {
			b = append(b, k[:]...)
			b = binary.LittleEndian.AppendUint64(b, uint64(e.off))
			b = binary.LittleEndian.AppendUint64(b, uint64(e.n()))
		}
	}
	sum := sha256.Sum256(b)
	b = append(b, sum[:]...)
	tmp, err := os.CreateTemp(c.dir, indexFile+".new-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	if err := errors.Join(werr, tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(c.dir, indexFile))
}

// Close closes the pack without committing: what this run appended stays
// in the pack, for the next Open to find.
func (c *Cache) Close() error {
	if c == nil {
		return nil
	}
	defer c.lockAll()()
	return errors.Join(c.w.Flush(), c.pack.Close())
}

// offsetWriter appends to a file at off, advancing it once the bytes are
// in the file (Read reads what is below it without a lock).
type offsetWriter struct {
	f   *os.File
	off *atomic.Int64
}

func (w *offsetWriter) Write(p []byte) (int, error) {
	n, err := w.f.WriteAt(p, w.off.Load())
	w.off.Add(int64(n))
	return n, err
}

// KeepAll marks every value the cache holds as used in this run, so that
// Commit keeps them all: for a run that used what changed alone (a build
// after a body's edit, which takes the other pages as they were) and
// leaves the rest for the runs that need it.
func (c *Cache) KeepAll() {
	if c == nil {
		return
	}
	defer c.lockAll()()
	for i := range c.shards {
		index := c.shards[i].index
		for k, e := range index {
			if !e.used() {
				e.nUsed |= usedBit
				index[k] = e
			}
		}
	}
}
