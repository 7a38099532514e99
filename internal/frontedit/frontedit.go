// Package frontedit changes a document's YAML front matter in place: a
// value set, a key added, with every other byte of the file — comments,
// key order, quoting, line endings, the body — kept as it is. Commands
// that change a user's files (import, done, snooze) edit through it, so
// that a file reads afterwards as its writer left it but for the change.
package frontedit

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// File is a document taken apart for editing. Only the YAML block
// changes; head and tail (the closing --- and the body) are kept byte for
// byte.
type File struct {
	head  string // a byte order mark, blank lines and the opening --- line
	block string // the YAML between the --- lines; every line ends in nl
	tail  string // the closing --- line and the body
	nl    string // the file's line ending: "\n" or "\r\n"
	root  *yaml.Node
}

// ErrNoFrontMatter is the error of a file without front matter.
var ErrNoFrontMatter = errors.New("no front matter between --- lines")

// Parse splits src the way content.Load does and parses its front matter.
func Parse(src []byte) (*File, error) {
	s := string(src)
	f := &File{nl: "\n"}
	rest := strings.TrimPrefix(s, "\uFEFF")
	f.head = s[:len(s)-len(rest)]
	for {
		line, after, ok := strings.Cut(rest, "\n")
		if !ok {
			return nil, ErrNoFrontMatter
		}
		f.head += line + "\n"
		rest = after
		if strings.TrimSpace(line) == "" {
			continue
		}
		if strings.TrimSpace(line) != "---" {
			return nil, ErrNoFrontMatter
		}
		if strings.HasSuffix(line, "\r") {
			f.nl = "\r\n"
		}
		break
	}
	for i := 0; i <= len(rest); {
		j := strings.IndexByte(rest[i:], '\n')
		end := len(rest)
		if j >= 0 {
			end = i + j
		}
		if strings.TrimSpace(rest[i:end]) == "---" {
			f.block, f.tail = rest[:i], rest[i:]
			return f, f.parse()
		}
		if j < 0 {
			break
		}
		i = end + 1
	}
	return nil, errors.New("front matter is not closed: no --- line after it")
}

func (f *File) parse() error {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(f.block), &doc); err != nil {
		return fmt.Errorf("front matter: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode || doc.Content[0].Style&yaml.FlowStyle != 0 {
		return errors.New("front matter is not a map of key: value lines")
	}
	f.root = doc.Content[0]
	return nil
}

// Bytes is the file as edited.
func (f *File) Bytes() []byte { return []byte(f.head + f.block + f.tail) }

// Tail is what follows the front matter: the closing --- line and the
// body, which no edit changes.
func (f *File) Tail() string { return f.tail }

// Root is the front matter's map. Its nodes are valid until the next edit.
func (f *File) Root() *yaml.Node { return f.root }

// NL is the file's line ending.
func (f *File) NL() string { return f.nl }

// Get returns the key and value nodes of a key of m, or nils.
func Get(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// IsEmpty reports whether a value is null or "": a key written without a value.
func IsEmpty(v *yaml.Node) bool {
	return v == nil || (v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == ""))
}

// Offset is the byte offset in the block of a node's 1-based line and
// column (columns count characters).
func (f *File) Offset(line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(f.block[off:], '\n')
		if i < 0 {
			return len(f.block)
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(f.block) && f.block[off] != '\n'; c++ {
		_, size := utf8.DecodeRuneInString(f.block[off:])
		off += size
	}
	return off
}

// LineEnd is the offset just past the newline of the line holding off.
func (f *File) LineEnd(off int) int {
	i := strings.IndexByte(f.block[off:], '\n')
	if i < 0 {
		return len(f.block)
	}
	return off + i + 1
}

// LineStart is the offset of the start of the line holding off.
func (f *File) LineStart(off int) int {
	return strings.LastIndexByte(f.block[:off], '\n') + 1
}

// Text is the block's text between two offsets.
func (f *File) Text(start, end int) string { return f.block[start:end] }

// Len is the length of the block: the offset after its last line.
func (f *File) Len() int { return len(f.block) }

// Splice replaces the block's text between two offsets and parses it
// again: an edit that leaves it unreadable is an error.
func (f *File) Splice(start, end int, text string) error {
	f.block = f.block[:start] + text + f.block[end:]
	return f.parse()
}

// LastLine is the last line any part of n sits on.
func LastLine(n *yaml.Node) int {
	l := n.Line
	for _, c := range n.Content {
		l = max(l, LastLine(c))
	}
	return l
}

// Token returns the extent in the block of a one-line scalar as written:
// plain, 'single' or "double" quoted.
func (f *File) Token(n *yaml.Node) (start, end int, err error) {
	start = f.Offset(n.Line, n.Column)
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		q := f.block[start]
		for i := start + 1; i < len(f.block); i++ {
			switch {
			case f.block[i] == '\\' && q == '"':
				i++
			case f.block[i] == q && q == '\'' && i+1 < len(f.block) && f.block[i+1] == '\'':
				i++
			case f.block[i] == q:
				return start, i + 1, nil
			}
		}
	case 0:
		if strings.HasPrefix(f.block[start:], n.Value) && !strings.Contains(n.Value, "\n") {
			return start, start + len(n.Value), nil
		}
	}
	return 0, 0, fmt.Errorf("line %d: cannot edit a value written over several lines", n.Line)
}

