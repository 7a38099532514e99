package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/netjournal/netjournal/internal/build"
)

// buildCmd is `netjournal build` and, with check set, `netjournal check`:
// the same validation, nothing written.
type buildCmd struct {
	*env
	check bool
}

func (c *buildCmd) Run(ctx context.Context, args []string) int {
	name, usage := "build", "build [-C DIR] [--drafts] [--future] [--strict] [--out DIR] [--wiki-out DIR] [--now DATE]"
	if c.check {
		name, usage = "check", "check [-C DIR] [--drafts] [--future] [--strict] [--now DATE]"
	}
	fs := c.flags(name, usage)
	var opts build.Options
	var now nowFlag
	out, wikiOut := "public", "private"
	quiet := false
	fs.BoolVar(&opts.Drafts, "drafts", false, "publish draft posts too")
	fs.BoolVar(&opts.Future, "future", false, "publish posts dated in the future too")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings (broken links, unresolved wikilinks) as errors")
	fs.Var(&now, "now", "build as if today were `DATE` (YYYY-MM-DD or RFC 3339)")
	if !c.check {
		fs.StringVar(&out, "out", out, "write the public site to `DIR` (relative to the site folder)")
		fs.StringVar(&wikiOut, "wiki-out", wikiOut, "write the private wiki to `DIR` (relative to the site folder)")
		fs.BoolVar(&quiet, "quiet", false, "print nothing on success")
	}
	if code, ok := parse(fs, args); !ok {
		return code
	}
	opts.Now = now.time()
	start := time.Now()

	res, err := build.Render(os.DirFS(c.dir), opts)
	if err != nil {
		return c.report(err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(c.stderr, "%s: warning: %s\n", w.Pos, w.Msg)
	}
	if c.check {
		fmt.Fprintf(c.stdout, "ok: %d contacts, %d events, %d posts; %d %s\n",
			len(res.Journal.Contacts), len(res.Journal.Events), len(res.Journal.Posts),
			len(res.Warnings), plural(len(res.Warnings), "warning", "warnings"))
		return exitOK
	}
	err = build.Write(
		build.Output{Dir: c.path(out), Files: res.Public},
		build.Output{Dir: c.path(wikiOut), Files: res.Private, Private: true},
	)
	if err != nil {
		fmt.Fprintf(c.stderr, "netjournal build: %v\n", err)
		return exitContent
	}
	if !quiet {
		fmt.Fprintf(c.stdout, "public: %d pages in %s, private: %d pages in %s, %d %s, %s\n",
			build.Pages(res.Public), out, build.Pages(res.Private), wikiOut,
			len(res.Warnings), plural(len(res.Warnings), "warning", "warnings"),
			time.Since(start).Round(time.Millisecond))
	}
	return exitOK
}
