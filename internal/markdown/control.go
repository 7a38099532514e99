package markdown

import (
	"encoding/binary"
	"unsafe"
)

// A control character (C0 but tab, newline and carriage return, or DEL)
// cannot be published: feeds cannot hold it. A body's HTML is scanned for
// one when it is made, once (Result.HTMLControl), and its source when it
// is prepared (Renderer.HasControl), not on every build.

// Control returns the first C0 control character of s but tab, newline
// and carriage return, or DEL.
func Control(s string) (rune, bool) {
	// By bytes, not runes: each of these characters is one byte below
	// 0x80, and no byte of a multi-byte UTF-8 sequence is. Eight bytes are
	// looked at at once, and one by one only where one of them is below
	// 0x20 or is DEL (a tab or a newline, mostly).
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		d := x ^ 0x7f*ones
		if (x-0x20*ones)&^x&highs == 0 && (d-ones)&^d&highs == 0 {
			continue // no byte below 0x20, none equal to 0x7f
		}
		for _, c := range b[i : i+8] {
			if controlByte[c] {
				return rune(c), true
			}
		}
	}
	for ; i < len(b); i++ {
		if controlByte[b[i]] {
			return rune(b[i]), true
		}
	}
	return 0, false
}

// IsControl reports whether r is a control character.
func IsControl(r rune) bool { return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f }

// controlByte says of each byte whether it is a control character.
var controlByte = func() (t [256]bool) {
	for b := range t {
		t[b] = IsControl(rune(b))
	}
	return t
}()
