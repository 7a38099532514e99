package diskcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func key(s string) Key { return sha256.Sum256([]byte(s)) }

func open(t *testing.T, dir string) *Cache {
	t.Helper()
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func has(t *testing.T, c *Cache, k, want string) {
	t.Helper()
	got, ok := c.Get(key(k))
	if !ok || string(got) != want {
		t.Errorf("Get(%s) = %q, %v; want %q", k, got, ok, want)
	}
}

func lacks(t *testing.T, c *Cache, k string) {
	t.Helper()
	if got, ok := c.Get(key(k)); ok {
		t.Errorf("Get(%s) = %q, want nothing", k, got)
	}
}

// TestKeepsAcrossRuns: a value put and committed is there in the next run;
// one not used in a run is gone after it.
func TestKeepsAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	c.Put(key("a"), []byte("apple"))
	c.Put(key("b"), []byte("banana"))
	has(t, c, "a", "apple") // read back in the same run, before a commit
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	c.Close()

	c = open(t, dir)
	has(t, c, "a", "apple")
	c.Put(key("c"), []byte("cherry"))
	if err := c.Commit(); err != nil { // b was not used: pruned
		t.Fatal(err)
	}
	c.Close()

	c = open(t, dir)
	has(t, c, "a", "apple")
	has(t, c, "c", "cherry")
	lacks(t, c, "b")
	c.Close() // no commit: the run before's index stands

	// A value kept, not read, stays, and one neither is gone; Keep says
	// which the cache holds.
	c = open(t, dir)
	if kc, kb := c.Keep(key("c")), c.Keep(key("b")); !kc || kb {
		t.Errorf("Keep of c, held, and of b, pruned: %v, %v; want true, false", kc, kb)
	}
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = open(t, dir)
	defer c.Close()
	has(t, c, "c", "cherry")
	lacks(t, c, "a")
}

// TestKilledRun: values put by a run that never committed (killed) are
// found by the next, up to the record that was torn.
func TestKilledRun(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	c.Put(key("a"), []byte("apple"))
	c.Commit()
	c.Put(key("b"), []byte("banana"))
	c.Put(key("c"), []byte("cherry"))
	c.Close() // no commit: as a kill after the appends were written
	// A kill in the middle of the last record.
	pack := filepath.Join(dir, packFile)
	info, _ := os.Stat(pack)
	if err := os.Truncate(pack, info.Size()-3); err != nil {
		t.Fatal(err)
	}
	c = open(t, dir)
	defer c.Close()
	has(t, c, "a", "apple")
	has(t, c, "b", "banana")
	lacks(t, c, "c")
	// The torn tail is cut, and appends go on from there.
	c.Put(key("d"), []byte("date"))
	has(t, c, "d", "date")
}

// TestDamage: a changed byte in a value, or an index that does not add
// up, never gives a wrong value.
func TestDamage(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	c.Put(key("a"), []byte("apple"))
	c.Put(key("b"), []byte("banana"))
	c.Commit()
	c.Close()
	pack := filepath.Join(dir, packFile)
	b, _ := os.ReadFile(pack)
	i := len(b) - 1 // the last byte of "banana"
	b[i] ^= 0xff
	os.WriteFile(pack, b, 0o600)
	c = open(t, dir)
	has(t, c, "a", "apple")
	lacks(t, c, "b")
	c.Close()

	os.WriteFile(filepath.Join(dir, indexFile), []byte("njc1 not an index"), 0o600)
	c = open(t, dir)
	defer c.Close()
	has(t, c, "a", "apple") // found by a scan of the pack
}

