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
