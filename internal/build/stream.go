package build

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/netjournal/netjournal/internal/fileid"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/par"
)

// A Stream writes output folders as a build renders them, each file as
// soon as it is made, so that no build holds a whole site in memory. It
// keeps Write's promises (Write is a Stream): every folder is written in
// full under WorkDir beside its target, and only a Commit after the last
// file replaces the targets, all of them or, if it fails, none. Until
// then the output folders are untouched; Close without a Commit keeps
// what was staged as the spare, for the next build to stage in.
//
// A Stream holds the site's lock from Begin to Close.
type Stream struct {
	ctx    context.Context
	site   string
	unlock func()
	plan   *record
	outs   []Output
	stages []*stager

	mu        sync.RWMutex // puts hold it to read; Close, to end them
	closed    bool
	opening   sync.Once
	openErr   error
	staged    bool // the staging is recorded: Close removes it
	committed bool // the swap has begun: Close leaves it to finish
	killed    bool // a test's step hook stopped it: leave all as a kill would
	// settled waits for the stagings' finish that Settle began, and
	// returns each one's error; nil until then.
	settled func() []error
	// manifests waits for the manifests of each output's spare and of
	// the output, read from Begin on (readManifests).
	manifests func() []manifests
}

// manifests are what a staging starts from: the manifest of the spare it
// stages in, and the output's, which it links unchanged files from.
type manifests struct{ spare, output manifest }

// readManifests reads the manifests of each of steps on another core,
// from Begin to the first file put, while the build reads and renders:
// they have a line for every file of a site, and the first put waited
// for them (20 to 30 ms of an edited build at 10,000 posts). The lock is
// held from Begin on: no other build changes them in between.
func readManifests(steps []swapStep) func() []manifests {
	done := make(chan []manifests, 1)
	go func() {
		m := make([]manifests, len(steps))
		par.Each(len(steps), func(i int) {
			m[i] = manifests{readManifest(spareManifestPath(steps[i])), readManifest(manifestPath(steps[i]))}
		})
		done <- m
	}()
	return sync.OnceValue(func() []manifests { return <-done })
}

// errClosed is what a put says once its Stream is closed.
var errClosed = errors.New("the output is closed")

// Begin locks the site and starts staging outs (their Files are not
// read: files come through Put). A killed build's swap is finished first.
func Begin(ctx context.Context, site string, outs ...Output) (*Stream, error) {
	unlock, err := lock(ctx, site)
	if err != nil {
		return nil, err
	}
	s := &Stream{ctx: ctx, site: site, unlock: unlock, plan: &record{}, outs: outs}
	if err := s.begin(); err != nil {
		s.Close()
		return nil, err
	}
	s.manifests = readManifests(s.plan.Outputs)
	return s, nil
}

func (s *Stream) begin() error {
	if err := recoverSwap(s.site); err != nil {
		return err
	}
	var errs []error
	for _, o := range s.outs {
		if err := replaceable(o.Dir); err != nil {
			return err
		}
		abs, err := filepath.Abs(o.Dir)
		if err != nil {
			return err
		}
		step := stepFor(abs)
		if err := foreignFiles(o, step); err != nil {
			errs = append(errs, err)
		}
		s.plan.Outputs = append(s.plan.Outputs, step)
	}
	return errors.Join(errs...)
}

// foreignFiles refuses an output folder that holds at its top what the
// last build did not write there, as its manifest says (a CNAME, the .git
// of a gh-pages worktree, notes put there): the build replaces the folder
// whole, and the next would remove them from its spare. Without a
// manifest to tell by (a WorkDir removed), the check is made at the
// build's end, against what it made (foreignAtTop).
func foreignFiles(o Output, step swapStep) error {
	data, err := os.ReadFile(manifestPath(step))
	if err != nil {
		return nil
	}
	wrote, ok := topNames(data)
	if !ok {
		return nil
	}
	entries, err := os.ReadDir(o.Dir)
	if err != nil {
		return nil // none: nothing to lose
	}
	var names []string
	for _, e := range entries {
		if !wrote[e.Name()] {
			names = append(names, filepath.ToSlash(filepath.Join(o.Dir, e.Name())))
		}
	}
	if len(names) == 0 {
		return nil
	}
	return &ForeignError{Dir: o.Dir, Names: names, Public: !o.Private}
}

