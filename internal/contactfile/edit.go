package contactfile

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/netjournal/netjournal/internal/content"
)

// file is a contact file taken apart for editing. Only the YAML block
// changes; head and tail (the closing --- and the body) are kept byte for
// byte.
type file struct {
	head  string // a byte order mark, blank lines and the opening --- line
	block string // the YAML between the --- lines; every line ends in nl
	tail  string // the closing --- line and the body
	nl    string // the file's line ending: "\n" or "\r\n"
	root  *yaml.Node
}

var errNoFrontMatter = errors.New("no front matter between --- lines")

// parseFile splits src the way content.Load does and parses its front
// matter.
func parseFile(src []byte) (*file, error) {
	s := string(src)
	f := &file{nl: "\n"}
	rest := strings.TrimPrefix(s, "\uFEFF")
	f.head = s[:len(s)-len(rest)]
	for {
		line, after, ok := strings.Cut(rest, "\n")
		if !ok {
			return nil, errNoFrontMatter
		}
		f.head += line + "\n"
		rest = after
		if strings.TrimSpace(line) == "" {
			continue
		}
		if strings.TrimSpace(line) != "---" {
			return nil, errNoFrontMatter
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

func (f *file) parse() error {
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

func (f *file) bytes() []byte { return []byte(f.head + f.block + f.tail) }

// get returns the key and value nodes of a key of m, or nils.
func get(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// isEmpty reports whether a value is null or "": a key written without a value.
func isEmpty(v *yaml.Node) bool {
	return v == nil || (v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == ""))
}

// offset is the byte offset in the block of a node's 1-based line and
// column (columns count characters).
func (f *file) offset(line, col int) int {
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

// lineEnd is the offset just past the newline of the line holding off.
func (f *file) lineEnd(off int) int {
	i := strings.IndexByte(f.block[off:], '\n')
	if i < 0 {
		return len(f.block)
	}
	return off + i + 1
}

// lineStart is the offset of the start of the line holding off.
func (f *file) lineStart(off int) int {
	return strings.LastIndexByte(f.block[:off], '\n') + 1
}

func (f *file) splice(start, end int, text string) error {
	f.block = f.block[:start] + text + f.block[end:]
	return f.parse()
}

// lastLine is the last line any part of n sits on.
func lastLine(n *yaml.Node) int {
	l := n.Line
	for _, c := range n.Content {
		l = max(l, lastLine(c))
	}
	return l
}

// token returns the extent in the block of a one-line scalar as written:
// plain, 'single' or "double" quoted.
func (f *file) token(n *yaml.Node) (start, end int, err error) {
	start = f.offset(n.Line, n.Column)
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

// closing finds the ] or } that closes the flow collection opening at start,
// skipping quoted text and nested collections.
func (f *file) closing(start int) (int, error) {
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
				i = f.lineEnd(i) - 1 // a comment inside a multi-line flow collection
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

// fill writes text as the value of a key written without one:
// "company:" → "company: Acme", keeping a comment after it.
func (f *file) fill(k, v *yaml.Node, text string) error {
	if v.Tag == "!!null" && v.Value == "" {
		keyStart := f.offset(k.Line, k.Column)
		colon := strings.IndexByte(f.block[keyStart:f.lineEnd(keyStart)], ':')
		if colon < 0 {
			return fmt.Errorf("line %d: cannot find the colon after %q", k.Line, k.Value)
		}
		at := keyStart + colon + 1
		return f.splice(at, at, " "+text)
	}
	start, end, err := f.token(v)
	if err != nil {
		return err
	}
	return f.splice(start, end, text)
}

// indent is the indentation of the front matter's keys.
func (f *file) indent() string {
	if len(f.root.Content) == 0 {
		return ""
	}
	return strings.Repeat(" ", f.root.Content[0].Column-1)
}

// appendKey adds "key: text" as the last line of the front matter.
func (f *file) appendKey(key, text string) error {
	return f.splice(len(f.block), len(f.block), f.indent()+key+": "+text+f.nl)
}

// addItems adds items at the end of the list under key, turning a single
// value into a list: "email: a@x" → "email: [a@x, b@y]". An item with a
// type is written "type: value", in a list (one item a line when the key
// is new); aliases are always a list.
func (f *file) addItems(key string, items []content.Typed) error {
	k, v := get(f.root, key)
	switch {
	case k == nil && typed(items):
		lines := f.indent() + key + ":" + f.nl
		for _, it := range items {
			lines += f.indent() + "  - " + typedText(it, content.YAMLText) + f.nl
		}
		return f.splice(len(f.block), len(f.block), lines)
	case k == nil:
		if len(items) == 1 && key != "aliases" {
			return f.appendKey(key, content.YAMLText(items[0].Value))
		}
		return f.appendKey(key, flowList(items))
	case isEmpty(v):
		if len(items) == 1 && items[0].Type == "" && key != "aliases" {
			return f.fill(k, v, content.YAMLText(items[0].Value))
		}
		return f.fill(k, v, flowList(items))
	case v.Kind == yaml.ScalarNode:
		start, end, err := f.token(v)
		if err != nil {
			return err
		}
		old := f.block[start:end]
		if v.Style == 0 && old != content.YAMLFlowText(v.Value) {
			old = content.YAMLFlowText(v.Value)
		}
		return f.splice(start, end, "["+old+", "+strings.TrimPrefix(flowList(items), "["))
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0:
		open := f.offset(v.Line, v.Column)
		end, err := f.closing(open)
		if err != nil {
			return err
		}
		text := strings.TrimSuffix(strings.TrimPrefix(flowList(items), "["), "]")
		if len(v.Content) > 0 {
			text = ", " + text
		}
		return f.splice(end, end, text)
	case v.Kind == yaml.SequenceNode && len(v.Content) > 0:
		last := v.Content[len(v.Content)-1]
		if last.Kind == yaml.MappingNode && len(last.Content) > 0 {
			last = last.Content[0] // "- type: value" starts at its type
		}
		itemStart := f.offset(last.Line, last.Column)
		prefix := f.block[f.lineStart(itemStart):itemStart]
		if strings.TrimSpace(prefix) != "-" {
			return fmt.Errorf("line %d: cannot add to this list", last.Line)
		}
		at := f.lineEnd(f.offset(lastLine(v.Content[len(v.Content)-1]), 1))
		var lines strings.Builder
		for _, it := range items {
			lines.WriteString(prefix + typedText(it, content.YAMLText) + f.nl)
		}
		return f.splice(at, at, lines.String())
	}
	return fmt.Errorf("line %d: %s is not a list", k.Line, key)
}

func typed(items []content.Typed) bool {
	for _, it := range items {
		if it.Type != "" {
			return true
		}
	}
	return false
}

// flowList writes items as a one-line flow list: [a@x, work: "b, c"].
func flowList(items []content.Typed) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = typedText(it, content.YAMLFlowText)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// addEntry adds "sub: value" to the map under key ("links", "met"),
// creating the map when the key is missing. A raw value is written as it
// is (a date); any other is quoted as needed.
func (f *file) addEntry(key, sub, value string, raw bool) error {
	block, flow := content.YAMLText(value), content.YAMLFlowText(value)
	if raw {
		block, flow = value, value
	}
	k, v := get(f.root, key)
	switch {
	case k == nil:
		in := f.indent()
		lines := in + key + ":" + f.nl + in + "  " + content.YAMLText(sub) + ": " + block + f.nl
		return f.splice(len(f.block), len(f.block), lines)
	case isEmpty(v):
		return f.fill(k, v, "{"+content.YAMLFlowText(sub)+": "+flow+"}")
	case v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle != 0:
		open := f.offset(v.Line, v.Column)
		end, err := f.closing(open)
		if err != nil {
			return err
		}
		text := content.YAMLFlowText(sub) + ": " + flow
		if len(v.Content) > 0 {
			text = ", " + text
		}
		return f.splice(end, end, text)
	case v.Kind == yaml.MappingNode && len(v.Content) > 0:
		firstKey := v.Content[0]
		keyStart := f.offset(firstKey.Line, firstKey.Column)
		indent := f.block[f.lineStart(keyStart):keyStart]
		if strings.TrimSpace(indent) != "" {
			return fmt.Errorf("line %d: cannot add to this map", firstKey.Line)
		}
		at := f.lineEnd(f.offset(lastLine(v), 1))
		return f.splice(at, at, indent+content.YAMLText(sub)+": "+block+f.nl)
	}
	return fmt.Errorf("line %d: %s is not a map", k.Line, key)
}
