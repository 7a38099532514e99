package template

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// The direct call of a func(...any) string (netjournal.go) is the call
// reflect made: the same arguments, nil for nil, a panic an error; an
// argument's own call made first.
func TestStringsFunc(t *testing.T) {
	var got [][]any
	record := func(args ...any) string {
		got = append(got, slices.Clone(args)) // the slice is reused after the call
		return fmt.Sprint(len(got))
	}
	tmpl := Must(New("t").Funcs(FuncMap{
		"record": record,
		"boom":   func(...any) string { panic(errors.New("boom")) },
	}).Parse(`{{record}}{{record 1 "a" nil .}}{{. | record}}{{.Missing | record}}{{record (record 5) 6}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, map[string]any{"k": 2}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "12346" {
		t.Errorf("wrote %q, want 12346", b.String())
	}
	want := [][]any{{}, {1, "a", nil, map[string]any{"k": 2}}, {map[string]any{"k": 2}}, {nil}, {5}, {"5", 6}}
	if len(got) != len(want) {
		t.Fatalf("called %d times, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("call %d: args %v, want %v", i, got[i], want[i])
		}
		for j := range want[i] {
			if m, ok := want[i][j].(map[string]any); ok {
				if g, ok := got[i][j].(map[string]any); !ok || g["k"] != m["k"] {
					t.Errorf("call %d arg %d: %#v, want %#v", i, j, got[i][j], want[i][j])
				}
			} else if got[i][j] != want[i][j] {
				t.Errorf("call %d arg %d: %#v, want %#v", i, j, got[i][j], want[i][j])
			}
		}
	}
	err := Must(tmpl.New("p").Parse(`{{boom 1}}`)).Execute(&b, nil)
	if err == nil || !strings.Contains(err.Error(), "error calling boom: boom") {
		t.Errorf("panicking function: %v, want an error calling boom", err)
	}
}

// The direct call of a func(string, any) (any, error) (netjournal.go) is
// the call reflect made: the same arguments, nil for nil, the final value
// of a pipeline as the second, its result what the pipeline goes on with
// (an interface looked into: a string prints as one, nil as <no value>),
// its error and a panic errors, an argument of the wrong type refused.
func TestFragmentFunc(t *testing.T) {
	type entry struct{ Title string }
	var got []any
	record := func(name string, data any) (any, error) {
		got = append(got, name, data)
		switch name {
		case "nil":
			return nil, nil
		case "fail":
			return nil, errors.New("failed")
		case "boom":
			panic(errors.New("boom"))
		}
		return fmt.Sprint(name, ":", data), nil
	}
	tmpl := Must(New("t").Funcs(FuncMap{"frag": record}).Parse(
		`{{range .}}{{frag "a" .}}|{{. | frag "b"}}|{{frag "c" nil}}|{{frag "nil" .}}|{{len (frag "d" .Title)}}|{{if frag "nil" 1}}t{{else}}f{{end}}{{end}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, []entry{{"x"}}); err != nil {
		t.Fatal(err)
	}
	if want := "a:{x}|b:{x}|c:<nil>|<no value>|3|f"; b.String() != want {
		t.Errorf("wrote %q, want %q", b.String(), want)
	}
	want := []any{"a", entry{"x"}, "b", entry{"x"}, "c", nil, "nil", entry{"x"}, "d", "x", "nil", 1}
	if !slices.Equal(got, want) {
		t.Errorf("called with %v, want %v", got, want)
	}
	for _, c := range []struct{ src, err string }{
		{`{{frag "fail" 1}}`, "error calling frag: failed"},
		{`{{frag "boom" 1}}`, "error calling frag: boom"},
		{`{{frag 1 1}}`, "expected string; found 1"},
		{`{{frag "a"}}`, "wrong number of args for frag: want 2 got 1"},
	} {
		err := Must(tmpl.New("e").Parse(c.src)).Execute(&b, nil)
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: %v, want an error with %q", c.src, err, c.err)
		}
	}
}

type inner struct{ Deep, Both string }

func (inner) Hello() string { return "hello" }

type other struct{ Both string }

type outer struct {
	inner
	*other
	Name string
}

func (o *outer) Upper() string { return strings.ToUpper(o.Name) }

// Fields and methods found by name (netjournal.go) are those reflect's
// FieldByName and MethodByName find: promoted ones too, an ambiguous one
// not, a pointer receiver's method on an addressable value.
func TestNames(t *testing.T) {
	data := []outer{{inner: inner{Deep: "d"}, other: &other{Both: "b"}, Name: "n"}}
	for _, c := range []struct{ tmpl, want, err string }{
		{`{{range .}}{{.Name}} {{.Deep}} {{.Hello}} {{.Upper}}{{end}}`, "n d hello N", ""},
		{`{{range .}}{{.other.Both}}{{end}}`, "", "other is an unexported field"},
		{`{{range .}}{{.Both}}{{end}}`, "", "can't evaluate field Both"},
		{`{{range .}}{{.Nope}}{{end}}`, "", "can't evaluate field Nope"},
	} {
		var b strings.Builder
		err := Must(New("t").Parse(c.tmpl)).Execute(&b, data)
		if c.err == "" {
			if err != nil || b.String() != c.want {
				t.Errorf("%s: %q, %v; want %q", c.tmpl, b.String(), err, c.want)
			}
		} else if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: error %v, want one saying %q", c.tmpl, err, c.err)
		}
	}
}

