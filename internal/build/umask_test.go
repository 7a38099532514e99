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