// Closing finds the ] or } that closes the flow collection opening at
// start, skipping quoted text and nested collections.
func (f *File) Closing(start int) (int, error) {
	depth := 0
	for i := start; i < len(f.block); i++ {
		switch c := f.block[i]; c {
		case '"', '\'':
			for i++; i < len(f.block); i++ {
				if c == '"' && f.block[i] == '\\' {
					i++
				} else if f.block[i] == c {
					if c == '\'' && i+1 < len(f.block) && f.block[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '#':
			if i > 0 && (f.block[i-1] == ' ' || f.block[i-1] == '\t') {
				i = f.LineEnd(i) - 1 // a comment inside a multi-line flow collection
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i, nil
			}
		}
	}
	return 0, errors.New("flow collection is not closed")
}

// Fill writes text as the value of key k, in place of its value v: a
// key written without one ("company:" → "company: Acme") or a one-line
// scalar, keeping a comment after it.
func (f *File) Fill(k, v *yaml.Node, text string) error {
	if v.Tag == "!!null" && v.Value == "" {
		keyStart := f.Offset(k.Line, k.Column)
		colon := strings.IndexByte(f.block[keyStart:f.LineEnd(keyStart)], ':')
		if colon < 0 {
			return fmt.Errorf("line %d: cannot find the colon after %q", k.Line, k.Value)
		}
		at := keyStart + colon + 1
		return f.Splice(at, at, " "+text)
	}
	start, end, err := f.Token(v)
	if err != nil {
		return err
	}
	return f.Splice(start, end, text)
}

// Indent is the indentation of the front matter's keys.
func (f *File) Indent() string {
	if len(f.root.Content) == 0 {
		return ""
	}
	return strings.Repeat(" ", f.root.Content[0].Column-1)
}

// AppendKey adds "key: text" as the last line of the front matter.
func (f *File) AppendKey(key, text string) error {
	return f.Splice(len(f.block), len(f.block), f.Indent()+key+": "+text+f.nl)
}

// Set gives key of the map m the value text, written as it is (quote it
// first where it needs quoting): in place of its value when m has the
// key, else as a new last key of m, in m's style — a line at its keys'
// indentation, or ", key: text" before the } of a {flow: map}. m is the
// root or a map within it, such as an item of a list of maps.
func (f *File) Set(m *yaml.Node, key, text string) error {
	// Whatever the YAML's shape, the edit must say what it means and no
	// more: the file is read again, and an edit that changed anything
	// else (a value that swallows the new line, say) is undone.
	path, ok := pathTo(f.root, m)
	if !ok {
		return errors.New("the map to change is not in this file")
	}
	var want any
	if err := yaml.Unmarshal([]byte(text), &want); err != nil {
		return fmt.Errorf("%s: %q is not a YAML value", key, text)
	}
	old := f.block
	before, _ := f.decode()
	err := f.set(m, key, text)
	if err == nil {
		after, ok := f.decode()
		if !ok || !sameBut(before, after, path, key, plain(want)) {
			err = fmt.Errorf("line %d: cannot set %s here without changing what else the file says: edit the file by hand", m.Line, key)
		}
	}
	if err != nil {
		f.block = old
		f.parse()
	}
	return err
}

func (f *File) set(m *yaml.Node, key, text string) error {
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: not a map of keys", m.Line)
	}
	if k, v := Get(m, key); k != nil {
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: %s holds a list or a map, not a value", k.Line, key)
		}
		return f.Fill(k, v, text)
	}
	if m == f.root {
		return f.AppendKey(key, text)
	}
	if m.Style&yaml.FlowStyle != 0 {
		open := f.Offset(m.Line, m.Column)
		end, err := f.Closing(open)
		if err != nil {
			return err
		}
		add := key + ": " + text
		if len(m.Content) > 0 {
			add = ", " + add
		}
		return f.Splice(end, end, add)
	}
	if len(m.Content) == 0 {
		return fmt.Errorf("line %d: cannot add to an empty map", m.Line)
	}
	// The keys of a block map line up: a list item's first key follows
	// "- ", the others are indented to its column.
	first := m.Content[0]
	indent := strings.Repeat(" ", first.Column-1)
	at := f.LineEnd(f.Offset(LastLine(m), 1))
	// The lines of a block scalar (what: |) that ends the map are more
	// indented than its keys, and are its own.
	for end := at; end < len(f.block); {
		next := f.LineEnd(end)
		line := strings.TrimRight(f.block[end:next], "\r\n")
		if strings.TrimSpace(line) != "" {
			if len(line)-len(strings.TrimLeft(line, " ")) <= len(indent) {
				break
			}
			at = next
		}
		end = next
	}
	// A value that ends the block without a newline gets one.
	prefix := ""
	if at == len(f.block) && !strings.HasSuffix(f.block, "\n") {
		prefix = f.nl
	}
	return f.Splice(at, at, prefix+indent+key+": "+text+f.nl)
}

// Delete removes key, with its value and a comment on its line, from the
// front matter's root map. A key that is not there is no error.
func (f *File) Delete(key string) error {
	k, v := Get(f.root, key)
	if k == nil {
		return nil
	}
	start := f.LineStart(f.Offset(k.Line, k.Column))
	if strings.TrimSpace(f.block[start:f.Offset(k.Line, k.Column)]) != "" {
		return fmt.Errorf("line %d: cannot remove %s: it does not start its line", k.Line, key)
	}
	end := f.LineEnd(f.Offset(LastLine(v), 1))
	// The lines of a block value are more indented than the key.
	indent := k.Column - 1
	for end < len(f.block) {
		next := f.LineEnd(end)
		line := strings.TrimRight(f.block[end:next], "\r\n")
		if strings.TrimSpace(line) != "" && len(line)-len(strings.TrimLeft(line, " ")) <= indent {
			break
		}
		end = next
	}
	// The comments on the lines taken out stay, each a line of its own
	// where the key was ("snooze_until: 2027-03-01  # on leave").
	var comments []string
	keep := func(c string) {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(comments, c) {
			comments = append(comments, c)
		}
	}
	keep(k.LineComment)
	keep(v.LineComment)
	if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		// A line of a comment alone among the value's (a block scalar's
		// lines are its text, "#" and all).
		first := f.LineEnd(start)
		for _, line := range strings.SplitAfter(f.block[min(first, end):end], "\n") {
			if t := strings.TrimSpace(line); strings.HasPrefix(t, "#") {
				keep(t)
			}
		}
	}
	var kept strings.Builder
	nl := "\n"
	if strings.HasSuffix(f.block[start:f.LineEnd(start)], "\r\n") {
		nl = "\r\n"
	}
	for _, c := range comments {
		kept.WriteString(f.block[start:f.Offset(k.Line, k.Column)] + c + nl)
	}
	old := f.block
	before, _ := f.decode()
	err := f.Splice(start, end, kept.String())
	if err == nil {
		after, ok := f.decode()
		b, _ := before.(map[string]any)
		if b != nil {
			delete(b, fmt.Sprint(decoded(k)))
		}
		if !ok || !reflect.DeepEqual(before, after) {
			err = fmt.Errorf("line %d: cannot remove %s without changing what else the file says: edit the file by hand", k.Line, key)
		}
	}
	if err != nil {
		f.block = old
		f.parse()
	}
	return err
}

