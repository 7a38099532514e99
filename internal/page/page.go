// Package page renders pages from plain data and caches each on exactly
// that data.
//
// A page is a template executed on a value computed in Go for that page:
// strings, numbers, booleans, times, template.HTML, and structs, slices,
// maps and pointers of them; no pointer into a journal, no func, no
// unexported field. Its bytes are then a function of the template set and
// the value alone, so its cache key is a hash of exactly those: a page
// whose data did not change is not rendered again, and one whose data did
// always is, whatever a theme's templates choose to show.
//
// (golang/website hands its templates a Page of plain fields; Hugo's fast
// render guessing what a template reads is the road not taken.)
package page

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"reflect"
	"slices"
	"sort"
	"sync"
	"time"
	"unsafe"

	"github.com/netjournal/netjournal/internal/digest"
	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/par"
)

// Job is one page to render: its output path, its template and its data.
type Job struct {
	File     string
	Template string
	Data     any
	// Make, when set, makes Data on the core that renders the page, just
	// before: what a page shows of a body (its HTML filled in for this
	// page) then exists while the page is made, not from when the first
	// page's data is made until the last page is written.
	Make func() any
	// Unchanged says the caller knows this page's data to be the data
	// of the page the Cache rendered at File the last time, with the
	// same template: it reads nothing that changed since (the wiki and
	// the blog record what each page's data reads of bodies and posts:
	// wiki.Options.Edited, blog.Cache.Render). That page is then taken
	// as it is, its data neither made nor compared; without one, the job
	// runs as any other.
	Unchanged bool
}

// Later is a part of a page's data made only if the page is executed:
// for a render that keeps nothing (Once), a body's HTML filled for every
// page only to find most pages unchanged was a third of an edited build.
// What Fill puts into the data must be a function of Key and the data
// alone, as a body's HTML is of its markdown.Later's Key.
type Later struct {
	Key  string
	Fill func()
}

// Deferred is what a Job's Make returns for data with parts made Later:
// Data is the data without them (their zero values), and the page is
// keyed on Data and each Later's Key. A page whose key is the one it had
// is not executed, and its parts are not made. A render that keeps its
// pages (not Once) fills them at once, and keys the page on what it shows.
type Deferred struct {
	Data  any
	Later []Later
}

// Filled returns the data that d is: a Deferred's with its parts made.
func Filled(d any) any {
	if d, ok := d.(Deferred); ok {
		fill(d.Later)
		return d.Data
	}
	return d
}

// Key identifies a page's bytes: the hash of the template set, the
// template's name and the data.
type Key [sha256.Size]byte

// KeyOf returns the key of a page. It fails on data that is not plain
// (a func, a channel, an unexported field, a cycle): such data could
// change what a page shows without changing its key.
func KeyOf(templates, name string, data any) (Key, error) {
	k, _, err := keyOf(templates, name, data, nil, nil)
	return k, err
}

// keyOf is KeyOf for data whose parts later fills. It also says about how
// many bytes the data holds (size), which a page that shows its data is
// seldom smaller than (see Cache.put).
func keyOf(templates, name string, data any, later []Later, sums *digest.Memo) (_ Key, size int64, _ error) {
	// A hash and its buffer are reused: a key is computed for every page
	// and every cached fragment, tens of thousands a build.
	w := hashers.Get().(*hasher)
	defer func() {
		w.sums = nil
		hashers.Put(w)
	}()
	w.h.Reset()
	w.buf, w.sums, w.n = w.buf[:0], sums, 0
	w.str(templates)
	w.str(name)
	if err := w.data(data); err != nil {
		return Key{}, 0, fmt.Errorf("page data of %s: %w", name, err)
	}
	w.int(int64(len(later)))
	for _, l := range later {
		w.str(l.Key)
	}
	w.flush()
	var k Key
	w.h.Sum(k[:0])
	return k, w.n, nil
}

var hashers = sync.Pool{New: func() any { return &hasher{h: sha256.New(), buf: make([]byte, 0, 8192)} }}

// bigString is the length from which a string is hashed on its own, and
// its digest, not its bytes, goes into a key: a post's HTML is in many
// pages' data, and is hashed once.
const bigString = 2048

// Executor executes one template on data.
type Executor func(w io.Writer, template string, data any) error

