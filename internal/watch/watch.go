// Package watch reports changes to a site's files in coalesced batches. It
// is the only importer of fsnotify.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/netjournal/netjournal/internal/source"
)

// Batch is one coalesced set of changes.
type Batch struct {
	// Paths are the changed files and folders, slash-separated and
	// relative to the site root, sorted.
	Paths []string
	// Full means that what changed is not known: treat everything as
	// changed. Events were lost (the kernel queue overflowed: Lost), or a
	// folder was moved or removed.
	Full, Lost bool
}

// Watcher watches folders of a site recursively, and the site root itself
// for its configuration file.
type Watcher struct {
	root     string
	trees    []string // relative folders watched recursively
	debounce time.Duration
	fw       *fsnotify.Watcher
	// links maps the real path of a file that a symbolic link in a tree
	// points to, to the links' relative paths: an edit of the file is a
	// change of each link. Touched by the loop only, once it runs.
	links map[string][]string
	// dirs are the folders watched in the trees, by their paths: one
	// removed is a folder gone, whatever its name would be for a file.
	// rewatch says the trees are to be watched again before the next
	// batch goes (moved). Touched by New and the loop only.
	dirs    map[string]bool
	rewatch bool
	// roots maps the real path of a folder that a tree, or a folder
	// directly in one, is a symbolic link to (content, content/posts,
	// themes/x, static: as the build reads them, through the link) to the
	// link's path: what changes in it is named by that path. Touched by
	// New and the loop only.
	roots map[string]string

	batches chan Batch
	errs    chan error
	done    chan struct{}
	once    sync.Once
	wg      sync.WaitGroup
}

// New watches the folders trees (relative to root; missing ones are picked
// up when they appear) and the files directly in root. Changes are sent as
// one batch once no event has come for debounce.
func New(root string, trees []string, debounce time.Duration) (*Watcher, error) {
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, limitError(err)
	}
	w := &Watcher{
		root: root, trees: trees, debounce: debounce, fw: fw, links: map[string][]string{}, dirs: map[string]bool{}, roots: map[string]string{},
		batches: make(chan Batch), errs: make(chan error, 1), done: make(chan struct{}),
	}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, limitError(err)
	}
	for _, t := range trees {
		if _, err := w.addTree(filepath.Join(root, filepath.FromSlash(t)), true); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fw.Close()
			return nil, err
		}
	}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// Batches delivers the coalesced changes.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers problems that do not stop watching, but after which
// some changes may go unnamed: a build should then stop trusting the
// batches to name every change (build.Builder.Unwatched).
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fw.Close()
		w.wg.Wait()
	})
	return err
}

// addTree watches dir and every folder below it, and returns the files
// found, relative to the root: fsnotify misses files created in a new
// folder before its watch is in place, so the caller counts them changed.
// dir may be a symbolic link to a folder, watched where it points; so is
// a link to a folder directly in dir when dir is a tree (top): the build
// reads content/posts through its link as it reads content, but no
// folder deeper.
func (w *Watcher) addTree(dir string, top bool) ([]string, error) {
	if real, ok := w.linkedDir(dir); ok {
		dir = real
	}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // vanished while walking
		}
		if d.IsDir() {
			if p != dir && source.Ignored(d.Name(), true) {
				return filepath.SkipDir
			}
			if err := w.fw.Add(p); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return filepath.SkipDir
				}
				return limitError(err)
			}
			w.dirs[p] = true
			return nil
		}
		if !source.Ignored(d.Name(), false) {
			files = append(files, w.rel(p))
			if d.Type()&fs.ModeSymlink != 0 {
				w.follow(p)
				if _, ok := w.linkedDir(p); ok && top && filepath.Dir(p) == dir && !source.Ignored(d.Name(), true) {
					more, err := w.addTree(p, false)
					if err != nil && !errors.Is(err, fs.ErrNotExist) {
						return err
					}
					files = append(files, more...)
				}
			}
		}
		return nil
	})
	return files, err
}