// TestIndexOutOfThePack: an index whose sum is right but whose entry
// points past the records it ends at is not used: the pack is scanned,
// and every value read is the one put, whichever core read the entry.
func TestIndexOutOfThePack(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	want := map[string]string{}
	for i := range 200 {
		name := fmt.Sprint("k", i)
		want[name] = strings.Repeat(name, i%7+1)
		c.Put(key(name), []byte(want[name]))
	}
	c.Commit()
	c.Close()
	b, err := os.ReadFile(filepath.Join(dir, indexFile))
	if err != nil {
		t.Fatal(err)
	}
	body := b[:len(b)-sha256.Size]
	// The last entry's length, past the end.
	rec := body[len(body)-16-len(short{}):]
	binary.LittleEndian.PutUint64(rec[len(short{})+8:], 1<<40)
	sum := sha256.Sum256(body)
	os.WriteFile(filepath.Join(dir, indexFile), append(body, sum[:]...), 0o600)
	c = open(t, dir)
	defer c.Close()
	for name, value := range want {
		has(t, c, name, value)
	}
	if c.Len() != len(want) {
		t.Errorf("%d values, want %d", c.Len(), len(want))
	}
}

// TestCompacts: the pack is rewritten once unused values take more room
// than used ones, so it never grows without bound.
func TestCompacts(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 1<<20)
	for run := range 6 {
		c := open(t, dir)
		c.Put(key(fmt.Sprint(run)), append(big[:len(big):len(big)], byte(run)))
		if err := c.Commit(); err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	info, err := os.Stat(filepath.Join(dir, packFile))
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() > 3<<20 {
		t.Errorf("the pack holds %d bytes for one value of 1 MB in use", info.Size())
	}
	c := open(t, dir)
	defer c.Close()
	if got, ok := c.Get(key("5")); !ok || len(got) != len(big)+1 || got[len(big)] != 5 {
		t.Errorf("the last value is lost: %v", ok)
	}
}

// TestPrunesWhatARunDidNotUse: in one open cache committed run after run
// (build --watch), a commit keeps the values that run read, kept or put,
// and forgets the others, though an earlier run used them.
func TestPrunesWhatARunDidNotUse(t *testing.T) {
	for _, later := range []bool{false, true} {
		t.Run(fmt.Sprintf("NoteLater(%v)", later), func(t *testing.T) { prunesWhatARunDidNotUse(t, later) })
	}
}

func prunesWhatARunDidNotUse(t *testing.T, later bool) {
	dir := t.TempDir()
	c := open(t, dir)
	c.NoteLater(later)
	for _, k := range []string{"read", "kept", "noted", "put again", "unused"} {
		c.Put(key(k), []byte(k))
	}
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(key("read")); !ok {
		t.Fatal("a value put in the first run is gone")
	}
	c.Keep(key("kept"))
	c.Note(key("noted"))
	c.Note(key("never put")) // nothing to keep: nothing happens
	c.Put(key("put again"), []byte("put again"))
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = open(t, dir)
	c.NoteLater(later)
	if c.Has(key("unused")) {
		t.Error("a value the second run did not use is kept")
	}
	for _, k := range []string{"read", "kept", "noted", "put again"} {
		if !c.Has(key(k)) {
			t.Errorf("%q, used by the second run, is gone", k)
		}
	}
	// What a run noted is its own: the next run, in the same process,
	// keeps it only if it notes it again.
	c.Keep(key("read"))
	c.Keep(key("kept"))
	c.Keep(key("put again"))
	c.Note(key("noted"))
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	c.Keep(key("read"))
	c.Keep(key("kept"))
	c.Keep(key("put again"))
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	if c.Has(key("noted")) {
		t.Error("a value noted two runs before outlived a run that did not use it")
	}
	// A run that uses nothing keeps nothing, though the run before used it.
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = open(t, dir)
	defer c.Close()
	for _, k := range []string{"read", "kept", "noted", "put again"} {
		if c.Has(key(k)) {
			t.Errorf("%q outlived a run that did not use it", k)
		}
	}
}

// TestNotesOfRunsThatFail: runs that note and never commit (rebuilds
// that fail, one after the other) hold no more noted keys than a bound
// beyond the index's entries, and what they noted is kept by the next
// Commit.
func TestNotesOfRunsThatFail(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	defer c.Close()
	for i := range 10 {
		c.Put(key(fmt.Sprint(i)), []byte{byte(i)})
	}
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	c.NoteLater(true)
	for range 100 * maxNoted {
		c.Note(key("3"))
	}
	noted := 0
	for i := range c.shards {
		noted += len(c.shards[i].noted)
	}
	if limit := shardCount*maxNoted + c.Len(); noted > limit {
		t.Errorf("%d keys noted are held, more than %d", noted, limit)
	}
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	if !c.Has(key("3")) || c.Has(key("4")) {
		t.Errorf("after the commit: the value noted kept %v, one not noted kept %v", c.Has(key("3")), c.Has(key("4")))
	}
}

