package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netjournal/netjournal/internal/build"
)

// gen writes a small site and its Hugo twin into a new folder.
func gen(t *testing.T, args ...string) (site, hugo string) {
	t.Helper()
	dir := t.TempDir()
	site, hugo = filepath.Join(dir, "site"), filepath.Join(dir, "hugo")
	var stderr bytes.Buffer
	args = append([]string{"-posts", "120", "-contacts", "40", "-events", "300", "-hugo", hugo}, append(args, site)...)
	if code := run(args, &stderr); code != 0 {
		t.Fatalf("gensite %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return site, hugo
}

// files reads every file under dir: slash path → bytes.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSameSeedSameBytes(t *testing.T) {
	site1, hugo1 := gen(t)
	site2, hugo2 := gen(t)
	for _, pair := range [][2]string{{site1, site2}, {hugo1, hugo2}} {
		a, b := files(t, pair[0]), files(t, pair[1])
		if len(a) != len(b) {
			t.Errorf("%d files, then %d", len(a), len(b))
		}
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Errorf("%s differs between two runs with one seed", name)
			}
		}
	}
	site3, _ := gen(t, "-seed", "9")
	if bytes.Equal(files(t, site1)["content/contacts/"+firstContact(t, site1)], files(t, site3)["content/contacts/"+firstContact(t, site1)]) {
		t.Errorf("seeds 8 and 9 wrote the same first contact")
	}
}

func firstContact(t *testing.T, site string) string {
	entries, err := os.ReadDir(filepath.Join(site, "content/contacts"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("no contacts: %v", err)
	}
	return entries[0].Name()
}

// TestBuilds renders the site as `netjournal build --now 2026-11-22` does:
// no error, no warning, and every kind of document there.
func TestBuilds(t *testing.T) {
	site, _ := gen(t)
	res, err := build.Render(os.DirFS(site), build.Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %s: %s", w.Pos, w.Msg)
	}
	j := res.Journal
	if len(j.Posts) != 120 || len(j.Contacts) != 40 || len(j.Events) != 300 {
		t.Errorf("%d posts, %d contacts, %d events; want 120, 40, 300", len(j.Posts), len(j.Contacts), len(j.Events))
	}
	if build.Pages(res.Public) < 100 || build.Pages(res.Private) < 400 {
		t.Errorf("%d public and %d private pages: too few", build.Pages(res.Public), build.Pages(res.Private))
	}
}

// TestPostsAlone checks a site of posts alone: the benchmark's blog.
// Its posts are the same as with contacts, but for the sentences naming one.
func TestPostsAlone(t *testing.T) {
	site, _ := gen(t, "-contacts", "0", "-events", "0")
	if _, err := build.Render(os.DirFS(site), build.Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatalf("build: %v", err)
	}
	full, _ := gen(t)
	alone, with := files(t, site), files(t, full)
	same := 0
	for name, data := range alone {
		if strings.HasPrefix(name, "content/posts/") && bytes.Equal(data, with[name]) {
			same++
		}
	}
	if same < 60 {
		t.Errorf("%d of 120 posts are the same with contacts and without; want most", same)
	}
}

// TestHugoBuilds builds the Hugo twin, when Hugo is installed.
func TestHugoBuilds(t *testing.T) {
	if _, err := exec.LookPath("hugo"); err != nil {
		t.Skip("hugo not installed")
	}
	_, hugo := gen(t)
	out, err := exec.Command("hugo", "--quiet", "-s", hugo).CombinedOutput()
	if err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	for _, name := range []string{"index.html", "page/2/index.html", "tags/index.html", "posts/index.html", "index.xml", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(hugo, "public", name)); err != nil {
			t.Errorf("hugo wrote no %s", name)
		}
	}
	posts, _ := filepath.Glob(filepath.Join(hugo, "public/posts/*/index.html"))
	if len(posts) < 100 {
		t.Errorf("hugo wrote %d post pages; want the public posts, over 100", len(posts))
	}
}
