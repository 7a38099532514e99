package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/netjournal/netjournal/internal/digest"
)

// Doc is what every document shares: where it lives, its body, and the line
// of each front-matter field so that later stages can point at them.
type Doc struct {
	Path     string // slash path from the site root: content/contacts/ana.md
	Slug     string
	Body     string
	BodyLine int // file line of the body's first line
	// Hash is the SHA-256 of the file's bytes: it changes with any edit.
	// Head is the SHA-256 of the bytes before the body: the front matter
	// as written. Both in place, not in hexadecimal: two strings a
	// document were 200,000 of the objects the collector went through
	// in a build of 100,000 posts.
	Hash digest.Sum
	Head digest.Sum
	// "title", "with[1]", "followups[0].who" → file line: found from the
	// file (Hash) when first asked, so not compared (journal.Same).
	lines *keyLines `same:"-"`
	start int       // file line of the opening ---
	// unread says Load took the file as the last build read it, by its
	// size, times and inode (Cache.Known), without reading it: Body is
	// empty, and bodySum is the digest of its text.
	unread  bool
	bodySum digest.Sum
	// stub says the file is no document (empty, in UTF-16, without front
	// matter): it stands for one by its slug alone, and is an error.
	stub bool
}

// UnreadBody reports whether Load took the document without reading its
// file (Cache.Known): its Body is then empty, and sum is the digest of
// its text (digest.Of), which ReadBody reads again.
func (d *Doc) UnreadBody() (sum digest.Sum, unread bool) { return d.bodySum, d.unread }

// Stub reports whether the file is no document (empty, in UTF-16, without
// front matter), standing for one by its slug alone; its error is said.
// A reference that names it and a document gives way to the document.
func (d *Doc) Stub() bool { return d.stub }

// keyLines finds the file line of every front-matter key when one is
// first asked for, which is when something is wrong with it: most
// documents never are, and their YAML is parsed once, by decoding it.
type keyLines struct {
	once   sync.Once
	block  []byte // the YAML, until parsed
	offset int
	lines  map[string]int
}

// parsedLines are lines already known.
func parsedLines(lines map[string]int) *keyLines {
	k := &keyLines{lines: lines}
	k.once.Do(func() {})
	return k
}

func (k *keyLines) get() map[string]int {
	if k == nil {
		return nil
	}
	k.once.Do(func() {
		k.lines = map[string]int{}
		var root yaml.Node
		if yaml.Unmarshal(k.block, &root) == nil && len(root.Content) > 0 {
			record(k.lines, "", root.Content[0], k.offset)
		}
		k.block = nil
	})
	return k.lines
}

// Pos returns the position of a front-matter key ("with[1]",
// "followups[0].due"); an unknown key falls back to its parent, then to the
// opening ---.
func (d *Doc) Pos(key string) Position {
	for key != "" {
		if l, ok := d.lines.get()[key]; ok {
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

// parseFront finds the front matter of data as adrg/frontmatter's Parse
// does with a format whose delimiters are --- lines, handing the YAML
// block over unparsed (decoding happens in decode, strictly and with line
// numbers): the block is a copy, nil when empty or not found, and body is
// what follows the closing line, or all of data when the block is not
// found or not closed. The library read every file through a buffered
// reader into a buffer of its own, grown by doubling: 1.4 GB of a
// 100,000-post build, for bytes already in memory. FuzzParseFront holds
// it to the library.
//
// It is a variable that a test counts.
var parseFront = func(data []byte) (block, body []byte) {
	// A line is as the library reads it: up to and with its '\n'; one
	// without is the last, at the end, and is compared to the closing
	// delimiter only.
	line := func(at int) (l []byte, next int, last bool) {
		if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
			return data[at : at+i+1], at + i + 1, false
		}
		return data[at:], len(data), true
	}
	read := 0
	for {
		l, next, last := line(read)
		if last {
			return nil, data
		}
		read = next
		if t := bytes.TrimSpace(l); len(t) > 0 {
			if string(t) != "---" {
				return nil, data
			}
			break
		}
	}
	start := read
	for {
		l, next, last := line(read)
		if string(bytes.TrimSpace(l)) == "---" {
			return append([]byte(nil), data[start:read]...), data[next:]
		}
		if last {
			return nil, data
		}
		read = next
	}
}

// split separates front matter from body. It accepts a UTF-8 byte order mark
// and CRLF line endings.
func split(path string, data []byte) (doc Doc, yamlBlock []byte, err *Error) {
	doc, yamlBlock, _, err = splitFound(path, data, sha256.Sum256(data))
	return doc, yamlBlock, err
}

// splitFound is split for data whose hash is sum (a load has it: hashing
// every file twice was a fiftieth of a build after an edit), returning as
// well where it found the parts of data (valid when they can be found
// there again).
func splitFound(path string, data []byte, sum [sha256.Size]byte) (doc Doc, yamlBlock []byte, where splitWhere, err *Error) {
	doc.Path = path
	doc.Hash = sum
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return doc, nil, where, Errorf(Position{path, 1}, "empty file: expected front matter between --- lines")
	}
	if err := notText(path, data); err != nil {
		return doc, nil, where, err
	}
	// The opening --- is the first non-blank line (blank by any white
	// space, as parseFront has it).
	open := 1
	var first []byte
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if first = bytes.TrimSpace(line); len(first) != 0 {
			break
		}
		open++
	}
	switch first := string(first); {
	case first == "+++":
		return doc, nil, where, Errorf(Position{path, open}, "front matter in TOML (between +++ lines) is not read: write it in YAML between --- lines")
	case first == "{" || strings.HasPrefix(first, "{\""):
		return doc, nil, where, Errorf(Position{path, open}, "front matter in JSON is not read: write it in YAML between --- lines")
	case first != "---":
		return doc, nil, where, Errorf(Position{path, open}, "missing front matter: the file must start with a --- line")
	}
	raw, body := parseFront(data)
	if raw == nil {
		// An empty block (--- right after ---) is closed: the keys it lacks
		// are reported as missing.
		lines := bytes.SplitAfter(data, []byte("\n"))
		if len(lines) <= open || string(bytes.TrimSpace(lines[open])) != "---" {
			return doc, nil, where, Errorf(Position{path, open}, "front matter is not closed: add a --- line after it")
		}
		raw, body = []byte{}, bytes.Join(lines[open+1:], nil)
	}
	head := len(data) - len(body)
	where = splitWhere{open: open, head: head, block: bytes.Index(data[:max(head, 0)], raw), blockLen: len(raw)}
	if head < 0 || where.block < 0 || !bytes.Equal(data[head:], body) {
		where = splitWhere{} // not found again: not kept
	}
	return splitDoc(doc, data, body, open), raw, where, nil
}

