package vcard

import (
	"bytes"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
)

// Character sets, as vCards carry them. vCard 3.0 and 4.0 are UTF-8; a
// vCard 2.1 value names its own with a CHARSET parameter, raw or
// quoted-printable (Android and Japanese phones: Shift_JIS; Outlook:
// Windows-1252; Russian phones: Windows-1251), and so do some 3.0
// exporters. Windows writes whole files in UTF-16 with a byte order
// mark. A file in another character set that names none, as Outlook's
// exports in Windows-1252 do, is read with --charset, and refused without
// it: nothing is guessed. Every value is decoded before its escapes are
// read, so a Shift_JIS character whose second byte is a backslash stays
// one character.

// charsets decodes the lines of one file and collects what it could not.
type charsets struct {
	path    string
	unicode bool              // a byte order mark said the file is UTF-8 or UTF-16: it is decoded already
	def     encoding.Encoding // --charset, for the values without a CHARSET; nil: UTF-8
	defName string
	named   string // a CHARSET other than UTF-8 that the file names, for a hint

	notUTF8 []line              // lines without a CHARSET that are not UTF-8
	utf8    int                 // lines without a CHARSET that are UTF-8, and not ASCII
	bad     map[string]*badLine // by message: lines not valid in the character set they name
	// relabelled are the lines whose CHARSET names another character set
	// than their text's, UTF-8, by that name: read as UTF-8, and said;
	// proven, the sets (in capitals) that a line of the file is text of
	// and not UTF-8: its lines that are valid UTF-8 too are of the set
	// named (Shift_JIS's ﾏｷ is UTF-8's Ϸ).
	relabelled map[string][]line
	proven     map[string]bool
}

// prove notes, of every line that names a CHARSET other than UTF-8, the
// sets whose text the file holds that is not UTF-8 (charsets.proven).
func (cs *charsets) prove(lines []line) {
	for _, l := range lines {
		if !strings.Contains(strings.ToUpper(l.text), "CHARSET") {
			continue
		}
		_, params, value := property(l.text)
		label, qp := "", false
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(p, "=")
			k, v = strings.ToUpper(strings.TrimSpace(k)), strings.TrimSpace(v)
			switch {
			case k == "CHARSET":
				label = strings.ToUpper(strings.Trim(v, `"`))
			case k == "QUOTED-PRINTABLE" || k == "ENCODING" && strings.EqualFold(v, "QUOTED-PRINTABLE"):
				qp = true
			}
		}
		raw := []byte(value)
		if qp {
			if b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(value))); err == nil {
				raw = b
			}
		}
		if label != "" && !contactfile.IsUTF8(label) && !utf8.Valid(raw) {
			if cs.proven == nil {
				cs.proven = map[string]bool{}
			}
			cs.proven[label] = true
		}
	}
}

type badLine struct {
	first line
	more  int
}

// newCharsets decodes a file that starts with a byte order mark, and
// prepares for the values of one that does not.
func newCharsets(path string, data []byte, charset string) (*charsets, []byte, error) {
	cs := &charsets{path: path, bad: map[string]*badLine{}}
	text, ok, err := contactfile.Unicode(path, data)
	if err != nil {
		return nil, nil, err
	}
	cs.unicode = ok
	if !ok && charset != "" && !contactfile.IsUTF8(charset) {
		if cs.def, err = contactfile.Encoding(charset); err != nil {
			return nil, nil, content.ErrorList{content.Errorf(content.Position{Path: path, Line: 1}, "--charset: %v", err)}
		}
		cs.defName = charset
		if !asciiCompatible(cs.def) {
			// UTF-16 without a byte order mark: its lines are not lines
			// of bytes, so the whole file is decoded first.
			s, err := contactfile.Text(path, data, charset)
			if err != nil {
				return nil, nil, err
			}
			cs.unicode, cs.def, text = true, nil, []byte(s)
		}
	}
	return cs, text, nil
}

// asciiCompatible reports whether enc writes the characters that make a
// vCard's structure (BEGIN:VCARD, ;, :, line ends) as ASCII does.
func asciiCompatible(enc encoding.Encoding) bool {
	const s = "BEGIN:VCARD;=,\r\n"
	b, err := enc.NewEncoder().String(s)
	return err == nil && b == s
}

// decode rewrites a content line as UTF-8 text: its value decoded from
// quoted-printable and from the character set it names (or the file's),
// without the CHARSET and ENCODING=QUOTED-PRINTABLE parameters that no
// longer apply.
func (cs *charsets) decode(l line) string {
	if plain(l.text) && !strings.Contains(strings.ToUpper(l.text), "QUOTED-PRINTABLE") && !strings.Contains(strings.ToUpper(l.text), "CHARSET") {
		return l.text
	}
	if !strings.Contains(l.text, ":") { // not a property: go-vcard says so
		if text, ok := cs.text(l, "", []byte(l.text), cs.unicode); ok {
			return text
		}
		return l.text
	}
	_, params, value := property(l.text)
	var label string
	qp, binary := false, false
	var keep []string
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(p, "=")
		k, v = strings.ToUpper(strings.TrimSpace(k)), strings.TrimSpace(v)
		switch {
		case k == "QUOTED-PRINTABLE" || k == "ENCODING" && strings.EqualFold(v, "QUOTED-PRINTABLE"):
			qp = true
			continue
		case k == "CHARSET":
			label = strings.Trim(v, `"`)
			continue
		case k == "BASE64" || k == "ENCODING" && (strings.EqualFold(v, "B") || strings.EqualFold(v, "BASE64")):
			binary = true
		}
		keep = append(keep, p)
	}
	raw := []byte(value)
	if qp {
		if b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(value))); err == nil {
			raw = b
		}
	}
	head := l.text[:len(l.text)-len(value)-1]
	if params != "" {
		head = strings.TrimSuffix(head[:len(head)-len(params)]+strings.Join(keep, ";"), ";")
	}
	text, ok := cs.text(l, label, raw, binary || cs.unicode && !qp)
	if ok && !plain(head) {
		head, ok = cs.text(l, label, []byte(head), cs.unicode)
	}
	if !ok {
		return l.text
	}
	if qp {
		// A quoted-printable value is literal text: escape what a vCard
		// value escapes.
		text = strings.NewReplacer("\\", "\\\\", "\r\n", "\\n", "\n", "\\n").Replace(text)
	}
	return head + ":" + text
}