// TestConcurrent: puts, gets, keeps, notes and looks from many goroutines, with
// values large enough that the pack's buffer is written out while others
// read; what they put is all there after a commit, in the next run.
func TestConcurrent(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	value := func(k string) []byte {
		if len(k)%5 == 0 {
			return bytes.Repeat([]byte(k), 300<<10/len(k)) // a third of the buffer
		}
		return []byte(k)
	}
	c.NoteLater(true)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				k := fmt.Sprintf("%d-%d", g, i)
				c.Put(key(k), value(k))
				if v, ok := c.Get(key(k)); !ok || !bytes.Equal(v, value(k)) {
					t.Errorf("Get(%s) = %d bytes, %v", k, len(v), ok)
				}
				other := fmt.Sprintf("%d-%d", (g+1)%8, i)
				c.Keep(key(other))
				c.Note(key(other))
				c.Has(key(other))
			}
		})
	}
	wg.Wait()
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = open(t, dir)
	defer c.Close()
	if n := c.Len(); n != 8*200 {
		t.Errorf("the next run holds %d values, want %d", n, 8*200)
	}
	for g := range 8 {
		for i := range 200 {
			k := fmt.Sprintf("%d-%d", g, i)
			if v, ok := c.Get(key(k)); !ok || !bytes.Equal(v, value(k)) {
				t.Errorf("next run: Get(%s) = %d bytes, %v", k, len(v), ok)
			}
		}
	}
}

// TestBusy: a second process, or a second Open, goes without.
func TestBusy(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	defer c.Close()
	if _, err := Open(dir); err != ErrBusy {
		t.Errorf("a second Open: %v, want ErrBusy", err)
	}
	var none *Cache
	none.Put(key("a"), []byte("x"))
	if _, ok := none.Get(key("a")); ok {
		t.Error("a nil cache holds something")
	}
}

// FuzzOpen: whatever the pack and the index hold (a kill, a bad disk,
// someone's editor), Open does not fail or panic, and Get returns only a
// value that was put under its key.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	c, _ := Open(dir)
	c.Put(key("a"), []byte("apple"))
	c.Commit()
	c.Close()
	pack, _ := os.ReadFile(filepath.Join(dir, packFile))
	index, _ := os.ReadFile(filepath.Join(dir, indexFile))
	f.Add(pack, index)
	f.Add(pack[:len(pack)-2], index)
	f.Add([]byte{}, index)
	f.Fuzz(func(t *testing.T, pack, index []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, packFile), pack, 0o600)
		os.WriteFile(filepath.Join(dir, indexFile), index, 0o600)
		c, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if v, ok := c.Get(key("a")); ok && string(v) != "apple" {
			t.Fatalf("Get(a) = %q", v)
		}
		c.Put(key("b"), []byte("banana"))
		if v, ok := c.Get(key("b")); !ok || string(v) != "banana" {
			t.Fatalf("Get(b) after Put = %q, %v", v, ok)
		}
		if err := c.Commit(); err != nil {
			t.Fatal(err)
		}
	})
}

// TestDamageAnywhere: whichever byte of the pack or index is damaged, and
// however, a value read is the value put, or nothing.
func TestDamageAnywhere(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	c.Put(key("a"), []byte("apple"))
	c.Put(key("b"), []byte("banana split"))
	c.Commit()
	c.Close()
	want := map[string]string{"a": "apple", "b": "banana split"}
	for _, file := range []string{packFile, indexFile} {
		orig, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		for i := range orig {
			for _, flip := range []byte{0x01, 0x80, 0xff} {
				b := append([]byte(nil), orig...)
				b[i] ^= flip
				os.WriteFile(filepath.Join(dir, file), b, 0o600)
				c := open(t, dir)
				for name, value := range want {
					if got, ok := c.Get(key(name)); ok && string(got) != value {
						t.Fatalf("%s byte %d ^ %#x: %s reads %q, want %q or nothing", file, i, flip, name, got, value)
					}
				}
				c.Close()
			}
		}
		os.WriteFile(filepath.Join(dir, file), orig, 0o600)
	}
}