// splitWhere is where split found the parts of a file (after a byte
// order mark): the line of its opening ---, the length of what is before
// the body, and the place and length of the YAML block in that. It is a
// function of the file's bytes alone, and is kept with its front matter
// (frontcache.go), so that a file read again is split without parsing it
// (parsing it, with adrg/frontmatter's reader then, was a twentieth of a
// build after an edit).
type splitWhere struct {
	open, head, block, blockLen int
}

// valid reports whether where was found.
func (w splitWhere) valid() bool { return w.open > 0 }

// splitAt is splitFound for data split where it says: the same Doc and
// block, made from the same parts. ok is false when where does not fit
// data.
func splitAt(path string, data []byte, sum [sha256.Size]byte, where splitWhere) (doc Doc, yamlBlock []byte, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !where.valid() || where.head > len(data) || where.block < 0 || where.blockLen < 0 || where.block > where.head-where.blockLen {
		return Doc{}, nil, false
	}
	doc.Path = path
	doc.Hash = sum
	// The block is a copy, as the parser's is: a Doc holds it (its key
	// lines) and must not hold the whole file.
	block := bytes.Clone(data[where.block : where.block+where.blockLen])
	if block == nil {
		block = []byte{}
	}
	return splitDoc(doc, data, data[where.head:], where.open), block, true
}

// splitDoc is doc with what split finds of data, whose body is body and
// whose opening --- is on line open.
// notText says what keeps data from being read as text: UTF-16, bytes
// that are not UTF-8 (Latin-1, Windows-1252: a body so written was
// published as it was, shown as U+FFFD, and its feeds were no XML a
// reader takes), or lines that end in a carriage return alone, which
// none of the rest reads as lines.
func notText(path string, data []byte) *Error { return NotText(path, data) }

// NotText is the error for a file that is no text netjournal reads
// (notText), nil for one that is: for what writes such files, an import.
func NotText(path string, data []byte) *Error {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return Errorf(Position{path, 1}, "the file is in UTF-16: save it as UTF-8")
	}
	if !utf8.Valid(data) {
		for i, line := range bytes.SplitAfter(data, []byte("\n")) {
			if utf8.Valid(line) {
				continue
			}
			bad := line[0]
			for len(line) > 0 {
				r, n := utf8.DecodeRune(line)
				if r == utf8.RuneError && n <= 1 {
					bad = line[0]
					break
				}
				line = line[n:]
			}
			return Errorf(Position{path, i + 1}, "this line is not UTF-8 text (its byte 0x%02X): save the file as UTF-8 (it may be in Latin-1 or Windows-1252)", bad)
		}
	}
	if !bytes.Contains(data, []byte("\n")) && bytes.Count(data, []byte("\r")) > 1 {
		return Errorf(Position{path, 1}, "the file's lines end in a carriage return alone (as on an old Mac): save it with LF or CRLF line ends")
	}
	return nil
}

func splitDoc(doc Doc, data, body []byte, open int) Doc {
	doc.start = open
	head := data[:len(data)-len(body)]
	headSum := sha256.Sum256(head)
	doc.Head = headSum
	doc.BodyLine = bytes.Count(head, []byte("\n")) + 1
	doc.Body = strings.ReplaceAll(string(body), "\r\n", "\n")
	return doc
}

