// Package recent keeps values used recently: in the current build and in
// the one before. A value a build does not ask for is forgotten after the
// next, so that the caches of a long watch session stay the size of the
// site, and a value asked for again is kept on. Every cache of a build
// that remembers by key is one of these.
package recent

import (
	"hash/maphash"
	"sync"
)

// Map is a map of the values used since the last Sweep and in the sweep
// before it. The zero Map is ready to use; its methods are safe for
// concurrent use.
//
// It is in shards by the key's hash, each with its lock: a build asks its
// caches for every page and body on every core, and with one lock for a
// cache the cores took turns at it.
type Map[K comparable, V any] struct {
	shards [shardCount]shard[K, V]
}

const shardCount = 16

var seed = maphash.MakeSeed()

// shard is a part of a Map, padded to a cache line of its own.
type shard[K comparable, V any] struct {
	mu        sync.Mutex
	cur, prev map[K]V
	_         [64]byte
}

func (m *Map[K, V]) shard(k K) *shard[K, V] {
	return &m.shards[maphash.Comparable(seed, k)%shardCount]
}

// Get returns the value of k, if it was used since the Sweep before last.
func (m *Map[K, V]) Get(k K) (V, bool) {
	s := m.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.cur[k]
	if !ok {
		if v, ok = s.prev[k]; ok {
			if s.cur == nil {
				s.cur = map[K]V{}
			}
			s.cur[k] = v
		}
	}
	return v, ok
}

// Put sets the value of k.
func (m *Map[K, V]) Put(k K, v V) {
	s := m.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		s.cur = map[K]V{}
	}
	s.cur[k] = v
}

// Sweep forgets what was not used since the Sweep before. The next build
// uses about as many values as this one: the new maps are sized so, and
// are not grown and rehashed step by step.
func (m *Map[K, V]) Sweep() {
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		s.prev, s.cur = s.cur, make(map[K]V, len(s.cur))
		s.mu.Unlock()
	}
}

// Clear forgets every value.
func (m *Map[K, V]) Clear() {
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		s.prev, s.cur = nil, nil
		s.mu.Unlock()
	}
}

// Len is the number of values held.
func (m *Map[K, V]) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		n += len(s.cur)
		for k := range s.prev {
			if _, ok := s.cur[k]; !ok {
				n++
			}
		}
		s.mu.Unlock()
	}
	return n
}

// Delete forgets the value of k.
func (m *Map[K, V]) Delete(k K) {
	s := m.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.cur, k)
	delete(s.prev, k)
}
