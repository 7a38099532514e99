package journal

import (
	"bytes"
	"errors"
	"reflect"
	"sync"
	"unsafe"
	"weak"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/par"
)

// Whether a journal's public view is another journal's, told without
// making it: a rebuild under serve or --watch after a contact or an event
// changed (the daily saves of the journal) neither makes the public view
// again nor renders the blog from it.
//
// The public view is made from the journal through Public alone, which
// reads of it the configuration, the options (the day, drafts), every
// post, the standalone pages, and, for each wikilink of a public body, what
// its target names (publicTarget). Two journals for which all of these are
// the same have the same public view.

// SamePublic reports whether Public would make of j the public view it
// made of prev (or prev took, TakePublic), which it did without error:
// j's configuration, options, posts and pages are prev's, field for
// field, and every wikilink target a public body of prev named names the
// same in j (publicTarget). A journal whose renderer lets bodies go
// (markdown.Renderer.Drops: a build that renders once) keeps no record,
// and is never the same.
func (j *Journal) SamePublic(prev *Journal) bool {
	if prev == nil || prev.md != j.md || j.md.Drops() || !prev.named.whole() {
		return false
	}
	if j.Opts.Drafts != prev.Opts.Drafts || j.Opts.Future != prev.Opts.Future ||
		!content.Day(j.Opts.Now).Equal(content.Day(prev.Opts.Now)) {
		return false
	}
	if !Same(j.Config, prev.Config) {
		return false
	}
	if !j.SamePosts(prev) || len(j.Pages) != len(prev.Pages) {
		return false
	}
	for i, p := range j.Pages {
		if !Same(p, prev.Pages[i]) {
			return false
		}
	}
	// Each name looked up in both journals, on every core.
	targets := prev.named.List()
	return par.All(len(targets), func(i int) bool {
		return j.publicTarget(targets[i]).same(prev.publicTarget(targets[i]))
	})
}

// SamePosts reports whether j's posts are prev's, in the same order,
// each field for field (Same), whatever their own place in memory.
// The answer is remembered for prev: the public view and the wiki both
// ask it of a rebuild.
func (j *Journal) SamePosts(prev *Journal) bool {
	j.samePosts.Lock()
	defer j.samePosts.Unlock()
	if j.samePosts.as.Value() != prev {
		j.samePosts.as, j.samePosts.same = weak.Make(prev), j.postsAre(prev)
	}
	return j.samePosts.same
}

func (j *Journal) postsAre(prev *Journal) bool {
	if len(j.Posts) != len(prev.Posts) {
		return false
	}
	// On every core, in runs of posts: a post's references to other
	// documents are each a miss of the CPU's caches.
	const run = 256
	samePost := sameOf(reflect.TypeFor[Post]())
	return par.All((len(j.Posts)+run-1)/run, func(k int) bool {
		for i := k * run; i < min(len(j.Posts), (k+1)*run); i++ {
			if !samePost(unsafe.Pointer(j.Posts[i]), unsafe.Pointer(prev.Posts[i]), 0) {
				return false
			}
		}
		return true
	})
}

// Same reports whether a and b, values of one type from two journals
// (a configuration, two posts), hold the same, as SamePublic compares
// them: field by field, and a reference to a document by the document's
// kind and path.
func Same[T any](a, b T) bool {
	return sameOf(reflect.TypeFor[T]())(unsafe.Pointer(&a), unsafe.Pointer(&b), 0)
}

// TakePublic has j keep, as its own, the record of prev's public view,
// which SamePublic found to be j's: the next journal is compared with j.
func (j *Journal) TakePublic(prev *Journal) {
	j.named.take(&prev.named)
}

// publicTarget is what a wikilink of a public body to target is made from
// (publicResolver, through resolve): what the target names, and of that
// document what a public body shows. Two journals with the same
// publicTarget for a target make every public wikilink to it alike.
type publicTarget struct {
	shown
	// notFound is the error of a target that names nothing: its hint is
	// the closest of every name, which two journals are not compared
	// by, so that such a target is never the same (same).
	notFound *NotFoundError
}