// decode decodes a YAML block strictly into v: unknown keys, wrong types and
// bad values are all reported, with file lines (offset by the opening ---).
func decode(path string, offset int, block []byte, v any) (lines *keyLines, errs ErrorList) {
	// Most front matter decodes: then its YAML is parsed this once, and
	// its lines only if asked for. Anything else is decoded again, from
	// nothing, the way that finds each problem's line.
	before := reflect.New(reflect.TypeOf(v).Elem()).Elem()
	before.Set(reflect.ValueOf(v).Elem())
	dec := yaml.NewDecoder(bytes.NewReader(block))
	dec.KnownFields(true)
	if err := dec.Decode(v); err == nil || errors.Is(err, io.EOF) {
		lines := &keyLines{block: block, offset: offset}
		if bytes.ContainsAny(block, "!&#") {
			// A tag, an anchor or a comment decodes, and is no text:
			// its word is gone from the value (oddValues).
			var root yaml.Node
			if yaml.Unmarshal(block, &root) == nil {
				errs = oddValues(path, offset, block, &root)
			}
		}
		return lines, errs
	}
	reflect.ValueOf(v).Elem().Set(before)
	return decodeSlowly(path, offset, block, v)
}

// decodeSlowly decodes front matter as decode does, parsing its YAML
// first to know every key's line, and then again to decode it; it is
// what decode does with a block that did not decode.
func decodeSlowly(path string, offset int, block []byte, v any) (lines *keyLines, errs ErrorList) {
	return decodeParsed(path, offset, block, v, true)
}

// decodeParsed is decodeSlowly; with blank, a key given twice is
// reported and its later lines blanked before the rest is decoded.
func decodeParsed(path string, offset int, block []byte, v any, blank bool) (lines *keyLines, errs ErrorList) {
	var root yaml.Node
	if err := yaml.Unmarshal(block, &root); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return nil, yamlErrors(path, offset, err, v)
		}
		line := syntaxLine(block, err)
		if at, w, text, ok := cutBefore(block, line); ok {
			errs.Add(Position{path, offset + at}, "invalid YAML: the text from %s on is a YAML comment, and the line below goes on with the text: put the value in quotes: %s", w, quoted(text))
			return nil, errs
		}
		errs.Add(Position{path, offset + line}, "invalid YAML: %s", syntaxMessage(err, lineOf(block, line)))
		return nil, errs
	}
	if dups := repeatedKeys(&root, bytes.Count(block, []byte("\n"))+1); len(dups) > 0 && blank && newlinesOnly(block) {
		// A key given twice makes the library decode nothing of its map:
		// every key of it read as missing, and the file's other problems
		// hid. The first is read; the rest of the file as if the later
		// were not there: its lines blank, so that lines keep their
		// numbers. (Only where every line ends in "\n", as the library
		// counts them; and once: what is left is decoded as it is.)
		lines := bytes.SplitAfter(block, []byte("\n"))
		var errs ErrorList
		for _, d := range dups {
			errs.Add(Position{path, offset + d.line}, "duplicate key %q: it is already given at line %d", d.key, offset+d.first)
			for l := d.line; l <= d.last && l-1 < len(lines); l++ {
				if bytes.HasSuffix(lines[l-1], []byte("\n")) {
					lines[l-1] = []byte("\n")
				} else {
					lines[l-1] = nil
				}
			}
		}
		kept, more := decodeParsed(path, offset, bytes.Join(lines, nil), v, false)
		return kept, append(errs, more...)
	}
	known := map[string]int{}
	if len(root.Content) > 0 {
		if m := root.Content[0]; m.Kind != yaml.MappingNode && !(m.Kind == yaml.ScalarNode && m.Tag == "!!null") {
			errs.Add(Position{path, offset + m.Line}, "front matter must be a map of key: value lines, got a %s", kindName(m))
			return nil, errs
		}
		record(known, "", root.Content[0], offset)
	}
	lines = parsedLines(known)
	dec := yaml.NewDecoder(bytes.NewReader(block))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		errs = yamlErrors(path, offset, err, v)
		for _, e := range errs {
			e.Msg = untruncate(e.Msg, &root, e.Pos.Line-offset)
			e.Msg += textHint(e.Msg, lineValue(lineOf(block, e.Pos.Line-offset)))
		}
	}
	decoded := errs
	for _, e := range oddValues(path, offset, block, &root) {
		if !slices.ContainsFunc(decoded, func(d *Error) bool { return d.Pos.Line == e.Pos.Line }) {
			errs = append(errs, e)
		}
	}
	return lines, errs
}

