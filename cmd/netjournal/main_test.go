package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"netjournal": main})
}

// TestScripts runs the CLI end to end: testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			// $EXAMPLE is the example site at the repository's root.
			root, err := filepath.Abs("../..")
			env.Setenv("EXAMPLE", root)
			return err
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot":  snapshot,
			"unchanged": unchanged,
			"nogrep":    nogrep,
			"waitfor":   waitfor,
			"waitgone":  waitgone,
			"exits":     exits,
			"feeditems": feeditems,
			"holdport":  holdport,
			"mtime":     mtime,
		},
	})
}

// mtime sets the modification time of a file: mtime FILE 2006-01-02T15:04:05Z.
// (What a file's date gives must not be the day the test runs.)
func mtime(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mtime file time")
	}
	t, err := time.Parse(time.RFC3339, args[1])
	ts.Check(err)
	ts.Check(os.Chtimes(ts.MkAbs(args[0]), t, t))
}

// treeHash hashes every path, mode and byte below dir.
func treeHash(ts *testscript.TestScript, dir string) string {
	h := sha256.New()
	var paths []string
	root := ts.MkAbs(dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, p)
		return nil
	})
	ts.Check(err)
	sort.Strings(paths)
	for _, p := range paths {
		info, err := os.Lstat(p)
		ts.Check(err)
		rel, _ := filepath.Rel(root, p)
		h.Write([]byte(rel + "\x00" + info.Mode().String() + "\x00"))
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			ts.Check(err)
			h.Write(b)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// snapshot DIR... records the trees for unchanged.
func snapshot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: snapshot DIR...")
	}
	for _, dir := range args {
		ts.Setenv("SNAPSHOT_"+dir, treeHash(ts, dir))
	}
}

// unchanged DIR... fails unless each tree is byte for byte as snapshotted.
func unchanged(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: [!] unchanged DIR...")
	}
	for _, dir := range args {
		want := ts.Getenv("SNAPSHOT_" + dir)
		if want == "" {
			ts.Fatalf("no snapshot of %s", dir)
		}
		same := treeHash(ts, dir) == want
		if same == neg {
			if neg {
				ts.Fatalf("%s did not change", dir)
			}
			ts.Fatalf("%s changed since its snapshot", dir)
		}
	}
}

// nogrep TEXT DIR fails if any file below DIR contains TEXT.
func nogrep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: nogrep TEXT DIR")
	}
	root := ts.MkAbs(args[1])
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.Contains(p[len(root):], args[0]) {
			ts.Fatalf("path %s contains %q", p, args[0])
		}
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), args[0]) {
			ts.Fatalf("%s contains %q", p, args[0])
		}
		return err
	})
	ts.Check(err)
}

// exits CODE PROGRAM [ARGS...] runs a program, as exec does, and fails
// unless it exits with CODE: exec only tells success from failure, and the
// CLI's exit codes (1 content, 2 usage, 130 interrupted) mean different
// things.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// waitLimit bounds every wait of a script: generous, since a loaded CI
// machine is slow, but finite.
const waitLimit = 20 * time.Second

// waitfor FILE REGEXP waits until FILE exists and matches REGEXP.
func waitfor(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: waitfor FILE REGEXP")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(ts.MkAbs(args[0])); err == nil && re.Match(b) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	b, _ := os.ReadFile(ts.MkAbs(args[0]))
	ts.Fatalf("%s did not match %q within %s; it holds:\n%s", args[0], args[1], waitLimit, b)
}

// waitgone FILE waits until FILE no longer exists.
func waitgone(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitgone FILE")
	}
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(ts.MkAbs(args[0])); os.IsNotExist(err) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.Fatalf("%s still exists after %s", args[0], waitLimit)
}

// feeditems FILE... parses each feed (RSS, Atom or JSON) as a feed reader
// does, with gofeed, fails if one does not parse, and prints each item's
// title and its text, for stdout to match.
func feeditems(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: feeditems FILE...")
	}
	for _, name := range args {
		b, err := os.ReadFile(ts.MkAbs(name))
		ts.Check(err)
		f, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			ts.Fatalf("%s does not parse as a feed: %v", name, err)
		}
		for _, it := range f.Items {
			text := it.Content
			if text == "" {
				text = it.Description
			}
			fmt.Fprintf(ts.Stdout(), "%s: %s | %s\n", name, it.Title, strings.Join(strings.Fields(text), " "))
		}
	}
}

// holdport listens on a free loopback port until the script ends and sets
// $PORT to it: a port that is taken.
func holdport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: holdport")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	ts.Defer(func() { ln.Close() })
	ts.Setenv("PORT", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
}
