package contactfile

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree records every path below dir with its mode and, for a file, its
// bytes: two equal trees are the same byte for byte.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = info.Mode().String()
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] += " " + string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, got, want map[string]string) {
	t.Helper()
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: %q, want %q as it was", p, got[p], w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: left behind", p)
		}
	}
}

// writeSite makes a site folder with an existing contact, readable by its
// owner only, and returns it.
func writeSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content/contacts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/contacts/ana.md"), []byte("---\nname: Ana\n---\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// result is a planned import of three files: ana.md updated, bo.md and
// cy.md created.
func result() *Result {
	return &Result{
		Changes: []*Change{
			{Action: Updated, Path: "content/contacts/ana.md"},
			{Action: Created, Path: "content/contacts/bo.md"},
			{Action: Updated, Path: "content/contacts/bo.md"}, // a later card of the same person
			{Action: Created, Path: "content/contacts/cy.md"},
			{Action: Unchanged, Path: "content/contacts/dee.md"},
		},
		Files: map[string][]byte{
			"content/contacts/ana.md": []byte("---\nname: Ana\nrole: CTO\n---\n"),
			"content/contacts/bo.md":  []byte("---\nname: Bo\n---\n"),
			"content/contacts/cy.md":  []byte("---\nname: Cy\n---\n"),
		},
	}
}

func TestWrite(t *testing.T) {
	dir := writeSite(t)
	written, err := result().Write(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(written, " "); got != "content/contacts/ana.md content/contacts/bo.md content/contacts/cy.md" {
		t.Errorf("written: %s", got)
	}
	sameTree(t, tree(t, dir), map[string]string{
		".":                       "drwxr-xr-x",
		"content":                 "drwxr-xr-x",
		"content/contacts":        "drwxr-xr-x",
		"content/contacts/ana.md": "-rw------- ---\nname: Ana\nrole: CTO\n---\n", // its mode kept
		"content/contacts/bo.md":  "-rw-r--r-- ---\nname: Bo\n---\n",
		"content/contacts/cy.md":  "-rw-r--r-- ---\nname: Cy\n---\n",
	})
}

// TestWriteMakesFolders: a site without content/contacts/ gets one.
func TestWriteMakesFolders(t *testing.T) {
	dir := t.TempDir()
	res := &Result{
		Changes: []*Change{{Action: Created, Path: "content/contacts/bo.md"}},
		Files:   map[string][]byte{"content/contacts/bo.md": []byte("---\nname: Bo\n---\n")},
	}
	if _, err := res.Write(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "content/contacts/bo.md")); err != nil || string(b) != "---\nname: Bo\n---\n" {
		t.Errorf("bo.md: %q, %v", b, err)
	}
}

// TestWriteRefuses: what can be seen before writing is refused before
// writing, and the site is left exactly as it was.
func TestWriteRefuses(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(dir string) error
		want  string
	}{
		{"a folder where a new file goes", func(dir string) error {
			return os.Mkdir(filepath.Join(dir, "content/contacts/cy.md"), 0o755)
		}, "content/contacts/cy.md: is a folder"},
		{"a file where a new file goes", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "content/contacts/cy.md"), []byte("mine"), 0o644)
		}, "content/contacts/cy.md: already exists"},
		{"a file to update that is gone", func(dir string) error {
			return os.Remove(filepath.Join(dir, "content/contacts/ana.md"))
		}, "content/contacts/ana.md: no such file"},
		{"a file to update that is now a folder", func(dir string) error {
			p := filepath.Join(dir, "content/contacts/ana.md")
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.Mkdir(p, 0o755)
		}, "content/contacts/ana.md: is a folder"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t)
			if err := tt.setup(dir); err != nil {
				t.Fatal(err)
			}
			before := tree(t, dir)
			res := result()
			if err := res.Check(dir); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check: %v, want an error with %q", err, tt.want)
			}
			written, err := res.Write(context.Background(), dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write: %v, want an error with %q", err, tt.want)
			}
			if len(written) != 0 {
				t.Errorf("written: %v", written)
			}
			sameTree(t, tree(t, dir), before)
		})
	}
}

// TestWriteCancelled: an interrupted import writes nothing.
func TestWriteCancelled(t *testing.T) {
	dir := writeSite(t)
	before := tree(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	written, err := result().Write(ctx, dir)
	if !errors.Is(err, context.Canceled) || len(written) != 0 {
		t.Errorf("got %v, %v; want nothing written and context.Canceled", written, err)
	}
	sameTree(t, tree(t, dir), before)
}

// TestStageFails: when staging fails part way, the temporary files
// already written, and any folder made for them, are removed. (Write's
// checks refuse this import up front; stage is called alone to prove the
// clean-up that guards failures no check foresees, a full disk say.)
func TestStageFails(t *testing.T) {
	dir := writeSite(t)
	if err := os.WriteFile(filepath.Join(dir, "content/zzz"), []byte("a file, not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)
	res := result()
	res.Changes = append(res.Changes,
		&Change{Action: Created, Path: "content/contacts/new/dee.md"}, // a folder to make
		&Change{Action: Created, Path: "content/zzz/eve.md"})          // fails: zzz is a file
	res.Files["content/contacts/new/dee.md"] = []byte("---\nname: Dee\n---\n")
	res.Files["content/zzz/eve.md"] = []byte("---\nname: Eve\n---\n")
	if _, err := res.stage(context.Background(), dir); err == nil {
		t.Fatal("stage succeeded")
	}
	sameTree(t, tree(t, dir), before)
}