// notConsequences returns the problems of checked that are not a
// consequence of one of decoded: a check said at a key's line is one when
// a decoding problem lies in that key's lines, to the next top-level key
// (a list under title: reads as no title; the list is the problem). lines
// are the keys' lines (keyLines).
func notConsequences(decoded, checked ErrorList, lines map[string]int) ErrorList {
	var starts []int
	for k, l := range lines {
		if !strings.ContainsAny(k, ".[") { // the top-level keys
			starts = append(starts, l)
		}
	}
	slices.Sort(starts)
	var out ErrorList
	for _, e := range checked {
		end := math.MaxInt
		if k, _ := slices.BinarySearch(starts, e.Pos.Line+1); k < len(starts) {
			end = starts[k]
		}
		if !slices.ContainsFunc(decoded, func(d *Error) bool { return !d.kept && d.Pos.Line >= e.Pos.Line && d.Pos.Line < end }) {
			out = append(out, e)
		}
	}
	return out
}

// repeated is a key given again in a map of block style, from its line
// to its value's last, and the line it was first given at.
type repeated struct {
	key               string
	line, last, first int
}

// repeatedKeys finds the keys given again in the block-style maps below
// n, a block of lines lines. A key's value ends where the next key of
// its map begins, or where its map does: a scalar's lines (folded,
// quoted, plain), a flow list's closing bracket and comments are its.
func repeatedKeys(n *yaml.Node, lines int) []repeated {
	var out []repeated
	var walk func(n *yaml.Node, end int)
	walk = func(n *yaml.Node, end int) {
		if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0 {
			first := map[string]int{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				last := end
				if i+2 < len(n.Content) {
					last = max(k.Line, n.Content[i+2].Line-1)
				}
				walk(n.Content[i+1], last)
				if k.Kind != yaml.ScalarNode {
					continue
				}
				if at, ok := first[k.Value]; ok && k.Line > at {
					out = append(out, repeated{key: k.Value, line: k.Line, last: last, first: at})
					continue
				}
				first[k.Value] = k.Line
			}
			return
		}
		for i, c := range n.Content {
			last := end
			if n.Kind == yaml.SequenceNode && i+1 < len(n.Content) {
				last = max(c.Line, n.Content[i+1].Line-1)
			}
			walk(c, last)
		}
	}
	walk(n, lines)
	return out
}

// newlinesOnly reports whether every line break of block, as YAML counts
// them, is a "\n": a lone CR, NEL, LS or PS is one to YAML too, and its
// line numbers would not be block's lines.
func newlinesOnly(block []byte) bool {
	return !bytes.Contains(bytes.ReplaceAll(block, []byte("\r\n"), []byte("\n")), []byte("\r")) &&
		!bytes.Contains(block, []byte("\u0085")) && !bytes.Contains(block, []byte("\u2028")) && !bytes.Contains(block, []byte("\u2029"))
}

// untruncate puts back the whole value the YAML library cut to seven bytes
// and "..." in a message, taking it from the scalar at that block line.
func untruncate(msg string, root *yaml.Node, line int) string {
	i := strings.Index(msg, `..."`)
	j := strings.LastIndex(msg[:max(i, 0)], `"`)
	if i < 0 || j < 0 {
		return msg
	}
	cut, err := strconv.Unquote(msg[j : i+4])
	if err != nil {
		return msg
	}
	cut = strings.TrimSuffix(cut, "...")
	var find func(n *yaml.Node) string
	find = func(n *yaml.Node) string {
		if n.Kind == yaml.ScalarNode && n.Line == line && len(n.Value) > 10 && strings.HasPrefix(n.Value, cut) {
			return n.Value
		}
		for _, c := range n.Content {
			if v := find(c); v != "" {
				return v
			}
		}
		return ""
	}
	if v := find(root); v != "" {
		return msg[:j] + strconv.Quote(v) + msg[i+4:]
	}
	return msg
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
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
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
		errs = append(errs, &Error{Pos: Position{path, offset + line}, Msg: friendly(m, v)})
	}
	return errs
}

var (
	yamlLine     = regexp.MustCompile(`(?s)^(?:yaml: )?line (\d+): (.*)$`)
	atLine       = regexp.MustCompile(`at line \d+`)
	unknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	duplicateKey = regexp.MustCompile(`^mapping key (".*") already defined (at line \d+)$`)
	// cannotDecode is the YAML library's message for a value of the wrong
	// kind: "cannot unmarshal !!seq into string", "cannot unmarshal !!str
	// `maybe` into bool". Scalars come with their value, cut to 7 bytes
	// and "..." when long; lists and maps without.
	cannotDecode = regexp.MustCompile("(?s)^cannot unmarshal (\\S+?)(?: `(.*)`)? into (\\S+)$")
)

// synonyms are the keys other generators use (Hugo, Jekyll) for what
// netjournal calls otherwise: what to write instead, when the document's
// kind has key.
var synonyms = map[string]struct{ key, say string }{
	"lastmod":     {"updated", `netjournal calls it "updated"`},
	"modified":    {"updated", `netjournal calls it "updated"`},
	"description": {"summary", `netjournal calls it "summary"`},
	"summary":     {"description", `a page calls it "description"`},
	"excerpt":     {"summary", `netjournal calls it "summary"`},
	"categories":  {"tags", `netjournal has "tags" for these`},
	"category":    {"tags", `netjournal has "tags" for these`},
	"published":   {"draft", "write draft: true for a post that is not published"},
}

