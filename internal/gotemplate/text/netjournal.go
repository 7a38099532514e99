package template

// netjournal's changes to the copy (see ../README.md): what executing a
// template did through reflect on every action, done directly. Nothing
// here changes what a template writes or which errors it returns.

import (
	"fmt"
	"io"
	"reflect"
	"sync"
	"time"

	"text/template/parse"
)

var stringsFuncType = reflect.TypeFor[func(...any) string]()

// stringsFunc returns fun as a func(...any) string, the signature of
// html/template's escapers (several on nearly every action), when it is
// one.
func stringsFunc(fun reflect.Value) (func(...any) string, bool) {
	if fun.Type() != stringsFuncType || !fun.CanInterface() {
		return nil, false
	}
	f, ok := fun.Interface().(func(...any) string)
	return f, ok
}

// callStrings is evalCall for f, fun's function (args without the
// function's own name): its arguments, then the final value, evaluated as
// evalCall evaluates them for a ...any parameter, f called without
// reflect.Value.Call, and a panic in f an error, as safeCall makes it.
func (s *state) callStrings(dot, fun reflect.Value, f func(...any) string, node parse.Node, name string, args []parse.Node, final reflect.Value) reflect.Value {
	// The last command of an action that prints its value (an escaper,
	// on nearly every action html/template escapes) hands its string
	// over in the state, not in an interface of its own (an allocation
	// for every action of every page, 0.5 GB of a 100,000-post build):
	// it is printed before any other action's is made. Known at once,
	// before the arguments (which may execute templates) are evaluated.
	direct := node == s.direct
	var values [4]reflect.Value
	vs := values[:0]
	for _, arg := range args {
		vs = append(vs, s.evalArg(dot, anyType, arg))
	}
	if !isMissing(final) {
		vs = append(vs, s.validateType(final, anyType))
	}
	if v, refused := s.callHidden(fun, vs, node, name); refused {
		return v
	}
	var evaluated [4]any
	vals := evaluated[:0]
	for _, v := range vs {
		vals = append(vals, interfaceOf(v))
	}
	// The slice f gets is the state's, emptied after the call: one
	// allocation less for nearly every action. The arguments are
	// evaluated first, as an argument's pipeline may call another such
	// function. f must not keep its arguments, which no function of the
	// type netjournal's templates can call does: the escapers, print,
	// html, js and urlquery, and no function of netjournal's (a theme
	// adds none).
	s.vals = append(s.vals[:0], vals...)
	out, err := safeStrings(f, s.vals)
	clear(s.vals)
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", name, err)
	}
	if direct {
		s.out = out
		return reflect.ValueOf(&s.out).Elem()
	}
	return reflect.ValueOf(out)
}

var fragmentFuncType = reflect.TypeFor[func(string, any) (any, error)]()

// fragmentFunc returns fun as a func(string, any) (any, error), the
// signature of netjournal's cached (called for every entry of a list),
// when it is one.
func fragmentFunc(fun reflect.Value) (func(string, any) (any, error), bool) {
	if fun.Type() != fragmentFuncType || !fun.CanInterface() {
		return nil, false
	}
	f, ok := fun.Interface().(func(string, any) (any, error))
	return f, ok
}

// callHidden calls fun through reflect when one of args is a value
// reflect refuses to pass (read from an unexported field: Execute may be
// given one as its data, and a function may return one), and reports
// whether it did: reflect.Value.Call refuses it, and the execution stops
// with that error as evalCall's does, where the direct calls would have
// called the function, or panicked.
func (s *state) callHidden(fun reflect.Value, args []reflect.Value, node parse.Node, name string) (reflect.Value, bool) {
	for _, v := range args {
		if v.IsValid() && !v.CanInterface() {
			out, err := safeCall(fun, args)
			if err != nil {
				s.at(node)
				s.errorf("error calling %s: %w", name, err)
			}
			return out, true
		}
	}
	return reflect.Value{}, false
}

