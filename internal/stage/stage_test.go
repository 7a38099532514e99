package stage

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree lists every path below dir with its mode and bytes.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		line := p[len(dir):] + " " + info.Mode().String()
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += " " + string(b)
		}
		out = append(out, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func site(t *testing.T) string {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content/posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/posts/old.md"), []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/zzz"), []byte("a file, not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCommit: every file lands, in new folders too; a replaced file keeps
// its mode; nothing hidden is left behind.
func TestCommit(t *testing.T) {
	dir := site(t)
	s := New(dir)
	for _, f := range []struct{ path, data string }{{"content/posts/old.md", "new"}, {"static/a/b.txt", "b"}, {"content/posts/z.md", "z"}} {
		if err := s.AddBytes(f.path, []byte(f.data)); err != nil {
			t.Fatal(err)
		}
	}
	written, err := s.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"content/posts/old.md", "content/posts/z.md", "static/a/b.txt"}; !slices.Equal(written, want) {
		t.Errorf("written %q, want %q", written, want)
	}
	got := strings.Join(tree(t, dir), "\n")
	for _, want := range []string{"/content/posts/old.md -rw------- new", "/static/a/b.txt -rw-r--r-- b", "/content/posts/z.md -rw-r--r-- z"} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, ".tmp-") {
		t.Errorf("a temporary file is left:\n%s", got)
	}
}

// TestNothingOrAll: a write that fails part way, a failing writer, and an
// interrupt before the renames each leave the folder byte for byte as it
// was: no file, no temporary file, no folder made for them.
func TestNothingOrAll(t *testing.T) {
	for name, run := range map[string]func(s *Files) error{
		"a file where a folder is needed": func(s *Files) error {
			if err := s.AddBytes("content/contacts/new/dee.md", []byte("dee")); err != nil {
				return err
			}
			return s.AddBytes("content/zzz/eve.md", []byte("eve"))
		},
		"a writer fails": func(s *Files) error {
			if err := s.AddBytes("static/x/a.txt", []byte("a")); err != nil {
				return err
			}
			return s.Add("static/x/y/b.txt", func(w io.Writer) error {
				w.Write([]byte("half"))
				return errors.New("disk full")
			})
		},
		"interrupted": func(s *Files) error {
			if err := s.AddBytes("content/posts/old.md", []byte("new")); err != nil {
				return err
			}
			if err := s.AddBytes("static/new/c.txt", []byte("c")); err != nil {
				return err
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			written, err := s.Commit(ctx)
			if len(written) > 0 {
				t.Errorf("interrupted, but wrote %q", written)
			}
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := site(t)
			before := tree(t, dir)
			s := New(dir)
			if err := run(s); err == nil {
				t.Fatal("no error")
			}
			s.Discard()
			if after := tree(t, dir); !slices.Equal(after, before) {
				t.Errorf("the folder changed:\n%s\nwas:\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
			}
		})
	}
}
