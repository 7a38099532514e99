package content

import (
	"reflect"
	"runtime"
	"slices"
	"testing"
	"testing/fstest"
	"time"
	"unsafe"
)

// A cadence of "every month" from the 31st lands on the last day of a
// shorter month, never in the month after it.
func TestDurationCalendar(t *testing.T) {
	day := func(s string) time.Time {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Time
	}
	tests := []struct {
		from, dur, after, before string
	}{
		{"2026-01-31", "1m", "2026-02-28", "2025-12-31"},
		{"2028-01-31", "1m", "2028-02-29", "2027-12-31"},
		{"2026-03-31", "1m", "2026-04-30", "2026-02-28"},
		{"2026-10-31", "4m", "2027-02-28", "2026-06-30"},
		{"2026-01-15", "1m", "2026-02-15", "2025-12-15"},
		{"2026-12-31", "2m", "2027-02-28", "2026-10-31"},
		{"2028-02-29", "1y", "2029-02-28", "2027-02-28"},
		{"2028-02-29", "4y", "2032-02-29", "2024-02-29"},
		{"2026-01-31", "14d", "2026-02-14", "2026-01-17"},
		{"2026-01-31", "2w", "2026-02-14", "2026-01-17"},
	}
	for _, tt := range tests {
		d, err := ParseDuration(tt.dur)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.After(day(tt.from)).Format(time.DateOnly); got != tt.after {
			t.Errorf("%s after %s = %s, want %s", tt.dur, tt.from, got, tt.after)
		}
		if got := d.Before(day(tt.from)).Format(time.DateOnly); got != tt.before {
			t.Errorf("%s before %s = %s, want %s", tt.dur, tt.from, got, tt.before)
		}
	}
	// The time of day and the zone are kept.
	lisbon := time.FixedZone("WEST", 3600)
	from := time.Date(2026, 1, 31, 9, 30, 0, 0, lisbon)
	if got, want := (Duration{N: 1, Unit: 'm'}).After(from), time.Date(2026, 2, 28, 9, 30, 0, 0, lisbon); !got.Equal(want) || got.Location() != lisbon {
		t.Errorf("1m after %v = %v, want %v", from, got, want)
	}
}

// TestTagsWrittenAsOneString: "tags: distributed-systems, go, api-design"
// is three tags, as the writer meant: it was one tag,
// "distributed-systems-go-api-design", and the post left the tag pages
// of the three (a QA sweep). A list, and one tag alone, are as written;
// aliases and attendees, which may be names with a comma ("Lima, Ana"),
// are not split.
func TestTagsWrittenAsOneString(t *testing.T) {
	fsys := fstest.MapFS{
		ConfigFile:                     {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"content/posts/a.md":           {Data: []byte("---\ntitle: A\ndate: 2026-01-01\ntags: distributed-systems, go,  api-design ,\n---\n")},
		"content/posts/b.md":           {Data: []byte("---\ntitle: B\ndate: 2026-01-01\ntags: [go, \"a, b\"]\n---\n")},
		"content/posts/c.md":           {Data: []byte("---\ntitle: C\ndate: 2026-01-01\ntags: go\n---\n")},
		"content/contacts/ana-lima.md": {Data: []byte("---\nname: Ana Lima\naliases: Lima, Ana\ntags: mentor, lisbon\n---\n")},
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range s.Posts {
		got[p.Slug] = p.Tags
	}
	want := map[string][]string{"a": {"distributed-systems", "go", "api-design"}, "b": {"go", "a, b"}, "c": {"go"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("posts' tags %q, want %q", got, want)
	}
	c := s.Contacts[0]
	if !slices.Equal(c.Tags, []string{"mentor", "lisbon"}) || !slices.Equal(c.Aliases, []string{"Lima, Ana"}) {
		t.Errorf("contact's tags %q and aliases %q", c.Tags, c.Aliases)
	}
}

// TestTagsShareAString: every post's tag of one name is one string, also
// for posts read after a collection (a build holds every post's tags to
// its end).
func TestTagsShareAString(t *testing.T) {
	read := func(name string) TagList {
		fsys := fstest.MapFS{
			ConfigFile:                {Data: []byte("title: T\nbase_url: https://example.com/\n")},
			"content/posts/" + name:   {Data: []byte("---\ntitle: A\ndate: 2026-01-01\ntags: [shared-tag-x, other]\n---\n")},
			"content/posts/b-" + name: {Data: []byte("---\ntitle: B\ndate: 2026-01-01\ntags: shared-tag-x, more\n---\n")},
		}
		s, err := Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		return append(TagList{}, s.Posts[0].Tags[0], s.Posts[1].Tags[0])
	}
	first := read("a.md")
	runtime.GC()
	runtime.GC()
	again := read("c.md")
	for _, tags := range []TagList{first, again} {
		for _, tag := range tags {
			if tag != "shared-tag-x" || unsafe.StringData(tag) != unsafe.StringData(first[0]) {
				t.Fatalf("tags %q and %q: not one string", first, again)
			}
		}
	}
}
