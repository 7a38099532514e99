// Package recent keeps values used recently: in the current build and in
// the one before. A value a build does not ask for is forgotten after the
// next, so that the caches of a long watch session stay the size of the
// site, and a value asked for again is kept on. Every cache of a build
// that remembers by key is one of these.
package recent

import "sync"

// Map is a map of the values used since the last Sweep and in the sweep
// before it. The zero Map is ready to use; its methods are safe for
// concurrent use.
type Map[K comparable, V any] struct {
	mu        sync.Mutex
	cur, prev map[K]V
}

// Get returns the value of k, if it was used since the Sweep before last.
func (m *Map[K, V]) Get(k K) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.cur[k]
	if !ok {
		if v, ok = m.prev[k]; ok {
			m.cur[k] = v
		}
	}
	return v, ok
}

// Put sets the value of k.
func (m *Map[K, V]) Put(k K, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cur == nil {
		m.cur = map[K]V{}
	}
	m.cur[k] = v
}

// Sweep forgets what was not used since the Sweep before. The next build
// uses about as many values as this one: the new map is sized so, and is
// not grown and rehashed step by step.
func (m *Map[K, V]) Sweep() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.prev, m.cur = m.cur, make(map[K]V, len(m.cur))
}

// Clear forgets every value.
func (m *Map[K, V]) Clear() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.prev, m.cur = nil, nil
}

// Len is the number of values held.
func (m *Map[K, V]) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := len(m.cur)
	for k := range m.prev {
		if _, ok := m.cur[k]; !ok {
			n++
		}
	}
	return n
}

// Delete forgets the value of k.
func (m *Map[K, V]) Delete(k K) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.cur, k)
	delete(m.prev, k)
}
