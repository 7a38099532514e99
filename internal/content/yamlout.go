package content

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Writing front matter: the values netjournal new and the importers put
// into files, each written so that the loader reads back the same text.

// YAMLText writes s as a one-line YAML scalar in block context: plain
// when YAML reads it back as the same text, else double-quoted.
func YAMLText(s string) string {
	b, err := yaml.Marshal(s)
	if err == nil && string(b) == s+"\n" && !strings.Contains(s, " #") && readsBack("v: "+s+"\n", s) {
		return s
	}
	return quote(s)
}

// YAMLFlowText writes s as a scalar inside [ ] or { }, where , [ ] { } and
// : have a meaning of their own.
func YAMLFlowText(s string) string {
	if strings.ContainsAny(s, ",[]{}#:") || YAMLText(s) != s || !readsBack("v: ["+s+"]\n", s) {
		return quote(s)
	}
	return s
}

// readsBack reports whether doc, a mapping of v to s written plain (alone
// or as a list of one), reads back as s: the proof that writing s plain
// is safe, where YAML's rules for plain scalars have corners.
func readsBack(doc, s string) bool {
	var v struct{ V any }
	if err := yaml.Unmarshal([]byte(doc), &v); err != nil {
		return false
	}
	if l, ok := v.V.([]any); ok && len(l) == 1 {
		v.V = l[0]
	}
	got, ok := v.V.(string)
	return ok && got == s
}

// YAMLList writes items as a one-line YAML flow list: [a, "b, c"].
func YAMLList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = YAMLFlowText(s)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// YAMLQuoted writes s as a double-quoted YAML scalar, whatever it is.
func YAMLQuoted(s string) string { return quote(s) }

// quote double-quotes s. Go's escapes (\n, \t, \", \\, \xXX, \uXXXX) are
// YAML's too.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case !YAMLHolds(r) && r < 0x100 && r != 0x85:
			fmt.Fprintf(&b, `\x%02x`, r) // control characters, which YAML does not allow raw
		case !YAMLHolds(r):
			fmt.Fprintf(&b, `\u%04x`, r) // line breaks and a byte order mark to YAML, or not characters
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// YAMLHolds reports whether a line of YAML may hold r as written: not a
// control character (but a tab), nor what YAML 1.1 reads as a line break
// (U+0085, U+2028, U+2029), nor a byte order mark or a non-character
// (U+FFFE, U+FFFF). quote escapes the others, and so must any writer of
// YAML, a comment's text too.
func YAMLHolds(r rune) bool {
	switch {
	case r == '\t':
		return true
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return false
	case r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
		return false
	}
	return true
}