// ForeignError is an output folder that holds files netjournal did not
// write, which a build would lose (foreignFiles).
type ForeignError struct {
	Dir    string
	Names  []string // as the folder's path and a name at its top, sorted
	Public bool     // the blog's folder, whose files static/ gives
	// Unlisted: no manifest says what netjournal wrote there (the WorkDir
	// removed); Names are what this build does not make.
	Unlisted bool
	// Spare, when set: Names are files below the folder's top, relative
	// to it, that went with it into its spare, this folder, when the last
	// build replaced it.
	Spare string
}

func (e *ForeignError) Error() string {
	hint := "move them away"
	if e.Public {
		hint += ", or put what the site should publish in static/"
		for _, n := range e.Names {
			if n := path.Base(n); !strings.HasPrefix(n, ".") {
				hint += fmt.Sprintf(" (static/%s)", n)
				break
			}
		}
	}
	if e.Spare != "" {
		return fmt.Sprintf("refusing to replace %s: netjournal did not write %s, which were in it when the last build replaced it and are kept in %s: move them back, or away (a build replaces the folder whole)", e.Dir, strings.Join(e.Names, ", "), e.Spare)
	}
	if e.Unlisted {
		return fmt.Sprintf("refusing to replace %s: no record says what netjournal wrote there (%s/ was removed), and this build does not make %s (a build replaces the folder whole): move away what is yours, and delete what a build made before (an old page, a draft's: build --drafts makes those)", e.Dir, WorkDir, strings.Join(e.Names, ", "))
	}
	return fmt.Sprintf("refusing to replace %s: netjournal did not write %s (a build replaces the folder whole): %s", e.Dir, strings.Join(e.Names, ", "), hint)
}

// topNames returns the names at the top of a folder that a manifest lists
// files under (posts of posts/x/index.html); ok is false for a damaged one.
func topNames(data []byte) (names map[string]bool, ok bool) {
	names = map[string]bool{}
	ok = manifestLines(data, func(_ [5][]byte, path []byte) bool {
		if j := bytes.IndexByte(path, '/'); j >= 0 {
			path = path[:j]
		}
		if !names[string(path)] {
			names[string(path)] = true
		}
		return true
	})
	return names, ok
}

// open records the staging and starts it, at the first file: a build that
// fails before it has one (a problem in a document) changes nothing, not
// even the spare or the stamp.
func (s *Stream) open() error {
	s.opening.Do(func() { s.openErr = s.start() })
	return s.openErr
}

func (s *Stream) start() error {
	// The outputs are about to change: the last build's stamp no longer
	// says what they hold.
	if err := removeStamp(s.site); err != nil {
		return err
	}
	// Recorded before anything is staged, so that the staging of a build
	// that is killed is found and removed by the next one.
	s.plan.State = staging
	s.staged = true
	if err := s.plan.save(s.site); err != nil {
		return err
	}
	if info, err := os.Stat(recordPath(s.site)); err == nil {
		s.plan.since = fileid.ChangeTime(info)
	}
	if err := s.step("recorded staging"); err != nil {
		return err
	}
	for i, o := range s.outs {
		st, err := openStage(o, s.plan.Outputs[i], s.manifests()[i])
		if err != nil {
			return err
		}
		s.stages = append(s.stages, st)
	}
	return nil
}

// step is the package's step, remembering a stop as a kill.
func (s *Stream) step(name string) error {
	err := step(name)
	if err != nil {
		s.killed = true
	}
	return err
}

// Put writes a file of the output folder numbered out (in Begin's order)
// into its staging. A file put again replaces the one before. It is safe
// for concurrent use, and fails once ctx is done or the Stream closed.
func (s *Stream) Put(out int, name string, data []byte) error {
	return s.putKeyed(out, name, [sha256.Size]byte{}, func() ([]byte, error) { return data, nil }, nil)
}

