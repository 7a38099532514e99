package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// genSite writes a site of n posts, n/10 contacts and n/5 events into dir,
// big enough that a build takes seconds. Generation gen is written into
// one post and one contact, so that each output folder tells which build
// wrote it.
func genSite(t *testing.T, dir string, n int) {
	t.Helper()
	write := func(rel, data string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("netjournal.yaml", "title: Kill test\nbase_url: https://example.com/\n")
	tags := []string{"go", "systems", "leadership", "careers", "writing", "rust", "databases", "networks"}
	for i := range n {
		body := ""
		for k := range 5 {
			body += fmt.Sprintf("Paragraph %d of post %d, with *emphasis*, `code` and a link to [[post-%d]].\n\n", k, i, (i*7+k+1)%n)
		}
		write(fmt.Sprintf("content/posts/post-%d.md", i), fmt.Sprintf("---\ntitle: Post number %d\ndate: %04d-%02d-%02d\ntags: [%s, %s]\n---\n%s",
			i, 2010+i%16, 1+i%12, 1+i%28, tags[i%8], tags[(i/8)%8], body))
	}
	for i := range n / 10 {
		write(fmt.Sprintf("content/contacts/c-%d.md", i), fmt.Sprintf("---\nname: Contact %d\n---\nNotes about [[c-%d]].\n", i, (i+1)%(n/10)))
	}
	for i := range n / 5 {
		write(fmt.Sprintf("content/events/e-%d.md", i), fmt.Sprintf("---\ntitle: Event %d\ndate: 2026-%02d-%02d\nwith: [c-%d]\n---\nMet.\n", i, 1+i%12, 1+i%28, i%(n/10)))
	}
}

// setGeneration writes generation gen into the site, or, with gen < 0,
// breaks its front matter so that a build fails after it starts.
func setGeneration(t *testing.T, dir string, gen int) {
	t.Helper()
	post, contact := fmt.Sprintf("---\ntitle: Generation\ndate: 2020-01-01\n---\nGeneration %d\n", gen), fmt.Sprintf("---\nname: Gen\n---\nGeneration %d\n", gen)
	if gen < 0 {
		post = "---\ntitle: [broken\n---\n"
	}
	for rel, data := range map[string]string{"content/posts/gen.md": post, "content/contacts/gen.md": contact} {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var generation = regexp.MustCompile(`Generation (\d+)`)

// outputGeneration says which generation wrote each output folder, "" for
// none (the folder or its page is missing).
func outputGeneration(dir string) (public, private string) {
	read := func(p string) string {
		b, _ := os.ReadFile(filepath.Join(dir, p))
		if m := generation.FindSubmatch(b); m != nil {
			return string(m[1])
		}
		return ""
	}
	return read("public/posts/gen/index.html"), read("private/contacts/gen.html")
}

// netjournalAt runs the netjournal of the test binary in dir.
func netjournalAt(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "netjournal", args...)
	cmd.Dir = dir
	return cmd
}

// interruptibleAt is netjournalAt for a process the test will interrupt:
// it starts with Ctrl-C ignored, as a shell's trap "" INT leaves it, so
// that a signal sent before the process asks for it (signal.Notify, the
// first thing main does) is lost rather than killing it, as it would on
// a loaded machine where starting takes long. awaitInterruptHandler
// waits for that moment.
func interruptibleAt(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", `trap '' INT; exec netjournal "$@"`, "netjournal"}, args...)...)
	cmd.Dir = dir
	return cmd
}

// awaitInterruptHandler waits until process pid, started by
// interruptibleAt, handles Ctrl-C: it is netjournal, no longer the shell,
// and no longer ignores SIGINT (Go stops ignoring it when main asks for
// it). Without /proc it returns at once.
func awaitInterruptHandler(t *testing.T, pid int) {
	t.Helper()
	proc := fmt.Sprintf("/proc/%d/", pid)
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		comm, err := os.ReadFile(proc + "comm")
		if err != nil {
			return // no /proc, or it has ended: nothing to wait for
		}
		if strings.TrimSpace(string(comm)) == "sh" {
			continue
		}
		status, err := os.ReadFile(proc + "status")
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(status), "\n") {
			if hex, ok := strings.CutPrefix(line, "SigIgn:"); ok {
				var mask uint64
				if _, err := fmt.Sscanf(strings.TrimSpace(hex), "%x", &mask); err == nil && mask&(1<<(syscall.SIGINT-1)) == 0 {
					return
				}
			}
		}
	}
	t.Fatal("netjournal did not start handling Ctrl-C within a minute")
}

