package par

import (
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		calls := make([]atomic.Int32, n)
		Each(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("n=%d: f(%d) called %d times", n, i, c)
			}
		}
	}
}

func TestAll(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		if !All(n, func(int) bool { return true }) {
			t.Errorf("n=%d: not all of f true", n)
		}
		if n > 0 && All(n, func(i int) bool { return i != n-1 }) {
			t.Errorf("n=%d: all true though f(%d) is false", n, n-1)
		}
	}
}
