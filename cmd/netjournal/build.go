package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/netjournal/netjournal/internal/build"
	"github.com/netjournal/netjournal/internal/watch"
)

// buildCmd is `netjournal build` and, with check set, `netjournal check`:
// the same validation, nothing written.
type buildCmd struct {
	*env
	check bool
}

func (c *buildCmd) Run(ctx context.Context, args []string) int {
	name, usage := "build", "build [-C DIR] [--watch] [--drafts] [--future] [--strict] [--out DIR] [--wiki-out DIR] [--now DATE] [--quiet] [--no-cache]"
	if c.check {
		name, usage = "check", "check [-C DIR] [--drafts] [--future] [--strict] [--now DATE]"
	}
	fs := c.flags(name, usage)
	var opts build.Options
	var now nowFlag
	out, wikiOut := "public", "private"
	quiet, watching, noCache := false, false, false
	fs.BoolVar(&opts.Drafts, "drafts", false, "publish draft posts too")
	fs.BoolVar(&opts.Future, "future", false, "publish posts dated in the future too")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings (broken links, unresolved wikilinks) as errors")
	fs.Var(&now, "now", "build as if today were `DATE` (YYYY-MM-DD or RFC 3339)")
	if !c.check {
		fs.StringVar(&out, "out", out, "write the public site to `DIR` (relative to the site folder)")
		fs.StringVar(&wikiOut, "wiki-out", wikiOut, "write the private wiki to `DIR` (relative to the site folder)")
		fs.BoolVar(&quiet, "quiet", false, "print nothing on success")
		fs.BoolVar(&watching, "watch", false, "rebuild on every change until interrupted")
		fs.BoolVar(&noCache, "no-cache", false, "render everything, without the cache in "+build.CacheDir+" or the up-to-date check")
	}
	if code, ok := parse(fs, args); !ok {
		return code
	}
	opts.Now = now.time()
	start := time.Now()
	if !c.check {
		if err := build.CheckDirs(c.dir, c.path(out), c.path(wikiOut)); err != nil {
			fmt.Fprintf(c.stderr, "netjournal build: %v\n", err)
			return exitUsage
		}
		// A build killed mid-swap left a record: finish it first, so
		// that the output pair is whole before anything else.
		if err := build.Recover(ctx, c.dir); err != nil {
			return c.writeFailed(ctx, err)
		}
	}

	var w *watch.Watcher
	if watching {
		var ok bool
		if w, ok = c.watchSite(); !ok {
			return exitContent
		}
		defer w.Close()
	}
	// A plain build whose inputs and outputs are as the last one left
	// them has nothing to do (build.UpToDate).
	var inputs build.Inputs
	if !c.check && !noCache && !watching {
		inputs = build.SumInputs(c.dir, opts, c.path(out), c.path(wikiOut))
		stamp, err := build.UpToDate(ctx, c.dir, inputs, c.path(out), c.path(wikiOut))
		if err != nil {
			return c.writeFailed(ctx, err)
		}
		if stamp != nil {
			printWarnings(c.stderr, stamp.WarningList())
			if !quiet {
				c.summary(stamp.PagesIn(c.path(out)), out, stamp.PagesIn(c.path(wikiOut)), wikiOut,
					len(stamp.Warnings), start, stamp.Notes, true)
			}
			return exitOK
		}
	}
	b := build.NewBuilder(os.DirFS(c.dir))
	if !c.check && !noCache && !watching {
		// Read while the cache is opened and the output folders readied.
		b.ReadAhead(c.dir)
	}
	b.Stat(&inputs)
	if watching {
		b.Watched() // w names every change from here on
	}
	if !c.check && !noCache {
		defer c.useCache(b)()
	}
	if !c.check && !watching {
		return c.stream(ctx, b, opts, inputs, out, wikiOut, start, quiet)
	}
	res, err := render(ctx, b, opts)
	if watching {
		if ctx.Err() != nil {
			return exitOK // Ctrl-C is how a watch ends
		}
		return c.watch(ctx, w, b, opts, !now.t.IsZero(), res, err, out, wikiOut)
	}
	if code, ok := c.finished(ctx, res, err); !ok {
		return code
	}
	// netjournal check: what a build would say, nothing written.
	pages := ""
	if n := len(res.Journal.Pages); n > 0 {
		pages = fmt.Sprintf(", %d %s", n, plural(n, "page", "pages"))
	}
	fmt.Fprintf(c.stdout, "ok: %d contacts, %d events, %d posts%s; %d %s\n",
		len(res.Journal.Contacts), len(res.Journal.Events), len(res.Journal.Posts), pages,
		len(res.Warnings), plural(len(res.Warnings), "warning", "warnings"))
	return exitOK
}

