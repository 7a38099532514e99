package blog

import (
	"reflect"
	"testing"
	"time"
)

// TestFlatPosts: a post page's Post holds every field of an Entry as its
// own (data.go says why it does not embed it), of the same type, with the
// Entry's values.
func TestFlatPosts(t *testing.T) {
	e := Entry{Path: "posts/a/", Slug: "a", Title: "A", Summary: "s", Date: time.Unix(1, 0), Updated: time.Unix(2, 0),
		WasUpdated: true, Tags: []TagRef{{"go", "tags/go/"}}, Link: "https://example.com/", IsLink: true, Draft: true, Words: 7}
	ev := reflect.ValueOf(e)
	for i := range ev.NumField() {
		if ev.Field(i).IsZero() {
			t.Fatalf("the test's Entry leaves %s zero: a copy that forgets it would pass", ev.Type().Field(i).Name)
		}
	}
	fv := reflect.ValueOf(e.post())
	for i := range ev.NumField() {
		f := ev.Type().Field(i)
		ff, ok := fv.Type().FieldByName(f.Name)
		switch {
		case !ok:
			t.Errorf("Post: no field %s", f.Name)
		case len(ff.Index) != 1 || ff.Type != f.Type:
			t.Errorf("Post: field %s is not its own %v", f.Name, f.Type)
		case !reflect.DeepEqual(fv.FieldByIndex(ff.Index).Interface(), ev.Field(i).Interface()):
			t.Errorf("Post: field %s is %v, want %v", f.Name, fv.FieldByIndex(ff.Index), ev.Field(i))
		}
	}
}