// linkedDir returns the real path of the folder the symbolic link at p
// points to, and notes it in roots; ok is false when p is no link to a
// folder, or one to a folder watched already (a link back up a tree).
func (w *Watcher) linkedDir(p string) (real string, ok bool) {
	if info, err := os.Lstat(p); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return "", false
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", false
	}
	if info, err := os.Stat(real); err != nil || !info.IsDir() {
		return "", false
	}
	if w.roots[real] != p {
		// Linked anew (ln -sfn): where it pointed is no longer the site's,
		// even a folder of which it now points to.
		w.unroot(p)
	}
	if link, ok := w.roots[real]; ok && link != p || w.dirs[real] && w.roots[real] == "" {
		return "", false
	}
	w.roots[real] = p
	return real, true
}

// unroot forgets the folders the link at p (or a link under it) pointed
// to, and stops watching them: what changes there is no longer the
// site's.
func (w *Watcher) unroot(p string) {
	for real, link := range w.roots {
		if link != p && !strings.HasPrefix(link, p+string(filepath.Separator)) {
			continue
		}
		delete(w.roots, real)
		for d := range w.dirs {
			if d == real || strings.HasPrefix(d, real+string(filepath.Separator)) {
				delete(w.dirs, d)
				w.fw.Remove(d)
			}
		}
		// A link in the folder it pointed to (a/posts, in content's old
		// target) is kept by its real path: forgotten with it.
		w.unroot(real)
	}
}

// follow watches the file that the symbolic link at p points to, wherever
// it is, through its folder: editors that save by renaming a new file over
// the old one replace the file, and a watch on the file itself would be
// lost. A link to a folder is not followed (nor does the loader follow
// one); a link to nothing is a file like any other.
func (w *Watcher) follow(p string) {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return
	}
	if info, err := os.Stat(target); err != nil || info.IsDir() {
		return
	}
	rel := w.rel(p)
	if slices.Contains(w.links[target], rel) {
		return
	}
	if err := w.fw.Add(filepath.Dir(target)); err != nil {
		// The link still counts for itself, but an edit of the file it
		// points to goes unnamed: said, so that builds stop trusting
		// the watcher to name every change.
		select {
		case w.errs <- fmt.Errorf("watching %s, which %s links to: %w", target, rel, limitError(err)):
		default:
		}
		return
	}
	w.links[target] = append(w.links[target], rel)
}

func (w *Watcher) rel(p string) string {
	// A path in a folder a link points to is named by the link's path
	// (content/posts/a.md), through a link in a linked folder too.
	for range len(w.roots) {
		moved := false
		for real, link := range w.roots {
			if p == real || strings.HasPrefix(p, real+string(filepath.Separator)) {
				p, moved = link+p[len(real):], true
				break
			}
		}
		if !moved {
			break
		}
	}
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// inTree reports whether a relative path is in a watched tree or is one.
func (w *Watcher) inTree(rel string) bool {
	for _, t := range w.trees {
		if rel == t || strings.HasPrefix(rel, t+"/") {
			return true
		}
	}
	return false
}

func (w *Watcher) loop() {
	defer w.wg.Done()
	pending := map[string]bool{}
	full, lost := false, false
	var timer *time.Timer
	var fire <-chan time.Time
	arm := func() {
		if timer == nil {
			timer = time.NewTimer(w.debounce)
		} else {
			timer.Reset(w.debounce)
		}
		fire = timer.C
	}
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if w.handle(ev, pending, &full) {
				arm()
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				full, lost = true, true
				arm()
				continue
			}
			select {
			case w.errs <- err:
			default:
			}
		case <-fire:
			fire = nil
			if w.rewatch {
				w.watchAgain()
			}
			b := Batch{Full: full, Lost: lost}
			for p := range pending {
				b.Paths = append(b.Paths, p)
			}
			sort.Strings(b.Paths)
			pending, full, lost = map[string]bool{}, false, false
			select {
			case w.batches <- b:
			case <-w.done:
				return
			}
		}
	}
}

