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

// Memo remembers digests by the strings themselves: looking one up hashes
// the string with the map's fast hash, and the same string (the same
// memory) compares equal at once. It keeps what was asked for since the
// last Sweep and in the one before, so a long watch session stays
// bounded. The zero Memo is ready to use; a nil one remembers nothing.
type Memo struct {
	sums recent.Map[string, Sum]
}

// Of returns the SHA-256 of s.
func (m *Memo) Of(s string) Sum {
	if m == nil {
		return Of(s)
	}
	if sum, ok := m.sums.Get(s); ok {
		return sum
	}
	sum := Of(s)
	m.sums.Put(s, sum)
	return sum
}

// Forget forgets the digest of s, and s with it.
func (m *Memo) Forget(s string) {
	if m != nil {
		m.sums.Delete(s)
	}
}

// Len is the number of digests it holds.
func (m *Memo) Len() int { return m.sums.Len() }

// Sweep forgets what was not asked for since the Sweep before.
func (m *Memo) Sweep() { m.sums.Sweep() }
