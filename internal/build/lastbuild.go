package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
)

// A build in a new process after a body was edited (netjournal build,
// run again) makes only the pages that show that body, as a rebuild
// under serve does (bodiesEdited): the last build left in the cache's
// folder what it was made from (each document by its file's hash, the
// hash of its front matter as written, its body's line, and the sum of
// what its body gave the journal) and what each page read of bodies, with
// each page's key (page.Last). A document whose file changed but none of
// that but its body's text is a body edited; a page that read none of
// those is the page the last build made, taken by its key: the output
// that holds it keeps it unread, else it is made. Anything else changed,
// or a state that does not read back whole, and every page is made.

// lastBuildFile is the file of the cache's folder that keeps it.
const lastBuildFile = "lastbuild"

// lastBuild is what a build that renders once keeps for the next.
type lastBuild struct {
	Version        string
	Drafts, Future bool
	Origin         string
	Day            string
	Config         [sha256.Size]byte
	// Docs are the contacts, the events and the posts, in the site's
	// order; Pages the standalone pages, by their paths and hashes.
	Docs       [3][]docState
	Pages      []docState
	Blog, Wiki lastPages
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
	return docState{Path: d.Path, Hash: sha256.Sum256([]byte(d.Hash)), Head: sha256.Sum256([]byte(d.Head)), BodyLine: d.BodyLine}
}

// lastPages is page.Last as lastBuild keeps it: the documents each page
// read by their numbers in Docs (contacts, then events, then posts), the
// keys one after the other.
type lastPages struct {
	Theme     string
	Files     []string
	Templates []string
	Keys      []byte
	Reads     [][]int32
	Photos    map[string]string
}

// pagesOf is l as lastBuild keeps it, the documents numbered by number;
// ok is false if a page read a document number does not have, or what
// read something is not a page.
func pagesOf(l page.Last, number map[string]int32) (_ lastPages, ok bool) {
	for f := range l.Reads {
		if _, ok := l.Keys[f]; !ok {
			return lastPages{}, false
		}
	}
	p := lastPages{Theme: l.Theme, Photos: l.Photos}
	for _, f := range slices.Sorted(maps.Keys(l.Keys)) {
		m := l.Keys[f]
		p.Files = append(p.Files, f)
		p.Templates = append(p.Templates, m.Template)
		p.Keys = append(p.Keys, m.Key[:]...)
		reads := make([]int32, len(l.Reads[f]))
		for i, path := range l.Reads[f] {
			n, ok := number[path]
			if !ok {
				return lastPages{}, false
			}
			reads[i] = n
		}
		p.Reads = append(p.Reads, reads)
	}
	return p, true
}

// last is p as a page.Last, the documents numbered as in l.Docs; ok is
// false if p does not read back whole.
func (l *lastBuild) last(p lastPages) (_ page.Last, ok bool) {
	var paths []string
	for _, docs := range l.Docs {
		for _, d := range docs {
			paths = append(paths, d.Path)
		}
	}
	if len(p.Keys) != len(p.Files)*sha256.Size || len(p.Reads) != len(p.Files) || len(p.Templates) != len(p.Files) {
		return page.Last{}, false
	}
	out := page.Last{Theme: p.Theme, Photos: p.Photos,
		Keys: make(map[string]page.Made, len(p.Files)), Reads: make(map[string][]string, len(p.Files))}
	for i, f := range p.Files {
		out.Keys[f] = page.Made{Template: p.Templates[i], Key: page.Key(p.Keys[i*sha256.Size : (i+1)*sha256.Size])}
		reads := make([]string, len(p.Reads[i]))
		for k, n := range p.Reads[i] {
			if n < 0 || int(n) >= len(paths) {
				return page.Last{}, false
			}
			reads[k] = paths[n]
		}
		if len(reads) > 0 {
			out.Reads[f] = reads
		}
	}
	return out, true
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

// newLastBuild is what the build of site into j with opts leaves for the
// next, with what its blog and wiki left; nil when one of them kept
// nothing.
func newLastBuild(site *content.Site, j *journal.Journal, opts Options, blog, wiki page.Last) *lastBuild {
	v, err := version()
	if err != nil || blog.Reads == nil || wiki.Reads == nil || blog.Keys == nil || wiki.Keys == nil {
		return nil
	}
	l := &lastBuild{Version: v, Drafts: opts.Drafts, Future: opts.Future, Origin: opts.Origin,
		Day: content.Day(opts.Now).Format(time.DateOnly), Config: site.ConfigSum}
	number := map[string]int32{}
	for k, docs := range docsOf(site) {
		l.Docs[k] = make([]docState, len(docs))
		for i, d := range docs {
			facts, ok := j.FactsSum(d.Path)
			if !ok {
				return nil
			}
			l.Docs[k][i] = docStateOf(d)
			l.Docs[k][i].Facts = facts
			number[d.Path] = int32(len(number))
		}
	}
	for _, p := range site.Pages {
		l.Pages = append(l.Pages, docStateOf(&p.Doc))
	}
	var ok1, ok2 bool
	l.Blog, ok1 = pagesOf(blog, number)
	l.Wiki, ok2 = pagesOf(wiki, number)
	if !ok1 || !ok2 {
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
	for k, docs := range docsOf(site) {
		was := l.Docs[k]
		if len(was) != len(docs) {
			return nil
		}
		for i, d := range docs {
			w, is := was[i], docStateOf(d)
			switch {
			case w.Path != is.Path:
				return nil
			case w.Hash == is.Hash:
				continue
			case w.Head != is.Head || w.BodyLine != is.BodyLine:
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

// readLastBuild reads what the last build kept at p; nil if there is
// nothing, or what is there does not read back whole.
func readLastBuild(p string) *lastBuild {
	b, err := os.ReadFile(p)
	if err != nil || len(b) < sha256.Size {
		return nil
	}
	sum, body := b[:sha256.Size], b[sha256.Size:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return nil // torn, or not this program's
	}
	var l lastBuild
	if gob.NewDecoder(bytes.NewReader(body)).Decode(&l) != nil {
		return nil
	}
	return &l
}

// write keeps l at p, whole or not at all; nil l removes what is there.
// One that cannot be written costs the next build its speed.
func (l *lastBuild) write(p string) {
	if l == nil {
		os.Remove(p)
		return
	}
	var body bytes.Buffer
	if gob.NewEncoder(&body).Encode(l) != nil {
		os.Remove(p)
		return
	}
	sum := sha256.Sum256(body.Bytes())
	tmp, err := os.CreateTemp(filepath.Dir(p), lastBuildFile+".new-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(sum[:])
	if werr == nil {
		_, werr = tmp.Write(body.Bytes())
	}
	if err := tmp.Close(); werr != nil || err != nil {
		os.Remove(tmp.Name())
		return
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
	}
}
