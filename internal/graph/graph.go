// Package graph places a network for drawing: boxes (a node with its label)
// joined by edges, laid out so that joined boxes sit near each other and no
// two boxes overlap.
//
// The layout is stress majorization (Gansner, Koren and North, "Graph
// drawing by stress majorization", 2004) started from classical
// multidimensional scaling, then a sweep that pushes overlapping boxes
// apart. Each connected component is laid out on its own and the
// components are packed in rows, largest first; nodes joined to nothing
// come last, in rows of their own. Nothing is random: the same graph and
// options give the same positions on every run.
package graph

import (
	"math"
	"sort"
)

// Graph is what to place.
type Graph struct {
	Nodes []Box
	Edges []Edge
}

// Box is the room a node needs, its label included.
type Box struct{ W, H float64 }

// Edge joins the nodes at indexes A and B. A heavier edge is drawn a little
// shorter; a weight below 1 counts as 1.
type Edge struct {
	A, B   int
	Weight float64
}

// Options shape a placement.
type Options struct {
	// MaxWidth is the widest the drawing may be; 0 means no limit. A graph
	// that does not fit grows downwards instead.
	MaxWidth float64
	// Length is the ideal space between two joined boxes.
	Length float64
	// Gap is the least space between any two boxes.
	Gap float64
	// Tall lays a component's long axis vertically, for narrow screens.
	Tall bool
}

// Point is the centre of a box.
type Point struct{ X, Y float64 }

// Placement is a placed graph: the centre of every node's box, all boxes
// within [0, Width] × [0, Height].
type Placement struct {
	Points        []Point
	Width, Height float64
}

// Place lays out g.
func Place(g Graph, o Options) Placement {
	n := len(g.Nodes)
	out := Placement{Points: make([]Point, n)}
	if n == 0 {
		return out
	}
	if o.Length <= 0 {
		o.Length = 40
	}
	if o.Gap < 0 {
		o.Gap = 0
	}
	adj := adjacency(n, g.Edges)
	var parts []*part
	for _, nodes := range components(n, adj) {
		parts = append(parts, placeComponent(g, adj, nodes, o))
	}
	pack(parts, o, &out)
	if overlaps(g.Nodes, out.Points, o.Gap/2) {
		// Cannot happen: components are placed without overlaps and
		// packed apart. A grid is the guarantee if it ever does.
		grid(g.Nodes, o, &out)
	}
	return out
}

// neighbour is one end of an edge, with the edge's length in the layout.
type neighbour struct {
	to  int
	len float64
}

func adjacency(n int, edges []Edge) [][]neighbour {
	weight := map[[2]int]float64{}
	for _, e := range edges {
		a, b := e.A, e.B
		if a == b || a < 0 || b < 0 || a >= n || b >= n {
			continue
		}
		if a > b {
			a, b = b, a
		}
		w := e.Weight
		if w < 1 {
			w = 1
		}
		weight[[2]int{a, b}] += w
	}
	keys := make([][2]int, 0, len(weight))
	for k := range weight {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	adj := make([][]neighbour, n)
	for _, k := range keys {
		// An edge of weight w is 1/(1+ln w/4) long: 4 shared events draw
		// two people about a quarter closer than one does.
		l := 1 / (1 + math.Log(weight[k])/4)
		adj[k[0]] = append(adj[k[0]], neighbour{k[1], l})
		adj[k[1]] = append(adj[k[1]], neighbour{k[0], l})
	}
	return adj
}

// components returns the connected components, each a sorted list of node
// indexes, the biggest first (ties: the one with the lowest index first).
func components(n int, adj [][]neighbour) [][]int {
	seen := make([]bool, n)
	var out [][]int
	for s := 0; s < n; s++ {
		if seen[s] {
			continue
		}
		comp := []int{s}
		seen[s] = true
		for i := 0; i < len(comp); i++ {
			for _, nb := range adj[comp[i]] {
				if !seen[nb.to] {
					seen[nb.to] = true
					comp = append(comp, nb.to)
				}
			}
		}
		sort.Ints(comp)
		out = append(out, comp)
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a]) > len(out[b]) })
	return out
}

