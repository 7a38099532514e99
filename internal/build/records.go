package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// The states a build keeps in the cache's folder for the next (the link
// check's, lastbuild's) are files of records: a magic string, then
// numbers and strings, then the SHA-256 of all that, so that a file torn
// by a kill, or another version's, reads as nothing. They are written a
// record at a time, never whole in memory (an encoding/gob of the last
// build of a full journal was 11 MB, and held as much again while made).

// recordWriter writes records to w, hashing them as they go.
type recordWriter struct {
	w   io.Writer
	h   hash.Hash
	bw  *bufio.Writer
	buf []byte
}

func newRecordWriter(w io.Writer, magic string) *recordWriter {
	h := sha256.New()
	e := &recordWriter{w: w, h: h, bw: bufio.NewWriterSize(io.MultiWriter(w, h), 1<<16)}
	e.bw.WriteString(magic)
	return e
}

func (e *recordWriter) uvarint(n int) { e.buf = binary.AppendUvarint(e.buf, uint64(n)) }
func (e *recordWriter) u64(n uint64)  { e.buf = binary.AppendUvarint(e.buf, n) }
func (e *recordWriter) i64(n int64)   { e.buf = binary.AppendVarint(e.buf, n) }
func (e *recordWriter) varint(n int)  { e.buf = binary.AppendVarint(e.buf, int64(n)) }
func (e *recordWriter) bytes(b []byte) {
	e.buf = append(e.buf, b...)
}

func (e *recordWriter) str(s string) {
	e.uvarint(len(s))
	e.buf = append(e.buf, s...)
}

func (e *recordWriter) flag(v bool) {
	if v {
		e.uvarint(1)
	} else {
		e.uvarint(0)
	}
}

// end ends a record: what was added since the last is written.
func (e *recordWriter) end() {
	e.bw.Write(e.buf)
	e.buf = e.buf[:0]
}

// close writes what is left and the hash of everything.
func (e *recordWriter) close() error {
	e.end()
	if err := e.bw.Flush(); err != nil {
		return err
	}
	_, err := e.w.Write(e.h.Sum(nil))
	return err
}

// writeRecords writes, to a file beside p that then takes its name, what
// encode writes: the file at p is whole or not there.
func writeRecords(p, magic string, encode func(e *recordWriter) error) error {
	keep, err := stageRecords(p, magic, encode)
	if err != nil {
		return err
	}
	return keep(true)
}

// stageRecords is writeRecords but for the last step: the records are
// written beside p, and keep(true) puts them at p, keep(false) removes
// them, leaving p as it was.
func stageRecords(p, magic string, encode func(e *recordWriter) error) (keep func(ok bool) error, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(p), filepath.Base(p)+".new-*")
	if err != nil {
		return nil, err
	}
	e := newRecordWriter(tmp, magic)
	werr := encode(e)
	if werr == nil {
		werr = e.close()
	}
	if err := tmp.Close(); werr != nil || err != nil {
		os.Remove(tmp.Name())
		if werr != nil {
			return nil, werr
		}
		return nil, err
	}
	return func(ok bool) error {
		if !ok {
			return os.Remove(tmp.Name())
		}
		if err := os.Rename(tmp.Name(), p); err != nil {
			os.Remove(tmp.Name())
			return err
		}
		return nil
	}, nil
}

// recordReader reads what a recordWriter wrote. Its first problem makes
// ok false, and every read after returns zero values.
type recordReader struct {
	r  []byte
	ok bool
}

// readRecords returns a reader of b, whose magic and hash it checks; nil
// if they are not right.
func readRecords(b []byte, magic string) *recordReader {
	if len(b) < len(magic)+sha256.Size || !bytes.HasPrefix(b, []byte(magic)) {
		return nil
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return nil
	}
	return &recordReader{r: body[len(magic):], ok: true}
}

func (d *recordReader) take(n int) []byte {
	if !d.ok || n < 0 || n > len(d.r) {
		d.ok = false
		return nil
	}
	v := d.r[:n]
	d.r = d.r[n:]
	return v
}

// uvarint reads a length or a count: no more than what is left to read.
func (d *recordReader) uvarint() int { return d.unsigned(uint64(len(d.r))) }

// number reads a number that is no length or count: not bounded by
// what is left to read.
func (d *recordReader) number() int { return d.unsigned(1<<31 - 1) }

// unsigned reads an unsigned number of at most max.
func (d *recordReader) unsigned(max uint64) int {
	v := d.u64()
	if v > max {
		d.ok = false
		return 0
	}
	return int(v)
}

// u64 reads an unsigned number of any size (an inode's).
func (d *recordReader) u64() uint64 {
	v, k := binary.Uvarint(d.r)
	if !d.ok || k <= 0 {
		d.ok = false
		return 0
	}
	d.r = d.r[k:]
	return v
}

func (d *recordReader) varint() int { return int(d.i64()) }

// i64 reads a signed number of any size (a time in nanoseconds).
func (d *recordReader) i64() int64 {
	v, k := binary.Varint(d.r)
	if !d.ok || k <= 0 {
		d.ok = false
		return 0
	}
	d.r = d.r[k:]
	return v
}

func (d *recordReader) str() string { return string(d.take(d.uvarint())) }

func (d *recordReader) flag() bool { return d.uvarint() == 1 }

func (d *recordReader) sum() (s [sha256.Size]byte) {
	copy(s[:], d.take(sha256.Size))
	return s
}

// done reports whether everything read well, and all was read.
func (d *recordReader) done() bool { return d.ok && len(d.r) == 0 }
