package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var soak = flag.Duration("soak", 0, "run TestSoak, the watcher's soak test, for this long (go test ./cmd/netjournal -run TestSoak -soak 5m -v)")

// TestSoak drives `netjournal build --watch` with every kind of save that
// editors, git and people make, for as long as -soak says, and at each
// checkpoint compares its output, byte for byte, with a fresh build of the
// same files. It is run by hand, not in CI: see the README's reliability
// section for its command and last result.
func TestSoak(t *testing.T) {
	if *soak == 0 {
		t.Skip("run with -soak DURATION")
	}
	site := t.TempDir()
	genSite(t, site, 300)
	setGeneration(t, site, 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watcher := netjournalAt(ctx, site, "build", "--watch", "--now", "2026-11-22")
	stdout, err := watcher.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	watcher.Stderr = &stderr
	if err := watcher.Start(); err != nil {
		t.Fatal(err)
	}
	rebuilds := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case rebuilds <- sc.Text():
			default:
			}
		}
	}()
	defer func() {
		watcher.Process.Signal(os.Interrupt)
		watcher.Wait()
	}()

	s := &soaker{t: t, site: site, log: func() string { return lastLines(stderr.String(), 20) }, rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1)), counts: map[string]int{}}
	s.waitFor(filepath.Join(site, "public/posts/gen/index.html"), "Generation 0")
	deadline := time.Now().Add(*soak)
	checkpoints, maxRSS := 0, 0
	for time.Now().Before(deadline) {
		for range 10 + s.rng.IntN(30) {
			s.edit()
			if s.rng.IntN(4) == 0 {
				time.Sleep(time.Duration(s.rng.IntN(60)) * time.Millisecond)
			}
		}
		// The checkpoint: a last save that the watcher must see after
		// all the others; once both sites show it, they hold the result
		// of every edit before it.
		checkpoints++
		setGeneration(t, site, checkpoints)
		want := fmt.Sprintf("Generation %d", checkpoints)
		s.waitFor(filepath.Join(site, "public/posts/gen/index.html"), want)
		s.waitFor(filepath.Join(site, "private/contacts/gen.html"), want)
		s.waitFor(filepath.Join(site, "private/search-index.js"), want)
		if rss := rssKB(watcher.Process.Pid); rss > maxRSS {
			maxRSS = rss
		}
		s.compareWithFreshBuild(checkpoints)
	}
	edits := 0
	var kinds []string
	for k, n := range s.counts {
		edits += n
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	t.Logf("soak: %s, %d edits (%s), %d checkpoints, every one byte-identical to a fresh build; watcher's peak RSS %d MB",
		*soak, edits, strings.Join(sortedStrings(kinds), ", "), checkpoints, maxRSS/1024)
	if strings.Contains(stderr.String(), "panic") {
		t.Errorf("the watcher panicked:\n%s", stderr.String())
	}
}

// soaker makes edits to a site.
type soaker struct {
	t      *testing.T
	log    func() string // what the watcher printed on stderr
	site   string
	rng    *rand.Rand
	counts map[string]int
	next   int // for new names
}

func (s *soaker) path(rel string) string { return filepath.Join(s.site, filepath.FromSlash(rel)) }

func (s *soaker) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

