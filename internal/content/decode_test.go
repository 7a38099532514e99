package content

import (
	"fmt"
	"reflect"
	"testing"
)

// FuzzDecodeOnce holds decode, which parses a block's YAML once and finds
// key lines only when asked, to decodeSlowly, which parses it first for
// the lines and then decodes it: the same values, the same problems and
// the same line for every key, for every kind of document.
func FuzzDecodeOnce(f *testing.F) {
	for _, seed := range []string{
		"name: Ana\naliases: [a, b]\nmet: {date: 2026-01-01, at: x, introduced_by: y}\nbirthday: --02-29\n",
		"title: T\ndate: 2026-01-01\nwith: [a, b]\nfollowups:\n  - who: a\n    due: 2026-02-01\n    what: x\n    done: 2026-01-03\n",
		"title: [\n",
		"\tname: x\n",
		"- a\n",
		"",
		"~\n",
		"hello\n",
		"links: {a: b}\nemail: [1, {x: y}]\n",
		"compnay: X\nname: Y\n",
		"title: T\ndate: 2026-13-01\ntags: go\nmenu: {weigth: 2}\n",
		"name: &a x\nrole: *a\n",
		"name: x\nname: y\n",
	} {
		f.Add(seed)
	}
	kinds := []func() (any, *Doc){
		func() (any, *Doc) { c := &Contact{}; return c, &c.Doc },
		func() (any, *Doc) { e := &Event{}; return e, &e.Doc },
		func() (any, *Doc) { p := &Post{}; return p, &p.Doc },
		func() (any, *Doc) { p := &Page{SitePath: "x/"}; return p, &p.Doc },
		func() (any, *Doc) { return &Config{}, nil },
	}
	f.Fuzz(func(t *testing.T, block string) {
		for _, kind := range kinds {
			fast, fastDoc := kind()
			slow, slowDoc := kind()
			fastLines, fastErrs := decode("content/x.md", 3, []byte(block), fast)
			slowLines, slowErrs := decodeSlowly("content/x.md", 3, []byte(block), slow)
			if got, want := fmt.Sprint(fastErrs), fmt.Sprint(slowErrs); got != want {
				t.Fatalf("%T: problems %s, want %s", fast, got, want)
			}
			if (fastLines == nil) != (slowLines == nil) {
				t.Fatalf("%T: lines %v, want %v", fast, fastLines != nil, slowLines != nil)
			}
			if fastLines != nil && !reflect.DeepEqual(fastLines.get(), slowLines.get()) {
				t.Fatalf("%T: lines %v, want %v", fast, fastLines.get(), slowLines.get())
			}
			if fastDoc != nil {
				fastDoc.lines, slowDoc.lines = nil, nil
			}
			if !reflect.DeepEqual(fast, slow) {
				t.Fatalf("decoded %+v, want %+v", fast, slow)
			}
		}
	})
}