// Cache keeps the pages of the last render, by output path, with their
// keys. The zero Cache is empty and ready to use.
type Cache struct {
	// Disk, when set, keeps pages from one run to the next: a page not in
	// memory is looked for there by its key before it is executed.
	Disk *diskcache.Cache
	// Once, when set, keeps nothing in memory after a render: for a
	// build that renders once and streams its pages out, holding them
	// all until it ends would cost their every byte.
	Once bool

	// Keys, when set, has a render that keeps nothing (Once) remember
	// each page's key, by its file (Keys), and take a page Unchanged by
	// the key that Prev gives its file: a build in a new process, told
	// what the last build's pages were (the blog's and the wiki's state
	// kept on disk), neither makes nor hashes the pages that read none
	// of the bodies edited since. Prev's keys are the last Render's, with
	// the same template set.
	Keys bool
	Prev map[string]Made

	// KeepLater, when set, has a render in memory note the Disk's keys
	// of the pages it takes as they were, not keep them there one by one
	// as it goes: KeepNoted keeps them, once the render has returned
	// (20,000 keeps, each a lock and a miss of the CPU's caches, were
	// 7 ms of a rebuild after an edit at 10,000 posts).
	KeepLater bool
	noted     []diskcache.Key

	mu       sync.Mutex
	pages    map[string]cached
	keys     map[string]Made
	rendered int
	made     int
	sums     digest.Memo
}

// Made is a page as a Render made it: its template, and its key.
type Made struct {
	Template string
	Key      Key
}

// PageKeys returns each page of the last Render, by its file, when it
// remembered them (Cache.Keys); nil when it did not, or failed.
func (c *Cache) PageKeys() map[string]Made { return c.keys }

type cached struct {
	key       Key
	data      []byte
	templates string // the template set and template it was rendered with,
	template  string
	value     any // and its data: a page whose data equals it is this page
}

// Rendered is the number of pages whose templates the last Render executed.
func (c *Cache) Rendered() int { return c.rendered }

// Made is the number of pages whose data the last Render had: all but
// those taken as they were (Job.Unchanged).
func (c *Cache) Made() int { return c.made }

// KeepNoted keeps on the Disk the pages the last Render took or found
// the same, which KeepLater had it note.
func (c *Cache) KeepNoted() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range c.noted {
		if k != (diskcache.Key{}) {
			c.Disk.Keep(k)
		}
	}
	c.noted = nil
}

// A Sink takes each file of a site as it is made: its path and its bytes,
// which nothing will write to. It is called from many goroutines at once.
type Sink func(file string, data []byte) error

// Into is a Sink that keeps every file in m.
func Into(m map[string][]byte) Sink {
	var mu sync.Mutex
	return func(file string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		m[file] = data
		return nil
	}
}

// A KeyedSink takes a page by its key, which its bytes are a function of
// (KeyOf), and what returns its bytes, to be called only if they are
// needed: a page already written with that key need not be made again.
// The bytes are good until the sink returns: it copies what it keeps
// (they are made in a buffer that the next page is made in). data fails
// with ErrBig for a page too large to be made in memory, or whose data
// is (Cache.put): write then writes its bytes to a writer of the sink's,
// a part at a time.
type KeyedSink func(file string, key Key, data func() ([]byte, error), write func(io.Writer) error) error

// ErrBig is what a KeyedSink's data returns for a page of more than
// bigPage bytes, or whose data alone is more, which it does not make in
// memory.
var ErrBig = errors.New("page too large to be made in memory")

// bigPage is the size past which a page of a render that keeps nothing
// is not made in memory, nor a page whose data is larger. The wiki's
// list of posts, 64 MB at 100,000 posts, grew a buffer to 128 MB by
// doubling, and held it while the rest of the site was made; and at
// 8 MB, the tag pages of 100,000 posts (2 to 7 MB each, a hundred of
// them near the render's end) still grew buffers of megabytes by
// doubling, which the heap could not fit in the room freed by smaller
// pages: it grew by 700 MB more than its pages in use
// (runtime.MemStats.HeapSys 2.69 GB against 2.0 GB in use), and the
// process with it. At 512 KB a page past it is written to its file a
// part at a time, and the heap grew to 2.32 GB: the resident peak
// 2.41 GB against 2.54 and 2.69. A page whose data is smaller, but not
// the page, is begun in memory for nothing up to this size: of a site of
// 10,000 posts, none (its three larger pages have larger data).
const bigPage = 512 << 10

