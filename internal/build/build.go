// Package build runs the pipeline — load, journal, render, check links —
// and writes the two sites. A render keeps both sites in memory (serve,
// --watch) or streams each file to a staging folder as it is made (build);
// either way the output folders are replaced whole, and only once the
// build has succeeded.
package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/netjournal/netjournal/internal/blog"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/feed"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/public"
	"github.com/netjournal/netjournal/internal/source"
	"github.com/netjournal/netjournal/internal/wiki"
	"github.com/netjournal/netjournal/themes"
)

// Options are the build's settings.
type Options struct {
	Now    time.Time
	Drafts bool   // publish drafts
	Future bool   // publish posts dated after Now
	Strict bool   // warnings are errors
	Origin string // replaces base_url's scheme and host, keeping its path (the dev server)

	// First and Early are for a server showing pages while it rebuilds
	// them: the pages (HTML files) of each site ("public" or "private")
	// that First names are rendered before the others, and handed to
	// Early as soon as each is made, with the public site's base path;
	// the Result still holds every file. Early hears only of a render
	// that got as far as its pages: the site's files, the journal and the
	// public view had no problem (the privacy rules among them). It may
	// still fail after (a template's error, a problem in a wiki page's
	// body found as the page is made, a link check in Strict); the server
	// then takes the pages back.
	First func(site, file string) bool
	Early func(site, file, basePath string, data []byte)
}

// Result is a rendered build: output path → bytes for each site.
type Result struct {
	Public   map[string][]byte
	Private  map[string][]byte
	Warnings content.ErrorList
	Journal  *journal.Journal
	// Rendered counts the pages whose templates ran; the others were
	// unchanged and reused from the previous render.
	Rendered int
	// Notes say what the site's own files changed that a build would
	// otherwise have written: static/robots.txt instead of the generated
	// one, say.
	Notes []string
}

// Pages counts the HTML pages of a site.
func Pages(files map[string][]byte) int {
	n := 0
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			n++
		}
	}
	return n
}

// Render builds both sites from a site folder in memory. Content problems
// come back as a sorted content.ErrorList holding all of them.
func Render(fsys fs.FS, opts Options) (*Result, error) {
	return NewBuilder(fsys).Render(opts)
}

// Builder renders one site again and again, reusing what did not change
// since its last render: parsed documents, rendered Markdown, and the
// links of pages whose bytes are the same. Its results equal Render's.
type Builder struct {
	fsys    fs.FS
	disk    *diskcache.Cache // nil: no cache on disk
	content content.Cache
	md      *markdown.Renderer
	links   linkCache
	hrefs   hrefTable // the hrefs of a streamed render's pages
	blog    blog.Cache
	feeds   feed.Cache
	wiki    wiki.Cache
	last    *lastRender // the last render in memory, if it succeeded
	edits   int         // renders of edited bodies alone since the last full one
	stats   map[string]fs.FileInfo
	ahead   *ahead // the last build's record, read ahead (ReadAhead)
	// diskDone is closed when what the last render in memory kept on the
	// disk is committed (Wait).
	diskDone chan struct{}
	// What Rest knows: the bytes allocated when it was last called, and
	// the collection it began, closed when it ends.
	restAllocs uint64
	resting    chan struct{}
}

// maxEdits is the most renders of edited bodies alone (bodiesEdited) in a
// row: the next renders everything, and forgets what none of its pages
// use. Such a render sweeps no memo (what the other pages used is kept
// for the render that needs it), so what each edited body made (its
// renders for each audience, a few times its size) stays until then:
// a few megabytes of a long session's saves, not all of them.
const maxEdits = 100

// editedGCPercent is the collector's GOGC in a build that renders once
// of bodies edited since the last (see render).
const editedGCPercent = 200

// collectLess sets the collector's GOGC to editedGCPercent, unless the
// GOGC variable sets it (to any value: the user's choice is left alone)
// or it is higher or off already, and returns what sets it back. Builds
// at the same time in one process share the raised GOGC: the last to
// end sets back what the first found.
func collectLess() (undo func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	lessGC.mu.Lock()
	defer lessGC.mu.Unlock()
	if lessGC.builds == 0 {
		prev := debug.SetGCPercent(editedGCPercent)
		if prev < 0 || prev >= editedGCPercent {
			debug.SetGCPercent(prev)
			return func() {}
		}
		lessGC.prev = prev
	}
	lessGC.builds++
	return func() {
		lessGC.mu.Lock()
		defer lessGC.mu.Unlock()
		if lessGC.builds--; lessGC.builds == 0 {
			debug.SetGCPercent(lessGC.prev)
		}
	}
}

