package journal

import (
	"reflect"
	"unsafe"

	"github.com/netjournal/netjournal/internal/typefunc"
)

// same through reflect was, at 10,000 posts, 25 ms of CPU of every
// rebuild after an event was added: a reflect.Value made for every field
// of every post, its backlinks and their sources. So each type's
// comparison is built once, as a function over the values' memory (field
// offsets, element sizes, kinds looked up when it is built), and answers
// as same does: TestSameFuncIsSame holds it to that. Interfaces and maps,
// rare in a journal's documents, are compared by same itself.

// sameFunc compares two values of one type, given their addresses.
type sameFunc func(a, b unsafe.Pointer, depth int) bool

// maxSameDepth is how deep same follows a value: deeper is not the same.
const maxSameDepth = 64

// sameFuncs holds the comparison of each type.
var sameFuncs = &typefunc.Compiler[sameFunc]{
	Forward: func(slot *sameFunc) sameFunc {
		return func(a, b unsafe.Pointer, depth int) bool { return (*slot)(a, b, depth) }
	},
}

func init() { sameFuncs.Build = buildSame } // buildSame reaches sameFuncs

func sameOf(t reflect.Type) sameFunc       { return sameFuncs.Of(t) }
func sameOfLocked(t reflect.Type) sameFunc { return sameFuncs.OfLocked(t) }

// buildSame builds the comparison of values of t, as same compares them.
func buildSame(t reflect.Type) sameFunc {
	switch t.Kind() {
	case reflect.Pointer:
		if nodeTypes[t] {
			return func(a, b unsafe.Pointer, _ int) bool {
				pa, pb := *(*unsafe.Pointer)(a), *(*unsafe.Pointer)(b)
				if pa == pb {
					return true
				}
				return pa != nil && pb != nil && sameNodeAt(t, pa, pb)
			}
		}
		elem := sameOfLocked(t.Elem())
		return func(a, b unsafe.Pointer, depth int) bool {
			pa, pb := *(*unsafe.Pointer)(a), *(*unsafe.Pointer)(b)
			if pa == pb {
				return true
			}
			return pa != nil && pb != nil && depth < maxSameDepth && elem(pa, pb, depth+1)
		}
	case reflect.Struct:
		p := planOf(t)
		if p.flat {
			size := t.Size()
			return func(a, b unsafe.Pointer, _ int) bool {
				return unsafe.String((*byte)(a), size) == unsafe.String((*byte)(b), size)
			}
		}
		type field struct {
			off  uintptr
			same sameFunc
		}
		fields := make([]field, len(p.fields))
		for k, i := range p.fields {
			f := t.Field(i)
			fields[k] = field{f.Offset, sameOfLocked(f.Type)}
		}
		return func(a, b unsafe.Pointer, depth int) bool {
			if depth > maxSameDepth {
				return false
			}
			for _, f := range fields {
				if !f.same(unsafe.Add(a, f.off), unsafe.Add(b, f.off), depth+1) {
					return false
				}
			}
			return true
		}
	case reflect.Slice:
		elem, size := sameOfLocked(t.Elem()), t.Elem().Size()
		return func(a, b unsafe.Pointer, depth int) bool {
			sa, sb := (*sliceHeader)(a), (*sliceHeader)(b)
			if sa.len != sb.len || (sa.data == nil) != (sb.data == nil) {
				return false
			}
			if sa.len == 0 || sa.data == sb.data {
				return true
			}
			if depth > maxSameDepth {
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
		if planOf(t).flat {
			size := t.Size()
			return func(a, b unsafe.Pointer, _ int) bool {
				return unsafe.String((*byte)(a), size) == unsafe.String((*byte)(b), size)
			}
		}
		elem, size, n := sameOfLocked(t.Elem()), t.Elem().Size(), uintptr(t.Len())
		return func(a, b unsafe.Pointer, depth int) bool {
			if depth > maxSameDepth {
				return false
			}
			for i := range n {
				if !elem(unsafe.Add(a, i*size), unsafe.Add(b, i*size), depth+1) {
					return false
				}
			}
			return true
		}
	case reflect.String:
		return func(a, b unsafe.Pointer, _ int) bool { return *(*string)(a) == *(*string)(b) }
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Chan, reflect.UnsafePointer:
		// The same bits: the same number, or the same memory.
		size := t.Size()
		return func(a, b unsafe.Pointer, _ int) bool {
			return unsafe.String((*byte)(a), size) == unsafe.String((*byte)(b), size)
		}
	case reflect.Float32:
		return func(a, b unsafe.Pointer, _ int) bool { return *(*float32)(a) == *(*float32)(b) }
	case reflect.Float64:
		return func(a, b unsafe.Pointer, _ int) bool { return *(*float64)(a) == *(*float64)(b) }
	case reflect.Complex64:
		return func(a, b unsafe.Pointer, _ int) bool { return *(*complex64)(a) == *(*complex64)(b) }
	case reflect.Complex128:
		return func(a, b unsafe.Pointer, _ int) bool { return *(*complex128)(a) == *(*complex128)(b) }
	case reflect.Func:
		return func(a, b unsafe.Pointer, _ int) bool {
			return *(*unsafe.Pointer)(a) == nil && *(*unsafe.Pointer)(b) == nil
		}
	}
	if t == nodeInterface {
		// A backlink's source: every post has some.
		return func(a, b unsafe.Pointer, depth int) bool {
			if t, x, y, ok := nodesAt(a, b); ok {
				if x == y {
					return true
				}
				return x != nil && y != nil && sameNodeAt(t, x, y)
			}
			return same(reflect.NewAt(t, a).Elem(), reflect.NewAt(t, b).Elem(), depth)
		}
	}
	// Other interfaces, and maps, through reflect.
	return func(a, b unsafe.Pointer, depth int) bool {
		return same(reflect.NewAt(t, a).Elem(), reflect.NewAt(t, b).Elem(), depth)
	}
}

// sliceHeader is the memory of a slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// nodesAt returns the type and address of the documents that the Nodes
// at a and b hold; ok is false unless they hold pointers of one of
// nodeTypes both.
func nodesAt(a, b unsafe.Pointer) (t reflect.Type, x, y unsafe.Pointer, ok bool) {
	switch x := (*(*Node)(a)).(type) {
	case *Contact:
		y, ok := (*(*Node)(b)).(*Contact)
		return contactPtr, unsafe.Pointer(x), unsafe.Pointer(y), ok
	case *Event:
		y, ok := (*(*Node)(b)).(*Event)
		return eventPtr, unsafe.Pointer(x), unsafe.Pointer(y), ok
	case *Post:
		y, ok := (*(*Node)(b)).(*Post)
		return postPtr, unsafe.Pointer(x), unsafe.Pointer(y), ok
	}
	return nil, nil, nil, false
}

var (
	contactPtr    = reflect.TypeFor[*Contact]()
	eventPtr      = reflect.TypeFor[*Event]()
	postPtr       = reflect.TypeFor[*Post]()
	nodeInterface = reflect.TypeFor[Node]()
)
