package graph

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

// dense is a network of n people who meet in events of 2 to 6 people, as a
// busy journal would have them: a few hubs at many events, many people at
// few. The numbers come from a fixed generator, so the graph is the same on
// every run.
func dense(n, events int) Graph {
	var g Graph
	state := uint64(42)
	next := func(k int) int { // splitmix64
		state += 0x9e3779b97f4a7c15
		z := state
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		z ^= z >> 31
		return int(z % uint64(k))
	}
	count := make([]int, n)
	for e := 0; e < events; e++ {
		size := 2 + next(5)
		var people []int
		for len(people) < size {
			// Squaring favours low indexes: they are the hubs.
			p := next(n) * next(n) / n
			dup := false
			for _, q := range people {
				dup = dup || q == p
			}
			if !dup {
				people = append(people, p)
				count[p]++
			}
		}
		for a := 0; a < len(people); a++ {
			for b := a + 1; b < len(people); b++ {
				g.Edges = append(g.Edges, Edge{A: people[a], B: people[b], Weight: 1})
			}
		}
	}
	for i := 0; i < n; i++ {
		r := 5 + 2.6*math.Sqrt(float64(count[i]))
		label := float64(len(fmt.Sprintf("Person Number %d", i))) * 6.6
		g.Nodes = append(g.Nodes, Box{W: math.Max(2*r, label), H: 2*r + 18})
	}
	return g
}

func TestPlaceDense(t *testing.T) {
	g := dense(150, 260)
	for _, o := range []Options{
		{MaxWidth: 760, Length: 28, Gap: 6},
		{MaxWidth: 360, Length: 28, Gap: 6, Tall: true},
		{Length: 28, Gap: 6},
	} {
		p := Place(g, o)
		if Overlaps(g.Nodes, p.Points, o.Gap) {
			for i := range p.Points {
				for j := i + 1; j < len(p.Points); j++ {
					if Overlaps([]Box{g.Nodes[i], g.Nodes[j]}, []Point{p.Points[i], p.Points[j]}, o.Gap) {
						t.Errorf("%+v: boxes %d %+v at %+v and %d %+v at %+v overlap", o, i, g.Nodes[i], p.Points[i], j, g.Nodes[j], p.Points[j])
					}
				}
			}
		}
		if o.MaxWidth > 0 && p.Width > o.MaxWidth+1e-9 {
			t.Errorf("%+v: width %.1f is over the maximum", o, p.Width)
		}
		for i, pt := range p.Points {
			b := g.Nodes[i]
			if pt.X-b.W/2 < -1e-9 || pt.Y-b.H/2 < -1e-9 || pt.X+b.W/2 > p.Width+1e-9 || pt.Y+b.H/2 > p.Height+1e-9 {
				t.Errorf("%+v: box %d at %+v is outside %.1f × %.1f", o, i, pt, p.Width, p.Height)
			}
		}
		if !reflect.DeepEqual(p, Place(g, o)) {
			t.Errorf("%+v: two placements of one graph differ", o)
		}
	}
}

// TestPlaceNear checks the layout means something: joined nodes end up
// nearer each other than nodes that are not joined.
func TestPlaceNear(t *testing.T) {
	// Two cliques of five joined by one edge.
	var g Graph
	for i := 0; i < 10; i++ {
		g.Nodes = append(g.Nodes, Box{W: 40, H: 30})
	}
	for _, base := range []int{0, 5} {
		for a := 0; a < 5; a++ {
			for b := a + 1; b < 5; b++ {
				g.Edges = append(g.Edges, Edge{A: base + a, B: base + b})
			}
		}
	}
	g.Edges = append(g.Edges, Edge{A: 4, B: 5})
	p := Place(g, Options{Length: 30, Gap: 4})
	dist := func(a, b int) float64 {
		return math.Hypot(p.Points[a].X-p.Points[b].X, p.Points[a].Y-p.Points[b].Y)
	}
	var in, across float64
	for a := 0; a < 5; a++ {
		for b := 0; b < 5; b++ {
			if a != b {
				in += dist(a, b) + dist(5+a, 5+b)
			}
			across += 2 * dist(a, 5+b)
		}
	}
	in /= 40
	across /= 50
	if in >= across {
		t.Errorf("mean distance within a clique %.1f, across %.1f: want within < across", in, across)
	}
	if p.Width < p.Height {
		t.Errorf("placement %.0f × %.0f: want the long axis horizontal", p.Width, p.Height)
	}
	if tall := Place(g, Options{Length: 30, Gap: 4, Tall: true}); tall.Width > tall.Height {
		t.Errorf("tall placement %.0f × %.0f: want the long axis vertical", tall.Width, tall.Height)
	}
}