// callFragment is evalCall for f (args without the function's own name,
// their number checked): its two arguments, or its first and the final
// value, evaluated as evalCall evaluates them, f called without
// reflect.Value.Call, a panic in f an error, as safeCall makes it, and
// its result the interface value reflect.Value.Call returns.
func (s *state) callFragment(dot, fun reflect.Value, f func(string, any) (any, error), node parse.Node, name string, args []parse.Node, final reflect.Value) reflect.Value {
	first := s.evalArg(dot, stringType, args[0])
	var second reflect.Value
	if len(args) > 1 {
		second = s.evalArg(dot, anyType, args[1])
	} else {
		second = s.validateType(final, anyType)
	}
	if v, refused := s.callHidden(fun, []reflect.Value{first, second}, node, name); refused {
		return v
	}
	out, err := safeFragment(f, first.String(), interfaceOf(second))
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", name, err)
	}
	return reflect.ValueOf(&out).Elem()
}

func safeFragment(f func(string, any) (any, error), name string, data any) (out any, err error) {
	defer recovered(&err)
	return f(name, data)
}

var anyType = reflect.TypeFor[any]()

// interfaceOf is what a ...any parameter receives for v from
// reflect.Value.Call: nil for the zero Value or a nil interface.
func interfaceOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func safeStrings(f func(...any) string, args []any) (out string, err error) {
	defer recovered(&err)
	return f(args...), nil
}

// recovered, deferred, makes a panic of the call an error, as safeCall
// does.
func recovered(err *error) {
	if r := recover(); r != nil {
		if e, ok := r.(error); ok {
			*err = e
		} else {
			*err = fmt.Errorf("%v", r)
		}
	}
}

var stringType = reflect.TypeFor[string]()

// printString is printValue for a value of type string (which has no
// String or Error method), what every action of an HTML template prints
// (its last escaper's result): written as fmt.Fprint writes it, without
// fmt. It reports whether v was one.
func (s *state) printString(v reflect.Value) bool {
	if v.Kind() != reflect.String || v.Type() != stringType {
		return false
	}
	if _, err := io.WriteString(s.wr, v.String()); err != nil {
		s.writeError(err)
	}
	return true
}

// names is what a type has by name: its exported methods' indexes and,
// for a struct, its fields as FieldByName finds them. Found once a type:
// reflect's MethodByName makes the method's type (FuncOf, a lookup in a
// global cache) on every call, and FieldByName searches the struct's
// fields, and its embedded structs' breadth first.
type names struct {
	methods map[string]int
	fields  map[string]reflect.StructField
}

var types sync.Map // reflect.Type -> *names

func namesOf(t reflect.Type) *names {
	if n, ok := types.Load(t); ok {
		return n.(*names)
	}
	n := &names{methods: make(map[string]int, t.NumMethod())}
	for i := range t.NumMethod() {
		n.methods[t.Method(i).Name] = i
	}
	if t.Kind() == reflect.Struct {
		n.fields = make(map[string]reflect.StructField)
		for _, f := range reflect.VisibleFields(t) {
			if g, ok := t.FieldByName(f.Name); ok {
				n.fields[f.Name] = g
			}
		}
	}
	types.Store(t, n)
	return n
}

// typeNames holds the types an execution found last through namesOf: a
// template reads fields of a few types over and over, and comparing
// four of them costs less than namesOf's hashing (7 % of executing a
// contact page).
type typeNames struct {
	t    [4]reflect.Type
	n    [4]*names
	next int
}

func (s *state) namesOf(t reflect.Type) *names {
	c := s.names
	for i := range c.t {
		if c.t[i] == t {
			return c.n[i]
		}
	}
	n := namesOf(t)
	c.t[c.next], c.n[c.next] = t, n
	c.next = (c.next + 1) % len(c.t)
	return n
}

// methodByName is v.MethodByName(name).
func (s *state) methodByName(v reflect.Value, name string) reflect.Value {
	if v.Kind() == reflect.Interface {
		return v.MethodByName(name) // the interface's methods
	}
	if i, ok := s.namesOf(v.Type()).methods[name]; ok {
		return v.Method(i)
	}
	return reflect.Value{}
}

