package markdown

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/netjournal/netjournal/internal/diskcache"
)

// TestFactsSumSeesEveryField: changing any field of a body's facts (any
// field of any wikilink, what sanitizing removed, a control character)
// changes their sum, by which a build in a new process tells a body that
// gives the journal the same from one that does not. A field added to
// Wikilink fails this test until Sum writes it.
func TestFactsSumSeesEveryField(t *testing.T) {
	base := Facts{
		Wikilinks: []Wikilink{{Target: "ana", Fragment: "work", Label: "Ana", Labeled: true, Line: 3, Before: "met ", After: " today"}},
		Removed:   []LineError{{Line: 2, Err: errors.New("script removed")}},
	}
	sum := base.Sum()
	lt := reflect.TypeFor[Wikilink]()
	for i := range lt.NumField() {
		f := base
		f.Wikilinks = []Wikilink{base.Wikilinks[0]}
		v := reflect.ValueOf(&f.Wikilinks[0]).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString(v.String() + "x")
		case reflect.Bool:
			v.SetBool(!v.Bool())
		case reflect.Int:
			v.SetInt(v.Int() + 1)
		default:
			t.Fatalf("Wikilink.%s is a %s: make Sum write it, and this test change it", lt.Field(i).Name, v.Kind())
		}
		if f.Sum() == sum {
			t.Errorf("Wikilink.%s changed, the sum did not", lt.Field(i).Name)
		}
	}
	for name, f := range map[string]Facts{
		"control":          {Wikilinks: base.Wikilinks, Removed: base.Removed, Control: true},
		"no removal":       {Wikilinks: base.Wikilinks},
		"removal's line":   {Wikilinks: base.Wikilinks, Removed: []LineError{{Line: 4, Err: base.Removed[0].Err}}},
		"removal's reason": {Wikilinks: base.Wikilinks, Removed: []LineError{{Line: 2, Err: errors.New("iframe removed")}}},
		"no wikilink":      {Removed: base.Removed},
		"two wikilinks":    {Wikilinks: append(append([]Wikilink{}, base.Wikilinks...), base.Wikilinks...), Removed: base.Removed},
		"gone":             {Wikilinks: base.Wikilinks, Removed: base.Removed, Gone: ErrGone},
		"a web address":    {Wikilinks: base.Wikilinks, Removed: base.Removed, WebNames: []uint64{WebName("x")}},
	} {
		if f.Sum() == sum {
			t.Errorf("%s: the sum did not change", name)
		}
	}
	if again := (Facts{Wikilinks: append([]Wikilink{}, base.Wikilinks...), Removed: base.Removed}); again.Sum() != sum {
		t.Error("the same facts, another sum")
	}
	if lt := reflect.TypeFor[LineError](); lt.NumField() != 2 {
		t.Errorf("LineError has %d fields: make Sum write each", lt.NumField())
	}
	if ft := reflect.TypeFor[Facts](); ft.NumField() != 5 {
		t.Errorf("Facts has %d fields: make Sum write each", ft.NumField())
	}
}

// BenchmarkFactsKnown times asking the facts of bodies a renderer holds,
// with a disk, as a rebuild does of every body (after an event is added,
// say): each keeps its prepared body's halves on the disk.
func BenchmarkFactsKnown(b *testing.B) {
	d, err := diskcache.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	r := New()
	r.UseDisk(d)
	srcs := make([]Source, 1000)
	for i := range srcs {
		srcs[i] = Text(fmt.Sprintf("Body %d links [[contact-%d]] and [a post](/posts/p-%d/).\n", i, i%50, i))
		r.Facts(srcs[i])
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			r.Facts(src)
		}
	}
}