// putKeyed is Put for a file whose bytes load gives, called only if they
// are needed: a page, with its key (page.Key), is kept or linked without
// them when its folder's manifest says it is there already. A page that
// load finds too large for memory (page.ErrBig) is written by write.
func (s *Stream) putKeyed(out int, name string, key [sha256.Size]byte, load func() ([]byte, error), write func(io.Writer) error) error {
	return s.stage(out, func(st *stager) error { return st.putKeyed(name, key, load, write) })
}

// putFrom is Put for a file whose bytes write writes, a part at a time:
// they are never held whole.
func (s *Stream) putFrom(out int, name string, write func(io.Writer) error) error {
	return s.stage(out, func(st *stager) error { return st.putFrom(name, write) })
}

// stage calls put with the staging of the output numbered out, unless the
// Stream is closed or its context done.
func (s *Stream) stage(out int, put func(*stager) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed || s.committed || s.settled != nil {
		return errClosed
	}
	if err := s.ctx.Err(); err != nil {
		return err
	}
	if err := s.open(); err != nil {
		return err
	}
	return put(s.stages[out])
}

// Settle begins finishing the stagings, each on a core (finish: what a
// spare holds that this build did not put is removed, and the staging's
// manifest written), once every file is put, while the build does its
// last work (the link check, the record of what it made for the next):
// the finish of the blog's staging reads a folder for every post, after
// an edit the last twentieth of a build. Commit waits for it; a put after
// it fails. Without a staging (nothing put) it does nothing.
func (s *Stream) Settle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.committed || s.settled != nil || !s.staged {
		return
	}
	done := make(chan []error, 1)
	stages := s.stages
	go func() {
		finished := make([]error, len(stages))
		par.Each(len(stages), func(i int) { finished[i] = stages[i].finish() })
		done <- finished
	}()
	s.settled = sync.OnceValue(func() []error { return <-done })
}

// readBack reads a file put into the output numbered out: into *buf, if
// buf is given, grown to its size if it is not as large.
func (s *Stream) readBack(out int, name string, buf *[]byte) ([]byte, error) {
	p := filepath.Join(s.stages[out].dir, filepath.FromSlash(name))
	if buf == nil {
		return os.ReadFile(p)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := int(info.Size())
	if cap(*buf) < size {
		*buf = make([]byte, size)
	}
	b := (*buf)[:size]
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, err
	}
	return b, nil
}

// putAll puts files into the output numbered out, on every core.
func (s *Stream) putAll(out int, files map[string][]byte) error {
	names := sortedKeys(files)
	errs := make([]error, len(names))
	var stop atomic.Bool
	par.Each(len(names), func(i int) {
		if stop.Load() {
			return
		}
		if errs[i] = s.Put(out, names[i], files[names[i]]); errs[i] != nil {
			stop.Store(true)
		}
	})
	return errors.Join(errs...)
}

// Commit finishes the staging and replaces every output folder with its
// own. res, when not nil, is the build the files came from; its stamp is
// kept for the next build's up-to-date check (UpToDate), with in. The
// Stream is then done: Close only unlocks.
func (s *Stream) Commit(in Inputs, res *Result) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.committed {
		return errClosed
	}
	if err := s.open(); err != nil {
		return err
	}
	// The stagings are finished at once, each on a core: each walks its
	// own folder (the blog's, of a folder for every post, is most of the
	// work), and nothing else of a build is left to run beside them;
	// unless Settle began it, while the build ran its last work.
	var finished []error
	if s.settled != nil {
		finished = s.settled()
	} else {
		finished = make([]error, len(s.stages))
		par.Each(len(s.stages), func(i int) { finished[i] = s.stages[i].finish() })
	}
	for i := range s.stages {
		if err := finished[i]; err != nil {
			return err
		}
		if err := s.step("staged " + s.outs[i].Dir); err != nil {
			return err
		}
	}
	// The last moment an interrupt stops the build whole.
	if err := s.ctx.Err(); err != nil {
		return err
	}
	s.plan.State = swapping
	if err := s.plan.save(s.site); err != nil {
		return err
	}
	if err := s.step("recorded swapping"); err != nil {
		return err
	}
	// From here on the swap goes forward: if it fails now or is killed,
	// the record lets the next run finish it.
	s.committed = true
	if err := s.plan.swap(); err != nil {
		return fmt.Errorf("replacing the output: %w (the next build finishes it)", err)
	}
	s.plan.keepSpares()
	s.plan.clean()
	if err := removeRecord(s.site); err != nil {
		return err
	}
	if res != nil {
		outs := append([]Output(nil), s.outs...)
		outs[0].Files = res.Public
		if len(outs) > 1 {
			outs[1].Files = res.Private
		}
		saveStamp(s.site, in, res, outs)
	}
	return nil
}

