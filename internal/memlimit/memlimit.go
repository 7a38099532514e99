// Package memlimit gives a netjournal process a memory budget: a soft
// limit on the Go runtime's memory (runtime/debug.SetMemoryLimit), which
// makes the collector run sooner as the heap nears it, and which is
// raised as the live heap grows, so that a site too large for the budget
// is built at an ordinary pace rather than with the collector running
// without a pause.
//
// With GOGC's default the heap grows to twice what was live after the
// last collection before it is collected again, and further while the
// collector marks: a build of 100,000 posts peaks at 1.9 GB of heap for
// about 0.95 GB live, and 2.33 GB resident. Held at the budget it peaks at
// 1.5 GB and 1.76 GB resident, in the same time (only the render's peak is
// near the budget). A smaller site never reaches it and runs as without.
package memlimit

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Budget is the default budget: 1.7 GiB.
const Budget = 1700 << 20

// For is the limit kept for a live heap of live bytes: the budget, or,
// for a live heap of more than two thirds of it, half as much again as
// the live heap, so that the collector runs no more often than GOGC=50
// would have it.
func For(budget, live int64) int64 {
	return max(budget, live+live/2)
}

// FirstHeap is how much memory the process may take before its first
// collection. The runtime collects first at 4 MB and then each time the
// heap doubles: an edited build of 10,000 posts, whose heap grows to 200
// MB in half a second, was collected thirteen times, ten of them before
// 64 MB, each with its pauses and its assists.
const FirstHeap = 64 << 20

// Start sets the soft memory limit to budget and keeps it at For(budget,
// live heap) after each collection, until stop is called (the limit and
// GOGC are then left as they were before). Before the first collection
// the collector waits for the process to take FirstHeap (GOGC off under a
// limit of FirstHeap), unless GOGC is set in the environment. With
// GOMEMLIMIT set it does nothing: the user's limit stands.
func Start(budget int64) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	g := &guard{budget: budget, before: debug.SetMemoryLimit(-1)}
	if os.Getenv("GOGC") == "" && budget > FirstHeap {
		g.percent, g.first = debug.SetGCPercent(-1), true
		debug.SetMemoryLimit(FirstHeap)
	} else {
		debug.SetMemoryLimit(budget)
	}
	g.arm()
	return g.stop
}

// guard raises the limit after collections: a sentinel let go when it is
// made is found unreachable by the next collection, whose cleanup sets
// the limit for the live heap it left and makes the next sentinel. After
// the first, it turns GOGC back on (first).
type guard struct {
	budget  int64
	before  int64
	percent int  // GOGC as it was, while first
	first   bool // waiting for the first collection, GOGC off
	mu      sync.Mutex
	stopped bool
}

// sentinel is large enough not to share a tiny allocation, whose
// cleanups may never run.
type sentinel struct{ _ [32]byte }

func (g *guard) arm() {
	s := new(sentinel)
	runtime.AddCleanup(s, func(g *guard) { g.collected() }, g)
}

func (g *guard) collected() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped {
		return
	}
	g.restorePercent()
	debug.SetMemoryLimit(For(g.budget, liveHeap()))
	g.arm()
}

// restorePercent puts GOGC back as it was, once: called with g.mu held.
func (g *guard) restorePercent() {
	if g.first {
		g.first = false
		debug.SetGCPercent(g.percent)
	}
}

func (g *guard) stop() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.stopped {
		g.stopped = true
		g.restorePercent()
		debug.SetMemoryLimit(g.before)
	}
}

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(min(s[0].Value.Uint64(), math.MaxInt64))
}
