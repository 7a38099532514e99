package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/fileid"
	"github.com/netjournal/netjournal/internal/par"
	"github.com/netjournal/netjournal/internal/source"
)

// The up-to-date check, as make's: a build whose inputs are all as they
// were when the last build read them, and whose output folders are as
// that build left them, would write the very same files, so it has
// nothing to do. The inputs are every file of the site folder (but .git,
// WorkDir and the output folders) by its name and what the file system
// says of it, the program, and the options; a build depends on the clock
// only through the day it falls on (Options.Now).
//
// It errs on the side of building: a site holding a symbolic link, or a
// file changed too shortly before a build for its time to tell a later
// change (racyWindow), is built in full.

// Inputs sums what a build reads. The zero Inputs is a site that cannot
// be summed: it is never up to date.
type Inputs struct {
	sum  string
	racy bool // a file changed within racyWindow of the summing
	// stats are the regular files' sizes and times as the sum found
	// them, by their slash-separated path in the site: for the load
	// (Builder.Stat), which asks them again otherwise.
	stats map[string]fs.FileInfo
}

// racyWindow is how close to the summing a file may have changed and
// still be trusted by its time: a file system keeps times to a tick
// (Linux's clock tick, or two seconds on FAT), and a second change in
// the tick of the first leaves the time as it was. A site summed with
// such a file is built, and its sum not kept.
var racyWindow = 2 * time.Second

const stampFile = "stamp.json"

func stampPath(site string) string { return filepath.Join(site, WorkDir, stampFile) }

// SumInputs sums what a build of the site folder with opts, writing the
// output folders outs, reads. It is taken before the build reads
// anything: a file changed while the build runs then differs from the
// sum, and the next build sees it.
func SumInputs(site string, opts Options, outs ...string) Inputs {
	start := time.Now()
	// The program is hashed (version: a read of all its bytes, a fifth of
	// the summing) on another core while the site is walked.
	type versioned struct {
		v   string
		err error
	}
	hashed := make(chan versioned, 1) // never waited for on a return before the walk's end
	go func() {
		v, err := versionIn(site)
		hashed <- versioned{v, err}
	}()
	root, err := realPath(site)
	if err != nil {
		return Inputs{}
	}
	skip := map[string]bool{filepath.Join(root, ".git"): true, filepath.Join(root, WorkDir): true}
	made := map[string]bool{}
	var outLines []byte
	for _, o := range outs {
		// The walk goes through the site's real path: so must the
		// outputs' (a site under a linked folder holds them there).
		real, err := realPath(o)
		if err != nil {
			return Inputs{}
		}
		skip[real] = true
		skip[filepath.Join(filepath.Dir(real), WorkDir)] = true // its staging, spare and manifest
		outLines = fmt.Appendf(outLines, "output %q\n", real)
		// The folders holding it are made by the first build that writes
		// there: what else they hold is summed, not they.
		for d := filepath.Dir(real); d != root && within(d, root); d = filepath.Dir(d) {
			made[d] = true
		}
	}
	// The walk lists the site's folders and files in order; each file's
	// size, times and inode are then asked on every core (a system call
	// each: most of the summing, at 10,000 posts, on one core), and the
	// lines summed in the walk's order.
	type item struct {
		rel  string
		d    fs.DirEntry
		info fs.FileInfo
		err  error
	}
	var items []item
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if skip[p] {
			return filepath.SkipDir
		}
		rel := filepath.ToSlash(strings.TrimPrefix(strings.TrimPrefix(p, root), string(filepath.Separator)))
		switch {
		case d.IsDir():
			if !made[p] {
				items = append(items, item{rel: rel})
			}
			return nil
		case !d.Type().IsRegular() && source.Ignored(d.Name(), false):
			return nil // never read: Emacs' lock link (.#a.md), say
		case !d.Type().IsRegular():
			return errUnsummable // a link may point anywhere; a device is not a source
		}
		items = append(items, item{rel: rel, d: d})
		return nil
	})
	if err != nil {
		return Inputs{}
	}
	par.Each(len(items), func(i int) {
		if it := &items[i]; it.d != nil {
			it.info, it.err = it.d.Info()
		}
	})
	v := <-hashed
	if v.err != nil {
		return Inputs{}
	}
	h := sha256.New()
	fmt.Fprintf(h, "netjournal %s\ndrafts %t future %t strict %t origin %q day %s\n",
		v.v, opts.Drafts, opts.Future, opts.Strict, opts.Origin, content.Day(opts.Now).Format(time.DateOnly))
	h.Write(outLines)
	in := Inputs{stats: make(map[string]fs.FileInfo, len(items))}
	var line []byte
	for _, it := range items {
		if it.d == nil { // a folder
			line = append(strconv.AppendQuote(append(line[:0], "d "...), it.rel), '\n') // "d %q\n"
			h.Write(line)
			continue
		}
		if it.err != nil {
			return Inputs{}
		}
		in.stats[it.rel] = it.info
		st := stateOf(it.info, [sha256.Size]byte{})
		ctime := fileid.ChangeTime(it.info)
		line = fileLine(line[:0], it.rel, st.size, st.mtime, ctime, st.ino, it.info.Mode())
		h.Write(line)
		if limit := start.Add(-racyWindow).UnixNano(); st.mtime >= limit || ctime >= limit {
			in.racy = true
		}
	}
	in.sum = hex.EncodeToString(h.Sum(nil))
	return in
}