// decoded is a scalar node's value as YAML reads it.
func decoded(n *yaml.Node) any {
	var v any
	n.Decode(&v)
	return v
}

// pathTo finds the path from root to the node m: map keys as decoded
// (strings) and list indexes.
func pathTo(root, m *yaml.Node) ([]any, bool) {
	if root == m {
		return nil, true
	}
	switch root.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(root.Content); i += 2 {
			if p, ok := pathTo(root.Content[i+1], m); ok {
				var k any
				if root.Content[i].Decode(&k) != nil {
					return nil, false
				}
				return append([]any{fmt.Sprint(k)}, p...), true
			}
		}
	case yaml.SequenceNode:
		for i, c := range root.Content {
			if p, ok := pathTo(c, m); ok {
				return append([]any{i}, p...), true
			}
		}
	}
	return nil, false
}

// decode is the front matter as plain values, every map keyed by text.
func (f *File) decode() (any, bool) {
	var out any
	if err := yaml.Unmarshal([]byte(f.block), &out); err != nil {
		return nil, false
	}
	return plain(out), true
}

// plain makes every map of a decoded value a map[string]any.
func plain(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = plain(x)
		}
		return v
	case map[any]any:
		out := map[string]any{}
		for k, x := range v {
			out[fmt.Sprint(k)] = plain(x)
		}
		return out
	case []any:
		for i, x := range v {
			v[i] = plain(x)
		}
	}
	return v
}

// sameBut reports whether after is before with the map at path holding
// key: want, and nothing else changed.
func sameBut(before, after any, path []any, key string, want any) bool {
	at := func(v any) map[string]any {
		for _, p := range path {
			switch p := p.(type) {
			case string:
				m, _ := v.(map[string]any)
				v = m[p]
			case int:
				l, _ := v.([]any)
				if p >= len(l) {
					return nil
				}
				v = l[p]
			}
		}
		m, _ := v.(map[string]any)
		return m
	}
	b, a := at(before), at(after)
	if b == nil || a == nil || !reflect.DeepEqual(a[key], want) {
		return false
	}
	delete(a, key)
	delete(b, key)
	return reflect.DeepEqual(before, after)
}

// WriteFile replaces the file at path with data, keeping its permissions:
// the new bytes go to a hidden temporary file beside it (which netjournal
// and its watcher never read), then take its place in one rename, so
// that no reader, and no crash, ever sees half a file. Through a symbolic
// link, the file it points to is replaced.
func WriteFile(path string, data []byte) error {
	// A document may be a link to a file elsewhere: the file changes, the
	// link stays.
	path, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), info.Mode().Perm()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	done = true
	return nil
}
