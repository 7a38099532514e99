package page

import (
	"hash/maphash"
	"maps"
	"slices"
	"sync"
)

// Reads records what each page's data was made from, by the page's file:
// the documents (by their paths) whose change alone a render can be told
// of (the wiki's bodies, the blog's posts). The next render, told which of
// them changed (Mark), takes the pages that read none as they were
// (Job.Unchanged), and knows what those read from the record before
// (Done). A nil *Reads records nothing: for a render that no other
// follows. Its methods are safe for concurrent use.
//
// It is in shards by the page's file, each with its lock: every page of a
// render adds to it, on every core, and with one lock the cores took
// turns at it.
type Reads struct {
	shards [readShards]readShard
}

const readShards = 32

var readSeed = maphash.MakeSeed()

// readShard is a part of a record, padded to a cache line of its own.
type readShard struct {
	mu    sync.Mutex
	files map[string][]string
	_     [64]byte
}

// NewReads returns an empty record.
func NewReads() *Reads {
	r := &Reads{}
	for i := range r.shards {
		r.shards[i].files = map[string][]string{}
	}
	return r
}

// shard returns the shard that holds the reads of the page at file.
func (r *Reads) shard(file string) *readShard {
	return &r.shards[maphash.String(readSeed, file)%readShards]
}

// Add records that the data of the page at file was made from the
// documents at paths.
func (r *Reads) Add(file string, paths ...string) {
	if r == nil {
		return
	}
	sh := r.shard(file)
	sh.mu.Lock()
	sh.files[file] = append(sh.files[file], paths...)
	sh.mu.Unlock()
}

// Mark marks Unchanged the jobs of the pages that read none of the
// documents edited, as last (the render before's record, Done) says.
func Mark(jobs []Job, last map[string][]string, edited map[string]bool) {
	for i := range jobs {
		jobs[i].Unchanged = !slices.ContainsFunc(last[jobs[i].File], func(path string) bool { return edited[path] })
	}
}

// Done returns what the data of each page of jobs was made from, once
// they are rendered: what was recorded, and, for a page taken as it was
// (Unchanged and not made again), what last says it read then. last is
// the render's before, which it may change and return: a render after an
// edit takes all but a dozen of its pages, and made a map of every page's
// reads again (3 MB at 10,000 posts, at every rebuild).
func (r *Reads) Done(jobs []Job, last map[string][]string) map[string][]string {
	for i := range r.shards {
		r.shards[i].mu.Lock()
		defer r.shards[i].mu.Unlock()
	}
	if last == nil {
		n := 0
		for i := range r.shards {
			n += len(r.shards[i].files)
		}
		files := make(map[string][]string, n)
		for i := range r.shards {
			maps.Copy(files, r.shards[i].files)
		}
		return files
	}
	// last, with the pages made as recorded (a page made that read no
	// document has no reads), and nothing of a page not in jobs.
	in := 0
	for _, j := range jobs {
		if paths, made := r.shard(j.File).files[j.File]; made {
			last[j.File] = paths
		} else if !j.Unchanged {
			delete(last, j.File)
		}
		if _, ok := last[j.File]; ok {
			in++
		}
	}
	if in == len(last) {
		return last
	}
	out := make(map[string][]string, in)
	for _, j := range jobs {
		if paths, ok := last[j.File]; ok {
			out[j.File] = paths
		}
	}
	return out
}

// Last is what a render of a site's pages (the blog's, the wiki's) leaves
// for the next build in a new process, which is told which bodies alone
// were edited since: what each page's data read, the templates' fingerprint
// and each page's template and key (Cache.Keys). The wiki adds each
// contact's photo as its pages show it, and the key on the disk of each
// document's search entry, by the document's path.
type Last struct {
	Theme   string
	Reads   map[string][]string
	Keys    map[string]Made
	Photos  map[string]string
	Entries map[string]Key
}