// part is one placed component: its nodes' centres relative to the
// component's top-left corner.
type part struct {
	nodes []int
	pts   []Point
	w, h  float64
}

func placeComponent(g Graph, adj [][]neighbour, nodes []int, o Options) *part {
	m := len(nodes)
	p := &part{nodes: nodes, pts: make([]Point, m)}
	boxes := make([]Box, m)
	for i, v := range nodes {
		boxes[i] = g.Nodes[v]
	}
	if m > 1 {
		// The unit of distance: the ideal gap plus a typical box.
		var size float64
		for _, b := range boxes {
			size += math.Max(b.W, b.H)
		}
		unit := o.Length + size/float64(m)
		d := distances(adj, nodes)
		for i := range d {
			for j := range d[i] {
				d[i][j] *= unit
			}
		}
		pts := mds(d)
		stress(d, pts)
		orient(pts, o.Tall)
		fit(pts, boxes, o.MaxWidth)
		separate(boxes, pts, o.Gap, o.MaxWidth)
		p.pts = pts
	}
	p.w, p.h = normalize(boxes, p.pts)
	return p
}

// distances are the shortest path lengths between the nodes of a
// component, in edge lengths (Dijkstra from every node).
func distances(adj [][]neighbour, nodes []int) [][]float64 {
	m := len(nodes)
	local := make(map[int]int, m)
	for i, v := range nodes {
		local[v] = i
	}
	d := make([][]float64, m)
	for s := range nodes {
		dist := make([]float64, m)
		done := make([]bool, m)
		for i := range dist {
			dist[i] = math.Inf(1)
		}
		dist[s] = 0
		for {
			u := -1
			for i := range dist {
				if !done[i] && !math.IsInf(dist[i], 1) && (u < 0 || dist[i] < dist[u]) {
					u = i
				}
			}
			if u < 0 {
				break
			}
			done[u] = true
			for _, nb := range adj[nodes[u]] {
				v := local[nb.to]
				if alt := dist[u] + nb.len; alt < dist[v] {
					dist[v] = alt
				}
			}
		}
		d[s] = dist
	}
	return d
}

// mds places points by classical multidimensional scaling: the top two
// eigenvectors of the double-centred squared distances, found by power
// iteration from fixed start vectors.
func mds(d [][]float64) []Point {
	m := len(d)
	b := make([][]float64, m)
	row := make([]float64, m)
	var all float64
	for i := range d {
		b[i] = make([]float64, m)
		for j := range d[i] {
			sq := d[i][j] * d[i][j]
			b[i][j] = sq
			row[i] += sq
		}
		all += row[i]
		row[i] /= float64(m)
	}
	all /= float64(m * m)
	for i := range b {
		for j := range b[i] {
			b[i][j] = -0.5 * (b[i][j] - row[i] - row[j] + all)
		}
	}
	v1, l1 := power(b, nil)
	v2, l2 := power(b, v1)
	pts := make([]Point, m)
	s1, s2 := math.Sqrt(math.Max(l1, 0)), math.Sqrt(math.Max(l2, 0))
	// A fixed spiral, tiny next to the layout, breaks the ties of
	// symmetric graphs (a star, a clique) where scaling leaves points on
	// top of each other.
	var scale float64
	for i := range d {
		for j := range d[i] {
			scale = math.Max(scale, d[i][j])
		}
	}
	for i := range pts {
		a := float64(i) * 2.399963229728653 // the golden angle
		r := scale * 0.02 * math.Sqrt(float64(i+1)/float64(m))
		pts[i] = Point{v1[i]*s1 + r*math.Cos(a), v2[i]*s2 + r*math.Sin(a)}
	}
	return pts
}