// shown is what a public body shows of a wikilink's target, comparable.
type shown struct {
	ambiguous string // the error of a target that names several documents
	kind      Kind
	slug      string
	title     string
	published bool // a post on the public site
	public    bool // a contact with a public block, whose URL and name follow
	url, name string
}

func (j *Journal) publicTarget(target string) publicTarget {
	n, err := j.Resolve(target)
	var nf *NotFoundError
	if errors.As(err, &nf) {
		return publicTarget{notFound: nf}
	}
	if err != nil {
		return publicTarget{shown: shown{ambiguous: err.Error()}}
	}
	t := publicTarget{shown: shown{kind: n.NodeKind()}}
	switch n := n.(type) {
	case *Post:
		t.slug, t.title, t.published = n.Slug(), n.Title(), n.Published(j.Opts)
	case *Contact:
		if p := n.Public; p != nil {
			t.public, t.url, t.name = true, p.URL, p.Name
		}
	}
	return t
}

func (t publicTarget) same(u publicTarget) bool {
	return t.notFound == nil && u.notFound == nil && t.shown == u.shown
}

// named is the set of wikilink targets the public bodies of a journal
// named (publicResolver): those of its public view, and of the bodies
// edited since (EditBodies) and previewed (PreviewPost). kept says the
// set is whole: every public body was resolved while it was kept, which
// a journal whose renderer lets bodies go (their HTML made later, for
// each page) is not.
type named struct {
	Names
	kept bool // guarded by Names.mu
}

func (s *named) whole() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.kept
}

func (s *named) take(from *named) {
	from.mu.Lock()
	targets, kept := from.m, from.kept
	from.m, from.kept = nil, false
	from.mu.Unlock()
	s.mu.Lock()
	s.m, s.kept = targets, kept
	s.mu.Unlock()
}

// Names is a set of names, safe for concurrent use: those wikilinks of
// bodies named, which a later build looks up again to compare.
type Names struct {
	mu sync.Mutex
	m  map[string]struct{}
}

// Add adds name.
func (s *Names) Add(name string) {
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string]struct{}{}
	}
	s.m[name] = struct{}{}
	s.mu.Unlock()
}

// List returns the names, in no order.
func (s *Names) List() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.m))
	for name := range s.m {
		out = append(out, name)
	}
	return out
}

// nodeTypes are the journal's documents: a reference to one, from a
// field of another, is the same as a reference to the document of the
// same kind at the same path in the other journal.
var nodeTypes = map[reflect.Type]bool{contactPtr: true, eventPtr: true, postPtr: true}

// same reports whether a and b, values of one type from two journals,
// hold the same: field by field, element by element, through pointers,
// but for a reference to a document (nodeTypes, or a Node), which is the
// same as one to the document at the same path. Fields of the sync
// packages' types (locks, and atomic values: caches made when first
// asked) are passed over, and so are fields tagged same:"-" (a cache
// made from the other fields). A func is the same only as nil. What is too
// deep to follow is not the same. Where it errs, it errs on the side of
// not the same (padding bytes, a lock behind a pointer): a page made
// again for nothing, never one kept that is not the same.
func same(a, b reflect.Value, depth int) bool {
	if depth > 64 {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.Pointer() == b.Pointer() {
			return true
		}
		if a.IsNil() || b.IsNil() {
			return false
		}
		if nodeTypes[a.Type()] {
			return sameNode(a, b)
		}
		return same(a.Elem(), b.Elem(), depth+1)
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		if a.Elem().Type() != b.Elem().Type() {
			return false
		}
		return same(a.Elem(), b.Elem(), depth+1)
	case reflect.Struct:
		p := planOf(a.Type())
		if p.flat && a.CanAddr() && b.CanAddr() {
			return sameBytes(a, b)
		}
		for _, i := range p.fields {
			if !same(a.Field(i), b.Field(i), depth+1) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return false
		}
		if a.Len() == 0 || a.Pointer() == b.Pointer() {
			return true
		}
		return sameElems(a, b, depth)
	case reflect.Array:
		if planOf(a.Type()).flat && a.CanAddr() && b.CanAddr() {
			return sameBytes(a, b)
		}
		return sameElems(a, b, depth)
	case reflect.Map:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return false
		}
		if a.Pointer() == b.Pointer() {
			return true
		}
		for it := a.MapRange(); it.Next(); {
			w := b.MapIndex(it.Key())
			if !w.IsValid() || !same(it.Value(), w, depth+1) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	case reflect.Complex64, reflect.Complex128:
		return a.Complex() == b.Complex()
	case reflect.Func:
		return a.IsNil() && b.IsNil()
	case reflect.Chan, reflect.UnsafePointer:
		return a.Pointer() == b.Pointer()
	}
	return false
}

