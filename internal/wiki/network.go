package wiki

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/graph"
	"github.com/netjournal/netjournal/internal/journal"
)

// The network pictures are drawn twice, wide and narrow, and the page shows
// the one that fits its column: a graph scaled down to a phone's width
// would have labels too small to read. A drawing is scaled to its column,
// up to grow times its natural size, and the narrow one takes over where
// the wide one would shrink below 11/12 of it (11 px labels).
const (
	networkCap   = 60 // linked contacts drawn on network.html; the rest are listed
	neighbourCap = 12 // neighbours drawn on a contact page

	// Widths, in CSS pixels at natural size. A phone's column is 321 px
	// at 390 px wide, 306 px at 375: a narrow drawing's labels stay at
	// 11 px or more.
	networkWide, networkNarrow = 760, 330
	localWide, localNarrow     = 540, 330

	labelSize = 12   // font size of a node's label
	margin    = 6    // around a drawing, so strokes are not cut
	grow      = 1.35 // the most a drawing is scaled up to fill its column
)

// Num is a coordinate, written with at most one decimal.
type Num float64

func (n Num) String() string {
	return strconv.FormatFloat(math.Round(float64(n)*10)/10, 'f', -1, 64)
}

// Graph is a picture of contacts and how they know each other: who shared
// past events, and who introduced whom.
type Graph struct {
	Title        string       // what the picture is, for <title>
	Desc         string       // a sentence summing it up, for <desc>
	Wide, Narrow *Drawing     // Narrow is nil when Wide fits a phone
	Shown        int          // contacts drawn
	More         []ContactRef // left out: "and N more"
	Legend       []Legend     // the circles drawn
	Intro        bool         // some line is an introduction
	Shared       bool         // some line is shared events
	Hidden       int          // weaker links left out of a dense picture
}

// Below is the figure's class when there is a narrow drawing:
// "narrow-below-N" shows it in a figure narrower than N px, where the
// wide one would draw its labels under 11 px. N is in steps of 50, from
// 350 to 700, the steps wiki.css has rules for.
func (g *Graph) Below() string {
	if g.Narrow == nil {
		return ""
	}
	return fmt.Sprintf("narrow-below-%d", below(float64(g.Wide.Width)))
}

// below is the step of 50 px at or above 11/12 of width.
func below(width float64) int {
	return int(math.Ceil(width*11/12/50-1e-9)) * 50
}

// PerNode is how many links per person a dense picture keeps.
func (g *Graph) PerNode() int { return perNode }

// View is one of a Graph's drawings, with the class that shows it at its
// width.
type View struct {
	Class string // "graph-wide", "graph-narrow", or "graph-one" for both
	D     *Drawing
}

// Views are the graph's drawings, wide first.
func (g *Graph) Views() []View {
	if g.Narrow == nil {
		return []View{{"graph-one", g.Wide}}
	}
	return []View{{"graph-wide", g.Wide}, {"graph-narrow", g.Narrow}}
}

// Legend is a circle's colour in a picture.
type Legend struct {
	Name  string
	Hue   string // class: "hue-0"…, "" for no circle
	Count int
}

// Drawing is a Graph laid out for one width.
type Drawing struct {
	Width, Height Num // the viewBox: its natural size
	Edges         []*GraphEdge
	Nodes         []*GraphNode
}

// MaxWidth and MaxHeight are the most a drawing is shown at: the svg's
// width and height, which a narrower column scales down.
func (d *Drawing) MaxWidth() Num  { return Num(grow * float64(d.Width)) }
func (d *Drawing) MaxHeight() Num { return Num(grow * float64(d.Height)) }

// GraphNode is a contact drawn as a circle sized by interactions,
// coloured by circle, with the name below, linking to their page.
type GraphNode struct {
	C       ContactRef
	X, Y, R Num // the circle
	LabelY  Num // the label's baseline
	Hue     string
	Focus   bool   // the contact whose neighbourhood it is
	Label   string // what it stands for, for screen readers and tooltips
}

