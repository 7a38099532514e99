package build

import (
	"crypto/sha256"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/fileid"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/par"
)

// A build in a new process after a body was edited (netjournal build,
// run again) makes only the pages that show that body, as a rebuild
// under serve does (bodiesEdited): the last build left in the cache's
// folder what it was made from (each document by its file's hash, the
// hash of its front matter as written, its body's line, and the sum of
// what its body gave the journal) and what each page read of bodies, with
// each page's template and key, and the key of each document's search
// entry on the disk (page.Last). A document whose file changed
// but none of that but its body's text is a body edited; a page that read
// none of those is the page the last build made, taken by its key: the
// output that holds it keeps it unread, else it is made; so is the search
// entry of a document not edited. Anything else
// changed, or a state that does not read back whole, and every page is
// made.

// lastBuildFile is the file of the cache's folder that keeps it.
const lastBuildFile = "lastbuild"

const lastBuildMagic = "netjournal last build 3\n"

// lastBuild is what a build that renders once keeps for the next.
type lastBuild struct {
	Version        string
	Drafts, Future bool
	Origin         string
	Day            string
	Config         [sha256.Size]byte
	// Docs are the contacts, the events and the posts, in the site's
	// order; Pages the standalone pages.
	Docs       [3][]docState
	Pages      []docState
	Blog, Wiki page.Last
	// Known is what it read of each document's file (content.Cache.Known)
	// long enough after the file last changed to know it by its size,
	// times and inode.
	Known map[string]content.Known
	// Edits counts the builds of edited bodies in a row that led to it
	// (maxEdits).
	Edits int
}

// docState is a document as lastBuild keeps it: its file's hash and its
// front matter's, each hashed again into a sum of its own.
type docState struct {
	Path       string
	Hash, Head [sha256.Size]byte
	BodyLine   int
	Facts      [sha256.Size]byte // markdown.Facts.Sum of its body
}

func docStateOf(d *content.Doc) docState {
	return docState{Path: d.Path, Hash: d.Hash, Head: d.Head, BodyLine: d.BodyLine}
}

// docsOf are a site's documents by kind, as lastBuild keeps them.
func docsOf(site *content.Site) [3][]*content.Doc {
	var docs [3][]*content.Doc
	for _, c := range site.Contacts {
		docs[0] = append(docs[0], &c.Doc)
	}
	for _, e := range site.Events {
		docs[1] = append(docs[1], &e.Doc)
	}
	for _, p := range site.Posts {
		docs[2] = append(docs[2], &p.Doc)
	}
	return docs
}

var errNoLast = errors.New("nothing to keep for the next build")