// capped writes to a buffer no more than bigPage bytes in all, failing
// with ErrBig past them.
type capped struct{ b *bytes.Buffer }

func (c capped) Write(p []byte) (int, error) {
	if c.b.Len()+len(p) > bigPage {
		return 0, ErrBig
	}
	return c.b.Write(p)
}

// WriteString is Write for a string, which a template prints its text
// and values with: without it, each was copied to a new slice first (2
// GB of a 100,000-post build's allocations).
func (c capped) WriteString(s string) (int, error) {
	if c.b.Len()+len(s) > bigPage {
		return 0, ErrBig
	}
	return c.b.WriteString(s)
}

// Site is where a render puts the files of a site: each is handed to a
// Sink as soon as it is made, and only its path is remembered. A file put
// again replaces the one before. Its methods are safe for concurrent use.
type Site struct {
	sink  Sink
	keyed KeyedSink // nil: pages go to sink
	from  FromSink  // nil: files written a part at a time go to sink
	first func(file string) bool
	mu    sync.Mutex
	files map[string]bool
}

// A FromSink takes a file by what writes its bytes, a part at a time, so
// that a file larger than any page (the wiki's search index) is never
// held whole.
type FromSink func(file string, write func(io.Writer) error) error

// RenderFirst makes a Cache render the pages whose files first names
// before the others (serve: the pages open in a browser, which it shows
// as soon as they are made).
func (s *Site) RenderFirst(first func(file string) bool) { s.first = first }

// NewSite returns a Site whose files go to sink.
func NewSite(sink Sink) *Site { return &Site{sink: sink, files: map[string]bool{}} }

// NewKeyedSite returns a Site whose files go to sink, whose pages
// rendered by a Cache that renders Once go to keyed, and whose files put
// a part at a time (PutFrom) go to from.
func NewKeyedSite(sink Sink, keyed KeyedSink, from FromSink) *Site {
	return &Site{sink: sink, keyed: keyed, from: from, files: map[string]bool{}}
}

// Put puts a file in the site.
func (s *Site) Put(file string, data []byte) error {
	s.add(file)
	return s.sink(file, data)
}

// PutFrom puts a file whose bytes write writes. Without a FromSink it
// is written to memory and put whole, and write is called twice: once to
// count the bytes, then to write them into a slice of that length, which
// the Sink keeps. (The search index, megabytes, grown by doubling in a
// buffer and then copied out, cost a server's every rebuild three times
// its length.) write must write the same bytes each time.
func (s *Site) PutFrom(file string, write func(w io.Writer) error) error {
	if s.from == nil {
		var n Counter
		if err := write(&n); err != nil {
			return err
		}
		b := bytes.NewBuffer(make([]byte, 0, int(n)))
		if err := write(b); err != nil {
			return err
		}
		return s.Put(file, b.Bytes())
	}
	s.add(file)
	return s.from(file, write)
}

// PutKeyedFrom is PutFrom for a file known by its key, which its bytes
// are a function of: a sink that has that file written with that key
// already keeps it, and write is not called. The key must say everything
// the bytes are made from, as a page's does (KeyOf). Without a KeyedSink,
// or with the zero key, it is PutFrom.
func (s *Site) PutKeyedFrom(file string, key Key, write func(w io.Writer) error) error {
	if s.keyed == nil || key == (Key{}) {
		return s.PutFrom(file, write)
	}
	s.add(file)
	return s.keyed(file, key, func() ([]byte, error) { return nil, ErrBig }, write)
}

// PutKeyed puts a file known by its key, whose bytes data returns: a
// sink that has that file with that key already keeps it, and data is
// not called. The key must say everything the bytes are made from, as a
// page's does (KeyOf). With the zero key, it is Put of data's bytes.
func (s *Site) PutKeyed(file string, key Key, data func() ([]byte, error)) error {
	if key == (Key{}) {
		b, err := data()
		if err != nil {
			return err
		}
		return s.Put(file, b)
	}
	return s.putKeyed(file, key, data, nil)
}

// Counter is a Writer that counts the bytes written to it.
type Counter int64