// posts lists the posts' paths, relative to the site: all of them, or
// only those that the soak made (under content/posts/soak/), which no
// other post links to and which may therefore be deleted, renamed, made
// private or set aside without making the site invalid (a public post's
// link to nothing is an error).
func (s *soaker) posts(own bool) []string {
	var out []string
	root := s.path("content/posts")
	if own {
		root = s.path("content/posts/soak")
	}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.Contains(p, "/gen.md") {
			rel, _ := filepath.Rel(s.site, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func (s *soaker) post(title string) []byte {
	s.next++
	return fmt.Appendf(nil, "---\ntitle: %s %d\ndate: 2021-%02d-%02d\ntags: [soak, t%d]\n---\nSoak text %d, linking [[post-%d]].\n",
		title, s.next, 1+s.next%12, 1+s.next%28, s.next%5, s.next, s.next%300)
}

// edit makes one random edit of one random kind.
func (s *soaker) edit() {
	posts, own := s.posts(false), s.posts(true)
	for len(own) < 20 {
		rel := fmt.Sprintf("content/posts/soak/seed/seed-%d.md", s.next)
		s.must(os.MkdirAll(filepath.Dir(s.path(rel)), 0o755))
		s.must(os.WriteFile(s.path(rel), s.post("Seed"), 0o644))
		own = append(own, rel)
	}
	p := posts[s.rng.IntN(len(posts))]
	o := own[s.rng.IntN(len(own))]
	kinds := []struct {
		name string
		do   func()
	}{
		{"write", func() { s.must(os.WriteFile(s.path(p), s.post("Written"), 0o644)) }},
		{"vim", func() {
			// backup by rename, the 4913 probe, a new file, the backup gone
			s.must(os.Rename(s.path(p), s.path(p+"~")))
			probe := filepath.Join(filepath.Dir(s.path(p)), "4913")
			s.must(os.WriteFile(probe, nil, 0o644))
			s.must(os.Remove(probe))
			s.must(os.WriteFile(s.path(p), s.post("Vim"), 0o644))
			s.must(os.Remove(s.path(p + "~")))
		}},
		{"atomic rename", func() {
			tmp := filepath.Join(filepath.Dir(s.path(p)), ".tmp-"+filepath.Base(p))
			s.must(os.WriteFile(tmp, s.post("Atomic"), 0o644))
			s.must(os.Rename(tmp, s.path(p)))
		}},
		{"jetbrains", func() {
			s.must(os.WriteFile(s.path(p+"___jb_tmp___"), s.post("JetBrains"), 0o644))
			s.must(os.Rename(s.path(p), s.path(p+"___jb_old___")))
			s.must(os.Rename(s.path(p+"___jb_tmp___"), s.path(p)))
			s.must(os.Remove(s.path(p + "___jb_old___")))
		}},
		{"emacs", func() {
			dir, base := filepath.Dir(s.path(p)), filepath.Base(p)
			lock, auto := filepath.Join(dir, ".#"+base), filepath.Join(dir, "#"+base+"#")
			s.must(os.Symlink("user@host.123", lock))
			s.must(os.WriteFile(auto, s.post("Autosave"), 0o644))
			s.must(os.Rename(s.path(p), s.path(p+"~")))
			s.must(os.WriteFile(s.path(p), s.post("Emacs"), 0o644))
			s.must(os.Remove(auto))
			s.must(os.Remove(lock))
			s.must(os.Remove(s.path(p + "~")))
		}},
		{"delete", func() { s.must(os.Remove(s.path(o))) }},
		{"new in a new folder", func() {
			rel := fmt.Sprintf("content/posts/soak/%d/%d/new-%d.md", s.next%3, s.next, s.next)
			s.must(os.MkdirAll(filepath.Dir(s.path(rel)), 0o755))
			s.must(os.WriteFile(s.path(rel), s.post("New"), 0o644))
		}},
		{"rename", func() {
			s.must(os.Rename(s.path(o), s.path(fmt.Sprintf("%s/renamed-%d.md", filepath.Dir(o), s.next))))
			s.next++
		}},
		{"private or draft", func() {
			b, err := os.ReadFile(s.path(o))
			s.must(err)
			switch {
			case bytes.Contains(b, []byte("\nprivate: true\n")):
				b = bytes.Replace(b, []byte("\nprivate: true\n"), []byte("\ndraft: true\n"), 1)
			case bytes.Contains(b, []byte("\ndraft: true\n")):
				b = bytes.Replace(b, []byte("\ndraft: true\n"), []byte("\n"), 1)
			default:
				b = bytes.Replace(b, []byte("\ntitle:"), []byte("\nprivate: true\ntitle:"), 1)
			}
			s.must(os.WriteFile(s.path(o), b, 0o644))
		}},
		{"set aside", func() {
			aside := []string{"content/posts/2025.bak", "content/posts/_old", "content/posts/x~"}[s.rng.IntN(3)]
			s.must(os.MkdirAll(s.path(aside), 0o755))
			s.must(os.Rename(s.path(o), s.path(fmt.Sprintf("%s/%d-%s", aside, s.next, filepath.Base(o)))))
			s.next++
		}},
		{"burst", func() {
			for _, q := range posts[:min(len(posts), 60)] {
				s.must(os.WriteFile(s.path(q), s.post("Burst"), 0o644))
			}
		}},
		{"broken, then fixed", func() {
			s.must(os.WriteFile(s.path(p), []byte("---\ntitle: [broken\n---\n"), 0o644))
			time.Sleep(time.Duration(s.rng.IntN(80)) * time.Millisecond)
			s.must(os.WriteFile(s.path(p), s.post("Fixed"), 0o644))
		}},
		{"contact", func() {
			rel := fmt.Sprintf("content/contacts/c-%d.md", s.rng.IntN(30))
			s.must(os.WriteFile(s.path(rel), fmt.Appendf(nil, "---\nname: %s\n---\nNotes %d about [[post-%d]].\n",
				strings.TrimSuffix(filepath.Base(rel), ".md"), s.next, s.next%300), 0o644))
			s.next++
		}},
		{"event", func() {
			rel := fmt.Sprintf("content/events/soak-%d.md", s.next)
			s.must(os.WriteFile(s.path(rel), fmt.Appendf(nil, "---\ntitle: Soak %d\ndate: 2026-%02d-%02d\nwith: [c-%d]\nfollowups:\n  - who: c-%d\n    due: 2026-12-%02d\n    what: soak %d\n---\nMet.\n",
				s.next, 1+s.next%11, 1+s.next%28, s.next%30, s.next%30, 1+s.next%28, s.next), 0o644))
			s.next++
		}},
	}
	k := kinds[s.rng.IntN(len(kinds))]
	k.do()
	s.counts[k.name]++
}

// waitFor waits until the file holds want.
func (s *soaker) waitFor(path, want string) {
	s.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil && bytes.Contains(b, []byte(want)) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("%s does not hold %q after two minutes; the watcher said:\n%s", path, want, s.log())
}

// compareWithFreshBuild builds the site's files as they are now into new
// folders and compares them with what the watcher wrote.
func (s *soaker) compareWithFreshBuild(checkpoint int) {
	s.t.Helper()
	out := s.t.TempDir()
	cmd := netjournalAt(context.Background(), s.site, "build", "--now", "2026-11-22", "--quiet",
		"--out", filepath.Join(out, "public"), "--wiki-out", filepath.Join(out, "private"))
	if b, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("checkpoint %d: the fresh build: %v\n%s", checkpoint, err, b)
	}
	for _, dir := range []string{"public", "private"} {
		got, want := treeFiles(s.t, filepath.Join(s.site, dir)), treeFiles(s.t, filepath.Join(out, dir))
		var diffs []string
		for p, b := range want {
			if g, ok := got[p]; !ok {
				diffs = append(diffs, "missing "+p)
			} else if !bytes.Equal(g, b) {
				diffs = append(diffs, "differs "+p)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				diffs = append(diffs, "extra "+p)
			}
		}
		if len(diffs) > 0 {
			s.t.Fatalf("checkpoint %d: the watcher's %s/ is not what a fresh build writes:\n%s", checkpoint, dir, strings.Join(sortedStrings(diffs), "\n"))
		}
	}
	os.RemoveAll(out)
}

// treeFiles reads every file below dir.
func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// rssKB reads a process's resident memory, in kB, on Linux; 0 elsewhere.
func rssKB(pid int) int {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb)
			return kb
		}
	}
	return 0
}

func sortedStrings(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