// stageLastBuild writes beside p what the build of site into j with opts,
// its blog and its wiki leave for the next build, edits being the builds
// of edited bodies in a row that led to it, a record at a time, while the
// build goes on. keep(true), once the build succeeds, puts it at p; or,
// when one of them kept nothing or it could not be written, leaves
// nothing at p. keep(false), for a build that fails after all, leaves p
// as it was.
func stageLastBuild(p string, site *content.Site, j *journal.Journal, opts Options, blog, wiki page.Last, known map[string]content.Known, edits int) (keep func(ok bool)) {
	gone := func(ok bool) {
		if ok {
			os.Remove(p)
		}
	}
	v, err := version()
	if err != nil || blog.Reads == nil || wiki.Reads == nil || blog.Keys == nil || wiki.Keys == nil {
		return gone
	}
	staged, err := stageRecords(p, lastBuildMagic, func(e *recordWriter) error {
		e.str(v)
		e.flag(opts.Drafts)
		e.flag(opts.Future)
		e.str(opts.Origin)
		e.str(content.Day(opts.Now).Format(time.DateOnly))
		e.bytes(site.ConfigSum[:])
		e.uvarint(edits)
		number := map[string]int{}
		doc := func(d *content.Doc) {
			s := docStateOf(d)
			e.str(s.Path)
			e.bytes(s.Hash[:])
			e.bytes(s.Head[:])
			e.uvarint(s.BodyLine)
		}
		for _, docs := range docsOf(site) {
			e.uvarint(len(docs))
			for _, d := range docs {
				facts, ok := j.FactsSum(d.Path)
				if !ok {
					return errNoLast
				}
				doc(d)
				e.bytes(facts[:])
				k, ok := known[d.Path]
				e.flag(ok)
				if ok {
					e.i64(k.Size)
					e.i64(k.Mtime)
					e.i64(k.Ctime)
					e.u64(k.Ino)
					e.bytes(k.Sum[:])
				}
				e.end()
				number[d.Path] = len(number)
			}
		}
		e.uvarint(len(site.Pages))
		for _, pg := range site.Pages {
			doc(&pg.Doc)
			e.end()
		}
		for _, l := range []page.Last{blog, wiki} {
			for f := range l.Reads {
				if _, ok := l.Keys[f]; !ok {
					return errNoLast // what read bodies is not a page
				}
			}
			e.str(l.Theme)
			e.uvarint(len(l.Photos))
			for _, c := range slices.Sorted(maps.Keys(l.Photos)) {
				e.str(c)
				e.str(l.Photos[c])
			}
			e.uvarint(len(l.Keys))
			for _, f := range slices.Sorted(maps.Keys(l.Keys)) {
				m := l.Keys[f]
				e.str(f)
				e.str(m.Template)
				e.bytes(m.Key[:])
				reads := l.Reads[f]
				e.uvarint(len(reads))
				for _, path := range reads {
					n, ok := number[path]
					if !ok {
						return errNoLast
					}
					e.uvarint(n)
				}
				e.end()
			}
			e.uvarint(len(l.Entries))
			for _, path := range slices.Sorted(maps.Keys(l.Entries)) {
				n, ok := number[path]
				if !ok {
					return errNoLast
				}
				k := l.Entries[path]
				e.uvarint(n)
				e.bytes(k[:])
				e.end()
			}
		}
		return nil
	})
	if err != nil {
		return gone
	}
	return func(ok bool) {
		if staged(ok) != nil && ok {
			os.Remove(p) // the record of a build before: not this one's
		}
	}
}

// ahead is a read of the last build's record begun before the build
// needs it (Builder.ReadAhead): the record, and the identity of the file
// it was read from, which the build finds still the file's before it
// takes it.
type ahead struct {
	done chan struct{}
	path string
	id   fileid.ID
	last *lastBuild
}

// ReadAhead begins reading what the last build of the site kept for the
// next (its record in the site's cache) on another core, while the
// build does what it does first (SumInputs, UpToDate): the next render
// to use the cache takes it, if that file is the one read still, or
// reads the file then. (Its decoding was 20 ms of an edited build at
// 10,000 posts, with a core to spare.)
func (b *Builder) ReadAhead(site string) {
	a := &ahead{done: make(chan struct{})}
	b.ahead = a
	go func() {
		defer close(a.done)
		v, err := versionIn(site)
		if err != nil {
			return
		}
		a.path = filepath.Join(site, filepath.FromSlash(CacheDir), v, lastBuildFile)
		// The identity and the bytes of one open file, written more than
		// a file system's tick ago.
		f, err := os.Open(a.path)
		if err != nil {
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return
		}
		id := fileid.Of(info)
		if id.ChangedSince(time.Now().Add(-racyWindow).UnixNano()) {
			return
		}
		b, err := io.ReadAll(f)
		if err != nil {
			return
		}
		a.id, a.last = id, parseLastBuild(b)
	}()
}

// take returns the record at p: the one read ahead if it was read from
// that file, the file's still (its change time and inode the same: a
// record is written anew and renamed into place), else read now.
func (a *ahead) take(p string) *lastBuild {
	if a == nil {
		return readLastBuild(p)
	}
	<-a.done
	if a.last != nil && a.id.Ctime != 0 && filepath.Clean(a.path) == filepath.Clean(p) {
		if info, err := os.Stat(p); err == nil && fileid.Of(info) == a.id {
			return a.last
		}
	}
	return readLastBuild(p)
}

// readLastBuild reads what the last build kept at p; nil if there is
// nothing, or what is there does not read back whole.
func readLastBuild(p string) *lastBuild {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	return parseLastBuild(b)
}