func TestPlaceSmall(t *testing.T) {
	if p := Place(Graph{}, Options{}); len(p.Points) != 0 || p.Width != 0 || p.Height != 0 {
		t.Errorf("empty graph: %+v", p)
	}
	one := Place(Graph{Nodes: []Box{{W: 50, H: 20}}}, Options{Gap: 4})
	if want := (Placement{Points: []Point{{25, 10}}, Width: 50, Height: 20}); !reflect.DeepEqual(one, want) {
		t.Errorf("one node: %+v, want %+v", one, want)
	}
	// Unjoined nodes, a self-loop and an edge to nowhere are packed in rows.
	g := Graph{
		Nodes: []Box{{W: 50, H: 20}, {W: 50, H: 20}, {W: 50, H: 20}, {W: 50, H: 20}},
		Edges: []Edge{{A: 1, B: 1}, {A: 2, B: 9}},
	}
	p := Place(g, Options{Gap: 4, Length: 20, MaxWidth: 130})
	if Overlaps(g.Nodes, p.Points, 4) || p.Width > 130 {
		t.Errorf("unjoined nodes: %+v", p)
	}
	// Identical nodes in a clique start on top of each other in MDS.
	var k Graph
	for i := 0; i < 6; i++ {
		k.Nodes = append(k.Nodes, Box{W: 30, H: 30})
		for j := 0; j < i; j++ {
			k.Edges = append(k.Edges, Edge{A: i, B: j, Weight: 3})
		}
	}
	if p := Place(k, Options{Gap: 4}); Overlaps(k.Nodes, p.Points, 4) {
		t.Errorf("clique: %+v", p)
	}
}

// TestPlaceLoneRow checks that a small component is not packed into a row
// with nodes joined to nothing, where it would look as unjoined as they do.
func TestPlaceLoneRow(t *testing.T) {
	// A path of five, a pair, and five lone nodes: at this width the pair
	// and the lone nodes would fit in one row.
	var g Graph
	for i := 0; i < 12; i++ {
		g.Nodes = append(g.Nodes, Box{W: 60, H: 30})
	}
	for i := 0; i < 4; i++ {
		g.Edges = append(g.Edges, Edge{A: i, B: i + 1})
	}
	g.Edges = append(g.Edges, Edge{A: 5, B: 6})
	for _, o := range []Options{
		{MaxWidth: 760, Length: 26, Gap: 6},
		{MaxWidth: 360, Length: 22, Gap: 5, Tall: true},
		{Length: 26, Gap: 6},
	} {
		p := Place(g, o)
		if Overlaps(g.Nodes, p.Points, o.Gap) {
			t.Errorf("%+v: boxes overlap: %+v", o, p.Points)
		}
		top := math.Min(p.Points[5].Y, p.Points[6].Y) - 15
		bottom := math.Max(p.Points[5].Y, p.Points[6].Y) + 15
		for i := 7; i < 12; i++ {
			if y := p.Points[i].Y; y+15 > top && y-15 < bottom {
				t.Errorf("%+v: lone node %d at %+v is in a row with the pair at %+v and %+v", o, i, p.Points[i], p.Points[5], p.Points[6])
			}
			if y := p.Points[i].Y; y-15 < bottom {
				t.Errorf("%+v: lone node %d at %+v is not below the pair at %+v and %+v", o, i, p.Points[i], p.Points[5], p.Points[6])
			}
		}
	}
}

func BenchmarkPlace(b *testing.B) {
	g := dense(150, 260)
	for b.Loop() {
		Place(g, Options{MaxWidth: 760, Length: 28, Gap: 6})
	}
}