// power returns the dominant eigenvector of b (orthogonal to not, when
// given) and its eigenvalue.
func power(b [][]float64, not []float64) ([]float64, float64) {
	m := len(b)
	v := make([]float64, m)
	for i := range v {
		v[i] = 1 + float64(i%7)/7 - float64(i%3)/5
	}
	next := make([]float64, m)
	var lambda float64
	for it := 0; it < 200; it++ {
		if not != nil {
			var dot float64
			for i := range v {
				dot += v[i] * not[i]
			}
			for i := range v {
				v[i] -= dot * not[i]
			}
		}
		var norm float64
		for i := range v {
			norm += v[i] * v[i]
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			return v, 0
		}
		for i := range v {
			v[i] /= norm
		}
		lambda = 0
		for i := range b {
			var s float64
			for j := range b[i] {
				s += b[i][j] * v[j]
			}
			next[i] = s
			lambda += v[i] * s
		}
		v, next = next, v
	}
	var norm float64
	for i := range v {
		norm += v[i] * v[i]
	}
	norm = math.Sqrt(norm)
	if norm > 0 {
		for i := range v {
			v[i] /= norm
		}
	}
	return v, lambda
}

// stress refines pts by stress majorization with weights 1/d², the
// localized update of each point in turn.
func stress(d [][]float64, pts []Point) {
	m := len(pts)
	for it := 0; it < 300; it++ {
		var moved, extent float64
		for i := 0; i < m; i++ {
			var sx, sy, sw float64
			for j := 0; j < m; j++ {
				if i == j || d[i][j] == 0 {
					continue
				}
				w := 1 / (d[i][j] * d[i][j])
				dx, dy := pts[i].X-pts[j].X, pts[i].Y-pts[j].Y
				dist := math.Hypot(dx, dy)
				if dist < 1e-9 {
					// On top of each other: part them in a fixed direction.
					a := float64(i*7+j*3) * 0.7
					dx, dy, dist = math.Cos(a), math.Sin(a), 1
				}
				sx += w * (pts[j].X + d[i][j]*dx/dist)
				sy += w * (pts[j].Y + d[i][j]*dy/dist)
				sw += w
			}
			if sw == 0 {
				continue
			}
			nx, ny := sx/sw, sy/sw
			moved += math.Abs(nx-pts[i].X) + math.Abs(ny-pts[i].Y)
			extent += math.Abs(nx) + math.Abs(ny)
			pts[i] = Point{nx, ny}
		}
		if extent == 0 || moved/extent < 1e-5 {
			return
		}
	}
}

// orient turns the points so their long axis is horizontal (vertical when
// tall), and flips them so that the first node is left of (above) the
// centre: the same graph always faces the same way.
func orient(pts []Point, tall bool) {
	var cx, cy float64
	for _, p := range pts {
		cx += p.X
		cy += p.Y
	}
	cx /= float64(len(pts))
	cy /= float64(len(pts))
	var sxx, syy, sxy float64
	for _, p := range pts {
		dx, dy := p.X-cx, p.Y-cy
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}
	theta := 0.5 * math.Atan2(2*sxy, sxx-syy)
	if tall {
		theta -= math.Pi / 2
	}
	cos, sin := math.Cos(-theta), math.Sin(-theta)
	for i, p := range pts {
		dx, dy := p.X-cx, p.Y-cy
		pts[i] = Point{dx*cos - dy*sin, dx*sin + dy*cos}
	}
	if (!tall && pts[0].X > 0) || (tall && pts[0].Y > 0) {
		for i := range pts {
			pts[i].X, pts[i].Y = -pts[i].X, -pts[i].Y
		}
	}
}