// parseLastBuild reads the bytes of a last build's record; nil if they
// are not one.
func parseLastBuild(b []byte) *lastBuild {
	d := readRecords(b, lastBuildMagic)
	if d == nil {
		return nil
	}
	l := &lastBuild{Version: d.str(), Drafts: d.flag(), Future: d.flag(), Origin: d.str(), Day: d.str(), Config: d.sum(), Edits: d.number()}
	doc := func() docState { return docState{Path: d.str(), Hash: d.sum(), Head: d.sum(), BodyLine: d.number()} }
	var paths []string
	l.Known = map[string]content.Known{}
	for k := range l.Docs {
		for n := d.uvarint(); n > 0 && d.ok; n-- {
			s := doc()
			s.Facts = d.sum()
			if d.flag() {
				id := fileid.ID{Size: d.i64(), Mtime: d.i64(), Ctime: d.i64(), Ino: d.u64()}
				l.Known[s.Path] = content.Known{ID: id, Sum: d.sum()}
			}
			l.Docs[k] = append(l.Docs[k], s)
			paths = append(paths, s.Path)
		}
	}
	for n := d.uvarint(); n > 0 && d.ok; n-- {
		l.Pages = append(l.Pages, doc())
	}
	for _, last := range []*page.Last{&l.Blog, &l.Wiki} {
		last.Theme = d.str()
		last.Photos = map[string]string{}
		for n := d.uvarint(); n > 0 && d.ok; n-- {
			c := d.str()
			last.Photos[c] = d.str()
		}
		n := d.uvarint()
		last.Keys, last.Reads = make(map[string]page.Made, n), make(map[string][]string, n)
		for ; n > 0 && d.ok; n-- {
			f := d.str()
			last.Keys[f] = page.Made{Template: d.str(), Key: d.sum()}
			reads := make([]string, d.uvarint())
			for i := range reads {
				k := d.number()
				if k >= len(paths) {
					return nil
				}
				reads[i] = paths[k]
			}
			if len(reads) > 0 {
				last.Reads[f] = reads
			}
		}
		n = d.uvarint()
		last.Entries = make(map[string]page.Key, n)
		for ; n > 0 && d.ok; n-- {
			k := d.number()
			if k >= len(paths) {
				return nil
			}
			last.Entries[paths[k]] = d.sum()
		}
	}
	if !d.done() {
		return nil
	}
	return l
}

// edited returns the paths of the documents of site whose bodies alone
// changed since the build l describes, as bodiesEdited does for a render
// in the same process: nil when anything else may have.
func (l *lastBuild) edited(site *content.Site, opts Options, md *markdown.Renderer) map[string]bool {
	v, err := version()
	if l == nil || err != nil || l.Version != v || l.Drafts != opts.Drafts || l.Future != opts.Future ||
		l.Origin != opts.Origin || l.Day != content.Day(opts.Now).Format(time.DateOnly) || l.Config != site.ConfigSum {
		return nil
	}
	edited := map[string]bool{}
	all := docsOf(site)
	// Each document's sum hashed on every core (10,000 posts: 6 ms on
	// one), its head's only where its sum changed.
	var sums [3][][sha256.Size]byte
	for k, docs := range all {
		sums[k] = make([][sha256.Size]byte, len(docs))
		par.Each(len(docs), func(i int) { sums[k][i] = docs[i].Hash })
	}
	for k, docs := range all {
		was := l.Docs[k]
		if len(was) != len(docs) {
			return nil
		}
		for i, d := range docs {
			w := was[i]
			switch {
			case w.Path != d.Path:
				return nil
			case w.Hash == sums[k][i]:
				continue
			case w.Head != d.Head || w.BodyLine != d.BodyLine:
				return nil
			}
			// A body with a control character, before or after, is
			// read for its lines (journal.bodies): the sum has it.
			facts := md.Facts(markdown.Text(d.Body))
			if facts.Control || facts.Sum() != w.Facts {
				return nil
			}
			edited[d.Path] = true
		}
	}
	if len(l.Pages) != len(site.Pages) {
		return nil
	}
	for i, p := range site.Pages {
		if is := docStateOf(&p.Doc); l.Pages[i].Path != is.Path || l.Pages[i].Hash != is.Hash {
			return nil
		}
	}
	return edited
}
