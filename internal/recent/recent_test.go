package recent

import (
	"sync"
	"testing"
)

// TestKeepsTwoBuilds: a value is found in the build it was put in and the
// next, is kept on while it is used, and is gone a build after it is not.
func TestKeepsTwoBuilds(t *testing.T) {
	var m Map[string, int]
	if _, ok := m.Get("a"); ok {
		t.Fatal("an empty map has a value")
	}
	m.Put("a", 1)
	m.Put("b", 2)
	m.Sweep() // build 2
	if v, ok := m.Get("a"); !ok || v != 1 {
		t.Fatalf("a = %d, %v in the next build", v, ok)
	}
	m.Sweep() // build 3: a was used in build 2, b was not
	if v, ok := m.Get("a"); !ok || v != 1 {
		t.Errorf("a, used in the build before, = %d, %v", v, ok)
	}
	if _, ok := m.Get("b"); ok {
		t.Error("b, unused for a build, is still there")
	}
	m.Sweep()
	m.Sweep()
	if _, ok := m.Get("a"); ok {
		t.Error("a, unused for two builds, is still there")
	}
}

// TestConcurrent: values put from several goroutines at once are all
// there after, and each is the one put.
func TestConcurrent(t *testing.T) {
	var m Map[int, int]
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 1000 {
				m.Put(g*1000+i, i)
				m.Get((g + 1) % 4 * 1000)
			}
		})
	}
	wg.Wait()
	for k := range 4000 {
		if v, ok := m.Get(k); !ok || v != k%1000 {
			t.Fatalf("%d = %d, %v after concurrent puts; want %d", k, v, ok, k%1000)
		}
	}
}