type shout string

func (s shout) String() string { return strings.ToUpper(string(s)) }

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// A string printed without fmt (netjournal.go) is what fmt printed; a
// type of its own with a String method still prints through it, and a
// failed write is the error it was.
func TestPrintString(t *testing.T) {
	var b strings.Builder
	err := Must(New("t").Parse(`{{.s}}|{{.shout}}|{{"%d"}}|{{.empty}}|`)).Execute(&b, map[string]any{"s": "a<b", "shout": shout("hey"), "empty": ""})
	if err != nil || b.String() != "a<b|HEY|%d||" {
		t.Errorf("wrote %q, %v; want %q", b.String(), err, "a<b|HEY|%d||")
	}
	err = Must(New("t").Parse(`{{.}}`)).Execute(failing{}, "x")
	if err == nil || err.Error() != "disk full" {
		t.Errorf("write error: %v, want the writer's error", err)
	}
}

type (
	t1 struct{ A string }
	t2 struct{ A string }
	t3 struct {
		X int
		A string
	}
	t4 struct{ A string }
	t5 struct {
		B, C int
		A    string
	}
	t6 struct{ A string }
)

func (t4) M() string { return "m4" }
func (t6) M() string { return "m6" }

// An execution remembers the last types it looked into (typeNames): more
// types than it holds, read in turn, are each still found as themselves.
func TestNamesOfManyTypes(t *testing.T) {
	data := []any{t1{"1"}, t2{"2"}, t3{A: "3"}, t4{"4"}, t5{A: "5"}, t6{"6"}}
	var b strings.Builder
	tmpl := `{{range .}}{{.A}}{{end}}|{{range .}}{{.A}}{{end}}|{{(index . 3).M}}{{(index . 5).M}}{{(index . 0).A}}`
	if err := Must(New("t").Parse(tmpl)).Execute(&b, data); err != nil || b.String() != "123456|123456|m4m61" {
		t.Errorf("wrote %q, %v; want %q", b.String(), err, "123456|123456|m4m61")
	}
	err := Must(New("t").Parse(`{{(index . 4).M}}`)).Execute(&b, data)
	if err == nil || !strings.Contains(err.Error(), "can't evaluate field M") {
		t.Errorf("a method of another type: %v, want can't evaluate field M", err)
	}
}

