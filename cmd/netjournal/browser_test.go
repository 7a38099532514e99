package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
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
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"-C", dir, "serve", "--port", "0", "--now", "2026-11-22"}, nil, pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited with %d", code)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10s of Ctrl-C")
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		re := regexp.MustCompile(`serving the blog at (http://127\.0\.0\.1:\d+)/`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		return a
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
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