// Close ends the Stream and unlocks the site. Without a Commit, it first
// waits for the puts under way, refuses any other, and keeps what was
// staged as the spare (keepAsSpare): the output folders are as they were.
// It may be called more than once.
func (s *Stream) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	if s.settled != nil {
		s.settled() // the stagings are not to be changed under it
	}
	if s.staged && !s.committed && !s.killed {
		for i, st := range s.stages {
			st.keepAsSpare(s.plan.Outputs[i])
		}
		s.plan.clean()
		removeRecord(s.site)
	}
	s.unlock()
}

// stager writes one output folder's staging: each file as it comes,
// linked from the output when the output's manifest says it holds the
// very bytes, and a manifest of it all.
type stager struct {
	dir, old          string // the staging folder, and the output it replaces
	dirMode, fileMode os.FileMode
	reuse             bool     // dir is the spare, an output before last, with
	had, was          manifest // its manifest; and the output's

	manifestAt string // where the staging's manifest goes

	// unlisted says the output has no manifest to tell what is
	// netjournal's in it (the WorkDir removed): what this build does not
	// put is refused at the end (foreignAtTop). shown is the
	// output as its Output names it, public whether it is the blog's.
	unlisted bool
	shown    string
	public   bool

	dirs dirSet // the folders this build needs

	mu    sync.Mutex
	files map[string]fileState // what was put, as the manifest will say
}

// madeDir is a folder of the staging, made once.
type madeDir struct {
	once sync.Once
	err  error
}

// dirSet is the folders of a staging, by slash path. It is a map under a
// lock, not a sync.Map: at 100,000 posts it holds a folder for each post,
// and a sync.Map's nodes took 30 MB of them.
type dirSet struct {
	mu sync.Mutex
	m  map[string]*madeDir
}

// has reports whether the folder d is in the set.
func (s *dirSet) has(d string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[d]
	return ok
}

// get returns the folder d, added to the set if it was not there.
func (s *dirSet) get(d string) *madeDir {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.m[d]
	if m == nil {
		if s.m == nil {
			s.m = map[string]*madeDir{}
		}
		m = new(madeDir)
		s.m[d] = m
	}
	return m
}

