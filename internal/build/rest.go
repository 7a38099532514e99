package build

import (
	"runtime"
	"runtime/metrics"
)

// Rest collects the garbage of the renders so far, on a goroutine of its
// own, if the next render would likely begin a collection otherwise: a
// rebuild loop (serve, build --watch) calls it once a render's files are
// written, when it waits for the next save. A rebuild under serve at
// 10,000 posts allocates some 70 MB, and every sixth or seventh began a
// collection, which marked the 600 MB live for a quarter of a second
// beside it and the one after: the slowest tenth of the rebuilds after
// an added event took from 248 to 329 ms, against 193 to 246 ms with
// Rest (BenchmarkEditLatency's p90-ms, three runs each, alternated; the
// medians within the minutes' noise). A collection made at rest is over
// before a person saves again; a save at once is rebuilt beside it, as
// it was beside the collector before. Rested waits for it.
func (b *Builder) Rest() {
	now := readHeap()
	last := now.allocs - b.restAllocs
	if b.restAllocs == 0 {
		last = 0 // the first build: no rebuild yet to go by
	}
	b.restAllocs = now.allocs
	if !restDue(now, last) {
		return
	}
	done := make(chan struct{})
	b.resting = done
	go func() {
		defer close(done)
		runtime.GC()
	}()
}

// Rested waits for the collection Rest began, if any.
func (b *Builder) Rested() {
	if b.resting != nil {
		<-b.resting
		b.resting = nil
	}
}

// heapState is what restDue decides by, read from runtime/metrics.
type heapState struct {
	objects uint64 // the heap's objects now, live or not yet collected
	live    uint64 // what the last collection found live
	goal    uint64 // the heap the collector means to end its next collection at
	allocs  uint64 // every byte allocated so far
}

func readHeap() heapState {
	s := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/gc/heap/allocs:bytes"},
	}
	metrics.Read(s)
	v := func(i int) uint64 {
		if s[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return s[i].Value.Uint64()
	}
	return heapState{objects: v(0), live: v(1), goal: v(2), allocs: v(3)}
}

// restDue reports whether a collection is due before the next rebuild,
// which may allocate twice what the last one did (last): whether the
// heap would then pass seven tenths of the way from the live heap to the
// goal, where the collector begins one (it begins well before the goal,
// to end by it). After the first build (last 0), which leaves the most
// garbage of all, one is always due.
func restDue(h heapState, last uint64) bool {
	if last == 0 {
		return true
	}
	if h.goal <= h.live {
		return false // nothing known yet
	}
	return h.objects+2*last >= h.live+(h.goal-h.live)*7/10
}
