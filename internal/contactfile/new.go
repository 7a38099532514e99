package contactfile

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

// New returns a new contact file for p, in the order of docs/format.md,
// with p's notes as the body.
func New(p Person) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "name: %s\n", content.YAMLText(p.Name))
	if len(p.Aliases) > 0 {
		fmt.Fprintf(&b, "aliases: %s\n", content.YAMLList(p.Aliases))
	}
	if p.Company != "" {
		fmt.Fprintf(&b, "company: %s\n", content.YAMLText(p.Company))
	}
	if p.Role != "" {
		fmt.Fprintf(&b, "role: %s\n", content.YAMLText(p.Role))
	}
	if p.Location != "" {
		fmt.Fprintf(&b, "location: %s\n", content.YAMLText(p.Location))
	}
	list(&b, "email", p.Emails)
	list(&b, "phone", p.Phones)
	if links := namedLinks(p.Links); len(links) > 0 {
		b.WriteString("links:\n")
		for _, l := range links {
			fmt.Fprintf(&b, "  %s: %s\n", content.YAMLText(l.Name), content.YAMLText(l.URL))
		}
	}
	if len(p.Tags) > 0 {
		fmt.Fprintf(&b, "tags: %s\n", content.YAMLList(p.Tags))
	}
	if p.Circle != "" {
		fmt.Fprintf(&b, "circle: %s\n", content.YAMLText(p.Circle))
	}
	if !p.Met.IsZero() {
		fmt.Fprintf(&b, "met:\n  date: %s\n", p.Met.Format(time.DateOnly))
	}
	if p.Birthday.IsSet() {
		fmt.Fprintf(&b, "birthday: %s\n", p.Birthday) // YYYY-MM-DD or --MM-DD: plain, like a date
	}
	if p.Photo != nil && p.Photo.Name != "" {
		fmt.Fprintf(&b, "photo: %s\n", content.YAMLText(p.Photo.Name))
	}
	if p.UID != "" {
		fmt.Fprintf(&b, "uid: %s\n", content.YAMLText(p.UID))
	}
	b.WriteString("---\n")
	if notes := strings.TrimSpace(p.Notes); notes != "" {
		b.WriteString(notes + "\n")
	}
	return []byte(b.String())
}

// list writes emails or phones: one without a type on the key's line,
// else one item a line, each with its type when it has one.
func list(b *strings.Builder, key string, items []content.Typed) {
	switch {
	case len(items) == 0:
	case len(items) == 1 && items[0].Type == "":
		fmt.Fprintf(b, "%s: %s\n", key, content.YAMLText(items[0].Value))
	default:
		fmt.Fprintf(b, "%s:\n", key)
		for _, it := range items {
			fmt.Fprintf(b, "  - %s\n", typedText(it, content.YAMLText))
		}
	}
}

// typedText writes a typed value as a list item: "work: ana@x", or the
// value alone; quote writes each text.
func typedText(t content.Typed, quote func(string) string) string {
	if t.Type == "" {
		return quote(t.Value)
	}
	return content.YAMLFlowText(t.Type) + ": " + quote(t.Value)
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
		name = free(name, 0, func(n string) bool { return taken[n] })
		taken[name] = true
		out = append(out, Link{Name: name, URL: l.URL})
	}
	return out
}

// free returns name, or name-2, name-3, … whichever is not taken. With
// limit > 0 it is at
// most limit bytes long: name is cut to leave room for the number, so
// that a long slug that collides stays as short as one that does not.
func free(name string, limit int, taken func(string) bool) string {
	out := content.CutSlug(name, limit)
	for i := 2; taken(out); i++ {
		out = numberedSlug(name, limit, number(i))
	}
	return out
}

// numberedSlug is name and its number's suffix ("-2"), at most limit
// bytes long when limit > 0.
func numberedSlug(name string, limit int, suffix string) string {
	if limit <= 0 {
		limit = math.MaxInt
	}
	return content.CutSlug(name, limit-len(suffix)) + suffix
}
