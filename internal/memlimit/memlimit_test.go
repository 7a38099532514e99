package memlimit

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestFor(t *testing.T) {
	const budget = 1200
	for _, c := range []struct{ live, want int64 }{
		{0, budget},
		{500, budget},
		{800, budget}, // two thirds: half as much again is the budget
		{1000, 1500},
		{4000, 6000},
	} {
		if got := For(budget, c.live); got != c.want {
			t.Errorf("For(%d, %d) = %d, want %d", budget, c.live, got, c.want)
		}
	}
}

// TestUsersLimitStands: with GOMEMLIMIT set, Start changes nothing.
func TestUsersLimitStands(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "3GiB")
	before := debug.SetMemoryLimit(-1)
	stop := Start(1 << 20)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d after Start with GOMEMLIMIT set, want %d as before", got, before)
	}
	stop()
}

// TestRaisedForLiveHeap: the limit is the budget until the live heap
// needs more, then raised after a collection; stop puts back the limit
// there was.
func TestRaisedForLiveHeap(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	const budget = 64 << 20
	stop := Start(budget)
	defer stop()
	if got := debug.SetMemoryLimit(-1); got != budget {
		t.Fatalf("limit %d after Start, want the budget %d", got, budget)
	}
	live := make([]byte, 96<<20) // more than two thirds of the budget
	for i := range live {
		live[i] = byte(i)
	}
	want := int64(len(live)) * 3 / 2
	deadline := time.Now().Add(20 * time.Second)
	for debug.SetMemoryLimit(-1) < want {
		if time.Now().After(deadline) {
			t.Fatalf("limit %d after collections with %d bytes live, want at least %d", debug.SetMemoryLimit(-1), len(live), want)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d after stop, want %d as before", got, before)
	}
	// Stopped, it no longer changes the limit.
	debug.SetMemoryLimit(before)
	runtime.GC()
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d after collections past stop, want %d", got, before)
	}
}

// TestFirstCollectionWaits: until the first collection the collector
// waits for FirstHeap (GOGC off under that limit); the first one turns
// GOGC back on as it was, and the limit to the budget.
func TestFirstCollectionWaits(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	beforeLimit := debug.SetMemoryLimit(-1)
	beforePercent := debug.SetGCPercent(100)
	defer debug.SetGCPercent(beforePercent)
	const budget = 1 << 30
	stop := Start(budget)
	defer stop()
	if got := debug.SetMemoryLimit(-1); got != FirstHeap {
		t.Errorf("limit %d after Start, want FirstHeap %d", got, FirstHeap)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GOGC %d after Start, want off (-1)", got)
	}
	deadline := time.Now().Add(20 * time.Second)
	for debug.SetMemoryLimit(-1) != budget {
		if time.Now().After(deadline) {
			t.Fatalf("limit %d after collections, want the budget %d", debug.SetMemoryLimit(-1), budget)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC %d after the first collection, want 100 as before", got)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != beforeLimit {
		t.Errorf("limit %d after stop, want %d", got, beforeLimit)
	}
}

// TestUsersGOGCStands: with GOGC set, the first collection is the
// runtime's: Start sets the budget alone.
func TestUsersGOGCStands(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "200")
	before := debug.SetGCPercent(200)
	defer debug.SetGCPercent(before)
	stop := Start(1 << 30)
	defer stop()
	if got := debug.SetGCPercent(200); got != 200 {
		t.Errorf("GOGC %d after Start with GOGC set, want 200", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("limit %d, want the budget", got)
	}
}
