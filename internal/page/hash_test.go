package page

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	template "github.com/netjournal/netjournal/internal/gotemplate/html"
)

// recorder is a hash that keeps what is written to it.
type recorder struct{ bytes.Buffer }

func (r *recorder) Sum(b []byte) []byte { return append(b, r.Bytes()...) }
func (r *recorder) Size() int           { return 0 }
func (r *recorder) BlockSize() int      { return 1 }

// TestHashIsTheReflectWalk: the compiled hashing writes exactly the bytes
// the reflect walk writes, for random page data (nested, recursive, with
// interfaces, maps, times and big strings) and for plain values, and
// fails where the walk fails, on data that is not plain.
func TestHashIsTheReflectWalk(t *testing.T) {
	written := func(data any, compiled bool) (string, error) {
		var r recorder
		w := hasher{h: &r, buf: make([]byte, 0, 8192)}
		var err error
		if compiled {
			err = w.data(data)
		} else {
			err = w.value(reflect.ValueOf(data), 0)
		}
		w.flush()
		return r.String(), err
	}
	rng := rand.New(rand.NewPCG(3, 4))
	data := randomData(rng)
	type numbers struct {
		I8  int8
		I16 int16
		I32 int32
		U   uint
		U8  uint8
		U16 uint16
		U32 uint32
		U64 uint64
		P   uintptr
		F32 float32
		B   []byte
		A   [3]int
	}
	values := []any{nil, "a", 3, true, 1.5, []string{"x"}, [2]bool{true}, strings.Repeat("big ", 1000),
		numbers{-1, -2, -3, 4, 5, 6, 7, 8, 9, 1.25, []byte("bytes"), [3]int{1, 2, 3}}, &numbers{}, map[string]int{"b": 2, "a": 1}}
	for range 5000 {
		d := data(0)
		if rng.IntN(10) == 0 {
			d.HTML += template.HTML(strings.Repeat("<p>long</p>", 300))
		}
		values = append(values, d, *d, d.TOC)
	}
	for i, v := range values {
		want, werr := written(v, false)
		got, gerr := written(v, true)
		if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
			t.Fatalf("value %d (%T): error %v, the walk's %v", i, v, gerr, werr)
		}
		if got != want {
			t.Fatalf("value %d (%T): the compiled hashing wrote other bytes than the walk", i, v)
		}
	}
	// Not plain data fails in both, with the same words.
	type hidden struct {
		Shown string
		gone  int
	}
	type withFunc struct{ F func() }
	deep := &eqHeading{}
	for h, k := deep, 0; k < maxDepth; k++ {
		h.Children = []eqHeading{{}}
		h = &h.Children[0]
	}
	for _, v := range []any{hidden{}, &hidden{}, withFunc{}, []withFunc{{}}, deep} {
		_, werr := written(v, false)
		_, gerr := written(v, true)
		if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
			t.Errorf("%T: errors %v and %v, want the same error", v, gerr, werr)
		}
	}

}