// tagWords names the YAML tags of what the user wrote.
var tagWords = map[string]string{
	"!!str": "text", "!!int": "number", "!!float": "number", "!!bool": "true/false",
	"!!timestamp": "date", "!!null": "nothing", "!!binary": "binary data",
	"!!seq": "list", "!!map": "map",
}

// friendly rewrites the YAML library's messages in the user's terms.
func friendly(m string, v any) string {
	if sm := unknownField.FindStringSubmatch(m); sm != nil {
		msg := fmt.Sprintf("unknown key %q", sm[1])
		if hint, ok := synonyms[sm[1]]; ok && slices.Contains(keysOf(v), hint.key) {
			return msg + ": " + hint.say
		}
		// Not the key itself: one of another map of the document (from:
		// in a gave item, where it is the event's) matches it.
		if s := suggest(sm[1], keysOf(v)); s != "" && s != sm[1] {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return msg
	}
	if sm := duplicateKey.FindStringSubmatch(m); sm != nil {
		return fmt.Sprintf("duplicate key %s: it is already given %s", sm[1], sm[2])
	}
	if sm := cannotDecode.FindStringSubmatch(m); sm != nil {
		tag, value, want := sm[1], sm[2], strings.TrimPrefix(sm[3], "*")
		got, ok := tagWords[tag]
		if !ok {
			got = "value tagged " + tag
		}
		switch {
		case strings.HasPrefix(want, "[]"):
			want = "a list"
		case want == "bool":
			want = "true or false"
		case strings.HasPrefix(want, "int") || strings.HasPrefix(want, "uint"):
			want = "a whole number"
		case strings.HasPrefix(want, "float"):
			want = "a number"
		case want == "string":
			want = "text"
		default: // a struct or a map
			want = "a map of keys"
		}
		if tag == "!!seq" || tag == "!!map" || value == "" && tag != "!!str" {
			return fmt.Sprintf("expected %s, got a %s", want, got)
		}
		// Text that would be the value wanted without its quotes ("false",
		// "10"): written plain, YAML reads it as a boolean or a number.
		var unquoted yaml.Node
		if tag == "!!str" && (want == "true or false" || want == "a whole number" || want == "a number") &&
			yaml.Unmarshal([]byte(value), &unquoted) == nil && len(unquoted.Content) == 1 && tagWords[unquoted.Content[0].ShortTag()] != "text" {
			return fmt.Sprintf("expected %s, got text %q: write it without quotes", want, value)
		}
		return fmt.Sprintf("expected %s, got %s %q", want, got, value)
	}
	return m
}

// syntaxLine finds the block line (1-based) of a YAML syntax error: the
// line after the longest run of leading lines that is valid YAML. The YAML
// library's own line is off by one for some errors, missing for errors on
// the first line, and the end of the block for an unclosed quote; it is
// kept only for a block too long to search.
func syntaxLine(block []byte, err error) int {
	lines := bytes.SplitAfter(block, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > 500 {
		if sm := yamlLine.FindStringSubmatch(err.Error()); sm != nil {
			n, _ := strconv.Atoi(sm[1])
			return max(n, 1)
		}
		return 1
	}
	for n := len(lines) - 1; n > 0; n-- {
		var root yaml.Node
		if yaml.Unmarshal(bytes.Join(lines[:n], nil), &root) == nil {
			return n + 1
		}
	}
	return 1
}

// lineOf returns the block's line n (1-based) without its line break.
func lineOf(block []byte, n int) string {
	lines := strings.Split(string(block), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

// closesQuote reports whether a value that begins with a quote closes it
// on its line: a double quote not escaped, or a single quote not doubled.
func closesQuote(v string) bool {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return true
		}
	}
	return false
}

// syntaxMessage explains a YAML syntax error in words for people who do not
// know YAML's grammar; text is the line it is on.
func syntaxMessage(err error, text string) string {
	m := err.Error()
	if sm := yamlLine.FindStringSubmatch(m); sm != nil {
		m = sm[2]
	}
	m = strings.TrimPrefix(m, "yaml: ")
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	if why := valueMistake(m, lineValue(text)); why != "" {
		return why
	}
	// A value that opens a quote its line does not close: a quote of a
	// later line closed it, and the YAML library speaks of what follows
	// that one.
	if v := lineValue(text); v != "" && (v[0] == '"' || v[0] == '\'') && !closesQuote(v) {
		return fmt.Sprintf("the quote %c is never closed: end the value with %c, or remove the quote", v[0], v[0])
	}
	switch {
	case strings.Contains(m, "tab character") ||
		strings.Contains(m, "cannot start any token") && strings.Contains(indent, "\t"):
		return "a tab is used for indentation: indent with spaces only"
	case strings.Contains(m, "cannot start any token"):
		if c := strings.IndexAny(text, "@`\t"); c >= 0 {
			if text[c] == '\t' {
				return "a tab cannot be used here: use spaces"
			}
			return fmt.Sprintf("a value cannot start with %c: put the value in quotes", text[c])
		}
		return "a value starts with a character that is not allowed there: put the value in quotes"
	case strings.Contains(m, "unexpected end of stream"):
		if c := strings.IndexAny(text, `"'`); c >= 0 {
			return fmt.Sprintf("the quote %c is never closed: end the value with %c, or remove the quote", text[c], text[c])
		}
		return "a quote is never closed: end the value with the same quote it starts with"
	case strings.Contains(m, "expected ',' or ']'"):
		return "a list that starts with [ is not closed with ], or its items are not separated by commas"
	case strings.Contains(m, "expected ',' or '}'"):
		return "a map that starts with { is not closed with }, or its entries are not separated by commas"
	case strings.Contains(m, "could not find expected ':'"):
		return `a line must be "key: value": add a colon and a space after the key`
	case strings.Contains(m, "mapping values are not allowed"):
		return `unexpected ":" in this line: put a value that contains ": " in quotes, or check the indentation`
	case strings.Contains(m, "did not find expected key"):
		return "this line does not line up with the keys above it: check its indentation"
	case strings.Contains(m, "expected '-' indicator"):
		return "this line does not line up with the list above it: start each item with - at the same indentation"
	case strings.Contains(m, "block sequence entries are not allowed"):
		return "a list item (- …) is not allowed here: put the list on the lines below its key, indented"
	case strings.Contains(m, "escape"):
		return `a backslash in "double quotes" starts an unknown escape: write \\ for a backslash, or use 'single quotes'`
	case strings.Contains(m, "unknown anchor"):
		return "a value cannot start with *: put the value in quotes"
	case strings.Contains(m, "did not find expected node content"):
		return "a value is missing or starts with a character that is not allowed there: put the value in quotes"
	}
	return m
}

// lineValue returns what a front matter line gives after its key or its
// list item's dash ("title: [WIP] x" gives "[WIP] x"), or "".
func lineValue(text string) string {
	t := strings.TrimSpace(text)
	for strings.HasPrefix(t, "- ") {
		t = strings.TrimSpace(t[2:])
	}
	colon := -1
	switch {
	case t == "":
	case t[0] == '"' || t[0] == '\'':
		// A quoted key ("title": …), or a quoted value.
		if j := strings.IndexByte(t[1:], t[0]); j >= 0 && strings.HasPrefix(t[j+2:], ":") {
			colon = j + 2
		}
	case !strings.ContainsAny(t[:1], "[{*&!|>"):
		for i := 1; i < len(t) && colon < 0; i++ {
			if t[i] == ':' && (i+1 == len(t) || t[i+1] == ' ' || t[i+1] == '\t') {
				colon = i
			}
		}
	}
	if colon < 0 {
		return t
	}
	return strings.TrimSpace(t[colon+1:])
}

// quoted is v written as YAML text: in double quotes, or in single ones
// when it holds a double quote or a backslash.
func quoted(v string) string {
	if !strings.ContainsAny(v, `"\`) {
		return `"` + v + `"`
	}
	return "'" + strings.ReplaceAll(v, "'", "''") + "'"
}

// valueMistake explains a YAML syntax error m on a line whose value v
// starts with what YAML reads as more than text (a quote that closes
// before the end, a list, a map, an alias, a block of text), giving the
// value as text; "" when v is none of those.
func valueMistake(m, v string) string {
	if v == "" {
		return ""
	}
	// followed reports whether text other than a comment comes after
	// v[end].
	followed := func(end int) bool {
		rest := strings.TrimSpace(v[end+1:])
		return rest != "" && rest[0] != '#'
	}
	switch q := v[0]; q {
	case '\'', '"':
		end := -1
		for i := 1; i < len(v) && end < 0; i++ {
			switch {
			case q == '\'' && v[i] == '\'' && i+1 < len(v) && v[i+1] == '\'':
				i++
			case q == '"' && v[i] == '\\':
				i++
			case v[i] == q:
				end = i
			}
		}
		if end < 0 || !followed(end) {
			return ""
		}
		kind, write := "single", "''"
		if q == '"' {
			kind, write = "double", `\"`
		}
		text := v
		if len(v) > 1 && v[len(v)-1] == q {
			text = v[1 : len(v)-1]
		}
		return fmt.Sprintf("the value ends at the %c after %s, and text follows it: inside %s quotes write %s for a %c, or quote the value otherwise: %s",
			q, v[:end], kind, write, q, quoted(text))
	case '[', '{':
		closer, what := byte(']'), "list"
		if q == '{' {
			closer, what = '}', "map"
		}
		depth := 0
		for i := 0; i < len(v); i++ {
			switch v[i] {
			case q:
				depth++
			case closer:
				if depth--; depth == 0 {
					if !followed(i) {
						return ""
					}
					return fmt.Sprintf("a value that starts with %c is a %s, and text follows its %c: put the whole value in quotes: %s", q, what, closer, quoted(v))
				}
			}
		}
	case '*':
		return "a value cannot start with *: put the value in quotes: " + quoted(v)
	case '|', '>':
		if strings.Contains(m, "expected comment or line break") {
			return fmt.Sprintf("a value cannot start with %c on its key's line (%c begins a text on the lines below): put the value in quotes: %s", q, q, quoted(v))
		}
	}
	return ""
}

// textHint is what to add to a message msg that text was wanted and a list
// or a map was given, when the line's value v is that list or map written
// in brackets or braces around one word or phrase ([WIP]): how to write it
// as text. ([Acme, Initech] is a list meant, and left as said.)
func textHint(msg, v string) string {
	if strings.ContainsAny(v, ",:") {
		return ""
	}
	switch {
	case strings.HasSuffix(msg, "expected text, got a list") && strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]"):
		return ": a value in [ ] is a list; for text, put it in quotes: " + quoted(v)
	case strings.HasSuffix(msg, "expected text, got a map") && strings.HasPrefix(v, "{") && strings.HasSuffix(v, "}"):
		return ": a value in { } is a map; for text, put it in quotes: " + quoted(v)
	}
	return ""
}

