package blog

import (
	"html/template"
	"reflect"
	"testing"
	"time"
)

// TestFlatPosts: a Post and a SharedPost hold every field of an Entry as
// their own (data.go says why they are not embedded), of the same type,
// with the Entry's values.
func TestFlatPosts(t *testing.T) {
	e := Entry{Path: "posts/a/", Slug: "a", Title: "A", Summary: "s", Date: time.Unix(1, 0), Updated: time.Unix(2, 0),
		WasUpdated: true, Tags: []TagRef{{"go", "tags/go/"}}, Link: "https://example.com/", IsLink: true, Draft: true, Words: 7}
	ev := reflect.ValueOf(e)
	for i := range ev.NumField() {
		if ev.Field(i).IsZero() {
			t.Fatalf("the test's Entry leaves %s zero: a copy that forgets it would pass", ev.Type().Field(i).Name)
		}
	}
	for _, flat := range []any{e.post(), e.shared(template.HTML("<p>x</p>"))} {
		fv := reflect.ValueOf(flat)
		for i := range ev.NumField() {
			f := ev.Type().Field(i)
			ff, ok := fv.Type().FieldByName(f.Name)
			switch {
			case !ok:
				t.Errorf("%s: no field %s", fv.Type().Name(), f.Name)
			case len(ff.Index) != 1 || ff.Type != f.Type:
				t.Errorf("%s: field %s is not its own %v", fv.Type().Name(), f.Name, f.Type)
			case !reflect.DeepEqual(fv.FieldByIndex(ff.Index).Interface(), ev.Field(i).Interface()):
				t.Errorf("%s: field %s is %v, want %v", fv.Type().Name(), f.Name, fv.FieldByIndex(ff.Index), ev.Field(i))
			}
		}
	}
}
