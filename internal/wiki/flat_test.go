package wiki

import (
	"reflect"
	"slices"
	"testing"
)

// TestFlatTypes: a row or a page's main value that extends a reference
// or a row holds every field of it as its own (view.go says why they are
// not embedded), of the same type, and holds the same values as the
// reference or row made for the same document; a field it declares
// itself with another type (a post page's SharedWith: the people, where a
// row has their number) is left out, as embedding would shadow it.
func TestFlatTypes(t *testing.T) {
	j := site(t, "testdata/site.txtar")
	r := &renderer{j: j, v: newView(j, nil)}
	v := r.v
	checked := map[string]int{}
	same := func(base, flat any, except ...string) {
		t.Helper()
		bv, fv := reflect.ValueOf(base), reflect.ValueOf(flat)
		name := fv.Type().Name() + " of " + bv.Type().Name()
		for i := range bv.NumField() {
			f := bv.Type().Field(i)
			if slices.Contains(except, f.Name) {
				continue
			}
			ff, ok := fv.Type().FieldByName(f.Name)
			switch {
			case !ok:
				t.Errorf("%s: no field %s", name, f.Name)
			case len(ff.Index) != 1:
				t.Errorf("%s: field %s is not its own (embedded)", name, f.Name)
			case ff.Type != f.Type:
				t.Errorf("%s: field %s is a %v, not a %v", name, f.Name, ff.Type, f.Type)
			case !reflect.DeepEqual(fv.FieldByIndex(ff.Index).Interface(), bv.Field(i).Interface()):
				t.Errorf("%s: field %s is %v, want %v", name, f.Name, fv.FieldByIndex(ff.Index), bv.Field(i))
			}
		}
		checked[name]++
	}
	for _, c := range j.Contacts {
		same(v.contact(c), v.contactRow(c))
		contact := r.contact(c)
		same(v.contact(c), contact)
		for k, e := range c.Timeline {
			same(v.eventRow(e), contact.Timeline[k])
		}
	}
	for _, e := range j.Events {
		same(v.event(e), v.eventRow(e))
		same(v.eventRow(e), r.event(e))
	}
	for _, p := range j.Posts {
		same(v.post(p), v.postRow(p))
		same(v.postRow(p), r.post(p), "SharedWith")
	}
	for _, want := range []string{"ContactRow of ContactRef", "Contact of ContactRef", "TimelineItem of EventRow",
		"Event of EventRow", "EventRow of EventRef", "PostRow of PostRef", "Post of PostRow"} {
		if checked[want] == 0 {
			t.Errorf("no %s checked: the site has none", want)
		}
	}
}
