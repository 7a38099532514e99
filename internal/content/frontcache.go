package content

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/digest"
	"github.com/netjournal/netjournal/internal/diskcache"
)

// A document's front matter, decoded and validated, is kept in the cache
// on disk (Cache.Disk) by the hash of what it is made from: the file's
// bytes, its path and folder, and netjournal.yaml (contacts are checked
// against its circles). A build in a new process then decodes the YAML of
// the files that changed alone: decoding every file's was a twelfth of
// the CPU of a build after one edit, at 10,000 posts. The record begins
// with where the file's parts are (splitWhere), so that the file is split
// without being parsed as well.
//
// Only front matter without a problem is kept, and only when what is
// kept reads back as the very value decoded (reflect.DeepEqual): a value
// the encoding below cannot carry (a field it does not know) is decoded
// from its YAML every time, never garbled. The document's own fields
// (Doc: its path, body and lines) always come from the file.

// fronts is what parse reads front matter from and keeps it in; the zero
// fronts (no disk) decodes every file.
type fronts struct {
	disk   *diskcache.Cache
	config [sha256.Size]byte // the hash of netjournal.yaml's bytes
}

// key is the key of the front matter of the file at p, of the folder
// dir, whose bytes hash to sum; the zero key without a disk.
func (f fronts) key(dir, p string, sum [sha256.Size]byte) diskcache.Key {
	var k diskcache.Key
	if f.disk == nil {
		return k
	}
	h := sha256.New()
	h.Write([]byte("netjournal front matter 3\x00"))
	h.Write([]byte(dir + "\x00" + p + "\x00"))
	h.Write(f.config[:])
	h.Write(sum[:])
	h.Sum(k[:0])
	return k
}

// split is splitFound, from where the record of key (the rest of which
// is returned, the front matter) says the parts are, when the disk holds
// one; else by parsing the file, returning where it found the parts.
func (f fronts) split(key diskcache.Key, p string, data []byte, sum [sha256.Size]byte) (rec []byte, where splitWhere, d Doc, block []byte, err *Error) {
	if f.disk != nil {
		if b, ok := f.disk.Get(key); ok {
			if where, _, rest, ok := readRecord(b); ok {
				if d, block, ok := splitAt(p, data, sum, where); ok {
					return rest, where, d, block, nil
				}
			}
		}
	}
	d, block, where, err = splitFound(p, data, sum)
	return nil, where, d, block, err
}

// A record also says what the file's document is made of besides its
// front matter, so that a document the last build read is taken without
// reading its file (restore): the hash of the bytes before its body, its
// body's line and the digest of its body's text, and its YAML (for the
// lines of its keys).
type recordDoc struct {
	head     [sha256.Size]byte
	bodyLine int
	body     digest.Sum
	block    []byte
}

// restore is the document of the file at p in the folder dir, whose
// bytes hash to sum, as parse makes it, from the disk's record of its
// front matter, without reading the file: its body is not read
// (Doc.UnreadBody). ok is false when the disk holds no such record, or
// one that does not decode; then the file is to be read.
func (f fronts) restore(dir, p string, sum [sha256.Size]byte, cfg *Config) (doc any, errs ErrorList, key diskcache.Key, ok bool) {
	if f.disk == nil || dir == PagesDir {
		return nil, nil, key, false
	}
	key = f.key(dir, p, sum)
	b, found := f.disk.Get(key)
	if !found {
		return nil, nil, key, false
	}
	where, rd, rest, ok := readRecord(b)
	if !ok || rd == nil {
		return nil, nil, key, false
	}
	d := Doc{
		Path: p, Hash: sum, Head: rd.head,
		BodyLine: rd.bodyLine, start: where.open, unread: true, bodySum: rd.body,
	}
	decoded := true
	doc, errs = f.typed(dir, p, d, cfg, func(d *Doc, v any, errs *ErrorList, validate func(*ErrorList)) {
		if !decodeFront(rest, v) {
			decoded = false
			return
		}
		d.lines = &keyLines{block: rd.block, offset: d.start}
	})
	return doc, errs, key, decoded
}

// appendRecord appends to b the start of a record: where the parts of
// the file are, and, when its body is not blank, what restore makes its
// document of but its front matter (d, and its YAML, block).
func appendRecord(b []byte, w splitWhere, d *Doc, block []byte) []byte {
	b = appendWhere(b, w)
	if strings.TrimSpace(d.Body) == "" {
		return append(b, 0)
	}
	b = append(b, 1)
	b = append(b, d.Head[:]...)
	b = binary.AppendUvarint(b, uint64(d.BodyLine))
	body := digest.Of(d.Body)
	b = append(b, body[:]...)
	b = binary.AppendUvarint(b, uint64(len(block)))
	return append(b, block...)
}