// plain reports whether s is ASCII that every character set netjournal
// reads (UTF-16 aside) writes as it is: ISO-2022-JP's escapes are not.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == 0x1b {
			return false
		}
	}
	return true
}

// text decodes raw, part of the line l, from the character set label
// names, or the file's; as it is when it is text already.
func (cs *charsets) text(l line, label string, raw []byte, decoded bool) (string, bool) {
	switch {
	case decoded && !utf8.Valid(raw):
		// A value said binary (ENCODING=B) is base64, ASCII: bytes that
		// are not UTF-8 are neither (they reached a name as they were).
		cs.fail(l, "not base64, as its ENCODING says: bytes that are no text")
		return "", false
	case decoded:
		return string(raw), true
	case label != "" && !contactfile.IsUTF8(label) && !isASCII(raw) && utf8.Valid(raw) && cs.def == nil && !cs.proven[strings.ToUpper(label)]:
		// Text that is UTF-8, letters of two bytes or more, is no text of
		// the character set named (an exporter that wrote
		// CHARSET=SHIFT_JIS over its UTF-8: read as Shift_JIS, it was
		// garbled, オープン as 繧ｪ繝ｼ繝励Φ, without a word).
		if cs.relabelled == nil {
			cs.relabelled = map[string][]line{}
		}
		cs.relabelled[label] = append(cs.relabelled[label], l)
		return string(raw), true
	case label != "" && !contactfile.IsUTF8(label):
		enc, err := contactfile.Encoding(label)
		switch {
		case err == nil:
			if cs.named == "" {
				cs.named = label // a hint for --charset: one it takes
			}
		case isASCII(raw):
			return string(raw), true
		case cs.def != nil:
			// Read as the user says, as a line that names none.
			return cs.convert(l, cs.def, raw, "not valid "+cs.defName+", as --charset says")
		default:
			cs.fail(l, fmt.Sprintf("unknown CHARSET %q: netjournal cannot read this character set (--charset NAME reads it as another)", label))
			return "", false
		}
		return cs.convert(l, enc, raw, "not valid "+label+", as its CHARSET says")
	case label != "":
		if !utf8.Valid(raw) {
			cs.fail(l, "not valid UTF-8, as its CHARSET says")
			return "", false
		}
		return string(raw), true
	case cs.def != nil:
		return cs.convert(l, cs.def, raw, "not valid "+cs.defName+", as --charset says")
	case !utf8.Valid(raw):
		cs.notUTF8 = append(cs.notUTF8, l)
		return "", false
	case !isASCII(raw):
		cs.utf8++
	}
	return string(raw), true
}

// convert decodes raw from enc; bytes that are not enc are the error msg.
func (cs *charsets) convert(l line, enc encoding.Encoding, raw []byte, msg string) (string, bool) {
	out, err := contactfile.Decode(enc, raw)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) || !utf8.Valid(out) {
		cs.fail(l, msg)
		return "", false
	}
	return string(out), true
}

func (cs *charsets) fail(l line, msg string) {
	if b := cs.bad[msg]; b != nil {
		b.more++
		return
	}
	cs.bad[msg] = &badLine{first: l}
}

// warnings says which lines were read as UTF-8 though they named another
// character set, one warning for each set named.
func (cs *charsets) warnings() content.ErrorList {
	var w content.ErrorList
	for label, ls := range cs.relabelled {
		msg := fmt.Sprintf("CHARSET=%s, but the text is UTF-8: read as UTF-8", label)
		if len(ls) > 1 {
			msg += fmt.Sprintf(" (and %d more lines)", len(ls)-1)
		}
		w.Add(content.Position{Path: cs.path, Line: ls[0].n}, "%s", msg)
	}
	w.Sort()
	return w
}

// err returns every line the file could not decode, one error for each
// kind of problem, at its first line.
func (cs *charsets) err() content.ErrorList {
	var errs content.ErrorList
	switch n := len(cs.notUTF8); {
	case n > 0 && contactfile.Slip(cs.utf8, n) && cs.named == "":
		// A file of UTF-8 but for a slip.
		errs = append(errs, contactfile.NotUTF8Slip(cs.path, cs.notUTF8[0].n, []byte(cs.notUTF8[0].text), n-1))
	case n > 0:
		errs = append(errs, contactfile.NotUTF8(cs.path, cs.notUTF8[0].n, []byte(cs.notUTF8[0].text), n-1, cs.named))
	}
	for msg, b := range cs.bad {
		msg += ": " + contactfile.Quote([]byte(b.first.text), 60)
		if b.more > 0 {
			msg += fmt.Sprintf(" (and %d more lines)", b.more)
		}
		errs.Add(content.Position{Path: cs.path, Line: b.first.n}, "%s", msg)
	}
	errs.Sort()
	return errs
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
