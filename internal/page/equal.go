package page

import (
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// Equal is asked of every page on every rebuild, and walking two values
// field by field through reflect was the largest single cost of an edit.
// So each type's comparison is built once, as a function over the values'
// memory: field offsets, element sizes and kinds are looked up when it is
// built, not on every comparison. It answers as equal, the reflect walk
// (still used for interfaces and maps), does, or says "different" where
// that is unsure, which costs only a hash; TestEqualIsTheReflectWalk holds
// it to that.

// eqFunc compares two values of one type, given their addresses.
type eqFunc func(a, b unsafe.Pointer, depth int) bool

// eqFuncs holds the comparison of each type.
var eqFuncs = &compiler[eqFunc]{
	forward: func(slot *eqFunc) eqFunc {
		return func(a, b unsafe.Pointer, depth int) bool { return (*slot)(a, b, depth) }
	},
}

func init() { eqFuncs.build = buildEq } // buildEq reaches eqFuncs

func eqOf(t reflect.Type) eqFunc       { return eqFuncs.of(t) }
func eqOfLocked(t reflect.Type) eqFunc { return eqFuncs.ofLocked(t) }

// compiler builds a function for each type once and keeps it. Building
// is done under mu, and a type's function is published only once it and
// every type it holds are built: a type that holds itself (a heading
// with headings under it) reaches its own function through a slot,
// filled at the end of its building.
type compiler[F any] struct {
	build   func(reflect.Type) F // calls ofLocked for the types t holds
	forward func(slot *F) F      // a function that calls what slot will hold

	done  sync.Map // reflect.Type → F
	mu    sync.Mutex
	slots map[reflect.Type]*F // under mu: built or being built
}

// of returns the function for t.
func (c *compiler[F]) of(t reflect.Type) F {
	if f, ok := c.done.Load(t); ok {
		return f.(F)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.ofLocked(t)
	for t, slot := range c.slots {
		c.done.Store(t, *slot)
	}
	clear(c.slots)
	return f
}

// ofLocked returns the function for t, with mu held.
func (c *compiler[F]) ofLocked(t reflect.Type) F {
	if f, ok := c.done.Load(t); ok {
		return f.(F)
	}
	if slot, ok := c.slots[t]; ok {
		return c.forward(slot)
	}
	if c.slots == nil {
		c.slots = map[reflect.Type]*F{}
	}
	slot := new(F)
	c.slots[t] = slot
	*slot = c.build(t)
	return *slot
}

func buildEq(t reflect.Type) eqFunc {
	switch t.Kind() {
	case reflect.String:
		return func(a, b unsafe.Pointer, _ int) bool { return *(*string)(a) == *(*string)(b) }
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		// The same bits: for floats, stricter than the same number, never
		// looser (a key hashes the bits).
		size := t.Size()
		return func(a, b unsafe.Pointer, _ int) bool {
			return unsafe.String((*byte)(a), size) == unsafe.String((*byte)(b), size)
		}
	case reflect.Pointer:
		elem := eqOfLocked(t.Elem())
		return func(a, b unsafe.Pointer, depth int) bool {
			pa, pb := *(*unsafe.Pointer)(a), *(*unsafe.Pointer)(b)
			if pa == nil || pb == nil {
				return pa == pb
			}
			if pa == pb {
				return true
			}
			return depth < maxDepth && elem(pa, pb, depth+1)
		}
	case reflect.Slice:
		elem, size := eqOfLocked(t.Elem()), t.Elem().Size()
		return func(a, b unsafe.Pointer, depth int) bool {
			sa, sb := (*sliceHeader)(a), (*sliceHeader)(b)
			if sa.len != sb.len {
				return false
			}
			if sa.len == 0 || sa.data == sb.data {
				return true // the very same elements
			}
			if depth >= maxDepth {
				return false
			}
			for i := range uintptr(sa.len) {
				if !elem(unsafe.Add(sa.data, i*size), unsafe.Add(sb.data, i*size), depth+1) {
					return false
				}
			}
			return true
		}
	case reflect.Array:
		elem, size, n := eqOfLocked(t.Elem()), t.Elem().Size(), uintptr(t.Len())
		return func(a, b unsafe.Pointer, depth int) bool {
			if depth >= maxDepth {
				return false
			}
			for i := range n {
				if !elem(unsafe.Add(a, i*size), unsafe.Add(b, i*size), depth+1) {
					return false
				}
			}
			return true
		}
	case reflect.Struct:
		if t == timeType {
			return func(a, b unsafe.Pointer, _ int) bool { return *(*time.Time)(a) == *(*time.Time)(b) }
		}
		if !allExported(t) {
			return func(a, b unsafe.Pointer, _ int) bool { return false } // not plain data: never the same page
		}
		type field struct {
			off uintptr
			eq  eqFunc
		}
		fields := make([]field, t.NumField())
		for i := range fields {
			f := t.Field(i)
			fields[i] = field{f.Offset, eqOfLocked(f.Type)}
		}
		return func(a, b unsafe.Pointer, depth int) bool {
			if depth >= maxDepth {
				return false
			}
			for _, f := range fields {
				if !f.eq(unsafe.Add(a, f.off), unsafe.Add(b, f.off), depth+1) {
					return false
				}
			}
			return true
		}
	}
	// Interfaces and maps, rare in page data, are compared through reflect.
	return func(a, b unsafe.Pointer, depth int) bool {
		return equal(reflect.NewAt(t, a).Elem(), reflect.NewAt(t, b).Elem(), depth)
	}
}

// sliceHeader is the memory of a slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}