// oddValues reports the values of root, parsed from block, that begin
// with a tag YAML does not have (!important, !!! news), or an anchor no
// alias uses on a single value (&co Acme), and a text (textPaths) that
// reads as cut by a comment with no space after its # (Issue #42
// postmortem, #1 fan): YAML decodes them, without the words, where the
// writer meant text. A comment after any other value (cadence: 30d
// #monthly, a map in braces, a link the writer names) is one.
func oddValues(path string, offset int, block []byte, root *yaml.Node) ErrorList {
	lines := strings.Split(string(block), "\n")
	at := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return strings.TrimRight(lines[n-1], "\r")
	}
	var walk func(n, key, parent *yaml.Node, at string, visit func(n, key, parent *yaml.Node, at string))
	walk = func(n, key, parent *yaml.Node, p string, visit func(n, key, parent *yaml.Node, at string)) {
		visit(n, key, parent, p)
		for i, c := range n.Content {
			switch {
			case n.Kind == yaml.MappingNode && i%2 == 1:
				k := n.Content[i-1]
				walk(c, k, n, strings.TrimPrefix(p+"."+k.Value, "."), visit)
			default: // a key, a list's item (followups.what), the document
				walk(c, nil, n, p, visit)
			}
		}
	}
	aliased := map[string]bool{}
	walk(root, nil, nil, "", func(n, _, _ *yaml.Node, _ string) {
		if n.Kind == yaml.AliasNode {
			aliased[n.Value] = true
		}
	})
	var errs ErrorList
	cut := func(line int, word, text string, kept bool) {
		errs = append(errs, &Error{Pos: Position{path, offset + line}, kept: kept,
			Msg: fmt.Sprintf("the text from %s on is a YAML comment, not part of the value: put the value in quotes: %s (a comment has a space after its #)", word, quoted(text))})
	}
	walk(root, nil, nil, "", func(n, key, parent *yaml.Node, p string) {
		var what, word string
		switch {
		case n.Style&yaml.TaggedStyle != 0 && !yamlTags[n.Tag]:
			what, word = "a tag", n.Tag
		case n.Anchor != "" && !aliased[n.Anchor] && n.Kind == yaml.ScalarNode:
			what, word = "an anchor", "&"+n.Anchor
		case key == nil || !textPath(p) || parent.Style&yaml.FlowStyle != 0 || n.Kind != yaml.ScalarNode || n.Style&^yaml.TaggedStyle != 0:
			return
		case n.ShortTag() == "!!null":
			// title: #1 fan, role: #1 engineer: no text at all. A comment
			// of one word where the text may be left out is one
			// (summary: #TODO).
			if v := lineValue(at(key.Line)); len(v) > 1 && v[0] == '#' && v[1] != ' ' && v[1] != '\t' && v[1] != '#' {
				w, rest, _ := strings.Cut(v, " ")
				if requiredText[p] || strings.TrimSpace(rest) != "" {
					cut(key.Line, w, v, false)
				}
			}
			return
		default:
			// Text from its first line, and on the lines below indented
			// more than its key, which go on with it (past a blank line,
			// to a line of a comment): what is after " #" is a comment.
			l := n.Line
			text := strings.TrimSpace(at(l))
			if l == key.Line {
				// Less an anchor and a tag, in either order.
				text = lineValue(at(l))
				for range 2 {
					if n.Anchor != "" {
						text = strings.TrimSpace(strings.TrimPrefix(text, "&"+n.Anchor))
					}
					if n.Style&yaml.TaggedStyle != 0 {
						text = strings.TrimSpace(strings.TrimPrefix(text, n.Tag))
					}
				}
			}
			line := text
			for {
				if w := cutWord(line); w != "" {
					// met.at names an event by its slug, or is text: a
					// slug, one word, with a comment after it is a slug.
					if before, _, _ := strings.Cut(text, " #"); p == "met.at" && len(strings.Fields(before)) == 1 {
						return
					}
					cut(l, w, text, true)
					return
				}
				if l++; l > len(lines) {
					return
				}
				next := at(l)
				line = strings.TrimSpace(next)
				switch {
				case line == "":
					continue
				case indentOf(next) < key.Column:
					return
				case line[0] == '#':
					if len(line) < 2 || line[1] == ' ' || line[1] == '\t' || line[1] == '#' {
						return // a comment, written as one
					}
					w, _, _ := strings.Cut(line, " ")
					cut(l, w, text+" "+line, true)
					return
				}
				text = strings.TrimSpace(text + " " + line)
			}
		}
		v := lineValue(at(n.Line))
		if !strings.HasPrefix(v, word) {
			// On a line of its own, or in a list in brackets.
			v = strings.TrimSpace(word + " " + n.Value)
		}
		errs.Add(Position{path, offset + n.Line}, "a value cannot start with %c (YAML reads %s as %s, not as text): put the value in quotes: %s", word[0], word, what, quoted(v))
	})
	return errs
}