// GraphEdge is a line between two contacts, thicker for more shared
// events.
type GraphEdge struct {
	X1, Y1, X2, Y2 Num
	Width          Num
	Events         int  // past events they shared
	Intro          bool // one introduced the other
}

// link is what joins two contacts.
type link struct {
	a, b   *journal.Contact // a before b in the journal's order
	events int              // past events with both
	intro  bool             // met.introduced_by, either way
}

// network is every link between contacts, computed once per Render.
type network struct {
	order map[*journal.Contact]int     // place in j.Contacts
	links map[[2]int]*link             // by the two contacts' places, lower first
	near  map[*journal.Contact][]*link // a contact's links
}

func (r *renderer) network() *network {
	if r.net != nil {
		return r.net
	}
	n := &network{
		order: map[*journal.Contact]int{},
		links: map[[2]int]*link{},
		near:  map[*journal.Contact][]*link{},
	}
	for i, c := range r.j.Contacts {
		n.order[c] = i
	}
	get := func(a, b *journal.Contact) *link {
		i, k := n.order[a], n.order[b]
		if i > k {
			a, b, i, k = b, a, k, i
		}
		l := n.links[[2]int{i, k}]
		if l == nil {
			l = &link{a: a, b: b}
			n.links[[2]int{i, k}] = l
		}
		return l
	}
	for _, e := range r.j.Events {
		if e.Planned(r.j.Today) {
			continue // a plan is not contact yet
		}
		for x, a := range e.With {
			for _, b := range e.With[x+1:] {
				get(a, b).events++
			}
		}
	}
	for _, c := range r.j.Contacts {
		if c.IntroducedBy != nil {
			get(c.IntroducedBy, c).intro = true
		}
	}
	keys := make([][2]int, 0, len(n.links))
	for k := range n.links {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(x, y int) bool {
		if keys[x][0] != keys[y][0] {
			return keys[x][0] < keys[y][0]
		}
		return keys[x][1] < keys[y][1]
	})
	for _, k := range keys {
		l := n.links[k]
		n.near[l.a] = append(n.near[l.a], l)
		n.near[l.b] = append(n.near[l.b], l)
	}
	r.net = n
	return n
}

// link returns the link between two contacts, or nil.
func (n *network) link(a, b *journal.Contact) *link {
	i, k := n.order[a], n.order[b]
	if i > k {
		i, k = k, i
	}
	return n.links[[2]int{i, k}]
}

// other is the end of l that is not c.
func (l *link) other(c *journal.Contact) *journal.Contact {
	if l.a == c {
		return l.b
	}
	return l.a
}

// strength orders links: an introduction counts as two shared events.
func (l *link) strength() int {
	s := l.events
	if l.intro {
		s += 2
	}
	return s
}