func (c *Counter) Write(p []byte) (int, error) {
	*c += Counter(len(p))
	return len(p), nil
}

// putKeyed puts a page known by its key.
func (s *Site) putKeyed(file string, key Key, data func() ([]byte, error), write func(io.Writer) error) error {
	if s.keyed == nil {
		b, err := data()
		if errors.Is(err, ErrBig) {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				return err
			}
			return s.Put(file, buf.Bytes())
		}
		if err != nil {
			return err
		}
		return s.Put(file, bytes.Clone(b)) // a Sink may keep them
	}
	s.add(file)
	return s.keyed(file, key, data, write)
}

// add remembers that the site has a file at path file.
func (s *Site) add(file string) {
	s.mu.Lock()
	s.files[file] = true
	s.mu.Unlock()
}

// Has reports whether the site has a file at path file.
func (s *Site) Has(file string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[file]
}

// Render renders the jobs, on every core, into out: a page whose key is
// the key of the page cached for its path is taken from the cache, the
// others are executed. Each page is put as soon as it is made. templates
// identifies the template set (its fingerprint). The cache then holds
// exactly these pages (none, if Once: then each job's Data is dropped
// once its page is put, and big strings' digests are not kept). A path
// given twice is an error, as is a template's or out's.
func (c *Cache) Render(templates string, jobs []Job, exec Executor, out *Site) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sums.Sweep()
	seen := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		if seen[j.File] {
			return fmt.Errorf("two pages would be written to %s", j.File)
		}
		seen[j.File] = true
	}
	// What each page made is kept, for the next render: those taken as
	// they were (most, after an edit) are the last render's already.
	var results []*cached
	if !c.Once {
		results = make([]*cached, len(jobs))
	}
	// With KeepLater, the key of each page taken or found the same.
	var notes []diskcache.Key
	c.noted = nil
	if c.KeepLater && c.Disk != nil && !c.Once {
		notes = make([]diskcache.Key, len(jobs))
	}
	var keys []Key // with Keys, each page's, in a render that keeps nothing
	if c.Once && c.Keys {
		keys = make([]Key, len(jobs))
	}
	c.keys = nil
	// The first page's error, in the jobs' order: every page runs, and the
	// error is the same each time.
	var errMu sync.Mutex
	errAt, firstErr := len(jobs), error(nil)
	fail := func(i int, err error) {
		errMu.Lock()
		defer errMu.Unlock()
		if i < errAt {
			errAt, firstErr = i, err
		}
	}
	executed := make([]bool, len(jobs))
	taken := make([]bool, len(jobs)) // Unchanged, from the cache
	var size func(string) int
	if c.pages != nil {
		size = func(file string) int { return len(c.pages[file].data) }
	}
	order := out.order(jobs, size)
	par.Each(len(jobs), func(k int) {
		i := order[k]
		var p cached
		var ran bool
		var err error
		j := jobs[i]
		if j.Unchanged && !c.Once {
			if p, ok := c.pages[j.File]; ok && p.templates == templates && p.template == j.Template {
				if notes != nil {
					notes[i] = diskcache.Key(p.key)
				} else {
					c.Disk.Keep(diskcache.Key(p.key))
				}
				taken[i] = true
				if err := out.Put(j.File, p.data); err != nil {
					fail(i, err)
				}
				return
			}
		}
		if j.Unchanged && keys != nil {
			if m, ok := c.Prev[j.File]; ok && m.Template == j.Template {
				keys[i], taken[i] = m.Key, true
				if executed[i], err = c.kept(j, m.Key, exec, out); err != nil {
					fail(i, err)
				}
				return
			}
		}
		if j.Make != nil {
			j.Data = j.Make()
		}
		var later []Later
		if d, ok := j.Data.(Deferred); ok {
			if c.Once {
				j.Data, later = d.Data, d.Later
			} else {
				j.Data = Filled(d)
			}
		}
		if c.Once {
			var key Key
			key, ran, err = c.lazy(templates, j, later, exec, out)
			if keys != nil {
				keys[i] = key
			}
			jobs[i].Data = nil // what it shows goes once no other page shows it
		} else if p, ran, err = c.one(templates, j, exec); err == nil {
			if notes != nil && !ran {
				notes[i] = diskcache.Key(p.key)
			}
			err = out.Put(j.File, p.data)
		}
		if err != nil {
			fail(i, err)
			return
		}
		executed[i] = ran
		if results != nil {
			made := p // on the heap for the pages made alone, not every page
			results[i] = &made
		}
	})
	c.noted = notes
	last := c.pages
	c.pages = nil // a failed render leaves nothing half-known
	c.rendered, c.made = 0, 0
	if firstErr != nil {
		return firstErr
	}
	for i := range jobs {
		if executed[i] {
			c.rendered++
		}
		if !taken[i] {
			c.made++
		}
	}
	if results != nil {
		c.pages = pagesOf(jobs, results, taken, c.made, last)
	}
	if keys != nil {
		c.keys = make(map[string]Made, len(jobs))
		for i, j := range jobs {
			c.keys[j.File] = Made{j.Template, keys[i]}
		}
	}
	return nil
}