// lessGC is what collectLess raised: for how many builds, and from what.
var lessGC struct {
	mu     sync.Mutex
	builds int
	prev   int
}

// NewBuilder returns a Builder for the site in fsys.
func NewBuilder(fsys fs.FS) *Builder {
	return &Builder{fsys: fsys, md: markdown.New()}
}

// Stat makes the next render take the site's files' sizes and times
// from in, which SumInputs took just before, instead of asking each file
// again (a system call each: a fifth of the load of a site it mostly
// takes from the cache). They are handed over: in holds them no more,
// and the load lets them go (at 100,000 posts they were 40 MB, held by
// the caller's Inputs to the build's end).
func (b *Builder) Stat(in *Inputs) { b.stats, in.stats = in.stats, nil }

// Forget makes the next Render read these site files (slash paths) again
// even if their size and time look unchanged.
func (b *Builder) Forget(paths ...string) { b.content.Forget(paths...) }

// ForgetAll makes the next Render read every site file again. What it
// rendered stays known: it is kept by the hash of what it came from.
func (b *Builder) ForgetAll() { b.content = content.Cache{Watched: b.content.Watched} }

// Watched tells b that every change to the site's files from its first
// Render on will be named to Forget before the next Render, or will call
// ForgetAll where some were missed: a watcher started before that first
// Render does (serve, build --watch). A Render then reads the files named
// and no other, not every file's size and time (content.Cache.Watched).
func (b *Builder) Watched() { b.content.Watched = true }

// Unwatched undoes Watched: the watcher said it may miss changes (a
// folder it could not watch), so every Render asks every file its size
// and time again.
func (b *Builder) Unwatched() { b.content.Watched = false }

// Render renders both sites.
func (b *Builder) Render(opts Options) (*Result, error) {
	return b.RenderContext(context.Background(), opts)
}

// RenderContext renders both sites, stopping between its stages once ctx
// is done (Ctrl-C) with ctx's error.
func (b *Builder) RenderContext(ctx context.Context, opts Options) (*Result, error) {
	return b.render(ctx, opts, nil)
}

// Stream renders both sites into s, whose outputs are the public site and
// then the private one, writing each file as it is made: the Result's
// maps hold every file's path, but none's bytes (nil). What the Builder
// keeps for a next render is what Render keeps without the pages, so
// Stream is for a build that renders once.
func (b *Builder) Stream(ctx context.Context, opts Options, s *Stream) (*Result, error) {
	b.blog.Once()
	b.wiki.Once()
	b.feeds.Once()
	b.md.Once()
	defer func() {
		// It knows the pages' links, not their bytes; and the documents'
		// bodies were let go (journal.Options.Reread).
		b.links, b.hrefs, b.content = linkCache{}, hrefTable{}, content.Cache{}
	}()
	if b.disk != nil {
		b.links.statePath = filepath.Join(b.disk.Dir(), linkStateFile)
		b.blog.Remember()
		b.wiki.Remember()
	}
	return b.render(ctx, opts, s)
}

