package wiki

import "testing"

// TestSameKindAt: a document's place in another journal's lists, at the
// same place in the list of its kind (contacts, events, posts), or -1
// when that list is shorter.
func TestSameKindAt(t *testing.T) {
	for _, tc := range []struct {
		i          int
		kinds, was [3]int
		want       int
	}{
		{0, [3]int{2, 3, 4}, [3]int{2, 3, 4}, 0},
		{8, [3]int{2, 3, 4}, [3]int{2, 3, 4}, 8},
		{2, [3]int{2, 4, 4}, [3]int{2, 3, 4}, 2},  // the first event
		{5, [3]int{2, 4, 4}, [3]int{2, 3, 4}, -1}, // an event added: none there
		{6, [3]int{2, 4, 4}, [3]int{2, 3, 4}, 5},  // the first post
		{9, [3]int{2, 4, 4}, [3]int{2, 3, 4}, 8},  // the last post
		{1, [3]int{2, 3, 4}, [3]int{1, 3, 4}, -1}, // a contact added
		{2, [3]int{2, 3, 4}, [3]int{1, 3, 4}, 1},
	} {
		if got := sameKindAt(tc.i, tc.kinds, tc.was); got != tc.want {
			t.Errorf("sameKindAt(%d, %v, %v) = %d, want %d", tc.i, tc.kinds, tc.was, got, tc.want)
		}
	}
}
