package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"math"

	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/recent"
)

// Memo remembers placements by their whole input: the graph and the
// options, every number as its bits. Place is a pure function of them, so
// a remembered placement is the one Place would compute, for any graph;
// and placing is the costly part of drawing a network (every contact's
// page draws its neighbourhood), which a rebuild after an edit that
// leaves the network as it was need not do again.
//
// It keeps what was asked for since the last Sweep and in the one before,
// as the other caches of a build do, and with Disk, keeps placements from
// one run to the next. The zero Memo is ready to use; a nil one remembers
// nothing. Its methods are safe for concurrent use.
type Memo struct {
	Disk *diskcache.Cache

	placed recent.Map[string, Placement]
}

// Place returns Place(g, o), computing it only when not remembered.
func (m *Memo) Place(g Graph, o Options) Placement {
	if m == nil {
		return Place(g, o)
	}
	key := memoKey(g, o)
	dk := diskKeyOf(key)
	pl, ok := m.placed.Get(key)
	if ok {
		m.Disk.Keep(dk)
		return pl.clone()
	}
	if b, found := m.Disk.Get(dk); found {
		pl, ok = decodePlacement(b, len(g.Nodes))
	}
	if !ok {
		pl = Place(g, o)
		m.Disk.Put(dk, encodePlacement(pl))
	}
	m.placed.Put(key, pl)
	return pl.clone()
}

// diskKeyOf is where a placement is kept on disk.
func diskKeyOf(key string) diskcache.Key { return diskcache.Key(sha256.Sum256([]byte(key))) }

// Sweep forgets what was not asked for since the Sweep before.
func (m *Memo) Sweep() { m.placed.Sweep() }

// clone is pl with points of its own, so that no caller can change a
// remembered placement.
func (pl Placement) clone() Placement {
	pl.Points = append([]Point(nil), pl.Points...)
	return pl
}

// memoKey encodes all of Place's input; the prefix names the encoding
// and the layout's version: change it when Place changes what it computes.
func memoKey(g Graph, o Options) string {
	b := make([]byte, 0, 64+len(g.Nodes)*16+len(g.Edges)*24)
	b = append(b, "netjournal graph v1\x00"...)
	f := func(x float64) { b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x)) }
	i := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	f(o.MaxWidth)
	f(o.Length)
	f(o.Gap)
	if o.Tall {
		i(1)
	} else {
		i(0)
	}
	i(len(g.Nodes))
	for _, n := range g.Nodes {
		f(n.W)
		f(n.H)
	}
	i(len(g.Edges))
	for _, e := range g.Edges {
		i(e.A)
		i(e.B)
		f(e.Weight)
	}
	return string(b)
}

// encodePlacement writes a placement's numbers as their bits.
func encodePlacement(pl Placement) []byte {
	b := make([]byte, 0, 16+16*len(pl.Points))
	for _, x := range []float64{pl.Width, pl.Height} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	for _, p := range pl.Points {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.X))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.Y))
	}
	return b
}

// decodePlacement reads what encodePlacement wrote for a graph of n
// nodes; anything else is refused.
func decodePlacement(b []byte, n int) (Placement, bool) {
	if len(b) != 16+16*n {
		return Placement{}, false
	}
	num := func() float64 {
		x := math.Float64frombits(binary.LittleEndian.Uint64(b))
		b = b[8:]
		return x
	}
	pl := Placement{Width: num(), Height: num(), Points: make([]Point, n)}
	for k := range pl.Points {
		pl.Points[k] = Point{X: num(), Y: num()}
	}
	return pl, true
}
