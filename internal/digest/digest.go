// Package digest gives the SHA-256 of strings that are hashed again and
// again (a post's body on every build, its HTML on every page that shows
// it), computing each once.
package digest

import (
	"crypto/sha256"
	"unsafe"

	"github.com/netjournal/netjournal/internal/recent"
)

// Sum is a SHA-256 digest.
type Sum = [sha256.Size]byte

// Of returns the SHA-256 of s, without copying it.
func Of(s string) Sum { return sha256.Sum256(unsafe.Slice(unsafe.StringData(s), len(s))) }

// Memo remembers digests by the strings themselves, by their memory: the
// address and length of a string's bytes. A Go string never changes, and
// the memo holds each string it remembers, so that its memory is not
// reused for another while the memo can find it: the same address and
// length are the same bytes. Looking one up hashes two words, not the
// string (its bodies at 10,000 posts were hashed twice on every lookup,
// by the shard and the map: 10 ms of CPU of each rebuild). A string with
// the same bytes elsewhere in memory is hashed once more, and
// remembered on its own. It keeps what was asked for since the last
// Sweep and in the one before, so a long watch session stays bounded.
// The zero Memo is ready to use; a nil one remembers nothing.
type Memo struct {
	sums recent.Map[memory, remembered]
}

// memory is where a string's bytes are.
type memory struct {
	data *byte
	len  int
}

// remembered is a string remembered, and its digest: the string is held
// so that its memory stays its own.
type remembered struct {
	s   string
	sum Sum
}

func memoryOf(s string) memory { return memory{unsafe.StringData(s), len(s)} }

// Of returns the SHA-256 of s.
func (m *Memo) Of(s string) Sum {
	if m == nil {
		return Of(s)
	}
	// The strings compared are the same memory: == sees it at once.
	if r, ok := m.sums.Get(memoryOf(s)); ok && r.s == s {
		return r.sum
	}
	sum := Of(s)
	m.sums.Put(memoryOf(s), remembered{s, sum})
	return sum
}

// Forget forgets the digest of s, and s with it.
func (m *Memo) Forget(s string) {
	if m != nil {
		m.sums.Delete(memoryOf(s))
	}
}

// Len is the number of digests it holds.
func (m *Memo) Len() int { return m.sums.Len() }

// Sweep forgets what was not asked for since the Sweep before.
func (m *Memo) Sweep() { m.sums.Sweep() }
