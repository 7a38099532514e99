package journal

import (
	"testing"
	"time"
)

// TestDaysFarApart: day counts do not overflow, however far --now is.
func TestDaysFarApart(t *testing.T) {
	from := time.Date(2026, 1, 1, 15, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		to   time.Time
		want int
	}{
		{time.Date(2026, 1, 2, 1, 0, 0, 0, time.UTC), 1},
		{time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), -24107},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), 2912442},
	} {
		if got := days(from, c.to); got != c.want {
			t.Errorf("days to %s = %d, want %d", c.to.Format(time.DateOnly), got, c.want)
		}
	}
}
