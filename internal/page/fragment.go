package page

import (
	"crypto/sha256"
	"hash/maphash"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/netjournal/netjournal/internal/diskcache"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/recent"
)

// Fragments remembers the output of templates executed for a part of a
// page, such as one entry of a list, keyed as pages are: on the template
// set, the template's name and a hash of the data. A list page whose data
// changed in one entry (a post's reading time, on every tag page it is
// on) is executed again, but its other entries are not; and an entry
// shown on several pages (the home page, its tags) is executed once.
//
// A fragment is executed on its own, in the context a template starts
// in: HTML text. Its output is what the same template would write in
// place anywhere in HTML text, such as inside an <li>.
//
// A fragment's data, as a page's (Cache), is not changed once given:
// what Execute was given is compared with what it is given next, and a
// slice changed in place between the two would be found the same.
//
// It keeps what was used since the last Sweep and in the one before. The
// zero Fragments is ready to use; its methods are safe for concurrent use.
type Fragments struct {
	// Disk, when set, keeps fragments from one run to the next, by their
	// keys: a build in a new process after one post is edited executes
	// the archive's entry of that post alone, not the 10,000 others
	// (a tenth of its CPU, at the end of its render).
	Disk *diskcache.Cache
	// Bounded, when set with Disk, holds at most fragmentBudget bytes of
	// fragments in memory; the others are read back from Disk when asked
	// for again. It is for a build that renders once: its fragments are
	// only reused within it, and held whole they were the growth of its
	// memory that nothing bounded (the blog's every list entry, 100 MB at
	// 100,000 posts).
	Bounded bool
	// KeepLater, when set with Disk, has a render in memory note the
	// Disk's keys of the fragments it takes as they were, not keep them
	// there one by one as it goes: KeepNoted keeps them, once the render
	// has returned (as Cache.KeepLater does for pages). The archive of
	// 10,000 posts takes 10,000 of them, each a lock and a miss of the
	// CPU's caches in the Disk's index.
	KeepLater bool

	notedMu sync.Mutex
	noted   []diskcache.Key

	held    atomic.Int64 // bytes of fragments put in written since the last Clear
	written recent.Map[Key, template.HTML]
	seen    recent.Map[uint64, *seenInput]
}

// seenInput is an input of a fragment, kept with its key and output. A
// list's entries are executed on every page that lists them (a post on
// the home page, its tags' pages and the archive), and, after an edit,
// on every list page made again: each time a copy of the same entry,
// whose strings and slices are the very same memory. Found by that
// memory (memoryOf) and compared (Equal, which finds such strings equal
// at once), its key is not hashed again: the archive of 10,000 posts,
// made again when one post's number of words changed, spent half its
// time hashing its entries. A Bounded Fragments keeps none: its build
// renders once, and they would be memory (every entry's copy) held to
// its end.
type seenInput struct {
	templates, name string
	within, data    any
	key             Key
	onDisk          diskcache.Key // key.fragmentOnDisk(), with a Disk
	out             template.HTML
}

// seed is the seed of the hashes by which seen finds its inputs.
var seed = maphash.MakeSeed()

// memoryOf hashes the fragment name of templates and the memory of data:
// the addresses and lengths of its strings and slices, not what they
// hold. It finds a copy of an input seen before, and is no more than a
// hint: Equal says whether it is that input. ok is false for data that
// is not a copy of a value: nil, a pointer (a side bar's page, made for
// each page: never the same memory twice), or a value of a word or less,
// which is cheap to hash.
func memoryOf(templates, name string, data any) (id uint64, ok bool) {
	t := reflect.TypeOf(data)
	if t == nil || t.Kind() == reflect.Pointer || t.Size() <= unsafe.Sizeof(uintptr(0)) {
		return 0, false
	}
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteString(templates)
	h.WriteString(name)
	maphash.WriteComparable(&h, t)
	// Held by the interface through a pointer to it (reflect's
	// ifaceIndir): its bytes there.
	h.Write(unsafe.Slice((*byte)(efaceData(&data)), t.Size()))
	return h.Sum64(), true
}

// fragmentBudget is what a Bounded Fragments holds in memory: every
// fragment of a site of 10,000 posts (10 MB), well before its disk is
// read back again and again.
const fragmentBudget = 32 << 20

// fragmentOnDisk is where the fragment of key is kept on the disk.
func (key Key) fragmentOnDisk() diskcache.Key {
	return diskcache.Key(sha256.Sum256(append([]byte("fragment\x00"), key[:]...)))
}