// fileLine appends what the sum says of a file to b: the line fmt writes
// for "f %q %d %d %d %d %o\n", written with strconv (fmt's was most of
// the summing, and every build sums every file of the site).
func fileLine(b []byte, rel string, size, mtime, ctime int64, ino uint64, mode fs.FileMode) []byte {
	b = strconv.AppendQuote(append(b, "f "...), rel)
	for _, n := range []int64{size, mtime, ctime} {
		b = strconv.AppendInt(append(b, ' '), n, 10)
	}
	b = strconv.AppendUint(append(b, ' '), ino, 10)
	b = strconv.AppendUint(append(b, ' '), uint64(mode), 8)
	return append(b, '\n')
}

var errUnsummable = errors.New("not a regular file or folder")

// Stamp is what a build that wrote its output folders keeps of itself for
// the up-to-date check: the sum of its inputs, and what it said.
type Stamp struct {
	Inputs   string                 `json:"inputs"`
	Warnings []stampWarning         `json:"warnings"`
	Notes    []string               `json:"notes"`
	Outputs  map[string]stampOutput `json:"outputs"` // by output folder
}

// stampOutput is what the stamp knows of an output folder as the build
// left it: the mode of the folder, the SHA-256 of its manifest, which
// says what is in it (another site writing the same folder writes
// another manifest), and its HTML pages, for the summary.
type stampOutput struct {
	Private  bool   `json:"private"`
	Manifest string `json:"manifest"`
	Pages    int    `json:"pages"`
}

type stampWarning struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	Msg  string `json:"msg"`
}

// WarningList is the warnings a stamp holds.
func (s *Stamp) WarningList() content.ErrorList {
	var l content.ErrorList
	for _, w := range s.Warnings {
		l = append(l, &content.Error{Pos: content.Position{Path: w.Path, Line: w.Line}, Msg: w.Msg})
	}
	return l
}

// PagesIn is the number of HTML pages a stamp says the output folder dir
// holds.
func (s *Stamp) PagesIn(dir string) int {
	abs, _ := filepath.Abs(dir)
	return s.Outputs[abs].Pages
}

// saveStamp keeps what a build that read in and wrote outs, just now and
// with the lock still held, said, for the next build's check. A racy sum
// is not kept.
func saveStamp(site string, in Inputs, res *Result, outs []Output) error {
	if in.sum == "" || in.racy {
		return nil
	}
	s := Stamp{Inputs: in.sum, Notes: res.Notes, Outputs: map[string]stampOutput{}}
	for _, w := range res.Warnings {
		s.Warnings = append(s.Warnings, stampWarning{w.Pos.Path, w.Pos.Line, w.Msg})
	}
	for _, o := range outs {
		abs, err := filepath.Abs(o.Dir)
		if err != nil {
			return err
		}
		m, err := os.ReadFile(manifestPath(stepFor(abs)))
		if err != nil {
			return err
		}
		s.Outputs[abs] = stampOutput{Private: o.Private, Manifest: digestOf(m), Pages: Pages(o.Files)}
	}
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	tmp := stampPath(site) + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, stampPath(site))
}

// UpToDate returns the stamp of the last build if a build that read in
// would write to the output folders outs exactly what they hold: the
// last build read the same inputs, wrote these folders, and every file
// and folder in them is as it left them. Otherwise it returns nil.
func UpToDate(ctx context.Context, site string, in Inputs, outs ...string) (*Stamp, error) {
	if in.sum == "" {
		return nil, nil
	}
	unlock, err := lock(ctx, site)
	if err != nil {
		return nil, err
	}
	defer unlock()
	data, err := os.ReadFile(stampPath(site))
	if err != nil {
		return nil, nil
	}
	var s Stamp
	if json.Unmarshal(data, &s) != nil || s.Inputs != in.sum || len(s.Outputs) != len(outs) {
		return nil, nil
	}
	dirs := make([]string, len(outs))
	for i, o := range outs {
		if dirs[i], err = filepath.Abs(o); err != nil {
			return nil, err
		}
		if _, ok := s.Outputs[dirs[i]]; !ok {
			return nil, nil
		}
	}
	// Each folder is looked at on a core of its own.
	same := make([]bool, len(outs))
	var wg sync.WaitGroup
	for i, dir := range dirs {
		wg.Go(func() { same[i] = asWritten(dir, s.Outputs[dir]) })
	}
	wg.Wait()
	if slices.Contains(same, false) {
		return nil, nil
	}
	return &s, nil
}

// asWritten reports whether the output folder dir holds exactly what the
// build that wrote it, as the stamp knows it, put there: its manifest is
// that build's, and the folder holds the same files, each unchanged since
// by what the file system says of it, the folders they need, and nothing
// else, the folder itself with the mode a build gives it. (The modes of
// files and folders inside are not looked at: a build links a file that
// is as it wrote it, whatever its mode.)
func asWritten(dir string, was stampOutput) bool {
	data, err := os.ReadFile(manifestPath(stepFor(dir)))
	if err != nil || digestOf(data) != was.Manifest {
		return false
	}
	m := parseManifest(data)
	if len(m) == 0 {
		return false
	}
	mode := fs.ModeDir | 0o755
	if was.Private {
		mode = fs.ModeDir | 0o700
	}
	if info, err := os.Lstat(dir); err != nil || info.Mode() != mode {
		return false
	}
	dirs := map[string]bool{".": true}
	for name := range m {
		for d := path.Dir(name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	seen := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if d.IsDir() {
			if !dirs[name] {
				return errChanged
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want, ok := m[name]
		if !ok || !want.is(info) {
			return errChanged
		}
		seen++
		return nil
	})
	return err == nil && seen == len(m)
}

var errChanged = errors.New("changed since written")

func digestOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// removeStamp forgets the last build's stamp: its output is about to be
// replaced.
func removeStamp(site string) error {
	err := os.Remove(stampPath(site))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
