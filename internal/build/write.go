package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/netjournal/netjournal/internal/fileid"
	"github.com/netjournal/netjournal/internal/par"
)

// Output is one site to write: its folder and its files.
type Output struct {
	Dir     string
	Files   map[string][]byte
	Private bool // readable by the owner only, and ignored by git
}

// Marker is the file netjournal writes into every output folder. A folder
// is replaced only if it holds one (or is empty, or is not there): a
// mistyped --out must never delete someone's documents.
const Marker = ".netjournal-output"

const markerText = "This folder is written by netjournal and replaced whole on every build.\n" +
	"Do not keep your own files here.\n"

// WorkDir is netjournal's own folder, in the site folder and beside any
// output folder elsewhere: builds stage their output there, and the site's
// records a swap in progress. It holds a .gitignore of its own, so that
// a staged copy of the wiki is never committed whatever the site's
// .gitignore says.
const WorkDir = ".netjournal"

// testHookStep, when set, is called after each step of Write that leaves
// something on disk; an error stops Write there and then, with no
// clean-up, as a kill would. Tests use it to prove that Recover mends
// every such moment.
var testHookStep func(step string) error

func step(name string) error {
	if testHookStep == nil {
		return nil
	}
	return testHookStep(name)
}

// Write replaces each output folder with exactly its files, all of them
// from this build or none: a failure, an interrupt (ctx) or a kill at any
// moment leaves the previous pair of sites, or, once the swap has begun,
// a record from which Recover completes it. site is the site folder,
// whose WorkDir holds the lock and that record.
//
// Every folder is first written in full under WorkDir beside its target
// (the same file system, so a rename moves it). Only when all are written
// is the swap recorded and done, each folder by two renames; the old
// folders are then kept as spares, for the next build to stage in. Write
// is a Stream (Begin) given every file at once.
func Write(ctx context.Context, site string, outs ...Output) error {
	return WriteStamped(ctx, site, Inputs{}, nil, outs...)
}

// WriteStamped is Write, and then keeps the stamp of a build that read
// in and rendered res, for the next build's up-to-date check (UpToDate).
// Best effort: a stamp that cannot be kept costs the next build its
// check.
func WriteStamped(ctx context.Context, site string, in Inputs, res *Result, outs ...Output) error {
	s, err := Begin(ctx, site, outs...)
	if err != nil {
		return err
	}
	defer s.Close()
	for i, o := range outs {
		if err := s.putAll(i, o.Files); err != nil {
			return err
		}
	}
	return s.Commit(in, res)
}

// Recover finishes or undoes what a killed build left in the site's
// WorkDir: a swap that had begun is completed, so that both output
// folders come from the same build; staging that had not is removed.
func Recover(ctx context.Context, site string) error {
	unlock, err := lock(ctx, site)
	if err != nil {
		return err
	}
	defer unlock()
	return recoverSwap(site)
}

// CheckDirs refuses output folders that a build would wreck by replacing:
// the site folder or any folder holding it, a folder of sources (content,
// themes, static) or anything inside one, two outputs that are the same
// folder or one inside the other (replacing the outer one would delete the
// inner one, and the private wiki could end up inside the public site), and
// anything that is not a folder netjournal wrote (see replaceable).
// Paths are compared after making them absolute and resolving symbolic
// links, so "../site/public/." or a link to public/ cannot slip past.
func CheckDirs(site string, outs ...string) error {
	root, err := realPath(site)
	if err != nil {
		return err
	}
	abs := make([]string, len(outs))
	for i, o := range outs {
		if abs[i], err = realPath(o); err != nil {
			return err
		}
		if within(root, abs[i]) {
			return fmt.Errorf("refusing to write %s: it holds the site folder %s", o, site)
		}
		for _, src := range []string{"content", "themes", "static", ".git", WorkDir} {
			if within(abs[i], filepath.Join(root, src)) {
				return fmt.Errorf("refusing to write %s: it is inside the site's %s/ folder", o, src)
			}
		}
	}
	for i := range abs {
		for j := i + 1; j < len(abs); j++ {
			if within(abs[i], abs[j]) || within(abs[j], abs[i]) {
				return fmt.Errorf("refusing to write %s and %s: one output folder would hold the other", outs[i], outs[j])
			}
		}
	}
	for _, o := range outs {
		if err := replaceable(o); err != nil {
			return err
		}
	}
	return nil
}