// TestHalfKeys: the index knows a key by its first half, but two keys
// that share it are never taken one for the other, in the run that put
// the value or after a commit (a scan of the pack, or the index read).
func TestHalfKeys(t *testing.T) {
	a := key("a")
	b := a
	b[keySize-1] ^= 1 // the same first half
	dir := t.TempDir()
	c := open(t, dir)
	c.Put(a, []byte("apple"))
	c.Put(b, []byte("banana")) // the index has a's half: not stored
	for run := range 3 {
		if got, ok := c.Get(b); ok {
			t.Errorf("run %d: Get(b) = %q, want nothing: it is a's value", run, got)
		}
		if got, ok := c.Get(a); !ok || string(got) != "apple" {
			t.Errorf("run %d: Get(a) = %q, %v; want apple", run, got, ok)
		}
		switch run {
		case 0:
			c.Close() // not committed: the next Open scans the pack
		case 1:
			if err := c.Commit(); err != nil {
				t.Fatal(err)
			}
			c.Close() // committed: the next Open reads the index
		}
		if run < 2 {
			c = open(t, dir)
		}
	}
	c.Close()
}

// TestRead: values read into one buffer are each whole, the buffer grown
// for a longer one and used again for a shorter.
func TestRead(t *testing.T) {
	c := open(t, t.TempDir())
	defer c.Close()
	long := strings.Repeat("banana ", 100)
	c.Put(key("a"), []byte("apple"))
	c.Put(key("b"), []byte(long))
	var buf []byte
	for _, tc := range []struct{ k, want string }{{"a", "apple"}, {"b", long}, {"a", "apple"}} {
		got, ok := c.Read(&buf, key(tc.k))
		if !ok || string(got) != tc.want {
			t.Fatalf("Read(%s) = %q, %v; want %q", tc.k, got, ok, tc.want)
		}
		if &got[:cap(got)][cap(got)-1] != &buf[:cap(buf)][cap(buf)-1] {
			t.Errorf("Read(%s) is not in the buffer", tc.k)
		}
	}
	if got, ok := c.Read(&buf, key("c")); ok {
		t.Errorf("Read(c) = %q, want nothing", got)
	}
}

// TestPutWhileCommitting: values put while another goroutine commits
// (and compacts) are each either readable or not there at all: never an
// entry that says the cache holds a value it cannot read.
func TestPutWhileCommitting(t *testing.T) {
	c := open(t, t.TempDir())
	defer c.Close()
	value := bytes.Repeat([]byte("v"), 8<<10)
	var wg sync.WaitGroup
	var done atomic.Bool
	for g := range 4 {
		wg.Go(func() {
			for i := range 300 {
				c.Put(key(fmt.Sprintf("%d-%d", g, i)), value)
			}
		})
	}
	go func() { wg.Wait(); done.Store(true) }()
	for !done.Load() {
		if err := c.Commit(); err != nil {
			t.Fatal(err)
		}
		for g := range 4 {
			for i := range 300 {
				k := key(fmt.Sprintf("%d-%d", g, i))
				if c.Has(k) {
					if v, ok := c.Get(k); !ok || !bytes.Equal(v, value) {
						t.Fatalf("%d-%d: the cache says it holds it, and reads %d bytes, %v", g, i, len(v), ok)
					}
				}
			}
		}
	}
}

// BenchmarkOpen times opening a cache of 90,000 values, the size of a
// site of 10,000 posts': every build in a new process opens it first.
func BenchmarkOpen(b *testing.B) {
	dir := b.TempDir()
	c, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 90000 {
		c.Put(Key(sha256.Sum256(fmt.Appendf(nil, "value %d", i))), []byte("v"))
	}
	if err := c.Commit(); err != nil {
		b.Fatal(err)
	}
	c.Close()
	b.ReportAllocs()
	for b.Loop() {
		c, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
}