// render renders both sites, keeping their files in memory or, when s is
// not nil, writing them to s.
func (b *Builder) render(ctx context.Context, opts Options, s *Stream) (*Result, error) {
	b.Wait()
	// In memory, the pages taken, and the values noted, are kept on the
	// disk after the render (commit, below).
	b.blog.KeepLater(s == nil)
	b.wiki.KeepLater(s == nil)
	b.disk.NoteLater(s == nil)
	fsys, md := b.fsys, b.md
	b.content.Disk = b.disk
	last := b.last
	b.last = nil
	// A build that renders once knows the last build by what it kept on
	// disk (lastbuild.go): the files it read, which a load takes without
	// reading them again when they are as they were, and what it made.
	var lastOnDisk *lastBuild
	ahead := b.ahead
	b.ahead = nil
	if s != nil && b.disk != nil {
		lastOnDisk = ahead.take(b.lastBuildPath())
		if lastOnDisk != nil {
			b.content.Known = lastOnDisk.Known
		}
	}
	loaded := time.Now()
	b.content.Stats = b.stats
	site, err := b.content.Load(fsys)
	b.content.Known, b.content.Stats, b.stats = nil, nil, nil
	if site == nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.Origin != "" && site.Config.BaseURL != "" {
		site.Config.ServeAt(opts.Origin)
	}
	// Bodies are read as the site says, from the first look at them on
	// (what an edit changed of them, below).
	md.TrustHTML(site.Config.TrustHTML)
	var edited map[string]bool // the documents whose bodies alone changed
	// A build that renders once builds on the last build as a render in
	// memory builds on the last render: on every input but the bodies
	// edited.
	if s == nil && err == nil && b.edits < maxEdits {
		edited = bodiesEdited(last, site, opts, md)
	} else if s != nil && err == nil && b.disk != nil {
		if lastOnDisk != nil && lastOnDisk.Edits < maxEdits {
			edited = lastOnDisk.edited(site, opts, md)
		}
		if edited != nil {
			b.blog.Resume(lastOnDisk.Blog)
			b.wiki.Resume(lastOnDisk.Wiki)
			// Such a build holds far less than a cold one: at 10,000
			// posts, 124 MB at its end against a cold build's peak of
			// 300 MB, its heap made from nothing up, collected a dozen
			// times (a tenth of its CPU) on the way. Its heap may grow to
			// three times what it holds, and the collector run half as
			// often: 6% less CPU, 5% more memory at its peak, still well
			// under a cold build's. (The memory limit still bounds it.)
			defer collectLess()()
		}
	}
	// A render in memory may take, of its last one, the public view and
	// the pages of the posts and events when what they are made of is
	// the same (journal.SamePublic, wiki.Options.KeepPosts): kept says it
	// did.
	// Such a render, as one of edited bodies, uses what changed alone.
	mayKeep := s == nil && err == nil && b.edits < maxEdits
	kept := false
	edits := b.edits
	defer func() {
		if edited != nil || kept {
			b.edits = edits + 1
			return
		}
		b.edits = 0
		// What was not used since the render before is forgotten. A
		// render of edited bodies, or one that kept the public view or
		// the posts' pages, uses what changed alone: what the rest of
		// the site made is kept for the render that needs it, and the
		// memory held grows by what those renders make until then
		// (maxEdits).
		md.Sweep()
	}()
	// Documents that did not load are still in the site, so references
	// to them resolve: the journal's problems are reported with the
	// loading ones, all in one pass.
	var errs content.ErrorList
	errs.Append(err)
	theme, err := themes.Load(fsys, site.Config.Theme)
	if err != nil {
		errs.Add(content.Position{Path: content.ConfigFile, Line: site.Config.Line("theme")}, "%v", err)
	}
	jopts := journal.Options{Now: opts.Now, Drafts: opts.Drafts, Future: opts.Future}
	if s != nil {
		// Rendered once: a body prepared on disk is read back from there
		// for each audience, and its text let go.
		jopts.Reread = func(path string) (string, error) { return content.ReadBody(fsys, path) }
	}
	var j *journal.Journal
	var pub *public.Site
	// The wiki is rendered while the blog and its feeds are, in memory
	// and in a build of edited bodies: they share nothing but the
	// Markdown renderer and the disk cache, both safe for concurrent use,
	// and each has stretches on one core that the other fills. In
	// memory, it starts as soon as the journal is built, while the public
	// view is made or found the same (every core has its stretches there
	// too: 12 ms of an event added at 10,000 posts); a build of edited
	// bodies starts it after the public view (which reads each body first,
	// markdown.Renderer.Drop), and a streamed build of every page once the
	// blog's pages are made (below, where it starts).
	type rendered struct {
		files map[string][]byte
		pages int
		err   error
	}
	pubOut, privOut := b.output(s, 0, "public/"), b.output(s, 1, "private/")
	if s == nil && opts.Early != nil && opts.First != nil {
		base := site.Config.BasePath()
		for name, o := range map[string]*output{"public": pubOut, "private": privOut} {
			o.first = func(file string) bool { return opts.First(name, file) }
			o.early = func(file string, data []byte) { opts.Early(name, file, base, data) }
		}
	}
	var wikiDone chan rendered
	var gate *earlyGate // the wiki's pages shown early, while it is not known to succeed
	var photoWarnings content.ErrorList
	// The folders of static/posts/ that the blog does not publish,
	// looked for once a build, when the journal is the build's (below).
	held := sync.OnceValues(func() (map[string]string, error) { return heldFolders(fsys, j) })
	heldFiles := func() map[string]string { h, _ := held(); return h }
	var heldErrs error // what reading them found, said with the build's errors
	startWiki := func() {
		// Contacts' photos, for the wiki: one that cannot be shown is a
		// warning.
		var photos map[string]content.Photo
		photos, photoWarnings = content.ReadPhotos(fsys, site.Contacts)
		// The files beside the posts the blog does not publish: the
		// wiki's, which shows these posts.
		postFiles, err := readStatic(fsys, heldFiles())
		heldErrs = err
		wikiDone = make(chan rendered, 1)
		go func() {
			wopts := wiki.Options{Photos: photos, PostFiles: postFiles, Edited: edited, KeepPosts: mayKeep}
			if s != nil {
				// A build that renders once holds each rendered body only
				// while the pages that show it do (markdown.Renderer.Release).
				wopts.Filled = md.Release
			}
			err := b.wiki.RenderWith(j, theme, wopts, privOut.site())
			wikiDone <- rendered{privOut.files, b.wiki.Rendered(), err}
		}()
	}
	// waitWiki waits for the wiki, if it started: nothing of a render
	// outlives it.
	waitWiki := func() (w rendered) {
		if wikiDone != nil {
			w = <-wikiDone
			wikiDone = nil
		}
		return w
	}
	// blogEdited is edited for the blog: the posts whose bodies alone
	// changed, or none when the public view is the last one.
	blogEdited := edited
	if edited != nil && s == nil {
		// The last render's journal and public view, edited: what a
		// build of them would make again (journal.EditBodies).
		j, pub = last.journal, last.public
		errs.Append(j.EditBodies(site, jopts, edited, pub))
	} else {
		j, err = journal.Build(site, md, jopts)
		errs.Append(err)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s == nil && len(errs) == 0 {
			// Its pages open in a browser are shown once the public
			// view is known to be made: a build that fails shows none.
			if privOut.early != nil {
				gate = &earlyGate{show: privOut.early}
				privOut.early = gate.put
			}
			startWiki()
		}
		if mayKeep && len(errs) == 0 && last != nil && last.public != nil && j.SamePublic(last.journal) {
			// A contact or an event changed, say: what the public view
			// is made of is the last one's, and so is the view, and
			// every page of the blog.
			j.TakePublic(last.journal)
			pub, blogEdited, kept = last.public, map[string]bool{}, true
		} else {
			// The public view's problems (a private contact linked
			// without a label) are reported with all the others, not
			// after they are fixed.
			pub, err = j.Public()
			errs.Append(withoutFilesIn(err, errs))
		}
	}
	if len(errs) > 0 {
		gate.drop()
		waitWiki()
		if theme != nil && theme.Name != "" {
			// A site theme's templates that do not parse, with the rest.
			for _, check := range []func(*themes.Theme) error{blog.CheckTheme, wiki.CheckTheme} {
				if e := themeProblem(check(theme)); e != nil {
					errs = append(errs, e)
				}
			}
		}
		errs.Sort()
		// With what the load warned of: a file it did not read may be
		// why a reference finds nothing.
		return nil, &Failed{ErrorList: errs, Warnings: site.Warnings}
	}
	if err := ctx.Err(); err != nil {
		gate.drop()
		waitWiki()
		return nil, err
	}
	gate.open()
	// A streamed build (but one of edited bodies) makes the blog's
	// pages, then the wiki's (with the feeds), each site on every core:
	// each holds its plan, its views and its pages in the making only
	// while its own pages are made. At 100,000 posts, the two at once
	// held 100 MB more through the render, which the collector marked
	// again every second (a streamed build of 100,000 posts: 70 s
	// against 74, of the full journal at 10,000 posts 11.2 s against
	// 11.7, of 10,000 posts 5.6 against 5.5). A build of edited bodies,
	// whose heap is small and whose two sites each spend part of their
	// time on one core (the lists whose data changed), makes the two at
	// once, as does a render in memory (serve): one after the other, an
	// edit's build at 10,000 posts took 0.66 s against 0.635.
	if wikiDone == nil && (s == nil || edited != nil) {
		startWiki()
	}
	res := &Result{Journal: j, Warnings: append(append(content.ErrorList(nil), j.Warnings...), site.Warnings...)}
	blogErr := func() error {
		if pub == nil {
			return nil
		}
		out := pubOut.site()
		if err := b.blog.Render(pub, theme, blogEdited, out); err != nil {
			var problems public.Problems
			if errors.As(err, &problems) {
				for _, p := range problems {
					errs.Add(content.Position{Path: p.Source, Line: p.Line}, "%s", p.Msg)
				}
				errs.Sort()
				return errs.Err()
			}
			return themeError("render blog", theme.ExecError("blog", err))
		}
		res.Rendered += b.blog.Rendered()
		if wikiDone == nil {
			startWiki() // the wiki's turn, a streamed build's (above)
		}

		feeds, err := b.feeds.Keyed(pub)
		if err != nil {
			return fmt.Errorf("render feeds: %w", err)
		}
		slices.SortFunc(feeds, func(a, b feed.File) int { return strings.Compare(a.Path, b.Path) })
		for _, f := range feeds {
			if err := out.PutKeyed(f.Path, f.Key, f.Data); err != nil {
				return err
			}
		}
		notes, err := addStatic(fsys, out, heldFiles())
		errs.Append(err)
		res.Notes = append(res.Notes, notes...)
		res.Public = pubOut.files
		return nil
	}()
	if wikiDone == nil && blogErr == nil {
		startWiki() // a site without a public view
	}
	w := waitWiki() // in any case
	// The photos' warnings, read as the wiki started.
	res.Warnings = append(res.Warnings, photoWarnings...)
	if blogErr != nil {
		return nil, blogErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if w.err != nil {
		return nil, themeError("render wiki", theme.ExecError("wiki", w.err))
	}
	res.Private = w.files
	res.Rendered += w.pages
	kept = kept || b.wiki.Kept()
	errs.Append(j.Late())
	_, err = held() // the folders no post can be told to own
	errs.Append(err)
	errs.Append(heldErrs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Every file is put: the stagings are finished while the links are
	// checked (Stream.Settle).
	if s != nil {
		s.Settle()
	}
	// The cache keeps what this render used, and only that. A cache that
	// cannot be written costs speed, not the build. A build of edited
	// bodies used what they changed alone, and keeps the rest for the
	// builds that need it; the one after maxEdits in a row builds every
	// page again, and forgets what none used. What the next build in a
	// new process needs of this one is written while the links are
	// checked (each on a core: it was 40 ms of a 1 s build after an
	// edit), and kept if the build succeeds.
	keepLast := func(bool) {}
	if s != nil && b.disk != nil {
		edits := 0
		if edited != nil {
			b.disk.KeepAll()
			edits = lastOnDisk.Edits + 1
		}
		staged := make(chan func(bool), 1)
		blogLast, wikiLast := b.blog.Last(), b.wiki.Last()
		// What the load read of each file, but for the files changed
		// within a tick of the load (written again in that tick, they
		// would look the same to the next), and where the file system
		// gives no change time (a file written again to the same size,
		// its modification time set back, would too).
		known := b.content.Files()
		limit := loaded.Add(-racyWindow).UnixNano()
		maps.DeleteFunc(known, func(_ string, k content.Known) bool { return k.Ctime == 0 || k.ChangedSince(limit) })
		go func() { staged <- stageLastBuild(b.lastBuildPath(), site, j, opts, blogLast, wikiLast, known, edits) }()
		keepLast = func(ok bool) { (<-staged)(ok) }
	}
	if res.Public != nil {
		res.Warnings = append(res.Warnings, b.links.check(j, res, s == nil, edited)...)
	}
	res.Warnings.Sort()
	if opts.Strict && len(res.Warnings) > 0 {
		keepLast(false)
		return nil, fmt.Errorf("strict: %w", res.Warnings)
	}
	keepLast(true)
	commit := func() {
		b.blog.KeepNoted()
		b.wiki.KeepNoted()
		if kept {
			// What the pages taken were made of is kept for the render
			// that makes them again.
			b.disk.KeepAll()
		}
		b.disk.Commit()
	}
	if s == nil {
		b.last = &lastRender{site: site, journal: j, public: pub, opts: opts}
		if b.disk != nil {
			// In memory (serve, --watch), the disk keeps what the next
			// process will want: it is committed once the render has
			// returned, before the next one begins or the cache is closed
			// (Wait). Going through every value the cache holds, and
			// writing its index, took 10 to 15 ms of each rebuild at
			// 10,000 posts.
			done := make(chan struct{})
			b.diskDone = done
			go func() {
				defer close(done)
				commit()
			}()
			return res, nil
		}
	}
	commit()
	return res, nil
}

// Failed is a render's content problems (an ErrorList, as errors.As
// finds it) with the warnings of the site's load: a file not read (a
// post saved as .markdown) is often why a reference found nothing, and
// a build that fails says it too.
type Failed struct {
	content.ErrorList
	Warnings content.ErrorList
}

func (f *Failed) Unwrap() error { return f.ErrorList }

// Wait waits until what the last render kept on the disk is committed.
// Call it before closing the Builder's cache (UseDisk); a render and a
// preview call it first.
func (b *Builder) Wait() {
	if b.diskDone != nil {
		<-b.diskDone
		b.diskDone = nil
	}
}

// earlyGate holds the pages a render shows early (Options.Early) until it
// is opened, and drops them if it is dropped instead.
type earlyGate struct {
	show func(file string, data []byte)

	mu    sync.Mutex
	state int // 0 holding, 1 open, 2 dropped
	held  []heldPage
}

type heldPage struct {
	file string
	data []byte
}

func (g *earlyGate) put(file string, data []byte) {
	g.mu.Lock()
	state := g.state
	if state == 0 {
		g.held = append(g.held, heldPage{file, data})
	}
	g.mu.Unlock()
	if state == 1 {
		g.show(file, data)
	}
}

// open shows the pages held, and from now on every page as it comes.
func (g *earlyGate) open() {
	if g == nil {
		return
	}
	g.mu.Lock()
	held := g.held
	g.held, g.state = nil, 1
	g.mu.Unlock()
	for _, p := range held {
		g.show(p.file, p.data)
	}
}

// drop forgets the pages held, and every page that comes after.
func (g *earlyGate) drop() {
	if g == nil {
		return
	}
	g.mu.Lock()
	g.held, g.state = nil, 2
	g.mu.Unlock()
}

// lastBuildPath is where a build that renders once keeps what the next
// needs of it (lastbuild.go).
func (b *Builder) lastBuildPath() string { return filepath.Join(b.disk.Dir(), lastBuildFile) }

// output collects a site's files as a render puts them: in memory, or
// on to a Stream, keeping only their paths, and what the link check needs
// of each page (linkCache.keep).
type output struct {
	mu    sync.Mutex
	files map[string][]byte
	// When streamed: the Stream and the number of this site's folder in
	// it, and what keeps each page's links.
	stream *Stream
	out    int
	links  *linkKeeper
	// When rendered in memory for a server: the pages it shows first,
	// and what it is told of each as soon as it is made (Options.Early).
	first func(file string) bool
	early func(file string, data []byte)
}

// output returns the output of the site numbered out in s, if s is not
// nil; prefix names the site for the link check.
func (b *Builder) output(s *Stream, out int, prefix string) *output {
	o := &output{files: map[string][]byte{}}
	if s != nil {
		o.stream, o.out = s, out
		o.links = &linkKeeper{lc: &b.links, prefix: prefix, disk: b.disk, hrefs: &b.hrefs,
			staged: func(file string, buf *[]byte) ([]byte, error) { return s.readBack(out, file, buf) }}
	}
	return o
}

// site is where a render puts the files.
func (o *output) site() *page.Site {
	if o.stream == nil {
		s := page.NewSite(o.put)
		s.RenderFirst(o.first)
		return s
	}
	return page.NewKeyedSite(o.put, o.putKeyed, o.putFrom)
}

// putFrom streams a file whose bytes write writes (the search index),
// never held whole.
func (o *output) putFrom(file string, write func(io.Writer) error) error {
	if err := o.stream.putFrom(o.out, file, write); err != nil {
		return err
	}
	if err := o.links.keep(file, page.Key{}, func() ([]byte, error) { return o.stream.readBack(o.out, file, nil) }); err != nil {
		return err
	}
	o.mu.Lock()
	o.files[file] = nil
	o.mu.Unlock()
	return nil
}

func (o *output) put(file string, data []byte) error {
	if o.stream != nil {
		return o.putKeyed(file, page.Key{}, func() ([]byte, error) { return data, nil }, nil)
	}
	o.mu.Lock()
	o.files[file] = data
	o.mu.Unlock()
	if o.first != nil && strings.HasSuffix(file, ".html") && o.first(file) {
		o.early(file, data)
	}
	return nil
}

// putKeyed streams a page known by its key (zero for other files), whose
// bytes data gives, read once if at all; or, when data fails with
// page.ErrBig, write writes into its staged file.
func (o *output) putKeyed(file string, key page.Key, data func() ([]byte, error), write func(io.Writer) error) error {
	key = o.keyFor(key)
	var once sync.Once
	var b []byte
	var err error
	load := func() ([]byte, error) {
		once.Do(func() { b, err = data() })
		return b, err
	}
	if err := o.stream.putKeyed(o.out, file, key, load, write); err != nil {
		return err
	}
	if err := o.links.keep(file, key, load); err != nil {
		return err
	}
	o.mu.Lock()
	o.files[file] = nil
	o.mu.Unlock()
	return nil
}

// keyFor is what a page is known by in its folder's manifest, which
// outlives the program and its cache: its key with the program's version,
// so that a page made by another netjournal is made again; and nothing
// without the cache on disk (--no-cache renders every page).
func (o *output) keyFor(key page.Key) page.Key {
	if key == (page.Key{}) || o.links.disk == nil {
		return page.Key{}
	}
	v, err := version()
	if err != nil {
		return page.Key{}
	}
	return sha256.Sum256(append([]byte(v+"\x00"), key[:]...))
}

// withoutFilesIn drops the problems of err in files that already have one
// in known: a post whose front matter did not load (draft: tru) is read
// with defaults, and what the public view says of it would mislead.
func withoutFilesIn(err error, known content.ErrorList) error {
	var list content.ErrorList
	if !errors.As(err, &list) || len(known) == 0 {
		return err
	}
	bad := map[string]bool{}
	for _, e := range known {
		bad[e.Pos.Path] = true
	}
	var out content.ErrorList
	for _, e := range list {
		if !bad[e.Pos.Path] {
			out = append(out, e)
		}
	}
	return out.Err()
}

// themeError reports a problem in a theme file like a content problem, at
// its path and line; other errors are wrapped with the stage's name.
func themeError(stage string, err error) error {
	if e := themeProblem(err); e != nil {
		return content.ErrorList{e}
	}
	return fmt.Errorf("%s: %w", stage, err)
}

// themeProblem is err, when it is a site theme's, at the theme's file and
// line; else nil.
func themeProblem(err error) *content.Error {
	var te *themes.Error
	if !errors.As(err, &te) {
		return nil
	}
	return content.Errorf(content.Position{Path: te.Path, Line: te.Line}, "%s", te.Msg)
}

// StaticDir holds files copied as they are to the public site.
const StaticDir = "static"

// heldFolders are the folders of static/posts/ that hold the files of a
// post the blog does not publish (a draft, a private post, one dated
// after today), where a post's images go, each (its path in static/,
// posts/Secret-Plans) with the post's folder on the sites, posts/<slug>.
// A folder is a post's by the post's slug, its file's name (the folder
// of a post whose slug: is another) or its own name made a slug
// (Secret-Plans, Café Notes): copied to the blog, they published the
// post's images, and its name with them.
func heldFolders(fsys fs.FS, j *journal.Journal) (map[string]string, error) {
	unpublished := map[string]*journal.Post{} // a name of the post's → the post
	published := map[string]*journal.Post{}   // the posts the blog has, by slug
	for _, p := range j.Posts {
		if p.Published(j.Opts) {
			published[p.Slug()] = p
			continue
		}
		for _, n := range []string{p.Slug(), content.SlugOf(p.Path), content.LegacySlugOf(p.Path)} {
			if n != "" {
				unpublished[n] = p
			}
		}
	}
	if len(unpublished) == 0 {
		return nil, nil
	}
	tops, _ := fs.ReadDir(fsys, StaticDir)
	held := map[string]string{}
	var errs content.ErrorList
	for _, top := range tops {
		// posts/, or Posts/ as a disk blind to case lets it be.
		if !top.IsDir() || !strings.EqualFold(top.Name(), "posts") {
			continue
		}
		entries, _ := fs.ReadDir(fsys, StaticDir+"/"+top.Name())
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			var owner *journal.Post
			for _, n := range []string{e.Name(), content.SlugOf(e.Name() + ".md"), content.Slugify(e.Name())} {
				if p, ok := unpublished[n]; ok {
					owner = p
					break
				}
			}
			dir := top.Name() + "/" + e.Name()
			if pub := published[e.Name()]; pub != nil {
				// A published post's own folder is its; named as an
				// unpublished post's file too, whose it is cannot be
				// told, and the other's files would be published.
				if owner != nil && owner.Slug() != e.Name() {
					errs.Add(content.Position{Path: StaticDir + "/" + dir}, "the folder of the published post %s (%s), and named as the file of %s, which the blog does not publish: whose files it holds cannot be told; rename %s as its slug, %s.md, and keep its files in %s/posts/%s/",
						pub.Slug(), pub.Path, owner.Path, owner.Path, owner.Slug(), StaticDir, owner.Slug())
				}
				continue
			}
			if owner != nil {
				held[dir] = "posts/" + owner.Slug()
			}
		}
	}
	return held, errs.Err()
}

// inFolders reports whether rel, a path in static/, is in one of the
// folders of held.
func inFolders(rel string, held map[string]string) bool {
	top, rest, ok := strings.Cut(rel, "/")
	if !ok || !strings.EqualFold(top, "posts") {
		return false
	}
	dir, _, ok := strings.Cut(rest, "/")
	_, isHeld := held[top+"/"+dir]
	return ok && isHeld
}

// readStatic reads the files of static/ in the folders of held, by their
// path in the wiki: in the post's folder there (posts/<slug>/). Two files
// at one path there (static/posts/x/a.png and static/Posts/x/a.png) are
// an error, naming both: one would be lost.
func readStatic(fsys fs.FS, held map[string]string) (map[string][]byte, error) {
	var files map[string][]byte
	from := map[string]string{} // a file's path in the wiki → in the site
	var errs content.ErrorList
	for _, f := range slices.Sorted(maps.Keys(held)) {
		err := walkStatic(fsys, StaticDir+"/"+f, func(p, rel string) error {
			at := held[f] + strings.TrimPrefix(rel, f)
			if first, ok := from[at]; ok {
				errs.Add(content.Position{Path: p}, "the same file of the post as %s, both at private/%s: keep one", first, at)
				return nil
			}
			from[at] = p
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			if files == nil {
				files = map[string][]byte{}
			}
			files[at] = b
			return nil
		})
		if err != nil {
			errs.Add(content.Position{Path: StaticDir + "/" + f}, "%v", err)
		}
	}
	return files, errs.Err()
}

// walkStatic calls file for each file of static/ in dir (a folder
// missing holds none), with its path in a site, leaving out what a
// source folder's walk does (source.Ignored: .git, editors' files).
func walkStatic(fsys fs.FS, dir string, file func(p, rel string) error) error {
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		if p != StaticDir && source.Ignored(d.Name(), d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		return file(p, strings.TrimPrefix(p, StaticDir+"/"))
	})
}