// replaceable refuses to replace anything at dir but a folder that
// netjournal wrote (it holds the Marker) or an empty one; nothing there is
// fine too. A symbolic link is refused even to such a folder: the swap
// would replace the link, not what it points to.
func replaceable(dir string) error {
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("refusing to replace %s: it is a symbolic link, and the build replaces the folder whole: pass the folder it points to instead", dir)
	case !info.IsDir():
		return fmt.Errorf("refusing to write %s: it is a file, not a folder netjournal wrote: choose another output folder", dir)
	}
	if _, err := os.Lstat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if names, _ := f.Readdirnames(1); len(names) > 0 {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not written by netjournal (it has no %s file): move its files away, or choose another output folder", dir, Marker)
	}
	return nil
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath makes p absolute and resolves the symbolic links of the part of
// it that exists.
func realPath(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for d := p; ; d = filepath.Dir(d) {
		if r, err := filepath.EvalSymlinks(d); err == nil {
			return filepath.Join(r, rest), nil
		}
		if filepath.Dir(d) == d {
			return p, nil
		}
		rest = filepath.Join(filepath.Base(d), rest)
	}
}

// makeWorkDir makes a WorkDir that git ignores and only the owner reads.
func makeWorkDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	ignore := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(ignore); err == nil {
		return nil
	}
	return os.WriteFile(ignore, []byte("# netjournal's staging and bookkeeping: never commit it.\n*\n"), 0o600)
}

// stepFor is the swap of the output folder abs, an absolute path: its
// staging and its old copy are in the WorkDir beside it.
func stepFor(abs string) swapStep {
	work := filepath.Join(filepath.Dir(abs), WorkDir)
	return swapStep{
		Dir: abs,
		New: filepath.Join(work, filepath.Base(abs)+".new"),
		Old: filepath.Join(work, filepath.Base(abs)+".old"),
	}
}

// The states of a record.
const (
	staging  = "staging"  // folders being written under New; the outputs untouched
	swapping = "swapping" // every New complete: move each Dir to Old, New to Dir
)

// record is what a build in progress writes down, in the site's WorkDir,
// for the next run to finish or undo.
type record struct {
	State   string     `json:"state"`
	Outputs []swapStep `json:"outputs"`
	// since is the change time of the record's file as it was saved
	// before the staging began (fileid.ChangeTime; 0 unknown): a file
	// of a staging changed since then is the build's (clean).
	since int64
}

// swapStep is one output folder's swap: Dir becomes Old, then New becomes
// Dir. All paths are absolute.
type swapStep struct {
	Dir string `json:"dir"`
	New string `json:"new"`
	Old string `json:"old"`
}

const recordFile = "swap.json"

func recordPath(site string) string { return filepath.Join(site, WorkDir, recordFile) }

// save writes the record whole or not at all: to a temporary file, synced,
// then renamed over the old one, and the folder synced.
func (r *record) save(site string) error {
	dir := filepath.Join(site, WorkDir)
	if err := makeWorkDir(dir); err != nil {
		return err
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	tmp := recordPath(site) + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp, recordPath(site)); err != nil {
		return err
	}
	return syncDir(dir)
}

