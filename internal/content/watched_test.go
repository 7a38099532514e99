package content

import (
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var watchSeed = flag.Uint64("watchseed", 0, "replay TestWatchedLoadEqualsLoad with the seed it logged")

// TestWatchedLoadEqualsLoad: a watched cache, told the paths that a
// watcher names for each of a random series of changes (files added,
// edited without a change of size or time, removed; documents moved into
// new folders, folders renamed; files the load warns about, skipped
// folders, editors' temporary files; the configuration), loads what a
// fresh Load does: the same documents, problems and warnings.
func TestWatchedLoadEqualsLoad(t *testing.T) {
	seed := *watchSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay: go test ./internal/content -run TestWatchedLoadEqualsLoad -watchseed %d)", seed, seed)
	r := rand.New(rand.NewPCG(seed, 2))
	dir := t.TempDir()
	write := func(rel, data string) {
		t.Helper()
		writeFiles(t, dir, map[string]string{rel: data})
	}
	n := 0
	doc := func() (string, string) {
		n++
		switch n % 3 {
		case 0:
			return fmt.Sprintf("content/contacts/c%d.md", n), fmt.Sprintf("---\nname: Contact %d\ncircle: core\n---\nNotes %d.\n", n, n)
		case 1:
			return fmt.Sprintf("content/events/e%d.md", n), fmt.Sprintf("---\ntitle: Event %d\ndate: 2026-01-%02d\n---\nMet %d.\n", n, 1+n%28, n)
		}
		return fmt.Sprintf("content/posts/p%d.md", n), fmt.Sprintf("---\ntitle: Post %d\ndate: 2026-02-%02d\n---\nText %d.\n", n, 1+n%28, n)
	}
	write(ConfigFile, "title: Watched\nbase_url: https://example.com/\n")
	for range 12 {
		write(doc())
	}
	// files lists the site's files below content/, for a change to pick.
	files := func(match func(rel string) bool) []string {
		var out []string
		filepath.WalkDir(filepath.Join(dir, ContentDir), func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				if rel = filepath.ToSlash(rel); match(rel) {
					out = append(out, rel)
				}
			}
			return nil
		})
		return out
	}
	documents := func(rel string) bool { return strings.HasSuffix(rel, ".md") && !strings.Contains(rel, "~") }
	changes := map[string]func() []string{
		"add a document": func() []string {
			rel, data := doc()
			write(rel, data)
			return []string{rel}
		},
		"edit a document, same size and time": func() []string {
			docs := files(documents)
			rel := docs[r.IntN(len(docs))]
			p := filepath.Join(dir, rel)
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			data[len(data)-2] ^= 1 // the body's last character before its newline
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
			return []string{rel}
		},
		"break a document's front matter": func() []string {
			docs := files(documents)
			rel := docs[r.IntN(len(docs))]
			write(rel, "---\ntitle: [unclosed\n---\nBody.\n")
			return []string{rel}
		},
		"remove a file": func() []string {
			all := files(func(string) bool { return true })
			rel := all[r.IntN(len(all))]
			os.Remove(filepath.Join(dir, rel))
			return []string{rel}
		},
		"move a document into a new folder": func() []string {
			docs := files(documents)
			rel := docs[r.IntN(len(docs))]
			sub := path.Join(path.Dir(rel), fmt.Sprintf("sub%d", r.IntN(3)))
			to := path.Join(sub, path.Base(rel))
			os.MkdirAll(filepath.Join(dir, sub), 0o755)
			if err := os.Rename(filepath.Join(dir, rel), filepath.Join(dir, to)); err != nil {
				t.Fatal(err)
			}
			return []string{rel, sub, to}
		},
		"rename a folder": func() []string {
			for _, d := range []string{"sub0", "sub1", "sub2", "old~"} {
				for _, top := range contentDirs {
					from := path.Join(top, d)
					if _, err := os.Stat(filepath.Join(dir, from)); err != nil {
						continue
					}
					to := path.Join(top, fmt.Sprintf("renamed%d", n))
					n++
					if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
						t.Fatal(err)
					}
					// A watcher names the folders and the files it finds
					// in the new one.
					return append([]string{from, to}, files(func(rel string) bool { return strings.HasPrefix(rel, to+"/") })...)
				}
			}
			return nil
		},
		"move a folder out of the site": func() []string {
			for _, d := range []string{"sub0", "sub1", "old~", "renamed"} {
				for _, top := range contentDirs {
					matches, _ := filepath.Glob(filepath.Join(dir, top, d+"*"))
					if len(matches) == 0 {
						continue
					}
					rel, _ := filepath.Rel(dir, matches[0])
					if err := os.Rename(matches[0], filepath.Join(t.TempDir(), "gone")); err != nil {
						t.Fatal(err)
					}
					return []string{filepath.ToSlash(rel)}
				}
			}
			return nil
		},
		"add a file the load warns about": func() []string {
			top := contentDirs[r.IntN(len(contentDirs))]
			rel := path.Join(top, []string{"notes.txt", "_draft.md", "photo.jpg"}[r.IntN(3)])
			write(rel, "not a document")
			return []string{rel}
		},
		"add a skipped folder": func() []string {
			rel, data := doc()
			rel = path.Join(path.Dir(rel), "old~", path.Base(rel))
			write(rel, data)
			return []string{path.Dir(rel), rel}
		},
		"remove a document from a skipped folder": func() []string {
			in := files(func(rel string) bool { return strings.Contains(rel, "/old~/") })
			if len(in) == 0 {
				return nil
			}
			rel := in[r.IntN(len(in))]
			os.Remove(filepath.Join(dir, rel))
			return []string{rel}
		},
		"add an editor's temporary file": func() []string {
			docs := files(documents)
			rel := docs[r.IntN(len(docs))]
			tmp := []string{rel + "~", path.Join(path.Dir(rel), "."+path.Base(rel)+".swp"), path.Join(path.Dir(rel), "4913")}[r.IntN(3)]
			write(tmp, "x")
			if r.IntN(2) == 0 {
				os.Remove(filepath.Join(dir, tmp))
			}
			return []string{tmp}
		},
		"rename a document to another's name, in another folder": func() []string {
			docs := files(documents)
			from, to := docs[r.IntN(len(docs))], docs[r.IntN(len(docs))]
			parts := strings.SplitN(from, "/", 3) // content, kind, the rest
			renamed := path.Join(parts[0], parts[1], fmt.Sprintf("named%d", r.IntN(3)), path.Base(to))
			if renamed == from {
				return nil
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, renamed)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, renamed)); err != nil {
				t.Fatal(err)
			}
			return []string{from, renamed}
		},
		"copy a document into another folder (its slug twice)": func() []string {
			docs := files(documents)
			rel := docs[r.IntN(len(docs))]
			data, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				t.Fatal(err)
			}
			parts := strings.SplitN(rel, "/", 3) // content, kind, the rest
			copied := path.Join(parts[0], parts[1], fmt.Sprintf("copy%d", r.IntN(3)), path.Base(rel))
			write(copied, string(data))
			return []string{copied}
		},
		"change the configuration": func() []string {
			write(ConfigFile, fmt.Sprintf("title: Watched %d\nbase_url: https://example.com/\n", r.IntN(3)))
			return []string{ConfigFile}
		},
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range changes {
			if !yield(name) {
				return
			}
		}
	})
	fsys := os.DirFS(dir)
	c := &Cache{Watched: true}
	c.Load(fsys)
	for step := range 80 {
		name := names[r.IntN(len(names))]
		touched := changes[name]()
		c.Forget(touched...)
		got, gerr := c.Load(fsys)
		want, werr := Load(fsys)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Fatalf("step %d (%s, %v): problems\n%v\nwant\n%v", step, name, touched, gerr, werr)
		}
		if g, w := fmt.Sprint(got.Warnings), fmt.Sprint(want.Warnings); g != w {
			t.Fatalf("step %d (%s, %v): warnings\n%s\nwant\n%s", step, name, touched, g, w)
		}
		// A document's keys' lines are found when a problem first asks
		// (a slug twice, at a load before): found in both here.
		settle(got)
		settle(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d (%s, %v): the watched load differs from a fresh one:\n%s\nwant\n%s", step, name, touched, paths(got), paths(want))
		}
	}
}