// openStage makes the staging folder of o at step.New, with its Marker,
// and the wiki's with a .gitignore that keeps all of it out of git; read
// holds the manifests of its spare and its output (readManifests).
func openStage(o Output, step swapStep, read manifests) (*stager, error) {
	if err := makeWorkDir(filepath.Dir(step.New)); err != nil {
		return nil, err
	}
	// Left by a build killed before it recorded its staging, or by
	// versions that staged beside the output as .public.new-123.
	if err := errors.Join(os.RemoveAll(step.New), os.RemoveAll(step.Old)); err != nil {
		return nil, err
	}
	legacy, _ := filepath.Glob(filepath.Join(filepath.Dir(step.Dir), "."+filepath.Base(step.Dir)+".new-*"))
	for _, l := range legacy {
		os.RemoveAll(l)
	}
	st := &stager{dir: step.New, old: step.Dir, dirMode: 0o755, fileMode: 0o644, files: map[string]fileState{}}
	if o.Private {
		st.dirMode, st.fileMode = 0o700, 0o600
	}
	// A folder is staged in, or linked from, only if it is of this
	// output's kind, the blog's or the wiki's, by its mode: after --out
	// and --wiki-out are swapped, the blog must not keep the wiki's
	// unreadable files, nor the wiki the blog's readable ones.
	sameKind := func(dir string) bool {
		info, err := os.Lstat(dir)
		return err == nil && info.IsDir() && info.Mode().Perm() == st.dirMode
	}
	// The spare, the output before last, becomes the staging folder when
	// it is there with its manifest; else the folder starts empty.
	// Staged in, its manifest stays until the staging is put back as
	// the spare or made the output: a build killed meanwhile leaves the
	// staging that the next run makes the spare again (record.clean).
	st.had = read.spare
	st.reuse = len(st.had) > 0 && sameKind(sparePath(step)) && os.Rename(sparePath(step), step.New) == nil
	if !st.reuse {
		st.had = nil
		// Not staged in (of the other output's kind, after --out and
		// --wiki-out were swapped, or without its manifest): removed,
		// unless it holds a file of the user's.
		dropSpare(sparePath(step), read.output)
		if err := os.Mkdir(step.New, st.dirMode); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(step.New, st.dirMode); err != nil { // whatever the umask
		return nil, err
	}
	// The manifest of the folder being replaced; the staged one's is
	// recorded at the end, and the swap makes it the output's.
	st.was = manifest{}
	if sameKind(step.Dir) {
		st.was = read.output
	}
	st.manifestAt = manifestPath(step) + ".new"
	_, err := os.Stat(manifestPath(step))
	st.unlisted = errors.Is(err, fs.ErrNotExist)
	st.shown, st.public = o.Dir, !o.Private
	if err := st.put(Marker, []byte(markerText)); err != nil {
		return nil, err
	}
	if o.Private {
		if err := st.put(".gitignore", []byte("# The private wiki: never commit it.\n*\n")); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// put makes the staged file name hold data. In a spare, a file that its
// manifest says holds these very bytes, unchanged since, is kept; a file
// is never written into, only removed and made anew, since it may be a
// link to a file of the output.
func (st *stager) put(name string, data []byte) error {
	return st.putKeyed(name, [sha256.Size]byte{}, func() ([]byte, error) { return data, nil }, nil)
}

// take takes the name before anything is made, so that a folder of the
// same name, made at the same time, fails (see mkdir), and makes its
// folder. again says the name was put before in this build.
func (st *stager) take(name string) (again bool, err error) {
	again = st.claim(name)
	return again, st.folderOf(name)
}

// claim is take without making the file's folder.
func (st *stager) claim(name string) (again bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	_, again = st.files[name]
	if !again {
		st.files[name] = fileState{}
	}
	return again
}

// folderOf makes the folder of the file name.
func (st *stager) folderOf(name string) error {
	if d := path.Dir(name); d != "." {
		return st.mkdir(d)
	}
	return nil
}

// putKeyed is put for a file whose bytes load returns. A page, with its
// key (not zero), is kept or linked without its bytes when the spare's or
// the output's manifest says that file is that page, unchanged since. A
// page that load finds too large for memory (page.ErrBig) is written by
// write, as putFrom writes a file.
func (st *stager) putKeyed(name string, key [sha256.Size]byte, load func() ([]byte, error), write func(io.Writer) error) error {
	p := filepath.Join(st.dir, filepath.FromSlash(name))
	again := st.claim(name)
	if key != ([sha256.Size]byte{}) && !again {
		// A page kept as it is needs no folder made: it is in it. (Every
		// post's page is alone in its folder, and making each again was
		// two calls to the system for every page an edited build keeps.)
		if prev, ok := st.had[name]; ok && prev.key == key {
			if info, err := os.Lstat(p); err == nil && prev.is(info) {
				st.found(name)
				st.record(name, prev)
				return nil
			}
		}
	}
	if err := st.folderOf(name); err != nil {
		return err
	}
	if key != ([sha256.Size]byte{}) && !again {
		if linked, err := st.linkKeyed(name, p, key); linked || err != nil {
			return err
		}
	}
	data, err := load()
	if errors.Is(err, page.ErrBig) && write != nil {
		return st.putWritten(name, p, key, again, write)
	}
	if err != nil {
		return err
	}
	// The bytes' hash finds a file that holds them already, the spare's or
	// the output's, to keep; a page that has no file of its name in either
	// (every page of a first build) is not hashed: its sum stays unknown,
	// and a later build that finds its key changed compares its bytes
	// (fileState.same); by its key, it keeps it unread.
	var sum [sha256.Size]byte
	_, had := st.had[name]
	_, was := st.was[name]
	if key == ([sha256.Size]byte{}) || had || was {
		sum = sha256.Sum256(data)
	}
	if st.reuse || again {
		if prev, ok := st.had[name]; ok && !again && prev.mayHold(sum, int64(len(data))) {
			if info, err := os.Lstat(p); err == nil && prev.is(info) && prev.same(p, data, sum) {
				prev.key, prev.sum = key, sum
				st.record(name, prev)
				return nil
			}
		}
	}
	if err := st.clearIf(name, p, again); err != nil {
		return err
	}
	state, err := place(p, filepath.Join(st.old, filepath.FromSlash(name)), data, sum, st.was[name], st.fileMode)
	if err != nil {
		return err
	}
	state.key = key
	st.record(name, state)
	return nil
}

// linkKeyed links the output's file of name into the staging at p when
// the output's manifest says it is the page of this key, unchanged since.
// (Only a page of the same name can be: a page's path is in its data, and
// so in its key.)
func (st *stager) linkKeyed(name, p string, key [sha256.Size]byte) (linked bool, err error) {
	prev, ok := st.was[name]
	if !ok || prev.key != key {
		return false, nil
	}
	src := filepath.Join(st.old, filepath.FromSlash(name))
	if info, err := os.Lstat(src); err != nil || !prev.is(info) {
		return false, nil
	}
	if err := st.clearIf(name, p, false); err != nil {
		return false, err
	}
	if os.Link(src, p) != nil {
		return false, nil
	}
	st.record(name, prev)
	return true, nil
}

// putFrom is put for a file whose bytes write writes, which are never
// held whole: they go to a hidden file beside it (the loader and the
// watcher pass over hidden names, and the spare's leftovers are cleared),
// hashed as they are written. That file then takes the name; or, as put
// does, the file there (a spare's) or the output's is kept or linked when
// its manifest says it holds these very bytes, unchanged since.
func (st *stager) putFrom(name string, write func(io.Writer) error) error {
	p := filepath.Join(st.dir, filepath.FromSlash(name))
	again, err := st.take(name)
	if err != nil {
		return err
	}
	return st.putWritten(name, p, [sha256.Size]byte{}, again, write)
}

// putWritten is putFrom for the file name, at p, whose name is taken and
// folder made, with the key it is to be known by (a page's, or zero).
func (st *stager) putWritten(name, p string, key [sha256.Size]byte, again bool, write func(io.Writer) error) error {
	tmp, sum, size, err := writeHidden(filepath.Dir(p), st.fileMode, write)
	if err != nil {
		return err
	}
	defer func() {
		if tmp != "" {
			os.Remove(tmp)
		}
	}()
	if st.reuse && !again {
		if prev, ok := st.had[name]; ok && prev.holds(sum, size) {
			if info, err := os.Lstat(p); err == nil && prev.is(info) {
				prev.key = key
				st.record(name, prev)
				return nil
			}
		}
	}
	if err := st.clearIf(name, p, again); err != nil {
		return err
	}
	if prev, ok := st.was[name]; ok && !again && prev.holds(sum, size) {
		src := filepath.Join(st.old, filepath.FromSlash(name))
		if info, err := os.Lstat(src); err == nil && prev.is(info) && os.Link(src, p) == nil {
			prev.key = key
			st.record(name, prev)
			return nil
		}
	}
	if err := os.Rename(tmp, p); err != nil {
		return err
	}
	tmp = "" // it is p now
	info, err := os.Lstat(p)
	if err != nil {
		return err
	}
	state := stateOf(info, sum)
	state.key = key
	st.record(name, state)
	return nil
}

// writeHidden writes what write writes to a new hidden file in dir, made
// with mode as os.WriteFile makes a file (the umask applies), returning
// its path, the SHA-256 of its bytes and their number.
func writeHidden(dir string, mode os.FileMode, write func(io.Writer) error) (file string, sum [sha256.Size]byte, size int64, err error) {
	var f *os.File
	for {
		name := filepath.Join(dir, ".netjournal-put-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return "", sum, 0, err
	}
	h := sha256.New()
	var n page.Counter
	bw := bufio.NewWriterSize(io.MultiWriter(f, h, &n), 1<<16)
	err = errors.Join(write(bw), bw.Flush(), f.Close())
	if err != nil {
		os.Remove(f.Name())
		return "", sum, 0, err
	}
	h.Sum(sum[:0])
	return f.Name(), sum, int64(n), nil
}

// clearIf clears p when something may be there: in a spare, or when the
// file was put before (again).
func (st *stager) clearIf(name, p string, again bool) error {
	if !st.reuse && !again {
		return nil
	}
	return st.clear(name, p)
}

func (st *stager) record(name string, state fileState) {
	st.mu.Lock()
	st.files[name] = state
	st.mu.Unlock()
}

// clear removes what is at p, the place of the file name: a file of the
// spare or one put before, or a folder of the spare that this build does
// not need.
func (st *stager) clear(name, p string) error {
	info, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.IsDir():
		if st.dirs.has(name) {
			return fmt.Errorf("%s would be both a file and a folder", name)
		}
		return os.RemoveAll(p)
	}
	return os.Remove(p)
}

// found records the folder of the file name, and its parents, as there:
// the file was found in it. A folder made or found already stays as it is.
func (st *stager) found(name string) {
	for d := path.Dir(name); d != "."; d = path.Dir(d) {
		st.dirs.get(d).once.Do(func() {})
	}
}

// mkdir makes the folder d (a slash path) of the staging and its parents,
// each once whichever put asks first. In a spare, a file in its way that
// this build did not put is removed.
func (st *stager) mkdir(d string) error {
	m := st.dirs.get(d)
	m.once.Do(func() {
		if parent := path.Dir(d); parent != "." {
			if m.err = st.mkdir(parent); m.err != nil {
				return
			}
		}
		p := filepath.Join(st.dir, filepath.FromSlash(d))
		err := os.Mkdir(p, st.dirMode)
		if errors.Is(err, fs.ErrExist) {
			info, lerr := os.Lstat(p)
			switch {
			case lerr != nil:
				err = lerr
			case info.IsDir():
				err = nil
			default:
				st.mu.Lock()
				_, mine := st.files[d]
				st.mu.Unlock()
				if mine {
					err = fmt.Errorf("%s would be both a file and a folder", d)
				} else if err = os.Remove(p); err == nil {
					err = os.Mkdir(p, st.dirMode)
				}
			}
		}
		m.err = err
	})
	return m.err
}

// keepAsSpare keeps the staging of a build that failed as the spare, for
// the next build to stage in: what the spare held, less what was changed
// since, and what this build wrote, known by its bytes, not its key. Best effort; the manifest is a hint
// that a file is checked against before it is kept.
func (st *stager) keepAsSpare(step swapStep) {
	m := manifest{}
	for name, state := range st.had {
		m[name] = state
	}
	for name, state := range st.files {
		if state == (fileState{}) {
			delete(m, name) // begun, not done: whatever is there is unknown
		} else {
			// Known by its bytes alone: a page of a build that failed
			// may show what it could not make (a body the cache lost,
			// markdown.ErrGone), and its key would pass it for the page
			// that key makes.
			state.key = [sha256.Size]byte{}
			m[name] = state
		}
	}
	if m.write(spareManifestPath(step)) != nil || os.Rename(st.dir, sparePath(step)) != nil {
		os.Remove(spareManifestPath(step))
	}
}

// finish removes from a spare what this build did not put, and writes
// the staging's manifest.
func (st *stager) finish() error {
	if st.unlisted {
		if err := st.foreignAtTop(); err != nil {
			return err
		}
	}
	if st.reuse {
		extra, err := st.extras()
		if err != nil {
			return err
		}
		if err := st.spareForeign(extra); err != nil {
			return err
		}
		for _, p := range extra {
			if err := os.RemoveAll(p); err != nil {
				return err
			}
		}
	}
	return manifest(st.files).write(st.manifestAt)
}

// foreignAtTop refuses the output being replaced when, with no manifest
// to tell by, it holds a file or a folder, at any depth, that this build
// does not put there: a file of the user's (a CNAME, notes, a stylesheet
// below the top) would go with the folder, whose spare, with no manifest,
// is not kept.
func (st *stager) foreignAtTop() error {
	st.mu.Lock()
	put := map[string]bool{}
	for name := range st.files {
		put[name] = true
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			put[d] = true
		}
	}
	st.mu.Unlock()
	// The whole folder, at any depth (a rare build: its WorkDir gone), and
	// a folder this build makes none of named once.
	var names []string
	filepath.WalkDir(st.old, func(f string, d fs.DirEntry, err error) error {
		rel, rerr := filepath.Rel(st.old, f)
		if err != nil || rerr != nil || rel == "." {
			return nil
		}
		if rel = filepath.ToSlash(rel); !put[rel] {
			names = append(names, path.Join(filepath.ToSlash(st.shown), rel))
			if d.IsDir() {
				return filepath.SkipDir
			}
		}
		return nil
	})
	if len(names) == 0 {
		return nil
	}
	return &ForeignError{Dir: st.shown, Names: names, Public: st.public, Unlisted: true}
}

// spareForeign refuses the extras of a spare (what this build did not
// put) when a file among them is none its manifest lists: a file the user
// put in the output folder below its top (public/css/custom.css), which
// went with the folder into the spare when a build replaced it. It stays
// where it is, named, and the build stops, changing nothing.
func (st *stager) spareForeign(extra []string) error {
	names := unlistedFiles(st.dir, extra, st.had)
	if len(names) == 0 {
		return nil
	}
	return &ForeignError{Dir: st.shown, Names: names, Public: st.public, Spare: sparePath(stepFor(st.old))}
}

// unlistedFiles returns the files under each of paths, in the folder
// root, that listed does not name, as root's slash paths, sorted.
func unlistedFiles(root string, paths []string, listed manifest) []string {
	var names []string
	for _, p := range paths {
		filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, f)
			if _, ok := listed[filepath.ToSlash(rel)]; !ok {
				names = append(names, filepath.ToSlash(rel))
			}
			return nil
		})
	}
	slices.Sort(names)
	return names
}