// fragment is what a fragment's key is the hash of: beside its data, what
// else the template set's functions read (a site's URLs, today), which a
// page's data holds and a fragment's data may not.
type fragment struct {
	Within any
	Data   any
}

// Execute returns the output of the template name of the set templates
// (its fingerprint) on data, executing it only when not remembered.
// within is what the set's functions read besides their arguments. Both
// must be plain, as a page's data.
func (f *Fragments) Execute(templates, name string, within, data any, exec Executor) (template.HTML, error) {
	id, memo := uint64(0), false
	if !f.Bounded {
		id, memo = memoryOf(templates, name, data)
	}
	if !memo {
		key, err := KeyOf(templates, name, fragment{within, data})
		if err != nil {
			return "", err
		}
		return f.byKey(key, onDisk(f.Disk, key), name, data, exec)
	}
	if s, ok := f.seen.Get(id); ok && s.templates == templates && s.name == name && Equal(s.within, within) && Equal(s.data, data) {
		f.keep(s.onDisk)
		return s.out, nil
	}
	key, err := KeyOf(templates, name, fragment{within, data})
	if err != nil {
		return "", err
	}
	dk := onDisk(f.Disk, key)
	out, err := f.byKey(key, dk, name, data, exec)
	if err != nil {
		return "", err
	}
	f.seen.Put(id, &seenInput{templates, name, within, data, key, dk, out})
	return out, nil
}

// onDisk is where the fragment of key is kept on d, if d is not nil.
func onDisk(d *diskcache.Cache, key Key) diskcache.Key {
	if d == nil {
		return diskcache.Key{}
	}
	return key.fragmentOnDisk()
}

// byKey returns the output of the fragment of key (kept on the disk at
// dk), name and data, executing it only when not remembered.
func (f *Fragments) byKey(key Key, dk diskcache.Key, name string, data any, exec Executor) (template.HTML, error) {
	if out, ok := f.written.Get(key); ok {
		f.keep(dk)
		return out, nil
	}
	if b, ok := f.Disk.Get(dk); ok {
		out := template.HTML(unsafe.String(unsafe.SliceData(b), len(b))) // Get makes b for its caller
		f.remember(key, out)
		return out, nil
	}
	b, err := execute(exec, name, data)
	if err != nil {
		return "", err
	}
	out := template.HTML(unsafe.String(unsafe.SliceData(b), len(b))) // nothing else holds b
	f.remember(key, out)
	f.Disk.Put(dk, b) // which writes b, not keeps it
	return out, nil
}

// keep keeps the fragment at dk on the Disk, or notes it for KeepNoted.
func (f *Fragments) keep(dk diskcache.Key) {
	if f.Disk == nil {
		return
	}
	if !f.KeepLater {
		f.Disk.Keep(dk)
		return
	}
	f.notedMu.Lock()
	f.noted = append(f.noted, dk)
	f.notedMu.Unlock()
}

// KeepNoted keeps on the Disk the fragments taken since the last
// KeepNoted or ForgetNoted, which KeepLater had it note.
func (f *Fragments) KeepNoted() {
	f.notedMu.Lock()
	noted := f.noted
	f.noted = nil
	f.notedMu.Unlock()
	for _, dk := range noted {
		f.Disk.Keep(dk)
	}
}

// ForgetNoted forgets what KeepLater noted: for a render that begins
// after one that failed, whose fragments are not to be kept for it.
func (f *Fragments) ForgetNoted() {
	f.notedMu.Lock()
	f.noted = nil
	f.notedMu.Unlock()
}

// remember keeps out in memory as the fragment of key, unless f is
// Bounded, has its budget's worth, and can find out on its disk again.
func (f *Fragments) remember(key Key, out template.HTML) {
	if f.Bounded && f.Disk != nil && f.held.Add(int64(len(out))) > fragmentBudget {
		return
	}
	f.written.Put(key, out)
}

// Sweep forgets what was not used since the Sweep before.
func (f *Fragments) Sweep() {
	f.written.Sweep()
	f.seen.Sweep()
}

// Clear forgets everything: for a build that renders once, whose pages
// are all made, the fragments are only memory (every list entry of the
// blog, 100 MB at 100,000 posts) held while the rest of the build runs.
func (f *Fragments) Clear() {
	f.written.Clear()
	f.seen.Clear()
	f.held.Store(0)
}

// Len is the number of fragments remembered.
func (f *Fragments) Len() int { return f.written.Len() }
