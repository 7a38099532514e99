package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestSyncFileToFolder: a path that was a file and becomes a folder (a
// static file replaced by a folder of the same name), and back, syncs.
func TestSyncFileToFolder(t *testing.T) {
	dir := t.TempDir()
	steps := []map[string][]byte{
		{"index.html": []byte("home"), "notes": []byte("a file")},
		{"index.html": []byte("home"), "notes/a.txt": []byte("in a folder"), "other.txt": []byte("x")},
		{"index.html": []byte("home"), "notes": []byte("a file again")},
	}
	// What each step writes and removes, in order: only what changed.
	want := [][2]string{
		{"index.html notes", ""},
		{"notes/a.txt other.txt", "notes"},
		{"notes", "notes/a.txt other.txt"},
	}
	var prev map[string][]byte
	for i, files := range steps {
		written, removed, err := Sync(dir, prev, files, false)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := [2]string{strings.Join(written, " "), strings.Join(removed, " ")}; got != want[i] {
			t.Errorf("step %d: written %q, removed %q; want %q", i, got[0], got[1], want[i])
		}
		if diff := compare(readTree(t, dir), files); diff != "" {
			t.Fatalf("step %d: the folder differs:\n%s", i, diff)
		}
		prev = files
	}
}

// errKilled stands for a kill in TestWriteRecoversFromKills.
var errKilled = errors.New("killed")

// TestWriteRecoversFromKills stops Write after each step that leaves
// something on disk, as a kill would, then lets the next run recover:
// both output folders are then the old pair or both the new pair, never
// one of each, and nothing is left in the staging folders.
func TestWriteRecoversFromKills(t *testing.T) {
	pair := func(gen string) (map[string][]byte, map[string][]byte) {
		pub := map[string][]byte{"index.html": []byte("public " + gen), "posts/a/index.html": []byte("a " + gen)}
		priv := map[string][]byte{"index.html": []byte("private " + gen), "contacts/ana.html": []byte("ana " + gen)}
		return pub, priv
	}
	oldPub, oldPriv := pair("old")
	newPub, newPriv := pair("new")
	for kill := 1; ; kill++ {
		site := t.TempDir()
		// The wiki beside the site, the blog elsewhere: two staging folders.
		pubDir, privDir := filepath.Join(t.TempDir(), "public"), filepath.Join(site, "private")
		ctx := context.Background()
		if err := Write(ctx, site, Output{Dir: pubDir, Files: oldPub}, Output{Dir: privDir, Files: oldPriv, Private: true}); err != nil {
			t.Fatal(err)
		}
		steps, stopped := 0, ""
		testHookStep = func(name string) error {
			steps++
			if steps == kill {
				stopped = name
				return errKilled
			}
			return nil
		}
		err := Write(ctx, site, Output{Dir: pubDir, Files: newPub}, Output{Dir: privDir, Files: newPriv, Private: true})
		testHookStep = nil
		if err == nil {
			if kill < 4 {
				t.Fatalf("Write has only %d steps: the test proves little", kill-1)
			}
			break
		}
		if !errors.Is(err, errKilled) {
			t.Fatalf("kill %d: %v", kill, err)
		}
		if err := Recover(ctx, site); err != nil {
			t.Fatalf("recovering from a kill after %q: %v", stopped, err)
		}
		gotPub, gotPriv := readTree(t, pubDir), readTree(t, privDir)
		for _, f := range []string{Marker} {
			delete(gotPub, f)
			delete(gotPriv, f)
		}
		delete(gotPriv, ".gitignore")
		oldPair := compare(gotPub, oldPub) == "" && compare(gotPriv, oldPriv) == ""
		newPair := compare(gotPub, newPub) == "" && compare(gotPriv, newPriv) == ""
		if !oldPair && !newPair {
			t.Errorf("after a kill after %q: public %v, private %v: not one build's pair", stopped, gotPub, gotPriv)
		}
		// A kill once the swap is recorded is finished by the next run.
		if strings.HasPrefix(stopped, "recorded swapping") || strings.HasPrefix(stopped, "moved") {
			if !newPair {
				t.Errorf("after a kill after %q the swap was undone, not finished", stopped)
			}
		}
		for _, work := range []string{filepath.Join(site, WorkDir), filepath.Join(filepath.Dir(pubDir), WorkDir)} {
			entries, _ := os.ReadDir(work)
			for _, e := range entries {
				if leftover(e.Name()) {
					t.Errorf("after a kill after %q and recovery, %s holds %s", stopped, work, e.Name())
				}
			}
		}
	}
}

// TestWriteInterrupted: a cancelled Write leaves the output as it was and
// no staging behind.
func TestWriteInterrupted(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	old := map[string][]byte{"index.html": []byte("old")}
	if err := Write(context.Background(), site, Output{Dir: out, Files: old}); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for i := range 1000 {
		files[fmt.Sprintf("p/%d/index.html", i)] = []byte("new")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, site, Output{Dir: out, Files: files}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Write = %v, want it cancelled", err)
	}
	got := readTree(t, out)
	delete(got, Marker)
	if diff := compare(got, old); diff != "" {
		t.Errorf("the output changed:\n%s", diff)
	}
	entries, _ := os.ReadDir(filepath.Join(site, WorkDir))
	for _, e := range entries {
		if leftover(e.Name()) {
			t.Errorf("%s holds %s", WorkDir, e.Name())
		}
	}
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

// TestWriteLinksUnchanged: a second Write links the files whose bytes it
// wrote before instead of writing them again, and writes anew a file that
// was changed by hand since, or whose bytes changed.
func TestWriteLinksUnchanged(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	files := map[string][]byte{"index.html": []byte("home"), "a/index.html": []byte("a"), "b/index.html": []byte("b")}
	ctx := context.Background()
	if err := Write(ctx, site, Output{Dir: out, Files: files}); err != nil {
		t.Fatal(err)
	}
	stat := func(p string) os.FileInfo {
		info, err := os.Stat(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	before := map[string]os.FileInfo{"index.html": stat("index.html"), "a/index.html": stat("a/index.html"), "b/index.html": stat("b/index.html")}
	// By hand, in place: the same size, another byte.
	if err := os.WriteFile(filepath.Join(out, "b/index.html"), []byte("B"), 0o644); err != nil {
		t.Fatal(err)
	}
	files["a/index.html"] = []byte("changed")
	if err := Write(ctx, site, Output{Dir: out, Files: files}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	delete(got, Marker)
	if diff := compare(got, files); diff != "" {
		t.Fatalf("the output differs:\n%s", diff)
	}
	if !os.SameFile(stat("index.html"), before["index.html"]) {
		t.Error("the unchanged page was written again, not linked")
	}
	if os.SameFile(stat("a/index.html"), before["a/index.html"]) || os.SameFile(stat("b/index.html"), before["b/index.html"]) {
		t.Error("a changed page, or one changed by hand, was linked")
	}
}

// TestWriteReusesTheSpare: the output a build replaces is kept as the
// spare, and the next build stages in it. Over random builds — pages
// added, changed, removed, a file becoming a folder and back, a file of
// the output changed by hand — each output holds exactly its files, and
// while a build stages, the output in place is never touched (the spare
// shares its unchanged files' inodes).
func TestWriteReusesTheSpare(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	ctx := context.Background()
	paths := []string{"index.html", "a/index.html", "a/b/index.html", "c", "c/d.txt", "e/f/g.html", "h.xml", "i/index.html"}
	r := rand.New(rand.NewPCG(1, 2))
	var prev map[string][]byte
	for round := range 40 {
		files := map[string][]byte{}
		for _, p := range paths {
			if r.IntN(3) == 0 {
				continue
			}
			// A path is a file or holds one, not both: c and c/d.txt.
			if (p == "c" && files["c/d.txt"] != nil) || (p == "c/d.txt" && files["c"] != nil) {
				continue
			}
			files[p] = fmt.Appendf(nil, "%s v%d", p, r.IntN(3))
		}
		if prev != nil && r.IntN(4) == 0 {
			for p := range prev {
				if strings.HasSuffix(p, ".html") {
					// By hand, in place, in the output (and so in any
					// file the spare shares with it).
					os.WriteFile(filepath.Join(out, filepath.FromSlash(p)), []byte("by hand"), 0o644)
					prev[p] = []byte("by hand")
					break
				}
			}
		}
		if prev != nil {
			want := prev
			testHookStep = func(step string) error {
				if step == "staged "+out {
					got := readTree(t, out)
					delete(got, Marker)
					if diff := compare(got, want); diff != "" {
						t.Fatalf("round %d: staging changed the output in place:\n%s", round, diff)
					}
				}
				return nil
			}
		}
		if err := Write(ctx, site, Output{Dir: out, Files: files}); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		testHookStep = nil
		got := readTree(t, out)
		delete(got, Marker)
		if diff := compare(got, files); diff != "" {
			t.Fatalf("round %d: the output differs:\n%s", round, diff)
		}
		if round > 1 {
			if _, err := os.Stat(filepath.Join(site, WorkDir, "public.spare")); err != nil {
				t.Fatalf("round %d: no spare kept: %v", round, err)
			}
		}
		entries, _ := os.ReadDir(filepath.Join(site, WorkDir))
		for _, e := range entries {
			if leftover(e.Name()) {
				t.Errorf("round %d: %s/ holds %s", round, WorkDir, e.Name())
			}
		}
		prev = files
	}
}

// TestWriteDropsOtherSpares: the spare of an output folder that is no
// longer written is removed, not kept for ever.
func TestWriteDropsOtherSpares(t *testing.T) {
	site := t.TempDir()
	ctx := context.Background()
	files := map[string][]byte{"index.html": []byte("home")}
	for range 2 {
		if err := Write(ctx, site, Output{Dir: filepath.Join(site, "public"), Files: files}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(site, WorkDir, "public.spare")); err != nil {
		t.Fatalf("no spare: %v", err)
	}
	for range 2 {
		if err := Write(ctx, site, Output{Dir: filepath.Join(site, "dist"), Files: files}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"public.spare", "public.spare.manifest"} {
		if _, err := os.Stat(filepath.Join(site, WorkDir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there (%v)", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(site, WorkDir, "dist.spare")); err != nil {
		t.Errorf("no spare for dist: %v", err)
	}
}

// TestRecoverKeepsTheProgramRecord: what a killed build left in the work
// folder is removed before the next build, but not the record of the
// program's hash (versionIn), which every run reads, nor the numbers
// netjournal followups gave, which done reads.
func TestRecoverKeepsTheProgramRecord(t *testing.T) {
	site := t.TempDir()
	work := filepath.Join(site, WorkDir)
	if err := WriteWorkFile(site, ShownFile, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{programFile, "public.new-123"} {
		if err := os.WriteFile(filepath.Join(work, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := recoverSwap(site); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{programFile, ShownFile, ".gitignore"} {
		if _, err := os.Stat(filepath.Join(work, name)); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(work, "public.new-123")); err == nil {
		t.Error("a killed build's leftover was kept")
	}
}

// TestCollectLess: an edited build's collector runs at editedGCPercent,
// and is set back after; a GOGC set higher, or off, is left as it is,
// and so is any the GOGC variable sets. Two builds at once share it,
// set back when both have ended.
func TestCollectLess(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, was := range []int{50, 100, editedGCPercent, 400, -1} {
		debug.SetGCPercent(was)
		undo := collectLess()
		want := max(was, editedGCPercent)
		if was < 0 {
			want = was
		}
		if got := debug.SetGCPercent(was); got != want {
			t.Errorf("GOGC %d: %d while the build runs, want %d", was, got, want)
		}
		debug.SetGCPercent(want)
		undo()
		if got := debug.SetGCPercent(was); got != was {
			t.Errorf("GOGC %d: %d after, want it back", was, got)
		}
	}
	debug.SetGCPercent(100)
	first := collectLess()
	second := collectLess()
	first()
	if got := debug.SetGCPercent(editedGCPercent); got != editedGCPercent {
		t.Errorf("one of two builds ended: GOGC %d, want %d", got, editedGCPercent)
	}
	second()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("both builds ended: GOGC %d, want 100", got)
	}
	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	collectLess()()
	undo := collectLess()
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GOGC=50 in the environment: %d while the build runs", got)
	}
	undo()
}

// TestSyncedFilesAreNotForeign: what build --watch put in an output folder
// by Sync (a page, a static CNAME added meanwhile) is netjournal's: the
// next build replaces the folder, where it refused it as files it did not
// write (a review's finding). A file the user put there is refused still.
func TestSyncedFilesAreNotForeign(t *testing.T) {
	site := t.TempDir()
	pub := filepath.Join(site, "public")
	first := map[string][]byte{"index.html": []byte("home")}
	if err := Write(context.Background(), site, Output{Dir: pub, Files: first}); err != nil {
		t.Fatal(err)
	}
	next := map[string][]byte{"index.html": []byte("home"), "CNAME": []byte("x.example"), "about/index.html": []byte("about")}
	if _, _, err := Sync(pub, first, next, false); err != nil {
		t.Fatal(err)
	}
	s, err := Begin(context.Background(), site, Output{Dir: pub})
	if err != nil {
		t.Fatalf("after a sync: %v", err)
	}
	s.Close()
	os.WriteFile(filepath.Join(pub, "mine.txt"), []byte("mine"), 0o644)
	if s, err = Begin(context.Background(), site, Output{Dir: pub}); err == nil || !strings.Contains(err.Error(), "public/mine.txt") || strings.Contains(err.Error(), "CNAME") {
		t.Errorf("a file of the user's: %v", err)
	}
	if s != nil {
		s.Close()
	}
}

// TestSyncRemovedNameIsForeignAgain: a top-level name Sync removed (a
// static CNAME deleted while watching) is no longer netjournal's: a file
// the user then puts there is refused, not taken for the build's own and
// deleted with the spare (a second review's finding).
func TestSyncRemovedNameIsForeignAgain(t *testing.T) {
	site := t.TempDir()
	pub := filepath.Join(site, "public")
	first := map[string][]byte{"index.html": []byte("home"), "old.txt": []byte("x")}
	if err := Write(context.Background(), site, Output{Dir: pub, Files: first}); err != nil {
		t.Fatal(err)
	}
	withCNAME := map[string][]byte{"index.html": []byte("home"), "CNAME": []byte("a")}
	if _, _, err := Sync(pub, first, withCNAME, false); err != nil {
		t.Fatal(err)
	}
	home := map[string][]byte{"index.html": []byte("home")}
	if _, _, err := Sync(pub, withCNAME, home, false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(pub, "CNAME"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(pub, "old.txt"), []byte("mine too"), 0o644)
	s, err := Begin(context.Background(), site, Output{Dir: pub})
	if err == nil || !strings.Contains(err.Error(), "public/CNAME") || !strings.Contains(err.Error(), "public/old.txt") {
		t.Errorf("user files where Sync removed netjournal's: %v", err)
	}
	if s != nil {
		s.Close()
	}
}

// TestNoManifestKeepsForeignFiles: with no manifest to tell by (the
// WorkDir removed, a fresh clone), a file at the output's top that this
// build does not make is refused at its end, not deleted with the old
// folder (a second review's finding).
func TestNoManifestKeepsForeignFiles(t *testing.T) {
	site := t.TempDir()
	pub := filepath.Join(site, "public")
	if err := Write(context.Background(), site, Output{Dir: pub, Files: map[string][]byte{"index.html": []byte("home")}}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(pub, "notes.txt"), []byte("mine"), 0o644)
	os.MkdirAll(filepath.Join(pub, "css"), 0o755)
	os.WriteFile(filepath.Join(pub, "css", "custom.css"), []byte("mine"), 0o644) // below the top (a review's)
	os.RemoveAll(filepath.Join(site, WorkDir))
	err := Write(context.Background(), site, Output{Dir: pub, Files: map[string][]byte{"index.html": []byte("home 2"), "css/site.css": []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), "public/notes.txt") || !strings.Contains(err.Error(), "public/css/custom.css") {
		t.Errorf("err %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(pub, "css", "custom.css")); string(b) != "mine" {
		t.Errorf("custom.css: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(pub, "notes.txt")); string(b) != "mine" {
		t.Errorf("notes.txt: %q", b)
	}
}

// TestSyncedPrivateKeepsGitignore: the wiki's .gitignore, which the
// staging writes and Sync does not, stays netjournal's after a watch
// session changed the wiki (a third review's finding: every build after
// it was refused).
func TestSyncedPrivateKeepsGitignore(t *testing.T) {
	site := t.TempDir()
	priv := filepath.Join(site, "private")
	first := map[string][]byte{"index.html": []byte("home")}
	if err := Write(context.Background(), site, Output{Dir: priv, Files: first, Private: true}); err != nil {
		t.Fatal(err)
	}
	next := map[string][]byte{"index.html": []byte("home"), "contacts/ana.html": []byte("ana")}
	if _, _, err := Sync(priv, first, next, true); err != nil {
		t.Fatal(err)
	}
	s, err := Begin(context.Background(), site, Output{Dir: priv, Private: true})
	if err != nil {
		t.Fatalf("after a sync of the wiki: %v", err)
	}
	s.Close()
}

// TestDeepForeignFileKept: a file the user put below the top of an output
// folder (public/css/custom.css) went with the folder into the spare, and
// the build after removed it from there: it is refused, kept where it is,
// and named (a third review's finding). What build --watch added below
// the top is netjournal's, and goes as any page of its.
func TestDeepForeignFileKept(t *testing.T) {
	site := t.TempDir()
	pub := filepath.Join(site, "public")
	files := map[string][]byte{"index.html": []byte("home"), "css/site.css": []byte("body{}")}
	if err := Write(context.Background(), site, Output{Dir: pub, Files: files}); err != nil {
		t.Fatal(err)
	}
	// A watch session adds a page below the top, and the user a file.
	synced := map[string][]byte{"index.html": []byte("home"), "css/site.css": []byte("body{}"), "posts/new/index.html": []byte("new")}
	if _, _, err := Sync(pub, files, synced, false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(pub, "css", "custom.css"), []byte("mine"), 0o644)
	// Two builds: the first moves the folder to the spare, the second
	// stages in it.
	var err error
	for range 2 {
		if err = Write(context.Background(), site, Output{Dir: pub, Files: files}); err != nil {
			break
		}
	}
	if err == nil || !strings.Contains(err.Error(), "css/custom.css") || strings.Contains(err.Error(), "posts/new") {
		t.Fatalf("err %v", err)
	}
	kept, _ := os.ReadFile(filepath.Join(site, WorkDir, "public.spare", "css", "custom.css"))
	if string(kept) != "mine" {
		t.Errorf("custom.css: %q", kept)
	}
	// Moved away, the build goes on.
	os.Remove(filepath.Join(site, WorkDir, "public.spare", "css", "custom.css"))
	if err := Write(context.Background(), site, Output{Dir: pub, Files: files}); err != nil {
		t.Fatal(err)
	}
}

// TestOtherSpareWithUserFileKept: the spare of a folder no longer an
// output (--out changed) was removed whole, a file the user had put in
// the folder with it (a fourth review's finding): a spare that holds a
// file its manifest does not list is put aside, .netjournal/public.spare.kept.
func TestOtherSpareWithUserFileKept(t *testing.T) {
	site := t.TempDir()
	pub, docs := filepath.Join(site, "public"), filepath.Join(site, "docs")
	files := map[string][]byte{"index.html": []byte("home"), "css/site.css": []byte("x")}
	for range 2 {
		if err := Write(context.Background(), site, Output{Dir: pub, Files: files}); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(pub, "css", "custom.css"), []byte("mine"), 0o644)
	if err := Write(context.Background(), site, Output{Dir: pub, Files: files}); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), site, Output{Dir: docs, Files: files}); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(site, WorkDir, "public.spare.kept", "css", "custom.css")
	if b, _ := os.ReadFile(kept); string(b) != "mine" {
		t.Errorf("custom.css: %q", b)
	}
	// Put aside, it stays through later builds.
	if err := Write(context.Background(), site, Output{Dir: docs, Files: files}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(kept); string(b) != "mine" {
		t.Errorf("custom.css, a build later: %q", b)
	}
}

// spareWithUserFile writes the output folder public of a new site three
// times, a file of the user's put below its top after the second: the
// spare then holds it (the folder the third build replaced). It returns
// the site, the folder and its files.
func spareWithUserFile(t *testing.T) (site, pub string, files map[string][]byte) {
	t.Helper()
	site = t.TempDir()
	pub = filepath.Join(site, "public")
	files = map[string][]byte{"index.html": []byte("home"), "css/site.css": []byte("x")}
	for i := range 3 {
		if i == 2 {
			os.WriteFile(filepath.Join(pub, "css", "custom.css"), []byte("mine"), 0o644)
		}
		if err := Write(context.Background(), site, Output{Dir: pub, Files: files}); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(site, WorkDir, "public.spare", "css", "custom.css")); string(b) != "mine" {
		t.Fatalf("the spare does not hold the user's file: %q", b)
	}
	return site, pub, files
}

// TestSpareOfOtherKindWithUserFileKept: a spare of the other output's
// kind (--out and --wiki-out swapped) is not staged in; it was removed
// whole, a file the user had put in the folder with it (the last
// session's note). It is put aside, as another output's spare is.
func TestSpareOfOtherKindWithUserFileKept(t *testing.T) {
	site, pub, files := spareWithUserFile(t)
	if err := Write(context.Background(), site, Output{Dir: pub, Files: files, Private: true}); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(site, WorkDir, "public.spare.kept", "css", "custom.css")
	if b, _ := os.ReadFile(kept); string(b) != "mine" {
		t.Errorf("custom.css: %q", b)
	}
}

// TestKilledStagingKeepsUserFile: a build killed while it staged in the
// spare left the spare as its staging, which the next run removed whole,
// a file the user had put in the folder with it (the last session's
// note). The recovery makes it the spare again, and the next build
// refuses, naming the file, as it does for any spare that holds one.
func TestKilledStagingKeepsUserFile(t *testing.T) {
	site, pub, files := spareWithUserFile(t)
	ctx := context.Background()
	s, err := Begin(ctx, site, Output{Dir: pub})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(0, "index.html", []byte("home 2")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(site, WorkDir, "public.spare")); err == nil {
		t.Fatal("the build did not stage in the spare: the test proves little")
	}
	s.killed = true // killed: nothing more of it runs, its lock goes
	s.Close()
	if err := Recover(ctx, site); err != nil {
		t.Fatal(err)
	}
	err = Write(ctx, site, Output{Dir: pub, Files: files})
	if err == nil || !strings.Contains(err.Error(), "css/custom.css") {
		t.Errorf("the build after: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(site, WorkDir, "public.spare", "css", "custom.css")); string(b) != "mine" {
		t.Errorf("custom.css: %q", b)
	}
}

// twoWrites writes the output folder public of a new site twice: it has
// a spare. It returns the site, the folder and its files.
func twoWrites(t *testing.T) (site, pub string, files map[string][]byte) {
	t.Helper()
	site = t.TempDir()
	pub = filepath.Join(site, "public")
	files = map[string][]byte{"index.html": []byte("home"), "css/site.css": []byte("x")}
	for range 2 {
		if err := Write(context.Background(), site, Output{Dir: pub, Files: files}); err != nil {
			t.Fatal(err)
		}
	}
	return site, pub, files
}

// TestKilledStagingOwnFilesNotRefused: what a killed build added to the
// spare it staged in (a draft's page of build --drafts, a large page's
// hidden part) is netjournal's: the next build, which makes neither,
// removes them, not refuses them as the user's (a review's finding of the
// first version of the spare made again, TestKilledStagingKeepsUserFile).
func TestKilledStagingOwnFilesNotRefused(t *testing.T) {
	site, pub, files := twoWrites(t)
	ctx := context.Background()
	s, err := Begin(ctx, site, Output{Dir: pub})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(0, "posts/draft/index.html", []byte("draft")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(site, WorkDir, "public.new", "css", ".netjournal-put-3k2j1"), []byte("half"), 0o644)
	s.killed = true
	s.Close()
	if err := Recover(ctx, site); err != nil {
		t.Fatal(err)
	}
	if err := Write(ctx, site, Output{Dir: pub, Files: files}); err != nil {
		t.Fatalf("the build after a killed build: %v", err)
	}
	if got, want := readTree(t, pub), files; compare(withoutMarker(got), want) != "" {
		t.Errorf("public: %s", compare(withoutMarker(got), want))
	}
}

func withoutMarker(tree map[string][]byte) map[string][]byte {
	delete(tree, Marker)
	return tree
}

// TestKilledSwapKeepsUserFile: a build killed while it swapped left the
// replaced output at .old, which the recovery finished the swap and then
// removed, a file the user had put below its top with it (a review's
// finding): the recovery keeps it as the spare, as the build would have,
// and the next build refuses naming it.
func TestKilledSwapKeepsUserFile(t *testing.T) {
	for _, at := range []string{"moved aside", "moved in"} {
		site := t.TempDir()
		pub := filepath.Join(site, "public")
		ctx := context.Background()
		files := map[string][]byte{"index.html": []byte("home"), "css/site.css": []byte("x")}
		if err := Write(ctx, site, Output{Dir: pub, Files: files}); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(pub, "css", "custom.css"), []byte("mine"), 0o644)
		testHookStep = func(name string) error {
			if strings.HasPrefix(name, at) {
				return errKilled
			}
			return nil
		}
		err := Write(ctx, site, Output{Dir: pub, Files: files})
		testHookStep = nil
		if !errors.Is(err, errKilled) {
			t.Fatalf("%s: %v", at, err)
		}
		if err := Recover(ctx, site); err != nil {
			t.Fatal(err)
		}
		err = Write(ctx, site, Output{Dir: pub, Files: files})
		if err == nil || !strings.Contains(err.Error(), "css/custom.css") {
			t.Errorf("killed after %q, the build after: %v", at, err)
		}
		if b, _ := os.ReadFile(filepath.Join(site, WorkDir, "public.spare", "css", "custom.css")); string(b) != "mine" {
			t.Errorf("killed after %q: custom.css %q", at, b)
		}
	}
}

// TestKilledAfterKeepSparesKeepsUserFile: a build killed after it had
// kept the replaced folder as the spare, before it removed its record:
// the recovery finished the swap again and, finding no folder replaced,
// made the spare anew from the output, removing the one there, a file the
// user had put in it with it (a review's finding of 67a29a8).
func TestKilledAfterKeepSparesKeepsUserFile(t *testing.T) {
	site, pub, _ := spareWithUserFile(t)
	abs, _ := filepath.Abs(pub)
	r := &record{State: swapping, Outputs: []swapStep{stepFor(abs)}}
	if err := r.save(site); err != nil { // as Commit left it, killed before removeRecord
		t.Fatal(err)
	}
	if err := Recover(context.Background(), site); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(site, WorkDir, "public.spare", "css", "custom.css")); string(b) != "mine" {
		t.Errorf("custom.css: %q", b)
	}
}

// TestKilledAfterLinkSpareKeepsItsManifest (a review's finding of
// 6e7c62f): the user removed public/
// (rm -rf public); the next build swapped in a public/ that replaced
// none, its promoteManifest moved the removed output's manifest to
// .replaced, and keepSpares made the spare by linkSpare, with the new
// output's manifest. Killed there, before clean() removed .replaced and
// the record: the recovery renames that stale .replaced over the
// spare's good manifest, and the next build, finding in the spare a page
// the stale manifest does not list, refuses it as a file of the user's.
func TestKilledAfterLinkSpareKeepsItsManifest(t *testing.T) {
	ctx := context.Background()
	site := t.TempDir()
	pub := filepath.Join(site, "public")
	abs, _ := filepath.Abs(pub)
	s := stepFor(abs)
	v1 := map[string][]byte{"index.html": []byte("home"), "a/index.html": []byte("a")}
	v2 := map[string][]byte{"index.html": []byte("home2"), "a/index.html": []byte("a"), "b/index.html": []byte("b")}
	for _, f := range []map[string][]byte{v1, v1} {
		if err := Write(ctx, site, Output{Dir: pub, Files: f}); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(pub) // the user's rm -rf public
	// The build after: killed once its swap is done ("moved in"), then
	// its keepSpares run as the build would have, and killed again
	// before clean and removeRecord.
	testHookStep = func(name string) error {
		if strings.HasPrefix(name, "moved in") {
			return errKilled
		}
		return nil
	}
	err := Write(ctx, site, Output{Dir: pub, Files: v2})
	testHookStep = nil
	if !errors.Is(err, errKilled) {
		t.Fatal(err)
	}
	var r record
	data, _ := os.ReadFile(recordPath(site))
	if err := json.Unmarshal(data, &r); err != nil || r.State != swapping {
		t.Fatalf("record %s: %v", data, err)
	}
	r.keepSpares()
	good, _ := os.ReadFile(spareManifestPath(s))
	if err := Recover(ctx, site); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(spareManifestPath(s)); string(got) != string(good) {
		t.Errorf("the spare's manifest was replaced by the removed output's:\n%s\nwant\n%s", got, good)
	}
	// b/ is dropped: the next build finds b/index.html in the spare.
	if err := Write(ctx, site, Output{Dir: pub, Files: v1}); err != nil {
		t.Errorf("the next build: %v", err)
	}
}