// whole is the picture of the whole network: the best-known linked
// contacts, by interactions and then connections, up to networkCap. People
// linked to no one are left out: network.html lists them, and drawn they
// would be a row of dots that says nothing. Nil when no one is linked.
func (r *renderer) whole() *Graph {
	n := r.network()
	var cs []*journal.Contact
	for _, c := range r.j.Contacts {
		if len(n.near[c]) > 0 {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	sort.SliceStable(cs, func(a, b int) bool {
		ia, ib := cs[a].Interactions(r.j.Today), cs[b].Interactions(r.j.Today)
		if ia != ib {
			return ia > ib
		}
		return len(n.near[cs[a]]) > len(n.near[cs[b]])
	})
	cs, more := pick(cs, networkCap, n)
	g := r.picture(r.byName(cs), nil, networkWide, networkNarrow)
	g.More = r.v.people(r.byName(more))
	g.Title = "Your network"
	links := len(g.Wide.Edges)
	g.Desc = fmt.Sprintf("%s, each a circle sized by interactions and coloured by circle; %s between people who shared an event or were introduced.",
		plural(g.Shown, "linked contact"), plural(links, "line"))
	if len(more) > 0 {
		g.Desc += fmt.Sprintf(" %d more are not drawn.", len(more))
	}
	return g
}

// pick chooses up to max of the linked contacts cs, in their order, so
// that everyone chosen is linked to someone else chosen: drawn without a
// line, a person whose links all go to people left out would look
// unlinked. It returns the chosen and the rest, both in cs's order.
func pick(cs []*journal.Contact, max int, n *network) (in, out []*journal.Contact) {
	if len(cs) <= max {
		return cs, nil
	}
	chosen := map[*journal.Contact]bool{}
	for _, c := range cs[:max] {
		chosen[c] = true
	}
	joined := func(c *journal.Contact) bool {
		for _, l := range n.near[c] {
			if chosen[l.other(c)] {
				return true
			}
		}
		return false
	}
	// Dropping someone joined to no one chosen unjoins no one else.
	for _, c := range cs[:max] {
		if !joined(c) {
			delete(chosen, c)
		}
	}
	if len(chosen) == 0 {
		chosen[cs[0]] = true // their neighbours follow
	}
	// Fill up with the first of the rest who is joined to the chosen.
	for len(chosen) < max {
		next := -1
		for i, c := range cs {
			if !chosen[c] && joined(c) {
				next = i
				break
			}
		}
		if next < 0 {
			break
		}
		chosen[cs[next]] = true
	}
	for _, c := range cs {
		if chosen[c] {
			in = append(in, c)
		} else {
			out = append(out, c)
		}
	}
	return in, out
}

// neighbourhood is the picture of one contact and the people they shared
// events with, introduced or were introduced by: the strongest links first,
// up to neighbourCap. Nil when they are linked to no one.
func (r *renderer) neighbourhood(c *journal.Contact) *Graph {
	near := append([]*link(nil), r.network().near[c]...)
	if len(near) == 0 {
		return nil
	}
	sort.SliceStable(near, func(a, b int) bool { return near[a].strength() > near[b].strength() })
	var more []*journal.Contact
	cs := []*journal.Contact{c}
	for i, l := range near {
		if i < neighbourCap {
			cs = append(cs, l.other(c))
		} else {
			more = append(more, l.other(c))
		}
	}
	g := r.picture(cs, c, localWide, localNarrow)
	g.More = r.v.people(r.byName(more))
	g.Title = c.Name + "’s neighbourhood"
	g.Desc = fmt.Sprintf("%s and the %s linked to them by shared events or introductions.", c.Name, plural(len(near), "person"))
	if len(more) > 0 {
		g.Desc += fmt.Sprintf(" %d of them are not drawn.", len(more))
	}
	return g
}

// byName sorts contacts into the journal's order.
func (r *renderer) byName(cs []*journal.Contact) []*journal.Contact {
	n := r.network()
	out := append([]*journal.Contact(nil), cs...)
	sort.SliceStable(out, func(a, b int) bool { return n.order[out[a]] < n.order[out[b]] })
	return out
}

// picture lays out the contacts and the links between them, wide and
// narrow. focus, when not nil, is drawn larger.
func (r *renderer) picture(cs []*journal.Contact, focus *journal.Contact, wide, narrow float64) *Graph {
	n := r.network()
	g := &Graph{Shown: len(cs)}
	var gr graph.Graph
	var all [][2]int // pairs of indexes in cs that are linked
	for i, c := range cs {
		gr.Nodes = append(gr.Nodes, r.box(c, c == focus))
		for k := 0; k < i; k++ {
			if n.link(cs[k], c) != nil {
				all = append(all, [2]int{k, i})
			}
		}
	}
	ends := strongest(cs, focus, all, n)
	g.Hidden = len(all) - len(ends)
	var edges []*link
	for _, e := range ends {
		l := n.link(cs[e[0]], cs[e[1]])
		gr.Edges = append(gr.Edges, graph.Edge{A: e[0], B: e[1], Weight: float64(l.events)})
		edges = append(edges, l)
		g.Intro = g.Intro || l.intro
		g.Shared = g.Shared || l.events > 0
	}
	g.Wide = r.drawing(cs, focus, gr, edges, ends, graph.Options{MaxWidth: wide - 2*margin, Length: 26, Gap: 6})
	if float64(g.Wide.Width) > narrow {
		g.Narrow = r.drawing(cs, focus, gr, edges, ends, graph.Options{MaxWidth: narrow - 2*margin, Length: 22, Gap: 5, Tall: true})
	}

	counts := map[string]int{}
	for _, c := range cs {
		counts[r.circleOf(c)]++
	}
	for _, grp := range r.groups() {
		name := ""
		if grp.circle != nil {
			name = grp.circle.Name
		}
		if k := counts[name]; k > 0 {
			g.Legend = append(g.Legend, Legend{Name: grp.name(), Hue: hueOf(r.j, name), Count: k})
		}
	}
	return g
}

// perNode is how many links per person a dense picture draws: above
// perNode links per person on average, each keeps their perNode strongest,
// with every introduction and every link of the focus.
const perNode = 3

// strongest returns the pairs to draw: all of them, unless the picture is
// dense.
func strongest(cs []*journal.Contact, focus *journal.Contact, pairs [][2]int, n *network) [][2]int {
	if len(pairs) <= perNode*len(cs) {
		return pairs
	}
	byNode := make([][]int, len(cs)) // indexes into pairs
	for p, e := range pairs {
		byNode[e[0]] = append(byNode[e[0]], p)
		byNode[e[1]] = append(byNode[e[1]], p)
	}
	keep := make([]bool, len(pairs))
	for _, ps := range byNode {
		sort.SliceStable(ps, func(a, b int) bool {
			x, y := pairs[ps[a]], pairs[ps[b]]
			return n.link(cs[x[0]], cs[x[1]]).strength() > n.link(cs[y[0]], cs[y[1]]).strength()
		})
		for k, p := range ps {
			if k < perNode {
				keep[p] = true
			}
		}
	}
	var out [][2]int
	for p, e := range pairs {
		a, b := cs[e[0]], cs[e[1]]
		if keep[p] || n.link(a, b).intro || a == focus || b == focus {
			out = append(out, e)
		}
	}
	return out
}

// circleOf is the name of the configured circle c is in, or "".
func (r *renderer) circleOf(c *journal.Contact) string {
	if ci := r.j.Config.Circle(c.Circle); ci != nil {
		return ci.Name
	}
	return ""
}

// radius is a node's size: its area grows with interactions.
func (r *renderer) radius(c *journal.Contact, focus bool) float64 {
	rad := math.Min(6+3*math.Sqrt(float64(c.Interactions(r.j.Today))), 22)
	if focus {
		rad = math.Max(rad, 15) + 3
	}
	return rad
}

// box is the room a node takes: its circle with the label below.
func (r *renderer) box(c *journal.Contact, focus bool) graph.Box {
	rad := r.radius(c, focus)
	return graph.Box{W: math.Max(2*rad, textWidth(c.Name, labelSize)) + 4, H: 2*rad + 4 + labelSize + 2}
}

func (r *renderer) drawing(cs []*journal.Contact, focus *journal.Contact, gr graph.Graph, edges []*link, ends [][2]int, o graph.Options) *Drawing {
	pl := r.cache.graphs.Place(gr, o)
	d := &Drawing{Width: Num(pl.Width + 2*margin), Height: Num(pl.Height + 2*margin)}
	cx := make([]float64, len(cs))
	cy := make([]float64, len(cs))
	for i, c := range cs {
		rad := r.radius(c, c == focus)
		p := pl.Points[i]
		cx[i] = p.X + margin
		cy[i] = p.Y - gr.Nodes[i].H/2 + rad + margin
		d.Nodes = append(d.Nodes, &GraphNode{
			C: r.v.contact(c), X: Num(cx[i]), Y: Num(cy[i]), R: Num(rad),
			LabelY: Num(cy[i] + rad + 4 + labelSize*0.8),
			Hue:    hueOf(r.j, c.Circle),
			Focus:  c == focus,
			Label:  r.nodeLabel(c),
		})
	}
	for k, l := range edges {
		a, b := ends[k][0], ends[k][1]
		d.Edges = append(d.Edges, &GraphEdge{
			X1: Num(cx[a]), Y1: Num(cy[a]), X2: Num(cx[b]), Y2: Num(cy[b]),
			Width:  Num(1 + 0.6*math.Min(float64(max(l.events, 1)-1), 5)),
			Events: l.events,
			Intro:  l.intro,
		})
	}
	// The thinnest lines first, so strong links are drawn on top.
	sort.SliceStable(d.Edges, func(a, b int) bool { return d.Edges[a].Width < d.Edges[b].Width })
	return d
}

// nodeLabel says what a node stands for: "Mei Chen · active · 3
// interactions · knows 4 people here".
func (r *renderer) nodeLabel(c *journal.Contact) string {
	parts := []string{c.Name}
	if ci := r.circleOf(c); ci != "" {
		parts = append(parts, ci)
	}
	parts = append(parts, plural(c.Interactions(r.j.Today), "interaction"))
	if k := len(r.network().near[c]); k > 0 {
		parts = append(parts, "linked to "+plural(k, "person"))
	}
	return strings.Join(parts, " · ")
}

// textWidth estimates the width of s in a sans-serif font of the size:
// what a label needs so that labels do not overlap.
func textWidth(s string, size float64) float64 {
	var em float64
	for _, c := range s {
		switch {
		case strings.ContainsRune("iljtfr.,'’:;!|I ", c):
			em += 0.34
		case strings.ContainsRune("mwMW", c):
			em += 0.92
		case c >= 'A' && c <= 'Z':
			em += 0.72
		default:
			em += 0.6
		}
	}
	return em * size
}

// NetworkPage is the data of network.html.
type NetworkPage struct {
	*Page
	Contacts      int            // all of them, drawn or not
	Graph         *Graph         // nil when no one is linked
	Connectors    []Connector    // the most linked people
	Introductions []Introduction // who introduced whom
	Alone         []ContactRef
	Links         int
}

// Connector is a contact with how many people they are linked to.
type Connector struct {
	C      ContactRef
	People int
	Events int // past events shared with other contacts
}

// Introduction is one contact introducing another.
type Introduction struct {
	By, Whom ContactRef
	Met      time.Time // when they met, zero when not recorded
}

func (r *renderer) networkPage() {
	n := r.network()
	np := &NetworkPage{Page: r.page("network.html", "Network", "network"), Contacts: len(r.j.Contacts), Graph: r.whole(), Links: len(n.links)}
	for _, c := range r.j.Contacts {
		near := n.near[c]
		if len(near) == 0 {
			np.Alone = append(np.Alone, r.v.contact(c))
			continue
		}
		k := Connector{C: r.v.contact(c), People: len(near)}
		for _, l := range near {
			k.Events += l.events
		}
		np.Connectors = append(np.Connectors, k)
		if c.IntroducedBy != nil {
			in := Introduction{By: r.v.contact(c.IntroducedBy), Whom: r.v.contact(c)}
			if c.Met != nil {
				in.Met = c.Met.Date.Day()
			}
			np.Introductions = append(np.Introductions, in)
		}
	}
	sort.SliceStable(np.Connectors, func(a, b int) bool {
		x, y := np.Connectors[a], np.Connectors[b]
		if x.People != y.People {
			return x.People > y.People
		}
		return x.Events > y.Events
	})
	if len(np.Connectors) > 8 {
		np.Connectors = np.Connectors[:8]
	}
	r.write("network.html", np.Page, np)
}
