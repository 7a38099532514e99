package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/build"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/watch"
)

// debounce is how long a burst of saves may pause and still be one rebuild.
const debounce = 30 * time.Millisecond

// watched are the site folders whose changes trigger a rebuild, besides
// the files in the site root such as netjournal.yaml.
var watched = []string{"content", "themes", "static"}

// rebuilds renders the site again after every change until ctx is done,
// calling good or bad with each result.
// With a fixed clock (--now) every rebuild keeps it; else each takes the time.
func (e *env) rebuilds(ctx context.Context, w *watch.Watcher, b *build.Builder, opts build.Options, fixedNow bool,
	good func(res *build.Result, batch watch.Batch, start time.Time), bad func(err error)) int {
	defer w.Close()
	fmt.Fprintf(e.stdout, "watching %s for changes; press Ctrl-C to stop\n", e.dir)
	for {
		// The last render's garbage is collected while the next save is
		// waited for, if the next render would otherwise begin with it.
		b.Rest()
		select {
		case <-ctx.Done():
			return exitOK
		case err := <-w.Errors():
			fmt.Fprintf(e.stderr, "netjournal: %v\n", err)
			// Some change may go unnamed from now on: every rebuild
			// asks every file its size and time, as a build does.
			b.Unwatched()
			b.ForgetAll()
		case batch := <-w.Batches():
			start := time.Now()
			if batch.Full {
				b.ForgetAll()
			}
			b.Forget(batch.Paths...)
			if !fixedNow {
				opts.Now = time.Now()
			}
			// Verifying needs the sources' state from before the rebuild:
			// a walk of the whole site, done only then.
			verifying, stamp := os.Getenv("NETJOURNAL_VERIFY") != "", ""
			if verifying {
				stamp = sourceStamp(e.dir)
			}
			// A document's body edited alone: its pages, if open, are shown
			// now, made from the last build's site, before the rebuild.
			var previewed []build.Previewed
			if !batch.Full {
				previewed = b.Preview(opts, batch.Paths)
				for _, p := range previewed {
					fmt.Fprintf(e.stdout, "previewed: %s/%s, its body edited, in %s\n", p.Site, p.File, roundDuration(time.Since(start)))
				}
			}
			res, err := b.Render(opts)
			if err != nil {
				bad(err)
				continue
			}
			if verifying {
				e.verify(b, opts, res, stamp)
				// A save since the preview read its file would make the two
				// differ for no fault of it.
				if sourceStamp(e.dir) != stamp {
					previewed = nil
				}
				for _, p := range previewed {
					files := res.Public
					if p.Site == "private" {
						files = res.Private
					}
					if !bytes.Equal(p.Data, files[p.File]) {
						fmt.Fprintf(e.stderr, "netjournal: verify: the preview of %s/%s differs from the rebuild's\n", p.Site, p.File)
					}
				}
			}
			good(res, batch, start)
		}
	}
}

// verify checks a rebuild against a full build without any cache, and says
// how they differ (NETJOURNAL_VERIFY: for tests and bug reports). Files
// saved while it runs would make the two differ for no fault of the
// caches: a difference counts only if no source file changed from before
// the rebuild to after the check; else the newer files are checked.
func (e *env) verify(b *build.Builder, opts build.Options, res *build.Result, stamp string) {
	opts.First, opts.Early = nil, nil // a check shows nothing
	for try := 0; ; try++ {
		err := build.Verify(os.DirFS(e.dir), opts, res)
		if err == nil {
			return
		}
		now := sourceStamp(e.dir)
		if now == stamp || try == 3 {
			fmt.Fprintf(e.stderr, "netjournal: %v\n", err)
			return
		}
		stamp = now
		if res, err = b.Render(opts); err != nil {
			return
		}
	}
}

// sourceStamp names the state of a site's source files: each path, size
// and time.
func sourceStamp(dir string) string {
	var b strings.Builder
	for _, top := range append([]string{"."}, watched...) {
		filepath.WalkDir(filepath.Join(dir, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && top == "." && p != filepath.Join(dir, top) {
				return filepath.SkipDir // the root's own files only
			}
			if info, err := d.Info(); err == nil && !d.IsDir() {
				fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return b.String()
}

// watchSite starts watching the site. Call it before the first build: a
// file saved while that build runs is then rebuilt, not missed.
func (e *env) watchSite() (*watch.Watcher, bool) {
	w, err := watch.New(e.dir, watched, debounce)
	if err != nil {
		fmt.Fprintf(e.stderr, "netjournal: %v\n", err)
		return nil, false
	}
	return w, true
}

// problems returns the lines of a build error, as the terminal shows them.
func problems(err error) []string {
	var out []string
	var failed *build.Failed
	if errors.As(err, &failed) {
		// What the load warned of first, as build says it (report).
		var b strings.Builder
		printWarnings(&b, failed.Warnings)
		if s := strings.TrimSuffix(b.String(), "\n"); s != "" {
			out = strings.Split(s, "\n")
		}
	}
	var list content.ErrorList
	if errors.As(err, &list) {
		list.Sort()
		for _, p := range list {
			out = append(out, p.Error())
		}
		return out
	}
	return append(out, err.Error())
}

// changedFiles names a batch for the rebuild line.
func changedFiles(b watch.Batch) string {
	switch {
	case b.Lost:
		return "everything (the system lost track of changes)"
	case b.Full:
		return "everything (a folder was moved or removed)"
	}
	if len(b.Paths) > 3 {
		return strings.Join(b.Paths[:3], ", ") + fmt.Sprintf(" and %d more", len(b.Paths)-3)
	}
	return strings.Join(b.Paths, ", ")
}

// changedPages counts the files that differ between two renders of a site.
func changedPages(old, cur map[string][]byte) int {
	n := 0
	for p, b := range cur {
		if o, ok := old[p]; !ok || string(o) != string(b) {
			n++
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			n++
		}
	}
	return n
}

// roundDuration rounds d for a line of the log: to the millisecond, or
// to the tenth of one below that.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Millisecond)
}