// cutBefore reports whether the syntax error at the block's line (1-based)
// is text cut by a comment on the line before it that holds text (past
// blank lines: title: Notes on #golang and), which this line and those
// after it, indented more than the text's key, go on with, as a writer
// means them; YAML sees them line up with nothing. It returns the text's
// first line, the word after the # and the whole text, to a comment line
// or a key.
func cutBefore(block []byte, line int) (at int, word, text string, ok bool) {
	at = line - 1
	for at > 1 && strings.TrimSpace(lineOf(block, at)) == "" {
		at--
	}
	prev := lineOf(block, at)
	k, _, _ := strings.Cut(strings.TrimLeft(prev, " \t-"), ":")
	if at < 1 || !textKeys[strings.TrimSpace(k)] {
		return 0, "", "", false
	}
	text = lineValue(prev)
	if word = cutWord(text); word == "" {
		return 0, "", "", false
	}
	keyAt := len(prev) - len(strings.TrimLeft(prev, " \t-")) // the key's column, past a list's dash
	for l := at + 1; ; l++ {
		next := lineOf(block, l)
		t := strings.TrimSpace(next)
		if t == "" && l < line {
			continue
		}
		if t == "" || t[0] == '#' || indentOf(next) <= keyAt {
			break
		}
		if lineValue(t) != t || strings.HasSuffix(t, ":") {
			return 0, "", "", false // a key: indented wrong, not text
		}
		if i := strings.Index(t, " #"); i >= 0 && cutWord(t) == "" {
			t = strings.TrimSpace(t[:i]) // a comment after it
		}
		text += " " + t
	}
	return at, word, text, text != lineValue(prev)
}