// sameElems reports whether the elements of a and b, slices or arrays of
// one length, are the same each.
func sameElems(a, b reflect.Value, depth int) bool {
	for i := range a.Len() {
		if !same(a.Index(i), b.Index(i), depth+1) {
			return false
		}
	}
	return true
}

// sameBytes reports whether a and b, addressable values of a flat type
// (no pointer in it), hold the same bytes.
func sameBytes(a, b reflect.Value) bool {
	n := int(a.Type().Size())
	return bytes.Equal(unsafe.Slice((*byte)(unsafe.Pointer(a.UnsafeAddr())), n), unsafe.Slice((*byte)(unsafe.Pointer(b.UnsafeAddr())), n))
}

// plan is how same compares the values of a type, made once for it.
type plan struct {
	flat   bool  // it holds no pointer, string, slice, map, interface or func
	fields []int // of a struct, the fields compared: not the sync packages' types
}

var plans sync.Map // reflect.Type → *plan

func planOf(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	p := &plan{flat: flat(t)}
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			f := t.Field(i)
			// A field tagged same:"-" is made from the others when first
			// asked for (a cache): not compared, nor read while it may be
			// being made.
			if pkg := f.Type.PkgPath(); pkg != "sync" && pkg != "sync/atomic" && f.Tag.Get("same") != "-" {
				p.fields = append(p.fields, i)
			}
		}
	}
	plans.Store(t, p)
	return p
}

// flat reports whether values of t hold no pointer of any kind, nor
// anything of the sync packages: numbers, booleans, and arrays and
// structs of them.
func flat(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	case reflect.Array:
		return flat(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i).Type
			if pkg := f.PkgPath(); pkg == "sync" || pkg == "sync/atomic" || !flat(f) {
				return false
			}
		}
		return true
	}
	return false
}

// sameNode reports whether two references to documents (non-nil
// pointers of one of nodeTypes) are to the documents of the same kind at
// the same path.
//
// Two journals of one process mostly hold a document's file as loaded
// once (content.Cache): the same, it is at the same path, and its path is
// not read (every post refers to others, each a miss of the CPU's caches).
func sameNode(a, b reflect.Value) bool {
	return sameNodeAt(a.Type(), a.UnsafePointer(), b.UnsafePointer())
}

// sameNodeAt is sameNode for documents of type t at a and b.
func sameNodeAt(t reflect.Type, a, b unsafe.Pointer) bool {
	switch t {
	case contactPtr:
		x, y := (*Contact)(a), (*Contact)(b)
		return x.Contact == y.Contact || x.Path == y.Path
	case eventPtr:
		x, y := (*Event)(a), (*Event)(b)
		return x.Event == y.Event || x.Path == y.Path
	}
	x, y := (*Post)(a), (*Post)(b)
	return x.Post == y.Post || x.Path == y.Path
}