func removeRecord(site string) error {
	err := os.Remove(recordPath(site))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// swap moves every output's Dir to Old and New to Dir. Each step looks at
// what is there, so that it can be run again after being killed at any
// point: a Dir already moved is not moved twice, nor a New.
func (r *record) swap() error {
	for _, s := range r.Outputs {
		if _, err := os.Lstat(s.New); errors.Is(err, fs.ErrNotExist) {
			s.promoteManifest()
			continue // done already
		}
		// New is still there, so Dir, if there, is the previous build's:
		// it goes to Old (emptied before the swap was recorded). If it is
		// not there it was moved already, or there was none.
		if _, err := os.Lstat(s.Dir); err == nil {
			if err := os.Rename(s.Dir, s.Old); err != nil {
				return err
			}
			if err := step("moved aside " + s.Dir); err != nil {
				return err
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := os.Rename(s.New, s.Dir); err != nil {
			return err
		}
		syncDir(filepath.Dir(s.Dir))
		s.promoteManifest()
		if err := step("moved in " + s.Dir); err != nil {
			return err
		}
	}
	return nil
}

// keepSpares keeps each output the swap replaced, now at Old, as the
// spare the next build stages in (see sparePath). Best effort: without a
// spare the next build stages from nothing.
func (r *record) keepSpares() {
	for _, s := range r.Outputs {
		if _, err := os.Lstat(s.Old); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if _, err := os.Lstat(sparePath(s)); err == nil {
				// Kept already: by this build, killed before it removed
				// its record (the recovery runs this again), or left by
				// dropSpare. Never made anew from the output: the one
				// there may hold a file of the user's. Its manifest, if
				// the kill came between the two renames, is the one the
				// swap replaced.
				os.Rename(manifestPath(s)+".replaced", spareManifestPath(s))
				continue
			}
			// A .replaced here is the manifest of an output the user
			// removed (no folder was replaced): never to be paired with
			// the spare linkSpare makes, by a recovery of this build.
			os.Remove(manifestPath(s) + ".replaced")
			s.linkSpare()
			continue
		}
		if os.Rename(s.Old, sparePath(s)) != nil {
			continue
		}
		if os.Rename(manifestPath(s)+".replaced", spareManifestPath(s)) != nil {
			// A spare without its manifest is no use: the output
			// replaced was an empty folder, or its manifest was lost.
			os.RemoveAll(sparePath(s))
			s.linkSpare()
		}
	}
	// The spare of an output folder no longer written (--out changed) is
	// a whole old site on the disk: removed.
	mine := map[string]bool{}
	for _, s := range r.Outputs {
		mine[sparePath(s)] = true
	}
	for _, s := range r.Outputs {
		work := filepath.Dir(s.New)
		entries, _ := os.ReadDir(work)
		for _, e := range entries {
			o := filepath.Join(work, e.Name())
			if !strings.HasSuffix(e.Name(), ".spare") || mine[o] {
				continue
			}
			dropSpare(o, nil)
		}
	}
}

// dropSpare removes the spare folder spare, which no build will stage in,
// and its manifest; unless it holds a file that its manifest does not
// list, nor output, when given, its output's manifest (a spare whose
// linkSpare was killed before it wrote the manifest holds the output's
// files): a file the user put in the output folder it was, which went
// with the folder. Such a spare is put aside where no build stages or
// looks again, public.spare.kept (public.spare-2.kept when that is
// taken, and so on), with its manifest.
func dropSpare(spare string, output manifest) {
	if _, err := os.Lstat(spare); err != nil {
		os.Remove(spare + ".manifest")
		return
	}
	listed := readManifest(spare + ".manifest")
	for name, state := range output {
		if _, ok := listed[name]; !ok {
			listed[name] = state
		}
	}
	if len(unlistedFiles(spare, []string{spare}, listed)) == 0 {
		os.RemoveAll(spare)
		os.Remove(spare + ".manifest")
		return
	}
	for n := 1; n <= 100; n++ {
		kept := spare + ".kept"
		if n > 1 {
			kept = fmt.Sprintf("%s-%d.kept", spare, n)
		}
		if _, err := os.Lstat(kept); err == nil {
			continue
		}
		if os.Rename(spare, kept) == nil {
			os.Rename(spare+".manifest", kept+".manifest")
		}
		return
	}
	// A hundred kept: this one stays where it is, still the user's.
}

// linkSpare makes the spare of an output that replaced none (a first
// build, or the first after the output was removed): its files linked
// into a folder beside it, with its manifest. Without it the first edit
// after a cold build would stage from nothing, making every folder and
// linking every file of the site into its staging (on a site of 10,000
// posts, a sixth of that edit); the same work here is a fortieth of the
// cold build. The links share the output's inodes, as a spare's do (see
// sparePath). Best effort: a spare left without its manifest is removed
// by the next build, which stages from nothing.
func (s swapStep) linkSpare() {
	data, err := os.ReadFile(manifestPath(s))
	if err != nil {
		return
	}
	m := parseManifest(data)
	info, err := os.Lstat(s.Dir)
	if len(m) == 0 || err != nil || !info.IsDir() {
		return
	}
	spare := sparePath(s)
	os.RemoveAll(spare)
	// Of the output's kind, whatever the umask: a staging stages in a
	// spare only of its own output's mode (openStage).
	if os.Mkdir(spare, info.Mode().Perm()) != nil {
		return
	}
	// The marker first: on a file system without links (a FAT drive),
	// nothing more is tried.
	if os.Chmod(spare, info.Mode().Perm()) != nil || os.Link(filepath.Join(s.Dir, Marker), filepath.Join(spare, Marker)) != nil {
		os.RemoveAll(spare)
		return
	}
	names := make([]string, 0, len(m))
	var dirs [][]string // by depth, parents first
	seen := map[string]bool{}
	for name := range m {
		if name != Marker {
			names = append(names, name)
		}
		for d := path.Dir(name); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			depth := strings.Count(d, "/")
			for len(dirs) <= depth {
				dirs = append(dirs, nil)
			}
			dirs[depth] = append(dirs[depth], d)
		}
	}
	var failed atomic.Bool
	for _, level := range dirs {
		par.Each(len(level), func(i int) {
			if os.Mkdir(filepath.Join(spare, filepath.FromSlash(level[i])), info.Mode().Perm()) != nil {
				failed.Store(true)
			}
		})
	}
	par.Each(len(names), func(i int) {
		if failed.Load() {
			return
		}
		name := filepath.FromSlash(names[i])
		if os.Link(filepath.Join(s.Dir, name), filepath.Join(spare, name)) != nil {
			failed.Store(true)
		}
	})
	if failed.Load() || os.WriteFile(spareManifestPath(s)+".tmp", data, 0o600) != nil ||
		os.Rename(spareManifestPath(s)+".tmp", spareManifestPath(s)) != nil {
		os.RemoveAll(spare)
		os.Remove(spareManifestPath(s) + ".tmp")
	}
}

// clean removes what the record's steps left in their WorkDirs. A
// staging still there with the spare's manifest, and no spare, is the
// spare a killed build staged in (openStage): made the spare again, as
// it may hold a file the user put in the output it was, which the next
// build finds (spareForeign). A file the killed build wrote anew is not
// taken for the one the manifest lists, having another inode and time
// (fileState.is); one it added is listed as netjournal's (listOwn).
func (r *record) clean() {
	for _, s := range r.Outputs {
		if _, err := os.Lstat(s.New); err == nil {
			if _, err := os.Lstat(spareManifestPath(s)); err == nil {
				if _, err := os.Lstat(sparePath(s)); errors.Is(err, fs.ErrNotExist) {
					r.listOwn(s)
					os.Rename(s.New, sparePath(s))
				}
			}
		}
		os.RemoveAll(s.New)
		os.RemoveAll(s.Old)
		os.Remove(manifestPath(s) + ".new")
		os.Remove(manifestPath(s) + ".replaced")
	}
}

// listOwn lists in the spare's manifest each file of s's staging that
// the build wrote (one the manifest does not list, changed since the
// staging began: a page of a draft, a large page's hidden part), as one
// whose bytes are unknown: the next build that stages there writes it
// again or removes it, and refuses only what was there before, the
// user's. Where change times are unknown (r.since 0, or a system that
// keeps none) every file the manifest does not list is refused.
func (r *record) listOwn(s swapStep) {
	if r.since == 0 {
		return
	}
	m := readManifest(spareManifestPath(s))
	if len(m) == 0 {
		return
	}
	added := false
	filepath.WalkDir(s.New, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(s.New, p)
		if err != nil {
			return nil
		}
		name := filepath.ToSlash(rel)
		if _, ok := m[name]; ok {
			return nil
		}
		if info, err := d.Info(); err == nil && fileid.ChangeTime(info) >= r.since {
			m[name] = fileState{}
			added = true
		}
		return nil
	})
	if added {
		m.write(spareManifestPath(s))
	}
}

