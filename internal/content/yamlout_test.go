package content

import (
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// TestYAMLTextReadsBack: every written value reads back as the same text,
// alone, in a list, and as a list of one.
func TestYAMLTextReadsBack(t *testing.T) {
	for _, s := range []string{"Ana Lima", "C#", "a # not a comment", "yes", "2026-01-01", "x: y", "[a]", "- dash",
		"'quoted'", `"dq"`, "tab\there", "line\nbreak", "\u2028", "\ufeffbom", "", "  spaced  ", "a, b", "{x}", "@at", "`tick",
		"csi\u009b[0m", "c1\u0080\u009f", "nel\u0085", "\ufffe\uffff", "bell\x07", "del\x7f"} {
		var one string
		if err := yaml.Unmarshal([]byte("v: "+YAMLText(s)), &struct{ V *string }{&one}); err != nil || one != s {
			t.Errorf("YAMLText(%q) = %s reads back as %q (%v)", s, YAMLText(s), one, err)
		}
		var list []string
		if err := yaml.Unmarshal([]byte("v: "+YAMLList([]string{s, "z"})), &struct{ V *[]string }{&list}); err != nil || len(list) != 2 || list[0] != s {
			t.Errorf("YAMLList(%q) = %s reads back as %q (%v)", s, YAMLList([]string{s, "z"}), list, err)
		}
	}
}

// FuzzYAMLText: any text a user types or an import brings reads back as
// the same text, once written: a value never breaks the file it is
// written into.
func FuzzYAMLText(f *testing.F) {
	for _, s := range []string{"Ana Lima", "a # b", "line\nbreak", "\u009b", "\ufffe", "- x", "? y", "%TAG"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var one string
		if err := yaml.Unmarshal([]byte("v: "+YAMLText(s)+"\n"), &struct{ V *string }{&one}); err != nil || one != s {
			t.Errorf("YAMLText(%q) = %s reads back as %q (%v)", s, YAMLText(s), one, err)
		}
		var list []string
		if err := yaml.Unmarshal([]byte("v: "+YAMLList([]string{s, "z"})+"\n"), &struct{ V *[]string }{&list}); err != nil || len(list) != 2 || list[0] != s {
			t.Errorf("YAMLList(%q) = %s reads back as %q (%v)", s, YAMLList([]string{s, "z"}), list, err)
		}
	})
}
