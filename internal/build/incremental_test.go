package build

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// copySite copies the example site into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("..", "..")
	for _, top := range []string{"netjournal.yaml", "content"} {
		err := filepath.WalkDir(filepath.Join(src, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// siteFiles reads a site's sources, what edits change: netjournal.yaml,
// content/ and static/, by their slash paths.
func siteFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	if b, err := os.ReadFile(filepath.Join(dir, "netjournal.yaml")); err == nil {
		files["netjournal.yaml"] = b
	}
	for _, top := range []string{"content", "static"} {
		for rel, b := range readTree(t, filepath.Join(dir, top)) {
			files[top+"/"+rel] = b
		}
	}
	return files
}

// restoreSite puts a site's sources back as siteFiles read them before,
// and returns the paths it changed.
func restoreSite(t *testing.T, dir string, before map[string][]byte) []string {
	t.Helper()
	var changed []string
	now := siteFiles(t, dir)
	for rel := range now {
		if _, ok := before[rel]; !ok {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
				t.Fatal(err)
			}
			changed = append(changed, rel)
		}
	}
	for rel, b := range before {
		if n, ok := now[rel]; ok && bytes.Equal(n, b) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		changed = append(changed, rel)
	}
	sort.Strings(changed)
	return changed
}

// edit is one random change to a site: it returns the paths it touched.
type edit func(t *testing.T, dir string, r *rand.Rand) []string

func mdFiles(t *testing.T, dir, sub string) []string {
	var out []string
	filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func slugOf(rel string) string { return strings.TrimSuffix(path.Base(rel), ".md") }

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// setLine sets the front-matter line that re finds to line, or adds it
// first when there is none.
func setLine(re, line string) func(string) string {
	rx := regexp.MustCompile(re)
	return func(s string) string {
		if rx.MatchString(s) {
			return rx.ReplaceAllLiteralString(s, line)
		}
		return strings.Replace(s, "---\n", "---\n"+line+"\n", 1)
	}
}

func writeSiteFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rewrite(t *testing.T, dir, rel string, f func(string) string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}

var titleLine = regexp.MustCompile(`(?m)^title:.*$`)

var edits = map[string]edit{
	"append to a body": func(t *testing.T, dir string, r *rand.Rand) []string {
		kind := pick(r, []string{"content/posts", "content/contacts", "content/events"})
		rel := pick(r, mdFiles(t, dir, kind))
		rewrite(t, dir, rel, func(s string) string { return s + fmt.Sprintf("\nAdded %d, see [[ana-lima|Ana]].\n", r.IntN(1000)) })
		return []string{rel}
	},
	"edit a body's prose": func(t *testing.T, dir string, r *rand.Rand) []string {
		kind := pick(r, []string{"content/posts", "content/posts", "content/contacts", "content/events", "content/pages"})
		rel := pick(r, mdFiles(t, dir, kind))
		prose := pick(r, []string{
			"\nA plain paragraph %d.\n",
			"\n## Heading %d\n\nUnder it, *some* words.\n",
			"\n- a list item %d\n- another\n",
			strings.Repeat("Many words make a longer read. ", 200) + "%d\n",
		})
		rewrite(t, dir, rel, func(s string) string { return s + fmt.Sprintf(prose, r.IntN(1000)) })
		return []string{rel}
	},
	// A body's link to a site path is checked against the blog: broken
	// or not as the other edits add and remove posts, tags and headings.
	"link from a body to a site path": func(t *testing.T, dir string, r *rand.Rand) []string {
		kind := pick(r, []string{"content/posts", "content/contacts", "content/events", "content/pages"})
		rel := pick(r, mdFiles(t, dir, kind))
		dest := pick(r, []string{"/posts/idempotency-is-a-contract/#later-heading", "/no-such-page/", "/tags/new/",
			"/posts/" + slugOf(pick(r, mdFiles(t, dir, "content/posts"))) + "/"})
		rewrite(t, dir, rel, func(s string) string { return s + fmt.Sprintf("\nSee [this](%s).\n", dest) })
		return []string{rel}
	},
	// A body's wikilink to a heading is checked against the page of the
	// document it names: there or not as "add or remove a heading" goes.
	"link from a body to a heading": func(t *testing.T, dir string, r *rand.Rand) []string {
		kind := pick(r, []string{"content/posts", "content/contacts", "content/events"})
		rel := pick(r, mdFiles(t, dir, kind))
		link := pick(r, []string{"[[idempotency-is-a-contract#Later heading]]", "[[Idempotency keys are a contract, not a column#later-heading]]",
			"[[#Later heading]]", "[[ana-lima#No such part|Ana's notes]]"})
		rewrite(t, dir, rel, func(s string) string { return s + fmt.Sprintf("\nSee %s.\n", link) })
		return []string{rel}
	},
	"move a body down a line": func(t *testing.T, dir string, r *rand.Rand) []string {
		kind := pick(r, []string{"content/posts", "content/contacts", "content/events", "content/pages"})
		rel := pick(r, mdFiles(t, dir, kind))
		rewrite(t, dir, rel, func(s string) string { return strings.Replace(s, "---\n", "---\n# a comment\n", 1) })
		return []string{rel}
	},
	// A contact's photo is named in its front matter; its file comes,
	// changes and goes on its own (one not there is a warning, and the
	// wiki shows initials). Every page that shows the contact shows it.
	"name a contact's photo": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := pick(r, mdFiles(t, dir, "content/contacts"))
		rewrite(t, dir, rel, func(s string) string {
			if strings.Contains(s, "\nphoto: ") {
				return s
			}
			return strings.Replace(s, "\nname: ", "\nphoto: face.png\nname: ", 1)
		})
		return []string{rel}
	},
	"add, change or remove a photo": func(t *testing.T, dir string, r *rand.Rand) []string {
		const rel = "content/contacts/face.png"
		if r.IntN(3) == 0 {
			os.Remove(filepath.Join(dir, rel))
			return []string{rel}
		}
		png := fmt.Appendf([]byte("\x89PNG\r\n\x1a\n"), "face %d", r.IntN(1000))
		if err := os.WriteFile(filepath.Join(dir, rel), png, 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{rel}
	},
	"retitle a post": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := pick(r, mdFiles(t, dir, "content/posts"))
		// The whole line, quoted: a title may itself be quoted, and a title
		// two posts share would make a [[Title]] link ambiguous.
		title := fmt.Sprintf("title: %q", fmt.Sprintf("Renamed %s %d", path.Base(rel), r.IntN(1000)))
		rewrite(t, dir, rel, func(s string) string {
			return titleLine.ReplaceAllLiteralString(s, title)
		})
		return []string{rel}
	},
	"add a post": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := fmt.Sprintf("content/posts/new-%d.md", r.IntN(1e6))
		body := fmt.Sprintf("---\ntitle: New %d\ndate: 2026-0%d-1%d\ntags: [go, new]\n---\nFresh, linking [[idempotency-is-a-contract]].\n", r.IntN(100), 1+r.IntN(9), r.IntN(10))
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{rel}
	},
	// C++ has the slug c until a tag C comes: then every page linking to
	// the C++ tag must link to its new slug.
	"add a post tagged C or C++": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := fmt.Sprintf("content/posts/new-%d.md", r.IntN(1e6))
		body := fmt.Sprintf("---\ntitle: Tagged %s\ndate: 2026-03-0%d\ntags: [%s]\n---\nOn languages.\n", rel, 1+r.IntN(9), pick(r, []string{"C++", "c", "C#"}))
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{rel}
	},
	"add an event": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := fmt.Sprintf("content/events/new-%d.md", r.IntN(1e6))
		body := fmt.Sprintf("---\ntitle: Call %d\ndate: 2026-11-%02d\nkind: call\nwith: [mei-chen]\nfollowups:\n  - who: mei-chen\n    due: 2026-12-0%d\n    what: send notes\n---\nTalked.\n", r.IntN(100), 1+r.IntN(28), 1+r.IntN(9))
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{rel}
	},
	// Two people meet: both pages change, and so do the neighbourhood
	// graphs of everyone near them (a node's size is its interactions).
	"add a meeting of two": func(t *testing.T, dir string, r *rand.Rand) []string {
		// The example's own contacts: a rich one may be deleted by a
		// later edit, which would leave the meeting naming nobody.
		var contacts []string
		for _, p := range mdFiles(t, dir, "content/contacts") {
			if !strings.Contains(p, "/rich-") {
				contacts = append(contacts, p)
			}
		}
		i, k := r.IntN(len(contacts)), r.IntN(len(contacts)-1)
		if k >= i {
			k++ // two people, not one twice
		}
		a, b := slugOf(contacts[i]), slugOf(contacts[k])
		rel := fmt.Sprintf("content/events/new-%d.md", r.IntN(1e6))
		body := fmt.Sprintf("---\ntitle: Lunch %d\ndate: 2026-%02d-%02d\nkind: lunch\nwith: [%s, %s]\n---\nAte, and talked about [[%s]].\n",
			r.IntN(100), 1+r.IntN(11), 1+r.IntN(28), a, b, a)
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{rel}
	},
	"delete a new document": func(t *testing.T, dir string, r *rand.Rand) []string {
		var news []string
		for _, p := range append(mdFiles(t, dir, "content/posts"), mdFiles(t, dir, "content/events")...) {
			if strings.Contains(p, "/new-") {
				news = append(news, p)
			}
		}
		if len(news) == 0 {
			return nil
		}
		rel := pick(r, news)
		os.Remove(filepath.Join(dir, rel))
		return []string{rel}
	},
	"move a contact into a folder": func(t *testing.T, dir string, r *rand.Rand) []string {
		// The example's own contacts: a rich one moved away would meet
		// its slot's next file under the same slug.
		var own []string
		for _, p := range mdFiles(t, dir, "content/contacts") {
			if !strings.Contains(p, "/rich-") {
				own = append(own, p)
			}
		}
		rel := pick(r, own)
		to := fmt.Sprintf("content/contacts/moved%d/%s", r.IntN(3), filepath.Base(rel))
		if to == rel {
			return nil
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(to)), 0o755)
		if err := os.Rename(filepath.Join(dir, rel), filepath.Join(dir, to)); err != nil {
			t.Fatal(err)
		}
		return []string{rel, to}
	},
	// What a post's pages and the public view show of other documents,
	// which a rebuild compares to keep them (journal.SamePublic, the
	// wiki's frameAsIn).
	"rename a contact": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := pick(r, mdFiles(t, dir, "content/contacts"))
		slug := strings.TrimSuffix(filepath.Base(rel), ".md")
		rewrite(t, dir, rel, setLine(`(?m)^name:.*$`, fmt.Sprintf("name: \"Person %d %s\"", r.IntN(100), slug)))
		return []string{rel}
	},
	"set a contact's public name": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := pick(r, mdFiles(t, dir, "content/contacts"))
		rewrite(t, dir, rel, func(s string) string {
			name := fmt.Sprintf("Public %d", r.IntN(100))
			if i := strings.Index(s, "\npublic:\n  name: "); i >= 0 {
				end := i + len("\npublic:\n  name: ") + strings.IndexByte(s[i+len("\npublic:\n  name: "):], '\n')
				return s[:i] + "\npublic:\n  name: " + strconv.Quote(name) + s[end:]
			}
			return strings.Replace(s, "\n---\n", "\npublic:\n  name: "+strconv.Quote(name)+"\n---\n", 1)
		})
		return []string{rel}
	},
	"retitle an event": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := pick(r, mdFiles(t, dir, "content/events"))
		rewrite(t, dir, rel, setLine(`(?m)^title:.*$`, fmt.Sprintf("title: \"Meeting %d\"", r.IntN(1000))))
		return []string{rel}
	},
	"add an event that links a post": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := fmt.Sprintf("content/events/2026-11-2%d-reading-%d.md", r.IntN(2), r.IntN(1000))
		post := strings.TrimSuffix(filepath.Base(pick(r, mdFiles(t, dir, "content/posts"))), ".md")
		writeSiteFile(t, dir, rel, fmt.Sprintf("---\ntitle: Reading %d\ndate: 2026-11-20\nwith: [mei-chen]\n---\nWe read [[%s]].\n", r.IntN(1000), post))
		return []string{rel}
	},
	"add an event that shares a post": func(t *testing.T, dir string, r *rand.Rand) []string {
		rel := fmt.Sprintf("content/events/2026-10-1%d-share-%d.md", r.IntN(10), r.IntN(1000))
		// One of the example's own posts: a rich or new one deleted by a
		// later edit would leave the share naming no post, an error of
		// the site (seeds 9 and 18), not of the rebuild.
		var own []string
		for _, p := range mdFiles(t, dir, "content/posts") {
			if !strings.Contains(p, "/rich-") && !strings.Contains(p, "/new-") {
				own = append(own, p)
			}
		}
		post := strings.TrimSuffix(filepath.Base(pick(r, own)), ".md")
		writeSiteFile(t, dir, rel, fmt.Sprintf("---\ntitle: Share %d\ndate: 2026-10-10\nwith: [kwame-mensah]\nshared:\n  - with: [kwame-mensah]\n    link: %s\n---\nSent.\n", r.IntN(1000), post))
		return []string{rel}
	},
	"reorder the circles": func(t *testing.T, dir string, r *rand.Rand) []string {
		rewrite(t, dir, "netjournal.yaml", func(s string) string {
			const first = "\n  first:\n    cadence: 1m\n"
			if strings.Contains(s, first) {
				return strings.Replace(s, first, "\n", 1)
			}
			return strings.Replace(s, "\ncircles:\n", "\ncircles:"+first, 1)
		})
		return []string{"netjournal.yaml"}
	},
	"change the config": func(t *testing.T, dir string, r *rand.Rand) []string {
		rewrite(t, dir, "netjournal.yaml", func(s string) string {
			return strings.Replace(s, "page_size: ", fmt.Sprintf("page_size: %d #", 2+r.IntN(4)), 1)
		})
		return []string{"netjournal.yaml"}
	},
	"change the menu or the table of contents default": func(t *testing.T, dir string, r *rand.Rand) []string {
		rewrite(t, dir, "netjournal.yaml", func(s string) string {
			s, _, _ = strings.Cut(s, "# rich config\n")
			return s + "# rich config\n" + pick(r, []string{
				"",
				fmt.Sprintf("toc_min_words: %d\n", 1+r.IntN(40)),
				"menu:\n  - {title: Home, url: /}\n  - {title: A page, url: /talks/rich-page-1/, weight: 3}\n  - {title: Elsewhere, url: \"https://example.org/\"}\n",
				"menu: []\n",
				// Links every page shows, broken or not as the edits go:
				// checked at each page, not at a body.
				"menu:\n  - {title: Home, url: /}\n  - {title: Gone, url: /no-such-page/}\n  - {title: Later, url: \"/posts/idempotency-is-a-contract/#later-heading\"}\n",
			})
		})
		return []string{"netjournal.yaml"}
	},
	"add or remove a heading": func(t *testing.T, dir string, r *rand.Rand) []string {
		const rel, heading = "content/posts/idempotency-is-a-contract.md", "\n## Later heading\n\nText.\n"
		rewrite(t, dir, rel, func(s string) string {
			if strings.Contains(s, heading) {
				return strings.Replace(s, heading, "", 1)
			}
			return s + heading
		})
		return []string{rel}
	},
}

