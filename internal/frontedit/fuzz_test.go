package frontedit

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzSet: whatever the front matter, setting a key of the root or of a
// list item either fails or changes that one value and nothing else the
// YAML says, and never the body.
func FuzzSet(f *testing.F) {
	f.Add("---\nname: Ana\n---\nBody\n")
	f.Add("---\nfollowups:\n  - who: ana\n    what: |\n      a\n\n      b\n    # c\n  - {what: x}\n---\n")
	f.Add("\uFEFF---\r\nsnooze_until: 'x' # y\r\n---\r\n")
	f.Add("---\nl:\n- a: 1\n  b: >\n    folded\n- c: {d: e}\n---\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse([]byte(src))
		if err != nil {
			return
		}
		before, ok := decode(file)
		if !ok {
			return
		}
		// Every map a Set may target: the root, and the maps listed
		// under its keys, by key and index.
		type target struct {
			key  string // as written
			name string // as decoded: 00 is 0
			i    int
		}
		targets := []target{{"", "", -1}}
		for i := 0; i+1 < len(file.Root().Content); i += 2 {
			k, v := file.Root().Content[i], file.Root().Content[i+1]
			var name any
			if k.Decode(&name) != nil || v.Kind != yaml.SequenceNode {
				continue
			}
			for j, it := range v.Content {
				if it.Kind == yaml.MappingNode {
					targets = append(targets, target{k.Value, fmt.Sprint(name), j})
				}
			}
		}
		for _, tg := range targets {
			g, _ := Parse([]byte(src))
			m := g.Root()
			if tg.i >= 0 {
				_, v := Get(m, tg.key)
				m = v.Content[tg.i]
			}
			if err := g.Set(m, "zz", "zzvalue"); err != nil {
				continue
			}
			if g.tail != file.tail || g.head != file.head {
				t.Fatalf("the body or the opening changed")
			}
			after, ok := decode(g)
			if !ok {
				t.Fatalf("the result does not parse:\n%s", g.Bytes())
			}
			// Take the new value out: what is left is what was there.
			inner := after
			if tg.i >= 0 {
				list, _ := after[tg.name].([]any)
				if tg.i >= len(list) {
					t.Fatalf("the list %s lost items:\n%s", tg.key, g.Bytes())
				}
				inner, _ = list[tg.i].(map[string]any)
			}
			if inner == nil || inner["zz"] != "zzvalue" {
				t.Fatalf("zz is not set in %v:\n%s", tg, g.Bytes())
			}
			delete(inner, "zz")
			want, _ := decode(file)
			if tg.i >= 0 {
				wl, _ := want[tg.name].([]any)
				if wm, ok := wl[tg.i].(map[string]any); ok {
					delete(wm, "zz")
				}
			} else {
				delete(want, "zz")
			}
			if !reflect.DeepEqual(after, want) {
				t.Fatalf("setting zz of %v changed other values:\n%s\nbefore: %#v\nafter:  %#v", tg, g.Bytes(), before, after)
			}
		}
	})
}

// decode is the front matter as plain values.
func decode(f *File) (map[string]any, bool) {
	v, ok := f.decode()
	m, _ := v.(map[string]any)
	return m, ok && m != nil
}

// FuzzDelete: whatever the front matter, deleting a key of the root either
// fails or takes out that key alone: the rest decodes as it did, the body
// is the same, and the comments on the key's line stay.
func FuzzDelete(f *testing.F) {
	f.Add("---\nname: Ana\nsnooze_until: 2026-12-15  # her leave\ncircle: core\n---\nBody\n")
	f.Add("---\r\nsnooze_until: 2026-12-15 #a\r\n  # b\r\nx: 1\r\n---\r\n")
	f.Add("---\nnotes: |\n  # text\nk: [a, b] # c\n---\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse([]byte(src))
		if err != nil {
			return
		}
		if _, ok := decode(file); !ok {
			return
		}
		for i := 0; i+1 < len(file.Root().Content); i += 2 {
			k, v := file.Root().Content[i], file.Root().Content[i+1]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			g, _ := Parse([]byte(src))
			if err := g.Delete(k.Value); err != nil {
				continue
			}
			if g.tail != file.tail || g.head != file.head {
				t.Fatalf("the body or the opening changed")
			}
			after, ok := decode(g)
			if !ok {
				t.Fatalf("the result does not parse:\n%s", g.Bytes())
			}
			want, _ := decode(file)
			var name any
			if k.Decode(&name) == nil {
				delete(want, fmt.Sprint(name))
			}
			if !reflect.DeepEqual(after, want) {
				t.Fatalf("deleting %q changed more:\n%s", k.Value, g.Bytes())
			}
			for _, c := range []string{k.LineComment, v.LineComment} {
				if c != "" && !strings.Contains(string(g.Bytes()), strings.TrimSpace(c)) {
					t.Fatalf("deleting %q lost the comment %q:\n%s", k.Value, c, g.Bytes())
				}
			}
		}
	})
}