// TestKilledBuildsLeaveAPair kills `netjournal build` (SIGKILL) at random
// moments, while it renders and while it writes, again and again. After
// each kill the next start (here a build that then fails on a content
// error, so that it writes nothing) finds public/ and private/ both from
// one build: the one before, or the one killed once its swap had begun.
// No staging is left, and git sees nothing private, though the site's
// .gitignore does not mention private/.
func TestKilledBuildsLeaveAPair(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site many times")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	site := t.TempDir()
	genSite(t, site, 1500)
	setGeneration(t, site, 0)
	ctx := context.Background()
	if out, err := exec.Command("git", "-C", site, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	start := time.Now()
	if out, err := netjournalAt(ctx, site, "build", "--now", "2026-11-22", "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	full := time.Since(start)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	t.Logf("a full build takes %s", full)

	const kills = 6
	killedWhileWriting := 0
	for gen := 1; gen <= kills; gen++ {
		setGeneration(t, site, gen)
		cmd := netjournalAt(ctx, site, "build", "--now", "2026-11-22", "--quiet")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Half the kills land anywhere in the build; the other half once
		// it has begun to write, where a kill can do harm.
		if gen%2 == 0 {
			time.Sleep(time.Duration(rng.Int64N(int64(full))))
		} else {
			record := filepath.Join(site, ".netjournal", "swap.json")
			for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
				if _, err := os.Stat(record); err == nil {
					break
				}
			}
			// Writing is short (a build stages in the output before last,
			// changing only what differs): the kill comes within 20 ms.
			time.Sleep(time.Duration(rng.Int64N(int64(20 * time.Millisecond))))
		}
		if _, err := os.Stat(filepath.Join(site, ".netjournal", "swap.json")); err == nil {
			killedWhileWriting++
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		// The next start: it recovers, then stops on the broken post.
		setGeneration(t, site, -1)
		out, err := netjournalAt(ctx, site, "build", "--now", "2026-11-22").CombinedOutput()
		if exit := (*exec.ExitError)(nil); !errors.As(err, &exit) || exit.ExitCode() != exitContent {
			t.Fatalf("the build after the kill: %v\n%s", err, out)
		}
		pub, priv := outputGeneration(site)
		if pub == "" || pub != priv {
			t.Fatalf("after kill %d: public/ is from generation %q, private/ from %q", gen, pub, priv)
		}
		entries, _ := os.ReadDir(filepath.Join(site, ".netjournal"))
		for _, e := range entries {
			if leftover(e.Name()) {
				t.Errorf("after kill %d: .netjournal/ holds %s", gen, e.Name())
			}
		}
		status, err := exec.Command("git", "-C", site, "status", "--porcelain", "--untracked-files=all").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(status), "\n") {
			if strings.Contains(line, "private") || strings.Contains(line, ".netjournal/") || strings.Contains(line, "contacts/gen.html") {
				t.Errorf("after kill %d git sees %q", gen, line)
			}
		}
		if !strings.Contains(string(status), "public/") {
			t.Fatalf("git status shows no public/ either: the check above proves nothing:\n%s", status)
		}
	}
	t.Logf("%d of %d kills landed while the build was writing", killedWhileWriting, kills)
	if killedWhileWriting == 0 {
		t.Error("no kill landed while the build was writing: the test proved little")
	}
}

// TestInterruptedBuild: Ctrl-C stops a build at once, while it renders
// or while it stages its output: exit 130, the output folders exactly as
// they were, no staging left. A signal that comes once the swap has begun
// lets it finish (exit 0, the new pair): it takes moments.
func TestInterruptedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site several times")
	}
	site := t.TempDir()
	genSite(t, site, 1500)
	setGeneration(t, site, 0)
	ctx := context.Background()
	if out, err := netjournalAt(ctx, site, "build", "--now", "2026-11-22", "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	record := filepath.Join(site, ".netjournal", "swap.json")
	for i, tc := range []struct {
		name    string
		signals int
		when    func()
	}{
		{"while rendering", 1, func() { time.Sleep(300 * time.Millisecond) }},
		{"twice while rendering", 2, func() { time.Sleep(300 * time.Millisecond) }},
		{"while staging", 1, func() {
			for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
				if _, err := os.Stat(record); err == nil {
					return
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := hashTree(t, site, "public", "private")
			setGeneration(t, site, i+1)
			// Without the cache, so that the build surely lasts past the signal.
			cmd := interruptibleAt(ctx, site, "build", "--now", "2026-11-22", "--no-cache")
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			awaitInterruptHandler(t, cmd.Process.Pid)
			tc.when()
			for range tc.signals {
				cmd.Process.Signal(os.Interrupt)
			}
			err := cmd.Wait()
			code := 0
			if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
				code = exit.ExitCode()
			}
			pub, priv := outputGeneration(site)
			switch {
			case code == exitInterrupted:
				if after := hashTree(t, site, "public", "private"); after != before {
					t.Errorf("interrupted, but the output folders changed")
				}
				if tc.signals == 1 && !strings.Contains(stderr.String(), "interrupted; the output folders are as they were") {
					t.Errorf("stderr: %s", stderr.String())
				}
			case code == 0 && tc.name == "while staging" && pub == fmt.Sprint(i+1) && priv == pub:
				t.Logf("the signal came once the swap had begun: it finished")
			default:
				t.Fatalf("exit %d (%v), output generations %q and %q; stderr:\n%s", code, err, pub, priv, stderr.String())
			}
			// A second signal may end the process before it removes its
			// staging; the next start does.
			if tc.signals == 2 {
				setGeneration(t, site, -1)
				netjournalAt(ctx, site, "build", "--now", "2026-11-22").Run()
			}
			entries, _ := os.ReadDir(filepath.Join(site, ".netjournal"))
			for _, e := range entries {
				if leftover(e.Name()) {
					t.Errorf(".netjournal/ holds %s", e.Name())
				}
			}
		})
	}
}

// hashTree hashes the paths, modes and bytes of folders below root.
func hashTree(t *testing.T, root string, dirs ...string) string {
	t.Helper()
	var b strings.Builder
	for _, d := range dirs {
		err := filepath.WalkDir(filepath.Join(root, d), func(p string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := e.Info()
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s %v %d\n", p, info.Mode(), info.Size())
			if !e.IsDir() {
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				b.Write(data)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sum := sha256.Sum256([]byte(b.String()))
	return fmt.Sprintf("%x", sum)
}

// leftover reports whether a name in .netjournal/ is staging or a swap
// record left behind, rather than bookkeeping that stays (the lock, the
// cache, the manifests of the output folders).
func leftover(name string) bool {
	for _, suffix := range []string{".new", ".old", ".tmp", ".json"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