// bodyEdits are the edits that change a body alone (unless the body was
// left with a problem).
var bodyEdits = []string{"edit a body's prose", "link from a body to a site path", "add or remove a heading"}

var seedFlag = flag.Uint64("seed", 0, "replay TestIncrementalEqualsFull with the seed it logged")

// TestIncrementalEqualsFull: after a random series of edits — of every
// front-matter key of every kind of document, renames and deletions
// included — the incremental build, in memory and synced to disk, equals
// a fresh full build byte for byte: with the default theme, and with a
// theme whose every template prints its page data whole, which proves
// the cache exact for any theme. The first builds as serve does, told
// the paths touched and reading those alone (Builder.Watched); the
// second asks every file its size and time. Replay a failure with -seed.
func TestIncrementalEqualsFull(t *testing.T) {
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay: go test ./internal/build -run TestIncrementalEqualsFull -seed %d)", seed, seed)
	t.Run("default theme", func(t *testing.T) { incrementalEqualsFull(t, seed, false) })
	t.Run("a theme that shows all page data", func(t *testing.T) { incrementalEqualsFull(t, seed, true) })
}

// dumpTheme writes a theme whose every page template prints its data.
func dumpTheme(t *testing.T, dir string) {
	t.Helper()
	for _, set := range []string{"blog", "wiki"} {
		entries, err := os.ReadDir(filepath.Join("..", "..", "themes", "default", set))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if name := e.Name(); strings.HasSuffix(name, ".html") && name != "partials.html" && name != "pictures.html" {
				p := filepath.Join(dir, "themes", "dump", set, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte("{{jsonify .}}\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	rewrite(t, dir, "netjournal.yaml", func(s string) string {
		return regexp.MustCompile(`(?m)^theme:.*$`).ReplaceAllString(s, "theme: dump")
	})
}

// dumpedSite is a copy of the example site with a theme that prints every
// page's data (dumpTheme), a builder of it, and that builder's first
// render.
func dumpedSite(t *testing.T, opts Options) (string, *Builder, *Result) {
	t.Helper()
	dir := copySite(t)
	dumpTheme(t, dir)
	b := NewBuilder(os.DirFS(dir))
	first, err := b.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	return dir, b, first
}

func incrementalEqualsFull(t *testing.T, seed uint64, dump bool) {
	r := rand.New(rand.NewPCG(seed, 1))
	dir := copySite(t)
	if dump {
		dumpTheme(t, dir)
	}
	out := t.TempDir()
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	b := NewBuilder(os.DirFS(dir))
	if !dump {
		// As serve and --watch build: every touched path is named to
		// Forget, and only those are read again.
		b.Watched()
	}
	prev, err := b.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Sync(out, nil, prev.Public, false); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(edits))
	for n := range edits {
		names = append(names, n)
	}
	sort.Strings(names)
	warned, previews := 0, 0
	defer func() { t.Logf("%d pages previewed", previews) }()
	defer func() {
		if !t.Failed() && warned == 0 {
			t.Error("no step had a warning: the warnings' comparison proves nothing")
		}
	}()
	for step := range 40 {
		name := pick(r, names)
		if r.IntN(2) == 0 {
			// A body edited, and nothing else: what serve mostly sees,
			// which rebuilds from the last render (Render's edited).
			name = pick(r, bodyEdits)
		}
		before := siteFiles(t, dir)
		touched := edits[name](t, dir, r)
		b.Forget(touched...)
		// Every page open: a body's edit is previewed, when it can be,
		// as the rebuild's page.
		previewing := opts
		previewing.First = func(string, string) bool { return true }
		previewing.Early = func(string, string, string, []byte) {}
		previewed := b.Preview(previewing, touched)
		previews += len(previewed)
		got, err := b.Render(opts)
		if err != nil {
			// An edit may make a site no build takes: a post retitled
			// that a public post's [[Title#part]], added by an earlier
			// step, named. A full build must refuse it alike; the edit is
			// then undone, as its writer would, and the builder must
			// build the site whole again.
			if _, werr := Render(os.DirFS(dir), opts); werr == nil || werr.Error() != err.Error() {
				t.Fatalf("step %d (%s): incremental: %v\nfull: %v", step, name, err, werr)
			}
			b.Forget(restoreSite(t, dir, before)...)
			if got, err = b.Render(opts); err != nil {
				t.Fatalf("step %d (%s, undone): incremental: %v", step, name, err)
			}
			previewed = nil // pages of the site refused
		}
		for _, p := range previewed {
			if want := string(fileOf(got, p.Site, p.File)); string(p.Data) != want {
				t.Fatalf("step %d (%s on %v): the preview of %s/%s differs from the rebuild's page:\n%s", step, name, touched, p.Site, p.File, firstDiff(string(p.Data), want))
			}
		}
		want, err := Render(os.DirFS(dir), opts)
		if err != nil {
			t.Fatalf("step %d (%s): full: %v", step, name, err)
		}
		if diff := compare(got.Public, want.Public) + compare(got.Private, want.Private); diff != "" {
			t.Fatalf("step %d (%s on %v): incremental differs from full:\n%s", step, name, touched, diff)
		}
		if g, w := got.Warnings.Error(), want.Warnings.Error(); g != w {
			t.Fatalf("step %d (%s on %v): incremental warnings differ from full:\n%s\nwant\n%s", step, name, touched, g, w)
		}
		warned += len(want.Warnings)
		if _, _, err := Sync(out, prev.Public, got.Public, false); err != nil {
			t.Fatal(err)
		}
		if diff := compare(readTree(t, out), want.Public); diff != "" {
			t.Fatalf("step %d (%s): synced folder differs from full build:\n%s", step, name, diff)
		}
		prev = got
		// A build in a new process, as netjournal build runs, from the
		// cache on disk that every step's build kept (pages by their
		// keys, bodies' facts, summaries and search entries by what they
		// are made from; pages' bodies made only for the pages made),
		// writes what the full build renders.
		sb, closeCache := cachedBuilder(t, dir)
		streamedRes, err := streamed(t, dir, sb, opts)
		closeCache()
		if err != nil {
			t.Fatalf("step %d (%s): streamed: %v", step, name, err)
		}
		if g, w := streamedRes.Warnings.Error(), want.Warnings.Error(); g != w {
			t.Fatalf("step %d (%s on %v): streamed warnings differ from full:\n%s\nwant\n%s", step, name, touched, g, w)
		}
		if diff := writtenDiff(t, dir, want); diff != "" {
			t.Fatalf("step %d (%s on %v): streamed %s", step, name, touched, diff)
		}
	}
}

// writtenDiff says how the output folders public/ and private/ of the
// site folder differ from want's files; "" if they do not.
func writtenDiff(t *testing.T, site string, want *Result) string {
	t.Helper()
	for _, o := range []struct {
		dir  string
		want map[string][]byte
	}{{"public", want.Public}, {"private", want.Private}} {
		written := readTree(t, filepath.Join(site, o.dir))
		delete(written, Marker)
		delete(written, ".gitignore")
		if diff := compare(written, o.want); diff != "" {
			return fmt.Sprintf("%s/ differs from a full build:\n%s", o.dir, diff)
		}
	}
	return ""
}

func compare(got, want map[string][]byte) string {
	var out []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			out = append(out, "missing "+p)
		case !bytes.Equal(g, w):
			out = append(out, "differs "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			out = append(out, "extra "+p)
		}
	}
	sort.Strings(out)
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("… and %d more", len(out)-10))
	}
	return strings.Join(out, "\n")
}

