package page

import (
	"fmt"
	"math"
	"reflect"
	"time"
	"unsafe"

	"github.com/netjournal/netjournal/internal/typefunc"
)

// A page's key is computed for every page whose data is not the last
// build's, which on a build in a new process is every page; walking the
// data through reflect was most of it. As with Equal, each type's hashing
// is built once, over the value's memory. It writes exactly the bytes
// hasher.value writes (TestHashIsTheReflectWalk holds it to them), so a
// key does not depend on which of the two computed it; interfaces and
// maps still go through hasher.value.

// hashFunc writes the value of one type at p.
type hashFunc func(w *hasher, p unsafe.Pointer, depth int) error

var hashFuncs = &typefunc.Compiler[hashFunc]{
	Forward: func(slot *hashFunc) hashFunc {
		return func(w *hasher, p unsafe.Pointer, depth int) error { return (*slot)(w, p, depth) }
	},
}

func init() { hashFuncs.Build = buildHash } // buildHash reaches hashFuncs

// data writes a page's data.
func (w *hasher) data(data any) error {
	if data == nil {
		return w.value(reflect.Value{}, 0)
	}
	t := reflect.TypeOf(data)
	if t.Kind() == reflect.Pointer {
		ptr := reflect.ValueOf(data).UnsafePointer()
		return hashFuncs.Of(t)(w, unsafe.Pointer(&ptr), 0)
	}
	v := reflect.New(t)
	v.Elem().Set(reflect.ValueOf(data))
	return hashFuncs.Of(t)(w, v.UnsafePointer(), 0)
}

func errTooDeep() error { return fmt.Errorf("nested more than %d deep: a cycle?", maxDepth) }

func buildHash(t reflect.Type) hashFunc {
	kind := int64(t.Kind())
	// Every value is written as the walk writes it: after a check of its
	// depth, its kind, then what follows.
	then := func(rest func(w *hasher, p unsafe.Pointer, depth int) error) hashFunc {
		return func(w *hasher, p unsafe.Pointer, depth int) error {
			if depth > maxDepth {
				return errTooDeep()
			}
			w.int(kind)
			return rest(w, p, depth)
		}
	}
	// number is the hashing of a kind that writes one number.
	number := func(num func(p unsafe.Pointer) int64) hashFunc {
		return then(func(w *hasher, p unsafe.Pointer, _ int) error {
			w.int(num(p))
			return nil
		})
	}
	switch t.Kind() {
	case reflect.String:
		return then(func(w *hasher, p unsafe.Pointer, _ int) error {
			w.str(*(*string)(p))
			return nil
		})
	case reflect.Bool:
		return number(func(p unsafe.Pointer) int64 {
			if *(*bool)(p) {
				return 1
			}
			return 0
		})
	case reflect.Int:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*int)(p)) })
	case reflect.Int8:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*int8)(p)) })
	case reflect.Int16:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*int16)(p)) })
	case reflect.Int32:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*int32)(p)) })
	case reflect.Int64:
		return number(func(p unsafe.Pointer) int64 { return *(*int64)(p) })
	case reflect.Uint:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*uint)(p)) })
	case reflect.Uint8:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*uint8)(p)) })
	case reflect.Uint16:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*uint16)(p)) })
	case reflect.Uint32:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*uint32)(p)) })
	case reflect.Uint64:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*uint64)(p)) })
	case reflect.Uintptr:
		return number(func(p unsafe.Pointer) int64 { return int64(*(*uintptr)(p)) })
	case reflect.Float32:
		return number(func(p unsafe.Pointer) int64 { return int64(math.Float64bits(float64(*(*float32)(p)))) })
	case reflect.Float64:
		return number(func(p unsafe.Pointer) int64 { return int64(math.Float64bits(*(*float64)(p))) })
	case reflect.Pointer:
		elem := hashFuncs.OfLocked(t.Elem())
		return then(func(w *hasher, p unsafe.Pointer, depth int) error {
			ptr := *(*unsafe.Pointer)(p)
			if ptr == nil {
				w.int(0)
				return nil
			}
			w.int(1)
			return elem(w, ptr, depth+1)
		})
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return then(func(w *hasher, p unsafe.Pointer, _ int) error {
				s := (*sliceHeader)(p)
				w.int(int64(s.len))
				w.str(unsafe.String((*byte)(s.data), s.len))
				return nil
			})
		}
		elem, size := hashFuncs.OfLocked(t.Elem()), t.Elem().Size()
		return then(func(w *hasher, p unsafe.Pointer, depth int) error {
			s := (*sliceHeader)(p)
			w.int(int64(s.len))
			return each(w, s.data, uintptr(s.len), size, elem, depth)
		})
	case reflect.Array:
		elem, size, n := hashFuncs.OfLocked(t.Elem()), t.Elem().Size(), uintptr(t.Len())
		return then(func(w *hasher, p unsafe.Pointer, depth int) error {
			w.int(int64(n))
			return each(w, p, n, size, elem, depth)
		})
	case reflect.Struct:
		if t == timeType {
			return then(func(w *hasher, p unsafe.Pointer, _ int) error {
				w.time(*(*time.Time)(p))
				return nil
			})
		}
		if !allExported(t) {
			break // hasher.value names the field
		}
		name := t.String()
		type field struct {
			off  uintptr
			hash hashFunc
		}
		fields := make([]field, t.NumField())
		for i := range fields {
			f := t.Field(i)
			fields[i] = field{f.Offset, hashFuncs.OfLocked(f.Type)}
		}
		return then(func(w *hasher, p unsafe.Pointer, depth int) error {
			w.str(name)
			for _, f := range fields {
				if err := f.hash(w, unsafe.Add(p, f.off), depth+1); err != nil {
					return err
				}
			}
			return nil
		})
	}
	// Interfaces, maps and what is not plain data go through reflect.
	return func(w *hasher, p unsafe.Pointer, depth int) error {
		return w.value(reflect.NewAt(t, p).Elem(), depth)
	}
}

// each writes the n elements of size bytes from p.
func each(w *hasher, p unsafe.Pointer, n, size uintptr, elem hashFunc, depth int) error {
	for i := range n {
		if err := elem(w, unsafe.Add(p, i*size), depth+1); err != nil {
			return err
		}
	}
	return nil
}