// promoteManifest makes the staged folder's manifest the output's, once
// the folder is in place. Best effort: a manifest that does not match its
// folder costs only the linking of the next build.
func (s swapStep) promoteManifest() {
	if _, err := os.Lstat(manifestPath(s) + ".new"); err != nil {
		return
	}
	// The replaced output's manifest goes with it, to be the spare's.
	os.Rename(manifestPath(s), manifestPath(s)+".replaced")
	os.Rename(manifestPath(s)+".new", manifestPath(s))
}

// ShownFile is the file in WorkDir where netjournal followups keeps the
// follow-ups it numbered, in their order, for netjournal done NUMBER: a
// number is the one the user was shown, whatever was logged since.
const ShownFile = "followups.json"

// WriteWorkFile writes data as the file name of the site's WorkDir, whole
// or not at all, making the folder (git-ignored) when it is not there.
func WriteWorkFile(site, name string, data []byte) error {
	dir := filepath.Join(site, WorkDir)
	if err := makeWorkDir(dir); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, name), data, 0o600)
}

// recoverSwap finishes the swap of a killed build, or removes its
// staging, and then anything else left in the site's WorkDir: staging of
// earlier versions and temporary files. The lock must be held.
func recoverSwap(site string) error {
	data, err := os.ReadFile(recordPath(site))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	default:
		var r record
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("%s: %v: remove it, and check that %s are as you want them", recordPath(site), err, WorkDir)
		}
		if r.State == swapping {
			if err := r.swap(); err != nil {
				return fmt.Errorf("finishing the swap of an interrupted build: %w", err)
			}
			// The outputs replaced, at Old, become the spares, as the
			// build would have made them: removed with Old (clean), a
			// file the user had put in one went with it.
			r.keepSpares()
		} else if info, err := os.Stat(recordPath(site)); err == nil {
			r.since = fileid.ChangeTime(info) // saved as the staging began
		}
		r.clean()
		if err := removeRecord(site); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(filepath.Join(site, WorkDir))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		switch name := e.Name(); {
		case name == ".gitignore", name == lockFile, name == recordFile, name == stampFile, name == path.Base(CacheDir), name == programFile, name == ShownFile,
			strings.HasSuffix(name, ".manifest"), strings.HasSuffix(name, ".spare"), strings.HasSuffix(name, ".kept"):
			continue
		}
		os.RemoveAll(filepath.Join(site, WorkDir, e.Name()))
	}
	return nil
}

