package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// Doc is what every document shares: where it lives, its body, and the line
// of each front-matter field so that later stages can point at them.
type Doc struct {
	Path     string // slash path from the site root: content/contacts/ana.md
	Slug     string
	Body     string
	BodyLine int            // file line of the body's first line
	Hash     string         // SHA-256 of the file's bytes: changes with any edit
	lines    map[string]int // "title", "with[1]", "followups[0].who" → file line
	start    int            // file line of the opening ---
}

// Pos returns the position of a front-matter key ("with[1]",
// "followups[0].due"); an unknown key falls back to its parent, then to the
// opening ---.
func (d *Doc) Pos(key string) Position {
	for key != "" {
		if l, ok := d.lines[key]; ok {
			return Position{d.Path, l}
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return Position{d.Path, max(d.start, 1)}
}

// BodyPos returns the position of the body line with 0-based index n.
func (d *Doc) BodyPos(n int) Position { return Position{d.Path, d.BodyLine + n} }

// rawFormat hands the YAML block over unparsed: decoding happens in decode,
// strictly and with line numbers.
var rawFormat = frontmatter.NewFormat("---", "---", func(b []byte, v any) error {
	*(v.(*[]byte)) = append([]byte(nil), b...)
	return nil
})

// split separates front matter from body. It accepts a UTF-8 byte order mark
// and CRLF line endings.
func split(path string, data []byte) (doc Doc, yamlBlock []byte, err *Error) {
	doc.Path = path
	sum := sha256.Sum256(data)
	doc.Hash = hex.EncodeToString(sum[:])
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return doc, nil, Errorf(Position{path, 1}, "empty file: expected front matter between --- lines")
	}
	// The opening --- is the first non-blank line.
	open := 1
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) != 0 {
			break
		}
		open++
	}
	first, _, _ := bytes.Cut(data[bytes.IndexFunc(data, func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' && r != '\n' }):], []byte("\n"))
	if string(bytes.TrimSpace(first)) != "---" {
		return doc, nil, Errorf(Position{path, open}, "missing front matter: the file must start with a --- line")
	}
	var raw []byte
	body, perr := frontmatter.Parse(bytes.NewReader(data), &raw, rawFormat)
	if perr != nil {
		return doc, nil, Errorf(Position{path, open}, "reading front matter: %v", perr)
	}
	if raw == nil {
		return doc, nil, Errorf(Position{path, open}, "front matter is not closed: add a --- line after it")
	}
	doc.start = open
	doc.BodyLine = bytes.Count(data[:len(data)-len(body)], []byte("\n")) + 1
	doc.Body = strings.ReplaceAll(string(body), "\r\n", "\n")
	return doc, raw, nil
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// decode decodes a YAML block strictly into v: unknown keys, wrong types and
// bad values are all reported, with file lines (offset by the opening ---).
func decode(path string, offset int, block []byte, v any) (lines map[string]int, errs ErrorList) {
	var root yaml.Node
	if err := yaml.Unmarshal(block, &root); err != nil {
		errs = yamlErrors(path, offset, err, v)
		return nil, errs
	}
	lines = map[string]int{}
	if len(root.Content) > 0 {
		if m := root.Content[0]; m.Kind != yaml.MappingNode && !(m.Kind == yaml.ScalarNode && m.Tag == "!!null") {
			errs.Add(Position{path, offset + m.Line}, "front matter must be a map of key: value lines, got a %s", kindName(m))
			return nil, errs
		}
		record(lines, "", root.Content[0], offset)
	}
	dec := yaml.NewDecoder(bytes.NewReader(block))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		errs = yamlErrors(path, offset, err, v)
	}
	return lines, errs
}

// record stores the file line of every key and list item below n.
func record(lines map[string]int, prefix string, n *yaml.Node, offset int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if prefix != "" {
				key = prefix + "." + key
			}
			lines[key] = offset + n.Content[i].Line
			record(lines, key, n.Content[i+1], offset)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			key := fmt.Sprintf("%s[%d]", prefix, i)
			lines[key] = offset + c.Line
			record(lines, key, c, offset)
		}
	}
}

func yamlErrors(path string, offset int, err error, v any) ErrorList {
	var msgs []string
	var te *yaml.TypeError
	syntax := !errors.As(err, &te)
	if syntax {
		msgs = []string{err.Error()}
	} else {
		msgs = te.Errors
	}
	var errs ErrorList
	for _, m := range msgs {
		m = strings.TrimSpace(m)
		line := 0
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			line, _ = strconv.Atoi(sm[1])
			m = sm[2]
		}
		m = strings.TrimPrefix(m, "yaml: ")
		// Lines inside the message are relative to the block too.
		m = atLine.ReplaceAllStringFunc(m, func(s string) string {
			n, _ := strconv.Atoi(strings.TrimPrefix(s, "at line "))
			return fmt.Sprintf("at line %d", n+offset)
		})
		if syntax {
			m = syntaxMessage(m)
		} else {
			m = friendly(m, v)
		}
		errs = append(errs, &Error{Pos: Position{path, offset + line}, Msg: m})
	}
	return errs
}

var (
	atLine       = regexp.MustCompile(`at line \d+`)
	unknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	cannotDecode = regexp.MustCompile("^cannot unmarshal !!(\\w+) `?(.*?)`? into (\\S+)$")
)

// friendly rewrites the YAML library's messages in the user's terms.
func friendly(m string, v any) string {
	if sm := unknownField.FindStringSubmatch(m); sm != nil {
		msg := fmt.Sprintf("unknown key %q", sm[1])
		if s := suggest(sm[1], keysOf(v)); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return msg
	}
	if sm := cannotDecode.FindStringSubmatch(m); sm != nil {
		got := map[string]string{"str": "text", "int": "number", "float": "number", "bool": "true/false", "map": "map", "seq": "list", "timestamp": "date", "null": "nothing"}[sm[1]]
		if got == "" {
			got = sm[1]
		}
		want := sm[3]
		switch {
		case strings.HasPrefix(want, "[]"):
			want = "a list"
		case want == "bool":
			want = "true or false"
		case want == "int" || strings.HasPrefix(want, "float"):
			want = "a number"
		case want == "string":
			want = "a text"
		default:
			want = "a map of keys"
		}
		if sm[2] != "" && sm[1] != "map" && sm[1] != "seq" {
			return fmt.Sprintf("expected %s, got %s %q", want, got, sm[2])
		}
		return fmt.Sprintf("expected %s, got a %s", want, got)
	}
	return m
}

// syntaxMessage explains a YAML syntax error.
func syntaxMessage(m string) string {
	if strings.Contains(m, "found character that cannot start any token") {
		return "invalid YAML: " + m + " (tabs are not allowed for indentation)"
	}
	return "invalid YAML: " + m
}

// suggest returns the closest of keys to s, if it is close enough to be a typo.
func suggest(s string, keys []string) string {
	best, bestD := "", 3
	for _, k := range keys {
		if d := distance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// keysOf lists every YAML key of v's type, nested ones included, for
// suggestions.
func keysOf(v any) []string {
	seen := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" || seen[name] {
				continue
			}
			seen[name] = true
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(v))
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