func readTree(t *testing.T, dir string) map[string][]byte {
	files := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	return files
}

// TestEditRendersLittle: saving one post's text re-renders its own pages
// and the pages that list everything, not the pages of every document.
func TestEditRendersLittle(t *testing.T) {
	dir := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	b := NewBuilder(os.DirFS(dir))
	first, err := b.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	const post = "content/posts/skip-level-one-on-ones.md"
	rewrite(t, dir, post, func(s string) string { return s + "\nOne more line.\n" })
	b.Forget(post)
	res, err := b.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	all := Pages(first.Public) + Pages(first.Private)
	t.Logf("blog %d of %d, wiki %d of %d", b.blog.Rendered(), Pages(first.Public), b.wiki.Rendered(), Pages(first.Private))
	if res.Rendered*3 > all {
		t.Errorf("one edit re-rendered %d of %d pages", res.Rendered, all)
	}
	if b.wiki.Rendered() >= Pages(first.Private)/2 {
		t.Errorf("one edit re-rendered %d of %d wiki pages", b.wiki.Rendered(), Pages(first.Private))
	}
	if !strings.Contains(string(res.Private["posts/skip-level-one-on-ones.html"]), "One more line.") {
		t.Error("the wiki page of the edited post was not re-rendered")
	}
}

