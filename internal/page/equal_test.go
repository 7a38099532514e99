package page

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	template "github.com/netjournal/netjournal/internal/gotemplate/html"
)

type eqHeading struct {
	ID       string
	Children []eqHeading
}

type eqHidden struct {
	Shown  string
	hidden int
}

type eqData struct {
	Title    string
	HTML     template.HTML
	Words    int
	Small    int8
	Ratio    float64
	Draft    bool
	Date     time.Time
	Tags     []string
	Next     *eqData
	TOC      []eqHeading
	Pair     [2]string
	Meta     map[string]int
	Extra    any
	Hidden   *eqHidden
	Pointers []*eqHeading
}

// TestEqualIsTheReflectWalk: the compiled comparison says what the
// reflect walk says, on values that are the same, differ in one field
// deep down, share memory or not, and on plain values, pointers and
// types that are not plain data.
func TestEqualIsTheReflectWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := randomData(rng)
	same, differ := 0, 0
	for i := range 20000 {
		a, b := data(0), data(0)
		if i%3 == 0 {
			b = a // the same memory
		} else if i%3 == 1 {
			// A copy that shares some of a's memory.
			c := *a
			if rng.IntN(2) == 0 {
				c.Tags = append([]string(nil), a.Tags...)
			}
			b = &c
		}
		// Values larger than a word (held by an interface through a
		// pointer) and one a word large (held in the interface itself).
		type word struct{ Next *eqData }
		for _, pair := range [][2]any{{a, b}, {*a, *b}, {a.TOC, b.TOC}, {a.Pair, b.Pair}, {a.Date, b.Date}, {word{a.Next}, word{b.Next}}} {
			want := equal(reflect.ValueOf(pair[0]), reflect.ValueOf(pair[1]), 0)
			if got := Equal(pair[0], pair[1]); got != want {
				t.Fatalf("case %d: Equal = %v, the reflect walk says %v:\n%#v\n%#v", i, got, want, pair[0], pair[1])
			}
			if want {
				same++
			} else {
				differ++
			}
		}
	}
	if same < 1000 || differ < 1000 {
		t.Fatalf("%d same and %d different pairs: the test proves little", same, differ)
	}
	if Equal(nil, nil) != true || Equal(nil, 1) || Equal(1, nil) || Equal(1, int64(1)) || !Equal("a", "a") {
		t.Error("Equal is wrong on nil, plain values or different types")
	}
}

// randomData returns a maker of random page data from rng: small values,
// so that two of them are often the same.
func randomData(rng *rand.Rand) func(depth int) *eqData {
	zones := []*time.Location{time.UTC, time.FixedZone("A", 3600), time.FixedZone("B", 3600)}
	word := func() string { return []string{"", "a", "b", "ab"}[rng.IntN(4)] }
	var heading func(depth int) eqHeading
	heading = func(depth int) eqHeading {
		h := eqHeading{ID: word()}
		for range rng.IntN(3 - min(depth, 2)) {
			h.Children = append(h.Children, heading(depth+1))
		}
		return h
	}
	var data func(depth int) *eqData
	data = func(depth int) *eqData {
		d := &eqData{
			Title: word(), HTML: template.HTML(word()), Words: rng.IntN(3), Small: int8(rng.IntN(2)),
			Ratio: float64(rng.IntN(2)) / 2, Draft: rng.IntN(2) == 0,
			Date: time.Date(2026, 1, 1+rng.IntN(2), 0, 0, 0, 0, zones[rng.IntN(3)]),
			Pair: [2]string{word(), word()},
		}
		for range rng.IntN(3) {
			d.Tags = append(d.Tags, word())
		}
		if depth < 2 && rng.IntN(2) == 0 {
			d.Next = data(depth + 1)
		}
		for range rng.IntN(3) {
			d.TOC = append(d.TOC, heading(0))
		}
		if rng.IntN(2) == 0 {
			d.Meta = map[string]int{word(): rng.IntN(2)}
		}
		switch rng.IntN(4) {
		case 1:
			d.Extra = rng.IntN(2)
		case 2:
			d.Extra = int64(rng.IntN(2))
		case 3:
			d.Extra = eqHeading{ID: word()}
		}
		if rng.IntN(3) == 0 {
			d.Hidden = &eqHidden{Shown: word()}
		}
		for range rng.IntN(2) {
			h := heading(1)
			d.Pointers = append(d.Pointers, &h)
		}
		return d
	}
	return data
}
