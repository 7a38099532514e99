package blogimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/netjournal/netjournal/internal/content"
	"gopkg.in/yaml.v3"
)

// Meta is the front matter of another generator's file, read into plain
// values — string, bool, int64, float64, time.Time (TOML dates), []any
// and map[string]any — with the file line of each top-level key.
type Meta struct {
	Format string         // "yaml", "toml" or "json"
	Line   int            // file line of the opening delimiter
	keys   []string       // as written, in the order of the file
	values map[string]any // by key as written
	lines  map[string]int // by key as written
	fold   map[string]string
}

// Keys returns the keys as written, in the order of the file.
func (m *Meta) Keys() []string { return m.keys }

// Get returns the value of key. Hugo's keys are read without regard to
// case, so a key matches another spelling of itself when nothing matches
// exactly.
func (m *Meta) Get(key string) (any, bool) {
	if m == nil {
		return nil, false
	}
	if v, ok := m.values[key]; ok {
		return v, true
	}
	if k, ok := m.fold[strings.ToLower(key)]; ok {
		return m.values[k], true
	}
	return nil, false
}

// LineOf returns the file line of key, or of the opening delimiter.
func (m *Meta) LineOf(key string) int {
	if m == nil {
		return 1
	}
	if l, ok := m.lines[key]; ok {
		return l
	}
	if k, ok := m.fold[strings.ToLower(key)]; ok {
		if l, ok := m.lines[k]; ok {
			return l
		}
	}
	return m.Line
}

func (m *Meta) set(key string, v any, line int) {
	if _, dup := m.values[key]; dup {
		return
	}
	m.keys = append(m.keys, key)
	m.values[key] = v
	m.lines[key] = line
	if _, ok := m.fold[strings.ToLower(key)]; !ok {
		m.fold[strings.ToLower(key)] = key
	}
}

func newMeta(format string, line int) *Meta {
	return &Meta{Format: format, Line: line, values: map[string]any{}, lines: map[string]int{}, fold: map[string]string{}}
}

// Split reads the front matter of a file of another generator: YAML
// between --- lines (Jekyll also ends it with ...), TOML between +++
// lines, or a JSON object, as Hugo reads them. A file without front
// matter returns a nil Meta and the whole file as its body. body is the
// rest of the file with Windows line endings made Unix ones, and
// bodyLine the file line of its first line. A problem is an error at its
// line of the file.
func Split(path string, data []byte) (meta *Meta, body string, bodyLine int, err *content.Error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	// The front matter starts on the first line that is not blank.
	lines := strings.SplitAfter(text, "\n")
	open := 0
	for open < len(lines) && strings.TrimSpace(lines[open]) == "" {
		open++
	}
	if open == len(lines) {
		return nil, text, 1, nil
	}
	first := strings.TrimRight(lines[open], " \t\n")
	at := func(i int) int { return i + 1 } // the file line of lines[i]
	switch {
	case first == "---" || first == "+++":
		end := -1
		for i := open + 1; i < len(lines); i++ {
			l := strings.TrimRight(lines[i], " \t\n")
			if l == first || first == "---" && l == "..." {
				end = i
				break
			}
		}
		if end < 0 {
			return nil, "", 0, content.Errorf(content.Position{Path: path, Line: at(open)}, "front matter opened with %s is never closed", first)
		}
		block := strings.Join(lines[open+1:end], "")
		body = strings.Join(lines[end+1:], "")
		if first == "---" {
			meta, err = readYAML(path, block, at(open))
		} else {
			meta, err = readTOML(path, block, at(open))
		}
		return meta, body, at(end + 1), err
	case strings.HasPrefix(first, "{"):
		offset := len(strings.Join(lines[:open], ""))
		meta, n, err := readJSON(path, text[offset:], at(open))
		if err != nil {
			return nil, "", 0, err
		}
		rest := text[offset+n:]
		// The object's last line ends the front matter; the body starts
		// on the next line.
		if i := strings.IndexByte(rest, '\n'); i >= 0 && strings.TrimSpace(rest[:i]) == "" {
			rest = rest[i+1:]
		}
		bodyLine = strings.Count(text[:len(text)-len(rest)], "\n") + 1
		return meta, rest, bodyLine, nil
	}
	return nil, text, 1, nil
}

// maxNodes bounds the values a YAML block may expand to through aliases.
const maxNodes = 100000

var yamlLine = regexp.MustCompile(`line (\d+)`)

func readYAML(path, block string, open int) (*Meta, *content.Error) {
	m := newMeta("yaml", open)
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(block), &root); err != nil {
		line := 1
		if sm := yamlLine.FindStringSubmatch(err.Error()); sm != nil {
			line, _ = strconv.Atoi(sm[1])
		}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimPrefix(msg, "line "+strconv.Itoa(line)+": ")
		return nil, content.Errorf(content.Position{Path: path, Line: open + line}, "invalid YAML front matter: %s", msg)
	}
	if len(root.Content) == 0 {
		return m, nil
	}
	top := root.Content[0]
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return m, nil
	}
	if top.Kind != yaml.MappingNode {
		return nil, content.Errorf(content.Position{Path: path, Line: open + top.Line}, "front matter must be a map of key: value lines")
	}
	budget := maxNodes
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		val, err := yamlValue(v, &budget, 0)
		if err != nil {
			return nil, content.Errorf(content.Position{Path: path, Line: open + v.Line}, "%v", err)
		}
		m.set(k.Value, val, open+k.Line)
	}
	return m, nil
}

