// Package content reads a netjournal site from an fs.FS into typed documents
// that remember where each field came from, so every problem can be reported
// as path:line: message.
package content

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Position is a place in a site file. Line is 1-based; 0 means the whole file.
type Position struct {
	Path string
	Line int
}

func (p Position) String() string {
	if p.Line > 0 {
		return p.Path + ":" + strconv.Itoa(p.Line) // for every backlink of every page: no fmt
	}
	return p.Path
}

// Error is one problem in one place of the content.
type Error struct {
	Pos Position
	Msg string
	// kept says the value at Pos decoded, cut short: its key's other
	// problems are none of its consequences (notConsequences).
	kept bool
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Errorf returns an *Error at pos.
func Errorf(pos Position, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// ErrorList collects every problem of a build so that the user can fix them
// all in one pass, as go/scanner.ErrorList does for source files.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Position, format string, args ...any) {
	*l = append(*l, Errorf(pos, format, args...))
}

// Append adds every problem held by err; an ErrorList or *Error is flattened.
func (l *ErrorList) Append(err error) {
	if err == nil {
		return
	}
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
		*l = append(*l, list...)
	case errors.As(err, &one):
		*l = append(*l, one)
	default:
		*l = append(*l, &Error{Msg: err.Error()})
	}
}

func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i].Pos, l[j].Pos
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return l[i].Msg < l[j].Msg
}

// Sort sorts the list by path, line and message and drops exact duplicates.
func (l *ErrorList) Sort() {
	sort.Sort(*l)
	out := (*l)[:0]
	for i, e := range *l {
		if i > 0 && e.Pos == (*l)[i-1].Pos && e.Msg == (*l)[i-1].Msg {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Error prints one problem per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