// indentOf is how many spaces and tabs begin line.
func indentOf(line string) int { return len(line) - len(strings.TrimLeft(line, " \t")) }

// cutWord returns the word after the first " #" of a line of plain text,
// when a word follows the # at once (Issue #42): YAML cuts the text there,
// taking the rest for a comment. "" when there is none, or a comment
// written as one ("text # aside").
func cutWord(line string) string {
	i := strings.Index(line, " #")
	if j := strings.Index(line, "\t#"); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return ""
	}
	c := line[i+1:]
	if len(c) < 2 || c[1] == ' ' || c[1] == '\t' || c[1] == '#' {
		return ""
	}
	word, _, _ := strings.Cut(c, " ")
	return word
}

// yamlTags are the tags of YAML's own kinds of value, which a writer may
// give (!!str 123).
var yamlTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!timestamp": true, "!!binary": true, "!!seq": true, "!!map": true,
}

// textPath reports whether the key at path (dotted; a list's items by the
// list's: followups.what) holds a writer's text, in any kind of document
// or netjournal.yaml (circles.core.description): by its last key, but
// under the maps whose keys the writer names for addresses (links:,
// email:, phone:).
func textPath(path string) bool {
	first, _, _ := strings.Cut(path, ".")
	if first == "links" || first == "email" || first == "phone" {
		return false
	}
	return textKeys[path[strings.LastIndexByte(path, '.')+1:]]
}

// requiredText are the paths of the text a document must have.
var requiredText = map[string]bool{"title": true, "name": true, "followups.what": true, "public.name": true}

// textKeys are the keys whose values are a writer's text.
var textKeys = map[string]bool{
	"title": true, "name": true, "description": true, "summary": true, "company": true,
	"role": true, "location": true, "what": true, "note": true, "at": true,
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
