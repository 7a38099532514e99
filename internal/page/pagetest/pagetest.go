// Package pagetest checks, in tests, that the page data of a template set
// is documented for theme authors (docs/themes.md), field by field.
package pagetest

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Templates lists the page templates in a theme's template set folder:
// its .html files but the partials files (partials.html, pictures.html).
func Templates(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if name := e.Name(); strings.HasSuffix(name, ".html") && name != "partials.html" && name != "pictures.html" {
			out = append(out, name)
		}
	}
	return out
}

// Documented fails t unless the part of the document at path under the
// heading "## part" has, for every struct type reachable from the page
// data values, a "### TypeName" section that names each of its exported
// fields (as `Field`), and unless its tables name each template.
func Documented(t *testing.T, path, part string, templates []string, values ...any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, doc, ok := strings.Cut(string(b), "\n## "+part+"\n")
	if !ok {
		t.Fatalf("%s has no part \"## %s\"", path, part)
	}
	doc, _, _ = strings.Cut(doc, "\n## ")
	sections := map[string]string{}
	parts := regexp.MustCompile(`(?m)^### `).Split(doc, -1)
	for _, p := range parts[1:] {
		name, body, _ := strings.Cut(p, "\n")
		sections[strings.TrimSpace(name)] += body
	}
	// Every struct type reachable from the values, by name.
	types := map[string]reflect.Type{}
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map || ty.Kind() == reflect.Array {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || ty == reflect.TypeFor[time.Time]() || types[ty.Name()] == ty {
			return
		}
		types[ty.Name()] = ty
		for i := range ty.NumField() {
			if f := ty.Field(i); f.IsExported() {
				walk(f.Type)
			}
		}
	}
	for _, v := range values {
		walk(reflect.TypeOf(v))
	}
	// A section that starts "A ContactRef, and …" or "An EventRow, and …"
	// documents the fields of that type as its own, whether they come
	// embedded or, as the wiki's rows have them, copied: a field of that
	// type's, of the same type, that its own section documents.
	claim := regexp.MustCompile(`^\s*An? (\w+)[\s,.(]`)
	var documented func(section string, f reflect.StructField, depth int) bool
	documented = func(section string, f reflect.StructField, depth int) bool {
		if strings.Contains(section, "`"+f.Name+"`") {
			return true
		}
		m := claim.FindStringSubmatch(section)
		if m == nil || depth >= 4 {
			return false
		}
		base, ok := sections[m[1]]
		bt := types[m[1]]
		if !ok || bt == nil {
			return false
		}
		bf, ok := bt.FieldByName(f.Name)
		return ok && bf.Type == f.Type && documented(base, bf, depth+1)
	}
	for _, ty := range types {
		section, ok := sections[ty.Name()]
		if !ok {
			t.Errorf("%s has no section \"### %s\" for the page data type %s", path, ty.Name(), ty)
			continue
		}
		for i := range ty.NumField() {
			f := ty.Field(i)
			if f.IsExported() && !f.Anonymous && !documented(section, f, 0) {
				t.Errorf("%s: the section %s does not name its field `%s`", path, ty.Name(), f.Name)
			}
		}
	}
	if len(types) < len(values) {
		t.Fatalf("walked %d types from %d values: the check proves little", len(types), len(values))
	}
	for _, name := range templates {
		if !strings.Contains(doc, "| `"+name+"` |") {
			t.Errorf("%s does not list the template %s", path, name)
		}
	}
}
