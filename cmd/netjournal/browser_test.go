package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds Debian's chromium. CI installs it (.ci/run), so there a
// missing browser fails the test; elsewhere the test is skipped, saying why.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed, and CI must run the browser test: apt-get install -y chromium")
	}
	t.Skip("chromium is not installed (apt-get install -y chromium): skipping the browser test")
	return ""
}

// startServe runs `netjournal serve` on a free loopback port in-process
// and returns its address.
func startServe(t *testing.T, dir string) string {
	t.Helper()
	return serveSite(t, dir, io.Discard).addr
}

// served is a `netjournal serve` a test runs: its address, what stops it
// (see runServe), and each rebuild's line once the rebuild has landed. The
// pages open in a browser reload as soon as they are rebuilt, before the
// rest of the site: a test that goes on to another page waits for landed.
type served struct {
	addr   string
	stop   func() (int, bool)
	landed <-chan string
	// previewed has each line saying a post's page was shown before its
	// rebuild (its body alone edited).
	previewed <-chan string
}

// runServe runs `netjournal serve` on a free loopback port in-process,
// writing its errors to stderr, and returns its address and a function
// that stops it as Ctrl-C does and returns its exit code, or false if it
// did not stop within 30 seconds. It stops at the end of the test at the
// latest, which must then end it with 0.
func runServe(t *testing.T, dir string, stderr io.Writer) (string, func() (int, bool)) {
	t.Helper()
	s := serveSite(t, dir, stderr)
	return s.addr, s.stop
}

func serveSite(t *testing.T, dir string, stderr io.Writer) served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-C", dir, "serve", "--port", "0", "--now", "2026-11-22"}, nil, pw, stderr)
		pw.Close()
	}()
	var once sync.Once
	var code int
	var stopped bool
	stop := func() (int, bool) {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
				stopped = true
			case <-time.After(30 * time.Second):
			}
		})
		return code, stopped
	}
	t.Cleanup(func() {
		if code, ok := stop(); !ok {
			t.Error("serve did not stop within 30s of Ctrl-C")
		} else if code != 0 {
			t.Errorf("serve exited with %d", code)
		}
	})
	addr := make(chan string, 1)
	landed := make(chan string, 64)
	previewed := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(pr)
		re := regexp.MustCompile(`serving the blog at (http://127\.0\.0\.1:\d+)/`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
			for prefix, lines := range map[string]chan string{"rebuilt: ": landed, "previewed: ": previewed} {
				if strings.HasPrefix(sc.Text(), prefix) {
					select {
					case lines <- sc.Text():
					default: // nobody waits for so many
					}
				}
			}
		}
	}()
	select {
	case a := <-addr:
		return served{a, stop, landed, previewed}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	return served{"", stop, landed, previewed}
}