// yamlValue converts a node to a plain value. Timestamps stay text, to be
// read as dates where a date is meant.
func yamlValue(n *yaml.Node, budget *int, depth int) (any, error) {
	*budget--
	if *budget < 0 || depth > 100 {
		return nil, errors.New("front matter is too deeply nested or expands too far")
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, nil
		}
		return yamlValue(n.Alias, budget, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return yamlValue(n.Content[0], budget, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c, budget, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := yamlValue(n.Content[i+1], budget, depth+1)
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b, nil
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return i, nil
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f, nil
		}
	}
	return n.Value, nil
}

func readTOML(path, block string, open int) (*Meta, *content.Error) {
	m := newMeta("toml", open)
	var v map[string]any
	if _, err := toml.Decode(block, &v); err != nil {
		line := 1
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = max(pe.Position.Line, 1)
			return nil, content.Errorf(content.Position{Path: path, Line: open + line}, "invalid TOML front matter: %s", pe.Message)
		}
		return nil, content.Errorf(content.Position{Path: path, Line: open + line}, "invalid TOML front matter: %v", err)
	}
	keyLines := tomlKeyLines(block)
	for _, k := range orderedKeys(v, keyLines) {
		m.set(k, plain(v[k]), open+keyLines[k])
	}
	return m, nil
}

var (
	tomlKey   = regexp.MustCompile(`^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[=.]`)
	tomlTable = regexp.MustCompile(`^\s*\[\[?\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))`)
)

// tomlKeyLines finds the 1-based block line of each top-level key: a
// key = value line before the first table, or a table's header.
func tomlKeyLines(block string) map[string]int {
	lines := map[string]int{}
	inTable := false
	for i, l := range strings.Split(block, "\n") {
		if sm := tomlTable.FindStringSubmatch(l); sm != nil {
			inTable = true
			if k := sm[1] + sm[2] + sm[3]; lines[k] == 0 {
				lines[k] = i + 1
			}
			continue
		}
		if inTable {
			continue
		}
		if sm := tomlKey.FindStringSubmatch(l); sm != nil {
			if k := sm[1] + sm[2] + sm[3]; lines[k] == 0 {
				lines[k] = i + 1
			}
		}
	}
	return lines
}

// orderedKeys returns the keys of v in the order of their lines.
func orderedKeys(v map[string]any, lines map[string]int) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if lines[a] != lines[b] {
			return lines[a] - lines[b]
		}
		return strings.Compare(a, b)
	})
	return keys
}

// plain turns TOML's and JSON's slices of maps into []any.
func plain(v any) any {
	switch v := v.(type) {
	case []map[string]any:
		out := make([]any, len(v))
		for i, m := range v {
			out[i] = plain(m)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = plain(x)
		}
		return out
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	}
	return v
}

var jsonKey = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"\s*:`)

// readJSON reads the JSON object at the start of text and returns it with
// the number of bytes it takes.
func readJSON(path, text string, open int) (*Meta, int, *content.Error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		offset := int(dec.InputOffset())
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			offset = int(se.Offset)
		case errors.As(err, &te):
			offset = int(te.Offset)
		}
		offset = min(max(offset, 0), len(text))
		line := open + strings.Count(text[:offset], "\n")
		msg := strings.TrimPrefix(err.Error(), "json: ")
		if errors.Is(err, io.EOF) || strings.Contains(msg, "unexpected EOF") {
			msg = "the object is never closed with }"
		}
		return nil, 0, content.Errorf(content.Position{Path: path, Line: line}, "invalid JSON front matter: %s", msg)
	}
	n := int(dec.InputOffset())
	m := newMeta("json", open)
	keyLines := map[string]int{}
	block := text[:n]
	for _, loc := range jsonKey.FindAllStringSubmatchIndex(block, -1) {
		k, err := strconv.Unquote(`"` + block[loc[2]:loc[3]] + `"`)
		if err != nil {
			continue
		}
		if keyLines[k] == 0 {
			keyLines[k] = strings.Count(block[:loc[0]], "\n") + 1
		}
	}
	for _, k := range orderedKeys(v, keyLines) {
		m.set(k, plain(v[k]), open+max(keyLines[k], 1)-1)
	}
	return m, n, nil
}

// describe spells a value for a report, on one line.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing"
	case string:
		return strconv.Quote(v)
	case time.Time:
		// As front matter writes it, not as Go prints a time: a kept
		// comment uncommented must still read. TOML's local dates and
		// times come in zones of these names.
		switch v.Location().String() {
		case "date-local":
			return v.Format(time.DateOnly)
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05.999999999")
		case "time-local":
			return v.Format("15:04:05.999999999")
		}
		return v.Format(time.RFC3339Nano)
	case []any, map[string]any:
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Sprint(v)
		}
		return string(b)
	}
	return fmt.Sprint(v)
}
