package contactfile

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/netjournal/netjournal/internal/content"
)

// Character sets. An export is UTF-8 unless it says otherwise: a byte
// order mark (UTF-8 or UTF-16), a vCard's CHARSET label on a value, or
// the user's --charset. Text that is not what it says is an error at its
// line, never a replacement character in a contact file.

// Encoding returns the character set called name: an IANA name or alias
// (Shift_JIS, windows-1251, ISO-8859-2, KOI8-R, Big5, GB18030, EUC-KR,
// ISO-2022-JP, UTF-16LE) or a label browsers know (sjis, cp1252, latin2).
// Names are looked up as browsers do first, so ISO-8859-1 and US-ASCII
// read as windows-1252, their superset: exporters that say Latin-1 write
// Windows' curly quotes and euro sign.
func Encoding(name string) (encoding.Encoding, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, fmt.Errorf("no character set named")
	}
	variants := []string{name, strings.ReplaceAll(name, "_", "-"), strings.ReplaceAll(name, "-", "_"),
		strings.NewReplacer("-", "", "_", "").Replace(name)}
	for _, v := range variants {
		if e, err := htmlindex.Get(v); err == nil && e != nil && e != encoding.Replacement {
			return e, nil
		}
	}
	for _, v := range variants {
		if e, err := ianaindex.IANA.Encoding(v); err == nil && e != nil {
			return e, nil
		}
	}
	return nil, fmt.Errorf("unknown character set %q: use a name such as utf-8, windows-1252, iso-8859-2, windows-1251, koi8-r, shift_jis, euc-jp, gb18030, big5 or euc-kr", name)
}

// IsUTF8 reports whether the character set called name is UTF-8 (or
// ASCII, which UTF-8 contains).
func IsUTF8(name string) bool {
	switch strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(strings.TrimSpace(name))) {
	case "utf8", "usascii", "ascii":
		return true
	}
	return false
}

// Unicode decodes data as its byte order mark says: a UTF-8 mark is
// dropped, UTF-16 in either byte order is decoded to UTF-8. ok is false
// when there is no mark. UTF-16 that is not valid is an error at its line.
func Unicode(path string, data []byte) (text []byte, ok bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		text := data[3:]
		if !utf8.Valid(text) {
			for n, l := range bytes.Split(text, []byte("\n")) {
				if !utf8.Valid(l) {
					return nil, true, content.ErrorList{content.Errorf(content.Position{Path: path, Line: n + 1},
						"not valid UTF-8, as the file's byte order mark says it is: %s", Quote(l, 60))}
				}
			}
		}
		return text, true, nil
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		out, err := Decode(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data)
		if err != nil {
			return nil, true, content.ErrorList{content.Errorf(content.Position{Path: path, Line: 1}, "not valid UTF-16: %v", err)}
		}
		if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
			line := bytes.Count(out[:i], []byte("\n")) + 1
			return nil, true, content.ErrorList{content.Errorf(content.Position{Path: path, Line: line},
				"not valid UTF-16, as the file's byte order mark says it is: %s", Quote(lineAt(out, i), 60))}
		}
		return out, true, nil
	}
	return data, false, nil
}

// Decode decodes b from enc to UTF-8. Bytes that are not enc come back as
// U+FFFD, which the caller looks for.
func Decode(enc encoding.Encoding, b []byte) ([]byte, error) {
	return enc.NewDecoder().Bytes(b)
}