// stream renders the site straight into its output folders' staging,
// each file as it is made, and replaces the folders once all is well
// (build.Stream): a build holds no whole site in memory.
func (c *buildCmd) stream(ctx context.Context, b *build.Builder, opts build.Options, inputs build.Inputs,
	out, wikiOut string, start time.Time, quiet bool) int {
	s, err := build.Begin(ctx, c.dir,
		build.Output{Dir: c.path(out)},
		build.Output{Dir: c.path(wikiOut), Private: true})
	if err != nil {
		return c.writeFailed(ctx, err)
	}
	defer s.Close() // without a Commit, the output folders stay as they were
	// As render: an interrupt stops the build now, and Close waits only
	// for the files being written (or, once every file is put, for the
	// stagings' finish: build.Stream.Settle).
	res, err := returnOnDone(ctx, func() (*build.Result, error) { return b.Stream(ctx, opts, s) })
	if code, ok := c.finished(ctx, res, err); !ok {
		return code
	}
	if err := s.Commit(inputs, res); err != nil {
		return c.writeFailed(ctx, err)
	}
	if !quiet {
		c.summary(build.Pages(res.Public), out, build.Pages(res.Private), wikiOut, len(res.Warnings), start, res.Notes, false)
	}
	return exitOK
}

// finished says how a render ended: interrupted or failed, with the exit
// code to return; else it prints the build's warnings and reports ok.
func (c *buildCmd) finished(ctx context.Context, res *build.Result, err error) (code int, ok bool) {
	if ctx.Err() != nil {
		return c.interrupted(), false
	}
	if err != nil {
		return c.report(err), false
	}
	printWarnings(c.stderr, res.Warnings)
	return exitOK, true
}

// summary says what a build wrote, or found written already.
func (c *buildCmd) summary(public int, out string, private int, wikiOut string, warnings int, start time.Time, notes []string, upToDate bool) {
	fmt.Fprintf(c.stdout, "public: %d pages in %s, private: %d pages in %s, %d %s, %s",
		public, out, private, wikiOut, warnings, plural(warnings, "warning", "warnings"),
		time.Since(start).Round(time.Millisecond))
	if upToDate {
		fmt.Fprint(c.stdout, ", up to date")
	}
	fmt.Fprintln(c.stdout)
	for _, n := range notes {
		fmt.Fprintf(c.stdout, "note: %s\n", n)
	}
}

// useCache gives b the site's cache on disk, and returns what closes it.
// A cache that cannot be opened is said in a line and done without.
func (e *env) useCache(b *build.Builder) (close func()) {
	d, err := build.OpenCache(e.dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "netjournal: rendering without the cache: %v\n", err)
		return func() {}
	}
	b.UseDisk(d)
	return func() {
		b.Wait()
		d.Close()
	}
}

// render renders the site, returning at once when ctx is done: an
// interrupted build stops now, not when its current stage ends (the
// stage, left behind, stops at its end).
func render(ctx context.Context, b *build.Builder, opts build.Options) (*build.Result, error) {
	return returnOnDone(ctx, func() (*build.Result, error) { return b.RenderContext(ctx, opts) })
}

// returnOnDone returns what f returns, or ctx's error as soon as ctx is
// done, leaving f to finish on its own.
func returnOnDone(ctx context.Context, f func() (*build.Result, error)) (*build.Result, error) {
	type result struct {
		res *build.Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := f()
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// interrupted reports a build stopped by Ctrl-C: nothing was written.
func (c *buildCmd) interrupted() int {
	fmt.Fprintln(c.stderr, "netjournal build: interrupted; the output folders are as they were")
	return exitInterrupted
}

// writeFailed reports a failed write, or an interrupted one.
func (c *buildCmd) writeFailed(ctx context.Context, err error) int {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return c.interrupted()
	}
	// Files of the user's in an output folder: each folder said apart,
	// and the build refused as a wrong folder is.
	var foreign *build.ForeignError
	if errors.As(err, &foreign) {
		errs := []error{err}
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			errs = joined.Unwrap()
		}
		for _, e := range errs {
			fmt.Fprintf(c.stderr, "netjournal build: %v\n", e)
		}
		return exitUsage
	}
	fmt.Fprintf(c.stderr, "netjournal build: %v\n", err)
	return exitContent
}

