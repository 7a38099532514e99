// Package par runs independent work on every core.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(0) … f(n-1), on as many goroutines as there are cores, and
// returns when all calls have. f must be safe to call concurrently.
func Each(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// All reports whether f(i) is true for every i from 0 to n-1, calling f
// on every core as Each does; once one is false, the calls not yet begun
// are not made.
func All(n int, f func(i int) bool) bool {
	var failed atomic.Bool
	Each(n, func(i int) {
		if !failed.Load() && !f(i) {
			failed.Store(true)
		}
	})
	return !failed.Load()
}