// Text decodes a whole export file to UTF-8: as its byte order mark says,
// else from charset when it is not "", else it must be UTF-8. Bytes that
// are not what the file is said to be are an error at their line, which
// names --charset when the file says nothing.
func Text(path string, data []byte, charset string) (string, error) {
	if text, ok, err := Unicode(path, data); ok || err != nil {
		return string(text), err
	}
	if charset != "" && !IsUTF8(charset) {
		enc, err := Encoding(charset)
		if err != nil {
			return "", err
		}
		out, err := Decode(enc, data)
		if err != nil {
			return "", content.ErrorList{content.Errorf(content.Position{Path: path, Line: 1}, "not valid %s, as --charset says: %v", charset, err)}
		}
		i := bytes.IndexRune(out, utf8.RuneError)
		if i < 0 {
			return string(out), nil
		}
		// Every character set netjournal reads writes a newline as one
		// byte, '\n', or as UTF-16's two: the line of out is that of data.
		line := bytes.Count(out[:i], []byte("\n")) + 1
		sample := nthLine(data, line)
		if strings.Contains(strings.ToLower(charset), "16") {
			sample = lineAt(out, i) // the bytes of a line of UTF-16 are not a line of data
		}
		return "", content.ErrorList{content.Errorf(content.Position{Path: path, Line: line},
			"not valid %s, as --charset says: %s", charset, Quote(sample, 60))}
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	var bad []int
	good := 0
	for n, l := range bytes.Split(data, []byte("\n")) {
		switch {
		case !utf8.Valid(l):
			bad = append(bad, n+1)
		case bytes.ContainsFunc(l, func(r rune) bool { return r >= utf8.RuneSelf }):
			good++
		}
	}
	if Slip(good, len(bad)) {
		return "", content.ErrorList{NotUTF8Slip(path, bad[0], nthLine(data, bad[0]), len(bad)-1)}
	}
	return "", content.ErrorList{NotUTF8(path, bad[0], nthLine(data, bad[0]), len(bad)-1, "")}
}

// NotUTF8 is the error for a line that is not UTF-8 in a file that does
// not say what it is: it shows the line, says how many more there are,
// and names --charset, with charset as the first suggestion when the
// file names one elsewhere.
func NotUTF8(path string, line int, text []byte, more int, charset string) *content.Error {
	msg := "not UTF-8, and the file does not say which character set it is in: " + Quote(text, 60)
	if more > 0 {
		msg += fmt.Sprintf(" (and %d more %s)", more, plural(more, "line"))
	}
	if charset != "" {
		msg += fmt.Sprintf(": read it with --charset NAME, such as --charset %s, which other lines of the file name", strings.ToLower(charset))
	} else {
		msg += ": read it with --charset NAME, such as --charset windows-1252 (Outlook and Windows) or --charset shift_jis (Japanese phones)"
	}
	return content.Errorf(content.Position{Path: path, Line: line}, "%s", msg)
}

// NotUTF8Slip is the error for a line that is not UTF-8 in a file of
// UTF-8 but for a slip (Slip): a byte the file should not hold, which
// --charset would not mend, reading the rest of it in another character
// set (José as JosÃ©).
func NotUTF8Slip(path string, line int, text []byte, more int) *content.Error {
	msg := "not UTF-8, though the rest of the file is: " + Quote(text, 60)
	if more > 0 {
		msg += fmt.Sprintf(" (and %d more %s)", more, plural(more, "line"))
	}
	return content.Errorf(content.Position{Path: path, Line: line}, "%s: correct it in a text editor (--charset would read all of the file in another character set)", msg)
}

// Slip reports whether a file with utf8 lines of UTF-8 that are not
// ASCII and bad lines that are not UTF-8 is UTF-8 but for a slip: as many
// of the first, one at least (José beside Acme\x80). Text in another
// character set is seldom UTF-8 a whole line long, though a pair of its
// bytes may be (windows-1251's ё).
func Slip(utf8, bad int) bool { return utf8 > 0 && utf8 >= bad }

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// Quote quotes bytes that may not be UTF-8 for a message, cut to at most
// limit bytes: "Jos\xe9 M\xfcller".
func Quote(b []byte, limit int) string {
	b = bytes.TrimRight(b, "\r")
	if len(b) <= limit {
		return strconv.Quote(string(b))
	}
	n := limit
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return strconv.Quote(string(b[:n])) + "…"
}

// nthLine returns the n-th line (from 1) of data, without its newline.
func nthLine(data []byte, n int) []byte {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return nil
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		return data[:j]
	}
	return data
}

// lineAt returns the line of data that holds offset i.
func lineAt(data []byte, i int) []byte {
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	end := bytes.IndexByte(data[i:], '\n')
	if end < 0 {
		return data[start:]
	}
	return data[start : i+end]
}