// handle records one event and reports whether it counts.
func (w *Watcher) handle(ev fsnotify.Event, pending map[string]bool, full *bool) bool {
	if ev.Op == fsnotify.Chmod || ev.Name == "" {
		return false // chmod alone changes no content
	}
	// A file that links point to changes them too; it may be a document
	// of its own as well, which counts below.
	linked := false
	for _, l := range w.links[ev.Name] {
		pending[l], linked = true, true
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.unroot(ev.Name) // a link to a folder, gone
	}
	rel := w.rel(ev.Name)
	wasDir := w.dirs[ev.Name]
	if wasDir && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) {
		w.moved(ev.Name)
		*full = true
	}
	if ignored(rel, ev.Name, wasDir) {
		return linked
	}
	if !strings.Contains(rel, "/") && !w.inTree(rel) {
		// Directly in the root: only the files there matter, such as
		// netjournal.yaml, not other folders (public/, private/, .git/).
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			return linked
		}
	} else if !w.inTree(rel) {
		return linked
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			w.follow(ev.Name)
		}
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			// A tree made, or made a link again (ln -sfn), is one.
			files, err := w.addTree(ev.Name, slices.Contains(w.trees, rel))
			if err != nil {
				select {
				case w.errs <- err:
				default:
				}
			}
			for _, f := range files {
				pending[f] = true
			}
		}
	}
	pending[rel] = true
	return true
}

// moved forgets the folder dir, gone or renamed, and the folders in it.
// fsnotify keeps the watches of a renamed folder's subfolders under their
// old paths, and would name every later change in them there: they are
// removed, and before the batch goes the trees are watched again, so
// that whatever of the folder is still in one (renamed within it) is
// watched under its new path, once however many folders went. What
// changed in them meanwhile is unknown: the batch is Full.
func (w *Watcher) moved(dir string) {
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			delete(w.dirs, d)
			if d != dir {
				w.fw.Remove(d) // fsnotify may have dropped it already
			}
		}
	}
	w.rewatch = true
}

// watchAgain watches the trees again, after moved.
func (w *Watcher) watchAgain() {
	w.rewatch = false
	for _, t := range w.trees {
		if _, err := w.addTree(filepath.Join(w.root, filepath.FromSlash(t)), true); err != nil && !errors.Is(err, fs.ErrNotExist) {
			select {
			case w.errs <- err:
			default:
			}
		}
	}
}

// ignored reports whether the file or folder at rel (name on disk) is
// one that a build never reads, by the one rule of package source: it, or
// a folder it is in, is hidden, or it is an editor's temporary file. What
// is gone counts as a file (a removed backup~ is not a change) unless it
// was a folder watched (wasDir: a folder backup~, whose documents a build
// reports, moved away).
func ignored(rel, name string, wasDir bool) bool {
	parts := strings.Split(rel, "/")
	for _, dir := range parts[:len(parts)-1] {
		if source.Ignored(dir, true) {
			return true
		}
	}
	last := parts[len(parts)-1]
	asFile, asDir := source.Ignored(last, false), source.Ignored(last, true)
	if asFile == asDir {
		return asFile // no need to look: most names
	}
	info, err := os.Stat(name)
	if err != nil {
		return source.Ignored(last, wasDir)
	}
	return source.Ignored(last, info.IsDir())
}

// limitError explains the inotify limits when they are what failed.
func limitError(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("watching: the system's limit on watched folders is reached: raise it with `sudo sysctl fs.inotify.max_user_watches=524288` (%w)", err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("watching: the system's limit on file watchers is reached: raise it with `sudo sysctl fs.inotify.max_user_instances=1024` (%w)", err)
	}
	return err
}