// fit scales the points down, keeping their shape, so that the boxes
// around them are no wider than max.
func fit(pts []Point, boxes []Box, max float64) {
	if max <= 0 {
		return
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	var widest float64
	for i, p := range pts {
		minX = math.Min(minX, p.X)
		maxX = math.Max(maxX, p.X)
		widest = math.Max(widest, boxes[i].W)
	}
	span := maxX - minX
	room := max - widest
	if span <= room || span == 0 {
		return
	}
	f := math.Max(room, 0) / span
	for i := range pts {
		pts[i].X *= f
		pts[i].Y *= f
	}
}

// separate pushes overlapping boxes apart, each pair along the axis where
// it overlaps less, until no two boxes are closer than gap. With a
// maximum width, boxes stay within it and move vertically instead.
func separate(boxes []Box, pts []Point, gap, max float64) {
	m := len(pts)
	lo, hi := make([]float64, m), make([]float64, m)
	if max > 0 {
		// Centre the points in [0, max] and keep every box inside.
		minX, maxX := math.Inf(1), math.Inf(-1)
		for i, p := range pts {
			minX = math.Min(minX, p.X-boxes[i].W/2)
			maxX = math.Max(maxX, p.X+boxes[i].W/2)
		}
		shift := (max-(maxX-minX))/2 - minX
		for i := range pts {
			pts[i].X += shift
			lo[i] = boxes[i].W / 2
			hi[i] = math.Max(max-boxes[i].W/2, lo[i])
			pts[i].X = clamp(pts[i].X, lo[i], hi[i])
		}
	} else {
		for i := range lo {
			lo[i], hi[i] = math.Inf(-1), math.Inf(1)
		}
	}
	const nudge = 0.5 // a little more than needed, so sweeps end
	for sweep := 0; sweep < 4000; sweep++ {
		moved := false
		for i := 0; i < m; i++ {
			for j := i + 1; j < m; j++ {
				dx, dy := pts[j].X-pts[i].X, pts[j].Y-pts[i].Y
				ox := (boxes[i].W+boxes[j].W)/2 + gap - math.Abs(dx)
				oy := (boxes[i].H+boxes[j].H)/2 + gap - math.Abs(dy)
				if ox <= 0 || oy <= 0 {
					continue
				}
				moved = true
				// Move both along the line between their centres, as little
				// as parts them on either axis: the drawing grows the way it
				// already leans.
				adx, ady := math.Abs(dx), math.Abs(dy)
				t := math.Inf(1)
				if adx > 1e-9 {
					t = (ox + nudge) / adx
				}
				if ady > 1e-9 {
					t = math.Min(t, (oy+nudge)/ady)
				}
				if math.IsInf(t, 1) { // one on top of the other: j goes down
					dx, dy, t = 0, 1, oy+nudge
				}
				pts[i].X = clamp(pts[i].X-dx*t/2, lo[i], hi[i])
				pts[j].X = clamp(pts[j].X+dx*t/2, lo[j], hi[j])
				pts[i].Y -= dy * t / 2
				pts[j].Y += dy * t / 2
				// Where the width held them back, part them vertically.
				dx, dy = pts[j].X-pts[i].X, pts[j].Y-pts[i].Y
				ox = (boxes[i].W+boxes[j].W)/2 + gap - math.Abs(dx)
				oy = (boxes[i].H+boxes[j].H)/2 + gap - math.Abs(dy)
				if ox > 0 && oy > 0 {
					sy := 1.0
					if dy < 0 {
						sy = -1
					}
					pts[i].Y -= sy * (oy + nudge) / 2
					pts[j].Y += sy * (oy + nudge) / 2
				}
			}
		}
		if !moved {
			return
		}
	}
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// normalize moves the points so the boxes' top-left corner is (0, 0) and
// returns the size of the boxes' bounds.
func normalize(boxes []Box, pts []Point) (w, h float64) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i, p := range pts {
		minX = math.Min(minX, p.X-boxes[i].W/2)
		minY = math.Min(minY, p.Y-boxes[i].H/2)
		maxX = math.Max(maxX, p.X+boxes[i].W/2)
		maxY = math.Max(maxY, p.Y+boxes[i].H/2)
	}
	for i := range pts {
		pts[i].X -= minX
		pts[i].Y -= minY
	}
	return maxX - minX, maxY - minY
}

// pack places the components in rows, biggest first, each row centred;
// the lone nodes, last, never share a row with a component.
func pack(parts []*part, o Options, out *Placement) {
	limit := o.MaxWidth
	for _, p := range parts {
		limit = math.Max(limit, p.w)
	}
	if o.MaxWidth <= 0 {
		// No limit: aim for rows about as wide as the biggest component,
		// and no narrower than a square of everything would be.
		var area float64
		for _, p := range parts {
			area += (p.w + o.Gap) * (p.h + o.Gap)
		}
		limit = math.Max(limit, math.Sqrt(area)*1.4)
	}
	// Components stand further apart than joined nodes, so that a
	// component does not seem joined to its neighbour; lone nodes, which
	// cannot seem joined, stand closer to each other.
	space := math.Max(o.Gap, o.Length*1.5)
	between := func(a, b *part) float64 {
		if len(a.nodes) == 1 && len(b.nodes) == 1 {
			return math.Max(o.Gap, o.Length*0.75)
		}
		return space
	}
	type row struct {
		parts []*part
		w, h  float64
	}
	var rows []*row
	for _, p := range parts {
		var r *row
		if len(rows) > 0 {
			r = rows[len(rows)-1]
			last := r.parts[len(r.parts)-1]
			// Lone nodes start a row of their own: next to them, a small
			// component would look as unjoined as they are.
			alone := len(p.nodes) == 1 && len(last.nodes) > 1
			if alone || r.w+between(last, p)+p.w > limit {
				r = nil
			}
		}
		if r == nil {
			r = &row{}
			rows = append(rows, r)
		} else {
			r.w += between(r.parts[len(r.parts)-1], p)
		}
		r.parts = append(r.parts, p)
		r.w += p.w
		r.h = math.Max(r.h, p.h)
	}
	var y, width float64
	for _, r := range rows {
		width = math.Max(width, r.w)
	}
	for i, r := range rows {
		if i > 0 {
			y += space
		}
		x := (width - r.w) / 2
		for k, p := range r.parts {
			if k > 0 {
				x += between(r.parts[k-1], p)
			}
			top := y + (r.h-p.h)/2
			for k, v := range p.nodes {
				out.Points[v] = Point{x + p.pts[k].X, top + p.pts[k].Y}
			}
			x += p.w
		}
		y += r.h
	}
	out.Width, out.Height = width, y
}

// grid places the boxes in rows in index order.
func grid(boxes []Box, o Options, out *Placement) {
	limit := o.MaxWidth
	if limit <= 0 {
		limit = math.Sqrt(float64(len(boxes))) * 120
	}
	var x, y, rowH, width float64
	for i, b := range boxes {
		if x > 0 && x+b.W > limit {
			x, y, rowH = 0, y+rowH+o.Gap, 0
		}
		out.Points[i] = Point{x + b.W/2, y + b.H/2}
		x += b.W + o.Gap
		rowH = math.Max(rowH, b.H)
		width = math.Max(width, x-o.Gap)
	}
	out.Width, out.Height = width, y+rowH
}

// overlaps reports whether two boxes, each grown by pad, overlap.
func overlaps(boxes []Box, pts []Point, pad float64) bool {
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			if math.Abs(pts[i].X-pts[j].X) < (boxes[i].W+boxes[j].W)/2+2*pad-1e-6 &&
				math.Abs(pts[i].Y-pts[j].Y) < (boxes[i].H+boxes[j].H)/2+2*pad-1e-6 {
				return true
			}
		}
	}
	return false
}

// Overlaps reports whether any two boxes of a placement are closer than
// gap, for tests and callers that check.
func Overlaps(boxes []Box, pts []Point, gap float64) bool {
	return overlaps(boxes, pts, gap/2)
}
