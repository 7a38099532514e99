package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestBrowserWikiDailyLoop drives the example site's wiki as a person does
// each morning: the dashboard's follow-up shows the command that closes
// it, its copy button puts exactly that command on the clipboard, running
// it closes the follow-up and the open page drops it; a contact's
// backlinks show the sentence each link was written in. It saves
// screenshots of the dashboard and a contact page, in
// $NETJOURNAL_SCREENSHOTS when set (to look at), else in a temporary
// folder, and checks that they are real images of a laid-out page.
func TestBrowserWikiDailyLoop(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	for _, name := range []string{"content", "netjournal.yaml"} {
		src := filepath.Join("..", "..", name)
		if fi, err := os.Stat(src); err != nil {
			t.Fatal(err)
		} else if fi.IsDir() {
			err = os.CopyFS(filepath.Join(dir, name), os.DirFS(src))
			if err != nil {
				t.Fatal(err)
			}
		} else if b, err := os.ReadFile(src); err != nil {
			t.Fatal(err)
		} else {
			writeFile(t, dir, name, string(b))
		}
	}
	srv := serveSite(t, dir, io.Discard)
	base := srv.addr
	shots := os.Getenv("NETJOURNAL_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}

	grant := chromedp.ActionFunc(func(ctx context.Context) error {
		return browser.GrantPermissions([]browser.PermissionType{
			browser.PermissionTypeClipboardReadWrite, browser.PermissionTypeClipboardSanitizedWrite,
		}).WithOrigin(base).Do(ctx)
	})
	var command, copied string
	var visible bool
	err := chromedp.Run(ctx,
		grant,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/_wiki/"),
		waitJS(`document.querySelector("button.copy[data-copy]") !== null && !document.querySelector("button.copy[data-copy]").hidden`),
		chromedp.Evaluate(`(() => { const b = document.querySelector("button.copy[data-copy]"); const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0 })()`, &visible),
		chromedp.AttributeValue(`button.copy[data-copy]`, "data-copy", &command, nil, chromedp.ByQuery),
		chromedp.Click(`button.copy[data-copy]`, chromedp.ByQuery),
		waitJS(`document.querySelector("button.copy[data-copy] .copy-label").textContent === "Copied"`),
		chromedp.Evaluate(`navigator.clipboard.readText()`, &copied, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !visible {
		t.Error("the dashboard's copy button takes no room on the page")
	}
	if !strings.HasPrefix(command, "netjournal done ") {
		t.Fatalf("the dashboard's first follow-up offers %q, want a netjournal done command", command)
	}
	if copied != command {
		t.Fatalf("the copy button put %q on the clipboard, want %q", copied, command)
	}
	// The page shows the command itself, for whoever copies it by hand.
	var shown string
	if err := chromedp.Run(ctx, chromedp.Text(`.cmd code`, &shown, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if shown != command {
		t.Errorf("the follow-up shows %q beside a button that copies %q", shown, command)
	}
	shot(t, ctx, filepath.Join(shots, "dashboard.png"))

	// Running what was copied, in the site, closes that follow-up: the
	// open dashboard reloads without it.
	args := append([]string{"-C", dir}, strings.Fields(strings.TrimPrefix(command, "netjournal "))...)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), args, nil, &out, &errOut); code != 0 {
		t.Fatalf("%s: exit %d: %s", command, code, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "done: ") {
		t.Errorf("%s printed %q", command, out.String())
	}
	if err := chromedp.Run(ctx, waitJS(`![...document.querySelectorAll("button[data-copy]")].some(b => b.getAttribute("data-copy") === `+quoteJS(command)+`)`)); err != nil {
		t.Fatalf("the dashboard still offers %q after running it: %v", command, err)
	}
	// The open dashboard reloaded as soon as it was rebuilt; the rest of
	// the site (the contact below among it) lands after.
	select {
	case <-srv.landed:
	case <-time.After(30 * time.Second):
		t.Fatal("the rebuild after the command did not land")
	}

	// A contact's backlinks read as sentences, the link's text marked.
	var contexts []string
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"/_wiki/contacts/ana-lima.html"),
		waitJS(`document.querySelectorAll(".backlink-row .context mark").length > 0`),
		chromedp.Evaluate(`[...document.querySelectorAll(".backlink-row .context")].map(p => p.textContent)`, &contexts),
	)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range contexts {
		if strings.Contains(c, "Ana") && len(strings.Fields(c)) >= 4 {
			found = true
		}
	}
	if !found {
		t.Errorf("Ana's backlinks show no sentence naming her: %q", contexts)
	}
	shot(t, ctx, filepath.Join(shots, "contact.png"))
}

// shot saves a screenshot of the whole page to file, and fails the test
// unless it is a PNG of a page at least a screen wide and tall.
func shot(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	var b []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&b, 100)); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if r := img.Bounds(); r.Dx() < 1280 || r.Dy() < 900 {
		t.Errorf("%s: %dx%d, want a whole page", file, r.Dx(), r.Dy())
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", file)
}

// TestBrowserWikiCopyFromFiles: the wiki is mostly opened straight from
// the file system, where browsers are stricter with the clipboard; the
// copy button still copies the command there, and says so.
func TestBrowserWikiCopyFromFiles(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", "title: Files\nbase_url: https://example.com/\n")
	writeFile(t, dir, "content/contacts/ana.md", "---\nname: Ana Lima\n---\n")
	writeFile(t, dir, "content/events/coffee.md", "---\ntitle: Coffee with Ana\ndate: 2026-11-01\nwith: [ana]\nfollowups:\n  - what: send the slides\n    due: 2026-11-10\n---\n")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-C", dir, "build", "--now", "2026-11-22", "--quiet"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut.String())
	}
	page := "file://" + filepath.ToSlash(filepath.Join(dir, "private", "followups.html"))
	var label, command string
	err := chromedp.Run(ctx,
		chromedp.Navigate(page),
		waitJS(`document.querySelector("button.copy[data-copy]") !== null && !document.querySelector("button.copy[data-copy]").hidden`),
		chromedp.AttributeValue(`button.copy[data-copy]`, "data-copy", &command, nil, chromedp.ByQuery),
		chromedp.Click(`button.copy[data-copy]`, chromedp.ByQuery),
		waitJS(`document.querySelector("button.copy[data-copy] .copy-label").textContent !== "Copy"`),
		chromedp.Text(`button.copy[data-copy] .copy-label`, &label, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if command != "netjournal done coffee#1" {
		t.Errorf("the button copies %q, want netjournal done coffee#1", command)
	}
	if label != "Copied" {
		t.Errorf("from the file system, the copy button says %q, want Copied", label)
	}
}

// TestBrowserSearchInParts: the wiki of a site with more documents than
// a part of the search index holds, opened from the files, finds a
// document in its search box whatever part it is in (search-index.js
// loads the others), and ranks by name as one index would.
func TestBrowserSearchInParts(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	writeFile(t, dir, "netjournal.yaml", "title: Parts\nbase_url: https://example.com/\n")
	const n = 1500
	for i := range n {
		notes := fmt.Sprintf("Notes on %d.", i)
		if i == n-3 {
			notes = "Knows everything about zeugma."
		}
		writeFile(t, dir, fmt.Sprintf("content/contacts/c-%04d.md", i), fmt.Sprintf("---\nname: Contact %04d\n---\n%s\n", i, notes))
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-C", dir, "build", "--now", "2026-11-22", "--quiet"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut.String())
	}
	index, err := os.ReadFile(filepath.Join(dir, "private", "search-index.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(index, []byte("window.netjournalSearchParts = [")) {
		t.Fatal("the index is in one part: the test proves nothing")
	}
	page := "file://" + filepath.ToSlash(filepath.Join(dir, "private", "index.html"))
	first := `document.querySelector("#search-results .result") && document.querySelector("#search-results .result").textContent`
	var found, named string
	err = chromedp.Run(ctx,
		chromedp.Navigate(page),
		chromedp.SendKeys(".search-input", "zeugma", chromedp.ByQuery),
		waitJS(`!!(`+first+`)`),
		chromedp.Evaluate(first, &found),
		chromedp.Evaluate(`document.querySelector(".search-input").value = ""`, nil),
		chromedp.SendKeys(".search-input", "contact 0001", chromedp.ByQuery),
		waitJS(`!!(`+first+`) && (`+first+`).includes("0001")`),
		chromedp.Evaluate(first, &named),
	)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("Contact %04d", n-3); !strings.Contains(found, want) {
		t.Errorf("searching zeugma shows %q first, want %s", found, want)
	}
	if !strings.Contains(named, "Contact 0001") {
		t.Errorf("searching a name shows %q first", named)
	}
}
