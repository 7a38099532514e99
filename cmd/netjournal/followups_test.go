package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestColorful: colour goes to a character device (a terminal; /dev/null
// is one too), unless NO_COLOR is set or TERM is dumb, and never to a
// file or a pipe.
func TestColorful(t *testing.T) {
	dev, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer dev.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()

	for _, tt := range []struct {
		name, noColor, term string
		out                 io.Writer
		want                bool
	}{
		{"character device", "", "xterm-256color", dev, true},
		{"NO_COLOR set", "1", "xterm-256color", dev, false},
		{"dumb terminal", "", "dumb", dev, false},
		{"file", "", "xterm", file, false},
		{"pipe", "", "xterm", w, false},
		{"buffer", "", "xterm", &bytes.Buffer{}, false},
	} {
		t.Setenv("NO_COLOR", tt.noColor)
		t.Setenv("TERM", tt.term)
		if got := colorful(tt.out); got != tt.want {
			t.Errorf("%s: colorful = %v, want %v", tt.name, got, tt.want)
		}
	}
}