// readRecord reads what appendRecord wrote at the start of b, and
// returns the rest; rd is nil for a record of a blank body.
func readRecord(b []byte) (w splitWhere, rd *recordDoc, rest []byte, ok bool) {
	w, b, ok = readWhere(b)
	if !ok || len(b) == 0 {
		return w, nil, nil, false
	}
	flag, b := b[0], b[1:]
	switch {
	case flag == 0:
		return w, nil, b, true
	case flag != 1 || len(b) < sha256.Size:
		return w, nil, nil, false
	}
	rd = &recordDoc{head: [sha256.Size]byte(b[:sha256.Size])}
	b = b[sha256.Size:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > math.MaxInt32 || len(b[k:]) < sha256.Size {
		return w, nil, nil, false
	}
	rd.bodyLine, b = int(n), b[k:]
	rd.body, b = digest.Sum(b[:sha256.Size]), b[sha256.Size:]
	n, k = binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b[k:])) {
		return w, nil, nil, false
	}
	rd.block, b = b[k:k+int(n)], b[k+int(n):]
	return w, rd, b, true
}

// appendWhere appends where to b, as a record begins.
func appendWhere(b []byte, w splitWhere) []byte {
	for _, n := range []int{w.open, w.head, w.block, w.blockLen} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	return b
}

// readWhere reads what appendWhere wrote at the start of b, and returns
// the rest.
func readWhere(b []byte) (w splitWhere, rest []byte, ok bool) {
	var ns [4]int
	for i := range ns {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > math.MaxInt32 {
			return w, nil, false
		}
		ns[i], b = int(n), b[k:]
	}
	return splitWhere{open: ns[0], head: ns[1], block: ns[2], blockLen: ns[3]}, b, true
}

// decodeDoc is the package's decodeDoc, taking the value from rec, the
// disk's record of key, when there is one; and keeping it, with where
// its file's parts are, when it decodes and validates without a problem.
func (f fronts) decodeDoc(key diskcache.Key, rec []byte, where splitWhere, d *Doc, block []byte, v any, errs *ErrorList, validate func(*ErrorList)) {
	if f.disk == nil {
		decodeYAML(d, block, v, errs, validate)
		return
	}
	if rec != nil && decodeFront(rec, v) {
		d.lines = &keyLines{block: block, offset: d.start}
		return
	}
	before := len(*errs)
	decodeYAML(d, block, v, errs, validate)
	if len(*errs) != before || !where.valid() {
		return
	}
	if b, ok := encodeFront(v); ok && frontRoundTrips(b, v) {
		f.disk.Put(key, append(appendRecord(nil, where, d, block), b...))
	}
}

// decodeYAML is decodeDoc, which a test counts.
var decodeYAML = decodeDoc

// frontRoundTrips reports whether b decodes to v, but for their Doc.
func frontRoundTrips(b []byte, v any) bool {
	back := reflect.New(reflect.TypeOf(v).Elem())
	if !decodeFront(b, back.Interface()) {
		return false
	}
	want := reflect.New(back.Type().Elem()).Elem()
	want.Set(reflect.ValueOf(v).Elem())
	for _, s := range []reflect.Value{want, back.Elem()} {
		if f := s.FieldByName("Doc"); f.IsValid() {
			f.Set(reflect.Zero(f.Type()))
		}
	}
	return reflect.DeepEqual(want.Interface(), back.Elem().Interface())
}

var (
	docType     = reflect.TypeFor[Doc]()
	timeType    = reflect.TypeFor[time.Time]()
	tagListType = reflect.TypeFor[TagList]()
)

// encodeFront encodes the fields of the struct v points to, but its
// embedded Doc: strings, numbers, booleans, times, and slices, pointers
// and structs of them. It reports false for anything else (a map, an
// interface, an unexported field).
func encodeFront(v any) ([]byte, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	var e frontWriter
	e.value(rv.Elem(), 0)
	return e.b, !e.bad
}

type frontWriter struct {
	b   []byte
	bad bool
}

// maxFrontDepth bounds the nesting a value may have: front matter is a
// few levels deep.
const maxFrontDepth = 16

