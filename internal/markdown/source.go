package markdown

import (
	"errors"
	"fmt"
	"strings"

	"github.com/netjournal/netjournal/internal/digest"
)

// A Source is a body to render: its text or, once a renderer that keeps
// what it prepares on disk has let the text go (Let), the digest it
// knows the body by and how to read the text again. The zero Source is
// the empty body.
//
// A build that renders once held every body's text from loading to its
// last page, though after the first parse each audience fills the body
// prepared on disk: the largest part of its memory at its peak.
type Source struct {
	text string
	sum  digest.Sum
	read func() (string, error) // set once the text is let go
}

// Text returns the source whose text is s.
func Text(s string) Source { return Source{text: s} }

// Unread returns the source of a body whose text was not read: sum is its
// digest (digest.Of of the text), and read reads the text when a
// renderer needs it (what the disk keeps of it lost), as for a body let
// go (Let). The body must not be blank.
func Unread(sum digest.Sum, read func() (string, error)) Source {
	return Source{sum: sum, read: read}
}

// ReadText returns the text of src: read again if it was let go or never
// read (Unread), and then an ErrGone if it cannot be, or is not the text
// src stands for.
func (r *Renderer) ReadText(src Source) (string, error) { return r.textOf(src) }

// gone reports whether the text was let go: sum then names the body.
func (s Source) gone() bool { return s.read != nil }

// Blank reports whether the body shows nothing: it is empty or white
// space. A body whose text was let go was not blank.
func (s Source) Blank() bool { return !s.gone() && strings.TrimSpace(s.text) == "" }

// Let returns src without its text when the renderer lets prepared bodies
// go (Drops) and its disk holds src prepared, so that every audience can
// fill it without the text; read reads the text again, should the disk
// fail to give the prepared body back. The renderer then holds the text
// no more than the Source does. Otherwise, and for a body that is not
// filled but rendered whole or is Blank (which a body let go is not),
// ok is false and src is to be kept as it is.
func (r *Renderer) Let(src Source, read func() (string, error)) (_ Source, ok bool) {
	if src.gone() {
		return src, true
	}
	if !r.Drops() || read == nil || src.Blank() {
		return src, false
	}
	key := r.sourceKey("p", src)
	if r.facts(src).fallback || !r.memo.has(key) || !r.memo.has(textsKey(key)) {
		return src, false
	}
	sum := r.sums.Of(src.text)
	r.Forget(src)
	r.sums.Forget(src.text)
	return Source{sum: sum, read: read}, true
}

// ErrGone is the error of a body let go (Let) that could not be made
// again: the disk lost what was prepared of it, and its file could not be
// read or no longer holds that body. It is in the Errors of what renders
// it, which its audiences report: never another body, or none, in silence.
var ErrGone = errors.New("the body could not be read back")

// textOf returns the text of src, read again if it was let go: the disk
// lost what was prepared of it. A text that is not the one let go (the
// file changed during the build) is an error.
func (r *Renderer) textOf(src Source) (string, error) {
	if !src.gone() {
		return src.text, nil
	}
	text, err := src.read()
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrGone, err)
	}
	if digest.Of(text) != src.sum {
		return "", fmt.Errorf("%w: its file changed during the build: build again", ErrGone)
	}
	return text, nil
}

// Same reports whether s and t are the same body: the same text, or, both
// let go, the same digest.
func (s Source) Same(t Source) bool {
	if s.gone() || t.gone() {
		return s.gone() && t.gone() && s.sum == t.sum
	}
	return s.text == t.text
}