// The string an action's last call hands over in the state (callStrings)
// is printed before any other is made: nested calls, a value kept in a
// variable (which fails when every call hands its string over), a
// fragment's template (executed in a state of its own) printing in the
// middle of the call, a range and a recursive template (which runs on a
// copy of the state) each print what fmt would.
func TestStringsHandedOver(t *testing.T) {
	n := 0
	next := func(args ...any) string { n++; return fmt.Sprint(n, args) }
	var tmpl *Template
	frag := func(name string, data any) (any, error) {
		var b strings.Builder
		err := tmpl.ExecuteTemplate(&b, name, data)
		return b.String(), err
	}
	tmpl = Must(New("t").Funcs(FuncMap{"next": next, "frag": frag}).Parse(
		`{{$x := next "a"}}{{next (next "b")}}|{{next (frag "inner" "c")}}|{{$x}}|{{range .}}{{next .}}{{end}}|{{template "rec" 2}}` +
			`{{define "inner"}}<{{next .}}{{next .}}>{{end}}` +
			`{{define "rec"}}{{if .}}{{next .}}{{template "rec" 0}}{{next "after"}}{{end}}{{end}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, []int{7, 8}); err != nil {
		t.Fatal(err)
	}
	want := "3 [2 [b]]|6 [<4 [c]5 [c]>]|1 [a]|7 [7]8 [8]|9 [2]10 [after]"
	if b.String() != want {
		t.Errorf("wrote %q, want %q", b.String(), want)
	}
}

// An action whose last call is a func(...any) string prints its string
// without putting it in an interface: one allocation less than the same
// call in parentheses (an allocation for every action of every page).
func TestStringsHandedOverAllocateLess(t *testing.T) {
	tmpl := Must(New("t").Funcs(FuncMap{"same": func(args ...any) string { return args[0].(string) }}).Parse(`{{.S | same}}`))
	data := struct{ S string }{"Ana"}
	var b strings.Builder
	b.Grow(64)
	if err := tmpl.Execute(&b, data); err != nil || b.String() != "Ana" {
		t.Fatalf("wrote %q, %v", b.String(), err)
	}
	direct := testing.AllocsPerRun(100, func() {
		b.Reset()
		b.Grow(64)
		tmpl.Execute(&b, data)
	})
	// The same call in parentheses is not the action's last command: its
	// string is put in an interface, as before.
	paren := Must(New("p").Funcs(FuncMap{"same": func(args ...any) string { return args[0].(string) }}).Parse(`{{(.S | same)}}`))
	boxed := testing.AllocsPerRun(100, func() {
		b.Reset()
		b.Grow(64)
		paren.Execute(&b, data)
	})
	if b.String() != "Ana" {
		t.Fatalf("wrote %q", b.String())
	}
	if direct >= boxed {
		t.Errorf("printing the call's string allocated %v times, the same in parentheses %v: the string was not handed over", direct, boxed)
	}
}

// TestInvocationsShareStates: the invocations of templates in one
// execution take the states that those before them left, whatever their
// number: a page of a thousand rows, each a template, allocates no more
// for its invocations than a page of ten. Each invocation still sees its
// own $ and variables.
func TestInvocationsShareStates(t *testing.T) {
	tmpl := Must(New("t").Parse(`{{define "row"}}{{$x := .}}<{{$}}{{template "cell" $x}}>{{end}}` +
		`{{define "cell"}}{{$y := "c"}}{{$y}}{{.}}{{end}}` +
		`{{$top := "T"}}{{range .}}{{template "row" .}}{{end}}{{$top}}`))
	rows := func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i % 10
		}
		return out
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, rows(3)); err != nil || b.String() != "<0c0><1c1><2c2>T" {
		t.Fatalf("wrote %q, %v", b.String(), err)
	}
	allocs := func(n int) float64 {
		data := rows(n)
		return testing.AllocsPerRun(20, func() {
			b.Reset()
			tmpl.Execute(&b, data)
		})
	}
	// A row's printing and variables allocate alike either way (3.8
	// times): a state and its stack of variables made for each of its
	// two invocations were 6 more (9.8).
	ten, thousand := allocs(10), allocs(1000)
	perRow := (thousand - ten) / 990
	if perRow >= 6 {
		t.Errorf("a row allocated %.2f times (%v for 10 rows, %v for 1000): its invocations' states were made anew", perRow, ten, thousand)
	}
}

// A function of one string or one time.Time returning a string is called
// directly (callDirect): what a template writes, and every error it
// returns, are those of the same function called through reflect (here,
// one with an error result as well, which callDirect leaves to evalCall).
func TestDirectFunc(t *testing.T) {
	day := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	up := func(s string) string {
		if s == "boom" {
			panic(errors.New("boom"))
		}
		return strings.ToUpper(s)
	}
	date := func(t time.Time) string {
		if t.IsZero() {
			panic("no date")
		}
		return t.Format(time.DateOnly)
	}
	direct := FuncMap{"up": up, "date": date}
	reflected := FuncMap{
		"up":   func(s string) (string, error) { return up(s), nil },
		"date": func(t time.Time) (string, error) { return date(t), nil },
	}
	data := map[string]any{
		"S": "s", "Any": any("any"), "N": 3, "Boom": "boom", "Nil": nil,
		"T": day, "PT": &day, "Zero": time.Time{}, "Up": up,
	}
	// A value of an unexported field, as Execute may be given one: reflect
	// refuses to call a function with it.
	hidden := reflect.ValueOf(struct {
		s string
		t time.Time
	}{"hidden", day})
	for _, c := range []struct {
		text string
		data any
	}{
		{`{{up .}}`, hidden.Field(0)}, {`{{. | up}}`, hidden.Field(0)},
		{`{{date .}}`, hidden.Field(1)}, {`{{. | date}}`, hidden.Field(1)},
		{`{{print .}}`, hidden.Field(0)}, {`{{html .}}`, hidden.Field(0)}, {`{{. | urlquery}}`, hidden.Field(0)},
		{`{{frag "a" .}}`, hidden.Field(0)}, {`{{. | frag "a"}}`, hidden.Field(0)},
	} {
		run := func(funcs FuncMap) (string, string) {
			var b strings.Builder
			err := Must(New("t").Funcs(funcs).Parse(c.text)).Execute(&b, c.data)
			if err != nil {
				return b.String(), err.Error()
			}
			return b.String(), ""
		}
		strs := func(f func(...any) string) func(...any) (string, error) {
			return func(args ...any) (string, error) { return f(args...), nil }
		}
		frag := func(name string, data any) (any, error) { return name, nil }
		direct["frag"] = frag
		got, gotErr := run(direct)
		want, wantErr := run(FuncMap{
			"up": reflected["up"], "date": reflected["date"],
			"frag":  func(name string, data any, _ ...int) (any, error) { return frag(name, data) },
			"print": strs(fmt.Sprint), "html": strs(HTMLEscaper), "urlquery": strs(URLQueryEscaper),
		})
		if got != want || gotErr != wantErr {
			t.Errorf("%s of a hidden field: wrote %q, error %q; through reflect %q, error %q", c.text, got, gotErr, want, wantErr)
		}
	}
	for _, text := range []string{
		`{{up "a"}}`, `{{"b" | up}}`, `{{up .S}}`, `{{.S | up}}`, `{{up .Any}}`,
		`{{up (up .S)}}`, `{{up .S | up}}`, `{{with .S}}{{up .}}{{end}}`, `{{$x := "v"}}{{up $x}}`,
		`{{up .N}}`, `{{up}}`, `{{up "a" "b"}}`, `{{"a" | up "b"}}`, `{{up .Boom}}`, `{{up .Nil}}`,
		`{{up .Missing}}`, `{{up .T}}`, `{{call .Up "c"}}`,
		`{{date .T}}`, `{{.T | date}}`, `{{date .PT}}`, `{{.PT | date}}`, `{{date .Zero}}`,
		`{{date .S}}`, `{{date}}`, `{{date .Nil}}`, `{{date .T .T}}`,
	} {
		run := func(funcs FuncMap) (string, string) {
			tmpl, err := New("t").Funcs(funcs).Parse(text)
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			var b strings.Builder
			err = tmpl.Execute(&b, data)
			if err != nil {
				return b.String(), err.Error()
			}
			return b.String(), ""
		}
		got, gotErr := run(direct)
		want, wantErr := run(reflected)
		if got != want || gotErr != wantErr {
			t.Errorf("%s: wrote %q, error %q; through reflect %q, error %q", text, got, gotErr, want, wantErr)
		}
	}
}

// The functions of TestDirectFunc's types are those called directly.
func TestDirectFuncFound(t *testing.T) {
	tmpl := New("t").Funcs(FuncMap{"up": strings.ToUpper, "date": func(time.Time) string { return "" }, "n": func(int) string { return "" }})
	if f, _ := tmpl.function("up"); f.str == nil {
		t.Error("up is not called directly")
	}
	if f, _ := tmpl.function("date"); f.time == nil {
		t.Error("date is not called directly")
	}
	if f, ok := tmpl.function("n"); !ok || f.str != nil || f.time != nil {
		t.Errorf("n: %+v, %v; want a function called through reflect", f, ok)
	}
	if f, ok := tmpl.function("len"); !ok || !f.builtin {
		t.Errorf("len: %+v, %v; want the builtin", f, ok)
	}
}

// Functions given after an execution are the ones the next calls: the
// table of functions is made again (Template.function).
func TestFuncsAfterExecute(t *testing.T) {
	tmpl := Must(New("t").Funcs(FuncMap{"f": strings.ToUpper, "g": strings.ToUpper}).Parse(`{{f "a"}}{{g "b"}}`))
	for _, want := range []string{"AB", "aB"} {
		var b strings.Builder
		if err := tmpl.Execute(&b, nil); err != nil || b.String() != want {
			t.Errorf("wrote %q, error %v; want %q", b.String(), err, want)
		}
		tmpl.Funcs(FuncMap{"f": strings.ToLower})
	}
}