func writeFile(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserLiveReload drives headless Chromium against netjournal serve:
// a saved change shows in the open page with no action, a broken file shows
// the problems over the page, and the fix clears them — on a blog post and
// on a wiki contact page.
func TestBrowserLiveReload(t *testing.T) {
	chromium(t) // skip, or fail in CI, before building anything
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", "title: Live\nbase_url: https://example.com/\n")
	post := "---\ntitle: Live post\ndate: 2026-01-01\n---\n%s\n"
	contact := "---\nname: Ana Lima\n---\n%s\n"
	writeFile(t, dir, "content/posts/live.md", strings.Replace(post, "%s", "Original words.", 1))
	writeFile(t, dir, "content/contacts/ana-lima.md", strings.Replace(contact, "%s", "Likes coffee.", 1))
	base := startServe(t, dir)

	ctx := newBrowser(t)

	// waitText waits until the page's text does (or does not) contain s.
	waitText := func(s string, present bool) chromedp.Action {
		js := `!!document.body && document.body.innerText.includes(` + quoteJS(s) + `)`
		if !present {
			js = `!!document.body && !document.body.innerText.includes(` + quoteJS(s) + `)`
		}
		return waitJS(js)
	}
	overlay := func(present bool) chromedp.Action {
		js := `!!document.getElementById("netjournal-problems")`
		if !present {
			js = `!!document.body && !document.getElementById("netjournal-problems")`
		}
		return waitJS(js)
	}
	edit := func(rel, data string) chromedp.Action {
		return chromedp.ActionFunc(func(context.Context) error {
			writeFile(t, dir, rel, data)
			return nil
		})
	}

	for _, page := range []struct {
		name, url, file, doc, before, after string
		broken                              string
	}{
		{"blog post", base + "/posts/live/", "content/posts/live.md", post, "Original words.", "Edited words.",
			"---\ntitle: Live post\ndate: not-a-date\n---\nBroken.\n"},
		{"wiki contact", base + "/_wiki/contacts/ana-lima.html", "content/contacts/ana-lima.md", contact, "Likes coffee.", "Prefers tea now.",
			"---\nname: Ana Lima\ncompnay: Acme\n---\nBroken.\n"},
	} {
		t.Run(page.name, func(t *testing.T) {
			err := chromedp.Run(ctx,
				chromedp.Navigate(page.url),
				waitText(page.before, true),
				// Give the event stream a moment to connect before saving.
				waitJS(`document.documentElement.getAttribute("data-netjournal") === "connected"`),
				edit(page.file, strings.Replace(page.doc, "%s", page.after, 1)),
				waitText(page.after, true),
				edit(page.file, page.broken),
				overlay(true),
				waitText(page.file+":", true),
				// The last good page is still there under the overlay.
				waitText(page.after, true),
				edit(page.file, strings.Replace(page.doc, "%s", page.before, 1)),
				overlay(false),
				waitText(page.before, true),
			)
			if err != nil {
				var text string
				chromedp.Run(ctx, chromedp.Evaluate(`document.body ? document.body.innerText : ""`, &text))
				t.Fatalf("%v\npage text:\n%s", err, text)
			}
		})
	}
}

// waitJS evaluates js in the page until it is true, through the page's own
// reloads, for at most 20 seconds.
func waitJS(js string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(20 * time.Second)
		var last error
		for time.Now().Before(deadline) {
			var ok bool
			if last = chromedp.Evaluate(js, &ok).Do(ctx); last == nil && ok {
				return nil
			}
			time.Sleep(50 * time.Millisecond)
		}
		return fmt.Errorf("still not true after 20s: %s (last error: %v)", js, last)
	})
}

