package graph

import (
	"reflect"
	"testing"

	"github.com/netjournal/netjournal/internal/diskcache"
)

// TestMemoIsPlace: a placement remembered in memory or on disk is the one
// Place computes, and a change to any number of the input (a node's size,
// an edge's ends or weight, an option) gives the placement of the changed
// input, never the remembered one.
func TestMemoIsPlace(t *testing.T) {
	base := dense(40, 50)
	o := Options{MaxWidth: 500, Length: 26, Gap: 6}
	variants := map[string]func(g *Graph, o *Options){
		"as it is":       func(g *Graph, o *Options) {},
		"a wider node":   func(g *Graph, o *Options) { g.Nodes[3].W += 0.5 },
		"a taller node":  func(g *Graph, o *Options) { g.Nodes[0].H += 1 },
		"one more node":  func(g *Graph, o *Options) { g.Nodes = append(g.Nodes, Box{W: 30, H: 30}) },
		"an edge moved":  func(g *Graph, o *Options) { g.Edges[0].B = (g.Edges[0].B + 1) % len(g.Nodes) },
		"a heavier edge": func(g *Graph, o *Options) { g.Edges[1].Weight = 4 },
		"one edge fewer": func(g *Graph, o *Options) { g.Edges = g.Edges[1:] },
		"narrower":       func(g *Graph, o *Options) { o.MaxWidth = 300 },
		"longer":         func(g *Graph, o *Options) { o.Length = 30 },
		"wider gaps":     func(g *Graph, o *Options) { o.Gap = 8 },
		"tall":           func(g *Graph, o *Options) { o.Tall = true },
	}
	dir := t.TempDir()
	disk, err := diskcache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := &Memo{Disk: disk}
	distinct := map[string]bool{}
	for round := range 2 {
		for name, change := range variants {
			g := Graph{Nodes: append([]Box(nil), base.Nodes...), Edges: append([]Edge(nil), base.Edges...)}
			oo := o
			change(&g, &oo)
			want := Place(g, oo)
			got := m.Place(g, oo)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round %d, %s: the memo's placement is not Place's", round, name)
			}
			got.Points[0].X = -1 // a caller's change reaches nothing remembered
			if again := m.Place(g, oo); !reflect.DeepEqual(again, want) {
				t.Errorf("round %d, %s: a caller changed a remembered placement", round, name)
			}
			distinct[string(encodePlacement(want))] = true
		}
	}
	if len(distinct) < len(variants)-1 {
		t.Fatalf("only %d distinct placements of %d inputs: the test proves little", len(distinct), len(variants))
	}
	if err := disk.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := disk.Close(); err != nil {
		t.Fatal(err)
	}

	// A new run finds them on disk.
	disk, err = diskcache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	fresh := &Memo{Disk: disk}
	for name, change := range variants {
		g := Graph{Nodes: append([]Box(nil), base.Nodes...), Edges: append([]Edge(nil), base.Edges...)}
		oo := o
		change(&g, &oo)
		key := memoKey(g, oo)
		if _, ok := disk.Get(diskKeyOf(key)); !ok {
			t.Errorf("%s: not kept on disk", name)
		}
		if got, want := fresh.Place(g, oo), Place(g, oo); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the placement read from disk is not Place's", name)
		}
	}
}

func FuzzDecodePlacement(f *testing.F) {
	f.Add(encodePlacement(Place(dense(10, 4), Options{Length: 20})), 10)
	f.Add([]byte{1, 2, 3}, 0)
	f.Fuzz(func(t *testing.T, b []byte, n int) {
		if n < 0 || n > 1<<16 {
			return
		}
		pl, ok := decodePlacement(b, n)
		if ok && (len(pl.Points) != n || string(encodePlacement(pl)) != string(b)) {
			t.Fatalf("decoded %d bytes for %d nodes into something else", len(b), n)
		}
	})
}