// TestClockWithinADay: serve rebuilds with the clock of each save; pages
// show days, so a later hour of the same day re-renders nothing more than
// an edit would — and the next day's build still equals a fresh one.
func TestClockWithinADay(t *testing.T) {
	dir := copySite(t)
	b := NewBuilder(os.DirFS(dir))
	morning := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	first, err := b.Render(Options{Now: morning})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Render(Options{Now: morning.Add(5 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if n := b.wiki.Rendered(); n >= Pages(first.Private)/2 {
		t.Errorf("a later hour of the same day re-rendered %d of %d wiki pages", n, Pages(first.Private))
	}
	next := morning.Add(24 * time.Hour)
	got, err := b.Render(Options{Now: next})
	if err != nil {
		t.Fatal(err)
	}
	want, err := Render(os.DirFS(dir), Options{Now: next})
	if err != nil {
		t.Fatal(err)
	}
	if diff := compare(got.Private, want.Private) + compare(got.Public, want.Public); diff != "" {
		t.Errorf("the next day's build differs from a fresh one:\n%s", diff)
	}
}

// TestBodyEditMakesItsPage: once a contact's, an event's or a post's
// prose alone is edited, the wiki makes the data of that document's page
// and of no other (none shows the body), the blog of the few pages that
// show a published post (its own, its neighbours', the lists it is in)
// and of none for the others, and the site is the one a full build
// makes, in a theme that prints every page's data. An edit that adds a
// wikilink (a backlink on another page) makes every page again but the
// events', which are made of what they were.
func TestBodyEditMakesItsPage(t *testing.T) {
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	dir, b, _ := dumpedSite(t, opts)
	every, blogEvery := b.wiki.Made(), b.blog.Made()
	for i, tc := range []struct {
		file, page, added, shows string
		made                     int
	}{
		{"content/contacts/carla-duarte.md", "contacts/carla-duarte.html", "Met again in Zanzibar.", "Zanzibar", 1},
		{"content/events/2026-01-15-call-tomas-new-year.md", "events/2026-01-15-call-tomas-new-year.html", "We spoke of *oolong*.", "oolong", 1},
		{"content/posts/consensus-talk-notes.md", "posts/consensus-talk-notes.html", "A draft's *zeugma*.", "zeugma", 1},
		{"content/posts/idempotency-is-a-contract.md", "posts/idempotency-is-a-contract.html", "## Quorum arithmetic", "Quorum arithmetic", 1},
		{"content/posts/idempotency-is-a-contract.md", "posts/idempotency-is-a-contract.html", "Thanks to [[carla-duarte|Carla of Lisbon]].", "Carla of Lisbon", every},
	} {
		rewrite(t, dir, tc.file, func(s string) string { return s + "\n" + tc.added + "\n" })
		b.Forget(tc.file)
		got, err := b.Render(opts)
		if err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		wantMade := tc.made
		if wantMade == every {
			// Every page but the events', made of what they were (the
			// wiki's frameAsIn).
			wantMade = every - len(mdFiles(t, dir, "content/events"))
		}
		if made := b.wiki.Made(); made != wantMade {
			t.Errorf("edit %d (%s): the wiki made the data of %d pages of %d, want %d", i, tc.added, made, every, wantMade)
		}
		switch made := b.blog.Made(); {
		case tc.made == every && made != blogEvery,
			tc.made != every && !strings.Contains(tc.file, "idempotency") && made != 0,
			strings.Contains(tc.file, "idempotency") && tc.made != every && (made == 0 || made*2 > blogEvery):
			t.Errorf("edit %d (%s): the blog made the data of %d pages of %d", i, tc.added, made, blogEvery)
		}
		if !strings.Contains(string(got.Private[tc.page]), tc.shows) {
			t.Errorf("edit %d: %s does not show %q", i, tc.page, tc.shows)
		}
		if blog := "posts/idempotency-is-a-contract/index.html"; strings.Contains(tc.file, "idempotency") && !strings.Contains(string(got.Public[blog]), tc.shows) {
			t.Errorf("edit %d: the blog's %s does not show %q", i, blog, tc.shows)
		}
		want, err := Render(os.DirFS(dir), opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := compare(got.Public, want.Public) + compare(got.Private, want.Private); diff != "" {
			t.Fatalf("edit %d (%s on %s): incremental differs from full:\n%s", i, tc.added, tc.file, diff)
		}
	}
	// A problem of the public view in an edited body is reported as a
	// full build reports it.
	const post = "content/posts/idempotency-is-a-contract.md"
	rewrite(t, dir, post, func(s string) string { return s + "\nA stray [[slug|]] link.\n" })
	b.Forget(post)
	_, err := b.Render(opts)
	_, full := Render(os.DirFS(dir), opts)
	if err == nil || full == nil || err.Error() != full.Error() {
		t.Errorf("a body the public view has a problem with: got %v, want %v", err, full)
	}
}

// TestBodyEditsInARow: of saves of bodies alone, each made from the last
// render, the one after maxEdits in a row renders everything again (and
// forgets what no page uses, which the others kept), and equals a full
// build.
func TestBodyEditsInARow(t *testing.T) {
	dir := copySite(t)
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	b := NewBuilder(os.DirFS(dir))
	if _, err := b.Render(opts); err != nil {
		t.Fatal(err)
	}
	every := b.wiki.Made()
	const contact = "content/contacts/carla-duarte.md"
	for i := range maxEdits + 1 {
		rewrite(t, dir, contact, func(s string) string { return s + fmt.Sprintf("\nSave %d.\n", i) })
		b.Forget(contact)
		got, err := b.Render(opts)
		if err != nil {
			t.Fatal(err)
		}
		want := 1
		if i == maxEdits {
			want = every
			full, err := Render(os.DirFS(dir), opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := compare(got.Public, full.Public) + compare(got.Private, full.Private); diff != "" {
				t.Fatalf("after %d saves: differs from a full build:\n%s", i+1, diff)
			}
		}
		if made := b.wiki.Made(); made != want {
			t.Fatalf("save %d of a body alone: the wiki made %d pages' data, want %d", i+1, made, want)
		}
	}
}

// TestPrivateEditKeepsTheBlog: a save that leaves what the public view is
// made of as it was (a new event, a contact's role) neither makes the
// public view again nor the data of any page of the blog, and the site
// is the one a full build makes, in a theme that prints every page's
// data; a save that changes what a public post shows of a contact (their
// public name) makes them again.
func TestPrivateEditKeepsTheBlog(t *testing.T) {
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	dir, b, first := dumpedSite(t, opts)
	const post = "posts/promotion-case/index.html"
	if _, ok := first.Public[post]; !ok {
		t.Fatalf("no %s in the blog", post)
	}
	for i, tc := range []struct {
		file, text string
		keeps      bool   // the blog is kept
		shows      string // the post above shows it
	}{
		{file: "content/events/2026-11-21-coffee-tomas.md", text: "---\ntitle: Coffee with Tomás\ndate: 2026-11-21\nkind: coffee\nwith: [tomas-ferreira]\n---\nTalked of [[Mei Chen]].\n", keeps: true},
		{file: "content/contacts/tomas-ferreira.md", keeps: true, text: ""},
		{file: "content/contacts/daniel-oconnor.md", shows: "Dan the Chair"},
	} {
		if tc.text != "" {
			if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			rewrite(t, dir, tc.file, func(s string) string { return strings.Replace(s, "\nrole: ", "\nrole: Chief ", 1) })
		}
		if tc.shows != "" {
			rewrite(t, dir, tc.file, func(s string) string {
				return strings.Replace(s, "public:\n  name: \"Daniel O'Connor\"", "public:\n  name: \""+tc.shows+"\"", 1)
			})
		}
		b.Forget(tc.file)
		got, err := b.Render(opts)
		if err != nil {
			t.Fatalf("edit %d (%s): %v", i, tc.file, err)
		}
		made := b.blog.Made()
		if tc.keeps && made != 0 {
			t.Errorf("edit %d (%s): the blog made the data of %d pages", i, tc.file, made)
		}
		if n := b.blog.Rendered(); tc.keeps && n != 0 {
			t.Errorf("edit %d (%s): the blog rendered %d pages", i, tc.file, n)
		}
		if !tc.keeps && made == 0 {
			t.Errorf("edit %d (%s): the blog made no page's data", i, tc.file)
		}
		if tc.shows != "" && !strings.Contains(string(got.Public[post]), tc.shows) {
			t.Errorf("edit %d (%s): %s does not show %q", i, tc.file, post, tc.shows)
		}
		want, err := Render(os.DirFS(dir), opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := compare(got.Public, want.Public) + compare(got.Private, want.Private); diff != "" {
			t.Fatalf("edit %d (%s): incremental differs from full:\n%s", i, tc.file, diff)
		}
	}
}

// TestPrivateEditKeepsThePosts: a save that leaves what the wiki's post
// pages are made of as it was (a new event that names no post) takes
// them, and their search entries, as the last render made them; one that
// changes what a post's page shows (a backlink from a new event, the
// name of a person it went to or its body names) makes them again. The
// site is each time the one a full build makes, in a theme that prints
// every page's data.
func TestPrivateEditKeepsThePosts(t *testing.T) {
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	dir, b, _ := dumpedSite(t, opts)
	for i, tc := range []struct {
		file, text string
		rename     [2]string // or this replaced in file
		remove     string    // and this file removed
		keeps      bool
		page, show string // this wiki page shows this
	}{
		{file: "content/events/2026-11-21-coffee-mei.md", text: "---\ntitle: Coffee with Mei\ndate: 2026-11-21\nwith: [mei-chen]\n---\nTalked of [[Kwame]].\n", keeps: true},
		{file: "content/contacts/nadia-haddad.md", rename: [2]string{`name: "Nadia Haddad"`, `name: "Nadia Q. Haddad"`},
			page: "posts/year-three-in-lisbon.html", show: "Nadia Q. Haddad"},
		{file: "content/events/2026-11-21-lunch-ana.md", text: "---\ntitle: Lunch with Ana\ndate: 2026-11-21\nwith: [ana-lima]\n---\nShe quoted [[promotion-case]].\n",
			page: "posts/promotion-case.html", show: "Lunch with Ana"},
		{file: "content/contacts/tomas-ferreira.md", rename: [2]string{`name: "Tomás Ferreira"`, `name: "Tomás Q. Ferreira"`},
			page: "posts/promotion-case.html", show: "Tomás Q. Ferreira"},
		{file: "content/events/2026-11-21-coffee-mei.md", text: "---\ntitle: Coffee with Mei\ndate: 2026-11-21\nwith: [mei-chen]\n---\nTalked of [[Kwame]] again.\n", keeps: true},
		// An event linked from a new one: its page shows the backlink.
		{file: "content/events/2026-11-21-follow-up-intro.md", text: "---\ntitle: Follow-up on the intro\ndate: 2026-11-21\nwith: [mei-chen]\n---\nAfter [[2026-10-22-intro-mei-kwame]].\n",
			keeps: true, page: "events/2026-10-22-intro-mei-kwame.html", show: "Follow-up on the intro"},
		// A post's prose alone, right after a render that kept them.
		{file: "content/posts/promotion-case.md", rename: [2]string{"come and disagree with me.", "come and disagree with me, kindly."},
			page: "posts/promotion-case.html", show: "disagree with me, kindly."},
		// Someone no body names, to whom a post went: then renamed.
		{file: "content/contacts/zed-quist.md", text: "---\nname: Zed Quist\n---\n", keeps: true},
		{file: "content/posts/promotion-case.md", rename: [2]string{"shared_with: [tomas-ferreira, mei-chen]", "shared_with: [tomas-ferreira, mei-chen, zed-quist]"},
			page: "posts/promotion-case.html", show: "Zed Quist"},
		{file: "content/contacts/zed-quist.md", text: "---\nname: Zed Q. Quist\n---\n", page: "posts/promotion-case.html", show: "Zed Q. Quist"},
		// A name a post's body names, which names nothing until a
		// contact takes it.
		{file: "content/posts/year-three-in-lisbon.md", rename: [2]string{"[[Mei]]", "[[Mei]] and [[Una Vale]]"},
			page: "posts/year-three-in-lisbon.html", show: "unresolved"},
		{file: "content/contacts/una-vale.md", text: "---\nname: Una Vale\n---\n", page: "posts/year-three-in-lisbon.html", show: "contacts/una-vale.html"},
		// The name passes to another contact in one save, every other
		// document as it was.
		{file: "content/contacts/una-vale-jr.md", text: "---\nname: Una Vale\n---\n", remove: "content/contacts/una-vale.md",
			page: "posts/year-three-in-lisbon.html", show: "contacts/una-vale-jr.html"},
	} {
		if tc.text != "" {
			if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			rewrite(t, dir, tc.file, func(s string) string {
				if !strings.Contains(s, tc.rename[0]) {
					t.Fatalf("no %s in %s", tc.rename[0], tc.file)
				}
				return strings.Replace(s, tc.rename[0], tc.rename[1], 1)
			})
		}
		b.Forget(tc.file)
		if tc.remove != "" {
			if err := os.Remove(filepath.Join(dir, tc.remove)); err != nil {
				t.Fatal(err)
			}
			b.Forget(tc.remove)
		}
		got, err := b.Render(opts)
		if err != nil {
			t.Fatalf("edit %d (%s): %v", i, tc.file, err)
		}
		if kept := b.wiki.PostsKept(); kept != tc.keeps {
			t.Errorf("edit %d (%s): posts kept %v, want %v", i, tc.file, kept, tc.keeps)
		}
		if tc.page != "" && !strings.Contains(string(got.Private[tc.page]), tc.show) {
			t.Errorf("edit %d (%s): %s does not show %q", i, tc.file, tc.page, tc.show)
		}
		full := NewBuilder(os.DirFS(dir))
		want, err := full.Render(opts)
		if err != nil {
			t.Fatal(err)
		}
		// Kept: the 10 posts' pages, and every event's but the one saved
		// and one it links to.
		events := len(mdFiles(t, dir, "content/events"))
		if made, all := b.wiki.Made(), full.wiki.Made(); tc.keeps && made+10+events-2 > all {
			t.Errorf("edit %d (%s): the wiki made the data of %d pages of %d, the 10 posts' and %d events' among them", i, tc.file, made, all, events-2)
		}
		if diff := compare(got.Public, want.Public) + compare(got.Private, want.Private); diff != "" {
			t.Fatalf("edit %d (%s): incremental differs from full:\n%s", i, tc.file, diff)
		}
	}
}
