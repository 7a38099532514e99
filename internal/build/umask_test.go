//go:build unix

package build

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestStreamPutFromKeepsUmask: a file written a part at a time gets the
// mode a file put whole gets, the umask applied: under umask 077 the
// blog's files are the user's alone, however they were written.
func TestStreamPutFromKeepsUmask(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o077))
	site := t.TempDir()
	out := filepath.Join(site, "public")
	s, err := Begin(context.Background(), site, Output{Dir: out})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Put(0, "whole.js", []byte("put whole")); err != nil {
		t.Fatal(err)
	}
	if err := s.putFrom(0, "parts.js", func(w io.Writer) error {
		_, err := io.WriteString(w, "put in parts")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(Inputs{}, nil); err != nil {
		t.Fatal(err)
	}
	modes := map[string]os.FileMode{}
	for _, name := range []string{"whole.js", "parts.js"} {
		info, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		modes[name] = info.Mode().Perm()
	}
	if modes["whole.js"] != 0o600 || modes["parts.js"] != modes["whole.js"] {
		t.Errorf("modes under umask 077: %v, want both 0600", modes)
	}
}

// TestFirstSparesUnderAnyUmask: the spares a first build links are of
// their output's kind, the blog's or the wiki's, whatever the umask, so
// that the next build stages in each, and a blog's spare is never taken
// for the wiki's when --out and --wiki-out are swapped.
func TestFirstSparesUnderAnyUmask(t *testing.T) {
	for _, umask := range []int{0o022, 0o027, 0o077} {
		func() {
			defer syscall.Umask(syscall.Umask(umask))
			site := t.TempDir()
			pub, priv := filepath.Join(site, "public"), filepath.Join(site, "private")
			build := func(pub, priv string) (reused [2]bool) {
				t.Helper()
				s, err := Begin(context.Background(), site, Output{Dir: pub}, Output{Dir: priv, Private: true})
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				for out := range 2 {
					if err := s.Put(out, "index.html", []byte("the same page")); err != nil {
						t.Fatal(err)
					}
					reused[out] = s.stages[out].reuse
				}
				if err := s.Commit(Inputs{}, nil); err != nil {
					t.Fatal(err)
				}
				return reused
			}
			build(pub, priv)
			if got := build(pub, priv); got != [2]bool{true, true} {
				t.Errorf("umask %03o: the second build staged in the first's spares: %v, want both", umask, got)
			}
			os.RemoveAll(pub)
			os.RemoveAll(priv)
			os.RemoveAll(filepath.Join(site, WorkDir))
			build(pub, priv)
			if got := build(priv, pub); got != [2]bool{false, false} {
				t.Errorf("umask %03o: with the outputs swapped, a build staged in the other's spare: %v", umask, got)
			}
		}()
	}
}
