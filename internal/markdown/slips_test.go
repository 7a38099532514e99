package markdown

import (
	"fmt"
	"slices"
	"testing"
)

// TestSlipsEveryOneOnce: wikilink syntax where it is never rendered is
// reported at each line that has it, at once: an image's destination
// that a link reference definition also holds was taken for a link made
// of the definition and passed over, said only once the definition was
// fixed (a QA pass). A link made of a definition (full, collapsed or
// shortcut) is said once, at the definition.
func TestSlipsEveryOneOnce(t *testing.T) {
	src := "Intro.\n\n![x]([[tomas-ferreira]])\n\n[a]: [[tomas-ferreira]]\n\nSee [a] and [b][a] and [a][] and ![pic][a].\n\n[c](<[[x]]> \"[[t]]\")\n"
	res := New().Render(Text(src), Options{})
	var got []string
	for _, s := range res.Slips {
		got = append(got, fmt.Sprintf("%d %s", s.Line, s.Where))
	}
	slices.Sort(got)
	want := []string{"2 an image's destination", "4 a link reference definition", "8 a link's destination", "8 a link's title"}
	if !slices.Equal(got, want) {
		t.Errorf("slips %q, want %q", got, want)
	}
}

// TestSlipsOfAnImageWithoutText: an image of no alt text, ![]([[x]]),
// beside a definition of the same destination, was still passed over (a
// review's finding): it is said at its line.
func TestSlipsOfAnImageWithoutText(t *testing.T) {
	src := "![]([[x]])\n\n[a]: [[x]]\n"
	res := New().Render(Text(src), Options{})
	var got []string
	for _, s := range res.Slips {
		got = append(got, fmt.Sprintf("%d %s", s.Line, s.Where))
	}
	slices.Sort(got)
	if want := []string{"0 an image's destination", "2 a link reference definition"}; !slices.Equal(got, want) {
		t.Errorf("slips %q, want %q", got, want)
	}
}