func (e *frontWriter) value(v reflect.Value, depth int) {
	if e.bad || depth > maxFrontDepth {
		e.bad = true
		return
	}
	switch v.Kind() {
	case reflect.String:
		e.b = binary.AppendUvarint(e.b, uint64(v.Len()))
		e.b = append(e.b, v.String()...)
	case reflect.Bool:
		if v.Bool() {
			e.b = append(e.b, 1)
		} else {
			e.b = append(e.b, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.b = binary.AppendVarint(e.b, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.b = binary.AppendUvarint(e.b, v.Uint())
	case reflect.Float32, reflect.Float64:
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v.Float()))
	case reflect.Slice:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		e.b = binary.AppendUvarint(e.b, uint64(v.Len())+1)
		for i := range v.Len() {
			e.value(v.Index(i), depth+1)
		}
	case reflect.Pointer:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		e.b = append(e.b, 1)
		e.value(v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == timeType {
			b, err := v.Interface().(time.Time).MarshalBinary()
			if err != nil {
				e.bad = true
				return
			}
			e.b = binary.AppendUvarint(e.b, uint64(len(b)))
			e.b = append(e.b, b...)
			return
		}
		fields, ok := frontFields(v.Type())
		if !ok {
			e.bad = true
			return
		}
		for _, i := range fields {
			e.value(v.Field(i), depth+1)
		}
	default:
		e.bad = true
	}
}

// frontFields are the fields of the struct type t that the encoding
// carries, by index: all but an embedded Doc. It reports false for a
// struct with an unexported field, which the encoding cannot carry.
func frontFields(t reflect.Type) ([]int, bool) {
	var fields []int
	for i := range t.NumField() {
		f := t.Field(i)
		switch {
		case f.Anonymous && f.Type == docType:
		case !f.IsExported():
			return nil, false
		default:
			fields = append(fields, i)
		}
	}
	return fields, true
}

// decodeFront decodes what encodeFront wrote into the struct v points to,
// leaving its Doc as it is. It reports whether b was whole and exactly
// such a value; it never panics, whatever b holds.
func decodeFront(b []byte, v any) bool {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return false
	}
	r := frontReader{b: b, ok: true}
	// Into a value of its own first: a value that does not decode leaves
	// v as it was.
	out := reflect.New(rv.Elem().Type()).Elem()
	out.Set(rv.Elem())
	r.value(out, 0)
	if !r.ok || len(r.b) != 0 {
		return false
	}
	rv.Elem().Set(out)
	return true
}

type frontReader struct {
	b  []byte
	ok bool
}

func (r *frontReader) uvarint() uint64 {
	n, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.ok = false
		return 0
	}
	r.b = r.b[k:]
	return n
}

func (r *frontReader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)) {
		r.ok = false
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *frontReader) value(v reflect.Value, depth int) {
	if !r.ok || depth > maxFrontDepth {
		r.ok = false
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(string(r.bytes(r.uvarint())))
	case reflect.Bool:
		switch b := r.bytes(1); {
		case len(b) == 1 && b[0] <= 1:
			v.SetBool(b[0] == 1)
		default:
			r.ok = false
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, k := binary.Varint(r.b)
		if k <= 0 || v.OverflowInt(n) {
			r.ok = false
			return
		}
		r.b = r.b[k:]
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n := r.uvarint()
		if !r.ok || v.OverflowUint(n) {
			r.ok = false
			return
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		b := r.bytes(8)
		if !r.ok {
			return
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(b)))
	case reflect.Slice:
		n := r.uvarint()
		if !r.ok {
			return
		}
		if n == 0 {
			v.SetZero()
			return
		}
		n--
		if n > uint64(len(r.b)) { // each element takes a byte at least
			r.ok = false
			return
		}
		s := reflect.MakeSlice(v.Type(), int(n), int(n))
		for i := range int(n) {
			r.value(s.Index(i), depth+1)
		}
		if v.Type() == tagListType {
			s.Interface().(TagList).intern() // as decoded from YAML
		}
		v.Set(s)
	case reflect.Pointer:
		switch b := r.bytes(1); {
		case len(b) != 1 || b[0] > 1:
			r.ok = false
		case b[0] == 0:
			v.SetZero()
		default:
			p := reflect.New(v.Type().Elem())
			r.value(p.Elem(), depth+1)
			v.Set(p)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			var t time.Time
			if err := t.UnmarshalBinary(r.bytes(r.uvarint())); err != nil || !r.ok {
				r.ok = false
				return
			}
			v.Set(reflect.ValueOf(t))
			return
		}
		fields, ok := frontFields(v.Type())
		if !ok {
			r.ok = false
			return
		}
		for _, i := range fields {
			r.value(v.Field(i), depth+1)
		}
	default:
		r.ok = false
	}
}
