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
	if err == nil && string(b) == s+"\n" && !strings.Contains(s, " #") {
		return s
	}
	return quote(s)
}

// YAMLFlowText writes s as a scalar inside [ ] or { }, where , [ ] { } and
// : have a meaning of their own.
func YAMLFlowText(s string) string {
	if strings.ContainsAny(s, ",[]{}#:") {
		return quote(s)
	}
	return YAMLText(s)
}

// YAMLList writes items as a one-line YAML flow list: [a, "b, c"].
func YAMLList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = YAMLFlowText(s)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

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
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			fmt.Fprintf(&b, `\u%04x`, r) // line breaks and a byte order mark to YAML
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
