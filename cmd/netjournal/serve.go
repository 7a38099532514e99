package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/netjournal/netjournal/internal/build"
	"github.com/netjournal/netjournal/internal/serve"
	"github.com/netjournal/netjournal/internal/watch"
)

// serveCmd is `netjournal serve`: build, serve both sites from memory,
// rebuild on every change and reload the open pages.
type serveCmd struct{ *env }

func (c *serveCmd) Run(ctx context.Context, args []string) int {
	fs := c.flags("serve", "serve [-C DIR] [--port N] [--bind ADDR] [--drafts] [--future] [--expose-wiki] [--now DATE] [--no-cache]")
	var opts build.Options
	var now nowFlag
	port, bind, exposeWiki, noCache := 1313, "127.0.0.1", false, false
	fs.IntVar(&port, "port", port, "listen on `PORT` (0 picks a free one)")
	fs.StringVar(&bind, "bind", bind, "listen on `ADDR`; anything but loopback serves the public blog only")
	fs.BoolVar(&exposeWiki, "expose-wiki", false, "serve the private wiki on a non-loopback address too")
	fs.BoolVar(&noCache, "no-cache", false, "render everything, without the cache in "+build.CacheDir)
	fs.BoolVar(&opts.Drafts, "drafts", false, "publish draft posts too")
	fs.BoolVar(&opts.Future, "future", false, "publish posts dated in the future too")
	fs.Var(&now, "now", "serve as if today were `DATE` (YYYY-MM-DD or RFC 3339)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if port < 0 || port > 65535 {
		fmt.Fprintf(c.stderr, "netjournal serve: invalid port %d\n", port)
		return exitUsage
	}
	loopback := isLoopback(bind)
	wiki := loopback || exposeWiki
	if !loopback {
		fmt.Fprintf(c.stderr, "warning: serving on %s, which other machines may reach\n", bind)
		if !wiki {
			fmt.Fprintln(c.stderr, "warning: the private wiki is not served off loopback; pass --expose-wiki to serve it anyway")
		}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		fmt.Fprintf(c.stderr, "netjournal serve: port %d on %s is taken (by another netjournal serve or hugo server?): pass --port N, or --port 0 for a free one\n", port, bind)
		return exitUsage
	case errors.Is(err, syscall.EACCES):
		fmt.Fprintf(c.stderr, "netjournal serve: port %d on %s needs privileges this user does not have: pass --port above 1023, or --port 0 for a free one\n", port, bind)
		return exitUsage
	case err != nil:
		fmt.Fprintf(c.stderr, "netjournal serve: %v\n", err)
		return exitContent
	}
	addr := ln.Addr().(*net.TCPAddr)
	host := bind
	if addr.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	opts.Origin = "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port))
	opts.Now = now.time()

	w, ok := c.watchSite()
	if !ok {
		ln.Close()
		return exitContent
	}
	b := build.NewBuilder(os.DirFS(c.dir))
	b.Watched() // w names every change from here on
	if !noCache {
		defer c.useCache(b)()
	}
	srv := serve.New(wiki, hostNames(bind, addr.IP)...)
	// A rebuild makes the pages open in a browser first and shows each
	// as soon as it is made: the page being edited reloads without
	// waiting for the rest of the site.
	opts.First, opts.Early = srv.Visited, srv.Early
	res, err := b.Render(opts)
	var last *build.Result
	// Until the site builds its base path is unknown; the root then leads
	// to the blog wherever it lands.
	basePath := "/"
	fail := func(err error) {
		lines := problems(err)
		for _, p := range lines {
			fmt.Fprintln(c.stderr, p)
		}
		srv.Fail(lines)
	}
	if err != nil {
		fail(err)
	} else {
		basePath = res.Journal.Config.BasePath()
		srv.Update(basePath, res.Public, res.Private)
		last = res
		printWarnings(c.stderr, res.Warnings) // as build says them
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() {
		served <- srv.Serve(ctx, ln)
		cancel() // if serving failed, stop rebuilding too
	}()
	fmt.Fprintf(c.stdout, "serving the blog at %s%s\n", opts.Origin, basePath)
	if wiki {
		fmt.Fprintf(c.stdout, "serving the wiki at %s%s\n", opts.Origin, serve.WikiPrefix)
	}

	code := c.rebuilds(ctx, w, b, opts, !now.t.IsZero(), func(res *build.Result, batch watch.Batch, start time.Time) {
		pub, priv := len(res.Public), len(res.Private)
		if last != nil {
			pub, priv = changedPages(last.Public, res.Public), changedPages(last.Private, res.Private)
		}
		srv.Update(res.Journal.Config.BasePath(), res.Public, res.Private)
		last = res
		printWarnings(c.stderr, res.Warnings)
		fmt.Fprintf(c.stdout, "rebuilt: %s changed; %d pages re-rendered, %d public and %d private files updated in %s\n",
			changedFiles(batch), res.Rendered, pub, priv, time.Since(start).Round(time.Millisecond))
	}, fail)

	cancel()
	if err := <-served; err != nil {
		fmt.Fprintf(c.stderr, "netjournal serve: %v\n", err)
	}
	fmt.Fprintln(c.stdout, "stopped")
	return code
}

// hostNames are the names, besides localhost and loopback addresses, by
// which requests may reach a server listening on bind at ip: bind itself,
// and every address of this machine when bind is 0.0.0.0 or ::.
func hostNames(bind string, ip net.IP) []string {
	names := []string{bind}
	if ip != nil && !ip.IsUnspecified() && ip.String() != bind {
		names = append(names, ip.String())
	}
	if ip == nil || !ip.IsUnspecified() {
		return names
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return names
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() {
			names = append(names, n.IP.String())
		}
	}
	return names
}

// isLoopback reports whether an address to bind is on this machine only.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
