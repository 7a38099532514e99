package page

import (
	"reflect"
	"time"
	"unsafe"

	"github.com/netjournal/netjournal/internal/typefunc"
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
var eqFuncs = &typefunc.Compiler[eqFunc]{
	Forward: func(slot *eqFunc) eqFunc {
		return func(a, b unsafe.Pointer, depth int) bool { return (*slot)(a, b, depth) }
	},
}

func init() { eqFuncs.Build = buildEq } // buildEq reaches eqFuncs

func eqOf(t reflect.Type) eqFunc       { return eqFuncs.Of(t) }
func eqOfLocked(t reflect.Type) eqFunc { return eqFuncs.OfLocked(t) }

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