// pagesOf returns the pages of jobs, by file: those taken (Unchanged) are
// last's, the others (made of them) results'. When last has the very
// files of jobs and most were taken, it is updated in place with the
// others: a render after an edit takes all but a dozen of 10,000 pages,
// and made a map of them all again (2 ms, and a few MB for the
// collector, at every rebuild).
func pagesOf(jobs []Job, results []*cached, taken []bool, made int, last map[string]cached) map[string]cached {
	if len(last) == len(jobs) && made <= len(jobs)/2 {
		same := true
		for i, j := range jobs {
			if _, ok := last[j.File]; !ok && !taken[i] {
				same = false
				break
			}
		}
		// Every file of jobs is one of last's, as many, and no two jobs
		// have one (Render checked): the same files.
		if same {
			for i, j := range jobs {
				if !taken[i] {
					last[j.File] = *results[i]
				}
			}
			return last
		}
	}
	pages := make(map[string]cached, len(jobs))
	for i, j := range jobs {
		if taken[i] {
			pages[j.File] = last[j.File]
		} else {
			pages[j.File] = *results[i]
		}
	}
	return pages
}

// kept puts the page of job j, taken Unchanged, by key, the key its page
// had in the last Render: the output that holds it keeps it unread. Else
// its data is made and the page executed (ran) as lazy does, but begun
// in memory whatever the size of its data, which is not hashed again;
// for a page whose data is truly the last Render's, that gives the bytes
// of key.
func (c *Cache) kept(j Job, key Key, exec Executor, out *Site) (ran bool, err error) {
	return c.put(j.File, j.Template, key, false, func() (any, []Later) {
		data := j.Data
		if j.Make != nil {
			data = j.Make()
		}
		if d, ok := data.(Deferred); ok {
			return d.Data, d.Later
		}
		return data, nil
	}, exec, out)
}

// order is the order to render jobs in: the site's first pages first;
// then the pages to be made, the largest first, as size (its size in the
// last render, 0 unknown) says; then those taken as they were
// (Unchanged), which cost little each. Pages of a size, or of unknown
// size, keep the jobs' order. A render after an edit makes a few pages
// and takes thousands: the list of every post, made again when one
// post's entry changed, was begun when the other core had taken the
// thousands of posts' pages before it, and ended the render alone.
func (s *Site) order(jobs []Job, size func(file string) int) []int {
	var first, made, taken []int
	for i, j := range jobs {
		switch {
		case s.first != nil && s.first(j.File):
			first = append(first, i)
		case j.Unchanged:
			taken = append(taken, i)
		default:
			made = append(made, i)
		}
	}
	if size != nil {
		type sized struct{ i, size int }
		bySize := make([]sized, len(made))
		for k, i := range made {
			bySize[k] = sized{i, size(jobs[i].File)}
		}
		slices.SortStableFunc(bySize, func(a, b sized) int { return b.size - a.size })
		for k, m := range bySize {
			made[k] = m.i
		}
	}
	return slices.Concat(first, made, taken)
}

