package build

import (
	"os"
	"runtime"
	"testing"
)

// TestRestDue: a rebuild loop collects while it waits for the next save
// when the next rebuild, allocating up to twice what the last did, would
// begin a collection (seven tenths of the way from the live heap to the
// goal), and after the first build, which leaves the most garbage; not
// otherwise.
func TestRestDue(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		h    heapState
		last uint64
		want bool
	}{
		{heapState{objects: 900 * mb, live: 600 * mb, goal: 1200 * mb}, 70 * mb, true}, // 1,040 MB of the 1,020 where it begins
		{heapState{objects: 700 * mb, live: 600 * mb, goal: 1200 * mb}, 70 * mb, false},
		{heapState{objects: 1000 * mb, live: 600 * mb, goal: 1200 * mb}, 1 * mb, false}, // at 1,002 MB, close but not past
		{heapState{objects: 610 * mb, live: 600 * mb, goal: 1200 * mb}, 0, true},        // the first build
		{heapState{objects: 900 * mb}, 70 * mb, false},                                  // nothing known of the collector
	} {
		if got := restDue(c.h, c.last); got != c.want {
			t.Errorf("restDue(%+v, %d) = %v, want %v", c.h, c.last, got, c.want)
		}
	}
}

// TestRestCollects: after the first build, Rest begins a collection on a
// goroutine of its own, and Rested waits for it to end.
func TestRestCollects(t *testing.T) {
	b := NewBuilder(os.DirFS(t.TempDir()))
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.Rest()
	b.Rested()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if after.NumForcedGC <= before.NumForcedGC {
		t.Errorf("no collection after the first build's Rest: forced %d, then %d", before.NumForcedGC, after.NumForcedGC)
	}
	b.Rested() // nothing begun: returns at once
}
