package webaddress

import "testing"

// A web address without its scheme is told from a path and from a file's
// name, which a page links to as often.
func TestSchemeless(t *testing.T) {
	for dest, want := range map[string]bool{
		"c9.io":                 true,
		"github.com/a/b":        true,
		"www.example.pt/x":      true,
		"Example.COM":           true,
		"ana.example.com?x=1#y": true,
		"cv.pdf":                false,
		"setup.py":              false,
		"notes.md":              false,
		"a.png":                 false,
		"/posts/x/":             false,
		"localhost":             false,
		"-bad-.com":             false,
		"two..dots.com":         false,
		"https://example.com/":  false,
		"exa mple.com":          false,
		"www.local":             true, // www. and a name
		"ünïcode.com":           false,
		"":                      false,
	} {
		if got := Schemeless(dest); got != want {
			t.Errorf("Schemeless(%q) = %v, want %v", dest, got, want)
		}
	}
}