// lazy puts the page of job j by its key, to be taken from the disk or
// executed (ran) only if out asks for its bytes. What it executes is not
// kept on the disk: the output it is written to keeps its pages by their
// keys (a KeyedSink), and a copy of the whole site in the cache cost a
// cold build a tenth of its time and the disk as much again as the site.
// A build whose output is gone renders its pages again.
func (c *Cache) lazy(templates string, j Job, later []Later, exec Executor, out *Site) (key Key, ran bool, err error) {
	// No digest memo: it would hold every big string of every page until
	// the end, and a build that renders once hashes each about once.
	key, size, err := keyOf(templates, j.Template, j.Data, later, nil)
	if err != nil {
		return key, false, err
	}
	ran, err = c.put(j.File, j.Template, key, size > bigPage, func() (any, []Later) { return j.Data, later }, exec, out)
	return key, ran, err
}

// put puts the page of file by key into out, to be taken from the disk
// or executed (ran) on the data that made gives, its Later parts filled,
// only if out asks for its bytes. The page is made in a pooled buffer and
// handed over from there: a keyed sink copies what it keeps (KeyedSink),
// so a copy of every page of the site (a build's largest allocation) is
// not made for it. A page whose data is past bigPage (big) is not begun
// in memory: it is written to the sink's writer a part at a time, at
// once, rather than made up to bigPage first and begun again (the
// lists of 100,000 posts, a hundred pages, were 1.2 s of CPU begun for
// nothing).
func (c *Cache) put(file, template string, key Key, big bool, made func() (any, []Later), exec Executor, out *Site) (ran bool, err error) {
	var data any
	var once sync.Once
	ready := func() {
		once.Do(func() {
			var later []Later
			data, later = made()
			fill(later)
		})
	}
	var buf *bytes.Buffer
	defer func() {
		if buf != nil {
			release(buf)
		}
	}()
	err = out.putKeyed(file, key, func() ([]byte, error) {
		if b, ok := c.Disk.Get(diskcache.Key(key)); ok {
			return b, nil
		}
		if big {
			return nil, ErrBig
		}
		ready()
		buf = buffers.Get().(*bytes.Buffer)
		if err := exec(capped{buf}, template, data); err != nil {
			if errors.Is(err, ErrBig) {
				// Written by the sink with write: the part made here
				// goes now, not once the page is written.
				release(buf)
				buf = nil
				return nil, ErrBig
			}
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		ran = true
		return buf.Bytes(), nil
	}, func(w io.Writer) error {
		ready()
		if err := exec(w, template, data); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		ran = true
		return nil
	})
	// A page the cache holds (serve's, rendered for the same data) stays.
	c.Disk.Keep(diskcache.Key(key))
	return ran, err
}

// fill makes the parts of a page's data that later makes.
func fill(later []Later) {
	for _, l := range later {
		l.Fill()
	}
}

// one returns the page of job j: the cached one when its data is the
// same, or the disk's with its key, or else executed (ran).
func (c *Cache) one(templates string, j Job, exec Executor) (p cached, ran bool, err error) {
	// The same data as last time is the same page, without hashing it:
	// comparing finds most strings the very same memory at once.
	last, ok := c.pages[j.File]
	same := ok && last.templates == templates && last.template == j.Template
	if same && Equal(last.value, j.Data) {
		if !c.KeepLater { // else Render notes it
			c.Disk.Keep(diskcache.Key(last.key))
		}
		last.value = j.Data
		return last, false, nil
	}
	var key Key
	var b []byte
	if same {
		// A page of the last render whose data changed (an edit's) is
		// seldom on the disk as it is now: it is executed while its key
		// is hashed, on another core, not after. At 10,000 posts the
		// archive's key, made again when one post's entry changed, was
		// 5 ms before its execution, at the end of the render. (An edit
		// undone executes the page where the disk had it; a theme
		// switched back finds its pages there, as before.)
		keyed := make(chan error, 1)
		go func() {
			var err error
			key, _, err = keyOf(templates, j.Template, j.Data, nil, &c.sums)
			keyed <- err
		}()
		b, err = executeSized(exec, j.Template, j.Data, len(last.data))
		if kerr := <-keyed; kerr != nil {
			return cached{}, false, kerr
		}
	} else {
		if key, _, err = keyOf(templates, j.Template, j.Data, nil, &c.sums); err != nil {
			return cached{}, false, err
		}
		if b, ok := c.Disk.Get(diskcache.Key(key)); ok {
			return cached{key, b, templates, j.Template, j.Data}, false, nil
		}
		b, err = executeSized(exec, j.Template, j.Data, len(last.data))
	}
	if err != nil {
		return cached{}, false, fmt.Errorf("%s: %w", j.File, err)
	}
	c.Disk.Put(diskcache.Key(key), b)
	return cached{key, b, templates, j.Template, j.Data}, true, nil
}

// buffers are what templates execute into. A page grown in a buffer of
// its own was copied at every doubling, and kept up to twice its length
// until the build ended (a tenth of a cold build's memory); a pooled
// buffer has grown once, and the page is copied out at its length.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooled is the largest buffer put back: one grown by a page of every
// post (the wiki's list of posts: 64 MB at 100,000 posts) would be kept,
// one for each core, across the next two collections, for pages a
// thousandth of its size. A page that large is rare, and grows its own.
const maxPooled = 1 << 20

// release puts b back in buffers, unless it grew larger than maxPooled.
func release(b *bytes.Buffer) {
	if b.Cap() > maxPooled {
		return
	}
	b.Reset()
	buffers.Put(b)
}

// execute returns the output of template on data, in a slice of its own
// length that nothing else holds.
func execute(exec Executor, template string, data any) ([]byte, error) {
	return executeSized(exec, template, data, 0)
}

// executeSized is execute for a page that was last about was bytes long
// (0: not known). One larger than maxPooled is made in a buffer of its
// own, of that size and an eighth more, and handed over as it is: the
// archive of 10,000 posts (2.5 MB), made again after an edit that
// changed one post's entry, grew a buffer by doubling (twice its size in
// garbage) and was copied out of it, its every rebuild.
func executeSized(exec Executor, template string, data any, was int) ([]byte, error) {
	if was > maxPooled {
		b := bytes.NewBuffer(make([]byte, 0, was+was/8))
		if err := exec(b, template, data); err != nil {
			return nil, err
		}
		if b.Len() < was/2 {
			// Much shorter than it was: not held in twice its room.
			return bytes.Clone(b.Bytes()), nil
		}
		return b.Bytes(), nil
	}
	b := buffers.Get().(*bytes.Buffer)
	defer release(b)
	if err := exec(b, template, data); err != nil {
		return nil, err
	}
	return bytes.Clone(b.Bytes()), nil
}

// Equal reports whether two page data values are the same for a template:
// the same key, without computing one. It walks them as the key does (see
// hasher): exported fields, the instant and zone of a time, the elements
// of slices and maps, what pointers and interfaces hold.
func Equal(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	t := reflect.TypeOf(a)
	if reflect.TypeOf(b) != t {
		return false
	}
	if t.Kind() == reflect.Pointer {
		// Page data is mostly a pointer: compared where it points.
		pa, pb := reflect.ValueOf(a).UnsafePointer(), reflect.ValueOf(b).UnsafePointer()
		return eqOf(t)(unsafe.Pointer(&pa), unsafe.Pointer(&pb), 0)
	}
	if t.Size() > unsafe.Sizeof(uintptr(0)) {
		// A value larger than a word is held by its interface through
		// a pointer to it (as reflect's ifaceIndir knows): compared
		// there, not copied twice first (a search entry, compared on
		// every rebuild for every document).
		return eqOf(t)(efaceData(&a), efaceData(&b), 0)
	}
	va, vb := reflect.New(t), reflect.New(t)
	va.Elem().Set(reflect.ValueOf(a))
	vb.Elem().Set(reflect.ValueOf(b))
	return eqOf(t)(va.UnsafePointer(), vb.UnsafePointer(), 0)
}

// efaceData is the data word of the interface at p.
func efaceData(p *any) unsafe.Pointer { return (*[2]unsafe.Pointer)(unsafe.Pointer(p))[1] }

func equal(a, b reflect.Value, depth int) bool {
	if depth > maxDepth || a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		if a.Kind() == reflect.Pointer && a.Pointer() == b.Pointer() {
			return true
		}
		return equal(a.Elem(), b.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		if a.Kind() == reflect.Slice && (a.Len() == 0 || a.Index(0).Addr().Pointer() == b.Index(0).Addr().Pointer()) {
			return true // the very same elements
		}
		for i := range a.Len() {
			if !equal(a.Index(i), b.Index(i), depth+1) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() || !equal(a.MapIndex(k), bv, depth+1) {
				return false
			}
		}
		return true
	case reflect.Struct:
		if a.Type() == timeType {
			// The same wall clock, monotonic reading and zone: the same
			// time to print. Times that differ only in how they were made
			// are taken as different, and are hashed instead.
			return a.Equal(b)
		}
		t := a.Type()
		if !allExported(t) {
			return false // not plain data: never the same page
		}
		for i := range t.NumField() {
			if !equal(a.Field(i), b.Field(i), depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// exported remembers, by struct type, whether all its fields are
// exported: asking reflect for each field on every comparison cost a
// sixth of an edit's page comparisons.
var exported sync.Map // reflect.Type → bool

func allExported(t reflect.Type) bool {
	if v, ok := exported.Load(t); ok {
		return v.(bool)
	}
	all := true
	for i := range t.NumField() {
		all = all && t.Field(i).IsExported()
	}
	exported.Store(t, all)
	return all
}

// hasher writes a value's every byte that a template can see to a hash,
// each part with its length or kind, so that no two different values
// write the same bytes.
type hasher struct {
	h    hash.Hash
	buf  []byte       // small writes, gathered: a call to the hash per field costs
	sums *digest.Memo // digests of big strings; nil computes them
	n    int64        // the bytes of the value: those written, and each big string's
}

func (w *hasher) flush() {
	w.h.Write(w.buf)
	w.n += int64(len(w.buf))
	w.buf = w.buf[:0]
}

// time writes what a template can print of a time: the instant, and
// the zone it is shown in. The instant is written as its seconds and
// nanoseconds, not formatted: every entry of every list has a date or
// two, and formatting each was a tenth of hashing a page.
func (w *hasher) time(t time.Time) {
	name, offset := t.Zone()
	w.int(t.Unix())
	w.int(int64(t.Nanosecond()))
	w.str(name)
	w.int(int64(offset))
}

// maxDepth bounds the nesting of page data: deeper is taken for a cycle.
const maxDepth = 64

var timeType = reflect.TypeFor[time.Time]()

func (w *hasher) int(n int64) {
	w.buf = binary.AppendVarint(w.buf, n)
	if len(w.buf) >= cap(w.buf)-binary.MaxVarintLen64 {
		w.flush()
	}
}

// str writes a string: its length, then its bytes, or, from bigString
// bytes on, their digest (the length says which).
func (w *hasher) str(s string) {
	w.int(int64(len(s)))
	if len(s) >= bigString {
		sum := w.sums.Of(s)
		w.buf = append(w.buf, sum[:]...)
		w.n += int64(len(s))
	} else {
		w.buf = append(w.buf, s...)
	}
	if len(w.buf) >= cap(w.buf)-bigString {
		w.flush()
	}
}

func (w *hasher) value(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("nested more than %d deep: a cycle?", maxDepth)
	}
	if !v.IsValid() {
		w.int(-1)
		return nil
	}
	w.int(int64(v.Kind()))
	switch v.Kind() {
	case reflect.String:
		w.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			w.int(1)
		} else {
			w.int(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.int(int64(v.Uint()))
	case reflect.Float32, reflect.Float64:
		w.int(int64(math.Float64bits(v.Float())))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			w.int(0)
			return nil
		}
		w.int(1)
		if v.Kind() == reflect.Interface {
			w.str(v.Elem().Type().String())
		}
		return w.value(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		w.int(int64(v.Len()))
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			w.str(string(v.Bytes()))
			return nil
		}
		for i := range v.Len() {
			if err := w.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(a, b int) bool { return fmt.Sprint(keys[a]) < fmt.Sprint(keys[b]) })
		w.int(int64(len(keys)))
		for _, k := range keys {
			if err := w.value(k, depth+1); err != nil {
				return err
			}
			if err := w.value(v.MapIndex(k), depth+1); err != nil {
				return err
			}
		}
	case reflect.Struct:
		if v.Type() == timeType {
			w.time(v.Interface().(time.Time))
			return nil
		}
		t := v.Type()
		w.str(t.String())
		if !allExported(t) {
			for i := range t.NumField() {
				if !t.Field(i).IsExported() {
					return fmt.Errorf("%s has the unexported field %s, which the key would not see", t, t.Field(i).Name)
				}
			}
		}
		for i := range t.NumField() {
			if err := w.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%s is not plain data", v.Type())
	}
	return nil
}
