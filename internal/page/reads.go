package page

import (
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
type Reads struct {
	mu    sync.Mutex
	files map[string][]string
}

// NewReads returns an empty record.
func NewReads() *Reads { return &Reads{files: map[string][]string{}} }

// Add records that the data of the page at file was made from the
// documents at paths.
func (r *Reads) Add(file string, paths ...string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files[file] = append(r.files[file], paths...)
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
	r.mu.Lock()
	defer r.mu.Unlock()
	if last == nil {
		return r.files
	}
	// last, with the pages made as recorded (a page made that read no
	// document has no reads), and nothing of a page not in jobs.
	in := 0
	for _, j := range jobs {
		if paths, made := r.files[j.File]; made {
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