// fieldByName is t.FieldByName(name).
func (s *state) fieldByName(t reflect.Type, name string) (reflect.StructField, bool) {
	f, ok := s.namesOf(t).fields[name]
	return f, ok
}

// function is a function an execution calls by name: a template's own
// (Funcs) or a builtin, with what calls it directly when its type is one
// of those called most (callDirect).
type function struct {
	value   reflect.Value
	builtin bool
	str     func(string) string    // value's function, when of this type
	time    func(time.Time) string // value's function, when of this type
}

// functionTable is every function a template's executions may call by
// name: its own (Funcs), which hide the builtins of the same name, as
// findFunction had them. A table is never changed once made: Funcs makes
// the next. findFunction read the map under the template's lock at every
// call, for every page on every core (a tenth of executing the pages of
// 10,000 posts, 2,000 contacts and 20,000 events went to finding
// functions, most of it in the lock's shared counter).
type functionTable map[string]function

var (
	stringStringType = reflect.TypeFor[func(string) string]()
	timeStringType   = reflect.TypeFor[func(time.Time) string]()
	timeType         = reflect.TypeFor[time.Time]()
)

// function returns the function of the name a template calls.
func (t *Template) function(name string) (function, bool) {
	if t == nil || t.common == nil {
		v, ok := builtinFuncs()[name]
		return function{value: v, builtin: true}, ok
	}
	table := t.functions.Load()
	if table == nil {
		table = t.functionTable()
	}
	f, ok := (*table)[name]
	return f, ok
}

// functionTable makes the template's function table and keeps it. It is
// made and kept under the lock Funcs takes to change the functions, which
// lets the table go once it has changed them: a table made before is
// never kept after.
func (c *common) functionTable() *functionTable {
	c.muFuncs.RLock()
	defer c.muFuncs.RUnlock()
	if table := c.functions.Load(); table != nil {
		return table
	}
	builtins := builtinFuncs()
	table := make(functionTable, len(builtins)+len(c.execFuncs))
	for name, v := range builtins {
		table[name] = function{value: v, builtin: true}
	}
	for name, v := range c.execFuncs {
		f := function{value: v}
		if v.CanInterface() {
			switch v.Type() {
			case stringStringType:
				f.str, _ = v.Interface().(func(string) string)
			case timeStringType:
				f.time, _ = v.Interface().(func(time.Time) string)
			}
		}
		table[name] = f
	}
	c.functions.Store(&table)
	return &table
}

// callDirect is evalCall for a function of one argument of the types
// function holds (a template's link and date functions, called for every
// entry of a list), when the call gives it one: that argument evaluated
// as evalCall evaluates it, the function called without
// reflect.Value.Call, a panic in it an error, as safeCall makes it. ok is
// false for another function or another number of arguments, which
// evalCall calls (or refuses) as before. args holds the function's name
// first, as evalCall's does.
func (s *state) callDirect(dot reflect.Value, f function, node parse.Node, name string, args []parse.Node, final reflect.Value) (v reflect.Value, ok bool) {
	if f.str == nil && f.time == nil {
		return reflect.Value{}, false
	}
	if args != nil {
		args = args[1:]
	}
	n := len(args)
	if !isMissing(final) {
		n++
	}
	if n != 1 {
		return reflect.Value{}, false
	}
	argType := stringType
	if f.time != nil {
		argType = timeType
	}
	var arg reflect.Value
	if len(args) == 1 {
		arg = s.evalArg(dot, argType, args[0])
	} else {
		arg = s.validateType(final, argType)
	}
	if v, refused := s.callHidden(f.value, []reflect.Value{arg}, node, name); refused {
		return v, true
	}
	var out string
	var err error
	if f.str != nil {
		out, err = safeDirect(f.str, arg.String())
	} else {
		// Of type time.Time (validateType), and not hidden: the assertion
		// holds.
		t, _ := reflect.TypeAssert[time.Time](arg)
		out, err = safeDirect(f.time, t)
	}
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", name, err)
	}
	return reflect.ValueOf(out), true
}

func safeDirect[T any](f func(T) string, arg T) (out string, err error) {
	defer recovered(&err)
	return f(arg), nil
}