// addStatic copies the site's static/ folder into the public site, but
// for what is in the folders held (heldFolders). A file there may
// replace a generated file where that is what it means (a robots.txt of
// the site's own, a stylesheet or icon of the theme's), each said in a
// note; it may not replace a page, a feed or the sitemap.
func addStatic(fsys fs.FS, files *page.Site, held map[string]string) (notes []string, err error) {
	var errs content.ErrorList
	err = walkStatic(fsys, StaticDir, func(p, rel string) error {
		if inFolders(rel, held) {
			return nil
		}
		if files.Has(rel) {
			switch path.Ext(rel) {
			case ".html", ".xml", ".json":
				errs.Add(content.Position{Path: p}, "static file would replace the generated %s: rename it", rel)
				return nil
			}
			notes = append(notes, fmt.Sprintf("%s replaces the generated %s", p, rel))
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return files.Put(rel, b)
	})
	if err != nil {
		errs.Add(content.Position{Path: StaticDir}, "%v", err)
	}
	return notes, errs.Err()
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Verify renders the site afresh, with no cache, and reports how got, a
// rebuild's result, differs from it: the paths of the files that differ,
// are missing or are extra. netjournal serve and build --watch run it
// after every rebuild when NETJOURNAL_VERIFY is set.
func Verify(fsys fs.FS, opts Options, got *Result) error {
	opts.First, opts.Early = nil, nil // a check, which shows nothing
	want, err := Render(fsys, opts)
	if err != nil {
		return fmt.Errorf("verify: the full build failed: %w", err)
	}
	var diffs []string
	for _, site := range []struct {
		name      string
		got, want map[string][]byte
	}{{"public", got.Public, want.Public}, {"private", got.Private, want.Private}} {
		for p, w := range site.want {
			if g, ok := site.got[p]; !ok {
				diffs = append(diffs, "missing "+site.name+"/"+p)
			} else if string(g) != string(w) {
				diffs = append(diffs, "differs "+site.name+"/"+p)
			}
		}
		for p := range site.got {
			if _, ok := site.want[p]; !ok {
				diffs = append(diffs, "extra "+site.name+"/"+p)
			}
		}
	}
	if len(diffs) == 0 {
		return nil
	}
	sort.Strings(diffs)
	return fmt.Errorf("verify: the rebuild differs from a full build: %s", strings.Join(diffs, ", "))
}
