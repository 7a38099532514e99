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