// watch writes the first build, then rebuilds on every change, writing only
// the files that changed. A failed build is reported and leaves the last
// good output; the next good one replaces it.
func (c *buildCmd) watch(ctx context.Context, w *watch.Watcher, b *build.Builder, opts build.Options, fixedNow bool,
	res *build.Result, err error, out, wikiOut string) int {
	var last *build.Result // what the output folders hold
	var wrote [2]string    // and which write of them they hold (build.Written)
	written := func() [2]string { return [2]string{build.Written(c.path(out)), build.Written(c.path(wikiOut))} }
	write := func(res *build.Result) error {
		full := func() error {
			err := build.Write(ctx, c.dir,
				build.Output{Dir: c.path(out), Files: res.Public},
				build.Output{Dir: c.path(wikiOut), Files: res.Private, Private: true})
			if err == nil {
				wrote = written()
			}
			return err
		}
		if last == nil {
			return full()
		}
		// The site's lock, as a build holds it: another netjournal building
		// the same folders waits, and is waited for.
		unlock, err := build.Lock(ctx, c.dir)
		if err != nil {
			return err
		}
		if written() != wrote {
			// Another build wrote the folders meanwhile (build --drafts,
			// say): they hold its files, not last's.
			unlock()
			return full()
		}
		// A Sync that adds or removes files lists them in the folder's
		// manifest (so the next build knows them for netjournal's): the
		// write the folders hold is then told by the manifest as it is.
		listed := false
		sync := func(dir string, old, files map[string][]byte, private bool) error {
			written, removed, err := build.Sync(dir, old, files, private)
			listed = listed || len(removed) > 0 || slices.ContainsFunc(written, func(name string) bool { _, had := old[name]; return !had })
			return err
		}
		err = sync(c.path(out), last.Public, res.Public, false)
		if err == nil {
			err = sync(c.path(wikiOut), last.Private, res.Private, true)
		}
		if err == nil && listed {
			wrote = written()
		}
		unlock() // before full, which takes it
		if err != nil {
			// The folders no longer hold what last says (a file was
			// changed by hand, say): replace them whole.
			return full()
		}
		return nil
	}
	fail := func(err error) {
		for _, p := range problems(err) {
			fmt.Fprintln(c.stderr, p)
		}
	}
	if err != nil {
		fail(err)
	} else if err := write(res); err != nil {
		fmt.Fprintf(c.stderr, "netjournal build: %v\n", err)
		return exitContent
	} else {
		last = res
		printWarnings(c.stderr, res.Warnings) // as build says them
		fmt.Fprintf(c.stdout, "public: %d pages in %s, private: %d pages in %s, %d %s\n",
			build.Pages(res.Public), out, build.Pages(res.Private), wikiOut,
			len(res.Warnings), plural(len(res.Warnings), "warning", "warnings"))
	}
	return c.rebuilds(ctx, w, b, opts, fixedNow, func(res *build.Result, batch watch.Batch, start time.Time) {
		pub, priv := len(res.Public), len(res.Private)
		if last != nil {
			pub, priv = changedPages(last.Public, res.Public), changedPages(last.Private, res.Private)
		}
		if err := write(res); err != nil {
			if ctx.Err() != nil {
				return // Ctrl-C while waiting for the lock: stopping, not failing
			}
			fmt.Fprintf(c.stderr, "netjournal build: %v\n", err)
			return
		}
		last = res
		printWarnings(c.stderr, res.Warnings)
		fmt.Fprintf(c.stdout, "rebuilt: %s changed; %d pages re-rendered, %d public and %d private files updated in %s\n",
			changedFiles(batch), res.Rendered, pub, priv, time.Since(start).Round(time.Millisecond))
	}, fail)
}
