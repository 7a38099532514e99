package contactfile

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// New returns a new contact file for p, in the order of docs/format.md,
// with p's notes as the body.
func New(p Person) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "name: %s\n", blockScalar(p.Name))
	if p.Company != "" {
		fmt.Fprintf(&b, "company: %s\n", blockScalar(p.Company))
	}
	if p.Role != "" {
		fmt.Fprintf(&b, "role: %s\n", blockScalar(p.Role))
	}
	list(&b, "email", p.Emails)
	list(&b, "phone", p.Phones)
	if links := namedLinks(p.Links); len(links) > 0 {
		b.WriteString("links:\n")
		for _, l := range links {
			fmt.Fprintf(&b, "  %s: %s\n", blockScalar(l.Name), blockScalar(l.URL))
		}
	}
	if len(p.Tags) > 0 {
		fmt.Fprintf(&b, "tags: %s\n", flowList(p.Tags))
	}
	if p.Circle != "" {
		fmt.Fprintf(&b, "circle: %s\n", blockScalar(p.Circle))
	}
	if !p.Met.IsZero() {
		fmt.Fprintf(&b, "met:\n  date: %s\n", p.Met.Format(time.DateOnly))
	}
	if p.Birthday.IsSet() {
		fmt.Fprintf(&b, "birthday: %s\n", p.Birthday) // YYYY-MM-DD or --MM-DD: plain, like a date
	}
	b.WriteString("---\n")
	if notes := strings.TrimSpace(p.Notes); notes != "" {
		b.WriteString(notes + "\n")
	}
	return []byte(b.String())
}

func list(b *strings.Builder, key string, items []string) {
	switch len(items) {
	case 0:
	case 1:
		fmt.Fprintf(b, "%s: %s\n", key, blockScalar(items[0]))
	default:
		fmt.Fprintf(b, "%s:\n", key)
		for _, it := range items {
			fmt.Fprintf(b, "  - %s\n", blockScalar(it))
		}
	}
}

// namedLinks gives every link a name that is unique among them: its own,
// else one after its host, with -2, -3, … for a second link of a kind.
func namedLinks(links []Link) []Link {
	var out []Link
	taken := map[string]bool{}
	for _, l := range links {
		name := l.Name
		if name == "" {
			name = linkName(l.URL)
		}
		name = free(name, func(n string) bool { return taken[n] })
		taken[name] = true
		out = append(out, Link{Name: name, URL: l.URL})
	}
	return out
}

// free returns name, or name-2, name-3, … whichever is not taken.
func free(name string, taken func(string) bool) string {
	out := name
	for i := 2; taken(out); i++ {
		out = fmt.Sprintf("%s-%d", name, i)
	}
	return out
}

// blockScalar writes s as a one-line YAML scalar in block context: plain
// when YAML reads it back as the same text, else double-quoted.
func blockScalar(s string) string {
	b, err := yaml.Marshal(s)
	if err == nil && string(b) == s+"\n" && !strings.Contains(s, " #") {
		return s
	}
	return quote(s)
}

// flowScalar writes s as a scalar inside [ ] or { }, where , [ ] { } and
// : have a meaning of their own.
func flowScalar(s string) string {
	if strings.ContainsAny(s, ",[]{}#:") {
		return quote(s)
	}
	return blockScalar(s)
}

func flowList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = flowScalar(s)
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