// settle finds the lines of every document's front-matter keys, which a
// load finds only for a document a problem is reported at.
func settle(s *Site) {
	for _, c := range s.Contacts {
		c.lines.get()
	}
	for _, e := range s.Events {
		e.lines.get()
	}
	for _, p := range s.Posts {
		p.lines.get()
	}
	for _, p := range s.Pages {
		p.lines.get()
	}
}

// paths lists a site's documents.
func paths(s *Site) string {
	var b strings.Builder
	for _, c := range s.Contacts {
		fmt.Fprintf(&b, "%s %q\n", c.Path, c.Body)
	}
	for _, e := range s.Events {
		fmt.Fprintf(&b, "%s %q\n", e.Path, e.Body)
	}
	for _, p := range s.Posts {
		fmt.Fprintf(&b, "%s %q\n", p.Path, p.Body)
	}
	return b.String()
}

// TestWatchedLoadReadsWhatIsNamed: a watched cache reads again the files
// named to Forget and no other (a watcher names every change), where one
// that is not watched asks every file its size and time.
func TestWatchedLoadReadsWhatIsNamed(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		ConfigFile:                "title: Watched\nbase_url: https://example.com/\n",
		"content/posts/a.md":      "---\ntitle: A\ndate: 2026-01-01\n---\nOne.\n",
		"content/posts/b.md":      "---\ntitle: B\ndate: 2026-01-02\n---\nTwo.\n",
		"content/contacts/ana.md": "---\nname: Ana\n---\nNotes.\n",
	})
	fsys := os.DirFS(dir)
	for _, watched := range []bool{true, false} {
		c := &Cache{Watched: watched}
		for i := range 2 { // the second load runs watched, trusting the first
			if _, err := c.Load(fsys); err != nil {
				t.Fatalf("load %d: %v", i, err)
			}
		}
		body := fmt.Sprintf("Edited, watched %v.\n", watched)
		for _, rel := range []string{"content/posts/a.md", "content/posts/b.md"} {
			if err := os.WriteFile(filepath.Join(dir, rel), []byte("---\ntitle: A\ndate: 2026-01-01\n---\n"+body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		c.Forget("content/posts/a.md") // b.md's change goes unnamed
		site, err := c.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		bodies := map[string]string{}
		for _, p := range site.Posts {
			bodies[p.Path] = p.Body
		}
		if bodies["content/posts/a.md"] != body {
			t.Errorf("watched %v: a.md, named, reads %q, want %q", watched, bodies["content/posts/a.md"], body)
		}
		if got := bodies["content/posts/b.md"] == body; got == watched {
			t.Errorf("watched %v: b.md, not named, read again: %v", watched, got)
		}
	}
}

// failingDir is a site whose folder fail cannot be listed: the walk
// reports an error there, as it does for a folder without permission.
type failingDir struct {
	fs.FS
	fail string
}

func (f *failingDir) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == f.fail {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return fs.ReadDir(f.FS, name)
}

// TestWatchedLoadWalksAgainAfterAnError: a folder the walk could not
// list is walked again on the next load, though no change was named (a
// folder made readable again sends a watcher nothing): the error goes,
// and the document in it is read.
func TestWatchedLoadWalksAgainAfterAnError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		ConfigFile:                "title: Watched\nbase_url: https://example.com/\n",
		"content/posts/a.md":      "---\ntitle: A\ndate: 2026-01-01\n---\nOne.\n",
		"content/posts/sub/b.md":  "---\ntitle: B\ndate: 2026-01-02\n---\nTwo.\n",
		"content/contacts/ana.md": "---\nname: Ana\n---\nNotes.\n",
	})
	fsys := &failingDir{FS: os.DirFS(dir)}
	c := &Cache{Watched: true}
	if _, err := c.Load(fsys); err != nil {
		t.Fatal(err)
	}
	fsys.fail = "content/posts/sub"
	c.Forget("content/posts/sub") // its listing walked again
	if _, err := c.Load(fsys); err == nil {
		t.Fatal("no error for the folder that cannot be listed")
	}
	fsys.fail = ""
	site, err := c.Load(fsys)
	if err != nil {
		t.Fatalf("the folder listed again, but: %v", err)
	}
	if len(site.Posts) != 2 {
		t.Errorf("%d posts read, want 2", len(site.Posts))
	}
}

// writeFiles writes each file of files, by its slash path under dir, with
// its folders.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
