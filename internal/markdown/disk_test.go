package markdown

import (
	"errors"
	"reflect"
	"testing"
)

// TestDiskRoundTrip: a result, wikilinks and links come back from their
// encoding as they were; a cut or changed encoding is refused.
func TestDiskRoundTrip(t *testing.T) {
	res := New().Render("# Hi [[ana]]\n\nSee [x](/posts/y/) and [[bo|Bo]].\n\n[r]: /u \"[[z]]\"\n", Options{
		Resolve: func(l Wikilink) (Resolution, error) {
			if l.Target == "bo" {
				return Resolution{}, errors.New("no bo")
			}
			return Resolution{Text: "Ana"}, nil
		},
	})
	if len(res.Wikilinks) != 2 || len(res.Links) == 0 || len(res.Errors) != 1 || len(res.Slips) != 1 {
		t.Fatalf("the fixture lacks parts: %+v", res)
	}
	for key, v := range map[string]any{"r": res, "w": res.Wikilinks, "l": res.Links, "w-empty": []Wikilink(nil)} {
		b, ok := encode(v)
		if !ok {
			t.Fatalf("%s: not encoded", key)
		}
		got, ok := decode(key, b)
		if !ok {
			t.Fatalf("%s: not decoded", key)
		}
		if r, ok := got.(Result); ok {
			if r.Errors[0].Err.Error() != "no bo" {
				t.Errorf("error = %v", r.Errors[0].Err)
			}
			r.Errors, res.Errors = nil, nil
			got = r
			v = res
		}
		if !reflect.DeepEqual(got, v) {
			t.Errorf("%s: got %#v, want %#v", key, got, v)
		}
		if len(b) > 1 {
			if _, ok := decode(key, b[:len(b)-1]); ok {
				t.Errorf("%s: a cut encoding decoded", key)
			}
		}
	}
}

// FuzzDecode: whatever the cache holds, decoding never panics.
func FuzzDecode(f *testing.F) {
	res := New().Render("Hi [[a|b]] [x](/y/)\n", Options{Resolve: func(Wikilink) (Resolution, error) { return Resolution{}, nil }})
	for _, v := range []any{res, res.Wikilinks, res.Links} {
		b, _ := encode(v)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, k := range []string{"r", "w", "l"} {
			decode(k, b)
		}
	})
}
