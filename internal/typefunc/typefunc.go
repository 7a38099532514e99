// Package typefunc builds a function for each Go type once and keeps it:
// the comparisons and hashes that walk values through their memory, made
// from each type's field offsets and element sizes (page.Equal, page's
// keys, journal.Same), not looked up through reflect on every value.
package typefunc

import (
	"reflect"
	"sync"
)

// Compiler builds a function for each type once and keeps it. Building
// is done under a lock, and a type's function is published only once it
// and every type it holds are built: a type that holds itself (a heading
// with headings under it) reaches its own function through a slot,
// filled at the end of its building.
type Compiler[F any] struct {
	Build   func(reflect.Type) F // calls OfLocked for the types t holds
	Forward func(slot *F) F      // a function that calls what slot will hold

	done  sync.Map // reflect.Type → F
	mu    sync.Mutex
	slots map[reflect.Type]*F // under mu: built or being built
}

// Of returns the function for t.
func (c *Compiler[F]) Of(t reflect.Type) F {
	if f, ok := c.done.Load(t); ok {
		return f.(F)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.OfLocked(t)
	for t, slot := range c.slots {
		c.done.Store(t, *slot)
	}
	clear(c.slots)
	return f
}

// OfLocked returns the function for t while one is being built: for
// Build, for the types t holds.
func (c *Compiler[F]) OfLocked(t reflect.Type) F {
	if f, ok := c.done.Load(t); ok {
		return f.(F)
	}
	if slot, ok := c.slots[t]; ok {
		return c.Forward(slot)
	}
	if c.slots == nil {
		c.slots = map[reflect.Type]*F{}
	}
	slot := new(F)
	c.slots[t] = slot
	*slot = c.Build(t)
	return *slot
}