func quoteJS(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// newBrowser starts headless Chromium and returns its context, which ends
// within 90 seconds.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	// Chromium's helper processes can still write to the profile for a
	// moment after the browser has exited, so t.TempDir's removal would
	// fail the test; the profile is removed once they are done.
	profile, err := os.MkdirTemp("", "netjournal-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeWhenFree(t, profile) })
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.UserDataDir(profile),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	t.Cleanup(func() { cancel(); cancelBrowser(); cancelAlloc() })
	return ctx
}

// removeWhenFree removes dir, retrying for a few seconds while processes
// that outlive the browser still write to it.
func removeWhenFree(t *testing.T, dir string) {
	var err error
	for range 50 {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("leaving the browser profile %s: %v", dir, err)
}

// replaceFile saves data at dir/rel the way editors that write a
// temporary file and rename it do: the watcher sees one complete file,
// never an empty one that fails to build and reloads every page.
func replaceFile(t *testing.T, dir, rel, data string) {
	t.Helper()
	tmp := filepath.Join(t.TempDir(), "save")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserReloadsOnlyChangedPages: with several pages open, a save
// reloads exactly the pages whose bytes changed, and swaps a changed
// stylesheet into the pages that use it without reloading them. Nearly
// every edit changes the feeds and the wiki's search index, which an
// open page neither shows nor, until its search box is used, loads.
// A page that did not reload still has the marker set on its window.
func TestBrowserReloadsOnlyChangedPages(t *testing.T) {
	chromium(t) // skip, or fail in CI, before building anything
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", "title: Tabs\nbase_url: https://example.com/\ntheme: mine\n")
	writeFile(t, dir, "themes/mine/blog/static/css/style.css", "body { color: rgb(0, 0, 0); }\n")
	post := "---\ntitle: Post %s\ndate: 2026-01-0%s\n---\n%s\n"
	writeFile(t, dir, "content/posts/a.md", fmt.Sprintf(post, "A", "1", "Alpha words."))
	writeFile(t, dir, "content/posts/b.md", fmt.Sprintf(post, "B", "2", "Beta words."))
	contact := "---\nname: %s\n---\n%s\n"
	writeFile(t, dir, "content/contacts/ana-lima.md", fmt.Sprintf(contact, "Ana Lima", "Likes coffee."))
	writeFile(t, dir, "content/contacts/bo-chen.md", fmt.Sprintf(contact, "Bo Chen", "Likes tea."))
	writeFile(t, dir, "content/contacts/cy-diaz.md", fmt.Sprintf(contact, "Cy Diaz", "Likes maps."))
	blog := startServe(t, dir)
	// The wiki's tabs use the other name of the server, so that the
	// browser's six connections per host are not all held by event
	// streams.
	wiki := strings.Replace(blog, "127.0.0.1", "localhost", 1)

	ctx := newBrowser(t)
	if err := chromedp.Run(ctx); err != nil {
		t.Fatal(err)
	}
	// open opens url in a new tab, waits until it listens for changes
	// and sets the marker.
	open := func(name, url string, actions ...chromedp.Action) context.Context {
		tab, cancel := chromedp.NewContext(ctx)
		t.Cleanup(cancel)
		actions = append([]chromedp.Action{chromedp.Navigate(url)}, actions...)
		actions = append(actions, listening(), chromedp.Evaluate(`window.netjournalMarker = "kept"`, nil))
		if err := chromedp.Run(tab, actions...); err != nil {
			t.Fatalf("opening %s: %v", name, err)
		}
		return tab
	}
	// changesSeen is how many changes a tab has taken in without a
	// reload.
	changesSeen := func(tab context.Context) int {
		var n int
		if err := chromedp.Run(tab, chromedp.Evaluate(`Number(document.documentElement.getAttribute("data-netjournal-changes"))`, &n)); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// kept checks that a tab takes in the next change, counted from
	// seen, without reloading: it either counts it or loses its marker.
	kept := func(name string, tab context.Context, seen int, why string) {
		t.Helper()
		var marker string
		err := chromedp.Run(tab,
			waitJS(fmt.Sprintf(`window.netjournalMarker !== "kept" || Number(document.documentElement.getAttribute("data-netjournal-changes")) > %d`, seen)),
			chromedp.Evaluate(`String(window.netjournalMarker)`, &marker))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if marker != "kept" {
			t.Errorf("%s reloaded, though %s", name, why)
		}
	}
	reloaded := func(name string, tab context.Context, actions ...chromedp.Action) {
		t.Helper()
		actions = append([]chromedp.Action{waitJS(`window.netjournalMarker !== "kept"`)}, actions...)
		actions = append(actions, listening(), chromedp.Evaluate(`window.netjournalMarker = "kept"`, nil))
		if err := chromedp.Run(tab, actions...); err != nil {
			t.Fatalf("%s did not reload: %v", name, err)
		}
	}

	a := open("post A", blog+"/posts/a/")
	b := open("post B", blog+"/posts/b/")
	bo := open("Bo's page", wiki+"/_wiki/contacts/bo-chen.html")

	// A post's words: its page reloads; the other post's page and the
	// wiki's, whose bytes are the same, stay.
	seenB, seenBo := changesSeen(b), changesSeen(bo)
	replaceFile(t, dir, "content/posts/a.md", fmt.Sprintf(post, "A", "1", "Alpha edited."))
	reloaded("post A", a, waitForText("Alpha edited."))
	kept("post B", b, seenB, "only post A, the feeds and the search index changed")
	kept("Bo's page", bo, seenBo, "only post A, the feeds and the search index changed")

	// A contact's notes: that contact's page reloads, and a wiki page
	// whose search box has loaded the search index, which changed; the
	// blog and a wiki page that has not searched stay.
	ana := open("Ana's page", wiki+"/_wiki/contacts/ana-lima.html")
	cy := open("Cy's page, searched", wiki+"/_wiki/contacts/cy-diaz.html",
		chromedp.Focus(".search-input", chromedp.ByQuery),
		waitJS(`typeof window.netjournalSearch !== "undefined"`))
	seenB, seenBo = changesSeen(b), changesSeen(bo)
	replaceFile(t, dir, "content/contacts/ana-lima.md", fmt.Sprintf(contact, "Ana Lima", "Prefers tea now."))
	reloaded("Ana's page", ana, waitForText("Prefers tea now."))
	reloaded("Cy's page, whose search box holds the old search index", cy)
	kept("post B", b, seenB, "a contact edit changes nothing public")
	kept("Bo's page", bo, seenBo, "only Ana's page and the search index changed")

	// The blog's stylesheet: swapped into the blog's pages in place.
	seenA, seenB, seenBo := changesSeen(a), changesSeen(b), changesSeen(bo)
	replaceFile(t, dir, "themes/mine/blog/static/css/style.css", "body { color: rgb(1, 2, 3); }\n")
	for _, tab := range []struct {
		name string
		ctx  context.Context
		seen int
	}{{"post A", a, seenA}, {"post B", b, seenB}} {
		kept(tab.name, tab.ctx, tab.seen, "only the stylesheet changed")
		err := chromedp.Run(tab.ctx, waitJS(`getComputedStyle(document.body).color === "rgb(1, 2, 3)"`))
		if err != nil {
			t.Errorf("%s: the new stylesheet was not swapped in: %v", tab.name, err)
		}
	}
	kept("Bo's page", bo, seenBo, "the wiki does not use the blog's stylesheet")
}

// listening waits until the page listens for changes.
func listening() chromedp.Action {
	return waitJS(`document.documentElement.getAttribute("data-netjournal") === "connected"`)
}

// waitForText waits until the page's text contains s.
func waitForText(s string) chromedp.Action {
	return waitJS(`!!document.body && document.body.innerText.includes(` + quoteJS(s) + `)`)
}

// TestBrowserRedirectsStayOnSite: the server redirects unclean paths to
// their clean form; a path that a browser would read as another host
// once redirected (a backslash, a tab) must leave the browser on the
// server.
func TestBrowserRedirectsStayOnSite(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", servedSite)
	writeFile(t, dir, "content/posts/hello.md", servedPost)
	base := startServe(t, dir)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "another site")
	}))
	defer other.Close()
	otherHost := strings.TrimPrefix(other.URL, "http://")
	host := strings.TrimPrefix(base, "http://")

	for _, path := range []string{"/%5C" + otherHost + "//", "/%09/" + otherHost + "//", "/%5C%5C" + otherHost + "/", "/%0A/" + otherHost + "//"} {
		var landed string
		err := chromedp.Run(ctx,
			chromedp.Navigate(base+path),
			chromedp.Evaluate(`location.host`, &landed),
		)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if landed != host {
			t.Errorf("%s led the browser to %s", path, landed)
		}
	}
	// An ordinary unclean path still leads to its page.
	var landed string
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"/posts//hello/"), chromedp.Evaluate(`location.pathname`, &landed)); err != nil {
		t.Fatal(err)
	}
	if landed != "/posts/hello/" {
		t.Errorf("/posts//hello/ led the browser to %s, want /posts/hello/", landed)
	}
}