// extras lists what the staging holds that this build did not put: a
// folder it needs none of, whole, and a file it did not put, or that is
// not a plain file. The folders are read a level at a time, each level's
// on every core: a spare's blog has a folder for every post, and reading
// them one after the other was a tenth of an edited build.
func (st *stager) extras() ([]string, error) {
	var extra []string
	level := []string{"."}
	for len(level) > 0 {
		found := make([]struct {
			extra, dirs []string
			err         error
		}, len(level))
		par.Each(len(level), func(i int) {
			f := &found[i]
			entries, err := readDirUnsorted(filepath.Join(st.dir, filepath.FromSlash(level[i])))
			if err != nil {
				f.err = err
				return
			}
			for _, e := range entries {
				name := path.Join(level[i], e.Name())
				switch {
				case e.IsDir() && st.dirs.has(name):
					f.dirs = append(f.dirs, name)
				case e.IsDir():
					f.extra = append(f.extra, filepath.Join(st.dir, filepath.FromSlash(name)))
				default:
					if _, ok := st.files[name]; !ok || !e.Type().IsRegular() {
						f.extra = append(f.extra, filepath.Join(st.dir, filepath.FromSlash(name)))
					}
				}
			}
		})
		level = level[:0:0]
		for _, f := range found {
			if f.err != nil {
				return nil, f.err
			}
			extra = append(extra, f.extra...)
			level = append(level, f.dirs...)
		}
	}
	return extra, nil
}
