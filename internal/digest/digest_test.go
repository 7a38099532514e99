package digest

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestMemo: the memo gives each string its own digest, whether it holds
// the same bytes as another in other memory, shares memory with another
// (a prefix of it), or was made again at the memory of one forgotten.
func TestMemo(t *testing.T) {
	var m Memo
	body := strings.Repeat("a body of a post. ", 200)
	copied := strings.Clone(body)
	for i, s := range []string{body, copied, body[:10], body[:11], body[1:11], "", copied, body} {
		if got, want := m.Of(s), Of(s); got != want {
			t.Errorf("%d: the digest of %q… is not its own", i, s[:min(len(s), 20)])
		}
	}
	m.Forget(body)
	m.Forget(copied)
	if got, want := m.Of(copied), Of(copied); got != want {
		t.Errorf("a string forgotten and asked for again has another digest")
	}
	// Strings made one after another in a loop, each forgotten: the
	// memory of one may be another's later.
	for i := range 1000 {
		s := strings.Repeat(string(rune('a'+i%26)), 64+i%3)
		if got, want := m.Of(s), Of(s); got != want {
			t.Fatalf("%d: the digest of %q is not its own", i, s)
		}
		m.Forget(s)
	}
	// Strings let go and collected, never forgotten: the memory of one
	// is not another's while the memo remembers it.
	var n Memo
	for i := range 20000 {
		s := strings.Repeat(string(rune('a'+i%26)), 48) + strconv.Itoa(i)
		if got, want := n.Of(s), Of(s); got != want {
			t.Fatalf("%d: the digest of %q is another string's", i, s)
		}
		if i%1000 == 999 {
			runtime.GC()
		}
	}
	var nilMemo *Memo
	if nilMemo.Of(body) != Of(body) {
		t.Errorf("a nil memo's digest is not the string's")
	}
}