// syncDir makes the renames in a folder durable. Best effort: not every
// system can sync a folder.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	f.Sync()
	return f.Close()
}

// Lock takes the site's write lock, which Write and Begin take for the
// whole of their writing, for a writer of the output folders that calls
// Sync: a build of the same site in another process must not stage from
// (link) a file that Sync is replacing. unlock gives it back.
func Lock(ctx context.Context, site string) (unlock func(), err error) { return lock(ctx, site) }

// Written identifies the write that last replaced the output folder dir
// whole (Write, Stream): its manifest's digest, "" when it has none. A
// writer that Syncs the folder sees by it that another has replaced it
// since, and that the folder no longer holds what it wrote.
func Written(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	m, err := os.ReadFile(manifestPath(stepFor(abs)))
	if err != nil {
		return ""
	}
	return digestOf(m)
}

// Sync makes dir, which holds old, hold files instead: it writes only the
// files whose bytes differ and deletes those that are gone, with their
// folders once empty. Each file is replaced by a rename, so a reader never
// sees half of one. It returns the paths written and removed.
func Sync(dir string, old, files map[string][]byte, private bool) (written, removed []string, err error) {
	dirMode, fileMode := os.FileMode(0o755), os.FileMode(0o644)
	if private {
		dirMode, fileMode = 0o700, 0o600
	}
	// Removals first: a file that becomes a folder (static/notes to
	// static/notes/a.txt), or the reverse, needs its old path cleared.
	// Only the names that change are sorted (for an order that is the
	// same every time): sorting every name of both sites was a tenth of
	// an edit's writing, for the one or two files it writes.
	var gone, changed []string
	added := 0
	for name, data := range files {
		prev, ok := old[name]
		if !ok {
			added++
		}
		if !ok || string(prev) != string(data) {
			changed = append(changed, name)
		}
	}
	// Every old file is one of files unless there are more old files than
	// files kept: an edit's rebuild keeps every file, and going through
	// all of them again for none gone was a third of its writing.
	if len(old) > len(files)-added {
		for name := range old {
			if _, ok := files[name]; !ok {
				gone = append(gone, name)
			}
		}
	}
	slices.Sort(gone)
	slices.Sort(changed)
	for _, name := range gone {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return written, removed, err
		}
		removed = append(removed, name)
		// Remove folders left empty, up to dir.
		for d := filepath.Dir(p); d != filepath.Clean(dir) && len(d) > len(filepath.Clean(dir)); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	if added > 0 || len(gone) > 0 {
		// Listed before they are written: a Sync stopped halfway leaves
		// none it wrote unlisted.
		if err := listSynced(dir, files, gone); err != nil {
			return written, removed, err
		}
	}
	for _, name := range changed {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), dirMode); err != nil {
			return written, removed, err
		}
		if err := writeFile(p, files[name], fileMode); err != nil {
			return written, removed, err
		}
		written = append(written, name)
	}
	return written, removed, nil
}

// listSynced keeps the manifest of the output folder dir listing every
// file netjournal put there when Sync adds files or removes them (a post
// written while watching): the next builds know them for netjournal's,
// and any other file there for the user's (foreignFiles, spareForeign). A
// file added is listed as one whose bytes are unknown, which matches no
// file (the next build writes it again); one removed is unlisted. Written
// tells writes apart by the manifest's bytes: build --watch reads it
// again after its Syncs.
func listSynced(dir string, files map[string][]byte, gone []string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	p := manifestPath(stepFor(abs))
	data, err := os.ReadFile(p)
	if err != nil {
		return nil // no manifest: the next build takes nothing for granted
	}
	m := parseManifest(data)
	if len(m) == 0 {
		return nil // damaged: as none
	}
	for name := range files {
		if _, ok := m[name]; !ok {
			m[name] = fileState{}
		}
	}
	for _, name := range gone {
		delete(m, name)
	}
	return m.write(p)
}

// writeFile writes data beside p and renames it into place.
func writeFile(p string, data []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp-")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(f.Name(), mode)); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
